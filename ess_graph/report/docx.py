"""The diagnostic as an editable document (DOCX), from the same `ReportContent` as the page.

Coordinators write their préfiguration study in a word processor: this writes the
diagnostic as a Word document (python-docx; Word and LibreOffice open it) that they can
edit and extend. Headings are Word headings (the navigation pane lists them), tables are
real tables (their header row repeats on each page), figures of the HTML's table cells
become one picture per table (`chart_png`, drawn with matplotlib's object API, with its
own legend), the sector mixing table keeps its colours as cell shading.

Every text of the content goes through `ess_graph.safe_text.writable_text`: a character
XML forbids (a control pasted into a name) becomes U+FFFD instead of a file Word refuses.
"""

from __future__ import annotations

import io
import math
import zipfile
from typing import Any

from docx import Document
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Mm, Pt, RGBColor

from ess_graph.report import charts
from ess_graph.report.model import (
    Block,
    Bullets,
    Cell,
    EiBar,
    Heading,
    Para,
    RatioLegend,
    ReportContent,
    Run,
    Table,
    plain,
)
from ess_graph.safe_text import writable_text

#: Body text, as the HTML's (Word substitutes a sans-serif where Arial is missing).
FONT = "Arial"
MONO = "Courier New"
#: Width of the text on an A4 page with 15 mm margins.
TEXT_WIDTH_MM = 180
#: Width of one character of a table (9 pt Arial), with the cell's padding shared out.
_CHAR_MM = 1.9
#: Width of a chart picture.
CHART_WIDTH_MM = 170
#: Resolution of the chart pictures (sharp in print, ~100 kB each).
CHART_DPI = 200

_MUTED = RGBColor(0x55, 0x55, 0x55)
_WARN = RGBColor(0x8A, 0x3B, 0x00)
_OK = RGBColor(0x2E, 0x7D, 0x32)
_ALERT = RGBColor(0x6D, 0x00, 0x14)
_ACCENT = RGBColor(0x1F, 0x5F, 0x99)

_LANG_TAGS = {"fr": "fr-FR", "en": "en-GB"}


def _text(value: Any) -> str:
    return writable_text("" if value is None else str(value))


def _rgb(hex_colour: str) -> RGBColor:
    return RGBColor.from_string(hex_colour.lstrip("#").upper())


#: Children of a table row's, cell's and paragraph's properties that must come after the
#: ones added here (WordprocessingML fixes their order; Word refuses a file otherwise).
_AFTER = {
    "w:cantSplit": ("w:trHeight", "w:tblHeader", "w:tblCellSpacing", "w:jc", "w:hidden"),
    "w:tblHeader": ("w:tblCellSpacing", "w:jc", "w:hidden"),
    "w:shd": (
        # in a cell's properties
        "w:noWrap",
        "w:tcMar",
        "w:textDirection",
        "w:tcFitText",
        "w:vAlign",
        "w:hideMark",
        # in a paragraph's properties
        "w:tabs",
        "w:suppressAutoHyphens",
        "w:kinsoku",
        "w:wordWrap",
        "w:overflowPunct",
        "w:topLinePunct",
        "w:autoSpaceDE",
        "w:autoSpaceDN",
        "w:bidi",
        "w:adjustRightInd",
        "w:snapToGrid",
        "w:spacing",
        "w:ind",
        "w:contextualSpacing",
        "w:mirrorIndents",
        "w:suppressOverlap",
        "w:jc",
        "w:textDirection",
        "w:textAlignment",
        "w:textboxTightWrap",
        "w:outlineLvl",
        "w:divId",
        "w:cnfStyle",
        "w:rPr",
        "w:sectPr",
        "w:pPrChange",
    ),
}


