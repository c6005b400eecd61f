"""`reportgen render` with many files: going on past bad ones, one summary line, refusals before
any work, the same bytes and the same messages whatever -j, the progress bar, and Ctrl-C."""

import os
import pty
import signal
import subprocess
import sys
import time
import zipfile
from pathlib import Path

import pytest
from conftest import MINIMAL, SAMPLES, command, write

from generator import batch
from generator.messages import MESSAGES, msg

GOOD_2 = MINIMAL.replace("测试支部", "第二支部")
BAD_TYPE = MINIMAL.replace("year: 2024", "year: twenty")  # period.year at 2:16
BAD_ITEM = MINIMAL.replace("summary:\n  text: 完成了工作。", "summary:\n  items:\n    - - 一项工作")  # 5:7
BAD_YAML = MINIMAL + "summary:\n  text: 又写了一遍。\n"  # a second `summary` key, at 10:1


def run(*args, **popen):
    """The command in English; output captured unless `popen` says where it goes."""
    env = {**os.environ, "PYTHONIOENCODING": "utf-8", "REPORTGEN_LANG": "en"}
    popen = {"stdout": subprocess.PIPE, "stderr": subprocess.PIPE, **popen}
    done = subprocess.run(command(*map(str, args)), text=True, env=env, **popen)
    assert "Traceback" not in (done.stderr or ""), done.stderr
    return done


def summary_parts(ok: int, failed: int) -> tuple[str, str]:
    """The English summary line around its number of seconds."""
    before, after = MESSAGES["cli.summary"]["en"].split("{seconds:.1f}")
    return before.format(ok=ok, failed=failed), after


def is_summary(line: str, ok: int, failed: int) -> bool:
    before, after = summary_parts(ok, failed)
    seconds = line[len(before) : len(line) - len(after)]
    return line.startswith(before) and line.endswith(after) and seconds.replace(".", "", 1).isdigit()


def mixed_inputs(folder: Path) -> list[Path]:
    folder.mkdir()
    texts = {"a-good": MINIMAL, "b-type": BAD_TYPE, "c-item": BAD_ITEM, "d-good": GOOD_2, "e-yaml": BAD_YAML}
    return [write(folder, text, f"{name}.yaml") for name, text in texts.items()]


@pytest.mark.parametrize("jobs", ["1", "2"])
def test_bad_files_are_reported_and_the_good_ones_written(tmp_path, jobs):
    files = mixed_inputs(tmp_path / "in")
    out = tmp_path / "out"
    out.mkdir()
    done = run("render", *files, "-o", out, "-j", jobs)
    assert done.returncode == 1
    assert sorted(p.name for p in out.iterdir()) == ["a-good.docx", "d-good.docx"]
    lines = done.stderr.splitlines()
    assert is_summary(lines[-1], ok=2, failed=3), lines[-1]
    problems = [line.split(": ", 1)[0] for line in lines[:-1]]
    # every problem of every bad file, in the order of the inputs; no line about the good ones
    assert problems == [f"{files[1]}:2:16", f"{files[2]}:5:7", f"{files[4]}:10:1"]


def test_problems_read_the_same_with_one_or_two_processes(tmp_path):
    files = mixed_inputs(tmp_path / "in")
    files += [write(tmp_path / "in", BAD_TYPE, f"more-{n}.yaml") for n in range(12)]
    one, two = tmp_path / "one", tmp_path / "two"
    one.mkdir()
    two.mkdir()
    first = run("render", *files, "-o", one, "-j", "1")
    second = run("render", *files, "-o", two, "-j", "2")
    assert first.returncode == second.returncode == 1
    assert first.stderr.splitlines()[:-1] == second.stderr.splitlines()[:-1]
    assert len(first.stderr.splitlines()) == 1 + 3 + 12


def test_a_collision_is_refused_before_any_file_is_written(tmp_path):
    first = write(tmp_path, MINIMAL, "first.yaml")
    (tmp_path / "a").mkdir()
    (tmp_path / "b").mkdir()
    a, b = write(tmp_path / "a", MINIMAL), write(tmp_path / "b", GOOD_2)
    out = tmp_path / "out"
    out.mkdir()
    done = run("render", first, a, b, "-o", out, "-j", "1")
    assert done.returncode == 2
    assert done.stderr == f"reportgen: {msg('out.collision', lang='en', a=a, b=b, out=out / 'report.docx')}\n"
    assert list(out.iterdir()) == []


# The start methods a user's machine may take: fork (Linux's default here) and spawn (Windows').
METHODS = ["fork", "spawn"]


