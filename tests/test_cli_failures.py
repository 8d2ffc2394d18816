"""Every command turns a file-system or domain failure into one line on stderr and exit 2.

Each command of ``ess-graph --help`` and ``ess-graph workspace --help`` is run against
the hostile situations that apply to it; `test_every_command_meets_its_hostile_situations`
fails when a new command is added without its cases. Most runs are in-process (CliRunner);
the ones at the end run the real program in a subprocess, to show that stderr holds exactly
one line and no traceback.

How each situation is made (tests often run as root, where file modes stop nothing):
- write-protected folder, in-process: ``chmod 0555`` when not root; as root ``chattr +i``
  (skipped where the file system refuses it);
- permission denied, read-only workspace file (0444) or folder (0555), in a subprocess:
  real modes, the program run as user ``nobody`` when the tests run as root;
- read-only workspace, in-process: SQLite opened with its ``mode=ro`` URI;
- full disk: ``os.fsync`` raising ENOSPC for files (every writer syncs before its rename);
  ``PRAGMA max_page_count`` for a workspace, so that SQLite itself reports SQLITE_FULL.
  ``/dev/full`` is not used: as root, an atomic writer's rename would replace the device.
"""

from __future__ import annotations

import contextlib
import errno
import hashlib
import os
import shutil
import sqlite3
import subprocess
import sys
import tempfile
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

import click
import pytest
from click.testing import CliRunner

from ess_graph.cli import main
from ess_graph.demo import write_demo
from ess_graph.io.read import read_network
from ess_graph.report import scope_ids
from ess_graph.survey.campaigns import issue_links, open_campaign, save_answer
from ess_graph.workspace.edits import add_link
from ess_graph.workspace.merge import commit_import, plan_import
from ess_graph.workspace.snapshots import create_snapshot
from ess_graph.workspace.store import FORMAT_VERSION, Workspace

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tests" / "sirene"))  # sirene_fixtures: INSEE's stock files

# French words none of the English messages hold.
FRENCH = ("impossible", "introuvable", "refusée", "dossier", "espace de travail", "erreur", "rien")


# --- the world the commands run in --------------------------------------------------


@dataclass(frozen=True)
class World:
    net: Path  # a valid network (demo, 20 structures)
    other_net: Path  # the same ids, other values: importing it changes the workspace
    ws: Path  # a workspace with `net` imported, snapshot "avant", one link by Anne
    territory: str
    new_link: tuple[str, str]  # two structures with no pooling link yet
    tmp: Path


@pytest.fixture(scope="module")
def template(tmp_path_factory) -> World:
    base = tmp_path_factory.mktemp("failures")
    net = base / "net"
    write_demo(net, 20, seed=1)
    other = base / "other"
    write_demo(other, 20, seed=2)
    network = read_network(net)
    ids = sorted(network.structures["id"])
    linked = {
        frozenset((s, t))
        for s, t, k in network.links[["source", "target", "kind"]].itertuples(index=False)
        if k == "pooling"
    }
    pairs = [(a, b) for a in ids for b in ids if a < b and frozenset((a, b)) not in linked]
    ws_file = base / "w.sqlite"
    with Workspace.create(ws_file) as ws:
        commit_import(ws, plan_import(ws, net), who="Import")
        create_snapshot(ws, "avant", who="Import")
        add_link(ws, *pairs[1], "pooling", who="Anne")
        open_campaign(ws, "enquete", who="Anne", everyone=True)
        # one submitted answer, so that `survey apply` has something to write
        token = issue_links(ws, "enquete", structures=[ids[0]])["url"][0].split("=")[1]
        save_answer(
            ws, token, {"partners": [{"structure": ids[1], "kinds": ["pooling"]}]}, submit=True
        )
    territory = sorted(scope_ids(network)["territory"])[0]
    return World(net, other, ws_file, territory, pairs[0], base)


@pytest.fixture
def world(template: World, tmp_path: Path) -> World:
    ws = tmp_path / "w.sqlite"
    shutil.copy(template.ws, ws)
    return World(
        template.net, template.other_net, ws, template.territory, template.new_link, tmp_path
    )


def invoke(*args: object, env: dict[str, str] | None = None):
    return CliRunner().invoke(main, [str(a) for a in args], catch_exceptions=False, env=env)


def one_line(result, *names: object, code: int = 2) -> str:
    """The single stderr line of a failed run, checked to name every path of `names`."""
    assert result.exit_code == code, (result.exit_code, result.stdout, result.stderr)
    lines = result.stderr.splitlines()
    assert len(lines) == 1, result.stderr
    assert "Traceback" not in result.stderr
    for name in names:
        assert str(name) in lines[0], (name, lines[0])
    return lines[0]


