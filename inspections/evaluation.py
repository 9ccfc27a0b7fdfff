"""Score extraction against the hand-made gold, exactly by the rules of `shared/gold/README.md`.

Predictions and gold share one shape (`Gold`), so the same loader, scorer and report serve both,
and gold scored against itself is a check that the rules are implemented as written.

Decisions where the README leaves room (each is tested):
- Visits match on sequence (both given and equal) OR on dates agreeing on every part both give;
  a null date agrees with anything. A different sequence does not veto a date agreement: the
  matched pair then shows up as a sequence error in the attribute accuracies.
- Ratings: a gold `year` list matches any member, a gold null matches any year. A predicted null
  year does NOT match a gold year: the reader had to find the year, saying nothing is not a year.
- Words are lowercased `\\w+` tokens counted as a multiset: a repeated word is shared only as
  often as it occurs on both sides. Texts with no words never match.
- Predictions for articles the gold does not cover are not scored (listed as `unscored_files`);
  predicted visits and ratings whose sources all lie outside the gold articles are set aside too.
- An article absent from the predictions predicts nothing and counts as predicted not relevant.
- `focus` is compared case-insensitively with whitespace collapsed; other attributes exactly.
"""

from __future__ import annotations

import json
import re
from collections import Counter
from dataclasses import asdict, dataclass, field
from fractions import Fraction
from pathlib import Path
from typing import Any, Callable

from inspections.records import ArticleExtraction, Rating, Visit

MIN_QUOTE_WORDS = 6
TABLES = ("visits", "ratings", "findings", "quotes")
_WORD = re.compile(r"\w+")


@dataclass(frozen=True)
class Gold:
    """Corpus rows (visits, ratings) and per-article rows keyed by source file; gold or predicted."""

    visits: list[dict] = field(default_factory=list)
    ratings: list[dict] = field(default_factory=list)
    articles: dict[str, dict] = field(default_factory=dict)


@dataclass(frozen=True)
class TableScore:
    table: str
    tp: int
    fp: int
    fn: int

    @property
    def precision(self) -> float:
        # Nothing predicted and nothing to find is a perfect score, not a division by zero.
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else float(self.fn == 0)

    @property
    def recall(self) -> float:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else float(self.fp == 0)

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0


@dataclass(frozen=True)
class RowIssue:
    """A gold row nobody matched (a miss) or a predicted row matching no gold row (a false row)."""

    table: str
    files: tuple[str, ...]
    row: dict


@dataclass(frozen=True)
class Mismatch:
    """A matched pair whose attribute differs: what the accuracies count against."""

    table: str
    files: tuple[str, ...]
    attribute: str
    gold: Any
    predicted: Any
    text: str | None = None


@dataclass(frozen=True)
class EvalReport:
    tables: dict[str, TableScore]
    accuracies: dict[str, tuple[int, int]]  # "table.attribute" -> (correct, total)
    misses: list[RowIssue]
    false_rows: list[RowIssue]
    mismatches: list[Mismatch]
    unscored_files: list[str]

    def accuracy(self, key: str) -> float | None:
        correct, total = self.accuracies[key]
        return correct / total if total else None

    def to_dict(self) -> dict:
        return {
            "tables": {t: {"tp": s.tp, "fp": s.fp, "fn": s.fn, "precision": s.precision,
                           "recall": s.recall, "f1": s.f1} for t, s in self.tables.items()},
            "accuracies": {k: {"correct": c, "total": n, "accuracy": self.accuracy(k)}
                           for k, (c, n) in self.accuracies.items()},
            "misses": [asdict(i) for i in self.misses],
            "false_rows": [asdict(i) for i in self.false_rows],
            "mismatches": [asdict(m) for m in self.mismatches],
            "unscored_files": list(self.unscored_files),
        }


def load_gold(gold_dir: Path) -> Gold:
    """Read `corpus.json` and every other `*.json` as one article, keyed by its source file."""
    gold_dir = Path(gold_dir)
    corpus_path = gold_dir / "corpus.json"
    corpus = json.loads(corpus_path.read_text(encoding="utf-8")) if corpus_path.exists() else {}
    articles: dict[str, dict] = {}
    for path in sorted(gold_dir.glob("*.json")):
        if path.name == "corpus.json":
            continue
        data = json.loads(path.read_text(encoding="utf-8"))
        articles[data.get("source_file") or f"{path.stem}.txt"] = data
    return Gold(visits=list(corpus.get("visits", [])), ratings=list(corpus.get("ratings", [])),
                articles=articles)


