"""Text that breaks writers, and the text each writer is expected to give back.

The hostile strings are those of issue 10 (item 5): every C0 control, DEL, the C1
controls, U+FFFE, U+FFFF, a lone surrogate, formula-like text, a 200 kB string, emoji,
right-to-left text. Expected values are derived from these input strings by the rules of
docs/DATA.md (« What ess_graph writes »), written out in `expected_back`.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from ess_graph.network import Network

C0 = "".join(chr(c) for c in range(0x20))
C1 = "".join(chr(c) for c in range(0x80, 0xA0))
FORMULAS = ['=HYPERLINK("http://x","y")', "+1", "-x", "@SUM(A1)"]
BIG = "Réso " + "x" * 200_000 + " fin"  # 200 kB in one cell
EMOJI = "Coop 🌊🤝🏽 👩‍👩‍👧"
RTL = "جمعية التضامن \u202bמרכז\u202c"

#: The hostile texts, each between ordinary letters: the reader trims blanks around a
#: cell, and C0 and C1 controls include blanks (U+001C–U+001F, U+0085).
HOSTILE: dict[str, str] = {
    "c0": f"a{C0}z",
    "del_c1": f"a\x7f{C1}z",
    "nonchars": "a\ufffe\uffffz",
    "surrogate": "a\ud800z",
    "escape": "name\x1b[2J\x1b]0;title\x07",
    **{f"formula{i}": text for i, text in enumerate(FORMULAS)},
    "big": BIG,
    "emoji": EMOJI,
    "rtl": RTL,
}

#: Cells holding BIG in `hostile_network`: a structure's name, the extra column, a note.
BIG_CELLS = 3

#: An extra column whose name holds a control character and one that starts like a formula.
ODD_COLUMN = "remarque\x01"
FORMULA_COLUMN = "=col"

#: Characters every writer of CSV, XLSX and HTML replaces by U+FFFD: those XML 1.0 forbids
#: (C0 but tab, LF, CR; U+FFFE; U+FFFF; surrogates), DEL and the C1 controls.
FORBIDDEN = (
    {chr(c) for c in range(0x20) if chr(c) not in "\t\n\r"}
    | {chr(c) for c in range(0x7F, 0xA0)}
    | {"\ufffe", "\uffff", "\ud800"}
)


def replaced(text: str) -> str:
    """`text` after the U+FFFD replacement, as every CSV, XLSX and HTML writer leaves it."""
    return "".join("\ufffd" if c in FORBIDDEN else c for c in text)


def expected_back(text: str, fmt: str) -> str:
    """What `read_network` gives back for a text cell written by `write_network`.

    CSV: the replacement only. XLSX: also text cut to the 32,767 characters of a cell (a
    carriage return survives: openpyxl writes it as ``&#13;`` with lxml).
    """
    out = replaced(text)
    if fmt == "xlsx":
        out = out[:32_767]
    return out


def as_read(text: str) -> str:
    """`text` as `read_network` holds it when a file brings it: the reader removes the same
    characters (with a warning) and puts text in Unicode NFC form."""
    import unicodedata

    return unicodedata.normalize("NFC", "".join(c for c in text if c not in FORBIDDEN))


def forbidden_count(texts) -> int:
    return sum(c in FORBIDDEN for text in texts for c in text)


def _text(values) -> pd.Series:
    return pd.Series(list(values), dtype=object)  # object: a lone surrogate fits


def hostile_network(texts: dict[str, str] | None = None) -> Network:
    """One structure per hostile text (as its name), a link per text (as its note), the
    texts again in an extra column, and in the names of the pôle, the partner and the
    sectors; ids, territories and vocabularies stay plain so that every row is valid.

    `texts` defaults to `HOSTILE`; the analyses need one without its lone surrogate (a
    pandas text column cannot hold one, and no file read can produce one).
    """
    HOSTILE = texts or globals()["HOSTILE"]
    keys = list(HOSTILE)
    n = len(keys)
    ids = [f"s{i:02d}" for i in range(n)]
    structures = pd.DataFrame(
        {
            "id": _text(ids),
            "name": _text(HOSTILE[k] for k in keys),
            "family": _text(["association"] * n),
            "sector": _text(["culture", "sport"] * (n // 2) + ["culture"] * (n % 2)),
            "territory": _text(["brest"] * n),
            "pole": _text(["p1"] * n),
            "commune": _text(["Brest"] * n),
            "lat": [48.39] * (n - 1) + [-4.25],
            "lon": [-4.486] * n,
            "employees": pd.array([3] * n, dtype="Int64"),
            "founded": pd.array([2009] * n, dtype="Int64"),
            ODD_COLUMN: _text(HOSTILE[k] for k in reversed(keys)),
            FORMULA_COLUMN: _text(["=1+1"] + ["ok"] * (n - 1)),
        }
    )
    poles = pd.DataFrame(
        {
            "id": _text(["p1"]),
            "name": _text([HOSTILE["escape"]]),
            "territory": _text(["brest"]),
            "status": _text(["created"]),
            "created": pd.array([2004], dtype="Int64"),
        }
    )
    partners = pd.DataFrame(
        {"id": _text(["cg29"]), "name": _text([HOSTILE["nonchars"]]), "kind": _text(["region"])}
    )
    links = pd.DataFrame(
        {
            "source": _text(ids),
            "target": _text(ids[1:] + ids[:1]),
            "kind": _text(["cooperation"] * n),
            "since": pd.array([2005] * n, dtype="Int64"),
            "weight": np.linspace(0.5, 3.0, n),
            "status": _text(["confirmed"] * n),
            "source_of_information": _text(["survey"] * n),
            "note": _text(HOSTILE[k] for k in keys),
        }
    )
    territories = pd.DataFrame(
        {
            "id": _text(["brest"]),
            "name": _text(["Brest"]),
            "department": _text(["29"]),
            "lat": [48.39],
            "lon": [-4.486],
        }
    )
    sectors = pd.DataFrame(
        {"id": _text(["culture", "sport"]), "name": _text([HOSTILE["c0"], HOSTILE["rtl"]])}
    )
    return Network(structures, poles, partners, links, territories, sectors)


def text_cells(net: Network) -> list[str]:
    """Every text cell and column name of the network's tables."""
    out: list[str] = []
    for frame in net.tables().values():
        out += [str(c) for c in frame.columns]
        for column in frame.columns:
            out += [v for v in frame[column].tolist() if isinstance(v, str)]
    return out


def write_plain_csv(net: Network, folder) -> None:
    """The network's tables as CSV files written by the csv module, as another program
    would write them: every character as it is, no formula prefix."""
    import csv
    from pathlib import Path

    folder = Path(folder)
    folder.mkdir(parents=True, exist_ok=True)
    for name, frame in net.tables().items():
        with open(folder / f"{name}.csv", "w", encoding="utf-8", newline="") as handle:
            writer = csv.writer(handle, lineterminator="\n")
            writer.writerow(frame.columns)
            for row in frame.astype(object).itertuples(index=False):
                writer.writerow(["" if pd.isna(v) else v for v in row])
