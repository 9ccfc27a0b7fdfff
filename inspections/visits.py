"""Inspection events named in an article: graded inspections, monitoring visits, focused
visits and joint targeted area inspections (JTAIs).

Reading is sentence by sentence over spans the whole pipeline shares (`ArticleContext`): the
sentences, the authorities named, the dates resolved against the article's date, and the
quotations. A trigger phrase ("the fifth monitoring visit", "a re-inspection", "inspected in
November", "a joint inspection" by Ofsted with its partner inspectorates) becomes a candidate
with its type, ordinal, focus, date and authority; what is plural, generic or still to come
("previous monitoring visits", "the next inspection", "a full inspection will take place", "the
single inspection framework") is not an event.

Candidates of one article are then clustered so that each real event is one `VisitMention`:
"the monitoring visit", "their sixth and final visit" and "a visit to the borough in November"
are one visit when they do not disagree; an event only referred back to ("since the first
monitoring visit late last year") stays apart from the one the article reports. Judgements
imply inspections too (see `ratings.py`, which links the two and calls `cluster_visits`).
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Iterator
from dataclasses import dataclass, field

from inspections.authorities import AuthorityMention, by_code, find_authorities
from inspections.dates import (
    DateMention,
    dates_between,
    find_dateline,
    infer_published_date,
    report_published_date,
    resolve,
    scan_dates,
)
from inspections.records import UNKNOWN_DATE, PartialDate, VisitMention
from inspections.text import Span, literal_starts, paragraphs, sentences

# --- the shared reading of one article --------------------------------------------------------

# Where a clause begins: at ";", a dash, ", and|but|which|...", ", was|were|...", or a
# subordinating word ("since", "after", "following", ...). Each branch starts with its own
# character (space, comma, semicolon) and every word with its first letter (no assertion
# first), so at each character only the branches that can begin there are tried.
_CLAUSE_BREAK = re.compile(
    r"\s(?:[–—-]\s|(?:since|after(?<!looked\safter)|following|when|while|whereas|before|but|until|although|"
    r"though)\b)"
    r"|,\s+(?:(?:and|but|while|whereas|which|who|whose|although|though|when)\b"
    r"|(?=(?:was|were|is|are|has|have|had|remains?|remained)\b)|having\b)"
    r"|;")
_OPEN_QUOTES = "“\"«"
_CLOSE_QUOTES = "”\"»"
_QUOTE_MARKS = ("“", "”", "\"", "«", "»", "‘")
_QUOTE_CHAR = re.compile("[" + "".join(_QUOTE_MARKS) + "]")
_OFSTED_CUE = re.compile(
    r"\b(?:report|reports|letter|inspectors?|Ofsted|watchdog|regulator|inspectorate|findings|"
    r"it (?:said|added|warned|concluded|states|stated|noted|found)|they (?:said|added|wrote|found))\b",
    re.IGNORECASE)
_MIN_QUOTE_WORDS = 6
_WORD = re.compile(r"\w+")


# Letters a case-insensitive expression reads as "i" or "s" that lower() does not turn into them.
_CASE_FOLD_TRAPS = ("İ", "ı", "ſ")


def has_case_fold_traps(text: str) -> bool:
    """Whether the text has one of _CASE_FOLD_TRAPS (`in` for each: a regular expression for the
    three spends far longer on every other character)."""
    return any(letter in text for letter in _CASE_FOLD_TRAPS)


class Caseless:
    """A case-insensitive expression, written in lower case, that runs as a case-sensitive one on
    the article's lower-case text where that gives the same answer: matching plain letters is
    several times faster than matching them ignoring case."""

    __slots__ = ("pattern", "_twin")

    def __init__(self, pattern: str) -> None:
        if re.search(r"(?<!\\)(?<!\(\?)[A-Z]", pattern):  # leaving out \S, \W, ... and (?P<name>
            raise ValueError(f"not written in lower case: {pattern}")
        self.pattern = re.compile(pattern, re.IGNORECASE)
        self._twin = re.compile(pattern)

    def search(self, ctx: ArticleContext, start: int, end: int) -> bool:
        """Whether the expression occurs in ctx.text[start:end]."""
        low = ctx.caseless
        if low is None:
            return self.pattern.search(ctx.text, start, end) is not None
        return self._twin.search(low, start, end) is not None

    def search_copy(self, text: str, low: str | None) -> bool:
        """Whether the expression occurs in text; low: text's lower-case copy where it reads the
        same (offsets kept, no case-fold trap), else None."""
        if low is None:
            return self.pattern.search(text) is not None
        return self._twin.search(low) is not None

    def match(self, ctx: ArticleContext, pos: int, end: int | None = None) -> re.Match[str] | None:
        """Its match at ctx.text[pos] (ending by `end`, if given), found in the text or in its
        lower-case copy: read its positions and group names, not its text."""
        low = ctx.caseless
        if end is None:
            end = len(ctx.text)
        if low is None:
            return self.pattern.match(ctx.text, pos, end)
        return self._twin.match(low, pos, end)

    def finditer(self, ctx: ArticleContext, start: int, end: int) -> Iterator[re.Match[str]]:
        """Its matches in ctx.text[start:end], found in the text or in its lower-case copy: read
        their positions, not their text."""
        low = ctx.caseless
        if low is None:
            return self.pattern.finditer(ctx.text, start, end)
        return self._twin.finditer(low, start, end)


def has_stem(ctx: ArticleContext, start: int, end: int, stems: re.Pattern[str]) -> bool:
    """A cheap test before an expensive expression: does ctx.text[start:end], in lower case, hold
    one of the stems (an alternation of plain lower-case words)?"""
    low = ctx.lower
    if low is None:
        return stems.search(ctx.text[start:end].lower()) is not None
    return stems.search(low, start, end) is not None


@dataclass(frozen=True, slots=True)
class QuoteSpan:
    start: int  # inside the quotation marks
    end: int
    ofsted: bool  # attributed to the report, the letter or inspectors


def _paragraph_quotes(text: str, para: Span, previous_ofsted: bool) -> tuple[list[QuoteSpan], bool]:
    """One paragraph's quotations of six words or more, with a guess at who speaks, and the
    speaker state the next paragraph inherits."""
    found: list[tuple[int, int]] = []
    open_at = -1
    skip_to = -1
    for qm in _QUOTE_CHAR.finditer(text, para.start, para.end):
        i = qm.start()
        if i < skip_to:
            continue
        ch = text[i]
        if open_at < 0:
            if ch in _OPEN_QUOTES:
                open_at = i + 1
            elif ch == "‘" and (i == para.start or not text[i - 1].isalnum()):
                # a single-quoted passage: only as a quotation if it closes as one
                close = text.find("’", i + 1, para.end)
                while close >= 0 and close + 1 < para.end and text[close + 1].isalpha():
                    close = text.find("’", close + 1, para.end)
                if close > 0 and len(text[i + 1:close].split()) >= _MIN_QUOTE_WORDS:
                    found.append((i + 1, close))
                    skip_to = close + 1
        elif ch in _CLOSE_QUOTES:
            found.append((open_at, i))
            open_at = -1
    if open_at >= 0:
        found.append((open_at, para.end))
    long_quotes = [(s, e) for s, e in found if len(text[s:e].split()) >= _MIN_QUOTE_WORDS]
    if not long_quotes:
        return [], previous_ofsted
    # The words of the paragraph outside its quotations say who speaks.
    outside, pos = [], para.start
    for s, e in found:
        outside.append(text[pos:max(pos, s - 1)])
        pos = e + 1
    outside.append(text[pos:para.end])
    attribution = " ".join(outside)
    if attribution.strip(" \t\"“”‘’'.,:"):
        ofsted = bool(_OFSTED_CUE.search(attribution))
    else:  # a paragraph that is only a quotation continues the speaker before it
        ofsted = previous_ofsted
    return [QuoteSpan(s, e, ofsted) for s, e in long_quotes], ofsted


@dataclass
class ArticleContext:
    """The spans of one article every extractor reads: computed once, shared."""

    text: str
    published: PartialDate
    paragraphs: list[Span]
    sentences: list[Span]
    authorities: list[AuthorityMention]
    dates: list[DateMention]
    main_code: str | None
    focus_codes: frozenset[str]
    names: dict[str, str]
    _sentence_starts: list[int] = field(default_factory=list)
    _paragraph_starts: list[int] = field(default_factory=list)
    _authority_starts: list[int] = field(default_factory=list)
    _clauses: dict[int, list[tuple[int, int]]] = field(default_factory=dict)
    _clause_of: dict[int, tuple[int, int]] = field(default_factory=dict)
    _partner: dict[int, bool] = field(default_factory=dict)  # by authority mention start
    _context_of: dict[int, str | None] = field(default_factory=dict)
    _quotes: list[QuoteSpan] | None = None
    _para_quotes: list[list[QuoteSpan]] = field(default_factory=list)  # read so far, paragraph by paragraph
    _quote_state: bool = False
    _quote_marks: list[int] | None = None  # where the text has a quotation mark
    _lower: str | None = None
    _caseless: str | None = None
    report_date: PartialDate = UNKNOWN_DATE  # when the text says the report came out (no article date)
    replaced_codes: frozenset[str] = frozenset()  # abolished authorities the article says are no more

    @property
    def lower(self) -> str | None:
        """The text in lower case, when that keeps every offset (it does for nearly all text)."""
        if self._lower is None:
            low = self.text.lower()
            self._lower = low if len(low) == len(self.text) else ""
        return self._lower or None

    @property
    def caseless(self) -> str | None:
        """The lower-case text when `Caseless` expressions read it exactly as their case-insensitive
        selves read the text: offsets kept, and no letter that those read as "i" or "s" (ı, ſ)."""
        if self._caseless is None:
            low = self.lower
            self._caseless = low if low is not None and not has_case_fold_traps(self.text) else ""
        return self._caseless or None

    @property
    def quotes(self) -> list[QuoteSpan]:
        """The quotations of six words or more."""
        if self._quotes is None:
            self._read_quotes_to(len(self.paragraphs) - 1)
            self._quotes = [q for spans in self._para_quotes for q in spans]
        return self._quotes

    def _has_quote_mark(self, para: Span) -> bool:
        if self._quote_marks is None:
            self._quote_marks = literal_starts(self.text, _QUOTE_MARKS)
        marks = self._quote_marks
        i = bisect.bisect_left(marks, para.start)
        return i < len(marks) and marks[i] < para.end

    def _read_quotes_to(self, k: int) -> None:
        """Read the quotations of paragraphs up to k (in order: a quotation-only paragraph
        inherits its speaker from the one before)."""
        while len(self._para_quotes) <= k:
            para = self.paragraphs[len(self._para_quotes)]
            if self._has_quote_mark(para):
                spans, self._quote_state = _paragraph_quotes(self.text, para, self._quote_state)
            else:  # no quotation mark: no quotation, and the speaker stays
                spans = []
            self._para_quotes.append(spans)

    def __post_init__(self) -> None:
        self._paragraph_starts = [p.start for p in self.paragraphs]
        self._sentence_starts = [s.start for s in self.sentences]
        self._authority_starts = [a.start for a in self.authorities]

    # sentences and clauses
    def sentence_index(self, pos: int) -> int:
        return max(0, bisect.bisect_right(self._sentence_starts, pos) - 1)

    def paragraph_at(self, pos: int) -> Span:
        i = bisect.bisect_right(self._paragraph_starts, pos) - 1
        return self.paragraphs[max(0, i)]

    def sentence_at(self, pos: int) -> Span:
        return self.sentences[self.sentence_index(pos)]

    def clauses(self, sentence_index: int) -> list[tuple[int, int]]:
        cached = self._clauses.get(sentence_index)
        if cached is None:
            sent = self.sentences[sentence_index]
            cuts = [sent.start]
            for m in _CLAUSE_BREAK.finditer(self.text, sent.start, sent.end):
                if m.start() > cuts[-1]:
                    cuts.append(m.start())
            cuts.append(sent.end)
            cached = [(cuts[i], cuts[i + 1]) for i in range(len(cuts) - 1) if cuts[i + 1] > cuts[i]]
            self._clauses[sentence_index] = cached
        return cached

    def clause_at(self, pos: int) -> tuple[int, int]:
        found = self._clause_of.get(pos)
        if found is None:
            si = self.sentence_index(pos)
            for start, end in self.clauses(si):
                if start <= pos < end:
                    found = (start, end)
                    break
            else:
                sent = self.sentences[si]
                found = (sent.start, sent.end)
            self._clause_of[pos] = found
        return found

    # dates
    def dates_in(self, start: int, end: int) -> list[DateMention]:
        return dates_between(self.dates, start, end)

    # quotations
    def quote_at(self, pos: int) -> QuoteSpan | None:
        """The quotation pos lies in, if any (paragraphs are read only as far as needed, and not at
        all for a paragraph without a quotation mark: it has no quotation)."""
        if not self.paragraphs:
            return None
        k = max(0, bisect.bisect_right(self._paragraph_starts, pos) - 1)
        if not self._has_quote_mark(self.paragraphs[k]):
            return None
        self._read_quotes_to(k)
        for q in self._para_quotes[k]:
            if q.start <= pos < q.end:
                return q
        return None

    # authorities
    def authorities_in(self, start: int, end: int) -> list[AuthorityMention]:
        i = bisect.bisect_left(self._authority_starts, start)
        out = []
        while i < len(self.authorities) and self.authorities[i].start < end:
            out.append(self.authorities[i])
            i += 1
        return out

    def _subordinate(self, pos: int) -> bool:
        """Whether pos lies in a relative or subordinate clause ("..., which are run by X, ...")."""
        c0, c1 = self.clause_at(pos)
        return _SUBORDINATE.match(self.text, c0, c1) is not None

    def _named_as_partner(self, a: AuthorityMention) -> bool:
        """'with Essex County Council', 'run by Hampshire': read once per mention."""
        found = self._partner.get(a.start)
        if found is None:
            found = self._partner[a.start] = _PARTNER_BEFORE.search(self.text, max(0, a.start - 25), a.start) is not None
        return found

    def context_authority(self, pos: int) -> str | None:
        """The authority named last before `pos` (not a partner: "with Essex County Council", nor a
        body that is no more: "the former Northshire County Council", and one the article says was
        replaced, nor one only a speaker names: "The Hampshire partnership served us well," he
        said), else the article's main one."""
        if pos in self._context_of:
            return self._context_of[pos]
        code = self.main_code
        i = bisect.bisect_left(self._authority_starts, pos) - 1
        while i >= 0:
            a = self.authorities[i]
            if not self._named_as_partner(a) \
                    and not _NOT_THIS_ONE.match(self.text, a.end, min(len(self.text), a.end + 40)) \
                    and not _FORMER_BEFORE.search(self.text, max(0, a.start - 8), a.start) \
                    and a.code not in self.replaced_codes \
                    and (a.code == self.main_code or self.quote_at(a.start) is None):
                code = a.code
                break
            i -= 1
        self._context_of[pos] = code
        return code

    def authorities_for(self, pos: int, end: int | None = None, prefer_after: bool = False) -> list[str]:
        """Whose event a phrase at text[pos:end] is: the authority named with it, else the context.

        Authorities joined by "and" before it ("Both Halton ... and Hull ... were given") all
        count. A side authority (named once, outside the headline) counts only close by.
        """
        end = pos if end is None else end
        sent = self.sentence_at(pos)
        i = bisect.bisect_left(self._authority_starts, sent.start)
        if i == len(self.authorities) or self.authorities[i].start >= sent.end:
            # no authority named in the sentence (the usual case): the rest would come to the context
            code = self.context_authority(sent.start)
            return [code] if code else []
        c_start, c_end = self.clause_at(pos)

        def usable(a: AuthorityMention) -> bool:
            distance = pos - a.end if a.end <= pos else a.start - end
            if distance <= 40:
                return True
            # "a partnership with Essex County Council", "run by Hampshire County Council"
            return a.code in self.focus_codes and not self._named_as_partner(a)

        if prefer_after:
            for a in self.authorities_in(end, min(c_end, end + 30)):
                if usable(a):
                    return [a.code]
        in_sentence = [a for a in self.authorities_in(sent.start, pos) if a.end <= pos and usable(a)
                       and (a.start >= c_start or not self._subordinate(a.start))]
        in_clause = [a for a in in_sentence if a.start >= c_start]
        if in_clause or (in_sentence and not any(a.start >= end for a in self.authorities_in(end, c_end))):
            before = in_sentence
            chosen = [before[-1]]
            for prev in reversed(before[:-1]):
                gap = self.text[prev.end:chosen[-1].start]
                # a list ends "... and Y": "Bolton, Bury and Wigan"; not "Unlike Barnet, Enfield"
                joined = _AND.search(gap) if len(chosen) == 1 else _COORDINATION.search(gap)
                if len(gap) <= 45 and joined and not _VERBISH.search(gap):
                    chosen.append(prev)
                else:
                    break
            codes = list(dict.fromkeys(a.code for a in reversed(chosen)))
            if len(codes) > 1 and _RESPECTIVELY.search(self, pos, sent.end):
                return []  # "X and Y were rated A and B respectively": not read
            return codes
        for lo, hi in ((c_start, c_end), (sent.start, sent.end)):
            after = [a for a in self.authorities_in(end, hi) if usable(a)]
            if after:
                return [after[0].code]
        code = self.context_authority(sent.start)
        return [code] if code else []


