"""A network as clean tables, and the graphs built from them.

`Network` holds the validated tables of the data contract (`ess_graph.schema`). Two
graphs are derived from it:

- the **cooperation graph** (`cooperation_graph`): undirected, simple, over structures
  only. One tie per unordered pair of distinct structures joined by at least one link of
  any kind; the tie keeps its links and its weight is the sum of their weights. Every
  valid structure is a node, isolates included.
- the **typed graph** (`typed_graph`): undirected, simple, over structures, pôles,
  partners, territories and sectors, with the links plus location (structure/pôle ->
  territory), sector (structure -> sector) and membership (structure -> its `pole`) edges.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from typing import Any

import networkx as nx
import numpy as np
import pandas as pd

from ess_graph.problems import Problem

#: Prefixes that keep territory and sector node ids apart from structure/pôle/partner ids
#: in the typed graph.
TERRITORY_PREFIX = "territory:"
SECTOR_PREFIX = "sector:"

STRUCTURE_ATTRIBUTES = ("name", "family", "sector", "territory", "pole")


@dataclass
class Network:
    """The clean tables of one network, plus the problems found while reading it.

    Every table is a DataFrame whose columns follow `ess_graph.schema`: text columns hold
    `str` ("" when empty), numeric columns hold floats (NaN when empty) or nullable
    integers. `territories` and `sectors` are empty frames with their columns when the
    input had no such table.
    """

    structures: pd.DataFrame
    poles: pd.DataFrame
    partners: pd.DataFrame
    links: pd.DataFrame
    territories: pd.DataFrame
    sectors: pd.DataFrame
    problems: list[Problem] = field(default_factory=list)
    source: str = ""
    is_demo: bool = False
    meta: dict[str, Any] = field(default_factory=dict)

    def tables(self) -> dict[str, pd.DataFrame]:
        return {
            "structures": self.structures,
            "poles": self.poles,
            "partners": self.partners,
            "links": self.links,
            "territories": self.territories,
            "sectors": self.sectors,
        }

    def content_hash(self) -> str:
        """A stable hash of the tables' content, used as a cache key."""
        h = hashlib.sha256()
        for name, frame in self.tables().items():
            h.update(name.encode())
            h.update(",".join(map(str, frame.columns)).encode())
            h.update(pd.util.hash_pandas_object(frame.astype(str), index=False).values.tobytes())
        return h.hexdigest()

    # Labels -------------------------------------------------------------------------
    def territory_names(self) -> dict[str, str]:
        """Territory id (or label, when there is no territories table) -> display name."""
        if len(self.territories):
            return dict(zip(self.territories["id"], self.territories["name"], strict=True))
        values = pd.concat([self.structures["territory"], self.poles["territory"]]).unique()
        return {v: v for v in values if v}

    def sector_names(self) -> dict[str, str]:
        """Sector id (or label) -> display name."""
        if len(self.sectors):
            return dict(zip(self.sectors["id"], self.sectors["name"], strict=True))
        return {v: v for v in self.structures["sector"].unique() if v}

    def pole_names(self) -> dict[str, str]:
        return dict(zip(self.poles["id"], self.poles["name"], strict=True))

    def confirmed_links(self) -> pd.DataFrame:
        """Links whose status is not `proposed` (proposed links are partnership ideas)."""
        if "status" not in self.links.columns:
            return self.links
        return self.links[self.links["status"] != "proposed"]


def graph_metadata(net: Network) -> dict[str, Any]:
    """What analysis needs beyond nodes and edges, stored in ``G.graph``.

    Keys: ``poles`` ({pole id: {"name", "territory", "status"}}), ``territory_names``
    ({territory id or label: display name}), ``territory_coords`` ({territory id: (lat,
    lon)} for territories whose table row has both), ``sector_names`` ({sector id or
    label: display name}), ``is_demo`` (bool). The content hash is *not* included (it is
    costly; callers that cache compute it once).
    """
    poles = {
        pid: {"name": name, "territory": terr, "status": status}
        for pid, name, terr, status in zip(
            net.poles["id"],
            net.poles["name"],
            net.poles["territory"],
            net.poles["status"],
            strict=True,
        )
    }
    coords = {}
    if len(net.territories) and {"lat", "lon"} <= set(net.territories.columns):
        t = net.territories
        lat = pd.to_numeric(t["lat"], errors="coerce")
        lon = pd.to_numeric(t["lon"], errors="coerce")
        ok = lat.notna() & lon.notna()
        coords = {
            tid: (float(a), float(b))
            for tid, a, b in zip(t["id"][ok], lat[ok], lon[ok], strict=True)
        }
    return {
        "poles": poles,
        "territory_names": net.territory_names(),
        "territory_coords": coords,
        "sector_names": net.sector_names(),
        "is_demo": net.is_demo,
    }


