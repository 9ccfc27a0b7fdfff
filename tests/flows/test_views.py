"""The views answer the questions people ask of the warehouse, read back with SQL as a user would.

Two kinds of warehouse: the five sample articles run through the pipeline, checked against the
sample's gold facts (these depend on extraction being right), and small hand-made histories
loaded through the pipeline's own staging code, which pin down what each view means.
"""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path


from flows.transform import to_frames
from flows.warehouse import Staging
from tests.conftest import SAMPLE_GOLD, query

BARNET = ("E09000003", "Barnet")


def gold_corpus() -> dict:
    return json.loads((SAMPLE_GOLD / "corpus.json").read_text(encoding="utf-8"))


def gold_timeline(authority: str) -> list[tuple]:
    """The gold visits in date order, an inspection before same-year monitoring visits, each
    inspection followed by the overall grade of its year: (event, type or grade, sequence, year)."""
    corpus = gold_corpus()
    visits = sorted((v for v in corpus["visits"] if v["authority_name"] == authority),
                    key=lambda v: (v["visit_date"] or "9999", v["visit_type"] != "inspection", v["sequence"] or 0))
    grades = [r for r in corpus["ratings"]
              if r["authority_name"] == authority and r["judgement_area"] == "overall_effectiveness"]
    timeline = []
    for visit in visits:
        year = int(visit["visit_date"][:4]) if visit["visit_date"] else None
        timeline.append(("visit", visit["visit_type"], visit["sequence"], year))
        if visit["visit_type"] == "inspection":
            timeline += [("rating", r["judgement"], None, r["year"]) for r in grades if r["year"] == year]
    return timeline


# --- the sample, against its gold facts ---------------------------------------------------------------

def test_authority_timeline_lists_every_visit_and_grade_in_order(sample_warehouse):
    """Every gold visit is there; those the articles date come in the gold's order with its years
    (two of the sample's monitoring visits are dated only by an unknown publication date's month,
    "a visit in November", and one is not numbered: those come last, undated)."""
    rows = query(sample_warehouse, "SELECT event, coalesce(judgement, visit_type), "
                                   "CASE event WHEN 'visit' THEN sequence END, year(event_date) "
                                   "FROM authority_timeline WHERE authority_name = 'Barnet' "
                                   "AND (event = 'visit' OR judgement_area = 'overall_effectiveness') "
                                   "ORDER BY position")
    gold = gold_timeline("Barnet")
    dated = [row for row in rows if row[3] is not None]
    assert dated == [row for row in gold if row in dated]
    assert dated == rows[:len(dated)]
    assert len(dated) >= 5  # the two inspections, their grades and the first monitoring visit
    assert sum(row[0] == "visit" for row in rows) == sum(row[0] == "visit" for row in gold)


def test_latest_rating_is_barnets_good_of_2019_after_inadequate(sample_warehouse):
    rows = query(sample_warehouse, "SELECT authority_name, region, judgement, year(rating_date), "
                                   "previous_judgement FROM latest_ratings")
    assert rows == [("Barnet", "London", "good", 2019, "inadequate")]


def test_improvement_journey_from_inadequate_2017_to_good_2019_with_its_monitoring_visits(sample_warehouse):
    gold_between = sorted(v["sequence"] for v in gold_corpus()["visits"]
                          if v["authority_name"] == "Barnet" and v["visit_type"] == "monitoring_visit")
    rows = query(sample_warehouse, "SELECT year(inadequate_date), improved_judgement, year(improved_date), "
                                   "monitoring_visits, monitoring_visits_between, months_taken, "
                                   "date_diff('month', inadequate_date, improved_date) "
                                   "FROM improvement_journeys WHERE authority_name = 'Barnet'")
    assert len(rows) == 1, rows
    inadequate_year, improved, improved_year, visits, between, months, expected_months = rows[0]
    assert (inadequate_year, improved, improved_year) == (2017, "good", 2019)
    assert visits == len(gold_between), between
    numbered = [int(label.split()[0].lstrip("#")) for label in between if not label.startswith("#?")]
    assert numbered == [n for n in gold_between if n in numbered] and len(numbered) >= 3, between
    assert between[0] == "#1 2017"  # "late last year" in an article another one dates to 2018
    assert months == expected_months and 12 <= months <= 36


