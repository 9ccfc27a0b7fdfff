"""The authorities reference data and the matcher that finds authorities in text."""

from __future__ import annotations

import csv
import time
from importlib import resources
from pathlib import Path

import pytest

from inspections.authorities import (
    CODE_PATTERN,
    REGIONS,
    STATUSES,
    Authority,
    _matcher,
    alias_table,
    authorities,
    by_code,
    find_authorities,
)
from tests.conftest import SHARED



def names(text: str) -> list[str]:
    return [m.name for m in find_authorities(text)]


def written(text: str) -> list[str]:
    return [text[m.start:m.end] for m in find_authorities(text)]


# --- the reference data -------------------------------------------------------------------


def test_csv_header_and_encoding():
    raw = resources.files("inspections").joinpath("data/authorities.csv").read_bytes()
    text = raw.decode("utf-8")
    header = next(csv.reader(text.splitlines()))
    assert header == ["authority_code", "authority_name", "region", "status", "successor_codes",
                      "aliases"]


def test_codes_and_names_are_unique():
    codes = [a.code for a in authorities()]
    assert len(codes) == len(set(codes))
    names_ = [a.name for a in authorities()]
    assert len(names_) == len(set(names_))


def test_fields_are_valid():
    for a in authorities():
        assert CODE_PATTERN.fullmatch(a.code), a
        assert a.region in REGIONS, a
        assert a.status in STATUSES, a
        assert a.name and a.name == a.name.strip(), a
        assert a.name in a.aliases, a  # the short name is always an alias
        assert len(a.aliases) == len(set(a.aliases)), a


def test_successors_exist_and_are_current():
    for a in authorities():
        if a.status == "abolished":
            assert a.successor_codes, a
            for code in a.successor_codes:
                successor = by_code(code)
                assert successor.status == "current", (a, successor)
        else:
            assert a.successor_codes == (), a


def test_count_of_current_authorities_is_plausible():
    current = [a for a in authorities() if a.status == "current"]
    assert 150 <= len(current) <= 155
    by_kind = {}
    for a in current:
        by_kind[a.code[:3]] = by_kind.get(a.code[:3], 0) + 1
    assert by_kind["E09"] == 33  # 32 London boroughs and the City of London
    assert by_kind["E08"] == 36  # metropolitan districts


def test_every_region_has_authorities():
    assert {a.region for a in authorities() if a.status == "current"} == set(REGIONS)
    assert all(a.region == "London" for a in authorities() if a.code.startswith("E09"))


@pytest.mark.parametrize(
    "code, name, region, status",
    [
        ("E09000003", "Barnet", "London", "current"),
        ("E09000001", "City of London", "London", "current"),
        ("E06000053", "Isles of Scilly", "South West", "current"),
        ("E06000010", "Kingston upon Hull", "Yorkshire and The Humber", "current"),
        ("E06000047", "County Durham", "North East", "current"),
        ("E06000058", "Bournemouth, Christchurch and Poole", "South West", "current"),
        ("E06000059", "Dorset", "South West", "current"),
        ("E06000060", "Buckinghamshire", "South East", "current"),
        ("E06000061", "North Northamptonshire", "East Midlands", "current"),
        ("E06000062", "West Northamptonshire", "East Midlands", "current"),
        ("E06000063", "Cumberland", "North West", "current"),
        ("E06000064", "Westmorland and Furness", "North West", "current"),
        ("E06000065", "North Yorkshire", "Yorkshire and The Humber", "current"),
        ("E06000066", "Somerset", "South West", "current"),
        ("E08000035", "Leeds", "Yorkshire and The Humber", "current"),
        ("E08000037", "Gateshead", "North East", "current"),
        ("E10000016", "Kent", "South East", "current"),
        ("E06000028", "Bournemouth", "South West", "abolished"),
        ("E06000029", "Poole", "South West", "abolished"),
        ("E10000002", "Buckinghamshire County Council", "South East", "abolished"),
        ("E10000006", "Cumbria", "North West", "abolished"),
        ("E10000009", "Dorset County Council", "South West", "abolished"),
        ("E10000021", "Northamptonshire", "East Midlands", "abolished"),
        ("E10000023", "North Yorkshire County Council", "Yorkshire and The Humber", "abolished"),
        ("E10000027", "Somerset County Council", "South West", "abolished"),
    ],
)
def test_known_codes(code, name, region, status):
    a = by_code(code)
    assert (a.name, a.region, a.status) == (name, region, status)


def test_merged_authorities_point_to_their_successors():
    assert set(by_code("E10000021").successor_codes) == {"E06000061", "E06000062"}
    assert set(by_code("E10000006").successor_codes) == {"E06000063", "E06000064"}
    assert by_code("E06000028").successor_codes == ("E06000058",)
    assert by_code("E06000029").successor_codes == ("E06000058",)
    assert "E06000059" in by_code("E10000009").successor_codes


def test_by_code_unknown_raises():
    with pytest.raises(KeyError):
        by_code("E99999999")


def test_authorities_is_cached_and_typed():
    assert authorities() is authorities()
    assert all(isinstance(a, Authority) for a in authorities())


