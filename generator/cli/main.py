"""The `reportgen` command: parses arguments, calls the library, prints diagnostics, sets exit codes.

Library modules never print; this module and console.py are the only ones that write to the terminal.
"""

from __future__ import annotations

import contextlib
import os
import sys
import time
from pathlib import Path

import click

from generator.cli import clickui, console
from generator.diagnostics import exit_status
from generator.errors import ReportgenError
from generator.messages import msg
from generator.output import output_folder

FILES = clickui.Path(path_type=Path, dir_okay=False)

clickui.install()
lang_option, option, argument = clickui.lang_option, clickui.option, clickui.argument


class Reportgen(clickui.Group):
    """Turns every ReportgenError into its message and exit status; never a traceback."""

    def invoke(self, ctx: click.Context):
        try:
            return super().invoke(ctx)
        except ReportgenError as e:
            console.error(str(e))
            sys.exit(e.exit_code)
        except KeyboardInterrupt:
            console.error(msg("err.interrupted"))
            sys.exit(130)
        except (click.exceptions.Exit, click.ClickException, click.Abort, SystemExit):
            raise
        except Exception as e:  # a bug: say so in one line, without the traceback
            if os.environ.get("REPORTGEN_DEBUG"):
                raise
            console.error(msg("cli.bug", error=f"{type(e).__name__}: {e}"))
            sys.exit(2)


@click.group(cls=Reportgen, help="help.cli", context_settings={"help_option_names": ["-h", "--help"]})
@lang_option
@clickui.version_option
def cli() -> None:
    """The `reportgen` group: each subcommand below is one command of cli.md."""


def _output_formats(ctx: click.Context, param: click.Parameter, value: str) -> list[str]:
    """`docx`, or several output formats at once: `docx,pdf` (rendered once, written in each)."""
    from generator.render import OUTPUT_FORMATS

    chosen = list(dict.fromkeys(f.strip().lower() for f in value.split(",") if f.strip()))
    unknown = [f for f in chosen if f not in OUTPUT_FORMATS]
    if unknown or not chosen:
        raise click.BadParameter(msg("cli.bad-format", value=value, formats=", ".join(OUTPUT_FORMATS)), ctx, param)
    return chosen


@cli.command(help="help.render")
@argument("files", nargs=-1, required=True, type=FILES, metavar="mv.files")
@option("-t", "--template", metavar="mv.template", help="help.template")
@option("-o", "--output", type=clickui.Path(), metavar="mv.output", help="help.render.output")
@option("--format", "output_formats", default="docx", show_default=True, callback=_output_formats, metavar="mv.formats", help="help.render.format")
@option("--pdf-a", is_flag=True, help="help.render.pdf-a")
@option("--strict", is_flag=True, help="help.render.strict")
@option("-j", "--jobs", type=click.IntRange(min=1), default=None, metavar="mv.n", help="help.render.jobs")
@option("--force", is_flag=True, help="help.render.force")
@lang_option
def render(files, template, output, output_formats, pdf_a, strict, jobs, force) -> None:
    """Validate and render each data file."""
    _check_template_option(template)
    if pdf_a and "pdf" not in output_formats:
        raise click.UsageError(msg("cli.pdf-a-without-pdf"))
    if "pdf" in output_formats:
        from generator.render import pdf

        pdf.find_tools()  # a missing soffice is exit 2 before any work
    with output_folder(output, len(files) > 1):
        status = _render(files, _output(output), template, output_formats, strict, pdf_a, jobs, force)
    sys.exit(status)


def _render(files, out, template, output_formats, strict, pdf_a, jobs, force) -> int:
    """Plan, render and report every file; the exit status."""
    from generator import batch

    planned = batch.plan(list(files), out, template, output_formats, strict, pdf_a, force)
    started, failed, status, warned = time.monotonic(), 0, 0, 0
    many = len(planned) > 1  # a batch prints its problems and one summary line, not a line a file
    results = contextlib.closing(batch.run(planned, jobs or batch.default_workers(planned)))
    with console.progress(len(planned)) as advance, results as done:
        for result in done:
            console.diagnostics(result.diagnostics)
            status = max(status, exit_status(result.diagnostics, strict), result.exit_code)
            failed += not result.ok
            warnings = sum(not d.is_error for d in result.diagnostics) if result.ok else 0
            warned += warnings
            if not many:
                for n, path in enumerate(result.outputs, 1):
                    console.info(msg("cli.rendered", path=path) + _warnings_note(warnings if n == len(result.outputs) else 0))
            advance()
    if many:
        elapsed = time.monotonic() - started
        console.info(msg("cli.summary", ok=len(planned) - failed, failed=failed, seconds=elapsed) + _warnings_note(warned))
    return status


