"""Test helper: how close an imported report renders to the report as its author wrote it.

Both sides are plain text with spaces removed. Numbering labels are left out of both, since the
template writes its own ((一) comes back as （一）, 1、 as 1.).

- kept: the characters of the source found in the render in order (difflib's matching blocks)
  / the characters of the source;
- added: the characters of the render not matched / the characters of the source (the
  templates' own headings, a 。 closing a run-in heading);
- titled: the source's labelled headings (a line that starts with a numbering label — not 一是 —
  its words up to the first 。！？： or the end of its bold run) that come back as a heading or
  run-in title in the render / all of them;
- label-only: headings the render prints with a label and no words.
"""

from __future__ import annotations

import re
from difflib import SequenceMatcher

from generator import layout
from generator.templating import context

LABEL = re.compile(
    r"^(第[一二三四五六七八九十]+部分|[一二三四五六七八九十百]+[、.．]|[（(][一二三四五六七八九十百]+[)）]"
    r"|\d+[、.．](?!\d)|[（(]\d+[)）])\s*"
)
_STOP = re.compile(r"[。！？：:]")


def plain(text: str) -> str:
    return re.sub(r"\s", "", text)


def words(title: str) -> str:
    """A title as compared: no label, no spaces, no mark closing it."""
    return plain(LABEL.sub("", title)).rstrip("。：:")


def rendered_text(report, name: str) -> list[str]:
    lines = [report.title]
    for p in layout.layout(report, name):
        if p.kind == "figures":
            lines += ["主要工作数据", "项目", "本期", "上期", "增减"]
            lines += [c for r in context.figure_rows(report) for c in (r.label, r.current, r.previous, r.change)]
        else:
            lines.append(p.lead + p.text)
    if report.signature:
        lines += [report.signature.name, report.signature.date_text]
    return lines


def rendered_titles(report, name: str) -> set[str]:
    found = set()
    for p in layout.layout(report, name):
        if p.kind in ("heading", "part"):
            found.add(words(p.text))
        elif p.lead:
            found.add(words(p.lead))
    return found


def label_only(report, name: str) -> list[str]:
    """Headings printed as a bare label: `一、` alone as a heading, or a label with nothing after it."""
    out = []
    for p in layout.layout(report, name):
        heading = p.text if p.kind in ("heading", "part") else (p.lead if not p.text.strip() else "")
        if heading and not words(heading):
            out.append(heading)
    return out


def headings(lines: list[str], leads: dict[int, int] | None = None) -> list[str]:
    """The labelled headings of a report's lines; `leads`: line index → length of its bold lead."""
    found = []
    for i, line in enumerate(lines):
        if not LABEL.match(line):
            continue
        if leads and leads.get(i):
            found.append(words(line[: leads[i]]))
        else:
            found.append(words(_STOP.split(LABEL.sub("", line), maxsplit=1)[0]))
    return found


def matched(a: str, b: str) -> int:
    return sum(m.size for m in SequenceMatcher(None, a, b, autojunk=False).get_matching_blocks())


def text_of(lines: list[str]) -> str:
    """The lines' characters, spaces and numbering labels (which the template writes) left out."""
    return plain("".join(LABEL.sub("", line) for line in lines))


def compare(source_lines: list[str], report, name: str, heads: list[str]) -> dict:
    rendered = rendered_text(report, name)
    source, render = text_of(source_lines), text_of(rendered)
    same = matched(source, render)
    titles = rendered_titles(report, name)
    return {
        "template": name, "chars": len(plain("".join(source_lines))),
        "kept": same / len(source), "added": (len(render) - same) / len(source),
        "headings": len(heads), "titled": sum(h in titles for h in heads) / max(len(heads), 1),
        "missing": [h for h in heads if h not in titles], "label_only": label_only(report, name),
    }  # fmt: skip
