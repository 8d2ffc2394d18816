"""What a report says, before it is written as HTML or DOCX.

`ess_graph.report.content` computes a `ReportContent` once: every figure, sentence, table
and chart of the diagnostic, in words of the chosen language and as plain text (nothing
escaped, no markup). `ess_graph.report.html` and `ess_graph.report.docx` only lay it out,
so the web page and the editable document cannot disagree.

A text is a list of runs: plain strings, and marked pieces (`Fig` a figure readers and
tests can find by its key, `Strong`, `Mark` the ⚠ of a fragile figure, `Code`, `BREAK`).
Blocks are `Para`, `Heading`, `Table`, `Bullets`, `RatioLegend` and `Block` (a
group kept together on a page). Each class names its ``kind`` for the renderers.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any, ClassVar


@dataclass(frozen=True)
class Fig:
    """A figure as printed (``text``), found by ``key`` (the HTML's ``data-figure``) with
    its unrounded value ``raw`` (``data-value``; None when there is none)."""

    text: str
    key: str
    raw: Any = None
    kind: ClassVar[str] = "fig"


@dataclass(frozen=True)
class Strong:
    text: str
    kind: ClassVar[str] = "strong"


@dataclass(frozen=True)
class Mark:
    """The ⚠ after a sector with too few structures; ``title`` says why."""

    title: str
    kind: ClassVar[str] = "mark"


@dataclass(frozen=True)
class Code:
    text: str
    kind: ClassVar[str] = "code"


@dataclass(frozen=True)
class _Break:
    kind: ClassVar[str] = "break"


#: A line break inside a text.
BREAK = _Break()

Run = str | Fig | Strong | Mark | Code | _Break


def plain(runs: list[Run]) -> str:
    """The text of ``runs`` without marks (a ⚠ as "⚠", a break as a new line).

    >>> plain(["E-I ", Fig("+0,25", "ei.x", 0.25), BREAK, Strong("ok"), Mark("few")])
    'E-I +0,25\\nok ⚠'
    """
    out = []
    for r in runs:
        if isinstance(r, str):
            out.append(r)
        elif isinstance(r, Mark):
            out.append(" ⚠")
        elif isinstance(r, _Break):
            out.append("\n")
        else:
            out.append(r.text)
    return "".join(out)


# Charts inside table cells: the HTML draws each in its cell (inline SVG); the DOCX
# draws one picture per table from them (matplotlib).
@dataclass(frozen=True)
class ShareBar:
    """A share (0 to 1) of the scope, with the region's share as a tick."""

    share: float
    region: float
    title: str
    kind: ClassVar[str] = "share_bar"


@dataclass(frozen=True)
class EiBar:
    """An E-I index (−1 to +1) with its expected value and the region's."""

    ei: float
    expected: float
    region: float
    title: str
    kind: ClassVar[str] = "ei_bar"


@dataclass(frozen=True)
class Heat:
    """A cell of the sector mixing table: ties observed and expected without regard to
    sector; its colour says how far apart they are."""

    observed: int
    expected: float
    kind: ClassVar[str] = "heat"


@dataclass
class Cell:
    runs: list[Run]
    #: Right-aligned number.
    num: bool = False
    #: A row heading (the first cell of a row that names it).
    head: bool = False
    #: Key and raw value of the figure the cell holds (``data-figure``/``data-value``).
    figure: str | None = None
    raw: Any = None
    chart: ShareBar | EiBar | None = None
    heat: Heat | None = None
    #: Smaller type (long explanations in a column).
    small: bool = False


@dataclass
class Row:
    cells: list[Cell]
    #: "total" (a total row), "above" (a figure above its threshold), or "".
    style: str = ""
    #: Ids the row is about, as ``data-*`` attributes of the HTML (``{"structure": id}``).
    data: dict[str, str] = field(default_factory=dict)


@dataclass
class Table:
    headers: list[str]
    rows: list[Row]
    #: The HTML class: "figures", "breakdown", "ei", "matrix", "governance", ...
    style: str = ""
    #: Indices of the columns that hold numbers.
    numeric: tuple[int, ...] = ()
    #: A table read whole (kept on one page).
    keep: bool = False
    #: Keys of the chart cells' marks: (shape, label), shape "bar" (the scope), "tick"
    #: (the region) or "diamond" (the expected value).
    legend: list[tuple[str, str]] = field(default_factory=list)
    kind: ClassVar[str] = "table"

    @property
    def has_charts(self) -> bool:
        return any(c.chart is not None for r in self.rows for c in r.cells)


@dataclass
class Para:
    runs: list[Run]
    #: "", "explain", "note", "note warn", "none", "more", "verdict ok", "verdict warn".
    style: str = ""
    kind: ClassVar[str] = "para"


@dataclass
class Heading:
    text: str
    #: 3 under a section's title, 4 below that.
    level: int = 3
    #: A count printed after the title, "(12)".
    count: Fig | None = None
    kind: ClassVar[str] = "heading"


@dataclass
class Bullets:
    items: list[list[Run]]
    style: str = ""
    #: Per item, the ids it is about (``data-*`` attributes), or empty.
    data: list[dict[str, str]] = field(default_factory=list)
    kind: ClassVar[str] = "bullets"


@dataclass
class RatioLegend:
    """The colour scale of the mixing table: fewer ties than expected … more."""

    fewer: str
    as_expected: str
    more: str
    kind: ClassVar[str] = "ratio_legend"


@dataclass
class Block:
    """Blocks read together: a heading with its table, kept on one page unless ``long``."""

    children: list[Any]
    long: bool = False
    #: Extra HTML class ("gap", "survey").
    style: str = ""
    data: dict[str, str] = field(default_factory=dict)
    kind: ClassVar[str] = "block"


@dataclass
class Section:
    key: str
    number: int
    title: str
    children: list[Any]


@dataclass
class ReportContent:
    """Everything the diagnostic says, in one language, ready to be laid out."""

    lang: str
    #: "Diagnostic territorial des coopérations de l'ESS".
    title: str
    #: "Pays : Brest" or "Pôle : … (pays : …)".
    subtitle: str
    scope_kind: str
    scope_id: str
    scope_name: str
    #: "Produit le … par ess_graph … à partir de : …".
    generated: str
    #: The demo's fiction warning, or "" for real data.
    banner: str
    contents_title: str
    sections: list[Section]
    version: str
    #: When the report was produced (its files carry this date, not the time of writing).
    generated_at: dt.datetime
