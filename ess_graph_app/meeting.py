"""Rencontre: add, change and remove links and structures during a meeting.

Only in meeting mode (``ess-graph app --workspace FILE``). Every change goes through
``ess_graph.workspace.edits``: checked as an import would check it (an invalid one is
refused with the reason and nothing is written), written with the version the visitor
saw (someone else's change in between gives a conflict message with the current value,
never a silent overwrite), and journalled under the name the visitor typed.
"""

from __future__ import annotations

import pandas as pd
import streamlit as st

from ess_graph.i18n import plural
from ess_graph.schema import FAMILIES, LINK_KINDS, LINK_STATUSES
from ess_graph.viz.style import value_label
from ess_graph.workspace import edits
from ess_graph.workspace.store import WorkspaceError
from ess_graph_app import data, editing, state
from ess_graph_app.ui import (
    by_name,
    demo_banner,
    fmt_int,
    labels,
    lang,
    md,
    require_network,
    structure_search,
    style,
    ties_caption,
    tr,
)

style()
st.title(tr("page.meeting"))
editing.meeting_mode_or_stop("meet.read_only")
net, key = require_network()
demo_banner(net)
ties_caption(net, key)
code = lang()
editing.show_flash()
editing.unlocked_or_stop("meet.locked")

G = data.cooperation(key, net)
ws = editing.open_workspace()
who = editing.who()
origin = editing.origin()


def done(kind: str, text: str) -> None:
    editing.done(ws, kind, text)


def count_word(n: int, what: str) -> str:
    """« lien » or « liens » after the count `n` (``app.meet.n_<what>.one/many``)."""
    return tr(plural(n, f"meet.n_{what}.one", f"meet.n_{what}.many", code))


# Who, undo and the counts ---------------------------------------------------------------
if state.W_WHO not in st.session_state:
    st.session_state[state.W_WHO] = who
c1, c2, c3 = st.columns([1.9, 2, 3.1], vertical_alignment="bottom")
c1.text_input(
    tr("meet.who"),
    key=state.W_WHO,
    on_change=editing.remember_who,
    placeholder=tr("meet.who_placeholder"),
    max_chars=80,
)
if c2.button(tr("meet.undo"), key=state.W_UNDO, disabled=not who, width="stretch"):
    try:
        undone = edits.undo_last(ws, who=who, origin=origin)
    except WorkspaceError as exc:
        st.error(editing.error_text(exc, code))
    else:
        n = len(undone.reverted)
        done("success", tr(plural(n, "meet.undone.one", "meet.undone.many", code), n=fmt_int(n)))
proposed_count = int((net.links["status"] == "proposed").sum()) if len(net.links) else 0
# Links to confirm: the ideas of the room, and the links a survey has from one side only.
declared_count = int((net.links["status"] == "declared").sum()) if len(net.links) else 0
c3.html(
    '<div class="ess-count">'
    + tr(
        "meet.counts",
        n=fmt_int(G.number_of_nodes()),
        m=fmt_int(G.number_of_edges()),
        p=fmt_int(proposed_count),
        structures=count_word(G.number_of_nodes(), "structures"),
        ties=count_word(G.number_of_edges(), "ties"),
        ideas=count_word(proposed_count, "ideas"),
    )
    + "</div>"
)
if not who:
    st.info(tr("meet.who_first"))


# Names of the nodes a link can join ----------------------------------------------------------
names = data.node_names(key, net)
seen: dict[str, int] = {}
for n in names.values():
    seen[n.casefold()] = seen.get(n.casefold(), 0) + 1


def node_label(n: str) -> str:
    name = names.get(n, n)
    return f"{name} ({n})" if seen.get(name.casefold(), 0) > 1 else name


tab_link, tab_struct, tab_ideas, tab_links, tab_structs = st.tabs(
    [
        tr("meet.tab.add_link"),
        tr("meet.tab.add_structure"),
        tr("meet.tab.to_confirm", n=proposed_count + declared_count)
        if declared_count
        else tr("meet.tab.proposed", n=proposed_count),
        tr("meet.tab.edit_links"),
        tr("meet.tab.edit_structures"),
    ]
)

