"""The audit step: Great Expectations checks on the staged tables before anything is published.

The checks come from the pandera models (`schemas.render.checks`): keys unique, required
columns present, vocabularies, ranges, id shapes, dates in range and foreign keys. Foreign keys
are looked up in the staged tables here; an article id that content rows reference must belong
to a `loaded` article. The same validation run can render GX Data Docs (static HTML),
which the pipeline's document stage puts beside the warehouse.
"""

from __future__ import annotations

import datetime as dt
import gc
import html
import json
import logging
import os
import shutil
import warnings
from collections.abc import Callable, Collection, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path

import pandas as pd

from schemas import TABLE
from schemas.render import CheckSpec, checks, unmatched_column

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class CheckResult:
    spec: CheckSpec
    success: bool
    observed_value: str | None

    def as_row(self, run_id: str) -> dict:
        return {"run_id": run_id, "check_name": self.spec.name, "table_name": self.spec.table,
                "success": self.success, "observed_value": self.observed_value, "severity": self.spec.severity}


Loader = Callable[..., pd.DataFrame]  # `Staging.frame`: (table, columns, nullness_only, references, changed_only, part)


def _checked_columns(specs: Iterable[CheckSpec]) -> dict[str, list[str] | None]:
    """The columns each table's checks read (None: the whole table), so that the audit loads
    only these and never, for example, every article's body."""
    needed: dict[str, set[str] | None] = {}
    for spec in specs:
        columns = spec.kwargs.get("column_list") or ([spec.kwargs["column"]] if "column" in spec.kwargs else None)
        if spec.table in needed and needed[spec.table] is None:
            continue
        needed[spec.table] = None if columns is None else needed.get(spec.table, set()) | set(columns)
    return {table: None if columns is None else sorted(columns) for table, columns in needed.items()}


def _nullness_only(specs: Iterable[CheckSpec]) -> dict[str, set[str]]:
    """Per table, the text columns whose only check is "not null": the audit reads them as null or
    '' (at 100,000 articles, the findings' text alone is hundreds of MB in pandas)."""
    kinds: dict[tuple[str, str], set[str]] = {}
    for spec in specs:
        if "column" in spec.kwargs:
            kinds.setdefault((spec.table, spec.kwargs["column"]), set()).add(spec.expectation)
    out: dict[str, set[str]] = {}
    for (table, column), expectations in kinds.items():
        if expectations == {"ExpectColumnValuesToNotBeNull"} and _is_text(table, column):
            out.setdefault(table, set()).add(column)
    return out


def _is_text(table: str, column: str) -> bool:
    return str(TABLE[table].model.to_schema().columns[column].dtype).startswith(("str", "string"))


def _expectation(spec: CheckSpec, frame: pd.DataFrame) -> tuple[str, dict]:
    """The GX expectation that runs a check on its table's frame, and its arguments. A foreign key
    runs as "no key is missing from the referenced table": the loader gives the frame a column
    (`unmatched_column`) holding each key the referenced table lacks, and it must be all null.
    (Not ExpectColumnValuesToBeInSet with every referenced key in its value set: GX copies an
    expectation's arguments dozens of times while it validates, which made each foreign-key
    check cost seconds at 10,000 articles.)"""
    kwargs = dict(spec.kwargs)
    if spec.references:
        return "ExpectColumnValuesToBeNull", {"column": unmatched_column(kwargs["column"], spec.references)}
    column = kwargs.get("column")
    if column and column in frame and pd.api.types.is_datetime64_any_dtype(frame[column]):
        for bound in ("min_value", "max_value"):
            if isinstance(kwargs.get(bound), str):
                kwargs[bound] = pd.Timestamp(kwargs[bound])
    return spec.expectation, kwargs


CARRIED_OVER = "state unchanged since run {run_id}; result carried over"

