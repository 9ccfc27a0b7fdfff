"""Graded judgements: "outstanding", "good", "requires improvement (to be good)", "inadequate".

A grade word counts only in a judgement's construction: a rating verb before it ("rated",
"judged to be", "found to be", "considered"), a rating noun after it ("a 'good' rating", "a
'requires improvement' grading"), services as its subject ("Devon's children's services are
still inadequate"), a transition ("from 'inadequate' to 'good'": both grades), or a quoted grade
in a sentence about the judgement. "The highest possible rating" is outstanding, "the lowest
rating" inadequate.

Not judgements: aims and hopes ("aims to achieve outstanding"), fears, hypotheticals ("failing
to do enough to warrant 'good' or 'outstanding' ratings"), grades of schools, nurseries and
homes, grade words describing other things ("some aspects remain inadequate", "good morale", "a
good standard"), grades of an older framework ("good" and "adequate" respectively), and grades
inside a quotation by anyone but the inspectors.

Areas: a grade given to one area ("care leavers' services were rated good", "'Good' in the fourth
(experiences of children who need help and protection)", "help and protection, children in care
and the impact of leaders were all judged to require improvement", a "Label: Grade" list, "...
good, as was leadership, management and governance") has that `judgement_area`; "good across
the board" is one overall grade.

Dates: the date written with the judgement (a date right after the previous grade is that
grade's); "N years later" / "N years after it was rated X" counted from the year they refer to;
else, for the judgement the article reports now, the year of the article (the report is
published some weeks after the visit; for an inspection long before the article, the
inspection's year; with no article date, the report's stated publication date, else the
inspection's year); a judgement given at a dated inspection named with it ("at that inspection in
2021") takes that year; one referred back to without any date keeps an unknown date, for
`events.consolidate` to place.

`article_events` reads an article's visits and judgements together: each judgement is linked to
the inspection that gave it (the one in its sentence, the one of its date, or the article's main
inspection), and a judgement with no inspection named implies one.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from inspections.dates import DateMention, each_listed_month
from inspections.records import UNKNOWN_DATE, PartialDate, RatingMention, RelativeDate, VisitMention
from inspections.text import literal_starts
from inspections.visits import (
    EARLIEST,
    PRECISION_RANK,
    ArticleContext,
    Caseless,
    VisitCandidate,
    build_context,
    cluster_visits,
    find_visit_candidates,
    has_stem,
    settle_plain_visits,
)

_GRADE = Caseless(
    r"(?P<requires_improvement>\brequir(?:es?|ed|ing)\s+improvement(?:\s+to\s+be\s+good)?\b)"
    r"|(?P<inadequate>\binadequate\b)"
    r"|(?P<good>\bgood\b)"
    r"|(?P<outstanding>\boutstanding\b)"
    r"|(?P<second_top>\bsecond[-\s](?:highest|top|best)\s+(?:rating|grade|grading|judge?ment)\b)"
    r"|(?P<second_bottom>\bsecond[-\s](?:lowest|bottom|worst)\s+(?:rating|grade|grading|judge?ment)\b)"
    r"|(?P<top>\b(?:highest|top)(?:\s+possible)?\s+(?:rating|grade|grading|judge?ment)\b)"
    r"|(?P<bottom>\b(?:lowest|bottom)(?:\s+possible)?\s+(?:rating|grade|grading|judge?ment)\b)")
_QUOTE_MARKS = "'‘’\"“”*_"
# Where a grade may start: literal prefixes, so the scan skips ahead quickly.
_GRADE_START = re.compile(r"good|Good|GOOD|outstanding|Outstanding|OUTSTANDING|inadequate|Inadequate|INADEQUATE|"
                          r"requir|Requir|REQUIR|highest|Highest|top|Top|lowest|Lowest|bottom|Bottom|second|Second")
_GRADE_START_LOW = ("good", "outstanding", "inadequate", "requir", "highest", "top", "lowest", "bottom", "second")
# A grade named by its rank ("the highest rating", "Ofsted's second-lowest grade").
_RANKED_GRADES = {"top": "outstanding", "second_top": "good", "second_bottom": "requires_improvement",
                  "bottom": "inadequate"}
_FROM_BEFORE = re.compile(r"\bfrom\s+(?:an?\s+|being\s+|the\s+)?(?:\w+ly\s+)?['‘\"“]?$", re.IGNORECASE)
# (an apposition may date the first grade between them: "from inadequate, the grade it received in
# 2022, to requires improvement")
_TO_BETWEEN = re.compile(r"['’\"”]?(?:\s+(?:rating|grading|judge?ment))?(?:,\s+(?:the|its|a)\s+[^,;.]{1,50},)?"
                         r"\s+to\s+(?:an?\s+|being\s+)?['‘\"“]?$", re.IGNORECASE)
# "rated good, up from requires improvement in 2022": the grade a move started from (past)
_MOVED_FROM_BEFORE = re.compile(r"\b(?:up|down|slipped|dropped|climbed|rose|risen|fell|fallen|moved|improved)"
                                r"\s+from\s+(?:an?\s+|the\s+)?['‘\"“]?$", re.IGNORECASE)
_RATING_NOUNS = frozenset("rating ratings grading gradings grade grades judgement judgment judgements "
                          "judgments verdict verdicts label status result".split())
# Words that may follow a grade used as a grade ("rated good across the board").
_ALLOWED_AFTER = frozenset(
    """by in for across overall after following under at and or to with since last this when on from
    again once earlier two three four five a an the as but while before both throughout status two-years
    ago then now too also following within during last year its their it is was were has had have
    once more yet after judgement judgment""".split())
_ADJECTIVE_BEFORE = Caseless(
    r"\b(?:a|an|very|really|so|how|too|more|less|fairly|quite|reasonably|consistently|generally|"
    r"broadly|particularly|exceptionally|extremely|of|some|any|much|such|no)\s+['‘\"“]?$")
# Token checks on the words before a grade: cheaper than regular expressions tried at every
# character, and easier to read.
_TOKEN = re.compile(r"[A-Za-z][\w’'-]*|\d+|[^\w\s]")
_QUOTE_TOKENS = frozenset("'‘’\"“”*_")  # and markdown emphasis
_RATING_VERBS = frozenset(
    """rated re-rated rates rating judged judges judging graded assessed deemed found finds considered declared
    classed classified ranked branded labelled upgraded upgrades downgraded downgrades given giving gave
    received receiving achieved achieving awarded earned earning retained retaining kept maintained secured
    securing got won moved gone went improved jumped rose climbed slipped dropped fell judgement judgment
    verdict grading left leaves leaving""".split())
_VERB_BLOCKERS = frozenset("but which who while whereas although".split())
_COPULAS = frozenset("is are was were remains remain remained became becomes stays stay stayed".split())
_COPULA_ADVERBS = frozenset("still now once again also judged rated found to be considered overall".split())
_SERVICE_SUBJECTS = frozenset(
    "services service department provision care council authority it they trust directorate effectiveness".split())
_NEGATIVE_WORDS = frozenset(
    """aim aims aiming aimed ambition ambitions ambitious hope hopes hoping hoped want wants wanting wanted
    strive striving goal target targets bid aspire aspires aspiring aspiration aspirations fear fears feared
    fearing worried worry could would might if unless warrant warrants warranted must should likely avoid
    avoided avoiding never achieve reach journey towards hasn’t hasn't isn’t isn't aren’t aren't wasn’t
    wasn't weren’t weren't ensure ensuring maintain keep prevent prevented preventing""".split())
_NEGATIVE_PHRASES = Caseless(
    r"\b(?:on\s+track|push(?:ing)?\s+for|work(?:ing)?\s+towards|plan(?:s|ning)?\s+to|determined\s+to|"
    r"concerns?\s+that|needs?\s+to|expect(?:s|ed)?\s+to|fail(?:ed|ing|s)?\s+to|not\s+(?:been\s+)?(?:rated|judged)|"
    r"yet\s+to|to\s+become|return\s+to|get\s+to|move\s+(?:to|from)|risk\s+of|in\s+danger\s+of|at\s+least|"
    r"(?<!moved\s)(?<!moves\s)(?<!went\s)(?<!gone\s)(?<!climbed\s)(?<!stepped\s)(?<!rose\s)(?<!risen\s)up\s+to|no\s+longer|has\s+not|have\s+not)\b")


def _tokens(text: str, start: int, end: int) -> list[str]:
    return _TOKEN.findall(text, start, end)


def _negative_before(tokens: list[str], ctx: ArticleContext, start: int, end: int) -> bool:
    """An aim, a fear, a condition or a negation before the grade: not a judgement made."""
    if "may" in tokens or not _NEGATIVE_WORDS.isdisjoint(map(str.lower, tokens)):
        return True
    return _NEGATIVE_PHRASES.search(ctx, start, end)


def _rating_verb_before(tokens: list[str]) -> bool:
    """A rating verb among the last dozen words before the grade, none of them starting a new clause."""
    words = 0
    for tok in reversed(tokens):
        if tok in _QUOTE_TOKENS or tok == ",":
            continue
        if not (tok[0].isalnum()):
            return False
        low = tok.lower()
        if low in _VERB_BLOCKERS:
            return False
        if low in _RATING_VERBS:
            return True
        words += 1
        if words > 12:
            return False
    return False


_JUST_SPACE = re.compile(r"(?:['’]s?)?\s+(?:still\s+|now\s+|also\s+)?")
_AUTHORITY_COPULA = re.compile(
    r"(?:['’]s?\s+(?:children['’]s\s+(?:social\s+care\s+)?services\s+)?)?\s+(?:still\s+|now\s+)?(?:is|are|was|were|"
    r"remains?|remained|has\s+been|have\s+been|had\s+been|stays?|stayed)\s+(?:(?:still|now|once\s+again|again|also|"
    r"judged|rated|to\s+be)\s+)*['‘\"“]?", re.IGNORECASE)


def _authority_right_before(ctx: ArticleContext, start: int, lo: int) -> bool:
    """'Children's services in Barnet require improvement'."""
    named = ctx.authorities_in(lo, start)
    return bool(named) and _JUST_SPACE.fullmatch(ctx.text, named[-1].end, start) is not None


