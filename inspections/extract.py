"""The whole per-article transform: text (and optional metadata) in, `ArticleExtraction` out.

Pure Python, no models and no network: the shared reading of the article (`ArticleContext`:
sentences, authorities, dates resolved against the article's date, quotations) is built once
and every reader works from it. An article that is not about an Ofsted judgement or visit of a
local authority's children's services is marked irrelevant and yields no visits, ratings,
findings or quotes.
"""

from __future__ import annotations

import dataclasses
import operator
import re

from inspections.findings import extract_findings
from inspections.quotes import extract_quotes
from inspections.ratings import article_events
from inspections.records import ArticleExtraction, ArticleMeta, Finding, PartialDate, Quote
from inspections.relevance import is_relevant
from inspections.text import paragraphs, sentences_in
from inspections.visits import ArticleContext, build_context

HEADLINE_MAX = 200
_SPACES = re.compile(r"\s+")
# dataclasses.replace looks the fields up on every call, and every finding is replaced.
_FINDING_FIELDS = [f.name for f in dataclasses.fields(Finding)]
_VISIT_INDEX_AT = _FINDING_FIELDS.index("visit_index")
_finding_values = operator.attrgetter(*_FINDING_FIELDS)


def headline_of(text: str) -> str:
    """The first line (or, if that runs on, its first sentence), at most HEADLINE_MAX characters."""
    paras = paragraphs(text)
    if not paras:
        return ""
    first = paras[0]
    line = text[first.start:first.end]
    if len(line) > HEADLINE_MAX:
        sents = sentences_in(text, first)
        if sents:
            line = text[sents[0].start:sents[0].end]
    line = _SPACES.sub(" ", line).strip()
    if len(line) > HEADLINE_MAX:
        cut = line.rfind(" ", 0, HEADLINE_MAX)
        line = line[:cut if cut > HEADLINE_MAX // 2 else HEADLINE_MAX].rstrip(" ,;:–-")
    return line


def _published(meta: ArticleMeta | None) -> PartialDate | None:
    if meta is not None and meta.published_date is not None:
        d = meta.published_date
        return PartialDate(d.year, d.month, d.day)
    return None


def _link_findings(ctx: ArticleContext, findings: list[Finding], main: int | None,
                   main_of: dict[str, int]) -> tuple[Finding, ...]:
    """Each finding comes from the visit the article reports for the authority it is about."""
    out = []
    for f in findings:
        index = main
        if len(main_of) > 1:
            code = next(iter(ctx.authorities_for(f.char_start, f.char_end)), None)
            index = main_of.get(code, main) if code else main
        out.append(_with_visit(f, index))
    return tuple(out)


def _with_visit(f: Finding, index: int | None) -> Finding:
    """dataclasses.replace(f, visit_index=index), at half the cost."""
    values = list(_finding_values(f))
    values[_VISIT_INDEX_AT] = index
    return Finding(*values)


def extract_article(text: str, meta: ArticleMeta | None = None) -> ArticleExtraction:
    """Everything one article says: headline, date, relevance, visits, ratings, quotes, findings."""
    text = text or ""
    ctx = build_context(text, _published(meta))
    headline = headline_of(text)
    events = article_events(ctx)
    if not is_relevant(text, [v.visit_type for v in events.visits], len(events.ratings)):
        return ArticleExtraction(headline=headline, published_date=ctx.published, is_relevant=False)
    quotes: list[Quote] = list(extract_quotes(text))
    findings: list[Finding] = list(extract_findings(text, quotes))
    return ArticleExtraction(
        headline=headline,
        published_date=ctx.published,
        is_relevant=True,
        visits=events.visits,
        ratings=events.ratings,
        findings=_link_findings(ctx, findings, events.main_visit, events.main_visit_of),
        quotes=tuple(quotes),
    )