def _set(props: Any, tag: str, **attributes: str) -> None:
    """Add ``<tag>`` to ``props`` in its place (before the children `_AFTER` names)."""
    element = OxmlElement(tag)
    for name, value in attributes.items():
        element.set(qn(f"w:{name}"), value)
    after = {qn(t) for t in _AFTER.get(tag, ())}
    for child in props:
        if child.tag in after:
            child.addprevious(element)
            return
    props.append(element)


def _shade(element: Any, fill: str) -> None:
    """Background ``fill`` ("#rrggbb") of a table cell or a paragraph (``w:shd``)."""
    props = element.get_or_add_tcPr() if element.tag == qn("w:tc") else element.get_or_add_pPr()
    _set(props, "w:shd", val="clear", color="auto", fill=fill.lstrip("#").upper())


def _add_runs(paragraph: Any, runs: list[Run], *, size: float | None = None) -> None:
    for r in runs:
        kind = "text" if isinstance(r, str) else r.kind
        if kind == "break":
            (paragraph.runs[-1] if paragraph.runs else paragraph.add_run()).add_break()
            continue
        if kind == "mark":
            run = paragraph.add_run(" ⚠")
            run.font.color.rgb = _WARN
        elif kind == "text":
            run = paragraph.add_run(_text(r))
        else:
            run = paragraph.add_run(_text(r.text))  # type: ignore[union-attr]
            if kind == "strong":
                run.bold = True
            elif kind == "code":
                run.font.name = MONO
                run.font.size = Pt(7.5)
        if size is not None and kind != "code":
            run.font.size = Pt(size)


_PARA_STYLES: dict[str, tuple[RGBColor | None, float | None, bool]] = {
    # style: (colour, size, italic)
    "explain": (_MUTED, 8.8, False),
    "note": (None, None, False),
    "note warn": (_WARN, None, False),
    "verdict warn": (_WARN, None, False),
    "verdict ok": (_OK, None, False),
    "none": (_MUTED, None, True),
    "more": (_MUTED, None, False),
}


def _para(doc: Any, block: Para) -> None:
    p = doc.add_paragraph()
    colour, size, italic = _PARA_STYLES.get(block.style, (None, None, False))
    _add_runs(p, block.runs, size=size)
    for run in p.runs:
        if colour is not None:
            run.font.color.rgb = colour
        if italic:
            run.italic = True
    if block.style.startswith("note"):
        _shade(p._p, "#FFF3E8" if "warn" in block.style else "#F6F6F6")
    if block.style == "explain":
        p.paragraph_format.keep_with_next = True


def _no_split(row: Any) -> None:
    """A row is never cut across two pages (``w:cantSplit``)."""
    _set(row._tr.get_or_add_trPr(), "w:cantSplit", val="true")


def _repeat_header(row: Any) -> None:
    """The table's first row repeats at the top of each page (``w:tblHeader``)."""
    _set(row._tr.get_or_add_trPr(), "w:tblHeader", val="true")


def _cell(cell_out: Any, cell: Cell, *, numeric: bool, row_style: str) -> None:
    p = cell_out.paragraphs[0]
    if cell.heat is not None:
        bg, fg = charts.ratio_colour(cell.heat.observed, cell.heat.expected)
        _shade(cell_out._tc, bg)
        p.alignment = WD_ALIGN_PARAGRAPH.CENTER
        bold = p.add_run(_text(cell.runs[0]))
        bold.bold = True
        small = p.add_run("\n" + _text(cell.runs[2]))
        small.font.size = Pt(7)
        for run in (bold, small):
            run.font.color.rgb = _rgb(fg)
        return
    _add_runs(p, cell.runs, size=8 if cell.small else 9)
    if numeric or cell.num:
        p.alignment = WD_ALIGN_PARAGRAPH.RIGHT
    for run in p.runs:
        if cell.head or row_style in ("total", "above"):
            run.bold = True
        if row_style == "above" and (cell.num or cell.head):
            run.font.color.rgb = _WARN


