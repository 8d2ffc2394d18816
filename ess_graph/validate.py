"""Which rows of a source make a valid network, and what exactly is wrong with the others?

`validate` is the one place where the data contract (`ess_graph.schema`) is checked. Every
source (CSV files, workbooks, meeting-mode edits, a workspace, the importers) first becomes
`ess_graph.tables.RawTable`s of text; `validate` turns them into a clean `Network` and a
list of `Problem` (file, line, column, message in French and English, severity). It never
raises on bad data and decides **per row**: a row with an error is left out, every other
row is kept.

What is done to every cell, whatever the source
-----------------------------------------------
- control characters (`ess_graph.safe_text.UNWRITABLE`: C0 but tab, line feed and
  carriage return; DEL; C1; U+FFFE, U+FFFF; lone surrogates), which no file of ours may
  hold, are removed, with one warning per cell saying which;
- blanks around the text are trimmed (zero-width spaces and stray byte-order marks too);
- the text is put in Unicode NFC form, so that « é » typed on a Mac (``e`` + accent) and
  on Windows compare equal, ids included;
- an apostrophe that protects formula-like text (``'=...``, ``'+...``, ``'-...``,
  ``'@...``), as ess_graph and spreadsheets write it, is removed;
- rows whose cells are all empty are skipped (their line numbers still count).

Clean tables
------------
- text columns (ids, names, references, extra columns) hold Python ``str``; an empty cell
  is ``""``. ``001`` stays ``001``, ``NA`` stays ``NA``.
- ``lat``, ``lon`` and ``weight`` are ``float64`` (``weight`` defaults to 1.0, empty
  coordinates are NaN); ``since``, ``founded`` and ``employees`` are pandas ``"Int64"``.
- vocabulary columns (``family``, ``status``, ``kind``) hold the canonical value of
  `ess_graph.schema` (French labels such as « Coopérative » are accepted); the ``status``
  of a link defaults to ``confirmed``.
- resource lists (``needs``, ``offers`` of a structure) hold the codes of
  `schema.RESOURCES` sorted, once each, joined by ``|`` (« Locaux ; véhicule » becomes
  ``premises|vehicle``); an item not understood is a warning (``resource_unknown``) that
  drops that item only. These survey columns are present only when the input has them
  (`schema.Table.survey_columns`), right after the schema columns.
- an unusable value in an **optional** column (a year, a number of employees, a
  coordinate, a weight) is a warning: that value is emptied (the weight falls back to 1)
  and the row is kept, so its links are kept too.
- when a ``territories`` (``sectors``) table is given, ``territory`` (``sector``) cells
  that name one by id or exact name are stored as its id; an unknown one is a warning and
  the value is kept as typed. A ``pole`` that names no valid pôle is a warning and is set
  to ``""``.
- a link whose end names a row that was left out says so (`endpoint_rejected`, with that
  row's file and line), not just "unknown id".
- every schema column is present (optional ones filled with their default), followed by
  the extra columns of the input, as text. Missing optional tables are empty frames with
  their schema columns.

``net.meta["lines"]`` maps each table to the line of each kept row, ``net.meta["rows_read"]``
to the number of non-empty rows read, ``net.meta["files"]`` to where each table was found.

Validation is vectorised with pandas: loops run over problems or distinct values, never
over rows, so a million links are checked in seconds.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable, Mapping, Sequence
from typing import Any

import numpy as np
import pandas as pd

from ess_graph import schema
from ess_graph.i18n import register
from ess_graph.network import Network
from ess_graph.problems import Problem, ProblemLog
from ess_graph.safe_text import FORMULA_TRIGGERS, UNWRITABLE, code_point
from ess_graph.tables import RawNetwork, RawTable, raw_table

__all__ = ["VALUE_IGNORED", "clean_cell", "validate", "validate_rows"]

#: Warnings that mean a typed value was emptied (the row is kept). A file keeps its row;
#: a form (a meeting-mode edit, a survey answer) refuses the value and says why instead,
#: since the person who typed it is there to correct it.
VALUE_IGNORED: frozenset[str] = frozenset(
    {
        "not_a_number",
        "not_positive",
        "not_an_integer",
        "not_a_year",
        "coordinate_not_a_number",
        "coordinate_out_of_range",
        "resource_unknown",
    }
)

_LAT_RANGE = (-90, 90)
_LON_RANGE = (-180, 180)
_NODE_TYPE_LABELS = {
    "structures": ("une structure", "a structure"),
    "poles": ("un pôle", "a pôle"),
    "partners": ("un partenaire", "a partner"),
}

# Blanks `str.strip` leaves: zero-width space, word joiner, byte-order mark.
_INVISIBLE = "\u200b\u2060\ufeff"
#: A date whose year a `year` column keeps: 15/03/1987, 15-03-1987, 03/1987, 1987-03-15,
#: 1987-03-15T00:00:00 (two-digit years are not dates: 15/03/87 stays an error).
_DATE = re.compile(
    r"^(?:(?:\d{1,2}[/.-])?\d{1,2}[/.-](\d{4})|(\d{4})-\d{1,2}-\d{1,2}(?:[T ][\d:.]*)?)$"
)
_DATE_ANY = _DATE.pattern.replace("(\\d{4})", "\\d{4}")  # the same, without groups


def _year_of(match: re.Match[str]) -> str:
    return match.group(1) or match.group(2)


#: An apostrophe that makes formula-like text inert (ess_graph.io.write writes it).
_INERT_PREFIX = "'[" + re.escape("".join(FORMULA_TRIGGERS)) + "]"


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
        "problem.control_characters": {
            "fr": "caractères de contrôle retirés ({chars}) ; valeur gardée sans eux",
            "en": "control characters removed ({chars}); value kept without them",
        },
        "problem.coordinate_not_a_number": {
            "fr": "« {value} » n'est pas un nombre ; coordonnée ignorée, ligne gardée",
            "en": "'{value}' is not a number; coordinate ignored, row kept",
        },
        "problem.endpoint_by_name": {
            "fr": "« {name} » est le nom d'un seul nœud, d'identifiant « {id} » : lien gardé avec cet identifiant",
            "en": "'{name}' is the name of one node, whose id is '{id}': link kept with that id",
        },
        "problem.resource_unknown": {
            "fr": "ressource inconnue : « {items} » (attendu : {allowed}, ou leur nom en français) ; élément ignoré, ligne gardée",
            "en": "unknown resource: '{items}' (expected: {allowed}, or their French names); item ignored, row kept",
        },
        "problem.endpoint_rejected": {
            "fr": "« {id} » a été écarté ({file}, ligne {line}, en erreur) ; lien écarté",
            "en": "'{id}' was left out ({file}, line {line}, in error); link left out",
        },
        **_endpoint_messages(),
    }
)


# --------------------------------------------------------------------------------------
# Cells: what is done to the text of every source
# --------------------------------------------------------------------------------------


def _as_text(series: pd.Series) -> pd.Series:
    """Every cell a ``str`` ("" for a missing one). Cells from Python (an edit) stay in an
    object column until cleaned: a lone surrogate does not fit in Arrow's strings."""
    if series.dtype == object:
        values = [v if isinstance(v, str) else ("" if v is None else str(v)) for v in series]
        series = pd.Series(values, dtype=object)
    return series


