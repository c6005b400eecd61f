"""Template detection: the data read under each built-in format, laid out by layout.layout, and
compared with the source paragraphs; the closest wins, ties going to the default (import.md).

The comparison counts the paragraphs that come back character for character, in order, then,
to break ties, how many characters the others have in common.
"""

from __future__ import annotations

from dataclasses import dataclass
from difflib import SequenceMatcher

from generator import layout, numbering
from generator.data.model import Block, Figure, Report, Signature, compose_title
from generator.data.periods import Period
from generator.data.scalars import Number
from generator.importer import labels, parts, structure
from generator.importer.blocks import unpunctuated
from generator.importer.frame import Frame, Line

FIGURES = "\x00figures"  # the table's place in a list of paragraph texts


@dataclass
class Candidate:
    name: str
    built: structure.Built
    report: Report
    score: tuple[int, int, int, int]  # paragraphs back as they were, characters in common, -part titles kept, headings kept


def _plain(text: str) -> str:
    """What is compared: the text without its spaces (a label drawn by Word has none after it)."""
    return text.translate(_SPACES)


_SPACES = str.maketrans("", "", " \t\u3000\u00a0")


def source_texts(lines: list[Line]) -> list[str]:
    return [FIGURES if ln.figures else _plain(_canonical(ln)) for ln in lines]


def _canonical(line: Line) -> str:
    """A label as the templates write it: (一) and 1、 compare as （一） and 1."""
    label = line.label
    if label is None or label.kind == labels.POINT:
        return line.text
    written = numbering.part(label.n) if label.kind == labels.PART else numbering.label(label.kind, label.n)
    return written + line.rest


def _titles(data: dict, chosen: layout.Layout) -> int:
    """Headings the data must spell out because the format would not print them by itself: part
    titles, and a section named like a summary heading (一、基本情况 as a section of its own)."""
    found = sum("title" in data[p] for p in ("summary", "problems", "causes", "plans") if data.get(p))
    if chosen.summary.heading is None:
        found += sum(parts.is_summary_heading(i.get("title", "")) for i in data["summary"].get("items", ()))
    return found


def score(source: list[str], laid: list[str]) -> tuple[int, int]:
    """(paragraphs equal and in order, characters that the others share at their ends)."""
    matcher = SequenceMatcher(None, source, laid, autojunk=False)
    same = sum(b.size for b in matcher.get_matching_blocks())
    near = 0
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        if tag == "replace":
            near += sum(_ends(a, b) for a, b in zip(source[i1:i2], laid[j1:j2]))
    return same, near - abs(sum(map(len, source)) - sum(map(len, laid)))


def _ends(a: str, b: str) -> int:
    """Characters two paragraphs have in common at their start and at their end."""
    start = next((i for i, (x, y) in enumerate(zip(a, b)) if x != y), min(len(a), len(b)))
    end = next((i for i, (x, y) in enumerate(zip(reversed(a), reversed(b))) if x != y), min(len(a), len(b)))
    return min(start + end, len(a), len(b))


def _heading_like(lines: list[Line]) -> list[bool]:
    """Lines that look like headings: a heading style, all bold, or short with no label and no
    closing mark (`主要做法`)."""
    return [bool(ln.para.heading or ln.para.bold or (ln.label is None and ln.text and unpunctuated(ln.text))) for ln in lines]


def choose(frame: Frame, organization: str, period: Period, title: str) -> Candidate:
    """The last tie-breaker, where two layouts give back the same text: how many of the lines that
    look like headings the layout prints as headings (a summary's title is a heading, not an
    intro line); it counts only where every paragraph came back, line for line."""
    source = source_texts(frame.lines)
    like = _heading_like(frame.lines)
    best = None
    for name in layout.LAYOUTS:  # the default first: it wins ties
        built = structure.build(frame.lines, name, period)
        report = to_report(built.data, organization, period, title, frame)
        titles = _titles(built.data, layout.LAYOUTS[name])
        paragraphs = layout.layout(report, name)
        laid = [FIGURES if p.kind == "figures" else _plain(p.lead + p.text) for p in paragraphs]
        same, near = score(source, laid)
        exact = same == len(source) == len(laid)
        kept = sum(p.kind in ("heading", "part") for p, h in zip(paragraphs, like) if h) if exact else 0
        found = Candidate(name, built, report, (same, near, -titles, kept))
        if best is None or found.score > best.score:
            best = found
        if exact and not titles and kept == sum(like):
            break  # every paragraph back as it was, every heading the format's own: nothing does better
    assert best is not None
    return best


# ---------------------------------------------------------------- data → Report, without YAML


def _block(data: dict) -> Block:
    return Block(
        title=data.get("title", ""),
        text=tuple(data.get("text", ())),
        points=tuple(data.get("points", ())),
        items=tuple(_block(i) for i in data.get("items", ())),
        closing=tuple(data.get("closing", ())),
    )


def to_report(data: dict, organization: str, period: Period, title: str, frame: Frame) -> Report:
    sig = frame.signature
    return Report(
        organization=organization,
        period=period,
        title=title or compose_title(organization, period),
        template=None,
        intro=tuple(data.get("intro", ())),
        summary=_block(data["summary"]),
        problems=_block(data["problems"]),
        causes=_block(data["causes"]) if data.get("causes") else None,
        plans=_block(data["plans"]),
        closing=tuple(data.get("closing", ())),
        signature=Signature(sig[0], sig[1]) if sig else None,
        figures=tuple(
            Figure(f"f{n}", r.label, Number(r.value), r.unit, Number(r.previous) if r.previous is not None else None)
            for n, r in enumerate(frame.figures, 1)
        ),
    )


