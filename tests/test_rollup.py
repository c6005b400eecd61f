"""`reportgen rollup` (shared/spec/rollup.md): every check and exit status, the 汇总表 read back with
openpyxl, the totals against a Decimal sum, the 汇编 against each branch's own render."""

import io
import subprocess
import sys
import zipfile
from decimal import Decimal
from pathlib import Path

import openpyxl
import pytest
from conftest import ROOT, VALIDATOR, reportgen, requires_soffice
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from lxml import etree

from generator import pipeline
from generator.rollup import command
from generator.rollup.package import NS, w

XLSX = "示例公司党委2024年上半年党支部工作汇总.xlsx"
DOCX = "示例公司党委2024年上半年党支部工作汇编.docx"


def branch_text(org: str, figures: str, period: str = "2024H1", extra: str = "", template: str = "") -> str:
    members = "，党员${members}" if "members:" in figures else ""
    return (
        (f"template: {template}\n" if template else "")
        + f"organization: {org}\nperiod: {period}\n"
        + "intro: 上半年，支部围绕中心工作抓党建，各项工作稳步推进。\n"
        + "summary:\n  items:\n    - title: 强化理论学习\n"
        + f"      text: 支部召开学习会${{sessions}}，同比${{sessions.change}}{members}。{extra}\n"
        + "problems:\n  points:\n    - 学习形式比较单一。\n"
        + "plans:\n  items:\n    - title: 深化理论学习\n      text: 每月至少组织一次集中学习。\n"
        + f"signature: {{name: 中共{org}委员会, date: 2024-07-05}}\n"
        + "figures:\n" + figures
    )  # fmt: skip


def figures(sessions: str = "6", members: str = "20", unit: str = "次", label: str = "支部学习会") -> str:
    return (
        f"  sessions: {{label: {label}, value: {sessions}, unit: {unit}, previous: 5}}\n"
        f"  members: {{label: 党员人数, value: {members}, unit: 人, previous: 19}}\n"
    )


def clean_branches(folder: Path, count: int = 3) -> list[Path]:
    names = ["第一", "第二", "第三", "第四", "第五"][:count]
    out = []
    for i, name in enumerate(names):
        path = folder / f"b{i + 1}.yaml"
        path.write_text(branch_text(f"示例公司{name}党支部", figures(f"{6 + i}", f"{20 + i}")) + "", encoding="utf-8")
        out.append(path)
    return out


def roster(folder: Path, names: list[str], name: str = "roster.yaml") -> Path:
    path = folder / name
    path.write_text("organization: 示例公司党委\nbranches:\n" + "".join(f"  - {n}\n" for n in names), encoding="utf-8")
    return path


def run(folder: Path, *args, lang: str | None = "en"):
    return reportgen("rollup", *args, "-o", folder, lang=lang)


# ---------------------------------------------------------------- exit statuses


def test_a_clean_roll_up_exits_0_and_writes_xlsx_and_docx(tmp_path):
    files = clean_branches(tmp_path)
    r = roster(tmp_path, ["示例公司第一党支部", "示例公司第二党支部", "示例公司第三党支部"])
    done = run(tmp_path, *files, "--roster", r)
    assert done.returncode == 0, done.stderr
    assert (tmp_path / XLSX).is_file() and (tmp_path / DOCX).is_file()
    assert ": error" not in done.stderr and ": warning" not in done.stderr


def test_a_folder_stands_for_its_yaml_files_but_the_roster(tmp_path):
    clean_branches(tmp_path)
    r = roster(tmp_path, ["示例公司第一党支部", "示例公司第二党支部", "示例公司第三党支部"])
    done = run(tmp_path, tmp_path, "--roster", r, "--format", "xlsx")
    assert done.returncode == 0, done.stderr
    sheet = openpyxl.load_workbook(tmp_path / XLSX)["汇总"]
    assert [sheet.cell(i, 2).value for i in range(2, 5)] == ["示例公司第一党支部", "示例公司第二党支部", "示例公司第三党支部"]


