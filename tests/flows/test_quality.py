"""The audit reads a text column that is only checked for nulls as its nullness ('' or null),
and still catches a missing value."""

from __future__ import annotations

from flows import pipeline, quality
from flows.warehouse import Staging


def test_a_text_checked_only_for_nulls_is_read_as_its_nullness_and_a_missing_one_fails(raw_dir, warehouse):
    pipeline.run(pipeline.Settings(raw_dir=raw_dir, warehouse=warehouse))
    staging = Staging(warehouse, "run_quality_test")

    def load_with_a_missing_text(table, columns=None, **options):
        frame = staging.frame(table, columns, **options)
        if table == "findings":
            assert set(frame["text"]) == {""}  # the texts themselves were not read
            frame.loc[frame.index[0], "text"] = None
        return frame

    try:
        results = quality.audit(load_with_a_missing_text,
                                dict.fromkeys(["findings", "articles", "visits"], quality.WHOLE_TABLE),
                                staging.row_counts())
    finally:
        staging.discard()
    failed = [(c.spec.table, c.spec.expectation, c.spec.kwargs.get("column")) for c in results if not c.success]
    assert failed == [("findings", "ExpectColumnValuesToNotBeNull", "text")]


def _audited(warehouse, break_staging) -> dict[str, list[tuple[str, bool]]]:
    """Audit a staged copy of the warehouse after `break_staging(staging)`: per scope, the checks'
    (table, expectation) and success."""
    staging = Staging(warehouse, "run_quality_test")
    try:
        break_staging(staging)
        results = pipeline.audit_stage(staging)
        last = staging.last_audit()
        scopes = quality.audit_scopes(pipeline.AUDITED_TABLES, staging.changed, staging.rebuilt,
                                      quality.previous_results(*last, pipeline.AUDITED_TABLES))
    finally:
        staging.discard()
    out: dict[str, list[tuple[str, bool]]] = {}
    for c in results:
        out.setdefault(scopes[c.spec.table], []).append((c.spec.table, c.spec.expectation, c.success))
    return out


def test_checking_only_changed_rows_still_catches_a_key_they_share_with_an_unchanged_row(raw_dir, warehouse):
    pipeline.run(pipeline.Settings(raw_dir=raw_dir, warehouse=warehouse))

    def quote_with_a_taken_id(staging):
        copy = staging.conn.execute("SELECT * FROM quotes LIMIT 1").df()
        copy["article_id"] = staging.conn.execute(
            "SELECT min(article_id) FROM articles WHERE article_id <> ?", [copy["article_id"][0]]).fetchone()[0]
        copy["char_start"] += 100_000
        staging.insert("quotes", copy)  # a new row of another article, with an existing quote_id

    audited = _audited(warehouse, quote_with_a_taken_id)
    failed = [(t, e) for rows in audited.values() for t, e, ok in rows if not ok]
    assert failed == [("quotes", "ExpectColumnValuesToBeUnique")]
    assert ("quotes", "ExpectColumnValuesToBeUnique", False) in audited[quality.CHANGED_ROWS]


def test_checking_only_changed_rows_still_catches_an_unchanged_row_whose_reference_went_away(raw_dir, warehouse):
    pipeline.run(pipeline.Settings(raw_dir=raw_dir, warehouse=warehouse))

    def drop_a_visit(staging):
        staging.conn.execute("DELETE FROM visits WHERE visit_id = (SELECT min(visit_id) FROM visit_sources)")
        staging.changed.add("visits")

    audited = _audited(warehouse, drop_a_visit)
    failed = {(t, e) for rows in audited.values() for t, e, ok in rows if not ok}
    assert ("visit_sources", "ExpectColumnValuesToBeInSet") in failed
    assert all(t in ("visit_sources", "visit_mentions", "findings", "ratings") for t, _ in failed)
    assert "visit_sources" in {t for t, _, _ in audited[quality.CHANGED_ROWS]}
    assert quality.CARRIED in audited and quality.WHOLE_TABLE not in audited
