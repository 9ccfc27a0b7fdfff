"""Paragraph and sentence spans: the offsets every extractor's spans are built on."""

from __future__ import annotations

import re

from hypothesis import given, settings
from hypothesis import strategies as st

from inspections.text import (Span, at_word_start, literal_starts, paragraphs, sentences, sentences_by_paragraph,
                              sentences_in)


def of(text: str, spans: list[Span]) -> list[str]:
    return [s.of(text) for s in spans]


def test_paragraphs_are_non_blank_lines_trimmed():
    text = "  First line.  \n\n\t\nSecond line\n"
    assert of(text, paragraphs(text)) == ["First line.", "Second line"]


def test_sentences_split_at_terminal_punctuation():
    text = "Inspectors visited in May. They found strong practice! Was it enough? Yes."
    assert of(text, sentences(text)) == ["Inspectors visited in May.", "They found strong practice!",
                                        "Was it enough?", "Yes."]


def test_abbreviations_and_initials_do_not_end_sentences():
    text = "Cllr. Smith met Mr. J. Jones at St. Mary's on Jan. 4. The visit went well."
    assert of(text, sentences(text)) == ["Cllr. Smith met Mr. J. Jones at St. Mary's on Jan. 4.",
                                        "The visit went well."]


def test_closing_quote_stays_with_its_sentence():
    text = '“Plans are clear,” said the report. “Supervision is regular.” The council agreed.'
    assert of(text, sentences(text)) == ['“Plans are clear,” said the report.', "“Supervision is regular.”",
                                        "The council agreed."]


def test_no_sentence_crosses_a_paragraph():
    text = "A line without a full stop\nAnother line. And more."
    assert of(text, sentences(text)) == ["A line without a full stop", "Another line.", "And more."]


def test_sentences_in_one_paragraph():
    text = "One. Two.\nThree."
    first = paragraphs(text)[0]
    assert of(text, sentences_in(text, first)) == ["One.", "Two."]


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet=st.one_of(st.sampled_from(list("aB .!?\n\t\"“”'’()-•")), st.characters()), max_size=400))
def test_spans_are_ordered_trimmed_and_inside_their_paragraph(text: str):
    paras = paragraphs(text)
    last = 0
    for p in paras:
        assert last <= p.start < p.end <= len(text)
        assert "\n" not in p.of(text)
        assert p.of(text) == p.of(text).strip()
        last = p.end
        inner = sentences_in(text, p)
        prev = p.start
        for s in inner:
            assert prev <= s.start < s.end <= p.end
            assert s.of(text) == s.of(text).strip()
            prev = s.end
    assert sentences(text) == [s for p in paras for s in sentences_in(text, p)]
    assert [list(group) for group in sentences_by_paragraph(text)] == [sentences_in(text, p) for p in paras]


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet="abc- \n", max_size=60),
       st.lists(st.text(alphabet="abc-", min_size=1, max_size=4), min_size=1, max_size=5))
def test_literal_starts_are_what_finditer_finds(text: str, words: list[str]):
    alternation = re.compile("|".join(map(re.escape, words)))
    assert literal_starts(text, tuple(words)) == [m.start() for m in alternation.finditer(text)]


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet="ab_é1 ;\n", max_size=60), st.integers(0, 60), st.integers(0, 60),
       st.lists(st.text(alphabet="ab_é1 ", min_size=1, max_size=4).filter(lambda w: w[0].isalpha()),
                min_size=1, max_size=5))
def test_at_word_start_finds_what_a_leading_word_boundary_finds(text: str, pos: int, endpos: int, words: list[str]):
    alternatives = [re.escape(w) for w in words]
    plain = re.compile(r"\b(?:" + "|".join(alternatives) + r")")
    skipping = re.compile(at_word_start(*alternatives))
    assert [m.span() for m in skipping.finditer(text, pos, endpos)] == \
        [m.span() for m in plain.finditer(text, pos, endpos)]


def test_sentences_of_a_span_that_is_not_a_paragraph():
    text = "One. Two. Three."
    assert of(text, sentences_in(text, Span(5, 16))) == ["Two.", "Three."]
