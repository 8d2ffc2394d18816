"""Where are the gaps in ESS cooperation?

Question 2 of the analysis engine: per territory and per pôle, which pairs of sectors
present there never cooperate, or far less than expected; which sectors are present in a
pôle's territory but absent from its members; which structures have no cross-sector tie,
no tie at all, or no tie to another member of their pôle. `gaps` gathers all of them in
one long table (``gaps.csv``) whose ``detail`` column says each gap in a sentence.

Every function takes the cooperation graph ``G`` (`ess_graph.network.cooperation_graph`)
and returns a DataFrame; a structure whose attribute is "" belongs to no group of that
attribute. Definitions and sources: docs/METRICS.md.
"""

from __future__ import annotations

import math
from itertools import combinations

import networkx as nx
import numpy as np
import pandas as pd

from ess_graph.analysis._fast import canonical_order
from ess_graph.i18n import register, t, tn

PAIR_COLUMNS = [
    "scope",
    "sector_a",
    "sector_b",
    "structures_a",
    "structures_b",
    "observed",
    "expected",
    "ratio",
    "gap",
]
STRUCTURE_COLUMNS = ["id", "name", "sector", "territory", "pole", "degree"]
ABSENT_COLUMNS = ["pole", "territory", "sector", "structures_in_territory"]
MEMBER_COLUMNS = ["pole", "id", "name", "sector", "degree"]
GAP_COLUMNS = [
    "scope_type",
    "scope",
    "gap_type",
    "sector_a",
    "sector_b",
    "structure",
    "observed",
    "expected",
    "missing",
    "detail",
]
#: The kinds of gap, in the order `gaps` lists them.
GAP_TYPES: tuple[str, ...] = (
    "sector_pair_none",
    "sector_pair_weak",
    "sector_absent_from_pole",
    "no_cross_sector_tie",
    "isolate",
    "member_without_member_tie",
)
SCOPE_TYPES: tuple[str, ...] = ("territory", "pole")

register(
    {
        "gaps.scope.territory": {"fr": "le territoire {name}", "en": "the territory {name}"},
        "gaps.scope.pole": {"fr": "le pôle {name}", "en": "the pôle {name}"},
        "gaps.sector_pair_none": {
            "fr": "Aucun lien entre {sector_a} ({structures_a}) et {sector_b} ({structures_b}) dans {scope} ; si les structures coopéraient sans regarder le secteur, on compterait environ {expected}.",
            "en": "No tie between {sector_a} ({structures_a}) and {sector_b} ({structures_b}) in {scope}; if the structures cooperated without regard to sector, there would be about {expected}.",
        },
        "gaps.sector_pair_none_inactive": {
            "fr": "Aucun lien entre {sector_a} ({structures_a}) et {sector_b} ({structures_b}) dans {scope} ; l'un des deux secteurs n'y a aucun lien local.",
            "en": "No tie between {sector_a} ({structures_a}) and {sector_b} ({structures_b}) in {scope}; one of the two sectors has no local tie there.",
        },
        "gaps.sector_pair_weak": {
            "fr": "Seulement {observed} entre {sector_a} ({structures_a}) et {sector_b} ({structures_b}) dans {scope} ; si les structures coopéraient sans regarder le secteur, on en compterait environ {expected_n}.",
            "en": "Only {observed} between {sector_a} ({structures_a}) and {sector_b} ({structures_b}) in {scope}; if the structures cooperated without regard to sector, there would be about {expected_n}.",
        },
        "gaps.sector_absent_from_pole": {
            "fr": "Le secteur {sector} compte {count} dans {territory} mais aucune parmi les membres du pôle {pole}.",
            "en": "Sector {sector} has {count} in {territory} but none among the members of the pôle {pole}.",
        },
        "gaps.no_cross_sector_tie.one": {
            "fr": "{name} ({sector}) a {n} lien, avec une structure de son propre secteur.",
            "en": "{name} ({sector}) has {n} tie, with a structure of its own sector.",
        },
        "gaps.no_cross_sector_tie.many": {
            "fr": "{name} ({sector}) a {n} liens, tous avec des structures de son propre secteur.",
            "en": "{name} ({sector}) has {n} ties, all with structures of its own sector.",
        },
        "gaps.isolate": {
            "fr": "{name} ({sector}) n'a aucun lien de coopération avec une autre structure.",
            "en": "{name} ({sector}) has no cooperation tie with another structure.",
        },
        "gaps.member_without_member_tie": {
            "fr": "{name} est membre du pôle {pole} sans lien avec un autre de ses membres ({degree} en dehors).",
            "en": "{name} is a member of the pôle {pole} with no tie to another of its members ({degree} outside).",
        },
        # The counts these sentences hold, singular or plural (`ess_graph.i18n.tn`).
        "gaps.n_structures.one": {"fr": "{n} structure", "en": "{n} structure"},
        "gaps.n_structures.many": {"fr": "{n} structures", "en": "{n} structures"},
        "gaps.n_ties.one": {"fr": "{n} lien", "en": "{n} tie"},
        "gaps.n_ties.many": {"fr": "{n} liens", "en": "{n} ties"},
    }
)


