"""Reading a data file (data-format.md, "Reading the file") and the YAML slips of hand typing.

Every case runs the whole command line as a subprocess and checks the exact diagnostic line
(file:line:col, field path, English message), the exit status, that no traceback appears and
that an output already beside the data file keeps its bytes, with no file added.
"""

import datetime
import os
import subprocess

import pytest
from conftest import MINIMAL, command

from generator.data import source
from generator.messages import msg

EXISTING = b"an earlier output that a failed run must not touch"


def cli(tmp_path, raw, *args):
    """Run `reportgen render` (or args) on a data file holding `raw`, beside an existing output."""
    data = tmp_path / "report.yaml"
    data.write_bytes(raw)
    out = tmp_path / "report.docx"
    out.write_bytes(EXISTING)
    before = sorted(p.name for p in tmp_path.iterdir())
    env = {**os.environ, "PYTHONIOENCODING": "utf-8", "REPORTGEN_LANG": "en"}
    done = subprocess.run(
        command(*(args or ("render",)), str(data)),
        capture_output=True, text=True, encoding="utf-8", env=env, cwd=tmp_path,
    )  # fmt: skip
    assert "Traceback" not in done.stderr, done.stderr
    if not args:
        assert out.read_bytes() == EXISTING
        assert sorted(p.name for p in tmp_path.iterdir()) == before
    return done, data


def expect(tmp_path, raw, line, column, path, key, /, also=False, **kw):
    """The run fails with exit 1 and prints this one diagnostic (among others when `also`)."""
    raw = raw.encode("utf-8") if isinstance(raw, str) else raw
    done, data = cli(tmp_path, raw)
    where = f"{path}: " if path else ""
    wanted = f"{data}:{line}:{column}: error: {where}{msg(key, lang='en', **kw)}"
    lines = done.stderr.splitlines()
    assert (wanted in lines) if also else (lines == [wanted]), done.stderr
    assert done.returncode == 1


def valid(tmp_path, raw):
    """`validate` accepts the file; returns what the reader made of it."""
    raw = raw.encode("utf-8") if isinstance(raw, str) else raw
    done, data = cli(tmp_path, raw, "validate")
    assert done.returncode == 0, done.stderr
    src, found = source.read(data)
    assert found == []
    return src.data


def at(text, needle):
    """1-based line and column of the first `needle` in `text`."""
    before = text[: text.index(needle)]
    return before.count("\n") + 1, len(before) - (before.rfind("\n") + 1) + 1


def type_error(expected, value, hint=""):
    got = msg("got.string", lang="en", value=value) + hint
    return dict(expected=msg(f"type.{expected}", lang="en"), got=got)


FIGURE = MINIMAL + "figures:\n  study: {label: 学习会, value: @}\n"
# MINIMAL, line by line:
# 1 organization: 测试支部
# 2 period: {year: 2024, span: half, index: 1}
# 3 summary:
# 4   text: 完成了工作。
# 5 problems:
# 6   points:
# 7     - 学习不够深入。
# 8 plans:
# 9   text: 继续努力。


@pytest.mark.parametrize(
    "raw",
    [MINIMAL.encode("gbk"), (MINIMAL + "closing：结束\n").encode(), MINIMAL.replace("继续", "继\x01续").encode()],
    ids=["gbk", "fullwidth-colon", "control-character"],
)
def test_validate_says_what_render_says(tmp_path, raw):
    rendered, _ = cli(tmp_path, raw)
    validated, _ = cli(tmp_path, raw, "validate")
    assert validated.returncode == rendered.returncode == 1
    assert validated.stderr == rendered.stderr != ""


# ---------------------------------------------------------------- encodings


def _markdown(tmp_path, raw):
    data = tmp_path / "in.yaml"
    data.write_bytes(raw)
    out = tmp_path / "out.md"
    env = {**os.environ, "PYTHONIOENCODING": "utf-8"}
    done = subprocess.run(
        command("render", str(data), "--format", "md", "-o", str(out)),
        capture_output=True, text=True, encoding="utf-8", env=env,
    )  # fmt: skip
    assert done.returncode == 0 and "Traceback" not in done.stderr, done.stderr
    return out.read_text(encoding="utf-8")


