"""Findings: what inspectors, the report or the letter judged."""

from __future__ import annotations

import pandas as pd
import pandera.pandas as pa
from pandera.typing import Series

from inspections.records import POLARITIES, THEMES

from . import fields


class Findings(fields.TableModel):
    """One row per inspectors' statement about practice, in the article's own words or quoted."""

    finding_id: Series[str] = pa.Field(unique=True, str_matches=fields.id_pattern("finding"), description="Stable id of the finding.")
    article_id: Series[str] = fields.article_id()
    visit_id: Series[str] = fields.event_id("visit", "visits.visit_id",
                                            "The visit the finding came from (`visits.visit_id`).", nullable=True)
    visit_index: Series[pd.Int32Dtype] = pa.Field(
        nullable=True, ge=0, description="The article's visit mention it came from (`visit_mentions.mention_index`).")
    polarity: Series[str] = pa.Field(isin=list(POLARITIES), description="`positive`, `negative` or `mixed`.")
    theme: Series[str] = pa.Field(isin=list(THEMES), description="One theme from the contract's list, e.g. "
                                                                 "`front_door`, `workforce`, `leadership`.")
    text: Series[str] = pa.Field(str_length={"min_value": 1}, description="The sentence or clause, as in the article.")
    char_start: Series[pd.Int32Dtype] = fields.char_start()
    char_end: Series[pd.Int32Dtype] = fields.char_end()
