"""Paragraphs back from text whose lines are not its paragraphs (issue 22).

Three shapes that copying a report out of something else gives, each undone here before the
title, headings and parts are read, and each said once in a warning:

- hard-wrapped (copied from a PDF): every line cut at the same width. A full-width line that
  does not end a sentence runs on into the next, unless the next starts a labelled heading; a
  short line (a heading, a title, a paragraph's last line) ends its paragraph.
- a whole report on one line (pasted from a web page): split where a labelled heading follows a
  sentence end or a heading line, the title off the front where a space follows it, the date
  and the organisation off the end.
- an outline first (pages that list their headings before the text): a run of short labelled
  lines that the report repeats, in order, as its headings, and the page's title before them
  when the report repeats it too. They are left out — the report itself carries every word of
  them — with a warning at the first, saying how many.
"""

from __future__ import annotations

import re
from collections import Counter

from generator.importer import labels
from generator.importer.frame import is_title_words, parse_date
from generator.importer.paragraphs import Para
from generator.importer.script import fold

_ENDS = tuple("。！？；：…!?;:") + ("”", "’", "）", ")", "」", "》")
_MIN_WRAPPED = 10  # lines at the common width before a text counts as hard-wrapped
_LINE_WIDTHS = (18, 60)  # characters a line of a printed page holds, from large type to small
_MIN_ONE_LINE = 300  # characters of a paragraph that may be a whole report
_OUTLINE_LINE = 40  # an outline entry is a short line


def repair(paras: list[Para]) -> tuple[list[Para], list[tuple[int, str, dict]]]:
    notes: list[tuple[int, str, dict]] = []
    paras = _split_long(paras, notes)
    paras = _unwrap(paras, notes)
    paras = _drop_outline(paras, notes)
    return paras, notes


# ---------------------------------------------------------------- labels


def _heading_label(text: str) -> labels.Label | None:
    """A label that starts a heading (一、 （一） 1. （1） 第一部分), not a point (一是)."""
    label = labels.at_start(text)
    return label if label is not None and label.kind != labels.POINT else None


# ---------------------------------------------------------------- hard wraps


def _width(paras: list[Para]) -> int:
    """The width a hard-wrapped text is cut at, 0 when it is not hard-wrapped: many lines, a third
    of them or more, within two characters of one width that a printed line holds, most of
    those ending no sentence."""
    lengths = Counter(len(p.text) for p in paras if not p.is_table and len(p.text) >= 12)
    if not lengths:
        return 0
    width = max(lengths, key=lambda n: (_near(lengths, n), n))
    cut = _near(lengths, width)
    unended = sum(1 for p in paras if width - 2 <= len(p.text) <= width and not p.text.endswith(_ENDS))
    wrapped = cut >= _MIN_WRAPPED and cut * 3 >= lengths.total() and unended * 2 >= cut
    return width if wrapped and _LINE_WIDTHS[0] <= width <= _LINE_WIDTHS[1] else 0


def _near(lengths: Counter, width: int) -> int:
    """Lines cut at `width`: a line may end a character or two short of it."""
    return sum(c for n, c in lengths.items() if width - 2 <= n <= width)


def _unwrap(paras: list[Para], notes: list) -> list[Para]:
    width = _width(paras)
    if not width:
        return paras
    out: list[Para] = []
    lines: list[list[str]] = []  # the lines of each paragraph of `out`, joined once at the end
    for p in paras:
        last = out[-1] if out else None
        runs_on = last is not None and not (last.is_table or p.is_table or last.drawn or p.drawn)
        tail = lines[-1][-1] if lines else ""  # a full line was cut; a short one ended its paragraph
        if runs_on and len(tail) >= width - 2 and not tail.endswith(_ENDS) and not _heading_label(p.text):
            lines[-1].append(p.text)
        else:
            out.append(p)
            lines.append([p.text])
    for p, texts in zip(out, lines):
        p.text = "".join(texts)
    if len(out) < len(paras):
        notes.append((paras[0].where, "import.unwrapped", {"width": width, "count": len(paras) - len(out)}))
    return out


# ---------------------------------------------------------------- a report on one line

_SENTENCE_END = "。！？；"
_DATE_AT_END = re.compile(
    r"(?:\d{4}|[〇零一二三四五六七八九]{4})\s*年\s*(?:\d{1,2}|[一二三四五六七八九十]{1,2})\s*月"
    r"\s*(?:\d{1,2}|[一二三四五六七八九十]{1,3})\s*日\s*$"
)


