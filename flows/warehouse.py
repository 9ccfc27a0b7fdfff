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
from collections.abc import Collection, Iterable, Iterator, Mapping, Sequence
from pathlib import Path

import duckdb
import pandas as pd

from inspections.events import Events, consolidate
from inspections.records import PartialDate, RatingMention, RelativeDate, VisitMention
from schemas import TABLE, TABLES
from schemas.render import schema_ddl, sql_type, unmatched_column

from .raw import KnownArticle

log = logging.getLogger(__name__)

STAGING_DIR = ".staging"
RUN_HISTORY_TABLES = ("pipeline_runs", "dq_results")
MENTION_TABLES = ("visit_mentions", "rating_mentions")
EVENT_TABLES = ("visits", "visit_sources", "ratings", "rating_sources")
# Events are merged a group of authorities at a time, each group's mentions read from the file when
# its turn comes: memory follows the group, not the corpus (at 100,000 articles, all 328,000
# mentions at once took 500 MB before any merging).
MENTIONS_PER_GROUP = 50_000
# DuckDB's own memory on the pipeline's connections; beyond it DuckDB writes to a temporary folder
# beside the file. Unbounded, at 100,000 articles the staging copy held 300 MB of loaded rows and
# the report's reads 700 MB. Merging events needs more: DuckDB cannot spill an UPDATE's changes,
# and a cold run at 100,000 articles links about a million rows to events (256 MB failed, 384 MB
# passed; the changes are written to the file after each group of authorities).
DUCKDB_MEMORY_LIMIT = "256MB"
MERGING_MEMORY_LIMIT = "512MB"
SQL_DIR = Path(__file__).with_name("sql")


def _table_exists(conn: duckdb.DuckDBPyConnection, name: str) -> bool:
    found = conn.execute(
        "SELECT count(*) FROM information_schema.tables WHERE table_schema = 'main' AND table_name = ?",
        [name]).fetchone()
    return bool(found and found[0])


@contextlib.contextmanager
def read_only(warehouse: Path, memory_limit: str | None = DUCKDB_MEMORY_LIMIT) -> Iterator[duckdb.DuckDBPyConnection]:
    """A read-only connection to the published warehouse (None: DuckDB's own memory limit)."""
    conn = duckdb.connect(str(warehouse), read_only=True,
                          config={"memory_limit": memory_limit} if memory_limit else {})
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
        present = {row[0] for row in conn.execute(
            "SELECT column_name FROM information_schema.columns WHERE table_schema = 'main' "
            "AND table_name = 'articles'").fetchall()}
        # A file written before a column existed: the text's hash is computed, the others read as null
        # (those articles are read again).
        text_hash = "coalesce(text_sha256, sha256(body))" if "text_sha256" in present else "sha256(body)"
        later = ", ".join(c if c in present else f"NULL AS {c}" for c in ("metadata_sha256", "extraction_version"))
        rows = conn.execute(
            f"SELECT article_id, source_file, content_sha256, file_size, file_mtime_ns, status, {text_hash}, "
            f"{later} FROM articles").fetchall()
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
        if path.is_dir():  # DuckDB's temporary folder of a copy (`NAME.duckdb.tmp`)
            shutil.rmtree(path, ignore_errors=True)
        else:
            path.unlink(missing_ok=True)
    return stale


