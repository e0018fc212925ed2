"""One self-contained HTML page per view: vis-network, our script and styles and the data all inline.

Safety: the page has a Content-Security-Policy that forbids every fetch (``default-src 'none'``), so
nothing can leave the page even by mistake; text from documents reaches the page only as JSON inside
``<script type="application/json">`` with ``<``, ``>``, ``&``, U+2028 and U+2029 escaped, and the
script puts it in the DOM with ``textContent`` / text nodes only (tooltips are DOM elements built that
way, never HTML strings). The few strings written into the HTML itself go through ``html.escape``.
"""

from __future__ import annotations

import html
import json
from dataclasses import dataclass, field
from typing import Any

from kg.viz.assets import vis_assets

__all__ = ["CSP", "View", "json_for_script", "render_index", "render_view"]

CSP = (
    "default-src 'none'; script-src 'unsafe-inline'; style-src 'unsafe-inline'; img-src data:; "
    "base-uri 'none'; form-action 'none'"
)


@dataclass
class View:
    """A view ready to render: vis nodes/edges (plain dicts) plus what the page shows around them."""

    file: str
    title: str
    kind: str
    nodes: list[dict[str, Any]]
    edges: list[dict[str, Any]]
    legend: list[dict[str, Any]] = field(default_factory=list)
    options: dict[str, Any] = field(default_factory=dict)
    filters: dict[str, Any] | None = None
    description: str = ""
    physics: bool = True

    def summary(self) -> dict[str, Any]:
        return {
            "file": self.file,
            "title": self.title,
            "kind": self.kind,
            "nodes": len(self.nodes),
            "edges": len(self.edges),
            "physics": self.physics,
        }


_JSON_ESCAPES = {"<": "\\u003c", ">": "\\u003e", "&": "\\u0026", "\u2028": "\\u2028", "\u2029": "\\u2029"}


def json_for_script(data: Any) -> str:
    """JSON that is safe inside ``<script>``: no ``</script>``, ``<!--``, U+2028/2029 can survive."""
    text = json.dumps(data, ensure_ascii=False, separators=(",", ":"))
    return (
        "".join(_JSON_ESCAPES.get(ch, ch) for ch in text) if any(c in text for c in _JSON_ESCAPES) else text
    )


_CSS = """
*{box-sizing:border-box}
html,body{margin:0;height:100%;font-size:14px;color:#222;background:#fafafa;
  font-family:system-ui,-apple-system,"Segoe UI",Roboto,"Noto Sans",Arial,sans-serif}
#kg-top{display:flex;align-items:center;gap:12px;padding:6px 12px;background:#263238;color:#fff;height:48px}
#kg-top h1{font-size:16px;margin:0;font-weight:600;white-space:nowrap;overflow:hidden;
  text-overflow:ellipsis;flex:1}
#kg-top a{color:#cfe8ff;text-decoration:none;white-space:nowrap}
#kg-top a:hover{text-decoration:underline}
#kg-search{width:260px;padding:5px 8px;border-radius:4px;border:1px solid #90a4ae;font-size:14px}
#kg-search-count{min-width:70px;font-size:12px;color:#cfd8dc}
#kg-main{display:flex;height:calc(100% - 48px)}
#kg-side{width:290px;overflow:auto;padding:10px;border-right:1px solid #ddd;background:#fff}
#kg-side h2{font-size:13px;margin:12px 0 6px;text-transform:uppercase;color:#546e7a;letter-spacing:.04em}
#kg-network{flex:1;position:relative;background:#fff}
.kg-legend-item{display:flex;align-items:center;gap:8px;margin:3px 0}
.kg-sw{display:inline-block;width:16px;height:16px;border:2px solid #333;flex:none}
.kg-sw-box{border-radius:3px}.kg-sw-ellipse,.kg-sw-dot{border-radius:50%}
.kg-sw-diamond{transform:rotate(45deg) scale(.8)}
.kg-sw-hexagon{clip-path:polygon(25% 5%,75% 5%,100% 50%,75% 95%,25% 95%,0 50%)}
.kg-sw-square{border-radius:0}
.kg-sw-line{height:0;border-width:2px 0 0 0;width:22px}
.kg-sw-dashed{border-top-style:dashed}
#kg-filters label{display:block;margin:2px 0}
#kg-filters select{width:100%;margin:2px 0 6px}
#kg-info{font-size:13px;line-height:1.4;word-wrap:break-word}
#kg-info a{color:#1565c0}
.kg-tip{max-width:420px;white-space:normal;font-size:12px;line-height:1.35}
.kg-tip b{color:#37474f}
div.vis-tooltip{white-space:normal;max-width:440px}
#kg-note{font-size:12px;color:#607d8b;margin-top:10px}
"""