# How much of a table a run checks: all of it; only the rows it wrote (and the rows that could
# conflict with them); or nothing, recording the last audit's results (the table and the tables
# it references are as they were).
WHOLE_TABLE, CHANGED_ROWS, CARRIED = "whole table", "changed rows", "carried over"
# Rows of a table checked at once (at 100,000 articles the findings, ~950,000 rows, took 900 MB
# in one piece, 450 MB in parts of 250,000); rows sharing a key are always in the same part, so
# uniqueness holds across parts.
AUDIT_PART_ROWS = 150_000


def previous_results(run_id: str, started_on: dt.date, ended_on: dt.date,
                     results: Mapping[tuple[str, str], tuple[bool, str | None]], tables: Iterable[str],
                     today: dt.date | None = None) -> dict[tuple[str, str], CheckResult] | None:
    """The results run `run_id` recorded, by (table, check) as this code names the checks today,
    marked as carried over from that run; None unless that run's checks are exactly the ones this
    code defines (on that run's day, since date bounds move with the day)."""
    tables = set(tables)
    for day in dict.fromkeys((started_on, ended_on)):
        then = [s for s in checks(day) if s.table in tables]
        if {(s.table, s.name) for s in then} == set(results) and len(then) == len(results):
            break
    else:
        return None
    now = [s for s in checks(today or dt.date.today()) if s.table in tables]
    carried = {}
    for spec, old in zip(now, then):
        success, observed = results[(old.table, old.name)]
        if not (observed or "").startswith(CARRIED_OVER.split("{")[0]):
            note = CARRIED_OVER.format(run_id=run_id)
            observed = f"{note}: {observed}" if observed else note
        carried[(spec.table, spec.name)] = CheckResult(spec, success, observed)
    return carried


def referenced_tables(table: str, today: dt.date | None = None) -> set[str]:
    return {s.references.split(".")[0] for s in checks(today or dt.date.today()) if s.table == table and s.references}


def audit_scopes(tables: Iterable[str], changed: Collection[str], rebuilt: Collection[str],
                 previous: Mapping[tuple[str, str], CheckResult] | None,
                 today: dt.date | None = None) -> dict[str, str]:
    """What each table's checks run on. A table this run did not write, whose referenced tables
    it did not write either, keeps the last results. A table it wrote, whose checks all passed
    last time, is checked on the rows it wrote: the rest passed then and nothing about them
    changed, except what the changed rows could break (a key they now share, a row they
    referenced that is gone), which those checks also read. Anything else is checked whole."""
    specs = checks(today or dt.date.today())
    scopes = {}
    for table in tables:
        own = [s for s in specs if s.table == table]
        if previous is None or table in rebuilt:
            scopes[table] = WHOLE_TABLE
        elif not ({table} | referenced_tables(table, today)) & set(changed):
            scopes[table] = CARRIED
        elif all(previous[(s.table, s.name)].success for s in own):
            scopes[table] = CHANGED_ROWS
        else:
            scopes[table] = WHOLE_TABLE
    return scopes


def _observed(parts: list, rows_checked: int | None) -> str | None:
    """What a check saw, from its GX results on each part of the table (see `AUDIT_PART_ROWS`)."""
    details = [part.result or {} for part in parts]
    if len(parts) == 1:
        summary = {k: details[0][k] for k in ("observed_value", "unexpected_count", "unexpected_percent",
                                               "partial_unexpected_list") if details[0].get(k) not in (None, [])}
    else:
        unexpected = sum(d.get("unexpected_count") or 0 for d in details)
        counted = sum((d.get("element_count") or 0) - (d.get("missing_count") or 0) for d in details)
        listed = [value for d in details for value in d.get("partial_unexpected_list") or ()][:20]
        summary = {"unexpected_count": unexpected, "unexpected_percent": 100 * unexpected / counted if counted else None,
                   "partial_unexpected_list": listed, "parts": len(parts)}
        summary = {k: v for k, v in summary.items() if v not in (None, [])}
    if rows_checked is not None:
        summary["rows_checked"] = f"{rows_checked} changed or conflicting rows (the rest passed in the last audit)"
    raised = [part.exception_info for part in parts if (part.exception_info or {}).get("raised_exception")]
    if raised:
        summary["exception"] = str(raised[0].get("exception_message"))[:300]
    return json.dumps(summary, default=str)[:2000] if summary else None


