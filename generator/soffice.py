"""Running LibreOffice (`soffice`): finding it, and converting files with it, without a shell.

Shared by the PDF writer and the importer. Each run gets a profile of its own in the caller's
temporary folder, so parallel runs (and a LibreOffice the user has open) never share one; on a
timeout or Ctrl-C the program and everything it started is stopped.
"""

from __future__ import annotations

import contextlib
import os
import shutil
import signal
import subprocess
import threading
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from generator.errors import MissingProgram, ReportgenError
from generator.messages import msg


def find(hint: str = "pdf.hint-soffice") -> str:
    """The path of soffice; MissingProgram (exit 2) with the install command (`hint`) otherwise."""
    found = shutil.which("soffice") or shutil.which("libreoffice") or installed()
    if not found:
        raise MissingProgram("soffice", hint=msg(hint))
    return found


def installed() -> str | None:
    """Where the Windows and macOS installers put soffice, which they do not add to PATH."""
    roots = [os.environ.get(v) for v in ("ProgramFiles", "ProgramW6432", "ProgramFiles(x86)")]
    candidates = [Path(r) / "LibreOffice" / "program" / "soffice.exe" for r in roots if r]
    candidates.append(Path("/Applications/LibreOffice.app/Contents/MacOS/soffice"))
    return next((str(c) for c in candidates if c.is_file()), None)


def run(command: list[str], env: dict[str, str] | None, timeout: int, timeout_key: str) -> tuple[int, str]:
    """Run without a shell; on a timeout or Ctrl-C stop the program and everything it started."""
    posix = os.name == "posix"
    with subprocess.Popen(
        command, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, stdin=subprocess.DEVNULL,
        env=env, start_new_session=posix,
    ) as proc:  # fmt: skip
        try:
            out, _ = proc.communicate(timeout=timeout)
        except BaseException as e:
            stop(proc, posix)
            if isinstance(e, subprocess.TimeoutExpired):
                raise ReportgenError(timeout_key, seconds=timeout) from None
            raise
    return proc.returncode, out.decode("utf-8", "replace")


def stop(proc: subprocess.Popen, posix: bool) -> None:
    if posix:  # soffice is a launcher: soffice.bin would outlive a kill of the launcher alone
        with contextlib.suppress(ProcessLookupError):
            os.killpg(proc.pid, signal.SIGKILL)
    else:
        proc.kill()
    proc.communicate()


def tail(output: str, lines: int = 5) -> str:
    return " / ".join(line.strip() for line in output.strip().splitlines()[-lines:] if line.strip())


# ---------------------------------------------------------------- many documents in one start

POLL = 0.02  # seconds between looks at a running conversion


@dataclass(frozen=True)
class Outcome:
    source: Path
    output: Path | None  # None: LibreOffice made nothing of it
    problem: str = ""  # message key when output is None: soffice.not-loaded, soffice.crashed, soffice.timeout
    detail: str = ""  # what LibreOffice printed last


def convert_files(
    program: str, sources: list[Path], outdir: Path, to: str, env: dict[str, str], profile: Path,
    first_timeout: float, timeout: float, cancel: threading.Event | None = None,
) -> Iterator[Outcome]:  # fmt: skip
    """Convert `sources`, in order, with as few LibreOffice starts as possible; one Outcome each.

    One `soffice --convert-to` for all of them. LibreOffice goes through the files in order and
    writes one line per file: `convert A -> B …` as it starts writing B, or `Error: source file
    could not be loaded`. So a file is done when the next file's line comes, or the next output
    appears (Windows' soffice.exe has no console), or LibreOffice ends; a file it could not load,
    at its line. When LibreOffice dies or hangs (no file done within `timeout`
    seconds, `first_timeout` for the first, which pays for the start), the file it was on is the
    one that failed: it is reported, and LibreOffice starts again, with a new profile, on the rest.
    Once `cancel` is set (Ctrl-C), nothing more is reported or started.
    """
    cancel = cancel or threading.Event()
    attempt = 0
    while sources and not cancel.is_set():
        attempt += 1
        run = _Run(program, sources, outdir, to, env, profile.with_name(f"{profile.name}-{attempt}"))
        done = 0
        for outcome in run.watch(first_timeout, timeout, cancel):
            done += 1
            yield outcome
        sources = sources[done:]


