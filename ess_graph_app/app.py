"""The ess_graph app: explore the ESS cooperation network of Brittany together.

Router only: page configuration, the language switch, the starting network and the list
of pages. Every page lives next to this file, in the package ``ess_graph_app``; the work
is done by ``ess_graph``.

This is the script ``streamlit run`` is given: ``ess-graph app [PATH]`` runs it wherever
the package is installed (a wheel, ``pip install .``, a checkout); in a checkout,
``streamlit run app.py`` runs it through the top-level ``app.py``.
"""

from __future__ import annotations

from pathlib import Path

import streamlit as st

from ess_graph.i18n import LANGS
from ess_graph.network import TIES_RULES
from ess_graph_app import data, editing, state, survey_form
from ess_graph_app.ui import LANG_NAMES, labels, md, tr

st.set_page_config(page_title="ESS Bretagne", layout="wide")

# Absolute paths: streamlit resolves a relative one against the main script's folder, which
# is this one for `ess-graph app` and the checkout's root for `streamlit run app.py`.
HERE = Path(__file__).resolve().parent

if survey_form.respondent_token() is not None or survey_form.survey_only():
    # A personal survey link (?enquete=TOKEN): this session shows that structure's form and
    # nothing else, for as long as it lasts: no navigation, no sidebar, no network read.
    # Any other page's address runs this one page too. A survey-only server
    # (`ess-graph app --survey-only`) does so for every session, with or without a link.
    reply = st.Page(
        HERE / "reply_page.py", title=tr("page.reply"), url_path="reponse", default=True
    )
    st.navigation([reply], position="hidden").run()
    st.stop()

with st.sidebar:
    st.radio(
        tr("lang.label"),
        LANGS,
        format_func=LANG_NAMES.__getitem__,
        horizontal=True,
        key=state.W_LANG,
    )

data.ensure_network()

with st.sidebar:
    # Meeting mode first: the password field and its message stay above the fold at 720 px.
    if editing.meeting_mode() and not st.session_state.get(state.DETACHED):
        editing.follow_workspace()  # other people's changes appear by themselves
        st.caption(tr("sidebar.meeting"))
        if editing.password_needed():
            if st.session_state.get(state.UNLOCKED):
                st.caption(tr("sidebar.unlocked"))
                st.button(tr("sidebar.lock"), key=state.W_LOCK, on_click=editing.lock)
            else:
                # Never kept: the callback checks it, then empties the field.
                st.text_input(
                    tr("sidebar.password"),
                    type="password",
                    key=state.W_PASSWORD,
                    on_change=editing.check_password,
                )
                if st.session_state.get(state.PW_FLASH) == "wrong":  # until the next try
                    st.error(tr("sidebar.password_wrong"))

# (file, title key, url path). url paths stay the same in every language. No icons:
# material icons are fetched from fonts.gstatic.com (not offline) and the projector
# machine may have no emoji font.
PAGES = [
    ("overview.py", "page.overview", "vue-d-ensemble"),
    ("network.py", "page.network", "reseau"),
    ("presentation.py", "page.presentation", "presentation"),
    ("mixing.py", "page.mixing", "liens-intersectoriels"),
    ("gaps.py", "page.gaps", "lacunes"),
    ("opportunities.py", "page.opportunities", "opportunites"),
    ("meeting.py", "page.meeting", "rencontre"),
    ("journal.py", "page.journal", "journal"),
    ("survey_page.py", "page.survey", "enquete"),
    ("data_page.py", "page.data", "donnees"),
    ("export.py", "page.export", "exporter"),
]
#: Pages that work on the workspace only. Outside meeting mode they leave the navigation
#: (three entries that could only print a command are three dead ends for a first
#: visitor), but their addresses still open them, to say what meeting mode is and how to
#: start it; the sidebar's one line leads there.
MEETING_PAGES = frozenset({"meeting.py", "journal.py", "survey_page.py"})

in_meeting = editing.meeting_mode()
pages = {
    file: st.Page(
        HERE / file,
        title=tr(title),
        url_path=url,
        default=i == 0,
        visibility="visible" if in_meeting or file not in MEETING_PAGES else "hidden",
    )
    for i, (file, title, url) in enumerate(PAGES)
}
current = st.navigation(list(pages.values()))

with st.sidebar:
    cur = data.current()
    if cur is not None:
        net, _ = cur
        # A file name comes from the user: markdown-escaped (`md`), shown as typed.
        shown = tr("sidebar.demo") if net.is_demo else (Path(net.source).name or net.source)
        st.caption(f"{tr('sidebar.source')} {md(shown)}")
        if data.has_proposed(net):
            # Proposed links are partnership ideas: out of every figure unless asked.
            st.checkbox(tr("sidebar.include_proposed"), key=state.W_PROPOSED)
        if data.has_declared(net):
            # Links a survey recorded from one side only: the rule says which count.
            st.radio(
                tr("sidebar.ties"),
                TIES_RULES,
                format_func=labels("ties"),
                key=state.W_TIES,
                help=tr("sidebar.ties_help"),
            )
    if not in_meeting:
        # The hidden meeting pages, found from here: what meeting mode is, how to start it.
        st.page_link(pages["meeting.py"], label=tr("sidebar.meeting_about"))

current.run()
