"""The built-in GB/T 9704 template: reproducible build, schema order, page setup."""

from __future__ import annotations

import importlib.util
import io
import sys
import zipfile
from pathlib import Path

import pytest
from lxml import etree

sys.path.insert(0, str(Path(__file__).resolve().parent))
from ooxml import order_problems  # noqa: E402

ROOT = Path(__file__).resolve().parents[1]
BUILDER = ROOT / "scripts" / "build_template.py"
TEMPLATE = ROOT / "generator" / "assets" / "templates" / "gbt9704.docx"

W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
R_NS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
NS = {"w": W_NS, "r": R_NS}
W = "{%s}" % W_NS
EM_DASH = "\u2014"


def _load_builder():
    spec = importlib.util.spec_from_file_location("gbt9704_build_template", BUILDER)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.fixture(scope="module")
def builder():
    return _load_builder()


@pytest.fixture(scope="module")
def parts(builder) -> dict[str, bytes]:
    with zipfile.ZipFile(io.BytesIO(builder.build())) as zf:
        return {name: zf.read(name) for name in zf.namelist()}


def _xml(parts, name):
    return etree.fromstring(parts[name])


def _style(styles, style_id):
    found = styles.xpath(f"w:style[@w:styleId='{style_id}']", namespaces=NS)
    assert found, f"style {style_id} missing"
    return found[0]


def _attr(el, xpath, attr):
    found = el.xpath(xpath, namespaces=NS)
    assert found, f"{xpath} missing"
    return found[0].get(W + attr)


# (a) reproducible ------------------------------------------------------------------


def test_build_matches_committed_template(builder):
    assert TEMPLATE.exists(), "run scripts/build_template.py"
    assert builder.build() == TEMPLATE.read_bytes(), (
        "generator/assets/templates/gbt9704.docx is stale: run python scripts/build_template.py"
    )


def test_build_is_deterministic(builder):
    assert builder.build() == builder.build()


def test_zip_entries_have_fixed_time_and_compression(builder):
    with zipfile.ZipFile(io.BytesIO(builder.build())) as zf:
        names = zf.namelist()
        assert names[0] == "[Content_Types].xml"
        for info in zf.infolist():
            assert info.date_time == (1980, 1, 1, 0, 0, 0), info.filename
            assert info.compress_type == zipfile.ZIP_DEFLATED, info.filename


# (b) schema order -------------------------------------------------------------------


@pytest.mark.parametrize(
    "name",
    [
        "word/document.xml",
        "word/styles.xml",
        "word/settings.xml",
        "word/footer1.xml",
        "word/footer2.xml",
    ],
)
def test_parts_are_in_schema_order(parts, name):
    assert order_problems(parts[name]) == []


def test_every_xml_part_is_well_formed(parts):
    for name, data in parts.items():
        etree.fromstring(data)  # raises on a broken part


# (c) the checker can fail -------------------------------------------------------------


def test_checker_catches_misordered_rpr():
    bad = (
        f'<w:document xmlns:w="{W_NS}"><w:body><w:p><w:r>'
        '<w:rPr><w:sz w:val="32"/><w:b/><w:rFonts w:ascii="Times New Roman"/></w:rPr>'
        "<w:t>x</w:t></w:r></w:p></w:body></w:document>"
    ).encode()
    problems = order_problems(bad)
    assert problems, "a mis-ordered w:rPr must be reported"
    assert any("w:b" in p and "w:sz" in p for p in problems)


def test_checker_catches_misordered_ppr_in_style_and_sectpr():
    bad = (
        f'<w:styles xmlns:w="{W_NS}"><w:style w:type="paragraph" w:styleId="X">'
        '<w:name w:val="X"/><w:pPr><w:jc w:val="both"/><w:ind w:firstLine="640"/></w:pPr>'
        "</w:style></w:styles>"
    ).encode()
    assert any("w:ind" in p and "X" in p for p in order_problems(bad))
    bad_sect = (
        f'<w:document xmlns:w="{W_NS}" xmlns:r="{R_NS}"><w:body><w:sectPr>'
        '<w:pgSz w:w="11906" w:h="16838"/><w:footerReference w:type="default" r:id="rId1"/>'
        "</w:sectPr></w:body></w:document>"
    ).encode()
    assert order_problems(bad_sect)


