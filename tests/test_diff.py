"""`reportgen diff`: two versions → the new render with Word tracked changes.

Every case checks the output against the two plain renders with tests/tracked.py, which accepts
and rejects revisions by the OOXML rules (not with the code under test): accepting all gives the
new render and rejecting all the old one, paragraph by paragraph and run properties included
(table cells too), and the marks stay within the targets of issue 14.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import zipfile
from pathlib import Path

import pytest
import tracked
from conftest import reportgen, requires_soffice, write
from lxml import etree
from ooxml import order_problems

from generator import pipeline
from generator.diff import command as diffing
from generator.diff import sequence
from generator.messages import msg

BASE = """\
organization: 测试公司第一党支部
period: {year: 2024, span: half, index: 1}
intro: |
  上半年，支部围绕生产经营中心任务，扎实推进各项党建工作。全体党员立足岗位、主动作为，较好完成了半年目标。

  现将有关情况报告如下：
summary:
  items:
    - title: 加强理论学习
      text: 支部按月制定学习计划，组织集中学习${study}，党员参学率保持在较高水平。
      points:
        - 坚持领学制度。每次学习由一名支委领学。
        - 推行班前微课。利用班前会讲授小专题。
    - title: 规范组织生活
      text: 严格落实“三会一课”制度，按月开展主题党日活动。
    - title: 推进安全生产
      text: 党员责任区实现全覆盖，全年未发生安全事故。
    - title: 做好宣传工作
      text: 在公司内刊发表稿件十余篇。
problems:
  points:
    - 学习形式比较单一，互动交流不够。
    - 党建与业务融合的办法还不多。
plans:
  items:
    - title: 深化理论学习
      text: 每月至少组织一次集中学习。
    - title: 提升组织力
      text: 开展支部标准化建设。
signature: {name: 中共测试公司第一支部委员会, date: 2024-07-05}
figures:
  study: {label: 集中学习, value: 12, unit: 次, previous: 10}
  posts: {label: 宣传稿件, value: 11, unit: 篇, previous: 9}
