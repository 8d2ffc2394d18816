"""Which characters does a file hold? Bytes to text, deciding line by line.

A CSV file is text in some encoding, but files as people save them mix: a UTF-8 file with
one name pasted from a Windows program, a file from Excel for Mac. `decode` reads a file in
one encoding when it can, and otherwise **line by line**: every line that is valid UTF-8
is read as UTF-8, the others in the legacy encoding the file's bytes point to (detected by
charset-normalizer among Western encodings), and those lines are listed so that the reader
can name them. Nothing here drops a line.

Encodings, in the order they are decided:

1. a byte-order mark: UTF-8 (Excel's « CSV UTF-8 »), UTF-16 (« Texte Unicode »), UTF-32;
2. UTF-16 without a mark (every other byte zero);
3. UTF-8, when every byte is valid UTF-8;
4. UTF-8 lines plus legacy lines, when some lines are valid UTF-8 beyond ASCII;
5. one legacy encoding for the whole file (Windows-1252, Mac Roman, ISO-8859-15...), chosen
   by charset-normalizer (MIT licence) on the file's non-ASCII lines.
"""

from __future__ import annotations

import codecs
from dataclasses import dataclass, field

__all__ = ["Decoded", "binary_kind", "decode", "split_lines"]

#: The legacy encodings a file made in Brittany may be in (Python codec names).
LEGACY_ENCODINGS = ("cp1252", "mac_roman", "iso8859_15", "latin_1", "cp850")

