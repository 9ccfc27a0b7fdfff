"""Lazy validation: rows that break a rule of their table are set aside with the reason;
the rest load. Nothing is dropped silently."""

from __future__ import annotations

import json
from collections import defaultdict
from collections.abc import Mapping

import pandas as pd
import pandera.pandas as pa

from . import TABLE

_SPAN_COLUMN = {"findings": "text", "quotes": "text", "visit_mentions": "evidence", "rating_mentions": "evidence"}


def _json_value(value: object) -> object:
    if value is None or (not isinstance(value, (list, dict, str)) and pd.isna(value)):
        return None
    if hasattr(value, "isoformat"):
        return value.isoformat()
    if hasattr(value, "item"):
        return value.item()
    return value


def _span_failures(table: str, frame: pd.DataFrame, bodies: Mapping[str, str]) -> dict[int, list[str]]:
    """Rows whose text is not exactly `body[char_start:char_end]` of their article."""
    column = _SPAN_COLUMN.get(table)
    failures: dict[int, list[str]] = defaultdict(list)
    if column is None or frame.empty:
        return failures
    for index, article, start, end, text in zip(frame.index, frame["article_id"], frame["char_start"],
                                                frame["char_end"], frame[column]):
        body = bodies.get(article)
        if body is None or pd.isna(start) or pd.isna(end) or body[int(start):int(end)] != text:
            failures[index].append(f"span: {column} is not body[char_start:char_end] of its article")
    return failures


def validate(table: str, frame: pd.DataFrame, bodies: Mapping[str, str] | None = None,
             ) -> tuple[pd.DataFrame, list[dict]]:
    """The rows that pass the table's model (coerced to its types), and one rejected-record dict
    (table_name, article_id, record, reason) for every row that does not."""
    model = TABLE[table].model
    failures = _span_failures(table, frame, bodies or {})
    checked = None
    try:
        checked = model.validate(frame, lazy=True)
    except pa.errors.SchemaErrors as errors:
        cases = errors.failure_cases
        for index, column, check, value in zip(cases["index"], cases["column"], cases["check"],
                                               cases["failure_case"]):
            if index is None or pd.isna(index):
                raise ValueError(f"{table}: the frame itself breaks the model: {column} {check}") from errors
            failures[int(index)].append(f"{column}: {check} (value {value!r})")
    rejected = [
        {"table_name": table,
         "article_id": frame.at[index, "article_id"] if "article_id" in frame.columns else None,
         "record": json.dumps({k: _json_value(v) for k, v in frame.loc[index].items()}, ensure_ascii=False),
         "reason": "; ".join(dict.fromkeys(reasons))}
        for index, reasons in sorted(failures.items())
    ]
    if checked is not None:  # the whole frame passed the model: dropping span failures keeps it valid
        return (checked.drop(index=list(failures)) if failures else checked), rejected
    return model.validate(frame.drop(index=list(failures)), lazy=True), rejected
