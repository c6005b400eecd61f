"""One aligned stream of atoms (sequence.Diff) written as paragraphs with Word revisions.

- text deleted: runs in `w:del`, their text in `w:delText`; inserted: runs in `w:ins`; a run
  split by a revision keeps its own `w:rPr` (a copy on each part);
- text kept in other run properties (a run-in heading that became a heading of its own):
  the new `w:rPr` with a `w:rPrChange` holding the old one;
- a paragraph mark inserted or deleted: `w:pPr/w:rPr/w:ins|w:del` (that rPr is the last child
  of pPr but for sectPr and pPrChange; the revision mark is its first child). Rejecting an
  inserted mark (accepting a deleted one) joins the paragraph with the next, and LibreOffice gives
  the joined paragraph the properties of the first one: where the first keeps text, its
  properties become the next paragraph's once the join is made (`w:pPrChange` holds the others);
- every revision has a unique `w:id`, `w:author` and `w:date` (Stamp).
"""

from __future__ import annotations

import copy
from dataclasses import dataclass, field
from itertools import groupby

from lxml import etree

from generator.diff import sequence
from generator.diff.docxml import CHAR, DELETE, INSERT, MARK, MARKER, OPAQUE, PIECE, PPR, RPR, Atoms, P, R, T, w

AFTER_RPR = frozenset({w("sectPr"), w("pPrChange")})  # the only pPr children after rPr
DELETED_NAMES = {T: w("delText"), w("instrText"): w("delInstrText")}
_SPACE = "{http://www.w3.org/XML/1998/namespace}space"
_NOT_BASE = frozenset({RPR, w("sectPr"), w("pPrChange")})  # what a pPrChange's pPr may not hold

Item = tuple  # (status, atom, old atom): status None, INSERT or DELETE; old atom for equal ones


@dataclass
class Changed:
    """One paragraph (or table row) with revisions, for the summary: (status, text) pieces."""

    pieces: list[tuple[str | None, str]] = field(default_factory=list)

    def add(self, status: str | None, text: str) -> None:
        if not text:
            return
        if self.pieces and self.pieces[-1][0] == status:
            self.pieces[-1] = (status, self.pieces[-1][1] + text)
        else:
            self.pieces.append((status, text))

    @property
    def marked(self) -> bool:
        return any(s for s, _ in self.pieces)


class Stamp:
    """Makes revision elements (unique ids, author, date) and counts what they mark."""

    def __init__(self, author: str, date: str, first_id: int) -> None:
        self.author, self.date, self.next_id = author, date, first_id
        self.chars = {INSERT: 0, DELETE: 0}
        self.paragraph_marks = 0
        self.formatted = 0  # characters kept with other run properties

    def revision(self, tag: str) -> etree._Element:
        el = etree.Element(w(tag))
        el.set(w("id"), str(self.next_id))
        el.set(w("author"), self.author)
        el.set(w("date"), self.date)
        self.next_id += 1
        return el

    def mark_paragraph(self, ppr: etree._Element, status: str) -> None:
        put_mark(ppr, self.revision(status))
        self.paragraph_marks += 1


def put_mark(ppr: etree._Element, mark: etree._Element) -> None:
    """A paragraph mark's revision: first in pPr/rPr, that rPr before sectPr and pPrChange."""
    rpr = ppr.find(RPR)
    if rpr is None:
        rpr = etree.Element(RPR)
        ppr.insert(next((n for n, c in enumerate(ppr) if c.tag in AFTER_RPR), len(ppr)), rpr)
    rpr.insert(0, mark)


_MISSING = object()  # no paragraph mark after this one in the stream


