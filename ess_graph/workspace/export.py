"""How does the workspace leave the meeting as files an import (or a researcher) reads?

`export_workspace` writes the workspace's network with `ess_graph.io.write.write_network`
(the folder of CSV files or the workbook that `ess-graph workspace import` and
`ess-graph validate` read; every file written atomically, so a failed export leaves the
last good one intact), or its pseudonymised copy (`ess_graph.workspace.privacy`).
Formula-like text is made inert and characters XML cannot hold are replaced, as
docs/DATA.md (« What ess_graph writes ») says; `ExportResult.characters_replaced` counts
them.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path
from typing import Literal

from ess_graph.i18n import register
from ess_graph.io.write import write_network
from ess_graph.safe_text import Replacements
from ess_graph.workspace.privacy import load_or_create_salt, pseudonymise, without_personal_data
from ess_graph.workspace.store import Workspace

__all__ = ["ExportResult", "default_salt_file", "export_workspace"]

register(
    {
        "workspace.personal_dropped": {
            "fr": "données personnelles non exportées ({columns}) ; --with-personal-data pour les garder",
            "en": "personal data not exported ({columns}); --with-personal-data keeps it",
        },
        "workspace.characters_replaced": {
            "fr": "{characters} caractère(s) qu'un fichier XML ne peut pas contenir (contrôles, U+FFFE, U+FFFF) remplacé(s) par U+FFFD « � » dans {cells} cellule(s)",
            "en": "{characters} character(s) an XML file cannot hold (controls, U+FFFE, U+FFFF) replaced by U+FFFD « � » in {cells} cell(s)",
        },
        "workspace.cells_cut": {
            "fr": "{cells} cellule(s) coupée(s) à 32 767 caractères, le plus qu'une cellule de classeur peut contenir (le format csv les garde entières)",
            "en": "{cells} cell(s) cut to 32,767 characters, the most a workbook cell holds (the csv format keeps them whole)",
        },
        "workspace.salt_created": {
            "fr": "sel des pseudonymes créé : {path} (gardez-le à part, ne le partagez pas)",
            "en": "pseudonym salt created: {path} (keep it apart, do not share it)",
        },
    }
)


@dataclass(frozen=True)
class ExportResult:
    path: Path
    salt_file: Path | None = None
    salt_created: bool = False
    #: {table: [columns]} left out because they look like contact details.
    personal_columns_dropped: dict[str, list[str]] = field(default_factory=dict)
    #: Control characters replaced by U+FFFD, cells cut to 32,767 characters (docs/DATA.md).
    characters_replaced: Replacements = field(default_factory=Replacements)


def default_salt_file(out: str | os.PathLike[str]) -> Path:
    """Where the salt goes when none is named: beside the export, ``<out>.salt``.

    >>> default_salt_file("exports/reseau").name
    'reseau.salt'
    """
    p = Path(out)
    return p.with_name(p.name + ".salt")


def export_workspace(
    ws: Workspace,
    out: str | os.PathLike[str],
    *,
    format: Literal["csv", "xlsx"] = "csv",
    pseudonymised: bool = False,
    salt_file: str | os.PathLike[str] | None = None,
    personal_data: bool = False,
) -> ExportResult:
    """Write the workspace's network to `out` (folder for csv, file for xlsx).

    Extra columns that look like contact details (e-mails, phones, contact names: see
    `ess_graph.workspace.privacy.without_personal_data`) are left out unless
    ``personal_data=True``. With ``pseudonymised=True`` the salt is read from
    `salt_file` (default `default_salt_file`), created there when missing.
    """
    net = ws.network()
    salt_path = None
    created = False
    dropped: dict[str, list[str]] = {}
    if not personal_data:
        net, dropped = without_personal_data(net)
    if pseudonymised:
        salt_path = Path(salt_file) if salt_file else default_salt_file(out)
        created = not salt_path.exists()
        net = pseudonymise(net, load_or_create_salt(salt_path))
    replaced = Replacements()
    path = write_network(net, out, format=format, replaced=replaced)
    return ExportResult(Path(path), salt_path, created, dropped, replaced)
