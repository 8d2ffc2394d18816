"""Reading INSEE's SIRENE stock files in bounded memory: the ESS units, then their
active establishments in the chosen area.

The files are read as INSEE publishes them (docs/OPEN_DATA.md): ``StockUniteLegale`` and
``StockEtablissement`` as CSV (UTF-8, comma-separated, plain, ``.gz`` or the ``.zip`` of
the download) or Parquet, with their own column names (`UNIT_COLUMNS`,
`ESTABLISHMENT_COLUMNS`). Only the columns used are kept. A CSV file is read by
pyarrow's streaming reader in blocks of `CSV_BLOCK_BYTES` (`csv_chunks`), each filtered
before the next is read; a Parquet file through a pyarrow dataset whose area filter is
applied while scanning, batch by batch, so that the 40 million rows of the whole
StockEtablissement never sit in memory.

A file that cannot be read, or lacks a required column, raises `SireneFileError` (one
message naming the file). A row whose identifier is malformed, or a CSV row whose number
of fields is not the header's, is left out and reported as a `Problem` naming the file,
the line (CSV; the value itself for Parquet) and the column.
"""

from __future__ import annotations

import contextlib
import os
import re
import zipfile
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np
import pandas as pd

from ess_graph.i18n import register, t
from ess_graph.problems import Problem

#: Columns read from StockUniteLegale: required first, then optional (empty when absent).
UNIT_COLUMNS: tuple[str, ...] = (
    "siren",
    "economieSocialeSolidaireUniteLegale",
    "categorieJuridiqueUniteLegale",
    "denominationUniteLegale",
    "sigleUniteLegale",
    "activitePrincipaleUniteLegale",
    "trancheEffectifsUniteLegale",
    "caractereEmployeurUniteLegale",
    "identifiantAssociationUniteLegale",
)
UNIT_REQUIRED = UNIT_COLUMNS[:4]

#: Columns read from StockEtablissement: required first, then optional.
ESTABLISHMENT_COLUMNS: tuple[str, ...] = (
    "siren",
    "siret",
    "codeCommuneEtablissement",
    "etatAdministratifEtablissement",
    "activitePrincipaleEtablissement",
    "trancheEffectifsEtablissement",
    "caractereEmployeurEtablissement",
    "etablissementSiege",
    "enseigne1Etablissement",
    "denominationUsuelleEtablissement",
    "libelleCommuneEtablissement",
    "coordonneeLambertAbscisseEtablissement",
    "coordonneeLambertOrdonneeEtablissement",
    "dateDernierTraitementEtablissement",
)
ESTABLISHMENT_REQUIRED = ESTABLISHMENT_COLUMNS[:4]

#: Bytes of a CSV file read at once (about 75,000 rows of StockEtablissement).
CSV_BLOCK_BYTES = 16 << 20
#: Rows of a Parquet batch (the scan reads one ahead).
PARQUET_BATCH_ROWS = 262_144
#: The text columns' type: Arrow-backed strings, a third of the memory of Python objects
#: (the ~1.7 million ESS units of France are held while the establishments are read).
TEXT = pd.StringDtype("pyarrow")

_SIREN = re.compile(r"^\d{9}$")
_SIRET = re.compile(r"^\d{14}$")

register(
    {
        "sirene.error.missing": {
            "fr": "{file} : fichier introuvable.",
            "en": "{file}: no such file.",
        },
        "sirene.error.format": {
            "fr": "{file} : ni CSV ni Parquet lisible ({detail}). Donnez le fichier tel qu'INSEE le publie (.csv, .csv.gz, .zip ou .parquet).",
            "en": "{file}: neither readable CSV nor Parquet ({detail}). Give the file as INSEE publishes it (.csv, .csv.gz, .zip or .parquet).",
        },
        "sirene.error.columns": {
            "fr": "{file} : colonne(s) absente(s) : {columns}. Est-ce bien le fichier {kind} d'INSEE ?",
            "en": "{file}: missing column(s): {columns}. Is it INSEE's {kind} file?",
        },
        "problem.sirene_bad_siren": {
            "fr": "siren « {value} » : 9 chiffres attendus ; ligne ignorée.",
            "en": "siren '{value}': 9 digits expected; row left out.",
        },
        "problem.sirene_bad_line": {
            "fr": "ligne illisible ({detail}) ; ignorée.",
            "en": "unreadable line ({detail}); left out.",
        },
        "problem.sirene_bad_siret": {
            "fr": "siret « {value} » : 14 chiffres commençant par le siren attendus ; établissement ignoré.",
            "en": "siret '{value}': 14 digits starting with the siren expected; establishment left out.",
        },
    }
)


