"""The network over time: did cross-sector cooperation grow where a pôle was created?

Links carry the year they began (``since``); a tie of the cooperation graph carries the
earliest year of its links (``since`` on the edge), and a pôle may carry the year of its
constituent assembly (``created`` in ``G.graph["poles"]``). Two questions:

- `timeline`: per year, for the region and for each territory, the ties formed that year,
  the ties so far, the cross-sector share, the E-I index of sectors, the density and the
  isolates (the network as it stood at the end of each year);
- `pole_creation_effects`: for each pôle with a creation year, the formation rate of
  cross-sector ties in the N years before and the N years after, against the territories
  without a pôle over the same years (a difference in differences), with a placebo
  test: the same comparison made for every territory without a pôle as if it had been
  created there (what chance alone gives).

This is observational: the territories that created a pôle differ from the others in
many ways, and the years are those the links declare. A difference says where
cooperation grew, not that the pôle made it grow. Definitions: docs/METRICS.md, "The
network over time".
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

import networkx as nx
import numpy as np
import pandas as pd

TIMELINE_COLUMNS = (
    "year",
    "scope_type",
    "scope",
    "structures",
    "ties_formed",
    "cross_sector_formed",
    "ties",
    "cross_sector_ties",
    "sector_known_ties",
    "cross_sector_share",
    "ei_sector",
    "density",
    "isolates",
    "undated_ties",
)

EFFECT_COLUMNS = (
    "pole",
    "territory",
    "created",
    "window",
    "years_before",
    "years_after",
    "structures",
    "formed_before",
    "formed_after",
    "rate_before",
    "rate_after",
    "change",
    "control_territories",
    "control_rate_before",
    "control_rate_after",
    "control_change",
    "difference",
    "placebo_low",
    "placebo_high",
    "p_value",
)

#: Years before and after a pôle's creation compared by default.
WINDOW = 3


class _Ties:
    """The ties of G as arrays: ends (node positions), their territory and sector codes
    ("" for none), and the year (NaN: undated). Built once, without a Python loop per
    tie beyond reading the edges."""

    def __init__(self, G: nx.Graph) -> None:
        nodes = list(G.nodes)
        index = {n: i for i, n in enumerate(nodes)}
        self.n = len(nodes)
        self.territory = np.array(
            [str(G.nodes[n].get("territory", "") or "") for n in nodes], dtype=object
        )
        sector = np.array([str(G.nodes[n].get("sector", "") or "") for n in nodes], dtype=object)
        edges = [(index[u], index[v], d.get("since")) for u, v, d in G.edges(data=True) if u != v]
        self.u = np.fromiter((e[0] for e in edges), dtype=np.int64, count=len(edges))
        self.v = np.fromiter((e[1] for e in edges), dtype=np.int64, count=len(edges))
        self.year = np.fromiter(
            (np.nan if e[2] is None else float(e[2]) for e in edges), dtype=float, count=len(edges)
        )
        su, sv = sector[self.u], sector[self.v]
        self.known = (su != "") & (sv != "") if len(edges) else np.zeros(0, dtype=bool)
        self.cross = self.known & (su != sv) if len(edges) else np.zeros(0, dtype=bool)
        tu, tv = self.territory[self.u], self.territory[self.v]
        #: the territory both ends are in ("" when they differ or have none)
        self.inside = (
            np.where((tu == tv) & (tu != ""), tu, "") if len(edges) else np.zeros(0, object)
        )


def _scope_rows(
    ties: _Ties, mask: np.ndarray, members: np.ndarray, years: list[int], kind: str, scope: str
) -> list[tuple]:
    """The timeline rows of one scope: its ties `mask`, its structures `members`."""
    n = len(members)
    pairs = n * (n - 1) / 2
    year = ties.year[mask]
    dated = ~np.isnan(year)
    y0, y1 = years[0], years[-1]
    span = y1 - y0 + 1
    # A tie dated before the first year reported counts from the first year on.
    slot = np.clip(year[dated] - y0, -1, span).astype(np.int64) + 1  # 0: before, span+1: after

    def per_year(weights: np.ndarray | None) -> np.ndarray:
        counts = np.bincount(slot, weights=weights, minlength=span + 2)
        return counts

    formed = per_year(None)
    cross_formed = per_year(ties.cross[mask][dated].astype(float))
    known_formed = per_year(ties.known[mask][dated].astype(float))
    cumulative = np.cumsum(formed)[1 : span + 1]
    cumulative_cross = np.cumsum(cross_formed)[1 : span + 1]
    cumulative_known = np.cumsum(known_formed)[1 : span + 1]
    # isolates: a structure is tied from the year of its first dated tie in the scope on
    first = np.full(ties.n, np.inf)
    u, v = ties.u[mask][dated], ties.v[mask][dated]
    np.minimum.at(first, u, year[dated])
    np.minimum.at(first, v, year[dated])
    first_slot = np.clip(first[members] - y0, -1, span).astype(float)
    tied_by = np.array([(first_slot <= k).sum() for k in range(span)], dtype=np.int64)
    undated = int((~dated).sum())
    rows = []
    for k, y in enumerate(range(y0, y1 + 1)):
        if y not in years:
            continue
        so_far, n_cross, n_known = (
            int(cumulative[k]),
            int(cumulative_cross[k]),
            int(cumulative_known[k]),
        )
        rows.append(
            (
                y,
                kind,
                scope,
                n,
                int(formed[k + 1]),
                int(cross_formed[k + 1]),
                so_far,
                n_cross,
                n_known,
                n_cross / n_known if n_known else np.nan,
                (2 * n_cross - n_known) / n_known if n_known else np.nan,
                so_far / pairs if pairs else np.nan,
                n - int(tied_by[k]),
                undated,
            )
        )
    return rows


def timeline(G: nx.Graph, *, years: Iterable[int] | None = None) -> pd.DataFrame:
    """The network year by year, for the region and each territory.

    Parameters
    ----------
    G : networkx.Graph
        The cooperation graph (`ess_graph.network.cooperation_graph`); a tie's year is
        its ``since`` (the earliest year of its links).
    years : iterable of int, optional
        The years to report; default every year from the first to the last dated tie.

    Returns
    -------
    pandas.DataFrame
        `TIMELINE_COLUMNS`, one row per year and scope, the region first (``scope_type``
        "region", ``scope`` ""), then each territory by id. For a territory only the
        ties with both ends in it count (its own network). ``structures``: the scope's
        structures (all of them, whatever their founding year); ``ties_formed``,
        ``cross_sector_formed``: ties whose year is this one (cross-sector: two known,
        different sectors); ``ties``, ``cross_sector_ties``: ties dated this year or
        before; ``sector_known_ties``: those whose two sectors are known;
        ``cross_sector_share``: cross-sector ties / ``sector_known_ties`` (NaN without
        any); ``ei_sector``: (cross − same) / (cross + same) over those
        ties, the whole-network E-I index of sectors; ``density``: ties / (n(n−1)/2);
        ``isolates``: structures with no tie yet; ``undated_ties``: ties with no year,
        left out of every other count.

    Examples
    --------
    >>> G = nx.Graph()
    >>> G.add_nodes_from(["a", "b"], territory="t", sector="culture")
    >>> G.add_node("c", territory="t", sector="sport")
    >>> G.add_edge("a", "b", since=2001)
    >>> G.add_edge("b", "c", since=2003)
    >>> df = timeline(G)
    >>> df[df.scope_type == "region"][["year", "ties_formed", "ties", "cross_sector_share"]]
       year  ties_formed  ties  cross_sector_share
    0  2001            1     1                 0.0
    1  2002            0     1                 0.0
    2  2003            1     2                 0.5
    """
    ties = _Ties(G)
    dated = ties.year[~np.isnan(ties.year)]
    if years is None:
        if not len(dated):
            return pd.DataFrame(columns=list(TIMELINE_COLUMNS))
        years = range(int(dated.min()), int(dated.max()) + 1)
    years = sorted({int(y) for y in years})
    if not years:
        return pd.DataFrame(columns=list(TIMELINE_COLUMNS))
    rows = _scope_rows(
        ties, np.ones(len(ties.u), dtype=bool), np.arange(ties.n), years, "region", ""
    )
    for scope in sorted({t for t in ties.territory if t}):
        members = np.flatnonzero(ties.territory == scope)
        rows += _scope_rows(ties, ties.inside == scope, members, years, "territory", scope)
    frame = pd.DataFrame(rows, columns=list(TIMELINE_COLUMNS))
    for column in ("year", "structures", "ties_formed", "cross_sector_formed", "ties"):
        frame[column] = frame[column].astype(np.int64)
    for column in ("cross_sector_ties", "sector_known_ties", "isolates", "undated_ties"):
        frame[column] = frame[column].astype(np.int64)
    return frame


# --------------------------------------------------------------------------------------
# Before and after a pôle's creation
# --------------------------------------------------------------------------------------
def _rate(cross_years: np.ndarray, structures: int, first: int, last: int) -> tuple[int, float]:
    """(cross-sector ties formed in [first, last], per 100 structures per year)."""
    formed = int(((cross_years >= first) & (cross_years <= last)).sum())
    span = last - first + 1
    rate = 100.0 * formed / (structures * span) if structures and span > 0 else np.nan
    return formed, rate


def pole_creation_effects(
    G: nx.Graph,
    *,
    window: int = WINDOW,
    min_structures: int = 2,
    n_draws: int = 10_000,
    seed: int = 2009,
) -> pd.DataFrame:
    """Did cross-sector ties form faster after a pôle's creation than before, more than
    in the territories without a pôle over the same years?

    For each pôle of ``G.graph["poles"]`` with a creation year Y (``created``) and a
    territory T: the **rate** of cross-sector ties formed in T (both ends in T, two known
    different sectors), per 100 of T's structures per year, over the ``window`` years
    before (Y − window … Y − 1) and after (Y + 1 … Y + window; the year of creation
    itself is left out, half before and half after). The **control** is every other
    territory with at least `min_structures` structures and no pôle created by
    Y + window: its rates over the same years, pooled (all their ties over all their
    structures). ``difference`` = (after − before in T) − (after − before in the
    control): the difference in differences.

    The **placebo** test puts the same creation year in each control territory in turn
    and computes its difference against the other control territories: ``placebo_low``,
    ``placebo_high`` are the smallest and largest of those (what chance alone gives, on
    these data), ``p_value`` = (1 + the placebos at least as far from 0 as the pôle's) /
    (1 + the number of placebos) (Abadie, Diamond & Hainmueller 2010, placebos in space).
    With fewer than 2 control territories they are NaN.

    With two pôles or more, a last row ``pole = "__all__"`` gives the mean of their
    differences; its placebo distribution is the mean of one placebo drawn per pôle,
    ``n_draws`` times with ``numpy.random.default_rng(seed)``: ``placebo_low`` and
    ``placebo_high`` are its 2.5 and 97.5 percentiles (a 95 % band of what chance alone
    gives), ``p_value`` as above over the draws.

    When the links' years (the first to the last dated tie of the network) do not cover
    both windows, the pôle's counts (``formed_*``: empty), rates, difference and placebos
    are unknown: no data is not "no tie formed". A territory whose pôle is ``created``
    without a year is never a control (when it was created is unknown).

    Observational: a difference is where cooperation grew, not what made it grow; the
    years are those the links declare.

    Returns
    -------
    pandas.DataFrame
        `EFFECT_COLUMNS`, one row per pôle with a creation year and a territory, by pôle
        id, then ``__all__``. ``years_before``, ``years_after``: "Y1–Y2";
        ``formed_before``, ``formed_after``: cross-sector ties formed in T in those years;
        ``rate_*``: per 100 structures per year; ``control_territories``: their ids
        joined by "|".
    """
    if window < 1:
        raise ValueError(f"window must be 1 or more: {window}")
    ties = _Ties(G)
    cross = ties.cross & (ties.inside != "") & ~np.isnan(ties.year)
    cross_years = {
        str(t): ties.year[cross & (ties.inside == t)] for t in sorted(set(ties.inside[cross]))
    }
    size: dict[str, int] = {}
    for _, data in G.nodes(data=True):
        t = str(data.get("territory", "") or "")
        if t:
            size[t] = size.get(t, 0) + 1
    poles: dict[str, Any] = G.graph.get("poles", {}) or {}
    created_in: dict[str, float] = {}
    for meta in poles.values():
        year, terr = meta.get("created"), str(meta.get("territory", "") or "")
        if not terr:
            continue
        if year is not None:
            created_in[terr] = min(created_in.get(terr, int(year)), int(year))
        elif meta.get("status") == "created":
            # created, but when is unknown: never a control
            created_in[terr] = -np.inf

    def change(t: str, year: int) -> tuple[int, int, float, float]:
        years_t = cross_years.get(t, np.zeros(0))
        fb, rb = _rate(years_t, size.get(t, 0), year - window, year - 1)
        fa, ra = _rate(years_t, size.get(t, 0), year + 1, year + window)
        return fb, fa, rb, ra

    def pooled(territories: list[str], year: int) -> tuple[float, float]:
        parts = [cross_years.get(t, np.zeros(0)) for t in territories]
        years_all = np.concatenate(parts) if parts else np.zeros(0)
        n = sum(size.get(t, 0) for t in territories)
        return (
            _rate(years_all, n, year - window, year - 1)[1],
            _rate(years_all, n, year + 1, year + window)[1],
        )

    def controls(exclude: str, year: int) -> list[str]:
        return sorted(
            t
            for t, n in size.items()
            if t != exclude and n >= min_structures and created_in.get(t, 10**9) > year + window
        )

    def did(t: str, year: int, control: list[str]) -> float:
        _, _, rb, ra = change(t, year)
        cb, ca = pooled(control, year)
        return (ra - rb) - (ca - cb)

    dated_years = ties.year[~np.isnan(ties.year)]
    first_year = float(dated_years.min()) if len(dated_years) else np.inf
    last_year = float(dated_years.max()) if len(dated_years) else -np.inf
    rows = []
    all_placebos: list[np.ndarray] = []
    for pid in sorted(poles):
        meta = poles[pid]
        year, terr = meta.get("created"), str(meta.get("territory", "") or "")
        if year is None or not terr:
            continue
        year = int(year)
        control = controls(terr, year)
        fb, fa, rb, ra = change(terr, year)
        covered = first_year <= year - window and year + window <= last_year
        if not covered:
            # the links' years do not cover the window: no data is not "no tie formed"
            rb = ra = np.nan
            control = []
        cb, ca = pooled(control, year) if control else (np.nan, np.nan)
        difference = (ra - rb) - (ca - cb) if control else np.nan
        if not np.isfinite(difference):
            control = []
        placebos = (
            np.array([did(c, year, [o for o in control if o != c]) for c in control])
            if len(control) >= 2
            else np.zeros(0)
        )
        placebos = placebos[np.isfinite(placebos)]
        if len(placebos) and np.isfinite(difference):
            all_placebos.append(placebos)
            far = int((np.abs(placebos) >= abs(difference) - 1e-12).sum())
            p_value = (1 + far) / (1 + len(placebos))
            low, high = float(placebos.min()), float(placebos.max())
        else:
            p_value = low = high = np.nan
        rows.append(
            (
                pid,
                terr,
                year,
                window,
                f"{year - window}–{year - 1}",
                f"{year + 1}–{year + window}",
                size.get(terr, 0),
                fb if covered else None,
                fa if covered else None,
                rb,
                ra,
                ra - rb,
                "|".join(control),
                cb,
                ca,
                ca - cb,
                difference,
                low,
                high,
                p_value,
            )
        )
    measured = [r for r in rows if np.isfinite(r[16]) and np.isfinite(r[19])]
    if len(measured) >= 2:
        mean = float(np.mean([r[16] for r in measured]))
        rng = np.random.default_rng(seed)
        draws = np.zeros(n_draws)
        for placebos in all_placebos:
            draws += placebos[rng.integers(0, len(placebos), n_draws)]
        draws /= len(all_placebos)
        far = int((np.abs(draws) >= abs(mean) - 1e-12).sum())
        mean_of = [float(np.mean([r[i] for r in measured])) for i in (9, 10, 11, 13, 14, 15)]
        rows.append(
            (
                "__all__",
                "",
                0,
                window,
                "",
                "",
                sum(r[6] for r in measured),
                sum(r[7] for r in measured),
                sum(r[8] for r in measured),
                *mean_of[:3],
                "",
                *mean_of[3:],
                mean,
                float(np.percentile(draws, 2.5)),
                float(np.percentile(draws, 97.5)),
                (1 + far) / (1 + n_draws),
            )
        )
    frame = pd.DataFrame(rows, columns=list(EFFECT_COLUMNS))
    for column in ("created", "window", "structures"):
        frame[column] = frame[column].astype(np.int64)
    for column in ("formed_before", "formed_after"):  # empty where the years are not covered
        frame[column] = pd.array(frame[column].tolist(), dtype="Int64")
    return frame