def snapshot_of(path: Path) -> dict[str, bytes]:
    """Every file under `path` (or `path` itself) and its bytes."""
    if path.is_file():
        return {path.name: path.read_bytes()}
    return {
        str(p.relative_to(path)): p.read_bytes() for p in sorted(path.rglob("*")) if p.is_file()
    }


def workspace_state(path: Path) -> tuple:
    with Workspace(path) as ws:
        assert ws.integrity_check() == "ok"
        journal = ws.connection.execute("SELECT COUNT(*) FROM journal").fetchone()[0]
        snapshots = ws.connection.execute("SELECT COUNT(*) FROM snapshots").fetchone()[0]
        return (ws.count("structures"), ws.count("links"), journal, snapshots)


@contextlib.contextmanager
def write_protected(folder: Path) -> Iterator[None]:
    """Nobody can create or replace a file in `folder` while inside."""
    if os.geteuid() != 0:
        folder.chmod(0o555)
        try:
            yield
        finally:
            folder.chmod(0o755)
        return
    try:
        done = subprocess.run(["chattr", "+i", str(folder)], capture_output=True)
    except FileNotFoundError:
        done = None
    if done is None or done.returncode != 0:
        pytest.skip("as root, a folder is write-protected with chattr +i, refused here")
    try:
        yield
    finally:
        subprocess.run(["chattr", "-i", str(folder)], check=True)


def _no_space(fd: int) -> None:
    raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))


_real_connect = Workspace._connect


def _full_disk_connect(path, timeout):
    """A file that cannot grow: SQLite itself reports SQLITE_FULL at the first new page."""
    conn = _real_connect(path, timeout)
    pages = conn.execute("PRAGMA page_count").fetchone()[0]
    conn.execute(f"PRAGMA max_page_count = {max(pages, 1)}")
    return conn


class _FullDiskConnection:
    """A connection whose writing statements fail with SQLite's full-disk error.

    An edit of one row fits in the free space of an existing page, so the page limit of
    `_full_disk_connect` does not stop it; this stands for a disk with no room for the
    -wal file (SQLITE_FULL, as SQLite raises it)."""

    def __init__(self, conn: sqlite3.Connection) -> None:
        self._conn = conn

    def execute(self, sql: str, *args):
        if sql.lstrip().split(None, 1)[0].upper() in ("INSERT", "UPDATE", "DELETE", "REPLACE"):
            error = sqlite3.OperationalError("database or disk is full")
            error.sqlite_errorcode = 13  # SQLITE_FULL
            error.sqlite_errorname = "SQLITE_FULL"
            raise error
        return self._conn.execute(sql, *args)

    def __getattr__(self, name: str):
        return getattr(self._conn, name)


def _no_room_for_edits_connect(path, timeout):
    return _FullDiskConnection(_real_connect(path, timeout))


def _read_only_connect(path, timeout):
    return sqlite3.connect(f"file:{path}?mode=ro", uri=True, timeout=timeout, isolation_level=None)


# --- outputs: --out (and init's --file) ------------------------------------------------


def _sirene_files(world: World) -> tuple[Path, Path]:
    """SIRENE stock files in INSEE's schema (tests/sirene/sirene_fixtures.py), written once."""
    import sirene_fixtures

    folder = world.tmp / "sirene"
    if not folder.is_dir():
        folder.mkdir()
        sirene_fixtures.write_files(folder, clean=True)
    return folder / "StockUniteLegale_utf8.csv", folder / "StockEtablissement_utf8.csv"


@dataclass(frozen=True)
class Output:
    command: str
    kind: str  # "folder" or "file"
    suffix: str
    args: Callable[[World, Path], list]

    def __str__(self) -> str:
        return f"{self.command}[{self.kind}]"


OUTPUTS = [
    Output(
        "survey links",
        "file",
        ".csv",
        lambda w, o: ["survey", "--file", w.ws, "links", "enquete", "--reissue", "--out", o],
    ),
    Output(
        "survey reminders",
        "file",
        ".csv",
        lambda w, o: ["survey", "--file", w.ws, "reminders", "enquete", "--out", o],
    ),
    Output("demo", "folder", "", lambda w, o: ["demo", "--structures", 20, "--out", o]),
    Output(
        "demo",
        "file",
        ".xlsx",
        lambda w, o: ["demo", "--structures", 20, "--format", "xlsx", "--out", o],
    ),
    Output(
        "metrics",
        "folder",
        "",
        lambda w, o: ["metrics", w.net, "--permutations", 2, "--opportunities", 5, "--out", o],
    ),
    Output("export", "file", ".gexf", lambda w, o: ["export", w.net, "--out", o]),
    Output(
        "report",
        "file",
        ".html",
        lambda w, o: ["report", w.net, "--territory", w.territory, "--out", o],
    ),
    Output(
        "report",
        "file",
        ".docx",
        lambda w, o: ["report", w.net, "--territory", w.territory, "--out", o],
    ),
    Output(
        "import sirene",
        "folder",
        "",
        lambda w, o: [
            *("import", "sirene", "--unites", _sirene_files(w)[0]),
            *("--etablissements", _sirene_files(w)[1], "--out", o),
        ],
    ),
    Output(
        "workspace export",
        "folder",
        "",
        lambda w, o: ["workspace", "--file", w.ws, "export", "--out", o],
    ),
    Output(
        "workspace export",
        "file",
        ".xlsx",
        lambda w, o: ["workspace", "--file", w.ws, "export", "--format", "xlsx", "--out", o],
    ),
    Output("workspace init", "file", ".sqlite", lambda w, o: ["workspace", "--file", o, "init"]),
    Output(
        "workspace views export",
        "file",
        ".json",
        lambda w, o: ["workspace", "--file", w.ws, "views", "export", "--out", o],
    ),
]
_CREATES = {"workspace init"}  # refuses an existing target: no "previous output" to keep