def _structure_links(net: Network, include_proposed: bool) -> pd.DataFrame:
    links = net.links if include_proposed else net.confirmed_links()
    ids = net.structures["id"]
    mask = links["source"].isin(ids) & links["target"].isin(ids)
    return links.loc[mask]


def _edge_table(
    u: pd.Series, v: pd.Series, kind: pd.Series, weight: pd.Series, since: pd.Series
) -> pd.DataFrame:
    """Rows of (u, v) pairs with ``u <= v`` (as text), whatever the direction typed."""
    src = u.to_numpy(dtype=object)
    tgt = v.to_numpy(dtype=object)
    swap = src > tgt
    lo = np.where(swap, tgt, src)
    hi = np.where(swap, src, tgt)
    return pd.DataFrame(
        {
            "u": lo,
            "v": hi,
            "kind": kind.to_numpy(dtype=object),
            "weight": pd.to_numeric(weight, errors="coerce").fillna(1.0).to_numpy(dtype=float),
            "since": pd.to_numeric(since, errors="coerce").to_numpy(dtype=float),
        }
    )


def _aggregate_edges(frame: pd.DataFrame) -> pd.DataFrame:
    """One row per pair: summed weight, link count, sorted distinct kinds, earliest year."""
    cols = ["u", "v", "weight", "links", "kinds", "since"]
    if frame.empty:
        return pd.DataFrame(columns=cols)
    grouped = frame.groupby(["u", "v"], sort=True)
    out = grouped.agg(weight=("weight", "sum"), links=("kind", "size"), since=("since", "min"))
    # Distinct kinds per pair, sorted, joined with "|": one Python step per extra kind,
    # not per pair (most ties have a single kind).
    distinct = frame[["u", "v", "kind"]].drop_duplicates().sort_values(["u", "v", "kind"])
    u = distinct["u"].to_numpy(dtype=object)
    v = distinct["v"].to_numpy(dtype=object)
    kind = distinct["kind"].to_numpy(dtype=object)
    starts = np.ones(len(distinct), dtype=bool)
    starts[1:] = (u[1:] != u[:-1]) | (v[1:] != v[:-1])
    group = np.cumsum(starts) - 1
    kinds = kind[starts].copy()
    for i in np.flatnonzero(~starts):
        kinds[group[i]] = f"{kinds[group[i]]}|{kind[i]}"
    out["kinds"] = kinds
    return out.reset_index()[cols]


def ties_frame(net: Network, *, include_proposed: bool = False) -> pd.DataFrame:
    """The ties of the cooperation graph as a table.

    Returns
    -------
    DataFrame with columns
        ``u``, ``v``: the two structures (``u < v`` as strings);
        ``weight``: sum of the weights of the links making the tie;
        ``links``: number of links; ``kinds``: sorted distinct kinds joined by ``|``;
        ``since``: earliest year among the links (NaN when none has a year).
    """
    links = _structure_links(net, include_proposed)
    return _aggregate_edges(
        _edge_table(
            links["source"], links["target"], links["kind"], links["weight"], links["since"]
        )
    )


def _add_aggregated_edges(G: nx.Graph, edges: pd.DataFrame, *, with_links: bool) -> None:
    since = edges["since"].to_numpy(dtype=float)
    kinds = [tuple(k.split("|")) for k in edges["kinds"].tolist()]
    weights = edges["weight"].astype(float).tolist()
    counts = edges["links"].astype(int).tolist()

    def attrs(i: int) -> dict[str, Any]:
        d: dict[str, Any] = {"weight": weights[i], "kinds": kinds[i]}
        if with_links:
            d["links"] = counts[i]
        if since[i] == since[i]:  # not NaN
            d["since"] = int(since[i])
        return d

    G.add_edges_from(
        (u, v, attrs(i))
        for i, (u, v) in enumerate(zip(edges["u"].tolist(), edges["v"].tolist(), strict=True))
    )


