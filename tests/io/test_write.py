"""Writers: schema order, number formatting, formula safety, atomicity, round trip."""

from __future__ import annotations

import csv
import io
import os
import signal
import subprocess
import sys
import time
import zipfile
from pathlib import Path

import defusedxml.ElementTree
import numpy as np
import openpyxl
import pandas as pd
import pytest

sys.path.insert(
    0, str(Path(__file__).parents[1])
)  # tests/hostile.py, whatever pytest's import mode
from hostile import BIG_CELLS, expected_back, forbidden_count, hostile_network, text_cells
from hostile import replaced as replaced_text

from ess_graph.io import write as W
from ess_graph.io.read import read_network
from ess_graph.network import Network
from ess_graph.safe_text import UNWRITABLE, Replacements
from ess_graph.schema import TABLES, TABLES_BY_NAME


def _text(values):
    return pd.Series(values, dtype=str)


def tricky_network(*, is_demo: bool = False) -> Network:
    """A small network typed as `read_network` returns it, with values that break writers:
    ids with leading zeros, "NA" as a name, accents, text starting with = + - @, quotes,
    separators and line breaks inside cells, missing numbers, non-round floats."""
    structures = pd.DataFrame(
        {
            "id": _text(["001", "002", "NA", "s4"]),
            "name": _text(["NA", '=HYPERLINK("x")', "Réso « solidaire », Brest", "+33 2 99"]),
            "family": _text(["association", "cooperative", "mutuelle", "fondation"]),
            "sector": _text(["culture", "culture", "sport", "sport"]),
            "territory": _text(["brest", "brest", "morlaix", "morlaix"]),
            "pole": _text(["p1", "", "p1", ""]),
            "commune": _text(["Plougastel-Daoulas", "", "-", "@home"]),
            "lat": [48.39, np.nan, 0.1 + 0.2, -4.0],
            "lon": [-4.486, np.nan, 1e-05, -4.123456789012345],
            "employees": pd.array([0, None, 12, 3], dtype="Int64"),
            "founded": pd.array([1901, 2009, None, 1990], dtype="Int64"),
            "remark": _text(['a "quoted" word', "line one\nline two", "tab\tinside", ""]),
        }
    )
    poles = pd.DataFrame(
        {
            "id": _text(["p1"]),
            "name": _text(["Pôle de l'Élorn"]),
            "territory": _text(["brest"]),
            "status": _text(["created"]),
            "created": pd.array([2004], dtype="Int64"),
        }
    )
    partners = pd.DataFrame(
        {
            "id": _text(["cg29"]),
            "name": _text(["Conseil général (CG29)"]),
            "kind": _text(["departement"]),
        }
    )
    links = pd.DataFrame(
        {
            "source": _text(["001", "002", "cg29", "001"]),
            "target": _text(["002", "NA", "001", "p1"]),
            "kind": _text(["cooperation", "pooling", "funding", "membership"]),
            "since": pd.array([2005, None, 2009, 2008], dtype="Int64"),
            "weight": [1.0, 0.5, 2.25, 3.0],
            "status": _text(["confirmed", "proposed", "confirmed", "confirmed"]),
            "source_of_information": _text(["survey", "", "convention", "declared"]),
            "note": _text(["=1+1", "-5", "", "ok, fine"]),
        }
    )
    territories = pd.DataFrame(
        {
            "id": _text(["brest", "morlaix"]),
            "name": _text(["Brest", "Morlaix"]),
            "department": _text(["29", "29"]),
            "lat": [48.39, 48.578],
            "lon": [-4.486, -3.828],
        }
    )
    sectors = pd.DataFrame({"id": _text(["culture", "sport"]), "name": _text(["Culture", "Sport"])})
    return Network(structures, poles, partners, links, territories, sectors, is_demo=is_demo)


# Formula safety ---------------------------------------------------------------------


