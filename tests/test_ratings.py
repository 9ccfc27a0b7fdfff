"""Rating mentions: graded judgements of an authority's children's services, their areas and dates,
and what is not a judgement. Every text here is a short one written for the test."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from inspections.ratings import article_events, extract_ratings
from inspections.records import UNKNOWN_DATE, PartialDate, RelativeDate
from inspections.visits import build_context

PUB = PartialDate(2023, 6, 15)


def ratings(text: str, published: PartialDate | None = PUB) -> list[tuple]:
    return [(r.authority_name, r.judgement, r.judgement_area, r.rating_date.year)
            for r in extract_ratings(text, published)]


@pytest.mark.parametrize("text, judgement", [
    ("Ofsted has rated Sunderland's children's services as outstanding.", "outstanding"),
    ("Sunderland's children's services have been rated 'requires improvement to be good' by Ofsted.",
     "requires_improvement"),
    ("Sunderland City Council's children's services were judged inadequate by Ofsted.", "inadequate"),
    ("Inspectors from Ofsted rated Sunderland's children's services ‘good’.", "good"),
    ("Sunderland Council has achieved a “good” rating from Ofsted.", "good"),
    ("Sunderland's children's services are still inadequate, Ofsted says.", "inadequate"),
    ("Ofsted gave Sunderland Council the highest possible rating for its children's services.", "outstanding"),
    ("Ofsted handed Sunderland Council the lowest rating for its children's services.", "inadequate"),
    ("Sunderland Council has been told its children's services require improvement.", "requires_improvement"),
    ("Sunderland Council wins Ofsted's second-highest grade for its children's services.", "good"),
    ("Ofsted gave Sunderland Council its second lowest rating for children's services.", "requires_improvement"),
    # a hyphen typed for a dash after the grade
    ("Ofsted has judged Sunderland's children's services outstanding - a first for the city.", "outstanding"),
])
def test_the_four_grades(text, judgement):
    assert ratings(text) == [("Sunderland", judgement, "overall_effectiveness", 2023)]


@pytest.mark.parametrize("text", [
    "Children's services in Sunderland require improvement, Ofsted says.",
    "Ofsted has rated Sunderland Council's children's services 'requires improvement to be good' in all four areas.",
    "Ofsted Rates Sunderland Children's Services As Requires Improvement",
])
def test_requires_improvement_phrasings(text):
    assert ratings(text) == [("Sunderland", "requires_improvement", "overall_effectiveness", 2023)]


def test_an_authority_named_in_passing_is_not_coordinated():
    text = "Unlike Barnet, Enfield Council's children's services were rated good by Ofsted in 2019."
    assert ratings(text) == [("Enfield", "good", "overall_effectiveness", 2019)]


def test_transition_gives_the_past_and_the_new_grade():
    text = ("Ofsted upgrades Doncaster from 'inadequate' to 'good'\n"
            "Doncaster Council's children's services were rated inadequate in November 2015.")
    assert sorted(ratings(text, PartialDate(2018, 1, 19))) == [
        ("Doncaster", "good", "overall_effectiveness", 2018),
        ("Doncaster", "inadequate", "overall_effectiveness", 2015)]


def test_across_the_board_is_one_overall_grade():
    text = ("Ofsted inspectors found Barnet Council's children's service was much improved and rated it "
            "good across the board.")
    assert ratings(text) == [("Barnet", "good", "overall_effectiveness", 2023)]


@pytest.mark.parametrize("text, expected", [
    ("Ofsted rated Bristol City Council's children's services good. But care leavers' services were rated "
     "outstanding.", {("good", "overall_effectiveness"), ("outstanding", "care_leavers")}),
    ("Ofsted rated Bristol City Council's children's services good, with leadership, management and "
     "governance judged outstanding.", {("good", "overall_effectiveness"), ("outstanding", "impact_of_leaders")}),
    ("Ofsted rated Bristol City Council's children's services good. The experiences and progress of "
     "children in care and care leavers were judged outstanding.",
     {("good", "overall_effectiveness"), ("outstanding", "children_in_care")}),
    ("Bristol City Council's children's services were rated inadequate by Ofsted. Services for children "
     "who need help and protection, which were also judged inadequate, were the weakest.",
     {("inadequate", "overall_effectiveness"), ("inadequate", "help_and_protection")}),
    ("Ofsted rated Bristol City Council's children's services good. Adoption performance was rated "
     "outstanding.", {("good", "overall_effectiveness"), ("outstanding", "adoption")}),
    ("Ofsted rated Bristol City Council's children's services good. Inspectors graded the help and "
     "protection of children outstanding.", {("good", "overall_effectiveness"), ("outstanding", "help_and_protection")}),
    ("Bristol City Council's children's services were rated inadequate overall, with help and protection "
     "and leadership both judged inadequate.", {("inadequate", "overall_effectiveness"),
                                                ("inadequate", "help_and_protection"),
                                                ("inadequate", "impact_of_leaders")}),
])
def test_area_grades_are_not_second_overall_grades(text, expected):
    found = ratings(text)
    assert {(j, a) for _, j, a, _ in found} == expected
    assert len(found) == len(expected)


def test_categories_listed_in_brackets():
    text = ("Ofsted's report gave Kent County Council the highest possible rating in three of the four "
            "categories (impact of leadership, experiences and progress of children in care and care leavers, "
            "and overall effectiveness) and ‘Good’ in the fourth (experiences of children who need help and "
            "protection).")
    assert sorted(ratings(text, PartialDate(2022, 7, 7))) == sorted([
        ("Kent", "outstanding", "impact_of_leaders", 2022),
        ("Kent", "outstanding", "children_in_care", 2022),
        ("Kent", "outstanding", "overall_effectiveness", 2022),
        ("Kent", "good", "help_and_protection", 2022)])


def test_the_experiences_of_children_in_care_in_a_list_of_areas():
    """"the experiences of children in care" (without "and progress") is one area of a list."""
    listed = ("Ofsted judged Rotherham Council outstanding. Inspectors rated help and protection, the "
              "experiences of children in care and the impact of leaders as outstanding.")
    assert [area for _, _, area, _ in ratings(listed)] == [
        "overall_effectiveness", "help_and_protection", "children_in_care", "impact_of_leaders"]
    subject = ("Rotherham Council's children's services require improvement, Ofsted says. Leaders were judged "
               "good, while help and protection and the experiences of children in care were found to require "
               "improvement.")
    assert ("Rotherham", "requires_improvement", "help_and_protection", 2023) in ratings(subject)


def test_a_list_of_areas_sharing_one_grade():
    text = ("Ofsted judged Cumberland Council good overall.\nThe other three judgement areas – help and "
            "protection, care leavers and the impact of leaders – were all rated good. Services for children "
            "in care and for care leavers were judged outstanding.")
    found = set(ratings(text, PartialDate(2024, 12, 9)))
    assert found == {
        ("Cumberland", "good", "overall_effectiveness", 2024),
        ("Cumberland", "good", "help_and_protection", 2024),
        ("Cumberland", "good", "care_leavers", 2024),
        ("Cumberland", "good", "impact_of_leaders", 2024),
        ("Cumberland", "outstanding", "children_in_care", 2024),
        ("Cumberland", "outstanding", "care_leavers", 2024),
    }


def test_label_lines_and_as_was():
    text = ("Ofsted has published its report on Poole Council's children's services. Inspectors graded the "
            "council as follows:\nOverall effectiveness: Good\nThe experiences and progress of care leavers: "
            "Outstanding\n\nHelp and protection was judged good, as was the impact of leaders.")
    assert set(ratings(text, PartialDate(2024, 3, 19))) == {
        ("Poole", "good", "overall_effectiveness", 2024),
        ("Poole", "outstanding", "care_leavers", 2024),
        ("Poole", "good", "help_and_protection", 2024),
        ("Poole", "good", "impact_of_leaders", 2024)}


@pytest.mark.parametrize("text", [
    "Barnet Council now aims to achieve the watchdog's top rating of outstanding.",
    "Councillors in Barnet fear the council's children's services could be rated inadequate.",
    "The trend is for authorities such as Barnet failing to do enough to warrant 'good' or 'outstanding' ratings.",
    "A primary school in Barnet was rated outstanding by Ofsted.",
    "Barnet's Little Acorns nursery, which was previously rated good, was rated inadequate by Ofsted.",
    "A children's home run by Barnet Council has been rated inadequate by Ofsted.",
    "There is consistent progress in Barnet Council's children's services but some aspects remain inadequate.",
    "Ofsted said Barnet Council's social workers have good morale and manageable caseloads.",
    "More work remains to bring Barnet's children's services up to a good standard, Ofsted said.",
    'Barnet\'s mayor said: "We have set a high bar to move from an inadequate rating to good in two years."',
    "Barnet's children's services are no longer inadequate, according to Ofsted.",
    "Barnet and Enfield were previously rated as 'good' and 'adequate' respectively by Ofsted.",
    "Under the framework, councils rated good or outstanding by Ofsted, such as Barnet, get short inspections.",
    "Barnet Council hopes to be rated good by Ofsted at its next inspection.",
    "If Ofsted were to find Barnet's services still inadequate, ministers could intervene.",
    "Barnet Council's fostering service was rated outstanding by Ofsted.",
])
def test_not_ratings(text):
    assert ratings(text) == []


def test_dates_written_with_the_judgement():
    text = ("Wigan Council's children's services were judged inadequate in July 2017, but a rapid turnaround "
            "led to them achieving a 'good' rating two years later.")
    assert sorted(ratings(text, UNKNOWN_DATE)) == [("Wigan", "good", "overall_effectiveness", 2019),
                                                   ("Wigan", "inadequate", "overall_effectiveness", 2017)]


def test_new_judgement_takes_the_article_year_even_for_an_inspection_the_year_before():
    text = ("Hull City Council's children's services were given a 'requires improvement' grading by Ofsted "
            "after being inspected in November.")
    assert ratings(text, PartialDate(2015, 2, 3)) == [
        ("Kingston upon Hull", "requires_improvement", "overall_effectiveness", 2015)]


@pytest.mark.parametrize("when", ["20 months ago", "last year"])
def test_a_grade_its_sentence_dates_to_an_earlier_year_alone_is_that_year_s(when):
    """"rated inadequate 20 months ago" in an article of May 2025: the grade is 2023's, with no month
    that could have been reported in the article's year."""
    text = f"Wakefield Council's children's services were rated inadequate by Ofsted {when}."
    year = 2023 if when == "20 months ago" else 2024
    assert ratings(text, PartialDate(2025, 5, 2)) == [("Wakefield", "inadequate", "overall_effectiveness", year)]


