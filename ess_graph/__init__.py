"""ess_graph: map and analyse cooperation between the ESS structures of Brittany.

The library reads a network (``ess_graph.io``), builds its graphs (``ess_graph.network``),
answers questions about it (``ess_graph.analysis``) and draws it (``ess_graph.viz``).
It never imports streamlit: the app (router and pages) is the package ``ess_graph_app``.
"""

__version__ = "0.1.0"
