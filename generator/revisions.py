"""Word tracked changes (修订): the new document's XML with every difference from the old one marked.

What the OOXML rules say, and what the writer does:
- deleted text: runs inside `w:del`, their text in `w:delText`; inserted text: runs inside `w:ins`;
  a run split by a revision keeps its own `w:rPr` (a copy on each part);
- a paragraph mark inserted or deleted: `w:pPr/w:rPr/w:ins|w:del` (rPr is the last child of pPr
  but for sectPr and pPrChange; the revision mark is the first child of that rPr). Accepting a
  deleted mark, or rejecting an inserted one, joins the paragraph with the next;
- a table row inserted or deleted: `w:trPr/w:ins|w:del`, its cells' content marked likewise;
- every revision has a unique `w:id`, `w:author` and `w:date`.
"""

from __future__ import annotations

import copy
from dataclasses import dataclass, field
from itertools import groupby

from lxml import etree

from generator import compare
from generator.docdiff import DELETE, INSERT, Aligner, Drop, Keep, Row, Stream, Table, Whole
from generator.docxml import (
    BODY, CHAR, MARK, MARKER, OPAQUE, PIECE, PPR, RPR, SECTPR, TBL, TC, TCPR, TR, TRPR, W_NS, Atoms, P, R, T, items,
    parse, w,
)  # fmt: skip

_AFTER_RPR = frozenset({w("sectPr"), w("pPrChange")})  # the only pPr children after rPr
_TRPR_AFTER = frozenset({w("trPrChange")})
_DELETED_NAMES = {T: w("delText"), w("instrText"): w("delInstrText")}
_SPACE = "{http://www.w3.org/XML/1998/namespace}space"


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


@dataclass
class Tracked:
    xml: bytes  # the new word/document.xml with the revisions
    changed: list[Changed]  # the paragraphs and rows that carry revisions, in order
    inserted: int = 0  # characters
    deleted: int = 0
    paragraph_marks: int = 0  # paragraph marks inserted or deleted


def track(old_xml: bytes, new_xml: bytes, author: str, date: str) -> Tracked:
    """The new document.xml with the differences from the old one as revisions."""
    old_root, new_root = parse(old_xml), parse(new_xml)
    old_body, new_body = old_root.find(BODY), new_root.find(BODY)
    aligner = Aligner()
    pieces = aligner.container(items(old_body), items(new_body))
    atoms = aligner.atoms
    compare.tidy(aligner.diffs, atoms.is_word, atoms.is_break, atoms.boundary, extra=aligner.whole_slack)
    writer = Writer(aligner.atoms, author, date, first_id=_largest_id(new_root) + 1)
    sect = new_body.find(SECTPR)
    children = writer.emit(pieces)
    new_body[:] = children + ([sect] if sect is not None else [])
    xml = etree.tostring(new_root, xml_declaration=True, encoding="UTF-8", standalone=True)
    t = writer.tally
    return Tracked(xml, writer.changed, t[INSERT], t[DELETE], writer.paragraph_marks)


def _largest_id(root: etree._Element) -> int:
    """Revision ids start above every w:id already there (bookmarks, comments)."""
    found = [int(v) for v in root.xpath("//@w:id", namespaces={"w": W_NS}) if v.isdigit()]
    return max(found, default=0)