def test_a_grade_after_a_following_phrase_closed_by_a_comma_is_the_new_one():
    """"The report, published following an inspection in May, rates the council good": the phrase
    dates the inspection; the grade is in the main clause and is this inspection's."""
    text = ("Wakefield children's services rated inadequate by Ofsted\n\n"
            "Wakefield Council's children's services were rated good in 2019.\n\n"
            "The report, published on Monday following a two-week inspection in May, rates the service ‘inadequate’ overall.")
    events = article_events(build_context(text, PartialDate(2025, 7, 2)))
    new = [r for r in events.ratings if r.judgement == "inadequate"]
    assert [r.rating_date.year for r in new] == [2025]
    assert sorted(str(v.visit_date) for v in events.visits) == ["2019", "2025-05"]


def test_a_november_inspection_is_not_made_past_by_a_grade_dated_to_the_new_year():
    """An article of January on an inspection "last November": a grade read as the new year's does not
    make that inspection an earlier one, so the headline's undated grade joins it."""
    text = ("Wakefield children's services rated good by Ofsted\n\nPublished: 20 January 2025\n\n"
            "Wakefield Council's children's services have been judged good by Ofsted.\n\n"
            "The inspection took place over two weeks last November and the report was published today.\n\n"
            "It is the first time services in Wakefield have been rated good; in 2021 they were judged inadequate.")
    events = article_events(build_context(text))
    assert "unknown" not in [str(v.visit_date) for v in events.visits]
    assert "2024-11" in [str(v.visit_date) for v in events.visits]


