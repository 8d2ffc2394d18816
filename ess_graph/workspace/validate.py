"""Is an edited row valid? The same answer as an import, from the same reader.

`ess_graph.io.read` is the one place where the data contract is checked. The workspace
holds cells as text; to validate a candidate row (or to turn the whole workspace back
into a `Network`), the rows are written as CSV bytes and read with
`ess_graph.io.read.read_network_from_files`. Nothing here re-implements a check.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Mapping, Sequence

from ess_graph import schema
from ess_graph.io.read import read_network_from_files
from ess_graph.network import Network
from ess_graph.problems import Problem

__all__ = ["csv_bytes", "frame_texts", "network_from_texts", "network_texts"]

#: Tables as (column names, rows of text cells).
Texts = Mapping[str, tuple[Sequence[str], Sequence[Mapping[str, str]]]]


def csv_bytes(columns: Sequence[str], rows: Sequence[Mapping[str, str]]) -> bytes:
    """Rows as UTF-8 CSV (``,``-separated, minimal quoting) with a header line.

    >>> csv_bytes(["id", "name"], [{"id": "a", "name": "x, y"}])
    b'id,name\\na,"x, y"\\n'
    """
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(columns)
    for row in rows:
        writer.writerow([row.get(c, "") for c in columns])
    return buffer.getvalue().encode("utf-8")


def network_from_texts(texts: Texts, *, fictional: str | None = None, source: str = "") -> Network:
    """Read tables of text through `read_network_from_files` (every check applies)."""
    files = {f"{name}.csv": csv_bytes(cols, rows) for name, (cols, rows) in texts.items()}
    if fictional is not None:
        files["FICTIONAL.md"] = fictional.encode("utf-8")
    net = read_network_from_files(files)
    if source:
        net.source = source
    return net


def frame_texts(frame, columns: Sequence[str] | None = None) -> list[dict[str, str]]:
    """The rows of a clean table as text cells (as `ess_graph.io.write` would write them)."""
    from ess_graph.workspace.store import cell_text

    columns = list(frame.columns) if columns is None else list(columns)
    data = {c: [cell_text(v) for v in frame[c].tolist()] for c in columns if c in frame.columns}
    n = len(frame)
    out = []
    for i in range(n):
        out.append({c: data[c][i] if c in data else "" for c in columns})
    return out


def network_texts(net: Network) -> dict[str, tuple[list[str], list[dict[str, str]]]]:
    """Every table of a network as (columns, rows of text)."""
    out = {}
    for table in schema.TABLES:
        frame = getattr(net, table.name)
        columns = [*table.names, *(c for c in frame.columns if c not in table.names)]
        out[table.name] = (columns, frame_texts(frame, columns))
    return out


def row_problems(net: Network, table: str, line: int) -> list[Problem]:
    """The problems `net` reports on one line of one table."""
    return [p for p in net.problems if p.file == table and p.line == line]