# A council named right after "while"/"whereas" is the subject of a clause of its own, set against
# the one before ("X kept its rating, while Y Council was judged outstanding"), not an aside.
_SUBORDINATE = re.compile(r"[\s,]*(?:which|who|whose|since|after|before|following|when|until|although|though|"
                          r"(?:while|whereas)(?!\s+(?:the\s+)?(?-i:[A-Z])))\b", re.IGNORECASE)
_PARTNER_BEFORE = re.compile(r"\b(?:with|by|from|alongside)\s+(?:the\s+)?$", re.IGNORECASE)
_NOT_THIS_ONE = re.compile(r",?\s+(?:neither|none|not)\s+of\s+which\b", re.IGNORECASE)
_FORMER_BEFORE = re.compile(r"\bformer\s+$", re.IGNORECASE)
_AND = re.compile(r"\b(?:and|or)\b|&")
_COORDINATION = re.compile(r"(?:\band\b|&|,)")
_VERBISH = re.compile(r"\b(?:is|are|was|were|has|have|had|said|says|will|would|rated|judged|found)\b")
_RESPECTIVELY = Caseless(r"\brespectively\b")


# Starts with a plain character class (no assertion first), so the scan skips ahead quickly.
_CAPS_RUN = re.compile(r"[A-Z](?<![\w'’][A-Z])[A-Z'’&-]+(?:[ \t]+(?:[A-Z][A-Z'’&-]*|&))+\b")
# What every run of capitals begins with: few articles have it, and it is found in half the time.
_CAPS_RUN_START = re.compile(r"[A-Z][A-Z'’&-]+[ \t]+[A-Z&]")
_SMALL_WORDS = frozenset("upon and of the on in with by under le".split())


