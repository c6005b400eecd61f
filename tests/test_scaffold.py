"""`reportgen new`: skeletons that validate and render, the next period from the last, the pre-commit hook."""

import os
import re
import shutil

import pytest
import yaml
from click.testing import CliRunner
from conftest import ROOT, SAMPLES, reportgen, write

from generator import new as scaffold
from generator import pipeline
from generator.cli.main import cli
from generator.data import examples
from generator.data import source as source_mod
from generator.data.periods import parse
from generator.lint.placeholder import PATTERN as PLACEHOLDER
from generator.messages import msg

SHORTHANDS = ["2024", "2024H1", "2024H2", "2024Q1", "2024Q2", "2024Q3", "2024Q4"]


def new(*args, lang="zh"):
    """`reportgen new …` in this process; (exit code, stderr)."""
    result = CliRunner().invoke(cli, ["new", *map(str, args)], env={"REPORTGEN_LANG": lang})
    assert result.exception is None or isinstance(result.exception, SystemExit), result.exception
    return result.exit_code, result.stderr


def skeleton(tmp_path, period="2024H1", name="prev.yaml", org="测试支部"):
    path = tmp_path / name
    assert new(path, "--org", org, "--period", period)[0] == 0
    return path


def data_of(path):
    src = source_mod.read_text(path.read_text(encoding="utf-8"), str(path))
    return src.data


def errors_of(path):
    return [(d.line, d.column, d.path) for d in pipeline.load(path).diagnostics if d.is_error]


def fill_values(path, value="9"):
    text = path.read_text(encoding="utf-8")
    path.write_text(re.sub(r"(?m)^(    value:)$", rf"\1 {value}", text), encoding="utf-8")


def line_of(text, pattern, after=0):
    """1-based number of the first line at or after line `after` that matches `pattern`."""
    lines = text.splitlines()
    return next(i + 1 for i in range(after, len(lines)) if re.fullmatch(pattern, lines[i]))


# ---------------------------------------------------------------- the skeleton


# the period each shorthand names, and the date the skeleton signs with
DATES = {"2024": "2025-01-05", "2024H1": "2024-07-05", "2024H2": "2025-01-05", "2024Q1": "2024-04-05",
         "2024Q2": "2024-07-05", "2024Q3": "2024-10-05", "2024Q4": "2025-01-05"}  # fmt: skip


@pytest.mark.parametrize("shorthand", SHORTHANDS)
def test_new_then_render_for_each_period(tmp_path, shorthand):
    path = skeleton(tmp_path, shorthand, "report.yaml")
    loaded = pipeline.load(path)
    assert loaded.diagnostics == []
    assert loaded.report.period == parse(shorthand)
    assert loaded.report.signature.date.isoformat() == DATES[shorthand]
    for fmt in ("docx", "md"):
        result = pipeline.render_file(path, output_format=fmt)
        assert result.ok and result.output.stat().st_size > 0
    title = (tmp_path / "report.md").read_text(encoding="utf-8").splitlines()[0]
    assert title == f"# 测试支部{parse(shorthand).name}党建工作总结及{parse(shorthand).next_name}工作计划"


def test_skeleton_has_every_part_with_a_comment_above_it(tmp_path):
    text = skeleton(tmp_path).read_text(encoding="utf-8")
    lines = text.splitlines()
    assert lines[0].startswith("# yaml-language-server: $schema=")
    for part in ("organization", "period", "intro", "summary", "problems", "causes", "plans", "closing",
                 "signature", "figures"):  # fmt: skip
        at = line_of(text, f"{part}:.*")
        assert lines[at - 2].startswith("# "), part
    assert data_of(tmp_path / "prev.yaml")["summary"]["items"][0]["points"]


def test_new_refuses_to_overwrite_unless_forced(tmp_path):
    path = write(tmp_path, "不是报告\n", "mine.yaml")
    code, err = new(path, "--org", "测试支部", "--period", "2024", lang="en")
    assert code == 2
    assert err == f"reportgen: {msg('new.exists', lang='en', path=path)}\n"
    assert path.read_text(encoding="utf-8") == "不是报告\n"
    assert new(path, "--org", "测试支部", "--period", "2024", "--force")[0] == 0
    assert pipeline.load(path).ok


