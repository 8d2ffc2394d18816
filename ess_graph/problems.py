"""What went wrong while reading a network: one `Problem` per faulty cell, row or file.

A problem names the file (or sheet) without extension, the line a spreadsheet user sees
(the header is line 1; 0 when the problem is about the whole file), the column, a message
available in French and English, and a severity (`error`: the row is left out;
`warning`: the row is kept).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Literal

from ess_graph.i18n import DEFAULT_LANG, t
from ess_graph.safe_text import terminal_text
from ess_graph.schema import TABLES

Severity = Literal["error", "warning"]

_TABLE_ORDER = {table.name: i for i, table in enumerate(TABLES)}

PROBLEM_KEYS: tuple[str, ...] = ("file", "line", "column", "message", "severity")


@dataclass(frozen=True)
class Problem:
    """One fault found while reading.

    `code` is a key of the translation table; `params` fill its placeholders.
    """

    file: str
    line: int
    column: str
    code: str
    severity: Severity = "error"
    params: dict[str, Any] = field(default_factory=dict, hash=False, compare=False)

    def message(self, lang: str = DEFAULT_LANG) -> str:
        return t(f"problem.{self.code}", lang, **self.params)

    def to_dict(self, lang: str = DEFAULT_LANG) -> dict[str, Any]:
        """The problem as a plain dict with exactly the keys of `PROBLEM_KEYS`."""
        return {
            "file": self.file,
            "line": self.line,
            "column": self.column,
            "message": self.message(lang),
            "severity": self.severity,
        }

    @property
    def is_error(self) -> bool:
        return self.severity == "error"


class ProblemLog:
    """Problems in the order they are found, handed out sorted by table, line and column.

    Readers and the validator share one log per network read, so that a file's problems
    (an encoding, a quote never closed) and its rows' problems come out in one order.
    """

    def __init__(self) -> None:
        self._items: list[tuple[int, int, int, int, Problem]] = []

    def add(self, table: str, problem: Problem, column_pos: int = -1) -> None:
        """Record `problem`, about `table` (a schema table name, or "" for the whole input);
        `column_pos` orders problems of one line by column."""
        order = _TABLE_ORDER.get(table, -1)
        self._items.append((order, problem.line, column_pos, len(self._items), problem))

    def __len__(self) -> int:
        return len(self._items)

    def sorted(self) -> list[Problem]:
        return [item[-1] for item in sorted(self._items, key=lambda x: x[:4])]


def has_errors(problems: list[Problem]) -> bool:
    return any(p.is_error for p in problems)


def problems_frame(problems: list[Problem], lang: str = DEFAULT_LANG):
    """The problems as a DataFrame with the columns of `PROBLEM_KEYS`."""
    import pandas as pd

    return pd.DataFrame([p.to_dict(lang) for p in problems], columns=list(PROBLEM_KEYS))


def format_problems(problems: list[Problem], lang: str = DEFAULT_LANG) -> str:
    r"""Problems as lines a person reads: `file:line [column] severity: message`.

    One line per problem, safe to print: a control character from the data (an escape
    sequence, a line break in a cell) is shown escaped (`ess_graph.safe_text.terminal_text`).

    >>> print(format_problems([Problem("links", 3, "note", "file_empty", "warning")], "en"))
    links:3 [note] warning: the file is empty
    >>> print(format_problems([Problem("links\x1b[2J", 2, "note\n", "file_empty")], "en"))
    links\x1b[2J:2 [note\n] error: the file is empty
    """
    lines = []
    for p in problems:
        where = f"{p.file}:{p.line}" if p.line else p.file
        col = f" [{p.column}]" if p.column else ""
        sev = t(f"severity.{p.severity}", lang)
        lines.append(terminal_text(f"{where}{col} {sev}: {p.message(lang)}"))
    return "\n".join(lines)
