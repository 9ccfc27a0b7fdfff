"""Imported only by the fork server of `tests.refresh_child`: one refresh of an empty folder pays
the first-use costs (Great Expectations' lazy imports, the report's templates and charts) once,
so every run forked from the server starts as warm as a long-lived worker would be."""

import tempfile
from pathlib import Path

from tqdm import tqdm

from flows import pipeline

tqdm.monitor_interval = 0  # no monitor thread: the server must hold no threads when it forks

with tempfile.TemporaryDirectory(prefix="warm-pipeline-") as scratch:
    (Path(scratch) / "raw").mkdir()
    pipeline.run(pipeline.Settings(raw_dir=Path(scratch) / "raw", warehouse=Path(scratch) / "warm.duckdb"))
