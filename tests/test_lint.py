"""`reportgen lint`: each rule at its exact place, quiet on good text and on the sample data."""

from __future__ import annotations

import subprocess
from pathlib import Path

import pytest
from conftest import SAMPLES, command, write

from generator import lint as lint_pkg
from generator.lint import RULES, lint
from generator.lint.common import PER_TEXT
from generator.messages import LANGS, MESSAGES
from generator.pipeline import load

# Lines 1–3 of most test files; a test's own lines start at line 4.
HEAD = ["organization: 测试支部", "period: {year: 2024, span: year}", "intro: 支部较好完成了全年各项任务。"]
# A problems and a plans part without findings, for files that test the summary.
TAIL = ["problems:", "  text: 学习不够深入。", "plans:", "  text: 继续加强学习。"]


def findings(tmp_path: Path, lines: list[str]) -> list[tuple[int, int, str]]:
    loaded = load(write(tmp_path, "\n".join(lines) + "\n"))
    assert loaded.ok, [d.render() for d in loaded.diagnostics]
    return [(d.line, d.column, d.code) for d in lint(loaded.source, loaded.report)]


@pytest.fixture
def check(tmp_path):
    """check(rule, lines, (line, col), …): exactly these findings of `rule`, in this order."""

    def run(rule: str, lines: list[str], *expected: tuple[int, int]) -> None:
        got = [(line, col) for line, col, code in findings(tmp_path, lines) if code == rule]
        assert got == list(expected)

    return run


# ---------------------------------------------------------------- the registry


def test_registry_lists_every_rule_module():
    modules = {p.stem for p in Path(lint_pkg.__file__).parent.glob("*.py")} - {"__init__", "common"}
    assert {rule.__name__.rsplit(".", 1)[1] for rule in RULES.values()} == modules
    assert all(rule.ID.replace("-", "_") == rule.__name__.rsplit(".", 1)[1] for rule in RULES.values())


@pytest.mark.parametrize("code", sorted(RULES))
def test_rule_module_is_complete(code):
    rule = RULES[code]
    assert rule.LEVEL == "warning"
    assert "PASS::" in rule.__doc__ and "FAIL::" in rule.__doc__
    assert callable(rule.check)
    for key in (f"lint.{code}", f"rule.{code}"):
        assert set(MESSAGES[key]) == set(LANGS)


# ---------------------------------------------------------------- placeholder


def test_placeholder_in_text(check):
    lines = HEAD + ["summary:", "  text: 全年召开学习会X次，节约经费XXXX元。"] + TAIL
    check("placeholder", lines, (5, 16), (5, 23))


def test_placeholder_twice_points_at_each(check):
    lines = HEAD + ["summary:", "  text: 组织学习XX次，参加XX人。"] + TAIL
    check("placeholder", lines, (5, 13), (5, 19))


def test_placeholder_in_title_and_figure_label(check):
    lines = HEAD + [
        "summary:",
        "  title: （此处填写标题）",
        "  text: 全年开展活动${x}。",
        *TAIL,
        "figures:",
        "  x: {label: ××活动, value: 3, unit: 次}",
    ]  # fmt: skip
    check("placeholder", lines, (5, 10), (12, 14))


def test_placeholder_inside_block_points_at_its_line(check):
    lines = HEAD + ["summary:", "  text: |", "    第一行写完了。", "    第二行待补充。"] + TAIL
    check("placeholder", lines, (7, 8))


def test_placeholder_quiet_on_real_words(check):
    lines = HEAD + [
        "summary:",
        "  text: 新购X光机一台，制度有待补充完善，XXL号服装，全年开展活动${xx}。",
        *TAIL,
        "figures:",
        "  xx: {label: 活动, value: 3, unit: 次}",
    ]  # fmt: skip
    check("placeholder", lines)


# ---------------------------------------------------------------- hand-numbering


def test_hand_numbering_in_titles_and_points(check):
    lines = HEAD + [
        "summary:",
        "  items:",
        "    - title: 一、加强理论学习",
        "      points:",
        "        - （二）抓好集中学习。",
        "        - 1.用好线上平台。",
        "        - 一是开展专题研讨。",
        '    - title: "(3)规范组织生活"',
        "      text: 一、正文开头不是标题，不检查。",
        *TAIL,
    ]  # fmt: skip
    check("hand-numbering", lines, (6, 14), (8, 11), (9, 11), (10, 11), (11, 15))


def test_hand_numbering_quiet_on_years_and_quantities(check):
    lines = HEAD + [
        "summary:",
        "  items:",
        "    - title: 2024年重点工作",
        "      points:",
        "        - 3.5万元经费全部用于党员教育。",
        "        - 一线职工普遍参与。",
        "        - 第一党小组表现突出。",
        *TAIL,
    ]  # fmt: skip
    check("hand-numbering", lines)


# ---------------------------------------------------------------- halfwidth-punct


def test_halfwidth_punct(check):
    lines = HEAD + ["summary:", "  text: 组织学习,开展研讨;党员(含预备党员)参加."] + TAIL
    check("halfwidth-punct", lines, (5, 13), (5, 18), (5, 21), (5, 27), (5, 30))


