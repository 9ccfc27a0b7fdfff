"""Direct quotations and who said them.

A quotation is the words between quotation marks (straight "...", curly “...”, or single
‘...’ where an outlet uses them as quotation marks), spanning paragraphs when a paragraph opens
a quotation and the next paragraph opens with a quotation mark again. Scare quotes, a few words
inside a sentence, are not quotations: a quotation has at least six words. Titles in quotation
marks ("the ‘X’ (ABC) framework") are not quotations either.

The speaker comes from the attribution before or after the quotation, or from its context
(see `inspections.attribution`). `text == article[char_start:char_end]` always holds.
"""

from __future__ import annotations

from inspections.attribution import MIN_QUOTE_WORDS, RawQuote, Speaker, analyse, document_speaker
from inspections.records import SPEAKER_TYPES, Quote


def _record(text: str, q: RawQuote) -> Quote:
    sp: Speaker = q.speaker or document_speaker()
    speaker_type = sp.speaker_type if sp.speaker_type in SPEAKER_TYPES else "other"
    name = sp.name if sp.kind == "person" else None
    role = sp.role if sp.kind == "person" else None
    organisation = sp.organisation
    if speaker_type == "ofsted":
        organisation = "Ofsted"
    return Quote(
        speaker_name=name,
        speaker_role=role,
        speaker_organisation=organisation,
        speaker_type=speaker_type,
        text=text[q.start:q.end],
        char_start=q.start,
        char_end=q.end,
    )


def is_quotation(q: RawQuote) -> bool:
    """Words someone said, as opposed to scare quotes or a quoted title."""
    return q.words >= MIN_QUOTE_WORDS and not q.is_name and q.end > q.start


def extract_quotes(text: str) -> list[Quote]:
    """Every direct quotation of six words or more in the article, in order."""
    if not text:
        return []
    analysis = analyse(text)
    return [_record(text, q) for q in analysis.quotes if is_quotation(q)]