def test_inert_text_frame_prefixes_text_cells_and_headers_but_not_numbers():
    frame = pd.DataFrame(
        {
            "label": _text(["=SUM(A1)", "+1", "-x", "@cmd", "\tx", "\rx", "plain", "", "a=b"]),
            "score": [-3.5, 1.0, -2.0, 0.0, 1.0, 1.0, 1.0, np.nan, 2.0],
            "mixed": pd.Series([-3.5, "-3.5", None, "ok", 1, "=1", "x", "", "y"], dtype=object),
            "=head": range(9),
        }
    )
    before = frame.copy()
    out = W.inert_text_frame(frame)
    # Each trigger of the issue (=, +, -, @, tab, carriage return) gets one leading '.
    assert out["label"].tolist() == [
        "'=SUM(A1)", "'+1", "'-x", "'@cmd", "'\tx", "'\rx", "plain", "", "a=b",
    ]  # fmt: skip
    # A numeric column keeps its numbers, negative ones included.
    assert out["score"].tolist()[:7] == [-3.5, 1.0, -2.0, 0.0, 1.0, 1.0, 1.0]
    assert out["score"].dtype == np.float64
    # In an object column only str cells are text: the float -3.5 stays a number.
    assert out["mixed"].tolist()[:6] == [-3.5, "'-3.5", None, "ok", 1, "'=1"]
    assert list(out.columns) == ["label", "score", "mixed", "'=head"]
    pd.testing.assert_frame_equal(frame, before)  # the input is not modified


def test_write_frames_csv_is_formula_safe_and_writes_numbers_plainly(tmp_path):
    frames = {
        "structures": pd.DataFrame(
            {
                "id": _text(["=1+1", "s2"]),
                "betweenness": [-3.5, 0.1],
                "degree": pd.array([3, None], dtype="Int64"),
                "since": [2009.0, np.nan],
                "ratio": [1 / 3, 1e20],
                "flag": [True, False],
            }
        ),
        "network": pd.DataFrame({"ties": [12], "density": [0.25]}),
    }
    paths = W.write_frames_csv(frames, tmp_path / "out")
    assert [p.name for p in paths] == ["structures.csv", "network.csv"]
    text = (tmp_path / "out" / "structures.csv").read_text(encoding="utf-8")
    # Expected lines written by hand: ' before the formula, -3.5 as a number, 3 not 3.0,
    # 2009 not 2009.0, empty cells for missing values, repr(1/3) for a non-round float.
    assert text.splitlines() == [
        "id,betweenness,degree,since,ratio,flag",
        f"'=1+1,-3.5,3,2009,{1 / 3!r},True",
        "s2,0.1,,,1e+20,False",  # beyond 2**53: shortest repr, which reads back
    ]
    assert (tmp_path / "out" / "network.csv").read_text() == "ties,density\n12,0.25\n"


def test_xlsx_frames_keep_numbers_as_numbers_and_text_inert(tmp_path):
    frames = {"gaps": pd.DataFrame({"name": _text(["=cmd|' /C calc'!A0", "ok"]), "v": [-3.5, 2.0]})}
    path = W.write_frames_xlsx(frames, tmp_path / "m.xlsx")
    sheet = openpyxl.load_workbook(path)["gaps"]
    rows = list(sheet.iter_rows(values_only=True))
    assert rows == [("name", "v"), ("'=cmd|' /C calc'!A0", -3.5), ("ok", 2)]
    kinds = [[c.data_type for c in row] for row in sheet.iter_rows()]
    assert kinds[1] == ["s", "n"]  # text cell and numeric cell, no formula ("f")
    same = openpyxl.load_workbook(io.BytesIO(W.frames_to_xlsx_bytes(frames)))["gaps"]
    assert list(same.iter_rows(values_only=True)) == rows


def test_csv_zip_bytes_holds_one_safe_file_per_frame():
    data = W.frames_to_csv_zip_bytes(
        {"a": pd.DataFrame({"x": _text(["@SUM(1)"])}), "b": pd.DataFrame({"y": [1.5]})}
    )
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        assert archive.namelist() == ["a.csv", "b.csv"]
        assert archive.read("a.csv").decode() == "x\n'@SUM(1)\n"
        assert archive.read("b.csv").decode() == "y\n1.5\n"


