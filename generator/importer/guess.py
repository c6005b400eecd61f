"""The organisation and the period when the title does not name them (issue 22).

Most published reports leave the organisation out of the title (`2024年上半年党建工作总结`,
`党建工作总结`): it is in the text — `我们城南供水公司第二党支部在…`, `2024年，区住建局机关党委坚持…`
— or in the sign-off. The order tried: the flags, the title, the signature, the first paragraphs;
else `XX` with a warning, so the import succeeds and `lint` points at it. The period likewise:
the flag, the title, the first paragraphs (a year, 上半年/三季度 words), the year of the
sign-off date (a report signed early in the year is of the year before). Every guess is a
warning at the paragraph it was read from.
"""

from __future__ import annotations

import datetime
import re

from generator.data.periods import Period
from generator.importer import head
from generator.importer.frame import Frame
from generator.importer.paragraphs import ImportFailed
from generator.importer.script import fold

UNKNOWN = "XX"
_NEAR_TOP = 3  # paragraphs after the title searched for the organisation and the period
_ORG = re.compile(
    r"(?:^|[，。；：、（(\s]|我们|我)(?P<org>(?:中共)?[^，。；：、“”（）()\s]{1,30}?"
    r"(?:党委|党总支|党支部|党工委|党组|总支部委员会|支部委员会|委员会))"
    r"(?!的?(?:正确|坚强|统一)?(?:领导|部署|要求|指导))"  # 在公司党委的领导下: the one above, not the author
)
_LEAD_WORDS = re.compile(r"^(?:我们|我|今年以来|一年来|半年来|本季度|在|以来|全年|年初以来)")


def org_and_period(found: Frame, org: str | None, period: Period | None, name: str) -> tuple[str, Period, list]:
    notes: list[tuple[int, str, dict]] = []
    title_org, title_period = head.from_title(found.title)
    organization = (org or "").strip() or title_org or _org(found, notes)
    chosen = period or title_period or _period(found, notes)
    if chosen is None:
        raise ImportFailed("import.need-period", path=name)
    if len(organization) > 100:
        raise ImportFailed("import.need-org", path=name)
    return organization, chosen, notes


def _org(found: Frame, notes: list) -> str:
    if found.signature:
        notes.append((found.signature_where, "import.org-from-signature", {"org": found.signature[0]}))
        return found.signature[0]
    for line in found.lines[:_NEAR_TOP]:
        named = org_in(line.text)
        if named:
            notes.append((line.where, "import.org-from-text", {"org": named}))
            return named
    notes.append((found.title_where, "import.org-unknown", {"placeholder": UNKNOWN}))
    return UNKNOWN


def org_in(text: str) -> str | None:
    """The first organisation a sentence names: `…，我们城南供水公司第二党支部在…` → 城南供水公司第二党支部."""
    m = _ORG.search(fold(text))
    if m is None:
        return None
    start, end = m.span("org")
    named = _LEAD_WORDS.sub("", text[start:end])
    return named if len(named) >= 3 else None


def _period(found: Frame, notes: list) -> Period | None:
    for line in found.lines[:_NEAR_TOP]:
        period = period_in(line.text)
        if period is not None:
            notes.append((line.where, "import.period-from-text", {"period": period.name}))
            return period
    if found.signature:
        period = _dated(found.signature[1], _span_words([found.title] + [ln.text for ln in found.lines[:_NEAR_TOP]]))
        notes.append((found.signature_where, "import.period-from-date", {"period": period.name}))
        return period
    return None


_YEAR_AT = re.compile(r"(20\d\d)\s*年")
_SPAN_WORDS = re.compile(r"(上|下)半年|第?([一二三四])季度")


def period_in(text: str) -> Period | None:
    """The period a paragraph names: `2024年，…` → 2024年度; `2024年上半年…` → 2024年上半年."""
    m = _YEAR_AT.search(text)
    if m is None:
        return None
    _, period = head.from_title(text[m.start() : m.start() + 12])
    return period


def _span_words(texts: list[str]) -> tuple[str, int]:
    """(span, index) that words without a year name — 上半年, 三季度 — else the year."""
    for text in texts:
        m = _SPAN_WORDS.search(text)
        if m and m.group(1):
            return "half", 1 if m.group(1) == "上" else 2
        if m:
            return "quarter", "一二三四".index(m.group(2)) + 1
    return "year", 1


def _dated(date: datetime.date, span: tuple[str, int]) -> Period:
    """The period a report signed on `date` is of: the year's or its last quarter's or half's report
    is signed early in the next year; any other, within its year."""
    kind, index = span
    ends_the_year = kind == "year" or (kind == "half" and index == 2) or (kind == "quarter" and index == 4)
    year = date.year - 1 if ends_the_year and date.month <= 2 else date.year
    return Period(year, "year") if kind == "year" else Period(year, kind, index)