def test_no_alias_is_shared_by_two_current_authorities():
    assert _matcher().ambiguous == ()


def test_no_bare_kingston():
    assert "Kingston" not in alias_table()
    assert names("Kingston said it would appeal.") == []


# --- matching -----------------------------------------------------------------------------


@pytest.mark.parametrize(
    "text, expected",
    [
        ("Barnet Council said", ["Barnet Council"]),
        ("the London Borough of Barnet has", ["London Borough of Barnet"]),
        ("Barnet Borough Council", ["Barnet Borough Council"]),
        ("Calderdale Metropolitan Borough Council", ["Calderdale Metropolitan Borough Council"]),
        ("Calderdale MBC", ["Calderdale MBC"]),
        ("Leeds City Council’s children’s social work", ["Leeds City Council"]),
        ("Kent County Council’s (KCC) children’s services", ["Kent County Council", "KCC"]),
        ("Essex County Council", ["Essex County Council"]),
        ("Hull City Council, in East Yorkshire", ["Hull City Council"]),
        ("Kingston upon Hull City Council", ["Kingston upon Hull City Council"]),
        ("Royal Borough of Kingston upon Thames", ["Royal Borough of Kingston upon Thames"]),
        ("Bournemouth, Christchurch and Poole Council", ["Bournemouth, Christchurch and Poole Council"]),
        ("BCP Council", ["BCP Council"]),
        ("Stoke-on-Trent and Stoke on Trent", ["Stoke-on-Trent", "Stoke on Trent"]),
        ("Bath and North East Somerset", ["Bath and North East Somerset"]),
        ("the Wigan council", ["Wigan council"]),
        ("Kent county council", ["Kent county council"]),
        ("Barking & Dagenham", ["Barking & Dagenham"]),
    ],
)
def test_longest_alias_wins(text, expected):
    assert written(text) == expected


def test_possessives_cover_only_the_name():
    text = "Barnet's services and Barnet’s leaders"
    mentions = find_authorities(text)
    assert [text[m.start:m.end] for m in mentions] == ["Barnet", "Barnet"]
    assert [m.code for m in mentions] == ["E09000003", "E09000003"]


def test_mentions_are_in_order_and_do_not_overlap():
    text = "Leeds and Calderdale were inspected; Leeds City Council and Calderdale Council replied."
    mentions = find_authorities(text)
    assert [m.name for m in mentions] == ["Leeds", "Calderdale", "Leeds", "Calderdale"]
    ends = [0]
    for m in mentions:
        assert m.start >= ends[-1]
        ends.append(m.end)


@pytest.mark.parametrize(
    "text, expected",
    [
        ("Hull", ["Kingston upon Hull"]),
        ("Hull City Council", ["Kingston upon Hull"]),
        ("Kingston upon Hull", ["Kingston upon Hull"]),
        ("Kingston upon Hull City Council", ["Kingston upon Hull"]),
        ("Kingston upon Thames", ["Kingston upon Thames"]),
        ("Richmond upon Thames", ["Richmond upon Thames"]),
    ],
)
def test_hull_and_kingston(text, expected):
    assert names(text) == expected


def test_york_and_yorkshire():
    assert names("North Yorkshire Council") == ["North Yorkshire"]
    assert names("North Yorkshire and York") == ["North Yorkshire", "York"]
    assert names("City of York Council") == ["York"]
    assert names("across Yorkshire and in New York") == []
    assert names("East Riding of Yorkshire") == ["East Riding of Yorkshire"]
    assert names("Yorkshire and The Humber") == []


@pytest.mark.parametrize(
    "text",
    [
        "Reading the report, it is clear that things must change.",
        "“Reading between the lines, this is a warning.”",
        "Inspectors said so. Reading the letter, one sees why.",
        "The council was reading the report.",
        "They will bury the findings.",
        "Bury the hatchet, he said.",
        "His reading of the judgement differs.",
    ],
)
def test_common_words_are_not_authorities(text):
    assert names(text) == []


@pytest.mark.parametrize(
    "text, expected",
    [
        ("Reading Borough Council was rated good.", ["Reading"]),
        ("Reading council's children's services improved.", ["Reading"]),
        ("Reading is rated good.", ["Reading"]),
        ("Services in Reading were good.", ["Reading"]),
        ("Reading’s director said.", ["Reading"]),
        ("Bury Council was praised.", ["Bury"]),
        ("Bury and Rochdale were inspected.", ["Bury", "Rochdale"]),
        ("In Bury, inspectors found", ["Bury"]),
        ("Derby City Council", ["Derby"]),
        ("Wigan was inspected.", ["Wigan"]),
    ],
)
def test_common_word_names_are_found_as_places(text, expected):
    assert names(text) == expected


def test_other_places_containing_a_name():
    assert names("Greater Manchester councils") == []
    assert names("Manchester City Council") == ["Manchester"]
    assert names("Bury St Edmunds") == []
    assert names("Newcastle-under-Lyme") == []
    assert names("Newcastle upon Tyne and Newcastle") == ["Newcastle upon Tyne", "Newcastle upon Tyne"]
    assert names("Sutton Coldfield") == []
    assert names("Bromley-by-Bow") == []
    assert names("Mr Sutton said") == []
    assert names("Kent Police") == ["Kent"]
    assert names("Durham University") == ["County Durham"]
    assert names("Bath is lovely") == []