class Staging:
    """A private copy of the warehouse that one run changes, checks and then publishes."""

    def __init__(self, warehouse: Path, run_id: str, fresh: bool = False):
        self.warehouse = warehouse
        self.run_id = run_id
        self.path = warehouse.parent / STAGING_DIR / f"{warehouse.stem}.{run_id}.duckdb"
        self.path.parent.mkdir(parents=True, exist_ok=True)
        self.path.unlink(missing_ok=True)
        copied = warehouse.exists() and not fresh
        if copied:
            shutil.copyfile(warehouse, self.path)
        # Tables this run has written: while it stays empty, the staged tables are the published ones.
        self.changed: set[str] = set() if copied else {t.name for t in TABLES}
        # Authorities with a visit or rating mention this run removed or added: their events are
        # merged again, and only theirs. None: every authority's (a new file, or new event columns).
        self.event_authorities: set[str] | None = set() if copied else None
        # Articles whose rows this run deleted, inserted or updated; and tables it created or gave
        # new columns (all of them in a new file): what the audit must check again.
        self.written_articles: set[str] = set()
        self.touched_articles: set[str] = set()  # only their `articles` row's size and time changed
        self.rebuilt: set[str] = set() if copied else {t.name for t in TABLES}
        self.conn = duckdb.connect(str(self.path), config={"memory_limit": DUCKDB_MEMORY_LIMIT})
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
        for table in TABLES:  # before the DDL, whose column comments name the new columns
            if table.name not in existing:
                continue
            present = {row[0] for row in self.conn.execute(
                "SELECT column_name FROM information_schema.columns WHERE table_schema = 'main' "
                "AND table_name = ?", [table.name]).fetchall()}
            for statement in schema_ddl_for_missing(table.name, present):
                self.conn.execute(statement)
                self.rebuilt.add(table.name)
        for statement in schema_ddl():
            self.conn.execute(statement)
        self.rebuilt |= {t.name for t in TABLES} - existing
        self.changed |= self.rebuilt
        if self.changed & {*MENTION_TABLES, *EVENT_TABLES}:
            self.event_authorities = None
        for table in EVENT_TABLES:
            key = _quoted(TABLE[table].key)
            self.conn.execute(f"CREATE OR REPLACE TEMP TABLE written_{table} AS SELECT {key} FROM {table} LIMIT 0")
        for path in sorted(SQL_DIR.glob("*.sql")):
            self.conn.execute(path.read_text(encoding="utf-8"))

    def _append(self, target: str, frame: pd.DataFrame) -> None:
        """Insert a DataFrame's rows into `target` by column name, in the target's types."""
        self.conn.register("incoming", frame)
        try:
            self.conn.execute(f"INSERT INTO {target} BY NAME SELECT * FROM incoming")
        finally:
            self.conn.unregister("incoming")

    def insert(self, table: str, frame: pd.DataFrame) -> None:
        if frame.empty:
            return
        self._append(TABLE[table].name, frame)
        self.changed.add(table)
        if TABLE[table].per_article:
            self.written_articles.update(frame["article_id"].dropna())
        if table in MENTION_TABLES and self.event_authorities is not None:
            self.event_authorities.update(frame["authority_code"].dropna())

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
        self.written_articles.update(ids["article_id"])
        self.conn.register("gone", ids)
        try:
            if self.event_authorities is not None:
                self.event_authorities.update(code for (code,) in self.conn.execute(
                    "SELECT authority_code FROM visit_mentions WHERE article_id IN (SELECT article_id FROM gone) "
                    "UNION SELECT authority_code FROM rating_mentions WHERE article_id IN (SELECT article_id FROM gone)"
                ).fetchall())
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
            self.touched_articles.update(article_id for (article_id,) in self.conn.execute(
                "UPDATE articles SET file_size = touched.file_size, file_mtime_ns = touched.file_mtime_ns "
                "FROM touched WHERE articles.source_file = touched.source_file RETURNING article_id").fetchall())
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

    @contextlib.contextmanager
    def _authorities(self, codes: Iterable[str]) -> Iterator[None]:
        """The given authority codes as the relation `chosen`, for statements about their rows."""
        self.conn.register("chosen", pd.DataFrame({"authority_code": sorted(codes)}, dtype="string"))
        try:
            yield
        finally:
            self.conn.unregister("chosen")

    @contextlib.contextmanager
    def merging(self) -> Iterator[None]:
        """While events are merged DuckDB may use MERGING_MEMORY_LIMIT (linking them updates many
        rows, and an update cannot spill); written to the file at the end, the rest of the run
        goes back to the lower limit."""
        self.conn.execute(f"SET memory_limit = '{MERGING_MEMORY_LIMIT}'")
        try:
            yield
        finally:
            for (name,) in self.conn.execute(
                    "SELECT table_name FROM duckdb_tables() WHERE temporary AND table_name NOT LIKE 'written%'"
            ).fetchall():  # the groups' working tables (the audit reads only `written_<table>`)
                self.conn.execute(f'DROP TABLE temp."{name}"')
            self.conn.execute("CHECKPOINT")
            try:
                self.conn.execute(f"SET memory_limit = '{DUCKDB_MEMORY_LIMIT}'")
            except duckdb.OutOfMemoryException:
                log.info("DuckDB still holds more than %s after merging; the run keeps %s",
                         DUCKDB_MEMORY_LIMIT, MERGING_MEMORY_LIMIT)

    def event_groups(self) -> list[list[str]]:
        """The authorities whose events this run merges again, in groups whose events can be merged
        apart from each other's. An article dated only relative to its own publication can take its
        year from one authority's events and pass it to its mentions of another, so authorities
        such articles mention together stay in one group; groups are packed up to
        MENTIONS_PER_GROUP mentions."""
        mentions = dict(self.conn.execute(
            "SELECT authority_code, count(*) FROM (SELECT authority_code FROM visit_mentions UNION ALL "
            "SELECT authority_code FROM rating_mentions) GROUP BY authority_code").fetchall())
        if self.event_authorities is None:
            wanted = set(mentions) | {code for (code,) in self.conn.execute(
                "SELECT authority_code FROM visits UNION SELECT authority_code FROM ratings").fetchall()}
        else:
            wanted = set(self.event_authorities)
        together = _Together(wanted)
        article_authorities: dict[str, set[str]] = {}
        for article_id, code in self.conn.execute(
                "WITH undated AS (SELECT article_id FROM visit_mentions WHERE relative_years IS NOT NULL "
                "UNION SELECT article_id FROM rating_mentions WHERE relative_years IS NOT NULL) "
                "SELECT article_id, authority_code FROM visit_mentions WHERE article_id IN (SELECT * FROM undated) "
                "UNION SELECT article_id, authority_code FROM rating_mentions "
                "WHERE article_id IN (SELECT * FROM undated)").fetchall():
            article_authorities.setdefault(article_id, set()).add(code)
        for codes in article_authorities.values():
            together.join(codes)
        groups: list[list[str]] = []
        size = MENTIONS_PER_GROUP
        for component in together.components_of(wanted):
            count = sum(mentions.get(code, 0) for code in component)
            if not groups or size + count > MENTIONS_PER_GROUP:
                groups.append([])
                size = 0
            groups[-1].extend(component)
            size += count
        return groups

    def _chosen_mentions(self, table: str, columns: str) -> Iterator[tuple]:
        """(article id, mention index, *columns) of the chosen authorities' mentions, in article order."""
        return self._stream(f"SELECT article_id, mention_index, {columns} FROM {table} WHERE authority_code IN "
                            "(SELECT authority_code FROM chosen) ORDER BY article_id, mention_index")

    def consolidate_events(self, codes: Collection[str]) -> Events:
        """Merge these authorities' visit and rating mentions into one row per real event."""
        with self._authorities(codes):
            visits = [(a, i, VisitMention(
                authority_code=code, authority_name=name, visit_type=visit_type, sequence=sequence, focus=focus,
                visit_date=PartialDate.from_date(date, precision),
                published_date=PartialDate.from_date(published, published_precision), evidence=evidence,
                char_start=start, char_end=end, relative_date=_relative_date(years, month)))
                for a, i, code, name, visit_type, sequence, focus, date, precision, published, published_precision,
                evidence, start, end, years, month in self._chosen_mentions(
                    "visit_mentions", "authority_code, authority_name, visit_type, sequence, focus, visit_date, "
                    "date_precision, published_date, published_date_precision, evidence, char_start, char_end, "
                    "relative_years, relative_month")]
            ratings = [(a, i, RatingMention(
                authority_code=code, authority_name=name, judgement=judgement, judgement_area=area,
                rating_date=PartialDate.from_date(date, precision), evidence=evidence, char_start=start,
                char_end=end, visit_index=visit_index, relative_date=_relative_date(years, month)))
                for a, i, code, name, judgement, area, date, precision, evidence, start, end, visit_index, years,
                month in self._chosen_mentions(
                    "rating_mentions", "authority_code, authority_name, judgement, judgement_area, rating_date, "
                    "date_precision, evidence, char_start, char_end, visit_index, relative_years, relative_month")]
        return consolidate(visits, ratings)

    def replace_events(self, codes: Collection[str], frames: dict[str, pd.DataFrame]) -> None:
        """Make these authorities' rows of the event tables the given ones. Only rows that differ
        are deleted and inserted (merged again, most events come back the same), and the keys of
        the rows inserted are kept in `written_<table>`, for the audit."""
        chosen = "authority_code IN (SELECT authority_code FROM chosen)"
        with self._authorities(codes):
            for events, sources, key in (("visits", "visit_sources", "visit_id"),
                                         ("ratings", "rating_sources", "rating_id")):
                self._differences(sources, frames[sources], f"{key} IN (SELECT {key} FROM {events} WHERE {chosen})")
                self._differences(events, frames[events], chosen)
                for name in (sources, events):
                    self._apply_differences(name)

    def _differences(self, table: str, frame: pd.DataFrame, condition: str) -> None:
        """`gone_<table>`: its rows meeting `condition` that `frame` lacks; `added_<table>`: the
        rows of `frame` it lacks (compared with the table's own types)."""
        columns = _quoted(TABLE[table].columns)
        self.conn.execute(f"CREATE OR REPLACE TEMP TABLE new_{table} AS SELECT {columns} FROM {table} LIMIT 0")
        if not frame.empty:
            self._append(f"new_{table}", frame)
        old = f"SELECT {columns} FROM {table} WHERE {condition}"
        self.conn.execute(f"CREATE OR REPLACE TEMP TABLE gone_{table} AS ({old}) EXCEPT (SELECT * FROM new_{table})")
        self.conn.execute(f"CREATE OR REPLACE TEMP TABLE added_{table} AS (SELECT * FROM new_{table}) EXCEPT ({old})")

    def _apply_differences(self, table: str) -> None:
        key, columns = _quoted(TABLE[table].key), _quoted(TABLE[table].columns)
        gone = self.conn.execute(f"DELETE FROM {table} WHERE ({key}) IN (SELECT {key} FROM gone_{table})").fetchone()
        added = self.conn.execute(f"INSERT INTO {table} ({columns}) SELECT * FROM added_{table}").fetchone()
        self.conn.execute(f"INSERT INTO written_{table} SELECT {key} FROM added_{table}")
        if (gone and gone[0]) or (added and added[0]):
            self.changed.add(table)

    def link_events(self, codes: Collection[str], events: Events) -> None:
        """Point these authorities' mentions, and the findings of their visit mentions, at the
        events they were merged into."""
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
        relinked: set[str] = set()  # articles with a mention or finding pointed elsewhere
        try:
            with self._authorities(codes):
                for mentions, links, key in (("visit_mentions", "visit_links", "visit_id"),
                                             ("rating_mentions", "rating_links", "rating_id")):
                    relinked.update(a for (a,) in self.conn.execute(
                        f"UPDATE {mentions} SET {key} = NULL WHERE {key} IS NOT NULL AND authority_code IN "
                        f"(SELECT authority_code FROM chosen) AND (article_id, mention_index) NOT IN "
                        f"(SELECT article_id, mention_index FROM {links}) RETURNING article_id").fetchall())
                    relinked.update(a for (a,) in self.conn.execute(
                        f"UPDATE {mentions} SET {key} = l.{key} FROM {links} l WHERE {mentions}.article_id = "
                        f"l.article_id AND {mentions}.mention_index = l.mention_index "
                        f"AND {mentions}.{key} IS DISTINCT FROM l.{key} RETURNING {mentions}.article_id").fetchall())
                # The new links first, by a query (which DuckDB can spill to disk), then the update
                # from them: one UPDATE joining every finding ran out of memory at 100,000 articles.
                self.conn.execute(
                    "CREATE OR REPLACE TEMP TABLE finding_links AS SELECT f.finding_id, m.visit_id "
                    "FROM findings f JOIN visit_mentions m "
                    "ON f.article_id = m.article_id AND f.visit_index = m.mention_index "
                    "WHERE m.authority_code IN (SELECT authority_code FROM chosen) "
                    "AND f.visit_id IS DISTINCT FROM m.visit_id")
                relinked.update(a for (a,) in self.conn.execute(
                    "UPDATE findings SET visit_id = l.visit_id FROM finding_links l "
                    "WHERE findings.finding_id = l.finding_id RETURNING findings.article_id").fetchall())
            if relinked:
                self.conn.execute("CHECKPOINT")  # DuckDB holds updated values in memory until then
        finally:
            self.conn.unregister("visit_links")
            self.conn.unregister("rating_links")
        if relinked:
            self.written_articles |= relinked
            self.changed |= {"visit_mentions", "rating_mentions", "findings"}

    def frame(self, table: str, columns: Sequence[str] | None = None, nullness_only: Collection[str] = (),
              references: Mapping[str, str] | None = None, changed_only: bool = False,
              part: tuple[int, int] = (0, 1)) -> pd.DataFrame:
        """A staged table as a DataFrame, for the data-quality audit: only the given columns
        (None: all of them); those in `nullness_only` as null or '' (an article's text is not
        needed to check that it is there). `references` (column -> "table.key") adds a column
        per reference (`unmatched_column`) holding the value where the referenced row is missing
        (an article must be `loaded` to be referenced), null where not. With `changed_only`, only
        the rows this run wrote, and the rows that could conflict with them: rows whose key is
        not unique and rows that reference a row that is not there. `part` (i, n): the i-th of n
        parts, split by the key's hash, so that rows sharing a key are in the same part."""
        unmatched = {c: f'("{c}" IS NOT NULL AND "{c}" NOT IN ({_referenced_keys(r)}))'
                     for c, r in (references or {}).items()}
        selected = [f"CASE WHEN \"{c}\" IS NULL THEN NULL ELSE '' END AS \"{c}\"" if c in nullness_only
                    else f'"{c}"' for c in columns] if columns else ["*"]
        selected += [f'CASE WHEN {condition} THEN "{c}" END AS "{unmatched_column(c, references[c])}"'
                     for c, condition in unmatched.items()]
        key = _quoted(TABLE[table].key) or "rowid"
        where, parameters = ["TRUE"], []
        if part[1] > 1:
            where.append(f"hash({key}) % ? = ?")
            parameters += [part[1], part[0]]
        with contextlib.ExitStack() as stack:
            if changed_only:
                written, written_parameters = self._written_rows(table)
                conflicts = [written, *unmatched.values()]
                if TABLE[table].key:
                    conflicts.append(f"({key}) IN (SELECT {key} FROM {table} GROUP BY ALL HAVING count(*) > 1)")
                where.append(f"({' OR '.join(conflicts)})")
                parameters += written_parameters
                stack.enter_context(self._audited_articles())
            return self.conn.execute(f"SELECT {', '.join(selected)} FROM {TABLE[table].name} "
                                     f"WHERE {' AND '.join(where)}", parameters).df()

    def _written_rows(self, table: str) -> tuple[str, list]:
        """A condition true of the rows of `table` this run wrote, and its parameters."""
        if table == "articles":
            return "article_id IN (SELECT article_id FROM audited_articles UNION SELECT article_id FROM touched)", []
        if TABLE[table].per_article:
            return "article_id IN (SELECT article_id FROM audited_articles)", []
        if table in EVENT_TABLES:
            key = _quoted(TABLE[table].key)
            return f"({key}) IN (SELECT {key} FROM written_{table})", []
        if table == "rejected_records":
            return "run_id = ?", [self.run_id]
        return "TRUE", []  # reference data: every row

    @contextlib.contextmanager
    def _audited_articles(self) -> Iterator[None]:
        """`audited_articles`: the articles whose rows this run deleted, inserted or updated;
        `touched`: those whose file only has a new size or modification time."""
        for name, ids in (("audited_articles", self.written_articles), ("touched", self.touched_articles)):
            self.conn.register(name, pd.DataFrame({"article_id": sorted(ids)}, dtype="string"))
        try:
            yield
        finally:
            self.conn.unregister("audited_articles")
            self.conn.unregister("touched")

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
        shutil.rmtree(f"{self.path}.tmp", ignore_errors=True)


