"""The Prefect flow `refresh`: raw articles → validated tables → the DuckDB warehouse.

The flow only wires the stages of `flows.pipeline` together as Prefect tasks, holds the
warehouse's single writer slot (a Prefect global concurrency limit), and publishes the run's
summary as artifacts. Given a Dask scheduler's address (parameter `dask_address` or the
OFSTED_DASK_ADDRESS environment variable), the transform tasks run on that Dask cluster through
Prefect's DaskTaskRunner; everything that touches the warehouse stays in the flow's process.
"""

from __future__ import annotations

import contextlib
import dataclasses
import hashlib
import logging
import os
from collections.abc import Iterator
from pathlib import Path

from prefect import flow, get_run_logger, runtime, task
from prefect.artifacts import create_markdown_artifact, create_table_artifact
from prefect.cache_policies import NO_CACHE
from prefect.client.orchestration import get_client
from prefect.concurrency.sync import concurrency
from prefect.exceptions import ObjectAlreadyExists
from prefect.settings import PREFECT_FLOWS_HEARTBEAT_FREQUENCY, temporary_settings
from prefect.task_runners import ProcessPoolTaskRunner

from . import pipeline
from .summary import summary_lines, summary_markdown

WRITER_WAIT_SECONDS = 600
# The writer slot is a lease the run renews every 90 s: a run that is killed outright frees it
# within two minutes (Prefect's default lease, 300 s, kept the warehouse locked for five).
WRITER_LEASE_SECONDS = 120
DASK_ADDRESS_ENV = "OFSTED_DASK_ADDRESS"
IN_PROCESS_BATCHES = 2


class RefreshFailed(RuntimeError):
    """A run whose audit failed: nothing was published. Carries the run's summary."""

    def __init__(self, summary: pipeline.RunSummary):
        super().__init__(summary.message or f"run ended {summary.status}")
        self.summary = summary


def _task(fn, retries: int = 0, timeout: float = 1800):
    return task(fn, name=fn.__name__.removesuffix("_stage"), cache_policy=NO_CACHE, retries=retries,
                retry_delay_seconds=[1, 5, 15][:retries] or 0, timeout_seconds=timeout)


TRANSFORM = _task(pipeline.transform_stage)

PREFECT_STEPS = pipeline.Steps(
    discover=_task(pipeline.discover_stage, retries=2),
    read=_task(pipeline.read_stage, retries=2),
    transform=TRANSFORM.submit,
    validate=_task(pipeline.validate_stage),
    load=_task(pipeline.load_stage),
    consolidate=_task(pipeline.consolidate_stage),
    audit=_task(pipeline.audit_stage),
    publish=_task(pipeline.publish_stage, retries=2),
    document=_task(pipeline.document_stage, retries=1, timeout=600),
)


def writer_slot_name(warehouse: Path) -> str:
    """One global concurrency limit per warehouse file: at most one run writes it at a time."""
    return "warehouse-writer-" + hashlib.sha256(str(warehouse.resolve()).encode()).hexdigest()[:12]


class _LocalTransforms:
    """The transform step without a Dask cluster. Extraction is pure Python and holds the GIL,
    so threads never run two batches at once: the first two batches run in the flow's own thread
    (a small run pays nothing to start processes, which costs seconds); from the third on,
    batches go to a pool of worker processes, one per core (Prefect's ProcessPoolTaskRunner)."""

    def __init__(self, stack: contextlib.ExitStack):
        self.stack = stack
        self.pool: ProcessPoolTaskRunner | None = None
        self.batches = 0

    def __call__(self, pairs, run_id):
        self.batches += 1
        workers = os.cpu_count() or 1
        if self.batches <= IN_PROCESS_BATCHES or workers < 2:
            return pipeline.Done(TRANSFORM(pairs, run_id))  # in the flow's thread, where its timeout holds
        if self.pool is None:
            self.pool = self.stack.enter_context(ProcessPoolTaskRunner(max_workers=workers))
        return self.pool.submit(TRANSFORM, {"pairs": pairs, "run_id": run_id})


@contextlib.contextmanager
def _steps_on(dask_address: str | None) -> Iterator[pipeline.Steps]:
    """The flow's steps; with a Dask scheduler's address, transform tasks are submitted to that
    cluster (the same as `refresh.with_options(task_runner=DaskTaskRunner(address=...))`)."""
    if not dask_address:
        with contextlib.ExitStack() as stack:
            yield dataclasses.replace(PREFECT_STEPS, transform=_LocalTransforms(stack))
        return
    from prefect_dask import DaskTaskRunner

    with DaskTaskRunner(address=dask_address) as runner:
        def transform_on_dask(pairs, run_id):
            return runner.submit(TRANSFORM, {"pairs": pairs, "run_id": run_id})

        yield dataclasses.replace(PREFECT_STEPS, transform=transform_on_dask)


