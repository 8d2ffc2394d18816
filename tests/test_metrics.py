"""The researchers' tables: shape, consistency with networkx, formula safety, metadata."""

from __future__ import annotations

import json
import sys
from pathlib import Path

import networkx as nx
import pandas as pd
import pytest
from click.testing import CliRunner
from openpyxl import load_workbook

from ess_graph.cli import main
from ess_graph.io.graph_formats import read_graph
from ess_graph.io.read import read_network
from ess_graph.metrics import (
    NETWORK_COLUMNS,
    STRUCTURE_COLUMNS,
    TABLE_ORDER,
    MetricsParameters,
    compute_metrics,
    network_summary,
    output_tables,
)
from ess_graph.network import cooperation_graph

# tests/survey/survey_fixtures.py: the hand campaign the survey tests count
sys.path.insert(0, str(Path(__file__).parent / "survey"))


def _write_csv(folder, name, text):
    (folder / f"{name}.csv").write_text(text, encoding="utf-8")


@pytest.fixture()
def small_network(tmp_path):
    """Five structures in two pays, one pôle, one funder; s5 is an isolate.

    Ties (cooperation graph): s1-s2 (two links, weights 1 + 2), s2-s3, s3-s4.
    """
    folder = tmp_path / "net"
    folder.mkdir()
    _write_csv(
        folder,
        "structures",
        "id,name,family,sector,territory,pole\n"
        's1,=HYPERLINK("http://x"),association,culture,brest,p1\n'
        "s2,Deux,cooperative,insertion,brest,p1\n"
        "s3,Trois,association,culture,brest,p1\n"
        "s4,+Quatre,mutuelle,sport,morlaix,\n"
        "s5,Cinq,fondation,sport,morlaix,\n",
    )
    _write_csv(folder, "poles", "id,name,territory,status\np1,Pôle Brest,brest,created\n")
    _write_csv(folder, "partners", "id,name,kind\nr,Région,region\n")
    _write_csv(
        folder,
        "links",
        "source,target,kind,since,weight\n"
        "s1,s2,cooperation,2004,1\n"
        "s2,s1,pooling,2006,2\n"
        "s2,s3,subcontracting,2007,1\n"
        "s3,s4,cooperation,2008,1\n"
        "r,s1,funding,2005,1\n",
    )
    return folder


def test_tables_have_the_codebook_columns_and_one_row_per_structure(small_network):
    net = read_network(small_network)
    assert not net.problems
    result = compute_metrics(net, MetricsParameters(n_permutations=50))
    assert list(result.tables) == list(TABLE_ORDER)
    structures = result.tables["structures"]
    assert list(structures.columns) == list(STRUCTURE_COLUMNS)
    assert sorted(structures["id"]) == ["s1", "s2", "s3", "s4", "s5"]  # isolate included
    row = structures.set_index("id")
    # Hand computation: s2 has ties to s1 (weights 1 + 2) and s3 (1).
    assert row.loc["s2", "degree"] == 2
    assert row.loc["s2", "weighted_degree"] == 4.0
    # s2 (insertion) ties only culture structures: 2 cross-sector ties out of 2.
    assert row.loc["s2", "cross_sector_ties"] == 2
    assert row.loc["s2", "cross_sector_share"] == 1.0
    # The isolate has no constraint, no cross-sector share: left undefined.
    assert pd.isna(row.loc["s5", "constraint"])
    assert pd.isna(row.loc["s5", "cross_sector_share"])
    assert list(result.tables["network"].columns) == list(NETWORK_COLUMNS)


def test_network_row_agrees_with_networkx(small_network):
    net = read_network(small_network)
    G = cooperation_graph(net)
    row = compute_metrics(net, MetricsParameters(n_permutations=20)).tables["network"].iloc[0]
    assert row["structures"] == G.number_of_nodes() == 5
    assert row["ties"] == G.number_of_edges() == 3
    assert row["density"] == pytest.approx(nx.density(G))
    assert row["components"] == nx.number_connected_components(G) == 2
    assert row["isolates"] == nx.number_of_isolates(G) == 1
    assert row["largest_component_share"] == pytest.approx(4 / 5)
    assert row["average_clustering"] == pytest.approx(nx.average_clustering(G))
    assert row["assortativity_sector"] == pytest.approx(
        nx.attribute_assortativity_coefficient(G, "sector")
    )


