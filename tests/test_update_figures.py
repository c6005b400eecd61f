"""update --from and figures: printed in the text, in the table's cells, derived; and custom templates."""

from __future__ import annotations

import io
import zipfile

import reviewdocs as rd
import tracked
from conftest import reportgen, write
from test_update import DATA, find, rendered, reviewed, valid

from generator import pipeline


def test_a_figure_printed_in_the_text_changes_its_value(tmp_path):
    data = write(tmp_path, DATA)
    paras = rd.texts(rendered(data))
    learn = find(paras, "支部按月制定")
    at = paras[learn].index("12次")
    doc = reviewed(tmp_path, data, [rd.Replace(learn, at, at + 2, "14")], seed=5)
    done = reportgen("update", data, "--from", doc)
    assert done.returncode == 0, done.stderr
    after = data.read_text(encoding="utf-8")
    assert "集中学习${study}" in after and "value: 14, unit: 次" in after
    assert "warning" not in done.stderr


def test_text_typed_over_a_figure_replaces_the_reference_with_a_warning(tmp_path):
    data = write(tmp_path, DATA)
    paras = rd.texts(rendered(data))
    learn = find(paras, "支部按月制定")
    at = paras[learn].index("12次")
    doc = reviewed(tmp_path, data, [rd.Replace(learn, at, at + 3, "十余次")], seed=5)
    done = reportgen("update", data, "--from", doc)
    assert done.returncode == 0, done.stderr
    assert "集中学习十余次，党员" in data.read_text(encoding="utf-8")
    assert "warning[review]" in done.stderr and "${study}" in done.stderr


def test_figures_table_cells_change_value_previous_and_label(tmp_path):
    data = write(tmp_path, DATA)
    paras = tracked.texts(tracked.document_xml(rendered(data)))  # table cells included
    doc = tmp_path / "审阅.docx"
    docx = rendered(data)
    # the cells as a reviewer types over them: 集中学习（次） 12 10 +2 → 集中研讨（次） 13 9
    xml = tracked.document_xml(docx).decode("utf-8")
    for old, new in (("<w:t xml:space=\"preserve\">集中学习（次）</w:t>", "<w:t xml:space=\"preserve\">集中研讨（次）</w:t>"),
                     ("<w:t xml:space=\"preserve\">12</w:t>", "<w:t xml:space=\"preserve\">13</w:t>"),
                     ("<w:t xml:space=\"preserve\">10</w:t>", "<w:t xml:space=\"preserve\">9</w:t>")):  # fmt: skip
        assert xml.count(old) == 1, old
        xml = xml.replace(old, new)
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(docx)) as src, zipfile.ZipFile(out, "w") as dst:
        for info in src.infolist():
            dst.writestr(info, xml.encode("utf-8") if info.filename == "word/document.xml" else src.read(info))
    doc.write_bytes(out.getvalue())
    valid(doc)
    assert "集中学习（次）" in paras
    done = reportgen("update", data, "--from", doc)
    assert done.returncode == 0, done.stderr
    assert "study: {label: 集中研讨, value: 13, unit: 次, previous: 9}\n" in data.read_text(encoding="utf-8")
    assert "warning" not in done.stderr


def test_the_change_column_follows_the_numbers_and_alone_is_warned(tmp_path):
    data = write(tmp_path, DATA)
    docx = rendered(data)
    xml = tracked.document_xml(docx).decode("utf-8")
    cells = tracked.texts(tracked.document_xml(docx))
    change = cells[cells.index("集中学习（次）") + 3]  # the row's 增减 cell, as the template words it
    old = f'<w:t xml:space="preserve">{change}</w:t>'
    assert xml.count(old) == 1
    doc = tmp_path / "审阅.docx"
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(docx)) as src, zipfile.ZipFile(out, "w") as dst:
        for info in src.infolist():
            part = xml.replace(old, '<w:t xml:space="preserve">有所增加</w:t>').encode() if info.filename == "word/document.xml" else src.read(info)
            dst.writestr(info, part)
    doc.write_bytes(out.getvalue())
    before = data.read_bytes()
    done = reportgen("update", data, "--from", doc, lang=None)
    assert done.returncode == 0 and data.read_bytes() == before
    assert f"warning[review]: 模板文字，未回写：“{change}”" in done.stderr


def test_a_derived_figure_reference_stays_and_typed_over_is_warned(tmp_path):
    data = write(tmp_path, DATA.replace("党员参学率保持在较高水平。", "较上期${study.change}，党员参学率保持在较高水平。"))
    paras = rd.texts(rendered(data))
    learn = find(paras, "支部按月制定")
    assert "较上期增加2次，" in paras[learn]
    at = paras[learn].index("较高水平")
    doc = reviewed(tmp_path, data, [rd.Replace(learn, at, at + 2, "很高")], seed=3)
    done = reportgen("update", data, "--from", doc)
    assert done.returncode == 0 and "warning" not in done.stderr, done.stderr
    assert "较上期${study.change}，党员参学率保持在很高水平。" in data.read_text(encoding="utf-8")
    at = paras[learn].index("增加2次")
    doc = reviewed(tmp_path, data, [rd.Replace(learn, at, at + 4, "有所增加")], name="二审.docx", seed=3)
    done = reportgen("update", data, "--from", doc)
    assert done.returncode == 0, done.stderr
    assert "较上期有所增加，" in data.read_text(encoding="utf-8")
    assert "${study.change}" in done.stderr and "warning[review]" in done.stderr


def test_a_custom_template_takes_what_it_prints_as_the_layout_and_warns_about_the_rest(tmp_path):
    import shutil

    from conftest import ROOT

    house = tmp_path / "本单位.docx"
    shutil.copy(ROOT / "examples" / "house-template.docx", house)
    data = write(tmp_path, DATA)
    loaded = pipeline.load(data)
    docx = pipeline.render_bytes(loaded.report, pipeline.choose_template(loaded.report, data, str(house)), "docx")
    paras = rd.texts(docx)
    title = find(paras, "测试公司第一党支部")
    plain = find(paras, "严格落实")  # the template prints this text paragraph as the layout does
    at = paras[plain].index("按月")
    alone = find(paras, "支部按月制定")  # a text without the points the layout runs on after it
    own = find(paras, "一、")  # the template's own heading
    ops = [
        rd.Replace(title, 0, 2, "示例"), rd.Replace(plain, at, at + 2, "每月"),
        rd.Replace(alone, 2, 4, "每月"), rd.Replace(own, 2, 4, "2025"),
    ]  # fmt: skip
    doc = tmp_path / "审阅.docx"
    doc.write_bytes(rd.reviewed(docx, ops, tracked=True, seed=5))
    done = reportgen("update", data, "--from", doc, "-t", house, lang=None)
    assert done.returncode == 0, done.stderr
    after = data.read_text(encoding="utf-8")
    assert "制度，每月开展" in after and "title: 示例" in after and "支部每月制定" in after
    assert f"{doc}:段{own + 1}: warning[review]: 这一段由自定义模板按自己的方式生成" in done.stderr
