"""How many processes pay off: `-j 2` against `-j 1`, and the default -j against `-j 1` from 1 to 1,000 files.

    python benchmarks/workers.py [--sizes 1,2,5,10,20,50,100,200,500,1000] [--repeat 5] [--method fork|spawn]

Whole `reportgen render` processes on the corpus of run.py, each command run alternately with its
baseline after one untimed run of each, medians kept. Ratios are baseline time / time, so above 1
is faster. Targets (issue 12, a 2-core machine): -j 2 ≥ 1.5× at 200 files and ≥ 1.8× at 1,000;
the default -j never slower than -j 1 (≥ 0.95× to allow for the noise of a shared machine).
--method sets REPORTGEN_START_METHOD for every run (spawn: what Windows users get).
"""

from __future__ import annotations

import argparse
import shutil
import sys
import tempfile
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

import corpus  # noqa: E402  (sibling scripts, not a package)
from run import REPORTGEN, compare, environment, machine, median  # noqa: E402

TARGETS = {200: 1.5, 1000: 1.8}
NOISE = 0.95  # "never slower", measured on a shared machine


def ratio(files: list[str], baseline: list[str], other: list[str], repeat: int, env, work: Path) -> tuple[float, float]:
    runs = compare({"base": [*REPORTGEN, *files, "-o", "{out}", *baseline],
                    "other": [*REPORTGEN, *files, "-o", "{out}", *other]}, repeat, env, work)  # fmt: skip
    return median(runs["base"]), median(runs["other"])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", default="1,2,5,10,20,50,100,200,500,1000")
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--method", choices=["fork", "forkserver", "spawn"])
    args = parser.parse_args()
    sizes = [int(n) for n in args.sizes.split(",")]
    work = Path(tempfile.mkdtemp(prefix="reportgen-workers-"))
    try:
        env = environment(work)
        if args.method:
            env["REPORTGEN_START_METHOD"] = args.method
        print(f"machine: {machine()}")
        print(f"start method: {args.method or 'the default for this platform'}")
        files = [str(p) for p in corpus.write(work / "data", max(sizes + list(TARGETS)))]
        met = []
        print(f"\n-j 2 against -j 1 (median of {args.repeat})")
        for n, target in TARGETS.items():
            one, two = ratio(files[:n], ["-j", "1"], ["-j", "2"], args.repeat, env, work)
            met.append(one / two >= target)
            print(f"   {n:5} files: -j 1 {one:6.2f} s, -j 2 {two:6.2f} s, {one / two:5.2f}x  (target >= {target}x)")
        print(f"\nthe default -j against -j 1 (median of {args.repeat})")
        for n in sizes:
            one, default = ratio(files[:n], ["-j", "1"], [], args.repeat, env, work)
            met.append(one / default >= NOISE)
            print(f"   {n:5} files: -j 1 {one:6.3f} s, default {default:6.3f} s, {one / default:5.2f}x")
        print(f"\ntargets met: {sum(met)} of {len(met)}  (default never below {NOISE}x)")
    finally:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