def _table(doc: Any, block: Table) -> None:
    # Chart cells become one picture under the table; their column is left out.
    columns = [
        i
        for i in range(len(block.headers))
        if not any(len(r.cells) > i and r.cells[i].chart is not None for r in block.rows)
    ]
    table = doc.add_table(rows=1 if any(block.headers) else 0, cols=len(columns))
    table.style = "Table Grid"
    table.alignment = WD_TABLE_ALIGNMENT.LEFT
    table.autofit = False
    widths = _widths(block, columns)
    for column, width in zip(table.columns, widths, strict=True):
        column.width = width
    if any(block.headers):
        header = table.rows[0]
        _repeat_header(header)
        for cell_out, i in zip(header.cells, columns, strict=True):
            p = cell_out.paragraphs[0]
            run = p.add_run(_text(block.headers[i]))
            run.bold = True
            run.font.size = Pt(8.5)
            if i in block.numeric:
                p.alignment = WD_ALIGN_PARAGRAPH.RIGHT
            _shade(cell_out._tc, "#E8EEF5")
    for row in block.rows:
        cells_out = table.add_row().cells
        for cell_out, i in zip(cells_out, columns, strict=True):
            _cell(cell_out, row.cells[i], numeric=i in block.numeric, row_style=row.style)
    # Word reads the widths of the cells, LibreOffice those of the grid: set both.
    for row_out, row in zip(table.rows[1 if any(block.headers) else 0 :], block.rows, strict=True):
        if any(len(plain(c.runs)) > 30 for c in row.cells):
            # A row of several lines stays whole. Never the header row: LibreOffice 7.4
            # prints none of a table's rows when its repeated header is marked so.
            _no_split(row_out)
    for row_out in table.rows:
        for cell_out, width in zip(row_out.cells, widths, strict=True):
            cell_out.width = width
            if block.keep or block.has_charts:
                # A table read whole stays on one page, with the chart drawn from it.
                for p in cell_out.paragraphs:
                    p.paragraph_format.keep_with_next = True
    if block.has_charts:
        doc.add_picture(io.BytesIO(chart_png(block)), width=Mm(CHART_WIDTH_MM))
    doc.add_paragraph()  # a gap after the table (Word glues the next text to it otherwise)


def _widths(block: Table, columns: list[int]) -> list[Any]:
    """Column widths on the page: a column of short texts (numbers, yes/no) as wide as
    its longest text or header word; the others share the rest of the page in
    proportion to their longest text (at most 40 characters counted)."""
    fixed: dict[int, float] = {}
    share: dict[int, int] = {}
    for k, i in enumerate(columns):
        lines = [
            line
            for row in block.rows
            if len(row.cells) > i
            for line in plain(row.cells[i].runs).split("\n")
        ]
        longest = max((len(x) for x in lines), default=0)
        word = max((len(w) for w in block.headers[i].split()), default=0)
        small = any(len(r.cells) > i and r.cells[i].small for r in block.rows)
        if longest <= 12:
            fixed[k] = (max(longest, word) + 2) * _CHAR_MM
        else:
            # Explanations in small type take more of the page than names.
            share[k] = min(longest, 90 if small else 40)
    free = TEXT_WIDTH_MM - sum(fixed.values())
    if share and free < 40 * len(share):  # text columns keep at least 40 mm each
        scale = (TEXT_WIDTH_MM - 40 * len(share)) / max(sum(fixed.values()), 1)
        fixed = {k: w * max(scale, 0.3) for k, w in fixed.items()}
        free = TEXT_WIDTH_MM - sum(fixed.values())
    elif not share and free < 0:
        fixed = {k: w * TEXT_WIDTH_MM / sum(fixed.values()) for k, w in fixed.items()}
        free = 0
    total = sum(share.values())
    return [
        Mm(fixed[k]) if k in fixed else Mm(free * share[k] / total) for k in range(len(columns))
    ]