class Writer:
    def __init__(self, atoms: Atoms, author: str, date: str, first_id: int) -> None:
        self.atoms, self.author, self.date = atoms, author, date
        self.next_id = first_id
        self.changed: list[Changed] = []
        self.tally = {INSERT: 0, DELETE: 0}
        self.paragraph_marks = 0
        self._row: Changed | None = None  # the summary line of the row being written

    def revision(self, status: str) -> etree._Element:
        el = etree.Element(w(status))
        el.set(w("id"), str(self.next_id))
        el.set(w("author"), self.author)
        el.set(w("date"), self.date)
        self.next_id += 1
        return el

    # -------------------------------------------------------------- pieces

    def emit(self, pieces: list) -> list[etree._Element]:
        out: list[etree._Element] = []
        for piece in pieces:
            if isinstance(piece, Keep):
                out.append(piece.element)
                if self._row is not None:  # a row's summary line shows its unchanged cells too
                    self._row.add(None, "".join(piece.element.itertext()))
            elif isinstance(piece, Stream):
                out += self.stream(piece.diff)
            elif isinstance(piece, Whole):
                out.append(self.whole(copy.deepcopy(piece.element), piece.status))
            elif isinstance(piece, Table):
                out.append(self.table(piece))
            elif not isinstance(piece, Drop):
                raise TypeError(piece)
        return out

    def table(self, piece: Table) -> etree._Element:
        tbl = etree.Element(TBL, piece.element.attrib)
        tbl.extend(copy.deepcopy(c) for c in piece.element if c.tag != TR)
        for row in piece.rows:
            if isinstance(row, Keep):
                tbl.append(row.element)
            elif isinstance(row, Whole):
                tbl.append(self.whole(copy.deepcopy(row.element), row.status))
            else:
                tbl.append(self.row(row))
        return tbl

    def row(self, piece: Row) -> etree._Element:
        tr = etree.Element(TR, piece.element.attrib)
        cells = iter(piece.cells)
        self._row = Changed()
        for child in piece.element:
            if child.tag != TC:
                tr.append(copy.deepcopy(child))
                continue
            tc = etree.Element(TC, child.attrib)
            props = child.find(TCPR)
            if props is not None:
                tc.append(copy.deepcopy(props))
            if self._row.pieces:
                self._row.add(None, " | ")
            tc.extend(self.emit(next(cells)))
            tr.append(tc)
        self._finish_row()
        return tr

    def _finish_row(self) -> None:
        row, self._row = self._row, None
        if row is not None and row.marked:
            self.changed.append(row)

    def _record(self, changed: Changed) -> None:
        if self._row is not None:  # inside a table row: one summary line for the row
            for status, text in changed.pieces:
                self._row.add(status, text)
        elif changed.marked:
            self.changed.append(changed)

    # -------------------------------------------------------------- paragraphs

    def stream(self, d: compare.Diff) -> list[etree._Element]:
        out, content = [], []
        table = self.atoms.table
        for seg in d.segments:
            for status, atom in self._order(seg):
                if table[atom].kind == MARK:
                    out.append(self.paragraph(content, status, atom))
                    content = []
                else:
                    content.append((status, atom))
        assert not content, "a stream ends with a paragraph mark"
        return out

    def _order(self, seg: compare.Segment) -> list[tuple[str | None, int]]:
        """A change's deleted atoms, then its inserted ones; but inserted text goes first when only
        the deleted side holds paragraph marks, so that it stays in the paragraph it was added to."""
        if seg.equal:
            return [(None, a) for a in seg.new]
        deleted, inserted = [(DELETE, a) for a in seg.old], [(INSERT, a) for a in seg.new]
        marks = self.atoms.table
        if any(marks[a].kind == MARK for a in seg.old) and not any(marks[a].kind == MARK for a in seg.new):
            return inserted + deleted
        return deleted + inserted

    def paragraph(self, content: list[tuple[str | None, int]], mark: str | None, mark_atom: int) -> etree._Element:
        table = self.atoms.table
        p = etree.Element(P)
        ppr = table[mark_atom].value
        ppr = copy.deepcopy(ppr) if ppr is not None else None
        if mark:
            ppr = ppr if ppr is not None else etree.Element(PPR)
            self.mark_paragraph(ppr, mark)
        if ppr is not None:
            p.append(ppr)
        summary = Changed()
        wrapper: etree._Element | None = None
        for (status, _), group in groupby(content, key=self._run_key):
            atoms = [a for _, a in group]
            first = table[atoms[0]]
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
            if first.rpr is not None:
                run.append(copy.deepcopy(first.rpr))
            text = self._fill(run, atoms, status)
            summary.add(status, text)
            if status is None:
                wrapper = None
                p.append(run)
                continue
            self.tally[status] += len(text)
            if wrapper is None or wrapper.tag != w(status):
                wrapper = self.revision(status)
                p.append(wrapper)
            wrapper.append(run)
        if mark:
            summary.add(mark, "¶")
            self.paragraph_marks += 1
        self._record(summary)
        return p

    def _run_key(self, item: tuple[str | None, int]) -> tuple:
        """Atoms that go into one run: same status, same run properties; other atoms one by one."""
        status, atom = item
        a = self.atoms.table[atom]
        return (status, a.props) if a.kind in (CHAR, PIECE) else (status, -1 - atom)

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
            if status == DELETE and el.tag in _DELETED_NAMES:
                el.tag = _DELETED_NAMES[el.tag]
            run.append(el)
            text.append(self.atoms.text([n]))
        flush()
        return "".join(text)

    def mark_paragraph(self, ppr: etree._Element, status: str) -> None:
        rpr = ppr.find(RPR)
        if rpr is None:
            rpr = etree.Element(RPR)
            at = next((n for n, c in enumerate(ppr) if c.tag in _AFTER_RPR), len(ppr))
            ppr.insert(at, rpr)
        rpr.insert(0, self.revision(status))

    # -------------------------------------------------------------- whole tables, rows, items

    def whole(self, el: etree._Element, status: str) -> etree._Element:
        """Everything in `el` (a table, a row, a hyperlink …) inserted or deleted."""
        for tr in ([el] if el.tag == TR else list(el.iter(TR))):
            props = tr.find(TRPR)
            if props is None:
                props = etree.Element(TRPR)
                tr.insert(next((n for n, c in enumerate(tr) if c.tag == TC), len(tr)), props)
            at = next((n for n, c in enumerate(props) if c.tag in _TRPR_AFTER), len(props))
            props.insert(at, self.revision(status))
        for p in ([el] if el.tag == P else list(el.iter(P))):
            ppr = p.find(PPR)
            if ppr is None:
                ppr = etree.Element(PPR)
                p.insert(0, ppr)
            self.mark_paragraph(ppr, status)
            self.paragraph_marks += 1
        for r in list(el.iter(R)):
            parent = r.getparent()
            if parent.tag in (w(INSERT), w(DELETE)):
                continue
            wrapper = self.revision(status)
            parent.replace(r, wrapper)
            wrapper.append(r)
            for child in r:
                if status == DELETE and child.tag in _DELETED_NAMES:
                    child.tag = _DELETED_NAMES[child.tag]
                if child.tag in (T, w("delText")):
                    self.tally[status] += len(child.text or "")
        self._summarize_whole(el, status)
        return el

    def _summarize_whole(self, el: etree._Element, status: str) -> None:
        if el.tag == P:
            line = Changed()
            line.add(status, "".join(el.itertext()) + "¶")
            self._record(line)
            return
        if el.tag not in (TBL, TR):
            return  # a hyperlink or field inside a paragraph: that paragraph's summary has it
        for tr in ([el] if el.tag == TR else el.iter(TR)):
            cells = ["".join(tc.itertext()) for tc in tr.iter(TC)]
            line = Changed()
            line.add(status, " | ".join(cells))
            self.changed.append(line)


