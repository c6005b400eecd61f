"""The whole command line as a user runs it: exit codes, stderr lines, never a traceback."""


import pytest
from conftest import MINIMAL, SAMPLES, reportgen, write

from generator.messages import msg


def run(*args, cwd=None, lang=None):
    return reportgen(*args, cwd=cwd, lang=lang)


def test_render_writes_beside_the_data(tmp_path):
    data = write(tmp_path, MINIMAL)
    done = run("render", data)
    assert done.returncode == 0, done.stderr
    assert (tmp_path / "report.docx").is_file()
    assert done.stderr.strip() == f"已生成 {tmp_path / 'report.docx'}"


def test_render_markdown_to_named_file(tmp_path):
    data = write(tmp_path, MINIMAL)
    out = tmp_path / "预览 文件.md"  # Chinese and a space in the path
    done = run("render", data, "--format", "md", "-o", out)
    assert done.returncode == 0, done.stderr
    assert out.read_text(encoding="utf-8").startswith("# 测试支部2024年上半年党建工作总结及下半年工作计划\n")


def test_invalid_data_exit_1_with_located_lines_and_no_output(tmp_path):
    data = write(tmp_path, MINIMAL.replace("year: 2024", "year: twenty").replace("text: 继续努力。", "txet: 继续努力。"))
    done = run("render", data, lang="en")
    assert done.returncode == 1
    lines = done.stderr.strip().splitlines()
    assert lines == [
        f"{data}:2:16: error: period.year: must be a whole number (got the text “twenty”)",
        f"{data}:9:3: error: plans: needs at least one of text, points, items",
        f"{data}:9:3: error: plans.txet: unknown key “txet”; did you mean “text”?",
    ]
    assert not (tmp_path / "report.docx").exists()


def test_messages_are_chinese_by_default_and_english_with_lang(tmp_path):
    data = write(tmp_path, MINIMAL.replace("span: half", "span: month"))
    zh = run("validate", data)
    en = run("--lang", "en", "validate", data)
    en_after = run("validate", data, "--lang", "en")
    assert "不可用" in zh.stderr
    assert "is not allowed" in en.stderr and en.stderr == en_after.stderr
    assert zh.returncode == en.returncode == 1


def test_validate_samples():
    done = run("validate", *sorted(SAMPLES.glob("*.yaml")))
    assert done.returncode == 0, done.stderr


@pytest.mark.parametrize(
    "args",
    [
        ("render", "missing.yaml"),
        ("render", "{data}", "-t", "nosuch"),
        ("render", "{data}", "-o", "{tmp}/no/such/folder/out.docx"),
        ("render", "{data}", "-o", "{data}"),
        ("render", "--format", "odt", "{data}"),
        ("validate",),
    ],
)
def test_could_not_run_is_exit_2(tmp_path, args):
    data = write(tmp_path, MINIMAL)
    before = data.read_bytes()
    done = run(*(a.format(data=data, tmp=tmp_path) for a in args))
    assert done.returncode == 2, done.stderr
    assert done.stderr.strip()
    assert data.read_bytes() == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["report.yaml"]


def test_unknown_template_suggests_the_name(tmp_path):
    data = write(tmp_path, MINIMAL)
    done = run("render", data, "-t", "standrd", lang="en")
    assert done.returncode == 2
    assert "did you mean “standard”" in done.stderr


def test_templates_lists_five_formats():
    done = run("templates")
    names = [line.split()[0] for line in done.stdout.splitlines()]
    assert names == ["standard", "flat", "points", "headline", "two-part"]


def test_schema_prints_the_shipped_schema():
    done = run("schema")
    assert done.returncode == 0
    assert "organization:" in done.stdout and "definitions:" in done.stdout


def test_failed_render_keeps_the_existing_output(tmp_path):
    data = write(tmp_path, MINIMAL)
    out = tmp_path / "report.docx"
    out.write_bytes(b"earlier version")
    write(tmp_path, MINIMAL.replace("year: 2024", "year: x"))
    assert run("render", data).returncode == 1
    assert out.read_bytes() == b"earlier version"


def test_strict_render_refuses_lint_findings(tmp_path):
    data = write(tmp_path, MINIMAL.replace("继续努力。", "召开会议XX次。"))
    loose = run("render", data, "--format", "md")
    assert loose.returncode == 0 and (tmp_path / "report.md").exists()
    (tmp_path / "report.md").unlink()
    strict = run("render", data, "--format", "md", "--strict", lang="en")
    assert strict.returncode == 1
    assert f"{data}:9:13: warning[placeholder]: plans.text:" in strict.stderr
    assert not (tmp_path / "report.md").exists()


