"""Read a network from a folder of CSV files or an .xlsx workbook, and say what is wrong.

Which rows of the user's files make a valid network, and what exactly is wrong with the
others? `read_network` (a path) and `read_network_from_files` (uploaded files) answer
both. This module only finds the tables: which file or sheet holds which table (French
names such as « Liens.csv » or a sheet « Pôles » included; two sources for one table are
an error naming both), and hands each to its reader (`ess_graph.io.csv_source`,
`ess_graph.io.workbook`), which turns it into raw text tables deciding row by row. The one
validator, `ess_graph.validate.validate`, then gives the clean `Network` and its problems
(file, line, column, message in French and English, severity): bad *data* never raises, a
row with an error is left out, every other row is kept.

Only a path that does not exist, or is neither a folder nor an ``.xlsx`` workbook, raises
`NetworkPathError`.

``net.meta`` holds, besides what the validator records (``lines``, ``rows_read``,
``files``), ``csv`` (the encoding, separator and header line detected for each CSV file)
and ``fictional_text`` (the notice of the demo network: ``FICTIONAL.md`` or a
``fictional`` sheet).
"""

from __future__ import annotations

import io
import os
from collections.abc import Callable, Mapping
from pathlib import Path
from typing import Any

import pandas as pd

from ess_graph import schema
from ess_graph.i18n import DEFAULT_LANG, register, t, tn
from ess_graph.io.csv_source import read_csv_table
from ess_graph.io.workbook import DEMO_MARKER_SHEET, read_ods, read_workbook
from ess_graph.network import Network
from ess_graph.problems import Problem, ProblemLog
from ess_graph.tables import RawNetwork
from ess_graph.validate import validate

__all__ = [
    "DEMO_MARKER_FILE",
    "DEMO_MARKER_SHEET",
    "ROOT_CAUSES",
    "NetworkPathError",
    "loss_summary",
    "losses",
    "needs_confirmation",
    "read_network",
    "read_network_from_files",
    "read_summary",
    "root_causes_first",
]

#: Problems that cost a whole table (or file), listed before the rows' own problems: fix
#: them first, many row problems (unknown ids of links...) follow from them.
ROOT_CAUSES: frozenset[str] = frozenset(
    {
        "table_missing",
        "table_ambiguous",
        "file_empty",
        "file_binary",
        "file_is_workbook",
        "file_unreadable",
        "workbook_too_large",
        "column_missing",
    }
)

#: Adopting data that keeps less than this share of the rows read of a table asks first.
MOST_ROWS = 0.5

#: A folder holding this file (any case) is the fictional demo network.
DEMO_MARKER_FILE = "FICTIONAL.md"