def test_area_grades_dated_by_the_report_join_the_late_year_inspection_of_the_sentence_before():
    text = ("Wakefield Council's children's services have been rated good.\n\n"
            "Inspectors visited for three weeks in early December, and their report was published last week. "
            "They graded help and protection as requires improvement.")
    events = article_events(build_context(text, PartialDate(2026, 2, 4)))
    assert [str(v.visit_date) for v in events.visits] == ["2025-12"]


def test_the_same_grade_as_at_the_last_inspection_is_the_new_grade():
    """"still requires improvement, the same grade it received at its last inspection": the grade is
    the new inspection's, not the last one's (which gets no row of its own: no year is given)."""
    text = ("Wakefield Council's children's services still require improvement, Ofsted has said, the same "
            "grade the council received at its last inspection.\n\nInspectors visited in March.")
    events = article_events(build_context(text, PartialDate(2025, 6, 4)))
    assert [(r.judgement, r.rating_date.year) for r in events.ratings] == [("requires_improvement", 2025)]
    assert [str(v.visit_date) for v in events.visits] == ["2025-03"]


def test_an_undated_article_s_year_is_counted_on_from_an_earlier_grade_dated_elsewhere():
    """No dateline; "rated good, two years after it was told it required improvement" and "In 2021
    Ofsted judged it to require improvement": the new grades and the May inspection are 2023's."""
    text = ("Wakefield Council's children's services have been rated good by Ofsted, two years after the "
            "council was told they required improvement.\n\n"
            "Inspectors spent two weeks there in May and judged care leavers' services outstanding.\n\n"
            "In 2021 Ofsted judged the services to require improvement to be good.")
    events = article_events(build_context(text, UNKNOWN_DATE))
    assert sorted((r.judgement, r.judgement_area, r.rating_date.year) for r in events.ratings) == [
        ("good", "overall_effectiveness", 2023), ("outstanding", "care_leavers", 2023),
        ("requires_improvement", "overall_effectiveness", 2021)]
    assert sorted(str(v.visit_date) for v in events.visits) == ["2021", "2023-05"]


def test_no_year_is_counted_on_from_a_rough_count_of_years():
    text = ("Inspectors have found progress in Wakefield Council's children's services, nearly two years "
            "after they were rated inadequate.\n\n"
            "The findings come from Ofsted's fourth monitoring visit, carried out in October.\n\n"
            "The services were judged inadequate in February 2021.")
    events = article_events(build_context(text, UNKNOWN_DATE))
    assert not any(v.visit_date.year == 2023 for v in events.visits)


