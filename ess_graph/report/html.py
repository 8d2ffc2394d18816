"""The diagnostic as one self-contained HTML page, from its `ReportContent`.

The page is the Jinja2 template ``templates/report.html.j2`` with autoescaping: every
text of the content is escaped; the only markup not in the template is the inline SVG of
the charts (`ess_graph.report.charts`, which escapes its labels). No script, no external
file, no request (a Content-Security-Policy forbids them): inline CSS for screen and A4
print (``templates/report.css``), charts as inline SVG in table cells.
"""

from __future__ import annotations

import math
from functools import lru_cache
from typing import Any

import jinja2
import pandas as pd

from ess_graph.report import charts
from ess_graph.report.model import EiBar, Heat, RatioLegend, ReportContent, ShareBar
from ess_graph.safe_text import writable_text

CSP = "default-src 'none'; style-src 'unsafe-inline'; img-src data:"


def _data_value(raw: Any) -> str:
    """A figure's raw value as its ``data-value`` ("" when missing)."""
    if raw is None or raw is pd.NA or (isinstance(raw, float) and math.isnan(raw)):
        return ""
    return str(raw)


# The three chart filters return SVG markup, which the template marks ``| safe``: they
# are the only markup not written by the template, and `charts` escapes every label.
def _chart(chart: ShareBar | EiBar) -> str:
    if isinstance(chart, ShareBar):
        return charts.share_bar(chart.share, chart.region, title=chart.title)
    return charts.ei_bar(chart.ei, chart.expected, chart.region, title=chart.title)


def _heat_colours(heat: Heat) -> tuple[str, str]:
    return charts.ratio_colour(heat.observed, heat.expected)


def _legend_key(shape: str, label: str) -> str:
    return charts.legend_key(shape, label)


def _ratio_legend(legend: RatioLegend) -> str:
    return charts.ratio_legend(legend.fewer, legend.as_expected, legend.more)


@lru_cache(maxsize=1)
def _environment() -> jinja2.Environment:
    env = jinja2.Environment(
        loader=jinja2.PackageLoader("ess_graph.report", "templates"),
        autoescape=True,
        undefined=jinja2.StrictUndefined,
        keep_trailing_newline=True,
    )
    env.filters.update(
        data_value=_data_value,
        chart=_chart,
        heat_colours=_heat_colours,
        legend_key=_legend_key,
        ratio_legend=_ratio_legend,
    )
    return env


def render_html(content: ReportContent) -> str:
    """The page of ``content``: an HTML document with a Content-Security-Policy that forbids
    every request, no script, inline CSS for screen and A4 print. Every value from the data
    is escaped; a character HTML forbids (C0 controls but tab and line breaks, DEL, C1
    controls, U+FFFE, U+FFFF, lone surrogates) is replaced by U+FFFD."""
    page = _environment().get_template("report.html.j2").render(r=content, csp=CSP)
    # Escaping leaves the control characters of a name as they are; those HTML forbids
    # become U+FFFD here, once for the whole page (docs/DATA.md, « What ess_graph writes »).
    return writable_text(page)
