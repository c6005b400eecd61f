"""Running LibreOffice (`soffice`): finding it, and running one conversion without a shell.

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


def convert_command(soffice: str, source: Path, work: Path, to: str) -> list[str]:
    """`soffice --convert-to TO` of `source` into `work`, with a profile inside `work`."""
    profile = work / "profile"
    return [
        soffice, "--headless", "--norestore", f"-env:UserInstallation={profile.as_uri()}",
        "--convert-to", to, "--outdir", str(work), str(source),
    ]  # fmt: skip


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