@pytest.mark.parametrize("bad", ["2024H3", "2024Q5", "2024Q0", "24Q1", "1999", "2101", "2024-H1", "2024M1", "", "H1"])
def test_bad_period_shorthand_is_exit_2_listing_the_forms(tmp_path, bad):
    path = tmp_path / "x.yaml"
    code, err = new(path, "--org", "测试支部", "--period", bad, lang="en")
    assert code == 2
    assert err == f"reportgen: {msg('new.bad-period', lang='en', value=bad)}\n"
    assert not path.exists()


def test_org_and_period_are_needed_without_from(tmp_path):
    for args in (["--org", "测试支部"], ["--period", "2024"], []):
        code, err = new(tmp_path / "x.yaml", *args, lang="en")
        assert (code, err) == (2, f"reportgen: {msg('new.need-org-period', lang='en')}\n")
    assert list(tmp_path.iterdir()) == []


@pytest.mark.parametrize("org", ["", "   ", "长" * 101, "支部${x}"])
def test_an_org_the_data_format_refuses_is_exit_2(tmp_path, org):
    code, err = new(tmp_path / "x.yaml", "--org", org, "--period", "2024", lang="en")
    assert code == 2 and err.startswith("reportgen: --org")
    assert list(tmp_path.iterdir()) == []


def test_missing_folder_is_exit_2(tmp_path):
    code, err = new(tmp_path / "no" / "x.yaml", "--org", "测试支部", "--period", "2024", lang="en")
    assert (code, err) == (2, f"reportgen: {msg('out.no-folder', lang='en', path=tmp_path / 'no')}\n")


TRICKY = ["yes", "No", "on", "y", "null", "~", "2024", "010", "0o17", "1:30", "1_000", ".inf", "3.5e2", "=",
          "<<", "- 支部", "a: b", "a #b", "#1", "x:", "'q'", '"q"', "[a]", "{a}", "a, b", "@x", "`x", "%x", "!x",
          "&x", "*x", "|x", ">x", "?x", " 前后有空格 ", "\u3000全角空格", "tab\tin", "两行\n文字", "反斜杠\\n",
          "\x85", "\u2028", "\ufeff", "\x7f", "2024-07-05", "中文：冒号", "普通的文字", "支部（第一）"]  # fmt: skip


@pytest.mark.parametrize("text", TRICKY, ids=repr)
def test_scalars_read_back_as_the_same_text(text):
    written = scaffold.scalar(text)
    assert "\n" not in written
    assert yaml.safe_load(f"k: {written}\n") == {"k": text}  # YAML 1.1, as PyYAML reads
    src = source_mod.read_text(f"organization: {written}\n", "t.yaml")
    assert src.data["organization"] == text  # as reportgen reads


def test_plain_text_stays_plain():
    assert scaffold.scalar("示例公司第一党支部") == "示例公司第一党支部"
    assert scaffold.scalar("a: b") == '"a: b"'


@pytest.mark.parametrize("org", ["yes", "2024", "a: b #c", "- 支部", '"引号"支部'])
def test_an_org_yaml_would_misread_is_written_quoted(tmp_path, org):
    path = skeleton(tmp_path, org=org)
    assert data_of(path)["organization"] == org
    assert yaml.safe_load(path.read_text(encoding="utf-8"))["organization"] == org


# ---------------------------------------------------------------- --from


@pytest.mark.parametrize(
    "before, after",
    [("2024Q4", "2025Q1"), ("2024H2", "2025H1"), ("2024", "2025"), ("2024Q1", "2024Q2"), ("2024H1", "2024H2")],
)
def test_from_advances_the_period_across_year_ends(tmp_path, before, after):
    prev = skeleton(tmp_path, before)
    out = tmp_path / "next.yaml"
    assert new(out, "--from", prev)[0] == 0
    p = data_of(out)["period"]
    assert scaffold.Period(p["year"], p["span"], p.get("index")) == parse(after)
    assert data_of(out)["signature"]["date"] == data_of(skeleton(tmp_path, after, "check.yaml"))["signature"]["date"]


