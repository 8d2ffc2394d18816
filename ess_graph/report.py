"""What can a pôle take to its préfiguration meeting? The territorial diagnostic report.

`territorial_report` writes one self-contained HTML document (no script, no external
file, no request: inline CSS, charts as inline SVG in table cells) about one territory
(pays) or one pôle, in French or English, that prints cleanly to A4:

1. key figures beside the region's; 2. cross-sector cooperation (mixing observed vs
expected, E-I by sector); 3. gaps; 4. governance (concentration, cut points, funders);
5. the ten most promising partnership opportunities; 6. the actors' needs and resources
(needs and offers of a partnership survey, the needs that meet an offer, and with a
campaign (``survey``) the pôle's functions rated most useful and the response rate);
7. what changed since an earlier network (with ``compare``); 8. method and data
(sources, hashes, version, seed, warnings).

Every figure comes from the analysis functions (`ess_graph.analysis`, `ess_graph.metrics`);
this module only selects, words and lays them out. Every value read from the data is
escaped. Definitions are in docs/METRICS.md; what the report holds is in docs/REPORT.md.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import math
import shlex
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from html import escape
from html import unescape as html_unescape
from pathlib import Path
from typing import Any

import networkx as nx
import pandas as pd

from ess_graph import __version__
from ess_graph.analysis import brokerage, gaps, governance, mixing, opportunities
from ess_graph.analysis.changes import filter_diff, network_diff
from ess_graph.i18n import LANGS, register, t
from ess_graph.metrics import file_hashes, network_summary
from ess_graph.network import Network, cooperation_graph, induced_subgraph, typed_graph
from ess_graph.report_charts import ei_bar, legend_key, ratio_colour, ratio_legend, share_bar
from ess_graph.safe_text import writable_text
from ess_graph.survey import follow

#: Below this many structures in the scope, the report warns that figures are fragile.
FEW_STRUCTURES = 5
#: Below this many structures, a sector's figures are flagged.
FEW_IN_SECTOR = 2
#: Relabellings of the E-I permutation test (as `ess-graph metrics`).
N_PERMUTATIONS = 1000
#: Opportunities listed per ranking (probable, then strategic).
N_OPPORTUNITIES = 5
#: Resource matches (needs and offers of a survey) listed at most in the report.
MAX_MATCHES = 20
#: Below this response rate in the scope, the survey's figures carry a plain warning.
LOW_RESPONSE_RATE = 0.5
#: Longest list of structures or ties printed in one table; the rest is counted.
MAX_ROWS = 30
#: A table longer than this may split across pages (between rows); shorter ones move whole.
LONG_TABLE = 15
#: Most sectors shown in the mixing heat table (the columns of an A4 page).
MATRIX_MAX = 12

CSP = "default-src 'none'; style-src 'unsafe-inline'; img-src data:"

SECTION_KEYS: tuple[str, ...] = (
    "figures",
    "mixing",
    "gaps",
    "governance",
    "opportunities",
    "resources",
    "changes",
    "method",
)

register(
    {
        # Titles
        "report.title": {
            "fr": "Diagnostic territorial des coopérations de l'ESS",
            "en": "Territorial diagnostic of ESS cooperation",
        },
        "report.scope.territory": {"fr": "Pays : {name}", "en": "Pays: {name}"},
        "report.scope.pole": {
            "fr": "Pôle : {name} (pays : {territory})",
            "en": "Pôle: {name} (pays: {territory})",
        },
        "report.generated": {
            "fr": "Produit le {date} par ess_graph {version} à partir de : {source}",
            "en": "Produced on {date} by ess_graph {version} from: {source}",
        },
        "report.contents": {"fr": "Sommaire", "en": "Contents"},
        "report.section.figures": {"fr": "Chiffres clés", "en": "Key figures"},
        "report.section.mixing": {
            "fr": "Coopération entre secteurs",
            "en": "Cross-sector cooperation",
        },
        "report.section.gaps": {"fr": "Lacunes", "en": "Gaps"},
        "report.section.governance": {"fr": "Gouvernance", "en": "Governance"},
        "report.section.opportunities": {
            "fr": "Pistes de partenariat",
            "en": "Partnership opportunities",
        },
        "report.section.resources": {
            "fr": "Besoins et ressources des acteurs",
            "en": "Actors' needs and resources",
        },
        "report.section.changes": {
            "fr": "Évolution",
            "en": "Over time",
        },
        "report.section.method": {"fr": "Méthode et données", "en": "Method and data"},
        # Warnings
        "report.demo_banner": {
            "fr": "Données fictives : ce réseau de démonstration est inventé. Il ne décrit pas les coopérations réelles entre structures de l'ESS en Bretagne ; aucun chiffre de ce rapport ne doit être cité.",
            "en": "Fictional data: this demo network is invented. It does not describe real cooperation between ESS organisations in Brittany; no figure of this report may be quoted.",
        },
        "report.warn.few_structures": {
            "fr": "Le périmètre ne compte que {n} structure(s) (moins de {limit}) : les chiffres qui suivent reposent sur très peu de structures et peuvent changer beaucoup avec une seule de plus ou de moins.",
            "en": "The scope has only {n} structure(s) (fewer than {limit}): the figures below rest on very few structures and may change a lot with one more or one fewer.",
        },
        "report.warn.no_structure": {
            "fr": "Aucune structure n'est enregistrée dans ce périmètre : le rapport ne peut rien en dire.",
            "en": "No structure is recorded in this scope: the report can say nothing about it.",
        },
        "report.warn.small_sectors": {
            "fr": "Secteurs représentés par moins de {limit} structures dans le périmètre (leurs chiffres, marqués ⚠, reposent sur une seule structure) : {sectors}.",
            "en": "Sectors with fewer than {limit} structures in the scope (their figures, marked ⚠, rest on a single structure): {sectors}.",
        },
        "report.warn.problems": {
            "fr": "La lecture des fichiers a relevé {errors} erreur(s) et {warnings} avertissement(s) ; les lignes en erreur sont exclues des calculs (voir « ess-graph validate »).",
            "en": "Reading the files found {errors} error(s) and {warnings} warning(s); rows with an error are left out of the figures (see 'ess-graph validate').",
        },
        "report.warn.sampled": {
            "fr": "Intermédiarité estimée sur un échantillon de {k} structures (graine {seed}), le réseau dépassant {limit} structures.",
            "en": "Betweenness estimated from a sample of {k} structures (seed {seed}), the network having more than {limit} structures.",
        },
        "report.warn.none": {
            "fr": "Aucun avertissement sur la taille des effectifs.",
            "en": "No warning about small numbers.",
        },
        "report.small_mark": {
            "fr": "⚠ moins de {limit} structures",
            "en": "⚠ fewer than {limit} structures",
        },
        # Section 1
        "report.col.figure": {"fr": "Indicateur", "en": "Figure"},
        "report.col.scope.territory": {"fr": "Pays", "en": "Pays"},
        "report.col.scope.pole": {"fr": "Pôle", "en": "Pôle"},
        "report.col.territory": {"fr": "Pays du pôle", "en": "Pôle's pays"},
        "report.col.region": {"fr": "Région", "en": "Region"},
        "report.fig.structures": {"fr": "Structures", "en": "Structures"},
        "report.fig.ties_inside": {
            "fr": "Liens entre ces structures",
            "en": "Ties between these structures",
        },
        "report.fig.ties_outside": {
            "fr": "Liens avec des structures hors du périmètre",
            "en": "Ties with structures outside the scope",
        },
        "report.fig.density": {
            "fr": "Densité (part des paires reliées)",
            "en": "Density (share of pairs tied)",
        },
        "report.fig.cross_sector_share": {
            "fr": "Part des liens entre secteurs différents",
            "en": "Share of ties between different sectors",
        },
        "report.fig.isolates": {
            "fr": "Structures sans aucun lien",
            "en": "Structures with no tie at all",
        },
        "report.fig.isolated_inside": {
            "fr": "Structures sans lien dans le périmètre",
            "en": "Structures with no tie inside the scope",
        },
        "report.fig.largest_component_share": {
            "fr": "Part des structures dans le plus grand ensemble relié",
            "en": "Share of structures in the largest connected group",
        },
        "report.figures.intro": {
            "fr": "Les liens comptés sont les coopérations confirmées entre deux structures (projets communs, mutualisation, sous-traitance, mécénat…) ; plusieurs liens entre deux mêmes structures font un seul lien. La colonne « Région » porte sur tout le réseau.",
            "en": "Ties are confirmed cooperation between two structures (joint projects, pooling, subcontracting, sponsorship…); several links between the same two structures make one tie. The 'Region' column covers the whole network.",
        },
        "report.by_family": {"fr": "Structures par famille", "en": "Structures by family"},
        "report.by_sector": {"fr": "Structures par secteur", "en": "Structures by sector"},
        "report.col.family": {"fr": "Famille", "en": "Family"},
        "report.col.sector": {"fr": "Secteur", "en": "Sector"},
        "report.col.count": {"fr": "Nombre", "en": "Number"},
        "report.col.share": {"fr": "Part", "en": "Share"},
        "report.col.region_share": {"fr": "Part régionale", "en": "Regional share"},
        "report.col.chart": {"fr": "Graphique", "en": "Chart"},
        "report.legend.scope": {"fr": "périmètre", "en": "scope"},
        "report.legend.region": {"fr": "région", "en": "region"},
        "report.legend.expected": {"fr": "attendu", "en": "expected"},
        "report.members.title": {
            "fr": "Les membres du pôle parmi les structures du pays",
            "en": "The pôle's members among the pays' structures",
        },
        "report.members.territory": {
            "fr": "{pole} ({status}) : {members} des {total} structures du pays en sont membres ({share}) ; {elsewhere} autre(s) membre(s) sont situés dans d'autres pays.",
            "en": "{pole} ({status}): {members} of the pays' {total} structures are members ({share}); {elsewhere} other member(s) are located in other pays.",
        },
        "report.members.none_pole": {
            "fr": "Aucun pôle n'est enregistré pour ce pays.",
            "en": "No pôle is recorded for this pays.",
        },
        "report.members.outside": {
            "fr": "{n} structure(s) du pays ne sont membres d'aucun pôle.",
            "en": "{n} structure(s) of the pays are members of no pôle.",
        },
        "report.members.pole": {
            "fr": "{pole} ({status}) compte {members} membre(s) : {inside} situé(s) dans le pays {territory}, qui compte {total} structure(s) ({share} d'entre elles sont membres), et {elsewhere} situé(s) ailleurs.",
            "en": "{pole} ({status}) has {members} member(s): {inside} located in the pays {territory}, which has {total} structure(s) ({share} of them are members), and {elsewhere} located elsewhere.",
        },
        "report.status.launching": {"fr": "en lancement", "en": "launching"},
        "report.status.prefiguration": {"fr": "en préfiguration", "en": "prefiguration"},
        "report.status.created": {"fr": "créé", "en": "created"},
        "report.family.association": {"fr": "Associations", "en": "Associations"},
        "report.family.cooperative": {"fr": "Coopératives", "en": "Cooperatives"},
        "report.family.mutuelle": {"fr": "Mutuelles", "en": "Mutuals"},
        "report.family.fondation": {"fr": "Fondations", "en": "Foundations"},
        "report.family.societe_commerciale_ess": {
            "fr": "Sociétés commerciales de l'ESS",
            "en": "ESS commercial companies",
        },
        "report.none_value": {"fr": "(non renseigné)", "en": "(not given)"},
        # Section 2
        "report.mixing.summary": {
            "fr": "Dans le périmètre, {share} des liens relient deux secteurs différents (indice E-I {ei}, {expected} attendu si les liens ignoraient le secteur) ; dans la région : {region_share} (E-I {region_ei}).",
            "en": "In the scope, {share} of the ties join two different sectors (E-I index {ei}, {expected} expected if ties ignored sector); in the region: {region_share} (E-I {region_ei}).",
        },
        "report.mixing.more_open": {
            "fr": "Le périmètre coopère plus entre secteurs que la région.",
            "en": "The scope cooperates across sectors more than the region.",
        },
        "report.mixing.less_open": {
            "fr": "Le périmètre coopère moins entre secteurs que la région.",
            "en": "The scope cooperates across sectors less than the region.",
        },
        "report.mixing.same_open": {
            "fr": "Le périmètre coopère entre secteurs autant que la région (écart de moins de 0,05 sur l'indice E-I).",
            "en": "The scope cooperates across sectors as much as the region (less than 0.05 apart on the E-I index).",
        },
        "report.ei.title": {"fr": "Indice E-I par secteur", "en": "E-I index by sector"},
        "report.ei.explain": {
            "fr": "L'indice E-I de Krackhardt et Stern va de −1 (tous les liens d'un secteur restent dans le secteur) à +1 (tous vont vers d'autres secteurs). « Attendu » : sa valeur si les liens se formaient sans tenir compte du secteur, à nombre de liens de chaque structure inchangé. p : test par permutation des secteurs ({n} tirages, graine {seed}) ; p < 0,05 signale un écart peu probable par hasard.",
            "en": "Krackhardt and Stern's E-I index runs from −1 (all of a sector's ties stay inside it) to +1 (all go to other sectors). 'Expected': its value if ties formed regardless of sector, each structure keeping its number of ties. p: permutation test of the sectors ({n} draws, seed {seed}); p < 0.05 marks a difference unlikely by chance.",
        },
        "report.col.internal": {"fr": "Liens internes", "en": "Internal ties"},
        "report.col.external": {"fr": "Liens externes", "en": "External ties"},
        "report.col.ei": {"fr": "E-I", "en": "E-I"},
        "report.col.expected": {"fr": "Attendu", "en": "Expected"},
        "report.col.p": {"fr": "p", "en": "p"},
        "report.col.ei_region": {"fr": "E-I région", "en": "E-I region"},
        "report.all_sectors": {"fr": "Tous secteurs", "en": "All sectors"},
        "report.matrix.title": {
            "fr": "Liens entre secteurs : observés (attendus)",
            "en": "Ties between sectors: observed (expected)",
        },
        "report.matrix.explain": {
            "fr": "Chaque case donne le nombre de liens entre les structures des deux secteurs dans le périmètre, et entre parenthèses le nombre qu'on compterait si les structures coopéraient sans regarder le secteur, chacune gardant son nombre de liens (le calcul est dans la section Méthode). La diagonale compte les liens à l'intérieur d'un secteur. Bleu : moins de liens qu'attendu ; orange : plus.",
            "en": "Each cell gives the number of ties between the structures of the two sectors in the scope, and in brackets the number there would be if the structures cooperated without regard to sector, each keeping its number of ties (the computation is in the Method section). The diagonal counts ties inside a sector. Blue: fewer ties than expected; orange: more.",
        },
        "report.matrix.fewer": {"fr": "moins qu'attendu", "en": "fewer than expected"},
        "report.matrix.as_expected": {"fr": "comme attendu", "en": "as expected"},
        "report.matrix.more": {"fr": "plus qu'attendu", "en": "more than expected"},
        "report.matrix.hidden": {
            "fr": "{n} secteur(s) comptant moins de structures dans le périmètre ne sont pas montrés : seuls les {shown} plus représentés tiennent sur la page.",
            "en": "{n} sector(s) with fewer structures in the scope are not shown: only the {shown} largest fit on the page.",
        },
        "report.matrix.no_ties": {
            "fr": "Aucun lien entre structures du périmètre : pas de tableau de mélange.",
            "en": "No tie between structures of the scope: no mixing table.",
        },
        # Section 3
        "report.gaps.intro": {
            "fr": "Une paire de secteurs est retenue quand chacun compte au moins {min} structures dans le périmètre ; « faible » signifie moins de {ratio} fois le nombre de liens attendu si les liens ignoraient le secteur.",
            "en": "A pair of sectors is considered when each has at least {min} structures in the scope; 'weak' means fewer than {ratio} times the number of ties expected if ties ignored sector.",
        },
        "report.gaps.sector_pair_none": {
            "fr": "Paires de secteurs qui ne coopèrent jamais",
            "en": "Sector pairs that never cooperate",
        },
        "report.gaps.sector_pair_weak": {
            "fr": "Paires de secteurs qui coopèrent bien moins qu'attendu",
            "en": "Sector pairs that cooperate far less than expected",
        },
        "report.gaps.sector_absent_from_pole": {
            "fr": "Secteurs présents dans le pays mais absents du pôle",
            "en": "Sectors present in the pays but absent from the pôle",
        },
        "report.gaps.no_cross_sector_tie": {
            "fr": "Structures sans lien avec un autre secteur",
            "en": "Structures with no cross-sector tie",
        },
        "report.gaps.isolate": {
            "fr": "Structures sans aucun lien",
            "en": "Structures with no tie at all",
        },
        "report.gaps.member_without_member_tie": {
            "fr": "Membres sans lien avec un autre membre du pôle",
            "en": "Members with no tie to another member",
        },
        "report.gaps.none": {"fr": "Aucune.", "en": "None."},
        "report.more_rows_plain": {"fr": "… et {n} de plus.", "en": "… and {n} more."},
        "report.more_rows": {
            "fr": "… et {n} de plus (liste complète : « ess-graph metrics », table {table}).",
            "en": "… and {n} more (full list: 'ess-graph metrics', table {table}).",
        },
        # Section 4
        "report.gov.no_pole": {
            "fr": "Aucun pôle n'est enregistré pour ce pays : pas d'indicateur de gouvernance de pôle.",
            "en": "No pôle is recorded for this pays: no pôle governance figure.",
        },
        "report.gov.pole_title": {"fr": "{name} ({status})", "en": "{name} ({status})"},
        "report.col.value": {"fr": "Valeur", "en": "Value"},
        "report.col.threshold": {"fr": "Seuil", "en": "Threshold"},
        "report.col.meaning": {"fr": "Ce que cela veut dire", "en": "What it means"},
        "report.gov.members": {"fr": "Membres", "en": "Members"},
        "report.gov.members.means": {
            "fr": "Structures qui ont déclaré ce pôle comme le leur.",
            "en": "Structures that name this pôle as theirs.",
        },
        "report.gov.internal_ties": {"fr": "Liens entre membres", "en": "Ties between members"},
        "report.gov.internal_ties.means": {
            "fr": "Coopérations dont les deux structures sont membres du pôle.",
            "en": "Cooperation ties whose two structures are both members.",
        },
        "report.gov.top3_share": {
            "fr": "Part des liens tenus par les 3 membres les plus reliés",
            "en": "Share of ties held by the 3 most connected members",
        },
        "report.gov.top3_share.means": {
            "fr": "Au-dessus du seuil, la plupart des coopérations internes passent par trois structures : le pôle dépend d'elles.",
            "en": "Above the threshold, most internal cooperation goes through three structures: the pôle depends on them.",
        },
        "report.gov.degree_centralisation": {
            "fr": "Centralisation des liens (Freeman)",
            "en": "Degree centralisation (Freeman)",
        },
        "report.gov.degree_centralisation.means": {
            "fr": "0 : tous les membres ont autant de liens ; 1 : une étoile autour d'un seul membre. Au-dessus du seuil, un membre concentre les échanges.",
            "en": "0: every member has as many ties; 1: a star around a single member. Above the threshold, one member concentrates the exchanges.",
        },
        "report.gov.funders": {"fr": "Financeurs", "en": "Funders"},
        "report.gov.funders.means": {
            "fr": "Partenaires qui financent le pôle ou l'un de ses membres.",
            "en": "Partners that fund the pôle or one of its members.",
        },
        "report.gov.funding_hhi": {
            "fr": "Concentration des financements (Herfindahl)",
            "en": "Funding concentration (Herfindahl)",
        },
        "report.gov.funding_hhi.means": {
            "fr": "1 : un seul financeur ; 1/k : k financeurs à parts égales. Au-dessus du seuil, le pôle dépend d'un ou deux financeurs.",
            "en": "1: a single funder; 1/k: k funders with equal shares. Above the threshold, the pôle depends on one or two funders.",
        },
        "report.gov.no_threshold": {"fr": "—", "en": "—"},
        "report.cut.title": {
            "fr": "Points d'articulation",
            "en": "Articulation points",
        },
        "report.cut.explain": {
            "fr": "Un point d'articulation est une structure dont le départ couperait le réseau en morceaux : des coopérations entre les parties ne passent que par elle. Toutes sont listées (pas de seuil). « Région » : dans tout le réseau ; « périmètre » : dans le réseau des seules structures du périmètre. Intermédiarité : part des plus courts chemins entre deux autres structures de la région qui passent par elle.",
            "en": "An articulation point is a structure whose departure would split the network: cooperation between the parts goes only through it. All are listed (no threshold). 'Region': in the whole network; 'scope': in the network of the scope's structures only. Betweenness: share of the shortest paths between two other structures of the region that pass through it.",
        },
        "report.cut.none": {
            "fr": "Aucune structure du périmètre n'est un point d'articulation.",
            "en": "No structure of the scope is an articulation point.",
        },
        "report.col.structure": {"fr": "Structure", "en": "Structure"},
        "report.col.ties": {"fr": "Liens", "en": "Ties"},
        "report.col.betweenness": {"fr": "Intermédiarité", "en": "Betweenness"},
        "report.col.cut_region": {"fr": "Coupe la région", "en": "Cuts the region"},
        "report.col.cut_scope": {"fr": "Coupe le périmètre", "en": "Cuts the scope"},
        "report.yes": {"fr": "oui", "en": "yes"},
        "report.no": {"fr": "non", "en": "no"},
        "report.funders.title": {"fr": "Financeurs", "en": "Funders"},
        "report.funders.explain": {
            "fr": "Partenaires ayant un lien de financement avec une structure du périmètre ou avec son pôle ; part : leur part des liens de financement du périmètre. La dépendance envers les financeurs se lit dans l'indice de Herfindahl du pôle ci-dessus (seuil {threshold}).",
            "en": "Partners with a funding link to a structure of the scope or to its pôle; share: their share of the scope's funding links. Dependence on funders is read from the pôle's Herfindahl index above (threshold {threshold}).",
        },
        "report.funders.none": {
            "fr": "Aucun lien de financement enregistré pour le périmètre.",
            "en": "No funding link recorded for the scope.",
        },
        "report.col.partner": {"fr": "Partenaire", "en": "Partner"},
        "report.col.kind": {"fr": "Type", "en": "Kind"},
        "report.partner_kind.region": {"fr": "Région", "en": "Region"},
        "report.partner_kind.departement": {"fr": "Département", "en": "Département"},
        "report.partner_kind.intercommunalite": {
            "fr": "Intercommunalité",
            "en": "Inter-municipal body",
        },
        "report.partner_kind.commune": {"fr": "Commune", "en": "Municipality"},
        "report.partner_kind.etat": {"fr": "État", "en": "State"},
        "report.partner_kind.maison_emploi": {
            "fr": "Maison de l'emploi",
            "en": "Employment centre",
        },
        "report.partner_kind.reseau_ess": {"fr": "Réseau de l'ESS", "en": "ESS network"},
        "report.partner_kind.banque": {"fr": "Banque", "en": "Bank"},
        "report.partner_kind.autre": {"fr": "Autre", "en": "Other"},
        "report.link_kind.cooperation": {"fr": "projet commun", "en": "joint project"},
        "report.link_kind.pooling": {"fr": "mutualisation", "en": "pooling"},
        "report.link_kind.subcontracting": {"fr": "sous-traitance", "en": "subcontracting"},
        "report.link_kind.sponsorship": {"fr": "mécénat", "en": "sponsorship"},
        "report.link_kind.membership": {"fr": "adhésion", "en": "membership"},
        "report.link_kind.governance": {"fr": "gouvernance", "en": "governance"},
        "report.link_kind.funding": {"fr": "financement", "en": "funding"},
        "report.link_kind.representation": {"fr": "représentation", "en": "representation"},
        "report.col.funded": {
            "fr": "Structures ou pôle financés",
            "en": "Structures or pôle funded",
        },
        # Section 5
        "report.opp.explain": {
            "fr": "Paires de structures pas encore reliées, en deux listes. Les plus probables : les paires qui ont le plus de partenaires, de financeurs ou de pôle en commun, surtout des partenaires qui en ont peu d'autres, car c'est ainsi que les liens se forment le plus souvent. Stratégiques : ce que vise un pôle, des secteurs différents, surtout quand cette paire de secteurs n'a aucun lien dans le pays, une structure qui cherche ce qu'une autre propose, dans le même pays ou un pays voisin. Les secondes sont moins souvent celles qui se font : ce sont des pistes à discuter, pas des prévisions.",
            "en": "Pairs of structures not yet tied, in two lists. Most probable: the pairs with the most partners, funders or pôle in common, above all partners that have few others, since that is how ties most often form. Strategic: what a pôle aims at, different sectors, above all when that sector pair has no tie in the pays, a structure looking for what another offers, in the same or a neighbouring pays. The second list less often holds the ties that do form: they are leads to discuss, not forecasts.",
        },
        "report.opp.probable": {"fr": "Les plus probables", "en": "Most probable"},
        "report.opp.strategic": {
            "fr": "Stratégiques (ce que vise un pôle)",
            "en": "Strategic (what a pôle aims at)",
        },
        "report.opp.none": {
            "fr": "Aucune piste de partenariat trouvée pour ce périmètre.",
            "en": "No partnership opportunity found for this scope.",
        },
        "report.col.rank": {"fr": "Rang", "en": "Rank"},
        "report.col.source": {"fr": "Structure du périmètre", "en": "Structure of the scope"},
        "report.col.target": {"fr": "Partenaire possible", "en": "Possible partner"},
        "report.col.score": {"fr": "Score", "en": "Score"},
        "report.col.reasons": {"fr": "Pourquoi", "en": "Why"},
        # Section 6
        "report.res.explain": {
            "fr": "Ce que les structures du périmètre disent chercher et pouvoir proposer en mutualisation (locaux, véhicule, matériel, compétences…), tel que l'enquête partenariats l'a porté dans le réseau (colonnes « needs » et « offers » des structures).",
            "en": "What the scope's structures say they look for and can offer for pooling (premises, vehicle, equipment, skills…), as the partnership survey brought it into the network (the structures' 'needs' and 'offers' columns).",
        },
        "report.res.no_data": {
            "fr": "Aucune donnée d'enquête : le réseau ne porte aucun besoin ni aucune offre et aucune campagne n'a été donnée ; pour remplir cette section, mener l'enquête partenariats, l'intégrer au réseau (ess-graph survey apply) puis relancer le rapport sur l'espace de travail avec --survey (docs/SURVEY.md).",
            "en": "No survey data: the network holds no need and no offer, and no campaign was given; to fill this section, run the partnership survey, bring it into the network (ess-graph survey apply), then run the report again on the workspace with --survey (docs/SURVEY.md).",
        },
        "report.res.not_applied": {
            "fr": "Le réseau ne porte encore aucun besoin ni aucune offre : les réponses de l'enquête n'y ont pas été intégrées (ess-graph survey apply, docs/SURVEY.md).",
            "en": "The network holds no need and no offer yet: the survey's answers have not been brought into it (ess-graph survey apply, docs/SURVEY.md).",
        },
        "report.res.scope_none": {
            "fr": "Aucune structure du périmètre n'a indiqué de besoin ni d'offre.",
            "en": "No structure of the scope has given a need or an offer.",
        },
        "report.res.who": {
            "fr": "Structures du périmètre ayant indiqué au moins un besoin ou une offre : {n} sur {total}.",
            "en": "Structures of the scope that gave at least one need or offer: {n} of {total}.",
        },
        "report.res.by_resource": {
            "fr": "Besoins et offres par ressource",
            "en": "Needs and offers by resource",
        },
        "report.res.by_resource.explain": {
            "fr": "Nombre de structures du périmètre qui cherchent ou proposent chaque ressource, et leurs secteurs (nombre de structures entre parenthèses).",
            "en": "Number of the scope's structures looking for or offering each resource, and their sectors (number of structures in brackets).",
        },
        "report.col.needs": {"fr": "Cherchée par", "en": "Needed by"},
        "report.col.offers": {"fr": "Proposée par", "en": "Offered by"},
        "report.col.sectors": {"fr": "Secteurs", "en": "Sectors"},
        "report.res.matches": {
            "fr": "Besoins et offres qui se rencontrent",
            "en": "Needs that meet an offer",
        },
        "report.res.matches.explain": {
            "fr": "Une structure du périmètre cherche ce qu'une autre structure du réseau propose, ou l'inverse. « Déjà lié » : elles coopèrent déjà ; « déclaré par un seul côté » : l'une a cité l'autre comme partenaire dans l'enquête.",
            "en": "A structure of the scope looks for what another structure of the network offers, or the other way round. 'Already tied': they already cooperate; 'declared by one side': one named the other as a partner in the survey.",
        },
        "report.res.matches_none": {
            "fr": "Aucun besoin d'une structure du périmètre n'est proposé par une autre structure du réseau, ni l'inverse.",
            "en": "No need of a structure of the scope is offered by another structure of the network, nor the other way round.",
        },
        "report.res.survey_title": {"fr": "Enquête « {name} »", "en": "Survey '{name}'"},
        "report.res.rate": {
            "fr": "Structures du périmètre invitées à l'enquête qui ont répondu : {answered} sur {invited} ({rate}).",
            "en": "Structures of the scope invited to the survey that answered: {answered} of {invited} ({rate}).",
        },
        "report.res.low_rate": {
            "fr": "Attention : seules {answered} des {invited} structures invitées ({rate}) ont répondu ; ces chiffres ne représentent pas tout le territoire.",
            "en": "Caution: only {answered} of the {invited} structures invited ({rate}) answered; these figures do not represent the whole territory.",
        },
        "report.res.low_rate_one": {
            "fr": "Attention : une seule des {invited} structures invitées ({rate}) a répondu ; ces chiffres ne représentent pas tout le territoire.",
            "en": "Caution: only one of the {invited} structures invited ({rate}) answered; these figures do not represent the whole territory.",
        },
        "report.res.no_answer": {
            "fr": "Attention : aucune des {invited} structures invitées du périmètre n'a répondu ; l'enquête ne dit encore rien de ce territoire.",
            "en": "Caution: none of the scope's {invited} structures invited has answered; the survey says nothing about this territory yet.",
        },
        "report.res.not_invited": {
            "fr": "Aucune structure du périmètre n'était invitée à cette enquête : elle ne dit rien de ce périmètre.",
            "en": "No structure of the scope was invited to this survey: it says nothing about this scope.",
        },
        "report.res.open": {
            "fr": "L'enquête est encore ouverte : ces chiffres peuvent encore changer.",
            "en": "The survey is still open: these figures may still change.",
        },
        "report.res.open_until": {
            "fr": "L'enquête est ouverte jusqu'au {date} : ces chiffres peuvent encore changer.",
            "en": "The survey is open until {date}: these figures may still change.",
        },
        "report.res.functions": {
            "fr": "Les fonctions du pôle jugées les plus utiles",
            "en": "The pôle's functions rated most useful",
        },
        "report.res.functions.explain": {
            "fr": "Les cinq fonctions d'un pôle, notées de 1 (peu utile) à 4 (très utile) par les structures du périmètre qui ont répondu, de la mieux notée à la moins bien notée ; « jugée utile » : part des notes 3 ou 4.",
            "en": "A pôle's five functions, rated from 1 (of little use) to 4 (very useful) by the scope's structures that answered, best rated first; 'rated useful': share of ratings 3 or 4.",
        },
        "report.res.functions_none": {
            "fr": "Aucune structure du périmètre qui a répondu n'a noté les fonctions du pôle.",
            "en": "No structure of the scope that answered has rated the pôle's functions.",
        },
        "report.col.function": {"fr": "Fonction", "en": "Function"},
        "report.col.ratings": {"fr": "Réponses", "en": "Ratings"},
        "report.col.mean_rating": {"fr": "Note moyenne (1–4)", "en": "Mean rating (1–4)"},
        "report.col.useful_share": {"fr": "Jugée utile (3 ou 4)", "en": "Rated useful (3 or 4)"},
        "report.col.needing": {"fr": "Cherche", "en": "Looking for it"},
        "report.col.resource": {"fr": "Ressource", "en": "Resource"},
        "report.col.offering": {"fr": "Propose", "en": "Offers it"},
        "report.col.match_state": {"fr": "Lien", "en": "Tie"},
        "report.match.free": {"fr": "pas encore", "en": "not yet"},
        "report.match.tied": {"fr": "déjà lié", "en": "already tied"},
        "report.match.declared": {
            "fr": "déclaré par un seul côté",
            "en": "declared by one side",
        },
        # Section 7
        "report.changes.none": {
            "fr": "Pour lister aussi ce qui a changé depuis un état antérieur du réseau (liens gagnés ou perdus, structures arrivées ou parties), ce diagnostic peut être produit avec cet état : un instantané de l'espace de travail ou le fichier de l'an passé (commande ess-graph report, option --compare).",
            "en": "To list also what changed since an earlier state of the network (ties gained or lost, structures that joined or left), this diagnostic can be produced with that state: a snapshot of the workspace or last year's file (command ess-graph report, option --compare).",
        },
        "report.changes.compare_title": {
            "fr": "Ce qui a changé depuis l'état antérieur",
            "en": "What changed since the earlier state",
        },
        "report.growth.none": {
            "fr": "Les liens n'ont pas d'année de début : l'évolution du réseau ne peut pas être retracée.",
            "en": "The links have no start year: how the network grew cannot be traced.",
        },
        "report.growth.no_territory": {
            "fr": "Ce pôle n'a pas de pays : l'évolution d'un pays ne peut pas être retracée ici.",
            "en": "This pôle has no pays: how a pays grew cannot be traced here.",
        },
        "report.growth.explain": {
            "fr": "D'après l'année de début que déclare chaque lien : les liens noués chaque année entre structures du pays {name}, le total à la fin de l'année, et la part de ceux qui relient deux secteurs différents, ici et dans toute la région.",
            "en": "From the start year each link declares: the ties formed each year between structures of the pays {name}, the total at the end of the year, and the share of those joining two different sectors, here and in the whole region.",
        },
        "report.growth.year": {"fr": "Année", "en": "Year"},
        "report.growth.formed": {"fr": "Liens noués", "en": "Ties formed"},
        "report.growth.ties": {"fr": "Liens au total", "en": "Ties in all"},
        "report.growth.share": {
            "fr": "Part entre secteurs (pays)",
            "en": "Cross-sector share (pays)",
        },
        "report.growth.region_share": {
            "fr": "Part entre secteurs (région)",
            "en": "Cross-sector share (region)",
        },
        "report.growth.effect": {
            "fr": "Depuis la création de {pole} en {year} : {before} puis {after} liens entre secteurs noués par an pour 100 structures du pays ({years_before}, puis {years_after}) ; dans les pays sans pôle créé, {control_before} puis {control_after}. Écart : {difference} ; pour des pays pris au hasard parmi ceux sans pôle, l'écart irait de {low} à {high}.",
            "en": "Since {pole} was created in {year}: {before} then {after} cross-sector ties formed a year per 100 structures of the pays ({years_before}, then {years_after}); in the pays with no pôle created, {control_before} then {control_after}. Difference: {difference}; for pays taken at random among those without a pôle, it would range from {low} to {high}.",
        },
        "report.growth.uncovered": {
            "fr": "{pole} a été créé en {year} ; les années des liens ne couvrent pas {years_before} et {years_after} : pas de comparaison avant / après possible.",
            "en": "{pole} was created in {year}; the links' years do not cover {years_before} and {years_after}: no before / after comparison is possible.",
        },
        "report.growth.warning": {
            "fr": "C'est une observation, pas une preuve : les pays qui ont créé un pôle diffèrent des autres de bien des façons, et les années sont celles que les liens déclarent.",
            "en": "This is an observation, not a proof: the pays that created a pôle differ from the others in many ways, and the years are those the links declare.",
        },
        "report.changes.against": {
            "fr": "Comparaison avec : {source}.",
            "en": "Compared with: {source}.",
        },
        "report.changes.ties_gained": {"fr": "Liens gagnés", "en": "Ties gained"},
        "report.changes.ties_lost": {"fr": "Liens perdus", "en": "Ties lost"},
        "report.changes.structures_joined": {
            "fr": "Structures arrivées",
            "en": "Structures that joined",
        },
        "report.changes.structures_left": {
            "fr": "Structures parties",
            "en": "Structures that left",
        },
        "report.changes.structures_moved": {
            "fr": "Structures qui ont changé de pôle, de pays ou de secteur",
            "en": "Structures that changed pôle, pays or sector",
        },
        "report.changes.by_pole": {"fr": "Par pôle", "en": "By pôle"},
        "report.changes.by_sector": {"fr": "Par secteur", "en": "By sector"},
        "report.changes.nothing": {
            "fr": "Aucun changement dans ce périmètre.",
            "en": "No change in this scope.",
        },
        "report.col.pole": {"fr": "Pôle", "en": "Pôle"},
        "report.col.territory_name": {"fr": "Pays", "en": "Pays"},
        "report.col.first": {"fr": "Structure", "en": "Structure"},
        "report.col.second": {"fr": "Avec", "en": "With"},
        "report.col.kinds": {"fr": "Nature", "en": "Kind"},
        "report.col.before": {"fr": "Avant", "en": "Before"},
        "report.col.after": {"fr": "Après", "en": "After"},
        "report.col.joined": {"fr": "Arrivées", "en": "Joined"},
        "report.col.left": {"fr": "Départs", "en": "Left"},
        # Section 8
        "report.method.source": {"fr": "Source", "en": "Source"},
        "report.method.files": {"fr": "Fichiers (SHA-256)", "en": "Files (SHA-256)"},
        "report.method.no_files": {
            "fr": "aucun fichier (données générées ou téléversées)",
            "en": "no file (generated or uploaded data)",
        },
        "report.method.date": {"fr": "Date", "en": "Date"},
        "report.method.version": {"fr": "Version d'ess_graph", "en": "ess_graph version"},
        "report.method.seed": {"fr": "Graine aléatoire", "en": "Random seed"},
        "report.method.links": {"fr": "Liens retenus", "en": "Links used"},
        "report.method.links_value": {
            "fr": "liens confirmés ; les liens « proposés » (idées de partenariat) et les liens « déclarés » par un seul côté (enquête) ne sont pas comptés",
            "en": "confirmed links; 'proposed' links (partnership ideas) and links 'declared' by one side only (survey) are not counted",
        },
        "report.method.codebook": {"fr": "Définitions", "en": "Definitions"},
        "report.method.codebook_value": {
            "fr": "docs/METRICS.md (dictionnaire des indicateurs) et docs/REPORT.md (ce rapport), dans les sources d'ess_graph",
            "en": "docs/METRICS.md (codebook of the figures) and docs/REPORT.md (this report), in the ess_graph sources",
        },
        "report.method.computations": {"fr": "Calculs", "en": "Computations"},
        "report.method.computations_value": {
            "fr": "liens attendus entre deux secteurs a et b : D_a·D_b/2m (modèle de configuration : D, la somme des degrés des structures du secteur ; m, le nombre de liens du périmètre) ; indice E-I de Krackhardt et Stern, test par permutation des secteurs ; pistes les plus probables : allocation de ressources (Zhou, Lü et Zhang 2009) sur les partenaires, pôles et structures en commun ; pistes stratégiques : la même proximité, multipliée par l'adéquation (secteurs différents, lacune du pays, pays proche) plus un bonus de lacune et de besoin rencontré ; avant / après la création d'un pôle : double différence des taux de liens entre secteurs, pays témoins sans pôle, placebos (Abadie, Diamond et Hainmueller 2010)",
            "en": "ties expected between two sectors a and b: D_a·D_b/2m (configuration model: D, the sum of the degrees of the sector's structures; m, the scope's number of ties); Krackhardt and Stern's E-I index, permutation test of the sectors; most probable leads: resource allocation (Zhou, Lü and Zhang 2009) over the partners, pôles and structures in common; strategic leads: the same proximity, multiplied by the fit (different sectors, gap of the pays, nearby pays) plus a bonus for a gap and for a need met; before / after a pôle's creation: difference in differences of the rates of cross-sector ties, control pays without a pôle, placebos (Abadie, Diamond and Hainmueller 2010)",
        },
        "report.method.compare": {"fr": "Réseau antérieur", "en": "Earlier network"},
        "report.method.survey": {"fr": "Enquête partenariats", "en": "Partnership survey"},
        "report.method.survey_value": {
            "fr": "« {name} », ouverte le {opened} ; figures restreintes aux structures du périmètre invitées et à leurs réponses envoyées",
            "en": "'{name}', opened on {opened}; figures restricted to the scope's invited structures and their submitted answers",
        },
        "report.method.warnings": {"fr": "Avertissements", "en": "Warnings"},
        "report.method.reproduce": {
            "fr": "Pour reproduire ce rapport : {command}",
            "en": "To reproduce this report: {command}",
        },
        # Errors
        "report.error.scope": {
            "fr": "indiquer soit un pays (--territory), soit un pôle (--pole) : un seul des deux",
            "en": "give either a pays (--territory) or a pôle (--pole): exactly one of them",
        },
        "report.error.unknown_territory": {
            "fr": "pays inconnu : « {value} » ; identifiants possibles : {valid}",
            "en": "unknown pays: '{value}'; valid ids: {valid}",
        },
        "report.error.unknown_pole": {
            "fr": "pôle inconnu : « {value} » ; identifiants possibles : {valid}",
            "en": "unknown pôle: '{value}'; valid ids: {valid}",
        },
        "report.error.lang": {
            "fr": "langue inconnue : « {value} » (fr ou en)",
            "en": "unknown language: '{value}' (fr or en)",
        },
    }
)


class ReportScopeError(ValueError):
    """The territory or pôle asked for is not in the network (or none / both were given).

    ``kind`` is "territory", "pole" or "scope"; ``valid`` lists the ids that would work.
    """

    def __init__(self, kind: str, value: str = "", valid: Sequence[str] = ()) -> None:
        self.kind = kind
        self.value = value
        self.valid = list(valid)
        super().__init__(self.message("en"))

    def message(self, lang: str = "fr") -> str:
        if self.kind == "scope":
            return t("report.error.scope", lang)
        return t(
            f"report.error.unknown_{self.kind}",
            lang,
            value=self.value,
            valid=", ".join(self.valid) or "—",
        )


def scope_ids(net: Network) -> dict[str, list[str]]:
    """The ids a report can be asked for: ``{"territory": [...], "pole": [...]}``, sorted.

    Territories are the ids of the territories table (or, without one, the territory
    labels used by structures and pôles); pôles the ids of the pôles table.
    """
    return {
        "territory": sorted(str(x) for x in net.territory_names()),
        "pole": sorted(str(x) for x in net.poles["id"]),
    }


# Formatting -----------------------------------------------------------------------------
def _missing(x: Any) -> bool:
    return x is None or (isinstance(x, float) and math.isnan(x)) or x is pd.NA


def _int(x: Any, lang: str) -> str:
    if _missing(x):
        return "—"
    text = f"{int(x):,}"
    return text.replace(",", "\u202f") if lang == "fr" else text


def _dec(x: Any, lang: str, digits: int = 2) -> str:
    if _missing(x):
        return "—"
    text = f"{float(x):.{digits}f}"
    if text.startswith("-"):
        # "-0.00" is zero: no sign; otherwise a true minus sign.
        text = text[1:] if float(text) == 0 else "−" + text[1:]
    return text.replace(".", ",") if lang == "fr" else text


def _signed(x: Any, lang: str) -> str:
    if _missing(x):
        return "—"
    text = _dec(x, lang)
    return text if text.startswith("−") or float(x) == 0 else "+" + text


def _pct(x: Any, lang: str) -> str:
    if _missing(x):
        return "—"
    text = f"{100 * float(x):.0f}"
    return f"{text}\u00a0%" if lang == "fr" else f"{text}%"


def _p_value(x: Any, lang: str) -> str:
    if _missing(x):
        return "—"
    return _dec(x, lang, 3)


def _capital(text: str) -> str:
    """A label as a row heading: its first letter upper-case (« locaux » → « Locaux »)."""
    return text[:1].upper() + text[1:]


def _e(x: Any) -> str:
    """Escape a value from the data for HTML text or attribute."""
    return escape("" if _missing(x) else str(x), quote=True)


def _cell(value: str, *, figure: str | None = None, raw: Any = None, cls: str = "") -> str:
    attrs = []
    if cls:
        attrs.append(f'class="{cls}"')
    if figure is not None:
        attrs.append(f'data-figure="{_e(figure)}"')
        attrs.append(f'data-value="{_e("" if _missing(raw) else raw)}"')
    head = "<td" + ("" if not attrs else " " + " ".join(attrs)) + ">"
    return f"{head}{value}</td>"


def _table(
    headers: Sequence[str],
    rows: Iterable[str],
    *,
    cls: str = "",
    caption: str = "",
    numeric: Iterable[int] = (),
) -> str:
    right = set(numeric)
    head = "".join(
        f'<th class="num">{h}</th>' if i in right else f"<th>{h}</th>"
        for i, h in enumerate(headers)
    )
    thead = f"<thead><tr>{head}</tr></thead>" if any(headers) else ""
    cap = f"<caption>{caption}</caption>" if caption else ""
    return f'<table class="{cls}">{cap}{thead}<tbody>{"".join(rows)}</tbody></table>'


def _block_class(rows: int) -> str:
    """A block holding a table of ``rows`` rows: kept whole on a page unless long."""
    return "block long" if rows > LONG_TABLE else "block"


def _source_name(source: object, missing: str = "—") -> str:
    """The data's file or folder name as the report prints it: never the folder it lies in
    on the machine that wrote the report (a server's path is nobody's business; a snapshot
    name has no folder)."""
    if not source:
        return missing
    return Path(str(source)).name or str(source)


def _para(text: str, cls: str = "") -> str:
    return f'<p class="{cls}">{text}</p>' if cls else f"<p>{text}</p>"


# The scope -------------------------------------------------------------------------------
@dataclass
class _Scope:
    kind: str  # "territory" or "pole"
    id: str
    name: str
    territory: str  # the pays of the scope ("" for a pôle without one)
    territory_name: str
    # Id lists are sorted (not in the order of the table rows): what the report lists
    # from them must not depend on that order.
    structures: list[str]
    territory_structures: list[str]
    poles: list[str]  # the pôle, or the pôles located in the territory


def _resolve_scope(net: Network, territory: str | None, pole: str | None) -> _Scope:
    if (territory is None) == (pole is None):
        raise ReportScopeError("scope")
    valid = scope_ids(net)
    names = net.territory_names()
    s = net.structures
    if territory is not None:
        if territory not in valid["territory"]:
            raise ReportScopeError("territory", territory, valid["territory"])
        ids = sorted(s.loc[s["territory"] == territory, "id"])
        poles = sorted(net.poles.loc[net.poles["territory"] == territory, "id"])
        return _Scope(
            "territory",
            territory,
            str(names.get(territory, territory)),
            territory,
            str(names.get(territory, territory)),
            ids,
            ids,
            poles,
        )
    pole = str(pole)  # exactly one of the two was given, and it is not the territory
    if pole not in valid["pole"]:
        raise ReportScopeError("pole", pole, valid["pole"])
    row = net.poles[net.poles["id"] == pole].iloc[0]
    terr = str(row["territory"] or "")
    return _Scope(
        "pole",
        pole,
        str(row["name"] or pole),
        terr,
        str(names.get(terr, terr)),
        sorted(s.loc[s["pole"] == pole, "id"]),
        sorted(s.loc[s["territory"] == terr, "id"]) if terr else [],
        [pole],
    )


def _induced(G: nx.Graph, ids: Iterable[str]) -> nx.Graph:
    """The subgraph of ``G`` on ``ids``, with nodes and ties in ``G``'s order.

    ``G.subgraph(small_set).copy()`` iterates the set, so its node order changes with
    Python's hash seed (see `ess_graph.network.induced_subgraph`).
    """
    return induced_subgraph(G, ids)


# The report ------------------------------------------------------------------------------
@dataclass
class _Report:
    net: Network
    scope: _Scope
    lang: str
    seed: int
    compare: Network | None
    generated: dt.datetime
    survey: follow.CampaignData | None = None
    warnings: list[str] = field(default_factory=list)

    def __post_init__(self) -> None:
        self.G = cooperation_graph(self.net)
        self.T = typed_graph(self.net)
        self.H = _induced(self.G, self.scope.structures)
        self.sector_names: dict[str, str] = self.G.graph.get("sector_names", {}) or {}
        self.pole_names = self.net.pole_names()
        self.pole_status = dict(zip(self.net.poles["id"], self.net.poles["status"], strict=True))
        self.empty = not self.scope.structures
        self.isolates = gaps.isolates(self.G)
        self.small_sectors: set[str] = set()
        if not self.empty:
            counts = self.net.structures.set_index("id").loc[self.scope.structures, "sector"]
            sizes = counts[counts != ""].value_counts()
            self.small_sectors = set(sizes[sizes < FEW_IN_SECTOR].index)

    # helpers
    def tr(self, key: str, **params: Any) -> str:
        """A translated string, escaped; parameters are escaped before being filled in."""
        return t(key, self.lang, **{k: _e(v) for k, v in params.items()})

    def sector(self, sid: str) -> str:
        if not sid:
            return self.tr("report.none_value")
        return _e(self.sector_names.get(sid, sid))

    def sector_mark(self, sid: str) -> str:
        if sid in self.small_sectors:
            limit = FEW_IN_SECTOR
            return f' <span class="warn-mark" title="{self.tr("report.small_mark", limit=limit)}">⚠</span>'
        return ""

    def link_kinds(self, kinds: str) -> str:
        from ess_graph.schema import LINK_KINDS

        return ", ".join(
            self.tr(f"report.link_kind.{k}") if k in LINK_KINDS else _e(k)
            for k in str(kinds).split("|")
            if k
        )

    def pole_label(self, pid: str) -> str:
        return _e(self.pole_names.get(pid, pid)) if pid else "—"

    def status(self, pid: str) -> str:
        status = self.pole_status.get(pid, "")
        return self.tr(f"report.status.{status}") if status else "—"

    def partner_kind(self, kind: str) -> str:
        from ess_graph.schema import PARTNER_KINDS

        return self.tr(f"report.partner_kind.{kind}") if kind in PARTNER_KINDS else _e(kind)

    def structure_name(self, sid: str) -> str:
        name = self.G.nodes[sid].get("name", "") if sid in self.G else ""
        return _e(name or sid)

    def scope_column(self) -> str:
        return self.tr(f"report.col.scope.{self.scope.kind}")

    def _more(self, rows: int) -> str:
        """ "… and N more" under a list cut at MAX_ROWS (nothing when it was not cut)."""
        if rows <= MAX_ROWS:
            return ""
        return _para(self.tr("report.more_rows_plain", n=rows - MAX_ROWS), "more")

    # document
    def render(self) -> str:
        sections = [
            self.section_figures(),
            self.section_mixing(),
            self.section_gaps(),
            self.section_governance(),
            self.section_opportunities(),
            self.section_resources(),
            self.section_changes(),
        ]
        # Warnings gathered while building the sections above are listed in the last one.
        sections.append(self.section_method())
        body = "".join(
            f'<section id="{key}" class="section-{key}"><h2>{i}. '
            f"{self.tr(f'report.section.{key}')}</h2>{content}</section>"
            for i, (key, content) in enumerate(zip(SECTION_KEYS, sections, strict=True), start=1)
        )
        return self.document(body)

    def document(self, body: str) -> str:
        sc = self.scope
        if sc.kind == "territory":
            subtitle = self.tr("report.scope.territory", name=sc.name)
        else:
            subtitle = self.tr(
                "report.scope.pole", name=sc.name, territory=sc.territory_name or "—"
            )
        title = f"{self.tr('report.title')} — {_e(sc.name)}"
        banner = (
            f'<div class="banner demo" role="alert">{self.tr("report.demo_banner")}</div>'
            if self.net.is_demo
            else ""
        )
        generated = self.tr(
            "report.generated",
            date=self.generated.strftime("%Y-%m-%d %H:%M"),
            version=__version__,
            source=_source_name(self.net.source),
        )
        contents = "".join(
            f'<li><a href="#{key}">{self.tr(f"report.section.{key}")}</a></li>'
            for key in SECTION_KEYS
        )
        return (
            f'<!DOCTYPE html>\n<html lang="{self.lang}">\n<head>\n<meta charset="utf-8">\n'
            f'<meta http-equiv="Content-Security-Policy" content="{CSP}">\n'
            '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
            f'<meta name="generator" content="ess_graph {_e(__version__)}">\n'
            f"<title>{title}</title>\n<style>{_CSS}</style>\n</head>\n<body>\n"
            f"<header><h1>{self.tr('report.title')}</h1>"
            f'<p class="subtitle" data-scope="{_e(sc.kind)}:{_e(sc.id)}">{subtitle}</p>'
            f'<p class="meta">{generated}</p>{banner}'
            f'<nav><h2 class="toc">{self.tr("report.contents")}</h2><ol>{contents}</ol></nav>'
            f"</header>\n<main>{body}</main>\n</body>\n</html>\n"
        )

    # 1. Key figures ----------------------------------------------------------------
    def _column_figures(self, ids: list[str], *, whole: bool) -> dict[str, Any]:
        sub = self.G if whole else _induced(self.G, ids)
        summary = network_summary(sub)
        ei = mixing.ei_indices(sub, attributes=["sector"], n_permutations=0)
        row = ei[ei["group"] == mixing.ALL_GROUPS]
        internal = int(row["internal_ties"].iloc[0]) if len(row) else 0
        external = int(row["external_ties"].iloc[0]) if len(row) else 0
        figures = {
            "structures": summary["structures"],
            "ties_inside": summary["ties"],
            "ties_outside": None if whole else nx.cut_size(self.G, ids) if ids else 0,
            "density": summary["density"],
            "cross_sector_share": external / (internal + external)
            if internal + external
            else math.nan,
            "isolates": summary["isolates"]
            if whole
            else int(self.isolates["id"].isin(set(ids)).sum()),
            "isolated_inside": None if whole else summary["isolates"],
            "largest_component_share": summary["largest_component_share"],
        }
        return figures

    def section_figures(self) -> str:
        sc = self.scope
        lang = self.lang
        out = []
        if self.empty:
            out.append(_para(self.tr("report.warn.no_structure"), "note warn"))
            self.warnings.append(self.tr("report.warn.no_structure"))
        elif len(sc.structures) < FEW_STRUCTURES:
            text = self.tr("report.warn.few_structures", n=len(sc.structures), limit=FEW_STRUCTURES)
            out.append(_para(text, "note warn"))
            self.warnings.append(text)
        out.append(_para(self.tr("report.figures.intro"), "explain"))
        columns: list[tuple[str, str, dict[str, Any]]] = [
            ("scope", self.scope_column(), self._column_figures(sc.structures, whole=False))
        ]
        if sc.kind == "pole" and sc.territory:
            columns.append(
                (
                    "territory",
                    self.tr("report.col.territory"),
                    self._column_figures(sc.territory_structures, whole=False),
                )
            )
        columns.append(
            ("region", self.tr("report.col.region"), self._column_figures([], whole=True))
        )
        formats = {
            "structures": _int,
            "ties_inside": _int,
            "ties_outside": _int,
            "density": lambda x, lg: _dec(x, lg, 3),
            "cross_sector_share": _pct,
            "isolates": _int,
            "isolated_inside": _int,
            "largest_component_share": _pct,
        }
        rows = []
        for key, fmt in formats.items():
            cells = [f'<th scope="row">{self.tr(f"report.fig.{key}")}</th>']
            for col, _label, figs in columns:
                value = figs[key]
                cells.append(_cell(fmt(value, lang), figure=f"{col}.{key}", raw=value, cls="num"))
            rows.append(f"<tr>{''.join(cells)}</tr>")
        out.append(
            _table(
                [self.tr("report.col.figure"), *(label for _, label, _ in columns)],
                rows,
                cls="figures keep",
                numeric=range(1, 4),
            )
        )
        out.append(self._members_block())
        out.append(self._breakdown("family"))
        out.append(self._breakdown("sector"))
        return "".join(out)

    def _members_block(self) -> str:
        sc = self.scope
        s = self.net.structures
        lang = self.lang
        lines = []
        if sc.kind == "territory":
            if not sc.poles:
                lines.append(self.tr("report.members.none_pole"))
            in_territory = s[s["territory"] == sc.id]
            total = len(in_territory)
            for pid in sc.poles:
                members = s[s["pole"] == pid]
                inside = int((members["territory"] == sc.id).sum())
                lines.append(
                    t(
                        "report.members.territory",
                        lang,
                        pole=self.pole_label(pid),
                        status=self.status(pid),
                        members=f'<span data-figure="members.{_e(pid)}" data-value="{inside}">{_int(inside, lang)}</span>',
                        total=_int(total, lang),
                        share=_pct(inside / total if total else math.nan, lang),
                        elsewhere=_int(len(members) - inside, lang),
                    )
                )
            outside = int((in_territory["pole"] == "").sum())
            lines.append(self.tr("report.members.outside", n=_int(outside, lang)))
        else:
            members = s[s["pole"] == sc.id]
            inside = int((members["territory"] == sc.territory).sum()) if sc.territory else 0
            total = len(sc.territory_structures)
            lines.append(
                t(
                    "report.members.pole",
                    lang,
                    pole=self.pole_label(sc.id),
                    status=self.status(sc.id),
                    members=f'<span data-figure="members.{_e(sc.id)}" data-value="{len(members)}">{_int(len(members), lang)}</span>',
                    inside=_int(inside, lang),
                    territory=_e(sc.territory_name or "—"),
                    total=_int(total, lang),
                    share=_pct(inside / total if total else math.nan, lang),
                    elsewhere=_int(len(members) - inside, lang),
                )
            )
        items = "".join(f"<li>{line}</li>" for line in lines)
        return f'<h3>{self.tr("report.members.title")}</h3><ul class="members">{items}</ul>'

    def _breakdown(self, attr: str) -> str:
        lang = self.lang
        s = self.net.structures
        scope = s[s["id"].isin(set(self.scope.structures))]
        region_counts = s[attr].value_counts()
        scope_counts = scope[attr].value_counts()
        n_scope, n_region = len(scope), len(s)
        if attr == "family":
            from ess_graph.schema import FAMILIES

            order = [f for f in FAMILIES if f in region_counts.index]
            label = {f: self.tr(f"report.family.{f}") for f in order}
        else:
            order = sorted(
                region_counts.index,
                key=lambda x: (-int(scope_counts.get(x, 0)), str(self.sector_names.get(x, x)), x),
            )
            label = {x: self.sector(x) for x in order}
        rows = []
        for value in order:
            count = int(scope_counts.get(value, 0))
            share = count / n_scope if n_scope else math.nan
            region = int(region_counts.get(value, 0)) / n_region if n_region else math.nan
            mark = self.sector_mark(value) if attr == "sector" else ""
            chart = share_bar(
                share,
                region,
                # share_bar escapes its title itself: give it the unescaped label.
                title=f"{html_unescape(label[value])}: {_pct(share, lang)} / {_pct(region, lang)}",
            )
            rows.append(
                "<tr>"
                f'<th scope="row">{label[value]}{mark}</th>'
                + _cell(_int(count, lang), figure=f"{attr}.{value}", raw=count, cls="num")
                + _cell(_pct(share, lang), cls="num")
                + _cell(_pct(region, lang), cls="num")
                + _cell(chart, cls="chart")
                + "</tr>"
            )
        legend = (
            f'<p class="legend">{legend_key("bar", self.tr("report.legend.scope"))} '
            f"{self.tr('report.legend.scope')} &nbsp; "
            f"{legend_key('tick', self.tr('report.legend.region'))} "
            f"{self.tr('report.legend.region')}</p>"
        )
        return (
            f'<div class="block"><h3>{self.tr(f"report.by_{attr}")}</h3>'
            + _table(
                [
                    self.tr(f"report.col.{attr}"),
                    self.tr("report.col.count"),
                    self.tr("report.col.share"),
                    self.tr("report.col.region_share"),
                    self.tr("report.col.chart"),
                ],
                rows,
                cls="breakdown keep",
                numeric=(1, 2, 3),
            )
            + legend
            + "</div>"
        )

    # 2. Cross-sector cooperation ---------------------------------------------------
    def section_mixing(self) -> str:
        if self.empty:
            return _para(self.tr("report.warn.no_structure"), "note warn")
        lang = self.lang
        local = mixing.ei_indices(
            self.H, attributes=["sector"], n_permutations=N_PERMUTATIONS, seed=self.seed
        )
        region = mixing.ei_indices(
            self.G, attributes=["sector"], n_permutations=N_PERMUTATIONS, seed=self.seed
        )
        region_by = region.set_index("group")
        local_all = local[local["group"] == mixing.ALL_GROUPS].iloc[0]
        region_all = region_by.loc[mixing.ALL_GROUPS]

        def share(row: Any) -> float:
            total = row["internal_ties"] + row["external_ties"]
            return row["external_ties"] / total if total else math.nan

        out = [
            _para(
                t(
                    "report.mixing.summary",
                    lang,
                    share=f'<span data-figure="mixing.cross_sector_share" data-value="{share(local_all)}">{_pct(share(local_all), lang)}</span>',
                    ei=_signed(local_all["ei_index"], lang),
                    expected=_signed(local_all["ei_expected"], lang),
                    region_share=_pct(share(region_all), lang),
                    region_ei=_signed(region_all["ei_index"], lang),
                )
            )
        ]
        a, b = local_all["ei_index"], region_all["ei_index"]
        if not (_missing(a) or _missing(b)):
            key = (
                "report.mixing.same_open"
                if abs(a - b) < 0.05
                else "report.mixing.more_open"
                if a > b
                else "report.mixing.less_open"
            )
            out.append(_para(f"<strong>{self.tr(key)}</strong>"))
        out.append(f'<div class="block"><h3>{self.tr("report.ei.title")}</h3>')
        out.append(_para(self.tr("report.ei.explain", n=N_PERMUTATIONS, seed=self.seed), "explain"))
        rows = []
        for row in local.itertuples(index=False):
            is_all = row.group == mixing.ALL_GROUPS
            label = (
                f"<strong>{self.tr('report.all_sectors')}</strong>"
                if is_all
                else self.sector(row.group) + self.sector_mark(row.group)
            )
            reg = region_by["ei_index"].get(row.group, math.nan)
            chart = ei_bar(
                row.ei_index,
                row.ei_expected,
                reg,
                title=f"E-I {_signed(row.ei_index, lang)}",
            )
            rows.append(
                f'<tr class="{"total" if is_all else ""}"><th scope="row">{label}</th>'
                + _cell(_int(row.members, lang), cls="num")
                + _cell(_int(row.internal_ties, lang), cls="num")
                + _cell(_int(row.external_ties, lang), cls="num")
                + _cell(
                    _signed(row.ei_index, lang),
                    figure=f"ei.{row.group}",
                    raw=row.ei_index,
                    cls="num",
                )
                + _cell(_signed(row.ei_expected, lang), cls="num")
                + _cell(_p_value(row.ei_p_value, lang), cls="num")
                + _cell(_signed(reg, lang), figure=f"ei_region.{row.group}", raw=reg, cls="num")
                + _cell(chart, cls="chart")
                + "</tr>"
            )
        out.append(
            _table(
                [
                    self.tr("report.col.sector"),
                    self.tr("report.col.count"),
                    self.tr("report.col.internal"),
                    self.tr("report.col.external"),
                    self.tr("report.col.ei"),
                    self.tr("report.col.expected"),
                    self.tr("report.col.p"),
                    self.tr("report.col.ei_region"),
                    self.tr("report.col.chart"),
                ],
                rows,
                cls="ei keep",
                numeric=range(1, 8),
            )
        )
        out.append(
            f'<p class="legend">{legend_key("bar", self.tr("report.legend.scope"))} '
            f"{self.tr('report.legend.scope')} &nbsp; "
            f"{legend_key('diamond', self.tr('report.legend.expected'))} "
            f"{self.tr('report.legend.expected')} &nbsp; "
            f"{legend_key('tick', self.tr('report.legend.region'))} "
            f"{self.tr('report.legend.region')}</p></div>"
        )
        out.append(self._mixing_matrix())
        return "".join(out)

    def _mixing_matrix(self) -> str:
        lang = self.lang
        head = f'<div class="block"><h3>{self.tr("report.matrix.title")}</h3>'
        if self.H.number_of_edges() == 0:
            return head + _para(self.tr("report.matrix.no_ties"), "note") + "</div>"
        table = mixing.mixing_table(self.H, attribute="sector")
        sectors = sorted(
            set(table["group_a"]) | set(table["group_b"]),
            key=lambda x: (str(self.sector_names.get(x, x)), x),
        )
        hidden = 0
        if len(sectors) > MATRIX_MAX:
            # An A4 page holds about a dozen columns: keep the sectors with most structures.
            sizes = pd.Series([self.G.nodes[n].get("sector", "") for n in self.H]).value_counts()
            keep = set(sorted(sectors, key=lambda x: (-int(sizes.get(x, 0)), x))[:MATRIX_MAX])
            hidden = len(sectors) - MATRIX_MAX
            sectors = [x for x in sectors if x in keep]
        cells: dict[tuple[str, str], tuple[int, float]] = {}
        for row in table.itertuples(index=False):
            cells[row.group_a, row.group_b] = cells[row.group_b, row.group_a] = (
                int(row.observed),
                float(row.expected),
            )
        headers = [""] + [f'<span class="num-head">{i}</span>' for i in range(1, len(sectors) + 1)]
        rows = []
        for i, a in enumerate(sectors, start=1):
            tds = []
            for b in sectors:
                obs, exp = cells.get((a, b), (0, 0.0))
                bg, fg = ratio_colour(obs, exp)
                tds.append(
                    f'<td class="heat" style="background:{bg};color:{fg}" '
                    f'data-figure="mix.{_e(a)}.{_e(b)}" data-value="{obs}">'
                    f"<b>{obs}</b><br><small>({_dec(exp, lang, 1)})</small></td>"
                )
            rows.append(
                f'<tr><th scope="row">{i}.&nbsp;{self.sector(a)}{self.sector_mark(a)}</th>'
                f"{''.join(tds)}</tr>"
            )
        legend = ratio_legend(
            t("report.matrix.fewer", lang),
            t("report.matrix.as_expected", lang),
            t("report.matrix.more", lang),
        )
        return (
            head
            + _para(self.tr("report.matrix.explain"), "explain")
            + _table(headers, rows, cls="matrix keep")
            + f'<p class="legend">{legend}</p>'
            + (
                _para(self.tr("report.matrix.hidden", n=hidden, shown=MATRIX_MAX), "more")
                if hidden
                else ""
            )
            + "</div>"
        )

    # 3. Gaps -----------------------------------------------------------------------
    def section_gaps(self) -> str:
        if self.empty:
            return _para(self.tr("report.warn.no_structure"), "note warn")
        table = gaps.gaps(self.G, scope_type=self.scope.kind, scope=self.scope.id, lang=self.lang)
        out = [
            _para(
                self.tr(
                    "report.gaps.intro",
                    min=2,
                    ratio=_dec(0.25, self.lang),
                ),
                "explain",
            )
        ]
        for gap_type in gaps.GAP_TYPES:
            rows = table[table["gap_type"] == gap_type]
            title = self.tr(f"report.gaps.{gap_type}")
            out.append(
                f'<div class="block gap" data-gap="{gap_type}"><h3>{title} '
                f'<span class="count" data-figure="gaps.{gap_type}" data-value="{len(rows)}">'
                f"({_int(len(rows), self.lang)})</span></h3>"
            )
            if rows.empty:
                out.append(_para(self.tr("report.gaps.none"), "none"))
            else:
                items = "".join(
                    f'<li data-structure="{_e(r.structure)}">{_e(r.detail)}</li>'
                    for r in rows.head(MAX_ROWS).itertuples(index=False)
                )
                out.append(f"<ul>{items}</ul>")
                if len(rows) > MAX_ROWS:
                    out.append(
                        _para(
                            self.tr("report.more_rows", n=len(rows) - MAX_ROWS, table="gaps"),
                            "more",
                        )
                    )
            out.append("</div>")
        return "".join(out)

    # 4. Governance -----------------------------------------------------------------
    def section_governance(self) -> str:
        out = []
        table = governance.pole_governance(self.G, self.T)
        table = table[table["pole"].isin(self.scope.poles)]
        if table.empty:
            out.append(_para(self.tr("report.gov.no_pole"), "note"))
        flags = governance.governance_flags(table, self.lang).set_index("pole")
        limits = governance.THRESHOLDS
        lang = self.lang
        for row in table.itertuples(index=False):
            figures = [
                ("members", _int(row.members, lang), None),
                ("internal_ties", _int(row.internal_ties, lang), None),
                ("top3_share", _pct(row.top3_share, lang), _pct(limits["top3_share"], lang)),
                (
                    "degree_centralisation",
                    _dec(row.degree_centralisation, lang),
                    _dec(limits["degree_centralisation"], lang),
                ),
                ("funders", _int(row.funders, lang), None),
                ("funding_hhi", _dec(row.funding_hhi, lang), _dec(limits["funding_hhi"], lang)),
            ]
            rows = []
            for key, value, threshold in figures:
                raw = getattr(row, key)
                above = threshold is not None and not _missing(raw) and raw > limits[key]
                rows.append(
                    f'<tr class="{"above" if above else ""}">'
                    f'<th scope="row">{self.tr(f"report.gov.{key}")}</th>'
                    + _cell(value, figure=f"gov.{row.pole}.{key}", raw=raw, cls="num")
                    + _cell(
                        f"&gt;&nbsp;{threshold}"
                        if threshold
                        else self.tr("report.gov.no_threshold"),
                        cls="num",
                    )
                    + _cell(self.tr(f"report.gov.{key}.means"))
                    + "</tr>"
                )
            flag = flags.loc[row.pole] if row.pole in flags.index else None
            verdict = ""
            if flag is not None:
                cls = "verdict warn" if bool(flag["held_by_few"]) else "verdict ok"
                verdict = _para(f"<strong>{_e(flag['message'])}</strong>", cls)
            out.append(
                '<div class="block">'
                f"<h3>{self.tr('report.gov.pole_title', name=self.pole_names.get(row.pole, row.pole), status=t(f'report.status.{row.status}', lang) if row.status else '—')}</h3>"
                + _table(
                    [
                        self.tr("report.col.figure"),
                        self.tr("report.col.value"),
                        self.tr("report.col.threshold"),
                        self.tr("report.col.meaning"),
                    ],
                    rows,
                    cls="governance keep",
                    numeric=(1, 2),
                )
                + verdict
                + "</div>"
            )
        out.append(self._cut_points())
        out.append(self._funders())
        return "".join(out)

    def _cut_points(self) -> str:
        lang = self.lang

        def head_for(rows: int) -> str:
            # A long table may split (rows never do); a short one stays with its title.
            cls = "block long" if rows > LONG_TABLE else "block"
            return f'<div class="{cls}"><h3>{self.tr("report.cut.title")}</h3>' + _para(
                self.tr("report.cut.explain"), "explain"
            )

        head = head_for(0)
        if self.empty:
            return head + _para(self.tr("report.cut.none"), "none") + "</div>"
        region = brokerage.structure_centrality(self.G, seed=self.seed)
        if region.attrs.get("betweenness_method") == "sampled":
            self.warnings.append(
                self.tr(
                    "report.warn.sampled",
                    k=region.attrs.get("betweenness_k"),
                    seed=self.seed,
                    limit=5000,
                )
            )
        local = brokerage.structure_centrality(self.H, seed=self.seed)
        local_cut = set(local.loc[local["articulation_point"], "id"])
        scope = set(self.scope.structures)
        region = region[region["id"].isin(scope)]
        chosen = region[region["articulation_point"] | region["id"].isin(local_cut)]
        chosen = chosen.sort_values(["betweenness", "id"], ascending=[False, True])
        if chosen.empty:
            return head + _para(self.tr("report.cut.none"), "none") + "</div>"
        yes, no = self.tr("report.yes"), self.tr("report.no")
        rows = []
        for row in chosen.head(MAX_ROWS).itertuples(index=False):
            sector = self.G.nodes[row.id].get("sector", "")
            rows.append(
                f'<tr data-structure="{_e(row.id)}">'
                f'<th scope="row">{self.structure_name(row.id)}</th>'
                + _cell(self.sector(sector))
                + _cell(_int(row.degree, lang), cls="num")
                + _cell(_dec(row.betweenness, lang, 3), cls="num")
                + _cell(
                    yes if row.articulation_point else no,
                    figure=f"cut_region.{row.id}",
                    raw=int(bool(row.articulation_point)),
                )
                + _cell(yes if row.id in local_cut else no)
                + "</tr>"
            )
        more = (
            _para(self.tr("report.more_rows", n=len(chosen) - MAX_ROWS, table="structures"))
            if len(chosen) > MAX_ROWS
            else ""
        )
        return (
            head_for(len(rows))
            + _table(
                [
                    self.tr("report.col.structure"),
                    self.tr("report.col.sector"),
                    self.tr("report.col.ties"),
                    self.tr("report.col.betweenness"),
                    self.tr("report.col.cut_region"),
                    self.tr("report.col.cut_scope"),
                ],
                rows,
                cls="cut",
                numeric=(2, 3),
            )
            + more
            + "</div>"
        )

    def _funders(self) -> str:
        lang = self.lang
        threshold = _dec(governance.THRESHOLDS["funding_hhi"], lang)
        head = f'<div class="block"><h3>{self.tr("report.funders.title")}</h3>' + _para(
            self.tr("report.funders.explain", threshold=threshold), "explain"
        )
        targets = set(self.scope.structures) | set(self.scope.poles)
        funded: dict[str, set[str]] = {}
        for u, v, kinds in self.T.edges(data="kinds", default=()):
            if "funding" not in (kinds or ()):
                continue
            for partner, target in ((u, v), (v, u)):
                if self.T.nodes[partner].get("type") == "partner" and target in targets:
                    funded.setdefault(partner, set()).add(target)
        if not funded:
            return head + _para(self.tr("report.funders.none"), "none") + "</div>"
        total = sum(len(x) for x in funded.values())
        kinds = dict(zip(self.net.partners["id"], self.net.partners["kind"], strict=True))
        rows = []
        for partner, targets_ in sorted(funded.items(), key=lambda kv: (-len(kv[1]), kv[0])):
            name = self.T.nodes[partner].get("name", "") or partner
            rows.append(
                f'<tr data-partner="{_e(partner)}"><th scope="row">{_e(name)}</th>'
                + _cell(self.partner_kind(kinds.get(partner, "")))
                + _cell(
                    _int(len(targets_), lang),
                    figure=f"funder.{partner}",
                    raw=len(targets_),
                    cls="num",
                )
                + _cell(_pct(len(targets_) / total, lang), cls="num")
                + "</tr>"
            )
        return (
            head
            + _table(
                [
                    self.tr("report.col.partner"),
                    self.tr("report.col.kind"),
                    self.tr("report.col.funded"),
                    self.tr("report.col.share"),
                ],
                rows,
                cls="funders keep",
                numeric=(2, 3),
            )
            + "</div>"
        )

    # 5. Opportunities --------------------------------------------------------------
    def section_opportunities(self) -> str:
        lang = self.lang
        out = [_para(self.tr("report.opp.explain"), "explain")]
        if self.empty:
            return "".join(out) + _para(self.tr("report.opp.none"), "none")
        focus = {self.scope.kind: self.scope.id}
        both = opportunities.opportunities_in_rankings(
            self.G,
            self.T,
            k=N_OPPORTUNITIES,
            territory_coords=opportunities.territory_coords(self.net),
            gap_pairs=gaps.sector_pair_gaps(self.G, by="territory"),
            lang=lang,
            **focus,
        )
        blocks = []
        for ranking in opportunities.RANKINGS:  # probable, then strategic
            table = both[both["ranking"] == ranking].reset_index(drop=True)
            if not table.empty:
                blocks.append(self._opportunity_table(ranking, table))
        if not blocks:
            return "".join(out) + _para(self.tr("report.opp.none"), "none")
        return "".join(out + blocks)

    def _opportunity_table(self, ranking: str, table: pd.DataFrame) -> str:
        rows = []
        for row in table.itertuples(index=False):
            rows.append(
                f'<tr data-pair="{_e(row.source)}|{_e(row.target)}" data-ranking="{_e(ranking)}">'
                + _cell(str(int(row.rank)), cls="num")
                + f"<td>{_e(row.source_name)}</td><td>{_e(row.target_name)}</td>"
                + _cell(_dec(row.score, self.lang), cls="num")
                + f'<td class="reasons">{_e(row.reasons)}</td></tr>'
            )
        return (
            f'<div class="block"><h3>{self.tr(f"report.opp.{ranking}")}</h3>'
            + _table(
                [
                    self.tr("report.col.rank"),
                    self.tr("report.col.source"),
                    self.tr("report.col.target"),
                    self.tr("report.col.score"),
                    self.tr("report.col.reasons"),
                ],
                rows,
                cls="opportunities",
                numeric=(0, 3),
            )
            + "</div>"
        )

    def _growth(self) -> str:
        """The pays' ties year by year from the links' own years, beside the region's,
        and, where its pôle has a creation year, the before/after comparison
        (`ess_graph.analysis.timeline`)."""
        from ess_graph.analysis.timeline import pole_creation_effects, timeline

        lang = self.lang
        territory = self.scope.territory
        years = timeline(self.G)
        if not territory:
            return _para(self.tr("report.growth.no_territory"), "note")
        if years.empty:
            return _para(self.tr("report.growth.none"), "note")
        region = years[years["scope_type"] == "region"].set_index("year")
        mine = years[(years["scope_type"] == "territory") & (years["scope"] == territory)]
        mine = mine.set_index("year")
        started = mine.index[mine["ties"] > 0]
        out = [_para(self.tr("report.growth.explain", name=self.scope.territory_name), "explain")]
        if len(started):
            rows = []
            for year in range(int(started.min()), int(mine.index.max()) + 1):
                r, g = mine.loc[year], region.loc[year]
                rows.append(
                    f'<tr><th scope="row">{year}</th>'
                    + _cell(
                        _int(r["ties_formed"], lang),
                        figure=f"growth.{year}.formed",
                        raw=int(r["ties_formed"]),
                        cls="num",
                    )
                    + _cell(
                        _int(r["ties"], lang),
                        figure=f"growth.{year}.ties",
                        raw=int(r["ties"]),
                        cls="num",
                    )
                    + _cell(
                        _pct(r["cross_sector_share"], lang),
                        figure=f"growth.{year}.share",
                        raw=r["cross_sector_share"],
                        cls="num",
                    )
                    + _cell(
                        _pct(g["cross_sector_share"], lang),
                        figure=f"growth.{year}.region_share",
                        raw=g["cross_sector_share"],
                        cls="num",
                    )
                    + "</tr>"
                )
            out.append(
                _table(
                    [
                        self.tr("report.growth.year"),
                        self.tr("report.growth.formed"),
                        self.tr("report.growth.ties"),
                        self.tr("report.growth.share"),
                        self.tr("report.growth.region_share"),
                    ],
                    rows,
                    cls="figures",
                    numeric=range(1, 5),
                )
            )
        effects = pole_creation_effects(self.G)
        effects = effects[(effects["territory"] == territory) & (effects["pole"] != "__all__")]
        for r in effects.itertuples(index=False):
            known = dict(
                pole=self.G.graph.get("poles", {}).get(r.pole, {}).get("name", r.pole),
                year=r.created,
                years_before=r.years_before,
                years_after=r.years_after,
            )
            if r.difference != r.difference:  # the links' years do not cover its windows
                out.append(_para(self.tr("report.growth.uncovered", **known)))
                continue
            out.append(
                _para(
                    self.tr(
                        "report.growth.effect",
                        **known,
                        before=_dec(r.rate_before, lang, 1),
                        after=_dec(r.rate_after, lang, 1),
                        control_before=_dec(r.control_rate_before, lang, 1),
                        control_after=_dec(r.control_rate_after, lang, 1),
                        difference=_dec(r.difference, lang, 1),
                        low=_dec(r.placebo_low, lang, 1),
                        high=_dec(r.placebo_high, lang, 1),
                    )
                )
            )
        if len(effects):
            out.append(_para(self.tr("report.growth.warning"), "note"))
        return "".join(out)

    # 6. Needs and resources ----------------------------------------------------------
    def section_resources(self) -> str:
        """Needs and offers of the scope (the network's ``needs`` and ``offers``), the
        needs that meet an offer, and with a campaign its figures for the scope."""
        network_has = any(d.get("needs") or d.get("offers") for _, d in self.G.nodes(data=True))
        if not network_has and self.survey is None:
            return _para(self.tr("report.res.no_data"), "note")
        out = [_para(self.tr("report.res.explain"), "explain")]
        if not network_has:
            out.append(_para(self.tr("report.res.not_applied"), "note"))
        else:
            out.append(self._needs_and_offers())
            out.append(self._resource_matches())
        if self.survey is not None:
            out.append(self._survey_figures(self.survey))
        return "".join(out)

    def _needs_and_offers(self) -> str:
        lang = self.lang
        ids = self.scope.structures
        with_any = sum(
            1
            for n in ids
            if n in self.G and (self.G.nodes[n]["needs"] or self.G.nodes[n]["offers"])
        )
        head = f'<div class="block"><h3>{self.tr("report.res.by_resource")}</h3>'
        if not with_any:
            return head + _para(self.tr("report.res.scope_none"), "none") + "</div>"
        counts = opportunities.resource_counts(self.G, structures=ids, lang=lang)
        rows = []
        for code, group in counts.groupby("resource", sort=False):
            cells = []
            for side in ("needs", "offers"):
                per_sector = group[group[side] > 0].sort_values(
                    [side, "sector"], ascending=[False, True]
                )
                total = int(group[side].sum())
                sectors = ", ".join(
                    f'<span data-figure="res.{side}.{_e(code)}.{_e(r.sector)}" '
                    f'data-value="{int(getattr(r, side))}">{self.sector(r.sector)}'
                    f"{self.sector_mark(r.sector)} ({_int(getattr(r, side), lang)})</span>"
                    for r in per_sector.itertuples(index=False)
                )
                cells.append(
                    _cell(_int(total, lang), figure=f"res.{side}.{code}", raw=total, cls="num")
                )
                cells.append(_cell(sectors or "—"))
            rows.append(
                f'<tr data-resource="{_e(code)}">'
                f'<th scope="row">{_e(_capital(group["resource_label"].iloc[0]))}</th>'
                f"{''.join(cells)}</tr>"
            )
        who = self.tr(
            "report.res.who",
            n=_int(with_any, lang),
            total=_int(len(ids), lang),
        )
        return (
            head
            + _para(f'<span data-figure="res.structures" data-value="{with_any}">{who}</span>')
            + _para(self.tr("report.res.by_resource.explain"), "explain")
            + _table(
                [
                    self.tr("report.col.resource"),
                    self.tr("report.col.needs"),
                    self.tr("report.col.sectors"),
                    self.tr("report.col.offers"),
                    self.tr("report.col.sectors"),
                ],
                rows,
                cls="resources keep",
                numeric=(1, 3),
            )
            + "</div>"
        )

    def _resource_matches(self) -> str:
        """The needs of the scope's structures that others offer, and the other way round
        (`opportunities.resource_matches`)."""
        table = opportunities.resource_matches(self.G, lang=self.lang)
        inside = set(self.scope.structures)
        table = table[table["needing"].isin(inside) | table["offering"].isin(inside)]
        shown = min(len(table), MAX_MATCHES)
        head = (
            f'<div class="{_block_class(shown)}"><h3>{self.tr("report.res.matches")} '
            f'<span class="count" data-figure="res.matches" data-value="{len(table)}">'
            f"({_int(len(table), self.lang)})</span></h3>"
        )
        if table.empty:
            return head + _para(self.tr("report.res.matches_none"), "none") + "</div>"
        rows = []
        for row in table.head(MAX_MATCHES).itertuples(index=False):
            state = "declared" if row.declared else ("tied" if row.tied else "free")
            rows.append(
                f'<tr data-match="{_e(row.needing)}|{_e(row.offering)}|{_e(row.resource)}">'
                f"<td>{_e(row.needing_name)}</td><td>{_e(row.resource_label)}</td>"
                f"<td>{_e(row.offering_name)}</td><td>{self.tr(f'report.match.{state}')}</td>"
                "</tr>"
            )
        headers = [
            self.tr(f"report.col.{c}") for c in ("needing", "resource", "offering", "match_state")
        ]
        more = (
            _para(self.tr("report.more_rows_plain", n=len(table) - MAX_MATCHES), "more")
            if len(table) > MAX_MATCHES
            else ""
        )
        return (
            head
            + _para(self.tr("report.res.matches.explain"), "explain")
            + _table(headers, rows, cls="matches")
            + more
            + "</div>"
        )

    def _survey_figures(self, data: follow.CampaignData) -> str:
        """The campaign's response rate in the scope (a warning under
        `LOW_RESPONSE_RATE`) and the pôle's functions as the scope's respondents rate them."""
        lang = self.lang
        local = follow.restrict(data, self.scope.structures)
        figures = follow.summary(local)
        invited, answered = int(figures["invited"]), int(figures["answered"])
        rate = figures["response_rate"]
        out = [
            f'<div class="block survey"><h3>'
            f"{self.tr('report.res.survey_title', name=data.campaign.name)}</h3>"
        ]
        if not invited:
            out.append(_para(self.tr("report.res.not_invited"), "note warn"))
            self.warnings.append(self.tr("report.res.not_invited"))
            return "".join(out) + "</div>"
        out.append(
            _para(
                t(
                    "report.res.rate",
                    lang,
                    answered=f'<span data-figure="survey.answered" data-value="{answered}">'
                    f"{_int(answered, lang)}</span>",
                    invited=f'<span data-figure="survey.invited" data-value="{invited}">'
                    f"{_int(invited, lang)}</span>",
                    rate=f'<span data-figure="survey.response_rate" data-value="{rate}">'
                    f"{_pct(rate, lang)}</span>",
                )
            )
        )
        if rate < LOW_RESPONSE_RATE:
            key = (
                "report.res.no_answer"
                if answered == 0
                else "report.res.low_rate_one"
                if answered == 1
                else "report.res.low_rate"
            )
            warning = self.tr(
                key,
                answered=_int(answered, lang),
                invited=_int(invited, lang),
                rate=_pct(rate, lang),
            )
            out.append(f'<p class="note warn" role="note">{warning}</p>')
            self.warnings.append(warning)
        # Open or closed on the report's date, so that a fixed `generated` fixes the page.
        if data.campaign.is_open(self.generated.date()):
            closes = data.campaign.closes
            out.append(
                _para(
                    self.tr("report.res.open_until", date=closes)
                    if closes
                    else self.tr("report.res.open"),
                    "note",
                )
            )
        ratings = follow.function_ratings(local, lang=lang)
        out.append(f"<h4>{self.tr('report.res.functions')}</h4>")
        if not int(ratings["ratings"].sum()):
            out.append(_para(self.tr("report.res.functions_none"), "none"))
            return "".join(out) + "</div>"
        out.append(_para(self.tr("report.res.functions.explain"), "explain"))
        rows = []
        for rank, row in enumerate(ratings.itertuples(index=False), start=1):
            rated = int(row.ratings) > 0
            rows.append(
                f'<tr data-function="{_e(row.function)}">'
                + _cell(_int(rank, lang) if rated else "—", cls="num")
                + f'<th scope="row">{_e(_capital(row.label))}</th>'
                + _cell(_int(row.ratings, lang), cls="num")
                + _cell(
                    _dec(row.mean, lang, 1),
                    figure=f"function.{row.function}",
                    raw=row.mean,
                    cls="num",
                )
                + _cell(_pct(row.useful_share, lang), cls="num")
                + "</tr>"
            )
        out.append(
            _table(
                [
                    self.tr("report.col.rank"),
                    self.tr("report.col.function"),
                    self.tr("report.col.ratings"),
                    self.tr("report.col.mean_rating"),
                    self.tr("report.col.useful_share"),
                ],
                rows,
                cls="functions keep",
                numeric=(0, 2, 3, 4),
            )
        )
        return "".join(out) + "</div>"

    # 7. Changes ----------------------------------------------------------------------
    def section_changes(self) -> str:
        growth = self._growth()
        if self.compare is None:
            return growth + _para(self.tr("report.changes.none"), "note")
        lang = self.lang
        diff = network_diff(self.compare, self.net)
        scoped = filter_diff(diff, **{self.scope.kind: self.scope.id})
        out = [
            growth,
            f"<h3>{self.tr('report.changes.compare_title')}</h3>",
            _para(self.tr("report.changes.against", source=_source_name(self.compare.source))),
        ]
        counts = [
            (name, len(scoped[name]))
            for name in (
                "ties_gained",
                "ties_lost",
                "structures_joined",
                "structures_left",
                "structures_moved",
            )
        ]
        rows = [
            f'<tr><th scope="row">{self.tr(f"report.changes.{name}")}</th>'
            + _cell(_int(n, lang), figure=f"changes.{name}", raw=n, cls="num")
            + "</tr>"
            for name, n in counts
        ]
        out.append(
            _table(
                [self.tr("report.col.figure"), self.tr("report.col.count")],
                rows,
                cls="figures keep",
                numeric=range(1, 4),
            )
        )
        if not any(n for _, n in counts):
            out.append(_para(self.tr("report.changes.nothing"), "none"))
            return "".join(out)
        for name in ("ties_gained", "ties_lost"):
            frame = scoped[name]
            if frame.empty:
                continue
            trs = [
                f'<tr data-tie="{_e(r.u)}|{_e(r.v)}"><td>{_e(r.u_name or r.u)}</td>'
                f"<td>{self.sector(r.u_sector)}</td><td>{_e(r.v_name or r.v)}</td>"
                f"<td>{self.sector(r.v_sector)}</td><td>{self.link_kinds(r.kinds)}</td></tr>"
                for r in frame.head(MAX_ROWS).itertuples(index=False)
            ]
            out.append(
                f'<div class="{_block_class(min(len(frame), MAX_ROWS))}">'
                f"<h3>{self.tr(f'report.changes.{name}')}</h3>"
                + _table(
                    [
                        self.tr("report.col.first"),
                        self.tr("report.col.sector"),
                        self.tr("report.col.second"),
                        self.tr("report.col.sector"),
                        self.tr("report.col.kinds"),
                    ],
                    trs,
                    cls="ties",
                )
                + self._more(len(frame))
                + "</div>"
            )
        for name in ("structures_joined", "structures_left"):
            frame = scoped[name]
            if frame.empty:
                continue
            trs = [
                f'<tr data-structure="{_e(r.id)}"><td>{_e(r.name or r.id)}</td>'
                f"<td>{self.sector(r.sector)}</td><td>{self.pole_label(r.pole)}</td></tr>"
                for r in frame.head(MAX_ROWS).itertuples(index=False)
            ]
            out.append(
                f'<div class="{_block_class(min(len(frame), MAX_ROWS))}">'
                f"<h3>{self.tr(f'report.changes.{name}')}</h3>"
                + _table(
                    [
                        self.tr("report.col.structure"),
                        self.tr("report.col.sector"),
                        self.tr("report.col.pole"),
                    ],
                    trs,
                )
                + self._more(len(frame))
                + "</div>"
            )
        moved = scoped["structures_moved"]
        if not moved.empty:
            names = self.net.territory_names()

            def change(before: str, after: str, label: Any) -> str:
                return label(after) if before == after else f"{label(before)} → {label(after)}"

            def pays(x: str) -> str:
                return _e(names.get(x, x)) if x else "—"

            trs = [
                f'<tr data-structure="{_e(r.id)}"><td>{_e(r.name or r.id)}</td>'
                f"<td>{change(r.old_pole, r.new_pole, self.pole_label)}</td>"
                f"<td>{change(r.old_territory, r.new_territory, pays)}</td>"
                f"<td>{change(r.old_sector, r.new_sector, self.sector)}</td></tr>"
                for r in moved.head(MAX_ROWS).itertuples(index=False)
            ]
            out.append(
                f'<div class="{_block_class(min(len(moved), MAX_ROWS))}">'
                f"<h3>{self.tr('report.changes.structures_moved')}</h3>"
                + _table(
                    [
                        self.tr("report.col.structure"),
                        self.tr("report.col.pole"),
                        self.tr("report.col.territory_name"),
                        self.tr("report.col.sector"),
                    ],
                    trs,
                )
                + self._more(len(moved))
                + "</div>"
            )
        for by, label in (("pole", self.pole_label), ("sector", self.sector)):
            frame = scoped[f"by_{by}"]
            if frame.empty:
                continue
            trs = [
                f'<tr><th scope="row">{label(getattr(r, by))}</th>'
                + "".join(
                    _cell(_int(getattr(r, c), lang), cls="num")
                    for c in ("ties_gained", "ties_lost", "joined", "left")
                )
                + "</tr>"
                for r in frame.itertuples(index=False)
            ]
            out.append(
                f'<div class="block"><h3>{self.tr(f"report.changes.by_{by}")}</h3>'
                + _table(
                    [
                        self.tr(f"report.col.{by}"),
                        self.tr("report.changes.ties_gained"),
                        self.tr("report.changes.ties_lost"),
                        self.tr("report.col.joined"),
                        self.tr("report.col.left"),
                    ],
                    trs,
                    cls="keep",
                    numeric=range(1, 5),
                )
                + "</div>"
            )
        return "".join(out)

    # 8. Method and data --------------------------------------------------------------
    def section_method(self) -> str:
        lang = self.lang
        hashes = file_hashes(self.net)
        source = Path(self.net.source) if self.net.source else None
        if not hashes and source is not None and source.is_file():
            # A workbook: `file_hashes` only knows its sheets (meta["files"] names them).
            hashes = {source.name: hashlib.sha256(source.read_bytes()).hexdigest()}
        files = (
            "<br>".join(f"{_e(name)}: <code>{_e(digest)}</code>" for name, digest in hashes.items())
            if hashes
            else self.tr("report.method.no_files")
        )
        errors = sum(1 for p in self.net.problems if p.severity == "error")
        if self.net.problems:
            self.warnings.append(
                self.tr(
                    "report.warn.problems", errors=errors, warnings=len(self.net.problems) - errors
                )
            )
        if self.small_sectors:
            self.warnings.append(
                self.tr(
                    "report.warn.small_sectors",
                    limit=FEW_IN_SECTOR,
                    sectors=", ".join(
                        str(self.sector_names.get(s, s)) for s in sorted(self.small_sectors)
                    ),
                )
            )
        option = "--territory" if self.scope.kind == "territory" else "--pole"
        command = (
            f"ess-graph report {shlex.quote(_source_name(self.net.source, 'PATH'))} {option} "
            f"{self.scope.id}"
            + (
                f" --compare {shlex.quote(_source_name(self.compare.source, 'PATH'))}"
                if self.compare is not None
                else ""
            )
            + (
                f" --survey {shlex.quote(self.survey.campaign.name)}"
                if self.survey is not None
                else ""
            )
            + f" --lang {lang} --out report.html"
        )
        rows = [
            ("source", _e(_source_name(self.net.source))),
            ("files", files),
            ("date", _e(self.generated.strftime("%Y-%m-%d %H:%M %Z").strip())),
            ("version", _e(__version__)),
            ("seed", _e(self.seed)),
            ("links", self.tr("report.method.links_value")),
            ("codebook", self.tr("report.method.codebook_value")),
            ("computations", self.tr("report.method.computations_value")),
        ]
        if self.compare is not None:
            rows.append(("compare", _e(_source_name(self.compare.source))))
        if self.survey is not None:
            campaign = self.survey.campaign
            rows.append(
                (
                    "survey",
                    self.tr(
                        "report.method.survey_value",
                        name=campaign.name,
                        opened=campaign.opened_at[:10],
                    ),
                )
            )
        trs = [
            f'<tr><th scope="row">{self.tr(f"report.method.{key}")}</th><td>{value}</td></tr>'
            for key, value in rows
        ]
        warnings = []
        if self.net.is_demo:
            warnings.append(self.tr("report.demo_banner"))
        warnings.extend(self.warnings)
        if not warnings:
            warnings.append(self.tr("report.warn.none"))
        items = "".join(f"<li>{w}</li>" for w in dict.fromkeys(warnings))
        return (
            _table(["", ""], trs, cls="method keep")
            + f'<h3>{self.tr("report.method.warnings")}</h3><ul class="warnings">{items}</ul>'
            + _para(self.tr("report.method.reproduce", command=command), "explain")
        )


def territorial_report(
    net: Network,
    *,
    territory: str | None = None,
    pole: str | None = None,
    compare: Network | None = None,
    survey: follow.CampaignData | None = None,
    lang: str = "fr",
    seed: int = 2009,
    generated: dt.datetime | None = None,
) -> str:
    """The territorial diagnostic of one pays or one pôle, as one self-contained HTML page.

    Parameters
    ----------
    net : Network
        The network, as from `ess_graph.io.read.read_network` (not modified).
    territory, pole : str
        Exactly one of them: a territory id (territories table) or a pôle id (pôles
        table). The scope of the report is the territory's structures, or the pôle's
        members (beside its pays and the region).
    compare : Network, optional
        An earlier version of the network; section 7 then lists what changed
        (`ess_graph.analysis.changes.network_diff`).
    survey : CampaignData, optional
        A partnership survey campaign, as read by `ess_graph.survey.follow.campaign_data`
        (the report never opens the workspace: the campaign is read before). Section 6
        then gives its response rate among the scope's invited structures, with a
        warning under 50 %, and the pôle's five functions as rated by the scope's
        respondents (`follow.restrict`, `follow.summary`, `follow.function_ratings`).
        The needs and offers of section 6 come from the network itself (its structures'
        ``needs`` and ``offers``, filled when a campaign is applied), with or without it.
    lang : {"fr", "en"}, default "fr"
    seed : int, default 2009
        Seed of the E-I permutation tests and of sampled betweenness.
    generated : datetime, optional
        Date printed on the report (default: now, UTC); fix it for identical output.

    Returns
    -------
    str
        An HTML document with a Content-Security-Policy that forbids every request, no
        script, inline CSS for screen and A4 print. Every value from the data is escaped;
        a character HTML forbids (C0 controls but tab and line breaks, DEL, C1 controls,
        U+FFFE, U+FFFF, lone surrogates) is replaced by U+FFFD.

    Raises
    ------
    ReportScopeError
        Unknown territory or pôle id (its ``valid`` lists the known ids), or not exactly
        one of ``territory`` and ``pole``.
    ValueError
        Unknown ``lang``.
    """
    if lang not in LANGS:
        raise ValueError(t("report.error.lang", "en", value=lang))
    scope = _resolve_scope(net, territory, pole)
    when = generated or dt.datetime.now(dt.UTC)
    # Escaping leaves the control characters of a name as they are; those HTML and XML
    # forbid become U+FFFD here, once for the whole page (docs/DATA.md, « What ess_graph
    # writes »). The page's own markup holds none.
    return writable_text(_Report(net, scope, lang, seed, compare, when, survey=survey).render())


_CSS = """
@page { size: A4; margin: 15mm; }
:root { --ink: #1a1a1a; --muted: #555; --rule: #c8c8c8; --accent: #1f5f99; --warn: #8a3b00; }
* { box-sizing: border-box; }
html { -webkit-print-color-adjust: exact; print-color-adjust: exact; }
body { font-family: "DejaVu Sans", "Liberation Sans", Arial, sans-serif; color: var(--ink);
  font-size: 10pt; line-height: 1.35; margin: 0 auto; max-width: 190mm; padding: 6mm; }
h1 { font-size: 18pt; margin: 0 0 2mm; color: var(--accent); }
h2 { font-size: 13.5pt; margin: 7mm 0 2mm; color: var(--accent);
  border-bottom: 1.5pt solid var(--accent); padding-bottom: 1mm; }
h2.toc { font-size: 11pt; border: none; margin: 3mm 0 1mm; }
h3 { font-size: 11pt; margin: 4mm 0 1.5mm; }
h4 { font-size: 10pt; margin: 3mm 0 1mm; }
h2, h3, h4 { break-after: avoid; page-break-after: avoid; }
p, li { orphans: 3; widows: 3; }
.subtitle { font-size: 13pt; margin: 0 0 1mm; font-weight: bold; }
.meta { color: var(--muted); font-size: 8.5pt; margin: 0 0 2mm; }
nav ol { margin: 0; padding-left: 6mm; columns: 2; }
nav a { color: var(--ink); text-decoration: none; }
.banner { border: 2pt solid #b00020; background: #fdecee; color: #6d0014; padding: 2.5mm 3mm;
  font-weight: bold; margin: 3mm 0; break-inside: avoid; }
.note { padding: 1.5mm 3mm; border-left: 3pt solid var(--rule); background: #f6f6f6; }
.note.warn, .verdict.warn { border-left: 3pt solid var(--warn); background: #fff3e8; color: var(--warn); }
.verdict { padding: 1.5mm 3mm; border-left: 3pt solid #2e7d32; background: #eef7ee; }
.explain { color: var(--muted); font-size: 8.8pt; }
.warn-mark { color: var(--warn); }
.none { color: var(--muted); font-style: italic; }
.legend { font-size: 8.5pt; color: var(--muted); margin: 1mm 0 0; }
.legend svg { vertical-align: middle; }
table { border-collapse: collapse; width: 100%; margin: 1mm 0 2mm; font-size: 9pt; }
thead { display: table-header-group; }
tr, td, th { break-inside: avoid; page-break-inside: avoid; }
table.keep, .block { break-inside: avoid; page-break-inside: avoid; }
.block.gap, .block.long { break-inside: auto; page-break-inside: auto; }
.explain { break-after: avoid; page-break-after: avoid; }
th, td { border-bottom: 0.5pt solid var(--rule); padding: 1mm 1.5mm; text-align: left;
  vertical-align: top; }
thead th { border-bottom: 1pt solid var(--ink); font-size: 8.5pt; }
thead th.num { text-align: right; }
td.num { text-align: right; white-space: nowrap; font-variant-numeric: tabular-nums; }
td.chart { width: 1%; white-space: nowrap; vertical-align: middle; }
tr.total th, tr.total td { border-top: 1pt solid var(--ink); }
tr.above td.num, tr.above th { color: var(--warn); font-weight: bold; }
table.figures { width: auto; min-width: 60%; }
table.figures td.num { min-width: 22mm; }
table.matrix { width: auto; }
table.matrix td.heat { text-align: center; min-width: 10mm; border: 0.5pt solid #ffffff; }
table.matrix small { font-size: 7pt; }
table.opportunities td.reasons { font-size: 8.3pt; }
table.resources td:nth-child(3), table.resources td:nth-child(5) { font-size: 8.5pt; }
table.functions { width: auto; min-width: 60%; }
table.functions thead th.num { white-space: nowrap; }
table.method th { width: 30%; }
code { font-size: 7.5pt; word-break: break-all; }
ul { margin: 1mm 0 2mm; padding-left: 5mm; }
section { margin-bottom: 4mm; }
/* Short sections that fit on one page move whole to the next page rather than leave
   their heading and explanation alone at the foot of a page. */
section#opportunities, section#resources, section#changes {
  break-inside: avoid; page-break-inside: avoid; }
section#method { break-before: page; page-break-before: always; }
svg.chart { display: block; }
.legend svg.chart { display: inline-block; }
@media print {
  body { max-width: none; padding: 0; }
  nav a::after { content: none; }
}
"""