def _titled(run: str) -> str:
    """'KINGSTON UPON THAMES' -> 'Kingston upon Thames' (same length)."""
    words = re.split(r"([ \t]+)", run)
    out = []
    for k, w in enumerate(words):
        if not w.strip():
            out.append(w)
        elif k > 0 and w.lower() in _SMALL_WORDS:
            out.append(w.lower())
        else:
            out.append(w[:1] + w[1:].lower())
    return "".join(out)


# A page's links to other stories: a heading on a line of its own over short lines without a full
# stop (their headlines), or one line that starts with the heading ("Read more: ...").
_LINKS_HEADING = re.compile(r"\n[ \t]*(?:related(?:\s+(?:stories|articles|content|news|links|topics))?|read\s+more|"
                            r"see\s+also|also\s+read|more\s+on\s+this\s+story|more\s+stories|most\s+read|"
                            r"you\s+may\s+also\s+like)\s*(?:(?P<inline>:[^\n]*)|:?[ \t]*$)",
                            re.IGNORECASE | re.MULTILINE)  # (from a newline: found quickly)
_LINK_LINE = re.compile(r"[ \t]*[^\n]{1,120}?(?<![.!?\"”’'])[ \t]*(?:\n+|$)")


def _without_links(text: str) -> str:
    """The text with its links to other stories blanked out (offsets kept): their headlines are
    about other councils and other inspections."""
    pieces = []
    done = 0
    for m in _LINKS_HEADING.finditer("\n" + text):
        if m.start() < done:
            continue
        pos = m.end() - 1  # (where it ends in the text: one newline was put before it)
        if m.group("inline") is None:
            while pos < len(text) and text[pos] == "\n":
                pos += 1
            while pos < len(text):
                line = _LINK_LINE.match(text, pos)
                if line is None or line.end() == pos:
                    break
                pos = line.end()
        pieces += [text[done:m.start()], re.sub(r"[^\n]", " ", text[m.start():pos])]
        done = pos
    return "".join(pieces) + text[done:] if pieces else text


def _find_authorities(text: str) -> list[AuthorityMention]:
    """Authorities as written, and in runs of capitals ("BARKING AND DAGENHAM: good")."""
    found = find_authorities(text)
    if _CAPS_RUN_START.search(text) is None:
        return found
    extra = []
    for m in _CAPS_RUN.finditer(text):
        for a in find_authorities(_titled(m.group())):
            start, end = m.start() + a.start, m.start() + a.end
            if not any(b.start < end and start < b.end for b in found):
                extra.append(AuthorityMention(a.code, a.name, start, end))
    return sorted(found + extra, key=lambda a: a.start) if extra else found


# A trust or company that runs a council's children's services, named after a place.
_TRUST_AFTER = re.compile(r"\s+(?:Children['’]s(?:\s+Services)?|Children\s+and\s+Families|Children\s+First)\s+"
                          r"(?:Trust|Company)\b")


# An authority the article says is no more: "X County Council was replaced by a unitary authority".
_REPLACED_AFTER = re.compile(r"[^.;]{0,60}?\b(?:were|was)\s+(?:replaced|abolished|merged)\b", re.IGNORECASE)


def _status(code: str) -> str | None:
    try:
        return by_code(code).status
    except KeyError:
        return None


def _replaced_codes(text: str, auths: list[AuthorityMention]) -> set[str]:
    """Abolished authorities the article says are no more: what they were graded before the
    reorganisation is theirs, not their successor's (the later grades name the successor)."""
    out = set()
    for a in auths:
        if a.code in out or _status(a.code) != "abolished":
            continue
        if _FORMER_BEFORE.search(text, max(0, a.start - 8), a.start) or _REPLACED_AFTER.match(text, a.end):
            out.add(a.code)
    return out