class _Together:
    """Which authorities must be merged together: a union–find over authority codes."""

    def __init__(self, codes: Iterable[str]) -> None:
        self.parent: dict[str, str] = {code: code for code in codes}

    def root(self, code: str) -> str:
        self.parent.setdefault(code, code)
        while self.parent[code] != code:
            self.parent[code] = self.parent[self.parent[code]]
            code = self.parent[code]
        return code

    def join(self, codes: Iterable[str]) -> None:
        first, *rest = sorted(codes)
        for code in rest:
            a, b = self.root(first), self.root(code)
            if a != b:
                self.parent[max(a, b)] = min(a, b)

    def components_of(self, codes: Iterable[str]) -> list[list[str]]:
        """Every authority together with any of `codes`, one sorted list per component."""
        roots = {self.root(code) for code in codes}
        members: dict[str, list[str]] = {}
        for code in sorted(self.parent):
            root = self.root(code)
            if root in roots:
                members.setdefault(root, []).append(code)
        return [members[root] for root in sorted(members)]


def _quoted(columns: Iterable[str]) -> str:
    """Column names as a SQL list."""
    return ", ".join(f'"{c}"' for c in columns)


def _referenced_keys(reference: str) -> str:
    """The keys a reference ("table.key") may point at: content rows may point only at loaded articles."""
    table, key = reference.split(".")
    return f"SELECT {key} FROM {TABLE[table].name}" + (" WHERE status = 'loaded'" if table == "articles" else "")


