"""Rendering many data files: outputs planned before any work, then one process or a process pool.

Results come back in the order of the inputs whatever the number of processes, so a batch's
diagnostics read the same with `-j 1` and `-j 8`. A pool gets the jobs in chunks, a few chunks per
worker at a time: the parent keeps no queue of thousands of futures, and on Ctrl-C it only waits
for the chunks already running (every write is atomic, so stopping between files leaves no partial
file) before the workers exit.
"""

from __future__ import annotations

import contextlib
import os
import signal
import sys
from collections import deque
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from generator import render
from generator.diagnostics import Diagnostic
from generator.errors import OutputError, ReportgenError
from generator.output import targets, write_atomic

if TYPE_CHECKING:
    from concurrent.futures import Future

    from generator.pipeline import Prepared, Result

# Files a worker must have for the default -j to start it: twice what its start costs, counted in
# .docx renders (docs/performance.md). A forked worker has the parent's modules and compiled
# template and costs a few renders; a spawned one starts a new Python, imports and reads the
# template caches, some 60 renders; a fork server's first worker pays for the server too.
MIN_JOBS_PER_WORKER = {"fork": 12, "forkserver": 120, "spawn": 120}
MAX_CHUNK = 16  # files a worker renders per round trip: few enough that Ctrl-C waits little
CHUNKS_AHEAD = 2  # chunks queued per worker, so none waits for the parent


@dataclass(frozen=True)
class Job:
    data_file: Path
    outputs: tuple[tuple[str, Path], ...]  # (format, path), in the order asked for
    template: str | None = None
    strict: bool = False  # lint findings stop the file, as errors do
    pdf_a: bool = False  # a PDF is PDF/A-2b

    @property
    def wants_pdf(self) -> bool:
        return any(fmt == "pdf" for fmt, _ in self.outputs)


def plan(
    files: list[Path], out: Path | None, template: str | None, output_formats: list[str], strict: bool = False,
    pdf_a: bool = False, force: bool = False,
) -> list[Job]:  # fmt: skip
    """One job a file; refuses two outputs that would be the same file, or an input, before any work."""
    many = len(files) > 1
    jobs, seen = [], {}
    inputs = {_key(f) for f in files}  # the data files, and a -t template given as a path
    if template and Path(template).suffix.lower() == ".docx":
        inputs.add(_key(Path(template)))
    for f in files:
        if not f.is_file():
            raise ReportgenError("read.missing", path=str(f))
        outputs = targets(f, out, render.extensions(output_formats), many, force)
        for path in outputs.values():
            key = _key(path)
            if key in inputs:  # one file's output would be another file's input
                raise OutputError("out.same-as-input", path=str(path))
            if key in seen:
                raise OutputError("out.collision", a=str(seen[key]), b=str(f), out=str(path))
            seen[key] = f
        jobs.append(Job(f, tuple(outputs.items()), template, strict, pdf_a))
    return jobs


def _key(path: Path) -> str:
    return os.path.normcase(str(path.resolve()))


def cores() -> int:
    """The cores this process may run on (fewer than the machine's under taskset or a CPU quota)."""
    if hasattr(os, "sched_getaffinity"):
        return len(os.sched_getaffinity(0)) or 1
    return os.cpu_count() or 1


