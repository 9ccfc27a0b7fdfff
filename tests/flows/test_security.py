"""Security: article text, file names and metadata are data, never SQL or markup; the raw folder
is the only place read.

Review of `flows/warehouse.py` (the only module that runs SQL): values go in as parameters or
registered DataFrames; the names formatted into statements are table and column names from
`schemas` and the views' file names under `flows/sql/`. The one statement that could not take a
parameter (ATTACH of the old warehouse during a full refresh, which broke on every path) now
reads the run history through a read-only connection instead.
"""

from __future__ import annotations

import json
import os
import shutil
import sys
from pathlib import Path

from flows import pipeline
from schemas import TABLES
from tests.conftest import SAMPLE_DIR, query

ARTICLE = sorted(SAMPLE_DIR.iterdir())[0]
HOSTILE_NAMES = [
    "'; DROP TABLE articles; --.txt",
    'Robert"); DELETE FROM findings WHERE ("1"="1.txt',
    "x' OR '1'='1; UPDATE articles SET status='loaded.txt",
    "$(rm -rf ~) `id` %s %d {0} \\N.txt",
]
HOSTILE_LINES = (
    "\n\nInspectors said'; DROP TABLE findings; -- that \"quoted\" text; DELETE FROM quotes; was fine.\n\n"
    "“'); INSERT INTO ratings VALUES ('x'); --,” said Jane O'Neill, director of children's services.\n"
)


def _refresh(raw: Path, warehouse: Path, **options) -> pipeline.RunSummary:
    summary = pipeline.run(pipeline.Settings(raw_dir=raw, warehouse=warehouse, **options))
    assert summary.status == "published", summary.message
    return summary


def test_sql_in_names_text_and_metadata_is_stored_as_text(raw_dir, tmp_path):
    text = ARTICLE.read_text(encoding="utf-8") + HOSTILE_LINES
    for number, name in enumerate(HOSTILE_NAMES):
        (raw_dir / name).write_text(f"{text}\nCopy {number}.\n", encoding="utf-8")
    sidecar = {"url": "https://example.org/a?b='; DROP TABLE articles; --",
               "publisher": "O'Brien & Sons\"; DELETE FROM articles; --", "published_date": "2023-05-04"}
    (raw_dir / (HOSTILE_NAMES[0] + ".meta.json")).write_text(json.dumps(sidecar), encoding="utf-8")
    (raw_dir / "manifest.csv").write_text(
        'file,url,publisher,published_date\n"' + HOSTILE_NAMES[1].replace('"', '""') + '",'
        '"https://example.org/\'),(\'","Publisher\'); DROP TABLE quotes; --",2022-01-31\n', encoding="utf-8")
    # The warehouse's own path is hostile too: it reaches DuckDB when a full refresh keeps the run history.
    warehouse = tmp_path / "it's; DROP TABLE x; --" / "ofsted.duckdb"

    _refresh(raw_dir, warehouse)
    _refresh(raw_dir, warehouse, full_refresh=True)
    (raw_dir / HOSTILE_NAMES[2]).write_text(f"{text}\nEdited.\n", encoding="utf-8")
    (raw_dir / HOSTILE_NAMES[3]).unlink()
    _refresh(raw_dir, warehouse)

    rows = dict(query(warehouse, "SELECT source_file, body FROM articles"))
    assert set(HOSTILE_NAMES[:3]) <= set(rows) and HOSTILE_NAMES[3] not in rows
    assert rows[HOSTILE_NAMES[0]] == f"{text}\nCopy 0.".strip()
    assert query(warehouse, "SELECT url, publisher, published_date::VARCHAR FROM articles WHERE source_file = ?",
                 [HOSTILE_NAMES[0]]) == [(sidecar["url"], sidecar["publisher"], "2023-05-04")]
    assert query(warehouse, "SELECT url, publisher FROM articles WHERE source_file = ?", [HOSTILE_NAMES[1]]) == [
        ("https://example.org/'),('", "Publisher'); DROP TABLE quotes; --")]
    assert query(warehouse, "SELECT count(*) FROM findings WHERE contains(text, 'DROP TABLE findings')")[0][0] >= 3
    assert query(warehouse, "SELECT count(*) FROM pipeline_runs") == [(3,)]
    for table in TABLES:
        assert query(warehouse, "SELECT count(*) FROM information_schema.tables WHERE table_name = ?",
                     [table.name]) == [(1,)], table.name
    for table in ("articles", "findings", "quotes", "visits", "ratings"):
        assert query(warehouse, f"SELECT count(*) FROM {table}")[0][0] > 0, table