# Helpers ------------------------------------------------------------------------------
_Prepared = tuple[pd.DataFrame, np.ndarray, np.ndarray]


def _prepare(G: nx.Graph) -> _Prepared:
    """The structures as a frame (attributes and degree), sorted by id, and the ties as
    two arrays of row positions in that frame; computed once per `gaps` call.

    Sorted by id rather than in G's order, so that the structure lists below come out the
    same whatever order G was built in (an induced subgraph iterates in hash order)."""
    nodes = canonical_order(G)
    data: dict[str, pd.Series] = {"id": pd.Series(nodes, dtype=object)}
    attributes = [G.nodes[n] for n in nodes]
    for attr in ("name", "family", "sector", "territory", "pole"):
        data[attr] = pd.Series([str(a.get(attr, "") or "") for a in attributes], dtype=object)
    data["degree"] = pd.Series([G.degree(n) for n in nodes], dtype=np.int64)
    frame = pd.DataFrame(data)
    index = {node: i for i, node in enumerate(nodes)}
    m = G.number_of_edges()
    ends = np.fromiter((index[x] for e in G.edges() for x in e), dtype=np.int64, count=2 * m)
    u, v = ends[0::2].copy(), ends[1::2].copy()
    return frame, u, v


def _structure_rows(frame: pd.DataFrame) -> pd.DataFrame:
    return frame.loc[:, STRUCTURE_COLUMNS].reset_index(drop=True)


