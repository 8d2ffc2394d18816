"""The associations SIRENE does not see: the RNA (répertoire national des associations).

An association has a SIRET only when it employs, pays VAT or receives public money; the
others are only in the RNA, published by the Ministry of the Interior as the « waldec »
files (``rna_waldec_YYYYMMDD_dpt_XX.csv``, one per département, ``;``-separated, in a
zip). `read_rna` reads them as published (the zip, or its CSV files) in chunks and keeps
the active associations (``position`` = A) of the area; `ess_graph.sirene.roster` then
adds those without a SIRET as structures and gives an association SIRENE already has
(same siret) its RNA object. Columns used: `RNA_COLUMNS`. The text encoding of each file
is detected (charset-normalizer): older extracts are in Windows-1252.
"""

from __future__ import annotations

import io
import os
import zipfile
from collections.abc import Iterator, Sequence
from pathlib import Path

import numpy as np
import pandas as pd

from ess_graph.problems import Problem
from ess_graph.sirene.read import TEXT, Extract, SireneFileError, _area_mask, csv_chunks

#: Columns read from the waldec files: required first, then optional.
RNA_COLUMNS: tuple[str, ...] = (
    "id",
    "titre",
    "adrs_codeinsee",
    "position",
    "siret",
    "titre_court",
    "objet",
    "objet_social1",
    "date_creat",
    "adrs_libcommune",
)
RNA_REQUIRED = RNA_COLUMNS[:4]


def _members(path: Path) -> Iterator[tuple[str, bytes]]:
    """(name, bytes) of each CSV file of ``path`` (a waldec zip, or one CSV file)."""
    if zipfile.is_zipfile(path):
        with zipfile.ZipFile(path) as z:
            for name in sorted(z.namelist()):
                if name.lower().endswith(".csv"):
                    yield name, z.read(name)
        return
    yield path.name, path.read_bytes()


def _decode(data: bytes) -> str:
    from charset_normalizer import from_bytes

    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        best = from_bytes(data[:1_000_000]).best()
        return data.decode(best.encoding if best is not None else "cp1252", errors="replace")


def read_rna(
    paths: Sequence[str | os.PathLike[str]],
    *,
    departements: Sequence[str],
    communes: Sequence[str] | None = None,
) -> Extract:
    """The active associations (``position`` = A) of the waldec files ``paths`` located in
    ``departements`` (or ``communes``). ``counts``: ``rna_rows_read``, ``rna_in_area``.

    Raises `SireneFileError` for a missing or unreadable file or a missing column.
    """
    only = set(communes) if communes else None
    parts, read, problems = [], 0, []
    for raw in paths:
        path = Path(raw)
        if not path.is_file():
            raise SireneFileError("missing", file=str(path))
        try:
            members = list(_members(path))
        except (OSError, zipfile.BadZipFile) as exc:
            raise SireneFileError("format", file=path.name, detail=str(exc)) from None
        for name, data in members:
            text = _decode(data)
            try:
                head = pd.read_csv(io.StringIO(text), sep=";", nrows=0)
                present = [str(c) for c in head.columns]
                missing = [c for c in RNA_REQUIRED if c not in present]
                if missing:
                    raise SireneFileError(
                        "columns", file=name, columns=", ".join(missing), kind="RNA (waldec)"
                    )
                for frame, _lines in csv_chunks(
                    io.BytesIO(text.encode("utf-8")),
                    sep=";",
                    usecols=[c for c in RNA_COLUMNS if c in present],
                    file=name,
                    problems=problems,
                    header=present,
                ):
                    read += len(frame)
                    for c in RNA_COLUMNS:
                        if c not in frame:
                            frame[c] = pd.Series("", index=frame.index, dtype=TEXT)
                    frame = frame.fillna("")
                    keep = (frame["position"] == "A").to_numpy(dtype=bool) & _area_mask(
                        frame["adrs_codeinsee"], departements, only
                    )
                    frame = frame[keep]
                    bad = ~frame["id"].str.fullmatch(r"W[0-9A-Z]{9}").to_numpy(dtype=bool)
                    problems += [
                        Problem(name, 0, "id", "rna_bad_id", "error", {"value": str(v)})
                        for v in frame["id"][bad]
                    ]
                    parts.append(frame[~bad][list(RNA_COLUMNS)])
            except SireneFileError:
                raise
            except (pd.errors.ParserError, ValueError) as exc:
                raise SireneFileError(
                    "format", file=name, detail=str(exc).splitlines()[0]
                ) from None
    rna = (
        pd.concat(parts, ignore_index=True)
        if parts
        else pd.DataFrame({c: pd.Series([], dtype=TEXT) for c in RNA_COLUMNS})
    )
    rna = rna.drop_duplicates("id", keep="last")
    return Extract(rna, read, problems, {"rna_rows_read": read, "rna_in_area": len(rna)})


def siret_of(values: pd.Series) -> np.ndarray:
    """The 14-digit sirets of a waldec ``siret`` column, "" where none (or malformed)."""
    clean = values.astype(str).str.replace(" ", "", regex=False)
    return np.where(clean.str.fullmatch(r"\d{14}"), clean, "")
