"""How do we save a network, or a set of result tables, so that it opens and reads back?

Two families of writers live here:

- `write_network` writes the tables of the data contract (`ess_graph.schema.TABLES`) as a
  folder of UTF-8 CSV files or one ``.xlsx`` workbook with the same sheet names. It is a
  *data file for ess_graph*: ``read_network(write_network(net, path))`` gives the same
  tables back (with the replacements below), and it is safe to open in a spreadsheet.
- `write_frames_csv`, `write_frames_xlsx`, `frames_to_xlsx_bytes` and
  `frames_to_csv_zip_bytes` write result tables (metrics, exports, app downloads) meant
  to be opened in a spreadsheet, not read back.

**Characters a file cannot hold.** XML 1.0, hence every workbook, forbids the C0 control
characters other than tab, line feed and carriage return, U+FFFE, U+FFFF and surrogates;
UTF-8 cannot encode a lone surrogate; and ess_graph's reader removes these, DEL and the C1
controls from every cell it reads. Every writer here (CSV and XLSX alike, so that both
formats of one network hold the same text) replaces each of them by U+FFFD, the Unicode
replacement character (`ess_graph.safe_text.UNWRITABLE`), and can count what it replaced
(`ess_graph.safe_text.Replacements`, written to ``metadata.json`` by ``ess-graph
metrics``). Tab and line breaks are kept (openpyxl, writing with lxml, keeps a carriage
return as ``&#13;``); a workbook holds no more than 32,767 characters in a cell (Excel's
limit): longer text is cut there, and counted (the CSV file keeps it whole). Emoji and
right-to-left text are kept as they are.

**Formula-like text** (starting with ``=``, ``+``, ``-``, ``@``, a tab or a carriage
return, `FORMULA_TRIGGERS`) is made inert in every file a spreadsheet may open; numbers
(numeric columns, and the contract's number columns such as ``lat`` or ``weight``) are
never touched:

- result tables: the text gets a leading ``'`` (`inert_text_frame`), in CSV and XLSX
  alike. A one-way protection (OWASP "CSV injection"): these files are for people.
- `write_network`, CSV: the text gets a leading ``'`` (`quoted_data_frame`), which the
  reader removes from any cell made of ``'`` then one of those characters, so the data
  reads back unchanged. (A network that ess_graph read never holds such a cell: the
  reader removed its ``'``. A network built by code that holds ``'=x`` is written
  ``'=x`` and reads back as ``=x``, as that cell typed in any file would.) Column names
  are written as they are (the reader takes a header as typed).
- `write_network`, XLSX: the text is stored as a text cell (never a formula) with
  Excel's "quote prefix" style, as Excel stores ``'=...`` typed by hand: it shows as
  text, stays text when edited, and its value has no apostrophe.

Every file is written atomically: the bytes go to a temporary file in the same folder,
which then replaces the target with `os.replace`. Writers of several files stage them all
first (`AtomicBatch`), so a failure part-way leaves every previous file intact. A
temporary file left by a writer that was killed is removed by the next write into the
same folder (`sweep_stale_temp_files`).

Numbers are written as a spreadsheet user expects: whole numbers without ``.0`` (``2009``,
not ``2009.0``), other floats with the shortest text that reads back to the same float
(``48.39``, not ``48.390000000000001``), missing values as empty cells.
"""

from __future__ import annotations

import contextlib
import io
import os
import re
import tempfile
import zipfile
from collections.abc import Iterator, Mapping
from pathlib import Path
from typing import IO, Any, Literal

import numpy as np
import pandas as pd

from ess_graph.i18n import register
from ess_graph.safe_text import (
    FORMULA_TRIGGERS,
    XLSX_MAX_CELL,
    Replacements,
    clean_cells,
    writable_text,
)
from ess_graph.schema import TABLES, TABLES_BY_NAME, Table

#: First characters that make a spreadsheet run a cell as a formula (or command).


