"""A network as clean tables, and the graphs built from them.

`Network` holds the validated tables of the data contract (`ess_graph.schema`). Two
graphs are derived from it:

- the **cooperation graph** (`cooperation_graph`): undirected, simple, over structures
  only. One tie per unordered pair of distinct structures joined by at least one link of
  any kind that counts (see below); the tie keeps its links and its weight is the sum of
  their weights. Every valid structure is a node, isolates included.
- the **typed graph** (`typed_graph`): undirected, simple, over structures, pôles,
  partners, territories and sectors, with the links plus location (structure/pôle ->
  territory), sector (structure -> sector) and membership (structure -> its `pole`) edges.

Which links count (`counted_links`): by default only ``confirmed`` ones. ``proposed``
links (ideas raised in a meeting) count with ``include_proposed=True``. ``declared`` links
(named by one side only in a partnership survey) count according to the rule ``ties``
(`TIES_RULES`), the usual ways of making a directed survey's nominations undirected
(docs/METRICS.md, "Declared ties"):

- ``"confirmed"`` (default): declared links do not count;
- ``"union"``: a tie declared by either side counts (every declared link counts);
- ``"reciprocated"``: a declared link counts only when the other side declared one too
  (declared links A → B and B → A, of any kinds): both then count.

A third graph, `declaration_graph`, keeps the direction of the declarations, for the
reciprocity tables (`ess_graph.analysis.reciprocity`).

Both graphs are built in a **canonical order**, so that nothing computed from them depends
on the order of the rows of the tables (or on which end of a link was typed first): nodes
are added sorted by id (within each node type for the typed graph), edges sorted by their
two ends (``u < v``), and a weight summed over several links is summed in ascending order
of the weights. Two networks holding the same rows in any order give graphs whose nodes,
edges, attributes *and iteration orders* are identical.
"""

from __future__ import annotations

import hashlib
from collections.abc import Hashable, Iterable
from dataclasses import dataclass, field
from typing import Any

import networkx as nx
import numpy as np
import pandas as pd

from ess_graph.i18n import DEFAULT_LANG, register, t
from ess_graph.problems import Problem

#: Prefixes that keep territory and sector node ids apart from structure/pôle/partner ids
#: in the typed graph.
TERRITORY_PREFIX = "territory:"
SECTOR_PREFIX = "sector:"

STRUCTURE_ATTRIBUTES = ("name", "family", "sector", "territory", "pole")
#: Node attributes of the cooperation graph read from the survey columns: sorted tuples of
#: `ess_graph.schema.RESOURCES` codes, ``()`` when none (or when the table has no such
#: column).
RESOURCE_ATTRIBUTES = ("needs", "offers")

#: Rules that say which ``declared`` links (one side of a partnership survey) count as
#: ties; see the module docstring and docs/METRICS.md.
TIES_RULES: tuple[str, ...] = ("confirmed", "union", "reciprocated")


register(
    {
        "ties.definition.confirmed": {
            "fr": "Seuls les liens confirmés comptent : un lien déclaré par un seul côté ne compte pas.",
            "en": "Only confirmed links count: a link declared by one side only does not.",
        },
        "ties.definition.union": {
            "fr": "Un lien compte dès qu'un des deux côtés l'a déclaré : liens confirmés et tous les liens déclarés.",
            "en": "A tie counts as soon as either side declared it: confirmed links and every declared link.",
        },
        "ties.definition.reciprocated": {
            "fr": "Un lien déclaré ne compte que si les deux structures se sont déclarées l'une l'autre : liens confirmés et paires déclarées dans les deux sens.",
            "en": "A declared link counts only when the two structures named each other: confirmed links and pairs declared both ways.",
        },
    }
)


def ties_definition(ties: str, lang: str = DEFAULT_LANG) -> str:
    """One sentence defining a rule of `TIES_RULES`, in French or English.

    >>> ties_definition("union", "en")
    'A tie counts as soon as either side declared it: confirmed links and every declared link.'
    """
    return t(f"ties.definition.{check_ties(ties)}", lang)