# --- matching rules -------------------------------------------------------------------------

def _norm(value: str | None) -> str | None:
    return " ".join(value.split()).casefold() if isinstance(value, str) else value


def _date_parts(value: str | None) -> tuple[int | None, int | None]:
    if not value:
        return None, None
    parts = [int(p) for p in str(value).split("-")[:2]]
    return parts[0], parts[1] if len(parts) > 1 else None


def _dates_agree(a: str | None, b: str | None) -> bool:
    return all(x is None or y is None or x == y for x, y in zip(_date_parts(a), _date_parts(b)))


def _visit_match(pred: dict, gold: dict) -> bool:
    if (_norm(pred["authority_name"]) != _norm(gold["authority_name"])
            or pred["visit_type"] != gold["visit_type"]):
        return False
    same_sequence = pred.get("sequence") is not None and pred.get("sequence") == gold.get("sequence")
    return same_sequence or _dates_agree(pred.get("visit_date"), gold.get("visit_date"))


def _visit_closeness(pred: dict, gold: dict) -> tuple:
    """Among equally large matchings, try the closest gold row first."""
    return (pred.get("sequence") == gold.get("sequence"), pred.get("visit_date") == gold.get("visit_date"),
            _norm(pred.get("focus")) == _norm(gold.get("focus")))


def _years(value: Any) -> set[int] | None:
    if value is None:
        return None
    return set(value) if isinstance(value, (list, tuple)) else {value}


def _rating_match(pred: dict, gold: dict) -> bool:
    if any(_norm(pred[k]) != _norm(gold[k]) for k in ("authority_name", "judgement", "judgement_area")):
        return False
    gold_years, pred_years = _years(gold.get("year")), _years(pred.get("year"))
    if gold_years is None:
        return True
    return pred_years is not None and bool(gold_years & pred_years)


def _max_matching(preds: list[dict], golds: list[dict], match: Callable[[dict, dict], bool],
                  closeness: Callable[[dict, dict], tuple] | None = None) -> dict[int, int]:
    """Largest one-to-one pairing (augmenting paths); returns gold index -> predicted index."""
    edges: list[list[int]] = []
    for p in preds:
        cands = [g for g, gold in enumerate(golds) if match(p, gold)]
        if closeness:
            cands.sort(key=lambda g: closeness(p, golds[g]), reverse=True)  # stable: index ties
        edges.append(cands)
    owner: dict[int, int] = {}

    def augment(p: int, seen: set[int]) -> bool:
        for g in edges[p]:
            if g not in seen:
                seen.add(g)
                if g not in owner or augment(owner[g], seen):
                    owner[g] = p
                    return True
        return False

    for p in range(len(preds)):
        augment(p, set())
    return owner


def words(text: str) -> Counter:
    """Lowercased `\\w+` tokens as a multiset."""
    return Counter(_WORD.findall((text or "").lower()))


def text_overlap(a: str, b: str) -> Fraction:
    """Shared words over the words of the shorter text; a match needs at least one half."""
    wa, wb = words(a), words(b)
    shorter = min(sum(wa.values()), sum(wb.values()))
    return Fraction(sum((wa & wb).values()), shorter) if shorter else Fraction(0)


def _greedy_text_matching(preds: list[dict], golds: list[dict]) -> dict[int, int]:
    """Pair the most-overlapping texts first; ties go to the earlier gold, then earlier prediction."""
    cands = []
    for g, gold in enumerate(golds):
        for p, pred in enumerate(preds):
            ratio = text_overlap(pred["text"], gold["text"])
            if ratio >= Fraction(1, 2):
                cands.append((-ratio, g, p))
    cands.sort()
    pairs: dict[int, int] = {}
    used: set[int] = set()
    for _, g, p in cands:
        if g not in pairs and p not in used:
            pairs[g] = p
            used.add(p)
    return pairs


def _surname(name: str | None) -> str | None:
    tokens = re.findall(r"\w+(?:['’-]\w+)*", name or "")
    return tokens[-1].casefold() if tokens else None


def speaker_agrees(pred: dict, gold: dict) -> bool:
    """Surnames equal (last word, any case), or both null with the same speaker_type."""
    ps, gs = _surname(pred.get("speaker_name")), _surname(gold.get("speaker_name"))
    if ps is None and gs is None:
        return pred.get("speaker_type") == gold.get("speaker_type")
    return ps == gs


# --- scoring --------------------------------------------------------------------------------

