"""Which view of the network did the facilitator prepare, and how is it shared or replayed?

A **saved view** (`SavedView`) is what the Réseau page shows, under a name: the scale
(structures, pôles or sectors), the filters (territories, pôles, sectors, families, kinds
of link, years), what colours and sizes the dots, the structure in focus and how far its
neighbourhood reaches, plus a title and a one-line comment said to the room. A
**presentation** (`Presentation`) is an ordered list of saved views, played full screen.

A view travels three ways, each read back through one checking path that never raises on
what a user (or a stranger's link) gives:

- **query parameters** (`view_to_params`, `view_from_params`): the shareable URL
  ``reseau?vue=Brest&echelle=structure&territoire=brest&couleur=sector``; short, stable,
  French keys (`PARAM_KEYS`);
- **a small JSON document** (`views_to_json`, `views_from_json`): versioned, holding the
  views and the presentations, for a facilitator without a workspace;
- **the workspace** (`ess_graph.workspace.views`), in meeting mode.

Checking
--------
Every value is checked field by field: a field that cannot be read is left at its default
(a filter: "all") and reported, never an exception; a view that cannot be kept at all (no
name, not an object) is reported and the other views are kept — nothing valid is lost.
Text (name, title, comment) is made one clean line: control and bidirectional-override
characters removed, whitespace collapsed, cut to a length (`NAME_MAX`, `TITLE_MAX`,
`COMMENT_MAX`); markup is kept as text (« Âge < 5 ans ») and whoever shows it escapes it. Ids are checked
against a `Network` with `check_view` (an unknown id is dropped with a warning). Each
report is a `ViewProblem` naming the file (or ``url``), the view and the field.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field, replace
from typing import TYPE_CHECKING, Any, Literal

from ess_graph import schema
from ess_graph.i18n import DEFAULT_LANG, register, t

if TYPE_CHECKING:
    from ess_graph.network import Network

__all__ = [
    "COLOR_BY",
    "DEPTHS",
    "FILTER_KINDS",
    "FORMAT",
    "FORMAT_VERSION",
    "PARAM_KEYS",
    "SCALES",
    "SIZE_MEASURES",
    "Presentation",
    "SavedView",
    "ViewProblem",
    "ViewsDocument",
    "check_view",
    "clean_text",
    "format_view_problems",
    "is_view_url",
    "name_key",
    "view_from_dict",
    "view_from_params",
    "view_to_dict",
    "view_to_params",
    "views_from_json",
    "views_to_json",
]

#: The scales of the Réseau page: each structure, each pôle, each sector.
SCALES: tuple[str, ...] = ("structure", "pole", "sector")
#: What colours the dots at the structure scale.
COLOR_BY: tuple[str, ...] = ("sector", "family", "territory", "pole", "community")
#: Numeric columns of the metrics' structures table that can size the dots (the Réseau
#: page offers them in this order; the first is the default).
SIZE_MEASURES: tuple[str, ...] = (
    "degree",
    "weighted_degree",
    "betweenness",
    "effective_size",
    "constraint",
    "cross_sector_ties",
    "sector_diversity",
)
#: How far a focused structure's neighbourhood reaches.
DEPTHS: tuple[int, ...] = (1, 2)
#: Kinds of link the Réseau page filters on: the ties between structures (membership of a
#: pôle, governance and funding join structures to pôles and partners, not drawn here).
FILTER_KINDS: tuple[str, ...] = tuple(
    k for k in schema.LINK_KINDS if k not in ("membership", "governance", "funding")
)

#: The JSON document: its ``format`` marker and the version this program writes. A file
#: of a higher version was written by a newer ess_graph and is refused whole.
FORMAT = "ess_graph.views"
FORMAT_VERSION = 1

NAME_MAX = 80
TITLE_MAX = 120
COMMENT_MAX = 280
#: An id longer than this is not an id of ours (a stranger's link): dropped.
ID_MAX = 200
#: At most this many ids per filter, and views per file.
IDS_MAX = 500
VIEWS_MAX = 1000
#: A JSON document larger than this is refused before it is parsed.
FILE_MAX_BYTES = 2_000_000
#: Years outside this range are not a year of a link.
YEAR_MIN, YEAR_MAX = 1800, 2200

#: Query parameter key of each field of a view (French, short, never renamed: links in
#: mails and slides keep working).
PARAM_KEYS: dict[str, str] = {
    "name": "vue",
    "title": "titre",
    "comment": "note",
    "scale": "echelle",
    "territories": "territoire",
    "poles": "pole",
    "sectors": "secteur",
    "families": "famille",
    "kinds": "lien",
    "years": "annees",
    "color_by": "couleur",
    "size_by": "taille",
    "focus": "focus",
    "depth": "profondeur",
}
_FIELD_OF_PARAM = {v: k for k, v in PARAM_KEYS.items()}
_LIST_FIELDS = ("territories", "poles", "sectors", "families", "kinds")
#: Query parameters streamlit or the app itself use: not a view's, not worth a warning.
_OTHER_PARAMS = frozenset({"embed", "embed_options", "enquete"})

register(
    {
        "views.where.url": {"fr": "lien", "en": "link"},
        "views.problem": {
            "fr": "{where} : vue « {view} », champ {field} : {message}",
            "en": "{where}: view '{view}', field {field}: {message}",
        },
        "views.problem_view": {
            "fr": "{where} : vue « {view} » : {message}",
            "en": "{where}: view '{view}': {message}",
        },
        "views.problem_file": {"fr": "{where} : {message}", "en": "{where}: {message}"},
        "views.problem_presentation": {
            "fr": "{where} : présentation « {view} » : {message}",
            "en": "{where}: presentation '{view}': {message}",
        },
        "views.p.unknown_id": {
            "fr": "{what} inconnu « {value} » (ignoré)",
            "en": "unknown {what} '{value}' (ignored)",
        },
        "views.p.bad_id": {
            "fr": "identifiant illisible (ignoré)",
            "en": "unreadable id (ignored)",
        },
        "views.p.too_many": {
            "fr": "plus de {max} valeurs : les suivantes sont ignorées",
            "en": "more than {max} values: the rest are ignored",
        },
        "views.p.bad_choice": {
            "fr": "valeur inconnue « {value} » (attendu : {allowed}) ; « {default} » gardé",
            "en": "unknown value '{value}' (expected: {allowed}); '{default}' kept",
        },
        "views.p.bad_years": {
            "fr": "années illisibles « {value} » (attendu : 2009-2015) ; toutes les années gardées",
            "en": "unreadable years '{value}' (expected: 2009-2015); all years kept",
        },
        "views.p.years_outside": {
            "fr": "aucun lien entre {value} (les liens vont de {low} à {high}) ; toutes les années gardées",
            "en": "no link between {value} (the links run from {low} to {high}); all years kept",
        },
        "views.p.text_cleaned": {
            "fr": "texte nettoyé (caractères de contrôle, balises ou sauts de ligne retirés)",
            "en": "text cleaned (control characters, tags or line breaks removed)",
        },
        "views.p.text_cut": {
            "fr": "texte coupé à {max} caractères",
            "en": "text cut to {max} characters",
        },
        "views.p.not_text": {
            "fr": "du texte est attendu (ignoré)",
            "en": "text is expected (ignored)",
        },
        "views.p.unknown_param": {
            "fr": "paramètre inconnu « {value} » (ignoré)",
            "en": "unknown parameter '{value}' (ignored)",
        },
        "views.p.unknown_field": {
            "fr": "champ inconnu « {value} » (ignoré)",
            "en": "unknown field '{value}' (ignored)",
        },
        "views.p.no_name": {
            "fr": "une vue a besoin d'un nom : vue ignorée",
            "en": "a view needs a name: view left out",
        },
        "views.p.not_object": {
            "fr": "s'écrit comme un objet JSON {…} : ignoré",
            "en": "is written as a JSON object {…}: left out",
        },
        "views.p.no_presentation_name": {
            "fr": "une présentation a besoin d'un nom : ignorée",
            "en": "a presentation needs a name: left out",
        },
        "views.p.duplicate": {
            "fr": "un autre élément porte déjà ce nom : celui-ci est ignoré",
            "en": "another entry already has this name: this one is left out",
        },
        "views.p.unknown_view": {
            "fr": "vue inconnue « {value} » (ignorée)",
            "en": "unknown view '{value}' (ignored)",
        },
        "views.p.too_many_views": {
            "fr": "plus de {max} éléments : les suivants sont ignorés",
            "en": "more than {max} entries: the rest are ignored",
        },
        "views.p.not_json": {
            "fr": "ce n'est pas un fichier JSON lisible ({reason})",
            "en": "this is not a readable JSON file ({reason})",
        },
        "views.p.not_views_file": {
            "fr": "ce n'est pas un fichier de vues d'ess_graph (« format » : « {format} » attendu)",
            "en": "this is not an ess_graph views file ('format': '{format}' expected)",
        },
        "views.p.newer_file": {
            "fr": "fichier écrit par une version plus récente d'ess_graph (version {found} ; celle-ci lit la version {ours}) : mettez ess_graph à jour",
            "en": "file written by a newer ess_graph (version {found}; this one reads version {ours}): update ess_graph",
        },
        "views.p.not_a_file": {
            "fr": "ce n'est pas un fichier ordinaire (un tube ou un périphérique ?)",
            "en": "this is not a regular file (a pipe or a device?)",
        },
        "views.p.too_big": {
            "fr": "fichier trop gros ({size} octets ; au plus {max})",
            "en": "file too big ({size} bytes; at most {max})",
        },
        "views.p.not_list": {
            "fr": "« {value} » doit être une liste [...] : ignoré",
            "en": "'{value}' must be a list [...]: ignored",
        },
        "views.what.territories": {"fr": "territoire", "en": "territory"},
        "views.what.poles": {"fr": "pôle", "en": "pôle"},
        "views.what.sectors": {"fr": "secteur", "en": "sector"},
        "views.what.families": {"fr": "famille", "en": "family"},
        "views.what.kinds": {"fr": "type de lien", "en": "kind of link"},
        "views.what.focus": {"fr": "structure", "en": "structure"},
    }
)


@dataclass(frozen=True)
class ViewProblem:
    """Something in a view (or a presentation, or a whole file) that was not kept as given.

    `where` is the file name, or ``"url"`` for query parameters; `view` the view's name
    (or ``#n``, its position, when it has none); `field` the field ("" for the whole view
    or file); `kind` is ``"view"`` or ``"presentation"``; a problem with severity
    ``"error"`` left the whole view (or file) out, a ``"warning"`` one value.
    """

    where: str
    view: str
    field: str
    code: str
    params: dict[str, Any] = field(default_factory=dict, compare=False, hash=False)
    severity: Literal["error", "warning"] = "warning"
    kind: Literal["view", "presentation"] = "view"

    @property
    def is_error(self) -> bool:
        return self.severity == "error"

    def message(self, lang: str = DEFAULT_LANG) -> str:
        """One line: where, which view, which field, what happened.

        >>> ViewProblem("vues.json", "Brest", "territories", "unknown_id",
        ...             {"what": "territories", "value": "x"}).message("en")
        "vues.json: view 'Brest', field territories: unknown territory 'x' (ignored)"
        """
        params = dict(self.params)
        if "what" in params:
            params["what"] = t(f"views.what.{params['what']}", lang)
        text = t(f"views.p.{self.code}", lang, **params)
        where = t("views.where.url", lang) if self.where == "url" else self.where
        if not self.view:
            return t("views.problem_file", lang, where=where, message=text)
        if self.kind == "presentation":
            key = "views.problem_presentation"
        else:
            key = "views.problem" if self.field else "views.problem_view"
        return t(key, lang, where=where, view=self.view, field=self.field, message=text)


def format_view_problems(problems: Iterable[ViewProblem], lang: str = DEFAULT_LANG) -> str:
    """The problems, one per line."""
    return "\n".join(p.message(lang) for p in problems)


# Text ----------------------------------------------------------------------------------------

# Control characters (C0, DEL, C1), the line and paragraph separators, lone surrogates,
# noncharacters, and the bidirectional overrides and isolates (they can make a title read
# backwards: "Trojan Source").
_UNSAFE_CHARS = re.compile(
    "[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u2028\u2029\ud800-\udfff\ufffe\uffff"
    "\u202a-\u202e\u2066-\u2069]"
)
_SPACES = re.compile(r"\s+")


def clean_text(value: str, limit: int) -> tuple[str, list[str]]:
    """`value` as one clean line of at most `limit` characters, and what was done
    (``"text_cleaned"``, ``"text_cut"``).

    Markup is kept as text (« Âge < 5 ans et liens > 2 » means what it says): whoever
    shows a title escapes it.

    >>> clean_text("  Pôle\\nde <b>Brest</b>\\x1b[2J ", 80)
    ('Pôle de <b>Brest</b>[2J', ['text_cleaned'])
    >>> clean_text("Âge < 5 ans et liens > 2", 80)
    ('Âge < 5 ans et liens > 2', [])
    >>> clean_text("abcdef", 3)
    ('abc', ['text_cut'])
    """
    done = []
    text = _UNSAFE_CHARS.sub("", value)
    one_line = _SPACES.sub(" ", text).strip()
    if one_line != _SPACES.sub(" ", value).strip() or "\n" in value or "\r" in value:
        done.append("text_cleaned")
    if len(one_line) > limit:
        one_line = one_line[:limit].rstrip()
        done.append("text_cut")
    return one_line, done


# The view ------------------------------------------------------------------------------------


def _ids(values: Iterable[Any]) -> tuple[str, ...]:
    return tuple(dict.fromkeys(str(v) for v in values))


@dataclass(frozen=True)
class SavedView:
    """One view of the Réseau page, under a name.

    Parameters
    ----------
    name : str
        What the facilitator calls it (a key: unique among saved views; "" for a view that
        only travels in a link).
    title, comment : str
        Shown above the graph when it is presented (one line each).
    scale : {"structure", "pole", "sector"}
    territories, poles, sectors, families, kinds : tuple of str
        Filters, as ids (kinds: `FILTER_KINDS`); empty means all.
    years : (int, int) or None
        The links' years kept, both ends included; None for all.
    color_by : one of `COLOR_BY`
    size_by : one of `SIZE_MEASURES`
    focus : str or None
        A structure id: its neighbourhood is shown.
    depth : {1, 2}
        How far the focus's neighbourhood reaches.

    A value outside the vocabularies raises `ValueError` (a programming error: what users
    give is read with `view_from_params`, `view_from_dict` or `views_from_json`).

    >>> SavedView("Brest", territories=["brest"], years=(2005, 2009)).territories
    ('brest',)
    """

    name: str
    title: str = ""
    comment: str = ""
    scale: str = "structure"
    territories: tuple[str, ...] = ()
    poles: tuple[str, ...] = ()
    sectors: tuple[str, ...] = ()
    families: tuple[str, ...] = ()
    kinds: tuple[str, ...] = ()
    years: tuple[int, int] | None = None
    color_by: str = "sector"
    size_by: str = SIZE_MEASURES[0]
    focus: str | None = None
    depth: int = 1

    def __post_init__(self) -> None:
        for name in _LIST_FIELDS:
            object.__setattr__(self, name, _ids(getattr(self, name)))
        if self.years is not None:
            low, high = (int(y) for y in self.years)
            if low > high:
                raise ValueError(f"years {self.years!r}: the first must not be after the second")
            object.__setattr__(self, "years", (low, high))
        if self.focus == "":
            object.__setattr__(self, "focus", None)
        for name, allowed in (
            ("scale", SCALES),
            ("color_by", COLOR_BY),
            ("size_by", SIZE_MEASURES),
            ("depth", DEPTHS),
        ):
            if getattr(self, name) not in allowed:
                raise ValueError(f"{name}={getattr(self, name)!r} is not one of {allowed}")
        for name in ("name", "title", "comment"):
            if not isinstance(getattr(self, name), str):
                raise ValueError(f"{name} must be text")

    @property
    def filters(
        self,
    ) -> tuple[
        tuple[str, ...] | None,
        tuple[str, ...] | None,
        tuple[str, ...] | None,
        tuple[str, ...] | None,
        tuple[str, ...] | None,
        tuple[int, int] | None,
    ]:
        """``(territories, poles, sectors, families, kinds, years)``, each None when it
        keeps everything: the filters as the Réseau page's drawing takes them."""
        return (
            self.territories or None,
            self.poles or None,
            self.sectors or None,
            self.families or None,
            self.kinds or None,
            self.years,
        )

    def renamed(self, name: str) -> SavedView:
        return replace(self, name=name)