def check_ties(ties: str) -> str:
    """`ties` itself when it is one of `TIES_RULES`, else a ValueError naming them.

    >>> check_ties("union")
    'union'
    >>> check_ties("both")
    Traceback (most recent call last):
    ...
    ValueError: ties must be 'confirmed', 'union' or 'reciprocated', not 'both'
    """
    if ties not in TIES_RULES:
        raise ValueError(f"ties must be 'confirmed', 'union' or 'reciprocated', not {ties!r}")
    return ties


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
    # The label dicts are sorted by id, not in the order of the table rows, so that
    # anything iterating them (graph metadata, reports) does not depend on that order.
    def territory_names(self) -> dict[str, str]:
        """Territory id (or label, when there is no territories table) -> display name,
        sorted by id."""
        if len(self.territories):
            return _sorted_dict(zip(self.territories["id"], self.territories["name"], strict=True))
        values = pd.concat([self.structures["territory"], self.poles["territory"]]).unique()
        return {v: v for v in sorted(values) if v}

    def sector_names(self) -> dict[str, str]:
        """Sector id (or label) -> display name, sorted by id."""
        if len(self.sectors):
            return _sorted_dict(zip(self.sectors["id"], self.sectors["name"], strict=True))
        return {v: v for v in sorted(self.structures["sector"].unique()) if v}

    def pole_names(self) -> dict[str, str]:
        """Pôle id -> name, sorted by id."""
        return _sorted_dict(zip(self.poles["id"], self.poles["name"], strict=True))

    def confirmed_links(self) -> pd.DataFrame:
        """Links whose status is ``confirmed`` (an empty status, in a table built by code,
        is the default ``confirmed``): neither ``proposed`` ideas nor ``declared`` links
        named by one side only. A table without a ``status`` column is all confirmed."""
        if "status" not in self.links.columns:
            return self.links
        status = self.links["status"]
        return self.links[_confirmed(status.to_numpy(dtype=object))]

    def has_status(self, status: str) -> bool:
        """Does any link have this status (``"proposed"``, ``"declared"``...)?"""
        return "status" in self.links.columns and bool((self.links["status"] == status).any())


def _confirmed(status: np.ndarray) -> np.ndarray:
    """Mask of the statuses that mean ``confirmed``: the word, or an empty or missing
    cell (the schema's default, for tables built by code)."""
    return (status == "confirmed") | (status == "") | pd.isna(status)


def _sorted_dict(items: Any) -> dict[Any, Any]:
    """A dict of (key, value) pairs in key order (a key seen twice keeps its last value,
    as ``dict`` does; the validator rejects duplicate ids)."""
    out = dict(items)
    return {k: out[k] for k in sorted(out)}


def graph_metadata(net: Network) -> dict[str, Any]:
    """What analysis needs beyond nodes and edges, stored in ``G.graph``.

    Keys: ``poles`` ({pole id: {"name", "territory", "status", "created"}}; ``created``
    the creation year or None), ``territory_names``
    ({territory id or label: display name}), ``territory_coords`` ({territory id: (lat,
    lon)} for territories whose table row has both), ``sector_names`` ({sector id or
    label: display name}), ``is_demo`` (bool). Every dict is sorted by id. The content
    hash is *not* included (it is costly; callers that cache compute it once).
    """
    created = (
        pd.to_numeric(net.poles["created"], errors="coerce")
        if "created" in net.poles.columns
        else pd.Series([float("nan")] * len(net.poles), dtype=float)
    )
    poles = _sorted_dict(
        (
            pid,
            {
                "name": name,
                "territory": terr,
                "status": status,
                "created": None if pd.isna(year) else int(year),
            },
        )
        for pid, name, terr, status, year in zip(
            net.poles["id"],
            net.poles["name"],
            net.poles["territory"],
            net.poles["status"],
            created,
            strict=True,
        )
    )
    coords = {}
    if len(net.territories) and {"lat", "lon"} <= set(net.territories.columns):
        t = net.territories
        lat = pd.to_numeric(t["lat"], errors="coerce")
        lon = pd.to_numeric(t["lon"], errors="coerce")
        ok = lat.notna() & lon.notna()
        coords = _sorted_dict(
            (tid, (float(a), float(b)))
            for tid, a, b in zip(t["id"][ok], lat[ok], lon[ok], strict=True)
        )
    return {
        "poles": poles,
        "territory_names": net.territory_names(),
        "territory_coords": coords,
        "sector_names": net.sector_names(),
        "is_demo": net.is_demo,
    }


