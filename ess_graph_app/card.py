"""A structure's card, opened by a click on its dot: who it is, its place in the network
in words, its partners, its best partnership opportunities; and, in meeting mode, a link
added from the graph with two clicks (the first end from the card, the second by a click
on another dot).

Only an id the graph frame sent back and `ui.graph_frame` checked against the drawn ids
reaches here; it is checked once more against the network before anything is shown.
"""

from __future__ import annotations

from typing import Any

import pandas as pd
import streamlit as st

from ess_graph.network import Network
from ess_graph.schema import LINK_KINDS, LINK_STATUSES
from ess_graph.viz.style import value_label
from ess_graph.workspace import edits
from ess_graph.workspace.store import WorkspaceError
from ess_graph_app import data, editing, state
from ess_graph_app.ui import fmt_int, labels, lang, md, tr, trn

#: Partners listed on a card (the rest counted), opportunities shown.
CARD_PARTNERS = 12
CARD_OPPORTUNITIES = 3


def _name(G: Any, n: str) -> str:
    return str(G.nodes[n].get("name") or n) if n in G else n


def _facts(net: Network, key: str, sid: str) -> list[str]:
    """The card's sentences: family, sector, place, pôle; then ties in words."""
    G = data.cooperation(key, net)
    code = lang()
    d = G.nodes[sid]
    lines = []
    what = [
        value_label(G, "family", str(d.get("family", "")), code),
        value_label(G, "sector", str(d.get("sector", "")), code),
    ]
    lines.append(" · ".join(x for x in what if x))
    place = [value_label(G, "territory", str(d.get("territory", "")), code)]
    row = net.structures.loc[net.structures["id"] == sid]
    commune = str(row["commune"].iloc[0]) if len(row) and "commune" in row else ""
    if commune and commune != "nan":
        place.insert(0, commune)
    pole = str(d.get("pole") or "")
    where = ", ".join(x for x in place if x)
    if pole:
        where += " · " + tr("card.pole", pole=value_label(G, "pole", pole, code))
    lines.append(where)
    partners = list(G.neighbors(sid))
    other = sum(1 for p in partners if G.nodes[p].get("sector") != d.get("sector"))
    lines.append(
        tr(
            "card.ties",
            n=fmt_int(len(partners)),
            partners=trn("card.partner", len(partners)),
            other=fmt_int(other),
        )
    )
    m = data.structure_metrics(key, net)
    if len(m) and "betweenness" in m:
        ranked = m.sort_values(["betweenness", "id"], ascending=[False, True]).reset_index()
        where = ranked.index[ranked["id"] == sid]
        if len(where) and float(ranked.loc[where[0], "betweenness"]) > 0:
            lines.append(tr("card.bridge", rank=int(where[0]) + 1, n=fmt_int(G.number_of_nodes())))
        elif len(where):
            lines.append(tr("card.no_bridge"))
    return lines


def _partners(net: Network, key: str, sid: str) -> pd.DataFrame:
    G = data.cooperation(key, net)
    code = lang()
    rows = []
    for p in G.neighbors(sid):
        rows.append(
            {
                tr("col.partner"): _name(G, p),
                tr("col.sector"): value_label(G, "sector", str(G.nodes[p].get("sector", "")), code),
                tr("col.since"): G.edges[sid, p].get("since"),
            }
        )
    frame = pd.DataFrame(rows)
    if len(frame):
        frame = frame.sort_values(tr("col.partner"), key=lambda s: s.str.casefold())
    return frame


