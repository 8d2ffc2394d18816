"""How good is the partnership-opportunities ranking? An honest, repeatable measurement.

Hide part of the ties of a network (the most recent ones, by the year of their first link,
or a seeded random share), rebuild the graphs without the links of those ties, rank every
untied pair with several scorers and ask how well each scorer finds the hidden ties:

- **precision@k**: share of hidden ties among the ``k`` best-ranked pairs of all the pairs
  not tied in the reduced network (Liben-Nowell & Kleinberg 2007);
- **AUC**: probability that a hidden tie scores higher than a pair tied neither before
  nor after, counting 1/2 for equal scores (Lü & Zhou 2011).

Scorers (`SCORERS`): the two rankings of `ess_graph.analysis.opportunities`,
``probable`` (proximity over the typed graph alone: shared partners, pôles and partner
structures) and ``strategic`` (the pôles' aim: cross-sector pairs, gaps, needs matched by
offers), against four baselines on the structures' cooperation graph alone:
``resource_allocation``, ``adamic_adar``, ``common_neighbours`` and ``random`` (seeded
uniform scores). `evaluate_seeds` repeats a random split over seeds and gives the mean and
the range. The results for the demo and for real networks are in
docs/OPPORTUNITIES_EVALUATION.md.

Both measures are computed exactly, without sampling: the pairs a scorer leaves at 0 form
one block whose size is known, so AUC is a Mann–Whitney count over sorted scores, and a
block of equal scores cut by the top-k boundary counts with its expected share of hidden
ties (the average over all tie-breaking orders), so no arbitrary id order enters. Scores
equal in exact arithmetic are equal floats (`ess_graph.analysis.opportunities.
_exact_proximity`), so rounding never splits a tie.

References
----------
.. [1] D. Liben-Nowell and J. Kleinberg, "The link-prediction problem for social
   networks", JASIST 58(7), 1019-1031, 2007.
.. [2] L. Lü and T. Zhou, "Link prediction in complex networks: a survey", Physica A
   390(6), 1150-1170, 2011.
"""

from __future__ import annotations

import dataclasses
import math
from collections.abc import Iterable, Sequence
from typing import Any

import numpy as np
import pandas as pd
import scipy.sparse as sp

from ess_graph.analysis.opportunities import (
    NEAR_KM,
    _all_pair_scores,
    ranking_weights,
    territory_coords,
)
from ess_graph.network import Network, cooperation_graph, ties_frame, typed_graph

COLUMNS = ("method", "scorer", "k", "precision_at_k", "auc", "hidden_ties", "candidates")
#: The two rankings, then the baselines (on the cooperation graph alone).
SCORERS = (
    "probable",
    "strategic",
    "resource_allocation",
    "adamic_adar",
    "common_neighbours",
    "random",
)
BASELINES = SCORERS[2:]
SUMMARY_COLUMNS = (
    "scorer",
    "k",
    "precision_at_k",
    "precision_min",
    "precision_max",
    "auc",
    "auc_min",
    "auc_max",
    "seeds",
)
#: Above this many negative pairs the random scorer's AUC uses this many drawn negatives
#: (its scores are i.i.d., so a sample of them is the same distribution).
RANDOM_NEGATIVES_MAX = 5_000_000


# --------------------------------------------------------------------------------------
# The two measures, on explicit scores
# --------------------------------------------------------------------------------------
def auc(positive: Sequence[float], negative: Sequence[float], *, zeros: int = 0) -> float:
    """P(score of a positive > score of a negative), equal scores counting 1/2.

    ``zeros`` adds that many negatives scoring 0 without listing them.

    >>> auc([0.8, 0.1], [0.9, 0.8, 0.5, 0.0])
    0.4375
    """
    pos = np.asarray(positive, dtype=float)
    neg = np.sort(np.concatenate([np.asarray(negative, dtype=float), np.zeros(zeros)]))
    if not len(pos) or not len(neg):
        return float("nan")
    below = np.searchsorted(neg, pos, side="left")
    equal = np.searchsorted(neg, pos, side="right") - below
    return float((below.sum() + 0.5 * equal.sum()) / (len(pos) * len(neg)))


