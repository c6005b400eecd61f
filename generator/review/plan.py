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


class Entries:
    """A field's paragraphs, or a list's entries: the original ones by their index, and the new
    ones after the original they follow (None: before the first), each in the order given."""

    def __init__(self, values: list) -> None:
        self.originals = [Entry(i, v) for i, v in enumerate(values)]
        self.added: dict[int | None, list[Entry]] = {}

    def original(self, index: int) -> Entry | None:
        return self.originals[index] if 0 <= index < len(self.originals) else None

    def insert(self, after: int | None, entry: Entry) -> None:
        self.added.setdefault(after, []).append(entry)

    def flat(self) -> list[Entry]:
        out = list(self.added.get(None, []))
        for e in self.originals:
            out.append(e)
            out += self.added.get(e.origin, [])
        return out

    def kept(self) -> list[Entry]:
        return [e for e in self.flat() if e.value is not None]

    @property
    def changed(self) -> bool:
        return bool(self.added) or any(e.changed for e in self.originals)


@dataclass
class Plan:
    source: object  # generator.data.source.Source
    texts: dict[tuple, Entries] = field(default_factory=dict)  # text field → its paragraphs
    lists: dict[tuple, Entries] = field(default_factory=dict)  # points/items list → entries
    values: dict[tuple, str] = field(default_factory=dict)  # one-line values: figures, signature
    edits: int = 0

    # ------------------------------------------------------------ text fields

    def paragraphs(self, path: tuple) -> Entries:
        if path not in self.texts:
            self.texts[path] = Entries(self.paragraphs_of(path))
        return self.texts[path]

    def paragraphs_of(self, path: tuple) -> list[str]:
        """A text field's paragraphs as the data file has them."""
        return field_paragraphs(self.source, path)

    def set_paragraph(self, path: tuple, index: int, raw: str) -> None:
        entries = self.paragraphs(path)
        entry = entries.original(index)
        if entry is None:  # a title the data does not have yet
            entries.insert(len(entries.originals) - 1 if entries.originals else None, Entry(None, raw, True))
        else:
            entry.value, entry.changed = raw, True
        self.edits += 1

    def insert_paragraph(self, path: tuple, after: int | None, raw: str) -> None:
        """A new paragraph after the original paragraph `after` (None: first)."""
        self.paragraphs(path).insert(after, Entry(None, raw, True))
        self.edits += 1

    def delete_paragraph(self, path: tuple, index: int) -> None:
        entry = self.paragraphs(path).original(index)
        if entry is not None and entry.value is not None:
            entry.value, entry.changed = None, True
            self.edits += 1

    def is_emptied(self, path: tuple) -> bool:
        return path in self.texts and not self.texts[path].kept()

    # ------------------------------------------------------------ lists of points and items

    def entries(self, path: tuple) -> Entries:
        if path not in self.lists:
            self.lists[path] = Entries([True] * len(value_at(self.source.data, path) or ()))
        return self.lists[path]

    def insert_entry(self, path: tuple, after: int | None, value: object) -> Entry:
        entry = Entry(None, value, True)
        self.entries(path).insert(after, entry)
        self.edits += 1
        return entry

    def delete_entry(self, path: tuple, index: int) -> None:
        entry = self.entries(path).original(index)
        if entry is not None and entry.value is not None:
            entry.value, entry.changed = None, True
            self.edits += 1

    def is_deleted(self, path: tuple) -> bool:
        """Whether the list entry at `path` (…, "points"|"items", n) is deleted."""
        entries = self.lists.get(path[:-1])
        entry = entries.original(path[-1]) if entries is not None else None
        return entry is not None and entry.value is None

    def new_path(self, path: tuple) -> tuple:
        """Where the field at `path` stands once entries before it came or went."""
        out = list(path)
        for i, part in enumerate(path):
            entries = self.lists.get(path[:i]) if isinstance(part, int) else None
            if entries is not None:
                flat = entries.flat()
                at = next((n for n, e in enumerate(flat) if e.origin == part), None)
                if at is not None:
                    out[i] = sum(1 for e in flat[:at] if e.value is not None)
        return tuple(out)

    # ------------------------------------------------------------ values

    def set_value(self, path: tuple, text: str) -> None:
        if self.values.get(path) != text:
            self.values[path] = text
            self.edits += 1

    @property
    def fields(self) -> int:
        touched = {p for p, es in self.texts.items() if es.changed}
        touched |= {p for p, es in self.lists.items() if es.changed}
        return len(touched | set(self.values))
