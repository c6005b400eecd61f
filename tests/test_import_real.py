"""Reports as offices write them, imported: the three thresholds of issue 13.

The reports are original, in the shapes real ones take: half-width (一) and 1、, headings that
run into their text with no mark between (bold in Word), no problems section, a title naming
the organisation and the year, a date line at the end with or without the organisation,
indented lines, a byte-order mark and CRLF, Word's own numbering, a table of figures. Four are
text files in tests/data/import/; two are .docx files built below.

For each: `import` exits 0 and the data validates; then the imported data is rendered under the
template it chose, as text (title, paragraphs, table cells, sign-off), and compared with the
source text, spaces removed:

- kept: the characters of the source found in the render in order (difflib's matching blocks)
  / the characters of the source — at least 98 %; numbering labels are left out of both, since
  the template writes its own ((一) comes back as （一）, 1、 as 1.); `kept_raw` counts them too;
- added: the characters of the render not matched / the characters of the source — at most 8 %
  (the templates' own headings, a 。 closing a run-in heading);
- titled: the source's labelled headings (a line that starts with a numbering label, its words
  up to the first 。！？ or the end of its bold run) that come back as a heading or run-in title
  in the render / all of them — at least 80 %.

`python tests/test_import_real.py` prints the table.
"""

from __future__ import annotations

import re
import sys
import tempfile
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parent))

from docxbuild import P, levels, make  # noqa: E402
from importmeasure import LABEL, compare, matched, plain, rendered_text, text_of  # noqa: E402

from generator import pipeline  # noqa: E402
from generator.importer import import_file, read  # noqa: E402

HERE = Path(__file__).resolve().parent / "data" / "import"

HEADLINE = [
    P("东川机床厂党委2024年党建工作总结", center=True),
    "2024年，厂党委紧紧围绕全年生产经营目标，坚持党建工作与中心工作同谋划、同部署、同考核，为企业稳定发展提供了坚强保证。",
    P("一、聚焦主责主业，在服务生产中当先锋", bold=-1),
    P("（一）抓项目攻坚厂党委把重点产品研发作为党建工作的主战场，组建党员攻关小组五个，完成新型数控机床样机试制。", bold=6),
    P("（二）抓质量提升各支部开展“质量月”活动，党员带头查找工艺缺陷，产品一次交验合格率提高到百分之九十八。", bold=6),
    P("二、聚焦基层基础，在规范管理中求实效", bold=-1),
    P("（一）规范组织设置结合车间调整，及时理顺支部隶属关系，新设立党支部两个，做到生产单元延伸到哪里，党的组织就覆盖到哪里。", bold=8),
    P("（二）加强党员管理推行党员积分管理，每季度公布一次积分，年底评选优秀党员二十名。", bold=8),
    [["项目", "今年", "去年", "增减"], ["党员攻关小组（个）", "5", "3", "+2"], ["优秀党员（名）", "20", "18", "+2"]],
    P("三、存在问题", bold=-1),
    "对照上级党委的要求，还有一些差距：一是部分支部书记抓党建的精力不足。二是党建考核的指标还不够细化，激励作用发挥不充分。",
    P("四、2025年工作打算", bold=-1),
    P("（一）深化党建融合围绕新产品量产设立党员责任区，让党旗在生产一线高高飘扬。", bold=6),
    P("（二）完善考核办法细化考核指标，把考核结果与评先评优挂钩。", bold=6),
    "新的一年，厂党委将团结带领全厂党员职工，为完成全年目标任务努力奋斗。",
    P("中共东川机床厂委员会"),
    P("2025年1月10日"),
]  # fmt: skip

