"""How much do sectors (families, territories, pôles) cooperate with each other?

Question 1 of the analysis engine. Every function takes the cooperation graph ``G``
(`ess_graph.network.cooperation_graph`) and returns a DataFrame:

- `mixing_table` / `mixing_matrix`: tie counts between groups of an attribute, the count
  expected under the configuration model, and their ratio;
- `ei_indices`: Krackhardt & Stern's E-I index per group and for the whole network, with
  its expected value and a seeded permutation test;
- `assortativity`: Newman's attribute assortativity coefficient;
- `structure_diversity`: per structure, its cross-sector ties and the Blau diversity of
  its partners' sectors.

A structure whose attribute is "" (no pôle, unknown sector...) belongs to no group of that
attribute: its ties count in the degree totals and in ``m`` of the configuration model,
but never as internal or cross-group ties. Definitions and sources: docs/METRICS.md.
The computations use numpy arrays of edge endpoint codes, so they stay fast at 25,000
structures; networkx is the reference they are tested against.
"""

from __future__ import annotations

from collections.abc import Sequence

import networkx as nx
import numpy as np
import pandas as pd

#: Value of the ``group`` column on the whole-network row of `ei_indices`.
ALL_GROUPS = "__all__"

MIXING_COLUMNS = ["group_a", "group_b", "observed", "expected", "ratio"]
EI_COLUMNS = [
    "attribute",
    "group",
    "members",
    "internal_ties",
    "external_ties",
    "ei_index",
    "ei_expected",
    "ei_p_value",
]

# Bound on the cells of one block of the permutation test (relabellings x max(structures,
# ties)): blocks of int16 labels, so a few arrays of 16 to 64 MB at most.
_PERMUTATION_CELLS = 8_000_000


# Building blocks ----------------------------------------------------------------------
class _Skeleton:
    """The ties as two arrays of node positions, and the degrees; shared by attributes."""

    def __init__(self, G: nx.Graph) -> None:
        # Sorted, not G's insertion order: a subgraph's order follows Python's per-process
        # string hash, and the seeded relabellings must not depend on it.
        self.nodes = sorted(G.nodes, key=str)
        index = {node: i for i, node in enumerate(self.nodes)}
        m = G.number_of_edges()
        # One pass over the ties (graph iteration is the slow part at 10^6 ties).
        ends = np.fromiter((index[x] for e in G.edges() for x in e), dtype=np.int64, count=2 * m)
        self.u, self.v = ends[0::2].copy(), ends[1::2].copy()
        self.m = m
        n = len(self.nodes)
        self.degree = np.bincount(self.u, minlength=n) + np.bincount(self.v, minlength=n)


class _Coded:
    """The graph as arrays: node index of each tie end, group code of each node.

    ``codes[i]`` is the group of node ``i`` (index in ``groups``, sorted) or -1 when its
    attribute is "". ``degree`` counts ties (a self-loop counts 2, as in networkx).
    """

    def __init__(self, G: nx.Graph, attribute: str, skeleton: _Skeleton | None = None) -> None:
        sk = skeleton or _Skeleton(G)
        self.nodes, self.u, self.v, self.m, self.degree = sk.nodes, sk.u, sk.v, sk.m, sk.degree
        values = [str(G.nodes[n].get(attribute) or "") for n in self.nodes]
        self.groups: list[str] = sorted(set(values) - {""})
        position = {g: i for i, g in enumerate(self.groups)}
        position[""] = -1
        self.codes = np.fromiter((position[x] for x in values), dtype=np.int64, count=len(values))

    @property
    def k(self) -> int:
        return len(self.groups)

    def degree_totals(self) -> np.ndarray:
        """D_a: the sum of the degrees of the members of each group."""
        labelled = self.codes >= 0
        return np.bincount(
            self.codes[labelled], weights=self.degree[labelled], minlength=self.k
        ).astype(float)

    def members(self) -> np.ndarray:
        return np.bincount(self.codes[self.codes >= 0], minlength=self.k)

    def counts(self) -> np.ndarray:
        """Symmetric k x k tie counts: a within-group tie once on the diagonal, a
        cross-group tie in both cells. Ties touching an ungrouped node are left out."""
        cu, cv = self.codes[self.u], self.codes[self.v]
        both = (cu >= 0) & (cv >= 0)
        k = self.k
        flat = np.bincount(cu[both] * k + cv[both], minlength=k * k).reshape(k, k)
        sym = flat + flat.T
        sym[np.diag_indices(k)] //= 2
        return sym


