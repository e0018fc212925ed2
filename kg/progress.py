"""A progress bar for long runs (rich), silent when output is not a terminal."""

from __future__ import annotations

from types import TracebackType
from typing import Any

__all__ = ["Progress"]


class Progress:
    def __init__(self, enabled: bool, label: str = "working") -> None:
        self.enabled = enabled
        self.label = label
        self._progress: Any = None
        self._task: Any = None

    def __enter__(self) -> Progress:
        if self.enabled:
            from rich.progress import BarColumn, MofNCompleteColumn, TextColumn, TimeRemainingColumn
            from rich.progress import Progress as RichProgress

            self._progress = RichProgress(
                TextColumn("{task.description}"),
                BarColumn(),
                MofNCompleteColumn(),
                TextColumn("{task.fields[rate]}"),
                TimeRemainingColumn(),
                transient=True,
            )
            self._progress.__enter__()
        return self

    def start(self, total: int) -> None:
        if self._progress is not None:
            self._task = self._progress.add_task(self.label, total=total, rate="")

    def advance(self, _outcome: object = None, done: int = 0) -> None:
        if self._progress is not None and self._task is not None:
            task = self._progress.tasks[0]
            rate = f"{done / task.elapsed:.0f} docs/s" if task.elapsed else ""
            self._progress.update(self._task, completed=done, rate=rate)

    def __exit__(
        self, et: type[BaseException] | None, ev: BaseException | None, tb: TracebackType | None
    ) -> None:
        if self._progress is not None:
            self._progress.__exit__(et, ev, tb)
