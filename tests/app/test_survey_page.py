"""The Enquête page (the coordinator's side of the partnership survey) through AppTest.

The network is `app_fixtures.write_network` (40 structures, structure i in pays
``PAYS[i % 6]`` and sector ``SECTORS[i % 5]``). Expected figures are hand counts from that
construction or, for the figures of a campaign, `ess_graph.survey.follow` computed on the
same workspace (the oracle); changes to the network are read back from the workspace.
"""

from __future__ import annotations

import csv
import io
import sys
from pathlib import Path

from streamlit.testing.v1 import AppTest

sys.path.insert(0, str(Path(__file__).parent))  # works whatever pytest's import mode
from app_fixtures import ROOT, SURVEY_NAME, downloaded, metric, start

from ess_graph.survey import campaigns, follow
from ess_graph.workspace.store import Workspace

PAGE = "ess_graph_app/survey_page.py"


def ok(at: AppTest) -> AppTest:
    assert not at.exception, [e.value for e in at.exception]
    return at


def coordinator(who: str | None = "Anne", lang: str | None = None) -> AppTest:
    at = start(lang)
    ok(at.switch_page(PAGE).run())
    if who is not None:
        ok(at.text_input(key="w_who").input(who).run())
    return at


def answer(path: Path, token: str, partners: list[dict], *, submit: bool = True, **more) -> None:
    with Workspace(path) as ws:
        campaigns.save_answer(ws, token, {"partners": partners, **more}, submit=submit)


def figures(path: Path) -> follow.CampaignData:
    with Workspace(path) as ws:
        return follow.campaign_data(ws, SURVEY_NAME)


def csv_rows(at: AppTest, key: str, media: dict) -> list[dict[str, str]]:
    """The rows of the CSV file the download button `key` offers."""
    body, mime = downloaded(at, key, media)
    assert mime.startswith("text/csv")
    return list(csv.DictReader(io.StringIO(body.decode("utf-8-sig"))))


def tie_counts(at: AppTest) -> dict[str, str]:
    """The declared ties' counts, as the Partenariats tab's choices say them."""
    out = {}
    for option in at.radio(key="w_svc_tie_status").options:
        label, _, count = option.rpartition(" (")
        out[label] = count.rstrip(")")
    return out


def tab_labels(at: AppTest) -> list[str]:
    return [t.label for t in at.tabs]


def table(at: AppTest, *columns: str):
    """The first table shown with all these columns (a dataframe has no key in AppTest)."""
    for d in at.dataframe:
        if set(columns) <= set(d.value.columns):
            return d.value
    raise AssertionError(
        f"no table with {columns}: {[list(d.value.columns) for d in at.dataframe]}"
    )


# Where the page stands --------------------------------------------------------------------------
def test_without_workspace_the_page_says_how_to_start_meeting_mode(app_env):
    at = coordinator(who=None)
    assert any("--workspace" in c.value for c in at.code)
    assert not at.metric


def test_with_a_password_nothing_of_the_survey_shows_until_it_is_given(survey_env, monkeypatch):
    monkeypatch.setenv("ESS_GRAPH_FACILITATOR_PASSWORD", "gwenn-ha-du")
    at = coordinator(who=None)
    assert any("mot de passe de l'animateur" in w.value for w in at.warning)
    assert not at.metric and not at.tabs
    assert all(SURVEY_NAME not in m.value for m in at.markdown)
    ok(at.text_input(key="w_facilitator_password").input("gwenn-ha-du").run())
    assert metric(at, "Invitées") == "14"


