"""Incremental runs: a run that changes nothing does not consolidate or check again, but records
the checks it relies on; any change makes every check run again."""

from __future__ import annotations

import datetime as dt
import shutil
from pathlib import Path

import duckdb

from flows import pipeline, quality, transform
from flows import warehouse as warehouse_module
from tests.conftest import OWN_ARTICLES, query, table_contents
from tests.corpus import edit, write_corpus

CARRIED = "state unchanged since run "


def refresh(raw_dir: Path, warehouse: Path) -> pipeline.RunSummary:
    return pipeline.run(pipeline.Settings(raw_dir=raw_dir, warehouse=warehouse))


def checks_of(warehouse: Path, run_id: str) -> list[tuple]:
    return query(warehouse, "SELECT table_name, check_name, success, observed_value FROM dq_results "
                            "WHERE run_id = ? ORDER BY table_name, check_name", [run_id])


def test_a_run_that_changes_nothing_records_the_last_audit_as_carried_over(raw_dir, warehouse, monkeypatch):
    first = refresh(raw_dir, warehouse)

    def no_gx(*args, **kwargs):
        raise AssertionError("the checks ran again on an unchanged state")

    monkeypatch.setattr(quality, "audit", no_gx)
    second = refresh(raw_dir, warehouse)
    third = refresh(raw_dir, warehouse)

    assert (second.status, second.unchanged, third.status) == ("published", 5, "published")
    audited, carried, again = (checks_of(warehouse, s.run_id) for s in (first, second, third))
    assert len(audited) == len(carried) == len(again) > 100
    assert [row[:3] for row in carried] == [row[:3] for row in audited]
    for (_, _, _, observed), (*_, original) in zip(carried, audited):
        assert observed == f"{CARRIED}{first.run_id}; result carried over" + (f": {original}" if original else "")
    assert [row[3] for row in again] == [row[3] for row in carried]  # still names the run that checked
    assert query(warehouse, "SELECT checks_passed, checks_failed FROM pipeline_runs WHERE run_id = ?",
                 [second.run_id]) == [(len(audited), 0)]


def carried_tables(warehouse: Path, run_id: str) -> dict[str, bool]:
    """Per table: whether the run carried its check results over (True) or ran its checks."""
    out: dict[str, set[bool]] = {}
    for table, _, _, observed in checks_of(warehouse, run_id):
        out.setdefault(table, set()).add((observed or "").startswith(CARRIED))
    assert all(len(kinds) == 1 for kinds in out.values()), out
    return {table: kinds.pop() for table, kinds in out.items()}


def test_an_edited_or_touched_file_makes_the_checks_of_what_it_changed_run_again(raw_dir, warehouse):
    refresh(raw_dir, warehouse)
    edited = raw_dir / "002_43bc6fa5cb2ca3ee.txt"
    edited.write_text(edited.read_text(encoding="utf-8") + "\nA correction was added.\n", encoding="utf-8")
    after_edit = refresh(raw_dir, warehouse)
    touched = raw_dir / "001_f48f3be8d2e0887b.txt"
    touched.touch()
    after_touch = refresh(raw_dir, warehouse)

    per_article = {"articles", "visit_mentions", "rating_mentions", "findings", "quotes"}
    edit_run = carried_tables(warehouse, after_edit.run_id)
    # the article's rows were replaced; the sentence it gained changed no visit or rating
    assert {t for t, carried in edit_run.items() if not carried} == per_article
    assert edit_run["authorities"] is True and edit_run["visits"] is True
    touch_run = carried_tables(warehouse, after_touch.run_id)
    # only the touched file's new size and time were written
    assert {t for t, carried in touch_run.items() if not carried} == {"articles"}
    assert query(warehouse, "SELECT observed_value FROM dq_results WHERE run_id = ? AND table_name = 'articles' "
                            "AND check_name LIKE 'ExpectColumnValuesToBeUnique%'", [after_touch.run_id])[0][0].endswith(
        '"rows_checked": "1 changed or conflicting rows (the rest passed in the last audit)"}')