@dataclass(frozen=True)
class Presentation:
    """An ordered list of saved views (by name), played one after the other.

    >>> Presentation("Rencontre 2009", ["Région", "Brest"]).views
    ('Région', 'Brest')
    """

    name: str
    views: tuple[str, ...] = ()

    def __post_init__(self) -> None:
        object.__setattr__(self, "views", tuple(str(v) for v in self.views))


# Reading one field ------------------------------------------------------------------------


class _Reader:
    """Reads the fields of one view, collecting its problems."""

    def __init__(self, where: str, view: str) -> None:
        self.where = where
        self.view = view
        self.problems: list[ViewProblem] = []

    def warn(self, name: str, code: str, **params: Any) -> None:
        self.problems.append(ViewProblem(self.where, self.view, name, code, params))

    def text(self, name: str, value: Any, limit: int) -> str:
        if value is None:
            return ""
        if not isinstance(value, str | int | float) or isinstance(value, bool):
            self.warn(name, "not_text")
            return ""
        text, done = clean_text(str(value), limit)
        for code in done:
            self.warn(name, code, max=limit)
        return text

    def choice(self, name: str, value: Any, allowed: Sequence[Any], default: Any) -> Any:
        if value is None or value == "":
            return default
        for option in allowed:
            if str(option) == str(value).strip():
                return option
        shown, _ = clean_text(str(value), 40)
        self.warn(
            name,
            "bad_choice",
            value=shown,
            allowed=", ".join(map(str, allowed)),
            default=default,
        )
        return default

    def id_list(self, name: str, values: Sequence[Any]) -> tuple[str, ...]:
        kept: list[str] = []
        for value in values:
            if not isinstance(value, str | int) or isinstance(value, bool):
                self.warn(name, "bad_id")
                continue
            text = str(value).strip()
            if not text:
                continue
            if len(text) > ID_MAX or _UNSAFE_CHARS.search(text) or "\n" in text:
                self.warn(name, "bad_id")
                continue
            if len(kept) == IDS_MAX:
                self.warn(name, "too_many", max=IDS_MAX)
                break
            kept.append(text)
        return _ids(kept)

    def one_id(self, name: str, value: Any) -> str | None:
        if value is None or value == "":
            return None
        found = self.id_list(name, [value])
        return found[0] if found else None

    def years(self, name: str, value: Any) -> tuple[int, int] | None:
        if value is None or value == "" or value == []:
            return None
        try:
            if isinstance(value, str):
                parts = value.strip().split("-")
                if len(parts) != 2:
                    raise ValueError
                low, high = int(parts[0]), int(parts[1])
            else:
                if isinstance(value, bool) or len(value) != 2:
                    raise ValueError
                if any(isinstance(v, bool) or not isinstance(v, int | str) for v in value):
                    raise ValueError
                low, high = int(value[0]), int(value[1])
        except (TypeError, ValueError):
            shown, _ = clean_text(str(value), 40)
            self.warn(name, "bad_years", value=shown)
            return None
        if not (YEAR_MIN <= low <= high <= YEAR_MAX):
            self.warn(name, "bad_years", value=f"{low}-{high}")
            return None
        return (low, high)


