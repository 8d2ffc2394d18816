"""Saved views and presentations in the app, through streamlit's AppTest: a view's link
opens the view once, the panel saves, opens, renames and deletes (in the session, or in
the workspace with the facilitator's unlock), and the Présentation page builds and plays.

The network is `app_fixtures.write_network` (40 structures; structure i in pays
``PAYS[i % 6]``, sector ``SECTORS[i % 5]``; pôles p_brest, p_morlaix, p_rennes).
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))  # works whatever pytest's import mode
from app_fixtures import ROOT, TIMEOUT, start
from streamlit.testing.v1 import AppTest

from ess_graph.views import Presentation, SavedView, view_to_params
from ess_graph_app import state

NETWORK = "ess_graph_app/network.py"
PRESENTATION = "ess_graph_app/presentation.py"

BREST = SavedView(
    "Brest",
    title="Pays de Brest",
    comment="Par famille",
    territories=("brest",),
    color_by="family",
    size_by="betweenness",
)


def drawn_ids(at) -> set[str]:
    """The structure ids in the HTML of the graph last drawn on the Réseau page."""
    import re

    return set(re.findall(r'"(s\d{3})"', at.session_state[state.VIEW_HTML]))


def network_with(params: dict[str, str], lang: str | None = None, *, panel: bool = True):
    """The Réseau page opened from a link with `params`, the saved views' panel open
    (as a click on it leaves it) unless `panel` is False."""
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=TIMEOUT)
    if lang:
        at.session_state["w_lang"] = lang
    if panel:
        at.session_state[state.W_VW_PANEL] = True
    at.run()
    for key, value in params.items():
        at.query_params[key] = value
    return at.switch_page(NETWORK).run()


# The page's panels are sent to the browser only when opened ------------------------------------


def test_the_panels_widgets_come_when_it_is_opened(app_env):
    at = network_with({}, panel=False)
    assert not at.exception, [e.value for e in at.exception]
    labels = [e.label for e in at.sidebar.expander]
    assert "Vues enregistrées" in labels  # the panel is there, closed
    assert state.W_VW_NAME not in [t.key for t in at.text_input]
    at.session_state[state.W_VW_PANEL] = True  # what a click on it does
    at.run()
    assert state.W_VW_NAME in [t.key for t in at.text_input]


def test_the_image_buttons_come_when_their_panel_is_opened(app_env):
    at = network_with({}, panel=False)
    image_keys = set(state.W_IMG.values())
    assert "Image de cette vue (PNG, SVG, PDF)" in [e.label for e in at.main.expander]
    assert not image_keys & {b.key for b in at.get("download_button")}
    assert at.session_state[state.VIEW_IMAGE]["shown"]["image"]  # kept for the Exporter page
    at.session_state[state.W_IMG_PANEL] = True
    at.run()
    assert not at.exception
    assert image_keys <= {b.key for b in at.get("download_button")}


# A view's link ----------------------------------------------------------------------------------


def test_a_views_link_opens_that_view_once(app_env):
    at = network_with(view_to_params(BREST))
    assert not at.exception, [e.value for e in at.exception]
    assert at.multiselect(key=state.W_TERRITORY).value == ["brest"]
    assert at.selectbox(key=state.W_COLOR).value == "family"
    assert at.selectbox(key=state.W_SIZE).value == "betweenness"
    # structure i is in Brest when i % 6 == 0 (write_network)
    assert drawn_ids(at) == {f"s{i:03d}" for i in range(0, 40, 6)}
    assert "Vue du lien ouverte : Pays de Brest" in [t.value for t in at.toast]
    # The parameters leave the address: the widgets are free from now on.
    assert "territoire" not in at.query_params
    at.multiselect(key=state.W_TERRITORY).set_value(["morlaix"]).run()
    assert drawn_ids(at) == {f"s{i:03d}" for i in range(1, 40, 6)}


def test_a_hostile_link_opens_what_it_can_and_says_the_rest(app_env):
    at = network_with(
        {
            "territoire": "atlantide,brest",
            "couleur": "<script>alert(1)</script>",
            "focus": "s999\x1b[2J",
            "echelle": "structure",
            "pirate": "1",
        }
    )
    assert not at.exception, [e.value for e in at.exception]
    assert at.multiselect(key=state.W_TERRITORY).value == ["brest"]
    assert at.selectbox(key=state.W_COLOR).value == "sector"
    toasts = " ".join(t.value for t in at.toast)
    assert "atlantide" in toasts and "pirate" in toasts
    assert "<script>" not in toasts and "\x1b" not in toasts


def test_a_link_with_a_focus_and_years(app_env):
    at = network_with({"focus": "s005", "profondeur": "2", "annees": "2008-2012"})
    assert not at.exception
    assert at.text_input(key=state.W_SEARCH).value == "s005"
    assert at.radio(key=state.W_DEPTH).value == 2
    assert tuple(at.slider(key=state.W_YEAR).value) == (2008, 2012)


def test_the_view_saved_is_what_the_widgets_show(app_env):
    at = network_with(view_to_params(SavedView("", territories=("brest",), focus="s006")))
    at.text_input(key=state.W_VW_NAME).input("B")
    at.button(key=state.W_VW_SAVE).click().run()
    (saved,) = at.session_state[state.SAVED_VIEWS]
    assert saved == SavedView("B", territories=("brest",), focus="s006")


# The panel, without a workspace -----------------------------------------------------------------


def test_save_open_rename_delete_in_the_session(app_env, media):
    at = network_with(view_to_params(BREST))
    at.text_input(key=state.W_VW_NAME).input("Brest")
    at.text_input(key=state.W_VW_TITLE).input("Pays de Brest")
    at.text_input(key=state.W_VW_COMMENT).input("Par famille")
    at.button(key=state.W_VW_SAVE).click().run()
    assert not at.exception
    assert at.session_state[state.SAVED_VIEWS] == [BREST]
    assert any("Vue « Brest » enregistrée" in s.value for s in at.sidebar.success)
    # The saved view's link, in full.
    links = [c.value for c in at.sidebar.code]
    assert any("reseau?vue=Brest&titre=Pays+de+Brest" in v for v in links)
    # Widgets moved, then « Ouvrir » brings the saved view back.
    at.multiselect(key=state.W_TERRITORY).set_value(["rennes"]).run()
    at.selectbox(key=state.W_COLOR).set_value("sector").run()
    at.button(key=state.W_VW_OPEN).click().run()
    assert at.multiselect(key=state.W_TERRITORY).value == ["brest"]
    assert at.selectbox(key=state.W_COLOR).value == "family"
    # The download holds it.
    (download,) = [d for d in at.get("download_button") if d.proto.id.endswith(state.W_VW_DOWNLOAD)]
    assert download.proto.label == "Télécharger les vues (JSON)"
    files = [json.loads(data) for data, mime in media.values() if mime == "application/json"]
    assert files and files[-1]["views"][0]["territories"] == ["brest"]
    # Rename, then delete.
    at.text_input(key=state.W_VW_RENAME_TO).input("Brest 2009")
    at.button(key=state.W_VW_RENAME).click().run()
    assert [v.name for v in at.session_state[state.SAVED_VIEWS]] == ["Brest 2009"]
    at.button(key=state.W_VW_DELETE).click().run()
    assert at.session_state[state.SAVED_VIEWS] == []
    assert not at.exception


def test_a_view_needs_a_name(app_env):
    at = network_with({})
    at.button(key=state.W_VW_SAVE).click().run()
    assert state.SAVED_VIEWS not in at.session_state
    assert any("Donnez un nom" in w.value for w in at.sidebar.warning)


# The panel in meeting mode ------------------------------------------------------------------------


def test_in_meeting_mode_views_are_kept_in_the_workspace_and_journaled(meeting_env):
    from ess_graph.workspace import views as wv
    from ess_graph.workspace.journal import journal_entries
    from ess_graph.workspace.store import Workspace

    at = network_with(view_to_params(BREST))
    at.text_input(key=state.W_VW_NAME).input("Brest")
    at.button(key=state.W_VW_SAVE).click().run()
    assert any("votre nom" in w.value for w in at.sidebar.warning)  # the journal says who
    at.text_input(key=state.W_VW_WHO).input("Anne").run()
    at.text_input(key=state.W_VW_NAME).input("Brest")
    at.button(key=state.W_VW_SAVE).click().run()
    assert not at.exception
    with Workspace(meeting_env) as ws:
        (stored,) = wv.list_views(ws)
        entry = journal_entries(ws, limit=1)[0]
    assert stored.view.territories == ("brest",) and stored.saved_by == "Anne"
    assert (entry.table, entry.action, entry.who) == ("saved_views", "add", "Anne")
    assert entry.origin.startswith("app:")
    # Another session (another laptop in the room) sees it.
    other = network_with({})
    assert other.selectbox(key=state.W_VW_PICK).options == ["Brest"]
    # Undo.
    at.button(key=state.W_VW_UNDO).click().run()
    with Workspace(meeting_env) as ws:
        assert wv.list_views(ws) == []


def test_with_a_password_saving_waits_for_the_unlock(meeting_env, monkeypatch):
    monkeypatch.setenv("ESS_GRAPH_FACILITATOR_PASSWORD", "kouign-amann")
    at = network_with({})
    keys = [b.key for b in at.sidebar.button]
    assert state.W_VW_SAVE not in keys and state.W_VW_OPEN not in keys
    assert any("mot de passe" in c.value for c in at.sidebar.caption)
    at.text_input(key="w_facilitator_password").input("kouign-amann").run()
    assert state.W_VW_SAVE in [b.key for b in at.sidebar.button]


# The Présentation page ---------------------------------------------------------------------------


def views_in_session(at, views):
    at.session_state[state.SAVED_VIEWS] = list(views)


THREE = [
    BREST,
    SavedView("Pôles", scale="pole", title="Les pôles"),
    SavedView("Culture", sectors=("culture",)),
]


def test_presentation_page_without_views_says_where_to_save_them(app_env):
    at = start()
    at.switch_page(PRESENTATION).run()
    assert not at.exception
    assert any("page Réseau" in i.value for i in at.info)


def test_build_reorder_save_and_play(app_env):
    at = start()
    views_in_session(at, THREE)
    at.switch_page(PRESENTATION).run()
    assert not at.exception, [e.value for e in at.exception]
    # « Ajouter » proposes the next view not in the presentation yet.
    for _ in THREE:
        at.button(key=state.W_PR_ADD).click().run()
    assert at.session_state[state.PR_DRAFT][1] == ["Brest", "Pôles", "Culture"]
    at.button(key=f"{state.W_PR_ROW}_down_0").click().run()  # Brest after Pôles
    at.button(key=f"{state.W_PR_ROW}_remove_2").click().run()  # Culture out
    at.button(key=state.W_PR_ADD).click().run()  # and back, at the end
    at.text_input(key=state.W_PR_NAME).input("Rencontre")
    at.button(key=state.W_PR_SAVE).click().run()
    assert at.session_state[state.SAVED_PRESENTATIONS] == [
        Presentation("Rencontre", ("Pôles", "Brest", "Culture"))
    ]
    at.button(key=state.W_PR_PLAY).click().run()
    assert not at.exception, [e.value for e in at.exception]
    assert "**1 / 3**" in [m.value for m in at.markdown]
    assert at.button(key=state.W_PR_PREV).disabled
    at.button(key=state.W_PR_NEXT).click().run()
    assert "**2 / 3**" in [m.value for m in at.markdown]
    titles = " ".join(h.proto.body for h in at.get("html"))
    assert "Pays de Brest" in titles and "Par famille" in titles
    at.button(key=state.W_PR_NEXT).click().run()
    assert at.button(key=state.W_PR_NEXT).disabled
    at.button(key=state.W_PR_STOP).click().run()
    assert at.title[0].value == "Présentation"


def test_a_view_deleted_while_playing_is_said_not_drawn(app_env):
    at = start()
    views_in_session(at, THREE)
    at.session_state[state.PR_PLAYING] = ("P", ("Brest", "Disparue"))
    at.session_state[state.PR_POSITION] = 1
    at.switch_page(PRESENTATION).run()
    assert not at.exception
    assert any("n'existe plus" in w.value for w in at.warning)


def test_what_is_typed_is_kept_as_one_clean_line(app_env):
    at = network_with({})
    at.text_input(key=state.W_VW_NAME).input("<i>Brest</i> & co\x1b[2J")
    at.text_input(key=state.W_VW_TITLE).input("Titre <script>alert(1)</script>")
    at.button(key=state.W_VW_SAVE).click().run()
    (saved,) = at.session_state[state.SAVED_VIEWS]
    # the escape character goes; markup stays text (escaped wherever it is shown)
    assert (saved.name, saved.title) == ("<i>Brest</i> & co[2J", "Titre <script>alert(1)</script>")