"""


def render_xml(path: Path, template: str | None = None) -> bytes:
    loaded = pipeline.load(path)
    assert loaded.ok, loaded.diagnostics
    chosen = pipeline.choose_template(loaded.report, path, template)
    return tracked.document_xml(pipeline.render_bytes(loaded.report, chosen, "docx"))


def compare_versions(
    tmp_path: Path, old_text: str, new_text: str, moved: bool = False, mark_before: int = 0,
    template: str | None = None,
) -> tuple[bytes, bytes, bytes]:
    """Run the diff; check accept/reject and the targets; return (output, old, new) document.xml.

    Paragraphs that differ (a table row counts as one): the paragraph edit distance (a changed
    paragraph is one), except for a move, which is marked as deleted and inserted: there, the
    paragraphs of either side outside their longest common subsequence. `mark_before`: paragraphs
    came or went before a table or at the end, so the unchanged paragraph before them carries the
    paragraph mark revision (test_paragraphs_added_or_removed_before_a_table_or_at_the_end): that
    many such places.
    """
    old = write(tmp_path, old_text, "old.yaml")
    new = write(tmp_path, new_text, "new.yaml")
    out_path = tmp_path / "out.docx"
    result = diffing.run(str(old), str(new), out_path, template, author="审核人", date="2024-07-05T08:00:00")
    assert result.tracked is not None, result.diagnostics
    out = tracked.document_xml(out_path.read_bytes())
    old_xml, new_xml = render_xml(old, template), render_xml(new, template)
    assert tracked.paragraphs(tracked.accept(out)) == tracked.paragraphs(new_xml)
    assert tracked.paragraphs(tracked.reject(out)) == tracked.paragraphs(old_xml)
    chars, pmarks, marked = tracked.marks(out)
    old_texts, new_texts = tracked.units(old_xml), tracked.units(new_xml)
    distance = tracked.levenshtein("\n".join(tracked.texts(old_xml)), "\n".join(tracked.texts(new_xml)))
    assert chars + pmarks <= 2 * distance
    differ = tracked.outside_lcs(old_texts, new_texts) if moved else tracked.levenshtein(old_texts, new_texts)
    assert marked <= differ + mark_before
    assert order_problems(out) == []
    return out, old_xml, new_xml


def inserted(xml: bytes) -> list[str]:
    root = etree.fromstring(xml)
    return ["".join(x.itertext()) for x in root.iter(tracked.q("ins")) if x.getparent().tag == tracked.q("p")]


def deleted(xml: bytes) -> list[str]:
    root = etree.fromstring(xml)
    return ["".join(x.itertext()) for x in root.iter(tracked.q("del")) if x.getparent().tag == tracked.q("p")]


# ------------------------------------------------------------------ what is marked


def test_a_word_changed_inside_a_sentence_marks_that_word(tmp_path):
    out, _, _ = compare_versions(tmp_path, BASE, BASE.replace("按月开展主题党日", "每月开展主题党日"))
    assert deleted(out) == ["按"]
    assert inserted(out) == ["每"]
    assert tracked.marks(out) == (2, 0, 1)


def test_a_deleted_item_marks_it_and_only_the_labels_that_changed(tmp_path):
    new = BASE.replace("    - title: 规范组织生活\n      text: 严格落实“三会一课”制度，按月开展主题党日活动。\n", "")
    out, _, _ = compare_versions(tmp_path, BASE, new)
    assert "（二）规范组织生活" in "".join(deleted(out))
    # （三）→（二）, （四）→（三）: the numerals only
    assert sorted(d for d in deleted(out) if len(d) == 1) == ["三", "四"]
    assert sorted(inserted(out)) == ["三", "二"]


def test_an_added_item_is_inserted_with_its_paragraph_mark(tmp_path):
    new = BASE.replace("    - title: 提升组织力\n", "    - title: 加强作风建设\n      text: 精简会议和报表。\n    - title: 提升组织力\n")
    out, _, _ = compare_versions(tmp_path, BASE, new)
    root = etree.fromstring(out)
    added = [p for p in root.iter(tracked.q("p")) if p.find("w:pPr/w:rPr/w:ins", tracked.NS) is not None]
    assert ["".join(p.itertext()) for p in added] == ["（二）加强作风建设。精简会议和报表。"]
    assert inserted(out).count("三") == 1  # 提升组织力 is （三） now


def test_a_moved_item(tmp_path):
    moved = "    - title: 推进安全生产\n      text: 党员责任区实现全覆盖，全年未发生安全事故。\n"
    new = BASE.replace(moved, "").replace("problems:\n", "").replace(
        "    - title: 做好宣传工作\n      text: 在公司内刊发表稿件十余篇。\n",
        "    - title: 做好宣传工作\n      text: 在公司内刊发表稿件十余篇。\n" + moved + "problems:\n",
    )
    out, _, _ = compare_versions(tmp_path, BASE, new, moved=True)
    gone, came = "".join(deleted(out)), "".join(inserted(out))
    # one of the two items changes place: deleted where it was, inserted where it is now
    assert any(title in gone and title in came for title in ("推进安全生产", "做好宣传工作")), (gone, came)


def test_a_figure_changed_in_its_cell_and_where_the_text_uses_it(tmp_path):
    out, _, _ = compare_versions(tmp_path, BASE, BASE.replace("value: 12, unit: 次", "value: 15, unit: 次"))
    root = etree.fromstring(out)
    cells = root.xpath("//w:tc[.//w:ins]", namespaces=tracked.NS)
    # 本期 and 增减; 12 → 15 is one character replaced, so that is what is marked (2 ≤ 2 × 1)
    assert ["".join(c.itertext()) for c in cells] == ["125", "增加25次"]
    body = [p for p in root.xpath("//w:body/w:p[w:ins]", namespaces=tracked.NS)]
    assert len(body) == 1 and "集中学习125次" in "".join(body[0].itertext())
    assert deleted(out) == ["2"] * 3 and inserted(out) == ["5"] * 3


def test_a_part_title_changed(tmp_path):
    out, _, _ = compare_versions(tmp_path, BASE, BASE.replace("problems:\n", "problems:\n  title: 存在的问题和不足\n"))
    assert deleted(out) == []
    assert inserted(out) == ["的", "和不足"]


def test_the_intro_split_in_two_is_one_paragraph_mark(tmp_path):
    new = BASE.replace("各项党建工作。全体党员", "各项党建工作。\n\n  全体党员")
    out, _, _ = compare_versions(tmp_path, BASE, new)
    assert tracked.marks(out) == (0, 1, 1)


def test_two_paragraphs_joined_are_one_deleted_paragraph_mark(tmp_path):
    new = BASE.replace("半年目标。\n\n  现将", "半年目标。现将")
    out, _, _ = compare_versions(tmp_path, BASE, new)
    assert tracked.marks(out) == (0, 1, 1)
    assert etree.fromstring(out).xpath("count(//w:pPr/w:rPr/w:del)", namespaces=tracked.NS) == 1


def test_a_figure_added_and_one_removed_are_table_rows(tmp_path):
    figures = "figures:\n  study: {label: 集中学习, value: 12, unit: 次, previous: 10}\n"
    new = BASE.replace("  posts: {label: 宣传稿件, value: 11, unit: 篇, previous: 9}\n", "").replace(
        figures, "figures:\n  members: {label: 发展党员, value: 2, unit: 人}\n" + figures[9:]
    )
    out, _, _ = compare_versions(tmp_path, BASE, new)
    root = etree.fromstring(out)
    added = root.xpath("//w:tr[w:trPr/w:ins]", namespaces=tracked.NS)
    gone = root.xpath("//w:tr[w:trPr/w:del]", namespaces=tracked.NS)
    assert ["".join(r.itertext()) for r in added] == ["发展党员（人）2——"]
    assert ["".join(r.itertext()) for r in gone] == ["宣传稿件（篇）119增加2篇"]


def test_a_figure_replaced_by_another_is_changed_in_its_row(tmp_path):
    new = BASE.replace("  posts: {label: 宣传稿件, value: 11, unit: 篇, previous: 9}\n", "  members: {label: 发展党员, value: 2, unit: 人}\n")
    out, _, _ = compare_versions(tmp_path, BASE, new)
    root = etree.fromstring(out)
    assert not root.xpath("//w:trPr/w:ins | //w:trPr/w:del", namespaces=tracked.NS)
    row = root.xpath("//w:tr[.//w:ins]", namespaces=tracked.NS)
    assert len(row) == 1
    assert "宣传稿件" in "".join(row[0].xpath(".//w:del//text()", namespaces=tracked.NS))
    assert "发展党员" in "".join(row[0].xpath(".//w:ins//text()", namespaces=tracked.NS))


SIGNATURE = "signature: {name: 中共测试公司第一支部委员会, date: 2024-07-05}\n"
NO_FIGURES = BASE.replace("${study}", "12次").split("figures:")[0]


@pytest.mark.parametrize(
    "old, new",
    [(BASE.replace(SIGNATURE, ""), BASE), (BASE, BASE.replace(SIGNATURE, "")), (NO_FIGURES, BASE), (BASE, NO_FIGURES)],
    ids=["signature added", "signature removed", "figures added", "figures removed"],
)
def test_paragraphs_added_or_removed_before_a_table_or_at_the_end(tmp_path, old, new):
    """A paragraph mark has no paragraph to join there: the revision goes on the mark before."""
    out, _, _ = compare_versions(tmp_path, old, new, mark_before=1)
    body = etree.fromstring(out).find(tracked.q("body"))
    for p in body.findall(tracked.q("p")):  # (a whole row's cells are inserted or deleted with the row)
        nxt = p.getnext()
        if nxt is None or nxt.tag != tracked.q("p"):  # before a table or the section properties
            assert p.find("w:pPr/w:rPr/w:ins", tracked.NS) is None and p.find("w:pPr/w:rPr/w:del", tracked.NS) is None


def test_an_item_that_gets_items_of_its_own_turns_its_run_in_heading_into_a_heading(tmp_path):
    # the paragraph "（一）深化理论学习。每月…" becomes a heading (another style) and a paragraph
    new = BASE.replace(
        "      text: 每月至少组织一次集中学习。\n",
        "      text: 每月至少组织一次集中学习。\n      items:\n        - title: 开展专题研讨\n          text: 每季度一次。\n",
    )
    compare_versions(tmp_path, BASE, new)


def test_a_run_split_by_a_revision_keeps_the_run_in_heading_style(tmp_path):
    out, _, _ = compare_versions(tmp_path, BASE, BASE.replace("title: 深化理论学习", "title: 深化理论武装"))
    # the lead "（一）深化理论学习。" is split into four runs, each with the lead's style
    root = etree.fromstring(out)
    changed = root.xpath("//w:ins/w:r | //w:del/w:r", namespaces=tracked.NS)
    assert {r.find("w:rPr/w:rStyle", tracked.NS).get(tracked.q("val")) for r in changed} == {"RunIn2"}
    lead = changed[0].getparent().getparent()
    assert [r.find("w:rPr/w:rStyle", tracked.NS) is not None for r in lead.iter(tracked.q("r"))] == [
        True, True, True, True, False,
    ]  # fmt: skip


def test_identical_inputs_have_no_marks_and_say_so(tmp_path):
    out, _, new_xml = compare_versions(tmp_path, BASE, BASE)
    assert tracked.marks(out) == (0, 0, 0)
    old = write(tmp_path, BASE, "a.yaml")
    done = reportgen("diff", old, old, "-o", tmp_path / "same.docx")
    assert done.returncode == 0, done.stderr
    assert "no changes" in done.stderr
    done = reportgen("diff", old, old, "--format", "md")
    assert done.returncode == 0 and "no changes" in done.stdout


def test_every_revision_has_a_unique_id_the_author_and_the_date(tmp_path):
    new = BASE.replace("按月开展", "每月开展").replace("  posts: {label: 宣传稿件, value: 11, unit: 篇, previous: 9}\n", "")
    out, _, _ = compare_versions(tmp_path, BASE, new)
    marks = etree.fromstring(out).xpath("//w:ins | //w:del", namespaces=tracked.NS)
    ids = [m.get(tracked.q("id")) for m in marks]
    assert len(marks) > 3 and len(set(ids)) == len(ids)
    assert {m.get(tracked.q("author")) for m in marks} == {"审核人"}
    assert {m.get(tracked.q("date")) for m in marks} == {"2024-07-05T08:00:00Z"}


# ------------------------------------------------------------------ the command


def test_the_command_writes_beside_new_and_turns_tracking_on(tmp_path, monkeypatch):
    old = write(tmp_path, BASE, "v1.yaml")
    new = write(tmp_path, BASE.replace("按月开展", "每月开展"), "v2.yaml")
    done = reportgen("diff", old, new, "--author", "张三", "--date", "2024年7月5日")
    assert done.returncode == 0, done.stderr
    out = tmp_path / "v2-修订.docx"
    assert f"wrote {out}" in done.stderr and "1 paragraph(s) changed" in done.stderr
    with zipfile.ZipFile(out) as z:
        settings = z.read("word/settings.xml")
        assert b"<w:trackRevisions/>" in settings and order_problems(settings) == []
        xml = z.read("word/document.xml")
    assert b'w:author="\xe5\xbc\xa0\xe4\xb8\x89"' in xml and b'w:date="2024-07-05T00:00:00Z"' in xml
    again = tmp_path / "again.docx"
    assert reportgen("diff", old, new, "--author", "张三", "--date", "2024-07-05", "-o", again).returncode == 0
    assert again.read_bytes() == out.read_bytes()  # reproducible


def test_the_default_date_is_source_date_epoch(tmp_path):
    old = write(tmp_path, BASE, "v1.yaml")
    new = write(tmp_path, BASE.replace("按月开展", "每月开展"), "v2.yaml")
    os.environ["SOURCE_DATE_EPOCH"] = "1720137600"
    try:
        done = reportgen("diff", old, new, "-o", tmp_path / "x.docx")
    finally:
        del os.environ["SOURCE_DATE_EPOCH"]
    assert done.returncode == 0, done.stderr
    xml = tracked.document_xml((tmp_path / "x.docx").read_bytes())
    assert b'w:date="2024-07-05T00:00:00Z"' in xml and b'w:author="reportgen"' in xml


def test_markdown_summary(tmp_path):
    old = write(tmp_path, BASE, "v1.yaml")
    new = write(tmp_path, BASE.replace("按月开展", "每月开展").replace("value: 12,", "value: 13,"), "v2.yaml")
    done = reportgen("diff", old, new, "--format", "md", lang=None)
    assert done.returncode == 0, done.stderr
    assert "\n\n严格落实“三会一课”制度，~~按~~**每**月开展主题党日活动。\n\n" in done.stdout
    assert "\n\n集中学习（次） \\| 1~~2~~**3** \\| 10 \\| 增加~~2~~**3**次\n" in done.stdout
    assert "3 段有修订" in done.stdout
    assert not list(tmp_path.glob("*.docx"))


def test_bad_date_and_output_over_an_input_are_exit_2(tmp_path):
    old = write(tmp_path, BASE, "v1.yaml")
    new = write(tmp_path, BASE.replace("按月", "每月"), "v2.yaml")
    done = reportgen("diff", old, new, "--date", "yesterday")
    assert done.returncode == 2 and "--date “yesterday”" in done.stderr
    before = old.read_bytes()
    done = reportgen("diff", old, new, "-o", old)
    assert done.returncode == 2 and old.read_bytes() == before
    assert not list(tmp_path.glob("*.docx"))


def test_invalid_old_is_located_in_its_own_file_and_nothing_is_written(tmp_path):
    old = write(tmp_path, BASE.replace("  text: 每月至少", "  txt: 每月至少"), "v1.yaml")
    new = write(tmp_path, BASE, "v2.yaml")
    done = reportgen("diff", old, new)
    assert done.returncode == 1
    assert re.search(rf"{re.escape(str(old))}:\d+:7: error: plans.items\[0\].txt", done.stderr), done.stderr
    assert not list(tmp_path.glob("*.docx"))


# ------------------------------------------------------------------ git revisions


def git(repo: Path, *args: str) -> str:
    env = {**os.environ, "GIT_AUTHOR_NAME": "李四", "GIT_AUTHOR_EMAIL": "li@example.invalid",
           "GIT_COMMITTER_NAME": "李四", "GIT_COMMITTER_EMAIL": "li@example.invalid"}  # fmt: skip
    return subprocess.run(["git", *args], cwd=repo, env=env, check=True, capture_output=True, text=True).stdout


needs_git = pytest.mark.skipif(shutil.which("git") is None, reason="git is not installed")


@pytest.fixture
def repo(tmp_path):
    root = tmp_path / "报告 仓库"
    (root / "data").mkdir(parents=True)
    git(root, "init", "-q")
    write(root / "data", BASE, "支部.yaml")
    git(root, "add", ".")
    git(root, "commit", "-qm", "初稿")
    git(root, "tag", "v2024H1")
    write(root / "data", BASE.replace("按月开展", "每月开展"), "支部.yaml")
    git(root, "commit", "-qam", "修改")
    return root


@needs_git
def test_git_revisions_in_a_repository(repo):
    done = reportgen("diff", "v2024H1:data/支部.yaml", "HEAD:data/支部.yaml", cwd=repo / "data")
    assert done.returncode == 0, done.stderr
    out = repo / "data" / "支部-修订.docx"
    xml = tracked.document_xml(out.read_bytes())
    assert inserted(xml) == ["每"] and deleted(xml) == ["按"]
    assert b'w:author="\xe6\x9d\x8e\xe5\x9b\x9b"' in xml  # 李四, the author of NEW's commit
    # a revision against the working file, the path relative to the current folder
    write(repo / "data", BASE.replace("按月开展", "逐月开展"), "支部.yaml")
    done = reportgen("diff", "HEAD:./支部.yaml", "支部.yaml", "-o", repo / "w.docx", cwd=repo / "data")
    assert done.returncode == 0, done.stderr
    assert inserted(tracked.document_xml((repo / "w.docx").read_bytes())) == ["逐"]


@needs_git
def test_a_revision_that_does_not_exist_is_exit_2(repo):
    done = reportgen("diff", "v1999:data/支部.yaml", "data/支部.yaml", cwd=repo)
    assert done.returncode == 2
    assert "there is no revision “v1999”" in done.stderr
    done = reportgen("diff", "HEAD:data/其他.yaml", "data/支部.yaml", cwd=repo)
    assert done.returncode == 2 and "has no file “data/其他.yaml”" in done.stderr
    assert not list(repo.rglob("*.docx"))


@needs_git
def test_outside_a_repository_a_revision_is_exit_2(tmp_path):
    new = write(tmp_path, BASE, "v2.yaml")
    done = reportgen("diff", "HEAD:v2.yaml", new, cwd=tmp_path)
    assert done.returncode == 2 and "not in a git repository" in done.stderr


def test_without_git_a_revision_is_exit_2_and_files_still_work(tmp_path, monkeypatch):
    old = write(tmp_path, BASE, "v1.yaml")
    new = write(tmp_path, BASE.replace("按月开展", "每月开展"), "v2.yaml")
    monkeypatch.setenv("PATH", str(tmp_path / "empty"))  # no git (python is started by its full path)
    done = reportgen("diff", "HEAD:v1.yaml", new, cwd=tmp_path)
    assert done.returncode == 2 and "git is not installed" in done.stderr
    done = reportgen("diff", old, new, cwd=tmp_path)
    assert done.returncode == 0, done.stderr
    assert b'w:author="reportgen"' in tracked.document_xml((tmp_path / "v2-修订.docx").read_bytes())


@needs_git
def test_an_invalid_revision_is_located_as_rev_path_line_col(repo):
    write(repo / "data", BASE.replace("period: {year: 2024", "period: {year: 1900"), "支部.yaml")
    git(repo, "commit", "-qam", "坏")
    done = reportgen("diff", "HEAD:data/支部.yaml", "HEAD~1:data/支部.yaml", cwd=repo)
    assert done.returncode == 1
    assert re.search(r"^HEAD:data/支部\.yaml:2:\d+: error: period\.year", done.stderr, re.M), done.stderr


# ------------------------------------------------------------------ LibreOffice, and the pieces


@requires_soffice
def test_libreoffice_converts_the_output_and_shows_both_versions(tmp_path):
    from generator.render import pdf

    compare_versions(tmp_path, BASE, BASE.replace("title: 加强理论学习", "title: 加强理论武装"))
    data = pdf.convert((tmp_path / "out.docx").read_bytes())
    (tmp_path / "out.pdf").write_bytes(data)
    text = subprocess.run(["pdftotext", str(tmp_path / "out.pdf"), "-"], capture_output=True, text=True).stdout
    assert "（一）加强理论学习武装" in text  # deleted and inserted text both shown


def _uno_python() -> str | None:
    """A Python with LibreOffice's uno module (the system one, with Debian's python3-uno)."""
    for exe in ("/usr/bin/python3", shutil.which("python3")):
        if exe and subprocess.run([exe, "-c", "import uno"], capture_output=True).returncode == 0:
            return exe
    return None


UNO = _uno_python() if shutil.which("soffice") else None
requires_uno = pytest.mark.skipif(
    UNO is None and not os.environ.get("REPORTGEN_REQUIRE_SOFFICE"),
    reason="LibreOffice or its Python bridge (python3-uno) is not installed",
)

EVERYTHING = (
    BASE.replace("按月开展主题党日", "每月开展主题党日")  # a word
    .replace("各项党建工作。全体党员", "各项党建工作。\n\n  全体党员")  # a split
    .replace("    - title: 规范组织生活\n      text: 严格落实“三会一课”制度，按月开展主题党日活动。\n", "")  # an item gone
    .replace("    - title: 提升组织力\n", "    - title: 加强作风建设\n      text: 精简会议和报表。\n    - title: 提升组织力\n")
    .replace("problems:\n", "problems:\n  title: 存在的问题和不足\n")
    .replace("      text: 每月至少组织一次集中学习。\n", "      text: 每月至少组织一次集中学习。\n      items:\n        - title: 开展研讨\n          text: 每季度一次。\n")
    .replace("value: 12, unit: 次", "value: 15, unit: 次")
    .replace("  posts: {label: 宣传稿件, value: 11, unit: 篇, previous: 9}\n", "  members: {label: 发展党员, value: 2, unit: 人}\n")
)  # fmt: skip


REWRITTEN = BASE.replace(
    """    - title: 规范组织生活
      text: 严格落实“三会一课”制度，按月开展主题党日活动。
    - title: 推进安全生产
      text: 党员责任区实现全覆盖，全年未发生安全事故。
