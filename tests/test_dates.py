"""Date expressions: their spans, their resolution against the article's date, and the article's
own date read from its text. Short texts of our own; the real articles only for equivalence."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from inspections.dates import (_DATE_AT, _DATE_RE, _scan_dates_slow, each_listed_month, find_dates,
                               infer_published_date, scan_dates)
from inspections.records import UNKNOWN_DATE, PartialDate, RelativeDate
from tests.conftest import SHARED

REAL = sorted(SHARED.glob("seeds/*.txt")) + sorted(SHARED.glob("dev/articles/*.txt"))


def only_date(text: str, anchor: PartialDate = UNKNOWN_DATE):
    found = find_dates(text, anchor)
    assert len(found) == 1, [(d.text, str(d.date)) for d in found]
    return found[0]


@pytest.mark.parametrize("text, anchor, span, expected", [
    ("The visit was on 19 and 20 March 2019.", UNKNOWN_DATE, "19 and 20 March 2019", PartialDate(2019, 3, 19)),
    ("It was rated inadequate in March 2020.", UNKNOWN_DATE, "March 2020", PartialDate(2020, 3)),
    ("It was rated inadequate in 2017.", UNKNOWN_DATE, "2017", PartialDate(2017)),
    ("In July last year it was judged inadequate.", PartialDate(2018, 5), "July last year", PartialDate(2017, 7)),
    ("Inspectors visited in November.", PartialDate(2019, 2, 3), "November", PartialDate(2018, 11)),
    ("Inspectors visited in November.", PartialDate(2019, 12, 3), "November", PartialDate(2019, 11)),
    ("Their most recent visit in May this year.", PartialDate(2019), "May this year", PartialDate(2019, 5)),
    ("The report was published earlier this month.", PartialDate(2022, 7, 7), "earlier this month",
     PartialDate(2022, 7)),
    ("The first monitoring visit late last year.", PartialDate(2018), "late last year", PartialDate(2017)),
    ("A visit at the end of June.", PartialDate(2021, 8, 2), "June", PartialDate(2021, 6)),
    ("A full inspection will take place by Autumn 2019.", UNKNOWN_DATE, "Autumn 2019", PartialDate(2019)),
    ("Friday, January 19, 2018", UNKNOWN_DATE, "Friday, January 19, 2018", PartialDate(2018, 1, 19)),
    ("07/07/22", UNKNOWN_DATE, "07/07/22", PartialDate(2022, 7, 7)),
    ("date 2018-12-19 Leeds", UNKNOWN_DATE, "2018-12-19", PartialDate(2018, 12, 19)),
    ("Councillors met on Monday (July 1).", PartialDate(2019), "Monday (July 1)", PartialDate(2019, 7, 1)),
    ("It ran between 29 October and 9 November 2018.", UNKNOWN_DATE, "29 October and 9 November 2018",
     PartialDate(2018, 10, 29)),
    ("A re-inspection carried out last November.", PartialDate(2018, 1, 19), "last November",
     PartialDate(2017, 11)),
    ("Its latest assessment took place in September and October last year.", PartialDate(2025),
     "September and October last year", PartialDate(2024, 9)),
    ("The report published yesterday.", PartialDate(2018, 12, 19), "yesterday", PartialDate(2018, 12, 18)),
    ("It was rated in 2013, and it was rated again three years ago.", PartialDate(2016), "2013",
     PartialDate(2013)),
    # a count of months is rough: only the year it leads back to
    ("A focused visit 20 months ago looked at care leavers.", PartialDate(2024, 3, 2), "20 months ago",
     PartialDate(2022)),
    ("Inspectors came back six months ago.", PartialDate(2024, 9), "six months ago", PartialDate(2024)),
    # a season alone: the latest one begun by the anchor's month, to the year only
    ("Inspectors visited in the spring.", PartialDate(2025, 6, 20), "in the spring", PartialDate(2025)),
    ("Inspectors visited during the autumn.", PartialDate(2025, 2, 1), "during the autumn", PartialDate(2024)),
])
def test_expression_span_and_resolution(text, anchor, span, expected):
    found = find_dates(text, anchor)
    match = [d for d in found if d.text == span]
    assert match, [(d.text, str(d.date)) for d in found]
    assert match[0].date == expected
    assert text[match[0].start:match[0].end] == span


def test_years_later_counts_from_the_year_just_mentioned():
    text = "In 2017 it was rated inadequate, but it achieved a good rating two years later."
    dates = find_dates(text)
    assert [(d.text, d.date) for d in dates] == [("2017", PartialDate(2017)), ("two years later", PartialDate(2019))]


@pytest.mark.parametrize("text, expected", [
    ("A review came out in March 2016. An inspection that spring found failings.", ("that spring", 2016)),
    ("It was rated good in 2019. Later that year, leaders left.", ("that year", 2019)),
    ("In 2018 the council failed. That autumn, a commissioner arrived.", ("That autumn", 2018)),
])
def test_that_season_or_year_is_the_year_of_the_date_before(text, expected):
    assert [(d.text, d.date.year) for d in find_dates(text, PartialDate(2025, 5, 1))][-1] == expected


def test_that_after_a_verb_is_a_conjunction_not_a_date():
    text = "In 2019 the manager said that summer clubs would reopen."
    assert [d.text for d in find_dates(text, PartialDate(2025, 5, 1))] == ["2019"]


def test_relative_dates_without_an_anchor_stay_unknown():
    assert only_date("In July last year it was judged inadequate.").date == UNKNOWN_DATE
    assert only_date("Inspectors visited in November.").date == UNKNOWN_DATE
    # a month with an anchor known only to the year: which year is not known
    assert only_date("Inspectors visited in November.", PartialDate(2019)).date == UNKNOWN_DATE


@pytest.mark.parametrize("text, relative", [
    ("In July last year it was judged inadequate.", RelativeDate(-1, 7)),
    ("The first monitoring visit late last year found progress.", RelativeDate(-1)),
    ("It was rated good three years ago.", RelativeDate(-3)),
    ("Inspectors came in March this year.", RelativeDate(0, 3)),
    ("Inspectors visited in November.", None),  # the year before or the same: needs the month too
    ("Inspectors visited last November.", None),
    ("It was judged inadequate in July 2017.", None),  # fixed already
])
def test_a_date_relative_to_an_unknown_publication_date_is_kept_for_later(text, relative):
    assert only_date(text).relative == relative
    if relative is not None:
        assert only_date(text, PartialDate(2018, 12)).date == relative.in_year(2018)


@pytest.mark.parametrize("text", [
    "Councils may be rated again soon.",
    "Theresa May said nothing about it.",
    "Workers march on the town hall.",
    "A total of 44 authorities were inspected; 2,019 children were seen.",
    "Inspectors will visit on Monday.",
])
def test_words_that_are_not_dates(text):
    assert find_dates(text) == []


@pytest.mark.parametrize("text, expected", [
    ("Ofsted upgrades Doncaster\n\nJoe Bloggs\nFriday, January 19, 2018\n\nStandards have risen.",
     PartialDate(2018, 1, 19)),
    ("Kent rated outstanding\n07/07/22\nKent County Council's services...", PartialDate(2022, 7, 7)),
    ("date 2018-12-19 Leeds City Council's services have been rated outstanding.", PartialDate(2018, 12, 19)),
    ("Headline here\n\nPublished: 12 March 2024\n\nThe council's services were rated good.",
     PartialDate(2024, 3, 12)),
    ("Headline\nPosted on 28 April 2023 by Ruth Appleby\nText.", PartialDate(2023, 4, 28)),
    ("Headline\nBy Jane Smith | 5 March 2019\nText.", PartialDate(2019, 3, 5)),
    ("Council joins the top tier\n\n12 May 2016 By Sam Jones\n\nThe council was judged good.",
     PartialDate(2016, 5, 12)),
    ("Council rated good\n\nby A Writer\nMarch 3, 2021 in News, Social care\n\nThe council was judged good.",
     PartialDate(2021, 3, 3)),
    ("Headline\nUpdated: 10:30, 5 March 2019\nText.", PartialDate(2019, 3, 5)),
    ("Inspection roundup\n\nWeek ending 7 June 2024\n\nThree councils had results.", PartialDate(2024, 6, 7)),
    ("Weekly digest\nWeek commencing 3 March 2025\nText.", PartialDate(2025, 3, 3)),
    ("Council rated good - Local News\n\nJo Bloggs 20/06/2025\n\nThe council was rated good.",
     PartialDate(2025, 6, 20)),
    ("Council rated good\n\nStaff reporter · 04/11/2024 · 3 min read\n\nThe council was rated good.",
     PartialDate(2024, 11, 4)),
    ("Council rated good\n\nEducation Correspondent | 9 May 2023\n\nThe council was rated good.",
     PartialDate(2023, 5, 9)),
    ("Council rated good\n\nBy Sam Jones\n07:00, 20 NOV 2025\n\nThe council was rated good.",
     PartialDate(2025, 11, 20)),
    ("ROUND-UP: two verdicts\n\nThe week's inspection news in brief | Tuesday 8 July 2025\n\nA council was "
     "rated good.", PartialDate(2025, 7, 8)),
    ("Council rated good - Town Blog\n\nCouncil rated good\n\nPosted by Jo Bloggs on 3 June 2024 in Local news\n\n"
     "The council was rated good.", PartialDate(2024, 6, 3)),
])
def test_dateline(text, expected):
    assert infer_published_date(text) == expected


@pytest.mark.parametrize("line", ["5 March 2019 By then the council had a new director.",
                                  "5 March 2019: Ofsted inspected the council",
                                  "5 March 2019 was when inspectors arrived in the borough for two weeks"])
def test_a_sentence_opening_with_a_date_is_not_a_dateline(line):
    assert infer_published_date(f"Council improves\n\n{line}\n\nIt was rated good.") != PartialDate(2019, 3, 5)


def test_a_labelled_date_line_at_the_foot():
    text = "Council praised by Ofsted\n\nThe council's services were praised.\n\nPublished: 20 March 2023\n"
    assert infer_published_date(text) == PartialDate(2023, 3, 20)


def test_a_date_opening_a_sentence_is_not_a_dateline():
    text = "Council news\nOn 11 April 2019, Ofsted published its report on the council."
    assert infer_published_date(text) == UNKNOWN_DATE


def test_weekday_fixes_the_year():
    text = ("The council was judged inadequate in a report published in July 2017.\n"
            "Councillors discussed the report on Monday (July 1).")
    assert infer_published_date(text) == PartialDate(2019)


def test_relative_phrase_coinciding_with_a_dated_event_fixes_the_year():
    text = ("The service was first rated inadequate in March 2020.\n"
            "Its latest assessment took place in September and October last year.\n"
            "Leaders acted on weaknesses identified by inspectors in October 2024.")
    assert infer_published_date(text) == PartialDate(2025)


def test_relative_season_coinciding_with_a_dated_event():
    text = ("The council was judged inadequate in April 2017. A full inspection will take place by "
            "Autumn 2019.\nThe mayor said the council would be ready for the full inspection this autumn.")
    assert infer_published_date(text) == PartialDate(2019)


@pytest.mark.parametrize("text", [
    "In July last year the council's services were found to be inadequate.",
    "A visit to the borough in November found progress.",
    "",
])
def test_no_guess(text):
    assert infer_published_date(text) == UNKNOWN_DATE


@pytest.mark.parametrize("path", REAL, ids=lambda p: p.name)
def test_anchor_scan_equals_a_scan_at_every_character(path):
    text = path.read_text(encoding="utf-8")
    assert scan_dates(text) == _scan_dates_slow(text)


def _found(match):
    return match and (match.span(), match.lastgroup, {k: v for k, v in match.groupdict().items() if v is not None})


@pytest.mark.parametrize("path", REAL, ids=lambda p: p.name)
def test_the_branches_for_a_first_character_find_what_the_whole_expression_finds(path):
    text = path.read_text(encoding="utf-8") + " this May, last year, in 2019, 7/7/22, Today"
    for i, ch in enumerate(text):
        expression = _DATE_AT.get(ch, _DATE_RE)
        assert _found(expression and expression.match(text, i)) == _found(_DATE_RE.match(text, i))


@settings(max_examples=300, deadline=None)
@given(st.text())
def test_any_text_gives_exact_spans(text):
    for d in find_dates(text, PartialDate(2020, 6, 15)):
        assert text[d.start:d.end] == d.text
    infer_published_date(text)


DATEY = st.lists(st.sampled_from([
    "in ", "on ", "last ", "this ", "next ", "year", "years", "later", "ago", "two ", "May", "March", "June ",
    "2019", "19", " and ", "/", "-", "07", "Monday", " (July 1)", "Autumn", "earlier", "month", "week",
    "today", "yesterday", ", ", ".", "\n", " ", "the end of ", "2018-12-19", "31", "February 30", "29",
]), max_size=40).map("".join)


@settings(max_examples=300, deadline=None)
@given(DATEY, st.sampled_from([UNKNOWN_DATE, PartialDate(2020), PartialDate(2020, 1), PartialDate(2020, 2, 29)]))
def test_date_like_text_never_raises(text, anchor):
    for d in find_dates(text, anchor):
        assert text[d.start:d.end] == d.text
    assert scan_dates(text) == _scan_dates_slow(text)
    infer_published_date(text)


def test_each_listed_month_is_resolved_on_its_own():
    (listed,) = find_dates("after visits in December and January", PartialDate(2024, 2, 20))
    assert each_listed_month(listed, PartialDate(2024, 2, 20)) == [
        (PartialDate(2023, 12), None), (PartialDate(2024, 1), None)]
    (relative,) = find_dates("in September and October last year")
    assert each_listed_month(relative, UNKNOWN_DATE) == [
        (UNKNOWN_DATE, RelativeDate(-1, 9)), (UNKNOWN_DATE, RelativeDate(-1, 10))]


def test_a_dateline_below_a_web_page_s_furniture_dates_the_article():
    furniture = ("We use cookies to give you the best experience on our site. You can manage or reject "
                 "them at any time in your privacy settings. " * 3)
    text = (f"Council rated good | Society | The Daily Paper\n{furniture}\nNews Opinion Sport | Society\n"
            "Council rated good after years of failure\nThe county's services win the second-highest grade\n"
            "Pat Lee, Social affairs editor\nMon 2 Jun 2025 07.00 BST\nShare on Facebook\n"
            "The council has been rated good by Ofsted.")
    assert infer_published_date(text) == PartialDate(2025, 6, 2)
