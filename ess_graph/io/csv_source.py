"""One CSV file as people save it -> one raw table, deciding row by row.

What this reader decides, and why (docs/DATA.md says it for users):

- **encoding**: `ess_graph.io.text.decode`, line by line when the file mixes encodings;
  a line read in a legacy encoding inside a UTF-8 file is a warning naming it.
- **separator and header together**: for each of ``;``, ``,``, tab and ``|``, the first
  non-empty lines are split and the line naming the most columns of the table (French
  names included) is the header; lines above it are titles (a warning each). Knowing
  which column names to expect beats a generic dialect sniffer here (a file with three
  columns and commas in its names fools one).
- **quotes**: a quoted cell may hold separators and line breaks. A quote that is never
  closed (or closed only by the opening quote of a later cell) would swallow every row
  after it: such a row is read as its own line, quote included, with a warning, and the
  next rows are read normally.
- **row length**: a row with fewer cells is padded; trailing empty cells beyond the header
  (a trailing separator) are dropped; a non-empty cell beyond the header means a shifted
  row (a decimal comma in a comma-separated file): that row is an error.
- no size limit loses a table: a cell may hold megabytes.

Speed: a clean file (one encoding, rows of the header's width, no line break inside a
cell) is read by pyarrow's multithreaded parser; anything else by the row-by-row parser
below, which gives the same cells for the clean case.
"""

from __future__ import annotations

import csv
import sys
from typing import Any

import numpy as np
import pandas as pd

from ess_graph import schema
from ess_graph.i18n import register
from ess_graph.io import sheet, text
from ess_graph.problems import Problem, ProblemLog
from ess_graph.tables import RawTable

__all__ = ["read_csv_table"]

# The csv module refuses cells over 128 kB by default ("field larger than field limit"),
# which lost whole tables. The limit is process-wide; raising it harms no other reader.
csv.field_size_limit(max(csv.field_size_limit(), min(sys.maxsize, 2**31 - 1)))

SEPARATORS = (";", ",", "\t", "|")
_ENCODING_NAMES = {
    "cp1252": "Windows-1252",
    "mac_roman": "Mac Roman",
    "iso8859_15": "ISO-8859-15",
    "iso8859-15": "ISO-8859-15",
    "latin_1": "Latin-1",
    "iso8859-1": "Latin-1",
    "cp850": "DOS 850",
    "utf-16": "UTF-16",
    "utf-32": "UTF-32",
}

register(
    {
        "problem.file_is_workbook": {
            "fr": "ce fichier est un classeur (Excel ou LibreOffice) nommé .csv : donnez-le tel quel en .xlsx, ou enregistrez-le au format CSV",
            "en": "this file is a workbook (Excel or LibreOffice) named .csv: give it as .xlsx, or save it as CSV",
        },
        "problem.line_encoding": {
            "fr": "octets invalides en UTF-8 sur cette ligne : lue en {encoding} ; vérifiez ses accents",
            "en": "bytes that are not UTF-8 on this line: read as {encoding}; check its accents",
        },
        "problem.quote_unclosed": {
            "fr": "un guillemet ouvert dans cette ligne n'est jamais refermé : la ligne est lue seule, guillemet compris ; vérifiez-la",
            "en": "a quote opened in this row is never closed: the row is read on its own, quote included; check it",
        },
    }
)


def _fail(log: ProblemLog, table: schema.Table, file: str, code: str, **params: Any) -> None:
    log.add(table.name, Problem(file, 0, "", code, "error", params))


def _split_one(line: str, sep: str) -> list[str]:
    """The cells of one line, quotes read as spreadsheets read them."""
    if '"' not in line:
        return line.split(sep)
    _, cells = _parse(line, sep)
    return cells if cells is not None else line.split(sep)


_CR = "\U0010ffff"  # stands for a lone CR inside a line while the csv module parses it


def _parse(chunk: str, sep: str, *, lenient: bool = True) -> tuple[str, list[str] | None]:
    """Parse `chunk` (one record, maybe over several lines) -> (state, cells).

    state is "ok"; "open" when the chunk ends inside a quoted cell; "bad" when it is not
    one well-formed record (only without `lenient`, which reads a cell with text after its
    closing quote as spreadsheets do).
    """
    protected = "\r" in chunk and _CR not in chunk
    work = chunk.replace("\r", _CR) if protected else chunk
    try:
        cells = next(csv.reader([work], delimiter=sep, strict=True), [])
    except csv.Error as exc:
        if "unexpected end of data" in str(exc):
            return "open", None
        if not lenient:
            return "bad", None
        try:
            cells = next(csv.reader([work], delimiter=sep), [])
        except csv.Error:
            return "bad", None
    if protected:
        cells = [c.replace(_CR, "\r") for c in cells]
    return "ok", cells


