"""Where are the demo network, the empty templates and the reference tables when ess_graph
was installed from a wheel, with no checkout around it?

In the repository they are the folders ``data/demo`` (the fictional demo network, written by
``ess-graph demo --out data/demo``) and ``data/templates``; the distribution installs this
folder as the package ``ess_graph.data`` (see ``pyproject.toml``), so these two functions
find them the same way in a checkout (an editable install) and in an installed wheel.
On the command line: ``ess-graph where demo``.
"""

from __future__ import annotations

from importlib.resources import files
from pathlib import Path


def _folder(name: str) -> Path:
    folder = files(__name__).joinpath(name)
    if not isinstance(folder, Path):
        # Readers and the app need real files; pip always installs a wheel unpacked.
        raise RuntimeError(f"ess_graph.data is not installed as plain files: {folder}")
    return folder


def demo_dir() -> Path:
    """The folder of the fictional demo network shipped with ess_graph (CSV files and
    FICTIONAL.md)."""
    return _folder("demo")


def templates_dir() -> Path:
    """The folder of the empty templates shipped with ess_graph (one header-only CSV file
    per table and ``template.xlsx``)."""
    return _folder("templates")


def reference_dir() -> Path:
    """The folder of the reference tables vendored with ess_graph: Brittany's communes and
    intercommunalities from Etalab's open data (``communes_bretagne.csv``,
    ``epci_bretagne.csv``, ``epci_territoire_modele.csv``; ``SOURCE.md`` says where from;
    written by ``scripts/vendor_communes.py``)."""
    return _folder("reference")