# What makes a cell need `clean_cell` rather than trimming and NFC, in RE2 syntax (the
# regex engine of Arrow): `safe_text.UNWRITABLE` (no surrogate can be in Arrow text), and
# the invisible blanks.
_SPECIAL_RE2 = r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\x{fffe}\x{ffff}\x{200b}\x{2060}\x{feff}]"


def clean_cell(text: str) -> tuple[str, list[str]]:
    """One cell: its clean text (controls removed, trimmed, invisible blanks at its ends
    removed, NFC) and the control characters it held. Header cells get the same.

    >>> clean_cell(" Cafe\u0301\x07\u200b ")
    ('Café', ['\\x07'])
    """
    controls = sorted(set(UNWRITABLE.findall(text)))
    if controls:
        text = UNWRITABLE.sub("", text)
    text = text.strip().strip(_INVISIBLE).strip()
    if not text.isascii():
        text = unicodedata.normalize("NFC", text)
    return text, controls


def _clean_column(s: pd.Series) -> tuple[pd.Series, list[tuple[int, list[str]]]]:
    """A column cleaned, and the (row, control characters) of the cells that held some.

    Arrow-backed text (files) is cleaned in a few passes in C: cells of printable ASCII
    (most of them) are only trimmed, other cells are trimmed and put in NFC, and only the
    cells holding a control character or an invisible blank go through `clean_cell`.
    Python strings (an edit, a workspace) go through `clean_cell` when not plain ASCII.
    """
    array = getattr(s.array, "_pa_array", None)
    if array is None:
        values = s.tolist()
        found = []
        for i, text in enumerate(values):
            if not (text.isascii() and text.isprintable()):
                values[i], controls = clean_cell(text)
                if controls:
                    found.append((i, controls))
        return pd.Series(values, dtype=str).str.strip(), found
    import pyarrow as pa
    import pyarrow.compute as pc

    if isinstance(array, pa.ChunkedArray):  # replace_with_mask takes plain arrays
        array = array.combine_chunks()
    stripped = pc.utf8_trim_whitespace(array)
    odd_mask = pc.invert(pc.ascii_is_printable(array))
    if not pc.any(odd_mask).as_py():
        return pd.Series(s.dtype.__from_arrow__(stripped)), []
    odd = np.flatnonzero(odd_mask.to_numpy(zero_copy_only=False))
    sub = array.take(pa.array(odd))
    cleaned = pc.utf8_normalize(pc.utf8_trim_whitespace(sub), form="NFC")
    special = pc.match_substring_regex(sub, _SPECIAL_RE2)
    found = []
    if pc.any(special).as_py():
        fixed = []
        for k in np.flatnonzero(special.to_numpy(zero_copy_only=False)).tolist():
            clean, controls = clean_cell(sub[k].as_py())
            fixed.append(clean)
            if controls:
                found.append((int(odd[k]), controls))
        cleaned = pc.replace_with_mask(cleaned, special, pa.array(fixed, type=cleaned.type))
    whole = pc.replace_with_mask(stripped, odd_mask, cleaned)
    return pd.Series(s.dtype.__from_arrow__(whole)), found