@pytest.mark.parametrize(
    "raw",
    [
        b"\xef\xbb\xbf" + MINIMAL.encode("utf-8"),
        b"\xff\xfe" + MINIMAL.encode("utf-16-le"),
        b"\xfe\xff" + MINIMAL.encode("utf-16-be"),
        MINIMAL.replace("\n", "\r\n").encode("utf-8"),
        b"\xef\xbb\xbf" + MINIMAL.replace("\n", "\r\n").encode("utf-8"),
    ],
    ids=["utf8-bom", "utf16le-bom", "utf16be-bom", "crlf", "bom-crlf"],
)
def test_encodings_that_read(tmp_path, raw):
    assert _markdown(tmp_path, raw) == _markdown(tmp_path, MINIMAL.encode("utf-8"))


def test_crlf_keeps_places(tmp_path):
    text = MINIMAL.replace("year: 2024", "year: 二〇二四").replace("\n", "\r\n")
    expect(tmp_path, text, 2, 16, "period.year", "schema.type", **type_error("integer", "二〇二四"))


def test_gbk_file_is_refused_at_its_first_chinese_byte(tmp_path):
    expect(tmp_path, MINIMAL.encode("gbk"), 1, 15, "", "read.not-utf8", likely="GBK/GB18030")


def test_gbk_bytes_further_down(tmp_path):
    text = MINIMAL.replace("测试支部", "Test branch")
    expect(tmp_path, text.encode("gbk"), 4, 9, "", "read.not-utf8", likely="GBK/GB18030")


def test_utf16_without_mark(tmp_path):
    text = MINIMAL.replace("测试支部", "Test")
    expect(tmp_path, text.encode("utf-16-le"), 1, 2, "", "read.not-utf8", likely="UTF-16")


def test_bytes_of_no_known_encoding(tmp_path):
    raw = MINIMAL.encode("utf-8").replace("继续".encode(), "继续".encode() + b"\xff\xfe\xff")
    expect(tmp_path, raw, 9, 11, "", "read.not-utf8-unknown")


def test_broken_utf16(tmp_path):
    raw = b"\xff\xfe" + MINIMAL.encode("utf-16-le") + b"\x00\xd8"  # a lone high surrogate at the end
    expect(tmp_path, raw, 10, 1, "", "read.bad-utf16")


def test_surrogate_bytes_in_utf8(tmp_path):
    raw = MINIMAL.encode("utf-8").replace("继续".encode(), "继续".encode() + b"\xed\xa0\x80")
    expect(tmp_path, raw, 9, 11, "", "read.not-utf8-unknown")


# ---------------------------------------------------------------- scalars by the schema


def test_text_is_text_as_typed(tmp_path):
    text = MINIMAL.replace("    - 学习不够深入。", "    - No\n    - yes\n    - 010\n    - 1:30\n    - true") + "title: 2024\n"
    data = valid(tmp_path, text)
    assert data["problems"]["points"] == ["No", "yes", "010", "1:30", "true"]
    assert data["title"] == "2024"


def test_integers_are_decimal(tmp_path):
    assert valid(tmp_path, MINIMAL.replace("year: 2024", "year: 02024"))["period"]["year"] == 2024
    assert valid(tmp_path, MINIMAL.replace("index: 1", "index: 01"))["period"]["index"] == 1
    # 010 is ten, not eight: too small a year
    expect(tmp_path, MINIMAL.replace("year: 2024", "year: 010"), 2, 16, "period.year", "schema.min", limit=2000)


@pytest.mark.parametrize("value", ["1:30", "1_000", ".nan", ".inf", "-.inf", "yes", "0x1F", "12.5.1", '"12"'])
def test_number_wanted(tmp_path, value):
    text = FIGURE.replace("@", value)
    line, column = at(text, "value: ")
    shown = value.strip('"')
    expect(tmp_path, text, line, column + 7, "figures.study.value", "schema.type", **type_error("decimal", shown))


def test_decimal_read_as_typed(tmp_path):
    assert str(valid(tmp_path, FIGURE.replace("@", "12.50"))["figures"]["study"]["value"].text) == "12.50"


@pytest.mark.parametrize("value", ["yes", "true", "True", "on", '"2024"', "'2024'", "2024.0", "2e3"])
def test_integer_wanted(tmp_path, value):
    text = MINIMAL.replace("year: 2024", f"year: {value}")
    expect(tmp_path, text, 2, 16, "period.year", "schema.type", **type_error("integer", value.strip("'\"")))


@pytest.mark.parametrize("date", ["2024-07-05", "2024年7月5日", "2024-7-5"])
def test_dates(tmp_path, date):
    data = valid(tmp_path, MINIMAL + f"signature:\n  name: 测试支部\n  date: {date}\n")
    assert data["signature"]["date"] == datetime.date(2024, 7, 5)


