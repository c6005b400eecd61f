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

from generator import console
from generator.diagnostics import exit_status
from generator.errors import ReportgenError
from generator.messages import msg

FILES = click.Path(path_type=Path, dir_okay=False)


def _set_lang(ctx: click.Context, param: click.Parameter, value: str | None) -> None:
    if value:
        os.environ["REPORTGEN_LANG"] = value  # worker processes inherit it


def lang_option(f):
    return click.option(
        "--lang", type=click.Choice(["zh", "en"]), callback=_set_lang, expose_value=False,
        is_eager=True, help="Message language (default: zh, or REPORTGEN_LANG).",
    )(f)  # fmt: skip


class Group(click.Group):
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


@click.group(cls=Group, context_settings={"help_option_names": ["-h", "--help"]})
@lang_option
@click.version_option(package_name="reportgen")
def cli() -> None:
    """reportgen: 从 YAML 数据生成党建工作总结（.docx / Markdown / PDF）。"""


@cli.command()
@click.argument("files", nargs=-1, required=True, type=FILES)
@click.option("-t", "--template", help="内置模板名或 .docx 模板路径 / built-in name or .docx path")
@click.option("-o", "--output", type=click.Path(), help="输出文件或目录 / output file or folder")
@click.option("--format", "fmt", type=click.Choice(["docx", "md", "pdf"]), default="docx", show_default=True)
@click.option("--strict", is_flag=True, help="警告也算失败 / warnings fail too")
@click.option(
    "-j", "--jobs", type=click.IntRange(min=1), default=None,
    help="并行进程数（默认按 CPU 核数，文件少时单进程）/ worker processes (default: the cores; one for a few files)",
)  # fmt: skip
@lang_option
def render(files, template, output, fmt, strict, jobs) -> None:
    """校验并生成报告 / validate and render each data file."""
    from generator import batch

    if template:
        from generator import templates

        templates.resolve(template)  # an unknown name is exit 2 before any work
    if fmt == "pdf":
        from generator.render import pdf

        pdf.find_tools()  # a missing soffice or pdffonts is exit 2 before any work
    planned = batch.plan(list(files), _output(output), template, fmt, strict)
    started, failed, status = time.monotonic(), 0, 0
    many = len(planned) > 1  # a batch prints its problems and one summary line, not a line a file
    results = contextlib.closing(batch.run(planned, jobs or batch.default_workers(planned)))
    with console.progress(len(planned)) as advance, results as done:
        for result in done:
            console.diagnostics(result.diagnostics)
            status = max(status, exit_status(result.diagnostics, strict), result.exit_code)
            failed += not result.ok
            if result.ok and not many:
                console.info(msg("cli.rendered", path=result.output))
            advance()
    if many:
        elapsed = time.monotonic() - started
        console.info(msg("cli.summary", ok=len(planned) - failed, failed=failed, seconds=elapsed))
    sys.exit(status)


def _output(given: str | None) -> Path | None:
    """-o as a Path; `out/` names a folder, which must exist (Path would drop the slash)."""
    if given is None:
        return None
    path = Path(given)
    if given.endswith(("/", "\\")) and not path.is_dir():
        from generator.errors import OutputError

        raise OutputError("out.no-folder", path=given)
    return path


@cli.command()
@click.argument("files", nargs=-1, required=True, type=FILES)
@lang_option
def validate(files) -> None:
    """只校验数据 / check data files against the schema."""
    from generator.pipeline import load

    status = 0
    for f in files:
        loaded = load(f)
        console.diagnostics(loaded.diagnostics)
        status = max(status, exit_status(loaded.diagnostics))
        if loaded.ok:
            console.info(msg("cli.valid", file=f))
    sys.exit(status)


@cli.command()
@click.argument("files", nargs=-1, type=FILES)
@click.option("--strict", is_flag=True, help="警告也算失败 / warnings fail too")
@click.option("--list-rules", is_flag=True, help="列出检查规则 / list the rules")
@lang_option
def lint(files, strict, list_rules) -> None:
    """校验并检查内容 / validate, then check the content (placeholders, numbering, punctuation…)."""
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
    status = 0
    for f in files:
        loaded = load(f)
        found = loaded.diagnostics
        if loaded.ok:
            found = sorted(found + run_rules(loaded.source, loaded.report))
        console.diagnostics(found)
        status = max(status, exit_status(found, strict))
    sys.exit(status)