def test_bad_sheet_name_is_refused():
    with pytest.raises(ValueError, match="sheet"):
        W.frames_to_xlsx_bytes({"a/b": pd.DataFrame({"x": [1]})})


# Atomicity -------------------------------------------------------------------------------


def test_atomic_write_keeps_previous_file_when_the_write_fails_half_way(tmp_path, monkeypatch):
    target = tmp_path / "table.csv"
    target.write_text("old content\n")

    class Boom(RuntimeError):
        pass

    with pytest.raises(Boom), W.AtomicBatch() as batch, batch.open(target, "w") as handle:
        handle.write("new content, first half")
        raise Boom
    assert target.read_text() == "old content\n"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["table.csv"]  # no temp file left

    def failing_fsync(fd):
        raise OSError("disk full")

    monkeypatch.setattr(os, "fsync", failing_fsync)
    with pytest.raises(OSError, match="disk full"):
        W.atomic_write_text(target, "new content")
    assert target.read_text() == "old content\n"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["table.csv"]


def test_write_network_failing_half_way_leaves_every_previous_file(tmp_path, monkeypatch):
    folder = tmp_path / "net"
    W.write_network(tricky_network(), folder)
    before = {p.name: p.read_bytes() for p in folder.iterdir()}
    changed = tricky_network()
    changed.structures.loc[0, "name"] = "changed"
    real = W._csv_text
    calls = []

    def fail_on_third(frame, **kwargs):
        calls.append(1)
        if len(calls) == 3:  # structures and poles are staged, partners fails
            raise OSError("simulated failure")
        return real(frame, **kwargs)

    monkeypatch.setattr(W, "_csv_text", fail_on_third)
    with pytest.raises(OSError, match="simulated"):
        W.write_network(changed, folder)
    after = {p.name: p.read_bytes() for p in folder.iterdir()}
    assert after == before  # same files, same bytes, no temp file


def test_write_network_xlsx_failure_keeps_previous_workbook(tmp_path, monkeypatch):
    path = tmp_path / "net.xlsx"
    W.write_network(tricky_network(), path, format="xlsx")
    before = path.read_bytes()

    def fail(*args, **kwargs):
        raise OSError("simulated failure")

    monkeypatch.setattr(os, "replace", fail)
    with pytest.raises(OSError, match="simulated"):
        W.write_network(tricky_network(is_demo=True), path, format="xlsx")
    assert path.read_bytes() == before
    assert [p.name for p in tmp_path.iterdir()] == ["net.xlsx"]


def test_new_files_are_readable_by_others(tmp_path):
    # mkstemp creates 0o600 files; a written table must not stay private.
    W.atomic_write_text(tmp_path / "a.csv", "x\n")
    assert (tmp_path / "a.csv").stat().st_mode & 0o777 == 0o644


# write_network ----------------------------------------------------------------------


def test_write_network_follows_the_schema_order_then_extra_columns(tmp_path):
    net = tricky_network()
    net.partners = net.partners[["kind", "name", "id"]]  # columns out of order
    W.write_network(net, tmp_path)
    for table in TABLES:
        header = (tmp_path / f"{table.name}.csv").read_text(encoding="utf-8").splitlines()[0]
        expected = list(table.names) + (["remark"] if table.name == "structures" else [])
        assert header.split(",") == expected


