"""reportgen against a straightforward docxtpl script, side by side in one process tree.

    python benchmarks/run.py [--reports 200] [--parallel 2000] [--large 1000] [--repeat 3] [--single-repeat 21]
    python benchmarks/run.py --profile [--reports 200]

Builds its inputs (corpus.py: realistic report data of about 9,000 characters each), then times
whole processes, each started by this script, alternating between the programs compared so that
both see the same machine load, and keeps the median of the repeats:

1. a batch of --reports files in one process: stock_docxtpl.py against `reportgen render -j 1`;
2. --parallel files: `reportgen render -j 1` against `-j 2`;
3. one report as a whole process, start-up included: stock_docxtpl.py against `reportgen render`;
4. peak memory (the largest resident set of any one process of the command, from wait4) of
   `-j 1` and `-j 2` batches of a quarter of --large and of --large files.

Bytecode is cached for both programs in the work folder (as an installed package has its .pyc
files), and so is reportgen's template cache (XDG_CACHE_HOME); the first run of each command,
which fills both, is not timed. --profile prints where an in-process batch spends its time instead.
Only the standard library is used; Linux (os.wait4, /proc/cpuinfo).
"""

from __future__ import annotations

import argparse
import os
import platform
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

import corpus  # noqa: E402  (a sibling script, not a package)

PYTHON = sys.executable
STOCK = [PYTHON, str(HERE / "stock_docxtpl.py")]
_SCRIPT = Path(PYTHON).with_name("reportgen")  # the command users run, installed beside python
REPORTGEN = [str(_SCRIPT), "render"] if _SCRIPT.exists() else [PYTHON, "-m", "generator", "render"]
TARGETS = {"batch": 5.0, "parallel": 1.8, "single": 0.6, "rss_mib": 80.0}


@dataclass
class Run:
    seconds: float
    peak_kib: int  # largest resident set of the process and of any child it waited for


def run(command: list[str], env: dict[str, str], log: Path) -> Run:
    """Run a command to its end; its output goes to `log`, a failure stops the benchmark."""
    with log.open("wb") as out:
        started = time.perf_counter()
        child = subprocess.Popen(command, stdout=out, stderr=subprocess.STDOUT, env=env, cwd=corpus.ROOT)
        _, status, usage = os.wait4(child.pid, 0)
        seconds = time.perf_counter() - started
    child.returncode = os.waitstatus_to_exitcode(status)
    if child.returncode != 0:
        tail = log.read_text(encoding="utf-8")[-2000:]
        sys.exit(f"failed ({child.returncode}): {' '.join(command[:4])} …\n{tail}")
    return Run(seconds, usage.ru_maxrss)  # Linux counts kibibytes


def compare(commands: dict[str, list[str]], repeat: int, env: dict[str, str], work: Path) -> dict[str, list[Run]]:
    """Each command `repeat` times, alternating, after one untimed run of each."""
    runs: dict[str, list[Run]] = {name: [] for name in commands}
    for i in range(repeat + 1):
        for name, command in commands.items():
            out = work / "out" / name.replace(" ", "")
            shutil.rmtree(out, ignore_errors=True)
            out.mkdir(parents=True)
            done = run([str(out) if a == "{out}" else a for a in command], env, work / "last.log")
            if i:
                runs[name].append(done)
    return runs


def median(runs: list[Run]) -> float:
    return statistics.median(r.seconds for r in runs)


def machine() -> str:
    model = "?"
    cpuinfo = Path("/proc/cpuinfo")
    if cpuinfo.exists():
        names = [line for line in cpuinfo.read_text(encoding="utf-8").splitlines() if line.startswith("model name")]
        model = names[0].split(":", 1)[1].strip() if names else model
    usable = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count()
    return (
        f"nproc {usable} (cpu_count {os.cpu_count()}), {model}, {platform.system()} {platform.release()}, "
        f"Python {platform.python_version()}; {_versions()}"
    )


def _versions() -> str:
    from importlib.metadata import PackageNotFoundError, version

    found = []
    for name in ("reportgen", "docxtpl", "python-docx", "Jinja2", "Cerberus", "PyYAML", "lxml", "click"):
        try:
            found.append(f"{name} {version(name)}")
        except PackageNotFoundError:
            pass
    return ", ".join(found)


def environment(work: Path) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if k not in ("PYTHONDONTWRITEBYTECODE", "REPORTGEN_LANG")}
    env.pop("SOURCE_DATE_EPOCH", None)
    env["PYTHONPYCACHEPREFIX"] = str(work / "pycache")
    env["XDG_CACHE_HOME"] = str(work / "cache")
    env["PYTHONPATH"] = str(corpus.ROOT)
    return env


