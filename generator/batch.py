"""Rendering many data files: outputs planned before any work, a process pool, results per file."""

from __future__ import annotations

import os
from collections.abc import Iterator
from concurrent.futures import ProcessPoolExecutor, as_completed
from dataclasses import dataclass
from multiprocessing import get_context
from pathlib import Path

from generator.diagnostics import Diagnostic
from generator.errors import OutputError, ReportgenError
from generator.output import target
from generator.pipeline import Result, render_file


@dataclass(frozen=True)
class Job:
    data_file: Path
    output: Path
    template: str | None
    fmt: str


def plan(files: list[Path], out: Path | None, template: str | None, fmt: str) -> list[Job]:
    """One job a file; refuses two inputs that would write the same output, before any work."""
    many = len(files) > 1
    jobs, seen = [], {}
    inputs = {_key(f) for f in files}
    for f in files:
        if not f.is_file():
            raise ReportgenError("read.missing", path=str(f))
        path = target(f, out, fmt, many)
        key = _key(path)
        if key in inputs:  # one file's output would be another file's input
            raise OutputError("out.same-as-input", path=str(path))
        if key in seen:
            raise OutputError("out.collision", a=str(seen[key]), b=str(f), out=str(path))
        seen[key] = f
        jobs.append(Job(f, path, template, fmt))
    return jobs


def _key(path: Path) -> str:
    return os.path.normcase(str(path.resolve()))


def run_job(job: Job) -> Result:
    """One file; a ReportgenError becomes a diagnostic of that file so the batch goes on."""
    try:
        return render_file(job.data_file, job.output, job.template, job.fmt)
    except ReportgenError as e:
        return Result(job.data_file, None, [Diagnostic(str(job.data_file), 1, 1, message=str(e))])


def _init_worker(lang: str) -> None:
    os.environ["REPORTGEN_LANG"] = lang


def run(jobs: list[Job], workers: int) -> Iterator[Result]:
    """Results in the order the jobs finish; `-j 1` (or one job) runs in this process."""
    if workers <= 1 or len(jobs) <= 1:
        for job in jobs:
            yield run_job(job)
        return
    lang = os.environ.get("REPORTGEN_LANG", "zh")
    # spawn: the start method Windows has, so Linux CI runs what users run
    with ProcessPoolExecutor(
        max_workers=min(workers, len(jobs)), mp_context=get_context("spawn"),
        initializer=_init_worker, initargs=(lang,),
    ) as pool:  # fmt: skip
        futures = [pool.submit(run_job, job) for job in jobs]
        try:
            for future in as_completed(futures):
                yield future.result()
        except BaseException:
            for f in futures:
                f.cancel()
            raise
