"""Figures that speak (rollup.md): each derived reference's words, each of its errors at its place,
the 增减 column in the same words, the new figure keys in the schema, `new --from` and lint, and
the period shorthand in the file."""

import io
import json
from decimal import Decimal

import docx
import jsonschema
import pytest
import yaml
from conftest import MINIMAL, reportgen, write

from generator import new as scaffold
from generator import pipeline
from generator.data import figures
from generator.data import jsonschema as derived_schema
from generator.templating import templates


def report_with(tmp_path, text: str, figure_lines: str, period: str | None = None):
    data = MINIMAL.replace("  text: 完成了工作。", f"  text: {text}") + "figures:\n" + figure_lines
    if period is not None:
        data = data.replace("period: {year: 2024, span: half, index: 1}", f"period: {period}")
    return pipeline.load(write(tmp_path, data))


def summary_text(loaded) -> str:
    assert loaded.ok, [d.render() for d in loaded.diagnostics]
    return loaded.report.summary.text[0]


@pytest.mark.parametrize(
    ("figure", "reference", "words"),
    [
        ("{label: 会, value: 15, unit: 次, previous: 12}", "change", "增加3次"),
        ("{label: 党员, value: 20, unit: 人, previous: 22}", "change", "减少2人"),
        ("{label: 会, value: 12, unit: 次, previous: 12}", "change", "持平"),
        ("{label: 会, value: 12.50, unit: 次, previous: 10}", "change", "增加2.50次"),
        ("{label: 参学率, value: 95, unit: '%', previous: 91}", "change", "提高4个百分点"),
        ("{label: 参学率, value: 90.3, unit: '%', previous: 91.5}", "change", "下降1.2个百分点"),
        ("{label: 参学率, value: 90, unit: '%', previous: 90}", "change", "持平"),
        ("{label: 会, value: 0.3, unit: 次, previous: 0.1}", "change", "增加0.2次"),  # never 0.19999…
        ("{label: 会, value: 14, unit: 次, previous: 12}", "rate", "增长16.7%"),
        ("{label: 会, value: 23, unit: 次, previous: 25}", "rate", "下降8.0%"),
        ("{label: 会, value: 12, unit: 次, previous: 12}", "rate", "持平"),
        ("{label: 会, value: 14, unit: 次, previous: 12, decimals: 3}", "rate", "增长16.667%"),
        ("{label: 会, value: 14, unit: 次, previous: 12, decimals: 0}", "rate", "增长17%"),
        # half up, not to even: 1.25 % → 1.3 %, 0.125 → 0.13
        ("{label: 会, value: 405, unit: 次, previous: 400}", "rate", "增长1.3%"),
        ("{label: 会, value: 8001, unit: 次, previous: 8000, decimals: 2}", "rate", "增长0.01%"),
        ("{label: 会, value: 12, unit: 次, target: 10}", "completion", "完成率120.0%"),
        ("{label: 会, value: 2, unit: 次, target: 3, decimals: 2}", "completion", "完成率66.67%"),
        ("{label: 会, value: 12.50, unit: 次, previous: 10}", "previous", "10次"),
        ("{label: 会, value: 12, unit: 次, previous: 010.50}", "previous", "10.50次"),
    ],
)
def test_each_derived_reference_prints_its_words(tmp_path, figure, reference, words):
    loaded = report_with(tmp_path, f"开会${{f.{reference}}}。", f"  f: {figure}\n")
    assert summary_text(loaded) == f"开会{words}。"


def test_share_of_the_whole(tmp_path):
    lines = "  all: {label: 党员, value: 22, unit: 人}\n  women: {label: 女党员, value: 10, unit: 人, of: all}\n"
    assert summary_text(report_with(tmp_path, "女党员${women}，${women.share}。", lines)) == "女党员10人，占45.5%。"


def test_half_up_where_half_even_would_round_down():
    # 0.0625 of 1 in 100 → 6.25 %: half up gives 6.3, Python's default (half even) 6.2
    assert figures.percent(Decimal("0.0625"), Decimal(1), 1) == "6.3"
    assert figures.percent(Decimal(1), Decimal(3), 4) == "33.3333"