def _authority_subject_before(ctx: ArticleContext, start: int, lo: int) -> bool:
    """'the Royal Borough of Kingston upon Thames remains outstanding'."""
    named = ctx.authorities_in(lo, start)
    return bool(named) and _AUTHORITY_COPULA.fullmatch(ctx.text, named[-1].end, start) is not None


def _service_subject_before(tokens: list[str]) -> bool:
    """'(children's) services are (still) [grade]', 'the council remains [grade]'."""
    i = len(tokens) - 1
    while i >= 0 and (tokens[i] in _QUOTE_TOKENS or tokens[i].lower() in _COPULA_ADVERBS):
        i -= 1
    if i < 0:
        return False
    low = tokens[i].lower()
    if low == "been" and i > 0 and tokens[i - 1].lower() in ("previously", "once", "also", "already"):
        tokens = tokens[:i - 1] + tokens[i:]  # "having previously been inadequate"
        i -= 1
    if low == "been" and i > 0 and tokens[i - 1].lower() == "having":
        return True  # "..., having been inadequate": the sentence's subject
    if low == "been" and i > 0 and tokens[i - 1].lower() in ("has", "have", "had"):
        i -= 1
    elif low not in _COPULAS:
        return False
    i -= 1
    if i >= 0 and tokens[i].lower() in ("now", "still", "also", "both", "all"):
        i -= 1
    if i >= 0 and tokens[i] == ",":
        # "Kingston's services, which are delivered by a company, remain outstanding"
        j = i - 1
        while j > 0 and not (tokens[j].lower() in ("which", "who", "whose") and tokens[j - 1] == ","):
            j -= 1
        if j <= 0:
            # "Sunderland's services, rated inadequate in 2019, are now good": a participle aside
            j = i - 1
            while j > 0 and tokens[j] != ",":
                j -= 1
            if j > 0 and i - j > 1 and tokens[j + 1].lower() in _RATING_VERBS:
                j += 1
            else:
                j = 0
        i = j - 2 if j > 0 else -1
    if i < 0:
        return False
    subject = tokens[i].lower()
    if subject.endswith(("’s", "'s")):
        subject = subject[:-2]
    return subject in _SERVICE_SUBJECTS


_RATING_CONTEXT = Caseless(r"\b(?:ofsted|inspect\w*|rating|rated|judge?ment|judged|grade|graded|grading|"
                           r"categor\w+|watchdog|regulator)\b")
_OTHER_SUBJECT = re.compile(
    r"\b(?:nurser(?:y|ies)|pre-?schools?|schools?|academ(?:y|ies)|colleges?|children['’]s\s+homes?|"
    r"care\s+homes?|homes?|childminders?|playgroups?|hospitals?|police|forces?|prisons?|"
    r"fostering\s+(?:agenc(?:y|ies)|services?)|adoption\s+agenc(?:y|ies)|youth\s+offending|GP|surgery|"
    r"secure\s+(?:children['’]s\s+)?homes?|residential\s+(?:homes?|units?|special\s+schools?)|"
    r"pupil\s+referral\s+units?|short\s+breaks?|"
    r"safeguarding\s+(?:children\s+)?(?:board|partnership)|LSCB|LSCP|adult\s+social\s+care|adults['’]?\s+services|"
    r"adult\s+services|youth\s+justice|CQC|Care\s+Quality\s+Commission|HMICFRS|Probation|SEND|"
    r"(?:councils|authorities|departments)\s+(?:that\s+are\s+|which\s+are\s+|being\s+)?(?:rated|judged|graded)|"
    r"(?:other|many|most|some|few|several|all|\d+|two|three|four|five|six)\s+(?:\w+\s+)?"
    r"(?:authorities|councils|departments))\b",
    re.IGNORECASE)
_OLD_FRAMEWORK = re.compile(r"(?<![Ii]n)\badequate\b|\brespectively\b", re.IGNORECASE)
_OTHER_SUBJECT_WORDS = ("nurser", "school", "academ", "college", "home", "childminder", "playgroup", "hospital",
                        "police", "force", "prison", "fostering", "agenc", "youth", "gp", "surgery",
                        "safeguarding", "lscb", "lscp", "adult", "cqc", "care quality", "hmicfrs", "probation",
                        "send", "authorities", "councils", "departments")
_AREA_WORDS = ("care", "leader", "protection", "adoption", "overall", "looked", "governance", "permanence")
_PAST_MARKER = Caseless(
    r"\b(?:previously|formerly|first(?!\s+time)|once|originally|earlier|prior|had\s+been|in\s+the\s+past|"
    r"lost|loses|losing|lose|stripped\s+of|down\s+from|up\s+from|slipped\s+from|dropped\s+from|grades?\s+from|"
    r"improvement\s+on|improvement\s+from|compared\s+with|compared\s+to|than\s+the|than\s+its|"
    r"last\s+inspect\w*|last\s+time|before\s+that|historically)\b")
_PAST_CLAUSE_START = re.compile(r"[\s,]*(?:since|after|before|following|until|having)\b(?!\s+(?:then|that|this)\b)",
                                re.IGNORECASE)
_PAST_FRAME = Caseless(r"\b(?:since|at|in|during|after)\s+(?:the|its|their)\s+(?:last|previous|earlier|former)\s+"
                       r"(?:full\s+)?inspection\b")
_ANAPHORIC_START = re.compile(r"\W*(?:They|It|This|These|The\s+report|The\s+inspection|The\s+inspectors)\b")
_ALL_AREAS = re.compile(r"\b(?:across\s+(?:all|the\s+board|every)|in\s+(?:all|every)\s+(?:(?:three|four|five|the)\s+)?"
                        r"(?:areas?|aspects?|categories|judge?ments)|all\s+(?:four|five|of\s+the)\s+(?:areas|categories|"
                        r"judge?ments)|in\s+every\s+area)\b", re.IGNORECASE)

