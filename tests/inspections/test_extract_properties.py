"""Whole-article properties of `extract_article`: whatever text arrives, it returns (never raises),
every record's span is exactly the text it claims, and the same text always gives the same answer.

The per-module property tests of the extraction helpers live beside them; these run the whole
article through every reader at once, on arbitrary Unicode and on real articles mangled.
"""

from __future__ import annotations

import datetime as dt

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from inspections.extract import extract_article
from inspections.records import ArticleExtraction, ArticleMeta
from tests.conftest import OWN_ARTICLES, SAMPLE_DIR

REAL_ARTICLES = [p.read_text(encoding="utf-8") for p in sorted(SAMPLE_DIR.glob("*.txt"))
                 + sorted(OWN_ARTICLES.glob("*.txt"))]

# Pieces of the language the readers look for, so random text reaches deep into them.
FRAGMENTS = [
    "Ofsted", "inspectors", "Inspectors said", "found", "the council's", "Barnet Council", "Wigan",
    "London Borough of Lambeth", "children's services", "children’s services", "were rated", "inadequate",
    "requires improvement to be good", "good", "outstanding", "monitoring visit", "the fifth monitoring visit",
    "focused visit", "joint targeted area inspection", "inspection", "in March 2023", "on 12 June 2022",
    "last year", "2019", "published", "said:", "added:", "Ms Geere", "Cllr Jane Smith,", "director of children's "
    "services", "“", "”", "‘", "’", '"', "'", "«", "»", "„", ".", ". ", "!", "?", ";", ",", ":", "–", "-",
    "(", ")",
    "\n", "\n\n", " ", "\t", "\u00a0", "\u200b", "\ufeff", "…", "Mr.", "e.g.", "No.", "£2m", "MASH", "care leavers",
    "help and protection", "leadership", "social workers", "caseloads", "He said", "She added", "It said",
]
WORDS = ["inspectors", "found", "that", "children", "social", "workers", "were", "not", "always", "seen",
         "Ofsted", "council", "leaders", "and", "the", "practice", "quality", "of", "in", "care"]


LEADS = [
    "Ofsted inspectors rated Barnet Council's children's services inadequate after an inspection in March 2023.",
    "Wigan Council’s children’s services had their fifth monitoring visit from Ofsted in June 2022.",
    "A focused visit by Ofsted to Lambeth looked at care leavers, inspectors said.",
]


@st.composite
def article_like(draw: st.DrawFn) -> str:
    """A lead that makes the article relevant, then a jumble of the readers' vocabulary and noise."""
    parts = draw(st.lists(st.one_of(st.sampled_from(FRAGMENTS), st.text(max_size=12)), min_size=5, max_size=120))
    body = draw(st.sampled_from([" ", ""])).join(parts)
    lead = draw(st.sampled_from(LEADS + [""]))
    return draw(st.sampled_from([lead + "\n\n" + body, body + " " + lead]))


@st.composite
def mangled_article(draw: st.DrawFn) -> str:
    """A real article with text cut out, and quotes, punctuation and random Unicode put in."""
    text = draw(st.sampled_from(REAL_ARTICLES))
    for _ in range(draw(st.integers(0, 8))):
        at = draw(st.integers(0, len(text)))
        if draw(st.booleans()):
            text = text[:at] + draw(st.one_of(st.sampled_from(FRAGMENTS), st.text(max_size=8))) + text[at:]
        else:
            text = text[:at] + text[at + draw(st.integers(1, 200)):]
    return text


@st.composite
def long_sentence(draw: st.DrawFn) -> str:
    """One enormous sentence, with or without punctuation or line breaks."""
    words = draw(st.lists(st.sampled_from(WORDS + FRAGMENTS), min_size=200, max_size=2000))
    joiner = draw(st.sampled_from([" ", "", ", ", " “", "\n"]))
    return "Ofsted inspectors said " + joiner.join(words)


metadata = st.one_of(st.none(), st.builds(
    ArticleMeta, url=st.none() | st.text(max_size=30), publisher=st.none() | st.text(max_size=30),
    published_date=st.none() | st.dates(dt.date(1990, 1, 1), dt.date(2035, 12, 31))))


def assert_spans_hold(text: str, extraction: ArticleExtraction) -> None:
    assert isinstance(extraction, ArticleExtraction)
    for kind, records, field in (("visit", extraction.visits, "evidence"), ("rating", extraction.ratings, "evidence"),
                                 ("finding", extraction.findings, "text"), ("quote", extraction.quotes, "text")):
        for record in records:
            assert 0 <= record.char_start <= record.char_end <= len(text), (kind, record)
            assert text[record.char_start:record.char_end] == getattr(record, field), (kind, record)
    if not extraction.is_relevant:
        assert not (extraction.visits or extraction.ratings or extraction.findings or extraction.quotes)
    for rating in extraction.ratings:
        assert rating.visit_index is None or 0 <= rating.visit_index < len(extraction.visits)
    for finding in extraction.findings:
        assert finding.visit_index is None or 0 <= finding.visit_index < len(extraction.visits)
    assert "\n" not in extraction.headline


SETTINGS = settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])


@SETTINGS
@given(text=st.text(max_size=3000), meta=metadata)
def test_arbitrary_unicode_never_raises_and_spans_hold(text, meta):
    assert_spans_hold(text, extract_article(text, meta))


@SETTINGS
@given(text=article_like(), meta=metadata)
def test_article_like_text_never_raises_and_spans_hold(text, meta):
    assert_spans_hold(text, extract_article(text, meta))


@SETTINGS
@given(text=mangled_article(), meta=metadata)
def test_mangled_real_articles_never_raise_and_spans_hold(text, meta):
    assert_spans_hold(text, extract_article(text, meta))


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(text=long_sentence())
def test_very_long_sentences_never_raise_and_spans_hold(text):
    assert_spans_hold(text, extract_article(text))


@settings(max_examples=50, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(text=mangled_article())
def test_the_same_text_gives_the_same_answer(text):
    assert extract_article(text) == extract_article(text)


def test_real_articles_keep_their_spans():
    """The examples above are random; the real articles must hold too, every run."""
    for text in REAL_ARTICLES:
        assert_spans_hold(text, extract_article(text))