class OpenedFiles:
    """Every file this process opens inside the `with` block (Python's `open` audit event)."""

    recording: list[str] | None = None

    @classmethod
    def hook(cls, event: str, args: tuple) -> None:
        if event == "open" and cls.recording is not None and isinstance(args[0], (str, bytes, os.PathLike)):
            cls.recording.append(os.fsdecode(args[0]))

    def __enter__(self) -> list[str]:
        OpenedFiles.recording = []
        return OpenedFiles.recording

    def __exit__(self, *exc) -> None:
        OpenedFiles.recording = None


sys.addaudithook(OpenedFiles.hook)


def test_nothing_outside_the_raw_folder_is_opened(raw_dir, warehouse, tmp_path):
    outside = tmp_path / "outside"
    (outside / "folder").mkdir(parents=True)
    canary = "CANARY-OUTSIDE-THE-RAW-FOLDER"
    (outside / "secret.txt").write_text(f"Ofsted inspectors said {canary}.\n", encoding="utf-8")
    (outside / "folder" / "article.txt").write_text(f"Ofsted inspectors found {canary}.\n", encoding="utf-8")
    (outside / "meta.json").write_text(json.dumps({"url": f"https://{canary}", "publisher": canary}), encoding="utf-8")
    (outside / "manifest.csv").write_text(f"file,publisher\n{ARTICLE.name},{canary}\n", encoding="utf-8")

    (raw_dir / "secret.txt").symlink_to(outside / "secret.txt")
    (raw_dir / "up.txt").symlink_to(Path("..") / "outside" / "secret.txt")
    (raw_dir / "folder").symlink_to(outside / "folder", target_is_directory=True)
    (raw_dir / (ARTICLE.name + ".meta.json")).symlink_to(outside / "meta.json")
    (raw_dir / "manifest.csv").write_text(
        "file,publisher,url\n../outside/secret.txt,a,b\n../../../../../../etc/passwd,c,d\n/etc/passwd,e,f\n"
        f"{outside / 'secret.txt'},g,h\n..,i,j\n", encoding="utf-8")
    second_raw = tmp_path / "raw2"
    shutil.copytree(SAMPLE_DIR, second_raw)
    (second_raw / "manifest.csv").symlink_to(outside / "manifest.csv")
    with OpenedFiles() as opened_files:
        _refresh(raw_dir, warehouse)
        _refresh(second_raw, tmp_path / "warehouse2" / "ofsted.duckdb")
    assert any(Path(p).name == ARTICLE.name for p in opened_files), "the recording works"

    read_outside = sorted({p for p in opened_files if Path(p).resolve().is_relative_to(outside.resolve())
                           or Path(p).resolve() == Path("/etc/passwd")})
    assert read_outside == []
    names = [n for (n,) in query(warehouse, "SELECT source_file FROM articles")]
    assert sorted(names) == sorted([p.name for p in SAMPLE_DIR.iterdir()] + ["secret.txt", "up.txt"])
    assert query(warehouse, "SELECT status FROM articles WHERE source_file IN ('secret.txt', 'up.txt')") == [
        ("rejected",), ("rejected",)]
    for db in (warehouse, tmp_path / "warehouse2" / "ofsted.duckdb"):
        assert query(db, "SELECT count(*) FROM articles WHERE contains(concat_ws('|', body, url, publisher), ?)",
                     [canary]) == [(0,)]


HOSTILE_MARKUP = "<script>alert('article')</script><img src=x onerror=alert(1)>"


def test_the_html_report_escapes_article_text(raw_dir, warehouse):
    text = ARTICLE.read_text(encoding="utf-8")
    first, rest = text.split("\n", 1)
    (raw_dir / ARTICLE.name).write_text(
        f"{first} {HOSTILE_MARKUP}\n{rest}\n\n“Children {HOSTILE_MARKUP} were not safe </script>,” said "
        "Jane Smith, director of children's services at Barnet Council.\n", encoding="utf-8")
    (raw_dir / (ARTICLE.name + ".meta.json")).write_text(
        json.dumps({"url": "javascript:alert(document.cookie)", "publisher": f"Evil {HOSTILE_MARKUP}"}),
        encoding="utf-8")
    summary = pipeline.run(pipeline.Settings(raw_dir=raw_dir, warehouse=warehouse))
    assert summary.status == "published", summary.message
    assert query(warehouse, "SELECT count(*) FROM quotes WHERE contains(text, ?)", [HOSTILE_MARKUP]) == [(1,)]

    page = (warehouse.parent / "report.html").read_text(encoding="utf-8")
    assert "<script>alert(" not in page and "<img src=x" not in page and "javascript:alert" not in page
    escaped = "&lt;script&gt;alert(&#39;article&#39;)&lt;/script&gt;&lt;img src=x onerror=alert(1)&gt;"
    assert page.count(escaped) >= 3, "the quote, the headline and the publisher are shown, escaped"
