"""The ess_graph app from a checkout: ``streamlit run app.py``.

The router and its pages live in the package ``ess_graph_app`` (``ess_graph_app/app.py``),
so that an installed wheel carries them; this file only runs that router, the same one
``ess-graph app`` starts (``make run``).
"""

import runpy

runpy.run_module("ess_graph_app.app", run_name="__main__")