_FORMULA = re.compile("[" + re.escape("".join(FORMULA_TRIGGERS)) + "]")

#: The name of the notice written next to a demo network (a sheet ``fictional`` in XLSX).
FICTIONAL_FILE = "FICTIONAL.md"
FICTIONAL_SHEET = "fictional"

register(
    {
        "write.fictional_notice": {
            "fr": "Ce réseau est fictif : les structures et leurs liens sont inventés. Seuls les pays, les pôles et les partenaires publics nommés dans le dépliant de la CRES Bretagne (2009) sont réels.",
            "en": "This network is fictional: the structures and their links are invented. Only the pays, the pôles and the public partners named in the CRES Bretagne leaflet (2009) are real.",
        },
    }
)


# Atomic files ---------------------------------------------------------------------------

#: A temporary file of ours whose owner may be on another machine (a shared folder) is
#: removed only once it has not changed for this long; a write takes seconds.
STALE_TEMP_SECONDS = 24 * 3600


def _owner_token() -> str:
    """Eight hex digits naming this machine and process-id namespace.

    Two writers with the same token see the same process ids, so one can tell whether the
    other is still running. The pid namespace matters in containers that share a folder.
    """
    import hashlib
    import socket

    try:
        namespace = os.readlink("/proc/self/ns/pid")
    except OSError:
        namespace = ""
    return hashlib.sha256(f"{socket.gethostname()}|{namespace}".encode()).hexdigest()[:8]


_OWNER = _owner_token()
# .<target name>.essg-<pid>-<owner token>-<random>.tmp
_TEMP_NAME = re.compile(r"\..+\.essg-(?P<pid>\d+)-(?P<owner>[0-9a-f]{8})-[^.]+\.tmp")


def _temp_prefix(target: Path) -> str:
    return f".{target.name}.essg-{os.getpid()}-{_OWNER}-"


def _process_running(pid: int) -> bool:
    if os.name == "nt":  # os.kill would end the process there: never ask
        return True
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except OSError:  # PermissionError: it runs, as another user
        return True
    return True


def sweep_stale_temp_files(
    folder: str | os.PathLike[str], *, now: float | None = None
) -> list[Path]:
    """Remove the temporary files that writers of ess_graph left in `folder` when killed.

    A writer names its temporary file ``.<target>.essg-<pid>-<owner>-<random>.tmp``, where
    `owner` names its machine and process-id namespace. A file of that form is stale,
    and removed, when

    - it was made here (same owner) by a process that is no longer running, or
    - it has not changed for `STALE_TEMP_SECONDS` (24 hours: a writer on another machine
      sharing the folder, whose process we cannot see).

    So a writer that is still running never loses its file, even while it stages other
    files; a process id reused since gives the benefit of the doubt to the file (kept
    until the 24 hours). Other files are never touched. Errors (a file removed meanwhile,
    a read-only folder) are ignored: cleaning must never fail a write.

    Returns
    -------
    list of Path
        The files removed.
    """
    import time

    removed: list[Path] = []
    now = time.time() if now is None else now
    try:
        entries = list(os.scandir(folder))
    except OSError:
        return removed
    for entry in entries:
        found = _TEMP_NAME.fullmatch(entry.name)
        if found is None:
            continue
        try:
            if not entry.is_file(follow_symlinks=False):
                continue
            old = now - entry.stat(follow_symlinks=False).st_mtime > STALE_TEMP_SECONDS
            orphan = found["owner"] == _OWNER and not _process_running(int(found["pid"]))
            if old or orphan:
                os.unlink(entry.path)
                removed.append(Path(entry.path))
        except OSError:
            continue
    return removed


def _new_file_mode(path: Path) -> int:
    """Keep the mode of the file we replace; a new file gets the usual 0o644."""
    try:
        return path.stat().st_mode & 0o777
    except OSError:
        return 0o644


