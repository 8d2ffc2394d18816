"""Write the real networks used to evaluate the opportunity rankings as ess_graph networks.

Three small public social networks that networkx (BSD-3-Clause) carries, each written as a
folder of CSV files in the data contract (docs/DATA.md) under ``tests/data/real/``, so
that the evaluation reads them through the same validation as any user's file:

- ``karate``: Zachary's karate club (W. W. Zachary, "An information flow model for conflict
  and fission in small groups", Journal of Anthropological Research 33(4), 452-473, 1977):
  34 members, 78 ties of friendship outside the club; the faction each member joined
  after the split (``club``: "Mr. Hi" or "Officer") is written as the sector.
- ``les_miserables``: co-appearance of the characters of Victor Hugo's novel in the same
  chapter (D. E. Knuth, The Stanford GraphBase, Addison-Wesley, 1993): 77 characters,
  254 ties (the weights are left out: a tie is a tie).
- ``florentine``: marriage ties between Florentine families in the 15th century (J. F.
  Padgett and C. K. Ansell, "Robust action and the rise of the Medici, 1400-1434",
  American Journal of Sociology 98(6), 1259-1319, 1993; as in R. L. Breiger and
  P. E. Pattison 1986): 15 families, 20 ties (networkx leaves out the Pucci, who had none).

Each folder's ``SOURCE.md`` says where the data come from. Every structure is an
``association`` of one territory; nothing but the ties and, for the karate club, the
faction is real. Regenerate with::

    .venv/bin/python scripts/real_networks.py
"""

from __future__ import annotations

import csv
import re
import unicodedata
from pathlib import Path

import networkx as nx

OUT = Path(__file__).resolve().parent.parent / "tests" / "data" / "real"

SOURCES = {
    "karate": (
        "Zachary's karate club",
        "W. W. Zachary, « An information flow model for conflict and fission in small "
        "groups », Journal of Anthropological Research 33(4), 452–473, 1977.",
        "nx.karate_club_graph()",
    ),
    "les_miserables": (
        "Les Misérables (co-appearances)",
        "D. E. Knuth, The Stanford GraphBase: A Platform for Combinatorial Computing, "
        "Addison-Wesley, 1993.",
        "nx.les_miserables_graph()",
    ),
    "florentine": (
        "Florentine families (marriages)",
        "J. F. Padgett and C. K. Ansell, « Robust action and the rise of the Medici, "
        "1400–1434 », American Journal of Sociology 98(6), 1259–1319, 1993; R. L. Breiger "
        "and P. E. Pattison, « Cumulated social roles: the duality of persons and their "
        "algebras », Social Networks 8, 215–256, 1986.",
        "nx.florentine_families_graph()",
    ),
}


def slug(text: str) -> str:
    plain = unicodedata.normalize("NFKD", str(text)).encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z0-9]+", "_", plain.lower()).strip("_") or "x"


def graphs() -> dict[str, nx.Graph]:
    return {
        "karate": nx.karate_club_graph(),
        "les_miserables": nx.les_miserables_graph(),
        "florentine": nx.florentine_families_graph(),
    }


def write(name: str, G: nx.Graph) -> Path:
    folder = OUT / name
    folder.mkdir(parents=True, exist_ok=True)
    ids = {node: f"n{k:03d}" for k, node in enumerate(sorted(G.nodes, key=str))}
    sectors: dict[str, str] = {}
    with open(folder / "structures.csv", "w", newline="", encoding="utf-8") as f:
        out = csv.writer(f)
        out.writerow(["id", "name", "family", "sector", "territory"])
        for node in sorted(G.nodes, key=str):
            label = str(G.nodes[node].get("club", "")) or "tous"
            sectors.setdefault(slug(label), label)
            out.writerow([ids[node], str(node), "association", slug(label), name])
    with open(folder / "sectors.csv", "w", newline="", encoding="utf-8") as f:
        out = csv.writer(f)
        out.writerow(["id", "name"])
        out.writerows(sorted(sectors.items()))
    with open(folder / "territories.csv", "w", newline="", encoding="utf-8") as f:
        out = csv.writer(f)
        out.writerow(["id", "name"])
        out.writerow([name, SOURCES[name][0]])
    with open(folder / "links.csv", "w", newline="", encoding="utf-8") as f:
        out = csv.writer(f)
        out.writerow(["source", "target", "kind"])
        edges = sorted(tuple(sorted((ids[u], ids[v]))) for u, v in G.edges() if u != v)
        out.writerows((u, v, "cooperation") for u, v in edges)
    # no pôle and no partner: the tables are there, empty
    (folder / "poles.csv").write_text("id,name,territory,status\n", encoding="utf-8")
    (folder / "partners.csv").write_text("id,name,kind\n", encoding="utf-8")
    title, reference, call = SOURCES[name]
    (folder / "SOURCE.md").write_text(
        f"# {title}\n\n{reference}\n\nWritten by `scripts/real_networks.py` from networkx "
        f"{nx.__version__} (`{call}`; networkx is BSD-3-Clause). {G.number_of_nodes()} "
        f"structures, {len(edges)} ties. Only the ties"
        + (" and the faction (written as the sector)" if name == "karate" else "")
        + " are real; family and territory are placeholders.\n",
        encoding="utf-8",
    )
    return folder


if __name__ == "__main__":
    for name, G in graphs().items():
        print(write(name, G))