""",
    """    - title: 推进安全生产
      text: 党员责任区实现全覆盖。年中，支部组织党员开展隐患排查二十次，全年未发生安全事故。
    - title: 加强作风建设
      text: 精简会议和报表，按月通报落实情况。
    - title: 规范组织生活
      text: 按月开展主题党日活动，严格落实“三会一课”制度。
""",
)


def test_a_part_rewritten_and_reordered(tmp_path):
    compare_versions(tmp_path, BASE, REWRITTEN, moved=True)


@pytest.mark.parametrize("template", ["standard", "flat", "points", "headline", "two-part", "house"])
def test_every_format_and_a_custom_template(tmp_path, template):
    if template == "house":
        template = str(Path(__file__).resolve().parent.parent / "examples" / "house-template.docx")
    compare_versions(tmp_path, BASE, EVERYTHING, template=template)


@requires_soffice
@requires_uno
def test_libreoffice_accepting_and_rejecting_all_gives_the_two_versions(tmp_path):
    """LibreOffice's own Accept All and Reject All, paragraph styles and cells included."""
    assert UNO is not None, "REPORTGEN_REQUIRE_SOFFICE is set: install python3-uno"
    pairs = {
        "everything": (BASE, EVERYTHING), "ends": (NO_FIGURES, BASE.replace(SIGNATURE, "")), "rewritten": (BASE, REWRITTEN),
    }  # fmt: skip
    files = []
    for name, (old, new) in pairs.items():
        folder = tmp_path / name
        folder.mkdir()
        # "ends": the marks before the caption and the signature; "rewritten": items change places
        compare_versions(folder, old, new, moved=name == "rewritten", mark_before=2 if name == "ends" else 0)
        for version in ("old", "new"):
            assert pipeline.render_file(folder / f"{version}.yaml", folder / f"{version}.docx").ok
        files += [folder / "out.docx", folder / "old.docx", folder / "new.docx"]
    script = Path(__file__).with_name("lo_accept_reject.py")
    done = subprocess.run([UNO, script, tmp_path / "profile", *files], capture_output=True, text=True, timeout=600)
    assert done.returncode == 0, done.stderr
    read = [json.loads(line) for line in done.stdout.splitlines()]
    for n, name in enumerate(pairs):
        out, old, new = read[3 * n : 3 * n + 3]
        assert out["redlines"] > 3, name
        assert out["accepted"] == new["plain"], name
        assert out["rejected"] == old["plain"], name