def test_write_network_writes_numbers_without_spurious_digits(tmp_path):
    W.write_network(tricky_network(), tmp_path)
    lines = (tmp_path / "structures.csv").read_text(encoding="utf-8").splitlines()
    # Row 001: lat 48.39 (not 48.390000000000001), employees 0, founded 1901 (not 1901.0).
    assert lines[1].startswith(
        "001,NA,association,culture,brest,p1,Plougastel-Daoulas,48.39,-4.486,0,1901,"
    )
    # Row NA: 0.1 + 0.2 is written as repr gives it, so it reads back to the same float.
    assert f",{0.1 + 0.2!r},1e-05,12," in (tmp_path / "structures.csv").read_text()
    links = (tmp_path / "links.csv").read_text(encoding="utf-8").splitlines()
    # The notes "=1+1" and "-5" are text: written after a ' (the reader removes it); the
    # weight 0.5 and the year 2005 are numbers, never prefixed.
    assert links[1] == "001,002,cooperation,2005,1,confirmed,survey,'=1+1"
    assert links[2] == "002,NA,pooling,,0.5,proposed,,'-5"


@pytest.mark.parametrize("fmt", ["csv", "xlsx"])
def test_round_trip_gives_identical_tables(tmp_path, fmt):
    net = tricky_network()
    path = tmp_path / ("net.xlsx" if fmt == "xlsx" else "net")
    back = read_network(W.write_network(net, path, format=fmt))
    assert back.problems == []
    assert back.is_demo is False
    for name, frame in net.tables().items():
        pd.testing.assert_frame_equal(back.tables()[name], frame, obj=name)


def test_xlsx_network_text_starting_with_equals_is_text_not_formula(tmp_path):
    path = W.write_network(tricky_network(), tmp_path / "net.xlsx", format="xlsx")
    sheet = openpyxl.load_workbook(path)["structures"]
    cell = sheet["B3"]  # name of structure 002
    assert cell.value == '=HYPERLINK("x")'
    assert cell.data_type == "s"
    assert all(c.data_type != "f" for row in sheet.iter_rows() for c in row)


FORMULA_LIKE = ['=HYPERLINK("http://x","y")', "+1", "-x", "@SUM(A1)"]
#: Apostrophes in the text: "'=typed" is what the reader makes of a cell typed '=typed
#: in any file (it removes the ', ess_graph's mark of inert text); the others stay.
REMARKS = ["l'=ok", "'plain", "''+two", "'=typed"]
REMARKS_BACK = ["l'=ok", "'plain", "''+two", "=typed"]


def _formula_network() -> Network:
    net = tricky_network()
    net.structures["name"] = _text(FORMULA_LIKE)
    net.structures["remark"] = _text(REMARKS)
    net.structures["lat"] = [-4.25, -1.0, 0.5, -0.125]
    return net


def _as_read_back(net: Network) -> pd.DataFrame:
    expected = net.structures.copy()
    expected["remark"] = _text(REMARKS_BACK)
    return expected


def test_write_network_csv_prefixes_formula_like_text_and_reads_it_back(tmp_path):
    net = _formula_network()
    W.write_network(net, tmp_path)
    lines = (tmp_path / "structures.csv").read_text(encoding="utf-8").splitlines()
    # Expected cells written by hand from the input strings: one ' before text starting
    # with = + - @; the numbers -4.25 and -1 as they are.
    assert lines[1].startswith('001,"\'=HYPERLINK(""http://x"",""y"")",')
    assert lines[2].startswith("002,'+1,")
    assert lines[3].startswith("NA,'-x,")
    assert lines[4].startswith("s4,'@SUM(A1),")
    assert [line.split(",")[-5] for line in lines[1:]] == ["-4.25", "-1", "0.5", "-0.125"]
    assert [line.rsplit(",", 1)[1] for line in lines[1:]] == REMARKS  # no trigger first
    back = read_network(tmp_path)
    assert back.problems == []
    pd.testing.assert_frame_equal(back.structures, _as_read_back(net))


