"""Inspectors' statements about practice: what Ofsted, its inspectors, the report or the letter
judged, in the article's own words or quoted.

A sentence is a finding when

* it lies inside a quotation spoken by Ofsted (an inspector, the report, the letter): every
  sentence of that quotation is one;
* it carries an Ofsted attribution with a judging verb: "Inspectors found ...", "..., the letter
  states", "according to Ofsted", "concerns were raised by inspectors", "highlighted in the
  report", or holds a phrase quoted from the report;
* it follows an Ofsted lead-in that ends in a colon ("The report highlighted:") as one of the
  paragraphs or bullets listed under it;
* it continues, with an evaluative statement and no speaker of its own, a finding just before,
  or stands in the article's account of the inspection (from an Ofsted finding until someone
  else speaks or a heading starts another part of the story).

Councillors' and officers' words are quotations, not findings; background (when a visit took
place, what a framework is) and the grade itself (a rating) are not findings either.

A sentence carrying two judgements is split into clauses (", but", "; ", ", while", " and
that", "and [inspectors] said", and "and"/", with" between clauses about different themes).
Each finding gets a polarity (positive, negative, mixed; with negation and contrast) and one
theme from a weighted keyword scorer (`_THEME_SOURCE`): the theme whose keywords weigh most,
words at the head of the clause counting extra, ties going to the earliest keyword; a clause
naming none takes the theme of the clause it continues or the cohort ("These children") of the
sentence before, else `practice_quality`.

Speed: each sentence is read once by a word-level lexicon (`attribution.Lexicon`) for theme
keywords and polarity cues together; clauses take the hits inside their span.
"""

from __future__ import annotations

import functools
import re

from inspections.attribution import _SPEECH_VERB_L as _SPEECH_VERB_LOW
from inspections.attribution import Analysis, Lexicon, RawQuote, analyse
from inspections.records import Finding, Quote
from inspections.text import at_word_start

MIN_FINDING_WORDS = 3

# --- themes ------------------------------------------------------------------------------------

# (pattern, theme, weight), tried in order; a match hides its words from later rules, so a
# phrase ("multi-agency safeguarding hub", "risk assessment", "monitoring visit") is read once.
# A theme of None marks words that name no theme ("monitoring visit" is not about visits).
_THEME_SOURCE: list[tuple[str, str | None, float]] = [
    # the cohort of the help and protection judgement: whom the work is for (see the cohorts below)
    (r"children (?:in need of|who need|needing) help and protection", "risk", 1.5),
    # words that name no theme: "monitoring visit" is not about visits to children,
    # "help and protection" is an inspection judgement's name
    (r"monitoring visits?|focused visits?|visit to the (?:council|borough|authority|county)|help and protection|"
     r"(?:children and |children's and )?families (?:trust|service|directorate|department)", None, 0),
    # "children and families" are the people a service is for, not engagement with parents
    (r"(?:children|child|young people) and (?:their )?famil(?:y|ies)", None, 0),
    (r"practice with (?:children and )?(?:their )?famil(?:y|ies)", "practice_quality", 3),
    (r"self[- ]assessment|self[- ]evaluation|knows? (?:itself|themselves)|self-aware|"
     r"(?:aware|awareness) of (?:the |their |its )?(?:areas|strengths|weaknesses|where)", "leadership", 3),
    (r"risk assessments?", "risk", 2),
    (r"(?:child protection|child in need|care|pathway|cin|cp|written|contingency) plans?|"
     r"\b(?:plans?|planning) for children", "planning", 3),
    # a cohort named as "children who are ..." says whom the work is for; what the clause says
    # about that work (their plans, their assessments) names the theme when it names one
    (r"children (?:in care )?and care leavers", "care_leavers", 1.5),
    (r"children (?:who are |who were )?(?:in care|looked[- ]after)", "children_in_care", 1.5),
    (r"children (?:who are |who were )?at (?:\w+ )?risk of (?:\w+[- ])?(?:harm|exploitation|abuse|neglect)",
     "risk", 2.5),
    (r"children (?:who are |who were )?privately fostered", "other", 1.5),
    (r"private fostering|privately fostered|homeless\w*|family hubs?", "other", 2.5),
    (r"multi-agency safeguarding hubs?|\bmash\b|front door|children'?s? (?:advice|services) hub|thresholds?",
     "front_door", 4),
    (r"\bcontacts?\b|\breferrals?\b|(?:they|children|families) (?:were|are|had been|have been) referred|swift response|timely response|initial response|first response|"
     r"identified early", "front_door", 2.5),
    (r"care leavers?|leaving care|pathway plans?|personal advis[eo]rs?|staying put|"
     r"independent (?:living|housing|accommodation)|(?:suitable|unsuitable|temporary|supported) (?:housing|"
     r"accommodation|lodgings)|"
     r"bed and breakfast", "care_leavers", 4),
    (r"disabled children|disabilit(?:y|ies)|complex needs|special educational needs|short breaks",
     "disabled_children", 4),
    # the move to adult services is planned for disabled young people (care leavers leave care)
    (r"(?:move|moves|moving|transition|transitions) (?:\w+ )?to adult (?:social care|services)|approaching adulthood|"
     r"preparing for adulthood", "disabled_children", 3),
    (r"unaccompanied|asylum|refugees?|translators?|interpreters?", "uasc", 4),
    (r"covid(?:-19)?|pandemic|coronavirus|lockdowns?", "covid", 4),
    (r"management oversight|\boversight\b|supervision|supervisory|quality assurance|\baudits?\b|"
     r"management challenge|managers'? (?:scrutiny|challenge|grip|decisions?)|independent reviewing officers?|"
     r"\biros?\b|escalat\w*", "management_oversight", 3),
    (r"record[- ]keeping|case records?|case recording|recording|recorded|\brecords?\b|case notes|"
     r"chronolog(?:y|ies)", "recording", 3),
    (r"\bmorale\b|case ?loads?|work ?loads?|workforce|recruit\w*|retention|retain(?:ed|ing)?\b|turnover|"
     r"agency (?:social )?workers|agency staff|vacanc(?:y|ies)|staffing|changes? of social workers?|"
     r"(?:several|many|four or more|three or more|different) social workers|social workers (?:were |are )?"
     r"leaving|permanent (?:social )?workers?|permanent staff", "workforce", 3),
    (r"\bstaff\b|training|trained|(?:enjoy|enjoys|enjoyed|like|liked|proud to be) working|(?:social )?workers (?:feel|felt|are|were|say|said|told \w+ they felt) "
     r"(?:well |more )?(?:supported|valued)", "workforce", 2),
    (r"improvement plans?|action plans?|plans? (?:in place )?(?:to address|for improvement)|"
     r"plans? in place|improvement board", "leadership", 3),
    (r"senior (?:leaders(?:hip)?|managers|management)(?: team)?|leaders(?:hip)?\b|well[- ]led|pace of (?:change|"
     r"improvement)|political|corporate|governance|\bgrip\b|decisive action|"
     r"performance management|performance information|strengths and weaknesses|(?:know|knows|understand|"
     r"understands) (?:their|its) (?:own )?strengths|understanding of (?:their|its|the|where) (?:own )?(?:strengths|"
     r"weaknesses|performance|services?|quality of practice|practice)|director of children'?s services|areas for (?:further )?(?:development|"
     r"improvement)|public parent|corporate parent\w*|chief executive|scale of (?:the )?improvements?|"
     r"(?:increased|greater) stability|areas needing (?:further )?(?:development|improvement)", "leadership", 3),
    (r"vision|determination|aspirations?|ambitio\w*|culture", "leadership", 2),
    (r"across (?:all |the ){0,2}(?:agencies|partners)|multi-agency|partnership working|inspectorates|"
     # what agencies tell each other: "information is not shared between agencies"
     r"information (?:\w+ ){0,6}(?:is|was|are|were) (?:not )?"
     r"(?:always )?shared|information[- ]sharing|"
     r"(?:work|works|worked|working) (?:closely |well |effectively )?together|joint working", "partnership", 4),
    (r"partners(?:hips?)?\b|partner agencies|agencies|strategy (?:discussions?|meetings?)|"
     r"child protection conferences?|\bpolice\b|health (?:partners|services|service|"
     r"colleagues|visitors|practitioners|assessments?)|\bschools?\b|voluntary sector|camhs|child and "
     r"adolescent mental health|mental health services|emergency departments?", "partnership", 3),
    (r"children in care|looked[- ]after|in care\b|placements?|\bplaced\b|permanence|matching|matched|"
     r"foster(?:ing|ers| carers?| care|ed)?\b|residential|children we care for|life story|stable (?:\w+ )?homes|"
     r"(?:live|living|lives) in (?:\w+ ){0,2}homes|(?:live|living|lives) with (?:\w+ ){0,2}carers|homes that meet|"
     r"brothers and sisters|siblings|(?:adoption|adoptive|foster|family|placement) match(?:es)?", "children_in_care", 3),
    (r"knife crime|(?:criminal |sexual )?exploitation|exploited|county lines|domestic abuse|gangs?|trafficking|"
     r"radicalisation|perpetrators?|return (?:home )?interviews?|go(?:es)? missing|went missing|been missing|"
     r"(?:at )?risk of (?:\w+[- ])?(?:harm|exploitation|abuse|neglect)", "risk", 4),
    (r"child protection|safeguard\w*|at risk|\bharm(?:ful)?\b|neglect\w*|\brisks?\b|missing|"
     r"protect(?:ed|ion|ing)?\b|safety|\bsafe\b", "risk", 2.5),
    (r"\babuse\b|vulnerable", "risk", 1),
    (r"\bassessments?\b|\bassessed\b|\bassessing\b|parent(?:al|ing) capacity", "assessment", 3),
    (r"\bplans?\b|\bplanning\b", "planning", 2.5),
    # parents who feel heard: engagement with the family, not the child's voice
    (r"(?:parents|families|carers) (?:\w+ ){0,3}(?:felt|feel|feels|were|are) (?:\w+ )?(?:listened to|heard)",
     "family", 4),
    # how often children are seen weighs more than whom it is said of ("children placed far away")
    (r"(?:see|sees|saw|seen|visit|visits|visited) (?:\w+ ){0,3}(?:as often as|often enough)|"
     # a child's wait for a visit is how often children are seen, not Ofsted's visit
     r"(?:wait|waits|waited|waiting) (?:\w+ ){0,2}for (?:a |an |their )?(?:first |home )?visits?", "visits", 4),
    (r"lived experiences?|seen alone|(?:know|knew|knows|getting to know) (?:their|the|these) children|"
     r"at the centre|child-centred|child centred|involved in decisions|heavily involved|wishes|feelings|"
     r"\bvoices?\b|\bviews\b|participation|listen(?:s|ed|ing)?\b|what children say|direct work", "child_voice", 3),
    (r"(?:seen|visited|seeing|see|visit) (?:children |them )?(?:more )?(?:regularly|frequently|often)|regularly seen|"
     r"(?:are|is|being|were|been) (?:not )?seen (?:regularly|alone|on their own|every|quickly|promptly|soon)|"
    r"(?:two|three|four|six|eight|"
     r"ten|twelve)[- ]weekly|fortnightly|statutory visits|"
     r"\bvisits?\b|\bvisit(?:ed|ing)?\b|allocated social workers?", "visits", 3),
    (r"\bfamil(?:y|ies)\b|\bparents?\b|parental|fathers?|mothers?|\bcarers?\b|relatives|friends", "family", 2.5),
    (r"early help|early intervention|therapeutic|psychological|youth offending|youth justice|adoption|"
     r"edge of care|private fostering|privately fostered|homeless\w*", "other", 2.5),
    (r"social work practice|quality of (?:\w+ )?(?:social work|practice|(?:the )?work|support|services|care|"
     r"provision)|practice model|\bpractice\b|case ?work|standard of (?:practice|work)|failures?|outcomes?|"
     r"life chances|up to scratch|experiences of children|social care services|social work(?!er)",
     "practice_quality", 2),
    (r"\bservices?\b|\bimprove\w*|\bimproving\b", "practice_quality", 1),
    (r"\bprogress\w*|consolidat\w*|performance|right direction|direction of travel", "leadership", 2.5),
]
# weak keywords decide a theme only when nothing more specific is said
_WEAK = {len(_THEME_SOURCE) - 2, len(_THEME_SOURCE) - 1}
THEME_RULES = [(t, w, i in _WEAK) for i, (_, t, w) in enumerate(_THEME_SOURCE)]
# One pass over a clause: an alternation of every rule, earlier rules first, so at any place the
# earlier (more specific) rule wins and a matched phrase is not read again by a later rule.
# Matched word by word (see attribution.Lexicon): the earlier rule wins at a place, and the words
# of a matched phrase are not read again by a later rule.
_THEME_PATTERNS = [p for p, _, _ in _THEME_SOURCE]
_COHORT_THEMES = ("uasc", "care_leavers", "disabled_children", "children_in_care")
_ANAPHORIC_COHORT = re.compile(r"^(?:these|those|such)\s+(?:children|young people|young persons|"
                               r"youngsters|care leavers)\b", re.I)
