"""What does a network of ESS pôles in Brittany look like? A seeded, fictional one to try.

`generate_network` builds the demo network: **real** where the 2009 leaflet of the CRES
Bretagne is real (the 21 pays with approximate coordinates, the pôles of its 14
territories with their 2009 status and names, the public partners it names) and
**fictional** for everything else (the structures, their names, sizes and links). Every
structure name ends with ``(fictive)`` and the tables carry a ``fictional`` column;
`write_demo` also writes ``FICTIONAL.md`` (French and English) next to the tables.

The generated network has the properties observed in real pôles, each tested in
``tests/test_demo.py``:

- ties are mostly inside a territory (75-85 %), and same-sector ties are several times
  more frequent than random mixing would give (the leaflet: "Au niveau territorial, il
  n'existe que peu de relations entre acteurs de l'ESS. L'enjeu est donc de renforcer la
  coopération entre acteurs locaux de l'ESS de secteurs différents");
- the number of partners is heavy-tailed (activity drawn from a Pareto law);
- a handful of **brokers** hold many cross-sector ties; many structures have none;
- about 5 % of structures are **isolates** (no tie to another structure);
- **gaps**: in each territory about a third of the sector pairs never cooperate, even
  when both sectors have several structures there.

The same generator scales: 250 structures for the demo, 2,500 / 25,000 / 250,000 for
benchmarks (about 4 links per structure). Structures always lie in the 14 territories of
the leaflet (a pôle covers one pays; the 7 others had no pôle in 2009 and keep none). All
sampling is vectorised with numpy; loops run over territories, sectors and pôles only.
The same `seed` and `n_structures` give identical tables.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path
from typing import Literal

import numpy as np
import pandas as pd

from ess_graph.i18n import register
from ess_graph.network import Network

DEFAULT_STRUCTURES = 250
DEFAULT_SEED = 2009

register(
    {
        "demo.banner": {
            "fr": "Réseau de démonstration fictif : les structures et leurs liens sont inventés ; les pays, les pôles et les partenaires publics viennent du dépliant de la CRES Bretagne (2009).",
            "en": "Fictional demo network: the structures and their links are invented; the pays, pôles and public partners come from the CRES Bretagne leaflet (2009).",
        },
        "demo.written": {
            "fr": "réseau fictif écrit dans {path} : {structures} structures, {links} liens (graine {seed})",
            "en": "fictional network written to {path}: {structures} structures, {links} links (seed {seed})",
        },
    }
)


# Real data: the 21 pays, the 14 pôles of the leaflet, the partners it names -------------


@dataclass(frozen=True)
class Pays:
    """One pays of Brittany (2009) with its main town and approximate coordinates."""

    id: str
    name: str
    label: str  # as in "Pôle ESS du <label>"
    department: str
    main_town: str
    lat: float
    lon: float


PAYS: tuple[Pays, ...] = (
    Pays("brest", "Brest", "pays de Brest", "29", "Brest", 48.390, -4.486),
    Pays("morlaix", "Morlaix", "pays de Morlaix", "29", "Morlaix", 48.578, -3.828),
    Pays("cornouaille", "Cornouaille", "pays de Cornouaille", "29", "Quimper", 47.996, -4.102),
    Pays(
        "centre_ouest_bretagne",
        "Centre-Ouest Bretagne",
        "pays du Centre-Ouest Bretagne",
        "29/22/56",
        "Carhaix-Plouguer",
        48.276,
        -3.574,
    ),
    Pays("tregor_goelo", "Trégor-Goëlo", "pays du Trégor-Goëlo", "22", "Lannion", 48.733, -3.457),
    Pays("guingamp", "Guingamp", "pays de Guingamp", "22", "Guingamp", 48.563, -3.150),
    Pays(
        "saint_brieuc", "Saint-Brieuc", "pays de Saint-Brieuc", "22", "Saint-Brieuc", 48.514, -2.765
    ),
    Pays(
        "centre_bretagne",
        "Centre-Bretagne",
        "pays du Centre-Bretagne",
        "22",
        "Loudéac",
        48.178,
        -2.754,
    ),
    Pays("dinan", "Dinan", "pays de Dinan", "22", "Dinan", 48.455, -2.050),
    Pays("saint_malo", "Saint-Malo", "pays de Saint-Malo", "35", "Saint-Malo", 48.649, -2.026),
    Pays("fougeres", "Fougères", "pays de Fougères", "35", "Fougères", 48.352, -1.199),
    Pays("rennes", "Rennes", "pays de Rennes", "35", "Rennes", 48.117, -1.678),
    Pays("vitre", "Vitré Porte de Bretagne", "pays de Vitré", "35", "Vitré", 48.124, -1.209),
    Pays(
        "broceliande",
        "Brocéliande",
        "pays de Brocéliande",
        "35",
        "Montfort-sur-Meu",
        48.138,
        -1.954,
    ),
    Pays(
        "vallons_de_vilaine",
        "Vallons de Vilaine",
        "pays des Vallons de Vilaine",
        "35",
        "Guichen",
        47.967,
        -1.795,
    ),
    Pays("redon", "Redon et Vilaine", "pays de Redon", "35/56/44", "Redon", 47.652, -2.084),
    Pays(
        "ploermel",
        "Ploërmel Cœur de Bretagne",
        "pays de Ploërmel",
        "56",
        "Ploërmel",
        47.932,
        -2.398,
    ),
    Pays("pontivy", "Pontivy", "pays de Pontivy", "56", "Pontivy", 48.069, -2.963),
    Pays("lorient", "Lorient", "pays de Lorient", "56", "Lorient", 47.748, -3.370),
    Pays("auray", "Auray", "pays d'Auray", "56", "Auray", 47.668, -2.982),
    Pays("vannes", "Vannes", "pays de Vannes", "56", "Vannes", 47.658, -2.761),
)
PAYS_BY_ID: dict[str, Pays] = {p.id: p for p in PAYS}


@dataclass(frozen=True)
class Pole:
    """A pôle (or initiative) of the 2009 leaflet; `share` sets how many structures it has."""

    id: str
    name: str
    territory: str
    status: str
    full_name: str
    share: float


POLES_2009: tuple[Pole, ...] = (
    Pole(
        "adess_brest",
        "ADESS pays de Brest",
        "brest",
        "created",
        "Association de développement de l'économie sociale et solidaire du pays de Brest",
        30,
    ),
    Pole(
        "adess_morlaix",
        "ADESS pays de Morlaix",
        "morlaix",
        "created",
        "Association de développement de l'économie sociale et solidaire du pays de Morlaix",
        20,
    ),
    Pole(
        "bras",
        "BRAS (Brocéliande Richesses Associatives)",
        "broceliande",
        "created",
        "Brocéliande Richesses Associatives",
        16,
    ),
    Pole(
        "cades",
        "CADES",
        "redon",
        "created",
        "Coordination des acteurs de l'économie sociale du pays de Redon",
        20,
    ),
    Pole(
        "horizon_solidaire", "Horizon Solidaire", "saint_malo", "created", "Horizon Solidaire", 18
    ),
    Pole("reso_solidaire", "Réso solidaire", "rennes", "created", "Réso solidaire", 36),
    Pole(
        "pole_dinan",
        "Pôle ESS du pays de Dinan (préfiguration)",
        "dinan",
        "prefiguration",
        "",
        14,
    ),
    Pole("c2sol", "C2SOL", "lorient", "prefiguration", "Association C2SOL", 20),
    Pole(
        "pole_vallons_de_vilaine",
        "Pôle ESS du pays des Vallons de Vilaine (préfiguration)",
        "vallons_de_vilaine",
        "prefiguration",
        "",
        10,
    ),
    Pole(
        "e2s_vannes",
        "E2S pays de Vannes",
        "vannes",
        "prefiguration",
        "Association E2S pays de Vannes",
        18,
    ),
    Pole(
        "pole_cornouaille",
        "Pôle ESS du pays de Cornouaille (lancement)",
        "cornouaille",
        "launching",
        "",
        16,
    ),
    Pole(
        "pole_fougeres",
        "Pôle ESS du pays de Fougères (lancement)",
        "fougeres",
        "launching",
        "",
        10,
    ),
    Pole(
        "pole_saint_brieuc",
        "Pôle ESS du pays de Saint-Brieuc (lancement)",
        "saint_brieuc",
        "launching",
        "",
        16,
    ),
    Pole(
        "pole_tregor_goelo",
        "Pôle ESS du pays du Trégor-Goëlo (lancement)",
        "tregor_goelo",
        "launching",
        "",
        12,
    ),
)
LEAFLET_TERRITORIES: tuple[str, ...] = tuple(p.territory for p in POLES_2009)

#: (id, name, main share, {family: probability}); the first 8 are the leaflet's sectors,
#: the others come from the grid of the ESS observatories.
SECTORS: tuple[tuple[str, str, float, dict[str, float]], ...] = (
    ("developpement_durable", "Développement durable", 0.11,
     {"association": 0.80, "cooperative": 0.15, "societe_commerciale_ess": 0.05}),
    ("education_populaire", "Éducation populaire", 0.13,
     {"association": 0.97, "fondation": 0.03}),
    ("culture", "Culture", 0.13, {"association": 0.90, "cooperative": 0.10}),
    ("sanitaire_social", "Sanitaire et social", 0.17,
     {"association": 0.80, "mutuelle": 0.08, "fondation": 0.12}),
    ("emploi_insertion", "Emploi et insertion", 0.12,
     {"association": 0.70, "cooperative": 0.15, "societe_commerciale_ess": 0.15}),
    ("banque_cooperative", "Banques coopératives", 0.02, {"cooperative": 1.0}),
    ("mutuelle_assurance", "Mutuelles d'assurance", 0.03, {"mutuelle": 1.0}),
    ("sport", "Sport", 0.09, {"association": 1.0}),
    ("enseignement", "Enseignement", 0.05, {"association": 0.90, "fondation": 0.10}),
    ("sante", "Santé humaine", 0.05, {"association": 0.50, "mutuelle": 0.40, "fondation": 0.10}),
    ("agriculture", "Agriculture", 0.05, {"cooperative": 0.80, "association": 0.20}),
    ("commerce_equitable", "Commerce équitable", 0.05,
     {"association": 0.50, "cooperative": 0.40, "societe_commerciale_ess": 0.10}),
)  # fmt: skip
SECTOR_IDS: tuple[str, ...] = tuple(s[0] for s in SECTORS)
FAMILY_IDS: tuple[str, ...] = (
    "association",
    "cooperative",
    "mutuelle",
    "fondation",
    "societe_commerciale_ess",
)

#: Real communes of each leaflet pays (approximate coordinates); the first is the main town.
COMMUNES: dict[str, tuple[tuple[str, float, float], ...]] = {
    "brest": (("Brest", 48.390, -4.486), ("Landerneau", 48.451, -4.250),
              ("Plougastel-Daoulas", 48.373, -4.370), ("Saint-Renan", 48.433, -4.622)),
    "morlaix": (("Morlaix", 48.578, -3.828), ("Saint-Pol-de-Léon", 48.685, -3.986),
                ("Landivisiau", 48.510, -4.069)),
    "cornouaille": (("Quimper", 47.996, -4.102), ("Concarneau", 47.875, -3.919),
                    ("Douarnenez", 48.093, -4.329), ("Quimperlé", 47.872, -3.549)),
    "tregor_goelo": (("Lannion", 48.733, -3.457), ("Paimpol", 48.778, -3.047),
                     ("Perros-Guirec", 48.815, -3.444)),
    "saint_brieuc": (("Saint-Brieuc", 48.514, -2.765), ("Lamballe", 48.469, -2.517),
                     ("Plérin", 48.535, -2.770)),
    "dinan": (("Dinan", 48.455, -2.050), ("Broons", 48.317, -2.259)),
    "saint_malo": (("Saint-Malo", 48.649, -2.026), ("Cancale", 48.676, -1.851),
                   ("Combourg", 48.409, -1.751)),
    "fougeres": (("Fougères", 48.352, -1.199), ("Louvigné-du-Désert", 48.480, -1.124)),
    "rennes": (("Rennes", 48.117, -1.678), ("Cesson-Sévigné", 48.121, -1.603),
               ("Bruz", 48.025, -1.746), ("Saint-Jacques-de-la-Lande", 48.090, -1.720)),
    "broceliande": (("Montfort-sur-Meu", 48.138, -1.954), ("Montauban-de-Bretagne", 48.199, -2.048),
                    ("Plélan-le-Grand", 48.001, -2.095)),
    "vallons_de_vilaine": (("Guichen", 47.967, -1.795), ("Bain-de-Bretagne", 47.843, -1.683)),
    "redon": (("Redon", 47.652, -2.084), ("Guémené-Penfao", 47.632, -1.832)),
    "lorient": (("Lorient", 47.748, -3.370), ("Lanester", 47.762, -3.342),
                ("Hennebont", 47.805, -3.277), ("Ploemeur", 47.736, -3.426)),
    "vannes": (("Vannes", 47.658, -2.761), ("Séné", 47.605, -2.737), ("Saint-Avé", 47.688, -2.738)),
}  # fmt: skip

# Word lists for invented names ------------------------------------------------------

_PLACES: dict[str, tuple[str, ...]] = {
    "brest": ("de l'Élorn", "de l'Iroise", "des Abers", "du Ponant", "de la Penfeld"),
    "morlaix": ("du Dourduff", "du Queffleuth", "du Jarlot", "du Léon", "de la baie"),
    "cornouaille": ("de l'Odet", "du Steïr", "de l'Aven", "du Goyen", "de la Laïta"),
    "tregor_goelo": ("du Léguer", "du Jaudy", "du Trieux", "du Goëlo", "du Guindy"),
    "saint_brieuc": ("du Gouët", "de l'Urne", "du Gouessant", "du Penthièvre", "de la baie"),
    "dinan": ("de la Rance", "de l'Arguenon", "du Frémur", "des remparts"),
    "saint_malo": ("du Clos-Poulet", "de la Côte d'Émeraude", "des Corsaires", "de la Rance"),
    "fougeres": ("du Couesnon", "du Nançon", "des Marches", "de la forêt"),
    "rennes": ("de l'Ille", "de la Vilaine", "du Thabor", "de la Prévalaye", "des Gayeulles"),
    "broceliande": ("du Meu", "de l'Aff", "du Garun", "de Paimpont", "de la forêt"),
    "vallons_de_vilaine": ("du Semnon", "de la Seiche", "des Vallons", "de la Vilaine"),
    "redon": ("de l'Oust", "du canal", "de l'Isac", "de l'Aff", "de la Vilaine"),
    "lorient": ("du Scorff", "du Blavet", "de la rade", "de Groix", "du Ter"),
    "vannes": ("du golfe", "de la Marle", "du Vincin", "de Rhuys", "de Lanvaux"),
}
_MIDDLES: tuple[str, ...] = (
    "Les Ateliers", "La Fabrique", "Le Jardin", "L'Escale", "Les Tisserands", "La Passerelle",
    "Les Semeurs", "La Marée", "L'Archipel", "Le Phare", "Les Embruns", "La Ruche", "Le Lien",
    "Les Korrigans", "L'Hermine", "Le Goéland", "La Boussole", "Les Bruyères",
)  # fmt: skip
_ASSOCIATION_PREFIXES: dict[str, tuple[str, ...]] = {
    "developpement_durable": ("Association", "Collectif", "Jardins partagés", "Ressourcerie",
                              "Atelier vélo"),
    "education_populaire": ("Centre social", "Foyer des jeunes", "Maison de quartier",
                            "Amicale laïque", "Ludothèque"),
    "culture": ("Compagnie", "Festival", "Théâtre", "Cercle celtique", "École de musique"),
    "sanitaire_social": ("Aide à domicile", "Foyer d'accueil", "Accueil de jour", "Entraide"),
    "emploi_insertion": ("Chantier d'insertion", "Régie de quartier", "Atelier d'insertion",
                         "Association intermédiaire"),
    "sport": ("Club", "Union sportive", "Cercle nautique", "Cyclo-club"),
    "enseignement": ("Centre de formation", "Université populaire", "École associative"),
    "sante": ("Centre de santé", "Association de prévention", "Maison de santé"),
    "agriculture": ("AMAP", "Groupement"),
    "commerce_equitable": ("Épicerie solidaire", "Boutique équitable", "Comptoir"),
}  # fmt: skip
_FAMILY_PREFIXES: dict[str, tuple[str, ...]] = {
    "cooperative": ("SCOP", "SCIC", "Coopérative"),
    "mutuelle": ("Mutuelle",),
    "fondation": ("Fondation",),
    "societe_commerciale_ess": ("Entreprise solidaire", "Entreprise d'insertion"),
}
_SECTOR_FAMILY_PREFIXES: dict[tuple[str, str], tuple[str, ...]] = {
    ("banque_cooperative", "cooperative"): ("Caisse locale de crédit coopératif",),
    ("mutuelle_assurance", "mutuelle"): ("Mutuelle d'assurance",),
    ("agriculture", "cooperative"): ("CUMA", "Coopérative agricole"),
}

# Model parameters (why each value: see the module docstring and FICTIONAL.md) ---------

_LINKS_PER_STRUCTURE = 4.0  # all links ("≈ 1,000,000 links at 250,000 structures")
_P_CROSS_SECTOR = 0.25
_P_CROSS_SECTOR_BROKER = 0.90
_P_CROSS_TERRITORY = 0.12
_P_CROSS_TERRITORY_BROKER = 0.20
_P_BLOCKED_PAIR = 0.35  # share of sector pairs that never cooperate in a territory
_ISOLATE_SHARE = 0.05
_BROKER_SHARE = 0.016
_PARETO_SHAPE = 2.0
_MAX_ACTIVITY = 20.0
_SECTOR_CONCENTRATION = 12.0  # Dirichlet concentration of each territory's sector mix
_MEMBER_SHARE = {"created": 0.70, "prefiguration": 0.50, "launching": 0.35}
_POLE_START = {"created": 2006, "prefiguration": 2008, "launching": 2009}
_FUNDED_SHARE = 0.35
_YEAR_MIN, _YEAR_MAX = 1995, 2009
_SS_KINDS = ("cooperation", "pooling", "subcontracting", "sponsorship")
_SS_KIND_P = (0.52, 0.24, 0.14, 0.10)
_INFO = ("survey", "declared", "convention")


# The generator ---------------------------------------------------------------------------


def _apportion(total: int, weights: np.ndarray) -> np.ndarray:
    """Integer counts summing to `total`, proportional to `weights` (largest remainder)."""
    quota = total * weights / weights.sum()
    counts = np.floor(quota).astype(np.int64)
    rest = total - counts.sum()
    order = np.argsort(-(quota - counts), kind="stable")
    counts[order[:rest]] += 1
    return counts


def _sample_in_ranges(
    rng: np.random.Generator, cum: np.ndarray, starts: np.ndarray, ends: np.ndarray
) -> tuple[np.ndarray, np.ndarray]:
    """One index per range [start, end), drawn with probability proportional to weight.

    `cum` is the cumulative weight (``cum[0] == 0``, ``cum[j+1] - cum[j]`` the weight of
    item j). Returns (index, valid); invalid where the range holds no weight.
    """
    lo = cum[starts]
    hi = cum[ends]
    r = lo + rng.random(len(starts)) * (hi - lo)
    idx = np.searchsorted(cum, r, side="right") - 1
    idx = np.clip(idx, starts, np.maximum(ends - 1, starts))
    return idx, hi > lo


def _ranges(codes: np.ndarray, n_codes: int) -> tuple[np.ndarray, np.ndarray]:
    """Start and end of each code's run in sorted `codes`."""
    values = np.arange(n_codes)
    return np.searchsorted(codes, values, side="left"), np.searchsorted(codes, values, side="right")


