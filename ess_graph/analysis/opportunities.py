"""Which partnerships should a structure or a pôle explore next?

Ranks pairs of structures that are not yet tied in the cooperation graph, in one of two
**rankings**, named for what they are (`RANKINGS`):

- ``probable``: the ties most likely to form, by proximity alone (resource allocation over
  the typed graph below). Measured against Adamic–Adar, common neighbours, a local-path
  index, a Cannistraci–Hebb rule and L3 on real networks and on the demo, it is the one
  never clearly beaten overall: L3 and the local path win on some networks and lose
  badly on others (docs/OPPORTUNITIES_EVALUATION.md);
- ``strategic``: the pôles' aim. The score combines

- **proximity**: resource allocation (Zhou, Lü & Zhang 2009) or Adamic–Adar (Adamic &
  Adar 2003) over the neighbours the two structures share in the typed graph *without*
  its territory and sector nodes, so a shared funder, a shared pôle or a shared partner
  structure counts, but merely sharing a sector or a pays does not;
- **fit**: different sectors (more when the sector pair is a gap of their territory, as
  found by `ess_graph.analysis.gaps.sector_pair_gaps`) and the same or a neighbouring
  territory;
- **resource match**: one structure needs a pooling resource the other offers (the
  ``needs`` and ``offers`` of the partnership survey, node attributes of the cooperation
  graph): « Ti Récup cherche un véhicule ; Atelier vélo en propose un ».

A pair already tied is never suggested, nor a pair with a ``declared`` link (one side
already named the other in a survey: ``G.graph["declared_pairs"]``), whatever the rule
that built the graph.

The strategic ranking costs precision wherever ties mostly form within a sector (it
moves pairs of different sectors up); the cost is measured, not hidden, in
docs/OPPORTUNITIES_EVALUATION.md.

Every suggestion carries its reasons in words, in French and in English. The score and
its weights are defined in docs/METRICS.md ("Partnership opportunities"); the ranking is
measured against plain common neighbours and random in docs/OPPORTUNITIES_EVALUATION.md.

Proximity is computed with scipy.sparse, ``A[rows] · diag(w) · A`` over the candidate rows
only, in chunks: a dense n × n matrix is never built.

References
----------
.. [1] L. A. Adamic and E. Adar, "Friends and neighbors on the Web", Social Networks 25(3),
   211-230, 2003.
.. [2] T. Zhou, L. Lü and Y.-C. Zhang, "Predicting missing links via local information",
   European Physical Journal B 71, 623-630, 2009.
.. [3] D. Liben-Nowell and J. Kleinberg, "The link-prediction problem for social networks",
   Journal of the American Society for Information Science and Technology 58(7),
   1019-1031, 2007.
"""

from __future__ import annotations

import dataclasses
import math
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any

import networkx as nx
import numpy as np
import pandas as pd
import scipy.sparse as sp

from ess_graph.i18n import LANGS, register, t
from ess_graph.schema import RESOURCES, resource_label

#: Node types of the typed graph left out of the proximity graph: every structure of a
#: sector (or a pays) is joined to it, so keeping them would make every same-sector pair
#: look close.
EXCLUDED_TYPES = frozenset({"territory", "sector"})

#: Weight of the fit in the score: score = p · (1 + FIT_WEIGHT · fit) + GAP_WEIGHT · gap.
FIT_WEIGHT = 1.0
#: Bonus for a same-territory pair whose sector pair is a gap there (1 for "none",
#: GAP_WEAK for "weak"); lets a gap pair with no shared neighbour still be suggested.
GAP_WEIGHT = 0.1
GAP_NONE = 1.0
GAP_WEAK = 0.5
#: Bonus for a pair where one structure needs a resource the other offers (either way):
#: score += MATCH_WEIGHT · match, match 1 with at least one such resource, else 0. Twice
#: the gap bonus: a need stated by a structure is more specific than a gap of its sector
#: pair; and, like the gap bonus, it lets a pair with no shared neighbour be suggested.
MATCH_WEIGHT = 0.2
#: The two rankings and their weights (fit, gap, match) in the score
#: ``p · (1 + fit_weight · fit) + gap_weight · gap + match_weight · match``: ``probable``
#: ranks by the proximity ``p`` alone (the most likely ties), ``strategic`` by the pôles'
#: aim (cross-sector pairs, gaps of the territory, needs matched by offers).
RANKINGS: dict[str, tuple[float, float, float]] = {
    "probable": (0.0, 0.0, 0.0),
    "strategic": (FIT_WEIGHT, GAP_WEIGHT, MATCH_WEIGHT),
}
#: Territories whose coordinates are closer than this count as neighbours.
NEAR_KM = 40.0
#: Half-saturation of the normalised proximity p = raw / (raw + h): h is the raw value of
#: one shared neighbour of degree 2 (a partner that the two structures alone share).
HALF_SATURATION = {"resource_allocation": 0.5, "adamic_adar": 1.0 / math.log(2.0)}
#: Names of common partners listed in a reason before "…".
NAMES_SHOWN = 3
#: Upper bound on the nonzeros of one chunk of the sparse product.
CHUNK_NNZ = 4_000_000

COLUMNS = (
    "rank",
    "ranking",
    "source",
    "source_name",
    "target",
    "target_name",
    "score",
    "proximity",
    "fit",
    "common_partners",
    "matched_resources",
    "reasons",
    "reasons_fr",
    "reasons_en",
)

register(
    {
        "opportunities.common_partners": {
            "fr": "{n} partenaires en commun : {names}",
            "en": "{n} partners in common: {names}",
        },
        "opportunities.common_partner": {
            "fr": "1 partenaire en commun : {names}",
            "en": "1 partner in common: {names}",
        },
        "opportunities.no_common_partner": {
            "fr": "aucun partenaire en commun",
            "en": "no partner in common",
        },
        "opportunities.sectors_different": {
            "fr": "secteurs différents : {a} et {b}",
            "en": "different sectors: {a} and {b}",
        },
        "opportunities.same_sector": {
            "fr": "même secteur : {a}",
            "en": "same sector: {a}",
        },
        "opportunities.gap_none": {
            "fr": "aucun lien {a}–{b} dans {place}",
            "en": "no {a}–{b} tie in {place}",
        },
        "opportunities.gap_weak": {
            "fr": "peu de liens {a}–{b} dans {place}",
            "en": "few {a}–{b} ties in {place}",
        },
        "opportunities.same_territory": {"fr": "même pays", "en": "same pays"},
        "opportunities.near_territory": {
            "fr": "pays voisins ({km} km)",
            "en": "neighbouring pays ({km} km)",
        },
        "opportunities.far_territory": {
            "fr": "pays éloignés ({km} km)",
            "en": "distant pays ({km} km)",
        },
        "opportunities.other_territory": {
            "fr": "pays différents",
            "en": "different pays",
        },
        "opportunities.match": {
            "fr": "{a} cherche {things} ; {b} {offer}",
            "en": "{a} is looking for {things} ; {b} {offer}",
        },
        "opportunities.and": {"fr": " et ", "en": " and "},
        "opportunities.offer_several": {"fr": "en propose", "en": "offers them"},
        # what is looked for, and how the other side offers it (one resource)
        "opportunities.need.premises": {"fr": "des locaux", "en": "premises"},
        "opportunities.offer.premises": {"fr": "en propose", "en": "offers some"},
        "opportunities.need.vehicle": {"fr": "un véhicule", "en": "a vehicle"},
        "opportunities.offer.vehicle": {"fr": "en propose un", "en": "offers one"},
        "opportunities.need.equipment": {"fr": "du matériel", "en": "equipment"},
        "opportunities.offer.equipment": {"fr": "en propose", "en": "offers some"},
        "opportunities.need.shared_employee": {
            "fr": "un·e salarié·e partagé·e",
            "en": "a shared employee",
        },
        "opportunities.offer.shared_employee": {"fr": "en propose un·e", "en": "offers one"},
        "opportunities.need.skills": {"fr": "des compétences", "en": "skills"},
        "opportunities.offer.skills": {"fr": "en propose", "en": "offers them"},
        "opportunities.need.group_purchasing": {
            "fr": "des achats groupés",
            "en": "group purchasing",
        },
        "opportunities.offer.group_purchasing": {"fr": "en propose", "en": "offers it"},
        "opportunities.need.communication": {
            "fr": "de l'aide en communication",
            "en": "help with communication",
        },
        "opportunities.offer.communication": {"fr": "en propose", "en": "offers it"},
        "opportunities.need.training": {"fr": "des formations", "en": "training"},
        "opportunities.offer.training": {"fr": "en propose", "en": "offers it"},
        "opportunities.need.volunteers": {"fr": "des bénévoles", "en": "volunteers"},
        "opportunities.offer.volunteers": {"fr": "en propose", "en": "offers some"},
        "opportunities.unknown_structure": {
            "fr": "structure inconnue : « {id} »",
            "en": "unknown structure: '{id}'",
        },
        "opportunities.unknown_pole": {
            "fr": "pôle inconnu : « {id} »",
            "en": "unknown pôle: '{id}'",
        },
        "opportunities.unknown_territory": {
            "fr": "territoire inconnu : « {id} »",
            "en": "unknown territory: '{id}'",
        },
    }
)


