"""How are the report's figures drawn without any script or external file?

Small builders of inline SVG (a bar in a table cell, a diverging E-I bar, legend keys)
and of cell colours (the sector mixing heat table) for `ess_graph.report`. Charts sit in
table cells next to the numbers they draw, so a table never loses its chart at a page
break and the numbers stay readable in grey print. Every label received is escaped here.
Colours are a blue–orange diverging scale, readable by colour-blind readers.
"""

from __future__ import annotations

import math
from html import escape

#: Scope bars, region markers, expected markers.
SCOPE_COLOUR = "#1f5f99"
REGION_COLOUR = "#d9731a"
EXPECTED_COLOUR = "#222222"
GRID_COLOUR = "#b0b0b0"


def _svg(width: int, height: int, title: str, body: list[str]) -> str:
    # No xmlns: inline SVG in HTML needs none, and the report holds no URL at all.
    return (
        f'<svg class="chart" role="img" width="{width}" height="{height}" '
        f'viewBox="0 0 {width} {height}"><title>{escape(title)}</title>{"".join(body)}</svg>'
    )


def _clip(x: float, low: float, high: float) -> float:
    return min(max(x, low), high)


def share_bar(share: float, marker: float | None, *, title: str, width: int = 150) -> str:
    """A bar of ``share`` (0 to 1) with an orange tick at ``marker`` (the region's share).

    >>> svg = share_bar(0.5, 0.25, title="<b>")
    >>> svg.startswith("<svg") and "&lt;b&gt;" in svg and "<b>" not in svg
    True
    >>> 'width="75.0"' in svg  # half of the 150 px
    True
    """
    height = 14
    body = [
        f'<rect x="0" y="2" width="{width}" height="{height - 4}" fill="#f2f2f2"/>',
    ]
    if share == share:
        body.append(
            f'<rect x="0" y="2" width="{_clip(share, 0, 1) * width:.1f}" '
            f'height="{height - 4}" fill="{SCOPE_COLOUR}"/>'
        )
    if marker is not None and marker == marker:
        x = _clip(marker, 0, 1) * width
        x = _clip(x, 1.5, width - 1.5)
        body.append(
            f'<line x1="{x:.1f}" y1="0" x2="{x:.1f}" y2="{height}" '
            f'stroke="{REGION_COLOUR}" stroke-width="3"/>'
        )
    return _svg(width, height, title, body)


def ei_bar(
    value: float,
    expected: float | None,
    region: float | None,
    *,
    title: str,
    width: int = 170,
) -> str:
    """A bar from 0 to an E-I index on a −1 … +1 axis, a black diamond at the value
    expected by chance and an orange tick at the region's value. NaN draws nothing.

    >>> ei_bar(-0.5, 0.2, 0.1, title="t").count("<polygon")
    1
    >>> 'x="42.5"' in ei_bar(-0.5, None, None, title="t")  # from −0.5 (¼ of 170) to 0
    True
    """
    height = 16
    zero = width / 2

    def x_of(v: float) -> float:
        return zero + _clip(v, -1.0, 1.0) * width / 2

    body = [f'<rect x="0" y="3" width="{width}" height="{height - 6}" fill="#f2f2f2"/>']
    for q in (-0.5, 0.5):
        body.append(
            f'<line x1="{x_of(q):.1f}" y1="3" x2="{x_of(q):.1f}" y2="{height - 3}" '
            f'stroke="{GRID_COLOUR}" stroke-width="0.5"/>'
        )
    if value == value:
        x = x_of(value)
        left, right = min(x, zero), max(x, zero)
        body.append(
            f'<rect x="{left:.1f}" y="3" width="{max(right - left, 1.0):.1f}" '
            f'height="{height - 6}" fill="{SCOPE_COLOUR}"/>'
        )
    body.append(
        f'<line x1="{zero}" y1="0" x2="{zero}" y2="{height}" stroke="#555555" stroke-width="1"/>'
    )
    if expected is not None and expected == expected:
        body.append(diamond(_clip(x_of(expected), 5, width - 5), height / 2))
    if region is not None and region == region:
        x = _clip(x_of(region), 1.5, width - 1.5)
        body.append(
            f'<line x1="{x:.1f}" y1="0" x2="{x:.1f}" y2="{height}" '
            f'stroke="{REGION_COLOUR}" stroke-width="3"/>'
        )
    return _svg(width, height, title, body)