def test_an_invalid_file_is_reported_left_out_and_listed(tmp_path):
    files = clean_branches(tmp_path)
    bad = tmp_path / "bad.yaml"
    bad.write_text(branch_text("示例公司第四党支部", figures()).replace("period: 2024H1", "period: 2024H3"), encoding="utf-8")
    done = run(tmp_path, *files, bad, "--title", "示例公司党委", "--format", "xlsx")
    assert done.returncode == 1
    assert f"{bad}:2:9: error: period: " in done.stderr
    sheet = openpyxl.load_workbook(tmp_path / XLSX)["汇总"]
    rows = list(sheet.iter_rows(min_row=2, values_only=True))
    assert rows[3][1] == "示例公司第四党支部" and rows[3][-1] == "未通过校验 (invalid)"
    assert rows[3][2:4] == (None, None)
    assert rows[-1][1] == "合计" and rows[-1][2] == 6 + 7 + 8  # the rest rolled up


def test_a_file_of_another_period_is_reported_at_its_period_line(tmp_path):
    files = clean_branches(tmp_path)
    files[2].write_text(files[2].read_text(encoding="utf-8").replace("2024H1", "2024Q3"), encoding="utf-8")
    done = run(tmp_path, *files, "--title", "示例公司党委")
    assert done.returncode == 1
    assert f"{files[2]}:2:9: error[other-period]: period: reports 2024年三季度 while the other branches report 2024年上半年" in done.stderr
    sheet = openpyxl.load_workbook(tmp_path / XLSX)["汇总"]
    assert sheet.cell(5, 3).value == 6 + 7  # 合计 without the third


def test_two_files_of_one_organisation_are_an_error(tmp_path):
    files = clean_branches(tmp_path, 2)
    twin = tmp_path / "twin.yaml"
    twin.write_text(files[0].read_text(encoding="utf-8"), encoding="utf-8")
    done = run(tmp_path, *files, twin, "--title", "示例公司党委", "--format", "xlsx")
    assert done.returncode == 1
    assert f"{twin}:1:15: error[duplicate]: organization: “示例公司第一党支部” already reported in {files[0]}" in done.stderr
    rows = list(openpyxl.load_workbook(tmp_path / XLSX)["汇总"].iter_rows(min_row=2, values_only=True))
    assert rows[-1][2] == 6 + 7


def test_not_submitted_is_a_warning_and_an_error_under_strict(tmp_path):
    files = clean_branches(tmp_path, 2)
    r = roster(tmp_path, ["示例公司第一党支部", "示例公司第二党支部", "示例公司第九党支部"])
    done = run(tmp_path, *files, "--roster", r, "--format", "xlsx")
    assert done.returncode == 0, done.stderr
    assert f"{r}:5:5: warning[not-submitted]: branches[2]: “示例公司第九党支部” has not reported" in done.stderr
    strict = run(tmp_path, *files, "--roster", r, "--format", "xlsx", "--strict")
    assert strict.returncode == 1
    assert f"{r}:5:5: error[not-submitted]: branches[2]:" in strict.stderr
    rows = list(openpyxl.load_workbook(tmp_path / XLSX)["汇总"].iter_rows(min_row=2, values_only=True))
    assert rows[2][1] == "示例公司第九党支部" and rows[2][-1] == "未报送 (not reported)"


def test_off_roster_is_a_warning_and_still_rolled_up(tmp_path):
    files = clean_branches(tmp_path)
    r = roster(tmp_path, ["示例公司第一党支部", "示例公司第二党支部"])
    done = run(tmp_path, *files, "--roster", r, "--format", "xlsx")
    assert done.returncode == 0
    assert f"{files[2]}:1:15: warning[off-roster]: organization: “示例公司第三党支部” is not on the roster" in done.stderr
    rows = list(openpyxl.load_workbook(tmp_path / XLSX)["汇总"].iter_rows(min_row=2, values_only=True))
    assert rows[2][1] == "示例公司第三党支部" and rows[2][-1] == "名单外 (not on the roster)" and rows[2][2] == 8