@pytest.mark.parametrize("output", OUTPUTS, ids=str)
def test_an_out_of_the_wrong_kind_is_one_line(world, output):
    out = world.tmp / f"out{output.suffix}"
    if output.kind == "folder":
        out.write_text("a file where a folder is expected\n")
    else:
        out.mkdir()
    line = one_line(invoke(*output.args(world, out)), out)
    assert out.is_dir() if output.kind == "file" else out.read_text().startswith("a file")
    assert "dossier" in line or "fichier" in line


@pytest.mark.parametrize("output", [o for o in OUTPUTS if o.kind == "file"], ids=str)
def test_an_out_that_is_a_pipe_or_device_is_refused_not_replaced(world, output):
    # Our writers rename a temporary file over the target: as root, `--out /dev/null`
    # would put a regular file in place of the device. A named pipe stands for it here.
    out = world.tmp / f"out{output.suffix}"
    os.mkfifo(out)
    line = one_line(invoke(*output.args(world, out)), out)
    assert "tube" in line
    assert out.is_fifo()


@pytest.mark.parametrize("output", OUTPUTS, ids=str)
def test_an_out_under_a_file_is_one_line(world, output):
    blocker = world.tmp / "blocker"
    blocker.write_text("x")
    out = blocker / "sub" / f"out{output.suffix}"
    line = one_line(invoke(*output.args(world, out)), out)
    assert "blocker" in line


@pytest.mark.parametrize("output", OUTPUTS, ids=str)
def test_a_write_protected_out_is_one_line_and_the_previous_output_stays(world, output):
    folder = world.tmp / "protected"
    folder.mkdir()
    out = folder / f"out{output.suffix}"
    before = {}
    if output.command not in _CREATES:
        assert invoke(*output.args(world, out)).exit_code == 0
        before = snapshot_of(out)
    # A folder output is written into `out` itself; a file output beside it.
    with write_protected(out if output.kind == "folder" else folder):
        result = invoke(*output.args(world, out))
    line = one_line(result, out)
    assert "permission refusée" in line or "protégé en écriture" in line  # init: SQLite's
    if before:
        assert snapshot_of(out) == before
    else:
        assert not out.exists()


@pytest.mark.parametrize("output", OUTPUTS, ids=str)
def test_a_full_disk_is_one_line_and_the_previous_output_stays(world, output, monkeypatch):
    out = world.tmp / f"out{output.suffix}"
    before = {}
    if output.command not in _CREATES:
        assert invoke(*output.args(world, out)).exit_code == 0
        before = snapshot_of(out)
        monkeypatch.setattr(os, "fsync", _no_space)
    else:
        monkeypatch.setattr(Workspace, "_connect", staticmethod(_full_disk_connect))
    line = one_line(invoke(*output.args(world, out)), out)
    assert "plus de place sur le disque" in line
    if before:
        assert snapshot_of(out) == before
        assert not [p for p in out.parent.rglob(".*.tmp")]  # staged files removed
    else:
        assert not out.exists()


@pytest.mark.parametrize("output", OUTPUTS[2:4], ids=str)
def test_the_line_is_english_with_lang_en(world, output, monkeypatch):
    out = world.tmp / f"out{output.suffix}"
    monkeypatch.setattr(os, "fsync", _no_space)
    french = one_line(invoke(*output.args(world, out)), out)
    english = one_line(invoke(*output.args(world, out), "--lang", "en"), out)
    assert french != english
    assert "no space left" in english
    assert not any(word in english for word in FRENCH), english


# --- workspaces ---------------------------------------------------------------------


@dataclass(frozen=True)
class UsesWorkspace:
    command: str
    writes: bool
    args: Callable[[World, Path], list]

    def __str__(self) -> str:
        return self.command