def rates(title: str, runs: dict[str, list[Run]], count: int) -> None:
    print(f"\n{title}")
    for name, r in runs.items():
        print(f"   {name:10} {count / median(r):7.1f} docs/s  {1000 * median(r) / count:6.2f} ms/doc")


def batch_vs_stock(files: list[str], args: argparse.Namespace, env: dict[str, str], work: Path) -> float:
    commands = {"stock": [*STOCK, "{out}", *files], "reportgen": [*REPORTGEN, *files, "-o", "{out}", "-j", "1"]}
    runs = compare(commands, args.repeat, env, work)
    rates(f"1. batch of {len(files)} in one process (whole process, median of {args.repeat})", runs, len(files))
    ratio = median(runs["stock"]) / median(runs["reportgen"])
    print(f"   reportgen / stock docs/s: {ratio:.2f}x  (target >= {TARGETS['batch']}x)")
    return ratio


def parallel(files: list[str], args: argparse.Namespace, env: dict[str, str], work: Path) -> float:
    runs = compare({f"-j {j}": [*REPORTGEN, *files, "-o", "{out}", "-j", str(j)] for j in (1, 2)}, args.repeat, env, work)
    rates(f"2. batch of {len(files)}: -j 1 against -j 2 (median of {args.repeat})", runs, len(files))
    ratio = median(runs["-j 1"]) / median(runs["-j 2"])
    print(f"   -j 2 / -j 1 docs/s: {ratio:.2f}x  (target >= {TARGETS['parallel']}x)")
    return ratio


def single(one: str, args: argparse.Namespace, env: dict[str, str], work: Path) -> float:
    commands = {"stock": [*STOCK, "{out}", one], "reportgen": [*REPORTGEN, one, "-o", "{out}"]}
    runs = compare(commands, args.single_repeat, env, work)
    print(f"\n3. one report, whole process (median of {args.single_repeat})")
    for name, r in runs.items():
        print(f"   {name:10} {1000 * median(r):7.1f} ms")
    ratio = median(runs["reportgen"]) / median(runs["stock"])
    print(f"   reportgen / stock time: {ratio:.2f}x  (target <= {TARGETS['single']}x)")
    return ratio


