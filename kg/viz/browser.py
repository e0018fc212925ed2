"""Open views in headless Chromium with the network blocked (for tests and the benchmark).

Uses Playwright for Python with the system Chromium (``/usr/bin/chromium`` or ``$KG_CHROMIUM``); it
never downloads a browser. Every request that is not ``file://`` or ``data:`` is aborted and recorded.
"""

from __future__ import annotations

import os
import shutil
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

__all__ = ["CHROMIUM_ARGS", "BrowserSession", "PageReport", "chromium_path", "missing_reason", "session"]

CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


def chromium_path() -> str | None:
    for c in (
        os.environ.get("KG_CHROMIUM"),
        "/usr/bin/chromium",
        shutil.which("chromium"),
        shutil.which("chromium-browser"),
    ):
        if c and Path(c).is_file():
            return c
    return None


def missing_reason() -> str | None:
    """Why the browser cannot run here (None if it can)."""
    if chromium_path() is None:
        return "Chromium not found (apt-get install chromium, or set KG_CHROMIUM)"
    try:
        import playwright.sync_api  # noqa: F401
    except ImportError:
        return (
            "Playwright for Python is not installed (pip install playwright; no 'playwright install' needed)"
        )
    return None


@dataclass
class PageReport:
    url: str
    console_errors: list[str] = field(default_factory=list)
    requests_blocked: list[str] = field(default_factory=list)
    nodes_drawn: int = -1
    edges_drawn: int = -1
    timing: dict[str, float] = field(default_factory=dict)


class BrowserSession:
    def __init__(self, context: Any) -> None:
        self.context = context
        self.blocked: list[str] = []
        context.route("**/*", self._route)

    def _route(self, route: Any) -> None:
        url = route.request.url
        if url.startswith(("file://", "data:")):
            route.continue_()
        else:
            self.blocked.append(url)
            route.abort()

    def open(self, path: Path, timeout_ms: int = 60_000) -> tuple[Any, PageReport]:
        """Load a view, wait until it is drawn (and stabilised if it uses physics), report what happened."""
        page = self.context.new_page()
        report = PageReport(path.resolve().as_uri())
        page.on("console", lambda m: report.console_errors.append(m.text) if m.type == "error" else None)
        page.on("pageerror", lambda e: report.console_errors.append(f"pageerror: {e}"))
        before = len(self.blocked)
        page.goto(report.url)
        if page.evaluate("typeof window.kgNetwork !== 'undefined'"):
            # poll with evaluate: wait_for_function would eval a string, which the page's CSP forbids
            deadline = time.monotonic() + timeout_ms / 1000
            while not page.evaluate("window.kgReady === true"):
                if time.monotonic() > deadline:
                    raise TimeoutError(f"{path.name}: not drawn after {timeout_ms} ms")
                time.sleep(0.02)
            report.nodes_drawn = page.evaluate("window.kgNetwork.body.nodeIndices.length")
            report.edges_drawn = page.evaluate("window.kgNetwork.body.edgeIndices.length")
            report.timing = page.evaluate("window.kgTiming")
        report.requests_blocked = self.blocked[before:]
        return page, report


@contextmanager
def session(viewport: tuple[int, int] = (1400, 900)) -> Iterator[BrowserSession]:
    from playwright.sync_api import sync_playwright

    exe = chromium_path()
    if exe is None:
        raise RuntimeError(missing_reason() or "no chromium")
    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=exe, args=CHROMIUM_ARGS, headless=True)
        try:
            context = browser.new_context(
                viewport={"width": viewport[0], "height": viewport[1]}, service_workers="block"
            )
            yield BrowserSession(context)
            context.close()
        finally:
            browser.close()
