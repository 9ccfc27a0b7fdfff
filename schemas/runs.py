"""Run records: what each pipeline run did, what it checked and what it refused."""

from __future__ import annotations

import pandas as pd
import pandera.pandas as pa
from pandera.engines import pandas_engine
from pandera.typing import Series

from . import fields


class PipelineRuns(fields.TableModel):
    """One row per refresh run."""

    run_id: Series[str] = pa.Field(unique=True, str_matches=r"^run_", description="Id of the run.")
    flow_run_id: Series[str] = pa.Field(nullable=True, description="The Prefect flow run, when run by Prefect.")
    started_at: Series[pandas_engine.DateTime] = pa.Field(description="When the run started (UTC).")
    ended_at: Series[pandas_engine.DateTime] = pa.Field(description="When the run ended (UTC).")
    status: Series[str] = pa.Field(isin=["published", "nothing_to_publish", "failed_quality", "failed"],
                                   description="`published`: new state swapped in; `failed_quality`: critical "
                                               "checks failed, published tables left as they were.")
    full_refresh: Series[bool] = pa.Field(description="Whether every article was re-extracted.")
    articles_seen: Series[pd.Int64Dtype] = pa.Field(ge=0, description="Files in the raw folder.")
    articles_new: Series[pd.Int64Dtype] = pa.Field(ge=0, description="Files not seen before.")
    articles_changed: Series[pd.Int64Dtype] = pa.Field(ge=0, description="Files whose bytes changed.")
    articles_unchanged: Series[pd.Int64Dtype] = pa.Field(ge=0, description="Files left as they were.")
    articles_removed: Series[pd.Int64Dtype] = pa.Field(ge=0, description="Files gone since the last run.")
    articles_rejected: Series[pd.Int64Dtype] = pa.Field(ge=0, description="Files processed this run that were "
                                                                          "rejected (unreadable, empty, too large).")
    rows_written: Series[str] = pa.Field(description="JSON object: rows each table holds after the run.")
    checks_passed: Series[pd.Int64Dtype] = pa.Field(ge=0, description="Data-quality checks that passed.")
    checks_failed: Series[pd.Int64Dtype] = pa.Field(ge=0, description="Data-quality checks that failed.")
    message: Series[str] = pa.Field(nullable=True, description="Why the run failed, if it did.")


class DqResults(fields.TableModel):
    """One row per data-quality check per run."""

    run_id: Series[str] = fields.run_id()
    check_name: Series[str] = pa.Field(description="The Great Expectations expectation and its arguments.")
    table_name: Series[str] = pa.Field(description="The staged table it ran on.")
    success: Series[bool] = pa.Field(description="Whether the check passed.")
    observed_value: Series[str] = pa.Field(nullable=True, description="What the check saw, e.g. unexpected count.")
    severity: Series[str] = pa.Field(isin=["critical", "warning"],
                                     description="`critical` checks block publishing; `warning` ones are recorded.")


class RejectedRecords(fields.TableModel):
    """A row that failed validation: nothing is dropped silently."""

    run_id: Series[str] = fields.run_id()
    table_name: Series[str] = pa.Field(description="The table the row was meant for.")
    article_id: Series[str] = pa.Field(nullable=True, description="The article it came from, where known.")
    record: Series[str] = pa.Field(description="The row as JSON.")
    reason: Series[str] = pa.Field(description="Which checks it failed.")
