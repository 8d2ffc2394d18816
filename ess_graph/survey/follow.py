"""How is a campaign going: who answered, which ties both sides declare, who was named
outside the roster?

Definitions (docs/SURVEY.md, the Enquête page shows them beside each figure):

- **invited**: the structures of the campaign's scope at its opening;
- **answered**: invited structures whose answer is submitted (a draft does not count);
- **response rate**: answered / invited;
- a **declaration** is one partner named in a submitted answer (A names B: A → B); a
  partner named outside the roster counts once the coordinator matched it to a structure;
- a **declared tie** is an unordered pair {A, B} with at least one declaration;
  it is **reciprocated** when both A → B and B → A are declared, else **one-sided**,
  split by whether the silent side answered the survey (it answered without naming
  the other) or not;
- the **reciprocity rate** is reciprocated ties / declared ties (Wasserman & Faust 1994,
  ch. 13: the share of mutual dyads among non-null dyads). It is not
  `networkx.overall_reciprocity`, which counts declarations (arcs), not ties: with R
  reciprocated and S one-sided ties, it is 2R / (2R + S).

All functions read one consistent state of the workspace and return DataFrames whose
columns are listed under Returns.
"""

from __future__ import annotations

import sqlite3
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, replace

import networkx as nx
import pandas as pd

from ess_graph import schema
from ess_graph.i18n import DEFAULT_LANG
from ess_graph.survey.campaigns import (
    Campaign,
    StoredAnswer,
    answers,
    find_campaign,
    invited,
    matches,
    name_key,
)
from ess_graph.survey.model import FUNCTIONS, RESOURCES, function_label, resource_label
from ess_graph.workspace.privacy import contact_columns
from ess_graph.workspace.store import Workspace

__all__ = [
    "DECLARATION_COLUMNS",
    "TIE_STATUSES",
    "CampaignData",
    "campaign_data",
    "declaration_graph",
    "declarations",
    "function_ratings",
    "needs_and_offers",
    "non_respondents",
    "outside_roster",
    "response_rates",
    "restrict",
    "summary",
    "tie_table",
]

#: Status of a declared tie, from the strongest.
TIE_STATUSES: tuple[str, ...] = (
    "reciprocated",
    "one_sided_other_answered",
    "one_sided_other_silent",
)

DECLARATION_COLUMNS = (
    "declarer",
    "partner",
    "partner_name",
    "partner_commune",
    "in_roster",
    "kinds",
    "since",
    "frequency",
    "value",
    "trust",
)


@dataclass
class CampaignData:
    """Everything the figures need, read once in one consistent state."""

    campaign: Campaign
    invited: list[str]
    structures: pd.DataFrame  # the workspace's structures (every column, text)
    answers: list[StoredAnswer]  # drafts and submissions
    matches: dict[str, str]

    @property
    def submitted(self) -> list[StoredAnswer]:
        return [a for a in self.answers if a.status == "submitted"]

    @property
    def answered(self) -> set[str]:
        return {a.structure for a in self.submitted}

    @property
    def names(self) -> dict[str, str]:
        s = self.structures
        return dict(zip(s["id"], s["name"].where(s["name"] != "", s["id"]), strict=True))


def campaign_data(ws: Workspace, name: str, conn: sqlite3.Connection | None = None) -> CampaignData:
    """Read a campaign and what its figures need (one read transaction)."""
    if conn is None:
        with ws.reading() as c:
            return campaign_data(ws, name, c)
    campaign = find_campaign(ws, name, conn)
    rows = [r.values for r in ws.rows("structures", conn)]
    # object: a registered column no row holds (after an undo) is NaN, filled as text
    columns = ws.columns("structures", conn)
    structures = pd.DataFrame(rows, columns=columns, dtype=object).fillna("")
    return CampaignData(
        campaign=campaign,
        invited=invited(ws, campaign, conn),
        structures=structures,
        answers=answers(ws, campaign, conn=conn),
        matches=matches(ws, campaign, conn),
    )