_ANAPHORIC_PRONOUN = re.compile(r"^(?:their|they)\b", re.I)
_ANAPHORIC = re.compile(r"\b(?:this area|these areas|this work|this aspect|these aspects)\b", re.I)
HEAD_WORDS = 5
HEAD_BONUS = 1.5
_WORDS = re.compile(r"\S+")
_ASIDE = re.compile(r",\s+(?:which|who)\b[^,.;]*(?=,)")
_DESPITE = re.compile(r"\bdespite\b[^,.;]*(?:,|$)|\bdespite the [^,.;]*?(?=,|\.|;|$)", re.I)
_HEAD_STRIP = re.compile(
    r"^(?:(?:however|but|and|also|overall|furthermore|in summary|with this being said|"
    r"in addition|as a result)[, ]+)*(?:(?:in|on|at|following|after|during)\b[^,]{0,50},\s*)?(?:[^,]{0,60}?\b(?:found|said|says|noted|reported|praised|"
    r"highlighted|stated|states|added|adds|acknowledged|recognised|advised|concluded|felt|agreed|finds|notes|"
    r"praising|saying|finding|noting|describing|highlighting)"
    r"\s+(?:that\s+)?)?", )


def _aside_spans(clause: str) -> list[tuple[int, int]]:
    """What a clause says in passing: "despite ..." and ", which/who ...," asides (offsets)."""
    low = clause.lower()
    spans: list[tuple[int, int]] = []
    if "despite" in low:
        spans += [m.span() for m in _DESPITE.finditer(clause)]
    if ", which" in low or ", who" in low:
        spans += [m.span() for m in _ASIDE.finditer(clause)]
    return spans


class _Scan:
    """Keyword hits of one stretch of text (a sentence), read once and shared by its clauses.

    `low` is the text lower-cased as the article's lower-cased text has it (same offsets). What is
    worked out about the sentence's clauses (themes, polarity, clause splits) is kept in `memo`,
    keyed by offsets into the sentence."""

    __slots__ = ("text", "low", "themes", "toks", "cues", "memo")

    def __init__(self, text: str, low: str):
        self.text, self.low = text, low
        self.toks, (self.themes, self.cues) = _LEXICON.scan_channels(text)
        self.memo: dict[tuple, object] = {}


@functools.lru_cache(maxsize=8192)
def _scan_of(sentence: str, low: str) -> _Scan:
    """The scan of one sentence (cached: boilerplate sentences recur across articles, and the scan
    keeps what was worked out about them). Callers only read it."""
    return _Scan(sentence, low)


def _within(hit, lo: int, hi: int, skip: list[tuple[int, int]]) -> bool:
    if hit.start < lo or hit.end > hi:
        return False
    return not skip or not any(a <= hit.start - lo < b for a, b in skip)  # most clauses have no aside


def _theme_scores_in(scan: _Scan, clause: str, lo: int) -> tuple[dict[str, float], dict[str, int], frozenset[str]]:
    """Theme scores of `clause`, which starts at offset `lo` of the scanned text."""
    key = ("themes", lo, len(clause))
    done = scan.memo.get(key)
    if done is None:
        done = scan.memo[key] = _theme_scores_uncached(scan, clause, lo)
    return done


def _theme_scores_uncached(scan: _Scan, clause: str, lo: int) -> tuple[dict[str, float], dict[str, int], frozenset[str]]:
    head = _HEAD_STRIP.match(clause.lower())
    head_end = head.end() if head else 0
    head_limit = head_end
    for k, w in enumerate(_WORDS.finditer(clause, head_end)):
        head_limit = w.end()
        if k == HEAD_WORDS - 1:
            break
    skip = _aside_spans(clause)
    hi = lo + len(clause)
    scores: dict[str, float] = {}
    first: dict[str, int] = {}
    strong: set[str] = set()
    for hit in scan.themes:
        if not _within(hit, lo, hi, skip):
            continue
        theme, weight, weak = THEME_RULES[hit.label]
        if theme is None:
            continue
        if theme == "visits" and hit.last_token - hit.first_token == 1 and _is_inspection_visit(scan.toks, hit.first_token):
            continue
        at = hit.start - lo
        bonus = HEAD_BONUS if head_end <= at < head_limit else 1.0
        scores[theme] = scores.get(theme, 0.0) + weight * bonus
        if theme not in first:
            first[theme] = at
        if not weak:
            strong.add(theme)
    return scores, first, frozenset(strong)


# "the visit", "their sixth visit", "following a visit", "inspectors (who) visited": Ofsted's visit, not
# visits to children
_VISIT_DETERMINERS = frozenset("""this the their its last latest previous recent final first second third fourth
fifth sixth seventh eighth ofsted a following during since after inspectors inspector""".split())


def _is_inspection_visit(toks: list[str], i: int) -> bool:
    return (i >= 1 and toks[i - 1] in _VISIT_DETERMINERS) or (i >= 2 and toks[i - 2] in _VISIT_DETERMINERS
                                                                and toks[i - 1] not in ("children", "to"))


def _pick(scores: dict[str, float], first: dict[str, int], strong: frozenset[str], strong_only: bool) -> str | None:
    if strong_only:
        scores = {t: v for t, v in scores.items() if t in strong}
    if not scores:
        return None
    return max(scores, key=lambda t: (scores[t], -first[t]))


@functools.lru_cache(maxsize=4096)
def theme_scores(clause: str) -> tuple[dict[str, float], dict[str, int], frozenset[str]]:
    """Weighted keyword hits per theme (keywords among the first words of the clause, after any
    "inspectors found that", count extra), where each theme's first keyword stands, and which
    themes were named by a specific (not weak) keyword."""
    return _theme_scores_in(_Scan(clause, clause.lower()), clause, 0)


def best_theme(clause: str, strong_only: bool = False) -> str | None:
    """The theme whose keywords weigh most (ties: the earliest keyword); None without keywords,
    or, with `strong_only`, when only weak keywords ("services", "progress") speak."""
    return _pick(*theme_scores(clause), strong_only)