@pytest.mark.parametrize("method", METHODS)
@pytest.mark.parametrize("fmt", ["docx", "md"])
def test_one_and_two_processes_write_the_same_bytes(tmp_path, monkeypatch, fmt, method):
    monkeypatch.setenv("REPORTGEN_START_METHOD", method)
    files = sorted(SAMPLES.glob("*.yaml"))
    files += [write(tmp_path, MINIMAL.replace("测试支部", f"第{n}支部"), f"branch-{n}.yaml") for n in range(9)]
    one, two = tmp_path / "one", tmp_path / "two"
    one.mkdir()
    two.mkdir()
    assert run("render", *files, "-o", one, "-j", "1", "--format", fmt).returncode == 0
    assert run("render", *files, "-o", two, "-j", "2", "--format", fmt).returncode == 0
    names = sorted(p.name for p in one.iterdir())
    assert len(names) == len(files) and names == sorted(p.name for p in two.iterdir())
    for name in names:
        assert (one / name).read_bytes() == (two / name).read_bytes(), name


@pytest.mark.parametrize("method", METHODS)
def test_results_come_in_the_order_of_the_inputs(tmp_path, monkeypatch, method):
    monkeypatch.setenv("REPORTGEN_START_METHOD", method)
    files = [write(tmp_path, MINIMAL if n % 3 else BAD_TYPE, f"{n:02}.yaml") for n in range(20, 0, -1)]
    jobs = batch.plan(files, tmp_path, None, ["md"])
    results = list(batch.run(jobs, 2))
    assert [r.data_file for r in results] == files
    assert [r.ok for r in results] == [bool(n % 3) for n in range(20, 0, -1)]


def test_small_batches_stay_in_one_process_by_default(tmp_path, monkeypatch):
    monkeypatch.setattr(batch, "cores", lambda: 4)
    job = batch.Job(tmp_path / "a.yaml", (("docx", tmp_path / "a.docx"),))
    for method, per_worker in batch.MIN_JOBS_PER_WORKER.items():
        monkeypatch.setenv("REPORTGEN_START_METHOD", method)
        assert batch.default_workers([job]) == 1
        assert batch.default_workers([job] * (per_worker * 2 - 1)) == 1
        assert batch.default_workers([job] * (per_worker * 2)) == 2
        assert batch.default_workers([job] * 10_000) == 4
    pdf = batch.Job(tmp_path / "a.yaml", (("docx", tmp_path / "a.docx"), ("pdf", tmp_path / "a.pdf")))
    assert batch.default_workers([pdf] * 3) == 3  # seconds a file: worth a process each


def test_the_template_is_compiled_once_for_a_batch(tmp_path, monkeypatch):
    from generator.render import docx

    made = []
    real = docx.CompiledDocx.__init__
    monkeypatch.setattr(docx.CompiledDocx, "__init__", lambda self, path: made.append(path) or real(self, path))
    docx._compiled.cache_clear()
    files = [write(tmp_path, MINIMAL, f"{n}.yaml") for n in range(5)]
    out = tmp_path / "out"
    out.mkdir()
    assert all(r.ok for r in batch.run(batch.plan(files, out, None, ["docx"]), 1))
    assert len(made) == 1
    docx._compiled.cache_clear()


# Cerberus rules that act in its normalization pass, which validate.py skips for speed.
NORMALIZATION_RULES = {"default", "default_setter", "coerce", "rename", "rename_handler", "purge_unknown",
                       "purge_readonly", "readonly"}  # fmt: skip


def test_the_schema_needs_no_normalization_pass():
    from generator.data import schema

    def keys(node):
        if isinstance(node, dict):
            for key, value in node.items():
                yield key
                yield from keys(value)
        elif isinstance(node, list):
            for value in node:
                yield from keys(value)

    assert NORMALIZATION_RULES & set(keys(schema.document())) == set()


def test_no_progress_bar_when_stderr_is_not_a_terminal(tmp_path):
    files = [write(tmp_path, MINIMAL, f"{n}.yaml") for n in range(3)]
    done = run("render", *files)
    assert "\r" not in done.stderr
    assert len(done.stderr.splitlines()) == 1 and is_summary(done.stderr.strip(), ok=3, failed=0)


def test_progress_bar_on_a_terminal(tmp_path):
    files = [write(tmp_path, MINIMAL, f"{n}.yaml") for n in range(3)] + [write(tmp_path, BAD_TYPE, "bad.yaml")]
    controller, terminal = pty.openpty()
    try:
        done = run("render", *files, "-j", "1", stderr=terminal)
        os.close(terminal)
        terminal = -1
        shown = _read_all(controller)
    finally:
        os.close(controller)
        if terminal >= 0:
            os.close(terminal)
    assert done.returncode == 1
    assert "4/4" in shown and "\r[" in shown
    # the diagnostic and the summary are whole lines, printed over a cleared bar
    lines = [line.rsplit("\x1b[K", 1)[-1] for line in shown.replace("\r\n", "\n").split("\n") if line]
    assert lines[0].startswith(f"{files[3]}:2:16: ")
    assert is_summary(lines[-1], ok=3, failed=1)