def test_checker_accepts_good_order():
    good = (
        f'<w:document xmlns:w="{W_NS}"><w:body><w:p><w:pPr><w:pStyle w:val="Normal"/>'
        '<w:keepNext/><w:spacing w:line="579"/><w:ind w:firstLine="640"/><w:jc w:val="both"/>'
        '<w:rPr><w:rFonts w:ascii="Times New Roman"/><w:b/><w:sz w:val="32"/></w:rPr></w:pPr>'
        "</w:p></w:body></w:document>"
    ).encode()
    assert order_problems(good) == []


# (d) page setup and styles -------------------------------------------------------------


def test_page_setup(parts):
    doc = _xml(parts, "word/document.xml")
    sect = doc.xpath("/w:document/w:body/w:sectPr", namespaces=NS)
    assert len(sect) == 1
    sect = sect[0]
    pg_sz = sect.find(W + "pgSz")
    assert (pg_sz.get(W + "w"), pg_sz.get(W + "h")) == ("11906", "16838")
    assert pg_sz.get(W + "orient") in (None, "portrait")
    mar = sect.find(W + "pgMar")
    assert mar.get(W + "top") == "2098"  # 37 mm
    assert mar.get(W + "bottom") == "1984"  # 35 mm
    assert mar.get(W + "left") == "1587"  # 28 mm
    assert mar.get(W + "right") == "1474"  # 26 mm
    # page number about 7 mm below the 35 mm bottom margin
    assert 1300 <= int(mar.get(W + "footer")) <= 1600
    grid = sect.find(W + "docGrid")
    assert grid.get(W + "type") == "lines"
    assert grid.get(W + "linePitch") == "579"
    refs = {r.get(W + "type") for r in sect.findall(W + "footerReference")}
    assert refs == {"default", "even"}


def test_normal_style(parts):
    styles = _xml(parts, "word/styles.xml")
    normal = _style(styles, "Normal")
    assert normal.get(W + "default") == "1"
    assert _attr(normal, "w:rPr/w:rFonts", "eastAsia") == "仿宋_GB2312"
    assert _attr(normal, "w:rPr/w:rFonts", "ascii") == "Times New Roman"
    assert _attr(normal, "w:rPr/w:rFonts", "hAnsi") == "Times New Roman"
    assert _attr(normal, "w:rPr/w:rFonts", "hint") == "eastAsia"
    assert _attr(normal, "w:rPr/w:sz", "val") == "32"
    assert _attr(normal, "w:rPr/w:szCs", "val") == "32"
    assert int(_attr(normal, "w:rPr/w:spacing", "val")) < 0
    assert _attr(normal, "w:pPr/w:spacing", "line") == "579"
    assert _attr(normal, "w:pPr/w:spacing", "lineRule") == "exact"
    assert _attr(normal, "w:pPr/w:ind", "firstLineChars") == "200"
    assert _attr(normal, "w:pPr/w:ind", "firstLine") == "640"
    assert _attr(normal, "w:pPr/w:jc", "val") == "both"
    defaults = styles.find(W + "docDefaults")
    assert _attr(defaults, "w:rPrDefault/w:rPr/w:rFonts", "eastAsia") == "仿宋_GB2312"
    assert _attr(defaults, "w:rPrDefault/w:rPr/w:sz", "val") == "32"