def test_roster_entries_may_name_their_files(tmp_path):
    files = clean_branches(tmp_path, 2)
    (tmp_path / "r.yaml").write_text(
        "organization: 示例公司党委\nbranches:\n  - {name: 二支部, file: b2.yaml}\n  - {name: 一支部, file: b1.yaml}\n",
        encoding="utf-8",
    )
    done = run(tmp_path, "--roster", tmp_path / "r.yaml", "--format", "xlsx")
    assert done.returncode == 0, done.stderr
    again = reportgen("rollup", "b1.yaml", "--roster", tmp_path / "r.yaml", "--format", "xlsx", "-o", ".", cwd=tmp_path)
    assert again.returncode == 0, again.stderr  # named on the command line and in the roster: one file
    rows = list(openpyxl.load_workbook(tmp_path / XLSX)["汇总"].iter_rows(min_row=2, values_only=True))
    assert [r[1:3] for r in rows] == [("二支部", 7), ("一支部", 6), ("合计", 13)]
    assert files


@pytest.mark.parametrize(
    ("args", "words"),
    [
        (["missing.yaml"], "missing.yaml"),
        (["empty-folder"], "no branch data files"),
        (["b1.yaml", "--roster", "bad-roster.yaml"], "bad-roster.yaml:3:5: branches[0]: each roster entry"),
        (["b1.yaml", "--roster", "no-org.yaml"], "no-org.yaml:1:1: organization: the roster needs organization"),
        (["b1.yaml", "-t", "standrad"], "standard"),
        (["b1.yaml", "--format", "xlsx,odt"], "unknown format"),
        (["b1.yaml", "--title", "党委\x01"], "control character"),
    ],
)
def test_what_stops_the_command_is_exit_2_and_writes_nothing(tmp_path, args, words):
    clean_branches(tmp_path, 1)
    (tmp_path / "empty-folder").mkdir()
    (tmp_path / "bad-roster.yaml").write_text("organization: 党委\nbranches:\n  - [一, 二]\n", encoding="utf-8")
    (tmp_path / "no-org.yaml").write_text("branches: [一支部]\n", encoding="utf-8")
    out = tmp_path / "out"
    out.mkdir()
    done = reportgen("rollup", *args, "-o", out, cwd=tmp_path)
    assert done.returncode == 2, done.stderr
    assert words in done.stderr
    assert list(out.iterdir()) == []


def test_no_inputs_at_all_is_a_usage_error(tmp_path):
    done = reportgen("rollup", cwd=tmp_path)
    assert done.returncode == 2 and "give the branches' data files" in done.stderr


def test_a_compilation_edited_in_word_is_not_replaced_without_force(tmp_path):
    files = clean_branches(tmp_path, 1)
    assert run(tmp_path, *files, "--title", "示例公司党委").returncode == 0
    docx = tmp_path / DOCX
    with zipfile.ZipFile(docx) as z:
        parts = {n: z.read(n) for n in z.namelist()}
    parts["docProps/core.xml"] = parts["docProps/core.xml"].replace(b">reportgen<", b">\xe5\xbc\xa0\xe4\xb8\x89<")  # 张三
    with zipfile.ZipFile(docx, "w") as z:
        for name, data in parts.items():
            z.writestr(name, data)
    edited = docx.read_bytes()
    done = run(tmp_path, *files, "--title", "示例公司党委")
    assert done.returncode == 2 and "张三" in done.stderr and docx.read_bytes() == edited
    assert run(tmp_path, *files, "--title", "示例公司党委", "--force").returncode == 0
    assert docx.read_bytes() != edited