def _ratio_legend(doc: Any, block: RatioLegend) -> None:
    p = doc.add_paragraph()
    _add_runs(p, [block.fewer + " "], size=8.5)
    for colour in charts.ratio_scale():
        run = p.add_run("█")
        run.font.color.rgb = _rgb(colour)
    _add_runs(p, [" " + block.more + " (" + block.as_expected + " : □)"], size=8.5)
    for run in p.runs:
        if run.text != "█":
            run.font.color.rgb = _MUTED


def _bullets(doc: Any, block: Bullets) -> None:
    for item in block.items:
        _add_runs(doc.add_paragraph(style="List Bullet"), item)


def _blocks(doc: Any, children: list[Any]) -> None:
    for b in children:
        if isinstance(b, Para):
            _para(doc, b)
        elif isinstance(b, Heading):
            text = b.text + (f" {b.count.text}" if b.count else "")
            doc.add_heading(_text(text), level=2 if b.level <= 3 else 3)
        elif isinstance(b, Table):
            _table(doc, b)
        elif isinstance(b, Bullets):
            _bullets(doc, b)
        elif isinstance(b, RatioLegend):
            _ratio_legend(doc, b)
        elif isinstance(b, Block):
            _blocks(doc, b.children)
        else:  # pragma: no cover - a new block kind must be laid out here too
            raise TypeError(f"no DOCX layout for {type(b).__name__}")


def _setup(doc: Any, content: ReportContent) -> None:
    section = doc.sections[0]
    section.page_width, section.page_height = Mm(210), Mm(297)
    for side in ("left_margin", "right_margin", "top_margin", "bottom_margin"):
        setattr(section, side, Mm(15))
    normal = doc.styles["Normal"]
    normal.font.name = FONT
    normal.font.size = Pt(10)
    # The language of the text, for the spelling checker of Word and LibreOffice.
    r_pr = normal.element.get_or_add_rPr()
    lang = OxmlElement("w:lang")
    lang.set(qn("w:val"), _LANG_TAGS.get(content.lang, content.lang))
    r_pr.append(lang)
    for name in ("Title", "Heading 1", "Heading 2", "Heading 3"):
        doc.styles[name].font.name = FONT
        doc.styles[name].font.color.rgb = _ACCENT
    props = doc.core_properties
    props.title = _text(f"{content.title} — {content.scope_name}")
    props.subject = _text(content.subtitle)
    props.author = "ess_graph"
    props.language = _LANG_TAGS.get(content.lang, content.lang)
    props.comments = _text(content.generated)
    when = content.generated_at.replace(tzinfo=None)
    props.created = props.modified = when
    props.last_printed = when
    props.revision = 1


def render_docx(content: ReportContent) -> bytes:
    """The diagnostic of ``content`` as a DOCX file's bytes: the same sections, figures,
    sentences and tables as `ess_graph.report.html.render_html`, charts as pictures."""
    doc = Document()
    _setup(doc, content)
    doc.add_heading(_text(content.title), level=0)
    subtitle = doc.add_paragraph()
    run = subtitle.add_run(_text(content.subtitle))
    run.bold = True
    run.font.size = Pt(13)
    meta = doc.add_paragraph()
    run = meta.add_run(_text(content.generated))
    run.font.size = Pt(8.5)
    run.font.color.rgb = _MUTED
    if content.banner:
        banner = doc.add_paragraph()
        run = banner.add_run(_text(content.banner))
        run.bold = True
        run.font.color.rgb = _ALERT
        _shade(banner._p, "#FDECEE")
    doc.add_paragraph(_text(content.contents_title)).runs[0].bold = True
    for s in content.sections:
        doc.add_paragraph(_text(f"{s.number}. {s.title}"), style="List Paragraph")
    for s in content.sections:
        doc.add_heading(_text(f"{s.number}. {s.title}"), level=1)
        _blocks(doc, s.children)
    out = io.BytesIO()
    doc.save(out)
    return _dated(out.getvalue(), content.generated_at)