# --------------------------------------------------------------------------------------
# Context: the arrays every step needs, built once per call from G and T.
# --------------------------------------------------------------------------------------
@dataclass(frozen=True)
class _Context:
    ids: list[str]  # structure ids, sorted as strings; index i <-> ids[i]
    names: list[str]
    nodes: list[str]  # reduced typed graph nodes: structures first, then the others
    node_names: list[str]
    A: sp.csr_array  # binary adjacency of the reduced typed graph
    degree: np.ndarray
    tie_keys: np.ndarray  # sorted i * n + j for every tie (both orientations)
    excluded: sp.csr_array  # n x n: 1 for every tie and on the diagonal
    tie_count: np.ndarray  # ties per structure in G
    sector: np.ndarray  # sector code per structure, -1 when empty
    territory: np.ndarray  # territory code per structure, -1 when empty
    sector_values: list[str]
    territory_values: list[str]
    sector_labels: list[str]
    territory_labels: list[str]
    distance: np.ndarray  # km between territory codes, inf when unknown
    gap: np.ndarray  # [territory, sector, sector] -> 0, GAP_WEAK or GAP_NONE
    near_km: float
    fit_weight: float = FIT_WEIGHT
    gap_weight: float = GAP_WEIGHT
    needs: np.ndarray | None = None  # bit r set: needs RESOURCES[r]; None: no survey data
    offers: np.ndarray | None = None
    match_weight: float = MATCH_WEIGHT

    @property
    def has_matches(self) -> bool:
        """Does some structure need a resource that another one offers?"""
        if self.needs is None or self.offers is None:
            return False
        needed = np.bitwise_or.reduce(self.needs) if len(self.needs) else 0
        return bool(np.bitwise_or.reduce(self.offers) & needed) if len(self.offers) else False

    @property
    def best_extra(self) -> float:
        """The largest additive part of a score: the full gap bonus, plus the match bonus
        when some pair can have one."""
        return self.gap_weight * GAP_NONE + (self.match_weight if self.has_matches else 0.0)

    @property
    def n(self) -> int:
        return len(self.ids)


def haversine_km(a: tuple[float, float], b: tuple[float, float]) -> float:
    """Great-circle distance in km between two (lat, lon) points (mean Earth radius 6371.0088 km)."""
    lat1, lon1, lat2, lon2 = map(math.radians, (a[0], a[1], b[0], b[1]))
    h = (
        math.sin((lat2 - lat1) / 2) ** 2
        + math.cos(lat1) * math.cos(lat2) * math.sin((lon2 - lon1) / 2) ** 2
    )
    return 2 * 6371.0088 * math.asin(math.sqrt(min(1.0, h)))


def territory_coords(net: Any) -> dict[str, tuple[float, float]]:
    """Territory id -> (lat, lon) from a Network's territories table (rows with both).

    Pass the result as ``territory_coords`` to `opportunities`; the graphs themselves do
    not carry coordinates.
    """
    frame = getattr(net, "territories", None)
    if frame is None or not len(frame) or not {"lat", "lon"} <= set(frame.columns):
        return {}
    out: dict[str, tuple[float, float]] = {}
    lat = pd.to_numeric(frame["lat"], errors="coerce")
    lon = pd.to_numeric(frame["lon"], errors="coerce")
    for tid, la, lo in zip(frame["id"], lat, lon, strict=True):
        if la == la and lo == lo:
            out[str(tid)] = (float(la), float(lo))
    return out


def _gap_table(G: nx.Graph, gap_pairs: Any) -> list[tuple[str, str, str, float]]:
    """(territory, sector a, sector b, gap value) for every gap, from H3's function or
    from ``gap_pairs`` (a DataFrame with ``scope, sector_a, sector_b, gap`` or an
    iterable of ``(territory, sector_a, sector_b[, gap])``)."""
    if gap_pairs is None:
        gap_pairs = _sector_pair_gaps(G)
    rows: list[tuple[str, str, str, float]] = []
    if isinstance(gap_pairs, pd.DataFrame):
        if gap_pairs.empty:
            return rows
        gap_col = (
            gap_pairs["gap"] if "gap" in gap_pairs.columns else pd.Series("none", gap_pairs.index)
        )
        items: Iterable[tuple[Any, ...]] = zip(
            gap_pairs["scope"],
            gap_pairs["sector_a"],
            gap_pairs["sector_b"],
            gap_col,
            strict=True,
        )
    else:
        items = (tuple(x) if len(x) == 4 else (*tuple(x), "none") for x in gap_pairs)
    for scope, a, b, level in items:
        value = {"none": GAP_NONE, "weak": GAP_WEAK}.get(str(level), 0.0)
        if value > 0 and a != b:
            rows.append((str(scope), str(a), str(b), value))
    return rows


def _sector_pair_gaps(G: nx.Graph) -> pd.DataFrame:
    """The gaps of each territory: H3's `sector_pair_gaps` when available, else a minimal
    fallback (sector pairs with at least 2 structures each and no tie, gap = "none")."""
    try:
        from ess_graph.analysis.gaps import sector_pair_gaps
    except ImportError:
        return _fallback_gaps(G)
    frame = sector_pair_gaps(G, by="territory")
    if "gap" in frame.columns:
        frame = frame[frame["gap"].isin(["none", "weak"])]
    return frame


def _fallback_gaps(G: nx.Graph) -> pd.DataFrame:
    members: dict[tuple[str, str], int] = {}
    for _, data in G.nodes(data=True):
        terr, sector = data.get("territory", ""), data.get("sector", "")
        if terr and sector:
            members[terr, sector] = members.get((terr, sector), 0) + 1
    tied: set[tuple[str, str, str]] = set()
    for u, v in G.edges():
        du, dv = G.nodes[u], G.nodes[v]
        terr = du.get("territory", "")
        if terr and terr == dv.get("territory") and du.get("sector") != dv.get("sector"):
            a, b = sorted((du.get("sector", ""), dv.get("sector", "")))
            tied.add((terr, a, b))
    rows = []
    by_territory: dict[str, list[str]] = {}
    for (terr, sector), count in sorted(members.items()):
        if count >= 2:
            by_territory.setdefault(terr, []).append(sector)
    for terr, sectors in by_territory.items():
        for i, a in enumerate(sectors):
            for b in sectors[i + 1 :]:
                if (terr, a, b) not in tied:
                    rows.append((terr, a, b, "none"))
    return pd.DataFrame(rows, columns=["scope", "sector_a", "sector_b", "gap"])