# Sector pairs -------------------------------------------------------------------------
def sector_pair_gaps(
    G: nx.Graph,
    *,
    by: str = "territory",
    min_structures: int = 2,
    ratio_threshold: float = 0.25,
    all_pairs: bool = False,
    _prepared: _Prepared | None = None,
) -> pd.DataFrame:
    """Pairs of sectors present in a territory (or a pôle) that cooperate little or not.

    For each scope (each territory, or each pôle, from the structures' attribute ``by``),
    the graph is restricted to the scope's structures: H = G[scope]. For every pair of
    distinct sectors each with at least ``min_structures`` structures in the scope, the
    ties between them in H are compared with the count expected under the configuration
    model of H: ``D_a·D_b/(2·m_H)``, where ``D_a`` is the sum over the scope's sector-a
    structures of their degree *within H* and ``m_H`` the number of ties of H. Expected
    counts so take into account how much each sector cooperates locally at all.

    Parameters
    ----------
    G : networkx.Graph
    by : {"territory", "pole"}, default "territory"
    min_structures : int, default 2
        Structures a sector needs in the scope for its pairs to be considered.
    ratio_threshold : float, default 0.25
        A pair is a "weak" gap when observed / expected is below this.
    all_pairs : bool, default False
        Return every pair considered, not only the gaps.

    Returns
    -------
    DataFrame sorted by ``scope``, then the most telling pair first (the most ties that did
    not happen, ``expected − observed``; then the largest pair of sectors,
    ``structures_a · structures_b``; then the sectors' ids), with columns
        ``scope``: territory or pôle id; ``sector_a < sector_b``: the two sectors;
        ``structures_a``, ``structures_b``: their structures in the scope;
        ``observed``: ties between them inside the scope;
        ``expected``: ``D_a·D_b/(2·m_H)`` (0 when the scope has no tie);
        ``ratio``: observed / expected, NaN when expected is 0;
        ``gap``: "none" when observed is 0, "weak" when ratio < ``ratio_threshold``,
        else "" (only with ``all_pairs``).

    Examples
    --------
    >>> G = nx.Graph([(1, 2), (3, 4)])
    >>> G.add_nodes_from([1, 2], sector="culture", territory="t")
    >>> G.add_nodes_from([3, 4], sector="sport", territory="t")
    >>> sector_pair_gaps(G)[["scope", "sector_a", "sector_b", "observed", "expected", "gap"]]
      scope sector_a sector_b  observed  expected   gap
    0     t  culture    sport         0       1.0  none
    """
    if by not in SCOPE_TYPES:
        raise ValueError(f"by must be 'territory' or 'pole', not {by!r}")
    nodes, u, v = _prepared or _prepare(G)
    scope = nodes[by].to_numpy(dtype=object)
    sector = nodes["sector"].to_numpy(dtype=object)
    inside = (scope[u] == scope[v]) & (scope[u] != "") if len(u) else np.zeros(0, bool)
    ui, vi = u[inside], v[inside]
    local_degree = np.bincount(ui, minlength=len(nodes)) + np.bincount(vi, minlength=len(nodes))
    ties_in_scope = pd.Series(scope[ui], dtype=object).value_counts()

    known = (nodes[by] != "") & (nodes["sector"] != "")
    per_sector = (
        nodes.loc[known]
        .assign(local_degree=local_degree[known.to_numpy()])
        .groupby([by, "sector"], sort=True)
        .agg(structures=("id", "size"), degree_total=("local_degree", "sum"))
    )
    su, sv = sector[ui], sector[vi]
    cross = (su != "") & (sv != "") & (su != sv)
    a = np.where(su < sv, su, sv)[cross]
    b = np.where(su < sv, sv, su)[cross]
    observed_counts = (
        pd.DataFrame({"scope": scope[ui][cross], "a": a, "b": b})
        .groupby(["scope", "a", "b"])
        .size()
        .to_dict()
    )

    rows = []
    eligible_rows = per_sector[per_sector["structures"] >= min_structures]
    by_scope: dict[str, list[tuple[str, int, float]]] = {}
    for (scope_id, sector_id), count, total in zip(
        eligible_rows.index,
        eligible_rows["structures"].tolist(),
        eligible_rows["degree_total"].tolist(),
        strict=True,
    ):
        by_scope.setdefault(scope_id, []).append((sector_id, int(count), float(total)))
    for scope_id in sorted(by_scope):
        m_h = int(ties_in_scope.get(scope_id, 0))
        for (sa, n_a, d_a), (sb, n_b, d_b) in combinations(by_scope[scope_id], 2):
            observed = int(observed_counts.get((scope_id, sa, sb), 0))
            expected = d_a * d_b / (2.0 * m_h) if m_h else 0.0
            ratio = observed / expected if expected > 0 else math.nan
            if observed == 0:
                gap = "none"
            elif ratio < ratio_threshold:
                gap = "weak"
            else:
                gap = ""
            if gap or all_pairs:
                rows.append((scope_id, sa, sb, n_a, n_b, observed, expected, ratio, gap))
    out = pd.DataFrame(rows, columns=PAIR_COLUMNS)
    for col in ("structures_a", "structures_b", "observed"):
        out[col] = out[col].astype(np.int64)
    for col in ("expected", "ratio"):
        out[col] = out[col].astype(float)
    return _most_telling_first(out, ["scope"])


def _most_telling_first(pairs: pd.DataFrame, groups: list[str]) -> pd.DataFrame:
    """Sector pairs in each group of `groups`, the most telling first: the most ties that
    did not happen (expected − observed, largest first), then the largest pair of
    sectors (structures_a × structures_b), then the sectors' ids."""
    if pairs.empty:
        return pairs.reset_index(drop=True)
    key = pairs.assign(
        _missing=-(pairs["expected"] - pairs["observed"]),
        _size=-(pairs["structures_a"] * pairs["structures_b"]),
    )
    order = [*groups, "_missing", "_size", "sector_a", "sector_b"]
    return (
        key.sort_values(order, kind="stable")
        .drop(columns=["_missing", "_size"])
        .reset_index(drop=True)
    )


