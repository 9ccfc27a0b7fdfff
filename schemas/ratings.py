"""Ratings: graded judgements, their per-article mentions and their sources."""

from __future__ import annotations

import pandas as pd
import pandera.pandas as pa
from pandera.engines import pandas_engine
from pandera.typing import Series

from inspections.records import JUDGEMENT_AREAS, JUDGEMENTS

from . import fields

_JUDGEMENT = "`outstanding`, `good`, `requires_improvement` or `inadequate`."
_AREA = ("`overall_effectiveness` unless the text grades one area: `help_and_protection`, `children_in_care`, "
         "`care_leavers`, `adoption`, `impact_of_leaders`.")


class Ratings(fields.TableModel):
    """One row per graded judgement, deduplicated across articles."""

    rating_id: Series[str] = pa.Field(unique=True, str_matches=fields.id_pattern("rating"), description="Stable id of the rating.")
    authority_code: Series[str] = fields.authority_code()
    authority_name: Series[str] = fields.authority_name()
    visit_id: Series[str] = fields.event_id("visit", "visits.visit_id",
                                            "The inspection that gave the grade (`visits.visit_id`).", nullable=True)
    judgement: Series[str] = pa.Field(isin=list(JUDGEMENTS), description=_JUDGEMENT)
    judgement_area: Series[str] = pa.Field(isin=list(JUDGEMENT_AREAS), description=_AREA)
    rating_date: Series[pandas_engine.Date] = pa.Field(nullable=True,
                                                       description="When the judgement was made or published.")
    date_precision: Series[str] = fields.date_precision("rating_date")
    article_id: Series[str] = fields.article_id("The first article that states it (`articles.article_id`).")
    evidence: Series[str] = fields.evidence()
    source_count: Series[pd.Int32Dtype] = pa.Field(ge=1, description="How many articles report it.")


class RatingSources(fields.TableModel):
    """Links each rating to every article that reports it."""

    rating_id: Series[str] = fields.event_id("rating", "ratings.rating_id", "The rating (`ratings.rating_id`).")
    article_id: Series[str] = fields.article_id()

    class Config:
        unique = ["rating_id", "article_id"]


class RatingMentions(fields.TableModel):
    """Each place an article reports a grade, before deduplication: the evidence behind `ratings`."""

    article_id: Series[str] = fields.article_id()
    mention_index: Series[pd.Int32Dtype] = fields.mention_index()
    rating_id: Series[str] = fields.event_id("rating", "ratings.rating_id",
                                             "The rating it was merged into (`ratings.rating_id`).", nullable=True)
    authority_code: Series[str] = fields.authority_code()
    authority_name: Series[str] = fields.authority_name()
    judgement: Series[str] = pa.Field(isin=list(JUDGEMENTS), description=_JUDGEMENT)
    judgement_area: Series[str] = pa.Field(isin=list(JUDGEMENT_AREAS), description=_AREA)
    rating_date: Series[pandas_engine.Date] = pa.Field(nullable=True, description="Date this mention gives.")
    date_precision: Series[str] = fields.date_precision("rating_date")
    relative_years: Series[pd.Int32Dtype] = fields.relative_years("rating_date")
    relative_month: Series[pd.Int32Dtype] = fields.relative_month("rating_date")
    visit_index: Series[pd.Int32Dtype] = pa.Field(nullable=True, ge=0,
                                                  description="The article's visit mention that gave the grade.")
    evidence: Series[str] = fields.evidence()
    char_start: Series[pd.Int32Dtype] = fields.char_start("evidence")
    char_end: Series[pd.Int32Dtype] = fields.char_end("evidence")

    class Config:
        unique = ["article_id", "mention_index"]
