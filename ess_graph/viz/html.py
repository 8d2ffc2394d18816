"""The interactive graph as one self-contained, safe HTML page (pyvis + vis-network).

This is the only module that imports pyvis. `network_html` copies a graph, its positions
(`ess_graph.viz.layout`) and its styles (`ess_graph.viz.style`) into a pyvis `Network`
(``cdn_resources="in_line"``), node by node and edge by edge (pyvis's ``from_nx`` and
``add_edge`` are quadratic: ``add_edge`` scans every edge to find duplicates), and returns
the page as a string.

Why not pyvis's own template. pyvis 0.3.2's ``template.html``
- loads Bootstrap's CSS and JS from cdn.jsdelivr.net even with ``in_line``, so the page
  makes requests outside the machine and breaks offline;
- writes the heading (``<h1>{{heading}}</h1>``, twice) and, with its select menu, node ids
  into the page as raw HTML; and when any tooltip contains the text "href" it switches to
  a popup filled with ``innerHTML``: a structure named ``<img src=x onerror=...>`` would run.

So the builder keeps pyvis for what it is good at — the `Network` object that holds the
node and edge option dicts and the vis-network 9.1.2 bundle it ships — and renders them
with a small template of its own (`_TEMPLATE`, a Jinja2 template with autoescaping, the
vis-network JS included inline from pyvis's ``templates/lib``, with the few rules of its
CSS the page uses, `_vis_css`). In that template:
- every value from the data reaches the page only as JSON inside a script, through
  Jinja's ``tojson`` which escapes ``<``, ``>``, ``&`` and ``'`` (so ``</script>`` and
  ``<!--`` cannot close or comment out the script);
- tooltips are plain text: vis-network 9.1.2's popup sets a string title with
  ``innerText`` (checked in its bundle: ``setText`` uses ``innerText`` unless given a DOM
  Element), and nothing else of ours writes HTML from data;
- the heading is autoescaped text;
- a Content-Security-Policy ``<meta>`` forbids every network access (``default-src
  'none'``; inline scripts and styles and ``data:`` images only), so even an injected
  ``<img src=x>`` could not fetch anything, and there is no ``src``/``href`` to any host.

Ready marker: when vis-network has drawn the first frame (``afterDrawing``; with physics,
after ``stabilizationIterationsDone``) the page sets ``document.body.dataset.graphReady =
"1"`` (`READY_CONDITION`) and ``window.__essGraph = {nodes, edges, drawMs, sinceStartMs,
readyAt, focus}`` (``readyAt``: ``Date.now()`` at that moment, which a benchmark compares
with the top page's ``performance.timeOrigin``) so browser tests and benchmarks can wait
for it; ``window.__essNetwork`` is the
vis-network object. ``focus`` then selects one node (and zooms onto it in a big view).
"""

from __future__ import annotations

import math
import os
import re
from collections.abc import Hashable, Iterable, Mapping
from functools import lru_cache
from typing import Any

import jinja2
import networkx as nx
import pandas as pd
import pyvis
from pyvis.network import Network

from ess_graph.i18n import register, t
from ess_graph.network import induced_subgraph
from ess_graph.schema import kind_label
from ess_graph.viz.style import DECLARED_EDGE, DECLARED_UNCOUNTED_OPACITY

#: Above this many nodes, edges are hidden while dragging/zooming and hover is off.
LARGE_GRAPH = 5000

#: Labels smaller than this many screen pixels are not drawn (vis-network
#: ``scaling.label.drawThreshold``): a zoomed-out view shows dots and the biggest
#: structures' names, zooming in reveals the others.
LABEL_DRAW_THRESHOLD = 8

#: JavaScript condition that holds once the page has drawn the graph (for
#: ``page.wait_for_function`` in browser tests and benchmarks).
READY_CONDITION = "document.body.dataset.graphReady === '1'"

#: With more nodes than this, `focus` zooms onto the node; with fewer the whole (small)
#: view stays fitted and the node is only selected.
FOCUS_ZOOM_ABOVE = 300

#: A territory's structures count as a group on the drawing when their spread (root mean
#: square distance to their centre) is under this share of the whole drawing's.
AREA_COMPACTNESS = 0.35

#: Above this many ties, edges get no tooltip (see `network_html`).
MAX_EDGE_TITLES = 20_000

FONT_SIZE = 14

#: Names on the drawing, in CSS pixels whatever the zoom (a 1280×720 projector shows
#: them at this size): every name, and the focused or highlighted ones in bold.
LABEL_PX = 16
STRONG_LABEL_PX = 18

#: A name longer than this many characters goes on two lines.
LABEL_LINE_CHARS = 24

#: Names tried on each frame, in priority order (the rest only in tooltips): enough for
#: a zoomed-in corner of a big network, bounded so a frame stays cheap.
MAX_LABELS = 600

#: The closest a fitted view zooms in (a view of two structures stays at a sane size).
MAX_FIT_SCALE = 2.0

#: ... and never so close that the biggest dot's radius exceeds this many pixels.
MAX_FIT_DOT_PX = 36

EDGE_COLOUR = "#9A9A9A"
HIGHLIGHT_COLOUR = "#000000"
SUGGESTION_COLOUR = "#D55E00"
DEFAULT_NODE_COLOUR = "#BBBBBB"

register(
    {
        "viz.edge.ties": {"fr": "Liens entre structures", "en": "Ties between structures"},
        "viz.edge.links": {"fr": "Liens déclarés", "en": "Recorded links"},
        "viz.edge.since": {"fr": "Depuis", "en": "Since"},
        "viz.edge.weight": {"fr": "Poids", "en": "Weight"},
        "viz.edge.suggested": {"fr": "Lien suggéré", "en": "Suggested tie"},
        "viz.edge.declared_by": {
            "fr": "Déclaré par {names} seul·e",
            "en": "Declared by {names} only",
        },
        "viz.edge.declared_both": {
            "fr": "Déclaré par les deux, sans lien confirmé",
            "en": "Declared by both, no confirmed link",
        },
        "viz.edge.not_counted": {
            "fr": "Non compté (règle des liens déclarés)",
            "en": "Not counted (rule for declared links)",
        },
        "viz.page_title": {"fr": "Réseau ESS", "en": "ESS network"},
        "viz.refit": {"fr": "Recentrer", "en": "Fit to view"},
        "viz.names_rule": {
            "fr": "Noms : la structure cherchée d'abord, puis les plus gros points, tant qu'ils ne se chevauchent pas ; zoomer en montre d'autres, survoler un point donne son nom.",
            "en": "Names: the structure searched for first, then the biggest dots, as long as they do not overlap; zooming in shows more, hovering a dot gives its name.",
        },
        "viz.refit_help": {
            "fr": "Revenir à la vue entière",
            "en": "Back to the whole view",
        },
    }
)

