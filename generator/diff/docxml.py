"""A rendered document.xml read as a diff sees it: block items, and paragraphs as atoms.

An atom is one character with its run properties, one other piece of a run (a tab, a break, a
field character …) with its run properties, a paragraph mark with its paragraph properties, or a
piece of a paragraph that is not a run (a bookmark, a hyperlink …). Atoms are interned as ints,
so that equal atoms are equal ints and the alignment (sequence.py) can work on plain lists.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from lxml import etree

W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"


def w(tag: str) -> str:
    return f"{{{W_NS}}}{tag}"


P, R, T, PPR, RPR, TBL, TR, TC = (w(t) for t in ("p", "r", "t", "pPr", "rPr", "tbl", "tr", "tc"))
BODY, SECTPR, TRPR, TCPR = w("body"), w("sectPr"), w("trPr"), w("tcPr")

CHAR, PIECE, MARK, MARKER, OPAQUE = range(5)
INSERT, DELETE = "ins", "del"  # a revision's status, named as its element
# Paragraph children that mark a place but hold no text: kept where they are in the new version.
MARKERS = frozenset(
    w(t) for t in ("bookmarkStart", "bookmarkEnd", "proofErr", "permStart", "permEnd",
                   "commentRangeStart", "commentRangeEnd")
)  # fmt: skip


_SENTENCE_END = frozenset("。；！？：")
_PAUSE = frozenset("，、）”’》")
_LABEL_END = re.compile("[一二三四五六七八九十]+是$")


@dataclass
class Atom:
    kind: int
    value: object  # CHAR: the character; MARK: the w:pPr (or None); otherwise the element
    rpr: etree._Element | None = None  # CHAR and PIECE: the run's w:rPr
    props: int = 0  # CHAR and PIECE: the run properties interned (equal ints, equal w:rPr)


class Atoms:
    """The interning table: an atom's key → its int, and back."""

    def __init__(self) -> None:
        self.ids: dict[tuple, int] = {}
        self.table: list[Atom] = []
        self._props: dict[bytes, int] = {}  # serialized rPr/pPr → small int, to keep keys short
        self._chars: dict[int, dict[str, int]] = {}
        # what atoms are compared by: the character (or piece, or paragraph mark) whatever its
        # properties, so that text kept in another format is a formatting change, not a new text
        self.match: list[int] = []
        self._matches: dict[object, int] = {}

    def _intern(self, key: tuple, atom: Atom, match: object) -> int:
        found = self.ids.get(key)
        if found is None:
            found = self.ids[key] = self._add(atom, match)
        return found

    def _add(self, atom: Atom, match: object) -> int:
        self.table.append(atom)
        self.match.append(self._matches.setdefault(match, len(self._matches)))
        return len(self.table) - 1

    def props(self, el: etree._Element | None) -> int:
        if el is None:
            return 0
        return self._props.setdefault(etree.tostring(el), len(self._props) + 1)

    def paragraph(self, p: etree._Element) -> list[int]:
        """The atoms of one w:p, ending with its paragraph mark."""
        out: list[int] = []
        ppr = None
        for child in p:
            tag = child.tag
            if tag == PPR:
                ppr = child
            elif tag == R:
                out += self.run(child)
            elif isinstance(tag, str):  # not a comment or processing instruction
                kind, xml = MARKER if tag in MARKERS else OPAQUE, etree.tostring(child)
                out.append(self._intern((kind, xml), Atom(kind, child), (kind, xml)))
        out.append(self._intern((MARK, self.props(ppr)), Atom(MARK, ppr), MARK))
        return out

    def run(self, r: etree._Element) -> list[int]:
        rpr = r.find(RPR)
        props = self.props(rpr)
        out = []
        chars = self._chars.setdefault(props, {})  # character → atom, for these run properties
        for child in r:
            tag = child.tag
            if tag == T:
                for ch in child.text or "":
                    n = chars.get(ch)
                    if n is None:
                        n = chars[ch] = self._add(Atom(CHAR, ch, rpr, props), ch)
                    out.append(n)
            elif tag != RPR and isinstance(tag, str):
                xml = etree.tostring(child)
                out.append(self._intern((PIECE, xml, props), Atom(PIECE, child, rpr, props), (PIECE, xml)))
        return out

    def is_word(self, atom: int) -> bool:
        """A Latin letter or digit: a change inside a number or word takes in all of it."""
        a = self.table[atom]
        return a.kind == CHAR and a.value.isascii() and a.value.isalnum()  # type: ignore[union-attr]

    def is_break(self, atom: int) -> bool:
        return self.table[atom].kind != CHAR

    def boundary(self, before: list[int], after: list[int]) -> int:
        """How good a place between `before` and `after` is for a revision to start or end."""
        if not before or not after:
            return 6
        last = self.table[before[-1]]
        if last.kind == MARK:
            return 6
        if self.table[after[0]].kind == MARK:
            return 5
        tail = "".join(a.value for a in (self.table[n] for n in before[-4:]) if a.kind == CHAR)
        if tail[-1:] in _SENTENCE_END:
            return 4
        if _LABEL_END.search(tail):
            return 3
        if tail[-1:] in _PAUSE:
            return 2
        return 1 if self.is_word(before[-1]) != self.is_word(after[0]) else 0

    def text(self, atoms: list[int]) -> str:
        """Plain text of atoms: characters, a tab or break as a space, a paragraph mark as \\n."""
        out = []
        for n in atoms:
            a = self.table[n]
            if a.kind == CHAR:
                out.append(a.value)
            elif a.kind == MARK:
                out.append("\n")
            elif a.kind == PIECE and etree.QName(a.value).localname in ("tab", "br", "cr"):
                out.append(" ")
        return "".join(out)


@dataclass
class Item:
    """A body (or cell) child: a paragraph, a table, or anything else (kept as it is)."""

    element: etree._Element
    key: bytes  # the whole element serialized: equal keys, equal items
    atoms: list[int] = field(default_factory=list)  # paragraphs only, filled on demand
    keys: tuple = ()  # what pairs it with an item of the other version when `key` does not (align)
    text: str = ""  # paragraphs: the text of its runs

    @property
    def is_paragraph(self) -> bool:
        return self.element.tag == P

    @property
    def is_table(self) -> bool:
        return self.element.tag == TBL


def items(parent: etree._Element, skip: frozenset[str] = frozenset({SECTPR, TCPR})) -> list[Item]:
    return [Item(c, etree.tostring(c)) for c in parent if isinstance(c.tag, str) and c.tag not in skip]


_PARSER = etree.XMLParser(huge_tree=True, resolve_entities=False, no_network=True)


def parse(xml: bytes) -> etree._Element:
    return etree.fromstring(xml, _PARSER)
