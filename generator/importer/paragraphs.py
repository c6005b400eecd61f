"""A report read from any input: a flat list of source paragraphs with their place and hints.

Every reader (.docx, .txt, .md) produces the same thing, so what follows never asks where the
text came from: the paragraph's text as a reader sees it (a label Word draws is put in front of
it), its number in the source (段N, or the line of a .txt/.md), and the formatting hints a
document has and a plain text file has not.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from generator.errors import ReportgenError


@dataclass
class Para:
    text: str
    where: int  # paragraph number (.docx) or line number (.txt, .md), 1-based
    heading: int = 0  # a heading style or outline level says so: its level (1 = top), else 0
    centred: bool = False
    title_style: bool = False  # Word's Title style (or Markdown `#`)
    lead: int = 0  # length of the emphasised run (bold, or a character style) that starts it
    bold: bool = False  # every character of it emphasised
    bullet: bool = False  # a Markdown list item
    drawn: bool = False  # its label is Word's numbering, not typed
    rows: list[list[str]] | None = None  # a table: its rows of cells (text is "")

    @property
    def is_table(self) -> bool:
        return self.rows is not None


@dataclass
class Document:
    name: str  # the source as the user named it, for messages
    kind: str  # docx | txt | md
    paragraphs: list[Para] = field(default_factory=list)
    notes: list[tuple[int, str, dict]] = field(default_factory=list)  # what the reader left out or read as accepted

    @property
    def place_key(self) -> str:
        """How a warning names a place: 段N in a document, a line number in a text file."""
        return "import.where-para" if self.kind == "docx" else "import.where-line"


class ImportFailed(ReportgenError):
    """An input that cannot be imported (exit 1): not a report, corrupt, empty."""

    exit_code = 1


# A report is never this large; beyond it the input is refused rather than read for minutes.
MAX_TEXT_BYTES = 16 * 1024 * 1024
MAX_PARAGRAPHS = 100_000