def _ws(rest):
    return lambda w, f: ["workspace", "--file", f, *rest(w)]


def _views_file(w: World) -> Path:
    """A views file of one view, for `workspace views import`."""
    from ess_graph.views import SavedView, views_to_json

    path = w.tmp / "vues.json"
    path.write_text(views_to_json([SavedView("Région", scale="pole")]), encoding="utf-8")
    return path


def _survey(rest):
    return lambda w, f: ["survey", "--file", f, *rest(w)]


WORKSPACE_USERS = [
    UsesWorkspace("survey open", True, _survey(lambda w: ["open", "autre", "--all"])),
    UsesWorkspace(
        "survey links",
        True,
        _survey(lambda w: ["links", "enquete", "--reissue", "--out", w.tmp / "inv.csv"]),
    ),
    UsesWorkspace("survey close", True, _survey(lambda w: ["close", "enquete"])),
    UsesWorkspace("survey apply", True, _survey(lambda w: ["apply", "enquete", "--by", "Bob"])),
    UsesWorkspace("survey list", False, _survey(lambda w: ["list"])),
    UsesWorkspace("survey status", False, _survey(lambda w: ["status", "enquete"])),
    UsesWorkspace(
        "survey reminders",
        False,
        _survey(lambda w: ["reminders", "enquete", "--out", w.tmp / "r.csv"]),
    ),
    UsesWorkspace(
        "workspace import", True, _ws(lambda w: ["import", w.other_net, "--yes", "--by", "Bob"])
    ),
    UsesWorkspace(
        "workspace import-sirene",
        True,
        _ws(
            lambda w: [
                *("import-sirene", "--unites", _sirene_files(w)[0]),
                *("--etablissements", _sirene_files(w)[1], "--yes", "--by", "Bob"),
            ]
        ),
    ),
    UsesWorkspace(
        "workspace add-link",
        True,
        _ws(lambda w: ["add-link", *w.new_link, "--kind", "pooling", "--by", "Bob"]),
    ),
    UsesWorkspace("workspace undo", True, _ws(lambda w: ["undo", "--by", "Anne"])),
    UsesWorkspace("workspace snapshot", True, _ws(lambda w: ["snapshot", "apres", "--by", "Bob"])),
    UsesWorkspace("workspace log", False, _ws(lambda w: ["log"])),
    UsesWorkspace("workspace diff", False, _ws(lambda w: ["diff", "avant", "now"])),
    UsesWorkspace("workspace export", False, _ws(lambda w: ["export", "--out", w.tmp / "exp"])),
    UsesWorkspace("workspace views list", False, _ws(lambda w: ["views", "list"])),
    UsesWorkspace(
        "workspace views export",
        False,
        _ws(lambda w: ["views", "export", "--out", w.tmp / "v.json"]),
    ),
    UsesWorkspace(
        "workspace views import",
        True,
        _ws(lambda w: ["views", "import", _views_file(w), "--by", "Bob"]),
    ),
    UsesWorkspace(
        "metrics",
        False,
        lambda w, f: [
            "metrics",
            f,
            "--permutations",
            2,
            "--opportunities",
            5,
            "--out",
            w.tmp / "m",
        ],
    ),
    UsesWorkspace("export", False, lambda w, f: ["export", f, "--out", w.tmp / "g.json"]),
    UsesWorkspace(
        "report",
        False,
        lambda w, f: ["report", f, "--territory", w.territory, "--out", w.tmp / "r.html"],
    ),
    # --survey reads a campaign from the same workspace file, after its network.
    UsesWorkspace(
        "metrics --survey",
        False,
        lambda w, f: [
            "metrics",
            f,
            "--permutations",
            2,
            "--opportunities",
            5,
            "--survey",
            "enquete",
            "--out",
            w.tmp / "m",
        ],
    ),
    UsesWorkspace(
        "report --survey",
        False,
        lambda w, f: [
            "report",
            f,
            "--territory",
            w.territory,
            "--survey",
            "enquete",
            "--out",
            w.tmp / "r.html",
        ],
    ),
]
WRITERS = [u for u in WORKSPACE_USERS if u.writes]


def test_each_workspace_case_works_on_a_sound_workspace(world):
    # Otherwise the failures below could come from the arguments, not the situation.
    for user in WORKSPACE_USERS:
        result = invoke(*user.args(world, world.ws))
        assert result.exit_code == 0, (user.command, result.stderr)


def _set_format_version(path: Path, value: str) -> None:
    conn = sqlite3.connect(path)
    conn.execute("UPDATE meta SET value = ? WHERE key = 'format_version'", [value])
    conn.commit()
    conn.close()