class AtomicBatch:
    """Stage several files in temporary files, then move them all in place at once.

    Used as a context manager: on a clean exit every staged file replaces its target
    (`os.replace`, atomic per file); on an exception the temporary files are removed and
    no target is touched. A process killed meanwhile cannot remove them: the first file a
    batch stages in a folder first clears what killed writers left there
    (`sweep_stale_temp_files`).

    >>> import tempfile, pathlib
    >>> folder = pathlib.Path(tempfile.mkdtemp())
    >>> with AtomicBatch() as batch:
    ...     batch.write_text(folder / "a.txt", "hello")
    >>> (folder / "a.txt").read_text()
    'hello'
    """

    def __init__(self) -> None:
        self._staged: list[tuple[str, Path]] = []
        self._swept: set[Path] = set()

    @contextlib.contextmanager
    def open(self, path: str | os.PathLike[str], mode: str = "wb", **kwargs: Any) -> Iterator[IO]:
        """Open a temporary file that will replace `path` when the batch commits."""
        target = Path(path)
        target.parent.mkdir(parents=True, exist_ok=True)
        if target.parent not in self._swept:  # once per folder and batch
            self._swept.add(target.parent)
            sweep_stale_temp_files(target.parent)
        fd, tmp = tempfile.mkstemp(prefix=_temp_prefix(target), suffix=".tmp", dir=target.parent)
        self._staged.append((tmp, target))
        with os.fdopen(fd, mode, **kwargs) as handle:
            yield handle
            handle.flush()
            os.fsync(handle.fileno())
        os.chmod(tmp, _new_file_mode(target))

    def write_bytes(self, path: str | os.PathLike[str], data: bytes) -> None:
        with self.open(path, "wb") as handle:
            handle.write(data)

    def write_text(self, path: str | os.PathLike[str], text: str, encoding: str = "utf-8") -> None:
        with self.open(path, "w", encoding=encoding, newline="") as handle:
            handle.write(text)

    def commit(self) -> None:
        for tmp, target in self._staged:
            os.replace(tmp, target)
        self._staged.clear()

    def discard(self) -> None:
        for tmp, _ in self._staged:
            with contextlib.suppress(OSError):
                os.unlink(tmp)
        self._staged.clear()

    def __enter__(self) -> AtomicBatch:
        return self

    def __exit__(self, exc_type: object, exc: object, tb: object) -> None:
        if exc_type is None:
            try:
                self.commit()
            except BaseException:
                self.discard()
                raise
        else:
            self.discard()


def atomic_write_bytes(path: str | os.PathLike[str], data: bytes) -> None:
    """Write `data` to `path` atomically (temporary file in the same folder + os.replace)."""
    with AtomicBatch() as batch:
        batch.write_bytes(path, data)


def atomic_write_text(path: str | os.PathLike[str], text: str, encoding: str = "utf-8") -> None:
    """Write `text` to `path` atomically; newlines are written as given."""
    with AtomicBatch() as batch:
        batch.write_text(path, text, encoding=encoding)


# Cell formatting -------------------------------------------------------------------------


def is_formula_like(text: str) -> bool:
    """Whether a spreadsheet would run this text as a formula (or a command).

    >>> is_formula_like("=SUM(A1)"), is_formula_like("@cmd"), is_formula_like("a=b")
    (True, True, False)
    """
    return _FORMULA.match(text) is not None


def inert_text(value: str) -> str:
    """`value` with a leading ``'`` when a spreadsheet would run it as a formula.

    >>> inert_text("=SUM(A1:A2)")
    "'=SUM(A1:A2)"
    >>> inert_text("-3.5"), inert_text("Réso solidaire")
    ("'-3.5", 'Réso solidaire')
    """
    return "'" + value if is_formula_like(value) else value


