"""Compiled and sparse back ends shared by the bridging and community analyses.

How can the heavy graph measures run on 25,000 or 250,000 structures? The cooperation
graph is turned once into integer arrays (`GraphArrays`): a node order, each tie once as a
pair of indices, and its weight. From them come a symmetric `scipy.sparse` adjacency
matrix (vectorised formulas: Burt's measures, brokerage counts, modularity) and a
python-igraph graph (compiled betweenness, articulation points, Louvain).

networkx stays the model and the reference: tests check that every fast path gives the
networkx numbers on random graphs. python-igraph is GPL-2.0-or-later, which fits the
project's GPL-3.0-or-later licence.
"""

from __future__ import annotations

import random
import threading
from collections.abc import Hashable
from dataclasses import dataclass

import igraph as ig
import networkx as nx
import numpy as np
import pandas as pd
import scipy.sparse as sp

#: Target number of stored entries of one row block of a sparse product (bounds memory).
BLOCK_ENTRIES = 4_000_000

_RNG_LOCK = threading.Lock()


@dataclass(frozen=True)
class GraphArrays:
    """An undirected simple graph as arrays.

    ``nodes[i]`` is the node of index ``i`` (the order of ``G``); ``src[e]``, ``dst[e]``
    are the two ends of tie ``e`` (each tie once, ``src < dst``, self-loops dropped);
    ``weight[e]`` its weight.
    """

    nodes: list[Hashable]
    src: np.ndarray
    dst: np.ndarray
    weight: np.ndarray

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
    graph has none: a link from a structure to itself is rejected when reading).

    >>> G = nx.Graph([("b", "a", {"weight": 2.0}), ("a", "c")])
    >>> arr = graph_arrays(G)
    >>> arr.nodes, arr.src.tolist(), arr.dst.tolist(), arr.weight.tolist()
    (['b', 'a', 'c'], [0, 1], [1, 2], [2.0, 1.0])
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
    return GraphArrays(nodes, src[keep], dst[keep], w)


def unweighted(arrays: GraphArrays) -> GraphArrays:
    """The same ties, every weight 1."""
    return GraphArrays(arrays.nodes, arrays.src, arrays.dst, np.ones(arrays.m))


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
    over the node order, exactly as ``nx.betweenness_centrality(G, k=k, seed=seed)`` does,
    and rescaled the same way (a pivot's own value is averaged over the k - 1 other
    pivots). Returns the values in node order and a description of the method.
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
    """Louvain (igraph's multilevel) membership per node, deterministic for a seed.

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