@pytest.mark.parametrize("user", WORKSPACE_USERS, ids=str)
def test_a_workspace_of_a_newer_version_is_refused_and_untouched(world, user):
    _set_format_version(world.ws, "7")
    before = world.ws.read_bytes()
    line = one_line(invoke(*user.args(world, world.ws)), world.ws)
    assert "format 7" in line and f"format {FORMAT_VERSION}" in line and "plus récente" in line
    assert world.ws.read_bytes() == before


@pytest.mark.parametrize(
    "content",
    [b"id,name\ns1,Alpha\n", b"SQLite format 3\x00" + bytes(200)],
    ids=["text", "damaged"],
)
@pytest.mark.parametrize("user", WORKSPACE_USERS, ids=str)
def test_a_sqlite_file_that_is_no_workspace_is_one_line(world, user, content):
    fake = world.tmp / "fake.sqlite"
    fake.write_bytes(content)
    line = one_line(invoke(*user.args(world, fake)), fake)
    assert "espace de travail" in line
    assert fake.read_bytes() == content


@pytest.mark.parametrize(
    "user", [u for u in WORKSPACE_USERS if u.command.startswith("workspace")], ids=str
)
def test_a_missing_workspace_or_a_folder_is_one_line(world, user):
    missing = world.tmp / "nope.sqlite"
    one_line(invoke(*user.args(world, missing)), missing)
    assert not missing.exists()
    one_line(invoke(*user.args(world, world.tmp)), world.tmp)


@pytest.mark.parametrize("user", WORKSPACE_USERS, ids=str)
def test_a_read_only_workspace_is_read_but_not_written(world, user, monkeypatch):
    before = workspace_state(world.ws)
    monkeypatch.setattr(Workspace, "_connect", staticmethod(_read_only_connect))
    result = invoke(*user.args(world, world.ws))
    if user.writes:
        line = one_line(result, world.ws)
        assert "lecture seule" in line
    else:
        assert result.exit_code == 0, result.stderr
    monkeypatch.undo()
    assert workspace_state(world.ws) == before


@pytest.mark.parametrize("user", WRITERS, ids=str)
def test_a_full_disk_leaves_the_workspace_as_it_was(world, user, monkeypatch):
    before = workspace_state(world.ws)
    monkeypatch.setattr(Workspace, "_connect", staticmethod(_no_room_for_edits_connect))
    line = one_line(invoke(*user.args(world, world.ws)), world.ws)
    assert "plus de place sur le disque" in line
    args = user.args(world, world.ws)
    english = one_line(invoke(args[0], "--lang", "en", *args[1:]))
    assert "no space left" in english
    monkeypatch.undo()
    assert workspace_state(world.ws) == before


# --- inputs: a network path ------------------------------------------------------------


@dataclass(frozen=True)
class Reads:
    command: str
    args: Callable[[World, Path], list]
    #: exit status when the path holds no readable table: validate lists data errors (1)
    unreadable_code: int = 2

    def __str__(self) -> str:
        return self.command


READERS = [
    Reads("validate", lambda w, p: ["validate", p], unreadable_code=1),
    Reads(
        "metrics",
        lambda w, p: [
            "metrics",
            p,
            "--permutations",
            2,
            "--opportunities",
            5,
            "--out",
            w.tmp / "m",
        ],
    ),
    Reads("export", lambda w, p: ["export", p, "--out", w.tmp / "g.gexf"]),
    Reads(
        "report", lambda w, p: ["report", p, "--territory", w.territory, "--out", w.tmp / "r.html"]
    ),
    Reads(
        "report --compare",
        lambda w, p: [
            "report",
            w.net,
            "--territory",
            w.territory,
            "--compare",
            p,
            "--out",
            w.tmp / "r.html",
        ],
    ),
    Reads(
        "workspace import",
        lambda w, p: ["workspace", "--file", w.ws, "import", p, "--yes", "--by", "Bob"],
    ),
]


def _unreadable_inputs(tmp: Path) -> dict[str, Path]:
    (tmp / "no_tables").mkdir()
    (tmp / "no_tables" / "notes.txt").write_text("nothing here\n")
    (tmp / "binary.xlsx").write_bytes(bytes(range(256)) * 16)
    (tmp / "damaged.xlsx").write_bytes(b"PK\x03\x04" + b"\x00" * 64 + b"not a zip")
    return {
        "folder without tables": tmp / "no_tables",
        "binary .xlsx": tmp / "binary.xlsx",
        "damaged .xlsx": tmp / "damaged.xlsx",
    }


@pytest.mark.parametrize("reader", READERS, ids=str)
def test_a_missing_or_foreign_input_is_one_line(world, reader):
    missing = world.tmp / "nowhere"
    one_line(invoke(*reader.args(world, missing)), missing)
    foreign = world.tmp / "notes.pdf"
    foreign.write_bytes(b"%PDF-1.4\n")
    one_line(invoke(*reader.args(world, foreign)), foreign)