# --- polarity ----------------------------------------------------------------------------------

# top-level branches (no wrapping group): the lexicon expands each branch on its own
_NEG_PHRASES = re.compile(
    r"not (?:always|all|consistently|yet|sufficient\w*|adequate\w*|enough|widespread|up to scratch|"
    r"good enough|of a (?:consistently )?good|(?:\w+ ){0,2}(?:good|strong|effective|clear|robust|timely)\w*)|"
    r"insufficient\w*|\black(?:s|ed|ing)?\b|room for improvement|areas? (?:for|of|needing) (?:further )?"
    r"(?:improvement|development)|improvements? (?:are |is |were |was )?(?:still )?(?:needed|required)|"
    r"(?:still )?(?:need|needs|needed) to (?:improve|be improved|do more|develop)|work to do|more (?:work|needs|has) (?:to be done|"
    r"(?:is |)(?:needed|required)|to do)|further work|"
    r"continued work|more to do|more to be done|(?:relies|rely|relied|relying|reliance|depends?|depended|depending|dependent|dependence) "
    r"(?:\w+ )?on agency|high(?:er)? costs?|"
    # a high rate of staff loss or load is a strain, not praise: "high turnover of social workers"
    r"high(?:er)? (?:staff |social worker )?(?:turnover|caseloads?|case loads?|vacanc\w*)|"
    # chances let slip and children moved on are shortfalls: "missing chances to protect children"
    r"(?:missing|missed) (?:chances|opportunities)|(?:moved|moves|moving) between (?:\w+ )?placements|"
    # a recommendation names what is not yet done: "leaders should reduce ..."
    r"(?:call|calls|called|calling) for|"
    r"(?:should|must) (?:now |urgently |also )?(?:reduce|improve|ensure|make sure|strengthen|address|increase|"
    r"review|develop|tackle)|"
    # help withdrawn before it worked: "plans ended before the change was sustained", "closed too early"
    r"(?:end|ends|ended|ending|close|closes|closed|closing|stepped down) (?:too (?:early|soon|quickly)|"
    r"prematurely|before)|"
    r"(?:slow|slower|limited|little|insufficient|uneven) progress|progress (?:\w+ ){0,3}(?:\w+ )?(?:been|was|is|remains?|"
    r"remained) (?:slower|slow|limited|patchy|uneven)|(?:progress|improvement) (?:\w+ ){0,6}(?:has |had |have )?slowed|"
    r"(?:several|many|multiple|frequent|regular) changes of (?:social workers?|placements?)|(?:three|four|five|several) or "
    r"more social workers|(?:still )?needed|requires? improvement|still (?:need|has|have|"
    r"had|some|areas|not)|greater consistency|too (?:many|few|long|slow|often|much|high|low|late)|"
    r"(?:remain|remains|remained|is still|are still) (?:too )?(?:inconsistent|variable|poor|weak|inadequate|fragile|"
    r"slow|patchy|limited|unclear|underdeveloped|ineffective|mixed|uneven)|"
    # too much of a manner: "assessments focused too narrowly", "plans were too generic"
    r"too (?:\w+ly|generic|narrow|vague|general|broad)\b|"
    r"not|cannot|no longer|"
    # an effect not yet seen is not yet achieved: "too early to see the impact of the plan"
    r"too early to (?:see|tell|judge|say|assess|know|show|measure)|"
    # what is slow to come or waited for is lacking: "slow to recognise risk", "waiting for stability"
    r"(?:too )?slow to|(?:still )?(?:wait|waits|waited|waiting) for|"
    # a need foreseen is a caution: "the transition would need close oversight"
    r"(?:would|will) (?:still )?need|"
    # work done without the agencies who should share it: "strategy meetings held without partners"
    r"without (?:\w+ ){0,2}(?:partners|agencies|professionals)|"
    # a service not yet well again: "a service that was still recovering"
    r"still recovering")
_NEG_WORDS = re.compile(
    r"\b(?:inconsisten\w*|variab\w*|weak\w*|poor\w*|inadequate\w*|fail\w*|concerns?|concerned|delays?|"
    r"delayed|waits?|waiting|issues|lost|problems?|gaps?|drift|drifted|drifting|strain\w*|overspend\w*|"
    r"serious(?:ly)?|unsuitable|neglect\w*|harm|underdeveloped|unplanned|unmanageable|incomplete|warn(?:ed|s|ing) that|"
    r"worr\w*|criticis\w*|shortcomings|deficien\w*|limited|declin\w*|deteriorat\w*|unacceptabl\w*|"
    r"low|challenges?|challenging|struggl\w*|ineffective|unsafe|missed|lapses?|backlogs?|"
    r"instability|turnover|vacanc\w*|out of date|outdated|shortages?|slower|slow|leaving|overdue|fragile|"
    r"(?:left|remain|remains|remained) at risk|"
    r"rather than|held back|uneven\w*|disrupti\w*|disrupted|unregistered|"
    r"slipped|slipping|slowed|var(?:y|ies|ied))\b")
_POS_WORDS = re.compile(
    r"\b(?:improv\w*|progress\w*|strong\w*|good|effective\w*|well|consistent(?:ly)?|consolidat\w*|"
    r"appropriate(?:ly)?|adequately|prais\w*|commend\w*|impress\w*|recognis\w*|recogniz\w*|accurate\w*|"
    r"committed|commitment|stable|stability|clear(?:ly)?|rigorous\w*|embedded|swift\w*|timely|benefit\w*|"
    r"better|positive\w*|strength\w*|outstanding|excellent|high(?:ly)?|tenacious|manageable|focus(?:ed)?|"
    r"prioriti\w*|determination|aspiration\w*|ambitious|decisive|safeguarded|(?:feel\w*|well) supported|"
    r"supported (?:well|effectively|to|into)|skilled|experienced|"
    r"reflective|well-\w+|flourish\w*|captured|involved|reasonable|concurs|aware|understand\w*|"
    r"strengthen\w*|reduced|addressed|enjoy\w*|regularly|creative|dedicat\w*|thorough|robust|tangible|"
    r"agreed|helped|impressive|responsive|confident|proactive|purposeful|steady|maintain\w*|swiftly|"
    r"quickly|promptly|efficient\w*|capable|tirelessly|specialist|culture|acknowledged|succeed\w*|"
    r"success\w*|excel\w*|innovative|caring|secure|safe|safely|effectively|valued|enthusias\w*|passionate|"
    r"exceptional\w*|real difference|difference|right (?:level|support|help|time)|early|up to date|on time|"
    r"promptly|loving|ambitious|well attended|realistic|relentless|"
    r"resilient|sustained|sustainable|increasing|increased|greater|establish\w*|transform\w*|"
    r"right direction|regular|quicker|faster|easy|carefully|visible)\b")
_FALLEN = frozenset("reduced fallen fell decreased dropped declined".split())
_NEGATORS = frozenset("not no never without lack lacks lacking nor fail fails failed".split())
_REVERSERS = re.compile(r"less|fewer|reduc\w*|longer|tackl\w*|address\w*|before|prevent\w*|avoid\w*|without")
_NEUTRAL, _NEG_PHRASE, _NEG_WORD, _POS_WORD, _CONTRAST_WORD = range(5)
# words that hold a cue word and judge nothing: "as well as" adds an item, it does not praise, and
# "Greater Manchester" names a region;
# "children at risk of harm", "neglected children", "families experiencing abuse" name whom a
# service is for, and "the pace of improvement", "the scale of the improvements needed" what is
# judged, not how well it goes
_NEUTRAL_PHRASES = re.compile(
    r"as well(?: as)?|much[- ]needed|greater (?:manchester|london)|pace of (?:change|improvement)|(?:scale|extent) of (?:the )?(?:improvements?|change|"
    r"challenges?)(?: (?:required|needed))?|"
    r"children (?:who are |who were )?at (?:\w+ )?risk of (?:\w+ )?(?:harm|abuse|neglect|exploitation)|"
    r"neglected children|(?:experience|experiences|experienced|experiencing|living with) (?:\w+ )?"
    r"(?:neglect|abuse|harm)|(?:have|has|had) experienced|"
    # "experienced" as the verb of what befell children, not the praise of experienced staff
    r"(?:children|child|young people|families|they|who|some|many|others) experienced|"
    # a harm guarded against is not a shortfall: "planned to make sure the move does not disrupt care"
    r"(?:make sure|makes sure|made sure|ensure|ensures|ensured|ensuring) (?:that )?(?:\w+ ){0,4}"
    r"(?:does|do|did|is|are|was|were|will|would) not|"
    # a kind of visit, not a focus of praise; what a visit looked at, not praise of focus
    r"focused visits?|(?:inspectors|inspection|visit|they) (?:\w+ )?focused on|"
    # leaders who know their weak spots are praised, the weak spot only named: "an accurate
    # understanding of where practice needs to improve"
    r"(?:understanding|understand|understands|know|knows|aware) (?:of )?(?:where|what) (?:\w+ ){1,4}"
    r"(?:needs?|needed|has|have) to (?:improve|be improved|do)|"
    # the help someone needs names what is given, not a shortfall: "deciding what help a family needed"
    r"(?:help|support) (?:they|he|she|a family|families|the family|children|the child|a child|young people) "
    r"(?:needed|need|needs|required|require|requires)")
_EVALUATIVE = (_NEG_PHRASE, _NEG_WORD, _POS_WORD)
_CONTRAST = re.compile(
    r"(?<!^)(?:\bthough\b|\balthough\b|\bbut\b|\bhowever\b|\bwhile\b|\bwhilst\b|\byet\b|\bstill\b|"
    r"beginning to|started to|starting to|some improvement)")