_TEMPLATE_NAME = "ess_graph_network.html"

_TEMPLATE = """<!DOCTYPE html>
<html lang="{{ lang }}">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; script-src 'unsafe-inline'; style-src 'unsafe-inline'; img-src data:; font-src data:; base-uri 'none'; form-action 'none'">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{{ page_title }}</title>
<style>{{ vis_css|safe }}</style>
<script>{% include 'lib/vis-9.1.2/vis-network.min.js' %}</script>
<style>
html, body { margin: 0; padding: 0; background: {{ bgcolor }}; font-family: "DejaVu Sans", Verdana, Arial, sans-serif; }
h2.ess-heading { font-size: 18px; font-weight: 600; margin: 4px 8px; color: #222222; }
#mynetwork { width: {{ width }}; height: {{ height }}; background: {{ bgcolor }}; border: 1px solid #DDDDDD; box-sizing: border-box; position: relative; }
#ess-refit { position: absolute; right: 8px; top: 8px; z-index: 5; font: 15px "DejaVu Sans", Verdana, Arial, sans-serif; padding: 4px 10px; background: #FFFFFF; color: #222222; border: 1px solid #999999; border-radius: 4px; cursor: pointer; display: none; }
#ess-wrap { position: relative; }
#ess-legend { position: absolute; left: 8px; top: 8px; z-index: 4; max-width: 280px; max-height: 90%; overflow: auto; background: rgba(255, 255, 255, 0.92); border: 1px solid #CCCCCC; border-radius: 4px; padding: 8px 10px; font-size: 15px; line-height: 1.4; color: #222222; }
#ess-legend .dot { display: inline-block; width: 0.9em; height: 0.9em; border-radius: 50%; margin-right: 0.4em; vertical-align: -0.1em; border: 1px solid rgba(0, 0, 0, 0.25); }
#ess-legend p { margin: 0.4em 0 0 0; }
div.vis-tooltip { white-space: pre-line; font-size: 14px; line-height: 1.35; max-width: 420px; }
</style>
</head>
<body>
{% if heading %}<h2 class="ess-heading">{{ heading }}</h2>{% endif %}
<div id="ess-wrap"><div id="mynetwork"></div><button id="ess-refit" type="button"></button>
{% if legend %}<div id="ess-legend" hidden><b>{{ legend.color_title }}</b>
{% for label, colour in legend.colors %}<div><span class="dot" style="background: {{ colour }}"></span>{{ label }}</div>{% endfor %}
{% if legend.more %}<div>{{ legend.more }}</div>{% endif %}
{% for line in legend.lines %}<p>{{ line }}</p>{% endfor %}</div>{% endif %}
</div>
<script>
(function () {
  "use strict";
  var t0 = performance.now();
  var nodes = new vis.DataSet({{ nodes|tojson }});
  var edges = new vis.DataSet({{ edges|tojson }});
  var options = {{ options|tojson }};
  var focus = {{ focus|tojson }};
  var physics = {{ physics|tojson }};
  var settleOff = {{ settle_off|tojson }};
  var labels = {{ labels|tojson }};
  var text = {{ text|tojson }};
  var LABEL_PX = {{ label_px|tojson }};
  var STRONG_PX = {{ strong_px|tojson }};
  var LINE_CHARS = {{ line_chars|tojson }};
  var MAX_SCALE = {{ max_scale|tojson }};
  var MAX_DOT_PX = {{ max_dot_px|tojson }};
  var FONT = "DejaVu Sans, Verdana, Arial, sans-serif";
  var container = document.getElementById("mynetwork");
  var network = new vis.Network(container, {nodes: nodes, edges: edges}, options);
  var refit = document.getElementById("ess-refit");
  // The legend is written into the page for a file opened on its own (the exported
  // view); inside the app's frame the app draws it beside the graph.
  var legendBox = document.getElementById("ess-legend");
  if (legendBox && window.self === window.top) { legendBox.hidden = false; }
  refit.textContent = text.refit;
  refit.title = text.refit_help;
  var done = false;
  var userMoved = false;  // once someone zooms or pans, a resize no longer refits
  var sizes = {};
  nodes.forEach(function (n) { sizes[n.id] = n.size || 14; });
  // Names are drawn by this page, not by vis-network: at a constant size on screen
  // (legible on a projector whatever the zoom), in the order given (the focused structure,
  // the highlighted ones, then the biggest dots), each only where it overlaps no name
  // already drawn and fits inside the frame: zooming in shows more of them.
  var measure = document.createElement("canvas").getContext("2d");
  function wrap(s) {
    var words = String(s).split(" "), lines = [], line = "";
    for (var i = 0; i < words.length; i++) {
      var next = line ? line + " " + words[i] : words[i];
      if (next.length > LINE_CHARS && line) { lines.push(line); line = words[i]; }
      else { line = next; }
    }
    if (line) { lines.push(line); }
    if (lines.length > 2) { lines = [lines[0], lines.slice(1).join(" ")]; }
    if (lines.length === 2 && lines[1].length > LINE_CHARS + 4) {
      lines[1] = lines[1].slice(0, LINE_CHARS + 3).trim() + "…";
    }
    return lines;
  }
  for (var li = 0; li < labels.length; li++) {
    var L = labels[li];
    L.px = L.strong ? STRONG_PX : LABEL_PX;
    L.lines = wrap(L.text);
    measure.font = (L.strong ? "700 " : "400 ") + L.px + "px " + FONT;
    var w = 0;
    for (var k = 0; k < L.lines.length; k++) { w = Math.max(w, measure.measureText(L.lines[k]).width); }
    L.w = Math.ceil(w) + 6;
    L.h = Math.ceil(L.lines.length * L.px * 1.2) + 2;
  }
  // Territory names (the geographic layout): above each territory's group, placed
  // before the structures' names, which then avoid them.
  var areas = {{ areas|tojson }};
  var AREA_FONT = "600 15px " + FONT;
  measure.font = AREA_FONT;
  for (var ai = 0; ai < areas.length; ai++) {
    areas[ai].w = Math.ceil(measure.measureText(areas[ai].name).width) + 6;
  }
  function overlaps(box, boxes) {
    for (var b = 0; b < boxes.length; b++) {
      var o = boxes[b];
      if (!(box.x1 <= o.x0 || box.x0 >= o.x1 || box.y1 <= o.y0 || box.y0 >= o.y1)) { return true; }
    }
    return false;
  }
  var drawn = [];
  var drawnAreas = [];
  function placeLabels() {
    var W = container.clientWidth, H = container.clientHeight;
    var scale = network.getScale();
    var ids = [];
    for (var i = 0; i < labels.length; i++) { ids.push(labels[i].id); }
    var pos = network.getPositions(ids);
    var boxes = [];
    drawnAreas = [];
    for (var a = 0; a < areas.length; a++) {
      var A = areas[a], top = network.canvasToDOM({x: A.x, y: A.top});
      var ax0 = Math.min(Math.max(top.x - A.w / 2, 2), W - A.w - 2);
      var abox = {x0: ax0, x1: ax0 + A.w, y0: top.y - 6 - 19, y1: top.y - 6, name: A.name};
      if (abox.y0 < 0 || abox.y1 > H || abox.x0 < 0 || overlaps(abox, boxes)) { continue; }
      boxes.push(abox);
      drawnAreas.push(abox);
    }
    for (var j = 0; j < labels.length; j++) {
      var L = labels[j], p = pos[L.id];
      if (!p) { continue; }
      var c = network.canvasToDOM(p);
      if (c.x < 0 || c.x > W || c.y < 0 || c.y > H) { continue; }
      var r = (sizes[L.id] || 14) * scale;
      var x0 = Math.min(Math.max(c.x - L.w / 2, 2), W - L.w - 2);
      var y0 = c.y + r + 2;
      if (y0 + L.h > H - 2) { y0 = c.y - r - 2 - L.h; }  // no room below: above the dot
      if (x0 < 0 || y0 < 0 || y0 + L.h > H) { continue; }
      var box = {id: L.id, x0: x0, y0: y0, x1: x0 + L.w, y1: y0 + L.h, px: L.px};
      if (overlaps(box, boxes)) { continue; }
      box.label = L;
      boxes.push(box);
    }
    return boxes.slice(drawnAreas.length);
  }
  network.on("afterDrawing", function (ctx) {
    drawn = placeLabels();
    var ratio = ctx.canvas.width / Math.max(container.clientWidth, 1);
    ctx.save();
    ctx.setTransform(ratio, 0, 0, ratio, 0, 0);
    ctx.textAlign = "center";
    ctx.textBaseline = "top";
    ctx.lineJoin = "round";
    ctx.lineWidth = 4;
    ctx.strokeStyle = "rgba(255, 255, 255, 0.92)";
    ctx.font = AREA_FONT;
    ctx.fillStyle = "rgba(50, 50, 50, 0.9)";
    for (var a = 0; a < drawnAreas.length; a++) {
      var ab = drawnAreas[a], ax = (ab.x0 + ab.x1) / 2;
      ctx.strokeText(ab.name, ax, ab.y0 + 2);
      ctx.fillText(ab.name, ax, ab.y0 + 2);
    }
    for (var i = 0; i < drawn.length; i++) {
      var d = drawn[i], L = d.label;
      ctx.font = (L.strong ? "700 " : "400 ") + L.px + "px " + FONT;
      ctx.fillStyle = L.faded ? "#888888" : "#1A1A1A";
      var x = (d.x0 + d.x1) / 2;
      for (var k = 0; k < L.lines.length; k++) {
        var y = d.y0 + 1 + k * L.px * 1.2;
        ctx.strokeText(L.lines[k], x, y);
        ctx.fillText(L.lines[k], x, y);
      }
    }
    ctx.restore();
    if (window.__essGraph) {
      window.__essGraph.labels = drawn.map(function (d) {
        return {id: d.id, x0: d.x0, y0: d.y0, x1: d.x1, y1: d.y1, px: d.px};
      });
    }
  });
  // Fit the view to the nodes shown, with room for the names at the edges: the
  // projector's "show us our pôle" fills the frame instead of a corner of it.
  function fitView() {
    var W = container.clientWidth, H = container.clientHeight;
    var ids = nodes.getIds();
    if (!W || !H || !ids.length) { return; }
    var pos = network.getPositions(ids);
    var x0 = Infinity, x1 = -Infinity, y0 = Infinity, y1 = -Infinity;
    for (var i = 0; i < ids.length; i++) {
      var p = pos[ids[i]], r = sizes[ids[i]] || 14;
      x0 = Math.min(x0, p.x - r); x1 = Math.max(x1, p.x + r);
      y0 = Math.min(y0, p.y - r); y1 = Math.max(y1, p.y + r);
    }
    // The scale that keeps every dot inside, then the names most likely drawn (the
    // first ones) beside their dots: each constrains the scale on its own.
    var cx = (x0 + x1) / 2, cy = (y0 + y1) / 2, PAD = 10, TOP = areas.length ? 30 : 12;
    var s = Math.min((W - 2 * PAD) / Math.max(x1 - x0, 1e-9),
                     (H - PAD - TOP) / Math.max(y1 - y0, 1e-9), MAX_SCALE);
    var sDots = s;
    var lpos = network.getPositions(labels.slice(0, 12).map(function (L) { return L.id; }));
    for (var j = 0; j < Math.min(labels.length, 12); j++) {
      var L = labels[j], q = lpos[L.id];
      if (!q) { continue; }
      var dx = Math.abs(q.x - cx);
      if (dx > 1e-9 && W / 2 - PAD - L.w / 2 > 0) { s = Math.min(s, (W / 2 - PAD - L.w / 2) / dx); }
      var dy = q.y - cy;  // the name sits under its dot
      if (dy > 1e-9) { s = Math.min(s, (H / 2 - PAD - L.h - 4) / (dy + (sizes[L.id] || 14))); }
    }
    // names are kept inside the frame anyway (shifted, or left out): room for them never
    // shrinks the drawing below 80 % of what the dots alone allow (a phone's narrow frame)
    s = Math.max(s, 0.8 * sDots);
    // and no dot wider than a projector can take (dots grow with the zoom)
    var biggest = 0;
    for (var k = 0; k < ids.length; k++) { biggest = Math.max(biggest, sizes[ids[k]] || 14); }
    s = Math.max(Math.min(s, MAX_DOT_PX / biggest), 1e-4);
    var screenY = H / 2 + (TOP - PAD) / 2;
    network.moveTo({
      position: {x: cx, y: cy + (H / 2 - screenY) / s},
      scale: s,
      animation: false
    });
  }
  refit.addEventListener("click", function () {
    userMoved = false;
    refit.style.display = "none";
    fitView();
  });
  function moved() {
    if (!done) { return; }
    userMoved = true;
    refit.style.display = "block";
  }
  network.on("zoom", moved);
  network.on("dragEnd", function (params) { if (!params.nodes.length) { moved(); } });
  network.on("resize", function () { if (done && !userMoved) { fitView(); } });
  // A click on a structure: its id (one of this page's own node ids, nothing else) goes
  // to the page that holds this frame, which checks it again before using it.
  network.on("click", function (params) {
    if (params.nodes.length === 1 && nodes.get(params.nodes[0]) !== null) {
      window.parent.postMessage({essGraph: "node", id: String(params.nodes[0])}, "*");
    }
  });
  function ready() {
    if (done) { return; }
    done = true;
    if (focus !== null && nodes.get(focus) !== null) {
      network.selectNodes([focus]);
      // a small view (a neighbourhood) stays fitted so every neighbour shows; a big one
      // zooms onto the node, which would be a dot among thousands otherwise
      if (nodes.length > {{ focus_zoom_above|tojson }}) {
        network.focus(focus, {scale: 1.2, animation: false});
      }
    }
    window.__essGraph = {
      nodes: nodes.length,
      edges: edges.length,
      drawMs: Math.round(performance.now() - t0),
      sinceStartMs: Math.round(performance.now()),
      readyAt: Date.now(),
      focus: focus,
      labels: [],
      fitted: function () {
        // the drawn nodes' bounding box on screen, in CSS pixels of this frame
        var ids = nodes.getIds(), pos = network.getPositions(ids);
        var b = {x0: Infinity, y0: Infinity, x1: -Infinity, y1: -Infinity,
                 width: container.clientWidth, height: container.clientHeight};
        for (var i = 0; i < ids.length; i++) {
          var c = network.canvasToDOM(pos[ids[i]]);
          b.x0 = Math.min(b.x0, c.x); b.x1 = Math.max(b.x1, c.x);
          b.y0 = Math.min(b.y0, c.y); b.y1 = Math.max(b.y1, c.y);
        }
        return b;
      }
    };
    network.once("afterDrawing", function () {
      document.body.dataset.graphReady = "1";
    });
    network.redraw();
  }
  function firstView() {
    fitView();
    ready();
  }
  if (physics) {
    network.once("stabilizationIterationsDone", function () {
      if (settleOff) { network.setOptions({physics: {enabled: false}}); }
      firstView();
    });
  } else {
    network.once("afterDrawing", firstView);
  }
  window.__essNetwork = network;
})();
</script>
</body>
</html>
"""


