"""Each branch file read, validated, linted and rendered once, on every core the roll-up may use.

This is nearly all of a roll-up's work, and each file's share is independent of the others: a
pool of processes (started as `render`'s are, batch.start_method) takes the files in chunks and
returns them in the order given. A small roll-up stays in this process, where starting workers
would cost more than they save.
"""

from __future__ import annotations

import os
import signal
from dataclasses import dataclass, field
from pathlib import Path

from generator.diagnostics import Diagnostic
from generator.errors import ReportgenError
from generator.pipeline import Loaded

CHUNK = 8  # files a worker takes at a time


@dataclass
class Prepared:
    path: Path
    loaded: Loaded
    lint: list[Diagnostic] = field(default_factory=list)  # what `lint --strict` would refuse
    docx: bytes | None = None  # the branch's own render, for the 汇编
    error: str | None = None  # why it could not be rendered (a broken template of its own)


def prepare(path: Path, template: str | None, docx: bool) -> Prepared:
    from generator import pipeline
    from generator.lint import lint

    loaded = pipeline.load(path)
    out = Prepared(path, loaded)
    if not loaded.ok:
        return out
    assert loaded.source is not None and loaded.report is not None
    out.lint = lint(loaded.source, loaded.report)
    if docx:
        try:
            chosen = pipeline.choose_template(loaded.report, path, template)
            out.docx = pipeline.render_bytes(loaded.report, chosen, "docx")
        except ReportgenError as e:
            out.error = str(e)
    return out


def _chunk(paths: list[Path], template: str | None, docx: bool) -> list[Prepared]:
    return [prepare(p, template, docx) for p in paths]


def prepare_all(paths: list[Path], template: str | None, docx: bool) -> list[Prepared]:
    """Every file prepared, in the order given: by this process and, for a large roll-up, by a
    worker a further core (this process takes a chunk itself whenever the workers have theirs)."""
    from generator import batch

    method = batch.start_method()
    workers = min(batch.cores(), len(paths) // batch.MIN_JOBS_PER_WORKER[method]) - 1
    if workers < 1:
        return _chunk(paths, template, docx)
    from concurrent.futures import Future, ProcessPoolExecutor
    from multiprocessing import get_context

    lang = os.environ.get("REPORTGEN_LANG", "zh")
    pool = ProcessPoolExecutor(workers, mp_context=get_context(method), initializer=_start, initargs=(lang,))
    results: list[Future | list[Prepared]] = []
    try:
        for start in range(0, len(paths), CHUNK):
            chunk = paths[start : start + CHUNK]
            busy = sum(isinstance(r, Future) and not r.done() for r in results)
            if busy < 2 * workers:
                results.append(pool.submit(_chunk, chunk, template, docx))
            else:
                results.append(_chunk(chunk, template, docx))
        return [p for r in results for p in (r.result() if isinstance(r, Future) else r)]
    finally:
        pool.shutdown(wait=True, cancel_futures=True)


def _start(lang: str) -> None:
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # the parent decides when to stop
    os.environ["REPORTGEN_LANG"] = lang
