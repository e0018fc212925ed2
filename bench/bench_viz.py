"""How long the corpus view takes to become interactive in headless Chromium (kg viz).

A synthetic graph with the shape of kg.netgraph.load_graph's (kg.viz.synthetic: documents implementing
central documents, bodies, signatories, measures; ~4 edges per node) is fed to the view builder at
several sizes; each page is opened in headless Chromium with the network blocked and timed from
navigation start to the first draw (physics off above kg.viz.LAYOUT_THRESHOLD nodes) or to the end of
stabilisation (physics on). The 5,000-node aggregated view (documents by province-year, bodies by
province) is timed too.

    python bench/bench_viz.py [--sizes 1000 2500 5000]

Prints a table and writes bench/results/viz.json.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from _common import machine, table, write_result

from kg.viz.browser import missing_reason, session
from kg.viz.layout import LAYOUT_THRESHOLD
from kg.viz.page import render_view
from kg.viz.synthetic import synthetic_graph
from kg.viz.views import aggregate, corpus_view


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--sizes", type=int, nargs="+", default=[1000, 2500, 5000])
    args = ap.parse_args()
    reason = missing_reason()
    if reason:
        print(f"bench_viz: skipped: {reason}", file=sys.stderr)
        return 0
    rows: list[dict[str, Any]] = []
    with tempfile.TemporaryDirectory(prefix="kg-bench-viz-") as tmp, session() as browser:
        for n in args.sizes:
            g = synthetic_graph(n)
            for label, graph in (("full", g), ("aggregated", None)):
                t0 = time.perf_counter()
                gg = graph if graph is not None else aggregate(g)
                view = corpus_view(gg, {}, file=f"corpus-{n}-{label}.html")
                t1 = time.perf_counter()
                html = render_view(view)
                path = Path(tmp) / view.file
                path.write_text(html, encoding="utf-8")
                t2 = time.perf_counter()
                page, rep = browser.open(path, timeout_ms=180_000)
                page.close()
                ready = max(rep.timing.get("stabilized", 0.0), rep.timing.get("firstDraw", 0.0))
                rows.append(
                    {
                        "graph_nodes": n,
                        "view": label,
                        "nodes": len(view.nodes),
                        "edges": len(view.edges),
                        "physics": view.physics,
                        "build_s": round(t1 - t0, 3),
                        "render_s": round(t2 - t1, 3),
                        "html_mb": round(len(html.encode()) / 1e6, 2),
                        "script_start_ms": round(rep.timing.get("scriptStart", 0.0)),
                        "network_ms": round(rep.timing.get("network", 0.0)),
                        "first_draw_ms": round(rep.timing.get("firstDraw", 0.0)),
                        "interactive_ms": round(ready),
                        "console_errors": len(rep.console_errors),
                        "requests": len(rep.requests_blocked),
                        "drawn_ok": (rep.nodes_drawn, rep.edges_drawn) == (len(view.nodes), len(view.edges)),
                    }
                )
                print(f"  {n} {label}: {rows[-1]['interactive_ms']} ms", file=sys.stderr)
    headers = list(rows[0])
    print(table(headers, [[r[h] for h in headers] for r in rows]))
    out = write_result("viz", {"machine": machine(), "layout_threshold": LAYOUT_THRESHOLD, "runs": rows})
    print(f"\nwrote {out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
