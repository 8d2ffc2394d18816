"""Compiled and sparse back ends shared by the bridging and community analyses.

How can the heavy graph measures run on 25,000 or 250,000 structures? The cooperation
graph is turned once into integer arrays (`GraphArrays`): a node order, each tie once as a
pair of indices, and its weight. From them come a symmetric `scipy.sparse` adjacency
matrix (vectorised formulas: Burt's measures, brokerage counts, modularity) and a
python-igraph graph (compiled betweenness, articulation points, Louvain).

networkx stays the model and the reference: tests check that every fast path gives the
networkx numbers on random graphs. python-igraph is GPL-2.0-or-later, which fits the
project's GPL-3.0-or-later licence.

The arrays are in a **canonical order**, not in the order nodes were added to the graph:
nodes sorted (`canonical_order`), ties sorted by their two indices. Seeded steps (Louvain's
random node order, the pivots of sampled betweenness) and floating-point sums (igraph's
path counts, sparse row sums) then see the same numbering for the same graph, so their
results do not depend on the order of the rows the graph was built from, nor on Python's
string hash (a subgraph induced by a set iterates in hash order).
"""

from __future__ import annotations

import random
import threading
from collections.abc import Hashable, Iterable, Sequence
from dataclasses import dataclass

import igraph as ig
import networkx as nx
import numpy as np
import pandas as pd
import scipy.sparse as sp

#: Target number of stored entries of one row block of a sparse product (bounds memory).
BLOCK_ENTRIES = 4_000_000

_RNG_LOCK = threading.Lock()


def canonical_order(nodes: Iterable[Hashable]) -> list[Hashable]:
    """The nodes sorted: by value when they compare (text by code point, numbers by
    value), else by type name then ``repr``. The order every seeded step runs on.

    >>> canonical_order(["b", "a", "c"])
    ['a', 'b', 'c']
    >>> canonical_order([2, "x", 1])
    [1, 2, 'x']
    """
    nodes = list(nodes)
    try:
        return sorted(nodes)
    except TypeError:
        return sorted(nodes, key=lambda n: (type(n).__name__, repr(n)))


@dataclass(frozen=True)
class GraphArrays:
    """An undirected simple graph as arrays, in canonical order.

    ``nodes[i]`` is the node of index ``i`` (`canonical_order`); ``src[e]``, ``dst[e]``
    are the two ends of tie ``e`` (each tie once, ``src < dst``, self-loops dropped, ties
    sorted by ``(src, dst)``); ``weight[e]`` its weight. ``graph_order[k]`` is the index
    of the k-th node of ``G`` (in ``G``'s own order), to give results back in that order.
    """

    nodes: list[Hashable]
    src: np.ndarray
    dst: np.ndarray
    weight: np.ndarray
    graph_order: np.ndarray | None = None  # None: G's own order is the canonical one

    def _graph_order(self) -> np.ndarray:
        if self.graph_order is None:
            return np.arange(self.n, dtype=np.int64)
        return self.graph_order

    def in_graph_order(self, values: np.ndarray) -> np.ndarray:
        """Per-node values (indexed like ``nodes``) rearranged in the order of ``G``."""
        return np.asarray(values)[self._graph_order()]

    def from_graph_order(self, values: Sequence[object]) -> list[object]:
        """Per-node values given in the order of ``G``, rearranged like ``nodes``."""
        out: list[object] = [None] * self.n
        for k, i in enumerate(self._graph_order().tolist()):
            out[i] = values[k]
        return out

    @property
    def n(self) -> int:
        return len(self.nodes)

    @property
    def m(self) -> int:
        return len(self.src)

    def adjacency(self, *, weighted: bool = False) -> sp.csr_matrix:
        """Symmetric CSR adjacency matrix (0/1, or tie weights when ``weighted``)."""
        values = self.weight if weighted else np.ones(self.m)
        rows = np.concatenate([self.src, self.dst])
        cols = np.concatenate([self.dst, self.src])
        data = np.concatenate([values, values]).astype(float)
        A = sp.csr_matrix((data, (rows, cols)), shape=(self.n, self.n))
        A.sum_duplicates()
        A.sort_indices()
        return A

    def degree(self) -> np.ndarray:
        """Number of neighbours of each node."""
        return np.bincount(self.src, minlength=self.n) + np.bincount(self.dst, minlength=self.n)

    def igraph(self) -> ig.Graph:
        """The same graph as an undirected python-igraph graph (vertex i = ``nodes[i]``)."""
        edges = np.column_stack([self.src, self.dst]).astype(np.int64)
        return ig.Graph(n=self.n, edges=edges, directed=False)


