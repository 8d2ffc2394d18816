"""What does the app say? Every string of the app's pages, in French and English.

Registered with `ess_graph.i18n.register` under keys ``app.*``; the pages look them up
with ``t("app.<key>", lang)``. French is the default; the language switch in the sidebar
changes every string. Names from the user's data are never part of these strings'
markup: they fill placeholders of strings shown as plain text.
"""

from __future__ import annotations

from ess_graph.i18n import register

STRINGS: dict[str, dict[str, str]] = {
    # Router and sidebar
    "app.lang.label": {"fr": "Langue", "en": "Language"},
    "app.page.overview": {"fr": "Vue d'ensemble", "en": "Overview"},
    "app.page.network": {"fr": "Réseau", "en": "Network"},
    "app.page.mixing": {"fr": "Liens intersectoriels", "en": "Cross-sector ties"},
    "app.page.gaps": {"fr": "Lacunes", "en": "Gaps"},
    "app.page.opportunities": {"fr": "Opportunités", "en": "Opportunities"},
    "app.page.data": {"fr": "Données", "en": "Data"},
    "app.page.export": {"fr": "Exporter", "en": "Export"},
    "app.sidebar.source": {"fr": "Données affichées :", "en": "Data shown:"},
    "app.sidebar.demo": {
        "fr": "réseau de démonstration (fictif)",
        "en": "demo network (fictional)",
    },
    "app.banner.demo": {
        "fr": "**Démonstration : structures et liens fictifs.** Seuls les pays, pôles et partenaires publics de la plaquette de 2009 sont réels.",
        "en": "**Demo: fictional structures and links.** Only the pays, pôles and public partners of the 2009 leaflet are real.",
    },
    "app.load.failed": {
        "fr": "Le réseau de départ n'a pas pu être lu. {detail}",
        "en": "The starting network could not be read. {detail}",
    },
    "app.load.go_data": {
        "fr": "Chargez un réseau (fichiers CSV ou classeur) dans la page « Données ».",
        "en": "Load a network (CSV files or a workbook) on the 'Data' page.",
    },
    # Key figures
    "app.fig.structures": {"fr": "Structures", "en": "Structures"},
    "app.fig.ties": {"fr": "Liens de coopération", "en": "Cooperation ties"},
    "app.fig.poles": {"fr": "Pôles", "en": "Pôles"},
    "app.fig.cross_sector": {"fr": "Liens intersectoriels", "en": "Cross-sector ties"},
    "app.fig.cross_help": {
        "fr": "Part des liens qui relient deux secteurs différents.",
        "en": "Share of ties joining two different sectors.",
    },
    "app.fig.isolates": {"fr": "Structures isolées", "en": "Isolated structures"},
    "app.fig.isolates_help": {
        "fr": "Structures sans aucun lien de coopération connu.",
        "en": "Structures with no known cooperation tie.",
    },
    "app.fig.poles_by_status": {"fr": "Pôles :", "en": "Pôles:"},
    "app.status.created": {"fr": "créé", "en": "created"},
    "app.status.prefiguration": {"fr": "en préfiguration", "en": "in prefiguration"},
    "app.status.launching": {"fr": "en lancement", "en": "launching"},
    "app.status.none": {"fr": "pas de pôle", "en": "no pôle"},
    "app.status.prefiguration.count": {
        "fr": "{n} en préfiguration",
        "en": "{n} in prefiguration",
    },
    "app.status.launching.count": {"fr": "{n} en lancement", "en": "{n} launching"},
    # Map
    "app.map.title": {
        "fr": "Carte : les pays, leurs pôles, les liens entre territoires",
        "en": "Map: the pays, their pôles, the ties between territories",
    },
    "app.map.show_arcs": {
        "fr": "Liens entre territoires",
        "en": "Ties between territories",
    },
    "app.map.show_structures": {"fr": "Structures", "en": "Structures"},
    "app.map.legend_structures": {
        "fr": "Point : une structure à ses coordonnées ({n} placées).",
        "en": "Dot: a structure at its coordinates ({n} placed).",
    },
    "app.map.tip_structure": {"fr": "{name} — {commune}", "en": "{name} — {commune}"},
    "app.map.legend": {"fr": "Statut du pôle", "en": "Pôle status"},
    "app.map.legend_size": {
        "fr": "Taille du disque : nombre de structures.",
        "en": "Disc size: number of structures.",
    },
    "app.map.legend_arcs": {
        "fr": "Trait : liens de coopération entre deux territoires (épaisseur = nombre).",
        "en": "Line: cooperation ties between two territories (thickness = count).",
    },
    "app.map.table": {"fr": "Tableau des territoires", "en": "Table of territories"},
    "app.ess_figures.title": {
        "fr": "L'ESS du territoire en chiffres : structures et salariés",
        "en": "The territory's ESS in figures: structures and employees",
    },
    "app.ess_figures.where": {"fr": "Territoire", "en": "Territory"},
    "app.ess_figures.region": {"fr": "Toute la région", "en": "The whole region"},
    "app.ess_figures.by": {"fr": "Par", "en": "By"},
    "app.ess_figures.by.sector": {"fr": "secteur", "en": "sector"},
    "app.ess_figures.by.family": {"fr": "famille", "en": "family"},
    "app.ess_figures.help": {
        "fr": "Le tableau des observatoires de l'ESS : structures et salariés du territoire, leurs parts, et la part de la région. Les salariés additionnent les effectifs donnés ({unknown} structure(s) n'en donnent pas) ; pour une liste importée de SIRENE, ce sont des milieux de tranches.",
        "en": "The ESS observatories' table: the territory's structures and employees, their shares, and the region's share. Employees add up the figures given ({unknown} structure(s) give none); for a list imported from SIRENE they are bracket middles.",
    },
    "app.col.group.sector": {"fr": "Secteur", "en": "Sector"},
    "app.col.group.family": {"fr": "Famille", "en": "Family"},
    "app.col.employees": {"fr": "Salariés", "en": "Employees"},
    "app.col.employees_share": {"fr": "Part des salariés (%)", "en": "Share of employees (%)"},
    "app.col.region_employees_share": {
        "fr": "Part régionale des salariés (%)",
        "en": "Regional share of employees (%)",
    },
    # Column headers
    "app.col.territory": {"fr": "Territoire", "en": "Territory"},
    "app.col.territory_a": {"fr": "Territoire A", "en": "Territory A"},
    "app.col.territory_b": {"fr": "Territoire B", "en": "Territory B"},
    "app.col.structures": {"fr": "Structures", "en": "Structures"},
    "app.col.poles": {"fr": "Pôles", "en": "Pôles"},
    "app.col.status": {"fr": "Statut", "en": "Status"},
    "app.col.ties": {"fr": "Liens", "en": "Ties"},
    "app.col.file": {"fr": "Fichier", "en": "File"},
    "app.col.line": {"fr": "Ligne", "en": "Line"},
    "app.col.column": {"fr": "Colonne", "en": "Column"},
    "app.col.message": {"fr": "Message", "en": "Message"},
    "app.col.severity": {"fr": "Gravité", "en": "Severity"},
    # Données
    "app.data.current": {"fr": "Données affichées", "en": "Data shown"},
    "app.data.download_xlsx": {
        "fr": "Télécharger les données (classeur .xlsx)",
        "en": "Download the data (.xlsx workbook)",
    },
    "app.data.download_csv": {
        "fr": "Télécharger les données (fichiers CSV, .zip)",
        "en": "Download the data (CSV files, .zip)",
    },
    "app.data.reset": {
        "fr": "Revenir aux données de départ",
        "en": "Go back to the starting data",
    },
    "app.data.reset_done": {
        "fr": "Les données de départ sont de nouveau affichées.",
        "en": "The starting data is shown again.",
    },
    "app.data.upload": {"fr": "Charger un autre réseau", "en": "Load another network"},
    "app.data.upload_help": {
        "fr": "Déposez les fichiers CSV d'un dossier (structures.csv, poles.csv, partners.csv, links.csv, et si vous les avez territories.csv et sectors.csv ; les noms français liens.csv, partenaires.csv… conviennent) ou un classeur .xlsx ou .ods avec une feuille par table. Les données sont vérifiées avant de remplacer quoi que ce soit, et ne sont visibles que dans votre session.",
        "en": "Drop the CSV files of a folder (structures.csv, poles.csv, partners.csv, links.csv, and if you have them territories.csv and sectors.csv; French names such as liens.csv work too) or an .xlsx or .ods workbook with one sheet per table. The data is checked before anything is replaced, and is visible in your session only.",
    },
    "app.data.upload_label": {
        "fr": "Fichiers CSV ou classeur .xlsx / .ods",
        "en": "CSV files or an .xlsx / .ods workbook",
    },
    "app.data.upload_limits": {
        "fr": "Fichiers .csv, .xlsx, .ods (et FICTIONAL.md d'un réseau fictif) ; 200 Mo au plus par fichier.",
        "en": "Files .csv, .xlsx, .ods (and FICTIONAL.md of a fictional network); 200 MB at most per file.",
    },
    "app.data.report": {"fr": "Rapport de vérification", "en": "Validation report"},
    "app.data.no_problem": {
        "fr": "Aucun problème trouvé.",
        "en": "No problem found.",
    },
    "app.data.nothing_valid": {
        "fr": "Aucune structure valide n'a pu être lue : les données affichées restent inchangées. Corrigez les fichiers d'après le rapport et chargez-les de nouveau.",
        "en": "No valid structure could be read: the data shown stays unchanged. Fix the files following the report and load them again.",
    },
    "app.data.adopt_help": {
        "fr": "Les lignes en erreur seront laissées de côté. Les données affichées ne changent qu'après avoir cliqué ci-dessous.",
        "en": "Rows with errors will be left out. The data shown changes only once you click below.",
    },
    "app.data.root_causes": {
        "fr": "À corriger d'abord (une table entière est en jeu) :",
        "en": "Fix these first (a whole table is at stake):",
    },
    "app.data.confirm_loss": {
        "fr": "J'ai lu ce qui serait laissé de côté et je veux utiliser ces données quand même",
        "en": "I have read what would be left out and want to use this data all the same",
    },
    "app.data.pending": {
        "fr": "Fichiers en attente : {names}",
        "en": "Files waiting: {names}",
    },
    "app.data.discard": {"fr": "Retirer ces fichiers", "en": "Remove these files"},
    "app.data.adopt": {
        "fr": "Utiliser ces données",
        "en": "Use this data",
    },
    "app.data.adopted": {
        "fr": "Les nouvelles données sont affichées dans toutes les pages (pour votre session).",
        "en": "The new data is shown on every page (for your session).",
    },
    "app.data.templates": {"fr": "Modèles vides", "en": "Empty templates"},
    "app.data.templates_help": {
        "fr": "Les colonnes attendues, prêtes à remplir dans un tableur.",
        "en": "The expected columns, ready to fill in a spreadsheet.",
    },
    "app.data.template_xlsx": {
        "fr": "Modèle (classeur .xlsx)",
        "en": "Template (.xlsx workbook)",
    },
    "app.data.template_csv": {
        "fr": "Modèles (fichiers CSV, .zip)",
        "en": "Templates (CSV files, .zip)",
    },
    # Scopes
    "app.scope.label": {"fr": "Périmètre", "en": "Scope"},
    "app.scope.all": {"fr": "Tout le réseau", "en": "Whole network"},
    "app.scope.territory": {"fr": "Un territoire", "en": "A territory"},
    "app.scope.pole": {"fr": "Un pôle", "en": "A pôle"},
    "app.scope.structure": {"fr": "Une structure", "en": "A structure"},
    "app.scope.all_name": {"fr": "tout le réseau", "en": "the whole network"},
    "app.scope.none_territory": {
        "fr": "Ces données n'ont aucun territoire.",
        "en": "This data has no territory.",
    },
    "app.scope.none_pole": {
        "fr": "Ces données n'ont aucun pôle.",
        "en": "This data has no pôle.",
    },
    "app.attr.sector": {"fr": "Secteur", "en": "Sector"},
    "app.attr.family": {"fr": "Famille", "en": "Family"},
    "app.attr.territory": {"fr": "Territoire", "en": "Territory"},
    "app.attr.pole": {"fr": "Pôle", "en": "Pôle"},
    "app.attr.community": {"fr": "Communauté", "en": "Community"},
    # Liens intersectoriels
    "app.mix.intro": {
        "fr": "Quels secteurs coopèrent entre eux, plus ou moins que le hasard ne le donnerait compte tenu du nombre de liens de chacun ?",
        "en": "Which sectors cooperate with each other, more or less than chance would give given how many ties each has?",
    },
    "app.mix.heatmap_title": {
        "fr": "Liens entre secteurs : observés et attendus ({scope})",
        "en": "Ties between sectors: observed and expected ({scope})",
    },
    "app.mix.no_ties": {
        "fr": "Aucun lien de coopération dans ce périmètre.",
        "en": "No cooperation tie in this scope.",
    },
    "app.mix.legend": {"fr": "Observé / attendu", "en": "Observed / expected"},
    "app.mix.heatmap_help": {
        "fr": "Le nombre dans chaque case est le nombre de liens observés. Rouge : plus de liens qu'attendu ; bleu : moins. L'attendu tient compte du nombre total de liens de chaque secteur (modèle de configuration). Survolez une case pour voir les chiffres.",
        "en": "The number in each cell is the number of ties observed. Red: more ties than expected; blue: fewer. The expectation takes into account each sector's total number of ties (configuration model). Hover a cell for the figures.",
    },
    "app.mix.ei_title": {
        "fr": "Ouverture des groupes : indice E-I ({scope})",
        "en": "How open groups are: E-I index ({scope})",
    },
    "app.mix.ei_attribute": {"fr": "Groupes par", "en": "Groups by"},
    "app.mix.ei_whole": {
        "fr": "**Ensemble** : E-I = {ei} (attendu {exp}, p = {p}) — {verdict}.",
        "en": "**Whole network**: E-I = {ei} (expected {exp}, p = {p}) — {verdict}.",
    },
    "app.mix.verdict.chance": {
        "fr": "pas d'écart net avec le hasard",
        "en": "no clear difference from chance",
    },
    "app.mix.verdict.outward": {
        "fr": "plus tourné vers les autres groupes que prévu",
        "en": "turned towards other groups more than expected",
    },
    "app.mix.verdict.inward": {
        "fr": "plus replié sur lui-même que prévu",
        "en": "more inward-looking than expected",
    },
    "app.mix.ei_help": {
        "fr": "E-I = (liens externes − liens internes) / total, de −1 (tout en interne) à +1 (tout vers l'extérieur). p : test par permutation ({n} tirages) ; en dessous de 0,05 l'écart n'est probablement pas dû au hasard.",
        "en": "E-I = (external ties − internal ties) / total, from −1 (all inside) to +1 (all outside). p: permutation test ({n} draws); below 0.05 the difference is probably not due to chance.",
    },
    "app.mix.growth_title": {
        "fr": "Évolution : les liens entre secteurs au fil des années",
        "en": "Over time: ties between sectors year by year",
    },
    "app.mix.growth_intro": {
        "fr": "Part des liens qui relient deux secteurs différents, parmi les liens existant à la fin de chaque année (d'après l'année de début déclarée de chaque lien).",
        "en": "Share of the ties joining two different sectors, among the ties in place at the end of each year (from each link's declared start year).",
    },
    "app.mix.growth_none": {
        "fr": "Aucun lien n'a d'année de début (colonne « since » des liens) : pas d'évolution à montrer.",
        "en": "No link has a start year (the links' since column): no change over time to show.",
    },
    "app.mix.line.region": {"fr": "Toute la région", "en": "Whole region"},
    "app.mix.created_mark": {"fr": "création de pôles", "en": "pôles created"},
    "app.mix.growth_help": {
        "fr": "Une année où une courbe compte moins de {n} liens n'est pas tracée : sur si peu de liens, la part ne dit rien. Le trait pointillé marque l'année de création des pôles.",
        "en": "A year where a line counts fewer than {n} ties is not drawn: over so few ties the share says nothing. The dotted line marks the year the pôles were created.",
    },
    "app.mix.line.with_pole": {
        "fr": "Pays dont le pôle est créé",
        "en": "Pays whose pôle is created",
    },
    "app.mix.line.without_pole": {"fr": "Pays sans pôle créé", "en": "Pays with no pôle created"},
    "app.mix.year": {"fr": "Année", "en": "Year"},
    "app.mix.share": {"fr": "Part des liens entre secteurs", "en": "Share of cross-sector ties"},
    "app.mix.line": {"fr": "Courbe", "en": "Line"},
    "app.mix.effect_title": {
        "fr": "Les liens entre secteurs se sont-ils formés plus vite après la création d'un pôle ?",
        "en": "Did cross-sector ties form faster after a pôle was created?",
    },
    "app.mix.effect_row": {
        "fr": "**{pole}** (créé en {year}) : {before} puis {after} liens entre secteurs par an pour 100 structures ({years_before}, puis {years_after}), soit {change} ; dans les pays sans pôle créé, {control}. Écart : **{difference}** ; pour des pays pris au hasard parmi ceux sans pôle, l'écart va de {low} à {high}{p}.",
        "en": "**{pole}** (created in {year}): {before} then {after} cross-sector ties a year per 100 structures ({years_before}, then {years_after}), that is {change}; in the pays with no pôle created, {control}. Difference: **{difference}**; for pays taken at random among those without a pôle, the difference ranges from {low} to {high}{p}.",
    },
    "app.mix.effect_p": {"fr": " (p = {p})", "en": " (p = {p})"},
    "app.mix.effect_uncovered": {
        "fr": "**{pole}** (créé en {year}) : les années des liens ne couvrent pas {years_before} et {years_after}, pas de comparaison possible.",
        "en": "**{pole}** (created in {year}): the links' years do not cover {years_before} and {years_after}, no comparison possible.",
    },
    "app.mix.effect_all": {
        "fr": "En moyenne sur les {n} pôles : écart **{difference}** ; 95 % des écarts tirés au hasard tombent entre {low} et {high} (p = {p}).",
        "en": "On average over the {n} pôles: difference **{difference}**; 95 % of the differences drawn at random fall between {low} and {high} (p = {p}).",
    },
    "app.mix.effect_warning": {
        "fr": "C'est une observation, pas une preuve : les pays qui ont créé un pôle diffèrent des autres de bien des façons, et les années sont celles que les liens déclarent. Un écart dit où la coopération a grandi, pas que le pôle l'a fait grandir.",
        "en": "This is an observation, not a proof: the pays that created a pôle differ from the others in many ways, and the years are those the links declare. A difference says where cooperation grew, not that the pôle made it grow.",
    },
    "app.mix.effect_none": {
        "fr": "Aucun pôle n'a d'année de création (colonne « created » des pôles) : pas de comparaison avant / après.",
        "en": "No pôle has a creation year (the pôles' created column): no before / after comparison.",
    },
    "app.col.sector_a": {"fr": "Secteur A", "en": "Sector A"},
    "app.col.sector_b": {"fr": "Secteur B", "en": "Sector B"},
    "app.col.observed": {"fr": "Liens observés", "en": "Ties observed"},
    "app.col.expected": {"fr": "Liens attendus", "en": "Ties expected"},
    "app.col.missing": {"fr": "Liens manquants", "en": "Ties missing"},
    "app.col.ratio": {"fr": "Observé / attendu", "en": "Observed / expected"},
    "app.col.group": {"fr": "Groupe", "en": "Group"},
    "app.col.members": {"fr": "Structures", "en": "Structures"},
    "app.col.internal": {"fr": "Liens internes", "en": "Internal ties"},
    "app.col.external": {"fr": "Liens externes", "en": "External ties"},
    "app.col.ei": {"fr": "E-I", "en": "E-I"},
    "app.col.ei_expected": {"fr": "E-I attendu", "en": "E-I expected"},
    "app.col.p_value": {"fr": "p", "en": "p"},
    "app.col.reading": {"fr": "Lecture", "en": "Reading"},
    # Lacunes
    "app.gaps.intro": {
        "fr": "Ce qui manque dans un territoire ou un pôle : des secteurs présents qui ne coopèrent pas (ou bien moins qu'attendu), des secteurs absents du pôle, des structures sans lien avec un autre secteur ou sans aucun lien.",
        "en": "What is missing in a territory or a pôle: sectors present that do not cooperate (or far less than expected), sectors absent from the pôle, structures with no tie to another sector or no tie at all.",
    },
    "app.gaps.none": {
        "fr": "Aucune lacune trouvée pour {scope}.",
        "en": "No gap found for {scope}.",
    },
    "app.gaps.empty_scope": {
        "fr": "Aucune structure connue dans {scope} : rien à comparer.",
        "en": "No known structure in {scope}: nothing to compare.",
    },
    "app.gaps.fig.pairs": {"fr": "Paires de secteurs à relier", "en": "Sector pairs to connect"},
    "app.gaps.fig.structures": {"fr": "Structures à associer", "en": "Structures to involve"},
    "app.gaps.fig.absent": {"fr": "Secteurs absents du pôle", "en": "Sectors absent from the pôle"},
    "app.gaps.type.sector_pair_none": {
        "fr": "Secteurs présents qui ne coopèrent pas ({n})",
        "en": "Sectors present that do not cooperate ({n})",
    },
    "app.gaps.type.sector_pair_weak": {
        "fr": "Secteurs qui coopèrent bien moins qu'attendu ({n})",
        "en": "Sectors cooperating far less than expected ({n})",
    },
    "app.gaps.type.sector_absent_from_pole": {
        "fr": "Secteurs du territoire absents du pôle ({n})",
        "en": "Sectors of the territory absent from the pôle ({n})",
    },
    "app.gaps.type.no_cross_sector_tie": {
        "fr": "Structures sans lien avec un autre secteur ({n})",
        "en": "Structures with no tie to another sector ({n})",
    },
    "app.gaps.type.isolate": {
        "fr": "Structures sans aucun lien connu ({n})",
        "en": "Structures with no known tie ({n})",
    },
    "app.gaps.type.member_without_member_tie": {
        "fr": "Membres du pôle sans lien avec un autre membre ({n})",
        "en": "Pôle members with no tie to another member ({n})",
    },
    "app.gaps.help.sector_pair_none": {
        "fr": "Chacun des deux secteurs a des structures ici, mais aucun lien ne les relie. Les plus parlantes d'abord : celles où manquent le plus de liens (attendus si les structures coopéraient sans regarder le secteur).",
        "en": "Both sectors have structures here, but no tie joins them. The most telling first: those missing the most ties (expected if the structures cooperated without regard to sector).",
    },
    "app.gaps.help.sector_pair_weak": {
        "fr": "Moins d'un quart des liens attendus compte tenu de l'activité de chaque secteur.",
        "en": "Fewer than a quarter of the ties expected given each sector's activity.",
    },
    "app.gaps.help.sector_absent_from_pole": {
        "fr": "Des structures de ce secteur existent sur le territoire, aucune n'est membre du pôle.",
        "en": "Structures of this sector exist in the territory, none is a member of the pôle.",
    },
    "app.gaps.help.no_cross_sector_tie": {
        "fr": "Elles coopèrent, mais seulement dans leur propre secteur.",
        "en": "They cooperate, but only within their own sector.",
    },
    "app.gaps.help.isolate": {
        "fr": "À contacter en priorité : aucune coopération connue.",
        "en": "To contact first: no known cooperation.",
    },
    "app.gaps.help.member_without_member_tie": {
        "fr": "Membres du pôle qui ne coopèrent avec aucun autre membre.",
        "en": "Pôle members that cooperate with no other member.",
    },
    "app.gaps.download": {
        "fr": "Télécharger ces lacunes (classeur .xlsx)",
        "en": "Download these gaps (.xlsx workbook)",
    },
    "app.col.detail": {"fr": "En clair", "en": "In words"},
    "app.col.sector": {"fr": "Secteur", "en": "Sector"},
    "app.col.structure": {"fr": "Structure", "en": "Structure"},
    # Opportunités
    "app.opp.intro": {
        "fr": "Quelles structures, pas encore liées, pourraient coopérer ? Deux classements : les liens **les plus probables** (ceux qui se forment d'ordinaire : beaucoup de partenaires, de financeurs ou de pôle en commun) et les pistes **stratégiques** (ce que vise un pôle : des secteurs différents, les lacunes du territoire, une structure qui cherche ce qu'une autre propose).",
        "en": "Which structures, not yet tied, could cooperate? Two rankings: the **most probable** ties (those that usually form: many partners, funders or a pôle in common) and the **strategic** leads (what a pôle aims at: different sectors, the territory's gaps, a structure looking for what another offers).",
    },
    "app.opp.ranking": {"fr": "Classement", "en": "Ranking"},
    "app.opp.ranking.strategic": {"fr": "Stratégique", "en": "Strategic"},
    "app.opp.ranking.probable": {"fr": "Le plus probable", "en": "Most probable"},
    "app.opp.ranking_help.strategic": {
        "fr": "Stratégique : la proximité dans le réseau, plus des secteurs différents (surtout quand la paire de secteurs n'a aucun lien dans le pays), une structure qui cherche ce qu'une autre propose, le même pays ou un pays voisin. Sur des réseaux réels et sur la démo, ces paires se forment moins souvent que les plus probables : ce sont des pistes voulues, pas des prévisions.",
        "en": "Strategic: closeness in the network, plus different sectors (above all when the sector pair has no tie in the pays), a structure looking for what another offers, the same or a neighbouring pays. On real networks and on the demo these pairs form less often than the most probable ones: they are leads wished for, not forecasts.",
    },
    "app.opp.ranking_help.probable": {
        "fr": "Le plus probable : la proximité dans le réseau seule (partenaires, financeurs, pôle en commun, d'autant plus qu'ils ont peu d'autres liens). Mesurée sur des réseaux réels et sur la démo, c'est la règle simple qui ne perd nettement nulle part ; d'autres gagnent sur un réseau et perdent sur un autre.",
        "en": "Most probable: closeness in the network alone (partners, funders, pôle in common, the more so as they have few other ties). Measured on real networks and on the demo, it is the simple rule that never clearly loses; others win on one network and lose on another.",
    },
    "app.opp.focus": {"fr": "Suggestions pour", "en": "Suggestions for"},
    "app.opp.pick_structure": {"fr": "Structure", "en": "Structure"},
    "app.opp.pick_first": {
        "fr": "Choisissez une structure pour voir ses partenaires possibles.",
        "en": "Choose a structure to see its possible partners.",
    },
    "app.opp.k": {"fr": "Nombre de suggestions", "en": "Number of suggestions"},
    "app.opp.none": {
        "fr": "Aucune suggestion : pas de paire non liée à proposer ici.",
        "en": "No suggestion: no untied pair to propose here.",
    },
    "app.opp.help": {
        "fr": "Cliquez sur une ligne pour la voir sur le graphe ci-dessous. Le score sert à classer, pas à mesurer ; les raisons disent d'où il vient.",
        "en": "Click a row to see it on the graph below. The score ranks, it does not measure; the reasons say where it comes from.",
    },
    "app.opp.download": {
        "fr": "Télécharger ces suggestions (classeur .xlsx)",
        "en": "Download these suggestions (.xlsx workbook)",
    },
    "app.opp.highlight": {
        "fr": "Sur le graphe : {a} et {b}",
        "en": "On the graph: {a} and {b}",
    },
    "app.opp.highlight_help": {
        "fr": "Les deux structures de la suggestion et leurs voisins directs. Le trait en pointillés est le lien proposé.",
        "en": "The two structures of the suggestion and their direct neighbours. The dashed line is the proposed tie.",
    },
    "app.col.rank": {"fr": "Rang", "en": "Rank"},
    "app.col.partner_suggested": {"fr": "Partenaire possible", "en": "Possible partner"},
    "app.col.reasons": {"fr": "Pourquoi", "en": "Why"},
    "app.col.score": {"fr": "Score", "en": "Score"},
    "app.col.common": {"fr": "Voisins communs", "en": "Shared neighbours"},
    # Exporter
    "app.exp.metrics": {"fr": "Indicateurs", "en": "Metrics"},
    "app.exp.metrics_help": {
        "fr": "Tous les tableaux d'indicateurs (structures, groupes, mélange des secteurs, lacunes, opportunités dans les deux classements, pôles, évolution année par année, création des pôles, réseau), décrits dans docs/METRICS.md, avec metadata.json (version, paramètres, graines, empreintes des fichiers), comme la commande ess-graph metrics.",
        "en": "Every metrics table (structures, groups, sector mixing, gaps, opportunities in both rankings, pôles, year by year, pôle creation, network), described in docs/METRICS.md, with metadata.json (version, parameters, seeds, file hashes), as the ess-graph metrics command writes them.",
    },
    "app.exp.metrics_xlsx": {
        "fr": "Indicateurs (classeur .xlsx)",
        "en": "Metrics (.xlsx workbook)",
    },
    "app.exp.metrics_csv": {
        "fr": "Indicateurs (fichiers CSV, .zip)",
        "en": "Metrics (CSV files, .zip)",
    },
    "app.exp.graph": {"fr": "Graphe", "en": "Graph"},
    "app.exp.graph_which": {"fr": "Quel graphe", "en": "Which graph"},
    "app.exp.graph_which.cooperation": {
        "fr": "Coopération (structures)",
        "en": "Cooperation (structures)",
    },
    "app.exp.graph_which.typed": {"fr": "Complet (typé)", "en": "Full (typed)"},
    "app.exp.graph_help.cooperation": {
        "fr": "Les structures et leurs liens de coopération, le graphe sur lequel tous les indicateurs sont calculés : le degré que Gephi calcule est le degré exporté. Avec les indicateurs de chaque structure, pour Gephi, Cytoscape ou un programme (attributs : docs/METRICS.md).",
        "en": "The structures and their cooperation ties, the graph every metric is computed on: the degree Gephi computes is the exported degree. With each structure's metrics, for Gephi, Cytoscape or a program (attributes: docs/METRICS.md).",
    },
    "app.exp.graph_help.typed": {
        "fr": "Le graphe complet : structures, pôles, partenaires, territoires et secteurs, avec tous les liens (adhésion, financement, appartenance à un territoire ou un secteur…). Les degrés qu'un logiciel y calcule comptent ces liens-là aussi : ce ne sont pas ceux des indicateurs (attributs : docs/METRICS.md).",
        "en": "The full graph: structures, pôles, partners, territories and sectors, with every link (membership, funding, being in a territory or a sector…). Degrees a program computes on it count those links too: they are not the metrics' (attributes: docs/METRICS.md).",
    },
    "app.exp.graph_gexf": {"fr": "GEXF (Gephi)", "en": "GEXF (Gephi)"},
    "app.exp.graph_graphml": {"fr": "GraphML", "en": "GraphML"},
    "app.exp.graph_json": {"fr": "JSON (node-link)", "en": "JSON (node-link)"},
    "app.exp.view": {"fr": "Vue actuelle du graphe", "en": "Current graph view"},
    "app.exp.view_help": {
        "fr": "La dernière vue affichée dans la page « Réseau » (filtres, couleurs, tailles), en une page HTML autonome qui s'ouvre sans connexion.",
        "en": "The last view shown on the 'Network' page (filters, colours, sizes), as a standalone HTML page that opens offline.",
    },
    "app.exp.view_button": {"fr": "Vue actuelle (page .html)", "en": "Current view (.html page)"},
    "app.exp.view_none": {
        "fr": "Ouvrez d'abord la page « Réseau » : la vue qui y est affichée pourra être téléchargée ici.",
        "en": "Open the 'Network' page first: the view shown there can then be downloaded here.",
    },
    # Réseau
    "app.net.scale": {"fr": "Échelle", "en": "Scale"},
    "app.net.scale.structure": {"fr": "Structures", "en": "Structures"},
    "app.net.scale.pole": {"fr": "Pôles", "en": "Pôles"},
    "app.net.scale.sector": {"fr": "Secteurs", "en": "Sectors"},
    "app.net.color": {"fr": "Couleur", "en": "Colour"},
    "app.net.size": {"fr": "Taille", "en": "Size"},
    "app.net.search": {"fr": "Chercher une structure", "en": "Find a structure"},
    "app.search.placeholder": {
        "fr": "Un nom, ou une partie, puis Entrée",
        "en": "A name, or part of it, then Enter",
    },
    "app.search.one": {"fr": "1 résultat", "en": "1 match"},
    "app.search.matches": {"fr": "{n} résultats", "en": "{n} matches"},
    "app.search.more": {
        "fr": "Plus de {n} résultats : les {n} premiers",
        "en": "More than {n} matches: the first {n}",
    },
    "app.search.none": {
        "fr": "Aucun nom ne correspond à « {q} ».",
        "en": "No name matches “{q}”.",
    },
    "app.net.filters": {
        "fr": "Filtres : territoire, pôle, secteur, famille, lien, années",
        "en": "Filters: territory, pôle, sector, family, link, years",
    },
    "app.net.count_structures.one": {"fr": "structure", "en": "structure"},
    "app.net.count_structures.many": {"fr": "structures", "en": "structures"},
    "app.net.count_ties.one": {"fr": "lien", "en": "tie"},
    "app.net.count_ties.many": {"fr": "liens", "en": "ties"},
    "app.net.all": {"fr": "Tous", "en": "All"},
    "app.net.kind": {"fr": "Type de lien", "en": "Kind of link"},
    "app.net.years": {"fr": "Liens commencés entre", "en": "Ties started between"},
    "app.net.years_help": {
        "fr": "Les liens commencés dans ces années (d'après leur année de début). Pour rejouer la croissance du réseau, laisser le début à la première année et avancer la fin : les positions ne bougent pas, les liens apparaissent année après année.",
        "en": "The ties begun within these years (from their start year). To replay how the network grew, keep the start at the first year and move the end forward: positions stay put, ties appear year after year.",
    },
    "app.net.depth": {
        "fr": "Voisinage de la structure cherchée",
        "en": "Neighbourhood of the structure found",
    },
    "app.net.physics": {
        "fr": "Mouvement (physique) : laisser le graphe se réorganiser",
        "en": "Motion (physics): let the graph rearrange itself",
    },
    "app.net.empty": {
        "fr": "Aucune structure ne correspond à ces filtres.",
        "en": "No structure matches these filters.",
    },
    "app.net.too_many": {
        "fr": "{n} structures à afficher : c'est trop pour un graphe lisible et fluide dans le navigateur (au plus {max}). Choisissez l'échelle des pôles ou des secteurs, filtrez par territoire ou par pôle, ou cherchez une structure pour voir son voisinage.",
        "en": "{n} structures to show: too many for a readable, smooth graph in the browser (at most {max}). Choose the pôle or sector scale, filter by territory or pôle, or find a structure to see its neighbourhood.",
    },
    "app.net.large_opens_on_poles": {
        "fr": "Ce réseau compte {n} structures : trop pour les dessiner une à une dans le navigateur (au plus {max}). Il s'ouvre donc à l'échelle des pôles ; filtrez par territoire ou par pôle, ou cherchez une structure, pour voir des structures.",
        "en": "This network has {n} structures: too many to draw one by one in the browser (at most {max}). It therefore opens at the pôle scale; filter by territory or pôle, or find a structure, to see structures.",
    },
    "app.net.partners_of": {
        "fr": "Partenaires de {name} ({n})",
        "en": "Partners of {name} ({n})",
    },
    "app.col.partner": {"fr": "Partenaire", "en": "Partner"},
    "app.col.since": {"fr": "Depuis", "en": "Since"},
    "app.net.frame_title": {"fr": "Graphe du réseau", "en": "Network graph"},
    "app.net.focus_filtered": {
        "fr": "La structure cherchée est exclue par les filtres : elle n'est pas affichée.",
        "en": "The structure searched for is excluded by the filters: it is not shown.",
    },
    "app.net.help": {
        "fr": "Survolez un point pour ses détails ; molette pour zoomer, glisser pour se déplacer. Les points sont placés selon leur pays ; les chiffres à droite comptent les structures et liens affichés.",
        "en": "Hover a dot for its details; scroll to zoom, drag to move. Dots are placed by pays; the figures on the right count the structures and ties shown.",
    },
    # --- the meeting room (issue 12): fitted views, presentation mode, cards ---
    "app.net.present": {"fr": "Présenter (plein écran)", "en": "Present (full screen)"},
    "app.net.present_help": {
        "fr": "Le graphe et sa légende occupent tout l'écran, pour le vidéoprojecteur ; le bouton « Quitter la présentation » ramène ici.",
        "en": "The graph and its legend fill the screen, for the projector; the Exit presentation button comes back here.",
    },
    "app.net.present_focus": {
        "fr": "{name} et ses partenaires",
        "en": "{name} and its partners",
    },
    "app.net.present_exit": {"fr": "Quitter la présentation", "en": "Exit presentation"},
    "app.net.click_help": {
        "fr": "Cliquez sur un point pour la fiche de la structure.",
        "en": "Click a dot for the structure's card.",
    },
    "app.banner.demo_short": {
        "fr": "Démonstration : structures et liens fictifs",
        "en": "Demo: fictional structures and links",
    },
    "app.card.pole": {"fr": "pôle : {pole}", "en": "pôle: {pole}"},
    "app.card.ties": {
        "fr": "{n} {partners} dans le réseau, dont {other} d'un autre secteur.",
        "en": "{n} {partners} in the network, {other} of them from another sector.",
    },
    "app.card.partner.one": {"fr": "partenaire", "en": "partner"},
    "app.card.partner.many": {"fr": "partenaires", "en": "partners"},
    "app.card.bridge": {
        "fr": "Rôle de passerelle (intermédiarité) : {rank}ᵉ structure sur {n}.",
        "en": "Bridging role (betweenness): number {rank} of {n} structures.",
    },
    "app.card.no_bridge": {
        "fr": "Ne relie pas d'autres structures entre elles (intermédiarité nulle).",
        "en": "Does not link other structures together (betweenness zero).",
    },
    "app.card.partners": {"fr": "Partenaires ({n})", "en": "Partners ({n})"},
    "app.card.more.one": {"fr": "… et {n} autre.", "en": "… and {n} more."},
    "app.card.more.many": {"fr": "… et {n} autres.", "en": "… and {n} more."},
    "app.card.ideas": {
        "fr": "Meilleures opportunités de partenariat",
        "en": "Best partnership opportunities",
    },
    "app.card.link_from": {
        "fr": "Ajouter un lien à partir d'ici",
        "en": "Add a link from here",
    },
    "app.card.locked": {
        "fr": "Pour ajouter un lien, l'animateur déverrouille la saisie (mot de passe, à gauche).",
        "en": "To add a link, the facilitator unlocks editing (password, on the left).",
    },
    "app.card.pick_second": {
        "fr": "Nouveau lien depuis **{name}** : cliquez sur la deuxième structure dans le graphe.",
        "en": "New link from **{name}**: click the second structure in the graph.",
    },
    "app.card.cancel": {"fr": "Annuler", "en": "Cancel"},
    "app.card.new_link": {"fr": "Nouveau lien : {a} — {b}", "en": "New link: {a} — {b}"},
    "app.card.who_first": {
        "fr": "Indiquez d'abord votre nom : il est inscrit au journal.",
        "en": "Type your name first: it goes into the journal.",
    },
    "app.kind.cooperation": {
        "fr": "Coopération (projet commun)",
        "en": "Cooperation (joint project)",
    },
    "app.kind.pooling": {"fr": "Mutualisation", "en": "Pooling"},
    "app.kind.subcontracting": {"fr": "Sous-traitance", "en": "Subcontracting"},
    "app.kind.sponsorship": {"fr": "Mécénat de compétences", "en": "Skills sponsorship"},
    "app.kind.representation": {"fr": "Représentation", "en": "Representation"},
    "app.kind.membership": {"fr": "Adhésion", "en": "Membership"},
    "app.kind.governance": {"fr": "Gouvernance", "en": "Governance"},
    "app.kind.funding": {"fr": "Financement", "en": "Funding"},
    # Meeting mode (workspace): sidebar
    "app.page.meeting": {"fr": "Rencontre", "en": "Meeting"},
    "app.page.journal": {"fr": "Journal", "en": "Change log"},
    "app.sidebar.include_proposed": {
        "fr": "Inclure les liens proposés",
        "en": "Include proposed links",
    },
    # Declared links (one side of a partnership survey): the rule `ties`
    "app.sidebar.ties": {
        "fr": "Liens déclarés par un seul côté",
        "en": "Links declared by one side only",
    },
    "app.sidebar.ties_help": {
        "fr": "Une enquête de partenariat enregistre comme « déclaré » un lien qu'une seule des deux structures a cité. Confirmés seulement : ces liens ne comptent pas. Union : un lien cité par l'un des deux côtés compte. Réciproques : il ne compte que si les deux structures se sont citées l'une l'autre.",
        "en": "A partnership survey records as 'declared' a link that only one of the two structures named. Confirmed only: these links do not count. Union: a link named by either side counts. Reciprocated: it counts only when the two structures named each other.",
    },
    "app.ties.confirmed": {"fr": "Confirmés seulement", "en": "Confirmed only"},
    "app.ties.union": {
        "fr": "Union : cités par un côté ou l'autre",
        "en": "Union: named by either side",
    },
    "app.ties.reciprocated": {
        "fr": "Réciproques : cités par les deux côtés",
        "en": "Reciprocated: named by both sides",
    },
    "app.ties.name.confirmed": {"fr": "confirmés seulement", "en": "confirmed only"},
    "app.ties.name.union": {"fr": "union", "en": "union"},
    "app.ties.name.reciprocated": {"fr": "réciproques", "en": "reciprocated"},
    "app.ties.counted.confirmed": {"fr": "confirmés", "en": "confirmed"},
    "app.ties.counted.union": {
        "fr": "confirmés et déclarés par un seul côté",
        "en": "confirmed, and declared by one side only",
    },
    "app.ties.counted.reciprocated": {
        "fr": "confirmés et déclarés par les deux côtés",
        "en": "confirmed, and declared by both sides",
    },
    "app.ties.counted_proposed.confirmed": {
        "fr": "confirmés et proposés",
        "en": "confirmed and proposed",
    },
    "app.ties.counted_proposed.union": {
        "fr": "confirmés, proposés et déclarés par un seul côté",
        "en": "confirmed, proposed, and declared by one side only",
    },
    "app.ties.counted_proposed.reciprocated": {
        "fr": "confirmés, proposés et déclarés par les deux côtés",
        "en": "confirmed, proposed, and declared by both sides",
    },
    "app.ties.caption": {
        "fr": "Liens comptés : {what} (règle « {rule} »).",
        "en": "Links counted: {what} (rule '{rule}').",
    },
    "app.sidebar.meeting": {
        "fr": "Mode rencontre : les modifications sont enregistrées dans l'espace de travail.",
        "en": "Meeting mode: changes are saved in the workspace.",
    },
    "app.sidebar.password": {
        "fr": "Mot de passe (animateur)",
        "en": "Password (facilitator)",
    },
    "app.sidebar.password_wrong": {
        "fr": "Mot de passe incorrect : modification toujours fermée.",
        "en": "Wrong password: editing stays closed.",
    },
    "app.sidebar.unlocked": {"fr": "Modification ouverte.", "en": "Editing open."},
    "app.sidebar.lock": {"fr": "Refermer la modification", "en": "Close editing"},
    "app.net.proposed": {
        "fr": "lien proposé (une idée), hors des chiffres",
        "en": "proposed link (an idea), not counted",
    },
    "app.net.proposed_counted": {
        "fr": "lien proposé, compté (case « Inclure les liens proposés »)",
        "en": "proposed link, counted ('Include proposed links' box)",
    },
    # Rencontre
    "app.meet.read_only": {
        "fr": "La page « Rencontre » sert en mode rencontre : on y ajoute, confirme, corrige ou retire les liens et les structures pendant une réunion.",
        "en": "The 'Meeting' page works in meeting mode: there, links and structures are added, confirmed, corrected or removed during a meeting.",
    },
    "app.meet.detached": {
        "fr": "Cette session affiche des données chargées dans la page « Données », pas l'espace de travail. Revenez aux données de départ (page « Données ») pour modifier.",
        "en": "This session shows data loaded on the 'Data' page, not the workspace. Go back to the starting data ('Data' page) to edit.",
    },
    "app.meet.locked": {
        "fr": "Modification fermée : saisissez le mot de passe de l'animateur dans la barre latérale.",
        "en": "Editing is closed: type the facilitator password in the sidebar.",
    },
    "app.meet.not_a_workspace": {
        "fr": "« {path} » n'est pas un fichier d'espace de travail (ni une base SQLite). Donnez un autre nom de fichier : il sera créé.",
        "en": "'{path}' is not a workspace file (nor an SQLite database). Give another file name: it will be created.",
    },
    "app.meet.who": {"fr": "Votre nom", "en": "Your name"},
    "app.meet.who_placeholder": {"fr": "ex. Anne (CRES)", "en": "e.g. Anne (CRES)"},
    "app.meet.who_first": {
        "fr": "Indiquez votre nom : il est noté dans le journal à chaque modification.",
        "en": "Type your name: the journal records it with every change.",
    },
    "app.meet.undo": {"fr": "Annuler ma dernière modification", "en": "Undo my last change"},
    "app.meet.undone.one": {
        "fr": "Dernière modification annulée ({n} ligne).",
        "en": "Last change undone ({n} row).",
    },
    "app.meet.undone.many": {
        "fr": "Dernière modification annulée ({n} lignes).",
        "en": "Last change undone ({n} rows).",
    },
    "app.meet.counts": {
        "fr": "<b>{n}</b> {structures} · <b>{m}</b> {ties} · <b>{p}</b> {ideas}",
        "en": "<b>{n}</b> {structures} · <b>{m}</b> {ties} · <b>{p}</b> {ideas}",
    },
    "app.meet.tab.add_link": {"fr": "Ajouter un lien", "en": "Add a link"},
    "app.meet.tab.add_structure": {"fr": "Ajouter une structure", "en": "Add a structure"},
    "app.meet.tab.proposed": {"fr": "Liens proposés ({n})", "en": "Proposed links ({n})"},
    "app.meet.tab.to_confirm": {
        "fr": "Liens à confirmer ({n})",
        "en": "Links to confirm ({n})",
    },
    "app.meet.tab.edit_links": {"fr": "Modifier les liens", "en": "Edit links"},
    "app.meet.tab.edit_structures": {"fr": "Modifier les structures", "en": "Edit structures"},
    "app.meet.source": {"fr": "De", "en": "From"},
    "app.meet.target": {"fr": "Vers", "en": "To"},
    "app.meet.year": {"fr": "Depuis (année)", "en": "Since (year)"},
    "app.meet.weight": {"fr": "Poids", "en": "Weight"},
    "app.meet.status": {"fr": "Statut", "en": "Status"},
    "app.meet.status.confirmed": {"fr": "Confirmé", "en": "Confirmed"},
    "app.meet.status.proposed": {"fr": "Proposé (une idée)", "en": "Proposed (an idea)"},
    "app.meet.status.declared": {
        "fr": "Déclaré (par « De » seul)",
        "en": "Declared (by 'From' only)",
    },
    "app.meet.note": {"fr": "Note", "en": "Note"},
    "app.meet.add_link": {"fr": "Ajouter le lien", "en": "Add the link"},
    "app.meet.pick_both": {
        "fr": "Choisissez les deux structures du lien.",
        "en": "Pick both ends of the link.",
    },
    "app.meet.link_added": {
        "fr": "Lien ajouté : {a} – {b} ({status}).",
        "en": "Link added: {a} – {b} ({status}).",
    },
    "app.meet.id": {"fr": "Identifiant", "en": "Id"},
    "app.meet.name": {"fr": "Nom", "en": "Name"},
    "app.meet.no_pole": {"fr": "aucun pôle", "en": "no pôle"},
    "app.meet.add_structure": {"fr": "Ajouter la structure", "en": "Add the structure"},
    "app.meet.structure_added": {
        "fr": "Structure ajoutée : {name}.",
        "en": "Structure added: {name}.",
    },
    "app.meet.no_proposed": {
        "fr": "Aucun lien proposé pour l'instant.",
        "en": "No proposed link yet.",
    },
    "app.meet.pick_proposed": {"fr": "Lien proposé", "en": "Proposed link"},
    "app.meet.pick_to_confirm": {
        "fr": "Lien proposé ou déclaré par un seul côté",
        "en": "Proposed link, or declared by one side only",
    },
    "app.meet.no_to_confirm": {
        "fr": "Aucun lien proposé ni déclaré par un seul côté pour l'instant.",
        "en": "No proposed link, nor link declared by one side only, yet.",
    },
    "app.meet.confirm": {"fr": "Marquer confirmé", "en": "Mark confirmed"},
    "app.meet.confirmed": {"fr": "Lien confirmé : {link}.", "en": "Link confirmed: {link}."},
    "app.meet.edit_help.links": {
        "fr": "Modifiez une cellule, ajoutez une ligne en bas ou sélectionnez des lignes pour les supprimer, puis enregistrez. Si quelqu'un a changé la même ligne entre-temps, elle n'est pas écrasée : un message donne sa valeur actuelle.",
        "en": "Edit a cell, add a row at the bottom or select rows to delete them, then save. If someone changed the same row meanwhile, it is not overwritten: a message gives its current value.",
    },
    "app.meet.edit_help.structures": {
        "fr": "Modifiez une cellule (l'identifiant ne change pas), ajoutez ou supprimez des lignes, puis enregistrez. Une structure encore liée n'est supprimée qu'avec ses liens (case ci-dessous).",
        "en": "Edit a cell (the id cannot change), add or delete rows, then save. A structure that still has links is removed only with its links (box below).",
    },
    "app.meet.cascade": {
        "fr": "Supprimer aussi les liens des structures supprimées",
        "en": "Also remove the links of removed structures",
    },
    "app.meet.refused": {
        "fr": "Modification refusée, rien n'a été enregistré :",
        "en": "Change refused, nothing was saved:",
    },
    "app.meet.col.name": {"fr": "Nom", "en": "Name"},
    "app.meet.col.family": {"fr": "Famille", "en": "Family"},
    "app.meet.col.sector": {"fr": "Secteur", "en": "Sector"},
    "app.meet.col.territory": {"fr": "Territoire", "en": "Territory"},
    "app.meet.col.pole": {"fr": "Pôle", "en": "Pôle"},
    "app.meet.col.kind": {"fr": "Type", "en": "Kind"},
    "app.meet.col.since": {"fr": "Depuis", "en": "Since"},
    "app.meet.col.weight": {"fr": "Poids", "en": "Weight"},
    "app.meet.col.status": {"fr": "Statut", "en": "Status"},
    "app.meet.col.source_id": {"fr": "De (id)", "en": "From (id)"},
    "app.meet.col.target_id": {"fr": "Vers (id)", "en": "To (id)"},
    "app.meet.save": {"fr": "Enregistrer", "en": "Save"},
    "app.meet.saved.one": {"fr": "{n} ligne enregistrée.", "en": "{n} row saved."},
    "app.meet.saved.many": {"fr": "{n} lignes enregistrées.", "en": "{n} rows saved."},
    "app.meet.nothing_saved": {"fr": "Rien à enregistrer.", "en": "Nothing to save."},
    # Journal
    "app.journal.read_only": {
        "fr": "La page « Journal » sert en mode rencontre : elle dit qui a modifié quoi et quand, garde des instantanés du réseau et montre ce qui a changé depuis.",
        "en": "The 'Change log' page works in meeting mode: it says who changed what and when, keeps snapshots of the network and shows what changed since.",
    },
    "app.journal.changes": {"fr": "Qui a modifié quoi", "en": "Who changed what"},
    "app.journal.mine": {
        "fr": "Seulement mes modifications ({who})",
        "en": "Only my changes ({who})",
    },
    "app.journal.empty": {"fr": "Aucune modification.", "en": "No change."},
    "app.journal.col.seq": {"fr": "N°", "en": "No."},
    "app.journal.col.at": {"fr": "Quand ({zone})", "en": "When ({zone})"},
    "app.journal.col.who": {"fr": "Qui", "en": "Who"},
    "app.journal.col.what": {"fr": "Quoi", "en": "What"},
    "app.journal.col.origin": {"fr": "D'où", "en": "From"},
    "app.journal.col.name": {"fr": "Nom", "en": "Name"},
    "app.journal.help": {
        "fr": "Les {n} dernières modifications, les plus récentes en haut. Le journal n'est jamais réécrit : une annulation ajoute une ligne.",
        "en": "The latest {n} changes, newest first. The journal is never rewritten: an undo adds a line.",
    },
    "app.journal.snapshots": {"fr": "Instantanés", "en": "Snapshots"},
    "app.journal.snap_name": {"fr": "Nom de l'instantané", "en": "Snapshot name"},
    "app.journal.snap_placeholder": {
        "fr": "ex. Rencontre régionale 2009",
        "en": "e.g. Regional meeting 2009",
    },
    "app.journal.snap_create": {"fr": "Prendre l'instantané", "en": "Take the snapshot"},
    "app.journal.snap_made": {
        "fr": "Instantané « {name} » enregistré.",
        "en": "Snapshot '{name}' saved.",
    },
    "app.journal.no_snapshot": {
        "fr": "Aucun instantané : prenez-en un avant la rencontre pour voir ensuite ce qui a changé.",
        "en": "No snapshot: take one before the meeting to see afterwards what changed.",
    },
    "app.journal.diff_pick": {"fr": "Comparer maintenant avec", "en": "Compare now with"},
    "app.journal.diff_title": {"fr": "Depuis « {name} »", "en": "Since '{name}'"},
    "app.journal.gained": {"fr": "Liens gagnés", "en": "Ties gained"},
    "app.journal.lost": {"fr": "Liens perdus", "en": "Ties lost"},
    "app.journal.joined": {"fr": "Structures arrivées", "en": "Structures joined"},
    "app.journal.left": {"fr": "Structures parties", "en": "Structures left"},
    # --- meeting pages' words: explained outside meeting mode, plurals, codes as words,
    # local times (issue 12) ---
    "app.sidebar.meeting_about": {
        "fr": "Noter les liens en réunion",
        "en": "Record links in a meeting",
    },
    "app.meet.about": {
        "fr": "**Le mode rencontre**, c'est l'application pendant une réunion : chacun, depuis son ordinateur ou son téléphone, note les liens qui se disent dans la salle ; le graphe projeté se met à jour tout seul ; un journal garde qui a changé quoi ; un instantané pris avant la réunion montre ensuite ce qui a changé. Ici, l'application est lancée en **exploration seule** : on regarde le réseau, rien n'est enregistré.",
        "en": "**Meeting mode** is the app during a meeting: everyone, from a laptop or a phone, records the links mentioned in the room; the projected graph updates by itself; a change log keeps who changed what; a snapshot taken before the meeting shows afterwards what changed. Here the app runs in **read-only exploration**: you look at the network, nothing is saved.",
    },
    "app.meet.how": {
        "fr": "**Pour le lancer**, la personne qui anime tape sur son ordinateur, avec le fichier du réseau et un nom de fichier d'espace de travail :",
        "en": "**To start it**, the facilitator types on their computer, with the network's file and a name for the workspace file:",
    },
    "app.meet.command": {
        "fr": "ess-graph app reseau.xlsx --workspace rencontre.sqlite",
        "en": "ess-graph app network.xlsx --workspace meeting.sqlite",
    },
    "app.meet.how_after": {
        "fr": "L'espace de travail est créé au premier lancement avec le réseau donné (sans fichier de réseau : la démonstration), puis chacun ouvre l'adresse que la commande affiche. Mode d'emploi : docs/WORKSPACE.md.",
        "en": "The workspace is created on the first start with the network given (without a network file: the demo), then everyone opens the address the command prints. Guide: docs/WORKSPACE.md.",
    },
    "app.meet.n_structures.one": {"fr": "structure", "en": "structure"},
    "app.meet.n_structures.many": {"fr": "structures", "en": "structures"},
    "app.meet.n_ties.one": {"fr": "lien", "en": "tie"},
    "app.meet.n_ties.many": {"fr": "liens", "en": "ties"},
    "app.meet.n_ideas.one": {"fr": "idée", "en": "idea"},
    "app.meet.n_ideas.many": {"fr": "idées", "en": "ideas"},
    "app.meet.year_help": {
        "fr": "L'année où le lien a commencé, en chiffres (ex. 2015). Laissez vide si vous ne la savez pas.",
        "en": "The year the link began, in figures (e.g. 2015). Leave empty if you do not know it.",
    },
    "app.meet.weight_help": {
        "fr": "L'intensité du lien, un nombre positif (ex. 2 ou 1,5). Vide : 1.",
        "en": "How strong the link is, a positive number (e.g. 2 or 1.5). Empty: 1.",
    },
    "app.meet.pick_sector": {"fr": "Choisir un secteur", "en": "Pick a sector"},
    "app.meet.pick_territory": {"fr": "Choisir un territoire", "en": "Pick a territory"},
    "app.meet.col.id": {"fr": "Identifiant", "en": "Id"},
    "app.meet.col.note": {"fr": "Note", "en": "Note"},
    "app.meet.col.source_of_information": {"fr": "Source", "en": "Source"},
    "app.meet.col.commune": {"fr": "Commune", "en": "Commune"},
    "app.meet.col.employees": {"fr": "Salariés", "en": "Employees"},
    "app.meet.col.founded": {"fr": "Création", "en": "Founded"},
    "app.journal.zone_help": {
        "fr": "Les heures sont celles du serveur de l'application (son fuseau horaire entre parenthèses).",
        "en": "Times are those of the app's server (its time zone in brackets).",
    },
    "app.journal.kinds": {"fr": "Types de lien", "en": "Link kinds"},
    # streamlit's own words, replaced on screen (ess_graph_app/widget_words.py); the
    # English texts are streamlit's, which stay as they are in English
    "app.widget.browse": {"fr": "Parcourir…", "en": "Upload"},
    "app.widget.enter_apply": {"fr": "Entrée pour valider", "en": "Press Enter to apply"},
    "app.widget.enter_submit": {
        "fr": "Entrée pour envoyer",
        "en": "Press Enter to submit form",
    },
    # Enquête: the respondent's form (a personal link ?enquete=TOKEN)
    "app.page.reply": {"fr": "Enquête partenariats", "en": "Partnership survey"},
    "app.reply.unusable": {
        "fr": "Ce lien ne permet pas de répondre : il est inconnu ou a été remplacé, ou l'enquête est close. Si vous pensez que c'est une erreur, demandez un nouveau lien à l'équipe qui vous a écrit.",
        "en": "This link cannot be used to answer: it is unknown or was replaced, or the survey is closed. If you think this is a mistake, ask the team who wrote to you for a new link.",
    },
    "app.reply.unavailable": {
        "fr": "L'enquête est momentanément indisponible. Réessayez dans quelques minutes : rien de ce que vous aviez enregistré n'est perdu.",
        "en": "The survey is unavailable for a moment. Try again in a few minutes: nothing you saved is lost.",
    },
    "app.reply.for": {
        "fr": "Questionnaire de **{structure}**",
        "en": "Questionnaire for **{structure}**",
    },
    "app.reply.campaign": {"fr": "Campagne : {campaign}", "en": "Campaign: {campaign}"},
    "app.reply.closes": {
        "fr": "Vous pouvez répondre jusqu'au {day} inclus.",
        "en": "You can answer until {day} (included).",
    },
    "app.reply.no_close": {
        "fr": "Vous pouvez répondre jusqu'à la clôture de l'enquête.",
        "en": "You can answer until the survey is closed.",
    },
    "app.reply.use": {
        "fr": "Vos réponses sont lues par l'équipe qui anime l'enquête et complètent la carte des coopérations de l'ESS du territoire : un partenariat déclaré par les deux structures y est confirmé, vos besoins et offres servent à proposer des mutualisations ; les autres structures ne voient pas ce questionnaire.",
        "en": "Your answers are read by the team running the survey and complete the map of the territory's social-economy cooperations: a partnership both structures declare is confirmed there, your needs and offers help suggest pooling; other structures do not see this questionnaire.",
    },
    "app.reply.status.draft": {
        "fr": "Brouillon enregistré le {when} : complétez-le puis envoyez-le.",
        "en": "Draft saved on {when}: complete it, then send it.",
    },
    "app.reply.status.submitted": {
        "fr": "Réponse envoyée le {when}. Vous pouvez la modifier et l'envoyer à nouveau : elle remplacera la précédente.",
        "en": "Answer sent on {when}. You can change it and send it again: it will replace the previous one.",
    },
    "app.reply.when": {"fr": "{day} à {time}", "en": "{day} at {time}"},
    "app.reply.partners": {"fr": "Vos partenaires", "en": "Your partners"},
    "app.reply.partners_help": {
        "fr": "Les structures avec lesquelles vous travaillez. Cherchez-les par leur nom ou parcourez la liste par secteur ; une structure absente de la liste peut être nommée librement.",
        "en": "The structures you work with. Find them by name or browse the list by sector; a structure not in the list can be named freely.",
    },
    "app.reply.mode": {"fr": "Ajouter un partenaire", "en": "Add a partner"},
    "app.reply.mode.search": {"fr": "Par son nom", "en": "By name"},
    "app.reply.mode.browse": {"fr": "Par secteur", "en": "By sector"},
    "app.reply.mode.free": {"fr": "Absent de la liste", "en": "Not in the list"},
    "app.reply.search": {"fr": "Nom du partenaire", "en": "Partner's name"},
    "app.reply.add": {"fr": "Ajouter à mes partenaires", "en": "Add to my partners"},
    "app.reply.sector": {"fr": "Secteur", "en": "Sector"},
    "app.reply.sector_option": {"fr": "{name} ({n})", "en": "{name} ({n})"},
    "app.reply.browse_pick": {"fr": "Structure", "en": "Structure"},
    "app.reply.browse_many": {
        "fr": "{n} structures dans ce secteur : les {k} premières sont listées ; cherchez les autres par leur nom.",
        "en": "{n} structures in this sector: the first {k} are listed; find the others by name.",
    },
    "app.reply.free_name": {"fr": "Nom du partenaire", "en": "Partner's name"},
    "app.reply.free_commune": {"fr": "Commune", "en": "Town"},
    "app.reply.free_add": {"fr": "Ajouter ce partenaire", "en": "Add this partner"},
    "app.reply.free_needs_name": {
        "fr": "Écrivez d'abord le nom du partenaire.",
        "en": "Write the partner's name first.",
    },
    "app.reply.already": {
        "fr": "{name} est déjà dans vos partenaires.",
        "en": "{name} is already one of your partners.",
    },
    "app.reply.added": {
        "fr": "{name} ajouté à vos partenaires.",
        "en": "{name} added to your partners.",
    },
    "app.reply.none_yet": {
        "fr": "Aucun partenaire pour l'instant : ajoutez-en avec la recherche ci-dessus.",
        "en": "No partner yet: add some with the search above.",
    },
    "app.reply.outside": {"fr": "hors liste", "en": "not in the list"},
    "app.reply.kinds": {"fr": "Types de lien", "en": "Kinds of link"},
    "app.reply.since": {"fr": "Depuis (année)", "en": "Since (year)"},
    "app.reply.since_placeholder": {"fr": "ex. 2015", "en": "e.g. 2015"},
    "app.reply.frequency": {"fr": "Vous travaillez ensemble…", "en": "You work together…"},
    "app.reply.value": {
        "fr": "Ce que la relation vous apporte (facultatif)",
        "en": "What the relation brings you (optional)",
    },
    "app.reply.trust": {
        "fr": "Votre confiance dans ce partenaire (facultatif)",
        "en": "How much you trust this partner (optional)",
    },
    "app.reply.value.1": {"fr": "1 · peu", "en": "1 · little"},
    "app.reply.value.2": {"fr": "2 · assez", "en": "2 · some"},
    "app.reply.value.3": {"fr": "3 · beaucoup", "en": "3 · a lot"},
    "app.reply.value.4": {"fr": "4 · l'essentiel", "en": "4 · essential"},
    "app.reply.trust.1": {"fr": "1 · faible", "en": "1 · low"},
    "app.reply.trust.2": {"fr": "2 · moyenne", "en": "2 · medium"},
    "app.reply.trust.3": {"fr": "3 · bonne", "en": "3 · good"},
    "app.reply.trust.4": {"fr": "4 · totale", "en": "4 · complete"},
    "app.reply.remove": {"fr": "Retirer ce partenaire", "en": "Remove this partner"},
    "app.reply.pooling": {"fr": "Mutualisation", "en": "Pooling"},
    "app.reply.pooling_help": {
        "fr": "Ce que vous aimeriez partager avec d'autres structures, dans un sens ou dans l'autre.",
        "en": "What you would like to share with other structures, either way.",
    },
    "app.reply.needs": {"fr": "Nous avons besoin de", "en": "We need"},
    "app.reply.needs_text": {
        "fr": "Nous avons besoin de (précisez, facultatif)",
        "en": "We need (details, optional)",
    },
    "app.reply.offers": {"fr": "Nous pouvons proposer", "en": "We can offer"},
    "app.reply.offers_text": {
        "fr": "Nous pouvons proposer (précisez, facultatif)",
        "en": "We can offer (details, optional)",
    },
    "app.reply.choose": {"fr": "Choisissez…", "en": "Choose…"},
    "app.reply.functions": {"fr": "Les fonctions du pôle", "en": "The pôle's functions"},
    "app.reply.functions_help": {
        "fr": "Quel intérêt ont pour vous les cinq fonctions du pôle de développement de l'ESS ? (facultatif ; cliquez à nouveau sur une note pour l'effacer)",
        "en": "How much do the five functions of the social-economy development pôle interest you? (optional; click a rating again to clear it)",
    },
    "app.reply.fn.1": {"fr": "1 · aucun intérêt", "en": "1 · no interest"},
    "app.reply.fn.2": {"fr": "2 · un peu", "en": "2 · a little"},
    "app.reply.fn.3": {"fr": "3 · intéressant", "en": "3 · interesting"},
    "app.reply.fn.4": {"fr": "4 · très intéressant", "en": "4 · very interesting"},
    "app.reply.comment": {"fr": "Un commentaire (facultatif)", "en": "A comment (optional)"},
    "app.reply.save_draft": {"fr": "Enregistrer le brouillon", "en": "Save as draft"},
    "app.reply.submit": {"fr": "Envoyer", "en": "Send"},
    "app.reply.buttons_help": {
        "fr": "Le brouillon se retrouve en rouvrant le même lien. « Envoyer » transmet votre réponse ; vous pourrez encore la modifier jusqu'à la clôture.",
        "en": "Reopen the same link to find your draft. 'Send' hands in your answer; you can still change it until the survey closes.",
    },
    "app.reply.saved_draft": {
        "fr": "Brouillon enregistré le {when}. Rouvrez le même lien pour le reprendre.",
        "en": "Draft saved on {when}. Reopen the same link to carry on.",
    },
    "app.reply.saved_draft_problems": {
        "fr": "Brouillon enregistré le {when}, mais {n} valeur(s) sont à corriger avant l'envoi (messages en rouge).",
        "en": "Draft saved on {when}, but {n} value(s) must be corrected before sending (messages in red).",
    },
    "app.reply.submitted": {
        "fr": "Merci ! Réponse envoyée le {when}. Vous pouvez la modifier et l'envoyer à nouveau jusqu'à la clôture.",
        "en": "Thank you! Answer sent on {when}. You can change it and send it again until the survey closes.",
    },
    "app.reply.refused": {
        "fr": "Rien n'a été envoyé : {n} valeur(s) à corriger (messages en rouge ci-dessus).",
        "en": "Nothing was sent: {n} value(s) to correct (messages in red above).",
    },
    "app.reply.not_saved": {
        "fr": "Rien n'a été enregistré : {reason}",
        "en": "Nothing was saved: {reason}",
    },
    "app.reply.problem.not_a_year": {
        "fr": "« {value} » n'est pas une année : écrivez-la en chiffres, par exemple 2015 (entre {min} et {max}).",
        "en": "'{value}' is not a year: write it in figures, e.g. 2015 (between {min} and {max}).",
    },
    # Enquête: the coordinator's page
    "app.page.survey": {"fr": "Enquête", "en": "Survey"},
    "app.survey.read_only": {
        "fr": "L'enquête partenariats se mène en mode rencontre, avec un fichier d'espace de travail (les campagnes et les réponses y sont gardées).",
        "en": "The partnership survey runs in meeting mode, with a workspace file (campaigns and answers are kept in it).",
    },
    "app.survey.locked": {
        "fr": "Cette page montre les réponses des structures : saisissez le mot de passe de l'animateur dans la barre latérale.",
        "en": "This page shows the structures' answers: type the facilitator password in the sidebar.",
    },
    "app.survey.no_password": {
        "fr": "Aucun mot de passe d'animateur n'est configuré : toute personne qui ouvre l'application voit cette page et les réponses. Avant d'envoyer des liens hors de la salle, configurez-en un (variable ESS_GRAPH_FACILITATOR_PASSWORD), et servez les formulaires avec une application réservée aux réponses : « ess-graph app --workspace FICHIER --survey-only ».",
        "en": "No facilitator password is configured: anyone who opens the app sees this page and the answers. Before sending links outside the room, configure one (variable ESS_GRAPH_FACILITATOR_PASSWORD), and serve the forms from an app that shows nothing else: 'ess-graph app --workspace FILE --survey-only'.",
    },
    "app.survey.intro": {
        "fr": "Une campagne invite les structures d'un périmètre à déclarer leurs partenaires, leurs besoins et leurs offres de mutualisation, chacune par un lien personnel. Les structures du périmètre sont fixées à l'ouverture.",
        "en": "A campaign invites the structures of a scope to declare their partners, their needs and what they can pool, each through a personal link. The structures of the scope are fixed when it opens.",
    },
    "app.survey.campaign": {"fr": "Campagne", "en": "Campaign"},
    "app.survey.open": {"fr": "ouverte", "en": "open"},
    "app.survey.closed": {"fr": "close", "en": "closed"},
    "app.survey.name": {"fr": "Nom de la campagne", "en": "Campaign name"},
    "app.survey.name_ph": {
        "fr": "ex. Enquête partenariats 2027",
        "en": "e.g. Partnership survey 2027",
    },
    "app.survey.closes": {"fr": "Date de clôture (facultative)", "en": "Closing date (optional)"},
    "app.survey.scope": {"fr": "Qui est interrogé", "en": "Who is asked"},
    "app.survey.scope.territory": {"fr": "Un ou des territoires", "en": "Territories"},
    "app.survey.scope.pole": {"fr": "Un ou des pôles", "en": "Pôles"},
    "app.survey.scope.list": {"fr": "Une liste de structures", "en": "A list of structures"},
    "app.survey.scope.all": {"fr": "Tout le réseau", "en": "The whole network"},
    "app.survey.list": {"fr": "Structures (une par ligne)", "en": "Structures (one per line)"},
    "app.survey.list_help": {
        "fr": "L'identifiant ou le nom exact de chaque structure, une par ligne (ou séparées par des virgules).",
        "en": "Each structure's id or exact name, one per line (or separated by commas).",
    },
    "app.survey.list_unknown": {
        "fr": "Introuvable(s) ou ambigu(s) : {items}. Donnez l'identifiant.",
        "en": "Not found or ambiguous: {items}. Give the id.",
    },
    "app.survey.neighbours": {
        "fr": "Les structures des pays voisins peuvent être nommées comme partenaires",
        "en": "Structures of neighbouring pays can be named as partners",
    },
    "app.survey.neighbours_help": {
        "fr": "Elles apparaissent dans la liste des partenaires possibles sans être interrogées (pays dont le centre est à moins de {km} km d'un pays du périmètre).",
        "en": "They appear in the list of possible partners without being asked (pays whose centre is within {km} km of a pays of the scope).",
    },
    "app.survey.open_button": {"fr": "Ouvrir la campagne", "en": "Open the campaign"},
    "app.survey.opened": {
        "fr": "Campagne « {name} » ouverte : {n} structures invitées. Générez maintenant leurs liens (onglet « Liens »).",
        "en": "Campaign '{name}' opened: {n} structures invited. Now make their links ('Links' tab).",
    },
    "app.survey.open_until": {
        "fr": "Ouverte jusqu'au {day} inclus",
        "en": "Open until {day} (included)",
    },
    "app.survey.open_no_date": {
        "fr": "Ouverte, sans date de clôture",
        "en": "Open, no closing date",
    },
    "app.survey.closed_on": {"fr": "Close depuis le {day}", "en": "Closed since {day}"},
    "app.survey.issued": {
        "fr": "liens personnels émis : {n} sur {of}",
        "en": "personal links issued: {n} of {of}",
    },
    "app.survey.m.invited": {"fr": "Invitées", "en": "Invited"},
    "app.survey.m.answered": {"fr": "Réponses", "en": "Answers"},
    "app.survey.m.rate": {"fr": "Taux de réponse", "en": "Response rate"},
    "app.survey.m.drafts": {"fr": "Brouillons", "en": "Drafts"},
    "app.survey.m.reciprocity": {"fr": "Réciprocité", "en": "Reciprocity"},
    "app.survey.def.invited": {
        "fr": "Les structures du périmètre de la campagne à son ouverture.",
        "en": "The structures of the campaign's scope when it opened.",
    },
    "app.survey.def.answered": {
        "fr": "Structures invitées dont la réponse est envoyée (un brouillon ne compte pas).",
        "en": "Invited structures whose answer is sent (a draft does not count).",
    },
    "app.survey.def.rate": {
        "fr": "Réponses envoyées / structures invitées.",
        "en": "Answers sent / invited structures.",
    },
    "app.survey.def.drafts": {
        "fr": "Structures invitées qui ont enregistré un brouillon sans l'envoyer.",
        "en": "Invited structures that saved a draft without sending it.",
    },
    "app.survey.def.reciprocity": {
        "fr": "Partenariats déclarés des deux côtés / partenariats déclarés (part des paires mutuelles parmi les paires où au moins une structure nomme l'autre ; Wasserman et Faust 1994, § 13.2).",
        "en": "Ties declared by both sides / declared ties (the share of mutual pairs among pairs where at least one structure names the other; Wasserman & Faust 1994, §13.2).",
    },
    "app.survey.def.rate_groups": {
        "fr": "Taux de réponse = réponses envoyées / structures invitées, par secteur, famille ou territoire des structures invitées. Le trait rouge marque le taux de toute la campagne.",
        "en": "Response rate = answers sent / invited structures, by sector, family or territory of the invited structures. The red line is the whole campaign's rate.",
    },
    "app.survey.def.late": {
        "fr": "Structures invitées qui n'ont pas envoyé de réponse (« brouillon » : elles en ont enregistré un). Le fichier sert à la relance (publipostage) ; il contient les coordonnées quand le réseau en a.",
        "en": "Invited structures that have not sent an answer ('draft': they saved one). The file is for the reminder (mail merge); it holds contact details when the network has them.",
    },
    "app.survey.def.ties": {
        "fr": "Paires de structures dont au moins une nomme l'autre dans une réponse envoyée.",
        "en": "Pairs of structures where at least one names the other in a sent answer.",
    },
    "app.survey.def.reciprocated": {
        "fr": "Chacune des deux structures nomme l'autre.",
        "en": "Each of the two structures names the other.",
    },
    "app.survey.def.one_sided_other_answered": {
        "fr": "Une seule nomme l'autre ; l'autre a répondu sans la nommer.",
        "en": "Only one names the other; the other answered without naming it.",
    },
    "app.survey.def.one_sided_other_silent": {
        "fr": "Une seule nomme l'autre ; l'autre n'a pas (encore) répondu.",
        "en": "Only one names the other; the other has not answered (yet).",
    },
    "app.survey.def.ties_all": {
        "fr": "Un partenaire nommé hors liste ne compte qu'une fois associé à une structure (onglet « Hors liste », qui compte ceux qui restent à associer).",
        "en": "A partner named outside the list counts only once matched to a structure ('Outside the list' tab, which counts those left to match).",
    },
    "app.survey.def.outside": {
        "fr": "Partenaires nommés librement (hors de la liste de l'enquête), une ligne par nom et commune (majuscules et accents mis à part). Associez chacun à une structure du réseau : ses déclarations comptent alors comme des partenariats avec elle.",
        "en": "Partners named freely (outside the survey's list), one row per name and town (case and accents aside). Match each to a structure of the network: its declarations then count as ties with it.",
    },
    "app.survey.def.needs": {
        "fr": "Nombre de structures ayant envoyé leur réponse qui ont besoin de chaque ressource, ou peuvent la proposer.",
        "en": "Number of structures that sent their answer and need each resource, or can offer it.",
    },
    "app.survey.def.functions": {
        "fr": "Notes de 1 (aucun intérêt) à 4 (très intéressant), réponses envoyées seulement ; « notes » : combien l'ont notée ; « intérêt (3 ou 4) » : la part des notes 3 ou 4.",
        "en": "Ratings from 1 (no interest) to 4 (very interesting), sent answers only; 'ratings': how many rated it; 'interest (3 or 4)': the share of ratings 3 or 4.",
    },
    "app.survey.tab.rates": {"fr": "Réponses", "en": "Answers"},
    "app.survey.tab.late": {"fr": "Relances ({n})", "en": "Reminders ({n})"},
    "app.survey.tab.links": {"fr": "Liens", "en": "Links"},
    "app.survey.tab.ties": {"fr": "Partenariats ({n})", "en": "Ties ({n})"},
    "app.survey.tab.outside": {"fr": "Hors liste ({n})", "en": "Outside the list ({n})"},
    "app.survey.tab.needs": {"fr": "Besoins", "en": "Needs"},
    "app.survey.tab.close": {"fr": "Clore et intégrer", "en": "Close and integrate"},
    "app.survey.tab.new": {"fr": "Ouvrir une nouvelle campagne", "en": "Open a new campaign"},
    "app.survey.none": {"fr": "(non renseigné)", "en": "(not given)"},
    "app.survey.by": {"fr": "Par", "en": "By"},
    "app.survey.rates_help": {
        "fr": "Chaque barre : la part des structures invitées du groupe qui ont envoyé leur réponse (réponses / invitées entre parenthèses). Toute la campagne : {rate}.",
        "en": "Each bar: the share of the group's invited structures that sent their answer (answers / invited in brackets). Whole campaign: {rate}.",
    },
    "app.survey.all_answered": {
        "fr": "Toutes les structures invitées ont envoyé leur réponse.",
        "en": "Every invited structure has sent its answer.",
    },
    "app.survey.col.id": {"fr": "Identifiant", "en": "Id"},
    "app.survey.col.draft": {"fr": "Brouillon", "en": "Draft"},
    "app.survey.col.a": {"fr": "Structure", "en": "Structure"},
    "app.survey.col.b": {"fr": "Partenaire", "en": "Partner"},
    "app.survey.col.status": {"fr": "Déclaré", "en": "Declared"},
    "app.survey.col.declared_by": {"fr": "Nommé par", "en": "Named by"},
    "app.survey.col.commune": {"fr": "Commune", "en": "Town"},
    "app.survey.col.named_by": {"fr": "Nommé par", "en": "Named by"},
    "app.survey.col.times": {"fr": "Fois", "en": "Times"},
    "app.survey.col.matched": {"fr": "Associé à", "en": "Matched to"},
    "app.survey.col.resource": {"fr": "Ressource", "en": "Resource"},
    "app.survey.col.needs": {"fr": "Besoin", "en": "Need"},
    "app.survey.col.offers": {"fr": "Offre", "en": "Offer"},
    "app.survey.col.function": {"fr": "Fonction du pôle", "en": "Pôle function"},
    "app.survey.col.ratings": {"fr": "Notes", "en": "Ratings"},
    "app.survey.col.mean": {"fr": "Moyenne (1–4)", "en": "Mean (1–4)"},
    "app.survey.col.useful": {"fr": "Intérêt (3 ou 4)", "en": "Interest (3 or 4)"},
    "app.survey.col.change": {"fr": "Changement", "en": "Change"},
    "app.survey.col.count": {"fr": "Nombre", "en": "Count"},
    "app.survey.late_download": {
        "fr": "Télécharger la liste de relance (CSV)",
        "en": "Download the reminder list (CSV)",
    },
    "app.survey.reissue_late": {
        "fr": "Nouveaux liens pour la relance",
        "en": "New links for the reminder",
    },
    "app.survey.reissue_late_help": {
        "fr": "Un nouveau lien pour chaque structure sans réponse (l'ancien cesse de fonctionner ; un brouillon est gardé) : le fichier est alors dans l'onglet « Liens ».",
        "en": "A new link for each structure without an answer (the old one stops working; a draft is kept): the file is then in the 'Links' tab.",
    },
    "app.survey.links_help": {
        "fr": "Chaque structure invitée reçoit un lien personnel : il ouvre son questionnaire et rien d'autre. Seule une empreinte du lien est gardée : un lien n'est montré qu'une fois, dans le fichier à télécharger juste après l'avoir généré. Un lien perdu se remplace (l'ancien cesse alors de fonctionner).",
        "en": "Each invited structure gets a personal link: it opens its questionnaire and nothing else. Only a fingerprint of the link is kept: a link is shown once, in the file to download right after making it. A lost link can be replaced (the old one then stops working).",
    },
    "app.survey.base_url": {
        "fr": "Adresse de l'application pour les répondants",
        "en": "The app's address for respondents",
    },
    "app.survey.base_url_help": {
        "fr": "Le début de chaque lien : l'adresse à laquelle les structures joignent cette application.",
        "en": "The start of every link: the address where structures reach this app.",
    },
    "app.survey.issue": {
        "fr": "Générer les liens des structures qui n'en ont pas",
        "en": "Make the links of the structures without one",
    },
    "app.survey.none_to_issue": {
        "fr": "Chaque structure invitée a déjà son lien. Pour en remplacer un, utilisez « Remplacer le lien d'une structure ».",
        "en": "Every invited structure already has its link. To replace one, use 'Replace one structure's link'.",
    },
    "app.survey.links_made": {
        "fr": "{n} lien(s) personnel(s) généré(s) : téléchargez le fichier maintenant.",
        "en": "{n} personal link(s) made: download the file now.",
    },
    "app.survey.shown_once": {
        "fr": "{n} lien(s) à télécharger maintenant : ils ne seront plus jamais montrés (l'application n'en garde qu'une empreinte). Ce fichier est confidentiel : chaque lien ouvre le questionnaire d'une structure.",
        "en": "{n} link(s) to download now: they will never be shown again (the app keeps only a fingerprint). This file is confidential: each link opens one structure's questionnaire.",
    },
    "app.survey.links_download": {
        "fr": "Télécharger les liens (CSV pour publipostage)",
        "en": "Download the links (CSV for a mail merge)",
    },
    "app.survey.reissue_one": {
        "fr": "Remplacer le lien d'une structure",
        "en": "Replace one structure's link",
    },
    "app.survey.reissue_one_label": {"fr": "Structure invitée", "en": "Invited structure"},
    "app.survey.reissue_one_go": {
        "fr": "Nouveau lien (l'ancien cesse de fonctionner)",
        "en": "New link (the old one stops working)",
    },
    "app.survey.tie.reciprocated": {"fr": "Des deux côtés", "en": "Both sides"},
    "app.survey.tie.one_sided_other_answered": {
        "fr": "D'un côté, l'autre a répondu",
        "en": "One side, the other answered",
    },
    "app.survey.tie.one_sided_other_silent": {
        "fr": "D'un côté, l'autre pas encore",
        "en": "One side, the other not yet",
    },
    "app.survey.tie_status": {"fr": "Montrer", "en": "Show"},
    "app.survey.tie.all": {"fr": "Tous les partenariats déclarés", "en": "Every declared tie"},
    "app.survey.col.rate": {"fr": "Taux", "en": "Rate"},
    "app.survey.no_ties": {
        "fr": "Aucun partenariat déclaré pour l'instant.",
        "en": "No declared tie yet.",
    },
    "app.survey.no_outside": {
        "fr": "Aucun partenaire nommé hors liste.",
        "en": "No partner named outside the list.",
    },
    "app.survey.match_pick": {
        "fr": "Partenaire nommé hors liste",
        "en": "Partner named outside the list",
    },
    "app.survey.match_search": {"fr": "C'est la structure…", "en": "It is the structure…"},
    "app.survey.match_go": {"fr": "Associer", "en": "Match"},
    "app.survey.matched": {"fr": "{a} associé à {b}.", "en": "{a} matched to {b}."},
    "app.survey.unmatch": {"fr": "Défaire l'association", "en": "Undo the match"},
    "app.survey.unmatched": {"fr": "{a} n'est plus associé.", "en": "{a} is no longer matched."},
    "app.survey.add_structure_hint": {
        "fr": "Une structure absente du réseau : ajoutez-la ci-dessous, elle est associée à ce nom aussitôt.",
        "en": "A structure missing from the network: add it below, it is matched to this name at once.",
    },
    "app.survey.new_title": {
        "fr": "Ajouter « {name} » au réseau comme nouvelle structure",
        "en": "Add '{name}' to the network as a new structure",
    },
    "app.survey.new_go": {"fr": "Ajouter et associer", "en": "Add and match"},
    "app.survey.new_added": {
        "fr": "{name} ajoutée au réseau ({id}) et associée aux réponses qui la nomment.",
        "en": "{name} added to the network ({id}) and matched to the answers naming it.",
    },
    "app.survey.needs_title": {"fr": "Mutualisation", "en": "Pooling"},
    "app.survey.no_needs": {
        "fr": "Aucun besoin ni aucune offre dans les réponses envoyées.",
        "en": "No need and no offer in the sent answers.",
    },
    "app.survey.functions_title": {"fr": "Fonctions du pôle", "en": "Pôle functions"},
    "app.survey.close_title": {"fr": "Clore la campagne", "en": "Close the campaign"},
    "app.survey.close_help": {
        "fr": "Les liens cessent aussitôt de fonctionner ; les réponses restent et comptent toujours.",
        "en": "The links stop working at once; the answers stay and still count.",
    },
    "app.survey.close_sure": {
        "fr": "Je confirme : plus personne ne pourra répondre",
        "en": "I confirm: nobody will be able to answer any more",
    },
    "app.survey.close": {"fr": "Clore la campagne", "en": "Close the campaign"},
    "app.survey.closed_now": {
        "fr": "Campagne « {name} » close.",
        "en": "Campaign '{name}' closed.",
    },
    "app.survey.apply_title": {
        "fr": "Intégrer les réponses au réseau",
        "en": "Bring the answers into the network",
    },
    "app.survey.apply_help": {
        "fr": "Un partenariat déclaré des deux côtés devient un lien confirmé ; d'un seul côté, un lien « déclaré » (confirmé plus tard si l'autre le déclare aussi). Les besoins et offres des répondants remplacent les leurs. Refaire l'intégration ne change que ce qui a changé ; elle s'annule d'un clic.",
        "en": "A tie declared by both sides becomes a confirmed link; by one side, a 'declared' link (confirmed later if the other declares it too). The respondents' needs and offers replace theirs. Integrating again changes only what changed; it can be undone in one click.",
    },
    "app.survey.apply": {
        "fr": "Intégrer les réponses au réseau",
        "en": "Bring the answers into the network",
    },
    "app.survey.applied": {
        "fr": "Réponses intégrées au réseau : {n} changement(s).",
        "en": "Answers brought into the network: {n} change(s).",
    },
    "app.survey.apply.confirmed_added": {
        "fr": "Liens confirmés ajoutés",
        "en": "Confirmed links added",
    },
    "app.survey.apply.declared_added": {
        "fr": "Liens déclarés ajoutés",
        "en": "Declared links added",
    },
    "app.survey.apply.confirmed_from_declared": {
        "fr": "Liens déclarés devenus confirmés",
        "en": "Declared links now confirmed",
    },
    "app.survey.apply.declared_removed": {
        "fr": "Liens déclarés retirés (déclaration retirée)",
        "en": "Declared links removed (declaration withdrawn)",
    },
    "app.survey.apply.structures_updated": {
        "fr": "Structures dont les besoins ou offres changent",
        "en": "Structures whose needs or offers change",
    },
    "app.survey.apply.unchanged_links": {"fr": "Liens déjà présents", "en": "Links already there"},
    "app.survey.undo": {"fr": "Annuler l'intégration", "en": "Undo the integration"},
    "app.survey.undone": {
        "fr": "Intégration annulée ({n} ligne(s) rétablie(s)).",
        "en": "Integration undone ({n} row(s) restored).",
    },
    # The territorial diagnostic (Lacunes, Opportunités)
    "app.report.compare": {
        "fr": "Comparer le diagnostic avec l'instantané",
        "en": "Compare the diagnostic with the snapshot",
    },
    "app.report.compare_none": {"fr": "aucun", "en": "none"},
    "app.report.compare_help": {
        "fr": "Le diagnostic liste alors, dans « Évolution », ce qui a changé depuis cet instantané du journal (liens gagnés ou perdus, structures arrivées ou parties).",
        "en": "The diagnostic then lists, under « Évolution », what changed since that snapshot of the journal (ties gained or lost, structures that joined or left).",
    },
    "app.report.download": {
        "fr": "Télécharger le diagnostic (HTML)",
        "en": "Download the diagnostic (HTML)",
    },
    "app.report.help": {
        "fr": "Le diagnostic territorial de {scope} : une page à imprimer (PDF) pour la réunion de préfiguration. Il compte les liens confirmés.",
        "en": "The territorial diagnostic of {scope}: one page to print (PDF) for the préfiguration meeting. It counts confirmed links.",
    },
    "app.report.download_docx": {
        "fr": "Diagnostic à modifier (Word)",
        "en": "Diagnostic to edit (Word)",
    },
    "app.report.help_docx": {
        "fr": "Le même diagnostic de {scope}, en document Word (DOCX) à compléter dans Word ou LibreOffice pour l'étude de préfiguration : titres, textes et tableaux modifiables, graphiques en images.",
        "en": "The same diagnostic of {scope} as a Word document (DOCX) to complete in Word or LibreOffice for the préfiguration study: headings, texts and tables you can edit, charts as pictures.",
    },
    "app.report.help_survey": {
        "fr": "Il reprend les chiffres de l'enquête « {name} » (la dernière ouverte) pour ce périmètre.",
        "en": "It includes the figures of the survey '{name}' (the latest opened) for this scope.",
    },
    # --- saved views and presentations (issue 12, item 2) ---
    "app.page.presentation": {"fr": "Présentation", "en": "Presentation"},
    "app.views.panel": {"fr": "Vues enregistrées", "en": "Saved views"},
    "app.views.name": {"fr": "Nom de la vue", "en": "View name"},
    "app.views.title": {
        "fr": "Titre (montré au-dessus du graphe)",
        "en": "Title (shown above the graph)",
    },
    "app.views.comment": {"fr": "Commentaire (une ligne)", "en": "Comment (one line)"},
    "app.views.save": {"fr": "Enregistrer la vue", "en": "Save the view"},
    "app.views.save_help": {
        "fr": "Garde l'échelle, les filtres, la couleur, la taille et la structure cherchée. Un nom déjà pris remplace cette vue.",
        "en": "Keeps the scale, the filters, the colour, the size and the structure searched. A name already taken replaces that view.",
    },
    "app.views.who": {"fr": "Votre nom (pour le journal)", "en": "Your name (for the journal)"},
    "app.views.saved": {"fr": "Vue « {name} » enregistrée.", "en": "View '{name}' saved."},
    "app.views.replaced": {"fr": "Vue « {name} » remplacée.", "en": "View '{name}' replaced."},
    "app.views.name_missing": {"fr": "Donnez un nom à la vue.", "en": "Give the view a name."},
    "app.views.who_missing": {
        "fr": "Indiquez votre nom : le journal dit qui a enregistré quoi.",
        "en": "Give your name: the journal says who saved what.",
    },
    "app.views.link": {"fr": "Lien de cette vue", "en": "Link to this view"},
    "app.views.link_help": {
        "fr": "Ce lien ouvre la même vue dans un autre navigateur (mêmes filtres, couleurs et tailles).",
        "en": "This link opens the same view in another browser (same filters, colours and sizes).",
    },
    "app.views.pick": {"fr": "Vue", "en": "View"},
    "app.views.none": {"fr": "Aucune vue enregistrée.", "en": "No saved view."},
    "app.views.open": {"fr": "Ouvrir", "en": "Open"},
    "app.views.opened": {"fr": "Vue « {name} » ouverte.", "en": "View '{name}' opened."},
    "app.views.rename_to": {"fr": "Nouveau nom", "en": "New name"},
    "app.views.rename": {"fr": "Renommer", "en": "Rename"},
    "app.views.renamed": {"fr": "Vue renommée « {name} ».", "en": "View renamed '{name}'."},
    "app.views.delete": {"fr": "Supprimer", "en": "Delete"},
    "app.views.deleted": {
        "fr": "Vue « {name} » supprimée.",
        "en": "View '{name}' deleted.",
    },
    "app.views.deleted_from": {
        "fr": "Vue « {name} » supprimée (et retirée de : {presentations}).",
        "en": "View '{name}' deleted (and taken out of: {presentations}).",
    },
    "app.views.undo": {
        "fr": "Annuler ma dernière modification de vue",
        "en": "Undo my last change of a view",
    },
    "app.views.undone": {"fr": "Modification annulée.", "en": "Change undone."},
    "app.views.locked": {
        "fr": "Pour enregistrer une vue, le mot de passe d'animation est demandé (barre latérale).",
        "en": "Saving a view needs the facilitator password (sidebar).",
    },
    "app.views.session_only": {
        "fr": "Sans espace de travail, les vues restent dans cet onglet : téléchargez-les pour les garder.",
        "en": "Without a workspace, views stay in this tab: download them to keep them.",
    },
    "app.views.download": {"fr": "Télécharger les vues (JSON)", "en": "Download the views (JSON)"},
    "app.views.upload": {
        "fr": "Charger un fichier de vues (JSON)",
        "en": "Load a views file (JSON)",
    },
    "app.views.loaded": {
        "fr": "{file} : {n} vue(s) et {p} présentation(s) chargée(s).",
        "en": "{file}: {n} view(s) and {p} presentation(s) loaded.",
    },
    "app.views.url_opened": {
        "fr": "Vue du lien ouverte : {name}",
        "en": "View of the link opened: {name}",
    },
    "app.views.url_unnamed": {"fr": "sans nom", "en": "unnamed"},
    "app.views.more_problems": {"fr": "… et {n} autre(s)", "en": "… and {n} more"},
    "app.pr.intro": {
        "fr": "Préparez avant la rencontre une suite de vues enregistrées (page Réseau), puis projetez-la en plein écran : flèches ← → ou boutons pour avancer.",
        "en": "Before the meeting, prepare a sequence of saved views (Network page), then project it full screen: arrow keys ← → or buttons to move on.",
    },
    "app.pr.no_views": {
        "fr": "Aucune vue enregistrée : enregistrez d'abord des vues depuis la page Réseau (barre latérale, « Vues enregistrées »).",
        "en": "No saved view: first save views from the Network page (sidebar, 'Saved views').",
    },
    "app.pr.pick": {"fr": "Présentation", "en": "Presentation"},
    "app.pr.new": {"fr": "— nouvelle présentation —", "en": "— new presentation —"},
    "app.pr.name": {"fr": "Nom de la présentation", "en": "Presentation name"},
    "app.pr.views": {"fr": "Vues, dans l'ordre", "en": "Views, in order"},
    "app.pr.empty": {
        "fr": "Aucune vue pour l'instant : ajoutez-en.",
        "en": "No view yet: add some.",
    },
    "app.pr.add_view": {"fr": "Vue à ajouter", "en": "View to add"},
    "app.pr.add": {"fr": "Ajouter", "en": "Add"},
    "app.pr.up": {"fr": "Monter", "en": "Move up"},
    "app.pr.down": {"fr": "Descendre", "en": "Move down"},
    "app.pr.remove": {"fr": "Retirer", "en": "Take out"},
    "app.pr.save": {"fr": "Enregistrer la présentation", "en": "Save the presentation"},
    "app.pr.saved": {
        "fr": "Présentation « {name} » enregistrée.",
        "en": "Presentation '{name}' saved.",
    },
    "app.pr.delete": {"fr": "Supprimer la présentation", "en": "Delete the presentation"},
    "app.pr.deleted": {
        "fr": "Présentation « {name} » supprimée.",
        "en": "Presentation '{name}' deleted.",
    },
    "app.pr.name_missing": {
        "fr": "Donnez un nom à la présentation.",
        "en": "Give the presentation a name.",
    },
    "app.pr.play": {"fr": "Lancer en plein écran", "en": "Play full screen"},
    "app.pr.play_unsaved": {
        "fr": "Les changements non enregistrés sont joués aussi.",
        "en": "Unsaved changes are played too.",
    },
    "app.pr.prev": {"fr": "◀ Précédente", "en": "◀ Previous"},
    "app.pr.next": {"fr": "Suivante ▶", "en": "Next ▶"},
    "app.pr.stop": {"fr": "Quitter", "en": "Leave"},
    "app.pr.position": {"fr": "{i} / {n}", "en": "{i} / {n}"},
    "app.pr.keys_help": {
        "fr": "Flèches ← → (ou Page préc./suiv.) pour changer de vue ; Échap pour quitter.",
        "en": "Arrow keys ← → (or Page Up/Down) to change view; Escape to leave.",
    },
    "app.pr.view_missing": {
        "fr": "La vue « {name} » n'existe plus.",
        "en": "The view '{name}' no longer exists.",
    },
    "app.pr.view_adjusted": {
        "fr": "Ajustée au réseau : {problems}",
        "en": "Adjusted to the network: {problems}",
    },
    # --- end of saved views and presentations ---
    # --- images of the view (issue 12, item 4) ---
    "app.img.panel": {
        "fr": "Image de cette vue (PNG, SVG, PDF)",
        "en": "Image of this view (PNG, SVG, PDF)",
    },
    "app.img.png": {"fr": "Image PNG (1920×1080)", "en": "PNG image (1920×1080)"},
    "app.img.svg": {"fr": "SVG (vectoriel)", "en": "SVG (vector)"},
    "app.img.pdf": {"fr": "PDF (vectoriel)", "en": "PDF (vector)"},
    "app.img.help": {
        "fr": "La vue affichée, pour une diapositive ou un article : mêmes positions, couleurs et tailles, avec sa légende et, en bas, la source, la date et les filtres. PNG pour les diapositives ; SVG et PDF restent nets à toute taille (le texte y reste du texte).",
        "en": "The view shown, for a slide or a paper: the same positions, colours and sizes, with its legend and, at the bottom, the source, date and filters. PNG for slides; SVG and PDF stay sharp at any size (their text stays text).",
    },
    "app.img.physics": {
        "fr": "Avec « {physics} » activé, l'image garde les positions calculées, pas celles où les points se sont déplacés à l'écran.",
        "en": "With '{physics}' on, the image keeps the computed positions, not those the dots moved to on screen.",
    },
    "app.img.source": {"fr": "Source : {source}", "en": "Source: {source}"},
    "app.img.demo": {
        "fr": "réseau de démonstration (fictif)",
        "en": "demo network (fictional)",
    },
    "app.img.filters": {"fr": "Filtres : {filters}", "en": "Filters: {filters}"},
    "app.img.no_filter": {"fr": "aucun filtre", "en": "no filter"},
    "app.img.focus": {
        "fr": "autour de {name} ({depth} pas)",
        "en": "around {name} ({depth} step(s))",
    },
    "app.img.structures_one": {"fr": "{n} structure", "en": "{n} structure"},
    "app.img.structures_many": {"fr": "{n} structures", "en": "{n} structures"},
    "app.img.ties_one": {"fr": "{n} lien", "en": "{n} tie"},
    "app.img.ties_many": {"fr": "{n} liens", "en": "{n} ties"},
    "app.img.export_help": {
        "fr": "La même vue en image, avec sa légende et sa source :",
        "en": "The same view as an image, with its legend and source:",
    },
}

