"""The territorial diagnostic report: its figures against the metrics tables, safety, i18n.

Expected values come from `ess_graph.metrics.compute_metrics` (the researchers' tables)
and from plain pandas counts on the demo's structures and ties tables; the report's
numbers are read from the ``data-figure`` / ``data-value`` attributes of its cells.
"""

from __future__ import annotations

import copy
import datetime as dt
import re
import sys
from html import escape
from html.parser import HTMLParser
from pathlib import Path

import pandas as pd
import pytest
from click.testing import CliRunner

sys.path.insert(0, str(Path(__file__).parent))  # tests/hostile.py, whatever pytest's import mode
from hostile import HOSTILE, hostile_network, replaced

from ess_graph.analysis import gaps, opportunities
from ess_graph.cli import main
from ess_graph.i18n import t
from ess_graph.io.read import read_network
from ess_graph.metrics import MetricsParameters, compute_metrics
from ess_graph.network import cooperation_graph, ties_frame, typed_graph
from ess_graph.report import (
    CSP,
    FEW_STRUCTURES,
    SECTION_KEYS,
    ReportScopeError,
    scope_ids,
    territorial_report,
)
from ess_graph.safe_text import UNWRITABLE

DEMO = Path(__file__).resolve().parent.parent / "data" / "demo"
WHEN = dt.datetime(2026, 1, 15, 10, 0, tzinfo=dt.UTC)


class _Cells(HTMLParser):
    """Collects data-figure values, opportunity pairs, tie rows and section ids in order."""

    def __init__(self) -> None:
        super().__init__()
        self.figures: dict[str, str] = {}
        self.pairs: list[str] = []
        self.ties: list[str] = []
        self.sections: list[str] = []
        self.tags: set[str] = set()
        self.attrs: list[tuple[str, str]] = []

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        self.tags.add(tag)
        self.attrs.extend((k, v or "") for k, v in attrs)
        if "data-figure" in a:
            self.figures[a["data-figure"]] = a.get("data-value", "")
        if "data-pair" in a:
            self.pairs.append(a["data-pair"])
        if "data-tie" in a:
            self.ties.append(a["data-tie"])
        if tag == "section":
            self.sections.append(a.get("id", ""))


def _parse(html: str) -> _Cells:
    parser = _Cells()
    parser.feed(html)
    return parser


def _num(cells: _Cells, key: str) -> float:
    return float(cells.figures[key])


@pytest.fixture(scope="module")
def demo():
    return read_network(DEMO)


@pytest.fixture(scope="module")
def metrics(demo):
    # Permutations are not needed for the counts compared here.
    return compute_metrics(demo, MetricsParameters(n_permutations=0))


@pytest.fixture(scope="module")
def ties(demo):
    """Ties with the sector and territory of both ends (plain pandas joins)."""
    frame = ties_frame(demo)
    s = demo.structures.set_index("id")
    for end in ("u", "v"):
        frame[f"{end}_territory"] = s.loc[frame[end], "territory"].to_numpy()
        frame[f"{end}_sector"] = s.loc[frame[end], "sector"].to_numpy()
    return frame


@pytest.fixture(scope="module")
def graphs(demo):
    return cooperation_graph(demo), typed_graph(demo)


def _report(net, **kwargs):
    return territorial_report(net, generated=WHEN, **kwargs)