def _build_context(
    G: nx.Graph,
    T: nx.Graph,
    territory_coords: Mapping[str, tuple[float, float]] | None,
    gap_pairs: Any,
    near_km: float,
    fit_weight: float = FIT_WEIGHT,
    gap_weight: float = GAP_WEIGHT,
    match_weight: float = MATCH_WEIGHT,
) -> _Context:
    ids = sorted(G.nodes, key=str)
    n = len(ids)
    index = {sid: i for i, sid in enumerate(ids)}
    others = sorted(
        (
            node
            for node, data in T.nodes(data=True)
            if node not in index and data.get("type") not in EXCLUDED_TYPES
        ),
        key=str,
    )
    nodes = ids + others
    node_index = {node: i for i, node in enumerate(nodes)}
    rows: list[int] = []
    cols: list[int] = []
    for u, v in T.edges():
        i = node_index.get(u)
        j = node_index.get(v)
        if i is None or j is None or i == j:
            continue
        rows.append(i)
        cols.append(j)
    r = np.asarray(rows + cols, dtype=np.int64)
    c = np.asarray(cols + rows, dtype=np.int64)
    A = sp.csr_array((np.ones(len(r)), (r, c)), shape=(len(nodes), len(nodes)))
    A.sum_duplicates()
    A.data[:] = 1.0
    degree = np.asarray(A.sum(axis=1)).ravel()

    ties = np.array([(index[u], index[v]) for u, v in G.edges() if u != v], dtype=np.int64)
    tu, tv = ties.reshape(-1, 2).T
    tie_count = np.bincount(np.concatenate([tu, tv]), minlength=n)
    # Pairs never suggested: the ties, and the pairs with a declared link (one side named
    # the other: a link to confirm, not a partnership to suggest), whatever the rule.
    blocked = np.array(
        [
            (index[u], index[v])
            for u, v in G.graph.get("declared_pairs", ()) or ()
            if u in index and v in index and u != v
        ],
        dtype=np.int64,
    )
    bu, bv = blocked.reshape(-1, 2).T
    xu, xv = np.r_[tu, bu], np.r_[tv, bv]
    tie_keys = np.unique(np.concatenate([xu * n + xv, xv * n + xu]))
    diag = np.arange(n, dtype=np.int64)
    excluded = sp.csr_array(
        (np.ones(2 * len(xu) + n), (np.r_[xu, xv, diag], np.r_[xv, xu, diag])), shape=(n, n)
    )
    excluded.sum_duplicates()
    excluded.data[:] = 1.0

    attrs = [G.nodes[sid] for sid in ids]
    sector_of = [str(a.get("sector", "") or "") for a in attrs]
    territory_of = [str(a.get("territory", "") or "") for a in attrs]
    sector_values = sorted({s for s in sector_of if s})
    territory_values = sorted({x for x in territory_of if x})
    s_code = {s: k for k, s in enumerate(sector_values)}
    t_code = {x: k for k, x in enumerate(territory_values)}
    sector = np.array([s_code.get(s, -1) for s in sector_of], dtype=np.int64)
    territory = np.array([t_code.get(x, -1) for x in territory_of], dtype=np.int64)
    sector_names = G.graph.get("sector_names", {}) or {}
    territory_names = G.graph.get("territory_names", {}) or {}

    nt, ns = len(territory_values), len(sector_values)
    distance = np.full((max(nt, 1), max(nt, 1)), np.inf)
    coords = territory_coords or {}
    for a, ta in enumerate(territory_values):
        for b, tb in enumerate(territory_values):
            if ta in coords and tb in coords:
                distance[a, b] = haversine_km(coords[ta], coords[tb])
    gap = np.zeros((max(nt, 1), max(ns, 1), max(ns, 1)))
    for scope, a, b, value in _gap_table(G, gap_pairs):
        if scope in t_code and a in s_code and b in s_code:
            ti, ai, bi = t_code[scope], s_code[a], s_code[b]
            gap[ti, ai, bi] = gap[ti, bi, ai] = max(gap[ti, ai, bi], value)

    names = [str(a.get("name", "") or sid) for sid, a in zip(ids, attrs, strict=True)]
    node_names = names + [str(T.nodes[o].get("name", "") or o) for o in others]
    needs = _resource_bits(attrs, "needs")
    offers = _resource_bits(attrs, "offers")
    return _Context(
        ids=ids,
        names=names,
        nodes=nodes,
        node_names=node_names,
        A=A,
        degree=degree,
        tie_keys=tie_keys,
        excluded=excluded,
        tie_count=tie_count,
        sector=sector,
        territory=territory,
        sector_values=sector_values,
        territory_values=territory_values,
        sector_labels=[str(sector_names.get(s, s)) for s in sector_values],
        territory_labels=[str(territory_names.get(x, x)) for x in territory_values],
        distance=distance,
        gap=gap,
        near_km=near_km,
        fit_weight=fit_weight,
        gap_weight=gap_weight,
        needs=needs,
        offers=offers,
        match_weight=match_weight,
    )


_RESOURCE_BIT = {code: 1 << r for r, code in enumerate(RESOURCES)}


def _resource_bits(attrs: list[Mapping[str, Any]], key: str) -> np.ndarray | None:
    """One bit mask of `RESOURCES` per structure from its ``needs`` or ``offers`` (a tuple
    of codes, or the ``|``-joined text); None when no structure has any."""
    bits = np.zeros(len(attrs), dtype=np.int64)
    for k, a in enumerate(attrs):
        value = a.get(key) or ()
        if isinstance(value, str):
            value = value.split("|")
        for code in value:
            bits[k] |= _RESOURCE_BIT.get(code, 0)
    return bits if bits.any() else None


# --------------------------------------------------------------------------------------
# Scores
# --------------------------------------------------------------------------------------
def _neighbour_weights(ctx: _Context, proximity: str) -> np.ndarray:
    d = ctx.degree
    w = np.zeros_like(d, dtype=float)
    if proximity == "resource_allocation":
        np.divide(1.0, d, out=w, where=d > 0)
    else:
        # A common neighbour has degree >= 2, so log d > 0 wherever it matters.
        np.divide(1.0, np.log(np.maximum(d, 1.0)), out=w, where=d >= 2)
    return w


