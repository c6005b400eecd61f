"""`reportgen check-template`: a custom .docx template checked before any data meets it.

Each finding is located at the paragraph (and table cell) of the document where it is, with the
first words of that paragraph:

- a tag opened in one paragraph and closed in another, or never closed (a docxtpl tag must begin
  and end in one paragraph, or its clean-up swallows the XML in between);
- Jinja syntax errors;
- variables, attributes, filters and tests the data model does not have, nested ones too:
  `{% for item in summary.items %}{{ item.titel }}` → did you mean `title`.

Locations: templates are compiled from docxtpl's patched XML, where `{%p %}` paragraphs and
`{%tr %}` rows are gone, so its line numbers say little about the document. Here each tag of the
patched source is put on a line of its own and matched, in order, to the tags read from the
document's paragraphs; a line number then names a tag, and the tag its paragraph.
"""

from __future__ import annotations

import bisect
import difflib
import html
import re
import typing
import zipfile
from collections import ChainMap
from collections.abc import Iterator
from dataclasses import dataclass, fields, is_dataclass
from pathlib import Path, PurePosixPath
from types import UnionType
from typing import Any

from generator.errors import ReportgenError, reason
from generator.formats import Paragraph
from generator.messages import msg
from generator.model import Block
from generator.render.context import FigureRow, PeriodView, SignatureView
from generator.templates import RENDERED_PARTS, environment, template_line
from generator.templating import constants

DOCUMENT = "word/document.xml"
W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"

# ------------------------------------------------------------------ the data model, as types

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