_JS = r"""
(function () {
  'use strict';
  var timing = window.kgTiming = {scriptStart: performance.now()};
  var DATA = JSON.parse(document.getElementById('kg-data').textContent);
  timing.parsed = performance.now();
  function fold(s) {
    return String(s == null ? '' : s).toLowerCase().normalize('NFD')
      .replace(/[\u0300-\u036f]/g, '').replace(/\u0111/g, 'd').replace(/\s+/g, ' ').trim();
  }
  window.kgFold = fold;
  function tipElement(rows) {
    if (!rows || !rows.length) { return undefined; }
    var box = document.createElement('div');
    box.className = 'kg-tip';
    rows.forEach(function (r) {
      var line = document.createElement('div');
      if (r[0]) { var b = document.createElement('b'); b.textContent = r[0] + ': '; line.appendChild(b); }
      line.appendChild(document.createTextNode(String(r[1])));
      box.appendChild(line);
    });
    return box;
  }
  var keys = {};
  var nodeItems = DATA.nodes.map(function (n) {
    keys[n.id] = fold(n.label + ' ' + (n.search || ''));
    var o = Object.assign({}, n);
    o.title = tipElement(n.tip);
    return o;
  });
  var edgeItems = DATA.edges.map(function (e) {
    var o = Object.assign({}, e);
    o.title = tipElement(e.tip);
    return o;
  });
  var nodes = new vis.DataSet(nodeItems);
  var edges = new vis.DataSet(edgeItems);
  var visible = null;  // null = everything
  var nodesView = new vis.DataView(nodes, {filter: function (n) {
    return visible === null || visible.has(n.id);
  }});
  var edgesView = new vis.DataView(edges, {filter: function (e) {
    return visible === null || (visible.has(e.from) && visible.has(e.to));
  }});
  timing.datasets = performance.now();
  var container = document.getElementById('kg-network');
  var network = new vis.Network(container, {nodes: nodesView, edges: edgesView}, DATA.options);
  timing.network = performance.now();
  window.kgNetwork = network; window.kgNodes = nodes; window.kgEdges = edges;
  window.kgView = {file: DATA.file, kind: DATA.kind, nodes: DATA.nodes.length, edges: DATA.edges.length};
  network.once('afterDrawing', function () {
    timing.firstDraw = performance.now();
    if (!DATA.physics) { window.kgReady = true; }
  });
  if (DATA.physics) {
    network.once('stabilizationIterationsDone', function () {
      timing.stabilized = performance.now();
      network.setOptions({physics: false});
      network.fit({animation: false});
      window.kgReady = true;
    });
  }

  // -- info panel and links between views
  var info = document.getElementById('kg-info');
  function showInfo(item) {
    while (info.firstChild) { info.removeChild(info.firstChild); }
    if (!item) { return; }
    var t = tipElement(item.tip || [['', item.label]]);
    if (t) { info.appendChild(t); }
    if (item.url) {
      var a = document.createElement('a');
      a.href = item.url; a.textContent = 'Mở sơ đồ của văn bản này \u2192';
      var p = document.createElement('p'); p.appendChild(a); info.appendChild(p);
    }
  }
  network.on('click', function (p) {
    if (p.nodes.length) { showInfo(nodes.get(p.nodes[0])); }
    else if (p.edges.length) { showInfo(edges.get(p.edges[0])); }
  });
  network.on('doubleClick', function (p) {
    if (!p.nodes.length) { return; }
    var n = nodes.get(p.nodes[0]);
    if (n && n.url) { window.location.href = n.url; }
  });

  // -- search without diacritics
  var box = document.getElementById('kg-search');
  var count = document.getElementById('kg-search-count');
  function search(q) {
    var k = fold(q);
    if (!k) { network.unselectAll(); count.textContent = ''; return []; }
    var words = k.split(' ');
    var ids = DATA.nodes.filter(function (n) {
      var key = keys[n.id];
      return (key.indexOf(k) >= 0 || words.every(function (w) { return key.indexOf(w) >= 0; })) &&
        (visible === null || visible.has(n.id));
    }).map(function (n) { return n.id; });
    network.selectNodes(ids, false);
    if (ids.length === 1) {
      network.focus(ids[0], {scale: 1.2, animation: false});
      showInfo(nodes.get(ids[0]));
    }
    else if (ids.length > 1) { network.fit({nodes: ids, animation: false}); }
    count.textContent = ids.length + ' kết quả';
    return ids;
  }
  window.kgSearch = search;
  var pending = null;
  box.addEventListener('input', function () {
    clearTimeout(pending);
    pending = setTimeout(function () { search(box.value); }, 150);
  });
  box.addEventListener('keydown', function (ev) {
    if (ev.key === 'Enter') { clearTimeout(pending); search(box.value); }
  });

  // -- filters (corpus view): by node type, province, year, measure
  var F = DATA.filters;
  if (F) {
    var adj = {};
    DATA.edges.forEach(function (e) {
      (adj[e.from] = adj[e.from] || []).push(e.to);
      (adj[e.to] = adj[e.to] || []).push(e.from);
    });
    var state = {types: {}, prov: '', year: '', meas: ''};
    F.types.forEach(function (t) { state.types[t[0]] = true; });
    function status(n, crit) {
      var neutral = false;
      for (var i = 0; i < crit.length; i++) {
        var v = n[crit[i][0]];
        if (v === undefined || v === null) { neutral = true; continue; }
        if (Array.isArray(v) ? v.indexOf(crit[i][1]) < 0 : v !== crit[i][1]) { return 'fail'; }
      }
      return neutral ? 'neutral' : 'match';
    }
    function apply() {
      var crit = [];
      if (state.prov) { crit.push(['f_prov', state.prov]); }
      if (state.year) { crit.push(['f_year', state.year]); }
      if (state.meas) { crit.push(['f_meas', state.meas]); }
      var allTypes = F.types.every(function (t) { return state.types[t[0]]; });
      if (!crit.length && allTypes) { visible = null; }
      else {
        var st = {}, vis2 = new Set();
        DATA.nodes.forEach(function (n) { st[n.id] = state.types[n.kind] ? status(n, crit) : 'fail'; });
        DATA.nodes.forEach(function (n) {
          if (st[n.id] === 'match') { vis2.add(n.id); }
          else if (st[n.id] === 'neutral') {
            var nb = adj[n.id] || [];
            for (var i = 0; i < nb.length; i++) { if (st[nb[i]] === 'match') { vis2.add(n.id); break; } }
          }
        });
        visible = vis2;
      }
      nodesView.refresh(); edgesView.refresh();
      document.getElementById('kg-filter-count').textContent =
        (visible === null ? DATA.nodes.length : visible.size) + ' / ' + DATA.nodes.length + ' nút';
    }
    window.kgApplyFilters = function (s) {
      Object.assign(state, s || {});
      apply();
      return visible === null ? DATA.nodes.length : visible.size;
    };
    var root = document.getElementById('kg-filters');
    root.addEventListener('change', function (ev) {
      var el = ev.target;
      if (el.name === 'type') { state.types[el.value] = el.checked; }
      else if (el.name) { state[el.name] = el.value; }
      apply();
    });
    apply();
  }
})();
"""


