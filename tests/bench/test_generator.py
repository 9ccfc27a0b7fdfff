"""The benchmark's corpus generator (deterministic, varied like real coverage, none of the sample
or development articles' text) and a smoke run of the benchmark itself."""

from __future__ import annotations

import csv
import re
import statistics
from pathlib import Path

import pytest

from bench import run as bench_run
from bench.corpus import MANIFEST, change_articles, write_corpus
from inspections.authorities import authorities
from tests.conftest import DEV_ARTICLES, OWN_ARTICLES, SAMPLE_DIR

SEED = 7


def texts(folder: Path) -> dict[str, str]:
    return {p.name: p.read_text(encoding="utf-8") for p in sorted(folder.iterdir()) if p.name != MANIFEST}


@pytest.fixture(scope="module")
def corpus(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, list]:
    folder = tmp_path_factory.mktemp("corpus")
    return folder, write_corpus(folder, 400, SEED)


def test_same_seed_same_bytes_and_a_smaller_corpus_is_a_prefix(corpus, tmp_path):
    folder, _ = corpus
    write_corpus(tmp_path / "again", 400, SEED)
    write_corpus(tmp_path / "smaller", 100, SEED)
    write_corpus(tmp_path / "other", 100, SEED + 1)
    full = texts(folder)
    assert texts(tmp_path / "again") == full
    assert texts(tmp_path / "smaller") == {name: full[name] for name in sorted(full)[:100]}
    assert set(texts(tmp_path / "other").values()).isdisjoint(full.values())


def test_corpus_is_varied_like_real_coverage(corpus):
    folder, stories = corpus
    bodies = texts(folder)
    assert len(bodies) == len(stories) == 400
    current = {a.code for a in authorities() if a.status == "current"}
    codes = {s.authority_code for s in stories}
    assert codes <= current and len(codes) >= 100
    assert {s.kind for s in stories} == {"inspection", "monitoring_visit", "focused_visit", "jtai", "negative"}
    assert {s.judgement for s in stories if s.kind == "inspection"} == {
        "outstanding", "good", "requires_improvement", "inadequate"}
    assert 0.08 <= sum(s.kind == "negative" for s in stories) / len(stories) <= 0.25
    assert len({s.visit_date.year for s in stories}) >= 10
    assert {Path(name).suffix for name in bodies} == {".txt", ".md", ".html"}
    assert any(s.duplicate_of for s in stories)
    for story in stories:
        if story.duplicate_of:
            assert bodies[story.source_file] == bodies[story.duplicate_of]
    joined = "\n".join(bodies.values())
    for mark in ('"', "“", "”", "‘", "’"):
        assert mark in joined
    assert re.search(r'\n"[^"\n]+\n\n"', joined), "a quotation running over paragraphs"
    assert re.search(r'," (?:he|she) said\. "', joined), "an attribution inside a quotation"
    sizes = [len(text.encode()) for text in bodies.values()]
    assert 1500 <= statistics.median(sizes) <= 4000 and max(sizes) <= 8000
    with (folder / MANIFEST).open(encoding="utf-8") as handle:
        rows = list(csv.DictReader(handle))
    assert 20 <= len(rows) <= 150 and {row["file"] for row in rows} <= set(bodies)


def test_no_sentence_of_the_sample_dev_or_own_articles_is_reused(corpus):
    folder, _ = corpus
    generated = "\n".join(texts(folder).values())
    for source in (SAMPLE_DIR, DEV_ARTICLES, OWN_ARTICLES):
        for path in sorted(source.iterdir()):
            for sentence in re.split(r"(?<=[.!?])\s+", path.read_text(encoding="utf-8", errors="replace")):
                if len(sentence) >= 40:
                    assert sentence not in generated, (path.name, sentence)


def test_changing_articles_edits_the_given_fraction(tmp_path):
    write_corpus(tmp_path, 200, SEED)
    before = texts(tmp_path)
    changed = change_articles(tmp_path, 0.05, SEED)
    after = texts(tmp_path)
    assert len(changed) == 10
    assert sorted(name for name in before if before[name] != after[name]) == changed


def test_benchmark_prints_its_table(prefect_api, tmp_path, capsys):
    from prefect.settings import PREFECT_API_URL

    assert bench_run.main(["--sizes", "50", "--out", str(tmp_path), "--api-url", PREFECT_API_URL.value(),
                           "--profile"]) == 0
    out = capsys.readouterr().out
    assert "N = 50 articles" in out
    for run in bench_run.RUNS:
        for mode in ("bare", "flow"):
            assert re.search(rf"^{re.escape(run)}\s+{mode}\s+\d+\.\d\d\s+\d+\.\d\d", out, re.MULTILINE), (run, mode)
    assert re.search(r"^no-op\s+bare.*0 new, 0 changed, 50 unchanged", out, re.MULTILINE)
    assert re.search(r"^1% changed\s+flow.*0 new, 1 changed, 49 unchanged", out, re.MULTILINE)
    assert "flow/bare (run_s): cold " in out and "ms/article" in out
    assert re.search(r"^transform on one core, text without repeated sentences \(\d+ hand-written test articles.*"
                     r"\d+ articles/s.*the benchmark corpus: \d+ articles/s", out, re.MULTILINE)