# CT_Settings children that come before w:trackRevisions
_BEFORE_TRACKING = frozenset(
    w(t) for t in (
        "writeProtection", "view", "zoom", "removePersonalInformation", "removeDateAndTime",
        "doNotDisplayPageBoundaries", "displayBackgroundShape", "printPostScriptOverText",
        "printFractionalCharacterWidth", "printFormsData", "embedTrueTypeFonts", "embedSystemFonts",
        "saveSubsetFonts", "saveFormsData", "mirrorMargins", "alignBordersAndEdges",
        "bordersDoNotSurroundHeader", "bordersDoNotSurroundFooter", "gutterAtTop", "hideSpellingErrors",
        "hideGrammaticalErrors", "activeWritingStyle", "proofState", "formsDesign", "attachedTemplate",
        "linkStyles", "stylePaneFormatFilter", "stylePaneSortMethod", "documentType", "mailMerge",
        "revisionView",
    )
)  # fmt: skip


def track_settings(xml: bytes) -> bytes:
    """settings.xml with 修订 (Track Changes) switched on: the reviewer's own edits are tracked too."""
    root = parse(xml)
    if root.find(w("trackRevisions")) is None:
        at = max((n + 1 for n, c in enumerate(root) if c.tag in _BEFORE_TRACKING), default=0)
        root.insert(at, etree.Element(w("trackRevisions")))
    return etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)