@pytest.mark.parametrize("seed", [1, 2009])
def test_network_summary_matches_networkx_on_random_graphs(seed):
    G = nx.gnm_random_graph(60, 90, seed=seed)
    G.add_nodes_from(range(60, 65))  # isolates
    s = network_summary(G)
    assert s["average_clustering"] == pytest.approx(nx.average_clustering(G))
    assert s["components"] == nx.number_connected_components(G)
    largest = max(len(c) for c in nx.connected_components(G))
    assert s["largest_component_share"] == pytest.approx(largest / 65)


def test_same_seed_same_tables(small_network):
    net = read_network(small_network)
    a = compute_metrics(net, MetricsParameters(n_permutations=30, seed=5)).tables
    b = compute_metrics(net, MetricsParameters(n_permutations=30, seed=5)).tables
    for name in TABLE_ORDER:
        pd.testing.assert_frame_equal(a[name], b[name])


def test_cli_writes_inert_formulas_and_metadata(small_network, tmp_path):
    out = tmp_path / "out"
    result = CliRunner().invoke(
        main, ["metrics", str(small_network), "--out", str(out), "--permutations", "20"]
    )
    assert result.exit_code == 0, result.output
    for name in TABLE_ORDER:
        assert (out / f"{name}.csv").is_file()
    text = (out / "structures.csv").read_text(encoding="utf-8")
    assert "'=HYPERLINK" in text and "'+Quatre" in text
    assert "\n=HYPERLINK" not in text and ",=HYPERLINK" not in text
    meta = json.loads((out / "metadata.json").read_text(encoding="utf-8"))
    assert meta["parameters"]["seed"] == 2009
    assert meta["parameters"]["n_permutations"] == 20
    assert meta["betweenness"]["method"] == "exact"
    assert set(meta["input_sha256"]) >= {"structures", "links", "poles", "partners"}
    mixing = pd.read_csv(out / "sector_mixing.csv", index_col=0)
    assert list(mixing.index) == list(mixing.columns)  # square, sectors on both sides


def test_opportunities_hold_both_rankings_unless_one_is_asked(small_network, tmp_path):
    # Oracle: `opportunities` itself with each ranking, the same arguments as the run.
    from ess_graph.analysis import gaps, opportunities
    from ess_graph.network import typed_graph

    net = read_network(small_network)
    G, T = cooperation_graph(net), typed_graph(net)

    def expected(ranking):
        return opportunities.opportunities(
            G,
            T,
            k=200,
            territory_coords=opportunities.territory_coords(net),
            gap_pairs=gaps.sector_pair_gaps(G, by="territory"),
            ranking=ranking,
        )

    both = compute_metrics(net, MetricsParameters(n_permutations=20)).tables["opportunities"]
    pd.testing.assert_frame_equal(
        both, pd.concat([expected("probable"), expected("strategic")], ignore_index=True)
    )
    out = tmp_path / "out"
    result = CliRunner().invoke(
        main,
        [
            "metrics",
            str(small_network),
            "--out",
            str(out),
            "--permutations",
            "20",
            "--ranking",
            "probable",
        ],
    )
    assert result.exit_code == 0, result.output
    written = pd.read_csv(out / "opportunities.csv", keep_default_na=False)
    assert set(written["ranking"]) == {"probable"}
    assert list(written["target"]) == list(expected("probable")["target"])
    meta = json.loads((out / "metadata.json").read_text(encoding="utf-8"))
    assert meta["parameters"]["opportunities_ranking"] == "probable"


