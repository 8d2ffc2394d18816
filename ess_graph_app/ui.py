"""Small helpers every page uses: the language, translated text, the page header, the
demo banner, and the sandboxed frame that shows a graph.

Strings from a user's file are only ever shown through widgets that print text
(``st.write`` of a DataFrame, ``st.text``, labels), or inside a frame that cannot reach
this page (`graph_frame`).
"""

from __future__ import annotations

import zlib
from collections.abc import Collection, Mapping
from typing import Any

import pandas as pd
import streamlit as st

import ess_graph.app_strings  # noqa: F401  (registers the app.* strings)
from ess_graph.i18n import DEFAULT_LANG, t, tn
from ess_graph.network import Network
from ess_graph.search import MATCH_LIMIT, NameIndex
from ess_graph_app import data, state, widget_words
from ess_graph_app.words import lang, md, tr

# Projector-friendly sizes: key figures and legends must be readable at 1280×720.
CSS = """
<style>
.block-container { padding-top: 3.6rem; padding-bottom: 1rem; }
h1 { font-size: 2.1rem !important; padding-top: 0 !important; padding-bottom: 0.4rem !important; }
[data-testid="stAlertContainer"] { padding-top: 0.55rem; padding-bottom: 0.55rem; }
[data-testid="stMetricValue"] { font-size: 2.4rem; font-weight: 700; }
[data-testid="stMetricLabel"] p { font-size: 1.1rem; }
[data-testid="stMetricLabel"], [data-testid="stMetricLabel"] * { white-space: normal !important;
  overflow: visible !important; text-overflow: clip !important; }
.ess-legend { font-size: 1.05rem; line-height: 1.45; }
[data-testid="stFileUploaderDropzoneInstructions"] { display: none; }
.ess-count { font-size: 1.35rem; line-height: 1.5; margin-bottom: 0.4rem; }
.ess-count b { font-size: 1.9rem; }
[data-testid="stTabs"] [role="tab"], [data-testid="stTabs"] [role="tab"] p { font-size: 1.12rem; }
.ess-legend .dot { display: inline-block; width: 0.95em; height: 0.95em;
  border-radius: 50%; margin-right: 0.4em; vertical-align: -0.1em;
  border: 1px solid rgba(0,0,0,0.25); }
</style>
"""


#: The language switch's words (each language in itself).
LANG_NAMES = {"fr": "Français", "en": "English"}


def fmt_int(n: float) -> str:
    """A whole number with the thousands separator of the language."""
    text = f"{int(n):,}"
    return text.replace(",", "\u202f") if lang() == "fr" else text


def fmt_pct(x: float) -> str:
    if x != x:  # NaN
        return "–"
    text = f"{100 * x:.0f}"
    return f"{text}\u202f%" if lang() == "fr" else f"{text}%"


def style() -> None:
    st.html(CSS)
    widget_words.apply()  # streamlit's own « Upload », « Press Enter… » in French


def demo_banner(net: Network) -> None:
    if net.is_demo:
        st.warning(tr("banner.demo"))


def require_network() -> tuple[Network, str]:
    """The session's network, or a message and a stop when there is none."""
    cur = data.current()
    if cur is None:
        problem = st.session_state.get(state.LOAD_ERROR)
        detail = problem.message(lang()) if problem is not None else ""
        st.error(tr("load.failed", detail=detail))
        st.info(tr("load.go_data"))
        st.stop()
    return cur


def page_start(title_key: str) -> tuple[Network, str]:
    """Title, demo banner, which links count, and the session's network (stops the page
    when none)."""
    style()
    st.title(tr(title_key))
    net, key = require_network()
    demo_banner(net)
    ties_caption(net, key)
    return net, key


def ties_caption(net: Network, key: str) -> None:
    """Say which links the figures count, when the network has links declared by one side
    only (a survey): « Liens comptés : confirmés et déclarés par un seul côté (règle
    « union ») ». Without such links there is no rule to choose, and nothing is said."""
    if not data.has_declared(net):
        return
    rule = data.ties_rule(key)
    what = "counted_proposed" if data.include_proposed(key) else "counted"
    st.caption(tr("ties.caption", what=tr(f"ties.{what}.{rule}"), rule=tr(f"ties.name.{rule}")))


