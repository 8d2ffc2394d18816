"""Campaigns, personal links and answers in the workspace file (survey_fixtures.SIX)."""

from __future__ import annotations

import re
import secrets
import sqlite3
from dataclasses import asdict
from datetime import date

import pandas as pd
import pytest
from survey_fixtures import (
    DEMO,
    file_bytes,
    make_workspace,
    open_six,
    outside,
    partner,
    table_dump,
    tokens_of,
)

from ess_graph.survey import campaigns as sc
from ess_graph.workspace.store import FORMAT_VERSION, Workspace, WorkspaceError

# Scopes ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("scope", "expected"),
    [
        ({"territories": ["brest"]}, ["a", "b", "c"]),
        ({"poles": ["p_morlaix"]}, ["d"]),
        ({"structures": ["f", " e "]}, ["e", "f"]),  # a list, ids stripped
        ({"territories": ["brest"], "poles": ["p_morlaix"]}, ["a", "b", "c", "d"]),  # union
        ({"everyone": True}, ["a", "b", "c", "d", "e", "f"]),
    ],
)
def test_a_scope_invites_the_structures_it_names(six_ws, scope, expected):
    campaign = sc.open_campaign(six_ws, "C", who="coord", **scope)
    assert sc.invited(six_ws, campaign) == expected
    assert campaign.roster_extra == ()


def test_neighbours_add_the_nearby_territories_to_the_roster_not_to_the_invited(six_ws):
    # brest–morlaix 52.8 km (haversine of the SIX territories' centres) <= NEIGHBOUR_KM;
    # cornouaille is near too but holds no structure.
    campaign = sc.open_campaign(six_ws, "C", who="coord", territories=["brest"], neighbours=True)
    assert sc.invited(six_ws, campaign) == ["a", "b", "c"]
    assert campaign.roster_extra == ("d", "e", "f")
    tokens = tokens_of(sc.issue_links(six_ws, "C", who="coord"))
    view = sc.form_view(six_ws, tokens["a"])
    assert sorted(view.roster) == ["b", "c", "d", "e", "f"]  # never itself
    # a neighbour can be declared as a partner
    sc.save_answer(six_ws, tokens["a"], {"partners": [partner("e")]}, submit=True)


def test_every_pays_of_the_demo_has_a_neighbour(tmp_path):
    """With NEIGHBOUR_KM, no pays is left without a neighbour (at 45 km Brest and
    Cornouaille had none: their nearest pays' centres lie 52–53 km away)."""
    from ess_graph.analysis.opportunities import haversine_km

    t = pd.read_csv(DEMO / "territories.csv")
    points = {r.id: (r.lat, r.lon) for r in t.itertuples()}
    near = {
        a: {b for b in points if b != a and haversine_km(points[a], points[b]) <= sc.NEIGHBOUR_KM}
        for a in points
    }
    assert all(near.values()), [a for a, n in near.items() if not n]
    assert near["brest"] == {"cornouaille", "morlaix"}


@pytest.mark.parametrize(
    ("scope", "what", "values"),
    [
        ({"territories": ["atlantis"]}, "territory", "atlantis"),
        ({"poles": ["p_brest", "p_nowhere"]}, "pole", "p_nowhere"),
        ({"structures": ["a", "zz", "yy"]}, "structure", "yy, zz"),
    ],
)
def test_an_unknown_scope_id_is_refused_and_nothing_is_written(six_ws, scope, what, values):
    before = table_dump(six_ws.path)
    with pytest.raises(sc.SurveyError) as err:
        sc.open_campaign(six_ws, "C", who="coord", **scope)
    assert err.value.code == "unknown_scope"
    assert err.value.params == {"what": what, "values": values}
    assert "inconnu" in err.value.message("fr")
    assert table_dump(six_ws.path) == before


def test_a_scope_without_structure_and_no_scope_are_refused(six_ws):
    with pytest.raises(sc.SurveyError) as err:  # a territory of the table, no structure
        sc.open_campaign(six_ws, "C", who="coord", territories=["cornouaille"])
    assert err.value.code == "empty_scope"
    with pytest.raises(sc.SurveyError) as err:
        sc.open_campaign(six_ws, "C", who="coord")
    assert err.value.code == "no_scope"
    with pytest.raises(sc.SurveyError) as err:
        sc.open_campaign(six_ws, "  ", who="coord", everyone=True)
    assert err.value.code == "empty_name"
    assert sc.campaign_names(six_ws) == []