def test_title_and_heading_styles(parts):
    styles = _xml(parts, "word/styles.xml")
    title = _style(styles, "Title")
    assert _attr(title, "w:rPr/w:rFonts", "eastAsia") == "方正小标宋简体"
    assert _attr(title, "w:rPr/w:sz", "val") == "44"
    assert _attr(title, "w:pPr/w:jc", "val") == "center"
    assert _attr(title, "w:pPr/w:snapToGrid", "val") == "0"
    assert _attr(title, "w:pPr/w:ind", "firstLineChars") == "0"
    assert _attr(title, "w:pPr/w:spacing", "after") == "579"
    expected = {
        "Heading1": ("heading 1", "黑体", "0"),
        "Heading2": ("heading 2", "楷体_GB2312", "1"),
        "Heading3": ("heading 3", "仿宋_GB2312", "2"),
        "Heading4": ("heading 4", "仿宋_GB2312", "3"),
        "PartHeading": ("Part Heading", "黑体", "0"),
    }
    for style_id, (name, font, level) in expected.items():
        style = _style(styles, style_id)
        assert _attr(style, "w:name", "val") == name
        assert _attr(style, "w:rPr/w:rFonts", "eastAsia") == font, style_id
        assert _attr(style, "w:pPr/w:outlineLvl", "val") == level, style_id
        assert style.find(f"{W}pPr/{W}keepNext") is not None, style_id
    heading1_bold = _style(styles, "Heading1").find(f"{W}rPr/{W}b")
    assert heading1_bold is None or heading1_bold.get(W + "val") in ("0", "false")
    assert _attr(_style(styles, "PartHeading"), "w:pPr/w:jc", "val") == "center"


def test_run_in_signature_and_table_styles(parts):
    styles = _xml(parts, "word/styles.xml")
    for style_id, font in {
        "RunIn1": "黑体",
        "RunIn2": "楷体_GB2312",
        "RunIn3": "仿宋_GB2312",
        "RunIn4": "仿宋_GB2312",
    }.items():
        style = _style(styles, style_id)
        assert style.get(W + "type") == "character"
        assert _attr(style, "w:rPr/w:rFonts", "eastAsia") == font
    for style_id, before in {"Signature": "579", "SignatureDate": "0"}.items():
        style = _style(styles, style_id)
        assert _attr(style, "w:pPr/w:jc", "val") == "right"
        assert _attr(style, "w:pPr/w:ind", "rightChars") == "200"
        assert _attr(style, "w:pPr/w:ind", "right") == "640"
        assert _attr(style, "w:pPr/w:ind", "firstLine") == "0"
        assert _attr(style, "w:pPr/w:spacing", "before") == before
    assert _style(styles, "FiguresTable").get(W + "type") == "table"
    assert _attr(_style(styles, "TableHeader"), "w:rPr/w:rFonts", "eastAsia") == "黑体"
    assert _attr(_style(styles, "TableNumber"), "w:pPr/w:jc", "val") == "right"
    assert _attr(_style(styles, "TableCaption"), "w:rPr/w:rFonts", "eastAsia") == "黑体"
    assert _attr(_style(styles, "Footer"), "w:rPr/w:rFonts", "eastAsia") == "宋体"
    assert _attr(_style(styles, "Footer"), "w:rPr/w:sz", "val") == "28"


def test_every_rfonts_is_complete_and_theme_free(parts):
    for name in ("word/styles.xml", "word/document.xml", "word/footer1.xml", "word/footer2.xml"):
        root = _xml(parts, name)
        for el in root.iter():
            for attr in el.attrib:
                assert "Theme" not in attr, f"{name}: {el.tag} has {attr}"
        for fonts in root.iter(W + "rFonts"):
            assert fonts.get(W + "ascii") == "Times New Roman", name
            assert fonts.get(W + "hAnsi") == "Times New Roman", name
            assert fonts.get(W + "eastAsia"), name
            assert fonts.get(W + "hint") == "eastAsia", name
    assert b"Theme" not in parts["word/styles.xml"]


def test_even_and_odd_headers_setting(parts):
    settings = _xml(parts, "word/settings.xml")
    assert settings.find(W + "evenAndOddHeaders") is not None


# (e) footers ------------------------------------------------------------------------------


def _footer_targets(parts) -> dict[str, str]:
    """footerReference type -> footer part name, through the document's relationships."""
    rels = etree.fromstring(parts["word/_rels/document.xml.rels"])
    targets = {r.get("Id"): "word/" + r.get("Target") for r in rels}
    doc = _xml(parts, "word/document.xml")
    return {
        ref.get(W + "type"): targets[ref.get(f"{{{R_NS}}}id")]
        for ref in doc.iter(W + "footerReference")
    }