def diamond(x: float, y: float, r: float = 5.0) -> str:
    """The marker of an expected value (an SVG polygon)."""
    points = f"{x:.1f},{y - r:.1f} {x + r:.1f},{y:.1f} {x:.1f},{y + r:.1f} {x - r:.1f},{y:.1f}"
    return f'<polygon points="{points}" fill="{EXPECTED_COLOUR}" stroke="#ffffff"/>'


def legend_key(kind: str, title: str) -> str:
    """A small symbol for a legend: "bar", "tick" (region) or "diamond" (expected)."""
    if kind == "bar":
        body = [f'<rect x="1" y="3" width="14" height="10" fill="{SCOPE_COLOUR}"/>']
    elif kind == "tick":
        body = [f'<line x1="8" y1="1" x2="8" y2="15" stroke="{REGION_COLOUR}" stroke-width="3"/>']
    elif kind == "diamond":
        body = [diamond(8, 8)]
    else:
        raise ValueError(f"unknown legend key {kind!r}")
    return _svg(16, 16, title, body)


# Heat table colours -------------------------------------------------------------------
_BLUES = ("#eef4fa", "#c6dbef", "#9ecae1", "#4a90c8", "#1f5f99")
_ORANGES = ("#fdf1e6", "#fdd0a2", "#fdae6b", "#e6812f", "#b35806")


def ratio_colour(observed: float, expected: float) -> tuple[str, str]:
    """Background and text colour of a mixing cell, from observed and expected ties.

    The ratio is smoothed, ``(observed + ½) / (expected + ½)``, so that a cell where
    almost nothing is expected is not coloured for one tie more or less. Blue below
    expectation, orange above, on a log2 scale in steps of ½ (the darkest shade from 4
    times fewer or more); white within a factor √2, or when both counts are 0.

    >>> ratio_colour(0, 18.8)  # no tie where about 19 were expected
    ('#1f5f99', '#ffffff')
    >>> ratio_colour(0, 0.1)  # nothing expected, nothing observed
    ('#ffffff', '#000000')
    >>> ratio_colour(2, 2.0)
    ('#ffffff', '#000000')
    >>> ratio_colour(22, 10.0)[0] == _ORANGES[2]  # log2(22.5 / 10.5) = 1.1
    True
    """
    if expected != expected or (observed <= 0 and expected <= 0):
        return ("#ffffff", "#000000")
    level = math.log2((observed + 0.5) / (max(expected, 0.0) + 0.5))
    if abs(level) < 0.5:
        return ("#ffffff", "#000000")
    step = min(int(abs(level) / 0.5), len(_BLUES) - 1)
    colour = (_ORANGES if level > 0 else _BLUES)[step]
    text = "#ffffff" if step >= len(_BLUES) - 2 else "#000000"
    return (colour, text)


def ratio_scale() -> list[str]:
    """The colours of `ratio_colour` in order, from far fewer ties than expected
    (dark blue) through white to far more (dark orange)."""
    return [*reversed(_BLUES[1:]), "#ffffff", *_ORANGES[1:]]


def ratio_legend(fewer: str, as_expected: str, more: str) -> str:
    """A legend strip for `ratio_colour`: from far fewer ties than expected to far more."""
    cells = ratio_scale()
    left = 150
    width = 18 * len(cells)
    body = [
        f'<rect x="{left + 18 * i}" y="2" width="18" height="12" fill="{c}" '
        f'stroke="{GRID_COLOUR}" stroke-width="0.5"/>'
        for i, c in enumerate(cells)
    ]
    body.append(
        f'<text x="{left - 6}" y="12" font-size="10" text-anchor="end">{escape(fewer)}</text>'
    )
    body.append(
        f'<text x="{left + width / 2:.0f}" y="26" font-size="10" text-anchor="middle">'
        f"{escape(as_expected)}</text>"
    )
    body.append(f'<text x="{left + width + 6}" y="12" font-size="10">{escape(more)}</text>')
    return _svg(left + width + 160, 30, as_expected, body)