ERRORS = [
    ("{label: 会, value: 12, unit: 次}", "change", "has no previous"),
    ("{label: 会, value: 12, unit: 次}", "rate", "has no previous"),
    ("{label: 会, value: 12, unit: 次, previous: 0}", "rate", "previous value of “f” is 0"),
    ("{label: 会, value: 12, unit: 次}", "share", "has no of"),
    ("{label: 会, value: 12, unit: 次}", "completion", "has no target"),
    ("{label: 会, value: 12, unit: 次, target: 0}", "completion", "target of “f” is 0"),
    ("{label: 会, value: 12, unit: 次}", "previous", "has no previous"),
    ("{label: 会, value: 12, unit: 次, previous: 3}", "chnage", "did you mean “${f.change}”"),
    ("{label: 会, value: 12, unit: 次, previous: 3}", "ratio", "did you mean “${f.rate}”"),
]


@pytest.mark.parametrize(("figure", "reference", "words"), ERRORS)
def test_each_error_stands_at_its_reference(tmp_path, figure, reference, words):
    path = write(tmp_path, MINIMAL.replace("  text: 完成了工作。", f"  text: 开会很多，${{f.{reference}}}。")
                 + f"figures:\n  f: {figure}\n")  # fmt: skip
    done = reportgen("validate", path)
    assert done.returncode == 1
    (line,) = done.stderr.splitlines()
    assert line.startswith(f"{path}:4:14: error: summary.text: "), line  # the column of `${`
    assert words in line


def test_share_of_a_whole_that_is_zero(tmp_path):
    lines = "  all: {label: 党员, value: 0, unit: 人}\n  women: {label: 女党员, value: 0, unit: 人, of: all}\n"
    loaded = report_with(tmp_path, "${women.share}", lines)
    (d,) = loaded.diagnostics
    assert (d.line, d.column, d.path) == (4, 9, "summary.text")
    assert "“all”" in d.message and "0" in d.message


def test_a_wrong_value_has_its_own_error_not_one_at_each_reference(tmp_path):
    lines = "  all: {label: 党员, value: many, unit: 人}\n  women: {label: 女党员, value: 10, unit: 人, of: all, previous: x}\n"
    loaded = report_with(tmp_path, "${women.share}，${women.change}。", lines)
    assert [d.path for d in loaded.diagnostics] == ["figures.all.value", "figures.women.previous"]


@pytest.mark.parametrize(("of", "words"), [("al", "是不是“all”"), ("women", "不能指向数据项自己")])
def test_of_names_another_figure(tmp_path, of, words):
    lines = f"  all: {{label: 党员, value: 22, unit: 人}}\n  women: {{label: 女党员, value: 10, unit: 人, of: {of}}}\n"
    loaded = report_with(tmp_path, "完成。", lines)
    (d,) = loaded.diagnostics
    assert d.path == "figures.women.of" and d.line == 12 and words in d.message


@pytest.mark.parametrize(
    ("field", "value"), [("total", "sometimes"), ("decimals", "5"), ("decimals", "yes"), ("target", "-1"), ("of", "Big")]
)
def test_new_keys_are_typed(tmp_path, field, value):
    loaded = report_with(tmp_path, "完成。", f"  f: {{label: 会, value: 12, {field}: {value}}}\n")
    assert not loaded.ok
    assert [d.path for d in loaded.diagnostics] == [f"figures.f.{field}"]


def test_table_change_column_in_the_same_words(tmp_path):
    lines = (
        "  a: {label: 学习会, value: 12, unit: 次, previous: 10}\n"
        "  b: {label: 参学率, value: 95, unit: '%', previous: 96.5}\n"
        "  c: {label: 党员, value: 22, unit: 人}\n"
    )
    loaded = report_with(tmp_path, "开会${a}。", lines)
    data = pipeline.render_bytes(loaded.report, templates.resolve("standard"), "docx")
    rows = [[c.text for c in row.cells] for t in docx.Document(io.BytesIO(data)).tables for row in t.rows]
    assert [r[3] for r in rows] == ["增减", "增加2次", "下降1.5个百分点", "—"]
    md = pipeline.render_bytes(loaded.report, templates.resolve("standard"), "md").decode()
    assert "| 学习会（次） | 12 | 10 | 增加2次 |" in md


