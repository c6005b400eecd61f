"""The data schema: loads schemas/report.yaml once and answers what a field should hold."""

from __future__ import annotations

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
