"""Terminal output: diagnostics and notes to stderr, results to stdout, a progress bar on a terminal."""

from __future__ import annotations

import contextlib
import shutil
import sys
import time
from collections.abc import Callable, Iterator

import click

from generator.diagnostics import Diagnostic


def out(text: str) -> None:
    click.echo(text)


def info(text: str) -> None:
    _to_stderr(text)


def error(text: str) -> None:
    _to_stderr(f"reportgen: {text}")


def diagnostics(found: list[Diagnostic]) -> None:
    for d in found:
        _to_stderr(d.render())


class _Bar:
    """`[#####-----]  120/1000` on the last line of stderr; lines printed meanwhile go above it."""

    INTERVAL = 0.1  # seconds between redraws: thousands of files a second would flood the terminal

    def __init__(self, total: int) -> None:
        self.total, self.done, self.drawn_at = total, 0, 0.0

    def advance(self) -> None:
        self.done += 1
        now = time.monotonic()
        if now - self.drawn_at >= self.INTERVAL or self.done == self.total:
            self.drawn_at = now
            self.draw()

    def draw(self) -> None:
        count = f" {self.done}/{self.total}"
        width = max(10, min(50, shutil.get_terminal_size().columns - len(count) - 3))
        filled = width * self.done // self.total
        click.echo(f"\r[{'#' * filled}{'-' * (width - filled)}]{count}", err=True, nl=False)

    def clear(self) -> None:
        click.echo("\r\033[K", err=True, nl=False)


_bar: _Bar | None = None


def _to_stderr(text: str) -> None:
    if _bar is None:
        click.echo(text, err=True)
        return
    _bar.clear()
    click.echo(text, err=True)
    _bar.draw()


@contextlib.contextmanager
def progress(total: int) -> Iterator[Callable[[], None]]:
    """A bar on stderr for several files when stderr is a terminal; nothing otherwise (CI logs)."""
    global _bar
    if total < 2 or not sys.stderr.isatty():
        yield lambda: None
        return
    _bar = _Bar(total)
    _bar.draw()
    try:
        yield _bar.advance
    finally:
        _bar.clear()
        _bar = None
