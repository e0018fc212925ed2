"""Layouts computed in Python for graphs too large for the browser's physics simulation.

Above :data:`LAYOUT_THRESHOLD` nodes a view is drawn with physics off at positions computed here:
nodes are grouped (by province), each group is laid out by networkx's spring layout (groups of fewer
than :data:`SPRING_MAX` nodes; larger ones on a sunflower spiral, hubs in the middle), and the groups
are packed on a spiral around the largest. Linear in the number of groups × group size², a 5,000-node
corpus takes about a second, where ``nx.spring_layout`` on the whole graph takes 7 s (5 iterations).

Why 500: in headless Chromium the physics simulation of a 1,000-node, 4,400-edge view needs ~6 s to
stabilise, while the same view with precomputed positions draws in ~1 s (bench/bench_viz.py).
"""

from __future__ import annotations

import math
from collections import defaultdict
from collections.abc import Hashable, Iterable

import networkx as nx

__all__ = ["LAYOUT_THRESHOLD", "SPRING_MAX", "grouped_layout"]

LAYOUT_THRESHOLD = 500
SPRING_MAX = 150
_SPACING = 28.0  # pixels per node at scale 1
_GOLDEN = math.pi * (3 - math.sqrt(5))


def _sunflower(nodes: list[Hashable], radius: float) -> dict[Hashable, tuple[float, float]]:
    n = max(len(nodes), 1)
    out = {}
    for i, v in enumerate(nodes):
        r = radius * math.sqrt((i + 0.5) / n)
        out[v] = (r * math.cos(i * _GOLDEN), r * math.sin(i * _GOLDEN))
    return out


def _group_positions(
    h: nx.Graph, members: list[Hashable], seed: int
) -> tuple[dict[Hashable, tuple[float, float]], float]:
    radius = _SPACING * math.sqrt(len(members)) * 1.2
    if len(members) == 1:
        return {members[0]: (0.0, 0.0)}, _SPACING
    if len(members) > SPRING_MAX:
        ordered = sorted(members, key=lambda v: (-h.degree(v), str(v)))
        return _sunflower(ordered, radius), radius
    sub = h.subgraph(members)
    pos = nx.spring_layout(sub, iterations=15, seed=seed)
    # normalise into a disc of the group's radius
    far = max((math.hypot(x, y) for x, y in pos.values()), default=1.0) or 1.0
    return {v: (float(x) / far * radius, float(y) / far * radius) for v, (x, y) in pos.items()}, radius


def grouped_layout(
    nodes: Iterable[Hashable],
    edges: Iterable[tuple[Hashable, Hashable]],
    group: dict[Hashable, str],
    seed: int = 1,
) -> dict[Hashable, tuple[float, float]]:
    """Positions for every node: groups laid out separately, then packed without overlap."""
    h = nx.Graph()
    h.add_nodes_from(nodes)
    h.add_edges_from((u, v) for u, v in edges if u in h and v in h)
    groups: dict[str, list[Hashable]] = defaultdict(list)
    for v in h.nodes:
        groups[group.get(v) or ""].append(v)
    laid = []
    for name, members in groups.items():
        members.sort(key=str)
        pos, radius = _group_positions(h, members, seed)
        laid.append((radius, name, pos))
    laid.sort(key=lambda t: (t[1] != "", -t[0], t[1]))  # ungrouped nodes (measures) in the middle
    placed: list[tuple[float, float, float]] = []
    out: dict[Hashable, tuple[float, float]] = {}
    last = 0
    for radius, _name, pos in laid:
        cx = cy = 0.0
        if placed:
            step = max(0, last - 40)  # the spiral fills outwards
            while True:
                step += 1
                r = math.sqrt(step) * _SPACING * 4
                cx, cy = r * math.cos(step * _GOLDEN), r * math.sin(step * _GOLDEN)
                if all(math.hypot(cx - x, cy - y) >= radius + pr + _SPACING for x, y, pr in placed):
                    break
            last = step
        placed.append((cx, cy, radius))
        for v, (x, y) in pos.items():
            out[v] = (round(cx + x, 1), round(cy + y, 1))
    return out
