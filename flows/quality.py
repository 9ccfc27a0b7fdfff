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
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path

import pandas as pd

from schemas import TABLE
from schemas.render import CheckSpec, checks

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class CheckResult:
    spec: CheckSpec
    success: bool
    observed_value: str | None

    def as_row(self, run_id: str) -> dict:
        return {"run_id": run_id, "check_name": self.spec.name, "table_name": self.spec.table,
                "success": self.success, "observed_value": self.observed_value, "severity": self.spec.severity}


Loader = Callable[..., pd.DataFrame]  # (table, columns or None for all, nullness_only=columns) -> frame


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


def _reference_keys(reference: str, load: Loader) -> pd.Series:
    table, column = reference.split(".")
    if table != "articles":
        return load(table, [column])[column].dropna()
    articles = load(table, [column, "status"])
    return articles.loc[articles["status"] == "loaded", column].dropna()


def _with_references(frame: pd.DataFrame, specs: list[CheckSpec], keys: Callable[[str], pd.Series]) -> pd.DataFrame:
    """The staged table plus, for each of its foreign keys, a column named after the reference
    (e.g. `visits.visit_id`) holding the key where the referenced table has it, null where not."""
    found = {s.references: frame[s.kwargs["column"]].where(frame[s.kwargs["column"]].isin(keys(s.references)))
             for s in specs if s.references}
    return frame.assign(**found) if found else frame


def _expectation(spec: CheckSpec, frame: pd.DataFrame) -> tuple[str, dict]:
    """The GX expectation that runs a check on its table's frame, and its arguments. A foreign key
    runs as the pair expectation "the key equals its match in the referenced table" (a non-null
    key without a match fails; a null key is skipped), not as ExpectColumnValuesToBeInSet with
    every referenced key in its value set: GX copies an expectation's arguments dozens of times
    while it validates, which made each foreign-key check cost seconds at 10,000 articles."""
    kwargs = dict(spec.kwargs)
    if spec.references:
        return "ExpectColumnPairValuesToBeEqual", {"column_A": kwargs["column"], "column_B": spec.references,
                                                   "ignore_row_if": "both_values_are_missing"}
    column = kwargs.get("column")
    if column and column in frame and pd.api.types.is_datetime64_any_dtype(frame[column]):
        for bound in ("min_value", "max_value"):
            if isinstance(kwargs.get(bound), str):
                kwargs[bound] = pd.Timestamp(kwargs[bound])
    return spec.expectation, kwargs


CARRIED_OVER = "state unchanged since run {run_id}; result carried over"


def carried_over(run_id: str, started_on: dt.date, ended_on: dt.date,
                 results: Mapping[tuple[str, str], tuple[bool, str | None]], tables: Iterable[str],
                 today: dt.date | None = None) -> list[CheckResult] | None:
    """The results run `run_id` recorded, as this run's results on the same, unchanged tables;
    None unless that run's checks are exactly the ones this code defines (on that run's day,
    since date bounds move with the day)."""
    tables = set(tables)
    for day in dict.fromkeys((started_on, ended_on)):
        then = [s for s in checks(day) if s.table in tables]
        if {(s.table, s.name) for s in then} == set(results) and len(then) == len(results):
            break
    else:
        return None
    now = [s for s in checks(today or dt.date.today()) if s.table in tables]
    carried = []
    for spec, old in zip(now, then):
        success, observed = results[(old.table, old.name)]
        if not (observed or "").startswith(CARRIED_OVER.split("{")[0]):
            note = CARRIED_OVER.format(run_id=run_id)
            observed = f"{note}: {observed}" if observed else note
        carried.append(CheckResult(spec, success, observed))
    return carried


def _observed(result) -> str | None:
    details = result.result or {}
    summary = {k: details[k] for k in ("observed_value", "unexpected_count", "unexpected_percent",
                                        "partial_unexpected_list") if k in details and details[k] not in (None, [])}
    if result.exception_info and result.exception_info.get("raised_exception"):
        summary["exception"] = str(result.exception_info.get("exception_message"))[:300]
    return json.dumps(summary, default=str)[:2000] if summary else None


