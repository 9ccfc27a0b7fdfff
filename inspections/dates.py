"""Date expressions in news copy, with their spans, resolved against the article's date.

One compiled regular expression finds every expression in a single pass over the text
("19 and 20 March 2019", "March 2020", "in 2017", "July last year", "in November",
"earlier this month", "two years later", "Autumn 2019", "Friday, January 19, 2018", "07/07/22",
"date 2018-12-19", "Monday (July 1)"). Scanning is anchor-free (`scan_dates`); `resolve` then
fixes the relative ones against an anchor, normally the article's published date:

* "July last year" / "May this year": the anchor's year plus the offset.
* "in November" (a month with no year): the latest such month not after the anchor's month,
  because news reports what has happened ("in November" read in February is last November).
  With an anchor known only to the year the month's year is not known, and is left unknown.
* "two years later" / "the following year": counted from the year of the nearest date before
  it in the text; "two years ago" from the anchor.
* numeric dates are British, day first: 07/07/22 is 7 July 2022.

`infer_published_date` reads the article's own date from the text when no metadata gives it:
a dateline near the top (or a labelled "Published: ..." line anywhere); else a weekday with a
date and no year ("Monday (July 1)": the first year, not before the latest one written, in which
it falls on that weekday); else the year under which the text's relative month phrases coincide
with its explicitly dated events ("September and October last year" with "October 2024" named
elsewhere: 2025). It never guesses: with none of these it returns an unknown date.
`report_published_date` finds the date a report or letter is said to have come out, which
callers may use to read relative dates when the article itself is undated.

No library parser is called per expression: dateparser costs milliseconds a call, and the whole
transform must handle a thousand articles a second.
"""

from __future__ import annotations

import bisect
import calendar
import dataclasses
import datetime as dt
import re
import string
from collections import Counter
from re import _constants as _sre_c  # type: ignore[attr-defined]  # the standard library's regex parser
from re import _parser as _sre_parse  # type: ignore[attr-defined]
from dataclasses import dataclass

from inspections.records import UNKNOWN_DATE, PartialDate, RelativeDate
from inspections.text import literal_starts

MONTHS = {
    "january": 1, "february": 2, "march": 3, "april": 4, "may": 5, "june": 6, "july": 7,
    "august": 8, "september": 9, "october": 10, "november": 11, "december": 12,
    "jan": 1, "feb": 2, "mar": 3, "apr": 4, "jun": 6, "jul": 7, "aug": 8, "sep": 9, "sept": 9,
    "oct": 10, "nov": 11, "dec": 12,
}
WEEKDAYS = {"monday": 0, "tuesday": 1, "wednesday": 2, "thursday": 3, "friday": 4, "saturday": 5,
            "sunday": 6}
# Seasons are coded after the months so that they can be compared like months.
SEASONS = {"spring": 13, "summer": 14, "autumn": 15, "fall": 15, "winter": 16}
_SEASON_START = {13: 3, 14: 6, 15: 9}  # the first month of spring, summer, autumn
NUMBER_WORDS = {"a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6,
                "seven": 7, "eight": 8, "nine": 9, "ten": 10}

_MONTH_FULL = r"(?:January|February|March|April|May|June|July|August|September|October|November|December)"
_MONTH_ABBR = r"(?:Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept|Sep|Oct|Nov|Dec)\.?"
_MON = rf"(?:{_MONTH_FULL}|{_MONTH_ABBR})"
_WEEKDAY = r"(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)"
_ORD = r"(?:st|nd|rd|th)?"
_YEAR = r"(?:19[5-9]\d|20[0-4]\d)"
_DAY = r"(?:[0-3]?\d)(?!\d)"
_LIST_SEP = r"(?:,\s*|\s+(?:and|or|to|through|until|-|–)\s+|\s*[-–/]\s*)"
_MONTH_LIST = rf"(?:{_LIST_SEP}{_MONTH_FULL})*+"
_MOD = r"(?:(?i:early|late|mid|mid-|the end of|the start of|the beginning of|the middle of|end of|start of|beginning of))"
# Words before a month name that make it a date ("in May"), not a name or a verb.
_MONTH_PRE = (r"(?:[Ii]n|[Oo]n|[Ss]ince|[Uu]ntil|[Tt]ill|[Bb]y|[Ff]rom|[Dd]uring|[Ee]arly|[Ll]ate|[Mm]id-?|"
              r"[Oo]f|[Bb]efore|[Aa]fter|[Tt]hroughout|[Bb]etween|[Aa]round|[Ee]nd of|[Ss]tart of|"
              r"[Bb]eginning of|[Mm]iddle of|[Tt]he end of|[Tt]he start of|[Tt]he beginning of|[Ee]ach|[Ee]very)")
_REL_YEAR = r"(?P<{0}>last|this|next|the previous|the following|the same|of last|of this)\s+year"
_PLURAL_AFTER_YEAR = (r"(?:children|people|pupils|staff|cases|families|workers|referrals|households|"
                      r"posts|jobs|homes|pounds|young|councils|authorities|visits|inspections)")