def _split_long(paras: list[Para], notes: list) -> list[Para]:
    """A paragraph that is most of the document, long, with headings inside: a pasted report. (A
    paragraph that only runs `1.…。2.…。` through its text is left alone.)"""
    total = sum(len(p.text) for p in paras)
    out: list[Para] = []
    for p in paras:
        pasted = not p.is_table and len(p.text) >= _MIN_ONE_LINE and len(p.text) * 2 >= total
        pieces = _pieces(p.text) if pasted else [p.text]
        if len(pieces) == 1:
            out.append(p)
            continue
        notes.append((p.where, "import.split-line", {"count": len(pieces)}))
        out += [Para(text, p.where) for text in pieces]
    return out


def _pieces(text: str) -> list[str]:
    """A report on one line cut into its paragraphs; [text] when it has fewer than three headings."""
    cuts = _heading_cuts(text)
    if len(cuts) < 3:
        return [text]
    pieces = []
    start = 0
    for cut in cuts:
        pieces.append(text[start:cut])
        start = cut
    pieces.append(text[start:])
    first = _title_off(pieces.pop(0))
    last = _signature_off(pieces.pop())
    pieces = [cut for piece in pieces for cut in _part_heading_off(piece)]
    return [s.strip() for s in first + pieces + last if s.strip()]


# A part's heading in the words reports use, which a paste runs into its first sentence.
_PART_HEADING = re.compile(
    r"(?:存在的?(?:主要)?(?:问题|不足)(?:[和与及](?:不足|差距|原因))?|问题[和与及]不足|原因分析"
    r"|(?:下一?步|下阶段|明年|20\d\d年)(?:的)?工作(?:打算|计划|安排|思路))"
)


def _part_heading_off(piece: str) -> list[str]:
    """`四、存在的问题对照新形势…` → the heading and its text (a known part heading, nothing between)."""
    label = _heading_label(piece)
    if label is None:
        return [piece]
    m = _PART_HEADING.match(fold(piece), label.length)
    rest = piece[m.end() :] if m else ""
    if not rest or rest[0] in _SENTENCE_END + "，、：:（(":
        return [piece]
    return [piece[: m.end()], rest]


def _heading_cuts(text: str) -> list[int]:
    """Where a labelled heading starts: after a sentence end, or after a heading's own words
    (a heading line has no sentence end: `一、…发挥（一）落实…`)."""
    cuts: list[int] = []
    in_heading = False  # the piece since the last cut is a heading's words so far
    for i in range(1, len(text)):
        if text[i - 1] in _SENTENCE_END:
            in_heading = False
        if text[i - 1] not in _SENTENCE_END and not in_heading:
            continue
        label = _heading_label(text[i : i + 12])
        if label is None or (in_heading and cuts and i - cuts[-1] <= label.length):
            continue
        cuts.append(i)
        in_heading = True
    return cuts


def _title_off(text: str) -> list[str]:
    """`滨江…工作总结 2024年，…` → the title and the text after it."""
    m = re.match(r"(\S{4,60}?)[ \u3000\t]+(\S.*)", text, re.S)
    if m and is_title_words(m.group(1)):
        return [m.group(1), m.group(2)]
    return [text]


def _signature_off(text: str) -> list[str]:
    """`…提供坚强保证。中共…委员会2025年1月20日` → the text, the organisation, the date."""
    m = _DATE_AT_END.search(text)
    if m is None or not parse_date(m.group(0)):
        return [text]
    body = text[: m.start()]
    end = max(body.rfind(c) for c in _SENTENCE_END)
    name = body[end + 1 :]
    if not name.strip() or len(name) > 60:
        return [body, m.group(0)]
    return [body[: end + 1], name, m.group(0)]


# ---------------------------------------------------------------- an outline first


def _drop_outline(paras: list[Para], notes: list) -> list[Para]:
    texts = [p.text.strip() for p in paras]
    for start in (0, 1):  # the outline follows the page's title, or starts the page
        first = start + 1 if start < len(texts) and _CONTENTS.fullmatch(texts[start]) else start
        end = first
        while end < len(paras) and _heading_label(texts[end]) and len(texts[end]) <= _OUTLINE_LINE:
            end += 1
        if end - first < 2 or not _repeated(texts[first:end], texts[end:]):
            continue
        if start == 1:
            if end == len(texts) or texts[end] != texts[0]:
                continue
            start = 0  # the page's title, repeated as the report's own
        notes.append((paras[start].where, "import.outline", {"count": end - start}))
        return paras[end:]
    return paras


_CONTENTS = re.compile(r"目[ \u3000]*录[:：]?")


def _repeated(outline: list[str], rest: list[str]) -> bool:
    """Every line of the outline comes again, in order, as a paragraph or the start of one."""
    at = 0
    for line in outline:
        while at < len(rest) and not rest[at].startswith(line):
            at += 1
        if at == len(rest):
            return False
        at += 1
    return True
