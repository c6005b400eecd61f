"""Where a template's tags stand: the document's paragraphs (and table cells), matched to the lines
of docxtpl's patched source, so a finding names the paragraph the user sees in Word."""

from __future__ import annotations

import bisect
import html
import re
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path, PurePosixPath

from generator import safezip
from generator.errors import ReportgenError, reason
from generator.messages import msg

DOCUMENT = "word/document.xml"

# The parts of a .docx template that are rendered: the body, headers and footers (footnotes too,
# when they carry tags), as docxtpl renders them.
RENDERED_PARTS = re.compile(r"word/(document|header\d*|footer\d*|footnotes)\.xml")
W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


@dataclass(frozen=True)
class Location:
    part: str  # word/document.xml, word/footer1.xml …
    paragraph: int  # 1-based, counting every paragraph of the part, those in tables too
    snippet: str  # the paragraph's first words
    cell: tuple[int, int, int] | None = None  # table, row, cell (1-based) when in a table

    def describe(self) -> str:
        if self.cell:
            table, row, cell = self.cell
            text = msg("template.where-cell", n=self.paragraph, table=table, row=row, cell=cell,
                       snippet=self.snippet)  # fmt: skip
        else:
            text = msg("template.where-paragraph", n=self.paragraph, snippet=self.snippet)
        if self.part != DOCUMENT:
            text = msg("template.where-in-part", part=PurePosixPath(self.part).name, where=text)
        return text


@dataclass(frozen=True)
class Finding:
    key: str  # the messages.py key of the problem
    location: Location | None
    problem: str  # the sentence, in the current language

    def render(self, path: str) -> str:
        where = self.location.describe() if self.location else msg("template.where-unknown")
        return msg("checktpl.finding", path=path, where=where, problem=self.problem)


@dataclass(frozen=True)
class _Para:
    location: Location
    text: str


@dataclass(frozen=True)
class _Tag:
    text: str  # as written, `{%p for item in summary.items %}`
    location: Location


_OPENER = re.compile(r"\{[{%#]")
_CLOSER = {"{": "}}", "%": "%}", "#": "#}"}


def _tags_in(text: str) -> Iterator[tuple[int, int | None]]:
    """(start, end) of every tag in a text; end is None for a tag that is never closed."""
    pos = 0
    while m := _OPENER.search(text, pos):
        end = text.find(_CLOSER[m.group()[1]], m.end())
        if end < 0:
            yield m.start(), None
            return
        yield m.start(), end + 2
        pos = end + 2


def _snippet(text: str) -> str:
    text = text.strip()
    return text if len(text) <= 30 else text[:30] + "…"


def _nearest(el, tag: str):
    return next(el.iterancestors(W + tag), None)


def _cell(p, tables: dict) -> tuple[int, int, int] | None:
    tc = _nearest(p, "tc")
    if tc is None:
        return None
    tr, tbl = _nearest(tc, "tr"), _nearest(tc, "tbl")
    rows = [r for r in tbl.iter(W + "tr") if _nearest(r, "tbl") is tbl]
    cells = [c for c in tr.iter(W + "tc") if _nearest(c, "tr") is tr]
    return tables[tbl], rows.index(tr) + 1, cells.index(tc) + 1


def _paragraphs(part: str, xml: bytes) -> list[_Para]:
    from lxml import etree

    parser = etree.XMLParser(resolve_entities=False, no_network=True)
    root = etree.fromstring(xml, parser)
    tables = {t: i for i, t in enumerate(root.iter(W + "tbl"), 1)}
    out = []
    for n, p in enumerate(root.iter(W + "p"), 1):
        text = "".join(t.text or "" for t in p.iter(W + "t") if _nearest(t, "p") is p)
        out.append(_Para(Location(part, n, _snippet(text), _cell(p, tables)), text))
    return out


def _scan(paras: list[_Para]) -> tuple[list[_Tag], list[Finding]]:
    """The tags of each paragraph, and a finding for each tag that does not close in its paragraph."""
    tags, found = [], []
    for i, para in enumerate(paras):
        for start, end in _tags_in(para.text):
            if end is not None:
                tags.append(_Tag(para.text[start:end], para.location))
                continue
            opener = para.text[start : start + 2]
            closer = _CLOSER[opener[1]]
            tag = _snippet(para.text[start:])
            later = next((p for p in paras[i + 1 :] if closer in p.text), None)
            if later is None:
                problem = msg("checktpl.unclosed", tag=tag, closer=closer)
                found.append(Finding("checktpl.unclosed", para.location, problem))
            else:
                problem = msg("checktpl.split", tag=tag, closer=closer, other=later.location.describe())
                found.append(Finding("checktpl.split", para.location, problem))
    return tags, found


