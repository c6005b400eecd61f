"""The reviewer's comments (批注), each at the field its anchor lies in, with its replies.

A comment's anchor is a place in theirs; it is taken to the paragraph of ours that paragraph
stands for, to the character there (through the edit between the two), and to the segment
(field) that character comes from.
"""

from __future__ import annotations

import re

from generator.diagnostics import Diagnostic
from generator.messages import msg
from generator.review import align
from generator.review.document import Reviewed
from generator.review.merge import Merger
from generator.review.origin import Mapped


def notes(doc: Reviewed, anchors: list, merger: Merger, ours: list[Mapped], at) -> tuple[list[Diagnostic], dict]:
    """Each comment as a note (`at(path, index, message)` places it); and, for --comments yaml,
    the comment lines for each field path."""
    by_id = {c.id: c for c in doc.comments}
    where = {cid: (t, offset) for t, found in enumerate(anchors) for cid, offset in found}
    found, lines = [], {}
    for c in doc.comments:
        if c.parent is not None and c.parent in by_id:
            continue  # printed under its comment
        path, index = _field(where.get(c.id), merger, ours)
        replies = [r for r in doc.comments if r.parent == c.id]
        for n, one in enumerate([c] + replies):
            key = "review.comment" if n == 0 else "review.reply"
            fields = dict(author=one.author, date=one.date, text=_line(one.text))
            found.append(at(path, index, msg(key, **fields)))
            lines.setdefault(path, []).append(msg(key + "-yaml", **fields))
    return found, lines


def _field(anchor, merger: Merger, ours: list[Mapped]) -> tuple[tuple, int]:
    """The field (and its paragraph) a comment's anchor lies in; () when none."""
    if anchor is None or not ours:
        return (), 0
    t, offset = anchor
    o = merger.ours_of_theirs(t)
    if o is None:
        return (), 0
    m = ours[o]
    at = _offset_in(m.text, merger.theirs[t], offset)
    pos = 0
    for seg in m.segs:
        if seg.is_field and pos <= at <= pos + len(seg.text):
            return seg.path, seg.index
        pos += len(seg.text)
    fields = m.fields()
    return (fields[0].path, fields[0].index) if fields else ((), 0)


def _offset_in(ours: str, theirs: str, offset: int) -> int:
    """Where a character of theirs stands in ours."""
    for tag, i1, i2, j1, j2 in align.opcodes(ours, theirs):
        if j1 <= offset < j2 or (tag != "equal" and j1 <= offset <= j2):
            return i1 + min(offset - j1, max(i2 - i1 - 1, 0))
    return len(ours)


def _line(text: str) -> str:
    return re.sub(r"\s*\n\s*", " ", text).strip()
