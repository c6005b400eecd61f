"""Bytes → text: UTF-8 with or without a BOM, or UTF-16 with one; anything else is a located error."""

from __future__ import annotations

from generator.data.nodes import ReadError, text_position

_BOMS = (
    (b"\xef\xbb\xbf", "utf-8"),
    (b"\xff\xfe", "utf-16-le"),
    (b"\xfe\xff", "utf-16-be"),
)


def decode(raw: bytes) -> str:
    """UTF-8 (BOM or not) or UTF-16 with a BOM; anything else is an error at the first bad byte."""
    for bom, encoding in _BOMS:
        if raw.startswith(bom):
            try:
                return raw[len(bom) :].decode(encoding)
            except UnicodeDecodeError as e:
                good = raw[len(bom) : len(bom) + e.start].decode(encoding, "replace")
                raise _bad_bytes(good, raw, encoding) from None
    if raw.count(0) * 4 >= len(raw) > 0:  # ASCII saved as UTF-16 without a mark: every other byte is 0
        first = raw.index(0)
        raise _bad_bytes(raw[:first].decode("utf-8", "replace"), raw, "utf-16")
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError as e:
        raise _bad_bytes(raw[: e.start].decode("utf-8"), raw, None) from None


def _bad_bytes(good: str, raw: bytes, encoding: str | None) -> ReadError:
    line, column = text_position(good, len(good))
    if encoding == "utf-16":
        return ReadError(line, column, "read.not-utf8", likely="UTF-16")
    if encoding is not None:
        return ReadError(line, column, "read.bad-utf16")
    try:
        raw.decode("gb18030")
    except UnicodeDecodeError:
        return ReadError(line, column, "read.not-utf8-unknown")
    return ReadError(line, column, "read.not-utf8", likely="GBK/GB18030")