AREAS = (
    ("children_in_care", r"experiences\s+(?:and\s+progress\s+)?of\s+children\s+in\s+care(?:\s+and\s+care\s+leavers)?"),
    ("help_and_protection", r"experiences\s+(?:and\s+progress\s+)?of\s+children\s+who\s+need\s+help\s+and\s+protection"),
    ("impact_of_leaders", r"impact\s+of\s+(?:(?:its|their|the)\s+)?(?:leaders|leadership)(?:\s+on\s+social\s+work\s+practice"
                          r"(?:\s+with\s+children\s+and\s+families)?)?"
                          r"|leadership,?\s+management\s+and\s+governance|leadership\s+and\s+management|"
                          r"(?:(?<!\w\s)|(?<=\band\s))\b[Ll]eadership(?=\s+(?:(?:both|all|also)\s+)?(?:was|is|has\s+been|were|judged|rated|graded)\b)"),
    ("children_in_care", r"children\s+in\s+care(?:\s+and\s+care\s+leavers)?|looked[-\s]after\s+children|"
                         r"children\s+looked\s+after(?:\s+and\s+achieving\s+permanence)?|"
                         r"children\s+who\s+are\s+looked\s+after"),
    ("care_leavers", r"care\s+leavers?['’]?(?:\s+services?)?|leaving\s+care(?:\s+services?)?|care\s+leaver\s+services"),
    ("help_and_protection", r"(?:children\s+who\s+need\s+)?help\s+and\s+protection(?:\s+(?:for|of)\s+children(?:\s+and\s+families)?)?|"
                            r"child\s+protection"),
    ("adoption", r"adoption(?:\s+(?:services?|performance|support))?"),
    ("overall_effectiveness", r"overall\s+effectiveness"),
)
_AREA_RE = re.compile("|".join(f"(?P<a{i}>{p})" for i, (_, p) in enumerate(AREAS)), re.IGNORECASE)
_AREA_RE_LOW = re.compile("|".join(f"(?P<a{i}>{p})" for i, (_, p) in enumerate(AREAS)).replace("[Ll]", "l"))
_AREA_BETWEEN = re.compile(
    r"^(?:\s|,|:|[–—-]|which|who|that|all|both|each|also|remained|remains?|['’]s?|[‘\"“”]|services?|provision|judge?ments?|work|was|were|is|are|has|have|had|been|also|"
    r"judged|rated|graded|found|to|be|as|being|now|still|the|a|an|in|providing|children['’]s|overall|its|"
    r"their|for|of|it)*$", re.IGNORECASE)
_AREA_CONNECTOR = re.compile(r"[\s,;–—-]*(?:and\s+|as\s+well\s+as\s+)?(?:(?:for|the|of|its|their|services|service)\s+)*",
                             re.IGNORECASE)
_LABEL_LINE_END = re.compile(r"['’\"”]?(?:\s*\([^()\n]*\))?[.;]?\s*$")
# The earlier grade a list line gives in brackets: "overall: good (previously outstanding, 2019)".
_PREVIOUS_IN_BRACKETS = re.compile(r"\(\s*(?:previously|formerly|was)\s+['‘\"“]?$", re.IGNORECASE)
_WHEN_CLAUSE = re.compile(r"\s*,\s*when\b", re.IGNORECASE)
_CONTINUED_CLAUSE = re.compile(r"\s*,\s*(?:which|who|whose|was|were|is|are|has|have|had)\b", re.IGNORECASE)
_PREDICATE_SUBJECT = re.compile(
    r"\b(?:services?|department|provision|council|authority|it|they|trust|care|leavers|protection|adoption|"
    r"leadership|governance|effectiveness|performance|permanence)['’]?\s+(?:still\s+|now\s+|also\s+|overall\s+)?$",
    re.IGNORECASE)
_COORDINATED_GRADE = re.compile(
    r"['’\"”]?\s*(?:(?:in|from|at|by|for)\s+[^,;.]{0,40}?)?,?\s*(?:and|but|then|before|while|,)\s+"
    r"(?:then\s+|later\s+|now\s+|was\s+|is\s+|were\s+|as\s+)*(?:(?:re-?)?rated\s+|judged\s+|graded\s+)?"
    r"(?:as\s+)?['‘\"“]?$", re.IGNORECASE)
# A grade kept since an earlier award (`_kept_since`): "held on to its outstanding rating, first
# awarded in 2019"; "kept its outstanding rating after an inspection in December, maintaining the
# grade first awarded in 2019".
_RETAINED_BEFORE = Caseless(r"\b(?:retain(?:s|ed)?|kept|keeps|maintain(?:s|ed)|(?:held|holds|hung|hangs|clung)\s+on"
                            r"(?:\s+to)?)\s+(?:its|their|the)\s+['‘\"“]?$")
_EARLIER_AWARD = Caseless(r"\b(?:first|originally|initially)\b")
_SAME_GRADE_SINCE = Caseless(
    r"\b(?:the|its|their|a)\s+(?:grade|rating|judge?ment)\s+(?:(?:that|which)\s+)?(?:(?:it|they)\s+)?"
    r"(?:(?:was|were|has|have|had)\s+)?(?:(?:first|originally|initially)\s+(?:awarded|given|achieved|received|won|"
    r"earned|gained)|held\s+since)\b[^.;,]{0,12}?$")
_AREA_LIST_CUE = re.compile(r"\b(?:categor\w+|areas?|judge?ments|aspects|of\s+the\s+(?:three|four|five)|"
                            r"in\s+the\s+(?:fourth|third|other|remaining|fifth)|in\s+(?:one|two|three|four))\b",
                            re.IGNORECASE)


@dataclass
class RatingCandidate:
    code: str
    judgement: str
    area: str
    date: PartialDate
    role: str  # new | past
    start: int
    end: int
    sentence: int
    date_written: bool = False
    visit: int | None = None  # index into the article's visit candidates
    same_sentence_visit: bool = False  # the inspection that gave it is named with it
    years_before: int | None = None  # "N years after it was rated X": X is N years before the new one
    approximate: bool = False  # its year was counted back, not written
    relative: RelativeDate | None = None  # its date against the article's unknown date
    cluster: int = -1


def _grade_of(m: re.Match[str]) -> str:
    kind = m.lastgroup
    return _RANKED_GRADES.get(kind, kind)


def _quoted(text: str, start: int, end: int) -> bool:
    return start > 0 and text[start - 1] in _QUOTE_MARKS and end < len(text) and text[end] in _QUOTE_MARKS


def _next_word(text: str, end: int, limit: int) -> str:
    i = end
    while i < limit and (text[i] in _QUOTE_MARKS or text[i] in " \t"):
        i += 1
    j = i
    while j < limit and (text[j].isalpha() or text[j] in "-"):
        j += 1
    word = text[i:j]
    return "" if word == "-" else word  # a hyphen typed for a dash ("judged outstanding - climbing ...")


class _Shifted:
    """A match found in a lower-cased slice, reported at its place in the article."""

    __slots__ = ("lastgroup", "_start", "_end")

    def __init__(self, m: re.Match[str], offset: int) -> None:
        self.lastgroup = m.lastgroup
        self._start, self._end = m.start() + offset, m.end() + offset

    def start(self) -> int:
        return self._start

    def end(self) -> int:
        return self._end


def _area_matches(text: str, start: int, end: int) -> list:
    """The area phrases in text[start:end], in order (the expression runs on the lower-cased
    slice, without IGNORECASE, which is several times faster)."""
    piece = text[start:end]
    low = piece.lower()
    if len(low) != len(piece):
        return list(_AREA_RE.finditer(text, start, end))
    return [_Shifted(m, start) for m in _AREA_RE_LOW.finditer(low)]


