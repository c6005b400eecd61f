"""What frames the body of a report: the title at the top, the sign-off at the end, the tables.

`frame()` takes the source paragraphs and returns the title, the signature, the figures and the
body lines in between, each line with its label recognised. The template's own caption of the
figures table (主要工作数据) is left out; any other table stays where it is, a
paragraph a row.
"""

from __future__ import annotations

import datetime
import re
from dataclasses import dataclass, field

from generator.importer import figures as figures_mod
from generator.importer import labels
from generator.importer.labels import Label
from generator.importer.paragraphs import Document, Para
from generator.importer.script import fold

CAPTION = "主要工作数据"  # the built-in template's caption of the figures table
CELL_GAP = "\u3000"  # between the cells of a table row read as a paragraph: a space, no character added
_TITLE_WORDS = ("总结", "报告", "计划", "安排", "打算", "汇报", "要点", "思路", "材料")
_CN_DIGITS = {c: i for i, c in enumerate("〇一二三四五六七八九")} | {"零": 0}
_DATE = re.compile(
    r"(?P<y>\d{4}|[〇零一二三四五六七八九]{4})\s*年\s*(?P<m>\d{1,2}|[一二三四五六七八九十]{1,2})\s*月"
    r"\s*(?P<d>\d{1,2}|[一二三四五六七八九十]{1,3})\s*日"
    r"|(?P<iy>\d{4})[-./](?P<im>\d{1,2})[-./](?P<id>\d{1,2})"
)


@dataclass
class Line:
    para: Para
    label: Label | None
    rest: str  # the text after the label
    figures: bool = False  # where the figures table stood

    @property
    def text(self) -> str:
        return self.para.text

    @property
    def where(self) -> int:
        return self.para.where

    @property
    def structural(self) -> bool:
        """Labelled as a heading (一、 （一） 1. …), not as a point or a part."""
        return self.label is not None and isinstance(self.label.kind, int)

    @property
    def point(self) -> int:
        """The number of a point that starts the line (一是 → 1, a list item → 0), else None."""
        if self.label is not None and self.label.kind == labels.POINT:
            return self.label.n
        return 0 if self.para.bullet else -1


@dataclass
class Frame:
    title: str = ""
    title_where: int = 1  # the paragraph of the title (where a note on it points)
    lines: list[Line] = field(default_factory=list)
    signature: tuple[str, datetime.date] | None = None
    signature_where: int = 0
    figures: list[figures_mod.Row] = field(default_factory=list)
    notes: list[tuple[int, str, dict]] = field(default_factory=list)  # (where, message key, fields)


def frame(doc: Document) -> Frame:
    found = Frame()
    paras = list(doc.paragraphs)
    _title(paras, found)
    _signature(paras, found)
    for i, p in enumerate(paras):
        if p.is_table:
            _table(p, found)
        elif p.text == CAPTION and i + 1 < len(paras) and paras[i + 1].is_table and figures_mod.rows(paras[i + 1].rows or []):
            continue
        else:
            label, rest = labels.strip(p.text)
            if label is None and labels.unreadable(p.text):
                found.notes.append((p.where, "import.label-unread", {"limit": labels.MAX_NUMBER}))
            found.lines.append(Line(p, label, rest))
    return found


def _table(p: Para, found: Frame) -> None:
    rows = figures_mod.rows(p.rows or [])
    if rows and not found.figures:
        found.figures = rows
        found.lines.append(Line(p, None, "", figures=True))
        return
    found.notes.append((p.where, "import.table-as-text", {}))
    for cells in p.rows or []:  # a row a paragraph, in its place: the table stays together
        text = CELL_GAP.join(c.strip() for c in cells if c.strip())
        if text:
            found.lines.append(Line(Para(text, p.where), None, text))


# ---------------------------------------------------------------- title


def _title_like(p: Para) -> bool:
    text = p.text
    if p.is_table or not text or len(text) > 80 or labels.at_start(text) or parse_date(text):
        return False
    return not text.endswith(("。", "：", ":", "；", "，"))


def is_title_words(text: str) -> bool:
    """Ends like a report's title (总结, 报告, 計劃 …)."""
    return fold(text).endswith(_TITLE_WORDS)


def _title(paras: list[Para], found: Frame) -> None:
    if not paras or not _title_like(paras[0]):
        return
    styled = paras[0].title_style or paras[0].centred
    taken = [paras[0]]
    for p in paras[1:4]:
        joined = "".join(t.text for t in taken)
        same_style = styled and (p.title_style or p.centred)
        completes = not is_title_words(joined) and is_title_words(p.text) and len(p.text) <= 40
        if not _title_like(p) or not (same_style or (completes and not styled)):
            break
        taken.append(p)
    found.title = "".join(p.text.strip() for p in taken)
    found.title_where = taken[0].where
    del paras[: len(taken)]


# ---------------------------------------------------------------- sign-off


def parse_date(text: str) -> datetime.date | None:
    """2024年1月6日, 2024年01月06日, 二〇二四年一月六日, 2024-01-06 — the whole line."""
    m = _DATE.fullmatch(text.strip())
    if not m:
        return None
    if m.group("iy"):
        y, mo, d = int(m.group("iy")), int(m.group("im")), int(m.group("id"))
    else:
        y, mo, d = _cn_int(m.group("y")), _cn_int(m.group("m")), _cn_int(m.group("d"))
    try:
        return datetime.date(y, mo, d)
    except ValueError:
        return None


def _cn_int(text: str) -> int:
    if text.isdigit():
        return int(text)
    if len(text) == 4:  # 二〇二四: digit by digit
        return int("".join(str(_CN_DIGITS[c]) for c in text))
    return labels.chinese_value(text) or 0


def _signature(paras: list[Para], found: Frame) -> None:
    if len(paras) < 2 or paras[-1].is_table:
        return
    date = parse_date(paras[-1].text)
    if date is None:
        return
    name = paras[-2]
    text = name.text.strip()
    if name.is_table or not text or len(text) > 100 or labels.at_start(text) or text.endswith(("。", "：", "；", "，", "！", "？")):
        found.notes.append((paras[-1].where, "import.date-alone", {}))
        return
    found.signature = (text, date)
    found.signature_where = name.where
    del paras[-2:]