@pytest.mark.parametrize(
    ("typed", "stored"),
    [("2099-03-31", "2099-03-31"), (date(2099, 1, 2), "2099-01-02"), ("", ""), (None, "")],
)
def test_the_closing_date_is_read_as_an_iso_date(six_ws, typed, stored):
    assert sc.open_campaign(six_ws, "C", who="coord", everyone=True, closes=typed).closes == stored


@pytest.mark.parametrize("typed", ["31/03/2099", "2099-02-30", "mars", "2099-13-01"])
def test_an_unreadable_closing_date_is_refused(six_ws, typed):
    with pytest.raises(sc.SurveyError) as err:
        sc.open_campaign(six_ws, "C", who="coord", everyone=True, closes=typed)
    assert err.value.code == "bad_date"
    assert "AAAA-MM-JJ" in err.value.message("fr")


def test_a_closing_date_already_past_is_refused(six_ws):
    """A campaign closing yesterday would open with every link dead."""
    with pytest.raises(sc.SurveyError) as err:
        sc.open_campaign(six_ws, "C", who="coord", everyone=True, closes="2020-01-01")
    assert err.value.code == "past_date"
    assert "2020-01-01" in err.value.message("fr")
    assert sc.campaign_names(six_ws) == []


@pytest.mark.parametrize(
    "again", ["Enquête 2027", " Enquête  2027 ", "enquete 2027", "ENQUÊTE 2027"]
)
def test_a_name_already_taken_is_refused_whatever_its_case_and_accents(six_ws, again):
    sc.open_campaign(six_ws, "Enquête 2027", who="coord", everyone=True)
    with pytest.raises(sc.SurveyError) as err:
        sc.open_campaign(six_ws, again, who="coord", territories=["brest"])
    assert err.value.code == "campaign_exists"
    assert sc.campaign_names(six_ws) == ["Enquête 2027"]


def test_find_campaign_by_name_id_or_folded_name_and_unknown(six_ws):
    c = sc.open_campaign(six_ws, "Enquête Brest 2027", who="coord", territories=["brest"])
    assert c.id == "enquete_brest_2027"
    for name in ("Enquête Brest 2027", "enquete_brest_2027", "enquête brest 2027"):
        assert sc.find_campaign(six_ws, name).id == c.id
    with pytest.raises(sc.SurveyError) as err:
        sc.find_campaign(six_ws, "Enquête 2026")
    assert err.value.code == "campaign_not_found"
    assert "« Enquête Brest 2027 »" in err.value.message("fr")


def test_list_campaigns_counts_invitations_links_drafts_and_submissions(six_ws):
    assert list(sc.list_campaigns(six_ws)["name"]) == []
    tokens = open_six(six_ws, "A")  # 6 invited, 6 links
    sc.open_campaign(six_ws, "B", who="coord", territories=["brest"], closes="2099-01-01")
    sc.issue_links(six_ws, "B", who="coord", structures=["a"])  # 1 link of 3
    sc.save_answer(six_ws, tokens["a"], {"partners": [partner("b")]}, submit=True)
    sc.save_answer(six_ws, tokens["b"], {"partners": [partner("a")]}, submit=True)
    sc.save_answer(six_ws, tokens["c"], {"comment": "plus tard"}, submit=False)
    sc.close_campaign(six_ws, "A", who="coord")
    listed = sc.list_campaigns(six_ws).set_index("name")
    # counted from the calls above
    assert listed.loc["A", ["invited", "links_issued", "drafts", "submitted", "open"]].tolist() == [
        6,
        6,
        1,
        2,
        False,
    ]
    assert listed.loc["B", ["invited", "links_issued", "drafts", "submitted", "open"]].tolist() == [
        3,
        1,
        0,
        0,
        True,
    ]
    assert listed.loc["A", "closed_at"] != "" and listed.loc["B", "closes"] == "2099-01-01"