def test_an_output_folder_that_does_not_exist_yet_is_made(tmp_path):
    """As `render -o DIR/`: the folder -o names is made, and removed again when nothing is written."""
    files = clean_branches(tmp_path, 1)
    done = reportgen("rollup", *files, "-o", tmp_path / "新 文件夹" / "汇总", "--title", "党委")
    assert done.returncode == 0, done.stderr
    assert sorted(p.suffix for p in (tmp_path / "新 文件夹" / "汇总").iterdir()) == [".docx", ".xlsx"]
    bad = tmp_path / "bad.yaml"
    bad.write_text("organization: 支部\n", encoding="utf-8")
    done = reportgen("rollup", bad, "-o", tmp_path / "不留下", "--title", "党委")
    assert done.returncode == 1 and not (tmp_path / "不留下").exists()


def test_when_every_file_is_invalid_nothing_is_written(tmp_path):
    bad = tmp_path / "bad.yaml"
    bad.write_text("organization: 一支部\nperiod: 2024H1\n", encoding="utf-8")
    done = run(tmp_path, bad, "--title", "党委")
    assert done.returncode == 1
    assert "no branch to roll up" in done.stderr
    assert sorted(p.name for p in tmp_path.iterdir()) == ["bad.yaml"]


def test_outputs_are_named_from_the_title_and_the_period(tmp_path):
    files = clean_branches(tmp_path, 1)
    done = run(tmp_path, *files, "--title", "示例/公司党委", lang=None)
    assert done.returncode == 0, done.stderr
    assert sorted(p.name for p in tmp_path.glob("*.x*") if p.suffix in (".xlsx",)) == ["示例_公司党委2024年上半年党支部工作汇总.xlsx"]
    assert "已生成" in done.stderr


# ---------------------------------------------------------------- checks


def test_checks_are_located_and_listed_in_the_check_sheet(tmp_path):
    folder = tmp_path
    (folder / "a.yaml").write_text(branch_text("一支部", figures(), extra="共XX人参加。"), encoding="utf-8")
    (folder / "b.yaml").write_text(branch_text("二支部", figures(unit="场", label="学习会")), encoding="utf-8")
    (folder / "c.yaml").write_text(
        branch_text("三支部", "  sessions: {label: 支部学习会, value: 3, unit: 次, previous: 5}\n"), encoding="utf-8"
    )
    empty = branch_text("四支部", "", extra="").replace("，同比${sessions.change}", "").replace("${sessions}", "3次")
    (folder / "d.yaml").write_text(empty.replace("figures:\n", ""), encoding="utf-8")
    done = run(folder, folder, "--title", "党委", "--format", "xlsx")
    assert done.returncode == 0, done.stderr
    lines = done.stderr.splitlines()
    a, b, c, d = (str(folder / f"{n}.yaml") for n in "abcd")
    expected = [
        f"{a}:7:67: warning[placeholder]: summary.items[0].text: the placeholder “XX” is not filled in",
        f"{b}:17:21: warning[label-mismatch]: figures.sessions.label: sessions is labelled “学习会” where most branches write “支部学习会”",
        f"{b}:17:42: warning[unit-mismatch]: figures.sessions.unit: the unit of sessions is “场” where most branches have “次”",
        f"{d}:1:1: warning[missing-figure]: the figure “支部学习会” (sessions) is missing: 3 of 4 branches give it",
        f"{d}:1:1: warning[no-figures]: this branch gives no figures",
    ]
    for start in expected:
        assert any(line.startswith(start) for line in lines), (start, lines)
    assert not any("(members) is missing" in line for line in lines)  # 2 of 4 is not "most"
    sheet = openpyxl.load_workbook(folder / "党委2024年上半年党支部工作汇总.xlsx")["检查"]
    rows = list(sheet.iter_rows(values_only=True))
    assert rows[0] == ("Level", "Kind", "File", "Line", "Field", "Message")
    assert ("warning", "unit-mismatch", b, 17, "figures.sessions.unit") in [r[:5] for r in rows]
    assert len(rows) - 1 == sum(1 for line in lines if ": warning" in line or ": error" in line)