def test_new_judgement_without_the_article_date_takes_the_inspection_year():
    text = "Hull City Council's children's services were rated good by Ofsted after an inspection in May 2019."
    assert ratings(text, UNKNOWN_DATE) == [("Kingston upon Hull", "good", "overall_effectiveness", 2019)]


def test_judgement_referred_back_to_takes_its_inspection_year():
    text = ("Medway Council's children's services were judged to require improvement to be good at that "
            "inspection in 2021, having been rated inadequate in 2019.")
    assert sorted(ratings(text, PartialDate(2022, 12, 19))) == [
        ("Medway", "inadequate", "overall_effectiveness", 2019),
        ("Medway", "requires_improvement", "overall_effectiveness", 2021)]


def test_a_date_after_one_grade_is_not_the_next_grade_s():
    text = ("Sandwell's children's services were rated inadequate by Ofsted in 2018 and have been rated "
            "requires improvement at two inspections since.")
    found = ratings(text, PartialDate(2024, 6, 12))
    assert ("Sandwell", "inadequate", "overall_effectiveness", 2018) in found
    assert ("Sandwell", "requires_improvement", "overall_effectiveness", 2018) not in found


def test_without_the_article_date_the_report_s_publication_dates_the_new_judgement():
    text = ("Hackney Council's children's services have been downgraded from 'good' to 'requires improvement' "
            "by Ofsted.\nThe inspection was carried out between 4 and 15 December 2023 and the report was "
            "published on 22 January 2024.")
    assert ("Hackney", "requires_improvement", "overall_effectiveness", 2024) in ratings(text, None)


def test_an_improvement_on_a_dated_rating():
    text = ("Dudley Council's children's services have been rated 'good' overall by Ofsted inspectors, an "
            "improvement on the 'requires improvement' rating they received in 2019.")
    assert sorted(ratings(text, PartialDate(2022, 8, 1))) == [
        ("Dudley", "good", "overall_effectiveness", 2022),
        ("Dudley", "requires_improvement", "overall_effectiveness", 2019)]


def test_another_authority_named_with_its_own_grade():
    text = ("Ofsted rated Bury Council's children's services good after an inspection in March.\n"
            "Neighbouring Rochdale was rated outstanding last year.")
    assert sorted(ratings(text, PartialDate(2022, 5, 3))) == [
        ("Bury", "good", "overall_effectiveness", 2022),
        ("Rochdale", "outstanding", "overall_effectiveness", 2021)]


def test_years_after_counts_back_from_the_new_judgement():
    text = "Ofsted has judged Barking and Dagenham good, four years after it was rated requires improvement."
    assert sorted(ratings(text, PartialDate(2023, 2, 24))) == [
        ("Barking and Dagenham", "good", "overall_effectiveness", 2023),
        ("Barking and Dagenham", "requires_improvement", "overall_effectiveness", 2019)]


def test_a_judgement_stated_twice_is_one():
    text = ("Ofsted inspectors noted failures in Barnet's children's services in a report published in July "
            "2017. They judged provision to be inadequate – the lowest rating on the watchdog's scale.")
    assert ratings(text, PartialDate(2019)) == [("Barnet", "inadequate", "overall_effectiveness", 2017)]


def test_each_rating_links_to_the_inspection_that_gave_it():
    text = ("Ofsted rated Leeds City Council's children's services outstanding after inspectors visited in "
            "October. Leeds was rated good under the previous framework in 2015.")
    events = article_events(build_context(text, PartialDate(2018, 12, 19)))
    by_grade = {r.judgement: events.visits[r.visit_index] for r in events.ratings}
    assert str(by_grade["outstanding"].visit_date) == "2018-10"
    assert str(by_grade["good"].visit_date) == "2015"
    assert events.visits[events.main_visit].visit_date == PartialDate(2018, 10)


@settings(max_examples=200, deadline=None)
@given(st.text(max_size=400))
def test_any_text_never_raises_and_evidence_is_exact(text):
    for r in extract_ratings(text):
        assert text[r.char_start:r.char_end] == r.evidence


SOUP = st.lists(st.sampled_from([
    "Barnet Council", "Hull City Council", "the council", "its children's services", "were rated", "judged",
    "inadequate", "good", "outstanding", "requires improvement to be good", "from", "to", "‘", "’", "\"", "“",
    "”", "in 2019", "last year", ".", ",", " – ", "(", ")", "care leavers", "help and protection",
    "the impact of leaders", "and", "aims to", "respectively", "in three of the four categories", ":", "\n",
    " ", "Ofsted", "two years later", "after", "since", "which",
]), max_size=60).map("".join)


@settings(max_examples=300, deadline=None)
@given(SOUP, st.sampled_from([None, UNKNOWN_DATE, PartialDate(2020, 5, 5)]))
def test_vocabulary_soup_never_raises_and_links_are_valid(text, published):
    events = article_events(build_context(text, published))
    for r in events.ratings:
        assert text[r.char_start:r.char_end] == r.evidence
        assert r.visit_index is None or 0 <= r.visit_index < len(events.visits)


