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
    "app.fig.ties_help": {
        "fr": "Paires de structures qui coopèrent (à partir de {links} liens déclarés, propositions exclues).",
        "en": "Pairs of structures that cooperate (from {links} recorded links, proposals left out).",
    },
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
    "app.fig.more": {
        "fr": "{partners} partenaires · {territories} territoires · {sectors} secteurs",
        "en": "{partners} partners · {territories} territories · {sectors} sectors",
    },
    "app.status.created": {"fr": "créé", "en": "created"},
    "app.status.prefiguration": {"fr": "en préfiguration", "en": "in prefiguration"},
    "app.status.launching": {"fr": "en lancement", "en": "launching"},
    "app.status.none": {"fr": "pas de pôle", "en": "no pôle"},
    "app.status.created.count": {"fr": "{n} créé(s)", "en": "{n} created"},
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
    "app.map.tip_point": {
        "fr": "{name}\n{n} structures\nPôle : {poles} ({status})",
        "en": "{name}\n{n} structures\nPôle: {poles} ({status})",
    },
    "app.map.tip_arc": {"fr": "{a} – {b} : {n} liens", "en": "{a} – {b}: {n} ties"},
    "app.map.legend": {"fr": "Statut du pôle", "en": "Pôle status"},
    "app.map.legend_size": {
        "fr": "Taille du disque : nombre de structures.",
        "en": "Disc size: number of structures.",
    },
    "app.map.legend_arcs": {
        "fr": "Trait : liens de coopération entre deux territoires (épaisseur = nombre).",
        "en": "Line: cooperation ties between two territories (thickness = count).",
    },
    "app.map.unplaced": {
        "fr": "{n} territoire(s) sans position connue, absents de la carte.",
        "en": "{n} territory(ies) with no known position, left off the map.",
    },
    "app.map.table": {"fr": "Tableau des territoires", "en": "Table of territories"},
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
    "app.data.current_problems": {
        "fr": "{n} remarque(s) à la lecture de ces données",
        "en": "{n} remark(s) while reading this data",
    },
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
    "app.col.sector_a": {"fr": "Secteur A", "en": "Sector A"},
    "app.col.sector_b": {"fr": "Secteur B", "en": "Sector B"},
    "app.col.observed": {"fr": "Liens observés", "en": "Ties observed"},
    "app.col.expected": {"fr": "Liens attendus", "en": "Ties expected"},
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
        "fr": "Chacun des deux secteurs a des structures ici, mais aucun lien ne les relie.",
        "en": "Both sectors have structures here, but no tie joins them.",
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
        "fr": "Quelles structures, pas encore liées, pourraient coopérer ? Le classement s'appuie sur les partenaires, pôles et structures qu'elles ont en commun, la complémentarité de leurs secteurs et leur proximité, et sur les lacunes du territoire.",
        "en": "Which structures, not yet tied, could cooperate? The ranking rests on the partners, pôles and structures they share, how their sectors complement each other, how close they are, and on the territory's gaps.",
    },
    "app.opp.focus": {"fr": "Suggestions pour", "en": "Suggestions for"},
    "app.opp.pick_structure": {"fr": "Structure", "en": "Structure"},
    "app.opp.pick_first": {
        "fr": "Choisissez une structure pour voir ses partenaires possibles.",
        "en": "Choose a structure to see its possible partners.",
    },
    "app.opp.k": {"fr": "Nombre de suggestions", "en": "Number of suggestions"},
    "app.opp.title": {
        "fr": "{n} partenariats possibles : {focus}",
        "en": "{n} possible partnerships: {focus}",
    },
    "app.opp.none": {
        "fr": "Aucune suggestion : pas de paire non liée à proposer ici.",
        "en": "No suggestion: no untied pair to propose here.",
    },
    "app.opp.help": {
        "fr": "Cliquez sur une ligne pour la voir sur le graphe ci-dessous. Le score combine la proximité dans le réseau, la complémentarité et les lacunes ; il sert à classer, pas à mesurer.",
        "en": "Click a row to see it on the graph below. The score combines closeness in the network, complementarity and gaps; it ranks, it does not measure.",
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
        "fr": "Tous les tableaux d'indicateurs (structures, groupes, mélange des secteurs, lacunes, opportunités, pôles, réseau), décrits dans docs/METRICS.md.",
        "en": "Every metrics table (structures, groups, sector mixing, gaps, opportunities, pôles, network), described in docs/METRICS.md.",
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
    "app.exp.graph_help": {
        "fr": "Le graphe complet (structures, pôles, partenaires, territoires, secteurs) avec les indicateurs de chaque structure, pour Gephi, Cytoscape ou un programme.",
        "en": "The full graph (structures, pôles, partners, territories, sectors) with each structure's metrics, for Gephi, Cytoscape or a program.",
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
    "app.net.counts": {
        "fr": "<b>{n}</b> structures<br><b>{m}</b> liens",
        "en": "<b>{n}</b> structures<br><b>{m}</b> ties",
    },
    "app.net.all": {"fr": "Tous", "en": "All"},
    "app.net.kind": {"fr": "Type de lien", "en": "Kind of link"},
    "app.net.years": {"fr": "Liens commencés entre", "en": "Ties started between"},
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
        "fr": "L'application est en exploration seule : rien ne peut être modifié. Pour noter les liens pendant une rencontre, lancez-la en mode rencontre, avec un fichier d'espace de travail (créé et rempli avec le réseau de départ s'il n'existe pas) :",
        "en": "The app is in read-only exploration: nothing can be changed. To record links during a meeting, start it in meeting mode, with a workspace file (created and filled with the starting network if it does not exist):",
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
    "app.meet.undone": {
        "fr": "Dernière modification annulée ({n} ligne(s)).",
        "en": "Last change undone ({n} row(s)).",
    },
    "app.meet.counts": {
        "fr": "<b>{n}</b> structures · <b>{m}</b> liens · <b>{p}</b> idées",
        "en": "<b>{n}</b> structures · <b>{m}</b> ties · <b>{p}</b> ideas",
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
    "app.meet.col.sector": {"fr": "Secteur (id)", "en": "Sector (id)"},
    "app.meet.col.territory": {"fr": "Territoire (id)", "en": "Territory (id)"},
    "app.meet.col.pole": {"fr": "Pôle (id)", "en": "Pôle (id)"},
    "app.meet.col.kind": {"fr": "Type", "en": "Kind"},
    "app.meet.col.since": {"fr": "Depuis", "en": "Since"},
    "app.meet.col.weight": {"fr": "Poids", "en": "Weight"},
    "app.meet.col.status": {"fr": "Statut", "en": "Status"},
    "app.meet.col.source_id": {"fr": "De (id)", "en": "From (id)"},
    "app.meet.col.target_id": {"fr": "Vers (id)", "en": "To (id)"},
    "app.meet.save": {"fr": "Enregistrer", "en": "Save"},
    "app.meet.saved": {"fr": "{n} ligne(s) enregistrée(s).", "en": "{n} row(s) saved."},
    "app.meet.nothing_saved": {"fr": "Rien à enregistrer.", "en": "Nothing to save."},
    # Journal
    "app.journal.read_only": {
        "fr": "Le journal des modifications existe en mode rencontre, avec un fichier d'espace de travail :",
        "en": "The journal of changes exists in meeting mode, with a workspace file:",
    },
    "app.journal.changes": {"fr": "Qui a modifié quoi", "en": "Who changed what"},
    "app.journal.mine": {
        "fr": "Seulement les modifications de {who}",
        "en": "Only {who}'s changes",
    },
    "app.journal.empty": {"fr": "Aucune modification.", "en": "No change."},
    "app.journal.col.seq": {"fr": "N°", "en": "No."},
    "app.journal.col.at": {"fr": "Quand (UTC)", "en": "When (UTC)"},
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
    # The territorial diagnostic (Lacunes, Opportunités)
    "app.report.download": {
        "fr": "Télécharger le diagnostic (HTML)",
        "en": "Download the diagnostic (HTML)",
    },
    "app.report.help": {
        "fr": "Le diagnostic territorial de {scope} : une page à imprimer (PDF) pour la réunion de préfiguration. Il compte les liens confirmés.",
        "en": "The territorial diagnostic of {scope}: one page to print (PDF) for the préfiguration meeting. It counts confirmed links.",
    },
    "app.report.help_survey": {
        "fr": "Il reprend les chiffres de l'enquête « {name} » (la dernière ouverte) pour ce périmètre.",
        "en": "It includes the figures of the survey '{name}' (the latest opened) for this scope.",
    },
}

register(STRINGS)