@pytest.mark.parametrize("date", ["2024-02-30", "2023-02-29", "2024年13月1日", "2024-04-31"])
def test_impossible_date(tmp_path, date):
    text = MINIMAL + f"signature:\n  name: 测试支部\n  date: {date}\n"
    expect(tmp_path, text, 12, 9, "signature.date", "read.bad-date", value=date)


# ---------------------------------------------------------------- structure


def test_duplicate_key_at_the_second(tmp_path):
    text = MINIMAL + "organization: 第二支部\n"
    expect(tmp_path, text, 10, 1, "organization", "read.duplicate-key", key="organization", line=1)


def test_duplicate_key_nested(tmp_path):
    text = MINIMAL.replace("index: 1}", "index: 1, year: 2025}")
    expect(tmp_path, text, 2, 44, "period.year", "read.duplicate-key", key="year", line=2)


def test_anchor(tmp_path):
    expect(tmp_path, MINIMAL + "closing: &end 结束\n", 10, 10, "closing", "read.anchor")


def test_alias(tmp_path):
    text = MINIMAL.replace("  text: 继续努力。", "  text: 继续努力。\n  closing: *end")
    expect(tmp_path, text, 10, 12, "plans.closing", "read.alias")


def test_merge_key(tmp_path):
    text = MINIMAL + "causes:\n  <<: {text: 原因。}\n"
    expect(tmp_path, text, 11, 3, "causes", "read.merge-key")


def test_python_tag_constructs_nothing(tmp_path):
    marker = tmp_path / "constructed"
    text = MINIMAL + f'closing: !!python/object/apply:os.system ["touch {marker}"]\n'
    tag = "tag:yaml.org,2002:python/object/apply:os.system"
    expect(tmp_path, text, 10, 10, "closing", "read.tag", tag=tag)
    assert not marker.exists()


def test_str_tag(tmp_path):
    text = MINIMAL + "title: !!str 2024\n"
    expect(tmp_path, text, 10, 8, "title", "read.tag", tag="tag:yaml.org,2002:str")


BILLION_LAUGHS = "a: &a [lol, lol, lol, lol, lol, lol, lol, lol, lol]\n" + "".join(
    f"{chr(98 + i)}: &{chr(98 + i)} [{', '.join(['*' + chr(97 + i)] * 9)}]\n" for i in range(8)
)


def test_alias_bomb_is_refused_at_its_first_anchor(tmp_path):
    expect(tmp_path, BILLION_LAUGHS, 1, 4, "a", "read.anchor")


def test_nesting_limit_in_flow(tmp_path):
    text = MINIMAL + "causes:\n  text: " + "[" * 20 + "]" * 20 + "\n"
    path = "causes.text" + "[0]" * 10  # the root and causes count: the 11th bracket is the 13th level
    expect(tmp_path, text, 11, 19, path, "read.too-deep", limit=12)


def test_ten_thousand_brackets(tmp_path):
    expect(tmp_path, "[" * 10_000, 1, 13, "[0]" * 12, "read.too-deep", limit=12)
    text = MINIMAL + "causes:\n  text: " + "[" * 10_000 + "\n"
    expect(tmp_path, text, 11, 19, "causes.text" + "[0]" * 10, "read.too-deep", limit=12)


def test_nesting_limit_in_blocks(tmp_path):
    text = "".join("  " * i + f"k{i}:\n" for i in range(20))
    expect(tmp_path, text, 13, 25, ".".join(f"k{i}" for i in range(12)), "read.too-deep", limit=12)


def test_file_over_two_mib(tmp_path):
    raw = (MINIMAL + "#" * (2 * 1024 * 1024)).encode("utf-8")
    expect(tmp_path, raw, 1, 1, "", "read.too-big", size=len(raw), limit=2 * 1024 * 1024)


# ---------------------------------------------------------------- YAML slips, with hints


def test_fullwidth_colon_top_level(tmp_path):
    expect(tmp_path, MINIMAL + "closing：结束\n", 10, 8, "", "yaml.fullwidth-colon")


def test_fullwidth_colon_in_a_list_item(tmp_path):
    text = MINIMAL.replace("  text: 完成了工作。", "  items:\n    - title：学习\n      text: 内容。")
    expect(tmp_path, text, 5, 12, "", "yaml.fullwidth-colon")