def _prefixed_series(values: pd.Series, pattern: re.Pattern[str]) -> pd.Series:
    """`values` with ``'`` before each ``str`` cell that `pattern` matches at its start."""
    dtype = values.dtype
    if pd.api.types.is_string_dtype(dtype) and not pd.api.types.is_object_dtype(dtype):
        mask = values.str.match(pattern.pattern).fillna(False).to_numpy(dtype=bool)
    else:
        cells = values.tolist()
        mask = np.fromiter(
            (isinstance(v, str) and pattern.match(v) is not None for v in cells), bool, len(cells)
        )
    if not mask.any():
        return values
    out = values.astype(object).copy()
    out[mask] = "'" + out[mask].astype(str)
    return out


def _is_text_column(series: pd.Series) -> bool:
    dtype = series.dtype
    return not (pd.api.types.is_numeric_dtype(dtype) or pd.api.types.is_bool_dtype(dtype))


def inert_text_frame(df: pd.DataFrame) -> pd.DataFrame:
    """A copy of `df` whose text cells cannot run as spreadsheet formulas.

    A text cell (a Python ``str``) starting with ``=``, ``+``, ``-``, ``@``, a tab or a
    carriage return gets a leading ``'``; so do such column names. Numeric cells are left
    alone, so a numeric column's ``-3.5`` stays the number ``-3.5``. `df` is not modified.

    Parameters
    ----------
    df : DataFrame

    Returns
    -------
    DataFrame
        Same shape, index and dtypes as `df` (a text column that needed a prefix becomes
        ``object``).

    Examples
    --------
    >>> frame = pd.DataFrame({"name": ["=1+1", "Asso"], "score": [-3.5, 2.0]})
    >>> inert_text_frame(frame).to_dict("list")
    {'name': ["'=1+1", 'Asso'], 'score': [-3.5, 2.0]}
    """
    out = df.copy()
    for i in range(df.shape[1]):
        series = df.iloc[:, i]
        if _is_text_column(series):
            out.isetitem(i, _prefixed_series(series, _FORMULA))
    out.columns = [inert_text(c) if isinstance(c, str) else c for c in df.columns]
    return out


#: Schema column kinds that hold numbers: never prefixed, even when held as text.
_NUMERIC_KINDS = frozenset({"int", "year", "float", "positive"})


def quoted_data_frame(df: pd.DataFrame, table: Table) -> pd.DataFrame:
    """`df` as `write_network` writes it to CSV: `inert_text` on every text cell.

    Numeric columns, and the schema's number columns (``lat``, ``weight``...) even when
    they hold text, are left alone: ``-4.25`` stays ``-4.25``; so are column names (the
    reader takes a header as typed). `df` is not modified.

    >>> from ess_graph.schema import LINKS
    >>> frame = pd.DataFrame({"note": ["=1+1", "@x", "ok"], "weight": ["-2", "1", "1"]})
    >>> quoted_data_frame(frame, LINKS).to_dict("list")
    {'note': ["'=1+1", "'@x", 'ok'], 'weight': ['-2', '1', '1']}
    """
    numeric = {c.name for c in table.columns if c.kind in _NUMERIC_KINDS}
    out = df.copy()
    for i, name in enumerate(df.columns):
        series = df.iloc[:, i]
        if name not in numeric and _is_text_column(series):
            out.isetitem(i, _prefixed_series(series, _FORMULA))
    return out


def _format_float_array(values: np.ndarray) -> np.ndarray:
    """Floats as text: whole numbers without ``.0``, others in shortest round-trip form."""
    out = np.full(len(values), "", dtype=object)
    finite = np.isfinite(values)
    whole = finite & (np.floor(values) == values) & (np.abs(values) < 2**53)
    if whole.any():
        out[whole] = values[whole].astype(np.int64).astype(str).astype(object)
    other = finite & ~whole
    if other.any():
        out[other] = [repr(float(x)) for x in values[other]]
    infinite = np.isinf(values)
    if infinite.any():
        out[infinite] = np.where(values[infinite] > 0, "inf", "-inf")
    return out


