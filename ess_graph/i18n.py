"""User-facing strings in French (default) and English.

Every string a user reads goes through `t(key, lang, **params)`. Modules add their own
strings with `register({...})` at import time, so the table stays next to the code that
uses it while `t` stays the one way to look a string up. A missing English string falls
back to French; a missing key is shown as the key itself (visible, never a crash).
"""

from __future__ import annotations

from typing import Any

LANGS: tuple[str, ...] = ("fr", "en")
DEFAULT_LANG = "fr"

_TABLE: dict[str, dict[str, str]] = {}


def register(entries: dict[str, dict[str, str]]) -> None:
    """Add strings: `{key: {"fr": ..., "en": ...}}`. A key registered twice must agree."""
    for key, texts in entries.items():
        if key in _TABLE and _TABLE[key] != texts:
            raise ValueError(f"translation key registered twice with other texts: {key}")
        if "fr" not in texts:
            raise ValueError(f"translation key without French text: {key}")
        _TABLE[key] = dict(texts)


def t(key: str, lang: str = DEFAULT_LANG, **params: Any) -> str:
    """The text of `key` in `lang`, with `{placeholders}` filled from `params`."""
    texts = _TABLE.get(key)
    if texts is None:
        return key
    text = texts.get(lang) or texts["fr"]
    if params:
        try:
            return text.format(**params)
        except (KeyError, IndexError, ValueError):
            return text
    return text


def plural(n: float, one: str, many: str, lang: str = DEFAULT_LANG) -> str:
    """`one` or `many`, whichever agrees with the count `n` in `lang`.

    French takes the singular for 0 and 1 (« 0 idée », « 1 lien », « 2 liens »), English
    for 1 only ("0 ideas", "1 link"). `one` and `many` may be words or translation keys:
    ``t(plural(n, "x.one", "x.many", lang), lang, n=n)``.

    >>> [plural(n, "lien", "liens") for n in (0, 1, 1.5, 2)]
    ['lien', 'lien', 'lien', 'liens']
    >>> [plural(n, "link", "links", "en") for n in (0, 1, 2)]
    ['links', 'link', 'links']
    """
    if lang == "fr":
        return one if abs(n) < 2 else many
    return one if abs(n) == 1 else many


def keys() -> list[str]:
    return sorted(_TABLE)


def has(key: str) -> bool:
    return key in _TABLE


register(
    {
        "severity.error": {"fr": "erreur", "en": "error"},
        "severity.warning": {"fr": "avertissement", "en": "warning"},
        # Problems found while reading (ess_graph.io)
        "problem.path_missing": {
            "fr": "chemin introuvable : {path}",
            "en": "path not found: {path}",
        },
        "problem.path_unsupported": {
            "fr": "format non reconnu : {path} (attendu : un dossier de fichiers CSV ou un classeur .xlsx ou .ods)",
            "en": "unsupported format: {path} (expected a folder of CSV files or an .xlsx or .ods workbook)",
        },
        "problem.table_missing": {
            "fr": "fichier ou feuille « {table} » manquant (trouvés : {found})",
            "en": "file or sheet '{table}' is missing (found: {found})",
        },
        "problem.file_empty": {"fr": "le fichier est vide", "en": "the file is empty"},
        "problem.file_binary": {
            "fr": "ce n'est pas un fichier texte CSV (contenu binaire)",
            "en": "this is not a CSV text file (binary content)",
        },
        "problem.file_unreadable": {
            "fr": "lecture impossible : {reason}",
            "en": "cannot read the file: {reason}",
        },
        "problem.column_missing": {
            "fr": "colonne obligatoire « {column} » absente",
            "en": "required column '{column}' is missing",
        },
        "problem.column_duplicated": {
            "fr": "la colonne « {column} » apparaît plusieurs fois ; seule la première est lue",
            "en": "column '{column}' appears more than once; only the first is read",
        },
        "problem.value_missing": {
            "fr": "valeur obligatoire manquante",
            "en": "required value is missing",
        },
        "problem.id_duplicated": {
            "fr": "identifiant « {id} » déjà utilisé ({first_file}, ligne {first_line}) ; ligne ignorée",
            "en": "id '{id}' already used ({first_file}, line {first_line}); row left out",
        },
        "problem.enum_unknown": {
            "fr": "valeur inconnue « {value} » ; valeurs possibles : {allowed}",
            "en": "unknown value '{value}'; allowed values: {allowed}",
        },
        "problem.not_a_number": {
            "fr": "« {value} » n'est pas un nombre ; valeur ignorée, ligne gardée",
            "en": "'{value}' is not a number; value ignored, row kept",
        },
        "problem.not_positive": {
            "fr": "« {value} » n'est pas un nombre strictement positif ; valeur ignorée, ligne gardée",
            "en": "'{value}' is not a number greater than 0; value ignored, row kept",
        },
        "problem.not_an_integer": {
            "fr": "« {value} » n'est pas un nombre entier positif ou nul ; valeur ignorée, ligne gardée",
            "en": "'{value}' is not a whole number (0 or more); value ignored, row kept",
        },
        "problem.not_a_year": {
            "fr": "« {value} » n'est pas une année (entre {min} et {max}) ; valeur ignorée, ligne gardée",
            "en": "'{value}' is not a year (between {min} and {max}); value ignored, row kept",
        },
        "problem.coordinate_out_of_range": {
            "fr": "« {value} » hors des bornes ({min} à {max}) ; valeur ignorée",
            "en": "'{value}' is out of range ({min} to {max}); value ignored",
        },
        "problem.endpoint_unknown": {
            "fr": "« {id} » n'est l'identifiant d'aucune structure, d'aucun pôle ni d'aucun partenaire valide",
            "en": "'{id}' is not the id of any valid structure, pôle or partner",
        },
        "problem.self_link": {
            "fr": "un lien relie « {id} » à lui-même",
            "en": "a link joins '{id}' to itself",
        },
        "problem.pole_unknown": {
            "fr": "pôle « {value} » inconnu ; la structure est gardée sans pôle",
            "en": "unknown pôle '{value}'; the structure is kept without a pôle",
        },
        "problem.territory_unknown": {
            "fr": "territoire « {value} » absent de la table des territoires ; valeur gardée telle quelle",
            "en": "territory '{value}' is not in the territories table; value kept as typed",
        },
        "problem.sector_unknown": {
            "fr": "secteur « {value} » absent de la table des secteurs ; valeur gardée telle quelle",
            "en": "sector '{value}' is not in the sectors table; value kept as typed",
        },
    }
)