# Open a campaign, make its links ------------------------------------------------------------
def test_open_a_campaign_then_download_its_personal_links(meeting_env, media):
    at = coordinator()
    assert [s.value for s in at.subheader] == ["Ouvrir une nouvelle campagne"]
    at.text_input(key="w_svc_name").input("Enquête Brest")
    # (AppTest 1.67 cannot set a date_input: the closing date is typed in the browser test)
    ok(at.multiselect(key="w_svc_territories").set_value(["brest"]).run())
    ok(at.button(key="w_svc_open").click().run())
    # pays Brest: structures i with i % 6 == 0, i < 40 (hand count: 0, 6, ..., 36)
    brest = {f"s{i:03d}" for i in range(0, 40, 6)}
    assert any("7 structures invitées" in s.value for s in at.success)
    assert metric(at, "Invitées") == "7"
    assert any(c.value.startswith("Ouverte, sans date de clôture") for c in at.caption)

    ok(at.button(key="w_svc_issue").click().run())
    assert any("7 lien(s) personnel(s) généré(s)" in s.value for s in at.success)
    assert any("ne seront plus jamais montrés" in w.value for w in at.warning)
    rows = csv_rows(at, "w_svc_links_dl", media)
    assert {r["structure"] for r in rows} == brest
    with Workspace(meeting_env) as ws:
        for r in rows:
            token = r["url"].split("?enquete=", 1)[1]
            assert r["url"].startswith(campaigns.DEFAULT_BASE_URL)
            assert campaigns.resolve_token(ws, token).structure == r["structure"]
    old = {r["structure"]: r["url"].split("=", 1)[1] for r in rows}

    # again: every structure has its link, none is made
    ok(at.button(key="w_svc_issue").click().run())
    assert any("a déjà son lien" in i.value for i in at.info)

    # a lost link replaced: the old one opens nothing, the new one the same form
    ok(at.text_input(key="w_svc_reissue_one").input("Structure 6").run())
    ok(at.button(key="w_svc_reissue_one_go").click().run())
    rows = csv_rows(at, "w_svc_links_dl", media)
    assert [r["structure"] for r in rows] == ["s006"]
    with Workspace(meeting_env) as ws:
        assert campaigns.resolve_token(ws, old["s006"]) is None
        assert campaigns.resolve_token(ws, rows[0]["url"].split("=", 1)[1]).structure == "s006"
        assert campaigns.resolve_token(ws, old["s000"]).structure == "s000"


def test_a_list_of_structures_by_id_or_name(meeting_env):
    at = coordinator()
    at.text_input(key="w_svc_name").input("Trois structures")
    ok(at.radio(key="w_svc_scope").set_value("list").run())
    ok(at.text_area(key="w_svc_list").input("s001\nStructure 2, structure 3\nPersonne").run())
    assert any("Personne" in e.value for e in at.error)
    assert at.button(key="w_svc_open").disabled
    ok(at.text_area(key="w_svc_list").input("s001\nStructure 2, structure 3").run())
    ok(at.button(key="w_svc_open").click().run())
    with Workspace(meeting_env) as ws:
        made = campaigns.find_campaign(ws, "Trois structures")
        assert campaigns.invited(ws, made) == ["s001", "s002", "s003"]