def restrict(data: CampaignData, structures: Iterable[str]) -> CampaignData:
    """The campaign seen from a set of structures (a report's pays or pôle): those of them
    that were invited, and their answers only.

    Every figure of this module computed on the result is the figure of that set: the
    response rate of its invited structures (`summary`), the ratings of its respondents
    (`function_ratings`)... The roster, the names and the coordinator's matches stay
    whole, so a partner outside the set is still named. Reads nothing: ``data`` was read
    once by `campaign_data`.

    Examples
    --------
    >>> from ess_graph.survey.campaigns import Campaign
    >>> c = Campaign("c1", "Enquête", {}, (), "2027-01-01", "coord", "", "", 1)
    >>> d = CampaignData(c, ["a", "b", "c"], pd.DataFrame({"id": [], "name": []}), [], {})
    >>> restrict(d, ["b", "c", "z"]).invited
    ['b', 'c']
    """
    keep = set(structures)
    return replace(
        data,
        invited=[sid for sid in data.invited if sid in keep],
        answers=[a for a in data.answers if a.structure in keep],
    )


def declarations(data: CampaignData) -> pd.DataFrame:
    """One row per partner named in a submitted answer.

    Returns
    -------
    DataFrame with columns ``declarer`` (structure id), ``partner`` (structure id; "" for
    a partner named outside the roster and not matched yet), ``partner_name`` and
    ``partner_commune`` (as typed, for a partner outside the roster), ``in_roster`` (bool:
    picked from the roster), ``kinds`` (link kinds joined by ``|``), ``since`` (year or
    ""), ``frequency`` (code or ""), ``value`` and ``trust`` (1–4, NA when not rated).
    Rows by declarer then form order.
    """
    rows = []
    for a in data.submitted:
        for p in a.answer.partners:
            partner = p.structure or data.matches.get(name_key(p.name, p.commune), "")
            rows.append(
                (
                    a.structure,
                    partner,
                    p.name,
                    p.commune,
                    bool(p.structure),
                    "|".join(p.kinds),
                    p.since,
                    p.frequency,
                    p.value,
                    p.trust,
                )
            )
    frame = pd.DataFrame(rows, columns=list(DECLARATION_COLUMNS))
    for c in ("value", "trust"):
        frame[c] = frame[c].astype("Int64")
    frame["in_roster"] = frame["in_roster"].astype(bool)
    return frame


def declaration_graph(data: CampaignData) -> nx.DiGraph:
    """The declarations as a directed graph: A → B when A's submitted answer names B.

    Nodes are the invited structures and every structure named (attribute ``answered``:
    bool, ``invited``: bool, ``name``); edges carry ``kinds`` (tuple). Self-declarations
    and partners not matched to a structure are left out.
    """
    D = nx.DiGraph()
    names = data.names
    answered = data.answered
    invited_set = set(data.invited)
    for sid in data.invited:
        D.add_node(sid, answered=sid in answered, invited=True, name=names.get(sid, sid))
    decl = declarations(data)
    for declarer, partner, kinds in zip(
        decl["declarer"], decl["partner"], decl["kinds"], strict=True
    ):
        if not partner or partner == declarer:
            continue
        for node in (declarer, partner):
            if node not in D:
                D.add_node(
                    node,
                    answered=node in answered,
                    invited=node in invited_set,
                    name=names.get(node, node),
                )
        if D.has_edge(declarer, partner):  # the same partner named twice (picked and matched)
            merged = set(D.edges[declarer, partner]["kinds"]) | set(kinds.split("|"))
            D.edges[declarer, partner]["kinds"] = tuple(sorted(merged))
        else:
            D.add_edge(declarer, partner, kinds=tuple(sorted(k for k in kinds.split("|") if k)))
    return D


