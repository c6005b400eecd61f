"""The .docx writer: docxtpl templates, compiled once per process, written straight to a zip.

Stock docxtpl re-reads the template, re-parses its XML and recompiles its Jinja for every document,
then saves through python-docx (which stamps the time into the zip). Here a template is read and
compiled once (`compiled()` caches it per path and modification time), and the parts a render does
not change are deflated once too. A render only runs the compiled Jinja over the context, deflates
what it produced and writes the zip itself: the template's parts in their order, fixed timestamps
and header fields that do not depend on the machine, so equal inputs give equal bytes everywhere.
"""

from __future__ import annotations

import json
import re
import struct
import zlib
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

from generator.errors import TemplateError, reason
from generator.messages import msg
from generator.output import WRITER, document_dates
from generator.render import cache
from generator.templating.places import RENDERED_PARTS
from generator.templating.templates import environment, template_line

_JINJA = re.compile(r"\{[{%#]")
CORE = "docProps/core.xml"
# Deflate level of the parts rendered for each document. Level 3 is twice as fast as zipfile's 6 and
# its output about 5 % larger (docs/performance.md); the template's own parts, deflated once a
# process, get level 9.
RENDERED_LEVEL = 3


@dataclass(frozen=True)
class _Entry:
    """A zip member, deflated, with what its headers say."""

    name: bytes
    flags: int  # bit 11: the name is UTF-8
    crc: int
    size: int
    data: bytes  # raw deflate stream

    @classmethod
    def of(cls, name: str, data: bytes, level: int = 9) -> _Entry:
        deflate = zlib.compressobj(level, zlib.DEFLATED, -15)  # a raw deflate stream, as zip stores it
        packed = deflate.compress(data) + deflate.flush()
        return cls(name.encode("utf-8"), 0 if name.isascii() else 0x800, zlib.crc32(data), len(data), packed)


@dataclass
class _Part:
    name: str
    data: bytes  # as in the template
    source: str | None = None  # patched XML, one paragraph a line, when the part has tags
    template: Any = None  # its compiled Jinja template
    entry: _Entry | None = None  # deflated once, for a part that every document has unchanged


class CompiledDocx:
    """A .docx template read and compiled, ready to render many documents."""

    def __init__(self, path: Path) -> None:
        import io
        import zipfile

        from generator import safezip

        self.path = path
        try:
            raw = path.read_bytes()
            with zipfile.ZipFile(io.BytesIO(raw)) as z:
                reader = safezip.Reader(z)
                self.parts = [_Part(i.filename, reader.read(i)) for i in z.infolist() if not i.is_dir()]
        except (zipfile.BadZipFile, OSError, KeyError, safezip.TooBig, EOFError, NotImplementedError) as e:
            raise TemplateError("template.not-docx", path=str(path), reason=reason(e)) from None
        if not any(p.name == "word/document.xml" for p in self.parts):
            raise TemplateError("template.not-docx", path=str(path), reason="word/document.xml")
        tagged = {}
        for part in self.parts:
            if RENDERED_PARTS.fullmatch(part.name):
                try:
                    xml = part.data.decode("utf-8")
                except UnicodeDecodeError as e:
                    raise TemplateError("template.not-docx", path=str(path), reason=f"{part.name}: {e}") from None
                if _JINJA.search(xml):
                    tagged[part.name] = xml
        if not tagged:  # an ordinary document: it would print its own text and none of the data
            raise TemplateError("template.no-tags", path=str(path))
        patched = patch_all(raw, tagged)
        for part in self.parts:
            if part.name in patched:
                self._compile(part, patched[part.name])
            elif part.name != CORE:
                part.entry = _Entry.of(part.name, part.data)

    def _compile(self, part: _Part, patched: str) -> None:
        from jinja2 import TemplateSyntaxError

        # one paragraph a line gives errors a paragraph number
        part.source = re.sub(r"<w:p([ >])", r"\n<w:p\1", patched)
        try:
            part.template = jinja_template(part.source)
        except TemplateSyntaxError as e:
            raise self._error("template.syntax", part, e.lineno, e.message or str(e)) from None

    def _error(
        self, key: str, part: _Part, lineno: int | None, problem: str, context: dict[str, Any] | None = None
    ) -> TemplateError:
        from generator.templating.check import where_failed  # only on error: it compiles the part again

        place = where_failed(part.name, part.data, context) or where(part.source or "", lineno)
        return TemplateError(key, path=str(self.path), where=place, problem=problem)

    def render(self, context: dict[str, Any], core: dict[str, str] | None = None) -> bytes:
        """The document's bytes for `context`; `core` sets docProps/core.xml fields (title, created)."""
        entries = []
        for part in self.parts:
            if part.entry is not None:
                entries.append(part.entry)
            elif part.template is not None:
                entries.append(_Entry.of(part.name, self._render_part(part, context), RENDERED_LEVEL))
            else:  # core.xml
                data = core_properties(part.data, core) if core else part.data
                entries.append(_Entry.of(part.name, data, RENDERED_LEVEL))
        return _zip(entries)

    def _render_part(self, part: _Part, context: dict[str, Any]) -> bytes:
        from jinja2 import TemplateError as JinjaError
        from jinja2.exceptions import SecurityError

        from generator.templating.bounds import TemplateLimit, TemplateTimeout

        try:
            xml = part.template.render(context)  # under the bounds of templating/bounds.py
        except SecurityError as e:
            raise self._error("template.unsafe", part, template_line(e), str(e), context) from None
        except TemplateLimit as e:
            again = None if isinstance(e, TemplateTimeout) else context  # not another run of that length
            raise self._error("template.limit", part, template_line(e), msg(e.key, **e.kw), again) from None
        except RecursionError as e:
            raise self._error("template.limit", part, template_line(e), msg("template.limit-recursion")) from None
        except (JinjaError, TypeError, ValueError, AttributeError, LookupError, ArithmeticError) as e:
            raise self._error("template.render", part, template_line(e), _describe(e), context) from None
        # Undo the line breaks added in _compile. Escaped text has no `<`, so every "\n<w:p" left is
        # one of those (or the template's own, equally insignificant, whitespace between elements).
        xml = xml.replace("\n<w:p", "<w:p")
        return xml.encode("utf-8")