def _stems(words: tuple[str, ...]) -> re.Pattern[str]:
    """Plain lower-case words as one alternation, for `has_stem`."""
    return re.compile("|".join(re.escape(w) for w in words))


_OTHER_SUBJECT_STEMS = _stems(_OTHER_SUBJECT_WORDS)
_AREA_STEMS = _stems(_AREA_WORDS)
_INSPECTION_STEM = _stems(("inspection",))  # in every `_PAST_FRAME`


def _areas_in(text: str, start: int, end: int) -> list[str]:
    out = []
    for m in _AREA_RE.finditer(text, start, end):
        out.append(AREAS[int(m.lastgroup[1:])][0])
    return out


def _area_of(ctx: ArticleContext, start: int, end: int, clause: tuple[int, int], listed_after: list[str]) -> list[str]:
    """The areas a grade at text[start:end] is given to (overall effectiveness unless one is named);
    listed_after: the areas listed right after it (`_areas_after`, read once per grade)."""
    text = ctx.text
    if _ALL_AREAS.search(text, end, min(clause[1], end + 40)):
        return ["overall_effectiveness"]
    # "... in three of the four categories (a, b and c) and 'Good' in the fourth (d)"
    window_end = min(clause[1] if clause[1] > end + 80 else ctx.sentence_at(start).end, end + 90)
    paren = text.find("(", end, window_end)
    if paren >= 0 and _AREA_LIST_CUE.search(text, end, paren + 1) and not re.search(
            r"['‘\"“]?\b(?:good|outstanding|inadequate|requires)\b", text[end:paren], re.IGNORECASE):
        close = text.find(")", paren)
        if close > paren:
            listed = _areas_in(text, paren + 1, close)
            if listed:
                return list(dict.fromkeys(listed))
    # "care leavers' services were rated good"; "help and protection, children in care and the
    # impact of leaders were all judged to require improvement"; "the overall effectiveness ... as
    # 'Outstanding'"
    chain = _area_chain_before(ctx, start, ctx.sentence_at(start).start)
    if chain:
        return chain + [a for a in _as_was(text, end, clause) if a not in chain]
    # "... were judged good, as was leadership, management and governance": see _as_was
    return listed_after or ["overall_effectiveness"]


# "rated outstanding overall and for the impact of leaders", "inadequate for overall effectiveness,
# leadership and help and protection": the areas listed right after a grade.
_OVERALL_AFTER = re.compile(r"['’\"”]?\s+overall\b(?!\s+effectiveness)", re.IGNORECASE)
_FIRST_AREA_SEP = re.compile(r"['’\"”]?(?:\s+(?:grades?|ratings?|judge?ments?))?(?:\s*,)?\s+(?:and\s+)?(?:for|in)\s+(?:its\s+|their\s+|the\s+)?"
                             r"(?:services\s+for\s+)?", re.IGNORECASE)
_NEXT_AREA_SEP = re.compile(r"\s*(?:,\s*(?:and\s+)?|\s+and\s+|\s+as\s+well\s+as\s+)(?:(?:for|in)\s+)?"
                            r"(?:its\s+|their\s+|the\s+)?(?:services\s+for\s+)?", re.IGNORECASE)
_BARE_LEADERSHIP = re.compile(r"(?:leadership|leaders)\b", re.IGNORECASE)


def _area_at(text: str, pos: int, limit: int) -> tuple[str, int] | None:
    am = _AREA_RE.match(text, pos, limit)
    if am:
        return AREAS[int(am.lastgroup[1:])][0], am.end()
    bm = _BARE_LEADERSHIP.match(text, pos, limit)
    if bm:
        return "impact_of_leaders", bm.end()
    return None


def _areas_after(text: str, end: int, limit: int) -> tuple[list[str], int]:
    """The areas listed after a grade, and where the list ends (end when there is none)."""
    limit = max(limit, min(len(text), end + 200))
    areas: list[str] = []
    pos = end
    m = _OVERALL_AFTER.match(text, pos, limit)
    if m:
        areas.append("overall_effectiveness")
        pos = m.end()
    sep = _NEXT_AREA_SEP if areas else _FIRST_AREA_SEP
    while True:
        m = sep.match(text, pos, limit)
        if m is None:
            break
        found = _area_at(text, m.end(), limit)
        if found is None:
            break
        areas.append(found[0])
        pos = found[1]
        sep = _NEXT_AREA_SEP
    if len(areas) == 1 and areas[0] == "overall_effectiveness" and pos == end:
        return [], end
    return list(dict.fromkeys(areas)), pos


_GRADE_WORDS = r"(?:good|outstanding|inadequate|requir(?:es?|ed|ing)\s+improvement)"
_DISJUNCTION_BEFORE = Caseless(_GRADE_WORDS + r"['’\"”]?,?\s+or\s+['‘\"“]?$")
_DISJUNCTION_AFTER = re.compile(r"['’\"”]?(?:\s+to\s+be\s+good)?,?\s+or\s+['‘\"“]?" + _GRADE_WORDS, re.IGNORECASE)
_AREA_VERB = re.compile(r"\b(?:was|were|is|are|remained|remains?|judged|rated|graded|found|been)\b", re.IGNORECASE)
_NUMBER_WORDS = {"a": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8,
                 "nine": 9, "ten": 10}
_YEARS_AFTER = re.compile(r"\b(a|one|two|three|four|five|six|seven|eight|nine|ten|\d{1,2})\s+years?\s+(?:after|since)\b",
                          re.IGNORECASE)
# A grade held since a year ("rated inadequate since 2022") was awarded that year, whatever the
# clause split at "since" leaves in the grade's clause.
_HELD_SINCE = re.compile(r"['’\"”]?\s+since\s+(?=(?:19|20)\d\d\b)", re.IGNORECASE)
_ATTACHED_BEFORE = re.compile(r"['’\"”]?,?(?:\s+(?:by|for)\s+(?:the\s+)?\w+)?\s*(?:in|from|at|by|during|since|until)?\s*",
                              re.IGNORECASE)
_AS_WAS = re.compile(r"['’\"”]?,?\s+as\s+(?:was|were|did|is|are)\s+(?:the\s+|its\s+)?", re.IGNORECASE)


def _as_was(text: str, end: int, clause: tuple[int, int]) -> list[str]:
    """'judged good, as was leadership, management and governance': the area that shares the grade."""
    m = _AS_WAS.match(text, end)
    if m is None:
        return []
    am = _AREA_RE.match(text, m.end())
    return [AREAS[int(am.lastgroup[1:])][0]] if am else []


def _area_chain_before(ctx: ArticleContext, start: int, lo: int) -> list[str]:
    """The areas that are the subject of a grade: one, or a list joined by commas and "and"."""
    if not has_stem(ctx, max(lo, start - 320), start, _AREA_STEMS):
        return []
    text = ctx.text
    matches = _area_matches(text, max(lo, start - 320), start)
    if not matches or not _AREA_BETWEEN.match(text[matches[-1].end():start]):
        return []
    chain = [matches[-1]]
    for m in reversed(matches[:-1]):
        if _AREA_CONNECTOR.fullmatch(text, m.end(), chain[-1].start()):
            chain.append(m)
        else:
            break
    return list(dict.fromkeys(AREAS[int(m.lastgroup[1:])][0] for m in reversed(chain)))


def _area_directly_before(ctx: ArticleContext, start: int, lo: int, with_verb: bool = False) -> bool:
    """An area phrase right before the grade ("care leavers' services were rated"); with_verb:
    and a verb between them ("... care leavers remained good")."""
    if not has_stem(ctx, max(lo, start - 90), start, _AREA_STEMS):
        return False
    text = ctx.text
    matches = _area_matches(text, max(lo, start - 90), start)
    m = matches[-1] if matches else None
    if m is None or _AREA_BETWEEN.match(text[m.end():start]) is None:
        return False
    return not with_verb or _AREA_VERB.search(text, m.end(), start) is not None