def _read_all(fd: int) -> str:
    chunks = []
    while True:
        try:
            chunk = os.read(fd, 65536)
        except OSError:  # EIO: the other end is closed
            break
        if not chunk:
            break
        chunks.append(chunk)
    return b"".join(chunks).decode("utf-8")


def _session_processes(session: int) -> list[str]:
    """Live processes (not zombies) of a session, from /proc."""
    found = []
    for entry in Path("/proc").iterdir():
        try:
            stat = (entry / "stat").read_text(encoding="utf-8")
        except (OSError, ValueError):
            continue
        fields = stat.rsplit(")", 1)[1].split()  # state ppid pgrp session …
        if fields[0] != "Z" and int(fields[3]) == session:
            found.append(stat)
    return found


def test_the_start_method_is_fork_on_linux_unless_chosen(monkeypatch):
    monkeypatch.delenv("REPORTGEN_START_METHOD", raising=False)
    expected = "fork" if sys.platform.startswith("linux") else "forkserver" if os.name == "posix" else "spawn"
    assert batch.start_method() == expected
    monkeypatch.setenv("REPORTGEN_START_METHOD", "spawn")
    assert batch.start_method() == "spawn"


SPAWN_PROBE = """\
import click  # what the `reportgen` script imports, through generator.cli
from concurrent.futures import ProcessPoolExecutor
from multiprocessing import get_context

from generator import batch

PROBE = "'click' in __import__('sys').modules"

if __name__ == "__main__":
    with ProcessPoolExecutor(1, mp_context=get_context("spawn")) as pool, batch._main_module_hidden("spawn"):
        hidden = pool.submit(eval, PROBE).result()
    with ProcessPoolExecutor(1, mp_context=get_context("spawn")) as pool:
        shown = pool.submit(eval, PROBE).result()
    print(hidden, shown)
"""


def test_a_spawned_worker_does_not_import_the_parents_main_script(tmp_path):
    """A spawned worker runs the parent's main script again (for `reportgen`: the CLI and Click)
    unless it is hidden while the worker starts."""
    script = write(tmp_path, SPAWN_PROBE, "probe.py")
    done = subprocess.run([sys.executable, str(script)], capture_output=True, text=True, cwd=tmp_path)
    assert done.stdout.split() == ["False", "True"], done.stderr


@pytest.mark.parametrize("method", METHODS)
def test_ctrl_c_stops_cleanly(tmp_path, method):
    sample = (SAMPLES / "2024-h1.yaml").read_text(encoding="utf-8")
    files = [write(tmp_path, sample, f"report-{n:03}.yaml") for n in range(600)]
    out = tmp_path / "out"
    out.mkdir()
    env = {**os.environ, "PYTHONIOENCODING": "utf-8", "REPORTGEN_LANG": "en", "XDG_CACHE_HOME": str(tmp_path),
           "REPORTGEN_START_METHOD": method}  # fmt: skip
    argv = command("render", *map(str, files), "-o", str(out), "-j", "2")
    child = subprocess.Popen(
        argv, start_new_session=True, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True
    )  # fmt: skip
    try:
        deadline = time.monotonic() + 120  # only against a hang: the first file comes in about a second
        while not any(out.glob("*.docx")) and child.poll() is None and time.monotonic() < deadline:
            time.sleep(0.01)
        assert child.poll() is None, "the batch ended before it could be interrupted"
        os.killpg(child.pid, signal.SIGINT)  # what Ctrl-C in a terminal does
        _, stderr = child.communicate(timeout=120)
    finally:
        if child.poll() is None:
            os.killpg(child.pid, signal.SIGKILL)
            child.wait()
    assert child.returncode == 130, stderr
    assert "Traceback" not in stderr
    assert stderr.endswith(f"reportgen: {msg('err.interrupted', lang='en')}\n")
    written = sorted(out.iterdir())
    assert [p.name for p in written if p.name.endswith(".tmp")] == []
    assert 0 < len(written) < len(files)
    for path in written:
        with zipfile.ZipFile(path) as z:
            assert z.testzip() is None, path
    deadline = time.monotonic() + 30
    while _session_processes(child.pid) and time.monotonic() < deadline:
        time.sleep(0.05)
    assert _session_processes(child.pid) == []
