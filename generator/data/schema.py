"""The data schema: loads assets/schemas/report.yaml once and answers what a field should hold."""

from __future__ import annotations

import datetime
import re
from decimal import Decimal
from functools import cache
from typing import Any

import yaml

from generator.resources import folder

SCHEMA_FILE = "report.yaml"


@cache
def document() -> dict[str, Any]:
    """The schema file as data: {'version', 'definitions', 'root'}."""
    path = folder("schemas") / SCHEMA_FILE
    # the C parser when PyYAML has it: the pure one takes longer than rendering a report
    loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
    return yaml.load(path.read_text(encoding="utf-8"), Loader=loader)


def text() -> str:
    return (folder("schemas") / SCHEMA_FILE).read_text(encoding="utf-8")


def root() -> dict[str, Any]:
    return document()["root"]


def definitions() -> dict[str, dict[str, Any]]:
    return document()["definitions"]


def fields_of(rule: dict[str, Any] | None) -> dict[str, Any] | None:
    """The field rules of a dict rule, following a registry name such as `block`."""
    if rule is None:
        return None
    fields = rule.get("schema")
    if isinstance(fields, str):
        return definitions()[fields]
    return fields if rule.get("type") == "dict" else None


def child_rule(rule: dict[str, Any] | None, key: str) -> dict[str, Any] | None:
    """The rule for `key` inside a mapping whose rule is `rule` (None when unknown)."""
    if rule is None:
        return None
    fields = fields_of(rule)
    if fields is not None:
        return fields.get(key)
    return rule.get("valuesrules")


def item_rule(rule: dict[str, Any] | None) -> dict[str, Any] | None:
    """The rule for each item of a list whose rule is `rule`."""
    if rule is None or rule.get("type") != "list":
        return None
    return rule.get("schema")


def rule_for_root() -> dict[str, Any]:
    return {"type": "dict", "schema": root()}


# What each schema type admits, as ReportValidator's types_mapping says (bool is no integer).
_TYPES = {
    "string": lambda v: isinstance(v, str),
    "integer": lambda v: isinstance(v, int) and not isinstance(v, bool),
    "decimal": lambda v: isinstance(v, Decimal),
    "date": lambda v: isinstance(v, datetime.date) and not isinstance(v, datetime.datetime),
    "dict": lambda v: isinstance(v, dict),
    "list": lambda v: isinstance(v, list),
}
# Rules `conforms` checks itself; a rule outside this set makes it hand the value to Cerberus.
_STRUCTURE = {"type", "required", "schema", "keysrules", "valuesrules", "meta"}


def conforms(value: Any, rule: dict[str, Any]) -> bool:
    """True only when Cerberus would accept `value` under `rule`; False when unsure.

    Nearly every file a user renders is valid, and Cerberus takes longer to say so than the
    rest of a render together (and its import alone a fifth of start-up). This walk answers
    the common case; whenever it says False, Cerberus runs and words the errors. A test holds
    it to that promise on thousands of mutated files.
    """
    kind = rule.get("type")
    if value is None or kind not in _TYPES or not _TYPES[kind](value):
        return False
    for name, limit in rule.items():
        if name in _STRUCTURE:
            continue
        if name == "empty":
            ok = limit or len(value) > 0
        elif name == "maxlength":
            ok = len(value) <= limit
        elif name == "min":
            ok = value >= limit
        elif name == "max":
            ok = value <= limit
        elif name == "allowed":
            ok = value in limit
        elif name == "regex":
            ok = "\n" not in value and re.fullmatch(limit, value) is not None
        else:
            return False
        if not ok:
            return False
    if kind == "dict":
        return _dict_conforms(value, rule)
    if kind == "list":
        item = rule.get("schema")
        return item is None or all(conforms(v, item) for v in value)
    return True


def _dict_conforms(value: dict, rule: dict[str, Any]) -> bool:
    fields = fields_of(rule)
    if fields is None:
        keys, values = rule.get("keysrules"), rule.get("valuesrules")
        return all(
            (keys is None or conforms(k, keys)) and (values is None or conforms(v, values))
            for k, v in value.items()
        )
    if not value.keys() <= fields.keys():
        return False
    for key, field_rule in fields.items():
        if key in value:
            if not conforms(value[key], field_rule):
                return False
        elif field_rule.get("required"):
            return False
    return True


@cache
def validator_class() -> type:
    import cerberus

    class ReportValidator(cerberus.Validator):
        # Figure values are Decimals so that 12.50 stays 12.50; Cerberus knows no such type.
        types_mapping = cerberus.Validator.types_mapping.copy()
        types_mapping["decimal"] = cerberus.TypeDefinition("decimal", (Decimal,), ())
        # Cerberus counts True as an integer; the reader never produces booleans, but be sure.
        types_mapping["integer"] = cerberus.TypeDefinition("integer", (int,), (bool,))

    return ReportValidator


@cache
def validator():
    """One a process, reused for every file: building it checks the schema itself, which is not free."""
    import cerberus

    registry = cerberus.schema_registry.__class__()
    for name, fields in definitions().items():
        registry.add(name, fields)
    return validator_class()(root(), schema_registry=registry)