def _merge_successors(text: str, auths: list[AuthorityMention], replaced: set[str]) -> list[AuthorityMention]:
    """An abolished authority named beside its only successor is the successor ("North Yorkshire
    County Council" and "North Yorkshire" in one article are one authority). A trust named after an
    abolished county ("Northamptonshire Children's Trust") runs the services of the one successor
    the article names. One the article says was replaced keeps its own name (see _replaced_codes)."""
    codes = {a.code for a in auths}
    out = []
    for a in auths:
        try:
            record = by_code(a.code)
        except KeyError:
            out.append(a)
            continue
        if record.status == "abolished" and a.code not in replaced:
            named = [c for c in record.successor_codes if c in codes]
            if len(named) == 1 and (len(record.successor_codes) == 1 or _TRUST_AFTER.match(text, a.end)):
                a = AuthorityMention(named[0], by_code(named[0]).name, a.start, a.end)
        out.append(a)
    return out


def build_context(text: str, published: PartialDate | None = None) -> ArticleContext:
    """Read an article's spans once. Without a published date, it is inferred from the text."""
    text = _without_links(text)
    paras = paragraphs(text)
    sents = sentences(text)
    found = _find_authorities(text)
    replaced = _replaced_codes(text, found)
    auths = _merge_successors(text, found, replaced)
    raws = scan_dates(text)
    if published is None:
        published = infer_published_date(text, raws)
    dateline = find_dateline(text, raws)
    # The dateline dates the article, not an event in it.
    event_raws = [r for r in raws if r is not dateline]
    dates = resolve(text, event_raws, published)
    report = UNKNOWN_DATE
    if not published.known:
        # No date for the article, but the report's own ("published on 28 February 2023"): the
        # article is written about then, so relative dates are read against it.
        report = report_published_date(text, dates)
        if report.known:
            dates = resolve(text, event_raws, report)
    names = {a.code: a.name for a in auths}
    score: dict[str, float] = {}
    first_seen: dict[str, int] = {}
    headline_end = paras[0].end if paras else 0
    lead_end = paras[min(3, len(paras) - 1)].end if paras else 0
    for a in auths:
        score[a.code] = score.get(a.code, 0) + 1
        first_seen.setdefault(a.code, a.start)
    for code in score:
        if first_seen[code] < headline_end:
            score[code] += 3
        elif first_seen[code] < lead_end:
            score[code] += 1
    main = max(score, key=lambda c: (score[c], -first_seen[c])) if score else None
    top = score[main] if main else 0
    # Side authorities (a partner council named once) are not what the article is about.
    counts: dict[str, int] = {}
    for a in auths:
        counts[a.code] = counts.get(a.code, 0) + 1
    focus = frozenset(c for c in score if counts[c] >= 2 or first_seen[c] < headline_end or c == main)
    ctx = ArticleContext(text, published, paras, sents, auths, dates, main, focus, names)
    ctx.report_date = report
    ctx.replaced_codes = frozenset(replaced)
    return ctx


# --- visit candidates -------------------------------------------------------------------------

ORDINALS = {
    "first": 1, "second": 2, "third": 3, "fourth": 4, "fifth": 5, "sixth": 6, "seventh": 7,
    "eighth": 8, "ninth": 9, "tenth": 10, "eleventh": 11, "twelfth": 12,
}
_ORDINAL = r"(?:first|second|third|fourth|fifth|sixth|seventh|eighth|ninth|tenth|eleventh|twelfth|\d{1,2}(?:st|nd|rd|th))"

_TRIGGER = Caseless(
    r"(?P<jtai>\bjoint\s+targeted\s+area\s+inspections?\b|\bjtais?\b|\bjoint\s+(?:area\s+)?inspections?\b)"
    r"|(?P<focused>\bfocus(?:s)?ed\s+visits?\b)"
    r"|(?P<monitoring>\bmonitoring\s+(?:visits?|inspections?)\b)"
    r"|(?P<inspection>\b(?:re-?)?inspections?\b)"
    r"|(?P<inspected>\b(?:re-?)?inspected\b)"
    r"|(?P<assessment>\bassessment\b(?=\s+(?:took\s+place|was\s+carried\s+out|was\s+conducted|"
    r"was\s+undertaken|in\s+(?:january|february|march|april|may|june|july|august|september|october|"
    r"november|december))))"
    r"|(?P<visit>\b(?:re-?)?visit(?:s|ed)?\b)"
    # "inspectors spent three weeks in Poole in January", "inspectors were in the borough"
    r"|(?P<present>\binspectors\s+(?:spent|were\s+(?:in|on\s+site)|arrived|returned|came|went)\b)"
)
# Where a trigger may start: literal prefixes, so the scan skips ahead quickly.
_TRIGGER_START = re.compile(
    r"inspect|Inspect|INSPECT|re-?inspect|Re-?inspect|RE-?INSPECT|visit|Visit|VISIT|revisit|Revisit|monitoring|"
    r"Monitoring|MONITORING|joint|Joint|JOINT|JTAI|focus|Focus|FOCUS|assessment|Assessment|ASSESSMENT|"
    r"inspectors|Inspectors|INSPECTORS")
# In lower-case text: "re-inspect", "reinspect" and "revisit" are found from the word in them
# (`_trigger_starts`), each look-up being a pass over the whole article.
_TRIGGER_START_LOW = ("inspect", "visit", "monitoring", "joint", "jtai", "focus", "assessment")


def _trigger_starts(low: str) -> list[int]:
    """Where a trigger may start in the article's lower-case text: what `literal_starts` finds for
    the trigger words and their "re-" forms (no trigger word ends inside "re-", so none is lost)."""
    starts = literal_starts(low, _TRIGGER_START_LOW)
    for k, pos in enumerate(starts):
        if pos >= 2 and low[pos - 2:pos] == "re":
            if low.startswith(("inspect", "visit"), pos):
                starts[k] = pos - 2
        elif pos >= 3 and low[pos - 3:pos] == "re-" and low.startswith("inspect", pos):
            starts[k] = pos - 3
    return starts
# The `_AFTER` expressions are matched from the trigger's end in the whole text, not in a slice:
# a trigger ends at a word boundary, so a `\b` there reads the same either way.
# Words after "inspection" that make it a framework, a result or a report rather than an event.
_NOT_EVENT_AFTER = Caseless(
    r"['’]?s?\s*(?:of\s+local\s+authority\s+children['’]s\s+services['’]?\s*(?:\(ilacs\))?\s*)?"
    r"(?:framework|regime|results?|reports?|outcomes?|findings|teams?|programme|system|process|handbook|"
    r"criteria|cycle|history|record|ratings?|grades?|gradings?|judge?ments?|methodology|visits|regimes?)\b")
_FRAMEWORK_BEFORE = re.compile(r"(?:single|under\s+the)\s*['‘’\"“]?$",
                               re.IGNORECASE)
# Before the trigger, in its clause: the event has not happened, or is any event.
_FUTURE_WORDS = frozenset(
    """next future upcoming forthcoming further another will would could should shall due planned scheduled
    any every each no unannounced regular routine""".split())
_FUTURE_PREFIXES = ("await", "expect", "prepar")
_FUTURE_PHRASES = Caseless(r"\b(?:ahead\s+of|ready\s+for|a\s+new|during\s+inspections)\b")
_WORDS = re.compile(r"[A-Za-z][\w’'-]*")


