"""Small graphs and slow reference implementations for the bridging, governance and
community tests (engineer H4's own fixtures; tests/analysis/conftest.py belongs to others).

The reference implementations loop over nodes in plain Python, straight from the
definitions, so that they share no code with the vectorised paths they check.
"""

from __future__ import annotations

import itertools
import random

import networkx as nx

SECTORS = ("culture", "insertion", "sport", "social")


def random_graph(
    n: int, p: float, seed: int, *, isolates: int = 2, weighted: bool = True
) -> nx.Graph:
    """A seeded G(n, p) graph, usually disconnected, plus isolates, with node attributes
    like the cooperation graph (sector, pole; some sectors left empty) and random weights."""
    rng = random.Random(seed)
    G = nx.gnp_random_graph(n, p, seed=seed)
    G = nx.relabel_nodes(G, {i: f"s{i:03d}" for i in G})
    for j in range(isolates):
        G.add_node(f"iso{j}")
    for v in G:
        sector = rng.choice(SECTORS)
        if rng.random() < 0.05:
            sector = ""
        G.nodes[v].update(
            name=v,
            sector=sector,
            family="association",
            territory="t",
            pole=rng.choice(["p1", "p2", ""]),
        )
    for u, v in G.edges():
        G.edges[u, v]["weight"] = float(rng.randint(1, 4)) if weighted else 1.0
    G.graph["poles"] = {
        "p1": {"name": "Pôle 1", "territory": "t", "status": "created"},
        "p2": {"name": "Pôle 2", "territory": "t", "status": "launching"},
    }
    return G


RANDOM_GRAPHS = [
    (30, 0.15, 1),
    (40, 0.08, 2),  # sparse: several components
    (25, 0.4, 3),  # dense: many triangles
    (60, 0.05, 4),
    (12, 0.0, 5),  # no ties at all
]


def reference_brokerage(G: nx.Graph, attribute: str = "sector") -> dict[str, dict[str, float]]:
    """Gould–Fernandez roles for undirected ties, by enumerating every neighbour pair."""
    out: dict[str, dict[str, float]] = {}
    nan = float("nan")
    for v in G:
        gv = G.nodes[v].get(attribute, "")
        if not gv:
            out[v] = dict.fromkeys(("coordinator", "consultant", "representative", "liaison"), nan)
            continue
        counts = dict.fromkeys(("coordinator", "consultant", "representative", "liaison"), 0.0)
        for a, b in itertools.combinations([u for u in G[v] if u != v], 2):
            ga, gb = G.nodes[a].get(attribute, ""), G.nodes[b].get(attribute, "")
            if not ga or not gb or G.has_edge(a, b):
                continue
            if ga == gb == gv:
                counts["coordinator"] += 1
            elif ga == gb:
                counts["consultant"] += 1
            elif gv in (ga, gb):
                counts["representative"] += 1
            else:
                counts["liaison"] += 1
        out[v] = counts
    return out


def governance_network():
    """A small hand-made network for the governance tests (figures worked out in
    tests/analysis/test_governance.py).

    Pôle p1: members a, b, c, d, e; internal ties a-b, a-c, a-d, a-e, b-c, d-e.
    Pôle p2: members x, y, no internal tie. Pôle p3: no member. f has no pôle.
    Cross-pôle tie a-x, and f-a.
    Funding: R -> p1 (the pôle itself), R -> a (two links, one tie), R -> b, D -> a,
    D -> x, R -> f (no pôle). R -> y is representation, not funding.
    """
    import pandas as pd

    from ess_graph.network import Network

    structures = pd.DataFrame(
        {
            "id": list("abcdexyf"),
            "name": [f"Structure {c}" for c in "abcdexyf"],
            "family": ["association"] * 8,
            "sector": [
                "culture",
                "sport",
                "culture",
                "insertion",
                "social",
                "sport",
                "culture",
                "",
            ],
            "territory": ["brest"] * 5 + ["morlaix"] * 2 + ["brest"],
            "pole": ["p1"] * 5 + ["p2"] * 2 + [""],
        }
    )
    poles = pd.DataFrame(
        {
            "id": ["p1", "p2", "p3"],
            "name": ["ADESS Brest", "ADESS Morlaix", "Pôle vide"],
            "territory": ["brest", "morlaix", "rennes"],
            "status": ["created", "prefiguration", "launching"],
        }
    )
    partners = pd.DataFrame(
        {"id": ["R", "D"], "name": ["Région", "Département"], "kind": ["region", "departement"]}
    )
    ties = [
        ("a", "b"),
        ("a", "c"),
        ("a", "d"),
        ("a", "e"),
        ("b", "c"),
        ("d", "e"),
        ("a", "x"),
        ("f", "a"),
    ]
    rows = [(u, v, "cooperation", 2015.0, 1.0, "confirmed") for u, v in ties]
    rows += [
        ("R", "p1", "funding", 2012.0, 1.0, "confirmed"),
        ("R", "a", "funding", 2012.0, 1.0, "confirmed"),
        ("R", "a", "funding", 2014.0, 2.0, "confirmed"),
        ("R", "b", "funding", 2014.0, 1.0, "confirmed"),
        ("D", "a", "funding", 2014.0, 1.0, "confirmed"),
        ("D", "x", "funding", 2014.0, 1.0, "confirmed"),
        ("R", "f", "funding", 2014.0, 1.0, "confirmed"),
        ("R", "y", "representation", 2014.0, 1.0, "confirmed"),
    ]
    links = pd.DataFrame(rows, columns=["source", "target", "kind", "since", "weight", "status"])
    empty = pd.DataFrame({"id": pd.Series(dtype=str), "name": pd.Series(dtype=str)})
    return Network(structures, poles, partners, links, empty, empty.copy())
