"""Where outputs go, and writing them so that a failure never leaves a partial or clobbered file."""

from __future__ import annotations

import os
import stat
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager, nullcontext
from datetime import datetime, timezone
from pathlib import Path

from generator.errors import OutputError
from generator.messages import msg

# Other spellings of the extension of an output format, whose existing files it may replace.
_ALSO = {".md": (".markdown",), ".html": (".htm",), ".yaml": (".yml",)}


def _umask() -> int:
    mask = os.umask(0o022)
    os.umask(mask)
    return mask


# mkstemp makes 0600 files; an output should get the permissions any new file would.
FILE_MODE = 0o666 & ~_umask()


def targets(data_file: Path, out: Path | None, extensions: dict[str, str], many: bool, force: bool = False) -> dict[str, Path]:
    """The output path of `data_file` in each output format (name → extension, render.extensions):
    beside it by default; inside `out` when it is a folder; `out` itself for one output format, `out`
    with each one's extension for several.

    A Word document there that reportgen did not save last (the report a user imported from, or
    a render they edited since) is refused unless `force`.
    """
    several = len(extensions) > 1
    found = {name: target(data_file, out, ext, many, several, force) for name, ext in extensions.items()}
    if "docx" in found and not force:
        saved_by = foreign_document(found["docx"])
        if saved_by:
            raise OutputError("out.foreign-document", path=str(found["docx"]), by=saved_by)
        if saved_by is not None:  # a document that does not say who saved it
            raise OutputError("out.foreign-document-unsigned", path=str(found["docx"]))
    return found


WRITER = "reportgen"  # cp:lastModifiedBy of every .docx reportgen writes


def foreign_document(path: Path) -> str | None:
    """Who last saved the Word document at `path` when it was not reportgen: the person, else the
    program ("" when it says neither); None when there is no such document there (no file, not a
    .docx, or reportgen's own)."""
    import zipfile

    from generator import limits, safezip

    if not is_regular(path):  # never open a FIFO or a device to look: it may never answer
        return None
    try:
        with zipfile.ZipFile(path) as z:
            names = set(z.namelist())
            if "word/document.xml" not in names:
                return None
            core, app = (
                safezip.read(z, n, limits.CORE_XML).decode("utf-8", "replace") if n in names else ""
                for n in _PROPERTIES
            )  # fmt: skip
    except safezip.TooBig:
        return ""  # no program writes properties that large: somebody's document, who does not say
    except (OSError, zipfile.BadZipFile, KeyError, RuntimeError, EOFError, ValueError, NotImplementedError):
        return None
    saved_by = _property(core, "lastModifiedBy")
    if saved_by == WRITER:
        return None
    return saved_by or _property(app, "Application").split("/")[0].strip()  # `LibreOffice/7.4.7.2$Linux…`


_PROPERTIES = ("docProps/core.xml", "docProps/app.xml")


def _property(xml: str, name: str) -> str:
    """The text of the first element `name` (any prefix) in a document properties part."""
    import html
    import re

    m = re.search(rf"<(?:\w+:)?{name}(?:\s[^>]*)?(?<!/)>([^<]*)<", xml)  # not an empty <x/>
    return html.unescape(m.group(1)).strip() if m else ""


def target(data_file: Path, out: Path | None, ext: str, many: bool, several: bool = False, force: bool = False) -> Path:
    """The output path of `data_file` with the extension `ext` (see targets); an existing file of
    another kind there (a data file, notes.txt) is refused unless `force`."""
    if out is None:
        path = data_file.with_suffix(ext)
    elif out.is_dir():
        path = out / (data_file.stem + ext)
    elif many:
        raise OutputError("out.o-file-many")
    else:
        path = out.with_suffix(ext) if several else out
    check_writable(path, data_file)
    if not force:
        check_kind(path, ext)
    return path


def check_kind(path: Path, ext: str) -> None:
    """Refuse to replace an existing file whose extension is not `ext` (the output format's)."""
    if path.suffix.lower() not in (ext, *_ALSO.get(ext, ())) and path.exists():
        raise OutputError("out.other-kind", path=str(path), ext=ext)


def is_regular(path: Path) -> bool:
    """Whether `path` is a regular file (following links); False when it is missing."""
    try:
        return stat.S_ISREG(os.stat(path).st_mode)
    except OSError:
        return False


# The extensions of what reportgen writes: `-o 汇总.docx` with several inputs is a slip, not a folder.
FILE_EXTENSIONS = (".docx", ".md", ".pdf", ".html", ".yaml", ".yml", ".txt")


def wants_folder(given: str, many: bool) -> bool:
    """Whether `-o given` names a folder: `out/`, or, with several inputs, a name that is not a file's."""
    return given.endswith(("/", "\\")) or (many and Path(given).suffix.lower() not in FILE_EXTENSIONS)


def output_folder(given: str | None, many: bool):
    """A context in which the folder `-o` names exists: made (with its parents) when it is missing,
    and removed again when the run wrote nothing into it. Any other `-o`: nothing is done."""
    if given is None or not wants_folder(given, many) or os.path.lexists(given):
        return nullcontext()
    return _made(Path(given))