def _fit_and_gap(ctx: _Context, i: np.ndarray, j: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """fit in [0, 1] and gap value (0, GAP_WEAK, GAP_NONE) for pairs (i, j)."""
    si, sj = ctx.sector[i], ctx.sector[j]
    ti, tj = ctx.territory[i], ctx.territory[j]
    known_t = (ti >= 0) & (tj >= 0)
    same_t = known_t & (ti == tj)
    diff_s = (si >= 0) & (sj >= 0) & (si != sj)
    gap = np.zeros(len(i))
    m = same_t & diff_s
    if m.any():
        gap[m] = ctx.gap[ti[m], si[m], sj[m]]
    dist = np.full(len(i), np.inf)
    if known_t.any():
        dist[known_t] = ctx.distance[ti[known_t], tj[known_t]]
    place = np.where(same_t, 1.0, np.where(dist < ctx.near_km, 0.5, 0.0))
    sector_part = np.where(diff_s, 0.5 + 0.5 * gap, 0.0)
    return 0.5 * sector_part + 0.5 * place, gap


def _matched(ctx: _Context, i: np.ndarray, j: np.ndarray) -> np.ndarray:
    """Bit mask of the resources one of i, j needs and the other offers (0: none)."""
    if ctx.needs is None or ctx.offers is None:
        return np.zeros(len(i), dtype=np.int64)
    return (ctx.needs[i] & ctx.offers[j]) | (ctx.needs[j] & ctx.offers[i])


def _score(
    ctx: _Context,
    raw: np.ndarray,
    fit: np.ndarray,
    gap: np.ndarray,
    proximity: str,
    match: np.ndarray | None = None,
) -> np.ndarray:
    h = HALF_SATURATION[proximity]
    p = raw / (raw + h)
    score = p * (1.0 + ctx.fit_weight * fit) + ctx.gap_weight * gap
    if match is not None and ctx.match_weight:
        score = score + ctx.match_weight * (match != 0)
    return score


def _drop(ctx: _Context, i: np.ndarray, j: np.ndarray, focus: np.ndarray | None) -> np.ndarray:
    """Mask of pairs to keep: not the same structure, not tied, each unordered pair once."""
    keep = i != j
    if len(ctx.tie_keys):
        keys = i * ctx.n + j
        pos = np.searchsorted(ctx.tie_keys, keys)
        pos[pos >= len(ctx.tie_keys)] = 0
        keep &= ctx.tie_keys[pos] != keys
    if focus is not None:
        # When both ends are in the focus set the pair comes from both rows: keep one.
        keep &= ~focus[j] | (i < j)
    return keep


def _two_hop_chunks(
    ctx: _Context, rows: np.ndarray, proximity: str, upper: bool = False, exclude: bool = True
):
    """Yield (i, j, raw) for every untied structure pair at distance 2 in the reduced graph.

    ``upper``: only ``j >= min(chunk)`` is needed (the "all" query keeps i < j), so the
    product skips most of the lower triangle. ``exclude``: remove tied pairs and i = j
    here, on the sparse product (cheaper than a lookup when every entry is kept);
    otherwise the caller does it (after pruning, with `_drop`).
    """
    n = ctx.n
    if n == 0 or len(rows) == 0:
        return
    w = _neighbour_weights(ctx, proximity)
    to_structures = ctx.A[:, :n]
    weighted = (sp.diags_array(w) @ to_structures).tocsc()
    paths_bound = ctx.A[rows] @ np.asarray(to_structures.sum(axis=1)).ravel()
    start = 0
    cum = np.cumsum(paths_bound)
    while start < len(rows):
        base = cum[start - 1] if start else 0.0
        stop = int(np.searchsorted(cum, base + CHUNK_NNZ, side="right"))
        stop = max(stop, start + 1)
        chunk = rows[start:stop]
        lo = int(chunk.min()) if upper else 0
        product = ctx.A[chunk] @ weighted[:, lo:]
        if exclude:
            # Tied pairs and the structure itself are no candidates: x - x is exactly 0.
            product = product - product.multiply(ctx.excluded[chunk][:, lo:])
            product.eliminate_zeros()
        product = product.tocoo()
        yield chunk[product.row], product.col.astype(np.int64) + lo, product.data
        start = stop


def _gap_only_pairs(
    ctx: _Context, rows: np.ndarray, focus: np.ndarray | None, limit: int | None
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Same-territory pairs whose sector pair is a gap there and that share no neighbour.

    With ``limit``, keep for each row only its first ``limit`` such partners by id in
    each gap sector: they all have the same score, so no better pair is lost.
    """
    empty = np.zeros(0, dtype=np.int64)
    if not ctx.gap.any() or len(rows) == 0:
        return empty, empty, np.zeros(0)
    groups: dict[tuple[int, int], np.ndarray] = {}
    order = np.lexsort((np.arange(ctx.n), ctx.sector, ctx.territory))
    t_sorted, s_sorted = ctx.territory[order], ctx.sector[order]
    bounds = np.flatnonzero(np.diff(t_sorted) | np.diff(s_sorted)) + 1
    for part in np.split(order, bounds):
        if len(part) and ctx.territory[part[0]] >= 0 and ctx.sector[part[0]] >= 0:
            groups[int(ctx.territory[part[0]]), int(ctx.sector[part[0]])] = np.sort(part)
    A = ctx.A
    to_structures = A[:, : ctx.n].tocsc()
    out_i, out_j, out_g = [], [], []
    row_t, row_s = ctx.territory[rows], ctx.sector[rows]
    for (terr, sec), _members in groups.items():
        mine = rows[(row_t == terr) & (row_s == sec)]
        if not len(mine):
            continue
        for other in np.flatnonzero(ctx.gap[terr, sec]):
            partners = groups.get((terr, int(other)))
            if partners is None:
                continue
            value = ctx.gap[terr, sec, other]
            step = max(1, 2_000_000 // max(len(partners), 1))
            for lo in range(0, len(mine), step):
                r = mine[lo : lo + step]
                shared = (A[r] @ to_structures[:, partners]).toarray() > 0
                ii = np.repeat(r, len(partners))
                jj = np.tile(partners, len(r))
                ok = _drop(ctx, ii, jj, focus).reshape(len(r), len(partners)) & ~shared
                if limit is not None:
                    ok &= np.cumsum(ok, axis=1) <= limit
                a, b = np.nonzero(ok)
                out_i.append(r[a])
                out_j.append(partners[b])
                out_g.append(np.full(len(a), value))
    if not out_i:
        return empty, empty, np.zeros(0)
    return np.concatenate(out_i), np.concatenate(out_j), np.concatenate(out_g)


def _match_only_pairs(
    ctx: _Context, rows: np.ndarray, focus: np.ndarray | None
) -> tuple[np.ndarray, np.ndarray]:
    """Pairs (i in ``rows``, j) where one needs a resource the other offers and that share
    no neighbour (those are found with their proximity), untied, each pair once."""
    empty = np.zeros(0, dtype=np.int64)
    if ctx.needs is None or ctx.offers is None or len(rows) == 0:
        return empty, empty
    in_rows = np.zeros(ctx.n, dtype=bool)
    in_rows[rows] = True
    parts_i, parts_j = [], []
    for r in range(len(RESOURCES)):
        bit = 1 << r
        needers = np.flatnonzero(ctx.needs & bit)
        offerers = np.flatnonzero(ctx.offers & bit)
        if not len(needers) or not len(offerers):
            continue
        # the row end may be the one that needs or the one that offers
        for mine, theirs in ((needers, offerers), (offerers, needers)):
            mine = mine[in_rows[mine]]
            if len(mine):
                parts_i.append(np.repeat(mine, len(theirs)))
                parts_j.append(np.tile(theirs, len(mine)))
    if not parts_i:
        return empty, empty
    i, j = np.concatenate(parts_i), np.concatenate(parts_j)
    keys = np.unique(i * ctx.n + j)
    i, j = keys // ctx.n, keys % ctx.n
    ok = _drop(ctx, i, j, focus)
    i, j = i[ok], j[ok]
    if len(i):
        step = 200_000
        shared = np.concatenate(
            [
                np.asarray(ctx.A[i[s : s + step]].multiply(ctx.A[j[s : s + step]]).sum(axis=1))
                .ravel()
                .astype(bool)
                for s in range(0, len(i), step)
            ]
        )
        i, j = i[~shared], j[~shared]
    return i.astype(np.int64), j.astype(np.int64)


def _top(
    i: np.ndarray, j: np.ndarray, score: np.ndarray, k: int | None, per_row: bool
) -> np.ndarray:
    """Positions of the best ``k`` entries by (score desc, i, j), overall or per row."""
    if k is None or (not per_row and len(score) <= k):
        return np.lexsort((j, i, -score))
    if not per_row:
        threshold = np.partition(score, len(score) - k)[len(score) - k]
        cand = np.flatnonzero(score >= threshold)
        order = cand[np.lexsort((j[cand], i[cand], -score[cand]))]
        return order[:k]
    order = np.lexsort((j, -score, i))
    si = i[order]
    first = np.r_[0, np.flatnonzero(np.diff(si)) + 1]
    lengths = np.diff(np.r_[first, len(si)])
    rank_in_row = np.arange(len(si)) - np.repeat(first, lengths)
    return order[rank_in_row < k]


def _row_bound(
    i: np.ndarray,
    raw: np.ndarray,
    k: int,
    h: float,
    best_extra: float,
    fit_weight: float,
    levels: int = 64,
) -> np.ndarray:
    """Mask of the entries that can still be among the best ``k`` of their row.

    ``i`` is sorted (a chunk of CSR rows). The k-th best score of a row is at least its
    k-th largest ``p``, found to within 1/levels by counting ``p`` in bins per row; an
    entry whose best possible score (fit 1, full gap and match bonuses) is below that
    bound is out.
    """
    if len(i) == 0:
        return np.ones(0, dtype=bool)
    p = raw / (raw + h)
    local = np.r_[0, np.cumsum(np.diff(i) != 0)]
    n_rows = int(local[-1]) + 1
    level = np.minimum((p * levels).astype(np.int64), levels - 1)
    counts = np.bincount(local * levels + level, minlength=n_rows * levels)
    from_top = np.cumsum(counts.reshape(n_rows, levels)[:, ::-1], axis=1)
    enough = from_top[:, -1] >= k
    kth_level = levels - 1 - np.argmax(from_top >= k, axis=1)
    lower = np.where(enough, kth_level / levels, 0.0)
    return p * (1.0 + fit_weight) + best_extra >= lower[local] - 1e-9


def _candidates(
    ctx: _Context,
    rows: np.ndarray,
    proximity: str,
    focus: np.ndarray | None,
    k: int | None,
    per_row: bool,
) -> tuple[np.ndarray, ...]:
    """(i, j, raw, fit, gap, score) of the best candidate pairs for ``rows``.

    ``k`` None: every candidate. ``per_row``: the best ``k`` of each row (a chunk holds
    whole rows, so each chunk is reduced on its own). Otherwise the best ``k`` overall:
    once ``k`` pairs are known, an entry whose best possible score (fit 1, full gap and
    match bonuses) is below the k-th score is dropped before its fit is computed.
    """
    h = HALF_SATURATION[proximity]
    best_gap_only = ctx.gap_weight * GAP_NONE
    best_extra = ctx.best_extra  # best_gap_only when no structure's need is offered
    kept_i: list[np.ndarray] = []
    kept_j: list[np.ndarray] = []
    kept_raw: list[np.ndarray] = []
    threshold = -np.inf

    def best(i: np.ndarray, j: np.ndarray, raw: np.ndarray) -> tuple[np.ndarray, ...]:
        fit, gap = _fit_and_gap(ctx, i, j)
        score = _score(ctx, raw, fit, gap, proximity, _matched(ctx, i, j))
        sel = _top(i, j, score, k, per_row)
        return i[sel], j[sel], raw[sel], score[sel]

    def can_reach(raw: np.ndarray, level: float) -> np.ndarray:
        # score <= p (1 + fit_weight) + best_extra, p = raw / (raw + h)
        p_min = (level - best_extra) / (1.0 + ctx.fit_weight)
        if p_min <= 0:
            return np.ones(len(raw), dtype=bool)
        raw_min = h * p_min / (1.0 - p_min) if p_min < 1 else np.inf
        return raw >= raw_min * (1.0 - 1e-9)  # a little slack against rounding

    upper = focus is not None and bool(focus.all())
    global_top = k is not None and not per_row
    for i, j, raw in _two_hop_chunks(ctx, rows, proximity, upper, exclude=not global_top):
        if global_top:
            if np.isfinite(threshold):
                m = can_reach(raw, threshold)
                i, j, raw = i[m], j[m], raw[m]
            if len(raw) > k:
                # score >= p, so the k-th largest p of valid entries (untied, i != j,
                # each pair once) bounds the k-th best score from below. Looking for them
                # among the largest p only keeps this cheap; fewer than k valid there
                # just means no bound for this chunk.
                p = raw / (raw + h)
                size = min(len(p), 4 * k + 1024)
                top = np.argpartition(p, len(p) - size)[len(p) - size :]
                valid = top[_drop(ctx, i[top], j[top], focus)]
                if len(valid) >= k:
                    lower = float(np.partition(p[valid], len(valid) - k)[len(valid) - k])
                    m = can_reach(raw, max(lower, threshold))
                    i, j, raw = i[m], j[m], raw[m]
            ok = _drop(ctx, i, j, focus)  # ties, i = j, and each pair once
            i, j, raw = i[ok], j[ok], raw[ok]
        elif focus is not None:
            # Both ends in the focus: the pair comes from both rows, keep one.
            ok = ~focus[j] | (i < j)
            i, j, raw = i[ok], j[ok], raw[ok]
        if k is None:
            kept_i.append(i)
            kept_j.append(j)
            kept_raw.append(raw)
        elif per_row:
            m = _row_bound(i, raw, k, h, best_extra, ctx.fit_weight)
            bi, bj, braw, _ = best(i[m], j[m], raw[m])
            kept_i.append(bi)
            kept_j.append(bj)
            kept_raw.append(braw)
        else:
            bi, bj, braw, bs = best(
                np.concatenate([*kept_i, i]),
                np.concatenate([*kept_j, j]),
                np.concatenate([*kept_raw, raw]),
            )
            kept_i[:], kept_j[:], kept_raw[:] = [bi], [bj], [braw]
            if len(bs) >= k:
                threshold = float(bs.min())
    # A pair that shares no neighbour scores at most gap_weight: skip them when k better
    # pairs are already known (or when the gap bonus is off: they would score 0).
    gi = gj = np.zeros(0, dtype=np.int64)
    if best_gap_only > 0 and (k is None or per_row or threshold <= best_gap_only):
        gi, gj, _ = _gap_only_pairs(ctx, rows, focus, k)
    # Likewise a pair with a resource match and no shared neighbour scores at most
    # best_extra (match bonus, plus a gap bonus): generated unless k better are known.
    if best_extra > best_gap_only and (k is None or per_row or threshold <= best_extra):
        mi, mj = _match_only_pairs(ctx, rows, focus)
        if len(gi):  # a pair both a gap and a match comes once
            new = ~np.isin(mi * ctx.n + mj, gi * ctx.n + gj)
            mi, mj = mi[new], mj[new]
        gi, gj = np.r_[gi, mi], np.r_[gj, mj]
    if len(gi):
        kept_i.append(gi)
        kept_j.append(gj)
        kept_raw.append(np.zeros(len(gi)))
    empty = np.zeros(0, dtype=np.int64)
    ci = np.concatenate([empty, *kept_i]).astype(np.int64)
    cj = np.concatenate([empty, *kept_j]).astype(np.int64)
    craw = np.concatenate([np.zeros(0), *kept_raw])
    fit, gap = _fit_and_gap(ctx, ci, cj)
    score = _score(ctx, craw, fit, gap, proximity, _matched(ctx, ci, cj))
    order = _top(ci, cj, score, k, per_row)
    return ci[order], cj[order], craw[order], fit[order], gap[order], score[order]


# --------------------------------------------------------------------------------------
# Reasons
# --------------------------------------------------------------------------------------
#: French article after "pays" for names that do not take "de" (pays du Trégor-Goëlo).
_FR_ARTICLES = (("centre", "du "), ("trégor", "du "), ("tregor", "du "), ("vallons", "des "))


def _in_place(name: str, lang: str) -> str:
    if lang != "fr":
        return name
    lower = name.lower()
    if lower.startswith("pays"):
        return "le " + name[0].lower() + name[1:]
    for prefix, article in _FR_ARTICLES:
        if lower.startswith(prefix):
            return "le pays " + article + name
    if lower[:1] in "aeiouyhéèêàâîôû":
        return "le pays d'" + name
    return "le pays de " + name


def _partner_reason(ctx: _Context, shared: np.ndarray, lang: str) -> str:
    if not len(shared):
        return t("opportunities.no_common_partner", lang)
    names = [ctx.node_names[w] for w in shared[:NAMES_SHOWN]]
    listed = ", ".join(names) + (", …" if len(shared) > NAMES_SHOWN else "")
    key = "opportunities.common_partner" if len(shared) == 1 else "opportunities.common_partners"
    return t(key, lang, n=len(shared), names=listed)


def _context_reasons(
    ctx: _Context, si: int, sj: int, ti: int, tj: int, gap: float, lang: str
) -> str:
    """The sector, gap and place sentences (the same for many pairs: cached by caller)."""
    parts = []
    if si >= 0 and sj >= 0:
        # sector names as written (« Mr. Hi », « ESS », « Culture »): a name is not ours to re-case
        a, b = ctx.sector_labels[si], ctx.sector_labels[sj]
        if si != sj:
            parts.append(t("opportunities.sectors_different", lang, a=a, b=b))
        else:
            parts.append(t("opportunities.same_sector", lang, a=a))
        if gap > 0:
            key = "opportunities.gap_none" if gap >= GAP_NONE else "opportunities.gap_weak"
            place = _in_place(ctx.territory_labels[ti], lang)
            parts.append(t(key, lang, a=a, b=b, place=place))
    if ti >= 0 and tj >= 0:
        if ti == tj:
            parts.append(t("opportunities.same_territory", lang))
        elif np.isfinite(ctx.distance[ti, tj]):
            km = round(float(ctx.distance[ti, tj]))
            key = (
                "opportunities.near_territory"
                if ctx.distance[ti, tj] < ctx.near_km
                else "opportunities.far_territory"
            )
            parts.append(t(key, lang, km=km))
        else:
            parts.append(t("opportunities.other_territory", lang))
    return " ; ".join(parts)


def _codes(bits: int) -> list[str]:
    """The resource codes of a bit mask, in `RESOURCES` order."""
    return [code for r, code in enumerate(RESOURCES) if bits >> r & 1]


def _match_sentence(seeker: str, giver: str, codes: list[str], lang: str) -> str:
    """« Ti Récup cherche un véhicule ; Atelier vélo en propose un »."""
    things = [t(f"opportunities.need.{c}", lang) for c in codes]
    if len(things) > 1:
        things = [", ".join(things[:-1]) + t("opportunities.and", lang) + things[-1]]
    offer = (
        t(f"opportunities.offer.{codes[0]}", lang)
        if len(codes) == 1
        else t("opportunities.offer_several", lang)
    )
    return t("opportunities.match", lang, a=seeker, b=giver, things=things[0], offer=offer)


def _match_reasons(ctx: _Context, a: int, b: int, lang: str) -> list[str]:
    """What one of the pair needs and the other offers, a sentence per direction."""
    if ctx.needs is None or ctx.offers is None:
        return []
    out = []
    for seeker, giver in ((a, b), (b, a)):
        codes = _codes(int(ctx.needs[seeker] & ctx.offers[giver]))
        if codes:
            out.append(_match_sentence(ctx.names[seeker], ctx.names[giver], codes, lang))
    return out


def _shared_neighbours(ctx: _Context, i: np.ndarray, j: np.ndarray) -> list[np.ndarray]:
    """For each pair, its shared neighbours, most specific first (lowest degree, the one
    that adds most to the proximity), then by name."""
    if not len(i):
        return []
    both = (ctx.A[i].multiply(ctx.A[j])).tocsr()
    both.sort_indices()
    rows = np.repeat(np.arange(len(i)), np.diff(both.indptr))
    specificity = np.lexsort((np.arange(len(ctx.nodes)), ctx.node_names, ctx.degree))
    rank = np.empty(len(ctx.nodes), dtype=np.int64)
    rank[specificity] = np.arange(len(ctx.nodes))
    order = np.lexsort((rank[both.indices], rows))
    cols = both.indices[order]
    return np.split(cols, both.indptr[1:-1])


# --------------------------------------------------------------------------------------
# Public API
# --------------------------------------------------------------------------------------
def _focus_rows(
    ctx: _Context,
    G: nx.Graph,
    structure: str | None,
    pole: str | None,
    territory: str | None,
) -> tuple[np.ndarray, np.ndarray | None]:
    n = ctx.n
    mask = np.ones(n, dtype=bool)
    if structure is not None:
        if structure not in G:
            raise ValueError(t("opportunities.unknown_structure", "en", id=structure))
        mask &= np.array([sid == structure for sid in ctx.ids], dtype=bool)
    if pole is not None:
        poles = set(G.graph.get("poles", {}) or {})
        poles |= {str(G.nodes[s].get("pole", "")) for s in ctx.ids}
        if pole not in poles:
            raise ValueError(t("opportunities.unknown_pole", "en", id=pole))
        mask &= np.array([G.nodes[s].get("pole") == pole for s in ctx.ids], dtype=bool)
    if territory is not None:
        known = set(G.graph.get("territory_names", {}) or {}) | set(ctx.territory_values)
        if territory not in known:
            raise ValueError(t("opportunities.unknown_territory", "en", id=territory))
        mask &= np.array([G.nodes[s].get("territory") == territory for s in ctx.ids], dtype=bool)
    return np.flatnonzero(mask), mask


def opportunities(
    G: nx.Graph,
    T: nx.Graph,
    *,
    structure: str | None = None,
    pole: str | None = None,
    territory: str | None = None,
    k: int = 20,
    proximity: str = "resource_allocation",
    territory_coords: Mapping[str, tuple[float, float]] | None = None,
    gap_pairs: Any = None,
    lang: str = "fr",
    per_structure: bool = False,
    near_km: float = NEAR_KM,
    ranking: str = "strategic",
    fit_weight: float | None = None,
    gap_weight: float | None = None,
    match_weight: float | None = None,
) -> pd.DataFrame:
    """Rank the pairs of structures not yet tied that could cooperate next.

    Parameters
    ----------
    G : networkx.Graph
        The cooperation graph (`ess_graph.network.cooperation_graph`). Its ties, and the
        pairs of ``G.graph["declared_pairs"]`` (a declared link: one side named the
        other), are never suggested. Node attributes ``needs`` and ``offers`` (tuples of
        `ess_graph.schema.RESOURCES` codes) give the resource matches; without them
        there is none.
    T : networkx.Graph
        The typed graph (`ess_graph.network.typed_graph`) of the same network. Its
        territory and sector nodes are left out of the proximity.
    structure, pole, territory : str, optional
        Focus: only pairs whose ``source`` is this structure, a member of this pôle, or
        located in this territory (several filters combine with "and"). None: all pairs.
    k : int, default 20
        Number of pairs returned (per source structure with ``per_structure=True``).
    proximity : {"resource_allocation", "adamic_adar"}
        Sum over shared neighbours ``w`` of ``1/d(w)`` or ``1/log d(w)``, ``d`` the
        degree in the typed graph without territory and sector nodes.
    territory_coords : dict, optional
        Territory id -> (lat, lon), e.g. from `territory_coords(net)`. Without it only
        "same territory" counts in the fit, not "neighbouring territory".
    gap_pairs : DataFrame or iterable, optional
        The gaps of each territory (columns ``scope, sector_a, sector_b, gap``, as from
        `ess_graph.analysis.gaps.sector_pair_gaps(G, by="territory")`), or tuples
        ``(territory, sector_a, sector_b[, gap])``. None: computed from ``G``.
    lang : {"fr", "en"}
        Language of the ``reasons`` column.
    per_structure : bool, default False
        Return the best ``k`` pairs of every source structure instead of the best ``k``
        overall (``rank`` then counts within each source).
    near_km : float, default 40
        Territories whose coordinates are closer than this are neighbours.
    ranking : {"strategic", "probable"}
        ``probable``: the ties most likely to form, by proximity alone (all three weights
        0); ``strategic``: the pôles' aim, with the weights `FIT_WEIGHT`, `GAP_WEIGHT`
        and `MATCH_WEIGHT` (`RANKINGS`). Both are measured in
        docs/OPPORTUNITIES_EVALUATION.md.
    fit_weight, gap_weight, match_weight : float, optional
        Override the ranking's weights of the score ``p · (1 + fit_weight · fit) +
        gap_weight · gap + match_weight · match`` (for an ablation; the ``ranking``
        column then still names the ranking they started from). ``match`` is 1 where one
        structure needs a resource the other offers; with ``match_weight=0`` needs and
        offers are left out of the ranking but still said in the reasons.

    Returns
    -------
    pandas.DataFrame
        One row per suggested pair, best first, with columns
        ``rank`` (1 = best), ``ranking`` (``probable`` or ``strategic``), ``source``, ``source_name``, ``target``, ``target_name``
        (``source`` is the end inside the focus; for the "all" query the smaller id),
        ``score`` (``p · (1 + fit_weight · fit) + gap_weight · gap + match_weight ·
        match`` with ``p = raw / (raw + h)``, ``gap`` 1 / 0.5 / 0 for a "none" / "weak"
        / no gap of the pair's territory, and ``match`` 1 when one of the two needs a
        resource the other offers, else 0; see docs/METRICS.md), ``proximity`` (the raw
        resource allocation or Adamic–Adar value), ``fit`` (in [0, 1]: half sector
        difference, half place), ``common_partners`` (number of shared neighbours:
        partners, pôles, structures), ``matched_resources`` (the resources one needs and
        the other offers, either way: codes joined by ``|``, sorted; "" when none),
        ``reasons`` (sentences joined by " ; " in ``lang``), ``reasons_fr`` and
        ``reasons_en``. Ties in score are broken by source id, then target id.

    Examples
    --------
    Two structures funded by the same small partner ``P`` (degree 2) have resource
    allocation 1/2:

    >>> import networkx as nx
    >>> G = nx.Graph()
    >>> G.add_nodes_from(["a", "b"], sector="culture", territory="brest")
    >>> T = nx.Graph()
    >>> T.add_nodes_from(["a", "b"], type="structure")
    >>> T.add_node("P", type="partner", name="Ville de Brest")
    >>> T.add_edges_from([("P", "a"), ("P", "b")])
    >>> df = opportunities(G, T, gap_pairs=[], lang="en")
    >>> row = df.iloc[0]
    >>> row.source, row.target, float(row.proximity), int(row.common_partners)
    ('a', 'b', 0.5, 1)
    >>> df.loc[0, "reasons"]
    '1 partner in common: Ville de Brest ; same sector: culture ; same pays'
    """
    _check_options(proximity, lang, k)
    fit_weight, gap_weight, match_weight = ranking_weights(
        ranking, fit_weight, gap_weight, match_weight
    )
    ctx = _build_context(
        G, T, territory_coords, gap_pairs, near_km, fit_weight, gap_weight, match_weight
    )
    return _rank(ctx, G, ranking, structure, pole, territory, k, proximity, per_structure, lang)


def opportunities_in_rankings(
    G: nx.Graph,
    T: nx.Graph,
    *,
    rankings: Iterable[str] = tuple(RANKINGS),
    structure: str | None = None,
    pole: str | None = None,
    territory: str | None = None,
    k: int = 20,
    proximity: str = "resource_allocation",
    territory_coords: Mapping[str, tuple[float, float]] | None = None,
    gap_pairs: Any = None,
    lang: str = "fr",
    per_structure: bool = False,
    near_km: float = NEAR_KM,
) -> pd.DataFrame:
    """`opportunities` for each of `rankings` (default: probable, then strategic), one
    after the other in one frame (its ``ranking`` column tells them apart), with the
    arrays they share built once. Each ranking's rows are exactly `opportunities` with
    that ranking and the same arguments."""
    rankings = tuple(rankings)
    for ranking in rankings:
        ranking_weights(ranking)
    _check_options(proximity, lang, k)
    base = _build_context(G, T, territory_coords, gap_pairs, near_km, 0.0, 0.0, 0.0)
    frames = []
    for ranking in rankings:
        fw, gw, mw = ranking_weights(ranking)
        ctx = dataclasses.replace(base, fit_weight=fw, gap_weight=gw, match_weight=mw)
        frames.append(
            _rank(ctx, G, ranking, structure, pole, territory, k, proximity, per_structure, lang)
        )
    if not frames:
        return pd.DataFrame(columns=list(COLUMNS))
    return pd.concat(frames, ignore_index=True)


def _rank(
    ctx: _Context,
    G: nx.Graph,
    ranking: str,
    structure: str | None,
    pole: str | None,
    territory: str | None,
    k: int,
    proximity: str,
    per_structure: bool,
    lang: str,
) -> pd.DataFrame:
    """The ranked frame of `opportunities` from its context (weights included)."""
    rows, focus = _focus_rows(ctx, G, structure, pole, territory)
    i, j, raw, fit, gap, score = _candidates(
        ctx, rows, proximity, None if per_structure else focus, k, per_structure
    )
    records = []
    shared_all = _shared_neighbours(ctx, i, j)
    matched = _matched(ctx, i, j)
    cached: dict[tuple[int, int, int, int, float, str], str] = {}
    for a, b, r, f, g, sc, shared, bits in zip(
        i, j, raw, fit, gap, score, shared_all, matched, strict=True
    ):
        reasons = {}
        for lg in LANGS:
            key = (
                int(ctx.sector[a]),
                int(ctx.sector[b]),
                int(ctx.territory[a]),
                int(ctx.territory[b]),
                float(g),
                lg,
            )
            if key not in cached:
                cached[key] = _context_reasons(ctx, *key)
            rest = cached[key]
            first = _partner_reason(ctx, shared, lg)
            parts = [first, *(_match_reasons(ctx, a, b, lg) if bits else ()), rest]
            reasons[lg] = " ; ".join(x for x in parts if x)
        records.append(
            {
                "source": ctx.ids[a],
                "source_name": ctx.names[a],
                "target": ctx.ids[b],
                "target_name": ctx.names[b],
                "score": float(sc),
                "proximity": float(r),
                "fit": float(f),
                "common_partners": len(shared),
                "matched_resources": "|".join(sorted(_codes(int(bits)))),
                "reasons": reasons[lang],
                "reasons_fr": reasons["fr"],
                "reasons_en": reasons["en"],
            }
        )
    frame = pd.DataFrame.from_records(
        records, columns=[c for c in COLUMNS if c not in ("rank", "ranking")]
    )
    frame.insert(0, "ranking", pd.Series([ranking] * len(frame), dtype=object))
    if per_structure:
        frame.insert(0, "rank", frame.groupby("source", sort=False).cumcount() + 1)
    else:
        frame.insert(0, "rank", np.arange(1, len(frame) + 1))
    frame["rank"] = frame["rank"].astype("int64")
    frame["common_partners"] = frame["common_partners"].astype("int64")
    return frame


def _check_options(proximity: str, lang: str, k: int) -> None:
    if proximity not in HALF_SATURATION:
        raise ValueError(f"proximity must be one of {sorted(HALF_SATURATION)}: {proximity!r}")
    if lang not in LANGS:
        raise ValueError(f"lang must be one of {LANGS}: {lang!r}")
    if k < 1:
        raise ValueError(f"k must be at least 1: {k}")


def ranking_weights(
    ranking: str,
    fit_weight: float | None = None,
    gap_weight: float | None = None,
    match_weight: float | None = None,
) -> tuple[float, float, float]:
    """The (fit, gap, match) weights of `ranking`, each replaced by the one given.

    >>> ranking_weights("probable")
    (0.0, 0.0, 0.0)
    >>> ranking_weights("strategic", match_weight=0.0)
    (1.0, 0.1, 0.0)
    """
    if ranking not in RANKINGS:
        raise ValueError(f"ranking must be one of {sorted(RANKINGS)}: {ranking!r}")
    given = (fit_weight, gap_weight, match_weight)
    weights = tuple(
        float(base if w is None else w) for base, w in zip(RANKINGS[ranking], given, strict=True)
    )
    if min(weights) < 0:
        raise ValueError("fit_weight, gap_weight and match_weight must be 0 or more")
    return weights  # type: ignore[return-value]


def pair_scores(
    G: nx.Graph,
    T: nx.Graph,
    *,
    proximity: str = "resource_allocation",
    territory_coords: Mapping[str, tuple[float, float]] | None = None,
    gap_pairs: Any = None,
    near_km: float = NEAR_KM,
    ranking: str = "strategic",
    fit_weight: float | None = None,
    gap_weight: float | None = None,
    match_weight: float | None = None,
) -> pd.DataFrame:
    """The score of every untied pair with a nonzero score (all other pairs score 0).

    Used by `ess_graph.analysis.evaluation` to rank all pairs. ``ranking`` sets the
    weights as in `opportunities`; proximities equal in exact arithmetic are equal floats.

    Returns
    -------
    pandas.DataFrame
        Columns ``u``, ``v`` (structure ids, ``u < v`` as strings), ``score``,
        ``proximity``, ``fit``; sorted by score (descending), then ``u``, ``v``.
    """
    weights = ranking_weights(ranking, fit_weight, gap_weight, match_weight)
    ids, i, j, raw, fit, score = _all_pair_scores(
        G, T, proximity, territory_coords, gap_pairs, near_km, *weights
    )
    names = np.asarray(ids, dtype=object)
    return pd.DataFrame(
        {"u": names[i], "v": names[j], "score": score, "proximity": raw, "fit": fit}
    )


def _all_pair_scores(
    G: nx.Graph,
    T: nx.Graph,
    proximity: str,
    territory_coords: Mapping[str, tuple[float, float]] | None,
    gap_pairs: Any,
    near_km: float,
    fit_weight: float = FIT_WEIGHT,
    gap_weight: float = GAP_WEIGHT,
    match_weight: float = MATCH_WEIGHT,
) -> tuple[list[str], np.ndarray, np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
    """(sorted ids, i, j, raw proximity, fit, score) of every nonzero pair, ``i < j``.

    Pairs whose proximities are equal in exact arithmetic get the same float, and so the
    same score when their fit, gap and match are equal (`_exact_proximity`): a ranking
    measured on these scores ties them instead of splitting them by rounding."""
    ctx = _build_context(
        G, T, territory_coords, gap_pairs, near_km, fit_weight, gap_weight, match_weight
    )
    rows = np.arange(ctx.n)
    focus = np.ones(ctx.n, dtype=bool)
    i, j, raw, fit, gap, score = _candidates(ctx, rows, proximity, focus, None, False)
    raw = _exact_proximity(ctx, proximity, i, j, raw)
    score = _score(ctx, raw, fit, gap, proximity, _matched(ctx, i, j))
    return ctx.ids, i, j, raw, fit, score


#: Two primes for the exact-equality keys of `_exact_proximity` (below 2**31, so a sum
#: of n products stays within int64 for any n below 2**32).
_PRIMES = (2_147_483_647, 2_147_483_629)


def _exact_proximity(
    ctx: _Context, proximity: str, i: np.ndarray, j: np.ndarray, raw: np.ndarray
) -> np.ndarray:
    """`raw` with every group of values equal in exact arithmetic set to one float.

    A proximity is a sum over shared neighbours ``w`` of ``f(d(w))``; floating-point sums
    of the same value in another order differ in the last bits (up to ~1e-16 relative),
    so equal proximities would be ranked apart by rounding. Each pair gets two keys, the
    same sum computed modulo a prime with ``f(d)`` replaced by a number standing for it:
    the modular inverse of ``d`` for resource allocation (so 1/2 + 1/6 and 1/3 + 1/3
    get the same key, as their sums are equal), a number drawn from the degree by a fixed
    hash for Adamic–Adar (equal keys for the same degrees shared; 1/log d has no exact
    arithmetic here). Pairs with both keys equal and floats within 1e-9 (relative) are
    equal; they all get the smallest float of their group. Two unequal sums get equal
    keys with a probability of about 1e-18. Pairs sharing no neighbour (proximity 0, a
    gap or a match alone) are all equal already and keep their 0.
    """
    if len(raw) == 0:
        return raw
    n = ctx.n
    d = ctx.degree.astype(np.int64)
    to_structures = ctx.A[:, :n].astype(np.int64)
    pair = i.astype(np.int64) * n + j.astype(np.int64)
    keys = []
    for prime in _PRIMES:
        if proximity == "resource_allocation":
            stand_in = np.array([pow(int(x), -1, prime) if x > 0 else 0 for x in d], np.int64)
        else:
            stand_in = _degree_hash(d, prime)  # the same number for the same degree
        weighted = sp.diags_array(stand_in, dtype=np.int64) @ to_structures
        product = (ctx.A[:n].astype(np.int64) @ weighted).tocoo()
        index = product.row.astype(np.int64) * n + product.col.astype(np.int64)
        order = np.argsort(index)
        index, data = index[order], product.data[order] % prime
        where = np.minimum(np.searchsorted(index, pair), max(len(index) - 1, 0))
        found = (index[where] == pair) if len(index) else np.zeros(len(pair), dtype=bool)
        keys.append(np.where(found, data[where] if len(index) else 0, 0))
    order = np.lexsort((raw, keys[1], keys[0]))
    k0, k1, values = keys[0][order], keys[1][order], raw[order]
    same_key = (k0[1:] == k0[:-1]) & (k1[1:] == k1[:-1])
    close = np.abs(values[1:] - values[:-1]) <= 1e-9 * np.maximum(np.abs(values[1:]), 1e-300)
    starts = np.r_[True, ~(same_key & close)]
    group = np.cumsum(starts) - 1
    canonical = values[starts][group]
    out = np.empty_like(raw)
    out[order] = canonical
    return out


def _degree_hash(d: np.ndarray, prime: int) -> np.ndarray:
    """A number below `prime` per degree, from SplitMix64's mixing of the degree (Steele,
    Lea & Flood 2014): unrelated for neighbouring degrees, the same for the same one."""
    x = d.astype(np.uint64) + np.uint64(0x9E3779B97F4A7C15)
    with np.errstate(over="ignore"):
        x = (x ^ (x >> np.uint64(30))) * np.uint64(0xBF58476D1CE4E5B9)
        x = (x ^ (x >> np.uint64(27))) * np.uint64(0x94D049BB133111EB)
    x = x ^ (x >> np.uint64(31))
    return (x % np.uint64(prime)).astype(np.int64)


MATCH_COLUMNS = (
    "needing",
    "needing_name",
    "offering",
    "offering_name",
    "resource",
    "resource_label",
    "tied",
    "declared",
)


def resource_matches(G: nx.Graph, *, lang: str = "fr") -> pd.DataFrame:
    """Every need of a structure that another structure offers, tied or not.

    Parameters
    ----------
    G : networkx.Graph
        The cooperation graph (`ess_graph.network.cooperation_graph`), whose nodes carry
        ``needs`` and ``offers`` (tuples of `ess_graph.schema.RESOURCES` codes).
    lang : {"fr", "en"}
        Language of ``resource_label``.

    Returns
    -------
    pandas.DataFrame
        One row per (structure that needs, structure that offers, resource), sorted by
        resource code, then the two ids; columns ``needing``, ``needing_name``,
        ``offering``, ``offering_name``, ``resource`` (code), ``resource_label`` (its
        name in ``lang``), ``tied`` (the two already have a tie in ``G``, under the rule
        it was built with) and ``declared`` (one of them declared the other: the pair is
        in ``G.graph["declared_pairs"]``). Neither a tied nor a declared pair is ever a
        partnership suggestion (`opportunities`); the table lists them all, for a report.

    Examples
    --------
    >>> G = nx.Graph()
    >>> G.add_node("a", name="Ti Récup", needs=("vehicle",), offers=())
    >>> G.add_node("b", name="Atelier vélo", needs=(), offers=("premises", "vehicle"))
    >>> resource_matches(G)[["needing", "offering", "resource_label", "tied"]].values.tolist()
    [['a', 'b', 'véhicule', False]]
    """
    if lang not in LANGS:
        raise ValueError(f"lang must be one of {LANGS}: {lang!r}")
    declared = {frozenset(p) for p in G.graph.get("declared_pairs", ()) or ()}
    offering: dict[str, list[Any]] = {}
    for n, offers in G.nodes(data="offers", default=()):
        for code in offers or ():
            offering.setdefault(code, []).append(n)
    rows = []
    for n, needs in G.nodes(data="needs", default=()):
        for code in needs or ():
            for other in offering.get(code, ()):
                if other == n:
                    continue
                rows.append(
                    {
                        "needing": n,
                        "needing_name": str(G.nodes[n].get("name", "") or n),
                        "offering": other,
                        "offering_name": str(G.nodes[other].get("name", "") or other),
                        "resource": code,
                        "resource_label": resource_label(code, lang),
                        "tied": G.has_edge(n, other),
                        "declared": frozenset((n, other)) in declared,
                    }
                )
    frame = pd.DataFrame(rows, columns=list(MATCH_COLUMNS))
    if len(frame):
        order = np.lexsort(
            (
                frame["offering"].astype(str).to_numpy(),
                frame["needing"].astype(str).to_numpy(),
                frame["resource"].to_numpy(),
            )
        )
        frame = frame.iloc[order].reset_index(drop=True)
    frame["tied"] = frame["tied"].astype(bool)
    frame["declared"] = frame["declared"].astype(bool)
    return frame


RESOURCE_COUNT_COLUMNS = ("resource", "resource_label", "sector", "needs", "offers")


def resource_counts(
    G: nx.Graph, *, structures: Iterable[Any] | None = None, lang: str = "fr"
) -> pd.DataFrame:
    """How many structures need and offer each pooling resource, by sector.

    The network's side of `ess_graph.survey.follow.needs_and_offers`: it reads the
    ``needs`` and ``offers`` node attributes (filled by a survey's apply, or typed in the
    structures table), not a campaign's answers.

    Parameters
    ----------
    G : networkx.Graph
        The cooperation graph (`ess_graph.network.cooperation_graph`), whose nodes carry
        ``needs``, ``offers`` (tuples of `ess_graph.schema.RESOURCES` codes) and ``sector``.
    structures : iterable, optional
        Count only these nodes (a report's scope); default every node. Ids not in ``G``
        are ignored.
    lang : {"fr", "en"}
        Language of ``resource_label``.

    Returns
    -------
    pandas.DataFrame
        One row per (resource, sector) that at least one structure needs or offers,
        sorted by the order of `RESOURCES` (unknown codes last, by code), then sector;
        columns ``resource`` (code), ``resource_label``, ``sector`` ("" when not given),
        ``needs`` and ``offers`` (structures of that sector needing / offering it).

    Examples
    --------
    >>> G = nx.Graph()
    >>> G.add_node("a", sector="culture", needs=("vehicle",), offers=())
    >>> G.add_node("b", sector="sport", needs=("vehicle",), offers=("premises",))
    >>> resource_counts(G)[["resource", "sector", "needs", "offers"]].values.tolist()
    [['premises', 'sport', 0, 1], ['vehicle', 'culture', 1, 0], ['vehicle', 'sport', 1, 0]]
    """
    if lang not in LANGS:
        raise ValueError(f"lang must be one of {LANGS}: {lang!r}")
    nodes = G.nodes if structures is None else [n for n in dict.fromkeys(structures) if n in G]
    counts: dict[tuple[str, str], list[int]] = {}
    for n in nodes:
        data = G.nodes[n]
        sector = str(data.get("sector", "") or "")
        for i, attr in enumerate(("needs", "offers")):
            for code in set(data.get(attr, ()) or ()):
                counts.setdefault((code, sector), [0, 0])[i] += 1
    order = {code: i for i, code in enumerate(RESOURCES)}
    rows = [
        (code, resource_label(code, lang), sector, needs, offers)
        for (code, sector), (needs, offers) in sorted(
            counts.items(), key=lambda kv: (order.get(kv[0][0], len(order)), kv[0][0], kv[0][1])
        )
    ]
    frame = pd.DataFrame(rows, columns=list(RESOURCE_COUNT_COLUMNS))
    for c in ("needs", "offers"):
        frame[c] = frame[c].astype("int64")
    return frame
