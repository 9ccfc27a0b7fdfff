"""Readers and writers: people querying the warehouse while a refresh works are never locked out,
and two refreshes started together take turns, so nothing is written twice."""

from __future__ import annotations

import os
import signal
import statistics
import subprocess
import sys
import time
from pathlib import Path

import duckdb
import pytest

from schemas import TABLES
from tests.conftest import query
from tests.corpus import refresh_scenario
from tests.refresh_child import fork_server, read_marks, start_refresh

# What a person would ask: how many articles, findings and runs, in one query.
READER_SQL = ("SELECT (SELECT count(*) FROM articles), (SELECT count(*) FROM findings f JOIN articles a "
              "USING (article_id)), (SELECT count(*) FROM pipeline_runs)")
DUCKDB_CLI = Path(sys.executable).with_name("duckdb")


class CliSession:
    """Someone with the duckdb command line open on the warehouse, read-only, all along."""

    def __init__(self, warehouse: Path):
        self.process = subprocess.Popen([str(DUCKDB_CLI), "-readonly", "-csv", "-noheader", str(warehouse)],
                                        stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True, bufsize=1)

    def ask(self, sql: str) -> tuple:
        self.process.stdin.write(sql + ";\n")
        self.process.stdin.flush()
        return tuple(int(v) for v in self.process.stdout.readline().strip().split(","))

    def close(self) -> None:
        self.process.stdin.close()
        self.process.wait(timeout=30)


@pytest.fixture(scope="module")
def scenario(tmp_path_factory):
    return refresh_scenario(tmp_path_factory.getbasetemp() / "refresh-scenario")


def _staging_files(warehouse: Path) -> list[Path]:
    return sorted((warehouse.parent / ".staging").glob(f"{warehouse.stem}.run_*.duckdb"))


def test_readers_are_never_locked_out_while_a_refresh_runs(scenario, tmp_path):
    warehouse = scenario.fresh_copy(tmp_path / "warehouse")
    before = query(warehouse, READER_SQL)[0]
    held = CliSession(warehouse)
    assert held.ask(READER_SQL) == before
    marks = tmp_path / "refresh.marks"
    refresh = start_refresh(fork_server(), scenario.raw, warehouse, marks)
    waits, seen = [], []
    while refresh.is_alive():
        started = time.perf_counter()
        with duckdb.connect(str(warehouse), read_only=True) as reader:
            seen.append(reader.execute(READER_SQL).fetchone())
        waits.append(time.perf_counter() - started)
        time.sleep(0.005)
    refresh.join()
    assert refresh.exitcode == 0 and read_marks(marks)[-1][1] == "done published"
    after = query(warehouse, READER_SQL)[0]
    seen.append(after)

    timeline = read_marks(marks)
    print(f"\n{len(waits)} read-only queries while the refresh ran ({timeline[-1][0] - timeline[0][0]:.1f}s): "
          f"longest {max(waits) * 1000:.1f} ms, median {statistics.median(waits) * 1000:.1f} ms, "
          f"99th percentile {statistics.quantiles(waits, n=100)[-1] * 1000:.1f} ms")
    assert before != after and before[2] + 1 == after[2]
    assert set(seen) == {before, after}, "every reader saw the old warehouse or the new one, and both were seen"
    assert seen.index(after) == len(seen) - seen[::-1].index(before), "once the new state was seen, never the old"
    assert held.ask(READER_SQL) == before, "an open session keeps reading the state it opened"
    held.close()


def _cli_refresh(raw: Path, warehouse: Path, log: Path, api_url: str) -> subprocess.Popen:
    env = {**os.environ, "PREFECT_API_URL": api_url, "PREFECT_SERVER_ANALYTICS_ENABLED": "false"}
    with log.open("w") as out:
        return subprocess.Popen([sys.executable, "-m", "flows.cli", "refresh", "--raw-dir", str(raw),
                                 "--warehouse", str(warehouse), "--batch-size", "20"],
                                stdout=out, stderr=subprocess.STDOUT, env=env)


def _wait_for(condition, what: str, timeout: float = 120) -> None:
    deadline = time.monotonic() + timeout
    while not condition():
        assert time.monotonic() < deadline, f"gave up waiting for {what}"
        time.sleep(0.05)


def test_two_refreshes_started_together_take_turns(prefect_api, scenario, tmp_path):
    """The first refresh is paused (SIGSTOP) while it holds the warehouse's writer slot and has
    begun writing its staging copy; the second is started and must wait for the slot, writing
    nothing, until the first is let go and has published."""
    from prefect.settings import PREFECT_API_URL

    warehouse = scenario.fresh_copy(tmp_path / "warehouse")
    first_log, second_log = tmp_path / "first.log", tmp_path / "second.log"
    first = _cli_refresh(scenario.raw, warehouse, first_log, PREFECT_API_URL.value())
    second = None
    try:
        _wait_for(lambda: _staging_files(warehouse) or first.poll() is not None, "the first run's staging copy")
        holding = _staging_files(warehouse)
        assert holding, first_log.read_text()
        first.send_signal(signal.SIGSTOP)
        second = _cli_refresh(scenario.raw, warehouse, second_log, PREFECT_API_URL.value())
        _wait_for(lambda: "waiting for the writer slot" in second_log.read_text() or second.poll() is not None,
                  "the second run to ask for the writer slot")
        time.sleep(3)
        assert second.poll() is None and _staging_files(warehouse) == holding, "the second run did not wait"
        first.send_signal(signal.SIGCONT)
        assert first.wait(timeout=300) == 0, first_log.read_text()
        assert second.wait(timeout=300) == 0, second_log.read_text()
    finally:
        for process in (first, second):
            if process is not None and process.poll() is None:
                process.send_signal(signal.SIGCONT)
                process.kill()
                process.wait()

    runs = query(warehouse, "SELECT started_at, ended_at, articles_new, articles_changed, articles_removed, "
                            "flow_run_id FROM pipeline_runs ORDER BY started_at")
    print(f"\nruns recorded: {[(str(r[0]), str(r[1]), r[2], r[3], r[4]) for r in runs]}")
    assert len(runs) == 3 and runs[0][5] is None and runs[1][5] and runs[2][5]
    (_, first_end, *first_counts, _), (second_start, _, *second_counts, _) = runs[1], runs[2]
    assert second_start >= first_end, "the two runs overlapped"
    assert min(first_counts) > 0 and second_counts == [0, 0, 0], "the second run found nothing left to do"
    files = sum(1 for p in scenario.raw.rglob("*") if p.is_file())
    assert query(warehouse, "SELECT count(*), count(DISTINCT source_file) FROM articles") == [(files, files)]
    for table in TABLES:
        key = ", ".join(table.key) or "*"
        total, distinct = query(warehouse, f"SELECT (SELECT count(*) FROM {table.name}), "
                                           f"(SELECT count(*) FROM (SELECT DISTINCT {key} FROM {table.name}))")[0]
        assert total == distinct, f"{table.name} has rows written twice"