class _Run:
    """One LibreOffice process converting a list of files."""

    def __init__(self, program: str, sources: list[Path], outdir: Path, to: str, env: dict[str, str], profile: Path):
        self.sources = sources
        self.outputs = [outdir / (s.stem + "." + to.split(":", 1)[0]) for s in sources]
        self.log = outdir / f".{profile.name}.log"
        command = [
            program, "--headless", "--norestore", f"-env:UserInstallation={profile.as_uri()}",
            "--convert-to", to, "--outdir", str(outdir), *map(str, sources),
        ]  # fmt: skip
        offline(profile)
        with self.log.open("wb") as log:  # a file, not a pipe: nothing to drain, nothing to block on
            self.proc = _start(command, env, log)

    def watch(self, first_timeout: float, timeout: float, cancel: threading.Event) -> Iterator[Outcome]:
        done, read, lines = 0, 0, []
        last = time.monotonic()
        try:
            while done < len(self.sources):
                exited = _wait(self.proc, POLL)
                if cancel.is_set():
                    return
                read, new = _new_lines(self.log, read)
                lines += new
                events = [line for line in lines if line.startswith(("convert ", "Error:"))]
                while done < len(self.sources) and (exited or self._finished(done, events)):
                    if exited and done >= len(events) and not self.outputs[done].is_file():
                        yield self._failed(done, lines)  # it died here (or, exit 0, made nothing)
                        return
                    yield self._outcome(done, lines)
                    done, last = done + 1, time.monotonic()
                if exited:
                    return
                if time.monotonic() - last > (first_timeout if done == 0 else timeout):
                    _stop(self.proc)
                    yield Outcome(self.sources[done], None, "soffice.timeout", _tail(lines))
                    return
        finally:
            _stop(self.proc)

    def _finished(self, i: int, events: list[str]) -> bool:
        """Whether LibreOffice is past file i: it printed the next file's line, or refused file i
        (its `convert` line comes before the file is written), or file i's output is whole, or the
        next file's output is there."""
        if len(events) > i + 1 or (len(events) == i + 1 and events[i].startswith("Error:")):
            return True
        return complete(self.outputs[i]) or (i + 1 < len(self.outputs) and self.outputs[i + 1].exists())

    def _outcome(self, i: int, lines: list[str]) -> Outcome:
        if self.outputs[i].is_file():
            return Outcome(self.sources[i], self.outputs[i])
        return Outcome(self.sources[i], None, "soffice.not-loaded", _tail(lines))

    def _failed(self, i: int, lines: list[str]) -> Outcome:
        code = self.proc.returncode
        if code == 0:
            return Outcome(self.sources[i], None, "soffice.not-loaded", _tail(lines))
        return Outcome(self.sources[i], None, "soffice.crashed", msg("pdf.exit-code", code=code, output=_tail(lines)))


# The settings of every profile reportgen starts LibreOffice with. BlockUntrustedRefererLinks:
# a document outside LibreOffice's trusted locations (all of ours) loads nothing it links to
# (images, sections, fields on a server): a converted report never touches the network.
_SETTINGS = """<?xml version="1.0" encoding="UTF-8"?>
<oor:items xmlns:oor="http://openoffice.org/2001/registry" xmlns:xs="http://www.w3.org/2001/XMLSchema"
 xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">
<item oor:path="/org.openoffice.Office.Common/Security/Scripting"><prop oor:name="BlockUntrustedRefererLinks"
 oor:op="fuse"><value>true</value></prop></item>
</oor:items>
"""


def offline(profile: Path) -> None:
    """Make `profile` (a folder LibreOffice has not started with yet) one that loads no linked resource."""
    user = profile / "user"
    user.mkdir(parents=True, exist_ok=True)
    (user / "registrymodifications.xcu").write_text(_SETTINGS, encoding="utf-8")


# How the end of a whole file of each kind LibreOffice writes reads: a PDF's last line, a zip's
# (.docx, .odt) end-of-directory record.
_ENDINGS = {".pdf": (b"%%EOF", 1024), ".docx": (b"PK\x05\x06", 65_557), ".odt": (b"PK\x05\x06", 65_557)}


def complete(path: Path) -> bool:
    """Whether `path` is a whole file of its kind (False when it is not there, or not known)."""
    ending, within = _ENDINGS.get(path.suffix.lower(), (None, 0))
    if ending is None:
        return False
    try:
        with path.open("rb") as f:
            f.seek(max(0, path.stat().st_size - within))
            return ending in f.read()
    except OSError:
        return False


def _start(command: list[str], env: dict[str, str], log) -> subprocess.Popen:
    # a session of its own: the terminal's Ctrl-C reaches reportgen, which stops LibreOffice itself
    posix = os.name == "posix"
    return subprocess.Popen(
        command, stdout=log, stderr=subprocess.STDOUT, stdin=subprocess.DEVNULL, env=env, start_new_session=posix
    )


def _wait(proc: subprocess.Popen, seconds: float) -> bool:
    """Wait up to `seconds` for the process to end (at once when it does); whether it has."""
    try:
        proc.wait(timeout=seconds)
    except subprocess.TimeoutExpired:
        return False
    return True


def _new_lines(log: Path, read: int) -> tuple[int, list[str]]:
    """The complete lines written to `log` after byte `read`, and how far they reach."""
    try:
        with log.open("rb") as f:
            f.seek(read)
            chunk = f.read()
    except OSError:
        return read, []
    end = chunk.rfind(b"\n") + 1
    text = chunk[:end].decode("utf-8", "replace")
    return read + end, [line.strip() for line in text.splitlines() if line.strip()]


def _tail(lines: list[str]) -> str:
    return tail("\n".join(lines), 3)


def _stop(proc: subprocess.Popen) -> None:
    if proc.poll() is None:
        stop(proc, os.name == "posix")