def graph_arrays(G: nx.Graph, *, weight: str | None = "weight") -> GraphArrays:
    """Turn an undirected networkx graph into `GraphArrays` without changing it.

    A missing or non-numeric weight counts as 1. Self-loops are dropped (the cooperation
    graph has none: a link from a structure to itself is rejected when reading). The
    arrays do not depend on the order nodes and edges were added to ``G``.

    >>> G = nx.Graph([("b", "a", {"weight": 2.0}), ("a", "c")])
    >>> arr = graph_arrays(G)
    >>> arr.nodes, arr.src.tolist(), arr.dst.tolist(), arr.weight.tolist()
    (['a', 'b', 'c'], [0, 0], [1, 2], [2.0, 1.0])
    >>> arr.graph_order.tolist()  # G's nodes b, a, c are at indices 1, 0, 2
    [1, 0, 2]
    """
    if G.is_directed() or G.is_multigraph():
        raise nx.NetworkXNotImplemented("only simple undirected graphs are supported")
    nodes = list(G)
    adj = G.adj
    degree = np.fromiter((len(nbrs) for nbrs in adj.values()), dtype=np.int64, count=len(nodes))
    # Each tie is seen from both ends; the one from its smaller index is kept. Walking the
    # adjacency in comprehensions and hashing the ends in one vectorised lookup is several
    # times faster than a dict lookup per edge of G.edges() on large graphs.
    src = np.repeat(np.arange(len(nodes), dtype=np.int64), degree)
    index = pd.Index(nodes, dtype=object, tupleize_cols=False)
    ends = [v for nbrs in adj.values() for v in nbrs]
    dst = index.get_indexer(pd.Index(ends, dtype=object, tupleize_cols=False)).astype(np.int64)
    keep = src < dst
    if weight:
        raw = [d.get(weight, 1.0) for nbrs in adj.values() for d in nbrs.values()]
        try:
            w = np.asarray(raw, dtype=float)
        except (TypeError, ValueError):
            w = pd.to_numeric(pd.Series(raw, dtype=object), errors="coerce").to_numpy(float)
        w = np.where(np.isnan(w), 1.0, w)
        w = w[keep]
    else:
        w = np.ones(int(keep.sum()))
    src, dst = src[keep], dst[keep]
    n = len(nodes)
    canonical = canonical_order(nodes)
    if canonical == nodes:
        graph_order = np.arange(n, dtype=np.int64)
    else:
        graph_order = (
            pd.Index(canonical, dtype=object, tupleize_cols=False)
            .get_indexer(index)
            .astype(np.int64)
        )
        src, dst = graph_order[src], graph_order[dst]
        src, dst = np.minimum(src, dst), np.maximum(src, dst)
    by_ends = np.argsort(src * max(n, 1) + dst, kind="stable")
    return GraphArrays(canonical, src[by_ends], dst[by_ends], w[by_ends], graph_order)


def unweighted(arrays: GraphArrays) -> GraphArrays:
    """The same ties, every weight 1."""
    return GraphArrays(arrays.nodes, arrays.src, arrays.dst, np.ones(arrays.m), arrays.graph_order)


