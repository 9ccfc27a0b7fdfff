"""Direct quotations and their speakers, on short texts written for these tests."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from inspections.attribution import (_SPEECH_VERB_L, _SPEECH_VERBS, _TRAILING_ADVERBS, _verbs_by_sentence,
                                     _verbs_in)
from inspections.quotes import extract_quotes
from inspections.text import Span

SHARED = Path(__file__).resolve().parents[1].parent / "shared"
ARTICLES = sorted((SHARED / "seeds").glob("*.txt")) + sorted((SHARED / "dev" / "articles").glob("*.txt"))


def only(text: str):
    quotes = extract_quotes(text)
    assert len(quotes) == 1, quotes
    return quotes[0]


def assert_exact(text: str, quotes) -> None:
    for q in quotes:
        assert text[q.char_start:q.char_end] == q.text


# --- quotation marks -----------------------------------------------------------------------------

def test_curly_quote_with_attribution_before():
    text = ("Kirkby Council's services have improved.\n\n"
            "Cllr Ann Hale, cabinet member for children, said: “We are delighted with what the "
            "inspectors saw in our teams.”\n")
    q = only(text)
    assert q.text == "We are delighted with what the inspectors saw in our teams."
    assert q.speaker_name == "Ann Hale"
    assert q.speaker_type == "councillor"
    assert q.speaker_role == "cabinet member for children"
    assert q.speaker_organisation == "Kirkby Council"
    assert_exact(text, [q])


def test_straight_quotes():
    text = 'Tom Reed, the director of children\'s services, said: "We have more to do for our families."\n'
    q = only(text)
    assert q.text == "We have more to do for our families."
    assert q.speaker_name == "Tom Reed"
    assert q.speaker_type == "council_officer"


def test_single_quotes_as_quotation_marks_and_apostrophes_inside_words():
    text = ("The inspectors’ letter said: ‘The council’s children’s services are now much stronger "
            "than they were.’\n")
    q = only(text)
    assert q.text == "The council’s children’s services are now much stronger than they were."
    assert q.speaker_type == "ofsted" and q.speaker_name is None


def test_possessive_s_apostrophe_does_not_close_a_single_quote():
    text = "The report said: ‘Most parents’ views are sought and recorded in every plan.’\n"
    assert only(text).text == "Most parents’ views are sought and recorded in every plan."


def test_quotation_over_several_paragraphs_is_one_row():
    text = ("Jo Bell, the lead inspector, wrote: “Leaders know their services well and act on what they find.\n\n"
            "“Staff feel supported and caseloads are manageable in every team we visited.”\n\n"
            "The council welcomed the letter.\n")
    q = only(text)
    assert q.text.startswith("Leaders know their services well")
    assert q.text.endswith("in every team we visited.")
    assert "\n" in q.text  # spans from the first opening to the last closing mark
    assert q.speaker_name == "Jo Bell" and q.speaker_type == "ofsted"
    assert_exact(text, [q])


def test_unclosed_quote_runs_to_paragraph_end_when_the_next_does_not_continue_it():
    text = ('The report concludes: "Most children are safe and well supported by their social workers.\n\n'
            'Cllr Sam Oduya said: "We will keep going until every child gets the help they need."\n')
    first, second = extract_quotes(text)
    assert first.text == "Most children are safe and well supported by their social workers."
    assert first.speaker_type == "ofsted"
    assert second.speaker_name == "Sam Oduya" and second.speaker_type == "councillor"


def test_unclosed_quote_at_the_end_of_a_truncated_article_runs_to_the_end():
    text = ("Ofsted rated the council good.\n\n"
            "Cllr Pat Lowe, leader of the council, added: “This is a result for every one of our social workers and")
    q = only(text)
    assert q.text == "This is a result for every one of our social workers and"
    assert q.char_end == len(text)
    assert q.speaker_name == "Pat Lowe" and q.speaker_type == "councillor"


# --- attribution ---------------------------------------------------------------------------------

def test_attribution_after_the_quote_names_the_document():
    text = "“Children are seen regularly and their plans are reviewed on time,” said the report.\n"
    q = only(text)
    assert q.speaker_name is None and q.speaker_type == "ofsted"
    assert q.text == "Children are seen regularly and their plans are reviewed on time,"


def test_attribution_after_with_subject_first():
    text = "“Too many families wait months for an assessment of their needs,” the letter states.\n"
    assert only(text).speaker_type == "ofsted"


def test_a_letter_addressed_to_a_person_is_still_the_document_speaking():
    text = ('The letter from Ofsted to the director, Ruth Moss, said: "Assessments are timely and '
            'capture the views of children well."\n')
    q = only(text)
    assert q.speaker_name is None and q.speaker_type == "ofsted"


def test_he_added_resolves_to_the_most_recent_person():
    text = ("Mark Dunn, executive director of children's services, said the result was deserved.\n\n"
            "He added: “It is about putting children first in every decision we take.”\n")
    q = only(text)
    assert q.speaker_name == "Mark Dunn" and q.speaker_type == "council_officer"


def test_surname_and_title_resolve_to_the_full_name_first_given():
    text = ("Ofsted inspector Lucy Hart led the visit in May.\n\n"
            "Ms Hart wrote: “Social workers know their children well and visit them regularly.”\n")
    q = only(text)
    assert q.speaker_name == "Lucy Hart" and q.speaker_type == "ofsted"


def test_unnamed_inspector_is_the_inspector_named_later():
    text = ("An inspector from the watchdog praised the “calm and confident leadership of the service "
            "since the spring”.\n\n"
            "She added that the “vast majority of families receive help at the right time”.\n\n"
            "In a letter published on Friday, Ofsted inspector Nia Evans set out her findings.\n")
    quotes = extract_quotes(text)
    assert [q.speaker_name for q in quotes] == ["Nia Evans", "Nia Evans"]
    assert all(q.speaker_type == "ofsted" for q in quotes)


def test_it_refers_back_to_the_report():
    text = ("The report was published on Monday.\n\n"
            "It also reveals the borough has seen a “sharp rise in the number of children in care”.\n")
    q = only(text)
    assert q.speaker_name is None and q.speaker_type == "ofsted"


def test_embedded_phrase_after_inspectors_said():
    text = "Inspectors said staff were “positive about working in the county and well supported”.\n"
    q = only(text)
    assert q.speaker_type == "ofsted" and q.speaker_name is None


def test_paragraph_that_is_only_a_quotation_continues_the_speaker_before_it():
    text = ("Cllr Dee Grant said: “We are proud of our staff and what they have achieved.”\n\n"
            "“We will now focus on the areas the inspectors asked us to improve.”\n")
    quotes = extract_quotes(text)
    assert [q.speaker_name for q in quotes] == ["Dee Grant", "Dee Grant"]


def test_speaker_named_with_role_first_and_adding():
    text = ("“Today’s report shows how well the council listens to children,” Ofsted’s regional director, "
            "Amy Lord, said, adding: “I was pleased to read about the work with families.”\n")
    quotes = extract_quotes(text)
    assert [q.speaker_name for q in quotes] == ["Amy Lord", "Amy Lord"]
    assert all(q.speaker_type == "ofsted" and q.speaker_organisation == "Ofsted" for q in quotes)
    assert quotes[0].speaker_role == "regional director"


def test_titles_before_names():
    text = ("County Councillor Raj Patel, lead member for children, said: “We accept every one of the "
            "findings in full.”\n\n"
            "Mayor Kay Lin said: “This is a proud day for everyone who works with our children.”\n")
    a, b = extract_quotes(text)
    assert (a.speaker_name, a.speaker_type) == ("Raj Patel", "councillor")
    assert (b.speaker_name, b.speaker_type, b.speaker_role) == ("Kay Lin", "councillor", "mayor")


def test_pronoun_respects_gender_from_titles():
    text = ("Mr Cole, the council's chief executive, welcomed the report. Ms Ford, the inspector, "
            "had visited in March.\n\n"
            "He said: “We are grateful to the inspectors for their careful work.”\n")
    assert only(text).speaker_name == "Mr Cole"


# --- what is not a quotation ---------------------------------------------------------------------

def test_scare_quotes_are_not_quotes():
    text = ('Progress has been "consistent" and staff are "tenacious", inspectors said, calling the '
            'service "much improved" overall.\n')
    assert extract_quotes(text) == []


def test_six_word_embedded_phrase_is_a_quote():
    text = "But it adds that some plans are “not of a consistently good quality”.\n"
    assert only(text).text == "not of a consistently good quality"


def test_quoted_title_with_acronym_is_not_a_quote():
    text = ("Leeds is the fifth council rated outstanding under the ‘inspection of local authority "
            "children’s services’ (ILACS) framework.\n")
    assert extract_quotes(text) == []


def test_empty_and_quote_free_texts():
    assert extract_quotes("") == []
    assert extract_quotes("No quotation marks here at all.") == []


# --- every span is exact ---------------------------------------------------------------------------

@pytest.mark.parametrize("path", ARTICLES, ids=lambda p: p.name)
def test_spans_are_exact_on_real_articles(path: Path):
    text = path.read_text(encoding="utf-8")
    quotes = extract_quotes(text)
    assert_exact(text, quotes)
    assert all(len(q.text.split()) >= 6 for q in quotes)


QUOTE_HEAVY = st.text(alphabet=st.one_of(st.sampled_from(list("ab c.,;:!?\n\"'“”‘’«»()-–—•\t")), st.characters()),
                      max_size=400)


@settings(max_examples=300, deadline=None)
@given(QUOTE_HEAVY)
def test_any_text_never_raises_and_spans_are_exact(text: str):
    quotes = extract_quotes(text)
    assert_exact(text, quotes)
    for q in quotes:
        assert q.speaker_type in ("ofsted", "council_officer", "councillor", "other")


@settings(max_examples=50, deadline=None)
@given(st.text(alphabet=st.sampled_from(list("abcdefgh ")), min_size=2000, max_size=6000))
def test_long_text_without_punctuation(text: str):
    full = 'Cllr Ann Lee said: "' + text
    assert_exact(full, extract_quotes(full))


VERBISH = st.lists(st.sampled_from(["said", "says", "read", "reads", "un", "é", "x", " ", ",", "2", "’", "\n",
                                    "noted", "notes", "saw", "adding"]), max_size=12).map("".join)


@settings(max_examples=300, deadline=None)
@given(VERBISH)
def test_speech_verbs_are_whole_words_found_anywhere(low):
    expected = [(m.start(), m.end(), m.group()) for m in re.finditer(r"[a-z]+", low)
                if m.group() in _SPEECH_VERBS and not (m.start() and low[m.start() - 1].isalpha())]
    assert list(_verbs_by_sentence(low, [Span(0, len(low))])[0]) == expected
    assert list(_verbs_in(low)) == [(m.start(), m.end(), m.group()) for m in _SPEECH_VERB_L.finditer(low)]


@settings(max_examples=300, deadline=None)
@given(st.lists(VERBISH.map(str.strip).filter(bool), max_size=6))
def test_one_scan_finds_each_sentences_own_verbs(sentences):
    """The whole-text scan gives each sentence the verbs a scan of that sentence alone finds."""
    low = " ".join(sentences)
    spans, start = [], 0
    for sentence in sentences:
        spans.append(Span(start, start + len(sentence)))
        start += len(sentence) + 1
    for span, found in zip(spans, _verbs_by_sentence(low, spans)):
        alone = _verbs_by_sentence(span.of(low), [Span(0, span.end - span.start)])[0]
        assert [(a + span.start, b + span.start, verb) for a, b, verb in alone] == list(found)


@settings(max_examples=500, deadline=None)
@given(st.lists(st.sampled_from([" ", "   ", "\t", "\n", ",", "x", "Also", "now", "has", "do", "does", "last week",
                                 "in the letter", "in its new report"]), max_size=10).map("".join))
def test_trailing_adverbs_as_the_plain_expression_finds_them(subject):
    """The look-behind and the possessive white space only save backtracking over blank runs."""
    plain = re.compile(_TRAILING_ADVERBS.pattern.replace("(?<!\\s)", "", 1).replace("\\s++", "\\s+", 1), re.I)
    assert plain.pattern != _TRAILING_ADVERBS.pattern
    assert _TRAILING_ADVERBS.sub("", subject) == plain.sub("", subject)


# --- members of the public and surnames alone -----------------------------------------------------

def test_member_of_the_public_named_by_first_name_after_a_description():
    text = ('Inspectors found housing for care leavers was poor.\n\n'
            'A care leaver, 20-year-old Jodie, said: "I was moved three times and nobody asked me why."\n')
    q = only(text)
    assert q.speaker_name == "Jodie" and q.speaker_type == "other"


def test_first_name_and_age_before_the_verb():
    text = 'Marcus, 17, said: "My worker always turned up when she said she would."\n'
    q = only(text)
    assert q.speaker_name == "Marcus" and q.speaker_type == "other"


def test_unnamed_parent_does_not_continue_the_officer_before():
    text = ('Director of Children\'s Services Alan Brook said: "We are proud of our staff and their work."\n\n'
            'A mother whose son was helped by the team said: "They listened to us when nobody else did."\n')
    quotes = extract_quotes(text)
    assert [q.speaker_name for q in quotes] == ["Alan Brook", None]
    assert quotes[1].speaker_type == "other"


def test_surname_alone_resolves_to_the_inspector_named_before():
    text = ('"Children are seen often and their plans are reviewed on time," wrote Helen Marsh, '
            'His Majesty\'s Inspector.\n\n'
            'Leaders knew where practice was weak, the letter said.\n\n'
            '"Too many children wait for a permanent home and some wait for far too long," Marsh said.\n')
    quotes = extract_quotes(text)
    assert [(q.speaker_name, q.speaker_type) for q in quotes] == [("Helen Marsh", "ofsted")] * 2


def test_surname_alone_keeps_the_title_given_before_and_plural_nouns_stay_groups():
    text = ('Cllr Ann Lee chaired the meeting where the report was discussed.\n\n'
            'Lee said: "We will study every word of the report with great care."\n\n'
            'Councillors said: "We will hold leaders to account for each of these changes."\n')
    quotes = extract_quotes(text)
    assert [(q.speaker_name, q.speaker_type) for q in quotes] == [("Ann Lee", "councillor"), (None, "councillor")]


def test_police_rank_before_a_name_is_a_title_not_part_of_the_name():
    text = ('Detective Chief Superintendent Alan Price, of the county police, said gangs were a priority. '
            '"We will work with partners so that every child is seen as a victim first," he said.\n')
    q = only(text)
    assert (q.speaker_name, q.speaker_type) == ("Alan Price", "other")


def test_government_department_spokesperson_is_not_the_councillor_before():
    text = ('Cllr Jane Moss, the cabinet member for children, said the council would keep watch on the trust.\n\n'
            'A Department for Education spokesperson said the trust model had "brought lasting change for '
            'children across the borough".\n')
    q = only(text)
    assert (q.speaker_name, q.speaker_type) == (None, "other")


# --- speakers found across sentences and paragraphs ----------------------------------------------

def test_titled_councillor_named_without_a_speech_verb_is_typed_when_a_pronoun_speaks():
    text = ('Council leader Cllr Mark Hollis is at the meeting tonight. He says the verdict was '
            '"a long way from where we want our services to be" this year.\n\n'
            '"We have a new plan and a new team to carry it out," he told members.\n')
    quotes = extract_quotes(text)
    assert [(q.speaker_name, q.speaker_type) for q in quotes] == [("Mark Hollis", "councillor")] * 2


def test_read_after_a_first_name_is_a_surname():
    text = 'Council leader Cllr Peter Read said: "Our families deserve a service they can rely on."\n'
    q = only(text)
    assert (q.speaker_name, q.speaker_type) == ("Peter Read", "councillor")


def test_party_before_an_opposition_leader_is_not_a_name():
    text = ('Lib Dem group leader Cllr Anna Kerr said the council should "stop congratulating itself on '
            'a single good report" and fix waiting lists.\n')
    q = only(text)
    assert (q.speaker_name, q.speaker_type) == ("Anna Kerr", "councillor")


def test_role_after_and_in_an_apposition_keeps_the_name_before_it():
    text = ('Mary Dunn, chief executive of the children\'s trust and the county\'s director of children\'s '
            'services, said: "This grade is the reward for years of patient and careful work."\n')
    q = only(text)
    assert (q.speaker_name, q.speaker_type) == ("Mary Dunn", "council_officer")


def test_named_person_before_a_colon_speaks_the_quotation_after_it():
    text = ('Cllr Ruth Amos, the portfolio holder, said the council would "reflect on the findings".\n\n'
            'Opposition leader Cllr Owen Pike went further: "This cabinet was warned about caseloads and '
            'chose to do nothing about them."\n')
    quotes = extract_quotes(text)
    assert [(q.speaker_name, q.speaker_type) for q in quotes] == [("Owen Pike", "councillor")]


def test_colon_after_words_naming_someone_spoken_to_is_not_their_quotation():
    text = ('Cllr Ruth Amos, the portfolio holder, said: "We accept every one of the recommendations."\n\n'
            'Parents told Cllr Owen Pike: "Nobody answers the phone when we call the front door team."\n')
    quotes = extract_quotes(text)
    assert quotes[1].speaker_name != "Owen Pike"


def test_name_after_a_lay_person_subject_is_not_the_speaker():
    text = ('One father who contacted Westbrook Weekly, whose son was in care last year, said: "The social '
            'worker visited every week and always listened to my boy."\n')
    q = only(text)
    assert (q.speaker_name, q.speaker_type) == (None, "other")


def test_pronoun_after_a_member_of_the_public_is_not_the_officer_named_before():
    text = ('Director of children\'s services Paul Grant told us: "The front door is now stable and '
            'safe for every family."\n\n'
            'One mum from the estate was less sure. "We have had four social workers in a year and '
            'told our story each time," she said.\n')
    quotes = extract_quotes(text)
    assert [(q.speaker_name, q.speaker_type) for q in quotes] == [("Paul Grant", "council_officer"), (None, "other")]


def test_named_lay_person_keeps_their_name_when_a_pronoun_follows():
    text = ('A care leaver, 20-year-old Kayla, said: "My adviser helped me find a flat and a college '
            'course."\n\n"I would not have managed any of it on my own," she added.\n')
    quotes = extract_quotes(text)
    assert [(q.speaker_name, q.speaker_type) for q in quotes] == [("Kayla", "other")] * 2


def test_subheading_repeating_a_quotation_is_the_speaker_of_the_full_quotation():
    text = ('Inspectors said supervision was "regular and reflective in most teams of the service".\n\n'
            'Interview: \'We will never forget the families we let down\'\n\n'
            'Director Jo Bright talked to us about the past.\n\n'
            '"Every choice we make is shaped by that history. We will never forget the families we let '
            'down, and we owe them this," she said.\n')
    quotes = extract_quotes(text)
    assert [(q.speaker_name, q.speaker_type) for q in quotes[1:]] == [("Jo Bright", "council_officer")] * 2


def test_councillor_posting_on_social_media_speaks_the_quotation_in_the_that_clause():
    text = ('Inspectors found that "the front door now responds to contacts in a timely way".\n\n'
            'Cllr Dev Shah, the lead member, posted on social media that the letter was "an honest account '
            'of where our services are today".\n')
    quotes = extract_quotes(text)
    assert (quotes[-1].speaker_name, quotes[-1].speaker_type) == ("Dev Shah", "councillor")


def test_spokesperson_for_a_safeguarding_partnership_is_not_a_council_officer():
    text = ('Inspectors said agencies "now share information about missing children within hours".\n\n'
            'A spokesperson for the Eastbrook Safeguarding Children Partnership said: "We accept the '
            'findings and have already changed how we meet each week."\n')
    quotes = extract_quotes(text)
    assert (quotes[-1].speaker_name, quotes[-1].speaker_type) == (None, "other")


def test_pronoun_after_a_first_name_and_age_is_that_member_of_the_public():
    text = ('The council\'s director of children\'s services, Anna Berry, said: "We have built a steadier '
            'workforce and it shows in the work."\n\n'
            'For Jamal, 19, who left care last year, things have changed. "I had three advisers in one '
            'year and none of them called back," he said. "Now I know who to ring when I need help."\n')
    quotes = extract_quotes(text)
    assert [(q.speaker_name, q.speaker_type) for q in quotes] == [
        ("Anna Berry", "council_officer"), ("Jamal", "other"), ("Jamal", "other")]


def test_full_name_followed_by_an_age_is_a_person_a_pronoun_can_stand_for():
    text = ('Cllr Ruth Amos, the cabinet member, said: "We are proud of every social worker in the '
            'borough."\n\n'
            'Among the foster carers at the meeting was Dan Okoro, 52, whose home has taken in twelve children. "The '
            'support from the fostering team has never been better," he said.\n')
    quotes = extract_quotes(text)
    assert quotes[-1].speaker_name == "Dan Okoro"


def test_quotation_opening_or_closing_on_a_single_quoted_word_is_found():
    text = ('Cllr Maya Rowe, the lead member, said: "\'Adequate\' is not what our children deserve, and we '
            'will not rest until they get better."\n\n'
            'The chief executive said: "Inspectors told us the front door was \'much improved\'."\n')
    quotes = extract_quotes(text)
    assert_exact(text, quotes)
    assert [q.text.split()[0] for q in quotes] == ["'Adequate'", "Inspectors"]
    assert quotes[0].speaker_type == "councillor"
    assert quotes[1].text.endswith("'much improved'.")


def test_spokesperson_of_a_body_named_by_its_initials_is_not_a_council_officer():
    text = ('The charity welcomed the report. "Families have waited far too long for help that works '
            'for them," said an NSPCA spokeswoman.\n\n'
            '"We accept every recommendation and have already acted on most of them," said a council '
            'spokesperson.\n')
    quotes = extract_quotes(text)
    assert [(q.speaker_name, q.speaker_type) for q in quotes] == [(None, "other"), (None, "council_officer")]


def test_place_a_member_of_the_public_comes_from_is_not_who_she_is():
    text = ('The director, Tom Hale, said: "We have more to do on permanence for older children."\n\n'
            'A foster carer from Upper Wenbury, who did not want to be named, was less sure. "The visits '
            'are good but the support stops after six in the evening," she said.\n')
    quotes = extract_quotes(text)
    assert (quotes[-1].speaker_name, quotes[-1].speaker_type) == (None, "other")


def test_quotation_standing_as_a_subheading_is_the_next_person_quoted():
    text = ('Inspectors said the service "has improved markedly in the last two years, with a stable workforce".\n\n'
            '11:05am - \'We finally have someone to call\'\n'
            'We spoke to Lena Marsh, a grandmother who cares for her two grandsons.\n\n'
            '"For years nobody answered the phone. Now the same social worker comes every month," she said.\n')
    quotes = extract_quotes(text)
    heading = next(q for q in quotes if q.text.startswith("We finally"))
    assert (heading.speaker_name, heading.speaker_type) == ("Lena Marsh", "other")
