"""The check after writing: the new data validates, and renders the reviewer's text.

Every paragraph of theirs must be a paragraph of the new render, in order, but for numbering
labels (the template renumbers), paragraphs already warned about, and figures: a figure whose
value changed prints its new value wherever `${key}` stands, also where the reviewer left the old
one (changed in the table, not in the text), and the table follows a value changed in the text.
"""

from __future__ import annotations

from generator import pipeline
from generator.data import source as source_mod
from generator.data import validate
from generator.data.model import Report, build
from generator.data.nodes import ReadError
from generator.errors import ReportgenError
from generator.messages import msg
from generator.review import align
from generator.review.merge import Note
from generator.review.place import LABEL_TEXT

# The figures table's 本期, 上期 and 增减 columns follow a value changed in the text
_NUMBERS = (1, 2, 3)


def reloaded(new_text: str, file: str) -> pipeline.Loaded:
    """The new data read, validated and built; an error is reportgen's own (nothing is written)."""
    try:
        src = source_mod.read_text(new_text, file)
    except ReadError as e:
        raise ReportgenError("review.bad-result", problem=msg(e.key, **e.kw)) from None
    errors = [d for d in validate.validate(src) if d.is_error]
    if errors:
        raise ReportgenError("review.bad-result", problem=errors[0].render())
    return pipeline.Loaded(src, [], build(src))


def unrendered(new: list[str], new_report: Report, before: Report, theirs, warned: set[int]) -> list[Note]:
    """The paragraphs of theirs (a command.View) that the new render `new` lacks."""
    old = {f.key: f.cited for f in before.figures}
    moved = {f.cited: old[f.key] for f in new_report.figures if f.key in old and f.cited != old[f.key]}
    texts = [_unlabelled(t) for t in new]
    wanted = [_unlabelled(t) for t in theirs.texts]
    paired = {t for n, t in align.pair(texts, wanted) if n is not None and t is not None and texts[n] == wanted[t]}
    if moved:
        old_values = {_replace_all(t, moved) for t in texts}
        paired |= {t for t in range(len(wanted)) if wanted[t] in old_values}
    return [
        Note("review.not-rendered-as", theirs.where[t], kw={"text": theirs.texts[t][:30]})
        for t in range(len(wanted))
        if t not in paired and theirs.where[t] not in warned and theirs.columns.get(t) not in _NUMBERS
    ]


def _replace_all(text: str, pairs: dict[str, str]) -> str:
    for new, old in pairs.items():
        text = text.replace(new, old)
    return text


def _unlabelled(text: str) -> str:
    return LABEL_TEXT.sub("", text)
