"""Bad input gets a clear record, never a crash and never lost data.

Every awkward file below is dropped into the raw folder beside the five good sample articles;
one refresh runs over the lot. Each file must end as exactly one `articles` row whose status
and reason a person understands, and the good articles must still load.
"""

from __future__ import annotations

import os
import shutil
from dataclasses import dataclass
from pathlib import Path

import pytest

from flows import pipeline
from flows.summary import summary_lines
from tests.conftest import OWN_ARTICLES, SAMPLE_DIR, query, table_contents

CONTENT_TABLES = ("articles", "visit_mentions", "rating_mentions", "findings", "quotes", "visits",
                  "visit_sources", "ratings", "rating_sources")
PER_ARTICLE_ROWS = ("visit_mentions", "rating_mentions", "findings", "quotes", "visit_sources", "rating_sources")
GOOD = sorted(p.name for p in SAMPLE_DIR.iterdir())
SECRET = "SECRET-OUTSIDE-THE-RAW-FOLDER"

SMART_TEXT = (
    "Ofsted inspectors have said Wigan Council’s children’s services are “improving at pace” after "
    "the fourth monitoring visit – the council’s £2m plan is working.\n\n"
    "Inspectors found that social workers know children well and that managers’ oversight of "
    "casework has strengthened since the last visit.\n\n"
    "“We are pleased that inspectors recognised our progress,” said the council’s director of "
    "children’s services.\n"
)
IRRELEVANT_TEXT = (
    "Kirklees Council will move to three-weekly bin collections from April, the authority has "
    "confirmed.\n\nThe council said the change would save £1.2m a year and that recycling rates "
    "had risen since food waste collections began.\n"
)
HTML_PAGE = (
    "<!DOCTYPE html><html><head><title>Ofsted: Devon children&rsquo;s services improve</title>"
    "<script>var tracking = 'DO-NOT-EXTRACT-ME';</script><style>p {color: red}</style></head><body>"
    "<nav><a href='/'>Home</a></nav>"
    "<h1>Ofsted: Devon children&rsquo;s services improve</h1>"
    "<p>Ofsted rated Devon County Council&rsquo;s children&rsquo;s services good after an inspection in "
    "May 2023.</p>"
    "<p>Inspectors found that <b>leaders</b> have a firm grip on practice &amp; performance.</p>"
    "<p>Ofsted said in a letter that children in care are seen regularly by their social workers.</p>"
    "</body></html>"
)


def _own(name: str) -> str:
    return (OWN_ARTICLES / name).read_text(encoding="utf-8")


@dataclass(frozen=True)
class Expected:
    status: str
    reason: str | None = None  # a phrase the reason must contain; None: the row has no reject_reason


