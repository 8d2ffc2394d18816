"""Read a network from a folder of CSV files or an .xlsx workbook, and say what is wrong.

Which rows of the user's files make a valid network, and what exactly is wrong with the
others? `read_network` answers both: it returns a `Network` whose tables are clean and a
list of `Problem` (file, spreadsheet line, column, message in French and English,
severity). Bad *data* never raises: a row with an error is left out, every other row is
kept. Only a path that does not exist, or is neither a folder nor an ``.xlsx`` workbook,
raises `NetworkPathError`.

Clean tables
------------
- text columns (ids, names, references, extra columns) hold Python ``str`` exactly as
  typed but trimmed; an empty cell is ``""``. ``001`` stays ``001``, ``NA`` stays ``NA``.
- ``lat``, ``lon`` and ``weight`` are ``float64`` (``weight`` defaults to 1.0, empty
  coordinates are NaN); ``since``, ``founded`` and ``employees`` are pandas ``"Int64"``.
- vocabulary columns (``family``, ``status``, ``kind``) hold the canonical value of
  `ess_graph.schema` (French labels such as « Coopérative » are accepted); the ``status``
  of a link defaults to ``confirmed``.
- when a ``territories`` (``sectors``) table is given, ``territory`` (``sector``) cells
  that name one by id or exact name are stored as its id; an unknown one is a warning and
  the value is kept as typed. A ``pole`` that names no valid pôle is a warning and is set
  to ``""``.
- every schema column is present (optional ones filled with their default), followed by
  the extra columns of the input, as text. Missing optional tables are empty frames with
  their schema columns.

``net.meta["lines"]`` maps each table to the spreadsheet line of each kept row (the header
is line 1), ``net.meta["files"]`` maps each table found to its CSV path or sheet name,
``net.meta["csv"]`` records the encoding and separator detected for each CSV file, and
``net.meta["fictional_text"]`` holds the notice of the demo network (the text of
``FICTIONAL.md`` or of the ``fictional`` sheet).

Validation is vectorised with pandas: loops run over problems or distinct values, never
over rows, so a million links read in seconds.
"""

from __future__ import annotations

import csv
import io
import os
import warnings
import zipfile
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd

from ess_graph import schema
from ess_graph.i18n import DEFAULT_LANG, register, t
from ess_graph.network import Network
from ess_graph.problems import Problem

__all__ = [
    "DEMO_MARKER_FILE",
    "DEMO_MARKER_SHEET",
    "NetworkPathError",
    "read_network",
    "read_network_from_files",
    "read_summary",
]

#: A folder holding this file (any case) is the fictional demo network.
DEMO_MARKER_FILE = "FICTIONAL.md"
#: A workbook holding a sheet with this name (any case) is the fictional demo network.
DEMO_MARKER_SHEET = "fictional"

_LAT_RANGE = (-90, 90)
_LON_RANGE = (-180, 180)
_TABLE_ORDER = {t.name: i for i, t in enumerate(schema.TABLES)}
_NODE_TYPE_LABELS = {
    "structures": ("une structure", "a structure"),
    "poles": ("un pôle", "a pôle"),
    "partners": ("un partenaire", "a partner"),
}


def _endpoint_messages() -> dict[str, dict[str, str]]:
    """One message per link kind of `schema.LINK_ENDPOINTS`, grammatical in both languages."""
    entries = {}
    for kind, (sources, targets) in schema.LINK_ENDPOINTS.items():
        order = list(_NODE_TYPE_LABELS)
        src = [_NODE_TYPE_LABELS[x] for x in order if x in sources]
        tgt = [_NODE_TYPE_LABELS[x] for x in order if x in targets]
        fr = f"{' ou '.join(s[0] for s in src)} et {' ou '.join(s[0] for s in tgt)}"
        en = f"{' or '.join(s[1] for s in src)} and {' or '.join(s[1] for s in tgt)}"
        entries[f"problem.link_endpoints_unusual_{kind}"] = {
            "fr": f"un lien « {kind} » relie habituellement {fr} ; ici {{found}} ; ligne gardée",
            "en": f"a '{kind}' link usually joins {en}; here {{found}}; row kept",
        }
    return entries


register(
    {
        "problem.row_too_long": {
            "fr": "la ligne a {count} cellules alors que l'en-tête en a {expected} (séparateur dans une valeur ? virgule décimale dans un fichier séparé par des virgules ?) ; ligne ignorée",
            "en": "the row has {count} cells but the header has {expected} (a separator inside a value? a decimal comma in a comma-separated file?); row left out",
        },
        "problem.coordinate_not_a_number": {
            "fr": "« {value} » n'est pas un nombre ; coordonnée ignorée",
            "en": "'{value}' is not a number; coordinate ignored",
        },
        "read.summary": {
            "fr": "{rows} ; {errors} erreur(s), {warnings} avertissement(s)",
            "en": "{rows}; {errors} error(s), {warnings} warning(s)",
        },
        "read.table.structures": {"fr": "structures", "en": "structures"},
        "read.table.poles": {"fr": "pôles", "en": "pôles"},
        "read.table.partners": {"fr": "partenaires", "en": "partners"},
        "read.table.links": {"fr": "liens", "en": "links"},
        "read.table.territories": {"fr": "territoires", "en": "territories"},
        "read.table.sectors": {"fr": "secteurs", "en": "sectors"},
        "read.kept": {"fr": "lignes gardées : {counts}", "en": "rows kept: {counts}"},
        **_endpoint_messages(),
    }
)