def copy_sample(tmp_path, name):
    path = tmp_path / name
    shutil.copy(SAMPLES / name, path)
    return path


def test_from_moves_values_to_previous_and_validate_names_each_figure(tmp_path):
    prev = copy_sample(tmp_path, "2024-h1.yaml")
    out = tmp_path / "2024-h2.yaml"
    assert new(out, "--from", prev)[0] == 0
    text = out.read_text(encoding="utf-8")
    before = data_of(prev)["figures"]
    expected = []
    for key in before:
        at = line_of(text, "    value:", after=line_of(text, f"  {key}:"))
        expected.append((at, 11, f"figures.{key}.value"))
    assert errors_of(out) == expected  # nothing else is wrong
    fill_values(out)
    assert errors_of(out) == []
    after = data_of(out)["figures"]
    assert list(after) == list(before)
    for key, fig in before.items():
        assert after[key]["previous"].text == fig["value"].text  # 12.50 stays 12.50
        assert (after[key]["label"], after[key].get("unit")) == (fig["label"], fig.get("unit"))


def _comment_block(text, start_line):
    """The comment lines right below line `start_line`."""
    lines = text.splitlines()[start_line:]
    return [line.strip() for line in lines[: next(i for i, l in enumerate(lines) if not l.strip().startswith("#"))]]


def test_from_turns_plan_items_into_summary_items_with_the_plan_as_comment(tmp_path):
    prev = copy_sample(tmp_path, "2024-h1.yaml")
    out = tmp_path / "next.yaml"
    new(out, "--from", prev)
    fill_values(out)
    plans = data_of(prev)["plans"]["items"]
    items = pipeline.load(out).report.summary.items
    assert [i.title for i in items] == [p["title"] for p in plans]
    assert all(i.text == (scaffold.TO_FILL["item"],) and not i.points for i in items)
    text = out.read_text(encoding="utf-8")
    for plan in plans:
        comments = "\n".join(_comment_block(text, line_of(text, rf"    - title: {re.escape(plan['title'])}")))
        for line in (plan.get("text") or "").splitlines() + plan.get("points", []):
            assert line.strip() in comments


def test_from_turns_plan_points_into_summary_points(tmp_path):
    prev = copy_sample(tmp_path, "2025-q4.yaml")
    out = tmp_path / "next.yaml"
    new(out, "--from", prev)
    assert errors_of(out) == []  # no figures: nothing to fill for validation
    points = data_of(prev)["plans"]["points"]
    assert data_of(out)["summary"]["points"] == [scaffold.TO_FILL["point"]] * len(points)
    text = out.read_text(encoding="utf-8")
    for point in points:
        assert f"    # 上期计划：{point}" in text.splitlines()


def test_placeholders_validate_and_lint_flags_them():
    for key, text in scaffold.TO_FILL.items():
        assert PLACEHOLDER.search(text), key


def test_lint_points_at_every_placeholder_left(tmp_path):
    prev = copy_sample(tmp_path, "2025-q4.yaml")
    out = tmp_path / "next.yaml"
    new(out, "--from", prev)
    from generator.lint import lint

    loaded = pipeline.load(out)
    found = {d.path for d in lint(loaded.source, loaded.report) if d.code == "placeholder"}
    points = len(data_of(prev)["plans"]["points"])
    assert found == {"intro", "problems.text", "plans.text"} | {f"summary.points[{i}]" for i in range(points)}


PREV = """\
# yaml-language-server: $schema=../schemas/report.schema.json
# 数据口径见共享盘《统计说明》。
organization: 测试支部  # 以批复全称为准
period: {year: 2024, span: quarter, index: 4}
template: tpl/ours.docx
summary:
  text: 完成了工作。
problems:
  points:
    - 学习不够深入。
plans:
  points:
    # 书记提出的重点
    - 抓好学习。
  items:
    - title: 深化党建和业务融合
      text: 组建党员攻关小组。
signature: {name: 中共测试支部委员会, date: 2025年1月8日}
figures:
  # 含线上学习
  sessions: {label: 学习, value: 3, unit: 次}  # 集中学习
  rate:
    label: 参学率
    value: 96.50  # 统计到年底
    unit: "%"
    previous: 90
# 文件结束
"""


