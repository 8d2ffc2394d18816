"""What does the territorial diagnostic say? Its content, computed once.

`report_content` selects and words the figures of one territory (pays) or one pôle, in
French or English, as a `ess_graph.report.model.ReportContent` that the HTML page
(`ess_graph.report.html`) and the editable document (`ess_graph.report.docx`) lay out:

1. key figures beside the region's; 2. cross-sector cooperation (mixing observed vs
expected, E-I by sector); 3. gaps; 4. governance (concentration, cut points, funders);
5. partnership opportunities (probable and strategic); 6. the actors' needs and
resources (needs and offers of a partnership survey, the needs that meet an offer, and
with a campaign (``survey``) the pôle's functions rated most useful and the response
rate); 7. the network over time (from the links' own years, and what changed since an
earlier network with ``compare``); 8. method and data (sources, hashes, version, seed,
warnings).

Every figure comes from the analysis functions (`ess_graph.analysis`, `ess_graph.metrics`);
this module only selects and words them. Its texts are plain (the renderers escape
them). Definitions are in docs/METRICS.md; what the report holds is in docs/REPORT.md.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import math
import shlex
import string
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import networkx as nx
import pandas as pd

from ess_graph import __version__
from ess_graph.analysis import brokerage, gaps, governance, mixing, opportunities
from ess_graph.analysis.changes import filter_diff, network_diff
from ess_graph.i18n import LANGS, t
from ess_graph.metrics import file_hashes, network_summary
from ess_graph.network import Network, cooperation_graph, induced_subgraph, typed_graph
from ess_graph.report import strings as _strings  # noqa: F401  (registers the words)
from ess_graph.report.model import (
    BREAK,
    Block,
    Bullets,
    Cell,
    Code,
    EiBar,
    Fig,
    Heading,
    Heat,
    Mark,
    Para,
    RatioLegend,
    ReportContent,
    Row,
    Run,
    Section,
    ShareBar,
    Strong,
    Table,
    plain,
)
from ess_graph.survey import follow

#: Below this many structures in the scope, the report warns that figures are fragile.
FEW_STRUCTURES = 5
#: Below this many structures, a sector's figures are flagged.
FEW_IN_SECTOR = 2
#: Relabellings of the E-I permutation test (as `ess-graph metrics`).
N_PERMUTATIONS = 1000
#: Opportunities listed per ranking (probable, then strategic).
N_OPPORTUNITIES = 5
#: Resource matches (needs and offers of a survey) listed at most in the report.
MAX_MATCHES = 20
#: Below this response rate in the scope, the survey's figures carry a plain warning.
LOW_RESPONSE_RATE = 0.5
#: Longest list of structures or ties printed in one table; the rest is counted.
MAX_ROWS = 30
#: A table longer than this may split across pages (between rows); shorter ones move whole.
LONG_TABLE = 15
#: Most sectors shown in the mixing heat table (the columns of an A4 page).
MATRIX_MAX = 12

SECTION_KEYS: tuple[str, ...] = (
    "figures",
    "mixing",
    "gaps",
    "governance",
    "opportunities",
    "resources",
    "changes",
    "method",
)


class ReportScopeError(ValueError):
    """The territory or pôle asked for is not in the network (or none / both were given).

    ``kind`` is "territory", "pole" or "scope"; ``valid`` lists the ids that would work.
    """

    def __init__(self, kind: str, value: str = "", valid: Sequence[str] = ()) -> None:
        self.kind = kind
        self.value = value
        self.valid = list(valid)
        super().__init__(self.message("en"))

    def message(self, lang: str = "fr") -> str:
        if self.kind == "scope":
            return t("report.error.scope", lang)
        return t(
            f"report.error.unknown_{self.kind}",
            lang,
            value=self.value,
            valid=", ".join(self.valid) or "—",
        )


def scope_ids(net: Network) -> dict[str, list[str]]:
    """The ids a report can be asked for: ``{"territory": [...], "pole": [...]}``, sorted.

    Territories are the ids of the territories table (or, without one, the territory
    labels used by structures and pôles); pôles the ids of the pôles table.
    """
    return {
        "territory": sorted(str(x) for x in net.territory_names()),
        "pole": sorted(str(x) for x in net.poles["id"]),
    }


# Formatting -----------------------------------------------------------------------------
def _missing(x: Any) -> bool:
    return x is None or (isinstance(x, float) and math.isnan(x)) or x is pd.NA


def _int(x: Any, lang: str) -> str:
    if _missing(x):
        return "—"
    text = f"{int(x):,}"
    return text.replace(",", "\u202f") if lang == "fr" else text


def _dec(x: Any, lang: str, digits: int = 2) -> str:
    if _missing(x):
        return "—"
    text = f"{float(x):.{digits}f}"
    if text.startswith("-"):
        # "-0.00" is zero: no sign; otherwise a true minus sign.
        text = text[1:] if float(text) == 0 else "−" + text[1:]
    return text.replace(".", ",") if lang == "fr" else text


def _signed(x: Any, lang: str) -> str:
    if _missing(x):
        return "—"
    text = _dec(x, lang)
    return text if text.startswith("−") or float(x) == 0 else "+" + text


def _pct(x: Any, lang: str) -> str:
    if _missing(x):
        return "—"
    text = f"{100 * float(x):.0f}"
    return f"{text}\u00a0%" if lang == "fr" else f"{text}%"


def _p_value(x: Any, lang: str) -> str:
    if _missing(x):
        return "—"
    return _dec(x, lang, 3)


def _capital(text: str) -> str:
    """A label as a row heading: its first letter upper-case (« locaux » → « Locaux »)."""
    return text[:1].upper() + text[1:]


def _source_name(source: object, missing: str = "—") -> str:
    """The data's file or folder name as the report prints it: never the folder it lies in
    on the machine that wrote the report (a server's path is nobody's business; a snapshot
    name has no folder)."""
    if not source:
        return missing
    return Path(str(source)).name or str(source)


# The scope -------------------------------------------------------------------------------
@dataclass
class _Scope:
    kind: str  # "territory" or "pole"
    id: str
    name: str
    territory: str  # the pays of the scope ("" for a pôle without one)
    territory_name: str
    # Id lists are sorted (not in the order of the table rows): what the report lists
    # from them must not depend on that order.
    structures: list[str]
    territory_structures: list[str]
    poles: list[str]  # the pôle, or the pôles located in the territory


def _resolve_scope(net: Network, territory: str | None, pole: str | None) -> _Scope:
    if (territory is None) == (pole is None):
        raise ReportScopeError("scope")
    valid = scope_ids(net)
    names = net.territory_names()
    s = net.structures
    if territory is not None:
        if territory not in valid["territory"]:
            raise ReportScopeError("territory", territory, valid["territory"])
        ids = sorted(s.loc[s["territory"] == territory, "id"])
        poles = sorted(net.poles.loc[net.poles["territory"] == territory, "id"])
        return _Scope(
            "territory",
            territory,
            str(names.get(territory, territory)),
            territory,
            str(names.get(territory, territory)),
            ids,
            ids,
            poles,
        )
    pole = str(pole)  # exactly one of the two was given, and it is not the territory
    if pole not in valid["pole"]:
        raise ReportScopeError("pole", pole, valid["pole"])
    row = net.poles[net.poles["id"] == pole].iloc[0]
    terr = str(row["territory"] or "")
    return _Scope(
        "pole",
        pole,
        str(row["name"] or pole),
        terr,
        str(names.get(terr, terr)),
        sorted(s.loc[s["pole"] == pole, "id"]),
        sorted(s.loc[s["territory"] == terr, "id"]) if terr else [],
        [pole],
    )


def _induced(G: nx.Graph, ids: Iterable[str]) -> nx.Graph:
    """The subgraph of ``G`` on ``ids``, with nodes and ties in ``G``'s order.

    ``G.subgraph(small_set).copy()`` iterates the set, so its node order changes with
    Python's hash seed (see `ess_graph.network.induced_subgraph`).
    """
    return induced_subgraph(G, ids)


# The report ------------------------------------------------------------------------------
def sentence(key: str, lang: str, **params: Any) -> list[Run]:
    """The text of ``key`` as runs, its placeholders filled: a run (a `Fig`, …) given as
    a parameter stays a run, anything else becomes text.

    >>> from ess_graph.i18n import register
    >>> register({"doc.share": {"fr": "{share} des liens ({n})", "en": "{share} of ties ({n})"}})
    >>> sentence("doc.share", "en", share=Fig("40%", "x", 0.4), n=3)
    [Fig(text='40%', key='x', raw=0.4), ' of ties (3)']
    """
    out: list[Run] = []
    for literal, name, spec, conversion in string.Formatter().parse(t(key, lang)):
        if literal:
            out.append(literal)
        if name is None:
            continue
        value = params.get(name, "{" + name + "}")
        if isinstance(value, str | int | float) or value is None:
            text = format(value, spec or "") if conversion is None else str(value)
            out.append(text)
        else:
            out.append(value)
    # Neighbouring texts as one string (fewer runs in the DOCX, same HTML).
    merged: list[Run] = []
    for run in out:
        if isinstance(run, str) and merged and isinstance(merged[-1], str):
            merged[-1] += run
        else:
            merged.append(run)
    return merged


@dataclass
class _Builder:
    net: Network
    scope: _Scope
    lang: str
    seed: int
    compare: Network | None
    generated: dt.datetime
    survey: follow.CampaignData | None = None
    warnings: list[str] = field(default_factory=list)

    def __post_init__(self) -> None:
        self.G = cooperation_graph(self.net)
        self.T = typed_graph(self.net)
        self.H = _induced(self.G, self.scope.structures)
        self.sector_names: dict[str, str] = self.G.graph.get("sector_names", {}) or {}
        self.pole_names = self.net.pole_names()
        self.pole_status = dict(zip(self.net.poles["id"], self.net.poles["status"], strict=True))
        self.empty = not self.scope.structures
        self.isolates = gaps.isolates(self.G)
        self.small_sectors: set[str] = set()
        if not self.empty:
            counts = self.net.structures.set_index("id").loc[self.scope.structures, "sector"]
            sizes = counts[counts != ""].value_counts()
            self.small_sectors = set(sizes[sizes < FEW_IN_SECTOR].index)

    # helpers
    def tr(self, key: str, **params: Any) -> str:
        return t(key, self.lang, **params)

    def say(self, key: str, **params: Any) -> list[Run]:
        return sentence(key, self.lang, **params)

    def note(self, key: str, style: str, **params: Any) -> Para:
        return Para([self.tr(key, **params)], style)

    def sector(self, sid: str) -> str:
        if not sid:
            return self.tr("report.none_value")
        return str(self.sector_names.get(sid, sid))

    def sector_runs(self, sid: str) -> list[Run]:
        """A sector's name, with a ⚠ when it has too few structures in the scope."""
        runs: list[Run] = [self.sector(sid)]
        if sid in self.small_sectors:
            runs.append(Mark(self.tr("report.small_mark", limit=FEW_IN_SECTOR)))
        return runs

    def link_kinds(self, kinds: str) -> str:
        from ess_graph.schema import LINK_KINDS

        return ", ".join(
            self.tr(f"report.link_kind.{k}") if k in LINK_KINDS else k
            for k in str(kinds).split("|")
            if k
        )

    def pole_label(self, pid: str) -> str:
        return str(self.pole_names.get(pid, pid)) if pid else "—"

    def status(self, pid: str) -> str:
        status = self.pole_status.get(pid, "")
        return self.tr(f"report.status.{status}") if status else "—"

    def partner_kind(self, kind: str) -> str:
        from ess_graph.schema import PARTNER_KINDS

        return self.tr(f"report.partner_kind.{kind}") if kind in PARTNER_KINDS else kind

    def structure_name(self, sid: str) -> str:
        name = self.G.nodes[sid].get("name", "") if sid in self.G else ""
        return str(name or sid)

    def scope_column(self) -> str:
        return self.tr(f"report.col.scope.{self.scope.kind}")

    def more(self, rows: int, limit: int = MAX_ROWS, table: str = "") -> list[Para]:
        """ "… and N more" under a list cut at ``limit`` (nothing when it was not cut)."""
        if rows <= limit:
            return []
        if table:
            return [self.note("report.more_rows", "more", n=rows - limit, table=table)]
        return [self.note("report.more_rows_plain", "more", n=rows - limit)]

    def headers(self, *keys: str) -> list[str]:
        return [self.tr(f"report.col.{k}") for k in keys]

    # document
    def content(self) -> ReportContent:
        sections = [
            self.section_figures(),
            self.section_mixing(),
            self.section_gaps(),
            self.section_governance(),
            self.section_opportunities(),
            self.section_resources(),
            self.section_changes(),
        ]
        # Warnings gathered while building the sections above are listed in the last one.
        sections.append(self.section_method())
        sc = self.scope
        if sc.kind == "territory":
            subtitle = self.tr("report.scope.territory", name=sc.name)
        else:
            subtitle = self.tr(
                "report.scope.pole", name=sc.name, territory=sc.territory_name or "—"
            )
        return ReportContent(
            lang=self.lang,
            title=self.tr("report.title"),
            subtitle=subtitle,
            scope_kind=sc.kind,
            scope_id=sc.id,
            scope_name=sc.name,
            generated=self.tr(
                "report.generated",
                date=self.generated.strftime("%Y-%m-%d %H:%M"),
                version=__version__,
                source=_source_name(self.net.source),
            ),
            banner=self.tr("report.demo_banner") if self.net.is_demo else "",
            contents_title=self.tr("report.contents"),
            sections=[
                Section(key, i, self.tr(f"report.section.{key}"), children)
                for i, (key, children) in enumerate(
                    zip(SECTION_KEYS, sections, strict=True), start=1
                )
            ],
            version=__version__,
            generated_at=self.generated,
        )

    # 1. Key figures ----------------------------------------------------------------
    def _column_figures(self, ids: list[str], *, whole: bool) -> dict[str, Any]:
        sub = self.G if whole else _induced(self.G, ids)
        summary = network_summary(sub)
        ei = mixing.ei_indices(sub, attributes=["sector"], n_permutations=0)
        row = ei[ei["group"] == mixing.ALL_GROUPS]
        internal = int(row["internal_ties"].iloc[0]) if len(row) else 0
        external = int(row["external_ties"].iloc[0]) if len(row) else 0
        return {
            "structures": summary["structures"],
            "ties_inside": summary["ties"],
            "ties_outside": None if whole else nx.cut_size(self.G, ids) if ids else 0,
            "density": summary["density"],
            "cross_sector_share": external / (internal + external)
            if internal + external
            else math.nan,
            "isolates": summary["isolates"]
            if whole
            else int(self.isolates["id"].isin(set(ids)).sum()),
            "isolated_inside": None if whole else summary["isolates"],
            "largest_component_share": summary["largest_component_share"],
        }

    def section_figures(self) -> list[Any]:
        sc = self.scope
        lang = self.lang
        out: list[Any] = []
        if self.empty:
            out.append(self.note("report.warn.no_structure", "note warn"))
            self.warnings.append(self.tr("report.warn.no_structure"))
        elif len(sc.structures) < FEW_STRUCTURES:
            text = self.tr("report.warn.few_structures", n=len(sc.structures), limit=FEW_STRUCTURES)
            out.append(Para([text], "note warn"))
            self.warnings.append(text)
        out.append(self.note("report.figures.intro", "explain"))
        columns: list[tuple[str, str, dict[str, Any]]] = [
            ("scope", self.scope_column(), self._column_figures(sc.structures, whole=False))
        ]
        if sc.kind == "pole" and sc.territory:
            columns.append(
                (
                    "territory",
                    self.tr("report.col.territory"),
                    self._column_figures(sc.territory_structures, whole=False),
                )
            )
        columns.append(
            ("region", self.tr("report.col.region"), self._column_figures([], whole=True))
        )
        formats = {
            "structures": _int,
            "ties_inside": _int,
            "ties_outside": _int,
            "density": lambda x, lg: _dec(x, lg, 3),
            "cross_sector_share": _pct,
            "isolates": _int,
            "isolated_inside": _int,
            "largest_component_share": _pct,
        }
        rows = []
        for key, fmt in formats.items():
            cells = [Cell([self.tr(f"report.fig.{key}")], head=True)]
            for col, _label, figs in columns:
                value = figs[key]
                cells.append(Cell([fmt(value, lang)], num=True, figure=f"{col}.{key}", raw=value))
            rows.append(Row(cells))
        out.append(
            Table(
                [self.tr("report.col.figure"), *(label for _, label, _ in columns)],
                rows,
                style="figures",
                numeric=tuple(range(1, len(columns) + 1)),
                keep=True,
            )
        )
        out.extend(self._members_block())
        out.extend(self._ess_figures_intro())
        out.append(self._breakdown("family"))
        out.append(self._breakdown("sector"))
        return out

    @property
    def has_employees(self) -> bool:
        """Whether the network gives any structure's employees (the employees columns)."""
        s = self.net.structures
        return "employees" in s and bool(
            pd.to_numeric(s["employees"], errors="coerce").notna().any()
        )

    def _ess_figures_intro(self) -> list[Any]:
        """The heading of the observatory's table (structures and employees by family and
        by sector) and, for structures imported from SIRENE, its date and limits."""
        if not self.has_employees:
            return []
        s = self.net.structures
        mine = s[s["id"].isin(set(self.scope.structures))]
        unknown = int(pd.to_numeric(mine["employees"], errors="coerce").isna().sum())
        out: list[Any] = [
            Heading(self.tr("report.ess_figures.title")),
            self.note("report.ess_figures.explain", "explain", unknown=_int(unknown, self.lang)),
        ]
        if "source" in mine and (mine["source"] == "SIRENE").any():
            sirene = mine[mine["source"] == "SIRENE"]
            dates = sirene["sirene_date"] if "sirene_date" in sirene else pd.Series([], dtype=str)
            dates = dates[dates.astype(str).str.fullmatch(r"\d{4}-\d{2}-\d{2}")]
            date = str(dates.max()) if len(dates) else "—"
            out.append(
                Para(
                    self.say(
                        "report.ess_figures.sirene",
                        n=Fig(_int(len(sirene), self.lang), "sirene.structures", len(sirene)),
                        date=date,
                    ),
                    "note",
                )
            )
        return out

    def _members_block(self) -> list[Any]:
        sc = self.scope
        s = self.net.structures
        lang = self.lang
        lines: list[list[Run]] = []
        if sc.kind == "territory":
            if not sc.poles:
                lines.append([self.tr("report.members.none_pole")])
            in_territory = s[s["territory"] == sc.id]
            total = len(in_territory)
            for pid in sc.poles:
                members = s[s["pole"] == pid]
                inside = int((members["territory"] == sc.id).sum())
                lines.append(
                    self.say(
                        "report.members.territory",
                        pole=self.pole_label(pid),
                        status=self.status(pid),
                        members=Fig(_int(inside, lang), f"members.{pid}", inside),
                        total=_int(total, lang),
                        share=_pct(inside / total if total else math.nan, lang),
                        elsewhere=_int(len(members) - inside, lang),
                    )
                )
            outside = int((in_territory["pole"] == "").sum())
            lines.append([self.tr("report.members.outside", n=_int(outside, lang))])
        else:
            members = s[s["pole"] == sc.id]
            inside = int((members["territory"] == sc.territory).sum()) if sc.territory else 0
            total = len(sc.territory_structures)
            lines.append(
                self.say(
                    "report.members.pole",
                    pole=self.pole_label(sc.id),
                    status=self.status(sc.id),
                    members=Fig(_int(len(members), lang), f"members.{sc.id}", len(members)),
                    inside=_int(inside, lang),
                    territory=sc.territory_name or "—",
                    total=_int(total, lang),
                    share=_pct(inside / total if total else math.nan, lang),
                    elsewhere=_int(len(members) - inside, lang),
                )
            )
        return [Heading(self.tr("report.members.title")), Bullets(lines, "members")]

    def _breakdown(self, attr: str) -> Block:
        from ess_graph.analysis.employment import ess_in_figures

        lang = self.lang
        s = self.net.structures
        employment = None
        if self.has_employees:
            inside = s.assign(
                territory=s["id"].isin(set(self.scope.structures)).map({True: "in", False: ""})
            )
            employment = ess_in_figures(inside, by=attr, territory="in").set_index("group")
        scope = s[s["id"].isin(set(self.scope.structures))]
        region_counts = s[attr].value_counts()
        scope_counts = scope[attr].value_counts()
        n_scope, n_region = len(scope), len(s)
        if attr == "family":
            from ess_graph.schema import FAMILIES

            order = [f for f in FAMILIES if f in region_counts.index]
            label = {f: [self.tr(f"report.family.{f}")] for f in order}
        else:
            order = sorted(
                region_counts.index,
                key=lambda x: (-int(scope_counts.get(x, 0)), str(self.sector_names.get(x, x)), x),
            )
            label = {x: self.sector_runs(x) for x in order}
        rows = []
        for value in order:
            count = int(scope_counts.get(value, 0))
            share = count / n_scope if n_scope else math.nan
            region = int(region_counts.get(value, 0)) / n_region if n_region else math.nan
            name = str(label[value][0])
            rows.append(
                Row(
                    [
                        Cell(label[value], head=True),
                        Cell([_int(count, lang)], num=True, figure=f"{attr}.{value}", raw=count),
                        Cell([_pct(share, lang)], num=True),
                        Cell([_pct(region, lang)], num=True),
                        *self._employment_cells(employment, attr, value),
                        Cell(
                            [],
                            chart=ShareBar(
                                share,
                                region,
                                f"{name}: {_pct(share, lang)} / {_pct(region, lang)}",
                            ),
                        ),
                    ]
                )
            )
        title = self.tr(f"report.by_{attr}")
        return Block(
            [
                Heading(title),
                Table(
                    self.headers(
                        attr,
                        "count",
                        "share",
                        "region_share",
                        *(
                            ("employees", "employees_share", "region_employees_share")
                            if employment is not None
                            else ()
                        ),
                        "chart",
                    ),
                    rows,
                    style="breakdown",
                    numeric=(1, 2, 3, 4, 5, 6) if employment is not None else (1, 2, 3),
                    keep=True,
                    legend=[
                        ("bar", self.tr("report.legend.scope")),
                        ("tick", self.tr("report.legend.region")),
                    ],
                ),
            ]
        )

    def _employment_cells(
        self, employment: pd.DataFrame | None, attr: str, value: str
    ) -> list[Cell]:
        """Employees of ``value`` in the scope, their share of the scope's and the region's
        share (`ess_graph.analysis.employment.ess_in_figures`); none without employees."""
        if employment is None:
            return []
        lang = self.lang
        row = employment.loc[value] if value in employment.index else None
        if row is None:
            return [Cell(["—"], num=True)] * 3
        return [
            Cell(
                [_int(row["employees"], lang)],
                num=True,
                figure=f"employees.{attr}.{value}",
                raw=int(row["employees"]),
            ),
            Cell([_pct(row["employees_share"], lang)], num=True),
            Cell([_pct(row["region_employees_share"], lang)], num=True),
        ]

    # 2. Cross-sector cooperation ---------------------------------------------------
    def section_mixing(self) -> list[Any]:
        if self.empty:
            return [self.note("report.warn.no_structure", "note warn")]
        lang = self.lang
        local = mixing.ei_indices(
            self.H, attributes=["sector"], n_permutations=N_PERMUTATIONS, seed=self.seed
        )
        region = mixing.ei_indices(
            self.G, attributes=["sector"], n_permutations=N_PERMUTATIONS, seed=self.seed
        )
        region_by = region.set_index("group")
        local_all = local[local["group"] == mixing.ALL_GROUPS].iloc[0]
        region_all = region_by.loc[mixing.ALL_GROUPS]

        def share(row: Any) -> float:
            total = row["internal_ties"] + row["external_ties"]
            return row["external_ties"] / total if total else math.nan

        out: list[Any] = [
            Para(
                self.say(
                    "report.mixing.summary",
                    share=Fig(
                        _pct(share(local_all), lang),
                        "mixing.cross_sector_share",
                        share(local_all),
                    ),
                    ei=_signed(local_all["ei_index"], lang),
                    expected=_signed(local_all["ei_expected"], lang),
                    region_share=_pct(share(region_all), lang),
                    region_ei=_signed(region_all["ei_index"], lang),
                )
            )
        ]
        a, b = local_all["ei_index"], region_all["ei_index"]
        if not (_missing(a) or _missing(b)):
            key = (
                "report.mixing.same_open"
                if abs(a - b) < 0.05
                else "report.mixing.more_open"
                if a > b
                else "report.mixing.less_open"
            )
            out.append(Para([Strong(self.tr(key))]))
        rows = []
        for row in local.itertuples(index=False):
            is_all = row.group == mixing.ALL_GROUPS
            label: list[Run] = (
                [Strong(self.tr("report.all_sectors"))] if is_all else self.sector_runs(row.group)
            )
            reg = region_by["ei_index"].get(row.group, math.nan)
            rows.append(
                Row(
                    [
                        Cell(label, head=True),
                        Cell([_int(row.members, lang)], num=True),
                        Cell([_int(row.internal_ties, lang)], num=True),
                        Cell([_int(row.external_ties, lang)], num=True),
                        Cell(
                            [_signed(row.ei_index, lang)],
                            num=True,
                            figure=f"ei.{row.group}",
                            raw=row.ei_index,
                        ),
                        Cell([_signed(row.ei_expected, lang)], num=True),
                        Cell([_p_value(row.ei_p_value, lang)], num=True),
                        Cell(
                            [_signed(reg, lang)], num=True, figure=f"ei_region.{row.group}", raw=reg
                        ),
                        Cell(
                            [],
                            chart=EiBar(
                                row.ei_index,
                                row.ei_expected,
                                reg,
                                f"{plain(label[:1])}: E-I {_signed(row.ei_index, lang)}",
                            ),
                        ),
                    ],
                    style="total" if is_all else "",
                )
            )
        title = self.tr("report.ei.title")
        out.append(
            Block(
                [
                    Heading(title),
                    self.note("report.ei.explain", "explain", n=N_PERMUTATIONS, seed=self.seed),
                    Table(
                        self.headers(
                            "sector",
                            "count",
                            "internal",
                            "external",
                            "ei",
                            "expected",
                            "p",
                            "ei_region",
                            "chart",
                        ),
                        rows,
                        style="ei",
                        numeric=tuple(range(1, 8)),
                        keep=True,
                        legend=[
                            ("bar", self.tr("report.legend.scope")),
                            ("diamond", self.tr("report.legend.expected")),
                            ("tick", self.tr("report.legend.region")),
                        ],
                    ),
                ]
            )
        )
        out.append(self._mixing_matrix())
        return out

    def _mixing_matrix(self) -> Block:
        lang = self.lang
        head = Heading(self.tr("report.matrix.title"))
        if self.H.number_of_edges() == 0:
            return Block([head, self.note("report.matrix.no_ties", "note")])
        table = mixing.mixing_table(self.H, attribute="sector")
        sectors = sorted(
            set(table["group_a"]) | set(table["group_b"]),
            key=lambda x: (str(self.sector_names.get(x, x)), x),
        )
        hidden = 0
        if len(sectors) > MATRIX_MAX:
            # An A4 page holds about a dozen columns: keep the sectors with most structures.
            sizes = pd.Series([self.G.nodes[n].get("sector", "") for n in self.H]).value_counts()
            keep = set(sorted(sectors, key=lambda x: (-int(sizes.get(x, 0)), x))[:MATRIX_MAX])
            hidden = len(sectors) - MATRIX_MAX
            sectors = [x for x in sectors if x in keep]
        cells: dict[tuple[str, str], tuple[int, float]] = {}
        for row in table.itertuples(index=False):
            cells[row.group_a, row.group_b] = cells[row.group_b, row.group_a] = (
                int(row.observed),
                float(row.expected),
            )
        rows = []
        for i, a in enumerate(sectors, start=1):
            tds = [Cell([f"{i}.\u00a0", *self.sector_runs(a)], head=True)]
            for b in sectors:
                obs, exp = cells.get((a, b), (0, 0.0))
                tds.append(
                    Cell(
                        [str(obs), BREAK, f"({_dec(exp, lang, 1)})"],
                        figure=f"mix.{a}.{b}",
                        raw=obs,
                        heat=Heat(obs, exp),
                    )
                )
            rows.append(Row(tds))
        out = [
            head,
            self.note("report.matrix.explain", "explain"),
            Table(
                ["", *(str(i) for i in range(1, len(sectors) + 1))],
                rows,
                style="matrix",
                keep=True,
            ),
            RatioLegend(
                self.tr("report.matrix.fewer"),
                self.tr("report.matrix.as_expected"),
                self.tr("report.matrix.more"),
            ),
        ]
        if hidden:
            out.append(self.note("report.matrix.hidden", "more", n=hidden, shown=MATRIX_MAX))
        return Block(out)

    # 3. Gaps -----------------------------------------------------------------------
    def section_gaps(self) -> list[Any]:
        if self.empty:
            return [self.note("report.warn.no_structure", "note warn")]
        table = gaps.gaps(self.G, scope_type=self.scope.kind, scope=self.scope.id, lang=self.lang)
        out: list[Any] = [
            self.note("report.gaps.intro", "explain", min=2, ratio=_dec(0.25, self.lang))
        ]
        for gap_type in gaps.GAP_TYPES:
            rows = table[table["gap_type"] == gap_type]
            children: list[Any] = [
                Heading(
                    self.tr(f"report.gaps.{gap_type}"),
                    count=Fig(f"({_int(len(rows), self.lang)})", f"gaps.{gap_type}", len(rows)),
                )
            ]
            if rows.empty:
                children.append(self.note("report.gaps.none", "none"))
            else:
                shown = rows.head(MAX_ROWS)
                children.append(
                    Bullets(
                        [[str(r.detail)] for r in shown.itertuples(index=False)],
                        data=[
                            {"structure": str(r.structure)} for r in shown.itertuples(index=False)
                        ],
                    )
                )
                children.extend(self.more(len(rows), table="gaps"))
            out.append(Block(children, style="gap", data={"gap": gap_type}))
        return out

    # 4. Governance -----------------------------------------------------------------
    def section_governance(self) -> list[Any]:
        out: list[Any] = []
        table = governance.pole_governance(self.G, self.T)
        table = table[table["pole"].isin(self.scope.poles)]
        if table.empty:
            out.append(self.note("report.gov.no_pole", "note"))
        flags = governance.governance_flags(table, self.lang).set_index("pole")
        limits = governance.THRESHOLDS
        lang = self.lang
        for row in table.itertuples(index=False):
            figures = [
                ("members", _int(row.members, lang), None),
                ("internal_ties", _int(row.internal_ties, lang), None),
                ("top3_share", _pct(row.top3_share, lang), _pct(limits["top3_share"], lang)),
                (
                    "degree_centralisation",
                    _dec(row.degree_centralisation, lang),
                    _dec(limits["degree_centralisation"], lang),
                ),
                ("funders", _int(row.funders, lang), None),
                ("funding_hhi", _dec(row.funding_hhi, lang), _dec(limits["funding_hhi"], lang)),
            ]
            rows = []
            for key, value, threshold in figures:
                raw = getattr(row, key)
                above = threshold is not None and not _missing(raw) and raw > limits[key]
                rows.append(
                    Row(
                        [
                            Cell([self.tr(f"report.gov.{key}")], head=True),
                            Cell([value], num=True, figure=f"gov.{row.pole}.{key}", raw=raw),
                            Cell(
                                [
                                    f">\u00a0{threshold}"
                                    if threshold
                                    else self.tr("report.gov.no_threshold")
                                ],
                                num=True,
                            ),
                            Cell([self.tr(f"report.gov.{key}.means")]),
                        ],
                        style="above" if above else "",
                    )
                )
            children: list[Any] = [
                Heading(
                    self.tr(
                        "report.gov.pole_title",
                        name=self.pole_names.get(row.pole, row.pole),
                        status=t(f"report.status.{row.status}", lang) if row.status else "—",
                    )
                ),
                Table(
                    self.headers("figure", "value", "threshold", "meaning"),
                    rows,
                    style="governance",
                    numeric=(1, 2),
                    keep=True,
                ),
            ]
            if row.pole in flags.index:
                flag = flags.loc[row.pole]
                style = "verdict warn" if bool(flag["held_by_few"]) else "verdict ok"
                children.append(Para([Strong(str(flag["message"]))], style))
            out.append(Block(children))
        out.append(self._cut_points())
        out.append(self._funders())
        return out

    def _cut_points(self) -> Block:
        lang = self.lang
        head = [Heading(self.tr("report.cut.title")), self.note("report.cut.explain", "explain")]
        if self.empty:
            return Block([*head, self.note("report.cut.none", "none")])
        region = brokerage.structure_centrality(self.G, seed=self.seed)
        if region.attrs.get("betweenness_method") == "sampled":
            self.warnings.append(
                self.tr(
                    "report.warn.sampled",
                    k=region.attrs.get("betweenness_k"),
                    seed=self.seed,
                    limit=5000,
                )
            )
        local = brokerage.structure_centrality(self.H, seed=self.seed)
        local_cut = set(local.loc[local["articulation_point"], "id"])
        scope = set(self.scope.structures)
        region = region[region["id"].isin(scope)]
        chosen = region[region["articulation_point"] | region["id"].isin(local_cut)]
        chosen = chosen.sort_values(["betweenness", "id"], ascending=[False, True])
        if chosen.empty:
            return Block([*head, self.note("report.cut.none", "none")])
        yes, no = self.tr("report.yes"), self.tr("report.no")
        rows = []
        for row in chosen.head(MAX_ROWS).itertuples(index=False):
            sector = self.G.nodes[row.id].get("sector", "")
            rows.append(
                Row(
                    [
                        Cell([self.structure_name(row.id)], head=True),
                        Cell([self.sector(sector)]),
                        Cell([_int(row.degree, lang)], num=True),
                        Cell([_dec(row.betweenness, lang, 3)], num=True),
                        Cell(
                            [yes if row.articulation_point else no],
                            figure=f"cut_region.{row.id}",
                            raw=int(bool(row.articulation_point)),
                        ),
                        Cell([yes if row.id in local_cut else no]),
                    ],
                    data={"structure": str(row.id)},
                )
            )
        return Block(
            [
                *head,
                Table(
                    self.headers(
                        "structure", "sector", "ties", "betweenness", "cut_region", "cut_scope"
                    ),
                    rows,
                    style="cut",
                    numeric=(2, 3),
                ),
                *self.more(len(chosen), table="structures"),
            ],
            long=len(rows) > LONG_TABLE,
        )

    def _funders(self) -> Block:
        lang = self.lang
        threshold = _dec(governance.THRESHOLDS["funding_hhi"], lang)
        head = [
            Heading(self.tr("report.funders.title")),
            self.note("report.funders.explain", "explain", threshold=threshold),
        ]
        targets = set(self.scope.structures) | set(self.scope.poles)
        funded: dict[str, set[str]] = {}
        for u, v, kinds in self.T.edges(data="kinds", default=()):
            if "funding" not in (kinds or ()):
                continue
            for partner, target in ((u, v), (v, u)):
                if self.T.nodes[partner].get("type") == "partner" and target in targets:
                    funded.setdefault(partner, set()).add(target)
        if not funded:
            return Block([*head, self.note("report.funders.none", "none")])
        total = sum(len(x) for x in funded.values())
        kinds = dict(zip(self.net.partners["id"], self.net.partners["kind"], strict=True))
        rows = []
        for partner, targets_ in sorted(funded.items(), key=lambda kv: (-len(kv[1]), kv[0])):
            name = self.T.nodes[partner].get("name", "") or partner
            rows.append(
                Row(
                    [
                        Cell([str(name)], head=True),
                        Cell([self.partner_kind(kinds.get(partner, ""))]),
                        Cell(
                            [_int(len(targets_), lang)],
                            num=True,
                            figure=f"funder.{partner}",
                            raw=len(targets_),
                        ),
                        Cell([_pct(len(targets_) / total, lang)], num=True),
                    ],
                    data={"partner": str(partner)},
                )
            )
        return Block(
            [
                *head,
                Table(
                    self.headers("partner", "kind", "funded", "share"),
                    rows,
                    style="funders",
                    numeric=(2, 3),
                    keep=True,
                ),
            ]
        )

    # 5. Opportunities --------------------------------------------------------------
    def section_opportunities(self) -> list[Any]:
        out: list[Any] = [self.note("report.opp.explain", "explain")]
        if self.empty:
            return [*out, self.note("report.opp.none", "none")]
        focus = {self.scope.kind: self.scope.id}
        both = opportunities.opportunities_in_rankings(
            self.G,
            self.T,
            k=N_OPPORTUNITIES,
            territory_coords=opportunities.territory_coords(self.net),
            gap_pairs=gaps.sector_pair_gaps(self.G, by="territory"),
            lang=self.lang,
            **focus,
        )
        blocks = []
        for ranking in opportunities.RANKINGS:  # probable, then strategic
            table = both[both["ranking"] == ranking].reset_index(drop=True)
            if not table.empty:
                blocks.append(self._opportunity_table(ranking, table))
        if not blocks:
            return [*out, self.note("report.opp.none", "none")]
        return out + blocks

    def _opportunity_table(self, ranking: str, table: pd.DataFrame) -> Block:
        rows = [
            Row(
                [
                    Cell([str(int(row.rank))], num=True),
                    Cell([str(row.source_name)]),
                    Cell([str(row.target_name)]),
                    Cell([_dec(row.score, self.lang)], num=True),
                    Cell([str(row.reasons)], small=True),
                ],
                data={"pair": f"{row.source}|{row.target}", "ranking": ranking},
            )
            for row in table.itertuples(index=False)
        ]
        return Block(
            [
                Heading(self.tr(f"report.opp.{ranking}")),
                Table(
                    self.headers("rank", "source", "target", "score", "reasons"),
                    rows,
                    style="opportunities",
                    numeric=(0, 3),
                ),
            ]
        )

    # 6. Needs and resources ----------------------------------------------------------
    def section_resources(self) -> list[Any]:
        """Needs and offers of the scope (the network's ``needs`` and ``offers``), the
        needs that meet an offer, and with a campaign its figures for the scope."""
        network_has = any(d.get("needs") or d.get("offers") for _, d in self.G.nodes(data=True))
        if not network_has and self.survey is None:
            return [self.note("report.res.no_data", "note")]
        out: list[Any] = [self.note("report.res.explain", "explain")]
        if not network_has:
            out.append(self.note("report.res.not_applied", "note"))
        else:
            out.append(self._needs_and_offers())
            out.append(self._resource_matches())
        if self.survey is not None:
            out.append(self._survey_figures(self.survey))
        return out

    def _needs_and_offers(self) -> Block:
        lang = self.lang
        ids = self.scope.structures
        with_any = sum(
            1
            for n in ids
            if n in self.G and (self.G.nodes[n]["needs"] or self.G.nodes[n]["offers"])
        )
        head = Heading(self.tr("report.res.by_resource"))
        if not with_any:
            return Block([head, self.note("report.res.scope_none", "none")])
        counts = opportunities.resource_counts(self.G, structures=ids, lang=lang)
        rows = []
        for code, group in counts.groupby("resource", sort=False):
            cells = [Cell([_capital(str(group["resource_label"].iloc[0]))], head=True)]
            for side in ("needs", "offers"):
                per_sector = group[group[side] > 0].sort_values(
                    [side, "sector"], ascending=[False, True]
                )
                total = int(group[side].sum())
                sectors: list[Run] = []
                for r in per_sector.itertuples(index=False):
                    n = int(getattr(r, side))
                    if sectors:
                        sectors.append(", ")
                    sectors.append(
                        Fig(
                            f"{self.sector(r.sector)} ({_int(n, lang)})",
                            f"res.{side}.{code}.{r.sector}",
                            n,
                        )
                    )
                    if r.sector in self.small_sectors:
                        sectors.append(Mark(self.tr("report.small_mark", limit=FEW_IN_SECTOR)))
                cells.append(
                    Cell([_int(total, lang)], num=True, figure=f"res.{side}.{code}", raw=total)
                )
                cells.append(Cell(sectors or ["—"], small=True))
            rows.append(Row(cells, data={"resource": str(code)}))
        who = self.tr("report.res.who", n=_int(with_any, lang), total=_int(len(ids), lang))
        return Block(
            [
                head,
                Para([Fig(who, "res.structures", with_any)]),
                self.note("report.res.by_resource.explain", "explain"),
                Table(
                    self.headers("resource", "needs", "sectors", "offers", "sectors"),
                    rows,
                    style="resources",
                    numeric=(1, 3),
                    keep=True,
                ),
            ]
        )

    def _resource_matches(self) -> Block:
        """The needs of the scope's structures that others offer, and the other way round
        (`opportunities.resource_matches`)."""
        table = opportunities.resource_matches(self.G, lang=self.lang)
        inside = set(self.scope.structures)
        table = table[table["needing"].isin(inside) | table["offering"].isin(inside)]
        shown = min(len(table), MAX_MATCHES)
        head = Heading(
            self.tr("report.res.matches"),
            count=Fig(f"({_int(len(table), self.lang)})", "res.matches", len(table)),
        )
        if table.empty:
            return Block([head, self.note("report.res.matches_none", "none")])
        rows = []
        for row in table.head(MAX_MATCHES).itertuples(index=False):
            state = "declared" if row.declared else ("tied" if row.tied else "free")
            rows.append(
                Row(
                    [
                        Cell([str(row.needing_name)]),
                        Cell([str(row.resource_label)]),
                        Cell([str(row.offering_name)]),
                        Cell([self.tr(f"report.match.{state}")]),
                    ],
                    data={"match": f"{row.needing}|{row.offering}|{row.resource}"},
                )
            )
        return Block(
            [
                head,
                self.note("report.res.matches.explain", "explain"),
                Table(
                    self.headers("needing", "resource", "offering", "match_state"),
                    rows,
                    style="matches",
                ),
                *self.more(len(table), MAX_MATCHES),
            ],
            long=shown > LONG_TABLE,
        )

    def _survey_figures(self, data: follow.CampaignData) -> Block:
        """The campaign's response rate in the scope (a warning under
        `LOW_RESPONSE_RATE`) and the pôle's functions as the scope's respondents rate them."""
        lang = self.lang
        local = follow.restrict(data, self.scope.structures)
        figures = follow.summary(local)
        invited, answered = int(figures["invited"]), int(figures["answered"])
        rate = figures["response_rate"]
        out: list[Any] = [Heading(self.tr("report.res.survey_title", name=data.campaign.name))]
        if not invited:
            out.append(self.note("report.res.not_invited", "note warn"))
            self.warnings.append(self.tr("report.res.not_invited"))
            return Block(out, style="survey")
        out.append(
            Para(
                self.say(
                    "report.res.rate",
                    answered=Fig(_int(answered, lang), "survey.answered", answered),
                    invited=Fig(_int(invited, lang), "survey.invited", invited),
                    rate=Fig(_pct(rate, lang), "survey.response_rate", rate),
                )
            )
        )
        if rate < LOW_RESPONSE_RATE:
            key = (
                "report.res.no_answer"
                if answered == 0
                else "report.res.low_rate_one"
                if answered == 1
                else "report.res.low_rate"
            )
            warning = self.tr(
                key,
                answered=_int(answered, lang),
                invited=_int(invited, lang),
                rate=_pct(rate, lang),
            )
            out.append(Para([warning], "note warn"))
            self.warnings.append(warning)
        # Open or closed on the report's date, so that a fixed `generated` fixes the page.
        if data.campaign.is_open(self.generated.date()):
            closes = data.campaign.closes
            out.append(
                self.note("report.res.open_until", "note", date=closes)
                if closes
                else self.note("report.res.open", "note")
            )
        ratings = follow.function_ratings(local, lang=lang)
        out.append(Heading(self.tr("report.res.functions"), level=4))
        if not int(ratings["ratings"].sum()):
            out.append(self.note("report.res.functions_none", "none"))
            return Block(out, style="survey")
        out.append(self.note("report.res.functions.explain", "explain"))
        rows = []
        for rank, row in enumerate(ratings.itertuples(index=False), start=1):
            rated = int(row.ratings) > 0
            rows.append(
                Row(
                    [
                        Cell([_int(rank, lang) if rated else "—"], num=True),
                        Cell([_capital(str(row.label))], head=True),
                        Cell([_int(row.ratings, lang)], num=True),
                        Cell(
                            [_dec(row.mean, lang, 1)],
                            num=True,
                            figure=f"function.{row.function}",
                            raw=row.mean,
                        ),
                        Cell([_pct(row.useful_share, lang)], num=True),
                    ],
                    data={"function": str(row.function)},
                )
            )
        out.append(
            Table(
                self.headers("rank", "function", "ratings", "mean_rating", "useful_share"),
                rows,
                style="functions",
                numeric=(0, 2, 3, 4),
                keep=True,
            )
        )
        return Block(out, style="survey")

    # 7. Over time --------------------------------------------------------------------
    def _growth(self) -> list[Any]:
        """The pays' ties year by year from the links' own years, beside the region's,
        and, where its pôle has a creation year, the before/after comparison
        (`ess_graph.analysis.timeline`)."""
        from ess_graph.analysis.timeline import pole_creation_effects, timeline

        lang = self.lang
        territory = self.scope.territory
        years = timeline(self.G)
        if not territory:
            return [self.note("report.growth.no_territory", "note")]
        if years.empty:
            return [self.note("report.growth.none", "note")]
        region = years[years["scope_type"] == "region"].set_index("year")
        mine = years[(years["scope_type"] == "territory") & (years["scope"] == territory)]
        mine = mine.set_index("year")
        started = mine.index[mine["ties"] > 0]
        out: list[Any] = [
            self.note("report.growth.explain", "explain", name=self.scope.territory_name)
        ]
        if len(started):
            rows = []
            for year in range(int(started.min()), int(mine.index.max()) + 1):
                r, g = mine.loc[year], region.loc[year]
                rows.append(
                    Row(
                        [
                            Cell([str(year)], head=True),
                            Cell(
                                [_int(r["ties_formed"], lang)],
                                num=True,
                                figure=f"growth.{year}.formed",
                                raw=int(r["ties_formed"]),
                            ),
                            Cell(
                                [_int(r["ties"], lang)],
                                num=True,
                                figure=f"growth.{year}.ties",
                                raw=int(r["ties"]),
                            ),
                            Cell(
                                [_pct(r["cross_sector_share"], lang)],
                                num=True,
                                figure=f"growth.{year}.share",
                                raw=r["cross_sector_share"],
                            ),
                            Cell(
                                [_pct(g["cross_sector_share"], lang)],
                                num=True,
                                figure=f"growth.{year}.region_share",
                                raw=g["cross_sector_share"],
                            ),
                        ]
                    )
                )
            out.append(
                Table(
                    [
                        self.tr(f"report.growth.{k}")
                        for k in ("year", "formed", "ties", "share", "region_share")
                    ],
                    rows,
                    style="figures",
                    numeric=(1, 2, 3, 4),
                )
            )
        effects = pole_creation_effects(self.G)
        effects = effects[(effects["territory"] == territory) & (effects["pole"] != "__all__")]
        for r in effects.itertuples(index=False):
            known = dict(
                pole=self.G.graph.get("poles", {}).get(r.pole, {}).get("name", r.pole),
                year=r.created,
                years_before=r.years_before,
                years_after=r.years_after,
            )
            if r.difference != r.difference:  # the links' years do not cover its windows
                out.append(self.note("report.growth.uncovered", "", **known))
                continue
            out.append(
                self.note(
                    "report.growth.effect",
                    "",
                    **known,
                    before=_dec(r.rate_before, lang, 1),
                    after=_dec(r.rate_after, lang, 1),
                    control_before=_dec(r.control_rate_before, lang, 1),
                    control_after=_dec(r.control_rate_after, lang, 1),
                    difference=_dec(r.difference, lang, 1),
                    low=_dec(r.placebo_low, lang, 1),
                    high=_dec(r.placebo_high, lang, 1),
                )
            )
        if len(effects):
            out.append(self.note("report.growth.warning", "note"))
        return out

    def section_changes(self) -> list[Any]:
        growth = self._growth()
        if self.compare is None:
            return [*growth, self.note("report.changes.none", "note")]
        lang = self.lang
        diff = network_diff(self.compare, self.net)
        scoped = filter_diff(diff, **{self.scope.kind: self.scope.id})
        out: list[Any] = [
            *growth,
            Heading(self.tr("report.changes.compare_title")),
            self.note("report.changes.against", "", source=_source_name(self.compare.source)),
        ]
        counts = [
            (name, len(scoped[name]))
            for name in (
                "ties_gained",
                "ties_lost",
                "structures_joined",
                "structures_left",
                "structures_moved",
            )
        ]
        out.append(
            Table(
                self.headers("figure", "count"),
                [
                    Row(
                        [
                            Cell([self.tr(f"report.changes.{name}")], head=True),
                            Cell([_int(n, lang)], num=True, figure=f"changes.{name}", raw=n),
                        ]
                    )
                    for name, n in counts
                ],
                style="figures",
                numeric=(1,),
                keep=True,
            )
        )
        if not any(n for _, n in counts):
            out.append(self.note("report.changes.nothing", "none"))
            return out

        def listing(name: str, frame: pd.DataFrame, headers: list[str], rows: list[Row]) -> Block:
            return Block(
                [
                    Heading(self.tr(f"report.changes.{name}")),
                    Table(headers, rows, style="ties" if name.startswith("ties") else ""),
                    *self.more(len(frame)),
                ],
                long=min(len(frame), MAX_ROWS) > LONG_TABLE,
            )

        for name in ("ties_gained", "ties_lost"):
            frame = scoped[name]
            if frame.empty:
                continue
            rows = [
                Row(
                    [
                        Cell([str(r.u_name or r.u)]),
                        Cell([self.sector(r.u_sector)]),
                        Cell([str(r.v_name or r.v)]),
                        Cell([self.sector(r.v_sector)]),
                        Cell([self.link_kinds(r.kinds)]),
                    ],
                    data={"tie": f"{r.u}|{r.v}"},
                )
                for r in frame.head(MAX_ROWS).itertuples(index=False)
            ]
            headers = self.headers("first", "sector", "second", "sector", "kinds")
            out.append(listing(name, frame, headers, rows))
        for name in ("structures_joined", "structures_left"):
            frame = scoped[name]
            if frame.empty:
                continue
            rows = [
                Row(
                    [
                        Cell([str(r.name or r.id)]),
                        Cell([self.sector(r.sector)]),
                        Cell([self.pole_label(r.pole)]),
                    ],
                    data={"structure": str(r.id)},
                )
                for r in frame.head(MAX_ROWS).itertuples(index=False)
            ]
            out.append(listing(name, frame, self.headers("structure", "sector", "pole"), rows))
        moved = scoped["structures_moved"]
        if not moved.empty:
            names = self.net.territory_names()

            def change(before: str, after: str, label: Any) -> str:
                return label(after) if before == after else f"{label(before)} → {label(after)}"

            def pays(x: str) -> str:
                return str(names.get(x, x)) if x else "—"

            rows = [
                Row(
                    [
                        Cell([str(r.name or r.id)]),
                        Cell([change(r.old_pole, r.new_pole, self.pole_label)]),
                        Cell([change(r.old_territory, r.new_territory, pays)]),
                        Cell([change(r.old_sector, r.new_sector, self.sector)]),
                    ],
                    data={"structure": str(r.id)},
                )
                for r in moved.head(MAX_ROWS).itertuples(index=False)
            ]
            headers = self.headers("structure", "pole", "territory_name", "sector")
            out.append(listing("structures_moved", moved, headers, rows))
        for by, label in (("pole", self.pole_label), ("sector", self.sector)):
            frame = scoped[f"by_{by}"]
            if frame.empty:
                continue
            rows = [
                Row(
                    [
                        Cell([label(getattr(r, by))], head=True),
                        *(
                            Cell([_int(getattr(r, c), lang)], num=True)
                            for c in ("ties_gained", "ties_lost", "joined", "left")
                        ),
                    ]
                )
                for r in frame.itertuples(index=False)
            ]
            out.append(
                Block(
                    [
                        Heading(self.tr(f"report.changes.by_{by}")),
                        Table(
                            [
                                self.tr(f"report.col.{by}"),
                                self.tr("report.changes.ties_gained"),
                                self.tr("report.changes.ties_lost"),
                                self.tr("report.col.joined"),
                                self.tr("report.col.left"),
                            ],
                            rows,
                            numeric=(1, 2, 3, 4),
                            keep=True,
                        ),
                    ]
                )
            )
        return out

    # 8. Method and data --------------------------------------------------------------
    def section_method(self) -> list[Any]:
        lang = self.lang
        hashes = file_hashes(self.net)
        source = Path(self.net.source) if self.net.source else None
        if not hashes and source is not None and source.is_file():
            # A workbook: `file_hashes` only knows its sheets (meta["files"] names them).
            hashes = {source.name: hashlib.sha256(source.read_bytes()).hexdigest()}
        files: list[Run] = []
        for name, digest in hashes.items():
            if files:
                files.append(BREAK)
            files.extend([f"{name}: ", Code(digest)])
        if not files:
            files = [self.tr("report.method.no_files")]
        errors = sum(1 for p in self.net.problems if p.severity == "error")
        if self.net.problems:
            self.warnings.append(
                self.tr(
                    "report.warn.problems", errors=errors, warnings=len(self.net.problems) - errors
                )
            )
        if self.small_sectors:
            self.warnings.append(
                self.tr(
                    "report.warn.small_sectors",
                    limit=FEW_IN_SECTOR,
                    sectors=", ".join(
                        str(self.sector_names.get(s, s)) for s in sorted(self.small_sectors)
                    ),
                )
            )
        option = "--territory" if self.scope.kind == "territory" else "--pole"
        command = (
            f"ess-graph report {shlex.quote(_source_name(self.net.source, 'PATH'))} {option} "
            f"{self.scope.id}"
            + (
                f" --compare {shlex.quote(_source_name(self.compare.source, 'PATH'))}"
                if self.compare is not None
                else ""
            )
            + (
                f" --survey {shlex.quote(self.survey.campaign.name)}"
                if self.survey is not None
                else ""
            )
            + f" --lang {lang} --out report.html"
        )
        rows: list[tuple[str, list[Run]]] = [
            ("source", [_source_name(self.net.source)]),
            ("files", files),
            ("date", [self.generated.strftime("%Y-%m-%d %H:%M %Z").strip()]),
            ("version", [__version__]),
            ("seed", [str(self.seed)]),
            ("links", [self.tr("report.method.links_value")]),
            ("codebook", [self.tr("report.method.codebook_value")]),
            ("computations", [self.tr("report.method.computations_value")]),
        ]
        if self.compare is not None:
            rows.append(("compare", [_source_name(self.compare.source)]))
        if self.survey is not None:
            campaign = self.survey.campaign
            rows.append(
                (
                    "survey",
                    [
                        self.tr(
                            "report.method.survey_value",
                            name=campaign.name,
                            opened=campaign.opened_at[:10],
                        )
                    ],
                )
            )
        warnings = []
        if self.net.is_demo:
            warnings.append(self.tr("report.demo_banner"))
        warnings.extend(self.warnings)
        if not warnings:
            warnings.append(self.tr("report.warn.none"))
        return [
            Table(
                ["", ""],
                [
                    Row([Cell([self.tr(f"report.method.{key}")], head=True), Cell(value)])
                    for key, value in rows
                ],
                style="method",
                keep=True,
            ),
            Heading(self.tr("report.method.warnings")),
            Bullets([[w] for w in dict.fromkeys(warnings)], "warnings"),
            self.note("report.method.reproduce", "explain", command=command),
        ]