def tie_table(data: CampaignData, *, lang: str = DEFAULT_LANG) -> pd.DataFrame:
    """Every declared tie and who declared it.

    Returns
    -------
    DataFrame with columns ``u``, ``v`` (structure ids, ``u < v``), ``u_name``, ``v_name``,
    ``status`` (`TIE_STATUSES`), ``declared_by`` (ids joined by ``|``), ``silent``
    (the side that did not name the other, "" when reciprocated), ``kinds`` (union of the
    kinds declared, ``|``). Sorted by status then ``u``, ``v``.
    """
    D = declaration_graph(data)
    names = data.names
    rows = []
    seen = set()
    for a, b in D.edges():
        u, v = (a, b) if a < b else (b, a)
        if (u, v) in seen:
            continue
        seen.add((u, v))
        by = [x for x, y in ((u, v), (v, u)) if D.has_edge(x, y)]
        kinds = sorted(
            set().union(*(D.edges[x, y]["kinds"] for x, y in ((u, v), (v, u)) if D.has_edge(x, y)))
        )
        if len(by) == 2:
            status, silent = "reciprocated", ""
        else:
            silent = v if by == [u] else u
            status = (
                "one_sided_other_answered"
                if D.nodes[silent]["answered"]
                else "one_sided_other_silent"
            )
        rows.append(
            (u, v, names.get(u, u), names.get(v, v), status, "|".join(by), silent, "|".join(kinds))
        )
    frame = pd.DataFrame(
        rows, columns=["u", "v", "u_name", "v_name", "status", "declared_by", "silent", "kinds"]
    )
    order = {s: i for i, s in enumerate(TIE_STATUSES)}
    frame["_o"] = frame["status"].map(order)
    return frame.sort_values(["_o", "u", "v"]).drop(columns="_o").reset_index(drop=True)


def summary(data: CampaignData) -> dict[str, float | int | str]:
    """The campaign's headline figures (definitions in the module docstring).

    Returns a dict with ``invited``, ``answered``, ``drafts`` (invited structures with a
    draft only), ``response_rate`` (0–1; NaN when nobody is invited), ``declarations``,
    ``declared_ties``, ``reciprocated``, ``one_sided_other_answered``,
    ``one_sided_other_silent``, ``reciprocity_rate`` (reciprocated / declared ties; NaN
    when no tie), ``outside_roster`` (distinct partners named outside the roster),
    ``unmatched`` (of those, not matched yet), ``closes``, ``open``.
    """
    invited_set = set(data.invited)
    answered = data.answered & invited_set
    drafts = {a.structure for a in data.answers if a.status == "draft"} & invited_set
    ties = tie_table(data)
    counts = ties["status"].value_counts()
    declared = len(ties)
    decl = declarations(data)
    outside = decl.loc[~decl["in_roster"]]
    keys = {
        name_key(n, c)
        for n, c in zip(outside["partner_name"], outside["partner_commune"], strict=True)
    }
    unmatched = {k for k in keys if k not in data.matches}
    return {
        "invited": len(invited_set),
        "answered": len(answered),
        "drafts": len(drafts),
        "response_rate": len(answered) / len(invited_set) if invited_set else float("nan"),
        "declarations": len(decl.loc[decl["partner"] != ""]),
        "declared_ties": declared,
        **{s: int(counts.get(s, 0)) for s in TIE_STATUSES},
        "reciprocity_rate": int(counts.get("reciprocated", 0)) / declared
        if declared
        else float("nan"),
        "outside_roster": len(keys),
        "unmatched": len(unmatched),
        "closes": data.campaign.closes,
        "open": data.campaign.is_open(),
    }


_GROUPS = ("sector", "family", "territory")


def response_rates(data: CampaignData, *, lang: str = DEFAULT_LANG) -> pd.DataFrame:
    """Response rate overall and by sector, family and territory of the invited structures.

    Returns
    -------
    DataFrame with columns ``group`` (``all``, ``sector``, ``family``, ``territory``),
    ``value`` (the sector, family or territory id; "" for ``all``), ``invited``,
    ``answered``, ``rate`` (answered / invited). Groups in that order, values by id.
    """
    s = data.structures.set_index("id")
    inv = [sid for sid in data.invited]
    answered = data.answered
    rows = [("all", "", len(inv), sum(1 for x in inv if x in answered))]
    for group in _GROUPS:
        values = defaultdict(lambda: [0, 0])
        for sid in inv:
            value = str(s.at[sid, group]) if sid in s.index else ""
            values[value][0] += 1
            values[value][1] += sid in answered
        for value in sorted(values):
            rows.append((group, value, *values[value]))
    frame = pd.DataFrame(rows, columns=["group", "value", "invited", "answered"])
    frame["rate"] = frame["answered"] / frame["invited"].where(frame["invited"] > 0)
    return frame