def _build(reader: _Reader, fields: Mapping[str, Any]) -> SavedView:
    """A view from field values already in Python shape (lists for the filters)."""
    return SavedView(
        name=reader.text("name", fields.get("name"), NAME_MAX),
        title=reader.text("title", fields.get("title"), TITLE_MAX),
        comment=reader.text("comment", fields.get("comment"), COMMENT_MAX),
        scale=reader.choice("scale", fields.get("scale"), SCALES, "structure"),
        territories=reader.id_list("territories", fields.get("territories", ())),
        poles=reader.id_list("poles", fields.get("poles", ())),
        sectors=reader.id_list("sectors", fields.get("sectors", ())),
        families=_vocabulary(reader, "families", fields.get("families", ()), schema.FAMILIES),
        kinds=_vocabulary(reader, "kinds", fields.get("kinds", ()), FILTER_KINDS),
        years=reader.years("years", fields.get("years")),
        color_by=reader.choice("color_by", fields.get("color_by"), COLOR_BY, "sector"),
        size_by=reader.choice("size_by", fields.get("size_by"), SIZE_MEASURES, SIZE_MEASURES[0]),
        focus=reader.one_id("focus", fields.get("focus")),
        depth=reader.choice("depth", fields.get("depth"), DEPTHS, 1),
    )