def _warnings_note(count: int) -> str:
    """`（2 条提醒，见 reportgen lint）` after what was written, when the files written have warnings."""
    return msg("cli.warnings-note", count=count) if count else ""


def _check_template_option(template: str | None) -> None:
    """-t before any work: an unknown name or a missing file is exit 2, a document without tags exit 1."""
    if not template:
        return
    from generator.templating import check, templates

    chosen = templates.resolve(template)
    if templates.looks_like_path(template):
        check.require_tags(chosen.docx)


def _output(given: str | None) -> Path | None:
    """-o as a Path (made a folder by output.output_folder when it names one)."""
    return None if given is None else Path(given)


@cli.command(help="help.validate")
@argument("files", nargs=-1, required=True, type=FILES, metavar="mv.files")
@lang_option
def validate(files) -> None:
    """Check data files against the schema."""
    from generator.pipeline import load

    status = 0
    for f in files:
        loaded = load(f)
        console.diagnostics(loaded.diagnostics)
        status = max(status, exit_status(loaded.diagnostics))
        if loaded.ok:
            console.info(msg("cli.valid", file=f))
    sys.exit(status)


@cli.command(help="help.lint")
@argument("files", nargs=-1, type=FILES, metavar="mv.files-optional")
@option("--strict", is_flag=True, help="help.lint.strict")
@option("--list-rules", is_flag=True, help="help.lint.list-rules")
@lang_option
def lint(files, strict, list_rules) -> None:
    """Validate, then check the content (placeholders, numbering, punctuation…)."""
    from generator.lint import RULES
    from generator.lint import lint as run_rules
    from generator.pipeline import load

    if list_rules:
        width = max(map(len, RULES))
        for code, rule in RULES.items():
            console.out(f"{code:{width}}  {msg('rule.' + rule.ID)}")
        sys.exit(0)
    if not files:
        raise click.UsageError(msg("cli.lint-no-files"))
    status, clean = 0, True
    for f in files:
        loaded = load(f)
        found = loaded.diagnostics
        if loaded.ok:
            found = sorted(found + run_rules(loaded.source, loaded.report))
        console.diagnostics(found)
        status, clean = max(status, exit_status(found, strict)), clean and not found
    if clean:  # silence would leave a newcomer wondering whether it ran
        many = len(files) > 1
        console.info(msg("cli.lint-clean-many", count=len(files)) if many else msg("cli.lint-clean", file=files[0]))
    sys.exit(status)


@cli.command(name="templates", help="help.templates")
@lang_option
def list_templates() -> None:
    """List the built-in templates."""
    from generator.templating import templates

    for name, description in templates.builtins():
        console.out(f"{name:10} {description}")


@cli.command(name="check-template", help="help.check-template")
@argument("file", type=FILES, metavar="mv.template-file")
@lang_option
def check_template(file: Path) -> None:
    """Check a custom .docx template."""
    from generator.templating import check

    checked = check.check(file)
    for finding in checked.findings:
        console.info(finding.render(str(file)))
    if not checked.ok:
        sys.exit(1)
    console.info(msg("checktpl.ok", path=file, tags=checked.tags))


@cli.command(help="help.schema")
@option("--json-schema", is_flag=True, help="help.schema.json-schema")
@lang_option
def schema(json_schema: bool) -> None:
    """Print the data schema."""
    from generator.data import schema as schema_mod

    if json_schema:
        from generator.data import jsonschema

        console.out(jsonschema.text().rstrip("\n"))  # echo adds the file's final newline back
    else:
        console.out(schema_mod.text().rstrip("\n"))


@cli.command(help="help.new")
@argument("out", type=clickui.Path(path_type=Path), metavar="mv.out-yaml")
@option("--org", metavar="mv.name", help="help.new.org")
@option("--period", metavar="mv.period", help="help.new.period")
@option("--from", "previous", type=FILES, metavar="mv.file", help="help.new.from")
@option("--force", is_flag=True, help="help.new.force")
@lang_option
def new(out: Path, org: str | None, period: str | None, previous: Path | None, force: bool) -> None:
    """Write a skeleton, or start from the last period."""
    from generator import new as new_report

    created = new_report.new(out, org=org, period=period, previous=previous, force=force)
    console.diagnostics(created.diagnostics)
    if created.path is None:
        console.error(msg("new.prev-invalid", path=previous))
        sys.exit(1)
    if created.carried:
        console.info(msg("new.written-from", path=created.path))
        if created.open_figures:
            console.info(msg("new.fill-figures", count=created.open_figures))
    else:
        console.info(msg("new.written", path=created.path))


