"""Figures that speak (rollup.md): change, rate, share, completion and previous, in the report's words.

Every computation is decimal and rounds half up, so `${key.rate}` prints what a secretary with a
calculator would write, never `0.30000000000000004`. The functions read a figure's fields by name,
so they serve both a built Figure and the raw mapping of a file still being validated.
"""

from __future__ import annotations

import difflib
from decimal import ROUND_HALF_UP, Decimal
from typing import Any

DERIVED = ("change", "rate", "share", "completion", "previous")
PERCENT = "%"
TOTALS = ("sum", "mean", "none")
DEFAULT_DECIMALS = 1


class Unavailable(Exception):
    """A derived reference that cannot be computed: its message key and fields."""

    def __init__(self, key: str, **kw: object) -> None:
        super().__init__(key)
        self.key, self.kw = key, kw


def plain(value: Decimal) -> str:
    """A Decimal as typed or as computed, without exponent notation (1E+3 → 1000)."""
    text = getattr(value, "text", None)
    return text if isinstance(text, str) else f"{value:f}"


def rounded(value: Decimal, decimals: int) -> Decimal:
    """Half up, as people round: 15.25 → 15.3 with one decimal."""
    return value.quantize(Decimal(1).scaleb(-decimals), rounding=ROUND_HALF_UP)


def percent(part: Decimal, whole: Decimal, decimals: int) -> str:
    return plain(rounded(Decimal(part) * 100 / Decimal(whole), decimals))


def default_total(unit: str) -> str:
    """How rollup totals a figure that says nothing: a percentage is not summed."""
    return "none" if unit == PERCENT else "sum"


def _get(figure: Any, name: str) -> Any:
    return figure.get(name) if isinstance(figure, dict) else getattr(figure, name, None)


def _decimals(figure: Any) -> int:
    d = _get(figure, "decimals")
    return d if isinstance(d, int) and not isinstance(d, bool) and 0 <= d <= 4 else DEFAULT_DECIMALS


def _unit(figure: Any) -> str:
    unit = _get(figure, "unit")
    return unit if isinstance(unit, str) else ""


def change(figure: Any) -> str:
    """增加3次, 减少2人, 持平; for a percentage 提高4个百分点, 下降1.2个百分点."""
    value, previous = _get(figure, "value"), _needs(figure, "previous", "figure.no-previous")
    delta = Decimal(value) - Decimal(previous)
    if delta == 0:
        return "持平"
    amount = plain(abs(delta))
    if _unit(figure) == PERCENT:
        return f"{'提高' if delta > 0 else '下降'}{amount}个百分点"
    return f"{'增加' if delta > 0 else '减少'}{amount}{_unit(figure)}"


def rate(figure: Any) -> str:
    """增长15.2%, 下降8.0%, 持平: the change against the previous value."""
    value, previous = _get(figure, "value"), _needs(figure, "previous", "figure.no-previous")
    if previous == 0:
        raise Unavailable("figure.previous-zero")
    delta = Decimal(value) - Decimal(previous)
    if delta == 0:
        return "持平"
    return f"{'增长' if delta > 0 else '下降'}{percent(abs(delta), previous, _decimals(figure))}%"


def share(figure: Any, figures: dict[str, Any]) -> str:
    """占45.5%: this figure's part of the figure named by `of`."""
    whole_key = _needs(figure, "of", "figure.no-of")
    whole = _get(figures.get(whole_key), "value")
    if not isinstance(whole, Decimal):
        raise Unavailable("figure.no-of")
    if whole == 0:
        raise Unavailable("figure.whole-zero", whole=whole_key)
    return f"占{percent(_get(figure, 'value'), whole, _decimals(figure))}%"


def completion(figure: Any) -> str:
    """完成率120.0%: the value against the planned `target`."""
    target = _needs(figure, "target", "figure.no-target")
    if target == 0:
        raise Unavailable("figure.target-zero")
    return f"完成率{percent(_get(figure, 'value'), target, _decimals(figure))}%"


def previous(figure: Any) -> str:
    return plain(_needs(figure, "previous", "figure.no-previous")) + _unit(figure)


def _needs(figure: Any, name: str, key: str) -> Any:
    value = _get(figure, name)
    if value is None:
        raise Unavailable(key)
    return value


def words(figure: Any, derived: str, figures: dict[str, Any]) -> str:
    """What `${key.derived}` prints; raises Unavailable when the figure lacks what it needs."""
    if derived == "share":
        return share(figure, figures)
    return {"change": change, "rate": rate, "completion": completion, "previous": previous}[derived](figure)


def table_change(figure: Any) -> str:
    """The figures table's 增减 cell: the words of `${key.change}`, — without a previous value."""
    try:
        return change(figure)
    except Unavailable:
        return "—"


def closest(derived: str) -> str | None:
    """The derived reference a misspelt one (`chnage`) most likely means."""
    found = difflib.get_close_matches(derived, DERIVED, n=1, cutoff=0.5)
    return found[0] if found else None


def computable(figure: dict[str, Any], fields: tuple[str, ...]) -> bool:
    """Whether the raw fields a reference needs hold numbers (a wrong type has its own error)."""
    return all(figure.get(f) is None or isinstance(figure.get(f), Decimal) for f in fields)