@contextmanager
def _made(folder: Path) -> Iterator[None]:
    missing = [f for f in (folder, *folder.parents) if not f.exists()]  # the deepest first
    try:
        folder.mkdir(parents=True)
    except OSError as e:
        raise OutputError("out.unwritable", path=str(folder), reason=e.strerror or str(e)) from None
    try:
        yield
    finally:
        for made in missing:
            try:
                made.rmdir()  # only an empty one: a failed run leaves nothing behind
            except OSError:
                break


def check_writable(path: Path, data_file: Path) -> None:
    """Refuse before any work: the input itself, a missing folder, a path nobody can write."""
    try:
        _check(path, data_file)
    except OSError as e:  # a folder we may not even look into
        raise OutputError("out.unwritable", path=str(path), reason=e.strerror or str(e)) from None


def _check(path: Path, data_file: Path) -> None:
    if same_file(path, data_file):
        raise OutputError("out.same-as-input", path=str(path))
    parent = path.parent
    if not parent.exists():
        raise OutputError("out.no-folder", path=str(parent))
    if not parent.is_dir():
        raise OutputError("out.unwritable", path=str(path), reason=msg("out.reason-not-folder", path=str(parent)))
    if path.is_dir():
        raise OutputError("out.unwritable", path=str(path), reason=msg("out.reason-is-folder"))
    if path.exists() and not is_regular(path):  # a device, FIFO or socket: the rename would replace it
        raise OutputError("out.unwritable", path=str(path), reason=msg("out.reason-not-regular"))
    if path.exists() and not os.access(path, os.W_OK):
        raise OutputError("out.unwritable", path=str(path), reason=msg("out.reason-read-only"))
    if not os.access(parent, os.W_OK | os.X_OK):
        raise OutputError("out.unwritable", path=str(path), reason=msg("out.reason-no-permission"))


def same_file(a: Path, b: Path) -> bool:
    """Whether two spellings name one file (`./x.yaml`, `sub/../x.yaml`, a link); False when either is absent."""
    try:
        return os.path.samefile(a, b)
    except OSError:
        return False


def write_atomic(path: Path, data: bytes) -> None:
    """Write to a temporary file beside `path`, then rename it into place.

    When `path` already exists, the new bytes are synced to disk before the rename, so that a
    crash can never leave the name pointing at an empty file where the old one was. A new file
    has nothing to lose (a crash costs only an output that can be made again), and syncing costs
    about 2 ms a file here: a third of a render.

    Only a regular file is ever replaced, and it keeps its permissions (and, where we may set it,
    its owner): a `chmod 600` report stays private.
    """
    old = _existing(path)
    replacing = old is not None
    fd, tmp = -1, ""
    try:
        fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.stem}.", suffix=".tmp")
        with os.fdopen(fd, "wb") as f:
            fd = -1
            f.write(data)
            f.flush()
            if replacing:
                os.fsync(f.fileno())
        _keep_owner(tmp, old)
        os.chmod(tmp, stat.S_IMODE(old.st_mode) if old else FILE_MODE)
        os.replace(tmp, path)
        tmp = ""
    except OSError as e:
        raise OutputError("out.unwritable", path=str(path), reason=e.strerror or str(e)) from None
    finally:
        if fd >= 0:
            os.close(fd)
        if tmp:
            try:
                os.unlink(tmp)
            except OSError:
                pass


def _existing(path: Path) -> os.stat_result | None:
    """The status of the regular file at `path`, None when there is none; an OutputError (exit 2)
    for anything else there (a device, a FIFO, a socket, a folder)."""
    try:
        st = os.stat(path)
    except FileNotFoundError:
        return None
    except OSError as e:
        raise OutputError("out.unwritable", path=str(path), reason=e.strerror or str(e)) from None
    if not stat.S_ISREG(st.st_mode):
        raise OutputError("out.unwritable", path=str(path), reason=msg("out.reason-not-regular"))
    return st


def _keep_owner(tmp: str, old: os.stat_result | None) -> None:
    """Give the new file the old one's owner and group, where that is allowed (root, or a group
    of ours); elsewhere the file stays the writer's, as any new file would be."""
    if old is None or not hasattr(os, "chown"):
        return
    try:
        os.chown(tmp, old.st_uid, old.st_gid)
    except OSError:
        pass


# ---------------------------------------------------------------- dates stamped into outputs


def source_date() -> datetime | None:
    """SOURCE_DATE_EPOCH as a date, when it is set: the time reproducible builds stamp into files."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH", "").strip()
    return datetime.fromtimestamp(int(epoch), tz=timezone.utc) if epoch.isdigit() else None


def document_dates() -> dict[str, str]:
    """Creation and modification dates from SOURCE_DATE_EPOCH, when it is set (reproducible builds)."""
    when = source_date()
    if when is None:
        return {}
    stamp = when.strftime("%Y-%m-%dT%H:%M:%SZ")
    return {"dcterms:created": stamp, "dcterms:modified": stamp}
