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

from dataclasses import dataclass
from pathlib import Path
from typing import Any

from generator.errors import TemplateError
from generator.messages import msg
from generator.templating import constants
from generator.templating.names import Walker, initial_scope
from generator.templating.places import Finding, PartSource, has_tags, part_source, read_parts
from generator.templating.templates import environment, template_line


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
    walker = Walker(env, source)
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
    """Check a .docx template. ReportgenError (exit 2) when it is missing or not a .docx;
    TemplateError (exit 1) when it has no tag at all."""
    findings, tags = [], 0
    for part, xml in read_parts(path):
        source = part_source(part, xml, path)
        tags += len(source.tags)
        findings += check_part(source)
    if not tags:
        raise TemplateError("template.no-tags", path=str(path))
    return Checked(findings, tags)


def require_tags(path: Path) -> None:
    """Refuse (exit 1) a .docx with no template tag: an ordinary document given as a template
    would print its own text and none of the data."""
    if not has_tags(path):
        raise TemplateError("template.no-tags", path=str(path))


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
