"""Shared fixtures: sample folders, a Prefect test API, and SQL read-back helpers."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import duckdb
import pytest

REPO = Path(__file__).resolve().parents[1]
SHARED = REPO.parent / "shared"
SAMPLE_DIR = REPO / "raw"
DEV_ARTICLES = SHARED / "dev" / "articles"
DEV_GOLD = SHARED / "dev" / "gold"
SAMPLE_GOLD = SHARED / "gold"
TEST_DATA = REPO / "tests" / "data"  # hand-written sets: <name>/articles and <name>/gold
OWN_ARTICLES = TEST_DATA / "own" / "articles"


@pytest.fixture
def raw_dir(tmp_path: Path) -> Path:
    """A writable copy of the bundled sample articles."""
    target = tmp_path / "raw"
    shutil.copytree(SAMPLE_DIR, target)
    return target


@pytest.fixture
def warehouse(tmp_path: Path) -> Path:
    return tmp_path / "warehouse" / "ofsted.duckdb"


@pytest.fixture(scope="session")
def sample_warehouse(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The five sample articles refreshed into a warehouse once, for tests that only read it."""
    from flows import pipeline

    root = tmp_path_factory.mktemp("sample")
    shutil.copytree(SAMPLE_DIR, root / "raw")
    summary = pipeline.run(pipeline.Settings(raw_dir=root / "raw", warehouse=root / "warehouse" / "ofsted.duckdb"))
    assert summary.status == "published", summary.message
    return summary.warehouse


def query(warehouse: Path, sql: str, params: list | None = None) -> list[tuple]:
    """Read the published warehouse back with SQL, as a user would."""
    with duckdb.connect(str(warehouse), read_only=True) as conn:
        return conn.execute(sql, params or []).fetchall()


def table_contents(warehouse: Path, tables: list[str]) -> dict[str, list[tuple]]:
    """Every row of the tables, sorted, for comparing two states of a warehouse."""
    with duckdb.connect(str(warehouse), read_only=True) as conn:
        return {t: sorted(conn.execute(f"SELECT * FROM {t}").fetchall(), key=repr) for t in tables}


@pytest.fixture(scope="session")
def prefect_api(tmp_path_factory: pytest.TempPathFactory):
    """Prefect's local API in a temporary home, shared by the tests that run real flows."""
    home = tmp_path_factory.mktemp("prefect-home")
    os.environ["PREFECT_HOME"] = str(home)
    os.environ["PREFECT_SERVER_ANALYTICS_ENABLED"] = "false"
    os.environ.setdefault("PREFECT_SERVER_EPHEMERAL_STARTUP_TIMEOUT_SECONDS", "120")
    from prefect.testing.utilities import prefect_test_harness

    with prefect_test_harness(server_startup_timeout=120):
        yield
