"""The HTML writer: one self-contained page that looks like the printed report.

It prints the same Paragraph list as the .docx and Markdown writers (formats.layout, through
templating/context.py), so numbering and order have one source of truth. The page has no network
access and needs no other file: the stylesheet (report.css) and the script that cuts the text
into A4 pages (paginate.js) are data files beside this module, inlined into the page, and a
Content-Security-Policy allows nothing else. Fonts go by name, as the .docx names them, with the
free fallbacks of gbt9704.md. User text is escaped: `<`, `&` and `{{` print as typed.

`article()` is the report's blocks; `render()` wraps them into the document `render --format html`
writes. The preview server (generator/preview.py) shows the same blocks, with lint marks.
"""

from __future__ import annotations

import base64
import hashlib
from collections.abc import Callable
from functools import cache
from html import escape
from pathlib import Path

from generator.diagnostics import Diagnostic, format_path
from generator.layout import Paragraph
from generator.messages import msg
from generator.templating.context import FigureRow

HERE = Path(__file__).resolve().parent
TITLE, SIGNATURE = "title", "signature"  # the slots of marks that are not paragraphs
# Findings on these fields are drawn beside the title, which the organisation and period compose.
_AROUND = {"title": TITLE, "organization": TITLE, "period": TITLE, "signature": SIGNATURE}


@cache
def asset(name: str) -> str:
    """A stylesheet or script shipped beside this module."""
    return (HERE / name).read_text(encoding="utf-8")


def csp_hash(text: str) -> str:
    return "'sha256-" + base64.b64encode(hashlib.sha256(text.encode("utf-8")).digest()).decode("ascii") + "'"


# ---------------------------------------------------------------- the report's blocks


def article(context: dict, marks: dict | None = None) -> str:
    """The report as HTML blocks in order, one a line: title, paragraphs, table, signature.

    `marks` maps a paragraph's index (or TITLE, SIGNATURE) to the findings drawn beside it."""
    marks = marks or {}
    paragraphs: list[Paragraph] = context["paragraphs"]
    offset = 1 if any(p.kind == "part" for p in paragraphs) else 0
    title = "<br>".join(escape(line) for line in context.get("title_lines") or [context["title"]])
    out = [_block("h1", "title", title, marks.get(TITLE), TITLE)]
    for i, p in enumerate(paragraphs):
        found = marks.get(i)
        if p.kind == "part":
            out.append(_block("h2", "part", escape(p.text), found, i))
        elif p.kind == "heading":
            out.append(_block(f"h{p.level + 2 + offset}", f"l{p.level}", escape(p.text), found, i))
        elif p.kind == "figures":
            out.append(_block("p", "caption", "主要工作数据", found, i))
            out.append(table(context["figures"]))
        elif p.lead:
            lead = f'<span class="lead l{p.level}">{escape(p.lead)}</span>'
            out.append(_block("p", "", lead + escape(p.text), found, i))
        else:
            out.append(_block("p", "", escape(p.text), found, i))
    sig = context["signature"]
    if sig:
        out.append(_block("p", "signature", escape(sig.name), marks.get(SIGNATURE), SIGNATURE))
        out.append(_block("p", "date", escape(sig.date)))
    return "\n".join(out)


def _block(tag: str, cls: str, inner: str, found: list[Diagnostic] | None = None, slot: object = None) -> str:
    if found:
        cls = f"{cls} flagged".strip()
        inner = mark(found) + inner
    attrs = f' class="{cls}"' if cls else ""
    if found:
        attrs += f' id="{anchor(slot)}"'
    return f"<{tag}{attrs}>{inner}</{tag}>"


def mark(found: list[Diagnostic]) -> str:
    """The sign in the margin beside a paragraph; its tooltip says what each finding is."""
    tip = "\n".join(f"{d.line}:{d.column} {d.level}[{d.code}]: {d.message}" if d.code else d.message for d in found)
    level = "error" if any(d.is_error for d in found) else "warning"
    return f'<span class="mark {level}" title="{escape(tip)}" role="note" aria-label="{escape(tip)}">!</span>'


def anchor(slot: object) -> str:
    return f"at-{slot}"


def table(rows: list[FigureRow]) -> str:
    cells = "".join(
        f'<tr><td>{escape(r.label)}</td><td class="n">{escape(r.current)}</td>'
        f'<td class="n">{escape(r.previous)}</td><td class="n">{escape(r.change)}</td></tr>'
        for r in rows
    )
    return (
        '<table class="figures"><colgroup><col class="label"><col class="num"><col class="num"><col class="num">'
        "</colgroup><thead><tr><th>项目</th><th>本期</th><th>上期</th><th>增减</th></tr></thead>"
        f"<tbody>{cells}</tbody></table>"
    )


# ---------------------------------------------------------------- where a finding is drawn


def place(
    found: list[Diagnostic], paragraphs: list[Paragraph], nth: Callable[[Diagnostic], int] | None = None
) -> dict[object, list[Diagnostic]]:
    """Each finding beside the paragraph that prints its field; findings no paragraph prints
    (the file as a whole, settings such as `template`) are left out. A text of several
    paragraphs prints as several: `nth(finding)` says in which one (counted from 0) it is."""
    slots = [(i, format_path(path)) for i, p in enumerate(paragraphs) for path in p.paths]
    out: dict[object, list[Diagnostic]] = {}
    for d in found:
        slot = _slot(d.path, slots, nth(d) if nth else 0)
        if slot is not None:
            out.setdefault(slot, []).append(d)
    return out


def _slot(path: str, slots: list[tuple[int, str]], nth: int) -> object:
    """The paragraph that prints `path`: exactly, else the first inside it, else the nearest around it."""
    if not path:
        return None
    exact = [i for i, p in slots if p == path]
    if exact:
        return exact[min(nth, len(exact) - 1)]
    for i, p in slots:
        if _within(p, path):
            return i
    around = [(len(p), -i, i) for i, p in slots if _within(path, p)]
    if around:
        return max(around)[2]
    return _AROUND.get(path.split(".")[0].split("[")[0])


def _within(path: str, outer: str) -> bool:
    return path.startswith(outer) and path[len(outer) : len(outer) + 1] in (".", "[")


# ---------------------------------------------------------------- the standalone page


def document(report, template, context: dict) -> bytes:
    """The writer of the output format html: a custom template has no HTML of its own, so its
    paragraphs are shown in the built-in look, with its name."""
    from generator.templating.templates import looks_like_path

    return render(context, template.name if looks_like_path(template.name) else None).encode("utf-8")


def render(context: dict, custom_template: str | None = None) -> str:
    """The whole document: the report's blocks, the stylesheet and the pagination script inline."""
    style, script = asset("report.css"), asset("paginate.js")
    policy = f"default-src 'none'; style-src {csp_hash(style)}; script-src {csp_hash(script)}; img-src data:"
    note = ""
    if custom_template:
        note = f'<p class="note screen-only">{escape(msg("html.custom-template", name=custom_template))}</p>\n'
    return (
        '<!DOCTYPE html>\n<html lang="zh-CN">\n<head>\n<meta charset="utf-8">\n'
        f'<meta http-equiv="Content-Security-Policy" content="{policy}">\n'
        '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
        '<meta name="generator" content="reportgen">\n'
        f'<title>{escape(context["title"])}</title>\n<link rel="icon" href="data:,">\n'
        f"<style>{style}</style>\n</head>\n<body>\n{note}"
        '<div class="book"></div>\n'
        f'<article class="galley" data-paginate>\n{article(context)}\n</article>\n'
        f"<script>{script}</script>\n</body>\n</html>\n"
    )
