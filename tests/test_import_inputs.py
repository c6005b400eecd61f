"""`reportgen import` on the command line: bad inputs, messages, exit codes, nothing written.

Every case runs the command as a user does (conftest.reportgen), which also checks that no
traceback is printed.
"""

from __future__ import annotations

import io
import os
import zipfile

import pytest
from conftest import ROOT, reportgen, requires_soffice
from docxbuild import P, make

TITLE = "青松机械厂装配车间党支部2024年上半年党建工作总结及下半年工作计划"
LINES = [TITLE, "一、基本情况", "（一）抓好学习", "全年集中学习六次。", "二、存在问题", "学习还不够深入。", "三、下步打算", "继续抓好学习。"]


def report_txt(folder, name="r.txt", lines=LINES):
    path = folder / name
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def assert_refused(done, folder, code=1, says=""):
    assert done.returncode == code, done.stderr
    assert says in done.stderr, done.stderr
    assert not list(folder.glob("*.yaml")), "nothing is written"


# ---------------------------------------------------------------- what works


def test_import_writes_beside_the_source_and_says_what_it_found(tmp_path):
    source = report_txt(tmp_path)
    done = reportgen("import", source)
    assert done.returncode == 0, done.stderr
    assert (tmp_path / "r.yaml").is_file()
    assert "template standard, 1 items, 0 points, 0 figures, 0 warnings" in done.stderr
    assert reportgen("validate", tmp_path / "r.yaml").returncode == 0
    assert reportgen("render", tmp_path / "r.yaml").returncode == 0


def test_warnings_name_the_paragraph_or_line(tmp_path):
    lines = [TITLE, "一、基本情况", "（一）抓好学习", "全年集中学习六次。", "二、下步打算", "继续抓好学习。"]
    done = reportgen("import", report_txt(tmp_path, lines=lines), lang=None)
    assert done.returncode == 0
    assert f"{tmp_path / 'r.txt'}: warning[import]: 报告中没有找到存在问题（problems）部分" in done.stderr
    docx = tmp_path / "d.docx"
    docx.write_bytes(make([P(TITLE, center=True), "一、基本情况", "（一）抓好学习", [["姓名", "职务"], ["张三", "书记"]], *LINES[4:]]))
    done = reportgen("import", docx)
    assert f"{docx}:para 4: warning[import]: this table is not" in done.stderr
    zh = reportgen("import", docx, "--force", lang=None)
    assert f"{docx}:段4: warning[import]:" in zh.stderr
    # a line number for text files
    text = report_txt(tmp_path, "t.txt", [TITLE, "一、基本情况", "（一）抓好学习", "1.开会", "（1）开支委会", "①按月", "⑴更深。还有内容。", *LINES[4:]])
    assert f"{text}:7: warning[import]:" in reportgen("import", text).stderr


def test_strict_makes_warnings_fail_and_writes_nothing(tmp_path):
    source = report_txt(tmp_path, lines=[TITLE, "一、基本情况", "学了。", "二、下步打算", "继续学。"])
    assert_refused(reportgen("import", source, "--strict"), tmp_path, 1, "warning[import]")
    assert reportgen("import", report_txt(tmp_path, "ok.txt"), "--strict").returncode == 0


def test_an_existing_output_needs_force(tmp_path):
    source = report_txt(tmp_path)
    out = tmp_path / "r.yaml"
    out.write_text("mine\n", encoding="utf-8")
    done = reportgen("import", source)
    assert done.returncode == 2 and "--force" in done.stderr
    assert out.read_text(encoding="utf-8") == "mine\n"
    assert reportgen("import", source, "--force").returncode == 0
    assert out.read_text(encoding="utf-8") != "mine\n"


def test_many_inputs_keep_going_past_bad_ones(tmp_path):
    good, bad = report_txt(tmp_path), tmp_path / "bad.docx"
    bad.write_bytes(b"not a zip")
    out = tmp_path / "out"
    out.mkdir()
    done = reportgen("import", bad, good, "-o", f"{out}/")
    assert done.returncode == 1
    assert "imported 1, failed 1" in done.stderr and (out / "r.yaml").is_file() and not (out / "bad.yaml").exists()
    done = reportgen("import", good, bad, "-o", str(tmp_path / "one.yaml"))
    assert done.returncode == 2 and "-o must be a folder" in done.stderr


