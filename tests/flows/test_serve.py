"""Scheduled refreshes as an operator runs them: a real Prefect server on a loopback port,
`ofsted-etl serve` beside it, the server's scheduler putting the daily 06:00 (London) runs on the
calendar, and runs triggered through the server's REST API the way the UI does it (a custom run
of the deployment with edited parameters).

Two runs triggered together on one warehouse must not write it at once: both flow runs are up
at the same time, but their warehouse writes (the `pipeline_runs` rows, written inside the
writer slot) follow one another.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import shutil
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest

from tests.conftest import SAMPLE_DIR, query

BIN = Path(sys.executable).parent
DEPLOYMENT = "server-test"
TERMINAL = {"COMPLETED", "FAILED", "CRASHED", "CANCELLED"}
LONDON = ZoneInfo("Europe/London")


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def _start(command: list[str], env: dict, log: Path, cwd: Path) -> subprocess.Popen:
    """A subprocess in its own process group, so that it and every process it starts can be ended."""
    with log.open("wb") as out:
        return subprocess.Popen(command, env=env, cwd=cwd, stdout=out, stderr=subprocess.STDOUT, start_new_session=True)


def _stop(process: subprocess.Popen) -> None:
    if process.poll() is None:
        os.killpg(process.pid, signal.SIGTERM)
        try:
            process.wait(timeout=20)
        except subprocess.TimeoutExpired:
            os.killpg(process.pid, signal.SIGKILL)
            process.wait(timeout=20)


class Api:
    def __init__(self, url: str):
        self.url = url

    def call(self, method: str, path: str, body: dict | None = None, attempts: int = 6):
        """One API call; like Prefect's own client (and the UI), retry what the server calls retryable."""
        request = urllib.request.Request(f"{self.url}{path}", method=method,
                                         data=None if body is None else json.dumps(body).encode(),
                                         headers={"Content-Type": "application/json"})
        for attempt in range(attempts):
            try:
                with urllib.request.urlopen(request, timeout=30) as response:
                    return json.load(response)
            except urllib.error.HTTPError as error:
                if error.code not in (429, 502, 503) or attempt == attempts - 1:
                    raise
                time.sleep(0.5 * 2 ** attempt)

    def wait_for(self, what: str, probe, process: subprocess.Popen, log: Path, timeout: float):
        deadline = time.monotonic() + timeout
        while True:
            try:
                found = probe()
                if found:
                    return found
            except (urllib.error.URLError, ConnectionError):
                pass
            assert process.poll() is None, f"{what}: the process ended:\n{log.read_text(errors='replace')[-3000:]}"
            assert time.monotonic() < deadline, f"{what} took over {timeout} s:\n{log.read_text(errors='replace')[-3000:]}"
            time.sleep(0.5)