@pytest.mark.parametrize(
    "text, expected",
    [
        ("The letter was signed by Luke Sutton, an inspector.", []),
        ("Cllr Jane Hull said the council would improve.", []),
        ("“We are pleased,” said Mr Bedford.", []),
        ("In March Barnet was inspected again.", ["Barnet"]),
        ("In Halton, inspectors said practice was improving.", ["Halton"]),
        ("Including Halton and Hull, 44 authorities have been inspected.", ["Halton", "Kingston upon Hull"]),
        ("Both Halton Borough Council and Hull City Council were graded.", ["Halton", "Kingston upon Hull"]),
        ("Ofsted Praises Barnet Children's Services In New Report", ["Barnet"]),
        ("Labour-run Sutton was told to improve.", ["Sutton"]),
        ("North Tyneside and Sunderland were inspected.", ["North Tyneside", "Sunderland"]),
    ],
)
def test_surnames_are_not_authorities(text, expected):
    assert names(text) == expected


def test_partial_words_do_not_match():
    assert names("Barnetby and Kentish Town and Leedsian") == []
    assert names("Doncasters") == []


def test_abolished_and_current_share_aliases():
    assert names("Dorset") == ["Dorset"]
    assert [m.code for m in find_authorities("Dorset Council")] == ["E06000059"]
    assert [m.code for m in find_authorities("Dorset County Council")] == ["E10000009"]
    assert [m.code for m in find_authorities("North Yorkshire County Council")] == ["E10000023"]
    assert [m.code for m in find_authorities("North Yorkshire Council")] == ["E06000065"]
    assert [m.code for m in find_authorities("Somerset County Council")] == ["E10000027"]
    assert [m.code for m in find_authorities("Somerset")] == ["E06000066"]
    assert [m.code for m in find_authorities("Buckinghamshire County Council")] == ["E10000002"]
    assert [m.code for m in find_authorities("Buckinghamshire Council")] == ["E06000060"]


def test_merged_authorities():
    assert [m.code for m in find_authorities("Northamptonshire County Council")] == ["E10000021"]
    assert [m.code for m in find_authorities("North Northamptonshire Council")] == ["E06000061"]
    assert [m.code for m in find_authorities("West Northamptonshire")] == ["E06000062"]
    assert [m.code for m in find_authorities("Cumbria County Council")] == ["E10000006"]
    assert names("Cumberland and Westmorland and Furness") == ["Cumberland", "Westmorland and Furness"]
    assert [m.code for m in find_authorities("Bournemouth and Poole")] == ["E06000028", "E06000029"]
    assert [m.code for m in find_authorities("Bournemouth, Christchurch and Poole")] == ["E06000058"]
    assert [m.code for m in find_authorities("BCP")] == ["E06000058"]
    assert names("County Durham and Durham County Council") == ["County Durham", "County Durham"]


def test_trust_and_nursery():
    assert names("Doncaster Children's Services Trust") == ["Doncaster"]
    assert names("Doncaster Children’s Services Trust was rated good") == ["Doncaster"]
    assert names("Redbourn House Day Nursery") == []


def test_every_csv_alias_finds_its_authority():
    for a in authorities():
        for alias in a.aliases:
            found = find_authorities(f"In {alias}, inspectors said.")
            assert len(found) == 1, (a.code, alias, found)
            owner = alias_table()[alias]
            assert found[0].code == owner
            if a.status == "current":
                assert owner == a.code, (a.code, alias)


@pytest.mark.skipif(not (SHARED / "dev" / "articles").exists(), reason="no shared dev articles")
def test_dev_articles_name_their_authorities():
    articles = SHARED / "dev" / "articles"
    expected = {
        "h02_tower_hamlets_final_monitoring.txt": {"Tower Hamlets"},
        "h11_leeds_calderdale_ratings.txt": {"Leeds", "Calderdale"},
        "h13_doncaster_trust_good.txt": {"Doncaster"},
        "h14_kent_outstanding.txt": {"Kent"},
        "h17_neg_redbourn_nursery_inadequate.txt": set(),
        "h22_halton_hull_requires_improvement.txt": {"Halton", "Kingston upon Hull"},
    }
    for name, authorities_ in expected.items():
        text = (articles / name).read_text("utf-8")
        assert set(names(text)) == authorities_, name


def test_speed_is_reported_not_asserted(capsys):
    """Timing is informative only: it varies with the machine, so it never fails the suite."""
    text = " ".join(
        ["Barnet Council’s children’s services were rated good by Ofsted inspectors in March."] * 30
    )
    find_authorities(text)
    runs = 200
    began = time.perf_counter()
    for _ in range(runs):
        find_authorities(text)
    per_call = (time.perf_counter() - began) / runs
    with capsys.disabled():
        print(f"\nfind_authorities: {per_call * 1e6:.0f} µs for {len(text)} characters")
