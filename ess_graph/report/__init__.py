"""What can a pôle take to its préfiguration meeting? The territorial diagnostic.

The diagnostic of one territory (pays) or one pôle is computed once as a
`ReportContent` (`report_content`: figures, sentences and tables in French or English)
and laid out two ways from it:

- `render_html`: one self-contained HTML page (no script, no external file, no request;
  charts as inline SVG) that prints cleanly to A4 (`territorial_report` does both steps);
- `render_docx`: an editable Word document (DOCX) with the same headings, tables and
  figures, charts as pictures, for the coordinator's préfiguration study.

What it holds: docs/REPORT.md. Modules: `content` (what it says), `model` (its blocks),
`html` and `docx` (the two layouts), `charts` (inline SVG and colours), `strings` (words).
"""

from __future__ import annotations

import datetime as dt

from ess_graph.network import Network
from ess_graph.report.content import (
    FEW_STRUCTURES,
    SECTION_KEYS,
    ReportScopeError,
    report_content,
    scope_ids,
)
from ess_graph.report.html import CSP, render_html
from ess_graph.report.model import ReportContent
from ess_graph.survey import follow

#: The formats a diagnostic is written in (the CLI's --format, the app's downloads).
FORMATS: tuple[str, ...] = ("html", "docx")


def render_docx(content: ReportContent) -> bytes:
    """The editable document of ``content`` (`ess_graph.report.docx.render_docx`;
    python-docx and matplotlib are imported only when a DOCX is asked for)."""
    from ess_graph.report import docx

    return docx.render_docx(content)


def territorial_report(
    net: Network,
    *,
    territory: str | None = None,
    pole: str | None = None,
    compare: Network | None = None,
    survey: follow.CampaignData | None = None,
    lang: str = "fr",
    seed: int = 2009,
    generated: dt.datetime | None = None,
) -> str:
    """The territorial diagnostic as one HTML page: ``render_html(report_content(...))``.

    The parameters are those of `report_content`; see `render_html` for what the page
    holds and `render_docx` for the editable document of the same content.
    """
    return render_html(
        report_content(
            net,
            territory=territory,
            pole=pole,
            compare=compare,
            survey=survey,
            lang=lang,
            seed=seed,
            generated=generated,
        )
    )


__all__ = [
    "CSP",
    "FEW_STRUCTURES",
    "FORMATS",
    "SECTION_KEYS",
    "ReportContent",
    "ReportScopeError",
    "render_docx",
    "render_html",
    "report_content",
    "scope_ids",
    "territorial_report",
]