@pytest.mark.server
def test_served_deployment_runs_from_the_api_one_writer_at_a_time(tmp_path):
    port = _free_port()
    url = f"http://127.0.0.1:{port}/api"
    env = {**os.environ, "PREFECT_HOME": str(tmp_path / "prefect-home"), "PREFECT_API_URL": url,
           "PREFECT_SERVER_ANALYTICS_ENABLED": "false", "PREFECT_SERVER_UI_ENABLED": "false",
           "PREFECT_RUNNER_POLL_FREQUENCY": "1"}
    env.pop("PREFECT_PROFILES_PATH", None)
    defaults, custom = tmp_path / "default", tmp_path / "custom"
    shutil.copytree(SAMPLE_DIR, custom / "raw")
    warehouse = custom / "warehouse" / "ofsted.duckdb"
    server_log, serve_log = tmp_path / "server.log", tmp_path / "serve.log"
    api = Api(url)
    processes = []
    try:
        started = time.monotonic()
        processes.append(server := _start([str(BIN / "prefect"), "server", "start", "--host", "127.0.0.1",
                                           "--port", str(port)], env, server_log, tmp_path))
        api.wait_for("the server's health", lambda: api.call("GET", "/health") is True, server, server_log, 120)
        print(f"server up after {time.monotonic() - started:.1f} s")
        processes.append(serve := _start([str(BIN / "ofsted-etl"), "serve", "--name", DEPLOYMENT,
                                          "--raw-dir", str(defaults / "raw"),
                                          "--warehouse", str(defaults / "ofsted.duckdb")], env, serve_log, tmp_path))
        deployment = api.wait_for("the deployment", lambda: api.call("GET", f"/deployments/name/refresh/{DEPLOYMENT}"),
                                  serve, serve_log, 120)
        print(f"deployment served after {time.monotonic() - started:.1f} s")
        schedule = deployment["schedules"][0]["schedule"]
        assert (schedule["cron"], schedule["timezone"]) == ("0 6 * * *", "Europe/London")
        assert deployment["parameters"] == {"raw_dir": str(defaults / "raw"),
                                            "warehouse": str(defaults / "ofsted.duckdb")}
        assert {"raw_dir", "warehouse", "full_refresh"} <= set(deployment["parameter_openapi_schema"]["properties"])
        upcoming = api.wait_for("the schedule's runs", lambda: api.call("POST", "/flow_runs/filter", {
            "flow_runs": {"deployment_id": {"any_": [deployment["id"]]}, "state": {"type": {"any_": ["SCHEDULED"]}}},
            "limit": 3}), serve, serve_log, 90)
        starts = [dt.datetime.fromisoformat(r["expected_start_time"]).astimezone(LONDON) for r in upcoming]
        assert {(t.hour, t.minute) for t in starts} == {(6, 0)}, starts

        parameters = {"raw_dir": str(custom / "raw"), "warehouse": str(warehouse)}
        runs = [api.call("POST", f"/deployments/{deployment['id']}/create_flow_run", {"parameters": parameters})["id"]
                for _ in range(2)]

        def finished():
            states = [api.call("GET", f"/flow_runs/{run}") for run in runs]
            return states if all(s["state"]["type"] in TERMINAL for s in states) else None

        flow_runs = api.wait_for("both runs", finished, serve, serve_log, 240)
        print(f"both runs done after {time.monotonic() - started:.1f} s")
        assert [r["state"]["type"] for r in flow_runs] == ["COMPLETED", "COMPLETED"], [r["state"] for r in flow_runs]
        assert all(r["parameters"] == parameters for r in flow_runs)

        artifacts = api.call("POST", "/artifacts/filter", {"artifacts": {"flow_run_id": {"any_": runs}}})
        assert sorted((a["key"], a["type"]) for a in artifacts) == sorted(
            [("refresh-summary", "markdown"), ("refresh-rejected", "table")] * 2)
        logs = api.call("POST", "/logs/filter", {"logs": {"flow_run_id": {"any_": runs}}, "limit": 200})
        messages = [entry["message"] for entry in logs]
        for stage in ("discover", "read", "transform", "validate", "load", "consolidate", "audit", "publish",
                      "document"):
            assert any(m.startswith(f"{stage}: ") for m in messages), f"no log line of the {stage} stage"
        assert sum(m.startswith("waiting for the writer slot") for m in messages) == 2
    finally:
        for process in reversed(processes):
            _stop(process)

    first, second = sorted(flow_runs, key=lambda r: r["start_time"])
    assert second["start_time"] < first["end_time"], "the two flow runs did not overlap: nothing was tested"
    writes = query(warehouse, "SELECT flow_run_id, started_at, ended_at, status, articles_new, articles_unchanged "
                              "FROM pipeline_runs ORDER BY started_at")
    assert {w[0] for w in writes} == {r["id"] for r in flow_runs}
    (_, _, first_end, *first_rest), (_, second_start, _, *second_rest) = writes
    assert first_end <= second_start, writes
    assert (first_rest, second_rest) == (["published", 5, 0], ["published", 0, 5])
    assert query(warehouse, "SELECT count(*) FROM articles WHERE status = 'loaded'") == [(5,)]
    assert (warehouse.parent / "report.html").is_file() and (warehouse.parent / "docs" / "index.html").is_file()


@pytest.mark.server
def test_serve_without_a_server_says_how_to_start_one(tmp_path):
    env = {key: value for key, value in os.environ.items() if not key.startswith("PREFECT_")}
    env.update(PREFECT_HOME=str(tmp_path / "prefect-home"), PREFECT_SERVER_ANALYTICS_ENABLED="false")
    done = subprocess.run([str(BIN / "ofsted-etl"), "serve"], env=env, cwd=tmp_path, capture_output=True, text=True,
                          timeout=120)
    assert done.returncode == 1
    assert "prefect server start" in done.stderr and "PREFECT_API_URL" in done.stderr