def _vocabulary(
    reader: _Reader, name: str, values: Sequence[Any], allowed: Sequence[str]
) -> tuple[str, ...]:
    # Families and kinds of link come from the data contract, known without a network.
    kept = []
    for value in reader.id_list(name, values):
        if value in allowed:
            kept.append(value)
        else:
            shown, _ = clean_text(value, 40)
            reader.warn(name, "unknown_id", what=name, value=shown)
    return tuple(kept)


# Query parameters -------------------------------------------------------------------------


def _escape_id(value: str) -> str:
    # Lists are joined with commas: a comma (and the escape character) inside an id is
    # written %2C (%25), so any id survives the round trip.
    return value.replace("%", "%25").replace(",", "%2C")


def _split_ids(value: str) -> list[str]:
    return [
        part.replace("%2C", ",").replace("%2c", ",").replace("%25", "%")
        for part in value.split(",")
    ]


def view_to_params(view: SavedView) -> dict[str, str]:
    """The query parameters that open `view` (fields at their default are left out).

    >>> view_to_params(SavedView("Brest", territories=("brest", "morlaix"), years=(2005, 2009)))
    {'vue': 'Brest', 'territoire': 'brest,morlaix', 'annees': '2005-2009'}
    """
    out: dict[str, str] = {}
    default = SavedView("")
    for name, key in PARAM_KEYS.items():
        value = getattr(view, name)
        if value == getattr(default, name):
            continue
        if name in _LIST_FIELDS:
            out[key] = ",".join(_escape_id(v) for v in value)
        elif name == "years":
            out[key] = f"{value[0]}-{value[1]}"
        else:
            out[key] = str(value)
    return out


