"""The whole command line as a user runs it: exit codes, stderr lines, never a traceback."""


import pytest

from conftest import MINIMAL, SAMPLES, reportgen, write


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


def test_a_problem_of_the_whole_file_has_no_position():
    from generator.diagnostics import Diagnostic

    assert Diagnostic("a.yaml", 0, 0, message="损坏").render() == "a.yaml: error: 损坏"
    assert Diagnostic("a.yaml", 3, 5, path="title", message="太长").render() == "a.yaml:3:5: error: title: 太长"


def test_output_folder_with_a_slash_must_exist(tmp_path):
    data = write(tmp_path, MINIMAL)
    done = run("render", data, "-o", f"{tmp_path}/out/")
    assert done.returncode == 2
    assert sorted(p.name for p in tmp_path.iterdir()) == ["report.yaml"]
    (tmp_path / "out").mkdir()
    assert run("render", data, "-o", f"{tmp_path}/out/").returncode == 0
    assert (tmp_path / "out" / "report.docx").is_file()


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