def _clean_text(raw: RawTable, log: ProblemLog) -> pd.DataFrame:
    """The cells of `raw` cleaned as the module docstring says; warnings go to `log`.

    `raw.frame` is emptied column by column as it is cleaned, so that a million links are
    not held twice (the raw tables are the validator's to consume).
    """
    frame = raw.frame
    columns = list(frame.columns)
    rows = len(frame)
    out: dict[str, pd.Series] = {}
    for pos, name in enumerate(columns):
        s, found = _clean_column(_as_text(frame.pop(name).reset_index(drop=True)))
        for i, controls in found:
            shown = ", ".join(code_point(c) for c in controls[:5])
            log.add(
                raw.table,
                Problem(
                    raw.file,
                    int(raw.lines[i]),
                    name,
                    "control_characters",
                    "warning",
                    {"chars": shown + (", …" if len(controls) > 5 else "")},
                ),
                pos,
            )
        quoted = s.str.startswith("'").to_numpy(dtype=bool)
        if quoted.any():
            inert = quoted & s.str.match(_INERT_PREFIX).to_numpy(dtype=bool)
            if inert.any():
                s = s.copy()
                s[inert] = s[inert].str.slice(1)
        out[name] = s
    return pd.DataFrame(out, index=pd.RangeIndex(rows), columns=columns)


