"""The character classes of ess_graph.safe_text, checked against their definitions."""

from __future__ import annotations

import json
import unicodedata

from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE

from ess_graph.safe_text import (
    UNWRITABLE,
    XML_FORBIDDEN,
    Replacements,
    json_text,
    terminal_text,
    writable_text,
)

BMP = [chr(c) for c in range(0x10000)]


def _xml_char(c: int) -> bool:
    """The Char production of XML 1.0 (fifth edition, section 2.2), as written there."""
    return (
        c in (0x9, 0xA, 0xD)
        or 0x20 <= c <= 0xD7FF
        or 0xE000 <= c <= 0xFFFD
        or 0x10000 <= c <= 0x10FFFF
    )


def test_xml_forbidden_is_exactly_what_xml_1_0_refuses():
    for c in [*range(0x10000), 0x10000, 0x1F30A, 0x10FFFF]:
        assert (XML_FORBIDDEN.match(chr(c)) is not None) == (not _xml_char(c)), hex(c)


def test_xml_forbidden_covers_what_openpyxl_refuses():
    refused = {c for c in BMP if ILLEGAL_CHARACTERS_RE.match(c)}
    assert refused and all(XML_FORBIDDEN.match(c) for c in refused)
    assert not ILLEGAL_CHARACTERS_RE.match("\ufffe")  # why openpyxl's own check is not enough


def test_unwritable_adds_del_and_the_c1_controls():
    extra = {c for c in BMP if UNWRITABLE.match(c)} - {c for c in BMP if XML_FORBIDDEN.match(c)}
    assert extra == {chr(c) for c in range(0x7F, 0xA0)}


def test_unwritable_is_what_the_reader_removes():
    # every character of the control ranges, the noncharacters, a surrogate and a few
    # printable ones, each in a cell "a?b" of an edit: removed exactly when unwritable
    from ess_graph.tables import RawNetwork, raw_table
    from ess_graph.validate import validate

    chars = [chr(c) for c in [*range(0x00, 0xA1), 0x200B, 0xD800, 0xFFFD, 0xFFFE, 0xFFFF]]
    rows = [{"id": f"s{i}", "name": f"a{c}b"} for i, c in enumerate(chars)]
    raw = raw_table("sectors", rows)
    names = validate(RawNetwork({"sectors": raw}, require_tables=False)).sectors["name"]
    for c, name in zip(chars, names, strict=True):
        assert (name == "ab") == bool(UNWRITABLE.match(c)), hex(ord(c))


def test_replacements_count_per_code_point():
    found = Replacements()
    texts = ["ok", "a\x00b\x00", "\ufffe\ud800\x85", "emoji 🌊 stays"]
    want = ["ok", "a\ufffdb\ufffd", "\ufffd\ufffd\ufffd", texts[3]]
    assert [writable_text(t, found) for t in texts] == want
    # By hand: two NUL in one cell, U+FFFE, U+D800 and U+0085 in another.
    assert found.to_dict() == {
        "replacement": "U+FFFD",
        "characters": 5,
        "cells": 2,
        "by_character": {"U+0000": 2, "U+0085": 1, "U+D800": 1, "U+FFFE": 1},
        "cells_cut_to_32767_characters": 0,
    }
    assert bool(found) and not Replacements()


def test_terminal_text_escapes_every_control_and_nothing_else():
    controls = [c for c in BMP if unicodedata.category(c) == "Cc"]
    assert len(controls) == 65  # C0 (32), DEL, C1 (32)
    shown = terminal_text("".join(controls))
    assert shown.isprintable() and shown.isascii()
    assert terminal_text("\ud800\u2028") == "\\ud800\\u2028"  # a surrogate, a line separator
    kept = "Réso 🌊 جمعية \u202bמרכז\u202c «=1»"
    assert terminal_text(kept) == kept


def test_json_text_stays_valid_json_for_the_same_value():
    value = {"name": "a\x1b\x7f\x85\x9b\ud800\ufffe z", "n": [1, 2.5]}
    text = json_text(value)
    assert terminal_text(text) == text  # nothing a terminal would act on
    text.encode("utf-8")  # strict
    assert json.loads(text) == value
