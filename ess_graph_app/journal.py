"""Journal: who changed what, when, and from where; named snapshots and what changed since.

Only in meeting mode. The journal is `ess_graph.workspace.journal.journal_frame` (never
rewritten: an undo adds a line); snapshots and their diffs come from
`ess_graph.workspace.snapshots`.
"""

from __future__ import annotations

import pandas as pd
import streamlit as st

from ess_graph.workspace import journal, snapshots
from ess_graph.workspace.store import WorkspaceError
from ess_graph_app import data, editing, state
from ess_graph_app.ui import fmt_int, lang, md, require_network, style, ties_caption, tr

COMMAND = "ess-graph app --workspace rencontre.sqlite"
SHOWN = 300  # latest changes listed (an import alone is one line per row)

style()
st.title(tr("page.journal"))
if not editing.meeting_mode():
    st.info(tr("journal.read_only"))
    st.code(COMMAND, language="bash")
    st.stop()
net, key = require_network()
ties_caption(net, key)
editing.show_flash()
code = lang()
who = editing.who()

with editing.open_workspace() as ws:
    # Changes -----------------------------------------------------------------------------
    st.subheader(tr("journal.changes"))
    mine = st.toggle(
        tr("journal.mine", who=md(who) or "–"), key=state.W_JOURNAL_MINE, disabled=not who
    )
    frame = journal.journal_frame(ws, lang=code, limit=SHOWN, who=who if mine and who else None)
    if frame.empty:
        st.info(tr("journal.empty"))
    else:
        shown = pd.DataFrame(
            {
                tr("journal.col.seq"): frame["seq"],
                tr("journal.col.at"): [str(a)[:19].replace("T", " ") for a in frame["at"]],
                tr("journal.col.who"): frame["who"],
                tr("journal.col.what"): frame["summary"],
                tr("journal.col.origin"): frame["origin"],
            }
        )
        st.dataframe(
            shown,
            hide_index=True,
            width="stretch",
            height=280,
            key="w_journal_table",
            column_config={tr("journal.col.what"): st.column_config.TextColumn(width="large")},
        )
        st.caption(tr("journal.help", n=fmt_int(SHOWN)))

    # Snapshots -----------------------------------------------------------------------------
    st.subheader(tr("journal.snapshots"))
    snaps = snapshots.list_snapshots(ws)
    if editing.can_edit():
        with st.form(state.W_SNAP_FORM, border=False):
            c1, c2 = st.columns([3, 1], vertical_alignment="bottom")
            name = c1.text_input(
                tr("journal.snap_name"),
                key=state.W_SNAP_NAME,
                placeholder=tr("journal.snap_placeholder"),
                max_chars=120,
            )
            create = c2.form_submit_button(
                tr("journal.snap_create"), key=state.W_SNAP_CREATE, disabled=not who
            )
        if not who:
            st.caption(tr("meet.who_first"))
        if create:
            try:
                made = snapshots.create_snapshot(ws, name, who=who)
            except WorkspaceError as exc:
                st.error(editing.error_text(exc, code))
            else:
                editing.flash("success", tr("journal.snap_made", name=md(made["name"])))
                st.rerun()
    if snaps.empty:
        st.info(tr("journal.no_snapshot"))
        st.stop()
    st.dataframe(
        pd.DataFrame(
            {
                tr("journal.col.name"): snaps["name"],
                tr("journal.col.at"): [str(a)[:19].replace("T", " ") for a in snaps["at"]],
                tr("journal.col.who"): snaps["who"],
            }
        ),
        hide_index=True,
        width="stretch",
        key="w_journal_snapshots",
    )

    # What changed since a snapshot ------------------------------------------------------------
    pick = st.selectbox(
        tr("journal.diff_pick"),
        list(snaps["name"])[::-1],
        key=state.W_SNAP_DIFF,
    )
    stamp = editing.stamp(ws)
diff = data.snapshot_diff(stamp, pick, data.include_proposed(key), data.ties_rule(key))

st.subheader(tr("journal.diff_title", name=md(pick)))
cols = st.columns(4)
for col, (part, label) in zip(
    cols,
    [
        ("ties_gained", "journal.gained"),
        ("ties_lost", "journal.lost"),
        ("structures_joined", "journal.joined"),
        ("structures_left", "journal.left"),
    ],
    strict=True,
):
    col.metric(tr(label), fmt_int(len(diff[part])))
for part, label in (("ties_gained", "journal.gained"), ("ties_lost", "journal.lost")):
    ties = diff[part]
    if len(ties):
        st.markdown("##### " + tr(label))
        st.dataframe(
            pd.DataFrame(
                {
                    tr("meet.source"): ties["u_name"],
                    tr("meet.target"): ties["v_name"],
                    tr("net.kind"): ties["kinds"],
                }
            ),
            hide_index=True,
            width="stretch",
            key=f"w_journal_{part}",
        )
for part, label in (("structures_joined", "journal.joined"), ("structures_left", "journal.left")):
    rows = diff[part]
    if len(rows):
        st.markdown("##### " + tr(label))
        st.dataframe(rows, hide_index=True, width="stretch", key=f"w_journal_{part}")