def find_rating_candidates(ctx: ArticleContext, claimed_dates: set[int]) -> list[RatingCandidate]:
    """Every graded judgement of an authority the article states."""
    text = ctx.text
    out: list[RatingCandidate] = []
    if not ctx.authorities:
        return out
    grades: list[re.Match[str]] = []
    low = ctx.lower
    scan = literal_starts(low, _GRADE_START_LOW) if low is not None else [g.start() for g in _GRADE_START.finditer(text)]
    for pos in scan:
        if pos and text[pos - 1].isalnum() or (grades and pos < grades[-1].end()):
            continue
        m = _GRADE.match(ctx, pos)
        if m is not None:
            grades.append(m)
    # "from 'inadequate' to 'good'": the first grade is past, the second new
    transitions: dict[int, str] = {}
    for g1, g2 in zip(grades, grades[1:]):
        if g2.start() - g1.end() < 90 and _TO_BETWEEN.match(text[g1.end():g2.start()]) and \
                _FROM_BEFORE.search(text, max(0, g1.start() - 40), g1.start()):
            transitions[g1.start()] = "past"
            transitions[g2.start()] = "new"
    last_accepted: tuple[int, int] | None = None  # (sentence, end) of the last grade read
    for gi, m in enumerate(grades):
        start, end = m.span()
        judgement = _grade_of(m)
        kind = m.lastgroup
        quoted = _quoted(text, start, end)
        transition = transitions.get(start)
        si = ctx.sentence_index(start)
        sent = ctx.sentences[si]
        noun_form = False
        if kind not in _RANKED_GRADES and transition is None:
            # cheap tests first: most grade words describe something else ("good morale")
            nxt = _next_word(text, end, min(len(text), end + 30))
            noun_form = nxt.lower() in _RATING_NOUNS
            if nxt and not noun_form and nxt.lower() not in _ALLOWED_AFTER:
                continue
            if nxt.lower() == "as" and judgement == "good":  # "as good as"
                continue
            if not noun_form and not quoted and _ADJECTIVE_BEFORE.search(ctx, max(0, start - 20), start):
                continue
        clause = ctx.clause_at(start)
        before_start = max(clause[0], start - 120)
        tokens = _tokens(text, before_start, start)
        if _negative_before(tokens, ctx, max(clause[0], start - 110), start):
            continue
        quote = ctx.quote_at(start)
        if quote is not None and not quote.ofsted:
            continue
        if _DISJUNCTION_BEFORE.search(ctx, max(0, start - 30), start) or \
                _DISJUNCTION_AFTER.match(text, end, min(len(text), end + 40)):
            continue  # "rated good or outstanding": any grade of two, not a judgement
        subject_from = clause[0]
        if _CONTINUED_CLAUSE.match(text, clause[0], clause[1]):
            subject_from = sent.start  # "X nursery, which was previously rated good, was rated ..."
        clause_low = text[clause[0]:clause[1]].lower()
        if ("adequate" in clause_low.replace("inadequate", "") or "respectively" in clause_low) \
                and _OLD_FRAMEWORK.search(text, clause[0], clause[1]):
            continue
        if has_stem(ctx, subject_from, start, _OTHER_SUBJECT_STEMS) and \
                _OTHER_SUBJECT.search(text, subject_from, start):
            continue
        if kind not in _RANKED_GRADES and transition is None:
            coordinated = (last_accepted is not None and last_accepted[0] == si
                           and _COORDINATED_GRADE.fullmatch(text, last_accepted[1], start) is not None)
            para = ctx.paragraph_at(start)
            label_line = (text[para.start:start].rstrip(" '‘\"“").endswith((":", " –", " —", " -"))
                          and _area_directly_before(ctx, start, para.start)
                          and _LABEL_LINE_END.match(text, end, para.end) is not None)
            if not (noun_form or coordinated or label_line
                    or _rating_verb_before(tokens)
                    or _MOVED_FROM_BEFORE.search(text, max(sent.start, start - 40), start)
                    or _PREVIOUS_IN_BRACKETS.search(text, max(sent.start, start - 20), start)
                    or _service_subject_before(_tokens(text, max(sent.start, start - 160), start))
                    or _authority_subject_before(ctx, start, sent.start)
                    or (judgement == "requires_improvement" and text[start:end].lower().startswith("requir")
                        and (_PREDICATE_SUBJECT.search(text, max(sent.start, start - 40), start)
                             or _authority_right_before(ctx, start, sent.start)))
                    or _area_directly_before(ctx, start, sent.start,
                                             with_verb=not text[start:end].lower().startswith("requir"))
                    or ((quoted or _area_directly_before(ctx, start, clause[0]))
                        and _RATING_CONTEXT.search(ctx, sent.start, sent.end))):
                continue
        codes = ctx.authorities_for(start, end)
        if not codes:
            continue
        listed_after, list_end = _areas_after(text, end, clause[1])
        last_accepted = (si, max(end, list_end))
        # role and date
        # (the marker of a move, "up a grade from X to Y", is the first grade's, not the second's)
        past = (transition == "past" or _in_past_clause(text, clause, start)
                or (transition != "new" and _PAST_MARKER.search(ctx, clause[0], start))
                or (has_stem(ctx, sent.start, start, _INSPECTION_STEM)
                    and _PAST_FRAME.search(ctx, sent.start, start)))
        prev_end = grades[gi - 1].end() if gi > 0 else 0
        # (a date between the two grades of a move is the first one's)
        lo = max(clause[0], start if transition == "new" else prev_end)
        hi = min(clause[1], grades[gi + 1].start() if gi + 1 < len(grades) else len(text))
        date_mention = _rating_date(ctx, start, end, lo, hi, claimed_dates, after_grade=prev_end > clause[0])
        held_since = _HELD_SINCE.match(text, end, min(len(text), end + 12))
        if held_since is not None:
            since = next((d for d in ctx.dates_in(held_since.end(), held_since.end() + 4)
                          if d.start not in claimed_dates), None)
            if since is not None:
                date_mention, past = since, True
        if date_mention is None and _WHEN_CLAUSE.match(text, clause[0], clause[1]):
            # "inspected in 2014, when they were rated requires improvement"
            prior = [d for d in ctx.dates_in(sent.start, clause[0])]
            if prior:
                date_mention = prior[-1]
        written = date_mention is not None
        date = date_mention.date if date_mention else UNKNOWN_DATE
        relative = date_mention.relative if date_mention else None
        if not written and si > 0 and _ANAPHORIC_START.match(text, sent.start, sent.end):
            prev = ctx.sentences[si - 1]
            prev_dates = [d for d in ctx.dates_in(prev.start, prev.end) if d.start not in claimed_dates]
            if len(prev_dates) == 1 and not _GRADE.search(ctx, prev.start, prev.end):
                date, written, relative = prev_dates[0].date, True, prev_dates[0].relative
        if written:
            past = past or not date.known or (ctx.published.known and date.known
                                               and ctx.published.year - date.year >= 2)
        role = "past" if past else "new"
        years_before = None
        if not written:
            # "judged good, four years after it was rated requires improvement"
            ya = _YEARS_AFTER.search(text, max(sent.start, clause[0] - 30), clause[0] + 8)
            if ya and _PAST_CLAUSE_START.match(text, clause[0], clause[1]):
                n = ya.group(1).lower()
                years_before = _NUMBER_WORDS.get(n) or (int(n) if n.isdigit() else None)
        for area in _area_of(ctx, start, end, clause, listed_after):
            for code in codes:
                out.append(RatingCandidate(code, judgement, area, date, role, start, end, si, written,
                                           years_before=years_before, relative=relative))
    # One judgement stated twice in a sentence ("judged inadequate - the lowest rating") is one.
    same: dict[tuple, list[RatingCandidate]] = {}
    for r in out:
        same.setdefault((r.sentence, r.code, r.judgement, r.area), []).append(r)
    for group in same.values():
        dated = [r for r in group if r.date_written]
        # (not a grade of the main clause from one in a clause of what came before: "remain
        # inadequate, ... three years after the council was first given the lowest rating";
        # "kept its good rating after an inspection in April, ... since it was judged good in 2021")
        in_past_clause = [_in_past_clause(text, ctx.clause_at(r.start), r.start) for r in group]
        dated_only_before = all(before for r, before in zip(group, in_past_clause) if r.date_written)
        if dated and len(dated) < len(group):
            for r, before in zip(group, in_past_clause):
                if not r.date_written and (before or not dated_only_before):
                    r.date, r.date_written, r.role = dated[0].date, True, dated[0].role
                    r.relative = dated[0].relative
        if any(r.role == "past" and not before for r, before in zip(group, in_past_clause)) and not dated:
            for r in group:
                r.role = "past"
    return out + _kept_since(ctx, out, claimed_dates)