def _reciprocated(links: pd.DataFrame, declared: np.ndarray) -> np.ndarray:
    """Mask of the declared links A → B for which a declared link B → A exists."""
    out = np.zeros(len(links), dtype=bool)
    if not declared.any():
        return out
    src = links["source"].to_numpy(dtype=object)[declared]
    tgt = links["target"].to_numpy(dtype=object)[declared]
    forward = pd.MultiIndex.from_arrays([src, tgt])
    backward = pd.MultiIndex.from_arrays([tgt, src])
    out[declared] = backward.isin(forward)
    return out


def counted_links(
    net: Network, *, include_proposed: bool = False, ties: str = "confirmed"
) -> pd.DataFrame:
    """The links that count as cooperation, under the rule `ties` (rows of ``net.links``).

    Parameters
    ----------
    net : Network
    include_proposed : bool, default False
        Count ``proposed`` links (ideas raised in a meeting).
    ties : {"confirmed", "union", "reciprocated"}, default "confirmed"
        Which ``declared`` links count (`TIES_RULES`): none, all, or those whose two
        structures declared each other.

    Returns
    -------
    DataFrame
        The rows of ``net.links`` that count, in their order.

    Examples
    --------
    >>> links = pd.DataFrame({"source": ["a", "b", "a", "c"], "target": ["b", "a", "c", "d"],
    ...     "status": ["declared", "declared", "declared", "confirmed"]})
    >>> net = Network(*(pd.DataFrame() for _ in range(3)), links, pd.DataFrame(), pd.DataFrame())
    >>> [len(counted_links(net, ties=r)) for r in TIES_RULES]
    [1, 4, 3]
    """
    check_ties(ties)
    links = net.links
    if "status" not in links.columns:
        return links
    status = links["status"].to_numpy(dtype=object)
    keep = _confirmed(status)
    if include_proposed:
        keep |= status == "proposed"
    declared = status == "declared"
    if ties == "union":
        keep |= declared
    elif ties == "reciprocated":
        keep |= _reciprocated(links, declared)
    return links[keep]


def declared_pairs(net: Network) -> tuple[tuple[str, str], ...]:
    """The declared links between two structures that no confirmed link backs, as
    ``(source, target)`` pairs (the structure that declared, the partner it named), once
    each, sorted; a pair declared both ways gives both directions.

    These pairs are never suggested as partnerships, whatever the rule (one side already
    named the other: a link to confirm), and the graph view draws them with an arrow.
    A pair that also has a confirmed link is a confirmed tie and is not listed.

    >>> s = pd.DataFrame({"id": ["a", "b", "c"]})
    >>> links = pd.DataFrame({"source": ["b", "a", "c"], "target": ["a", "c", "a"],
    ...     "status": ["declared", "declared", "confirmed"]})
    >>> declared_pairs(Network(s, *(pd.DataFrame() for _ in range(2)), links,
    ...                        pd.DataFrame(), pd.DataFrame()))
    (('b', 'a'),)
    """
    if not net.has_status("declared"):
        return ()
    links = net.links
    ids = net.structures["id"]
    between = (links["source"].isin(ids) & links["target"].isin(ids)).to_numpy()
    status = links["status"].to_numpy(dtype=object)
    lo, hi = _ordered_ends(links["source"], links["target"])
    sure = between & _confirmed(status)
    confirmed = set(zip(lo[sure].tolist(), hi[sure].tolist(), strict=True))
    declared = between & (status == "declared")
    out = {
        (str(u), str(v))
        for u, v, a, b in zip(
            links["source"].to_numpy(dtype=object)[declared].tolist(),
            links["target"].to_numpy(dtype=object)[declared].tolist(),
            lo[declared].tolist(),
            hi[declared].tolist(),
            strict=True,
        )
        if u != v and (a, b) not in confirmed
    }
    return tuple(sorted(out))


