"""The benchmark: cold, no-op and 1%-changed refreshes at 1,000 and 10,000 articles (and 100,000).

For each size it writes a synthetic corpus (`bench.corpus`), then runs, each in a fresh process
(`bench.measure`) so that peak memory is per run: a cold full refresh, a no-op refresh (nothing
changed), and a refresh after 1% of the articles were edited; each once through the Prefect flow
and once as bare Python (`flows.pipeline.run` with `pipeline.BARE_STEPS`). Prefect's local API is
started once, before any run, and its start-up is reported on its own line.

    .venv/bin/python -m bench.run                 # N = 1,000 and 10,000
    .venv/bin/python -m bench.run --large         # and 100,000
    .venv/bin/python -m bench.run --sizes 50      # any sizes
"""

from __future__ import annotations

import argparse
import dataclasses
import json
import os
import shutil
import subprocess
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager, nullcontext
from dataclasses import dataclass
from pathlib import Path

from flows.pipeline import Steps

from .corpus import DEFAULT_SEED, change_articles, write_corpus
from .extract_profile import reference_speed, report
from .measure import MARKER

REPO = Path(__file__).resolve().parents[1]
DEFAULT_OUT = REPO / "bench" / "out"
SIZES = (1_000, 10_000)
LARGE = 100_000
STAGES = tuple(f.name for f in dataclasses.fields(Steps))
RUNS = ("cold", "no-op", "1% changed")
TARGETS = """targets (2 cores): transform >= 1,000 articles/s on one core; cold 10,000 <= 60 s end to end;
no-op 10,000 <= 3 s of flow time; 1% changed proportional to the change; flow/bare <= 1.3;
peak RSS <= 1 GB at 100,000"""


@dataclass(frozen=True)
class Measurement:
    run: str
    mode: str
    process_seconds: float  # the whole child process: interpreter start, imports, the run
    result: dict

    @property
    def run_seconds(self) -> float:
        """Time around the refresh call: for the flow, the flow run with the API already up."""
        return self.result["run_seconds"]

    @property
    def processed(self) -> int:
        return self.result["new"] + self.result["changed"]


@contextmanager
def prefect_api(api_url: str | None, home: Path) -> Iterator[tuple[str, float | None]]:
    """An API for the flow runs: the given one, or Prefect's local API started here, timed."""
    if api_url:
        yield api_url, None
        return
    home.mkdir(parents=True, exist_ok=True)
    os.environ["PREFECT_HOME"] = str(home)
    os.environ.setdefault("PREFECT_SERVER_ANALYTICS_ENABLED", "false")
    from prefect.server.api.server import SubprocessASGIServer

    server = SubprocessASGIServer()
    started = time.perf_counter()
    server.start(timeout=180)
    try:
        yield server.api_url, time.perf_counter() - started
    finally:
        server.stop()


def measure(mode: str, raw_dir: Path, warehouse: Path, run: str, env: dict[str, str],
            dask_address: str | None) -> Measurement:
    command = [sys.executable, "-m", "bench.measure", "--mode", mode, "--raw-dir", str(raw_dir),
               "--warehouse", str(warehouse)]
    if run == "cold":
        command.append("--full-refresh")
    if dask_address and mode == "flow":
        command += ["--dask-address", dask_address]
    started = time.perf_counter()
    done = subprocess.run(command, cwd=REPO, env=env, capture_output=True, text=True, check=False)
    elapsed = time.perf_counter() - started
    lines = [line for line in done.stdout.splitlines() if line.startswith(MARKER)]
    if done.returncode != 0 or not lines:
        raise RuntimeError(f"the {run} {mode} run failed (exit {done.returncode}):\n{done.stderr[-3000:]}")
    return Measurement(run, mode, elapsed, json.loads(lines[-1][len(MARKER):]))


def _seconds(value: float | None) -> str:
    return "-" if value is None else f"{value:.2f}"