def test_fullwidth_colon_makes_an_item_a_text(tmp_path):
    text = MINIMAL.replace("  text: 完成了工作。", "  items:\n    - title：学习")
    hint = msg("hint.fullwidth-colon", lang="en", value="title：学习")
    expect(tmp_path, text, 5, 7, "summary.items[0]", "schema.type", **type_error("dict", "title：学习", hint))


def test_fullwidth_colon_in_a_nested_mapping(tmp_path):
    more = "  text: 继续努力。\n  closing：好\n\n# 落款\nsignature: {name: 支部, date: 2024-07-05}"
    text = MINIMAL.replace("  text: 继续努力。", more)
    expect(tmp_path, text, 10, 10, "", "yaml.fullwidth-colon")


def test_fullwidth_colon_before_a_nested_block(tmp_path):
    text = MINIMAL.replace("period: {year: 2024, span: half, index: 1}", "period：\n  year: 2024\n  span: half")
    expect(tmp_path, text, 2, 7, "", "yaml.fullwidth-colon")


def test_fullwidth_colon_in_a_flow_mapping(tmp_path):
    text = MINIMAL.replace("year: 2024", "year：2024")
    expect(tmp_path, text, 2, 14, "period", "yaml.fullwidth-colon")


def test_fullwidth_space_indents_a_key(tmp_path):
    text = MINIMAL.replace("  text: 继续努力。", "\u3000\u3000text: 继续努力。")
    expect(tmp_path, text, 9, 1, "", "yaml.fullwidth-space")


def test_fullwidth_space_after_spaces(tmp_path):
    text = MINIMAL.replace("  text: 继续努力。", "  \u3000text: 继续努力。")
    expect(tmp_path, text, 9, 3, "plans", "yaml.fullwidth-space")


def test_fullwidth_space_indents_a_list_item(tmp_path):
    text = MINIMAL.replace("    - 学习不够深入。", "\u3000\u3000- 学习不够深入。")
    expect(tmp_path, text, 7, 1, "", "yaml.fullwidth-space")


def test_fullwidth_space_after_a_colon(tmp_path):
    text = MINIMAL.replace("  text: 继续努力。", "  text:\u3000继续努力。")
    value = "text:\u3000继续努力。"
    hint = msg("hint.fullwidth-space", lang="en", value=value)
    expect(tmp_path, text, 9, 3, "plans", "schema.type", **type_error("dict", value, hint))


def test_fullwidth_space_inside_text_is_fine(tmp_path):
    data = valid(tmp_path, MINIMAL.replace("  text: 继续努力。", "  text: \u3000\u3000继续努力。"))
    assert data["plans"]["text"] == "\u3000\u3000继续努力。"


@pytest.mark.parametrize("indent, column", [("\t", 1), ("  \t", 3)])
def test_tab_indentation(tmp_path, indent, column):
    text = MINIMAL.replace("  text: 继续努力。", f"{indent}text: 继续努力。")
    expect(tmp_path, text, 9, column, "", "yaml.tab")


def test_unclosed_quote_at_the_end(tmp_path):
    text = MINIMAL.replace("  text: 继续努力。", '  text: "继续努力。')
    expect(tmp_path, text, 9, 9, "", "yaml.unclosed-quote")


@pytest.mark.parametrize("quote", ['"', "'"])
def test_unclosed_quote_swallowing_lines(tmp_path, quote):
    text = MINIMAL.replace("  text: 完成了工作。", f"  text: {quote}完成了工作。")
    text = text.replace("    - 学习不够深入。", f"    - {quote}学习不够深入。{quote}")
    expect(tmp_path, text, 4, 9, "", "yaml.unclosed-quote")


@pytest.mark.parametrize(
    "before, after, column, fixed, quoted",
    [
        ("    - 学习不够深入。", '    - "三会一课"制度落实不够。', 7,
         "- “三会一课”制度落实不够。", """- '"三会一课"制度落实不够。'"""),
        ("  text: 继续努力。", '  text: "学条例、守纪律"主题活动和"两学一做"继续开展。  # 注释', 9,
         "text: “学条例、守纪律”主题活动和“两学一做”继续开展。", """text: '"学条例、守纪律"主题活动和"两学一做"继续开展。'"""),
        ("  text: 继续努力。", "  text: '两学一做'常态化。", 9, "text: ‘两学一做’常态化。", "text: \"'两学一做'常态化。\""),
    ],
    ids=["point", "text", "single-quotes"],
)
def test_text_starting_with_a_halfwidth_quote(tmp_path, before, after, column, fixed, quoted):
    """Not "inconsistent indentation": the quote at the start, and the line as it should be typed."""
    text = MINIMAL.replace(before, after)
    line = text.splitlines().index(after) + 1
    expect(tmp_path, text, line, column, "", "yaml.leading-quote", quote=after[column - 1], fixed=fixed, quoted=quoted)