# Every variable a template gets (generator/render/context.py builds them; docs/templates.md).
CONTEXT_HINTS: dict[str, Any] = {
    "title": str,
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


# ------------------------------------------------------------------ where things are


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


# ------------------------------------------------------------------ names and attributes

_SAME_SEQ = {"list", "sort", "reverse", "unique", "select", "reject", "selectattr", "rejectattr"}
_ITEM = {"first", "last", "random", "min", "max"}
_INT = {"length", "count", "wordcount", "int"}
_ATTR_ARG = {"selectattr", "rejectattr", "groupby"}  # first argument names an attribute


def _did_you_mean(name: str, known) -> str:
    close = difflib.get_close_matches(name, sorted(known), n=1, cutoff=0.6)
    return msg("schema.did-you-mean", name=close[0]) if close else ""


def _expr(node) -> str:
    from jinja2 import nodes

    if isinstance(node, nodes.Name):
        return node.name
    if isinstance(node, nodes.Getattr):
        return f"{_expr(node.node)}.{node.attr}"
    if isinstance(node, nodes.Getitem) and isinstance(node.arg, nodes.Const):
        return f"{_expr(node.node)}[{node.arg.value!r}]"
    return repr(node.value) if isinstance(node, nodes.Const) else "…"


class _Walker:
    """Walks a template's AST with the types of what each name holds, in Jinja's scopes."""

    def __init__(self, env, source: PartSource) -> None:
        self.env, self.source = env, source
        self.findings: list[Finding] = []

    def report(self, node, key: str, **kw: object) -> None:
        self.findings.append(Finding(key, self.source.at(node.lineno), msg(key, **kw)))

    def visit(self, node, scope: ChainMap) -> Any:
        handler = getattr(self, "visit_" + type(node).__name__, None)
        if handler is not None:
            return handler(node, scope)
        for child in node.iter_child_nodes():
            self.visit(child, scope)
        return ANY

    def visit_all(self, items, scope: ChainMap) -> None:
        for item in items:
            if item is not None:
                self.visit(item, scope)

    # -- expressions
    def visit_Const(self, node, scope):
        return type(node.value) if isinstance(node.value, str | int) else ANY

    def visit_Name(self, node, scope):
        if node.name in scope:
            return scope[node.name]
        self.report(node, "checktpl.unknown-name", name=node.name, hint=_did_you_mean(node.name, scope))
        return ANY

    def visit_Getattr(self, node, scope):
        return self.attribute(node, _expr(node), self.visit(node.node, scope), node.attr)

    def visit_Getitem(self, node, scope):
        from jinja2 import nodes

        base = self.visit(node.node, scope)
        self.visit(node.arg, scope)
        if isinstance(node.arg, nodes.Const) and isinstance(node.arg.value, str):
            return self.attribute(node, _expr(node), base, node.arg.value)  # Jinja tries both
        if isinstance(base, Seq):
            return base if isinstance(node.arg, nodes.Slice) else base.item
        return str if base is str else ANY

    def attribute(self, node, expr: str, base: Any, name: str) -> Any:
        if base is REFUSED:
            return REFUSED
        if name.startswith("_"):
            self.report(node, "checktpl.unsafe-attr", expr=expr)
            return REFUSED
        known = attributes(base)
        if known is None or name in known:
            return ANY if known is None else known[name]
        self.report(node, "checktpl.unknown-attr", expr=expr, type=type_name(base), attr=name,
                    hint=_did_you_mean(name, known))  # fmt: skip
        return ANY

    def visit_Filter(self, node, scope):
        base = self.visit(node.node, scope) if node.node is not None else ANY
        self.visit_all([*node.args, *node.kwargs, node.dyn_args, node.dyn_kwargs], scope)
        if node.name not in self.env.filters:
            self.report(node, "checktpl.unknown-filter", name=node.name,
                        hint=_did_you_mean(node.name, self.env.filters))  # fmt: skip
            return ANY
        return self.filter_result(node, base)

    def filter_result(self, node, base: Any) -> Any:
        name, item = node.name, base.item if isinstance(base, Seq) else ANY
        attr = self.attribute_argument(node, base)
        if name == "map" and attr is not None:
            return Seq(attr)
        if (name in _SAME_SEQ and isinstance(base, Seq)) or name in ("default", "d"):
            return base
        if name in _ITEM and isinstance(base, Seq):
            return item
        return int if name in _INT else str if name in ("join", "string", "e", "escape") else ANY

    def attribute_argument(self, node, base: Any) -> Any:
        """Checks `map(attribute='title')`, `selectattr('title')`…; the attribute's type, or None."""
        from jinja2 import nodes

        args = [k.value for k in node.kwargs if k.key == "attribute"]
        if node.name in _ATTR_ARG and node.args:
            args.append(node.args[0])
        if not args or not isinstance(args[0], nodes.Const) or not isinstance(base, Seq):
            return None
        t = base.item
        for part in str(args[0].value).split("."):
            t = self.attribute(node, f"{_expr(node.node)}|{node.name}({args[0].value!r})", t, part)
        return t

    def visit_Test(self, node, scope):
        self.visit(node.node, scope)
        self.visit_all([*node.args, *node.kwargs, node.dyn_args, node.dyn_kwargs], scope)
        if node.name not in self.env.tests:
            self.report(node, "checktpl.unknown-test", name=node.name,
                        hint=_did_you_mean(node.name, self.env.tests))  # fmt: skip
        return bool

    # -- statements that bind names
    def bind(self, target, t: Any, scope: ChainMap) -> None:
        from jinja2 import nodes

        if isinstance(target, nodes.Name):
            scope[target.name] = t
        elif isinstance(target, nodes.NSRef):
            self.visit(nodes.Name(target.name, "load", lineno=target.lineno), scope)
        else:
            for child in target.iter_child_nodes():
                self.bind(child, ANY, scope)

    def visit_For(self, node, scope):
        seq = self.visit(node.iter, scope)
        item = seq.item if isinstance(seq, Seq) else str if seq is str else ANY
        inner = scope.new_child()
        self.bind(node.target, item, inner)
        inner["loop"] = Loop(item)
        self.visit_all([node.test, *node.body], inner)
        self.visit_all(node.else_, scope)

    def visit_Assign(self, node, scope):
        self.bind(node.target, self.visit(node.node, scope), scope)

    def visit_AssignBlock(self, node, scope):
        self.visit_all([node.filter, *node.body], scope)
        self.bind(node.target, str, scope)

    def visit_With(self, node, scope):
        inner = scope.new_child()
        for target, value in zip(node.targets, node.values):
            self.bind(target, self.visit(value, scope), inner)
        self.visit_all(node.body, inner)

    def visit_Macro(self, node, scope):
        scope[node.name] = ANY
        self.macro_body(node, scope)

    def visit_CallBlock(self, node, scope):
        self.visit(node.call, scope)
        self.macro_body(node, scope)

    def macro_body(self, node, scope: ChainMap) -> None:
        self.visit_all(node.defaults, scope)
        inner = scope.new_child({"caller": ANY, "varargs": ANY, "kwargs": ANY})
        for arg in node.args:
            self.bind(arg, ANY, inner)
        self.visit_all(node.body, inner)

    def visit_Include(self, node, scope):
        self.report(node, "checktpl.no-include", tag=type(node).__name__.lower())

    visit_Import = visit_FromImport = visit_Extends = visit_Include


def initial_scope(env) -> ChainMap:
    return ChainMap({}, dict(CONTEXT), {name: ANY for name in env.globals})


# ------------------------------------------------------------------ checking a file


def _parts(path: Path) -> list[tuple[str, bytes]]:
    """The template parts of a .docx: the body first, then headers, footers, footnotes."""
    if not path.is_file():
        raise ReportgenError("template.missing-file", path=str(path))
    from generator import safezip

    try:
        with zipfile.ZipFile(path) as z:
            names = sorted((n for n in z.namelist() if RENDERED_PARTS.fullmatch(n)), key=lambda n: (n != DOCUMENT, n))
            reader = safezip.Reader(z)
            parts = [(n, reader.read(n)) for n in names]
    except (zipfile.BadZipFile, OSError, safezip.TooBig, EOFError, NotImplementedError) as e:
        raise ReportgenError("template.not-docx", path=str(path), reason=reason(e)) from None
    if not names or names[0] != DOCUMENT:
        raise ReportgenError("template.not-docx", path=str(path), reason=DOCUMENT)
    return parts


def _source(part: str, xml: bytes, path: Path) -> PartSource:
    from lxml import etree

    try:
        return PartSource(part, xml)
    except (etree.XMLSyntaxError, UnicodeDecodeError) as e:
        raise ReportgenError("template.not-docx", path=str(path), reason=f"{part}: {e}") from None


def check_part(source: PartSource) -> list[Finding]:
    """Tags that do not close in their paragraph; else syntax; else names and attributes."""
    from jinja2 import TemplateSyntaxError

    if source.findings:
        return source.findings  # the patched source is garbage past a split tag
    env = environment()
    try:
        ast = env.parse(source.source)
    except TemplateSyntaxError as e:
        return [_syntax_finding(source, e)]
    walker = _Walker(env, source)
    walker.visit(ast, initial_scope(env))
    for node, breach in constants.breaches(ast):  # what would pass a bound whatever the data
        walker.report(node, "checktpl.limit", problem=msg(breach.key, **breach.kw))
    if not walker.findings:
        try:
            env.compile(source.source)  # what only the compiler checks
        except TemplateSyntaxError as e:
            return [_syntax_finding(source, e)]
    return list(dict.fromkeys(walker.findings))


def _syntax_finding(source: PartSource, e) -> Finding:
    location = None
    if (e.message or "").startswith("Unexpected end of template"):
        location = source.innermost_open_block()
    problem = msg("checktpl.syntax", problem=e.message or str(e))
    return Finding("checktpl.syntax", location or source.at(e.lineno), problem)


@dataclass
class Checked:
    findings: list[Finding]
    tags: int  # how many tags the template has

    @property
    def ok(self) -> bool:
        return not self.findings


def check(path: Path) -> Checked:
    """Check a .docx template. ReportgenError (exit 2) when it is missing or not a .docx."""
    findings, tags = [], 0
    for part, xml in _parts(path):
        source = _source(part, xml, path)
        tags += len(source.tags)
        findings += check_part(source)
    return Checked(findings, tags)


def where_failed(part: str, xml: bytes, context: dict[str, Any] | None = None) -> str | None:
    """Where in the document a part fails to compile (or, given a context, to render): for the
    renderer's error messages, which come from docxtpl's patched source. None when it cannot tell."""
    from jinja2 import TemplateError as JinjaError
    from jinja2 import TemplateSyntaxError
    from lxml import etree

    from generator.templating.bounds import TemplateLimit

    try:
        source = PartSource(part, xml)
    except (etree.XMLSyntaxError, UnicodeDecodeError):
        return None
    if source.findings:
        return source.findings[0].location.describe()  # a split tag is the likely cause
    try:
        template = environment().from_string(source.source)
        if context is None:
            return None
        template.render(context)
    except TemplateSyntaxError as e:
        location = _syntax_finding(source, e).location
    except (JinjaError, TypeError, ValueError, AttributeError, LookupError, ArithmeticError, TemplateLimit) as e:
        location = source.at(template_line(e))
    else:
        return None
    return location.describe() if location else None
