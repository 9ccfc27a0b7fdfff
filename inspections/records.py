"""The records the extractors produce: plain, frozen values with no I/O.

Everything an extractor finds carries its character span in the article text, so that
`article.text[char_start:char_end]` is what a reader can check it against.
"""

from __future__ import annotations

import calendar
import datetime as dt
import functools
from dataclasses import dataclass, field

VISIT_TYPES = ("inspection", "monitoring_visit", "focused_visit", "jtai", "other")
JUDGEMENTS = ("outstanding", "good", "requires_improvement", "inadequate")
JUDGEMENT_AREAS = (
    "overall_effectiveness",
    "help_and_protection",
    "children_in_care",
    "care_leavers",
    "adoption",
    "impact_of_leaders",
)
POLARITIES = ("positive", "negative", "mixed")
THEMES = (
    "front_door",
    "assessment",
    "planning",
    "risk",
    "child_voice",
    "visits",
    "family",
    "management_oversight",
    "recording",
    "workforce",
    "leadership",
    "partnership",
    "children_in_care",
    "care_leavers",
    "disabled_children",
    "uasc",
    "practice_quality",
    "covid",
    "other",
)
SPEAKER_TYPES = ("ofsted", "council_officer", "councillor", "other")
DATE_PRECISIONS = ("day", "month", "year", "unknown")
ARTICLE_STATUSES = ("loaded", "irrelevant", "duplicate", "rejected")


@dataclass(frozen=True, slots=True)
class PartialDate:
    """A date known to the day, the month, the year, or not at all."""

    year: int | None = None
    month: int | None = None
    day: int | None = None

    def __post_init__(self) -> None:
        if self.year is None and (self.month is not None or self.day is not None):
            raise ValueError("a month or day without a year is not a date")
        if self.month is None and self.day is not None:
            raise ValueError("a day without a month is not a date")
        if self.month is not None and not 1 <= self.month <= 12:
            raise ValueError(f"month out of range: {self.month}")
        if self.day is not None:
            last = calendar.monthrange(self.year, self.month)[1]
            if not 1 <= self.day <= last:
                raise ValueError(f"day out of range: {self.year}-{self.month}-{self.day}")

    @property
    def precision(self) -> str:
        if self.day is not None:
            return "day"
        if self.month is not None:
            return "month"
        if self.year is not None:
            return "year"
        return "unknown"

    @property
    def known(self) -> bool:
        return self.year is not None

    def to_date(self) -> dt.date | None:
        """The first day of the period, as the contract stores it."""
        if self.year is None:
            return None
        return dt.date(self.year, self.month or 1, self.day or 1)

    @staticmethod
    def from_date(value: dt.date | None, precision: str) -> PartialDate:
        """The date as stored (its first day and a precision) back as a PartialDate. Cached: merging
        reads every mention's dates back from the warehouse, and they repeat."""
        return _partial_date(value, precision)

    def agrees_with(self, other: PartialDate) -> bool:
        """True when every part both dates give is equal."""
        for mine, theirs in ((self.year, other.year), (self.month, other.month), (self.day, other.day)):
            if mine is not None and theirs is not None and mine != theirs:
                return False
        return True

    def __str__(self) -> str:
        parts = [f"{self.year:04d}" if self.year else None, f"{self.month:02d}" if self.month else None,
                 f"{self.day:02d}" if self.day else None]
        return "-".join(p for p in parts if p) or "unknown"


UNKNOWN_DATE = PartialDate()


@functools.lru_cache(maxsize=65_536)
def _partial_date(value: dt.date | None, precision: str) -> PartialDate:
    if value is None or precision == "unknown":
        return UNKNOWN_DATE
    if precision == "year":
        return PartialDate(value.year)
    if precision == "month":
        return PartialDate(value.year, value.month)
    return PartialDate(value.year, value.month, value.day)


@dataclass(frozen=True, slots=True)
class RelativeDate:
    """A date written against the article's own date ("July last year", "late last year") in an
    article that does not say when it was published. Kept so that the date can be fixed once
    another article dates the same event and so gives this article's year."""

    years: int  # the date's year minus the publication year: -1 for "last year"
    month: int | None = None

    def in_year(self, published_year: int) -> PartialDate:
        """The date, for an article published in that year."""
        return PartialDate(published_year + self.years, self.month)


@dataclass(frozen=True, slots=True)
class ArticleMeta:
    """What a metadata file may say about an article."""

    url: str | None = None
    publisher: str | None = None
    published_date: dt.date | None = None


@dataclass(frozen=True, slots=True)
class VisitMention:
    """One place in one article that reports an inspection event."""

    authority_code: str
    authority_name: str
    visit_type: str
    sequence: int | None
    focus: str | None
    visit_date: PartialDate
    published_date: PartialDate
    evidence: str
    char_start: int
    char_end: int
    relative_date: RelativeDate | None = None  # only while visit_date is unknown


@dataclass(frozen=True, slots=True)
class RatingMention:
    """One graded judgement as one article reports it.

    `visit_index` points into the article's visit mentions: the inspection that gave the grade.
    """

    authority_code: str
    authority_name: str
    judgement: str
    judgement_area: str
    rating_date: PartialDate
    evidence: str
    char_start: int
    char_end: int
    visit_index: int | None = None
    relative_date: RelativeDate | None = None  # only while rating_date is unknown


@dataclass(frozen=True, slots=True)
class Finding:
    """An inspectors' statement about practice, in the article's words."""

    polarity: str
    theme: str
    text: str
    char_start: int
    char_end: int
    visit_index: int | None = None


@dataclass(frozen=True, slots=True)
class Quote:
    """A direct quotation and who said it."""

    speaker_name: str | None
    speaker_role: str | None
    speaker_organisation: str | None
    speaker_type: str
    text: str
    char_start: int
    char_end: int


@dataclass(frozen=True, slots=True)
class ArticleExtraction:
    """Everything read from one article."""

    headline: str
    published_date: PartialDate
    is_relevant: bool
    visits: tuple[VisitMention, ...] = field(default_factory=tuple)
    ratings: tuple[RatingMention, ...] = field(default_factory=tuple)
    findings: tuple[Finding, ...] = field(default_factory=tuple)
    quotes: tuple[Quote, ...] = field(default_factory=tuple)


@dataclass(frozen=True, slots=True)
class Visit:
    """One real inspection event, merged from every article that mentions it."""

    visit_id: str
    authority_code: str
    authority_name: str
    visit_type: str
    sequence: int | None
    focus: str | None
    visit_date: PartialDate
    published_date: PartialDate
    sources: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class Rating:
    """One graded judgement, merged from every article that reports it.

    `article_id` and `evidence` are those of the first source that states it.
    """

    rating_id: str
    authority_code: str
    authority_name: str
    visit_id: str | None
    judgement: str
    judgement_area: str
    rating_date: PartialDate
    article_id: str
    evidence: str
    sources: tuple[str, ...]
