"""Cross-article consolidation: one row per real event, stable ids, independent of input order."""

from __future__ import annotations

import random
import time

import pytest

from inspections.events import consolidate
from inspections.ids import stable_id
from inspections.records import UNKNOWN_DATE, PartialDate, RatingMention, RelativeDate, VisitMention

BARNET = ("E09000003", "Barnet")
WIGAN = ("E08000010", "Wigan")


def vm(kind="monitoring_visit", seq=None, date=UNKNOWN_DATE, focus=None, who=BARNET, published=UNKNOWN_DATE,
       relative=None):
    return VisitMention(who[0], who[1], kind, seq, focus, date, published, "evidence", 0, 8, relative)


def rm(judgement="inadequate", date=UNKNOWN_DATE, visit_index=0, area="overall_effectiveness", who=BARNET,
       relative=None):
    return RatingMention(who[0], who[1], judgement, area, date, "evidence", 0, 8, visit_index, relative)


def rows(events):
    return sorted((v.authority_name, v.visit_type, v.sequence, str(v.visit_date), v.sources) for v in events.visits)


def test_same_sequence_is_one_event_with_the_most_precise_date():
    events = consolidate([("a", 0, vm(seq=5)), ("b", 0, vm(seq=5, date=PartialDate(2018, 11))),
                          ("c", 0, vm(seq=5, date=PartialDate(2018)))], [])
    assert rows(events) == [("Barnet", "monitoring_visit", 5, "2018-11", ("a", "b", "c"))]
    vid = events.visits[0].visit_id
    assert events.visit_of_mention == {("a", 0): vid, ("b", 0): vid, ("c", 0): vid}


def test_compatible_dates_merge_and_different_months_do_not():
    events = consolidate([("a", 0, vm("inspection", date=PartialDate(2019))),
                          ("b", 0, vm("inspection", date=PartialDate(2019, 5))),
                          ("c", 0, vm("inspection", date=PartialDate(2019, 5, 14))),
                          ("d", 0, vm("inspection", date=PartialDate(2021, 3)))], [])
    assert rows(events) == [("Barnet", "inspection", None, "2019-05-14", ("a", "b", "c")),
                            ("Barnet", "inspection", None, "2021-03", ("d",))]


def test_a_year_that_could_be_either_of_two_events_is_not_guessed():
    events = consolidate([("a", 0, vm("inspection", date=PartialDate(2019, 5))),
                          ("b", 0, vm("inspection", date=PartialDate(2019, 11))),
                          ("c", 0, vm("inspection", date=PartialDate(2019)))], [])
    assert len(events.visits) == 3


def test_days_of_one_visit_agree():
    events = consolidate([("a", 0, vm("inspection", date=PartialDate(2019, 3, 19))),
                          ("b", 0, vm("inspection", date=PartialDate(2019, 3, 20)))], [])
    assert len(events.visits) == 1


def test_types_and_authorities_never_merge():
    events = consolidate([("a", 0, vm("inspection", date=PartialDate(2019))),
                          ("a", 1, vm("focused_visit", date=PartialDate(2019))),
                          ("b", 0, vm("inspection", date=PartialDate(2019), who=WIGAN))], [])
    assert len(events.visits) == 3


def test_underspecified_mention_joins_the_only_event():
    events = consolidate([("a", 0, vm(seq=3)), ("b", 0, vm())], [])
    assert rows(events) == [("Barnet", "monitoring_visit", 3, "unknown", ("a", "b"))]


def test_underspecified_mention_with_two_candidates_stays_its_own_row():
    events = consolidate([("a", 0, vm(seq=3)), ("b", 0, vm(seq=5)), ("c", 0, vm())], [])
    assert len(events.visits) == 3


def test_underspecified_mentions_with_no_event_are_one_event():
    events = consolidate([("a", 0, vm()), ("b", 0, vm())], [])
    assert rows(events) == [("Barnet", "monitoring_visit", None, "unknown", ("a", "b"))]


def test_a_different_focus_is_a_different_event():
    events = consolidate([("a", 0, vm("focused_visit", date=PartialDate(2021, 6), focus="children in care")),
                          ("b", 0, vm("focused_visit", focus="care leavers"))], [])
    assert len(events.visits) == 2


