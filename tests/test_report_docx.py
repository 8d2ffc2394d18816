"""The diagnostic as an editable document (DOCX): opened with python-docx and checked
against the metrics, against the HTML page of the same content, and (where LibreOffice
is installed) converted to PDF and looked at.

Expected values come from `ess_graph.metrics.compute_metrics` and plain pandas counts
on the demo's tables (as tests/test_report.py does for the page); the colours of the
mixing table from `ess_graph.report.charts.ratio_colour` on the observed and expected
counts of `ess_graph.analysis.mixing.mixing_table`.
"""

from __future__ import annotations

import datetime as dt
import io
import shutil
import subprocess
import sys
import zipfile
from html import unescape
from html.parser import HTMLParser
from pathlib import Path

import docx
import pytest
from click.testing import CliRunner
from docx.oxml.ns import qn

sys.path.insert(0, str(Path(__file__).parent))  # tests/hostile.py
from hostile import HOSTILE, hostile_network, replaced

from ess_graph.analysis import mixing
from ess_graph.cli import main
from ess_graph.i18n import t
from ess_graph.io.read import read_network
from ess_graph.metrics import MetricsParameters, compute_metrics
from ess_graph.network import cooperation_graph, induced_subgraph
from ess_graph.report import (
    SECTION_KEYS,
    render_docx,
    render_html,
    report_content,
)
from ess_graph.report.charts import ratio_colour

DEMO = Path(__file__).resolve().parent.parent / "data" / "demo"
WHEN = dt.datetime(2026, 1, 15, 10, 0, tzinfo=dt.UTC)


@pytest.fixture(scope="module")
def demo():
    return read_network(DEMO)


@pytest.fixture(scope="module")
def brest(demo):
    """The content of Brest's diagnostic, its page and its document."""
    content = report_content(demo, territory="brest", generated=WHEN)
    return content, render_html(content), render_docx(content)


def _open(data: bytes) -> docx.document.Document:
    return docx.Document(io.BytesIO(data))


def _headings(document, level: int) -> list[str]:
    return [p.text for p in document.paragraphs if p.style.name == f"Heading {level}"]


def _rows(table) -> list[list[str]]:
    return [[c.text for c in row.cells] for row in table.rows]