def test_defaults_of_total_and_decimals(tmp_path):
    lines = "  a: {label: 会, value: 12, unit: 次}\n  b: {label: 率, value: 95, unit: '%'}\n  c: {label: 均, value: 3, total: mean}\n"
    report = report_with(tmp_path, "完成。", lines).report
    assert [(f.total, f.decimals) for f in report.figures] == [("sum", 1), ("none", 1), ("mean", 1)]


# ---------------------------------------------------------------- period shorthand


@pytest.mark.parametrize(
    ("typed", "name"),
    [("2024Q3", "2024年三季度"), ("2024H1", "2024年上半年"), ("2024", "2024年"), ('"2024h2"', "2024年下半年")],
)
def test_period_shorthand_in_the_file(tmp_path, typed, name):
    loaded = report_with(tmp_path, "完成。", "  a: {label: 会, value: 1}\n", period=typed)
    assert loaded.ok and loaded.report.period.name == name


@pytest.mark.parametrize("typed", ["2024H3", "2024Q5", "1999", "24Q1", "2024 Q1"])
def test_a_bad_shorthand_shows_both_forms_at_its_place(tmp_path, typed):
    path = write(tmp_path, MINIMAL.replace("period: {year: 2024, span: half, index: 1}", f"period: {typed}"))
    done = reportgen("validate", path, lang=None)
    assert done.returncode == 1
    (line,) = done.stderr.splitlines()
    assert line.startswith(f"{path}:2:9: error: period: 报告期“{typed}”写法有误")
    assert "2024H1" in line and "{year: 2024, span: half, index: 1}" in line


@pytest.mark.parametrize(("period", "valid"), [("2024Q3", True), ("2024H1", True), ("2024", True), ("2024H3", False)])
def test_json_schema_takes_the_shorthand(period, valid):
    data = yaml.safe_load(MINIMAL)
    data["period"] = period
    errors = list(jsonschema.Draft202012Validator(json.loads(derived_schema.text())).iter_errors(data))
    assert (errors == []) is valid


def test_json_schema_knows_the_new_keys():
    figure = derived_schema.derive()["$defs"]["figure"]["properties"]
    assert figure["total"]["enum"] == ["sum", "mean", "none"]
    assert (figure["decimals"]["minimum"], figure["decimals"]["maximum"]) == (0, 4)
    assert figure["target"]["type"] == "number" and figure["of"]["type"] == "string"


# ---------------------------------------------------------------- new --from and lint


def test_new_from_moves_value_and_keeps_the_new_keys(tmp_path):
    lines = "  a: {label: 会, value: 12, unit: 次, previous: 9, target: 10, total: mean, decimals: 2}\n  b: {label: 女, value: 3, unit: 人, of: a}\n"
    prev = write(tmp_path, MINIMAL + "figures:\n" + lines, "prev.yaml")
    out = tmp_path / "next.yaml"
    scaffold.new(out, previous=prev)
    figs = yaml.safe_load(out.read_text(encoding="utf-8"))["figures"]
    assert figs["a"] == {"label": "会", "value": None, "unit": "次", "previous": 12, "target": 10, "total": "mean", "decimals": 2}
    assert figs["b"] == {"label": "女", "value": None, "unit": "人", "previous": 3, "of": "a"}


def test_lint_suggests_the_reference_for_a_figure_typed_by_hand(tmp_path):
    text = "全年召开学习会12次，12月召开总结会，参加12人，${a}。"
    path = write(tmp_path, MINIMAL.replace("  text: 完成了工作。", f"  text: {text}")
                 + "figures:\n  a: {label: 学习会, value: 12, unit: 次}\n")  # fmt: skip
    done = reportgen("lint", path)
    found = [line for line in done.stderr.splitlines() if "hand-figure" in line]
    assert found == [f"{path}:4:16: warning[hand-figure]: summary.text: “12次” is the value of the figure “a”: "
                     "write ${a} so that the text follows the figure"]  # fmt: skip