def _legend_html(items: list[dict[str, Any]]) -> str:
    out = []
    for it in items:
        shape = it.get("shape", "box")
        style = f"background:{it.get('color', '#ccc')};border-color:{it.get('border', '#333')}"
        if shape in {"line", "dashed"}:
            style = f"border-color:{it.get('color', '#333')}"
            shape = "line kg-sw-dashed" if shape == "dashed" else "line"
        title = f' title="{html.escape(it["en"])}"' if it.get("en") else ""
        out.append(
            f'<div class="kg-legend-item" data-kind="{html.escape(str(it.get("kind", "")))}"{title}>'
            f'<span class="kg-sw kg-sw-{html.escape(shape)}" style="{html.escape(style)}"></span>'
            f"<span>{html.escape(it['label'])}</span></div>"
        )
    return "\n".join(out)


def _filters_html(f: dict[str, Any]) -> str:
    parts = ['<div id="kg-filters"><h2>Lọc</h2>']
    for code, label in f["types"]:
        parts.append(
            f'<label><input type="checkbox" name="type" value="{html.escape(code)}" checked> '
            f"{html.escape(label)}</label>"
        )
    for name, label, values in (
        ("prov", "Tỉnh, thành phố", f.get("provinces", [])),
        ("year", "Năm", f.get("years", [])),
        ("meas", "Biện pháp", f.get("measures", [])),
    ):
        opts = ['<option value="">(tất cả)</option>']
        for v in values:
            value, text = (v, v) if isinstance(v, str) else (v[0], v[1])
            opts.append(f'<option value="{html.escape(value)}">{html.escape(text)}</option>')
        parts.append(f'<label>{html.escape(label)}<select name="{name}">{"".join(opts)}</select></label>')
    parts.append('<div id="kg-filter-count"></div></div>')
    return "\n".join(parts)


