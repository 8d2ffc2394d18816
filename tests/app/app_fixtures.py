"""Small network folders for the app tests, written as the reader expects them.

`write_network` writes a fictional network whose size and content the tests know exactly
(the expected counts below come from how it is built, not from the app). With
``evil=True`` every name and id that reaches the screen holds an HTML/script payload.
"""

from __future__ import annotations

import csv
import os
import random
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
if str(ROOT) not in sys.path:  # app.py imports ess_graph_app from the repository root
    sys.path.insert(0, str(ROOT))

PAYS = ["Brest", "Morlaix", "Rennes", "Lorient", "Vannes", "Saint-Malo"]
SECTORS = ["culture", "sport", "emploi_insertion", "sanitaire_social", "education_populaire"]
FAMILIES = ["association", "cooperative", "mutuelle", "fondation"]
KINDS = ["cooperation", "pooling", "subcontracting", "sponsorship"]

#: What the browser tests look for: a script that ran leaves this mark on `window.top`
#: or on its own window.
XSS_MARK = "__essXss"
XSS_PAYLOADS = (
    f'<img src=x onerror="window.top.{XSS_MARK}=1;window.{XSS_MARK}=1">',
    f"</script><script>window.top.{XSS_MARK}=2;window.{XSS_MARK}=2</script>",
    f'<svg onload="window.top.{XSS_MARK}=3">',
    '"><b>bold</b>',
)


def _write(folder: Path, name: str, header: list[str], rows: list[list[object]]) -> None:
    with open(folder / f"{name}.csv", "w", newline="", encoding="utf-8") as fh:
        w = csv.writer(fh)
        w.writerow(header)
        w.writerows(rows)


def write_network(
    folder: Path, *, n: int = 40, ties: int = 60, seed: int = 7, evil: bool = False
) -> dict[str, int]:
    """Write structures/poles/partners/links/territories CSVs; return what was written.

    Structures are ``s000``...; structure i is in territory ``PAYS[i % 6]`` and sector
    ``SECTORS[i % 5]``; pôles exist for the first three pays (statuses created,
    prefiguration, launching). Links are `ties` distinct random pairs (seeded), so the
    cooperation graph has exactly `ties` ties and `n` structures.
    """
    folder.mkdir(parents=True, exist_ok=True)
    rng = random.Random(seed)
    payloads = XSS_PAYLOADS if evil else ("",)

    def ident(i: int) -> str:
        return f"s{i:03d}" + (payloads[i % len(payloads)] if evil and i % 3 == 0 else "")

    def name(i: int) -> str:
        extra = payloads[i % len(payloads)] if evil else ""
        return f"Structure {i}{extra}"

    _write(
        folder,
        "territories",
        ["id", "name", "department"],
        [[p.lower(), p, ""] for p in PAYS],
    )
    statuses = ["created", "prefiguration", "launching"]
    poles = [
        [
            f"p_{p.lower()}",
            f"Pôle {p}" + (payloads[k % len(payloads)] if evil else ""),
            p.lower(),
            statuses[k],
        ]
        for k, p in enumerate(PAYS[:3])
    ]
    _write(folder, "poles", ["id", "name", "territory", "status"], poles)
    _write(folder, "partners", ["id", "name", "kind"], [["cr", "Conseil régional", "region"]])
    structures = []
    for i in range(n):
        terr = PAYS[i % len(PAYS)]
        pole = f"p_{terr.lower()}" if PAYS.index(terr) < 3 else ""
        structures.append(
            [ident(i), name(i), FAMILIES[i % 4], SECTORS[i % 5], terr.lower(), pole, 2000 + i % 15]
        )
    _write(
        folder,
        "structures",
        ["id", "name", "family", "sector", "territory", "pole", "founded"],
        structures,
    )
    pairs: set[tuple[int, int]] = set()
    while len(pairs) < ties:
        a, b = rng.sample(range(n), 2)
        pairs.add((min(a, b), max(a, b)))
    links = [
        [ident(a), ident(b), KINDS[(a + b) % 4], 2005 + (a * b) % 15, 1] for a, b in sorted(pairs)
    ]
    links.append(["cr", ident(0), "funding", 2010, 1])
    _write(folder, "links", ["source", "target", "kind", "since", "weight"], links)
    return {"structures": n, "ties": ties, "poles": 3}


TIMEOUT = 60


def start(lang: str | None = None):
    """A fresh AppTest session of the whole app (app.py), run once."""
    from streamlit.testing.v1 import AppTest

    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=TIMEOUT)
    if lang:
        at.session_state["w_lang"] = lang
    return at.run()


def metric(at, label: str) -> str:
    """The value of the st.metric whose label is `label`."""
    for m in at.metric:
        if m.label == label:
            return m.value
    raise AssertionError(f"no metric {label!r} in {[m.label for m in at.metric]}")


def chromium_path() -> str | None:
    path = "/usr/bin/chromium"
    return path if os.path.exists(path) else None
