"""Finding templates (built-in names or .docx paths) and the one sandboxed Jinja environment."""

from __future__ import annotations

import dataclasses
import difflib
from dataclasses import dataclass
from functools import cache
from pathlib import Path, PureWindowsPath

from generator import numbering
from generator.data.model import Block
from generator.errors import ReportgenError, TemplateError
from generator.layout import DEFAULT, LAYOUTS, Layout, Paragraph
from generator.messages import msg
from generator.resources import folder
from generator.templating.context import FigureRow, PeriodView, SignatureView
from generator.templating.places import has_tags

BUILTIN_DOCX = "gbt9704.docx"


@dataclass(frozen=True)
class Template:
    name: str  # a built-in name, or the path as given
    docx: Path
    layout: Layout  # the layout of `paragraphs`; custom templates get the default one


def builtins() -> list[tuple[str, str]]:
    """(name, one-line description) of every built-in template, default first."""
    return [(f.name, f.description) for f in LAYOUTS.values()]


def looks_like_path(name: str) -> bool:
    return name.lower().endswith(".docx") or "/" in name or "\\" in name


def check_key(name: str, base: Path) -> tuple[str, dict[str, str]] | None:
    """What is wrong with a data file's `template:` value, as (message key, its fields); None if nothing.

    A built-in name, or a relative path to an existing .docx: below the data file's folder, or
    anywhere inside the working directory or the data file's git repository (a shared
    `../templates/支部.docx`), but never out of them all (`../../../etc/passwd`). An absolute path
    belongs on the command line (-t), where the user sees it, not in a file that others render.
    """
    names = {"names": "、".join(LAYOUTS)}
    if not looks_like_path(name):
        return None if name in LAYOUTS else ("check.template-unknown", {"name": name, "hint": did_you_mean(name), **names})
    if _is_absolute(name):
        return "check.template-absolute", {"name": name, **names}
    if not name.lower().endswith(".docx"):
        return "check.template-not-docx", {"name": name, **names}
    path = (base / key_path(name)).resolve()
    if not any(path.is_relative_to(root) for root in _roots(base.resolve())):
        return "check.template-outside", {"name": name, "path": str(path), **names}
    if not path.is_file():
        return "check.template-missing", {"name": name, "path": str(path), **names}
    try:
        with path.open("rb") as f:
            is_zip = f.read(4) == b"PK\x03\x04"
    except OSError as e:
        return "check.template-unreadable", {"name": name, "reason": e.strerror or str(e), **names}
    if not is_zip:
        return "check.template-bad-docx", {"name": name, **names}
    return None if _has_tags(path) else ("template.no-tags", {"path": name})


def _has_tags(path: Path) -> bool:
    st = path.stat()
    return _has_tags_cached(str(path.resolve()), st.st_mtime_ns, st.st_size)


@cache
def _has_tags_cached(path: str, mtime_ns: int, size: int) -> bool:
    """Read again only when the file changes: a batch checks the same `template:` for every file."""
    try:
        return has_tags(Path(path))
    except ReportgenError:  # not a .docx inside: the renderer says why
        return True


def _roots(folder: Path) -> list[Path]:
    """Where a `template:` path may lead: the file's folder, the working directory, the file's repository."""
    roots = [folder, Path.cwd().resolve()]
    repository = next((f for f in (folder, *folder.parents) if (f / ".git").exists()), None)
    return roots + [repository] if repository else roots


def key_path(name: str) -> Path:
    """A `template:` path as written on any system: `..\\模板\\支部.docx` from Windows works on Linux too."""
    return Path(name.replace("\\", "/"))


def _is_absolute(name: str) -> bool:
    """Absolute on any system: `/srv/x.docx`, `C:\\x.docx`, `\\\\server\\x.docx` (a file is shared between them)."""
    return name.startswith(("/", "\\")) or bool(PureWindowsPath(name).drive)


def resolve(name: str | None, base: Path | None = None) -> Template:
    """A built-in name or a .docx path (relative to `base`, the data file's folder, when given).

    Raises ReportgenError (exit 2) for an unknown name or a missing file.
    """
    name = name or DEFAULT
    if not looks_like_path(name):
        if name not in LAYOUTS:
            raise ReportgenError(
                "template.unknown", name=name, hint=did_you_mean(name), names="、".join(LAYOUTS)
            )
        return Template(name, folder("templates") / BUILTIN_DOCX, LAYOUTS[name])
    path = Path(name)
    if base is not None and not path.is_absolute():
        path = base / key_path(name)
    if not path.is_file():
        raise ReportgenError("template.missing-file", path=str(path))
    return Template(name, path, LAYOUTS[DEFAULT])


def did_you_mean(name: str) -> str:
    close = difflib.get_close_matches(name, list(LAYOUTS), n=1, cutoff=0.5)
    return msg("schema.did-you-mean", name=close[0]) if close else ""



def template_line(e: Exception) -> int | None:
    """The template line where a runtime error happened (Jinja rewrites tracebacks to show it)."""
    import traceback

    line = None
    for frame in traceback.extract_tb(e.__traceback__):
        if frame.filename == "<template>":
            line = frame.lineno
    return line


@cache
def environment():
    """Sandboxed, bounded, autoescaped, strict: a template cannot reach Python internals nor use up
    the machine (templating/bounds.py), and user text is data."""
    from jinja2 import StrictUndefined

    from generator.templating.bounds import Sandbox

    data_fields = _data_fields()

    class Environment(Sandbox):
        def getattr(self, obj, attribute):
            # The fields of our own frozen dataclasses are plain data the sandbox would allow
            # anyway; answering them here skips its checks, a sixth of a render's time.
            if attribute in data_fields.get(type(obj), ()):
                return object.__getattribute__(obj, attribute)
            return super().getattr(obj, attribute)

    env = Environment(autoescape=True, undefined=StrictUndefined)
    env.filters.update(FILTERS)
    return env


def _data_fields() -> dict[type, frozenset[str]]:
    """The public field names of each dataclass a template sees."""
    kinds = (Paragraph, Block, PeriodView, FigureRow, SignatureView)
    return {k: frozenset(f.name for f in dataclasses.fields(k) if not f.name.startswith("_")) for k in kinds}



def _count(n: object, name: str) -> int:
    """A filter's number: a whole number ≥ 1 (Jinja's loop.index), never a bool or text."""
    if isinstance(n, bool) or not isinstance(n, int) or n < 1:
        raise ValueError(msg("template.filter-number", filter=name, value=n))
    return n


def _label(n: object, level: object) -> str:
    if isinstance(level, bool) or not isinstance(level, int) or level not in numbering.LEVELS:
        raise ValueError(msg("template.filter-level", level=level, levels="1–5"))
    return numbering.label(level, _count(n, "label"))


# The numbering of numbering.py for custom templates: {{ loop.index|label(2) }} → （一）
FILTERS = {
    "cn_number": lambda n: numbering.chinese(_count(n, "cn_number")),
    "label": _label,
    "point_label": lambda n: numbering.point(_count(n, "point_label")),
    "part_label": lambda n: numbering.part(_count(n, "part_label")),
}


__all__ = ["Template", "TemplateError", "builtins", "resolve", "environment"]