def _choice_per_group(
    rng: np.random.Generator, groups: np.ndarray, options: dict[int, tuple[str, ...]]
) -> np.ndarray:
    out = np.empty(len(groups), dtype=object)
    for g, words in options.items():
        mask = groups == g
        count = int(mask.sum())
        if count:
            out[mask] = np.asarray(words, dtype=object)[rng.integers(0, len(words), count)]
    return out


def _text(values: object) -> pd.Series:
    return pd.Series(values, dtype=str)


def _text_from_codes(labels: np.ndarray | list[str], codes: np.ndarray) -> pd.Series:
    """``labels[codes]`` as a text column, without making a Python str per row.

    With pyarrow (pandas' default string storage) the column is decoded from a
    dictionary array, several times faster on a million links; otherwise plain numpy.
    """
    labels = [str(x) for x in labels]
    try:
        import pyarrow as pa
    except ImportError:  # pragma: no cover - pandas then stores str in Python objects
        return _text(np.asarray(labels, dtype=object)[codes])
    indices = pa.array(np.asarray(codes, dtype=np.int64))
    dictionary = pa.array(labels, type=pa.large_string())
    decoded = pa.DictionaryArray.from_arrays(indices, dictionary).dictionary_decode()
    return pd.Series(decoded, dtype=str)