_MAGIC = (
    (b"PK\x03\x04", "workbook"),  # a zip: .xlsx or .ods renamed .csv
    (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", "workbook"),  # an old .xls
    (b"%PDF", "document"),
    (b"\x89PNG", "image"),
    (b"\xff\xd8\xff", "image"),
    (b"GIF8", "image"),
    (b"\x1f\x8b", "archive"),
    (b"SQLite format 3\x00", "database"),
)


def _latin1_fallback(error: UnicodeDecodeError) -> tuple[str, int]:
    """For the five bytes Windows-1252 leaves undefined: their Latin-1 character (a C1
    control, which the validator then removes and reports)."""
    bad = error.object[error.start : error.end]
    return bad.decode("latin-1"), error.end


codecs.register_error("ess_graph_latin1", _latin1_fallback)


@dataclass
class Decoded:
    """The text of a file.

    Attributes
    ----------
    encoding : str
        What was used: ``utf-8``, ``utf-8-sig``, ``utf-16``, ``cp1252``..., or
        ``utf-8+cp1252`` when lines were read in two encodings.
    text : str or None
        The whole text, when one encoding read every byte.
    lines : list of str or None
        The physical lines (see `split_lines`), when the file was read line by line.
    legacy_lines : dict
        Index of each physical line read in the legacy encoding (its bytes were not UTF-8)
        -> that encoding. Empty when one encoding read the whole file.
    """

    encoding: str
    text: str | None = None
    lines: list[str] | None = None
    legacy_lines: dict[int, str] = field(default_factory=dict)

    def physical_lines(self) -> list[str]:
        if self.lines is None:
            self.lines = split_lines(self.text or "")
        return self.lines


def binary_kind(data: bytes) -> str | None:
    """What a file is when it is no text at all ("workbook", "image"...), else None.

    >>> binary_kind(b"PK\\x03\\x04rest"), binary_kind(b"id;name\\n")
    ('workbook', None)
    """
    for magic, kind in _MAGIC:
        if data.startswith(magic):
            return kind
    head = data[:4096]
    # NUL bytes in a file that is not UTF-16/32: many of them means binary content.
    wide = _utf16_without_bom(head) is not None or head.startswith((b"\xff\xfe", b"\xfe\xff"))
    if not wide and head.count(b"\x00") > len(head) // 20:
        return "binary"
    return None


def _utf16_without_bom(head: bytes) -> str | None:
    """``utf-16-le`` / ``utf-16-be`` when every other byte of `head` is zero."""
    pairs = len(head) // 2
    if pairs < 2:
        return None
    even_zero = sum(1 for i in range(0, 2 * pairs, 2) if head[i] == 0)
    odd_zero = sum(1 for i in range(1, 2 * pairs, 2) if head[i] == 0)
    if odd_zero > 0.4 * pairs and even_zero < 0.05 * pairs:
        return "utf-16-le"
    if even_zero > 0.4 * pairs and odd_zero < 0.05 * pairs:
        return "utf-16-be"
    return None


def split_lines(text: str) -> list[str]:
    """Physical lines: split at LF (a CR just before it is dropped); in a file with no LF
    at all (Excel for Mac), at CR. A lone CR inside a LF file stays inside its line.

    >>> split_lines("a\\r\\nb\\rc\\n"), split_lines("a\\rb\\r")
    (['a', 'b\\rc'], ['a', 'b'])
    """
    sep = "\n" if "\n" in text else "\r"
    lines = text.split(sep)
    if lines and lines[-1] == "":
        lines.pop()
    if sep == "\n":
        lines = [line[:-1] if line.endswith("\r") else line for line in lines]
    return lines


def _split_bytes(data: bytes) -> list[bytes]:
    sep = b"\n" if b"\n" in data else b"\r"
    lines = data.split(sep)
    if lines and lines[-1] == b"":
        lines.pop()
    if sep == b"\n":
        lines = [line[:-1] if line.endswith(b"\r") else line for line in lines]
    return lines


def _legacy_encoding(sample: bytes) -> str:
    """The legacy encoding of `sample` (its non-ASCII bytes), Windows-1252 when unsure."""
    try:
        from charset_normalizer import from_bytes
    except ImportError:  # pragma: no cover - a declared dependency
        return "cp1252"
    best = from_bytes(sample, cp_isolation=list(LEGACY_ENCODINGS)).best()
    if best is None:
        return "cp1252"
    name = codecs.lookup(best.encoding).name  # e.g. "windows-1252" -> "cp1252"
    return {
        "windows-1252": "cp1252",
        "mac-roman": "mac_roman",
        "iso8859-15": "iso8859_15",
        "iso8859-1": "latin_1",
    }.get(name, name)


def _decode_legacy(data: bytes, encoding: str) -> str:
    return data.decode(encoding, errors="ess_graph_latin1")


def decode(data: bytes) -> Decoded:
    """The text of `data` (see the module docstring for the order of decisions).

    >>> decode("Réso;Brest\\n".encode("utf-8")).encoding
    'utf-8'
    >>> mixed = "nom\\nCafé\\n".encode("utf-8") + "Crêperie\\n".encode("cp1252")
    >>> d = decode(mixed)
    >>> d.encoding, d.lines, d.legacy_lines
    ('utf-8+cp1252', ['nom', 'Café', 'Crêperie'], {2: 'cp1252'})
    """
    if data.startswith(b"\xef\xbb\xbf"):
        return _utf8(data[3:], "utf-8-sig")
    if data.startswith((b"\xff\xfe\x00\x00", b"\x00\x00\xfe\xff")):
        return _whole(data, "utf-32")
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return _whole(data, "utf-16")
    wide = _utf16_without_bom(data[:4096])
    if wide is not None:
        return _whole(data, wide)
    return _utf8(data, "utf-8")


def _whole(data: bytes, encoding: str) -> Decoded:
    """A wide encoding read in one piece; a broken unit becomes U+FFFD and its line is
    listed as read in that encoding with replacements."""
    try:
        return Decoded(encoding, text=data.decode(encoding))
    except UnicodeDecodeError:
        text = data.decode(encoding, errors="replace")
        lines = split_lines(text)
        bad = {i: encoding for i, line in enumerate(lines) if "\ufffd" in line}
        return Decoded(encoding, lines=lines, legacy_lines=bad)


def _utf8(data: bytes, label: str) -> Decoded:
    try:
        return Decoded(label, text=data.decode("utf-8"))
    except UnicodeDecodeError:
        pass
    raw_lines = _split_bytes(data)
    good: list[str | None] = []
    bad_index: list[int] = []
    multibyte = 0
    for i, line in enumerate(raw_lines):
        try:
            text = line.decode("utf-8")
        except UnicodeDecodeError:
            good.append(None)
            bad_index.append(i)
            continue
        if not text.isascii():
            multibyte += 1
        good.append(text)
    sample = b"\n".join(raw_lines[i] for i in bad_index[:2000])
    legacy = _legacy_encoding(sample)
    if multibyte == 0:
        # No line is UTF-8 beyond ASCII: the whole file is in one legacy encoding.
        return Decoded(legacy, text=_decode_legacy(data, legacy))
    lines = [
        text if text is not None else _decode_legacy(raw_lines[i], legacy)
        for i, text in enumerate(good)
    ]
    return Decoded(f"{label}+{legacy}", lines=lines, legacy_lines=dict.fromkeys(bad_index, legacy))
