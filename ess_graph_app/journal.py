"""Journal: who changed what, when, and from where; named snapshots and what changed since.

Only in meeting mode. The journal is `ess_graph.workspace.journal.journal_frame` (never
rewritten: an undo adds a line); snapshots and their diffs come from
`ess_graph.workspace.snapshots`. Times are stored in UTC and shown in the server's local
time zone (the system's), named once in the column header; codes are shown as words.
"""

from __future__ import annotations

import pandas as pd
import streamlit as st

from ess_graph.schema import kind_label
from ess_graph.viz.style import value_label
from ess_graph.workspace import journal, snapshots
from ess_graph.workspace.store import WorkspaceError
from ess_graph_app import data, editing, state
from ess_graph_app.ui import fmt_int, lang, md, require_network, style, table, ties_caption, tr

SHOWN = 300  # latest changes listed (an import alone is one line per row)

style()
st.title(tr("page.journal"))
if not editing.meeting_mode():
    editing.explain_meeting_mode("journal.read_only")
    st.stop()
net, key = require_network()
ties_caption(net, key)
editing.show_flash()
code = lang()
who = editing.who()
mine_origin = editing.origin()
#: The column of times, with the zone said once: « Quand (CET, UTC+01:00) ».
AT = tr("journal.col.at", zone=journal.zone_label())
#: Day first in French, ISO in English (whose readers do not agree on an order).
TIME_FORMAT = "DD/MM/YYYY HH:mm:ss" if code == "fr" else "YYYY-MM-DD HH:mm:ss"
#: The same, for the changes' table, whose times are written as text (wrapped table).
TIME_TEXT = "%d/%m/%Y %H:%M:%S" if code == "fr" else "%Y-%m-%d %H:%M:%S"


def times(column: pd.Series) -> pd.Series:
    """Journal times (UTC) as the server's wall-clock times."""
    return pd.Series([journal.local_time(str(a)) for a in column], dtype="datetime64[ns]")


def time_column() -> st.column_config.DatetimeColumn:
    return st.column_config.DatetimeColumn(AT, format=TIME_FORMAT)


def origins(frame: pd.DataFrame) -> list[str]:
    """Where each change came from, in words: an app session by the name typed in it
    (the change's author; this session's own as « this session »)."""
    return [
        journal.origin_label(o, code, name=w, mine=o == mine_origin)
        for o, w in zip(frame["origin"], frame["who"], strict=True)
    ]


with editing.open_workspace() as ws:
    # Changes -----------------------------------------------------------------------------
    st.subheader(tr("journal.changes"))
    # « my changes » means something once a name is typed (on the Rencontre page)
    mine = bool(who) and st.toggle(tr("journal.mine", who=md(who)), key=state.W_JOURNAL_MINE)
    frame = journal.journal_frame(ws, lang=code, limit=SHOWN, who=who if mine else None)
    if frame.empty:
        st.info(tr("journal.empty"))
    else:
        shown = pd.DataFrame(
            {
                tr("journal.col.seq"): frame["seq"],
                AT: [t.strftime(TIME_TEXT) for t in times(frame["at"])],
                tr("journal.col.who"): frame["who"],
                tr("journal.col.what"): frame["summary"],
                tr("journal.col.origin"): origins(frame),
            }
        )
        # « Quoi » shown whole (wrapped), as every explanation of the app
        table(
            shown,
            key="w_journal_table",
            explain=(tr("journal.col.what"),),
            max_rows=8,
            hide_index=True,
        )
        st.caption(tr("journal.help", n=fmt_int(SHOWN)) + " " + tr("journal.zone_help"))

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
                AT: times(snaps["at"]),
                tr("journal.col.who"): snaps["who"],
            }
        ),
        hide_index=True,
        width="stretch",
        key="w_journal_snapshots",
        column_config={AT: time_column()},
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
                    # "cooperation|pooling" -> « coopération, mutualisation »
                    tr("journal.kinds"): [
                        ", ".join(kind_label(k, code) for k in str(ks).split("|") if k)
                        for ks in ties["kinds"]
                    ],
                }
            ),
            hide_index=True,
            width="stretch",
            key=f"w_journal_{part}",
        )
G = data.cooperation(key, net)  # the names of sectors, territories and pôles, for words
for part, label in (("structures_joined", "journal.joined"), ("structures_left", "journal.left")):
    rows = diff[part]
    if len(rows):
        st.markdown("##### " + tr(label))
        shown = {tr("meet.col.id"): rows["id"], tr("meet.col.name"): rows["name"]}
        for column in ("family", "sector", "territory", "pole"):
            shown[tr(f"attr.{column}")] = [
                value_label(G, column, str(v), code) for v in rows[column]
            ]
        st.dataframe(pd.DataFrame(shown), hide_index=True, width="stretch", key=f"w_journal_{part}")