def test_a_missing_figure_most_branches_give(tmp_path):
    files = clean_branches(tmp_path)
    text = files[1].read_text(encoding="utf-8").replace("  members: {label: 党员人数, value: 21, unit: 人, previous: 19}\n", "")
    files[1].write_text(text.replace("，党员${members}", ""), encoding="utf-8")
    done = run(tmp_path, *files, "--title", "党委", "--format", "xlsx")
    assert f"{files[1]}:16:1: warning[missing-figure]: figures: the figure “党员人数” (members) is missing: 2 of 3" in done.stderr
    rows = list(openpyxl.load_workbook(tmp_path / "党委2024年上半年党支部工作汇总.xlsx")["汇总"].iter_rows(values_only=True))
    assert rows[2][3] is None  # empty, never 0
    assert rows[-1][3] == 20 + 22


def test_a_file_lint_strict_would_refuse_is_a_warning(tmp_path):
    files = clean_branches(tmp_path, 2)
    text = files[0].read_text(encoding="utf-8").replace("每月至少组织一次集中学习。", "每月至少组织一次集中学习,")
    files[0].write_text(text, encoding="utf-8")
    done = run(tmp_path, *files, "--title", "党委", "--format", "xlsx")
    assert done.returncode == 0
    assert any(line.startswith(f"{files[0]}:") and "warning[lint]" in line and "lint --strict would refuse" in line
               for line in done.stderr.splitlines())  # fmt: skip


# ---------------------------------------------------------------- the 汇总表


def test_the_summary_sheet_read_back(tmp_path):
    files = clean_branches(tmp_path)
    text = files[1].read_text(encoding="utf-8").replace("value: 7, unit: 次", "value: 7.50, unit: 次")
    files[1].write_text(text, encoding="utf-8")
    r = roster(tmp_path, ["示例公司第一党支部", "示例公司第二党支部", "示例公司第三党支部"])
    assert run(tmp_path, *files, "--roster", r, "--format", "xlsx").returncode == 0
    book = openpyxl.load_workbook(tmp_path / XLSX)
    assert book.sheetnames == ["汇总", "对比", "检查"]
    sheet = book["汇总"]
    rows = list(sheet.iter_rows(values_only=True))
    assert rows[0] == ("No.", "Branch", "支部学习会（次）", "党员人数（人）", "Note")
    assert rows[1:] == [
        (1, "示例公司第一党支部", 6, 20, None),
        (2, "示例公司第二党支部", 7.5, 21, None),
        (3, "示例公司第三党支部", 8, 22, None),
        (None, "合计", 21.5, 63, None),
    ]
    assert sheet.cell(3, 3).number_format == "0.00" and sheet.cell(5, 3).number_format == "0.00"
    assert sheet.cell(2, 4).data_type == "n"
    assert sheet.freeze_panes == "C2"
    assert sheet.page_setup.orientation == "landscape" and str(sheet.page_setup.paperSize) == "9"  # A4
    assert sheet.column_dimensions["B"].width >= 2 * len("示例公司第一党支部")
    assert cell_text(tmp_path / XLSX, "C5") == "21.50"  # the sum in the places typed, not 21.499999…
    compare = list(book["对比"].iter_rows(values_only=True))
    assert compare[0] == ("Branch", "Figure", "Unit", "This period", "Previous", "Change", "In words")
    assert compare[3] == ("示例公司第二党支部", "支部学习会", "次", 7.5, 5, 2.5, "增加2.50次")
    for name in book.sheetnames:
        assert book[name].freeze_panes in ("C2", "A2") and book[name].print_title_rows == "$1:$1"


def cell_text(xlsx: Path, ref: str) -> str:
    """The number a cell of the first sheet holds, as the file writes it."""
    import re

    with zipfile.ZipFile(xlsx) as z:
        sheet = z.read("xl/worksheets/sheet1.xml").decode()
    return re.search(rf'<c r="{ref}"[^>]*><v>([^<]*)</v>', sheet).group(1)