def _format_scalar(value: object) -> str:
    if value is None or value is pd.NA or value is pd.NaT:
        return ""
    if isinstance(value, str):
        return value
    if isinstance(value, bool | np.bool_):
        return str(bool(value))
    if isinstance(value, int | np.integer):
        return str(int(value))
    if isinstance(value, float | np.floating):
        return str(_format_float_array(np.array([float(value)]))[0])
    return str(value)


def _text_column(series: pd.Series) -> list[str]:
    """One column as text cells for CSV (see the module docstring for the rules)."""
    dtype = series.dtype
    if pd.api.types.is_bool_dtype(dtype):
        return [_format_scalar(v) for v in series.tolist()]
    if pd.api.types.is_integer_dtype(dtype):
        return series.astype("string").fillna("").tolist()
    if pd.api.types.is_float_dtype(dtype):
        return _format_float_array(series.to_numpy(dtype=float, na_value=np.nan)).tolist()
    if pd.api.types.is_string_dtype(dtype) and not pd.api.types.is_object_dtype(dtype):
        return series.to_numpy(dtype=object, na_value="").tolist()
    return [_format_scalar(v) for v in series.tolist()]


_CSV_SPECIAL = (",", '"', "\n", "\r")


def _csv_quoted(cells: list[str]) -> list[str]:
    """Cells quoted as the csv module does with QUOTE_MINIMAL (only where needed)."""
    joined = "".join(cells)
    if not any(c in joined for c in _CSV_SPECIAL):
        return cells
    return [
        '"' + c.replace('"', '""') + '"' if any(x in c for x in _CSV_SPECIAL) else c for c in cells
    ]


def _csv_text(df: pd.DataFrame, *, replaced: Replacements | None = None) -> str:
    """The frame as CSV text: header, then one line per row, "\\n" line ends.

    Built column by column (much faster than `DataFrame.to_csv` on a million rows); the
    quoting is that of the csv module with QUOTE_MINIMAL, and a row made of one empty
    cell is written ``""`` so that it is not a blank line. The characters of
    `ess_graph.safe_text.UNWRITABLE` are replaced by U+FFFD (counted in `replaced`), as in
    a workbook.
    """
    header = _csv_quoted(clean_cells([str(c) for c in df.columns], replaced))
    columns = [
        _csv_quoted(clean_cells(_text_column(df.iloc[:, i]), replaced)) for i in range(df.shape[1])
    ]
    if len(columns) == 1:
        columns = [['""' if c == "" else c for c in columns[0]]]
    lines = [",".join(header), *map(",".join, zip(*columns, strict=True))] if columns else []
    return "\n".join(lines) + "\n" if lines else ""


# Workbooks -----------------------------------------------------------------------------

_BAD_SHEET_CHARS = set("[]:*?/\\")


def _check_sheet_name(name: str) -> None:
    if not name or len(name) > 31 or set(name) & _BAD_SHEET_CHARS or name.startswith("'"):
        raise ValueError(f"a workbook cannot have a sheet named {name!r}")


def _xlsx_cell_values(series: pd.Series) -> list[Any]:
    """One column as Python values for openpyxl: numbers, bools, text or None."""
    dtype = series.dtype
    if pd.api.types.is_bool_dtype(dtype) and not series.isna().any():
        return [bool(v) for v in series]
    if pd.api.types.is_integer_dtype(dtype):
        return [None if v is pd.NA else int(v) for v in series.astype(object)]
    if pd.api.types.is_float_dtype(dtype):
        values = series.to_numpy(dtype=float, na_value=np.nan)
        return [_xlsx_number(v) for v in values.tolist()]
    out: list[Any] = []
    for v in series.tolist():
        if v is None or v is pd.NA or (isinstance(v, float) and v != v):
            out.append(None)
        elif isinstance(v, float | np.floating):
            out.append(_xlsx_number(float(v)))
        elif isinstance(v, bool | np.bool_ | int | np.integer):
            out.append(v.item() if hasattr(v, "item") else v)
        else:
            out.append(str(v) or None)  # an empty text cell is an empty cell
    return out


