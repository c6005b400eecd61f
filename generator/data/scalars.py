"""Typing one scalar the way the schema wants it: integer, decimal as typed, date, or text."""

from __future__ import annotations

import datetime
import re
from decimal import Decimal, InvalidOperation
from typing import Any

from generator.data.nodes import ReadError, Scalar


class Number(Decimal):
    """A decimal that remembers how it was typed, so `12.50` prints as `12.50`."""

    text: str

    def __new__(cls, text: str) -> "Number":
        self = super().__new__(cls, text)
        self.text = _as_printed(text, self)
        return self

    def __reduce__(self):  # keep `text` across process pools
        return (Number, (self.text,))


def _as_printed(typed: str, value: Decimal) -> str:
    """The digits as typed, less what no report prints: a sign on zero or a plus, leading zeros
    (`010` is ten, data-format.md: 10; `0010.50` → 10.50), a bare point (`.5` → 0.5, `5.` → 5),
    an exponent (`1e3` → 1000). Decimals typed stay as typed: `12.50` is 12.50."""
    body = typed.lstrip("+-")
    sign = "-" if typed.startswith("-") and value != 0 else ""
    if "e" in body or "E" in body:
        return sign + f"{abs(value):f}"
    whole, _, fraction = body.partition(".")
    return sign + (whole.lstrip("0") or "0") + ("." + fraction if fraction else "")


_INT = re.compile(r"[-+]?[0-9]+")
_DECIMAL = re.compile(r"[-+]?(?:[0-9]+(?:\.[0-9]*)?|\.[0-9]+)(?:[eE][-+]?[0-9]+)?")
_ISO_DATE = re.compile(r"(\d{4})-(\d{1,2})-(\d{1,2})")
_CN_DATE = re.compile(r"(\d{4})年(\d{1,2})月(\d{1,2})日")
NULLS = {"", "~", "null", "Null", "NULL"}


def scalar(node: Scalar, wanted: str | None) -> Any:
    """The value of a scalar where the schema wants `wanted`; text as typed when it does not fit."""
    value, plain = node.value, not node.style
    if plain and value in NULLS:
        return None
    if wanted == "integer" and plain and _INT.fullmatch(value):
        return int(value, 10)
    if wanted == "decimal" and plain and _DECIMAL.fullmatch(value):
        try:
            return Number(value)
        except InvalidOperation:  # pragma: no cover - the pattern only lets numbers through
            return value
    if wanted == "date":
        found = _ISO_DATE.fullmatch(value) or _CN_DATE.fullmatch(value)
        if found:
            try:
                return datetime.date(*(int(g) for g in found.groups()))
            except ValueError:
                raise ReadError(node.line, node.column, "read.bad-date", value=value) from None
    return value