@cli.command(help="help.preview")
@argument("file", type=FILES, metavar="mv.file")
@option("-t", "--template", metavar="mv.template", help="help.template")
@option("--port", type=click.IntRange(0, 65535), default=0, metavar="mv.port", help="help.preview.port")
@option("--no-browser", is_flag=True, help="help.preview.no-browser")
@lang_option
def preview(file: Path, template: str | None, port: int, no_browser: bool) -> None:
    """See the pages in a browser, redrawn on every save."""
    import webbrowser

    from generator.preview import server
    from generator.preview.session import Session, clock

    session = Session(file, template)
    httpd = server.bind(session, port)

    def changed(loaded) -> None:
        console.diagnostics(loaded.problems)
        key = "preview.updated-with-errors" if loaded.problems else "preview.updated"
        console.info(msg(key, time=clock()))

    def ready() -> None:
        console.diagnostics(session.current.problems)
        console.out(msg("preview.url", url=httpd.url))
        if not no_browser:
            webbrowser.open(httpd.url)

    session.on_change = changed
    try:
        server.run(httpd, ready)
    except KeyboardInterrupt:
        pass
    console.info(msg("preview.stopped"))


@cli.command(help="help.diff")
@argument("old", metavar="mv.old")
@argument("new", metavar="mv.new")
@option("-t", "--template", metavar="mv.template", help="help.template")
@option("-o", "--output", type=clickui.Path(), metavar="mv.output", help="help.diff.output")
@option("--author", metavar="mv.name", help="help.diff.author")
@option("--date", metavar="mv.date", help="help.diff.date")
@option("--format", "fmt", type=click.Choice(["docx", "md"]), default="docx", show_default=True, help="help.diff.format")
@lang_option
def diff(old, new, template, output, author, date, fmt) -> None:
    """Two versions → a Word file with tracked changes; OLD and NEW are files or git REV:path."""
    from generator.diff import command as diffing
    from generator.diff import summary

    _check_template_option(template)
    if author is not None and (not author.strip() or any(ord(c) < 32 for c in author)):
        raise click.UsageError(msg("diff.bad-author"))
    with output_folder(output, False):
        result = diffing.run(old, new, _output(output), template, author, date, fmt)
    console.diagnostics(result.diagnostics)
    if result.tracked is None:
        console.error(msg("diff.invalid"))
        sys.exit(result.exit_code)
    if fmt == "md" and result.output is None:
        show = summary.terminal if sys.stdout.isatty() else summary.markdown
        console.out(show(result.tracked, old, new).rstrip("\n"))
    elif result.output is not None:
        console.info(msg("diff.written", path=result.output, counts=summary.headline(result.tracked)))


@cli.command(help="help.update")
@argument("file", type=FILES, metavar="mv.file")
@option("--from", "reviewed", required=True, type=FILES, metavar="mv.docx", help="help.update.from")
@option("-t", "--template", metavar="mv.template", help="help.template")
@option("--base", metavar="mv.rev", help="help.update.base")
@option("-o", "--output", type=clickui.Path(path_type=Path, dir_okay=False), metavar="mv.out-yaml", help="help.update.output")
@option("--dry-run", is_flag=True, help="help.update.dry-run")
@option("--comments", type=click.Choice(["print", "yaml"]), default="print", show_default=True, help="help.update.comments")
@lang_option
def update(file, reviewed, template, base, output, dry_run, comments) -> None:
    """Take a reviewer's edits and comments in a rendered .docx back into the data file."""
    from generator.review import command

    if template:
        from generator.templating import templates

        templates.resolve(template)  # an unknown name is exit 2 before any work
    result = command.update(file, reviewed, template, base, output, dry_run, comments)
    console.diagnostics(result.diagnostics)
    if dry_run and result.diff:
        console.out(result.diff.rstrip("\n"))
    c = result.counts
    if result.exit_code == 0 or c.conflicts:
        console.info(msg("review.summary", edits=c.edits, fields=c.fields, comments=c.comments, conflicts=c.conflicts, warnings=c.warnings))
    if c.conflicts:
        console.error(msg("review.conflicts"))
    elif result.output is not None:
        console.info(msg("review.written", path=result.output))
    sys.exit(result.exit_code)


