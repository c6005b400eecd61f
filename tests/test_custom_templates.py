"""Custom .docx templates: rendering with -t and `template:`, the sandbox, and check-template.

Broken templates are built here, in tmp_path: a tiny .docx written with zipfile, or the example
house template with one part edited.
"""

import importlib.util
import typing
import zipfile
from dataclasses import fields, is_dataclass
from pathlib import Path
from types import UnionType
from xml.sax.saxutils import escape

import pytest
from conftest import MINIMAL, ROOT, reportgen, write
from lxml import etree
from ooxml import order_problems

from generator import pipeline
from generator.data.model import Block
from generator.errors import TemplateError
from generator.layout import LAYOUTS, Paragraph
from generator.messages import msg
from generator.templating import check
from generator.templating import context as context_mod
from generator.templating import types as template_types
from generator.templating.context import FigureRow, PeriodView, SignatureView
from generator.templating.templates import FILTERS, environment

W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
W = "{%s}" % W_NS
HOUSE = ROOT / "examples" / "house-template.docx"
BUILTIN = ROOT / "generator" / "assets" / "templates" / "gbt9704.docx"
DOCUMENT = "word/document.xml"

# ------------------------------------------------------------------ helpers


def para(text: str) -> str:
    return f'<w:p><w:r><w:t xml:space="preserve">{escape(text)}</w:t></w:r></w:p>'


def runs(*texts: str) -> str:
    """One paragraph whose text is split into runs, as Word splits a tag it has spell-checked."""
    inner = "".join(f'<w:r><w:t xml:space="preserve">{escape(t)}</w:t></w:r>' for t in texts)
    return f"<w:p>{inner}</w:p>"


def table(*rows: list[str]) -> str:
    body = "".join("<w:tr>" + "".join(f"<w:tc>{para(c)}</w:tc>" for c in row) + "</w:tr>" for row in rows)
    return f"<w:tbl>{body}</w:tbl>"


def make_docx(path: Path, *body: str) -> Path:
    """The smallest .docx Word opens: content types, a relationship, the body."""
    document = f'<?xml version="1.0" encoding="UTF-8"?><w:document xmlns:w="{W_NS}"><w:body>{"".join(body)}</w:body></w:document>'
    with zipfile.ZipFile(path, "w") as z:
        z.writestr(
            "[Content_Types].xml",
            '<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
            '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
            '<Default Extension="xml" ContentType="application/xml"/>'
            '<Override PartName="/word/document.xml" '
            'ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/></Types>',
        )
        z.writestr(
            "_rels/.rels",
            '<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
            '<Relationship Id="rId1" Target="word/document.xml" '
            'Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument"/></Relationships>',
        )
        z.writestr(DOCUMENT, document)
    return path


def edited(src: Path, dst: Path, part: str, old: str, new: str) -> Path:
    """A copy of a .docx with the first `old` in one part replaced by `new`."""
    with zipfile.ZipFile(src) as z:
        items = [(i.filename, z.read(i)) for i in z.infolist()]
    with zipfile.ZipFile(dst, "w") as z:
        for name, data in items:
            if name == part:
                text = data.decode("utf-8")
                assert old in text, old
                data = text.replace(old, new, 1).encode("utf-8")
            z.writestr(name, data)
    return dst


def texts(docx: Path, part: str = DOCUMENT) -> list[str]:
    """The text of every paragraph of a part, in order (table paragraphs too)."""
    root = etree.fromstring(zipfile.ZipFile(docx).read(part))
    return ["".join(t.text or "" for t in p.iter(W + "t")) for p in root.iter(W + "p")]


def paragraph_of(docx: Path, needle: str) -> int:
    """The 1-based number of the first paragraph whose text contains `needle`."""
    return next(i for i, t in enumerate(texts(docx), 1) if needle in t)


run = reportgen


