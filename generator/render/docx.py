"""The .docx writer: docxtpl templates, compiled once per process, written straight to a zip.

Stock docxtpl re-reads the template, re-parses its XML and recompiles its Jinja for every document,
then saves through python-docx (which stamps the time into the zip). Here a template is read and
compiled once (`compiled()` caches it per path and modification time); a render only runs the
compiled Jinja over the context and writes the zip with the template's other parts copied as they
are, in their order, with fixed timestamps: equal inputs give equal bytes.
"""

from __future__ import annotations

import io
import os
import re
import traceback
import zipfile
from dataclasses import dataclass
from datetime import datetime, timezone
from functools import lru_cache
from pathlib import Path
from typing import Any
from xml.sax.saxutils import escape

from generator.errors import TemplateError
from generator.messages import msg
from generator.templates import environment

# Parts docxtpl renders: the body, headers and footers (footnotes too, when they carry tags).
_RENDERED = re.compile(r"word/(document|header\d*|footer\d*|footnotes)\.xml")
_JINJA = re.compile(r"\{[{%#]")
ZIP_EPOCH = (1980, 1, 1, 0, 0, 0)


@dataclass
class _Part:
    name: str
    data: bytes  # as in the template
    source: str | None = None  # patched XML, one paragraph a line, when the part has tags
    template: Any = None  # its compiled Jinja template


class CompiledDocx:
    """A .docx template read and compiled, ready to render many documents."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self.parts: list[_Part] = []
        try:
            with zipfile.ZipFile(path) as z:
                for info in z.infolist():
                    self.parts.append(_Part(info.filename, z.read(info)))
        except (zipfile.BadZipFile, OSError, KeyError) as e:
            raise TemplateError("template.not-docx", path=str(path), reason=str(e)) from None
        if not any(p.name == "word/document.xml" for p in self.parts):
            raise TemplateError("template.not-docx", path=str(path), reason="word/document.xml")
        for part in self.parts:
            if _RENDERED.fullmatch(part.name):
                self._compile(part)

    def _compile(self, part: _Part) -> None:
        from docxtpl import DocxTemplate  # its tag clean-up is the template language's definition
        from jinja2 import TemplateSyntaxError

        xml = part.data.decode("utf-8")
        if not _JINJA.search(xml):
            return
        # patch_xml uses nothing of the instance; one paragraph a line gives errors a paragraph number
        source = re.sub(r"<w:p([ >])", r"\n<w:p\1", DocxTemplate.patch_xml(None, xml))
        part.source = source
        try:
            part.template = environment().from_string(source)
        except TemplateSyntaxError as e:
            raise self._error("template.syntax", part, e.lineno, e.message or str(e)) from None

    def _error(self, key: str, part: _Part, lineno: int | None, problem: str) -> TemplateError:
        return TemplateError(key, path=str(self.path), where=where(part.source or "", lineno), problem=problem)

    def render(self, context: dict[str, Any], core: dict[str, str] | None = None) -> bytes:
        """The document's bytes for `context`; `core` sets docProps/core.xml fields (title, created)."""
        out = io.BytesIO()
        with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as z:
            for part in self.parts:
                data = self._render_part(part, context) if part.template else part.data
                if part.name == "docProps/core.xml" and core:
                    data = core_properties(data, core)
                info = zipfile.ZipInfo(part.name, ZIP_EPOCH)
                info.compress_type = zipfile.ZIP_DEFLATED
                info.external_attr = 0o644 << 16
                z.writestr(info, data)
        return out.getvalue()

    def _render_part(self, part: _Part, context: dict[str, Any]) -> bytes:
        from jinja2 import TemplateError as JinjaError
        from jinja2.exceptions import SecurityError

        try:
            xml = part.template.render(context)
        except SecurityError as e:
            raise self._error("template.unsafe", part, _template_line(e), str(e)) from None
        except (JinjaError, TypeError, ValueError, AttributeError, LookupError) as e:
            raise self._error("template.render", part, _template_line(e), _describe(e)) from None
        xml = re.sub(r"\n<w:p([ >])", r"<w:p\1", xml)
        # docxtpl's escapes for literal braces in a template
        xml = xml.replace("{_{", "{{").replace("}_}", "}}").replace("{_%", "{%").replace("%_}", "%}")
        return xml.encode("utf-8")


def _describe(e: Exception) -> str:
    text = str(e)
    return text if len(text) < 200 else text[:200] + "…"


def _template_line(e: Exception) -> int | None:
    """The template line where a runtime error happened (Jinja rewrites tracebacks to show it)."""
    line = None
    for frame in traceback.extract_tb(e.__traceback__):
        if frame.filename == "<template>":
            line = frame.lineno
    return line


def where(source: str, lineno: int | None) -> str:
    """`第 12 段“（一）{{ item.titel }}…”`: the paragraph and a few words of its text."""
    if not lineno:
        return msg("template.where-unknown")
    lines = source.split("\n")
    if not 1 <= lineno <= len(lines):
        return msg("template.where-unknown")
    text = re.sub(r"<[^>]+>", "", lines[lineno - 1]).strip()
    snippet = text if len(text) <= 30 else text[:30] + "…"
    return msg("template.where-paragraph", n=lineno - 1, snippet=snippet)


def core_properties(data: bytes, fields: dict[str, str]) -> bytes:
    """Set dc:title and the dcterms dates in docProps/core.xml, keeping everything else."""
    xml = data.decode("utf-8")
    for tag, value in fields.items():
        pattern = re.compile(rf"(<{tag}\b[^>]*>)(.*?)(</{tag}>)", re.S)
        if pattern.search(xml):
            xml = pattern.sub(lambda m: m.group(1) + escape(value) + m.group(3), xml, count=1)
    return xml.encode("utf-8")


def document_dates() -> dict[str, str]:
    """Creation and modification dates from SOURCE_DATE_EPOCH, when it is set (reproducible builds)."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH")
    if not epoch or not epoch.strip().isdigit():
        return {}
    stamp = datetime.fromtimestamp(int(epoch), tz=timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ")
    return {"dcterms:created": stamp, "dcterms:modified": stamp}


@lru_cache(maxsize=16)
def _compiled(path: str, mtime_ns: int, size: int) -> CompiledDocx:
    return CompiledDocx(Path(path))


def compiled(path: Path) -> CompiledDocx:
    """The compiled template at `path`, read again only when the file changes."""
    try:
        st = path.stat()
    except OSError as e:
        raise TemplateError("template.not-docx", path=str(path), reason=e.strerror or str(e)) from None
    return _compiled(str(path.resolve()), st.st_mtime_ns, st.st_size)


def render_bytes(template_path: Path, context: dict[str, Any], title: str) -> bytes:
    core = {"dc:title": title, **document_dates()}
    return compiled(template_path).render(context, core)

