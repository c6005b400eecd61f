"""The JSON Schema for editors: derived from the Cerberus schema, shipped, and as strict as it.

Files are read here the way an editor reads them (YAML 1.2 core: `2024-07-05` is text, `no` is
text), since that is what the JSON Schema checks in VS Code.
"""

import re
import subprocess
from pathlib import Path

import jsonschema
import pytest
import yaml
from conftest import ROOT, SAMPLES, command, write

from generator import new, pipeline
from generator.data import jsonschema as derived
from generator.data import schema

SHIPPED = ROOT / "generator" / "assets" / "schemas" / "report.schema.json"


class CoreLoader(yaml.SafeLoader):
    """PyYAML with the scalar rules of YAML 1.2's core schema, as editors use."""

    yaml_implicit_resolvers: dict = {}


for _tag, _pattern, _first in [
    ("null", r"~|null|Null|NULL|", ["~", "n", "N", ""]),
    ("bool", r"true|True|TRUE|false|False|FALSE", list("tTfF")),
    ("int", r"[-+]?[0-9]+|0o[0-7]+|0x[0-9a-fA-F]+", list("-+0123456789")),
    ("float", r"[-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?|[-+]?\.(inf|Inf|INF)|\.(nan|NaN|NAN)",
     list("-+0123456789.")),
]:  # fmt: skip
    CoreLoader.add_implicit_resolver(f"tag:yaml.org,2002:{_tag}", re.compile(f"^(?:{_pattern})$"), _first)


def as_editor(text: str):
    return yaml.load(text, Loader=CoreLoader)


def validator():
    return jsonschema.Draft202012Validator(derived.derive())


def keywords(errors) -> set[str]:
    """Every keyword that failed, nested ones (inside anyOf, if/then) included."""
    found = set()
    for e in errors:
        found.add(e.validator)
        found |= keywords(e.context)
    return found


def test_the_loader_reads_as_yaml_1_2():
    data = as_editor("a: 2024-07-05\nb: no\nc: 12.50\nd: 1:30\ne:\nf: true\n")
    assert data == {"a": "2024-07-05", "b": "no", "c": 12.5, "d": "1:30", "e": None, "f": True}


def test_shipped_file_is_the_derived_one():
    assert SHIPPED.read_text(encoding="utf-8") == derived.text()


def test_cli_prints_the_shipped_file():
    run = subprocess.run(
        command("schema", "--json-schema"), capture_output=True, cwd=ROOT
    )
    assert run.returncode == 0, run.stderr.decode("utf-8")
    assert run.stdout.replace(b"\r\n", b"\n") == SHIPPED.read_bytes()


def test_it_is_a_valid_draft_2020_12_schema():
    doc = derived.derive()
    assert doc["$schema"] == "https://json-schema.org/draft/2020-12/schema"
    jsonschema.Draft202012Validator.check_schema(doc)


def _objects(node):
    """Every object schema in the document."""
    if isinstance(node, dict):
        kind = node.get("type")
        if kind == "object" or isinstance(kind, list) and "object" in kind:  # period: a mapping or a shorthand
            yield node
        for key, value in node.items():
            if key != "if":  # a condition (period: "when it is a mapping…"), not a shape
                yield from _objects(value)
    elif isinstance(node, list):
        for value in node:
            yield from _objects(value)


def test_no_object_takes_unknown_keys():
    figures = derived.derive()["properties"]["figures"]  # its keys are the user's, checked by pattern
    objects = [obj for obj in _objects(derived.derive()) if obj != figures]
    assert len(objects) == 5  # root, period, block, figure, signature
    for obj in objects:
        assert obj["additionalProperties"] is False, list(obj["properties"])
    assert figures["additionalProperties"] == {"$ref": "#/$defs/figure"}
    assert figures["propertyNames"]["pattern"] == "^(?:[a-z][a-z0-9_]*)$"


def _fields(rules, json_object, where=""):
    """Pairs (Cerberus rule, JSON Schema) for every field, following nested dicts and registry names."""
    for key, rule in rules.items():
        yield f"{where}{key}", rule, json_object["properties"][key]
        if rule.get("type") == "dict" and isinstance(rule.get("schema"), dict):
            yield from _fields(rule["schema"], json_object["properties"][key], f"{where}{key}.")


def test_every_field_and_rule_is_carried_over():
    doc = derived.derive()
    pairs = list(_fields(schema.root(), doc))
    for name, fields in schema.definitions().items():
        pairs += _fields(fields, doc["$defs"][name], f"{name}.")
    assert len(pairs) == 14 + 3 + 5 + 8 + 2  # top level (figures_table the 14th), period, block, figure, signature
    for where, rule, json_rule in pairs:
        assert json_rule["description"] == rule["meta"]["zh"], where
        assert json_rule["x-description-en"] == rule["meta"]["en"], where
        for cerberus_key, json_key in [("maxlength", "maxLength"), ("min", "minimum"), ("max", "maximum")]:
            assert json_rule.get(json_key) == rule.get(cerberus_key), (where, json_key)
        if rule.get("empty") is False:
            assert json_rule["minLength"] == 1, where
        if "allowed" in rule:
            assert json_rule.get("enum", [json_rule.get("const")]) == rule["allowed"], where
        if isinstance(rule.get("schema"), str):
            assert json_rule["$ref"] == f"#/$defs/{rule['schema']}", where
    for parent, rules in [(doc, schema.root()), (doc["properties"]["period"], schema.root()["period"]["schema"])]:
        assert parent["required"] == [k for k, r in rules.items() if r.get("required")]
    assert doc["$defs"]["block"]["properties"]["items"]["items"]["$ref"] == "#/$defs/block"  # recursive