_ATTRIBUTES: dict[str, dict[str, Callable[[dict, dict], bool]]] = {
    "visits": {
        "sequence": lambda p, g: p.get("sequence") == g.get("sequence"),
        "focus": lambda p, g: _norm(p.get("focus")) == _norm(g.get("focus")),
        "visit_date": lambda p, g: p.get("visit_date") == g.get("visit_date"),
    },
    "ratings": {},
    "findings": {"polarity": lambda p, g: p.get("polarity") == g.get("polarity"),
                 "theme": lambda p, g: p.get("theme") == g.get("theme")},
    "quotes": {"speaker": speaker_agrees,
               "speaker_type": lambda p, g: p.get("speaker_type") == g.get("speaker_type")},
}
_SHOWN = {"speaker": "speaker_name"}


class _Tally:
    """Collects counts, issues and attribute checks while the tables are matched."""

    def __init__(self) -> None:
        self.counts = {t: [0, 0, 0] for t in TABLES}
        self.acc: dict[str, list[int]] = {f"{t}.{a}": [0, 0] for t in TABLES for a in _ATTRIBUTES[t]}
        self.acc["articles.is_relevant"] = [0, 0]
        self.misses: list[RowIssue] = []
        self.false_rows: list[RowIssue] = []
        self.mismatches: list[Mismatch] = []

    def add(self, table: str, preds: list[dict], golds: list[dict], pairs: dict[int, int],
            files: Callable[[dict], tuple[str, ...]]) -> None:
        matched = set(pairs.values())
        self.counts[table][0] += len(pairs)
        self.counts[table][1] += len(preds) - len(matched)
        self.counts[table][2] += len(golds) - len(pairs)
        self.misses += [RowIssue(table, files(g), _public(g)) for i, g in enumerate(golds) if i not in pairs]
        self.false_rows += [RowIssue(table, files(p), _public(p)) for i, p in enumerate(preds)
                            if i not in matched]
        for g, p in sorted(pairs.items()):
            gold, pred = golds[g], preds[p]
            for attr, agrees in _ATTRIBUTES[table].items():
                ok = agrees(pred, gold)
                self.acc[f"{table}.{attr}"][0] += ok
                self.acc[f"{table}.{attr}"][1] += 1
                if not ok:
                    key = _SHOWN.get(attr, attr)
                    self.mismatches.append(Mismatch(table, files(gold), attr, gold.get(key),
                                                    pred.get(key), gold.get("text")))


def _public(row: dict) -> dict:
    return {k: v for k, v in row.items() if not k.startswith("_")}


def _in_scope(row: dict, scored: set[str]) -> bool:
    sources = row.get("sources") or []
    return not scored or not sources or any(s in scored for s in sources)


def score(predicted: Gold, gold: Gold) -> EvalReport:
    """Match predicted rows to gold rows table by table and count what agrees."""
    tally = _Tally()
    scored = set(gold.articles)
    sources = lambda row: tuple(row.get("sources") or ())  # noqa: E731
    for table, match, closeness in (("visits", _visit_match, _visit_closeness),
                                    ("ratings", _rating_match, None)):
        preds = [r for r in getattr(predicted, table) if _in_scope(r, scored)]
        golds = getattr(gold, table)
        tally.add(table, preds, golds, _max_matching(preds, golds, match, closeness), sources)

    for source_file, gold_article in sorted(gold.articles.items()):
        pred_article = predicted.articles.get(source_file, {})
        here = lambda row, f=source_file: (f,)  # noqa: E731
        preds = list(pred_article.get("findings", []))
        golds = list(gold_article.get("findings", []))
        tally.add("findings", preds, golds, _greedy_text_matching(preds, golds), here)
        preds = [q for q in pred_article.get("quotes", [])
                 if sum(words(q.get("text", "")).values()) >= MIN_QUOTE_WORDS]
        golds = list(gold_article.get("quotes", []))
        tally.add("quotes", preds, golds, _greedy_text_matching(preds, golds), here)
        gold_rel, pred_rel = bool(gold_article.get("is_relevant")), bool(pred_article.get("is_relevant"))
        tally.acc["articles.is_relevant"][0] += gold_rel == pred_rel
        tally.acc["articles.is_relevant"][1] += 1
        if gold_rel != pred_rel:
            tally.mismatches.append(Mismatch("articles", (source_file,), "is_relevant", gold_rel, pred_rel))

    return EvalReport(
        tables={t: TableScore(t, *tally.counts[t]) for t in TABLES},
        accuracies={k: (c, n) for k, (c, n) in tally.acc.items()},
        misses=tally.misses,
        false_rows=tally.false_rows,
        mismatches=tally.mismatches,
        unscored_files=sorted(set(predicted.articles) - scored) if scored else [],
    )


