"""Crash safety: a run killed at any moment leaves the warehouse as it was or as the run would
have left it, never a mix, and the next run completes. Two runs in a row change nothing.

The kill trials run the bare pipeline in child processes (`tests.refresh_child`) that note when
they enter each stage; the test watches those marks and sends SIGKILL at the planned moment:
part-way through each stage, as publishing starts, once the staging copy has been closed, and
the instant the staging file has been renamed over the warehouse.

A killed run leaves its staging file behind. The next trial starts from exactly what the
killed one left (the old warehouse plus its debris), so every trial is also the next run of
the one before it; once a kill leaves the new state, or at the end, a run goes to completion
and must give exactly the state the uninterrupted run gave.
"""

from __future__ import annotations

import signal
import time
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

import pytest

from flows import pipeline
from schemas import TABLES
from tests.conftest import query, table_contents
from tests.corpus import refresh_scenario
from tests.refresh_child import START, fork_server, read_marks, start_refresh

RUN_RECORDS = ("pipeline_runs", "dq_results")
CONTENT_TABLES = [t.name for t in TABLES if t.name not in RUN_RECORDS]
BATCH_SIZE = 20


def state(warehouse: Path) -> dict[str, list[tuple]]:
    """Every content table's rows without the `run_id` column (a re-run has a new run id)."""
    contents = table_contents(warehouse, CONTENT_TABLES)
    columns = {t.name: t.columns for t in TABLES}
    keep = {name: [i for i, c in enumerate(columns[name]) if c != "run_id"] for name in CONTENT_TABLES}
    return {name: sorted((tuple(row[i] for i in keep[name]) for row in rows), key=repr)
            for name, rows in contents.items()}


def which_state(warehouse: Path, before: dict, after: dict) -> str:
    now = state(warehouse)
    if now == before:
        return "before"
    if now == after:
        return "after"
    mixed = [t for t in CONTENT_TABLES if now[t] not in (before[t], after[t])]
    return f"MIXED ({', '.join(mixed) or 'tables from different states'})"


@dataclass(frozen=True)
class Trigger:
    """When to kill: `delay` seconds after the `occurrence`-th mark of `stage` (the last one if
    negative); or, once publishing has begun, the moment the staging copy's write-ahead log is gone
    (checkpointed and closed) or the staging file itself is gone (renamed over the warehouse)."""

    stage: str
    occurrence: int = 0
    delay: float = 0.0
    watch: str | None = None  # "closed" or "swapped"

    def __str__(self) -> str:
        if self.watch:
            return f"publish, staging {self.watch}"
        return f"{self.stage} #{self.occurrence} +{self.delay * 1000:.0f}ms"


@dataclass
class Trial:
    trigger: Trigger
    killed_in: str = ""
    at: float = 0.0
    outcome: str = ""
    completed: str = ""


def _staging_files(warehouse: Path, suffix: str) -> list[Path]:
    return list((warehouse.parent / ".staging").glob(f"{warehouse.stem}.run_*{suffix}"))


def _kill_when(process, marks_path: Path, warehouse: Path, trigger: Trigger, deadline: float) -> float:
    """Wait for the trigger, then SIGKILL the child (unless it finished first); returns the moment."""
    while time.monotonic() < deadline and process.is_alive():
        if len([m for m in read_marks(marks_path) if m[1] == trigger.stage]) > trigger.occurrence:
            break
        time.sleep(0.0005)
    if trigger.watch:
        suffix = ".duckdb.wal" if trigger.watch == "closed" else ".duckdb"
        while process.is_alive() and _staging_files(warehouse, suffix) and time.monotonic() < deadline:
            pass
    else:
        time.sleep(trigger.delay)
    moment = time.monotonic()
    if process.is_alive():
        process.kill()
    process.join()
    return moment


def _stage_at(marks: list[tuple[float, str]], moment: float) -> str:
    current = "not started"
    for when, name in marks:
        if when > moment:
            break
        current = name.split(" ")[0]
    return "completed" if current == "done" else current


def _plan(timeline: list[tuple[float, str]]) -> list[Trigger]:
    """Kill moments spread over every stage of the measured reference run, then around publishing."""
    durations: dict[str, list[float]] = {}
    for (when, name), (following, _) in zip(timeline, timeline[1:]):
        durations.setdefault(name, []).append(following - when)
    plan = [Trigger(START, 0, 0.0), Trigger(START, 0, durations[START][0] / 2),
            Trigger("discover", 0, durations["discover"][0] / 2)]
    for stage in ("read", "transform", "validate", "load", "consolidate", "audit"):
        runs = durations[stage]
        plan += [Trigger(stage, 0, 0.0), Trigger(stage, len(runs) - 1, runs[-1] * 0.6)]
    plan.append(Trigger("audit", 0, durations["audit"][0] * 0.3))
    plan += [Trigger("publish", 0, 0.0), Trigger("publish", 0, durations["publish"][0] / 2),
             Trigger("publish", watch="closed"), Trigger("publish", watch="swapped"),
             Trigger("publish", watch="swapped"), Trigger("document", 0, 0.0)]
    return plan


@pytest.fixture(scope="module")
def scenario(tmp_path_factory):
    return refresh_scenario(tmp_path_factory.getbasetemp() / "refresh-scenario")


def _complete(scenario, warehouse: Path, before: dict, after: dict) -> str:
    summary = pipeline.run(pipeline.Settings(raw_dir=scenario.raw, warehouse=warehouse, batch_size=BATCH_SIZE))
    assert _staging_files(warehouse, "") == [], "the run left staging files behind"
    return f"{summary.status}, {which_state(warehouse, before, after)}"