# --------------------------------------------------------------------------------------
# Values
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

    def __init__(self, raw: RawTable, frame: pd.DataFrame, lines: np.ndarray, log: ProblemLog):
        self.raw = raw
        self.table = raw.schema_table
        self.frame = frame
        self.lines = lines
        self.log = log
        self.rejected = np.zeros(len(frame), dtype=bool)
        self.columns: dict[str, Any] = {}
        self._pos = {name: i for i, name in enumerate(frame.columns)}

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
            self.log.add(
                self.table.name,
                Problem(self.raw.file, lines[n], column, code, severity, params),  # type: ignore[arg-type]
                pos,
            )

    def text(self, name: str) -> pd.Series:
        if name in self.frame:
            return self.frame[name]
        return pd.Series([""] * len(self.frame), dtype=str)

    def present_survey_columns(self) -> list[schema.Column]:
        """The survey columns (`schema.Table.survey_columns`) that the input has."""
        return [c for c in self.table.survey_columns if c.name in self.frame.columns]

    def check(self) -> None:
        for column in (*self.table.columns, *self.present_survey_columns()):
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
            elif kind == "resources":
                self.columns[column.name] = self._resources(column, s)
            else:
                self.columns[column.name] = s

    def _severity(self, column: schema.Column) -> str:
        """An unusable value in an optional column empties that value and keeps the row."""
        return "error" if column.required else "warning"

    def _enum(self, column: schema.Column, s: pd.Series, empty: np.ndarray) -> pd.Series:
        # A vocabulary value is never guessed, even in an optional column: an unknown link
        # status read as the default "confirmed" would put an idea into the figures.
        vocabulary = column.kind.split(":", 1)[1]
        default = column.default if isinstance(column.default, str) else ""
        canonical, known = _map_distinct(
            s, lambda v: schema.canonical(vocabulary, v) if v else default
        )
        unknown = (~empty) & ~known
        allowed = ", ".join(schema.VOCABULARIES[vocabulary])
        self.report(unknown, column.name, "enum_unknown", extra={"allowed": allowed})
        return canonical

    def _resources(self, column: schema.Column, s: pd.Series) -> pd.Series:
        """A list of pooling resources: French or English labels become codes, kept sorted
        and once each; an item not understood is a warning that drops that item only."""
        codes, uniques = _distinct(s)
        parsed = [schema.parse_resources(u) for u in uniques]
        clean = pd.Series([schema.RESOURCE_SEPARATOR.join(found) for found, _ in parsed], dtype=str)
        unknown = np.array([bool(bad) for _, bad in parsed], dtype=bool)
        if len(codes) and unknown.any():
            items = [", ".join(bad) for _, bad in parsed]
            self.report(
                unknown[codes],
                column.name,
                "resource_unknown",
                "warning",
                key=None,
                extra={"allowed": ", ".join(schema.RESOURCES)},
                per_row=lambda i: {"items": items[codes[i]]},
            )
        return clean.take(codes).reset_index(drop=True) if len(codes) else clean.iloc[:0]

    def _coordinate(self, column: schema.Column, s: pd.Series, empty: np.ndarray) -> np.ndarray:
        numbers = _parse_numbers(s)
        bad = (~empty) & np.isnan(numbers)
        self.report(bad, column.name, "coordinate_not_a_number", self._severity(column))
        low, high = _LAT_RANGE if column.name == "lat" else _LON_RANGE
        with np.errstate(invalid="ignore"):
            out_of_range = ~np.isnan(numbers) & ((numbers < low) | (numbers > high))
        self.report(
            out_of_range,
            column.name,
            "coordinate_out_of_range",
            self._severity(column),
            extra={"min": low, "max": high},
        )
        numbers[out_of_range] = np.nan
        return numbers

    def _positive(self, column: schema.Column, s: pd.Series, empty: np.ndarray) -> np.ndarray:
        numbers = _parse_numbers(s)
        bad = (~empty) & np.isnan(numbers)
        self.report(bad, column.name, "not_a_number", self._severity(column))
        with np.errstate(invalid="ignore"):
            not_positive = ~np.isnan(numbers) & (numbers <= 0)
        self.report(not_positive, column.name, "not_positive", self._severity(column))
        default = float(column.default) if column.default is not None else np.nan
        numbers[empty | bad | not_positive] = default
        return numbers

    def _integer(self, column: schema.Column, s: pd.Series, empty: np.ndarray) -> pd.Series:
        if column.kind == "year" and s.str.contains(_DATE_ANY, regex=True).any():
            # a year typed as a whole date (« date de création » 15/03/1987, or a workbook
            # date cell, 1987-03-15): its year
            s = s.str.replace(_DATE, _year_of, regex=True)
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
                self._severity(column),
                extra={"min": schema.YEAR_MIN, "max": schema.YEAR_MAX},
            )
        else:
            self.report(bad, column.name, "not_an_integer", self._severity(column))
        clean = np.where(ok, numbers, 0).astype(np.int64)
        return pd.Series(pd.arrays.IntegerArray(clean, ~ok))

    def result(self) -> tuple[pd.DataFrame, np.ndarray]:
        """The kept rows with schema columns typed, then extra columns as text."""
        keep = ~self.rejected
        data: dict[str, Any] = {}
        checked = (*self.table.columns, *self.present_survey_columns())
        for column in checked:
            values = self.columns[column.name]
            data[column.name] = (
                values.array[keep] if isinstance(values, pd.Series) else values[keep]
            )
        if self.table.keep_extra_columns:
            for name in self.frame.columns:
                if name not in data:
                    data[name] = self.frame[name].array[keep]
        frame = pd.DataFrame(data)
        for column in checked:
            _set_dtype(frame, column)
        typed = {c.name for c in checked}
        for name in frame.columns:
            if name not in typed:
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


