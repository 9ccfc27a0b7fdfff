"""The refresh, stage by stage, as plain functions.

`run` wires the stages together once. The Prefect flow (`flows.refresh`) passes them in as
Prefect tasks; the benchmark passes the bare functions, so both run the same code.
"""

from __future__ import annotations

import contextlib
import dataclasses
import datetime as dt
import gc
import json
import logging
import shutil
import uuid
from collections import deque
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pandas as pd

from inspections.authorities import authorities
from inspections.events import Events
from inspections.ids import article_id as article_id_of
from schemas.validation import validate

from . import quality, report, transform
from .raw import (DEFAULT_MAX_BYTES, Discovery, KnownArticle, RawArticle, RawFile, discover, list_raw_files,
                  load_manifest, read_article)
from .transform import PER_ARTICLE_TABLES, to_frames, transform_batch
from .warehouse import Staging, clear_stale_staging, duplicate_targets, known_articles

log = logging.getLogger(__name__)

DEFAULT_BATCH_SIZE = 500


@dataclass(frozen=True)
class Settings:
    """What one refresh run works on."""

    raw_dir: Path
    warehouse: Path
    full_refresh: bool = False
    max_bytes: int = DEFAULT_MAX_BYTES
    batch_size: int = DEFAULT_BATCH_SIZE
    transforms_in_flight: int = 2
    docs_dir: Path | None = None  # GX Data Docs; default: docs/ beside the warehouse file
    report_path: Path | None = None  # the HTML report; default: report.html beside the warehouse file

    def __post_init__(self) -> None:
        if self.docs_dir is None:
            object.__setattr__(self, "docs_dir", self.warehouse.parent / "docs")
        if self.report_path is None:
            object.__setattr__(self, "report_path", self.warehouse.parent / "report.html")


@dataclass
class Batch:
    """What one batch of files contributes: rows that passed validation and rows that did not."""

    processed: list[str] = field(default_factory=list)
    frames: dict[str, pd.DataFrame] = field(default_factory=dict)
    rejected: list[dict] = field(default_factory=list)
    rejected_articles: int = 0


@dataclass
class RunSummary:
    """What a run did: the `pipeline_runs` row and the run's artifact are made from this."""

    run_id: str
    started_at: dt.datetime
    full_refresh: bool
    warehouse: Path
    flow_run_id: str | None = None
    ended_at: dt.datetime | None = None
    status: str = "failed"
    seen: int = 0
    new: int = 0
    changed: int = 0
    unchanged: int = 0
    removed: int = 0
    rejected: int = 0
    rejected_records: int = 0
    rows: dict[str, int] = field(default_factory=dict)
    checks: list[quality.CheckResult] = field(default_factory=list)
    rejections: list[dict] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)  # what was read but partly ignored (bad metadata)
    message: str | None = None

    @property
    def checks_failed(self) -> list[quality.CheckResult]:
        return [c for c in self.checks if not c.success]

    def as_row(self) -> dict:
        return {
            "run_id": self.run_id, "flow_run_id": self.flow_run_id, "started_at": self.started_at,
            "ended_at": self.ended_at, "status": self.status, "full_refresh": self.full_refresh,
            "articles_seen": self.seen, "articles_new": self.new, "articles_changed": self.changed,
            "articles_unchanged": self.unchanged, "articles_removed": self.removed,
            "articles_rejected": self.rejected, "rows_written": json.dumps(self.rows, sort_keys=True),
            "checks_passed": len(self.checks) - len(self.checks_failed),
            "checks_failed": len(self.checks_failed), "message": self.message,
        }


@dataclass(frozen=True)
class Steps:
    """The stages `run` calls; each takes and returns plain values."""

    discover: Callable[..., Discovery]
    read: Callable[..., list[RawArticle]]
    transform: Callable[..., Any]  # returns a handle whose .result() is the batch's frames
    validate: Callable[..., tuple[dict[str, pd.DataFrame], list[dict]]]
    load: Callable[..., None]
    consolidate: Callable[..., list[dict]]
    audit: Callable[..., list[quality.CheckResult]]
    publish: Callable[..., None]
    document: Callable[..., None]


def new_run_id(now: dt.datetime) -> str:
    return f"run_{now:%Y%m%dT%H%M%S}_{uuid.uuid4().hex[:8]}"