_DATE_BRANCHES = [
    # 2018-12-19
    rf"(?P<iso>(?<![\d-])(?P<iso_y>{_YEAR})-(?P<iso_m>[01]\d)-(?P<iso_d>[0-3]\d)(?![\d-]))",
    # 07/07/22, 7.7.2022 (day first)
    r"(?P<num>(?<![\d/.:])(?P<num_d>[0-3]?\d)(?P<num_sep>[/.])(?P<num_m>[01]?\d)(?P=num_sep)"
    r"(?P<num_y>\d{4}|\d{2})(?![\d/]|\.\d))",
    # Monday (July 1), Monday (1 July)
    rf"(?P<wp>(?P<wp_wd>{_WEEKDAY})\s*\(\s*(?:(?P<wp_m>{_MON})\s+(?P<wp_d>{_DAY}){_ORD}|"
    rf"(?P<wp_d2>{_DAY}){_ORD}\s+(?:of\s+)?(?P<wp_m2>{_MON}))\s*\))",
    # Friday, January 19, 2018; August 2; July 1st 2019
    rf"(?P<mdy>(?:(?P<mdy_wd>{_WEEKDAY}),?\s+)?(?P<mdy_m>{_MON})\s+(?P<mdy_d>{_DAY}){_ORD}"
    rf"(?![\d:])(?:,?\s+(?P<mdy_y>{_YEAR})(?!\d))?)",
    # 19 and 20 March 2019; Monday 1 July; the 2nd of March
    rf"(?P<dmy>(?:(?P<dmy_wd>{_WEEKDAY}),?\s+)?(?<![\d.,£$])(?P<dmy_d>{_DAY}){_ORD}"
    rf"(?:\s+(?:of\s+)?(?P<dmy_m0>{_MON}))?"
    rf"(?:\s*(?:-|–|and|&|to|until)\s*(?:the\s+)?(?P<dmy_d2>{_DAY}){_ORD})?\s+(?:of\s+)?(?P<dmy_m>{_MON})"
    rf"(?:,?\s+(?P<dmy_y>{_YEAR})(?!\d))?(?!\w))",
    # March 2020; September and October 2024; the end of June 2019
    rf"(?P<my>(?:{_MOD}\s*)?(?P<my_m>{_MON})(?P<my_more>{_MONTH_LIST}),?\s+(?:of\s+)?"
    rf"(?P<my_y>{_YEAR})(?!\d))",
    # July last year; September and October last year
    rf"(?P<mr>(?:{_MOD}\s*)?(?P<mr_m>{_MONTH_FULL})(?P<mr_more>{_MONTH_LIST})\s+"
    + _REL_YEAR.format("mr_rel") + ")",
    # Autumn 2019
    rf"(?P<sy>(?P<sy_s>(?i:spring|summer|autumn|winter))\s+(?:of\s+)?(?P<sy_y>{_YEAR})(?!\d))",
    # this autumn
    r"(?P<rs>(?i:(?P<rs_rel>last|this|next)\s+(?P<rs_s>spring|summer|autumn|winter)))\b",
    # in the spring (of the article's year, or the year before when the article is earlier)
    r"(?P<bs>\b(?i:(?:in|during)\s+the\s+(?P<bs_s>spring|summer|autumn)))\b(?!\s+(?:of\b|\d))",
    # late last year; earlier this month; this week
    r"(?P<rp>(?i:(?:(?P<rp_mod>early|earlier|late|later|mid|the end of|the start of|the beginning of"
    r"|end of|start of)\s+)?(?P<rp_rel>last|this|next)\s+(?P<rp_unit>year|month|week)))\b",
    r"(?P<dw>\b(?i:today|yesterday))\b",
    # two years later; a year earlier; three years ago
    r"(?P<ny>\b(?i:(?P<ny_n>a|an|one|two|three|four|five|six|seven|eight|nine|ten|\d{1,2})\s+"
    r"years?\s+(?P<ny_dir>later|earlier|on|ago|afterwards|previously)))\b",
    # 18 months ago
    r"(?P<nm>\b(?i:(?P<nm_n>a|an|one|two|three|four|five|six|seven|eight|nine|ten|\d{1,2})\s+"
    r"months?\s+ago))\b",
    r"(?P<fy>\b(?i:the\s+(?P<fy_dir>following|previous|preceding)\s+year))\b",
    # that autumn; later that year (the year of the date before)
    r"(?P<ty>\b(?i:that\s+(?:same\s+)?(?:spring|summer|autumn|winter|year)))\b",
    # last November; this May
    rf"(?P<rm>\b(?i:(?P<rm_rel>last|this|next))\s+(?P<rm_m>{_MONTH_FULL})\b)",
    # in November; since March; at the end of June; in September and October
    rf"(?P<bm>\b{_MONTH_PRE}\s+(?:(?i:early|late|mid-?)\s*)?(?P<bm_m>{_MONTH_FULL})(?P<bm_more>{_MONTH_LIST})"
    rf"(?!['’]s)(?!,?\s+(?:of\s+)?\d)(?!\s+(?:last|this|next|the previous|the following|of last|of this)\s+year))",
    # in 2017; 2018/19
    rf"(?P<yr>(?<![\w£$€.,/-])(?P<yr_y>{_YEAR})(?:[/–-](?:\d\d|{_YEAR}))?(?!\w|[.,]\d|%)"
    rf"(?!\s+{_PLURAL_AFTER_YEAR}\b))",
]


