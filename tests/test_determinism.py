"""Same input, same numbers: no figure and no file depends on the order of the rows, on
which end of a link was typed first, or on the process (Python's string hash seed).

Issue 10, item 7. Two networks, the demo (``data/demo``) and a generated one
(`ess_graph.demo`, 600 structures), are copied with every table's rows shuffled (three
seeds) and, in the links table, source and target swapped on about half of the rows (a
link is undirected). The copies must give:

- `compute_metrics`: every table equal **exactly** (values, dtypes, row order). No float
  tolerance is needed: the graphs are built in a canonical order and every sum runs in a
  fixed order (`ess_graph.network`, `ess_graph.analysis._fast`), so not even the last
  bit of a float moves;
- the files of ``ess-graph metrics`` (CSV and XLSX), ``ess-graph export`` (GEXF,
  GraphML, JSON) and ``ess-graph report`` byte for byte, once the few fields that
  describe the *run* rather than the network are masked, each on purpose:

  - the time of the run: ``created``, ``run_seconds``, ``step_seconds`` in
    metadata.json, the workbook's ``dcterms:created``/``modified``, the GEXF
    ``lastmodifieddate``, the report's date;
  - the input as bytes: the source path (another folder), ``input_sha256`` (the SHA-256
    of each input file, in metadata.json and in the report's method table) and
    ``content_hash`` (a hash of the tables as read, row order included: it is the app's
    cache key and says "these exact tables", not "this network");

- the layout positions of the cooperation and typed graphs (app and report pictures).

One case also runs as separate processes under two ``PYTHONHASHSEED`` values: there the
input is the same folder, so only the time of the run is masked.
"""

from __future__ import annotations

import csv
import dataclasses
import io
import json
import os
import random
import re
import shutil
import subprocess
import sys
import zipfile
from pathlib import Path

import networkx as nx
import pandas as pd
import pytest
from click.testing import CliRunner

from ess_graph.analysis import brokerage, communities, gaps, governance, mixing, opportunities
from ess_graph.analysis.evaluation import evaluate_ranking, split_ties
from ess_graph.cli import main
from ess_graph.demo import write_demo
from ess_graph.io.graph_formats import graph_for_export, graph_to_bytes
from ess_graph.io.read import read_network
from ess_graph.metrics import TABLE_ORDER, MetricsParameters, compute_metrics, write_metrics
from ess_graph.network import cooperation_graph, typed_graph
from ess_graph.report import territorial_report
from ess_graph.viz.layout import compute_layout

DEMO = Path(__file__).resolve().parent.parent / "data" / "demo"
SEEDS = (1, 2, 3)
#: A pays and a pôle of each network, for the reports.
SCOPES = {"demo": ("brest", "adess_brest"), "generated": ("rennes", "reso_solidaire")}
#: metadata.json keys that describe the run or the input bytes (see the module docstring).
RUN_KEYS = ("created", "run_seconds", "step_seconds")
INPUT_KEYS = ("source", "input_sha256", "content_hash")


def shuffled_copy(src: Path, dst: Path, seed: int) -> Path:
    """A copy of a CSV network folder with the rows of every table in a random order and,
    in links, source and target swapped on about half of the rows. Cells are copied as
    text, unchanged; other files (FICTIONAL.md) as they are."""
    rng = random.Random(seed)
    dst.mkdir(parents=True)
    for path in sorted(src.iterdir()):
        if path.suffix != ".csv":
            shutil.copy(path, dst / path.name)
            continue
        with path.open(encoding="utf-8", newline="") as f:
            header, *rows = list(csv.reader(f))
        original = [list(r) for r in rows]
        rng.shuffle(rows)
        if len(rows) > 2:
            assert rows != original  # the copy really is in another order
        if path.stem == "links":
            i, j = header.index("source"), header.index("target")
            for row in rows:
                if rng.random() < 0.5:
                    row[i], row[j] = row[j], row[i]
        with (dst / path.name).open("w", encoding="utf-8", newline="") as f:
            csv.writer(f, lineterminator="\n").writerows([header, *rows])
    return dst


class _Folders(dict):
    """name -> [original folder, its three shuffled copies], made on first use."""

    def __init__(self, root: Path) -> None:
        super().__init__()
        self.root = root

    def __missing__(self, name: str) -> list[Path]:
        src = DEMO
        if name == "generated":
            src = self.root / "generated"
            write_demo(src, 600, 2009)
        paths = [src] + [shuffled_copy(src, self.root / f"{name}_{s}", s) for s in SEEDS]
        self[name] = paths
        return paths


