"""Every file a command writes from hostile text opens in its reader and reads back
(issue 10, item 5): `metrics` (csv, xlsx), `export` (gexf, graphml, json), `report`,
`workspace export` (csv, xlsx).

The input is the hostile network of tests/hostile.py written as plain CSV files by the
csv module, as another program would, without two of its texts that no such file can
bring today: a lone surrogate (UTF-8 cannot encode it) and NUL (today's reader calls a
file holding one binary). The pôle and sector names are padded for the same reason
(today's reader calls a short file with more than 1 % controls binary; issue 10, item 2).
The writers get both from memory in tests/io/test_write.py and tests/io/test_graph_formats.py.
"""

from __future__ import annotations

import csv
import io
import json
import zipfile
from html import escape
from html.parser import HTMLParser
from pathlib import Path

import defusedxml.ElementTree
import networkx as nx
import openpyxl
import pytest
from click.testing import CliRunner
from hostile import (
    HOSTILE,
    expected_back,
    hostile_network,
    html_expected,
    replaced,
    write_plain_csv,
)

from ess_graph.cli import main
from ess_graph.io.graph_formats import read_graph
from ess_graph.io.read import read_network
from ess_graph.safe_text import HTML_FORBIDDEN, XML_FORBIDDEN

TEXTS = {k: v.replace("\x00", "") for k, v in HOSTILE.items() if k != "surrogate"}
PAD = " " + "p" * 3000


@pytest.fixture(scope="module")
def source(tmp_path_factory) -> Path:
    net = hostile_network(TEXTS)
    net.poles["name"] = [TEXTS["escape"] + PAD]
    net.sectors["name"] = [TEXTS["c0"] + PAD, TEXTS["rtl"]]
    folder = tmp_path_factory.mktemp("hostile") / "net"
    write_plain_csv(net, folder)
    assert read_network(folder).problems == []  # the input itself is read whole
    return folder


def _run(*args: str):
    result = CliRunner().invoke(main, list(args), catch_exceptions=False)
    assert result.exit_code == 0, result.output
    return result


def _csv_rows(data: bytes) -> list[list[str]]:
    limit = csv.field_size_limit(1 << 30)
    try:
        return list(csv.reader(io.StringIO(data.decode("utf-8"), newline="")))
    finally:
        csv.field_size_limit(limit)


def _inert(text: str) -> str:
    return "'" + text if text[:1] in "=+-@\t\r" else text


NAMES = list(TEXTS.values())  # the names of s00, s01... in order


def test_metrics_csv(source, tmp_path):
    _run("metrics", str(source), "--out", str(tmp_path), "--permutations", "0")
    written = 0
    for file in sorted(tmp_path.glob("*.csv")):
        rows = _csv_rows(file.read_bytes())  # strict UTF-8, parsed by the csv module
        written += sum(cell.count("\ufffd") for row in rows for cell in row)
    rows = _csv_rows((tmp_path / "structures.csv").read_bytes())
    names = {r[0]: r[1] for r in rows[1:]}
    assert [names[f"s{i:02d}"] for i in range(len(NAMES))] == [replaced(_inert(n)) for n in NAMES]
    meta = json.loads((tmp_path / "metadata.json").read_bytes().decode("utf-8"))
    # Each U+FFFD in the tables is one replacement reported (the input held none).
    assert meta["characters_replaced"]["characters"] == written > 0
    assert set(meta["characters_replaced"]["by_character"]) <= {
        f"U+{c:04X}" for c in [*range(1, 9), 0x0B, 0x0C, *range(0x0E, 0x20), 0xFFFE, 0xFFFF]
    }


def test_metrics_xlsx(source, tmp_path):
    _run("metrics", str(source), "--out", str(tmp_path), "--format", "xlsx", "--permutations", "0")
    with zipfile.ZipFile(tmp_path / "metrics.xlsx") as archive:
        for name in archive.namelist():
            if name.endswith(".xml"):
                data = archive.read(name)
                assert XML_FORBIDDEN.search(data.decode("utf-8")) is None, name
                defusedxml.ElementTree.fromstring(data)
    sheet = openpyxl.load_workbook(tmp_path / "metrics.xlsx")["structures"]
    names = {row[0]: row[1] for row in sheet.iter_rows(min_row=2, values_only=True)}
    assert [names[f"s{i:02d}"] for i in range(len(NAMES))] == [
        expected_back(_inert(n), "xlsx") for n in NAMES
    ]
    meta = json.loads((tmp_path / "metadata.json").read_text(encoding="utf-8"))
    assert meta["characters_replaced"]["cells_cut_to_32767_characters"] >= 1  # the 200 kB name


@pytest.mark.parametrize("fmt", ["gexf", "graphml", "json"])
def test_export_graph_reads_back_every_name_exactly(source, tmp_path, fmt):
    out = tmp_path / f"net.{fmt}"
    _run("export", str(source), "--out", str(out))
    data = out.read_bytes()
    if fmt == "json":
        json.loads(data.decode("utf-8"))
    else:
        assert XML_FORBIDDEN.search(data.decode("utf-8")) is None
        defusedxml.ElementTree.fromstring(data)
        getattr(nx, f"read_{fmt}")(io.BytesIO(data))  # networkx's reader, as Gephi
    G = read_graph(out)
    assert [G.nodes[f"s{i:02d}"]["name"] for i in range(len(NAMES))] == NAMES  # lossless


class _Text(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.text: list[str] = []

    def handle_data(self, data: str) -> None:
        self.text.append(data)


def test_report(source, tmp_path):
    out = tmp_path / "brest.html"
    _run("report", str(source), "--territory", "brest", "--out", str(out))
    html = out.read_bytes().decode("utf-8")
    assert HTML_FORBIDDEN.search(html) is None
    parser = _Text()
    parser.feed(html)
    assert parser.text
    assert escape(html_expected(TEXTS["escape"] + PAD)) in html  # the pôle's name


@pytest.mark.parametrize("fmt", ["csv", "xlsx"])
def test_workspace_export(source, tmp_path, fmt):
    ws = str(tmp_path / "w.sqlite")
    _run("workspace", "--file", ws, "init")
    _run("workspace", "--file", ws, "import", str(source), "--yes")
    out = tmp_path / ("export.xlsx" if fmt == "xlsx" else "export")
    result = _run(
        "workspace", "--file", ws, "--lang", "en", "export", "--out", str(out), "--format", fmt
    )
    assert "replaced by U+FFFD" in result.stderr
    back = read_network(out)
    assert back.problems == []
    names = dict(zip(back.structures["id"], back.structures["name"], strict=True))
    assert [names[f"s{i:02d}"] for i in range(len(NAMES))] == [expected_back(n, fmt) for n in NAMES]
    assert back.links["note"].tolist() == [expected_back(n, fmt) for n in NAMES]
