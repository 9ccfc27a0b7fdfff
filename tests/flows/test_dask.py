"""Where the transform runs: on a Dask cluster, or in local worker processes for a run of many
batches. Either way the warehouse must be the one the bare pipeline builds in one process."""

from __future__ import annotations

from pathlib import Path

import duckdb
from distributed import Client, LocalCluster, get_task_stream

from flows import pipeline
from flows import refresh as refresh_module
from flows.cli import main as cli
from flows.refresh import refresh
from schemas import TABLES

CONTENT_TABLES = [t.name for t in TABLES if t.name not in ("pipeline_runs", "dq_results")]


def contents(warehouse: Path) -> dict[str, list[tuple]]:
    """Every row of every content table, sorted; the run's own id is left out (it differs per run)."""
    out = {}
    with duckdb.connect(str(warehouse), read_only=True) as conn:
        for table in CONTENT_TABLES:
            columns = [name for (name,) in conn.execute(
                "SELECT column_name FROM information_schema.columns WHERE table_name = ? AND column_name != 'run_id' "
                "ORDER BY ordinal_position", [table]).fetchall()]
            out[table] = sorted(conn.execute(f"SELECT {', '.join(columns)} FROM {table}").fetchall(), key=repr)
    return out


def test_transform_on_a_local_dask_cluster_builds_the_same_warehouse(prefect_api, raw_dir, tmp_path, monkeypatch):
    default = tmp_path / "default" / "ofsted.duckdb"
    on_dask = tmp_path / "dask" / "ofsted.duckdb"
    pipeline.run(pipeline.Settings(raw_dir=raw_dir, warehouse=default, batch_size=2))

    with (LocalCluster(n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None) as cluster,
          Client(cluster) as client, get_task_stream(client) as stream):
        monkeypatch.setenv(refresh_module.DASK_ADDRESS_ENV, cluster.scheduler_address)
        assert cli(["refresh", "--raw-dir", str(raw_dir), "--warehouse", str(on_dask), "--batch-size", "2"]) == 0
        cluster_workers = set(cluster.scheduler_info["workers"])

    # Five articles in batches of two: three transform tasks, run by the cluster's worker processes.
    assert len(stream.data) == 3 and {task["worker"] for task in stream.data} <= cluster_workers
    assert contents(on_dask) == contents(default)
    assert sum(len(rows) for rows in contents(on_dask).values()) > 5


def test_later_batches_transform_in_worker_processes_and_build_the_same_warehouse(prefect_api, raw_dir, tmp_path,
                                                                                   monkeypatch):
    bare = tmp_path / "bare" / "ofsted.duckdb"
    pooled = tmp_path / "pooled" / "ofsted.duckdb"
    pipeline.run(pipeline.Settings(raw_dir=raw_dir, warehouse=bare, batch_size=1))
    submitted = []

    class CountingPool(refresh_module.ProcessPoolTaskRunner):
        def submit(self, task, parameters, *args, **kwargs):
            submitted.append(len(parameters["pairs"]))
            return super().submit(task, parameters, *args, **kwargs)

    monkeypatch.setattr(refresh_module, "ProcessPoolTaskRunner", CountingPool)
    monkeypatch.setattr(refresh_module.os, "cpu_count", lambda: 2)
    summary = refresh(raw_dir=str(raw_dir), warehouse=str(pooled), batch_size=1)

    assert summary.status == "published" and summary.new == 5
    assert submitted == [1, 1, 1]  # five batches: the first two in the flow's process, the others in the pool
    assert contents(pooled) == contents(bare)
