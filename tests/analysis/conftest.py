"""Small hand-made cooperation graphs for the analysis tests.

Every value the tests expect from these graphs is worked out by hand in the test that
uses it, from the drawing below.

``seven`` (the main hand graph, 7 structures, 6 ties)::

    s1 ─── s2          sector     family       territory  pole
     \\    /           s1 culture   association  T1         P1
      \\  /            s2 culture   association  T1         P1
       s3 ── s4 ── s5 ── s6        s3 culture   cooperative  T1         ""
                        s4 sport     association  T1         P1
    s7 (isolate)        s5 sport     cooperative  T2         P2
                        s6 insertion mutuelle     T2         P2
                        s7 culture   association  T2         ""

Ties: s1-s2, s1-s3, s2-s3, s3-s4, s4-s5, s5-s6 (m = 6).
Degrees: s1 2, s2 2, s3 3, s4 2, s5 2, s6 1, s7 0 (sum 12 = 2m).
Pôles (``G.graph["poles"]``): P1 in T1, P2 in T2, P3 in T3 (no structure in T3).
"""

from __future__ import annotations

import networkx as nx
import pandas as pd
import pytest

from ess_graph import schema
from ess_graph.network import Network, cooperation_graph

SEVEN_NODES = {
    "s1": ("culture", "association", "T1", "P1"),
    "s2": ("culture", "association", "T1", "P1"),
    "s3": ("culture", "cooperative", "T1", ""),
    "s4": ("sport", "association", "T1", "P1"),
    "s5": ("sport", "cooperative", "T2", "P2"),
    "s6": ("insertion", "mutuelle", "T2", "P2"),
    "s7": ("culture", "association", "T2", ""),
}
SEVEN_TIES = [("s1", "s2"), ("s1", "s3"), ("s2", "s3"), ("s3", "s4"), ("s4", "s5"), ("s5", "s6")]
SEVEN_POLES = {
    "P1": {"name": "Pôle Un", "territory": "T1", "status": "created"},
    "P2": {"name": "Pôle Deux", "territory": "T2", "status": "launching"},
    "P3": {"name": "Pôle Trois", "territory": "T3", "status": "prefiguration"},
}


def make_graph(
    nodes: dict[str, tuple[str, str, str, str]],
    ties: list[tuple[str, str]],
    poles: dict | None = None,
) -> nx.Graph:
    """A graph shaped like `cooperation_graph` output: node attributes and G.graph keys."""
    G = nx.Graph(
        poles=dict(poles or {}),
        territory_names={},
        sector_names={},
        is_demo=False,
    )
    for sid, (sector, family, territory, pole) in nodes.items():
        G.add_node(
            sid,
            name=f"Structure {sid}",
            family=family,
            sector=sector,
            territory=territory,
            pole=pole,
        )
    for u, v in ties:
        G.add_edge(u, v, weight=1.0, links=1, kinds=("cooperation",))
    G.graph["territory_names"] = {
        x: f"Pays {x}" for x in sorted({n[2] for n in nodes.values()} - {""})
    }
    G.graph["sector_names"] = {x: x.capitalize() for x in sorted({n[0] for n in nodes.values()})}
    return G


@pytest.fixture
def seven() -> nx.Graph:
    return make_graph(SEVEN_NODES, SEVEN_TIES, SEVEN_POLES)


def _table(table: schema.Table, rows: list[dict]) -> pd.DataFrame:
    frame = pd.DataFrame(rows, columns=list(table.names))
    for column in table.columns:
        if column.kind in ("float", "positive", "year", "int"):
            frame[column.name] = pd.to_numeric(frame[column.name], errors="coerce").astype(float)
        else:
            values = frame[column.name].astype(object)
            frame[column.name] = values.where(values.notna(), "").astype(str)
    return frame


@pytest.fixture
def seven_network() -> Network:
    """The ``seven`` graph as clean tables, to go through `cooperation_graph`.

    The tie s1-s2 is made of two links (cooperation and pooling) and there is a
    membership link s1 -> P1, which is not a tie between structures.
    """
    structures = [
        {"id": sid, "name": f"Structure {sid}", "family": f, "sector": s, "territory": t, "pole": p}
        for sid, (s, f, t, p) in SEVEN_NODES.items()
    ]
    poles = [{"id": pid, **{k: v for k, v in meta.items()}} for pid, meta in SEVEN_POLES.items()]
    links = [
        {"source": u, "target": v, "kind": "cooperation", "weight": 1.0} for u, v in SEVEN_TIES
    ]
    links.append({"source": "s2", "target": "s1", "kind": "pooling", "weight": 2.0})
    links.append({"source": "s1", "target": "P1", "kind": "membership", "weight": 1.0})
    for row in links:
        row["status"] = "confirmed"
    return Network(
        structures=_table(schema.STRUCTURES, structures),
        poles=_table(schema.POLES, poles),
        partners=_table(schema.PARTNERS, []),
        links=_table(schema.LINKS, links),
        territories=_table(schema.TERRITORIES, []),
        sectors=_table(schema.SECTORS, []),
    )


@pytest.fixture
def seven_from_tables(seven_network: Network) -> nx.Graph:
    return cooperation_graph(seven_network)


@pytest.fixture
def two_cliques() -> nx.Graph:
    """Two K4 (a1..a4 culture, b1..b4 sport) joined by one tie a1-b1, all in territory T
    and pôle P. m = 13; degrees a1 = b1 = 4, the others 3."""
    nodes = {f"a{i}": ("culture", "association", "T", "P") for i in range(1, 5)}
    nodes |= {f"b{i}": ("sport", "association", "T", "P") for i in range(1, 5)}
    ties = [(f"a{i}", f"a{j}") for i in range(1, 5) for j in range(i + 1, 5)]
    ties += [(f"b{i}", f"b{j}") for i in range(1, 5) for j in range(i + 1, 5)]
    ties.append(("a1", "b1"))
    return make_graph(nodes, ties, {"P": {"name": "Pôle", "territory": "T", "status": "created"}})