# Figures of every territory --------------------------------------------------------
# Every pays of the demo; all but Brest (29 structures) and Auray (no structure) carry the
# slow marker: together they take tens of seconds.
@pytest.mark.parametrize(
    "territory",
    [
        pytest.param(tid, marks=() if tid in ("brest", "auray") else pytest.mark.slow)
        for tid in scope_ids(read_network(DEMO))["territory"]
    ],
)
def test_every_territory_figures_match_metrics(territory, demo, metrics, ties, graphs):
    html = _report(demo, territory=territory)
    cells = _parse(html)
    assert cells.sections == list(SECTION_KEYS)
    table = metrics.tables["structures"]
    mine = table[table["territory"] == territory]
    ids = set(mine["id"])

    # 1. key figures against the metrics structures table and the ties table
    assert _num(cells, "scope.structures") == len(mine)
    assert _num(cells, "scope.isolates") == int((mine["degree"] == 0).sum())
    inside = ties[(ties["u_territory"] == territory) & (ties["v_territory"] == territory)]
    one_end = ties[(ties["u_territory"] == territory) != (ties["v_territory"] == territory)]
    assert _num(cells, "scope.ties_inside") == len(inside)
    assert _num(cells, "scope.ties_outside") == len(one_end)
    network = metrics.tables["network"].iloc[0]
    assert _num(cells, "region.structures") == network["structures"]
    assert _num(cells, "region.ties_inside") == network["ties"]
    assert _num(cells, "region.isolates") == network["isolates"]
    # E-I = (E - I)/(E + I), so the cross-sector share E/(E + I) is (1 + E-I)/2.
    assert _num(cells, "region.cross_sector_share") == pytest.approx(
        (1 + network["ei_index_sector"]) / 2
    )
    for family, count in mine["family"].value_counts().items():
        assert _num(cells, f"family.{family}") == count
    for sector, count in mine["sector"].value_counts().items():
        assert _num(cells, f"sector.{sector}") == count

    if not ids:
        assert t("report.warn.no_structure", "fr") in html
        return

    # 2. cross-sector share and E-I of the territory, counted from the ties table
    cross = int((inside["u_sector"] != inside["v_sector"]).sum())
    if len(inside):
        assert _num(cells, "scope.cross_sector_share") == pytest.approx(cross / len(inside))
        ei = (cross - (len(inside) - cross)) / len(inside)
        assert _num(cells, "ei.__all__") == pytest.approx(ei)
    assert _num(cells, "ei_region.__all__") == pytest.approx(network["ei_index_sector"])
    for (a, b), n in (
        inside.assign(
            a=inside[["u_sector", "v_sector"]].min(axis=1),
            b=inside[["u_sector", "v_sector"]].max(axis=1),
        )
        .groupby(["a", "b"])
        .size()
        .items()
    ):
        assert _num(cells, f"mix.{a}.{b}") == n
        assert _num(cells, f"mix.{b}.{a}") == n

    # 3. gap counts against the metrics gaps table (all scopes, French)
    all_gaps = metrics.tables["gaps"]
    poles_here = demo.poles.loc[demo.poles["territory"] == territory, "id"].tolist()
    here = all_gaps[
        ((all_gaps["scope_type"] == "territory") & (all_gaps["scope"] == territory))
        | (
            (all_gaps["scope_type"] == "pole")
            & all_gaps["scope"].isin(poles_here)
            & all_gaps["gap_type"].isin(["sector_absent_from_pole", "member_without_member_tie"])
        )
    ]
    for gap_type in gaps.GAP_TYPES:
        assert _num(cells, f"gaps.{gap_type}") == int((here["gap_type"] == gap_type).sum()), (
            gap_type
        )

    # 4. governance figures against the metrics poles table
    poles = metrics.tables["poles"].set_index("pole")
    for pid in poles_here:
        assert _num(cells, f"gov.{pid}.members") == poles.loc[pid, "members"]
        assert _num(cells, f"gov.{pid}.internal_ties") == poles.loc[pid, "internal_ties"]
        for key in ("top3_share", "degree_centralisation", "funding_hhi"):
            expected = poles.loc[pid, key]
            shown = cells.figures[f"gov.{pid}.{key}"]
            if pd.isna(expected):
                assert shown == ""
            else:
                assert float(shown) == pytest.approx(expected)
        # The pôle's members among the territory's structures.
        assert _num(cells, f"members.{pid}") == int((mine["pole"] == pid).sum())
    cut = {k.split(".", 1)[1] for k, v in cells.figures.items() if k.startswith("cut_region.")}
    cut_yes = {c for c in cut if cells.figures[f"cut_region.{c}"] == "1"}
    assert cut_yes == set(mine.loc[mine["articulation_point"], "id"])

    # 5. the opportunities shown are the top 10 of opportunities(...)
    G, T = graphs
    top = opportunities.opportunities(
        G,
        T,
        territory=territory,
        k=10,
        territory_coords=opportunities.territory_coords(demo),
        gap_pairs=gaps.sector_pair_gaps(G, by="territory"),
    )
    assert cells.pairs == [f"{s}|{d}" for s, d in zip(top["source"], top["target"], strict=True)]
    assert all(p.split("|")[0] in ids for p in cells.pairs)


def test_pole_report_figures(demo, metrics):
    poles = metrics.tables["poles"].set_index("pole")
    table = metrics.tables["structures"]
    for pid in ("adess_brest", "pole_fougeres"):
        cells = _parse(_report(demo, pole=pid))
        members = table[table["pole"] == pid]
        assert _num(cells, "scope.structures") == len(members) == poles.loc[pid, "members"]
        assert _num(cells, "scope.isolates") == int((members["degree"] == 0).sum())
        terr = poles.loc[pid, "territory"]
        assert _num(cells, "territory.structures") == int((table["territory"] == terr).sum())
        assert _num(cells, f"members.{pid}") == len(members)
        assert _num(cells, f"gov.{pid}.members") == poles.loc[pid, "members"]