def test_halfwidth_punct_skips_number_separators(check):
    lines = HEAD + ["summary:", "  text: 节约12,000元,成效明显。"] + TAIL
    check("halfwidth-punct", lines, (5, 18))


def test_halfwidth_punct_quiet_on_numbers_times_urls(check):
    lines = HEAD + ["summary:", "  text: 参学率达到96.5%，9:30开会，详见https://example.cn/a?id=1。"] + TAIL
    check("halfwidth-punct", lines)


# ---------------------------------------------------------------- brackets


def test_brackets_mismatched(check):
    lines = HEAD + ["summary:", "  text: 落实“三会一课“制度（含党小组会。"] + TAIL
    check("brackets", lines, (5, 16), (5, 19))


def test_brackets_wrong_closer(check):
    lines = HEAD + ["summary:", "  text: 学习《党章】。"] + TAIL
    check("brackets", lines, (5, 11), (5, 14))


def test_brackets_quiet_when_paired(check):
    lines = HEAD + ["summary:", "  text: 学习《中国共产党章程》，落实“三会一课”（含‘党小组会’）制度，party’s。"] + TAIL
    check("brackets", lines)


# ---------------------------------------------------------------- no-end-punct


def test_no_end_punct_paragraph_and_point(check):
    lines = HEAD + [
        "summary:",
        "  text: 支部按月开展主题党日活动",
        "  points:",
        "    - 学习形式比较单一",
        *TAIL,
    ]  # fmt: skip
    check("no-end-punct", lines, (5, 20), (7, 14))


def test_no_end_punct_each_paragraph_of_a_block(check):
    lines = HEAD + ["summary:", "  text: |", "    第一段没有标点", "", "    第二段有标点。"] + TAIL
    check("no-end-punct", lines, (6, 11))


def test_no_end_punct_quiet_on_marks_and_quotes(check):
    lines = HEAD + [
        "summary:",
        "  text: 主要表现在：",
        "  points:",
        "    - 学习形式比较单一；",
        "    - 会议强调：“要把学习抓实。”",
        "    - 落实“三会一课”。",
        "  items:",
        "    - title: 标题不检查",
        "      text: 全年开会十次……",
        *TAIL,
    ]  # fmt: skip
    check("no-end-punct", lines)


# ---------------------------------------------------------------- empty-part


def test_empty_part_stub_and_blank(check):
    lines = HEAD + ["summary:", "  text: 支部按月开展主题党日活动。"]
    lines += ["problems:", "  text: 暂无。", "plans:", '  text: "　"']  # a full-width space
    check("empty-part", lines, (7, 3), (9, 3))


def test_empty_part_quiet_with_points_or_items(check):
    lines = HEAD + [
        "summary:",
        "  items:",
        "    - title: 学习",
        "      text: 无。",
        "problems:",
        "  points:",
        "    - 学习不够深入。",
        "plans:",
        "  text: 继续加强学习。",
    ]  # fmt: skip
    check("empty-part", lines)


# ---------------------------------------------------------------- missing-intro


def test_missing_intro_points_at_top(check):
    lines = ["# 测试", *HEAD[:2], "summary:", "  text: 开展学习。", *TAIL]
    check("missing-intro", lines, (2, 1))
    check("missing-intro", HEAD + ["summary:", "  text: 开展学习。"] + TAIL)


# ---------------------------------------------------------------- figures


def test_unused_figure(check):
    lines = HEAD + [
        "summary:",
        "  text: 全年开展活动${x}。",
        *TAIL,
        "figures:",
        "  x: {label: 主题党日活动, value: 3, unit: 次}",
        "  y: {label: 支部学习会, value: 12, unit: 次}",
    ]  # fmt: skip
    check("unused-figure", lines, (12, 6))


def test_missing_previous(check):
    body = HEAD + ["summary:", "  text: 开展活动${x}，学习${y}。"] + TAIL + ["figures:"]
    y = "  y: {label: 支部学习会, value: 12, unit: 次}"
    check("missing-previous", body + ["  x: {label: 主题党日活动, value: 3, unit: 次, previous: 2}", y], (12, 6))
    check("missing-previous", body + ["  x: {label: 主题党日活动, value: 3, unit: 次}", y])  # none has one


# ---------------------------------------------------------------- long-title


def test_long_title_typed(check):
    title = "中共青岚县水务局机关委员会全面从严治党主体责任落实情况暨党建工作总结及工作打算"  # 39 wide
    check("long-title", ["title: " + title, *HEAD, "summary:", "  text: 开展学习。", *TAIL], (1, 8))


def test_long_title_counts_digits_as_half(check):
    title = "青岚县水务局机关委员会2023年度全面从严治党暨党建工作总结及2024年工作打算"  # exactly 36: 32 wide + 8 digits at ½
    check("long-title", ["title: " + title, *HEAD, "summary:", "  text: 开展学习。", *TAIL])