# Sectors missing from a pôle ----------------------------------------------------------
def absent_sectors(
    G: nx.Graph, *, min_structures: int = 1, _prepared: _Prepared | None = None
) -> pd.DataFrame:
    """Sectors present in a pôle's territory but absent from its members.

    The territory of a pôle is read from ``G.graph["poles"]``; a pôle with no territory is
    skipped. A sector is present in the territory when at least ``min_structures``
    structures of the territory (members of the pôle or not) belong to it.

    Returns
    -------
    DataFrame sorted by ``pole, sector`` with columns ``pole``, ``territory``, ``sector``
    and ``structures_in_territory`` (the sector's structures in the territory).

    Examples
    --------
    >>> G = nx.Graph(poles={"p": {"name": "P", "territory": "t", "status": "created"}})
    >>> G.add_node(1, sector="culture", territory="t", pole="p")
    >>> G.add_node(2, sector="sport", territory="t", pole="")
    >>> absent_sectors(G)
      pole territory sector  structures_in_territory
    0    p         t  sport                        1
    """
    nodes = (_prepared or _prepare(G))[0]
    known = nodes[nodes["sector"] != ""]
    in_territory = known.groupby(["territory", "sector"]).size()
    member_sectors = known.groupby("pole")["sector"].agg(set).to_dict()
    rows = []
    for pole_id in sorted(G.graph.get("poles", {})):
        territory = str(G.graph["poles"][pole_id].get("territory", "") or "")
        if not territory or territory not in in_territory.index.get_level_values(0):
            continue
        present = in_territory.loc[territory]
        have = member_sectors.get(pole_id, set())
        for sector_id, count in present.sort_index().items():
            if count >= min_structures and sector_id not in have:
                rows.append((pole_id, territory, sector_id, int(count)))
    out = pd.DataFrame(rows, columns=ABSENT_COLUMNS)
    out["structures_in_territory"] = out["structures_in_territory"].astype(np.int64)
    return out


# Structures ---------------------------------------------------------------------------
def structures_without_cross_sector_tie(
    G: nx.Graph, *, _prepared: _Prepared | None = None
) -> pd.DataFrame:
    """Structures with at least one tie, none of them with another sector.

    A partner whose sector is "" does not count as another sector; structures whose own
    sector is "" are left out (undefined), and isolates are listed by `isolates`.

    Returns
    -------
    DataFrame with columns ``id, name, sector, territory, pole, degree``, sorted by id.
    """
    nodes, u, v = _prepared or _prepare(G)
    sector = nodes["sector"].to_numpy(dtype=object)
    cross = (sector[u] != "") & (sector[v] != "") & (sector[u] != sector[v])
    has_cross = np.zeros(len(nodes), bool)
    has_cross[u[cross]] = True
    has_cross[v[cross]] = True
    keep = (nodes["degree"].to_numpy() > 0) & ~has_cross & (sector != "")
    return _structure_rows(nodes.loc[keep])


def isolates(G: nx.Graph, *, _prepared: _Prepared | None = None) -> pd.DataFrame:
    """Structures with no tie at all.

    Returns
    -------
    DataFrame with columns ``id, name, sector, territory, pole, degree`` (degree 0),
    sorted by id.
    """
    nodes = (_prepared or _prepare(G))[0]
    return _structure_rows(nodes.loc[nodes["degree"] == 0])


def disconnected_members(G: nx.Graph, *, _prepared: _Prepared | None = None) -> pd.DataFrame:
    """Members of a pôle with no tie to another member of the same pôle.

    Members are the structures whose ``pole`` attribute names the pôle; pôles with a
    single member are skipped (no other member to be tied to).

    Returns
    -------
    DataFrame sorted by ``pole`` then id, with columns ``pole, id, name, sector, degree``
    (degree in the whole graph).
    """
    nodes, u, v = _prepared or _prepare(G)
    pole = nodes["pole"].to_numpy(dtype=object)
    same = (pole[u] == pole[v]) & (pole[u] != "") & (u != v)
    tied = np.zeros(len(nodes), bool)
    tied[u[same]] = True
    tied[v[same]] = True
    sizes = nodes.loc[nodes["pole"] != "", "pole"].value_counts()
    several = nodes["pole"].map(sizes).fillna(0).to_numpy() >= 2
    keep = (pole != "") & several & ~tied
    out = nodes.loc[keep, MEMBER_COLUMNS]
    return out.sort_values("pole", kind="stable").reset_index(drop=True)


# All gaps -----------------------------------------------------------------------------
def _number(x: float, lang: str) -> str:
    if x == round(x):
        text = f"{x:.0f}"
    elif abs(x) < 1:
        text = f"{x:.2f}"
    else:
        text = f"{x:.1f}"
    return text.replace(".", ",") if lang == "fr" else text