def _structure_links(net: Network, include_proposed: bool, ties: str) -> pd.DataFrame:
    links = counted_links(net, include_proposed=include_proposed, ties=ties)
    ids = net.structures["id"]
    mask = links["source"].isin(ids) & links["target"].isin(ids)
    return links.loc[mask]


def _ordered_ends(u: pd.Series, v: pd.Series) -> tuple[np.ndarray, np.ndarray]:
    """The two ends of each row as (smaller, larger) as text: an undirected pair."""
    a = u.to_numpy(dtype=object)
    b = v.to_numpy(dtype=object)
    swap = a > b
    return np.where(swap, b, a), np.where(swap, a, b)


def _edge_table(
    u: pd.Series, v: pd.Series, kind: pd.Series, weight: pd.Series, since: pd.Series
) -> pd.DataFrame:
    """Rows of (u, v) pairs with ``u <= v`` (as text), whatever the direction typed."""
    lo, hi = _ordered_ends(u, v)
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
    # A float sum depends on the order of its terms: each pair's weights are summed in
    # ascending order (groupby keeps the row order within a group), not in the order of
    # the rows of the links table.
    frame = frame.iloc[np.argsort(frame["weight"].to_numpy(), kind="stable")]
    grouped = frame.groupby(["u", "v"], sort=True)
    out = grouped.agg(weight=("weight", "sum"), links=("kind", "size"), since=("since", "min"))
    out["kinds"] = _joined_kinds(frame)
    return out.reset_index()[cols]


def _joined_kinds(frame: pd.DataFrame) -> np.ndarray:
    """Distinct kinds of each (u, v) pair, sorted, joined with "|", in (u, v) order.

    One Python step per extra kind, not per pair (most pairs have a single kind).
    """
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
    return kinds


def ties_frame(
    net: Network, *, include_proposed: bool = False, ties: str = "confirmed"
) -> pd.DataFrame:
    """The ties of the cooperation graph as a table.

    Parameters
    ----------
    net : Network
    include_proposed : bool, default False
        Count links whose status is ``proposed``.
    ties : {"confirmed", "union", "reciprocated"}, default "confirmed"
        Which ``declared`` links count (`counted_links`, `TIES_RULES`).

    Returns
    -------
    DataFrame with columns
        ``u``, ``v``: the two structures (``u < v`` as strings);
        ``weight``: sum of the weights of the links making the tie;
        ``links``: number of links; ``kinds``: sorted distinct kinds joined by ``|``;
        ``since``: earliest year among the links (NaN when none has a year).
    """
    links = _structure_links(net, include_proposed, ties)
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


def induced_subgraph(G: nx.Graph, nodes: Iterable[Hashable]) -> nx.Graph:
    """The subgraph of ``G`` on ``nodes`` (a copy), nodes and ties in ``G``'s order.

    ``G.subgraph(nodes).copy()`` iterates a *set* of the nodes when they are fewer than
    half of ``G``, so its order follows Python's string hash, which changes from one
    process to the next; anything drawn or listed from it would too. ``G.graph`` is copied.

    >>> G = nx.path_graph(["a", "b", "c", "d"])
    >>> list(induced_subgraph(G, {"d", "b", "c"}).edges())
    [('b', 'c'), ('c', 'd')]
    """
    keep = set(nodes)
    H = nx.Graph()
    H.graph.update(G.graph)
    H.add_nodes_from((n, G.nodes[n]) for n in G if n in keep)
    H.add_edges_from((u, v, d) for u, v, d in G.edges(data=True) if u in keep and v in keep)
    return H


def _sorted_rows(frame: pd.DataFrame, column: str = "id") -> pd.DataFrame:
    """The rows of a table sorted by one text column (stable): the canonical node order."""
    order = np.argsort(frame[column].to_numpy(dtype=object), kind="stable")
    return frame.iloc[order]


