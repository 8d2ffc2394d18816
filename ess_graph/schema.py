"""The data contract: which tables a network has, their columns and their vocabularies.

This is the one definition of what ess_graph reads and writes. Readers validate against
it, writers follow it, docs/DATA.md documents it. Nothing here does I/O.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field

from ess_graph.i18n import DEFAULT_LANG, register, t

FAMILIES: tuple[str, ...] = (
    "association",
    "cooperative",
    "mutuelle",
    "fondation",
    "societe_commerciale_ess",
)

POLE_STATUSES: tuple[str, ...] = ("launching", "prefiguration", "created")

LINK_KINDS: tuple[str, ...] = (
    "cooperation",  # joint project
    "pooling",  # mutualisation of staff, premises, equipment
    "subcontracting",  # e.g. to a sheltered workshop (ESAT)
    "sponsorship",  # skills sponsorship (mécénat de compétences)
    "membership",  # structure -> pôle
    "governance",  # seat on a pôle's board
    "funding",  # partner -> structure or pôle
    "representation",  # representation on a steering committee
)

#: ``confirmed``: both sides say the link exists (the default); ``proposed``: a partnership
#: idea raised in a meeting; ``declared``: named by one side only in a partnership survey
#: (``source`` declared it, ``target`` is the partner it named). Only ``confirmed`` links
#: count by default; see `ess_graph.network.TIES_RULES` for counting declared ones.
LINK_STATUSES: tuple[str, ...] = ("confirmed", "proposed", "declared")

#: Pooling resources a structure may need or offer (the ``needs`` and ``offers`` columns of
#: the structures table, answers of the partnership survey).
RESOURCES: tuple[str, ...] = (
    "premises",  # locaux
    "vehicle",
    "equipment",  # matériel
    "shared_employee",  # salarié·e partagé·e, emploi partagé
    "skills",
    "group_purchasing",
    "communication",
    "training",
    "volunteers",
)

#: Separator of the resource codes in a ``needs`` or ``offers`` cell, as written.
RESOURCE_SEPARATOR = "|"

register(
    {
        "schema.link_kind.cooperation": {"fr": "coopération", "en": "cooperation"},
        "schema.link_kind.pooling": {"fr": "mutualisation", "en": "pooling"},
        "schema.link_kind.subcontracting": {"fr": "sous-traitance", "en": "subcontracting"},
        "schema.link_kind.sponsorship": {
            "fr": "mécénat de compétences",
            "en": "skills sponsorship",
        },
        "schema.link_kind.membership": {"fr": "adhésion", "en": "membership"},
        "schema.link_kind.governance": {"fr": "gouvernance", "en": "governance"},
        "schema.link_kind.funding": {"fr": "financement", "en": "funding"},
        "schema.link_kind.representation": {"fr": "représentation", "en": "representation"},
        "schema.link_status.confirmed": {"fr": "confirmé", "en": "confirmed"},
        "schema.link_status.proposed": {"fr": "proposé", "en": "proposed"},
        "schema.link_status.declared": {
            "fr": "déclaré par un seul côté",
            "en": "declared by one side",
        },
        "schema.resource.premises": {"fr": "locaux", "en": "premises"},
        "schema.resource.vehicle": {"fr": "véhicule", "en": "vehicle"},
        "schema.resource.equipment": {"fr": "matériel", "en": "equipment"},
        "schema.resource.shared_employee": {
            "fr": "salarié·e partagé·e",
            "en": "shared employee",
        },
        "schema.resource.skills": {"fr": "compétences", "en": "skills"},
        "schema.resource.group_purchasing": {"fr": "achats groupés", "en": "group purchasing"},
        "schema.resource.communication": {"fr": "communication", "en": "communication"},
        "schema.resource.training": {"fr": "formation", "en": "training"},
        "schema.resource.volunteers": {"fr": "bénévoles", "en": "volunteers"},
    }
)


def kind_label(kind: str, lang: str = DEFAULT_LANG) -> str:
    """The words for a link kind of `LINK_KINDS`, lower case; another value as given.

    >>> kind_label("pooling"), kind_label("pooling", "en"), kind_label("other")
    ('mutualisation', 'pooling', 'other')
    """
    return t(f"schema.link_kind.{kind}", lang) if kind in LINK_KINDS else str(kind)


def status_label(status: str, lang: str = DEFAULT_LANG) -> str:
    """The words for a link status of `LINK_STATUSES`, lower case; another value as given.

    >>> status_label("declared"), status_label("declared", "en"), status_label("other")
    ('déclaré par un seul côté', 'declared by one side', 'other')
    """
    return t(f"schema.link_status.{status}", lang) if status in LINK_STATUSES else str(status)


def resource_label(code: str, lang: str = DEFAULT_LANG) -> str:
    """The words for a resource of `RESOURCES`, lower case; another value as given.

    >>> resource_label("premises"), resource_label("shared_employee", "en")
    ('locaux', 'shared employee')
    >>> resource_label("boat")
    'boat'
    """
    return t(f"schema.resource.{code}", lang) if code in RESOURCES else str(code)


PARTNER_KINDS: tuple[str, ...] = (
    "region",
    "departement",
    "intercommunalite",
    "commune",
    "etat",
    "maison_emploi",
    "reseau_ess",
    "banque",
    "autre",
)

# Labels a French user types, mapped to the canonical value. Keys are normalised with
# `normalise_label` (lower case, no accents, spaces/dashes -> "_").
_ALIASES: dict[str, dict[str, str]] = {
    "family": {
        "associations": "association",
        "cooperative": "cooperative",
        "cooperatives": "cooperative",
        "cooperative_scop": "cooperative",
        "scop": "cooperative",
        "scic": "cooperative",
        "mutuelles": "mutuelle",
        "mutual": "mutuelle",
        "foundation": "fondation",
        "fondations": "fondation",
        "societe_commerciale": "societe_commerciale_ess",
        "societe_commerciale_de_l_ess": "societe_commerciale_ess",
        "entreprise_commerciale_ess": "societe_commerciale_ess",
        "esus": "societe_commerciale_ess",
    },
    "pole_status": {
        "lancement": "launching",
        "en_lancement": "launching",
        "prefiguration": "prefiguration",
        "en_prefiguration": "prefiguration",
        "cree": "created",
        "creee": "created",
        "constitue": "created",
    },
    "link_kind": {
        "cooperation": "cooperation",
        "projet_commun": "cooperation",
        "mutualisation": "pooling",
        "sous_traitance": "subcontracting",
        "mecenat": "sponsorship",
        "mecenat_de_competences": "sponsorship",
        "adhesion": "membership",
        "membre": "membership",
        "gouvernance": "governance",
        "conseil_d_administration": "governance",
        "financement": "funding",
        "representation": "representation",
    },
    "link_status": {
        "confirme": "confirmed",
        "confirmee": "confirmed",
        "propose": "proposed",
        "proposee": "proposed",
        "proposition": "proposed",
        "idee": "proposed",
        "declare": "declared",
        "declaree": "declared",
        "declaration": "declared",
        "unilateral": "declared",
        "unilaterale": "declared",
        "declare_par_un_seul_cote": "declared",
        "un_seul_cote": "declared",
        "one_sided": "declared",
    },
    "resource": {
        "locaux": "premises",
        "local": "premises",
        "salle": "premises",
        "salles": "premises",
        "bureaux": "premises",
        "vehicule": "vehicle",
        "vehicules": "vehicle",
        "vehicles": "vehicle",
        "utilitaire": "vehicle",
        "camion": "vehicle",
        "materiel": "equipment",
        "materiels": "equipment",
        "equipement": "equipment",
        "equipements": "equipment",
        "outillage": "equipment",
        "salarie_partage": "shared_employee",
        "salariee_partagee": "shared_employee",
        "salarie_e_partage_e": "shared_employee",  # « salarié·e partagé·e »
        "salaries_partages": "shared_employee",
        "emploi_partage": "shared_employee",
        "emplois_partages": "shared_employee",
        "employe_partage": "shared_employee",
        "groupement_d_employeurs": "shared_employee",
        "shared_staff": "shared_employee",
        "competences": "skills",
        "competence": "skills",
        "savoir_faire": "skills",
        "skill": "skills",
        "achats_groupes": "group_purchasing",
        "achat_groupe": "group_purchasing",
        "groupement_d_achats": "group_purchasing",
        "group_purchases": "group_purchasing",
        "com": "communication",
        "formation": "training",
        "formations": "training",
        "benevoles": "volunteers",
        "benevole": "volunteers",
        "benevolat": "volunteers",
        "volunteer": "volunteers",
    },
    "partner_kind": {
        "conseil_regional": "region",
        "departement": "departement",
        "conseil_general": "departement",
        "conseil_departemental": "departement",
        "epci": "intercommunalite",
        "communaute_de_communes": "intercommunalite",
        "communaute_d_agglomeration": "intercommunalite",
        "ville": "commune",
        "maison_de_l_emploi": "maison_emploi",
        "reseau": "reseau_ess",
        "banque_cooperative": "banque",
        "other": "autre",
    },
}

VOCABULARIES: dict[str, tuple[str, ...]] = {
    "family": FAMILIES,
    "pole_status": POLE_STATUSES,
    "link_kind": LINK_KINDS,
    "link_status": LINK_STATUSES,
    "partner_kind": PARTNER_KINDS,
    "resource": RESOURCES,
}


def normalise_label(text: str) -> str:
    """Fold a typed label for comparison: lower case, accents removed, separators to "_".

    >>> normalise_label("Coopérative")
    'cooperative'
    >>> normalise_label("  Société commerciale de l'ESS ")
    'societe_commerciale_de_l_ess'
    """
    decomposed = unicodedata.normalize("NFKD", text.strip().lower())
    bare = "".join(c for c in decomposed if not unicodedata.combining(c))
    out = []
    for c in bare:
        out.append(c if c.isalnum() else "_")
    return "_".join(part for part in "".join(out).split("_") if part)


def canonical(vocabulary: str, value: str) -> str | None:
    """The canonical value of a typed label in a vocabulary, or None if it is not one.

    >>> canonical("family", "Fondation")
    'fondation'
    >>> canonical("link_kind", "Mutualisation")
    'pooling'
    >>> canonical("pole_status", "unknown") is None
    True
    """
    key = normalise_label(value)
    allowed = VOCABULARIES[vocabulary]
    if key in allowed:
        return key
    return _ALIASES.get(vocabulary, {}).get(key)


#: What separates the resources typed in one cell: ``|`` (as written), ``;`` or ``,``.
_RESOURCE_SPLIT = re.compile(r"[|;,\n]")


def parse_resources(text: str) -> tuple[tuple[str, ...], tuple[str, ...]]:
    """The resource codes of a ``needs`` or ``offers`` cell, and the items not understood.

    Items are separated by ``|``, ``;``, ``,`` or a line break and read as a code or a
    label of `RESOURCES` (French or English, case and accents aside). The codes come back
    sorted and without repeats; the unknown items as typed (trimmed), in their order.

    >>> parse_resources("Locaux | véhicule;locaux")
    (('premises', 'vehicle'), ())
    >>> parse_resources("emploi partagé, bateau")
    (('shared_employee',), ('bateau',))
    >>> parse_resources("")
    ((), ())
    """
    codes: set[str] = set()
    unknown: list[str] = []
    for item in _RESOURCE_SPLIT.split(text):
        item = item.strip()
        if not item:
            continue
        code = canonical("resource", item)
        if code is None:
            unknown.append(item)
        else:
            codes.add(code)
    return tuple(sorted(codes)), tuple(unknown)


def resource_codes(cell: object) -> tuple[str, ...]:
    """The codes of a clean ``needs`` or ``offers`` cell (``"premises|vehicle"``), as a
    sorted tuple; ``()`` for an empty or missing cell.

    >>> resource_codes("vehicle|premises"), resource_codes(""), resource_codes(None)
    (('premises', 'vehicle'), (), ())
    """
    if not isinstance(cell, str) or not cell:
        return ()
    return tuple(sorted({c for c in cell.split(RESOURCE_SEPARATOR) if c}))


@dataclass(frozen=True)
class Column:
    """One column of a table.

    kind: "id" (text, unique across structures, pôles and partners), "ref" (text that
    refers to another table), "text", "int", "year", "float", "positive" (float > 0),
    "enum:<vocabulary>", or "resources" (a list of `RESOURCES` codes: typed separated by
    ``|``, ``;`` or ``,``, stored sorted, without repeats, joined by ``|``).
    """

    name: str
    kind: str = "text"
    required: bool = False
    default: str | float | int | None = None


@dataclass(frozen=True)
class Table:
    """One table of a network: a CSV file or a workbook sheet with this name.

    ``survey_columns`` are optional columns of the partnership survey (a structure's
    ``needs`` and ``offers``): part of the contract (header aliases, checked and
    canonicalised by the validator, documented), but not of ``names``, which is also the
    workspace's SQLite layout: the workspace keeps them among a row's extra cells, so
    adding them changed no workspace file. A clean table holds them only when its input
    does (right after the ``names`` columns), so that importing a file without them
    leaves the values of a workspace alone.
    """

    name: str
    columns: tuple[Column, ...]
    optional_table: bool = False
    keep_extra_columns: bool = False
    doc: str = ""
    survey_columns: tuple[Column, ...] = ()
    _by_name: dict[str, Column] = field(default_factory=dict, compare=False, repr=False)

    def __post_init__(self) -> None:
        self._by_name.update({c.name: c for c in (*self.columns, *self.survey_columns)})

    @property
    def required(self) -> tuple[str, ...]:
        return tuple(c.name for c in self.columns if c.required)

    @property
    def names(self) -> tuple[str, ...]:
        return tuple(c.name for c in self.columns)

    @property
    def survey_names(self) -> tuple[str, ...]:
        return tuple(c.name for c in self.survey_columns)

    def column(self, name: str) -> Column:
        return self._by_name[name]


STRUCTURES = Table(
    "structures",
    (
        Column("id", "id", required=True),
        Column("name", "text", required=True),
        Column("family", "enum:family", required=True),
        Column("sector", "ref", required=True),
        Column("territory", "ref", required=True),
        Column("pole", "ref"),
        Column("commune", "text"),
        Column("lat", "float"),
        Column("lon", "float"),
        Column("employees", "int"),
        Column("founded", "year"),
    ),
    keep_extra_columns=True,
    doc="Local ESS organisations (associations, cooperatives, mutuelles, foundations...).",
    survey_columns=(Column("needs", "resources"), Column("offers", "resources")),
)

POLES = Table(
    "poles",
    (
        Column("id", "id", required=True),
        Column("name", "text", required=True),
        Column("territory", "ref", required=True),
        Column("status", "enum:pole_status", required=True),
        # the year of the constituent assembly (status ``created``); optional
        Column("created", "year"),
    ),
    keep_extra_columns=True,
    doc="Pôles de développement de l'ESS, one per pays.",
)

PARTNERS = Table(
    "partners",
    (
        Column("id", "id", required=True),
        Column("name", "text", required=True),
        Column("kind", "enum:partner_kind", required=True),
    ),
    keep_extra_columns=True,
    doc="Public and socio-economic partners (région, départements, État, banks...).",
)

LINKS = Table(
    "links",
    (
        Column("source", "ref", required=True),
        Column("target", "ref", required=True),
        Column("kind", "enum:link_kind", required=True),
        Column("since", "year"),
        Column("weight", "positive", default=1.0),
        Column("status", "enum:link_status", default="confirmed"),
        Column("source_of_information", "text"),
        Column("note", "text"),
    ),
    keep_extra_columns=True,
    doc="One row per link; several links between the same two structures make one tie.",
)

TERRITORIES = Table(
    "territories",
    (
        Column("id", "id", required=True),
        Column("name", "text", required=True),
        Column("department", "text"),
        Column("lat", "float"),
        Column("lon", "float"),
    ),
    optional_table=True,
    keep_extra_columns=True,
    doc="Territories (pays). When given, structures and pôles refer to them by id or name.",
)

SECTORS = Table(
    "sectors",
    (
        Column("id", "id", required=True),
        Column("name", "text", required=True),
    ),
    optional_table=True,
    keep_extra_columns=True,
    doc="Sectors of activity. When given, structures refer to them by id or name.",
)

TABLES: tuple[Table, ...] = (STRUCTURES, POLES, PARTNERS, LINKS, TERRITORIES, SECTORS)
TABLES_BY_NAME: dict[str, Table] = {t.name: t for t in TABLES}

# Tables whose ids share one namespace, in the order "first row kept" is decided.
NODE_TABLES: tuple[str, ...] = ("structures", "poles", "partners")

# Which endpoint types each link kind expects (source types, target types); a link that
# does not fit is kept with a warning. Links are read as undirected for ties.
LINK_ENDPOINTS: dict[str, tuple[frozenset[str], frozenset[str]]] = {
    "membership": (frozenset({"structures"}), frozenset({"poles"})),
    "governance": (frozenset({"structures"}), frozenset({"poles"})),
    "funding": (frozenset({"partners"}), frozenset({"structures", "poles"})),
}

YEAR_MIN, YEAR_MAX = 1800, 2100


# --------------------------------------------------------------------------------------
# The names people give tables and columns
# --------------------------------------------------------------------------------------
# File stems, sheet names and header cells are compared after `normalise_label` (case,
# accents, spaces, dashes and apostrophes aside). The canonical English names always
# match; these are the other names people type, French first (docs/DATA.md lists them).

TABLE_ALIASES: dict[str, tuple[str, ...]] = {
    "structures": ("structure", "acteurs", "organisations"),
    "poles": ("pole", "poles_ess", "poles_de_developpement"),
    "partners": ("partner", "partenaire", "partenaires"),
    "links": ("link", "lien", "liens", "cooperations"),
    "territories": ("territory", "territoire", "territoires", "pays"),
    "sectors": ("sector", "secteur", "secteurs"),
}

_ID = ("identifiant", "code", "ident")
_NAME = ("nom", "libelle", "intitule", "denomination")
_TERRITORY = ("territoire", "pays")

COLUMN_ALIASES: dict[str, dict[str, tuple[str, ...]]] = {
    "structures": {
        "id": _ID,
        "name": (*_NAME, "raison_sociale", "nom_de_la_structure", "structure"),
        "family": ("famille", "famille_ess", "statut_juridique", "forme_juridique", "statut"),
        "sector": ("secteur", "secteur_d_activite", "secteur_principal"),
        "territory": _TERRITORY,
        "pole": ("pole_ess", "pole_de_developpement"),
        "commune": ("ville", "localite"),
        "lat": ("latitude",),
        "lon": ("longitude", "lng"),
        "employees": ("salaries", "nombre_de_salaries", "effectif", "effectifs", "emplois"),
        "founded": ("creation", "annee_de_creation", "date_de_creation", "fondation"),
        "needs": ("besoins", "besoin", "besoins_de_mutualisation", "ressources_recherchees"),
        "offers": ("offres", "offre", "ressources_proposees", "ressources_offertes"),
    },
    "poles": {
        "id": _ID,
        "name": (*_NAME, "nom_du_pole"),
        "territory": _TERRITORY,
        "status": ("statut", "etat", "etape"),
        "created": ("creation", "annee_de_creation", "date_de_creation", "cree_en"),
    },
    "partners": {
        "id": _ID,
        "name": (*_NAME, "nom_du_partenaire"),
        "kind": ("type", "categorie", "nature", "type_de_partenaire"),
    },
    "links": {
        "source": ("de", "structure_source", "origine"),
        "target": ("cible", "vers", "destination", "structure_cible"),
        "kind": ("type", "type_de_lien", "nature", "nature_du_lien", "type_de_cooperation"),
        "since": ("depuis", "annee", "annee_de_debut", "debut"),
        "weight": ("poids", "intensite"),
        "status": ("statut", "etat"),
        "source_of_information": (
            "source_de_l_information",
            "source_de_l_info",
            "source_information",
            "origine_de_l_information",
        ),
        "note": ("notes", "commentaire", "commentaires", "remarque", "remarques"),
    },
    "territories": {
        "id": _ID,
        "name": _NAME,
        "department": ("departement", "dep", "dept"),
        "lat": ("latitude",),
        "lon": ("longitude", "lng"),
    },
    "sectors": {"id": _ID, "name": _NAME},
}

_TABLE_LOOKUP: dict[str, str] = {
    normalise_label(alias): name
    for name, aliases in TABLE_ALIASES.items()
    for alias in (name, *aliases)
}
_COLUMN_LOOKUP: dict[str, dict[str, str]] = {
    table.name: {
        **{
            normalise_label(alias): column
            for column, aliases in COLUMN_ALIASES.get(table.name, {}).items()
            for alias in aliases
        },
        # a canonical name always wins
        **{normalise_label(c): c for c in (*table.names, *table.survey_names)},
    }
    for table in TABLES
}


def table_named(text: str) -> Table | None:
    """The table a file stem or sheet name stands for, or None.

    >>> table_named("Liens").name, table_named(" Pôles ").name, table_named("notes")
    ('links', 'poles', None)
    """
    name = _TABLE_LOOKUP.get(normalise_label(text))
    return None if name is None else TABLES_BY_NAME[name]


def column_named(table: Table, text: str) -> str | None:
    """The schema column a header cell of `table` stands for, or None (an extra column).

    >>> column_named(LINKS, "Type de lien"), column_named(STRUCTURES, "Statut juridique")
    ('kind', 'family')
    >>> column_named(STRUCTURES, "site web") is None
    True
    """
    return _COLUMN_LOOKUP[table.name].get(normalise_label(text))
