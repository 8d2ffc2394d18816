"""The graph view as an image for slides and papers: PNG, SVG or PDF, drawn offline.

`view_image` draws the same inputs as `ess_graph.viz.html.network_html` — the drawn graph,
the cached positions, the `node_styles` table — with matplotlib, so the picture shows what
the screen shows: the same places (vis-network's y grows downwards, and so does the
image's), colours, dot sizes, highlighted structures (thick black border), proposed pairs
(dashed orange, `SUGGESTION_COLOUR`), links declared by one side only (dotted arrows,
`DECLARED_EDGE`) and tie widths from their ``weight``. Beside the graph sits its legend
(colours, sizes, the line styles present, which names are shown) and under it a caption
the caller writes (data source, date, filters).

Fitting. The nodes' bounding box is scaled uniformly (x and y alike) into the graph area —
the image less its margins, the legend panel, the title and the caption — with room for
the largest dot and a name under it, and centred there (`fit_view`). Dots follow the zoom
like vis-network's, within bounds (`DOT_ZOOM`) so a whole network stays visible and three
structures do not become discs.

Names. The image is 1920×1080 points (1 point = 1 pixel of the PNG), and everything
scales with a bigger image. A name is `LABEL_PT` = 21 points, more under big dots: a
1280×720 projector shows a 1920-wide slide at 2/3, so 14 pixels there, the least the
meeting-room issue asks for. When they do not all fit, the rule is: the highlighted
structures first, then the biggest dots, at most `MAX_LABELS` names; each is tried
under, above, right and left of its dot and left out when it would overlap a name
already placed or hide another dot's centre; a name is moved inwards rather than cut at
the edge. The legend says how many names are shown when some are left out.

Text. Every text (names, legend, caption, title) is drawn literally: mathtext and TeX are
off (``parse_math=False``, ``usetex=False``), so ``$x^2$`` stays dollars and a caret;
characters no file may hold (`ess_graph.safe_text.UNWRITABLE`) and characters the
bundled DejaVu Sans cannot draw (emoji, most CJK) become U+FFFD; line breaks become
spaces. Right-to-left scripts are shaped and ordered by the libraqm that matplotlib
3.11 bundles (seen on 3.11.2; a matplotlib without it draws their letters unjoined, left
to right).

Files. PNG through Agg; SVG with ``svg.fonttype = "none"`` (text stays text: selectable
and editable in Inkscape or Illustrator; a viewer without DejaVu Sans substitutes a
sans-serif) and a fixed ``svg.hashsalt`` (matplotlib's element ids are otherwise random);
PDF with ``pdf.fonttype = 42`` (DejaVu Sans embedded as a TrueType subset: the look is
exact and the text selectable and searchable). No date is written (SVG ``Date`` and PDF
``CreationDate`` set to None), so the same view gives the same bytes every time.

Only matplotlib's object API is used (`matplotlib.figure.Figure` and its own canvas,
never pyplot): no global figure state. matplotlib's rcParams are global, so the few this
module sets (`_RC`) are applied under a lock for the duration of one drawing.
"""

from __future__ import annotations

import io
import math
import re
import threading
import unicodedata
from collections.abc import Hashable, Iterable, Mapping
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

import matplotlib
import networkx as nx
import numpy as np
import pandas as pd
from matplotlib import patheffects
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.collections import EllipseCollection, LineCollection, PolyCollection
from matplotlib.figure import Figure
from matplotlib.font_manager import FontProperties, findfont
from matplotlib.ft2font import FT2Font
from scipy.spatial import cKDTree

from ess_graph.i18n import register, t
from ess_graph.safe_text import REPLACEMENT, UNWRITABLE
from ess_graph.viz.formats import IMAGE_FORMATS
from ess_graph.viz.html import (
    DEFAULT_NODE_COLOUR,
    EDGE_COLOUR,
    HIGHLIGHT_COLOUR,
    SUGGESTION_COLOUR,
    _edge_widths,
    territory_areas,
)
from ess_graph.viz.style import (
    DECLARED_COLOUR,
    DECLARED_EDGE,
    DECLARED_UNCOUNTED_OPACITY,
    SIZE_DEFAULT,
)

#: The formats `view_image` writes, with their media types.
FORMATS = IMAGE_FORMATS

#: The size every measure below is given for; a bigger image scales them all.
BASE_SIZE = (1920, 1080)
#: Smallest and largest image accepted (width, height).
MIN_SIZE, MAX_SIZE = (640, 360), (7680, 4320)

#: At most this many structure names are written (highlighted ones always are).
MAX_LABELS = 30
#: Size of a name in points (= PNG pixels at 1920×1080): 21 pixels of a 1920-wide slide
#: are 14 on a 1280×720 projector, the issue's least. Up to +`LABEL_GROWTH` under the
#: biggest dots, at least `LABEL_HIGHLIGHT_PT` (bold) for a highlighted structure.
LABEL_PT = 21.0
LABEL_GROWTH = 4.0
LABEL_HIGHLIGHT_PT = 24.0
TITLE_PT = 32.0
LEGEND_PT = 21.0
CAPTION_PT = 20.0
AREA_PT = 21.0
#: Margin around the image and between its parts, in points.
MARGIN = 28.0
#: Width of the legend panel, in points.
LEGEND_WIDTH = 540.0
#: A dot's radius is its vis-network size times the zoom, the zoom held within these
#: bounds (at 1920×1080): a dot of 8 stays ≥ 3.6 points, one of 40 ≤ 56.
DOT_ZOOM = (0.45, 1.4)
#: Largest zoom of positions (a drawing of two nodes is not blown up without end).
MAX_ZOOM = 8.0

TEXT_COLOUR = "#222222"
FADED_TEXT_COLOUR = "#999999"
MUTED_TEXT_COLOUR = "#444444"
AREA_TEXT_COLOUR = "#323232"
RULE_COLOUR = "#DDDDDD"

_HEX = re.compile(r"^#[0-9A-Fa-f]{6}$")