# Values a branch may give: none, or a decimal with 0–2 places; units: the common one or another.
VALUES = st.one_of(st.none(), st.decimals(min_value=0, max_value=10**6, places=2, allow_nan=False, allow_infinity=False))
BRANCH = st.tuples(VALUES, st.sampled_from(["次", "次", "次", "场"]))


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.lists(BRANCH, min_size=1, max_size=8))
def test_totals_are_exact_against_a_decimal_sum(tmp_path_factory, branches):
    folder = tmp_path_factory.mktemp("totals")
    for i, (value, unit) in enumerate(branches):
        given_ = "" if value is None else f"  sessions: {{label: 学习会, value: {value}, unit: {unit}}}\n"
        text = branch_text(f"第{i + 1}支部", given_ + "  members: {label: 党员, value: 1, unit: 人}\n")
        (folder / f"b{i}.yaml").write_text(text.replace("，同比${sessions.change}", "").replace("${sessions}", "很多次"), encoding="utf-8")
    outcome = command.run([folder], out_dir=folder, formats=("xlsx",), title="党委")
    rows = list(openpyxl.load_workbook(outcome.outputs[0])["汇总"].iter_rows(values_only=True))
    given_values = [(v, u) for v, u in branches if v is not None]
    column = next((i for i, head in enumerate(rows[0]) if str(head).startswith("学习会")), None)
    if not given_values:
        assert column is None
        return
    for row, (value, _) in zip(rows[1:-1], branches):
        assert row[column] == (None if value is None else float(value))
    units = {u for _, u in given_values}
    total = rows[-1][column]
    if len(units) > 1:
        assert total is None  # one key in several units gets no total
    else:
        expected = sum((v for v, _ in given_values), Decimal(0))
        ref = f"{openpyxl.utils.get_column_letter(column + 1)}{len(rows)}"
        assert Decimal(cell_text(outcome.outputs[0], ref)) == expected  # the number the file holds, exactly


def test_mean_and_none_totals(tmp_path):
    for i, (rate, score) in enumerate([("95.5", "3"), ("90", "4"), ("91", "4")]):
        figs = (f"  sessions: {{label: 学习会, value: 1, unit: 次, previous: 1}}\n"
                f"  rate: {{label: 参学率, value: {rate}, unit: '%'}}\n"
                f"  score: {{label: 评分, value: {score}, total: mean}}\n")  # fmt: skip
        (tmp_path / f"b{i}.yaml").write_text(branch_text(f"第{i}支部", figs), encoding="utf-8")
    outcome = command.run([tmp_path], out_dir=tmp_path, formats=("xlsx",), title="党委")
    total = list(openpyxl.load_workbook(outcome.outputs[0])["汇总"].iter_rows(values_only=True))[-1]
    assert total[1:5] == ("合计", 3, None, 3.7)  # % not summed; (3 + 4 + 4) / 3 to 1 place, half up


# ---------------------------------------------------------------- the 汇编


def body_paragraphs(docx: bytes) -> list[bytes]:
    """Every body paragraph and table, as XML, section breaks taken out."""
    with zipfile.ZipFile(io.BytesIO(docx)) as z:
        body = etree.fromstring(z.read("word/document.xml")).find("w:body", NS)
    out = []
    for element in body:
        if element.tag == w("sectPr"):
            continue
        element = etree.fromstring(etree.tostring(element))
        for sect in element.findall("w:pPr/w:sectPr", NS):
            sect.getparent().remove(sect)
        out.append(etree.tostring(element, method="c14n"))
    return out


