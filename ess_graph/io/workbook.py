"""An .xlsx workbook (or LibreOffice's .ods) -> raw tables, one per sheet named like a table.

What this reader decides (docs/DATA.md says it for users):

- a workbook whose parts would unpack to more than `MAX_UNPACKED_BYTES` is refused before
  any parsing (a few megabytes that unpack to gigabytes would take the machine down);
- sheets are matched to tables by name, French names included (« Liens », « Pôles »); two
  sheets for one table (« Structures » and a hidden, older « structures ») is an error that
  names both: the visible one is read, the other is not;
- the header is the first row naming the table's columns (title rows above it are
  warned); cells are read as their values (``12.0`` -> ``12``, a date -> ``2009-01-01``);
- a formula cell without a saved value (files written by programs, never opened in a
  spreadsheet) keeps its formula text, with a warning: "value missing" would be wrong;
- a value typed beside the table, under no header, is a warning; the row is kept.
"""

from __future__ import annotations

import io
import os
import re
import warnings
import zipfile
from collections.abc import Iterator
from typing import Any

import numpy as np
import pandas as pd

from ess_graph import schema
from ess_graph.i18n import register
from ess_graph.io import sheet
from ess_graph.problems import Problem, ProblemLog
from ess_graph.tables import RawTable

__all__ = ["DEMO_MARKER_SHEET", "MAX_UNPACKED_BYTES", "Workbook", "read_ods", "read_workbook"]

#: A workbook holding a sheet with this name (any case) is the fictional demo network.
DEMO_MARKER_SHEET = "fictional"

#: The most a workbook may unpack to (all its parts together): 512 MiB. A sheet of a
#: million links (the largest a spreadsheet holds) unpacks to about 300 MB.
MAX_UNPACKED_BYTES = 512 * 1024 * 1024

_FORMULA_TAG = re.compile(rb"<(?:\w+:)?f[\s>/]")

register(
    {
        "problem.workbook_too_large": {
            "fr": "le classeur se décompresse en {size} Mo, au-delà de la limite de {limit} Mo : enregistrez ses feuilles en fichiers CSV",
            "en": "the workbook unpacks to {size} MB, over the limit of {limit} MB: save its sheets as CSV files",
        },
        "problem.table_ambiguous": {
            "fr": "deux sources pour la table {table} : « {read} » est lue, « {ignored} » ne l'est pas ; supprimez ou renommez celle qui est périmée",
            "en": "two sources for table {table}: '{read}' is read, '{ignored}' is not; delete or rename the stale one",
        },
        "problem.sheet_hidden": {
            "fr": "la feuille « {sheet} » est masquée ; elle est lue quand même",
            "en": "sheet '{sheet}' is hidden; it is read all the same",
        },
        "problem.formula_without_value": {
            "fr": "formule sans valeur enregistrée ({formula}) : le texte de la formule est gardé ; ouvrez et enregistrez le classeur dans un tableur pour calculer sa valeur",
            "en": "formula without a saved value ({formula}): its text is kept; open and save the workbook in a spreadsheet to compute its value",
        },
    }
)


class Workbook:
    """What `read_workbook` found: the raw tables, the demo notice, the sheet names."""

    def __init__(self) -> None:
        self.tables: dict[str, RawTable] = {}
        self.fictional: str | None = None
        self.sheets: list[str] = []
        self.readable = True


def cell_text(value: Any) -> str:
    """A workbook cell as the text a user typed: 12 -> "12", 12.0 -> "12", dates ISO.

    >>> [cell_text(v) for v in (None, 12, 12.0, 2.5, True)]
    ['', '12', '12', '2.5', 'TRUE']
    """
    if value is None:
        return ""
    if isinstance(value, str):
        return value
    if isinstance(value, bool):
        return "TRUE" if value else "FALSE"
    if isinstance(value, int):
        return str(value)
    if isinstance(value, float):
        if value.is_integer():
            return str(int(value))
        return str(value)
    if hasattr(value, "isoformat"):
        text = value.isoformat()
        # a date typed in a cell comes back as a datetime at midnight
        return text[:10] if text.endswith("T00:00:00") else text
    return str(value)


def _unpacked_size(source: str | os.PathLike[str] | io.BytesIO) -> int:
    with zipfile.ZipFile(source) as archive:
        return sum(info.file_size for info in archive.infolist())


def _has_formulas(source: str | os.PathLike[str] | io.BytesIO, part: str) -> bool:
    """Whether a sheet's XML holds a formula (read in chunks: sheets can be large)."""
    try:
        with zipfile.ZipFile(source) as archive, archive.open(part) as stream:
            tail = b""
            while chunk := stream.read(1 << 20):
                if _FORMULA_TAG.search(tail + chunk):
                    return True
                tail = chunk[-16:]
    except (KeyError, OSError, zipfile.BadZipFile):
        return False
    return False