def test_few_structures_warning(demo):
    # pole_fougeres has 3 members in the demo (poles.csv / structures.csv), fewer than 5.
    assert int((demo.structures["pole"] == "pole_fougeres").sum()) < FEW_STRUCTURES
    html = _report(demo, pole="pole_fougeres")
    assert t("report.warn.few_structures", "fr", n=3, limit=FEW_STRUCTURES) in html
    big = _report(demo, territory="rennes")  # 35 structures
    assert "reposent sur très peu de structures" not in big


def test_demo_warning_and_method(demo):
    html = _report(demo, territory="brest")
    assert html.count(t("report.demo_banner", "fr").split(" :")[0]) >= 2  # banner + section 7
    assert "docs/METRICS.md" in html
    assert "2026-01-15" in html
    from ess_graph import __version__
    from ess_graph.metrics import file_hashes

    assert __version__ in html
    for digest in file_hashes(demo).values():
        assert digest in html
    real = copy.copy(demo)
    real.is_demo = False
    assert t("report.demo_banner", "fr") not in _report(real, territory="brest")


def test_workbook_hash_in_method(demo, tmp_path):
    import hashlib

    from ess_graph.io.write import write_network

    book = tmp_path / "reseau.xlsx"
    write_network(demo, book, format="xlsx")
    html = _report(read_network(book), territory="brest")
    assert hashlib.sha256(book.read_bytes()).hexdigest() in html


# Safety --------------------------------------------------------------------------------
def test_no_external_request_possible(demo):
    html = _report(demo, territory="brest")
    assert f'content="{CSP}"' in html
    cells = _parse(html)
    assert not cells.tags & {"script", "link", "img", "iframe", "object", "embed", "base"}
    for name, value in cells.attrs:
        assert name != "src" and not name.startswith("on"), name
        if name == "href":
            assert value.startswith("#"), value
    assert not re.search(r"(?i)(https?:|ftp:|//[a-z0-9.-]+\.[a-z]|url\()", html)


PAYLOAD = '<script>alert("x")</script>"><img src=x onerror=alert(1)>'


def test_names_from_the_data_are_escaped(demo):
    net = copy.deepcopy(demo)
    s = net.structures
    brest = s.index[s["territory"] == "brest"]
    s.loc[brest, "name"] = [f"{PAYLOAD} {i}" for i in range(len(brest))]
    net.territories.loc[net.territories["id"] == "brest", "name"] = PAYLOAD
    net.poles.loc[net.poles["id"] == "adess_brest", "name"] = PAYLOAD
    net.sectors["name"] = PAYLOAD + net.sectors["id"]
    net.partners["name"] = PAYLOAD
    net.source = PAYLOAD
    for kwargs in ({"territory": "brest"}, {"pole": "adess_brest"}):
        html = _report(net, **kwargs, compare=demo)
        assert "<script" not in html.lower()
        assert "<img" not in html.lower()
        assert "&lt;script&gt;" in html
        cells = _parse(html)
        assert not any(name.startswith("on") for name, _ in cells.attrs)


# Languages -----------------------------------------------------------------------------
def test_english_report_has_no_french_titles(demo):
    en = _report(demo, territory="brest", lang="en")
    fr = _report(demo, territory="brest", lang="fr")
    assert '<html lang="en">' in en
    for key in (*(f"report.section.{k}" for k in SECTION_KEYS), "report.title"):
        french, english = t(key, "fr"), t(key, "en")
        assert french != english, key
        assert french not in en, key
        assert english in en and french in fr, key
    # Worded reasons of the opportunities follow the language too.
    G, T = cooperation_graph(demo), typed_graph(demo)
    top = opportunities.opportunities(
        G,
        T,
        territory="brest",
        k=10,
        territory_coords=opportunities.territory_coords(demo),
        gap_pairs=gaps.sector_pair_gaps(G, by="territory"),
    )
    for english, french in zip(top["reasons_en"], top["reasons_fr"], strict=True):
        assert escape(english) in en and escape(english) not in fr
        assert escape(french) in fr and escape(french) not in en
    assert _parse(en).figures == _parse(fr).figures  # same numbers in both languages