class StreamWriter:
    """`record(changed)` takes each paragraph's summary; `whole(element, status)` marks all of an
    element inside a paragraph (a hyperlink, a field) inserted or deleted."""

    def __init__(self, atoms: Atoms, stamp: Stamp, record, whole) -> None:
        self.atoms, self.stamp, self.record, self.whole = atoms, stamp, record, whole

    def stream(self, d: sequence.Diff) -> list[etree._Element]:
        items = [item for seg in d.segments for item in self._order(seg)]
        after_accept, after_reject = self._next_kept(items)
        out, start = [], 0
        for i, (status, atom, old) in enumerate(items):
            if self.atoms.table[atom].kind == MARK:
                out.append(self.paragraph(items[start:i], items[i], after_accept[i], after_reject[i]))
                start = i + 1
        assert start == len(items), "a stream ends with a paragraph mark"
        return out

    def _order(self, seg: sequence.Segment) -> list[Item]:
        """A change's deleted atoms, then its inserted ones; but inserted text goes first when only
        the deleted side holds paragraph marks, so that it stays in the paragraph it was added to."""
        if seg.equal:
            return [(None, a, o) for a, o in zip(seg.new, seg.old)]
        deleted, inserted = [(DELETE, a, None) for a in seg.old], [(INSERT, a, None) for a in seg.new]
        table = self.atoms.table
        if any(table[a].kind == MARK for a in seg.old) and not any(table[a].kind == MARK for a in seg.new):
            return inserted + deleted
        return deleted + inserted

    def _next_kept(self, items: list[Item]) -> tuple[dict[int, object], dict[int, object]]:
        """For each paragraph mark, the w:pPr of the next mark that stays when all is accepted
        (the new version's), and of the next one that stays when all is rejected (the old one's)."""
        table = self.atoms.table
        accept: dict[int, object] = {}
        reject: dict[int, object] = {}
        next_accept = next_reject = _MISSING
        for i in range(len(items) - 1, -1, -1):
            status, atom, old = items[i]
            if table[atom].kind != MARK:
                continue
            accept[i], reject[i] = next_accept, next_reject
            if status != DELETE:
                next_accept = table[atom].value
            if status != INSERT:
                next_reject = table[old if status is None else atom].value
        return accept, reject

    # -------------------------------------------------------------- one paragraph

    def paragraph(self, content: list[Item], mark: Item, after_accept, after_reject) -> etree._Element:
        status, atom, old = mark
        table = self.atoms.table
        own = table[atom].value
        # what the paragraph's properties are once everything is accepted, and once rejected
        accepted, rejected = own, own
        if status is None:
            rejected = table[old].value
        elif status == INSERT and after_reject is not _MISSING and any(s != INSERT for s, _, _ in content):
            rejected = after_reject  # rejected, it joins the next paragraph kept (and keeps its own text)
        elif status == DELETE and after_accept is not _MISSING and any(s != DELETE for s, _, _ in content):
            accepted = after_accept
        ppr = copy.deepcopy(accepted) if accepted is not None else None
        if status or _base(accepted) != _base(rejected):
            ppr = ppr if ppr is not None else etree.Element(PPR)
        if status:
            self.stamp.mark_paragraph(ppr, status)
        if _base(accepted) != _base(rejected):
            self._format_change(ppr, rejected)
        p = etree.Element(P)
        if ppr is not None:
            p.append(ppr)
        summary = Changed()
        self._runs(p, content, summary)
        if status:
            summary.add(status, "¶")
        self.record(summary)
        return p

    def _format_change(self, ppr: etree._Element, rejected: etree._Element | None) -> None:
        change = self.stamp.revision("pPrChange")
        base = etree.SubElement(change, PPR)
        if rejected is not None:
            base.extend(copy.deepcopy(c) for c in rejected if c.tag not in _NOT_BASE)
        ppr.append(change)

    def _runs(self, p: etree._Element, content: list[Item], summary: Changed) -> None:
        table = self.atoms.table
        wrapper: etree._Element | None = None
        for (status, *_), group in groupby(content, key=self._run_key):
            group = list(group)
            first, old = table[group[0][1]], group[0][2]
            if first.kind in (MARKER, OPAQUE):
                wrapper = None
                if first.kind == MARKER and status != DELETE:
                    p.append(copy.deepcopy(first.value))
                elif first.kind == OPAQUE:
                    el = copy.deepcopy(first.value)
                    p.append(self.whole(el, status) if status else el)
                    summary.add(status, "".join(el.itertext()))
                continue
            run = etree.Element(R)
            if status is None:
                wrapper = None
                p.append(run)
            else:
                if wrapper is None or wrapper.tag != w(status):
                    wrapper = self.stamp.revision(status)
                    p.append(wrapper)
                wrapper.append(run)
            rpr = copy.deepcopy(first.rpr) if first.rpr is not None else None
            text = self._fill(run, [a for _, a, _ in group], status)
            if old is not None and table[old].props != first.props:  # kept, formatted otherwise
                rpr = rpr if rpr is not None else etree.Element(RPR)
                change = self.stamp.revision("rPrChange")
                rpr.append(change)  # the last child of rPr
                former = etree.SubElement(change, RPR)
                if table[old].rpr is not None:
                    former.extend(copy.deepcopy(c) for c in table[old].rpr if c.tag != w("rPrChange"))
                self.stamp.formatted += len(text)
            if rpr is not None:
                run.insert(0, rpr)
            summary.add(status, text)
            if status:
                self.stamp.chars[status] += len(text)

    def _run_key(self, item: Item) -> tuple:
        """Atoms that go into one run: same status and run properties (old and new); others one by one."""
        status, atom, old = item
        a = self.atoms.table[atom]
        if a.kind not in (CHAR, PIECE):
            return (status, -1 - atom)
        return (status, a.props, self.atoms.table[old].props if old is not None else None)

    def _fill(self, run: etree._Element, atoms: list[int], status: str | None) -> str:
        """Put the characters and pieces of `atoms` into `run`; returns their plain text."""
        table = self.atoms.table
        name = w("delText") if status == DELETE else T
        text: list[str] = []
        chars: list[str] = []

        def flush() -> None:
            if chars:
                t = etree.SubElement(run, name)
                t.set(_SPACE, "preserve")
                t.text = "".join(chars)
                text.append(t.text)
                chars.clear()

        for n in atoms:
            a = table[n]
            if a.kind == CHAR:
                chars.append(a.value)
                continue
            flush()
            el = copy.deepcopy(a.value)
            if status == DELETE and el.tag in DELETED_NAMES:
                el.tag = DELETED_NAMES[el.tag]
            run.append(el)
            text.append(self.atoms.text([n]))
        flush()
        return "".join(text)

def _base(ppr: etree._Element | None) -> bytes:
    """The paragraph properties that a pPrChange records (all but the mark's rPr and sectPr)."""
    if ppr is None:
        return b""
    return b"".join(etree.tostring(c) for c in ppr if c.tag not in _NOT_BASE)
