"""`reportgen update DATA.yaml --from REVIEWED.docx` on documents saved the way Word and WPS save them."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
import reviewdocs as rd
import tracked
from conftest import VALIDATOR, reportgen, requires_soffice, write

from generator import pipeline
from generator.review import command

DATA = """\
# yaml-language-server: $schema=../schemas/report.schema.json
# 支部 2024 年上半年总结（初稿）
organization: 测试公司第一党支部
period: {year: 2024, span: half, index: 1}
intro: |
  上半年，支部围绕生产经营中心任务，扎实推进各项党建工作。
  全体党员立足岗位、主动作为，较好完成了半年目标。

  现将有关情况报告如下：

summary:
  items:
    - title: 加强理论学习
      text: 支部按月制定学习计划，组织集中学习${study}，党员参学率保持在较高水平。
      points:
        - 坚持领学制度。每次学习由一名支委领学。
        - '推行班前微课。利用班前会讲授小专题。'
    - title: 规范组织生活   # 组织委员负责
      text: "严格落实“三会一课”制度，按月开展主题党日活动。"
problems:
  points:
    - 学习形式比较单一，互动交流不够。
    - 党建与业务融合的办法还不多。
plans:
  items:
    - title: 深化理论学习
      text: 每月至少组织一次集中学习。
signature: {name: 中共测试公司第一支部委员会, date: 2024-07-05}
figures:
  study: {label: 集中学习, value: 12, unit: 次, previous: 10}