def test_a_cerberus_rule_it_cannot_say_is_an_error_not_a_silent_drop():
    with pytest.raises(ValueError, match="coerce"):
        derived._rule({"type": "string", "coerce": "int"})


@pytest.mark.parametrize("date", ["2024-07-05", "2024-7-5", "2024年7月5日", "2024年12月31日"])
def test_date_pattern_accepts_both_spellings(date):
    assert re.search(derived.DATE_PATTERN, date)


@pytest.mark.parametrize("date", ["2024/07/05", "2024-13-01", "2024-07-32", "24-07-05", "2024年7月5", "2024-07-05x"])
def test_date_pattern_refuses_other_spellings(date):
    assert not re.search(derived.DATE_PATTERN, date)


@pytest.mark.parametrize("sample", sorted(SAMPLES.glob("*.yaml")), ids=lambda p: p.name)
def test_each_sample_validates(sample):
    data = as_editor(sample.read_text(encoding="utf-8"))
    assert list(validator().iter_errors(data)) == []


BASE = """\
organization: 测试支部
period: {year: 2024, span: half, index: 1}
summary:
  items:
    - title: 加强学习
      text: 完成了工作。
problems:
  points:
    - 学习不够深入。
plans:
  text: 继续努力。
signature: {name: 测试支部委员会, date: 2024-07-05}
figures:
  sessions: {label: 学习, value: 3, unit: 次}
"""

# name: (replace this, with that), the field reportgen points at (line, column, path), the
# JSON Schema keyword that fails.
INVALID = {
    "unknown key": (("figures:", "remarks: 备注\nfigures:"), (13, 1, "remarks"), "additionalProperties"),
    "missing required": (("plans:\n  text: 继续努力。\n", ""), (1, 1, ""), "required"),
    "wrong type": (("organization: 测试支部", "organization: [测试, 支部]"), (1, 15, "organization"), "type"),
    "bad span": (("span: half", "span: month"), (2, 28, "period.span"), "enum"),
    "bad figure key": (("  sessions:", "  Sessions:"), (14, 3, "figures.Sessions"), "pattern"),
    "negative value": (("value: 3", "value: -3"), (14, 32, "figures.sessions.value"), "minimum"),
    "title too long": (("title: 加强学习", "title: " + "加强学习" * 16), (5, 14, "summary.items[0].title"), "maxLength"),
    "nested unknown key": (("      text: 完成了工作。\n", "      text: 完成了工作。\n      point: 多余。\n"),
                           (7, 7, "summary.items[0].point"), "additionalProperties"),
    "format version": (("organization:", "format_version: 2\norganization:"), (1, 17, "format_version"), "const"),
    "bad date": (("date: 2024-07-05", "date: 2024/07/05"), (12, 34, "signature.date"), "pattern"),
    "half without index": ((", index: 1}", "}"), (2, 9, "period"), "required"),
    "year with index": (("span: half", "span: year"), (2, 41, "period.index"), "not"),
    "block without content": (("  text: 继续努力。", "  title: 下步打算"), (11, 3, "plans"), "anyOf"),
    "figure without label": (("{label: 学习, value: 3", "{value: 3"), (14, 13, "figures.sessions"), "required"),
    "empty organization": (("organization: 测试支部", 'organization: ""'), (1, 15, "organization"), "minLength"),
    "year out of range": (("year: 2024", "year: 1999"), (2, 16, "period.year"), "minimum"),
    "signature unknown key": (("date: 2024-07-05}", "date: 2024-07-05, seal: 有}"), (12, 46, "signature.seal"),
                              "additionalProperties"),
}  # fmt: skip


def test_base_is_valid_under_both(tmp_path):
    assert pipeline.load(write(tmp_path, BASE)).diagnostics == []
    assert list(validator().iter_errors(as_editor(BASE))) == []


@pytest.mark.parametrize("case", INVALID, ids=str)
def test_invalid_file_fails_under_both(tmp_path, case):
    (old, new), where, keyword = INVALID[case]
    assert BASE.count(old) == 1
    text = BASE.replace(old, new)
    found = pipeline.load(write(tmp_path, text)).diagnostics
    assert where in [(d.line, d.column, d.path) for d in found if d.is_error]
    errors = list(validator().iter_errors(as_editor(text)))
    assert keyword in keywords(errors)


@pytest.mark.parametrize("period", ["2024", "2024H2", "2024Q3"])
def test_files_written_by_new_validate(tmp_path, period):
    out = tmp_path / "new.yaml"
    new.new(out, org="测试支部", period=period)
    assert list(validator().iter_errors(as_editor(out.read_text(encoding="utf-8")))) == []


def test_schema_line_of_a_new_file_finds_the_shipped_schema(tmp_path):
    folder = tmp_path / "reports" / "2024"
    folder.mkdir(parents=True)
    out = folder / "h1.yaml"
    new.new(out, org="测试支部", period="2024H1")
    first = out.read_text(encoding="utf-8").splitlines()[0]
    m = re.fullmatch(r"# yaml-language-server: \$schema=(\S+)", first)
    assert m and not Path(m.group(1)).is_absolute()
    assert (folder / m.group(1)).resolve().read_text(encoding="utf-8") == derived.text()