@st.dialog(" ", width="large")
def _card_dialog(net: Network, key: str, sid: str) -> None:
    G = data.cooperation(key, net)
    st.subheader(md(_name(G, sid)))
    for line in _facts(net, key, sid):
        st.markdown(md(line))
    partners = _partners(net, key, sid)
    if len(partners):
        st.markdown(f"**{tr('card.partners', n=len(partners))}**")
        st.dataframe(
            partners.head(CARD_PARTNERS),
            hide_index=True,
            width="stretch",
            key=state.W_CARD_PARTNERS,
        )
        if len(partners) > CARD_PARTNERS:
            st.caption(trn("card.more", len(partners) - CARD_PARTNERS))
    ideas = data.opportunities(key, net, "structure", sid, CARD_OPPORTUNITIES, lang())
    if len(ideas):
        st.markdown(f"**{tr('card.ideas')}**")
        for _, row in ideas.iterrows():
            st.markdown(f"- **{md(row['target_name'])}** : {md(row['reasons'])}")
    if editing.meeting_mode() and not st.session_state.get(state.DETACHED):
        if editing.can_edit():
            if st.button(tr("card.link_from"), key=state.W_CARD_LINK, type="primary"):
                st.session_state[state.LINK_FROM] = sid
                st.rerun()
        else:
            st.caption(tr("card.locked"))


@st.dialog(" ", width="large")
def _link_dialog(net: Network, key: str, a: str, b: str) -> None:
    G = data.cooperation(key, net)
    st.subheader(tr("card.new_link", a=md(_name(G, a)), b=md(_name(G, b))))
    if not editing.can_edit():
        st.warning(tr("card.locked"))
        return
    if state.W_WHO not in st.session_state:
        st.session_state[state.W_WHO] = editing.who()
    st.text_input(
        tr("meet.who"),
        key=state.W_WHO,
        on_change=editing.remember_who,
        placeholder=tr("meet.who_placeholder"),
        max_chars=80,
    )
    c1, c2 = st.columns([2, 1.4])
    kind = c1.selectbox(
        tr("net.kind"), LINK_KINDS, format_func=labels("kind"), key=state.W_CARD_KIND
    )
    status = c2.radio(
        tr("meet.status"),
        list(LINK_STATUSES),
        format_func=labels("meet.status"),
        horizontal=True,
        key=state.W_CARD_STATUS,
    )
    c3, c4 = st.columns([1, 3])
    year = c3.number_input(
        tr("meet.year"), value=None, step=1, key=state.W_CARD_YEAR, help=tr("meet.year_help")
    )
    note = c4.text_input(tr("meet.note"), key=state.W_CARD_NOTE, max_chars=300)
    who = str(st.session_state.get(state.W_WHO) or "").strip()
    if st.button(tr("meet.add_link"), type="primary", key=state.W_CARD_ADD, disabled=not who):
        editing.remember_who()
        ws = editing.open_workspace()
        try:
            edits.add_link(
                ws,
                a,
                b,
                kind,
                who=who,
                since=None if year is None else int(year),
                status=status,
                note=note,
                origin=editing.origin(),
            )
        except WorkspaceError as exc:
            ws.close()
            st.error(editing.error_text(exc, lang()))
            return
        st.session_state.pop(state.LINK_FROM, None)
        editing.done(
            ws,
            "success",
            tr(
                "meet.link_added",
                a=md(_name(G, a)),
                b=md(_name(G, b)),
                status=labels("meet.status")(status),
            ),
        )
    if not who:
        st.caption(tr("card.who_first"))


def link_banner(net: Network, key: str) -> None:
    """While a link is being drawn from a first structure: say so, with a way out."""
    first = st.session_state.get(state.LINK_FROM)
    if first is None:
        return
    G = data.cooperation(key, net)
    if first not in G:
        st.session_state.pop(state.LINK_FROM, None)
        return
    c1, c2 = st.columns([5, 1], vertical_alignment="center")
    c1.info(tr("card.pick_second", name=md(_name(G, first))))
    if c2.button(tr("card.cancel"), key=state.W_CARD_CANCEL):
        st.session_state.pop(state.LINK_FROM, None)
        st.rerun()


def on_click(net: Network, key: str, clicked: str | None) -> None:
    """Open the card of `clicked`, or, when a link is being drawn, the new link's form."""
    if clicked is None:
        return
    G = data.cooperation(key, net)
    if clicked not in G:  # checked again: a structure of this network, nothing else
        return
    first = st.session_state.get(state.LINK_FROM)
    if first is not None and first in G and first != clicked:
        _link_dialog(net, key, first, clicked)
    else:
        _card_dialog(net, key, clicked)