def test_xlsx_network_formula_like_cells_are_text_with_the_quote_prefix_style(tmp_path):
    net = _formula_network()
    path = W.write_network(net, tmp_path / "net.xlsx", format="xlsx")
    sheet = openpyxl.load_workbook(path)["structures"]
    names = [sheet.cell(row=r, column=2) for r in range(2, 6)]
    # The value is the text itself (no apostrophe), a string cell, shown and kept as text.
    assert [c.value for c in names] == FORMULA_LIKE
    assert [c.data_type for c in names] == ["s"] * 4
    assert [c.quotePrefix for c in names] == [True] * 4
    assert sheet.cell(row=2, column=1).quotePrefix is False  # the id 001 is plain text
    assert [sheet.cell(row=r, column=8).value for r in range(2, 6)] == [-4.25, -1, 0.5, -0.125]
    assert all(c.data_type != "f" for row in sheet.iter_rows() for c in row)
    back = read_network(path)
    assert back.problems == []
    pd.testing.assert_frame_equal(back.structures, _as_read_back(net))


def test_demo_notice_written_and_stale_notice_removed(tmp_path):
    folder = tmp_path / "net"
    W.write_network(tricky_network(is_demo=True), folder)
    notice = (folder / W.FICTIONAL_FILE).read_text(encoding="utf-8")
    assert "fictif" in notice and "fictional" in notice
    assert read_network(folder).is_demo is True
    W.write_network(tricky_network(is_demo=False), folder)
    assert not (folder / W.FICTIONAL_FILE).exists()
    assert read_network(folder).is_demo is False
    book = W.write_network(tricky_network(is_demo=True), tmp_path / "d.xlsx", format="xlsx")
    assert "fictional" in openpyxl.load_workbook(book).sheetnames
    assert read_network(book).is_demo is True


def test_unknown_format_is_refused(tmp_path):
    with pytest.raises(ValueError, match="format"):
        W.write_network(tricky_network(), tmp_path, format="ods")  # type: ignore[arg-type]


# Templates ---------------------------------------------------------------------------


def test_templates_have_the_schema_headers(tmp_path):
    W.write_templates(tmp_path)
    book = openpyxl.load_workbook(tmp_path / "template.xlsx")
    assert book.sheetnames == [t.name for t in TABLES]
    for table in TABLES:
        csv_text = (tmp_path / f"{table.name}.csv").read_text(encoding="utf-8")
        assert csv_text == ",".join(table.names) + "\n"
        header = next(book[table.name].iter_rows(values_only=True))
        assert list(header) == list(table.names)
    net = read_network(tmp_path)
    assert [p for p in net.problems if p.is_error] == []


def test_committed_templates_match_the_schema():
    folder = Path(__file__).resolve().parents[2] / "data" / "templates"
    for name, table in TABLES_BY_NAME.items():
        header = (folder / f"{name}.csv").read_text(encoding="utf-8").splitlines()
        assert header == [",".join(table.names)]
    book = openpyxl.load_workbook(folder / "template.xlsx")
    assert book.sheetnames == [t.name for t in TABLES]


def test_control_characters_become_the_replacement_character_in_csv_and_xlsx(tmp_path):
    # XML 1.0 cannot hold U+0001 or U+FFFE, so a workbook cannot; the reader removes DEL
    # and C1 controls too. The CSV file holds the same text as the workbook, so that both
    # formats of one table read the same, without a warning.
    frames = {"t": pd.DataFrame({"name": pd.Series(["a\x01b\ufffe", "", "c\x7f\x85"])})}
    replaced = Replacements()
    W.write_frames_csv(frames, tmp_path, replaced=replaced)
    # A row made of one empty cell is written "" (as the csv module does), not a blank line.
    text = (tmp_path / "t.csv").read_text(encoding="utf-8")
    assert text == 'name\na\ufffdb\ufffd\n""\nc\ufffd\ufffd\n'
    assert replaced.to_dict() == {
        "replacement": "U+FFFD",
        "characters": 4,
        "cells": 2,
        "by_character": {"U+0001": 1, "U+007F": 1, "U+0085": 1, "U+FFFE": 1},
        "cells_cut_to_32767_characters": 0,
    }
    sheet = openpyxl.load_workbook(io.BytesIO(W.frames_to_xlsx_bytes(frames)))["t"]
    assert [c.value for c in sheet["A"]] == ["name", "a\ufffdb\ufffd", None, "c\ufffd\ufffd"]


