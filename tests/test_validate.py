"""One test per kind of validation error: exact line:col, field path and message key."""

import pytest
from conftest import MINIMAL, ROOT, write

from generator import pipeline
from generator.messages import MESSAGES


def problems(tmp_path, text):
    loaded = pipeline.load(write(tmp_path, text))
    return [(d.line, d.column, d.path) for d in loaded.diagnostics], loaded


def english(monkeypatch):
    monkeypatch.setenv("REPORTGEN_LANG", "en")


def test_minimal_is_valid(tmp_path):
    found, loaded = problems(tmp_path, MINIMAL)
    assert found == []
    assert loaded.report.organization == "测试支部"


def test_missing_required_points_at_the_mapping(tmp_path):
    text = MINIMAL.replace("plans:\n  text: 继续努力。\n", "")
    found, _ = problems(tmp_path, text)
    assert found == [(1, 1, "")]
    text = MINIMAL.replace("period: {year: 2024, span: half, index: 1}", "period: {span: half, index: 1}")
    found, loaded = problems(tmp_path, text)
    assert found == [(2, 9, "period")]
    assert "period.year" in loaded.diagnostics[0].message


def test_unknown_key_with_did_you_mean(tmp_path, monkeypatch):
    english(monkeypatch)
    text = MINIMAL.replace("  points:\n", "  point:\n")
    found, loaded = problems(tmp_path, text)
    # the misspelt key itself, and the block that is left with no content
    assert (6, 3, "problems.point") in found
    message = next(d.message for d in loaded.diagnostics if d.path == "problems.point")
    assert "did you mean “points”" in message


def test_unknown_key_nested_in_items(tmp_path, monkeypatch):
    english(monkeypatch)
    text = MINIMAL.replace(
        "summary:\n  text: 完成了工作。\n",
        "summary:\n  items:\n    - title: 学习\n      txet: 内容。\n",
    )
    found, loaded = problems(tmp_path, text)
    assert (6, 7, "summary.items[0].txet") in found
    message = next(d.message for d in loaded.diagnostics if d.path.endswith("txet"))
    assert "did you mean “text”" in message


def test_chinese_key_is_pointed_at_the_real_one(tmp_path, monkeypatch):
    english(monkeypatch)
    found, loaded = problems(tmp_path, MINIMAL + "标题: 总结\n")
    assert (10, 1, "标题") in found
    assert "did you mean “title”" in loaded.diagnostics[0].message


@pytest.mark.parametrize(
    "replace, with_, where",
    [
        ("year: 2024", "year: 二〇二四", (2, 16, "period.year")),
        ("year: 2024", "year: yes", (2, 16, "period.year")),
        ("year: 2024", "year: '2024'", (2, 16, "period.year")),
        ("  text: 完成了工作。", "  text: [完成了工作。]", (4, 9, "summary.text")),
        ("  points:\n    - 学习不够深入。", "  points: 学习不够深入。", (6, 11, "problems.points")),
    ],
)
def test_wrong_types(tmp_path, monkeypatch, replace, with_, where):
    english(monkeypatch)
    found, loaded = problems(tmp_path, MINIMAL.replace(replace, with_))
    assert found == [where]
    assert loaded.diagnostics[0].message.startswith("must be")


def test_scalars_are_read_by_the_schema(tmp_path):
    text = MINIMAL.replace("year: 2024", "year: 02024").replace("- 学习不够深入。", "- No")
    found, loaded = problems(tmp_path, text)
    assert found == []
    assert loaded.report.period.year == 2024
    assert loaded.report.problems.points == ("No",)


def test_bounds_and_allowed(tmp_path, monkeypatch):
    english(monkeypatch)
    found, _ = problems(tmp_path, MINIMAL.replace("year: 2024", "year: 1999"))
    assert found == [(2, 16, "period.year")]
    found, loaded = problems(tmp_path, MINIMAL.replace("span: half", "span: month"))
    assert found == [(2, 28, "period.span")]
    assert "year、half、quarter" in loaded.diagnostics[0].message