register(
    {
        "read.summary": {
            "fr": "{rows} ; {errors}, {warnings}",
            "en": "{rows}; {errors}, {warnings}",
        },
        "read.n_errors.one": {"fr": "{n} erreur", "en": "{n} error"},
        "read.n_errors.many": {"fr": "{n} erreurs", "en": "{n} errors"},
        "read.n_warnings.one": {"fr": "{n} avertissement", "en": "{n} warning"},
        "read.n_warnings.many": {"fr": "{n} avertissements", "en": "{n} warnings"},
        "read.table.structures": {"fr": "structures", "en": "structures"},
        "read.table.poles": {"fr": "pôles", "en": "pôles"},
        "read.table.partners": {"fr": "partenaires", "en": "partners"},
        "read.table.links": {"fr": "liens", "en": "links"},
        "read.table.territories": {"fr": "territoires", "en": "territories"},
        "read.table.sectors": {"fr": "secteurs", "en": "sectors"},
        "read.kept": {"fr": "lignes gardées : {counts}", "en": "rows kept: {counts}"},
        "read.loss.table": {
            "fr": "toute la table {table}",
            "en": "the whole {table} table",
        },
        "read.loss.rows.one": {
            "fr": "{lost} ligne sur {read} de la table {table}",
            "en": "{lost} of the {read} rows of the {table} table",
        },
        "read.loss.rows.many": {
            "fr": "{lost} lignes sur {read} de la table {table}",
            "en": "{lost} of the {read} rows of the {table} table",
        },
        "read.loss.summary": {
            "fr": "Seraient laissées de côté : {parts}.",
            "en": "Would be left out: {parts}.",
        },
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


def _table_files(names: list[str], log: ProblemLog) -> dict[str, str]:
    """Table name -> the CSV file that holds it, among file `names`.

    Names are matched as `schema.table_named` does (« Structures.csv », « liens.CSV »).
    When two files stand for one table, the one spelled exactly like the table (then the
    first by name) is read and an error names both.
    """
    candidates: dict[str, list[str]] = {}
    for name in sorted(names):
        p = Path(name)
        if p.suffix.lower() != ".csv":
            continue
        table = schema.table_named(p.stem)
        if table is not None:
            candidates.setdefault(table.name, []).append(name)
    chosen: dict[str, str] = {}
    for table, files in candidates.items():
        files = sorted(files, key=lambda n: (Path(n).stem != table, n))
        chosen[table] = files[0]
        for other in files[1:]:
            log.add(
                table,
                Problem(
                    Path(files[0]).stem,
                    0,
                    "",
                    "table_ambiguous",
                    "error",
                    {"table": table, "read": Path(files[0]).name, "ignored": Path(other).name},
                ),
            )
    return chosen


def _read_csv_files(
    names: list[str], read: Callable[[str], bytes], location: Callable[[str], str]
) -> RawNetwork:
    """The raw network of CSV files: `read(name)` gives a file's bytes."""
    raw = RawNetwork(found=sorted(n for n in names if not n.startswith(".")))
    csv_meta: dict[str, Any] = {}
    for table_name, name in _table_files(names, raw.log).items():
        table = schema.TABLES_BY_NAME[table_name]
        stem = Path(name).stem
        try:
            data = read(name)
        except OSError as exc:
            raw.log.add(
                table_name,
                Problem(stem, 0, "", "file_unreadable", "error", {"reason": str(exc)}),
            )
            raw.tables[table_name] = None
            continue
        found, meta = read_csv_table(data, table, stem, location(name), raw.log)
        raw.tables[table_name] = found
        if meta:
            csv_meta[table_name] = meta
    raw.meta["csv"] = csv_meta
    return raw


#: The workbook formats read, by file extension.
WORKBOOKS = {".xlsx": read_workbook, ".ods": read_ods}


def _read_workbook(
    source: str | os.PathLike[str] | io.BytesIO, label: str, suffix: str
) -> RawNetwork:
    raw = RawNetwork()
    found = WORKBOOKS[suffix](source, label, raw.log)
    raw.tables = dict(found.tables)
    raw.fictional = found.fictional
    raw.require_tables = found.readable
    raw.found = found.sheets
    return raw


def read_network(path: str | os.PathLike) -> Network:
    """Read and validate a network from a folder of CSV files or an .xlsx workbook.

    Parameters
    ----------
    path : str or PathLike
        A folder holding ``structures.csv``, ``poles.csv``, ``partners.csv``,
        ``links.csv`` and optionally ``territories.csv`` and ``sectors.csv`` (French
        names such as ``liens.csv`` too, any case), or an ``.xlsx`` workbook (or a
        LibreOffice ``.ods`` one) with sheets of those names.

    Returns
    -------
    Network
        Clean tables (`ess_graph.validate`) and ``problems``, sorted by table, line and
        column. ``is_demo`` is True for a folder holding ``FICTIONAL.md`` or a workbook
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
    ...     "id;nom;famille;secteur;pays\\n001;NA;Coopérative;culture;Rennes\\n"
    ... )
    >>> _ = (folder / "poles.csv").write_text("id,name,territory,status\\n")
    >>> _ = (folder / "Partenaires.csv").write_text("id,name,kind\\n")
    >>> _ = (folder / "liens.csv").write_text("source,cible,type\\n001,001,cooperation\\n")
    >>> net = read_network(folder)
    >>> net.structures[["id", "name", "family"]].values.tolist()
    [['001', 'NA', 'cooperative']]
    >>> [(p.file, p.line, p.column, p.severity) for p in net.problems]
    [('liens', 2, 'target', 'error')]
    """
    p = Path(path)
    if not p.exists():
        raise NetworkPathError(Problem(str(p), 0, "", "path_missing", "error", {"path": str(p)}))
    if p.is_dir():
        try:
            entries = {child.name: child for child in p.iterdir() if child.is_file()}
        except OSError as exc:  # e.g. a folder we may not list
            raise NetworkPathError(
                Problem(str(p), 0, "", "file_unreadable", "error", {"reason": str(exc)})
            ) from exc
        raw = _read_csv_files(
            list(entries), lambda n: entries[n].read_bytes(), lambda n: str(entries[n])
        )
        raw.fictional = _fictional_notice({n: entries[n].read_bytes for n in entries})
    elif p.is_file() and p.suffix.lower() in WORKBOOKS:
        raw = _read_workbook(p, p.stem, p.suffix.lower())
    else:
        raise NetworkPathError(
            Problem(str(p), 0, "", "path_unsupported", "error", {"path": str(p)})
        )
    raw.source = str(p)
    return validate(raw)


def read_network_from_files(files: Mapping[str, bytes]) -> Network:
    """Read and validate a network from uploaded files: file name -> content.

    Either CSV files named like the tables (``structures.csv``, ``Liens.csv``...) or one
    ``.xlsx`` or ``.ods`` workbook (when several are given, the first by name is read). A file
    ``FICTIONAL.md`` or a ``fictional`` sheet marks the demo. Same validation and same
    result as `read_network`; ``meta["files"]`` holds the uploaded file names.
    """
    names = sorted(files)
    workbooks = [n for n in names if Path(n).suffix.lower() in WORKBOOKS]
    if workbooks:
        name = workbooks[0]
        raw = _read_workbook(io.BytesIO(files[name]), Path(name).stem, Path(name).suffix.lower())
        raw.source = name
        return validate(raw)
    raw = _read_csv_files(names, files.__getitem__, lambda n: n)
    raw.fictional = _fictional_notice({Path(n).name: (lambda n=n: files[n]) for n in names})
    raw.source = ", ".join(names)
    return validate(raw)


def read_summary(net: Network, lang: str = DEFAULT_LANG) -> str:
    """One line: rows kept per table, then the number of errors and warnings.

    >>> net = read_network_from_files({})
    >>> read_summary(net, "en")
    'rows kept: structures 0, pôles 0, partners 0, links 0; 4 errors, 0 warnings'
    """
    counts = []
    for table in schema.TABLES:
        frame = getattr(net, table.name)
        if table.optional_table and not len(frame):
            continue
        n = f"{len(frame):,}"  # French: a narrow no-break space between thousands
        counts.append(f"{t(f'read.table.{table.name}', lang)} {_thousands(n, lang)}")
    rows = t("read.kept", lang, counts=", ".join(counts))
    errors = sum(1 for p in net.problems if p.severity == "error")
    warnings_ = len(net.problems) - errors
    return t(
        "read.summary",
        lang,
        rows=rows,
        errors=tn("read.n_errors", errors, lang, n=_thousands(f"{errors:,}", lang)),
        warnings=tn("read.n_warnings", warnings_, lang, n=_thousands(f"{warnings_:,}", lang)),
    )


def _thousands(text: str, lang: str) -> str:
    """A count formatted with "," between thousands, as `lang` writes it.

    >>> _thousands("2,500", "fr") == "2\u202f500", _thousands("2,500", "en")
    (True, '2,500')
    """
    return text.replace(",", "\u202f") if lang == "fr" else text


def root_causes_first(problems: list[Problem]) -> list[Problem]:
    """`problems` with those that cost a whole table or file (`ROOT_CAUSES`) first, each
    group keeping its order (by table, line and column)."""
    return [p for p in problems if p.code in ROOT_CAUSES] + [
        p for p in problems if p.code not in ROOT_CAUSES
    ]


def losses(net: Network) -> pd.DataFrame:
    """What reading left out, per table of the contract.

    Returns
    -------
    DataFrame
        One row per table that was read or is required: ``table``; ``found`` (a readable
        file or sheet holds it); ``rows_read`` (non-empty rows under its header; 0 when
        not found); ``rows_kept``; ``rows_left_out``; ``whole_table`` (a required table
        with no row kept while it was missing, unreadable, or had rows); ``most_rows``
        (fewer than half of the rows read are kept).

    >>> net = read_network_from_files({"structures.csv": b"id,name,family,sector,territory\\n"})
    >>> losses(net)[["table", "found", "whole_table"]].values.tolist()
    [['structures', True, False], ['poles', False, True], ['partners', False, True], ['links', False, True]]
    """
    rows = []
    read = net.meta.get("rows_read", {})
    files = net.meta.get("files", {})
    for table in schema.TABLES:
        found = table.name in files  # a readable file or sheet holds it
        if table.optional_table and not found:
            continue
        n_read = int(read.get(table.name, 0))
        kept = len(getattr(net, table.name))
        whole = not table.optional_table and kept == 0 and (not found or n_read > 0)
        rows.append(
            {
                "table": table.name,
                "found": found,
                "rows_read": n_read,
                "rows_kept": kept,
                "rows_left_out": n_read - kept if found else 0,
                "whole_table": whole,
                "most_rows": n_read > 0 and kept < MOST_ROWS * n_read,
            }
        )
    return pd.DataFrame(rows)


def needs_confirmation(net: Network) -> bool:
    """Adopting `net` would lose a whole table, or most rows of one: ask first."""
    frame = losses(net)
    return bool(frame["whole_table"].any() or frame["most_rows"].any())


def loss_summary(net: Network, lang: str = DEFAULT_LANG) -> str | None:
    """One sentence saying what adopting `net` would leave out, or None when nothing.

    >>> net = read_network_from_files({"structures.csv": b"id,name,family,sector,territory\\n"})
    >>> loss_summary(net, "en")
    'Would be left out: the whole pôles table, the whole partners table, the whole links table.'
    """
    parts = []
    for row in losses(net).itertuples(index=False):
        name = t(f"read.table.{row.table}", lang)
        if row.whole_table:
            parts.append(t("read.loss.table", lang, table=name))
        elif row.rows_left_out:
            parts.append(
                tn(
                    "read.loss.rows",
                    row.rows_left_out,
                    lang,
                    lost=row.rows_left_out,
                    read=row.rows_read,
                    table=name,
                )
            )
    if not parts:
        return None
    return t("read.loss.summary", lang, parts=", ".join(parts))
