"""Is a pôle held by too few? Concentration of a pôle's ties and of its funding.

The leaflet says a pôle "cannot be piloted by one structure or too few". Three figures
per pôle measure how far it is from that: the share of its internal ties held by its
three most connected members, the Freeman degree centralisation of its members' ties,
and the Herfindahl index of its funding links over the funding partners.
"""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Hashable

import networkx as nx
import pandas as pd

from ess_graph.i18n import register, t

COLUMNS: tuple[str, ...] = (
    "pole",
    "name",
    "territory",
    "status",
    "members",
    "internal_ties",
    "top3_share",
    "degree_centralisation",
    "funders",
    "funding_links",
    "funding_hhi",
)

#: Default thresholds above which a figure says "held by too few".
THRESHOLDS: dict[str, float] = {
    "top3_share": 0.5,
    "degree_centralisation": 0.5,
    "funding_hhi": 0.5,
}


def pole_governance(G: nx.Graph, T: nx.Graph | None = None) -> pd.DataFrame:
    """Concentration figures of every pôle.

    Parameters
    ----------
    G : networkx.Graph
        The cooperation graph; its ``G.graph["poles"]`` lists the pôles and each node's
        ``pole`` attribute its pôle. Not modified.
    T : networkx.Graph, optional
        The typed graph (`ess_graph.network.typed_graph`), for the funding figures. Without
        it ``funders``, ``funding_links`` and ``funding_hhi`` are NaN.

    Returns
    -------
    DataFrame, one row per pôle (those of ``G.graph["poles"]`` and any found only on
    nodes), sorted by pôle id as text, with columns
        ``pole``, ``name``, ``territory``, ``status``: from the pôles table;
        ``members``: structures whose ``pole`` is this pôle;
        ``internal_ties``: ties between two members;
        ``top3_share``: share of the internal ties *held by* the top 3 — a tie is held by
        the top 3 when at least one of its two ends is among the three members with the
        most internal ties (ties between two of them counted once; equal counts broken
        by id as text). With 3 members or fewer it is 1. NaN without internal tie;
        ``degree_centralisation``: Freeman's degree centralisation of the members'
        induced subgraph, ``sum_i (d_max - d_i) / ((n - 1)(n - 2))`` (1 for a star, 0
        when all members have the same number of internal ties); NaN when n < 3;
        ``funders``: partners with a funding link to the pôle or to one of its members;
        ``funding_links``: number of (partner, pôle or member) pairs joined by at least
        one funding link;
        ``funding_hhi``: Herfindahl index ``sum_p s_p^2`` with ``s_p`` partner p's share
        of the funding links; 1 when a single partner funds everything, ``1/k`` for k
        equal funders; NaN without funding.

    References
    ----------
    Freeman, L. C. (1979). Centrality in social networks: conceptual clarification.
    *Social Networks* 1(3), 215–239.
    Herfindahl, O. C. (1950). *Concentration in the steel industry*. Columbia University.

    Examples
    --------
    A star of 4 members around a: the top 3 hold every tie, centralisation is 1.

    >>> G = nx.star_graph(["a", "b", "c", "d"])
    >>> nx.set_node_attributes(G, "p", "pole")
    >>> G.graph["poles"] = {"p": {"name": "Pôle", "territory": "t", "status": "created"}}
    >>> row = pole_governance(G).to_dict("records")[0]
    >>> row["members"], row["internal_ties"], row["top3_share"], row["degree_centralisation"]
    (4, 3, 1.0, 1.0)
    """
    table: dict[str, dict[str, str]] = dict(G.graph.get("poles", {}) or {})
    members: dict[str, list[Hashable]] = {p: [] for p in table}
    for v, pole in G.nodes(data="pole", default=""):
        if pole is not None and pole == pole and pole != "":  # not None, NaN or ""
            members.setdefault(pole, []).append(v)
    pole_of = {v: p for p, vs in members.items() for v in vs}
    internal_degree: Counter[Hashable] = Counter()
    internal_edges: dict[str, list[tuple[Hashable, Hashable]]] = {p: [] for p in members}
    for u, v in G.edges():
        p = pole_of.get(u)
        if p is not None and p == pole_of.get(v) and u != v:
            internal_edges[p].append((u, v))
            internal_degree[u] += 1
            internal_degree[v] += 1
    funding = _funding_by_pole(T, members) if T is not None else None
    rows = []
    for p in sorted(members, key=str):
        vs = members[p]
        info = table.get(p, {})
        ties = internal_edges[p]
        degrees = [internal_degree[v] for v in vs]
        top = {v for v, _ in sorted(((v, internal_degree[v]) for v in vs), key=_top_key)[:3]}
        held = sum(1 for u, v in ties if u in top or v in top)
        n = len(vs)
        if n >= 3:
            d_max = max(degrees)
            centralisation = sum(d_max - d for d in degrees) / ((n - 1) * (n - 2))
        else:
            centralisation = math.nan
        row = {
            "pole": p,
            "name": info.get("name", ""),
            "territory": info.get("territory", ""),
            "status": info.get("status", ""),
            "members": n,
            "internal_ties": len(ties),
            "top3_share": held / len(ties) if ties else math.nan,
            "degree_centralisation": centralisation,
        }
        if funding is None:
            row.update(funders=math.nan, funding_links=math.nan, funding_hhi=math.nan)
        else:
            per_partner = funding.get(p, Counter())
            total = sum(per_partner.values())
            # Shares summed in a fixed order (a float sum depends on it), not in the
            # order the partners were met in T.
            shares = sorted(per_partner.values())
            row.update(
                funders=len(per_partner),
                funding_links=total,
                funding_hhi=sum((c / total) ** 2 for c in shares) if total else math.nan,
            )
        rows.append(row)
    return pd.DataFrame(rows, columns=list(COLUMNS))