def _records(
    lines: list[str], start: int, sep: str
) -> tuple[list[list[str]], list[int], list[int]]:
    """The records of `lines[start:]`.

    Returns the cells of each record, the index of each record's first physical line, and
    the indexes of the records whose quote never closed (read as their own line).
    """
    records: list[list[str]] = []
    firsts: list[int] = []
    unclosed: list[int] = []
    n = len(lines)
    i = start
    while i < n:
        line = lines[i]
        if '"' not in line:
            records.append(line.split(sep))
            firsts.append(i)
            i += 1
            continue
        state, cells = _parse(line, sep)
        if state == "ok":
            records.append(cells)  # type: ignore[arg-type]
            firsts.append(i)
            i += 1
            continue
        # The line ends inside a quoted cell: it closes on the next line holding an odd
        # number of quotes, if the record it makes is well formed. Otherwise the quote
        # is stray and swallowing the next rows would lose them.
        end = None
        for j in range(i + 1, n):
            if lines[j].count('"') % 2 == 1:
                end = j
                break
        if end is not None:
            state, cells = _parse("\n".join(lines[i : end + 1]), sep, lenient=False)
            if state == "ok":
                records.append(cells)  # type: ignore[arg-type]
                firsts.append(i)
                i = end + 1
                continue
        unclosed.append(len(records))
        records.append(line.split(sep))
        firsts.append(i)
        i += 1
    return records, firsts, unclosed


def _directive(line: str) -> str | None:
    """The separator a first line ``sep=;`` declares (Excel writes and reads it), or None."""
    text = line.strip().lstrip("\ufeff").strip('"')
    if text[:4].lower() == "sep=" and len(text) == 5:
        return text[4]
    return None


def _find_header(lines: list[str], table: schema.Table) -> tuple[str, int, list[str]] | None:
    """(separator, index of the header line, its cells), or None for a text with no line."""
    candidates = [i for i, line in enumerate(lines[:200]) if line.strip(" \t;,|\ufeff")]
    declared = _directive(lines[candidates[0]]) if candidates else None
    if declared is not None:
        candidates = candidates[1:]
    candidates = candidates[: sheet.HEADER_SEARCH_ROWS]
    if not candidates:
        return None
    best_key: tuple[int, int, int] | None = None  # (score, -position, -separator order)
    sep = SEPARATORS[0]
    for order, candidate in enumerate([declared] if declared else SEPARATORS):
        rows = [_split_one(lines[i], candidate) for i in candidates]
        header = sheet.find_header(rows, table)
        if header is None:
            continue
        key = (header.score, -header.index, -order)
        if best_key is None or key > best_key:
            best_key, sep = key, candidate
    assert best_key is not None  # candidates is not empty
    score, neg_index, _ = best_key
    if score == 0 and declared is None:
        first = lines[candidates[0]]
        counts = {s: first.count(s) for s in SEPARATORS}
        sep = max(SEPARATORS, key=lambda s: (counts[s], -SEPARATORS.index(s)))
        if not counts[sep]:
            sep = ","
        return sep, candidates[0], _split_one(first, sep)
    index = candidates[-neg_index]
    return sep, index, _split_one(lines[index], sep)


_HEAD_CHARS = 1 << 20


def _head_lines(decoded: text.Decoded) -> list[str]:
    """The first lines of the file (enough to find its header), without splitting all of
    a large file."""
    if decoded.text is None or len(decoded.text) <= _HEAD_CHARS:
        return decoded.physical_lines()
    lines = text.split_lines(decoded.text[:_HEAD_CHARS])
    return lines[:-1] if len(lines) > 1 else lines  # the last one may be cut


def _looks_binary(sample: str) -> bool:
    controls = sum(1 for c in sample if ord(c) < 32 and c not in "\t\r\n")
    return bool(sample) and controls / len(sample) > 0.1


def _read_arrow(body: memoryview, sep: str, width: int, *, quoted: bool) -> pd.DataFrame | None:
    """pyarrow's multithreaded parser on a clean body (rows after the header), every cell
    text; None when a row does not have `width` cells (or pyarrow is missing)."""
    try:
        import pyarrow as pa
        import pyarrow.csv as pacsv
    except ImportError:  # pragma: no cover - a declared dependency
        return None
    names = [f"c{i}" for i in range(width)]

    def parse(block_size: int):
        return pacsv.read_csv(
            pa.BufferReader(pa.py_buffer(body)),  # no copy of a large file
            read_options=pacsv.ReadOptions(column_names=names, block_size=block_size),
            parse_options=pacsv.ParseOptions(
                delimiter=sep, newlines_in_values=True, ignore_empty_lines=False
            ),
            convert_options=pacsv.ConvertOptions(
                column_types=dict.fromkeys(names, pa.string()),
                strings_can_be_null=False,
                quoted_strings_can_be_null=False,
            ),
        )

    try:
        try:
            table = parse(1 << 22)  # blocks of 4 MB, parsed in parallel
        except pa.ArrowInvalid as exc:
            if "straddl" not in str(exc):  # a row longer than a block: one block
                raise
            table = parse(min(len(body) + 1, 2**31 - 1))
    except (pa.ArrowInvalid, pa.ArrowException):
        return None
    if quoted:
        import pyarrow.compute as pc

        for column in table.columns:
            if (
                pc.any(pc.match_substring(column, "\n")).as_py()
                or pc.any(pc.match_substring(column, "\r")).as_py()
            ):
                return None  # a line break inside a cell: the careful parser decides
    text_dtype = pd.Series([], dtype=str).dtype
    if getattr(text_dtype, "storage", "") != "pyarrow":  # pragma: no cover
        return table.to_pandas().astype(str)
    return table.to_pandas(types_mapper={pa.string(): text_dtype}.get)


