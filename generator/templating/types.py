"""The data model a template sees, as types the checker follows through `{{ … }}` and `{% for %}`."""

from __future__ import annotations

import typing
from dataclasses import dataclass, fields, is_dataclass
from types import UnionType
from typing import Any

from generator.data.model import Block
from generator.layout import Paragraph
from generator.templating.context import FigureRow, PeriodView, SignatureView

ANY = None  # a value of unknown type: anything goes
REFUSED = object()  # what an unsafe attribute gives: reported once, not again down the chain


@dataclass(frozen=True)
class Seq:
    item: Any

    def __str__(self) -> str:
        return f"list[{type_name(self.item)}]"


@dataclass(frozen=True)
class Loop:
    """Jinja's `loop` inside a for over items of type `item`."""

    item: Any


# Every variable a template gets (generator/templating/context.py builds them; docs/templates.md).
CONTEXT_HINTS: dict[str, Any] = {
    "title": str,
    "title_lines": list[str],
    "organization": str,
    "period": PeriodView,
    "intro": list[str],
    "summary": Block,
    "problems": Block,
    "causes": Block | None,
    "plans": Block,
    "closing": list[str],
    "signature": SignatureView | None,
    "figures": list[FigureRow],
    "paragraphs": list[Paragraph],
    "layout": str,
    "format": str,
}

_LOOP = {"index": int, "index0": int, "revindex": int, "revindex0": int, "first": bool, "last": bool,
         "length": int, "depth": int, "depth0": int, "cycle": ANY, "changed": ANY}  # fmt: skip


def from_hint(hint: Any) -> Any:
    """A type annotation as a checker type: tuple[Block, ...] → Seq(Block); Block | None → Block."""
    origin = typing.get_origin(hint)
    if origin in (tuple, list) or hint in (tuple, list):
        args = typing.get_args(hint)
        return Seq(from_hint(args[0]) if args else ANY)
    if origin in (typing.Union, UnionType):
        rest = [a for a in typing.get_args(hint) if a is not type(None)]
        return from_hint(rest[0]) if len(rest) == 1 else ANY
    return hint if isinstance(hint, type) else ANY


CONTEXT = {name: from_hint(hint) for name, hint in CONTEXT_HINTS.items()}


def attributes(t: Any) -> dict[str, Any] | None:
    """The attributes a template may read on a value of type t; None when anything goes."""
    if t is ANY or t is REFUSED:
        return None
    if isinstance(t, Loop):
        return {**_LOOP, "previtem": t.item, "nextitem": t.item}
    cls = tuple if isinstance(t, Seq) else t
    found: dict[str, Any] = {name: ANY for name in dir(cls) if not name.startswith("_")}
    if is_dataclass(cls):
        hints = typing.get_type_hints(cls)
        found.update({f.name: from_hint(hints[f.name]) for f in fields(cls)})
        for name, value in vars(cls).items():
            if isinstance(value, property) and not name.startswith("_"):
                found[name] = from_hint(typing.get_type_hints(value.fget).get("return"))
    return found


def type_name(t: Any) -> str:
    if isinstance(t, Loop):
        return "loop"
    return str(t) if isinstance(t, Seq) else getattr(t, "__name__", "?")
