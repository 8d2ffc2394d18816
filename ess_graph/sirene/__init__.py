"""Start from open data: the ESS structures of a territory from INSEE's SIRENE register.

`import_sirene` reads INSEE's stock files (``StockUniteLegale``, ``StockEtablissement``;
CSV or Parquet, in bounded memory) and gives a network of the active establishments of
the legal units flagged ESS in the chosen départements or communes, with their family,
sector, employees (from the size bracket), commune, coordinates (Lambert-93 → WGS84) and
territory. ``ess-graph import sirene`` writes it as a network folder. Modules: `read`
(the files), `codes` (what each code becomes, from the tables of ``data/reference`` and
their sources in ``SIRENE.md``), `roster` (the network). docs/OPEN_DATA.md says where to
download the files, what each column becomes, the licences and the limits.
"""

from __future__ import annotations

from ess_graph.sirene.read import SireneFileError
from ess_graph.sirene.roster import SireneImport, import_metadata, import_sirene, read_mapping

__all__ = ["SireneFileError", "SireneImport", "import_metadata", "import_sirene", "read_mapping"]