def _nav(current: str) -> str:
    links = [
        ("index.html", "Mục lục"),
        ("corpus.html", "Toàn bộ"),
        ("bodies-measures.html", "Cơ quan × biện pháp"),
    ]
    return " ".join(f'<a href="{h}">{html.escape(t)}</a>' for h, t in links if h != current)


def render_view(view: View) -> str:
    vis = vis_assets()
    data = {
        "file": view.file,
        "kind": view.kind,
        "nodes": view.nodes,
        "edges": view.edges,
        "options": view.options,
        "filters": view.filters,
        "physics": view.physics,
    }
    side = [f'<h2>Chú giải</h2><div id="kg-legend">{_legend_html(view.legend)}</div>']
    if view.filters:
        side.append(_filters_html(view.filters))
    side.append(
        '<h2>Chi tiết</h2><div id="kg-info">Nhấn vào một nút để xem chi tiết; '
        "nhấn đúp vào văn bản để mở sơ đồ của nó.</div>"
    )
    if view.description:
        side.append(f'<div id="kg-note">{html.escape(view.description)}</div>')
    return f"""<!DOCTYPE html>
<html lang="vi">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="{CSP}">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="generator" content="kg viz (vis-network {html.escape(vis.version)})">
<title>{html.escape(view.title)}</title>
<style>{vis.css}</style>
<style>{_CSS}</style>
</head>
<body>
<div id="kg-top"><h1>{html.escape(view.title)}</h1>
<input id="kg-search" type="search" placeholder="Tìm, không cần dấu: thanh uy can tho" autocomplete="off">
<span id="kg-search-count"></span>
<nav>{_nav(view.file)}</nav></div>
<div id="kg-main"><aside id="kg-side">
{"".join(side)}
</aside><div id="kg-network"></div></div>
<script type="application/json" id="kg-data">{json_for_script(data)}</script>
<script>{vis.js}</script>
<script>{_JS}</script>
</body>
</html>
"""


_INDEX_JS = r"""
(function () {
  'use strict';
  function fold(s) {
    return String(s || '').toLowerCase().normalize('NFD').replace(/[\u0300-\u036f]/g, '')
      .replace(/\u0111/g, 'd').replace(/\s+/g, ' ').trim();
  }
  var box = document.getElementById('kg-search');
  var items = Array.prototype.slice.call(document.querySelectorAll('li[data-search]'));
  items.forEach(function (li) {
    li.dataset.key = fold(li.textContent + ' ' + li.getAttribute('data-search'));
  });
  window.kgSearch = function (q) {
    var k = fold(q), n = 0;
    items.forEach(function (li) {
      var ok = !k || li.dataset.key.indexOf(k) >= 0;
      li.hidden = !ok;
      if (ok) { n++; }
    });
    document.getElementById('kg-search-count').textContent = k ? n + ' kết quả' : '';
    return n;
  };
  box.addEventListener('input', function () { window.kgSearch(box.value); });
})();
"""

_KIND_TITLES = {
    "corpus": "Toàn bộ đồ thị",
    "corpus-aggregated": "Toàn bộ đồ thị (gộp theo tỉnh, năm)",
    "bodies-measures": "Cơ quan × biện pháp",
    "tree": "Cây thực hiện văn bản Trung ương",
    "document": "Văn bản",
}


def render_index(views: list[View], note: str = "") -> str:
    """The table of contents: every view, by kind, with its node and edge counts."""
    sections = []
    for kind, heading in _KIND_TITLES.items():
        these = [v for v in views if v.kind == kind]
        if not these:
            continue
        lis = "\n".join(
            f'<li data-search="{html.escape(v.description)}">'
            f'<a href="{html.escape(v.file)}">{html.escape(v.title)}</a>'
            f" <small>({len(v.nodes)} nút, {len(v.edges)} cạnh)</small></li>"
            for v in these
        )
        sections.append(f"<h2>{html.escape(heading)} ({len(these)})</h2><ul>{lis}</ul>")
    return f"""<!DOCTYPE html>
<html lang="vi">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="{CSP}">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Đồ thị tri thức văn bản chỉ đạo: mục lục</title>
<style>{_CSS}
body{{overflow:auto}} main{{padding:12px 24px;max-width:1100px}} li{{margin:3px 0}} small{{color:#78909c}}
</style>
</head>
<body>
<div id="kg-top"><h1>Đồ thị tri thức văn bản chỉ đạo: mục lục</h1>
<input id="kg-search" type="search" placeholder="Tìm, không cần dấu: thanh uy can tho" autocomplete="off">
<span id="kg-search-count"></span></div>
<main>{f"<p>{html.escape(note)}</p>" if note else ""}
{"".join(sections)}
</main>
<script>{_INDEX_JS}</script>
</body>
</html>
"""
