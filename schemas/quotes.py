"""Quotes: direct quotations and who said them."""

from __future__ import annotations

import pandas as pd
import pandera.pandas as pa
from pandera.typing import Series

from inspections.records import SPEAKER_TYPES

from . import fields


class Quotes(fields.TableModel):
    """One row per direct quotation; a quote that runs over several paragraphs is one row."""

    quote_id: Series[str] = pa.Field(unique=True, str_matches=fields.id_pattern("quote"), description="Stable id of the quote.")
    article_id: Series[str] = fields.article_id()
    speaker_name: Series[str] = pa.Field(nullable=True, description="Full name as the article first gives it; "
                                                                    "null when a document speaks.")
    speaker_role: Series[str] = pa.Field(nullable=True, description="e.g. `Ofsted inspector`.")
    speaker_organisation: Series[str] = pa.Field(nullable=True, description="e.g. `Ofsted`, `Barnet Council`.")
    speaker_type: Series[str] = pa.Field(isin=list(SPEAKER_TYPES),
                                         description="`ofsted` (an inspector, a report, a letter), "
                                                     "`council_officer`, `councillor` or `other`.")
    text: Series[str] = pa.Field(str_length={"min_value": 1}, description="The words inside the quotation marks.")
    char_start: Series[pd.Int32Dtype] = fields.char_start()
    char_end: Series[pd.Int32Dtype] = fields.char_end()