def _dated(package: bytes, when: Any) -> bytes:
    """The package with every member dated ``when`` (python-docx dates them now): the
    same content gives the same bytes."""
    stamp = (max(when.year, 1980), when.month, when.day, when.hour, when.minute, when.second)
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(package)) as src, zipfile.ZipFile(out, "w") as dst:
        for info in src.infolist():
            copy = zipfile.ZipInfo(info.filename, date_time=stamp)
            copy.compress_type = zipfile.ZIP_DEFLATED
            copy.external_attr = info.external_attr
            dst.writestr(copy, src.read(info.filename))
    return out.getvalue()


# Charts ----------------------------------------------------------------------------------
def chart_png(table: Table) -> bytes:
    """One picture of a table's chart cells: a horizontal bar per row, labelled by the
    row's heading, with the region's value as an orange tick (and for E-I the expected
    value as a diamond), as the HTML draws them in its cells (`ess_graph.report.charts`)."""
    from matplotlib.backends.backend_agg import FigureCanvasAgg
    from matplotlib.figure import Figure

    rows = [
        (plain([r for r in row.cells[0].runs]).strip(), c.chart)
        for row in table.rows
        for c in row.cells
        if c.chart is not None
    ]
    labels = [label for label, _ in rows]
    height_in = 0.6 + 0.24 * len(rows)
    fig = Figure(figsize=(CHART_WIDTH_MM / 25.4, height_in), dpi=CHART_DPI)
    FigureCanvasAgg(fig)
    ax = fig.add_subplot()
    ys = list(range(len(rows)))
    ei = isinstance(rows[0][1], EiBar) if rows else False

    def number(x: float) -> float:
        return math.nan if x is None or x != x else float(x)

    values = [number(c.ei if isinstance(c, EiBar) else c.share) for _, c in rows]
    region = [number(c.region) for _, c in rows]
    ax.barh(
        ys,
        [0 if v != v else v for v in values],
        color=charts.SCOPE_COLOUR,
        height=0.6,
        label=_legend_label(table, "bar"),
    )
    ax.scatter(
        region,
        ys,
        marker="|",
        s=160,
        linewidths=2.5,
        color=charts.REGION_COLOUR,
        label=_legend_label(table, "tick"),
        zorder=3,
    )
    if ei:
        expected = [number(c.expected) for _, c in rows if isinstance(c, EiBar)]
        ax.scatter(
            expected,
            ys,
            marker="D",
            s=22,
            color=charts.EXPECTED_COLOUR,
            label=_legend_label(table, "diamond"),
            zorder=4,
        )
        ax.set_xlim(-1, 1)
        ax.axvline(0, color=charts.GRID_COLOUR, linewidth=0.8)
    else:
        ax.set_xlim(0, 1)
        ax.xaxis.set_major_formatter(lambda x, _pos: f"{100 * x:.0f} %")
    # One line per label: a tab or line break pasted in a name is a space here.
    ax.set_yticks(ys, [" ".join(_text(label).split()) for label in labels], fontsize=7)
    ax.invert_yaxis()
    ax.tick_params(axis="x", labelsize=7)
    ax.grid(axis="x", color="#e0e0e0", linewidth=0.5)
    ax.set_axisbelow(True)
    for side in ("top", "right"):
        ax.spines[side].set_visible(False)
    ax.legend(fontsize=7, loc="lower center", bbox_to_anchor=(0.5, 1.0), ncol=3, frameon=False)
    fig.tight_layout()
    out = io.BytesIO()
    # No date or software in the PNG's metadata: the same content, the same bytes.
    fig.savefig(out, format="png", metadata={"Software": None})
    return out.getvalue()


def _legend_label(table: Table, shape: str) -> str | None:
    """The table's legend words for the mark ``shape`` (none: no legend entry)."""
    return dict(table.legend).get(shape)