# Following a campaign -------------------------------------------------------------------------
def test_figures_shown_are_those_of_follow(survey_env, media):
    path, tokens = survey_env
    # s000 and s006 name each other; s000 names s001, who only saved a draft;
    # s007 names a partner outside the list
    answer(
        path,
        tokens["s000"],
        [
            {"structure": "s006", "kinds": ["pooling"]},
            {"structure": "s001", "kinds": ["cooperation"]},
        ],
        needs=["vehicle"],
    )
    answer(
        path,
        tokens["s006"],
        [{"structure": "s000", "kinds": ["pooling"]}],
        functions={"strategy": 4},
    )
    answer(path, tokens["s001"], [], submit=False)
    answer(path, tokens["s007"], [{"name": "Ti Récup", "commune": "Morlaix", "kinds": ["pooling"]}])
    data = figures(path)
    s = follow.summary(data)
    # hand count: 14 invited, 3 sent (s000, s006, s007), 1 draft; ties {s000, s006} both
    # sides, {s000, s001} one side (s001 has not sent)
    assert (s["invited"], s["answered"], s["drafts"]) == (14, 3, 1)
    assert (s["reciprocated"], s["one_sided_other_silent"], s["declared_ties"]) == (1, 1, 2)

    at = coordinator()
    assert metric(at, "Invitées") == "14"
    assert metric(at, "Réponses") == "3"
    assert metric(at, "Taux de réponse") == "21\u202f%"  # 3 / 14
    assert metric(at, "Brouillons") == "1"
    assert metric(at, "Réciprocité") == "50\u202f%"  # 1 of 2 declared ties
    assert tie_counts(at) == {
        "Tous les partenariats déclarés": "2",
        "Des deux côtés": "1",
        "D'un côté, l'autre a répondu": "0",
        "D'un côté, l'autre pas encore": "1",
    }
    labels = tab_labels(at)
    assert "Relances (11)" in labels and "Hors liste (1)" in labels
    # every metric says what it counts
    assert all(m.proto.help for m in at.metric)

    # by sector, as follow.response_rates
    rates = follow.response_rates(data)
    sectors = rates[rates["group"] == "sector"]
    shown = table(at, "Secteur", "Invitées")
    assert dict(zip(shown["Secteur"], shown["Invitées"], strict=True)) == dict(
        zip(sectors["value"], sectors["invited"], strict=True)
    )
    assert dict(zip(shown["Secteur"], shown["Réponses"], strict=True)) == dict(
        zip(sectors["value"], sectors["answered"], strict=True)
    )
    ok(at.radio(key="w_svc_rate_group").set_value("territory").run())
    shown = table(at, "Territoire", "Invitées")
    assert dict(zip(shown["Territoire"], shown["Réponses"], strict=True)) == {
        "Brest": 2,  # s000, s006
        "Morlaix": 1,  # s007
    }

    # the reminder list: follow.non_respondents
    late = table(at, "Identifiant", "Brouillon")
    expected = follow.non_respondents(data)
    assert list(late["Identifiant"]) == list(expected["structure"])
    assert list(late["Brouillon"]) == list(expected["draft"])
    assert len(late) == 11
    rows = csv_rows(at, "w_svc_late_dl", media)
    assert [r["structure"] for r in rows] == list(expected["structure"])
    assert [r["draft"] for r in rows] == [str(d) for d in expected["draft"]]

    ties = table(at, "Structure", "Partenaire", "Déclaré")
    assert sorted(zip(ties["Structure"], ties["Partenaire"], ties["Déclaré"], strict=True)) == [
        ("Structure 0", "Structure 1", "D'un côté, l'autre pas encore"),
        ("Structure 0", "Structure 6", "Des deux côtés"),
    ]
    fn = table(at, "Fonction du pôle")
    assert fn.iloc[0]["Notes"] == 1 and fn.iloc[0]["Moyenne (1–4)"] == "4,0"


def test_match_a_partner_named_outside_the_list(survey_env):
    path, tokens = survey_env
    answer(path, tokens["s000"], [{"name": "Ti Récup", "commune": "Morlaix", "kinds": ["pooling"]}])
    at = coordinator()
    assert tie_counts(at)["Tous les partenariats déclarés"] == "0"
    outside = table(at, "Nom", "Fois")
    assert list(outside["Nom"]) == ["Ti Récup"] and list(outside["Fois"]) == [1]
    ok(at.text_input(key="w_svc_match").input("Structure 13").run())
    ok(at.button(key="w_svc_match_go").click().run())
    assert any(
        "Ti Récup (Morlaix) associé à Structure 13" in s.value.replace("\\", "") for s in at.success
    )
    data = figures(path)
    assert follow.summary(data)["declared_ties"] == 1  # the oracle, after the match
    assert tie_counts(at)["Tous les partenariats déclarés"] == "1"
    assert "Hors liste (0)" in tab_labels(at)
    ok(at.button(key="w_svc_unmatch").click().run())
    assert tie_counts(at)["Tous les partenariats déclarés"] == "0"


def test_add_a_partner_named_outside_the_list_as_a_new_structure(survey_env):
    path, tokens = survey_env
    answer(path, tokens["s000"], [{"name": "Ti Récup", "commune": "Morlaix", "kinds": ["pooling"]}])
    at = coordinator()
    # a form: every field is sent with its button
    at.text_input(key="w_svc_new_id").input("ti_recup")
    at.selectbox(key="w_svc_new_sector").select_index(0)
    at.selectbox(key="w_svc_new_territory").select_index(0)
    ok(at.button(key="w_svc_new_go").click().run())
    assert any("Ti Récup ajoutée au réseau" in s.value.replace("\\", "") for s in at.success), (
        [e.value for e in at.error],
        [s.value for s in at.success],
    )
    with Workspace(path) as ws:
        row = ws.get("structures", "ti_recup")
        assert row is not None and row.values["name"] == "Ti Récup"
        assert row.values["commune"] == "Morlaix"
    # the answer naming it now declares a tie with it (follow as the oracle: 1 tie)
    assert follow.summary(figures(path))["declared_ties"] == 1
    assert tie_counts(at)["Tous les partenariats déclarés"] == "1"
    # an id already taken is refused and nothing is added
    answer(path, tokens["s006"], [{"name": "Autre", "commune": "", "kinds": ["pooling"]}])
    at = coordinator()
    at.text_input(key="w_svc_new_id").input("s001")
    at.selectbox(key="w_svc_new_sector").select_index(0)
    at.selectbox(key="w_svc_new_territory").select_index(0)
    ok(at.button(key="w_svc_new_go").click().run())
    assert at.error and not any("ajoutée" in s.value for s in at.success)