def _page_field_text(footer: etree._Element) -> tuple[str, str]:
    """The text before and after a complex PAGE field in the footer paragraph."""
    paras = footer.findall(W + "p")
    assert len(paras) == 1
    before, after, state, instr = [], [], "before", ""
    for run in paras[0].iter(W + "r"):
        for child in run:
            if child.tag == W + "fldChar":
                kind = child.get(W + "fldCharType")
                state = {"begin": "instr", "separate": "result", "end": "after"}[kind]
            elif child.tag == W + "instrText":
                assert state == "instr"
                instr += child.text or ""
            elif child.tag == W + "t":
                if state == "before":
                    before.append(child.text or "")
                elif state == "after":
                    after.append(child.text or "")
    assert instr.split() == ["PAGE"], instr
    assert state == "after", "field not closed"
    return "".join(before), "".join(after)


@pytest.mark.parametrize(
    "kind, jc, side",
    [("default", "right", "right"), ("even", "left", "left")],
)
def test_footer_page_number(parts, kind, jc, side):
    footer = _xml(parts, _footer_targets(parts)[kind])
    before, after = _page_field_text(footer)
    assert before == EM_DASH + " "
    assert after == " " + EM_DASH
    ppr = footer.find(f"{W}p/{W}pPr")
    assert _attr(ppr, "w:pStyle", "val") == "Footer"
    assert _attr(ppr, "w:jc", "val") == jc
    assert _attr(ppr, "w:ind", f"{side}Chars") == "100"
    assert _attr(ppr, "w:ind", side) == "280"


# rendering with stock docxtpl -------------------------------------------------------------


def test_renders_with_stock_docxtpl(tmp_path):
    docxtpl = pytest.importorskip("docxtpl")
    jinja2 = pytest.importorskip("jinja2")
    from types import SimpleNamespace as NS_

    def para(kind, text, level=0, lead=""):
        return NS_(kind=kind, level=level, lead=lead, text=text)

    context = {
        "title": "示例公司第一党支部2024年党建工作总结",
        "paragraphs": [
            para("part", "第一部分　总结"),
            para("heading", "一、基本情况", 1),
            para("heading", "（一）政治建设", 2),
            para("heading", "1.学习", 3),
            para("heading", "（1）专题", 4),
            para("body", "正文 A & B <b> {{ x }}"),
            para("body", "一是落实。", 1, "一、落实主体责任。"),
            para("body", "二级正文。", 2, "（一）强化。"),
            para("figures", ""),
        ],
        "figures": [NS_(label="发展党员", current="3", previous="1", change="+2")],
        "signature": NS_(name="中共示例支部委员会", date="2024年7月10日"),
    }
    template = docxtpl.DocxTemplate(str(TEMPLATE))
    template.render(context, jinja_env=jinja2.Environment(autoescape=True))
    out = tmp_path / "out.docx"
    template.save(str(out))
    with zipfile.ZipFile(out) as zf:
        document = zf.read("word/document.xml")
    assert order_problems(document) == []
    root = etree.fromstring(document)
    text = "".join(root.itertext())
    assert "{%" not in text and "{{ p." not in text
    assert "正文 A & B <b> {{ x }}" in text
    assert "2024年7月10日" in text and "主要工作数据" in text
    styles = [
        p.find(f"{W}pPr/{W}pStyle").get(W + "val")
        for p in root.iter(W + "p")
        if p.find(f"{W}pPr/{W}pStyle") is not None
        and p.getparent().tag == W + "body"
    ]
    assert styles == [
        "Title", "PartHeading", "Heading1", "Heading2", "Heading3", "Heading4",
        "Normal", "Normal", "Normal", "TableCaption", "Signature", "SignatureDate",
    ]
    rows = root.findall(f".//{W}tbl/{W}tr")
    assert len(rows) == 2  # header + one figures row; the {%tr %} rows are gone
    run_styles = [s.get(W + "val") for s in root.iter(W + "rStyle")]
    assert run_styles == ["RunIn1", "RunIn2"]