REPORT = """\
organization: 青松社区第二党支部
period: {year: 2025, span: quarter, index: 3}
intro: 三季度，支部围绕社区服务中心工作，推进各项党建任务。
summary:
  items:
    - title: 开展主题学习
      text: 支部每月组织一次集中学习，入户走访群众${visits}。
      points:
        - 学习原文原著。
        - 结合社区实际交流体会。
      items:
        - title: 线上学习
          text: 依托学习平台开展打卡。
          items:
            - title: 青年党员学习小组
              text: 每周交流一次。
problems:
  points:
    - 学习形式还不够灵活。
plans:
  title: 四季度重点工作
  items:
    - title: 办好为民实事
      text: 推动加装电梯项目落地。
  closing: 支部将持续抓好落实。
closing: 全体党员将以更好的状态完成全年任务。
signature: {name: 中共青松社区第二支部委员会, date: 2025-10-08}
figures:
  visits: {label: 入户走访, value: 120, unit: 户, previous: 96}
"""


@pytest.fixture
def en(monkeypatch):
    monkeypatch.setenv("REPORTGEN_LANG", "en")


# ------------------------------------------------------------------ the example template


def test_example_template_is_what_its_script_builds(tmp_path):
    spec = importlib.util.spec_from_file_location("build_house", ROOT / "examples" / "build_house_template.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    module.build(tmp_path / "a.docx")
    module.build(tmp_path / "b.docx")
    assert (tmp_path / "a.docx").read_bytes() == (tmp_path / "b.docx").read_bytes() == HOUSE.read_bytes()


def test_example_template_renders_the_structure_with_labels(tmp_path):
    data = write(tmp_path, REPORT)
    out = tmp_path / "out.docx"
    done = run("render", data, "-t", HOUSE, "-o", out)
    assert done.returncode == 0, done.stderr
    assert texts(out) == [
        "青松社区第二党支部2025年三季度党建工作总结及四季度工作计划",
        "三季度，支部围绕社区服务中心工作，推进各项党建任务。",
        "一、2025年三季度工作情况",
        "（一）开展主题学习",
        "支部每月组织一次集中学习，入户走访群众120户。",
        "一是学习原文原著。二是结合社区实际交流体会。",
        "1.线上学习",
        "依托学习平台开展打卡。",
        "（1）青年党员学习小组",
        "每周交流一次。",
        "主要工作数据",
        "项目", "本期", "上期", "增减",
        "入户走访（户）", "120", "96", "增加24户",
        "二、存在的不足",
        "一是学习形式还不够灵活。",
        "三、四季度重点工作",
        "（一）办好为民实事",
        "推动加装电梯项目落地。",
        "支部将持续抓好落实。",
        "全体党员将以更好的状态完成全年任务。",
        "中共青松社区第二支部委员会",
        "2025年10月8日",
    ]  # fmt: skip
    assert texts(out, "word/header1.xml") == ["青松社区第二党支部"]


def test_example_template_and_its_output_keep_word_s_element_order(tmp_path):
    data = write(tmp_path, REPORT)
    out = tmp_path / "out.docx"
    pipeline.render_file(data, out, str(HOUSE))
    for docx in (HOUSE, out):
        with zipfile.ZipFile(docx) as z:
            for name in z.namelist():
                if name.startswith("word/") and name.endswith(".xml"):
                    assert order_problems(z.read(name)) == [], (docx, name)


# ------------------------------------------------------------------ the same context as the built-ins

PROBE = [
    "{{ title }}",
    "{{ organization }}|{{ period.year }}|{{ period.span }}|{{ period.index }}|{{ period.name }}|"
    "{{ period.next_name }}|{{ format }}",
    "{{ intro|join('/') }}|{{ closing|join('/') }}|{{ signature.name }}|{{ signature.date }}|{{ causes is none }}",
    "{{ summary.items|map(attribute='title')|join('/') }}|{{ plans.title }}|{{ problems.points|join('/') }}",
    "{{ figures|map(attribute='label')|join('/') }}|{{ figures|map(attribute='change')|join('/') }}",
    "{{ paragraphs|map(attribute='text')|join('/') }}",
]


def expected_probe(data: Path) -> list[str]:
    report = pipeline.load(data).report
    c = context_mod.build(report, LAYOUTS["standard"])
    p = c["period"]
    return [
        c["title"],
        f"{c['organization']}|{p.year}|{p.span}|{p.index}|{p.name}|{p.next_name}|standard",
        f"{'/'.join(c['intro'])}|{'/'.join(c['closing'])}|{c['signature'].name}|{c['signature'].date}|True",
        f"{'/'.join(i.title for i in c['summary'].items)}|{c['plans'].title}|{'/'.join(c['problems'].points)}",
        f"{'/'.join(f.label for f in c['figures'])}|{'/'.join(f.change for f in c['figures'])}",
        "/".join(q.text for q in c["paragraphs"]),
    ]


def test_t_path_renders_with_the_built_in_context(tmp_path):
    data = write(tmp_path, REPORT)
    make_docx(tmp_path / "probe.docx", *map(para, PROBE))
    done = run("render", data, "-t", "probe.docx", "-o", "out.docx", cwd=tmp_path)  # relative to cwd
    assert done.returncode == 0, done.stderr
    assert texts(tmp_path / "out.docx") == expected_probe(data)


def test_template_key_is_relative_to_the_data_file(tmp_path):
    folder = tmp_path / "数据"
    (folder / "模板").mkdir(parents=True)
    make_docx(folder / "模板" / "probe.docx", *map(para, PROBE))
    data = write(folder, "template: 模板/probe.docx\n" + REPORT)
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    done = run("render", data, "-o", tmp_path / "out.docx", cwd=elsewhere)
    assert done.returncode == 0, done.stderr
    assert texts(tmp_path / "out.docx") == expected_probe(data)


def _conforms(value, hint) -> bool:
    """Whether a value has the type template_types.CONTEXT_HINTS says, all the way down."""
    origin, args = typing.get_origin(hint), typing.get_args(hint)
    if origin in (typing.Union, UnionType):
        return any(_conforms(value, a) for a in args)
    if hint is type(None):
        return value is None
    if origin in (list, tuple) or hint in (list, tuple):
        return isinstance(value, list | tuple) and all(_conforms(v, args[0]) for v in value) if args else True
    if not isinstance(value, hint):
        return False
    if is_dataclass(hint):
        hints = typing.get_type_hints(hint)
        return all(_conforms(getattr(value, f.name), hints[f.name]) for f in fields(hint))
    return True


@pytest.mark.parametrize("text", [REPORT + "causes:\n  text: 学习抓得不够紧。\n", MINIMAL], ids=["full", "minimal"])
def test_checker_s_model_of_the_context_is_the_context(tmp_path, text):
    c = context_mod.build(pipeline.load(write(tmp_path, text)).report, LAYOUTS["standard"])
    assert set(c) == set(template_types.CONTEXT_HINTS)
    for name, value in c.items():
        assert _conforms(value, template_types.CONTEXT_HINTS[name]), name


def test_docs_describe_every_variable_attribute_and_filter():
    docs = (ROOT / "docs" / "templates.md").read_text(encoding="utf-8")
    names = set(template_types.CONTEXT_HINTS) | set(FILTERS)
    for cls in (Block, PeriodView, FigureRow, SignatureView, Paragraph):
        names |= {f.name for f in fields(cls)} | {n for n, v in vars(cls).items() if isinstance(v, property)}
    assert sorted(n for n in names if f"`{n}`" not in docs) == []


# ------------------------------------------------------------------ filters


def test_numbering_filters():
    template = environment().from_string(
        "{{ 11|cn_number }} {{ 11|label(1) }} {{ 11|label(2) }} {{ 11|label(3) }} {{ 11|label(4) }} "
        "{{ 3|label(5) }} {{ 11|point_label }} {{ 2|part_label }}"
    )
    assert template.render() == "十一 十一、 （十一） 11. （11） ③ 十一是 第二部分"


@pytest.mark.parametrize("expr", ["0|label(2)", "1|label(6)", "1|label('2')", "'3'|point_label", "true|cn_number", "-1|part_label"])
def test_numbering_filters_refuse_what_is_not_a_count(expr):
    with pytest.raises(ValueError):
        environment().from_string("{{ %s }}" % expr).render()


# ------------------------------------------------------------------ sandbox

HOSTILE = [
    "''.__class__.__mro__",
    "summary.__class__",
    "cycler.__init__.__globals__",
    "lipsum.__globals__",
    "summary|attr('__class__')",
    "summary.items|map(attribute='__class__')|first",
    "'{0.__class__}'.format(summary)",
]


@pytest.mark.parametrize("expr", HOSTILE)
def test_reaching_for_internals_is_refused_at_its_paragraph(tmp_path, en, expr):
    data = write(tmp_path, REPORT)
    template = make_docx(tmp_path / "evil.docx", para("{{ title }}"), para("正文"), para("敏感{{ %s }}" % expr))
    out = tmp_path / "out.docx"
    with pytest.raises(TemplateError) as caught:
        pipeline.render_file(data, out, str(template))
    assert caught.value.key == "template.unsafe"
    assert "paragraph 3 “敏感{{" in str(caught.value)
    assert "<class" not in str(caught.value)
    assert not out.exists()


def test_refused_template_exits_1_and_writes_nothing(tmp_path):
    data = write(tmp_path, REPORT)
    template = make_docx(tmp_path / "evil.docx", para("{{ title }}"), para("{{ cycler.__init__.__globals__ }}"))
    done = run("render", data, "-t", template, "-o", tmp_path / "out.docx")
    assert done.returncode == 1
    assert "paragraph 2 “{{ cycler.__init__.__globals__" in done.stderr
    assert "<module" not in done.stderr and "builtins" not in done.stderr
    assert not (tmp_path / "out.docx").exists()


def test_render_error_is_placed_in_the_document_not_the_patched_source(tmp_path, en):
    """Twenty {%p %} paragraphs come before the mistake: its number counts them, as Word does."""
    broken = edited(HOUSE, tmp_path / "t.docx", DOCUMENT, "{{ item.title }}", "{{ item.titel }}")
    data = write(tmp_path, REPORT)
    with pytest.raises(TemplateError) as caught:
        pipeline.render_file(data, tmp_path / "out.docx", str(broken))
    n = paragraph_of(broken, "item.titel")
    assert n > 5
    assert f"paragraph {n} “" in str(caught.value)


def test_syntax_error_at_render_is_placed_in_the_document(tmp_path, en):
    broken = edited(HOUSE, tmp_path / "t.docx", DOCUMENT, "{%p endif %}", "{%p endfi %}")
    data = write(tmp_path, REPORT)
    with pytest.raises(TemplateError) as caught:
        pipeline.render_file(data, tmp_path / "out.docx", str(broken))
    assert caught.value.key == "template.syntax"
    assert f"paragraph {paragraph_of(broken, '{%p endfi %}')} “{{%p endfi %}}”" in str(caught.value)


HOSTILE_DATA = """\
organization: "示例支部{{ 7*7 }}<b>&amp;"
period: {year: 2024, span: year}
intro: "引言 {{ title }} {% if true %}真{% endif %} {# 注 #} & <b>粗</b> </w:t></w:r>"
summary:
  items:
    - title: "标题 {{ cycler.__init__.__globals__ }}"
      text: "正文 {{ ''.__class__.__mro__ }}"
      points:
        - "要点 {%p endfor %} %} }}"
problems:
  text: "问题 <w:p>&lt;"
plans:
  text: "{% raw %}继续{{ 努力 }}"
"""
LITERAL = [
    "示例支部{{ 7*7 }}<b>&amp;",
    "引言 {{ title }} {% if true %}真{% endif %} {# 注 #} & <b>粗</b> </w:t></w:r>",
    "标题 {{ cycler.__init__.__globals__ }}",
    "正文 {{ ''.__class__.__mro__ }}",
    "要点 {%p endfor %} %} }}",
    "问题 <w:p>&lt;",
    "{% raw %}继续{{ 努力 }}",
]


@pytest.mark.parametrize("template", ["standard", "two-part", str(HOUSE)])
def test_template_code_in_the_data_is_printed_literally(tmp_path, template):
    data = write(tmp_path, HOSTILE_DATA)
    out = tmp_path / "out.docx"
    result = pipeline.render_file(data, out, template)
    assert result.ok, result.diagnostics
    document = "\n".join(texts(out))
    for text in LITERAL:
        assert text in document, text
    assert "49" not in document


def test_template_code_in_the_organization_is_literal_in_the_page_header(tmp_path):
    data = write(tmp_path, HOSTILE_DATA)
    pipeline.render_file(data, tmp_path / "out.docx", str(HOUSE))
    assert texts(tmp_path / "out.docx", "word/header1.xml") == ["示例支部{{ 7*7 }}<b>&amp;"]


# ------------------------------------------------------------------ check-template


def findings(path: Path) -> list[tuple[str, int | None, tuple | None]]:
    """(message key, paragraph, table cell) of each finding."""
    checked = check.check(path)
    return [(f.key, f.location and f.location.paragraph, f.location and f.location.cell) for f in checked.findings]


@pytest.mark.parametrize("template", [BUILTIN, HOUSE], ids=["built-in", "house"])
def test_good_templates_pass(template):
    checked = check.check(template)
    assert checked.findings == []
    assert checked.tags > 10
    done = run("check-template", template)
    assert done.returncode == 0
    assert done.stderr.strip() == f"{template}: OK ({checked.tags} template tags)"


def test_syntax_error_at_its_paragraph(tmp_path):
    t = make_docx(tmp_path / "t.docx", para("{{ title }}"), para("{%p for item in summary.items %}"),
                  para("{{ item.title }}"), para("{%p endfro %}"))  # fmt: skip
    assert findings(t) == [("checktpl.syntax", 4, None)]


def test_syntax_error_in_an_expression(tmp_path):
    t = make_docx(tmp_path / "t.docx", para("{{ title }}"), para("前言"), para("结尾{{ title + }}"))
    assert findings(t) == [("checktpl.syntax", 3, None)]


def test_block_never_closed_is_reported_where_it_opens(tmp_path):
    t = make_docx(tmp_path / "t.docx", para("{{ title }}"), para("{%p for item in summary.items %}"),
                  para("{{ item.title }}"), para("{%p if item.text %}"), para("{%p endif %}"), para("文字"))  # fmt: skip
    assert findings(t) == [("checktpl.syntax", 2, None)]


def test_misspelt_nested_attribute_in_the_house_template(tmp_path, en):
    t = edited(HOUSE, tmp_path / "t.docx", DOCUMENT, "{{ loop.index|label(2) }}{{ item.title }}",
               "{{ loop.index|label(2) }}{{ item.titel }}")  # fmt: skip
    checked = check.check(t)
    assert [(f.key, f.location.paragraph) for f in checked.findings] == [
        ("checktpl.unknown-attr", paragraph_of(t, "item.titel"))
    ]
    assert checked.findings[0].problem == "“item.titel”: Block has no attribute “titel”; did you mean “title”?"


@pytest.mark.parametrize(
    "body, key, hint",
    [
        ("{{ summary.items[0].items[0].titel }}", "checktpl.unknown-attr", "title"),
        ("{% for f in figures %}{{ f.lable }}{% endfor %}", "checktpl.unknown-attr", "label"),
        ("{% for f in figures|sort(attribute='nmae') %}{% endfor %}", "checktpl.unknown-attr", "name"),
        ("{% for p in paragraphs %}{{ p.leed }}{% endfor %}", "checktpl.unknown-attr", "lead"),
        ("{% for t in intro %}{{ loop.indx }}{% endfor %}", "checktpl.unknown-attr", "index"),
        ("{{ period.nane }}", "checktpl.unknown-attr", "name"),
        ("{% if signature %}{{ signature.dat }}{% endif %}", "checktpl.unknown-attr", "date"),
        ("{{ sumary.text }}", "checktpl.unknown-name", "summary"),
        ("{% for item in plans.items %}{% endfor %}{{ item.title }}", "checktpl.unknown-name", None),
        ("{{ 1|lable(2) }}", "checktpl.unknown-filter", "label"),
        ("{% if causes is nnone %}{% endif %}", "checktpl.unknown-test", "none"),
        ("{% include 'other.docx' %}", "checktpl.no-include", None),
    ],
)
def test_names_and_attributes_are_checked_against_the_model(tmp_path, en, body, key, hint):
    t = make_docx(tmp_path / "t.docx", para("{{ title }}"), para("正文"), para(body))
    checked = check.check(t)
    assert [(f.key, f.location.paragraph) for f in checked.findings] == [(key, 3)]
    if hint:
        assert checked.findings[0].problem.endswith(f"did you mean “{hint}”?")


def test_what_the_model_has_is_accepted(tmp_path):
    body = [
        "{% set ns = namespace(n=0) %}{% for item in summary.items recursive %}{% set ns.n = ns.n + 1 %}"
        "{{ loop.index|label(loop.depth + 1) }}{{ item.title|default('') }}{{ item.points|length }}"
        "{{ loop(item.items) }}{% endfor %}{{ ns.n }}",
        "{% for f in figures|selectattr('previous')|sort(attribute='name') %}{{ f.label }}{{ loop.previtem.key if loop.previtem }}{% endfor %}",
        "{{ (paragraphs|first).style_level }}{{ summary.has_content }}{{ title.strip()[:4] }}{{ causes.text|join if causes }}",
        "{% with heading = plans.title or period.next_name ~ '打算' %}{{ heading }}{% endwith %}",
        "{% macro show(b) %}{{ b.title }}{{ caller() }}{% endmacro %}{% call show(plans) %}x{% endcall %}",
    ]
    t = make_docx(tmp_path / "t.docx", *map(para, body))
    assert findings(t) == []


def test_internals_are_refused_once_per_chain(tmp_path):
    t = make_docx(tmp_path / "t.docx", para("{{ title }}"), para("{{ cycler.__init__.__globals__ }}"),
                  para("{% set x = summary.__class__ %}"), para("{{ summary.items|map(attribute='__dict__')|list }}"))  # fmt: skip
    assert findings(t) == [("checktpl.unsafe-attr", n, None) for n in (2, 3, 4)]


def test_tag_split_across_paragraphs(tmp_path):
    t = make_docx(tmp_path / "t.docx", para("{{ title }}"), para("开始 {% if summary"), para(".text %}好{% endif %}"))
    assert findings(t) == [("checktpl.split", 2, None)]


def test_tag_never_closed(tmp_path):
    t = make_docx(tmp_path / "t.docx", para("{{ title }}"), para("第二段"), para("文字 {{ organization "))
    assert findings(t) == [("checktpl.unclosed", 3, None)]


def test_tag_split_across_runs_of_one_paragraph_is_fine(tmp_path):
    t = make_docx(tmp_path / "t.docx", runs("{", "{ sum", "mary.ti", "tle }", "}"),
                  runs("{%", "p for t in in", "tro %}"), para("{{ t }}"), runs("{%p end", "for %}"))  # fmt: skip
    assert findings(t) == []


def test_error_inside_a_table_cell(tmp_path):
    t = make_docx(
        tmp_path / "t.docx",
        para("{{ title }}"),
        table(["项目", "本期"], ["{%tr for f in figures %}"], ["{{ f.label }}", "{{ f.curent }}"], ["{%tr endfor %}"]),
        para("结尾"),
    )
    assert findings(t) == [("checktpl.unknown-attr", 6, (1, 3, 2))]


def test_error_in_the_page_header(tmp_path):
    t = edited(HOUSE, tmp_path / "t.docx", "word/header1.xml", "{{ organization }}", "{{ organisation }}")
    checked = check.check(t)
    assert [(f.key, f.location.part, f.location.paragraph) for f in checked.findings] == [
        ("checktpl.unknown-name", "word/header1.xml", 1)
    ]


def test_check_template_command_exit_1_with_located_lines(tmp_path):
    t = make_docx(tmp_path / "t.docx", para("{{ title }}"), para("{%p for item in summary.items %}"),
                  para("{{ item.titel }}"), para("{%p endfor %}"), table(["{{ sumary }}"]))  # fmt: skip
    done = run("check-template", t)
    assert done.returncode == 1
    lines = done.stderr.strip().splitlines()
    assert [line.split(" “")[0] for line in lines] == [
        f"{t}: paragraph 3",
        f"{t}: paragraph 5 (table 1 row 1 cell 1)",
    ]


def test_check_template_command_cannot_run_exit_2(tmp_path):
    not_zip = tmp_path / "text.docx"
    not_zip.write_text("这不是 Word 文件", encoding="utf-8")
    no_body = tmp_path / "empty.docx"
    with zipfile.ZipFile(no_body, "w") as z:
        z.writestr("[Content_Types].xml", "<Types/>")
    for path in (not_zip, no_body, tmp_path / "missing.docx"):
        done = run("check-template", path)
        assert done.returncode == 2, path
        assert len(done.stderr.strip().splitlines()) == 1


def test_brace_escapes_in_a_template_print_braces(tmp_path):
    """docxtpl's `{_{ … }_}` writes literal braces from a template; the same characters in data stay."""
    template = make_docx(tmp_path / "t.docx", para("{_{ 字段 }_} {_% 块 %_}"), para("{{ organization }}"))
    data = write(tmp_path, MINIMAL.replace("organization: 测试支部", "organization: 测试{_{支部}_}"))
    loaded = pipeline.load(data)
    chosen = pipeline.choose_template(loaded.report, data, str(template))
    out = tmp_path / "out.docx"
    out.write_bytes(pipeline.render_bytes(loaded.report, chosen, "docx"))
    assert texts(out) == ["{{ 字段 }} {% 块 %}", "测试{_{支部}_}"]


# ------------------------------------------------------------------ an ordinary document given as a template


def ordinary_report(tmp_path: Path) -> Path:
    """A finished report, as Word saves it: the text of another report, no template tag in it."""
    data = write(tmp_path, MINIMAL.replace("完成了工作。", "去年的报告原文。"), "去年.yaml")
    done = reportgen("render", data, "-o", tmp_path / "去年的报告.docx")
    assert done.returncode == 0, done.stderr
    return tmp_path / "去年的报告.docx"


def test_ordinary_document_is_refused_by_render_t_and_check_template(tmp_path):
    plain = ordinary_report(tmp_path)
    data = write(tmp_path, MINIMAL)
    said = msg("template.no-tags", lang="en", path=plain)
    done = reportgen("render", data, "-t", plain, "-o", tmp_path / "out.docx")
    assert (done.returncode, done.stderr.strip()) == (1, f"reportgen: {said}")
    assert not (tmp_path / "out.docx").exists()
    assert "docs/templates.md" in said
    done = reportgen("check-template", plain)
    assert (done.returncode, done.stderr.strip()) == (1, f"reportgen: {said}")


def test_ordinary_document_in_the_template_key_is_an_error_at_the_key(tmp_path):
    ordinary_report(tmp_path)
    data = write(tmp_path, MINIMAL + "template: 去年的报告.docx\n")
    done = reportgen("render", data)
    said = msg("template.no-tags", lang="en", path="去年的报告.docx")
    assert (done.returncode, done.stderr.strip()) == (1, f"{data}:10:11: error: template: {said}")
    assert not (tmp_path / "report.docx").exists()


def test_renderer_refuses_a_document_without_tags(tmp_path):
    """Whatever way it is reached (diff, preview), the .docx writer prints no other report's text."""
    from generator.render import docx

    with pytest.raises(TemplateError) as refused:
        docx.compiled(ordinary_report(tmp_path))
    assert refused.value.key == "template.no-tags"
