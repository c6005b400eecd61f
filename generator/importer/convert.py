"""Older and other word-processor formats (.doc, .wps, .odt, .rtf) to .docx, with LibreOffice.

The conversion runs in a temporary folder with a profile of its own (generator/soffice.py) and a
timeout; without `soffice` it is exit 2 with the install hint, like `render --format pdf`.
"""

from __future__ import annotations

import os
import shutil
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from generator import soffice
from generator.errors import ReportgenError
from generator.importer.paragraphs import ImportFailed

CONVERTED = (".doc", ".wps", ".odt", ".rtf", ".dot", ".wpt", ".docm")
TIMEOUT = 120  # seconds; a first start of a new profile takes a few


@contextmanager
def to_docx(path: Path, name: str) -> Iterator[Path]:
    """The path of a .docx made from `path`, valid inside the `with` block."""
    program = soffice.find("import.hint-soffice")
    with tempfile.TemporaryDirectory(prefix="reportgen-import-", ignore_cleanup_errors=True) as tmp:
        work = Path(tmp).resolve()
        source = work / ("source" + path.suffix.lower())  # a plain name: soffice reads it whatever the user's was
        try:
            shutil.copyfile(path, source)
        except OSError as e:
            raise ImportFailed("import.unreadable", path=name, reason=e.strerror or str(e)) from None
        (done,) = soffice.convert_files(
            program, [source], work, "docx:MS Word 2007 XML", dict(os.environ), work / "profile", TIMEOUT, TIMEOUT
        )
        if done.problem == "soffice.timeout":
            raise ReportgenError("import.convert-timeout", seconds=TIMEOUT)
        if done.problem == "soffice.crashed":
            raise ReportgenError("import.convert-failed", path=name, detail=done.detail)
        if done.output is None:  # soffice says "source file could not be loaded" and exits 0
            raise ImportFailed("import.convert-unreadable", path=name)
        yield done.output
