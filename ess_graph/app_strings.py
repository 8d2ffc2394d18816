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
        "fr": "Données de démonstration : les structures et leurs liens sont fictifs. Seuls les pays, les pôles et les partenaires publics cités par la plaquette de 2009 sont réels. Chargez vos propres données dans la page « Données ».",
        "en": "Demo data: the structures and their links are fictional. Only the pays, the pôles and the public partners named in the 2009 leaflet are real. Load your own data on the 'Data' page.",
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
        "fr": "Carte : les pays, leurs pôles et les liens entre territoires",
        "en": "Map: the pays, their pôles and the ties between territories",
    },
    "app.map.show_arcs": {
        "fr": "Montrer les liens entre territoires",
        "en": "Show ties between territories",
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
}

register(STRINGS)
