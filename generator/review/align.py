"""Pairing paragraphs of two versions, and sharing a paragraph's edit out among its segments.

Paragraphs pair when their texts are equal (the longest matching stretches first), then, inside
each changed stretch, when they are alike (at least half their characters in common) in order;
the rest were inserted or deleted. A paragraph split in two pairs with its first half, the second
half is inserted; two joined pair with the first, the second is deleted.
"""

from __future__ import annotations

from difflib import SequenceMatcher

ALIKE = 0.5


def pair(a: list[str], b: list[str]) -> list[tuple[int | None, int | None]]:
    """(index in a, index in b) in the order of both; None where a paragraph has no partner."""
    out: list[tuple[int | None, int | None]] = []
    i = j = 0
    for x, y in equal_pairs(a, b) + [(len(a), len(b))]:
        if x > i or y > j:
            out += _alike(a, b, i, x, j, y)
        if x < len(a):
            out.append((x, y))
        i, j = x + 1, y + 1
    return out


def equal_pairs(a: list[str], b: list[str]) -> list[tuple[int, int]]:
    """A longest common subsequence of equal paragraphs. Not difflib's longest block first: a
    report repeats paragraphs (the same sentence in two years' items), and a block matched far
    away would pair everything between as changed."""
    head = 0
    while head < min(len(a), len(b)) and a[head] == b[head]:
        head += 1
    tail = 0
    while tail < min(len(a), len(b)) - head and a[-1 - tail] == b[-1 - tail]:
        tail += 1
    mid_a, mid_b = a[head : len(a) - tail], b[head : len(b) - tail]
    if len(mid_a) * len(mid_b) > _MAX_LCS:
        blocks = SequenceMatcher(None, mid_a, mid_b, autojunk=False).get_opcodes()
        middle = [(head + i, head + j) for tag, i1, i2, j1, j2 in blocks if tag == "equal"
                  for i, j in zip(range(i1, i2), range(j1, j2))]  # fmt: skip
    else:
        middle = [(head + i, head + j) for i, j in _lcs(mid_a, mid_b)]
    ends = [(len(a) - tail + k, len(b) - tail + k) for k in range(tail)]
    return [(k, k) for k in range(head)] + middle + ends


_MAX_LCS = 400_000  # cells of the table; beyond, difflib's blocks


def _lcs(a: list[str], b: list[str]) -> list[tuple[int, int]]:
    ids: dict[str, int] = {}
    x = [ids.setdefault(t, len(ids)) for t in a]
    y = [ids.setdefault(t, len(ids)) for t in b]
    m, n = len(x), len(y)
    best = [[0] * (n + 1) for _ in range(m + 1)]
    for i in range(m - 1, -1, -1):
        row, below = best[i], best[i + 1]
        xi = x[i]
        for k in range(n - 1, -1, -1):
            row[k] = below[k + 1] + 1 if xi == y[k] else max(below[k], row[k + 1])
    out, i, k = [], 0, 0
    while i < m and k < n:
        if x[i] == y[k]:
            out.append((i, k))
            i, k = i + 1, k + 1
        elif best[i + 1][k] >= best[i][k + 1]:
            i += 1
        else:
            k += 1
    return out


def _alike(a, b, i1, i2, j1, j2) -> list[tuple[int | None, int | None]]:
    """The most pairs of alike paragraphs in order (a longest common subsequence where "alike"
    is equal), so that one paragraph like a later one cannot take its place."""
    if i2 - i1 == j2 - j1:  # as many on each side: each was edited (a number in a cell: 10 → 9)
        return list(zip(range(i1, i2), range(j1, j2)))
    if (i2 - i1) * (j2 - j1) > _MAX_CELLS:  # a whole rewrite: pair in order, the rest come or go
        return _greedy(a, b, i1, i2, j1, j2)
    m, n = i2 - i1, j2 - j1
    like = [[similar(a[i1 + i], b[j1 + k]) for k in range(n)] for i in range(m)]
    best = [[0] * (n + 1) for _ in range(m + 1)]
    for i in range(m - 1, -1, -1):
        for k in range(n - 1, -1, -1):
            best[i][k] = max(best[i + 1][k], best[i][k + 1], best[i + 1][k + 1] + 1 if like[i][k] else 0)
    out: list[tuple[int | None, int | None]] = []
    i = k = 0
    while i < m and k < n:
        if like[i][k] and best[i][k] == best[i + 1][k + 1] + 1:
            out.append((i1 + i, j1 + k))
            i, k = i + 1, k + 1
        elif best[i + 1][k] >= best[i][k + 1]:
            out.append((i1 + i, None))
            i += 1
        else:
            out.append((None, j1 + k))
            k += 1
    return out + [(i1 + x, None) for x in range(i, m)] + [(None, j1 + x) for x in range(k, n)]


