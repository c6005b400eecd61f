"""Writing YAML by hand, line by line: scalars that read back as exactly the text written, comments
that cannot end early, the period in its mapping form, and the schema line for editors. `new` and
`import` write their files with these, so the order, the layout and the comments are ours."""

from __future__ import annotations

import os
import re
from pathlib import Path

import yaml

from generator.data.periods import Period
from generator.data.source import Source
from generator.resources import folder

SCHEMA_FILE = "report.schema.json"
MODELINE = re.compile(r"#\s*yaml-language-server:\s*\$schema=(\S+)")


_PRINTABLE = "\x09\x20-\x7e\xa0-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff"
# Characters a YAML file cannot hold as typed, or that YAML reads as a line break.
_UNSAFE = re.compile(f"[^{_PRINTABLE}]|[\u2028\u2029\ufeff]")
_INDICATORS = set("-?:,[]{}#&*!|>'\"%@`")
# Numbers in YAML 1.2 (editors) and 1.1 (PyYAML) alike, and the 1.1 booleans PyYAML leaves out.
_LOOKS_TYPED = re.compile(r"[-+]?(?:\.?[0-9][0-9a-fA-FoxX_.:eE+-]*|\.inf|\.nan)|[yYnN]", re.IGNORECASE)
_RESOLVER = yaml.resolver.Resolver()


def scalar(value: str) -> str:
    """`value` as a YAML scalar that any YAML reader reads back as exactly this text."""
    return value if _plain_ok(value) else _double_quoted(value)


def _plain_ok(value: str) -> bool:
    if not value or value != value.strip(" \t\u3000") or value[0] in _INDICATORS:
        return False
    if _UNSAFE.search(value) or "\t" in value or ": " in value or " #" in value or value.endswith(":"):
        return False
    if _LOOKS_TYPED.fullmatch(value):
        return False
    return _RESOLVER.resolve(yaml.ScalarNode, value, (True, False)) == "tag:yaml.org,2002:str"


def _double_quoted(value: str) -> str:
    def escape(m: re.Match) -> str:
        ch = m.group()
        named = {"\\": "\\\\", '"': '\\"', "\n": "\\n", "\t": "\\t"}
        return named.get(ch) or (f"\\x{ord(ch):02X}" if ord(ch) < 0x100 else f"\\u{ord(ch):04X}")

    return '"' + re.sub(f'[\\\\"\\n\\t]|{_UNSAFE.pattern}', escape, value) + '"'


def comment_lines(text: str) -> list[str]:
    """A text as the lines of a comment: no line break can end the comment early."""
    return [_UNSAFE.sub(lambda m: f"\\u{ord(m.group()):04X}", line.strip()) for line in text.splitlines()]


def period_yaml(period: Period) -> str:
    index = "" if period.index is None else f", index: {period.index}"
    return f"{{year: {period.year}, span: {period.span}{index}}}"


def modeline(out: Path, previous: Source | None = None, previous_path: Path | None = None) -> str:
    """The schema line for editors: the previous file's (rebased to `out`) when it names a schema of
    the user's own or a web address; else the schema this reportgen ships."""
    target = None
    if previous is not None and previous_path is not None:
        for line in previous.text.splitlines()[:20]:
            m = MODELINE.match(line.strip())
            if m:
                target = _own_schema(m.group(1), previous_path.parent, out.parent)
                break
    if target is None:
        target = _relative(folder("schemas") / SCHEMA_FILE, out.parent)
    return f"# yaml-language-server: $schema={target}"


_URL = re.compile(r"[A-Za-z][A-Za-z0-9+.-]*://")
# where a reportgen, this one or any other install of it, keeps its schema
_SHIPPED = ("generator", "assets", "schemas", SCHEMA_FILE)


def _own_schema(name: str, old_folder: Path, new_folder: Path) -> str | None:
    """A modeline's schema written for `new_folder`; None for the shipped one (any install's, even one
    gone since: the previous file may come from another machine or an older reportgen) or a missing file."""
    if _URL.match(name) and not name.lower().startswith("file:"):
        return name  # a schema on the web
    path = _file_of(name) if _URL.match(name) else old_folder / name
    try:
        if path.resolve().parts[-len(_SHIPPED) :] == _SHIPPED or not path.is_file():
            return None
    except OSError:
        return None
    return _relative(path, new_folder)


def _file_of(uri: str) -> Path:
    from urllib.parse import urlparse
    from urllib.request import url2pathname

    return Path(url2pathname(urlparse(uri).path))


def rebase(name: str, old_folder: Path, new_folder: Path) -> str:
    """A path written relative to `old_folder`, written relative to `new_folder` (URLs unchanged)."""
    if _URL.match(name) or Path(name).is_absolute():
        return name
    return _relative(old_folder / name, new_folder)


def _relative(path: Path, folder_: Path) -> str:
    try:
        return Path(os.path.relpath(path.resolve(), folder_.resolve())).as_posix()
    except ValueError:  # another drive on Windows
        return path.resolve().as_uri()