def read_csv_table(
    data: bytes, table: schema.Table, file: str, location: str, log: ProblemLog
) -> tuple[RawTable | None, dict[str, Any]]:
    """One CSV file as a raw table, or None (with one error in `log`) when it holds no
    table at all (empty, binary). Returns the table and what was detected (encoding,
    separator, header line) for ``Network.meta``."""
    if not data[:4096].strip() and not data.strip():  # no copy of a large file
        _fail(log, table, file, "file_empty")
        return None, {}
    kind = text.binary_kind(data)
    if kind is not None:
        _fail(log, table, file, "file_is_workbook" if kind == "workbook" else "file_binary")
        return None, {}
    decoded = text.decode(data)
    lines = _head_lines(decoded)
    found = _find_header(lines, table)
    if found is None:
        _fail(log, table, file, "file_empty")
        return None, {}
    sep, index, header_cells = found
    meta = {"encoding": decoded.encoding, "separator": sep, "header_line": index + 1}
    head = "\n".join(lines[:50])[:8192]
    if sheet.find_header([header_cells], table).score == 0 and _looks_binary(head):
        _fail(log, table, file, "file_binary")
        return None, {}
    header_line = index + 1  # one spreadsheet row per physical line above the header
    sheet.report_titles(
        [
            (i + 1, lines[i])
            for i in range(index)
            if lines[i].strip(" \t;,|\ufeff") and _directive(lines[i]) is None
        ],
        table,
        file,
        log,
    )
    width = len(header_cells)

    frame = None
    if decoded.text is not None and _plain_line_ends(decoded.text):
        body = _body_bytes(data, decoded, index)
        if body is not None:
            frame = _read_arrow(body, sep, width, quoted=b'"' in data)
    if frame is not None:
        numbers = np.arange(header_line + 1, header_line + 1 + len(frame), dtype=np.int64)
        return sheet.tabulate(
            table, header_cells, header_line, frame, numbers, file=file, location=location, log=log
        ), meta

    lines = decoded.physical_lines()
    records, firsts, unclosed = _records(lines, index + 1, sep)
    numbers = list(range(header_line + 1, header_line + 1 + len(records)))
    for r in unclosed:
        cells = records[r]
        column = ""
        names = [schema.column_named(table, c) or c.strip() for c in header_cells]
        for pos, cell in enumerate(cells):
            if '"' in cell:
                column = names[pos] if pos < len(names) else ""
                break
        log.add(table.name, Problem(file, numbers[r], column, "quote_unclosed", "warning"))
    if decoded.legacy_lines:
        starts = np.asarray(firsts, dtype=np.int64)
        for physical, encoding in sorted(decoded.legacy_lines.items()):
            if physical <= index:
                line = physical + 1
            else:
                r = int(np.searchsorted(starts, physical, side="right")) - 1
                line = numbers[r]
            log.add(
                table.name,
                Problem(
                    file,
                    line,
                    "",
                    "line_encoding",
                    "warning",
                    {"encoding": _ENCODING_NAMES.get(encoding, encoding)},
                ),
            )
    rows, kept_lines, _ = sheet.fit_rows(
        records, numbers, width, table, file, log, extra_is_error=True
    )
    return sheet.tabulate(
        table, header_cells, header_line, rows, kept_lines, file=file, location=location, log=log
    ), meta


def _plain_line_ends(content: str) -> bool:
    """True unless a LF file holds a lone CR (which the fast parser would take for a line
    end, where the careful one keeps it inside its cell)."""
    return "\n" not in content or content.count("\r") == content.count("\r\n")


def _body_bytes(data: bytes, decoded: text.Decoded, header_index: int) -> memoryview | None:
    """The UTF-8 bytes of the rows after the header line (a view, not a copy, of a UTF-8
    file), when the file is plain enough for the fast parser (one encoding)."""
    if decoded.text is None:
        return None
    if decoded.encoding in ("utf-8", "utf-8-sig"):
        utf8, position = data, 3 if decoded.encoding == "utf-8-sig" else 0
    else:
        utf8, position = decoded.text.encode("utf-8"), 0
    newline = b"\n" if b"\n" in utf8 else b"\r"
    for _ in range(header_index + 1):
        position = utf8.find(newline, position)
        if position < 0:
            return memoryview(b"")
        position += 1
    return memoryview(utf8)[position:]
