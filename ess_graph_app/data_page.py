"""Données: load a network from CSV files or a workbook, check it, then adopt it.

Nothing is replaced before the visitor has seen the validation report and pressed the
button; the button exists only when something valid was read, and asks for a tick first
when adopting would lose a whole table or most rows of one. The report lists what costs a
whole table first, then says what would be left out. The upload lives in this session
only, and stays pending across pages until adopted or discarded.
"""

from __future__ import annotations

import streamlit as st

from ess_graph.i18n import t
from ess_graph.io.read import (
    ROOT_CAUSES,
    loss_summary,
    needs_confirmation,
    read_summary,
    root_causes_first,
)
from ess_graph.problems import problems_frame
from ess_graph_app import data, state
from ess_graph_app.ui import demo_banner, lang, md, style, tr

ROUND = state.UPLOAD_ROUND
FLASH = state.DATA_FLASH

style()
st.title(tr("page.data"))

flash = st.session_state.pop(FLASH, None)
if flash:
    st.success(tr(flash))


def report(problems: list) -> None:
    """The validation report: file, line, column, message, severity."""
    frame = problems_frame(problems, lang())
    frame["severity"] = [t(f"severity.{s}", lang()) for s in frame["severity"]]
    frame.columns = [
        tr("col.file"),
        tr("col.line"),
        tr("col.column"),
        tr("col.message"),
        tr("col.severity"),
    ]
    st.dataframe(frame, hide_index=True, width="stretch", key=f"w_report_{len(problems)}")


XLSX_MIME = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def download_pair(xlsx: tuple, csv_zip: tuple) -> None:
    """A workbook and a zip of CSV files side by side; each is given as
    (bytes, label key, (French file name, English file name), widget key)."""
    for column, (payload, label, names, key), mime in zip(
        st.columns(2), (xlsx, csv_zip), (XLSX_MIME, "application/zip"), strict=True
    ):
        column.download_button(
            tr(label),
            payload,
            file_name=names[0] if lang() == "fr" else names[1],
            mime=mime,
            key=key,
            on_click="ignore",
        )


# What is shown now --------------------------------------------------------------------
cur = data.current()
st.subheader(tr("data.current"))
if cur is None:
    problem = st.session_state.get(state.LOAD_ERROR)
    st.error(tr("load.failed", detail=problem.message(lang()) if problem else ""))
else:
    net, key = cur
    demo_banner(net)
    st.text(tr("sidebar.demo") if net.is_demo else net.source)
    st.write(read_summary(net, lang()))
    if net.problems:
        with st.expander(tr("data.current_problems", n=len(net.problems))):
            report(net.problems)
    xlsx, csv_zip = data.network_files(key, net)
    download_pair(
        (xlsx, "data.download_xlsx", ("reseau.xlsx", "network.xlsx"), state.W_CUR_XLSX),
        (csv_zip, "data.download_csv", ("reseau_csv.zip", "network_csv.zip"), state.W_CUR_CSV),
    )
    if net.source != data.start_source() and st.button(tr("data.reset"), key=state.W_RESET_DEMO):
        data.reset()
        st.session_state[FLASH] = "data.reset_done"
        st.rerun()

# Upload -------------------------------------------------------------------------------
# The files stay in this session's state until adopted or discarded: the report is still
# there after a visit to another page (where streamlit forgets the uploader's widget).
st.subheader(tr("data.upload"))
st.markdown(tr("data.upload_help"))
round_ = st.session_state.get(ROUND, 0)
uploader_key = f"{state.W_UPLOAD}_{round_}"


def uploaded() -> None:
    """The visitor added or removed files (not called when the page is drawn again)."""
    chosen = st.session_state.get(uploader_key) or []
    if chosen:
        st.session_state[state.PENDING_UPLOAD] = {f.name: f.getvalue() for f in chosen}
    else:
        st.session_state.pop(state.PENDING_UPLOAD, None)


files = st.file_uploader(
    tr("data.upload_label"),
    type=["csv", "xlsx", "ods", "md"],
    accept_multiple_files=True,
    key=uploader_key,
    on_change=uploaded,
)
st.caption(tr("data.upload_limits"))


def discard() -> None:
    st.session_state.pop(state.PENDING_UPLOAD, None)
    st.session_state[ROUND] = round_ + 1


pending_files = st.session_state.get(state.PENDING_UPLOAD)
if pending_files:
    pending, pending_key = data.read_upload(pending_files)
    st.markdown("##### " + tr("data.report"))
    if not files:  # back from another page: say which files this report is about
        st.caption(tr("data.pending", names=", ".join(md(n) for n in sorted(pending_files))))
        st.button(tr("data.discard"), key=state.W_DISCARD, on_click=discard)
    st.write(read_summary(pending, lang()))
    causes = [p for p in pending.problems if p.code in ROOT_CAUSES]
    if causes:
        # Fix these first: the rows' problems below often follow from them.
        st.error(
            tr("data.root_causes")
            + "\n"
            + "\n".join(f"- {md(p.file)} : {md(p.message(lang()))}" for p in causes)
        )
    lost = loss_summary(pending, lang())
    if lost:
        st.warning(lost)
    if pending.problems:
        report(root_causes_first(pending.problems))
    else:
        st.success(tr("data.no_problem"))
    if len(pending.structures) == 0:
        st.error(tr("data.nothing_valid"))
    else:
        st.info(tr("data.adopt_help"))
        confirmed = True
        if needs_confirmation(pending):
            confirmed = st.checkbox(tr("data.confirm_loss"), key=state.W_ADOPT_CONFIRM)
        if st.button(tr("data.adopt"), type="primary", key=state.W_ADOPT, disabled=not confirmed):
            data.adopt(pending, pending_key)
            st.session_state.pop(state.PENDING_UPLOAD, None)
            st.session_state[ROUND] = round_ + 1
            st.session_state[FLASH] = "data.adopted"
            st.rerun()

# Templates ----------------------------------------------------------------------------
st.subheader(tr("data.templates"))
st.markdown(tr("data.templates_help"))
tpl_xlsx, tpl_zip = data.template_files()
download_pair(
    (tpl_xlsx, "data.template_xlsx", ("modele.xlsx", "template.xlsx"), state.W_TPL_XLSX),
    (tpl_zip, "data.template_csv", ("modeles_csv.zip", "templates_csv.zip"), state.W_TPL_CSV),
)