def test_index_rules(tmp_path):
    found, _ = problems(tmp_path, MINIMAL.replace(", index: 1", ""))
    assert found == [(2, 9, "period")]
    found, _ = problems(tmp_path, MINIMAL.replace("span: half, index: 1", "span: half, index: 3"))
    assert found == [(2, 41, "period.index")]
    found, _ = problems(tmp_path, MINIMAL.replace("span: half", "span: year"))
    assert found == [(2, 41, "period.index")]


def test_format_version(tmp_path, monkeypatch):
    english(monkeypatch)
    found, loaded = problems(tmp_path, "format_version: 2\n" + MINIMAL)
    assert found == [(1, 17, "format_version")]
    assert "version 1" in loaded.diagnostics[0].message


def test_block_needs_content_and_depth_limit(tmp_path):
    text = MINIMAL.replace("  text: 继续努力。", "  title: 打算")
    found, _ = problems(tmp_path, text)
    assert found == [(9, 3, "plans")]
    deep = MINIMAL.replace(
        "summary:\n  text: 完成了工作。\n",
        "summary:\n  items:\n    - items:\n        - items:\n            - items:\n"
        "                - text: 太深了。\n",
    )
    found, _ = problems(tmp_path, deep)
    assert found == [(7, 15, "summary.items[0].items[0].items[0].items")]


def test_title_rules(tmp_path):
    text = MINIMAL.replace("  text: 完成了工作。", "  text: 完成了工作。\n  title: |\n    第一行\n    第二行")
    found, _ = problems(tmp_path, text)
    assert found == [(5, 10, "summary.title")]
    text = MINIMAL.replace("  text: 完成了工作。", "  text: 完成了工作。\n  title: " + "长" * 61)
    found, _ = problems(tmp_path, text)
    assert found == [(5, 10, "summary.title")]


def test_figure_references(tmp_path, monkeypatch):
    english(monkeypatch)
    text = MINIMAL.replace(
        "  text: 继续努力。",
        "  text: |\n    召开会议${meetings}。\n    还有${meeting}和${Bad}。",
    ) + "figures:\n  meetings: {label: 会议, value: 3, unit: 次}\n"
    found, loaded = problems(tmp_path, text)
    assert found == [(11, 7, "plans.text"), (11, 18, "plans.text")]
    assert "did you mean “meetings”" in loaded.diagnostics[0].message
    assert "malformed" in loaded.diagnostics[1].message


def test_reference_not_allowed_in_organization(tmp_path):
    text = MINIMAL.replace("organization: 测试支部", "organization: 测试${x}支部")
    found, _ = problems(tmp_path, text)
    assert found == [(1, 17, "organization")]


def test_figure_rules(tmp_path, monkeypatch):
    english(monkeypatch)
    text = MINIMAL + (
        "figures:\n"
        "  Meetings: {label: 会议, value: 3}\n"
        "  talks: {label: 谈话, value: -1}\n"
        "  visits: {label: 走访, value: .nan}\n"
        "  calls: {value: 2}\n"
    )
    found, _ = problems(tmp_path, text)
    assert found == [
        (11, 3, "figures.Meetings"),
        (12, 29, "figures.talks.value"),
        (13, 30, "figures.visits.value"),
        (14, 10, "figures.calls"),
    ]


def test_signature_date(tmp_path):
    ok = MINIMAL + "signature: {name: 测试支部委员会, date: 2024年7月5日}\n"
    found, loaded = problems(tmp_path, ok)
    assert found == []
    assert loaded.report.signature.date_text == "2024年7月5日"
    found, _ = problems(tmp_path, MINIMAL + "signature: {name: 测试支部委员会, date: 2024-02-30}\n")
    assert found == [(10, 34, "signature.date")]
    found, _ = problems(tmp_path, MINIMAL + "signature: {name: 测试支部委员会, date: 7月5日}\n")
    assert found == [(10, 34, "signature.date")]


def test_template_key_is_checked(tmp_path, monkeypatch):
    english(monkeypatch)
    found, loaded = problems(tmp_path, "template: standrd\n" + MINIMAL)
    assert found == [(1, 11, "template")]
    assert "did you mean “standard”" in loaded.diagnostics[0].message
    found, _ = problems(tmp_path, "template: house.docx\n" + MINIMAL)
    assert found == [(1, 11, "template")]


BUILT_INS = "standard、flat、points、headline、two-part"