def is_view_url(params: Mapping[str, Any]) -> bool:
    """Do these query parameters open a view (does any of them name a view's field)?"""
    return any(key in _FIELD_OF_PARAM for key in params)


def view_from_params(
    params: Mapping[str, str | Sequence[str]], net: Network | None = None
) -> tuple[SavedView, list[ViewProblem]]:
    """The view that query parameters describe, and what was not kept.

    Never raises: an unknown key, an unreadable value or (with `net`) an unknown id is
    dropped with a `ViewProblem` (``where="url"``). A repeated key's values are all read
    for a filter, the last one for any other field.

    >>> view, problems = view_from_params({"vue": "Brest", "territoire": "brest,morlaix",
    ...                                    "couleur": "<script>", "x": "1"})
    >>> view.territories, view.color_by
    (('brest', 'morlaix'), 'sector')
    >>> [(p.field, p.code) for p in problems]
    [('', 'unknown_param'), ('color_by', 'bad_choice')]
    """
    reader = _Reader("url", "")
    fields: dict[str, Any] = {}
    for key, raw in params.items():
        values = [raw] if isinstance(raw, str) else [v for v in raw if isinstance(v, str)]
        name = _FIELD_OF_PARAM.get(str(key))
        if name is None:
            if str(key) not in _OTHER_PARAMS:
                shown = clean_text(str(key), 40)[0] or "?"
                reader.warn("", "unknown_param", value=shown)
            continue
        if not values:
            continue
        if name in _LIST_FIELDS:
            fields[name] = [part for v in values for part in _split_ids(v)]
        else:
            fields[name] = values[-1]
    if "name" in fields:
        reader.view = clean_text(str(fields["name"]), NAME_MAX)[0]
    view = _build(reader, fields)
    problems = reader.problems
    if net is not None:
        view, more = check_view(view, net, where="url")
        problems = problems + more
    return view, problems