def prev_with_comments(tmp_path):
    folder = tmp_path / "reports"
    (folder / "tpl").mkdir(parents=True)
    shutil.copy(ROOT / "generator" / "assets" / "templates" / "gbt9704.docx", folder / "tpl" / "ours.docx")
    (tmp_path / "schemas").mkdir()
    (tmp_path / "schemas" / "report.schema.json").write_text("{}", encoding="utf-8")
    return write(folder, PREV, "2024q4.yaml")


USER_COMMENTS = ["# 数据口径见共享盘《统计说明》。", "# 以批复全称为准", "# 书记提出的重点", "# 含线上学习",
                 "# 集中学习", "# 统计到年底", "# 文件结束"]  # fmt: skip


def test_from_keeps_the_users_comments(tmp_path):
    prev = prev_with_comments(tmp_path)
    out = prev.parent / "2025q1.yaml"
    assert new(out, "--from", prev)[0] == 0
    lines = out.read_text(encoding="utf-8").splitlines()
    stripped = [line.strip() for line in lines]
    for comment in USER_COMMENTS:
        assert sum(comment in line for line in stripped) == 1, comment
    assert lines[1] == "# 数据口径见共享盘《统计说明》。"  # the header stays on top
    assert "organization: 测试支部  # 以批复全称为准" in lines
    assert "  sessions:  # 集中学习" in lines
    assert lines[lines.index("  sessions:  # 集中学习") - 1] == "  # 含线上学习"
    assert "    previous: 96.50  # 统计到年底" in lines  # the value's comment goes with the value
    assert lines[-1] == "# 文件结束"


def test_from_twice_in_a_row(tmp_path):
    prev = prev_with_comments(tmp_path)
    second, third = prev.parent / "2025q1.yaml", prev.parent / "2025q2.yaml"
    assert new(second, "--from", prev)[0] == 0
    fill_values(second, "4")
    assert errors_of(second) == []
    assert new(third, "--from", second)[0] == 0
    fill_values(third, "5")
    assert errors_of(third) == []
    report = pipeline.load(third).report
    assert report.period == parse("2025Q2")
    figures = [(f.key, f.current, f.previous_text) for f in report.figures]
    assert figures == [("sessions", "5", "4"), ("rate", "5", "4")]
    text = third.read_text(encoding="utf-8")
    for note in [*scaffold.NOTES["header-from"], *scaffold.NOTES["figures"]]:
        assert text.count(note) == 1, note  # our notes are not carried over a second time
    # gone by now: the one on a plan (it followed the plan into the summary) and the one on a
    # value two periods back (it followed the value into `previous`, then made way)
    gone = {"# 书记提出的重点", "# 统计到年底"}
    for comment in USER_COMMENTS:
        assert text.count(comment) == (comment not in gone), comment


def test_from_rebases_the_template_and_schema_paths(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)  # the repository: 2025/q1.yaml reaches ../tpl/ inside it
    prev = prev_with_comments(tmp_path)
    (prev.parent / "2025").mkdir()
    out = prev.parent / "2025" / "q1.yaml"
    new(out, "--from", prev)
    data = data_of(out)
    assert os.path.samefile(out.parent / data["template"], prev.parent / "tpl" / "ours.docx")
    schema_line = out.read_text(encoding="utf-8").splitlines()[0]
    target = schema_line.removeprefix("# yaml-language-server: $schema=")
    assert os.path.samefile(out.parent / target, tmp_path / "schemas" / "report.schema.json")
    fill_values(out)
    assert errors_of(out) == []  # the template key is checked too


def test_from_keeps_org_signature_and_date_style(tmp_path):
    prev = prev_with_comments(tmp_path)
    out = prev.parent / "next.yaml"
    new(out, "--from", prev)
    text = out.read_text(encoding="utf-8")
    data = data_of(out)
    assert data["organization"] == "测试支部"
    assert data["signature"]["name"] == "中共测试支部委员会"
    assert "  date: 2025年4月5日" in text.splitlines()  # written as the user writes dates


