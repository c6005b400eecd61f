"""The round trip of import.md: render → export → import → validate → render is exact.

Every data file below is rendered under each of the five built-in formats and exported the ways
reports reach reportgen: plain text (Word's "Save as plain text": a paragraph a line, a table row
a line with its cells separated by tabs), the .docx itself (labels as text), the .docx with its
labels drawn by Word (w:numPr, two numbering styles), Markdown, and, with LibreOffice, its Text
export and its Word 97 (.doc) export. The imported file must validate, name the same template,
and render to the same Markdown, character for character: title, every body paragraph, the
figures table and the sign-off.
"""

from __future__ import annotations

import subprocess
from pathlib import Path

import pytest
from conftest import ROOT, SAMPLES, report_of, requires_soffice
from wordnumbering import draw_labels

from generator import layout, pipeline
from generator.importer import import_file
from generator.templating import context, templates

DATA = ROOT / "tests" / "data" / "formats"
FILES = [DATA / "rich.yaml", DATA / "edge.yaml", *sorted(SAMPLES.glob("*.yaml"))]
NAMES = list(layout.LAYOUTS)


def word_text(report, name: str) -> str:
    """What Word's "Save as plain text" writes for the rendered report (tabs between cells)."""
    lines = [report.title]
    for p in layout.layout(report, name):
        if p.kind == "figures":
            lines += ["主要工作数据", "项目\t本期\t上期\t增减"]
            lines += ["\t".join((r.label, r.current, r.previous, r.change)) for r in context.figure_rows(report)]
        else:
            lines.append(p.lead + p.text)
    if report.signature:
        lines += [report.signature.name, report.signature.date_text]
    return "\r\n".join(lines) + "\r\n"


def export(report, name: str, how: str, folder: Path) -> Path:
    docx = pipeline.render_bytes(report, templates.resolve(name), "docx")
    path = folder / f"{name}-{how}.{ {'txt': 'txt', 'md': 'md'}.get(how, 'docx') }"
    if how == "txt":
        path.write_text(word_text(report, name), encoding="utf-8")
    elif how == "md":
        path.write_bytes(pipeline.render_bytes(report, templates.resolve(name), "md"))
    elif how == "docx":
        path.write_bytes(docx)
    else:  # drawn-plain, drawn-enclosed
        path.write_bytes(draw_labels(docx, how.split("-")[1]))
    return path


def assert_round_trip(original, name: str, source: Path, folder: Path) -> None:
    out = folder / (source.name + ".yaml")
    done = import_file(source, out, force=True)
    assert done.output == out
    back = report_of(out)  # validates
    assert (back.template or "standard") == name
    assert done.template == name
    expected = pipeline.render_bytes(original, templates.resolve(name), "md").decode("utf-8")
    got = pipeline.render_bytes(back, templates.resolve(back.template), "md").decode("utf-8")
    assert got == expected


HOW = ("txt", "docx", "drawn-plain", "drawn-enclosed", "md")


@pytest.mark.parametrize("data", FILES, ids=lambda p: p.stem)
@pytest.mark.parametrize("name", NAMES)
@pytest.mark.parametrize("how", HOW)
def test_round_trip(tmp_path, data, name, how):
    report = report_of(data)
    assert_round_trip(report, name, export(report, name, how, tmp_path), tmp_path)


def test_the_data_files_reach_every_case():
    """11+ items, nested items, points, part titles, causes, figures: the matrix above covers them."""
    rich, edge = report_of(DATA / "rich.yaml"), report_of(DATA / "edge.yaml")
    assert len(rich.plans.items) >= 11 and len(rich.problems.points) >= 11
    assert rich.causes and rich.causes.title and rich.figures
    assert any(i.items for i in edge.summary.items) and edge.summary.title and edge.plans.title


def _soffice(folder: Path, to: str, files: list[Path]) -> None:
    profile = (folder / "profile").as_uri()
    command = ["soffice", "--headless", f"-env:UserInstallation={profile}", "--convert-to", to, "--outdir", str(folder)]
    subprocess.run(command + [str(f) for f in files], check=True, capture_output=True, timeout=300)


@requires_soffice
@pytest.mark.parametrize("data", [DATA / "rich.yaml", DATA / "edge.yaml"], ids=lambda p: p.stem)
def test_round_trip_through_libreoffice(tmp_path, data):
    """LibreOffice's own Text export (a cell a line) and Word 97 export of each format's .docx."""
    report = report_of(data)
    sources = []
    for name in NAMES:
        path = tmp_path / f"{name}.docx"
        path.write_bytes(pipeline.render_bytes(report, templates.resolve(name), "docx"))
        sources.append(path)
    _soffice(tmp_path, "txt:Text (encoded):UTF8", sources)
    _soffice(tmp_path, "doc", sources)
    for name in NAMES:
        for suffix in (".txt", ".doc"):
            converted = tmp_path / f"{name}{suffix}"
            assert converted.is_file(), converted
            assert_round_trip(report, name, converted, tmp_path)


@requires_soffice
@pytest.mark.parametrize("name", NAMES)
def test_libreoffice_draws_the_labels_the_importer_reads(tmp_path, name):
    """The Word numbering of the helper, as LibreOffice sees it: its Text export writes each label
    it draws, indented and followed by a space; that text imports back too."""
    report = report_of(DATA / "edge.yaml")
    path = tmp_path / "drawn.docx"
    path.write_bytes(draw_labels(pipeline.render_bytes(report, templates.resolve(name), "docx")))
    _soffice(tmp_path, "txt:Text (encoded):UTF8", [path])
    exported = tmp_path / "drawn.txt"
    lines = [line.strip().replace(" ", "") for line in exported.read_text(encoding="utf-8-sig").splitlines()]
    expected = [shown for shown in _layout_lines(report, name) if shown]
    assert [line for line in lines if line] == expected
    assert_round_trip(report, name, exported, tmp_path)


def _layout_lines(report, name: str) -> list[str]:
    lines = [report.title]
    for p in layout.layout(report, name):
        lines.append(p.lead + p.text)
    return lines + ([report.signature.name, report.signature.date_text] if report.signature else [])



def test_a_tie_goes_to_the_layout_that_prints_a_heading_like_line_as_a_heading(tmp_path):
    """tie-headline.txt is Word's plain-text export of a report rendered under headline (an example
    the property test found). headline and standard both give back its text line for line; only
    headline prints the summary's own title, the short unpunctuated line 主要做法, as a heading."""
    done = import_file(DATA.parent / "import" / "roundtrip" / "tie-headline.txt", tmp_path / "r.yaml", force=True)
    assert done.template == "headline"
    paragraphs = layout.layout(report_of(tmp_path / "r.yaml"), "headline")
    assert any(p.kind == "heading" and p.text == "主要做法" for p in paragraphs)