#: What a graph frame may do: run its own scripts, nothing else (no same origin, no
#: request anywhere). Written into the document and given as the frame's ``csp``.
GRAPH_CSP = (
    "default-src 'none'; script-src 'unsafe-inline'; style-src 'unsafe-inline'; "
    "img-src data: blob:; font-src data:; base-uri 'none'; form-action 'none'"
)

# The component that holds a graph frame. Trusted code of ours (streamlit runs it in the
# app page): it creates the sandboxed frame, keeps it across reruns while the document is
# the same (no reload, no flicker), and relays one thing from it: a click on a node, as
# that node's id, only when the message comes from this very frame and the id is one of
# the ids the app sent with the document. Everything else is ignored.
_GRAPH_JS = """
export default function (component) {
  const { data, parentElement, setTriggerValue } = component;
  let box = parentElement.querySelector("div.ess-graph-box");
  if (!box) {
    box = document.createElement("div");
    box.className = "ess-graph-box";
    parentElement.appendChild(box);
  }
  let frame = box.querySelector("iframe");
  if (!frame || frame.dataset.essKey !== data.key) {
    if (frame) { frame.remove(); }
    frame = document.createElement("iframe");
    frame.setAttribute("sandbox", "allow-scripts");
    frame.setAttribute("csp", data.csp);
    frame.setAttribute("data-ess-graph", "1");
    frame.dataset.essKey = data.key;
    frame.title = data.title;
    frame.style.border = "0";
    frame.style.width = "100%";
    frame.style.display = "block";
    frame.srcdoc = data.doc;
    box.appendChild(frame);
  }
  frame.style.height = data.height + "px";
  frame.title = data.title;
  const allowed = new Set(data.ids || []);
  const onMessage = (event) => {
    if (event.source !== frame.contentWindow) { return; }
    const m = event.data;
    if (!m || typeof m !== "object" || m.essGraph !== "node") { return; }
    if (typeof m.id !== "string" || m.id.length > 400 || !allowed.has(m.id)) { return; }
    setTriggerValue("node", m.id);
  };
  window.addEventListener("message", onMessage);
  return () => window.removeEventListener("message", onMessage);
}
"""

_graph_component = st.components.v2.component(
    "ess_graph.graph_frame", js=_GRAPH_JS, isolate_styles=False
)


def _with_csp(document: str) -> str:
    """`document` with `GRAPH_CSP` as its first ``<head>`` element (a policy the document
    itself states applies whatever browser shows it; the frame's ``csp`` attribute is
    Chromium's)."""
    meta = f'<meta http-equiv="Content-Security-Policy" content="{GRAPH_CSP}">'
    lower = document[:2000].lower()
    at = lower.find("<head>")
    if at >= 0:
        cut = at + len("<head>")
        return document[:cut] + meta + document[cut:]
    return meta + document


def graph_frame(
    document: str,
    *,
    height: int,
    title: str,
    key: str | None = None,
    node_ids: Collection[str] = (),
) -> str | None:
    """Show a self-contained HTML document in a frame that cannot reach this page; return
    the id of the node clicked in it during this run, if any.

    The frame is ``<iframe sandbox="allow-scripts" srcdoc=...>``: its origin is opaque (no
    ``allow-same-origin``), so it runs vis-network but any access to the app page throws,
    and `GRAPH_CSP` forbids every request (no CDN, no image, no connection): the graph
    works offline and leaks nothing. It lives in a small bidirectional component
    (``st.components.v2``) whose only channel back is a node id: a message from this frame
    whose id is one of `node_ids`; this function checks it against `node_ids` once more.
    Without `node_ids`, clicks do nothing.
    """
    ids = sorted({str(i) for i in node_ids})
    result = _graph_component(
        key=key,
        data={
            "doc": _with_csp(document),
            "key": f"{zlib.crc32(document.encode('utf-8', 'surrogatepass')):08x}-{len(document)}",
            "title": title,
            "height": int(height),
            "csp": GRAPH_CSP,
            "ids": ids,
        },
        height=int(height) + 4,
        on_node_change=lambda: None,
    )
    clicked = getattr(result, "node", None)
    if isinstance(clicked, str) and clicked in set(ids):
        return clicked
    return None


