"""vis-network's JavaScript and CSS, read from the copy shipped inside the pyvis package (a dependency of
kg) so that every page can inline them: no CDN, no ``lib/`` folder next to the page.

vis-network is dual licensed Apache-2.0 / MIT (its licence header is kept at the top of the inlined
script). ``$KG_VIS_DIR`` may point to another folder holding ``vis-network.min.js`` and
``vis-network.css`` (for example an npm ``vis-network/standalone/umd`` copy).
"""

from __future__ import annotations

import os
import re
from functools import lru_cache
from pathlib import Path

__all__ = ["VisAssets", "vis_assets"]

_SOURCE_MAP = re.compile(r"^\s*/[/*]# sourceMappingURL=.*$", re.M)


class VisAssets:
    def __init__(self, js: str, css: str, version: str, origin: Path) -> None:
        self.js = js
        self.css = css
        self.version = version
        self.origin = origin


def _candidates() -> list[Path]:
    out: list[Path] = []
    env = os.environ.get("KG_VIS_DIR")
    if env:
        out.append(Path(env))
    out.append(Path(__file__).with_name("static"))
    try:
        import pyvis

        lib = Path(pyvis.__file__).parent / "lib"
        out.extend(
            sorted(
                lib.glob("vis-*"), key=lambda p: [int(x) for x in re.findall(r"\d+", p.name)], reverse=True
            )
        )
    except ImportError:  # pragma: no cover - pyvis is a dependency
        pass
    return out


@lru_cache(maxsize=1)
def vis_assets() -> VisAssets:
    """The newest vis-network found; ``FileNotFoundError`` with a clear message if there is none."""
    for d in _candidates():
        js, css = d / "vis-network.min.js", d / "vis-network.css"
        if js.is_file() and css.is_file():
            text = _SOURCE_MAP.sub("", js.read_text(encoding="utf-8"))
            style = _SOURCE_MAP.sub("", css.read_text(encoding="utf-8"))
            for bad, where in (("</script", text), ("</style", style)):
                if bad in where.lower():
                    raise ValueError(f"{d}: vis-network contains {bad!r} and cannot be inlined")
            m = re.search(r"@version\s+([\w.]+)", text)
            return VisAssets(text, style, m.group(1) if m else "?", d)
    raise FileNotFoundError(
        "vis-network not found: install pyvis (pip install pyvis) or set KG_VIS_DIR to a folder with "
        "vis-network.min.js and vis-network.css"
    )
