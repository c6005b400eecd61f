"""The roster: the organisation above and the branches it expects, in the order it lists them.

    organization: 示例公司党委
    branches:
      - 示例公司第一党支部
      - {name: 示例公司第二党支部, file: 二支部.yaml}

A roster that cannot be read or has the wrong shape stops the command (exit 2) with its place:
without it, 未报送 and the order of the 汇总表 would be guesses.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from generator.data import source as source_mod
from generator.data.source import Source
from generator.diagnostics import format_path
from generator.errors import ReportgenError
from generator.messages import msg


@dataclass(frozen=True)
class Entry:
    name: str
    file: Path | None  # the branch's data file, when the roster names it
    path: tuple  # its field path in the roster, for findings


@dataclass
class Roster:
    organization: str
    entries: list[Entry]
    source: Source

    def __post_init__(self) -> None:
        self._by_file = {_key(e.file): e for e in self.entries if e.file is not None}
        self._by_name = {e.name: e for e in self.entries}

    def entry(self, name: str, path: Path) -> Entry | None:
        """The entry of a branch: by its file when the roster names it, else by organisation."""
        return self._by_file.get(_key(path)) or self._by_name.get(name)


def _key(path: Path) -> str:
    try:
        return str(path.resolve())
    except OSError:
        return str(path)


def read(path: Path) -> Roster:
    if not path.is_file():
        raise ReportgenError("read.missing", path=str(path))
    src, found = source_mod.read(path)
    if src is None:
        raise ReportgenError("rollup.roster-bad", problem=found[0].render())
    data = src.data
    organization = data.get("organization")
    if not isinstance(organization, str) or not organization.strip():
        _refuse(src, ("organization",), "rollup.roster-organization")
    branches = data.get("branches")
    if not isinstance(branches, list) or not branches:
        _refuse(src, ("branches",), "rollup.roster-branches")
    entries = [_entry(src, path.parent, i, item) for i, item in enumerate(branches)]
    names = [e.name for e in entries]
    for i, name in enumerate(names):
        if name in names[:i]:
            _refuse(src, ("branches", i), "rollup.roster-twice", name=name)
    unknown = [k for k in data if k not in ("organization", "branches")]
    if unknown:
        _refuse(src, (unknown[0],), "rollup.roster-unknown", name=unknown[0])
    return Roster(organization.strip(), entries, src)


def _entry(src: Source, folder: Path, i: int, item: object) -> Entry:
    path = ("branches", i)
    if isinstance(item, str) and item.strip():
        return Entry(item.strip(), None, path)
    if isinstance(item, dict) and isinstance(item.get("name"), str) and item["name"].strip():
        if set(item) - {"name", "file"}:
            _refuse(src, path, "rollup.roster-entry")
        file = item.get("file")
        if file is not None and not (isinstance(file, str) and file.strip()):
            _refuse(src, path + ("file",), "rollup.roster-entry")
        return Entry(item["name"].strip(), folder / file.replace("\\", "/") if file else None, path)
    _refuse(src, path, "rollup.roster-entry")
    raise AssertionError  # _refuse raised


def _refuse(src: Source, path: tuple, key: str, **kw: object) -> None:
    line, column = src.position(path)
    where = f"{src.file}:{line}:{column}: {format_path(path)}: " if path else f"{src.file}:{line}:{column}: "
    raise ReportgenError("rollup.roster-bad", problem=where + msg(key, **kw))
