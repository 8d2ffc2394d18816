"""Which communities exist de facto, and do they match the pôles?

Louvain communities of the cooperation graph (seeded, deterministic), the modularity of
that partition and of the partition into pôles, and the agreement of the two partitions
(normalised mutual information).
"""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Hashable, Sequence

import networkx as nx
import numpy as np
import pandas as pd

from ess_graph.analysis import _fast


def communities(
    G: nx.Graph,
    *,
    seed: int = 2009,
    resolution: float = 1.0,
    weight: str | None = None,
    method: str = "igraph",
) -> pd.DataFrame:
    """Louvain communities of the cooperation graph.

    Parameters
    ----------
    G : networkx.Graph
        The cooperation graph; not modified.
    seed : int, default 2009
        Seed of the random node order of Louvain; the same seed gives the same partition.
    resolution : float, default 1.0
        Resolution of the modularity (above 1: smaller communities).
    weight : str or None, default None
        Edge attribute used as tie strength; by default every tie counts alike.
    method : {"igraph", "networkx"}, default "igraph"
        ``"igraph"``: igraph's multilevel algorithm (compiled; its random generator is
        set to ``random.Random(seed)`` for the call). ``"networkx"``:
        ``nx.community.louvain_communities(canonical_graph(G), seed=seed)`` (slower, same
        algorithm family; the two methods may find different partitions of similar
        modularity).

    Returns
    -------
    DataFrame with columns
        ``id``: the structure id (order of ``G``; the partition does not depend on that
        order: Louvain runs on the nodes sorted by id, see `_fast.graph_arrays`);
        ``community``: int, 0 for the largest community, then by decreasing size (ties
        broken by the smallest member id as text). Isolates are communities of their
        own (singletons, numbered last).

    References
    ----------
    Blondel, V. D., Guillaume, J.-L., Lambiotte, R. & Lefebvre, E. (2008). Fast unfolding
    of communities in large networks. *J. Stat. Mech.* P10008.

    Examples
    --------
    Two triangles joined by one tie, and an isolate:

    >>> G = nx.Graph([(1, 2), (2, 3), (1, 3), (4, 5), (5, 6), (4, 6), (3, 4)])
    >>> G.add_node(7)
    >>> communities(G)["community"].tolist()
    [0, 0, 0, 1, 1, 1, 2]
    """
    nodes = list(G)
    if method == "igraph":
        arrays = _fast.graph_arrays(G, weight=weight)
        labels = arrays.in_graph_order(
            _fast.louvain(arrays, seed=seed, resolution=resolution, weighted=bool(weight))
        )
    elif method == "networkx":
        index = {v: i for i, v in enumerate(nodes)}
        labels = np.zeros(len(nodes), dtype=np.int64)
        blocks = nx.community.louvain_communities(
            canonical_graph(G), weight=weight, resolution=resolution, seed=seed
        )
        for c, block in enumerate(blocks):
            labels[[index[v] for v in block]] = c
    else:
        raise ValueError(f"unknown method {method!r}: use 'igraph' or 'networkx'")
    return pd.DataFrame({"id": nodes, "community": _renumber(nodes, labels)})


def canonical_graph(G: nx.Graph) -> nx.Graph:
    """A copy of ``G`` whose nodes, and each node's neighbours, are in canonical order.

    networkx's Louvain visits nodes and neighbours in the graph's own order (shuffled by
    the seed): on this copy its result depends only on the graph and the seed.

    >>> H = canonical_graph(nx.Graph([("c", "b"), ("b", "a")]))
    >>> list(H), list(H.adj["b"])
    (['a', 'b', 'c'], ['a', 'c'])
    """
    H = nx.Graph()
    H.graph.update(G.graph)
    order = _fast.canonical_order(G)
    H.add_nodes_from((v, G.nodes[v]) for v in order)
    position = {v: i for i, v in enumerate(order)}
    ends = sorted(
        (min(position[u], position[v]), max(position[u], position[v])) for u, v in G.edges()
    )
    H.add_edges_from((order[i], order[j], G.edges[order[i], order[j]]) for i, j in ends)
    return H


def _renumber(nodes: Sequence[Hashable], labels: np.ndarray) -> np.ndarray:
    """Community numbers by decreasing size, ties by the smallest member id as text."""
    if len(labels) == 0:
        return labels.astype(np.int64)
    sizes = Counter(labels.tolist())
    first: dict[int, str] = {}
    for v, c in zip(nodes, labels.tolist(), strict=True):
        key = str(v)
        if c not in first or key < first[c]:
            first[c] = key
    order = sorted(sizes, key=lambda c: (-sizes[c], first[c]))
    new = {c: i for i, c in enumerate(order)}
    return np.array([new[c] for c in labels.tolist()], dtype=np.int64)


def _has_pole(value: object) -> bool:
    """A pôle is any value but None, NaN (``value != value``) and the empty string."""
    return value is not None and value == value and value != ""


def pole_blocks(G: nx.Graph) -> list[set[Hashable]]:
    """The partition of the structures by pôle; a structure without pôle is its own block."""
    blocks: dict[str, set[Hashable]] = {}
    alone: list[set[Hashable]] = []
    for v, pole in G.nodes(data="pole", default=""):
        if _has_pole(pole):
            blocks.setdefault(pole, set()).add(v)
        else:
            alone.append({v})
    return [*blocks.values(), *alone]


