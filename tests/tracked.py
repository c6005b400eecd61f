"""Accepting and rejecting Word tracked changes, written from the OOXML rules (ECMA-376 §17.13.5).

Independent of generator/revisions.py on purpose: the tests check that writer against this reading
of the standard.

- `w:ins` (run level): accept keeps its runs, reject removes them; `w:del`: the other way round,
  and the kept deleted text (`w:delText`) becomes text again.
- `w:pPr/w:rPr/w:ins` marks the paragraph mark as inserted; `w:del` as deleted. Removing a mark
  (rejecting an inserted one, accepting a deleted one) joins the paragraph with the next one. The
  standard does not say whose paragraph properties the joined one has; LibreOffice keeps those of
  the first paragraph unless it was left empty, and so does `_join`. A paragraph mark cannot join
  a table or the end of its container: that paragraph stays, empty or not (as in LibreOffice).
- `w:trPr/w:ins|w:del`: the row is inserted or deleted as a whole. A table left without rows goes.
- `w:rPrChange`, `w:pPrChange`: the run or paragraph properties before the change, put back when
  rejected.

`paragraphs(xml)` gives a document body as a list of (paragraph style, [(text, run props)]) with
table cells as paragraphs in reading order, what the tests compare between versions.
"""

from __future__ import annotations

import copy
import io
import zipfile

from lxml import etree

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
NS = {"w": W}


def q(tag: str) -> str:
    return f"{{{W}}}{tag}"


def document_xml(docx: bytes) -> bytes:
    with zipfile.ZipFile(io.BytesIO(docx)) as z:
        return z.read("word/document.xml")


def accept(xml: bytes) -> etree._Element:
    return _resolve(etree.fromstring(xml), keep="ins", drop="del")


def reject(xml: bytes) -> etree._Element:
    return _resolve(etree.fromstring(xml), keep="del", drop="ins")


def _resolve(root: etree._Element, keep: str, drop: str) -> etree._Element:
    root = copy.deepcopy(root)
    # a move (which reportgen does not write; other tools do) is a deletion where the text was and
    # an insertion where it went
    for el in root.iter(q("moveFrom"), q("moveTo")):
        el.tag = q("del") if el.tag == q("moveFrom") else q("ins")
    for el in root.iter(q("moveFromRangeStart"), q("moveFromRangeEnd"), q("moveToRangeStart"), q("moveToRangeEnd")):
        el.getparent().remove(el)
    for tr in root.xpath(f"//w:tr[w:trPr/w:{drop}]", namespaces=NS):
        tr.getparent().remove(tr)
    for tbl in root.xpath("//w:tbl[not(w:tr)]", namespaces=NS):
        tbl.getparent().remove(tbl)
    _formatting(root, accepting=keep == "ins")
    for el in root.xpath(f"//w:p/w:{drop} | //w:hyperlink/w:{drop}", namespaces=NS):
        el.getparent().remove(el)
    for el in root.xpath(f"//w:p/w:{keep} | //w:hyperlink/w:{keep}", namespaces=NS):
        parent = el.getparent()
        at = parent.index(el)
        for child in list(el):
            parent.insert(at, child)
            at += 1
        parent.remove(el)
    for el in root.iter(q("delText")):
        el.tag = q("t")
    for el in root.iter(q("delInstrText")):
        el.tag = q("instrText")
    # paragraph marks: a removed one joins its paragraph with the next
    removed = set()
    for p in root.iter(q("p")):
        rpr = p.find("w:pPr/w:rPr", NS)
        if rpr is None:
            continue
        if rpr.find(f"w:{drop}", NS) is not None:
            removed.add(p)
        for mark in rpr.findall(f"w:{keep}", NS) + rpr.findall(f"w:{drop}", NS):
            rpr.remove(mark)
        if not len(rpr):  # the mark held the only run property of the paragraph mark
            ppr = rpr.getparent()
            ppr.remove(rpr)
            if not len(ppr):  # and that was all of the paragraph's properties: as good as none
                p.remove(ppr)
    for p in [p for p in root.iter(q("p")) if p in removed]:
        if p in removed:  # not joined into an earlier one already
            _join(p, removed)
    for tr in root.iter(q("trPr")):
        for mark in tr.findall(f"w:{keep}", NS):
            tr.remove(mark)
    return root


def _formatting(root: etree._Element, accepting: bool) -> None:
    """w:rPrChange and w:pPrChange hold the former run and paragraph properties: accepting drops
    them, rejecting puts them back (a pPrChange's pPr has all but the mark's rPr and sectPr)."""
    for change in root.xpath("//w:rPr/w:rPrChange", namespaces=NS):
        rpr = change.getparent()
        if not accepting:
            for c in list(rpr):
                rpr.remove(c)
            rpr.extend(change.find(q("rPr")) if change.find(q("rPr")) is not None else [])
        else:
            rpr.remove(change)
        if not len(rpr):
            rpr.getparent().remove(rpr)
    for change in root.xpath("//w:pPr/w:pPrChange", namespaces=NS):
        ppr = change.getparent()
        ppr.remove(change)
        if accepting:
            continue
        kept = [c for c in ppr if c.tag in (q("rPr"), q("sectPr"))]
        for c in list(ppr):
            ppr.remove(c)
        former = change.find(q("pPr"))
        ppr.extend(list(former) if former is not None else [])
        ppr.extend(kept)