class NetworkPathError(Exception):
    """The path is not a network at all: missing, or neither a folder nor an .xlsx file.

    ``problem`` holds the `Problem` (code ``path_missing`` or ``path_unsupported``);
    ``message(lang)`` gives its text. ``str(error)`` gives French then English.
    """

    def __init__(self, problem: Problem) -> None:
        self.problem = problem
        super().__init__(f"{problem.message('fr')} / {problem.message('en')}")

    def message(self, lang: str = DEFAULT_LANG) -> str:
        return self.problem.message(lang)


# --------------------------------------------------------------------------------------
# Loading: files and sheets -> all-text frames with their spreadsheet line numbers
# --------------------------------------------------------------------------------------


@dataclass
class _Raw:
    """One table as found in the input, every cell a trimmed str."""

    table: schema.Table
    file: str  # label used in problems: file stem or sheet name
    location: str  # path of the CSV file or name of the sheet
    frame: pd.DataFrame
    lines: np.ndarray  # spreadsheet line of each row of `frame`
    header_line: int = 1


@dataclass
class _Collector:
    """Problems in reading order, sorted at the end by table, line and column."""

    items: list[tuple[int, int, int, int, Problem]] = field(default_factory=list)

    def add(self, table: str, problem: Problem, column_pos: int = -1) -> None:
        order = _TABLE_ORDER.get(table, -1)
        self.items.append((order, problem.line, column_pos, len(self.items), problem))

    def sorted(self) -> list[Problem]:
        return [item[-1] for item in sorted(self.items, key=lambda x: x[:4])]


def _table_for(stem: str) -> schema.Table | None:
    return schema.TABLES_BY_NAME.get(stem.strip().lower())


def _decode(data: bytes) -> tuple[str, str] | None:
    """The text of a CSV file and its encoding, or None when it is binary."""
    if data.startswith(b"\xef\xbb\xbf"):
        return data[3:].decode("utf-8", errors="replace"), "utf-8-sig"
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        # Excel's "Unicode text" export: UTF-16 with a byte order mark.
        try:
            return data.decode("utf-16"), "utf-16"
        except UnicodeDecodeError:
            return None
    head = data[:65536]
    if b"\x00" in head or head.startswith(b"PK\x03\x04"):
        return None
    try:
        text, encoding = data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        try:
            text, encoding = data.decode("cp1252"), "cp1252"
        except UnicodeDecodeError:  # bytes cp1252 leaves undefined (0x81, 0x8d...)
            text, encoding = data.decode("latin-1"), "latin-1"
    sample = text[:8192]
    controls = sum(1 for c in sample if ord(c) < 32 and c not in "\t\r\n\f\v")
    if sample and controls / len(sample) > 0.01:
        return None
    return text, encoding


def _sniff_separator(header_line: str) -> str:
    """The separator of a CSV file, judged from its header line: `;`, `,` or tab."""
    counts = {sep: header_line.count(sep) for sep in (";", ",", "\t")}
    best = max(counts, key=lambda s: counts[s])
    return best if counts[best] else ","


def _name_columns(
    cells: list[str], raw_table: schema.Table, file: str, header_line: int, out: _Collector
) -> list[str | None]:
    """Column names for the header cells: schema names matched case-insensitively, extra
    names trimmed; None for a column to drop (empty header, or a repeat of a name)."""
    known = {name.lower(): name for name in raw_table.names}
    names: list[str | None] = []
    seen: set[str] = set()
    for cell in cells:
        text = cell.strip().lstrip("\ufeff").strip()
        name = known.get(text.lower(), text)
        if not name:
            names.append(None)
            continue
        if name in seen:
            out.add(
                raw_table.name,
                Problem(
                    file,
                    header_line,
                    name,
                    "column_duplicated",
                    "warning",
                    {"column": name},
                ),
            )
            names.append(None)
            continue
        seen.add(name)
        names.append(name)
    return names


def _finish_raw(
    frame: pd.DataFrame,
    names: list[str | None],
    lines: np.ndarray,
    raw_table: schema.Table,
    file: str,
    location: str,
) -> _Raw:
    """Rename positional columns, trim every cell, drop rows whose cells are all empty."""
    keep = [i for i, n in enumerate(names) if n is not None]
    frame = pd.DataFrame(
        {names[i]: frame.iloc[:, i].astype(str).str.strip() for i in keep}, index=frame.index
    )
    if len(frame.columns):
        filled = (frame != "").any(axis=1).to_numpy()
    else:
        filled = np.zeros(len(frame), dtype=bool)
    if not filled.all():
        frame = frame.loc[filled]
        lines = lines[filled]
    frame = frame.reset_index(drop=True)
    return _Raw(raw_table, file, location, frame, np.asarray(lines, dtype=np.int64))


