"""update --from (diff OLD NEW), applied to OLD, gives data that renders as NEW, in every layout.

`diff` writes NEW's render with OLD→NEW as Word tracked changes; `update` takes them back into a
copy of OLD. The render of the result must be NEW's render paragraph for paragraph (table cells
included), and only the scalars that differ between OLD and NEW may change in the file.
"""

from __future__ import annotations

import difflib
import shutil
from pathlib import Path

import pytest
import tracked
from conftest import write

from generator import pipeline
from generator.diff import command as diffing
from generator.layout import LAYOUTS
from generator.review import command

OLD = """\
# yaml-language-server: $schema=../schemas/report.schema.json
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
    - title: 推进安全生产  # 与安全部共同完成
      text: 党员责任区实现全覆盖，全年未发生安全事故。
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
closing: 支部将继续努力，推动各项工作再上新台阶。
signature: {name: 中共测试公司第一支部委员会, date: 2024-07-05}
figures:
  study: {label: 集中学习, value: 12, unit: 次, previous: 10}
"""

# each NEW: what a reviewer does, as data
VARIANTS = {
    "a word": OLD.replace("按月开展主题党日", "每月开展主题党日"),
    "a title": OLD.replace("title: 规范组织生活", "title: 严格规范组织生活"),
    "a point and the closing": OLD.replace("利用班前会讲授小专题。", "利用班前会讲授安全小专题。").replace(
        "再上新台阶", "迈上新台阶"
    ),
    "a figure in the text": OLD.replace("value: 12, unit: 次", "value: 14, unit: 次"),
    "a paragraph split": OLD.replace("各项党建工作。全体党员", "各项党建工作。\n\n  全体党员"),
    "a point added": OLD.replace(
        "        - 推行班前微课。", "        - 开展专题研讨。每季度围绕一个难题研讨一次。\n        - 推行班前微课。"
    ),
    "a point deleted": OLD.replace("    - 党建与业务融合的办法还不多。\n", ""),
    "an item deleted": OLD.replace("    - title: 规范组织生活\n      text: 严格落实“三会一课”制度，按月开展主题党日活动。\n", ""),
    "an item added": OLD.replace(
        "    - title: 提升组织力\n", "    - title: 加强作风建设\n      text: 精简会议和报表。\n    - title: 提升组织力\n"
    ),
    "the signature": OLD.replace("date: 2024-07-05", "date: 2024-07-08"),
    "the signature's name": OLD.replace("name: 中共测试公司第一支部委员会", "name: 中共测试公司第一党支部委员会"),
    "a part heading": OLD.replace("problems:\n", "problems:\n  title: 存在的问题和不足\n"),
    "the report title": OLD.replace("period: {year: 2024, span: half, index: 1}\n", "period: {year: 2024, span: half, index: 1}\ntitle: 测试公司第一党支部上半年工作总结\n"),
    "a paragraph deleted": OLD.replace("\n\n  现将有关情况报告如下：", ""),
    "a paragraph added": OLD.replace("      text: 开展支部标准化建设。", "      text: |\n        开展支部标准化建设。\n\n        年底前完成达标验收。"),
    "points where there were none": OLD.replace(
        "      text: 开展支部标准化建设。\n", "      text: 开展支部标准化建设。\n      points:\n        - 对照标准逐项整改。\n        - 年底前完成验收。\n"
    ),
    "a closing where there was none": OLD.replace(
        "      text: 严格落实“三会一课”制度，按月开展主题党日活动。\n",
        "      text: 严格落实“三会一课”制度，按月开展主题党日活动。\n      closing: 组织生活质量明显提高。\n",
    ),
    "a point rewritten": OLD.replace("每次学习由一名支委领学。", "每次学习由支部书记或一名支委领学，并安排两名党员交流。"),
}


def render_texts(path: Path, layout: str) -> list[str]:
    loaded = pipeline.load(path)
    assert loaded.ok, loaded.diagnostics
    chosen = pipeline.choose_template(loaded.report, path, layout)
    return tracked.texts(tracked.document_xml(pipeline.render_bytes(loaded.report, chosen, "docx")))


def changed_lines(old: str, new: str) -> set[int]:
    """1-based numbers of the old file's lines that a diff replaces or deletes."""
    out = set()
    for tag, i1, i2, _, _ in difflib.SequenceMatcher(None, old.splitlines(), new.splitlines()).get_opcodes():
        if tag in ("replace", "delete"):
            out |= set(range(i1 + 1, i2 + 1))
    return out


@pytest.mark.parametrize("layout", list(LAYOUTS))
@pytest.mark.parametrize("variant", list(VARIANTS))
def test_update_from_diff_gives_new(tmp_path, layout, variant):
    new_text = VARIANTS[variant]
    old = write(tmp_path, OLD, "old.yaml")
    new = write(tmp_path, new_text, "new.yaml")
    docx = tmp_path / "修订.docx"
    assert diffing.run(str(old), str(new), docx, layout, author="审核人", date="2024-07-08T08:00:00").tracked
    data = tmp_path / "data.yaml"
    shutil.copy(old, data)
    result = command.update(data, docx, template=layout)
    assert result.exit_code == 0, [d.render() for d in result.diagnostics]
    assert not [d for d in result.diagnostics if d.level == "warning"], [d.render() for d in result.diagnostics]
    assert render_texts(data, layout) == render_texts(new, layout)
    # the file changed only where OLD and NEW differ (a line or two around them for a moved entry)
    wanted = changed_lines(OLD, new_text)
    got = changed_lines(OLD, data.read_text(encoding="utf-8"))
    assert got <= {n + d for n in wanted for d in (-1, 0, 1)} or not wanted, (got, wanted)
    assert "# 与安全部共同完成" in data.read_text(encoding="utf-8") or variant == "an item deleted"
    if variant == "points where there were none":  # points, not a text that numbers them by hand
        assert "      points:\n        - 对照标准逐项整改。\n        - 年底前完成验收。\n" in data.read_text(encoding="utf-8")


def test_nothing_changed_changes_nothing(tmp_path):
    data = write(tmp_path, OLD, "data.yaml")
    new = write(tmp_path, OLD, "new.yaml")
    docx = tmp_path / "修订.docx"
    diffing.run(str(data), str(new), docx, None, author="审核人", date="2024-07-08T08:00:00")
    before = data.read_bytes()
    result = command.update(data, docx)
    assert result.exit_code == 0 and result.output is None and result.counts.edits == 0
    assert data.read_bytes() == before
