"""Interactive, self-contained HTML views of the graph (``kg viz``): see :mod:`kg.viz.views`."""

from __future__ import annotations

from kg.viz.layout import LAYOUT_THRESHOLD
from kg.viz.page import View, json_for_script, render_view
from kg.viz.views import DEFAULT_MAX_NODES, write_views

__all__ = ["DEFAULT_MAX_NODES", "LAYOUT_THRESHOLD", "View", "json_for_script", "render_view", "write_views"]