def _rows(ws: Any, formulas: Any | None) -> Iterator[tuple[int, list[str], dict[int, str]]]:
    """(line, cells as text, {position: formula} for formula cells without a value)."""
    values = ws.iter_rows(values_only=True)
    texts = formulas.iter_rows(values_only=True) if formulas is not None else None
    for number, row in enumerate(values, start=1):
        formula_row = next(texts, None) if texts is not None else None
        cells = [cell_text(v) for v in row]
        missing: dict[int, str] = {}
        if formula_row is not None:
            for pos, (value, formula) in enumerate(zip(row, formula_row, strict=False)):
                if value is None and isinstance(formula, str) and formula.startswith("="):
                    cells[pos] = formula
                    missing[pos] = formula
        yield number, cells, missing


def _read_sheet(
    title: str,
    found_rows: Iterator[tuple[int, list[str], dict[int, str]]],
    table: schema.Table,
    log: ProblemLog,
) -> RawTable:
    """One sheet as a raw table, from its rows: (line, cells as text, {position: formula}
    for the formula cells without a saved value)."""
    file = title
    rows: list[list[str]] = []
    lines: list[int] = []
    missing_formulas: list[tuple[int, int, str]] = []
    top: list[tuple[int, list[str]]] = []  # the first non-empty rows, for the header
    for number, cells, missing in found_rows:
        if len(top) < sheet.HEADER_SEARCH_ROWS and any(c.strip() for c in cells):
            top.append((number, cells))
        rows.append(cells)
        lines.append(number)
        missing_formulas.extend((number, pos, f) for pos, f in missing.items())
    header = sheet.find_header([cells for _, cells in top], table) if top else None
    if header is None:
        empty = pd.DataFrame()
        return RawTable(table.name, empty, np.zeros(0, dtype=np.int64), file, title)
    header_line = top[header.index][0]
    sheet.report_titles(
        [(n, " ".join(c for c in cells if c.strip())) for n, cells in top[: header.index]],
        table,
        file,
        log,
    )
    start = lines.index(header_line) + 1
    body, body_lines = rows[start:], lines[start:]
    width = len(header.cells)
    fitted, kept_lines, beyond = sheet.fit_rows(
        body, body_lines, width, table, file, log, extra_is_error=False
    )
    names = [schema.column_named(table, c) or c.strip() for c in header.cells]
    for line, pos, formula in missing_formulas:
        if line > header_line:
            log.add(
                table.name,
                Problem(
                    file,
                    line,
                    names[pos] if pos < width else "",
                    "formula_without_value",
                    "warning",
                    {"formula": formula if len(formula) <= 60 else formula[:59] + "…"},
                ),
            )
    return sheet.tabulate(
        table,
        header.cells,
        header_line,
        fitted,
        kept_lines,
        file=file,
        location=title,
        log=log,
        beyond=beyond,
    )


