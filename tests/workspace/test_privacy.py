"""Pseudonymised export: stable salted pseudonyms, no personal data, same graph shape."""

from __future__ import annotations

import os
import stat

import networkx as nx
import pytest
from ws_fixtures import TINY, write_tiny

from ess_graph.io.read import read_network
from ess_graph.network import cooperation_graph
from ess_graph.workspace.export import export_workspace
from ess_graph.workspace.merge import commit_import, plan_import
from ess_graph.workspace.privacy import is_contact_column, pseudonym, pseudonymise
from ess_graph.workspace.store import Workspace

EMAILS = ("alice@example.org", "bob@example.org", "contact@pole-p.bzh")
PHONES = ("06 12 34 56 78", "+33 2 98 00 11 22")


@pytest.fixture
def personal_ws(tmp_path):
    """The tiny network with personal data in extra columns of every table."""
    folder = write_tiny(
        tmp_path / "personal",
        **{
            "poles.csv": "id,name,territory,status,animateur,courriel_general\n"
            f"p,Pôle P,brest,created,Jeanne Le Goff,{EMAILS[2]}\n",
            "links.csv": TINY["links.csv"]
            .replace("status\n", "status,remarque\n", 1)
            .replace(
                "a,b,cooperation,2005,1,confirmed\n",
                f"a,b,cooperation,2005,1,confirmed,rappeler au {PHONES[0]}\n",
            ),
            "partners.csv": f"id,name,kind,standard\nf,Région,region,{PHONES[1]}\n",
        },
    )
    ws = Workspace.create(tmp_path / "p.sqlite")
    commit_import(ws, plan_import(ws, folder), who="Anne")
    yield ws
    ws.close()


def _all_text(folder) -> str:
    return "\n".join(p.read_text(encoding="utf-8") for p in sorted(folder.iterdir()))


def test_contact_column_names_from_the_documented_list():
    for name in (
        "email",
        "E-mail",
        "Courriel",
        "téléphone",
        "tel",
        "Portable",
        "nom",
        "Prénom",
        "person",
        "adresse",
        "contact_name",
        "nom_du_referent",
        "Mail2",
    ):
        assert is_contact_column(name), name
    for name in ("full_name", "main_town", "nombre_salaries", "pole_2009", "in_leaflet"):
        assert not is_contact_column(name), name


def test_no_name_email_or_phone_left_in_the_files(personal_ws, tmp_path):
    out = tmp_path / "share"
    result = export_workspace(personal_ws, out, pseudonymised=True)
    text = _all_text(out)
    for secret in (*EMAILS, *PHONES, "Alpha", "Beta", "Gamma", "Delta", "Jeanne"):
        assert secret not in text, secret
    assert result.salt_file == tmp_path / "share.salt"
    assert result.salt_created
    assert stat.S_IMODE(os.stat(result.salt_file).st_mode) == 0o600
    net = read_network(out)
    assert net.problems == []
    # by name: "courriel" is a contact word, "animateur" a role held by one person
    assert "animateur" not in net.poles.columns and "courriel_general" not in net.poles.columns
    assert "standard" not in net.partners.columns  # a phone number by content
    assert "remarque" not in net.links.columns  # holds a phone number
    assert "contact_email" not in net.structures.columns  # structures: all extras dropped


def test_no_demo_id_or_name_left_and_the_graph_keeps_its_shape(demo_ws, tmp_path):
    out = tmp_path / "demo_share"
    export_workspace(demo_ws, out, pseudonymised=True, salt_file=tmp_path / "salt.txt")
    original = demo_ws.network()
    shared = read_network(out)
    structures_csv = (out / "structures.csv").read_text(encoding="utf-8")
    links_csv = (out / "links.csv").read_text(encoding="utf-8")
    for sid, name in zip(original.structures["id"], original.structures["name"], strict=True):
        assert sid not in structures_csv and sid not in links_csv
        assert name not in _all_text(out)
    salt = (tmp_path / "salt.txt").read_bytes().strip()
    g0, g1 = cooperation_graph(original), cooperation_graph(shared)
    relabelled = nx.relabel_nodes(g0, {n: pseudonym(n, salt) for n in g0})
    assert nx.utils.graphs_equal(
        nx.Graph(relabelled.edges()), nx.Graph(g1.edges())
    )  # same ties, node for node
    assert dict(relabelled.degree()) == dict(g1.degree())
    # families, sectors, territories and pôles kept row for row
    cols = ["family", "sector", "territory", "pole", "employees", "founded"]
    assert shared.structures[cols].equals(original.structures[cols])
    assert shared.territories.equals(original.territories)
    assert shared.sectors.equals(original.sectors)


def test_same_salt_same_pseudonyms_other_salt_other_ones(demo_ws, tmp_path):
    salt = tmp_path / "salt"
    salt.write_text("un sel partagé entre deux exports\n")
    export_workspace(demo_ws, tmp_path / "one", pseudonymised=True, salt_file=salt)
    export_workspace(demo_ws, tmp_path / "two", pseudonymised=True, salt_file=salt)
    first = read_network(tmp_path / "one").structures["id"].tolist()
    assert first == read_network(tmp_path / "two").structures["id"].tolist()
    other = tmp_path / "other_salt"
    other.write_text("un autre sel\n")
    export_workspace(demo_ws, tmp_path / "three", pseudonymised=True, salt_file=other)
    third = read_network(tmp_path / "three").structures["id"].tolist()
    assert not set(first) & set(third)
    assert all(p.startswith("s_") and len(p) == 14 for p in first)


def test_pseudonymise_does_not_change_its_input(tiny_ws):
    net = tiny_ws.network()
    before = net.structures.copy()
    pseudonymise(net, b"salt")
    assert net.structures.equals(before)
    with pytest.raises(ValueError):
        pseudonymise(net, b"")


def test_contact_search_is_quick_on_a_200_kb_cell_and_still_finds_addresses():
    import time

    import pandas as pd

    from ess_graph.workspace.privacy import contact_columns

    big = "x" * 200_000  # no @: the unbounded pattern scanned to the end from every start
    frame = pd.DataFrame(
        {
            "note": [big, "plain"],
            "mail_in_text": [big, "écrire à " + "a" * 80 + "@asso-brest.fr merci"],
        }
    )
    started = time.perf_counter()
    found = contact_columns(frame, ["note", "mail_in_text"])
    assert time.perf_counter() - started < 30  # before: minutes (quadratic); now well under 1 s
    assert found == ["mail_in_text"]  # an 80-character local part is still an address