def test_findings_by_theme_counts_every_finding_once(sample_warehouse):
    by_view = dict(((theme, polarity), n) for theme, polarity, n in query(
        sample_warehouse, "SELECT theme, polarity, sum(findings) FROM findings_by_theme GROUP BY ALL"))
    by_table = dict(((theme, polarity), n) for theme, polarity, n in query(
        sample_warehouse, "SELECT theme, polarity, count(*) FROM findings GROUP BY ALL"))
    assert by_view == by_table and by_table
    assert query(sample_warehouse, "SELECT DISTINCT authority_name FROM findings_by_theme") == [("Barnet",)]


def test_authority_quotes_link_every_quote_to_its_article(sample_warehouse):
    quotes = query(sample_warehouse, "SELECT count(*) FROM quotes")[0][0]
    linked = query(sample_warehouse, "SELECT count(DISTINCT q.quote_id), count(*) FILTER (WHERE a.source_file IS NULL) "
                                     "FROM authority_quotes q LEFT JOIN articles a USING (article_id)")
    assert quotes > 0 and linked == [(quotes, 0)]


# --- hand-made histories: what the views mean ----------------------------------------------------------

def _date(text: str | None) -> tuple[dt.date | None, str]:
    """'2017' -> (2017-01-01, 'year'), '2018-11' -> month, '2019-05-14' -> day, None -> unknown."""
    if text is None:
        return None, "unknown"
    parts = [int(p) for p in text.split("-")] + [1, 1]
    return dt.date(*parts[:3]), ("year", "month", "day")[text.count("-")]


def history_warehouse(path: Path, visits: list[tuple], ratings: list[tuple]) -> Path:
    """A warehouse holding these visits (id, type, sequence, date) and overall grades (id, visit
    id, judgement, date) of Barnet, written by the pipeline's staging code, which applies the views."""
    visit_rows = [{"visit_id": vid, "authority_code": BARNET[0], "authority_name": BARNET[1], "visit_type": kind,
                   "sequence": sequence, "focus": None, "visit_date": _date(when)[0],
                   "date_precision": _date(when)[1], "published_date": None, "published_date_precision": "unknown",
                   "source_count": 1} for vid, kind, sequence, when in visits]
    rating_rows = [{"rating_id": rid, "authority_code": BARNET[0], "authority_name": BARNET[1], "visit_id": vid,
                    "judgement": judgement, "judgement_area": "overall_effectiveness", "rating_date": _date(when)[0],
                    "date_precision": _date(when)[1], "article_id": "art_0000000000000000",
                    "evidence": f"Rated {judgement}.", "source_count": 1} for rid, vid, judgement, when in ratings]
    staging = Staging(path, "run_history")
    frames = to_frames({"visits": visit_rows, "ratings": rating_rows})
    staging.insert("visits", frames["visits"])
    staging.insert("ratings", frames["ratings"])
    staging.publish()
    return path


def test_journey_runs_from_the_first_inadequate_grade_to_the_next_better_one(warehouse):
    warehouse.parent.mkdir(parents=True)
    history_warehouse(warehouse, visits=[
        ("v_2013", "monitoring_visit", None, "2013-05"),     # before: belongs to no journey
        ("v_insp14", "inspection", None, "2014-02"),
        ("v_mv1", "monitoring_visit", 1, "2014-09"),
        ("v_insp16", "inspection", None, "2016-01"),        # re-inspected, still inadequate
        ("v_mv2", "monitoring_visit", 2, "2016"),            # a year: could be before or after the re-inspection
        ("v_mv3", "monitoring_visit", 3, "2017-10-12"),
        ("v_insp18", "inspection", None, "2018-05"),
        ("v_insp21", "inspection", None, "2021-03"),
        ("v_mv21", "monitoring_visit", 1, "2021-09"),
        ("v_undated", "monitoring_visit", 4, None),           # cannot be placed
    ], ratings=[
        ("r_14", "v_insp14", "inadequate", "2014-03"),
        ("r_16", "v_insp16", "inadequate", "2016-02"),
        ("r_18", "v_insp18", "requires_improvement", "2018-06"),
        ("r_21", "v_insp21", "inadequate", "2021-04"),
    ])
    rows = query(warehouse, "SELECT inadequate_rating_id, improved_rating_id, improved_judgement, months_taken, "
                            "monitoring_visits, monitoring_visits_between FROM improvement_journeys")
    assert rows == [
        ("r_14", "r_18", "requires_improvement", 51, 3, ["#1 2014-09", "#2 2016", "#3 2017-10-12"]),
        ("r_21", None, None, None, 1, ["#1 2021-09"]),
    ]
    assert query(warehouse, "SELECT judgement, date_label, previous_judgement FROM latest_ratings") == [
        ("inadequate", "2021-04", "requires_improvement")]


