"""The audit step: Great Expectations checks on the staged tables before anything is published.

The checks come from the pandera models (`schemas.render.checks`): keys unique, required
columns present, vocabularies, ranges, id shapes, dates in range and foreign keys. Foreign-key
value sets are read from the staged tables here; an article id that content rows reference must
belong to a `loaded` article.
"""

from __future__ import annotations

import datetime as dt
import json
import logging
import warnings
from collections.abc import Mapping
from dataclasses import dataclass

import pandas as pd

from schemas.render import CheckSpec, checks

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class CheckResult:
    spec: CheckSpec
    success: bool
    observed_value: str | None

    def as_row(self, run_id: str) -> dict:
        return {"run_id": run_id, "check_name": self.spec.name, "table_name": self.spec.table,
                "success": self.success, "observed_value": self.observed_value, "severity": self.spec.severity}


def _reference_values(reference: str, frames: Mapping[str, pd.DataFrame]) -> list:
    table, column = reference.split(".")
    frame = frames[table]
    if table == "articles":
        frame = frame[frame["status"] == "loaded"]
    return sorted(frame[column].dropna().unique().tolist())


def _kwargs(spec: CheckSpec, frames: Mapping[str, pd.DataFrame]) -> dict:
    kwargs = dict(spec.kwargs)
    if spec.references:
        kwargs["value_set"] = _reference_values(spec.references, frames)
    column = kwargs.get("column")
    if column and column in frames[spec.table] and pd.api.types.is_datetime64_any_dtype(frames[spec.table][column]):
        for bound in ("min_value", "max_value"):
            if isinstance(kwargs.get(bound), str):
                kwargs[bound] = pd.Timestamp(kwargs[bound])
    return kwargs


def _observed(result) -> str | None:
    details = result.result or {}
    summary = {k: details[k] for k in ("observed_value", "unexpected_count", "unexpected_percent",
                                        "partial_unexpected_list") if k in details and details[k] not in (None, [])}
    if result.exception_info and result.exception_info.get("raised_exception"):
        summary["exception"] = str(result.exception_info.get("exception_message"))[:300]
    return json.dumps(summary, default=str)[:2000] if summary else None


def audit(frames: Mapping[str, pd.DataFrame], today: dt.date | None = None) -> list[CheckResult]:
    """Run every check on the staged tables in an ephemeral GX context."""
    import great_expectations as gx

    specs = [s for s in checks(today or dt.date.today()) if s.table in frames]
    context = gx.get_context(mode="ephemeral")
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        context.variables.progress_bars = {"globally": False, "metric_calculations": False}
    source = context.data_sources.add_pandas("staging")
    results: list[CheckResult] = []
    for table in sorted({s.table for s in specs}):
        table_specs = [s for s in specs if s.table == table]
        batch = source.add_dataframe_asset(table).add_batch_definition_whole_dataframe(table)
        suite = gx.ExpectationSuite(name=table)
        for number, spec in enumerate(table_specs):
            expectation = getattr(gx.expectations, spec.expectation)
            suite.add_expectation(expectation(**_kwargs(spec, frames), meta={"check": number}))
        suite = context.suites.add(suite)
        definition = context.validation_definitions.add(gx.ValidationDefinition(data=batch, suite=suite, name=table))
        outcome = definition.run(batch_parameters={"dataframe": frames[table]})
        for result in outcome.results:
            spec = table_specs[result.expectation_config.meta["check"]]
            results.append(CheckResult(spec, bool(result.success), _observed(result)))
    return results