def _future_before(ctx: ArticleContext, start: int, end: int) -> bool:
    """The event has not happened, or is any event: "the next inspection", "will be inspected"."""
    for word in _WORDS.findall(ctx.text, start, end):
        low = word.lower()
        if low in _FUTURE_WORDS or low.startswith(_FUTURE_PREFIXES):
            return True
    return _FUTURE_PHRASES.search(ctx, start, end)


_FUTURE_AFTER = Caseless(
    r"[^.;]{0,60}?\b(?:will|is\s+due|are\s+due|is\s+expected|are\s+expected|to\s+take\s+place|"
    r"takes\s+place\s+(?:later|next|this)|is\s+scheduled|is\s+planned|is\s+likely|would)\b")
_GENERIC_AFTER = Caseless(r"[^.;]{0,30}?\b(?:every|each)\s+(?:\w+\s+)?(?:years?|months?|time)\b")
_GENERIC_INSPECTED = Caseless(r"[^.;]{0,25}\b(?:so\s+far|to\s+date|as\s+part\s+of|every|each)\b")
_PLURAL_SUBJECT_BEFORE = re.compile(r"\b(?:authorities|councils|departments|services\s+departments)\b[^.;]{0,60}$",
                                    re.IGNORECASE)
# A noun "visit" needs a determiner or a modifier: "visit them" is a social worker's verb.
_VISIT_NOUN_BEFORE = Caseless(
    r"(?:\b(?:a|an|the|their|its|this|that|latest|recent|final|last|most\s+recent|ofsted['’]?s?|"
    r"inspectors['’]?|follow-?up|two-day|three-day|one-day|day|week-long|short|initial|unannounced|"
    + _ORDINAL + r"(?:\s+and\s+(?:final|last))?)\s+(?:\w+\s+){0,2})$")
_VISITED_SUBJECT = Caseless(r"\b(?:inspectors?|ofsted|they|the\s+watchdog|the\s+regulator|hmi)\b[^.;]{0,30}$")
# "Inspectors from Ofsted, the CQC and HMICFRS visited ...": a long subject, named first.
_INSPECTORS_FROM = re.compile(r"\W*(?:Inspectors|Inspectorates)\s+from\b")
_PAST_BEFORE = Caseless(r"\b(?:previous|earlier|prior|last|former|past|original|at\s+that)\s+(?:\w+\s+)?$")
_CURRENT_BEFORE = Caseless(r"\b(?:latest|recent|most\s+recent|new|this|final)\s+(?:\w+\s+)?$")
_SEQUENCE_BEFORE = re.compile(
    r"\b(?P<ord>" + _ORDINAL + r")(?:\s+and\s+(?:final|last))?\s+(?:(?:Ofsted|ofsted['’]s|monitoring|"
    r"focused|full|such)\s+)*$", re.IGNORECASE)
_SEQUENCE_AFTER = re.compile(r",?\s+(?:the|its|their)\s+(?P<ord>" + _ORDINAL + r")\b", re.IGNORECASE)
# "The visit, which took place in February, was the third since ..."
_SEQUENCE_WAS = re.compile(r"\b(?:was|is)\s+(?:the|its|their)\s+(?P<ord>" + _ORDINAL + r")\b(?!\s+(?:time|council|authority))",
                           re.IGNORECASE)
_PUBLICATION_BEFORE = Caseless(
    r"\b(?:published|publish\w*|released|issued|dated|report\s+on|letter\s+on|came\s+out|"
    r"made\s+public)\s+(?:\w+\s+){0,3}$")
_OTHER_PROVIDER = re.compile(
    r"\b(?:nurser(?:y|ies)|pre-?schools?|schools?|academ(?:y|ies)|colleges?|children['’]s\s+homes?|"
    r"care\s+homes?|childminders?|playgroups?|hospitals?|police|prisons?|fostering\s+(?:agency|service)|"
    r"adoption\s+agency|youth\s+offending|youth\s+justice|adult\s+social\s+care|GP|surgery|restaurants?|"
    r"food\s+hygiene|fire\s+(?:service|inspection))\b",
    re.IGNORECASE)
_AFTER_CLAUSE = re.compile(r"\s*(?:after|following)\b", re.IGNORECASE)
_TOOK_PLACE = re.compile(r"\b(?:took\s+place|was\s+(?:carried\s+out|held|conducted|undertaken|completed)|happened|ran)\b",
                         re.IGNORECASE)
_DEFINITE_BEFORE = Caseless(r"\b(?:the|this|that)\s+$")
_SINCE_CLAUSE = re.compile(r"[\s,]*[Ss]ince\b(?!\s+(?:then|that|this)\b)")
_PROVIDER_STEMS = re.compile(r"nurser|school|academ|college|home|childminder|playgroup|hospital|police|prison|"
                             r"fostering|adoption|youth|adult|gp|surgery|restaurant|food|fire")
_SEND = re.compile(r"\bSEND\b|special\s+educational\s+needs", re.IGNORECASE)
_PARTNER_INSPECTORATES = re.compile(
    r"\b(?:CQC|Care\s+Quality\s+Commission|HMICFRS|HMIC|HMI\s+Constabulary|HMIP|HMI\s+Probation|"
    r"Inspectorate\s+of\s+(?:Constabulary|Probation))\b")

# Themes of joint targeted area inspections, longest first.
JTAI_THEMES = (
    ("child sexual abuse in the family environment", r"child\s+sexual\s+abuse\s+in\s+the\s+family\s+environment"),
    ("children living with domestic abuse", r"children\s+living\s+with\s+domestic\s+abuse"),
    ("children at risk of sexual exploitation", r"children\s+at\s+risk\s+of\s+sexual\s+exploitation"),
    ("child sexual exploitation", r"child\s+sexual\s+exploitation"),
    ("children at risk of criminal exploitation", r"children\s+at\s+risk\s+of\s+criminal\s+exploitation"),
    ("child criminal exploitation", r"child\s+criminal\s+exploitation"),
    ("criminal exploitation", r"criminal\s+exploitation"),
    ("children living with neglect", r"children\s+living\s+with\s+neglect"),
    ("children's mental health", r"children['’]s\s+mental\s+health"),
    ("serious youth violence", r"serious\s+youth\s+violence"),
    ("identification of initial need and risk", r"identification\s+of\s+initial\s+need\s+and\s+risk"),
    ("children with special educational needs and disabilities",
     r"children\s+with\s+special\s+educational\s+needs\s+and\s+disabilities"),
    ("domestic abuse", r"domestic\s+abuse"),
    ("neglect", r"\bneglect\b"),
    ("the front door", r"the\s+front\s+door"),
)
_JTAI_THEME_RE = re.compile("|".join(f"(?P<t{i}>{p})" for i, (_, p) in enumerate(JTAI_THEMES)), re.IGNORECASE)