def test_mixing_table_keeps_the_largest_sectors(demo):
    # Brest's 29 structures spread over 15 made-up sectors: s00 gets 15 structures, the
    # others one each, so 3 of the 14 one-structure sectors cannot be shown (12 at most).
    net = copy.deepcopy(demo)
    s = net.structures
    brest = s.index[s["territory"] == "brest"]
    assert len(brest) == 29  # structures.csv of the demo
    s.loc[brest, "sector"] = ["s00"] * 15 + [f"s{i:02d}" for i in range(1, 15)]
    assert s.loc[brest, "sector"].nunique() == 15
    cells = _parse(_report(net, territory="brest"))
    rows = {k.split(".")[1] for k in cells.figures if k.startswith("mix.")}
    assert len(rows) == 12 and "s00" in rows
    assert t("report.matrix.hidden", "fr", n=3, shown=12) in _report(net, territory="brest")


class _Balance(HTMLParser):
    """Checks that every element is closed in order (void and self-closed SVG excepted)."""

    VOID = frozenset({"meta", "br", "hr", "img", "input", "link", "wbr"})

    def __init__(self) -> None:
        super().__init__()
        self.stack: list[str] = []
        self.errors: list[tuple] = []

    def handle_starttag(self, tag, attrs):
        if tag not in self.VOID:
            self.stack.append(tag)

    def handle_endtag(self, tag):
        if self.stack and self.stack[-1] == tag:
            self.stack.pop()
        else:
            self.errors.append((tag, self.stack[-3:], self.getpos()))


@pytest.mark.parametrize("scope", [{"territory": "brest"}, {"pole": "adess_morlaix"}])
def test_elements_are_balanced(demo, scope):
    # An earlier network with fewer links and structures, one of them in another pôle,
    # so that every table of section 6 is drawn.
    old = copy.deepcopy(demo)
    old.links = old.links.iloc[::2].reset_index(drop=True)
    members = old.structures.index[old.structures["pole"].isin(["adess_brest", "adess_morlaix"])]
    old.structures.loc[members[:4], "pole"] = ""
    old.structures = old.structures.drop(index=members[4:8]).reset_index(drop=True)
    html = _report(demo, compare=old, **scope)
    assert 'data-tie="' in html and 'data-structure="' in html
    checker = _Balance()
    checker.feed(html)
    assert checker.errors == [] and checker.stack == []


def test_same_input_same_output(demo):
    assert _report(demo, territory="lorient") == _report(demo, territory="lorient")


@pytest.mark.slow
def test_same_output_whatever_the_hash_seed():
    # Python randomises str hashes per process: a set's order must not reach the
    # seeded permutation test (its p-values depend on the node order).
    import subprocess
    import sys

    code = (
        "import datetime as dt, hashlib\n"
        "from ess_graph.io.read import read_network\n"
        "from ess_graph.report import territorial_report\n"
        f"html = territorial_report(read_network({str(DEMO)!r}), territory='brest',\n"
        "    generated=dt.datetime(2026, 1, 15, tzinfo=dt.UTC))\n"
        "print(hashlib.sha256(html.encode()).hexdigest())\n"
    )
    digests = {
        subprocess.run(
            [sys.executable, "-c", code],
            capture_output=True,
            text=True,
            check=True,
            env={**__import__("os").environ, "PYTHONHASHSEED": seed},
        ).stdout.strip()
        for seed in ("1", "2", "3")
    }
    assert len(digests) == 1


# Compare -------------------------------------------------------------------------------
def test_compare_lists_a_removed_tie(demo, ties):
    inside = ties[(ties["u_territory"] == "brest") & (ties["v_territory"] == "brest")]
    u, v = inside.iloc[0][["u", "v"]]
    new = copy.deepcopy(demo)
    links = new.links
    between = ((links["source"] == u) & (links["target"] == v)) | (
        (links["source"] == v) & (links["target"] == u)
    )
    assert between.any()
    new.links = links[~between].reset_index(drop=True)
    html = _report(new, territory="brest", compare=demo)
    cells = _parse(html)
    assert f"{u}|{v}" in cells.ties
    assert _num(cells, "changes.ties_lost") == 1
    assert _num(cells, "changes.ties_gained") == 0
    # The other way round, the same tie is gained.
    back = _parse(_report(demo, territory="brest", compare=new))
    assert _num(back, "changes.ties_gained") == 1 and f"{u}|{v}" in back.ties
    # Without compare the section says how to get it.
    assert t("report.changes.none", "fr").split(".")[0] in _report(demo, territory="brest")


# Errors and CLI ----------------------------------------------------------------------------
def test_scope_errors(demo):
    with pytest.raises(ReportScopeError) as info:
        territorial_report(demo, territory="atlantis")
    assert "brest" in info.value.valid and "brest" in info.value.message("fr")
    with pytest.raises(ReportScopeError):
        territorial_report(demo, pole="nope")
    with pytest.raises(ReportScopeError):
        territorial_report(demo)
    with pytest.raises(ReportScopeError):
        territorial_report(demo, territory="brest", pole="adess_brest")
    with pytest.raises(ValueError):
        territorial_report(demo, territory="brest", lang="de")