class _Structures:
    """Internal arrays of the structures, ordered by (territory, sector)."""

    def __init__(self, rng: np.random.Generator, n: int) -> None:
        poles = POLES_2009
        n_t, n_s = len(poles), len(SECTORS)
        self.n = n
        counts = _apportion(n, np.array([p.share for p in poles], dtype=float))
        self.terr = np.repeat(np.arange(n_t), counts)
        # Each territory has its own sector mix around the regional one.
        base = np.array([s[2] for s in SECTORS])
        sector = np.empty(n, dtype=np.int64)
        start = 0
        for count in counts:
            mix = rng.dirichlet(base * _SECTOR_CONCENTRATION)
            sector[start : start + count] = np.sort(rng.choice(n_s, size=count, p=mix))
            start += count
        self.sector = sector
        self.cell = self.terr * n_s + self.sector  # sorted, since terr then sector are
        self.family = np.empty(n, dtype=np.int64)
        for s, (_, _, _, fam_p) in enumerate(SECTORS):
            mask = sector == s
            fams = [FAMILY_IDS.index(f) for f in fam_p]
            self.family[mask] = rng.choice(fams, size=int(mask.sum()), p=list(fam_p.values()))
        # Activity: how many partners a structure seeks (heavy-tailed).
        activity = np.minimum(rng.pareto(_PARETO_SHAPE, n) + 1.0, _MAX_ACTIVITY)
        n_iso = round(_ISOLATE_SHARE * n)
        order = rng.permutation(n)
        self.isolate = np.zeros(n, dtype=bool)
        self.isolate[order[:n_iso]] = True
        n_brokers = max(3, round(_BROKER_SHARE * n)) if n >= 30 else 0
        self.broker = np.zeros(n, dtype=bool)
        self.broker[order[n_iso : n_iso + n_brokers]] = True
        if n_brokers:
            top = np.quantile(activity, 0.99)
            activity[self.broker] = np.maximum(activity[self.broker], top) * 2.5
        activity[self.isolate] = 0.0
        self.activity = activity
        self.cum = np.concatenate([[0.0], np.cumsum(activity)])
        self.cell_start, self.cell_end = _ranges(self.cell, n_t * n_s)
        self.terr_start, self.terr_end = _ranges(self.terr, n_t)
        # The same structures ordered by (sector, territory), for same-sector draws.
        self.by_sector = np.lexsort((self.terr, self.sector))
        self.cum_by_sector = np.concatenate([[0.0], np.cumsum(activity[self.by_sector])])
        self.sector_start, self.sector_end = _ranges(self.sector[self.by_sector], n_s)
        # Gaps: sector pairs that never cooperate inside a territory.
        upper = rng.random((n_t, n_s, n_s)) < _P_BLOCKED_PAIR
        upper = np.triu(upper, k=1)
        self.blocked = upper | upper.transpose(0, 2, 1)

    def draw_partners(
        self, rng: np.random.Generator, u: np.ndarray, category: np.ndarray
    ) -> tuple[np.ndarray, np.ndarray]:
        """A partner for each u: category 0 same territory and sector, 1 same territory
        other sector, 2 same sector other territory, 3 other territory and sector."""
        v = np.full(len(u), -1, dtype=np.int64)
        todo = np.ones(len(u), dtype=bool)
        for _ in range(4):  # rejection rounds
            idx = np.flatnonzero(todo)
            if not len(idx):
                break
            cu, cat = u[idx], category[idx]
            starts = np.zeros(len(idx), dtype=np.int64)
            ends = np.full(len(idx), self.n, dtype=np.int64)
            sel = cat == 0
            starts[sel], ends[sel] = (
                self.cell_start[self.cell[cu[sel]]],
                self.cell_end[self.cell[cu[sel]]],
            )
            sel = cat == 1
            starts[sel], ends[sel] = (
                self.terr_start[self.terr[cu[sel]]],
                self.terr_end[self.terr[cu[sel]]],
            )
            sel = cat == 2
            s_sel = self.sector[cu[sel]]
            starts[sel], ends[sel] = self.sector_start[s_sel], self.sector_end[s_sel]
            in_sector_order = sel
            cum = self.cum
            pick, ok = _sample_in_ranges(rng, cum, starts, ends)
            if in_sector_order.any():
                p2, ok2 = _sample_in_ranges(
                    rng, self.cum_by_sector, starts[in_sector_order], ends[in_sector_order]
                )
                pick[in_sector_order] = self.by_sector[p2]
                ok[in_sector_order] = ok2
            same_t = self.terr[pick] == self.terr[cu]
            same_s = self.sector[pick] == self.sector[cu]
            ok &= pick != cu
            ok &= np.where(cat == 1, ~same_s, True)
            ok &= np.where(cat == 2, ~same_t, True)
            ok &= np.where(cat == 3, ~same_t & ~same_s, True)
            ok &= ~(
                same_t & ~same_s & self.blocked[self.terr[cu], self.sector[cu], self.sector[pick]]
            )
            v[idx[ok]] = pick[ok]
            todo[idx[ok]] = False
            # Another draw cannot help where the range holds no one else.
            hopeless = (cat == 0) & (ends - starts <= 1)
            todo[idx[hopeless]] = False
        return v, v >= 0


