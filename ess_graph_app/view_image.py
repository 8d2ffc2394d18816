"""The graph view as an image for slides and papers: three download buttons (PNG, SVG, PDF).

`image_buttons` takes what `data.view` returned for the view on screen. The image is drawn
only when a button is clicked (streamlit calls the button's callable then, on another
thread) and cached per view, format and caption (`data.view_image`), from the same
cached positions as the screen (`ess_graph.viz.image`). The last view offered is kept in
the session (`state.VIEW_IMAGE`) so the Exporter page can offer it too.
"""

from __future__ import annotations

import datetime as dt
from functools import partial
from pathlib import Path

import networkx as nx
import streamlit as st

from ess_graph.network import Network
from ess_graph.viz.formats import IMAGE_FORMATS as FORMATS
from ess_graph.viz.style import value_label
from ess_graph_app import data, state
from ess_graph_app.ui import fmt_int, labels, lang, tr


def _count(n: int, what: str) -> str:
    one = n <= 1 if lang() == "fr" else n == 1  # French: « 0 lien », « 1 lien »
    return tr(f"img.{what}_{'one' if one else 'many'}", n=fmt_int(n))


def view_caption(shown: dict, net: Network, key: str) -> str:
    """The line under the image: source, date, filters (with the focused structure and the
    scale) and what the view counts, in the session's language.

    `shown` is what `data.view` returned; the source is the file's name (never a folder
    of the server), or « réseau de démonstration (fictif) »."""
    params = shown["image"]
    code = lang()
    sep = " : " if code == "fr" else ": "
    source = tr("img.demo") if net.is_demo else (Path(str(net.source or "")).name or "—")
    today = dt.date.today()
    date = today.strftime("%d/%m/%Y") if code == "fr" else today.isoformat()
    territories, poles, sectors, families, kinds, years = params["filters"]
    parts = []
    named = (
        ("attr.territory", territories, net.territory_names()),
        ("attr.pole", poles, net.pole_names()),
        ("attr.sector", sectors, net.sector_names()),
    )
    for label, chosen, names in named:
        if chosen:
            parts.append(tr(label) + sep + ", ".join(str(names.get(v, v)) for v in chosen))
    if families:
        # a family's words come from the language table alone: no graph needed
        words = [value_label(nx.Graph(), "family", f, code) for f in families]
        parts.append(tr("attr.family") + sep + ", ".join(words))
    if kinds:
        parts.append(tr("net.kind") + sep + ", ".join(labels("kind")(k) for k in kinds))
    if years:
        parts.append(tr("net.years") + sep + f"{years[0]}–{years[1]}")
    if params["focus"] is not None and shown.get("focused"):
        name = data.node_names(key, net).get(params["focus"], params["focus"])
        parts.append(tr("img.focus", name=name, depth=params["depth"]))
    filters = tr("img.filters", filters="; ".join(parts) or tr("img.no_filter"))
    scale = tr("net.scale") + sep + labels("net.scale")(params["scale"]).lower()
    counts = (
        _count(int(shown["structures"]), "structures") + ", " + _count(int(shown["ties"]), "ties")
    )
    return " · ".join((tr("img.source", source=source), date, filters, scale, counts))


def image_buttons(
    shown: dict,
    caption: str | None = None,
    *,
    title: str = "",
    keys: dict[str, str] = state.W_IMG,
    panel: str | None = None,
) -> None:
    """PNG, SVG and PDF buttons for the view `shown` (what `data.view` returned).

    Draws nothing when the view has no image (too big to draw) or belongs to another
    network than the session's (a stale view on the Exporter page). `caption` defaults
    to `view_caption`; `title` (e.g. a saved view's name) is written above the graph.
    `keys` are the three buttons' widget keys (`state.W_IMG` on the Réseau page,
    `state.W_EXP_IMG` on the Exporter page). With `panel` (a widget key), the buttons sit
    in an expander of that key and are sent to the browser only while it is open (the
    Réseau page stays light: the page is drawn on every visit, the image asked for rarely);
    the view is kept for the Exporter page either way.
    """
    params = shown.get("image")
    cur = data.current()
    if params is None or cur is None or cur[1] != params["key"]:
        return
    net, key = cur
    if caption is None:
        caption = view_caption(shown, net, key)
    st.session_state[state.VIEW_IMAGE] = {
        "shown": {k: shown.get(k) for k in ("image", "structures", "ties", "focused")},
        "caption": caption,
        "title": title,
    }
    if panel is not None:
        box = st.expander(tr("img.panel"), key=panel, on_change="rerun")
        if not box.open:
            return
        with box:
            _buttons(net, key, params, caption, title, keys)
    else:
        _buttons(net, key, params, caption, title, keys)


def _buttons(
    net: Network, key: str, params: dict, caption: str, title: str, keys: dict[str, str]
) -> None:
    proposed = tr("net.proposed_counted" if data.include_proposed(key) else "net.proposed")
    args = {k: v for k, v in params.items() if k != "key"}
    base = ("reseau" if lang() == "fr" else "network") + f"_{params['scale']}"
    cols = st.columns(len(FORMATS))
    for col, (fmt, mime) in zip(cols, FORMATS.items(), strict=True):
        col.download_button(
            tr(f"img.{fmt}"),
            # called when clicked, on another thread: everything it needs is bound now
            partial(data.view_image, key, net, args, fmt, caption, proposed, title),
            file_name=f"{base}.{fmt}",
            mime=mime,
            key=keys[fmt],
            on_click="ignore",
        )
    note = tr("img.help")
    if st.session_state.get(state.W_PHYSICS):
        note += " " + tr("img.physics", physics=tr("net.physics"))
    st.caption(note)


def exporter_buttons(intro: str = "") -> bool:
    """The Exporter page's buttons for the last view offered on the Réseau page, after
    `intro`; nothing (False) when there is none or it belongs to another network."""
    kept = st.session_state.get(state.VIEW_IMAGE)
    cur = data.current()
    if not kept or cur is None or (kept["shown"].get("image") or {}).get("key") != cur[1]:
        return False
    if intro:
        st.markdown(intro)
    image_buttons(kept["shown"], kept["caption"], title=kept.get("title", ""), keys=state.W_EXP_IMG)
    return True