_CONTRAST_TOKENS = frozenset("though although but however while whilst yet still".split())
_SOFT_NEG_PHRASE = re.compile(r"areas? (?:for|of|needing) (?:further )?development")
_EXPLICIT_NEGATION = re.compile(r"not\b|insufficient|lack|cannot|"
                                r"were not|has not|have not|had not|cannot|"
                                r"(?:end|clos|stepped)\w* (?:too|prematurely|before)|"
                                r"still not|(?:too )?slow to|(?:still )?wait\w* for|too early to")
_SOFT_NEG = re.compile(r"^(?:still|challenges?|challenging|low|concerns?)$")
# what a negation governs ends at a comma or a turn ("slow to respond but now improving")
_NEGATION_ENDS = re.compile(r",|\b(?:but|however|although|though|whilst|while)\b")


# One scan of a sentence reads both the theme keywords (channel 0) and the polarity cues (channel 1).
_LEXICON = Lexicon(channels=[_THEME_PATTERNS,
                             [_NEUTRAL_PHRASES.pattern, _NEG_PHRASES.pattern, _NEG_WORDS.pattern, _POS_WORDS.pattern,
                              _CONTRAST.pattern]])


@functools.lru_cache(maxsize=4096)
def polarity_of(clause: str) -> str:
    """positive, negative or mixed, from cue words with negation and contrast.

    Asides ("despite ...", ", which ...,") and the grade itself ("judged to be inadequate") are not
    weighed. A positive word within two words after a negator counts as negative; a negative word
    within five words after "less", "fewer", "reduced", "no longer", "before" counts as positive. A
    positive word after an explicit negation in the same stretch ("not always sufficient to build
    positive relationships") is part of what is lacking. Both kinds of cue with a contrast
    ("though", "still", "beginning to") make a mixed finding; otherwise the stronger side wins.
    """
    return _polarity_in(_Scan(clause, clause.lower()), clause, 0)


def _polarity_in(scan: _Scan, clause: str, lo: int) -> str:
    """Polarity of `clause`, which starts at offset `lo` of the scanned text."""
    key = ("polarity", lo, len(clause))
    done = scan.memo.get(key)
    if done is None:
        done = scan.memo[key] = _polarity_uncached(scan, clause, lo)
    return done


def _polarity_uncached(scan: _Scan, clause: str, lo: int) -> str:
    low = clause.lower()
    skip = _aside_spans(clause)
    if _JUDGEMENT_WORD.search(low):
        skip += _rating_spans(clause)
    hi = lo + len(clause)
    toks = scan.toks
    pos = neg = 0.0
    negation_at = None
    contrast = False
    for h in scan.cues:
        if not _within(h, lo, hi, skip):
            continue
        label = h.label
        at = h.start - lo
        if label == _NEG_PHRASE:
            phrase = low[at:h.end - lo]
            if any(_REVERSERS.fullmatch(t) for t in toks[max(0, h.first_token - 3):h.first_token]):
                pos += 1  # "fewer children waiting for a decision"
                continue
            neg += 0.5 if _SOFT_NEG_PHRASE.match(phrase) else 1.5
            if negation_at is None and _EXPLICIT_NEGATION.match(phrase):
                negation_at = at
        elif label == _NEG_WORD:
            before = toks[max(0, h.first_token - 6):h.first_token]
            if _FALLEN.intersection(toks[h.last_token:h.last_token + 3]):
                pos += 1  # "turnover has fallen", "delays have reduced"
            elif any(_REVERSERS.fullmatch(t) for t in before):
                # "not strong enough to prevent drift": what is lacking stays negative
                if negation_at is not None and at > negation_at and not _NEGATION_ENDS.search(low, negation_at, at):
                    neg += 1
                else:
                    pos += 1
            else:
                neg += 0.5 if _SOFT_NEG.match(low[at:h.end - lo]) else 1
        elif label == _POS_WORD:
            before = toks[max(0, h.first_token - 2):h.first_token]
            if any(t in _NEGATORS or t.endswith("n't") for t in before):
                neg += 1
            elif negation_at is None or at < negation_at or _NEGATION_ENDS.search(low, negation_at, at):
                pos += 1
    if pos and neg:
        first = next((h.first_token for h in scan.cues if h.start >= lo), 0)
        last = next((h.first_token for h in reversed(scan.cues) if h.end <= hi), len(toks))
        contrast = any(t in _CONTRAST_TOKENS for t in toks[first + 1:last + 1]) or any(
            h.label == _CONTRAST_WORD and h.start > lo and h.end <= hi for h in scan.cues)
        if contrast and min(pos, neg) >= 1:
            return "mixed"
        if pos == neg:
            return "mixed"
        return "positive" if pos > neg else "negative"
    if neg:
        return "negative"
    return "positive"


def _evaluative_in(scan: _Scan, lo: int, hi: int) -> bool:
    return any(h.label in _EVALUATIVE and h.start >= lo and h.end <= hi for h in scan.cues)


@functools.lru_cache(maxsize=4096)
def has_evaluation(clause: str) -> bool:
    """Does the clause judge anything (a positive or negative cue)?"""
    return any(h.label in _EVALUATIVE for h in _LEXICON.scan_channels(clause)[1][1])


# --- what is and is not a finding --------------------------------------------------------------

_JUDGEMENT = r"(?:inadequate|requires? improvement(?: to be good)?|requir(?:ed|ing) improvement(?: to be good)?|good|outstanding)"
_JUDGEMENT_WORD = re.compile(r"inadequate|improvement|good|outstanding")
_JUDGEMENT_RX = re.compile("(?:" + at_word_start("inadequate", "requires? improvement(?: to be good)?",
                                                  "requir(?:ed|ing) improvement", "good", "outstanding") + r")\b")
# the names of the graded areas: what a rating is given for, not a judgement on practice
_AREA_NAMES = re.compile(
    r"\b(?:(?:the )?experiences and progress of (?:children|care leavers)(?: (?:who need help and protection|"
    r"in care(?: and care leavers)?|and care leavers))?|"
    r"(?:the )?experiences of children (?:who need help and protection|in care(?: and care leavers)?)|(?:the )?impact of leaders(?: on social work practice"
    r"(?: with children and families)?)?|overall effectiveness|help and protection)\b")
_RATING = re.compile(
    rf"\b(?:rated|rates|rate|re-rated|judged|graded|deemed|found to be|considered to be|classed as|given an?|"
    rf"awarded|"
    rf"upgraded|downgraded|achiev\w+ an?|retain\w* (?:its|their|the) |rating|grading|grade)\s+(?:it\s+|them\s+|"
    rf"as\s+|to be\s+|to\s+|an?\s+|its\s+|the\s+|(?:\w+\s+){{1,3}}(?=as\b|to be\b)|"
    rf"(?:[\w’']+\s+){{1,4}}(?=[\W]{{0,2}}{_JUDGEMENT}\b))*(?:as\s+|to be\s+)?"
    rf"[\W]{{0,2}}{_JUDGEMENT}\b[\W]{{0,2}}(?:\s+(?:rating|grade|grading|"
    rf"judgement|across the board|overall|in (?:all|every) (?:areas?|aspects?)))?"
    rf"|\b(?:services?|council|authority|department|provision|trust|it|they)\b[^,.;]{{0,25}}\b(?:is|are|was|were|"
    rf"remains?|remained|has been|have been|had been)\s+(?:still\s+|now\s+|also\s+)*[\W]{{0,2}}{_JUDGEMENT}\b[\W]{{0,2}}"
    # a list of areas graded alike: "judged help and protection, children in care and the impact of
    # leaders inadequate"
    rf"|\b(?:judged|rated|graded)\s+(?!that\b)(?:[\w’']+,?\s+){{5,12}}{_JUDGEMENT}\b"
    rf"|\b(?:(?:an?|the)\s+)?[\W]{{0,2}}{_JUDGEMENT}[\W]{{0,2}}\s+(?:rating|grade|grading|judgement)"
    rf"|\b(?:both |all |each |also |now )*(?:required|requires|require) improvement(?: to be good)?\b"
    rf"|:\s*[\W]{{0,2}}{_JUDGEMENT}\b[\W]{{0,2}}(?:\s*\((?:previously|was|from) [^)]*\))?")
_RATING_WINDOW = (90, 60)  # a rating phrase reaches this far before / after its judgement word


def _rating_spans(clause: str) -> list[tuple[int, int]]:
    """Where `clause` states a grade ("rated it good", "were judged to require improvement").

    The rating pattern is tried only around the judgement words, on lower-cased text.
    """
    low = clause.lower()
    spans: list[tuple[int, int]] = []
    done = 0
    for j in _JUDGEMENT_RX.finditer(low):
        if j.start() < done:
            continue
        for m in _RATING.finditer(low, max(done, j.start() - _RATING_WINDOW[0]), j.end() + _RATING_WINDOW[1]):
            if m.end() > m.start():
                m = _RATING.match(low, m.start()) or m  # a grade named past the window's end
                spans.append((m.start(), m.end()))
                done = max(done, m.end())
    return spans
