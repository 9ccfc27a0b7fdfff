"""The audit reads a text column that is only checked for nulls as its nullness ('' or null),
and still catches a missing value."""

from __future__ import annotations

from flows import pipeline, quality
from flows.warehouse import Staging


def test_a_text_checked_only_for_nulls_is_read_as_its_nullness_and_a_missing_one_fails(raw_dir, warehouse):
    pipeline.run(pipeline.Settings(raw_dir=raw_dir, warehouse=warehouse))
    staging = Staging(warehouse, "run_quality_test")

    def load_with_a_missing_text(table, columns=None, nullness_only=()):
        frame = staging.frame(table, columns, nullness_only)
        if table == "findings":
            assert set(frame["text"]) == {""}  # the texts themselves were not read
            frame.loc[frame.index[0], "text"] = None
        return frame

    try:
        results = quality.audit(load_with_a_missing_text, ["findings", "articles", "visits"])
    finally:
        staging.discard()
    failed = [(c.spec.table, c.spec.expectation, c.spec.kwargs.get("column")) for c in results if not c.success]
    assert failed == [("findings", "ExpectColumnValuesToNotBeNull", "text")]