def gaps(
    G: nx.Graph,
    *,
    scope_type: str | None = None,
    scope: str | None = None,
    lang: str = "fr",
    min_structures: int = 2,
    ratio_threshold: float = 0.25,
) -> pd.DataFrame:
    """Every gap of the network (or of one territory or pôle) in one long table.

    Parameters
    ----------
    G : networkx.Graph
    scope_type : {"territory", "pole"} or None, default None
        None: every gap. "territory": sector pairs per territory, and structures
        (no cross-sector tie, isolates) by their territory. "pole": sector pairs per pôle,
        sectors absent from each pôle, members without a tie to another member, and
        structures (no cross-sector tie, isolates) by the pôle they belong to.
    scope : str or None
        One territory or pôle id (needs ``scope_type``). With a territory, the rows of
        the pôles located in it (``G.graph["poles"]``) are included too.
    lang : {"fr", "en"}, default "fr"
        Language of ``detail``.
    min_structures, ratio_threshold
        Passed to `sector_pair_gaps`.

    Returns
    -------
    DataFrame with columns
        ``scope_type`` ("territory" or "pole"), ``scope`` (its id);
        ``gap_type``: one of ``sector_pair_none``, ``sector_pair_weak``,
        ``sector_absent_from_pole``, ``no_cross_sector_tie``, ``isolate``,
        ``member_without_member_tie``;
        ``sector_a``, ``sector_b``: the sectors concerned ("" when not applicable; the
        absent sector is in ``sector_a``);
        ``structure``: the structure id for structure gaps, else "";
        ``observed``, ``expected``: tie counts of sector-pair gaps (NaN otherwise);
        ``missing``: ``expected − observed``, the ties that did not happen (NaN
        otherwise); ``detail``: the gap in one sentence, in ``lang``, saying in plain
        words what "expected" means.
    Rows are sorted by scope_type, scope and gap type (in the order above); the sector
    pairs of one gap type the most telling first (``missing``, largest first, then the
    largest pair of sectors, ``structures_a · structures_b``), the other rows by sector
    and structure.
    """
    if scope_type is not None and scope_type not in SCOPE_TYPES:
        raise ValueError(f"scope_type must be 'territory', 'pole' or None, not {scope_type!r}")
    if scope is not None and scope_type is None:
        raise ValueError("scope needs scope_type ('territory' or 'pole')")
    prepared = _prepare(G)
    poles_meta: dict = G.graph.get("poles", {})
    territory_names: dict = G.graph.get("territory_names", {})
    sector_names: dict = G.graph.get("sector_names", {})

    def sector_label(s: str) -> str:
        return str(sector_names.get(s, s) or s)

    def territory_label(x: str) -> str:
        return str(territory_names.get(x, x) or x)

    def pole_label(p: str) -> str:
        return str(poles_meta.get(p, {}).get("name", "") or p)

    def scope_label(kind: str, value: str) -> str:
        name = territory_label(value) if kind == "territory" else pole_label(value)
        return t(f"gaps.scope.{kind}", lang, name=name)

    # Which pôles the filter keeps (pôle-level rows).
    if scope_type == "pole":
        pole_ok = (lambda p: p == scope) if scope is not None else (lambda p: True)
    elif scope_type == "territory" and scope is not None:

        def pole_ok(p: str) -> bool:
            return str(poles_meta.get(p, {}).get("territory", "")) == scope

    elif scope_type == "territory":

        def pole_ok(p: str) -> bool:
            return False

    else:

        def pole_ok(p: str) -> bool:
            return True

    rows: list[dict] = []
    nan = math.nan
    for kind in [scope_type] if scope_type else list(SCOPE_TYPES):
        pairs = sector_pair_gaps(
            G,
            by=kind,
            min_structures=min_structures,
            ratio_threshold=ratio_threshold,
            _prepared=prepared,
        )
        if scope is not None and kind == scope_type:
            pairs = pairs[pairs["scope"] == scope]
        for r in pairs.itertuples(index=False):
            gap_type = f"sector_pair_{r.gap}"
            rows.append(
                {
                    "scope_type": kind,
                    "scope": r.scope,
                    "gap_type": gap_type,
                    "sector_a": r.sector_a,
                    "sector_b": r.sector_b,
                    "structure": "",
                    "observed": float(r.observed),
                    "expected": float(r.expected),
                    "missing": float(r.expected - r.observed),
                    "_size": r.structures_a * r.structures_b,
                    "detail": t(
                        # No expected tie: one of the sectors has no tie inside the scope.
                        f"gaps.{gap_type}" + ("_inactive" if r.expected == 0 else ""),
                        lang,
                        sector_a=sector_label(r.sector_a),
                        sector_b=sector_label(r.sector_b),
                        structures_a=tn("gaps.n_structures", r.structures_a, lang),
                        structures_b=tn("gaps.n_structures", r.structures_b, lang),
                        scope=scope_label(kind, r.scope),
                        observed=tn("gaps.n_ties", r.observed, lang),
                        expected=tn("gaps.n_ties", r.expected, lang, n=_number(r.expected, lang)),
                        expected_n=_number(r.expected, lang),
                        ratio=_number(r.ratio, lang) if r.ratio == r.ratio else "",
                    ),
                }
            )

    if scope_type != "territory" or scope is not None:
        for r in absent_sectors(G, _prepared=prepared).itertuples(index=False):
            if not pole_ok(r.pole):
                continue
            rows.append(
                {
                    "scope_type": "pole",
                    "scope": r.pole,
                    "gap_type": "sector_absent_from_pole",
                    "sector_a": r.sector,
                    "sector_b": "",
                    "structure": "",
                    "observed": nan,
                    "expected": nan,
                    "missing": nan,
                    "detail": t(
                        "gaps.sector_absent_from_pole",
                        lang,
                        sector=sector_label(r.sector),
                        count=tn("gaps.n_structures", r.structures_in_territory, lang),
                        territory=scope_label("territory", r.territory),
                        pole=pole_label(r.pole),
                    ),
                }
            )
        for r in disconnected_members(G, _prepared=prepared).itertuples(index=False):
            if not pole_ok(r.pole):
                continue
            rows.append(
                {
                    "scope_type": "pole",
                    "scope": r.pole,
                    "gap_type": "member_without_member_tie",
                    "sector_a": r.sector,
                    "sector_b": "",
                    "structure": str(r.id),
                    "observed": nan,
                    "expected": nan,
                    "missing": nan,
                    "detail": t(
                        "gaps.member_without_member_tie",
                        lang,
                        name=r.name or r.id,
                        pole=pole_label(r.pole),
                        degree=tn("gaps.n_ties", r.degree, lang),
                    ),
                }
            )

    # Structure-level gaps, placed in the structure's territory or pôle.
    basis = "pole" if scope_type == "pole" else "territory"
    for gap_type, frame in (
        ("no_cross_sector_tie", structures_without_cross_sector_tie(G, _prepared=prepared)),
        ("isolate", isolates(G, _prepared=prepared)),
    ):
        for r in frame.itertuples(index=False):
            where = getattr(r, basis)
            if basis == "pole" and not where:
                continue  # not a member of any pôle
            if scope is not None and where != scope:
                continue
            rows.append(
                {
                    "scope_type": basis,
                    "scope": where,
                    "gap_type": gap_type,
                    "sector_a": r.sector,
                    "sector_b": "",
                    "structure": str(r.id),
                    "observed": nan,
                    "expected": nan,
                    "missing": nan,
                    "detail": tn(
                        f"gaps.{gap_type}",
                        r.degree,
                        lang,
                        name=r.name or r.id,
                        sector=sector_label(r.sector) if r.sector else "?",
                    ),
                }
            )

    out = pd.DataFrame(rows, columns=[*GAP_COLUMNS, "_size"])
    if out.empty:
        out = out.drop(columns="_size")
        for col in ("observed", "expected", "missing"):
            out[col] = out[col].astype(float)
        return out
    order = {g: i for i, g in enumerate(GAP_TYPES)}
    # Sector pairs: the most telling first (the most ties that did not happen, then the
    # largest pair of sectors); the other rows by sector and structure.
    out = (
        out.assign(
            _order=out["gap_type"].map(order),
            _missing=-out["missing"].fillna(0.0),
            _size=-out["_size"].fillna(0).astype(float),
        )
        .sort_values(
            [
                "scope_type",
                "scope",
                "_order",
                "_missing",
                "_size",
                "sector_a",
                "sector_b",
                "structure",
            ],
            kind="stable",
        )
        .drop(columns=["_order", "_missing", "_size"])
        .reset_index(drop=True)
    )
    for col in ("observed", "expected", "missing"):
        out[col] = out[col].astype(float)
    return out
