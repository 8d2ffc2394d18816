"""Finding structures by typed name (hand-made names; the demo network against a plain
re-implementation of the matching rule as oracle)."""

from __future__ import annotations

import unicodedata

import pytest

from ess_graph.search import MATCH_LIMIT, NameIndex

NAMES = {
    "s1": "Ludothèque Le Goéland",
    "s2": "Goélette FC",
    "s3": "",
    "s4": "Le Goéland",
    "s5": "Amicale laïque de Plérin",
    "42": "Coopérative 42",
}


def test_case_and_accents_are_ignored():
    index = NameIndex(NAMES)
    assert index.find("GOELAND") == index.find("goéland") == ["s4", "s1"]
    assert index.find("laique plerin") == ["s5"]


def test_ranks_whole_name_then_start_then_word_start_then_inside():
    index = NameIndex(NAMES)
    # "le goeland": s4 is exactly that (rank 0); in s1 both words start a word (rank 2)
    assert index.find("le goéland") == ["s4", "s1"]
    # "goel": starts s2 (rank 1), starts a word of s1 and s4 (rank 2, by name)
    assert index.find("goel") == ["s2", "s4", "s1"]
    # "eland": only inside words (rank 3)
    assert index.find("eland") == ["s4", "s1"]


def test_whole_words_typed_first():
    index = NameIndex({"x": "Structure 30", "y": "Structure 3 bis", "z": "Structure 3"})
    # z is the whole name; y starts with the words typed; x only with the letters
    assert index.find("structure 3") == ["z", "y", "x"]


def test_words_in_any_order_must_all_match():
    index = NameIndex(NAMES)
    assert index.find("goeland ludo") == ["s1"]
    assert index.find("goeland zzz") == []


def test_an_id_finds_its_structure_first():
    index = NameIndex(NAMES)
    assert index.find("S3") == ["s3"]  # unnamed: shown and found by its id
    # "42" is the id of one structure and inside its name: id first, once
    assert index.find("42") == ["42"]


@pytest.mark.parametrize("query", ["", "   ", "'", "-"])
def test_blank_queries_find_nothing(query):
    assert NameIndex(NAMES).find(query) == []


def test_limit():
    index = NameIndex({f"s{i}": f"Structure {i}" for i in range(120)})
    assert len(index.find("structure")) == MATCH_LIMIT
    assert len(index.find("structure", limit=None)) == 120
    assert index.find("structure 7", limit=3) == ["s7", "s70", "s71"]


def _fold(text: str) -> str:
    bare = unicodedata.normalize("NFKD", text.lower())
    return "".join(c for c in bare if not unicodedata.combining(c))


def test_demo_matches_equal_a_plain_scan():
    """Every demo structure whose folded name holds every typed word, no other."""
    from pathlib import Path

    from ess_graph.io.read import read_network
    from ess_graph.network import cooperation_graph

    demo = Path(__file__).resolve().parents[1] / "data" / "demo"
    G = cooperation_graph(read_network(demo))
    names = dict(G.nodes(data="name", default=""))
    index = NameIndex(names)
    for query in ["ludo", "Amicale laïque", "laita ECOLE", "fictive", "x", "zzz"]:
        words = [_fold(w) for w in query.split()]
        expected = {i for i, n in names.items() if all(w in _fold(str(n or i)) for w in words)}
        assert bool(expected) == (query != "zzz"), query  # the queries do test something
        assert set(index.find(query, limit=None)) == expected, query