# docxtpl's escapes for braces a template prints literally, made template code here (not replaced in
# the output afterwards, which would also change the same characters in the user's text)
_BRACE_ESCAPES = {"{_{": "{{ '{{' }}", "}_}": "{{ '}}' }}", "{_%": "{{ '{%' }}", "%_}": "{{ '%}' }}"}


def jinja_template(source: str) -> Any:
    """The compiled template of `source`, its Python code kept on disk like the patched XML.

    Compiling the built-in template takes a one-file render about a tenth of its time. The code
    is marshalled to the per-user cache folder (cache.py: the user's own, private), keyed by the
    source and the versions of Jinja and Python, as Jinja's own bytecode caches do.
    """
    import marshal
    import sys
    import types

    import jinja2

    for escape_, literal in _BRACE_ESCAPES.items():
        source = source.replace(escape_, literal)
    env = environment()
    name = f"code-{_digest(f'{CACHE_FORMAT}|{jinja2.__version__}|{sys.version}|{source}')}.marshal"
    code = None
    kept = cache.read(name)
    if kept is not None:
        try:
            code = marshal.loads(kept)
        except (ValueError, EOFError, TypeError):
            code = None
    if not isinstance(code, types.CodeType):
        code = env.compile(source)
        cache.write(name, marshal.dumps(code))
    return env.template_class.from_code(env, code, env.make_globals(None), None)


def _digest(text: str) -> str:
    import hashlib

    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:40]


# ---------------------------------------------------------------- docxtpl's clean-up, kept on disk

CACHE_FORMAT = 2  # change it when what the cache holds changes (2: the sandbox's bounds)


def patch_all(template: bytes, parts: dict[str, str]) -> dict[str, str]:
    """docxtpl's patch_xml of each tagged part (name → XML).

    The result depends only on the template's bytes and docxtpl's code, so it is kept on disk under
    a key made of both: importing docxtpl (with python-docx and lxml) costs a one-file render more
    start-up time than anything else, and with the cache only a template's first render pays it.
    """
    entry = cache_name(template)
    found = _read_patched(entry, parts) if entry else None
    if found is not None:
        return found
    from docxtpl import DocxTemplate  # its tag clean-up is the template language's definition

    patched = {name: DocxTemplate.patch_xml(None, xml) for name, xml in parts.items()}  # no instance needed
    if entry:
        cache.write(entry, json.dumps(patched, ensure_ascii=False).encode("utf-8"))
    return patched


def cache_name(template: bytes) -> str | None:
    """The cache entry of the patched parts of `template`; None without docxtpl."""
    import hashlib
    import importlib.util

    spec = importlib.util.find_spec("docxtpl")
    if spec is None or spec.origin is None:
        return None
    code = Path(spec.origin).with_name("template.py")  # where patch_xml is defined
    try:
        st = code.stat()
    except OSError:
        return None
    key = hashlib.sha256(template)
    key.update(f"|{CACHE_FORMAT}|{code}|{st.st_size}|{st.st_mtime_ns}".encode())
    return f"patched-{key.hexdigest()[:40]}.json"


def _read_patched(name: str, parts: dict[str, str]) -> dict[str, str] | None:
    kept = cache.read(name)
    try:
        found = json.loads(kept) if kept is not None else None
    except ValueError:
        return None
    fits = isinstance(found, dict) and found.keys() == parts.keys() and all(isinstance(v, str) for v in found.values())
    return found if fits else None


# ---------------------------------------------------------------- the zip, written directly

_LOCAL = struct.Struct("<4s5H3L2H")
_CENTRAL = struct.Struct("<4s6H3L5H2L")
_END = struct.Struct("<4s4H2LH")
_DOS_TIME, _DOS_DATE = 0, (1 << 5) | 1  # 1980-01-01 00:00, the zip epoch: no clock in the file
_MADE_BY = (3 << 8) | 20  # "Unix, zip 2.0" on every machine (zipfile says "DOS" on Windows)
_NEEDED = 20  # deflate needs zip 2.0
_ATTRIBUTES = 0o100644 << 16  # a regular file, rw-r--r--
_DEFLATED = 8