# Closing, integrating ------------------------------------------------------------------------------
def test_close_needs_a_confirmation_then_the_links_open_nothing(survey_env):
    path, tokens = survey_env
    at = coordinator()
    assert at.button(key="w_svc_close").disabled
    ok(at.checkbox(key="w_svc_close_sure").check().run())
    ok(at.button(key="w_svc_close").click().run())
    assert any("close" in s.value for s in at.success)
    assert any("Close depuis le" in c.value for c in at.caption)
    assert at.button(key="w_svc_issue").disabled
    with Workspace(path) as ws:
        assert campaigns.resolve_token(ws, tokens["s000"]) is None
    form = AppTest.from_file(str(ROOT / "app.py"))
    form.query_params["enquete"] = tokens["s000"]
    ok(form.run())
    assert next(w.value for w in form.warning).startswith("Ce lien ne permet pas de répondre")


def links_by_status(path: Path) -> dict[str, int]:
    with Workspace(path) as ws:
        net = ws.network()
    return net.links["status"].value_counts().to_dict()


def test_integrate_the_answers_then_undo(survey_env):
    path, tokens = survey_env
    # "governance" is never a kind of the fixture's links (app_fixtures.KINDS): every link
    # below is new. s000 and s006 name each other: one confirmed link; s000 names s012:
    # one declared link; s000 needs a vehicle: one structure updated.
    answer(
        path,
        tokens["s000"],
        [
            {"structure": "s006", "kinds": ["governance"]},
            {"structure": "s012", "kinds": ["governance"]},
        ],
        needs=["vehicle"],
    )
    answer(path, tokens["s006"], [{"structure": "s000", "kinds": ["governance"]}])
    before = links_by_status(path)
    at = coordinator()
    ok(at.button(key="w_svc_apply").click().run())
    assert any("Réponses intégrées au réseau : 3 changement(s)" in s.value for s in at.success)
    shown = table(at, "Changement", "Nombre")
    counts = dict(zip(shown["Changement"], shown["Nombre"], strict=True))
    assert counts["Liens confirmés ajoutés"] == 1
    assert counts["Liens déclarés ajoutés"] == 1
    assert counts["Structures dont les besoins ou offres changent"] == 1
    after = links_by_status(path)
    assert after["confirmed"] == before["confirmed"] + 1
    assert after.get("declared", 0) == before.get("declared", 0) + 1
    with Workspace(path) as ws:
        assert ws.get("structures", "s000").values["needs"] == "vehicle"

    ok(at.button(key="w_svc_undo").click().run())
    assert any("Intégration annulée" in s.value for s in at.success)
    assert links_by_status(path) == before
    assert not any(b.key == "w_svc_undo" for b in at.button)


def test_undo_is_offered_only_while_the_integration_is_my_last_change(survey_env):
    path, tokens = survey_env
    answer(path, tokens["s000"], [{"structure": "s006", "kinds": ["governance"]}])
    at = coordinator()
    ok(at.button(key="w_svc_apply").click().run())
    assert any(b.key == "w_svc_undo" for b in at.button)
    from ess_graph.workspace import edits

    with Workspace(path) as ws:  # Anne then adds a link on the Rencontre page
        edits.add_link(ws, "s001", "s002", "governance", who="Anne")
    ok(at.run())
    assert not any(b.key == "w_svc_undo" for b in at.button)


def test_the_page_in_english(survey_env):
    at = coordinator(lang="en")
    assert at.title[0].value == "Survey"
    assert metric(at, "Invited") == "14"
    assert "Close and integrate" in tab_labels(at)
