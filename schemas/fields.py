"""Columns that several tables share, each defined once: its checks and its meaning."""

from __future__ import annotations

import pandera.pandas as pa

from inspections.records import DATE_PRECISIONS

GSS_CODE = r"^E\d{8}$"


def id_pattern(prefix: str) -> str:
    """Ids are `inspections.ids.stable_id`: a prefix naming the row kind and 16 hex digits."""
    return rf"^{prefix}_[0-9a-f]{{16}}$"


class TableModel(pa.DataFrameModel):
    """Every table: no column outside the model, and values coerced to the model's types."""

    class Config:
        strict = True
        coerce = True


def event_id(prefix: str, reference: str, description: str, nullable: bool = False) -> object:
    """A column pointing at a visit or rating (`visit_…`, `rating_…`)."""
    return pa.Field(nullable=nullable, str_matches=id_pattern(prefix), description=description,
                    metadata={"references": reference})


def mention_index() -> object:
    return pa.Field(ge=0, description="Order of the mention in its article.")


def article_id(description: str = "The article it was read from (`articles.article_id`).") -> object:
    return pa.Field(str_matches=id_pattern("article"), description=description,
                    metadata={"references": "articles.article_id"})


def authority_code() -> object:
    return pa.Field(str_matches=GSS_CODE, description="ONS GSS code of the local authority, e.g. `E09000003`.",
                    metadata={"references": "authorities.authority_code"})


def authority_name() -> object:
    return pa.Field(description="Short name of the local authority, e.g. `Barnet`.")


def date_precision(of: str) -> object:
    return pa.Field(isin=list(DATE_PRECISIONS),
                    description=f"How much of `{of}` the text gives: `day`, `month`, `year` or `unknown` "
                                "(the date is then the first day of that period, or null).")


def relative_years(of: str) -> object:
    return pa.Field(nullable=True, ge=-100, le=100,
                    description=f"When `{of}` is unknown only because the article does not say when it was "
                                "published: the year the text gives, counted from the publication year "
                                "(`-1` for \"last year\"). The event's date is fixed from it once another "
                                "article dates the same event and so gives this article's year.")


def relative_month(of: str) -> object:
    return pa.Field(nullable=True, ge=1, le=12,
                    description=f"The month written with `relative_years` (7 for \"July last year\"), "
                                f"if any; null otherwise.")


def char_start(of: str = "text") -> object:
    return pa.Field(ge=0, description=f"Offset of the first character of `{of}` in the article text (`articles.body`).")


def char_end(of: str = "text") -> object:
    return pa.Field(ge=1, description=f"Offset just past its last character: `body[char_start:char_end] == {of}`.")


def evidence() -> object:
    return pa.Field(str_length={"min_value": 1}, description="The sentence of the article the row was read from.")


def run_id() -> object:
    return pa.Field(str_matches=r"^run_", description="The pipeline run that wrote the row (`pipeline_runs.run_id`).")
