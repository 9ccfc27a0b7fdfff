"""Derive the DuckDB DDL, the data dictionary and the data-quality checks from the models."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any

import pandera.pandas as pa

from . import TABLES, Table

_SQL_TYPES = {
    "string[python]": "VARCHAR",
    "Int32": "INTEGER",
    "Int64": "BIGINT",
    "bool": "BOOLEAN",
    "date": "DATE",
    "datetime64[ns]": "TIMESTAMP",
}

EARLIEST_DATE = dt.date(2000, 1, 1)


def _literal(value: str) -> str:
    return "'" + str(value).replace("'", "''") + "'"


def _columns(table: Table) -> dict[str, pa.Column]:
    return table.model.to_schema().columns


def _check(column: pa.Column, name: str) -> dict[str, Any] | None:
    for check in column.checks:
        if check.name == name:
            return check.statistics
    return None


def sql_type(column: pa.Column) -> str:
    return _SQL_TYPES[str(column.dtype)]


def ddl(table: Table) -> list[str]:
    """CREATE TABLE with types, NOT NULL and vocabulary CHECKs, then COMMENTs from the descriptions.

    Keys are not declared as PRIMARY KEY: DuckDB indexes slow bulk loads and refuse a delete and
    re-insert of one key in a transaction; every key is checked unique by pandera and by the
    data-quality suite instead.
    """
    lines = []
    for name, column in _columns(table).items():
        line = f"{name} {sql_type(column)}"
        if not column.nullable:
            line += " NOT NULL"
        allowed = _check(column, "isin")
        if allowed:
            line += f" CHECK ({name} IN ({', '.join(_literal(v) for v in allowed['allowed_values'])}))"
        lines.append(line)
    statements = [f"CREATE TABLE IF NOT EXISTS {table.name} (\n    " + ",\n    ".join(lines) + "\n)"]
    statements.append(f"COMMENT ON TABLE {table.name} IS {_literal(table.description)}")
    for name, column in _columns(table).items():
        if column.description:
            statements.append(f"COMMENT ON COLUMN {table.name}.{name} IS {_literal(column.description)}")
    return statements


def schema_ddl() -> list[str]:
    return [statement for table in TABLES for statement in ddl(table)]


def data_dictionary() -> str:
    """The data dictionary in Markdown: every table and column with its type and meaning."""
    out = [
        "# Data dictionary",
        "",
        "Generated from the pandera models in `schemas/` by `schemas.render` (`ofsted-etl dictionary`);",
        "a test fails when this file and the models disagree. The contract it implements is",
        "`CONTRACT.md` in the shared folder; every table below is in the warehouse's default schema.",
        "",
    ]
    for table in TABLES:
        out += [f"## {table.name}", "", table.description, ""]
        if table.key:
            out += [f"Key: `{', '.join(table.key)}` (unique, checked every run).", ""]
        out += ["| column | type | null | meaning |", "|---|---|---|---|"]
        for name, column in _columns(table).items():
            meaning = column.description or ""
            allowed = _check(column, "isin")
            if allowed and "`" not in meaning:
                meaning += " One of: " + ", ".join(f"`{v}`" for v in allowed["allowed_values"]) + "."
            references = (column.metadata or {}).get("references")
            if references and references not in meaning:
                meaning += f" References `{references}`."
            out.append(f"| {name} | {sql_type(column)} | {'yes' if column.nullable else 'no'} | {meaning} |")
        out.append("")
    return "\n".join(out)


@dataclass(frozen=True)
class CheckSpec:
    """One data-quality check: a Great Expectations expectation on one staged table."""

    table: str
    expectation: str
    kwargs: dict[str, Any] = field(default_factory=dict)
    severity: str = "critical"
    references: str | None = None

    @property
    def name(self) -> str:
        args = ", ".join(f"{k}={v}" for k, v in self.kwargs.items() if k != "value_set")
        return f"{self.expectation}({args})" + (f" -> {self.references}" if self.references else "")


def unmatched_column(column: str, reference: str) -> str:
    """The audit's column for a foreign key: the key where the referenced row is missing, else null."""
    return f"{column} not in {reference}"


def checks(today: dt.date) -> list[CheckSpec]:
    """Every check the models imply: keys unique, required columns present, vocabularies, ranges,
    id shapes, dates in range and foreign keys (whose value sets are filled at run time)."""
    specs: list[CheckSpec] = []
    latest = today + dt.timedelta(days=366)
    for table in TABLES:
        if len(table.key) == 1:
            specs.append(CheckSpec(table.name, "ExpectColumnValuesToBeUnique", {"column": table.key[0]}))
        elif table.key:
            specs.append(CheckSpec(table.name, "ExpectCompoundColumnsToBeUnique", {"column_list": list(table.key)}))
        for name, column in _columns(table).items():
            if not column.nullable:
                specs.append(CheckSpec(table.name, "ExpectColumnValuesToNotBeNull", {"column": name}))
            allowed = _check(column, "isin")
            if allowed:
                specs.append(CheckSpec(table.name, "ExpectColumnValuesToBeInSet",
                                       {"column": name, "value_set": list(allowed["allowed_values"])}))
            minimum = _check(column, "greater_than_or_equal_to")
            if minimum:
                specs.append(CheckSpec(table.name, "ExpectColumnValuesToBeBetween",
                                       {"column": name, "min_value": minimum["min_value"]}))
            pattern = _check(column, "str_matches")
            if pattern:
                specs.append(CheckSpec(table.name, "ExpectColumnValuesToMatchRegex",
                                       {"column": name, "regex": pattern["pattern"]}))
            if str(column.dtype) == "date":
                specs.append(CheckSpec(table.name, "ExpectColumnValuesToBeBetween",
                                       {"column": name, "min_value": EARLIEST_DATE.isoformat(),
                                        "max_value": latest.isoformat()}))
            references = (column.metadata or {}).get("references")
            if references:
                specs.append(CheckSpec(table.name, "ExpectColumnValuesToBeInSet",
                                       {"column": name}, references=references))
    return specs
