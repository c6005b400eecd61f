"""The per-user cache folder (compiled templates, docxtpl's patched XML), which only ever costs time.

What is read from it is executed (compiled template code), so a folder is used only when it can
be nobody else's doing: the user's own, not writable by group or others (the check Jinja's own
bytecode cache makes), created 0700. Its size is bounded (the oldest entries go), and an entry
that is missing, too large, damaged or not a regular file is a miss.
"""

from __future__ import annotations

import os
import stat
from pathlib import Path

from generator import limits
from generator.errors import ReportgenError
from generator.output import write_atomic

PREFIXES = ("code-", "patched-")  # what reportgen keeps there; nothing else is ever removed


def folder() -> Path | None:
    """$XDG_CACHE_HOME/reportgen, else %LOCALAPPDATA%\\reportgen on Windows, else ~/.cache/reportgen;
    None when there is no such folder the user can trust."""
    base = os.environ.get("XDG_CACHE_HOME", "")
    if not os.path.isabs(base):
        base = os.environ.get("LOCALAPPDATA", "") if os.name == "nt" else ""
    try:
        path = (Path(base) if base else Path.home() / ".cache") / "reportgen"
        path.parent.mkdir(parents=True, exist_ok=True)
        path.mkdir(mode=0o700, exist_ok=True)
        return path if trusted(path) else None
    except (OSError, RuntimeError):  # no home folder, or nowhere to make one
        return None


def trusted(path: Path) -> bool:
    """A real folder (not a link), owned by the user, that no group or other user can write to.

    Windows has no owner ids here; its %LOCALAPPDATA% is the user's own (Jinja trusts it too)."""
    if not hasattr(os, "getuid"):
        return True
    st = os.lstat(path)
    return stat.S_ISDIR(st.st_mode) and st.st_uid == os.getuid() and not st.st_mode & 0o022


def read(name: str) -> bytes | None:
    """An entry's bytes; None for a miss (no folder, no entry, too large, not a regular file)."""
    place = folder()
    if place is None:
        return None
    try:
        with open(place / name, "rb") as f:
            st = os.fstat(f.fileno())
            if not stat.S_ISREG(st.st_mode) or st.st_size > limits.CACHE_ENTRY:
                return None
            return f.read(limits.CACHE_ENTRY)
    except OSError:
        return None


def write(name: str, data: bytes) -> None:
    """Keep an entry (atomically), then trim the folder to its bound; any failure only costs time."""
    place = folder()
    if place is None or len(data) > limits.CACHE_ENTRY:
        return
    try:
        write_atomic(place / name, data)
        trim(place)
    except (OSError, ReportgenError):
        pass


def trim(place: Path, bound: int = limits.CACHE_BYTES) -> None:
    """Remove the oldest entries until the folder holds at most `bound` bytes."""
    entries = []
    for p in place.iterdir():
        st = p.lstat()
        if p.name.startswith(PREFIXES) and stat.S_ISREG(st.st_mode):
            entries.append((st.st_mtime_ns, st.st_size, p))
    total = sum(size for _, size, _ in entries)
    for _, size, p in sorted(entries):
        if total <= bound:
            break
        p.unlink(missing_ok=True)
        total -= size
