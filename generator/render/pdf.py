"""PDF output: LibreOffice converts the rendered .docx files, then faces.py checks each PDF's fonts.

A batch is converted by a few LibreOffice processes, each starting once for its share of the files
(soffice.convert_files). Each has a profile of its own in a temporary folder, so parallel runs
(and a LibreOffice the user has open) never share one, and a fontconfig file that adds
assets/fonts/65-reportgen-cjk.conf to the system's: the official font names then resolve to the free fonts
(gbt9704.md) without the user installing anything. Windows and macOS builds of LibreOffice do not
use fontconfig; there the official fonts, or the free ones installed by hand, are what counts.
"""

from __future__ import annotations

import os
import queue
import tempfile
import threading
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from xml.sax.saxutils import escape

from generator import soffice
from generator.errors import ReportgenError
from generator.messages import msg
from generator.render import faces, pdfmeta
from generator.resources import folder

# Seconds LibreOffice may take for the first file of a start (a new profile takes a few) and for
# each file after it: the timeout grows with the number of files.
FIRST_TIMEOUT = 120
FILE_TIMEOUT = 60
ALIASES = folder("fonts") / "65-reportgen-cjk.conf"
# PDF/A-2b, which archives ask for: LibreOffice's export filter with its option set (LibreOffice ≥ 7.4
# reads options given this way; an older one ignores them, which the check of the output catches)
PDF_A = 'pdf:writer_pdf_Export:{"SelectPdfVersion":{"type":"long","value":"2"}}'

@dataclass(frozen=True)
class Document:
    """A .docx to turn into a PDF, and the date to stamp into it (None: LibreOffice's clock)."""

    docx: bytes
    created: datetime | None = None


def convert(docx_bytes: bytes, created: datetime | None = None, pdf_a: bool = False) -> bytes:
    """The PDF of one .docx, its fonts checked; raises ReportgenError (exit 2) when it cannot be made."""
    ((_, made),) = convert_many([Document(docx_bytes, created)], 1, pdf_a)
    if isinstance(made, ReportgenError):
        raise made
    return made


def convert_many(docs: list[Document], processes: int, pdf_a: bool = False) -> Iterator[tuple[int, bytes | ReportgenError]]:
    """(index in `docs`, its PDF or why there is none), as each is made, by `processes` LibreOffices.

    Each LibreOffice converts its share in one start (soffice.convert_files), with a profile of
    its own; shares are dealt out in turn (0, k, 2k … to the first), so PDFs come back about in the
    order of `docs`. Closing the iterator (Ctrl-C) stops every LibreOffice it started.
    """
    if not docs:
        return
    program = find_tools()
    with tempfile.TemporaryDirectory(prefix="reportgen-pdf-", ignore_cleanup_errors=True) as tmp:
        work = Path(tmp).resolve()
        env = dict(os.environ, FONTCONFIG_FILE=str(_fontconfig_file(work)))
        to = PDF_A if pdf_a else "pdf"
        finished: queue.Queue[tuple[int, bytes | ReportgenError]] = queue.Queue()
        cancel = threading.Event()
        shares = [range(i, len(docs), processes) for i in range(min(processes, len(docs)))]
        threads = [
            threading.Thread(
                target=_convert_share,
                args=(program, docs, share, work / f"{n}", to, env, pdf_a, finished, cancel),
            )
            for n, share in enumerate(shares)
        ]  # fmt: skip
        for t in threads:
            t.start()
        try:
            for _ in docs:
                index, made = _next(finished)
                if isinstance(made, Exception) and not isinstance(made, ReportgenError):
                    raise made  # a bug in a share's thread: said, not waited for
                yield index, made
        finally:
            cancel.set()  # each LibreOffice still running is stopped within soffice.POLL
            for t in threads:
                t.join()


def _next(finished: queue.Queue) -> tuple:
    while True:  # a timeout, so that Ctrl-C gets through on Windows too
        try:
            return finished.get(timeout=0.2)
        except queue.Empty:
            continue


def _convert_share(
    program: str, docs: list[Document], share: range, folder: Path, to: str,
    env: dict[str, str], pdf_a: bool, finished: queue.Queue, cancel: threading.Event,
) -> None:  # fmt: skip
    """One LibreOffice's share: written out as 000012.docx … (names LibreOffice reads anywhere),
    converted, and each PDF checked here, while LibreOffice goes on with the next."""
    reported: set[int] = set()
    try:
        folder.mkdir()
        sources = []
        for i in share:
            sources.append(folder / f"{i:06}.docx")
            sources[-1].write_bytes(docs[i].docx)
        for outcome in soffice.convert_files(
            program, sources, folder, to, env, folder / "profile", FIRST_TIMEOUT, FILE_TIMEOUT, cancel
        ):
            index = int(outcome.source.stem)
            reported.add(index)
            finished.put((index, _checked(docs[index], outcome, pdf_a)))
    except Exception as e:  # every file left fails alike: a folder that cannot be written, or a bug
        failure = ReportgenError("pdf.failed", detail=e.strerror or str(e)) if isinstance(e, OSError) else e
        for i in share:
            if i not in reported:
                finished.put((i, failure))


def _checked(doc: Document, outcome: soffice.Outcome, pdf_a: bool) -> bytes | ReportgenError:
    """The PDF LibreOffice made of `doc`, once its fonts (and PDF/A level) are as they should be."""
    try:
        if outcome.output is None:
            detail = msg("pdf.list-sep").join(filter(None, (msg(outcome.problem), outcome.detail)))
            raise ReportgenError("pdf.failed", detail=detail)
        faces.check(faces.document_fonts(doc.docx), faces.embedded(outcome.output))
        made = outcome.output.read_bytes()
        if pdf_a and pdfmeta.pdfa(made) != "2B":
            raise ReportgenError("pdf.not-pdfa", found=pdfmeta.pdfa(made) or "-")
        return pdfmeta.settle(made, doc.created) if doc.created else made
    except ReportgenError as e:
        return e
    except OSError as e:
        return ReportgenError("pdf.failed", detail=e.strerror or str(e))


def find_tools() -> str:
    """The path of soffice; MissingProgram with the install command otherwise."""
    return soffice.find()



def _fontconfig_file(work: Path) -> Path:
    """A fontconfig file: the one in force (FONTCONFIG_FILE, else the system's fonts.conf), then ours."""
    system = os.environ.get("FONTCONFIG_FILE") or "fonts.conf"  # relative: found in fontconfig's folder
    path = work / "reportgen-fonts.conf"
    path.write_text(
        '<?xml version="1.0"?>\n<fontconfig>\n'
        f'  <include ignore_missing="yes">{escape(system)}</include>\n'
        f'  <include ignore_missing="yes">{escape(str(ALIASES))}</include>\n'
        "</fontconfig>\n",
        encoding="utf-8",
    )
    return path


