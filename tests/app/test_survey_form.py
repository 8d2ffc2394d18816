"""The respondent's form (a personal link ``?enquete=TOKEN``) driven through AppTest.

The workspace holds the small network of `app_fixtures.write_network` and one open
campaign for the pays Brest and Morlaix (`app_fixtures.survey_workspace`): 14 invited
structures, s000, s001, s006, s007, ... Expected answers are what the test typed, read
back from the workspace through `ess_graph.survey.campaigns` (the oracle), never from the
page.
"""

from __future__ import annotations

import sys
from datetime import date
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

sys.path.insert(0, str(Path(__file__).parent))  # works whatever pytest's import mode
from app_fixtures import ROOT, SURVEY_NAME, TIMEOUT

from ess_graph.survey import campaigns
from ess_graph.workspace.store import Workspace

NEUTRAL = "Ce lien ne permet pas de répondre"


def open_link(token: str, lang: str | None = None) -> AppTest:
    """A new session opened by the personal link with `token`."""
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=TIMEOUT)
    at.query_params[campaigns.TOKEN_PARAMETER] = token
    if lang:
        at.session_state["w_lang"] = lang
    at.run()
    assert not at.exception, [e.value for e in at.exception]
    return at


def ok(at: AppTest) -> AppTest:
    assert not at.exception, [e.value for e in at.exception]
    return at


def texts(at: AppTest) -> str:
    """Every text the page shows (markdown, captions, alerts, titles)."""
    parts = []
    for kind in ("title", "header", "subheader", "markdown", "caption"):
        parts += [e.value for e in at.get(kind)]
    for kind in ("info", "success", "warning", "error"):
        parts += [e.value for e in at.get(kind)]
    return "\n".join(parts)


def stored(path: Path, structure: str):
    """The structure's answer as the workspace holds it (None when none)."""
    with Workspace(path) as ws:
        campaign = campaigns.find_campaign(ws, SURVEY_NAME)
        found = [a for a in campaigns.answers(ws, campaign) if a.structure == structure]
    return found[0] if found else None


def add_by_name(at: AppTest, typed: str) -> AppTest:
    at.text_input(key="w_sv_search").input(typed).run()
    return ok(at.button(key="w_sv_add").click().run())


def uid_of(at: AppTest, position: int) -> int:
    return at.session_state["sv_partners"][position]


def field(at: AppTest, kind: str, uid: int, name: str):
    return getattr(at, kind)(key=f"w_sv_p_{uid}_{name}")


# Only the form ---------------------------------------------------------------------------
def test_the_link_opens_its_own_form_and_nothing_else(survey_env):
    _, tokens = survey_env
    at = open_link(tokens["s000"])
    shown = texts(at)
    assert at.title[0].value == "Enquête partenariats"
    assert "Questionnaire de **Structure 0**" in shown
    assert SURVEY_NAME in shown and "31/12/2099" in shown
    assert "les autres structures ne voient pas ce questionnaire" in shown
    # no sidebar, no figure, no graph, no other page
    assert len(at.sidebar.children) == 0
    assert not at.metric and not at.get("iframe") and not at.get("deck_gl_json_chart")
    with pytest.raises(ValueError, match=r"reply_page\.py'\]"):
        at.switch_page("ess_graph_app/overview.py")
    # the address loses its parameter (or names another page): the session stays the form's
    at.query_params.clear()
    ok(at.run())
    assert at.title[0].value == "Enquête partenariats"
    assert len(at.sidebar.children) == 0
    # the roster is searched by typing: no list of names is sent before that
    assert not at.selectbox


def test_the_form_speaks_english_on_the_switch(survey_env):
    _, tokens = survey_env
    at = open_link(tokens["s000"])
    ok(at.radio(key="w_lang").set_value("en").run())
    assert at.title[0].value == "Partnership survey"
    assert "Questionnaire for **Structure 0**" in texts(at)
    assert [b.label for b in at.button if b.key == "w_sv_submit"] == ["Send"]


