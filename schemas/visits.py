"""Visits: inspection events, their per-article mentions and their sources."""

from __future__ import annotations

import pandas as pd
import pandera.pandas as pa
from pandera.engines import pandas_engine
from pandera.typing import Series

from inspections.records import VISIT_TYPES

from . import fields

_VISIT_TYPE = ("`inspection` (graded: SIF, ILACS standard or short), `monitoring_visit`, `focused_visit`, "
               "`jtai` (joint targeted area inspection) or `other`.")


class Visits(fields.TableModel):
    """One row per real inspection event, deduplicated across articles."""

    visit_id: Series[str] = pa.Field(unique=True, str_matches=fields.id_pattern("visit"), description="Stable id of the visit.")
    authority_code: Series[str] = fields.authority_code()
    authority_name: Series[str] = fields.authority_name()
    visit_type: Series[str] = pa.Field(isin=list(VISIT_TYPES), description=_VISIT_TYPE)
    sequence: Series[pd.Int32Dtype] = pa.Field(nullable=True, ge=1,
                                               description="Ordinal where the text gives it: 5 for the fifth.")
    focus: Series[str] = pa.Field(nullable=True, description="The cohort or theme looked at, e.g. "
                                                             "`vulnerable adolescents`.")
    visit_date: Series[pandas_engine.Date] = pa.Field(nullable=True,
                                                      description="When the visit took place (not published).")
    date_precision: Series[str] = fields.date_precision("visit_date")
    published_date: Series[pandas_engine.Date] = pa.Field(
        nullable=True, description="When the letter or report was published, where the text says.")
    published_date_precision: Series[str] = fields.date_precision("published_date")
    source_count: Series[pd.Int32Dtype] = pa.Field(ge=1, description="How many articles mention it.")


class VisitSources(fields.TableModel):
    """Links each visit to every article that reports or mentions it."""

    visit_id: Series[str] = fields.event_id("visit", "visits.visit_id", "The visit (`visits.visit_id`).")
    article_id: Series[str] = fields.article_id()

    class Config:
        unique = ["visit_id", "article_id"]


class VisitMentions(fields.TableModel):
    """Each place an article reports a visit, before deduplication: the evidence behind `visits`."""

    article_id: Series[str] = fields.article_id()
    mention_index: Series[pd.Int32Dtype] = fields.mention_index()
    visit_id: Series[str] = fields.event_id("visit", "visits.visit_id",
                                            "The visit it was merged into (`visits.visit_id`).", nullable=True)
    authority_code: Series[str] = fields.authority_code()
    authority_name: Series[str] = fields.authority_name()
    visit_type: Series[str] = pa.Field(isin=list(VISIT_TYPES), description=_VISIT_TYPE)
    sequence: Series[pd.Int32Dtype] = pa.Field(nullable=True, ge=1, description="Ordinal, as in `visits`.")
    focus: Series[str] = pa.Field(nullable=True, description="Focus, as in `visits`.")
    visit_date: Series[pandas_engine.Date] = pa.Field(nullable=True, description="Visit date this mention gives.")
    date_precision: Series[str] = fields.date_precision("visit_date")
    relative_years: Series[pd.Int32Dtype] = fields.relative_years("visit_date")
    relative_month: Series[pd.Int32Dtype] = fields.relative_month("visit_date")
    published_date: Series[pandas_engine.Date] = pa.Field(nullable=True,
                                                          description="Publication date this mention gives.")
    published_date_precision: Series[str] = fields.date_precision("published_date")
    evidence: Series[str] = fields.evidence()
    char_start: Series[pd.Int32Dtype] = fields.char_start("evidence")
    char_end: Series[pd.Int32Dtype] = fields.char_end("evidence")

    class Config:
        unique = ["article_id", "mention_index"]
