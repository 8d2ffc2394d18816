"""Small hand-made workspaces for the survey tests, and helpers shared by them.

``SIX`` (6 structures, 2 territories, 2 sectors; every figure the tests expect from it is
counted by hand in the test that uses it)::

    id  name     family       sector   territory  pole
    a   Alpha    association  culture  brest      p_brest
    b   Beta     cooperative  culture  brest      p_brest
    c   Gamma    association  sport    brest      ""
    d   Delta    mutuelle     sport    morlaix    p_morlaix
    e   Epsilon  association  culture  morlaix    ""
    f   Phi      association  sport    morlaix    ""

Links already in the network (``SIX_LINKS``): a–b cooperation and c–e cooperation, both
``confirmed``, source ``convention``. Territories: brest (48.39, -4.486) and morlaix
(48.578, -3.828), 50 km apart; cornouaille (47.996, -4.102) has no structure.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from pathlib import Path

import pandas as pd

from ess_graph.survey import campaigns as sc
from ess_graph.validate import validate_rows
from ess_graph.workspace.merge import commit_import, plan_network
from ess_graph.workspace.store import Workspace

ROOT = Path(__file__).resolve().parents[2]
DEMO = ROOT / "data" / "demo"

STRUCTURE_COLUMNS = ["id", "name", "family", "sector", "territory", "pole", "contact_email"]
SIX: list[dict[str, str]] = [
    dict(zip(STRUCTURE_COLUMNS, row, strict=True))
    for row in (
        ("a", "Alpha", "association", "culture", "brest", "p_brest", "alpha@example.org"),
        ("b", "Beta", "cooperative", "culture", "brest", "p_brest", "beta@example.org"),
        ("c", "Gamma", "association", "sport", "brest", "", ""),
        ("d", "Delta", "mutuelle", "sport", "morlaix", "p_morlaix", "02 98 00 00 00"),
        ("e", "Epsilon", "association", "culture", "morlaix", "", ""),
        ("f", "Phi", "association", "sport", "morlaix", "", ""),
    )
]
SIX_LINKS: list[dict[str, str]] = [
    {
        "source": "a",
        "target": "b",
        "kind": "cooperation",
        "since": "2005",
        "status": "confirmed",
        "source_of_information": "convention",
    },
    {
        "source": "c",
        "target": "e",
        "kind": "cooperation",
        "since": "2012",
        "status": "confirmed",
        "source_of_information": "convention",
    },
]
POLES = [
    {"id": "p_brest", "name": "Pôle Brest", "territory": "brest", "status": "created"},
    {"id": "p_morlaix", "name": "Pôle Morlaix", "territory": "morlaix", "status": "created"},
]
TERRITORIES = [
    {"id": "brest", "name": "Brest", "lat": "48.39", "lon": "-4.486"},
    {"id": "morlaix", "name": "Morlaix", "lat": "48.578", "lon": "-3.828"},
    {"id": "cornouaille", "name": "Cornouaille", "lat": "47.996", "lon": "-4.102"},
]


def make_workspace(
    path: Path,
    structures: Sequence[Mapping[str, str]] = SIX,
    links: Sequence[Mapping[str, str]] = SIX_LINKS,
) -> Workspace:
    """A new workspace at `path` holding `structures` and `links` (valid, or it raises)."""
    texts = {
        "structures": (list(structures[0]), [dict(r) for r in structures]),
        "poles": (["id", "name", "territory", "status"], POLES),
        "partners": (["id", "name", "kind"], []),
        "links": (
            ["source", "target", "kind", "since", "status", "source_of_information"],
            [dict(r) for r in links],
        ),
        "territories": (["id", "name", "lat", "lon"], TERRITORIES),
    }
    net = validate_rows(texts)
    errors = [p for p in net.problems if p.is_error]
    if errors:
        raise AssertionError(errors)
    ws = Workspace.create(path)
    commit_import(ws, plan_network(ws, net, source="test"), who="setup")
    return ws


def tokens_of(links: pd.DataFrame) -> dict[str, str]:
    """{structure id: token} from what `issue_links` returned."""
    return {
        sid: url.split(f"{sc.TOKEN_PARAMETER}=", 1)[1]
        for sid, url in zip(links["structure"], links["url"], strict=True)
    }


def open_six(ws: Workspace, name: str = "Enquête 2027", **scope) -> dict[str, str]:
    """Open a campaign for every structure of SIX and issue the links; the tokens."""
    scope = scope or {"everyone": True}
    sc.open_campaign(ws, name, who="coord", **scope)
    return tokens_of(sc.issue_links(ws, name, who="coord"))


def partner(structure: str = "", kinds: Sequence[str] = ("cooperation",), **fields) -> dict:
    return {"structure": structure, "kinds": list(kinds), **fields}


def outside(name: str, commune: str, kinds: Sequence[str] = ("pooling",)) -> dict:
    return {"name": name, "commune": commune, "kinds": list(kinds)}


def file_bytes(path: Path) -> dict[str, bytes]:
    """The bytes of the workspace file and of its -wal file (an empty or absent WAL holds
    nothing: both read as b"")."""
    wal = path.with_name(path.name + "-wal")
    return {"db": path.read_bytes(), "wal": wal.read_bytes() if wal.exists() else b""}


def table_dump(path: Path) -> dict[str, list[tuple]]:
    """Every row of every table of the file (sqlite_master included), read with sqlite3."""
    import sqlite3

    conn = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    try:
        names = [r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type='table'")]
        dump = {"sqlite_master": sorted(conn.execute("SELECT * FROM sqlite_master").fetchall())}
        for name in names:
            dump[name] = conn.execute(f'SELECT * FROM "{name}" ORDER BY rowid').fetchall()
        return dump
    finally:
        conn.close()


#: The hand campaign on SIX (`answer_by_hand`): what each structure answers.
#:
#:     a submits: b (cooperation, 2010, monthly, value 3, trust 4), c (pooling, 2015,
#:                value 2), « Ti Récup » of Morlaix (outside the roster); needs vehicle;
#:                strategy 4, visibility 2
#:     b submits: a (cooperation + pooling, 2008, weekly, value 4), d (subcontracting);
#:                offers vehicle, premises; strategy 3
#:     c submits: e (cooperation); needs premises; strategy 1
#:     d saves a draft only: b (subcontracting)
#:     e submits: a (sponsorship), « ti recup » of « MORLAIX » (the same partner, typed
#:                otherwise), « Atelier Vélo » of Brest; offers skills; visibility 4
#:     f does not answer
HAND: dict[str, tuple[bool, dict]] = {
    "a": (
        True,
        {
            "partners": [
                partner("b", ["cooperation"], since="2010", frequency="monthly", value=3, trust=4),
                partner("c", ["pooling"], since="2015", value=2),
                outside("Ti Récup", "Morlaix"),
            ],
            "needs": ["vehicle"],
            "needs_text": "un camion le samedi",
            "functions": {"strategy": 4, "visibility": 2},
            "comment": "Contact : Jeanne, 06 12 34 56 78",
        },
    ),
    "b": (
        True,
        {
            "partners": [
                partner("a", ["cooperation", "pooling"], since="2008", frequency="weekly", value=4),
                partner("d", ["subcontracting"]),
            ],
            "offers": ["vehicle", "premises"],
            "offers_text": "salle de 40 places",
            "functions": {"strategy": 3},
        },
    ),
    "c": (
        True,
        {"partners": [partner("e")], "needs": ["premises"], "functions": {"strategy": 1}},
    ),
    "d": (False, {"partners": [partner("b", ["subcontracting"])]}),
    "e": (
        True,
        {
            "partners": [
                partner("a", ["sponsorship"]),
                outside("ti recup", "MORLAIX"),
                outside("Atelier Vélo", "Brest", ["cooperation"]),
            ],
            "offers": ["skills"],
            "functions": {"visibility": 4},
        },
    ),
}


def answer_by_hand(ws: Workspace, name: str = "Enquête 2027") -> dict[str, str]:
    """Open the campaign on SIX, answer it as `HAND` says; the tokens."""
    tokens = open_six(ws, name)
    for sid, (submit, data) in HAND.items():
        sc.save_answer(ws, tokens[sid], data, submit=submit)
    return tokens


def submit_at_once(path: str, token: str, partners: list[str], barrier, results) -> None:
    """A respondent in its own process: open the workspace, wait for the others at the
    barrier, submit, and report ``(partners, outcome, detail)`` to `results`."""
    ws = Workspace(path)
    try:
        barrier.wait(timeout=600)
        try:
            saved = sc.save_answer(
                ws, token, {"partners": [partner(p) for p in partners]}, submit=True
            )
            results.put((partners, "ok", saved.version, ws.busy_retries))
        except Exception as exc:  # every error a respondent would see is reported
            results.put((partners, "error", f"{type(exc).__name__}: {exc}", ws.busy_retries))
    finally:
        ws.close()