def non_respondents(data: CampaignData) -> pd.DataFrame:
    """Invited structures that have not submitted: the reminder list.

    Returns
    -------
    DataFrame with columns ``structure``, ``name``, the structures' contact columns when
    the data has them, ``draft`` (bool: a draft is saved). By id.
    """
    s = data.structures
    drafts = {a.structure for a in data.answers if a.status == "draft"}
    left = [sid for sid in data.invited if sid not in data.answered]
    frame = s.loc[s["id"].isin(left)].sort_values("id")
    extras = [c for c in s.columns if c not in schema.TABLES_BY_NAME["structures"].names]
    contacts = contact_columns(frame, extras) if len(frame) else []
    out = pd.DataFrame({"structure": frame["id"].tolist(), "name": frame["name"].tolist()})
    for c in contacts:
        out[c] = frame[c].tolist()
    out["draft"] = out["structure"].isin(drafts)
    gone = sorted(set(left) - set(frame["id"]))  # removed from the network since
    if gone:
        out = pd.concat(
            [
                out,
                pd.DataFrame(
                    {"structure": gone, "name": gone, "draft": [g in drafts for g in gone]}
                ),
            ],
            ignore_index=True,
        )
    return out.fillna("")


def outside_roster(data: CampaignData) -> pd.DataFrame:
    """Partners named outside the roster, one row per distinct name and commune.

    Returns
    -------
    DataFrame with columns ``name``, ``commune`` (as first typed), ``named_by`` (ids of
    the structures naming it, ``|``), ``times``, ``matched_to`` (structure id or "").
    Most named first.
    """
    decl = declarations(data)
    outside = decl.loc[~decl["in_roster"]]
    groups: dict[str, list] = {}
    for declarer, name, commune in zip(
        outside["declarer"], outside["partner_name"], outside["partner_commune"], strict=True
    ):
        key = name_key(name, commune)
        entry = groups.setdefault(key, [name, commune, []])
        entry[2].append(declarer)
    rows = [
        (name, commune, "|".join(sorted(set(by))), len(by), data.matches.get(key, ""))
        for key, (name, commune, by) in groups.items()
    ]
    frame = pd.DataFrame(rows, columns=["name", "commune", "named_by", "times", "matched_to"])
    return frame.sort_values(["times", "name"], ascending=[False, True]).reset_index(drop=True)


def needs_and_offers(data: CampaignData, *, lang: str = DEFAULT_LANG) -> pd.DataFrame:
    """Needs and offers of the submitted answers, by resource and sector.

    Returns
    -------
    DataFrame with columns ``resource`` (code), ``label`` (in `lang`), ``sector``,
    ``needs`` and ``offers`` (structures of that sector needing / offering it). Only
    resources someone needs or offers.
    """
    sector = dict(zip(data.structures["id"], data.structures["sector"], strict=True))
    counts: dict[tuple[str, str], list[int]] = defaultdict(lambda: [0, 0])
    for a in data.submitted:
        for i, items in enumerate((a.answer.needs, a.answer.offers)):
            for r in items:
                counts[(r, sector.get(a.structure, ""))][i] += 1
    order = {r: i for i, r in enumerate(RESOURCES)}
    rows = [
        (r, resource_label(r, lang), sec, n, o)
        for (r, sec), (n, o) in sorted(
            counts.items(), key=lambda kv: (order.get(kv[0][0], 99), kv[0][1])
        )
    ]
    return pd.DataFrame(rows, columns=["resource", "label", "sector", "needs", "offers"])


def function_ratings(data: CampaignData, *, lang: str = DEFAULT_LANG) -> pd.DataFrame:
    """How useful the respondents find each of the pôle's five functions (1–4).

    Returns
    -------
    DataFrame with columns ``function`` (code), ``label``, ``ratings`` (answers rating
    it), ``mean`` (mean rating, NaN when none), ``useful_share`` (share of ratings 3 or
    4). Most useful first (mean, then code).
    """
    rows = []
    for f in FUNCTIONS:
        values = [a.answer.functions[f] for a in data.submitted if f in a.answer.functions]
        mean = sum(values) / len(values) if values else float("nan")
        useful = sum(1 for v in values if v >= 3) / len(values) if values else float("nan")
        rows.append((f, function_label(f, lang), len(values), mean, useful))
    frame = pd.DataFrame(rows, columns=["function", "label", "ratings", "mean", "useful_share"])
    return frame.sort_values(
        ["mean", "function"], ascending=[False, True], na_position="last"
    ).reset_index(drop=True)
