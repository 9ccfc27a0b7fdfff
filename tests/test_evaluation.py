"""The scoring rules of shared/gold/README.md, one tiny case per rule."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from inspections.evaluation import (
    Gold,
    format_report,
    load_gold,
    predictions_from_extractions,
    score,
    speaker_agrees,
)
from inspections.records import ArticleExtraction, Finding, PartialDate, Quote, Rating, Visit
from tests.conftest import SHARED

GOLD_DIRS = [SHARED / "gold", SHARED / "dev" / "gold"]


def visit(date=None, sequence=None, authority="Barnet", visit_type="monitoring_visit", focus=None,
          sources=("a.txt",)):
    return {"authority_name": authority, "visit_type": visit_type, "sequence": sequence, "focus": focus,
            "visit_date": date, "sources": list(sources)}


def rating(year, judgement="good", area="overall_effectiveness", authority="Barnet", sources=("a.txt",)):
    return {"authority_name": authority, "judgement": judgement, "judgement_area": area, "year": year,
            "sources": list(sources)}


def article(findings=(), quotes=(), relevant=True, source_file="a.txt"):
    return {"source_file": source_file, "is_relevant": relevant, "findings": list(findings),
            "quotes": list(quotes)}


def finding(text, polarity="positive", theme="leadership"):
    return {"polarity": polarity, "theme": theme, "text": text}


def quote(text, name=None, speaker_type="ofsted"):
    return {"speaker_name": name, "speaker_type": speaker_type, "text": text}


def counts(report, table):
    s = report.tables[table]
    return s.tp, s.fp, s.fn


# --- gold against itself --------------------------------------------------------------------

@pytest.mark.parametrize("gold_dir", GOLD_DIRS, ids=["sample", "dev"])
def test_gold_scored_against_itself_is_perfect(gold_dir):
    if not gold_dir.exists():
        pytest.skip(f"{gold_dir} not present")
    gold = load_gold(gold_dir)
    assert gold.visits and gold.ratings and gold.articles
    report = score(gold, gold)
    for table in ("visits", "ratings", "findings", "quotes"):
        s = report.tables[table]
        assert (s.precision, s.recall, s.f1) == (1.0, 1.0, 1.0), table
        assert s.fp == s.fn == 0
    for key in report.accuracies:
        assert report.accuracy(key) in (1.0, None), key
    assert not report.misses and not report.false_rows and not report.mismatches
    json.dumps(report.to_dict())


def test_load_gold_keys_articles_by_source_file():
    gold = load_gold(SHARED / "dev" / "gold")
    assert "h17_neg_redbourn_nursery_inadequate.txt" in gold.articles
    assert gold.articles["h17_neg_redbourn_nursery_inadequate.txt"]["is_relevant"] is False
    years = [r["year"] for r in gold.ratings]
    assert [2017, 2018] in years


# --- visits ---------------------------------------------------------------------------------

def test_visit_matched_by_sequence_despite_different_dates():
    report = score(Gold(visits=[visit("2019-01", sequence=5)]), Gold(visits=[visit("2018-11", sequence=5)]))
    assert counts(report, "visits") == (1, 0, 0)
    assert report.accuracies["visits.visit_date"] == (0, 1)
    assert report.accuracies["visits.sequence"] == (1, 1)
    assert report.mismatches[0].attribute == "visit_date"


def test_visit_dates_agree_on_the_parts_both_give():
    gold = Gold(visits=[visit("2018-11")])
    assert counts(score(Gold(visits=[visit("2018")]), gold), "visits") == (1, 0, 0)
    assert counts(score(Gold(visits=[visit("2018-10")]), gold), "visits") == (0, 1, 1)
    assert counts(score(Gold(visits=[visit("2019")]), gold), "visits") == (0, 1, 1)


def test_null_date_agrees_with_any_date():
    assert counts(score(Gold(visits=[visit(None)]), Gold(visits=[visit("2018-11")])), "visits") == (1, 0, 0)
    assert counts(score(Gold(visits=[visit("2017")]), Gold(visits=[visit(None)])), "visits") == (1, 0, 0)


def test_visit_needs_same_authority_and_type():
    gold = Gold(visits=[visit("2018")])
    assert counts(score(Gold(visits=[visit("2018", authority="Devon")]), gold), "visits") == (0, 1, 1)
    assert counts(score(Gold(visits=[visit("2018", visit_type="inspection")]), gold), "visits") == (0, 1, 1)


def test_two_rows_for_one_visit_cost_precision():
    report = score(Gold(visits=[visit("2018-11"), visit("2018")]), Gold(visits=[visit("2018-11")]))
    assert counts(report, "visits") == (1, 1, 0)
    assert report.tables["visits"].precision == 0.5
    assert report.tables["visits"].recall == 1.0


def test_maximum_matching_beats_greedy():
    # The first prediction fits both gold rows; taken greedily it would steal the only gold row the
    # second prediction fits. The largest matching pairs both.
    gold = Gold(visits=[visit("2018-03"), visit("2018-11")])
    predicted = Gold(visits=[visit("2018"), visit("2018-03")])
    report = score(predicted, gold)
    assert counts(report, "visits") == (2, 0, 0)


# --- ratings --------------------------------------------------------------------------------

def test_rating_gold_year_list_matches_any_member():
    gold = Gold(ratings=[rating([2017, 2018])])
    assert counts(score(Gold(ratings=[rating(2018)]), gold), "ratings") == (1, 0, 0)
    assert counts(score(Gold(ratings=[rating(2017)]), gold), "ratings") == (1, 0, 0)
    assert counts(score(Gold(ratings=[rating(2016)]), gold), "ratings") == (0, 1, 1)


def test_rating_gold_null_year_matches_any_year_but_predicted_null_needs_gold_null():
    assert counts(score(Gold(ratings=[rating(2020)]), Gold(ratings=[rating(None)])), "ratings") == (1, 0, 0)
    assert counts(score(Gold(ratings=[rating(None)]), Gold(ratings=[rating(None)])), "ratings") == (1, 0, 0)
    assert counts(score(Gold(ratings=[rating(None)]), Gold(ratings=[rating(2020)])), "ratings") == (0, 1, 1)


def test_rating_needs_same_judgement_and_area():
    gold = Gold(ratings=[rating(2022, judgement="outstanding", area="impact_of_leaders")])
    assert counts(score(Gold(ratings=[rating(2022, judgement="good", area="impact_of_leaders")]), gold),
                  "ratings") == (0, 1, 1)
    assert counts(score(Gold(ratings=[rating(2022, judgement="outstanding")]), gold), "ratings") == (0, 1, 1)


def test_ratings_take_the_largest_matching():
    gold = Gold(ratings=[rating(None), rating(2019)])
    predicted = Gold(ratings=[rating(2019), rating(2017)])
    assert counts(score(predicted, gold), "ratings") == (2, 0, 0)


# --- findings -------------------------------------------------------------------------------

GOLD_FINDING = "inspectors found morale had improved"  # 5 words: half is 2.5


@pytest.mark.parametrize("predicted_text, matched", [
    ("inspectors found morale was low today", True),   # 3 of 5 shared: 0.6, just above half
    ("inspectors found staff were low today", False),  # 2 of 5 shared: 0.4, just below half
    ("inspectors found this", True),                   # 2 of 3: the shorter side decides
    ("morale", True),                                  # 1 of 1
])
def test_finding_word_overlap_threshold(predicted_text, matched):
    gold = Gold(articles={"a.txt": article([finding(GOLD_FINDING)])})
    predicted = Gold(articles={"a.txt": article([finding(predicted_text)])})
    expected = (1, 0, 0) if matched else (0, 1, 1)
    assert counts(score(predicted, gold), "findings") == expected


def test_finding_overlap_exactly_half_matches():
    gold = Gold(articles={"a.txt": article([finding("one two three four")])})
    assert counts(score(Gold(articles={"a.txt": article([finding("one two five six")])}), gold),
                  "findings") == (1, 0, 0)
    assert counts(score(Gold(articles={"a.txt": article([finding("one five six seven")])}), gold),
                  "findings") == (0, 1, 1)


def test_words_are_a_multiset():
    # "the the" shares one "the" with a text holding it once: 1 of 2, still half.
    gold = Gold(articles={"a.txt": article([finding("the social work quality")])})
    assert counts(score(Gold(articles={"a.txt": article([finding("the the")])}), gold), "findings") == (1, 0, 0)
    assert counts(score(Gold(articles={"a.txt": article([finding("the the the")])}), gold),
                  "findings") == (0, 1, 1)


def test_findings_match_only_within_the_same_article():
    gold = Gold(articles={"a.txt": article([finding(GOLD_FINDING)]), "b.txt": article(source_file="b.txt")})
    predicted = Gold(articles={"b.txt": article([finding(GOLD_FINDING)], source_file="b.txt")})
    report = score(predicted, gold)
    assert counts(report, "findings") == (0, 1, 1)
    assert report.accuracies["articles.is_relevant"] == (1, 2)  # a.txt absent: predicted not relevant


def test_findings_pair_most_overlapping_first_and_score_attributes():
    gold = Gold(articles={"a.txt": article([
        finding("leaders have a clear plan", polarity="negative", theme="planning"),
        finding("leaders have a clear vision for children", polarity="positive", theme="leadership"),
    ])})
    predicted = Gold(articles={"a.txt": article([
        # overlaps the second gold text 5/5 and the first 4/5: taking the first fit would pair wrongly
        finding("leaders have a clear vision", polarity="positive", theme="leadership"),
        finding("leaders have a clear plan", polarity="negative", theme="risk"),
    ])})
    report = score(predicted, gold)
    assert counts(report, "findings") == (2, 0, 0)
    assert report.accuracies["findings.polarity"] == (2, 2)
    assert report.accuracies["findings.theme"] == (1, 2)
    [m] = report.mismatches
    assert (m.attribute, m.gold, m.predicted, m.files) == ("theme", "planning", "risk", ("a.txt",))


def test_predictions_for_an_irrelevant_article_are_false_rows():
    gold = Gold(articles={"n.txt": article(relevant=False, source_file="n.txt")})
    predicted = Gold(articles={"n.txt": article([finding("the nursery was inadequate")], relevant=True,
                                                 source_file="n.txt")})
    report = score(predicted, gold)
    assert counts(report, "findings") == (0, 1, 0)
    assert report.accuracies["articles.is_relevant"] == (0, 1)
    assert report.false_rows[0].files == ("n.txt",)


# --- quotes ---------------------------------------------------------------------------------

GOLD_QUOTE = "we accept that we have fallen short of the care they need"


def test_predicted_quotes_under_six_words_are_ignored():
    gold = Gold(articles={"a.txt": article(quotes=[quote(GOLD_QUOTE, "Reuben Thompstone", "councillor")])})
    short = quote("we have fallen short here", "Reuben Thompstone", "councillor")  # 5 words
    stray = quote("a good day", "X", "other")
    report = score(Gold(articles={"a.txt": article(quotes=[short, stray])}), gold)
    assert counts(report, "quotes") == (0, 0, 1)
    six = quote("we have fallen short here too", "Reuben Thompstone", "councillor")
    assert counts(score(Gold(articles={"a.txt": article(quotes=[six])}), gold), "quotes") == (1, 0, 0)


@pytest.mark.parametrize("pred, gold, agrees", [
    (("Ms Geere", "council_officer"), ("Tara Geere", "council_officer"), True),
    (("tara GEERE", "other"), ("Tara Geere", "council_officer"), True),  # speaker_type scored apart
    (("Tara Smith", "council_officer"), ("Tara Geere", "council_officer"), False),
    ((None, "ofsted"), (None, "ofsted"), True),
    ((None, "council_officer"), (None, "ofsted"), False),
    ((None, "ofsted"), ("Tara Geere", "ofsted"), False),
    (("Tara Geere", "ofsted"), (None, "ofsted"), False),
])
def test_speaker_surname_rule(pred, gold, agrees):
    assert speaker_agrees(quote("x", *pred), quote("x", *gold)) is agrees


def test_quote_speaker_accuracies():
    gold = Gold(articles={"a.txt": article(quotes=[quote(GOLD_QUOTE, "Reuben Thompstone", "councillor")])})
    predicted = Gold(articles={"a.txt": article(quotes=[quote(GOLD_QUOTE, "Cllr Thompstone", "council_officer")])})
    report = score(predicted, gold)
    assert report.accuracies["quotes.speaker"] == (1, 1)
    assert report.accuracies["quotes.speaker_type"] == (0, 1)


# --- report ---------------------------------------------------------------------------------

def test_misses_and_false_rows_are_listed_with_their_files():
    gold = Gold(
        visits=[visit("2018-11", sequence=5, sources=["001.txt"])],
        ratings=[rating(2019, sources=["003.txt", "004.txt"])],
        articles={"001.txt": article([finding(GOLD_FINDING)], source_file="001.txt"),
                  "003.txt": article(source_file="003.txt"), "004.txt": article(source_file="004.txt")},
    )
    predicted = Gold(
        visits=[visit("2020", visit_type="focused_visit", sources=["003.txt"])],
        articles={"001.txt": article([finding("an entirely unrelated sentence about budgets")],
                                     source_file="001.txt")},
    )
    report = score(predicted, gold)
    misses = {(i.table, i.files) for i in report.misses}
    assert misses == {("visits", ("001.txt",)), ("ratings", ("003.txt", "004.txt")), ("findings", ("001.txt",))}
    false = {(i.table, i.files) for i in report.false_rows}
    assert false == {("visits", ("003.txt",)), ("findings", ("001.txt",))}

    text = format_report(report)
    assert "Misses (gold rows not found): 3" in text
    assert "False rows (predicted rows matching no gold row): 2" in text
    assert "003.txt, 004.txt: Barnet good overall_effectiveness year=2019" in text
    assert "an entirely unrelated sentence about budgets" in text
    for table in ("visits", "ratings", "findings", "quotes"):
        assert table in text
    data = json.loads(json.dumps(report.to_dict()))
    assert data["tables"]["visits"] == {"tp": 0, "fp": 1, "fn": 1, "precision": 0.0, "recall": 0.0, "f1": 0.0}
    assert data["misses"][0]["files"] == ["001.txt"]


def test_long_texts_are_truncated_in_the_report():
    long_text = " ".join(f"word{i}" for i in range(80))
    report = score(Gold(), Gold(articles={"a.txt": article([finding(long_text)])}))
    line = next(line for line in format_report(report).splitlines() if "word0" in line)
    assert "word79" not in line and "…" in line


def test_predictions_for_articles_without_gold_are_not_scored():
    gold = Gold(visits=[visit("2018")], articles={"a.txt": article()})
    predicted = Gold(visits=[visit("2018"), visit("2020", sources=["z.txt"])],
                     articles={"a.txt": article(), "z.txt": article([finding("anything at all")], source_file="z.txt")})
    report = score(predicted, gold)
    assert counts(report, "visits") == (1, 0, 0)
    assert counts(report, "findings") == (0, 0, 0)
    assert report.unscored_files == ["z.txt"]


# --- converter ------------------------------------------------------------------------------

def test_predictions_from_extractions():
    ex = ArticleExtraction(
        headline="h", published_date=PartialDate(2019), is_relevant=True,
        findings=(Finding("positive", "workforce", "morale had improved", 0, 19),),
        quotes=(Quote("Tara Geere", "director", "Barnet Council", "council_officer",
                      "we are proud of our staff and what they do", 20, 60),),
    )
    irrelevant = ArticleExtraction(headline="n", published_date=PartialDate(), is_relevant=False)
    visits = [
        Visit("v1", "E09000003", "Barnet", "monitoring_visit", 5, None, PartialDate(2018, 11, 7),
              PartialDate(), ("art_1",)),
        Visit("v2", "E09000003", "Barnet", "inspection", None, None, PartialDate(2017), PartialDate(),
              ("art_1", "art_2")),
        Visit("v3", "E09000003", "Barnet", "focused_visit", None, "children in care", PartialDate(),
              PartialDate(), ("art_1",)),
    ]
    ratings = [Rating("r1", "E09000003", "Barnet", "v2", "inadequate", "overall_effectiveness",
                      PartialDate(2017, 7), "art_1", "was rated inadequate", ("art_1", "art_2")),
               Rating("r2", "E09000003", "Barnet", None, "good", "overall_effectiveness",
                      PartialDate(), "art_2", "is good", ("art_2",))]
    pred = predictions_from_extractions({"art_1": ("001.txt", ex), "art_2": ("002.txt", irrelevant)},
                                        visits, ratings)
    assert [v["visit_date"] for v in pred.visits] == ["2018-11", "2017", None]
    assert pred.visits[1]["sources"] == ["001.txt", "002.txt"]
    assert pred.visits[2]["focus"] == "children in care"
    assert [r["year"] for r in pred.ratings] == [2017, None]
    assert pred.ratings[0]["sources"] == ["001.txt", "002.txt"]
    assert pred.articles["001.txt"]["findings"] == [finding("morale had improved", "positive", "workforce")]
    assert pred.articles["001.txt"]["quotes"] == [
        quote("we are proud of our staff and what they do", "Tara Geere", "council_officer")]
    assert pred.articles["002.txt"]["is_relevant"] is False
    # and it feeds straight into the scorer
    assert score(pred, pred).tables["quotes"].f1 == 1.0
