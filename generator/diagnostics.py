"""The Problem value: what is wrong, where, how bad; and its one-line rendering."""

from __future__ import annotations

from dataclasses import dataclass

ERROR = "error"
WARNING = "warning"


@dataclass(frozen=True, order=True)
class Diagnostic:
    file: str
    line: int  # 1-based, as editors count; 0 for a problem of the file as a whole
    column: int  # 1-based, in characters
    level: str = ERROR
    code: str = ""  # lint rule id; "" for reading and schema errors
    path: str = ""  # field path such as summary.items[2].title; "" for the file as a whole
    message: str = ""

    def render(self) -> str:
        """`file:line:col: level[code]: path: message`, the form editors and CI read."""
        tag = f"{self.level}[{self.code}]" if self.code else self.level
        where = f"{self.path}: " if self.path else ""
        place = f"{self.file}:{self.line}:{self.column}" if self.line else self.file  # line 0: the whole file
        return f"{place}: {tag}: {where}{self.message}"

    @property
    def is_error(self) -> bool:
        return self.level == ERROR


def format_path(path: tuple) -> str:
    """('summary', 'items', 2, 'title') → summary.items[2].title"""
    out = ""
    for part in path:
        if isinstance(part, int):
            out += f"[{part}]"
        else:
            out += f".{part}" if out else str(part)
    return out


def exit_status(found: list[Diagnostic], strict: bool = False) -> int:
    """Errors give 1; warnings give 1 only under --strict."""
    if any(d.is_error for d in found) or (strict and found):
        return 1
    return 0