def _date_expression(branches: list[str]) -> re.Pattern[str]:
    # One expression never runs over a line break: "\s" means a space or a tab.
    return re.compile("|".join(branches).replace(r"\s", r"[^\S\n\r]"))


def _first_chars(items, ignorecase: bool) -> tuple[set[str] | None, bool]:
    """(the characters a parsed expression can begin with, or None when it cannot tell; whether it
    can match without consuming one). Look-arounds and anchors are skipped: a superset is safe."""
    c = _sre_c
    chars: set[str] = set()
    for op, av in items:
        nullable = False
        if op is c.LITERAL:
            found: set[str] | None = {chr(av)}
        elif op is c.IN:
            found = set()
            for iop, iav in av:
                if iop is c.LITERAL:
                    found.add(chr(iav))
                elif iop is c.RANGE:
                    found.update(map(chr, range(iav[0], iav[1] + 1)))
                elif iop is c.CATEGORY and iav is c.CATEGORY_DIGIT:
                    found.update(string.digits)  # and other digits, which the table does not key
                else:  # negated sets and other categories: any character
                    return None, False
        elif op is c.BRANCH:
            found = set()
            for branch in av[1]:
                more, empty = _first_chars(branch, ignorecase)
                if more is None:
                    return None, False
                found |= more
                nullable = nullable or empty
        elif op is c.SUBPATTERN:
            _, add, drop, sub = av
            found, nullable = _first_chars(sub, (ignorecase or bool(add & c.SRE_FLAG_IGNORECASE))
                                           and not drop & c.SRE_FLAG_IGNORECASE)
        elif op in (c.MAX_REPEAT, c.MIN_REPEAT, c.POSSESSIVE_REPEAT):
            found, nullable = _first_chars(av[2], ignorecase)
            nullable = nullable or av[0] == 0
        elif op is c.ATOMIC_GROUP:
            found, nullable = _first_chars(av, ignorecase)
        elif op in (c.AT, c.ASSERT, c.ASSERT_NOT):
            found, nullable = set(), True
        else:
            return None, False
        if found is None:
            return None, False
        if ignorecase:
            found = found | {x.lower() for x in found} | {x.upper() for x in found}
        chars |= found
        if not nullable:
            return chars, False
    return chars, True


def _expressions_by_first_char(branches: list[str]) -> dict[str, re.Pattern[str] | None]:
    """For each ASCII letter and digit, the expression of only the branches that can begin with it,
    in their order (None: none can). There every other branch fails, so it finds the match the
    whole expression finds, without trying a dozen lists of words first."""
    starts = []
    for branch in branches:
        chars, empty = _first_chars(_sre_parse.parse(branch.replace(r"\s", r"[^\S\n\r]")), False)
        starts.append(None if empty else chars)
    by_subset: dict[tuple[int, ...], re.Pattern[str] | None] = {}
    table = {}
    for ch in string.ascii_letters + string.digits:
        subset = tuple(k for k, chars in enumerate(starts) if chars is None or ch in chars)
        if subset not in by_subset:
            by_subset[subset] = _date_expression([branches[k] for k in subset]) if subset else None
        table[ch] = by_subset[subset]
    return table


_DATE_RE = _date_expression(_DATE_BRANCHES)
_DATE_AT = _expressions_by_first_char(_DATE_BRANCHES)
_MONTH_WORD = re.compile(_MONTH_FULL)


@dataclass(frozen=True, slots=True)
class RawDate:
    """A date expression as written, before relative parts are resolved."""

    start: int
    end: int
    # absolute | month | month_rel | season | season_rel | period | day | years_from_prev | years_ago
    # | months_ago
    kind: str
    year: int | None = None
    month: int | None = None  # first month named; a season code (13-16) for seasons
    day: int | None = None
    months: tuple[int, ...] = ()  # every month of a list ("September and October")
    offset: int = 0  # years relative to the anchor or to the previous date (months for months_ago)
    unit: str | None = None  # for periods: year | month | week | today | yesterday
    weekday: int | None = None
    modifier: str | None = None  # early | late | ...

    @property
    def explicit(self) -> bool:
        """The year is written in the expression."""
        return self.kind == "absolute"


@dataclass(frozen=True, slots=True)
class DateMention:
    """A date expression with its span and its resolved date (unknown when it cannot be fixed)."""

    start: int
    end: int
    text: str
    date: PartialDate
    raw: RawDate

    @property
    def explicit(self) -> bool:
        return self.raw.explicit

    @property
    def relative(self) -> RelativeDate | None:
        """The expression against the article's year, when only that year is missing to fix it."""
        return None if self.date.known else relative_to_publication(self.raw)


def _month(name: str) -> int:
    return MONTHS[name.rstrip(".").lower()]


def _safe_date(year: int | None, month: int | None = None, day: int | None = None) -> PartialDate:
    """A PartialDate, dropping a day or month that does not exist rather than raising."""
    if year is None:
        return UNKNOWN_DATE
    if month is None or not 1 <= month <= 12:
        return PartialDate(year)
    if day is None or not 1 <= day <= calendar.monthrange(year, month)[1]:
        return PartialDate(year, month)
    return PartialDate(year, month, day)