_META = re.compile(
    r"\b(?:highlighted|identified|found|noted|listed|set out|outlined|made)\s+(?:several|a number of|a range "
    r"of|both|many|some|a series of)\s+(?:\w+\s+)?(?:findings|strengths|areas|aspects|recommendations)\b|"
    r"\b(?:highlighted|identified|listed|sets? out|outlined|pointed to)\s+(?:\w+\s+){0,3}areas\s+(?:where|for|in which|"
    r"that)\b|"
    # a count of what follows, judging nothing itself: "There were two areas for improvement."
    r"^there (?:were|are|was|is) (?:\w+ ){0,2}(?:areas|aspects|recommendations)(?: (?:for|of|needing) (?:further )?"
    r"(?:improvement|development))?\W*$|"
    # a headline or a line announcing the findings below it: "Ofsted's check on the council: what it found",
    # "Here is what inspectors found."
    r"(?::|^here is|^here's|^this is) what (?:it|they|(?:the )?inspectors|ofsted|the report|the letter|the regulator) "
    r"(?:found|finds|said|says)\W*$|"
    # a question asks what was judged and judges nothing: "What did inspectors say this time?"
    r"\?\W*$")
_BACKGROUND = re.compile(
    r"\b(?:published|took place|carried out|undertook|undertaken|will take place|is due|was due|"
    r"inspected (?:in|on|between)|last inspected|framework|introduced|elections?|comments?|"
    r"discussed|(?<!strategy )meeting|in (?:19|20)\d\d\b|since (?:19|20)\d\d\b|(?:19|20)\d\d\b|"
    # how inspections work: "focused visits do not result in a graded judgement"
    r"graded judgement|(?:award|awards|give|gives|carry|carries) (?:a |an )?(?:new )?(?:grade|rating|judgement)|"
    r"(?:result|results|lead|leads|come|comes) (?:in|to|with) (?:a |an )?(?:new )?(?:grade|rating|judgement)|"
    # how long the inspectors stayed: "spent three weeks with the social workers"; their coming
    r"(?:inspectors|regulator|watchdog|ofsted) (?:visited|returned|went back|came back)\b|"
    r"spent (?:\w+ ){1,2}(?:days|weeks)|"
    # the news of a report's arrival: "Three councils received Ofsted reports this week"
    r"received (?:an? |their |its )?(?:ofsted )?(?:reports?|letters?) on\b|"
    # the government's intervention after a grade, not the inspectors' judgement
    r"statutory direction|improvement notice|(?:children's services |education )?commissioner|improvement advis[eo]r|"
    # a news story's link to an earlier event: "It comes 18 months after ..."
    r"\bcomes (?:\w+ ){0,3}(?:after|before|amid)\b|"
    # a web page's furniture: the cookie banner, the newsletter box
    r"cookies|newsletter|subscribe)")
_NON_OFSTED_SUBJECT = re.compile(
    r"^(?:(?i:however|but|and|meanwhile|now)[, ]+)?(?:(?i:the council|councillors?|cllr|the mayor|mayor|we|our|"
    r"members|labour|conservatives?|the cabinet|the authority (?:has|will|is|now|aims))\b|I\b|"
    r"[A-Z][\w’']+(?: [A-Z][\w’']+)* (?:[Cc]ouncil|Trust|MBC)\b(?![’']s)|"
    r"(?:Cllr |Mr |Mrs |Ms |Dr )?[A-Z][a-z]+ [A-Z][a-z]+,? (?:said|added|says))")
# "with inspectors warning that ...": what inspectors said, told after the grade or another fact
_OFSTED_WITH_PATTERN = (r"(?:the )?(?:inspectors?|ofsted|the report|the letter|the regulator|the watchdog) "
                        r"(?:also )?(?:warning|finding|saying|noting|praising|highlighting|concluding|describing)\b")
_OFSTED_WITH = re.compile(_OFSTED_WITH_PATTERN)
# "rated inadequate by Ofsted, which found that ...": the grade, then what the inspectors found
_WHICH_JUDGED = r"(?:also\s+)?(?:found|said|noted|warned|concluded|highlighted|identified)\b"
_OFSTED_WHICH_PATTERN = (r"\b(?:inspectors|ofsted|the report|the letter|the regulator|the watchdog),\s+which\s+"
                         + _WHICH_JUDGED)
_PASSIVE_JUDGEMENT = re.compile(
    r"\bwith " + _OFSTED_WITH_PATTERN + "|" + _OFSTED_WHICH_PATTERN + "|"
    # the inspectors as the subject of a judging verb in the present ("Inspectors find ..." in a
    # headline) or with an auxiliary ("The inspectors did identify ...")
    r"^(?:the )?(?:inspectors|ofsted|the regulator|the watchdog) (?:did |also )?(?:find|finds|identify|identifies|"
    r"highlight|highlights|praise|praises|calls? for)\b|"
    r"\b(?:were|was|are|is|have been|has been|had been)\s+(?:also\s+|particularly\s+|especially\s+)?"
    r"(?:praised|commended|criticised|criticized|singled out|highlighted|recognised|identified as)\b|"
    r"\bconcerns? (?:were|was|have been|has been|had been) (?:also\s+)?(?:raised|expressed|identified)\b|"
    r"\b(?:is|are|was|were)\s+(?:also\s+)?said to\b")
# the inspectors' visit told, then what they found: "inspectors returned in May and found that ..."
_INSPECTORS_CAME = re.compile(
    r"\b(?:inspectors|regulator|watchdog|ofsted) (?:visited|returned|went back|came back)\b[^.;:]{0,100}?"
    r"\band (?:also )?(?:found|concluded|judged|warned|noted|said) that\b")
_LEAD_IN_COLON = re.compile(r":\s*$")
_BULLET = re.compile(r"^[\s•·*▪►■◦‣⁃–—-]+")
_OFSTED_IN_CLAUSE = re.compile(
    r"^(?:[^,]{0,50},\s*)?(?:the\s+)?(?:inspectors?|ofsted|the regulator|regulator|the watchdog|the report|"
    r"the letter|inspectorates?|they|"
    # an inspection named as the judge: "a monitoring visit last year warned that ..."
    r"(?:the|a|an|its|their|this|that)\s+(?:[\w-]+\s+){0,2}(?:inspection|visit)(?:\s+(?:last|this)\s+\w+)?)"
    r"\s+(?:also\s+|have\s+|has\s+|had\s+)*(?:found|said|noted|praised|"
    r"highlighted|reported|saw|observed|identified|acknowledged|recognised|commended|felt|judged|concluded|"
    r"warned|advised)\b(?=\s+[\"“‘']?\w)|"
    # a judgement reported in the passive: "and schools were said to be well connected"
    r"^(?:[\w’'-]+\s+){1,6}(?:is|are|was|were)\s+(?:also\s+)?(?:said to be|described as)\b")


# --- clause splitting ----------------------------------------------------------------------------

# Where a sentence always splits: found by its key word, then checked around it.
_SPLIT_KEY = re.compile(r";|,\s+that\b|" + at_word_start(*(word + r"\b" for word in
                                               ("but", "while", "whilst", "whereas", "although", "though", "and"))))
_BEFORE_KEY = re.compile(r"(?:,?\s+(?:[–—-]\s+)?|,\s+|;)$")
_AFTER_BUT = re.compile(r"\s+(?!also\b|rather\b|not\b|only\b)")
# "though it ..." continues the same subject; "though they noted (acknowledged) that ..." reports a
# judgement of its own
_AFTER_THOUGH = re.compile(r"\s+(?!(?:this|these|that|those|they|it|he|she|we)\b"
                           r"(?!\s+(?:also\s+)?(?:said|noted|found|added|warned|stated|reported|acknowledged|"
                           r"accepted|conceded|recognised|recognized)\s+that\b))")
_AFTER_AND = re.compile(r"\s+(?:that\s+|(?:also\s+)?(?=(?:said|found|praised|noted|highlighted|emphasised|"
                        r"emphasized|commended|advised|acknowledged|recognised|added|warned|concluded|reported|"
                        r"described|rated|judged|identified|criticised|stated|observed)\b))")


_REPORTED_THAT = re.compile(r"\b(?:said|says|found|finds|noted|notes|concluded|reported|warned|identified) that\b")


def _always_splits(ulow: str, pos: int):
    """(kind, start, end) of each contrast or coordination point from `pos` on: start is where the
    left clause ends, end where the right one begins (after the conjunction)."""
    for m in _SPLIT_KEY.finditer(ulow, pos):
        word = m.group()
        if word == ";":
            after = m.end()
            while after < len(ulow) and ulow[after].isspace():
                after += 1
            if after > m.end():
                yield "semi", m.start(), after
            continue
        if word.startswith(","):
            # "found that A, that B, and that C": each reported clause of a list is a judgement
            if _REPORTED_THAT.search(ulow, pos, m.start()) and _clause_start(ulow[m.end():].lstrip()):
                yield "andthat", m.start(), m.end() + 1
            continue
        pre = ulow[max(pos, m.start() - 5):m.start()]
        if word == "but":
            b = _BEFORE_KEY.search(pre)
            a = _AFTER_BUT.match(ulow, m.end())
            if b and b.group().strip(" ;") in ("", ",", "–", "—", "-", ", –", ", —", ", -") and a:
                yield "but", m.start() - len(b.group()), a.end()
        elif word in ("while", "whilst", "whereas", "although", "though"):
            if not pre.endswith(", ") and not re.search(r",\s+$", pre):
                continue
            if _concessive_aside(ulow, m.end()):
                continue
            a = (_AFTER_THOUGH if word.endswith("though") else _AFTER_BUT).match(ulow, m.end())
            if a and (word not in ("while", "whilst", "whereas") or a.end() > m.end()):
                yield ("though" if word.endswith("though") else "while"), pre.rfind(",") + m.start() - len(pre), a.end()
        else:  # and
            a = _AFTER_AND.match(ulow, m.end())
            b = re.search(r",?\s+$", pre)
            if a and b:
                yield ("andthat" if "that" in a.group() else "andverb"), m.start() - len(b.group()), a.end()


