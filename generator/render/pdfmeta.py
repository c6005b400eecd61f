"""LibreOffice's PDF made the same bytes for the same document, and read for what it declares.

LibreOffice stamps its clock into a PDF: the Info dictionary's /CreationDate, in a PDF/A the XMP
packet's dates and the header of the colour profile it embeds; and it writes a fresh /ID,
/DocChecksum and XMP document UUID each time. `settle` puts the caller's date in place of the clock
and derives the identifiers from the rest of the file. The colour profile is a compressed stream
whose length may change: the edits are applied with the cross-reference table (LibreOffice writes a
classic one) moved to match, and a file laid out otherwise keeps its profile as it is.
"""

from __future__ import annotations

import hashlib
import re
import struct
import zlib
from datetime import datetime, timezone

_INFO_DATE = re.compile(rb"/(?:CreationDate|ModDate)\s*\(D:(\d{14})([^)]*)\)")
_XMP_DATE = re.compile(rb"<xmp:(?:CreateDate|ModifyDate|MetadataDate)>(\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d)([^<]*)<")
_ID = re.compile(rb"/ID\s*\[\s*<([0-9A-Fa-f]+)>\s*<([0-9A-Fa-f]+)>\s*\]")
_CHECKSUM = re.compile(rb"/DocChecksum\s*/([0-9A-Fa-f]+)")
_UUID = re.compile(rb"uuid:([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})")
_PDFA = re.compile(rb"<pdfaid:part>(\d)</pdfaid:part>\s*<pdfaid:conformance>([A-Za-z])</pdfaid:conformance>")
# an ICC-based colour space's stream: its dictionary has /N; its length is direct or an object
_ICC = re.compile(rb"<<(?=[^>]*/N \d)(?=[^>]*/FlateDecode)[^>]*/Length (\d+)( 0 R)?[^>]*>>\s*stream\r?\n")
_XREF = re.compile(rb"startxref\s+(\d+)\s+%%EOF\s*$")

# Time zone suffixes, by length, that name UTC: the date is fixed, so is its zone.
_INFO_UTC = {2: b"Z'", 1: b"Z", 7: b"+00'00'", 6: b"+00'00"}
_XMP_UTC = {1: b"Z", 6: b"+00:00"}

Edit = tuple[int, int, bytes]  # replace pdf[start:end] with these bytes


def settle(pdf: bytes, when: datetime) -> bytes:
    """`pdf` dated `when` (UTC) and identified by its own content."""
    utc = when.astimezone(timezone.utc)
    edits = _dates(pdf, utc)
    if _XREF.search(pdf):
        edits += _colour_profiles(pdf, utc)
    try:
        pdf = apply(pdf, edits)
    except ValueError:  # a layout this does not know: only what keeps every byte in place
        pdf = apply(pdf, [e for e in edits if e[1] - e[0] == len(e[2])])
    return _identified(pdf)


def _dates(pdf: bytes, utc: datetime) -> list[Edit]:
    edits = []
    for pattern, stamp, zones in ((_INFO_DATE, "%Y%m%d%H%M%S", _INFO_UTC), (_XMP_DATE, "%Y-%m-%dT%H:%M:%S", _XMP_UTC)):
        for m in pattern.finditer(pdf):
            edits.append((*m.span(1), utc.strftime(stamp).encode()))
            edits.append((*m.span(2), zones.get(len(m.group(2)), m.group(2))))
    return edits


def _colour_profiles(pdf: bytes, utc: datetime) -> list[Edit]:
    """The ICC header's creation date (bytes 24–35) set to `utc`, the stream and its length rewritten."""
    edits = []
    for m in _ICC.finditer(pdf):
        if m.group(2):  # `/Length 344 0 R`: the length is object 344
            found = re.search(rb"(?<![0-9])" + m.group(1) + rb" 0 obj\s*(\d+)\s*endobj", pdf)
            if found is None:
                continue
            length_at, length = found.span(1), int(found.group(1))
        else:
            length_at, length = m.span(1), int(m.group(1))
        try:
            profile = zlib.decompress(pdf[m.end() : m.end() + length])
        except zlib.error:
            continue
        if profile[36:40] != b"acsp":
            continue
        stamp = struct.pack(">6H", utc.year, utc.month, utc.day, utc.hour, utc.minute, utc.second)
        packed = zlib.compress(profile[:24] + stamp + profile[36:], 9)
        edits += [(m.end(), m.end() + length, packed), (*length_at, str(len(packed)).encode())]
    return edits


def apply(pdf: bytes, edits: list[Edit]) -> bytes:
    """`pdf` with `edits` made; when lengths change, every offset of the xref table moves with them."""
    edits = sorted(edits)
    out, at, shifts = [], 0, []  # shifts: (old offset, bytes added before it)
    for start, end, new in edits:
        if start < at:
            raise ValueError("overlapping edits")
        out += (pdf[at:start], new)
        shifts.append((end, len(new) - (end - start)))
        at = end
    out.append(pdf[at:])
    moved = b"".join(out)
    if all(delta == 0 for _, delta in shifts):
        return moved
    return _move_xref(moved, shifts)


def _move_xref(pdf: bytes, shifts: list[tuple[int, int]]) -> bytes:
    def new_offset(old: int) -> int:
        return old + sum(delta for end, delta in shifts if end <= old)

    m = _XREF.search(pdf)
    if m is None:
        raise ValueError("no classic xref table")
    table = new_offset(int(m.group(1)))
    if not pdf.startswith(b"xref", table):
        raise ValueError("xref table not where startxref says")
    end = pdf.index(b"trailer", table)
    entries = re.sub(
        rb"(?m)^(\d{10}) (\d{5}) n",
        lambda e: b"%010d %s n" % (new_offset(int(e.group(1))), e.group(2)),
        pdf[table:end],
    )
    tail = pdf[end : m.start(1)] + str(table).encode() + pdf[m.end(1) :]
    return pdf[:table] + entries + tail


def _identified(pdf: bytes) -> bytes:
    """/ID, /DocChecksum and the XMP UUIDs from a digest of the file with them blanked."""
    ids = [(m, g) for m in _ID.finditer(pdf) for g in (1, 2)]
    ids += [(m, 1) for pattern in (_CHECKSUM, _UUID) for m in pattern.finditer(pdf)]
    blank = apply(pdf, [(*m.span(g), b"0" * len(m.group(g))) for m, g in ids])
    digest = hashlib.sha256(blank).hexdigest().encode()
    edits = []
    for m, g in ids:
        old = m.group(g)
        if b"-" in old:  # a UUID keeps its dashes
            new = b"-".join(digest[a:b] for a, b in ((0, 8), (8, 12), (12, 16), (16, 20), (20, 32)))
        else:
            new = digest[: len(old)].upper() if old.upper() == old else digest[: len(old)]
        edits.append((*m.span(g), new))
    return apply(pdf, edits)


def pdfa(pdf: bytes) -> str | None:
    """The PDF/A level the XMP metadata declares (`2B`), or None."""
    m = _PDFA.search(pdf)
    return (m.group(1) + m.group(2).upper()).decode() if m else None
