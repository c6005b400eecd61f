"""Where every character of a render comes from: the layout run backwards.

Each rendered paragraph becomes a list of segments: a field's paragraph (a title, one paragraph of
a multi-paragraph text, a point, a figure's value or label, the signature), or template text (a
numbering label, the 。 that closes a run-in heading, the composed title, a part's default
heading, the figures table's fixed cells). The layout's Paragraph keeps its field paths in order;
a text's paragraphs are handed out one after another, so a path seen again is the text's next
paragraph. Inside a field's paragraph, each `${key}` is a piece of its own: the figure it prints.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from generator import numbering
from generator.data import figures as derived_figures
from generator.data import text as textmod
from generator.data.model import Report
from generator.data.source import Source
from generator.layout import Layout, Paragraph, layout
from generator.templating.context import figure_rows

FIELD, LABEL, TEMPLATE, DEFAULT, NUMBER, DATE = "field", "label", "template", "default", "number", "date"
DERIVED = "derived"  # template text computed from fields (the 增减 column): follows them
UNMAPPED = "unmapped"  # a custom template's paragraph that no field of the layout prints as it is
CAPTION = "主要工作数据"
HEADER = ("项目", "本期", "上期", "增减")


@dataclass(frozen=True)
class Piece:
    """A part of a field's paragraph: literal text (key None) or a `${key}` as printed."""

    shown: str
    raw: str
    key: str | None = None
    derived: str | None = None  # `change` of `${key.change}`: words computed from the figure


@dataclass
class Seg:
    text: str
    kind: str
    path: tuple = ()  # the field (for DEFAULT: the title it would be)
    index: int = 0  # which paragraph of a multi-paragraph text
    pieces: tuple[Piece, ...] = ()

    @property
    def is_field(self) -> bool:
        return self.kind in (FIELD, DEFAULT, NUMBER, DATE)


@dataclass
class Mapped:
    """A rendered paragraph and where its characters come from."""

    segs: list[Seg]
    role: str  # title | heading | part | body | caption | cell | signature
    cell: tuple[int, int] | None = None  # (row, column) in the figures table
    text: str = field(init=False)

    def __post_init__(self) -> None:
        self.text = "".join(s.text for s in self.segs)

    def fields(self) -> list[Seg]:
        return [s for s in self.segs if s.is_field]


def raw_paragraphs(source: Source, path: tuple) -> list[str]:
    """A text field's paragraphs as typed (`${key}` unresolved), split as the model splits them."""
    node = source.nodes.get(path)
    value = value_at(source.data, path)
    if not isinstance(value, str):
        return []
    folded = getattr(node, "style", "") != "|"
    return textmod.paragraphs(value, folded)


def field_paragraphs(source: Source, path: tuple) -> list[str]:
    """A field's paragraphs as typed; a title, a point, a label or a name is one line."""
    paras = raw_paragraphs(source, path)
    if path[-2:-1] == ("points",) or path[-1] in ("title", "label", "name"):
        return ["".join(paras)] if paras else []
    return paras


def value_at(data, path: tuple):
    """The value at a field path of the data, or None."""
    for p in path:
        try:
            data = data[p]
        except (KeyError, IndexError, TypeError):
            return None
    return data


def pieces(raw: str, cite) -> tuple[Piece, ...]:
    """`cite(key, derived)`: what a reference prints."""
    out: list[Piece] = []
    at = 0
    for ref in textmod.refs(raw):
        if ref.start > at:
            out.append(Piece(raw[at : ref.start], raw[at : ref.start]))
        if ref.is_literal:
            out.append(Piece("${", "$${"))
        elif ref.key is not None:
            out.append(Piece(cite(ref.key, ref.derived), ref.source, ref.key, ref.derived))
        else:
            out.append(Piece(ref.source, ref.source))
        at = ref.start + len(ref.source)
    if at < len(raw):
        out.append(Piece(raw[at:], raw[at:]))
    return tuple(out)