def _join(first: etree._Element, removed: set) -> None:
    """Join `first` with the paragraphs after it up to one whose mark stays (the end of its
    container, or a table, ends the run too). The joined paragraph has the properties of the first
    one with text left, else of the last one, as LibreOffice joins paragraphs."""
    group = [first]
    while group[-1] in removed:
        nxt = group[-1].getnext()
        if nxt is None or nxt.tag != q("p"):
            break
        group.append(nxt)
    for p in group:  # joined: the result ends with the mark of the last one
        removed.discard(p)
    content = [c for p in group for c in p if c.tag != q("pPr")]
    holder = next((p for p in group if _runs_of([c for c in p if c.tag != q("pPr")])), group[-1])
    for p in group:
        if p is not holder:
            p.getparent().remove(p)
    for c in list(holder):
        if c.tag != q("pPr"):
            holder.remove(c)
    holder.extend(content)


def _runs_of(elements: list) -> bool:
    return any(t.text for el in elements for t in el.iter(q("t")))


def _runs(p: etree._Element) -> list[tuple[str, bytes]]:
    """(text, run properties) of each stretch of text, adjacent equal properties merged."""
    out: list[tuple[str, bytes]] = []
    for r in p.iter(q("r")):
        rpr = r.find(q("rPr"))
        props = etree.tostring(rpr) if rpr is not None else b""
        text = "".join(t.text or "" for t in r if t.tag in (q("t"), q("delText")))
        text += "".join(" " for t in r if t.tag in (q("tab"), q("br")))
        if not text:
            continue
        if out and out[-1][1] == props:
            out[-1] = (out[-1][0] + text, props)
        else:
            out.append((text, props))
    return out


def paragraphs(root: etree._Element | bytes) -> list[tuple[str, list[tuple[str, bytes]]]]:
    """Every paragraph of the body, cells included, as (pPr, runs); a revision mark left is an error."""
    if isinstance(root, bytes):
        root = etree.fromstring(root)
    out = []
    for p in root.find(q("body")).iter(q("p")):
        ppr = p.find(q("pPr"))
        out.append((etree.tostring(ppr) if ppr is not None else b"", _runs(p)))
    return out


def texts(root: etree._Element | bytes) -> list[str]:
    """The text of every paragraph, cells included."""
    return ["".join(t for t, _ in runs) for _, runs in paragraphs(root)]


def units(root: etree._Element | bytes) -> list[str]:
    """What a reader counts as paragraphs: the body's paragraphs, and each table row as one."""
    if isinstance(root, bytes):
        root = etree.fromstring(root)
    out = []
    for el in root.find(q("body")):
        if el.tag == q("p"):
            out.append("".join(t for t, _ in _runs(el)))
        elif el.tag == q("tbl"):
            for tr in el.iter(q("tr")):
                out.append(" | ".join("".join(t for t, _ in _runs(tc)) for tc in tr.iter(q("tc"))))
    return out


def marks(xml: bytes) -> tuple[int, int, int]:
    """(characters inserted, deleted or moved, paragraph marks marked, units of `units` with any
    mark) of a document.xml."""
    root = etree.fromstring(xml)
    texts = "//w:ins//w:t | //w:del//w:delText | //w:moveFrom//w:delText | //w:moveFrom//w:t | //w:moveTo//w:t"
    chars = sum(len(t.text or "") for t in root.xpath(texts, namespaces=NS))
    pmarks = len(root.xpath("//w:pPr/w:rPr/*[self::w:ins or self::w:del or self::w:moveFrom or self::w:moveTo]",
                            namespaces=NS))  # fmt: skip
    marked = "w:ins or w:del or w:moveFrom or w:moveTo or w:pPr/w:rPr/w:ins or w:pPr/w:rPr/w:del"
    paragraphs = root.xpath(f"count(//w:body/w:p[{marked}])", namespaces=NS)
    rows = root.xpath(f"count(//w:tr[w:trPr/w:ins or w:trPr/w:del or .//w:p[{marked}]])", namespaces=NS)
    return chars, pmarks, int(paragraphs + rows)


def levenshtein(a, b) -> int:
    """Plain dynamic programming over two strings or lists: small inputs only (the tests' reports)."""
    if len(a) < len(b):
        a, b = b, a
    prev = list(range(len(b) + 1))
    for i, x in enumerate(a, 1):
        cur = [i]
        for j, y in enumerate(b, 1):
            cur.append(min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + (x != y)))
        prev = cur
    return prev[-1]


def outside_lcs(a: list, b: list) -> int:
    """Elements of `a` and of `b` outside their longest common subsequence."""
    prev = [0] * (len(b) + 1)
    for x in a:
        cur = [0]
        for j, y in enumerate(b, 1):
            cur.append(prev[j - 1] + 1 if x == y else max(prev[j], cur[j - 1]))
        prev = cur
    return len(a) + len(b) - 2 * prev[-1]
