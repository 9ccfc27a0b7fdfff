"""The articles table: one row per input file seen in the raw folder."""

from __future__ import annotations

import pandas as pd
import pandera.pandas as pa
from pandera.engines import pandas_engine
from pandera.typing import Series

from inspections.records import ARTICLE_STATUSES

from . import fields


class Articles(fields.TableModel):
    """One row per input file seen in the raw folder, with what became of it."""

    article_id: Series[str] = pa.Field(unique=True, str_matches=fields.id_pattern("article"),
                                       description="Stable id of the article, derived from its file name.")
    source_file: Series[str] = pa.Field(unique=True, description="File name relative to the raw folder.")
    content_sha256: Series[str] = pa.Field(str_matches=r"^[0-9a-f]{64}$",
                                           description="SHA-256 of the bytes as read; a changed file gets a new hash.")
    headline: Series[str] = pa.Field(nullable=True, description="First line or sentence of the article.")
    published_date: Series[pandas_engine.Date] = pa.Field(
        nullable=True, description="From metadata, else inferred from the text, else null.")
    published_date_precision: Series[str] = fields.date_precision("published_date")
    is_relevant: Series[bool] = pa.Field(
        description="False when the text is not about an Ofsted judgement or visit of children's services "
                    "(and for files that could not be read).")
    status: Series[str] = pa.Field(isin=list(ARTICLE_STATUSES),
                                   description="`loaded`, `irrelevant`, `duplicate` or `rejected`.")
    reject_reason: Series[str] = pa.Field(
        nullable=True, description="Why a file was rejected, or which file a duplicate repeats.")
    duplicate_of: Series[str] = pa.Field(nullable=True,
                                         description="For a duplicate, the `source_file` whose text it repeats.")
    url: Series[str] = pa.Field(nullable=True, description="From the metadata file, where given.")
    publisher: Series[str] = pa.Field(nullable=True, description="From the metadata file, where given.")
    encoding: Series[str] = pa.Field(nullable=True, description="How the bytes were decoded, e.g. `utf-8`, `cp1252`.")
    body: Series[str] = pa.Field(nullable=True, description="The article text that every span (`char_start`, "
                                                            "`char_end`) refers to; HTML is reduced to its text.")
    text_sha256: Series[str] = pa.Field(
        nullable=True, str_matches=r"^[0-9a-f]{64}$",
        description="SHA-256 of `body` (UTF-8); null without a body. A file whose text repeats another's "
                    "(in other bytes: another encoding, line endings, HTML) is recorded as its duplicate.")
    file_size: Series[pd.Int64Dtype] = pa.Field(ge=0, description="Size of the file in bytes when last read.")
    file_mtime_ns: Series[pd.Int64Dtype] = pa.Field(
        description="Modification time (ns) when last read: an unchanged size and time skip re-reading.")
    metadata_sha256: Series[str] = pa.Field(
        nullable=True, str_matches=r"^[0-9a-f]{64}$",
        description="SHA-256 of what the metadata was read from (the sidecar file's bytes, else the "
                    "`manifest.csv` row); null without metadata. Edited metadata makes the article read again.")
    extraction_version: Series[str] = pa.Field(
        nullable=True, str_matches=r"^[0-9a-f]{16}$",
        description="Fingerprint of the extraction code that produced the article's rows; articles "
                    "extracted by other code (an upgrade) are extracted again on the next run.")
    run_id: Series[str] = fields.run_id()