# --- stages -------------------------------------------------------------------------------------

def discover_stage(settings: Settings) -> Discovery:
    """List the raw folder and compare it with what the warehouse recorded. (The records are read
    here, not passed in: Prefect walks a task's parameters, which costs seconds for 10,000 records.)"""
    known = known_articles(settings.warehouse)
    found = discover(settings.raw_dir, known, transform.extraction_version(), settings.full_refresh)
    changed_code = sum(1 for k in known if k.extraction_version != transform.extraction_version())
    if changed_code and not settings.full_refresh:
        log.info("discover: %d articles were extracted by other code than this run's: extracting them again",
                 changed_code)
    # A duplicate whose original changed or went away must be read again: it may now be the original.
    gone = {k.source_file for k in found.removed} | {f.source_file for f in found.to_read}
    promoted = {name for name, original in duplicate_targets(settings.warehouse).items() if original in gone}
    if promoted & set(found.unchanged):
        extra = [f for f in list_raw_files(settings.raw_dir) if f.source_file in promoted]
        found = dataclasses.replace(found, to_read=sorted(found.to_read + extra, key=lambda f: f.source_file),
                                    unchanged=[n for n in found.unchanged if n not in promoted])
    log.info("discover: %d files in %s, %d to read (%d new), %d unchanged, %d removed", found.seen,
             settings.raw_dir, len(found.to_read), len(found.new), len(found.unchanged), len(found.removed))
    return found


def read_stage(files: Sequence[RawFile], raw_dir: Path, max_bytes: int) -> list[RawArticle]:
    """Read and decode a batch of files; unreadable ones carry their reason."""
    manifest = load_manifest(raw_dir)
    raws = [read_article(f, manifest, max_bytes) for f in files]
    for raw in raws:
        for warning in raw.warnings:
            log.warning("%s: %s", raw.file.source_file, warning)
    log.info("read: %d files, %d unreadable", len(raws), sum(1 for r in raws if r.document is None))
    return raws


def transform_stage(pairs: list[tuple[RawArticle, str | None]], run_id: str) -> dict[str, pd.DataFrame]:
    """Extract every article of a batch into the per-article tables' rows."""
    frames = transform_batch(pairs, run_id)
    log.info("transform: %d articles into %s", len(pairs), _counts(frames))
    return frames


def validate_stage(frames: dict[str, pd.DataFrame]) -> tuple[dict[str, pd.DataFrame], list[dict]]:
    """Check every row against its table's model; failing rows are set aside with the reason."""
    articles = frames["articles"]
    bodies = dict(zip(articles["article_id"], articles["body"]))
    valid, rejected = {}, []
    for name in PER_ARTICLE_TABLES:
        valid[name], failed = validate(name, frames[name], bodies)
        rejected.extend(failed)
    log.info("validate: %s passed, %d rows rejected", _counts(valid), len(rejected))
    return valid, rejected


def load_stage(staging: Staging, batch: Batch, run_id: str) -> None:
    """Replace the batch's articles' rows in the staging copy."""
    staging.delete_articles(batch.processed)
    for name in PER_ARTICLE_TABLES:
        staging.insert(name, batch.frames[name])
    if batch.rejected:
        staging.insert("rejected_records", _rejected_frame(batch.rejected, run_id))
    log.info("load: rows of %d articles replaced in staging: %s", len(batch.processed), _counts(batch.frames))


def _counts(frames: dict[str, pd.DataFrame]) -> str:
    return ", ".join(f"{len(frame)} {name}" for name, frame in frames.items())


def _rejected_frame(rejected: list[dict], run_id: str) -> pd.DataFrame:
    return to_frames({"rejected_records": [{"run_id": run_id, **r} for r in rejected]})["rejected_records"]


