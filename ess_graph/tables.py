"""What a source held, before it is checked: tables of text that remember where each row
came from.

Every way data enters ess_graph (a CSV file, a workbook sheet, a meeting-mode edit, a
workspace, and the survey and open-data importers) turns its input into `RawTable`s: one
per table of the data contract, every cell a Python ``str`` as the source held it, each row
with the line a spreadsheet user sees (or the number that names the row in its source).
`ess_graph.validate.validate` is the one function that turns them into a clean `Network`
and its problems. Nothing here checks anything.

The reverse direction lives here too: `cell_text` and `network_rows` give the text of the
cells of a clean network (as `ess_graph.io.write` writes them), which is how the workspace
stores rows.
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

import numpy as np
import pandas as pd

from ess_graph import schema
from ess_graph.problems import ProblemLog

__all__ = [
    "RawNetwork",
    "RawTable",
    "cell_text",
    "frame_rows",
    "network_rows",
    "raw_table",
]

#: Tables as (column names, rows of text cells): how the workspace holds a network.
Rows = Mapping[str, tuple[Sequence[str], Sequence[Mapping[str, str]]]]


@dataclass
class RawTable:
    """One table as found in a source.

    Attributes
    ----------
    table : str
        The schema table (``"structures"``, ``"links"``...).
    frame : DataFrame
        One column per source column, named by its schema name when the header was
        recognised (``"name"`` for « Nom »), else by the header as typed; every cell a
        ``str``. Columns the source left without a name are not here (see
        ``unnamed``).
    lines : ndarray of int64
        The line of each row of `frame` as its source numbers it (in a file: the row a
        spreadsheet shows, the header being line 1 unless a title sits above it).
    file : str
        The label problems name: the file name without extension, the sheet name, or the
        table name for rows that come from no file.
    location : str
        Where the table was found: a path, a sheet name, "workspace"...
    header_line : int
        The line of the header (problems about a column name it).
    """

    table: str
    frame: pd.DataFrame
    lines: np.ndarray
    file: str
    location: str = ""
    header_line: int = 1

    def __post_init__(self) -> None:
        self.lines = np.asarray(self.lines, dtype=np.int64)
        if len(self.lines) != len(self.frame):
            raise ValueError("one line number per row is needed")

    @property
    def schema_table(self) -> schema.Table:
        return schema.TABLES_BY_NAME[self.table]


@dataclass
class RawNetwork:
    """The tables of one source, with what reading them already found.

    Attributes
    ----------
    tables : dict
        Table name -> `RawTable`, or None for a table whose file was found but could not
        be read (its problem is in `log`). A table absent from the dict was not found.
    log : ProblemLog
        Problems found while reading (file-level and row-level); the validator adds its
        own to it.
    source : str
        What was read (a path, file names), kept as ``Network.source``.
    fictional : str or None
        The demo notice when the source is marked as the fictional demo network.
    require_tables : bool
        Whether a required table absent from `tables` is an error (not for a workbook
        that could not be opened at all: that one error says it).
    found : list of str
        The names of the files or sheets found, for the message of a missing table.
    meta : dict
        Facts about the reading (encodings, separators...), copied into ``Network.meta``.
    """

    tables: dict[str, RawTable | None] = field(default_factory=dict)
    log: ProblemLog = field(default_factory=ProblemLog)
    source: str = ""
    fictional: str | None = None
    require_tables: bool = True
    found: list[str] = field(default_factory=list)
    meta: dict[str, Any] = field(default_factory=dict)


def raw_table(
    table: str,
    rows: Sequence[Mapping[str, Any]],
    columns: Sequence[str] | None = None,
    *,
    file: str | None = None,
    location: str = "",
    lines: Sequence[int] | None = None,
) -> RawTable:
    """A raw table from rows given as mappings (an edit, a workspace, an importer).

    `columns` defaults to the keys of the rows, in order of appearance (like the header of
    a file). Cells are turned into text with `cell_text`; a column a row lacks is ``""``. `lines`
    defaults to 2, 3... (as if the rows followed a header on line 1).

    >>> raw = raw_table("links", [{"source": "a", "target": "b", "kind": "pooling", "weight": 2.0}])
    >>> raw.frame.to_dict("records"), raw.lines.tolist()
    ([{'source': 'a', 'target': 'b', 'kind': 'pooling', 'weight': '2'}], [2])
    """
    if columns is None:
        columns = list(dict.fromkeys(c for row in rows for c in row))
    data = {c: [cell_text(row.get(c, "")) for row in rows] for c in columns}
    # object, not the Arrow-backed str dtype: an edit may hold a lone surrogate, which only
    # the validator may remove (and report).
    frame = pd.DataFrame(data, columns=list(columns), dtype=object)
    numbers = np.arange(2, len(rows) + 2) if lines is None else np.asarray(lines)
    return RawTable(table, frame, numbers, file or table, location)


def cell_text(value: Any) -> str:
    """A cell as the text a CSV file written by `ess_graph.io.write` holds.

    >>> [cell_text(v) for v in (None, "a", 2009, 2009.0, 48.39, float("nan"), True)]
    ['', 'a', '2009', '2009', '48.39', '', 'True']
    """
    if value is None or value is pd.NA:
        return ""
    if isinstance(value, str):
        return value
    if isinstance(value, bool):
        return str(value)
    if hasattr(value, "item") and not isinstance(value, (str, bytes)):
        value = value.item()  # numpy scalar
        if isinstance(value, bool):
            return str(value)
    if isinstance(value, int):
        return str(value)
    if isinstance(value, float):
        if math.isnan(value):
            return ""
        if math.isinf(value):
            return "inf" if value > 0 else "-inf"
        if value == math.floor(value) and abs(value) < 2**53:
            return str(int(value))
        return repr(value)
    return str(value)


def frame_rows(frame: pd.DataFrame, columns: Sequence[str] | None = None) -> list[dict[str, str]]:
    """The rows of a clean table as text cells (as `ess_graph.io.write` would write them).

    >>> frame_rows(pd.DataFrame({"id": ["a"], "lat": [48.39], "since": [2009.0]}))
    [{'id': 'a', 'lat': '48.39', 'since': '2009'}]
    """
    columns = list(frame.columns) if columns is None else list(columns)
    data = {c: [cell_text(v) for v in frame[c].tolist()] for c in columns if c in frame.columns}
    empty = [""] * len(frame)
    cells = [data.get(c, empty) for c in columns]
    return (
        [dict(zip(columns, row, strict=True)) for row in zip(*cells, strict=True)]
        if columns
        else []
    )


def network_rows(net: Any) -> dict[str, tuple[list[str], list[dict[str, str]]]]:
    """Every table of a clean network as (columns, rows of text): schema columns first,
    then the extra columns of the table."""
    out = {}
    for table in schema.TABLES:
        frame = getattr(net, table.name)
        columns = [*table.names, *(c for c in frame.columns if c not in table.names)]
        out[table.name] = (columns, frame_rows(frame, columns))
    return out