def test_an_underspecified_inspection_joins_the_inspection_that_gave_its_grade():
    # Article a: "judged inadequate in July last year" (no year known); b: the 2017 inadequate
    # inspection; c: the 2019 good one. a's inspection and grade are b's.
    events = consolidate(
        [("a", 0, vm("inspection")), ("b", 0, vm("inspection", date=PartialDate(2017))),
         ("c", 0, vm("inspection", date=PartialDate(2019, 5)))],
        [("a", 0, rm("inadequate")), ("b", 0, rm("inadequate", PartialDate(2017, 7))),
         ("c", 0, rm("good", PartialDate(2019)))])
    assert rows(events) == [("Barnet", "inspection", None, "2017", ("a", "b")),
                            ("Barnet", "inspection", None, "2019-05", ("c",))]
    inadequate = [r for r in events.ratings if r.judgement == "inadequate"]
    assert len(inadequate) == 1 and inadequate[0].sources == ("a", "b")
    assert str(inadequate[0].rating_date) == "2017-07"
    assert inadequate[0].visit_id == events.visit_of_mention[("a", 0)] == events.visit_of_mention[("b", 0)]


def test_unknown_year_rating_joins_the_single_known_judgement_only():
    one = consolidate([], [("a", 0, rm(visit_index=None)), ("b", 0, rm(date=PartialDate(2017), visit_index=None))])
    assert [r.sources for r in one.ratings] == [("a", "b")]
    two = consolidate([], [("a", 0, rm(visit_index=None)), ("b", 0, rm(date=PartialDate(2017), visit_index=None)),
                           ("c", 0, rm(date=PartialDate(2020), visit_index=None))])
    assert len(two.ratings) == 3


def test_an_unknown_year_rating_its_article_gave_from_another_inspection_stays_apart():
    """An undated article's "remain inadequate" beside "first rated inadequate in 2022": two."""
    visits = [("a", 0, vm("inspection")), ("a", 1, vm("inspection", date=PartialDate(2022)))]
    events = consolidate(visits, [("a", 0, rm(visit_index=0)), ("a", 1, rm(date=PartialDate(2022), visit_index=1))])
    assert sorted(str(r.rating_date) for r in events.ratings) == ["2022", "unknown"]


def test_one_inspection_s_judgement_reported_in_two_years_is_one_rating():
    # inspected in November 2014, reported in February 2015: one article says 2014, another 2015
    events = consolidate(
        [("a", 0, vm("inspection", date=PartialDate(2014, 11))), ("b", 0, vm("inspection", date=PartialDate(2014, 11)))],
        [("a", 0, rm("requires_improvement", PartialDate(2014))),
         ("b", 0, rm("requires_improvement", PartialDate(2015)))])
    assert len(events.visits) == 1 and len(events.ratings) == 1
    assert events.ratings[0].visit_id == events.visits[0].visit_id
    assert events.rating_of_mention == {("a", 0): events.ratings[0].rating_id, ("b", 0): events.ratings[0].rating_id}


def test_areas_and_judgements_are_separate_ratings():
    events = consolidate([], [("a", 0, rm("good", PartialDate(2022))),
                              ("a", 1, rm("outstanding", PartialDate(2022), area="care_leavers")),
                              ("a", 2, rm("good", PartialDate(2022), area="care_leavers"))])
    assert len(events.ratings) == 3


# --- articles that do not say when they were published ----------------------------------------------

def _undated_article(relative_grade: RelativeDate):
    """Article "u": inadequate at `relative_grade`, its first monitoring visit "late last year"."""
    return ([("u", 0, vm("inspection")), ("u", 1, vm(seq=1, relative=RelativeDate(-1)))],
            [("u", 0, rm(relative=relative_grade))])


def test_an_event_another_article_dates_gives_an_undated_article_its_year():
    visits, ratings = _undated_article(RelativeDate(-1, 7))  # "inadequate in July last year"
    dated = ([("d", 0, vm("inspection", date=PartialDate(2017, 6)))], [("d", 0, rm(date=PartialDate(2017, 7)))])
    events = consolidate(visits + dated[0], ratings + dated[1])
    # published in 2018, so its first monitoring visit "late last year" was in 2017
    assert ("Barnet", "monitoring_visit", 1, "2017", ("u",)) in rows(events)
    assert [(str(r.rating_date), r.sources) for r in events.ratings] == [("2017-07", ("d", "u"))]


