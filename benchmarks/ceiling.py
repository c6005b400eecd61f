"""How much faster two processes are than one on this machine, for pure CPU work.

    python benchmarks/ceiling.py

The `-j 2` target is a ratio; this gives the ceiling the machine sets for it (shared or
hyper-threaded vCPUs give less than 2×).
"""

import time
from multiprocessing import get_context

STEPS = 30_000_000


def work(n: int) -> int:
    total = 0
    for i in range(n):
        total += i * i % 7
    return total


def main() -> None:
    started = time.perf_counter()
    work(STEPS)
    one = time.perf_counter() - started
    started = time.perf_counter()
    with get_context("spawn").Pool(2) as pool:
        pool.map(work, [STEPS // 2, STEPS // 2])
    two = time.perf_counter() - started
    print(f"one process {one:.2f} s, two processes {two:.2f} s: {one / two:.2f}x")


if __name__ == "__main__":
    main()
