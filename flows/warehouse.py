"""The DuckDB warehouse: every statement the pipeline runs against it lives in this module.

Write–audit–publish: a run never writes the published file. It copies it to a staging file
beside it, applies its changes there, has them checked, and then swaps the staging file in
with one atomic rename. Readers are never locked out (DuckDB locks a file per writing process,
and nobody writes the published file) and a run killed at any point leaves either the old
state or the new one, never a mix. Values always go in as parameters or DataFrames; the only
names formatted into SQL are table and column names from `schemas`.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import logging
import os
import shutil
from collections.abc import Collection, Iterable, Iterator, Sequence
from pathlib import Path

import duckdb
import pandas as pd

from inspections.events import Events, consolidate
from inspections.records import PartialDate, RatingMention, RelativeDate, VisitMention
from schemas import TABLE, TABLES
from schemas.render import schema_ddl, sql_type

from .raw import KnownArticle

log = logging.getLogger(__name__)

STAGING_DIR = ".staging"
RUN_HISTORY_TABLES = ("pipeline_runs", "dq_results")
SQL_DIR = Path(__file__).with_name("sql")


def _table_exists(conn: duckdb.DuckDBPyConnection, name: str) -> bool:
    found = conn.execute(
        "SELECT count(*) FROM information_schema.tables WHERE table_schema = 'main' AND table_name = ?",
        [name]).fetchone()
    return bool(found and found[0])


@contextlib.contextmanager
def read_only(warehouse: Path) -> Iterator[duckdb.DuckDBPyConnection]:
    """A read-only connection to the published warehouse."""
    conn = duckdb.connect(str(warehouse), read_only=True)
    try:
        yield conn
    finally:
        conn.close()


def known_articles(warehouse: Path) -> list[KnownArticle]:
    """What the published warehouse recorded about each file, for change detection."""
    if not warehouse.exists():
        return []
    with read_only(warehouse) as conn:
        if not _table_exists(conn, "articles"):
            return []
        rows = conn.execute(
            "SELECT article_id, source_file, content_sha256, file_size, file_mtime_ns, status, sha256(body), "
            "metadata_sha256, extraction_version FROM articles").fetchall()
    return [KnownArticle(*row) for row in rows]


def duplicate_targets(warehouse: Path) -> dict[str, str]:
    """Duplicate file -> the file whose text it repeats, as last published."""
    if not warehouse.exists():
        return {}
    with read_only(warehouse) as conn:
        if not _table_exists(conn, "articles"):
            return {}
        rows = conn.execute(
            "SELECT source_file, duplicate_of FROM articles WHERE status = 'duplicate'").fetchall()
    return dict(rows)


def _fsync(path: Path) -> None:
    fd = os.open(path, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def clear_stale_staging(warehouse: Path) -> list[Path]:
    """Remove staging files that killed runs left behind (call only while holding the writer slot)."""
    staging_dir = warehouse.parent / STAGING_DIR
    stale = sorted(staging_dir.glob(f"{warehouse.stem}.run_*")) if staging_dir.is_dir() else []
    for path in stale:
        path.unlink(missing_ok=True)
    return stale


class Staging:
    """A private copy of the warehouse that one run changes, checks and then publishes."""

    def __init__(self, warehouse: Path, run_id: str, fresh: bool = False):
        self.warehouse = warehouse
        self.path = warehouse.parent / STAGING_DIR / f"{warehouse.stem}.{run_id}.duckdb"
        self.path.parent.mkdir(parents=True, exist_ok=True)
        self.path.unlink(missing_ok=True)
        copied = warehouse.exists() and not fresh
        if copied:
            shutil.copyfile(warehouse, self.path)
        # Tables this run has written: while it stays empty, the staged tables are the published ones.
        self.changed: set[str] = set() if copied else {t.name for t in TABLES}
        self.conn = duckdb.connect(str(self.path))
        self._apply_schema()
        if warehouse.exists() and fresh:
            self._copy_run_history()

    def _copy_run_history(self) -> None:
        """A full refresh starts from empty tables but keeps the run records. They travel as
        DataFrames: ATTACH takes no parameters, and the warehouse path is not formatted into SQL."""
        with read_only(self.warehouse) as previous:
            history = {name: previous.execute(f"SELECT * FROM {name}").df()
                       for name in RUN_HISTORY_TABLES if _table_exists(previous, name)}
        for name, frame in history.items():
            self.insert(name, frame)

    def _apply_schema(self) -> None:
        """Create missing tables and add columns the models gained since the file was written."""
        existing = {t.name for t in TABLES if _table_exists(self.conn, t.name)}
        for statement in schema_ddl():
            self.conn.execute(statement)
        for table in TABLES:
            present = {row[0] for row in self.conn.execute(
                "SELECT column_name FROM information_schema.columns WHERE table_schema = 'main' "
                "AND table_name = ?", [table.name]).fetchall()}
            for statement in schema_ddl_for_missing(table.name, present):
                self.conn.execute(statement)
                self.changed.add(table.name)
        self.changed |= {t.name for t in TABLES} - existing
        for path in sorted(SQL_DIR.glob("*.sql")):
            self.conn.execute(path.read_text(encoding="utf-8"))

    def insert(self, table: str, frame: pd.DataFrame) -> None:
        if frame.empty:
            return
        self.conn.register("incoming", frame)
        try:
            self.conn.execute(f"INSERT INTO {TABLE[table].name} BY NAME SELECT * FROM incoming")
        finally:
            self.conn.unregister("incoming")
        self.changed.add(table)

    def replace_table(self, table: str, frame: pd.DataFrame) -> None:
        self.conn.execute(f"DELETE FROM {TABLE[table].name}")
        self.changed.add(table)
        self.insert(table, frame)

    def replace_reference(self, table: str, frame: pd.DataFrame) -> None:
        """Replace reference data only if it differs, so that a run that changed nothing else
        leaves the staged state as published."""
        name = TABLE[table].name
        self.conn.register("incoming", frame)
        try:
            differs = self.conn.execute(
                f"SELECT count(*) FROM ((SELECT * FROM {name} EXCEPT ALL SELECT * FROM incoming) "
                f"UNION ALL (SELECT * FROM incoming EXCEPT ALL SELECT * FROM {name}))").fetchone()[0]
        except duckdb.Error:
            differs = True  # columns that no longer line up: replace
        finally:
            self.conn.unregister("incoming")
        if differs:
            self.replace_table(table, frame)

    def delete_articles(self, article_ids: Iterable[str]) -> None:
        """Remove every per-article row of these articles (changed, removed or re-processed)."""
        ids = pd.DataFrame({"article_id": sorted(set(article_ids))}, dtype="string")
        if ids.empty:
            return
        self.conn.register("gone", ids)
        try:
            for table in TABLES:
                if table.per_article:
                    deleted = self.conn.execute(
                        f"DELETE FROM {table.name} WHERE article_id IN (SELECT article_id FROM gone)").fetchone()
                    if deleted and deleted[0]:
                        self.changed.add(table.name)
        finally:
            self.conn.unregister("gone")

    def touch(self, files: pd.DataFrame) -> None:
        """Record a new size and modification time for files whose bytes did not change."""
        if files.empty:
            return
        self.conn.register("touched", files)
        try:
            self.conn.execute(
                "UPDATE articles SET file_size = touched.file_size, file_mtime_ns = touched.file_mtime_ns "
                "FROM touched WHERE articles.source_file = touched.source_file")
        finally:
            self.conn.unregister("touched")
        self.changed.add("articles")

    def bodies(self, article_ids: Iterable[str]) -> dict[str, str]:
        ids = pd.DataFrame({"article_id": sorted(set(article_ids))}, dtype="string")
        self.conn.register("wanted", ids)
        try:
            rows = self.conn.execute(
                "SELECT article_id, body FROM articles WHERE article_id IN (SELECT article_id FROM wanted)"
            ).fetchall()
        finally:
            self.conn.unregister("wanted")
        return {article_id: body for article_id, body in rows if body is not None}

    def _stream(self, sql: str) -> Iterator[tuple]:
        """A query's rows a slice at a time, so that they are never all held as tuples as well."""
        cursor = self.conn.execute(sql)
        while rows := cursor.fetchmany(10_000):
            yield from rows

    def _mentions(self) -> tuple[list[tuple[str, int, VisitMention]], list[tuple[str, int, RatingMention]]]:
        visits = [
            (row[0], row[1], VisitMention(
                authority_code=row[2], authority_name=row[3], visit_type=row[4], sequence=row[5],
                focus=row[6], visit_date=PartialDate.from_date(row[7], row[8]),
                published_date=PartialDate.from_date(row[9], row[10]), evidence=row[11],
                char_start=row[12], char_end=row[13], relative_date=_relative_date(row[14], row[15])))
            for row in self._stream(
                "SELECT article_id, mention_index, authority_code, authority_name, visit_type, sequence, focus, "
                "visit_date, date_precision, published_date, published_date_precision, evidence, char_start, "
                "char_end, relative_years, relative_month FROM visit_mentions ORDER BY article_id, mention_index")
        ]
        ratings = [
            (row[0], row[1], RatingMention(
                authority_code=row[2], authority_name=row[3], judgement=row[4], judgement_area=row[5],
                rating_date=PartialDate.from_date(row[6], row[7]), evidence=row[8], char_start=row[9],
                char_end=row[10], visit_index=row[11], relative_date=_relative_date(row[12], row[13])))
            for row in self._stream(
                "SELECT article_id, mention_index, authority_code, authority_name, judgement, judgement_area, "
                "rating_date, date_precision, evidence, char_start, char_end, visit_index, relative_years, "
                "relative_month FROM rating_mentions ORDER BY article_id, mention_index")
        ]
        return visits, ratings

    def consolidate_events(self) -> Events:
        """Merge every article's visit and rating mentions into one row per real event."""
        visits, ratings = self._mentions()
        return consolidate(visits, ratings)

    def link_events(self, events: Events) -> None:
        """Point mentions and findings at the events they were merged into."""
        visit_links = pd.DataFrame(
            [(a, i, v) for (a, i), v in sorted(events.visit_of_mention.items())],
            columns=["article_id", "mention_index", "visit_id"]).astype(
            {"article_id": "string", "mention_index": "Int32", "visit_id": "string"})
        rating_links = pd.DataFrame(
            [(a, i, r) for (a, i), r in sorted(events.rating_of_mention.items())],
            columns=["article_id", "mention_index", "rating_id"]).astype(
            {"article_id": "string", "mention_index": "Int32", "rating_id": "string"})
        self.conn.register("visit_links", visit_links)
        self.conn.register("rating_links", rating_links)
        self.changed |= {"visit_mentions", "rating_mentions", "findings"}
        try:
            self.conn.execute("UPDATE visit_mentions SET visit_id = NULL")
            self.conn.execute(
                "UPDATE visit_mentions SET visit_id = l.visit_id FROM visit_links l "
                "WHERE visit_mentions.article_id = l.article_id AND visit_mentions.mention_index = l.mention_index")
            self.conn.execute("UPDATE rating_mentions SET rating_id = NULL")
            self.conn.execute(
                "UPDATE rating_mentions SET rating_id = l.rating_id FROM rating_links l "
                "WHERE rating_mentions.article_id = l.article_id AND rating_mentions.mention_index = l.mention_index")
            self.conn.execute("UPDATE findings SET visit_id = NULL")
            self.conn.execute(
                "UPDATE findings SET visit_id = m.visit_id FROM visit_mentions m "
                "WHERE findings.article_id = m.article_id AND findings.visit_index = m.mention_index")
        finally:
            self.conn.unregister("visit_links")
            self.conn.unregister("rating_links")

    def frame(self, table: str, columns: Sequence[str] | None = None,
              nullness_only: Collection[str] = ()) -> pd.DataFrame:
        """A staged table as a DataFrame, for the data-quality audit: only the given columns
        (None: all of them); those in `nullness_only` as null or '' (an article's text is not
        needed to check that it is there)."""
        selected = ", ".join(f"CASE WHEN \"{c}\" IS NULL THEN NULL ELSE '' END AS \"{c}\"" if c in nullness_only
                             else f'"{c}"' for c in columns) if columns else "*"
        return self.conn.execute(f"SELECT {selected} FROM {TABLE[table].name}").df()

    def last_audit(self) -> tuple[str, dt.date, dt.date, dict[tuple[str, str], tuple[bool, str | None]]] | None:
        """The check results of the last published run: its id, the days it started and ended
        on, and (table, check) -> (success, observed value). None before the first publish."""
        last = self.conn.execute(
            "SELECT run_id, started_at, ended_at FROM pipeline_runs WHERE status = 'published' "
            "ORDER BY started_at DESC LIMIT 1").fetchone()
        if last is None:
            return None
        rows = self.conn.execute("SELECT table_name, check_name, success, observed_value FROM dq_results "
                                 "WHERE run_id = ?", [last[0]]).fetchall()
        return last[0], last[1].date(), (last[2] or last[1]).date(), {(t, c): (s, o) for t, c, s, o in rows}

    def row_counts(self) -> dict[str, int]:
        return {t.name: self.conn.execute(f"SELECT count(*) FROM {t.name}").fetchone()[0] for t in TABLES}

    def publish(self) -> None:
        """Swap the checked staging file in as the warehouse, atomically and durably."""
        self.conn.execute("CHECKPOINT")
        self.conn.close()
        _fsync(self.path)
        os.replace(self.path, self.warehouse)
        _fsync(self.warehouse.parent)

    def discard(self) -> None:
        with contextlib.suppress(duckdb.Error):
            self.conn.close()
        self.path.unlink(missing_ok=True)
        Path(f"{self.path}.wal").unlink(missing_ok=True)


