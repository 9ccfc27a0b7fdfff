"""Relevance: whether an article is about an Ofsted judgement or visit of children's services.

Every text here is a short one written for the test."""

from __future__ import annotations

from inspections.relevance import is_relevant, lead_is_about_a_provider


def test_a_school_lead_about_its_safeguarding_is_about_the_school():
    """A school's safeguarding judged "not effective" does not make its lead one about a council's
    children's services, even where the council is named later."""
    text = ("Wigan academy rated inadequate as safeguarding 'not effective'\n\n"
            "A secondary school in Wigan has been rated inadequate by Ofsted, with inspectors finding that "
            "safeguarding was not effective.\n\nA spokesperson for Wigan Council said it would support "
            "the school.")
    assert lead_is_about_a_provider(text)
    assert not is_relevant(text, ["inspection"], 1)


def test_a_council_lead_naming_its_children_s_homes_stays_about_the_council():
    text = ("Wigan Council's children's services rated good\n\nOfsted inspectors praised safeguarding and "
            "the council's two children's homes.")
    assert not lead_is_about_a_provider(text)
    assert is_relevant(text, ["inspection"], 1)


def test_a_fostering_agency_lead_is_about_the_agency():
    """An independent agency based in a council's area is inspected on its own, not the council."""
    text = ("Fostering agency rated inadequate\n\nAn independent fostering agency based in Knowsley has "
            "been rated inadequate by Ofsted after inspectors found checks on carers incomplete.\n\n"
            "Knowsley Council said it was reviewing its placements with the agency.")
    assert lead_is_about_a_provider(text)
    assert not is_relevant(text, ["inspection"], 1)


def test_a_council_fostering_agency_named_beside_its_children_s_services_stays_about_the_council():
    text = ("Knowsley children's services rated good\n\nOfsted praised Knowsley Council's children's services "
            "and the fostering agency it runs.")
    assert not lead_is_about_a_provider(text)
    assert is_relevant(text, ["inspection"], 1)


def test_a_headline_about_adult_social_care_is_not_about_children_s_services():
    """The adult care regulator's grade of a council is not Ofsted's, even where the article says
    how Ofsted inspects the council's children's services; a headline naming children stays."""
    body = ("\n\nThe regulator, which assesses councils much as Ofsted inspects children's services, "
            "found that inspectors saw long waits. Most councils were rated good.")
    assert not is_relevant("Midshire adult social care rated inadequate by CQC" + body, ["inspection"], 1)
    assert not is_relevant("Care Quality Commission says council's care for older people is good" + body,
                           ["inspection"], 1)
    assert is_relevant("CQC and Ofsted find failings in Midshire's services for children with SEND" + body,
                       ["other"], 1)