# Checking against a network ------------------------------------------------------------------


def _year_span(net: Network) -> tuple[int, int] | None:
    import pandas as pd

    years = pd.to_numeric(net.links.get("since", pd.Series(dtype=float)), errors="coerce")
    years = years.dropna()
    if years.empty:
        return None
    return int(years.min()), int(years.max())


def check_view(
    view: SavedView, net: Network, *, where: str = "url"
) -> tuple[SavedView, list[ViewProblem]]:
    """`view` with the ids `net` does not know dropped, and a warning for each.

    Territories, pôles and sectors are checked against `Network.territory_names`,
    `pole_names` and `sector_names`; the focus against the structures' ids; the years
    against the links' years (a range holding no link's year is dropped: all years).

    >>> from ess_graph.data import demo_dir
    >>> from ess_graph.io.read import read_network
    >>> net = read_network(demo_dir())
    >>> view, problems = check_view(SavedView("v", territories=("brest", "atlantide")), net)
    >>> view.territories, [p.message("en") for p in problems]
    (('brest',), ["link: view 'v', field territories: unknown territory 'atlantide' (ignored)"])
    """
    reader = _Reader(where, view.name)
    changes: dict[str, Any] = {}
    known = {
        "territories": net.territory_names(),
        "poles": net.pole_names(),
        "sectors": net.sector_names(),
    }
    for name, names in known.items():
        values = getattr(view, name)
        kept = tuple(v for v in values if v in names)
        for value in values:
            if value not in names:
                reader.warn(name, "unknown_id", what=name, value=clean_text(value, 40)[0])
        if kept != values:
            changes[name] = kept
    if view.focus is not None and not (net.structures["id"] == view.focus).any():
        reader.warn("focus", "unknown_id", what="focus", value=clean_text(view.focus, 40)[0])
        changes["focus"] = None
    if view.years is not None:
        span = _year_span(net)
        if span is not None and (view.years[1] < span[0] or view.years[0] > span[1]):
            reader.warn(
                "years",
                "years_outside",
                value=f"{view.years[0]}-{view.years[1]}",
                low=span[0],
                high=span[1],
            )
            changes["years"] = None
    return (replace(view, **changes) if changes else view), reader.problems


