"""What the commands print shows the control characters of the data escaped: no escape
sequence held by the data reaches the terminal (issue 10, item 5).

The reader removes control characters from every cell; what it keeps as typed (a column
name, a name given on the command line, a file name) can still hold them, and every
message is escaped whatever its source.
"""

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
#: The reader cleans cells and header names; a file name is kept as the user gave it. This
#: one still names the links table (case, accents and punctuation aside) and holds an
#: ESC, a BEL and a C1 CSI.
LINKS_FILE = "Links\x1b\x07\x9b"


def _network(folder, *, name="Gamma", links_file="links"):
    folder.mkdir(parents=True, exist_ok=True)
    files = {
        "structures.csv": "id,name,family,sector,territory\n"
        "a,Alpha,association,culture,brest\n"
        "b,Beta,cooperative,culture,brest\n"
        f'c,"{name}",association,sport,brest\n',
        "poles.csv": "id,name,territory,status\n",
        "partners.csv": "id,name,kind\n",
        # a column typed twice: the reader warns, naming the file
        f"{links_file}.csv": "source,target,kind,note,note\na,b,cooperation,,\nb,c,pooling,,\n",
    }
    for file, text in files.items():
        (folder / file).write_text(text, encoding="utf-8")
    return folder


def _invoke(*args):
    return CliRunner().invoke(main, list(args), catch_exceptions=False)


def test_validate_shows_a_file_name_with_its_escapes_escaped(tmp_path):
    folder = _network(tmp_path / "net", links_file=LINKS_FILE)
    result = _invoke("validate", str(folder), "--lang", "en")
    assert result.exit_code == 0
    assert RAW_CONTROL.search(result.output) is None
    # The name as Python writes it, from the input string: \x1b, \x07 and \x9b spelled out.
    assert r"Links\x1b\x07\x9b:1 [note] warning" in result.output
    assert len(result.output.strip().splitlines()) == 2  # one problem, one summary


def test_validate_json_escapes_them_and_gives_the_same_string_back(tmp_path):
    folder = _network(tmp_path / "net", links_file=LINKS_FILE)
    result = _invoke("validate", str(folder), "--format", "json", "--lang", "en")
    assert RAW_CONTROL.search(result.output) is None
    assert "\\u009b" in result.output  # json.dumps alone leaves the C1 CSI raw
    (record,) = json.loads(result.output)
    assert record["file"] == LINKS_FILE


def test_metrics_problems_on_stderr_are_escaped(tmp_path):
    folder = _network(tmp_path / "net", links_file=LINKS_FILE)
    result = _invoke("metrics", str(folder), "--out", str(tmp_path / "m"), "--permutations", "0")
    assert result.exit_code == 0, result.output
    assert RAW_CONTROL.search(result.stderr) is None
    assert r"Links\x1b\x07" in result.stderr


def test_a_column_name_with_controls_is_cleaned_on_reading(tmp_path):
    folder = _network(tmp_path / "net")
    links = folder / "links.csv"
    links.write_text(f"source,target,kind,x{CLEAR}{TITLE}{CSI}\na,b,cooperation,\n")
    result = _invoke("validate", str(folder), "--lang", "en")
    assert RAW_CONTROL.search(result.output) is None
    assert "links:1 [x[2J]0;pwned31m] warning: control characters removed" in result.output


def test_workspace_log_and_diff_escape_names_and_who(tmp_path):
    ws = str(tmp_path / "w.sqlite")
    folder = _network(tmp_path / "net", name=f"Gamma{CLEAR}\nsecond line")

    def workspace(*args):
        result = _invoke("workspace", "--file", ws, "--lang", "en", *args)
        assert result.exit_code == 0, result.output
        assert RAW_CONTROL.search(result.output) is None, result.output
        return result.output

    workspace("init")
    assert r"empty\x1b[2J" in workspace("snapshot", f"empty{CLEAR}")
    workspace("import", str(folder), "--yes", "--by", f"Anne{TITLE}")
    workspace("add-link", "a", "b", "--kind", "pooling", "--by", f"Bob{CLEAR}")
    log = workspace("log")
    assert r"Bob\x1b[2J" in log and r"Anne\x1b]0;pwned\x07" in log
    assert all(line.count("\t") == 4 for line in log.strip().splitlines())  # 5 columns
    diff = workspace("diff", f"empty{CLEAR}", "now")
    assert r"From 'empty\x1b[2J' to 'now'" in diff
    # The reader removed the ESC of the name; its line break is shown, not followed:
    # one line per structure joined.
    assert r"Gamma[2J\nsecond line" in diff
    assert "second line" not in diff.replace(r"\nsecond line", "")


def test_a_path_in_a_failure_line_is_escaped(tmp_path):
    missing = _invoke("validate", str(tmp_path / f"nowhere{CLEAR}"), "--lang", "en")
    assert missing.exit_code == 2
    assert RAW_CONTROL.search(missing.output) is None
    assert r"nowhere\x1b[2J" in missing.output
    # An output folder under a file: the one line of the failure names the path.
    (tmp_path / "file.txt").write_text("x")
    folder = _network(tmp_path / "net")
    out = tmp_path / "file.txt" / f"out{TITLE}"
    failed = _invoke("metrics", str(folder), "--out", str(out), "--permutations", "0")
    assert failed.exit_code == 2
    assert RAW_CONTROL.search(failed.output) is None
    assert r"out\x1b]0;pwned\x07" in failed.output