def audit(load: Loader, scopes: Mapping[str, str], rows: Mapping[str, int],
          previous: Mapping[tuple[str, str], CheckResult] | None = None, today: dt.date | None = None,
          docs_dir: Path | None = None, previous_docs: Path | None = None) -> list[CheckResult]:
    """Run the checks of each table on what `scopes` says (see `audit_scopes`) in an ephemeral
    GX context; with `docs_dir`, also render this run's results there as GX Data Docs, with the
    last Data Docs' pages (from `previous_docs`) for the tables whose results are carried over.
    `load(table, columns, ...)` reads a staged table (see `Staging.frame`) and `rows` gives its
    size: tables are checked one at a time, each loaded with only the columns its checks read, in
    parts of at most about AUDIT_PART_ROWS rows, each let go before the next, so memory follows
    the part, not the table."""
    specs = [s for s in checks(today or dt.date.today()) if s.table in scopes]
    carried = sorted(t for t, scope in scopes.items() if scope == CARRIED)
    results = [previous[(s.table, s.name)] for s in specs if s.table in carried] if carried else []
    checked = sorted(t for t in scopes if t not in carried)
    if not checked:
        return results
    import great_expectations as gx

    columns = _checked_columns(s for s in specs if s.table in checked)
    nullness_only = _nullness_only(specs)
    context = gx.get_context(mode="ephemeral")
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        context.variables.progress_bars = {"globally": False, "metric_calculations": False}
    if docs_dir is not None:
        context.add_data_docs_site(site_name=DOCS_SITE, site_config=_docs_site(docs_dir))
    # Everything alive now (GX's modules and context) is kept out of the collections below, so
    # that freeing each table's cycles scans only what that table's run made.
    gc.freeze()
    try:
        for table in checked:
            table_specs = [s for s in specs if s.table == table]
            count = -(-rows.get(table, 0) // AUDIT_PART_ROWS) or 1

            def parts(table=table, table_specs=table_specs, count=count) -> Iterator[pd.DataFrame]:
                for number in range(count):
                    yield load(table, columns[table], nullness_only=nullness_only.get(table, set()),
                               references={s.kwargs["column"]: s.references for s in table_specs if s.references},
                               changed_only=scopes[table] == CHANGED_ROWS, part=(number, count))

            results += _check_table(context, table, table_specs, parts(), count,
                                    previous if scopes[table] == CHANGED_ROWS else None)
    finally:
        gc.unfreeze()
    if docs_dir is not None:
        context.build_data_docs(site_names=[DOCS_SITE])
        if previous_docs is not None:
            _copy_pages(previous_docs, docs_dir, scopes)
        add_offline_index(docs_dir, results)
    return results


def _check_table(context, table: str, table_specs: list[CheckSpec], parts: Iterator[pd.DataFrame], count: int,
                 previous: Mapping[tuple[str, str], CheckResult] | None) -> list[CheckResult]:
    """One table's checks: a GX validation run per part of the table, their results combined.
    Given the `previous` results (the parts hold only changed rows), an empty part is not run,
    and with no changed row at all the previous results stand: every check passes on no rows."""
    import great_expectations as gx

    seen: list[list] = [[] for _ in table_specs]
    checked_rows = 0
    suite = None
    for number, frame in enumerate(parts):
        if previous is not None and frame.empty:
            continue
        if suite is None:
            suite = gx.ExpectationSuite(name=table)
            for index, spec in enumerate(table_specs):
                name, kwargs = _expectation(spec, frame)
                suite.add_expectation(getattr(gx.expectations, name)(**kwargs, meta={"check": index}))
            suite = context.suites.add(suite)
        # A data source per run, deleted after it: GX keeps every batch's DataFrame in its data
        # source's execution engine (and in reference cycles), which would hold every part at once.
        source = context.data_sources.add_pandas("staging")
        batch = source.add_dataframe_asset(table).add_batch_definition_whole_dataframe(table)
        name = table if count == 1 else f"{table} (part {number + 1} of {count})"
        definition = context.validation_definitions.add(gx.ValidationDefinition(data=batch, suite=suite, name=name))
        outcome = definition.run(batch_parameters={"dataframe": frame})
        context.data_sources.delete("staging")
        checked_rows += len(frame)
        for result in outcome.results:
            seen[result.expectation_config.meta["check"]].append(result)
        del frame, outcome, batch, source
        gc.collect()
    if suite is None and previous is not None:
        return [previous[(spec.table, spec.name)] for spec in table_specs]
    return [CheckResult(spec, all(r.success for r in results),
                        _observed(results, checked_rows if previous is not None else None))
            for spec, results in zip(table_specs, seen)]


# --- Data Docs ------------------------------------------------------------------------------------

DOCS_SITE = "warehouse"


def _docs_site(base_directory: Path) -> dict:
    """A Data Docs site of static HTML files in one folder (GX Core 1.x site config)."""
    return {"class_name": "SiteBuilder", "site_index_builder": {"class_name": "DefaultSiteIndexBuilder"},
            "store_backend": {"class_name": "TupleFilesystemStoreBackend", "base_directory": str(base_directory.resolve())}}


def _copy_pages(previous_docs: Path, docs_dir: Path, tables: Iterable[str]) -> None:
    """The last Data Docs' validation pages and suite of these tables, into this run's Data Docs."""
    for table in tables:
        for page in (Path("validations") / table, Path("expectations") / f"{table}.html"):
            source, target = previous_docs / page, docs_dir / page
            if source.is_dir() and not target.exists():
                shutil.copytree(source, target)
            elif source.is_file() and not target.exists():
                target.parent.mkdir(parents=True, exist_ok=True)
                shutil.copy2(source, target)


OFFLINE_INDEX_MARK = "<!-- offline index -->"


def add_offline_index(docs_dir: Path, results: Sequence[CheckResult]) -> None:
    """GX's index page draws its list of results with scripts from CDNs, so offline it is empty.
    Put a plain list of links at its top: each table's checks of this run, its latest validation
    page and its expectation suite."""
    index = docs_dir / "index.html"
    page = index.read_text(encoding="utf-8")
    if OFFLINE_INDEX_MARK in page or "<body" not in page:
        return
    outcome: dict[str, list[bool]] = {}
    for result in results:
        outcome.setdefault(result.spec.table, []).append(result.success)
    items = []
    for table in sorted(outcome):
        pages = sorted((docs_dir / "validations" / table).rglob("*.html"))
        links = [f'<a href="{html.escape(p.relative_to(docs_dir).as_posix())}">validation'
                 f'{f" {number} of {len(pages)}" if len(pages) > 1 else ""}</a>' for number, p in enumerate(pages, 1)]
        suite = docs_dir / "expectations" / f"{table}.html"
        if suite.is_file():
            links.append(f'<a href="{html.escape(suite.relative_to(docs_dir).as_posix())}">expectation suite</a>')
        passed = sum(outcome[table])
        items.append(f"<li><strong>{html.escape(table)}</strong>: {passed} of {len(outcome[table])} checks passed"
                     f"{' &middot; ' if links else ''}{' &middot; '.join(links)}</li>")
    block = (f'{OFFLINE_INDEX_MARK}<section id="offline-index" style="margin:1em 2em;font-family:sans-serif">'
             f"<h2>This run's checks by table</h2><ul>{''.join(items)}</ul></section>")
    body_end = page.index(">", page.index("<body")) + 1
    index.write_text(page[:body_end] + block + page[body_end:], encoding="utf-8")


def publish_data_docs(staged: Path, target: Path) -> None:
    """Put one run's Data Docs in place of the last run's. The old folder is renamed away first,
    so the target never mixes two runs' pages."""
    target.parent.mkdir(parents=True, exist_ok=True)
    old = target.with_name(f".{target.name}.previous")
    shutil.rmtree(old, ignore_errors=True)
    if target.exists():
        os.replace(target, old)
    shutil.move(staged, target)
    shutil.rmtree(old, ignore_errors=True)