class _Metrics(dict):
    """name -> compute_metrics (default parameters: 1,000 permutations) of each folder."""

    def __init__(self, folders: _Folders) -> None:
        super().__init__()
        self.folders = folders

    def __missing__(self, name: str) -> list:
        self[name] = [
            compute_metrics(read_network(p), MetricsParameters()) for p in self.folders[name]
        ]
        return self[name]


@pytest.fixture(scope="module")
def folders(tmp_path_factory) -> _Folders:
    return _Folders(tmp_path_factory.mktemp("determinism"))


@pytest.fixture(scope="module")
def metrics(folders) -> _Metrics:
    return _Metrics(folders)


#: The demo runs by default; the generated network (600 structures) with the slow tests.
NETWORKS = ["demo", pytest.param("generated", marks=pytest.mark.slow)]


# Masks ------------------------------------------------------------------------------------
def _mask_metadata(data: bytes, *, input_too: bool) -> dict:
    meta = json.loads(data)
    for key in RUN_KEYS + (INPUT_KEYS if input_too else ()):
        assert key in meta  # a renamed key would silently stop being compared
        meta.pop(key)
    return meta


def _mask_xlsx(data: bytes) -> dict[str, bytes]:
    with zipfile.ZipFile(io.BytesIO(data)) as z:
        parts = {n: z.read(n) for n in sorted(z.namelist())}
    parts["docProps/core.xml"] = re.sub(
        rb"(<dcterms:(created|modified)[^>]*>)[^<]*", rb"\1TIME", parts["docProps/core.xml"]
    )
    return parts


def _mask_gexf(data: bytes) -> bytes:
    return re.sub(rb'lastmodifieddate="[^"]*"', b'lastmodifieddate="DATE"', data)


def _mask_report(html: str, source: Path | None) -> str:
    html = re.sub(r"\d{4}-\d\d-\d\d \d\d:\d\d", "DATE", html)
    if source is not None:
        # the report names its data by the file or folder name (never the path): masked
        # where it stands as a word (« à partir de : demo », a table cell, the command),
        # not inside another word or an attribute (class="banner demo")
        html = html.replace(str(source), "SOURCE")
        name = re.escape(Path(source).name)
        html = re.sub(rf"(?<=[\s>:]){name}(?=[\s<.,;)])", "SOURCE", html)
        html = re.sub(r"<code>[0-9a-f]{64}</code>", "<code>SHA256</code>", html)
    return html


def _file_contents(folder: Path, source: Path | None) -> dict[str, object]:
    """Every file under `folder`, masked as the module docstring says (`source` None: the
    input is the same folder, only the time of the run is masked)."""
    out: dict[str, object] = {}
    for path in sorted(p for p in folder.rglob("*") if p.is_file()):
        key = str(path.relative_to(folder))
        data = path.read_bytes()
        if path.name == "metadata.json":
            out[key] = _mask_metadata(data, input_too=source is not None)
        elif path.suffix == ".xlsx":
            out[key] = _mask_xlsx(data)
        elif path.suffix == ".gexf":
            out[key] = _mask_gexf(data)
        elif path.suffix == ".html":
            out[key] = _mask_report(data.decode("utf-8"), source)
        else:
            out[key] = data
    return out


# In-process ---------------------------------------------------------------------------------
@pytest.mark.parametrize("name", NETWORKS)
@pytest.mark.parametrize("copy", range(1, len(SEEDS) + 1))
def test_metrics_tables_are_identical(metrics, name, copy):
    base, other = metrics[name][0], metrics[name][copy]
    assert list(base.tables) == list(other.tables)
    for table, frame in base.tables.items():
        pd.testing.assert_frame_equal(frame, other.tables[table], check_exact=True, obj=table)
    # the figures the issue saw move
    network = base.tables["network"].iloc[0]
    assert (
        network["modularity_communities"]
        == other.tables["network"].iloc[0]["modularity_communities"]
    )
    assert _mask_metadata(
        json.dumps(base.metadata, default=str).encode(), input_too=True
    ) == _mask_metadata(json.dumps(other.metadata, default=str).encode(), input_too=True)