_MAX_CELLS = 4000
_MAX_CHARS_SQUARED = 4_000_000
_AHEAD = 40


def _greedy(a, b, i1, i2, j1, j2) -> list[tuple[int | None, int | None]]:
    """In order, each looking a few paragraphs ahead: bounded however much was rewritten."""
    out: list[tuple[int | None, int | None]] = []
    j = j1
    for i in range(i1, i2):
        found = next((k for k in range(j, min(j2, j + _AHEAD)) if similar(a[i], b[k])), None)
        if found is None:
            out.append((i, None))
            continue
        out += [(None, k) for k in range(j, found)]
        out.append((i, found))
        j = found + 1
    return out + [(None, k) for k in range(j, j2)]


def similar(x: str, y: str) -> bool:
    if not x or not y:
        return False
    m = SequenceMatcher(None, x, y, autojunk=False)
    return m.quick_ratio() >= ALIKE and m.ratio() >= ALIKE


def opcodes(old: str, new: str) -> list[tuple[str, int, int, int, int]]:
    """difflib's opcodes, the common start and end taken off first (an edit is mostly a few
    characters in a long paragraph, and difflib's time grows with the square of what it sees)."""
    head = 0
    limit = min(len(old), len(new))
    while head < limit and old[head] == new[head]:
        head += 1
    tail = 0
    while tail < limit - head and old[-1 - tail] == new[-1 - tail]:
        tail += 1
    a, b = old[head : len(old) - tail], new[head : len(new) - tail]
    if len(a) * len(b) > _MAX_CHARS_SQUARED:  # a whole rewrite: one replacement, in bounded time
        mid = [("replace", 0, len(a), 0, len(b))]
    else:
        mid = SequenceMatcher(None, a, b, autojunk=False).get_opcodes()
    out = [("equal", 0, head, 0, head)] if head else []
    out += [(t, i1 + head, i2 + head, j1 + head, j2 + head) for t, i1, i2, j1, j2 in mid if i2 > i1 or j2 > j1]
    if tail:
        out.append(("equal", len(old) - tail, len(old), len(new) - tail, len(new)))
    return out


def distribute(parts: list[str], preferred: list[bool], new: str) -> list[str]:
    """The new text of each part of `"".join(parts)` once it reads `new`.

    Kept characters stay in their part; inserted text goes to the part it is typed in, and at the
    border of two parts to a preferred one (a field rather than a label, literal text rather than
    a figure); text that replaces characters of several parts goes to the first preferred of them.
    """
    old = "".join(parts)
    bounds, at = [], 0
    for p in parts:
        bounds.append((at, at + len(p)))
        at += len(p)
    out = [""] * len(parts)
    for tag, i1, i2, j1, j2 in opcodes(old, new):
        if tag == "equal":
            for n, (s, e) in enumerate(bounds):
                lo, hi = max(s, i1), min(e, i2)
                if lo < hi:
                    out[n] += new[j1 + lo - i1 : j1 + hi - i1]
        elif j2 > j1:
            out[_target(bounds, preferred, i1, i2)] += new[j1:j2]
    return out


def _target(bounds: list[tuple[int, int]], preferred: list[bool], i1: int, i2: int) -> int:
    if i2 > i1:  # a replacement: the first preferred part it touches, else the first
        touched = [n for n, (s, e) in enumerate(bounds) if s < i2 and e > i1]
        return next((n for n in touched if preferred[n]), touched[0])
    inside = [n for n, (s, e) in enumerate(bounds) if s < i1 < e]
    if inside:
        return inside[0]
    before = [n for n, (s, e) in enumerate(bounds) if e == i1 and e > s]
    after = [n for n, (s, e) in enumerate(bounds) if s == i1 and e > s]
    for n in before[-1:] + after[:1]:
        if preferred[n]:
            return n
    near = [n for n in range(len(bounds)) if preferred[n]]
    if near:  # nearest preferred part
        return min(near, key=lambda n: min(abs(bounds[n][0] - i1), abs(bounds[n][1] - i1)))
    return (before[-1:] + after[:1] + [0])[0]
