"""Which characters of a cell can a file or a terminal take? Text made safe to write or print.

A cell can hold any character a person pasted: controls from a PDF, the noncharacters
U+FFFE and U+FFFF, even a lone surrogate (``"\\ud800"``, which a Python string can hold
but UTF-8 cannot encode). Several outputs refuse some of them:

- **XML 1.0** (XLSX, GEXF, GraphML) forbids the C0 controls other than tab, line feed and
  carriage return, U+FFFE, U+FFFF and surrogates (`XML_FORBIDDEN`): one of them makes the
  whole file unreadable. **HTML** forbids DEL and the C1 controls too.
- **UTF-8** (CSV, JSON) cannot encode a lone surrogate: the write fails.
- **ess_graph's reader** removes all of these from every cell, with a warning
  (`ess_graph.validate`).
- **A terminal** runs the escape sequences it receives (``"\\x1b[2J"`` clears the
  screen, ``"\\x1b]0;title\\x07"`` retitles the window).

So the writers of CSV, XLSX and HTML replace each character of `UNWRITABLE` (what XML
forbids, DEL and the C1 controls) by U+FFFD, the Unicode replacement character
(`writable_text`, `clean_cells`), and count what they replaced (`Replacements`, reported
in ``metadata.json``): a file of ours opens anywhere and reads back without a warning.
Messages printed to a terminal show controls as visible escapes (`terminal_text`,
`json_text`). Printable text (accents, emoji, right-to-left scripts) is never touched.
"""

from __future__ import annotations

import json
import re
from collections import Counter
from dataclasses import dataclass, field
from typing import Any

#: Characters XML 1.0 forbids (its `Char` production): C0 controls other than tab, LF and
#: CR, surrogates, U+FFFE and U+FFFF. openpyxl's ``ILLEGAL_CHARACTERS_RE`` is a subset.
XML_FORBIDDEN = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")

#: First characters that make a spreadsheet run a cell as a formula (or command). The
#: writers put an apostrophe before such text; the reader takes one off.
FORMULA_TRIGGERS: tuple[str, ...] = ("=", "+", "-", "@", "\t", "\r")

#: What replaces a forbidden character: U+FFFD REPLACEMENT CHARACTER (visible as �).
REPLACEMENT = "\ufffd"

#: The most characters a workbook cell holds (Excel's limit; openpyxl cuts longer text
#: silently, so the writers cut it themselves and count it).
XLSX_MAX_CELL = 32_767

#: What no file of ours holds: `XML_FORBIDDEN`, plus DEL and the C1 controls (HTML forbids
#: them, and ess_graph's reader removes all of these).
UNWRITABLE = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ud800-\udfff\ufffe\uffff]")

# Controls a terminal may act on: C0, DEL, C1; the line and paragraph separators, which
# some terminals and editors show as line breaks; and lone surrogates, which a UTF-8
# terminal cannot be sent at all.
_TERMINAL_UNSAFE = re.compile("[\x00-\x1f\x7f-\x9f\u2028\u2029\ud800-\udfff]")
# What json.dumps(ensure_ascii=False) leaves raw and a terminal or UTF-8 would not take.
_JSON_UNSAFE = re.compile("[\x7f-\x9f\ud800-\udfff]")


def code_point(char: str) -> str:
    """The usual name of a code point: ``U+0001``, ``U+FFFE``.

    >>> code_point("\\x1b"), code_point("\\uffff")
    ('U+001B', 'U+FFFF')
    """
    return f"U+{ord(char):04X}"