# --- area lists, past grades in comparisons, years ----------------------------------------------

@pytest.mark.parametrize("text, expected", [
    ("Inspectors rated Sunderland Council outstanding overall and for the impact of leaders, and good for "
     "help and protection and for children in care.",
     {("outstanding", "overall_effectiveness"), ("outstanding", "impact_of_leaders"),
      ("good", "help_and_protection"), ("good", "children_in_care")}),
    ("Sunderland Council's children's services were inspected by Ofsted in March. It was judged inadequate for "
     "overall effectiveness, leadership and help and protection, and requires improvement for children in care.",
     {("inadequate", "overall_effectiveness"), ("inadequate", "impact_of_leaders"),
      ("inadequate", "help_and_protection"), ("requires_improvement", "children_in_care")}),
    ("Ofsted has published its report on Sunderland Council's children's services.\n\n"
     "Overall effectiveness: Inadequate\n\n"
     "The experiences and progress of children who need help and protection – requires improvement\n\n"
     "Impact of leaders on social work practice with children and families: Good",
     {("inadequate", "overall_effectiveness"), ("requires_improvement", "help_and_protection"),
      ("good", "impact_of_leaders")}),
    ("Ofsted rated Sunderland Council's children's services good. Children looked after and achieving "
     "permanence were judged outstanding, and the experiences and progress of care leavers was judged good.",
     {("good", "overall_effectiveness"), ("outstanding", "children_in_care"), ("good", "care_leavers")}),
    ("Ofsted rated Sunderland Council's children's services good. The Local Safeguarding Children Board was "
     "rated inadequate.", {("good", "overall_effectiveness")}),
])
def test_listed_areas_are_rows_of_their_own(text, expected):
    got = ratings(text)
    assert {(j, a) for _, j, a, _ in got} == expected
    assert len(got) == len(expected) and all(y == 2023 for *_, y in got)


def test_a_grade_for_one_area_is_not_overall():
    assert ratings("Ofsted judged Sunderland Council's children's services good for help and protection.") == [
        ("Sunderland", "good", "help_and_protection", 2023)]


@pytest.mark.parametrize("text, expected", [
    ("Sunderland Council's children's services were rated good by Ofsted, up from requires improvement in 2019.",
     [("good", 2023), ("requires_improvement", 2019)]),
    ("Sunderland Council's children's services were rated requires improvement by Ofsted, down from good at its "
     "last inspection in 2018.", [("good", 2018), ("requires_improvement", 2023)]),
    ("Sunderland Council's children's services are now good, Ofsted said. They were previously rated "
     "inadequate in 2021.", [("good", 2023), ("inadequate", 2021)]),
    ("Sunderland Council's children's services, rated inadequate in 2019, are now good, Ofsted says.",
     [("good", 2023), ("inadequate", 2019)]),
    ("Sunderland Council was last inspected in 2018, when it was rated good.", [("good", 2018)]),
])
def test_a_past_grade_in_a_comparison_keeps_its_year(text, expected):
    got = ratings(text)
    assert sorted((j, y) for _, j, a, y in got) == sorted(expected)
    assert all(a == "overall_effectiveness" for _, _, a, _ in got)


def test_an_inspection_in_november_reported_in_january_takes_the_publication_year():
    text = ("Sunderland Council's children's services were inspected by Ofsted in November. Ofsted rated "
            "Sunderland Council's children's services good.")
    assert ratings(text, PartialDate(2024, 1, 10)) == [("Sunderland", "good", "overall_effectiveness", 2024)]


def test_a_year_in_the_previous_sentence_dates_the_new_grade():
    text = ("Ofsted inspected Sunderland Council's children's services in March 2022. Inspectors rated the "
            "council good.")
    assert ratings(text, None) == [("Sunderland", "good", "overall_effectiveness", 2022)]


def test_an_undated_article_s_new_grade_is_kept_as_of_its_year():
    """No date in the article: the new grade's year is "the article's year", fixed once another
    article dates this one; a grade dated in the text needs nothing of the kind."""
    (new,) = extract_ratings("Wigan Council's children's services have been rated good by Ofsted.")
    assert (new.judgement, new.rating_date, new.relative_date) == ("good", UNKNOWN_DATE, RelativeDate(0))
    (dated,) = extract_ratings("Wigan Council's children's services were rated good by Ofsted in 2019.")
    assert (dated.rating_date, dated.relative_date) == (PartialDate(2019), None)


def test_inspections_listed_respectively_take_their_own_months():
    """"X rated good and Y inadequate following inspections in May and June respectively": the n-th
    month is the n-th graded council's inspection."""
    text = ("Rochdale Council was rated good, while Oldham Council was judged inadequate, following "
            "inspections carried out in May and June respectively.")
    events = article_events(build_context(text, PartialDate(2023, 8, 1)))
    visits = {v.authority_name: v.visit_date for v in events.visits}
    assert visits == {"Rochdale": PartialDate(2023, 5), "Oldham": PartialDate(2023, 6)}
    assert sorted((r.authority_name, r.rating_date.year) for r in events.ratings) == [
        ("Oldham", 2023), ("Rochdale", 2023)]


