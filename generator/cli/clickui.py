"""Click in the user's language: its own texts translated, our help texts looked up when shown.

Click marks every text it prints with gettext (`_()`, `ngettext()`): usage errors, `Usage:`, the
`Options` heading, `[default: …]`. That is how Click expects to be translated, but a gettext
catalogue is chosen once, from the process's locale, while reportgen's language is `--lang` (or
REPORTGEN_LANG) per run. So `install()` points those names in Click's modules at a lookup in
messages.CLICK made when the text is printed.

Our own help texts and metavars are message keys (`help="help.render.template"`), looked up by the
classes below when help is shown, for the same reason: the language is known only at run time.
"""

from __future__ import annotations

import contextlib
import difflib
import gettext
import inspect
import os
import sys
import unicodedata
from collections.abc import Iterator
from functools import partial

import click

from generator.messages import CLICK, MESSAGES, current_lang, msg


def translate(text: str) -> str:
    return CLICK.get(text, text) if current_lang() == "zh" else text


def translate_plural(singular: str, plural: str, n: int) -> str:
    return translate(singular if n == 1 else plural)


def install() -> None:
    """Click's gettext calls answer in the language of the run (see the module docstring), and its
    help columns line up Chinese text, which takes two columns a character on a terminal."""
    for name, module in list(sys.modules.items()):
        if name == "click" or name.startswith("click."):
            if getattr(module, "_", None) is gettext.gettext:
                module._ = translate  # type: ignore[attr-defined]
            if getattr(module, "ngettext", None) is gettext.ngettext:
                module.ngettext = translate_plural  # type: ignore[attr-defined]
    click.formatting.term_len = display_width  # type: ignore[attr-defined]


def display_width(text: str) -> int:
    return sum(2 if unicodedata.east_asian_width(c) in "WF" else 1 for c in click.unstyle(text))


def lang_from(args: list[str]) -> None:
    """`--lang` takes effect before Click parses anything, so that errors in parsing speak it too."""
    for i, arg in enumerate(args):
        if arg == "--":
            return
        value = arg.partition("=")[2] if arg.startswith("--lang=") else None
        if arg == "--lang" and i + 1 < len(args):
            value = args[i + 1]
        if value in ("zh", "en"):
            os.environ["REPORTGEN_LANG"] = value  # worker processes inherit it


@contextlib.contextmanager
def _shown(obj: object, *names: str) -> Iterator[None]:
    """While help is drawn, the attributes that hold message keys hold their text instead."""
    keys = {n: getattr(obj, n, None) for n in names}
    for n, key in keys.items():
        if isinstance(key, str) and key in MESSAGES:
            setattr(obj, n, msg(key))
    try:
        yield
    finally:
        for n, key in keys.items():
            setattr(obj, n, key)


_METAVAR_TAKES_CTX = "ctx" in inspect.signature(click.Parameter.make_metavar).parameters  # Click ≥ 8.2


class _LocalisedParameter:
    def get_help_record(self, ctx: click.Context):
        with _shown(self, "help", "metavar"):
            return super().get_help_record(ctx)  # type: ignore[misc]

    def make_metavar(self, *args, **kwargs):  # (ctx) since Click 8.2
        with _shown(self, "metavar"):
            return super().make_metavar(*args, **kwargs)  # type: ignore[misc]

    def get_error_hint(self, ctx: click.Context) -> str:
        if current_lang() != "zh":
            return super().get_error_hint(ctx)  # type: ignore[misc]
        metavar = self.make_metavar(ctx) if _METAVAR_TAKES_CTX else self.make_metavar()  # type: ignore[attr-defined]
        names = self.opts if isinstance(self, click.Option) else [metavar]  # type: ignore[attr-defined]
        return " / ".join(f"“{n}”" for n in names)

    def process_value(self, ctx: click.Context, value):
        try:
            return super().process_value(ctx, value)  # type: ignore[misc]
        except click.MissingParameter as e:
            if current_lang() != "zh":
                raise
            # Click writes the sentence itself, with an English full stop: `Missing argument 'X'.`
            raise click.UsageError(msg("cli.missing-parameter", name=self.get_error_hint(ctx)), ctx) from e


class Option(_LocalisedParameter, click.Option):
    pass


