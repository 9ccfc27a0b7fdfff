"""What a run did, in words: the CLI's closing lines and the run's Prefect artifacts."""

from __future__ import annotations

import html

from .pipeline import RunSummary


def _markdown_text(value: object) -> str:
    """Text from the data (file names, observed values) as inert markdown: no HTML, one table cell."""
    return html.escape(str(value), quote=False).replace("|", "&#124;").replace("\n", " ").replace("`", "&#96;")


def summary_lines(summary: RunSummary) -> list[str]:
    """The short plain-text summary the CLI prints."""
    passed = len(summary.checks) - len(summary.checks_failed)
    lines = [
        f"run {summary.run_id}: {summary.status}" + (f" ({summary.message})" if summary.message else ""),
        f"articles: {summary.seen} seen, {summary.new} new, {summary.changed} changed, "
        f"{summary.unchanged} unchanged, {summary.removed} removed, {summary.rejected} rejected",
        "rows: " + ", ".join(f"{name} {count}" for name, count in summary.rows.items()),
        f"data-quality checks: {passed} passed, {len(summary.checks_failed)} failed",
    ]
    lines += [f"  FAILED [{c.spec.severity}] {c.spec.table}: {c.spec.name} {c.observed_value or ''}"
              for c in summary.checks_failed]
    lines += [f"  rejected {r['what']}: {r['reason']}" for r in summary.rejections]
    lines += [f"  warning {w}" for w in summary.warnings]
    lines.append(f"warehouse: {summary.warehouse.resolve()}")
    return lines


def summary_markdown(summary: RunSummary) -> str:
    """The run's markdown artifact: counts, rows per table and every check with its result."""
    out = [
        f"# Refresh {summary.run_id}: {summary.status}",
        "",
        _markdown_text(summary.message or ""),
        "",
        "| articles | count |", "|---|---|",
        *(f"| {name} | {getattr(summary, name)} |"
          for name in ("seen", "new", "changed", "unchanged", "removed", "rejected")),
        "",
        "| table | rows |", "|---|---|",
        *(f"| {name} | {count} |" for name, count in summary.rows.items()),
        "",
        "| check | table | severity | result | observed |", "|---|---|---|---|---|",
        *(f"| {c.spec.name} | {c.spec.table} | {c.spec.severity} | {'passed' if c.success else '**FAILED**'} "
          f"| {_markdown_text(c.observed_value or '')} |" for c in summary.checks),
        "",
        *([f"Warnings ({len(summary.warnings)}):", "", *(f"- {_markdown_text(w)}" for w in summary.warnings), ""]
          if summary.warnings else []),
        f"Warehouse: `{summary.warehouse}`",
    ]
    return "\n".join(out)