def _csv_rows_slow(
    text: str, sep: str, width: int, table: schema.Table, file: str, out: _Collector
) -> tuple[list[list[str]], np.ndarray]:
    """Row by row reading, used only when a row has more cells than the header."""
    rows: list[list[str]] = []
    lines: list[int] = []
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=sep)
    next(reader, None)
    for number, row in enumerate(reader, start=2):
        if len(row) > width and any(c.strip() for c in row[width:]):
            out.add(
                table.name,
                Problem(
                    file,
                    number,
                    "",
                    "row_too_long",
                    "error",
                    {"count": len(row), "expected": width},
                ),
            )
            continue
        row = row[:width] + [""] * (width - len(row))
        rows.append(row)
        lines.append(number)
    return rows, np.asarray(lines, dtype=np.int64)


def _read_csv_arrow(data: bytes, sep: str, names: list[str]) -> pd.DataFrame | None:
    """Fast path: pyarrow's multithreaded CSV reader, every cell as text.

    Returns None when pyarrow is missing or the file has ragged rows; the caller then
    falls back to pandas' C parser (which pads short rows) and to the csv module.
    Blank lines are kept as empty rows so that line numbers stay right.
    """
    if not names:
        return None
    try:
        import pyarrow as pa
        import pyarrow.csv as pacsv
    except ImportError:  # pragma: no cover - pandas works without pyarrow
        return None
    try:
        table = pacsv.read_csv(
            io.BytesIO(data),
            read_options=pacsv.ReadOptions(column_names=names, skip_rows=1),
            parse_options=pacsv.ParseOptions(
                delimiter=sep, newlines_in_values=True, ignore_empty_lines=False
            ),
            convert_options=pacsv.ConvertOptions(
                column_types=dict.fromkeys(names, pa.string()),
                strings_can_be_null=False,
                quoted_strings_can_be_null=False,
            ),
        )
    except (pa.ArrowInvalid, pa.ArrowException):
        return None
    text_dtype = pd.Series([], dtype=str).dtype
    if getattr(text_dtype, "storage", "") != "pyarrow":  # pragma: no cover
        return table.to_pandas().astype(str)
    return table.to_pandas(types_mapper={pa.string(): text_dtype}.get)


def _load_csv(
    data: bytes, table: schema.Table, file: str, location: str, out: _Collector, meta: dict
) -> _Raw | None:
    """One CSV file as a raw table, or None (with one error) when it cannot be read."""

    def fail(code: str, **params: Any) -> None:
        out.add(table.name, Problem(file, 0, "", code, "error", params))

    if not data[:4096].strip() and not data.strip():  # no copy of a large file
        fail("file_empty")
        return None
    decoded = _decode(data)
    if decoded is None:
        fail("file_binary")
        return None
    text, encoding = decoded
    if not text[:4096].strip() and not text.strip():
        fail("file_empty")
        return None
    end = text.find("\n")
    sep = _sniff_separator(text[: end if end >= 0 else len(text)])
    meta[table.name] = {"encoding": encoding, "separator": sep}
    try:
        header = next(csv.reader(io.StringIO(text[:65536], newline=""), delimiter=sep))
    except (csv.Error, StopIteration) as exc:
        fail("file_unreadable", reason=str(exc))
        return None
    names = _name_columns(header, table, file, 1, out)
    width = len(header)
    positional = [f"c{i}" for i in range(width)]
    if encoding == "utf-8":
        utf8 = data
    elif encoding == "utf-8-sig":
        utf8 = data[3:]
    else:
        utf8 = text.encode("utf-8")
    frame = _read_csv_arrow(utf8, sep, positional)
    if frame is not None:
        lines = np.arange(2, len(frame) + 2, dtype=np.int64)
        return _finish_raw(frame, names, lines, table, file, location)
    try:
        frame = pd.read_csv(
            io.StringIO(text),
            sep=sep,
            header=0,
            names=positional,
            dtype=str,
            keep_default_na=False,
            na_filter=False,
            skip_blank_lines=False,
            engine="c",
        )
        lines = np.arange(2, len(frame) + 2, dtype=np.int64)
    except pd.errors.ParserError:
        try:
            rows, lines = _csv_rows_slow(text, sep, width, table, file, out)
        except csv.Error as exc:
            fail("file_unreadable", reason=str(exc))
            return None
        frame = pd.DataFrame(rows, columns=positional, dtype=str)
    except (ValueError, UnicodeError) as exc:  # pragma: no cover - defensive
        fail("file_unreadable", reason=str(exc))
        return None
    return _finish_raw(frame, names, lines, table, file, location)


def _cell_text(value: Any) -> str:
    """A workbook cell as the text a user typed: 12 -> "12", 12.0 -> "12", dates ISO."""
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


def _load_sheet(ws: Any, table: schema.Table, file: str, out: _Collector) -> _Raw:
    """One worksheet as a raw table; the first non-empty row is the header."""
    header: list[str] | None = None
    header_line = 1
    rows: list[list[str]] = []
    lines: list[int] = []
    for number, values in enumerate(ws.iter_rows(values_only=True), start=1):
        cells = [_cell_text(v) for v in values]
        if header is None:
            if any(c.strip() for c in cells):
                header = cells
                header_line = number
            continue
        rows.append(cells)
        lines.append(number)
    if header is None:
        header = []
    names = _name_columns(header, table, file, header_line, out)
    width = len(header)
    padded = [r[:width] + [""] * (width - len(r)) for r in rows]
    frame = pd.DataFrame(padded, columns=[f"c{i}" for i in range(width)], dtype=str)
    raw = _finish_raw(frame, names, np.asarray(lines, dtype=np.int64), table, file, ws.title)
    raw.header_line = header_line
    return raw


