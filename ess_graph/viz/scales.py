"""Which part of the network, at which scale, does the Réseau page draw?

Pure graph functions (no drawing), each returning a new graph and never modifying its input:

- `filter_graph`: the structures of some territories, pôles, sectors and families, and the
  ties of some link kinds started within some years;
- `ego_graph`: a structure and its neighbourhood at depth 1 or 2;
- `pole_graph`, `sector_graph`, `territory_graph`: one node per pôle, sector or territory,
  with the ties between their structures counted on the edges and the ties inside a group
  kept as the node attribute ``internal_ties``.

Aggregated graphs carry the metadata of the input (``G.graph``) plus ``scale`` ("pole",
"sector" or "territory"), so `ess_graph.viz.style.node_styles` and
`ess_graph.viz.layout.compute_layout` work on them as on the structure graph.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Collection, Hashable
from typing import Any

import networkx as nx

from ess_graph.i18n import register, t
from ess_graph.network import induced_subgraph

#: Node id of the group of structures that have no pôle (or no sector, no territory).
NO_POLE = "_no_pole"
NO_SECTOR = "_no_sector"
NO_TERRITORY = "_no_territory"

register(
    {
        "viz.scales.no_pole": {"fr": "Sans pôle", "en": "No pôle"},
        "viz.scales.no_sector": {"fr": "Secteur non renseigné", "en": "Sector not given"},
        "viz.scales.no_territory": {"fr": "Territoire non renseigné", "en": "Territory not given"},
    }
)


def _selected(values: Collection[Any] | None) -> set[str] | None:
    """None or empty means no filter; otherwise the selected values as strings."""
    if values is None or len(values) == 0:
        return None
    return {"" if v is None else str(v) for v in values}


def filter_graph(
    G: nx.Graph,
    *,
    territories: Collection[str] | None = None,
    poles: Collection[str] | None = None,
    sectors: Collection[str] | None = None,
    families: Collection[str] | None = None,
    link_kinds: Collection[str] | None = None,
    years: tuple[int, int] | None = None,
    keep_undated: bool = True,
) -> nx.Graph:
    """The structures and ties that match a selection, as a new graph.

    Parameters
    ----------
    G : networkx.Graph
        A cooperation graph (`ess_graph.network.cooperation_graph`).
    territories, poles, sectors, families : collections of ids, optional
        Keep the structures whose attribute is one of these. None or empty: no filter on
        that attribute. ``""`` in `poles` selects the structures without a pôle.
    link_kinds : collection of str, optional
        Keep a tie when at least one of its links is of one of these kinds (a tie's
        attributes — weight, links — are kept whole, not recomputed for the chosen kinds).
        None or empty: every tie.
    years : (int, int), optional
        Keep ties that **started** within ``[min, max]`` (both included), i.e. whose
        ``since`` (earliest year of its links) lies in the range. With ``min`` at the
        earliest year, this is "the network as it stood at the end of ``max``".
    keep_undated : bool, default True
        Under a year filter, keep ties without a ``since``: an unknown year is not evidence
        that the tie falls outside the range.

    Returns
    -------
    networkx.Graph
        Selected structures (isolated ones included, even when all their ties were
        filtered out) with their attributes, the ties between them that pass the link
        filters, and a copy of ``G.graph``.

    Examples
    --------
    >>> G = nx.Graph()
    >>> G.add_node("a", sector="culture"); G.add_node("b", sector="sport")
    >>> G.add_edge("a", "b", kinds=("pooling",), since=2015)
    >>> H = filter_graph(G, years=(2009, 2012))
    >>> sorted(H.nodes), H.number_of_edges()
    (['a', 'b'], 0)
    """
    wanted = {
        "territory": _selected(territories),
        "pole": _selected(poles),
        "sector": _selected(sectors),
        "family": _selected(families),
    }
    checks = [(attr, values) for attr, values in wanted.items() if values is not None]
    kinds = _selected(link_kinds)
    if years is not None:
        y0, y1 = sorted((int(years[0]), int(years[1])))

    H = nx.Graph()
    H.graph.update(G.graph)
    for n, d in G.nodes(data=True):
        if all(str(d.get(attr, "") or "") in values for attr, values in checks):
            H.add_node(n, **d)
    for u, v, d in G.edges(data=True):
        if u not in H or v not in H:
            continue
        if kinds is not None:
            edge_kinds = d.get("kinds") or ()
            if isinstance(edge_kinds, str):
                edge_kinds = edge_kinds.split("|")
            if not kinds.intersection(map(str, edge_kinds)):
                continue
        if years is not None:
            since = d.get("since")
            if since is None or since != since:  # missing or NaN
                if not keep_undated:
                    continue
            elif not y0 <= int(since) <= y1:
                continue
        H.add_edge(u, v, **d)
    return H


def ego_graph(G: nx.Graph, center: Hashable, depth: int = 1) -> nx.Graph:
    """A structure, the structures within `depth` ties of it, and the ties among them.

    Raises ValueError when `center` is not a node of `G` or `depth` is negative.

    >>> G = nx.path_graph(["a", "b", "c", "d"])
    >>> sorted(ego_graph(G, "a", depth=2).nodes)
    ['a', 'b', 'c']
    """
    if center not in G:
        raise ValueError(f"{center!r} is not a structure of this graph")
    if depth < 0:
        raise ValueError(f"depth must be 0 or more, not {depth}")
    # nx.ego_graph's subgraph iterates a set (hash order): keep G's order instead.
    near = nx.single_source_shortest_path_length(G, center, cutoff=depth)
    return induced_subgraph(G, near)


def _aggregate(
    G: nx.Graph,
    attribute: str,
    groups: dict[str, dict[str, Any]],
    missing_id: str,
    missing_name: str,
    scale: str,
    include_empty: bool,
) -> nx.Graph:
    """One node per value of `attribute`; edges count the ties between groups."""
    members: Counter[str] = Counter()
    group_of: dict[Hashable, str] = {}
    for n, d in G.nodes(data=True):
        value = str(d.get(attribute, "") or "")
        key = value or missing_id
        group_of[n] = key
        members[key] += 1
    internal: Counter[str] = Counter()
    ties: Counter[tuple[str, str]] = Counter()
    strength: defaultdict[tuple[str, str], float] = defaultdict(float)
    for u, v, d in G.edges(data=True):
        a, b = group_of[u], group_of[v]
        if a == b:
            internal[a] += 1
            continue
        pair = (a, b) if a < b else (b, a)
        ties[pair] += 1
        strength[pair] += float(d.get("weight", 1.0))

    A = nx.Graph()
    A.graph.update(G.graph)
    A.graph["scale"] = scale
    keys = set(members) | (set(groups) if include_empty else set())
    for key in sorted(keys):
        info = groups.get(key, {})
        if key == missing_id:
            name, value = missing_name, ""
        else:
            name, value = str(info.get("name", key) or key), key
        attrs: dict[str, Any] = {
            "name": name,
            attribute: value,
            "members": members.get(key, 0),
            "structures": members.get(key, 0),
            "internal_ties": internal.get(key, 0),
            "type": scale,
        }
        for extra in ("territory", "status"):
            if extra in info and extra != attribute:
                attrs[extra] = info[extra]
        A.add_node(key, **attrs)
    for (a, b), count in sorted(ties.items()):
        A.add_edge(a, b, weight=float(count), ties=count, strength=strength[(a, b)])
    return A


def pole_graph(G: nx.Graph, *, include_empty: bool = False, lang: str = "fr") -> nx.Graph:
    """One node per pôle; an edge counts the ties between the structures of two pôles.

    Parameters
    ----------
    G : networkx.Graph
        A cooperation graph whose nodes have ``pole`` and whose ``G.graph["poles"]`` maps
        pôle ids to ``{"name", "territory", "status"}``.
    include_empty : bool, default False
        Also show pôles none of whose structures are in `G`.
    lang : {"fr", "en"}
        Language of the name of the "no pôle" node.

    Returns
    -------
    networkx.Graph
        Nodes: pôle ids, plus `NO_POLE` when some structures have no (known) pôle, with
        ``name``, ``pole`` (id; "" for `NO_POLE`), ``territory``, ``status``, ``members``
        and ``structures`` (both: number of structures), ``internal_ties`` (ties between
        two structures of the pôle), ``type`` = "pole". Edges: ``weight`` and ``ties``
        (number of ties between the two pôles' structures), ``strength`` (sum of those
        ties' weights). ``graph["scale"] == "pole"``.

    Examples
    --------
    >>> G = nx.Graph(poles={"p1": {"name": "Réso", "territory": "rennes", "status": "created"}})
    >>> G.add_nodes_from([("a", {"pole": "p1"}), ("b", {"pole": "p1"}), ("c", {"pole": ""})])
    >>> G.add_edges_from([("a", "b"), ("b", "c")])
    >>> P = pole_graph(G)
    >>> P.nodes["p1"]["internal_ties"], P.edges["p1", NO_POLE]["ties"]
    (1, 1)
    """
    poles = {str(k): dict(v) for k, v in (G.graph.get("poles") or {}).items()}
    return _aggregate(
        G, "pole", poles, NO_POLE, t("viz.scales.no_pole", lang), "pole", include_empty
    )


def sector_graph(G: nx.Graph, *, include_empty: bool = False, lang: str = "fr") -> nx.Graph:
    """One node per sector; an edge counts the cross-sector ties between two sectors.

    Returns
    -------
    networkx.Graph
        Nodes: sector ids (names from ``G.graph["sector_names"]``), plus `NO_SECTOR` when
        needed, with ``name``, ``sector`` (id; "" for `NO_SECTOR`), ``members``,
        ``structures``, ``internal_ties`` (ties within the sector), ``type`` = "sector".
        Edges: ``weight`` = ``ties`` (cross-sector ties), ``strength`` (sum of weights).

    >>> G = nx.Graph(sector_names={"c": "Culture", "s": "Sport"})
    >>> G.add_nodes_from([("a", {"sector": "c"}), ("b", {"sector": "s"}), ("d", {"sector": "s"})])
    >>> G.add_edges_from([("a", "b"), ("a", "d"), ("b", "d")])
    >>> S = sector_graph(G)
    >>> S.edges["c", "s"]["weight"], S.nodes["s"]["internal_ties"]
    (2.0, 1)
    """
    names = {str(k): {"name": v} for k, v in (G.graph.get("sector_names") or {}).items()}
    return _aggregate(
        G, "sector", names, NO_SECTOR, t("viz.scales.no_sector", lang), "sector", include_empty
    )


def territory_graph(G: nx.Graph, *, include_empty: bool = False, lang: str = "fr") -> nx.Graph:
    """One node per territory (pays); an edge counts the ties between two territories.

    Returns
    -------
    networkx.Graph
        Nodes: territory ids (names from ``G.graph["territory_names"]``), plus
        `NO_TERRITORY` when needed, with ``name``, ``territory`` (id), ``members``,
        ``structures``, ``internal_ties``, ``type`` = "territory". Edges: ``weight`` =
        ``ties``, ``strength``.
    """
    names = {str(k): {"name": v} for k, v in (G.graph.get("territory_names") or {}).items()}
    return _aggregate(
        G,
        "territory",
        names,
        NO_TERRITORY,
        t("viz.scales.no_territory", lang),
        "territory",
        include_empty,
    )
