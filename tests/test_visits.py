"""Visit mentions: which inspection events an article reports, one mention per event.

Every text here is a short one written for the test."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from inspections.records import UNKNOWN_DATE, PartialDate
from inspections.text import literal_starts
from inspections.visits import Caseless, _trigger_starts, build_context, extract_visits


def visits(text: str, published: PartialDate | None = UNKNOWN_DATE) -> list[tuple]:
    return [(v.authority_name, v.visit_type, v.sequence, v.focus, str(v.visit_date))
            for v in extract_visits(text, published)]


def test_graded_inspection_with_its_date():
    text = "Ofsted inspected Barnet Council's children's services in May 2019 and rated them good."
    assert visits(text) == [("Barnet", "inspection", None, None, "2019-05")]


@pytest.mark.parametrize("phrase", [
    "a full inspection in March", "a standard inspection in March", "a short inspection in March",
    "a re-inspection in March", "an ILACS inspection in March",
])
def test_kinds_of_graded_inspection(phrase):
    text = f"Wigan Council's children's services were rated good by Ofsted after {phrase}."
    assert visits(text, PartialDate(2023, 5, 1)) == [("Wigan", "inspection", None, None, "2023-03")]


def test_inspected_verb():
    text = ("Halton Borough Council's children's services were given a 'requires improvement' grading "
            "after being inspected in November.")
    assert visits(text, PartialDate(2015, 2, 3)) == [("Halton", "inspection", None, None, "2014-11")]


def test_monitoring_visit_ordinal_and_repeated_mentions_are_one_event():
    text = ("Ofsted's monitoring visit to Wigan found progress.\n"
            "Inspectors published their report on 11 April 2019 after their monitoring visit to the council "
            "on 19 and 20 March 2019. It was their sixth and final visit since the council was judged "
            "inadequate in April 2017.")
    found = extract_visits(text)
    monitoring = [v for v in found if v.visit_type == "monitoring_visit"]
    assert len(monitoring) == 1
    v = monitoring[0]
    assert (v.sequence, str(v.visit_date), str(v.published_date)) == (6, "2019-03-19", "2019-04-11")
    # the judgement it refers back to is an inspection of its year
    assert ("Wigan", "inspection", None, None, "2017") in visits(text)


def test_a_visit_named_plainly_takes_the_kind_the_article_gives():
    text = ("Barnet's children's services continue to improve, Ofsted inspectors found following a visit "
            "to the borough in November.\nIt was the fifth monitoring visit Ofsted have carried out since "
            "the council's children's services were judged to be inadequate.")
    found = [v for v in visits(text) if v[1] == "monitoring_visit"]
    assert found == [("Barnet", "monitoring_visit", 5, None, "unknown")]


def test_an_event_referred_back_to_stays_apart_from_the_one_reported():
    text = ("Progress in Barnet Council's children's services has been consistent, according to inspectors "
            "in a recent monitoring visit.\nStaff were consolidating improvements made since the first "
            "monitoring visit late last year.")
    found = sorted((v for v in visits(text) if v[1] == "monitoring_visit"), key=repr)
    assert found == [("Barnet", "monitoring_visit", 1, None, "unknown"),
                     ("Barnet", "monitoring_visit", None, None, "unknown")]


def test_ordinal_given_by_the_copula_and_focus_by_the_next_sentence():
    text = ("Trafford Council's children's services are making progress, Ofsted's monitoring visit finds.\n"
            "The visit, which took place on 14 and 15 February, was the third since the council was judged "
            "inadequate in March 2022. It focused on children in care and care leavers.")
    found = [v for v in visits(text, PartialDate(2023, 3, 20)) if v[1] == "monitoring_visit"]
    assert found == [("Trafford", "monitoring_visit", 3, "children in care and care leavers", "2023-02-14")]


def test_the_inspection_in_a_jtai_article_is_the_jtai():
    text = ("A joint targeted area inspection of the multi-agency response to children living with domestic "
            "abuse in Bristol has found that agencies work well together.\nOfsted, the Care Quality "
            "Commission and HM Inspectorate of Probation carried out the inspection in May 2023.")
    assert visits(text) == [("Bristol", "jtai", None, "children living with domestic abuse", "2023-05")]


def test_monitoring_focus_in_the_area_of():
    text = ("In the third monitoring visit since the authority was judged to be inadequate, inspectors "
            "reviewed the progress made in the area of vulnerable adolescents in Barnet.")
    found = [v for v in visits(text) if v[1] == "monitoring_visit"]
    assert found == [("Barnet", "monitoring_visit", 3, "vulnerable adolescents", "unknown")]


@pytest.mark.parametrize("text", [
    "Halton received its second monitoring visit in March. Inspectors looked at the front door.",
    "Halton's second monitoring visit, which examined the front door, found progress.",
])
def test_monitoring_focus_on_the_front_door(text):
    found = [v for v in visits(text) if v[1] == "monitoring_visit"]
    assert [(v[2], v[3]) for v in found] == [(2, "the front door")]


def test_focused_visit_reported_by_a_letter_with_its_cohort():
    text = ("Barnet Council's services for children in care have continued to improve, according to Ofsted.\n"
            "In a letter published on August 2 following a visit at the end of June, the inspector "
            "highlighted several positive findings.")
    assert visits(text) == [("Barnet", "focused_visit", None, "children in care", "unknown")]


def test_focused_visit_with_a_cohort_named_before_it():
    text = ("Ofsted inspectors have raised concerns about support for care leavers in Norfolk following a "
            "focused visit in September.")
    assert visits(text, PartialDate(2023, 11, 1)) == [("Norfolk", "focused_visit", None, "care leavers", "2023-09")]


def test_focused_visit_named_with_its_focus():
    text = ("Ofsted's focused visit to Stockport in October looked at the council's arrangements for "
            "children in need and those subject to a child protection plan.")
    assert visits(text, PartialDate(2022, 12, 12)) == [
        ("Stockport", "focused_visit", None,
         "children in need and those subject to a child protection plan", "2022-10")]


def test_inspectors_from_several_inspectorates_visited_dates_the_jtai():
    """"Inspectors from Ofsted, the CQC and HMICFRS visited the city in May": the subject is long,
    and it names the inspectors first."""
    text = ("A joint targeted area inspection has praised agencies in Leeds.\n\nInspectors from Ofsted, the "
            "Care Quality Commission (CQC) and the inspectorate of probation for England visited the city in "
            "May to look at the response to children living with neglect.")
    assert [(v[1], v[4]) for v in visits(text, PartialDate(2024, 7, 2))] == [("jtai", "2024-05")]


def test_jtai_with_its_theme_and_a_joint_inspection_by_partner_inspectorates():
    text = ("Statement on Joint Targeted Area Inspection (JTAI) of Child Sexual Abuse in the Family "
            "Environment\n\nCornwall Council has welcomed a recent joint targeted area inspection.\n"
            "Ofsted, the Care Quality Commission and HMI Probation undertook a joint inspection in October.")
    assert visits(text, PartialDate(2018, 11, 20)) == [
        ("Cornwall", "jtai", None, "child sexual abuse in the family environment", "2018-10")]


def test_a_joint_inspection_without_partner_inspectorates_is_not_a_jtai():
    text = "Barnet Council and the police carried out a joint inspection of the town centre in May 2019."
    assert [v for v in visits(text) if v[1] == "jtai"] == []


@pytest.mark.parametrize("text", [
    "Barnet Council is preparing for the next inspection of its children's services by Ofsted.",
    "A full inspection of Barnet's children's services will take place by Autumn 2019.",
    "Barnet's children's services were assessed under the single inspection framework by Ofsted.",
    "Inspectors identified during the previous monitoring visits to Barnet that plans were weak.",
    "Ofsted will carry out a monitoring visit to Barnet in the spring.",
    "Barnet Council's children's services are expecting Ofsted inspectors to return next year.",
    "A primary school in Barnet was inspected by Ofsted in May 2019.",
    "A total of 44 authorities have had inspection results published; Barnet is among those inspected so far.",
    "Councils rated good receive a short inspection every three years, Barnet Council said.",
    "Barnet nursery school judged inadequate after inspection",
])
def test_not_visits(text):
    assert visits(text, PartialDate(2019, 6, 1)) == []


def test_future_date_is_not_a_visit():
    text = "Ofsted's inspection of Barnet Council's children's services in October 2025 will be its first."
    assert visits(text, PartialDate(2025, 3, 1)) == []


def test_past_judgement_implies_an_inspection_of_its_year():
    text = "Devon County Council's children's services were first rated inadequate in March 2020."
    assert visits(text, PartialDate(2025, 5, 1)) == [("Devon", "inspection", None, None, "2020")]


def test_authority_named_in_the_sentence_else_the_article_s():
    text = ("Leeds City Council's children's services have been rated outstanding, while Calderdale "
            "Council has achieved a good rating.\nInspectors who visited Leeds in October praised leaders.\n"
            "The government intervened in Calderdale in 2013. An inspection in November has resulted in "
            "a good rating.")
    found = visits(text, PartialDate(2018, 12, 19))
    assert ("Leeds", "inspection", None, None, "2018-10") in found
    assert ("Calderdale", "inspection", None, None, "2018-11") in found
    assert len(found) == 2


def test_a_partner_council_is_not_the_one_visited():
    text = ("Barnet Council's children's services have improved.\nThrough a partnership with Essex County "
            "Council, services have improved, according to inspectors in a recent monitoring visit.")
    assert visits(text) == [("Barnet", "monitoring_visit", None, None, "unknown")]


def test_a_council_only_a_speaker_names_does_not_become_the_context():
    text = ("Dorset Council children's services rated requires improvement\n\n"
            "Councillors met last night. One said: \"The Somerset model would have served us better.\"\n\n"
            "The service was rated requires improvement after inspectors visited in November.")
    assert visits(text, PartialDate(2025, 1, 20)) == [("Dorset", "inspection", None, None, "2024-11")]


def test_coordinated_authorities_share_the_event():
    text = ("Both Halton Borough Council, in the north west, and Hull City Council, in East Yorkshire, "
            "were given a requires improvement grading by Ofsted after being inspected in November.")
    assert sorted(visits(text, PartialDate(2015, 2, 3))) == [
        ("Halton", "inspection", None, None, "2014-11"),
        ("Kingston upon Hull", "inspection", None, None, "2014-11")]


def test_authority_in_a_capitalised_section_heading():
    text = ("Round-up of this month's Ofsted reports on Hull City Council and others\n\n"
            "Hull City Council's services were judged good in 2019.\n\n"
            "BARKING AND DAGENHAM: good\n\n"
            "A short inspection in January confirmed the borough's services are good.")
    found = visits(text, PartialDate(2023, 2, 24))
    assert ("Barking and Dagenham", "inspection", None, None, "2023-01") in found


def test_relative_clause_gives_the_date():
    text = ("Ofsted has today published the report of its inspection of children's services in Bolton, "
            "which took place between 15 January and 2 February 2024.")
    assert visits(text, PartialDate(2024, 3, 19)) == [("Bolton", "inspection", None, None, "2024-01-15")]


@settings(max_examples=200, deadline=None)
@given(st.text(max_size=400))
def test_any_text_never_raises_and_evidence_is_exact(text):
    for v in extract_visits(text):
        assert text[v.char_start:v.char_end] == v.evidence


VOCAB = st.lists(st.sampled_from([
    "Barnet Council", "Wigan", "the council", "inspection", "monitoring visit", "the fifth", "focused visit",
    "joint targeted area inspection", "visited", "inspected", "in May 2019", "last year", "rated", "judged",
    "inadequate", "good", " since ", " following ", ", which ", ".", "\n", " ", "Ofsted", "letter", "CQC",
    "children in care", "in the area of", "‘", "’", "\"", "will", "next", "previous",
]), max_size=60).map("".join)


@settings(max_examples=300, deadline=None)
@given(VOCAB, st.sampled_from([None, UNKNOWN_DATE, PartialDate(2020, 5, 5)]))
def test_vocabulary_soup_never_raises_and_evidence_is_exact(text, published):
    for v in extract_visits(text, published):
        assert text[v.char_start:v.char_end] == v.evidence
        assert v.visit_type in ("inspection", "monitoring_visit", "focused_visit", "jtai", "other")


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet=st.one_of(st.sampled_from(list("previously PREVIOUSLY Ofsted ıſİK \n,.")), st.characters()),
               max_size=80))
def test_a_caseless_expression_finds_what_its_case_insensitive_self_finds(text: str):
    cue = Caseless(r"\b(?:previously|ofsted|it\s+is)\b")
    ctx = build_context(text)
    for start in range(0, len(text) + 1, 7):
        assert cue.search(ctx, start, len(text)) == bool(cue.pattern.search(text, start, len(text)))
        assert [m.span() for m in cue.finditer(ctx, start, len(text))] == \
            [m.span() for m in cue.pattern.finditer(text, start, len(text))]
    assert cue.search_copy(text, ctx.caseless) == bool(cue.pattern.search(text))


TRIGGER_WORDS = ("inspect", "re-inspect", "reinspect", "visit", "revisit", "monitoring", "joint", "jtai", "focus",
                 "assessment")


@settings(max_examples=500, deadline=None)
@given(st.lists(st.sampled_from([*TRIGGER_WORDS, "re", "r", "e", "-", " ", "x", "ion"]), max_size=12).map("".join))
def test_trigger_starts_are_where_the_trigger_words_and_their_re_forms_start(text: str):
    assert _trigger_starts(text) == literal_starts(text, TRIGGER_WORDS)


def test_a_provider_in_an_aside_before_the_main_clause_does_not_stop_the_inspection():
    text = ("Barnet's children's services, which run two children's homes, were rated good after an "
            "inspection in May.")
    assert visits(text, PartialDate(2024, 7, 1)) == [("Barnet", "inspection", None, None, "2024-05")]


def test_a_plain_visit_does_not_take_the_kind_of_a_past_visit():
    """"Inspectors spent a fortnight there last October ... A focused visit two years ago ...": the
    visit the article reports is not a focused visit because an old one was."""
    text = ("Inspectors spent a fortnight with Dudley Council's social workers last October. "
            "A focused visit two years ago had looked at care leavers.")
    assert visits(text, PartialDate(2025, 2, 10)) == [("Dudley", "inspection", None, None, "2024-10"),
                                                      ("Dudley", "focused_visit", None, "care leavers", "2023")]


def test_a_trust_named_after_an_abolished_county_runs_the_successor_s_services():
    """"Cumbria Children's Trust" in an article on Cumberland is Cumberland's provider; the former
    county council named in an aside is not whom the next sentence's inspectors visited."""
    text = ("Cumberland Council's children's services require improvement, Ofsted says.\n\n"
            "Services are run by Cumbria Children's Trust, set up after the former Cumbria County "
            "Council was rated inadequate in 2019.\n\n"
            "Inspectors who visited in May found that the trust had made progress.")
    assert visits(text, PartialDate(2025, 7, 1)) == [("Cumbria", "inspection", None, None, "2019"),
                                                     ("Cumberland", "inspection", None, None, "2025-05")]