def _concessive_aside(ulow: str, pos: int) -> bool:
    """ "management oversight, while more visible, did not ...": a few words without a verb between
    commas qualify the subject; the sentence goes on as one clause."""
    comma = ulow.find(",", pos)
    return 0 < comma - pos < 40 and not _has_finite(ulow[pos:comma])


# "children and young people", "children and families": a pair of nouns, not two clauses
_PAIRED_WITH_CHILDREN = re.compile(r"(?:young people|(?:their )?families|care leavers|(?:their )?carers|"
                                   r"(?:their )?parents)\b")
# "praised for ... and for ...", "impressed with ... and the ...", "concerns about ..., and ...":
# two things praised or criticised
_PRAISED_FOR = re.compile(r"\b(?:(?:praised|commended|criticised|criticized|recognised|recognized) for|"
                          r"impressed (?:with|by)|concerns? (?:about|over)|(?:more |less )?(?:positive|"
                          r"critical) about)\b")
_PRAISED_THING = ("for ", "the ", "its ", "their ", "a ", "about ")
_OPEN_RELATIVE = re.compile(r"\b(?:in which|where)\b[^,;]*$")
# a clause closed by its attribution: "..., the report said" / "..., according to the letter"
_ATTRIBUTION_ENDING = re.compile(
    r",\s+(?:according to (?:the |an? )?[\w’' -]{1,30}|(?:the |an? )?(?:\w+ )?(?:report|letter|inspectors?|"
    r"ofsted|inspectorates?|regulator|watchdog) (?:also )?(?:said|says|found|finds|noted|notes|stated|states|added|"
    r"concluded|warned|wrote))$")

_MAYBE_SPLIT = re.compile(r"(?P<and>,?\s+and\s+)|(?P<with>,\s+with\s+)|(?P<which>,\s+which\s+)")
_ENDS_WITH_OFSTED = re.compile(r"\b(?:inspectors|ofsted|the report|the letter|the regulator|the watchdog)$")
_INITIAL_CONCESSIVE = re.compile(
    r"^(?:[^,]{0,80}?\b(?:said|found|noted|reported|added)\s+that\s+)?(?:while|whilst|although|though)\s")
_FINITE_WORDS = frozenset("""is are was were has have had remain remains remained can could will would should must
do does did need needs needed feel feels felt know knew get gets got receive receives received benefit benefits
benefited make makes made show shows showed continue continues continued understand understands helped helps led
leads take takes took explore explores require requires required lack lacks lacked demonstrate demonstrates ensure
ensures means meant waited wait waits live lives lived stay stays use uses used""".split())
_SUBJECT_STOP = frozenset("that which who where when to".split())
# "to" inside a subject ("the response to children ... is") rather than before a verb ("to ensure")
_TO_NOUN = frozenset("children child young families parents carers the their its a an them him her".split())
_CLAUSE_PRONOUNS = frozenset("it they this these he she we".split())
_LOW_WORD = re.compile(r"[\w’'-]+")
_LEADING_RUN = re.compile(r"[\w’'-]+(?:\s+[\w’'-]+){0,11}")


def _has_finite(low: str) -> bool:
    """Does lower-cased text hold a finite verb (is, has, needs, ...)? ("children in need" names a cohort.)"""
    if "in need" in low:
        low = low.replace("in need", "")
    return not _FINITE_WORDS.isdisjoint(_LOW_WORD.findall(low))


def _clause_start(rlow: str) -> str | None:
    """Does lower-cased text open a new clause? "pronoun", "clause" or None.

    A clause opens with "there is", a pronoun and a word, or a subject of up to ten words (no
    comma, relative word or infinitive "to" inside) followed by a finite verb not straight after "and"/"or".
    """
    run = _LEADING_RUN.match(rlow)
    if not run:
        return None
    words = run.group().split()
    if words[0] in _FINITE_WORDS:
        return None
    if words[0] == "there" and len(words) > 1 and words[1] in ("is", "are", "was", "were", "has", "have", "had"):
        return "clause"
    if words[0] in _CLAUSE_PRONOUNS and len(words) > 1:
        return "pronoun"
    for k in range(1, min(len(words), 11)):
        if words[k - 1] in _SUBJECT_STOP and not (words[k - 1] == "to" and words[k] in _TO_NOUN):
            return None
        if words[k] in _FINITE_WORDS:
            return None if words[k - 1] in ("and", "or") else "clause"
    return None


def _protected(pos: int, ranges: list[tuple[int, int]]) -> bool:
    return any(a < pos < b for a, b in ranges)


_SPLIT_HINT = re.compile(r";|, that\b|though\b|" + at_word_start(*(word + r"\b" for word in
                                                          ("but", "while", "whilst", "whereas", "and"))))
_NOT_A_MAIN_CLAUSE = re.compile(r"(?:that|which|who|whose|and|or|but|so|as|including)\b")


def _split_unit(text: str, low: str, start: int, end: int, protect: list[tuple[int, int]],
                scan: _Scan, scan_start: int) -> list[tuple[int, int]]:
    """Clauses of one sentence (absolute spans), at the contrast and coordination points.

    `low` is the lower-cased article text (same offsets as `text`); `scan` holds the keyword hits
    of the sentence starting at `scan_start`.
    """
    unit, ulow = text[start:end], low[start:end]
    if not _SPLIT_HINT.search(ulow) and ", with " not in ulow and ", which " not in ulow:
        return [(start, end)]
    pieces: list[tuple[int, int]] = []
    cur = 0
    m0 = _INITIAL_CONCESSIVE.match(ulow) if ("while" in ulow or "though" in ulow) else None
    if m0:
        comma = unit.find(", ", m0.end())
        if comma > 0 and not _protected(start + comma, protect) and len(unit[m0.end():comma].split()) >= 3 \
                and len(unit[comma + 2:].split()) >= 3 and not _NOT_A_MAIN_CLAUSE.match(ulow, comma + 2):
            pieces.append((0, comma))
            cur = comma + 2
    for kind, m_start, m_end in _always_splits(ulow, cur):
        if m_start < cur or _protected(start + m_start, protect):
            continue
        left = unit[cur:m_start]
        if len(left.split()) < 3 or len(unit[m_end:].split()) < 3:
            continue
        if kind == "but" and not _has_finite(ulow[m_end:]) and len(unit[m_end:].split()) < 5:
            continue
        if kind == "andthat" and _STATISTIC.match(ulow, m_end) \
                and not _evaluative_in(scan, start - scan_start + m_end, end - scan_start):
            continue  # "..., and that 40 per cent of staff were agency workers": the evidence for the judgement
        pieces.append((cur, m_start))
        cur = m_end
    pieces.append((cur, len(unit)))
    out: list[tuple[int, int]] = []
    for a, b in pieces:
        out.extend(_maybe_split(unit, ulow, a, b, start, protect, scan, start - scan_start))
    return [(start + a, start + b) for a, b in out]


# what the clause before leads to, told as part of the same judgement
_CONSEQUENCE = re.compile(r"(?:this|that|which) (?:means|meant|has meant|had meant|leads to|led to|has led to|"
                          r"results in|resulted in|has resulted in)\b|as a result\b")
# a figure opening a clause: "40 per cent of ...", "one in five ...", "12 children ..."
_STATISTIC = re.compile(r"(?:almost |nearly |more than |over |around |about |only )?(?:\d|one in \w+\b)")


def _maybe_split(unit: str, ulow: str, a: int, b: int, base: int, protect: list[tuple[int, int]],
                 scan: _Scan, rel: int) -> list[tuple[int, int]]:
    """Split at 'and'/', with' where both sides are clauses about different themes, at ", and"
    between two clauses that both criticise (each shortcoming is a finding of its own), and at
    "and have/had ..." or "praised for ... and for ..." where one subject does or is praised for two
    things on different themes."""
    def strong_theme(lo: int, hi: int) -> str | None:
        return _pick(*_theme_scores_in(scan, unit[lo:hi], rel + lo), True)

    def polarity(lo: int, hi: int) -> str:
        return _polarity_in(scan, unit[lo:hi], rel + lo)

    for m in _MAYBE_SPLIT.finditer(ulow, a, b):
        if _protected(base + m.start(), protect):
            continue
        left, right = unit[a:m.start()], unit[m.end():b]
        if len(left.split()) < 4 or len(right.split()) < 3:
            continue
        llow, rlow = ulow[a:m.start()], ulow[m.end():b]
        if m.lastgroup == "and" and llow.endswith("children") and _PAIRED_WITH_CHILDREN.match(rlow):
            continue  # "children and care leavers is ...": one subject
        if m.lastgroup == "and" and "help" in llow and rlow.startswith("protection"):
            continue  # "children who need help and protection": an area's name
        if m.lastgroup == "and" and _CONSEQUENCE.match(rlow):
            continue  # "..., and this means that children wait": what the shortcoming leads to
        if m.group() == " and " and _OPEN_RELATIVE.search(llow):
            continue  # "a culture in which staff feel valued and practice can flourish": one relative clause
        split = False
        if m.lastgroup == "and":
            cm = _clause_start(rlow)
            left_clause = _has_finite(llow)
            if _OFSTED_IN_CLAUSE.match(rlow) and (left_clause or _SPEECH_VERB_LOW.search(llow)):
                split = True
            elif cm and left_clause and _ATTRIBUTION_ENDING.search(llow):
                split = True  # "..., the report said, and some were ...": the attribution closes a clause
            elif left_clause and (_is_rating_only(left) or (cm and _is_rating_only(right))):
                split = True
            elif cm and (left_clause or cm == "pronoun"):
                tl = strong_theme(a, m.start())
                split = tl is not None and strong_theme(m.end(), b) not in (None, tl)
                if not split and cm == "clause" and left_clause and m.group().startswith(","):
                    split = polarity(a, m.start()) == "negative" == polarity(m.end(), b)
            elif left_clause and (rlow.split(None, 1)[0] in ("have", "has", "had")
                                  or (rlow.startswith(_PRAISED_THING) and _PRAISED_FOR.search(llow))):
                tl = strong_theme(a, m.start())
                split = tl is not None and strong_theme(m.end(), b) not in (None, tl)
        elif m.lastgroup == "which":
            split = _ENDS_WITH_OFSTED.search(llow) is not None and re.match(_WHICH_JUDGED, rlow) is not None
        elif (_OFSTED_WITH.match(rlow) and has_evaluation(left)) or (_is_rating_only(left) and len(right.split()) >= 4):
            split = True  # "rated inadequate, with inspectors warning that ...": the grade, then a finding
        else:  # ", with ..." carrying a judgement on another theme
            tl = strong_theme(a, m.start()) if len(right.split()) >= 4 else None
            split = tl is not None and strong_theme(m.end(), b) not in (None, tl)
        if split:
            right_start = m.end() if m.lastgroup == "and" else m.start() + m.group().index(m.lastgroup)
            return [(a, m.start())] + _maybe_split(unit, ulow, right_start, b, base, protect, scan, rel)
    return [(a, b)]