def scope_picker(
    net: Network,
    *,
    scope_key: str,
    value_key: str,
    allow_all: bool = True,
    counts: dict[str, dict[str, int]] | None = None,
) -> tuple[str | None, str | None, str]:
    """Pick the whole network, a territory or a pôle.

    `counts` ({"territory": {id: structures}, "pole": {...}}) makes the busiest one the
    default choice. Returns (scope_type, scope id, display name, markdown-escaped);
    (None, None, name of the whole network) for the whole network.
    """
    kinds = (["all"] if allow_all else []) + ["territory", "pole"]
    c1, c2 = st.columns([3, 4])
    kind = c1.radio(
        tr("scope.label"),
        kinds,
        format_func=labels("scope"),
        horizontal=True,
        key=scope_key,
    )
    if kind == "all":
        return None, None, tr("scope.all_name")
    # The returned name is markdown-escaped: pages put it in headings.
    names = net.territory_names() if kind == "territory" else net.pole_names()
    if not names:
        c2.info(tr(f"scope.none_{kind}"))
        st.stop()
    pick = by_name(names)
    options = pick["options"]
    busy = (counts or {}).get(kind, {})
    index = max(range(len(options)), key=lambda i: (busy.get(options[i], 0), -i)) if busy else 0
    choice = c2.selectbox(
        tr(f"attr.{kind}"),
        options,
        index=index,
        format_func=pick["format_func"],
        key=f"{value_key}_{kind}",
    )
    return kind, choice, md(names.get(choice, choice))


def structure_search(
    index: NameIndex, names: Mapping[Any, Any], *, key: str, label: str
) -> Any | None:
    """A search box for one structure (or pôle, or partner: whatever `index` holds): type
    a name or part of it (or an id), then pick among the matches, the best one already
    chosen. Returns its id, or None.

    A dropdown of every structure would send every name to the browser on each run of
    the page, however large the network; this sends at most `MATCH_LIMIT`.
    """
    query = st.text_input(label, placeholder=tr("search.placeholder"), key=key)
    if not query.strip():
        return None
    matches = index.find(query, limit=MATCH_LIMIT + 1)
    if not matches:
        st.caption(tr("search.none", q=md(query.strip())))
        return None
    more = len(matches) > MATCH_LIMIT
    matches = matches[:MATCH_LIMIT]
    if more:
        title = tr("search.more", n=MATCH_LIMIT)
    else:
        title = tr("search.one" if len(matches) == 1 else "search.matches", n=len(matches))
    # A new query gives a new list (a new key), whose first, best match is chosen.
    digest = zlib.crc32(query.strip().encode("utf-8"))
    return st.selectbox(
        title,
        matches,
        index=0,
        format_func=lambda k: str(names.get(k) or k),
        key=f"{key}_pick_{digest:08x}",
    )


def by_name(names: Mapping[Any, Any]) -> dict[str, Any]:
    """Widget arguments to pick ids by their display name: ``options`` (ids sorted by
    name, case aside, then by id) and ``format_func`` (an id shown as its name).

    >>> pick = by_name({"b": "Élan", "a": "abri", "c": ""})
    >>> pick["options"], [pick["format_func"](k) for k in pick["options"]]
    (['a', 'c', 'b'], ['abri', 'c', 'Élan'])
    """
    options = sorted(names, key=lambda k: (str(names[k] or k).casefold(), str(k)))
    return {"options": options, "format_func": lambda k: str(names.get(k) or k)}


def file_slug(text: str, limit: int = 40) -> str:
    """A file-name-safe version of a user's id or name (letters, digits, - and _)."""
    from ess_graph.schema import normalise_label

    slug = normalise_label(str(text))[:limit].strip("_")
    return slug or "x"


