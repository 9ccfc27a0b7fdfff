"""The authorities reference table shipped with the project."""

from __future__ import annotations

import pandera.pandas as pa
from pandera.typing import Series

from . import fields


class Authorities(fields.TableModel):
    """Every English local authority with children's services, including merged and abolished ones."""

    authority_code: Series[str] = pa.Field(unique=True, str_matches=fields.GSS_CODE,
                                           description="ONS GSS code, e.g. `E09000003`.")
    authority_name: Series[str] = pa.Field(unique=True, description="Short form, e.g. `Barnet`.")
    region: Series[str] = pa.Field(description="English region, e.g. `London`.")
    status: Series[str] = pa.Field(isin=["current", "abolished"],
                                   description="`current`, or `abolished` for authorities merged or replaced since.")
    successor_codes: Series[str] = pa.Field(nullable=True,
                                            description="For abolished authorities, `;`-separated successor codes.")
    aliases: Series[str] = pa.Field(description="`;`-separated names used to find it in text, e.g. "
                                                "`Barnet Council;London Borough of Barnet`.")