# Cohorts a monitoring or focused visit looks at, longest first; each with its canonical name.
COHORTS = (
    ("children in need of help and protection", r"children\s+in\s+need\s+of\s+help\s+and\s+protection"),
    ("children who need help and protection", r"children\s+who\s+need\s+help\s+and\s+protection"),
    ("children subject to child protection plans",
     r"children\s+subject\s+to\s+(?:a\s+)?child\s+protection\s+plans?"),
    ("unaccompanied asylum-seeking children", r"unaccompanied\s+asylum[-\s]seeking\s+children"),
    ("children in care and care leavers", r"children\s+in\s+care\s+and\s+care\s+leavers"),
    ("children in care", r"children\s+in\s+care|looked[-\s]after\s+children|children\s+looked\s+after"),
    ("care leavers", r"care\s+leavers?|leaving\s+care"),
    ("vulnerable adolescents", r"vulnerable\s+adolescents"),
    ("disabled children", r"disabled\s+children|children\s+with\s+disabilities"),
    ("children in need", r"children\s+in\s+need"),
    ("help and protection", r"help\s+and\s+protection"),
    # ("the" may be the focus cue's: "examined the front door")
    ("the front door", r"(?:arrangements\s+(?:for|at)\s+)?(?:the\s+)?['‘\"“]?front\s+door['’\"”]?"),
    ("contact, referral and assessment", r"contacts?,\s+referrals?\s+and\s+assessments?"),
    ("children at risk of exploitation", r"children\s+at\s+risk\s+of\s+(?:\w+\s+)?exploitation"),
    ("early help", r"early\s+help"),
    ("child protection", r"child\s+protection"),
    ("permanence", r"permanence"),
)
_THE_FRONT_DOOR = re.compile(r"\bthe\s+['‘\"“]?front\s+door", re.IGNORECASE)
_COHORT_RE = re.compile("|".join(f"(?P<c{i}>{p})" for i, (_, p) in enumerate(COHORTS)), re.IGNORECASE)
_FOCUS_CUE = Caseless(
    r"\b(?:in\s+the\s+areas?\s+of|focus(?:s)?ed\s+on|focus(?:s)?ing\s+on|focus\s+(?:was\s+)?on|"
    r"looked\s+at|looking\s+at|considered|evaluated|reviewed|examined|looking\s+into|into|"
    r"services\s+(?:for|to)|support\s+for|arrangements\s+for|experiences\s+of|progress\s+(?:made\s+)?(?:in|for))\s+"
    r"(?:(?:the|its|their)\s+)?(?:(?:progress|experiences|services|arrangements|quality\s+of\s+practice)"
    r"\s+(?:made\s+)?(?:in|of|for)\s+(?:the\s+areas?\s+of\s+)?)?")
_MORE_COHORT = re.compile(r"\s+and\s+(?:those|children|young\s+people|the)\b[^,.;:()–—]{0,70}?(?=[,.;:()–—]|$|\s+(?:and\s+found|"
                          r"across|in\s+the\s+(?:council|borough|county|city|area)))", re.IGNORECASE)
_AREA_OF = re.compile(r"\bin\s+the\s+areas?\s+of\s+(?P<f>[a-z][\w\s,'’-]{2,60}?)(?=\s+(?:across|in|for|with|and\s+found|"
                      r"at|to|by|since|where)\b|[.,;:]|$)", re.IGNORECASE)


@dataclass
class VisitCandidate:
    """One phrase naming an inspection event, before the article's mentions are clustered."""

    code: str
    visit_type: str
    sequence: int | None
    focus: str | None
    date: PartialDate
    published: PartialDate
    role: str  # current | past
    start: int  # the trigger
    end: int
    sentence: int
    bare: bool = False  # "the inspection", "the visit": only a reference back
    implied: bool = False  # read from a judgement, not from a visit phrase
    date_written: bool = False  # a date expression stands with it, fixed or not
    date_start: int = -1  # where that date expression is
    relative: RelativeDate | None = None  # that expression against the article's unknown date
    rated: bool = False  # a judgement in the same sentence
    definite: bool = False  # "the inspection", "this visit": a reference to one named before
    cluster: int = -1


def _ordinal(word: str) -> int | None:
    word = word.lower()
    if word in ORDINALS:
        return ORDINALS[word]
    digits = word[:-2]
    return int(digits) if digits.isdigit() and 0 < int(digits) < 50 else None


def _cohort(ctx: ArticleContext, start: int, end: int) -> str | None:
    """The cohort a visit looked at, where a focus cue introduces it in text[start:end]."""
    text = ctx.text
    for cue in _FOCUS_CUE.finditer(ctx, start, end):
        m = _COHORT_RE.search(text, cue.end(), min(end, cue.end() + 110))
        if m and m.start() - cue.end() <= 50 and not re.search(r"[.;:]", text[cue.end():m.start()]):
            name = COHORTS[int(m.lastgroup[1:])][0]
            if name == "the front door" and not _THE_FRONT_DOOR.search(text, max(start, m.start() - 4), m.end()):
                name = "front door"  # "the council's front door", "its front door": as written
            more = _MORE_COHORT.match(text, m.end(), end)
            if more:  # "children in need and those subject to a child protection plan"
                name += " " + " ".join(more.group().lower().split())
            return name
    m = _AREA_OF.search(text, start, end)
    if m:
        return " ".join(m.group("f").lower().split())
    return None


# "the response to children who are victims of domestic abuse": the theme with its cohort.
_THEME_COHORT = re.compile(r"\bchildren\s+(?:and\s+young\s+people\s+)?(?:who\s+are\s+(?:being\s+)?)?"
                           r"(?:victims\s+of|at\s+risk\s+of|living\s+with|affected\s+by|experiencing|exposed\s+to)\s+$",
                           re.IGNORECASE)


def _jtai_theme(text: str, start: int, end: int) -> str | None:
    best = None
    for m in _JTAI_THEME_RE.finditer(text, start, end):
        name = JTAI_THEMES[int(m.lastgroup[1:])][0]
        if not name.startswith(("child", "the ")):
            cohort = _THEME_COHORT.search(text, max(start, m.start() - 60), m.start())
            if cohort:
                name = " ".join(text[cohort.start():m.start()].lower().split()) + " " + name
        if best is None or len(name) > len(best):
            best = name
    return best


# Two dates joined as one span of time: "late November and early December", "May to June" (a
# bare "March and June" may be two visits).
_SPAN_EDGE = r"(?:early|mid|late|the\s+start\s+of|the\s+end\s+of)[\s-]+"
_SPAN_JOIN = re.compile(rf"\s+(?:(?:to|into|until|through)\s+(?:{_SPAN_EDGE})?|and\s+{_SPAN_EDGE})", re.IGNORECASE)


def _visit_dates(ctx: ArticleContext, start: int, end: int, clause: tuple[int, int]) -> tuple[
        DateMention | None, DateMention | None, bool]:
    """(the event's date, the publication date, whether a date expression stands with it)."""
    text = ctx.text
    event_after = event_before = publication = None
    sent = ctx.sentence_at(start)
    for d in ctx.dates_in(sent.start, sent.end):
        deictic = d.raw.kind == "period" and d.raw.unit in ("today", "yesterday", "week")
        if deictic or _PUBLICATION_BEFORE.search(ctx, max(sent.start, d.start - 40), d.start):
            if publication is None:
                publication = d
            continue
        if not clause[0] <= d.start < clause[1]:
            continue
        if d.start >= end and event_after is None:
            event_after = d
        elif d.end <= start:
            # "inspected in late November and early December, in an inspection ...": a span's start
            joined = event_before is not None and _SPAN_JOIN.fullmatch(text, event_before.end, d.start)
            event_before = event_before if joined else d
    if event_after is None:
        # "The standard inspection, which took place in November, ..."; "The second monitoring
        # visit since the council was rated inadequate last year took place in January."
        took = _TOOK_PLACE.search(text, clause[1], sent.end)
        if took is not None and not _TRIGGER_START.search(text, clause[1], took.start()):
            for d in ctx.dates_in(took.end(), sent.end):
                if d is not publication and d.start - took.end() <= 40:
                    event_after = d
                    break
    event = event_after or event_before
    return event, publication, event is not None


def _is_heading(text: str, para: Span) -> bool:
    """A short line without a sentence's end: a section label, not a report of an event."""
    line = text[para.start:para.end].rstrip()
    return not line.endswith((".", "!", "?", "\"", "”", "’", "'")) and len(line.split()) <= 6


