"""How does the workspace leave the meeting as files an import (or a researcher) reads?

`export_workspace` writes the workspace's network with `ess_graph.io.write.write_network`
(the folder of CSV files or the workbook that `ess-graph workspace import` and
`ess-graph validate` read; every file written atomically, so a failed export leaves the
last good one intact), or its pseudonymised copy (`ess_graph.workspace.privacy`).
When the workspace holds a survey, its answers are written beside the network as four
more tables (`ess_graph.survey.export`: ``survey_campaigns``, ``survey_invitations``,
``survey_answers``, ``survey_declarations``), pseudonymised with the same salt when the
network is; tokens, token hashes and contact columns never leave the workspace.
Formula-like text is made inert and characters XML cannot hold are replaced, as
docs/DATA.md (« What ess_graph writes ») says; `ExportResult.characters_replaced` counts
them.
"""

from __future__ import annotations

import contextlib
import os
from dataclasses import dataclass, field
from pathlib import Path
from typing import Literal

from ess_graph.i18n import register
from ess_graph.io.write import write_network
from ess_graph.safe_text import Replacements
from ess_graph.survey.campaigns import has_survey
from ess_graph.workspace.privacy import (
    contact_columns,
    load_or_create_salt,
    pseudonymise,
    without_personal_data,
)
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
    #: {table: [columns]} left out because they look like contact details (survey tables
    #: included: a comment holding a phone number).
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

    A workspace holding a survey gets its answers written too, in the same
    all-or-nothing write (`ess_graph.survey.export.survey_tables`); a column of typed
    text in them (a comment, a partner's name) holding something that looks like an
    e-mail address or a phone number is left out unless ``personal_data=True`` (and
    always when pseudonymised, which drops the typed text anyway:
    `ess_graph.survey.export.pseudonymise_survey`). Survey files left in the folder by
    an earlier export are removed when the workspace has no survey.
    """
    from ess_graph.survey.export import (
        SURVEY_TABLES,
        TYPED_TEXT,
        pseudonymise_survey,
        survey_tables,
    )

    net = ws.network()
    survey = survey_tables(ws) if has_survey(ws) else {}
    salt_path = None
    created = False
    dropped: dict[str, list[str]] = {}
    if not personal_data:
        net, dropped = without_personal_data(net)
    if pseudonymised:
        salt_path = Path(salt_file) if salt_file else default_salt_file(out)
        created = not salt_path.exists()
        salt = load_or_create_salt(salt_path)
        net = pseudonymise(net, salt)
        survey = pseudonymise_survey(survey, salt)
    if not personal_data or pseudonymised:
        for name, frame in survey.items():
            typed = [c for c in TYPED_TEXT.get(name, ()) if c in frame.columns]
            drop = contact_columns(frame, typed) if len(frame) else []
            if drop:
                dropped[name] = drop
                survey[name] = frame.drop(columns=drop)
    replaced = Replacements()
    path = write_network(net, out, format=format, replaced=replaced, extra_tables=survey)
    if format == "csv" and not survey:
        for name in SURVEY_TABLES:  # an earlier export's answers are not this network's
            with contextlib.suppress(FileNotFoundError):
                (Path(path) / f"{name}.csv").unlink()
    return ExportResult(Path(path), salt_path, created, dropped, replaced)