class _Headings(HTMLParser):
    """The texts of the page's h3 and h4 headings, in order."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.level: int | None = None
        self.texts: list[tuple[int, str]] = []

    def handle_starttag(self, tag, attrs):
        if tag in ("h3", "h4"):
            self.level = int(tag[1])
            self.texts.append((self.level, ""))

    def handle_endtag(self, tag):
        if tag in ("h3", "h4"):
            self.level = None

    def handle_data(self, data):
        if self.level is not None:
            level, text = self.texts[-1]
            self.texts[-1] = (level, text + data)


def test_headings_are_the_sections_of_the_page(brest):
    _content, html, data = brest
    document = _open(data)
    assert _headings(document, 1) == [
        f"{i}. {t(f'report.section.{key}', 'fr')}" for i, key in enumerate(SECTION_KEYS, 1)
    ]
    title = next(p.text for p in document.paragraphs if p.style.name == "Title")
    assert title == t("report.title", "fr")
    # Every heading under a section is the page's, in the same order (one content).
    parser = _Headings()
    parser.feed(html)
    page = [(level, " ".join(text.split())) for level, text in parser.texts]
    document_headings = [
        (3 if p.style.name == "Heading 2" else 4, " ".join(p.text.split()))
        for p in document.paragraphs
        if p.style.name in ("Heading 2", "Heading 3")
    ]
    assert document_headings == page
    assert document.core_properties.title.endswith("Brest")
    assert document.core_properties.language == "fr-FR"


def test_key_figures_table_against_the_metrics(demo, brest):
    _content, _html, data = brest
    document = _open(data)
    table = compute_metrics(demo, MetricsParameters(n_permutations=0)).tables["structures"]
    mine = table[table["territory"] == "brest"]
    network = compute_metrics(demo, MetricsParameters(n_permutations=0)).tables["network"]
    figures = {row[0]: row[1:] for row in _rows(document.tables[0])}
    assert _rows(document.tables[0])[0] == [
        t("report.col.figure", "fr"),
        t("report.col.scope.territory", "fr"),
        t("report.col.region", "fr"),
    ]
    structures = figures[t("report.fig.structures", "fr")]
    assert structures == [str(len(mine)), str(int(network["structures"].iloc[0]))]
    isolates = figures[t("report.fig.isolates", "fr")]
    assert isolates == [
        str(int((mine["degree"] == 0).sum())),
        str(int(network["isolates"].iloc[0])),
    ]
    # Ties inside Brest, counted from the cooperation graph.
    G = cooperation_graph(demo)
    inside = induced_subgraph(G, mine["id"]).number_of_edges()
    assert figures[t("report.fig.ties_inside", "fr")][0] == str(inside)


def test_family_and_sector_tables_count_the_structures(demo, brest):
    _content, _html, data = brest
    document = _open(data)
    s = demo.structures
    mine = s[s["territory"] == "brest"]
    family_head = t("report.col.family", "fr")
    family = next(tb for tb in document.tables if tb.rows[0].cells[0].text == family_head)
    counts = {row[0]: int(row[1]) for row in _rows(family)[1:]}
    for code, n in mine["family"].value_counts().items():
        assert counts[t(f"report.family.{code}", "fr")] == n
    sector_head = t("report.col.sector", "fr")
    sectors = next(
        tb
        for tb in document.tables
        if tb.rows[0].cells[0].text == sector_head and tb.rows[0].cells[1].text == "Nombre"
    )
    names = dict(zip(demo.sectors["id"], demo.sectors["name"], strict=True))
    counts = {row[0].replace(" ⚠", ""): int(row[1]) for row in _rows(sectors)[1:]}
    for code, n in mine["sector"].value_counts().items():
        assert counts[names[code]] == n


def test_charts_are_pictures_and_tables_hold_no_chart_column(brest):
    content, _html, data = brest
    document = _open(data)
    charted = [
        b
        for s in content.sections
        for b in _walk(s.children)
        if getattr(b, "kind", "") == "table" and b.has_charts
    ]
    assert len(charted) == 3  # families, sectors, E-I by sector
    assert len(document.inline_shapes) == len(charted)
    for shape in document.inline_shapes:
        assert abs(shape.width.mm - 170) < 0.5
    with zipfile.ZipFile(io.BytesIO(data)) as package:
        pictures = [n for n in package.namelist() if n.startswith("word/media/")]
        assert len(pictures) == 3
        assert all(package.read(n)[:8] == b"\x89PNG\r\n\x1a\n" for n in pictures)
    # The chart column of the page ("Graphique") is not a table column of the document.
    chart = t("report.col.chart", "fr")
    assert all(chart not in row for tb in document.tables for row in _rows(tb)[:1])


def _walk(blocks):
    for b in blocks:
        yield b
        if getattr(b, "kind", "") == "block":
            yield from _walk(b.children)


def test_mixing_cells_are_shaded_by_observed_and_expected_ties(demo, brest):
    _content, _html, data = brest
    document = _open(data)
    G = cooperation_graph(demo)
    ids = demo.structures.loc[demo.structures["territory"] == "brest", "id"]
    expected = {}
    for row in mixing.mixing_table(induced_subgraph(G, ids), attribute="sector").itertuples():
        expected[row.group_a, row.group_b] = expected[row.group_b, row.group_a] = (
            int(row.observed),
            float(row.expected),
        )
    matrix = next(tb for tb in document.tables if tb.rows[0].cells[1].text == "1")
    names = dict(zip(demo.sectors["name"], demo.sectors["id"], strict=True))
    order = [
        names[row.cells[0].text.split("\u00a0", 1)[1].replace(" ⚠", "")] for row in matrix.rows[1:]
    ]
    checked = 0
    for i, a in enumerate(order, start=1):
        for j, b in enumerate(order, start=1):
            cell = matrix.rows[i].cells[j]
            obs, exp = expected.get((a, b), (0, 0.0))
            assert cell.text.split("\n")[0] == str(obs)
            fill = cell._tc.tcPr.find(qn("w:shd")).get(qn("w:fill"))
            assert "#" + fill.lower() == ratio_colour(obs, exp)[0]
            checked += 1
    assert checked == len(order) ** 2 >= 4


def test_same_content_same_bytes(demo, brest):
    _content, _html, data = brest
    again = render_docx(report_content(demo, territory="brest", generated=WHEN))
    assert again == data


def test_english_document(demo):
    document = _open(
        render_docx(report_content(demo, pole="adess_brest", lang="en", generated=WHEN))
    )
    assert _headings(document, 1)[0] == f"1. {t('report.section.figures', 'en')}"
    assert document.core_properties.language == "en-GB"
    text = "\n".join(p.text for p in document.paragraphs)
    assert t("report.section.figures", "fr") not in text


def test_hostile_names_stay_readable_and_the_file_opens():
    """A control character pasted in a name would make Word refuse the file: it becomes
    one U+FFFD; emoji and right-to-left text stay as they are."""
    texts = {k: v for k, v in HOSTILE.items() if k != "surrogate"}
    net = hostile_network(texts)
    for scope in ({"territory": "brest"}, {"pole": "p1"}):
        content = report_content(net, **scope, generated=WHEN)
        document = _open(render_docx(content))
        body = "\n".join(
            [p.text for p in document.paragraphs]
            + [c.text for tb in document.tables for row in tb.rows for c in row.cells]
        )
        html = unescape(render_html(content))
        shown = [key for key in ("escape", "c0", "rtl") if replaced(texts[key]) in html]
        assert len(shown) >= 2, shown  # the pôle's and the sectors' names
        for key in shown:
            # Word keeps a carriage return as a line break (read back as "\n").
            assert replaced(texts[key]).replace("\r", "\n") in body, key
        assert "\x1b" not in body


@pytest.mark.parametrize("option", [[], ["--format", "docx"]])
def test_cli_writes_the_document(tmp_path, option):
    out = tmp_path / ("brest.docx" if not option else "brest.out")
    result = CliRunner().invoke(
        main, ["report", str(DEMO), "--territory", "brest", "--out", str(out), *option]
    )
    assert result.exit_code == 0, result.output
    document = _open(out.read_bytes())
    assert _headings(document, 1)[-1] == f"8. {t('report.section.method', 'fr')}"


@pytest.mark.skipif(shutil.which("soffice") is None, reason="LibreOffice not installed")
@pytest.mark.parametrize("scope", [{"territory": "brest"}, {"pole": "adess_brest"}])
def test_libreoffice_opens_and_prints_the_document(demo, scope, tmp_path):
    """LibreOffice (headless) converts the document to PDF: its pages hold the title, every
    section and every row of every table, and the first page is not blank. (LibreOffice
    7.4 printed no row of a table whose repeated header row could not split.)"""
    data = render_docx(report_content(demo, **scope, generated=WHEN))
    source = tmp_path / "brest.docx"
    source.write_bytes(data)
    profile = tmp_path / "profile"  # its own profile: no clash with another LibreOffice
    subprocess.run(
        [
            "soffice",
            f"-env:UserInstallation=file://{profile}",
            "--headless",
            "--convert-to",
            "pdf",
            "--outdir",
            str(tmp_path),
            str(source),
        ],
        check=True,
        capture_output=True,
        timeout=180,
    )
    pdf = tmp_path / "brest.pdf"
    text = subprocess.run(
        ["pdftotext", str(pdf), "-"], check=True, capture_output=True, text=True
    ).stdout
    assert "Diagnostic territorial" in text
    for i, key in enumerate(SECTION_KEYS, start=1):
        assert f"{i}. {t(f'report.section.{key}', 'fr')}" in text, key
    # Every row of every table is printed (its first cell's text is on a page).
    words = " ".join(text.replace("\u00a0", " ").split())
    document = _open(data)
    for table in document.tables:
        for row in table.rows[1:]:
            first = " ".join(row.cells[0].text.replace("\u00a0", " ").split())
            assert first in words, first
    pages = int(
        next(
            line.split()[-1]
            for line in subprocess.run(
                ["pdfinfo", str(pdf)], check=True, capture_output=True, text=True
            ).stdout.splitlines()
            if line.startswith("Pages:")
        )
    )
    assert 4 <= pages <= 20
    subprocess.run(
        ["pdftoppm", "-r", "30", "-gray", "-f", "1", "-l", "1", str(pdf), str(tmp_path / "p")],
        check=True,
    )
    image = next(tmp_path.glob("p*.pgm")).read_bytes()
    # A P5 (binary grey) picture: header of three lines, then one byte per pixel.
    pixels = image.split(b"\n", 3)[3]
    dark = sum(1 for b in pixels if b < 128)
    assert dark > 0.005 * len(pixels)  # text and the title's colour, not a white page