def find_visit_candidates(ctx: ArticleContext) -> list[VisitCandidate]:
    """Every phrase in the article that reports an inspection event of an authority."""
    text = ctx.text
    out: list[VisitCandidate] = []
    if not ctx.authorities:
        return out
    has_partners: bool | None = None
    done = 0
    low = ctx.lower
    scan = _trigger_starts(low) if low is not None else [h.start() for h in _TRIGGER_START.finditer(text)]
    for pos in scan:
        if pos < done or (pos and text[pos - 1].isalnum()):
            continue
        m = _TRIGGER.match(ctx, pos)
        if m is None:
            continue
        done = m.end()
        kind = m.lastgroup
        word = m.group().lower()
        start, end = m.span()
        si = ctx.sentence_index(start)
        sent = ctx.sentences[si]
        if si > 0 and _is_heading(text, ctx.paragraph_at(start)):
            continue  # a section label ("SEFTON: monitoring visit") names no event of its own
        clause = ctx.clause_at(start)
        before = text[max(clause[0], start - 80):start]
        after_end = min(sent.end, end + 80)
        plural = word.endswith("s") and not word.endswith(("ss", "visits")) or word.endswith("visits")
        if kind == "jtai" and _SEND.search(text, sent.start, sent.end):
            # a local area SEND inspection (Ofsted with the CQC) is not a JTAI
            if word.endswith(("inspections", "jtais")):
                continue
            visit_type = "other"
        elif kind == "jtai":
            if word.startswith("joint") and "targeted" not in word:
                if has_partners is None:
                    has_partners = bool(_PARTNER_INSPECTORATES.search(text))
                if not has_partners:
                    continue
            if word.endswith(("inspections", "jtais")):
                continue
            visit_type = "jtai"
        elif kind in ("focused", "monitoring"):
            if plural:
                continue
            visit_type = "focused_visit" if kind == "focused" else "monitoring_visit"
        elif kind == "inspection":
            if word.endswith("inspections"):
                continue
            if _NOT_EVENT_AFTER.match(ctx, end, after_end) or _FRAMEWORK_BEFORE.search(before):
                continue
            if text[max(0, start - 6):start].lower().endswith(("joint ", "area ")):
                continue
            visit_type = "inspection"
        elif kind == "inspected":
            if _GENERIC_INSPECTED.match(ctx, end, after_end) or _PLURAL_SUBJECT_BEFORE.search(before):
                continue
            visit_type = "inspection"
        elif kind == "assessment":
            visit_type = "inspection"
        elif kind == "present":
            visit_type = "visit"
        else:  # visit, visits, visited, revisit
            if word.endswith("visits") or word.startswith("re"):
                continue
            if word == "visited":
                if not (_VISITED_SUBJECT.search(ctx, max(sent.start, start - 45), start)
                        or (clause[0] == sent.start and _INSPECTORS_FROM.match(text, sent.start, start))):
                    continue
            elif not _VISIT_NOUN_BEFORE.search(ctx, max(sent.start, start - 60), start):
                continue
            if "monitoring" in text[clause[0]:clause[1]].lower():
                visit_type = "monitoring_visit"
            else:
                visit_type = "visit"  # decided once the judgements are known
        if _future_before(ctx, max(clause[0], start - 45), start) or _FUTURE_AFTER.match(ctx, end, after_end) \
                or _GENERIC_AFTER.match(ctx, end, after_end):
            continue
        # "X children's home judged inadequate after inspection": the provider is the subject of
        # the clause the trigger's "after" clause hangs on (the one just before it)
        provider_from = clause[0]
        if _AFTER_CLAUSE.match(text, clause[0], clause[1]):
            provider_from = next((c0 for c0, c1 in ctx.clauses(si) if c1 == clause[0]), clause[0])
        # (a joint targeted area inspection looks at the police, health and youth justice with
        # the council: naming them is its subject, not another provider's)
        if visit_type != "jtai" and has_stem(ctx, provider_from, clause[1], _PROVIDER_STEMS) and \
                _OTHER_PROVIDER.search(text, provider_from, clause[1]):
            continue
        event, publication, written = _visit_dates(ctx, start, end, clause)
        date = event.date if event else UNKNOWN_DATE
        if ctx.published.known and date.known and date.to_date() > ctx.published.to_date() and \
                not date.agrees_with(ctx.published):
            continue  # after the article's date: still to come
        sequence = None
        if visit_type in ("monitoring_visit", "visit"):
            sm = _SEQUENCE_BEFORE.search(text, max(sent.start, start - 50), start)
            if sm:
                sequence = _ordinal(sm.group("ord"))
            else:
                sm = _SEQUENCE_AFTER.match(text, end, min(sent.end, end + 30)) or \
                    _SEQUENCE_WAS.search(text, end, sent.end)
                if sm:
                    sequence = _ordinal(sm.group("ord"))
        focus = None
        if visit_type == "other":
            focus = "special educational needs and disabilities"
        elif visit_type == "jtai":
            focus = _jtai_theme(text, sent.start, sent.end)
        elif visit_type in ("monitoring_visit", "focused_visit"):
            focus = _cohort(ctx, sent.start, sent.end) or _next_sentence_cohort(ctx, si)
        in_since = _SINCE_CLAUSE.match(text, clause[0], clause[1]) is not None
        role = "past" if in_since or _PAST_BEFORE.search(ctx, max(sent.start, start - 30), start) else "current"
        if _CURRENT_BEFORE.search(ctx, max(sent.start, start - 30), start):
            role = "current" if not in_since else role
        # A reference back with nothing to tell it apart ("the inspection", "since the last
        # monitoring visit") is not an event of its own: it joins one the article names, or none.
        definite = _DEFINITE_BEFORE.search(ctx, max(sent.start, start - 6), start)
        bare = (sequence is None and not written and focus is None
                and visit_type in ("inspection", "visit", "monitoring_visit")
                and (role == "past" or definite))
        codes = ctx.authorities_for(start, end, prefer_after=True)
        for code in codes:
            out.append(VisitCandidate(
                code=code, visit_type=visit_type, sequence=sequence, focus=focus, date=date,
                published=publication.date if publication else UNKNOWN_DATE, role=role, start=start,
                end=end, sentence=si, bare=bare, date_written=written,
                date_start=event.start if event else -1, relative=event.relative if event else None,
                definite=definite))
    # A plain "visit" in a clause that names monitoring is a monitoring visit; the others are
    # settled by `settle_plain_visits` once the judgements are known.
    return out


