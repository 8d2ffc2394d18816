"""How wide is a text on screen? Width estimates for the two fonts the app draws text with.

Pages must size things the browser draws without asking the browser: the rows of a table
that wraps its explanations (streamlit's grid draws on a canvas, one row height for every
row), the labels of the overview map (deck.gl draws them; their boxes must not collide nor
leave the frame). The widths below were measured in chromium with ``measureText`` (rounded
up to 0.1 px): streamlit's bundled Source Sans at 14 px, weight 400 (the grid's cells), and
Arial at 15 px, weight 600 (the map's labels; Liberation Sans, Arial's metric twin, on
Debian). An accented letter takes its base letter's width; any other character the width
of the widest letter, so an estimate errs on the wide side.
"""

from __future__ import annotations

import math
import unicodedata
from collections.abc import Mapping


def _table(groups: Mapping[float, str]) -> dict[str, float]:
    return {ch: width for width, chars in groups.items() for ch in chars}


#: Source Sans, 14 px, weight 400: the cells of ``st.dataframe``.
SOURCE_SANS_14: dict[str, float] = _table(
    {
        1.7: "\u202f",
        2.8: " \xa0",
        3.4: "|",
        3.5: "',.:;ij’·",
        3.6: "l",
        3.7: "I",
        4.1: "!f",
        4.3: "()[]{}",
        4.4: "-",
        4.7: "°",
        4.8: "t",
        4.9: "/\\r",
        5.9: "*s",
        6.0: '"?z',
        6.1: "«»",
        6.3: "x",
        6.4: "c",
        6.6: "vy",
        6.7: "Y",
        6.8: "J–",
        6.9: "L",
        7.0: "#$+0123456789<=>F^_ek~€−×÷",
        7.1: "ag",
        7.2: "X",
        7.3: "V",
        7.4: "E",
        7.5: "S",
        7.6: "TZ`o",
        7.7: "Ahnu",
        7.8: "bdpq",
        8.0: "CPR",
        8.2: "K",
        8.3: "B",
        8.6: "&",
        8.7: "DG",
        9.1: "NU",
        9.2: "H",
        9.3: "OQ",
        10.1: "w",
        10.2: "M",
        11.1: "W",
        11.2: "—",
        11.6: "%",
        11.7: "m",
        11.8: "œ",
        11.9: "@Œ",
        13.3: "…",
    }
)

#: Arial, 15 px, weight 600 (drawn bold): the labels of the overview map.
ARIAL_BOLD_15: dict[str, float] = _table(
    {
        2.1: "\u202f",
        3.6: "'",
        4.2: " ,./I\\ijl|’\xa0·",
        5.0: "!()-:;[]`ft",
        5.9: "*r{}",
        6.0: "°",
        7.2: '"',
        7.5: "z",
        8.3: "÷",
        8.4: "#$0123456789J_aceksvxy–«»€",
        8.8: "+<=>^~−×",
        9.2: "?FLTZbdghnopqu",
        10.1: "EPSVXY",
        10.9: "&ABCDHKNRU",
        11.7: "GOQw",
        12.5: "M",
        13.4: "%m",
        14.2: "Wœ",
        14.7: "@",
        15.0: "—Œ…",
    }
)


def char_width(ch: str, widths: Mapping[str, float]) -> float:
    """The width of one character: its own, its base letter's (é → e), else the widest
    letter's.

    >>> char_width("é", SOURCE_SANS_14) == char_width("e", SOURCE_SANS_14)
    True
    >>> char_width("\u4e2d", SOURCE_SANS_14) == max(SOURCE_SANS_14.values())
    True
    """
    width = widths.get(ch)
    if width is None:
        base = unicodedata.normalize("NFD", ch)[:1]
        width = widths.get(base) if base and base != ch else None
    if width is None:
        width = max(widths.values())
    return width


def text_width(text: str, widths: Mapping[str, float] = SOURCE_SANS_14) -> float:
    """The width of `text` on one line, in pixels.

    >>> round(text_width("Culture"), 1)  # C + u + l + t + u + r + e
    43.7
    """
    return sum(char_width(c, widths) for c in text)