@lru_cache(maxsize=1)
def _environment() -> jinja2.Environment:
    """Our template first, then pyvis's template folder for the vis-network bundle."""
    pyvis_templates = os.path.join(os.path.dirname(pyvis.__file__), "templates")
    env = jinja2.Environment(
        loader=jinja2.ChoiceLoader(
            [
                jinja2.DictLoader({_TEMPLATE_NAME: _TEMPLATE}),
                jinja2.FileSystemLoader(pyvis_templates),
            ]
        ),
        autoescape=True,
    )
    # Compact JSON, non-ASCII letters as UTF-8 (the page is a third smaller); `tojson`
    # still escapes < > & ' whatever these settings.
    env.policies["json.dumps_kwargs"] = {
        "sort_keys": False,
        "separators": (",", ":"),
        "ensure_ascii": False,
    }
    return env


#: The rules of vis-network.css the page uses. The rest of its 220 kB style the colour
#: picker, the configurator, the navigation buttons and the edit toolbar (base64 images
#: mostly), all switched off here (`_options`); leaving them out makes every graph frame
#: 220 kB lighter to send, escape and parse.
_VIS_CSS_RULES = ("div.vis-tooltip", ".vis-overlay", ".vis-active")


@lru_cache(maxsize=1)
def _vis_css() -> str:
    """The rules `_VIS_CSS_RULES` of the vis-network.css shipped with pyvis.

    >>> css = _vis_css()
    >>> css.startswith("div.vis-tooltip{") or css.startswith(".vis-overlay{")
    True
    >>> "base64" in css, "vis-navigation" in css
    (False, False)
    """
    path = os.path.join(
        os.path.dirname(pyvis.__file__), "templates", "lib", "vis-9.1.2", "vis-network.css"
    )
    with open(path, encoding="utf-8") as fh:
        text = fh.read()
    kept = []
    for block in text.split("}"):
        selector, _, body = block.partition("{")
        if selector.strip() in _VIS_CSS_RULES:
            kept.append(f"{selector.strip()}{{{body}}}")
    missing = set(_VIS_CSS_RULES) - {k.split("{", 1)[0] for k in kept}
    if missing:  # another pyvis release: say so rather than draw unstyled tooltips
        raise RuntimeError(f"vis-network.css has no rule for {sorted(missing)}")
    return "\n".join(kept)


