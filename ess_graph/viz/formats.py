"""Which image formats can a view be written to, with their media types?

Apart from `ess_graph.viz.image` so that the app can offer the buttons without importing
matplotlib (0.7 s on the first visit after the server starts): the image module is
imported when a file is drawn.
"""

from __future__ import annotations

#: Image formats of a view and their media types, in the order the app offers them.
IMAGE_FORMATS: dict[str, str] = {
    "png": "image/png",
    "svg": "image/svg+xml",
    "pdf": "application/pdf",
}
