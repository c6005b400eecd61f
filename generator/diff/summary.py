"""The changes between two versions as text: Markdown for a pull request, colours for a terminal.

One paragraph (or table row) with changes a paragraph: deleted text `~~删除~~`, inserted `**新增**`,
a paragraph mark inserted or deleted as ¶. Long unchanged stretches are shortened to their ends.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Callable

from generator.diff.tracked import Changed, Tracked
from generator.messages import msg
from generator.render.markdown import escape

CONTEXT = 24  # characters of unchanged text kept on each side of a change


def markdown(tracked: Tracked, old: str, new: str) -> str:
    return _text(tracked, old, new, _markdown_piece, heading="## ")


def terminal(tracked: Tracked, old: str, new: str) -> str:
    return _text(tracked, old, new, _ansi_piece, heading="")


def headline(tracked: Tracked) -> str:
    """`5 段有修订：删除 12 字，新增 30 字` (or that there is none)."""
    if not tracked.changed:
        return msg("diff.identical")
    return msg("diff.counts", paragraphs=len(tracked.changed), deleted=tracked.deleted, inserted=tracked.inserted)


def _text(tracked: Tracked, old: str, new: str, piece: Callable, heading: str) -> str:
    out = [heading + msg("diff.title", old=old, new=new), headline(tracked)]
    for changed in tracked.changed:
        out.append(_paragraph(changed, piece))
    return "\n\n".join(out) + "\n"


def _paragraph(changed: Changed, piece: Callable) -> str:
    pieces = changed.pieces
    out = []
    for n, (status, text) in enumerate(pieces):
        if status is None:
            text = _shorten(text, first=n == 0, last=n == len(pieces) - 1)
            out.append(piece(None, text, "", ""))
        else:
            before = pieces[n - 1][1][-1:] if n else ""
            after = pieces[n + 1][1][:1] if n + 1 < len(pieces) else ""
            out.append(piece(status, text, before, after))
    return "".join(out)


def _shorten(text: str, first: bool, last: bool) -> str:
    if first and len(text) > CONTEXT:
        return "…" + text[-CONTEXT:]
    if last and len(text) > CONTEXT:
        return text[:CONTEXT] + "…"
    if len(text) > 2 * CONTEXT + 1:
        return text[:CONTEXT] + "…" + text[-CONTEXT:]
    return text


def _markdown_piece(status: str | None, text: str, before: str, after: str) -> str:
    body = escape(text)
    if status is None:
        return body
    marker, tag = ("~~", "del") if status == "del" else ("**", "ins")
    if _flanks(text, before, after):
        return f"{marker}{body}{marker}"
    return f"<{tag}>{body}</{tag}>"  # where CommonMark would not close the marker (）**后…)


def _flanks(text: str, before: str, after: str) -> bool:
    """Whether `**text**` between `before` and `after` is emphasis to CommonMark (its flanking rules)."""

    def punct(c: str) -> bool:
        return bool(c) and unicodedata.category(c)[0] in "PS"

    def space(c: str) -> bool:
        return not c or c.isspace()

    first, last = text[0], text[-1]
    opens = not space(first) and (not punct(first) or space(before) or punct(before))
    closes = not space(last) and (not punct(last) or space(after) or punct(after))
    return opens and closes


def _ansi_piece(status: str | None, text: str, before: str, after: str) -> str:
    import click

    if status is None:
        return text
    if status == "del":
        return click.style(text, fg="red", strikethrough=True)
    return click.style(text, fg="green", underline=True)