@pytest.mark.parametrize("name", NETWORKS)
def test_metrics_files_are_identical(metrics, tmp_path, name):
    contents = []
    for i, result in enumerate(metrics[name]):
        folder = tmp_path / str(i)
        write_metrics(result, folder / "csv", format="csv")
        write_metrics(result, folder / "xlsx", format="xlsx")
        contents.append(_file_contents(folder, source=Path("unused")))
    assert "csv/structures.csv" in contents[0] and "xlsx/metrics.xlsx" in contents[0]
    for other in contents[1:]:
        assert other == contents[0]


@pytest.mark.parametrize("name", NETWORKS)
def test_exported_graphs_are_identical(folders, metrics, name):
    outputs = []
    for path, result in zip(folders[name], metrics[name], strict=True):
        net = read_network(path)
        structures = result.tables["structures"]
        # as `ess-graph export` does: the metrics on the typed graph's structure nodes
        cols = [c for c in structures.columns if c not in ("name", "family", "sector")]
        cols = [c for c in cols if c not in ("territory", "pole")]
        G = graph_for_export(typed_graph(net), structures[cols])
        outputs.append(
            {
                "gexf": _mask_gexf(graph_to_bytes(G, "gexf")),
                "graphml": graph_to_bytes(G, "graphml"),
                "json": graph_to_bytes(G, "json"),
            }
        )
    for other in outputs[1:]:
        assert other == outputs[0]


@pytest.mark.parametrize("name", NETWORKS)
@pytest.mark.parametrize("scope", ["territory", "pole"])
def test_reports_are_identical(folders, name, scope):
    import datetime as dt

    when = dt.datetime(2026, 1, 15, 10, 0, tzinfo=dt.UTC)
    territory, pole = SCOPES[name]
    kwargs = {"territory": territory} if scope == "territory" else {"pole": pole}
    pages = [
        _mask_report(territorial_report(read_network(p), generated=when, **kwargs), p)
        for p in folders[name]
    ]
    assert "SHA256" in pages[0] and "SOURCE" in pages[0]  # the masks did apply
    for page in pages[1:]:
        assert page == pages[0]


def test_report_lists_the_poles_of_a_pays_whatever_their_row_order():
    # The demo has one pôle per pays; with two in Brest their lines must not follow the
    # order of the pôles table.
    import datetime as dt

    net = read_network(DEMO)
    extra = net.poles.iloc[[0]].assign(id="a_second_pole", name="Un second pôle")
    poles = pd.concat([net.poles, extra], ignore_index=True)
    pages = [
        territorial_report(
            dataclasses.replace(net, poles=frame.reset_index(drop=True)),
            territory="brest",
            generated=dt.datetime(2026, 1, 15, tzinfo=dt.UTC),
        )
        for frame in (poles, poles.iloc[::-1])
    ]
    assert "Un second pôle" in pages[0]
    assert pages[0] == pages[1]


def test_report_with_compare_is_identical(folders):
    # Section 6 (what changed): the earlier network is the same one with a seeded share
    # of its ties hidden, taken from each copy.
    import datetime as dt

    pages = []
    for path in folders["demo"][:3]:
        net = read_network(path)
        earlier = split_ties(net, method="random", fraction=0.2)[0]
        page = territorial_report(
            net, territory="brest", compare=earlier, generated=dt.datetime(2026, 1, 15)
        )
        pages.append(_mask_report(page, path))
    assert 'id="changes"' in pages[0]
    assert pages[1] == pages[0] and pages[2] == pages[0]


@pytest.mark.parametrize("method", ["random", "time"])
def test_evaluation_split_and_scores_are_identical(folders, method):
    nets = [read_network(p) for p in folders["demo"][:2]]
    hidden = [split_ties(n, method=method, seed=7)[1] for n in nets]
    pd.testing.assert_frame_equal(hidden[0], hidden[1], check_exact=True)
    scores = [evaluate_ranking(n, method=method, seed=7) for n in nets]
    pd.testing.assert_frame_equal(scores[0], scores[1], check_exact=True)
    assert scores[0].attrs == scores[1].attrs


@pytest.mark.parametrize("name", NETWORKS)
def test_layouts_are_identical(folders, name):
    positions = []
    for path in folders[name]:
        net = read_network(path)
        G, T = cooperation_graph(net), typed_graph(net)
        positions.append(
            [list(compute_layout(G).items()), list(compute_layout(T, method="force").items())]
        )
    for other in positions[1:]:
        assert other == positions[0]