def settle_plain_visits(ctx: ArticleContext, cands: list[VisitCandidate]) -> None:
    """A plain "visit" that gave a judgement is an inspection; otherwise it is the kind of visit
    the article names (focused, monitoring); one reported by a letter with no monitoring named
    is a focused visit; otherwise an inspection."""
    has_letter = "letter" in (ctx.lower or ctx.text.lower())
    typed = [c for c in cands if not c.implied and c.visit_type != "visit"]
    # "the inspection" in an article reporting a joint or focused inspection, giving no grade, is it
    special = {(c.code, c.visit_type) for c in typed if c.visit_type in ("jtai", "focused_visit") and c.role == "current"}
    for c in cands:
        if c.visit_type == "inspection" and c.definite and not c.rated and not c.implied:
            kinds = [t for code, t in special if code == c.code]
            if len(kinds) == 1:
                c.visit_type = kinds[0]
    for c in cands:
        if c.visit_type != "visit":
            continue
        # the kind of event the article reports now, named nearest to it (before, else after)
        current = [t for t in typed if t.role == "current" and t.code == c.code]
        before = [t for t in current if t.start < c.start]
        after = [t for t in current if t.start > c.start]
        nearest = before[-1] if before else (after[0] if after else None)
        # (not a past one: "a focused visit 18 months ago" does not make this visit focused)
        kinds = {t.visit_type for t in typed if t.code == c.code and t.role != "past"}
        if c.rated:
            c.visit_type = "inspection"
        elif nearest is not None:
            c.visit_type = nearest.visit_type
        elif "focused_visit" in kinds:
            c.visit_type = "focused_visit"
        elif "monitoring_visit" in kinds:
            c.visit_type = "monitoring_visit"
        elif has_letter:
            c.visit_type = "focused_visit"
        else:
            c.visit_type = "inspection"
        if c.visit_type in ("focused_visit", "monitoring_visit") and c.focus is None:
            sent = ctx.sentences[c.sentence]
            c.focus = _cohort(ctx, sent.start, sent.end) or _next_sentence_cohort(ctx, c.sentence)
        if c.visit_type == "jtai" and c.focus is None:
            sent = ctx.sentences[c.sentence]
            c.focus = _jtai_theme(ctx.text, sent.start, sent.end)
        if c.visit_type == "focused_visit" and c.focus is None:
            c.focus = lead_cohort(ctx)


_ANAPHORIC_VISIT = re.compile(r"\W*(?:It|The\s+visit|This\s+visit|The\s+letter|Inspectors|They)\b")


def _next_sentence_cohort(ctx: ArticleContext, si: int) -> str | None:
    """'... monitoring visit in February. It focused on children in care.'"""
    if si + 1 >= len(ctx.sentences):
        return None
    nxt = ctx.sentences[si + 1]
    if not _ANAPHORIC_VISIT.match(ctx.text, nxt.start, nxt.end):
        return None
    return _cohort(ctx, nxt.start, nxt.end)


def lead_cohort(ctx: ArticleContext) -> str | None:
    """The cohort the headline or the first paragraph names ("services for children in care")."""
    if not ctx.paragraphs:
        return None
    end = ctx.paragraphs[min(1, len(ctx.paragraphs) - 1)].end
    return _cohort(ctx, 0, end)


# --- clustering an article's candidates into events ---------------------------------------------

# How precisely a date is known, as a number to compare.
PRECISION_RANK = {"unknown": 0, "year": 1, "month": 2, "day": 3}
# Where an unknown date sorts: before every known one.
EARLIEST = PartialDate(1).to_date()


def _informativeness(c: VisitCandidate) -> tuple:
    precision = PRECISION_RANK[c.date.precision]
    return (c.sequence is not None and c.date.known, c.sequence is not None, precision, not c.implied, -c.start)


@dataclass
class _Cluster:
    code: str
    visit_type: str
    members: list[VisitCandidate]
    sequence: int | None = None
    date: PartialDate = UNKNOWN_DATE
    focus: str | None = None
    published: PartialDate = UNKNOWN_DATE
    role: str = "current"
    relative: RelativeDate | None = None

    def add(self, c: VisitCandidate) -> None:
        self.members.append(c)
        if self.sequence is None:
            self.sequence = c.sequence
        if self.relative is None:
            self.relative = c.relative
        if _more_precise(c.date, self.date) and c.date.agrees_with(self.date):
            self.date = c.date
        if c.focus is not None and (self.focus is None or len(c.focus) > len(self.focus)):
            self.focus = c.focus  # the fullest statement of the theme
        if _more_precise(c.published, self.published):
            self.published = c.published
        if c.role == "current" and not c.implied:
            self.role = "current"


def _more_precise(a: PartialDate, b: PartialDate) -> bool:
    return PRECISION_RANK[a.precision] > PRECISION_RANK[b.precision]


def _dates_match(a: PartialDate, b: PartialDate) -> bool:
    """Both known and agreeing; days a few apart still match (a visit lasts days)."""
    if not (a.known and b.known) or a.year != b.year:
        return False
    if a.month is not None and b.month is not None and a.month != b.month:
        return False
    return True


def _named_just_before(cl: _Cluster, c: VisitCandidate) -> bool:
    """The cluster has a mention in the sentence before the candidate's, or earlier in its own."""
    return any(m.start < c.start and c.sentence - 1 <= m.sentence <= c.sentence for m in cl.members)


def cluster_visits(ctx: ArticleContext, cands: list[VisitCandidate]) -> list[VisitMention]:
    """One mention per distinct event of the article; sets each candidate's `cluster`."""
    clusters: list[_Cluster] = []
    for c in sorted(cands, key=_informativeness, reverse=True):
        strong, weak = [], []
        for k, cl in enumerate(clusters):
            if cl.code != c.code or cl.visit_type != c.visit_type:
                continue
            if c.sequence is not None and cl.sequence is not None and c.sequence != cl.sequence:
                continue
            if c.date.known and cl.date.known and not c.date.agrees_with(cl.date):
                continue
            # (a month of an unnumbered mention is no proof that it is a numbered visit of that year)
            numbered_by_year = c.sequence is None and cl.sequence is not None and c.date.precision != cl.date.precision
            if (c.sequence is not None and c.sequence == cl.sequence) or (
                    _dates_match(c.date, cl.date) and not numbered_by_year):
                strong.append(k)
            elif c.role == cl.role or (c.bare and c.role == "past"):
                weak.append(k)
        if len(weak) > 1:
            weak = [k for k in weak if clusters[k].role == c.role] or weak
            if c.role == "past" and not c.date.known:  # "since its last inspection": the latest
                weak.sort(key=lambda k: clusters[k].date.to_date() or EARLIEST, reverse=True)
            else:  # "... the fourth monitoring visit. The visit, carried out in ...": the one just named
                weak.sort(key=lambda k: not _named_just_before(clusters[k], c))
        chosen = strong[0] if len(strong) == 1 else (weak[0] if not strong and weak else None)
        if chosen is None and len(strong) > 1:
            chosen = strong[0]
        if chosen is None and c.bare:
            c.cluster = -1  # a reference back with nothing to refer to: not an event of its own
            continue
        if chosen is None:
            clusters.append(_Cluster(c.code, c.visit_type, [], role=c.role))
            chosen = len(clusters) - 1
        clusters[chosen].add(c)
        c.cluster = chosen
    # Mentions in text order of their first phrase.
    order = sorted(range(len(clusters)), key=lambda k: min(m.start for m in clusters[k].members))
    renumber = {k: i for i, k in enumerate(order)}
    for c in cands:
        if c.cluster >= 0:
            c.cluster = renumber[c.cluster]
    out = []
    for k in order:
        cl = clusters[k]
        best = max(cl.members, key=lambda c: (not c.bare, not c.implied, _informativeness(c)))
        sent = ctx.sentences[best.sentence]
        out.append(VisitMention(
            authority_code=cl.code, authority_name=ctx.names.get(cl.code) or _name_of(cl.code),
            visit_type=cl.visit_type, sequence=cl.sequence, focus=cl.focus, visit_date=cl.date,
            published_date=cl.published, evidence=ctx.text[sent.start:sent.end], char_start=sent.start,
            char_end=sent.end, relative_date=None if cl.date.known else cl.relative))
    return out


def _name_of(code: str) -> str:
    from inspections.authorities import by_code

    try:
        return by_code(code).name
    except KeyError:
        return code


def extract_visits(text: str, published: PartialDate | None = None) -> list[VisitMention]:
    """The visit mentions of one article (judgement-implied inspections included)."""
    from inspections.ratings import article_events

    return list(article_events(build_context(text, published)).visits)
