"""Who bridges? Brokers, structural holes and cut points of the cooperation graph.

Per structure: degree, betweenness, Burt's constraint and effective size, the
Gould–Fernandez brokerage roles by sector (adapted to undirected ties) and whether it is
an articulation point. The heavy steps run on compiled or sparse back ends
(`ess_graph.analysis._fast`); networkx is the reference the tests compare them with.
"""

from __future__ import annotations

import networkx as nx
import numpy as np
import pandas as pd
import scipy.sparse as sp

from ess_graph.analysis import _fast

COLUMNS: tuple[str, ...] = (
    "id",
    "degree",
    "weighted_degree",
    "betweenness",
    "constraint",
    "effective_size",
    "brokerage_coordinator",
    "brokerage_consultant",
    "brokerage_representative",
    "brokerage_liaison",
    "articulation_point",
)

ROLES: tuple[str, ...] = ("coordinator", "consultant", "representative", "liaison")


def structure_centrality(
    G: nx.Graph,
    *,
    attribute: str = "sector",
    exact_up_to: int = 5000,
    k: int = 500,
    seed: int = 2009,
    burt_weight: str | None = None,
) -> pd.DataFrame:
    """Bridging measures of every structure of the cooperation graph.

    Parameters
    ----------
    G : networkx.Graph
        The cooperation graph (`ess_graph.network.cooperation_graph`); not modified.
    attribute : str, default "sector"
        Node attribute whose values define the groups of the brokerage roles.
    exact_up_to : int, default 5000
        Betweenness is exact up to this many structures, sampled beyond.
    k : int, default 500
        Number of pivot sources of sampled betweenness.
    seed : int, default 2009
        Seed of the pivot draw (``random.Random(seed).sample`` over the nodes sorted by
        id, as networkx on a graph built in that order).
    burt_weight : str or None, default None
        Edge attribute used as tie strength in Burt's constraint and effective size. The
        default treats every tie alike (a declared intensity is not comparable between
        sources); pass ``"weight"`` to use the summed link weights.

    Returns
    -------
    DataFrame, one row per node in the order of ``G`` (the values do not depend on that
    order: they are computed on the canonical order of `_fast.graph_arrays`), with columns
        ``id``: the structure id;
        ``degree``: number of structures it is tied to;
        ``weighted_degree``: sum of the ``weight`` of its ties (1 when missing);
        ``betweenness``: normalised, unweighted betweenness (Freeman 1977; Brandes 2001),
        the share of shortest paths between two other structures that pass through it,
        ``2 g(v) / ((n - 1)(n - 2))``;
        ``constraint``: Burt's constraint ``sum_j (p_ij + sum_q p_iq p_qj)^2`` over its
        neighbours j, with ``p_ij`` the share of i's ties (or tie strength) that go to j;
        NaN for isolates;
        ``effective_size``: Burt's effective size ``sum_j (1 - sum_q p_iq m_jq)``,
        ``m_jq`` the strength of j's tie to q over j's strongest tie (unweighted: degree
        minus twice the ties among its neighbours over its degree; Borgatti 1997); NaN for
        isolates;
        ``brokerage_coordinator``, ``brokerage_consultant``,
        ``brokerage_representative``, ``brokerage_liaison``: Gould–Fernandez counts
        (see `brokerage_roles`);
        ``articulation_point``: bool, removing it splits its component.

    ``df.attrs`` records ``betweenness_method`` ("exact" or "sampled"), ``betweenness_k``,
    ``betweenness_seed`` (None when exact), ``attribute`` and ``burt_weight``.

    References
    ----------
    Burt, R. S. (1992). *Structural Holes*. Harvard University Press.
    Gould, R. V. & Fernandez, R. M. (1989). Structures of mediation. *Sociological
    Methodology* 19, 89–126.
    Brandes, U. (2001). A faster algorithm for betweenness centrality. *J. Math. Sociol.*
    25(2), 163–177.

    Examples
    --------
    A path a–b–c: b is the only broker, a consultant between two structures of the
    culture sector, and a cut point.

    >>> G = nx.Graph()
    >>> G.add_nodes_from([("a", {"sector": "culture"}), ("b", {"sector": "sport"}),
    ...                   ("c", {"sector": "culture"})])
    >>> G.add_edges_from([("a", "b"), ("b", "c")])
    >>> df = structure_centrality(G)
    >>> df.set_index("id").loc["b", ["betweenness", "constraint", "brokerage_consultant"]].tolist()
    [1.0, 0.5, 1.0]
    >>> df["articulation_point"].tolist()
    [False, True, False]
    """
    arrays = _fast.graph_arrays(G)
    n = arrays.n
    degree = arrays.degree()
    weighted_degree = np.bincount(arrays.src, arrays.weight, minlength=n) + np.bincount(
        arrays.dst, arrays.weight, minlength=n
    )
    g = arrays.igraph()
    btw, info = _fast.betweenness(arrays, exact_up_to=exact_up_to, k=k, seed=seed, graph=g)
    if burt_weight is None:
        burt_arrays = _fast.unweighted(arrays)
    elif burt_weight == "weight":
        burt_arrays = arrays
    else:
        burt_arrays = _fast.graph_arrays(G, weight=burt_weight)
    constraint, effective = burt_measures(burt_arrays, weighted=burt_weight is not None)
    groups = [G.nodes[v].get(attribute, "") for v in arrays.nodes]
    roles = _roles(arrays, groups)
    # Computed in the canonical order of `arrays`, given back in the order of G.
    back = arrays.in_graph_order
    df = pd.DataFrame(
        {
            "id": list(G),
            "degree": back(degree.astype(np.int64)),
            "weighted_degree": back(weighted_degree),
            "betweenness": back(btw),
            "constraint": back(constraint),
            "effective_size": back(effective),
            **{f"brokerage_{r}": back(roles[r]) for r in ROLES},
            "articulation_point": back(_fast.articulation_points(arrays, graph=g)),
        },
        columns=list(COLUMNS),
    )
    df.attrs.update(info)
    df.attrs.update(attribute=attribute, burt_weight=burt_weight)
    return df