class _Mapper:
    def __init__(self, report: Report, source: Source) -> None:
        self.report, self.source = report, source
        self.by_key = {f.key: f for f in report.figures}
        self.handed: dict[tuple, int] = {}  # text path → paragraphs handed out so far
        self.raw: dict[tuple, list[str]] = {}  # text path → its paragraphs as typed

    def field(self, path: tuple, index: int = 0, one_line: bool = False) -> Seg:
        if path not in self.raw:
            self.raw[path] = raw_paragraphs(self.source, path)
        paras = self.raw[path]
        raw = "".join(paras) if one_line else (paras[index] if index < len(paras) else "")
        ps = pieces(raw, self.cite)
        return Seg("".join(p.shown for p in ps), FIELD, path, index, ps)

    def cite(self, key: str, derived: str | None) -> str:
        """As the model prints it: `12次`, or a derived figure's words (`增加2次`)."""
        figure = self.by_key.get(key)
        if figure is None:
            return f"${{{key}}}"
        try:
            return derived_figures.words(figure, derived, self.by_key) if derived else figure.cited
        except derived_figures.Unavailable:
            return f"${{{key}.{derived}}}"

    def next_paragraph(self, path: tuple) -> Seg:
        n = self.handed.get(path, 0)
        self.handed[path] = n + 1
        return self.field(path, n)

    def title(self) -> Mapped:
        if self.report.title and "title" in self.source.data and self.source.data["title"]:
            return Mapped([self.field(("title",), one_line=True)], "title")
        return Mapped([Seg(self.report.title, DEFAULT, ("title",))], "title")

    def words(self, p: Paragraph, words: str) -> Seg:
        """A heading's words: its block's title, or the template's default heading."""
        path = p.paths[0] if p.paths else ()
        value = value_at(self.source.data, path) if path else None
        if isinstance(value, str) and value.strip():
            return self.field(path, one_line=True)
        return Seg(words, DEFAULT, path)

    def paragraph(self, p: Paragraph) -> list[Mapped]:
        if p.kind == "heading":
            return [Mapped(_label(p.label) + [self.words(p, p.text[len(p.label) :])], "heading")]
        if p.kind == "part":
            head, _, words = p.text.partition("\u3000")
            return [Mapped([Seg(head + "\u3000", LABEL), self.words(p, words)], "part")]
        if p.kind == "figures":
            return self.figures()
        return [Mapped(self.lead(p) + self.body(p), "body")]

    def lead(self, p: Paragraph) -> list[Seg]:
        if not p.lead:
            return []
        segs = _label(p.label)
        words = p.lead[len(p.label) :]
        if words:
            title = self.field(p.paths[0], one_line=True)
            segs.append(title)
            if words != title.text:
                segs.append(Seg(words[len(title.text) :], TEMPLATE))  # run_in's 。
        return segs

    def body(self, p: Paragraph) -> list[Seg]:
        paths = p.paths[1:] if p.lead else p.paths
        segs: list[Seg] = []
        for path in paths:
            if len(path) >= 2 and path[-2] == "points":
                segs.append(Seg(numbering.point(path[-1] + 1), LABEL))
                segs.append(self.field(path, one_line=True))
            elif path and path[-1] == "title":
                continue  # a lead's title (an item without text has no body but its lead)
            else:
                segs.append(self.next_paragraph(path))
        return segs

    def figures(self) -> list[Mapped]:
        out = [Mapped([Seg(CAPTION, TEMPLATE)], "caption")]
        out += [Mapped([Seg(h, TEMPLATE)], "cell", (0, c)) for c, h in enumerate(HEADER)]
        for r, (row, fig) in enumerate(zip(figure_rows(self.report), self.report.figures), 1):
            base = ("figures", fig.key)
            label = [self.field(base + ("label",), one_line=True)]
            if row.unit:
                label.append(Seg(f"（{row.unit}）", TEMPLATE))
            previous = Seg(row.previous, NUMBER, base + ("previous",))
            out += [
                Mapped(label, "cell", (r, 0)),
                Mapped([Seg(row.current, NUMBER, base + ("value",))], "cell", (r, 1)),
                Mapped([previous], "cell", (r, 2)),
                Mapped([Seg(row.change, DERIVED, base + ("change",))], "cell", (r, 3)),
            ]
        return out

    def signature(self) -> list[Mapped]:
        sig = self.report.signature
        if sig is None:
            return []
        return [
            Mapped([self.field(("signature", "name"), one_line=True)], "signature"),
            Mapped([Seg(sig.date_text, DATE, ("signature", "date"))], "signature"),
        ]


def _label(label: str) -> list[Seg]:
    return [Seg(label, LABEL)] if label else []


def build(report: Report, source: Source, chosen: Layout) -> list[Mapped]:
    """The paragraphs of the built-in templates' render, in order, each with its segments."""
    m = _Mapper(report, source)
    out = [m.title()]
    for p in layout(report, chosen):
        out += m.paragraph(p)
    return out + m.signature()
