"""The report's words in French and English (`ess_graph.i18n`), registered on import.

Kept apart from `ess_graph.report.content`, which fills them in: a translator reads
them here without reading the code.
"""

from __future__ import annotations

from ess_graph.i18n import register

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
        "report.ess_figures.title": {
            "fr": "L'ESS du territoire en chiffres",
            "en": "The territory's ESS in figures",
        },
        "report.ess_figures.explain": {
            "fr": "Les structures du périmètre et leurs salariés, par famille et par secteur, à côté de la région (tout le réseau). « Salariés » additionne les effectifs donnés ; {unknown} structure(s) du périmètre n'en donnent pas.",
            "en": "The scope's structures and their employees, by family and by sector, beside the region (the whole network). 'Employees' adds up the figures given; {unknown} structure(s) of the scope give none.",
        },
        "report.ess_figures.sirene": {
            "fr": "{n} structure(s) du périmètre viennent du répertoire SIRENE de l'INSEE (données à jour au {date}) : leurs salariés sont le milieu de leur tranche d'effectif, un ordre de grandeur. SIRENE ne compte pas les associations sans SIRET (ni salarié, ni TVA, ni financement public), et son indicateur ESS ne distingue pas une SCOP ou une SCIC sous forme de SAS d'une autre société de l'ESS (docs/OPEN_DATA.md).",
            "en": "{n} structure(s) of the scope come from INSEE's SIRENE register (data as of {date}): their employees are the middle of their size bracket, an order of magnitude. SIRENE misses associations without a SIRET (no employee, no VAT, no public funding), and its ESS flag does not tell a SCOP or SCIC held as an SAS from another ESS company (docs/OPEN_DATA.md).",
        },
        "report.col.employees": {"fr": "Salariés", "en": "Employees"},
        "report.col.employees_share": {"fr": "Part des salariés", "en": "Share of employees"},
        "report.col.region_employees_share": {
            "fr": "Part régionale des salariés",
            "en": "Regional share of employees",
        },
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