def _events_frames(events: Events) -> Iterator[tuple[str, list[dict]]]:
    """The derived tables' rows, one table at a time: at 100,000 articles the four tables' row
    dicts together would hold hundreds of megabytes."""
    yield "visits", [{
        "visit_id": v.visit_id, "authority_code": v.authority_code, "authority_name": v.authority_name,
        "visit_type": v.visit_type, "sequence": v.sequence, "focus": v.focus,
        "visit_date": v.visit_date.to_date(), "date_precision": v.visit_date.precision,
        "published_date": v.published_date.to_date(), "published_date_precision": v.published_date.precision,
        "source_count": len(v.sources)} for v in events.visits]
    yield "visit_sources", [{"visit_id": v.visit_id, "article_id": a} for v in events.visits for a in v.sources]
    yield "ratings", [{
        "rating_id": r.rating_id, "authority_code": r.authority_code, "authority_name": r.authority_name,
        "visit_id": r.visit_id, "judgement": r.judgement, "judgement_area": r.judgement_area,
        "rating_date": r.rating_date.to_date(), "date_precision": r.rating_date.precision,
        "article_id": r.article_id, "evidence": r.evidence, "source_count": len(r.sources)} for r in events.ratings]
    yield "rating_sources", [{"rating_id": r.rating_id, "article_id": a} for r in events.ratings for a in r.sources]


def consolidate_stage(staging: Staging, removed: list[str], run_id: str) -> list[dict]:
    """Drop removed articles, reload the reference data, and merge again the events of the
    authorities whose mentions this run removed or added (all of them on a fresh warehouse), a
    group of authorities at a time; every other authority's events are kept as published."""
    staging.delete_articles(removed)
    staging.replace_reference("authorities", _authorities_frame())
    groups = staging.event_groups()
    if not groups:
        log.info("consolidate: no article's mentions changed; events kept as published")
        return []
    rejected: list[dict] = []
    visits = ratings = 0
    with staging.merging(), _cycle_collector_paused():
        for codes in groups:
            events = staging.consolidate_events(codes)
            valid: dict[str, pd.DataFrame] = {}
            for name, rows in _events_frames(events):
                valid[name], failed = validate(name, to_frames({name: rows})[name])
                rejected.extend(failed)
            staging.replace_events(codes, valid)
            staging.link_events(codes, events)
            visits, ratings = visits + len(events.visits), ratings + len(events.ratings)
    if rejected:
        staging.insert("rejected_records", _rejected_frame(rejected, run_id))
    log.info("consolidate: %d removed articles dropped; events of %d authorities merged again (%d groups): "
             "%d visits and %d ratings; %d rows rejected", len(removed), sum(map(len, groups)), len(groups),
             visits, ratings, len(rejected))
    return rejected


@contextlib.contextmanager
def _cycle_collector_paused() -> Iterator[None]:
    """Merging builds hundreds of thousands of small records that hold no reference cycles, so
    reference counting frees them; Python's cycle collector would only scan them over and over
    (a quarter of the merge's time at 100,000 articles)."""
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()


def _authorities_frame() -> pd.DataFrame:
    rows = [{"authority_code": a.code, "authority_name": a.name, "region": a.region, "status": a.status,
             "successor_codes": ";".join(a.successor_codes) or None, "aliases": ";".join(a.aliases)}
            for a in authorities()]
    return validate("authorities", to_frames({"authorities": rows})["authorities"])[0]


AUDITED_TABLES = ("articles", "authorities", "visits", "visit_sources", "visit_mentions", "ratings",
                  "rating_sources", "rating_mentions", "findings", "quotes", "rejected_records")


def staged_docs(staging: Staging) -> Path:
    """Where the audit renders its Data Docs until the document stage puts them in place."""
    return staging.path.parent / f"docs-{staging.path.stem}"


def audit_stage(staging: Staging, published_docs: Path | None = None) -> list[quality.CheckResult]:
    """Great Expectations checks over the staged tables; their results also become Data Docs.
    Each table is checked whole, on the rows this run wrote, or not at all (the last audit's
    results carried over), as `quality.audit_scopes` decides from what the run wrote."""
    last = staging.last_audit()
    previous = quality.previous_results(*last, AUDITED_TABLES) if last else None
    scopes = quality.audit_scopes(AUDITED_TABLES, staging.changed, staging.rebuilt, previous)
    if all(scope == quality.CARRIED for scope in scopes.values()):
        log.info("audit: nothing staged changed since run %s; its %d check results carried over",
                 last[0], len(previous))
        return list(previous.values())
    results = quality.audit(staging.frame, scopes, staging.row_counts(), previous, docs_dir=staged_docs(staging),
                            previous_docs=published_docs)
    failed = [c for c in results if not c.success]
    by_scope = {scope: sorted(t for t in scopes if scopes[t] == scope) for scope in set(scopes.values())}
    log.info("audit: %d checks, %d failed (%d critical); %s", len(results), len(failed),
             sum(1 for c in failed if c.spec.severity == "critical"),
             "; ".join(f"{scope}: {', '.join(tables)}" for scope, tables in sorted(by_scope.items())))
    return results


