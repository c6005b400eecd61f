"""Figure values print as typed, less what a number never shows in print (data-format.md: `010` is 10).

Every place a value is printed is checked: the `${key}` reference in a text, the figures table (this
period, the previous one and the change) in the .docx, the Markdown and the HTML page, and the
`previous` that `new --from` carries over. (Lint messages name figures by key, never by value.)
"""

import io
import re

import docx
import pytest
from click.testing import CliRunner
from conftest import MINIMAL, write

from generator import pipeline
from generator.cli.main import cli
from generator.data.scalars import Number
from generator.templating import templates

# (as typed, as printed)
CASES = [
    ("010", "10"),
    ("0010.50", "10.50"),
    ("12.50", "12.50"),
    ("0", "0"),
    ("000", "0"),
    ("0.5", "0.5"),
    ("007.000", "7.000"),
    ("+3", "3"),
]


@pytest.mark.parametrize(("typed", "printed"), CASES + [(".5", "0.5"), ("5.", "5"), ("1e3", "1000"), ("-0", "0")])
def test_number_text(typed, printed):
    assert Number(typed).text == printed
    assert Number(typed) == Number(printed)


def data_with(value: str, previous: str) -> str:
    return MINIMAL.replace("  text: 完成了工作。", "  text: 开展活动${acts}。") + (
        f"figures:\n  acts: {{label: 主题活动, value: {value}, unit: 次, previous: {previous}}}\n"
    )


def docx_texts(data: bytes) -> tuple[list[str], list[list[str]]]:
    document = docx.Document(io.BytesIO(data))
    rows = [[c.text for c in row.cells] for t in document.tables for row in t.rows]
    return [p.text for p in document.paragraphs], rows


@pytest.mark.parametrize(("typed", "printed"), CASES)
def test_every_place_a_value_prints(tmp_path, typed, printed):
    loaded = pipeline.load(write(tmp_path, data_with(typed, typed)))
    assert loaded.ok, loaded.diagnostics
    paragraphs, rows = docx_texts(pipeline.render_bytes(loaded.report, templates.resolve("standard"), "docx"))
    assert f"开展活动{printed}次。" in paragraphs
    assert rows[1] == ["主题活动（次）", printed, printed, "持平"]

    md = pipeline.render_bytes(loaded.report, templates.resolve("standard"), "md").decode("utf-8")
    assert f"开展活动{printed}次。" in md
    assert f"| 主题活动（次） | {printed} | {printed} | 持平 |" in md

    page = pipeline.render_bytes(loaded.report, templates.resolve("standard"), "html").decode("utf-8")
    assert f"开展活动{printed}次。" in page
    cells = re.findall(r"<td[^>]*>([^<]*)</td>", page)
    assert cells[:4] == ["主题活动（次）", printed, printed, "持平"]


def test_the_change_keeps_the_decimals_typed(tmp_path):
    loaded = pipeline.load(write(tmp_path, data_with("0012.50", "010")))
    _, rows = docx_texts(pipeline.render_bytes(loaded.report, templates.resolve("flat"), "docx"))
    assert rows[1] == ["主题活动（次）", "12.50", "10", "增加2.50次"]


def test_new_from_carries_the_value_as_printed(tmp_path):
    previous = write(tmp_path, data_with("010", "8"), "prev.yaml")
    result = CliRunner().invoke(cli, ["new", str(tmp_path / "next.yaml"), "--from", str(previous)])
    assert result.exit_code == 0, result.output
    carried = (tmp_path / "next.yaml").read_text(encoding="utf-8")
    assert re.search(r"(?m)^    previous: 10$", carried), carried
