"""reportgen against a straightforward docxtpl script, side by side in one process tree.

    python benchmarks/run.py [--reports 200] [--large 1000] [--repeat 3] [--single-repeat 21]

Builds its inputs (corpus.py: realistic report data of about 9,000 characters each), then times
whole processes, each command started by this script, alternating between the two programs so that
both see the same machine load, and keeps the median of the repeats:

1. a batch of --reports files in one process: stock_docxtpl.py against `reportgen render -j 1`;
2. --large files with `reportgen render -j 1` against `-j 2`;
3. one report as a whole process, start-up included: stock_docxtpl.py against `reportgen render`;
4. peak memory (the largest resident set of any one process of the command, from wait4) of
   `-j 1` and `-j 2` batches of a quarter of --large and of --large files.

Python caches bytecode for both programs in a temporary folder (as an installed package has its
.pyc files); the first run of each command, which writes that cache, is not timed.
Only the standard library is used; Linux (or another system with os.wait4).
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
REPORTGEN = [PYTHON, "-m", "generator", "render"]
TARGETS = {"batch": 5.0, "parallel": 1.8, "single": 0.6, "rss_mib": 80.0}


@dataclass
class Run:
    seconds: float
    peak_kib: int  # largest resident set of the process and any child it waited for


def run(command: list[str], env: dict[str, str], log: Path) -> Run:
    """Run a command to its end; its output goes to `log`, a failure stops the benchmark."""
    with log.open("wb") as out:
        started = time.perf_counter()
        child = subprocess.Popen(command, stdout=out, stderr=subprocess.STDOUT, env=env, cwd=corpus.ROOT)
        _, status, usage = os.wait4(child.pid, 0)
        seconds = time.perf_counter() - started
    child.returncode = os.waitstatus_to_exitcode(status)
    if child.returncode != 0:
        sys.exit(f"failed ({child.returncode}): {' '.join(command[:6])} …\n{log.read_text(encoding='utf-8')[-2000:]}")
    return Run(seconds, usage.ru_maxrss)  # Linux reports kibibytes


def compare(commands: dict[str, list[str]], repeat: int, env: dict[str, str], work: Path) -> dict[str, list[Run]]:
    """Each command `repeat` times, alternating, after one untimed run of each."""
    runs: dict[str, list[Run]] = {name: [] for name in commands}
    for i in range(repeat + 1):
        for name, command in commands.items():
            out = work / "out" / name
            shutil.rmtree(out, ignore_errors=True)
            out.mkdir(parents=True)
            done = run([a.replace("{out}", str(out)) for a in command], env, work / f"{name}.log")
            if i:
                runs[name].append(done)
    return runs


def median(runs: list[Run]) -> float:
    return statistics.median(r.seconds for r in runs)


def machine() -> str:
    model = "?"
    cpuinfo = Path("/proc/cpuinfo")
    if cpuinfo.exists():
        for line in cpuinfo.read_text(encoding="utf-8").splitlines():
            if line.startswith("model name"):
                model = line.split(":", 1)[1].strip()
                break
    usable = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count()
    return (
        f"nproc {usable} (cpu_count {os.cpu_count()}), {model}, {platform.system()} {platform.release()}, "
        f"Python {platform.python_version()}, {_versions()}"
    )


def _versions() -> str:
    from importlib.metadata import PackageNotFoundError, version

    found = []
    for name in ("reportgen", "docxtpl", "python-docx", "Jinja2", "Cerberus", "PyYAML", "lxml"):
        try:
            found.append(f"{name} {version(name)}")
        except PackageNotFoundError:
            pass
    return ", ".join(found)


def environment(work: Path) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if k not in ("PYTHONDONTWRITEBYTECODE", "REPORTGEN_LANG")}
    env["PYTHONPYCACHEPREFIX"] = str(work / "pycache")
    env["PYTHONPATH"] = str(corpus.ROOT)
    return env


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--reports", type=int, default=200, help="batch size of the first comparison")
    parser.add_argument("--large", type=int, default=1000, help="batch size of -j 1 against -j 2 and memory")
    parser.add_argument("--repeat", type=int, default=3, help="timed runs of each batch command")
    parser.add_argument("--single-repeat", type=int, default=21, help="timed runs of each one-report command")
    parser.add_argument("--keep", type=Path, help="work in this folder and keep it (default: a temporary one)")
    args = parser.parse_args()

    work = args.keep or Path(tempfile.mkdtemp(prefix="reportgen-bench-"))
    try:
        report(args, work)
    finally:
        if not args.keep:
            shutil.rmtree(work, ignore_errors=True)


def report(args: argparse.Namespace, work: Path) -> None:
    print(f"machine: {machine()}")
    files = [str(p) for p in corpus.write(work / "data", args.large)]
    sizes = [len(Path(f).read_text(encoding="utf-8")) for f in files]
    print(f"inputs: {len(files)} report data files, {statistics.mean(sizes):,.0f} characters on average")
    env = environment(work)
    results = {}

    batch = files[: args.reports]
    runs = compare({"stock": [*STOCK, "{out}", *batch], "reportgen": [*REPORTGEN, *batch, "-o", "{out}", "-j", "1"]},
                   args.repeat, env, work)  # fmt: skip
    n = len(batch)
    print(f"\n1. batch of {n} in one process (whole process, median of {args.repeat})")
    for name, r in runs.items():
        print(f"   {name:10} {n / median(r):7.1f} docs/s  {1000 * median(r) / n:6.2f} ms/doc")
    results["batch"] = median(runs["stock"]) / median(runs["reportgen"])
    print(f"   reportgen / stock docs/s: {results['batch']:.2f}x  (target >= {TARGETS['batch']}x)")

    runs = compare({f"-j {j}": [*REPORTGEN, *files, "-o", "{out}", "-j", str(j)] for j in (1, 2)}, args.repeat, env, work)
    n = len(files)
    print(f"\n2. batch of {n}: -j 1 against -j 2 (median of {args.repeat})")
    for name, r in runs.items():
        print(f"   {name:10} {n / median(r):7.1f} docs/s  {1000 * median(r) / n:6.2f} ms/doc")
    results["parallel"] = median(runs["-j 1"]) / median(runs["-j 2"])
    print(f"   -j 2 / -j 1 docs/s: {results['parallel']:.2f}x  (target >= {TARGETS['parallel']}x)")
    peaks = {(j, n): max(r.peak_kib for r in runs[f"-j {j}"]) for j in (1, 2)}

    one = files[:1]
    runs = compare({"stock": [*STOCK, "{out}", *one], "reportgen": [*REPORTGEN, *one, "-o", "{out}"]},
                   args.single_repeat, env, work)  # fmt: skip
    print(f"\n3. one report, whole process (median of {args.single_repeat})")
    for name, r in runs.items():
        print(f"   {name:10} {1000 * median(r):7.1f} ms")
    results["single"] = median(runs["reportgen"]) / median(runs["stock"])
    print(f"   reportgen / stock time: {results['single']:.2f}x  (target <= {TARGETS['single']}x)")

    quarter = files[: max(1, len(files) // 4)]
    runs = compare({f"-j {j}": [*REPORTGEN, *quarter, "-o", "{out}", "-j", str(j)] for j in (1, 2)}, 1, env, work)
    peaks.update({(j, len(quarter)): runs[f"-j {j}"][0].peak_kib for j in (1, 2)})
    print("\n4. peak resident memory of any one process")
    for (j, count), kib in sorted(peaks.items()):
        print(f"   -j {j} {count:6} reports: {kib / 1024:6.1f} MiB")
    results["rss_mib"] = max(peaks.values()) / 1024
    print(f"   largest: {results['rss_mib']:.1f} MiB  (target <= {TARGETS['rss_mib']:.0f} MiB)")

    met = [
        results["batch"] >= TARGETS["batch"],
        results["parallel"] >= TARGETS["parallel"],
        results["single"] <= TARGETS["single"],
        results["rss_mib"] <= TARGETS["rss_mib"],
    ]
    print(f"\ntargets met: {sum(met)} of {len(met)}")


if __name__ == "__main__":
    main()