def _rebuilt(G: nx.Graph, seed: int) -> nx.Graph:
    """The same graph with nodes and ties added in a random order, ends swapped."""
    rng = random.Random(seed)
    nodes = list(G.nodes(data=True))
    edges = [(v, u, d) if rng.random() < 0.5 else (u, v, d) for u, v, d in G.edges(data=True)]
    rng.shuffle(nodes)
    rng.shuffle(edges)
    H = nx.Graph()
    H.graph.update(G.graph)
    H.add_nodes_from(nodes)
    H.add_edges_from(edges)
    return H


def test_analysis_does_not_depend_on_the_order_of_the_graph():
    # The analysis functions take any graph, e.g. a subgraph iterating in hash order:
    # their values must not depend on the order nodes and ties were added.
    net = read_network(DEMO)
    G, T = cooperation_graph(net), typed_graph(net)
    H, U = _rebuilt(G, 1), _rebuilt(T, 2)
    assert list(H) != list(G)

    def by_id(frame: pd.DataFrame) -> pd.DataFrame:
        return frame.sort_values("id").reset_index(drop=True)

    for fn in (
        lambda g: brokerage.structure_centrality(g, exact_up_to=100, k=50),  # sampled
        brokerage.structure_centrality,
        communities.communities,
        lambda g: communities.communities(g, method="networkx"),
        mixing.structure_diversity,
    ):
        pd.testing.assert_frame_equal(by_id(fn(G)), by_id(fn(H)), check_exact=True)
    for fn in (
        communities.partition_summary,
        lambda g: mixing.ei_indices(g, n_permutations=200),
        gaps.gaps,
    ):
        pd.testing.assert_frame_equal(fn(G), fn(H), check_exact=True)
    pd.testing.assert_frame_equal(
        governance.pole_governance(G, T), governance.pole_governance(H, U), check_exact=True
    )
    pd.testing.assert_frame_equal(
        opportunities.opportunities(G, T, k=50), opportunities.opportunities(H, U, k=50)
    )


# Whole processes ----------------------------------------------------------------------------
COMMANDS = (
    ("metrics", "--out", "metrics_csv"),
    ("metrics", "--format", "xlsx", "--out", "metrics_xlsx"),
    ("export", "--out", "graph.gexf"),
    ("export", "--out", "graph.graphml"),
    ("export", "--out", "graph.json"),
)


def _commands(src: Path, out: Path, name: str) -> list[list[str]]:
    territory, pole = SCOPES[name]
    cmds = [[c[0], str(src), *c[1:-1], str(out / c[-1])] for c in COMMANDS]
    cmds.append(["report", str(src), "--territory", territory, "--out", str(out / "t.html")])
    cmds.append(["report", str(src), "--pole", pole, "--out", str(out / "p.html")])
    return cmds


@pytest.mark.slow
@pytest.mark.parametrize("name", ["demo", "generated"])
def test_command_files_are_identical_for_shuffled_rows(folders, tmp_path, name):
    runner = CliRunner()
    contents = []
    for i, src in enumerate(folders[name][:2]):  # the original and one shuffled copy
        out = tmp_path / str(i)
        for cmd in _commands(src, out, name):
            result = runner.invoke(main, cmd, catch_exceptions=False)
            assert result.exit_code == 0, result.output
        contents.append(_file_contents(out, source=src))
    # the tables + metadata.json, a workbook + metadata.json, 3 graph files, 2 reports
    assert len(contents[0]) == len(TABLE_ORDER) + 1 + 2 + 3 + 2
    assert contents[1] == contents[0]


@pytest.mark.slow
def test_command_files_are_identical_under_two_hash_seeds(folders, tmp_path):
    # Separate processes: Python's string hash (hence set and dict-of-set orders)
    # differs between them. The same input folder, so only the run's time is masked.
    src = folders["generated"][1]
    ess_graph = Path(sys.executable).parent / "ess-graph"
    contents = []
    for hash_seed in ("1", "2"):
        out = tmp_path / hash_seed
        env = {**os.environ, "PYTHONHASHSEED": hash_seed}
        for cmd in _commands(src, out, "generated"):
            subprocess.run([str(ess_graph), *cmd], check=True, env=env, capture_output=True)
        contents.append(_file_contents(out, source=None))
    assert len(contents[0]) == len(TABLE_ORDER) + 1 + 2 + 3 + 2
    assert contents[1] == contents[0]
