"""How the reviewed document is read: the same text however Word split and wrapped it."""

from __future__ import annotations

import io
import zipfile

from generator.review import document

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
MC = "http://schemas.openxmlformats.org/markup-compatibility/2006"


def package(body: str) -> bytes:
    xml = f'<w:document xmlns:w="{W}" xmlns:mc="{MC}"><w:body>{body}</w:body></w:document>'
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as z:
        z.writestr("word/document.xml", xml)
    return out.getvalue()


def r(text: str) -> str:
    return f'<w:r><w:t xml:space="preserve">{text}</w:t></w:r>'


def views(body: str) -> tuple[list[str], list[str]]:
    """Base and theirs, empty paragraphs left out (as update leaves them out)."""
    doc = document.read(package(body), "x.docx")
    return [t.text for t in doc.base() if t.text], [t.text for t in doc.theirs() if t.text]


def test_fields_smart_tags_alternate_content_and_split_runs_read_as_their_text():
    body = (
        "<w:p>" + r("支") + '<w:proofErr w:type="spellStart"/>' + r("部")
        + '<w:smartTag w:uri="u" w:element="e">' + r("开展") + "</w:smartTag>"
        + '<w:r><w:fldChar w:fldCharType="begin"/></w:r><w:r><w:instrText> IF <w:t>x</w:t></w:instrText></w:r>'
        + '<w:r><w:fldChar w:fldCharType="begin"/></w:r><w:r><w:instrText>INNER</w:instrText></w:r>'
        + '<w:r><w:fldChar w:fldCharType="separate"/></w:r>' + r("不读") + '<w:r><w:fldChar w:fldCharType="end"/></w:r>'
        + '<w:r><w:fldChar w:fldCharType="separate"/></w:r>' + r("学习") + '<w:r><w:fldChar w:fldCharType="end"/></w:r>'
        + '<w:r><mc:AlternateContent><mc:Choice Requires="w14"><w:t>活动</w:t></mc:Choice>'
        + "<mc:Fallback><w:t>活动</w:t></mc:Fallback></mc:AlternateContent></w:r>"
        + "</w:p>"
        + '<w:p><w:r><w:fldChar w:fldCharType="begin"/></w:r>' + r("断开的域") + "</w:p><w:p>" + r("下一段") + "</w:p>"
    )  # fmt: skip
    base, theirs = views(body)
    assert base == theirs == ["支部开展学习活动", "下一段"]  # a field never closed hides nothing after it


def test_revisions_marks_moves_and_rows():
    body = (
        "<w:p>" + r("保留") + '<w:del w:id="1" w:author="a" w:date="2025-01-01T00:00:00Z"><w:r><w:delText>删去</w:delText></w:r></w:del>'
        + '<w:ins w:id="2" w:author="a" w:date="2025-01-01T00:00:00Z">' + r("新加") + "</w:ins></w:p>"
        + '<w:p><w:pPr><w:rPr><w:ins w:id="3" w:author="a" w:date="2025-01-01T00:00:00Z"/></w:rPr></w:pPr>' + r("前半") + "</w:p>"
        + "<w:p>" + r("后半") + "</w:p>"
        + '<w:p><w:pPr><w:rPr><w:moveFrom w:id="4" w:author="a" w:date="2025-01-01T00:00:00Z"/></w:rPr></w:pPr>'
        + '<w:moveFrom w:id="5" w:author="a" w:date="2025-01-01T00:00:00Z">' + r("挪走") + "</w:moveFrom></w:p>"
        + '<w:tbl><w:tr><w:trPr><w:ins w:id="6" w:author="a" w:date="2025-01-01T00:00:00Z"/></w:trPr><w:tc><w:p>' + r("新行") + "</w:p></w:tc></w:tr></w:tbl>"
    )  # fmt: skip
    base, theirs = views(body)
    assert base == ["保留删去", "前半后半", "挪走"]
    assert theirs == ["保留新加", "前半", "后半", "新行"]


def test_a_line_break_typed_inside_a_paragraph_starts_one():
    base, theirs = views("<w:p>" + r("一行") + "<w:r><w:br/></w:r>" + r("二行") + '<w:r><w:br w:type="page"/></w:r></w:p>')
    assert base == theirs == ["一行", "二行"]
