"""Where the transform stage spends its time, per article and per module (cProfile).

The transform is `flows.transform.transform_batch`: `inspections.extract.extract_article` on each
article, then the rows laid out as DataFrames. Time in the standard library or a third-party
package (a regular expression's `finditer`, `str.join`, pandas) is charged to the project module
that called it, so each line answers "what does this module of ours cost per article".

    .venv/bin/python -m bench.extract_profile --raw-dir bench/out/corpus-1000 --limit 1000
"""

from __future__ import annotations

import argparse
import cProfile
import pstats
import time
from collections import defaultdict
from dataclasses import dataclass
from pathlib import Path

PROJECT_PACKAGES = ("inspections", "flows", "schemas", "bench")
REFERENCE_ARTICLES = Path(__file__).resolve().parents[1] / "tests" / "data"


@dataclass(frozen=True)
class ModuleCost:
    module: str
    seconds: float
    per_article_ms: float
    share: float


def _module(filename: str) -> tuple[str, bool]:
    """`inspections.quotes` for a project file; the package name (or `builtins`) otherwise."""
    path = Path(filename)
    parts = path.with_suffix("").parts
    for package in PROJECT_PACKAGES:
        if package in parts:
            return ".".join(parts[len(parts) - 1 - parts[::-1].index(package):]), True
    if filename.startswith("~") or filename.startswith("<"):
        return "builtins", False
    if "site-packages" in parts:
        return parts[parts.index("site-packages") + 1], False
    return path.stem, False


def _pairs(raw_dir: Path, limit: int | None = None) -> list:
    from flows.raw import list_raw_files, load_manifest, read_article

    manifest = load_manifest(raw_dir)
    return [(read_article(f, manifest), None) for f in list_raw_files(raw_dir)[:limit]]


def _characters(pairs: list) -> int:
    return sum(len(article.document.text) for article, _ in pairs if article.document is not None)


def reference_speed(warm_up_dir: Path) -> str:
    """Transform speed on text whose sentences do not repeat: one pass over the hand-written test
    articles (`tests/data/*/articles`). The benchmark corpus is composed from phrase banks, so its
    sentences repeat from article to article and the extraction's caches keyed by sentence hit far
    more often than on real news; this line is the figure to expect on real articles."""
    from flows.transform import transform_batch

    transform_batch(_pairs(warm_up_dir, 5), "warm-up")
    pairs = [pair for folder in sorted(REFERENCE_ARTICLES.glob("*/articles")) for pair in _pairs(folder)]
    started = time.process_time()
    transform_batch(pairs, "reference")
    elapsed = time.process_time() - started
    chars = _characters(pairs)
    bench = _pairs(warm_up_dir, 1000)
    started = time.process_time()
    transform_batch(bench, "benchmark")
    bench_elapsed = time.process_time() - started
    bench_chars = _characters(bench)
    return (f"transform on one core, text without repeated sentences ({len(pairs)} hand-written test articles, "
            f"CPU time): {len(pairs) / elapsed:,.0f} articles/s, {chars / elapsed / 1000:,.0f}k characters/s; "
            f"the benchmark corpus: {len(bench) / bench_elapsed:,.0f} articles/s, "
            f"{bench_chars / bench_elapsed / 1000:,.0f}k characters/s")


def profile_transform(raw_dir: Path, limit: int) -> tuple[int, float, list[ModuleCost]]:
    """Read up to `limit` articles, time their transform, then profile it. Returns the count,
    the unprofiled seconds and the cost by module (from the profiled run)."""
    from flows.transform import transform_batch

    pairs = _pairs(raw_dir, limit)
    transform_batch(pairs[:5], "warm-up")  # compiled patterns and reference data are not per-article costs
    started = time.perf_counter()
    transform_batch(pairs, "timed")
    elapsed = time.perf_counter() - started
    profiler = cProfile.Profile()
    profiler.enable()
    transform_batch(pairs, "profiled")
    profiler.disable()
    costs: dict[str, float] = defaultdict(float)
    for (filename, _, _), (_, _, own, _, callers) in pstats.Stats(profiler).stats.items():  # type: ignore[attr-defined]
        module, ours = _module(filename)
        if ours or not callers:
            costs[module] += own
            continue
        for (caller_file, _, _), edge in callers.items():
            caller, caller_ours = _module(caller_file)
            costs[caller if caller_ours else f"{module} (library)"] += edge[2]
    total = sum(costs.values()) or 1.0
    count = len(pairs)
    table = sorted((ModuleCost(m, s, 1000 * elapsed * (s / total) / count, s / total) for m, s in costs.items()),
                   key=lambda c: -c.seconds)
    return count, elapsed, table


def report(raw_dir: Path, limit: int) -> str:
    count, elapsed, table = profile_transform(raw_dir, limit)
    lines = [f"transform on one core: {count} articles in {elapsed:.2f} s = {1000 * elapsed / count:.2f} ms an "
             f"article, {count / elapsed:,.0f} articles/s (target: 1,000/s). Share of the time by module "
             "(cProfile; library calls charged to their caller):",
             f"{'module':<34} {'ms/article':>10} {'share':>7}"]
    lines += [f"{c.module:<34} {c.per_article_ms:>10.3f} {c.share:>7.1%}" for c in table if c.share >= 0.005]
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench.extract_profile", description=__doc__.split("\n\n")[0])
    parser.add_argument("--raw-dir", type=Path, required=True)
    parser.add_argument("--limit", type=int, default=1000, help="articles to profile (default: %(default)s)")
    args = parser.parse_args(argv)
    print(report(args.raw_dir, args.limit))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