def _expected_counts(coded: _Coded) -> np.ndarray:
    """Configuration-model expected ties: D_a·D_b/(2m) off the diagonal, D_a²/(4m) on it."""
    d = coded.degree_totals()
    if coded.m == 0:
        return np.zeros((coded.k, coded.k))
    expected = np.outer(d, d) / (2.0 * coded.m)
    expected[np.diag_indices(coded.k)] /= 2.0
    return expected


def _ratio(observed: np.ndarray, expected: np.ndarray) -> np.ndarray:
    with np.errstate(divide="ignore", invalid="ignore"):
        return np.where(expected > 0, observed / np.where(expected > 0, expected, 1.0), np.nan)


def _ei(external: np.ndarray, internal: np.ndarray) -> np.ndarray:
    total = external + internal
    with np.errstate(divide="ignore", invalid="ignore"):
        return np.where(total > 0, (external - internal) / np.where(total > 0, total, 1), np.nan)


# Mixing -------------------------------------------------------------------------------
def mixing_table(G: nx.Graph, *, attribute: str = "sector") -> pd.DataFrame:
    """Observed and expected ties between every pair of groups of an attribute.

    Parameters
    ----------
    G : networkx.Graph
        The cooperation graph.
    attribute : str, default "sector"
        Node attribute defining the groups ("sector", "family", "territory", "pole").

    Returns
    -------
    DataFrame with one row per unordered pair of groups ``group_a <= group_b`` (diagonal
    included), sorted, and columns
        ``group_a``, ``group_b``: group values;
        ``observed``: number of ties between them (within the group when equal);
        ``expected``: ties expected under the configuration model, ``D_a·D_b/(2m)`` for
        ``a != b`` and ``D_a²/(4m)`` for ``a = b`` (``D_a`` the sum of the degrees of
        group a, ``m`` the number of ties of ``G``);
        ``ratio``: observed / expected, NaN when expected is 0.

    Examples
    --------
    >>> G = nx.Graph([(1, 2), (2, 3)])
    >>> nx.set_node_attributes(G, {1: "culture", 2: "culture", 3: "sport"}, "sector")
    >>> mixing_table(G)[["group_a", "group_b", "observed", "expected"]]
       group_a  group_b  observed  expected
    0  culture  culture         1     1.125
    1  culture    sport         1     0.750
    2    sport    sport         0     0.125

    References
    ----------
    Newman, M. E. J. (2010). *Networks: An Introduction*, §7.13 (the null model
    k_i·k_j/(2m) of modularity) and ch. 13 (the configuration model).
    """
    coded = _Coded(G, attribute)
    observed = coded.counts()
    expected = _expected_counts(coded)
    ia, ib = np.triu_indices(coded.k)
    groups = np.array(coded.groups, dtype=object)
    obs = observed[ia, ib]
    exp = expected[ia, ib]
    return pd.DataFrame(
        {
            "group_a": pd.Series(groups[ia].tolist(), dtype=None if len(ia) else object),
            "group_b": pd.Series(groups[ib].tolist(), dtype=None if len(ib) else object),
            "observed": obs.astype(np.int64),
            "expected": exp.astype(float),
            "ratio": _ratio(obs, exp),
        },
        columns=MIXING_COLUMNS,
    )