class _SafeNetwork(Network):
    """pyvis `Network` with linear-time bulk adds and the safe template of this module."""

    def add_node_dicts(self, node_dicts: Iterable[dict[str, Any]]) -> None:
        # pyvis's add_node checks `n_id not in self.node_ids` (a list): quadratic.
        for options in node_dicts:
            self.nodes.append(options)
            self.node_ids.append(options["id"])
            self.node_map[options["id"]] = options

    def add_edge_dicts(self, edge_dicts: Iterable[dict[str, Any]]) -> None:
        # pyvis's add_edge scans all edges for a duplicate: quadratic.
        self.edges.extend(edge_dicts)

    def generate_html(  # type: ignore[override]
        self,
        name: str = "index.html",
        local: bool = True,
        notebook: bool = False,
        *,
        focus: str | None = None,
        lang: str = "fr",
        page_title: str = "",
        areas: list[dict[str, Any]] | None = None,
        labels: list[dict[str, Any]] | None = None,
        legend: dict[str, Any] | None = None,
    ) -> str:
        template = _environment().get_template(_TEMPLATE_NAME)
        options = self.options if isinstance(self.options, dict) else {}
        physics = bool(options.get("physics", {}).get("enabled", False))
        self.html = template.render(
            nodes=self.nodes,
            edges=self.edges,
            options=options,
            heading=self.heading,
            height=self.height,
            width=self.width,
            bgcolor=self.bgcolor,
            physics=physics,
            settle_off=physics and len(self.nodes) > 2000,
            focus=focus,
            focus_zoom_above=FOCUS_ZOOM_ABOVE,
            lang=lang if lang in ("fr", "en") else "fr",
            page_title=page_title,
            areas=areas or [],
            labels=labels or [],
            legend=legend,
            text={"refit": t("viz.refit", lang), "refit_help": t("viz.refit_help", lang)},
            label_px=LABEL_PX,
            strong_px=STRONG_LABEL_PX,
            line_chars=LABEL_LINE_CHARS,
            max_scale=MAX_FIT_SCALE,
            max_dot_px=MAX_FIT_DOT_PX,
            vis_css=_vis_css(),
        )
        return self.html