def publish_stage(staging: Staging) -> None:
    """Swap the staging copy in as the warehouse."""
    staging.publish()
    log.info("publish: %s swapped in", staging.warehouse)


def document_stage(settings: Settings, docs: Path, data_changed: bool = True) -> None:
    """Put the audit's Data Docs in place and rebuild the HTML report from the published warehouse,
    beside it by default; Data Docs that interrupted runs left behind are removed. A run that
    changed no table keeps the report: it would show the same data."""
    if docs.is_dir():
        quality.publish_data_docs(docs, settings.docs_dir)
    else:
        log.info("document: no new audit results this run; Data Docs in %s kept", settings.docs_dir)
    for stale in docs.parent.glob(f"docs-{settings.warehouse.stem}.run_*"):
        shutil.rmtree(stale, ignore_errors=True)
    if not data_changed and settings.report_path.is_file():
        log.info("document: no table changed this run; report %s kept", settings.report_path)
        return
    report.write_report(settings.warehouse, settings.report_path, settings.docs_dir)
    log.info("document: report %s, Data Docs %s", settings.report_path, settings.docs_dir / "index.html")


@dataclass(frozen=True)
class Done:
    """An already-computed result, shaped like a future: the bare runner's transform handle."""

    value: Any

    def result(self) -> Any:
        return self.value


def transform_now(pairs: list[tuple[RawArticle, str | None]], run_id: str) -> Done:
    return Done(transform_stage(pairs, run_id))


BARE_STEPS = Steps(discover=discover_stage, read=read_stage, transform=transform_now, validate=validate_stage,
                   load=load_stage, consolidate=consolidate_stage, audit=audit_stage, publish=publish_stage,
                   document=document_stage)


# --- the run --------------------------------------------------------------------------------------

def _chunks(items: Sequence[Any], size: int) -> Iterator[Sequence[Any]]:
    for start in range(0, len(items), size):
        yield items[start:start + size]


def _classify(raws: list[RawArticle], known: dict[str, KnownArticle], seen_hashes: dict[str, str],
              full_refresh: bool) -> tuple[list[tuple[RawArticle, str | None]], list[RawFile]]:
    """Split read files into ones to extract (with the original whose text a duplicate repeats) and ones whose
    bytes are unchanged despite a new modification time."""
    pairs, touched = [], []
    for raw in raws:
        previous = known.get(raw.file.source_file)
        if (not full_refresh and previous is not None and previous.content_sha256 == raw.content_sha256
                and previous.status != "duplicate" and previous.metadata_sha256 == raw.file.metadata_sha256
                and previous.extraction_version == transform.extraction_version()):
            touched.append(raw.file)
            continue
        original = seen_hashes.get(raw.text_sha256) if raw.document is not None else None
        if original is None and raw.document is not None:
            seen_hashes[raw.text_sha256] = raw.file.source_file
        pairs.append((raw, original))
    return pairs, touched