"""


def rendered(path: Path) -> bytes:
    loaded = pipeline.load(path)
    assert loaded.ok, loaded.diagnostics
    return pipeline.render_bytes(loaded.report, pipeline.choose_template(loaded.report, path, None), "docx")


def texts(path: Path) -> list[str]:
    return tracked.texts(tracked.document_xml(rendered(path)))


def valid(docx: Path) -> None:
    """0 errors from the OOXML validator: a package Word opens."""
    done = subprocess.run([sys.executable, str(VALIDATOR), str(docx)], capture_output=True, text=True)
    assert done.returncode == 0 and " 0 schema/MCE error(s), 0 extra finding(s)" in done.stdout, done.stdout + done.stderr


def reviewed(tmp_path: Path, data: Path, ops: list, name: str = "审阅.docx", **kw) -> Path:
    out = tmp_path / name
    out.write_bytes(rd.reviewed(rendered(data), ops, **kw))
    valid(out)
    return out


def find(paras: list[str], start: str) -> int:
    return next(n for n, p in enumerate(paras) if p.startswith(start))


# ------------------------------------------------------------------ Word and WPS documents


@pytest.mark.parametrize("flavour", ["word", "wps"])
@pytest.mark.parametrize("tracked_", [True, False])
def test_edits_come_back_into_their_fields(tmp_path, flavour, tracked_):
    data = write(tmp_path, DATA)
    paras = rd.texts(rendered(data))
    learn = find(paras, "支部按月制定")
    life = find(paras, "严格落实")
    ops = [
        rd.Replace(learn, 2, 4, "每月"),  # 按月 → 每月, in a paragraph with a figure and inline points
        rd.Replace(life, paras[life].index("按月"), paras[life].index("按月") + 2, "每月"),
        rd.InsertAfter(find(paras, "上半年，支部"), "支部还组织了两次专题党课。"),
        rd.Comment(learn, 0, 6, "张三", "这里的数字请核实", replies=[("李四", "已核实")]),
    ]
    doc = reviewed(tmp_path, data, ops, tracked=tracked_, flavour=flavour, seed=3)
    before = data.read_text(encoding="utf-8")
    done = reportgen("update", data, "--from", doc, lang=None)
    assert done.returncode == 0, done.stderr
    after = data.read_text(encoding="utf-8")
    expected = (
        before.replace("支部按月制定", "支部每月制定")
        .replace("“三会一课”制度，按月开展", "“三会一课”制度，每月开展")
        .replace("  全体党员立足岗位、主动作为，较好完成了半年目标。\n", "  全体党员立足岗位、主动作为，较好完成了半年目标。\n\n  支部还组织了两次专题党课。\n")
    )  # fmt: skip
    assert after == expected
    assert f"{data}:14:13: note[review]: 张三（2025-07-08）：这里的数字请核实" in done.stderr
    assert "已核实" in done.stderr
    assert "已回写 3 处修改（3 个字段），2 条批注，0 处冲突，0 处未回写" in done.stderr
    assert rd.texts(rendered(data)) == rd.applied(paras, ops)


def test_a_moved_point_a_deleted_paragraph_and_word_markup(tmp_path):
    data = write(tmp_path, DATA.replace("organization:", "template: points\norganization:"))
    paras = rd.texts(rendered(data))
    first = find(paras, "一是坚持领学制度")
    ops = [
        rd.Delete(find(paras, "现将有关情况")),
        rd.Replace(find(paras, "（一）深化"), 5, 9, "理论武装"),
        rd.Move(first, first + 1),  # Word's w:moveFrom / w:moveTo
    ]
    doc = reviewed(tmp_path, data, ops, tracked=True, flavour="word", seed=11)
    assert b"w:moveFrom" in tracked.document_xml(doc.read_bytes())
    done = reportgen("update", data, "--from", doc)
    assert done.returncode == 0, done.stderr
    after = data.read_text(encoding="utf-8")
    assert "现将有关情况报告如下" not in after
    assert "intro: |\n  上半年，支部围绕生产经营中心任务，扎实推进各项党建工作。\n  全体党员立足岗位、主动作为，较好完成了半年目标。\n\nsummary" in after
    assert "title: 深化理论武装\n" in after
    assert after.index("推行班前微课。利用") < after.index("坚持领学制度。每次") < after.index("规范组织生活")
    now = rd.texts(rendered(data))
    first = find(now, "一是")
    assert now[first : first + 2] == ["一是推行班前微课。利用班前会讲授小专题。", "二是坚持领学制度。每次学习由一名支委领学。"]
    assert "warning" not in done.stderr


def test_renumbering_is_ignored_and_other_template_text_is_warned(tmp_path):
    data = write(tmp_path, DATA)
    paras = rd.texts(rendered(data))
    life = find(paras, "（二）规范组织生活")
    caption = find(paras, "主要工作数据")
    before = data.read_bytes()
    doc = reviewed(tmp_path, data, [rd.Replace(life, 1, 2, "三"), rd.Replace(caption, 0, 2, "重要")], seed=2)
    done = reportgen("update", data, "--from", doc, lang=None)
    assert done.returncode == 0, done.stderr
    assert data.read_bytes() == before
    assert done.stderr.count("warning[review]") == 1
    assert f"{doc}:段{caption + 1}: warning[review]: 模板文字，未回写" in done.stderr
    assert "0 处冲突，1 处未回写" in done.stderr


# ------------------------------------------------------------------ three-way


def test_a_conflict_is_located_and_nothing_is_written(tmp_path):
    data = write(tmp_path, DATA)
    paras = rd.texts(rendered(data))
    life = find(paras, "严格落实")
    at = paras[life].index("按月")
    doc = reviewed(tmp_path, data, [rd.Replace(life, at, at + 2, "每月")], tracked=True, seed=4)
    moved_on = DATA.replace("按月开展主题党日活动", "按月开展主题党日和志愿服务活动")
    data.write_text(moved_on, encoding="utf-8")
    done = reportgen("update", data, "--from", doc, lang=None)
    assert done.returncode == 1
    assert data.read_text(encoding="utf-8") == moved_on
    assert f"{data}:19:13: error[review]: summary.items[1].text: 冲突（{doc}:段{life + 1}）" in done.stderr
    assert "0 处未回写" in done.stderr and "1 处冲突" in done.stderr


def test_the_data_moved_on_elsewhere_and_the_edit_is_taken(tmp_path):
    data = write(tmp_path, DATA)
    paras = rd.texts(rendered(data))
    life = find(paras, "严格落实")
    at = paras[life].index("按月")
    doc = reviewed(tmp_path, data, [rd.Replace(life, at, at + 2, "每月")], tracked=True, seed=4)
    moved_on = DATA.replace("每月至少组织一次集中学习", "每月至少组织两次集中学习")
    data.write_text(moved_on, encoding="utf-8")
    done = reportgen("update", data, "--from", doc)
    assert done.returncode == 0, done.stderr
    assert data.read_text(encoding="utf-8") == moved_on.replace("制度，按月开展", "制度，每月开展")


def test_the_same_edit_on_both_sides_is_no_conflict(tmp_path):
    data = write(tmp_path, DATA)
    paras = rd.texts(rendered(data))
    life = find(paras, "严格落实")
    at = paras[life].index("按月")
    doc = reviewed(tmp_path, data, [rd.Replace(life, at, at + 2, "每月")], tracked=True, seed=4)
    both = DATA.replace("制度，按月开展", "制度，每月开展")
    data.write_text(both, encoding="utf-8")
    done = reportgen("update", data, "--from", doc)
    assert done.returncode == 0, done.stderr
    assert data.read_text(encoding="utf-8") == both


# ------------------------------------------------------------------ writing the file


def test_every_other_byte_stays_crlf_bom_quotes_comments(tmp_path):
    text = "\ufeff" + DATA.replace("\n", "\r\n")
    data = tmp_path / "report.yaml"
    data.write_bytes(text.encode("utf-8"))
    paras = rd.texts(rendered(data))
    learn = find(paras, "支部按月")
    micro = paras[learn].index("推行班前微课")
    doc = reviewed(tmp_path, data, [rd.Replace(learn, micro, micro, "着力"), rd.Replace(find(paras, "（二）规范"), 3, 3, "严格")], seed=8)
    done = reportgen("update", data, "--from", doc)
    assert done.returncode == 0, done.stderr
    after = data.read_bytes()
    assert after.startswith(b"\xef\xbb\xbf")
    assert after.decode("utf-8") == text.replace("'推行班前微课", "'着力推行班前微课").replace(
        "title: 规范组织生活   # 组织委员负责", "title: 严格规范组织生活   # 组织委员负责"
    )


def test_a_plain_scalar_is_quoted_only_when_it_must_be(tmp_path):
    data = write(tmp_path, DATA)
    paras = rd.texts(rendered(data))
    plan = find(paras, "（一）深化理论学习")
    end = len(paras[plan])
    doc = reviewed(tmp_path, data, [rd.Replace(plan, end - 1, end, "：原则: 每周 #1")], seed=8)
    done = reportgen("update", data, "--from", doc)
    assert done.returncode == 0, done.stderr
    assert 'text: "每月至少组织一次集中学习：原则: 每周 #1"\n' in data.read_text(encoding="utf-8")
    assert rd.texts(rendered(data))[plan].endswith("：原则: 每周 #1")


def test_dry_run_prints_the_diff_and_writes_nothing(tmp_path):
    data = write(tmp_path, DATA)
    paras = rd.texts(rendered(data))
    doc = reviewed(tmp_path, data, [rd.Replace(find(paras, "（一）深化"), 3, 5, "深入")], seed=1)
    before = data.read_bytes()
    done = reportgen("update", data, "--from", doc, "--dry-run")
    assert done.returncode == 0, done.stderr
    assert data.read_bytes() == before
    assert f"--- a/{data}\n+++ b/{data}\n" in done.stdout
    assert "-      text: 每月至少组织一次集中学习。" not in done.stdout
    assert "-    - title: 深化理论学习\n+    - title: 深入理论学习\n" in done.stdout


def test_output_elsewhere_and_comments_as_yaml(tmp_path):
    data = write(tmp_path, DATA)
    paras = rd.texts(rendered(data))
    learn = find(paras, "支部按月制定")
    doc = reviewed(tmp_path, data, [rd.Comment(learn, 0, 4, "张三", "这里的数字\n请核实", replies=[("李四", "已核实")])], seed=1)
    out = tmp_path / "new.yaml"
    before = data.read_bytes()
    done = reportgen("update", data, "--from", doc, "-o", out, "--comments", "yaml", lang=None)
    assert done.returncode == 0, done.stderr
    assert data.read_bytes() == before
    assert "      # 批注（张三，2025-07-08）：这里的数字 请核实\n      # 　回复（李四，2025-07-08）：已核实\n      text: 支部按月" in out.read_text(encoding="utf-8")


# ------------------------------------------------------------------ bad input


def test_a_document_not_rendered_from_this_data_suggests_import(tmp_path):
    from docxbuild import make

    data = write(tmp_path, DATA)
    doc = tmp_path / "别的.docx"
    doc.write_bytes(make(["某单位2023年工作总结", "一、主要工作", "全年完成了各项任务。", "二、存在问题", "还有差距。"]))
    before = data.read_bytes()
    done = reportgen("update", data, "--from", doc)
    assert done.returncode == 1
    assert "reportgen import" in done.stderr and data.read_bytes() == before


@pytest.mark.parametrize("content", [b"not a zip", b"PK\x03\x04broken"])
def test_a_corrupt_document_is_exit_1_and_nothing_is_written(tmp_path, content):
    data = write(tmp_path, DATA)
    doc = tmp_path / "坏.docx"
    doc.write_bytes(content)
    before = data.read_bytes()
    done = reportgen("update", data, "--from", doc)
    assert done.returncode == 1 and data.read_bytes() == before
    assert "reportgen:" in done.stderr


def test_missing_inputs_are_exit_2(tmp_path):
    data = write(tmp_path, DATA)
    assert reportgen("update", data, "--from", tmp_path / "无.docx").returncode == 2
    assert reportgen("update", tmp_path / "无.yaml", "--from", data).returncode == 2
    assert reportgen("update", data).returncode == 2


def test_invalid_data_is_located_and_exit_1(tmp_path):
    data = write(tmp_path, DATA.replace("organization: 测试公司第一党支部\n", ""))
    doc = tmp_path / "x.docx"
    doc.write_bytes(b"PK")
    done = reportgen("update", data, "--from", doc)
    assert done.returncode == 1 and f"{data}:" in done.stderr


@requires_soffice
def test_an_odt_goes_through_libreoffice(tmp_path):
    data = write(tmp_path, DATA)
    paras = rd.texts(rendered(data))
    doc = reviewed(tmp_path, data, [rd.Replace(find(paras, "（一）深化"), 3, 5, "深入")], tracked=False, seed=1)
    done = subprocess.run(
        ["soffice", f"-env:UserInstallation=file://{tmp_path}/profile", "--headless", "--convert-to", "odt", "--outdir", str(tmp_path), str(doc)],
        capture_output=True, timeout=180,
    )  # fmt: skip
    odt = doc.with_suffix(".odt")
    assert odt.is_file(), done.stderr
    result = command.update(data, odt)
    assert result.exit_code == 0, [d.render() for d in result.diagnostics]
    assert "title: 深入理论学习\n" in data.read_text(encoding="utf-8")


def git(repo: Path, *args: str) -> None:
    env = {"GIT_AUTHOR_NAME": "支部书记", "GIT_AUTHOR_EMAIL": "s@example.invalid",
           "GIT_COMMITTER_NAME": "支部书记", "GIT_COMMITTER_EMAIL": "s@example.invalid"}  # fmt: skip
    import os

    subprocess.run(["git", *args], cwd=repo, env={**os.environ, **env}, check=True, capture_output=True)


@pytest.mark.skipif(__import__("shutil").which("git") is None, reason="git is not installed")
def test_base_names_the_revision_the_reviewer_was_given(tmp_path):
    repo = tmp_path / "仓库"
    repo.mkdir()
    git(repo, "init", "-q")
    data = write(repo, DATA, "2024H1.yaml")
    git(repo, "add", ".")
    git(repo, "commit", "-qm", "送审稿")
    paras = rd.texts(rendered(data))
    life = find(paras, "严格落实")
    at = paras[life].index("按月")
    doc = reviewed(tmp_path, data, [rd.Replace(life, at, at + 2, "每月")], tracked=False, seed=4)  # no 修订
    moved_on = DATA.replace("每月至少组织一次集中学习", "每月至少组织两次集中学习")
    data.write_text(moved_on, encoding="utf-8")
    git(repo, "commit", "-qam", "之后又改了一处")
    # without --base, the current render is taken as what the reviewer got: the plans paragraph
    # the reviewer never touched would read as the reviewer undoing the later change
    done = reportgen("update", "2024H1.yaml", "--from", doc, "--base", "HEAD~1", "--dry-run", cwd=repo)
    assert done.returncode == 0, done.stderr
    assert "-      text: \"严格落实“三会一课”制度，按月开展主题党日活动。\"" in done.stdout
    assert "两次" not in done.stdout
    done = reportgen("update", "2024H1.yaml", "--from", doc, "--base", "HEAD~1", cwd=repo)
    assert data.read_text(encoding="utf-8") == moved_on.replace("制度，按月开展", "制度，每月开展")
    assert reportgen("update", "2024H1.yaml", "--from", doc, "--base", "no-such-rev", cwd=repo).returncode == 2


def test_a_heading_typed_between_items_is_a_new_item(tmp_path):
    data = write(tmp_path, DATA)
    paras = rd.texts(rendered(data))
    life = find(paras, "严格落实")
    ops = [rd.InsertAfter(life, "加强作风建设", style="Heading2"), rd.InsertAfter(life, "精简会议和报表，按月通报落实情况。")]
    doc = reviewed(tmp_path, data, ops, tracked=True, seed=6)
    done = reportgen("update", data, "--from", doc)
    assert done.returncode == 0, done.stderr
    assert "    - title: 加强作风建设\n      text: 精简会议和报表，按月通报落实情况。\nproblems:" in data.read_text(encoding="utf-8")
    assert rd.texts(rendered(data))[life + 1 : life + 3] == ["（三）加强作风建设", "精简会议和报表，按月通报落实情况。"]


def test_an_oversized_document_is_refused_and_nothing_is_written(tmp_path, monkeypatch):
    data = write(tmp_path, DATA)
    paras = rd.texts(rendered(data))
    doc = reviewed(tmp_path, data, [rd.InsertAfter(1, "很长的段落。" * 400)], seed=1)
    monkeypatch.setattr(command, "MAX_CHARS", 2000)
    before = data.read_bytes()
    with pytest.raises(command.ImportFailed) as e:
        command.update(data, doc)
    assert e.value.exit_code == 1 and "2000" in str(e.value)
    assert data.read_bytes() == before and paras


def test_a_password_protected_document_says_so(tmp_path):
    data = write(tmp_path, DATA)
    doc = tmp_path / "加密.docx"
    doc.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 600)  # what Word saves with a password: OLE
    done = reportgen("update", data, "--from", doc, lang="en")
    assert done.returncode == 1 and "password" in done.stderr.lower(), done.stderr


def test_an_edit_typed_with_track_changes_off_is_warned_not_lost(tmp_path):
    data = write(tmp_path, DATA)
    paras = rd.texts(rendered(data))
    plan = find(paras, "（一）深化")
    docx = rd.reviewed(rendered(data), [rd.Replace(plan, 3, 5, "深入")], tracked=False, flavour="wps", seed=2)  # 修订 off
    doc = tmp_path / "审阅.docx"
    life = find(paras, "严格落实")
    at = paras[life].index("按月")
    doc.write_bytes(rd.reviewed(docx, [rd.Replace(life, at, at + 2, "每月")], tracked=True, seed=3))  # then on
    valid(doc)
    done = reportgen("update", data, "--from", doc, lang=None)
    assert done.returncode == 0, done.stderr
    after = data.read_text(encoding="utf-8")
    assert "制度，每月开展" in after and "深化理论学习" in after
    counted = find(tracked.texts(tracked.document_xml(rendered(data))), "（一）深化")  # table cells count too
    assert f"{doc}:段{counted + 1}: warning[review]: 这一段没有修订标记" in done.stderr


def test_output_over_the_reviewed_document_is_exit_2_and_english_speaks_english(tmp_path):
    data = write(tmp_path, DATA)
    paras = rd.texts(rendered(data))
    doc = reviewed(tmp_path, data, [rd.Replace(find(paras, "（一）深化"), 3, 5, "深入")], seed=1)
    before = doc.read_bytes()
    done = reportgen("update", data, "--from", doc, "-o", doc)
    assert done.returncode == 2 and doc.read_bytes() == before
    done = reportgen("update", data, "--from", doc, "--dry-run", lang="en")
    assert done.returncode == 0
    assert "took 1 edits (1 fields), 0 comments, 0 conflicts, 0 not taken" in done.stderr
    assert "Usage: reportgen update [OPTIONS] FILE" in reportgen("update", "--help", lang="en").stdout


def test_a_double_quoted_scalar_with_escapes_stays_double_quoted(tmp_path):
    data = write(tmp_path, DATA.replace('text: "严格落实“三会一课”制度，按月开展主题党日活动。"', 'text: "严格落实\\u201c三会一课\\u201d制度，按月开展主题党日活动。"'))
    paras = rd.texts(rendered(data))
    life = find(paras, "严格落实")
    at = paras[life].index("按月")
    doc = reviewed(tmp_path, data, [rd.Replace(life, at, at + 2, "每月")], seed=2)
    done = reportgen("update", data, "--from", doc)
    assert done.returncode == 0, done.stderr
    assert '      text: "严格落实“三会一课”制度，每月开展主题党日活动。"\n' in data.read_text(encoding="utf-8")


def test_a_signature_date_keeps_the_way_it_was_typed(tmp_path):
    data = write(tmp_path, DATA.replace("date: 2024-07-05", "date: 2024年7月5日"))
    paras = rd.texts(rendered(data))
    day = find(paras, "2024年7月5日")
    doc = reviewed(tmp_path, data, [rd.Replace(day, 7, 8, "8")], seed=2)
    done = reportgen("update", data, "--from", doc)
    assert done.returncode == 0, done.stderr
    assert "date: 2024年7月8日}" in data.read_text(encoding="utf-8")


def test_output_over_a_file_of_another_kind_is_refused_and_permissions_stay(tmp_path):
    import os

    data = write(tmp_path, DATA)
    os.chmod(data, 0o600)
    paras = rd.texts(rendered(data))
    doc = reviewed(tmp_path, data, [rd.Replace(find(paras, "（一）深化"), 3, 5, "深入")], seed=1)
    notes = tmp_path / "笔记.txt"
    notes.write_text("别动", encoding="utf-8")
    assert reportgen("update", data, "--from", doc, "-o", notes).returncode == 2
    assert notes.read_text(encoding="utf-8") == "别动"
    assert reportgen("update", data, "--from", doc).returncode == 0
    assert os.stat(data).st_mode & 0o777 == 0o600 and "深入理论学习" in data.read_text(encoding="utf-8")