def _resource_column(frame: pd.DataFrame, column: str) -> list[tuple[str, ...]]:
    """A survey column as one sorted tuple of codes per row (``()`` without the column)."""
    if column not in frame.columns:
        return [()] * len(frame)
    from ess_graph.schema import resource_codes

    cache: dict[Any, tuple[str, ...]] = {}
    out = []
    for cell in frame[column].tolist():
        key = cell if isinstance(cell, str) else ""
        if key not in cache:
            cache[key] = resource_codes(key)
        out.append(cache[key])
    return out


def cooperation_graph(
    net: Network, *, include_proposed: bool = False, ties: str = "confirmed"
) -> nx.Graph:
    """The cooperation graph: structures as nodes, one tie per cooperating pair.

    Parameters
    ----------
    net : Network
    include_proposed : bool, default False
        Count links whose status is ``proposed`` (ideas raised in a meeting).
    ties : {"confirmed", "union", "reciprocated"}, default "confirmed"
        Which ``declared`` links (one side of a survey) count: `counted_links`.

    Returns
    -------
    networkx.Graph
        Nodes are structure ids with the attributes ``name, family, sector, territory,
        pole`` (strings, "" when empty) and ``needs``, ``offers`` (sorted tuples of
        `ess_graph.schema.RESOURCES` codes, ``()`` when none). Edges carry ``weight`` (sum
        of link weights), ``links`` (count), ``kinds`` (sorted tuple of link kinds) and
        ``since`` (earliest year, absent when no link has one). ``G.graph`` holds the
        metadata of `graph_metadata` (pôles, territory and sector names), plus ``ties``
        (the rule used) and ``declared_pairs`` (`declared_pairs`: the ``(source,
        target)`` of each declared link no confirmed link backs, tied under the rule or
        not), so analysis functions need nothing but the graph. Nodes are in id order and ties in ``(u, v)`` order (``u < v``), whatever
        the order of the rows (see the module docstring).
    """
    check_ties(ties)
    G = nx.Graph(**graph_metadata(net), ties=ties, declared_pairs=declared_pairs(net))
    s = _sorted_rows(net.structures)
    names = (*STRUCTURE_ATTRIBUTES, *RESOURCE_ATTRIBUTES)
    cols = [s[c].tolist() for c in STRUCTURE_ATTRIBUTES]
    cols += [_resource_column(s, c) for c in RESOURCE_ATTRIBUTES]
    G.add_nodes_from(
        (sid, dict(zip(names, values, strict=True)))
        for sid, *values in zip(s["id"].tolist(), *cols, strict=True)
    )
    _add_aggregated_edges(
        G, ties_frame(net, include_proposed=include_proposed, ties=ties), with_links=True
    )
    return G


