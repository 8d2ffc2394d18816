"""docs/DATA.md documents the whole contract: every table, column, vocabulary value, French
label the reader accepts, and problem code; its console example is real output."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

from click.testing import CliRunner

from ess_graph import schema
from ess_graph.cli import main

ROOT = Path(__file__).resolve().parents[2]
DATA_MD = ROOT / "docs" / "DATA.md"


def _ticked() -> set[str]:
    return set(re.findall(r"`([^`\n]+)`", DATA_MD.read_text(encoding="utf-8")))


def test_every_table_and_column_is_documented():
    ticked = _ticked()
    for table in schema.TABLES:
        assert table.name in ticked, table.name
        for column in (*table.names, *table.survey_names):
            assert column in ticked, f"{table.name}.{column}"


def test_every_vocabulary_value_and_accepted_label_is_documented():
    normalised = {schema.normalise_label(token) for token in _ticked()}
    for vocabulary, values in schema.VOCABULARIES.items():
        for value in values:
            assert value in normalised, (vocabulary, value)
        for alias in schema._ALIASES.get(vocabulary, {}):
            assert alias in normalised, (vocabulary, alias)


def test_documented_labels_are_accepted_by_the_reader():
    # every label in the "also accepted" column maps to the value on its row
    text = DATA_MD.read_text(encoding="utf-8")
    section = text[text.index("## 3. Vocabularies") : text.index("## 4. Problems")]
    vocabulary = ""
    checked = 0
    for row in section.splitlines():
        cells = [c.strip() for c in row.strip().strip("|").split("|")]
        if len(cells) != 3 or not cells[1].startswith("`"):
            continue
        vocabulary = cells[0].strip("`") or vocabulary
        value = cells[1].strip("`")
        for label in re.findall(r"`([^`]+)`", cells[2]):
            assert schema.canonical(vocabulary, label) == value, (vocabulary, label)
            checked += 1
    assert checked > 40


def test_every_problem_code_of_the_reader_is_documented():
    # the codes are the `problem.*` keys known once ess_graph.io.read is imported alone
    code = (
        "import ess_graph.io.read, ess_graph.i18n as i\n"
        "print('\\n'.join(k[8:] for k in i.keys() if k.startswith('problem.')))\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    # i18n.py's generic `link_endpoints_unusual` is not used: the reader has one message
    # per kind so that the French sentence names the expected types.
    codes = [c for c in out.stdout.split() if c != "link_endpoints_unusual"]
    assert "value_missing" in codes
    ticked = _ticked()
    missing = [c for c in codes if c not in ticked]
    assert missing == []


def test_console_example_is_real_output():
    text = DATA_MD.read_text(encoding="utf-8")
    block = text[text.index("```console") : text.index("```", text.index("```console") + 3)]
    lines = block.splitlines()[1:]
    command = lines[0].removeprefix("$ ess-graph ").split()
    result = CliRunner().invoke(main, [*command[:1], str(ROOT / command[1]), *command[2:]])
    shown = result.output.splitlines()
    for line in lines[1:]:
        if line != "…":
            assert line in shown, line


def test_every_table_and_header_name_people_type_is_documented_and_read():
    text = DATA_MD.read_text(encoding="utf-8")
    section = text[text.index("### 1.1 Names people type") : text.index("### 1.2")]
    documented: dict[tuple[str, str], set[str]] = {}
    tables: dict[str, set[str]] = {}
    for row in section.splitlines():
        cells = [c.strip() for c in row.strip().strip("|").split("|")]
        names = {schema.normalise_label(x) for x in re.findall(r"`([^`]+)`", cells[-1])}
        if len(cells) == 2 and cells[0].startswith("`"):
            tables[cells[0].strip("`")] = names
        elif len(cells) == 3 and cells[1].startswith("`"):
            every = cells[0].startswith("every table")
            heads = [t.name for t in schema.TABLES] if every else re.findall(r"`([^`]+)`", cells[0])
            for table in heads:
                for column in re.findall(r"`([^`]+)`", cells[1]):
                    documented.setdefault((table, column), set()).update(names)
    for table, aliases in schema.TABLE_ALIASES.items():
        for alias in aliases:
            assert alias in tables[table], (table, alias)
        for name in tables[table]:
            assert schema.table_named(name).name == table, (table, name)
    for table, columns in schema.COLUMN_ALIASES.items():
        for column, aliases in columns.items():
            known = documented.get((table, column), set())
            for alias in aliases:
                assert alias in known, (table, column, alias)
    for (table, column), names in documented.items():
        if table not in schema.TABLES_BY_NAME:
            continue
        t = schema.TABLES_BY_NAME[table]
        if column not in (*t.names, *t.survey_names):
            continue  # "every table with an id": only where the table has that column
        for name in names:
            assert schema.column_named(t, name) == column, (table, column, name)
