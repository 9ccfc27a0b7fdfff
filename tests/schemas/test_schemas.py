"""The models are the single description of every table: the contract, the DDL, the data
dictionary and the checks must all agree with them."""

from __future__ import annotations

import datetime as dt
import re

import duckdb
import pandas as pd
import pytest

from flows.cli import DICTIONARY_PATH
from schemas import TABLE, TABLES
from schemas.render import checks, data_dictionary, schema_ddl
from schemas.validation import validate
from tests.conftest import REPO, SHARED

CONTRACT = SHARED / "CONTRACT.md"


def contract_columns() -> dict[str, set[str]]:
    """Table -> columns named in the contract's tables (`## name — ...` then `| column | ...` rows)."""
    columns: dict[str, set[str]] = {}
    current = None
    for line in CONTRACT.read_text(encoding="utf-8").splitlines():
        heading = re.match(r"## (\w+) —", line)
        if heading:
            current = heading.group(1)
            columns[current] = set()
        elif current and line.startswith("| ") and not line.startswith("| column"):
            for name in line.split("|")[1].split(","):
                columns[current].add(name.strip())
    return columns


def test_every_contract_column_is_in_its_model():
    found = contract_columns()
    assert {"articles", "visits", "ratings", "findings", "quotes"} <= set(found)
    for table, columns in found.items():
        assert columns <= set(TABLE[table].columns), (table, columns - set(TABLE[table].columns))


def test_run_record_and_reference_tables_exist_with_contract_columns():
    assert {"authority_code", "authority_name", "region", "aliases"} <= set(TABLE["authorities"].columns)
    assert {"visit_id", "article_id"} == set(TABLE["visit_sources"].columns)
    assert {"check_name", "table_name", "success", "observed_value", "severity"} <= set(TABLE["dq_results"].columns)
    assert {"table_name", "record", "reason"} <= set(TABLE["rejected_records"].columns)
    runs = set(TABLE["pipeline_runs"].columns)
    assert {"run_id", "started_at", "ended_at", "status", "articles_seen", "articles_new", "articles_changed",
            "articles_unchanged", "articles_removed", "articles_rejected", "rows_written"} <= runs


def test_every_column_is_described():
    for table in TABLES:
        assert table.description, table.name
        for name, column in table.model.to_schema().columns.items():
            assert column.description, f"{table.name}.{name}"


def test_ddl_creates_every_table_with_comments_and_vocabulary_checks():
    conn = duckdb.connect()
    for statement in schema_ddl():
        conn.execute(statement)
    for table in TABLES:
        got = [r[0] for r in conn.execute("SELECT column_name FROM information_schema.columns WHERE table_name = ? "
                                          "ORDER BY ordinal_position", [table.name]).fetchall()]
        assert got == table.columns
        assert conn.execute("SELECT comment FROM duckdb_tables() WHERE table_name = ?",
                            [table.name]).fetchone()[0] == table.description
    with pytest.raises(duckdb.ConstraintException):
        conn.execute("INSERT INTO findings VALUES ('finding_1', 'article_1', NULL, NULL, 'glowing', 'other', 't', 0, 1)")


def test_ddl_is_stable_and_idempotent():
    conn = duckdb.connect()
    for _ in range(2):
        for statement in schema_ddl():
            conn.execute(statement)
    assert conn.execute("SELECT count(*) FROM duckdb_tables()").fetchone()[0] == len(TABLES)


def test_data_dictionary_file_is_current():
    assert (REPO / DICTIONARY_PATH).read_text(encoding="utf-8") == data_dictionary() + "\n", \
        "run `ofsted-etl dictionary` to regenerate warehouse/data_dictionary.md"


def test_checks_cover_keys_vocabularies_and_resolvable_references():
    specs = checks(dt.date(2026, 1, 1))
    names = {(s.table, s.expectation, s.kwargs.get("column")) for s in specs}
    assert ("visits", "ExpectColumnValuesToBeUnique", "visit_id") in names
    assert ("ratings", "ExpectColumnValuesToBeInSet", "judgement") in names
    for spec in specs:
        if spec.references:
            table, column = spec.references.split(".")
            assert column in TABLE[table].columns, spec.name


def _finding(**overrides) -> dict:
    row = {"finding_id": "finding_0123456789abcdef", "article_id": "article_0123456789abcdef", "visit_id": None,
           "visit_index": None, "polarity": "positive", "theme": "workforce", "text": "Morale is high.",
           "char_start": 0, "char_end": 15}
    return row | overrides


def test_validation_sets_aside_bad_rows_with_reasons():
    frame = pd.DataFrame([
        _finding(),
        _finding(finding_id="finding_1111111111111111", polarity="glowing"),
        _finding(finding_id="finding_2222222222222222", theme="weather", char_start=-3),
        _finding(finding_id="finding_3333333333333333", text="Morale is low.", char_end=14),
    ], columns=TABLE["findings"].columns)
    valid, rejected = validate("findings", frame, {"article_0123456789abcdef": "Morale is high. More text."})
    assert list(valid["finding_id"]) == ["finding_0123456789abcdef"]
    reasons = {r["record"].split('"finding_id": "')[1][:24]: r["reason"] for r in rejected}
    assert "polarity" in reasons["finding_1111111111111111"]
    assert "theme" in reasons["finding_2222222222222222"] and "char_start" in reasons["finding_2222222222222222"]
    assert "span" in reasons["finding_3333333333333333"]


def test_validation_rejects_duplicate_keys():
    frame = pd.DataFrame([_finding(), _finding()], columns=TABLE["findings"].columns)
    valid, rejected = validate("findings", frame, {"article_0123456789abcdef": "Morale is high."})
    assert valid.empty and len(rejected) == 2 and all("finding_id" in r["reason"] for r in rejected)


def test_validation_coerces_types():
    frame = pd.DataFrame([_finding(char_start="0", char_end=15.0)], columns=TABLE["findings"].columns)
    valid, rejected = validate("findings", frame, {"article_0123456789abcdef": "Morale is high."})
    assert not rejected and str(valid["char_start"].dtype) == "Int32"