def test_each_branch_in_the_compilation_is_its_own_render(tmp_path):
    files = clean_branches(tmp_path)
    (tmp_path / "house.docx").write_bytes((ROOT / "examples" / "house-template.docx").read_bytes())
    files[1].write_text(files[1].read_text(encoding="utf-8").replace("organization:", "template: two-part\norganization:", 1), encoding="utf-8")
    files[2].write_text(files[2].read_text(encoding="utf-8").replace("organization:", "template: house.docx\norganization:", 1), encoding="utf-8")
    outcome = command.run(files, out_dir=tmp_path, formats=("docx",), title="示例公司党委", template="flat")
    (docx_path,) = outcome.outputs
    compiled = body_paragraphs(docx_path.read_bytes())
    position = 0
    for path in files:
        loaded = pipeline.load(path)
        chosen = pipeline.choose_template(loaded.report, path, "flat")
        own = body_paragraphs(pipeline.render_bytes(loaded.report, chosen, "docx"))
        found = _find(compiled, own, position)
        assert found is not None, path
        position = found + len(own)
    assert position == len(compiled)  # nothing after the last branch


def _find(compiled: list[bytes], own: list[bytes], start: int) -> int | None:
    for i in range(start, len(compiled) - len(own) + 1):
        if _same(compiled[i : i + len(own)], own):
            return i
    return None


def _same(compiled: list[bytes], own: list[bytes]) -> bool:
    """Equal but for the custom template's styles the 汇编 renamed (Heading1 → Heading1B3)."""
    import re

    return [re.sub(rb'(w:val="[A-Za-z0-9]+?)B3"', rb'\1"', x) for x in compiled] == own


def test_the_compilation_is_a_valid_word_document_with_its_parts(tmp_path):
    files = clean_branches(tmp_path)
    (tmp_path / "house.docx").write_bytes((ROOT / "examples" / "house-template.docx").read_bytes())
    files[2].write_text(files[2].read_text(encoding="utf-8").replace("organization:", "template: house.docx\norganization:", 1), encoding="utf-8")
    outcome = command.run(files, out_dir=tmp_path, formats=("docx",), title="示例公司党委")
    (docx_path,) = outcome.outputs
    checked = subprocess.run([sys.executable, VALIDATOR, docx_path], capture_output=True, text=True)
    assert checked.returncode == 0 and " 0 schema/MCE error(s)" in checked.stdout, checked.stdout
    with zipfile.ZipFile(docx_path) as z:
        document = etree.fromstring(z.read("word/document.xml"))
        names = z.namelist()
    sections = document.findall(".//w:sectPr", NS)
    assert len(sections) == 3 + 3  # cover, contents, 汇总表, one a branch
    assert not sections[0].findall("w:footerReference", NS)  # no number on the title page
    assert sections[1].find("w:pgNumType", NS).get(w("start")) == "1"
    assert all(s.find("w:pgNumType", NS) is None for s in sections[2:])  # continuous from there
    assert all(len(s.findall("w:footerReference", NS)) == 2 for s in sections[1:])
    assert sections[2].find("w:pgSz", NS).get(w("orient")) == "landscape"
    assert any(n.startswith("word/b3-header") for n in names)  # the house template's own header came along
    texts = ["".join(p.itertext()) for p in document.iter(w("p"))]
    contents = texts[texts.index("目　　录") + 1 : texts.index("目　　录") + 5]
    assert contents[0] == "汇总表2" and contents[1].startswith("示例公司第一党支部") and contents[1].endswith("3")
    assert not document.findall(".//w:fldSimple", NS) and not document.xpath(".//w:instrText", namespaces=NS)
    table = document.find(".//w:tbl", NS)
    cells = [["".join(c.itertext()) for c in row.findall("w:tc", NS)] for row in table.findall("w:tr", NS)]
    assert cells[0] == ["序号", "支部", "支部学习会（次）", "党员人数（人）"]
    assert cells[-1] == ["", "合计", "21", "63"]