def _kept_since(ctx: ArticleContext, found: list[RatingCandidate], claimed: set[int]) -> list[RatingCandidate]:
    """A grade kept since an earlier award is two judgements, the new inspection's and the earlier
    one's; the sentence states one and this adds the other. Where the award's year was read with
    the grade ("held on to its outstanding rating, first awarded in 2019"), the new one; where a
    later clause dates it ("kept its outstanding rating after an inspection in December,
    maintaining the grade first awarded in 2019"), the earlier one."""
    other_half = []
    for r in found:
        sent = ctx.sentences[r.sentence]
        if r.role == "past" and r.date_written:
            award = next((d for d in ctx.dates_in(r.end, sent.end) if d.date == r.date), None)
            if award is not None and _RETAINED_BEFORE.search(ctx, max(sent.start, r.start - 40), r.start) and \
                    _EARLIER_AWARD.search(ctx, r.end, award.start):
                other_half.append(RatingCandidate(r.code, r.judgement, r.area, UNKNOWN_DATE, "new", r.start, r.end,
                                                  r.sentence))
        elif r.role == "new" and not r.date_written:
            for d in ctx.dates_in(r.end, sent.end):
                if d.start not in claimed and d.date.known and \
                        _SAME_GRADE_SINCE.search(ctx, max(r.end, d.start - 90), d.start) and \
                        not _GRADE.search(ctx, r.end, d.start):
                    other_half.append(RatingCandidate(r.code, r.judgement, r.area, d.date, "past", r.start, r.end,
                                                      r.sentence, True, relative=d.relative))
                    break
    return other_half


def _in_past_clause(text: str, clause: tuple[int, int], start: int) -> bool:
    """Whether the grade stands in a clause of what came before ("after it was rated inadequate"),
    not in the main clause a comma closes that phrase into ("following an inspection in July,
    rates the service good")."""
    m = _PAST_CLAUSE_START.match(text, clause[0], clause[1])
    return m is not None and "," not in text[m.end():start]


def _rating_date(ctx: ArticleContext, start: int, end: int, lo: int, hi: int,
                 claimed: set[int], after_grade: bool = False) -> DateMention | None:
    after = before = None
    for d in ctx.dates_in(lo, hi):
        if d.start in claimed:
            continue
        if d.start >= end and after is None:
            after = d
        elif d.end <= start and not (after_grade and _ATTACHED_BEFORE.fullmatch(ctx.text, lo, d.start)):
            # (a date right after the previous grade is that grade's: "inadequate in 2018 and ...")
            before = d
    return after or before


# --- visits and judgements together -----------------------------------------------------------

@dataclass(frozen=True, slots=True)
class ArticleEvents:
    visits: tuple[VisitMention, ...]
    ratings: tuple[RatingMention, ...]
    main_visit: int | None  # the event the article reports: findings come from it
    main_visit_of: dict[str, int]  # the same per authority


_INSPECTION_LIKE = ("inspection", "visit")


def _clause_index(ctx: ArticleContext, pos: int) -> int:
    for i, (start, end) in enumerate(ctx.clauses(ctx.sentence_index(pos))):
        if start <= pos < end:
            return i
    return 0


# A grade repeated from an earlier inspection named after it: that inspection did not give this one.
# A grade given in a predicate joined to the inspection's clause: "..., and rated it inadequate".
_AND_RATED = re.compile(r"[\s,]*and\s+(?:then\s+)?(?:had\s+)?(?:rated|judged|graded)\b", re.IGNORECASE)
_SAME_GRADE = re.compile(r"\b(?:the\s+)?same\s+(?:grade|rating|judge?ment|verdict)\b", re.IGNORECASE)


def _gave(ctx: ArticleContext, rating_pos: int, visit_pos: int) -> bool:
    """Whether the inspection phrase at visit_pos is the one that gave the grade at rating_pos:
    the same clause, or "rated X | following an inspection", "given RI | after being inspected"."""
    if visit_pos > rating_pos and _SAME_GRADE.search(ctx.text, rating_pos, visit_pos):
        return False  # "still require improvement, the same grade it received at its last inspection"
    ri, vi = _clause_index(ctx, rating_pos), _clause_index(ctx, visit_pos)
    if ri == vi:
        return True
    clauses = ctx.clauses(ctx.sentence_index(rating_pos))
    rating_past = bool(_PAST_CLAUSE_START.match(ctx.text, *clauses[ri]))
    if vi == ri - 1 and (_WHEN_CLAUSE.match(ctx.text, *clauses[ri]) or _CONTINUED_CLAUSE.match(ctx.text, *clauses[ri])):
        # "inspected in 2014, when ...", "the previous inspection, which rated it ...", and its
        # predicate after an aside: "the previous inspection, in 2018, had rated it ..."
        return True
    if vi < ri and _AND_RATED.match(ctx.text, *clauses[ri]):
        # "inspectors arrived for a full inspection 18 months ago ..., and rated it RI": the
        # inspection's own predicate, whatever asides stand between
        return True
    if vi == ri + 1 and not rating_past:
        return bool(re.match(r"[\s,]*(?:following|after)\b", ctx.text[clauses[vi][0]:clauses[vi][1]], re.I))
    return False


def _grade_between(rc: list[RatingCandidate], r: RatingCandidate, pos: int) -> bool:
    """Another grade of the sentence stands between a grade and an inspection phrase: the phrase is
    that grade's ("rated RI, down from good at its last inspection in 2018")."""
    lo, hi = (r.end, pos) if pos >= r.end else (pos, r.start)
    return any(o.sentence == r.sentence and o.judgement != r.judgement and lo <= o.start < hi for o in rc)


_RESPECTIVELY_AFTER = re.compile(r"[\s,]*respectively\b", re.IGNORECASE)


def _date_respectively(ctx: ArticleContext, rc: list[RatingCandidate], vc: list[VisitCandidate]) -> None:
    """"X was rated good and Y judged to require improvement, following inspections in October and
    September respectively": the n-th month of the list dates the inspection of the n-th authority
    graded in the sentence. Only where the counts agree; a date already known is kept."""
    low = ctx.lower or ctx.text.lower()
    if "respectively" not in low:
        return
    for d in ctx.dates:
        if len(d.raw.months) < 2 or not _RESPECTIVELY_AFTER.match(ctx.text, d.end):
            continue
        si = ctx.sentence_index(d.start)
        graded = sorted((r for r in rc if r.sentence == si and r.visit is not None), key=lambda r: r.start)
        codes = list(dict.fromkeys(r.code for r in graded))
        if len(codes) != len(d.raw.months):
            continue
        months = each_listed_month(d, ctx.published)
        for r in graded:
            c = vc[r.visit]
            if not c.date.known and c.relative is None:
                c.date, c.relative = months[codes.index(r.code)]
                c.date_written = True


_WHEN_INSPECTORS = re.compile(
    r"\s*,\s*when\s+(?:the\s+)?(?:inspectors?|ofsted|watchdog|regulator)\s+(?:\w+\s+)?"
    r"(?:found|visited|saw|judged|identified|highlighted|reported|raised|said)\b", re.IGNORECASE)


