"""Extraction quality as the eval command measures it: a refresh of each gold set into a
temporary warehouse, read back with SQL and scored by the gold README's rules. The floors are the
product's promise on the sample, on the development set of other outlets and authorities, and on the
hand-written own and blind sets."""

from __future__ import annotations

import json

import pytest

from flows.cli import main as cli
from tests.conftest import (BLIND2_ARTICLES, BLIND2_GOLD, BLIND_ARTICLES, BLIND_GOLD, DEV_ARTICLES, DEV_GOLD,
                            OWN_ARTICLES, OWN_GOLD, SAMPLE_DIR, SAMPLE_GOLD)

FLOORS = {
    # set: (articles, gold, F1 floors per table, speaker accuracy floor)
    "sample": (SAMPLE_DIR, SAMPLE_GOLD, {"visits": 0.90, "ratings": 0.90, "quotes": 0.90, "findings": 0.80}, 0.90),
    "dev": (DEV_ARTICLES, DEV_GOLD, {"visits": 0.80, "ratings": 0.80, "quotes": 0.80, "findings": 0.65}, 0.80),
    "own": (OWN_ARTICLES, OWN_GOLD, {"visits": 0.80, "ratings": 0.80, "quotes": 0.80, "findings": 0.65}, 0.80),
    "blind": (BLIND_ARTICLES, BLIND_GOLD, {"visits": 0.80, "ratings": 0.70, "quotes": 0.80, "findings": 0.65}, 0.80),
    "blind2": (BLIND2_ARTICLES, BLIND2_GOLD, {"visits": 0.80, "ratings": 0.70, "quotes": 0.80, "findings": 0.65}, 0.80),
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