def test_a_county_council_the_article_says_was_replaced_keeps_its_own_inspections():
    """"North Yorkshire County Council was replaced by ..." then "North Yorkshire County Council had
    been rated inadequate in 2016": that grade is the abolished council's, while the new one and
    the inspectors' visit after the aside are the successor's."""
    text = ("North Yorkshire children's services rated good.\n\n"
            "North Yorkshire has been rated good in its first inspection since North Yorkshire County "
            "Council was replaced by a unitary council.\n\n"
            "North Yorkshire County Council had been rated inadequate in 2016.\n\n"
            "Inspectors who visited in March said social workers knew children well.")
    found = visits(text, PartialDate(2025, 6, 1))
    assert ("North Yorkshire County Council", "inspection", None, None, "2016") in found
    assert ("North Yorkshire", "inspection", None, None, "2025-03") in found
    assert not any(v[0] == "North Yorkshire" and v[4] == "2016" for v in found)


def test_a_county_council_named_beside_its_successor_without_a_reorganisation_is_the_successor():
    text = ("North Yorkshire County Council has been rated outstanding. "
            "North Yorkshire's leaders were praised by inspectors who visited in March.")
    assert {v[0] for v in visits(text, PartialDate(2025, 6, 1))} == {"North Yorkshire"}


def test_an_unnumbered_visit_is_the_numbered_one_named_just_before_it():
    """"... its third monitoring visit. The visit, carried out in late May, ...": the third, not the
    second one dated only to the year ("in the spring") later in the article."""
    text = ("Ofsted has published a letter on the third monitoring visit to Torbay Council. The visit, "
            "carried out in late May, looked at care leavers.\n\nAt the previous, second monitoring visit in "
            "the spring, inspectors looked at children in care.")
    assert visits(text, PartialDate(2024, 7, 10)) == [
        ("Torbay", "monitoring_visit", 3, "care leavers", "2024-05"),
        ("Torbay", "monitoring_visit", 2, "children in care", "2024")]