def test_closing_twice_is_refused(six_ws):
    open_six(six_ws)
    sc.close_campaign(six_ws, "Enquête 2027", who="coord")
    with pytest.raises(sc.SurveyError) as err:
        sc.close_campaign(six_ws, "Enquête 2027", who="coord")
    assert err.value.code == "closed"


# Links and tokens -----------------------------------------------------------------------

TOKEN_ALPHABET = re.compile(r"[A-Za-z0-9_-]+")


def test_a_token_carries_at_least_128_bits_and_each_is_distinct(six_ws):
    tokens = open_six(six_ws)
    for token in tokens.values():
        # URL-safe base64: 6 bits per character, so 22 characters hold 132 bits
        assert TOKEN_ALPHABET.fullmatch(token) and len(token) * 6 >= 128
    assert len(set(tokens.values())) == 6
    many = {tokens_of(sc.issue_links(six_ws, "Enquête 2027", who="c", reissue=True))["a"]}
    for _ in range(50):
        many.add(tokens_of(sc.issue_links(six_ws, "Enquête 2027", who="c", structures=["a"]))["a"])
    assert len(many) == 51


def test_the_invitations_frame_holds_names_contacts_and_personal_urls(six_ws):
    sc.open_campaign(
        six_ws, "Enquête 2027", who="coord", territories=["brest"], closes="2099-03-31"
    )
    links = sc.issue_links(
        six_ws, "Enquête 2027", who="coord", base_url="https://ess.example.org/app"
    )
    assert links.columns.tolist() == [
        "structure",
        "name",
        "contact_email",
        "campaign",
        "closes",
        "url",
    ]
    assert links["structure"].tolist() == ["a", "b", "c"]
    assert links["contact_email"].tolist() == ["alpha@example.org", "beta@example.org", ""]
    assert links["url"].str.startswith("https://ess.example.org/app?enquete=").all()
    assert set(links["closes"]) == {"2099-03-31"}
    # issued once: asking again gives no new link (a token is shown once)
    assert sc.issue_links(six_ws, "Enquête 2027", who="coord").empty


def test_a_token_is_stored_only_as_its_hash(six_ws):
    tokens = open_six(six_ws)
    sc.save_answer(six_ws, tokens["a"], {"partners": [partner("b")]}, submit=True)
    path = six_ws.path
    stored = dict(six_ws.connection.execute("SELECT structure, token_hash FROM survey_invitations"))
    journal = " ".join(
        str(cell) for row in six_ws.connection.execute("SELECT * FROM journal") for cell in row
    )
    raw_open = file_bytes(path)  # the file and its WAL while the workspace is open
    six_ws.close()
    raw_closed = file_bytes(path)
    for sid, token in tokens.items():
        assert stored[sid] == sc._token_hash(token) and len(stored[sid]) == 64
        for raw in (*raw_open.values(), *raw_closed.values()):
            assert token.encode() not in raw
        assert token not in journal
        assert stored[sid] not in journal  # issuing a link is not journaled either


def test_reissuing_kills_the_old_link_and_keeps_the_draft(six_ws):
    tokens = open_six(six_ws)
    sc.save_answer(six_ws, tokens["a"], {"comment": "brouillon"}, submit=False)
    new = tokens_of(sc.issue_links(six_ws, "Enquête 2027", who="coord", structures=["a"]))
    assert sc.resolve_token(six_ws, tokens["a"]) is None
    assert sc.form_view(six_ws, new["a"]).answer.comment == "brouillon"
    with pytest.raises(sc.SurveyError) as err:
        sc.save_answer(six_ws, tokens["a"], {"comment": "x"}, submit=False)
    assert err.value.code == "link_unusable"
    # the other structures' links still work
    assert sc.resolve_token(six_ws, tokens["b"]).structure == "b"


def test_links_for_the_structures_not_answered(six_ws):
    tokens = open_six(six_ws)
    sc.save_answer(six_ws, tokens["a"], {"partners": [partner("b")]}, submit=True)
    sc.save_answer(six_ws, tokens["b"], {"comment": "brouillon"}, submit=False)
    again = sc.issue_links(six_ws, "Enquête 2027", who="coord", not_answered=True)
    assert again["structure"].tolist() == ["b", "c", "d", "e", "f"]  # a draft is not an answer
    assert sc.resolve_token(six_ws, tokens["a"]).structure == "a"  # a's link untouched


