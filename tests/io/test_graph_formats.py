"""GEXF / GraphML / JSON files read back to the graph that was written."""

from __future__ import annotations

import io
import json
import math

import defusedxml.ElementTree
import networkx as nx
import pandas as pd
import pytest

from ess_graph.io.graph_formats import (
    GRAPH_FORMATS,
    GraphFileError,
    graph_attributes_equal,
    graph_for_export,
    graph_to_bytes,
    read_graph,
    write_graph,
)
from ess_graph.safe_text import XML_FORBIDDEN

AWKWARD_NAMES = [
    "Coopérative « L'Élan » & Cie",
    "tab\there, newline\nhere, carriage\rreturn",
    "bell\x07 and escape\x1b and NUL-free \x01",
    "back\\slash \\x41 not an escape",
    "<img src=x onerror=alert(1)>",
    "nonchars \ufffe\uffff, lone surrogate \ud800, NUL \x00, emoji 🌊, عربي",
]


def _typed_graph() -> nx.Graph:
    T = nx.Graph(is_demo=False)
    T.add_node("001", type="structure", name=AWKWARD_NAMES[0], sector="culture", pole="P1")
    T.add_node("1", type="structure", name=AWKWARD_NAMES[1], sector="sport", pole="")
    T.add_node("s3", type="structure", name=AWKWARD_NAMES[2], sector="culture", pole="P1")
    T.add_node("s4", type="structure", name=AWKWARD_NAMES[3], sector="sport", pole="P1")
    T.add_node("P1", type="pole", name=AWKWARD_NAMES[4], territory="brest", status="created")
    T.add_node("s\x01\ufffe", type="structure", name=AWKWARD_NAMES[5], sector="sport", pole="")
    T.nodes["s\x01\ufffe"]["extra \x1b[2J\uffff"] = "column named by a user"
    T.add_edge("001", "1", kinds=("cooperation", "pooling"), weight=3.0, since=2004)
    T.add_edge("001", "P1", kinds=("membership",), weight=1.0)
    T.add_edge("s3", "s4", kinds=("subcontracting",), weight=0.5)
    T.add_edge("s4", "s\x01\ufffe", kinds=("pooling",), weight=1.0, note="\ud800\x0b")
    return T


def _metrics() -> pd.DataFrame:
    return pd.DataFrame(
        {
            "id": ["001", "1", "s3", "s4"],
            "degree": [1, 1, 1, 1],
            "betweenness": [0.0, 0.0, float("nan"), 0.25],
            "articulation_point": [False, False, True, False],
        }
    )


@pytest.mark.parametrize("fmt", GRAPH_FORMATS)
def test_round_trip_gives_the_same_graph(tmp_path, fmt):
    G = graph_for_export(_typed_graph(), _metrics())
    path = tmp_path / f"net.{fmt}"
    write_graph(G, path)
    H = read_graph(path)
    assert sorted(H.nodes) == sorted(G.nodes)
    assert "001" in H and "1" in H  # ids stay text: 001 is not 1
    for n in G.nodes:
        assert graph_attributes_equal(G.nodes[n], H.nodes[n]), (n, G.nodes[n], H.nodes[n])
    assert {frozenset(e) for e in G.edges} == {frozenset(e) for e in H.edges}
    for u, v in G.edges:
        assert graph_attributes_equal(G.edges[u, v], H.edges[u, v])


def test_export_graph_holds_metrics_and_drops_undefined_values():
    G = graph_for_export(_typed_graph(), _metrics())
    assert G.nodes["s4"]["betweenness"] == 0.25
    assert "betweenness" not in G.nodes["s3"]  # NaN is "undefined", not the text "nan"
    assert G.nodes["s3"]["articulation_point"] is True
    assert G.edges["001", "1"]["kinds"] == "cooperation|pooling"
    assert G.nodes["001"]["label"] == AWKWARD_NAMES[0]
    assert not any(
        isinstance(v, float) and math.isnan(v) for _, d in G.nodes(data=True) for v in d.values()
    )


def test_export_does_not_modify_the_input_graph():
    T = _typed_graph()
    before = {n: dict(d) for n, d in T.nodes(data=True)}
    graph_for_export(T, _metrics())
    assert {n: dict(d) for n, d in T.nodes(data=True)} == before


@pytest.mark.parametrize("fmt", ["gexf", "graphml"])
def test_xml_with_entities_is_refused(fmt):
    bomb = (
        b'<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol">'
        b'<!ENTITY lol2 "&lol;&lol;&lol;&lol;">]><gexf>&lol2;</gexf>'
    )
    with pytest.raises(GraphFileError, match="DTD or entities"):
        read_graph(bomb, fmt)


def test_oversized_input_is_refused():
    data = graph_to_bytes(graph_for_export(_typed_graph()), "json")
    with pytest.raises(GraphFileError, match="larger than"):
        read_graph(data, "json", max_bytes=len(data) - 1)


def test_bad_json_is_a_clear_error():
    with pytest.raises(GraphFileError, match="node-link"):
        read_graph(b'{"nodes": 3}', "json")


@pytest.mark.parametrize("fmt", ["gexf", "graphml"])
def test_xml_files_hold_no_character_that_xml_forbids(fmt):
    data = graph_to_bytes(graph_for_export(_typed_graph(), _metrics()), fmt)
    text = data.decode("utf-8")  # strict: a lone surrogate would not decode
    assert XML_FORBIDDEN.search(text) is None
    defusedxml.ElementTree.fromstring(data)  # well-formed for any XML reader
    # networkx's own reader (as Gephi or yEd would) sees the escapes as text.
    G = getattr(nx, f"read_{fmt}")(io.BytesIO(data), node_type=str)
    assert "s\\x01\\ufffe" in G
    assert G.nodes["s\\x01\\ufffe"]["name"] == (
        "nonchars \\ufffe\\uffff, lone surrogate \\ud800, NUL \\x00, emoji 🌊, عربي"
    )
    assert G.nodes["s\\x01\\ufffe"]["extra \\x1b[2J\\uffff"] == "column named by a user"


def test_json_holds_a_lone_surrogate_as_an_escape():
    data = graph_to_bytes(graph_for_export(_typed_graph()), "json")
    assert b'"\\ud800\\u000b"' in data  # the edge note: valid JSON, the same string back
    assert json.loads(data)["edges"][-1]["note"] == "\ud800\x0b"