def _inspectors_then(ctx: ArticleContext, pos: int) -> bool:
    """"rated inadequate in March last year, when inspectors found ...": the grade's date is the
    inspection's."""
    return _WHEN_INSPECTORS.match(ctx.text, ctx.clause_at(pos)[1]) is not None


# An inspection in or before this month has its report out the same year: reports follow the
# visit by some weeks, a few by months (a follow-up visit, a delay); a later one may be reported
# the next year.
LAST_MONTH_REPORTED_SAME_YEAR = 8


def _reported_same_year(vdate: PartialDate, relative: RelativeDate | None) -> bool:
    """Whether an inspection of this date (or date against the article's) had its report out in
    its own year: its month is written and early enough."""
    month = vdate.month if vdate.known else relative.month if relative is not None else None
    return month is not None and month <= LAST_MONTH_REPORTED_SAME_YEAR


def _reported_in(inspected: PartialDate, year: int) -> bool:
    """Whether an inspection late in the year before (November) may be the one whose report gave a
    date in `year`: it is not "before a later one"."""
    return inspected.month is not None and year == inspected.year + 1 and not _reported_same_year(inspected, None)


def _reported_next_year(c: VisitCandidate, r: RatingCandidate) -> bool:
    """An inspection late in the year before a grade's date, named in its sentence or the one before,
    gave it: the report came out in the new year ("inspectors spent three weeks there last November,
    and their report, published this week, rates the service good"; "... and their report was
    published last week. They graded ...")."""
    return r.sentence - 1 <= c.sentence <= r.sentence and _reported_in(c.date, r.date.year)


def _main_inspection(cands: list[VisitCandidate], code: str) -> int | None:
    best, best_key = None, None
    for i, c in enumerate(cands):
        if c.code != code or c.visit_type not in _INSPECTION_LIKE or c.role != "current":
            continue
        key = (c.date.to_date() or EARLIEST, -c.start)
        if best_key is None or key > best_key:
            best, best_key = i, key
    return best


# A count of years given as a rough one ("nearly two years after"): no year can be counted from it.
_ROUGH_COUNT = Caseless(r"\b(?:nearly|almost|about|around|roughly|some|over|more\s+than|less\s+than)\s+\w+\s+years?\s+"
                        r"(?:after|since)\b")


def _year_counted_on(ctx: ArticleContext, rc: list[RatingCandidate]) -> PartialDate:
    """An undated article's year from "rated good, three years after it was told it required
    improvement" and that earlier grade written with its year elsewhere ("In 2022 Ofsted judged it
    to require improvement"): 2025. That dated grade is then the earlier one."""
    for r in rc:
        if r.years_before is None or r.date_written:
            continue
        sent = ctx.sentences[r.sentence]
        if _ROUGH_COUNT.search(ctx, sent.start, sent.end):
            continue
        dated = [o for o in rc if o.code == r.code and o.judgement == r.judgement and o.area == r.area
                 and o.sentence != r.sentence and o.date_written and o.date.known]
        if len({o.date.year for o in dated}) == 1:
            for o in dated:
                o.role = "past"
            return PartialDate(dated[0].date.year + r.years_before)
    return UNKNOWN_DATE


def _date_months_in(ctx: ArticleContext, vc: list[VisitCandidate], year: int) -> None:
    """Inspections dated by a month alone ("in September") in an article whose year was counted on:
    that month of that year."""
    month_of = {d.start: d.raw.month for d in ctx.dates if d.raw.kind == "month" and d.raw.month <= 12}
    for c in vc:
        if not c.date.known and c.role == "current" and c.date_start in month_of:
            c.date = PartialDate(year, month_of[c.date_start])


_REPORTED_WITHIN_THE_YEAR_FROM = 3  # March: a January visit's report; February may report December's


def article_events(ctx: ArticleContext) -> ArticleEvents:
    """The article's visit and rating mentions, each judgement linked to its inspection."""
    vc = find_visit_candidates(ctx)
    claimed = {c.date_start for c in vc if c.date_start >= 0}
    rc = find_rating_candidates(ctx, claimed)
    published = ctx.published
    if not published.known:
        published = _year_counted_on(ctx, rc)
        if published.known:
            _date_months_in(ctx, vc, published.year)

    # 1. Judgements with an inspection in their sentence or a date of their own.
    pending: list[RatingCandidate] = []
    for r in rc:
        linked = None
        for i, c in enumerate(vc):
            if c.sentence == r.sentence and c.code == r.code and c.visit_type in _INSPECTION_LIKE \
                    and not c.implied and _gave(ctx, r.start, c.start) \
                    and not _grade_between(rc, r, c.start):
                if linked is None or abs(c.start - r.start) < abs(vc[linked].start - r.start):
                    linked = i
        if linked is not None and r.date.known and vc[linked].date.known and r.date_written \
                and r.date.year != vc[linked].date.year:
            linked = None  # "judged RI at that inspection in 2021, having been rated inadequate in 2019"
        if linked is not None:
            c = vc[linked]
            c.rated = True
            r.same_sentence_visit = True
            c.bare = False
            if not c.date.known and r.date.known and r.date_written:
                c.date = PartialDate(r.date.year)
            if r.role == "past":
                c.role = "past"
            elif c.role == "past" and not r.date_written:
                r.role = "past"  # "the previous inspection, which rated the council as ..."
            r.visit = linked
            continue
        if r.date.known:
            # A grade's month is its report's, unless inspectors are said to have found it then.
            inspected = r.date if r.date_written and _inspectors_then(ctx, r.start) else PartialDate(r.date.year)
            for i, c in enumerate(vc):
                if c.code == r.code and c.visit_type in _INSPECTION_LIKE and (
                        c.date.year == r.date.year or _reported_next_year(c, r)):
                    r.visit = i
                    if PRECISION_RANK[inspected.precision] > PRECISION_RANK[c.date.precision] and inspected.agrees_with(c.date):
                        c.date = inspected
                    break
            else:
                vc.append(VisitCandidate(r.code, "inspection", None, None, inspected,
                                         UNKNOWN_DATE, "past" if r.role == "past" else "current",
                                         r.start, r.end, r.sentence, implied=True, rated=True))
                r.visit = len(vc) - 1
            continue
        pending.append(r)

    # Inspections long before the article (or before a later one) are referred back to.
    latest: dict[tuple[str, str], int] = {}
    for c in vc:
        if c.date.known:
            key = (c.code, c.visit_type)
            latest[key] = max(latest.get(key, c.date.year), c.date.year)
    for c in vc:
        if not c.date.known:
            continue
        if published.known and published.year - c.date.year >= 2:
            c.role = "past"
        elif c.date.year < latest[(c.code, c.visit_type)] and c.role == "current" and c.visit_type != "monitoring_visit" \
                and not _reported_in(c.date, latest[(c.code, c.visit_type)]):
            c.role = "past"

    # 2. Judgements with neither: the new one comes from the article's main inspection.
    for r in pending:
        if r.role == "new":
            main = _main_inspection(vc, r.code)
            if main is not None:
                r.visit = main
                vc[main].rated = True
                vc[main].bare = False
                continue
            vc.append(VisitCandidate(r.code, "inspection", None, None, UNKNOWN_DATE, UNKNOWN_DATE, "current",
                                     r.start, r.end, r.sentence, implied=True, rated=True))
            r.visit = len(vc) - 1
            continue
        past = [i for i, c in enumerate(vc) if c.code == r.code and c.visit_type in _INSPECTION_LIKE
                and c.role == "past" and not c.bare]
        if len(past) == 1:
            r.visit = past[0]
            vc[past[0]].bare = False
            continue
        vc.append(VisitCandidate(r.code, "inspection", None, None, UNKNOWN_DATE, UNKNOWN_DATE, "past",
                                 r.start, r.end, r.sentence, implied=True, rated=True))
        r.visit = len(vc) - 1

    _date_respectively(ctx, rc, vc)

    # 3. A judgement given with its dated inspection has the inspection's year; the new one with
    # no date has the article's year, unless its inspection is long before (in an article with no
    # date, it is kept as "the article's year" for when another article dates this one).
    for r in rc:
        if r.date.known or r.date_written:
            continue
        v = vc[r.visit] if r.visit is not None else None
        vdate = v.date if v is not None else UNKNOWN_DATE
        if v is not None and _reported_same_year(vdate, v.relative):
            # "judged inadequate after an inspection in March last year": that year's report
            if vdate.known:
                r.date = PartialDate(vdate.year)
            else:
                r.relative = RelativeDate(v.relative.years)
        elif r.role == "new" and published.known:
            # the report of the article's inspection is published in the article's year, unless
            # the grade's own sentence dates it to an earlier year alone ("rated inadequate 18
            # months ago"): no month to have been reported later in
            if vdate.known and (published.year - vdate.year >= 2 or (
                    r.same_sentence_visit and v.date_written and vdate.month is None and vdate.year < published.year)):
                r.date = PartialDate(vdate.year)
            else:
                r.date = PartialDate(published.year)
        elif v is not None and v.date_written and vdate.known and (r.same_sentence_visit or r.role == "past"):
            # "judged RI at that inspection in 2021"; "an inspection in November resulted in 'good'";
            # "up a grade from RI. It was last inspected in 2018": the one earlier inspection's
            r.date = PartialDate(vdate.year)
        elif r.role == "new" and ctx.report_date.known and (
                not vdate.known or ctx.report_date.to_date() >= vdate.to_date()):
            r.date = PartialDate(ctx.report_date.year)  # the report that gave it came out then
        elif r.role == "new" and vdate.known:
            r.date = PartialDate(vdate.year)
        elif r.role == "new":
            r.relative = RelativeDate(0)  # the article's year, once another article gives it

    # The new judgement's inspection, undated, in an article of March or later: the inspections
    # reported then were made in its year (a report follows its visit by weeks, not by a year).
    if published.month is not None and published.month >= _REPORTED_WITHIN_THE_YEAR_FROM:
        for r in rc:
            v = vc[r.visit] if r.visit is not None else None
            if r.role == "new" and v is not None and not v.date.known and v.relative is None \
                    and r.date.known and r.date.year == published.year:
                v.date = PartialDate(published.year)

    # 4. "N years after it was rated X": counted back from the judgement of the same sentence, or
    # from the year written before it ("... until March 2018, a year after inspectors had judged
    # the service good").
    for r in rc:
        if r.years_before is None or r.date.known:
            continue
        anchor = next((o.date.year for o in rc if o.sentence == r.sentence and o.years_before is None
                       and o.role == "new" and o.date.known), None)
        if anchor is None:
            sent_start = ctx.sentences[r.sentence].start
            written = [d for d in ctx.dates_in(sent_start, ctx.clause_at(r.start)[0]) if d.explicit]
            anchor = written[-1].date.year if written else None
        if anchor is not None:
            r.date, r.approximate = PartialDate(anchor - r.years_before), True
            if r.visit is not None and vc[r.visit].implied and not vc[r.visit].date.known:
                vc[r.visit].date = r.date

    settle_plain_visits(ctx, vc)
    visits = cluster_visits(ctx, vc)
    ratings = _cluster_ratings(ctx, rc, vc)
    main_of: dict[str, int] = {}
    keys = [_main_key(vc, visits, i) for i in range(len(visits))]
    for i, v in enumerate(visits):
        held = main_of.get(v.authority_code)
        if held is None or keys[i] > keys[held]:
            main_of[v.authority_code] = i
    main = main_of.get(ctx.main_code) if ctx.main_code else None
    if main is None and main_of:
        main = min(main_of.values())
    return ArticleEvents(tuple(visits), tuple(ratings), main, main_of)