SURVEY_READERS = {
    "metrics": lambda w, p: ["metrics", p, "--survey", "enquete", "--out", w.tmp / "m"],
    "report": lambda w, p: [
        *("report", p, "--territory", w.territory, "--survey", "enquete"),
        *("--out", w.tmp / "r.html"),
    ],
}


@pytest.mark.parametrize("command", sorted(SURVEY_READERS))
def test_survey_on_a_path_that_is_no_workspace_is_one_line(world, command):
    # --survey reads the campaign from the workspace PATH: a network folder, a workbook
    # or any other file is refused before reading; a missing path is the reader's line.
    args = SURVEY_READERS[command]
    foreign = world.tmp / "notes.pdf"
    foreign.write_bytes(b"%PDF-1.4\n")
    for path in (world.net, foreign, world.tmp / "nowhere", world.tmp / "nope.sqlite"):
        line = one_line(invoke(*args(world, path)), path)
        if path.exists():
            assert "--survey" in line and "espace de travail" in line
    assert not (world.tmp / "m").exists() and not (world.tmp / "r.html").exists()
    # an unknown campaign in a sound workspace: one line listing the known ones
    unknown = [a if a != "enquete" else "nope" for a in args(world, world.ws)]
    line = one_line(invoke(*unknown))
    assert "« nope »" in line and "« enquete »" in line


@pytest.mark.parametrize("reader", READERS, ids=str)
def test_an_input_with_nothing_readable_is_one_line(world, reader):
    before = workspace_state(world.ws)
    for what, path in _unreadable_inputs(world.tmp).items():
        result = invoke(*reader.args(world, path))
        if reader.unreadable_code == 1:  # validate: its problems are its answer
            assert result.exit_code == 1, (what, result.stdout)
            continue
        line = one_line(result, path)
        assert "rien n'a pu être lu" in line, what
    assert workspace_state(world.ws) == before  # nothing was imported


def test_the_app_refuses_a_missing_network_in_one_line(world):
    missing = world.tmp / "nowhere"
    one_line(invoke("app", missing), missing)
    blocker = world.tmp / "blocker"
    blocker.write_text("x")
    one_line(invoke("app", world.net, "--workspace", blocker / "w.sqlite"), blocker)


# --- the guard, for every command ---------------------------------------------------


def command_paths(group: click.Group = main, prefix: tuple[str, ...] = ()) -> list[tuple]:
    found = []
    for name, command in sorted(group.commands.items()):
        if isinstance(command, click.Group):
            found += command_paths(command, (*prefix, name))
        else:
            found.append(((*prefix, name), command))
    return found


def _sample(param: click.Parameter) -> str:
    if isinstance(param.type, click.Choice):
        return str(param.type.choices[0])
    if isinstance(param.type, click.types.IntParamType):
        return "1"
    return "x"


def minimal_args(command: click.Command) -> list[str]:
    """Arguments that get past click's parsing: each required parameter given once."""
    args: list[str] = []
    for param in command.params:
        if isinstance(param, click.Argument) and param.required:
            args.append(_sample(param))
        elif isinstance(param, click.Option) and param.required:
            args += [param.opts[0], _sample(param)]
    return args


def _invocation(path: tuple[str, ...], command: click.Command) -> list[str]:
    args: list[str] = []
    group: click.Group = main
    for name in path[:-1]:
        group = group.commands[name]  # type: ignore[assignment]
        args += [name, *minimal_args(group)]
    return [*args, path[-1], *minimal_args(command)]


COMMANDS = command_paths()


@pytest.mark.parametrize("path,command", COMMANDS, ids=[" ".join(p) for p, _ in COMMANDS])
def test_an_unexpected_error_in_any_command_is_one_line_asking_for_a_report(
    path, command, monkeypatch
):
    def broken(*args, **kwargs):
        raise RuntimeError("boom\n\x1b[2Jcleared")

    monkeypatch.setattr(command, "callback", broken)
    monkeypatch.delenv("ESS_GRAPH_DEBUG", raising=False)
    line = one_line(invoke(*_invocation(path, command)))
    assert line.startswith("erreur interne : RuntimeError: boom")
    assert "signalez-la" in line and "\x1b" not in line and "\\x1b" in line


def test_debug_shows_the_traceback_then_the_line(monkeypatch):
    (path, command) = next((p, c) for p, c in COMMANDS if p == ("validate",))

    def broken(*args, **kwargs):
        raise RuntimeError("boom")

    monkeypatch.setattr(command, "callback", broken)
    result = invoke(*_invocation(path, command), "--lang", "en", env={"ESS_GRAPH_DEBUG": "1"})
    assert result.exit_code == 2
    assert "Traceback" in result.stderr and 'raise RuntimeError("boom")' in result.stderr
    assert result.stderr.splitlines()[-1].startswith("internal error: RuntimeError: boom")