def mixing_matrix(
    G: nx.Graph, *, attribute: str = "sector", value: str = "observed"
) -> pd.DataFrame:
    """The square group x group matrix of observed ties, expected ties or their ratio.

    Parameters
    ----------
    G : networkx.Graph
    attribute : str, default "sector"
    value : {"observed", "expected", "ratio"}, default "observed"

    Returns
    -------
    DataFrame
        Groups (sorted) as index (named after ``attribute``) and as columns. A tie inside
        a group is counted once on the diagonal, a tie between two groups in both cells;
        "expected" and "ratio" follow `mixing_table`. The matrix is symmetric.

    Examples
    --------
    >>> G = nx.Graph([(1, 2), (2, 3)])
    >>> nx.set_node_attributes(G, {1: "culture", 2: "culture", 3: "sport"}, "sector")
    >>> mixing_matrix(G)  # doctest: +NORMALIZE_WHITESPACE
             culture  sport
    sector
    culture        1      1
    sport          1      0
    """
    if value not in ("observed", "expected", "ratio"):
        raise ValueError(f"value must be 'observed', 'expected' or 'ratio', not {value!r}")
    coded = _Coded(G, attribute)
    observed = coded.counts()
    if value == "observed":
        data: np.ndarray = observed.astype(np.int64)
    elif value == "expected":
        data = _expected_counts(coded)
    else:
        data = _ratio(observed, _expected_counts(coded))
    index = pd.Index(coded.groups, name=attribute)
    return pd.DataFrame(data, index=index, columns=pd.Index(coded.groups))