def precision_at_k(
    positive: Sequence[float], negative: Sequence[float], k: int, *, zeros: int = 0
) -> float:
    """Share of positives among the ``k`` best scores, ties broken at random (expected).

    A block of equal scores that straddles rank ``k`` contributes the share of its slots
    times its share of positives. ``zeros`` adds negatives scoring 0. Positions beyond
    the number of pairs count as misses.

    >>> precision_at_k([0.8, 0.1], [0.9, 0.8, 0.5, 0.0], 2)
    0.25
    """
    return _precisions(positive, negative, [k], zeros=zeros)[0]


def _precisions(
    positive: Sequence[float], negative: Sequence[float], ks: Sequence[int], *, zeros: int = 0
) -> list[float]:
    pos = np.asarray(positive, dtype=float)
    neg = np.asarray(negative, dtype=float)
    kmax = max(ks)
    # Only the best kmax scores matter, plus every score equal to the kmax-th.
    values = np.concatenate([pos, neg])
    is_pos = np.concatenate([np.ones(len(pos)), np.zeros(len(neg))])
    if len(values) > kmax:
        threshold = np.partition(values, len(values) - kmax)[len(values) - kmax]
        keep = values >= threshold
        values, is_pos = values[keep], is_pos[keep]
    weight = np.ones(len(values))
    if zeros:
        values = np.append(values, 0.0)
        is_pos = np.append(is_pos, 0.0)
        weight = np.append(weight, float(zeros))
    uniq, inverse = np.unique(-values, return_inverse=True)  # best first
    size = np.bincount(inverse, weights=weight, minlength=len(uniq))
    hits = np.bincount(inverse, weights=is_pos, minlength=len(uniq))
    out = []
    for k in ks:
        remaining = float(k)
        found = 0.0
        for n_block, h_block in zip(size, hits, strict=True):
            if remaining <= 0:
                break
            take = min(n_block, remaining)
            found += take * h_block / n_block
            remaining -= take
        out.append(float(found / k))
    return out


# --------------------------------------------------------------------------------------
# Hiding ties
# --------------------------------------------------------------------------------------
def _pair_keys(u: Iterable[Any], v: Iterable[Any]) -> pd.Series:
    a = np.asarray(list(u), dtype=object).astype(str)
    b = np.asarray(list(v), dtype=object).astype(str)
    lo = np.where(a < b, a, b)
    hi = np.where(a < b, b, a)
    return pd.Series(lo, dtype=object) + "\x1f" + pd.Series(hi, dtype=object)