def _zip(entries: list[_Entry]) -> bytes:
    """A zip archive of `entries` in their order."""
    body, directory, offset = [], [], 0
    for e in entries:
        head = (_NEEDED, e.flags, _DEFLATED, _DOS_TIME, _DOS_DATE, e.crc, len(e.data), e.size, len(e.name))
        local = _LOCAL.pack(b"PK\x03\x04", *head, 0) + e.name
        body += (local, e.data)
        directory.append(_CENTRAL.pack(b"PK\x01\x02", _MADE_BY, *head, 0, 0, 0, 0, _ATTRIBUTES, offset) + e.name)
        offset += len(local) + len(e.data)
    listing = b"".join(directory)
    end = _END.pack(b"PK\x05\x06", 0, 0, len(entries), len(entries), len(listing), offset, 0)
    return b"".join(body) + listing + end


def replace_parts(docx: bytes, parts: dict[str, bytes]) -> bytes:
    """`docx` with some of its parts replaced, written as renders are (same order, fixed dates).

    For writers that change a rendered document afterwards (`reportgen diff`'s tracked changes).
    """
    import io
    import zipfile

    with zipfile.ZipFile(io.BytesIO(docx)) as z:
        kept = {i.filename: parts[i.filename] if i.filename in parts else z.read(i) for i in z.infolist() if not i.is_dir()}
    return zip_parts(kept)


def zip_parts(parts: dict[str, bytes]) -> bytes:
    """A package of `parts` in their order, written as renders are (fixed dates, the same headers on
    every machine): for writers that assemble a document of their own (the rollup's 汇编)."""
    return _zip([_Entry.of(name, data, RENDERED_LEVEL) for name, data in parts.items()])


# ---------------------------------------------------------------- errors


def _describe(e: Exception) -> str:
    text = str(e)
    return text if len(text) < 200 else text[:200] + "…"


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


# ---------------------------------------------------------------- document properties

# Namespaces declared on an added element, so that it is well-formed whatever the root declares.
_ADDED = {
    "dc:title": '<dc:title xmlns:dc="http://purl.org/dc/elements/1.1/">',
    "dc:creator": '<dc:creator xmlns:dc="http://purl.org/dc/elements/1.1/">',
    "cp:lastModifiedBy": '<cp:lastModifiedBy xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties">',
    "dcterms:created": '<dcterms:created xmlns:dcterms="http://purl.org/dc/terms/"'
    ' xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" xsi:type="dcterms:W3CDTF">',
    "dcterms:modified": '<dcterms:modified xmlns:dcterms="http://purl.org/dc/terms/"'
    ' xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" xsi:type="dcterms:W3CDTF">',
}


def _escape(text: str) -> str:
    # xml.sax.saxutils.escape would do, but importing it costs more start-up time than a render
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def core_properties(data: bytes, fields: dict[str, str]) -> bytes:
    """Set dc:title and the dcterms dates in docProps/core.xml, keeping everything else.

    A template whose core.xml lacks one of them (an empty or self-closed element, or none) gets it
    added before the end of the root element.
    """
    xml = data.decode("utf-8")
    for tag, value in fields.items():
        text = _escape(value)
        pattern = re.compile(rf"(<{tag}\b[^>]*?)(?:/>|>(.*?)</{tag}>)", re.S)
        found = pattern.search(xml)
        if found:
            start = found.group(1) + ">"
            xml = xml[: found.start()] + start + text + f"</{tag}>" + xml[found.end() :]
        elif (end := xml.rfind("</")) > 0:
            xml = xml[:end] + _ADDED[tag] + text + f"</{tag}>" + xml[end:]
    return xml.encode("utf-8")


# ---------------------------------------------------------------- once per process


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


def document(report, template, context: dict[str, Any]) -> bytes:
    """The writer of the output format docx (see render/__init__.py)."""
    if report.title_lines:
        context = {**context, "title": with_line_breaks(report.title_lines)}
    return render_bytes(template.docx, context, report.title, report.organization)


# A line break inside the run that prints a value: the text run ends, a break, the run goes on.
LINE_BREAK = '</w:t><w:br/><w:t xml:space="preserve">'


def with_line_breaks(lines: tuple[str, ...]) -> Any:
    """Lines of text as one value a template prints where `{{ title }}` stands, a line break
    between them (GB/T 9704 §7.3.3: a title broken by meaning)."""
    from markupsafe import Markup, escape

    return Markup(LINE_BREAK).join(escape(line) for line in lines)


def render_bytes(template_path: Path, context: dict[str, Any], title: str, author: str = "") -> bytes:
    """The document; its properties name the report's title and, as author, its organisation
    (LibreOffice carries both into a PDF), and reportgen as the last to save it (output.py looks)."""
    core = {"dc:title": title, **({"dc:creator": author} if author else {}), "cp:lastModifiedBy": WRITER}
    core.update(document_dates())
    return compiled(template_path).render(context, core)