def test_a_killed_run_leaves_the_old_or_the_new_warehouse(tmp_path, scenario):
    context = fork_server()
    before = state(scenario.base)
    reference = scenario.fresh_copy(tmp_path / "reference")
    process = start_refresh(context, scenario.raw, reference, tmp_path / "reference.marks", BATCH_SIZE)
    process.join(timeout=300)
    timeline = read_marks(tmp_path / "reference.marks")
    assert process.exitcode == 0 and timeline[-1][1] == "done published", timeline[-1]
    after = state(reference)
    assert all(before[t] != after[t] for t in ("articles", "findings", "quotes", "visit_mentions", "visits")), \
        "the refresh under test must change the tables it writes"
    _print_timeline(timeline)

    trials: list[Trial] = []
    warehouse = None
    for number, trigger in enumerate(_plan(timeline)):
        if warehouse is None:
            warehouse = scenario.fresh_copy(tmp_path / f"chain{number:02d}")
        marks = warehouse.parent / f"trial{number:02d}.marks"
        process = start_refresh(context, scenario.raw, warehouse, marks, BATCH_SIZE)
        killed_at = _kill_when(process, marks, warehouse, trigger, deadline=time.monotonic() + 120)
        trial_marks = read_marks(marks)
        assert process.exitcode in (0, -signal.SIGKILL), f"the run failed on its own: {trial_marks[-1][1]}"
        trial = Trial(trigger, killed_in=_stage_at(trial_marks, killed_at),
                      outcome=which_state(warehouse, before, after))
        trial.at = killed_at - trial_marks[0][0] if trial_marks else 0.0
        runs = query(warehouse, "SELECT count(*) FROM pipeline_runs")[0][0]
        assert runs == {"before": 1, "after": 2}.get(trial.outcome), (trial, runs)
        if trial.outcome != "before":
            trial.completed = _complete(scenario, warehouse, before, after)
            warehouse = None
        trials.append(trial)
    if warehouse is not None:
        trials[-1].completed = _complete(scenario, warehouse, before, after)

    _print_trials(trials)
    assert [t for t in trials if t.outcome not in ("before", "after")] == []
    assert [t for t in trials if t.completed not in ("", "published, after")] == []
    killed = Counter(t.killed_in for t in trials)
    assert sum(n for stage, n in killed.items() if stage != "completed") >= 20, killed
    assert {"read", "transform", "validate", "load", "consolidate", "audit", "publish"} <= set(killed), killed


def _print_timeline(timeline: list[tuple[float, str]]) -> None:
    totals: Counter[str] = Counter()
    for (when, name), (following, _) in zip(timeline, timeline[1:]):
        totals[name] += following - when
    print(f"\nreference refresh: {timeline[-1][0] - timeline[0][0]:.2f}s; per stage: "
          + ", ".join(f"{name} {seconds:.3f}s" for name, seconds in totals.items()))


def _print_trials(trials: list[Trial]) -> None:
    print(f"{'kill planned at':28} {'killed in':12} {'after':>8}  {'warehouse then':16} run to completion")
    for t in trials:
        print(f"{t.trigger!s:28} {t.killed_in:12} {t.at:7.3f}s  {t.outcome:16} {t.completed}")
    print(f"{len(trials)} trials; killed in: " + ", ".join(f"{s} {n}" for s, n in Counter(
        t.killed_in for t in trials).items()))


def test_a_run_clears_only_its_own_warehouse_s_leftovers(raw_dir, warehouse):
    """Two warehouses may share a folder (`ofsted.duckdb`, `ofsted.v2.duckdb`): a run removes the
    staging files killed runs of its own warehouse left, never the other's work in progress."""
    staging = warehouse.parent / ".staging"
    staging.mkdir(parents=True)
    ours = staging / "ofsted.run_20250101T000000_0123abcd.duckdb"
    theirs = staging / "ofsted.v2.run_20250101T000000_4567cdef.duckdb"
    spilled = staging / f"{ours.name}.tmp"  # DuckDB's temporary folder beside the killed run's copy
    ours.write_bytes(b"left by a killed run")
    spilled.mkdir()
    (spilled / "duckdb_temp_storage-0.tmp").write_bytes(b"spilled rows")
    theirs.write_bytes(b"another warehouse's run, still working")
    assert pipeline.run(pipeline.Settings(raw_dir=raw_dir, warehouse=warehouse)).status == "published"
    assert not ours.exists() and not spilled.exists() and theirs.exists()


# --- idempotency -----------------------------------------------------------------------------------

def test_two_runs_in_a_row_leave_identical_tables_and_ids(raw_dir, warehouse):
    (raw_dir / "empty.txt").write_bytes(b"")
    (raw_dir / "copy.txt").write_bytes((raw_dir / "000_071f9bf6fd2f62dd.txt").read_bytes())
    first = pipeline.run(pipeline.Settings(raw_dir=raw_dir, warehouse=warehouse))
    once = table_contents(warehouse, CONTENT_TABLES)
    second = pipeline.run(pipeline.Settings(raw_dir=raw_dir, warehouse=warehouse))
    assert (first.status, second.status) == ("published", "published")
    assert (second.new, second.changed, second.removed, second.unchanged) == (0, 0, 0, 7)
    assert table_contents(warehouse, CONTENT_TABLES) == once
    assert query(warehouse, "SELECT count(*), count(DISTINCT run_id) FROM pipeline_runs") == [(2, 2)]