def _options(n_nodes: int, n_edges: int, physics: bool) -> dict[str, Any]:
    large = n_nodes > LARGE_GRAPH or n_edges > 4 * LARGE_GRAPH
    options: dict[str, Any] = {
        "autoResize": True,
        "nodes": {
            "shape": "dot",
            "borderWidth": 1,
            "scaling": {"label": {"drawThreshold": LABEL_DRAW_THRESHOLD}},
            "font": {
                "size": FONT_SIZE,
                "face": "DejaVu Sans, Verdana, Arial, sans-serif",
                "color": "#222222",
                "strokeWidth": 3,
                "strokeColor": "#FFFFFF",
            },
        },
        "edges": {
            "smooth": False,
            "color": {
                "color": EDGE_COLOUR,
                "highlight": "#333333",
                "hover": "#333333",
                "inherit": False,
                # many long ties between territories: fade them so the groups stay legible
                "opacity": 0.8 if n_edges <= 300 else 0.45,
            },
            "selectionWidth": 2,
        },
        "interaction": {
            "hover": not large,
            "tooltipDelay": 150,
            "hideEdgesOnDrag": large,
            "hideEdgesOnZoom": large,
            "keyboard": False,
            "navigationButtons": False,
        },
        "layout": {"improvedLayout": False, "randomSeed": 2009},
    }
    if physics:
        options["physics"] = {
            "enabled": True,
            "solver": "barnesHut",
            "barnesHut": {
                "gravitationalConstant": -4000,
                "centralGravity": 0.05,
                "springLength": 80,
                "springConstant": 0.02,
                "damping": 0.4,
                "avoidOverlap": 0.1,
            },
            "minVelocity": 1.0,
            "stabilization": {
                "enabled": True,
                "iterations": 150 if n_nodes <= 2000 else 40,
                "updateInterval": 25,
                "fit": True,
            },
        }
    else:
        options["physics"] = {"enabled": False}
    return options


def _rgba(hex_colour: str, alpha: float) -> str:
    h = hex_colour.lstrip("#")
    if len(h) != 6:
        return hex_colour
    try:
        r, g, b = (int(h[i : i + 2], 16) for i in (0, 2, 4))
    except ValueError:
        return hex_colour
    return f"rgba({r},{g},{b},{alpha})"


def _edge_widths(G: nx.Graph, edge_width_by: str | None) -> dict[tuple[Any, Any], float]:
    if not edge_width_by:
        return {}
    values = {}
    for u, v, d in G.edges(data=True):
        try:
            values[(u, v)] = float(d.get(edge_width_by, math.nan))
        except (TypeError, ValueError):
            values[(u, v)] = math.nan
    finite = [w for w in values.values() if not math.isnan(w)]
    if not finite or min(finite) == max(finite):
        return {}
    lo, hi = min(finite), max(finite)
    span = math.sqrt(hi - lo)
    return {
        e: (1.0 if math.isnan(w) else round(1.0 + 5.0 * math.sqrt(w - lo) / span, 2))
        for e, w in values.items()
    }


def _fmt(v: Any) -> str:
    if isinstance(v, float):
        return str(int(v)) if v.is_integer() else f"{v:.3g}"
    return str(v)


def _edge_title(G: nx.Graph, u: Any, v: Any, d: Mapping[str, Any], lang: str) -> str:
    sep = " : " if lang == "fr" else ": "
    name_u = str(G.nodes[u].get("name") or u)
    name_v = str(G.nodes[v].get("name") or v)
    lines = [f"{name_u} — {name_v}"]
    if "ties" in d:
        lines.append(t("viz.edge.ties", lang) + sep + _fmt(d["ties"]))
    if "links" in d:
        kinds = d.get("kinds") or ()
        if isinstance(kinds, str):
            kinds = kinds.split("|")
        named = ", ".join(kind_label(k, lang) for k in kinds)
        lines.append(
            t("viz.edge.links", lang) + sep + _fmt(d["links"]) + (f" ({named})" if named else "")
        )
    if d.get("since") is not None:
        lines.append(t("viz.edge.since", lang) + sep + _fmt(d["since"]))
    if "weight" in d and "ties" not in d:
        lines.append(t("viz.edge.weight", lang) + sep + _fmt(d["weight"]))
    return "\n".join(lines)