def table(n: int, corpus_mb: float, load: float, measurements: list[Measurement]) -> str:
    header = (f"{'run':<11}{'mode':<6}{'process_s':>10}{'run_s':>8}{'cpu_s':>8}{'art/s':>7}"
              + "".join(f"{s[:9]:>10}" for s in STAGES) + f"{'rss_MB':>8}{'peak_in':>12}{'wrk_MB':>8}  status")
    lines = [f"N = {n:,} articles ({corpus_mb:.1f} MB of raw text; load average before the runs "
             f"{load:.1f} on {os.cpu_count()} cores)", header]
    for m in measurements:
        rate = f"{m.processed / m.run_seconds:,.0f}" if m.processed else "-"
        stages = "".join(f"{_seconds(m.result['stages'].get(s)):>10}" for s in STAGES)
        lines.append(f"{m.run:<11}{m.mode:<6}{m.process_seconds:>10.2f}{m.run_seconds:>8.2f}"
                     f"{m.result['cpu_seconds']:>8.2f}{rate:>7}{stages}"
                     f"{m.result['peak_rss_mb']:>8.0f}{m.result.get('peak_rss_stage') or '-':>12}"
                     f"{m.result['worker_peak_rss_mb']:>8.0f}  "
                     f"{m.result['status']} ({m.result['new']} new, "
                     f"{m.result['changed']} changed, {m.result['unchanged']} unchanged)")
    by_key = {(m.run, m.mode): m for m in measurements}
    ratios = [f"{run} {by_key[run, 'flow'].run_seconds / by_key[run, 'bare'].run_seconds:.2f}"
              for run in RUNS if (run, "flow") in by_key and (run, "bare") in by_key]
    lines.append("flow/bare (run_s): " + ", ".join(ratios))
    cold = by_key.get(("cold", "bare"))
    if cold and cold.result["stages"].get("transform"):
        rate = cold.processed / cold.result["stages"]["transform"]
        lines.append(f"transform on one core (bare cold): {rate:,.0f} articles/s")
    return "\n".join(lines)


def bench_size(n: int, out: Path, seed: int, changed: float, env: dict[str, str], modes: tuple[str, ...],
               dask_address: str | None) -> str:
    corpus = out / f"corpus-{n}"
    warehouses = out / f"warehouse-{n}"
    for path in (corpus, warehouses):
        shutil.rmtree(path, ignore_errors=True)
    write_corpus(corpus, n, seed)
    corpus_mb = sum(p.stat().st_size for p in corpus.iterdir()) / 1e6
    load = os.getloadavg()[0]
    measurements = []
    for run in RUNS:
        if run == "1% changed":
            change_articles(corpus, changed, seed)
        for mode in modes:
            measurements.append(measure(mode, corpus, warehouses / f"{mode}.duckdb", run, env, dask_address))
    return table(n, corpus_mb, load, measurements)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench.run", description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=list(SIZES), help="(default: %(default)s)")
    parser.add_argument("--large", action="store_true", help=f"also N = {LARGE:,}")
    parser.add_argument("--modes", nargs="+", choices=("bare", "flow"), default=["bare", "flow"])
    parser.add_argument("--out", type=Path, default=DEFAULT_OUT, help="scratch folder (default: %(default)s)")
    parser.add_argument("--seed", type=int, default=DEFAULT_SEED)
    parser.add_argument("--changed", type=float, default=0.01, help="fraction edited (default: %(default)s)")
    parser.add_argument("--api-url", help="use this Prefect API instead of starting the local one")
    parser.add_argument("--dask-address", help="run the flow's transform on the Dask cluster at this address")
    parser.add_argument("--profile", action="store_true", help="also profile the transform by module")
    args = parser.parse_args(argv)
    sizes = args.sizes + ([LARGE] if args.large else [])
    out = args.out.resolve()
    out.mkdir(parents=True, exist_ok=True)
    print(TARGETS, flush=True)
    api = prefect_api(args.api_url, out / "prefect-home") if "flow" in args.modes else nullcontext((None, None))
    with api as (url, startup):
        if startup is not None:
            print(f"Prefect local API start-up: {startup:.1f} s (once, before the runs; in no figure below)",
                  flush=True)
        env = {**os.environ, "PREFECT_SERVER_ANALYTICS_ENABLED": "false", "PREFECT_LOGGING_LEVEL": "WARNING"}
        if url:
            env["PREFECT_API_URL"] = url
        for n in sizes:
            print("\n" + bench_size(n, out, args.seed, args.changed, env, tuple(args.modes), args.dask_address),
                  flush=True)
    print("\n" + reference_speed(out / f"corpus-{sizes[0]}"), flush=True)
    if args.profile:
        print("\n" + report(out / f"corpus-{sizes[0]}", min(sizes[0], 1000)), flush=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
