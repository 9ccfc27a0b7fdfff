"""A folder of many distinct articles, for tests that need a run to last a while.

The sample and own articles are copied over and over, each copy made distinct by a last
paragraph of its own, so no copy is a duplicate of another and each has its own rows.
`refresh_scenario` builds a warehouse from such a corpus and then changes the corpus, so the
next refresh adds, re-extracts and removes articles.
"""

from __future__ import annotations

import os
import shutil
from dataclasses import dataclass
from pathlib import Path

from flows import pipeline
from tests.conftest import OWN_ARTICLES, SAMPLE_DIR

SOURCES = sorted(SAMPLE_DIR.glob("*.txt")) + sorted(OWN_ARTICLES.iterdir())


def _copy_name(number: int, source: Path) -> str:
    return f"{number:05d}_{source.stem}{source.suffix}"


def _distinct(text: str, number: int, suffix: str) -> str:
    note = f"Inspectors said that in case file {number} managers had recorded their decisions clearly."
    if suffix == ".html":
        return text.replace("</body>", f"<p>{note}</p></body>")
    return f"{text.rstrip()}\n\n{note}\n"


def write_corpus(folder: Path, count: int, start: int = 0) -> list[Path]:
    """Write `count` distinct articles numbered from `start`; returns their paths."""
    folder.mkdir(parents=True, exist_ok=True)
    paths = []
    for number in range(start, start + count):
        source = SOURCES[number % len(SOURCES)]
        path = folder / _copy_name(number, source)
        path.write_text(_distinct(source.read_text(encoding="utf-8"), number, source.suffix), encoding="utf-8")
        paths.append(path)
    return paths


def edit(path: Path, words: str) -> None:
    """Change an article's text (and so its bytes and modification time)."""
    text = path.read_text(encoding="utf-8")
    addition = f"Inspectors found that {words}."
    text = text.replace("</body>", f"<p>{addition}</p></body>") if path.suffix == ".html" else (
        f"{text.rstrip()}\n\n{addition}\n")
    path.write_text(text, encoding="utf-8")
    stat = path.stat()
    os.utime(path, ns=(stat.st_atime_ns, stat.st_mtime_ns + 1_000_000_000))


@dataclass(frozen=True)
class RefreshScenario:
    """A warehouse built from a corpus, and the corpus since changed: the next refresh has
    articles to add, re-extract and remove. Tests copy `base` and must not change `raw`."""

    raw: Path
    base: Path  # the warehouse file, in a folder of its own

    def fresh_copy(self, folder: Path) -> Path:
        """A copy of the warehouse folder as it was before the refresh; returns the warehouse path."""
        shutil.copytree(self.base.parent, folder)
        return folder / self.base.name


_SCENARIOS: dict[Path, RefreshScenario] = {}


def refresh_scenario(root: Path, count: int = 80, batch_size: int = 20) -> RefreshScenario:
    """Build the scenario once per test session (under `root`) and share it."""
    if root not in _SCENARIOS:
        raw = root / "raw"
        articles = write_corpus(raw, count)
        base = root / "base" / "ofsted.duckdb"
        summary = pipeline.run(pipeline.Settings(raw_dir=raw, warehouse=base, batch_size=batch_size))
        assert summary.status == "published", summary.message
        for path in articles[::4]:
            edit(path, "plans for children were not always updated")
        for path in articles[1::9]:
            path.unlink()
        write_corpus(raw, count // 2, start=count)
        _SCENARIOS[root] = RefreshScenario(raw, base)
    return _SCENARIOS[root]
