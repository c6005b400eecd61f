"""Every .docx the import tests build stands for a file Word or WPS wrote, so it must be one Word
opens: each passes the ISO/IEC 29500 schema check of ../shared/tools/ooxml/validate_docx.py
(beside the repository, where CI has it; required, never skipped) with no error and no extra
finding.

Checked: docxbuild.make with every feature its callers use (emphasised leads, centring, heading and
Title styles, Word's numbering, tables), test_import_real's two reports, wordnumbering's drawn
labels over reportgen's own render in each layout and both numbering styles, and the corpus'
Word and WPS reports (wordlike.py).
"""

from __future__ import annotations

import io
import json
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest
import test_import_real
import wordlike
from conftest import ROOT, VALIDATOR
from docxbuild import P, levels, make
from wordnumbering import draw_labels

from generator import layout, pipeline
from generator.templating import templates


def fixtures(folder: Path) -> list[Path]:
    built = {
        "kitchen-sink.docx": make(
            [
                P("示例党支部2024年党建工作总结", center=True, style="Title"),
                P("一、基本情况", style="Heading1"),
                P("（一）抓学习全年学习六次。", bold=6),
                P("学习覆盖全体党员。", bold=-1),
                P("抓组织", num=(1, 1)),
                [["项目", "本期", "上期"], ["学习（次）", "6", "5"]],
                "正文。",
            ],
            levels(("chineseCounting", "%1、"), ("chineseCounting", "（%2）"), ("decimal", "%3.")),
        ),
    }
    for name in ("headline.docx", "drawn.docx"):
        test_import_real.source_file(name, folder)
        built[f"real-{name}"] = (folder / name).read_bytes()
    report = pipeline.load(ROOT / "tests" / "data" / "formats" / "rich.yaml").report
    for name in layout.LAYOUTS:
        rendered = pipeline.render_bytes(report, templates.resolve(name), "docx")
        for style in ("plain", "enclosed"):
            built[f"drawn-{name}-{style}.docx"] = draw_labels(rendered, style)
    paths = []
    for name, data in built.items():
        (folder / name).write_bytes(data)
        paths.append(folder / name)
    for name in wordlike.REPORTS:
        wordlike.write(name, folder / name)
        paths.append(folder / name)
    return paths


def test_the_schema_check_is_beside_the_repository():
    assert VALIDATOR.is_file(), f"{VALIDATOR} is missing: CI has ../shared beside the repository"


def test_every_fixture_docx_passes_the_schema_check(tmp_path):
    if not VALIDATOR.is_file():
        pytest.fail(f"{VALIDATOR} is missing")
    paths = fixtures(tmp_path)
    done = subprocess.run(
        [sys.executable, str(VALIDATOR), "--json", *map(str, paths)], capture_output=True, text=True, encoding="utf-8"
    )
    results = [json.loads(line) for line in done.stdout.splitlines() if line.strip()]
    assert len(results) == len(paths) >= 15, done.stderr
    problems = {Path(r["file"]).name: r["errors"][:3] for r in results if r["errors"]}
    assert not problems, problems
    assert done.returncode == 0, done.stderr


def test_the_schema_check_would_see_a_broken_fixture(tmp_path):
    """The check is not blind: a table without its grid, as the old builder wrote, fails it."""
    path = tmp_path / "old.docx"
    document = make([[["项目", "本期"], ["学习", "1"]]])
    with zipfile.ZipFile(io.BytesIO(document)) as z:
        files = {i.filename: z.read(i) for i in z.infolist()}
    xml = files["word/document.xml"].decode()
    files["word/document.xml"] = (xml[: xml.index("<w:tblPr>")] + xml[xml.index("</w:tblGrid>") + 12 :]).encode()
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as z:
        for name, data in files.items():
            z.writestr(name, data)
    path.write_bytes(out.getvalue())
    done = subprocess.run([sys.executable, str(VALIDATOR), "--json", str(path)], capture_output=True, text=True)
    assert json.loads(done.stdout.splitlines()[0])["errors"], done.stdout