# Fill, draft, come back, submit ------------------------------------------------------------
def test_fill_save_a_draft_come_back_and_submit(survey_env):
    path, tokens = survey_env
    at = open_link(tokens["s000"])
    add_by_name(at, "Structure 6")
    assert "Structure 6 ajouté à vos partenaires." in [s.value for s in at.success]
    assert at.text_input(key="w_sv_search").value == ""  # ready for the next one
    uid = uid_of(at, 0)
    field(at, "pills", uid, "kinds").set_value(["pooling", "cooperation"])
    field(at, "text_input", uid, "since").input("2015")
    field(at, "pills", uid, "frequency").set_value("monthly")
    field(at, "pills", uid, "value").set_value(3)
    field(at, "pills", uid, "trust").set_value(4)
    at.multiselect(key="w_sv_needs").set_value(["vehicle"])
    at.multiselect(key="w_sv_offers").set_value(["premises"])
    at.text_area(key="w_sv_offers_text").input("une salle de réunion le jeudi")
    at.pills(key="w_sv_fn_strategy").set_value(4)
    ok(at.run())
    ok(at.button(key="w_sv_draft").click().run())
    assert any("Brouillon enregistré le" in s.value for s in at.success)
    draft = stored(path, "s000")
    assert draft.status == "draft"
    p = draft.answer.partners[0]
    assert (p.structure, p.kinds, p.since, p.frequency, p.value, p.trust) == (
        "s006",
        ["cooperation", "pooling"],
        "2015",
        "monthly",
        3,
        4,
    )
    assert draft.answer.needs == ["vehicle"] and draft.answer.offers == ["premises"]
    assert draft.answer.functions == {"strategy": 4}

    # later, the same link in a new session: the draft is there
    again = open_link(tokens["s000"])
    assert any("Brouillon enregistré le" in i.value for i in again.info)
    uid = uid_of(again, 0)
    assert field(again, "pills", uid, "kinds").value == ["cooperation", "pooling"]
    assert field(again, "text_input", uid, "since").value == "2015"
    assert field(again, "pills", uid, "trust").value == 4
    assert again.text_area(key="w_sv_offers_text").value == "une salle de réunion le jeudi"
    ok(again.button(key="w_sv_submit").click().run())
    assert any(s.value.startswith("Merci ! Réponse envoyée le") for s in again.success)
    sent = stored(path, "s000")
    assert sent.status == "submitted" and sent.version == draft.version + 1


def test_resubmitting_replaces_the_answer(survey_env):
    path, tokens = survey_env
    at = open_link(tokens["s001"])
    add_by_name(at, "Structure 7")
    field(at, "pills", uid_of(at, 0), "kinds").set_value(["governance"])
    ok(at.button(key="w_sv_submit").click().run())
    first = stored(path, "s001")
    assert [p.structure for p in first.answer.partners] == ["s007"]
    # a partner outside the list; the first one removed
    ok(at.radio(key="w_sv_mode").set_value("free").run())
    at.text_input(key="w_sv_free_name").input("Ti Récup")
    at.text_input(key="w_sv_free_commune").input("Morlaix")
    ok(at.button(key="w_sv_free_add").click().run())
    assert at.text_input(key="w_sv_free_name").value == ""
    ok(at.button(key=f"w_sv_p_{uid_of(at, 0)}_remove").click().run())
    assert len(at.session_state["sv_partners"]) == 1
    field(at, "pills", uid_of(at, 0), "kinds").set_value(["pooling"])
    ok(at.button(key="w_sv_submit").click().run())
    second = stored(path, "s001")
    assert second.status == "submitted" and second.version == first.version + 1
    assert [(p.structure, p.name, p.commune, p.kinds) for p in second.answer.partners] == [
        ("", "Ti Récup", "Morlaix", ["pooling"])
    ]


def test_browse_by_sector_lists_that_sectors_structures(survey_env):
    _, tokens = survey_env
    at = open_link(tokens["s000"])
    ok(at.radio(key="w_sv_mode").set_value("browse").run())
    # the roster is the 13 other invited structures; s006 is in sector SECTORS[6 % 5]
    ok(at.selectbox(key="w_sv_sector").set_value("sport").run())
    browse = next(s for s in at.selectbox if s.key.startswith("w_sv_browse_"))
    # invited: i % 6 in (0, 1); sport: i % 5 == 1 -> 1, 6, 31, 36 (s000 itself is culture)
    assert sorted(browse.options) == sorted(f"Structure {i}" for i in (1, 6, 31, 36))
    ok(browse.set_value("s006").run())
    ok(at.button(key="w_sv_browse_add").click().run())
    assert at.session_state["sv_info"][uid_of(at, 0)]["structure"] == "s006"


# Refused values ----------------------------------------------------------------------------
def test_a_refused_year_says_why_and_nothing_is_sent(survey_env):
    path, tokens = survey_env
    at = open_link(tokens["s000"])
    add_by_name(at, "Structure 6")
    uid = uid_of(at, 0)
    field(at, "pills", uid, "kinds").set_value(["pooling"])
    field(at, "text_input", uid, "since").input("vers 2015")
    ok(at.run())
    ok(at.button(key="w_sv_submit").click().run())
    errors = [e.value for e in at.error]
    assert any("vers 2015" in e and "n'est pas une année" in e for e in errors), errors
    assert any("Rien n'a été envoyé : 1 valeur(s) à corriger" in e for e in errors), errors
    assert stored(path, "s000") is None
    # said in English after the switch, still next to the partner
    ok(at.radio(key="w_lang").set_value("en").run())
    assert any("is not a year" in e.value for e in at.error)
    # corrected: sent, and the message is gone
    field(at, "text_input", uid, "since").input("2015")
    ok(at.button(key="w_sv_submit").click().run())
    assert not any("year" in e.value for e in at.error)
    assert stored(path, "s000").status == "submitted"