def _missing_columns(raw: RawTable, frame: pd.DataFrame, log: ProblemLog) -> bool:
    """One error per required column the header lacks; True when the table is unusable."""
    missing = [c for c in raw.schema_table.required if c not in frame.columns]
    for i, name in enumerate(missing):
        log.add(
            raw.table,
            Problem(raw.file, raw.header_line, name, "column_missing", "error", {"column": name}),
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


def _prepare(raw: RawTable, log: ProblemLog) -> tuple[pd.DataFrame, np.ndarray, int]:
    """The cleaned cells of `raw` without its empty rows, their lines, and the row count."""
    frame = _clean_text(raw, log)
    lines = raw.lines
    if len(frame.columns):
        filled = (frame != "").any(axis=1).to_numpy()
    else:
        filled = np.zeros(len(frame), dtype=bool)
    if not filled.all():
        frame = frame.loc[filled].reset_index(drop=True)
        lines = lines[filled]
    return frame, lines, int(filled.sum())


def _check_tables(
    raws: Mapping[str, RawTable | None], log: ProblemLog
) -> tuple[dict[str, pd.DataFrame], dict[str, list[int]], dict[str, int]]:
    checkers: dict[str, _Checker] = {}
    rows_read: dict[str, int] = {}
    for table in schema.TABLES:
        raw = raws.get(table.name)
        if raw is None:
            continue
        frame, lines, count = _prepare(raw, log)
        rows_read[table.name] = count
        if _missing_columns(raw, frame, log):
            continue
        checker = _Checker(raw, frame, lines, log)
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
        node_names = pd.concat(
            [checkers[n].columns["name"][~checkers[n].rejected] for n in present]
            or [pd.Series([], dtype=str)],
            ignore_index=True,
        )
        _check_links(
            checkers["links"], node_ids, node_tables, node_names, _rejected_ids(checkers, present)
        )

    frames: dict[str, pd.DataFrame] = {}
    lines: dict[str, list[int]] = {}
    for table in schema.TABLES:
        if table.name in checkers:
            frame, kept_lines = checkers[table.name].result()
        else:
            frame, kept_lines = _empty_frame(table), np.zeros(0, dtype=np.int64)
        frames[table.name] = frame
        lines[table.name] = kept_lines.tolist()
    return frames, lines, rows_read


def _rejected_ids(checkers: Mapping[str, _Checker], present: Sequence[str]) -> pd.DataFrame:
    """Ids of node rows left out (first such row of each id): columns id, file, line."""
    parts = []
    for name in present:
        c = checkers[name]
        ids = c.columns["id"]
        mask = c.rejected & (ids != "").to_numpy()
        if mask.any():
            parts.append(
                pd.DataFrame(
                    {"id": ids[mask].to_numpy(), "file": c.raw.file, "line": c.lines[mask]}
                )
            )
    if not parts:
        return pd.DataFrame({"id": [], "file": [], "line": []})
    return pd.concat(parts, ignore_index=True).drop_duplicates("id", keep="first")


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


def _ends_by_name(
    c: _Checker, column: str, pos: np.ndarray, node_ids: pd.Series, node_names: pd.Series
) -> np.ndarray:
    """Ends typed as the exact name of one valid node (people type names in a links
    table): read as its id, with a warning. Returns the ends' positions in `node_ids`."""
    values = c.columns[column]
    unknown = (pos < 0) & (values != "").to_numpy()
    if not unknown.any():
        return pos
    once = ~node_names.duplicated(keep=False).to_numpy() & (node_names != "").to_numpy()
    by_name = dict(zip(node_names[once].tolist(), np.flatnonzero(once).tolist(), strict=True))
    found = np.array([by_name.get(v, -1) for v in values[unknown].tolist()], dtype=np.int64)
    if not (found >= 0).any():
        return pos
    rows = np.flatnonzero(unknown)[found >= 0]
    hits = found[found >= 0]
    ids = node_ids.take(hits).tolist()
    id_of_row = dict(zip(rows.tolist(), ids, strict=True))
    c.report(
        np.isin(np.arange(len(values)), rows),
        column,
        "endpoint_by_name",
        "warning",
        key="name",
        values=values,
        per_row=lambda i: {"id": id_of_row[i]},
    )
    resolved = values.to_numpy(dtype=object)
    resolved[rows] = ids
    c.columns[column] = pd.Series(resolved, dtype=str)
    pos = pos.copy()
    pos[rows] = hits
    return pos


def _check_links(
    c: _Checker,
    node_ids: pd.Series,
    node_tables: np.ndarray,
    node_names: pd.Series,
    rejected: pd.DataFrame,
) -> None:
    """Endpoints known (an exact name of one node also) and distinct; kinds with expected
    endpoint types (warning)."""
    src_pos, tgt_pos = _positions(node_ids, c.columns["source"], c.columns["target"])
    src_pos = _ends_by_name(c, "source", src_pos, node_ids, node_names)
    tgt_pos = _ends_by_name(c, "target", tgt_pos, node_ids, node_names)
    src = c.columns["source"]
    tgt = c.columns["target"]
    src_empty = (src == "").to_numpy()
    tgt_empty = (tgt == "").to_numpy()
    same = (src == tgt).to_numpy() & ~src_empty
    if len(rejected):
        src_left_out, tgt_left_out = _positions(pd.Series(rejected["id"], dtype=str), src, tgt)
    else:  # the usual case: no node row was left out
        src_left_out = tgt_left_out = np.full(len(src), -1, dtype=np.int64)
    files = rejected["file"].tolist()
    where = rejected["line"].astype(np.int64).tolist()

    for column, values, pos, left_out, extra_mask in (
        ("source", src, src_pos, src_left_out, ~src_empty),
        ("target", tgt, tgt_pos, tgt_left_out, ~tgt_empty & ~same),
    ):
        unknown = (pos < 0) & extra_mask
        c.report(
            unknown & (left_out >= 0),
            column,
            "endpoint_rejected",
            key="id",
            values=values,
            per_row=lambda i, p=left_out: {"file": files[p[i]], "line": where[p[i]]},
        )
        c.report(unknown & (left_out < 0), column, "endpoint_unknown", key="id", values=values)
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
        c.report(
            of_kind & ~fits,
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


def validate(raw: RawNetwork) -> Network:
    """The clean network of a source's raw tables, with every problem found.

    Parameters
    ----------
    raw : RawNetwork
        The tables as read (`ess_graph.io.read`, `raw_table` for rows from elsewhere), and
        the problems their reading already found. Consumed: the raw frames are emptied
        as they are cleaned (and `raw.log` receives the validator's problems).

    Returns
    -------
    Network
        Clean tables (see the module docstring); ``problems`` sorted by table, line and
        column; ``meta`` with ``lines``, ``rows_read``, ``files`` and what `raw.meta` held.

    Examples
    --------
    >>> from ess_graph.tables import RawNetwork, raw_table
    >>> rows = [{"id": "s1", "name": "Ti\\x07 Récup", "family": "Association",
    ...          "sector": "culture", "territory": "Brest", "founded": "vers 1990"}]
    >>> net = validate(RawNetwork({"structures": raw_table("structures", rows)},
    ...                require_tables=False))
    >>> net.structures[["name", "family"]].values.tolist(), net.structures["founded"].isna()[0]
    ([['Ti Récup', 'association']], np.True_)
    >>> [(p.line, p.column, p.code, p.severity) for p in net.problems]
    [(2, 'name', 'control_characters', 'warning'), (2, 'founded', 'not_a_year', 'warning')]
    """
    log = raw.log
    if raw.require_tables:
        found = ", ".join(raw.found) if raw.found else "—"
        for table in schema.TABLES:
            if not table.optional_table and table.name not in raw.tables:
                log.add(
                    table.name,
                    Problem(
                        table.name,
                        0,
                        "",
                        "table_missing",
                        "error",
                        {"table": table.name, "found": found},
                    ),
                )
    frames, lines, rows_read = _check_tables(raw.tables, log)
    meta: dict[str, Any] = {
        **raw.meta,
        "lines": lines,
        "rows_read": rows_read,
        "files": {name: t.location for name, t in raw.tables.items() if t is not None},
    }
    if raw.fictional is not None:
        meta["fictional_text"] = raw.fictional
    return Network(
        structures=frames["structures"],
        poles=frames["poles"],
        partners=frames["partners"],
        links=frames["links"],
        territories=frames["territories"],
        sectors=frames["sectors"],
        problems=log.sorted(),
        source=raw.source,
        is_demo=raw.fictional is not None,
        meta=meta,
    )


def validate_rows(
    tables: Mapping[str, tuple[Sequence[str], Sequence[Mapping[str, Any]]]],
    *,
    fictional: str | None = None,
    source: str = "",
    require_tables: bool = True,
) -> Network:
    """`validate` for tables given as (columns, rows): a workspace, a snapshot, an edit.

    Each table's problems name the table itself as their file, and its rows by their
    position (the first row is line 2, as under a header).
    """
    raws = {
        name: raw_table(name, rows, columns, location="workspace")
        for name, (columns, rows) in tables.items()
    }
    return validate(
        RawNetwork(raws, source=source, fictional=fictional, require_tables=require_tables)
    )
