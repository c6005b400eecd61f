"""Reading members of a zip archive (a .docx) with a bound on the bytes inflated, whatever the
headers say: a member whose headers claim 20 KB may inflate to a gigabyte, and zipfile's own
`read()` inflates a whole member in one call before it compares the size."""

from __future__ import annotations

import zipfile

from generator import limits

_CHUNK = 1024 * 1024


class TooBig(Exception):
    """A member, or the members read together, inflate past the bound."""

    def __init__(self, member: str, limit: int) -> None:
        super().__init__(member)
        self.member, self.limit = member, limit


class Reader:
    """Reads members of one archive, counting what all of them inflate to."""

    def __init__(self, z: zipfile.ZipFile, member: int = limits.ZIP_MEMBER, total: int = limits.ZIP_TOTAL) -> None:
        self.z, self.member, self.left = z, member, total

    def read(self, name: str | zipfile.ZipInfo) -> bytes:
        info = name if isinstance(name, zipfile.ZipInfo) else self.z.getinfo(name)
        if info.compress_type not in (zipfile.ZIP_STORED, zipfile.ZIP_DEFLATED):
            # Word and WPS write only these; zipfile inflates the others (bzip2, lzma) unbounded
            raise zipfile.BadZipFile(f"compression {info.compress_type}")
        bound = min(self.member, self.left)
        if info.file_size > bound:  # honest headers: refused before inflating anything
            raise TooBig(info.filename, bound)
        chunks, size = [], 0
        with self.z.open(info) as f:
            while chunk := f.read(_CHUNK):  # at most _CHUNK more inflated a call
                size += len(chunk)
                if size > bound:
                    raise TooBig(info.filename, bound)
                chunks.append(chunk)
        self.left -= size
        return b"".join(chunks)


def read(z: zipfile.ZipFile, name: str | zipfile.ZipInfo, limit: int = limits.ZIP_MEMBER) -> bytes:
    """One member, inflated to at most `limit` bytes (TooBig past it)."""
    return Reader(z, limit, limit).read(name)