def test_flags_are_checked_and_a_missing_one_named(tmp_path):
    source = report_txt(tmp_path, lines=["党建工作总结", *LINES[1:]])
    assert_refused(reportgen("import", source), tmp_path, 1, "--period")  # no year anywhere: the period is not guessed
    assert_refused(reportgen("import", source, "--org", "示例党支部", "--period", "2024H3"), tmp_path, 2, "2024H3")
    assert reportgen("import", source, "--org", "示例党支部", "--period", "2024H1").returncode == 0


# ---------------------------------------------------------------- bad inputs


def test_a_corrupt_zip(tmp_path):
    path = tmp_path / "r.docx"
    path.write_bytes(make(["x"])[:200])  # cut short
    assert_refused(reportgen("import", path), tmp_path, 1, "not a valid Word document")
    path.write_bytes(os.urandom(5000))
    assert_refused(reportgen("import", path), tmp_path, 1, "not a valid Word document")


def test_a_docx_whose_document_xml_is_not_xml(tmp_path):
    path = tmp_path / "r.docx"
    path.write_bytes(make([], document=b"<w:document><w:body><w:p>"))
    assert_refused(reportgen("import", path), tmp_path, 1, "word/document.xml is not valid XML")


def test_a_docx_without_a_document(tmp_path):
    path = tmp_path / "r.docx"
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as z:
        z.writestr("hello.txt", "hi")
    path.write_bytes(buffer.getvalue())
    assert_refused(reportgen("import", path), tmp_path, 1, "word/document.xml")


@pytest.mark.parametrize("name", ["empty.docx", "empty.txt", "blank.txt", "empty.md"])
def test_an_empty_document(tmp_path, name):
    path = tmp_path / name
    if name.endswith(".docx"):
        path.write_bytes(make([P(""), "   "]))
    else:
        path.write_text("" if name.startswith("empty") else "\n \u3000\n\t\n", encoding="utf-8")
    assert_refused(reportgen("import", path), tmp_path, 1, "has no text")


def test_a_50_mb_file(tmp_path):
    text = tmp_path / "big.txt"
    with text.open("wb") as f:
        f.write(("\n".join(LINES) + "\n").encode("utf-8") * (50 * 1024 * 1024 // 200))
    assert_refused(reportgen("import", text), tmp_path, 1, "too large")
    random = tmp_path / "big.docx"
    random.write_bytes(os.urandom(50 * 1024 * 1024))
    assert_refused(reportgen("import", random), tmp_path, 1, "not a valid Word document")


def test_a_zip_bomb(tmp_path):
    path = tmp_path / "bomb.docx"
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("word/document.xml", b"<" + b" " * (100 * 1024 * 1024))
    path.write_bytes(buffer.getvalue())
    assert_refused(reportgen("import", path), tmp_path, 1, "zip bomb")


def test_a_password_protected_document(tmp_path):
    path = tmp_path / "locked.docx"  # Word saves an encrypted .docx as an OLE compound file
    path.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + os.urandom(4000))
    assert_refused(reportgen("import", path), tmp_path, 1, "password")


def test_a_gbk_text_file(tmp_path):
    path = tmp_path / "gbk.txt"
    path.write_bytes("\n".join(LINES).encode("gbk"))
    assert_refused(reportgen("import", path), tmp_path, 1, "GBK")


def test_an_unsupported_file(tmp_path):
    path = tmp_path / "r.pdf"
    path.write_bytes(b"%PDF-1.4")
    assert_refused(reportgen("import", path), tmp_path, 1, ".docx .txt .md")
    assert_refused(reportgen("import", tmp_path / "missing.docx"), tmp_path, 2, "missing.docx")


def test_a_doc_without_libreoffice_is_exit_2_with_the_install_hint(tmp_path, monkeypatch):
    path = tmp_path / "old.doc"
    path.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 1000)
    monkeypatch.setenv("PATH", str(tmp_path / "nothing"))
    monkeypatch.delenv("ProgramFiles", raising=False)
    done = reportgen("import", path)
    assert_refused(done, tmp_path, 2, "soffice")
    assert "libreoffice" in done.stderr.lower()


@requires_soffice
def test_a_doc_libreoffice_cannot_read(tmp_path):
    path = tmp_path / "broken.doc"
    path.write_bytes(os.urandom(3000))
    done = reportgen("import", path)
    assert done.returncode in (1, 2) and not list(tmp_path.glob("*.yaml")), done.stderr


def test_the_sample_reports_import(tmp_path):
    """A rendered sample, whatever it was, comes back (a smoke test of the whole command)."""
    data = ROOT / "sample_data" / "2024-h1.yaml"
    out = tmp_path / "s.docx"
    assert reportgen("render", data, "-o", out).returncode == 0
    done = reportgen("import", out)
    assert done.returncode == 0, done.stderr
