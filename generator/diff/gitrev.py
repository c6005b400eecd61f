"""Data files at a git revision (`HEAD~1:report.yaml`), read with `git show`.

The path after the colon means what it means to git: relative to the top of the repository, or to
the current folder when it starts with `./` or `../`. Git is the one program reportgen runs besides
LibreOffice; without it, or outside a repository, or for a revision or path that does not exist,
the command cannot run (exit 2) and says which.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
from dataclasses import dataclass
from pathlib import Path

from generator.data import text
from generator.errors import ReportgenError
from generator.messages import msg

# `C:\data\x.yaml` and `C:/data/x.yaml` are Windows paths, not the revision `C`
_DRIVE = re.compile(r"^[A-Za-z]:[\\/]")


@dataclass(frozen=True)
class Revision:
    spec: str  # as given: HEAD~1:report.yaml
    rev: str  # HEAD~1
    path: str  # report.yaml


def parse(arg: str) -> Revision | None:
    """A `REV:path` argument, or None for a file name (an existing file always wins).

    A REV that starts with `-` would reach git as an option (`--output=FILE` makes `git show`
    write a file): exit 2."""
    if ":" not in arg or _DRIVE.match(arg) or Path(arg).exists():
        return None
    rev, _, path = arg.partition(":")
    if not rev or not path:
        return None
    if rev.startswith("-"):
        raise ReportgenError("diff.option-revision", spec=arg)
    return Revision(arg, rev, path.replace("\\", "/"))  # git's paths have forward slashes, on Windows too


# Git runs programs a repository's own .git/config names, and a reviewer runs `diff` in
# repositories other people wrote. The commands here are chosen to reach none: `cat-file` (no
# textconv, no filters, no external diff), `log --format=%an` (no diff); what they could still
# reach is turned off: signature checks (gpg.program), fsmonitor, the pager.
_NO_PROGRAMS = ["--no-pager", "-c", "log.showSignature=false", "-c", "core.fsmonitor=false"]


def _git(args: list[str], cwd: Path | None = None) -> subprocess.CompletedProcess:
    program = shutil.which("git")
    if program is None:
        raise ReportgenError("diff.no-git")
    env = {**os.environ, "GIT_TERMINAL_PROMPT": "0", "LC_ALL": "C"}
    try:
        return subprocess.run([program, *_NO_PROGRAMS, *args], capture_output=True, cwd=cwd, env=env, timeout=60)
    except (OSError, subprocess.SubprocessError) as e:
        raise ReportgenError("diff.git-failed", spec=" ".join(args), reason=str(e)) from None


def show(r: Revision) -> bytes:
    """The file's bytes at the revision."""
    done = _git(["cat-file", "blob", f"{r.rev}:{r.path}"])  # the bytes: no textconv, no filters
    if done.returncode == 0:
        return done.stdout
    if _git(["rev-parse", "--git-dir"]).returncode != 0:
        raise ReportgenError("diff.not-repo", spec=r.spec)
    if _git(["rev-parse", "--verify", "--quiet", f"{r.rev}^{{commit}}"]).returncode != 0:
        raise ReportgenError("diff.no-revision", rev=r.rev, spec=r.spec)
    # cat-file says only "does not exist"; show says why (`Did you mean …`), and finding no file it
    # has nothing to run a textconv on
    said = _git(["show", "--no-textconv", "--no-ext-diff", f"{r.rev}:{r.path}"]).stderr
    raise ReportgenError("diff.no-path", rev=r.rev, path=r.path, hint=_why_no_path(said))


# What git says when `git show REV:path` finds no file, put in our words: its English (and its
# `hint:` lines) would otherwise stand in the middle of a Chinese sentence.
_DID_YOU_MEAN = re.compile(r"Did you mean '([^']+)'")
_NOT_COMMITTED = "exists on disk, but not in"


def _why_no_path(stderr: bytes) -> str:
    said = stderr.decode("utf-8", "replace")
    m = _DID_YOU_MEAN.search(said)
    if m:  # `HEAD:x.yaml` from a subfolder: git knows the path from the top
        return msg("diff.no-path-did-you-mean", spec=m.group(1))
    return msg("diff.no-path-not-committed") if _NOT_COMMITTED in said else ""


def worktree_path(r: Revision) -> Path:
    """Where the revision's file is in the working tree: its folder is where a `template:` key points."""
    if r.path.startswith(("./", "../")):
        return Path.cwd() / r.path
    done = _git(["rev-parse", "--show-toplevel"])
    top = done.stdout.decode("utf-8", "replace").strip() if done.returncode == 0 else ""
    return Path(top) / r.path if top else Path.cwd() / r.path


def author(r: Revision | None, path: Path) -> str | None:
    """The author of the revision's last commit of the file, or of the last commit of a working file."""
    if shutil.which("git") is None:
        return None
    if r is not None:
        args, cwd = ["log", "-1", "--no-show-signature", "--format=%an", r.rev, "--", r.path], None
        if not r.path.startswith(("./", "../")):
            args[-1] = ":/" + r.path  # from the top of the repository, as in REV:path
    else:
        args, cwd = ["log", "-1", "--no-show-signature", "--format=%an", "--", path.name], path.parent
    try:
        done = _git(args, cwd)
    except ReportgenError:
        return None
    name = done.stdout.decode("utf-8", "replace") if done.returncode == 0 else ""
    return text.BAD_CHARS.sub("", name).strip() or None  # it goes into XML, which cannot carry \x01
