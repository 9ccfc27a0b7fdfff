"""The refresh as users feel it: a folder of articles into a real DuckDB file, read back with SQL."""

from __future__ import annotations

import dataclasses
import os
from pathlib import Path

import pytest

from flows import pipeline
from flows.cli import main as cli
from schemas import TABLES
from tests.conftest import query, table_contents

CONTENT_TABLES = [t.name for t in TABLES if t.name not in ("pipeline_runs", "dq_results")]


def refresh(raw_dir: Path, warehouse: Path, **options) -> pipeline.RunSummary:
    return pipeline.run(pipeline.Settings(raw_dir=raw_dir, warehouse=warehouse, **options))


def test_flow_builds_every_contract_table_through_prefect(prefect_api, raw_dir, warehouse, capsys):
    assert cli(["refresh", "--raw-dir", str(raw_dir), "--warehouse", str(warehouse)]) == 0
    out = capsys.readouterr().out
    assert "5 seen, 5 new" in out and "published" in out and str(warehouse.resolve()) in out

    for table in TABLES:
        columns = {name for (name,) in query(warehouse, "SELECT column_name FROM information_schema.columns "
                                                        "WHERE table_name = ?", [table.name])}
        assert set(table.columns) <= columns, table.name
        if table.name != "rejected_records":
            assert query(warehouse, f"SELECT count(*) FROM {table.name}")[0][0] > 0, table.name
    runs = query(warehouse, "SELECT status, articles_seen, articles_new, flow_run_id FROM pipeline_runs")
    assert runs == [("published", 5, 5, runs[0][3])] and runs[0][3]


def test_command_line_runs_send_no_heartbeats_and_served_runs_keep_them(monkeypatch):
    """`ofsted-etl refresh` runs the flow without Prefect's heartbeat thread (its one-second sleep
    delayed the end of every run); the setting is only changed for that call."""
    from prefect.settings import get_current_settings

    from flows import refresh as refresh_module

    seen = []
    monkeypatch.setattr(refresh_module, "refresh",
                        lambda **parameters: seen.append(get_current_settings().flows.heartbeat_frequency))
    default = get_current_settings().flows.heartbeat_frequency
    refresh_module.refresh_here(raw_dir="raw")
    assert seen == [None]
    assert default is not None and get_current_settings().flows.heartbeat_frequency == default


def test_second_run_changes_nothing_and_keeps_ids(raw_dir, warehouse):
    first = refresh(raw_dir, warehouse)
    before = table_contents(warehouse, CONTENT_TABLES)
    second = refresh(raw_dir, warehouse)
    assert (first.new, second.new, second.changed, second.unchanged) == (5, 0, 0, 5)
    assert table_contents(warehouse, CONTENT_TABLES) == before


def test_editing_one_article_reextracts_only_that_article(raw_dir, warehouse):
    refresh(raw_dir, warehouse)
    runs_before = dict(query(warehouse, "SELECT source_file, run_id FROM articles"))
    edited = raw_dir / "002_43bc6fa5cb2ca3ee.txt"
    edited.write_text(edited.read_text(encoding="utf-8") + "\nInspectors said leaders were effective.\n",
                      encoding="utf-8")
    summary = refresh(raw_dir, warehouse)
    assert (summary.new, summary.changed, summary.unchanged) == (0, 1, 4)
    runs_after = dict(query(warehouse, "SELECT source_file, run_id FROM articles"))
    assert [f for f in runs_after if runs_after[f] != runs_before[f]] == [edited.name]
    assert query(warehouse, "SELECT count(*) FROM findings f JOIN articles a USING (article_id) "
                            "WHERE a.source_file = ? AND f.text LIKE '%leaders were effective%'", [edited.name])


def test_touched_but_unchanged_file_is_not_reextracted(raw_dir, warehouse):
    refresh(raw_dir, warehouse)
    before = table_contents(warehouse, ["findings", "quotes", "visits", "ratings"])
    path = raw_dir / "001_f48f3be8d2e0887b.txt"
    os.utime(path, ns=(path.stat().st_atime_ns, path.stat().st_mtime_ns + 10**9))
    summary = refresh(raw_dir, warehouse)
    assert (summary.changed, summary.unchanged) == (0, 5)
    assert table_contents(warehouse, ["findings", "quotes", "visits", "ratings"]) == before


def test_removed_article_loses_its_rows(raw_dir, warehouse):
    refresh(raw_dir, warehouse)
    gone = "003_7c87950ee4ddc770.txt"
    (raw_dir / gone).unlink()
    summary = refresh(raw_dir, warehouse)
    assert summary.removed == 1
    assert query(warehouse, "SELECT count(*) FROM articles WHERE source_file = ?", [gone]) == [(0,)]
    for table in ("findings", "quotes", "visit_sources", "rating_sources", "visit_mentions"):
        orphans = query(warehouse, f"SELECT count(*) FROM {table} WHERE article_id NOT IN "
                                   "(SELECT article_id FROM articles)")
        assert orphans == [(0,)], table