def test_from_with_org_and_period_given(tmp_path):
    prev = prev_with_comments(tmp_path)
    out = prev.parent / "next.yaml"
    assert new(out, "--from", prev, "--org", "测试第二支部", "--period", "2025H1")[0] == 0
    data = data_of(out)
    assert (data["organization"], data["period"]) == ("测试第二支部", {"year": 2025, "span": "half", "index": 1})
    assert data["signature"]["name"] == "中共测试支部委员会"


def test_from_never_overwrites_the_previous_file(tmp_path):
    prev = prev_with_comments(tmp_path)
    code, err = new(prev, "--from", prev, "--force", lang="en")
    assert code == 2
    assert err == f"reportgen: {msg('out.same-as-input', lang='en', path=prev)}\n"
    assert prev.read_text(encoding="utf-8") == PREV


def test_from_an_invalid_file_is_exit_1_with_its_diagnostics(tmp_path):
    prev = write(tmp_path, PREV.replace("span: quarter", "span: month"), "bad.yaml")
    out = tmp_path / "next.yaml"
    code, err = new(out, "--from", prev, lang="en")
    assert code == 1
    lines = err.splitlines()
    assert lines[0].startswith(f"{prev}:4:28: error: period.span: ")
    assert lines[-1] == f"reportgen: {msg('new.prev-invalid', lang='en', path=prev)}"
    assert not out.exists()


def test_from_a_missing_file_is_exit_2(tmp_path):
    code, _ = new(tmp_path / "next.yaml", "--from", tmp_path / "none.yaml")
    assert code == 2
    assert not (tmp_path / "next.yaml").exists()


# ---------------------------------------------------------------- as a user runs it


run = reportgen


def test_cli_new_and_from_exit_codes(tmp_path):
    first = tmp_path / "2024q4.yaml"
    assert run("new", first, "--org", "测试支部", "--period", "2024Q4").returncode == 0
    assert run("new", first, "--org", "测试支部", "--period", "2024Q4").returncode == 2
    assert run("new", tmp_path / "x.yaml", "--org", "测试支部", "--period", "2024Q9").returncode == 2
    done = run("new", tmp_path / "2025q1.yaml", "--from", first)
    assert done.returncode == 0
    assert done.stderr.splitlines()[-1] == msg("new.fill-figures", lang="en", count=1)
    done = run("validate", tmp_path / "2025q1.yaml")
    assert done.returncode == 1 and "figures.study_sessions.value" in done.stderr
    bad = write(tmp_path, "organization: 测试支部\n", "bad.yaml")
    assert run("new", tmp_path / "y.yaml", "--from", bad).returncode == 1


# ---------------------------------------------------------------- the pre-commit hook


def hook():
    hooks = yaml.safe_load((ROOT / ".pre-commit-hooks.yaml").read_text(encoding="utf-8"))
    assert [h["id"] for h in hooks] == ["reportgen-lint"]
    return hooks[0]


def test_hook_runs_strict_lint_on_yaml_files():
    h = hook()
    assert h["entry"] == "reportgen lint --strict"
    assert (h["language"], h["pass_filenames"]) == ("python", True)
    matched = [f for f in ["reports/2024-h1.yaml", "a.yml", "a.md", "a.yaml.bak", ".pre-commit-config.yaml"]
               if re.search(h["files"], f) and not re.search(h["exclude"], f)]  # fmt: skip
    assert matched == ["reports/2024-h1.yaml", "a.yml"]


def in_own_words(path):
    """The skeleton with every example fact reworded, as a user who filled it in leaves it."""
    path.write_text(path.read_text(encoding="utf-8").replace("。", "！"), encoding="utf-8")
    return path


def test_hook_entry_stops_a_report_with_xx(tmp_path):
    good = in_own_words(skeleton(tmp_path, name="good.yaml"))
    bad = write(tmp_path, good.read_text(encoding="utf-8").replace("本期组织支部集中学习", "本期组织支部集中学习XX次"), "bad.yaml")
    command = hook()["entry"].split()[1:]  # `reportgen` itself is the package's script
    done = run(*command, good, bad)
    assert done.returncode == 1
    placeholders = [line for line in done.stderr.splitlines() if "[placeholder]" in line]
    at = line_of(bad.read_text(encoding="utf-8"), ".*XX次.*")
    assert len(placeholders) == 1 and placeholders[0].startswith(f"{bad}:{at}:")