#: matplotlib settings of a drawing (see the module docstring).
_RC: dict[str, Any] = {
    "font.family": "DejaVu Sans",
    "text.usetex": False,
    "text.parse_math": False,
    "svg.fonttype": "none",
    "svg.hashsalt": "ess_graph",
    "pdf.fonttype": 42,
    "ps.fonttype": 42,
}
_LOCK = threading.Lock()
#: DejaVu Sans draws and measures every text; an SVG names the generic family after it,
#: for a viewer without DejaVu Sans.
_FAMILY = ["DejaVu Sans", "sans-serif"]

register(
    {
        "viz.image.names_rule": {
            "fr": "Noms : {shown} sur {total}, les plus gros points d'abord (et ceux mis en évidence) ; un nom qui en chevaucherait un autre ou cacherait un point est omis.",
            "en": "Names: {shown} of {total}, biggest dots first (and the highlighted ones); a name that would overlap another or hide a dot is left out.",
        },
        "viz.image.edges": {
            "fr": "lien de coopération (épaisseur : poids des liens)",
            "en": "cooperation tie (width: weight of its links)",
        },
        "viz.image.edges_plain": {"fr": "lien de coopération", "en": "cooperation tie"},
        "viz.image.edges_aggregated": {
            "fr": "liens entre structures des deux groupes (épaisseur : leur nombre)",
            "en": "ties between structures of the two groups (width: how many)",
        },
        "viz.image.proposed": {
            "fr": "lien proposé (une idée)",
            "en": "proposed link (an idea)",
        },
        "viz.image.suggested": {"fr": "lien suggéré", "en": "suggested tie"},
        "viz.image.highlighted": {"fr": "lien mis en évidence", "en": "highlighted tie"},
    }
)


# Text ---------------------------------------------------------------------------------


@lru_cache(maxsize=2)
def _font(bold: bool) -> FT2Font:
    """DejaVu Sans (the font matplotlib ships), regular or bold."""
    prop = FontProperties(family="DejaVu Sans", weight="bold" if bold else "normal")
    return FT2Font(findfont(prop, fallback_to_default=True))


@lru_cache(maxsize=1)
def _known() -> frozenset[int]:
    """Code points both DejaVu Sans fonts can draw."""
    return frozenset(_font(False).get_charmap()) & frozenset(_font(True).get_charmap())


@lru_cache(maxsize=2)
def _sized_font(bold: bool) -> FT2Font:
    """A DejaVu Sans of its own at 100 points, for advance widths (drawing under `_LOCK`)."""
    prop = FontProperties(family="DejaVu Sans", weight="bold" if bold else "normal")
    font = FT2Font(findfont(prop, fallback_to_default=True))
    font.set_size(100, 72)
    return font


@lru_cache(maxsize=8192)
def _advance(char: str, bold: bool) -> float:
    """Advance width of one character of a 1-point font, in points."""
    glyph = _sized_font(bold).load_char(ord(char))
    return glyph.linearHoriAdvance / 65536 / 100


def drawable(text: Any) -> str:
    """`text` as the image writes it: one line, every character drawable.

    Line breaks and tabs become spaces; characters no file may hold and characters the
    bundled font lacks become U+FFFD (invisible format characters it lacks, such as a
    variation selector, are dropped); ``$`` and ``<`` stay as typed.

    >>> drawable("$x^2$ <b>\\tA\\x01")
    '$x^2$ <b> A�'
    >>> drawable("Coop 🌊")
    'Coop �'
    """
    text = UNWRITABLE.sub(REPLACEMENT, str(text))
    text = re.sub(r"[\t\n\r\u2028\u2029]+", " ", text)
    known = _known()
    out = []
    for char in text:
        if ord(char) in known:
            out.append(char)
        elif unicodedata.category(char) in ("Cf", "Mn") or 0x1F3FB <= ord(char) <= 0x1F3FF:
            continue  # a joiner, a variation selector, a skin tone the font lacks
        else:
            out.append(REPLACEMENT)
    return "".join(out)


class _Measure:
    """Widths of texts in points (= pixels at 72 dpi), from the Agg renderer."""

    def __init__(self, fig: Figure) -> None:
        self._renderer = FigureCanvasAgg(fig).get_renderer()
        self._cache: dict[tuple[str, float, str], tuple[float, float]] = {}

    def size(self, text: str, pt: float, weight: str = "normal") -> tuple[float, float]:
        """(width, height) of one line of text."""
        key = (text, pt, weight)
        if key not in self._cache:
            prop = FontProperties(family="DejaVu Sans", size=pt, weight=weight)
            w, _, _ = self._renderer.get_text_width_height_descent(text, prop, ismath=False)
            self._cache[key] = (float(w), pt * 1.18)
        return self._cache[key]

    def estimate(self, text: str, pt: float, weight: str = "normal") -> float:
        """A quick width: the sum of the characters' advances (no kerning, no shaping),
        within a few per cent of `size`; used to rule out places before measuring."""
        bold = weight == "bold"
        return pt * sum(_advance(c, bold) for c in text)

    def fit(self, text: str, pt: float, width: float, weight: str = "normal") -> str:
        """`text` cut with an ellipsis to fit in `width`."""
        if self.size(text, pt, weight)[0] <= width:
            return text
        lo, hi = 0, len(text)
        while lo < hi:  # the longest prefix that fits with its ellipsis
            mid = (lo + hi + 1) // 2
            if self.size(text[:mid].rstrip() + "…", pt, weight)[0] <= width:
                lo = mid
            else:
                hi = mid - 1
        return text[:lo].rstrip() + "…"

    def wrap(
        self, text: str, pt: float, width: float, *, max_lines: int = 0, weight: str = "normal"
    ) -> list[str]:
        """`text` in lines no wider than `width` (words broken when one is too long)."""
        lines: list[str] = []
        line = ""
        for word in text.split(" "):
            candidate = f"{line} {word}" if line else word
            if self.size(candidate, pt, weight)[0] <= width:
                line = candidate
                continue
            if line:
                lines.append(line)
            while self.size(word, pt, weight)[0] > width and len(word) > 1:
                cut = len(self.fit(word, pt, width, weight)) - 1
                cut = max(cut, 1)
                lines.append(word[:cut])
                word = word[cut:]
            line = word
        if line or not lines:
            lines.append(line)
        if max_lines and len(lines) > max_lines:
            rest = " ".join(lines[max_lines - 1 :])
            lines = [*lines[: max_lines - 1], self.fit(rest + " …", pt, width, weight)]
        return lines