# --- presentation ---------------------------------------------------------------------------

def _short(value: Any, limit: int = 100) -> str:
    text = " ".join(str(value).split())
    return text if len(text) <= limit else text[: limit - 1] + "…"


def _describe(issue: RowIssue) -> str:
    row = issue.row
    if issue.table == "visits":
        key = (f"{row.get('authority_name')} {row.get('visit_type')} seq={row.get('sequence')} "
               f"date={row.get('visit_date')} focus={row.get('focus')}")
    elif issue.table == "ratings":
        key = (f"{row.get('authority_name')} {row.get('judgement')} {row.get('judgement_area')} "
               f"year={row.get('year')}")
    elif issue.table == "findings":
        key = f"[{row.get('polarity')}/{row.get('theme')}] {_short(row.get('text', ''))}"
    else:
        key = f"[{row.get('speaker_name')}/{row.get('speaker_type')}] {_short(row.get('text', ''))}"
    return f"  {issue.table:<9} {', '.join(issue.files) or '-'}: {key}"


def format_report(report: EvalReport) -> str:
    """Plain text: scores first, then every row that went wrong with the article it came from."""
    lines = [f"{'table':<10}{'P':>7}{'R':>7}{'F1':>7}{'tp':>6}{'fp':>6}{'fn':>6}"]
    for s in report.tables.values():
        lines.append(f"{s.table:<10}{s.precision:>7.3f}{s.recall:>7.3f}{s.f1:>7.3f}"
                     f"{s.tp:>6}{s.fp:>6}{s.fn:>6}")
    lines += ["", "Attribute accuracy (over matched pairs)"]
    for key, (correct, total) in report.accuracies.items():
        acc = report.accuracy(key)
        lines.append(f"  {key:<26}{'n/a' if acc is None else f'{acc:.3f}':>7}  ({correct}/{total})")
    for title, issues in (("Misses (gold rows not found)", report.misses),
                          ("False rows (predicted rows matching no gold row)", report.false_rows)):
        lines += ["", f"{title}: {len(issues)}"] + [_describe(i) for i in issues]
    lines += ["", f"Attribute errors: {len(report.mismatches)}"]
    for m in report.mismatches:
        where = f"  {m.table:<9} {', '.join(m.files) or '-'}: {m.attribute} gold={m.gold!r} predicted={m.predicted!r}"
        lines.append(where + (f" — {_short(m.text, 60)}" if m.text else ""))
    if report.unscored_files:
        lines += ["", "Predicted articles without gold (not scored): " + ", ".join(report.unscored_files)]
    return "\n".join(lines)


# --- extraction records -> prediction shape -------------------------------------------------

def _visit_date(date) -> str | None:
    if date.precision in ("day", "month"):
        return f"{date.year:04d}-{date.month:02d}"
    return f"{date.year:04d}" if date.precision == "year" else None


def predictions_from_extractions(articles: dict[str, tuple[str, ArticleExtraction]],
                                 visits: list[Visit], ratings: list[Rating]) -> Gold:
    """Put the pipeline's records into the gold shape, so one scorer serves both."""
    file_of = {article_id: source_file for article_id, (source_file, _) in articles.items()}
    to_files = lambda ids: [file_of.get(i, i) for i in ids]  # noqa: E731
    return Gold(
        visits=[{"authority_name": v.authority_name, "visit_type": v.visit_type, "sequence": v.sequence,
                 "focus": v.focus, "visit_date": _visit_date(v.visit_date), "sources": to_files(v.sources)}
                for v in visits],
        ratings=[{"authority_name": r.authority_name, "judgement": r.judgement,
                  "judgement_area": r.judgement_area, "year": r.rating_date.year,
                  "sources": to_files(r.sources)} for r in ratings],
        articles={source_file: {
            "source_file": source_file,
            "is_relevant": ex.is_relevant,
            "findings": [{"polarity": f.polarity, "theme": f.theme, "text": f.text} for f in ex.findings],
            "quotes": [{"speaker_name": q.speaker_name, "speaker_type": q.speaker_type, "text": q.text}
                       for q in ex.quotes],
        } for source_file, ex in articles.values()},
    )