def test_levenshtein_against_the_textbook_algorithm():
    import random

    rng = random.Random(7)
    for _ in range(500):
        a = [rng.randint(0, 4) for _ in range(rng.randint(0, 40))]
        b = [rng.randint(0, 4) for _ in range(rng.randint(0, 80))]
        assert sequence.levenshtein(a, b) == tracked.levenshtein(a, b)


@needs_git
def test_a_path_git_does_not_find_is_said_in_the_chosen_language_without_git_s_hints(repo):
    """From a subfolder, `HEAD:支部.yaml` is not the file: git's English `hint:` becomes our did-you-mean."""
    done = reportgen("diff", "HEAD:支部.yaml", "支部.yaml", cwd=repo / "data", lang=None)
    assert done.returncode == 2
    assert done.stderr.strip() == "reportgen: " + msg("diff.no-path", lang="zh", rev="HEAD", path="支部.yaml",
                                                       hint=msg("diff.no-path-did-you-mean", lang="zh", spec="HEAD:data/支部.yaml"))  # fmt: skip
    write(repo / "data", BASE, "新的.yaml")
    done = reportgen("diff", "HEAD:data/新的.yaml", "data/支部.yaml", cwd=repo, lang=None)
    assert done.returncode == 2
    assert done.stderr.strip().endswith(msg("diff.no-path-not-committed", lang="zh"))
    for english in ("hint:", "fatal:", "Did you mean", "exists"):
        assert english not in done.stderr