# Add a link ------------------------------------------------------------------------------
# The two ends are found by typing (any size of network), outside the form: a search
# needs its own rerun, a form reruns only when submitted.
with tab_link:
    c1, c2 = st.columns(2)
    labels_of = {n: node_label(n) for n in names}  # a name twice: with its id
    with c1:
        source = structure_search(
            data.node_index(key, net), labels_of, key=state.W_LINK_SOURCE, label=tr("meet.source")
        )
    with c2:
        target = structure_search(
            data.node_index(key, net), labels_of, key=state.W_LINK_TARGET, label=tr("meet.target")
        )
with tab_link, st.form(state.W_LINK_FORM, border=False):
    c1, c2, c3, c4 = st.columns([1.9, 1.35, 0.85, 2.1])
    kind = c1.selectbox(
        tr("net.kind"), LINK_KINDS, format_func=labels("kind"), key=state.W_LINK_KIND
    )
    # No bounds here: the year and the weight are checked by the library, as on import.
    # Empty unless typed, and no grey example inside: a placeholder that looks like a
    # value ("2009") was read as filled in while nothing was stored. The help says it.
    year = c2.number_input(
        tr("meet.year"),
        value=None,
        step=1,
        help=tr("meet.year_help"),
        key=state.W_LINK_YEAR,
    )
    # Text, not a number field: a number field shows and takes "1.5" only, and the room
    # writes « 1,5 ». The library reads either, as it reads a French spreadsheet.
    weight = c3.text_input(tr("meet.weight"), help=tr("meet.weight_help"), key=state.W_LINK_WEIGHT)
    status = c4.radio(
        tr("meet.status"),
        list(LINK_STATUSES),
        format_func=labels("meet.status"),
        horizontal=True,
        key=state.W_LINK_STATUS,
    )
    note = st.text_input(tr("meet.note"), key=state.W_LINK_NOTE, max_chars=300)
    submitted = st.form_submit_button(
        tr("meet.add_link"), type="primary", key=state.W_LINK_SUBMIT, disabled=not who
    )
if submitted:
    if source is None or target is None:
        tab_link.error(tr("meet.pick_both"))
    else:
        try:
            edits.add_link(
                ws,
                source,
                target,
                kind,
                who=who,
                since=None if year is None else int(year),
                weight=weight.strip() or None,
                status=status,
                note=note,
                origin=origin,
            )
        except WorkspaceError as exc:
            tab_link.error(editing.error_text(exc, code))
        else:
            done(
                "success",
                tr(
                    "meet.link_added",
                    a=md(node_label(source)),
                    b=md(node_label(target)),
                    status=labels("meet.status")(status),
                ),
            )

# Add a structure -----------------------------------------------------------------------------
with tab_struct, st.form(state.W_STRUCT_FORM, border=False):
    c1, c2, c3 = st.columns([1, 2.4, 1.6])
    new_id = c1.text_input(tr("meet.id"), key=state.W_STRUCT_ID, max_chars=60)
    new_name = c2.text_input(tr("meet.name"), key=state.W_STRUCT_NAME, max_chars=200)
    family = c3.selectbox(
        tr("attr.family"),
        FAMILIES,
        format_func=lambda f, c=code: value_label(G, "family", f, c),
        key=state.W_STRUCT_FAMILY,
    )
    c1, c2, c3 = st.columns(3)
    sectors = net.sector_names()
    sector = c1.selectbox(
        tr("attr.sector"),
        index=None,
        **by_name(sectors),
        placeholder=tr("meet.pick_sector"),
        key=state.W_STRUCT_SECTOR,
    )
    territories = net.territory_names()
    territory = c2.selectbox(
        tr("attr.territory"),
        index=None,
        **by_name(territories),
        placeholder=tr("meet.pick_territory"),
        key=state.W_STRUCT_TERRITORY,
    )
    poles = net.pole_names()
    pole = c3.selectbox(
        tr("attr.pole"),
        index=None,
        **by_name(poles),
        placeholder=tr("meet.no_pole"),
        key=state.W_STRUCT_POLE,
    )
    added = st.form_submit_button(
        tr("meet.add_structure"), type="primary", key=state.W_STRUCT_SUBMIT, disabled=not who
    )
if added:
    values = {
        "id": new_id.strip(),
        "name": new_name.strip(),
        "family": family,
        "sector": sector or "",
        "territory": territory or "",
        "pole": pole or "",
    }
    try:
        edits.add_row(ws, "structures", values, who=who, origin=origin)
    except WorkspaceError as exc:
        tab_struct.error(editing.error_text(exc, code))
    else:
        done("success", tr("meet.structure_added", name=md(values["name"])))


