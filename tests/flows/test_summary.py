"""The run's markdown artifact shows text from the data as text: no HTML, no broken table."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from flows.pipeline import RunSummary
from flows.quality import CheckResult
from flows.summary import summary_markdown
from schemas.render import CheckSpec


def test_values_from_the_data_cannot_inject_html_or_break_the_checks_table():
    hostile = "<script>alert(1)</script> a|b `code`\nnext"
    summary = RunSummary(run_id="run_x", started_at=dt.datetime(2026, 1, 1), full_refresh=False,
                         warehouse=Path("w.duckdb"), status="failed", message=f"bad file {hostile}",
                         checks=[CheckResult(CheckSpec("articles", "expect_column_values_to_not_be_null",
                                                       {"column": "article_id"}), False, hostile)])
    page = summary_markdown(summary)
    assert "<script>" not in page and "&lt;script&gt;alert(1)&lt;/script&gt;" in page
    check_rows = [line for line in page.splitlines() if line.startswith("| expect_")]
    assert len(check_rows) == 1 and check_rows[0].count("|") == 6
    assert "**FAILED**" in check_rows[0] and "`code`" not in page