def test_links_for_a_structure_not_invited_are_refused(six_ws):
    sc.open_campaign(six_ws, "C", who="coord", territories=["brest"])
    with pytest.raises(sc.SurveyError) as err:
        sc.issue_links(six_ws, "C", who="coord", structures=["d"])
    assert err.value.code == "not_invited"


BAD_TOKENS = [
    None,
    "",
    "abc",
    "x" * 43,  # the right shape, unknown
    "A" * 200,
    "' OR 1=1 --" + "a" * 40,
    "%00" * 20,
    "é" * 43,
    "a" * 42 + "\n",
    12345,
]


@pytest.mark.parametrize("token", BAD_TOKENS)
def test_a_wrong_or_malformed_token_opens_nothing(six_ws, token):
    open_six(six_ws)
    assert sc.resolve_token(six_ws, token) is None
    assert sc.form_view(six_ws, token) is None
    with pytest.raises(sc.SurveyError) as err:
        sc.save_answer(six_ws, token, {"comment": "x"}, submit=True)
    assert err.value.code == "link_unusable"


def test_closed_and_expired_links_open_nothing(six_ws):
    tokens = open_six(six_ws, "A", everyone=True, closes="2099-03-31")
    assert sc.resolve_token(six_ws, tokens["a"], today=date(2099, 3, 31)).structure == "a"
    assert sc.resolve_token(six_ws, tokens["a"], today=date(2099, 4, 1)) is None
    with pytest.raises(sc.SurveyError) as err:
        sc.save_answer(six_ws, tokens["a"], {"comment": "x"}, submit=False, today=date(2099, 4, 1))
    assert err.value.code == "link_unusable"
    sc.close_campaign(six_ws, "A", who="coord")
    assert sc.resolve_token(six_ws, tokens["a"]) is None
    assert sc.form_view(six_ws, tokens["b"]) is None
    with pytest.raises(sc.SurveyError) as err:
        sc.issue_links(six_ws, "A", who="coord", reissue=True)
    assert err.value.code == "closed"


def test_two_thousand_wrong_tokens_change_nothing(six_ws):
    tokens = open_six(six_ws)
    sc.save_answer(six_ws, tokens["a"], {"partners": [partner("b")]}, submit=True)
    path = six_ws.path
    six_ws.close()  # the last connection closed: the WAL is checkpointed into the file
    bytes_before, tables_before = file_bytes(path), table_dump(path)
    ws = Workspace(path)
    try:
        for i in range(2000):
            wrong = secrets.token_urlsafe(32) if i % 2 else f"{i}-" + "z" * (i % 70)
            assert sc.resolve_token(ws, wrong) is None
            if i % 10 == 0:
                assert sc.form_view(ws, wrong) is None
                with pytest.raises(sc.SurveyError):
                    sc.save_answer(ws, wrong, {"comment": "intrus"}, submit=True)
    finally:
        ws.close()
    assert table_dump(path) == tables_before
    assert file_bytes(path) == bytes_before
    with Workspace(path) as ws:  # the real token still works
        assert sc.save_answer(ws, tokens["a"], {"partners": []}, submit=True).version == 2


def test_a_form_never_shows_another_structures_answer(six_ws):
    tokens = open_six(six_ws)
    secret = "SECRET-DE-ALPHA"
    sc.save_answer(
        six_ws,
        tokens["a"],
        {
            "partners": [partner("b", since="2011"), outside(secret + " partenaire", "Brest")],
            "needs_text": secret,
            "comment": secret,
        },
        submit=True,
    )
    view = sc.form_view(six_ws, tokens["b"])
    assert view.structure == "b" and view.status == "" and view.answer.partners == []
    assert secret not in repr(asdict(view)) and "2011" not in repr(asdict(view))
    assert set(view.roster) == {"a", "c", "d", "e", "f"}
    assert set(next(iter(view.roster.values()))) == {"id", "name", "sector", "territory", "commune"}
    own = sc.form_view(six_ws, tokens["a"])
    assert own.answer.comment == secret and own.status == "submitted"


# Answers ----------------------------------------------------------------------------------