def _load_workbook(
    source: str | os.PathLike | io.BytesIO, label: str, out: _Collector
) -> tuple[dict[str, _Raw], str | None, bool]:
    """The tables of a workbook; returns (tables, fictional notice or None, readable).

    The notice is the text of the ``fictional`` sheet (first column, one line per row).
    """
    import openpyxl

    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            wb = openpyxl.load_workbook(source, read_only=True, data_only=True)
    except (zipfile.BadZipFile, OSError, KeyError, ValueError, TypeError) as exc:
        reason = str(exc) or type(exc).__name__
        out.add("", Problem(label, 0, "", "file_unreadable", "error", {"reason": reason}))
        return {}, None, False
    except Exception as exc:  # openpyxl raises many kinds on a corrupt workbook
        reason = f"{type(exc).__name__}: {exc}"
        out.add("", Problem(label, 0, "", "file_unreadable", "error", {"reason": reason}))
        return {}, None, False
    raws: dict[str, _Raw] = {}
    fictional: str | None = None
    try:
        for ws in wb.worksheets:
            name = ws.title.strip().lower()
            if name == DEMO_MARKER_SHEET and fictional is None:
                cells = [
                    _cell_text(row[0]) if row else "" for row in ws.iter_rows(values_only=True)
                ]
                fictional = "\n".join(cells).strip()
            table = _table_for(ws.title)
            if table is None or table.name in raws:
                continue
            if hasattr(ws, "reset_dimensions"):
                ws.reset_dimensions()
            raws[table.name] = _load_sheet(ws, table, ws.title, out)
    except Exception as exc:  # a corrupt sheet inside a readable zip
        reason = f"{type(exc).__name__}: {exc}"
        out.add("", Problem(label, 0, "", "file_unreadable", "error", {"reason": reason}))
        return {}, None, False
    finally:
        wb.close()
    return raws, fictional, True


# --------------------------------------------------------------------------------------
# Validation: raw text tables -> clean tables and problems, vectorised
# --------------------------------------------------------------------------------------


def _distinct(values: pd.Series) -> tuple[np.ndarray, pd.Series]:
    """Codes and distinct values of a text column: work on few values, not on every row."""
    codes, uniques = pd.factorize(values)
    return codes, pd.Series(np.asarray(uniques, dtype=object), dtype=str)


def _map_distinct(
    values: pd.Series, func: Any, *, keep_unfound: bool = False
) -> tuple[pd.Series, np.ndarray]:
    """`func(value)` for each cell, computed once per distinct value.

    Returns the mapped text (where `func` gives None: the cell itself if `keep_unfound`,
    else "") and a mask of the cells for which `func` gave a value.
    """
    codes, uniques = _distinct(values)
    mapped = [func(u) for u in uniques]
    found = np.array([m is not None for m in mapped], dtype=bool)
    text = [
        m if m is not None else (u if keep_unfound else "")
        for m, u in zip(mapped, uniques, strict=True)
    ]
    out = pd.Series(text, dtype=str).take(codes).reset_index(drop=True)
    return out, found[codes]


_NUMBER_NOISE = (" ", "\u00a0", "\u202f")


def _parse_numbers(values: pd.Series) -> np.ndarray:
    """Numbers as French Excel writes them ("3,5", "1 200", "1\u00a0200") -> float64.

    Empty or unparsable cells give NaN; the caller tells them apart with ``values == ""``.
    Each distinct text is parsed once.
    """
    codes, uniques = _distinct(values)
    numbers = np.full(len(uniques), np.nan)
    needs = uniques.str.contains("[, \u00a0\u202f]", regex=True).to_numpy(dtype=bool)
    plain = ~needs
    if plain.any():
        numbers[plain] = pd.to_numeric(uniques[plain], errors="coerce").to_numpy(dtype=np.float64)
    if needs.any():
        cleaned = uniques[needs]
        for noise in _NUMBER_NOISE:
            cleaned = cleaned.str.replace(noise, "", regex=False)
        cleaned = cleaned.str.replace(",", ".", regex=False)
        numbers[needs] = pd.to_numeric(cleaned, errors="coerce").to_numpy(dtype=np.float64)
    numbers[~np.isfinite(numbers)] = np.nan
    return numbers[codes]