# Temporary files of an interrupted write ------------------------------------------------

#: A writer that stages links.csv, says so, then blocks inside the batch until killed.
BLOCKED_WRITER = """
import sys, time
from pathlib import Path
from ess_graph.io.write import AtomicBatch
folder = Path(sys.argv[1])
with AtomicBatch() as batch, batch.open(folder / "links.csv", "w") as handle:
    handle.write("source,target\\n" * 1000)
    handle.flush()
    print("staged", flush=True)
    time.sleep(300)
"""


def _temp_files(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir() if p.name.endswith(".tmp"))


@pytest.mark.skipif(os.name == "nt", reason="kill -9 and process ids as on POSIX")
def test_the_next_write_removes_the_temporary_file_of_a_killed_writer(tmp_path):
    (tmp_path / "links.csv").write_text("old\n")
    child = subprocess.Popen(
        [sys.executable, "-c", BLOCKED_WRITER, str(tmp_path)], stdout=subprocess.PIPE, text=True
    )
    try:
        assert child.stdout.readline() == "staged\n"
        left = _temp_files(tmp_path)
        assert len(left) == 1 and left[0].startswith(f".links.csv.essg-{child.pid}-")
        # A write beside a writer that still runs leaves that writer's file alone.
        W.atomic_write_text(tmp_path / "poles.csv", "id\n")
        assert _temp_files(tmp_path) == left
    finally:
        child.kill()  # SIGKILL: no cleanup of the child runs
        child.wait()
        child.stdout.close()
    assert child.returncode == -signal.SIGKILL
    assert _temp_files(tmp_path) == left  # the killed writer left its temporary file
    assert (tmp_path / "links.csv").read_text() == "old\n"
    W.atomic_write_text(tmp_path / "structures.csv", "id\n")
    assert _temp_files(tmp_path) == []
    assert sorted(p.name for p in tmp_path.iterdir()) == [
        "links.csv",
        "poles.csv",
        "structures.csv",
    ]
    assert (tmp_path / "links.csv").read_text() == "old\n"


def test_a_temporary_file_made_elsewhere_is_removed_only_after_a_day(tmp_path):
    other = "0" * 8 if W._OWNER != "0" * 8 else "1" * 8  # another machine's token
    elsewhere = tmp_path / f".links.csv.essg-1-{other}-abc123.tmp"
    not_ours = [tmp_path / ".links.csv.abc123.tmp", tmp_path / "notes.tmp"]
    for path in [elsewhere, *not_ours]:
        path.write_text("partial")
    now = time.time()
    assert W.sweep_stale_temp_files(tmp_path, now=now) == []  # its writer may still run
    day_ago = now - W.STALE_TEMP_SECONDS - 60
    for path in [elsewhere, *not_ours]:
        os.utime(path, (day_ago, day_ago))
    assert W.sweep_stale_temp_files(tmp_path, now=now) == [elsewhere]
    assert all(p.exists() for p in not_ours)  # names of other programs: never touched


def test_a_workbook_cell_is_cut_at_32767_characters_and_counted(tmp_path):
    # openpyxl would cut it silently; the writer cuts it and says so. CSV keeps it whole.
    big = "x" * 200_000
    frames = {"t": pd.DataFrame({"note": pd.Series([big, "short"])})}
    replaced = Replacements()
    sheet = openpyxl.load_workbook(io.BytesIO(W.frames_to_xlsx_bytes(frames, replaced=replaced)))
    assert [len(c.value) for c in sheet["t"]["A"][1:]] == [32_767, 5]
    assert replaced.cells_cut == 1 and replaced.to_dict()["cells_cut_to_32767_characters"] == 1
    W.write_frames_csv(frames, tmp_path, replaced=replaced)
    assert (tmp_path / "t.csv").read_text(encoding="utf-8") == f"note\n{big}\nshort\n"
    assert replaced.cells_cut == 1