class SireneFileError(Exception):
    """A SIRENE file that cannot be used: missing, unreadable, or without its columns."""

    def __init__(self, key: str, **params: str) -> None:
        self.key = key
        self.params = params
        super().__init__(self.message("en"))

    def message(self, lang: str = "fr") -> str:
        return t(f"sirene.error.{self.key}", lang, **self.params)


@dataclass
class Extract:
    """Rows kept from one file, with what reading it found."""

    frame: pd.DataFrame
    #: Rows read from the file (all of them, before any filter).
    rows_read: int = 0
    problems: list[Problem] = field(default_factory=list)
    counts: dict[str, int] = field(default_factory=dict)


def _is_parquet(path: Path) -> bool:
    with open(path, "rb") as fh:
        return fh.read(4) == b"PAR1"


def _separator(header: str) -> str:
    """INSEE's files are comma-separated; a file saved again by a spreadsheet may not be."""
    counts = {sep: header.count(sep) for sep in (",", ";", "\t")}
    return max(counts, key=lambda s: counts[s])


def _csv_source(path: Path) -> tuple[object, str]:
    """What pandas reads (the path, or the one CSV member of a .zip) and its separator."""
    try:
        if zipfile.is_zipfile(path):
            with zipfile.ZipFile(path) as z:
                members = [n for n in z.namelist() if n.lower().endswith(".csv")]
                if len(members) != 1:
                    raise SireneFileError(
                        "format", file=path.name, detail="zip without exactly one .csv"
                    )
                with z.open(members[0]) as fh:
                    header = fh.readline().decode("utf-8-sig", errors="replace")
            return path, _separator(header)
        compression = "gzip" if path.suffix.lower() == ".gz" else None
        opener = __import__("gzip").open if compression else open
        with opener(path, "rb") as fh:
            header = fh.readline().decode("utf-8-sig", errors="replace")
        return path, _separator(header)
    except (OSError, UnicodeError, zipfile.BadZipFile) as exc:
        raise SireneFileError("format", file=path.name, detail=str(exc)) from None


def csv_chunks(
    source: object,
    *,
    sep: str,
    usecols: Sequence[str],
    file: str,
    problems: list[Problem] | None,
    header: Sequence[str],
) -> Iterator[tuple[pd.DataFrame, np.ndarray]]:
    """A CSV file's rows in blocks, the columns ``usecols`` as text, with each row's line
    (the header is line 1). pyarrow's streaming reader (one thread: it then knows each
    row's line) reads it; a row whose number of fields is not the header's (a separator
    typed unquoted in a name, a file saved again by hand, a quote never closed) is left
    out with a problem naming its line, and every other row is kept. ``source``: a path,
    or a binary file object; ``header``: its column names (the first line is skipped)."""
    import pyarrow as pa
    import pyarrow.csv as pacsv

    skipped: list[int] = []

    def invalid(row: object) -> str:
        number = int(getattr(row, "number", None) or 0)
        skipped.append(number)
        if problems is not None:
            detail = (
                f"{getattr(row, 'actual_columns', '?')} / {getattr(row, 'expected_columns', '?')}"
            )
            problems.append(
                Problem(file, number, "", "sirene_bad_line", "error", {"detail": detail})
            )
        return "skip"

    reader = pacsv.open_csv(
        source,
        read_options=pacsv.ReadOptions(
            use_threads=False, block_size=CSV_BLOCK_BYTES, column_names=list(header), skip_rows=1
        ),
        parse_options=pacsv.ParseOptions(delimiter=sep, invalid_row_handler=invalid),
        convert_options=pacsv.ConvertOptions(
            include_columns=list(usecols),
            column_types=dict.fromkeys(usecols, pa.string()),
            strings_can_be_null=False,
            quoted_strings_can_be_null=False,
        ),
    )
    start = 2
    for batch in reader:
        frame = batch.to_pandas(types_mapper=lambda _t: TEXT)
        done = [n for n in skipped if n]
        skipped.clear()
        lines = np.arange(start, start + len(frame) + len(done))
        lines = lines[~np.isin(lines, done)][: len(frame)]
        start = int(lines[-1]) + 1 if len(lines) else start + len(done)
        yield frame, lines


@contextlib.contextmanager
def _binary(path: Path) -> Iterator[object]:
    """The CSV bytes of ``path``: the file, its gzip stream, or the one CSV of a zip."""
    import pyarrow as pa

    if zipfile.is_zipfile(path):
        with zipfile.ZipFile(path) as z:
            member = next(n for n in z.namelist() if n.lower().endswith(".csv"))
            with z.open(member) as fh:
                yield fh
        return
    compression = "gzip" if path.suffix.lower() == ".gz" else None
    with pa.input_stream(str(path), compression=compression) as stream:
        yield stream


