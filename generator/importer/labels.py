"""Recognising numbering labels: the inverse of generator/numbering.py.

The shapes are numbering.py's (一、 （一） 1. （1） ① 一是 第一部分) and the spellings people type
instead — half-width brackets, 1、 and 1．, full-width digits, a space after the label, ⑴. The
number is read, not looked up, so a list runs on past （二百） to （一千二百五十） (issue 21) —
in numbering.py's spelling (十二百五十) or the usual one (一千二百五十) — up to MAX_NUMBER.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from generator import numbering

PART, POINT = "part", "point"
MAX_NUMBER = 9999  # labels numbered up to here are read; a report never has more items

_CN = "零〇一二三四五六七八九十百千"
_SHAPE = re.compile(
    rf"(?P<part>第[{_CN}]+部分)"
    rf"|(?P<paren>[（(]\s*(?:[{_CN}]+|\d{{1,4}}|[０-９]{{1,4}})\s*[)）])"
    rf"|(?P<num>[{_CN}]+\s*[、.．]|(?:\d{{1,4}}|[０-９]{{1,4}})\s*(?:、|[.．](?![\d０-９])))"
    r"|(?P<circled>[\u2460-\u2473])"
    r"|(?P<enclosed>[\u2474-\u2487])"  # ⑴ … ⒇, what Word draws for decimalEnclosedParen
    rf"|(?P<point>[{_CN}]+是)"
)
_SPACE = re.compile(r"[ \t\u3000\u00a0]*")
_FULL_DIGITS = str.maketrans("０１２３４５６７８９", "0123456789")
_DIGIT = {c: i for i, c in enumerate("〇一二三四五六七八九")} | {"零": 0}


@dataclass(frozen=True)
class Label:
    kind: int | str  # the numbering level 1–5, PART or POINT
    n: int
    length: int  # characters it takes at the start of the paragraph, spaces after it included


def chinese_value(text: str) -> int | None:
    """一 → 1, 十一 → 11, 二百零五 → 205, 一千二百五十 and 十二百五十 (numbering.py's way) → 1250;
    None for what is not a number written in Chinese."""
    for unit, size in (("千", 1000), ("百", 100), ("十", 10)):
        if unit in text:
            left, _, right = text.partition(unit)
            high = chinese_value(left) if left else (1 if size == 10 else None)  # 十一, never 百一
            low = chinese_value(right.lstrip("零〇")) if right.lstrip("零〇") else 0
            if high is None or low is None or low >= size or (size == 10 and high > 9):
                return None
            return high * size + low
    return _DIGIT.get(text) if len(text) == 1 and text not in "零〇" else None


def _number(m: re.Match) -> tuple[int | str, int | None]:
    """(kind, number) of a matched label shape; number None when it cannot be read."""
    text = re.sub(r"\s", "", m.group(0)).translate(_FULL_DIGITS)
    shape = m.lastgroup
    if shape == "circled":
        return 5, ord(text) - 0x2460 + 1
    if shape == "enclosed":
        return 4, ord(text) - 0x2474 + 1
    inner = {"part": text[1:-2], "paren": text[1:-1], "num": text[:-1], "point": text[:-1]}[shape]
    n = int(inner) if inner.isdigit() else chinese_value(inner)
    if shape in ("part", "point"):
        kind: int | str = PART if shape == "part" else POINT
    elif shape == "paren":
        kind = 4 if inner.isdigit() else 2
    else:
        kind = 3 if inner.isdigit() else 1
    return kind, n if n is not None and 0 < n <= MAX_NUMBER else None


def at_start(text: str) -> Label | None:
    """The label that starts `text`, if any."""
    m = _SHAPE.match(text)
    if m is None:
        return None
    kind, n = _number(m)
    if n is None:
        return None
    end = _SPACE.match(text, m.end()).end()
    if m.lastgroup == "point" and end == len(text):
        return None  # 一是 with nothing after it is a word, not a point
    return Label(kind, n, end)


_LABEL_LIKE = re.compile(r"[（(]\s*[零〇一二三四五六七八九十百千万亿两\d]+\s*[)）]|第[零〇一二三四五六七八九十百千万亿两\d]+部分")


def unreadable(text: str) -> bool:
    """Starts like a heading label — （…） or 第…部分 — whose number cannot be read (past 9999)."""
    return _LABEL_LIKE.match(text) is not None and at_start(text) is None


def strip(text: str) -> tuple[Label | None, str]:
    label = at_start(text)
    return (label, text[label.length :]) if label else (None, text)


# ---------------------------------------------------------------- points inside a paragraph

# Where a point may start: the start of the paragraph or after a mark that ends a phrase.
_BOUNDARY = set("。！？；：，、…”’）)」』 \u3000")


def _at_boundary(text: str, i: int) -> bool:
    return i == 0 or text[i - 1] in _BOUNDARY


def inline_points(text: str) -> tuple[str, list[str]] | None:
    """`…做法：一是A。二是B。` → ("…做法：", ["A。", "B。"]); None without a 一是 at a boundary."""
    starts = []
    at = 0
    n = 1
    while True:
        word = numbering.point(n)
        i = text.find(word, at)
        while i >= 0 and not _at_boundary(text, i):
            i = text.find(word, i + 1)
        if i < 0:
            break
        starts.append((i, i + len(word)))
        at, n = i + len(word) + 1, n + 1  # a point has at least one character
    if not starts:
        return None
    ends = [s for s, _ in starts[1:]] + [len(text)]
    points = [text[b:e] for (_, b), e in zip(starts, ends)]
    if any(not p.strip() for p in points):
        return None
    return text[: starts[0][0]], points