def test_a_partner_without_a_kind_is_refused_on_submit_but_kept_as_draft(survey_env):
    path, tokens = survey_env
    at = open_link(tokens["s000"])
    add_by_name(at, "Structure 6")
    ok(at.button(key="w_sv_draft").click().run())
    assert any("à corriger avant l'envoi" in w.value for w in at.warning)
    assert any("cochez au moins un type de lien" in e.value for e in at.error)
    assert stored(path, "s000").status == "draft"
    ok(at.button(key="w_sv_submit").click().run())
    assert stored(path, "s000").status == "draft"


# Links that open nothing ---------------------------------------------------------------------
def neutral_only(at: AppTest) -> None:
    """The one message, and nothing of any structure or campaign."""
    assert [w.value for w in at.warning] == [at.warning[0].value]
    assert at.warning[0].value.startswith(NEUTRAL)
    shown = texts(at)
    assert "Structure" not in shown and SURVEY_NAME not in shown
    assert not at.text_input and not at.button and not at.metric
    assert len(at.sidebar.children) == 0


def test_wrong_replaced_closed_and_expired_links_get_the_same_message(survey_env, monkeypatch):
    path, tokens = survey_env
    messages = set()
    for token in ("", "abc", "A" * 43, tokens["s000"][:-1] + "x"):
        at = open_link(token)
        neutral_only(at)
        messages.add(at.warning[0].value)
    # replaced by a new link
    with Workspace(path) as ws:
        campaigns.issue_links(ws, SURVEY_NAME, structures=["s006"], reissue=True, who="coord")
    at = open_link(tokens["s006"])
    neutral_only(at)
    messages.add(at.warning[0].value)

    # past its closing date (31/12/2099): the day after
    class Later(date):
        @classmethod
        def today(cls):
            return date(2100, 1, 1)

    monkeypatch.setattr(campaigns, "date", Later)
    at = open_link(tokens["s000"])
    neutral_only(at)
    messages.add(at.warning[0].value)
    monkeypatch.undo()
    # closed by the coordinator
    with Workspace(path) as ws:
        campaigns.close_campaign(ws, SURVEY_NAME, who="coord")
    at = open_link(tokens["s001"])
    neutral_only(at)
    messages.add(at.warning[0].value)
    assert len(messages) == 1


def test_a_survey_only_server_shows_the_form_and_nothing_else(survey_env, monkeypatch):
    """`ess-graph app --survey-only`: no address without a valid link reaches the network."""
    _, tokens = survey_env
    monkeypatch.setenv("ESS_GRAPH_SURVEY_ONLY", "1")
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=TIMEOUT)
    ok(at.run())
    neutral_only(at)
    assert len(at.sidebar.children) == 0 and not at.metric and not at.get("iframe")
    with pytest.raises(ValueError, match=r"reply_page\.py'\]"):
        at.switch_page("ess_graph_app/survey_page.py")
    # a valid link on the same server opens its form
    at = open_link(tokens["s000"])
    assert at.title[0].value == "Enquête partenariats"


def test_a_link_without_a_workspace_opens_nothing(app_env):
    at = open_link("A" * 43)
    neutral_only(at)


def test_a_form_left_open_when_the_campaign_closes_saves_nothing(survey_env):
    path, tokens = survey_env
    at = open_link(tokens["s000"])
    add_by_name(at, "Structure 6")
    field(at, "pills", uid_of(at, 0), "kinds").set_value(["pooling"])
    with Workspace(path) as ws:
        campaigns.close_campaign(ws, SURVEY_NAME, who="coord")
    ok(at.button(key="w_sv_submit").click().run())
    assert stored(path, "s000") is None
    neutral_only(at)  # the next run finds the link closed: the one message


def test_hostile_names_stay_text_on_the_form(tmp_path, monkeypatch):
    """Structure names and ids holding HTML (app_fixtures.XSS_PAYLOADS) reach the form's
    headings and messages escaped: every "<" of markdown is a backslashed character."""
    from app_fixtures import survey_workspace, write_network

    write_network(tmp_path / "evil", evil=True)
    path = tmp_path / "enquete.sqlite"
    tokens = survey_workspace(tmp_path / "evil", path)
    monkeypatch.setenv("ESS_GRAPH_WORKSPACE", str(path))
    monkeypatch.setenv("ESS_GRAPH_DATA", str(tmp_path / "evil"))
    evil = next(sid for sid in tokens if "<" in sid)  # s000 and its payload
    at = open_link(tokens[evil])
    add_by_name(at, "Structure 6")
    field(at, "pills", uid_of(at, 0), "kinds").set_value(["pooling"])
    field(at, "text_input", uid_of(at, 0), "since").input("<b>2015</b>")
    ok(at.button(key="w_sv_submit").click().run())
    shown = [e.value for kind in ("markdown", "caption", "error", "success") for e in at.get(kind)]
    assert any("Structure 6" in s for s in shown)
    assert any("2015" in e.value for e in at.error)  # the refused year, quoted
    for text in shown:
        assert "<" not in text.replace("\\<", ""), text
