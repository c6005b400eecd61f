"""Validation: Cerberus for what the schema says as data, named checks for the rest.

Every problem becomes a Diagnostic placed at its value (or key, or the mapping that lacks it),
worded by messages.py: Cerberus' own texts and Python reprs never reach the user.
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Iterator
from decimal import Decimal
from typing import Any

from generator.data import figures as derived_figures
from generator.data import schema, text
from generator.data.source import Source, strings
from generator.diagnostics import Diagnostic, format_path
from generator.messages import msg

PARTS = ("summary", "problems", "causes", "plans")
_KEY = re.compile("[a-z][a-z0-9_]*")
MAX_ITEM_DEPTH = 3

# Chinese words people type for keys, to point them at the real ones.
_CHINESE_KEYS = {
    "标题": "title", "正文": "text", "内容": "text", "要点": "points", "条目": "items",
    "结尾": "closing", "单位": "organization", "期间": "period", "总结": "summary",
    "问题": "problems", "原因": "causes", "计划": "plans", "落款": "signature", "数据": "figures",
}  # fmt: skip


def validate(source: Source) -> list[Diagnostic]:
    """Every problem of the file, sorted by position."""
    cerberus: list[Diagnostic | None] = []
    if not schema.conforms(source.data, schema.rule_for_root()):
        v = schema.validator()
        # the schema has no normalization rules (default, coerce, rename…): skipping that pass halves the time
        v.validate(source.data, normalize=False)
        cerberus = [_from_cerberus(source, e) for e in _leaves(v._errors)]
    # a value the reader already refused (an impossible date) gets the reader's message only
    refused = {d.path for d in source.problems}
    found = source.problems + [d for d in cerberus if d and d.path not in refused]
    found += list(checks(source))
    return sorted(set(found))


def _leaves(errors: Any) -> Iterator[Any]:
    for e in errors:
        if e.is_group_error:
            yield from _leaves(e.child_errors)
        else:
            yield e


def _diag(source: Source, path: tuple, key: str, at_key: bool = False, **kw: object) -> Diagnostic:
    line, column = source.position(path, key=at_key)
    return Diagnostic(source.file, line, column, path=format_path(path), message=msg(key, **kw))


def _from_cerberus(source: Source, e: Any) -> Diagnostic | None:
    path, rule, value = tuple(e.document_path), e.rule, e.value
    if e.code == 0x03:  # unknown field
        return _diag(source, path, "schema.unknown", at_key=True, field=path[-1], hint=_did_you_mean(path))
    if rule == "required":
        parent = path[:-1]
        line, column = source.position(parent)
        return Diagnostic(
            source.file, line, column, path=format_path(parent) if parent else "",
            message=msg("schema.required", field=format_path(path)),
        )  # fmt: skip
    if rule == "nullable" or value is None:
        return _diag(source, path, "schema.null-optional" if _optional(path) else "schema.null")
    if rule == "type":
        return _diag(source, path, "schema.type", expected=msg(f"type.{e.constraint}"), got=_got(value))
    if rule == "allowed" and path == ("format_version",):
        return _diag(source, path, "schema.format-version", value=value)
    if rule == "allowed":
        return _diag(source, path, "schema.allowed", value=value, allowed="、".join(map(str, e.constraint)))
    if rule == "regex" and "keysrules" in e.schema_path:
        return _diag(source, path, "schema.key-format", at_key=True, value=value)
    if rule == "empty":
        return _diag(source, path, "schema.empty")
    if rule in ("minlength", "maxlength"):
        return _diag(source, path, f"schema.{rule}", limit=e.constraint, length=len(value))
    if rule in ("min", "max"):
        return _diag(source, path, f"schema.{rule}", limit=e.constraint)
    return _diag(source, path, "schema.other", rule=rule)


def _got(value: Any) -> str:
    if isinstance(value, str):
        shown = value if len(value) <= 20 else value[:20] + "…"
        got = msg("got.string", value=shown)
        if "：" in value.split("\n", 1)[0][:30]:
            got += msg("hint.fullwidth-colon", value=shown)
        elif re.match("\\w+:\u3000", value):  # `text:　…` is one text to YAML, not a key and a value
            got += msg("hint.fullwidth-space", value=shown)
        return got
    kind = {dict: "dict", list: "list", int: "integer"}.get(type(value), "other")
    return msg(f"got.{kind}", value=value)


def _rule_at(path: tuple) -> dict | None:
    rule: dict | None = schema.rule_for_root()
    for part in path:
        rule = schema.item_rule(rule) if isinstance(part, int) else schema.child_rule(rule, part)
    return rule


def _known_keys(parent: tuple) -> list[str]:
    fields = schema.fields_of(_rule_at(parent))
    return list(fields) if fields else []


def _optional(path: tuple) -> bool:
    """Whether the key at `path` may be left out, so that deleting its line is a way out too."""
    fields = schema.fields_of(_rule_at(path[:-1])) if path and isinstance(path[-1], str) else None
    return fields is not None and path[-1] in fields and not fields[path[-1]].get("required", False)


def _did_you_mean(path: tuple) -> str:
    known = _known_keys(path[:-1])
    key = str(path[-1])
    guess = _CHINESE_KEYS.get(key)
    if guess not in known:
        close = difflib.get_close_matches(key.lower(), known, n=1, cutoff=0.6)
        guess = close[0] if close else None
    if guess:
        return msg("schema.did-you-mean", name=guess)
    return msg("schema.known-keys", names=", ".join(known))


# ---------------------------------------------------------------- named checks


def checks(source: Source) -> Iterator[Diagnostic]:
    data = source.data
    yield from _check_period(source, data.get("period"))
    for part in PARTS:
        if isinstance(data.get(part), dict):
            yield from _check_block(source, (part,), data[part], depth=0)
    yield from _check_texts(source, data)
    yield from _check_of(source, data.get("figures"))


def _check_period(source: Source, period: Any) -> Iterator[Diagnostic]:
    if not isinstance(period, dict):
        return
    span, index = period.get("span"), period.get("index")
    if span in ("half", "quarter") and index is None:
        yield _diag(source, ("period",), "check.index-needed")
    elif span == "half" and isinstance(index, int) and index > 2:
        yield _diag(source, ("period", "index"), "check.index-half")
    elif span == "year" and index is not None:
        yield _diag(source, ("period", "index"), "check.index-year")


def _check_block(source: Source, path: tuple, block: dict, depth: int) -> Iterator[Diagnostic]:
    if not any(block.get(k) for k in ("text", "points", "items")):
        yield _diag(source, path, "check.block-empty")
    items = block.get("items")
    if not isinstance(items, list):
        return
    if items and depth == MAX_ITEM_DEPTH:
        yield _diag(source, path + ("items",), "check.too-deep", at_key=True)
        return
    for i, item in enumerate(items):
        if isinstance(item, dict):
            yield from _check_block(source, path + ("items", i), item, depth + 1)


def _refs_allowed(path: tuple) -> bool:
    """${key} works in every text of the report, not in names, figures or the template key."""
    return path[0] in PARTS + ("title", "intro", "closing")


def _check_texts(source: Source, data: dict) -> Iterator[Diagnostic]:
    figures = data.get("figures") if isinstance(data.get("figures"), dict) else {}
    for path, value in strings(data):
        yield from _check_chars(source, path, value)
        if path[-1] == "title" and path != ("title",) and "\n" in value.strip():  # the report's may break
            yield _diag(source, path, "check.multiline-title")
        if path[0] not in schema.root():
            continue  # an unknown key: its own error says all there is to say
        for ref in text.refs(value):
            if ref.is_literal:
                continue
            line, column = source.locate(path, ref.source)
            where = dict(path=format_path(path))
            if not _refs_allowed(path):
                key, kw = "check.ref-not-here", {}
            elif ref.is_malformed:
                key, kw = "check.ref-malformed", {"text": ref.source}
            elif ref.key not in figures:
                close = difflib.get_close_matches(ref.key or "", list(figures), n=1, cutoff=0.6)
                hint = msg("schema.did-you-mean", name=close[0]) if close else ""
                key, kw = "check.ref-unknown", {"name": ref.key, "hint": hint}
            elif ref.derived is None or not (problem := _derived_problem(ref, figures)):
                continue
            else:
                key, kw = problem
            yield Diagnostic(source.file, line, column, message=msg(key, **kw), **where)


# The fields each derived reference computes from: a wrong type there has its own schema error.
_NEEDS = {"change": ("value", "previous"), "rate": ("value", "previous"), "share": ("value",),
          "completion": ("value", "target"), "previous": ("previous",)}  # fmt: skip


def _derived_problem(ref: text.Ref, figures: dict) -> tuple[str, dict] | None:
    """What is wrong with `${key.derived}` for a figure that exists: (message key, fields) or None."""
    name, derived = ref.key, ref.derived or ""
    if derived not in derived_figures.DERIVED:
        close = derived_figures.closest(derived)
        hint = msg("schema.did-you-mean", name=f"${{{name}.{close}}}") if close else ""
        return "check.ref-derived-unknown", {"text": ref.source, "derived": derived, "hint": hint}
    figure = figures[name]
    if not isinstance(figure, dict) or not derived_figures.computable(figure, _NEEDS[derived]):
        return None
    whole = figure.get("of")
    if derived == "share" and whole is not None:
        found = figures.get(whole) if isinstance(whole, str) else None
        if not isinstance(found, dict) or not isinstance(found.get("value"), Decimal):
            return None  # an unknown whole, or one without a number: their own errors say so
    try:
        derived_figures.words(figure, derived, figures)
    except derived_figures.Unavailable as e:
        return e.key, {"text": ref.source, "name": name, **e.kw}
    except (TypeError, ArithmeticError):  # a value of the wrong type: the schema says so
        return None
    return None


def _check_of(source: Source, figures: Any) -> Iterator[Diagnostic]:
    """`of` names another figure of the file."""
    if not isinstance(figures, dict):
        return
    for key, figure in figures.items():
        whole = figure.get("of") if isinstance(figure, dict) else None
        if not isinstance(whole, str) or not _KEY.fullmatch(whole) or whole in figures and whole != key:
            continue  # (a key of the wrong form has the schema's error)
        if whole == key:
            yield _diag(source, ("figures", key, "of"), "check.of-self")
            continue
        close = difflib.get_close_matches(whole, [k for k in figures if k != key], n=1, cutoff=0.6)
        hint = msg("schema.did-you-mean", name=close[0]) if close else ""
        yield _diag(source, ("figures", key, "of"), "check.of-unknown", name=whole, hint=hint)


def _check_chars(source: Source, path: tuple, value: str) -> Iterator[Diagnostic]:
    for m in text.BAD_CHARS.finditer(value):
        line, column = source.locate_char(path, m.group(0))
        yield Diagnostic(
            source.file, line, column, path=format_path(path),
            message=msg("check.bad-char", code=ord(m.group(0))),
        )  # fmt: skip
        return  # one a field is enough
