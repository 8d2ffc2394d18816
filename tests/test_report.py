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
from html import escape, unescape
from html.parser import HTMLParser
from pathlib import Path

import pandas as pd
import pytest
from click.testing import CliRunner

sys.path.insert(0, str(Path(__file__).parent))  # tests/hostile.py, whatever pytest's import mode
# tests/survey/survey_fixtures.py: the hand campaign the survey tests count
sys.path.insert(0, str(Path(__file__).parent / "survey"))
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
        assert t("report.warn.no_structure", "fr") in unescape(html)
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

    # 5. the opportunities shown are the top 5 of each ranking of opportunities(...),
    # the probable ranking first
    G, T = graphs
    top = pd.concat(
        [
            opportunities.opportunities(
                G,
                T,
                territory=territory,
                k=5,
                territory_coords=opportunities.territory_coords(demo),
                gap_pairs=gaps.sector_pair_gaps(G, by="territory"),
                ranking=ranking,
            )
            for ranking in ("probable", "strategic")
        ]
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
    assert t("report.warn.few_structures", "fr", n=3, limit=FEW_STRUCTURES) in unescape(html)
    big = _report(demo, territory="rennes")  # 35 structures
    assert "reposent sur très peu de structures" not in big


def test_demo_warning_and_method(demo):
    html = _report(demo, territory="brest")
    assert html.count(t("report.demo_banner", "fr").split(" :")[0]) >= 2  # banner + section 7
    assert "docs/METRICS.md" in unescape(html)
    assert "2026-01-15" in unescape(html)
    from ess_graph import __version__
    from ess_graph.metrics import file_hashes

    assert __version__ in unescape(html)
    for digest in file_hashes(demo).values():
        assert digest in unescape(html)
    real = copy.copy(demo)
    real.is_demo = False
    assert t("report.demo_banner", "fr") not in _report(real, territory="brest")


def test_workbook_hash_in_method(demo, tmp_path):
    import hashlib

    from ess_graph.io.write import write_network

    book = tmp_path / "reseau.xlsx"
    write_network(demo, book, format="xlsx")
    html = _report(read_network(book), territory="brest")
    assert hashlib.sha256(book.read_bytes()).hexdigest() in unescape(html)


# Safety --------------------------------------------------------------------------------
def test_no_external_request_possible(demo):
    html = _report(demo, territory="brest")
    assert f'content="{CSP}"' in unescape(html)
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
    assert '<html lang="en">' in unescape(en)
    for key in (*(f"report.section.{k}" for k in SECTION_KEYS), "report.title"):
        french, english = t(key, "fr"), t(key, "en")
        assert french != english, key
        assert french not in unescape(en), key
        assert english in unescape(en) and french in unescape(fr), key
    # Worded reasons of the opportunities follow the language too.
    G, T = cooperation_graph(demo), typed_graph(demo)
    top = opportunities.opportunities(
        G,
        T,
        territory="brest",
        k=5,
        territory_coords=opportunities.territory_coords(demo),
        gap_pairs=gaps.sector_pair_gaps(G, by="territory"),
    )
    for english, french in zip(top["reasons_en"], top["reasons_fr"], strict=True):
        assert english in unescape(en) and english not in unescape(fr)
        assert french in unescape(fr) and french not in unescape(en)
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
    assert t("report.changes.none", "fr").split(".")[0] in unescape(
        _report(demo, territory="brest")
    )


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
    assert html.startswith("<!DOCTYPE html>") and "Brest" in unescape(html)
    assert '<html lang="en">' in unescape(html)


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
        assert "\x1b" not in unescape(html) and replaced(texts["escape"]) == (
            "name\ufffd[2J\ufffd]0;title\ufffd"
        )


def _section(html: str, key: str) -> str:
    start = html.index(f'<section id="{key}"')
    return html[start : html.index("</section>", start)]


def test_needs_and_offers_of_the_scope_are_listed(demo):
    # Two structures of Brest with a survey's needs and offers: one needs a vehicle the
    # other offers (no tie between them); the demo has no such columns otherwise.
    net = copy.deepcopy(demo)
    s = net.structures
    brest = s.loc[s["territory"] == "brest", "id"].sort_values().tolist()
    tied = {frozenset(p) for p in zip(ties_frame(net)["u"], ties_frame(net)["v"], strict=True)}
    a, b = next((x, y) for x in brest for y in brest if x < y and frozenset((x, y)) not in tied)
    s["needs"] = ["vehicle" if i == a else "" for i in s["id"]]
    s["offers"] = ["vehicle" if i == b else "" for i in s["id"]]
    html = _report(net, territory="brest")
    # In the needs-and-resources section, no longer under the opportunities.
    section = _section(html, "resources")
    assert f'data-match="{a}|{b}|vehicle"' in unescape(section)
    assert t("report.res.matches", "fr") in unescape(section) and "pas encore" in unescape(section)
    assert "data-match" not in _section(html, "opportunities")
    cells = _parse(html)
    assert _num(cells, "res.matches") == 1
    # one structure needs a vehicle, one offers it
    assert _num(cells, "res.needs.vehicle") == 1 == _num(cells, "res.offers.vehicle")
    assert _num(cells, "res.structures") == 2


def test_without_survey_data_the_section_says_how_to_get_it(demo):
    # The demo network has no needs nor offers, and no campaign is given.
    section = _section(_report(demo, territory="brest"), "resources")
    assert t("report.res.no_data", "fr") in unescape(section) and "docs/SURVEY.md" in unescape(
        section
    )
    assert "data-match" not in unescape(section) and "<table" not in unescape(section)
    english = _section(_report(demo, territory="brest", lang="en"), "resources")
    assert t("report.res.no_data", "en") in english


def test_the_resources_section_comes_before_the_method_in_the_contents(demo):
    html = _report(demo, territory="brest")
    cells = _parse(html)
    assert cells.sections == list(SECTION_KEYS)
    assert SECTION_KEYS.index("resources") == SECTION_KEYS.index("opportunities") + 1
    assert SECTION_KEYS[-1] == "method"
    number = SECTION_KEYS.index("resources") + 1
    assert f"<h2>{number}. Besoins et ressources des acteurs</h2>" in unescape(html)
    assert '<li><a href="#resources">Besoins et ressources des acteurs</a></li>' in unescape(html)
    en = _report(demo, territory="brest", lang="en")
    assert f"<h2>{number}. Actors' needs and resources</h2>" in unescape(en)


# The partnership survey ------------------------------------------------------------------
# The hand campaign of tests/survey/survey_fixtures.py (SIX: a, b, c in Brest; d, e, f in
# Morlaix), applied to the network:
#   needs:  a vehicle (culture), c premises (sport); offers: b vehicle + premises
#           (culture), e skills (culture, Morlaix);
#   ties:   a–b (confirmed), c–e (confirmed); b–c none;
#   answers submitted: a, b, c, e; d a draft; f nothing;
#   ratings: a strategy 4, visibility 2; b strategy 3; c strategy 1; e visibility 4.
@pytest.fixture
def hand_campaign(tmp_path):
    from survey_fixtures import answer_by_hand, make_workspace

    from ess_graph.survey import follow
    from ess_graph.survey.apply import apply_campaign

    path = tmp_path / "six.sqlite"
    with make_workspace(path) as ws:
        answer_by_hand(ws)
        apply_campaign(ws, "Enquête 2027", who="coord")
        yield path, ws.network(), follow.campaign_data(ws, "Enquête 2027")


def test_survey_figures_of_brest_counted_by_hand(hand_campaign):
    _, net, data = hand_campaign
    html = _report(net, territory="brest", survey=data)
    cells = _parse(html)
    # Needs and offers of a, b, c: premises needed by c (sport), offered by b (culture);
    # vehicle needed by a (culture), offered by b (culture). All three gave one.
    assert _num(cells, "res.structures") == 3
    assert _num(cells, "res.needs.premises") == 1 == _num(cells, "res.needs.premises.sport")
    assert _num(cells, "res.offers.premises") == 1 == _num(cells, "res.offers.premises.culture")
    assert _num(cells, "res.needs.vehicle") == 1 == _num(cells, "res.needs.vehicle.culture")
    assert _num(cells, "res.offers.vehicle") == 1 == _num(cells, "res.offers.vehicle.culture")
    assert "res.offers.skills" not in cells.figures  # e is in Morlaix
    # Matches: c needs premises, b offers them, not tied; a needs a vehicle, b offers one,
    # already tied (a–b).
    assert _num(cells, "res.matches") == 2
    section = _section(html, "resources")
    assert 'data-match="c|b|premises"' in unescape(
        section
    ) and 'data-match="a|b|vehicle"' in unescape(section)
    # Response rate: a, b, c invited, all three submitted: 3 of 3, no warning.
    assert (_num(cells, "survey.answered"), _num(cells, "survey.invited")) == (3, 3)
    assert _num(cells, "survey.response_rate") == 1.0
    assert "Attention" not in unescape(section)
    # Functions rated by a, b, c only: strategy (4 + 3 + 1) / 3 = 2.67 first, visibility
    # 2 (a's; e's 4 is Morlaix's) second; the three others unrated, last.
    assert re.findall(r'data-function="(\w+)"', section)[:2] == ["strategy", "visibility"]
    assert _num(cells, "function.strategy") == pytest.approx(8 / 3)
    assert _num(cells, "function.visibility") == 2.0
    assert cells.figures["function.representation"] == ""
    # The campaign is named in the method and in the command that reproduces the report.
    method = _section(html, "method")
    assert "« Enquête 2027 »" in method and "--survey 'Enquête 2027'" in unescape(method)


def test_a_low_response_rate_is_a_plain_warning(hand_campaign):
    import dataclasses

    _, net, data = hand_campaign
    # Morlaix: d, e, f invited; e alone submitted (d has a draft): 1 of 3, 33 % < 50 %.
    html = _report(net, territory="morlaix", survey=data)
    cells = _parse(html)
    assert (_num(cells, "survey.answered"), _num(cells, "survey.invited")) == (1, 3)
    warning = (
        "Attention : une seule des 3 structures invitées (33\u00a0%) a répondu ; "
        "ces chiffres ne représentent pas tout le territoire."
    )
    assert warning in _section(html, "resources")
    assert warning in _section(html, "method")  # listed with the other warnings
    # Open on the report's date (the hand campaign has no closing date); closed once closed.
    assert t("report.res.open", "fr") in unescape(html)
    closed = dataclasses.replace(data.campaign, closed_at="2026-01-01T00:00:00")
    after = _report(net, territory="morlaix", survey=dataclasses.replace(data, campaign=closed))
    assert t("report.res.open", "fr") not in after
    dated = dataclasses.replace(data.campaign, closes="2026-01-14")  # the day before WHEN
    before_close = dataclasses.replace(data, campaign=dated)
    assert "ouverte jusqu" not in _report(net, territory="morlaix", survey=before_close)
    dated = dataclasses.replace(data.campaign, closes="2026-01-15")  # WHEN's day: open
    html_open = _report(net, territory="morlaix", survey=dataclasses.replace(data, campaign=dated))
    assert t("report.res.open_until", "fr", date="2026-01-15") in unescape(html_open)
    # Morlaix's respondent rated visibility only: 4.
    assert _num(cells, "function.visibility") == 4.0
    en = _report(net, territory="morlaix", survey=data, lang="en")
    assert "Caution: only one of the 3 structures invited (33%) answered" in unescape(en)
    # The wording the coordinators asked for, with more answers (7 of 19 in a pays).
    assert t("report.res.low_rate", "fr", answered=7, invited=19, rate="37 %") == (
        "Attention : seules 7 des 19 structures invitées (37 %) ont répondu ; "
        "ces chiffres ne représentent pas tout le territoire."
    )


def test_a_pole_sees_its_members_answers(hand_campaign):
    _, net, data = hand_campaign
    # p_brest's members are a and b: both invited, both submitted; c (no pôle) is out,
    # so strategy is (4 + 3) / 2 = 3.5.
    cells = _parse(_report(net, pole="p_brest", survey=data))
    assert (_num(cells, "survey.answered"), _num(cells, "survey.invited")) == (2, 2)
    assert _num(cells, "function.strategy") == 3.5
    # p_morlaix has d alone: invited, draft only -> 0 of 1, and no rating at all.
    html = _report(net, pole="p_morlaix", survey=data)
    cells = _parse(html)
    assert (_num(cells, "survey.answered"), _num(cells, "survey.invited")) == (0, 1)
    assert t("report.res.no_answer", "fr", invited=1) in unescape(html)
    assert t("report.res.functions_none", "fr") in unescape(html)


def test_a_campaign_not_applied_yet_says_so(tmp_path):
    from survey_fixtures import answer_by_hand, make_workspace

    from ess_graph.survey import follow

    with make_workspace(tmp_path / "six.sqlite") as ws:
        answer_by_hand(ws)
        net, data = ws.network(), follow.campaign_data(ws, "Enquête 2027")
    section = _section(_report(net, territory="brest", survey=data), "resources")
    assert t("report.res.not_applied", "fr") in unescape(section)
    assert 'data-figure="survey.answered" data-value="3"' in section


def test_the_campaign_name_is_escaped(hand_campaign):
    import dataclasses

    _, net, data = hand_campaign
    hostile = dataclasses.replace(data, campaign=dataclasses.replace(data.campaign, name=PAYLOAD))
    html = _report(net, territory="brest", survey=hostile)
    assert "<script" not in html.lower() and "<img" not in html.lower()
    assert "&lt;script&gt;" in _section(html, "resources")
    checker = _Balance()
    checker.feed(html)
    assert checker.errors == [] and checker.stack == []


def test_cli_report_with_a_survey(hand_campaign, tmp_path):
    path, _, _ = hand_campaign
    out = tmp_path / "brest.html"
    args = ["report", str(path), "--territory", "brest", "--out", str(out)]
    result = CliRunner().invoke(main, [*args, "--survey", "enquete 2027"])  # case, accents
    assert result.exit_code == 0, result.output
    cells = _parse(out.read_text(encoding="utf-8"))
    assert _num(cells, "survey.answered") == 3 and _num(cells, "function.strategy") > 2
    # Unknown campaign: one line naming the known ones, exit 2, nothing written.
    out.unlink()
    result = CliRunner().invoke(main, [*args, "--survey", "Enquête 1999"])
    assert result.exit_code == 2
    assert result.stderr.strip().splitlines() == [
        "aucune campagne « Enquête 1999 » dans cet espace de travail (campagnes : « Enquête 2027 »)"
    ]
    assert not out.exists()


@pytest.mark.parametrize("where", [DEMO, "workbook"])
def test_cli_survey_needs_a_workspace(tmp_path, demo, where):
    if where == "workbook":
        from ess_graph.io.write import write_network

        where = tmp_path / "reseau.xlsx"
        write_network(demo, where, format="xlsx")
    out = tmp_path / "x.html"
    args = ["report", str(where), "--territory", "brest", "--survey", "x", "--out", str(out)]
    for lang, needle in (("fr", "n'en est pas un"), ("en", "is not one")):
        result = CliRunner().invoke(main, [*args, "--lang", lang])
        assert result.exit_code == 2
        lines = result.stderr.splitlines()
        assert len(lines) == 1 and str(where) in lines[0] and needle in lines[0]
        assert "--survey" in lines[0]
    assert not out.exists()


def test_the_evolution_section_comes_from_the_datas_own_years(demo):
    """Issue 13: without --compare, « Évolution » still shows Brest's ties year by year
    beside the region's (oracle: `timeline`) and the before/after of ADESS pays de Brest
    (created in 2006 in the demo; oracle: `pole_creation_effects`); it no longer asks to
    rerun a command."""
    from ess_graph.analysis.timeline import pole_creation_effects, timeline

    html = _report(demo, territory="brest")
    cells = _parse(html)
    G = cooperation_graph(demo)
    years = timeline(G)
    brest = years[(years["scope_type"] == "territory") & (years["scope"] == "brest")]
    region = years[years["scope_type"] == "region"].set_index("year")
    shown = {
        int(k.split(".")[1])
        for k in cells.figures
        if k.startswith("growth.") and k.endswith(".ties")
    }
    assert shown == set(brest.loc[brest["ties"] > 0, "year"])
    for r in brest[brest["ties"] > 0].itertuples():
        assert int(cells.figures[f"growth.{r.year}.ties"]) == r.ties
        assert int(cells.figures[f"growth.{r.year}.formed"]) == r.ties_formed
        assert float(cells.figures[f"growth.{r.year}.share"]) == pytest.approx(r.cross_sector_share)
        assert float(cells.figures[f"growth.{r.year}.region_share"]) == pytest.approx(
            region.loc[r.year, "cross_sector_share"]
        )
    effect = pole_creation_effects(G).set_index("pole").loc["adess_brest"]
    difference = f"{effect['difference']:.1f}".replace(".", ",").replace("-", "\u2212")
    assert "Depuis la création de ADESS pays de Brest en 2006" in unescape(html)
    assert f"Écart : {difference}" in unescape(html)
    assert "pas une preuve" in unescape(html)
    assert "relancer avec --compare" not in unescape(html)
    # the data's name, never the folder it lies in on this machine (issue 13)
    assert str(DEMO.parent) not in unescape(html) and "à partir de : demo" in unescape(html)


def test_jargon_only_in_the_method_section(demo):
    """Issue 13: formulas and method names are said in the method section; everywhere else
    the report speaks plain French."""
    html = _report(demo, territory="brest")
    body, method = html.split('<section id="method"', 1)
    for jargon in ("D_a", "allocation de ressources", "modèle de configuration", "Adamic"):
        assert jargon not in unescape(body), jargon
    assert "D_a·D_b/2m" in method and "allocation de ressources" in method


def test_a_pole_created_before_the_links_years_gets_no_comparison(demo):
    # the demo's links run from 1995 to 2009; a pôle created in 1990 has no « before »
    import dataclasses

    poles = demo.poles.copy()
    poles.loc[poles["id"] == "adess_brest", "created"] = 1990
    html = _report(dataclasses.replace(demo, poles=poles), territory="brest")
    assert "ADESS pays de Brest a été créé en 1990" in unescape(html)
    assert "pas de comparaison avant / après possible" in unescape(html)
    assert "Depuis la création de ADESS pays de Brest" not in unescape(html)


def test_the_territorys_ess_in_figures_counts_employees(demo):
    """Issue 14: the observatory's table in § 1 — employees by family and by sector of the
    scope, counted here with pandas from the structures table."""
    html = _report(demo, territory="brest")
    cells = _parse(html)
    assert t("report.ess_figures.title", "fr") in unescape(html)
    s = demo.structures
    mine = s[s["territory"] == "brest"]
    employees = pd.to_numeric(mine["employees"], errors="coerce")
    for attr in ("family", "sector"):
        for group, part in mine.groupby(attr):
            assert _num(cells, f"employees.{attr}.{group}") == round(employees[part.index].sum())
    assert "sirene.structures" not in cells.figures  # the demo does not come from SIRENE


def test_a_roster_from_sirene_says_its_date_and_limits(tmp_path):
    sys.path.insert(0, str(Path(__file__).parent / "sirene"))
    import sirene_fixtures

    from ess_graph.sirene import import_sirene

    result = import_sirene(*sirene_fixtures.write_files(tmp_path, clean=True))
    html = territorial_report(result.network, territory="departement_29", generated=WHEN)
    cells = _parse(html)
    # Finistère: the association's two sites and the mutuelle's Brest site.
    assert _num(cells, "sirene.structures") == 3
    assert _num(cells, "scope.structures") == 3
    assert "données à jour au 2026-11-30" in unescape(html)
    assert _num(cells, "employees.sector.action_sociale_sans_hebergement") == 15 + 2
    assert _num(cells, "employees.family.mutuelle") == 75
