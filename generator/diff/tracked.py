"""Word tracked changes (修订): the new document's XML with every difference from the old one marked.

align.Aligner pairs what is kept, changed, added and removed; sequence.tidy evens the character
diffs out; Writer then writes the new body: kept items as they are, changed paragraphs through
redline.StreamWriter, and whole items inserted or deleted here — a table row with
`w:trPr/w:ins|w:del`, its cells' content marked likewise; a paragraph with its runs in
`w:ins`/`w:del` and its mark in `w:pPr/w:rPr`.
"""

from __future__ import annotations

import copy
from dataclasses import dataclass

from lxml import etree

from generator.diff import sequence
from generator.diff.align import Aligner, Drop, Keep, Row, Stream, Table, Whole
from generator.diff.docxml import (
    BODY,
    DELETE,
    INSERT,
    PPR,
    RPR,
    SECTPR,
    TBL,
    TC,
    TCPR,
    TR,
    TRPR,
    W_NS,
    Atoms,
    P,
    R,
    T,
    items,
    parse,
    w,
)  # fmt: skip
from generator.diff.redline import DELETED_NAMES, Changed, Stamp, StreamWriter, put_mark

_TRPR_AFTER = frozenset({w("trPrChange")})


@dataclass
class Tracked:
    xml: bytes  # the new word/document.xml with the revisions
    changed: list[Changed]  # the paragraphs and rows that carry revisions, in order
    inserted: int = 0  # characters
    deleted: int = 0
    paragraph_marks: int = 0  # paragraph marks inserted or deleted
    formatted: int = 0  # characters kept with other run properties (w:rPrChange)


def track(old_xml: bytes, new_xml: bytes, author: str, date: str) -> Tracked:
    """The new document.xml with the differences from the old one as revisions."""
    old_root, new_root = parse(old_xml), parse(new_xml)
    old_body, new_body = old_root.find(BODY), new_root.find(BODY)
    aligner = Aligner()
    pieces = aligner.container(items(old_body), items(new_body))
    atoms = aligner.atoms
    sequence.tidy(aligner.diffs, atoms.is_word, atoms.is_break, atoms.boundary, extra=aligner.whole_slack)
    stamp = Stamp(author, date, first_id=_largest_id(new_root) + 1)
    writer = Writer(aligner.atoms, stamp)
    sect = new_body.find(SECTPR)
    children = writer.emit(pieces)
    new_body[:] = children + ([sect] if sect is not None else [])
    xml = etree.tostring(new_root, xml_declaration=True, encoding="UTF-8", standalone=True)
    return Tracked(xml, writer.changed, stamp.chars[INSERT], stamp.chars[DELETE], stamp.paragraph_marks, stamp.formatted)


def _largest_id(root: etree._Element) -> int:
    """Revision ids start above every w:id already there (bookmarks, comments)."""
    found = [int(v) for v in root.xpath("//@w:id", namespaces={"w": W_NS}) if v.isdigit()]
    return max(found, default=0)


def _settle_marks(children: list[etree._Element]) -> None:
    """Paragraphs inserted (or deleted) whole just before a table or at the end of their container
    have no paragraph after them to join when rejected (or accepted): Word and LibreOffice leave an
    empty paragraph there. Their first paragraph mark is the one that came (or went): the revision
    goes on the mark before them, which then joins them, and comes off the last one."""
    for i, p in enumerate(children):
        if p.tag != P or (i + 1 < len(children) and children[i + 1].tag == P):
            continue
        status = _mark_status(p)
        if status is None or not _wholly(p, status):
            continue
        first = i
        while first > 0 and children[first - 1].tag == P and _mark_status(children[first - 1]) == status \
                and _wholly(children[first - 1], status):  # fmt: skip
            first -= 1
        before = children[first - 1] if first > 0 else None
        if before is None or before.tag != P or _mark_status(before) is not None:
            continue
        rpr = p.find(f"{PPR}/{RPR}")
        mark = rpr.find(w(status))
        rpr.remove(mark)
        if not len(rpr):
            rpr.getparent().remove(rpr)
        ppr = before.find(PPR)
        if ppr is None:
            ppr = etree.Element(PPR)
            before.insert(0, ppr)
        put_mark(ppr, mark)


def _mark_status(p: etree._Element) -> str | None:
    rpr = p.find(f"{PPR}/{RPR}")
    if rpr is None:
        return None
    return next((s for s in (INSERT, DELETE) if rpr.find(w(s)) is not None), None)


def _wholly(p: etree._Element, status: str) -> bool:
    """Whether every run of `p` is inside a revision of `status`."""
    return all(r.getparent().tag == w(status) for r in p.iter(R))


class Writer:
    """Turns the pieces of align.Aligner into elements; paragraphs are redline.StreamWriter's."""

    def __init__(self, atoms: Atoms, stamp: Stamp) -> None:
        self.stamp = stamp
        self.paragraphs = StreamWriter(atoms, stamp, self._record, self.whole)
        self.changed: list[Changed] = []
        self._row: Changed | None = None  # the summary line of the row being written

    # -------------------------------------------------------------- pieces

    def emit(self, pieces: list) -> list[etree._Element]:
        out: list[etree._Element] = []
        for piece in pieces:
            if isinstance(piece, Keep):
                out.append(piece.element)
                if self._row is not None:  # a row's summary line shows its unchanged cells too
                    self._row.add(None, "".join(piece.element.itertext()))
            elif isinstance(piece, Stream):
                out += self.paragraphs.stream(piece.diff)
            elif isinstance(piece, Whole):
                out.append(self.whole(copy.deepcopy(piece.element), piece.status))
            elif isinstance(piece, Table):
                out.append(self.table(piece))
            elif not isinstance(piece, Drop):
                raise TypeError(piece)
        _settle_marks(out)
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

    # -------------------------------------------------------------- whole tables, rows, items

    def whole(self, el: etree._Element, status: str) -> etree._Element:
        """Everything in `el` (a table, a row, a hyperlink …) inserted or deleted."""
        for tr in ([el] if el.tag == TR else list(el.iter(TR))):
            props = tr.find(TRPR)
            if props is None:
                props = etree.Element(TRPR)
                tr.insert(next((n for n, c in enumerate(tr) if c.tag == TC), len(tr)), props)
            at = next((n for n, c in enumerate(props) if c.tag in _TRPR_AFTER), len(props))
            props.insert(at, self.stamp.revision(status))
        for p in ([el] if el.tag == P else list(el.iter(P))):
            ppr = p.find(PPR)
            if ppr is None:
                ppr = etree.Element(PPR)
                p.insert(0, ppr)
            self.stamp.mark_paragraph(ppr, status)
        for r in list(el.iter(R)):
            parent = r.getparent()
            if parent.tag in (w(INSERT), w(DELETE)):
                continue
            wrapper = self.stamp.revision(status)
            parent.replace(r, wrapper)
            wrapper.append(r)
            for child in r:
                if status == DELETE and child.tag in DELETED_NAMES:
                    child.tag = DELETED_NAMES[child.tag]
                if child.tag in (T, w("delText")):
                    self.stamp.chars[status] += len(child.text or "")
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