def _declared_style(
    directions: set[tuple[Any, Any]], u: Any, v: Any, *, faded: bool, counted: bool = True
) -> dict[str, Any]:
    """vis-network options of a declared link drawn from `u` to `v`: dotted, an arrow at
    each end a declaration points to."""
    ends = [name for name, way in (("to", (u, v)), ("from", (v, u))) if way in directions]
    opacity = DECLARED_EDGE["color"]["opacity"] if counted else DECLARED_UNCOUNTED_OPACITY
    if faded:
        opacity = min(opacity, 0.3)
    return {
        "dashes": list(DECLARED_EDGE["dashes"]),
        "color": {**DECLARED_EDGE["color"], "opacity": opacity},
        "width": DECLARED_EDGE["width"],
        "arrows": ", ".join(ends),
    }


def _declared_title(G: nx.Graph, directions: set[tuple[Any, Any]], lang: str) -> str:
    """Who declared the link, for its tooltip."""
    if len(directions) > 1:
        return t("viz.edge.declared_both", lang)
    ((source, _),) = directions
    return t("viz.edge.declared_by", lang, names=str(G.nodes[source].get("name") or source))


def territory_areas(
    G: nx.Graph, positions: Mapping[Hashable, tuple[float, float]]
) -> list[dict[str, Any]]:
    """Where to write territory names: above each territory's group of structures.

    Only for a graph of structures (not an aggregated scale) whose territories form
    compact, separate groups on the drawing, as the geographic layout makes them: the
    mean spread of a territory's structures must be under `AREA_COMPACTNESS` times the
    spread of the whole drawing. Otherwise (a force layout mixing territories) a name
    would label nothing in particular, and the list is empty.

    Returns
    -------
    list of dict
        ``name`` (display name), ``x`` (centre of the group), ``top`` (smallest y of the
        group), sorted by name.
    """
    if G.graph.get("scale") or G.number_of_nodes() < 2:
        return []
    groups: dict[str, list[tuple[float, float]]] = {}
    for n, terr in G.nodes(data="territory"):
        if terr and n in positions:
            groups.setdefault(str(terr), []).append(positions[n])
    if len(groups) < 2:
        return []

    def spread(points: list[tuple[float, float]]) -> float:
        mx = sum(p[0] for p in points) / len(points)
        my = sum(p[1] for p in points) / len(points)
        return math.sqrt(sum((p[0] - mx) ** 2 + (p[1] - my) ** 2 for p in points) / len(points))

    everything = [p for pts in groups.values() for p in pts]
    total = spread(everything)
    within = sum(spread(pts) * len(pts) for pts in groups.values()) / len(everything)
    if total == 0 or within > AREA_COMPACTNESS * total:
        return []
    names = G.graph.get("territory_names") or {}
    areas = []
    for terr, pts in groups.items():
        xs = [p[0] for p in pts]
        areas.append(
            {
                "name": str(names.get(terr, terr)),
                "x": round((min(xs) + max(xs)) / 2, 1),
                "top": round(min(p[1] for p in pts), 1),
            }
        )
    return sorted(areas, key=lambda a: a["name"])


def _missing_positions(G: nx.Graph, positions: Mapping[Any, tuple[float, float]]) -> dict:
    """Positions for nodes the caller did not place: laid out on their own, under the rest."""
    missing = [n for n in G.nodes if n not in positions]
    if not missing:
        return {}
    from ess_graph.viz.layout import SPACING, compute_layout

    extra = compute_layout(induced_subgraph(G, missing))
    placed = [positions[n] for n in G.nodes if n in positions]
    if not placed:
        return extra
    bottom = max(p[1] for p in placed)
    top = min(p[1] for p in extra.values())
    shift = bottom - top + 3 * SPACING
    return {n: (x, y + shift) for n, (x, y) in extra.items()}