def modularity(
    G: nx.Graph, labels: Sequence[Hashable], *, weight: str | None = None, resolution: float = 1.0
) -> float:
    """Newman's modularity of a labelling of the nodes (in the order of ``G``).

    ``Q = sum_c [ L_c / m - resolution * (D_c / 2m)^2 ]``, ``L_c`` the ties (or weight)
    inside block c, ``D_c`` the sum of degrees of its nodes, ``m`` the number of ties.
    Vectorised; equals ``nx.community.modularity``. NaN when the graph has no tie.

    >>> G = nx.Graph([(1, 2), (3, 4)])
    >>> modularity(G, ["a", "a", "b", "b"])
    0.5
    """
    arrays = _fast.graph_arrays(G, weight=weight)
    return _modularity(arrays, arrays.from_graph_order(list(labels)), resolution)


def _modularity(
    arrays: _fast.GraphArrays, labels: Sequence[Hashable], resolution: float = 1.0
) -> float:
    codes, _ = pd.factorize(pd.Series(list(labels), dtype=object))
    w = arrays.weight
    m = float(w.sum())
    if m == 0:
        return math.nan
    k = len(codes) and int(codes.max()) + 1
    inside = codes[arrays.src] == codes[arrays.dst]
    internal = np.bincount(codes[arrays.src][inside], w[inside], minlength=k)
    degree = np.bincount(arrays.src, w, minlength=arrays.n) + np.bincount(
        arrays.dst, w, minlength=arrays.n
    )
    total = np.bincount(codes, degree, minlength=k)
    return float((internal / m - resolution * (total / (2 * m)) ** 2).sum())


def normalized_mutual_information(a: Sequence[Hashable], b: Sequence[Hashable]) -> float:
    """NMI of two labellings of the same items, arithmetic normalisation.

    ``NMI = I(A; B) / ((H(A) + H(B)) / 2)`` (Danon et al. 2005; scikit-learn's default),
    entropies with natural logarithms. 1.0 when both labellings have a single block
    (identical), NaN for no items.

    >>> normalized_mutual_information([0, 0, 1, 1], [5, 5, 7, 7])
    1.0
    >>> normalized_mutual_information([0, 0, 1, 1], [0, 1, 0, 1])
    0.0
    """
    if len(a) != len(b):
        raise ValueError("the two labellings must have the same length")
    n = len(a)
    if n == 0:
        return math.nan
    ca, _ = pd.factorize(pd.Series(list(a), dtype=object))
    cb, _ = pd.factorize(pd.Series(list(b), dtype=object))
    joint = Counter(zip(ca.tolist(), cb.tolist(), strict=True))
    pa = np.bincount(ca) / n
    pb = np.bincount(cb) / n
    h_a = float(-(pa * np.log(pa)).sum())
    h_b = float(-(pb * np.log(pb)).sum())
    if h_a == 0.0 and h_b == 0.0:
        return 1.0
    mi = 0.0
    for (i, j), count in joint.items():
        p = count / n
        mi += p * math.log(p / (pa[i] * pb[j]))
    return max(0.0, mi / ((h_a + h_b) / 2))


def partition_summary(
    G: nx.Graph,
    *,
    seed: int = 2009,
    resolution: float = 1.0,
    weight: str | None = None,
    partition: pd.DataFrame | None = None,
) -> pd.DataFrame:
    """How well the pôles and the Louvain communities partition the cooperation graph.

    Parameters
    ----------
    G : networkx.Graph
        The cooperation graph; not modified.
    seed, resolution, weight
        As in `communities`.
    partition : DataFrame, optional
        The output of `communities` when already computed (avoids running Louvain twice).

    Returns
    -------
    DataFrame with one row and columns
        ``modularity_poles``: modularity of the partition into pôles, each structure
        without a pôle being a block of its own (NaN without ties);
        ``modularity_communities``: modularity of the Louvain partition;
        ``nmi_poles_communities``: NMI (arithmetic) between pôle and community, over the
        structures that belong to a pôle only (a structure without pôle has no pôle label
        to agree with; NaN when none has one);
        ``communities``: number of communities (isolates included).

    ``df.attrs`` records ``seed``, ``resolution`` and ``weight``.

    >>> G = nx.Graph([(1, 2), (2, 3), (1, 3), (4, 5), (5, 6), (4, 6), (3, 4)])
    >>> nx.set_node_attributes(G, {1: "p", 2: "p", 3: "p", 4: "q", 5: "q", 6: "q"}, "pole")
    >>> partition_summary(G).iloc[0].round(4).tolist()
    [0.3571, 0.3571, 1.0, 2.0]
    """
    if partition is None:
        partition = communities(G, seed=seed, resolution=resolution, weight=weight)
    labels = dict(zip(partition["id"], partition["community"], strict=True))
    arrays = _fast.graph_arrays(G, weight=weight)
    nodes = arrays.nodes  # canonical: the sums below do not depend on G's order
    community_labels = [labels[v] for v in nodes]
    poles = [p if _has_pole(p := G.nodes[v].get("pole")) else "" for v in nodes]
    pole_labels: list[Hashable] = [p if p else ("", i) for i, p in enumerate(poles)]
    with_pole = [i for i, p in enumerate(poles) if p]
    nmi = (
        normalized_mutual_information(
            [poles[i] for i in with_pole], [community_labels[i] for i in with_pole]
        )
        if with_pole
        else math.nan
    )
    df = pd.DataFrame(
        {
            "modularity_poles": [_modularity(arrays, pole_labels, resolution)],
            "modularity_communities": [_modularity(arrays, community_labels, resolution)],
            "nmi_poles_communities": [nmi],
            "communities": [len(set(community_labels))],
        }
    )
    df.attrs.update(seed=seed, resolution=resolution, weight=weight)
    return df
