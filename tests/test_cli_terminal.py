"""What the commands print shows the control characters of the data escaped: no escape
sequence held by a cell reaches the terminal (issue 10, item 5)."""

from __future__ import annotations

import json
import re

from click.testing import CliRunner

from ess_graph.cli import main

#: Clears the screen; retitles the window (OSC ... BEL); a C1 CSI.
CLEAR = "\x1b[2J"
TITLE = "\x1b]0;pwned\x07"
CSI = "\x9b31m"
#: What a terminal may act on: C0 controls but tab and line feed, DEL, C1 controls.
RAW_CONTROL = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f]")

FILLER = "x" * 600  # today's reader calls a short file with a few controls "binary"


def _network(folder, *, name="Gamma", target="b", note=FILLER):
    folder.mkdir(parents=True, exist_ok=True)
    files = {
        "structures.csv": "id,name,family,sector,territory\n"
        "a,Alpha,association,culture,brest\n"
        "b,Beta,cooperative,culture,brest\n"
        f'c,"{name}",association,sport,brest\n',
        "poles.csv": "id,name,territory,status\n",
        "partners.csv": "id,name,kind\n",
        "links.csv": f"source,target,kind,note\na,{target},cooperation,{note}\nb,c,pooling,\n",
    }
    for file, text in files.items():
        (folder / file).write_text(text, encoding="utf-8")
    return folder


def _invoke(*args):
    return CliRunner().invoke(main, list(args), catch_exceptions=False)


def test_validate_shows_an_unknown_id_with_its_escapes_escaped(tmp_path):
    bad = f"z{CLEAR}{TITLE}{CSI}"
    folder = _network(tmp_path / "net", target=bad)
    result = _invoke("validate", str(folder), "--lang", "en")
    assert result.exit_code == 1
    assert RAW_CONTROL.search(result.output) is None
    # The id as Python writes it, from the input string: \x1b, \x07 and \x9b spelled out.
    assert r"z\x1b[2J\x1b]0;pwned\x07\x9b31m" in result.output
    assert len(result.output.strip().splitlines()) == 2  # one problem, one summary


def test_validate_json_escapes_them_and_gives_the_same_string_back(tmp_path):
    bad = f"z{CLEAR}{TITLE}{CSI}"
    folder = _network(tmp_path / "net", target=bad)
    result = _invoke("validate", str(folder), "--format", "json", "--lang", "en")
    assert RAW_CONTROL.search(result.output) is None
    assert "\\u009b" in result.output  # json.dumps alone leaves the C1 CSI raw
    (record,) = json.loads(result.output)
    assert bad in record["message"]


def test_metrics_problems_on_stderr_are_escaped(tmp_path):
    folder = _network(tmp_path / "net", target=f"z{CLEAR}")
    result = _invoke("metrics", str(folder), "--out", str(tmp_path / "m"), "--permutations", "0")
    assert result.exit_code == 0, result.output
    assert RAW_CONTROL.search(result.stderr) is None
    assert r"z\x1b[2J" in result.stderr


def test_workspace_log_and_diff_escape_names_and_who(tmp_path):
    ws = str(tmp_path / "w.sqlite")
    folder = _network(tmp_path / "net", name=f"Gamma{CLEAR}\nsecond line")

    def workspace(*args):
        result = _invoke("workspace", "--file", ws, "--lang", "en", *args)
        assert result.exit_code == 0, result.output
        assert RAW_CONTROL.search(result.output) is None, result.output
        return result.output

    workspace("init")
    workspace("snapshot", "empty")
    workspace("import", str(folder), "--yes", "--by", f"Anne{TITLE}")
    workspace("add-link", "a", "b", "--kind", "pooling", "--by", f"Bob{CLEAR}")
    log = workspace("log")
    assert r"Bob\x1b[2J" in log and r"Anne\x1b]0;pwned\x07" in log
    assert all(line.count("\t") == 4 for line in log.strip().splitlines())  # 5 columns
    diff = workspace("diff", "empty", "now")
    # The name's line break is shown, not followed: one line per structure joined.
    assert r"Gamma\x1b[2J\nsecond line" in diff
    assert "second line" not in diff.replace(r"\nsecond line", "")