def test_a_month_list_without_respectively_or_with_other_counts_dates_no_one():
    for text in ("Rochdale Council was rated good, while Oldham Council was judged inadequate, following "
                 "inspections carried out in May and June.",
                 "Rochdale Council was rated good following inspections in April, May and June respectively."):
        events = article_events(build_context(text, PartialDate(2023, 8, 1)))
        assert all(not v.visit_date.known or v.visit_date.month is None for v in events.visits), text


def test_a_grade_found_by_inspectors_then_dates_its_inspection_to_the_month():
    """"rated inadequate in May 2021, when inspectors found ...": the inspection was that month; a
    grade's month alone is its report's, so its inspection keeps only the year."""
    def inspection_date(text: str) -> PartialDate:
        events = article_events(build_context(text, PartialDate(2022, 3, 1)))
        (visit,) = [v for v in events.visits if v.visit_type == "inspection"]
        return visit.visit_date

    found = ("Stockport Council was rated inadequate in May 2021, when inspectors found children were left "
             "at risk. A monitoring visit in February found progress.")
    assert inspection_date(found) == PartialDate(2021, 5)
    reported = ("Stockport Council was rated inadequate in May 2021. A monitoring visit in February found "
                "progress.")
    assert inspection_date(reported) == PartialDate(2021)


def test_a_grade_from_an_inspection_early_in_an_earlier_year_is_that_year_s():
    """An article of September 2024 on the grade of an inspection in March 2023: the report came out
    in 2023 (reports follow the visit by weeks), not in the article's year. A November inspection
    may be reported in January, so the article's year stands for it."""
    def graded(month: str, published: PartialDate | None) -> list[tuple]:
        text = ("Stockport Council has published its plan for children's services. The council's services "
                f"were judged inadequate after an inspection in {month}.")
        return [(r.rating_date, r.relative_date) for r in extract_ratings(text, published)]

    assert graded("March 2023", PartialDate(2024, 9, 10)) == [(PartialDate(2023), None)]
    assert graded("March 2023", None) == [(PartialDate(2023), None)]
    assert graded("November 2023", PartialDate(2024, 1, 20)) == [(PartialDate(2024), None)]
    assert graded("March last year", None) == [(UNKNOWN_DATE, RelativeDate(-1))]


def test_a_previous_inspection_with_its_year_in_an_aside_gave_the_grade_of_its_predicate():
    """"Its previous inspection, in 2017, had rated the council good": the grade is that
    inspection's, not the article's new one."""
    text = ("Rochdale Borough Council was judged inadequate after inspectors visited in March. "
            "Its previous inspection, in 2017, had rated the council good.")
    assert sorted(ratings(text)) == [("Rochdale", "good", "overall_effectiveness", 2017),
                                     ("Rochdale", "inadequate", "overall_effectiveness", 2023)]


def test_a_grade_dated_by_its_report_in_the_new_year_is_the_late_inspection_s_of_its_sentence():
    """An inspection in November and its report "published this week" in January: one inspection,
    not a second one dated by the report."""
    text = ("Inspectors spent two weeks with Dudley Council's social workers last November, and their "
            "report, published this week, rates the service outstanding.")
    events = article_events(build_context(text, PartialDate(2025, 1, 22)))
    assert [(v.visit_type, str(v.visit_date)) for v in events.visits] == [("inspection", "2024-11")]
    assert [(r.judgement, r.rating_date.year) for r in events.ratings] == [("outstanding", 2025)]


def test_a_move_up_to_a_grade_is_achieved_not_aimed_at():
    text = ("Tameside Council's children's services, judged inadequate in 2019, have moved up to requires "
            "improvement to be good, Ofsted said.")
    assert sorted(ratings(text, PartialDate(2024, 5, 2))) == [
        ("Tameside", "inadequate", "overall_effectiveness", 2019),
        ("Tameside", "requires_improvement", "overall_effectiveness", 2024)]


@pytest.mark.parametrize("text, areas", [
    ("Ofsted rated Wirral Council's children's services good. Help and protection for children and families "
     "and the impact of leaders were both rated outstanding.", ["help_and_protection", "impact_of_leaders"]),
    ("Ofsted rated Wirral Council's children's services good, with inspectors judging the impact of its "
     "leaders to be outstanding.", ["impact_of_leaders"]),
    ("Ofsted rated Wirral Council's children's services good. Inspectors gave outstanding grades for help "
     "and protection and the impact of leaders.", ["help_and_protection", "impact_of_leaders"]),
])
def test_area_grades_phrased_by_reporters(text, areas):
    found = ratings(text, PartialDate(2024, 5, 2))
    assert found[0] == ("Wirral", "good", "overall_effectiveness", 2024)
    assert sorted(area for _, grade, area, _ in found[1:] if grade == "outstanding") == sorted(areas)
    assert len(found) == 1 + len(areas)


