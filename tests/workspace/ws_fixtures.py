"""Networks for the workspace tests: a tiny hand-made one (TINY) and the demo."""

from __future__ import annotations

from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
DEMO = ROOT / "data" / "demo"

# Four structures in two pôles' territories, one pôle, one partner:
#   a (culture, brest, pole p) -- b (culture, brest)   cooperation 2005
#   b -- c (sport, morlaix)                            pooling 2008
#   d (sport, morlaix) is isolated; a -> p membership; f (région) funds c.
TINY = {
    "structures.csv": (
        "id,name,family,sector,territory,pole,contact_email\n"
        "a,Alpha,association,culture,brest,p,alice@example.org\n"
        "b,Beta,cooperative,culture,brest,,bob@example.org\n"
        "c,Gamma,association,sport,morlaix,,\n"
        "d,Delta,mutuelle,sport,morlaix,,\n"
    ),
    "poles.csv": "id,name,territory,status\np,Pôle P,brest,created\n",
    "partners.csv": "id,name,kind\nf,Région,region\n",
    "links.csv": (
        "source,target,kind,since,weight,status\n"
        "a,b,cooperation,2005,1,confirmed\n"
        "b,c,pooling,2008,2,confirmed\n"
        "a,p,membership,2009,1,confirmed\n"
        "f,c,funding,2009,1,confirmed\n"
    ),
    "territories.csv": "id,name\nbrest,Brest\nmorlaix,Morlaix\n",
    "sectors.csv": "id,name\nculture,Culture\nsport,Sport\n",
}


def write_tiny(folder: Path, **overrides: str) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    for name, text in {**TINY, **overrides}.items():
        (folder / name).write_text(text, encoding="utf-8")
    return folder