def report_content(
    net: Network,
    *,
    territory: str | None = None,
    pole: str | None = None,
    compare: Network | None = None,
    survey: follow.CampaignData | None = None,
    lang: str = "fr",
    seed: int = 2009,
    generated: dt.datetime | None = None,
) -> ReportContent:
    """What the territorial diagnostic of one pays or one pôle says, computed once.

    Parameters
    ----------
    net : Network
        The network, as from `ess_graph.io.read.read_network` (not modified).
    territory, pole : str
        Exactly one of them: a territory id (territories table) or a pôle id (pôles
        table). The scope of the report is the territory's structures, or the pôle's
        members (beside its pays and the region).
    compare : Network, optional
        An earlier version of the network; section 7 then lists what changed
        (`ess_graph.analysis.changes.network_diff`).
    survey : CampaignData, optional
        A partnership survey campaign, as read by `ess_graph.survey.follow.campaign_data`
        (the report never opens the workspace: the campaign is read before). Section 6
        then gives its response rate among the scope's invited structures, with a
        warning under 50 %, and the pôle's five functions as rated by the scope's
        respondents (`follow.restrict`, `follow.summary`, `follow.function_ratings`).
        The needs and offers of section 6 come from the network itself (its structures'
        ``needs`` and ``offers``, filled when a campaign is applied), with or without it.
    lang : {"fr", "en"}, default "fr"
    seed : int, default 2009
        Seed of the E-I permutation tests and of sampled betweenness.
    generated : datetime, optional
        Date printed on the report (default: now, UTC); fix it for identical output.

    Returns
    -------
    ReportContent
        Plain texts and figures (`ess_graph.report.model`), for `render_html` and
        `render_docx`.

    Raises
    ------
    ReportScopeError
        Unknown territory or pôle id (its ``valid`` lists the known ids), or not exactly
        one of ``territory`` and ``pole``.
    ValueError
        Unknown ``lang``.
    """
    if lang not in LANGS:
        raise ValueError(t("report.error.lang", "en", value=lang))
    scope = _resolve_scope(net, territory, pole)
    when = generated or dt.datetime.now(dt.UTC)
    return _Builder(net, scope, lang, seed, compare, when, survey=survey).content()