def test_cli_writes_the_report(tmp_path):
    out = tmp_path / "brest.html"
    result = CliRunner().invoke(
        main, ["report", str(DEMO), "--territory", "brest", "--out", str(out), "--lang", "en"]
    )
    assert result.exit_code == 0, result.output
    html = out.read_text(encoding="utf-8")
    assert html.startswith("<!DOCTYPE html>") and "Brest" in html
    assert '<html lang="en">' in html


def test_cli_compare_and_pole(tmp_path):
    out = tmp_path / "pole.html"
    result = CliRunner().invoke(
        main,
        ["report", str(DEMO), "--pole", "adess_brest", "--compare", str(DEMO), "--out", str(out)],
    )
    assert result.exit_code == 0, result.output
    cells = _parse(out.read_text(encoding="utf-8"))
    assert _num(cells, "changes.ties_gained") == 0 and _num(cells, "changes.ties_lost") == 0


@pytest.mark.parametrize(
    ("args", "needle"),
    [
        (["--territory", "atlantis"], "vallons_de_vilaine"),
        (["--pole", "nope"], "adess_brest"),
        ([], "--territory"),
        (["--territory", "brest", "--pole", "adess_brest"], "--pole"),
    ],
)
def test_cli_usage_errors(tmp_path, args, needle):
    out = tmp_path / "x.html"
    result = CliRunner().invoke(main, ["report", str(DEMO), *args, "--out", str(out)])
    assert result.exit_code == 2
    assert needle in result.output
    assert not out.exists()


def test_cli_unreadable_compare(tmp_path):
    result = CliRunner().invoke(
        main,
        [
            "report",
            str(DEMO),
            "--territory",
            "brest",
            "--compare",
            str(tmp_path / "missing"),
            "--out",
            str(tmp_path / "x.html"),
        ],
    )
    assert result.exit_code == 2


def test_cli_help_has_an_example():
    result = CliRunner().invoke(main, ["report", "--help"])
    assert result.exit_code == 0
    assert "ess-graph report data/demo --territory brest" in result.output


@pytest.mark.benchmark
def test_bench_script_smoke(tmp_path):
    import importlib.util

    path = Path(__file__).resolve().parent.parent / "bench" / "bench_report.py"
    spec = importlib.util.spec_from_file_location("bench_report", path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    rows = module.run(sizes=[60], repeat=1)
    assert rows and rows[0]["seconds"] > 0
    text = module.markdown(rows)
    assert "| structures |" in text


def test_characters_html_forbids_become_the_replacement_character():
    # Every hostile text but the lone surrogate, which no network read from a file can hold
    # (a pandas text column refuses it); the report replaces it all the same.
    texts = {k: v for k, v in HOSTILE.items() if k != "surrogate"}
    net = hostile_network(texts)
    for kwargs in ({"territory": "brest"}, {"pole": "p1"}):
        html = _report(net, **kwargs)
        assert UNWRITABLE.search(html) is None
        html.encode("utf-8")  # strict: writable
        checker = _Balance()
        checker.feed(html)
        assert checker.errors == [] and checker.stack == []
        # The pôle's name, the sectors' names: each forbidden character is one U+FFFD,
        # emoji and right-to-left text as they were.
        for text in (texts["escape"], texts["c0"], texts["rtl"]):
            assert escape(replaced(text), quote=True) in html, text
        assert "\x1b" not in html and replaced(texts["escape"]) == (
            "name\ufffd[2J\ufffd]0;title\ufffd"
        )


def test_needs_and_offers_of_the_scope_are_listed(demo):
    # Two structures of Brest with a survey's needs and offers: one needs a vehicle the
    # other offers (no tie between them); the demo has no such columns otherwise.
    import copy

    net = copy.deepcopy(demo)
    s = net.structures
    brest = s.loc[s["territory"] == "brest", "id"].sort_values().tolist()
    tied = {frozenset(p) for p in zip(ties_frame(net)["u"], ties_frame(net)["v"], strict=True)}
    a, b = next((x, y) for x in brest for y in brest if x < y and frozenset((x, y)) not in tied)
    s["needs"] = ["vehicle" if i == a else "" for i in s["id"]]
    s["offers"] = ["vehicle" if i == b else "" for i in s["id"]]
    html = _report(net, territory="brest")
    assert f'data-match="{a}|{b}|vehicle"' in html
    assert "Besoins et offres de mutualisation" in html and "pas encore" in html
    assert "data-match" not in _report(demo, territory="brest")  # nothing without a survey
