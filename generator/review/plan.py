"""What the reviewer's edits change in the data, field by field, before any byte is written.

A text field is a list of paragraph entries (a title or a point is a list of one); a list of
points or items is a list of entries too. An entry remembers which original one it was (None for
a new one) and holds its new value (None once deleted), so that insertions and deletions never
shift the places of other edits. yamledit.py turns a Plan into bytes.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from generator.review.origin import field_paragraphs, value_at


@dataclass
class Entry:
    origin: int | None  # index in the data file; None for a new one
    value: object  # str for a paragraph or point, dict for a new item; None when deleted
    changed: bool = False


@dataclass
class Plan:
    source: object  # generator.source.Source
    texts: dict[tuple, list[Entry]] = field(default_factory=dict)  # text field → its paragraphs
    lists: dict[tuple, list[Entry]] = field(default_factory=dict)  # points/items list → entries
    values: dict[tuple, str] = field(default_factory=dict)  # one-line values: figures, signature
    edits: int = 0

    # ------------------------------------------------------------ text fields

    def paragraphs(self, path: tuple) -> list[Entry]:
        if path not in self.texts:
            paras = self.paragraphs_of(path)
            self.texts[path] = [Entry(i, p) for i, p in enumerate(paras)]
        return self.texts[path]

    def paragraphs_of(self, path: tuple) -> list[str]:
        """A text field's paragraphs as the data file has them."""
        return field_paragraphs(self.source, path)

    def set_paragraph(self, path: tuple, index: int, raw: str) -> None:
        entries = self.paragraphs(path)
        entry = next((e for e in entries if e.origin == index), None)
        if entry is None:
            entries.append(Entry(None, raw, True))
        else:
            entry.value, entry.changed = raw, True
        self.edits += 1

    def insert_paragraph(self, path: tuple, after: int | None, raw: str) -> None:
        """A new paragraph after the original paragraph `after` (None: first)."""
        entries = self.paragraphs(path)
        self.edits += 1
        _insert(entries, after, Entry(None, raw, True))

    def delete_paragraph(self, path: tuple, index: int) -> None:
        entry = next((e for e in self.paragraphs(path) if e.origin == index), None)
        if entry is not None and entry.value is not None:
            entry.value, entry.changed = None, True
            self.edits += 1

    def is_emptied(self, path: tuple) -> bool:
        return path in self.texts and all(e.value is None for e in self.texts[path])

    # ------------------------------------------------------------ lists of points and items

    def entries(self, path: tuple) -> list[Entry]:
        if path not in self.lists:
            n = len(value_at(self.source.data, path) or ())
            self.lists[path] = [Entry(i, True) for i in range(n)]
        return self.lists[path]

    def insert_entry(self, path: tuple, after: int | None, value: object) -> Entry:
        entry = Entry(None, value, True)
        _insert(self.entries(path), after, entry)
        self.edits += 1
        return entry

    def delete_entry(self, path: tuple, index: int) -> None:
        entry = next((e for e in self.entries(path) if e.origin == index), None)
        if entry is not None and entry.value is not None:
            entry.value, entry.changed = None, True
            self.edits += 1

    def is_deleted(self, path: tuple) -> bool:
        """Whether the list entry at `path` (…, "points"|"items", n) is deleted."""
        entries = self.lists.get(path[:-1], [])
        return any(e.origin == path[-1] and e.value is None for e in entries)

    def new_path(self, path: tuple) -> tuple:
        """Where the field at `path` stands once entries before it came or went."""
        out = list(path)
        for i, part in enumerate(path):
            entries = self.lists.get(path[:i]) if isinstance(part, int) else None
            if entries:
                at = next((n for n, e in enumerate(entries) if e.origin == part), None)
                if at is not None:
                    out[i] = sum(1 for e in entries[:at] if e.value is not None)
        return tuple(out)

    # ------------------------------------------------------------ values

    def set_value(self, path: tuple, text: str) -> None:
        if self.values.get(path) != text:
            self.values[path] = text
            self.edits += 1

    @property
    def fields(self) -> int:
        touched = {p for p, es in self.texts.items() if any(e.changed for e in es)}
        touched |= {p for p, es in self.lists.items() if any(e.changed for e in es)}
        return len(touched | set(self.values))


def _insert(entries: list[Entry], after: int | None, entry: Entry) -> None:
    if after is None:
        at = 0
        while at < len(entries) and entries[at].origin is None:  # after earlier new ones
            at += 1
    else:
        at = next((n + 1 for n, e in enumerate(entries) if e.origin == after), len(entries))
        while at < len(entries) and entries[at].origin is None:
            at += 1
    entries.insert(at, entry)