def test_long_title_composed_points_at_top(check):
    head = ["organization: 中共青岚县水务局机关委员会第一党支部第二党小组", "period: {year: 2024, span: year}"]
    check("long-title", head + ["intro: 完成了任务。", "summary:", "  text: 开展学习。", *TAIL], (1, 1))


# ---------------------------------------------------------------- the runner


def test_disable_comment_silences_named_codes_on_its_line(tmp_path):
    lines = HEAD + [
        "summary:",
        "  text: 开会X次,成效好。  # reportgen: disable=placeholder, halfwidth-punct",
        "  closing: 开会X次。  # reportgen: disable=brackets",
        *TAIL,
    ]  # fmt: skip
    assert findings(tmp_path, lines) == [(6, 14, "placeholder")]


def test_one_rule_reports_at_most_per_text_findings_in_one_text(check):
    lines = HEAD + ["summary:", "  text: " + "学," * 30 + "完。"] + TAIL
    check("halfwidth-punct", lines, *[(5, 10 + 2 * i) for i in range(PER_TEXT)])


EXPECTED_IN_SAMPLES = {
    "2023-annual.yaml": [],
    "2024-h1.yaml": [],
    "2025-q4.yaml": [],
}


@pytest.mark.parametrize("name", sorted(p.name for p in SAMPLES.glob("*.yaml")))
def test_sample_data_has_no_other_findings(name):
    loaded = load(SAMPLES / name)
    assert loaded.ok
    found = [(d.line, d.column, d.code) for d in lint(loaded.source, loaded.report)]
    assert found == EXPECTED_IN_SAMPLES[name]


# ---------------------------------------------------------------- the command


def run(*args: str, cwd: Path) -> subprocess.CompletedProcess:
    result = subprocess.run(
        command("lint", *args),
        cwd=cwd, capture_output=True, text=True, encoding="utf-8",
    )  # fmt: skip
    assert "Traceback" not in result.stderr + result.stdout
    return result


def test_cli_warnings_exit_0_and_strict_exit_1(tmp_path):
    write(tmp_path, "\n".join(HEAD + ["summary:", "  text: 全年开会X次。"] + TAIL) + "\n")
    plain = run("report.yaml", cwd=tmp_path)
    assert plain.returncode == 0
    assert plain.stderr.splitlines()[0].startswith("report.yaml:5:13: warning[placeholder]: summary.text: ")
    assert run("--strict", "report.yaml", cwd=tmp_path).returncode == 1


def test_cli_clean_file_exit_0_even_strict(tmp_path):
    write(tmp_path, "\n".join(HEAD + ["summary:", "  text: 全年开展集中学习。"] + TAIL) + "\n")
    result = run("--strict", "--lang", "zh", "report.yaml", cwd=tmp_path)
    assert (result.returncode, result.stderr) == (0, "report.yaml：未发现问题\n")  # one line: it did run


def test_cli_clean_files_say_so_once(tmp_path):
    write(tmp_path, "\n".join(HEAD + ["summary:", "  text: 全年开展集中学习。"] + TAIL) + "\n", "a.yaml")
    write(tmp_path, "\n".join(HEAD + ["summary:", "  text: 全年开展集中学习。"] + TAIL) + "\n", "b.yaml")
    result = run("--lang", "en", "a.yaml", "b.yaml", cwd=tmp_path)
    assert (result.returncode, result.stderr) == (0, "no problems found in the 2 files\n")
    write(tmp_path, "\n".join(HEAD + ["summary:", "  text: 全年开会X次。"] + TAIL) + "\n", "b.yaml")
    result = run("--lang", "en", "a.yaml", "b.yaml", cwd=tmp_path)
    assert "no problems" not in result.stderr and "b.yaml:5:13: warning[placeholder]" in result.stderr


def test_cli_invalid_file_reports_validation_only(tmp_path):
    write(tmp_path, "\n".join(HEAD + ["summary:", "  text: 开会X次。", "problems:", "  title: 无"]) + "\n")
    result = run("report.yaml", cwd=tmp_path)
    assert result.returncode == 1
    assert "[placeholder]" not in result.stderr
    assert result.stderr.splitlines()[0].startswith("report.yaml:1:1: error: ")


def test_cli_list_rules(tmp_path):
    result = run("--list-rules", cwd=tmp_path)
    assert result.returncode == 0
    assert [line.split()[0] for line in result.stdout.splitlines()] == list(RULES)


@pytest.mark.parametrize(
    "content",
    [b"\xff\xfe\x00\xd8", b"organization: \xb2\xe2\xca\xd4\n", b"- a\n- b\n", b"", b"a: [\n", b"\t- x\n"],
)
def test_cli_never_tracebacks_and_writes_nothing(tmp_path, content):
    (tmp_path / "bad.yaml").write_bytes(content)
    result = run("bad.yaml", cwd=tmp_path)
    assert result.returncode == 1
    assert [p.name for p in tmp_path.iterdir()] == ["bad.yaml"]


def test_cli_usage_errors_exit_2(tmp_path):
    assert run(cwd=tmp_path).returncode == 2
    assert run("missing.yaml", cwd=tmp_path).returncode == 2