def test_render_says_the_placeholders_left_and_goes_on(tmp_path):
    data = write(tmp_path, MINIMAL.replace("继续努力。", "召开会议XX次。").replace("完成了工作。", "待补充：本期工作。"))
    done = run("render", data, "--format", "md", lang="en")
    assert done.returncode == 0
    placeholder = msg("lint.placeholder", lang="en", text="XX")
    assert done.stderr.splitlines() == [
        f"{data}:4:9: warning[placeholder]: summary.text: {msg('lint.placeholder', lang='en', text='待补充')}",
        f"{data}:9:13: warning[placeholder]: plans.text: {placeholder}",
        f"wrote {tmp_path / 'report.md'} (2 warning(s): see reportgen lint)",
    ]
    zh = run("render", data, "--format", "md", lang=None)
    assert zh.stderr.splitlines()[-1] == f"已生成 {tmp_path / 'report.md'}（2 条提醒，见 reportgen lint）"


def test_render_of_a_clean_file_has_no_note(tmp_path):
    data = write(tmp_path, MINIMAL)
    done = run("render", data, "--format", "md", lang=None)
    assert (done.returncode, done.stderr.splitlines()) == (0, [f"已生成 {tmp_path / 'report.md'}"])


def test_batch_summary_counts_the_warnings(tmp_path):
    a = write(tmp_path, MINIMAL.replace("继续努力。", "召开会议XX次。"), "a.yaml")
    b = write(tmp_path, MINIMAL, "b.yaml")
    done = run("render", a, b, "--format", "md", lang="en")
    assert done.returncode == 0
    assert done.stderr.splitlines()[-1].endswith(" (1 warning(s): see reportgen lint)")


def test_a_problem_of_the_whole_file_has_no_position():
    from generator.diagnostics import Diagnostic

    assert Diagnostic("a.yaml", 0, 0, message="损坏").render() == "a.yaml: error: 损坏"
    assert Diagnostic("a.yaml", 3, 5, path="title", message="太长").render() == "a.yaml:3:5: error: title: 太长"


def test_output_folder_with_a_slash_is_made(tmp_path):
    data = write(tmp_path, MINIMAL)
    done = run("render", data, "-o", f"{tmp_path}/out/年度/")
    assert done.returncode == 0, done.stderr
    assert (tmp_path / "out" / "年度" / "report.docx").is_file()
    assert run("render", data, "-o", f"{tmp_path}/out/年度/").returncode == 0  # and it may exist


def test_output_folder_for_several_inputs_is_made(tmp_path):
    a, b = write(tmp_path, MINIMAL, "a.yaml"), write(tmp_path, MINIMAL, "b.yaml")
    done = run("render", a, b, "--format", "md", "-o", tmp_path / "各支部")
    assert done.returncode == 0, done.stderr
    assert sorted(p.name for p in (tmp_path / "各支部").iterdir()) == ["a.md", "b.md"]


def test_failed_run_leaves_no_output_folder(tmp_path):
    bad = write(tmp_path, MINIMAL.replace("year: 2024", "year: x"))
    assert run("render", bad, "-o", f"{tmp_path}/out/sub/").returncode == 1
    assert sorted(p.name for p in tmp_path.iterdir()) == ["report.yaml"]


def test_import_output_folder_with_a_slash_is_made(tmp_path):
    report = tmp_path / "总结.txt"
    report.write_text("测试支部2024年上半年党建工作总结\n一、基本情况\n完成了工作。\n二、存在问题\n学习不够深入。\n三、下步打算\n继续努力。\n", encoding="utf-8")
    done = run("import", report, "-o", f"{tmp_path}/数据/")
    assert done.returncode == 0, done.stderr
    assert (tmp_path / "数据" / "总结.yaml").is_file()


def test_output_may_not_overwrite_the_template(tmp_path):
    from generator.resources import folder

    data = write(tmp_path, MINIMAL)
    template = tmp_path / "house.docx"
    template.write_bytes((folder("templates") / "gbt9704.docx").read_bytes())
    before = template.read_bytes()
    done = run("render", data, "-t", template, "-o", template)
    assert done.returncode == 2
    assert template.read_bytes() == before


def test_a_bad_template_key_is_exit_1_at_its_line_in_validate_and_render(tmp_path):
    """`template: ../../../etc/passwd` used to validate, and render then failed naming no line."""
    data = write(tmp_path, MINIMAL + "template: ../../../etc/passwd\n")
    for command in ("validate", "render"):
        done = run(command, data, cwd=tmp_path, lang="en")
        assert done.returncode == 1, done.stderr
        (line,) = done.stderr.strip().splitlines()
        assert line.startswith(f"{data}:10:11: error: template: the template “../../../etc/passwd” is not a path")
        assert line.endswith("the built-in ones are standard、flat、points、headline、two-part")
    assert list(tmp_path.iterdir()) == [data]
    good = write(tmp_path, MINIMAL + "template: flat\n", "good.yaml")
    done = run("render", good, "-t", "two-part", "--format", "md", cwd=tmp_path)
    assert done.returncode == 0, done.stderr
    assert "第一部分" in (tmp_path / "good.md").read_text(encoding="utf-8")  # -t wins over the key


# ---------------------------------------------------------------- Click's own messages in the user's language