def _draw_ties(rng: np.random.Generator, st: _Structures, m: int) -> tuple[np.ndarray, np.ndarray]:
    """`m` draws of a structure (by activity) and a partner (by the homophily rules)."""
    n = st.n
    u, _ = _sample_in_ranges(rng, st.cum, np.zeros(m, dtype=np.int64), np.full(m, n))
    broker = st.broker[u]
    cross_s = rng.random(m) < np.where(broker, _P_CROSS_SECTOR_BROKER, _P_CROSS_SECTOR)
    cross_t = rng.random(m) < np.where(broker, _P_CROSS_TERRITORY_BROKER, _P_CROSS_TERRITORY)
    category = cross_s.astype(np.int64) + 2 * cross_t.astype(np.int64)
    v, ok = st.draw_partners(rng, u, category)
    return u[ok], v[ok]


def _draw_kinds(
    rng: np.random.Generator, st: _Structures, u: np.ndarray, v: np.ndarray
) -> np.ndarray:
    """Index in `_SS_KINDS` of each tie's kind, coherent with sectors and families."""
    k = len(u)
    kind = rng.choice(len(_SS_KINDS), size=k, p=_SS_KIND_P)
    insertion = SECTOR_IDS.index("emploi_insertion")
    # Subcontracting goes to insertion structures (ESAT, chantiers); else it is cooperation.
    ins = (st.sector[u] == insertion) | (st.sector[v] == insertion)
    kind[(kind == 2) & ~ins & (rng.random(k) < 0.7)] = 0
    # Skills sponsorship comes from cooperatives, mutuelles and foundations; else pooling.
    sponsor = np.isin(st.family, [1, 2, 3])
    kind[(kind == 3) & ~sponsor[u] & ~sponsor[v]] = 1
    return kind


