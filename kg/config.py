"""Where the graph lives: command-line options, then environment, then a ``kg.toml`` file.

The file is ``$KG_CONFIG`` if set, else ``kg.toml`` in the working directory::

    [store]
    path = ".kg/store"                          # embedded Oxigraph store directory
    endpoint = "http://127.0.0.1:7878/query"    # or a SPARQL 1.1 endpoint
    update_endpoint = "http://127.0.0.1:7878/update"
    gsp_endpoint = "http://127.0.0.1:7878/store"

Precedence, per setting: command-line option > environment (``KG_STORE``, ``KG_ENDPOINT``,
``KG_UPDATE_ENDPOINT``, ``KG_GSP_ENDPOINT``) > file > default. An endpoint given at a higher level
wins over a store path given at a lower one (``--store`` on the command line is not overridden by an
endpoint in the file, and vice versa), so one explicit choice is never silently replaced.
"""

from __future__ import annotations

import os
import tomllib
from dataclasses import dataclass
from pathlib import Path

__all__ = ["ConfigError", "StoreConfig", "config_path", "load_file", "resolve"]

DEFAULT_STORE = ".kg/store"
_KEYS = ("path", "endpoint", "update_endpoint", "gsp_endpoint")
_ENV = {
    "path": "KG_STORE",
    "endpoint": "KG_ENDPOINT",
    "update_endpoint": "KG_UPDATE_ENDPOINT",
    "gsp_endpoint": "KG_GSP_ENDPOINT",
}


class ConfigError(ValueError):
    """A configuration file that cannot be read; the message names the file and the problem."""


@dataclass(frozen=True)
class StoreConfig:
    path: str | None = None
    endpoint: str | None = None
    update_endpoint: str | None = None
    gsp_endpoint: str | None = None
    source: str = "default"  # where the store choice came from: option | env | file | default

    @property
    def store_dir(self) -> Path:
        return Path(self.path or DEFAULT_STORE)


def config_path() -> Path | None:
    """``$KG_CONFIG`` (must exist) or ``./kg.toml`` if present."""
    given = os.environ.get("KG_CONFIG")
    if given:
        p = Path(given)
        if not p.is_file():
            raise ConfigError(f"KG_CONFIG={given}: no such file")
        return p
    p = Path("kg.toml")
    return p if p.is_file() else None


def load_file(path: Path | None = None) -> dict[str, str]:
    """The ``[store]`` table of the configuration file, checked; ``{}`` when there is no file."""
    path = path if path is not None else config_path()
    if path is None:
        return {}
    try:
        with open(path, "rb") as fh:
            data = tomllib.load(fh)
    except tomllib.TOMLDecodeError as e:
        raise ConfigError(f"{path}: not valid TOML ({e})") from None
    except OSError as e:
        raise ConfigError(f"{path}: cannot read ({e.strerror or e})") from None
    table = data.get("store", {})
    if not isinstance(table, dict):
        raise ConfigError(f"{path}: [store] must be a table")
    out: dict[str, str] = {}
    for k, v in table.items():
        if k not in _KEYS:
            raise ConfigError(f"{path}: unknown key store.{k} (known: {', '.join(_KEYS)})")
        if not isinstance(v, str) or not v:
            raise ConfigError(f"{path}: store.{k} must be a non-empty string")
        out[k] = v
    if "path" in out and not Path(out["path"]).is_absolute():
        # A relative store path in the file is relative to the file, not to where kg runs.
        out["path"] = str(path.parent / out["path"]) if path.parent != Path(".") else out["path"]
    return out


def resolve(
    store_dir: str | os.PathLike[str] | None = None,
    endpoint: str | None = None,
    update_endpoint: str | None = None,
    gsp_endpoint: str | None = None,
) -> StoreConfig:
    """Merge the levels: options > environment > file.

    The first level that names a store (a path or an endpoint) decides which store is used; the
    update and GSP URLs of an endpoint come from the highest level that gives them (the file's only
    when the file names no endpoint or the same one). The file is read only when it is needed.
    """
    options: dict[str, str | None] = {
        "path": str(store_dir) if store_dir is not None else None,
        "endpoint": endpoint,
        "update_endpoint": update_endpoint,
        "gsp_endpoint": gsp_endpoint,
    }
    env: dict[str, str | None] = {k: os.environ.get(v) or None for k, v in _ENV.items()}
    levels: list[tuple[str, dict[str, str | None]]] = [("option", options), ("env", env)]
    chosen = next(((src, v) for src, v in levels if v.get("endpoint") or v.get("path")), None)
    if chosen is None or (
        chosen[1]["endpoint"] and not all(options[k] or env[k] for k in ("update_endpoint", "gsp_endpoint"))
    ):
        file_values: dict[str, str | None] = dict(load_file())
        levels.append(("file", file_values))
        if chosen is None and (file_values.get("endpoint") or file_values.get("path")):
            chosen = ("file", file_values)
    if chosen is None:
        return StoreConfig(source="default")
    source, values = chosen
    ep = values.get("endpoint")
    if not ep:
        return StoreConfig(path=values.get("path"), source=source)
    extra: dict[str, str | None] = {"update_endpoint": None, "gsp_endpoint": None}
    for key in extra:
        for src, lv in levels:
            if src == "file" and lv.get("endpoint") not in (None, ep):
                continue  # the file describes another server
            if lv.get(key):
                extra[key] = lv[key]
                break
    return StoreConfig(None, ep, extra["update_endpoint"], extra["gsp_endpoint"], source)