def declaration_graph(net: Network) -> nx.DiGraph:
    """Who named whom: the directed graph of the declarations between structures.

    An edge A → B means that A declared B as a partner. A ``declared`` link gives its own
    direction (``source`` → ``target``); a ``confirmed`` link counts as declared by both
    sides (A → B and B → A). ``proposed`` links (ideas) are left out, and so are links to
    pôles and partners. Several links in one direction make one edge.

    Returns
    -------
    networkx.DiGraph
        Nodes: every structure, in id order, with ``name`` and ``answered`` (whether the
        structure answered the survey: None, unknown, when built from a network; a
        survey sets it). Edges, in (source, target) order, carry ``kinds`` (sorted tuple
        of the link kinds) and ``confirmed`` (True when a confirmed link stands behind
        the edge). Input of `ess_graph.analysis.reciprocity`.

    Examples
    --------
    >>> s = pd.DataFrame({"id": ["a", "b", "c"], "name": ["A", "B", "C"]})
    >>> links = pd.DataFrame({"source": ["a", "b"], "target": ["b", "c"],
    ...     "kind": ["pooling", "cooperation"], "status": ["declared", "confirmed"]})
    >>> D = declaration_graph(Network(s, *(pd.DataFrame() for _ in range(2)), links,
    ...                               pd.DataFrame(), pd.DataFrame()))
    >>> sorted(D.edges()), D.nodes["a"]["answered"]
    ([('a', 'b'), ('b', 'c'), ('c', 'b')], None)
    """
    D = nx.DiGraph()
    s = _sorted_rows(net.structures)
    D.add_nodes_from(
        (sid, {"name": name, "answered": None})
        for sid, name in zip(s["id"].tolist(), s["name"].tolist(), strict=True)
    )
    links = net.links
    if not len(links):
        return D
    status = (
        links["status"].to_numpy(dtype=object)
        if "status" in links.columns
        else np.full(len(links), "confirmed", dtype=object)
    )
    confirmed = _confirmed(status)
    declared = status == "declared"
    ids = set(D)
    edges: dict[tuple[str, str], tuple[set[str], bool]] = {}

    def add(u: str, v: str, kind: str, sure: bool) -> None:
        kinds, was = edges.setdefault((u, v), (set(), False))
        kinds.add(kind)
        edges[u, v] = (kinds, was or sure)

    for u, v, kind, c, d in zip(
        links["source"].tolist(),
        links["target"].tolist(),
        links["kind"].tolist() if "kind" in links.columns else [""] * len(links),
        confirmed.tolist(),
        declared.tolist(),
        strict=True,
    ):
        if u == v or u not in ids or v not in ids or not (c or d):
            continue
        add(u, v, kind, c)
        if c:
            add(v, u, kind, True)
    D.add_edges_from(
        (u, v, {"kinds": tuple(sorted(kinds)), "confirmed": sure})
        for (u, v), (kinds, sure) in sorted(edges.items())
    )
    return D