def test_a_year_from_a_weak_match_or_contradicting_evidence_is_not_taken():
    dated_grade = [("d", 0, rm(date=PartialDate(2017, 7)))]
    for relative_grade in (RelativeDate(-1),       # a year only: the grade could be another one
                           RelativeDate(-1, 3)):   # "March last year" against July 2017
        visits, ratings = _undated_article(relative_grade)
        events = consolidate(visits, ratings + dated_grade)
        assert ("Barnet", "monitoring_visit", 1, "unknown", ("u",)) in rows(events), relative_grade
    # two events pointing to different years
    visits, ratings = _undated_article(RelativeDate(-1, 7))
    visits.append(("u", 2, vm(seq=2, relative=RelativeDate(0))))
    events = consolidate(visits + [("e", 0, vm(seq=2, date=PartialDate(2020)))], ratings + dated_grade)
    assert ("Barnet", "monitoring_visit", 1, "unknown", ("u",)) in rows(events)


def test_a_year_found_through_a_chain_of_articles():
    """u is dated by d; w, which shares only u's first monitoring visit, by u."""
    visits, ratings = _undated_article(RelativeDate(-1, 7))
    visits.append(("w", 0, vm(seq=1, relative=RelativeDate(-2))))
    visits.append(("w", 1, vm(seq=4, relative=RelativeDate(0))))
    events = consolidate(visits, ratings + [("d", 0, rm(date=PartialDate(2017, 7)))])
    assert ("Barnet", "monitoring_visit", 4, "2019", ("w",)) in rows(events)


def test_ids_come_from_content_not_row_order():
    visits = [("a", 0, vm(seq=1)), ("b", 0, vm("inspection", date=PartialDate(2017))), ("c", 0, vm(seq=2))]
    ratings = [("b", 0, rm(date=PartialDate(2017)))]
    events = consolidate(visits, ratings)
    assert {v.visit_id for v in events.visits} >= {stable_id("visit", "E09000003", "monitoring_visit", 1, "unknown")}
    assert events.ratings[0].rating_id == stable_id("rating", "E09000003", "inadequate", "overall_effectiveness", "2017")
    # another authority's rows change nothing here
    more = consolidate(visits + [("d", 0, vm(seq=1, who=WIGAN))], ratings)
    assert {v.visit_id for v in events.visits} <= {v.visit_id for v in more.visits}


def test_rows_sharing_content_get_distinct_ids():
    events = consolidate([("a", 0, vm(seq=3)), ("b", 0, vm(seq=5)), ("c", 0, vm()), ("d", 0, vm())], [])
    ids = [v.visit_id for v in events.visits]
    assert len(ids) == len(set(ids)) == 4


def _realistic(n: int, seed: int = 7):
    rnd = random.Random(seed)
    codes = [(f"E0600{i:04d}", f"Authority {i}") for i in range(150)]
    events = []
    for code in codes:
        for year in range(2010, 2025, 3):
            events.append((code, "inspection", None, year, rnd.randint(1, 12),
                           rnd.choice(["good", "inadequate", "outstanding", "requires_improvement"])))
        for seq in range(1, 7):
            events.append((code, "monitoring_visit", seq, 2015 + seq // 2, rnd.randint(1, 12), None))
    visits, ratings = [], []
    for i in range(n):
        code, kind, seq, year, month, grade = rnd.choice(events)
        r = rnd.random()
        date = PartialDate(year, month) if r < 0.5 else PartialDate(year) if r < 0.85 else UNKNOWN_DATE
        visits.append((f"art{i // 2:07d}", i % 2, vm(kind, seq if rnd.random() < 0.7 else None, date, who=code)))
        if grade:
            ratings.append((f"art{i // 2:07d}", i % 2, rm(grade, PartialDate(year) if rnd.random() < 0.8
                                                          else UNKNOWN_DATE, i % 2, who=code)))
    return visits, ratings


def test_output_does_not_depend_on_input_order():
    visits, ratings = _realistic(3000)
    first = consolidate(visits, ratings)
    rnd = random.Random(1)
    rnd.shuffle(visits)
    rnd.shuffle(ratings)
    second = consolidate(visits, ratings)
    assert first == second


def test_half_a_million_mentions_in_seconds():
    visits, ratings = _realistic(300_000)
    start = time.perf_counter()
    events = consolidate(visits, ratings)
    took = time.perf_counter() - start
    print(f"\nconsolidate: {len(visits) + len(ratings)} mentions -> {len(events.visits)} visits, "
          f"{len(events.ratings)} ratings in {took:.2f} s")
    assert len(visits) + len(ratings) >= 400_000
    assert took < 30  # a few seconds on one core; the bound only catches a quadratic regression