@cli.command(name="import", help="help.import")
@argument("files", nargs=-1, required=True, type=FILES, metavar="mv.reports")
@option("-o", "--output", type=clickui.Path(), metavar="mv.output", help="help.import.output")
@option("--org", metavar="mv.name", help="help.import.org")
@option("--period", metavar="mv.period", help="help.import.period")
@option("--strict", is_flag=True, help="help.import.strict")
@option("--force", is_flag=True, help="help.import.force")
@lang_option
def import_reports(files, output, org, period, strict, force) -> None:
    """Read existing reports (.docx, .txt, .md; .doc and others through LibreOffice) into data files."""
    with output_folder(output, len(files) > 1):
        status = _import_all(files, _output(output), org, period, strict, force)
    sys.exit(status)


def _import_all(files, out, org, period, strict, force) -> int:
    """Import every file and report each; the exit status."""
    from generator import importer

    status = failed = 0
    for f, done in zip(files, importer.import_files(list(files), out, org, period, force, strict)):
        if isinstance(done, ReportgenError):
            console.error(str(done))
            status, failed = max(status, done.exit_code), failed + 1
            continue
        console.diagnostics(done.diagnostics)
        counts = dict(template=done.template, items=done.items, points=done.points, figures=done.figures)
        if done.output is None:
            console.error(msg("import.strict-failed", source=f, warnings=len(done.diagnostics)))
            failed += 1
        else:
            console.info(msg("import.done", source=f, path=done.output, warnings=len(done.diagnostics), **counts))
            if f.suffix.lower() == ".docx" and done.output.with_suffix(".docx") == f.with_suffix(".docx"):
                console.info(msg("import.render-would-overwrite", path=f))
        status = max(status, done.exit_code)
    if len(files) > 1:
        console.info(msg("import.summary", ok=len(files) - failed, failed=failed))
    return status


def _rollup_formats(ctx: click.Context, param: click.Parameter, value: str) -> tuple[str, ...]:
    from generator.rollup.command import FORMATS as ROLLUP_FORMATS

    chosen = tuple(dict.fromkeys(f.strip().lower() for f in value.split(",") if f.strip()))
    if not chosen or any(f not in ROLLUP_FORMATS for f in chosen):
        raise click.BadParameter(msg("cli.bad-rollup-format", value=value, formats=", ".join(ROLLUP_FORMATS)), ctx, param)
    return chosen


@cli.command(help="help.rollup")
@argument("files", nargs=-1, type=clickui.Path(path_type=Path), metavar="mv.branches")
@option("--roster", type=FILES, metavar="mv.roster", help="help.rollup.roster")
@option("-o", "--output", type=clickui.Path(path_type=Path, file_okay=False), metavar="mv.folder", help="help.rollup.output")
@option("--format", "formats", default="xlsx,docx", show_default=True, callback=_rollup_formats, metavar="mv.formats", help="help.rollup.format")
@option("--title", metavar="mv.text", help="help.rollup.title")
@option("-t", "--template", metavar="mv.template", help="help.rollup.template")
@option("--strict", is_flag=True, help="help.rollup.strict")
@option("--force", is_flag=True, help="help.rollup.force")
@lang_option
def rollup(files, roster, output, formats, title, template, strict, force) -> None:
    """Roll up the branches' reports."""
    from generator.rollup import command

    if not files and roster is None:
        raise click.UsageError(msg("rollup.nothing-given"))
    with output_folder(None if output is None else f"{output}/", many=True):  # -o is always a folder here
        outcome = command.run(list(files), roster, output, formats, title, template, strict, force)
    console.diagnostics(outcome.findings)
    if outcome.rollup is None:
        console.error(msg("rollup.nothing"))
    for path in outcome.outputs:
        console.info(msg("rollup.written", path=path))
    if outcome.rollup is not None:
        rolled, errors = outcome.rollup, sum(d.is_error for d in outcome.findings)
        counts = {"taken": len(rolled.branches), "left": len(rolled.left_out)}
        console.info(msg("rollup.counts", **counts, errors=errors, warnings=len(outcome.findings) - errors))
    sys.exit(outcome.exit_code)


def main(argv: list[str] | None = None) -> None:
    cli.main(args=argv, prog_name="reportgen")


if __name__ == "__main__":  # pragma: no cover
    main()