def _month_list(first: str, more: str | None) -> tuple[int, ...]:
    months = [_month(first)]
    if more:
        months += [_month(m) for m in _MONTH_WORD.findall(more)]
    return tuple(months)


# What "that autumn", "that year" follow as a time of the date before: a preposition, an event
# ("An inspection that autumn rated ..."), or nothing (the clause begins with it).
_THAT_TIME_BEFORE = re.compile(r"(?:\b(?:later|earlier|in|during|by|until|inspection|inspections|visit|visits|"
                               r"inspected|visited)\s+|(?:^|[\n.,;:(–—])\s*)$", re.IGNORECASE)


def _raw_from_match(m: re.Match[str]) -> RawDate | None:
    kind = m.lastgroup
    g = m.group
    start, end = m.span()
    if kind == "iso":
        return RawDate(start, end, "absolute", int(g("iso_y")), int(g("iso_m")), int(g("iso_d")))
    if kind == "num":
        day, month, year = int(g("num_d")), int(g("num_m")), g("num_y")
        if not (1 <= day <= 31 and 1 <= month <= 12):
            return None
        y = int(year)
        if len(year) == 2:
            y += 2000
        if not 1950 <= y <= 2049:
            return None
        return RawDate(start, end, "absolute", y, month, day)
    if kind == "wp":
        month = _month(g("wp_m") or g("wp_m2"))
        day = int(g("wp_d") or g("wp_d2"))
        return RawDate(start, end, "month", None, month, day, (month,),
                       weekday=WEEKDAYS[g("wp_wd").lower()])
    if kind in ("mdy", "dmy"):
        month = _month(g(kind + "_m"))
        if kind == "dmy" and g("dmy_m0"):  # "29 October to 9 November 2018": from the first day
            month = _month(g("dmy_m0"))
        day = int(g(kind + "_d"))
        if not 1 <= day <= 31:
            return None
        wd = g(kind + "_wd")
        weekday = WEEKDAYS[wd.lower()] if wd else None
        year = g(kind + "_y")
        if year:
            return RawDate(start, end, "absolute", int(year), month, day, (month,), weekday=weekday)
        return RawDate(start, end, "month", None, month, day, (month,), weekday=weekday)
    if kind == "my":
        months = _month_list(g("my_m"), g("my_more"))
        return RawDate(start, end, "absolute", int(g("my_y")), months[0], None, months)
    if kind == "mr":
        months = _month_list(g("mr_m"), g("mr_more"))
        rel = g("mr_rel").lower()
        offset = {"last": -1, "of last": -1, "next": 1, "the previous": -1, "the following": 1}.get(rel, 0)
        if rel in ("the previous", "the following", "the same"):
            return RawDate(start, end, "years_from_prev", None, months[0], None, months, offset=offset)
        return RawDate(start, end, "month_rel", None, months[0], None, months, offset=offset)
    if kind == "sy":
        season = SEASONS[g("sy_s").lower()]
        return RawDate(start, end, "absolute", int(g("sy_y")), season, None, (season,))
    if kind == "rs":
        rel = g("rs_rel").lower()
        season = SEASONS[g("rs_s").lower()]
        return RawDate(start, end, "season_rel", None, season, None, (season,),
                       offset={"last": -1, "next": 1}.get(rel, 0))
    if kind == "bs":
        season = SEASONS[g("bs_s").lower()]
        return RawDate(start, end, "season", None, season, None, (season,))
    if kind == "rp":
        rel = g("rp_rel").lower()
        mod = (g("rp_mod") or "").lower() or None
        return RawDate(start, end, "period", offset={"last": -1, "next": 1}.get(rel, 0),
                       unit=g("rp_unit").lower(), modifier=mod)
    if kind == "dw":
        return RawDate(start, end, "period", unit=g("dw").lower(), offset=0)
    if kind == "ny":
        n = g("ny_n").lower()
        count = NUMBER_WORDS.get(n) or int(n)
        direction = g("ny_dir").lower()
        if direction == "ago":
            return RawDate(start, end, "years_ago", offset=-count)
        sign = -1 if direction in ("earlier", "previously") else 1
        return RawDate(start, end, "years_from_prev", offset=sign * count)
    if kind == "nm":
        n = g("nm_n").lower()
        return RawDate(start, end, "months_ago", offset=-(NUMBER_WORDS.get(n) or int(n)))
    if kind == "fy":
        sign = 1 if g("fy_dir").lower() == "following" else -1
        return RawDate(start, end, "years_from_prev", offset=sign)
    if kind == "ty":
        if _THAT_TIME_BEFORE.search(m.string, max(0, start - 20), start) is None:
            return None  # "said that summer holidays ...": a conjunction, not a date
        return RawDate(start, end, "years_from_prev")
    if kind == "rm":
        rel = g("rm_rel").lower()
        month = _month(g("rm_m"))
        s = m.start("rm")
        return RawDate(s, end, "month_last" if rel == "last" else "month_rel", None, month, None, (month,),
                       offset=0 if rel == "this" else 1 if rel == "next" else 0)
    if kind == "bm":
        months = _month_list(g("bm_m"), g("bm_more"))
        return RawDate(m.start("bm_m"), end, "month", None, months[0], None, months)
    if kind == "yr":
        return RawDate(start, end, "absolute", int(g("yr_y")))
    return None  # pragma: no cover


