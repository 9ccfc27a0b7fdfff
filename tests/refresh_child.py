"""A bare refresh (`flows.pipeline.run`) in a child process, for tests that kill it or read the
warehouse while it works.

Children are forked from a fork server that has already run the pipeline once
(`tests.warm_pipeline`), so a child costs the run and not Python's start-up or first-use costs.
Each child notes the moment it enters a stage in a marks file (time.monotonic: one clock for
every process on the machine), so the test can see, while it runs, where the run is.
"""

from __future__ import annotations

import dataclasses
import multiprocessing
import time
import traceback
from pathlib import Path

from flows import pipeline

START = "start"  # the mark just before pipeline.run is called
STAGES = [f.name for f in dataclasses.fields(pipeline.Steps)]
_PRELOAD = ["tests.warm_pipeline", "tests.refresh_child"]


def _marking_steps(marks) -> pipeline.Steps:
    """The bare steps, each noting the moment it starts in the marks file."""
    def marked(name, step):
        def run_step(*args, **kwargs):
            marks.write(f"{time.monotonic():.6f} {name}\n")
            return step(*args, **kwargs)
        return run_step
    return pipeline.Steps(**{name: marked(name, getattr(pipeline.BARE_STEPS, name)) for name in STAGES})


def child_refresh(raw: str, warehouse: str, marks_path: str, batch_size: int) -> None:
    """One bare refresh, as a scheduled run would do it; runs in the forked child."""
    with open(marks_path, "a", buffering=1, encoding="utf-8") as marks:
        marks.write(f"{time.monotonic():.6f} {START}\n")
        try:
            summary = pipeline.run(pipeline.Settings(raw_dir=Path(raw), warehouse=Path(warehouse),
                                                     batch_size=batch_size), _marking_steps(marks))
        except BaseException:
            marks.write(f"{time.monotonic():.6f} error {traceback.format_exc()!r}\n")
            raise
        marks.write(f"{time.monotonic():.6f} done {summary.status}\n")


def fork_server() -> multiprocessing.context.BaseContext:
    context = multiprocessing.get_context("forkserver")
    context.set_forkserver_preload(_PRELOAD)
    return context


def start_refresh(context, raw: Path, warehouse: Path, marks: Path, batch_size: int = 25):
    """Start a child running the refresh; returns the multiprocessing.Process."""
    process = context.Process(target=child_refresh, args=(str(raw), str(warehouse), str(marks), batch_size),
                              daemon=True)
    process.start()
    return process


def read_marks(path: Path) -> list[tuple[float, str]]:
    """(moment, stage) for every stage the child has entered so far; "done <status>" when it ended."""
    if not path.exists():
        return []
    marks = []
    for line in path.read_text(encoding="utf-8").splitlines():
        moment, _, name = line.partition(" ")
        marks.append((float(moment), name))
    return marks