@requires_soffice
def test_contents_page_numbers_are_where_the_branches_start(tmp_path):
    """The counted page numbers against LibreOffice's pages, for every layout and a custom template."""
    (tmp_path / "house.docx").write_bytes((ROOT / "examples" / "house-template.docx").read_bytes())
    layouts = ["standard", "flat", "points", "headline", "two-part", "house.docx"]
    sources = sorted((ROOT / "sample_data").glob("*.yaml")) + [ROOT / "tests" / "data" / "formats" / "rich.yaml"]
    import re

    for i, layout in enumerate(layouts):
        text = sources[i % len(sources)].read_text(encoding="utf-8")
        text = re.sub(r"^(period|organization|title|template):.*\n", "", text, flags=re.M)
        (tmp_path / f"b{i}.yaml").write_text(f"organization: 测试单位{i}支部\nperiod: 2024H1\ntemplate: {layout}\n" + text, encoding="utf-8")
    outcome = command.run([tmp_path], out_dir=tmp_path, formats=("pdf",), title="测试党委")
    (pdf,) = outcome.outputs
    count = int(re.search(r"Pages:\s+(\d+)", subprocess.run(["pdfinfo", pdf], capture_output=True, text=True).stdout).group(1))
    pages = [re.sub(r"\s+", "", subprocess.run(["pdftotext", "-f", str(n), "-l", str(n), pdf, "-"],
             capture_output=True, text=True).stdout) for n in range(1, count + 1)]  # fmt: skip
    table_at = next(i for i, p in enumerate(pages) if p.startswith("测试党委2024年上半年党支部工作汇总表"))
    contents = "".join(pages[1:table_at])
    listed = re.findall(r"(测试单位\d支部)2024年上半年党建工作总结及下半年工作计划\.*(\d+)", contents)
    assert len(listed) == len(layouts)
    assert re.search(r"汇总表\.+(\d+)", contents).group(1) == str(table_at)  # page 1 is the contents
    for name, number in listed:
        starts = [i for i in range(table_at + 1, count) if pages[i].startswith(name)]
        assert starts and starts[0] == int(number), (name, number, starts)
        assert f"—{number}—" in pages[starts[0]]  # the printed page number says the same


@requires_soffice
def test_a_long_summary_table_takes_the_pages_the_contents_say(tmp_path):
    """Forty branches: the 汇总表 runs over several landscape pages, a table a page."""
    import re

    for i in range(40):
        name = f"测试单位{i:02d}支部"
        (tmp_path / f"b{i:02d}.yaml").write_text(branch_text(name, figures(f"{i + 1}", f"{20 + i}")), encoding="utf-8")
    outcome = command.run([tmp_path], out_dir=tmp_path, formats=("docx", "pdf"), title="测试党委")
    docx, pdf = outcome.outputs
    with zipfile.ZipFile(docx) as z:
        document = etree.fromstring(z.read("word/document.xml"))
    tables = document.findall(".//w:tbl", NS)
    summary_tables = [t for t in tables if "".join(t.find("w:tr", NS).itertext()).startswith("序号")]
    assert len(summary_tables) > 1  # the rows dealt out, a table a page
    assert sum(len(t.findall("w:tr", NS)) - 1 for t in summary_tables) == 40 + 1  # every branch and the 合计
    count = int(re.search(r"Pages:\s+(\d+)", subprocess.run(["pdfinfo", pdf], capture_output=True, text=True).stdout).group(1))
    pages = [re.sub(r"\s+", "", subprocess.run(["pdftotext", "-f", str(n), "-l", str(n), pdf, "-"],
             capture_output=True, text=True).stdout) for n in range(1, count + 1)]  # fmt: skip
    contents = "".join(p for p in pages[1:] if p.startswith(("目录", "测试单位")) and "....." in p)
    listed = re.findall(r"(测试单位\d\d支部)2024年上半年党建工作总结及下半年工作计划\.*(\d+)", contents)
    assert len(listed) == 40
    for name, number in listed:  # page n of the numbering is the PDF's page n + 1 (the cover has none)
        assert pages[int(number)].startswith(name), (name, number)