# Scanning: trying the date expression at every character of an article costs milliseconds, so
# it is tried only around anchors, which two cheap scans find: capitalised words and numbers
# (month and weekday names, seasons, digits) and the lower-case words relative dates end in.
_ANCHOR_WORDS = sorted(
    {m.capitalize() for m in MONTHS} | {w.capitalize() for w in WEEKDAYS}
    | {"Spring", "Summer", "Autumn", "Winter", "Today", "Yesterday"}, key=lambda w: (-len(w), w))
# A branch of plain literals: the regex engine skips to the characters they start with. A number
# is one anchor, at its first digit.
_ANCHOR = re.compile("|".join(_ANCHOR_WORDS) + "|" + "|".join(f"{d}[0-9]*" for d in range(10)))
_LOWER_ANCHOR = re.compile(r"y(?:ears?|esterday)\b|months?\b|week\b|today\b|spring\b|summer\b|autumn\b|winter\b")
# Its words, found first by str.find: the expression's scan stops at every "a", "s" and "t".
_LOWER_ANCHOR_WORDS = ("year", "yesterday", "month", "week", "today", "spring", "summer", "autumn", "winter")
_LOOKBACK_WORDS = 4
# Words (lower case) an expression can begin with before its anchor: "in November", "late last
# year", "the end of June", "two years later", "the following year".
_STARTERS = frozenset(
    """in on since until till by from during early late mid mid- of before after throughout between around
    end start beginning middle the each every last this next earlier later a an one two three four five six
    seven eight nine ten that""".split())
_ANCHOR_SET = frozenset(_ANCHOR_WORDS)


_WORD_RUN = re.compile(r"[^\W_][\w'’]*")
_STOPS = "\n\r.;:!?"  # a line or a sentence ends


def _word_starts_before(text: str, pos: int, count: int) -> list[int]:
    """The starts of up to `count` words before pos in the same line and sentence, leftmost first."""
    lo = max(0, pos - 48)
    segment = text[lo:pos]
    stop = max(map(segment.rfind, _STOPS))  # the last one: a few backward searches, not a scan
    if stop >= 0:
        lo += stop + 1
        segment = text[lo:pos]
    starts = [lo + m.start() for m in _WORD_RUN.finditer(segment)]
    if starts and starts[0] > 0 and (text[starts[0] - 1].isalnum() or text[starts[0] - 1] in "_'’"):
        starts = starts[1:]  # the window began inside a word
    return starts[-count:]


def scan_dates(text: str) -> list[RawDate]:
    """Every date expression in the text, in order, unresolved."""
    anchors = [m.start() for m in _ANCHOR.finditer(text) if m.start() == 0 or not text[m.start() - 1].isalnum()]
    anchors += [s for s in literal_starts(text, _LOWER_ANCHOR_WORDS)
                if (s == 0 or not text[s - 1].isalnum()) and _LOWER_ANCHOR.match(text, s)]
    anchors.sort()
    out: list[RawDate] = []
    done = 0  # the end of the last expression found
    for a_start in anchors:
        if a_start < done:
            continue
        match = None
        # A number begins its expression ("19 and 20 March 2019", "in 2017"); a month name or a
        # relative word may have words before it ("at the end of June", "late last year").
        starts = (a_start,) if text[a_start].isdigit() else (
            *_word_starts_before(text, a_start, _LOOKBACK_WORDS), a_start)
        for s in starts:
            if s < done:
                continue
            if s != a_start:  # only words that can begin an expression are worth a try
                w = _WORD_RUN.match(text, s)
                if w is None or not (w.group()[0].isdigit() or w.group().lower() in _STARTERS
                                     or w.group() in _ANCHOR_SET):
                    continue
            expression = _DATE_AT.get(text[s], _DATE_RE)
            m = expression.match(text, s) if expression is not None else None
            if m is not None and m.end() > a_start:
                match = m
                break
        if match is None:
            continue
        raw = _raw_from_match(match)
        done = match.end()
        if raw is not None:
            out.append(raw)
    return out


def _scan_dates_slow(text: str) -> list[RawDate]:
    """The reference for the tests: the expression tried at the start of every word."""
    out: list[RawDate] = []
    i = 0
    while i < len(text):
        if i == 0 or not text[i - 1].isalnum():
            m = _DATE_RE.match(text, i)
            if m is not None and m.end() > i:
                raw = _raw_from_match(m)
                if raw is not None:
                    out.append(raw)
                i = m.end()
                continue
        i += 1
    return out


def _bare_month_year(month: int, anchor: PartialDate) -> int | None:
    """The year of the latest `month` not after the anchor's month."""
    if anchor.year is None or anchor.month is None:
        return None
    if month > 12:  # a season
        return None
    return anchor.year if month <= anchor.month else anchor.year - 1