def test_an_undated_monitoring_visit_goes_to_the_one_journey_it_can_be_in(warehouse):
    warehouse.parent.mkdir(parents=True)
    history_warehouse(warehouse, visits=[
        ("v_insp14", "inspection", None, "2014-02"),
        ("v_mv1", "monitoring_visit", 1, "2014-09"),
        ("v_mv2", "monitoring_visit", 2, None),         # numbered between #1 and #3: the first journey
        ("v_mv3", "monitoring_visit", 3, "2015-06"),
        ("v_insp16", "inspection", None, "2016-01"),
        ("v_insp20", "inspection", None, "2020-03"),
        ("v_mv_later", "monitoring_visit", None, None),  # either journey: in neither
    ], ratings=[
        ("r_14", "v_insp14", "inadequate", "2014-03"),
        ("r_16", "v_insp16", "good", "2016-02"),
        ("r_20", "v_insp20", "inadequate", "2020-04"),
    ])
    rows = query(warehouse, "SELECT inadequate_rating_id, monitoring_visits_between FROM improvement_journeys")
    assert rows == [("r_14", ["#1 2014-09", "#3 2015-06", "#2 undated"]), ("r_20", [])]
    # with one journey, every monitoring visit of the authority belongs to it
    single = warehouse.with_name("single.duckdb")
    history_warehouse(single, visits=[("v_insp", "inspection", None, "2017-07"),
                                      ("v_mv", "monitoring_visit", 3, None)],
                      ratings=[("r_17", "v_insp", "inadequate", "2017-07")])
    assert query(single, "SELECT monitoring_visits_between FROM improvement_journeys") == [(["#3 undated"],)]


def test_timeline_puts_a_grade_after_its_inspection_and_before_same_year_monitoring_visits(warehouse):
    warehouse.parent.mkdir(parents=True)
    history_warehouse(warehouse, visits=[
        ("v_mv1", "monitoring_visit", 1, "2017"),
        ("v_insp", "inspection", None, "2017"),
        ("v_mv2", "monitoring_visit", 2, "2017-11"),
        ("v_insp19", "inspection", None, "2019-05"),
    ], ratings=[("r_1", "v_insp", "inadequate", "2017-07"), ("r_2", "v_insp19", "good", "2019")])
    rows = query(warehouse, "SELECT position, event, coalesce(judgement, visit_type), date_label "
                            "FROM authority_timeline ORDER BY position")
    assert rows == [(1, "visit", "inspection", "2017"), (2, "rating", "inadequate", "2017-07"),
                    (3, "visit", "monitoring_visit", "2017"), (4, "visit", "monitoring_visit", "2017-11"),
                    # a grade known only to the year takes its inspection's month
                    (5, "visit", "inspection", "2019-05"), (6, "rating", "good", "2019-05")]


def test_latest_rating_prefers_a_dated_grade_to_an_undated_one(warehouse):
    warehouse.parent.mkdir(parents=True)
    history_warehouse(warehouse, visits=[], ratings=[
        ("r_old", None, "inadequate", "2015-06"), ("r_new", None, "good", "2019"), ("r_undated", None, "good", None)])
    assert query(warehouse, "SELECT rating_id, previous_judgement FROM latest_ratings") == [("r_new", "inadequate")]