def run(settings: Settings, steps: Steps = BARE_STEPS, flow_run_id: str | None = None) -> RunSummary:
    """One refresh: discover, then read → transform → validate → load per batch, then consolidate,
    audit, and publish only if every critical check passed. Call it holding the writer slot."""
    started = dt.datetime.now(dt.UTC).replace(tzinfo=None)
    summary = RunSummary(run_id=new_run_id(started), started_at=started, full_refresh=settings.full_refresh,
                         warehouse=settings.warehouse, flow_run_id=flow_run_id)
    settings.warehouse.parent.mkdir(parents=True, exist_ok=True)
    for stale in clear_stale_staging(settings.warehouse):
        log.warning("removed %s, left behind by an interrupted run", stale.name)
    found = steps.discover(settings)
    known = found.known
    unchanged = set(found.unchanged)
    seen_hashes = {k.text_sha256: k.source_file for k in known.values()
                   if k.source_file in unchanged and k.status in ("loaded", "irrelevant")}
    staging = Staging(settings.warehouse, summary.run_id, fresh=settings.full_refresh)
    try:
        summary.seen, summary.removed = found.seen, len(found.removed)
        touched_count = 0
        in_flight: deque[tuple[list, Any]] = deque()

        def load_next() -> None:
            pairs, handle = in_flight.popleft()
            frames = handle.result()
            valid, rejected = steps.validate(frames)
            batch = Batch(processed=[article_id_of(raw.file.source_file) for raw, _ in pairs], frames=valid,
                          rejected=rejected)
            steps.load(staging, batch, summary.run_id)
            _count_batch(summary, frames["articles"], rejected, pairs, found.new)

        for files in _chunks(found.to_read, settings.batch_size):
            raws = steps.read(files, settings.raw_dir, settings.max_bytes)
            pairs, touched = _classify(raws, known, seen_hashes, settings.full_refresh)
            touched_count += len(touched)
            staging.touch(pd.DataFrame([(f.source_file, f.size, f.mtime_ns) for f in touched],
                                       columns=["source_file", "file_size", "file_mtime_ns"]))
            in_flight.append((pairs, steps.transform(pairs, summary.run_id)))
            if len(in_flight) > settings.transforms_in_flight:
                load_next()
        while in_flight:
            load_next()
        summary.changed = len(found.to_read) - touched_count - summary.new
        summary.unchanged = len(found.unchanged) + touched_count
        idle = not (found.to_read or found.removed or staging.changed)
        if idle:  # no stage has work: no tasks for them, the last audit's results are recorded again
            log.info("nothing to read, remove or check: consolidate, audit and document have no work this run")
            summary.checks = audit_stage(staging)
        else:
            extra = steps.consolidate(staging, [k.article_id for k in found.removed], summary.run_id)
            summary.rejected_records += len(extra)
            summary.rejections += [{"what": f"{r['table_name']} row", "reason": r["reason"]} for r in extra]
            summary.checks = steps.audit(staging, settings.docs_dir)
        summary.rows = staging.row_counts()
        critical = [c for c in summary.checks_failed if c.spec.severity == "critical"]
        if critical:
            summary.status = "failed_quality"
            summary.message = f"{len(critical)} critical data-quality checks failed; nothing was published"
            staging.discard()
            _record_only(settings, summary)
            steps.document(settings, staged_docs(staging))
            return summary
        summary.status = "published"
        data_changed = bool(staging.changed)  # before the run's own records are added
        _finish(staging, summary)
        steps.publish(staging)
        if not (idle and settings.report_path.is_file()):
            steps.document(settings, staged_docs(staging), data_changed)
        return summary
    except BaseException:
        staging.discard()
        raise


def _count_batch(summary: RunSummary, articles: pd.DataFrame, rejected: list[dict],
                 pairs: list[tuple[RawArticle, str | None]], new: set[str]) -> None:
    refused = articles[articles["status"] == "rejected"]
    summary.rejected += len(refused)
    summary.rejections += [{"what": f"file {name}", "reason": reason}
                           for name, reason in zip(refused["source_file"], refused["reject_reason"])]
    summary.rejections += [{"what": f"{r['table_name']} row of {r['article_id']}", "reason": r["reason"]}
                           for r in rejected]
    summary.rejected_records += len(rejected)
    summary.new += sum(1 for raw, _ in pairs if raw.file.source_file in new)
    summary.warnings += [f"{raw.file.source_file}: {warning}" for raw, _ in pairs for warning in raw.warnings]


def _finish(staging: Staging, summary: RunSummary) -> None:
    summary.ended_at = dt.datetime.now(dt.UTC).replace(tzinfo=None)
    staging.insert("dq_results", to_frames(
        {"dq_results": [c.as_row(summary.run_id) for c in summary.checks]})["dq_results"])
    staging.insert("pipeline_runs", to_frames({"pipeline_runs": [summary.as_row()]})["pipeline_runs"])
    summary.rows = staging.row_counts()


def _record_only(settings: Settings, summary: RunSummary) -> None:
    """A failed audit still leaves its record: a fresh copy of the published warehouse gets only
    the run's `pipeline_runs` and `dq_results` rows, so the published tables stay as they were."""
    staging = Staging(settings.warehouse, summary.run_id + "_record")
    try:
        _finish(staging, summary)
        staging.publish()
    except BaseException:
        staging.discard()
        raise