def _make_bad_inputs(raw: Path, outside: Path) -> dict[str, Expected]:
    """Write every awkward file into the raw folder; return what each one must become."""
    (outside / "secret.txt").write_text(f"Ofsted inspectors said {SECRET}.\n", encoding="utf-8")
    (outside / "articles").mkdir()
    (outside / "articles" / "hidden.txt").write_text(f"Inspectors found {SECRET}.\n", encoding="utf-8")
    cases = {
        "empty.txt": (b"", Expected("rejected", "empty file (0 bytes)")),
        "whitespace.txt": (b" \n\t\r\n   \n\n", Expected("rejected", "holds no text")),
        "image.png": (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)), Expected("rejected", "binary file")),
        "garbage.txt": (bytes(range(128, 256)) * 8, Expected("rejected", "not valid UTF-8")),
        "windows-1252.txt": (SMART_TEXT.encode("cp1252"), Expected("loaded")),
        "utf8 with a bad byte.txt": (SMART_TEXT.encode("utf-8").replace("£".encode(), b"\xa3"), Expected("loaded")),
        "bom.txt": (b"\xef\xbb\xbf" + _own("o13_county_durham_sif_good.txt").encode("utf-8"), Expected("loaded")),
        "notepad-unicode.txt": (_own("o14_north_yorkshire_short_inspection.txt").encode("utf-16"),
                                Expected("loaded")),
        "crlf.txt": (_own("o01_wigan_monitoring_visit.txt").replace("\n", "\r\n").encode("utf-8"),
                     Expected("loaded")),
        "page.html": (HTML_PAGE.encode("utf-8"), Expected("loaded")),
        "too big.txt": (b"Ofsted inspectors said children are safe.\n" * (5 * 1024 * 1024 // 40),
                        Expected("rejected", "over the 5,242,880-byte limit")),
        "Ünïcödé name — with spaces.txt": (_own("o04_medway_focused_visit_cin_cp.txt").encode("utf-8"),
                                            Expected("loaded")),
        "copy of 000.txt": ((raw / GOOD[0]).read_bytes(), Expected("duplicate", f"same text as {GOOD[0]}")),
        "bins.txt": (IRRELEVANT_TEXT.encode("utf-8"), Expected("irrelevant")),
    }
    for name, (data, _) in cases.items():
        (raw / name).write_bytes(data)
    expected = {name: want for name, (_, want) in cases.items()}

    (raw / "link outside.txt").symlink_to(outside / "secret.txt")
    expected["link outside.txt"] = Expected("rejected", "outside the raw folder")
    (raw / "link to etc.txt").symlink_to("../../../../../../../../etc/passwd")
    expected["link to etc.txt"] = Expected("rejected", "outside the raw folder")
    (raw / "dangling.txt").symlink_to(raw / "no such file.txt")
    expected["dangling.txt"] = Expected("rejected", "not followed")
    (raw / "loop a.txt").symlink_to("loop b.txt")
    (raw / "loop b.txt").symlink_to("loop a.txt")
    expected["loop a.txt"] = expected["loop b.txt"] = Expected("rejected", "in a loop")
    (raw / "link inside.txt").symlink_to(raw / "bins.txt")
    expected["link inside.txt"] = Expected("duplicate", "same text as bins.txt")
    (raw / "linked folder").symlink_to(outside / "articles", target_is_directory=True)
    os.mkfifo(raw / "named pipe.txt")
    expected["named pipe.txt"] = Expected("rejected", "not a regular file")
    undecodable = os.fsencode(raw) + b"/caf\xe9 article.txt"
    with open(undecodable, "wb") as handle:
        handle.write(_own("o16_warrington_good_undated.txt").encode("utf-8"))
    expected["caf\\xe9 article.txt"] = Expected("loaded")
    # Broken metadata: a manifest that is not UTF-8 text, and a sidecar whose values are not text.
    (raw / "manifest.csv").write_bytes(b"file,url\n\xff\xfe\x00garbage\x00\n")
    (raw / f"{GOOD[1]}.meta.json").write_text('{"published_date": 2023, "url": ["x"], "publisher": 7}',
                                              encoding="utf-8")
    return expected


@pytest.fixture(scope="module")
def bad_folder(tmp_path_factory: pytest.TempPathFactory):
    """One refresh over the good samples plus every bad input; returns (raw, warehouse, expected, summary)."""
    root = tmp_path_factory.mktemp("bad-input")
    raw, outside = root / "raw", root / "outside"
    shutil.copytree(SAMPLE_DIR, raw)
    outside.mkdir()
    expected = _make_bad_inputs(raw, outside)
    warehouse = root / "warehouse" / "ofsted.duckdb"
    summary = pipeline.run(pipeline.Settings(raw_dir=raw, warehouse=warehouse))
    return raw, warehouse, expected, summary


def _row(warehouse: Path, name: str) -> dict:
    rows = query(warehouse, "SELECT status, reject_reason, duplicate_of, encoding, body, is_relevant FROM articles "
                            "WHERE source_file = ?", [name])
    assert len(rows) == 1, f"{name!r}: {len(rows)} articles rows"
    return dict(zip(("status", "reject_reason", "duplicate_of", "encoding", "body", "is_relevant"), rows[0]))


def test_the_run_publishes_and_every_file_has_exactly_one_row(bad_folder):
    raw, warehouse, expected, summary = bad_folder
    assert summary.status == "published", summary.message
    names = sorted(GOOD + list(expected))
    assert sorted(n for (n,) in query(warehouse, "SELECT source_file FROM articles")) == names
    rejected = sum(1 for want in expected.values() if want.status == "rejected")
    assert (summary.seen, summary.new, summary.rejected) == (len(names), len(names), rejected)
    runs = query(warehouse, "SELECT articles_seen, articles_rejected FROM pipeline_runs")
    assert runs == [(len(names), rejected)]


def test_the_good_articles_still_load(bad_folder):
    _, warehouse, _, _ = bad_folder
    for name in GOOD:
        row = _row(warehouse, name)
        assert row["status"] == "loaded", name
        assert query(warehouse, "SELECT count(*) FROM findings JOIN articles USING (article_id) "
                                "WHERE source_file = ?", [name])[0][0] > 0, name