def _within_cap(
    source: str | os.PathLike[str] | io.BytesIO, label: str, log: ProblemLog, found: Workbook
) -> bool:
    """Whether the archive can be parsed: a zip that unpacks to at most
    `MAX_UNPACKED_BYTES`; otherwise one error in `log` and ``found.readable`` False."""
    try:
        size = _unpacked_size(source)
    except (zipfile.BadZipFile, OSError, ValueError) as exc:
        reason = str(exc) or type(exc).__name__
        log.add("", Problem(label, 0, "", "file_unreadable", "error", {"reason": reason}))
        found.readable = False
        return False
    if size > MAX_UNPACKED_BYTES:
        limits = {"size": size // (1024 * 1024), "limit": MAX_UNPACKED_BYTES // (1024 * 1024)}
        log.add("", Problem(label, 0, "", "workbook_too_large", "error", limits))
        found.readable = False
        return False
    if isinstance(source, io.BytesIO):
        source.seek(0)
    return True


def _choose(name: str, sheets: list[tuple[str, bool]], log: ProblemLog) -> str:
    """The sheet read for table `name` among (title, visible) sheets standing for it: the
    first visible one; every other is named in a `table_ambiguous` error."""
    visible = [title for title, shown in sheets if shown]
    chosen = (visible or [title for title, _ in sheets])[0]
    for title, _ in sheets:
        if title != chosen:
            log.add(
                name,
                Problem(
                    chosen,
                    0,
                    "",
                    "table_ambiguous",
                    "error",
                    {"table": name, "read": chosen, "ignored": title},
                ),
            )
    if chosen not in visible:
        log.add(name, Problem(chosen, 0, "", "sheet_hidden", "warning", {"sheet": chosen}))
    return chosen


def read_ods(source: str | os.PathLike[str] | io.BytesIO, label: str, log: ProblemLog) -> Workbook:
    """The tables of an OpenDocument spreadsheet (LibreOffice's ``.ods``), read with pandas
    and odfpy: same rules as `read_workbook` (a spreadsheet saves the value of each
    formula in the file, so there is no formula without a value here; odfpy does not say
    which sheets are hidden)."""
    found = Workbook()
    if not _within_cap(source, label, log, found):
        return found
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            sheets = pd.read_excel(source, engine="odf", sheet_name=None, header=None, dtype=object)
    except Exception as exc:  # odfpy and pandas raise many kinds on a damaged file
        log.add(
            "",
            Problem(
                label, 0, "", "file_unreadable", "error", {"reason": f"{type(exc).__name__}: {exc}"}
            ),
        )
        found.readable = False
        return found
    found.sheets = list(sheets)
    rows_of = {
        title: [[_value_text(v) for v in row] for row in frame.itertuples(index=False)]
        for title, frame in sheets.items()
    }
    by_table: dict[str, list[tuple[str, bool]]] = {}
    for title, rows in rows_of.items():
        if title.strip().lower() == DEMO_MARKER_SHEET and found.fictional is None:
            found.fictional = "\n".join(r[0] if r else "" for r in rows).strip()
        table = schema.table_named(title)
        if table is not None:
            by_table.setdefault(table.name, []).append((title, True))
    for name, candidates in by_table.items():
        chosen = _choose(name, candidates, log)
        numbered = ((i + 1, cells, {}) for i, cells in enumerate(rows_of[chosen]))
        found.tables[name] = _read_sheet(chosen, numbered, schema.TABLES_BY_NAME[name], log)
    return found


def _value_text(value: Any) -> str:
    """`cell_text` of a value pandas read (an empty cell is NaN there)."""
    if isinstance(value, float) and value != value:
        return ""
    return cell_text(value)


def read_workbook(
    source: str | os.PathLike[str] | io.BytesIO, label: str, log: ProblemLog
) -> Workbook:
    """The tables of a workbook; a workbook that cannot be read is one error in `log`
    (``Workbook.readable`` False). The demo notice is the text of the ``fictional`` sheet
    (first column, one line per row)."""
    import openpyxl

    found = Workbook()

    def unreadable(reason: str) -> Workbook:
        log.add("", Problem(label, 0, "", "file_unreadable", "error", {"reason": reason}))
        found.readable = False
        return found

    if not _within_cap(source, label, log, found):
        return found
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            wb = openpyxl.load_workbook(source, read_only=True, data_only=True)
    except Exception as exc:  # openpyxl raises many kinds on a corrupt workbook
        return unreadable(f"{type(exc).__name__}: {exc}")
    formulas_wb = None
    try:
        found.sheets = list(wb.sheetnames)
        by_table: dict[str, list[Any]] = {}
        for ws in wb.worksheets:
            if ws.title.strip().lower() == DEMO_MARKER_SHEET and found.fictional is None:
                cells = [cell_text(row[0]) if row else "" for row in ws.iter_rows(values_only=True)]
                found.fictional = "\n".join(cells).strip()
            table = schema.table_named(ws.title)
            if table is not None:
                by_table.setdefault(table.name, []).append(ws)
        for name, sheets in by_table.items():
            table = schema.TABLES_BY_NAME[name]
            shown = {ws.title: getattr(ws, "sheet_state", "visible") == "visible" for ws in sheets}
            title = _choose(name, list(shown.items()), log)
            chosen = next(ws for ws in sheets if ws.title == title)
            formulas = None
            part = getattr(chosen, "_worksheet_path", None)
            if part and _has_formulas(source, part):
                if formulas_wb is None:
                    if isinstance(source, io.BytesIO):
                        source.seek(0)
                    with warnings.catch_warnings():
                        warnings.simplefilter("ignore")
                        formulas_wb = openpyxl.load_workbook(source, read_only=True)
                formulas = formulas_wb[chosen.title]
            if hasattr(chosen, "reset_dimensions"):
                chosen.reset_dimensions()
                if formulas is not None:
                    formulas.reset_dimensions()
            found.tables[name] = _read_sheet(chosen.title, _rows(chosen, formulas), table, log)
    except Exception as exc:  # a corrupt sheet inside a readable zip
        found.tables.clear()
        return unreadable(f"{type(exc).__name__}: {exc}")
    finally:
        wb.close()
        if formulas_wb is not None:
            formulas_wb.close()
    return found