def test_corrected_lines_of_a_leading_quote_read(tmp_path):
    """Both corrections the message shows are valid YAML that keep the words."""
    for typed in ("- “三会一课”制度落实不够。", """- '"三会一课"制度落实不够。'"""):
        data = valid(tmp_path, MINIMAL.replace("- 学习不够深入。", typed))
        assert data["problems"]["points"] == [typed[2:].strip("'")]


@pytest.mark.parametrize("typed", ["C:\\资料\\总结.docx", "C:\\x0G", "C:\\u12"])
def test_backslash_in_double_quotes(tmp_path, typed):
    text = MINIMAL.replace("继续努力。", f'"见 {typed}"')
    expect(tmp_path, text, 9, 14, "", "yaml.bad-escape")  # at the backslash


@pytest.mark.parametrize("char", ["@", "`", "%", "*", "&", "!"])
def test_text_starting_with_a_reserved_character(tmp_path, char):
    text = MINIMAL.replace("继续努力。", f"{char}重点 工作")
    expect(tmp_path, text, 9, 9, "", "yaml.reserved-char", char=char)


@pytest.mark.parametrize("typed", ["[重要] 继续努力。", "{重要} 继续努力。"])
def test_text_starting_with_a_bracket(tmp_path, typed):
    expect(tmp_path, MINIMAL.replace("继续努力。", typed), 9, 9, "", "yaml.reserved-char", char=typed[0])


def test_bracket_never_closed(tmp_path):
    text = MINIMAL.replace("继续努力。", "[附件 继续努力。") + "signature: {name: 支部, date: 2024-07-05}\n"
    expect(tmp_path, text, 9, 9, "", "yaml.unclosed-bracket", char="[")


def test_indentation_mismatch(tmp_path):
    text = MINIMAL.replace("  text: 继续努力。", "  text: 继续努力。\n closing: 好")
    expect(tmp_path, text, 10, 2, "", "yaml.indent")


@pytest.mark.parametrize(
    "text, column",
    [("- organization: 测试支部\n", 1), ("  - a\n  - b\n", 3), ("就这一句话\n", 1), ('"引起来的一句话"\n', 1)],
    ids=["list", "indented-list", "scalar", "quoted-scalar"],
)
def test_top_level_not_a_mapping(tmp_path, text, column):
    expect(tmp_path, text, 1, column, "", "read.not-mapping")


@pytest.mark.parametrize("text", ["", "\n\n", "# 只有注释\n# 第二行\n", "---\n", "~\n", "\ufeff"])
def test_empty_file(tmp_path, text):
    expect(tmp_path, text, 1, 1, "", "read.empty")


def test_two_documents(tmp_path):
    expect(tmp_path, MINIMAL + "---\norganization: 第二个\n", 10, 1, "", "read.many-documents")


def test_two_documents_after_an_end_marker(tmp_path):
    expect(tmp_path, MINIMAL + "...\n---\norganization: 第二个\n", 11, 1, "", "read.many-documents")


@pytest.mark.parametrize(
    "replace, with_, line, column, path, guess",
    [
        ("plans:", "sumary:\n  text: 甲。\nplans:", 8, 1, "sumary", "summary"),
        ("index: 1}", "index: 1, yaer: 2024}", 2, 44, "period.yaer", "year"),
        ("  text: 继续努力。", "  text: 继续努力。\n  point: [甲]", 10, 3, "plans.point", "points"),
        ("  text: 完成了工作。", "  items:\n    - title: 甲\n      txet: 乙。", 6, 7, "summary.items[0].txet", "text"),
        (
            "  text: 完成了工作。",
            "  items:\n    - title: 甲\n      items:\n        - text: 乙。\n          clsoing: 丙。",
            8, 11, "summary.items[0].items[0].clsoing", "closing",
        ),
    ],
    ids=["top", "period", "block", "item", "nested-item"],
)
def test_unknown_keys(tmp_path, replace, with_, line, column, path, guess):
    hint = msg("schema.did-you-mean", lang="en", name=guess)
    text = MINIMAL.replace(replace, with_)
    expect(tmp_path, text, line, column, path, "schema.unknown", also=True, field=path.split(".")[-1], hint=hint)