def test_draft_then_submit_then_resubmit_each_journaled(six_ws):
    tokens = open_six(six_ws)
    draft = sc.save_answer(six_ws, tokens["a"], {"partners": [partner("zz")]}, submit=False)
    assert (draft.status, draft.version) == ("draft", 1)
    assert [p.code for p in draft.problems] == ["survey_unknown_partner"]
    with pytest.raises(sc.SurveyError) as err:  # an error refuses a submission
        sc.save_answer(six_ws, tokens["a"], {"partners": [partner("zz")]}, submit=True)
    assert err.value.code == "answer_invalid" and err.value.problems[0].line == 1
    done = sc.save_answer(six_ws, tokens["a"], {"partners": [partner("b")]}, submit=True)
    assert (done.status, done.version) == ("submitted", 2)
    again = sc.save_answer(six_ws, tokens["a"], {"partners": [partner("c")]}, submit=True)
    assert again.version == 3
    rows = six_ws.connection.execute(
        "SELECT who, action, tbl FROM journal WHERE tbl = 'survey_answers' ORDER BY seq"
    ).fetchall()
    assert rows == [
        ("survey:a", "add", "survey_answers"),
        ("survey:a", "change", "survey_answers"),
        ("survey:a", "change", "survey_answers"),
    ]
    campaign = sc.find_campaign(six_ws, "Enquête 2027")
    (stored,) = sc.answers(six_ws, campaign, submitted_only=True)
    assert [p.structure for p in stored.answer.partners] == ["c"]


def test_an_answer_is_refused_when_its_link_was_reissued_while_it_was_checked(six_ws, monkeypatch):
    """The token is checked again inside the write transaction: a link reissued between
    the first check and the write does not let the old link write."""
    tokens = open_six(six_ws)
    real = sc.check_answer

    def reissue_meanwhile(*args, **kwargs):
        with Workspace(six_ws.path) as other:
            sc.issue_links(other, "Enquête 2027", who="coord", structures=["a"])
        return real(*args, **kwargs)

    monkeypatch.setattr(sc, "check_answer", reissue_meanwhile)
    with pytest.raises(sc.SurveyError) as err:
        sc.save_answer(six_ws, tokens["a"], {"partners": [partner("b")]}, submit=True)
    assert err.value.code == "link_unusable"
    assert sc.answers(six_ws, sc.find_campaign(six_ws, "Enquête 2027")) == []


# Formats ----------------------------------------------------------------------------------


def _make_v1(path):
    """A workspace as ess_graph wrote it before the survey: format 1, no survey table."""
    make_workspace(path).close()
    conn = sqlite3.connect(path)
    conn.execute("UPDATE meta SET value = '1' WHERE key = 'format_version'")
    conn.commit()
    conn.close()


def test_a_format_1_workspace_reads_as_it_is_and_migrates_on_the_first_campaign(tmp_path):
    path = tmp_path / "v1.sqlite"
    _make_v1(path)
    with Workspace(path) as ws:  # an older format refuses nothing
        assert ws.meta("format_version") == "1"
        assert not sc.has_survey(ws)
        assert sc.campaign_names(ws) == [] and sc.list_campaigns(ws).empty
        assert sc.resolve_token(ws, "x" * 43) is None
        assert len(ws.network().structures) == 6
        with pytest.raises(sc.SurveyError):  # a refused opening leaves it format 1
            sc.open_campaign(ws, "C", who="coord", territories=["atlantis"])
        assert ws.meta("format_version") == "1" and not sc.has_survey(ws)
        tokens = open_six(ws)
        assert ws.meta("format_version") == FORMAT_VERSION == "2"
        assert sc.has_survey(ws)
        sc.save_answer(ws, tokens["a"], {"partners": [partner("b")]}, submit=True)


def test_a_workspace_from_a_newer_format_is_refused_unchanged(tmp_path):
    path = tmp_path / "v3.sqlite"
    make_workspace(path).close()
    conn = sqlite3.connect(path)
    conn.execute("UPDATE meta SET value = '3' WHERE key = 'format_version'")
    conn.commit()
    conn.close()
    before = path.read_bytes()
    with pytest.raises(WorkspaceError) as err:
        Workspace(path)
    assert err.value.code == "newer_version" and path.read_bytes() == before
