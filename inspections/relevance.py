"""Is an article about an Ofsted judgement or visit of a local authority's children's services?

The visit and rating readers must have found an event or a judgement of an authority, and the
inspectorate must be there (Ofsted, inspectors, the watchdog, a joint inspection). A graded
judgement of an authority, a monitoring visit, a focused visit, a JTAI or a local area SEND
inspection is only ever about its children's services; an article naming only a plain
"inspection" must also speak of children's services (children's social care, social work,
safeguarding, children in care, ...). An article whose lead is about a nursery, a school, a
children's home or a fostering agency — with no authority's children's services in it — is not,
whatever it quotes; nor is one whose headline is about a council's adult social care.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from inspections.visits import Caseless, has_case_fold_traps

_SERVICES_WORDS = (
    r"\bchildren['’]?s?\s+(?:social\s+)?(?:services|social\s+care|social\s+work|care\s+services|"
    r"services\s+department|directorate)\b|\bsocial\s+(?:work|workers?|care)\b|"
    r"\bchild\s+protection\b|\bchildren\s+in\s+care\b|\bcare\s+leavers?\b|\blooked[-\s]after\b|"
    r"\bjoint\s+targeted\s+area\s+inspection|\bjtai\b|\bhelp\s+and\s+protection\b|"
    r"\bchildren\s+in\s+need\b|\bmulti-agency\b")
_CHILDRENS_SERVICES = Caseless(_SERVICES_WORDS + r"|\bsafeguarding\b")
# In a lead naming a school or a nursery, "safeguarding" is the provider's own (a school's
# safeguarding is judged effective or not): it does not make the lead about children's services.
_LEAD_CHILDRENS_SERVICES = Caseless(_SERVICES_WORDS)
_INSPECTORATE = re.compile(
    r"\bOfsted\b|\binspectors?\b|\binspectorate\b|\bwatchdog\b|\bjoint\s+targeted\s+area\s+inspection|\bJTAI\b|"
    r"\bHMI\b|\bmonitoring\s+visit|\bfocused\s+visit", re.IGNORECASE)
_PROVIDER = Caseless(
    r"\b(?:nurser(?:y|ies)|pre-?schools?|primary\s+schools?|secondary\s+schools?|schools?|academ(?:y|ies)|"
    r"children['’]s\s+homes?|care\s+homes?|childminders?|playgroups?|colleges?|"
    r"(?:fostering|adoption)\s+agenc(?:y|ies)|supported\s+accommodation)\b")
_LEAD_CHARS = 600
# Every `_PROVIDER` word holds one of these. A lead without any (in lower case) cannot match, and
# is not searched: a search of 600 characters costs more than the rest of this module. Unless it
# has a letter that a case-insensitive search reads as "i" or "s" and lower() does not.
_PROVIDER_STEMS = ("nurser", "school", "academ", "home", "childminder", "playgroup", "college", "agenc",
                   "accommodation")


def lead_is_about_a_provider(text: str) -> bool:
    """The headline and lead name a nursery, school, home or agency and no children's services."""
    lead = text[:_LEAD_CHARS]
    low = lead.lower()
    traps = has_case_fold_traps(lead)
    if not any(stem in low for stem in _PROVIDER_STEMS) and not traps:
        return False
    exact = low if len(low) == len(lead) and not traps else None
    return _PROVIDER.search_copy(lead, exact) and not _LEAD_CHILDRENS_SERVICES.search_copy(lead, exact)


# The adult care regulator and what it assesses. A headline naming them, with no children, young
# people, SEND or Ofsted in it, is about a council's adult services, however the body of the
# article compares them with Ofsted's inspections of children's services.
_ADULT_CARE = re.compile(r"\badult\s+(?:social\s+)?care\b|\bCare\s+Quality\s+Commission\b|\bCQC\b",
                         re.IGNORECASE)
_CHILDREN_OR_OFSTED = re.compile(r"\bchild|\byoung\s+people|\bSEND\b|\bOfsted\b", re.IGNORECASE)


def headline_is_about_adult_care(text: str) -> bool:
    """The first line names the adult care regulator or adult social care, and no children."""
    headline = text.lstrip().split("\n", 1)[0]
    return bool(_ADULT_CARE.search(headline)) and not _CHILDREN_OR_OFSTED.search(headline)


_LA_ONLY_EVENT = ("monitoring_visit", "focused_visit", "jtai", "other")


def is_relevant(text: str, visit_types: Iterable[str] = (), n_ratings: int = 0) -> bool:
    """The verdict for one article, given the types of the visits and the number of judgements
    read in it. Monitoring visits, focused visits, JTAIs and graded judgements of an authority are
    only ever of its children's services; a plain inspection also needs the text to say so."""
    visit_types = list(visit_types)
    if not visit_types and n_ratings == 0:
        return False
    if not _INSPECTORATE.search(text) or lead_is_about_a_provider(text) or headline_is_about_adult_care(text):
        return False
    if n_ratings or any(t in _LA_ONLY_EVENT for t in visit_types):
        return True
    return bool(_CHILDRENS_SERVICES.pattern.search(text))