def network_html(
    G: nx.Graph,
    positions: Mapping[Hashable, tuple[float, float]],
    styles: pd.DataFrame,
    *,
    physics: bool = False,
    height_px: int = 650,
    highlight: Iterable[Hashable] = (),
    highlight_edges: Iterable[tuple[Hashable, Hashable]] = (),
    dashed_edges: Iterable[tuple[Hashable, Hashable]] = (),
    declared_edges: Iterable[tuple[Hashable, Hashable]] = (),
    edge_width_by: str | None = "weight",
    heading: str | None = None,
    lang: str = "fr",
    focus: Hashable | None = None,
    territory_labels: bool = True,
    legend: Mapping[str, Any] | None = None,
) -> str:
    """The graph as a self-contained HTML page (vis-network inline, no request to any host).

    Parameters
    ----------
    G : networkx.Graph
        Graph to draw; it is not modified.
    positions : mapping
        {node: (x, y)} in pixels, e.g. from `ess_graph.viz.layout.compute_layout`. Nodes
        missing from it are laid out on their own under the others.
    styles : DataFrame
        Columns ``id, label, color, size, title`` (`ess_graph.viz.style.node_styles`).
        Nodes without a row get their name as label and a grey dot.
    physics : bool, default False
        Off: vis-network only draws the given positions (straight edges, fast). On: a
        short stabilisation (150 iterations, 40 above 2,000 nodes — where physics is then
        switched off again so the browser does not keep computing).
    height_px : int
        Height of the drawing area.
    highlight : iterable of nodes
        Drawn bigger, with a thick black border.
    highlight_edges : iterable of (u, v)
        Ties drawn thick and black; a pair that is not a tie of `G` (e.g. a suggested
        partnership) is drawn as a dashed orange line. When given, the other nodes and
        ties are faded.
    dashed_edges : iterable of (u, v)
        Pairs drawn as dashed orange lines without fading the rest (e.g. the proposed
        links of a meeting): a tie of `G` is restyled, another pair is added as a line.
    declared_edges : iterable of (source, target)
        Links declared by `source` only (a survey), e.g. ``style.declared_in(G)``: drawn
        dotted with an arrow towards `target` (both ways when both are given), as
        `ess_graph.viz.style.DECLARED_EDGE`. A tie of `G` (counted under the rule) is
        restyled; another pair is added, lighter, as a link not counted.
    edge_width_by : str or None
        Edge attribute scaled to widths 1–6 (square root); None for width 1. Edges get a
        plain-text tooltip (the two names, links and kinds, year, weight) unless the graph
        has more than `MAX_EDGE_TITLES` ties.
    heading : str, optional
        Text shown above the graph (escaped: shown as typed).
    lang : {"fr", "en"}
    territory_labels : bool, default True
        Write each territory's name above its structures when they form separate groups
        on the drawing (the geographic layout; not with physics); see `territory_areas`.
    legend : mapping, optional
        What the colours and sizes mean (`ess_graph.viz.style.legend`): shown over the
        graph's top-left corner when the page is opened on its own (a saved file), left
        hidden inside another page's frame (the app draws its own beside it). Text only.
    focus : node, optional
        Selected once drawn; in a view of more than `FOCUS_ZOOM_ABOVE` nodes, also
        centred and zoomed onto (a small view, e.g. a neighbourhood, stays fitted whole).

    Returns
    -------
    str
        A complete HTML document (about 0.7 MB plus ~200 bytes per node).

    Examples
    --------
    >>> G = nx.Graph([("a", "b")])
    >>> page = network_html(G, {"a": (0, 0), "b": (50, 0)}, pd.DataFrame())
    >>> "graphReady" in page and "cdn.jsdelivr.net" not in page
    True
    """
    positions = dict(positions)
    positions.update(_missing_positions(G, positions))
    by_id: dict[Any, dict[str, Any]] = {}
    if len(styles):
        for row in styles.to_dict("records"):
            by_id[row["id"]] = row
    lit = set(highlight)
    wanted = [(u, v) for u, v in highlight_edges]
    lit_pairs = {frozenset((u, v)) for u, v in wanted}
    dashed = [(u, v) for u, v in dashed_edges]
    dashed_pairs = {frozenset((u, v)) for u, v in dashed} - lit_pairs
    declared: dict[frozenset, set[tuple[Any, Any]]] = {}
    for u, v in declared_edges:
        if u != v and frozenset((u, v)) not in lit_pairs | dashed_pairs:
            declared.setdefault(frozenset((u, v)), set()).add((u, v))
    # with pairs to show (a suggestion), the rest of the graph steps back; a highlighted
    # node alone (a searched structure) keeps its neighbourhood in full colour
    fade = bool(lit_pairs)

    net = _SafeNetwork(
        height=f"{int(height_px)}px",
        width="100%",
        heading=heading or "",
        cdn_resources="in_line",
    )
    net.options = _options(G.number_of_nodes(), G.number_of_edges(), physics)

    ids: dict[Any, str] = {}
    used: set[str] = set()
    node_dicts = []
    names: list[dict[str, Any]] = []
    for n in G.nodes:
        vid = str(n)
        k = 2
        while vid in used:  # 1 and "1" are two nodes for networkx, one id for vis-network
            vid = f"{n}#{k}"
            k += 1
        used.add(vid)
        ids[n] = vid
        row = by_id.get(n) or by_id.get(str(n)) or {}
        colour = str(row.get("color") or DEFAULT_NODE_COLOUR)
        size = float(row.get("size") or 14.0)
        x, y = positions[n]
        label = str(row.get("label") or G.nodes[n].get("name") or vid)
        names.append(
            {
                "id": vid,
                "text": " ".join(label.split()),
                "strong": n in lit or n == focus,
                "faded": fade and n not in lit,
                "_rank": (n != focus, n not in lit, -size, label.casefold()),
            }
        )
        d: dict[str, Any] = {
            "id": vid,
            "size": size,
            "x": float(x),
            "y": float(y),
            "title": str(row.get("title") or G.nodes[n].get("name") or vid),
        }
        if n in lit:
            d["color"] = {
                "background": colour,
                "border": HIGHLIGHT_COLOUR,
                "highlight": {"background": colour, "border": HIGHLIGHT_COLOUR},
                "hover": {"background": colour, "border": HIGHLIGHT_COLOUR},
            }
            d["borderWidth"] = 4
            d["size"] = round(size * 1.3, 2)
        elif fade:
            faded = _rgba(colour, 0.3)
            d["color"] = {"background": faded, "border": faded}
        else:
            d["color"] = colour
        node_dicts.append(d)
    net.add_node_dicts(node_dicts)

    widths = _edge_widths(G, edge_width_by)
    # Edge tooltips of a very large graph would triple the page (73,000 ties at 25,000
    # structures: 18 MB of text) for tooltips nobody can aim at when zoomed out.
    edge_titles = G.number_of_edges() <= MAX_EDGE_TITLES
    edge_dicts = []
    for k, (u, v, data) in enumerate(G.edges(data=True)):
        e: dict[str, Any] = {"id": f"e{k}", "from": ids[u], "to": ids[v]}
        width = widths.get((u, v), 1.0)
        if width != 1.0:
            e["width"] = width
        if edge_titles:
            e["title"] = _edge_title(G, u, v, data, lang)
        if frozenset((u, v)) in lit_pairs:
            e["color"] = {"color": HIGHLIGHT_COLOUR, "opacity": 1.0}
            e["width"] = max(4.0, width)
        elif frozenset((u, v)) in dashed_pairs:
            e["color"] = {"color": SUGGESTION_COLOUR, "opacity": 1.0}
            e["dashes"] = True
            e["width"] = max(3.0, width)
        elif frozenset((u, v)) in declared:
            e.update(_declared_style(declared[frozenset((u, v))], u, v, faded=fade))
            if edge_titles:
                e["title"] += "\n" + _declared_title(G, declared[frozenset((u, v))], lang)
        elif fade:
            e["color"] = {"color": EDGE_COLOUR, "opacity": 0.3}
        edge_dicts.append(e)
    suggested = 0
    extra = [*wanted, *((u, v) for u, v in dashed if frozenset((u, v)) in dashed_pairs)]
    seen: set[frozenset] = set()
    for u, v in extra:
        pair = frozenset((u, v))
        if pair in seen:
            continue
        seen.add(pair)
        if u in ids and v in ids and u != v and not G.has_edge(u, v):
            name_u = str(G.nodes[u].get("name") or u)
            name_v = str(G.nodes[v].get("name") or v)
            edge_dicts.append(
                {
                    "id": f"s{suggested}",
                    "from": ids[u],
                    "to": ids[v],
                    "width": 3.0,
                    "dashes": True,
                    "color": {"color": SUGGESTION_COLOUR, "opacity": 1.0},
                    "title": f"{t('viz.edge.suggested', lang)}\n{name_u} — {name_v}",
                }
            )
            suggested += 1
    # Declared links the rule does not count: no tie of G, drawn lighter.
    for k, (pair, directions) in enumerate(
        sorted(declared.items(), key=lambda x: sorted(map(str, x[0])))
    ):
        u, v = sorted(pair, key=str)
        if u not in ids or v not in ids or G.has_edge(u, v):
            continue
        e = {"id": f"d{k}", "from": ids[u], "to": ids[v]}
        e.update(_declared_style(directions, u, v, faded=fade, counted=False))
        name_u = str(G.nodes[u].get("name") or u)
        name_v = str(G.nodes[v].get("name") or v)
        e["title"] = "\n".join(
            (
                f"{name_u} — {name_v}",
                _declared_title(G, directions, lang),
                t("viz.edge.not_counted", lang),
            )
        )
        edge_dicts.append(e)
    net.add_edge_dicts(edge_dicts)

    legend_box = None
    if legend:
        hex_colour = re.compile(r"^#[0-9A-Fa-f]{6}$")
        legend_box = {
            "color_title": str(legend.get("color_title") or ""),
            "colors": [
                (str(k), v)
                for k, v in (legend.get("colors") or {}).items()
                if isinstance(v, str) and hex_colour.match(v)
            ],
            "more": str(legend.get("more") or ""),
            "lines": [str(legend[k]) for k in ("size", "declared", "names") if legend.get(k)],
        }
    names.sort(key=lambda x: x["_rank"])
    for x in names:
        del x["_rank"]
    return net.generate_html(
        labels=names[:MAX_LABELS],
        legend=legend_box,
        # with physics the dots move away from where the names would be written
        areas=territory_areas(G, positions) if territory_labels and not physics else [],
        focus=ids.get(focus) if focus is not None else None,
        lang=lang,
        page_title=heading or t("viz.page_title", lang),
    )