def _check_columns(present: Sequence[str], required: Sequence[str], path: Path, kind: str) -> None:
    missing = [c for c in required if c not in present]
    if missing:
        raise SireneFileError("columns", file=path.name, columns=", ".join(missing), kind=kind)


def chunks(
    path: str | os.PathLike[str],
    columns: Sequence[str],
    required: Sequence[str],
    kind: str,
    *,
    parquet_filter: object | None = None,
    problems: list[Problem] | None = None,
) -> Iterator[tuple[pd.DataFrame, np.ndarray | None]]:
    """The file's rows, chunk by chunk, as text columns (absent optional columns as "").
    A CSV row with too many fields is left out and added to ``problems``.

    Yields (frame, lines): ``lines`` the CSV line of each row (the header is line 1), or
    None for Parquet (whose ``parquet_filter``, a pyarrow expression, is applied while
    scanning). Raises `SireneFileError`.
    """
    path = Path(path)
    if not path.is_file():
        raise SireneFileError("missing", file=str(path))
    if _is_parquet(path):
        import pyarrow.dataset as ds

        # No pre-buffering and one thread: pyarrow otherwise decodes several row groups
        # ahead (1.5 GB at the peak for France's 40 million establishments, 0.65 GB so).
        parquet = ds.ParquetFileFormat(
            default_fragment_scan_options=ds.ParquetFragmentScanOptions(pre_buffer=False)
        )
        try:
            dataset = ds.dataset(path, format=parquet)
        except Exception as exc:  # pyarrow raises its own ArrowInvalid, OSError...
            raise SireneFileError("format", file=path.name, detail=str(exc)) from None
        present = dataset.schema.names
        _check_columns(present, required, path, kind)
        wanted = [c for c in columns if c in present]
        for batch in dataset.to_batches(
            columns=wanted,
            filter=parquet_filter,
            batch_size=PARQUET_BATCH_ROWS,
            batch_readahead=1,
            fragment_readahead=1,
            use_threads=False,
        ):
            frame = batch.to_pandas(types_mapper=lambda _t: TEXT)
            for c in wanted:
                frame[c] = frame[c].astype(TEXT).fillna("")
            for c in columns:
                if c not in frame:
                    frame[c] = pd.Series("", index=frame.index, dtype=TEXT)
            yield frame[list(columns)], None
        return
    source, sep = _csv_source(path)
    try:
        head = pd.read_csv(source, sep=sep, nrows=0, encoding="utf-8-sig")
        present = [str(c) for c in head.columns]
        _check_columns(present, required, path, kind)
        wanted = [c for c in columns if c in present]
        with _binary(path) as stream:
            for frame, lines in csv_chunks(
                stream, sep=sep, usecols=wanted, file=path.name, problems=problems, header=present
            ):
                for c in columns:
                    if c not in frame:
                        frame[c] = pd.Series("", index=frame.index, dtype=TEXT)
                yield frame[list(columns)], lines
    except SireneFileError:
        raise
    except (UnicodeDecodeError, pd.errors.ParserError, ValueError, OSError) as exc:
        # pyarrow's errors (ArrowInvalid) are ValueErrors
        raise SireneFileError("format", file=path.name, detail=str(exc).splitlines()[0]) from None


def _bad(
    frame: pd.DataFrame,
    lines: np.ndarray | None,
    mask: np.ndarray,
    column: str,
    code: str,
    file: str,
) -> list[Problem]:
    """One problem per row of ``mask``: its CSV line (0 for Parquet, whose rows the value
    itself names)."""
    return [
        Problem(
            file,
            int(lines[i]) if lines is not None else 0,
            column,
            code,
            "error",
            {"value": str(frame[column].iat[i])},
        )
        for i in np.flatnonzero(mask)
    ]


def ess_units(path: str | os.PathLike[str]) -> Extract:
    """The legal units of StockUniteLegale flagged ESS (`economieSocialeSolidaireUniteLegale`
    = ``O``), one row per siren, with `UNIT_COLUMNS`."""
    file = Path(path).name
    parts, problems, read = [], [], 0
    flag = None
    if Path(path).is_file() and _is_parquet(Path(path)):
        import pyarrow.dataset as ds

        flag = ds.field("economieSocialeSolidaireUniteLegale") == "O"
    for frame, lines in chunks(
        path,
        UNIT_COLUMNS,
        UNIT_REQUIRED,
        "StockUniteLegale",
        parquet_filter=flag,
        problems=problems,
    ):
        read += len(frame)
        keep = (frame["economieSocialeSolidaireUniteLegale"] == "O").to_numpy(dtype=bool)
        frame, lines = frame[keep], None if lines is None else lines[keep]
        bad = ~frame["siren"].str.fullmatch(_SIREN).to_numpy(dtype=bool)
        problems += _bad(frame, lines, bad, "siren", "sirene_bad_siren", file)
        parts.append(frame[~bad])
    units = pd.concat(parts, ignore_index=True) if parts else pd.DataFrame(columns=UNIT_COLUMNS)
    units = units.drop_duplicates("siren", keep="last")
    return Extract(units, read, problems, {"ess_units": len(units)})