def test_cli_xlsx_has_the_same_sheets(small_network, tmp_path):
    out = tmp_path / "x"
    result = CliRunner().invoke(
        main,
        [
            "metrics",
            str(small_network),
            "--out",
            str(out),
            "--format",
            "xlsx",
            "--permutations",
            "10",
        ],
    )
    assert result.exit_code == 0, result.output
    wb = load_workbook(out / "metrics.xlsx", read_only=True)
    assert wb.sheetnames == list(TABLE_ORDER)
    ws = wb["structures"]
    names = [row[1] for row in ws.iter_rows(min_row=2, values_only=True)]
    assert '\'=HYPERLINK("http://x")' in names
    degrees = [row[6] for row in ws.iter_rows(min_row=2, values_only=True)]
    assert all(isinstance(d, int) for d in degrees)  # numbers stay numbers


def test_cli_strict_and_partial_input(small_network, tmp_path):
    with (small_network / "links.csv").open("a", encoding="utf-8") as fh:
        fh.write("s1,nobody,cooperation,2009,1\n")
    out = tmp_path / "o"
    ok = CliRunner().invoke(
        main, ["metrics", str(small_network), "--out", str(out), "--permutations", "5"]
    )
    assert ok.exit_code == 0  # computed on the valid rows, problem printed
    assert "links:7" in ok.output and "nobody" in ok.output
    strict = CliRunner().invoke(
        main, ["metrics", str(small_network), "--out", str(out), "--strict", "--permutations", "5"]
    )
    assert strict.exit_code == 1


def test_cli_unreadable_path_exits_2(tmp_path):
    result = CliRunner().invoke(
        main, ["metrics", str(tmp_path / "missing"), "--out", str(tmp_path / "o")]
    )
    assert result.exit_code == 2


@pytest.mark.parametrize("fmt", ["gexf", "graphml", "json"])
def test_cli_export_reads_back_with_metrics(small_network, tmp_path, fmt):
    # The typed graph: structures, the pôle, the funder, territories and sectors.
    out = tmp_path / f"g.{fmt}"
    result = CliRunner().invoke(
        main, ["export", str(small_network), "--graph", "typed", "--out", str(out)]
    )
    assert result.exit_code == 0, result.output
    H = read_graph(out)
    assert H.nodes["s2"]["degree"] == 2
    assert H.nodes["s2"]["type"] == "structure"
    assert H.nodes["p1"]["type"] == "pole"
    assert "betweenness" not in H.nodes["p1"]
    assert H.has_edge("r", "s1")


@pytest.mark.parametrize("fmt", ["gexf", "graphml", "json"])
def test_cli_export_writes_the_cooperation_graph_by_default(small_network, tmp_path, fmt):
    # Oracle: cooperation_graph itself. Every structure's exported degree is the degree a
    # program computes on the file (the issue: Gephi's degrees did not match).
    out = tmp_path / f"g.{fmt}"
    result = CliRunner().invoke(main, ["export", str(small_network), "--out", str(out)])
    assert result.exit_code == 0, result.output
    H = read_graph(out)
    G = cooperation_graph(read_network(small_network))
    assert set(H.nodes) == set(G.nodes) and H.number_of_edges() == G.number_of_edges()
    for node in H:
        assert H.nodes[node]["degree"] == H.degree(node) == G.degree(node)
    assert H.edges["s1", "s2"]["weight"] == 3 and H.edges["s1", "s2"]["links"] == 2
    assert H.edges["s1", "s2"]["kinds"] == "cooperation|pooling"
    assert H.edges["s1", "s2"]["since"] == 2004
    if fmt != "gexf":  # GEXF has no place for graph attributes
        assert H.graph["ess_graph_graph"] == "cooperation"


def test_the_apps_metrics_downloads_hold_the_clis_metadata(small_network, tmp_path):
    # Oracle: write_metrics, the CLI's writer, on the same run.
    import io
    import zipfile

    from ess_graph.metrics import metrics_download, write_metrics

    run = compute_metrics(read_network(small_network), MetricsParameters(n_permutations=20))
    folder = tmp_path / "cli"
    written = write_metrics(run, folder)
    archive = zipfile.ZipFile(io.BytesIO(metrics_download(run, "csv")))
    assert sorted(archive.namelist()) == sorted(p.name for p in written)
    for path in written:
        assert archive.read(path.name) == path.read_bytes(), path.name
    book = load_workbook(io.BytesIO(metrics_download(run, "xlsx")), read_only=True)
    lines = [row[0] for row in book["metadata.json"].iter_rows(values_only=True)]
    write_metrics(run, tmp_path / "cli_xlsx", format="xlsx")
    expected = (tmp_path / "cli_xlsx" / "metadata.json").read_text(encoding="utf-8")
    assert "\n".join(line or "" for line in lines) + "\n" == expected
    assert set(book.sheetnames) == {*output_tables(run), "metadata.json"}