# E-I index ----------------------------------------------------------------------------
def _permutation_null(
    coded_list: list[_Coded], n_permutations: int, seed: int, chunk: int | None = None
) -> list[tuple[np.ndarray, np.ndarray]]:
    """Internal ties and degree totals per group for ``n_permutations`` relabellings.

    Each relabelling draws one random order of all the nodes (seeded, shared by every
    attribute, so an attribute's result does not depend on which others are asked for).
    For an attribute, the grouped nodes in that random order receive the labels of the
    grouped nodes in their own order: a uniform shuffle of the labels over the grouped
    nodes, group sizes kept, ungrouped nodes staying ungrouped, the graph unchanged.
    Returns, per attribute, two arrays of shape (n_permutations, k): internal ties I and
    degree totals D (external ties are D - 2I).
    """
    rng = np.random.default_rng(seed)
    n = len(coded_list[0].nodes) if coded_list else 0
    prepared = []
    for coded in coded_list:
        labelled = coded.codes >= 0
        position = np.cumsum(labelled) - 1  # node index -> index among grouped nodes
        both = labelled[coded.u] & labelled[coded.v]
        lu, lv = position[coded.u[both]], position[coded.v[both]]
        # Ties sorted by their first end: the gathers below then read memory in order.
        lu, lv = np.minimum(lu, lv), np.maximum(lu, lv)
        by_end = np.lexsort((lv, lu))
        dtype = np.int16 if coded.k < 2**15 - 1 else np.int32
        prepared.append(
            (
                labelled,
                int(labelled.sum()),
                coded.codes.astype(dtype),
                coded.degree[labelled].astype(float),
                lu[by_end],
                lv[by_end],
            )
        )
    out = [
        (np.zeros((n_permutations, c.k), np.int64), np.zeros((n_permutations, c.k)))
        for c in coded_list
    ]
    if n_permutations == 0 or n == 0:
        return out
    widest = max([n] + [len(p[4]) for p in prepared])
    if chunk is None:
        chunk = max(1, min(n_permutations, _PERMUTATION_CELLS // widest))
    nodes = np.arange(n, dtype=np.int32)
    for start in range(0, n_permutations, chunk):
        p = min(chunk, n_permutations - start)
        # Generator.permuted shuffles each row in turn, so the stream consumed (hence the
        # result) does not depend on the chunk size.
        order = rng.permuted(np.broadcast_to(nodes, (p, n)), axis=1)
        rows = np.arange(p, dtype=np.int32)[:, None]
        for coded, (labelled, n_grouped, codes, degree, lu, lv), (internal, totals) in zip(
            coded_list, prepared, out, strict=True
        ):
            k = coded.k
            if k == 0:
                continue
            if n_grouped == n:
                shuffled = codes[order]
            else:
                shuffled = codes[order[labelled[order]].reshape(p, n_grouped)]
            totals[start : start + p] = np.bincount(
                (shuffled + rows * k).ravel(),
                weights=np.broadcast_to(degree, shuffled.shape).ravel(),
                minlength=p * k,
            ).reshape(p, k)
            if len(lu) == 0:
                continue
            cu = shuffled[:, lu]
            same = cu == shuffled[:, lv]
            # A tie is internal to group g when both ends carry g: keep the groups of the
            # ties whose two ends agree (row-major), offset each by its row, count.
            kept = cu[same].astype(np.intp)
            kept += np.repeat(np.arange(p, dtype=np.intp) * k, same.sum(axis=1))
            internal[start : start + p] = np.bincount(kept, minlength=p * k).reshape(p, k)
    return out


def _nanmean(values: np.ndarray) -> float:
    values = values[~np.isnan(values)]
    return float(values.mean()) if len(values) else float("nan")


def _two_sided_p(observed: float, null: np.ndarray) -> float:
    """Two-sided permutation p-value with the +1 correction of Phipson & Smyth (2010):
    p = min(1, 2·min(P(X <= obs), P(X >= obs))) with P(X >= obs) = (1 + #{X >= obs})/(n + 1).
    Relabellings whose E-I is undefined (NaN) are left out of n."""
    if observed != observed:
        return float("nan")
    null = null[~np.isnan(null)]
    n = len(null)
    if n == 0:
        return float("nan")
    tol = 1e-12
    upper = (1 + np.count_nonzero(null >= observed - tol)) / (n + 1)
    lower = (1 + np.count_nonzero(null <= observed + tol)) / (n + 1)
    return float(min(1.0, 2 * min(upper, lower)))


def ei_indices(
    G: nx.Graph,
    *,
    attributes: Sequence[str] = ("sector", "family", "territory", "pole"),
    n_permutations: int = 1000,
    seed: int = 2009,
    expected: str = "configuration",
    _chunk: int | None = None,
) -> pd.DataFrame:
    """Krackhardt & Stern's E-I index of every group, and of the whole network.

    For a group: I = ties with both ends in the group, E = ties with exactly one end in
    it (the other end in another group or in no group), E-I = (E − I)/(E + I), from −1
    (all ties inside) to +1 (all ties outside), NaN when E + I = 0. For the whole network
    (row ``group == "__all__"``): I = ties inside any group, E = ties between two different
    groups, ties touching a node with no group left out.

    Parameters
    ----------
    G : networkx.Graph
    attributes : sequence of str, default ("sector", "family", "territory", "pole")
    n_permutations : int, default 1000
        Relabellings for the permutation test (0 skips it: p-values are NaN).
    seed : int, default 2009
        Seed of the permutation test. The random node orders are shared by the
        attributes, so an attribute's p-value depends only on the graph and the seed.
    expected : {"configuration", "permutation"}, default "configuration"
        How ``ei_expected`` is computed. "configuration": the E-I of the tie counts
        expected under the configuration model given the group's degree total ``D_a``
        (the same model as `mixing_table`): I* = D_a²/(4m), E* = D_a − 2·I*, and
        ``(E* − I*)/(E* + I*)``; for the whole network I* = Σ_a D_a²/(4m) and
        E* = Σ_{a<b} D_a·D_b/(2m) over the groups. "permutation": the mean E-I over the
        relabellings of the permutation test.

    Returns
    -------
    DataFrame with, per attribute, one row per group (sorted) then the whole-network row,
    and columns
        ``attribute``; ``group`` (``"__all__"`` for the whole network);
        ``members``: structures in the group (all structures with a group on the
        whole-network row);
        ``internal_ties``, ``external_ties``: I and E;
        ``ei_index``: (E − I)/(E + I);
        ``ei_expected``: see ``expected``;
        ``ei_p_value``: two-sided permutation p-value: the group labels are shuffled over
        the structures that have one (group sizes and the graph kept), the E-I is
        recomputed, and p = min(1, 2·min(p_low, p_high)) with p_high = (1 + #{E-I_perm >=
        E-I_obs})/(n + 1) (Phipson & Smyth 2010); NaN when E-I is undefined.

    Examples
    --------
    >>> G = nx.Graph([(1, 2), (2, 3), (3, 4)])
    >>> nx.set_node_attributes(G, {1: "a", 2: "a", 3: "b", 4: "b"}, "sector")
    >>> ei_indices(G, attributes=["sector"], n_permutations=0)[
    ...     ["group", "internal_ties", "external_ties", "ei_index"]]
         group  internal_ties  external_ties  ei_index
    0        a              1              1  0.000000
    1        b              1              1  0.000000
    2  __all__              2              1 -0.333333

    References
    ----------
    Krackhardt, D. & Stern, R. N. (1988). Informal networks and organizational crises: an
    experimental simulation. *Social Psychology Quarterly* 51(2), 123–140.
    Phipson, B. & Smyth, G. K. (2010). Permutation p-values should never be zero.
    *Statistical Applications in Genetics and Molecular Biology* 9(1), art. 39.
    """
    if expected not in ("configuration", "permutation"):
        raise ValueError(f"expected must be 'configuration' or 'permutation', not {expected!r}")
    if n_permutations < 0:
        raise ValueError("n_permutations must be 0 or more")
    skeleton = _Skeleton(G)
    coded_list = [_Coded(G, attribute, skeleton) for attribute in attributes]
    nulls = _permutation_null(coded_list, n_permutations, seed, _chunk)
    frames = []
    for attribute, coded, (perm_i, perm_d) in zip(attributes, coded_list, nulls, strict=True):
        k, m = coded.k, coded.m
        counts = coded.counts()
        internal = np.diag(counts).astype(np.int64) if k else np.zeros(0, dtype=np.int64)
        totals = coded.degree_totals()
        external = (totals - 2 * internal).astype(np.int64)
        members = coded.members()
        ei = _ei(external.astype(float), internal.astype(float))
        # Whole network: ties with both ends grouped.
        all_internal = int(internal.sum())
        all_grouped = int(np.triu(counts).sum()) if k else 0
        all_external = all_grouped - all_internal
        ei_all = _ei(np.array([all_external], float), np.array([all_internal], float))[0]

        perm_group = _ei(perm_d - 2 * perm_i, perm_i.astype(float))
        perm_all = _ei(
            (all_grouped - perm_i.sum(axis=1)).astype(float), perm_i.sum(axis=1).astype(float)
        )
        p_group = [_two_sided_p(ei[g], perm_group[:, g]) for g in range(k)]
        p_all = _two_sided_p(ei_all, perm_all) if n_permutations else float("nan")
        if not n_permutations:
            p_group = [float("nan")] * k

        if expected == "configuration":
            if m:
                exp_i = totals**2 / (4.0 * m)
                exp_e = totals - 2 * exp_i
                exp_all_i = float(exp_i.sum())
                exp_all_e = float((totals.sum() ** 2 - (totals**2).sum()) / (4.0 * m))
            else:
                exp_i = exp_e = np.zeros(k)
                exp_all_i = exp_all_e = 0.0
            ei_exp = _ei(exp_e, exp_i)
            ei_exp_all = _ei(np.array([exp_all_e]), np.array([exp_all_i]))[0]
        else:
            ei_exp = np.array([_nanmean(perm_group[:, g]) for g in range(k)], dtype=float)
            ei_exp_all = _nanmean(perm_all)

        frame = pd.DataFrame(
            {
                "attribute": [attribute] * (k + 1),
                "group": [*coded.groups, ALL_GROUPS],
                "members": [*members.tolist(), int(members.sum())],
                "internal_ties": [*internal.tolist(), all_internal],
                "external_ties": [*external.tolist(), all_external],
                "ei_index": [*ei.tolist(), ei_all],
                "ei_expected": [*np.asarray(ei_exp, float).tolist(), ei_exp_all],
                "ei_p_value": [*p_group, p_all],
            },
            columns=EI_COLUMNS,
        )
        frames.append(frame)
    if not frames:
        return pd.DataFrame(columns=EI_COLUMNS)
    out = pd.concat(frames, ignore_index=True)
    for col in ("members", "internal_ties", "external_ties"):
        out[col] = out[col].astype(np.int64)
    for col in ("ei_index", "ei_expected", "ei_p_value"):
        out[col] = out[col].astype(float)
    return out


# Assortativity ------------------------------------------------------------------------
def assortativity(
    G: nx.Graph, *, attributes: Sequence[str] = ("sector", "family", "territory")
) -> pd.DataFrame:
    """Newman's attribute assortativity coefficient for each attribute.

    r = (Σ_i e_ii − Σ_i a_i²) / (1 − Σ_i a_i²), where e is the symmetric mixing matrix of
    tie ends normalised to sum 1 (a tie inside group i adds 2 to e_ii, a tie between i and
    j adds 1 to e_ij and to e_ji) and a_i = Σ_j e_ij. Ties touching a structure with no
    group ("") are left out (networkx would treat "" as a group of its own). Equals
    `networkx.attribute_assortativity_coefficient` on the subgraph of grouped structures.

    Returns
    -------
    DataFrame with columns ``attribute`` and ``assortativity`` (NaN when there is no tie
    between grouped structures, or when all of them fall in one group).

    References
    ----------
    Newman, M. E. J. (2003). Mixing patterns in networks. *Physical Review E* 67, 026126,
    eq. (2).
    """
    rows = []
    skeleton = _Skeleton(G)
    for attribute in attributes:
        coded = _Coded(G, attribute, skeleton)
        e = coded.counts().astype(float)
        e[np.diag_indices(coded.k)] *= 2
        total = e.sum()
        r = float("nan")
        if total > 0:
            e /= total
            a = e.sum(axis=1)
            sum_a2 = float((a * a).sum())
            if sum_a2 < 1 - 1e-12:
                r = (float(np.trace(e)) - sum_a2) / (1 - sum_a2)
        rows.append({"attribute": attribute, "assortativity": r})
    return pd.DataFrame(rows, columns=["attribute", "assortativity"])


# Per structure ------------------------------------------------------------------------
def structure_diversity(G: nx.Graph) -> pd.DataFrame:
    """Per structure: ties to other sectors and the diversity of its partners' sectors.

    Returns
    -------
    DataFrame with one row per structure (sorted by id) and columns
        ``id``;
        ``cross_sector_ties``: partners (neighbours) whose sector is known and differs from
        the structure's own; <NA> when the structure's sector is "";
        ``cross_sector_share``: cross_sector_ties / degree; NaN when degree is 0 or the
        structure's sector is "";
        ``sector_diversity``: Blau's index 1 − Σ_k p_k² where p_k is the share of the
        structure's partners in sector k (partners with sector "" left out); 0 when all
        partners share one sector, NaN for isolates (no partner with a known sector).

    Examples
    --------
    >>> G = nx.Graph([("a", "b"), ("a", "c")])
    >>> nx.set_node_attributes(G, {"a": "culture", "b": "culture", "c": "sport"}, "sector")
    >>> structure_diversity(G)
      id  cross_sector_ties  cross_sector_share  sector_diversity
    0  a                  1                 0.5               0.5
    1  b                  0                 0.0               0.0
    2  c                  1                 1.0               0.0

    References
    ----------
    Blau, P. M. (1977). *Inequality and Heterogeneity*. Free Press (index of heterogeneity).
    """
    coded = _Coded(G, "sector")
    n, k = len(coded.nodes), coded.k
    # Both directions of each tie: (structure, partner). Self-loops are not partners.
    not_loop = coded.u != coded.v
    ego = np.concatenate([coded.u[not_loop], coded.v[not_loop]])
    alter = np.concatenate([coded.v[not_loop], coded.u[not_loop]])
    degree = np.bincount(ego, minlength=n)
    ego_code = coded.codes[ego]
    alter_code = coded.codes[alter]
    cross = np.bincount(
        ego[(ego_code >= 0) & (alter_code >= 0) & (ego_code != alter_code)], minlength=n
    )
    known = alter_code >= 0
    per = np.bincount(ego[known] * max(k, 1) + alter_code[known], minlength=n * max(k, 1))
    per = per.reshape(n, max(k, 1)).astype(float)
    known_partners = per.sum(axis=1)
    with np.errstate(divide="ignore", invalid="ignore"):
        blau = np.where(
            known_partners > 0,
            1.0 - (per**2).sum(axis=1) / np.where(known_partners > 0, known_partners, 1) ** 2,
            np.nan,
        )
        share = np.where(degree > 0, cross / np.where(degree > 0, degree, 1), np.nan)
    own_known = coded.codes >= 0
    share = np.where(own_known, share, np.nan)
    cross_col = pd.array(np.where(own_known, cross, 0), dtype="Int64")
    cross_col[~own_known] = pd.NA
    return pd.DataFrame(
        {
            "id": pd.Series(coded.nodes),
            "cross_sector_ties": cross_col,
            "cross_sector_share": share.astype(float),
            "sector_diversity": blau.astype(float),
        }
    )