@dataclass
class Replacements:
    """What a writer changed in the text it was given.

    `by_character` counts the characters replaced by U+FFFD, by code point, and `cells`
    the cells that held them; `cells_cut` counts the workbook cells cut to the
    `XLSX_MAX_CELL` characters a spreadsheet cell can hold.

    >>> found = Replacements()
    >>> writable_text("a\\x01b\\x85", found), found.to_dict()["characters"]
    ('a�b�', 2)
    """

    by_character: Counter[str] = field(default_factory=Counter)
    cells: int = 0
    cells_cut: int = 0

    @property
    def characters(self) -> int:
        return sum(self.by_character.values())

    def add(self, text: str) -> None:
        """Count the unwritable characters of one cell (that has at least one)."""
        self.cells += 1
        self.by_character.update(code_point(c) for c in UNWRITABLE.findall(text))

    def to_dict(self) -> dict[str, Any]:
        """For ``metadata.json``: the replacement, the counts, each code point's count, and
        the cells cut to `XLSX_MAX_CELL` characters."""
        return {
            "replacement": code_point(REPLACEMENT),
            "characters": self.characters,
            "cells": self.cells,
            "by_character": dict(sorted(self.by_character.items())),
            "cells_cut_to_32767_characters": self.cells_cut,
        }

    def __bool__(self) -> bool:
        return self.cells > 0 or self.cells_cut > 0


def writable_text(text: str, replacements: Replacements | None = None) -> str:
    """`text` with every character of `UNWRITABLE` replaced by U+FFFD.

    >>> writable_text("Réso\\x0bsolidaire \\ufffe\\x9b")
    'Réso�solidaire ��'
    """
    if not UNWRITABLE.search(text):
        return text
    if replacements is not None:
        replacements.add(text)
    return UNWRITABLE.sub(REPLACEMENT, text)


def clean_cells(cells: list[Any], replacements: Replacements | None = None) -> list[Any]:
    """One column's cells with `writable_text` applied to each ``str`` (others as they are).

    A column without any such character (the usual case) is checked with one search over
    its joined text and returned as is.
    """
    texts = [c for c in cells if isinstance(c, str)]
    if not texts or not UNWRITABLE.search("".join(texts)):
        return cells
    return [writable_text(c, replacements) if isinstance(c, str) else c for c in cells]


_SHORT_ESCAPES = {"\t": "\\t", "\n": "\\n", "\r": "\\r"}


def _escape_char(match: re.Match[str]) -> str:
    char = match.group()
    if char in _SHORT_ESCAPES:
        return _SHORT_ESCAPES[char]
    code = ord(char)
    return f"\\x{code:02x}" if code <= 0xFF else f"\\u{code:04x}"


def terminal_text(text: str, *, keep: str = "") -> str:
    """`text` with every control character shown as a visible escape, for a terminal.

    C0 controls, DEL, C1 controls, U+2028, U+2029 and lone surrogates become ``\\t``,
    ``\\n``, ``\\r``, ``\\xNN`` or ``\\uNNNN`` (as Python writes them), so no escape
    sequence held by a cell reaches the terminal and a line stays one line. Characters in
    `keep` (a message's own line breaks, ``keep="\\n"``) are left as they are.

    >>> terminal_text("Réso\\x1b[2J")
    'Réso\\\\x1b[2J'
    >>> terminal_text("a\\tb\\nc", keep="\\n")
    'a\\\\tb\\nc'
    """
    if not _TERMINAL_UNSAFE.search(text):
        return text
    if not keep:
        return _TERMINAL_UNSAFE.sub(_escape_char, text)
    return _TERMINAL_UNSAFE.sub(lambda m: m.group() if m.group() in keep else _escape_char(m), text)


def json_text(value: Any, **kwargs: Any) -> str:
    """``json.dumps(value, ensure_ascii=False, **kwargs)``, safe to encode and to print.

    `json.dumps` escapes C0 controls but leaves DEL, the C1 controls and lone surrogates
    raw: the first two reach a terminal as they are, the last cannot be encoded in UTF-8.
    They are written as ``\\uNNNN`` escapes here, which JSON readers turn back into the
    same characters, so the text stays valid JSON and the value is unchanged.

    >>> json_text({"name": "a\\x9bb\\ud800"})
    '{"name": "a\\\\u009bb\\\\ud800"}'
    """
    text = json.dumps(value, ensure_ascii=False, **kwargs)
    return _JSON_UNSAFE.sub(lambda m: f"\\u{ord(m.group()):04x}", text)