class _Checker:
    """Validation of one table: records problems and which rows are rejected."""

    def __init__(self, raw: _Raw, out: _Collector) -> None:
        self.raw = raw
        self.table = raw.table
        self.frame = raw.frame
        self.lines = raw.lines
        self.out = out
        self.rejected = np.zeros(len(raw.frame), dtype=bool)
        self.columns: dict[str, Any] = {}
        self._pos = {name: i for i, name in enumerate(raw.frame.columns)}

    def report(
        self,
        mask: np.ndarray,
        column: str,
        code: str,
        severity: str = "error",
        *,
        key: str | None = "value",
        values: pd.Series | None = None,
        extra: dict[str, Any] | None = None,
        per_row: Callable[[int], dict[str, Any]] | None = None,
    ) -> None:
        """One problem for each row in `mask`; an error also rejects the row.

        The message fields are `extra`, plus `key` = the cell of `values` (by default the
        cell as typed in `column`), plus `per_row(i)` when given.
        """
        idx = np.flatnonzero(mask)
        if not len(idx):
            return
        if severity == "error":
            self.rejected[idx] = True
        pos = self._pos.get(column, len(self._pos))
        if values is None and key is not None and column in self.frame:
            values = self.frame[column]
        typed = values.take(idx).tolist() if values is not None and key is not None else None
        lines = self.lines[idx].tolist()
        for n, i in enumerate(idx.tolist()):
            params = dict(extra) if extra else {}
            if typed is not None:
                params[key] = typed[n]  # type: ignore[index]
            if per_row is not None:
                params.update(per_row(i))
            self.out.add(
                self.table.name,
                Problem(self.raw.file, lines[n], column, code, severity, params),  # type: ignore[arg-type]
                pos,
            )

    def text(self, name: str) -> pd.Series:
        if name in self.frame:
            return self.frame[name]
        return pd.Series([""] * len(self.frame), dtype=str)

    def check(self) -> None:
        for column in self.table.columns:
            s = self.text(column.name)
            empty = (s == "").to_numpy()
            if column.required:
                self.report(empty, column.name, "value_missing", key=None)
            kind = column.kind
            if kind.startswith("enum:"):
                self.columns[column.name] = self._enum(column, s, empty)
            elif kind == "float":
                self.columns[column.name] = self._coordinate(column, s, empty)
            elif kind == "positive":
                self.columns[column.name] = self._positive(column, s, empty)
            elif kind in ("int", "year"):
                self.columns[column.name] = self._integer(column, s, empty)
            else:
                self.columns[column.name] = s

    def _enum(self, column: schema.Column, s: pd.Series, empty: np.ndarray) -> pd.Series:
        vocabulary = column.kind.split(":", 1)[1]
        default = column.default if isinstance(column.default, str) else ""
        canonical, known = _map_distinct(
            s, lambda v: schema.canonical(vocabulary, v) if v else default
        )
        unknown = (~empty) & ~known
        allowed = ", ".join(schema.VOCABULARIES[vocabulary])
        self.report(
            unknown,
            column.name,
            "enum_unknown",
            extra={"allowed": allowed},
        )
        return canonical

    def _coordinate(self, column: schema.Column, s: pd.Series, empty: np.ndarray) -> np.ndarray:
        numbers = _parse_numbers(s)
        bad = (~empty) & np.isnan(numbers)
        self.report(bad, column.name, "coordinate_not_a_number", "warning")
        low, high = _LAT_RANGE if column.name == "lat" else _LON_RANGE
        with np.errstate(invalid="ignore"):
            out_of_range = ~np.isnan(numbers) & ((numbers < low) | (numbers > high))
        self.report(
            out_of_range,
            column.name,
            "coordinate_out_of_range",
            "warning",
            extra={"min": low, "max": high},
        )
        numbers[out_of_range] = np.nan
        return numbers

    def _positive(self, column: schema.Column, s: pd.Series, empty: np.ndarray) -> np.ndarray:
        numbers = _parse_numbers(s)
        bad = (~empty) & np.isnan(numbers)
        self.report(bad, column.name, "not_a_number")
        with np.errstate(invalid="ignore"):
            not_positive = ~np.isnan(numbers) & (numbers <= 0)
        self.report(not_positive, column.name, "not_positive")
        default = float(column.default) if column.default is not None else np.nan
        numbers[empty] = default
        return numbers

    def _integer(self, column: schema.Column, s: pd.Series, empty: np.ndarray) -> pd.Series:
        numbers = _parse_numbers(s)
        with np.errstate(invalid="ignore"):
            whole = ~np.isnan(numbers) & (np.floor(numbers) == numbers)
            if column.kind == "year":
                ok = whole & (numbers >= schema.YEAR_MIN) & (numbers <= schema.YEAR_MAX)
            else:
                ok = whole & (numbers >= 0) & (numbers < 2**53)
        bad = (~empty) & ~ok
        if column.kind == "year":
            self.report(
                bad,
                column.name,
                "not_a_year",
                extra={"min": schema.YEAR_MIN, "max": schema.YEAR_MAX},
            )
        else:
            self.report(bad, column.name, "not_an_integer")
        clean = np.where(ok, numbers, 0).astype(np.int64)
        return pd.Series(pd.arrays.IntegerArray(clean, ~ok))

    def result(self) -> tuple[pd.DataFrame, np.ndarray]:
        """The kept rows with schema columns typed, then extra columns as text."""
        keep = ~self.rejected
        data: dict[str, Any] = {}
        for column in self.table.columns:
            values = self.columns[column.name]
            data[column.name] = (
                values.array[keep] if isinstance(values, pd.Series) else values[keep]
            )
        if self.table.keep_extra_columns:
            for name in self.frame.columns:
                if name not in data:
                    data[name] = self.frame[name].array[keep]
        frame = pd.DataFrame(data)
        for column in self.table.columns:
            _set_dtype(frame, column)
        for name in frame.columns:
            if name not in self.table.names:
                frame[name] = frame[name].astype(str)
        return frame, self.lines[keep]


def _set_dtype(frame: pd.DataFrame, column: schema.Column) -> None:
    if column.kind in ("float", "positive"):
        frame[column.name] = frame[column.name].astype(np.float64)
    elif column.kind in ("int", "year"):
        frame[column.name] = frame[column.name].astype("Int64")
    else:
        frame[column.name] = frame[column.name].astype(str)