def test_checks_that_changed_since_the_last_audit_run_again(raw_dir, warehouse):
    """If the checks on record are not the ones this version defines, nothing is carried over."""
    first = refresh(raw_dir, warehouse)
    defined = len(checks_of(warehouse, first.run_id))
    with duckdb.connect(str(warehouse)) as conn:
        conn.execute("DELETE FROM dq_results WHERE run_id = ? AND check_name = (SELECT min(check_name) "
                     "FROM dq_results)", [first.run_id])
    assert len(checks_of(warehouse, first.run_id)) < defined
    second = refresh(raw_dir, warehouse)
    rows = checks_of(warehouse, second.run_id)
    assert len(rows) == defined
    assert not any((observed or "").startswith(CARRIED) for *_, observed in rows)


def extracted_by(warehouse: Path, run_id: str) -> list[str]:
    return [name for (name,) in query(warehouse, "SELECT source_file FROM articles WHERE run_id = ? "
                                                 "ORDER BY source_file", [run_id])]


def test_edited_metadata_makes_exactly_that_article_read_again(raw_dir, warehouse):
    refresh(raw_dir, warehouse)
    (raw_dir / "001_f48f3be8d2e0887b.txt.meta.json").write_text(
        '{"published_date": "2018-12-04", "publisher": "Local paper"}', encoding="utf-8")
    with_sidecar = refresh(raw_dir, warehouse)
    (raw_dir / "manifest.csv").write_text("file,url\n003_7c87950ee4ddc770.txt,https://example.org/a\n",
                                          encoding="utf-8")
    with_manifest = refresh(raw_dir, warehouse)
    (raw_dir / "manifest.csv").write_text("file,url\n003_7c87950ee4ddc770.txt,https://example.org/b\n",
                                          encoding="utf-8")
    manifest_edited = refresh(raw_dir, warehouse)
    unchanged = refresh(raw_dir, warehouse)

    assert extracted_by(warehouse, with_sidecar.run_id) == ["001_f48f3be8d2e0887b.txt"]
    assert extracted_by(warehouse, with_manifest.run_id) == []  # read again by manifest_edited
    assert extracted_by(warehouse, manifest_edited.run_id) == ["003_7c87950ee4ddc770.txt"]
    assert (with_sidecar.changed, with_manifest.changed, manifest_edited.changed, unchanged.changed) == (1, 1, 1, 0)
    assert query(warehouse, "SELECT source_file, published_date, publisher, url FROM articles "
                            "WHERE publisher IS NOT NULL OR url IS NOT NULL ORDER BY 1") == [
        ("001_f48f3be8d2e0887b.txt", dt.date(2018, 12, 4), "Local paper", None),
        ("003_7c87950ee4ddc770.txt", None, None, "https://example.org/b")]


def test_articles_extracted_by_other_code_are_extracted_again_once(raw_dir, warehouse, monkeypatch):
    first = refresh(raw_dir, warehouse)
    content = ["visits", "ratings", "visit_mentions", "rating_mentions", "findings", "quotes"]
    before = table_contents(warehouse, content)
    monkeypatch.setattr(transform, "extraction_version", lambda: "0123456789abcdef")
    upgraded = refresh(raw_dir, warehouse)
    again = refresh(raw_dir, warehouse)

    assert (first.new, upgraded.changed, again.changed, again.unchanged) == (5, 5, 0, 5)
    assert query(warehouse, "SELECT DISTINCT extraction_version FROM articles") == [("0123456789abcdef",)]
    assert table_contents(warehouse, content) == before  # the same code's rows, recorded as the new version's


def test_a_run_that_changes_nothing_keeps_the_report(raw_dir, warehouse):
    settings = pipeline.Settings(raw_dir=raw_dir, warehouse=warehouse)
    pipeline.run(settings)
    built = settings.report_path.stat().st_mtime_ns
    pipeline.run(settings)
    assert settings.report_path.stat().st_mtime_ns == built
    edited = raw_dir / "002_43bc6fa5cb2ca3ee.txt"
    edited.write_text(edited.read_text(encoding="utf-8") + "\nA correction was added.\n", encoding="utf-8")
    pipeline.run(settings)
    assert settings.report_path.stat().st_mtime_ns != built