def test_failed_write_leaves_previous_files_intact(small_network, tmp_path, monkeypatch):
    from ess_graph import metrics as metrics_module
    from ess_graph.io import write as write_module

    out = tmp_path / "keep"
    net = read_network(small_network)
    result = compute_metrics(net, MetricsParameters(n_permutations=5))
    metrics_module.write_metrics(result, out)
    before = {p.name: p.read_bytes() for p in out.iterdir()}

    def broken(*args, **kwargs):
        raise OSError("disk full")

    monkeypatch.setattr(write_module.AtomicBatch, "write_text", broken)
    result.tables["network"].loc[0, "ties"] = 999
    with pytest.raises(OSError, match="disk full"):
        metrics_module.write_metrics(result, out)
    assert {p.name: p.read_bytes() for p in out.iterdir()} == before


def test_workbook_input_is_hashed(small_network, tmp_path):
    import hashlib

    from ess_graph.io.write import write_network
    from ess_graph.metrics import file_hashes

    book = tmp_path / "net.xlsx"
    write_network(read_network(small_network), book, format="xlsx")
    hashes = file_hashes(read_network(book))
    assert hashes == {"net.xlsx": hashlib.sha256(book.read_bytes()).hexdigest()}


# Declared links (one side of a partnership survey) --------------------------------------


@pytest.fixture()
def survey_network(small_network):
    """small_network plus declared links: s4 -> s5 and s5 -> s4 (both ways), s1 -> s4
    (s1 only)."""
    links = (small_network / "links.csv").read_text(encoding="utf-8")
    links = links.replace(
        "source,target,kind,since,weight\n", "source,target,kind,since,weight,status\n"
    )
    links = "\n".join(
        line + ("," if i and line else "") for i, line in enumerate(links.splitlines())
    )
    links += "\ns4,s5,pooling,2010,1,declared\ns5,s4,cooperation,2011,1,declared\n"
    links += "s1,s4,pooling,2012,1,declared\n"
    _write_csv(small_network, "links", links)
    return small_network


def test_ties_rule_changes_the_figures_and_is_recorded(survey_network, tmp_path):
    net = read_network(survey_network)
    assert net.problems == []
    counts = {}
    for rule in ("confirmed", "union", "reciprocated"):
        result = compute_metrics(net, MetricsParameters(n_permutations=0, ties=rule))
        counts[rule] = int(result.tables["network"]["ties"].iloc[0])
        assert result.metadata["parameters"]["ties"] == rule
        assert set(result.metadata["parameters"]["ties_definition"]) == {"fr", "en"}
    # Hand count: 3 confirmed ties (s1-s2, s2-s3, s3-s4); union adds s4-s5 and s1-s4;
    # reciprocated adds s4-s5 only.
    assert counts == {"confirmed": 3, "union": 5, "reciprocated": 4}
    with pytest.raises(ValueError, match="'confirmed', 'union' or 'reciprocated'"):
        compute_metrics(net, MetricsParameters(ties="both"))


def test_reciprocity_tables_from_the_declarations(survey_network):
    plain = compute_metrics(read_network(survey_network), MetricsParameters(n_permutations=0))
    summary = plain.tables["reciprocity"].iloc[0]
    # Declarations from the network: the 3 confirmed structure pairs count both ways (6),
    # s4 -> s5, s5 -> s4, s1 -> s4: 9 declarations, 5 declared ties, 4 reciprocated.
    assert (summary.declarations, summary.declared_ties, summary.reciprocated_ties) == (9, 5, 4)
    assert summary.reciprocity_rate == pytest.approx(4 / 5)
    assert summary.one_sided_other_unknown == 1  # nobody's answer is known from a network
    by = plain.tables["declarations"].set_index("id")
    assert (by.loc["s4", "in_declarations"], by.loc["s4", "reciprocated"]) == (3, 2)


