"""Chinese numbering labels: the one place that knows 一、 （一） 1. （1） 一是 第一部分."""

from __future__ import annotations

_DIGITS = "零一二三四五六七八九"


def chinese(n: int) -> str:
    """1 → 一, 10 → 十, 11 → 十一, 20 → 二十, 105 → 一百零五 (as numbering writes them)."""
    if n <= 0:
        raise ValueError(f"numbering starts at 1, not {n}")
    if n < 10:
        return _DIGITS[n]
    if n < 100:
        tens, ones = divmod(n, 10)
        return ("" if tens == 1 else _DIGITS[tens]) + "十" + (_DIGITS[ones] if ones else "")
    hundreds, rest = divmod(n, 100)
    if rest == 0:
        tail = ""
    elif rest < 10:
        tail = "零" + _DIGITS[rest]
    elif rest < 20:
        tail = "一" + chinese(rest)  # 一百一十一, not 一百十一
    else:
        tail = chinese(rest)
    return chinese(hundreds) + "百" + tail


def _circled(n: int) -> str:
    return chr(0x2460 + n - 1) if n <= 20 else f"({n})"


# Level 5 is ours: the spec stops at （1）, but a flat report's plans (1. first) nested three deep
# need one more; ① is what offices use below （1）.
LEVELS = {
    1: lambda n: f"{chinese(n)}、",
    2: lambda n: f"（{chinese(n)}）",
    3: lambda n: f"{n}.",
    4: lambda n: f"（{n}）",
    5: _circled,
}


def label(level: int, n: int) -> str:
    """The label of the n-th heading (1-based) at `level` 1–5."""
    return LEVELS[level](n)


def point(n: int) -> str:
    """一是, 二是 … 十是, 十一是."""
    return f"{chinese(n)}是"


def part(n: int) -> str:
    """第一部分, 第二部分."""
    return f"第{chinese(n)}部分"