def _relative_date(years: int | None, month: int | None) -> RelativeDate | None:
    return None if years is None else RelativeDate(years, month)


def schema_ddl_for_missing(table: str, present: set[str]) -> list[str]:
    """ALTER TABLE statements for columns a model has that an older warehouse file lacks."""
    columns = TABLE[table].model.to_schema().columns
    return [f"ALTER TABLE {table} ADD COLUMN {name} {sql_type(column)}"
            for name, column in columns.items() if name not in present]


def extraction_rows(warehouse: Path) -> dict[str, list[dict]]:
    """The published extraction, in the shape the evaluation compares with gold answers (visits and
    ratings keep their ids, so two rows that read the same stay two)."""
    queries = {
        "articles": "SELECT source_file, is_relevant FROM articles WHERE status IN ('loaded', 'irrelevant')",
        "visits": "SELECT v.visit_id, v.authority_name, v.visit_type, v.sequence, v.focus, v.visit_date, v.date_precision, "
                  "list(a.source_file ORDER BY a.source_file) AS sources FROM visits v "
                  "JOIN visit_sources s USING (visit_id) JOIN articles a USING (article_id) "
                  "GROUP BY ALL ORDER BY ALL",
        "ratings": "SELECT r.rating_id, r.authority_name, r.judgement, r.judgement_area, year(r.rating_date) AS year, "
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