def audit(load: Loader, tables: Iterable[str], today: dt.date | None = None,
          docs_dir: Path | None = None) -> list[CheckResult]:
    """Run every check on the staged tables in an ephemeral GX context; with `docs_dir`, also
    render that run's results there as GX Data Docs. `load(table, columns)` reads a staged table;
    tables are checked one at a time, each loaded with only the columns its checks read and let go
    before the next (referenced keys are kept), so memory follows the largest table, not the sum."""
    import great_expectations as gx

    tables = set(tables)
    specs = [s for s in checks(today or dt.date.today()) if s.table in tables]
    columns = _checked_columns(specs)
    nullness_only = _nullness_only(specs)
    referenced: dict[str, pd.Series] = {}

    def keys(reference: str) -> pd.Series:
        if reference not in referenced:
            referenced[reference] = _reference_keys(reference, load)
        return referenced[reference]

    context = gx.get_context(mode="ephemeral")
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        context.variables.progress_bars = {"globally": False, "metric_calculations": False}
    if docs_dir is not None:
        context.add_data_docs_site(site_name=DOCS_SITE, site_config=_docs_site(docs_dir))
    results: list[CheckResult] = []
    # Everything alive now (GX's modules and context) is kept out of the collections below, so
    # that freeing each table's cycles scans only what that table's run made.
    gc.freeze()
    try:
        for table in sorted(columns):
            frame = load(table, columns[table], nullness_only=nullness_only.get(table, set()))
            results += _check_table(context, table, [s for s in specs if s.table == table], frame, keys)
            del frame
            gc.collect()
    finally:
        gc.unfreeze()
    if docs_dir is not None:
        context.build_data_docs(site_names=[DOCS_SITE])
        add_offline_index(docs_dir, results)
    return results


def _check_table(context, table: str, table_specs: list[CheckSpec], loaded: pd.DataFrame,
                 keys: Callable[[str], pd.Series]) -> list[CheckResult]:
    """One table's checks, as one GX validation run."""
    import great_expectations as gx

    frame = _with_references(loaded, table_specs, keys)
    # A data source per table, deleted after its run: GX keeps every batch's DataFrame in its
    # data source's execution engine (and in reference cycles), which would hold every table in
    # memory at once.
    source = context.data_sources.add_pandas("staging")
    batch = source.add_dataframe_asset(table).add_batch_definition_whole_dataframe(table)
    suite = gx.ExpectationSuite(name=table)
    for number, spec in enumerate(table_specs):
        name, kwargs = _expectation(spec, frame)
        suite.add_expectation(getattr(gx.expectations, name)(**kwargs, meta={"check": number}))
    suite = context.suites.add(suite)
    definition = context.validation_definitions.add(gx.ValidationDefinition(data=batch, suite=suite, name=table))
    outcome = definition.run(batch_parameters={"dataframe": frame})
    context.data_sources.delete("staging")
    return [CheckResult(table_specs[result.expectation_config.meta["check"]], bool(result.success),
                        _observed(result)) for result in outcome.results]


# --- Data Docs ------------------------------------------------------------------------------------

DOCS_SITE = "warehouse"


def _docs_site(base_directory: Path) -> dict:
    """A Data Docs site of static HTML files in one folder (GX Core 1.x site config)."""
    return {"class_name": "SiteBuilder", "site_index_builder": {"class_name": "DefaultSiteIndexBuilder"},
            "store_backend": {"class_name": "TupleFilesystemStoreBackend", "base_directory": str(base_directory.resolve())}}


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
        links = [f'<a href="{html.escape(p.relative_to(docs_dir).as_posix())}">latest validation</a>'
                 for p in pages[-1:]]
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