# Dicts and the JSON document ----------------------------------------------------------------


def view_to_dict(view: SavedView) -> dict[str, Any]:
    """Every field of `view` as JSON-ready values (lists for tuples, None kept)."""
    return {
        "name": view.name,
        "title": view.title,
        "comment": view.comment,
        "scale": view.scale,
        "territories": list(view.territories),
        "poles": list(view.poles),
        "sectors": list(view.sectors),
        "families": list(view.families),
        "kinds": list(view.kinds),
        "years": None if view.years is None else list(view.years),
        "color_by": view.color_by,
        "size_by": view.size_by,
        "focus": view.focus,
        "depth": view.depth,
    }


_FIELDS = tuple(view_to_dict(SavedView("")))


def view_from_dict(
    data: Any, *, where: str = "", position: int = 1
) -> tuple[SavedView | None, list[ViewProblem]]:
    """A view from a dict (as `view_to_dict` writes it); None when it cannot be kept
    (not a dict, or no name), with the problems of each field.

    >>> view, problems = view_from_dict({"name": "Brest", "scale": "galaxy", "depth": 2})
    >>> view.scale, view.depth, [p.code for p in problems]
    ('structure', 2, ['bad_choice'])
    """
    unnamed = f"#{position}"
    if not isinstance(data, Mapping):
        return None, [ViewProblem(where, unnamed, "", "not_object", severity="error")]
    name_value = data.get("name")
    label = clean_text(name_value, NAME_MAX)[0] if isinstance(name_value, str) else ""
    reader = _Reader(where, label or unnamed)
    fields: dict[str, Any] = {}
    for key, value in data.items():
        if key not in _FIELDS:
            shown = clean_text(str(key), 40)[0]
            reader.warn(shown, "unknown_field", value=shown)
            continue
        if key in _LIST_FIELDS and value is not None and not isinstance(value, list):
            reader.warn(key, "not_list", value=key)
            continue
        fields[key] = value
    view = _build(reader, fields)
    if not view.name:
        return None, [
            *reader.problems,
            ViewProblem(where, reader.view, "", "no_name", severity="error"),
        ]
    return view, reader.problems


@dataclass(frozen=True)
class ViewsDocument:
    """What a views file holds once read: the views and presentations kept, in order, and
    the problems of what was not kept as written."""

    views: tuple[SavedView, ...] = ()
    presentations: tuple[Presentation, ...] = ()
    problems: tuple[ViewProblem, ...] = ()

    @property
    def errors(self) -> list[ViewProblem]:
        return [p for p in self.problems if p.is_error]


def views_to_json(views: Iterable[SavedView], presentations: Iterable[Presentation] = ()) -> str:
    """The JSON document of `views` and `presentations` (UTF-8 text, indented, stable).

    >>> print(views_to_json([], [Presentation("P", ["a"])]))  # doctest: +NORMALIZE_WHITESPACE
    {"format": "ess_graph.views", "version": 1, "views": [],
     "presentations": [{"name": "P", "views": ["a"]}]}
    """
    doc = {
        "format": FORMAT,
        "version": FORMAT_VERSION,
        "views": [view_to_dict(v) for v in views],
        "presentations": [{"name": p.name, "views": list(p.views)} for p in presentations],
    }
    if not doc["views"]:
        return json.dumps(doc, ensure_ascii=False)
    return json.dumps(doc, ensure_ascii=False, indent=1)