@pytest.mark.parametrize("kept", ["has held on to its", "has kept its", "retained its"])
def test_a_grade_kept_since_a_dated_award_is_also_the_new_one(kept):
    text = f"Solihull Council {kept} outstanding rating, first awarded in 2018, after an inspection in March."
    assert sorted(ratings(text, PartialDate(2024, 5, 2))) == [
        ("Solihull", "outstanding", "overall_effectiveness", 2018),
        ("Solihull", "outstanding", "overall_effectiveness", 2024)]


def test_a_grade_first_awarded_in_a_year_is_only_that_year_s():
    text = "Solihull Council's outstanding rating, first awarded in 2018, was praised by the minister."
    assert ratings(text, PartialDate(2024, 5, 2)) == [("Solihull", "outstanding", "overall_effectiveness", 2018)]


@pytest.mark.parametrize("dash", ["–", "—", "-"])
def test_a_list_of_area_grades_after_dashes(dash):
    text = ("Ofsted has rated Wirral Council's children's services good.\n\nThe grades\n\n"
            f"Help and protection {dash} Good\n\nCare leavers {dash} Outstanding\n\n"
            f"Impact of leaders {dash} Good")
    assert sorted(ratings(text, PartialDate(2024, 5, 2))) == [
        ("Wirral", "good", "help_and_protection", 2024),
        ("Wirral", "good", "impact_of_leaders", 2024),
        ("Wirral", "good", "overall_effectiveness", 2024),
        ("Wirral", "outstanding", "care_leavers", 2024)]


@pytest.mark.parametrize("move", ["moving up a grade from", "climbing two grades from", "dropping a grade from"])
def test_a_grade_moved_from_is_the_last_inspection_s(move):
    text = (f"Wirral Council's children's services have been rated good by Ofsted, {move} requires improvement. "
            "The council was last inspected in 2019.")
    assert sorted(ratings(text, PartialDate(2024, 5, 2))) == [
        ("Wirral", "good", "overall_effectiveness", 2024),
        ("Wirral", "requires_improvement", "overall_effectiveness", 2019)]


@pytest.mark.parametrize("since", ["maintaining the grade first awarded in 2018",
                                   "keeping the rating it was originally given in 2018",
                                   "a grade it has held since 2018",
                                   "the first full inspection since it was judged outstanding in 2018"])
def test_a_kept_grade_dated_in_a_later_clause_is_also_that_year_s(since):
    text = f"Solihull Council kept its outstanding rating after an inspection in March, {since}."
    assert sorted(ratings(text, PartialDate(2024, 5, 2))) == [
        ("Solihull", "outstanding", "overall_effectiveness", 2018),
        ("Solihull", "outstanding", "overall_effectiveness", 2024)]


def test_a_later_clause_about_another_grade_dates_no_earlier_award():
    text = ("Solihull Council was rated good after an inspection in March, having been judged inadequate "
            "in 2018.")
    assert sorted(ratings(text, PartialDate(2024, 5, 2))) == [
        ("Solihull", "good", "overall_effectiveness", 2024),
        ("Solihull", "inadequate", "overall_effectiveness", 2018)]


@pytest.mark.parametrize("move", ["moved up from", "climbed one grade from", "dropped a grade from"])
def test_the_grade_a_move_goes_to_is_the_new_inspection_s(move):
    text = f"Wirral's children's services have {move} good to requires improvement after an inspection in March."
    events = article_events(build_context(text, PartialDate(2024, 5, 2)))
    dated = {(r.judgement, r.rating_date.year) for r in events.ratings}
    assert dated == {("good", None), ("requires_improvement", 2024)}
    new = next(r for r in events.ratings if r.judgement == "requires_improvement")
    assert str(events.visits[new.visit_index].visit_date) == "2024-03"


@pytest.mark.parametrize("sentence", [
    "Wirral has moved up from inadequate, the grade it was given in 2021, to requires improvement to be good.",
    "Wirral Council has been rated requires improvement following an inspection earlier this year, up from "
    "inadequate in 2021."])
def test_the_grade_a_move_started_from_keeps_its_own_year(sentence):
    """A date in an apposition between the two grades of a move is the first one's; the grade after
    'up from' needs no rating verb of its own."""
    assert sorted(ratings(sentence, PartialDate(2025, 6, 6))) == [
        ("Wirral", "inadequate", "overall_effectiveness", 2021),
        ("Wirral", "requires_improvement", "overall_effectiveness", 2025)]


def test_a_council_after_while_has_its_own_grades():
    text = ("Bolton Council kept its good rating following an inspection in April, while Wigan Council was "
            "judged outstanding – climbing from the good grade it was given in 2019.")
    assert sorted(ratings(text)) == [("Bolton", "good", "overall_effectiveness", 2023),
                                     ("Wigan", "good", "overall_effectiveness", 2019),
                                     ("Wigan", "outstanding", "overall_effectiveness", 2023)]