def _key(tag: str) -> str:
    """A tag as the document and the patched source both have it: no docxtpl prefix, quotes or spaces."""
    inner = html.unescape(tag[2:-2])
    inner = re.sub(r"^(?:p|tr|tc|r)\s", "", inner)
    inner = inner.translate(str.maketrans("“”‘’", "\"\"''"))
    return re.sub(r"\s+", "", inner).strip("-+")


class PartSource:
    """One part's Jinja source with a tag a line, and the document location of every line."""

    def __init__(self, part: str, xml: bytes) -> None:
        from docxtpl import DocxTemplate  # its clean-up defines the template language

        self.part = part
        self.tags, self.findings = _scan(_paragraphs(part, xml))
        patched = DocxTemplate.patch_xml(None, xml.decode("utf-8"))
        self.source, self.lines, self.texts = _tag_a_line(patched)
        self.locations = _align(self.texts, self.tags)

    def at(self, lineno: int | None) -> Location | None:
        i = bisect.bisect_right(self.lines, lineno or 0) - 1
        return self.locations[i] if i >= 0 else None

    def innermost_open_block(self) -> Location | None:
        """Where the innermost block left open at the end begins (`{%p for … %}` without endfor)."""
        stack = []
        for text, location in zip(self.texts, self.locations):
            words = text[2:-2].strip("-+ \t\n").split(None, 1) if text.startswith("{%") else []
            if not words:
                continue
            if words[0] in _BLOCKS or (words[0] == "set" and "=" not in text):
                stack.append(location)
            elif words[0].startswith("end") and stack:
                stack.pop()
        return stack[-1] if stack else None


_BLOCKS = {"for", "if", "macro", "call", "filter", "with", "block", "autoescape", "raw", "trans"}


def _tag_a_line(source: str) -> tuple[str, list[int], list[str]]:
    """The source with a line break before each tag; each tag's first line; each tag's text."""
    out, lines, texts, pos, line = [], [], [], 0, 1
    for start, end in _tags_in(source):
        end = len(source) if end is None else end
        line += source.count("\n", pos, start) + 1
        out += [source[pos:start], "\n", source[start:end]]
        lines.append(line)
        texts.append(source[start:end])
        line += source.count("\n", start, end)
        pos = end
    out.append(source[pos:])
    return "".join(out), lines, texts


def _align(texts: list[str], tags: list[_Tag]) -> list[Location | None]:
    """The document location of each patched tag. docxtpl keeps tags in order but adds a few of its
    own (cell merges); those take the location of the tag before them."""
    keys = [_key(t.text) for t in tags]
    out, j, last = [], 0, tags[0].location if tags else None
    for text in texts:
        key = _key(text)
        k = next((k for k in range(j, min(j + 8, len(tags))) if keys[k] == key), None)
        if k is not None:
            last, j = tags[k].location, k + 1
        out.append(last)
    return out


# ------------------------------------------------------------------ reading a template's parts


def read_parts(path: Path) -> list[tuple[str, bytes]]:
    """The template parts of a .docx: the body first, then headers, footers, footnotes."""
    if not path.is_file():
        raise ReportgenError("template.missing-file", path=str(path))
    try:
        with zipfile.ZipFile(path) as z:
            names = sorted((n for n in z.namelist() if RENDERED_PARTS.fullmatch(n)), key=lambda n: (n != DOCUMENT, n))
            reader = safezip.Reader(z)  # inflated within the bounds, whatever the headers say
            parts = [(n, reader.read(n)) for n in names]
    except (zipfile.BadZipFile, OSError, safezip.TooBig, EOFError, NotImplementedError) as e:
        raise ReportgenError("template.not-docx", path=str(path), reason=reason(e)) from None
    if not names or names[0] != DOCUMENT:
        raise ReportgenError("template.not-docx", path=str(path), reason=DOCUMENT)
    return parts


def part_source(part: str, xml: bytes, path: Path) -> PartSource:
    from lxml import etree

    try:
        return PartSource(part, xml)
    except (etree.XMLSyntaxError, UnicodeDecodeError) as e:
        raise ReportgenError("template.not-docx", path=str(path), reason=f"{part}: {e}") from None


def has_tags(path: Path) -> bool:
    """Whether any rendered part of the .docx holds a tag. ReportgenError when it is not a .docx."""
    return any(part_source(part, xml, path).tags for part, xml in read_parts(path))
