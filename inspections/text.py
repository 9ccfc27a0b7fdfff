"""Paragraphs and sentences of an article, as character spans into its text.

Sentence splitting is a compiled regular expression rather than a library segmenter: pysbd
took 7.6 ms per sample article here (130 articles a second), far below the 1,000 articles a
second the transform stage must reach, and it did not split sentences inside quotations.
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass

ABBREVIATIONS = frozenset(
    """mr mrs ms miss dr cllr coun prof rev st sgt insp supt no nos vs etc e.g i.e inc ltd co
    jan feb mar apr jun jul aug sep sept oct nov dec gov govt dept est approx""".split()
)

# A paragraph is a line, without the white space around it.
_PARAGRAPH = re.compile(r"[^\S\n]*([^\n]*\S)")
# A sentence ends at . ! or ? (with any closing quotes or brackets after it) followed by
# white space and something that can start a sentence. ("[.!?][.!?]*", not "[.!?]+": an expression
# that starts with a character class, not a repeat, lets the engine skip to those characters.)
_BOUNDARY = re.compile(r"""[.!?][.!?]*[”"’'\)\]]*(?=\s+[“"‘'(\[•\-–A-Z0-9])""")
_LAST_WORD = re.compile(r"([A-Za-z][A-Za-z.]*)$")


@dataclass(frozen=True, slots=True)
class Span:
    start: int
    end: int

    def of(self, text: str) -> str:
        return text[self.start:self.end]


def _trimmed(text: str, start: int, end: int) -> Span | None:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return Span(start, end) if end > start else None


def paragraphs(text: str) -> list[Span]:
    """Each non-blank line: news copy puts one paragraph on a line."""
    return list(_paragraphs(text))


@functools.lru_cache(maxsize=32)
def _paragraphs(text: str) -> tuple[Span, ...]:
    # cached: the headline, the context and the quotation analysis all read the same article
    return tuple(Span(*m.span(1)) for m in _PARAGRAPH.finditer(text))


def _ends_with_abbreviation(text: str, start: int, stop: int) -> bool:
    # only the last few characters matter: searching from the sentence start cost O(n) per boundary
    match = _LAST_WORD.search(text, max(start, stop - 24), stop)
    if not match:
        return False
    word = match.group(1).rstrip(".").lower()
    return word in ABBREVIATIONS or (len(word) == 1 and word.isalpha())


def sentences_in(text: str, paragraph: Span) -> list[Span]:
    """The sentences of one paragraph."""
    found = _paragraph_sentences(text).get((paragraph.start, paragraph.end))
    if found is None:  # not one of the text's own paragraphs
        found = _sentences_in(text, paragraph.start, paragraph.end)
    return list(found)


@functools.lru_cache(maxsize=32)
def _paragraph_sentences(text: str) -> dict[tuple[int, int], tuple[Span, ...]]:
    """The sentences of each paragraph, by its (start, end). Most paragraphs are one sentence:
    one boundary scan of the whole text finds the few that are not, and only those are split."""
    paras = _paragraphs(text)
    out: dict[tuple[int, int], tuple[Span, ...]] = {}
    # A boundary never spans white space, so it lies inside one paragraph; one at a paragraph's
    # end splits nothing. A paragraph is trimmed: with no boundary before its end, it is one sentence.
    ends = [m.end() for m in _BOUNDARY.finditer(text)]
    k = 0
    for p in paras:
        while k < len(ends) and ends[k] <= p.start:
            k += 1
        if k < len(ends) and ends[k] < p.end:
            out[p.start, p.end] = _sentences_in(text, p.start, p.end)
        else:
            out[p.start, p.end] = (p,)
    return out


@functools.lru_cache(maxsize=4096)
def _sentences_in(text: str, p_start: int, p_end: int) -> tuple[Span, ...]:
    spans: list[Span] = []
    start = p_start
    for match in _BOUNDARY.finditer(text, p_start, p_end):
        if text[match.start()] == "." and _ends_with_abbreviation(text, start, match.start()):
            continue
        span = _trimmed(text, start, match.end())
        if span is not None:
            spans.append(span)
        start = match.end()
    last = _trimmed(text, start, p_end)
    if last is not None:
        spans.append(last)
    return tuple(spans)


def sentences(text: str) -> list[Span]:
    """Every sentence of the article, in order; no sentence crosses a paragraph."""
    return [s for paragraph in sentences_by_paragraph(text) for s in paragraph]


def sentences_by_paragraph(text: str) -> list[tuple[Span, ...]]:
    """The sentences of each of the text's paragraphs, in the paragraphs' order (one look-up for
    the article rather than one per paragraph)."""
    by_paragraph = _paragraph_sentences(text)
    return [by_paragraph[p.start, p.end] for p in _paragraphs(text)]


def literal_starts(text: str, words: tuple[str, ...]) -> list[int]:
    """Where `re.finditer` over the alternation of these plain words finds them (leftmost, the
    earlier word at one place, none inside one found), by str.find: several times faster than
    the expression when words start with common letters."""
    found = []
    for k, word in enumerate(words):
        i = text.find(word)
        while i >= 0:
            found.append((i, k, i + len(word)))
            i = text.find(word, i + 1)
    found.sort()
    starts = []
    end = 0
    for start, _, stop in found:
        if start >= end:
            starts.append(start)
            end = stop
    return starts


def at_word_start(*alternatives: str) -> str:
    r"""`\b(?:a|b|...)` as expression text, for alternatives that each begin with a plain letter:
    each is written as its letter, a look-behind for the word start, then the rest. An expression
    that starts with letters lets the engine skip to them, where a leading `\b` has it try every
    position: worth it when the alternatives begin with a few letters (a clause's conjunctions:
    searched 2 to 5 times faster), not when they begin with most of the alphabet. The
    alternatives keep their order."""
    for alternative in alternatives:
        if not alternative[:1].isalpha():
            raise ValueError(f"{alternative!r} does not begin with a letter")
    return "|".join(f"{a[0]}(?<!\\w.){a[1:]}" for a in alternatives)