# --- extraction ----------------------------------------------------------------------------------

def _trim_span(text: str, a: int, b: int) -> tuple[int, int]:
    while a < b and (text[a].isspace() or text[a] in "•·*▪►■◦‣⁃"):
        a += 1
    while b > a and (text[b - 1].isspace() or text[b - 1] in ",;:–—-"):
        b -= 1
    # a clause that starts right after an opening mark keeps its words only
    return a, b


@functools.lru_cache(maxsize=4096)
def _is_rating_only(clause: str) -> bool:
    """A grade and nothing else ("rated it good across the board"): a rating, not a finding."""
    low = clause.lower()
    if not _JUDGEMENT_RX.search(low):
        return False
    spans = _rating_spans(clause)
    if not spans and not _AREA_NAMES.search(low):
        return False
    for a, b in reversed(spans):
        low = low[:a] + " " + low[b:]
    rest = _AREA_NAMES.sub(" ", low)
    rest = _RATING_LEFTOVER.sub(" ", rest)
    return not has_evaluation(rest)


_RATING_LEFTOVER = re.compile(
    rf"\b(?:remained|remains?|were|was|are|is|also|judged|rated|both)\s+{_JUDGEMENT}\b|\b(?:as|to be)\s+\W{{0,2}}{_JUDGEMENT}\b|"
    r"\b(?:still|remains?|again|now|previously|first|no longer|not)\b")


class _State:
    def __init__(self) -> None:
        self.list_mode = False
        self.list_paragraphs = 0
        # every paragraph since the lead-in has been a bullet: each is what the lead-in reports
        self.bullet_run = False
        self.prev_finding_sentence = -5
        # inside the article's account of the inspection: from an Ofsted finding until someone
        # else speaks or a heading starts another part of the story
        self.region = False
        # under a "Related stories" heading: the headlines of other stories, until a full sentence
        self.links = False


class _Scans:
    """Keyword scans of the article's sentences, made when first needed."""

    def __init__(self, a: Analysis):
        self.a = a
        self._done: dict[int, _Scan] = {}

    def __call__(self, si: int) -> _Scan:
        scan = self._done.get(si)
        if scan is None:
            s = self.a.sentences[si]
            scan = self._done[si] = _scan_of(self.a.text[s.start:s.end], self.a.text_lower[s.start:s.end])
        return scan


def _told_background(clause_low: str) -> bool:
    """Background (when, how long, a framework) in what a clause tells, after any lead-in naming
    the letter or report it comes from ("In a letter published this week, inspectors said ...")."""
    head = _HEAD_STRIP.match(clause_low).end() or _lead_in_with_aside(clause_low)
    return _BACKGROUND.search(clause_low, head) is not None


def _lead_in_with_aside(clause_low: str) -> int:
    reported = _REPORTED.match(clause_low) if "," in clause_low else None
    return reported.end() if reported else 0


# the verb after a lead-in with an aside of its own: "The letter, published on Tuesday, found that"
_REPORTED = re.compile(r"^[^,]{0,60},[^,]{0,60},\s+(?:\w+\s+)?(?:found|said|noted|reported|concluded|stated|warned)\s+"
                       r"(?:that\s+)?")


def _clauses(scan: _Scan, start: int, end: int, protect: tuple[tuple[int, int], ...]) -> tuple:
    """The clauses of the part `start:end` of a scanned sentence that can be findings, as
    (start, end, clause, theme, strong theme), offsets into the sentence (kept on the scan)."""
    key = ("clauses", start, end, protect)
    done = scan.memo.get(key)
    if done is not None:
        return done
    text, low = scan.text, scan.low
    kept = []
    parts = _split_unit(text, low, start, end, list(protect), scan, 0)
    for cs, ce in parts:
        cs, ce = _trim_span(text, cs, ce)
        clause = text[cs:ce]
        n_words = len(clause.split())
        if n_words < MIN_FINDING_WORDS or clause.endswith(":"):
            continue
        if n_words < 5 and not _has_finite(low[cs:ce]):
            continue
        if _is_rating_only(clause):
            continue
        if len(parts) > 1 and not _evaluative_in(scan, cs, ce) and _told_background(low[cs:ce]):
            continue  # "Inspectors spent three weeks there in May and found that ...": the visit, told
        scores = _theme_scores_in(scan, clause, cs)
        kept.append((cs, ce, clause, _pick(*scores, False), _pick(*scores, True)))
    done = scan.memo[key] = tuple(kept)
    return done


def extract_findings(text: str, quotes: list[Quote]) -> list[Finding]:
    """Inspectors' judgements in the article, as sentences or clauses, in order."""
    if not text:
        return []
    a = analyse(text)
    scans = _Scans(a)
    spoken = _ofsted_spans(a, quotes)
    units = _finding_units(a, spoken)
    findings: list[Finding] = []
    prev_theme: str | None = None
    prev_cohort: str | None = None
    last_sentence = -1
    seen: set[str] = set()
    phrases: dict[int, list[RawQuote]] = {}  # quoted phrases by the sentence they open in
    for q in a.quotes:
        if not q.full:
            phrases.setdefault(q.sentence, []).append(q)
    for si, ustart, uend in units:
        s_start = a.sentences[si].start
        scan = scans(si)
        protect = tuple((q.open - s_start, (q.close + 1 if q.close is not None else q.end) - s_start)
                        for q in phrases.get(si, ()) if ustart <= q.open < uend)
        kept = _clauses(scan, ustart - s_start, uend - s_start, protect)
        for k, (cs, ce, clause, theme, strong) in enumerate(kept):
            th = strong
            if th is None and k and _starts_with_verb(clause):
                th = kept[k - 1][4] or kept[k - 1][3]  # "... but do not always shape ...": same subject
            elif th is None and k and theme is None:
                th = kept[k - 1][4]  # "the hub responded swiftly, and decisions were timely": the same work
            if th is None:
                if _ANAPHORIC.search(clause) and prev_theme and si - last_sentence <= 2:
                    th = prev_theme
                else:
                    th = theme
            # "These children ..." after a sentence about a cohort (care leavers, asylum seekers) is
            # about that cohort; "Their ..." too, when it names no theme of its own
            anaphor = _ANAPHORIC_COHORT.match(clause) or (_ANAPHORIC_PRONOUN.match(clause) and strong is None)
            cohort = _cohort_before(a, si, scans) if anaphor else None
            if cohort:
                th = cohort
            elif prev_cohort and anaphor and si - last_sentence <= 1:
                th = prev_cohort
            th = th or "practice_quality"
            tail = _SITE_NAME_TAIL.search(clause) if "|" in clause else None
            if tail:  # a page title repeats the headline with the site's name
                clause, ce = clause[:tail.start()], cs + tail.start()
            key = " ".join(clause.lower().split())
            if key in seen or _repeats_title(key, seen):
                continue
            seen.add(key)
            findings.append(Finding(polarity=_polarity_in(scan, clause, cs), theme=th, text=clause,
                                    char_start=s_start + cs, char_end=s_start + ce))
            prev_theme = th
            prev_cohort = th if th in _COHORT_THEMES else None
        if kept:
            last_sentence = si
    return findings


def _repeats_title(key: str, seen: set[str]) -> bool:
    """The headline again after the page title that carried it with the site's name ("<headline> -
    Site"): an earlier finding that starts with the whole of this one."""
    if len(key) < 30:
        return False
    return any(len(k) > len(key) and k.startswith(key) and not k[len(key)].isalnum() for k in seen)


def _starts_with_verb(clause: str) -> bool:
    """A clause without a subject of its own ("do not always ...", "is variable")."""
    first = clause.split(None, 1)[0].lower() if clause.strip() else ""
    return first in _FINITE_WORDS or first in ("not", "also", "often", "rarely", "sometimes")


