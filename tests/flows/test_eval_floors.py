"""Extraction quality as the eval command measures it: a refresh of each gold set into a
temporary warehouse, read back with SQL and scored by the gold README's rules. The floors are the
product's promise on the sample, on the development set of other outlets and authorities, and on the
hand-written own and blind sets in `tests/data`."""

from __future__ import annotations

import json

import pytest

from flows.cli import main as cli
from tests.conftest import DEV_ARTICLES, DEV_GOLD, SAMPLE_DIR, SAMPLE_GOLD, TEST_DATA

HAND_WRITTEN = {"visits": 0.80, "ratings": 0.70, "quotes": 0.80, "findings": 0.65}
FLOORS = {
    # set: (articles, gold, F1 floors per table, speaker accuracy floor)
    "sample": (SAMPLE_DIR, SAMPLE_GOLD, {"visits": 0.90, "ratings": 0.90, "quotes": 0.90, "findings": 0.80}, 0.90),
    "dev": (DEV_ARTICLES, DEV_GOLD, {"visits": 0.80, "ratings": 0.80, "quotes": 0.80, "findings": 0.65}, 0.80),
    "own": (TEST_DATA / "own" / "articles", TEST_DATA / "own" / "gold", {**HAND_WRITTEN, "ratings": 0.80}, 0.80),
    **{name: (TEST_DATA / name / "articles", TEST_DATA / name / "gold", HAND_WRITTEN, 0.80)
       for name in ("blind", "blind2", "blind3", "blind4", "blind5", "blind6")},
}


@pytest.mark.parametrize("name", list(FLOORS))
def test_eval_command_meets_the_floors(name, capsys):
    articles, gold, floors, speaker_floor = FLOORS[name]
    if not gold.exists():
        pytest.skip(f"{gold} is not beside the repository")
    assert cli(["eval", "--raw-dir", str(articles), "--gold", str(gold), "--json"]) == 0
    report = json.loads(capsys.readouterr().out)
    scores = {table: report["tables"][table]["f1"] for table in floors}
    print(name, scores, report["accuracies"].get("quotes.speaker"))
    for table, floor in floors.items():
        assert scores[table] >= floor, (table, scores[table], report["misses"][:5])
    assert report["accuracies"]["quotes.speaker"]["accuracy"] >= speaker_floor
