"""The ``kg`` executable: the command line of :mod:`kg.cli`, and a Ctrl-C while it is still starting
(importing its modules takes a moment) ends with a one-line message, not a traceback."""

from __future__ import annotations

import sys

__all__ = ["main"]


def main() -> None:
    try:
        from kg.cli import main as cli
    except KeyboardInterrupt:
        sys.stderr.write("kg: error: interrupted\n")
        sys.exit(130)
    cli()


if __name__ == "__main__":  # pragma: no cover
    main()