def _empty_frame(table: schema.Table) -> pd.DataFrame:
    frame = pd.DataFrame({c.name: pd.Series([], dtype=object) for c in table.columns})
    for column in table.columns:
        _set_dtype(frame, column)
    return frame


def _missing_columns(raw: _Raw, out: _Collector) -> bool:
    """One error per required column the header lacks; True when the table is unusable."""
    missing = [c for c in raw.table.required if c not in raw.frame.columns]
    header_line = raw.header_line
    for i, name in enumerate(missing):
        out.add(
            raw.table.name,
            Problem(raw.file, header_line, name, "column_missing", "error", {"column": name}),
            i,
        )
    return bool(missing)


def _resolve(
    checker: _Checker,
    column: str,
    reference: pd.DataFrame | None,
    code: str,
) -> None:
    """Territory or sector cells naming a row of `reference` by id or exact name -> its id."""
    if reference is None or not len(reference):
        return
    s = checker.columns[column]
    # the first row wins when two share a name, as for ids
    by_name = dict(zip(reference["name"][::-1], reference["id"][::-1], strict=True))
    by_id = dict(zip(reference["id"], reference["id"], strict=True))
    lookup = {**by_name, **by_id}  # an id wins over a name that happens to equal it
    resolved, found = _map_distinct(s, lookup.get, keep_unfound=True)
    unknown = ~found & (s != "").to_numpy() & ~checker.rejected
    checker.report(unknown, column, code, "warning")
    checker.columns[column] = resolved


def _validate(
    raws: dict[str, _Raw | None], out: _Collector
) -> tuple[dict[str, pd.DataFrame], dict[str, list[int]]]:
    checkers: dict[str, _Checker] = {}
    for table in schema.TABLES:
        raw = raws.get(table.name)
        if raw is None or _missing_columns(raw, out):
            continue
        checker = _Checker(raw, out)
        checker.check()
        checkers[table.name] = checker

    # Ids: one namespace for structures, pôles and partners (first row wins, in that
    # order); territories and sectors each have their own.
    def duplicated(names: tuple[str, ...]) -> None:
        parts = [
            pd.DataFrame(
                {
                    "id": checkers[n].columns["id"],
                    "table": n,
                    "row": np.arange(len(checkers[n].frame)),
                    "line": checkers[n].lines,
                }
            )
            for n in names
            if n in checkers
        ]
        if not parts:
            return
        ids = pd.concat(parts, ignore_index=True)
        ids = ids[ids["id"] != ""]
        dup = ids["id"].duplicated(keep="first").to_numpy()
        if not dup.any():
            return
        repeated = ids.loc[dup, "id"].unique()
        firsts = ids.loc[~dup & ids["id"].isin(repeated).to_numpy()]
        origin = {
            i: {"first_file": checkers[t].raw.file, "first_line": int(line)}
            for i, t, line in zip(firsts["id"], firsts["table"], firsts["line"], strict=True)
        }
        for name in names:
            if name not in checkers:
                continue
            rows = ids.loc[dup & (ids["table"] == name).to_numpy()]
            if rows.empty:
                continue
            checker = checkers[name]
            mask = np.zeros(len(checker.frame), dtype=bool)
            mask[rows["row"].to_numpy()] = True
            id_values = checker.columns["id"]
            checker.report(
                mask,
                "id",
                "id_duplicated",
                key="id",
                values=id_values,
                per_row=lambda i, v=id_values: origin[v.iat[i]],
            )

    duplicated(schema.NODE_TABLES)
    duplicated(("territories",))
    duplicated(("sectors",))

    def kept(name: str) -> pd.DataFrame | None:
        c = checkers.get(name)
        if c is None:
            return None
        return pd.DataFrame(
            {"id": c.columns["id"][~c.rejected], "name": c.columns["name"][~c.rejected]}
        )

    territories = kept("territories")
    sectors = kept("sectors")
    for name in ("structures", "poles"):
        if name in checkers:
            _resolve(checkers[name], "territory", territories, "territory_unknown")
    if "structures" in checkers:
        _resolve(checkers["structures"], "sector", sectors, "sector_unknown")

    # Valid node ids (unique: duplicates were rejected) and the table of each, as a code
    # into schema.NODE_TABLES.
    present = [n for n in schema.NODE_TABLES if n in checkers]
    node_ids = pd.concat(
        [checkers[n].columns["id"][~checkers[n].rejected] for n in present]
        or [pd.Series([], dtype=str)],
        ignore_index=True,
    )
    node_tables = np.concatenate(
        [np.full(int((~checkers[n].rejected).sum()), schema.NODE_TABLES.index(n)) for n in present]
        or [np.empty(0, dtype=np.int64)]
    )

    if "structures" in checkers:
        c = checkers["structures"]
        pole = c.columns["pole"]
        valid_poles = node_ids[node_tables == schema.NODE_TABLES.index("poles")].to_numpy()
        unknown = (pole != "").to_numpy() & ~pole.isin(valid_poles).to_numpy() & ~c.rejected
        c.report(unknown, "pole", "pole_unknown", "warning")
        c.columns["pole"] = pole.where(~unknown, "")

    if "links" in checkers:
        _check_links(checkers["links"], node_ids, node_tables)

    frames: dict[str, pd.DataFrame] = {}
    lines: dict[str, list[int]] = {}
    for table in schema.TABLES:
        if table.name in checkers:
            frame, kept_lines = checkers[table.name].result()
        else:
            frame, kept_lines = _empty_frame(table), np.zeros(0, dtype=np.int64)
        frames[table.name] = frame
        lines[table.name] = kept_lines.tolist()
    return frames, lines


