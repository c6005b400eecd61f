"""PDF of a batch through as few LibreOffice starts as possible, against one start a file.

    python benchmarks/pdf_batch.py [--reports 30] [--repeat 3] [--single-repeat 5] [--baseline REV]

The baseline is reportgen itself as it was before batch conversion (REV, default the commit
before it): a git worktree of REV under the work folder, run with the same Python, the same
corpus (run.py's) and the same LibreOffice. Whole `render --format pdf` processes, each command
alternating with its baseline after one untimed run of each (which also makes LibreOffice's first
profile), medians kept; ratios are baseline time / new time, so above 1 is faster.

1. --reports files with -j 2: target ≥ 8×;
2. one report: target ≥ 0.95 (no slower);
3. peak memory of the batch, LibreOffice included: the largest sum of the resident sets of the
   command and every process under it (soffice, soffice.bin), sampled every 20 ms from /proc in
   a run of its own (shared pages count once a process, so this is an upper bound).

Linux only (/proc, os.wait4). Needs soffice and pdffonts on PATH.
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

import corpus  # noqa: E402  (sibling scripts, not a package)
from run import environment, machine  # noqa: E402

BASELINE = "c801be3"  # main before `render --format pdf` converted a batch in one LibreOffice start
TARGETS = {"batch": 8.0, "single": 0.95}


def tree_rss_kib(root: int) -> int:
    """The resident sets of `root` and all its descendants, summed (KiB)."""
    total, todo = 0, [root]
    while todo:
        pid = todo.pop()
        try:
            total += int(Path(f"/proc/{pid}/statm").read_text().split()[1]) * os.sysconf("SC_PAGE_SIZE") // 1024
            for task in Path(f"/proc/{pid}/task").iterdir():
                todo += [int(c) for c in (task / "children").read_text().split()]
        except (OSError, ValueError):
            continue
    return total


def timed(command: list[str], env: dict[str, str], cwd: Path, sample: bool = False) -> tuple[float, int]:
    """Seconds of one run, and (when `sample`) its peak tree memory in KiB; a failure stops the benchmark.

    Memory is sampled in runs of its own: reading /proc every 20 ms takes CPU the timed runs need.
    """
    started = time.perf_counter()
    child = subprocess.Popen(command, env=env, cwd=cwd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    peak, done = 0, threading.Event()

    def sampler() -> None:
        nonlocal peak
        while not done.wait(0.02):
            peak = max(peak, tree_rss_kib(child.pid))

    watch = threading.Thread(target=sampler)
    if sample:
        watch.start()
    _, stderr = child.communicate()
    seconds = time.perf_counter() - started
    done.set()
    if sample:
        watch.join()
    if child.returncode != 0:
        sys.exit(f"failed ({child.returncode}): {' '.join(command[:6])} …\n{stderr.decode('utf-8', 'replace')[-2000:]}")
    return seconds, peak


def compare(commands: dict[str, list[str]], envs: dict[str, dict[str, str]], repeat: int, work: Path) -> dict:
    runs: dict[str, list[tuple[float, int]]] = {name: [] for name in commands}
    for i in range(repeat + 1):
        for name, command in commands.items():
            out = work / "out" / name
            shutil.rmtree(out, ignore_errors=True)
            out.mkdir(parents=True)
            result = timed([str(out) if a == "{out}" else a for a in command], envs[name], work)
            if i:
                runs[name].append(result)
    return runs


def median(runs: list[tuple[float, int]]) -> float:
    return statistics.median(r[0] for r in runs)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--reports", type=int, default=30)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--single-repeat", type=int, default=5)
    parser.add_argument("--baseline", default=BASELINE, help="the git revision to compare against")
    args = parser.parse_args()
    work = Path(tempfile.mkdtemp(prefix="reportgen-pdf-bench-"))
    old = work / "baseline"
    try:
        subprocess.run(["git", "-C", str(corpus.ROOT), "worktree", "add", "--detach", str(old), args.baseline],
                       check=True, capture_output=True)  # fmt: skip
        env = environment(work)
        envs = {"new": env, "old": {**env, "PYTHONPATH": str(old)}}
        files = [str(p) for p in corpus.write(work / "data", args.reports)]
        render = [sys.executable, "-m", "generator", "render"]
        print(f"machine: {machine()}")
        print(f"LibreOffice: {subprocess.run(['soffice', '--version'], capture_output=True, text=True).stdout.strip()}")
        print(f"baseline: reportgen at {args.baseline} (one LibreOffice start a file)")

        batch_commands = {name: [*render, *files, "--format", "pdf", "-o", "{out}", "-j", "2"] for name in envs}
        batch = compare(batch_commands, envs, args.repeat, work)
        ratio = median(batch["old"]) / median(batch["new"])
        print(f"\n1. {len(files)} reports to PDF, -j 2 (median of {args.repeat})")
        for name in ("old", "new"):
            print(f"   {name:4} {median(batch[name]):7.2f} s  {median(batch[name]) / len(files):6.3f} s/report")
        print(f"   old / new: {ratio:.2f}x  (target >= {TARGETS['batch']}x)")

        single = compare({name: [*render, files[0], "--format", "pdf", "-o", "{out}"] for name in envs},
                         envs, args.single_repeat, work)  # fmt: skip
        one = median(single["old"]) / median(single["new"])
        print(f"\n2. one report to PDF (median of {args.single_repeat})")
        for name in ("old", "new"):
            print(f"   {name:4} {median(single[name]):7.2f} s")
        print(f"   old / new: {one:.2f}x  (target >= {TARGETS['single']}x)")

        print("\n3. peak memory of the batch, the command and every process under it (LibreOffice included)")
        for name, command in batch_commands.items():
            out = work / "out" / "memory"
            shutil.rmtree(out, ignore_errors=True)
            out.mkdir(parents=True)
            _, peak = timed([str(out) if a == "{out}" else a for a in command], envs[name], work, sample=True)
            print(f"   {name:4} {peak / 1024:7.1f} MiB")
        met = [ratio >= TARGETS["batch"], one >= TARGETS["single"]]
        print(f"\ntargets met: {sum(met)} of {len(met)}")
    finally:
        subprocess.run(["git", "-C", str(corpus.ROOT), "worktree", "remove", "--force", str(old)], capture_output=True)
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