def burt_measures(
    arrays: _fast.GraphArrays, *, weighted: bool = False
) -> tuple[np.ndarray, np.ndarray]:
    """Burt's constraint and effective size of every node, with sparse matrices.

    ``P`` is the adjacency (0/1 or weights) divided by its row sums and ``M`` the
    adjacency divided by its row maxima. For every tie (i, j):
    local constraint ``(P_ij + (P @ P)_ij)^2`` and redundancy ``(P @ M.T)_ij``; only
    the entries on ties are computed (`_fast.masked_product`), so memory stays linear in
    the number of ties. Same formulas as ``nx.constraint`` and ``nx.effective_size``.
    """
    A = arrays.adjacency(weighted=weighted)
    n = arrays.n
    strength = _fast.row_sums(A)
    row_max = A.max(axis=1).toarray().ravel() if n else np.zeros(0)
    with np.errstate(divide="ignore", invalid="ignore"):
        inv_s = np.where(strength > 0, 1.0 / strength, 0.0)
        inv_max = np.where(row_max > 0, 1.0 / row_max, 0.0)
    P = sp.csr_matrix(sp.diags(inv_s) @ A)
    M = sp.csr_matrix(sp.diags(inv_max) @ A)
    mask = A.copy()
    mask.data = np.ones_like(mask.data)
    indirect = _fast.masked_product(P, P, mask)
    local = (P + indirect).power(2)
    constraint = _fast.row_sums(local)
    redundancy = _fast.row_sums(_fast.masked_product(P, M.T.tocsr(), mask))
    effective = np.diff(A.indptr).astype(float) - redundancy
    isolated = strength == 0
    constraint[isolated] = np.nan
    effective[isolated] = np.nan
    return constraint, effective