def _main_key(vc: list[VisitCandidate], visits: list[VisitMention], i: int) -> tuple:
    """The event an article reports: named as a current event, then the latest, then most named."""
    members = [c for c in vc if c.cluster == i]
    named_current = any(c.role == "current" and not c.implied for c in members)
    current = any(c.role == "current" for c in members)
    return (named_current, current, visits[i].visit_date.to_date() or EARLIEST, len(members))


def _cluster_ratings(ctx: ArticleContext, rc: list[RatingCandidate], vc: list[VisitCandidate]) -> list[RatingMention]:
    groups: dict[tuple[str, str, str], list[RatingCandidate]] = {}
    for r in rc:
        groups.setdefault((r.code, r.judgement, r.area), []).append(r)
    clusters: list[list[RatingCandidate]] = []
    for key, members in groups.items():
        by_year: dict[int, list[RatingCandidate]] = {}
        unknown: list[RatingCandidate] = []
        year_of_visit: dict[int, int] = {}  # one inspection gives one judgement per area
        for r in sorted(members, key=lambda r: (r.approximate, not r.same_sentence_visit, r.start)):
            cluster = vc[r.visit].cluster if r.visit is not None else -1
            if r.date.known and cluster >= 0 and cluster in year_of_visit:
                by_year[year_of_visit[cluster]].append(r)
                continue
            if r.approximate:
                near = [y for y in by_year if abs(y - r.date.year) <= 1 and not all(o.approximate for o in by_year[y])]
                if len(near) == 1:  # "two years after" a judgement dated elsewhere: that one
                    by_year[near[0]].append(r)
                    continue
            (by_year.setdefault(r.date.year, []) if r.date.known else unknown).append(r)
            if r.date.known and cluster >= 0:
                year_of_visit[cluster] = r.date.year
        if unknown:
            if not by_year:
                by_year[0] = []
                by_year[0].extend(unknown)
            else:
                years = sorted(by_year)
                only_past = all(o.role == "past" for y in years for o in by_year[y])
                for r in unknown:
                    # the one its inspection gave, else the only one, else by role
                    target = None
                    if r.visit is not None:
                        for y in years:
                            if any(o.visit is not None and vc[o.visit].cluster == vc[r.visit].cluster
                                   and vc[r.visit].cluster >= 0 for o in by_year[y]):
                                target = y
                                break
                    if target is None and r.role == "new" and only_past:
                        # "remain inadequate" in an undated article is not "first rated inadequate
                        # in 2022": the new judgement of an undated inspection is one of its own
                        target = 0
                    elif target is None:
                        target = years[0] if (len(years) == 1 or r.role == "past") else years[-1]
                    by_year.setdefault(target, [])
                    by_year[target].append(r)
        clusters.extend(by_year[y] for y in sorted(by_year))
    out = []
    for members in sorted(clusters, key=lambda ms: min(r.start for r in ms)):
        first = min(members, key=lambda r: r.start)
        date = UNKNOWN_DATE
        for r in members:
            if r.date.known and (not date.known or PRECISION_RANK[r.date.precision] > PRECISION_RANK[date.precision]):
                date = r.date
        relative = None if date.known else next((r.relative for r in members if r.relative), None)
        visit_clusters: dict[int, int] = {}  # how many of its members each visit gave
        for r in members:
            cluster = vc[r.visit].cluster if r.visit is not None else -1
            if cluster >= 0:
                visit_clusters[cluster] = visit_clusters.get(cluster, 0) + 1
        visit_index = min(visit_clusters, key=lambda k: (-visit_clusters[k], k)) if visit_clusters else None
        sent = ctx.sentences[first.sentence]
        out.append(RatingMention(
            authority_code=first.code, authority_name=ctx.names.get(first.code, first.code),
            judgement=first.judgement, judgement_area=first.area, rating_date=date,
            evidence=ctx.text[sent.start:sent.end], char_start=sent.start, char_end=sent.end,
            visit_index=visit_index, relative_date=relative))
    return out


def extract_ratings(text: str, published: PartialDate | None = None) -> list[RatingMention]:
    """The rating mentions of one article, each linked to its visit mention."""
    return list(article_events(build_context(text, published)).ratings)