def _text(ax: Any, x: float, y: float, s: str, pt: float, **kw: Any) -> Any:
    """One literal text: no mathtext, no TeX, whatever it holds."""
    return ax.text(x, y, s, fontsize=pt, parse_math=False, usetex=False, family=_FAMILY, **kw)


def _haloed(
    ax: Any,
    x: float,
    y: float,
    s: str,
    pt: float,
    halo: float,
    *,
    color: str,
    zorder: float,
    **kw: Any,
) -> None:
    """A text over a white outline of itself (legible over lines and dots). The outline
    is a second artist: a text with a path effect is written as paths, so the text itself
    is drawn plain on top and stays text in an SVG or a PDF."""
    outline = [patheffects.Stroke(linewidth=halo, foreground="white", alpha=0.9)]
    _text(ax, x, y, s, pt, color="white", path_effects=outline, zorder=zorder, **kw)
    _text(ax, x, y, s, pt, color=color, zorder=zorder + 0.01, **kw)


# Geometry -----------------------------------------------------------------------------


@dataclass(frozen=True)
class Fit:
    """How positions map onto the image: ``(x0 + scale * (x - cx), y0 + scale * (y - cy))``
    in points from the top-left corner (y downwards, as vis-network's), and ``dot`` the
    factor from a vis-network dot size to a radius in points."""

    scale: float
    cx: float
    cy: float
    x0: float
    y0: float
    dot: float
    area: tuple[float, float, float, float]  # left, top, right, bottom

    def point(self, x: float, y: float) -> tuple[float, float]:
        return (self.x0 + self.scale * (x - self.cx), self.y0 + self.scale * (y - self.cy))