# The tables as the visitor saw them ------------------------------------------------------------
def editor_key(table: str) -> str:
    prefix = state.W_EDIT_LINKS if table == "links" else state.W_EDIT_STRUCTURES
    return f"{prefix}_{st.session_state.get(state.EDIT_ROUND, {}).get(table, 0)}"


def base_frame(table: str) -> pd.DataFrame:
    """The rows shown in the table editor, with the versions the visitor saw: re-read
    when the workspace moved, but not while the visitor has unsaved edits (their row
    versions must stay the ones they edited)."""
    bases = st.session_state.setdefault(state.EDIT_BASE, {})
    seq = editing.stamp(ws)
    held = bases.get(table)
    if held is None or (
        held[0] != seq and not editing.pending(st.session_state.get(editor_key(table)))
    ):
        frame = edits.rows_frame(ws, table)
        if table == "links":
            # the names, read-only, beside the ids the row holds (columns starting with
            # "_" are never written back: `editing.apply_changes`); frozen with the rows,
            # since an editor whose data changes drops its unsaved edits
            frame.insert(0, "_target_name", [names.get(n, "") for n in frame["target"]])
            frame.insert(0, "_source_name", [names.get(n, "") for n in frame["source"]])
        elif "pole" in frame.columns:
            frame["pole"] = frame["pole"].mask(frame["pole"] == "", NO_POLE)  # see NO_POLE
        held = (seq, frame)
        bases[table] = held
    return held[1]


def saved(table: str, results: list[tuple[str, str]]) -> None:
    """Report a save, clear the editor and re-read everything."""
    for kind, text in results:
        if kind == "success":
            n = int(text)
            text = tr(plural(n, "meet.saved.one", "meet.saved.many", code), n=fmt_int(n))
        editing.flash(kind, text)
    if not results:
        editing.flash("info", tr("meet.nothing_saved"))
    rounds = st.session_state.setdefault(state.EDIT_ROUND, {})
    rounds[table] = rounds.get(table, 0) + 1  # the other table keeps its unsaved edits
    st.session_state.get(state.EDIT_BASE, {}).pop(table, None)
    ws.close()
    st.rerun()


# Proposed links, and links declared by one side only: confirm one ----------------------------------
with tab_ideas:
    links_now = edits.rows_frame(ws, "links")
    ideas = links_now[links_now["status"].isin(["proposed", "declared"])]
    if ideas.empty:
        st.info(tr("meet.no_to_confirm" if declared_count else "meet.no_proposed"))
    else:
        kind_words = labels("kind")  # in the language of this run, whenever it is called

        def idea_label(i: int) -> str:
            r = ideas.loc[i]
            return (
                f"{node_label(r['source'])} – {node_label(r['target'])} ({kind_words(r['kind'])})"
            )

        shown = pd.DataFrame(
            {
                tr("meet.source"): [node_label(s) for s in ideas["source"]],
                tr("meet.target"): [node_label(s) for s in ideas["target"]],
                tr("net.kind"): [kind_words(k) for k in ideas["kind"]],
                tr("meet.status"): [labels("meet.status")(x) for x in ideas["status"]],
                tr("meet.year"): ideas["since"],
                tr("meet.note"): ideas["note"],
            }
        )
        st.dataframe(shown, hide_index=True, width="stretch", key="w_meet_ideas")
        c1, c2 = st.columns([3, 1], vertical_alignment="bottom")
        pick = c1.selectbox(
            tr("meet.pick_to_confirm" if declared_count else "meet.pick_proposed"),
            list(ideas.index),
            format_func=idea_label,
            key=state.W_CONFIRM_PICK,
        )
        if c2.button(tr("meet.confirm"), key=state.W_CONFIRM, disabled=not who, width="stretch"):
            row = ideas.loc[pick]
            try:
                edits.set_link_status(
                    ws,
                    str(row["row_key"]),
                    "confirmed",
                    version=int(row["row_version"]),
                    who=who,
                    origin=origin,
                )
            except WorkspaceError as exc:
                st.error(editing.error_text(exc, code))
            else:
                done("success", tr("meet.confirmed", link=md(idea_label(pick))))