def _xlsx_number(value: float) -> float | int | None:
    if value != value:
        return None
    if value in (float("inf"), float("-inf")):
        return None
    if value == int(value) and abs(value) < 2**53:
        return int(value)
    return value


def _workbook_bytes(
    sheets: Mapping[str, pd.DataFrame | list[str]],
    *,
    replaced: Replacements | None = None,
    quote_formulas: bool = False,
) -> bytes:
    """An .xlsx workbook, one sheet per entry, text always stored as text (never formula).

    A list of strings becomes a one-column sheet without header (used for the notice).
    The characters of `ess_graph.safe_text.UNWRITABLE` are replaced by U+FFFD in text
    cells, and text longer than a cell holds (`XLSX_MAX_CELL`) is cut; both are counted in
    `replaced`. With `quote_formulas` (data files), a text cell that a spreadsheet would
    run as a formula (`is_formula_like`) carries Excel's "quote prefix" style: it shows
    and stays text even when a person edits it, its value unchanged.
    """
    from openpyxl import Workbook
    from openpyxl.cell import WriteOnlyCell

    workbook = Workbook(write_only=True)
    for name, content in sheets.items():
        _check_sheet_name(name)
        sheet = workbook.create_sheet(title=name)

        def text_cell(value: str, sheet: Any = sheet) -> Any:
            if len(value) > XLSX_MAX_CELL:
                value = value[:XLSX_MAX_CELL]
                if replaced is not None:
                    replaced.cells_cut += 1
            quoted = quote_formulas and is_formula_like(value)
            if value[:1] != "=" and not quoted:
                return value
            cell = WriteOnlyCell(sheet, value=value)
            cell.data_type = "s"  # openpyxl would store "=..." as a formula otherwise
            if quoted:
                cell.quotePrefix = True
            return cell

        if isinstance(content, list):
            for line in clean_cells(content, replaced):
                sheet.append([text_cell(line)])
            continue
        header = [text_cell(c) for c in clean_cells([str(c) for c in content.columns], replaced)]
        sheet.append(header)
        columns = [
            clean_cells(_xlsx_cell_values(content.iloc[:, i]), replaced)
            for i in range(content.shape[1])
        ]
        for row in zip(*columns, strict=True):
            sheet.append([text_cell(v) if isinstance(v, str) else v for v in row])
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


# Result tables (formula-safe) ------------------------------------------------------------


def frames_to_xlsx_bytes(
    frames: Mapping[str, pd.DataFrame],
    *,
    replaced: Replacements | None = None,
    text_sheets: Mapping[str, list[str]] | None = None,
) -> bytes:
    """A formula-safe workbook, one sheet per frame (sheet name = key), as bytes.

    Text cells go through `inert_text_frame`; numbers stay numbers; the index is not
    written (``reset_index()`` first to keep it). Control characters
    (`ess_graph.safe_text.UNWRITABLE`) become U+FFFD, counted in `replaced` when given.
    `text_sheets` adds, after the frames, one-column sheets of text lines without header
    (e.g. a file's text, one line per row). For app downloads.
    """
    sheets: dict[str, pd.DataFrame | list[str]] = {
        name: inert_text_frame(frame) for name, frame in frames.items()
    }
    sheets.update(text_sheets or {})
    return _workbook_bytes(sheets, replaced=replaced)