def views_from_json(
    text: str | bytes, *, where: str = "views.json", net: Network | None = None
) -> ViewsDocument:
    """Read a views document; never raises.

    A document that cannot be read at all (not JSON, not ours, written by a newer
    version, too big) gives no view and one error. Otherwise each view is read on its own
    (`view_from_dict`; with `net`, `check_view`): a view that cannot be kept is reported
    and the others are kept; a second view of the same name is left out; a presentation
    keeps the views it names that were kept.
    """

    def fail(code: str, **params: Any) -> ViewsDocument:
        return ViewsDocument(problems=(ViewProblem(where, "", "", code, params, "error"),))

    size = len(text.encode("utf-8") if isinstance(text, str) else text)
    if size > FILE_MAX_BYTES:
        return fail("too_big", size=size, max=FILE_MAX_BYTES)
    try:
        if isinstance(text, bytes):
            text = text.decode("utf-8-sig")
        data = json.loads(text)
    except (UnicodeDecodeError, ValueError, RecursionError) as exc:
        reason = clean_text(str(exc), 120)[0] if not isinstance(exc, RecursionError) else "depth"
        return fail("not_json", reason=reason)
    if not isinstance(data, dict) or data.get("format") != FORMAT:
        return fail("not_views_file", format=FORMAT)
    version = data.get("version")
    if not isinstance(version, int) or isinstance(version, bool) or version > FORMAT_VERSION:
        return fail("newer_file", found=clean_text(str(version), 20)[0], ours=FORMAT_VERSION)
    problems: list[ViewProblem] = []
    views: list[SavedView] = []
    raw_views = data.get("views", [])
    if not isinstance(raw_views, list):
        problems.append(ViewProblem(where, "", "", "not_list", {"value": "views"}, "error"))
        raw_views = []
    taken: set[str] = set()
    for position, item in enumerate(raw_views, start=1):
        if position > VIEWS_MAX:
            problems.append(
                ViewProblem(where, "", "", "too_many_views", {"max": VIEWS_MAX}, "error")
            )
            break
        view, found = view_from_dict(item, where=where, position=position)
        problems.extend(found)
        if view is None:
            continue
        if name_key(view.name) in taken:
            problems.append(ViewProblem(where, view.name, "", "duplicate", severity="error"))
            continue
        if net is not None:
            view, found = check_view(view, net, where=where)
            problems.extend(found)
        taken.add(name_key(view.name))
        views.append(view)
    kept_names = {v.name for v in views}
    presentations: list[Presentation] = []
    raw_presentations = data.get("presentations", [])
    if not isinstance(raw_presentations, list):
        problems.append(ViewProblem(where, "", "", "not_list", {"value": "presentations"}, "error"))
        raw_presentations = []
    seen: set[str] = set()
    for position, item in enumerate(raw_presentations, start=1):
        presentation, found = _presentation_from_dict(item, where, position, kept_names)
        problems.extend(found)
        if presentation is None:
            continue
        if name_key(presentation.name) in seen:
            problems.append(
                ViewProblem(
                    where, presentation.name, "", "duplicate", severity="error", kind="presentation"
                )
            )
            continue
        seen.add(name_key(presentation.name))
        presentations.append(presentation)
    return ViewsDocument(tuple(views), tuple(presentations), tuple(problems))


def _presentation_from_dict(
    data: Any, where: str, position: int, known: set[str]
) -> tuple[Presentation | None, list[ViewProblem]]:
    unnamed = f"#{position}"

    def problem(view: str, name: str, code: str, severity: Any = "warning", **params: Any):
        return ViewProblem(where, view, name, code, params, severity, "presentation")

    if not isinstance(data, Mapping):
        return None, [problem(unnamed, "", "not_object", "error")]
    raw_name = data.get("name")
    name = clean_text(raw_name, NAME_MAX)[0] if isinstance(raw_name, str) else ""
    if not name:
        return None, [problem(unnamed, "", "no_presentation_name", "error")]
    problems = []
    names = data.get("views", [])
    if not isinstance(names, list):
        return Presentation(name), [problem(name, "views", "not_list", value="views")]
    kept = []
    for value in names[:VIEWS_MAX]:
        if isinstance(value, str) and value in known:
            kept.append(value)
        else:
            shown = clean_text(str(value), 40)[0]
            problems.append(problem(name, "views", "unknown_view", value=shown))
    return Presentation(name, tuple(kept)), problems


def name_key(name: str) -> str:
    """What two names of views (or presentations) are compared by: case and accents
    aside, « Brest » and « brest » name one view.

    >>> name_key("Pôle de Brest") == name_key("pole de BREST")
    True
    """
    return schema.normalise_label(name) or name.casefold()