# Edit or remove rows in a table ------------------------------------------------------------------
#: Columns with a translated header (``app.meet.col.<column>``); others show their name.
LABELLED = (
    *("id", "name", "family", "sector", "territory", "pole", "commune", "employees", "founded"),
    *("kind", "since", "weight", "status", "source_of_information", "note"),
)


#: A structure without a pôle, as the structures editor holds it: a selectbox column
#: shows an empty cell as streamlit's grey English « None », so the editor gets this
#: stand-in, shown « aucun pôle », and `unmasked` turns it back into "" before saving.
NO_POLE = "–"


def coded_column(
    label: str, frame: pd.DataFrame, column: str, words: dict, *, none: str | None = None
):
    """A column of codes or ids shown as their words (`words`: code -> words) while the
    cell keeps the code: the choices are every known code and every code the column
    holds, and `NO_POLE` first when `none` (its words) is given, which a new row then
    starts with. No empty choice: it would show as streamlit's « None »."""
    codes = list(words)
    codes += sorted({str(v) for v in frame[column] if str(v) not in (*words, "", NO_POLE)})
    shown = dict(words)
    if none is not None:
        codes.insert(0, NO_POLE)
        shown[NO_POLE] = none
    return st.column_config.SelectboxColumn(
        label,
        options=codes,
        format_func=lambda c: str(shown.get(c) or c),
        required=True,
        default=NO_POLE if none is not None else None,
    )


def unmasked(changes: dict) -> dict:
    """The editor's changes with `NO_POLE` back to the empty pôle it stands for."""

    def clean(cells: dict) -> dict:
        return {c: "" if c == "pole" and v == NO_POLE else v for c, v in cells.items()}

    return {
        **changes,
        "edited_rows": {k: clean(v) for k, v in (changes.get("edited_rows") or {}).items()},
        "added_rows": [clean(v) for v in changes.get("added_rows") or []],
    }


def table_editor(table: str, save_key: str) -> None:
    base = base_frame(table)
    config: dict = {c: tr(f"meet.col.{c}") for c in LABELLED if c in base.columns}
    if table == "links":
        config["_source_name"] = st.column_config.TextColumn(tr("meet.source"), width="medium")
        config["_target_name"] = st.column_config.TextColumn(tr("meet.target"), width="medium")
        config["source"] = tr("meet.col.source_id")
        config["target"] = tr("meet.col.target_id")
        # Codes are stored; the people in the room read words.
        config["kind"] = coded_column(
            tr("net.kind"), base, "kind", {k: labels("kind")(k) for k in LINK_KINDS}
        )
        config["status"] = coded_column(
            tr("meet.status"),
            base,
            "status",
            {s: labels("meet.status")(s) for s in LINK_STATUSES},
        )
    else:
        config["family"] = coded_column(
            tr("attr.family"),
            base,
            "family",
            {f: value_label(G, "family", f, code) for f in FAMILIES},
        )
        for column, names_of in (
            ("sector", net.sector_names()),
            ("territory", net.territory_names()),
            ("pole", net.pole_names()),
        ):
            if column in base.columns:
                config[column] = coded_column(
                    tr(f"meet.col.{column}"),
                    base,
                    column,
                    dict(sorted(names_of.items(), key=lambda kv: str(kv[1]).casefold())),
                    none=tr("meet.no_pole") if column == "pole" else None,
                )
    columns = [c for c in base.columns if c not in editing.BOOKKEEPING]
    st.caption(tr(f"meet.edit_help.{table}"))
    st.data_editor(
        base,
        key=editor_key(table),
        hide_index=True,
        width="stretch",
        height=250,
        num_rows="dynamic",
        column_order=columns,
        column_config=config,
        disabled=["row_key", "row_version", "_source_name", "_target_name"]
        + (["id"] if table != "links" else []),
    )
    cascade = False
    c1, c2 = st.columns([1, 2], vertical_alignment="center")
    if table == "structures":
        cascade = c2.checkbox(tr("meet.cascade"), key=state.W_CASCADE)
    if c1.button(tr("meet.save"), key=save_key, type="primary", disabled=not who):
        changes = unmasked(st.session_state.get(editor_key(table)) or {})
        results = editing.apply_changes(
            ws, table, base, changes, who=who, origin=origin, lang=code, cascade=cascade
        )
        saved(table, results)


with tab_links:
    table_editor("links", state.W_SAVE_LINKS)
with tab_structs:
    table_editor("structures", state.W_SAVE_STRUCTURES)

ws.close()