def test_a_list_of_links_to_other_stories_names_no_visit():
    text = ("Wirral children's services rated good\n\nOfsted inspected Wirral Council in March 2024 and rated "
            "its services good.\n\nRelated stories\n\nSefton children's services judged inadequate after inspection"
            "\n\nCouncil tax to rise by five per cent")
    assert [v.authority_name for v in extract_visits(text, PartialDate(2024, 5, 2))] == ["Wirral"]


@pytest.mark.parametrize("whose", ["the council's", "its"])
def test_a_front_door_named_as_someone_s_is_front_door(whose):
    text = f"Halton's second monitoring visit in March, which focused on {whose} front door, found progress."
    found = [v for v in visits(text) if v[1] == "monitoring_visit"]
    assert [(v[2], v[3]) for v in found] == [(2, "front door")]


@pytest.mark.parametrize("cohort, focus", [
    ("children who are victims of domestic abuse", "children who are victims of domestic abuse"),
    ("children affected by neglect", "children affected by neglect"),
    ("domestic abuse", "domestic abuse"),
])
def test_a_jtai_theme_keeps_the_children_it_names(cohort, focus):
    text = f"A joint targeted area inspection in Halton in May 2024 examined the response to {cohort}."
    assert [v[3] for v in visits(text) if v[1] == "jtai"] == [focus]


