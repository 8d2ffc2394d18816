"""Where is the header of a table as people type it, and what does each row hold?

Shared by the CSV and workbook readers: both find rows of cells; this module decides which
row is the header (a title line may sit above it), what each header cell names (French
names, case and accents aside), and what a row with too many or too few cells means, then
builds the `ess_graph.tables.RawTable`. Decisions are per row; the problems go to the log.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
import pandas as pd

from ess_graph import schema
from ess_graph.i18n import register
from ess_graph.problems import Problem, ProblemLog
from ess_graph.safe_text import FORMULA_TRIGGERS, code_point
from ess_graph.tables import RawTable
from ess_graph.validate import clean_cell

__all__ = ["HEADER_SEARCH_ROWS", "Header", "find_header", "fit_rows", "tabulate"]

#: How many non-empty rows from the top may hold the header (title lines above it).
HEADER_SEARCH_ROWS = 10

register(
    {
        "problem.title_skipped": {
            "fr": "ligne au-dessus de l'en-tête (« {text} ») : lue comme un titre et ignorée",
            "en": "line above the header ('{text}'): read as a title and left out",
        },
        "problem.column_unnamed": {
            "fr": "{count} valeur(s) dans la colonne n° {position}, qui n'a pas de nom dans l'en-tête (lignes {first} à {last}) : ignorée(s), lignes gardées",
            "en": "{count} value(s) in column {position}, which has no name in the header (lines {first} to {last}): ignored, rows kept",
        },
        "problem.header_repeated": {
            "fr": "ligne identique à l'en-tête (des fichiers mis bout à bout ?) : ignorée",
            "en": "row identical to the header (files put end to end?): left out",
        },
        "problem.row_too_long": {
            "fr": "la ligne a {count} cellules alors que l'en-tête en a {expected} (séparateur dans une valeur ? virgule décimale dans un fichier séparé par des virgules ?) ; ligne ignorée",
            "en": "the row has {count} cells but the header has {expected} (a separator inside a value? a decimal comma in a comma-separated file?); row left out",
        },
    }
)


@dataclass
class Header:
    """The header of a table: its row (index among the candidate rows), its cells, and the
    schema column each cell names (None: an extra column)."""

    index: int
    cells: list[str]
    score: int


def _score(cells: Sequence[str], table: schema.Table) -> int:
    """How strongly a row reads as the header of `table`: distinct schema columns named,
    required ones counting double."""
    named = {schema.column_named(table, c) for c in cells if c.strip()}
    named.discard(None)
    return sum(2 if table.column(n).required else 1 for n in named)  # type: ignore[arg-type]


def find_header(rows: Sequence[Sequence[str]], table: schema.Table) -> Header | None:
    """The header among the first non-empty `rows` (each a list of cells), or None.

    The first row naming at least two schema columns (or one required column, in a table
    with one required column) and naming the most columns wins; rows above it are titles.
    When no row names any column, the first row is the header (its missing columns will
    be reported).

    >>> find_header([["Réseau ESS du pays de Brest"], ["Nom", "Famille", "id"]],
    ...             schema.STRUCTURES).index
    1
    """
    best: Header | None = None
    for i, cells in enumerate(rows[:HEADER_SEARCH_ROWS]):
        score = _score(cells, table)
        if best is None or score > best.score:
            best = Header(i, list(cells), score)
    if best is None:
        return None
    if best.score < 2 and best.index > 0:
        return Header(0, list(rows[0]), _score(rows[0], table))
    return best


def _column_names(
    cells: Sequence[str], table: schema.Table, file: str, header_line: int, log: ProblemLog
) -> list[str | None]:
    """The name of each header cell: the schema column it names, else the header as typed;
    None for a cell with no name, and for a repeat (warned) of a name already seen."""
    names: list[str | None] = []
    seen: set[str] = set()
    for pos, cell in enumerate(cells):
        text, controls = clean_cell(cell)
        if text[:1] == "'" and text[1:2] and text[1:2] in FORMULA_TRIGGERS:
            text = text[1:]  # a name made inert by ess_graph or a spreadsheet
        if controls:
            shown = ", ".join(code_point(c) for c in controls[:5])
            log.add(
                table.name,
                Problem(
                    file,
                    header_line,
                    schema.column_named(table, text) or text,
                    "control_characters",
                    "warning",
                    {"chars": shown},
                ),
                pos,
            )
        if not text:
            names.append(None)
            continue
        name = schema.column_named(table, text) or text
        if name in seen:
            log.add(
                table.name,
                Problem(file, header_line, name, "column_duplicated", "warning", {"column": name}),
            )
            names.append(None)
            continue
        seen.add(name)
        names.append(name)
    return names


def fit_rows(
    rows: Sequence[Sequence[str]],
    lines: Sequence[int],
    width: int,
    table: schema.Table,
    file: str,
    log: ProblemLog,
    *,
    extra_is_error: bool,
) -> tuple[list[list[str]], list[int], list[list[str]]]:
    """Rows cut or padded to the header's `width`.

    A row with fewer cells is padded with "". Cells beyond the header that are all empty
    are dropped (a trailing separator). A non-empty cell beyond the header is, in a CSV
    file (`extra_is_error`), a shifted row (a separator inside a value, a decimal comma):
    the row is an error and left out; in a sheet, a note typed beside the table: returned
    in the third list (reported with the unnamed columns) and the row is kept.

    Returns the fitted rows, their lines, and the cells beyond the header of each row.
    """
    kept: list[list[str]] = []
    kept_lines: list[int] = []
    beyond: list[list[str]] = []
    for cells, line in zip(rows, lines, strict=True):
        n = len(cells)
        if n == width:
            kept.append(list(cells))
            kept_lines.append(line)
            beyond.append([])
            continue
        if n < width:
            kept.append([*cells, *([""] * (width - n))])
            kept_lines.append(line)
            beyond.append([])
            continue
        extra = [c for c in cells[width:] if c.strip()]
        if extra and extra_is_error:
            log.add(
                table.name,
                Problem(file, line, "", "row_too_long", "error", {"count": n, "expected": width}),
            )
            continue
        kept.append(list(cells[:width]))
        kept_lines.append(line)
        beyond.append(list(cells[width:]))
    return kept, kept_lines, beyond


def tabulate(
    table: schema.Table,
    header_cells: Sequence[str],
    header_line: int,
    frame: pd.DataFrame | Sequence[Sequence[str]],
    lines: Sequence[int] | np.ndarray,
    *,
    file: str,
    location: str,
    log: ProblemLog,
    beyond: Sequence[Sequence[str]] | None = None,
) -> RawTable:
    """The raw table of `frame` (one column per header cell, by position; or rows of cells
    fitted to the header's width, see `fit_rows`).

    Columns are named from the header; values under a header cell with no name (and, for
    a sheet, `beyond` the header) are reported once per column and left out.
    """
    names = _column_names(header_cells, table, file, header_line, log)
    lines = np.asarray(lines, dtype=np.int64)
    if not isinstance(frame, pd.DataFrame):
        frame = pd.DataFrame(
            {
                f"c{i}": pd.Series([row[i] for row in frame], dtype=object)
                for i in range(len(header_cells))
            }
        )
    unnamed: list[tuple[int, np.ndarray]] = []
    data: dict[str, pd.Series] = {}
    for i, name in enumerate(names):
        column = frame.iloc[:, i]
        if name is not None:
            data[name] = column.reset_index(drop=True)
            continue
        if (header_cells[i] or "").strip():
            continue  # a repeated name, already warned
        filled = (column.astype(str).str.strip() != "").to_numpy(dtype=bool)
        if filled.any():
            unnamed.append((i + 1, lines[filled]))
    if beyond is not None:
        width = len(header_cells)
        longest = max((len(b) for b in beyond), default=0)
        for k in range(longest):
            filled = np.array([k < len(b) and bool(b[k].strip()) for b in beyond], dtype=bool)
            if filled.any():
                unnamed.append((width + k + 1, lines[filled]))
    for position, where in unnamed:
        log.add(
            table.name,
            Problem(
                file,
                int(where[0]),
                "",
                "column_unnamed",
                "warning",
                {
                    "position": position,
                    "count": len(where),
                    "first": int(where[0]),
                    "last": int(where[-1]),
                },
            ),
        )
    out = pd.DataFrame(data, index=pd.RangeIndex(len(frame)))
    # The header again, further down (files put end to end): not a row of data.
    typed = {name: header_cells[i].strip() for i, name in enumerate(names) if name is not None}
    if typed and len(out):
        again = np.ones(len(out), dtype=bool)
        for name, text in typed.items():
            cells = out[name].astype(str).str.strip().str.lstrip("\ufeff")
            again &= (cells == text.lstrip("\ufeff")).to_numpy(dtype=bool)
        if again.any():
            for line in lines[again].tolist():
                log.add(table.name, Problem(file, int(line), "", "header_repeated", "warning"))
            out = out.loc[~again].reset_index(drop=True)
            lines = lines[~again]
    return RawTable(table.name, out, lines, file, location, header_line)


def report_titles(
    titles: Sequence[tuple[int, str]], table: schema.Table, file: str, log: ProblemLog
) -> None:
    """One warning per title line found above the header: (line, its text)."""
    for line, text in titles:
        shown = " ".join(text.split())
        if len(shown) > 60:
            shown = shown[:59] + "…"
        log.add(table.name, Problem(file, line, "", "title_skipped", "warning", {"text": shown}))