def labels(prefix: str):
    """A format_func for options: ``app.<prefix>.<option>`` in the language of now.

    The language is bound when the widget is drawn, not when streamlit (or AppTest)
    formats the options later, outside the script run.
    """
    code = lang()
    return lambda option: t(f"app.{prefix}.{option}", code)


def fmt_num(x: float, spec: str = ".2f") -> str:
    """A decimal number in the language's style (French: comma, real minus sign)."""
    return number_text(x, spec, lang())


#: Up to this many structures the diagnostic is written with the page (cached); above,
#: only when its button is clicked (streamlit's deferred download).
REPORT_EAGER_MAX = 2000
#: The media type of a Word document (DOCX).
DOCX_MIME = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"


def report_button(
    net: Network,
    key: str,
    scope_type: str | None,
    scope: str | None,
    *,
    scope_name: str,
    widget_key: str,
) -> None:
    """« Télécharger le diagnostic (HTML) » and « … (Word, à modifier) »: the territorial
    report of the territory or pôle chosen (`ess_graph.report`), as a page to print and
    as a document to edit, cached per content, scope and format."""
    if scope_type not in ("territory", "pole") or not scope:
        return
    code = lang()
    campaign = data.report_campaign()  # meeting mode: the latest survey campaign
    snapshot = None
    names = data.report_snapshots()  # meeting mode: compare with a snapshot of the journal
    if names:
        snapshot = st.selectbox(
            tr("report.compare"),
            [None, *reversed(names)],  # the latest first, after « none »
            format_func=lambda n: tr("report.compare_none") if n is None else n,
            key=f"{widget_key}_compare",
            help=tr("report.compare_help"),
        )
    args = (key, net, scope_type, scope, code, campaign, snapshot)
    if len(net.structures) <= REPORT_EAGER_MAX:
        # ~0.2 s on the demo
        page = data.report_file(*args, fmt="html")
    else:  # a big network: written when the button is clicked, not on every page view

        def page() -> bytes:
            return data.report_file(*args, fmt="html")

    def document() -> bytes:
        # Always on demand: the charts as pictures take ~0.5 s more (matplotlib).
        return data.report_file(*args, fmt="docx")

    survey = " " + tr("report.help_survey", name=md(campaign[1])) if campaign is not None else ""
    html_col, docx_col = st.columns(2)
    with html_col:
        st.download_button(
            tr("report.download"),
            page,
            file_name=f"diagnostic_{file_slug(scope)}.html",
            mime="text/html",
            key=widget_key,
            on_click="ignore",
            icon=":material/print:",
            help=tr("report.help", scope=scope_name) + survey,
        )
    with docx_col:
        st.download_button(
            tr("report.download_docx"),
            document,
            file_name=f"diagnostic_{file_slug(scope)}.docx",
            mime=DOCX_MIME,
            key=f"{widget_key}_docx",
            on_click="ignore",
            icon=":material/edit_document:",
            help=tr("report.help_docx", scope=scope_name) + survey,
        )


# --- tables, numbers and counts in the UI's language (issue 12) ------------------------
#: The width a table may fill at 1280×720 with the sidebar open: the main column is 820 px
#: there, less the grid's border and a vertical scroll bar. A wider screen only stretches
#: the columns (streamlit shares the rest among them), so what fits here fits there.
TABLE_WIDTH = 790
#: One wrapped line of a grid cell (14 px text), and what a row adds around its lines.
TABLE_LINE_PX = 19
TABLE_ROW_PAD_PX = 14
#: Streamlit's grid wraps text only in rows taller than 4rem (64 px); a row of one line
#: (and the header) is 35 px; the boxes to tick a row take a column of 32 px.
TABLE_WRAP_MIN_PX = 65
TABLE_ROW_PX = 35
TABLE_TICK_PX = 32


def number_text(x: Any, spec: str = ".2f", code: str = DEFAULT_LANG) -> str:
    """A number as the language writes it: in French a decimal comma, a narrow no-break
    space between thousands and a real minus sign; in English as Python formats it.
    Missing values are "–".

    >>> number_text(-0.1634, "+.2f", "fr"), number_text(0.6667, ".2f", "en")
    ('−0,16', '0.67')
    >>> number_text(12345.5, ",.1f", "fr") == "12\u202f345,5"
    True
    >>> number_text(float("nan")), number_text(None), number_text(7, "d", "fr")
    ('–', '–', '7')
    """
    if x is None or x != x:  # NaN
        return "–"
    text = format(x, spec)
    if code == "fr":
        return text.replace(",", "\u202f").replace(".", ",").replace("-", "−")
    return text


