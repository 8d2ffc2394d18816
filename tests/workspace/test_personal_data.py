"""Personal data sitting in extra columns never leaves by default (issue 5)."""

from __future__ import annotations

import shutil

from click.testing import CliRunner

from ess_graph.cli import main
from ess_graph.io.read import read_network


def _network_with_contacts(tmp_path):
    folder = tmp_path / "net"
    shutil.copytree("data/demo", folder)
    text = (folder / "structures.csv").read_text(encoding="utf-8").splitlines()
    # two extra columns: one named like a contact, one whose values are e-mails
    text[0] += ",contact_name,remarque"
    for i in range(1, len(text)):
        text[i] += f",Personne {i},ecrire a p{i}@exemple.fr"
    (folder / "structures.csv").write_text("\n".join(text) + "\n", encoding="utf-8")
    return folder


def test_workspace_export_drops_contacts_unless_asked(tmp_path):
    ws = str(tmp_path / "w.sqlite")
    runner = CliRunner()
    assert runner.invoke(main, ["workspace", "--file", ws, "init"]).exit_code == 0
    source = _network_with_contacts(tmp_path)
    result = runner.invoke(
        main, ["workspace", "--file", ws, "import", str(source), "--yes", "--by", "t"]
    )
    assert result.exit_code == 0, result.output

    out = tmp_path / "out"
    result = runner.invoke(main, ["workspace", "--file", ws, "export", "--out", str(out)])
    assert result.exit_code == 0, result.output
    assert "contact_name" in result.output and "remarque" in result.output  # said
    text = (out / "structures.csv").read_text(encoding="utf-8")
    assert "Personne 1," not in text and "@exemple.fr" not in text
    exported = read_network(out)
    assert len(exported.structures) == 250  # every structure kept, only the columns left

    full = tmp_path / "full"
    result = runner.invoke(
        main, ["workspace", "--file", ws, "export", "--out", str(full), "--with-personal-data"]
    )
    assert result.exit_code == 0, result.output
    assert "p1@exemple.fr" in (full / "structures.csv").read_text(encoding="utf-8")