def test_a_grade_kept_in_the_main_clause_is_not_made_past_by_the_earlier_one_after_it():
    text = ("Children's services in Wigan remain inadequate, Ofsted has said, nearly three years after the "
            "council was first given the lowest rating.\n\nInspectors who visited the borough in March found "
            "that too many children waited.")
    events = article_events(build_context(text, PartialDate(2025, 7, 1)))
    assert "2025-03" in {str(v.visit_date) for v in events.visits}
    assert "unknown" not in {str(v.visit_date) for v in events.visits}


def test_a_grade_n_years_before_a_date_written_earlier_in_its_sentence_is_that_year_s():
    text = ("Wigan's children's services were rated good by Ofsted in May.\n\nCommissioners did not leave the "
            "council until June 2016, two years after inspectors had judged the service inadequate.")
    assert ("Wigan", "inadequate", "overall_effectiveness", 2014) in ratings(text, PartialDate(2025, 7, 1))


@pytest.mark.parametrize(("published", "year"), [(PartialDate(2025, 6, 6), 2025), (PartialDate(2025, 2, 6), None)])
def test_an_undated_new_inspection_is_of_the_article_s_year_from_march(published, year):
    """A report follows its visit by weeks: an article of June reports that year's inspection, one of
    February may report December's."""
    text = "Wirral Council has been rated outstanding in every area, Ofsted's report says."
    events = article_events(build_context(text, published))
    assert [v.visit_date.year for v in events.visits] == [year]


def test_an_undated_article_s_new_grade_is_not_the_same_grade_given_years_before():
    text = ("Wirral children's services remain inadequate, Ofsted said.\n\nThe council was first rated "
            "inadequate in 2021.")
    events = article_events(build_context(text))
    assert sorted(str(r.rating_date) for r in events.ratings) == ["2021", "unknown"]


def test_a_grade_received_for_the_first_time_is_the_new_one():
    """"the first time it has received the highest grade" says the new grade is a first, not that
    the grade was given before."""
    text = ("Ofsted has judged Darlington Council's children's services outstanding after an inspection in May.\n"
            "It is the first time the council has received the regulator's highest grade. At its previous "
            "inspection, in 2021, Darlington was rated good.")
    assert sorted(ratings(text, PartialDate(2025, 7, 2))) == [
        ("Darlington", "good", "overall_effectiveness", 2021),
        ("Darlington", "outstanding", "overall_effectiveness", 2025)]


def test_a_grade_held_since_a_year_was_given_that_year():
    """"rated inadequate since 2022" dates the grade to 2022, though "since" opens a new clause."""
    text = ("Ofsted has written to Swindon Borough Council after its second monitoring visit to the council, "
            "which has been rated inadequate since 2022. The visit, in May, looked at children in care.")
    assert ratings(text, PartialDate(2025, 7, 2)) == [("Swindon", "inadequate", "overall_effectiveness", 2022)]


def test_an_earlier_grade_in_brackets_on_a_list_line():
    """A list of councils' grades gives each one's earlier grade in brackets after the new one."""
    text = ("Ofsted published reports on Kent and Wigan this week.\n\n"
            "Kent - overall effectiveness: good (previously requires improvement, 2020)\n"
            "Wigan - overall effectiveness: outstanding (formerly good, 2019)\n")
    assert sorted(ratings(text, PartialDate(2025, 7, 2))) == [
        ("Kent", "good", "overall_effectiveness", 2025),
        ("Kent", "requires_improvement", "overall_effectiveness", 2020),
        ("Wigan", "good", "overall_effectiveness", 2019),
        ("Wigan", "outstanding", "overall_effectiveness", 2025)]


def test_a_grade_in_a_predicate_joined_to_the_inspection_is_that_inspection_s():
    """", and rated it ..." is what the inspection named earlier in the sentence gave, even past an
    aside, so the grade takes that inspection's date, not the article's."""
    text = ("Leeds City Council's children's services have been judged outstanding by Ofsted.\n\n"
            "The council's previous inspection, in 2018, came soon after a restructure, and rated Leeds "
            "good. When inspectors arrived for a focused visit two years ago they found steady progress, "
            "and judged it still on track.")
    assert sorted(ratings(text, PartialDate(2025, 7, 2))) == [
        ("Leeds", "good", "overall_effectiveness", 2018),
        ("Leeds", "outstanding", "overall_effectiveness", 2025)]


@pytest.mark.parametrize("text, expected", [
    ("Ofsted's inspection in 2021 left Slough Borough Council's children's services inadequate.",
     [("Slough", "inadequate", "overall_effectiveness", 2021)]),
    ("Slough's director of children's services left the council in good shape in 2021.", []),
    ("Some care leavers in Slough were left in inadequate housing in 2021.", []),
])
def test_an_inspection_that_left_the_council_with_a_grade(text, expected):
    """'left/leaves X <grade>' states the grade the inspection gave, a bare 'left' does not."""
    assert ratings(text, PartialDate(2025, 7, 2)) == expected