def test_no_reciprocity_tables_without_declared_links(small_network):
    tables = compute_metrics(read_network(small_network), MetricsParameters(n_permutations=0))
    assert "reciprocity" not in tables.tables and "declarations" not in tables.tables


def test_cli_ties_option_and_reciprocity_files(survey_network, tmp_path):
    out = tmp_path / "out"
    args = ["metrics", str(survey_network), "--out", str(out), "--permutations", "0"]
    result = CliRunner().invoke(main, [*args, "--ties", "union"])
    assert result.exit_code == 0, result.output
    meta = json.loads((out / "metadata.json").read_text(encoding="utf-8"))
    assert meta["parameters"]["ties"] == "union"
    assert meta["parameters"]["ties_definition"]["en"].startswith("A tie counts as soon as")
    assert pd.read_csv(out / "network.csv")["ties"].iloc[0] == 5
    assert (out / "reciprocity.csv").is_file() and (out / "declarations.csv").is_file()
    bad = CliRunner().invoke(main, [*args, "--ties", "mutual"])
    assert bad.exit_code == 2 and "confirmed" in bad.output


def test_cli_export_follows_the_ties_rule(survey_network, tmp_path):
    out = tmp_path / "g.graphml"
    args = ["export", str(survey_network), "--out", str(out)]
    assert CliRunner().invoke(main, [*args, "--ties", "reciprocated"]).exit_code == 0
    assert read_graph(out).has_edge("s4", "s5")
    assert not read_graph(out).has_edge("s1", "s4")


# --survey: reciprocity from a campaign's answers -----------------------------------------
# The hand campaign of tests/survey/survey_fixtures.py on SIX (a–f). Submitted answers
# name: a → b, a → c; b → a, b → d; c → e; e → a (d saved a draft naming b: not counted;
# f did not answer; the partners typed outside the roster are not matched: left out).
#   declarations 6; declared ties {a,b} {a,c} {a,e} {c,e} {b,d} = 5;
#   reciprocated {a,b} = 1; one-sided 4: other side answered for {a,c} (c), {a,e} (a),
#   {c,e} (e) = 3, did not answer for {b,d} (d) = 1, unknown 0;
#   rate 1/5; among ties both sides could declare 1/(1+3); edge rate 2/6.
# Per structure (out, in, reciprocated, one-sided out, one-sided in, answered):
HAND_DECLARATIONS = {
    "a": (2, 2, 1, 1, 1, True),  # names b, c; named by b, e
    "b": (2, 1, 1, 1, 0, True),  # names a, d; named by a
    "c": (1, 1, 0, 1, 1, True),  # names e; named by a
    "d": (0, 1, 0, 0, 1, False),  # a draft only; named by b
    "e": (1, 1, 0, 1, 1, True),  # names a; named by c
    "f": (0, 0, 0, 0, 0, False),
}


@pytest.fixture()
def hand_workspace(tmp_path):
    from survey_fixtures import answer_by_hand, make_workspace

    path = tmp_path / "six.sqlite"
    with make_workspace(path) as ws:
        answer_by_hand(ws)
    return path


def _metrics_cli(path, out, *extra):
    args = ["metrics", str(path), "--out", str(out), "--permutations", "0", *extra]
    result = CliRunner().invoke(main, args)
    assert result.exit_code == 0, result.output
    return json.loads((out / "metadata.json").read_text(encoding="utf-8"))