@pytest.mark.parametrize(
    ("value", "key"),
    [
        ("../../../etc/passwd", "check.template-not-docx"),
        ("../../../../../../etc/x.docx", "check.template-outside"),
        ("/etc/passwd.docx", "check.template-absolute"),
        ("'C:\\模板\\支部.docx'", "check.template-absolute"),
        ("'\\\\server\\share\\支部.docx'", "check.template-absolute"),
        ("tpl/house.dotx", "check.template-not-docx"),
        ("nowhere.docx", "check.template-missing"),
        ("folder.docx", "check.template-missing"),  # a folder, not a file
        ("fake.docx", "check.template-bad-docx"),
        ("standrd", "check.template-unknown"),
    ],
)
def test_template_key_is_refused_at_its_place_with_the_built_in_names(tmp_path, monkeypatch, value, key):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "folder.docx").mkdir()
    (tmp_path / "fake.docx").write_text("not a zip", encoding="utf-8")
    found, loaded = problems(tmp_path, f"template: {value}\n" + MINIMAL)
    assert found == [(1, 11, "template")]
    message = loaded.diagnostics[0].message
    assert message.startswith(MESSAGES[key]["zh"].split("“")[0]), message
    assert BUILT_INS in message
    assert not loaded.ok


def test_template_key_may_reach_a_shared_folder_inside_the_repository(tmp_path, monkeypatch):
    """`../templates/支部.docx` from data/: inside the working directory, or the file's git repository."""
    repo = tmp_path / "仓库 一"
    (repo / "templates").mkdir(parents=True)
    (repo / "data").mkdir()
    (repo / "templates" / "支部.docx").write_bytes((ROOT / "generator" / "assets" / "templates" / "gbt9704.docx").read_bytes())
    data = write(repo / "data", "template: ../templates/支部.docx\n" + MINIMAL)
    monkeypatch.chdir(repo)
    assert pipeline.load(data).diagnostics == []
    monkeypatch.chdir(repo / "data")  # the folder is now above the working directory
    assert [d.path for d in pipeline.load(data).diagnostics] == ["template"]
    (repo / ".git").mkdir()  # ... but inside the file's repository
    assert pipeline.load(data).diagnostics == []
    windows = write(repo / "data", "template: ..\\templates\\支部.docx\n" + MINIMAL, "win.yaml")
    assert pipeline.load(windows).diagnostics == []  # a path written on Windows works here too


def test_all_errors_reported_at_once(tmp_path):
    text = MINIMAL.replace("year: 2024", "year: x").replace("  text: 完成了工作。", "  txt: 完成了工作。")
    found, _ = problems(tmp_path, text)
    assert len(found) == 3  # the type, the unknown key, and the summary left without content


def test_messages_have_both_languages_and_the_same_placeholders():
    import string

    for key, texts in MESSAGES.items():
        assert set(texts) == {"zh", "en"}, key
        fields = [{f for _, f, _, _ in string.Formatter().parse(t) if f} for t in texts.values()]
        assert fields[0] == fields[1], key


@pytest.mark.parametrize(
    "text, path, optional",
    [
        (MINIMAL + "intro:\n", "intro", True),
        (MINIMAL + "signature: {name: 支部, date: }\n", "signature.date", False),
        (MINIMAL.replace("organization: 测试支部", "organization:"), "organization", False),
        (MINIMAL + "figures:\n  a: {label: 学习会, value: }\n", "figures.a.value", False),
        (MINIMAL + "figures:\n  a: {label: 学习会, value: 3, unit: }\n", "figures.a.unit", True),
        (MINIMAL.replace("    - 学习不够深入。", "    -"), "problems.points[0]", False),
    ],
    ids=["intro", "signature-date", "organization", "figure-value", "figure-unit", "list-item"],
)
def test_empty_value_hints_at_deleting_only_an_optional_key(tmp_path, monkeypatch, text, path, optional):
    monkeypatch.setenv("REPORTGEN_LANG", "zh")
    loaded = pipeline.load(write(tmp_path, text))
    said = [d.message for d in loaded.diagnostics if d.path == path]
    assert len(said) == 1 and said[0].startswith("没有填写值：请填写内容")
    assert ("整行删除" in said[0]) == optional
