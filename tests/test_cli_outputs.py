"""Every file a command writes from hostile text opens in its reader and reads back
(issue 10, item 5): `metrics` (csv, xlsx), `export` (gexf, graphml, json), `report`,
`workspace export` (csv, xlsx).

The input is the hostile network of tests/hostile.py written as plain CSV files by the
csv module, as another program would, without the lone surrogate (UTF-8 cannot encode
it). The reader removes its control characters with a warning (`hostile.as_read`), so
what the commands write holds the rest: formula-like text, a 200 kB note, emoji,
right-to-left text, tabs and line breaks. The writers get the control characters
themselves from memory in tests/io/test_write.py and tests/io/test_graph_formats.py.
"""

from __future__ import annotations

import csv
import io
import json
import sys
import zipfile
from html import escape
from html.parser import HTMLParser
from pathlib import Path

import defusedxml.ElementTree
import networkx as nx
import openpyxl
import pytest
from click.testing import CliRunner

sys.path.insert(0, str(Path(__file__).parent))  # tests/hostile.py, whatever pytest's import mode
from hostile import HOSTILE, ODD_COLUMN, as_read, expected_back, hostile_network, write_plain_csv

from ess_graph.cli import main
from ess_graph.io.graph_formats import read_graph
from ess_graph.io.read import read_network
from ess_graph.safe_text import UNWRITABLE, XML_FORBIDDEN

TEXTS = {k: v for k, v in HOSTILE.items() if k != "surrogate"}


@pytest.fixture(scope="module")
def source(tmp_path_factory) -> Path:
    folder = tmp_path_factory.mktemp("hostile") / "net"
    write_plain_csv(hostile_network(TEXTS), folder)
    net = read_network(folder)  # every row kept; each control character said and removed
    assert {p.code for p in net.problems} == {"control_characters"}
    assert len(net.structures) == len(net.links) == len(TEXTS)
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


NAMES = [as_read(t) for t in TEXTS.values()]  # the names of s00, s01... as read


def test_metrics_csv(source, tmp_path):
    result = _run("metrics", str(source), "--out", str(tmp_path), "--permutations", "0")
    assert "\x1b" not in result.stderr  # the reader's warnings name code points
    for file in sorted(tmp_path.glob("*.csv")):
        rows = _csv_rows(file.read_bytes())  # strict UTF-8, parsed by the csv module
        assert not any(UNWRITABLE.search(cell) for row in rows for cell in row), file.name
    rows = _csv_rows((tmp_path / "structures.csv").read_bytes())
    names = {r[0]: r[1] for r in rows[1:]}
    assert [names[f"s{i:02d}"] for i in range(len(NAMES))] == [_inert(n) for n in NAMES]
    meta = json.loads((tmp_path / "metadata.json").read_bytes().decode("utf-8"))
    assert meta["characters_replaced"]["characters"] == 0  # the reader removed them all
    assert {p["message"][:26] for p in meta["problems"]} == {"control characters removed"}


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
    assert UNWRITABLE.search(html) is None
    parser = _Text()
    parser.feed(html)
    assert parser.text
    assert escape(as_read(TEXTS["escape"])) in html  # the pôle's name
    assert escape(as_read(TEXTS["rtl"])) in html  # a sector's name


@pytest.mark.parametrize("fmt", ["csv", "xlsx"])
def test_workspace_export(source, tmp_path, fmt):
    ws = str(tmp_path / "w.sqlite")
    _run("workspace", "--file", ws, "init")
    _run("workspace", "--file", ws, "import", str(source), "--yes")
    out = tmp_path / ("export.xlsx" if fmt == "xlsx" else "export")
    result = _run(
        "workspace", "--file", ws, "--lang", "en", "export", "--out", str(out), "--format", fmt
    )
    # The reader cleans a column name as it cleans cells: "remarque\x01" is imported as
    # "remarque" (with a warning), so the workspace holds nothing the writers must replace.
    assert "cannot hold" not in result.stderr
    back = read_network(out)
    assert ODD_COLUMN.replace("\x01", "") in back.structures.columns
    assert back.problems == []
    names = dict(zip(back.structures["id"], back.structures["name"], strict=True))
    assert [names[f"s{i:02d}"] for i in range(len(NAMES))] == [expected_back(n, fmt) for n in NAMES]
    assert back.links["note"].tolist() == [expected_back(n, fmt) for n in NAMES]