USAGE_ERRORS = [
    # (arguments, the Chinese line, the English line)
    (["rendr", "x.yaml"], "错误：没有“rendr”这个命令。是否要使用 render？", "Error: no such command “rendr”. Did you mean render?"),
    (["render"], "错误：缺少“数据文件...”", "Error: Missing argument 'FILES...'."),
    (["render", "--format", "pdff", "x.yaml"], "错误：“--format”的值无效：“pdff”不是可用的格式：可写 docx, md, pdf, html",
     "Error: Invalid value for '--format': “pdff” is not a format: write one of docx, md, pdf, html"),
    (["render", "--format", "docx,pdff", "x.yaml"], "错误：“--format”的值无效：“docx,pdff”不是可用的格式",
     "Error: Invalid value for '--format': “docx,pdff” is not a format"),
    (["render", "--pdf-a", "x.yaml"], "错误：--pdf-a 用于 PDF", "Error: --pdf-a is for PDF output"),
    (["diff", "a.yaml", "b.yaml", "--format", "pdf"], "错误：“--format”的值无效：“pdf”不是可选的值；可选：",
     "Error: Invalid value for '--format': 'pdf' is not one of"),
    (["render", "-j", "x", "x.yaml"], "错误：“-j” / “--jobs”的值无效：“x”不是有效的整数。",
     "Error: Invalid value for '-j' / '--jobs': 'x' is not a valid integer range."),
    (["render", "x.yaml", "-t"], "错误：选项“-t”后面要写一个值。", "Error: Option '-t' requires an argument."),
    (["new", "x.yaml", "--period"], "错误：选项“--period”后面要写一个值。", "Error: Option '--period' requires an argument."),
    (["validate", "."], "错误：“数据文件...”的值无效：文件“.”是文件夹，不是文件。", "Error: Invalid value for 'FILES...': File '.' is a directory."),
]  # fmt: skip


@pytest.mark.parametrize(("args", "zh", "en"), USAGE_ERRORS)
def test_usage_errors_speak_the_chosen_language(tmp_path, args, zh, en):
    chinese = run(*args, cwd=tmp_path)
    english = run(*args, cwd=tmp_path, lang="en")
    assert chinese.returncode == english.returncode == 2
    assert any(line.startswith(zh) for line in chinese.stderr.splitlines()), chinese.stderr
    assert any(line.startswith(en) for line in english.stderr.splitlines()), english.stderr
    for word in ("Error", "Usage", "Try ", "Missing", "Invalid", "No such", "OPTIONS"):
        assert word not in chinese.stderr, chinese.stderr


def test_lang_counts_wherever_it_stands_even_after_the_mistake(tmp_path):
    done = run("render", "--bogus", "--lang", "en", cwd=tmp_path)
    assert done.returncode == 2 and "Error: No such option" in done.stderr and "--bogus" in done.stderr
    done = run("--lang=en", "rendr", cwd=tmp_path)
    assert "Did you mean render?" in done.stderr


COMMANDS = ["render", "validate", "lint", "templates", "check-template", "schema", "new", "preview", "diff", "import", "rollup"]


@pytest.mark.parametrize("command", [[], *([c] for c in COMMANDS)])
def test_help_is_in_one_language(command):
    chinese, english = run(*command, "--help"), run(*command, "--help", lang="en")
    assert chinese.returncode == english.returncode == 0
    assert chinese.stdout.startswith("用法：reportgen") and "选项：" in chinese.stdout
    assert "显示此帮助并退出。" in chinese.stdout
    assert english.stdout.startswith("Usage: reportgen") and "Options:" in english.stdout
    for word in ("Usage", "Options", "Show this", "default:", "OPTIONS", "FILES", " / "):
        assert word not in chinese.stdout, (word, chinese.stdout)
    assert not any("\u4e00" <= c <= "\u9fff" for c in english.stdout.replace("党建工作总结", "").replace("-修订.docx", "")), english.stdout


def test_every_help_text_is_a_message_key():
    """Help texts are looked up when shown: a plain string would print in one language only."""
    from generator.cli.main import cli
    from generator.messages import MESSAGES

    for command in [cli, *cli.commands.values()]:
        assert command.help in MESSAGES, command.name
        for param in command.params:
            if getattr(param, "help", None):
                assert param.help in MESSAGES, (command.name, param.name)
            if param.metavar:
                assert param.metavar in MESSAGES, (command.name, param.name)


def test_one_process_switches_language_between_runs():
    """Click builds the --help option once; its text still follows each run's language."""
    from click.testing import CliRunner

    from generator.cli.main import cli

    runner = CliRunner()
    zh = runner.invoke(cli, ["render", "--help"], env={"REPORTGEN_LANG": "zh"})
    en = runner.invoke(cli, ["render", "--help"], env={"REPORTGEN_LANG": "en"})
    assert "显示此帮助并退出。" in zh.output and "Show this message and exit." in en.output


def test_click_translations_use_only_the_fields_click_fills():
    import string

    from generator.messages import CLICK

    def fields(text):
        return {f for _, f, _, _ in string.Formatter().parse(text) if f}

    for english, chinese in CLICK.items():
        assert fields(chinese) <= fields(english), english
