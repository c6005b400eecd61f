"""Labels that Word or WPS draws: a paragraph's `w:numPr` and the lists of numbering.xml.

Each list (`w:num`) points at an abstract list whose levels say the number format (decimal,
chineseCounting, decimalEnclosedParen …), the text around it (`%1、`, `（%1）`, `%1.`) and where
to start. Counting follows Word: a level counts on within its list and starts again after a
paragraph of a higher level of the same list; a `w:lvlOverride/w:startOverride` restarts it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from generator import numbering

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
_PLACEHOLDER = re.compile(r"%([1-9])")


@dataclass
class _Level:
    fmt: str = "decimal"
    text: str = "%1."
    start: int = 1


@dataclass
class _List:
    abstract: str
    starts: dict[int, int] = field(default_factory=dict)  # ilvl → startOverride, until used
    own: bool = False  # has overrides: a list of its own


def _format(fmt: str, n: int) -> str:
    """A number in a w:numFmt: the formats Chinese reports use, decimal for the rest."""
    if fmt in ("chineseCounting", "chineseCountingThousand", "chineseLegalSimplified", "ideographTraditional"):
        return numbering.chinese(n) if n > 0 else "〇"
    if fmt == "decimalEnclosedParen":
        return f"（{n}）"
    if fmt == "decimalEnclosedCircle" or fmt == "decimalEnclosedCircleChinese":
        return numbering.label(5, n) if n > 0 else str(n)
    if fmt == "decimalFullWidth" or fmt == "decimalFullWidth2":
        return str(n).translate(str.maketrans("0123456789", "０１２３４５６７８９"))
    if fmt == "upperLetter" and 0 < n <= 26:
        return chr(64 + n)
    if fmt == "lowerLetter" and 0 < n <= 26:
        return chr(96 + n)
    if fmt in ("bullet", "none"):
        return ""
    return str(n)


class Numbering:
    """The lists of one document, counting as its paragraphs are read in order."""

    def __init__(self, root=None) -> None:
        self.abstract: dict[str, dict[int, _Level]] = {}
        self.lists: dict[str, _List] = {}
        self.counters: dict[str, dict[int, int]] = {}  # abstract id → ilvl → last number
        if root is not None:
            self._read(root)

    def _read(self, root) -> None:
        for a in root.iterfind(f"{W}abstractNum"):
            levels = {}
            for lvl in a.iterfind(f"{W}lvl"):
                levels[_int(lvl.get(f"{W}ilvl"), 0)] = _level(lvl)
            self.abstract[a.get(f"{W}abstractNumId", "")] = levels
        for num in root.iterfind(f"{W}num"):
            ref = num.find(f"{W}abstractNumId")
            found = _List(ref.get(f"{W}val", "") if ref is not None else "")
            for over in num.iterfind(f"{W}lvlOverride"):
                start = over.find(f"{W}startOverride")
                if start is not None:
                    found.starts[_int(over.get(f"{W}ilvl"), 0)] = _int(start.get(f"{W}val"), 1)
                    found.own = True
            self.lists[num.get(f"{W}numId", "")] = found

    def label(self, num_id: str, ilvl: int) -> str:
        """The label Word draws for the next paragraph of list `num_id` at level `ilvl`."""
        found = self.lists.get(num_id)
        if found is None or num_id == "0":
            return ""
        levels = self.abstract.get(found.abstract, {})
        if ilvl not in levels:
            return ""
        # a list with overrides is a list of its own; plain ones share their abstract list's count
        key = f"num:{num_id}" if found.own else f"abstract:{found.abstract}"
        counts = self.counters.setdefault(key, {})
        if ilvl in counts:
            counts[ilvl] += 1
        else:
            counts[ilvl] = found.starts.get(ilvl, levels[ilvl].start)
        for deeper in [k for k in counts if k > ilvl]:
            del counts[deeper]  # a higher level starts the lower ones again
        found.starts.pop(ilvl, None)  # an override applies to the first paragraph only

        def value(m: re.Match) -> str:
            at = int(m.group(1)) - 1
            lvl = levels.get(at, _Level())
            return _format(lvl.fmt, counts.get(at, lvl.start))

        return _PLACEHOLDER.sub(value, levels[ilvl].text)


def _level(lvl) -> _Level:
    found = _Level()
    fmt, text, start = lvl.find(f"{W}numFmt"), lvl.find(f"{W}lvlText"), lvl.find(f"{W}start")
    if fmt is not None:
        found.fmt = fmt.get(f"{W}val", "decimal")
    if text is not None:
        found.text = text.get(f"{W}val", "")
    if start is not None:
        found.start = _int(start.get(f"{W}val"), 1)
    return found


def _int(value: str | None, default: int) -> int:
    try:
        return int(value) if value is not None else default
    except ValueError:
        return default
