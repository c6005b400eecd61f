"""`reportgen preview`: the report as pages in the browser, redrawn each time the data file is saved.

A `Session` watches one data file and keeps what its last load gave: the problems (shown above
the page) and the last report without errors (shown as pages, with lint findings as marks beside
their paragraphs), rendered per layout on demand by render/html.py. `serve()` answers a browser:

- on 127.0.0.1 only, with a random token as the first path segment of every URL (other local
  users cannot guess it), compared in constant time; anything else is 403;
- with the Host header checked (a DNS-rebinding page cannot reach the server by another name);
- serving no file at all: only the page, its event stream and its state as JSON, built in memory;
- with a Content-Security-Policy that allows the page's own inline script and style (by nonce)
  and connections back to this server, nothing else.

The file is watched by polling its status every 0.1 s rather than with an OS file-change API:
it costs one stat() a poll, notices saves by rename (editors' atomic save replaces the file, so
the path is looked at, not the inode), works the same on network drives where change
notifications are unreliable, and needs no dependency. A change is read once the file has
stopped changing for a moment, so a half-written file is rarely seen; when it is (or the file is
briefly missing), the page shows the problem and keeps the last good render until the next save.
"""

from __future__ import annotations

import json
import os
import re
import secrets
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Callable

from generator import limits, pipeline
from generator.data.nodes import line_starts
from generator.data.source import MAX_BYTES
from generator.diagnostics import Diagnostic, format_path
from generator.errors import ReportgenError
from generator.layout import DEFAULT, LAYOUTS
from generator.messages import msg
from generator.templating.templates import looks_like_path, resolve

POLL = 0.1  # seconds between two looks at the file
SETTLE = 0.03  # a changed file is read when it has looked the same for this long


@dataclass
class Good:
    """The last load without errors: what the pages show."""

    report: Any
    findings: list[Diagnostic]
    source: Any  # the Source it was built from: where each finding stands in its text

    def __post_init__(self) -> None:
        self._nodes = {format_path(path): node for path, node in self.source.nodes.items()}
        self._starts = line_starts(self.source.text)

    def paragraph_of(self, d: Diagnostic) -> int:
        """Which paragraph (from 0) of the text at the finding's field it stands in: the blank
        lines between the start of the value and the finding's line and column."""
        node = self._nodes.get(d.path)
        if node is None or not 0 < d.line <= len(self._starts):
            return 0
        at = self._starts[d.line - 1] + d.column - 1
        return len(_PARAGRAPH_BREAK.findall(self.source.text, node.start, max(node.start, at)))


_PARAGRAPH_BREAK = re.compile(r"\n(?:[ \t\u3000]*\r?\n)+")
_LINES = re.compile(r"\r\n|\r|\n")  # as Source counts lines


@dataclass
class Loaded:
    """What one load of the file gave."""

    version: int
    problems: list[Diagnostic]  # errors; the page keeps the last good render while there are any
    text: str  # the file's text, for the lines the problems point at
    template: str | None  # the file's `template` key
    good: Good | None = None
    rendered: dict[str, dict] = field(default_factory=dict)  # layout name → state sent to the page


