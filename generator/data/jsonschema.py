"""A JSON Schema (draft 2020-12) derived from the Cerberus schema, for completion and checks in editors.

`reportgen schema --json-schema` prints it and the repository ships it as
assets/schemas/report.schema.json (a test keeps the two equal). Every Cerberus rule that JSON Schema can
say is translated; a rule it does not know is a bug here, not something to drop silently. Two
checks of validate.py that JSON Schema can also say (a half or quarter needs its index; a block
needs text, points or items) are added by hand, so the editor flags them too.
"""

from __future__ import annotations

import json
from typing import Any

from generator.data import schema
from generator.messages import msg

DIALECT = "https://json-schema.org/draft/2020-12/schema"

_TYPES = {"string": "string", "integer": "integer", "decimal": "number", "dict": "object", "list": "array"}
# The two spellings the reader accepts (source.py); whether the day exists is checked there.
_MONTH, _DAY = "(0?[1-9]|1[0-2])", "(0?[1-9]|[12][0-9]|3[01])"
DATE_PATTERN = f"^[0-9]{{4}}(-{_MONTH}-{_DAY}|年{_MONTH}月{_DAY}日)$"
# Rules with no JSON Schema counterpart worth saying; everything else must be translated.
_SILENT = {"meta", "required", "nullable"}


def derive() -> dict[str, Any]:
    """The JSON Schema as data."""
    doc = schema.document()
    defs = {name: {**_titled(f"def.{name}"), **_object(fields)} for name, fields in doc["definitions"].items()}
    defs["block"]["anyOf"] = _block_needs_content()
    root = _object(doc["root"])
    root["properties"]["period"] = _period(root["properties"]["period"])
    return {
        "$schema": DIALECT,
        "$comment": msg("jsonschema.comment", lang="en", version=doc["version"]),
        **_titled("root"),
        **root,
        "$defs": defs,
    }


def text() -> str:
    """The schema file's exact content: deterministic, UTF-8 as typed, a final newline."""
    return json.dumps(derive(), ensure_ascii=False, indent=2) + "\n"


def _titled(name: str) -> dict[str, str]:
    return {
        "title": msg(f"jsonschema.{name}", lang="zh"),
        "x-title-en": msg(f"jsonschema.{name}", lang="en"),
    }


def _described(meta: dict[str, str] | None) -> dict[str, str]:
    if not meta:
        return {}
    return {"description": meta["zh"], "x-description-en": meta["en"]}


def _object(fields: dict[str, dict[str, Any]]) -> dict[str, Any]:
    out: dict[str, Any] = {
        "type": "object",
        "properties": {key: _rule(rule) for key, rule in fields.items()},
        "additionalProperties": False,
    }
    required = [key for key, rule in fields.items() if rule.get("required")]
    if required:
        out["required"] = required
    return out


def _rule(rule: dict[str, Any]) -> dict[str, Any]:
    """One Cerberus field rule as a JSON Schema."""
    out = _described(rule.get("meta"))
    kind, sub = rule.get("type"), rule.get("schema")
    if isinstance(sub, str):  # a registry name: the definition says the type
        out["$ref"] = f"#/$defs/{sub}"
    elif kind == "dict" and sub:
        out.update(_object(sub))
    elif kind == "date":
        out.update(type="string", pattern=DATE_PATTERN)
    elif kind:
        out["type"] = _TYPES[kind]
    if kind == "list" and isinstance(sub, dict):
        out["items"] = _rule(sub)
    for name, value in rule.items():
        if name not in _SILENT and name not in ("type", "schema"):
            out.update(_constraint(name, value, kind))
    return out


def _constraint(name: str, value: Any, kind: str | None) -> dict[str, Any]:
    if name == "allowed":
        return {"const": value[0]} if len(value) == 1 else {"enum": list(value)}
    if name == "empty" and not value:
        return {"minLength": 1} if kind == "string" else {"minItems": 1}
    if name == "empty":
        return {}
    if name in ("minlength", "maxlength"):
        return {name.replace("length", "Length"): value}
    if name in ("min", "max"):
        return {"minimum" if name == "min" else "maximum": value}
    if name == "regex":  # Cerberus matches the whole value
        return {"pattern": f"^(?:{value})$"}
    if name == "keysrules":
        return {"propertyNames": _rule(value)}
    if name == "valuesrules":
        return {"additionalProperties": _rule(value)}
    raise ValueError(f"no JSON Schema for the Cerberus rule {name!r}")


def _block_needs_content() -> list[dict[str, Any]]:
    """validate.py: a block has at least one of text, points, items (a non-empty one)."""
    return [
        {"required": ["text"]},
        {"required": ["points"], "properties": {"points": {"minItems": 1}}},
        {"required": ["items"], "properties": {"items": {"minItems": 1}}},
    ]


# The shorthand the reader accepts beside the mapping (periods.parse): 2024, 2024H1, 2024Q3.
PERIOD_PATTERN = "^(20[0-9]{2}|2100)([Hh][12]|[Qq][1-4])?$"


def _period(mapping: dict[str, Any]) -> dict[str, Any]:
    """The mapping form (with its index rules) or the shorthand: the object keywords say nothing
    about a string and `pattern` nothing about an object, so one schema says both, and an editor
    still points at the very field of a mapping that is wrong."""
    return {**mapping, "type": ["object", "string"], "pattern": PERIOD_PATTERN, "allOf": _index_by_span()}


def _index_by_span() -> list[dict[str, Any]]:
    """validate.py: a half has index 1–2, a quarter 1–4, a year none."""

    def when(span: str, then: dict[str, Any]) -> dict[str, Any]:
        return {"if": {"type": "object", "properties": {"span": {"const": span}}, "required": ["span"]}, "then": then}

    return [
        when("year", {"not": {"required": ["index"]}}),
        when("half", {"required": ["index"], "properties": {"index": {"maximum": 2}}}),
        when("quarter", {"required": ["index"]}),
    ]