def test_a_visit_by_the_inspectorates_takes_the_joint_inspection_s_theme():
    text = ("Agencies in Halton must improve, a joint targeted area inspection found.\n\n"
            "Inspectors from Ofsted, the CQC and HMICFRS visited Halton in May 2024 to examine the response to "
            "children at risk of criminal exploitation.")
    assert [v[3] for v in visits(text, PartialDate(2024, 7, 1)) if v[1] == "jtai"] == [
        "children at risk of criminal exploitation"]


@pytest.mark.parametrize("links", [
    "Read more: Sefton children's services judged inadequate after inspection",
    "Related Topics\nSefton Council\nOfsted",
])
def test_links_under_a_heading_or_after_one_name_no_visit(links):
    text = ("Ofsted inspected Wirral Council in March 2024 and rated its services good.\n\n"
            f"{links}\n\nThe council's leader said staff deserved the credit.")
    assert [v.authority_name for v in extract_visits(text, PartialDate(2024, 5, 2))] == ["Wirral"]


def test_a_council_after_while_is_the_subject_of_the_clauses_after_it():
    text = ("Bolton Council kept its good rating, while Wigan Council was judged outstanding – up from "
            "the good grade it was given in 2019.")
    ctx = build_context(text, PartialDate(2023, 6, 15))
    pos = text.rindex("good")
    assert [ctx.names[c] for c in ctx.authorities_for(pos, pos + 4)] == ["Wigan"]


def test_a_jtai_naming_the_police_and_youth_justice_is_still_the_area_s_inspection():
    text = ("Agencies in Dorset must do more, inspectors say.\n\nThe joint targeted area inspection by Ofsted, "
            "the CQC, HMICFRS and HMIP took place in May and looked at how the council, police and youth "
            "justice services respond to children at risk of exploitation.")
    assert [v[:2] + v[4:] for v in visits(text, PartialDate(2025, 7, 1))] == [("Dorset", "jtai", "2025-05")]


def test_an_inspection_over_a_span_of_months_is_one_visit_from_its_start():
    """"in late November and early December, in an inspection under ..." is one inspection that
    began in November, not a second one in December."""
    text = ("Derbyshire County Council's children's services have been rated good.\n\n"
            "The services were inspected over three weeks in late November and early December, in an "
            "inspection under the ILACS framework.")
    assert [(v.visit_type, str(v.visit_date)) for v in extract_visits(text, PartialDate(2026, 1, 20))] == [
        ("inspection", "2025-11")]