def _relative_date(years: int | None, month: int | None) -> RelativeDate | None:
    return None if years is None else RelativeDate(years, month)


def schema_ddl_for_missing(table: str, present: set[str]) -> list[str]:
    """ALTER TABLE statements for columns a model has that an older warehouse file lacks."""
    columns = TABLE[table].model.to_schema().columns
    return [f"ALTER TABLE {table} ADD COLUMN {name} {sql_type(column)}"
            for name, column in columns.items() if name not in present]


def extraction_rows(warehouse: Path) -> dict[str, list[dict]]:
    """The published extraction, in the shape the evaluation compares with gold answers."""
    queries = {
        "articles": "SELECT source_file, is_relevant FROM articles WHERE status IN ('loaded', 'irrelevant')",
        "visits": "SELECT v.authority_name, v.visit_type, v.sequence, v.focus, v.visit_date, v.date_precision, "
                  "list(a.source_file ORDER BY a.source_file) AS sources FROM visits v "
                  "JOIN visit_sources s USING (visit_id) JOIN articles a USING (article_id) "
                  "GROUP BY ALL ORDER BY ALL",
        "ratings": "SELECT r.authority_name, r.judgement, r.judgement_area, year(r.rating_date) AS year, "
                   "list(a.source_file ORDER BY a.source_file) AS sources FROM ratings r "
                   "JOIN rating_sources s ON s.rating_id = r.rating_id JOIN articles a ON a.article_id = s.article_id "
                   "GROUP BY ALL ORDER BY ALL",
        "findings": "SELECT a.source_file, f.polarity, f.theme, f.text FROM findings f JOIN articles a "
                    "USING (article_id) ORDER BY a.source_file, f.char_start",
        "quotes": "SELECT a.source_file, q.speaker_name, q.speaker_type, q.text FROM quotes q JOIN articles a "
                  "USING (article_id) ORDER BY a.source_file, q.char_start",
    }
    with read_only(warehouse) as conn:
        out = {}
        for name, sql in queries.items():
            cursor = conn.execute(sql)
            columns = [d[0] for d in cursor.description]
            out[name] = [dict(zip(columns, row)) for row in cursor.fetchall()]
    return out