def wrapped_lines(text: str, width: float, widths: Mapping[str, float] = SOURCE_SANS_14) -> int:
    """How many lines `text` takes when wrapped at spaces to lines `width` pixels wide.

    Greedy, as a browser wraps: a word goes on the line when it fits, else starts the
    next one; a word wider than a line is cut into as many lines as it needs. Line breaks
    in the text start a new line.

    >>> wrapped_lines("", 100), wrapped_lines("court", 100)
    (1, 1)
    >>> one = text_width("aaaa aaaa")  # two words on one line exactly
    >>> wrapped_lines("aaaa aaaa", one), wrapped_lines("aaaa aaaa", one - 1)
    (1, 2)
    >>> wrapped_lines("a\\nb", 100)
    2
    """
    if width <= 0:
        raise ValueError("width must be positive")
    space = char_width(" ", widths)
    lines = 0
    for paragraph in str(text).split("\n"):
        lines += 1
        used = 0.0
        for word in paragraph.split(" "):
            w = text_width(word, widths)
            if used == 0.0:
                if w > width:  # cut the long word; its last piece starts the line
                    lines += math.ceil(w / width) - 1
                    w = w - (math.ceil(w / width) - 1) * width
                used = w if w > 0 else 1e-9
            elif used + space + w <= width + 1e-6:
                used += space + w
            else:
                lines += 1
                if w > width:
                    lines += math.ceil(w / width) - 1
                    w = w - (math.ceil(w / width) - 1) * width
                used = w if w > 0 else 1e-9
    return max(1, lines)


#: Room a grid cell leaves around its text (streamlit's theme: 8 px on each side).
CELL_PADDING = 8
#: A header is drawn in the cell's font; a little room for the sort arrow beside it.
HEADER_EXTRA = 6


def fit_columns(
    columns: list[tuple[str, list[str], float]],
    width: float,
    *,
    widths: Mapping[str, float] = SOURCE_SANS_14,
    padding: float = CELL_PADDING,
) -> tuple[list[int], int]:
    """Share a table's `width` among its columns so that every cell is shown whole.

    Parameters
    ----------
    columns : list of (header, cells, weight)
        The text each column shows. A column of weight 0 keeps its natural width (the
        widest of its header and cells: numbers, short labels); the others share what is
        left in proportion to their weights, none narrower than its header or its longest
        word nor wider than it needs, and wrap their cells at that width.
    width : float
        The table's width in pixels.

    Returns
    -------
    (widths, lines)
        The width of each column in pixels and how many lines the tallest row takes
        (1 when nothing has to wrap). When even the headers do not fit, the columns take
        their minimum and the table scrolls sideways.

    Examples
    --------
    >>> long = " ".join(["un texte"] * 20)
    >>> cols = [("n", ["1", "22"], 0), ("Pourquoi", ["court", long], 1)]
    >>> fit_columns(cols, 2000)  # room for everything on one line
    ([30, 1032], 1)
    >>> w, lines = fit_columns(cols, 300)
    >>> w, lines, sum(w) <= 300
    ([30, 270], 4, True)
    """
    natural: list[float] = []
    least: list[float] = []
    for header, cells, _weight in columns:
        head = text_width(str(header), widths) + HEADER_EXTRA + 2 * padding
        widest = max((text_width(str(c), widths) for c in cells), default=0.0) + 2 * padding
        word = max((text_width(w, widths) for c in cells for w in str(c).split()), default=0.0)
        natural.append(math.ceil(max(head, widest)))
        least.append(math.ceil(max(head, word + 2 * padding)))
    weights = [float(w) for _, _, w in columns]
    fixed = sum(n for n, w in zip(natural, weights, strict=True) if w <= 0)
    room = width - fixed

    def shared(unit: float) -> list[float]:
        return [
            n if w <= 0 else min(n, max(low, unit * w))
            for n, low, w in zip(natural, least, weights, strict=True)
        ]

    if sum(shared(math.inf)) <= width:
        sizes = shared(math.inf)
    else:
        lo, hi = 0.0, max(room, 1.0)
        for _ in range(60):  # the largest unit whose shares fit in the room
            mid = (lo + hi) / 2
            if sum(shared(mid)) - fixed <= room:
                lo = mid
            else:
                hi = mid
        sizes = shared(lo)
    out = [math.floor(s) for s in sizes]
    lines = 1
    for (_, cells, w), size in zip(columns, out, strict=True):
        if w > 0:
            for c in cells:
                lines = max(lines, wrapped_lines(str(c), max(size - 2 * padding, 1), widths))
    return out, lines