def brokerage_roles(G: nx.Graph, *, attribute: str = "sector") -> pd.DataFrame:
    """Gould–Fernandez brokerage roles for undirected ties, counted per structure.

    Gould & Fernandez (1989) classify each directed 2-path a → v → b with no tie a → b by
    the groups of a, v and b. With undirected ties there is no direction, so each *open*
    2-path a – v – b (a and b distinct neighbours of v, not tied to each other) is
    counted once for its middle v, as:

    - **coordinator**: a, v and b all in the same group;
    - **consultant** (itinerant broker): a and b in one group, v in another;
    - **representative** (merged with gatekeeper): v shares its group with exactly one of
      a and b — without direction, representing one's group outwards and gatekeeping
      inwards are the same 2-path;
    - **liaison**: a, v and b in three different groups.

    A structure without group ("", None, NaN or no attribute) gets NaN in every role; a 2-path
    with an end of empty group is not counted. The four counts of v add up to the number
    of its open 2-paths between structures of known group.

    Returns
    -------
    DataFrame with columns ``id, coordinator, consultant, representative, liaison``.

    Examples
    --------
    A star centred on s (sector x) with leaves a, b (x) and c (y): pairs {a, b}
    coordinator, {a, c} and {b, c} representative.

    >>> G = nx.star_graph(["s", "a", "b", "c"])
    >>> nx.set_node_attributes(G, {"s": "x", "a": "x", "b": "x", "c": "y"}, "sector")
    >>> brokerage_roles(G).set_index("id").loc["s"].tolist()
    [1.0, 0.0, 2.0, 0.0]
    """
    arrays = _fast.graph_arrays(G, weight=None)
    groups = [G.nodes[v].get(attribute, "") for v in arrays.nodes]
    roles = _roles(arrays, groups)
    return pd.DataFrame({"id": list(G), **{r: arrays.in_graph_order(roles[r]) for r in ROLES}})


def _roles(arrays: _fast.GraphArrays, groups: list[object]) -> dict[str, np.ndarray]:
    """Vectorised brokerage counts.

    With ``A`` the 0/1 adjacency among structures of known group, ``S`` its ties inside
    a group and ``D = A - S`` its ties across groups, for each v: all neighbour pairs by
    type come from group counts ``K = A @ H`` (H the group indicator matrix), and the
    *closed* pairs (a tied to b) by type from triangle counts on ties:
    all ``½ rowsum(A ∘ A²)``, same group ``½ rowsum(A ∘ A S)``, same group as v
    ``½ rowsum(S ∘ S²)``, one in v's group ``rowsum(S ∘ D²)``. Open = all − closed.
    """
    n = arrays.n
    # a group is any value but None, NaN (g != g) and the empty string
    known = np.array([g is not None and g == g and g != "" for g in groups], dtype=bool)
    codes, _ = pd.factorize(
        pd.Series([g if k else None for g, k in zip(groups, known, strict=True)], dtype=object)
    )
    out = {r: np.full(n, np.nan) for r in ROLES}
    keep = known[arrays.src] & known[arrays.dst]
    src, dst = arrays.src[keep], arrays.dst[keep]
    ones = np.ones(len(src))
    A = sp.csr_matrix(
        (np.concatenate([ones, ones]), (np.concatenate([src, dst]), np.concatenate([dst, src]))),
        shape=(n, n),
    )
    same_tie = codes[src] == codes[dst]
    s1 = np.ones(int(same_tie.sum()))
    S = sp.csr_matrix(
        (
            np.concatenate([s1, s1]),
            (
                np.concatenate([src[same_tie], dst[same_tie]]),
                np.concatenate([dst[same_tie], src[same_tie]]),
            ),
        ),
        shape=(n, n),
    )
    D = sp.csr_matrix(A - S)
    deg = _fast.row_sums(A)
    n_groups = int(codes.max()) + 1 if known.any() else 0
    kidx = np.flatnonzero(known)
    H = sp.csr_matrix((np.ones(len(kidx)), (kidx, codes[kidx])), shape=(n, max(n_groups, 1)))
    # neighbours of v per group, kept sparse (an attribute may have many groups)
    K = sp.csr_matrix(A @ H)
    own = _fast.row_sums(S)  # neighbours in v's own group

    def pairs(x: np.ndarray) -> np.ndarray:
        return x * (x - 1) / 2.0

    closed_all = _fast.row_sums(_fast.masked_product(A, A, A)) / 2.0
    closed_same = _fast.row_sums(_fast.masked_product(A, S, A)) / 2.0
    closed_own = _fast.row_sums(_fast.masked_product(S, S, S)) / 2.0
    closed_rep = _fast.row_sums(_fast.masked_product(D, D, S))
    open_all = pairs(deg) - closed_all
    K.data = pairs(K.data)
    open_same = _fast.row_sums(K) - closed_same
    coordinator = pairs(own) - closed_own
    representative = own * (deg - own) - closed_rep
    consultant = open_same - coordinator
    liaison = open_all - open_same - representative
    for name, values in zip(ROLES, (coordinator, consultant, representative, liaison), strict=True):
        # counts are integers computed in floating point: round away rounding noise
        out[name][known] = np.rint(values[known])
    return out
