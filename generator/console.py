"""Terminal output: diagnostics and notes to stderr, results to stdout, a progress bar on a terminal."""

from __future__ import annotations

import contextlib
import sys
from collections.abc import Callable, Iterator

import click

from generator.diagnostics import Diagnostic


def out(text: str) -> None:
    click.echo(text)


def info(text: str) -> None:
    click.echo(text, err=True)


def error(text: str) -> None:
    click.echo(f"reportgen: {text}", err=True)


def diagnostics(found: list[Diagnostic]) -> None:
    for d in found:
        click.echo(d.render(), err=True)


@contextlib.contextmanager
def progress(total: int) -> Iterator[Callable[[], None]]:
    """A bar on stderr for several files when stderr is a terminal; nothing otherwise (CI logs)."""
    if total < 2 or not sys.stderr.isatty():
        yield lambda: None
        return
    with click.progressbar(length=total, file=sys.stderr, show_pos=True) as bar:
        yield lambda: bar.update(1)