@pytest.mark.parametrize("name", [
    "empty.txt", "whitespace.txt", "image.png", "garbage.txt", "windows-1252.txt", "utf8 with a bad byte.txt",
    "bom.txt", "notepad-unicode.txt", "crlf.txt", "page.html", "too big.txt", "Ünïcödé name — with spaces.txt",
    "copy of 000.txt", "bins.txt", "link outside.txt", "link to etc.txt", "dangling.txt", "loop a.txt",
    "link inside.txt", "named pipe.txt", "caf\\xe9 article.txt"])
def test_each_bad_input_has_a_status_and_a_reason(bad_folder, name):
    _, warehouse, expected, _ = bad_folder
    want = expected[name]
    row = _row(warehouse, name)
    assert row["status"] == want.status, row
    if want.reason is None:
        assert row["reject_reason"] is None
    else:
        assert want.reason in row["reject_reason"], row["reject_reason"]
    if want.status == "rejected":
        assert row["body"] is None and not row["is_relevant"]
        assert query(warehouse, "SELECT count(*) FROM rejected_records WHERE article_id = "
                                "(SELECT article_id FROM articles WHERE source_file = ?)", [name]) == [(0,)]


def test_legacy_encodings_are_decoded_not_rejected(bad_folder):
    _, warehouse, _, _ = bad_folder
    cp1252 = _row(warehouse, "windows-1252.txt")
    assert (cp1252["encoding"], cp1252["body"]) == ("cp1252", SMART_TEXT.strip())
    damaged = _row(warehouse, "utf8 with a bad byte.txt")
    assert damaged["body"] == SMART_TEXT.strip().replace("£", "\ufffd")
    assert damaged["encoding"] == "utf-8 (1 invalid byte replaced by U+FFFD)"
    assert _row(warehouse, "notepad-unicode.txt")["body"] == _own("o14_north_yorkshire_short_inspection.txt").strip()


def test_bom_and_crlf_leave_no_trace_in_the_text(bad_folder):
    _, warehouse, _, _ = bad_folder
    bom = _row(warehouse, "bom.txt")
    assert bom["body"] == _own("o13_county_durham_sif_good.txt").strip() and bom["encoding"] == "utf-8-sig"
    crlf = _row(warehouse, "crlf.txt")
    assert "\r" not in crlf["body"] and crlf["body"] == _own("o01_wigan_monitoring_visit.txt").strip()


def test_html_page_is_reduced_to_its_visible_text(bad_folder):
    _, warehouse, _, _ = bad_folder
    body = _row(warehouse, "page.html")["body"]
    assert body.startswith("Ofsted: Devon children’s services improve\n\n")
    assert "leaders have a firm grip on practice & performance." in body
    assert "<" not in body and "DO-NOT-EXTRACT-ME" not in body and "color: red" not in body


def test_odd_file_names_are_kept_as_they_are(bad_folder):
    raw, warehouse, _, _ = bad_folder
    assert _row(warehouse, "Ünïcödé name — with spaces.txt")["status"] == "loaded"
    # A name that is not valid UTF-8 is stored with the bad byte written out, and the file is read.
    assert _row(warehouse, "caf\\xe9 article.txt")["body"] == _own("o16_warrington_good_undated.txt").strip()


def test_nothing_outside_the_raw_folder_is_read(bad_folder):
    _, warehouse, _, _ = bad_folder
    assert query(warehouse, "SELECT count(*) FROM articles WHERE contains(body, ?) OR contains(source_file, ?)",
                 [SECRET, "hidden"]) == [(0,)]
    assert query(warehouse, "SELECT count(*) FROM articles WHERE contains(body, 'root:')") == [(0,)]


def test_irrelevant_and_duplicate_articles_have_no_rows(bad_folder):
    _, warehouse, expected, _ = bad_folder
    without_rows = [n for n, want in expected.items() if want.status != "loaded"]
    for table in PER_ARTICLE_ROWS:
        found = query(warehouse, f"SELECT DISTINCT a.source_file FROM {table} JOIN articles a USING (article_id) "
                                 "WHERE a.source_file IN (SELECT unnest(?))", [without_rows])
        assert found == [], table