def masked_product(X: sp.csr_matrix, Y: sp.csr_matrix, mask: sp.csr_matrix) -> sp.csr_matrix:
    """``(X @ Y)`` kept only where ``mask`` is non-zero, computed by row blocks.

    The full product of two adjacency-like matrices has one entry per 2-hop pair, which
    grows with the square of the degrees; computing it block by block bounds the memory
    to about `BLOCK_ENTRIES` entries at a time.
    """
    n = X.shape[0]
    X = sp.csr_matrix(X)
    Y = sp.csr_matrix(Y)
    mask = sp.csr_matrix(mask)
    # Entries of row i of X @ Y are at most the sum, over X's row i, of Y's row lengths.
    y_row = np.diff(Y.indptr).astype(float)
    work = X.copy()
    work.data = np.ones_like(work.data)
    per_row = work @ y_row
    blocks: list[sp.csr_matrix] = []
    start = 0
    cumulative = np.cumsum(per_row)
    while start < n:
        base = cumulative[start - 1] if start else 0.0
        stop = int(np.searchsorted(cumulative, base + BLOCK_ENTRIES, side="right"))
        stop = max(stop, start + 1)
        stop = min(stop, n)
        Z = X[start:stop] @ Y
        blocks.append(sp.csr_matrix(Z.multiply(mask[start:stop])))
        start = stop
    if not blocks:
        return sp.csr_matrix((n, Y.shape[1]))
    return sp.csr_matrix(sp.vstack(blocks, format="csr"))


def row_sums(M: sp.spmatrix) -> np.ndarray:
    return np.asarray(M.sum(axis=1)).ravel()


def betweenness(
    arrays: GraphArrays,
    *,
    exact_up_to: int = 5000,
    k: int = 500,
    seed: int = 2009,
    graph: ig.Graph | None = None,
) -> tuple[np.ndarray, dict[str, object]]:
    """Normalised, unweighted betweenness with igraph; the numbers of networkx.

    Exact (Brandes) when the graph has at most ``exact_up_to`` nodes or ``k >= n``;
    otherwise estimated from ``k`` pivot sources drawn with ``random.Random(seed).sample``
    over the canonical node order, exactly as ``nx.betweenness_centrality(G, k=k,
    seed=seed)`` does on a graph whose nodes were added in that order, and rescaled the
    same way (a pivot's own value is averaged over the k - 1 other pivots). Returns the
    values in the order of ``arrays.nodes`` and a description of the method.
    """
    n = arrays.n
    info: dict[str, object] = {"betweenness_method": "exact", "betweenness_k": None}
    info["betweenness_seed"] = None
    if n < 3:
        return np.zeros(n), info
    g = graph if graph is not None else arrays.igraph()
    if n <= exact_up_to or k >= n:
        raw = np.asarray(g.betweenness(directed=False), dtype=float)
        return raw * 2.0 / ((n - 1) * (n - 2)), info
    pivots = random.Random(seed).sample(range(n), k)
    raw = np.asarray(g.betweenness(directed=False, sources=pivots), dtype=float)
    scale = np.full(n, 2.0 / (k * (n - 2)))
    scale[pivots] = 2.0 / ((k - 1) * (n - 2)) if k > 1 else np.nan
    info.update(betweenness_method="sampled", betweenness_k=k, betweenness_seed=seed)
    return raw * scale, info


def articulation_points(arrays: GraphArrays, *, graph: ig.Graph | None = None) -> np.ndarray:
    """Boolean array: is node i a cut vertex (its removal adds a component)?"""
    out = np.zeros(arrays.n, dtype=bool)
    if arrays.m:
        g = graph if graph is not None else arrays.igraph()
        out[g.articulation_points()] = True
    return out


def louvain(
    arrays: GraphArrays, *, seed: int = 2009, resolution: float = 1.0, weighted: bool = False
) -> np.ndarray:
    """Louvain (igraph's multilevel) membership per node (in the order of
    ``arrays.nodes``), deterministic for a seed and a graph.

    igraph draws random numbers from a process-wide generator; it is swapped, under a
    lock, for a `random.Random(seed)` during the call and restored afterwards, so two runs
    with the same seed give the same partition and other callers are not disturbed.
    """
    if arrays.n == 0:
        return np.zeros(0, dtype=np.int64)
    g = arrays.igraph()
    weights = arrays.weight.tolist() if weighted else None
    with _RNG_LOCK:
        ig.set_random_number_generator(random.Random(seed))
        try:
            clustering = g.community_multilevel(weights=weights, resolution=resolution)
        finally:
            ig.set_random_number_generator(random)
    return np.asarray(clustering.membership, dtype=np.int64)