def _positions(ids: pd.Series, *columns: pd.Series) -> list[np.ndarray]:
    """For each cell of each column, its position in `ids` (unique), or -1.

    One joint factorisation (hashing in pyarrow when available) instead of a lookup of
    a million Python strings in an index.
    """
    codes, uniques = pd.factorize(pd.concat([ids, *columns], ignore_index=True))
    position = np.full(len(uniques), -1, dtype=np.int64)
    position[codes[: len(ids)]] = np.arange(len(ids))
    out = []
    start = len(ids)
    for column in columns:
        out.append(position[codes[start : start + len(column)]])
        start += len(column)
    return out


def _check_links(c: _Checker, node_ids: pd.Series, node_tables: np.ndarray) -> None:
    """Endpoints known and distinct; kinds with expected endpoint types (warning)."""
    src = c.columns["source"]
    tgt = c.columns["target"]
    src_pos, tgt_pos = _positions(node_ids, src, tgt)
    src_empty = (src == "").to_numpy()
    tgt_empty = (tgt == "").to_numpy()
    same = (src == tgt).to_numpy() & ~src_empty
    c.report(
        (src_pos < 0) & ~src_empty,
        "source",
        "endpoint_unknown",
        key="id",
        values=src,
    )
    c.report(
        (tgt_pos < 0) & ~tgt_empty & ~same,
        "target",
        "endpoint_unknown",
        key="id",
        values=tgt,
    )
    c.report(same, "target", "self_link", key="id", values=src)

    kinds = c.columns["kind"]
    st = np.where(src_pos >= 0, node_tables[np.maximum(src_pos, 0)] if len(node_tables) else -1, -1)
    tt = np.where(tgt_pos >= 0, node_tables[np.maximum(tgt_pos, 0)] if len(node_tables) else -1, -1)
    for kind, (sources, targets) in schema.LINK_ENDPOINTS.items():
        of_kind = (kinds == kind).to_numpy() & ~c.rejected
        if not of_kind.any():
            continue
        source_codes = [schema.NODE_TABLES.index(n) for n in sources]
        target_codes = [schema.NODE_TABLES.index(n) for n in targets]
        fits = (np.isin(st, source_codes) & np.isin(tt, target_codes)) | (
            np.isin(st, target_codes) & np.isin(tt, source_codes)
        )  # links are undirected
        unusual = of_kind & ~fits

        c.report(
            unusual,
            "kind",
            f"link_endpoints_unusual_{kind}",
            "warning",
            key=None,
            extra={"kind": kind},
            per_row=lambda i: {
                "found": f"{schema.NODE_TABLES[st[i]]} – {schema.NODE_TABLES[tt[i]]}"
            },
        )


# --------------------------------------------------------------------------------------
# Public API
# --------------------------------------------------------------------------------------


def _assemble(
    raws: dict[str, _Raw | None],
    out: _Collector,
    *,
    source: str,
    fictional: str | None,
    csv_meta: dict | None = None,
    check_missing: bool = True,
) -> Network:
    if check_missing:
        for table in schema.TABLES:
            if not table.optional_table and table.name not in raws:
                out.add(
                    table.name,
                    Problem(table.name, 0, "", "table_missing", "error", {"table": table.name}),
                )
    frames, lines = _validate(raws, out)
    meta: dict[str, Any] = {
        "lines": lines,
        "files": {name: raw.location for name, raw in raws.items() if raw is not None},
    }
    if csv_meta:
        meta["csv"] = csv_meta
    if fictional:
        meta["fictional_text"] = fictional
    return Network(
        structures=frames["structures"],
        poles=frames["poles"],
        partners=frames["partners"],
        links=frames["links"],
        territories=frames["territories"],
        sectors=frames["sectors"],
        problems=out.sorted(),
        source=source,
        is_demo=fictional is not None,
        meta=meta,
    )


def _fictional_notice(readers: Mapping[str, Callable[[], bytes]]) -> str | None:
    """The text of the demo marker file among `readers` (name -> read()), or None.

    An unreadable or empty marker still marks the demo (the notice is then "").
    """
    for name, read in readers.items():
        if name.lower() == DEMO_MARKER_FILE.lower():
            try:
                return read()[:100_000].decode("utf-8", errors="replace").strip()
            except OSError:
                return ""
    return None


def _csv_files(paths: Mapping[str, Any]) -> dict[str, tuple[schema.Table, str]]:
    """Map table name -> (table, file name) for names like ``Structures.csv``."""
    found: dict[str, tuple[schema.Table, str]] = {}
    for name in sorted(paths):
        p = Path(name)
        if p.suffix.lower() != ".csv":
            continue
        table = _table_for(p.stem)
        if table is not None and table.name not in found:
            found[table.name] = (table, name)
    return found


