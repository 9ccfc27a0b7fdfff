"""The HTML report and the Data Docs as a reader sees them: opened in headless Chromium, offline.

Chromium is driven over the DevTools protocol (with the `websockets` client Prefect already
brings), which gives in one session what the page logged, every request it made, the state of
its DOM after the scripts ran, and a screenshot, saved under the test's temporary folder.
"""

from __future__ import annotations

import base64
import dataclasses
import datetime as dt
import json
import re
import shutil
import subprocess
import time
import urllib.request
from pathlib import Path

import pytest

from flows import pipeline
from flows.cli import main as cli
from flows.report import write_report
from flows.transform import to_frames
from flows.warehouse import Staging
from tests.conftest import SAMPLE_DIR, query

CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
CHROMIUM_FLAGS = ("--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                  "--disable-background-networking", "--disable-component-update", "--disable-sync")
HOSTILE = "zz_hostile.txt"
HOSTILE_TEXT = (
    "Barnet <script>window.__injected = 1</script> children's services rated good by Ofsted\n\n"
    "Ofsted has rated Barnet Council's children's services as good following an inspection in May 2019.\n\n"
    "Inspectors found that social workers know children well <img src=x onerror=\"window.__injected = 2\"> "
    "and that managers' oversight of casework is strong.\n\n"
    "\"We are delighted with this result <script>window.__injected = 3</script> for the children of Barnet,\" "
    "said Councillor Jane Smith, cabinet member for children.\n"
)
HOSTILE_META = {"url": "javascript:window.__injected = 4", "publisher": "<b>Hostile</b> Gazette",
                "published_date": "2024-02-01"}


class Browser:
    """Headless Chromium over the DevTools protocol: load a page, collect its console errors and
    requests, evaluate a probe once its charts have drawn, and take a full-page screenshot."""

    def __init__(self, profile: Path):
        self.process = subprocess.Popen(
            [CHROMIUM, *CHROMIUM_FLAGS, f"--user-data-dir={profile}", "--remote-debugging-port=0", "about:blank"],
            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, start_new_session=True)
        port_file, deadline = profile / "DevToolsActivePort", time.monotonic() + 60
        while not (port_file.is_file() and len(port_file.read_text().splitlines()) == 2):
            assert self.process.poll() is None and time.monotonic() < deadline, "chromium did not start"
            time.sleep(0.1)
        port = port_file.read_text().splitlines()[0]
        with urllib.request.urlopen(f"http://127.0.0.1:{port}/json/list", timeout=30) as listing:
            target = next(t for t in json.load(listing) if t["type"] == "page")
        from websockets.sync.client import connect

        self.socket = connect(target["webSocketDebuggerUrl"], max_size=None, open_timeout=30)
        self.calls, self.events = 0, []
        for domain in ("Page", "Runtime", "Log", "Network"):
            self.call(f"{domain}.enable")
        # Offline, like a reader without a network: anything the page tries to fetch fails at once.
        self.call("Network.setBlockedURLs", urls=["http://*", "https://*"])

    def call(self, method: str, **params) -> dict:
        self.calls += 1
        self.socket.send(json.dumps({"id": self.calls, "method": method, "params": params}))
        while True:
            message = json.loads(self.socket.recv(timeout=60))
            if message.get("id") == self.calls:
                assert "error" not in message, message
                return message["result"]
            self.events.append(message)

    def open(self, url: str, probe: str, screenshot: Path) -> tuple[dict, list[str], list[str]]:
        """(the probe's value, errors logged, URLs requested) for the page at `url`."""
        self.events = []
        self.call("Page.navigate", url=url)
        deadline = time.monotonic() + 60
        while not any(e.get("method") == "Page.loadEventFired" for e in self.events):
            assert time.monotonic() < deadline, f"{url} did not load"
            self.events.append(json.loads(self.socket.recv(timeout=60)))
        value = self.call("Runtime.evaluate", expression=probe, awaitPromise=True, returnByValue=True)
        size = self.call("Page.getLayoutMetrics")["cssContentSize"]
        shot = self.call("Page.captureScreenshot", format="png", captureBeyondViewport=True,
                         clip={"x": 0, "y": 0, "width": size["width"], "height": size["height"], "scale": 1})
        screenshot.write_bytes(base64.b64decode(shot["data"]))
        return value["result"]["value"], self._errors(), [
            e["params"]["request"]["url"] for e in self.events if e.get("method") == "Network.requestWillBeSent"]

    def _errors(self) -> list[str]:
        errors = []
        for event in self.events:
            method, params = event.get("method"), event.get("params", {})
            if method == "Runtime.exceptionThrown":
                errors.append(json.dumps(params["exceptionDetails"])[:500])
            elif method == "Runtime.consoleAPICalled" and params["type"] in ("error", "assert"):
                errors.append(json.dumps(params["args"])[:500])
            elif method == "Log.entryAdded" and params["entry"]["level"] == "error":
                errors.append(params["entry"]["text"][:500])
        return errors

    def close(self) -> None:
        self.socket.close()
        self.process.kill()
        self.process.wait(timeout=30)


# Waits (up to 15 s) for every chart container to hold a drawn SVG, then reports what a reader gets.
REPORT_PROBE = """
new Promise(resolve => {
  const deadline = Date.now() + 15000;
  const look = () => {
    const charts = [...document.querySelectorAll("[data-chart]")];
    const drawn = charts.filter(c => c.querySelectorAll("svg .role-mark > *").length > 0);
    if (drawn.length < charts.length && Date.now() < deadline) { setTimeout(look, 100); return; }
    resolve({
      charts: charts.length,
      drawn: drawn.length,
      injected: typeof window.__injected,
      scriptsMentioningInjected: [...document.querySelectorAll('script:not([type="application/json"])')]
        .filter(s => s.textContent.includes("__injected")).length,
      handlers: document.querySelectorAll("[onerror]").length,
      javascriptLinks: [...document.links].filter(a => a.protocol === "javascript:").length,
      text: document.body.innerText,
    });
  };
  look();
})
"""
TEXT_PROBE = "({text: document.body.innerText, title: document.title})"


@pytest.fixture(scope="module")
def documented(tmp_path_factory: pytest.TempPathFactory) -> pipeline.Settings:
    """The sample articles plus one whose text is full of markup, refreshed once."""
    root = tmp_path_factory.mktemp("report")
    raw = root / "raw"
    shutil.copytree(SAMPLE_DIR, raw)
    (raw / HOSTILE).write_text(HOSTILE_TEXT, encoding="utf-8")
    (raw / (HOSTILE + ".meta.json")).write_text(json.dumps(HOSTILE_META), encoding="utf-8")
    settings = pipeline.Settings(raw_dir=raw, warehouse=root / "warehouse" / "ofsted.duckdb")
    summary = pipeline.run(settings)
    assert summary.status == "published", summary.message
    return settings


@pytest.fixture(scope="module")
def browser(tmp_path_factory: pytest.TempPathFactory):
    if not Path(CHROMIUM).is_file():
        pytest.skip("chromium is not installed (.ci/run installs Debian's `chromium` package with apt-get)")
    chromium = Browser(tmp_path_factory.mktemp("chromium-profile"))
    try:
        yield chromium
    finally:
        chromium.close()


def test_report_and_data_docs_are_written_beside_the_warehouse(documented):
    assert documented.report_path == documented.warehouse.parent / "report.html"
    assert documented.docs_dir == documented.warehouse.parent / "docs"
    assert documented.report_path.is_file() and (documented.docs_dir / "index.html").is_file()
    page = documented.report_path.read_text(encoding="utf-8")
    assert not re.search(r"<script[^>]*\ssrc=|<link[^>]*\shref=\"?https?:", page), "the report fetches from the network"
    assert not list((documented.warehouse.parent / ".staging").iterdir())


def test_report_draws_its_charts_offline_and_shows_article_text_as_text(documented, browser, tmp_path):
    screenshot = tmp_path / "report.png"
    seen, errors, requests = browser.open(documented.report_path.as_uri(), REPORT_PROBE, screenshot)
    print(f"report screenshot: {screenshot}")
    assert errors == []
    assert [url for url in requests if not url.startswith(("file:", "data:"))] == []
    assert seen["charts"] >= 2 and seen["drawn"] == seen["charts"]
    assert (seen["injected"], seen["scriptsMentioningInjected"], seen["handlers"], seen["javascriptLinks"]) == (
        "undefined", 0, 0, 0)
    assert "Barnet <script>window.__injected = 1</script> children's services rated good by Ofsted" in seen["text"]
    assert "<script>window.__injected = 3</script>" in seen["text"]
    assert "Jane Smith" in seen["text"] and "Visits and grades" in seen["text"]
    assert screenshot.stat().st_size > 20_000


def test_data_docs_show_the_runs_validation_results(documented, browser, tmp_path):
    """GX's Data Docs pages: a table's results read offline. The index's styling and its own list
    of results come from CDNs (GX's templates); the plain list the pipeline adds reads offline."""
    validation = next((documented.docs_dir / "validations" / "articles").rglob("*.html"))
    seen, _, _ = browser.open(validation.as_uri(), TEXT_PROBE, tmp_path / "data-docs-articles.png")
    assert "Expectation Validation Result" in seen["text"]
    assert "Expectation Suite: articles" in seen["text"] and "Status: Succeeded" in seen["text"]
    index, _, _ = browser.open((documented.docs_dir / "index.html").as_uri(), TEXT_PROBE,
                               tmp_path / "data-docs-index.png")
    assert "Data Docs" in index["text"]
    assert "This run's checks by table" in index["text"] and "articles:" in index["text"]
    page = (documented.docs_dir / "index.html").read_text(encoding="utf-8")
    linked = re.findall(r'href="(validations/[^"]+\.html)"', page)
    assert linked and all((documented.docs_dir / link).is_file() for link in linked)


def test_report_command_rebuilds_the_report_from_the_warehouse(documented, tmp_path, capsys):
    target = tmp_path / "elsewhere" / "report.html"
    assert cli(["report", "--warehouse", str(documented.warehouse), "--output", str(target)]) == 0
    assert str(target) in capsys.readouterr().out
    page = target.read_text(encoding="utf-8")
    assert "Barnet &lt;script&gt;window.__injected = 1&lt;/script&gt;" in page
    docs_links = re.findall(r'href="([^"#]*docs/index\.html)"', page)
    assert docs_links and (target.parent / docs_links[0]).resolve() == (documented.docs_dir / "index.html").resolve()
    assert cli(["report", "--warehouse", str(tmp_path / "missing.duckdb")]) == 1


def test_relative_paths_document_beside_the_warehouse(raw_dir, monkeypatch):
    monkeypatch.chdir(raw_dir.parent)
    settings = pipeline.Settings(raw_dir=Path("raw"), warehouse=Path("warehouse") / "ofsted.duckdb")
    assert pipeline.run(settings).status == "published"
    assert Path("warehouse/report.html").is_file() and Path("warehouse/docs/index.html").is_file()


def test_chart_data_cannot_close_its_script_block(warehouse, tmp_path):
    """Text from articles also reaches the charts' data (a visit's focus, in the tooltip)."""
    focus = "</script><script>window.__injected = 5</script>"
    staging = Staging(warehouse, "run_focus")
    staging.insert("visits", to_frames({"visits": [{
        "visit_id": "visit_0000000000000001", "authority_code": "E09000003", "authority_name": "Barnet",
        "visit_type": "focused_visit", "sequence": None, "focus": focus, "visit_date": dt.date(2021, 6, 1),
        "date_precision": "month", "published_date": None, "published_date_precision": "unknown",
        "source_count": 1}]})["visits"])
    staging.publish()
    page = write_report(warehouse, tmp_path / "report.html").read_text(encoding="utf-8")
    assert "window.__injected" in page and focus not in page
    block = re.search(r'<script type="application/json" id="timeline-E09000003">(.*?)</script>', page, re.S)
    assert focus in json.dumps(json.loads(block.group(1)))  # intact once the data is parsed


def test_a_failed_audit_still_documents_its_failure(raw_dir, warehouse):
    assert pipeline.run(pipeline.Settings(raw_dir=raw_dir, warehouse=warehouse)).status == "published"
    edited = raw_dir / "004_08c03c645943c5a8.txt"
    edited.write_text("Edited.\n" + edited.read_text(encoding="utf-8"), encoding="utf-8")

    def broken_transform(pairs, run_id):
        frames = pipeline.transform_stage(pairs, run_id)
        frames["articles"]["status"] = "irrelevant"
        return pipeline.Done(frames)

    summary = pipeline.run(pipeline.Settings(raw_dir=raw_dir, warehouse=warehouse),
                           dataclasses.replace(pipeline.BARE_STEPS, transform=broken_transform))
    assert summary.status == "failed_quality"
    failed_tables = {c.spec.table for c in summary.checks_failed}
    docs = warehouse.parent / "docs" / "validations"
    for table in failed_tables:
        pages = list((docs / table).rglob("*.html"))
        assert len(pages) == 1, pages  # this run's page only, not the last run's too
        assert re.search(r"Status:\s*</span>\s*<i[^>]*></i>\s*Failed", _text(pages[0])), table
    report = (warehouse.parent / "report.html").read_text(encoding="utf-8")
    assert "Nothing from that run was published" in report
    assert all(c.spec.table in report for c in summary.checks_failed)


def _text(page: Path) -> str:
    return re.sub(r"\s+", " ", page.read_text(encoding="utf-8"))


def test_an_authority_shows_its_latest_articles_and_events_and_counts_the_rest(sample_warehouse, tmp_path,
                                                                               monkeypatch):
    monkeypatch.setattr("flows.report.RECENT_ARTICLES", 1)
    monkeypatch.setattr("flows.report.RECENT_EVENTS", 2)
    events = query(sample_warehouse, "SELECT date_label FROM authority_timeline "
                                     "WHERE authority_code = 'E09000003' ORDER BY position")
    page = write_report(sample_warehouse, tmp_path / "report.html").read_text(encoding="utf-8")
    barnet = page[page.index('id="authority-E09000003"'):]
    timeline = barnet[barnet.index('<table class="timeline">'):barnet.index("</table>")]
    assert f"{len(events) - 2} earlier visits and grades" in timeline
    assert timeline.count("<tr><td>") == 2 and (events[-1][0] or "date unknown") in timeline
    listed = re.findall(r'<li><a href="#article-([^"]+)">', barnet[:barnet.index("</section>")])
    assert len(listed) == 1
    assert "and 4 older articles" in barnet
    # every article the page links to, listed or quoted (older quoted ones too), is on the page
    linked = set(re.findall(r'href="#article-([^"]+)"', page))
    assert set(listed) < linked and all(f'id="article-{a}"' in page for a in linked)