def _isin(values: pd.Series, index: pd.Index) -> np.ndarray:
    """Which ``values`` are in ``index``, whose hash table is built once and kept: pandas'
    ``isin`` and pyarrow's ``is_in`` build one from the value set at every call, which for
    France's ~1.7 million ESS sirens costs more than reading a chunk."""
    return index.get_indexer(values.to_numpy(dtype=object)) >= 0


def _area_mask(
    communes: pd.Series, departements: Sequence[str], only: set[str] | None
) -> np.ndarray:
    """Rows whose commune is in ``only``, or else in ``departements``
    (`ess_graph.sirene.codes.departement_of`, vectorised: 3 characters overseas, else 2)."""
    if only is not None:
        return communes.isin(only).to_numpy(dtype=bool)
    two = communes.str[:2]
    dep = two.where(two != "97", communes.str[:3])
    return dep.isin(set(departements)).to_numpy(dtype=bool)


def _parquet_area_filter(departements: Sequence[str], only: set[str] | None) -> object:
    import pyarrow.compute as pc
    import pyarrow.dataset as ds

    commune = ds.field("codeCommuneEtablissement")
    if only is not None:
        return commune.isin(sorted(only))
    expr = None
    for width in sorted({len(d) for d in departements}):
        part = pc.utf8_slice_codeunits(commune, 0, width).isin(
            [d for d in departements if len(d) == width]
        )
        expr = part if expr is None else expr | part
    return expr


def establishments(
    path: str | os.PathLike[str],
    sirens: set[str],
    *,
    departements: Sequence[str],
    communes: Sequence[str] | None = None,
    employers_only: bool = False,
    keep_closed: set[str] | frozenset[str] = frozenset(),
) -> Extract:
    """The active establishments of the ESS units ``sirens`` located in ``departements``
    (or, when given, in ``communes``: INSEE codes), with `ESTABLISHMENT_COLUMNS`; and the
    closed ones whose siret is in ``keep_closed`` (structures a workspace already holds,
    whose closing the import records).

    ``counts``: establishments of ESS units in the area (``in_area``), of which closed
    (``closed``: `etatAdministratifEtablissement` = ``F``), and without employees when
    ``employers_only`` (``not_employer``: `caractereEmployeurEtablissement` ≠ ``O``).
    """
    file = Path(path).name
    only = set(communes) if communes else None
    parts, problems, read = [], [], 0
    counts = {"in_area": 0, "closed": 0, "not_employer": 0}
    ess = pd.Index(sorted(sirens), dtype=object)
    closed_kept = pd.Index(sorted(keep_closed), dtype=object)
    area = None
    if Path(path).is_file() and _is_parquet(Path(path)):
        # Filtered while scanning: the area (the ESS units after, against `ess`).
        area = _parquet_area_filter(departements, only)
    for frame, lines in chunks(
        path,
        ESTABLISHMENT_COLUMNS,
        ESTABLISHMENT_REQUIRED,
        "StockEtablissement",
        parquet_filter=area,
        problems=problems,
    ):
        read += len(frame)
        # The area first (a few % of France's rows), then the ESS units among those.
        keep = _area_mask(frame["codeCommuneEtablissement"], departements, only)
        frame, lines = frame[keep], None if lines is None else lines[keep]
        keep = _isin(frame["siren"], ess)
        frame, lines = frame[keep], None if lines is None else lines[keep]
        bad = ~(
            frame["siret"].str.fullmatch(_SIRET) & (frame["siret"].str[:9] == frame["siren"])
        ).to_numpy(dtype=bool)
        problems += _bad(frame, lines, bad, "siret", "sirene_bad_siret", file)
        frame = frame[~bad]
        counts["in_area"] += len(frame)
        active = (frame["etatAdministratifEtablissement"] == "A").to_numpy(dtype=bool)
        counts["closed"] += int((~active).sum())
        frame = frame[active | _isin(frame["siret"], closed_kept)]
        if employers_only:
            employer = (frame["caractereEmployeurEtablissement"] == "O").to_numpy(
                dtype=bool
            ) | _isin(frame["siret"], closed_kept)
            counts["not_employer"] += int((~employer).sum())
            frame = frame[employer]
        parts.append(frame)
    kept = (
        pd.concat(parts, ignore_index=True)
        if parts
        else pd.DataFrame(columns=ESTABLISHMENT_COLUMNS)
    )
    kept = kept.drop_duplicates("siret", keep="last")
    counts["kept"] = len(kept)
    return Extract(kept, read, problems, counts)