def memory(files: list[str], env: dict[str, str], work: Path) -> float:
    quarter = files[: max(1, len(files) // 4)]
    peaks = {}
    for batch in (quarter, files):
        runs = compare({f"-j {j}": [*REPORTGEN, *batch, "-o", "{out}", "-j", str(j)] for j in (1, 2)}, 1, env, work)
        peaks.update({(j, len(batch)): runs[f"-j {j}"][0].peak_kib for j in (1, 2)})
    print("\n4. peak resident memory of any one process")
    for (j, count), kib in sorted(peaks.items()):
        print(f"   -j {j} {count:6} reports: {kib / 1024:6.1f} MiB")
    for j in (1, 2):
        growth = (peaks[(j, len(files))] - peaks[(j, len(quarter))]) / 1024
        print(f"   -j {j}: {len(quarter)} -> {len(files)} reports adds {growth:+.1f} MiB")
    largest = max(peaks.values()) / 1024
    print(f"   largest: {largest:.1f} MiB  (target <= {TARGETS['rss_mib']:.0f} MiB)")
    return largest


def benchmark(args: argparse.Namespace, work: Path) -> None:
    print(f"machine: {machine()}")
    print(f"reportgen command: {' '.join(REPORTGEN)}")
    files = [str(p) for p in corpus.write(work / "data", max(args.reports, args.parallel, args.large))]
    sizes = [len(Path(f).read_text(encoding="utf-8")) for f in files]
    print(f"inputs: {len(files)} report data files, {statistics.mean(sizes):,.0f} characters on average")
    env = environment(work)
    batch = batch_vs_stock(files[: args.reports], args, env, work)
    speedup = parallel(files[: args.parallel], args, env, work)
    one = single(files[0], args, env, work)
    largest = memory(files[: args.large], env, work)
    met = [batch >= TARGETS["batch"], speedup >= TARGETS["parallel"], one <= TARGETS["single"]]
    met.append(largest <= TARGETS["rss_mib"])
    print(f"\ntargets met: {sum(met)} of {len(met)}")


# Steps of a render, as (label, file, function) whose cumulative profile time is shown.
STAGES = (
    ("read: YAML events to located data", "source.py", "read"),
    ("validate: Cerberus and the named checks", "validate.py", "validate"),
    ("  of which Cerberus", "validator.py", "validate"),
    ("build the typed report", "model.py", "build"),
    ("lay out and build the template context", "context.py", "build"),
    ("docx: run the compiled Jinja (sandboxed)", "environment.py", "render"),
    ("  of which the sandbox's attribute checks", "sandbox.py", "getattr"),
    ("docx: deflate the rendered parts, write the zip", "docx.py", "of"),
    ("write the file (temporary file, fsync, rename)", "output.py", "write_atomic"),
    ("  of which fsync", "~", "<built-in method posix.fsync>"),
)


def profile(args: argparse.Namespace, work: Path) -> None:
    """cProfile of an in-process batch (after a warm-up file): time per step, then the top functions."""
    import cProfile
    import pstats

    sys.path.insert(0, str(corpus.ROOT))
    os.environ["XDG_CACHE_HOME"] = str(work / "cache")
    from generator import batch

    files = corpus.write(work / "data", args.reports + 1)
    (work / "out").mkdir()
    jobs = batch.plan(files, work / "out", None, "docx")
    assert all(r.ok for r in batch.run(jobs[:1], 1))
    profiler = cProfile.Profile()
    profiler.enable()
    assert all(r.ok for r in batch.run(jobs[1:], 1))
    profiler.disable()
    stats = pstats.Stats(profiler, stream=sys.stdout)
    print(f"cProfile of `reportgen render -j 1` of {args.reports} files in one process, after one file;")
    print(f"profiled total {stats.total_tt:.2f} s (cProfile slows Python code more than C code)\n")
    for label, file, function in STAGES:
        spent = sum(
            row[3] for (path, _, name), row in stats.stats.items() if Path(path).name == file and name == function
        )  # fmt: skip
        print(f"   {label:50} {spent:6.2f} s  {100 * spent / stats.total_tt:5.1f} %")
    print()
    stats.strip_dirs().sort_stats("tottime").print_stats(20)
    startup(str(files[0]), work)


# Packages whose import time (with everything they import first) a one-report process shows.
WATCHED = ("site", "click", "yaml", "cerberus", "jinja2", "docxtpl")


def startup(one: str, work: Path) -> None:
    """Where a one-report process spends its time on imports (-X importtime)."""
    env = {**environment(work), "PYTHONPROFILEIMPORTTIME": "1"}
    run([*REPORTGEN, one, "-o", str(work / "out")], env, work / "warm.log")  # fills the bytecode cache
    done = run([*REPORTGEN, one, "-o", str(work / "out")], env, work / "importtime.log")
    total, own, found = 0.0, 0.0, {}
    for line in (work / "importtime.log").read_text(encoding="utf-8").splitlines():
        if not line.startswith("import time:") or line.endswith("imported package"):
            continue
        self_us, cumulative_us, name = line[len("import time:") :].split("|")
        total += int(cumulative_us) / 1000 if not name.startswith("  ") else 0  # top level: all below it
        own += int(self_us) / 1000 if name.strip().startswith("generator") else 0
        found.setdefault(name.strip(), int(cumulative_us) / 1000)
    print(f"\n`reportgen render` of one report under -X importtime: {1000 * done.seconds:.0f} ms in all")
    print(f"   imports                                  {total:6.1f} ms, of which")
    for name in WATCHED:
        print(f"     {name:38} {found.get(name, 0):6.1f} ms")
    print(f"     {'generator modules (their own code)':38} {own:6.1f} ms")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--reports", type=int, default=200, help="batch size of the first comparison")
    parser.add_argument("--parallel", type=int, default=2000, help="batch size of -j 1 against -j 2")
    parser.add_argument("--large", type=int, default=1000, help="the larger batch of the memory comparison")
    parser.add_argument("--repeat", type=int, default=3, help="timed runs of each batch command")
    parser.add_argument("--single-repeat", type=int, default=21, help="timed runs of each one-report command")
    parser.add_argument("--profile", action="store_true", help="print a profile instead of timing")
    parser.add_argument("--keep", type=Path, help="work in this (new) folder and keep it")
    args = parser.parse_args()
    work = args.keep or Path(tempfile.mkdtemp(prefix="reportgen-bench-"))
    work.mkdir(parents=True, exist_ok=True)
    try:
        (profile if args.profile else benchmark)(args, work)
    finally:
        if not args.keep:
            shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