def fit_view(
    positions: Iterable[tuple[float, float]],
    sizes: Iterable[float],
    area: tuple[float, float, float, float],
    *,
    unit: float = 1.0,
    label_height: float = 0.0,
    top_room: float = 0.0,
    spacing: float | None = None,
) -> Fit:
    """Scale and centre positions into `area` (left, top, right, bottom, in points).

    The bounding box of the positions, plus the largest dot around it, a name of
    `label_height` under it and `top_room` above it, fills the area in one direction
    and is centred in the other. `spacing` (the median distance from a node to its
    nearest neighbour, in position units) keeps dots of the median size from covering
    each other when the zoom is high (a filtered view): their radius stays under 0.4 of
    that distance, and at least `DOT_ZOOM`'s lower bound.

    >>> f = fit_view([(-100, 0), (100, 0)], [10, 10], (0, 0, 1000, 500))
    >>> f.point(-100, 0)[1] == f.point(100, 0)[1] == 250, round(f.point(0, 0)[0], 6)
    (True, 500.0)
    """
    pts = list(positions)
    size_list = [float(s) for s in sizes] or [SIZE_DEFAULT]
    left, top, right, bottom = area
    if not pts:
        return Fit(1.0, 0.0, 0.0, (left + right) / 2, (top + bottom) / 2, unit, area)
    xs = [p[0] for p in pts]
    ys = [p[1] for p in pts]
    dx, dy = max(xs) - min(xs), max(ys) - min(ys)
    big = max(size_list)
    lo, hi = DOT_ZOOM
    scale = MAX_ZOOM * unit
    for _ in range(3):  # the dots' room depends on the zoom, which depends on the room
        dot = min(max(scale, lo * unit), hi * unit)
        if spacing:
            typical = sorted(size_list)[len(size_list) // 2]
            dot = max(lo * unit, min(dot, 0.4 * scale * spacing / typical))
        pad = big * dot + 8 * unit
        room_w = (right - left) - 2 * pad
        room_h = (bottom - top) - 2 * pad - label_height - top_room
        candidates = [MAX_ZOOM * unit]
        if dx > 0:
            candidates.append(max(room_w, 1.0) / dx)
        if dy > 0:
            candidates.append(max(room_h, 1.0) / dy)
        scale = min(candidates)
    dot = min(max(scale, lo * unit), hi * unit)
    if spacing:
        typical = sorted(size_list)[len(size_list) // 2]
        dot = max(lo * unit, min(dot, 0.4 * scale * spacing / typical))
    x0 = (left + right) / 2
    y0 = (top + top_room + bottom - label_height) / 2
    return Fit(scale, (min(xs) + max(xs)) / 2, (min(ys) + max(ys)) / 2, x0, y0, dot, area)


def _spacing(points: list[tuple[float, float]]) -> float | None:
    """Median distance from a point to its nearest neighbour (None under two points or
    when they all coincide)."""
    if len(points) < 2:
        return None
    tree = cKDTree(np.asarray(points, dtype=float))
    distances, _ = tree.query(points, k=2)
    nearest = distances[:, 1]
    nearest = nearest[nearest > 0]
    return float(np.median(nearest)) if len(nearest) else None


def _overlaps(box: tuple[float, float, float, float], boxes: list[tuple]) -> bool:
    x1, y1, x2, y2 = box
    return any(x1 < b[2] and b[0] < x2 and y1 < b[3] and b[1] < y2 for b in boxes)


# Drawing ------------------------------------------------------------------------------


@dataclass
class _Node:
    id: Hashable
    x: float
    y: float
    r: float
    colour: str
    label: str
    size: float
    lit: bool


def _colour(value: Any) -> str:
    text = str(value or "")
    return text if _HEX.match(text) else DEFAULT_NODE_COLOUR


def _rgba(hex_colour: str, alpha: float) -> tuple[float, float, float, float]:
    h = hex_colour.lstrip("#")
    return (int(h[0:2], 16) / 255, int(h[2:4], 16) / 255, int(h[4:6], 16) / 255, alpha)


def view_image(
    G: nx.Graph,
    positions: Mapping[Hashable, tuple[float, float]],
    styles: pd.DataFrame,
    *,
    fmt: str = "png",
    legend: Mapping[str, Any] | None = None,
    caption: str = "",
    title: str | None = None,
    highlight: Iterable[Hashable] = (),
    highlight_edges: Iterable[tuple[Hashable, Hashable]] = (),
    dashed_edges: Iterable[tuple[Hashable, Hashable]] = (),
    declared_edges: Iterable[tuple[Hashable, Hashable]] = (),
    labels: Iterable[Hashable] | None = None,
    edge_width_by: str | None = "weight",
    max_labels: int = MAX_LABELS,
    territory_labels: bool = True,
    width_px: int = 1920,
    height_px: int = 1080,
    lang: str = "fr",
) -> bytes:
    """The graph view as a PNG, SVG or PDF file, with its legend and a caption.

    Parameters
    ----------
    G : networkx.Graph
        The drawn graph (a filtered view, a neighbourhood, the pôle graph...); not modified.
    positions : mapping
        {node: (x, y)} in vis-network pixels (y downwards), the positions the screen uses.
        Nodes without a position are not drawn.
    styles : DataFrame
        Columns ``id, label, color, size`` (`ess_graph.viz.style.node_styles`); a node
        without a row is a grey dot named after its ``name``.
    fmt : {"png", "svg", "pdf"}
    legend : dict, optional
        As `ess_graph.viz.style.legend` returns it (``color_title``, ``colors``, ``more``,
        ``size``, ``declared``), optionally with ``proposed`` (what a dashed orange line
        means; a default text otherwise). None: no legend panel, the graph takes the width.
    caption : str
        One line under the graph (two when it is long): data source, date, filters.
    title : str, optional
        A heading above the graph.
    highlight, highlight_edges, dashed_edges, declared_edges
        As in `ess_graph.viz.html.network_html`: highlighted nodes get a thick black
        border; highlighted pairs are thick black (a pair that is not a tie is dashed
        orange) and fade the rest; dashed pairs are dashed orange; declared (source,
        target) links are dotted with an arrow towards the target.
    labels : iterable of nodes, optional
        The nodes whose names are written (all of them, overlapping or not). None: the
        rule of the module docstring (highlighted first, then the biggest dots, at most
        `max_labels`, no overlap).
    edge_width_by : str or None
        Edge attribute scaled to widths, as on screen.
    max_labels : int
    territory_labels : bool
        Territory names above their groups, as on screen (`territory_areas`).
    width_px, height_px : int
        Size of the PNG in pixels; SVG and PDF pages have this size in points.
    lang : {"fr", "en"}

    Returns
    -------
    bytes
        The file.

    Examples
    --------
    >>> G = nx.Graph([("a", "b")])
    >>> png = view_image(G, {"a": (0, 0), "b": (300, 0)}, pd.DataFrame(), caption="demo")
    >>> png[:8] == b"\\x89PNG\\r\\n\\x1a\\n"
    True
    """
    if fmt not in FORMATS:
        raise ValueError(f"fmt must be one of {', '.join(FORMATS)}, not {fmt!r}")
    width_px, height_px = int(width_px), int(height_px)
    if not (MIN_SIZE[0] <= width_px <= MAX_SIZE[0] and MIN_SIZE[1] <= height_px <= MAX_SIZE[1]):
        raise ValueError(
            f"the image must be between {MIN_SIZE[0]}×{MIN_SIZE[1]} and "
            f"{MAX_SIZE[0]}×{MAX_SIZE[1]} pixels, not {width_px}×{height_px}"
        )
    with _LOCK, matplotlib.rc_context(_RC):
        fig = _draw(
            G,
            positions,
            styles,
            legend=legend,
            caption=caption,
            title=title,
            highlight=highlight,
            highlight_edges=highlight_edges,
            dashed_edges=dashed_edges,
            declared_edges=declared_edges,
            labels=labels,
            edge_width_by=edge_width_by,
            max_labels=max_labels,
            territory_labels=territory_labels,
            size=(width_px, height_px),
            lang=lang,
        )
        out = io.BytesIO()
        metadata: dict[str, Any] = {
            "png": {"Software": "ess_graph"},
            "svg": {"Date": None, "Creator": "ess_graph"},
            "pdf": {"CreationDate": None, "ModDate": None, "Creator": "ess_graph"},
        }[fmt]
        fig.savefig(out, format=fmt, dpi=72, metadata=metadata, facecolor="white")
    return out.getvalue()


def _draw(
    G: nx.Graph,
    positions: Mapping[Hashable, tuple[float, float]],
    styles: pd.DataFrame,
    *,
    legend: Mapping[str, Any] | None,
    caption: str,
    title: str | None,
    highlight: Iterable[Hashable],
    highlight_edges: Iterable[tuple[Hashable, Hashable]],
    dashed_edges: Iterable[tuple[Hashable, Hashable]],
    declared_edges: Iterable[tuple[Hashable, Hashable]],
    labels: Iterable[Hashable] | None,
    edge_width_by: str | None,
    max_labels: int,
    territory_labels: bool,
    size: tuple[int, int],
    lang: str,
) -> Figure:
    W, H = size
    u = min(W / BASE_SIZE[0], H / BASE_SIZE[1])  # every measure scales with the image
    fig = Figure(figsize=(W / 72, H / 72), dpi=72, facecolor="white")
    ax = fig.add_axes((0.0, 0.0, 1.0, 1.0))
    ax.set_axis_off()
    ax.set_xlim(0, W)
    ax.set_ylim(H, 0)  # y downwards, as vis-network's and the PNG's rows
    ax.set_autoscale_on(False)
    measure = _Measure(fig)
    m = MARGIN * u

    # Title, caption and legend panel take their room; the graph gets the rest.
    top = m
    if title:
        text = measure.fit(drawable(title), TITLE_PT * u, W - 2 * m, "bold")
        _text(ax, m, top, text, TITLE_PT * u, weight="bold", va="top", color=TEXT_COLOUR)
        top += TITLE_PT * u * 1.18 + 0.6 * m
    caption_lines = (
        measure.wrap(drawable(caption), CAPTION_PT * u, W - 2 * m, max_lines=2) if caption else []
    )
    line_h = CAPTION_PT * u * 1.35
    bottom = H - m - len(caption_lines) * line_h - (0.5 * m if caption_lines else 0)
    for i, line in enumerate(caption_lines):
        _text(
            ax, m, H - m - (len(caption_lines) - i) * line_h, line, CAPTION_PT * u,
            va="top", color=MUTED_TEXT_COLOUR,
        )  # fmt: skip
    right = W - m
    panel = None
    if legend is not None:
        panel = (W - m - LEGEND_WIDTH * u, top, W - m, bottom)
        right = panel[0] - m
        ax.plot([right + m / 2] * 2, [top, bottom], color=RULE_COLOUR, lw=1.0 * u)
    area = (m, top, right, bottom)

    # Nodes: what to draw, where.
    by_id: dict[Any, dict[str, Any]] = {}
    if len(styles):
        for row in styles.to_dict("records"):
            by_id[row["id"]] = row
    lit = {n for n in highlight if n in G}
    wanted = [(a, b) for a, b in highlight_edges]
    lit_pairs = {frozenset(p) for p in wanted}
    dashed = [(a, b) for a, b in dashed_edges]
    dashed_pairs = {frozenset(p) for p in dashed} - lit_pairs
    declared: dict[frozenset, set[tuple[Any, Any]]] = {}
    for a, b in declared_edges:
        if a != b and frozenset((a, b)) not in lit_pairs | dashed_pairs:
            declared.setdefault(frozenset((a, b)), set()).add((a, b))
    fade = bool(lit_pairs)

    drawn = [n for n in G.nodes if n in positions]
    rows = {n: by_id.get(n) or by_id.get(str(n)) or {} for n in drawn}
    sizes = {}
    for n in drawn:
        try:
            value = float(rows[n].get("size") or SIZE_DEFAULT)
        except (TypeError, ValueError):
            value = SIZE_DEFAULT
        value = value if math.isfinite(value) and value > 0 else SIZE_DEFAULT
        sizes[n] = round(value * 1.3, 2) if n in lit else value
    pos = {n: (float(positions[n][0]), float(positions[n][1])) for n in drawn}
    name_h = (LABEL_PT + LABEL_GROWTH) * u * 1.18 + 4 * u
    areas = territory_areas(G, {n: pos[n] for n in drawn}) if territory_labels and drawn else []
    area_h = AREA_PT * u * 1.18 + 6 * u if areas else 0.0
    fit = fit_view(
        pos.values(),
        sizes.values(),
        area,
        unit=u,
        label_height=name_h,
        top_room=area_h,
        spacing=_spacing(list(pos.values())),
    )
    nodes: dict[Any, _Node] = {}
    for n in drawn:
        x, y = fit.point(*pos[n])
        row = rows[n]
        nodes[n] = _Node(
            id=n,
            x=x,
            y=y,
            r=sizes[n] * fit.dot,
            colour=_colour(row.get("color")),
            label=drawable(row.get("label") or G.nodes[n].get("name") or n),
            size=sizes[n],
            lit=n in lit,
        )

    _draw_edges(ax, G, nodes, fit, u, edge_width_by, lit_pairs, dashed_pairs, declared, fade)
    extra = [*wanted, *((a, b) for a, b in dashed if frozenset((a, b)) in dashed_pairs)]
    _draw_pairs(ax, G, nodes, u, fit, extra)
    _draw_declared_extra(ax, G, nodes, u, fit, declared, fade)
    _draw_nodes(ax, nodes, u, fade)

    occupied: list[tuple[float, float, float, float]] = []
    for a in areas:
        x, y = fit.point(a["x"], a["top"])
        y -= 16 * fit.dot + 4 * u
        text = measure.fit(drawable(a["name"]), AREA_PT * u, right - m)
        w, h = measure.size(text, AREA_PT * u, "bold")
        x = min(max(x, m + w / 2), right - w / 2)
        y = max(y, top + h)
        _haloed(
            ax, x, y, text, AREA_PT * u, 4 * u, weight="bold", ha="center", va="bottom",
            color=AREA_TEXT_COLOUR, zorder=6,
        )  # fmt: skip
        occupied.append((x - w / 2, y - h, x + w / 2, y))
    shown, total = _draw_labels(ax, nodes, measure, u, area, occupied, labels, max_labels, fade)

    notes = []
    if labels is None and shown < total:
        notes.append(
            t(
                "viz.image.names_rule",
                lang,
                shown=_count_text(shown, lang),
                total=_count_text(total, lang),
            )
        )
    if panel is not None and legend is not None:
        _draw_legend(
            ax, measure, panel, u, legend, notes, lang,
            edges=G.number_of_edges() > 0,
            widths=bool(_edge_widths(G, edge_width_by)),
            aggregated=bool(G.graph.get("scale")),
            declared_drawn=bool(declared),
            dashed_drawn=bool(dashed_pairs),
            suggested_drawn=any(
                a in nodes and b in nodes and a != b and not G.has_edge(a, b) for a, b in wanted
            ),
            lit_drawn=any(G.has_edge(a, b) for a, b in wanted),
        )  # fmt: skip
    return fig


def _draw_edges(
    ax: Any,
    G: nx.Graph,
    nodes: dict[Any, _Node],
    fit: Fit,
    u: float,
    edge_width_by: str | None,
    lit_pairs: set[frozenset],
    dashed_pairs: set[frozenset],
    declared: dict[frozenset, set[tuple[Any, Any]]],
    fade: bool,
) -> None:
    widths = _edge_widths(G, edge_width_by)
    zoom = min(max(fit.scale, 0.5 * u), 1.2 * u)
    plain: list[Any] = []
    plain_w: list[float] = []
    special: dict[str, tuple[list, list]] = {"lit": ([], []), "dashed": ([], [])}
    n_edges = G.number_of_edges()
    for a, b in G.edges:
        if a not in nodes or b not in nodes:
            continue
        seg = [(nodes[a].x, nodes[a].y), (nodes[b].x, nodes[b].y)]
        w = widths.get((a, b), 1.0)
        pair = frozenset((a, b))
        if pair in lit_pairs:
            special["lit"][0].append(seg)
            special["lit"][1].append(max(4.0, w) * zoom)
        elif pair in dashed_pairs:
            special["dashed"][0].append(seg)
            special["dashed"][1].append(max(3.0, w) * zoom)
        elif pair in declared:
            _declared_line(ax, nodes, a, b, declared[pair], u, fit, faded=fade, counted=True)
        else:
            plain.append(seg)
            plain_w.append(max(w * zoom, 0.6 * u))
    alpha = 0.3 if fade else (0.8 if n_edges <= 300 else 0.45)
    # One path per width (rounded to a quarter point) rather than one per tie: an SVG or
    # a PDF of 6,653 ties writes a few paths instead of 6,653 styled ones.
    by_width: dict[float, list[Any]] = {}
    for seg, w in zip(plain, plain_w, strict=True):
        by_width.setdefault(round(w * 4) / 4, []).append(seg)
    for w, segs in sorted(by_width.items()):
        xs = np.full(3 * len(segs), np.nan)
        ys = np.full(3 * len(segs), np.nan)
        ends = np.asarray(segs, dtype=float)  # (n, 2 ends, x/y)
        xs[0::3], xs[1::3] = ends[:, 0, 0], ends[:, 1, 0]
        ys[0::3], ys[1::3] = ends[:, 0, 1], ends[:, 1, 1]
        ax.plot(xs, ys, color=_rgba(EDGE_COLOUR, alpha), lw=w, solid_capstyle="butt", zorder=1)
    if special["lit"][0]:
        ax.add_collection(
            LineCollection(
                special["lit"][0], linewidths=special["lit"][1], colors=HIGHLIGHT_COLOUR, zorder=2
            )
        )
    if special["dashed"][0]:
        ax.add_collection(
            LineCollection(
                special["dashed"][0],
                linewidths=special["dashed"][1],
                colors=SUGGESTION_COLOUR,
                linestyles=[(0, (2.0, 1.6))],
                zorder=2,
            )
        )


def _draw_pairs(
    ax: Any, G: nx.Graph, nodes: dict[Any, _Node], u: float, fit: Fit, pairs: list
) -> None:
    """Pairs that are not ties of G (a suggestion, a proposed link): dashed orange."""
    zoom = min(max(fit.scale, 0.5 * u), 1.2 * u)
    seen: set[frozenset] = set()
    segs = []
    for a, b in pairs:
        pair = frozenset((a, b))
        if pair in seen or a == b or a not in nodes or b not in nodes or G.has_edge(a, b):
            continue
        seen.add(pair)
        segs.append([(nodes[a].x, nodes[a].y), (nodes[b].x, nodes[b].y)])
    if segs:
        ax.add_collection(
            LineCollection(
                segs,
                linewidths=3.0 * zoom,
                colors=SUGGESTION_COLOUR,
                linestyles=[(0, (2.0, 1.6))],
                zorder=2,
            )
        )


def _draw_declared_extra(
    ax: Any,
    G: nx.Graph,
    nodes: dict[Any, _Node],
    u: float,
    fit: Fit,
    declared: dict[frozenset, set[tuple[Any, Any]]],
    fade: bool,
) -> None:
    """Declared links the rule does not count (no tie of G): lighter dotted arrows."""
    for pair, directions in sorted(declared.items(), key=lambda x: sorted(map(str, x[0]))):
        a, b = sorted(pair, key=str)
        if a in nodes and b in nodes and not G.has_edge(a, b):
            _declared_line(ax, nodes, a, b, directions, u, fit, faded=fade, counted=False)


def _declared_line(
    ax: Any,
    nodes: dict[Any, _Node],
    a: Any,
    b: Any,
    directions: set[tuple[Any, Any]],
    u: float,
    fit: Fit,
    *,
    faded: bool,
    counted: bool,
) -> None:
    opacity = DECLARED_EDGE["color"]["opacity"] if counted else DECLARED_UNCOUNTED_OPACITY
    if faded:
        opacity = min(opacity, 0.3)
    colour = _rgba(DECLARED_COLOUR, opacity)
    zoom = min(max(fit.scale, 0.5 * u), 1.2 * u)
    lw = max(DECLARED_EDGE["width"] * zoom, 1.2 * u)
    A, B = nodes[a], nodes[b]
    ax.add_collection(
        LineCollection(
            [[(A.x, A.y), (B.x, B.y)]],
            linewidths=lw,
            colors=[colour],
            linestyles=[(0, (1.0, 3.0))],
            zorder=2,
        )
    )
    heads = []
    for source, target in ((a, b), (b, a)):
        if (source, target) not in directions:
            continue
        S, T = nodes[source], nodes[target]
        dx, dy = T.x - S.x, T.y - S.y
        d = math.hypot(dx, dy)
        if d <= T.r:
            continue
        ux, uy = dx / d, dy / d
        tip = (T.x - ux * T.r, T.y - uy * T.r)
        length, half = 11 * u, 5 * u
        base = (tip[0] - ux * length, tip[1] - uy * length)
        heads.append(
            [
                tip,
                (base[0] - uy * half, base[1] + ux * half),
                (base[0] + uy * half, base[1] - ux * half),
            ]
        )
    if heads:
        ax.add_collection(PolyCollection(heads, facecolors=[colour], edgecolors="none", zorder=2))


def _draw_nodes(ax: Any, nodes: dict[Any, _Node], u: float, fade: bool) -> None:
    for group in (False, True):  # highlighted structures on top
        chosen = [n for n in nodes.values() if n.lit == group]
        if not chosen:
            continue
        fill = [
            _rgba(n.colour, 0.3) if fade and not n.lit else _rgba(n.colour, 1.0) for n in chosen
        ]
        edge = [HIGHLIGHT_COLOUR if n.lit else "white" for n in chosen]
        lw = [4.0 * u if n.lit else 0.8 * u for n in chosen]
        ax.add_collection(
            EllipseCollection(
                widths=[2 * n.r for n in chosen],
                heights=[2 * n.r for n in chosen],
                angles=[0.0] * len(chosen),
                units="xy",
                offsets=[(n.x, n.y) for n in chosen],
                offset_transform=ax.transData,
                facecolors=fill,
                edgecolors=edge,
                linewidths=lw,
                zorder=4 if group else 3,
            )
        )


def _draw_labels(
    ax: Any,
    nodes: dict[Any, _Node],
    measure: _Measure,
    u: float,
    area: tuple[float, float, float, float],
    occupied: list[tuple[float, float, float, float]],
    labels: Iterable[Hashable] | None,
    max_labels: int,
    fade: bool,
) -> tuple[int, int]:
    """Write the names by the rule of the module docstring; (shown, total)."""
    left, top, right, bottom = area
    forced = [n for n in labels if n in nodes] if labels is not None else []
    forced_set = set(forced)
    rest: list[_Node] = []
    if labels is None:
        lit = [n for n in nodes.values() if n.lit]
        forced = [n.id for n in sorted(lit, key=lambda n: (-n.size, n.label))]
        forced_set = set(forced)
        rest = sorted(
            (n for n in nodes.values() if n.id not in forced_set),
            key=lambda n: (-n.size, n.label, str(n.id)),
        )
    gap = 3 * u
    shown = 0
    # Dots are obstacles too: a name goes beside its dot rather than over another dot;
    # where there is no such place (a dense view), it may cover the rim of other dots but
    # never a dot's centre, so no structure disappears under a name.
    order = list(nodes)
    index = {n: i for i, n in enumerate(order)}
    dots = np.array(
        [(nodes[n].x - nodes[n].r, nodes[n].y - nodes[n].r, nodes[n].x + nodes[n].r,
          nodes[n].y + nodes[n].r) for n in order],
        dtype=float,
    ).reshape(-1, 4)  # fmt: skip

    def on_dots(box: tuple[float, float, float, float], own: int) -> bool:
        hit = (
            (box[0] < dots[:, 2])
            & (dots[:, 0] < box[2])
            & (box[1] < dots[:, 3])
            & (dots[:, 1] < box[3])
        )
        hit[own] = False
        return bool(hit.any())

    centres = np.array([(nodes[n].x, nodes[n].y) for n in order], dtype=float).reshape(-1, 2)

    def on_centres(box: tuple[float, float, float, float], own: int) -> bool:
        hit = (
            (box[0] - gap < centres[:, 0])
            & (centres[:, 0] < box[2] + gap)
            & (box[1] - gap < centres[:, 1])
            & (centres[:, 1] < box[3] + gap)
        )
        hit[own] = False
        return bool(hit.any())

    for node, must in [*((nodes[n], True) for n in forced), *((n, False) for n in rest)]:
        if not must and shown >= max_labels:
            break
        if not node.label.strip():
            continue
        grow = min(max((node.size - 8.0) / 32.0, 0.0), 1.0)
        pt = (LABEL_PT + LABEL_GROWTH * grow) * u
        weight = "normal"
        if node.lit:
            pt, weight = max(pt, LABEL_HIGHLIGHT_PT * u), "bold"
        text = node.label
        rough = measure.estimate(text, pt, weight)
        if rough > 0.9 * (right - left):
            text = measure.fit(text, pt, right - left, weight)
            rough = measure.estimate(text, pt, weight)
        h = pt * 1.18
        # Measuring a text costs ~1 ms: places that even a slightly narrower box (the
        # advances' sum is within 2 % for Latin names) cannot take are ruled out first.
        own = index[node.id]
        if not must and not any(
            not _overlaps(b, occupied) and not on_centres(b, own)
            for b in _places(node, 0.95 * rough, h, gap, area)
        ):
            continue
        w, _ = measure.size(text, pt, weight)
        boxes = _places(node, w, h, gap, area)
        free = [b for b in boxes if not _overlaps(b, occupied)]
        placed = next((b for b in free if not on_dots(b, own)), None)
        placed = placed or next((b for b in free if not on_centres(b, own)), None)
        first = boxes[0] if boxes else None
        if placed is None and must:
            placed = first or (
                min(max(node.x - w / 2, left), right - w),
                min(max(node.y + node.r + gap, top), bottom - h),
                0.0,
                0.0,
            )
        if placed is None:
            continue
        x1, y1 = placed[0], placed[1]
        occupied.append((x1 - gap, y1, x1 + w + gap, y1 + h))
        _haloed(
            ax, x1 + w / 2, y1 + h / 2, text, pt, 5 * u, weight=weight, ha="center",
            va="center_baseline", color=FADED_TEXT_COLOUR if fade and not node.lit else TEXT_COLOUR,
            zorder=5,
        )  # fmt: skip
        shown += 1
    return shown, len(nodes)


def _places(
    node: _Node, w: float, h: float, gap: float, area: tuple[float, float, float, float]
) -> list[tuple[float, float, float, float]]:
    """Boxes a name `w` × `h` can take, in order: under its dot, above, right, left;
    under or above, it is moved inwards rather than cut at the edge of `area`."""
    left, top, right, bottom = area
    boxes = []
    for where in ("below", "above", "right", "left"):
        if where == "below":
            x1, y1 = node.x - w / 2, node.y + node.r + gap
        elif where == "above":
            x1, y1 = node.x - w / 2, node.y - node.r - gap - h
        elif where == "right":
            x1, y1 = node.x + node.r + 2 * gap, node.y - h / 2
        else:
            x1, y1 = node.x - node.r - 2 * gap - w, node.y - h / 2
        if where in ("below", "above"):
            x1 = min(max(x1, left), right - w)
        if y1 < top or y1 + h > bottom or x1 < left or x1 + w > right:
            continue
        boxes.append((x1, y1, x1 + w, y1 + h))
    return boxes


def _draw_legend(
    ax: Any,
    measure: _Measure,
    panel: tuple[float, float, float, float],
    u: float,
    legend: Mapping[str, Any],
    notes: list[str],
    lang: str,
    *,
    edges: bool,
    widths: bool,
    aggregated: bool,
    declared_drawn: bool,
    dashed_drawn: bool,
    suggested_drawn: bool,
    lit_drawn: bool,
) -> None:
    """The legend in its panel, its text shrunk (to 65 %) or its colour list cut when
    it would not fit."""
    left, top, right, bottom = panel
    colours = [
        (drawable(label), _colour(colour)) for label, colour in (legend.get("colors") or {}).items()
    ]
    more = drawable(legend.get("more") or "")
    lines: list[tuple[str, str]] = []  # (style, text)
    if edges:
        key = (
            "viz.image.edges_aggregated"
            if aggregated and widths
            else ("viz.image.edges" if widths else "viz.image.edges_plain")
        )
        lines.append(("plain", t(key, lang)))
    if lit_drawn:
        lines.append(("lit", t("viz.image.highlighted", lang)))
    if suggested_drawn:
        lines.append(("dashed", t("viz.image.suggested", lang)))
    if dashed_drawn:
        lines.append(("dashed", str(legend.get("proposed") or t("viz.image.proposed", lang))))
    if declared_drawn and legend.get("declared"):
        lines.append(("declared", str(legend["declared"])))

    def plan(f: float, keep: int) -> tuple[float, list[tuple]]:
        pt = LEGEND_PT * u * f
        lh = pt * 1.45
        ops: list[tuple] = []
        y = top
        width = right - left
        title = drawable(legend.get("color_title") or "")
        if title:
            for line in measure.wrap(title, pt * 1.06, width, max_lines=2, weight="bold"):
                ops.append(("text", left, y, line, pt * 1.06, "bold"))
                y += lh
        for label, colour in colours[:keep]:
            ops.append(("dot", left + pt * 0.55, y + lh / 2, pt * 0.5, colour))
            text = measure.fit(label, pt, width - pt * 1.6)
            # on the baseline that puts the middle of lowercase letters level with the dot
            ops.append(("base", left + pt * 1.6, y + lh / 2 + 0.33 * pt, text, pt, "normal"))
            y += lh
        left_out = len(colours) - keep
        tail = more
        if left_out:
            tail = t("viz.legend.more", lang, count=left_out + _count(more))
        if tail:
            ops.append(("text", left, y, tail, pt, "normal"))
            y += lh
        size = drawable(legend.get("size") or "")
        if size:
            y += lh * 0.5
            for line in measure.wrap(size, pt * 0.92, width):
                ops.append(("text", left, y, line, pt * 0.92, "normal"))
                y += pt * 0.92 * 1.35
        sample = 2.6 * pt
        for style, text in lines:
            y += lh * 0.5
            wrapped = measure.wrap(drawable(text), pt * 0.92, width - sample - pt * 0.6)
            ops.append(("line", left, y + pt * 0.6, left + sample, style, f))
            for line in wrapped:
                ops.append(("text", left + sample + pt * 0.6, y, line, pt * 0.92, "normal"))
                y += pt * 0.92 * 1.35
        for note in notes:
            y += lh * 0.5
            for line in measure.wrap(drawable(note), pt * 0.92, width):
                ops.append(("text", left, y, line, pt * 0.92, "normal"))
                y += pt * 0.92 * 1.35
        return y, ops

    keep = len(colours)
    f = 1.0
    end, ops = plan(f, keep)
    while end > bottom and f > 0.66:
        f = round(f - 0.05, 2)
        end, ops = plan(f, keep)
    while end > bottom and keep > 0:
        keep -= 1
        end, ops = plan(f, keep)
    for op in ops:
        if op[0] in ("text", "base"):
            _, x, y, text, pt, weight = op
            va = "top" if op[0] == "text" else "baseline"
            _text(ax, x, y, text, pt, weight=weight, va=va, color=TEXT_COLOUR)
        elif op[0] == "dot":
            _, x, y, r, colour = op
            ax.add_collection(
                EllipseCollection(
                    widths=[2 * r],
                    heights=[2 * r],
                    angles=[0.0],
                    units="xy",
                    offsets=[(x, y)],
                    offset_transform=ax.transData,
                    facecolors=[colour],
                    edgecolors=[MUTED_TEXT_COLOUR],
                    linewidths=0.5 * u,
                )
            )
        else:
            _, x1, y, x2, style, f = op
            lw = 2.5 * u * f
            kw: dict[str, Any] = {"color": EDGE_COLOUR, "lw": lw}
            if style == "lit":
                kw = {"color": HIGHLIGHT_COLOUR, "lw": 4 * u * f}
            elif style == "dashed":
                kw = {"color": SUGGESTION_COLOUR, "lw": 3 * u * f, "dashes": (2.0, 1.6)}
            elif style == "declared":
                kw = {"color": DECLARED_COLOUR, "lw": 2.5 * u * f, "dashes": (1.0, 3.0)}
            ax.plot([x1, x2], [y, y], solid_capstyle="butt", **kw)
            if style == "declared":  # the arrow towards the partner named
                h = 5 * u * f
                ax.add_collection(
                    PolyCollection(
                        [[(x2 + 2 * h, y), (x2, y - h), (x2, y + h)]],
                        facecolors=[DECLARED_COLOUR],
                        edgecolors="none",
                    )
                )


def _count_text(n: int, lang: str) -> str:
    """A count as the language writes it: « 2 500 » (narrow no-break space), "2,500".

    >>> _count_text(2500, "fr"), _count_text(2500, "en")
    ('2\u202f500', '2,500')
    """
    text = f"{n:,}"
    return text.replace(",", "\u202f") if lang == "fr" else text


def _count(more: str) -> int:
    """The number in a "… et N autres" line (0 when there is none)."""
    digits = re.findall(r"\d+", more.replace("\u202f", "").replace(" ", ""))
    return int(digits[0]) if digits else 0