def frames_to_csv_zip_bytes(
    frames: Mapping[str, pd.DataFrame], *, replaced: Replacements | None = None
) -> bytes:
    """A zip of formula-safe UTF-8 CSV files, ``<key>.csv`` per frame, as bytes."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        for name, frame in frames.items():
            text = _csv_text(inert_text_frame(frame), replaced=replaced)
            archive.writestr(f"{name}.csv", text.encode("utf-8"))
    return buffer.getvalue()


def write_frames_csv(
    frames: Mapping[str, pd.DataFrame],
    folder: str | os.PathLike[str],
    *,
    batch: AtomicBatch | None = None,
    replaced: Replacements | None = None,
) -> list[Path]:
    """Write each frame as a formula-safe UTF-8 CSV file ``<folder>/<key>.csv``.

    All files are staged then moved in place together: if one fails, none of the previous
    files is touched. Pass your own `batch` to add other files (e.g. ``metadata.json``) to
    the same all-or-nothing write; it is then committed by you, not here. Control
    characters (`ess_graph.safe_text.UNWRITABLE`) become U+FFFD, counted in `replaced`.

    Returns
    -------
    list of Path
        The files written, in the order of `frames`.
    """
    folder = Path(folder)
    paths = []
    own = batch is None
    active = AtomicBatch() if batch is None else batch
    try:
        for name, frame in frames.items():
            path = folder / f"{name}.csv"
            active.write_text(path, _csv_text(inert_text_frame(frame), replaced=replaced))
            paths.append(path)
    except BaseException:
        if own:
            active.discard()
        raise
    if own:
        active.commit()
    return paths


def write_frames_xlsx(
    frames: Mapping[str, pd.DataFrame],
    path: str | os.PathLike[str],
    *,
    replaced: Replacements | None = None,
) -> Path:
    """Write the frames as one formula-safe workbook at `path` (atomically)."""
    data = frames_to_xlsx_bytes(frames, replaced=replaced)
    atomic_write_bytes(path, data)
    return Path(path)


# Networks ------------------------------------------------------------------------------


def table_frame(frame: pd.DataFrame | None, table: Table) -> pd.DataFrame:
    """A table ready to write: the schema's columns in schema order, then extra columns.

    A schema column missing from `frame` is added empty; the index is dropped.

    >>> from ess_graph.schema import SECTORS
    >>> table_frame(pd.DataFrame({"note": ["x"], "id": ["culture"]}), SECTORS).columns.tolist()
    ['id', 'name', 'note']
    """
    frame = pd.DataFrame() if frame is None else frame
    frame = frame.reset_index(drop=True)
    columns = {}
    for name in table.names:
        if name in frame.columns:
            columns[name] = frame[name]
        else:
            columns[name] = pd.Series([""] * len(frame), dtype=object)
    for name in frame.columns:
        if name not in columns:
            columns[name] = frame[name]
    return pd.DataFrame(columns, index=pd.RangeIndex(len(frame)))


def fictional_text(net: Any) -> str:
    """The FICTIONAL.md notice of a demo network (``net.meta["fictional_text"]`` if set)."""
    text = getattr(net, "meta", {}).get("fictional_text")
    if text:
        return text
    from ess_graph.i18n import t

    return (
        "# Réseau fictif / Fictional network\n\n"
        + t("write.fictional_notice", "fr")
        + "\n\n"
        + t("write.fictional_notice", "en")
        + "\n"
    )


def write_network(
    net: Any,
    path: str | os.PathLike[str],
    *,
    format: Literal["csv", "xlsx"] = "csv",
    replaced: Replacements | None = None,
    extra_tables: Mapping[str, pd.DataFrame] | None = None,
) -> Path:
    """Write a network's tables as a folder of CSV files or one .xlsx workbook.

    Parameters
    ----------
    net : Network
        Its tables are written in the order of `ess_graph.schema.TABLES` (structures,
        poles, partners, links, territories, sectors), each with the schema's columns in
        schema order, then its extra columns. The optional tables are written even when
        empty (header only). When ``net.is_demo`` a notice saying what is real and what
        is invented is written next to them: ``FICTIONAL.md`` in the folder, a sheet
        ``fictional`` in the workbook. A ``FICTIONAL.md`` left in the folder by an
        earlier demo is removed when the network written is not a demo.
    path : path
        The folder (``csv``, created if needed) or the workbook file (``xlsx``).
    format : {"csv", "xlsx"}
        CSV files are UTF-8 without BOM, ``,``-separated, ``\\n`` line ends.
    replaced : Replacements, optional
        Counts the control characters that were replaced by U+FFFD, and the
        workbook cells cut to 32,767 characters.
    extra_tables : mapping of name to DataFrame, optional
        Other tables written in the same all-or-nothing write, after the network's: a
        file ``<name>.csv`` or a sheet ``<name>`` each (a workspace's survey answers).
        Their formula-like text is made inert as in result tables (`inert_text_frame`:
        a ``'`` in CSV, the quote-prefix style in a workbook). `read_network` does not
        read them (their names are no table of the contract); a name of the contract
        is refused.

    Returns
    -------
    Path
        `path`, so that ``read_network(write_network(net, path))`` reads it back.

    Notes
    -----
    Text reads back as held, with the exceptions that every writer of ess_graph shares
    (module docstring): a control character (`ess_graph.safe_text.UNWRITABLE`) becomes
    U+FFFD; a workbook holds at most 32,767 characters in a cell. Formula-like text is made inert without changing
    what `read_network` gives back: in CSV it is written after a ``'``
    (`quoted_data_frame`), which the reader removes; in the workbook it is a text cell with
    Excel's quote-prefix style. Numbers are never prefixed. All files are written
    atomically and together: a failure leaves the previous files intact.
    """
    if format not in ("csv", "xlsx"):
        raise ValueError(f"unknown output format {format!r} (expected csv or xlsx)")
    extra = dict(extra_tables or {})
    for name in extra:
        if name in TABLES_BY_NAME or name.lower() in (FICTIONAL_SHEET, FICTIONAL_FILE.lower()):
            raise ValueError(f"{name!r} is a name of the network's own files")
    tables = net.tables()
    frames = {table.name: table_frame(tables.get(table.name), table) for table in TABLES}
    target = Path(path)
    if format == "xlsx":
        sheets: dict[str, pd.DataFrame | list[str]] = dict(frames)
        sheets.update(extra)
        if net.is_demo:
            sheets[FICTIONAL_SHEET] = fictional_text(net).splitlines()
        atomic_write_bytes(target, _workbook_bytes(sheets, replaced=replaced, quote_formulas=True))
        return target
    with AtomicBatch() as batch:
        for table in TABLES:
            text = _csv_text(quoted_data_frame(frames[table.name], table), replaced=replaced)
            batch.write_text(target / f"{table.name}.csv", text)
        for name, frame in extra.items():
            text = _csv_text(inert_text_frame(frame.reset_index(drop=True)), replaced=replaced)
            batch.write_text(target / f"{name}.csv", text)
        if net.is_demo:
            batch.write_text(target / FICTIONAL_FILE, writable_text(fictional_text(net), replaced))
    if not net.is_demo:
        with contextlib.suppress(FileNotFoundError):
            (target / FICTIONAL_FILE).unlink()
    return target


def write_templates(folder: str | os.PathLike[str]) -> list[Path]:
    """Write empty templates: one header-only CSV per table and ``template.xlsx``.

    The headers are the schema's columns in schema order, so a user fills them in a
    spreadsheet and `ess-graph validate` reads them.
    """
    folder = Path(folder)
    frames = {table.name: table_frame(None, table) for table in TABLES}
    paths = [folder / f"{name}.csv" for name in frames]
    with AtomicBatch() as batch:
        for name, frame in frames.items():
            batch.write_text(folder / f"{name}.csv", _csv_text(frame))
        batch.write_bytes(folder / "template.xlsx", _workbook_bytes(dict(frames)))
    return [*paths, folder / "template.xlsx"]