def _cohort_before(a: Analysis, si: int, scans: _Scans) -> str | None:
    """The cohort theme (care leavers, asylum seekers ...) of the sentence before, if any."""
    if si == 0:
        return None
    th = _pick(*_theme_scores_in(scans(si - 1), a.sentences[si - 1].of(a.text), 0), False)
    return th if th in _COHORT_THEMES else None


def _ofsted_spans(a: Analysis, quotes: list[Quote]) -> list[RawQuote]:
    """Full-sentence quotations spoken by Ofsted: the given quotes, plus short ones the
    six-word rule leaves out of the quotes table ("Practice remains poor," the report said)."""
    given = {(q.char_start, q.char_end): q for q in quotes}
    out = []
    for q in a.quotes:
        rec = given.get((q.start, q.end))
        if rec is not None:
            ofsted = rec.speaker_type == "ofsted"
        else:
            ofsted = q.speaker is not None and q.speaker.is_ofsted and q.words >= 3 and not q.is_name
        if ofsted and q.full:
            out.append(q)
    return out


_GRADE_NAME = re.compile(r"^\W*(?:requires? improvement(?: to be good)?|inadequate|good|outstanding)\W*$", re.I)
_HEADING = re.compile(r"^[^a-z]*$|^[^.!?:]{0,40}$")


def _ofsted_phrase(q: RawQuote, text: str) -> bool:
    """A phrase quoted from Ofsted inside a sentence (not a grade's name)."""
    return (not q.full and q.words >= 3 and not q.is_name and q.speaker is not None and q.speaker.is_ofsted
            and not _GRADE_NAME.match(text[q.start:q.end]))


class _read_once:
    """A property computed on first reading and then kept in the instance, like
    functools.cached_property without its per-read lock (Python 3.11 takes it on every first
    reading; the readings are pure, so two threads computing one at once agree)."""

    def __init__(self, read):
        self.read = read
        self.name = read.__name__
        self.__doc__ = read.__doc__

    def __get__(self, sentence, owner=None):
        if sentence is None:
            return self
        value = sentence.__dict__[self.name] = self.read(sentence)
        return value


class _Sentence:
    """What a sentence's own words tell `_finding_units`, each worked out when first asked (one
    instance per sentence text, cached: boilerplate recurs across articles)."""

    def __init__(self, sentence: str, low: str):
        self.sentence, self.low = sentence, low
        bullet = _BULLET.match(sentence)
        self.bullet = bullet is not None
        self.offset = bullet.end() if bullet else 0
        self.body = sentence[self.offset:]
        self.blow = low[self.offset:]

    @_read_once
    def heading(self) -> bool:
        return _HEADING.match(self.body) is not None and not _has_finite(self.blow)

    @_read_once
    def links(self) -> bool:
        """A page's list of links to other stories ("Related: ..."), headlines that judge other services."""
        return _LINKS.match(self.body) is not None

    @_read_once
    def lead_in(self) -> bool:
        """Ends in a colon: "The report highlighted:" introduces a list of findings."""
        return _LEAD_IN_COLON.search(self.sentence) is not None

    @_read_once
    def passive_judgement(self) -> bool:
        return any(w in self.blow for w in _PASSIVE_HINTS) and _PASSIVE_JUDGEMENT.search(self.blow) is not None

    @_read_once
    def inspectors_came(self) -> bool:
        """The inspectors' visit, then what they found, whoever the speaker looked like."""
        return " that" in self.blow and _INSPECTORS_CAME.search(self.blow) is not None

    @_read_once
    def meta(self) -> bool:
        return any(w in self.blow for w in _META_HINTS) and _META.search(self.blow) is not None

    @_read_once
    def background(self) -> bool:
        return _BACKGROUND.search(self.blow) is not None

    @_read_once
    def other_subject(self) -> bool:
        return _NON_OFSTED_SUBJECT.match(self.body) is not None

    @_read_once
    def first_person(self) -> bool:
        return _FIRST_PERSON.search(self.body) is not None

    @_read_once
    def evaluative(self) -> bool:
        return _evaluative_in(_scan_of(self.sentence, self.low), self.offset, len(self.sentence))


@functools.lru_cache(maxsize=8192)
def _sentence(sentence: str, low: str) -> _Sentence:
    return _Sentence(sentence, low)


def _finding_units(a: Analysis, spoken: list[RawQuote]) -> list[tuple[int, int, int]]:
    """(sentence index, start, end) of every sentence or quoted part that is a finding."""
    text, low = a.text, a.text_lower
    units: list[tuple[int, int, int]] = []
    # the quotations touching each sentence
    touching: list[list[RawQuote]] = [[] for _ in a.sentences]
    for q in a.quotes:
        for si in range(a.sentence_at(q.open), a.sentence_at(max(q.open, q.end - 1)) + 1):
            touching[si].append(q)
    spoken_ids = {id(q) for q in spoken}
    state = _State()
    current_para = -1
    for si, s in enumerate(a.sentences):
        pi = a.sentence_paragraph[si]
        new_para = pi != current_para
        current_para = pi
        sen = _sentence(text[s.start:s.end], low[s.start:s.end])
        whole_para = new_para and a.paragraphs[pi].end == s.end
        if state.links and whole_para and not _FULL_STOP.search(sen.body):
            continue
        state.links = False
        if (whole_para and not sen.bullet and sen.heading) or sen.links:
            state.region = False
            state.links = _LINKS_HEADING.match(sen.body) is not None
            continue
        qs = [q for q in touching[si] if q.start < s.end and s.start < q.end] if touching[si] else ()
        if qs:  # most sentences hold no quotation
            # parts of the sentence inside Ofsted's full quotations
            inside = [(max(s.start, q.start), min(s.end, q.end)) for q in qs if id(q) in spoken_ids]
            if inside:
                for x, y in inside:
                    while x < y and text[x] in _QUOTE_MARKS:  # the mark reopening a quotation's paragraph
                        x += 1
                    if y > x:
                        units.append((si, x, y))
                more = _ADDING_THAT.search(low, inside[-1][1], s.end)
                if more:  # '"...," the report said, adding that ...': a further judgement, unquoted
                    units.append((si, more.end(), s.end))
                state.prev_finding_sentence = si
                state.region = True
                continue
            if any(q.full and q.speaker is not None and not q.speaker.is_ofsted for q in qs):
                state.list_mode = state.region = False
                continue
        att = a.attributions[si]
        if new_para and not sen.bullet:
            state.bullet_run = False
        if new_para and state.list_mode:
            state.list_paragraphs += 1
            if state.list_paragraphs > 12:
                state.list_mode = False
        if att is not None and not att.speaker.is_ofsted and not sen.inspectors_came:
            state.list_mode = state.region = False
            continue
        if att is not None and sen.lead_in:
            state.list_mode, state.list_paragraphs, state.bullet_run = True, 0, True
            state.region = True
            continue
        ofsted_att = att is not None and (att.verb in _JUDGE or att.form != "lead") or sen.inspectors_came
        embedded = bool(qs) and any(_ofsted_phrase(q, text) for q in qs)
        passive = not ofsted_att and not embedded and sen.passive_judgement
        if sen.meta:
            is_finding = False
        elif ofsted_att:
            # background told only in the lead-in ("In a letter published this week, inspectors said")
            is_finding = not sen.background or sen.evaluative or not _told_background(sen.blow)
        elif embedded or passive:
            is_finding = sen.evaluative and not sen.other_subject
        elif state.list_mode:
            is_finding = sen.evaluative or (state.bullet_run and sen.bullet and not sen.background)
        else:
            is_finding = (att is None and (si - state.prev_finding_sentence == 1 or state.region)
                          and not sen.background and not sen.other_subject
                          and not sen.first_person and sen.evaluative)
        if is_finding:
            units.append((si, s.start + sen.offset, s.end))
            state.prev_finding_sentence = si
            if att is not None or embedded or passive:
                state.region = True
    return units


_ADDING_THAT = re.compile(r"\b(?:adding|noting|warning|concluding|stressing) that\s+")
_LINKS = re.compile(r"(?i:related(?: stories| articles| content| news)?|read more|see also|more on this story|"
                    r"most read|you may also like)\s*:")
_LINKS_HEADING = re.compile(r"(?i:related(?: stories| articles| content| news| links| topics)?|read more|see also|"
                            r"also read|more on this story|more stories|most read|you may also like)\s*$")
_FULL_STOP = re.compile(r"[.!?][\"”’']?\s*$")
# "<headline> | <site name>": the page title's tail
_SITE_NAME_TAIL = re.compile(r"\s+\|\s+(?:[A-Z0-9][\w’'&.-]*\s*){1,6}$")
_QUOTE_MARKS = frozenset("\"“”‘’'„")
_PASSIVE_HINTS = (", which", "find", "identif", "highlight", "call", "praise", "commended", "critici", "singled",
                  "recognised", "concern", "said to", "warning", "finding", "saying", "noting", "praising",
                  "highlighting", "concluding", "describing")
_META_HINTS = ("findings", "strengths", "areas", "aspects", "recommendations", "what ", "?")
_FIRST_PERSON = re.compile(r"\b(?:we|our|us|I|my)\b|\?$")
_JUDGE = frozenset("""said says say added adds stated states wrote writes concluded concludes warned warns
noted notes highlighted highlights found finds praised praises reported reports acknowledged acknowledges
observed observes described describes emphasised emphasises emphasized emphasizes stressed stresses
criticised criticises criticized criticizes recognised recognises recognized recognizes agreed agrees
believes believed felt feels commended commends urged urges recommended recommends identified identifies
advised advises saw sees considered considers raised told tells reads impressed
concerned""".split())
