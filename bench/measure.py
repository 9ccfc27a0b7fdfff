"""One measured refresh, in a process of its own so that its peak memory is its own.

`bench.run` starts this once per measurement and reads the last line it prints: a JSON object
with the run's wall time, the time spent in each stage, the run's counts and the process's peak
resident set size. Flow mode calls the Prefect flow against the API at PREFECT_API_URL (started
once by `bench.run`, so its start-up is not in these figures); bare mode calls
`flows.pipeline.run` with `pipeline.BARE_STEPS`, the same stage functions with no Prefect.

    .venv/bin/python -m bench.measure --mode bare --raw-dir bench/out/corpus-1000 --warehouse /tmp/w.duckdb
"""

from __future__ import annotations

import argparse
import dataclasses
import functools
import json
import resource
import time
from collections import defaultdict
from collections.abc import Callable
from pathlib import Path
from typing import Any

MARKER = "BENCH-RESULT "

stage_seconds: dict[str, float] = defaultdict(float)
peak_reached_in: list[str] = []  # the stage during which the process's peak RSS last grew
peak_after: dict[str, float] = {}  # stage -> the process's peak RSS (MB) when the stage last ended


def _peak_rss_kb() -> int:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss


def _timed(stage: str, fn: Callable[..., Any]) -> Callable[..., Any]:
    @functools.wraps(fn)
    def timed(*args: Any, **kwargs: Any) -> Any:
        started, peak = time.perf_counter(), _peak_rss_kb()
        try:
            return fn(*args, **kwargs)
        finally:
            stage_seconds[stage] += time.perf_counter() - started
            if _peak_rss_kb() > peak:
                peak_reached_in[:] = [stage]
            peak_after[stage] = _peak_rss_kb() / 1024
    return timed


def _bare(args: argparse.Namespace) -> dict:
    from flows import pipeline

    steps = dataclasses.replace(pipeline.BARE_STEPS, **{
        f.name: _timed(f.name, getattr(pipeline.BARE_STEPS, f.name)) for f in dataclasses.fields(pipeline.Steps)})
    settings = pipeline.Settings(raw_dir=args.raw_dir, warehouse=args.warehouse, full_refresh=args.full_refresh)
    started = time.perf_counter()
    summary = pipeline.run(settings, steps)
    return {"run_seconds": time.perf_counter() - started, "summary": summary}


def _flow(args: argparse.Namespace) -> dict:
    """The flow as `ofsted-etl refresh` runs it. Stage times are measured inside each task's
    function (the same wrapper as bare mode), so they leave out Prefect's own bookkeeping."""
    from flows import pipeline, refresh

    for field in dataclasses.fields(pipeline.Steps):
        step = getattr(refresh.PREFECT_STEPS, field.name)
        task = getattr(step, "__self__", step)
        task.fn = _timed(field.name, task.fn)
    started = time.perf_counter()
    try:
        summary = refresh.refresh_here(raw_dir=str(args.raw_dir), warehouse=str(args.warehouse),
                                       full_refresh=args.full_refresh, dask_address=args.dask_address)
    except refresh.RefreshFailed as failed:
        summary = failed.summary
    return {"run_seconds": time.perf_counter() - started, "summary": summary}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench.measure", description=__doc__.split("\n\n")[0])
    parser.add_argument("--mode", choices=("flow", "bare"), required=True)
    parser.add_argument("--raw-dir", type=Path, required=True)
    parser.add_argument("--warehouse", type=Path, required=True)
    parser.add_argument("--full-refresh", action="store_true")
    parser.add_argument("--dask-address", default=None, help="flow mode: run the transform on this Dask cluster")
    args = parser.parse_args(argv)
    outcome = (_flow if args.mode == "flow" else _bare)(args)
    summary = outcome["summary"]
    own, workers = resource.getrusage(resource.RUSAGE_SELF), resource.getrusage(resource.RUSAGE_CHILDREN)
    result = {
        "mode": args.mode, "run_seconds": outcome["run_seconds"], "stages": dict(stage_seconds),
        "status": summary.status, "seen": summary.seen, "new": summary.new, "changed": summary.changed,
        "unchanged": summary.unchanged, "removed": summary.removed, "rejected": summary.rejected,
        "cpu_seconds": sum(u.ru_utime + u.ru_stime for u in (own, workers)),
        "peak_rss_mb": own.ru_maxrss / 1024,
        "peak_rss_stage": peak_reached_in[0] if peak_reached_in else None,
        "peak_rss_mb_after": peak_after,
        "worker_peak_rss_mb": workers.ru_maxrss / 1024,
    }
    print(MARKER + json.dumps(result), flush=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