class _RunLogHandler(logging.Handler):
    """Sends the pipeline's own log lines (what each stage did, with counts) to the Prefect run's
    logs, under the task or flow run that wrote them."""

    def emit(self, record: logging.LogRecord) -> None:
        get_run_logger().log(record.levelno, record.getMessage())


@contextlib.contextmanager
def _stage_logs() -> Iterator[None]:
    """For the flow's duration, the pipeline's log lines go to the run's logs (and console) once."""
    handler, level, propagate = _RunLogHandler(logging.INFO), pipeline.log.level, pipeline.log.propagate
    pipeline.log.addHandler(handler)
    pipeline.log.setLevel(logging.INFO)
    pipeline.log.propagate = False
    try:
        yield
    finally:
        pipeline.log.removeHandler(handler)
        pipeline.log.setLevel(level)
        pipeline.log.propagate = propagate


def _ensure_writer_limit(name: str) -> None:
    with get_client(sync_client=True) as client:
        try:
            client.upsert_global_concurrency_limit_by_name(name, limit=1)
        except ObjectAlreadyExists:
            pass


@flow(name="refresh", flow_run_name="refresh {raw_dir} into {warehouse}")
def refresh(raw_dir: str = "raw", warehouse: str = "warehouse/ofsted.duckdb", full_refresh: bool = False,
            max_bytes: int = pipeline.DEFAULT_MAX_BYTES, batch_size: int = pipeline.DEFAULT_BATCH_SIZE,
            dask_address: str | None = None, docs_dir: str | None = None, report_path: str | None = None,
            ) -> pipeline.RunSummary:
    """Extract new and changed articles, validate, audit and publish the warehouse, then write the
    HTML report and the Data Docs (default: `report.html` and `docs/` beside the warehouse). With
    `dask_address` (default: $OFSTED_DASK_ADDRESS), e.g. tcp://scheduler:8786, the transform runs on
    that Dask cluster."""
    logger = get_run_logger()
    settings = pipeline.Settings(raw_dir=Path(raw_dir), warehouse=Path(warehouse), full_refresh=full_refresh,
                                 max_bytes=max_bytes, batch_size=batch_size,
                                 docs_dir=Path(docs_dir) if docs_dir else None,
                                 report_path=Path(report_path) if report_path else None)
    slot = writer_slot_name(settings.warehouse)
    _ensure_writer_limit(slot)
    logger.info("waiting for the writer slot of %s (%s)", settings.warehouse, slot)
    address = dask_address or os.environ.get(DASK_ADDRESS_ENV) or None
    if address:
        logger.info("transforming on the Dask cluster at %s", address)
    with _steps_on(address) as steps, concurrency(slot, occupy=1, timeout_seconds=WRITER_WAIT_SECONDS,
                                                  lease_duration=WRITER_LEASE_SECONDS, strict=True), _stage_logs():
        summary = pipeline.run(settings, steps, flow_run_id=str(runtime.flow_run.id))
    create_markdown_artifact(summary_markdown(summary), key="refresh-summary",
                             description=f"Refresh of {settings.warehouse}")
    create_table_artifact(summary.rejections, key="refresh-rejected",
                          description=f"Files and rows this run rejected: {len(summary.rejections)}")
    for line in summary_lines(summary):
        logger.info(line)
    if summary.status != "published":
        raise RefreshFailed(summary)
    return summary


def refresh_here(**parameters) -> pipeline.RunSummary:
    """Run the flow in this process, as `ofsted-etl refresh` does, without flow-run heartbeats.

    Prefect's heartbeat thread sleeps in one-second steps and every flow run waits for it to
    notice the run's end: about 1 s a run, as long as a whole refresh with nothing new. A
    heartbeat lets the server mark a run whose process died unseen as crashed; a run started
    here dies in its caller's terminal. Served runs (scheduled, or started from the UI) run in
    processes of their own and keep Prefect's heartbeats."""
    with temporary_settings(updates={PREFECT_FLOWS_HEARTBEAT_FREQUENCY: None}):
        return refresh(**parameters)