def test_usage_errors_and_data_errors_keep_their_exit_status(world):
    assert invoke("metrics").exit_code == 2  # click's usage error
    assert "Usage" in invoke("metrics").stderr
    broken = world.tmp / "broken"
    shutil.copytree(world.net, broken)
    with (broken / "links.csv").open("a", encoding="utf-8") as f:
        f.write("s0001,nobody,pooling,2009,1,confirmed,,\n")
    assert invoke("validate", broken).exit_code == 1


def test_every_command_meets_its_hostile_situations():
    """A new command must be added to the cases above: every command is guarded (the
    unexpected-error test covers it by itself), a command with --out must be in OUTPUTS,
    one taking a network PATH in READERS, a workspace command in WORKSPACE_USERS or
    OUTPUTS."""
    names = {" ".join(path) for path, _ in COMMANDS}
    assert names >= {"validate", "demo", "metrics", "export", "report", "app", "workspace log"}
    outputs = {o.command for o in OUTPUTS}
    readers = {r.command.split(" --")[0] for r in READERS} | {"app"}  # app: see its test
    workspace = {u.command.split(" --")[0] for u in WORKSPACE_USERS} | {"workspace init"}
    for path, command in COMMANDS:
        name = " ".join(path)
        params = {p.name for p in command.params}
        if "out" in params:
            assert name in outputs, f"{name} writes --out: add it to OUTPUTS"
        if "path" in params:
            assert name in readers, f"{name} reads a network: add it to READERS"
        if path[0] in ("workspace", "survey"):
            assert name in workspace, f"{name} opens a workspace: add it to WORKSPACE_USERS"
    assert outputs | readers | workspace <= names


# --- the real program ---------------------------------------------------------------


def _program() -> list[str]:
    script = Path(sys.executable).with_name("ess-graph")
    return [str(script)] if script.exists() else [sys.executable, "-m", "ess_graph.cli"]


NOBODY = 65534


@pytest.fixture
def shared_tmp() -> Iterator[Path]:
    """A folder the unprivileged user can reach (pytest's tmp_path is private to root)."""
    folder = Path(tempfile.mkdtemp(prefix="ess_graph_failures_"))
    folder.chmod(0o755)
    yield folder
    for p in [folder, *folder.rglob("*")]:
        with contextlib.suppress(OSError):
            p.chmod(0o755 if p.is_dir() else 0o644)
    shutil.rmtree(folder, ignore_errors=True)


def run(*args: object, unprivileged: bool = False, env: dict | None = None, code: int = 2):
    """Run ess-graph; with `unprivileged`, as `nobody` when the tests run as root (file
    modes then stop it as they stop a person)."""
    full_env = {**os.environ, **(env or {})}
    prefix: list[str] = []
    if unprivileged and os.geteuid() == 0:
        # setpriv rather than subprocess's user=: the venv's interpreter may be a link
        # into root's home, which exec refuses to follow for nobody (setpriv copes).
        if shutil.which("setpriv") is None:
            pytest.skip("running as root without setpriv: cannot drop privileges")
        prefix = ["setpriv", f"--reuid={NOBODY}", f"--regid={NOBODY}", "--clear-groups"]
        full_env["HOME"] = "/tmp"
    done = subprocess.run(
        [*prefix, *_program(), *map(str, args)],
        capture_output=True,
        text=True,
        env=full_env,
        cwd=ROOT,
        timeout=300,
    )
    assert done.returncode == code, (done.returncode, done.stdout, done.stderr)
    return done


def _owned_by_runner(*paths: Path) -> None:
    if os.geteuid() == 0:
        for p in paths:
            os.chown(p, NOBODY, NOBODY)


def assert_one_line(stderr: str, *names: object) -> str:
    lines = stderr.splitlines()
    assert len(lines) == 1 and "Traceback" not in stderr, stderr
    for name in names:
        assert str(name) in lines[0], (name, lines[0])
    return lines[0]