def split_ties(
    net: Network, *, method: str = "time", fraction: float = 0.1, seed: int = 2009
) -> tuple[Network, pd.DataFrame, dict[str, Any]]:
    """The network with some ties hidden, the hidden ties, and what was done.

    ``time``: Y is the year such that the ties first linked in Y or later make at least
    ``fraction`` of all ties; every link dated Y or later is removed (structure ties,
    funding, membership...: the network as it stood before Y), and the hidden ties are
    the structure pairs whose first link is dated Y or later. Undated links stay.
    ``random``: ``ceil(fraction · ties)`` ties drawn with ``numpy.random.default_rng(seed)``;
    all the links of those ties are removed.

    Returns
    -------
    (Network, DataFrame, dict)
        The reduced network (a copy: ``net`` is not modified), the hidden ties (columns of
        `ess_graph.network.ties_frame`) and a dict with ``method``, ``fraction``,
        ``seed`` and, for ``time``, ``cutoff_year``.
    """
    if not 0 < fraction < 1:
        raise ValueError(f"fraction must be between 0 and 1: {fraction}")
    ties = ties_frame(net)
    if ties.empty:
        raise ValueError("the network has no tie to hide")
    target = max(1, math.ceil(fraction * len(ties)))
    info: dict[str, Any] = {"method": method, "fraction": fraction, "seed": seed}
    links = net.links
    if method == "time":
        years = pd.to_numeric(ties["since"], errors="coerce")
        dated = np.sort(years.dropna().to_numpy())[::-1]
        if not len(dated):
            raise ValueError("no tie has a year (`since`): use method='random'")
        cutoff = float(dated[min(target, len(dated)) - 1])
        hidden = ties[years >= cutoff].reset_index(drop=True)
        link_years = pd.to_numeric(links["since"], errors="coerce")
        # Undated links of a hidden tie go too, or the tie would still be there.
        hidden_keys = set(_pair_keys(hidden["u"], hidden["v"]))
        link_keys = _pair_keys(links["source"], links["target"])
        kept = links[~((link_years >= cutoff).to_numpy() | link_keys.isin(hidden_keys).to_numpy())]
        info["cutoff_year"] = int(cutoff)
    elif method == "random":
        rng = np.random.default_rng(seed)
        chosen = np.sort(rng.choice(len(ties), size=target, replace=False))
        hidden = ties.iloc[chosen].reset_index(drop=True)
        hidden_keys = set(_pair_keys(hidden["u"], hidden["v"]))
        link_keys = _pair_keys(links["source"], links["target"])
        kept = links[~link_keys.isin(hidden_keys).to_numpy()]
    else:
        raise ValueError(f"method must be 'time' or 'random': {method!r}")
    reduced = dataclasses.replace(net, links=kept.reset_index(drop=True))
    return reduced, hidden, info


# --------------------------------------------------------------------------------------
# Scorers: each returns the nonzero scores of untied pairs as a Series keyed "u\x1fv"
# --------------------------------------------------------------------------------------
class _PairIndex:
    """Unordered structure pairs as integers ``lo * n + hi`` (positions in sorted ids)."""

    def __init__(self, ids: Iterable[Any]) -> None:
        self.ids = sorted(ids, key=str)
        self.n = len(self.ids)
        self.position = pd.Series(np.arange(self.n), index=pd.Index(self.ids, dtype=object))

    def keys(self, u: Iterable[Any], v: Iterable[Any]) -> np.ndarray:
        a = self.position.reindex(pd.Index(list(u), dtype=object)).to_numpy()
        b = self.position.reindex(pd.Index(list(v), dtype=object)).to_numpy()
        return np.minimum(a, b).astype(np.int64) * self.n + np.maximum(a, b).astype(np.int64)


def _common_neighbour_scores(G: Any, pairs: _PairIndex) -> pd.Series:
    if not G.number_of_edges():
        return pd.Series(dtype=float)
    n = pairs.n
    edges = [(a, b) for a, b in G.edges() if a != b]
    u = pairs.position.reindex(pd.Index([a for a, _ in edges], dtype=object)).to_numpy()
    v = pairs.position.reindex(pd.Index([b for _, b in edges], dtype=object)).to_numpy()
    A = sp.csr_array((np.ones(2 * len(u)), (np.r_[u, v], np.r_[v, u])), shape=(n, n))
    A.data[:] = 1.0
    C = sp.triu(A @ A, k=1).tocoo()
    keys = C.row.astype(np.int64) * n + C.col.astype(np.int64)
    tied = np.minimum(u, v).astype(np.int64) * n + np.maximum(u, v).astype(np.int64)
    keep = ~np.isin(keys, tied)
    return pd.Series(C.data[keep], index=keys[keep])


def _measure(
    scores: pd.Series, hidden_keys: np.ndarray, n_negative: int, ks: Sequence[int]
) -> tuple[list[float], float]:
    pos = scores.reindex(hidden_keys).fillna(0.0).to_numpy()
    neg = scores[~np.isin(scores.index.to_numpy(), hidden_keys)].to_numpy()
    neg = neg[neg != 0]
    zeros = n_negative - len(neg)
    return _precisions(pos, neg, ks, zeros=zeros), auc(pos, neg, zeros=zeros)