def _top_key(item: tuple[Hashable, int]) -> tuple[int, str]:
    return (-item[1], str(item[0]))


def _funding_by_pole(
    T: nx.Graph, members: dict[str, list[Hashable]]
) -> dict[str, Counter[Hashable]]:
    """Per pôle, the number of funded targets (the pôle itself or a member) per partner."""
    target_pole: dict[Hashable, str] = {p: p for p in members}
    for p, vs in members.items():
        for v in vs:
            target_pole[v] = p
    out: dict[str, Counter[Hashable]] = {}
    # Partners are few: walking their own ties is much cheaper than all edges of T.
    for partner, kind in T.nodes(data="type"):
        if kind != "partner":
            continue
        for target, data in T.adj[partner].items():
            if "funding" not in (data.get("kinds") or ()):
                continue
            p = target_pole.get(target)
            if p is not None and T.nodes[target].get("type") in ("structure", "pole"):
                out.setdefault(p, Counter())[partner] += 1
    return out


register(
    {
        "governance.held_by_few": {
            "fr": "Pôle tenu par trop peu d'acteurs : {reasons}.",
            "en": "Pôle held by too few: {reasons}.",
        },
        "governance.not_held_by_few": {
            "fr": "Pas de concentration au-delà des seuils ({thresholds}).",
            "en": "No concentration above the thresholds ({thresholds}).",
        },
        "governance.not_enough_ties": {
            "fr": "Trop peu de liens internes et aucun financement connu pour en juger.",
            "en": "Too few internal ties and no known funding to judge.",
        },
        "governance.reason.top3_share": {
            "fr": "les 3 structures les plus reliées tiennent {value} des liens internes (seuil {threshold})",
            "en": "its 3 most connected structures hold {value} of the internal ties (threshold {threshold})",
        },
        "governance.reason.degree_centralisation": {
            "fr": "centralisation des liens de {value} (seuil {threshold})",
            "en": "degree centralisation of {value} (threshold {threshold})",
        },
        "governance.reason.funding_hhi": {
            "fr": "financement concentré, indice de Herfindahl {value} (seuil {threshold})",
            "en": "concentrated funding, Herfindahl index {value} (threshold {threshold})",
        },
        "governance.threshold.top3_share": {"fr": "part des 3 premiers", "en": "top-3 share"},
        "governance.threshold.degree_centralisation": {
            "fr": "centralisation",
            "en": "centralisation",
        },
        "governance.threshold.funding_hhi": {"fr": "Herfindahl", "en": "Herfindahl"},
        "governance.list_separator": {"fr": " ; ", "en": "; "},
    }
)


def _number(x: float, lang: str, *, percent: bool) -> str:
    if percent:
        text = f"{x * 100:.0f}"
        return f"{text} %" if lang == "fr" else f"{text}%"
    text = f"{x:.2f}"
    return text.replace(".", ",") if lang == "fr" else text


def governance_flags(
    df: pd.DataFrame,
    lang: str = "fr",
    *,
    thresholds: dict[str, float] | None = None,
) -> pd.DataFrame:
    """Say in words whether each pôle is held by too few.

    A pôle is flagged when any figure is strictly above its threshold (defaults in
    `THRESHOLDS`: top3_share > 0.5, degree_centralisation > 0.5, funding_hhi > 0.5). A
    NaN figure never flags.

    Parameters
    ----------
    df : DataFrame
        The output of `pole_governance`.
    lang : {"fr", "en"}
    thresholds : dict, optional
        Overrides of `THRESHOLDS`, by column name.

    Returns
    -------
    DataFrame with columns ``pole``, ``name``, ``held_by_few`` (bool), ``reasons``
    (the column names above their threshold, joined by ``|``) and ``message`` (a
    sentence in ``lang`` giving the figures and thresholds used).

    >>> df = pd.DataFrame({"pole": ["p"], "name": ["P"], "top3_share": [0.8],
    ...                    "degree_centralisation": [0.2], "funding_hhi": [float("nan")]})
    >>> governance_flags(df, "en").loc[0, "message"]
    'Pôle held by too few: its 3 most connected structures hold 80% of the internal ties (threshold 50%).'
    """
    limits = {**THRESHOLDS, **(thresholds or {})}
    out = []
    for row in df.itertuples(index=False):
        reasons = []
        texts = []
        known = False
        for column, limit in limits.items():
            value = getattr(row, column)
            if value is None or (isinstance(value, float) and math.isnan(value)):
                continue
            known = True
            if value > limit:
                reasons.append(column)
                percent = column == "top3_share"
                texts.append(
                    t(
                        f"governance.reason.{column}",
                        lang,
                        value=_number(value, lang, percent=percent),
                        threshold=_number(limit, lang, percent=percent),
                    )
                )
        if reasons:
            message = t(
                "governance.held_by_few",
                lang,
                reasons=t("governance.list_separator", lang).join(texts),
            )
        elif known:
            listed = ", ".join(
                f"{t(f'governance.threshold.{c}', lang)} > "
                f"{_number(v, lang, percent=c == 'top3_share')}"
                for c, v in limits.items()
            )
            message = t("governance.not_held_by_few", lang, thresholds=listed)
        else:
            message = t("governance.not_enough_ties", lang)
        out.append(
            {
                "pole": row.pole,
                "name": row.name,
                "held_by_few": bool(reasons),
                "reasons": "|".join(reasons),
                "message": message,
            }
        )
    return pd.DataFrame(out, columns=["pole", "name", "held_by_few", "reasons", "message"])