def read_network(path: str | os.PathLike) -> Network:
    """Read and validate a network from a folder of CSV files or an .xlsx workbook.

    Parameters
    ----------
    path : str or PathLike
        A folder holding ``structures.csv``, ``poles.csv``, ``partners.csv``,
        ``links.csv`` and optionally ``territories.csv`` and ``sectors.csv`` (names are
        matched case-insensitively), or an ``.xlsx`` workbook with sheets of those names.

    Returns
    -------
    Network
        Clean tables (see the module docstring) and ``problems``, sorted by table, line
        and column. ``is_demo`` is True for a folder holding ``FICTIONAL.md`` or a workbook
        holding a ``fictional`` sheet.

    Raises
    ------
    NetworkPathError
        When `path` does not exist, is neither a folder nor an ``.xlsx`` file, or is a
        folder that cannot be listed. Faulty data never raises: it becomes problems.

    Examples
    --------
    >>> import tempfile, pathlib
    >>> folder = pathlib.Path(tempfile.mkdtemp())
    >>> _ = (folder / "structures.csv").write_text(
    ...     "id;name;family;sector;territory\\n001;NA;Coopérative;culture;Rennes\\n"
    ... )
    >>> _ = (folder / "poles.csv").write_text("id,name,territory,status\\n")
    >>> _ = (folder / "partners.csv").write_text("id,name,kind\\n")
    >>> _ = (folder / "links.csv").write_text("source,target,kind\\n001,001,cooperation\\n")
    >>> net = read_network(folder)
    >>> net.structures[["id", "name", "family"]].values.tolist()
    [['001', 'NA', 'cooperative']]
    >>> [(p.file, p.line, p.column, p.severity) for p in net.problems]
    [('links', 2, 'target', 'error')]
    """
    p = Path(path)
    if not p.exists():
        raise NetworkPathError(Problem(str(p), 0, "", "path_missing", "error", {"path": str(p)}))
    out = _Collector()
    if p.is_dir():
        try:
            entries = {child.name: child for child in p.iterdir() if child.is_file()}
        except OSError as exc:  # e.g. a folder we may not list
            raise NetworkPathError(
                Problem(str(p), 0, "", "file_unreadable", "error", {"reason": str(exc)})
            ) from exc
        fictional = _fictional_notice({n: entries[n].read_bytes for n in entries})
        raws: dict[str, _Raw | None] = {}
        csv_meta: dict[str, Any] = {}
        for table_name, (table, name) in _csv_files(entries).items():
            file_path = entries[name]
            try:
                data = file_path.read_bytes()
            except OSError as exc:
                out.add(
                    table_name,
                    Problem(
                        Path(name).stem, 0, "", "file_unreadable", "error", {"reason": str(exc)}
                    ),
                )
                raws[table_name] = None
                continue
            raws[table_name] = _load_csv(
                data, table, Path(name).stem, str(file_path), out, csv_meta
            )
        return _assemble(raws, out, source=str(p), fictional=fictional, csv_meta=csv_meta)
    if p.is_file() and p.suffix.lower() == ".xlsx":
        sheets, fictional, readable = _load_workbook(p, p.stem, out)
        return _assemble(
            dict(sheets), out, source=str(p), fictional=fictional, check_missing=readable
        )
    raise NetworkPathError(Problem(str(p), 0, "", "path_unsupported", "error", {"path": str(p)}))


def read_network_from_files(files: Mapping[str, bytes]) -> Network:
    """Read and validate a network from uploaded files: file name -> content.

    Either CSV files named like the tables (``structures.csv``..., any case) or one
    ``.xlsx`` workbook (when several are given, the first by name is read). A file
    ``FICTIONAL.md`` or a ``fictional`` sheet marks the demo. Same validation and same
    result as `read_network`; ``meta["files"]`` holds the uploaded file names.
    """
    out = _Collector()
    names = sorted(files)
    source = ", ".join(names)
    workbooks = [n for n in names if Path(n).suffix.lower() == ".xlsx"]
    if workbooks:
        name = workbooks[0]
        sheets, fictional, readable = _load_workbook(io.BytesIO(files[name]), Path(name).stem, out)
        return _assemble(
            dict(sheets), out, source=name, fictional=fictional, check_missing=readable
        )
    fictional = _fictional_notice({Path(n).name: (lambda n=n: files[n]) for n in names})
    raws: dict[str, _Raw | None] = {}
    csv_meta: dict[str, Any] = {}
    for table_name, (table, name) in _csv_files(files).items():
        raws[table_name] = _load_csv(files[name], table, Path(name).stem, name, out, csv_meta)
    return _assemble(raws, out, source=source, fictional=fictional, csv_meta=csv_meta)


def read_summary(net: Network, lang: str = DEFAULT_LANG) -> str:
    """One line: rows kept per table, then the number of errors and warnings.

    >>> net = read_network_from_files({})
    >>> read_summary(net, "en")
    'rows kept: structures 0, pôles 0, partners 0, links 0; 4 error(s), 0 warning(s)'
    """
    counts = []
    for table in schema.TABLES:
        frame = getattr(net, table.name)
        if table.optional_table and not len(frame):
            continue
        counts.append(f"{t(f'read.table.{table.name}', lang)} {len(frame)}")
    rows = t("read.kept", lang, counts=", ".join(counts))
    errors = sum(1 for p in net.problems if p.severity == "error")
    warnings_ = len(net.problems) - errors
    return t("read.summary", lang, rows=rows, errors=errors, warnings=warnings_)
