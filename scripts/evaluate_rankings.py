"""Measure the two opportunity rankings and the baselines: the tables of
docs/OPPORTUNITIES_EVALUATION.md.

Networks: the demo as shipped (``data/demo``: a time split, and random splits over ten
seeds), ``ess_graph.demo.generate_network(2500, seed=2009)`` (a time split, random splits
over five seeds) and the three real networks of ``tests/data/real`` (written by
``scripts/real_networks.py``; random splits over ten seeds: they have no years). Every
split hides 10 % of the ties (`ess_graph.analysis.evaluation`).

For each network: precision@k and AUC of every scorer (mean, and min–max over the seeds),
then the verdicts the issue asks for: does ``probable`` match or beat the best baseline
(`ess_graph.analysis.evaluation.within_noise`: paired over the same splits, above minus two
standard errors, or for precision smaller than the base rate), and what does ``strategic`` cost against ``probable``.

Usage::

    .venv/bin/python scripts/evaluate_rankings.py > /tmp/rankings.md
    .venv/bin/python scripts/evaluate_rankings.py --only karate,les_miserables
    .venv/bin/python scripts/evaluate_rankings.py --candidates   # which proximity
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

import pandas as pd

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from ess_graph.analysis.evaluation import (  # noqa: E402
    BASELINES,
    evaluate_ranking,
    evaluate_seeds,
    paired_difference,
    within_noise,
)
from ess_graph.demo import generate_network  # noqa: E402
from ess_graph.io.read import read_network  # noqa: E402

REAL = ROOT / "tests" / "data" / "real"
KS = (5, 10, 20)


def read(folder: Path):
    net = read_network(str(folder))
    return net[0] if isinstance(net, tuple) else net


def networks(only: set[str] | None):
    entries = [
        (
            "demo",
            "the demo (data/demo, 250 structures, fictional)",
            lambda: read(ROOT / "data" / "demo"),
            True,
            10,
        ),
        (
            "generated_2500",
            "generate_network(2500, seed=2009), fictional",
            lambda: generate_network(2500, seed=2009),
            True,
            5,
        ),
        ("karate", "Zachary's karate club (real)", lambda: read(REAL / "karate"), False, 10),
        (
            "les_miserables",
            "Les Misérables co-appearances (real)",
            lambda: read(REAL / "les_miserables"),
            False,
            10,
        ),
        (
            "florentine",
            "Florentine families' marriages (real)",
            lambda: read(REAL / "florentine"),
            False,
            10,
        ),
    ]
    for name, title, load, timed_split, seeds in entries:
        if only is None or name in only:
            yield name, title, load, timed_split, seeds


def table(summary: pd.DataFrame, ranged: bool) -> list[str]:
    lines = ["| scorer | " + " | ".join(f"precision@{k}" for k in KS) + " | AUC |"]
    lines.append("|---|" + "---:|" * (len(KS) + 1))
    for scorer, rows in summary.groupby("scorer", sort=False):
        cells = []
        for k in KS:
            r = rows[rows["k"] == k].iloc[0]
            cells.append(
                f"{r.precision_at_k:.3f} ({r.precision_min:.2f}–{r.precision_max:.2f})"
                if ranged
                else f"{r.precision_at_k:.3f}"
            )
        r = rows.iloc[0]
        auc = f"{r.auc:.3f} ({r.auc_min:.3f}–{r.auc_max:.3f})" if ranged else f"{r.auc:.3f}"
        lines.append(f"| {scorer} | " + " | ".join(cells) + f" | {auc} |")
    return lines


def verdicts(every: pd.DataFrame) -> list[str]:
    lines = []
    for measure, k in [("auc", KS[0])] + [("precision_at_k", k) for k in KS]:
        label = "AUC" if measure == "auc" else f"precision@{k}"
        means = every[every["k"] == k].groupby("scorer")[measure].mean()
        best = max((b for b in BASELINES if b != "random"), key=lambda b: means[b])
        diff, error = paired_difference(every, "probable", best, measure, k)
        within = within_noise(every, "probable", best, measure, k)
        cost, cost_error = paired_difference(every, "strategic", "probable", measure, k)
        lines.append(
            f"| {label} | {best} | {diff:+.3f} ± {error:.3f} | "
            f"{'yes' if within else '**no**'} | {cost:+.3f} ± {cost_error:.3f} |"
        )
    head = [
        "| measure | best baseline | probable − best (± s.e.) | within noise | "
        "strategic − probable (± s.e.) |",
        "|---|---|---:|---|---:|",
    ]
    return head + lines


# --------------------------------------------------------------------------------------
# Which proximity for the probable ranking: the candidates measured (--candidates)
# --------------------------------------------------------------------------------------
CANDIDATES = ("common_neighbours", "resource_allocation", "adamic_adar", "local_path", "cra", "l3")


def candidate_scores(A, name: str):
    """Dense scores of every pair of the adjacency matrix `A` (numpy, 0/1, symmetric):
    common neighbours; resource allocation (Zhou, Lü & Zhang 2009); Adamic–Adar; the
    local-path index A² + 0.01 A³ (Lü, Jin & Zhou 2009); CRA, the Cannistraci–Hebb
    resource allocation (Cannistraci, Alanis-Lobato & Ravasi 2013: each common neighbour
    z counts (1 + its links to the other common neighbours) / d(z)); L3, paths of length 3
    normalised by the degrees of the inner nodes (Kovács et al. 2019)."""
    import numpy as np

    k = A.sum(1)
    inv = np.divide(1.0, k, out=np.zeros_like(k), where=k > 0)
    if name == "common_neighbours":
        return A @ A
    if name == "resource_allocation":
        return (A * inv) @ A
    if name == "adamic_adar":
        w = np.divide(1.0, np.log(np.maximum(k, 2)), out=np.zeros_like(k), where=k > 1)
        return (A * w) @ A
    if name == "local_path":
        return A @ A + 0.01 * (A @ A @ A)
    if name == "l3":
        root = np.sqrt(inv)
        return A @ (root[:, None] * A * root[None, :]) @ A
    if name == "cra":
        n = len(A)
        S = np.zeros((n, n))
        for x in range(n):
            for y in np.flatnonzero((A[x] @ A) > 0):
                if y <= x:
                    continue
                common = np.flatnonzero(A[x] * A[y])
                inner = A[np.ix_(common, common)].sum(1)
                S[x, y] = S[y, x] = ((1 + inner) / k[common]).sum()
        return S
    raise ValueError(name)


def candidates_table(net, seeds) -> list[str]:
    """Mean AUC and precision@5/10 of `CANDIDATES` on the structures' cooperation graph,
    over random splits (the same splits as `evaluate_seeds`)."""
    import numpy as np

    from ess_graph.analysis.evaluation import auc, precision_at_k, split_ties
    from ess_graph.network import cooperation_graph

    results = {c: {"auc": [], 5: [], 10: []} for c in CANDIDATES}
    for seed in seeds:
        reduced, hidden, _ = split_ties(net, method="random", seed=seed)
        G = cooperation_graph(reduced)
        ids = sorted(G, key=str)
        index = {v: i for i, v in enumerate(ids)}
        n = len(ids)
        A = np.zeros((n, n))
        for u, v in G.edges():
            if u != v:
                A[index[u], index[v]] = A[index[v], index[u]] = 1.0
        H = np.zeros((n, n), dtype=bool)
        for u, v in zip(hidden["u"], hidden["v"], strict=True):
            if u in index and v in index:
                H[index[u], index[v]] = H[index[v], index[u]] = True
        upper = np.triu_indices(n, 1)
        untied = A[upper] == 0
        positive = H[upper][untied]
        for name in CANDIDATES:
            # rounded to 12 digits: sums equal in exact arithmetic tie
            scores = np.round(candidate_scores(A, name), 12)[upper][untied]
            results[name]["auc"].append(auc(scores[positive], scores[~positive]))
            for k in (5, 10):
                results[name][k].append(precision_at_k(scores[positive], scores[~positive], k))
    lines = ["| proximity | AUC | precision@5 | precision@10 |", "|---|---:|---:|---:|"]
    for name in CANDIDATES:
        r = results[name]
        lines.append(
            f"| {name} | {np.mean(r['auc']):.3f} | {np.mean(r[5]):.3f} | {np.mean(r[10]):.3f} |"
        )
    return lines


def single_split_verdicts(frame: pd.DataFrame) -> list[str]:
    """The verdicts of one split (the time split: no seeds to pair): a difference is
    within noise when it is above minus twice the standard error of the difference of
    two independent measures (binomial for precision@k, Hanley & McNeil 1982 for the
    AUC), a conservative bound since both rankings see the same split."""
    import math

    n_pos = int(frame["hidden_ties"].iloc[0])
    n_neg = int(frame["candidates"].iloc[0]) - n_pos

    def error(measure: str, value: float, k: int) -> float:
        if measure == "precision_at_k":
            return math.sqrt(value * (1 - value) / k)
        q1, q2 = value / (2 - value), 2 * value**2 / (1 + value)
        variance = value * (1 - value) + (n_pos - 1) * (q1 - value**2)
        variance += (n_neg - 1) * (q2 - value**2)
        return math.sqrt(max(variance, 0.0) / (n_pos * n_neg))

    lines = [
        "| measure | best baseline | probable − best (± s.e.) | within noise | "
        "strategic − probable |",
        "|---|---|---:|---|---:|",
    ]
    for measure, k in [("auc", KS[0])] + [("precision_at_k", k) for k in KS]:
        label = "AUC" if measure == "auc" else f"precision@{k}"
        at_k = frame[frame["k"] == k].set_index("scorer")[measure]
        best = max((b for b in BASELINES if b != "random"), key=lambda b: at_k[b])
        diff = at_k["probable"] - at_k[best]
        se = math.hypot(error(measure, at_k["probable"], k), error(measure, at_k[best], k))
        lines.append(
            f"| {label} | {best} | {diff:+.3f} ± {se:.3f} | "
            f"{'yes' if diff >= -2 * se else '**no**'} | "
            f"{at_k['strategic'] - at_k['probable']:+.3f} |"
        )
    return lines


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--only", help="comma-separated network names")
    parser.add_argument(
        "--candidates",
        action="store_true",
        help="measure the candidate proximities of the probable ranking instead",
    )
    args = parser.parse_args()
    only = set(args.only.split(",")) if args.only else None
    for name, title, load, timed_split, seeds in networks(only):
        net = load()
        print(f"### {title}\n")
        if args.candidates:
            if name != "generated_2500":  # dense matrices: the small networks only
                print("\n".join(candidates_table(net, range(2009, 2009 + seeds))) + "\n")
            continue
        if timed_split:
            start = time.perf_counter()
            frame = evaluate_ranking(net, method="time", ks=KS)
            summary = frame.assign(
                precision_min=frame.precision_at_k,
                precision_max=frame.precision_at_k,
                auc_min=frame.auc,
                auc_max=frame.auc,
            )
            print(
                f"Time split (cut-off year {frame.attrs['cutoff_year']}: "
                f"{int(frame.hidden_ties.iloc[0]):,} hidden ties, "
                f"{int(frame.candidates.iloc[0]):,} candidate pairs; "
                f"{time.perf_counter() - start:.1f} s)\n"
            )
            print("\n".join(table(summary, ranged=False)) + "\n")
            print("\n".join(single_split_verdicts(frame)) + "\n")
        start = time.perf_counter()
        every, summary = evaluate_seeds(net, seeds=tuple(range(2009, 2009 + seeds)), ks=KS)
        hidden = int(every.hidden_ties.iloc[0])
        print(
            f"Random splits, seeds 2009–{2008 + seeds} (mean, min–max; {hidden:,} hidden "
            f"ties, {int(every.candidates.iloc[0]):,} candidate pairs; "
            f"{time.perf_counter() - start:.1f} s)\n"
        )
        print("\n".join(table(summary, ranged=True)) + "\n")
        print("\n".join(verdicts(every)) + "\n")


if __name__ == "__main__":
    main()