def evaluate_ranking(
    net: Network,
    *,
    method: str = "time",
    fraction: float = 0.1,
    ks: Sequence[int] = (10, 50, 100),
    seed: int = 2009,
    proximity: str = "resource_allocation",
) -> pd.DataFrame:
    """Precision@k and AUC of the opportunities score against simple baselines.

    Parameters
    ----------
    net : Network
    method : {"time", "random"}
        Hide the most recent ties (by ``since``) or a seeded random share (`split_ties`).
    fraction : float, default 0.1
        Share of ties hidden (at least; ``time`` hides whole years).
    ks : sequence of int
        The k of precision@k.
    seed : int, default 2009
        Seed of the random split and of the random scorer.
    proximity : {"resource_allocation", "adamic_adar"}
        Proximity of the ``probable`` and ``strategic`` rankings.

    Returns
    -------
    pandas.DataFrame
        One row per scorer and k: ``method``, ``scorer`` (`SCORERS`), ``k``,
        ``precision_at_k`` (share of hidden ties among the k best pairs of all pairs not
        tied in the reduced network), ``auc`` (the same for every k of a scorer),
        ``hidden_ties``, ``candidates`` (pairs not tied in the reduced network). The split
        details (cut-off year, seed) are in ``frame.attrs``.
    """
    reduced, hidden, info = split_ties(net, method=method, fraction=fraction, seed=seed)
    G = cooperation_graph(reduced)
    T = typed_graph(reduced)
    n = G.number_of_nodes()
    candidates = n * (n - 1) // 2 - G.number_of_edges()
    hidden = hidden[
        [G.has_node(u) and G.has_node(v) for u, v in zip(hidden["u"], hidden["v"], strict=True)]
    ]
    pairs = _PairIndex(G.nodes)
    hidden_keys = pairs.keys(hidden["u"], hidden["v"])
    n_pos = len(hidden_keys)
    n_neg = candidates - n_pos

    coords = territory_coords(net)

    def scores(graph: Any, typed: Any, ranking: str, name: str, gap_pairs: Any = None):
        weights = ranking_weights(ranking)
        ids, i, j, raw, _fit, score = _all_pair_scores(
            graph, typed, name, coords, gap_pairs, NEAR_KM, *weights
        )
        if ids != pairs.ids:
            raise RuntimeError("structure order differs between opportunities and evaluation")
        keys = i.astype(np.int64) * pairs.n + j.astype(np.int64)
        # probable: p = raw / (raw + h) orders pairs as raw does
        return pd.Series(score if ranking == "strategic" else raw, index=keys)

    scorers: dict[str, pd.Series] = {
        "probable": scores(G, T, "probable", proximity),
        "strategic": scores(G, T, "strategic", proximity),
        # the baselines see the structures' ties only (the cooperation graph as the
        # typed graph: no partner, no pôle)
        "resource_allocation": scores(G, G, "probable", "resource_allocation", []),
        "adamic_adar": scores(G, G, "probable", "adamic_adar", []),
        "common_neighbours": _common_neighbour_scores(G, pairs),
    }
    rows = []
    for name, scores in scorers.items():
        precisions, area = _measure(scores, hidden_keys, n_neg, ks)
        rows += [
            (method, name, k, p, area, n_pos, candidates)
            for k, p in zip(ks, precisions, strict=True)
        ]

    rng = np.random.default_rng(seed)
    pos = rng.random(n_pos)
    neg = rng.random(min(n_neg, RANDOM_NEGATIVES_MAX))
    area = auc(pos, neg)
    for k in ks:
        # k pairs drawn uniformly among the candidates; the first n_pos indices are hidden.
        drawn = rng.choice(candidates, size=min(k, candidates), replace=False)
        rows.append(
            (method, "random", k, float((drawn < n_pos).sum() / k), area, n_pos, candidates)
        )
    frame = pd.DataFrame(rows, columns=list(COLUMNS))
    frame.attrs.update(info)
    frame.attrs["proximity"] = proximity
    frame.attrs["base_rate"] = n_pos / candidates if candidates else float("nan")
    return frame