def typed_graph(
    net: Network, *, include_proposed: bool = False, ties: str = "confirmed"
) -> nx.Graph:
    """The full typed graph: structures, pôles, partners, territories and sectors.

    Parameters
    ----------
    net : Network
    include_proposed : bool, default False
        Count links whose status is ``proposed``.
    ties : {"confirmed", "union", "reciprocated"}, default "confirmed"
        Which ``declared`` links count (`counted_links`), as for `cooperation_graph`.

    Returns
    -------
    networkx.Graph
        Every node has ``type`` in {"structure", "pole", "partner", "territory",
        "sector"} and ``name``. Territory and sector nodes have ids prefixed with
        ``territory:`` and ``sector:``. Edges carry ``kinds`` (sorted tuple; ``located_in``
        for territory edges, ``in_sector`` for sector edges, ``membership`` for a
        structure's ``pole`` column) and ``weight`` (sum of link weights, 1 for derived
        edges). A structure's ``pole`` column and membership links of the same pair say
        the same thing once: the pair's membership counts 1 when the column says it, else
        the largest weight of its membership links.

        Nodes are added by type (structures, pôles, partners, territories, sectors), each
        type in id order; edges in ``(u, v)`` order (``u < v``), whatever the order of the
        rows (see the module docstring).
    """
    check_ties(ties)
    G = nx.Graph(**graph_metadata(net))
    s = _sorted_rows(net.structures)
    G.add_nodes_from(
        (sid, {"type": "structure", **dict(zip(STRUCTURE_ATTRIBUTES, values, strict=True))})
        for sid, *values in zip(
            s["id"].tolist(), *(s[c].tolist() for c in STRUCTURE_ATTRIBUTES), strict=True
        )
    )
    poles = _sorted_rows(net.poles)
    G.add_nodes_from(
        (pid, {"type": "pole", "name": name, "territory": terr, "status": status})
        for pid, name, terr, status in zip(
            poles["id"], poles["name"], poles["territory"], poles["status"], strict=True
        )
    )
    partners = _sorted_rows(net.partners)
    G.add_nodes_from(
        (pid, {"type": "partner", "name": name, "kind": kind})
        for pid, name, kind in zip(partners["id"], partners["name"], partners["kind"], strict=True)
    )
    # Territories and sectors: those of the tables, plus any label used by a structure or
    # a pôle without a row there (named after itself).
    territory_names = net.territory_names()
    used = set(s["territory"]) | set(poles["territory"])
    for tid in sorted((used - set(territory_names)) - {""}):
        territory_names[tid] = tid
    for tid in sorted(territory_names):
        G.add_node(TERRITORY_PREFIX + tid, type="territory", name=territory_names[tid])
    sector_names = net.sector_names()
    for sid in sorted((set(s["sector"]) - set(sector_names)) - {""}):
        sector_names[sid] = sid
    for sid in sorted(sector_names):
        G.add_node(SECTOR_PREFIX + sid, type="sector", name=sector_names[sid])

    def derived(ends: pd.DataFrame, column: str, prefix: str, kind: str) -> pd.DataFrame:
        keep = ends[column] != ""
        return pd.DataFrame(
            {
                "u": ends.loc[keep, "id"].to_numpy(dtype=object),
                "v": (prefix + ends.loc[keep, column].astype(str)).to_numpy(dtype=object),
                "kind": kind,
                "weight": 1.0,
            }
        )

    located = pd.concat(
        [
            derived(s, "territory", TERRITORY_PREFIX, "located_in"),
            derived(poles, "territory", TERRITORY_PREFIX, "located_in"),
            derived(s, "sector", SECTOR_PREFIX, "in_sector"),
        ],
        ignore_index=True,
    )
    # Hash lookups on object arrays: Series.isin on arrow-backed text is several times
    # slower at 10^5 links.
    nodes = pd.Index(list(G), dtype=object)

    def known(values: pd.Series) -> np.ndarray:
        return nodes.get_indexer(values.to_numpy(dtype=object)) >= 0

    member = s[(s["pole"] != "").to_numpy() & known(s["pole"])]  # a pôle id known as a node
    column_members = derived(member, "pole", "", "membership")
    links = counted_links(net, include_proposed=include_proposed, ties=ties)
    ok = known(links["source"]) & known(links["target"])
    ok &= (links["source"] != links["target"]).to_numpy()
    links = links[ok]
    link_rows = pd.DataFrame(
        {
            "u": links["source"].to_numpy(dtype=object),
            "v": links["target"].to_numpy(dtype=object),
            "kind": links["kind"].to_numpy(dtype=object),
            "weight": pd.to_numeric(links["weight"], errors="coerce")
            .fillna(1.0)
            .to_numpy(dtype=float),
        }
    )
    rows = pd.concat([located, column_members, link_rows], ignore_index=True)
    rows["u"], rows["v"] = _ordered_ends(rows["u"], rows["v"])
    # Membership of a pair counts once: the pôle column first, else the strongest link.
    is_member = (rows["kind"] == "membership").to_numpy()
    from_column = np.zeros(len(rows), dtype=bool)
    from_column[len(located) : len(located) + len(column_members)] = True
    memberships = rows[is_member].assign(_column=from_column[is_member])
    memberships = memberships.sort_values(
        ["u", "v", "_column", "weight"], ascending=[True, True, False, False], kind="stable"
    ).drop_duplicates(["u", "v"])
    rows = pd.concat([rows[~is_member], memberships.drop(columns="_column")], ignore_index=True)
    edges = _aggregate_typed(rows)
    G.add_edges_from(
        (u, v, {"kinds": tuple(k.split("|")), "weight": w})
        for u, v, k, w in zip(
            edges["u"].tolist(),
            edges["v"].tolist(),
            edges["kinds"].tolist(),
            edges["weight"].tolist(),
            strict=True,
        )
    )
    return G


def _aggregate_typed(rows: pd.DataFrame) -> pd.DataFrame:
    """One row per pair of the typed graph: summed weight, sorted distinct kinds."""
    if rows.empty:
        return pd.DataFrame(columns=["u", "v", "weight", "kinds"])
    rows = rows.iloc[np.argsort(rows["weight"].to_numpy(dtype=float), kind="stable")]
    out = rows.groupby(["u", "v"], sort=True)["weight"].sum().to_frame()
    out["kinds"] = _joined_kinds(rows)
    return out.reset_index()