# The app's panels beside a graph: the same autoescaping environment as the graph page --
_PANEL_TEMPLATE = """<div class="ess-count">{% for number, word in counts %}<div><b>{{ number }}</b> {{ word }}</div>{% endfor %}</div>
<div class="ess-legend"><b>{{ legend.color_title }}</b>
{% for label, colour in legend.colors %}<div><span class="dot" style="background: {{ colour }}"></span>{{ label }}</div>{% endfor %}
{% if legend.more %}<div>{{ legend.more }}</div>{% endif %}
{% if legend.size %}<div style="margin-top: 0.6em">{{ legend.size }}</div>{% endif %}
{% for line in lines %}<div style="margin-top: 0.6em"><span style="display: inline-block; width: 2.2em; border-top: 3px {{ line.style }} {{ line.colour }}; vertical-align: 0.3em; margin-right: 0.4em"></span>{% if line.arrow %}&#9656; {% endif %}{{ line.text }}</div>{% endfor %}
{% if legend.names %}<div class="ess-names">{{ legend.names }}</div>{% endif %}</div>"""

_TITLE_TEMPLATE = """<p class="ess-present-title">{{ title }}</p>{% if note %}<p class="ess-present-note">{{ note }}</p>{% endif %}"""

#: Line styles a legend panel may show, and their colours.
LEGEND_LINES = {
    "declared": ("dotted", DECLARED_EDGE["color"]["color"], True),
    "proposed": ("dashed", SUGGESTION_COLOUR, False),
}


def legend_panel(
    legend: Mapping[str, Any] | None,
    *,
    counts: Iterable[tuple[str, str]] = (),
    lines: Mapping[str, str] | None = None,
) -> str:
    """The counts and the legend shown beside a graph, as escaped HTML (for ``st.html``).

    Parameters
    ----------
    legend : mapping or None
        `ess_graph.viz.style.legend`'s dict, plus ``names`` (the names' rule); colours
        that are not ``#RRGGBB`` are left out.
    counts : iterable of (number, word)
        E.g. ``[("29", "structures"), ("55", "liens")]``, already in the language.
    lines : mapping
        Line styles present, by `LEGEND_LINES` key, with their explanation.

    >>> html = legend_panel({"color_title": "<b>", "colors": {"A": "#000000"}},
    ...                     counts=[("1", "structure")], lines={"proposed": "idée"})
    >>> "&lt;b&gt;" in html and "dashed" in html and "<b>1</b> structure" in html
    True
    """
    legend = dict(legend or {})
    colour = re.compile(r"^#[0-9A-Fa-f]{6}$")
    box = {
        "color_title": str(legend.get("color_title") or ""),
        "colors": [
            (str(k), v)
            for k, v in (legend.get("colors") or {}).items()
            if isinstance(v, str) and colour.match(v)
        ],
        "more": str(legend.get("more") or ""),
        "size": str(legend.get("size") or ""),
        "names": str(legend.get("names") or ""),
    }
    shown = [
        {"style": style, "colour": hue, "arrow": arrow, "text": str(text)}
        for name, text in (lines or {}).items()
        if name in LEGEND_LINES and text
        for style, hue, arrow in [LEGEND_LINES[name]]
    ]
    template = _environment().from_string(_PANEL_TEMPLATE)
    return template.render(counts=list(counts), legend=box, lines=shown)


def title_line(title: str, note: str = "") -> str:
    """A presented view's title and its one-line note, as escaped HTML.

    >>> title_line("<i>Brest</i>", "")
    '<p class="ess-present-title">&lt;i&gt;Brest&lt;/i&gt;</p>'
    """
    return _environment().from_string(_TITLE_TEMPLATE).render(title=title, note=note)