def evaluate_seeds(
    net: Network,
    *,
    seeds: Sequence[int] = tuple(range(2009, 2019)),
    fraction: float = 0.1,
    ks: Sequence[int] = (5, 10, 20),
    proximity: str = "resource_allocation",
) -> tuple[pd.DataFrame, pd.DataFrame]:
    """`evaluate_ranking` on random splits, one per seed: (every run, summary).

    Returns
    -------
    (DataFrame, DataFrame)
        Every run (the columns of `evaluate_ranking` and ``seed``), and per scorer and k:
        `SUMMARY_COLUMNS`: ``precision_at_k`` and ``auc`` are means over the seeds,
        ``*_min`` / ``*_max`` their range, ``seeds`` how many splits.
    """
    runs = []
    for seed in seeds:
        frame = evaluate_ranking(
            net, method="random", fraction=fraction, ks=ks, seed=seed, proximity=proximity
        )
        runs.append(frame.assign(seed=seed))
    every = pd.concat(runs, ignore_index=True)
    grouped = every.groupby(["scorer", "k"], sort=False)
    summary = grouped.agg(
        precision_at_k=("precision_at_k", "mean"),
        precision_min=("precision_at_k", "min"),
        precision_max=("precision_at_k", "max"),
        auc=("auc", "mean"),
        auc_min=("auc", "min"),
        auc_max=("auc", "max"),
        seeds=("seed", "nunique"),
    ).reset_index()
    return every, summary[list(SUMMARY_COLUMNS)]


def paired_difference(every: pd.DataFrame, scorer: str, other: str, measure: str, k: int):
    """Mean and standard error, over the seeds, of ``scorer`` minus ``other`` on
    ``measure`` (``precision_at_k`` or ``auc``) at ``k``: the same split for both, so the
    split's own luck cancels. Returns (mean, standard error); the error is 0 with one
    seed.

    >>> every = pd.DataFrame({"scorer": ["a", "b", "a", "b"], "k": 5,
    ...                       "seed": [1, 1, 2, 2], "auc": [0.8, 0.7, 0.6, 0.6]})
    >>> tuple(round(x, 3) for x in paired_difference(every, "a", "b", "auc", 5))
    (0.05, 0.05)
    """
    at_k = every[every["k"] == k].pivot(index="seed", columns="scorer", values=measure)
    diff = (at_k[scorer] - at_k[other]).to_numpy(dtype=float)
    error = float(diff.std(ddof=1) / math.sqrt(len(diff))) if len(diff) > 1 else 0.0
    return float(diff.mean()), error


def within_noise(every: pd.DataFrame, scorer: str, other: str, measure: str, k: int) -> bool:
    """Does ``scorer`` match or beat ``other`` within noise on ``measure`` at ``k``?

    Yes when the paired difference over the seeds (`paired_difference`) is above minus
    two standard errors, or, for precision, smaller in size than the base rate (the
    share of hidden ties among the candidate pairs, what a random ranking scores on
    average): a difference smaller than chance's own score cannot tell two rankings
    apart (it happens on a network with two hidden ties, where one ranking's block of
    equal scores cut at k counts a fraction of a hit).
    """
    diff, error = paired_difference(every, scorer, other, measure, k)
    if diff >= -2 * error - 1e-12:
        return True
    if measure != "precision_at_k":
        return False
    base_rate = float((every["hidden_ties"] / every["candidates"]).mean())
    return -diff < base_rate