# Hostile text: every writer gives a file its reader opens, that reads back -----------


def _csv_rows(text: str) -> list[list[str]]:
    """The rows of a CSV text, as the csv module reads them (without its 128 kB limit)."""
    limit = csv.field_size_limit(1 << 30)
    try:
        return list(csv.reader(io.StringIO(text, newline="")))
    finally:
        csv.field_size_limit(limit)


def _xlsx_xml_parts(path) -> dict[str, bytes]:
    with zipfile.ZipFile(path) as archive:
        return {n: archive.read(n) for n in archive.namelist() if n.endswith(".xml")}


@pytest.mark.parametrize("fmt", ["csv", "xlsx"])
def test_hostile_network_reads_back_with_the_documented_replacements(tmp_path, fmt):
    net = hostile_network()
    path = tmp_path / ("net.xlsx" if fmt == "xlsx" else "net")
    replaced = Replacements()
    W.write_network(net, path, format=fmt, replaced=replaced)
    # Opened by its reader: CSV files are strict UTF-8 that the csv module parses; the
    # workbook's XML parts are well-formed and hold no character XML forbids.
    if fmt == "csv":
        for file in path.iterdir():
            text = file.read_bytes().decode("utf-8")
            assert UNWRITABLE.search(text) is None
            _csv_rows(text)
    else:
        for name, data in _xlsx_xml_parts(path).items():
            assert UNWRITABLE.search(data.decode("utf-8")) is None, name
            defusedxml.ElementTree.fromstring(data)
        openpyxl.load_workbook(path)
    back = read_network(path)
    assert back.problems == []
    # Same text, modulo the replacements (tests/hostile.py, from docs/DATA.md).
    for name, frame in net.tables().items():
        got = back.tables()[name]
        columns = [replaced_text(str(c)) for c in frame.columns]
        assert list(got.columns) == columns, name
        for column, original in zip(columns, frame.columns, strict=True):
            if frame[original].dtype == object:
                want = [expected_back(v, fmt) for v in frame[original]]
                assert got[column].tolist() == want, (name, column)
            elif fmt == "xlsx" and frame[original].dtype == float:
                # openpyxl writes floats with 16 significant digits ("%.16g"; Excel keeps
                # 15), so 1.1818181818181817 comes back as 1.181818181818182.
                want = frame[original].tolist()
                assert got[column].tolist() == pytest.approx(want, rel=1e-15), (name, column)
            else:
                assert got[column].tolist() == frame[original].tolist(), (name, column)
    # Counted: every forbidden character of every text cell and column name.
    assert replaced.characters == forbidden_count(text_cells(net))
    assert replaced.cells_cut == (BIG_CELLS if fmt == "xlsx" else 0)


def test_hostile_result_tables_open_and_are_inert(tmp_path):
    net = hostile_network()
    frames = {name: frame for name, frame in net.tables().items()}
    replaced = Replacements()
    W.write_frames_csv(frames, tmp_path / "csv", replaced=replaced)
    book = openpyxl.load_workbook(io.BytesIO(W.frames_to_xlsx_bytes(frames)))
    with zipfile.ZipFile(io.BytesIO(W.frames_to_csv_zip_bytes(frames))) as archive:
        zipped = {n: archive.read(n).decode("utf-8") for n in archive.namelist()}
    names = list(net.structures["name"])
    # By the rule of inert_text: a ' before text starting with = + - @, then U+FFFD.
    want = [replaced_text("'" + n if n[:1] in "=+-@" else n) for n in names]
    text = (tmp_path / "csv" / "structures.csv").read_bytes().decode("utf-8")
    assert zipped["structures.csv"] == text
    rows = _csv_rows(text)
    assert [r[1] for r in rows[1:]] == want
    cells = [c.value for c in book["structures"]["B"][1:]]
    assert cells == [expected_back(w, "xlsx") for w in want]
    assert replaced.characters == forbidden_count(text_cells(net))
