"""`reportgen rollup` of 200 branch files (.xlsx and .docx) against `render -j 1` of the same files.

    python benchmarks/rollup_speed.py [--count 200]

Builds `--count` branch reports from the benchmark corpus (corpus.py), each of its own branch and
all of one period (2024H1), then runs, as a user does, one after the other: `reportgen render
FILES -j 1 -o DIR/` (one .docx a file) and `reportgen rollup FILES --format xlsx,docx -o DIR`.
Each command runs once after a warm-up of both on three files (template caches filled). Prints
the wall-clock time of each and the ratio rollup / render (the target of issue 24 is at most 3),
and the same for the processor time the command used (user + system, from the OS's accounting of
the finished child): on a machine others keep busy, the wall clock also counts waiting for a core.
"""

from __future__ import annotations

import argparse
import random
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

import corpus  # noqa: E402


def branches(folder: Path, count: int) -> list[Path]:
    rng, pool = random.Random(9704), corpus.samples()
    paths = []
    for n in range(1, count + 1):
        data = corpus.report(n, pool, rng)
        data["organization"] = f"示例公司第{n}党支部"
        data["period"] = {"year": 2024, "span": "half", "index": 1}
        data["signature"]["name"] = f"中共示例公司第{n}支部委员会"
        path = folder / f"branch-{n:03d}.yaml"
        path.write_text(corpus.dump(data), encoding="utf-8")
        paths.append(path)
    return paths


def cpu() -> float:
    """Processor seconds of the finished children (0 where the OS does not say: Windows)."""
    try:
        import resource
    except ImportError:
        return 0.0
    used = resource.getrusage(resource.RUSAGE_CHILDREN)
    return used.ru_utime + used.ru_stime


def timed(args: list[str]) -> tuple[float, float]:
    """Wall-clock and processor seconds of one run of `reportgen ARGS`."""
    before = cpu()
    started = time.perf_counter()
    done = subprocess.run([sys.executable, "-m", "generator", *args], capture_output=True, text=True)
    elapsed = time.perf_counter() - started
    if done.returncode not in (0, 1):  # 1: lint-like findings of the corpus, still written
        raise SystemExit(f"failed ({done.returncode}): {done.stderr[-2000:]}")
    return elapsed, cpu() - before


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--count", type=int, default=200)
    count = parser.parse_args().count
    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        files = [str(p) for p in branches(work, count)]
        for name in ("rendered", "rolled", "warm"):
            (work / name).mkdir()
        timed(["render", *files[:3], "-j", "1", "-o", f"{work / 'warm'}/"])
        timed(["rollup", *files[:3], "--title", "示例公司党委", "-o", str(work / "warm")])
        render = timed(["render", *files, "-j", "1", "-o", f"{work / 'rendered'}/"])
        rollup = timed(["rollup", *files, "--title", "示例公司党委", "--format", "xlsx,docx", "-o", str(work / "rolled")])
    print(f"{count} branch files, wall clock: render -j 1 {render[0]:.2f} s, rollup xlsx+docx {rollup[0]:.2f} s, "
          f"ratio {rollup[0] / render[0]:.2f}")
    if render[1]:
        print(f"{count} branch files, processor: render -j 1 {render[1]:.2f} s, rollup xlsx+docx {rollup[1]:.2f} s, "
              f"ratio {rollup[1] / render[1]:.2f}")  # fmt: skip


if __name__ == "__main__":
    main()
