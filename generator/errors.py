"""Failures the user can fix. str(error) is the whole message; each class knows its exit status."""

from __future__ import annotations

from generator.messages import msg


class ReportgenError(Exception):
    """The command could not run (spec: exit 2)."""

    exit_code = 2

    def __init__(self, key: str, /, **kw: object) -> None:
        super().__init__(msg(key, **kw))
        self.key = key


class TemplateError(ReportgenError):
    """A template is broken or did something it may not (exit 1)."""

    exit_code = 1


class MissingProgram(ReportgenError):
    def __init__(self, program: str, hint: str) -> None:
        super().__init__("err.missing-program", program=program, hint=hint)


class OutputError(ReportgenError):
    """An output cannot be written (exit 2)."""


def reason(e: Exception) -> str:
    """Why a file could not be read, for a message: the system's words for an OS error, ours for a
    file that is not a zip (Python's are English), the exception's own otherwise."""
    import zipfile

    from generator.safezip import TooBig

    if isinstance(e, zipfile.BadZipFile):
        return msg("reason.not-zip")
    if isinstance(e, TooBig):
        return msg("reason.too-big", member=e.member, limit=e.limit)
    if isinstance(e, OSError):
        return e.strerror or str(e)
    return str(e)