def cooperation_graph(net: Network, *, include_proposed: bool = False) -> nx.Graph:
    """The cooperation graph: structures as nodes, one tie per cooperating pair.

    Parameters
    ----------
    net : Network
    include_proposed : bool, default False
        Count links whose status is ``proposed`` (ideas raised in a meeting).

    Returns
    -------
    networkx.Graph
        Nodes are structure ids with the attributes ``name, family, sector, territory,
        pole`` (strings, "" when empty). Edges carry ``weight`` (sum of link weights),
        ``links`` (count), ``kinds`` (sorted tuple of link kinds) and ``since`` (earliest
        year, absent when no link has one). ``G.graph`` holds the metadata of
        `graph_metadata` (pôles, territory and sector names), so analysis functions need
        nothing but the graph.
    """
    G = nx.Graph(**graph_metadata(net))
    s = net.structures
    cols = [s[c].tolist() for c in STRUCTURE_ATTRIBUTES]
    G.add_nodes_from(
        (sid, dict(zip(STRUCTURE_ATTRIBUTES, values, strict=True)))
        for sid, *values in zip(s["id"].tolist(), *cols, strict=True)
    )
    _add_aggregated_edges(G, ties_frame(net, include_proposed=include_proposed), with_links=True)
    return G


def typed_graph(net: Network, *, include_proposed: bool = False) -> nx.Graph:
    """The full typed graph: structures, pôles, partners, territories and sectors.

    Returns
    -------
    networkx.Graph
        Every node has ``type`` in {"structure", "pole", "partner", "territory",
        "sector"} and ``name``. Territory and sector nodes have ids prefixed with
        ``territory:`` and ``sector:``. Edges carry ``kinds`` (sorted tuple; ``located_in``
        for territory edges, ``in_sector`` for sector edges, ``membership`` for a
        structure's ``pole`` column) and ``weight`` (sum of link weights, 1 for derived
        edges).
    """
    G = nx.Graph(**graph_metadata(net))
    s = net.structures
    for row in s.itertuples(index=False):
        G.add_node(
            row.id,
            type="structure",
            **{c: getattr(row, c) for c in STRUCTURE_ATTRIBUTES},
        )
    for row in net.poles.itertuples(index=False):
        G.add_node(row.id, type="pole", name=row.name, territory=row.territory, status=row.status)
    for row in net.partners.itertuples(index=False):
        G.add_node(row.id, type="partner", name=row.name, kind=row.kind)
    territory_names = net.territory_names()
    for tid, tname in territory_names.items():
        G.add_node(TERRITORY_PREFIX + tid, type="territory", name=tname)
    for sid, sname in net.sector_names().items():
        G.add_node(SECTOR_PREFIX + sid, type="sector", name=sname)

    def add(u: str, v: str, kind: str, weight: float = 1.0) -> None:
        if G.has_edge(u, v):
            data = G.edges[u, v]
            data["kinds"] = tuple(sorted(set(data["kinds"]) | {kind}))
            data["weight"] += weight
        else:
            G.add_edge(u, v, kinds=(kind,), weight=weight)

    for sid, terr, sector, pole in zip(
        s["id"], s["territory"], s["sector"], s["pole"], strict=True
    ):
        if terr:
            if TERRITORY_PREFIX + terr not in G:
                G.add_node(TERRITORY_PREFIX + terr, type="territory", name=terr)
            add(sid, TERRITORY_PREFIX + terr, "located_in")
        if sector:
            if SECTOR_PREFIX + sector not in G:
                G.add_node(SECTOR_PREFIX + sector, type="sector", name=sector)
            add(sid, SECTOR_PREFIX + sector, "in_sector")
        if pole and pole in G:
            add(sid, pole, "membership")
    for pid, terr in zip(net.poles["id"], net.poles["territory"], strict=True):
        if terr:
            if TERRITORY_PREFIX + terr not in G:
                G.add_node(TERRITORY_PREFIX + terr, type="territory", name=terr)
            add(pid, TERRITORY_PREFIX + terr, "located_in")
    links = net.links if include_proposed else net.confirmed_links()
    weights = pd.to_numeric(links["weight"], errors="coerce").fillna(1.0)
    for u, v, kind, w in zip(links["source"], links["target"], links["kind"], weights, strict=True):
        if u in G and v in G and u != v:
            if kind == "membership" and G.has_edge(u, v) and "membership" in G.edges[u, v]["kinds"]:
                continue  # the pole column and a membership link say the same thing once
            add(u, v, kind, float(w))
    return G