def test_broken_metadata_is_ignored_not_fatal(bad_folder):
    _, warehouse, _, _ = bad_folder
    assert query(warehouse, "SELECT status, url, publisher FROM articles WHERE source_file = ?", [GOOD[1]]) == [
        ("loaded", None, "7")]


def test_size_cap_is_configurable(raw_dir, warehouse):
    big = raw_dir / "long article.txt"
    big.write_text(_own("o03_cumbria_successors_and_north_northants.txt"), encoding="utf-8")
    size = big.stat().st_size
    pipeline.run(pipeline.Settings(raw_dir=raw_dir, warehouse=warehouse, max_bytes=size - 1))
    assert query(warehouse, "SELECT status, reject_reason FROM articles WHERE source_file = ?", [big.name]) == [
        ("rejected", f"file is {size:,} bytes, over the {size - 1:,}-byte limit (max_bytes setting)")]
    assert query(warehouse, "SELECT count(*) FROM articles WHERE status = 'loaded'") == [(len(GOOD),)]


def test_same_text_in_different_bytes_is_a_duplicate(raw_dir, warehouse):
    """The contract's `duplicate` is the same text: a copy saved with CRLF endings and a BOM repeats it."""
    original = raw_dir / GOOD[1]
    (raw_dir / "saved again.txt").write_bytes(b"\xef\xbb\xbf" + original.read_bytes().replace(b"\n", b"\r\n"))
    pipeline.run(pipeline.Settings(raw_dir=raw_dir, warehouse=warehouse))
    assert query(warehouse, "SELECT status, duplicate_of FROM articles WHERE source_file = 'saved again.txt'") == [
        ("duplicate", GOOD[1])]


def test_a_second_run_over_bad_input_changes_nothing(bad_folder):
    raw, warehouse, expected, _ = bad_folder
    before = table_contents(warehouse, list(CONTENT_TABLES))
    again = pipeline.run(pipeline.Settings(raw_dir=raw, warehouse=warehouse))
    assert (again.status, again.new, again.changed, again.removed) == ("published", 0, 0, 0)
    assert table_contents(warehouse, list(CONTENT_TABLES)) == before


def test_edited_article_has_its_rows_replaced_and_deleted_one_loses_them(raw_dir, warehouse):
    pipeline.run(pipeline.Settings(raw_dir=raw_dir, warehouse=warehouse))
    edited, gone = raw_dir / GOOD[2], raw_dir / GOOD[3]
    ids = dict(query(warehouse, "SELECT source_file, article_id FROM articles"))
    old_findings = query(warehouse, "SELECT text FROM findings WHERE article_id = ?", [ids[edited.name]])
    assert old_findings and query(warehouse, "SELECT count(*) FROM findings WHERE article_id = ?",
                                  [ids[gone.name]])[0][0] > 0
    edited.write_text(_own("o13_county_durham_sif_good.txt"), encoding="utf-8")
    gone.unlink()
    summary = pipeline.run(pipeline.Settings(raw_dir=raw_dir, warehouse=warehouse))

    assert (summary.changed, summary.removed, summary.unchanged, summary.seen) == (1, 1, 3, 4)
    assert query(warehouse, "SELECT articles_changed, articles_removed FROM pipeline_runs WHERE run_id = ?",
                 [summary.run_id]) == [(1, 1)]
    assert query(warehouse, "SELECT article_id, run_id FROM articles WHERE source_file = ?", [edited.name]) == [
        (ids[edited.name], summary.run_id)]
    body = query(warehouse, "SELECT body FROM articles WHERE article_id = ?", [ids[edited.name]])[0][0]
    new_findings = query(warehouse, "SELECT text FROM findings WHERE article_id = ?", [ids[edited.name]])
    assert new_findings and all(text in body for (text,) in new_findings)
    assert not set(old_findings) & set(new_findings)
    for table in ("articles",) + PER_ARTICLE_ROWS:
        assert query(warehouse, f"SELECT count(*) FROM {table} WHERE article_id = ?", [ids[gone.name]]) == [(0,)], table


def test_ignored_metadata_is_reported_with_its_file(bad_folder):
    """A sidecar whose values are unusable does not stop the article; the run says what it ignored."""
    _, _, _, summary = bad_folder
    about_sidecar = [w for w in summary.warnings if w.startswith(f"{GOOD[1]}: ")]
    assert about_sidecar and any("published_date" in w and "ignored" in w for w in about_sidecar), summary.warnings
    assert any(line.startswith(f"  warning {GOOD[1]}: ") for line in summary_lines(summary))
