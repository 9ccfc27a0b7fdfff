"""The Prefect flow `refresh`: raw articles → validated tables → the DuckDB warehouse.

The flow only wires the stages of `flows.pipeline` together as Prefect tasks, holds the
warehouse's single writer slot (a Prefect global concurrency limit), and publishes the run's
summary as artifacts.
"""

from __future__ import annotations

import hashlib
from pathlib import Path

from prefect import flow, get_run_logger, runtime, task
from prefect.artifacts import create_markdown_artifact, create_table_artifact
from prefect.cache_policies import NO_CACHE
from prefect.client.orchestration import get_client
from prefect.concurrency.sync import concurrency
from prefect.exceptions import ObjectAlreadyExists

from . import pipeline
from .summary import summary_lines, summary_markdown

WRITER_WAIT_SECONDS = 600


class RefreshFailed(RuntimeError):
    """A run whose audit failed: nothing was published. Carries the run's summary."""

    def __init__(self, summary: pipeline.RunSummary):
        super().__init__(summary.message or f"run ended {summary.status}")
        self.summary = summary


def _task(fn, retries: int = 0, timeout: float = 1800):
    return task(fn, name=fn.__name__.removesuffix("_stage"), cache_policy=NO_CACHE, retries=retries,
                retry_delay_seconds=[1, 5, 15][:retries] or 0, timeout_seconds=timeout)


PREFECT_STEPS = pipeline.Steps(
    discover=_task(pipeline.discover_stage, retries=2),
    read=_task(pipeline.read_stage, retries=2),
    transform=_task(pipeline.transform_stage).submit,
    validate=_task(pipeline.validate_stage),
    load=_task(pipeline.load_stage),
    consolidate=_task(pipeline.consolidate_stage),
    audit=_task(pipeline.audit_stage),
    publish=_task(pipeline.publish_stage, retries=2),
)


def writer_slot_name(warehouse: Path) -> str:
    """One global concurrency limit per warehouse file: at most one run writes it at a time."""
    return "warehouse-writer-" + hashlib.sha256(str(warehouse.resolve()).encode()).hexdigest()[:12]


def _ensure_writer_limit(name: str) -> None:
    with get_client(sync_client=True) as client:
        try:
            client.upsert_global_concurrency_limit_by_name(name, limit=1)
        except ObjectAlreadyExists:
            pass


@flow(name="refresh", flow_run_name="refresh {raw_dir} into {warehouse}", log_prints=True)
def refresh(raw_dir: str = "raw", warehouse: str = "warehouse/ofsted.duckdb", full_refresh: bool = False,
            max_bytes: int = pipeline.DEFAULT_MAX_BYTES, batch_size: int = pipeline.DEFAULT_BATCH_SIZE,
            ) -> pipeline.RunSummary:
    """Extract new and changed articles, validate, audit and publish the warehouse."""
    logger = get_run_logger()
    settings = pipeline.Settings(raw_dir=Path(raw_dir), warehouse=Path(warehouse), full_refresh=full_refresh,
                                 max_bytes=max_bytes, batch_size=batch_size)
    slot = writer_slot_name(settings.warehouse)
    _ensure_writer_limit(slot)
    logger.info("waiting for the writer slot of %s (%s)", settings.warehouse, slot)
    with concurrency(slot, occupy=1, timeout_seconds=WRITER_WAIT_SECONDS, strict=True):
        summary = pipeline.run(settings, PREFECT_STEPS, flow_run_id=str(runtime.flow_run.id))
    create_markdown_artifact(summary_markdown(summary), key="refresh-summary",
                             description=f"Refresh of {settings.warehouse}")
    if summary.rejected_records or summary.rejected:
        create_table_artifact(summary.rejections, key="refresh-rejected",
                              description="Files and rows this run rejected")
    for line in summary_lines(summary):
        logger.info(line)
    if summary.status != "published":
        raise RefreshFailed(summary)
    return summary