def test_lint_flags_the_example_facts_left_unchanged(tmp_path):
    """A file straight from `new`: each example fact is a located placeholder; what the user rewrote is not."""
    path = skeleton(tmp_path, "2024Q3", "report.yaml")
    done = reportgen("lint", path)
    said = msg("lint.example-text", lang="en")
    facts = ["intro", "summary.items[0].text", "summary.items[0].points[0]", "summary.items[0].points[1]",
             "problems.points[0]", "causes.points[0]", "plans.items[0].text"]  # fmt: skip
    lines = done.stderr.splitlines()
    assert [line.split(": ")[2] for line in lines] == facts
    assert all(": warning[placeholder]: " in line and line.endswith(said) for line in lines)
    text = path.read_text(encoding="utf-8")
    assert lines[0].startswith(f"{path}:{line_of(text, '  2024年三季度，.*')}:3: ")  # at the text, not at `|`
    rewritten = text.replace(examples.EXAMPLE["causes-point"], "对新情况研究不深。")
    path.write_text(rewritten.replace("工作方法创新不够", "创新不够"), encoding="utf-8")
    assert "causes.points[0]" not in reportgen("lint", path).stderr
    assert done.returncode == 0 and reportgen("lint", "--strict", path).returncode == 1


def test_lint_leaves_the_example_titles_and_phrases_a_report_may_keep(tmp_path):
    kept = [examples.EXAMPLE[k] for k in ("summary-title", "problems-text", "plans-text", "closing")]
    assert not any(examples.is_example(t) for t in kept)
    assert examples.is_example(examples.EXAMPLE["intro"].format(period="2030年下半年"))


@pytest.mark.parametrize(
    "written",
    [
        None,  # the line `new` wrote: into this install, from the previous file's folder
        "../../old-venv/lib/python3.10/site-packages/generator/assets/schemas/report.schema.json",  # gone since
        "file:///C:/Users/张三/AppData/Python/site-packages/generator/assets/schemas/report.schema.json",  # another PC
        "../schemas/report.schema.json",  # a copy of the user's own that is not there (any more)
    ],
    ids=["new", "old-install", "other-machine", "missing-copy"],
)
def test_from_points_the_schema_line_at_the_schema_this_reportgen_ships(tmp_path, written):
    from generator.resources import folder

    (tmp_path / "2024").mkdir()
    prev = skeleton(tmp_path / "2024", name="h1.yaml")
    if written is not None:
        lines = prev.read_text(encoding="utf-8").splitlines(keepends=True)
        prev.write_text(f"# yaml-language-server: $schema={written}\n" + "".join(lines[1:]), encoding="utf-8")
    (tmp_path / "2025" / "上半年").mkdir(parents=True)
    out = tmp_path / "2025" / "上半年" / "h1.yaml"
    assert new(out, "--from", prev)[0] == 0
    target = out.read_text(encoding="utf-8").splitlines()[0].removeprefix("# yaml-language-server: $schema=")
    assert not target.startswith("file:") and (out.parent / target).is_file()
    assert os.path.samefile(out.parent / target, folder("schemas") / "report.schema.json")


def test_from_keeps_a_schema_on_the_web(tmp_path):
    prev = skeleton(tmp_path, name="h1.yaml")
    url = "https://example.invalid/schemas/report.schema.json"
    lines = prev.read_text(encoding="utf-8").splitlines(keepends=True)
    prev.write_text(f"# yaml-language-server: $schema={url}\n" + "".join(lines[1:]), encoding="utf-8")
    out = tmp_path / "h2.yaml"
    assert new(out, "--from", prev)[0] == 0
    assert out.read_text(encoding="utf-8").splitlines()[0] == f"# yaml-language-server: $schema={url}"


def test_from_carries_the_place_of_the_figures_table(tmp_path):
    prev = skeleton(tmp_path, name="h1.yaml")
    prev.write_text(prev.read_text(encoding="utf-8") + "figures_table: end\n", encoding="utf-8")
    out = tmp_path / "h2.yaml"
    assert new(out, "--from", prev)[0] == 0
    assert data_of(out)["figures_table"] == "end"
