"""Querying the warehouse: `ofsted-etl query` and the `duckdb` shell, both read-only, on a built warehouse."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import duckdb

from flows.cli import main as cli
from tests.conftest import SAMPLE_DIR, query

DUCKDB_CLI = Path(sys.executable).parent / "duckdb"


def test_query_prints_the_result_as_a_table(sample_warehouse, capsys):
    assert cli(["query", "--warehouse", str(sample_warehouse),
                "SELECT source_file, status FROM articles ORDER BY source_file"]) == 0
    out = capsys.readouterr().out
    assert "source_file" in out and "status" in out and "│" in out
    for name in sorted(p.name for p in SAMPLE_DIR.iterdir()):
        assert name in out


def test_query_opens_the_warehouse_read_only(sample_warehouse, capsys):
    before = query(sample_warehouse, "SELECT count(*) FROM articles")
    assert cli(["query", "--warehouse", str(sample_warehouse), "DELETE FROM articles"]) == 1
    assert "read-only" in capsys.readouterr().err
    assert query(sample_warehouse, "SELECT count(*) FROM articles") == before


def test_query_runs_while_another_process_reads_the_warehouse(sample_warehouse):
    """A reader holding the file open does not lock out the command (a writer would)."""
    with duckdb.connect(str(sample_warehouse), read_only=True):
        done = subprocess.run([str(Path(sys.executable).parent / "ofsted-etl"), "query",
                               "--warehouse", str(sample_warehouse),
                               "SELECT count(*) AS loaded FROM articles WHERE status = 'loaded'"],
                              capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr
    assert "loaded" in done.stdout and "5" in done.stdout


def test_query_explains_a_missing_warehouse_and_bad_sql(sample_warehouse, tmp_path, capsys):
    assert cli(["query", "--warehouse", str(tmp_path / "nowhere.duckdb"), "SELECT 1"]) == 1
    assert "no warehouse at" in capsys.readouterr().err
    assert cli(["query", "--warehouse", str(sample_warehouse), "SELECT nonsense FROM articles"]) == 1
    assert "nonsense" in capsys.readouterr().err


def test_duckdb_shell_in_the_environment_opens_the_warehouse(sample_warehouse):
    assert DUCKDB_CLI.is_file(), f"the duckdb command-line shell is not installed in {DUCKDB_CLI.parent}"
    version = subprocess.run([str(DUCKDB_CLI), "--version"], capture_output=True, text=True, timeout=60)
    assert version.stdout.split()[0].lstrip("v") == duckdb.__version__
    done = subprocess.run([str(DUCKDB_CLI), "-readonly", "-csv", str(sample_warehouse), "-c",
                           "SELECT authority_name, count(*) AS events FROM authority_timeline GROUP BY ALL"],
                          capture_output=True, text=True, timeout=60)
    assert done.returncode == 0, done.stderr
    assert done.stdout.splitlines()[0] == "authority_name,events"
    assert done.stdout.splitlines()[1].startswith("Barnet,")