def test_bad_files_are_recorded_and_the_rest_loads(raw_dir, warehouse):
    (raw_dir / "empty.txt").write_bytes(b"")
    (raw_dir / "binary.txt").write_bytes(b"\x89PNG\x00\x00\x01")
    (raw_dir / "copy of 000.txt").write_bytes((raw_dir / "000_071f9bf6fd2f62dd.txt").read_bytes())
    summary = refresh(raw_dir, warehouse)
    assert summary.status == "published" and summary.rejected == 2
    rows = dict(query(warehouse, "SELECT source_file, status || ': ' || coalesce(reject_reason, '') FROM articles"))
    assert rows["empty.txt"].startswith("rejected: empty file")
    assert rows["binary.txt"].startswith("rejected: binary file")
    assert rows["copy of 000.txt"] == "duplicate: same text as 000_071f9bf6fd2f62dd.txt"
    assert query(warehouse, "SELECT count(*) FROM articles WHERE status = 'loaded'") == [(5,)]


def test_duplicate_takes_over_when_its_original_is_removed(raw_dir, warehouse):
    original = raw_dir / "000_071f9bf6fd2f62dd.txt"
    (raw_dir / "zz_copy.txt").write_bytes(original.read_bytes())
    refresh(raw_dir, warehouse)
    original.unlink()
    refresh(raw_dir, warehouse)
    assert query(warehouse, "SELECT status FROM articles WHERE source_file = 'zz_copy.txt'") == [("loaded",)]
    assert query(warehouse, "SELECT count(*) FROM findings JOIN articles USING (article_id) "
                            "WHERE source_file = 'zz_copy.txt'")[0][0] > 0


def test_failed_audit_publishes_nothing(raw_dir, warehouse):
    """A batch whose articles are marked irrelevant but keep their findings breaks the
    'content rows belong to loaded articles' check: the run must not publish it."""
    refresh(raw_dir, warehouse)
    before = table_contents(warehouse, CONTENT_TABLES)
    (raw_dir / "004_08c03c645943c5a8.txt").write_text("Edited.\n" + (raw_dir / "004_08c03c645943c5a8.txt")
                                                      .read_text(encoding="utf-8"), encoding="utf-8")

    def broken_transform(pairs, run_id):
        frames = pipeline.transform_stage(pairs, run_id)
        frames["articles"]["status"] = "irrelevant"
        return pipeline.Done(frames)

    steps = dataclasses.replace(pipeline.BARE_STEPS, transform=broken_transform)
    summary = pipeline.run(pipeline.Settings(raw_dir=raw_dir, warehouse=warehouse), steps)
    assert summary.status == "failed_quality"
    assert any(c.spec.references == "articles.article_id" for c in summary.checks_failed)
    assert table_contents(warehouse, CONTENT_TABLES) == before
    recorded = query(warehouse, "SELECT status, checks_failed > 0 FROM pipeline_runs ORDER BY started_at")
    assert recorded[-1] == ("failed_quality", True)
    assert query(warehouse, "SELECT count(*) FROM dq_results WHERE run_id = ? AND NOT success",
                 [summary.run_id])[0][0] > 0


def test_failed_audit_makes_the_command_exit_non_zero(prefect_api, raw_dir, warehouse, monkeypatch, capsys):
    def failing_audit(staging, published_docs):
        results = pipeline.audit_stage(staging, published_docs)
        return [dataclasses.replace(results[0], success=False)] + results[1:]

    monkeypatch.setattr("flows.refresh.PREFECT_STEPS",
                        dataclasses.replace(pipeline.BARE_STEPS, audit=failing_audit))
    assert cli(["refresh", "--raw-dir", str(raw_dir), "--warehouse", str(warehouse)]) == 1
    assert "failed_quality" in capsys.readouterr().out
    assert query(warehouse, "SELECT count(*) FROM articles") == [(0,)]
    assert query(warehouse, "SELECT status FROM pipeline_runs") == [("failed_quality",)]


def test_full_refresh_rebuilds_the_same_tables_and_keeps_run_history(raw_dir, warehouse):
    refresh(raw_dir, warehouse)
    before = table_contents(warehouse, [t for t in CONTENT_TABLES if t != "articles"])
    summary = refresh(raw_dir, warehouse, full_refresh=True)
    assert (summary.new, summary.changed, summary.unchanged) == (0, 5, 0)
    assert table_contents(warehouse, [t for t in CONTENT_TABLES if t != "articles"]) == before
    assert query(warehouse, "SELECT count(*) FROM pipeline_runs") == [(2,)]


@pytest.mark.parametrize("name", ["it's; DROP TABLE articles; --.txt", "Ünïcödé ñame with spaces.txt"])
def test_hostile_file_names_are_just_names(raw_dir, warehouse, name):
    (raw_dir / name).write_text("Ofsted said'; DELETE FROM findings; -- \"quoted\" text.", encoding="utf-8")
    summary = refresh(raw_dir, warehouse)
    assert summary.status == "published"
    assert query(warehouse, "SELECT count(*) FROM articles WHERE source_file = ?", [name]) == [(1,)]
    assert query(warehouse, "SELECT count(*) FROM findings")[0][0] > 0