def test_unknown_key_in_a_figure(tmp_path):
    text = MINIMAL + "figures:\n  study: {label: 学习会, value: 12, unti: 次}\n"
    hint = msg("schema.did-you-mean", lang="en", name="unit")
    expect(tmp_path, text, 11, 34, "figures.study.unti", "schema.unknown", field="unti", hint=hint)


def test_unknown_key_in_the_signature(tmp_path):
    text = MINIMAL + "signature:\n  name: 测试支部\n  dat: 2024-07-05\n"
    hint = msg("schema.did-you-mean", lang="en", name="date")
    expect(tmp_path, text, 12, 3, "signature.dat", "schema.unknown", also=True, field="dat", hint=hint)


# ---------------------------------------------------------------- characters XML cannot carry


XML_REFUSES = [*range(0x00, 0x09), 0x0B, 0x0C, *range(0x0E, 0x20), 0xFFFE, 0xFFFF]


def expect_each(tmp_path, cases):
    """One `render` of many data files {name: (text, line, column, path, code)}: each file gets its
    own bad-char diagnostic, nothing is written, exit 1."""
    lines, files = set(), []
    for name, (text, line, column, path, code) in cases.items():
        data = tmp_path / f"{name}.yaml"
        data.write_text(text, encoding="utf-8")
        files.append(str(data))
        lines.add(f"{data}:{line}:{column}: error: {path}: {msg('check.bad-char', lang='en', code=code)}")
    env = {**os.environ, "PYTHONIOENCODING": "utf-8", "REPORTGEN_LANG": "en"}
    done = subprocess.run(
        command("render", *files, "-j", "2"),
        capture_output=True, text=True, encoding="utf-8", env=env,
    )  # fmt: skip
    assert "Traceback" not in done.stderr, done.stderr
    assert done.returncode == 1
    printed = done.stderr.splitlines()
    assert lines <= set(printed), sorted(lines - set(printed))
    assert len(printed) == len(lines) + 1  # and the summary line
    assert sorted(p.suffix for p in tmp_path.iterdir()) == [".yaml"] * len(cases)


def test_raw_control_characters(tmp_path):
    cases = {
        f"u{code:04x}": (MINIMAL.replace("继续努力。", f"继续{chr(code)}努力。"), 9, 11, "plans.text", code)
        for code in XML_REFUSES + [0x7F, 0x9F]  # YAML refuses DEL and C1 controls too
    }
    expect_each(tmp_path, cases)


def test_raw_control_character_in_a_key(tmp_path):
    text = MINIMAL.replace("plans:", "pl\x1bans:")
    expect(tmp_path, text, 8, 3, "", "check.bad-char", code=0x1B)


def _escapes():
    for code in XML_REFUSES:
        yield f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04X}", code
    yield from [("\\u000b", 0x0B), ("\\v", 0x0B), ("\\e", 0x1B), ("\\0", 0x00), ("\\a", 0x07)]
    yield from [("\\ud800", 0xD800), ("\\uDFFF", 0xDFFF), ("\\U0000001f", 0x1F)]


def test_escaped_control_characters(tmp_path):
    cases = {
        f"e{n}": (MINIMAL.replace("继续努力。", f'"继续{escape}努力。"'), 9, 12, "plans.text", code)
        for n, (escape, code) in enumerate(_escapes())
    }
    expect_each(tmp_path, cases)


def test_escaped_control_character_in_a_title(tmp_path):
    text = MINIMAL.replace("  text: 完成了工作。", '  text: 完成了工作。\n  title: "总结\\x0c"')
    expect(tmp_path, text, 5, 13, "summary.title", "check.bad-char", code=0x0C)


def test_reader_errors_never_escape_read_text():
    """What PyYAML's reader raises as ReaderError (no line) comes out as a located ReadError."""
    with pytest.raises(source.ReadError) as raised:
        source.read_text("a: 1\nb: x\x01y\n", "x.yaml")
    assert (raised.value.line, raised.value.column, raised.value.key) == (2, 5, "check.bad-char")
    assert raised.value.fieldpath == ("b",)
    with pytest.raises(source.ReadError) as raised:
        source.read_text("a: \ud800\n", "x.yaml")  # a str can hold what no file can
    assert (raised.value.line, raised.value.column, raised.value.kw) == (1, 4, {"code": 0xD800})
