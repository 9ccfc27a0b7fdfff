"""The whole per-article transform against the gold: F1 floors for visits and ratings over the
samples, the development set and the project's own set, relevance right on every article, and
the properties every extraction keeps. Speed is measured and printed, not asserted."""

from __future__ import annotations

import csv
import datetime as dt
import time
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from inspections.documents import read_document
from inspections.evaluation import load_gold, predictions_from_extractions, score
from inspections.events import consolidate
from inspections.extract import HEADLINE_MAX, extract_article, headline_of
from inspections.ids import article_id
from inspections.records import ArticleMeta, PartialDate
from tests.conftest import SHARED

REPO = Path(__file__).resolve().parents[1]
SETS = {
    # name: (articles, gold, visits F1 floor, ratings F1 floor)
    "samples": (SHARED / "seeds", SHARED / "gold", 0.90, 0.90),
    "dev": (SHARED / "dev" / "articles", SHARED / "dev" / "gold", 0.80, 0.80),
    "own": (REPO / "tests" / "data" / "own" / "articles", REPO / "tests" / "data" / "own" / "gold", 0.80, 0.80),
}


def _meta(folder: Path) -> dict[str, ArticleMeta]:
    manifest = folder.parent / "manifest.csv"
    if not manifest.exists():
        return {}
    with manifest.open(encoding="utf-8") as f:
        return {row["file"]: ArticleMeta(row.get("url") or None, row.get("publisher") or None,
                                         dt.date.fromisoformat(row["published_date"])
                                         if row.get("published_date") else None)
                for row in csv.DictReader(f)}


def _extract_set(folder: Path):
    meta = _meta(folder)
    articles, visits, ratings = {}, [], []
    for path in sorted(folder.iterdir()):
        if path.suffix not in (".txt", ".md", ".html"):
            continue
        text = read_document(path.read_bytes(), path.name).text
        extraction = extract_article(text, meta.get(path.name))
        aid = article_id(path.name)
        articles[aid] = (path.name, extraction)
        visits += [(aid, i, v) for i, v in enumerate(extraction.visits)]
        ratings += [(aid, i, r) for i, r in enumerate(extraction.ratings)]
    return articles, visits, ratings


@pytest.mark.parametrize("name", list(SETS))
def test_f1_floors_and_relevance(name):
    folder, gold_dir, visit_floor, rating_floor = SETS[name]
    if not folder.exists():
        pytest.skip(f"{folder} is not here")
    articles, visits, ratings = _extract_set(folder)
    events = consolidate(visits, ratings)
    report = score(predictions_from_extractions(articles, events.visits, events.ratings), load_gold(gold_dir))
    v, r = report.tables["visits"], report.tables["ratings"]
    print(f"\n{name}: visits P {v.precision:.3f} R {v.recall:.3f} F1 {v.f1:.3f}; "
          f"ratings P {r.precision:.3f} R {r.recall:.3f} F1 {r.f1:.3f}")
    assert v.f1 >= visit_floor
    assert r.f1 >= rating_floor
    correct, total = report.accuracies["articles.is_relevant"]
    assert correct == total


def test_irrelevant_article_yields_nothing():
    text = ("Nursery rated inadequate\nA nursery in St Albans has been rated 'inadequate' by Ofsted after "
            "inspectors found children left in dirty nappies. The nursery was previously rated 'good'.\n"
            'The owner said: "We are disappointed with the inspection and will improve."')
    extraction = extract_article(text)
    assert not extraction.is_relevant
    assert (extraction.visits, extraction.ratings, extraction.findings, extraction.quotes) == ((), (), (), ())


def test_unrelated_council_story_is_not_relevant():
    text = ("Barnet Council approves budget\nBarnet Council has approved its budget for next year, with bin "
            "collections moving to fortnightly. The council's leader said the services were good value.")
    assert not extract_article(text).is_relevant


def test_relevant_article_end_to_end():
    text = ("Wigan's children's services 'improving', Ofsted finds\n\nTuesday 14 March 2023\n\n"
            "Ofsted carried out its fourth monitoring visit to Wigan Council in February, looking at children "
            "in care.\n\nThe service was rated inadequate in March last year.\n\n"
            "Inspectors found that social workers visit children regularly.")
    extraction = extract_article(text)
    assert extraction.is_relevant
    assert extraction.headline == "Wigan's children's services 'improving', Ofsted finds"
    assert extraction.published_date == PartialDate(2023, 3, 14)
    kinds = {(v.visit_type, v.sequence, str(v.visit_date)) for v in extraction.visits}
    assert kinds == {("monitoring_visit", 4, "2023-02"), ("inspection", None, "2022")}
    assert [(r.judgement, r.rating_date.year) for r in extraction.ratings] == [("inadequate", 2022)]
    rating_visit = extraction.visits[extraction.ratings[0].visit_index]
    assert rating_visit.visit_type == "inspection"
    monitoring = next(i for i, v in enumerate(extraction.visits) if v.visit_type == "monitoring_visit")
    assert all(f.visit_index == monitoring for f in extraction.findings)


def test_metadata_date_wins_over_the_text():
    text = "Kent rated outstanding\n07/07/22\nKent County Council's children's services were rated outstanding by Ofsted."
    extraction = extract_article(text, ArticleMeta(published_date=dt.date(2022, 7, 8)))
    assert extraction.published_date == PartialDate(2022, 7, 8)


def test_headline_is_first_line_trimmed():
    assert headline_of("\n\n  Ofsted rates Kent outstanding  \nBody text.") == "Ofsted rates Kent outstanding"
    long_first = "Kent County Council's children's services were rated outstanding. " * 10
    headline = headline_of(long_first)
    assert headline == "Kent County Council's children's services were rated outstanding."
    assert len(headline_of("word " * 200)) <= HEADLINE_MAX


@settings(max_examples=150, deadline=None)
@given(st.text(max_size=600))
def test_any_text_never_raises_and_spans_are_exact(text):
    extraction = extract_article(text)
    for record in (*extraction.visits, *extraction.ratings):
        assert text[record.char_start:record.char_end] == record.evidence
    for record in (*extraction.findings, *extraction.quotes):
        assert text[record.char_start:record.char_end] == record.text
    for r in extraction.ratings:
        assert r.visit_index is None or 0 <= r.visit_index < len(extraction.visits)
    if not extraction.is_relevant:
        assert not (extraction.visits or extraction.ratings or extraction.findings or extraction.quotes)


def test_speed_per_article_is_printed():
    texts = [p.read_text(encoding="utf-8") for p in sorted((SHARED / "seeds").glob("*.txt"))]
    if not texts:
        pytest.skip("no samples")
    from inspections.ratings import article_events
    from inspections.visits import build_context

    for label, run in (("extract_article", extract_article),
                       ("visits+ratings+dates", lambda t: article_events(build_context(t)))):
        best = float("inf")
        for _ in range(5):
            start = time.perf_counter()
            for t in texts:
                run(t)
            best = min(best, (time.perf_counter() - start) / len(texts))
        print(f"\n{label}: {best * 1000:.3f} ms per sample article ({1 / best:.0f} articles/s, best of 5)")