class Session:
    """One data file, watched; the state the page shows for each layout."""

    def __init__(self, data_file: Path, template: str | None = None) -> None:
        if template:
            resolve(template)  # an unknown name is exit 2 before the server starts
        if not data_file.is_file():
            raise ReportgenError("read.missing", path=str(data_file))
        self.data_file, self.override = data_file, template
        self.token = secrets.token_urlsafe(16)
        self.changed = threading.Condition()
        self.stopping = False
        self.good: Good | None = None
        self.current = self._load(1)
        self.on_change: Callable[[Loaded], None] | None = None

    # ---------------------------------------------------------------- loading

    def _load(self, version: int) -> Loaded:
        try:
            loaded = pipeline.load(self.data_file)
        except ReportgenError as e:  # missing (between a delete and a rename) or unreadable
            return Loaded(version, [Diagnostic(str(self.data_file), 0, 0, message=str(e))], "", None, self.good)
        errors = [d for d in loaded.diagnostics if d.is_error]
        if loaded.source is None:  # not even read as YAML: the problems point into the raw text
            return Loaded(version, errors, _read_text(self.data_file), None, self.good)
        if loaded.ok:
            from generator.lint import lint

            findings = sorted(loaded.diagnostics + lint(loaded.source, loaded.report))
            self.good = Good(loaded.report, findings, loaded.source)
        return Loaded(version, errors, loaded.source.text, loaded.source.data.get("template"), self.good)

    def reload(self) -> Loaded:
        loaded = self._load(self.current.version + 1)
        with self.changed:
            self.current = loaded
            self.changed.notify_all()
        if self.on_change:
            self.on_change(loaded)
        return loaded

    def watch(self) -> None:
        """Reload whenever the file's status changes; returns when the session stops."""
        last = _stamp(self.data_file)
        while not self._sleep(POLL):
            stamp = _stamp(self.data_file)
            if stamp == last:
                continue
            while not self._sleep(SETTLE):
                again = _stamp(self.data_file)
                if again == stamp:
                    break
                stamp = again
            last = stamp
            if not self.stopping:
                self.reload()

    def _sleep(self, seconds: float) -> bool:
        """Wait; True when the session is stopping."""
        with self.changed:
            return self.changed.wait_for(lambda: self.stopping, seconds)

    def wait(self, seen: int | None, timeout: float) -> Loaded:
        """The current load, once it is newer than version `seen` (or after `timeout` seconds)."""
        with self.changed:
            self.changed.wait_for(lambda: self.stopping or self.current.version != seen, timeout)
            return self.current

    def stop(self) -> None:
        with self.changed:
            self.stopping = True
            self.changed.notify_all()

    # ---------------------------------------------------------------- what the page shows

    def options(self, loaded: Loaded) -> list[tuple[str, str]]:
        """(value, label) of the layout picker: the built-ins, and a custom template if one is named."""
        out = [(name, name) for name in LAYOUTS]
        for name in (self.override, loaded.template):
            if isinstance(name, str) and looks_like_path(name) and name not in dict(out):
                out.append((name, msg("preview.custom-option", name=name)))
        return out

    def chosen(self, loaded: Loaded, asked: str | None) -> str:
        """The layout to show: the one the page asked for if it is offered, else -t, the file's key, standard."""
        offered = dict(self.options(loaded))
        for name in (asked, self.override, loaded.template):
            if isinstance(name, str) and name in offered:
                return name
        return DEFAULT

    def state(self, loaded: Loaded, asked: str | None = None) -> dict:
        """What the page needs to draw load `loaded` in the layout asked for (JSON-ready)."""
        name = self.chosen(loaded, asked)
        with self.changed:  # one render per load and layout, whichever request asks first
            if name not in loaded.rendered:
                loaded.rendered[name] = self._state(loaded, name)
            return loaded.rendered[name]

    def _state(self, loaded: Loaded, name: str) -> dict:
        from generator.render import html
        from generator.templating import context as ctx

        custom = looks_like_path(name)
        state: dict[str, Any] = {
            "version": loaded.version,
            "template": name,
            "options": self.options(loaded),
            "problems": [_problem(d, loaded.text) for d in loaded.problems],
            "notice": msg("html.custom-template", name=name) if custom else "",
            "html": None,
            "title": "",
            "warnings": [],
        }
        good = loaded.good
        if good is not None:
            context = ctx.build(good.report, LAYOUTS[DEFAULT if custom else name])
            marks = html.place(good.findings, context["paragraphs"], good.paragraph_of)
            slot_of = {id(d): slot for slot, found in marks.items() for d in found}
            state["html"] = html.article(context, marks)
            state["title"] = good.report.title
            state["warnings"] = [
                {"text": d.render(), "anchor": html.anchor(slot_of[id(d)]) if id(d) in slot_of else ""}
                for d in good.findings
            ]
        return state


def _problem(d: Diagnostic, text: str) -> dict:
    """A problem as the page lists it: its one line, and the part of the line of the file it
    points at, at most limits.PREVIEW_EXCERPT characters each side of its column (a refused file
    may be one line of 50 MB); `column` is the character to mark in that part, from 1."""
    lines = _LINES.split(text, maxsplit=d.line) if d.line > 0 else []
    if not 0 < d.line <= len(lines):
        return {"text": d.render(), "line": d.line, "column": d.column, "source": None}
    line, at = lines[d.line - 1], max(d.column - 1, 0)
    start = max(at - limits.PREVIEW_EXCERPT, 0)
    end = at + limits.PREVIEW_EXCERPT + 1
    source = ("…" if start else "") + line[start:end] + ("…" if end < len(line) else "")
    return {"text": d.render(), "line": d.line, "column": at - start + 1 + (1 if start else 0), "source": source}


def _stamp(path: Path) -> tuple | None:
    """What changes when the file is written or replaced; None while it is missing."""
    try:
        st = os.stat(path)
    except OSError:
        return None
    return st.st_mtime_ns, st.st_size, st.st_ino, st.st_ctime_ns


def _read_text(path: Path) -> str:
    """The start of a file that could not be read as YAML, for the lines its problems point at: a
    file larger than a data file may be is refused at 1:1, so its first bytes are all it takes."""
    try:
        with path.open("rb") as f:
            return f.read(MAX_BYTES).decode("utf-8", errors="replace")
    except OSError:
        return ""


def clock() -> str:
    return time.strftime("%H:%M:%S")


def state_json(state: dict) -> str:
    """JSON on one line (for an event stream), safe inside a <script> element too."""
    return json.dumps(state, ensure_ascii=False, separators=(",", ":")).replace("<", "\\u003c")