@pytest.mark.slow
def test_real_permissions_each_give_one_line(template, shared_tmp):
    """Unwritable --out, a 0444 workspace (read works, writing is refused), a workspace in
    a 0555 folder (SQLite cannot make its -wal/-shm: refused), init there, an import of a
    0000 workbook, a 0000 folder to validate: each one line naming the path, exit 2."""
    net = shared_tmp / "net"
    shutil.copytree(template.net, net)
    locked = shared_tmp / "locked"
    locked.mkdir()
    ro_file = shared_tmp / "ro" / "w.sqlite"
    ro_file.parent.mkdir()
    shutil.copy(template.ws, ro_file)
    shutil.copy(template.ws, locked / "w.sqlite")
    secret = shared_tmp / "secret.xlsx"
    assert invoke("demo", "--structures", 20, "--format", "xlsx", "--out", secret).exit_code == 0
    _owned_by_runner(locked, locked / "w.sqlite", ro_file.parent, ro_file, secret)
    ro_file.chmod(0o444)
    locked.chmod(0o555)
    secret.chmod(0o000)
    before = hashlib.sha256(ro_file.read_bytes()).hexdigest()

    out = locked / "metrics"
    line = assert_one_line(run("metrics", net, "--out", out, unprivileged=True).stderr, out)
    assert "permission refusée" in line
    line = assert_one_line(
        run(
            "workspace",
            "--file",
            ro_file,
            "--lang",
            "en",
            "add-link",
            *template.new_link,
            "--kind",
            "pooling",
            "--by",
            "Bob",
            unprivileged=True,
        ).stderr,
        ro_file,
    )
    assert "read-only" in line
    run("workspace", "--file", ro_file, "log", unprivileged=True, code=0)
    assert hashlib.sha256(ro_file.read_bytes()).hexdigest() == before
    line = assert_one_line(
        run("workspace", "--file", locked / "w.sqlite", "log", unprivileged=True).stderr,
        locked / "w.sqlite",
    )
    assert "lecture seule" in line
    new = locked / "new.sqlite"
    assert_one_line(run("workspace", "--file", new, "init", unprivileged=True).stderr, new)
    mine = shared_tmp / "mine"  # the runner's own folder: SQLite can make its -wal there
    mine.mkdir()
    work = mine / "work.sqlite"
    shutil.copy(template.ws, work)
    _owned_by_runner(mine, work)
    assert_one_line(
        run("workspace", "--file", work, "import", secret, "--yes", unprivileged=True).stderr,
        secret,
    )
    assert not out.exists() and not new.exists()
    hidden = shared_tmp / "hidden"
    shutil.copytree(template.net, hidden)
    hidden.chmod(0o000)
    line = assert_one_line(run("validate", hidden, unprivileged=True).stderr, hidden)
    assert "lecture impossible" in line


@pytest.mark.slow
def test_the_real_program_prints_one_line_for_a_foreign_and_a_newer_workspace(template, tmp_path):
    fake = tmp_path / "notes.sqlite"
    fake.write_text("id,name\n")
    assert_one_line(run("metrics", fake, "--out", tmp_path / "m").stderr, fake)
    newer = tmp_path / "newer.sqlite"
    shutil.copy(template.ws, newer)
    _set_format_version(newer, "7")
    before = newer.read_bytes()
    line = assert_one_line(run("workspace", "--file", newer, "--lang", "en", "log").stderr, newer)
    assert "newer" in line and "format 7" in line
    assert newer.read_bytes() == before


@pytest.mark.slow
def test_a_full_standard_output_is_one_line(template):
    with open("/dev/full", "w") as full:
        done = subprocess.run(
            [*_program(), "validate", str(template.net), "--lang", "en"],
            stdout=full,
            stderr=subprocess.PIPE,
            text=True,
            cwd=ROOT,
            timeout=300,
        )
    assert done.returncode == 2
    line = assert_one_line(done.stderr)
    assert line == "cannot write the standard output: no space left on the disk"


@pytest.mark.slow
def test_the_real_program_a_full_disk_and_a_bug(template, tmp_path):
    out = tmp_path / "g.gexf"
    patched = (
        "import errno, os, sys\n"
        "def full(fd): raise OSError(errno.ENOSPC, 'No space left on device')\n"
        "os.fsync = full\n"
        "import ess_graph.metrics as m\n"
        "if sys.argv[1] == 'metrics':\n"
        "    m.compute_metrics = lambda *a, **k: 1 / 0\n"
        "from ess_graph.cli import main\n"
        "main(prog_name='ess-graph')\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", patched, "export", str(template.net), "--out", str(out)],
        capture_output=True,
        text=True,
        cwd=ROOT,
        timeout=300,
    )
    assert done.returncode == 2
    line = assert_one_line(done.stderr, out)
    assert "plus de place sur le disque" in line and not out.exists()
    args = [
        sys.executable,
        "-c",
        patched,
        "metrics",
        str(template.net),
        "--out",
        str(tmp_path / "m"),
    ]
    done = subprocess.run(args, capture_output=True, text=True, cwd=ROOT, timeout=300)
    assert done.returncode == 2
    assert assert_one_line(done.stderr).startswith("erreur interne : ZeroDivisionError")
    debug = subprocess.run(
        args,
        capture_output=True,
        text=True,
        cwd=ROOT,
        timeout=300,
        env={**os.environ, "ESS_GRAPH_DEBUG": "1"},
    )
    assert debug.returncode == 2 and "Traceback (most recent call last)" in debug.stderr
    assert debug.stderr.splitlines()[-1].startswith("erreur interne : ZeroDivisionError")