def _structure_links(
    rng: np.random.Generator, st: _Structures, target: int
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """About `target` distinct structure-structure links (u, v, kind index).

    Draws are repeated (at most 3 rounds) until `target` distinct (pair, kind) links exist
    or the network is saturated; then every structure that is not a designated isolate
    gets at least one tie: in its own cell, else its territory, else its sector elsewhere,
    else anywhere.
    """
    n = st.n
    u = v = kind = np.zeros(0, dtype=np.int64)

    def dedup(u: np.ndarray, v: np.ndarray, kind: np.ndarray) -> np.ndarray:
        key = (np.minimum(u, v) * n + np.maximum(u, v)) * len(_SS_KINDS) + kind
        return np.sort(np.unique(key, return_index=True)[1])

    if st.cum[-1] > 0:
        for _ in range(3):
            need = target - len(u)
            if need <= 0:
                break
            du, dv = _draw_ties(rng, st, int(np.ceil(need * 1.15)) + 1)
            dk = _draw_kinds(rng, st, du, dv)
            u, v, kind = (
                np.concatenate([u, du]),
                np.concatenate([v, dv]),
                np.concatenate([kind, dk]),
            )
            keep = dedup(u, v, kind)
            u, v, kind = u[keep], v[keep], kind[keep]
        u, v, kind = u[:target], v[:target], kind[:target]
    for category in (0, 1, 2, 3):
        has_tie = np.zeros(n, dtype=bool)
        has_tie[u] = True
        has_tie[v] = True
        lonely = np.flatnonzero(~has_tie & ~st.isolate)
        if not len(lonely):
            break
        partner, ok = st.draw_partners(rng, lonely, np.full(len(lonely), category))
        lu, lv = lonely[ok], partner[ok]
        u, v = np.concatenate([u, lu]), np.concatenate([v, lv])
        kind = np.concatenate([kind, _draw_kinds(rng, st, lu, lv)])
    keep = dedup(u, v, kind)
    return u[keep], v[keep], kind[keep]


def _year_after(rng: np.random.Generator, lower: np.ndarray, scale: float = 4.0) -> np.ndarray:
    """Years in [lower, 2009], more recent ones more likely."""
    draw = _YEAR_MAX - np.floor(rng.exponential(scale, len(lower))).astype(np.int64)
    return np.clip(np.maximum(draw, lower), None, _YEAR_MAX)


def _fictional_text(n: int, seed: int) -> str:
    return f"""# Réseau fictif / Fictional network

generator: ess_graph.demo.generate_network(n_structures={n}, seed={seed})

## Français

Ce réseau de démonstration est **fictif**. Il sert à essayer ess_graph ; il ne décrit pas
les coopérations réelles entre structures de l'ESS en Bretagne.

Ce qui est réel (dépliant « Réseau des pôles de développement de l'ESS », CRES Bretagne,
2009) :
- les 21 pays de Bretagne (`territories.csv`), avec des coordonnées approximatives de
  leur ville principale ;
- les pôles des 14 territoires du dépliant et leur état en 2009 (`poles.csv`) : ADESS pays
  de Brest, ADESS pays de Morlaix, BRAS (Brocéliande Richesses Associatives), CADES,
  Horizon Solidaire, Réso solidaire (créés), C2SOL, E2S pays de Vannes, Dinan et Vallons
  de Vilaine (préfiguration), Cornouaille, Fougères, Saint-Brieuc et Trégor-Goëlo
  (lancement) ; les noms « Pôle ESS du pays de … » sont descriptifs ;
- les partenaires publics que cite le dépliant (`partners.csv`, colonne `fictional` =
  `no`) : Conseil régional de Bretagne, Conseils généraux, État, CRES Bretagne ; les
  intercommunalités et maisons de l'emploi y sont génériques (`generic`) ;
- les secteurs (`sectors.csv`) : ceux du dépliant et de la grille des observatoires de
  l'ESS ; les communes citées existent.

Ce qui est inventé : toutes les structures (`structures.csv`, noms suivis de
« (fictive) », colonne `fictional` = `yes`), leur famille, leur secteur, leur taille,
leur date de création et leur position ; tous les liens (`links.csv`) et leurs années ;
l'année de création des six pôles créés (`poles.csv`, colonne `created` = 2006 : le
dépliant dit seulement qu'ils existaient en 2009) ; la banque coopérative (`fictional` =
`yes`). Toute ressemblance avec une structure réelle serait fortuite.

## English

This demo network is **fictional**. It is there to try ess_graph; it does not describe
real cooperation between ESS organisations in Brittany.

What is real (leaflet "Réseau des pôles de développement de l'ESS", CRES Bretagne, 2009):
the 21 pays of Brittany (`territories.csv`, approximate coordinates of their main town);
the pôles of the 14 territories of the leaflet with their 2009 status (`poles.csv`; the
names "Pôle ESS du pays de …" are descriptive); the public partners the leaflet names
(`partners.csv`, `fictional` = `no`: Conseil régional de Bretagne, Conseils généraux,
État, CRES Bretagne; the intercommunalités and maisons de l'emploi are generic,
`generic`); the sectors (leaflet and ESS observatory grid); the communes named exist.

What is invented: every structure (`structures.csv`, names ending in "(fictive)",
`fictional` = `yes`) with its family, sector, size, founding year and position; every
link (`links.csv`) and its year; the creation year of the six created pôles
(`poles.csv`, `created` = 2006: the leaflet says only that they existed by 2009); the
cooperative bank (`fictional` = `yes`). Any resemblance to a real organisation is
coincidental.
"""


def generate_network(
    n_structures: int = DEFAULT_STRUCTURES, *, seed: int = DEFAULT_SEED
) -> Network:
    """A fictional ESS network of Brittany, real where the 2009 leaflet is real.

    Parameters
    ----------
    n_structures : int, default 250
        Number of structures (the leaflet's "près de 250 structures"); 2,500 / 25,000 /
        250,000 for benchmarks (about 4 links per structure).
    seed : int, default 2009
        Seed of `numpy.random.default_rng`; the same seed gives identical tables.

    Returns
    -------
    Network
        ``is_demo`` True; tables typed as `ess_graph.io.read.read_network` returns them
        (text as ``str``, ``lat``/``lon``/``weight`` float, ``founded``/``employees``/
        ``since`` ``Int64``); ``meta`` holds ``generator``, ``seed``, ``n_structures``
        and ``fictional_text`` (the FICTIONAL.md notice).

    Examples
    --------
    >>> net = generate_network(250, seed=2009)
    >>> len(net.structures), len(net.territories), len(net.poles)
    (250, 21, 14)
    >>> net.is_demo
    True
    """
    if n_structures < 1:
        raise ValueError("n_structures must be at least 1")
    n = int(n_structures)
    rng = np.random.default_rng(seed)
    st = _Structures(rng, n)
    poles = POLES_2009
    n_s = len(SECTORS)

    # Ids: shuffled so that s0001 is not always in Brest.
    id_num = rng.permutation(n)
    width = max(4, len(str(n)))
    sid = np.char.add("s", np.char.zfill((id_num + 1).astype(str), width)).astype(object)

    # Names, communes, positions, sizes, founding years ---------------------------
    combo = st.sector * len(FAMILY_IDS) + st.family
    options: dict[int, tuple[str, ...]] = {}
    for s, sector_id in enumerate(SECTOR_IDS):
        for f, family_id in enumerate(FAMILY_IDS):
            words = _SECTOR_FAMILY_PREFIXES.get((sector_id, family_id))
            if words is None and family_id == "association":
                words = _ASSOCIATION_PREFIXES.get(sector_id, ("Association",))
            if words is None:
                words = _FAMILY_PREFIXES[family_id]
            options[s * len(FAMILY_IDS) + f] = words
    prefix = _choice_per_group(rng, combo, options)
    middle = np.asarray(_MIDDLES, dtype=object)[rng.integers(0, len(_MIDDLES), n)]
    middle = np.where(rng.random(n) < 0.5, middle + " ", "")
    place = _choice_per_group(rng, st.terr, {t: _PLACES[p.territory] for t, p in enumerate(poles)})
    base = prefix + " " + middle + place
    rank = pd.Series(base).groupby(base).cumcount().to_numpy() + 1
    name = base + np.where(rank > 1, " " + rank.astype(str).astype(object), "") + " (fictive)"

    commune = np.empty(n, dtype=object)
    lat = np.empty(n)
    lon = np.empty(n)
    for t, p in enumerate(poles):
        mask = st.terr == t
        count = int(mask.sum())
        towns = COMMUNES[p.territory]
        weights = np.array([0.55] + [0.45 / (len(towns) - 1)] * (len(towns) - 1))
        pick = rng.choice(len(towns), size=count, p=weights)
        commune[mask] = np.asarray([c[0] for c in towns], dtype=object)[pick]
        lat[mask] = np.array([c[1] for c in towns])[pick]
        lon[mask] = np.array([c[2] for c in towns])[pick]
    lat = np.round(lat + rng.normal(0.0, 0.012, n), 4)
    lon = np.round(lon + rng.normal(0.0, 0.018, n), 4)

    mu = np.array([1.0, 2.2, 3.0, 3.0, 1.8])[st.family]
    size = np.exp(rng.normal(mu, 1.0)) * np.sqrt(np.maximum(st.activity, 1.0))
    employees = np.floor(size).astype(np.int64)
    volunteer_only = (st.family == 0) & (rng.random(n) < 0.4)
    employees[volunteer_only] = 0
    scale = np.array([14.0, 22.0, 35.0, 20.0, 6.0])[st.family]
    floor_year = np.array([1901, 1884, 1850, 1900, 1985])[st.family]
    founded = np.maximum(2008 - np.floor(rng.exponential(scale)).astype(np.int64), floor_year)

    # Pôle membership -----------------------------------------------------------------
    member_p = np.array([_MEMBER_SHARE[p.status] for p in poles])[st.terr]
    member = rng.random(n) < member_p
    pole_of = np.asarray([p.id for p in poles], dtype=object)[st.terr]
    pole_col = np.where(member, pole_of, "")

    # Links: kept as numpy arrays (kind as a code of _LINK_ORDER) until the end ----------
    partners = _partners()
    other_index = pd.Index([p.id for p in poles] + partners["id"].tolist())
    n_nodes = n + len(other_index)
    pole_rank = n + np.arange(len(poles))  # rank of each pôle, by territory index
    parts: list[tuple[np.ndarray, ...]] = []

    def rank_of(ids: np.ndarray) -> np.ndarray:
        return n + other_index.get_indexer(np.asarray(ids, dtype=object))

    def add_links(
        src_rank: np.ndarray,
        tgt_rank: np.ndarray,
        kind: np.ndarray | str,
        since: np.ndarray,
        weight: np.ndarray,
        info: np.ndarray | str,
    ) -> None:
        count = len(src_rank)
        kind_code = (
            np.full(count, _LINK_ORDER.index(kind)) if isinstance(kind, str) else np.asarray(kind)
        )
        info_code = np.full(count, _INFO.index(info)) if isinstance(info, str) else np.asarray(info)
        parts.append(
            (
                np.asarray(src_rank, dtype=np.int64),
                np.asarray(tgt_rank, dtype=np.int64),
                kind_code.astype(np.int64),
                np.asarray(since, dtype=np.int64),
                np.asarray(weight, dtype=float),
                info_code.astype(np.int64),
            )
        )

    def int_array(values: list[int] | np.ndarray) -> np.ndarray:
        return np.asarray(values, dtype=np.int64)

    # Membership (structure -> pôle) and governance (board seats) ---------------------
    start_of = int_array([_POLE_START[p.status] for p in poles])
    members = np.flatnonzero(member)
    m_since = np.maximum(
        start_of[st.terr[members]] + rng.integers(0, 3, len(members)), founded[members]
    )
    add_links(
        id_num[members], pole_rank[st.terr[members]], "membership",
        np.minimum(m_since, _YEAR_MAX), np.ones(len(members)), "declared",
    )  # fmt: skip
    board_idx: list[np.ndarray] = []
    for t, p in enumerate(poles):
        mem = members[st.terr[members] == t]
        if p.status == "launching" or len(mem) == 0:
            continue
        seats = int(np.clip(round(0.25 * len(mem)), min(3, len(mem)), 15))
        w = st.activity[mem] + 0.5
        board_idx.append(rng.choice(mem, size=seats, replace=False, p=w / w.sum()))
    board = np.concatenate(board_idx) if board_idx else int_array([])
    add_links(
        id_num[board], pole_rank[st.terr[board]], "governance",
        np.minimum(np.maximum(start_of[st.terr[board]], founded[board]), _YEAR_MAX),
        np.ones(len(board)), "declared",
    )  # fmt: skip

    # Funding (partner -> structure), by sector and family -------------------------------
    funder_table = np.asarray(
        [_funder_ids_by_territory()[p.territory] for p in poles], dtype=object
    ).reshape(len(poles), 6)
    funder_rank = rank_of(funder_table.ravel()).reshape(funder_table.shape)
    insertion = SECTOR_IDS.index("emploi_insertion")
    lenders = [SECTOR_IDS.index("banque_cooperative"), SECTOR_IDS.index("mutuelle_assurance")]
    candidates = np.flatnonzero(~np.isin(st.sector, lenders))
    funded = candidates[rng.random(len(candidates)) < _FUNDED_SHARE]
    funded = np.concatenate([funded, funded[rng.random(len(funded)) < 0.3]])
    # Funder kinds: region, departement, intercommunalite, etat, maison_emploi, banque.
    probs = np.tile([0.25, 0.40, 0.30, 0.05, 0.0, 0.0], (len(funded), 1))
    probs[np.isin(st.family[funded], [1, 4])] = [0.20, 0.10, 0.10, 0.05, 0.0, 0.55]
    probs[st.sector[funded] == insertion] = [0.10, 0.30, 0.10, 0.30, 0.20, 0.0]
    funder_kind = (rng.random(len(funded))[:, None] > np.cumsum(probs, axis=1)).sum(axis=1)
    funder_kind = np.minimum(funder_kind, 5)
    add_links(
        funder_rank[st.terr[funded], funder_kind], id_num[funded], "funding",
        _year_after(rng, np.maximum(founded[funded], _YEAR_MIN), scale=3.0),
        1.0 + rng.integers(0, 3, len(funded)), "convention",
    )  # fmt: skip

    # Representation: a few large structures sit on a partner's steering committee -----
    big = np.flatnonzero(st.activity >= np.quantile(st.activity, 0.97)) if n else int_array([])
    rep_kind = rng.choice([1, 2], size=len(big))  # departement or intercommunalite
    add_links(
        id_num[big], funder_rank[st.terr[big], rep_kind], "representation",
        _year_after(rng, np.maximum(founded[big], _YEAR_MIN)), np.ones(len(big)), "survey",
    )  # fmt: skip

    # Pôles: funding by the partners the leaflet names, and the regional network ---------
    p_links: list[tuple[int, int, str, int]] = []
    cres = int(rank_of(np.asarray(["cres_bretagne"]))[0])
    for t, p in enumerate(poles):
        row = funder_rank[t]
        start_year = _POLE_START[p.status]
        pairs: list[tuple[int, int, str]] = []
        if p.status != "launching":
            pairs.append((row[0], pole_rank[t], "funding"))  # Conseil régional
            dept = PAYS_BY_ID[p.territory].department.split("/")[0]
            if dept == "35" or rng.random() < 0.5:  # the leaflet names CG35
                pairs.append((row[1], pole_rank[t], "funding"))
            if rng.random() < 0.7:
                pairs.append((row[2], pole_rank[t], "funding"))
            if rng.random() < 0.25:
                pairs.append((row[3], pole_rank[t], "funding"))
            if row[4] != row[1] and rng.random() < 0.4:
                pairs.append((row[4], pole_rank[t], "funding"))
            pairs.append((pole_rank[t], row[2], "representation"))
        elif rng.random() < 0.5:
            pairs.append((row[2], pole_rank[t], "funding"))  # a study paid by the intercommunality
        pairs.append((pole_rank[t], cres, "cooperation"))  # regional network, 30 June 2009
        for s_, t_, k_ in pairs:
            year = 2009 if t_ == cres else int(rng.integers(start_year, 2010))
            p_links.append((int(s_), int(t_), k_, year))
    add_links(
        int_array([x[0] for x in p_links]), int_array([x[1] for x in p_links]),
        int_array([_LINK_ORDER.index(x[2]) for x in p_links]), int_array([x[3] for x in p_links]),
        1.0 + rng.integers(0, 3, len(p_links)), "convention",
    )  # fmt: skip

    # Structure-structure links: as many as make about 4 links per structure -------------
    n_other = sum(len(part[0]) for part in parts)
    target = max(round(_LINKS_PER_STRUCTURE * n) - n_other, 0)
    u, v, kind_idx = _structure_links(rng, st, target)
    k = len(u)
    kind_codes = int_array([_LINK_ORDER.index(x) for x in _SS_KINDS])
    u_ins, v_ins = st.sector[u] == insertion, st.sector[v] == insertion
    sponsor_family = np.isin(st.family, [1, 2, 3])
    swap = (kind_idx == 2) & u_ins & ~v_ins  # the subcontractor is the target
    swap |= (kind_idx == 3) & ~sponsor_family[u] & sponsor_family[v]  # the sponsor is the source
    a = np.where(swap, v, u)
    b = np.where(swap, u, v)
    since = _year_after(rng, np.maximum(np.maximum(founded[a], founded[b]), _YEAR_MIN))
    weight = 1.0 + rng.poisson(0.7, k) + (kind_idx == 1)
    conv = np.isin(kind_idx, [1, 2])
    info_p = np.where(conv[:, None], [0.35, 0.20, 0.45], [0.60, 0.30, 0.10])
    info = np.minimum((rng.random(k)[:, None] > np.cumsum(info_p, axis=1)).sum(axis=1), 2)
    add_links(id_num[a], id_num[b], kind_codes[kind_idx], since, weight, info)

    src_r, tgt_r, kind_c, since_a, weight_a, info_c = (
        np.concatenate(c) for c in zip(*parts, strict=True)
    )
    lo, hi = np.minimum(src_r, tgt_r), np.maximum(src_r, tgt_r)
    key = (lo * n_nodes + hi) * len(_LINK_ORDER) + kind_c
    _, first = np.unique(key, return_index=True)
    keep = np.sort(first)
    src_r, tgt_r, kind_c = src_r[keep], tgt_r[keep], kind_c[keep]
    since_a, weight_a, info_c = since_a[keep], weight_a[keep], info_c[keep]
    order = np.lexsort((tgt_r, src_r, kind_c))
    node_ids = np.concatenate([sid[np.argsort(id_num)], other_index.to_numpy(dtype=object)])
    count = len(order)
    links_out = pd.DataFrame(
        {
            "source": _text_from_codes(node_ids, src_r[order]),
            "target": _text_from_codes(node_ids, tgt_r[order]),
            "kind": _text_from_codes(_LINK_ORDER, kind_c[order]),
            "since": pd.array(since_a[order], dtype="Int64"),
            "weight": weight_a[order],
            "status": _text_from_codes(["confirmed"], np.zeros(count, dtype=np.int64)),
            "source_of_information": _text_from_codes(_INFO, info_c[order]),
            "note": _text_from_codes([""], np.zeros(count, dtype=np.int64)),
        }
    )

    by_id = np.argsort(id_num)
    structures = pd.DataFrame(
        {
            "id": _text(sid[by_id]),
            "name": _text(name[by_id]),
            "family": _text_from_codes(FAMILY_IDS, st.family[by_id]),
            "sector": _text_from_codes(SECTOR_IDS, st.sector[by_id]),
            "territory": _text_from_codes(LEAFLET_TERRITORIES, st.terr[by_id]),
            "pole": _text(pole_col[by_id]),
            "commune": _text(commune[by_id]),
            "lat": lat[by_id],
            "lon": lon[by_id],
            "employees": pd.array(employees[by_id], dtype="Int64"),
            "founded": pd.array(founded[by_id], dtype="Int64"),
            "fictional": _text_from_codes(["yes"], np.zeros(n, dtype=np.int64)),
        }
    )
    poles_frame = pd.DataFrame(
        {
            "id": _text([p.id for p in poles]),
            "name": _text([p.name for p in poles]),
            "territory": _text([p.territory for p in poles]),
            "status": _text([p.status for p in poles]),
            # invented, as the generator's pôle activity starts then: the leaflet says only
            # that the six created pôles existed by 2009
            "created": pd.array(
                [_POLE_START["created"] if p.status == "created" else None for p in poles],
                dtype="Int64",
            ),
            "full_name": _text([p.full_name for p in poles]),
            "fictional": _text(["no"] * len(poles)),
        }
    )
    territories = pd.DataFrame(
        {
            "id": _text([p.id for p in PAYS]),
            "name": _text([p.name for p in PAYS]),
            "department": _text([p.department for p in PAYS]),
            "lat": np.array([p.lat for p in PAYS]),
            "lon": np.array([p.lon for p in PAYS]),
            "main_town": _text([p.main_town for p in PAYS]),
            "pole_2009": _text(
                [next((q.id for q in poles if q.territory == p.id), "") for p in PAYS]
            ),
        }
    )
    sectors = pd.DataFrame(
        {
            "id": _text(list(SECTOR_IDS)),
            "name": _text([s[1] for s in SECTORS]),
            "in_leaflet": _text(["yes"] * 8 + ["no"] * (n_s - 8)),
        }
    )
    return Network(
        structures=structures,
        poles=poles_frame,
        partners=partners,
        links=links_out,
        territories=territories,
        sectors=sectors,
        source=f"ess_graph.demo(n_structures={n}, seed={seed})",
        is_demo=True,
        meta={
            "generator": "ess_graph.demo.generate_network",
            "n_structures": n,
            "seed": seed,
            "fictional_text": _fictional_text(n, seed),
        },
    )


_LINK_ORDER = (
    "membership",
    "governance",
    "cooperation",
    "pooling",
    "subcontracting",
    "sponsorship",
    "funding",
    "representation",
)

_DEPARTMENTS = {
    "22": ("cg22", "Conseil général des Côtes-d'Armor (CG22)"),
    "29": ("cg29", "Conseil général du Finistère (CG29)"),
    "35": ("cg35", "Conseil général d'Ille-et-Vilaine (CG35)"),
    "56": ("cg56", "Conseil général du Morbihan (CG56)"),
}
#: Territories given a (generic) maison de l'emploi in the demo.
_MAISONS_EMPLOI = ("brest", "morlaix", "cornouaille", "saint_brieuc", "rennes", "lorient", "vannes")


def _partners() -> pd.DataFrame:
    rows = [
        ("cr_bretagne", "Conseil régional de Bretagne", "region", "no"),
        *[(pid, name, "departement", "no") for pid, name in _DEPARTMENTS.values()],
        ("etat", "État", "etat", "no"),
        (
            "cres_bretagne",
            "CRES Bretagne (Chambre régionale de l'économie sociale)",
            "reseau_ess",
            "no",
        ),
        ("banque_coop_fictive", "Banque coopérative (fictive)", "banque", "yes"),
    ]
    for p in POLES_2009:
        label = PAYS_BY_ID[p.territory].label
        rows.append(
            (
                f"interco_{p.territory}",
                f"Communautés de communes et d'agglomération du {label} (générique)",
                "intercommunalite",
                "generic",
            )
        )
    for tid in _MAISONS_EMPLOI:
        label = PAYS_BY_ID[tid].label
        rows.append(
            (f"mde_{tid}", f"Maison de l'emploi du {label} (générique)", "maison_emploi", "generic")
        )
    frame = pd.DataFrame(rows, columns=["id", "name", "kind", "fictional"])
    return frame.astype({c: str for c in frame.columns})


def _funder_ids_by_territory() -> dict[str, tuple[str, str, str, str, str, str]]:
    """Per leaflet territory: région, département, intercommunalité, État, maison de
    l'emploi (the département when the territory has none), bank."""
    out = {}
    for p in POLES_2009:
        dept = _DEPARTMENTS[PAYS_BY_ID[p.territory].department.split("/")[0]][0]
        mde = f"mde_{p.territory}" if p.territory in _MAISONS_EMPLOI else dept
        out[p.territory] = (
            "cr_bretagne",
            dept,
            f"interco_{p.territory}",
            "etat",
            mde,
            "banque_coop_fictive",
        )
    return out


def write_demo(
    path: str | os.PathLike[str],
    n_structures: int = DEFAULT_STRUCTURES,
    seed: int = DEFAULT_SEED,
    *,
    format: Literal["csv", "xlsx"] = "csv",
) -> Network:
    """Generate the demo network and write it (tables + FICTIONAL.md) at `path`.

    Returns the generated `Network`.
    """
    from ess_graph.io.write import write_network

    net = generate_network(n_structures, seed=seed)
    write_network(net, Path(path), format=format)
    return net