def trn(key: str, n: float, **params: Any) -> str:
    """The app string of a count, ``app.<key>.one`` or ``app.<key>.many`` as the
    language's plural rule says (`ess_graph.i18n.tn`); ``{n}`` is written with the
    language's thousands separator."""
    return tn(f"app.{key}", n, lang(), **({"n": fmt_int(n)} | params))


def table(
    frame: pd.DataFrame,
    *,
    key: str,
    numbers: Mapping[str, str] | None = None,
    explain: tuple[str, ...] = (),
    max_rows: int | None = None,
    **kwargs: Any,
) -> Any:
    """``st.dataframe`` as a projector audience reads it: every word of every cell shown.

    `numbers` maps a column to a format spec (``".2f"``, ``",d"``…): the cells are written
    in the language (`number_text`) while the values stay numbers, so a click on the
    header still sorts them (a pandas Styler's display values). Text columns share the
    room left (`ess_graph.viz.text.fit_columns`), the `explain` columns four times as
    much, and wrap: streamlit gives every row one height, that of the tallest. The table
    is as tall as `max_rows` rows (then it scrolls), or as given by ``height``. Other
    keyword arguments go to ``st.dataframe`` (``on_select``…); returns what it returns.
    """
    from ess_graph.viz.text import fit_columns

    code = lang()
    numbers = {col: spec for col, spec in (numbers or {}).items() if col in frame.columns}
    columns = []
    for col in frame.columns:
        values = frame[col]
        if col in numbers:
            cells = [number_text(v, numbers[col], code) for v in values]
            weight = 0.0
        elif pd.api.types.is_numeric_dtype(values) or pd.api.types.is_bool_dtype(values):
            cells = [str(v) for v in values]
            weight = 0.0
        else:
            cells = ["–" if v is None or v != v else str(v) for v in values]
            weight = 4.0 if col in explain else 1.0
        columns.append((str(col), cells, weight))
    # a table whose rows can be ticked draws a column of boxes before the first
    room = TABLE_WIDTH - (TABLE_TICK_PX if kwargs.get("on_select", "ignore") != "ignore" else 0)
    widths, lines = fit_columns(columns, room)
    config = {
        col: st.column_config.Column(width=w) for col, w in zip(frame.columns, widths, strict=True)
    }
    config |= kwargs.pop("column_config", None) or {}
    rows = None
    if lines > 1:
        rows = max(TABLE_WRAP_MIN_PX, lines * TABLE_LINE_PX + TABLE_ROW_PAD_PX)
    if max_rows is not None and "height" not in kwargs:
        each = rows or TABLE_ROW_PX
        kwargs["height"] = TABLE_ROW_PX + 3 + each * max(1, min(len(frame), max_rows))
    data: Any = frame
    if numbers:
        data = frame.style.format(
            {col: (lambda v, s=spec: number_text(v, s, code)) for col, spec in numbers.items()}
        )
    kwargs.setdefault("hide_index", True)
    kwargs.setdefault("width", "stretch")
    kwargs.setdefault("placeholder", "–")
    return st.dataframe(data, key=key, column_config=config, row_height=rows, **kwargs)


def rows_digest(frame: pd.DataFrame) -> str:
    """A short fingerprint of a table's rows (8 hex digits), to key a widget by them.

    >>> a = pd.DataFrame({"source": ["s1", "s2"], "target": ["s3", "s4"]})
    >>> rows_digest(a) == rows_digest(a.copy()), rows_digest(a) == rows_digest(a[::-1])
    (True, False)
    """
    text = "\n".join("\x1f".join(map(str, row)) for row in frame.itertuples(index=False))
    return f"{zlib.crc32(text.encode('utf-8')):08x}"