def default_workers(jobs: list[Job]) -> int:
    """-j's default: every core, but one process while the batch is too small to pay for the others.

    A PDF takes LibreOffice a fraction of a second: a LibreOffice a core pays from two files on.
    """
    if jobs and jobs[0].wants_pdf:
        return max(1, min(cores(), len(jobs)))
    if len(jobs) < 2 * min(MIN_JOBS_PER_WORKER.values()):
        return 1  # no way of starting a worker pays: not even worth importing multiprocessing to ask
    return max(1, min(cores(), len(jobs) // MIN_JOBS_PER_WORKER[start_method()]))


def start_method() -> str:
    """How workers start: as cheaply as the platform allows.

    fork on Linux: the worker has every module and the compiled template of the parent, which has
    rendered a file before it forks, and no thread runs in the parent then (the pool forks all its
    workers before starting its own thread). Elsewhere fork is unsafe (macOS) or absent (Windows):
    a fork server with the rendering modules loaded, else spawn. REPORTGEN_START_METHOD chooses one
    (the tests run spawn, what Windows has, on Linux too).
    """
    import multiprocessing
    import threading

    methods = multiprocessing.get_all_start_methods()
    chosen = os.environ.get("REPORTGEN_START_METHOD", "")
    if chosen in methods:
        return chosen
    if sys.platform.startswith("linux") and "fork" in methods and threading.active_count() == 1:
        return "fork"
    return "forkserver" if "forkserver" in methods else "spawn"


def run_job(job: Job) -> Result:
    """One file; a ReportgenError becomes a diagnostic of that file so the batch goes on."""
    # imported here: a parent that only hands out work to a pool never loads the pipeline
    from generator.pipeline import prepare

    try:
        prepared = prepare(job.data_file, dict(job.outputs), job.template, job.strict)
    except ReportgenError as e:
        return _failed(job.data_file, [], [], e)
    assert prepared.pdf is None, "PDF jobs go through _with_pdf"
    return prepared.result


def _failed(data_file: Path, written: list[Path], found: list[Diagnostic], e: ReportgenError) -> Result:
    """A file that failed as a whole (no line to point at): its error joins its diagnostics."""
    from generator.pipeline import Result

    return Result(data_file, written, [*found, Diagnostic(str(data_file), 0, 0, message=str(e))], e.exit_code)


def run_chunk(jobs: list[Job]) -> list[Result]:
    return [run_job(job) for job in jobs]


def run(jobs: list[Job], workers: int) -> Iterator[Result]:
    """A result per job, in the order of `jobs`; `workers` 1 (or a single job) runs in this process.

    Close the iterator (contextlib.closing) to stop early: the pool (or every LibreOffice) then stops.
    """
    if jobs and jobs[0].wants_pdf:
        yield from _with_pdf(jobs, workers)
    elif workers <= 1 or len(jobs) <= 1:
        for job in jobs:
            yield run_job(job)
    else:
        yield from _pooled(jobs, min(workers, len(jobs)))


def chunk_size(jobs: list[Job], workers: int) -> int:
    return max(1, min(MAX_CHUNK, len(jobs) // (workers * 4)))


def _with_pdf(jobs: list[Job], processes: int) -> Iterator[Result]:
    """Render every file here (milliseconds each), then convert all the PDFs with `processes`
    LibreOffices, each starting once for its share (seconds to start, then well under one a file).
    A result comes when its PDF does, in the order of `jobs`."""
    from generator.pipeline import Prepared, prepare  # noqa: F811 (at run time)
    from generator.render import pdf

    prepared: list[Prepared] = []
    for job in jobs:
        try:
            prepared.append(prepare(job.data_file, dict(job.outputs), job.template, job.strict))
        except ReportgenError as e:
            prepared.append(Prepared(_failed(job.data_file, [], [], e)))
    waiting = [i for i, p in enumerate(prepared) if p.pdf is not None]
    docs = [p.pdf[1] for p in prepared if p.pdf is not None]
    made: dict[int, bytes | ReportgenError] = {}
    with contextlib.closing(pdf.convert_many(docs, processes, jobs[0].pdf_a)) as converted:
        for i, ready in enumerate(prepared):
            while ready.pdf is not None and i not in made:  # PDFs come about in order: wait for this one
                k, pdf_or_error = next(converted)
                made[waiting[k]] = pdf_or_error
            yield _pdf_result(ready, made.pop(i, None))


def _pdf_result(prepared: Prepared, made: bytes | ReportgenError | None) -> Result:
    """The result of a prepared file, its PDF (if it wanted one) written."""
    result = prepared.result
    if prepared.pdf is None or made is None:
        return result
    path = prepared.pdf[0]
    try:
        if isinstance(made, ReportgenError):
            raise made
        write_atomic(path, made)
    except ReportgenError as e:
        return _failed(result.data_file, result.outputs, result.diagnostics, e)
    result.outputs.append(path)
    return result


def _pooled(jobs: list[Job], workers: int) -> Iterator[Result]:
    """`workers` processes in all: this one renders too, beside `workers - 1` in a pool.

    The parent would otherwise sit waiting: rendering here spares one worker's start-up and keeps
    every core busy. It takes a chunk itself only while the pool has its fill queued.
    """
    from concurrent.futures import Future, ProcessPoolExecutor  # noqa: F811 (at run time)
    from multiprocessing import get_context

    # the first file here, before any worker starts: a forked worker inherits what it loaded
    yield run_job(jobs[0])
    jobs = jobs[1:]
    size = chunk_size(jobs, workers)
    lang = os.environ.get("REPORTGEN_LANG", "zh")
    method = start_method()
    context = get_context(method)
    if method == "forkserver":
        context.set_forkserver_preload(list(WORKER_MODULES))
    if method == "fork":
        import gc

        # what the parent has loaded moves out of the collector's sight, so that a worker's
        # collections do not write to (and so copy) the pages it shares with the parent
        gc.freeze()
    pool = ProcessPoolExecutor(workers - 1, mp_context=context, initializer=_init_worker, initargs=(lang,))
    pending: deque[Future | list[Result]] = deque()  # chunk results in input order
    try:
        for start in range(0, len(jobs), size):
            chunk = jobs[start : start + size]
            queued = sum(isinstance(p, Future) and not p.done() for p in pending)
            if queued < (workers - 1) * CHUNKS_AHEAD:
                # submit may start a worker, which must not get the parent's Ctrl-C, nor (spawned)
                # import the command line it would never use
                with _sigint_held(), _main_module_hidden(method):
                    pending.append(pool.submit(run_chunk, chunk))
            else:
                pending.append(run_chunk(chunk))
            while pending and (isinstance(pending[0], list) or pending[0].done()):
                yield from _results(pending.popleft())
        while pending:
            yield from _results(pending.popleft())
    finally:
        # normally nothing is left; after Ctrl-C or an error, drop what has not started and let the
        # running chunks finish, so that every worker exits and no write is cut short
        pool.shutdown(wait=True, cancel_futures=True)


def _results(done: Future | list[Result]) -> list[Result]:
    return done if isinstance(done, list) else done.result()


# What a worker imports before its first job: the pipeline and the .docx writer, not the command line.
WORKER_MODULES = ("generator.pipeline", "generator.render.docx", "generator.templating.context", "generator.batch")


@contextlib.contextmanager
def _main_module_hidden(method: str) -> Iterator[None]:
    """A spawned worker imports the parent's __main__ again (for `reportgen`, the CLI and Click);
    everything it runs lives in generator.batch and the modules that imports, so it gets an empty
    __main__ instead. The parent runs no other thread that could look meanwhile."""
    if method != "spawn":
        yield
        return
    import types

    main = sys.modules["__main__"]
    sys.modules["__main__"] = types.ModuleType("__main__")
    try:
        yield
    finally:
        sys.modules["__main__"] = main


def _init_worker(lang: str) -> None:
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # the parent decides when to stop (see _pooled)
    os.environ["REPORTGEN_LANG"] = lang


@contextlib.contextmanager
def _sigint_held() -> Iterator[None]:
    """Hold back SIGINT while a worker may be started: the child inherits the mask, so a Ctrl-C
    during its start-up reaches only the parent (delivered when this block ends)."""
    if not hasattr(signal, "pthread_sigmask"):  # Windows: the worker ignores it once started
        yield
        return
    old = signal.pthread_sigmask(signal.SIG_BLOCK, {signal.SIGINT})
    try:
        yield
    finally:
        signal.pthread_sigmask(signal.SIG_SETMASK, old)