register(STRINGS)

# --- tables, numbers, counts, the overview's first lines and its map (issue 12) ---------
# A key ending in .one / .many is a count's singular and plural (`ess_graph.i18n.tn`,
# `ess_graph_app.ui.trn`): French puts 0 and 1 in the singular.
register(
    {
        "app.overview.intro": {
            "fr": "Cartographie des coopérations entre les structures de l'ESS en Bretagne, pour les pôles, le réseau régional et les chercheurs. Pour commencer : **{network}** pour voir qui coopère avec qui, **{gaps}** pour les secteurs qui ne se parlent pas, **{data}** pour charger votre réseau.",
            "en": "A map of the cooperation between the social and solidarity economy's structures in Brittany, for the pôles, the regional network and researchers. To start: **{network}** to see who cooperates with whom, **{gaps}** for the sectors that do not talk to each other, **{data}** to load your network.",
        },
        "app.fig.ties_help.one": {
            "fr": "Paires de structures qui coopèrent (à partir de {n} lien déclaré, propositions exclues).",
            "en": "Pairs of structures that cooperate (from {n} recorded link, proposals left out).",
        },
        "app.fig.ties_help.many": {
            "fr": "Paires de structures qui coopèrent (à partir de {n} liens déclarés, propositions exclues).",
            "en": "Pairs of structures that cooperate (from {n} recorded links, proposals left out).",
        },
        "app.fig.more": {
            "fr": "{partners} · {territories} · {sectors}",
            "en": "{partners} · {territories} · {sectors}",
        },
        "app.fig.n_partners.one": {"fr": "{n} partenaire", "en": "{n} partner"},
        "app.fig.n_partners.many": {"fr": "{n} partenaires", "en": "{n} partners"},
        "app.fig.n_territories.one": {"fr": "{n} territoire", "en": "{n} territory"},
        "app.fig.n_territories.many": {"fr": "{n} territoires", "en": "{n} territories"},
        "app.fig.n_sectors.one": {"fr": "{n} secteur", "en": "{n} sector"},
        "app.fig.n_sectors.many": {"fr": "{n} secteurs", "en": "{n} sectors"},
        "app.status.created.count.one": {"fr": "{n} créé", "en": "{n} created"},
        "app.status.created.count.many": {"fr": "{n} créés", "en": "{n} created"},
        "app.map.tip_point": {
            "fr": "{name}\n{structures}\nPôle : {poles} ({status})",
            "en": "{name}\n{structures}\nPôle: {poles} ({status})",
        },
        "app.map.n_structures.one": {"fr": "{n} structure", "en": "{n} structure"},
        "app.map.n_structures.many": {"fr": "{n} structures", "en": "{n} structures"},
        "app.map.tip_arc.one": {"fr": "{a} – {b} : {n} lien", "en": "{a} – {b}: {n} tie"},
        "app.map.tip_arc.many": {"fr": "{a} – {b} : {n} liens", "en": "{a} – {b}: {n} ties"},
        "app.map.unplaced.one": {
            "fr": "{n} territoire sans position connue, absent de la carte.",
            "en": "{n} territory with no known position, left off the map.",
        },
        "app.map.unplaced.many": {
            "fr": "{n} territoires sans position connue, absents de la carte.",
            "en": "{n} territories with no known position, left off the map.",
        },
        "app.map.help": {
            "fr": "Glisser pour déplacer la carte, double-clic ou pincer pour zoomer ; la molette fait défiler la page.",
            "en": "Drag to move the map, double-click or pinch to zoom; the mouse wheel scrolls the page.",
        },
        "app.map.reset": {"fr": "Recentrer la carte", "en": "Recentre the map"},
        "app.data.current_problems.one": {
            "fr": "{n} remarque à la lecture de ces données",
            "en": "{n} remark while reading this data",
        },
        "app.data.current_problems.many": {
            "fr": "{n} remarques à la lecture de ces données",
            "en": "{n} remarks while reading this data",
        },
        "app.opp.title.one": {
            "fr": "{n} partenariat possible : {focus}",
            "en": "{n} possible partnership: {focus}",
        },
        "app.opp.title.many": {
            "fr": "{n} partenariats possibles : {focus}",
            "en": "{n} possible partnerships: {focus}",
        },
        "app.opp.pick_row": {
            "fr": "Cochez une ligne du tableau pour voir cette suggestion sur un graphe.",
            "en": "Tick a row of the table to see that suggestion on a graph.",
        },
    }
)
