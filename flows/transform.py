"""Read articles to table rows: the per-article part of the warehouse, as DataFrames.

The text-to-records work is `inspections.extract.extract_article`; this module only lays its
records out as the rows of the contract's tables.
"""

from __future__ import annotations

import functools
import hashlib
from collections.abc import Iterable
from pathlib import Path

import pandas as pd

import inspections
from inspections.extract import extract_article
from inspections.ids import article_id as article_id_of
from inspections.ids import stable_id
from inspections.records import ArticleExtraction, PartialDate, RelativeDate
from schemas import TABLE

from .raw import RawArticle

PER_ARTICLE_TABLES = ("articles", "visit_mentions", "rating_mentions", "findings", "quotes")


@functools.cache
def extraction_version() -> str:
    """A fingerprint of the code that turns text into rows (the `inspections` package with its data,
    and this module): articles extracted by other code are extracted again on the next run."""
    digest = hashlib.sha256()
    package = Path(inspections.__file__).parent
    sources = sorted(p for p in package.rglob("*") if p.is_file() and p.suffix in (".py", ".csv", ".json"))
    for path in [*sources, Path(__file__)]:
        digest.update(path.name.encode() + b"\0" + path.read_bytes())
    return digest.hexdigest()[:16]


def _date_columns(prefix: str, value: PartialDate, precision_column: str) -> dict:
    return {prefix: value.to_date(), precision_column: value.precision}


def _relative_columns(value: RelativeDate | None) -> dict:
    return {"relative_years": value.years if value else None, "relative_month": value.month if value else None}


def _article_row(raw: RawArticle, run_id: str, extraction: ArticleExtraction | None, status: str,
                 reason: str | None, duplicate_of: str | None) -> dict:
    meta = raw.meta
    published = extraction.published_date if extraction else PartialDate.from_date(meta.published_date, "day")
    headline = extraction.headline if extraction else None
    return {
        "article_id": article_id_of(raw.file.source_file),
        "source_file": raw.file.source_file,
        "content_sha256": raw.content_sha256,
        "headline": headline,
        **_date_columns("published_date", published, "published_date_precision"),
        "is_relevant": bool(extraction and extraction.is_relevant),
        "status": status,
        "reject_reason": reason,
        "duplicate_of": duplicate_of,
        "url": meta.url,
        "publisher": meta.publisher,
        "encoding": raw.document.encoding if raw.document else None,
        "body": raw.document.text if raw.document else None,
        "text_sha256": raw.text_sha256,
        "file_size": raw.file.size,
        "file_mtime_ns": raw.file.mtime_ns,
        "metadata_sha256": raw.file.metadata_sha256,
        "extraction_version": extraction_version(),
        "run_id": run_id,
    }


def _content_rows(article_id: str, extraction: ArticleExtraction) -> dict[str, list[dict]]:
    visits = [
        {"article_id": article_id, "mention_index": i, "visit_id": None,
         "authority_code": v.authority_code, "authority_name": v.authority_name, "visit_type": v.visit_type,
         "sequence": v.sequence, "focus": v.focus,
         **_date_columns("visit_date", v.visit_date, "date_precision"),
         **_relative_columns(v.relative_date),
         **_date_columns("published_date", v.published_date, "published_date_precision"),
         "evidence": v.evidence, "char_start": v.char_start, "char_end": v.char_end}
        for i, v in enumerate(extraction.visits)
    ]
    ratings = [
        {"article_id": article_id, "mention_index": i, "rating_id": None,
         "authority_code": r.authority_code, "authority_name": r.authority_name, "judgement": r.judgement,
         "judgement_area": r.judgement_area, **_date_columns("rating_date", r.rating_date, "date_precision"),
         **_relative_columns(r.relative_date),
         "visit_index": r.visit_index, "evidence": r.evidence, "char_start": r.char_start, "char_end": r.char_end}
        for i, r in enumerate(extraction.ratings)
    ]
    findings = [
        {"finding_id": stable_id("finding", article_id, f.char_start, f.char_end), "article_id": article_id,
         "visit_id": None, "visit_index": f.visit_index, "polarity": f.polarity, "theme": f.theme,
         "text": f.text, "char_start": f.char_start, "char_end": f.char_end}
        for f in extraction.findings
    ]
    quotes = [
        {"quote_id": stable_id("quote", article_id, q.char_start, q.char_end), "article_id": article_id,
         **{k: getattr(q, k) for k in ("speaker_name", "speaker_role", "speaker_organisation", "speaker_type",
                                       "text", "char_start", "char_end")}}
        for q in extraction.quotes
    ]
    return {"visit_mentions": visits, "rating_mentions": ratings, "findings": findings, "quotes": quotes}


def article_rows(raw: RawArticle, run_id: str, duplicate_of: str | None = None) -> dict[str, list[dict]]:
    """The rows one article contributes; an extraction error rejects the article, not the run."""
    rows: dict[str, list[dict]] = {name: [] for name in PER_ARTICLE_TABLES}
    if raw.document is None:
        rows["articles"].append(_article_row(raw, run_id, None, "rejected", raw.reject_reason, None))
        return rows
    try:
        extraction = extract_article(raw.document.text, raw.meta)
    except Exception as error:  # noqa: BLE001 - one bad article must not stop the run
        reason = f"extraction failed: {type(error).__name__}: {error}"
        rows["articles"].append(_article_row(raw, run_id, None, "rejected", reason, None))
        return rows
    if duplicate_of is not None:
        reason = f"same text as {duplicate_of}"
        rows["articles"].append(_article_row(raw, run_id, extraction, "duplicate", reason, duplicate_of))
        return rows
    status = "loaded" if extraction.is_relevant else "irrelevant"
    rows["articles"].append(_article_row(raw, run_id, extraction, status, None, None))
    if extraction.is_relevant:
        for name, table_rows in _content_rows(article_id_of(raw.file.source_file), extraction).items():
            rows[name].extend(table_rows)
    return rows


def to_frames(rows: dict[str, list[dict]]) -> dict[str, pd.DataFrame]:
    """Rows as DataFrames with exactly the model's columns, in its order (even when empty)."""
    return {name: pd.DataFrame(table_rows, columns=TABLE[name].columns) for name, table_rows in rows.items()}


def transform_batch(raws: Iterable[tuple[RawArticle, str | None]], run_id: str) -> dict[str, pd.DataFrame]:
    """Every row a batch of read articles contributes, by table. Pairs are (article, duplicate_of)."""
    rows: dict[str, list[dict]] = {name: [] for name in PER_ARTICLE_TABLES}
    for raw, duplicate_of in raws:
        for name, table_rows in article_rows(raw, run_id, duplicate_of).items():
            rows[name].extend(table_rows)
    return to_frames(rows)