class Argument(_LocalisedParameter, click.Argument):
    pass


option = partial(click.option, cls=Option)
argument = partial(click.argument, cls=Argument)


class _Formatter(click.HelpFormatter):
    def write_heading(self, heading: str) -> None:
        colon = "：" if current_lang() == "zh" else ":"
        self.write(f"{'':>{self.current_indent}}{heading}{colon}\n")

    def write_usage(self, prog: str, args: str = "", prefix: str | None = None) -> None:
        if prefix is None:  # Click adds a space after the colon, which a full-width one has in it
            prefix = translate("Usage:")
            prefix += "" if prefix.endswith("：") else " "
        super().write_usage(prog, args, prefix)


class _Context(click.Context):
    formatter_class = _Formatter


class Path(click.Path):
    """click.Path, naming the file or folder in the language of the run (Click names it once, at import)."""

    def convert(self, value, param, ctx):
        kind = "file" if not self.dir_okay else "directory" if not self.file_okay else "path"
        self.name = translate(kind)
        return super().convert(value, param, ctx)


class _LocalisedCommand:
    options_metavar = "help.options-metavar"
    context_class = _Context

    def __init__(self, *args, **kwargs) -> None:
        kwargs.setdefault("options_metavar", _LocalisedCommand.options_metavar)
        super().__init__(*args, **kwargs)  # type: ignore[call-arg]

    def format_help_text(self, ctx: click.Context, formatter: click.HelpFormatter) -> None:
        with _shown(self, "help"):
            super().format_help_text(ctx, formatter)  # type: ignore[misc]

    def get_short_help_str(self, limit: int = 45) -> str:
        with _shown(self, "help", "short_help"):
            return super().get_short_help_str(limit)  # type: ignore[misc]

    def collect_usage_pieces(self, ctx: click.Context) -> list[str]:
        with _shown(self, "options_metavar"):
            return super().collect_usage_pieces(ctx)  # type: ignore[misc]

    def get_help_option(self, ctx: click.Context):
        found = super().get_help_option(ctx)  # type: ignore[misc]
        if found is not None:  # Click makes it once, in the language of that moment
            found.help = translate("Show this message and exit.")
        return found


class Command(_LocalisedCommand, click.Command):
    pass


class Group(_LocalisedCommand, click.Group):
    """Commands in the user's language, with a did-you-mean for a mistyped command name."""

    command_class = Command

    def __init__(self, *args, **kwargs) -> None:
        kwargs.setdefault("subcommand_metavar", "help.subcommand-metavar")
        super().__init__(*args, **kwargs)

    def collect_usage_pieces(self, ctx: click.Context) -> list[str]:
        with _shown(self, "subcommand_metavar"):
            return super().collect_usage_pieces(ctx)

    def main(self, args=None, **kwargs):
        args = list(sys.argv[1:] if args is None else args)
        lang_from(args)
        return super().main(args, **kwargs)

    def resolve_command(self, ctx: click.Context, args: list[str]):
        name = args[0]
        if not name.startswith("-") and self.get_command(ctx, name) is None and not ctx.resilient_parsing:
            close = difflib.get_close_matches(name, self.list_commands(ctx), n=1, cutoff=0.5)
            hint = msg("cli.did-you-mean-command", name=close[0]) if close else ""
            raise click.UsageError(msg("cli.no-such-command", name=name, hint=hint), ctx)
        return super().resolve_command(ctx, args)


def _show_version(ctx: click.Context, param: click.Parameter, value: bool) -> None:
    if not value or ctx.resilient_parsing:
        return
    from importlib.metadata import version

    click.echo(msg("cli.version", prog=ctx.find_root().info_name, version=version("reportgen")))
    ctx.exit()


version_option = option(
    "--version", is_flag=True, expose_value=False, is_eager=True, callback=_show_version, help="help.version"
)


def _set_lang(ctx: click.Context, param: click.Parameter, value: str | None) -> None:
    if value:
        os.environ["REPORTGEN_LANG"] = value


lang_option = option(
    "--lang", type=click.Choice(["zh", "en"]), callback=_set_lang, expose_value=False, is_eager=True,
    help="help.lang",
)  # fmt: skip