def _months_on(anchor: PartialDate, months: int) -> PartialDate:
    """The month `months` after the anchor's (before it, if negative)."""
    index = anchor.year * 12 + anchor.month - 1 + months
    return PartialDate(index // 12, index % 12 + 1)


def _resolve_one(raw: RawDate, anchor: PartialDate, prev_year: int | None) -> PartialDate:
    kind = raw.kind
    month = raw.month if raw.month is not None and raw.month <= 12 else None
    if kind == "absolute":
        return _safe_date(raw.year, month, raw.day)
    if kind == "month":
        if raw.weekday is not None and raw.day is not None and anchor.year is not None:
            # A weekday fixes which year: the anchor's, or the one before.
            for year in (anchor.year, anchor.year - 1):
                try:
                    if dt.date(year, raw.month, raw.day).weekday() == raw.weekday:
                        return _safe_date(year, raw.month, raw.day)
                except ValueError:
                    continue
        year = _bare_month_year(raw.month, anchor)
        return _safe_date(year, month, raw.day) if year is not None else UNKNOWN_DATE
    if kind == "month_rel":
        if anchor.year is None:
            return UNKNOWN_DATE
        return _safe_date(anchor.year + raw.offset, month)
    if kind == "month_last":
        if anchor.year is None or anchor.month is None:
            return UNKNOWN_DATE
        year = anchor.year if raw.month < anchor.month else anchor.year - 1
        return _safe_date(year, month)
    if kind == "season":
        # only the year: the latest such season begun by the anchor's month
        if anchor.year is None or anchor.month is None:
            return UNKNOWN_DATE
        return PartialDate(anchor.year if anchor.month >= _SEASON_START[raw.month] else anchor.year - 1)
    if kind == "season_rel":
        return _safe_date(anchor.year + raw.offset) if anchor.year is not None else UNKNOWN_DATE
    if kind == "period":
        if anchor.year is None:
            return UNKNOWN_DATE
        unit = raw.unit
        if unit == "year":
            return PartialDate(anchor.year + raw.offset)
        if anchor.month is None:
            return UNKNOWN_DATE
        if unit == "month":
            return _months_on(anchor, raw.offset)
        if anchor.day is None:
            return PartialDate(anchor.year, anchor.month) if unit in ("week", "today") and raw.offset == 0 \
                else UNKNOWN_DATE
        day = dt.date(anchor.year, anchor.month, anchor.day)
        if unit == "today":
            return PartialDate(day.year, day.month, day.day)
        if unit == "yesterday":
            day -= dt.timedelta(days=1)
            return PartialDate(day.year, day.month, day.day)
        # a week: the month it mostly falls in
        day += dt.timedelta(days=7 * raw.offset - (3 if raw.offset <= 0 else -3))
        return PartialDate(day.year, day.month)
    if kind == "years_ago":
        return PartialDate(anchor.year + raw.offset) if anchor.year is not None else UNKNOWN_DATE
    if kind == "months_ago":
        # a count of months is a rough measure: only the year it leads back to is kept
        if anchor.year is None or anchor.month is None:
            return UNKNOWN_DATE
        return PartialDate(_months_on(anchor, raw.offset).year)
    if kind == "years_from_prev":
        if prev_year is None:
            return UNKNOWN_DATE
        return _safe_date(prev_year + raw.offset, month)
    return UNKNOWN_DATE  # pragma: no cover


def relative_to_publication(raw: RawDate) -> RelativeDate | None:
    """"July last year" -> (-1, July); "late last year", "three years ago" -> (-1), (-3); None for
    what needs more than the publication year ("last November", "this week") or is not relative."""
    if raw.kind == "month_rel":
        return RelativeDate(raw.offset, raw.month if raw.month is not None and raw.month <= 12 else None)
    if raw.kind in ("season_rel", "years_ago") or (raw.kind == "period" and raw.unit == "year"):
        return RelativeDate(raw.offset)
    return None


def each_listed_month(mention: DateMention, anchor: PartialDate) -> list[tuple[PartialDate, RelativeDate | None]]:
    """Each month of a list ("in October and September", "September and October last year") as a
    date of its own, resolved as the list is, with its date against the article's year."""
    out = []
    for month in mention.raw.months:
        raw = dataclasses.replace(mention.raw, month=month, day=None)
        try:
            date = _resolve_one(raw, anchor, None)
        except (ValueError, OverflowError):
            date = UNKNOWN_DATE
        out.append((date, None if date.known else relative_to_publication(raw)))
    return out


def resolve(text: str, raws: list[RawDate], anchor: PartialDate = UNKNOWN_DATE) -> list[DateMention]:
    """Fix every expression's date against the anchor (and the year mentioned before it)."""
    out: list[DateMention] = []
    prev_year: int | None = None
    for raw in raws:
        try:
            date = _resolve_one(raw, anchor, prev_year)
        except (ValueError, OverflowError):
            date = UNKNOWN_DATE
        if date.year is not None and not 1900 <= date.year <= 2100:
            date = UNKNOWN_DATE
        out.append(DateMention(raw.start, raw.end, text[raw.start:raw.end], date, raw))
        if date.year is not None:
            prev_year = date.year
    return out


def find_dates(text: str, anchor: PartialDate = UNKNOWN_DATE) -> list[DateMention]:
    """Every date expression in the text with its span, resolved against the anchor."""
    return resolve(text, scan_dates(text), anchor)


def dates_between(mentions: list[DateMention], start: int, end: int) -> list[DateMention]:
    """The mentions lying inside text[start:end] (mentions in text order)."""
    starts = [m.start for m in mentions]
    i = bisect.bisect_left(starts, start)
    out = []
    while i < len(mentions) and mentions[i].start < end:
        if mentions[i].end <= end:
            out.append(mentions[i])
        i += 1
    return out


# --- the article's own date ------------------------------------------------------------------

_DATELINE_PREFIX = re.compile(
    r"^\s*(?:By\s+[A-Z][\w.'’-]*(?:\s+[A-Z][\w.'’-]*){0,3}\s*[|,•·–-]\s*)?"
    r"(?:(?i:date|dated|published|first published|last updated|updated|posted|posted on|published on|"
    r"week\s+(?:ending|beginning|commencing))"
    # A blog's byline line ("Posted by Sam Jones on 9 April 2025 in News").
    r"(?:\s+by\s+[A-Z][\w.'’-]*(?:\s+[A-Z][\w.'’-]*){0,3}\s+on)?"
    r"\s*[:\-–]?\s*)?(?:\d{1,2}[:.]\d{2}\s*(?:am|pm|AM|PM)?\s*(?:BST|GMT|UTC)?\s*[,|•·–-]?\s*)?"
    r"(?:(?:Mon|Tues?|Wed|Thu(?:rs)?|Fri|Sat|Sun)(?:day|nesday|urday)?,?\s+)?$")
# A reporter's name or role before the date, with no "By" ("Sam Jones 12/05/2016", "Staff reporter ·
# 13/03/2026"): the line holds nothing else.
_BYLINE_NAME = re.compile(r"^\s*(?:[A-Z][a-z][\w.'’-]*(?:\s+[A-Z][\w.'’-]*){1,3}|"
                          r"(?:[A-Z][a-z]+\s+){1,3}(?i:reporter|correspondent|writer|editor))\s*[|,•·–-]?\s*$")
# A masthead line that ends with the date after a bar ("Our weekly digest of reports | Friday 14
# February 2025").
_MASTHEAD_END = re.compile(r"\s[|•·]\s*(?:(?:Mon|Tues?|Wed|Thu(?:rs)?|Fri|Sat|Sun)(?:day|nesday|urday)?,?\s+)?$")
_DATELINE_REST = re.compile(
    r"^\s*(?:[,|•·\-–]\s*)?(?:\d{1,2}[:.]\d{2}\s*(?:am|pm|AM|PM)?\s*(?:BST|GMT|UTC)?)?\s*"
    r"(?:[|•·]\s*.*)?$")
# What may follow a dateline's date on its line besides a time: a byline or the section it was
# filed in ("12 May 2016 By Sam Jones", "January 13, 2023 in Children, Workforce"), short and
# not a sentence.
_DATELINE_TAIL_CHARS = 40
_FUTURE_CONTEXT = re.compile(
    r"(?:\b(?:will|due|expected|scheduled|planned|plans? to|aims? to|intends? to)\b[^.;:]{0,40}"
    r"|\b(?:by|until|before)\s+(?:the\s+)?(?:(?:end|start|beginning|middle)\s+of\s+)?)$",
    re.IGNORECASE)
_DATELINE_LINES = 10
_DATELINE_CHARS = 1200


def find_dateline(text: str, raws: list[RawDate] | None = None) -> RawDate | None:
    """A date standing alone (or labelled "date", "published", ...) on one of the first lines."""
    if raws is None:
        raws = scan_dates(text)
    limit = min(len(text), _DATELINE_CHARS)
    lines_seen = 0
    pos = 0
    while pos < limit and lines_seen < _DATELINE_LINES:
        nl = text.find("\n", pos)
        line_end = len(text) if nl < 0 else nl
        if text[pos:line_end].strip():
            lines_seen += 1
            for raw in raws:
                if raw.start < pos or raw.start >= line_end:
                    continue
                if raw.kind != "absolute" or raw.month is None or raw.month > 12:
                    break  # only the first date of a line can be its dateline
                before = text[pos:raw.start]
                after = text[raw.end:line_end]
                if _DATELINE_PREFIX.match(before) and (_DATELINE_REST.match(after) or before.strip()
                                                       or _dateline_tail(after)):
                    return raw
                if (_BYLINE_NAME.match(before) or _MASTHEAD_END.search(before)) and _DATELINE_REST.match(after):
                    return raw
                break
        if nl < 0:
            break
        pos = nl + 1
    # A labelled date line anywhere ("Published: 20 March 2023" at the foot of a press release).
    for raw in raws:
        if raw.kind != "absolute" or raw.month is None or raw.month > 12:
            continue
        line_start = text.rfind("\n", 0, raw.start) + 1
        line_end = text.find("\n", raw.end)
        line_end = len(text) if line_end < 0 else line_end
        before = text[line_start:raw.start]
        if _DATELINE_LABEL.match(before) and _DATELINE_REST.match(text[raw.end:line_end]):
            return raw
    return None


def _dateline_tail(after: str) -> bool:
    tail = after.strip()
    return (len(tail) <= _DATELINE_TAIL_CHARS and tail[:1].isalpha() and not tail.endswith((".", "!", "?", ":"))
            and not any(ch.isdigit() for ch in tail))


_DATELINE_LABEL = re.compile(
    r"^\s*(?i:date\s+published|published(?:\s+on)?|first\s+published|last\s+updated|updated|posted(?:\s+on)?|"
    r"date)\s*[:\-–]?\s*(?:(?:Mon|Tues?|Wed|Thu(?:rs)?|Fri|Sat|Sun)(?:day|nesday|urday)?,?\s+)?$")


def _dateline(text: str, raws: list[RawDate]) -> PartialDate | None:
    raw = find_dateline(text, raws)
    return _safe_date(raw.year, raw.month, raw.day) if raw is not None else None


def _latest_explicit_year(text: str, raws: list[RawDate]) -> int | None:
    """The latest year written in the text, leaving out dates in future contexts."""
    years = []
    for raw in raws:
        if raw.kind != "absolute":
            continue
        if _FUTURE_CONTEXT.search(text, max(0, raw.start - 60), raw.start):
            continue
        years.append(raw.year)
    return max(years) if years else None


def _from_weekday(text: str, raws: list[RawDate]) -> PartialDate | None:
    """'Monday (July 1)': the first year not before the latest explicit one where it is a Monday."""
    dated = [r for r in raws if r.kind == "month" and r.weekday is not None and r.day is not None]
    if not dated:
        return None
    floor = _latest_explicit_year(text, raws)
    if floor is None:
        return None
    votes: Counter[int] = Counter()
    for raw in dated:
        for year in range(floor, floor + 12):
            try:
                if dt.date(year, raw.month, raw.day).weekday() == raw.weekday:
                    votes[year] += 1
                    break
            except ValueError:
                break
    if not votes:
        return None
    ranked = votes.most_common()
    if len(ranked) > 1 and ranked[0][1] == ranked[1][1]:
        return None
    return PartialDate(ranked[0][0])


def _from_coincidence(text: str, raws: list[RawDate]) -> PartialDate | None:
    """The anchor year under which relative month phrases fall on explicitly dated months."""
    explicit = {(r.year, m) for r in raws if r.kind == "absolute" and r.month is not None
                for m in (r.months or (r.month,))}
    relative = [r for r in raws if r.kind in ("month_rel", "season_rel")]
    if not explicit or not relative:
        return None
    latest = _latest_explicit_year(text, raws)
    if latest is None:
        return None
    latest_any = max(r.year for r in raws if r.kind == "absolute")
    hits = {}
    for year in sorted({latest, latest + 1, latest_any, latest_any + 1}):
        hits[year] = sum(1 for r in relative for m in (r.months or (r.month,))
                         if (year + r.offset, m) in explicit)
    found = [y for y, n in hits.items() if n > 0]
    if len(found) != 1:
        return None
    return PartialDate(found[0])


_REPORT_PUBLISHED = re.compile(
    r"\b(?:published|released|issued|came\s+out)\b(?:\s+\w+){0,3}\s+(?:on\s+)?(?:\w+,?\s+)?$", re.IGNORECASE)


def report_published_date(text: str, mentions: list[DateMention]) -> PartialDate:
    """The latest date, with its year written, on which the text says a report or letter was
    published ("The report was published on February 28, 2023"); unknown if none."""
    best = UNKNOWN_DATE
    for d in mentions:
        if not d.raw.explicit or d.date.month is None:
            continue
        if _REPORT_PUBLISHED.search(text, max(0, d.start - 45), d.start):
            if not best.known or d.date.to_date() > best.to_date():
                best = d.date
    return best


# A month in capitals, as some sites print their date line ("07:00, 20 NOV 2025").
_CAPS_MONTH = re.compile(r"\b(?:JAN(?:UARY)?|FEB(?:RUARY)?|MAR(?:CH)?|APR(?:IL)?|MAY|JUNE?|JULY?|AUG(?:UST)?|"
                         r"SEPT?(?:EMBER)?|OCT(?:OBER)?|NOV(?:EMBER)?|DEC(?:EMBER)?)\b")


def _dateline_in_capitals(text: str, raws: list[RawDate]) -> PartialDate | None:
    """The dateline of a head whose month is in capitals, read as if written "20 Nov 2025"."""
    head = text[:_DATELINE_CHARS]
    if _CAPS_MONTH.search(head) is None:
        return None
    titled = _CAPS_MONTH.sub(lambda m: m.group().capitalize(), head)
    return _dateline(titled, scan_dates(titled))


def infer_published_date(text: str, raws: list[RawDate] | None = None) -> PartialDate:
    """The article's date as its text gives it, or an unknown date; never a guess."""
    if raws is None:
        raws = scan_dates(text)
    for rule in (_dateline, _dateline_in_capitals, _from_weekday, _from_coincidence):
        found = rule(text, raws)
        if found is not None and found.known:
            return found
    return UNKNOWN_DATE