EVENT_STATE = ["visits", "visit_sources", "ratings", "rating_sources", "visit_mentions", "rating_mentions",
               "findings"]


def _merged_groups(monkeypatch) -> list[list[str]]:
    """Record the authorities each consolidation merges, group by group."""
    merged: list[list[str]] = []
    original = warehouse_module.Staging.consolidate_events

    def recording(self, codes):
        merged.append(sorted(codes))
        return original(self, codes)

    monkeypatch.setattr(warehouse_module.Staging, "consolidate_events", recording)
    return merged


def test_an_edited_article_merges_again_only_its_authorities_events(tmp_path, raw_dir, warehouse, monkeypatch):
    for name in ("o01_wigan_monitoring_visit.txt", "o13_county_durham_sif_good.txt"):
        shutil.copy(OWN_ARTICLES / name, raw_dir / name)
    refresh(raw_dir, warehouse)
    wigan = query(warehouse, "SELECT DISTINCT authority_code FROM visit_mentions JOIN articles USING (article_id) "
                             "WHERE source_file LIKE 'o01%'")
    merged = _merged_groups(monkeypatch)
    edit(raw_dir / "o01_wigan_monitoring_visit.txt", "the second monitoring visit found progress")
    edited = refresh(raw_dir, warehouse)
    assert (edited.changed, merged) == (1, [[code for (code,) in wigan]])

    full = tmp_path / "full" / "ofsted.duckdb"
    shutil.copytree(warehouse.parent, full.parent)
    pipeline.run(pipeline.Settings(raw_dir=raw_dir, warehouse=full, full_refresh=True))
    assert len(merged[1]) == 3  # Barnet, County Durham, Wigan
    assert table_contents(warehouse, EVENT_STATE) == table_contents(full, EVENT_STATE)


def test_events_merged_group_by_group_equal_events_merged_at_once(tmp_path, monkeypatch):
    """The corpus mixes authorities and articles dated only relative to their publication; merged
    one authority at a time where allowed, the events are the same as merged all together."""
    raw = tmp_path / "raw"
    write_corpus(raw, 46)
    at_once, grouped = tmp_path / "at-once" / "ofsted.duckdb", tmp_path / "grouped" / "ofsted.duckdb"
    pipeline.run(pipeline.Settings(raw_dir=raw, warehouse=at_once))
    merged = _merged_groups(monkeypatch)
    monkeypatch.setattr(warehouse_module, "MENTIONS_PER_GROUP", 1)
    pipeline.run(pipeline.Settings(raw_dir=raw, warehouse=grouped))

    assert len(merged) > 5
    assert len({code for group in merged for code in group}) == sum(map(len, merged))
    assert table_contents(at_once, EVENT_STATE) == table_contents(grouped, EVENT_STATE)


def test_a_warehouse_written_before_columns_were_added_gains_them(raw_dir, warehouse):
    refresh(raw_dir, warehouse)
    counts = query(warehouse, "SELECT (SELECT count(*) FROM articles), (SELECT count(*) FROM visit_mentions)")
    with duckdb.connect(str(warehouse)) as conn:
        conn.execute("ALTER TABLE articles DROP COLUMN metadata_sha256")
        conn.execute("ALTER TABLE visit_mentions DROP COLUMN relative_years")
    upgraded = refresh(raw_dir, warehouse)

    assert upgraded.status == "published"
    assert query(warehouse, "SELECT table_name, column_name, comment <> '' FROM duckdb_columns() WHERE "
                            "column_name IN ('metadata_sha256', 'relative_years') ORDER BY ALL") == [
        ("articles", "metadata_sha256", True), ("rating_mentions", "relative_years", True),
        ("visit_mentions", "relative_years", True)]
    assert query(warehouse, "SELECT (SELECT count(*) FROM articles), (SELECT count(*) FROM visit_mentions)") == counts
