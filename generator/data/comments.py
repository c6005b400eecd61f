"""The comments a user wrote in a data file, each attached to the field on or below its line, so
that a file written anew (`new --from`) can put them back beside the same fields."""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass, field

from generator.data.emit import MODELINE
from generator.data.nodes import Scalar
from generator.data.source import Source


@dataclass
class Comments:
    """The comments of a data file, each attached to the field on or below its line."""

    header: list[str] = field(default_factory=list)  # above the first key
    leading: dict[tuple, list[str]] = field(default_factory=dict)  # lines above a field
    trailing: dict[tuple, str] = field(default_factory=dict)  # after a field, on its line
    footer: list[str] = field(default_factory=list)  # below the last key


# Where a comment may start; whether it does depends on the scalars around it.
_HASH = re.compile(r"(?:^|(?<=[ \t]))#", re.MULTILINE)
_LINE_END = re.compile(r"[\r\n\x85\u2028\u2029]|$")


def user_comments(src: Source, own: set[str]) -> Comments:
    """Every comment of `src` that the user wrote: the lines in `own` and the schema line are left out."""
    scalars = [n for n in [*src.nodes.values(), *src.keys.values()] if isinstance(n, Scalar)]
    spans = sorted((n.start, n.end) for n in scalars)
    starts = [start for start, _ in spans]
    anchors = _anchors(src)
    lines = sorted(anchors)
    found, done = Comments(), -1
    for m in _HASH.finditer(src.text):
        at = m.start()
        inside = bisect.bisect_right(starts, at) - 1
        if at < done or (inside >= 0 and at < spans[inside][1]):
            continue
        done = _LINE_END.search(src.text, at).start()
        text = src.text[at:done].rstrip()
        if text in own or MODELINE.match(text):
            continue
        line, column = src.index_position(at)
        alone = not src.text[at - column + 1 : at].strip(" \t\ufeff")
        if not alone and line in anchors:
            found.trailing[anchors[line]] = text
            continue
        below = bisect.bisect_right(lines, line)
        if below == len(lines):
            found.footer.append(text)
        elif below == 0:
            found.header.append(text)
        else:
            found.leading.setdefault(anchors[lines[below]], []).append(text)
    return found


def _anchors(src: Source) -> dict[int, tuple]:
    """Line → the outermost field that starts on it (a key, or a list item)."""
    found: dict[int, tuple] = {}
    items = [(path, node) for path, node in src.nodes.items() if path and isinstance(path[-1], int)]
    for path, node in [*src.keys.items(), *items]:
        known = found.get(node.line)
        if known is None or len(path) < len(known):
            found[node.line] = path
    return found