@cli.command(name="templates")
@lang_option
def list_templates() -> None:
    """列出内置模板 / list the built-in templates."""
    from generator import templates

    for name, description in templates.builtins():
        console.out(f"{name:10} {description}")


@cli.command(name="check-template")
@click.argument("file", type=FILES)
@lang_option
def check_template(file: Path) -> None:
    """检查自定义 .docx 模板 / check a custom .docx template."""
    from generator import checktemplate

    checked = checktemplate.check(file)
    for finding in checked.findings:
        console.info(finding.render(str(file)))
    if not checked.ok:
        sys.exit(1)
    console.info(msg("checktpl.ok", path=file, tags=checked.tags))


@cli.command()
@click.option("--json-schema", is_flag=True, help="输出 JSON Schema / print a JSON Schema instead")
@lang_option
def schema(json_schema: bool) -> None:
    """输出数据格式 / print the data schema."""
    from generator import schema as schema_mod

    if json_schema:
        from generator import jsonschema

        console.out(jsonschema.text().rstrip("\n"))  # echo adds the file's final newline back
    else:
        console.out(schema_mod.text().rstrip("\n"))


@cli.command()
@click.argument("out", type=click.Path(path_type=Path))
@click.option("--org", help="报告单位 / the organisation")
@click.option("--period", help="报告期：2024、2024H1、2024Q3 / the period: 2024, 2024H1, 2024Q3")
@click.option("--from", "previous", type=FILES, help="上一期的数据文件 / the previous period's data file")
@click.option("--force", is_flag=True, help="覆盖已有文件 / overwrite an existing file")
@lang_option
def new(out: Path, org: str | None, period: str | None, previous: Path | None, force: bool) -> None:
    """写出带注释的数据文件骨架，或从上一期开始下一期 / write a skeleton, or start from the last period."""
    from generator import scaffold

    created = scaffold.new(out, org=org, period=period, previous=previous, force=force)
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


@cli.command(name="import")
@click.argument("files", nargs=-1, required=True, type=FILES)
@click.option("-o", "--output", type=click.Path(), help="输出文件或目录 / output file or folder")
@click.option("--org", help="报告单位（覆盖标题中的）/ the organisation (overrides the title's)")
@click.option("--period", help="报告期：2024、2024H1、2024Q3 / the period: 2024, 2024H1, 2024Q3")
@click.option("--strict", is_flag=True, help="有警告也算失败，不写文件 / warnings fail, nothing written")
@click.option("--force", is_flag=True, help="覆盖已有文件 / overwrite an existing file")
@lang_option
def import_reports(files, output, org, period, strict, force) -> None:
    """把已有的 Word 或文本报告导入为数据文件 / read existing reports into data files."""
    from generator import importer

    out, many = _output(output), len(files) > 1
    if many and out is not None and not out.is_dir():
        from generator.errors import OutputError

        raise OutputError("out.o-file-many")
    status = failed = 0
    for f in files:
        try:
            done = importer.import_file(f, out, org=org, period=period, force=force, strict=strict, many=many)
        except ReportgenError as e:
            if not many:
                raise
            console.error(str(e))
            status, failed = max(status, e.exit_code), failed + 1
            continue
        console.diagnostics(done.diagnostics)
        counts = dict(template=done.template, items=done.items, points=done.points, figures=done.figures)
        if done.output is None:
            console.error(msg("import.strict-failed", source=f, warnings=len(done.diagnostics)))
            failed += 1
        else:
            console.info(msg("import.done", source=f, path=done.output, warnings=len(done.diagnostics), **counts))
            if done.output.with_suffix(f.suffix.lower()) == f.with_suffix(f.suffix.lower()) and f.suffix.lower() == ".docx":
                console.info(msg("import.render-would-overwrite", path=f))
        status = max(status, done.exit_code)
    if many:
        console.info(msg("import.summary", ok=len(files) - failed, failed=failed))
    sys.exit(status)


def main(argv: list[str] | None = None) -> None:
    cli.main(args=argv, prog_name="reportgen")


if __name__ == "__main__":  # pragma: no cover
    main()