def test_cli_survey_reciprocity_counted_by_hand(hand_workspace, tmp_path):
    meta = _metrics_cli(hand_workspace, tmp_path / "s", "--survey", "Enquête 2027")
    row = pd.read_csv(tmp_path / "s" / "reciprocity.csv").iloc[0]
    assert row[
        [
            "structures",
            "answered",
            "declarations",
            "declared_ties",
            "reciprocated_ties",
            "one_sided_ties",
            "one_sided_other_answered",
            "one_sided_other_not_answered",
            "one_sided_other_unknown",
        ]
    ].tolist() == [6, 4, 6, 5, 1, 4, 3, 1, 0]
    assert row["reciprocity_rate"] == pytest.approx(1 / 5)
    assert row["reciprocity_rate_both_answered"] == pytest.approx(1 / 4)
    assert row["edge_reciprocity"] == pytest.approx(2 / 6)
    by = pd.read_csv(tmp_path / "s" / "declarations.csv").set_index("id")
    columns = [
        "out_declarations",
        "in_declarations",
        "reciprocated",
        "one_sided_out",
        "one_sided_in",
        "answered",
    ]
    assert {
        sid: tuple(r) for sid, r in zip(by.index, by[columns].values.tolist(), strict=True)
    } == HAND_DECLARATIONS
    assert meta["declarations"]["source"] == "survey"
    assert meta["declarations"]["campaign"] == "Enquête 2027"
    assert "survey campaign" in meta["declarations"]["definition"]


def test_cli_without_survey_is_unchanged(hand_workspace, tmp_path):
    from ess_graph.survey.apply import apply_campaign
    from ess_graph.workspace.store import Workspace

    # Before the campaign is applied the network has no declared link: no reciprocity
    # files, as before --survey existed; the other tables are the same with --survey.
    plain = _metrics_cli(hand_workspace, tmp_path / "plain")
    assert not (tmp_path / "plain" / "reciprocity.csv").exists()
    assert plain["declarations"] == {"source": None, "campaign": None, "definition": None}
    _metrics_cli(hand_workspace, tmp_path / "with", "--survey", "Enquête 2027")
    for name in TABLE_ORDER:
        assert (tmp_path / "plain" / f"{name}.csv").read_bytes() == (
            tmp_path / "with" / f"{name}.csv"
        ).read_bytes(), name
    # Applied: a → c, b → d, e → a become declared links; a–b is confirmed; c → e is not
    # added (c–e is already confirmed by a convention). From the network's links: ties
    # {a,b} {c,e} reciprocated (confirmed counts both ways), {a,c} {b,d} {a,e} one-sided
    # with the other side unknown: rate 2/5, where the campaign says 1/5.
    with Workspace(hand_workspace) as ws:
        apply_campaign(ws, "Enquête 2027", who="coord")
        net = ws.network()
    meta = _metrics_cli(hand_workspace, tmp_path / "applied")
    row = pd.read_csv(tmp_path / "applied" / "reciprocity.csv").iloc[0]
    assert (row.declared_ties, row.reciprocated_ties, row.one_sided_other_unknown) == (5, 2, 3)
    assert row.reciprocity_rate == pytest.approx(2 / 5)
    assert meta["declarations"]["source"] == "network" and meta["declarations"]["campaign"] is None
    direct = compute_metrics(net, MetricsParameters(n_permutations=0)).tables["reciprocity"]
    assert row.tolist() == pytest.approx(direct.iloc[0].tolist(), nan_ok=True)
    # and --survey still gives the campaign's own count
    _metrics_cli(hand_workspace, tmp_path / "truth", "--survey", "Enquête 2027")
    truth = pd.read_csv(tmp_path / "truth" / "reciprocity.csv").iloc[0]
    assert truth.reciprocity_rate == pytest.approx(1 / 5)


def test_cli_survey_needs_a_workspace_and_a_known_campaign(
    hand_workspace, survey_network, tmp_path
):
    out = tmp_path / "m"
    args = ["metrics", "--out", str(out), "--permutations", "0", "--survey", "Enquête 2027"]
    result = CliRunner().invoke(main, [args[0], str(survey_network), *args[1:]])
    assert result.exit_code == 2
    lines = result.stderr.splitlines()
    assert len(lines) == 1 and str(survey_network) in lines[0] and "--survey" in lines[0]
    result = CliRunner().invoke(main, ["metrics", str(hand_workspace), *args[1:-1], "nope"])
    assert result.exit_code == 2
    assert result.stderr.splitlines() == [
        "aucune campagne « nope » dans cet espace de travail (campagnes : « Enquête 2027 »)"
    ]
    assert not out.exists()