DRAWN_LEVELS = levels(("chineseCounting", "%1、"), ("chineseCounting", "（%2）"), ("decimal", "%3."))
DRAWN = [
    P("西江航运公司机关第一党支部2024年第三季度党建工作总结", center=True),
    "三季度，支部围绕航运安全生产，抓学习、强管理、促服务，各项工作稳步推进。现将主要情况总结如下：",
    P("基本情况", num=(1, 0)),
    P("抓学习教育", num=(1, 1)),
    "支部利用船舶靠港间隙组织集中学习三次，党员通过线上平台自学，学习覆盖在船党员。",
    P("抓制度落实", num=(1, 1)),
    P("落实“三会一课”。按时召开支委会三次，开展主题党日活动三次。", num=(1, 2)),
    P("规范党费收缴。按月收缴党费，做到账目清楚、公开透明。", num=(1, 2)),
    P("下季度工作安排", num=(1, 0)),
    P("加强学习。继续抓好在船党员的学习，做到学习不断线。", num=(1, 1)),
    P("确保安全。党员带头落实安全操作规程，确保四季度安全生产无事故。", num=(1, 1)),
    "西江航运公司机关第一党支部",
    "2024年10月8日",
]  # fmt: skip

TEXTS = sorted(HERE.glob("*.txt"))
REPORTS = [*TEXTS, "headline.docx", "drawn.docx"]


def source_file(report, folder: Path) -> Path:
    if isinstance(report, Path):
        return report
    path = folder / report
    path.write_bytes(make(HEADLINE) if report == "headline.docx" else make(DRAWN, DRAWN_LEVELS))
    return path


def source_headings(path: Path) -> list[str]:
    words = []
    for p in read(path).paragraphs:
        if p.is_table or not LABEL.match(p.text):
            continue
        rest = LABEL.sub("", p.text)
        if p.lead:
            rest = p.text[: p.lead]
            rest = LABEL.sub("", rest)
        else:
            rest = re.split(r"(?<=[！？])|。", rest, maxsplit=1)[0]
        words.append(plain(rest))
    return words


def source_lines(path: Path) -> list[str]:
    out = []
    for p in read(path).paragraphs:
        out += [c for row in p.rows for c in row] if p.is_table else [p.text]
    return out


def measure(path: Path, folder: Path) -> dict:
    out = folder / (path.stem + ".yaml")
    done = import_file(path, out, force=True)
    loaded = pipeline.load(out)
    assert loaded.ok, loaded.diagnostics
    name = loaded.report.template or "standard"
    lines = source_lines(path)
    found = compare(lines, loaded.report, name, source_headings(path))
    raw_source, raw_render = plain("".join(lines)), plain("".join(rendered_text(loaded.report, name)))
    found["kept_raw"] = matched(raw_source, raw_render) / len(raw_source)
    return {"report": path.name, **found, "chars": len(text_of(lines)), "warnings": len(done.diagnostics)}


@pytest.mark.parametrize("report", REPORTS, ids=lambda r: Path(r).stem)
def test_a_real_report_imports_within_the_thresholds(tmp_path, report):
    found = measure(source_file(report, tmp_path), tmp_path)
    assert found["headings"] >= 5
    assert found["kept"] >= 0.98, found
    assert found["added"] <= 0.08, found
    assert found["titled"] >= 0.80, found


def test_the_reports_have_the_shapes_they_claim(tmp_path):
    texts = {p.name: p.read_bytes() for p in TEXTS}
    assert texts["r5-points.txt"].startswith(b"\xef\xbb\xbf") and b"\r\n" in texts["r5-points.txt"]
    assert "(一)" in texts["r1-halfwidth.txt"].decode() and "1、" in texts["r1-halfwidth.txt"].decode()
    assert "存在" not in texts["r1-halfwidth.txt"].decode()  # no problems section
    data = pipeline.load(_imported(tmp_path, HERE / "r1-halfwidth.txt")).report
    assert data.problems.text == ("XX",)


def _imported(folder: Path, path: Path) -> Path:
    out = folder / "x.yaml"
    import_file(path, out, force=True)
    return out


if __name__ == "__main__":
    with tempfile.TemporaryDirectory() as tmp:
        rows = [measure(source_file(r, Path(tmp)), Path(tmp)) for r in REPORTS]
    print(f"{'report':22} {'template':9} {'chars':>5} {'kept':>7} {'added':>7} {'headings':>8} {'titled':>7} {'kept_raw':>8} {'warnings':>8}")
    for r in rows:
        print(f"{r['report']:22} {r['template']:9} {r['chars']:5} {r['kept']:7.1%} {r['added']:7.1%} {r['headings']:8} "
              f"{r['titled']:7.1%} {r['kept_raw']:8.1%} {r['warnings']:8}")
