"""PDF output: soffice run the right way, pdffonts read, faces checked, exit 2 with the install command.

Most tests put stand-in `soffice` and `pdffonts` scripts first on PATH (fast, and able to hang or
fail on purpose); two run the real LibreOffice.
"""

import functools
import io
import json
import os
import re
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

from conftest import SAMPLES, requires_soffice
from generator import pipeline, templates
from generator.errors import ReportgenError
from generator.render import pdf

# What pdffonts printed for sample_data/2024-h1.yaml with LibreOffice 7.4 on Debian:
# with the alias file in force, …
GOOD = """\
name                                 type              encoding         emb sub uni object ID
------------------------------------ ----------------- ---------------- --- --- --- ---------
BAAAAA+NotoSerifCJKjp-Bold-VKana     Type 1            Builtin          yes yes yes     47  0
CAAAAA+LiberationSerif               TrueType          WinAnsi          yes yes yes     52  0
DAAAAA+NotoSerifCJKjp-Regular-VKana  Type 1            Builtin          yes yes yes     32  0
EAAAAA+NotoSansCJKjp-Regular-VKana   Type 1            Builtin          yes yes yes     57  0
FAAAAA+GBZenKai-Medium               TrueType          WinAnsi          yes yes yes     27  0
"""
# … without it (every Chinese name falls back to Noto Sans CJK), …
NO_ALIASES = """\
name                                 type              encoding         emb sub uni object ID
------------------------------------ ----------------- ---------------- --- --- --- ---------
BAAAAA+NotoSansCJKjp-Regular-VKana   Type 1            Builtin          yes yes yes     32  0
CAAAAA+LiberationSerif               TrueType          WinAnsi          yes yes yes     27  0
"""
# … and with no CJK font at all (the Chinese text in a font without its glyphs).
NO_CJK = """\
name                                 type              encoding         emb sub uni object ID
------------------------------------ ----------------- ---------------- --- --- --- ---------
BAAAAA+DejaVuSans-Bold               TrueType          WinAnsi          yes yes yes     21  0
CAAAAA+LiberationSerif               TrueType          WinAnsi          yes yes yes     26  0
DAAAAA+DejaVuSans                    TrueType          WinAnsi          yes yes yes     31  0
"""

FAKE_SOFFICE = """\
import json, os, sys, time
from pathlib import Path

args = sys.argv[1:]
with open(os.environ["FAKE_LOG"], "a", encoding="utf-8") as log:
    config = Path(os.environ["FONTCONFIG_FILE"]).read_text(encoding="utf-8")
    log.write(json.dumps({"args": args, "fontconfig": config}) + "\\n")
mode = os.environ.get("FAKE_SOFFICE", "ok")
if mode == "hang":
    time.sleep(600)
elif mode == "fail":
    print("crashed")
    sys.exit(81)
elif mode == "ok":
    source = Path(args[-1])
    out = Path(args[args.index("--outdir") + 1]) / (source.stem + ".pdf")
    out.write_bytes(b"%PDF-1.4 from " + source.name.encode("utf-8"))
else:
    print("Error: source file could not be loaded")
"""
FAKE_PDFFONTS = """\
import os, sys
sys.stdout.write(open(os.environ["FAKE_FONTS"], encoding="utf-8").read())
"""


def _script(folder: Path, name: str, body: str) -> None:
    path = folder / name
    path.write_text(f"#!{sys.executable}\n{body}", encoding="utf-8")
    path.chmod(0o755)


@pytest.fixture
def fake(tmp_path, monkeypatch):
    """Stand-in soffice and pdffonts, alone on PATH; returns a function that sets their behaviour."""
    bin_dir = tmp_path / "bin"
    bin_dir.mkdir()
    _script(bin_dir, "soffice", FAKE_SOFFICE)
    _script(bin_dir, "pdffonts", FAKE_PDFFONTS)
    monkeypatch.setenv("PATH", str(bin_dir))
    monkeypatch.setenv("FAKE_LOG", str(tmp_path / "calls.jsonl"))
    monkeypatch.delenv("FONTCONFIG_FILE", raising=False)

    def setup(mode: str = "ok", fonts: str = GOOD) -> Path:
        (tmp_path / "fonts.txt").write_text(fonts, encoding="utf-8")
        monkeypatch.setenv("FAKE_FONTS", str(tmp_path / "fonts.txt"))
        monkeypatch.setenv("FAKE_SOFFICE", mode)
        return tmp_path / "calls.jsonl"

    return setup


def _calls(log: Path) -> list[dict]:
    return [json.loads(line) for line in log.read_text(encoding="utf-8").splitlines()]


@functools.cache
def sample_docx() -> bytes:
    loaded = pipeline.load(SAMPLES / "2024-h1.yaml")
    return pipeline.render_bytes(loaded.report, templates.resolve("standard"), "docx")


def run_cli(*args, env):
    done = subprocess.run(
        [sys.executable, "-m", "generator", *map(str, args)],
        capture_output=True, text=True, encoding="utf-8", env={**env, "PYTHONIOENCODING": "utf-8"},
    )  # fmt: skip
    assert "Traceback" not in done.stderr, done.stderr
    return done


# ------------------------------------------------------------ running soffice


def test_convert_runs_soffice_headless_in_a_profile_of_its_own_with_the_aliases(fake):
    log = fake()
    first = pdf.convert(sample_docx(), "半年 总结")
    pdf.convert(sample_docx(), "半年 总结")
    assert first == "%PDF-1.4 from 半年 总结.docx".encode("utf-8")
    calls = _calls(log)
    args = calls[0]["args"]
    assert args[:2] == ["--headless", "--norestore"]
    assert args[3:5] == ["--convert-to", "pdf"]
    source = Path(args[-1])
    assert source.name == "半年 总结.docx" and Path(args[6]) == source.parent and args[5] == "--outdir"
    profiles = [c["args"][2] for c in calls]
    assert profiles[0].startswith("-env:UserInstallation=file:///") and profiles[0] != profiles[1]
    assert not source.parent.exists()  # the temporary folder, profile and all, is gone
    config = calls[0]["fontconfig"]
    assert '<include ignore_missing="yes">fonts.conf</include>' in config
    assert f'<include ignore_missing="yes">{pdf.ALIASES}</include>' in config


def test_fontconfig_file_of_the_user_is_kept(fake, monkeypatch, tmp_path):
    log = fake()
    mine = tmp_path / "my fonts & more.conf"
    monkeypatch.setenv("FONTCONFIG_FILE", str(mine))
    pdf.convert(sample_docx(), "r")
    assert f"<include ignore_missing=\"yes\">{str(mine).replace('&', '&amp;')}</include>" in _calls(log)[0]["fontconfig"]


@pytest.mark.parametrize(("mode", "key"), [("nothing", "pdf.failed"), ("fail", "pdf.failed"), ("hang", "pdf.timeout")])
def test_a_conversion_that_fails_or_hangs_is_exit_2_and_writes_nothing(fake, monkeypatch, tmp_path, mode, key):
    fake(mode)
    monkeypatch.setattr(pdf, "TIMEOUT", 1)
    out = tmp_path / "out.pdf"
    with pytest.raises(ReportgenError) as e:
        pipeline.render_file(SAMPLES / "2024-h1.yaml", out, None, "pdf")
    assert (e.value.key, e.value.exit_code) == (key, 2)
    assert not out.exists()
    if mode == "fail":
        assert "81" in str(e.value) and "crashed" in str(e.value)


# ------------------------------------------------------------ the font check


def test_the_faces_of_a_good_pdf_pass(fake):
    fake(fonts=GOOD)
    assert pdf.convert(sample_docx(), "r").startswith(b"%PDF")


@pytest.mark.parametrize(
    ("listing", "named", "packages"),
    [
        (NO_ALIASES, ["仿宋_GB2312", "宋体", "方正小标宋简体", "楷体_GB2312"], "fonts-arphic-gkai00mp fonts-noto-cjk"),
        (NO_CJK, ["仿宋_GB2312", "宋体", "方正小标宋简体", "楷体_GB2312", "黑体"], "fonts-arphic-gkai00mp fonts-noto-cjk"),
        (GOOD.replace("GBZenKai-Medium", "NotoSerifCJKjp-Regular"), ["楷体_GB2312"], "fonts-arphic-gkai00mp"),
    ],
)
def test_chinese_text_in_the_wrong_face_names_the_font_and_its_package(fake, monkeypatch, listing, named, packages):
    monkeypatch.setenv("REPORTGEN_LANG", "en")
    fake(fonts=listing)
    with pytest.raises(ReportgenError) as e:
        pdf.convert(sample_docx(), "r")
    assert (e.value.key, e.value.exit_code) == ("pdf.wrong-font", 2)
    text = str(e.value)
    assert re.findall(r"text in “([^”]+)”", text) == sorted(named)
    assert text.endswith(f"sudo apt-get install {packages}) and try again")


def test_names_outside_the_table_are_not_checked():
    pdf.check_fonts({"微软雅黑"}, ["DejaVuSans"])


def test_pdffonts_table_is_read_by_its_columns():
    long_name = "ABCDEF+SourceHanSerifSC-Regular-Identity-H-Extra"
    listing = GOOD + f"{long_name} CID Type 0C       Identity-H       yes yes yes     60  0\n"
    assert pdf.pdf_fonts(listing) == [
        "NotoSerifCJKjp-Bold-VKana", "LiberationSerif", "NotoSerifCJKjp-Regular-VKana",
        "NotoSansCJKjp-Regular-VKana", "GBZenKai-Medium", "SourceHanSerifSC-Regular-Identity-H-Extra",
    ]  # fmt: skip
    assert pdf.pdf_fonts("") == []


W = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'


def _docx(styles: str, body: str) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as z:
        z.writestr("word/styles.xml", f"<w:styles {W}>{styles}</w:styles>")
        z.writestr("word/document.xml", f"<w:document {W}><w:body>{body}</w:body></w:document>")
    return out.getvalue()


def test_document_fonts_are_those_of_the_runs_with_chinese_text():
    styles = """
      <w:docDefaults><w:rPrDefault><w:rPr><w:rFonts w:eastAsia="仿宋_GB2312"/></w:rPr></w:rPrDefault></w:docDefaults>
      <w:style w:type="paragraph" w:default="1" w:styleId="Normal"/>
      <w:style w:type="paragraph" w:styleId="H2"><w:rPr><w:rFonts w:eastAsia="楷体_GB2312"/></w:rPr></w:style>
      <w:style w:type="paragraph" w:styleId="H2b"><w:basedOn w:val="H2"/></w:style>
      <w:style w:type="paragraph" w:styleId="Unused"><w:rPr><w:rFonts w:eastAsia="黑体"/></w:rPr></w:style>
      <w:style w:type="paragraph" w:styleId="Digits"><w:rPr><w:rFonts w:eastAsia="宋体"/></w:rPr></w:style>
      <w:style w:type="character" w:styleId="RunIn"><w:rPr><w:rFonts w:eastAsia="SimHei"/></w:rPr></w:style>
    """
    body = """
      <w:p><w:r><w:t>正文</w:t></w:r></w:p>
      <w:p><w:pPr><w:pStyle w:val="H2b"/></w:pPr><w:r><w:t>（一）标题</w:t></w:r></w:p>
      <w:p><w:pPr><w:pStyle w:val="Digits"/></w:pPr><w:r><w:t>2024</w:t></w:r></w:p>
      <w:p><w:r><w:rPr><w:rStyle w:val="RunIn"/></w:rPr><w:t>一是</w:t></w:r>
        <w:r><w:rPr><w:rFonts w:eastAsia="方正小标宋简体"/></w:rPr><w:t>题</w:t></w:r></w:p>
    """
    assert pdf.document_fonts(_docx(styles, body)) == {"仿宋_GB2312", "楷体_GB2312", "SimHei", "方正小标宋简体"}


def test_the_alias_file_maps_every_name_the_check_knows():
    text = pdf.ALIASES.read_text(encoding="utf-8")
    mapped = dict(re.findall(r"<string>([^<]+)</string></test>\s*<edit[^>]*><string>([^<]+)</string>", text))
    assert {name: face.free.removesuffix(" Bold") for name, face in pdf.FACES.items()} == {
        k: v for k, v in mapped.items() if k != "Times New Roman"
    }
    assert mapped["Times New Roman"] == "Liberation Serif"
    assert re.search(r"方正小标宋简体.*?<const>bold</const>", text, re.S)


def test_soffice_in_the_windows_install_folder_is_found_off_path(tmp_path, monkeypatch):
    exe = tmp_path / "Program Files" / "LibreOffice" / "program" / "soffice.exe"
    exe.parent.mkdir(parents=True)
    exe.write_bytes(b"")
    monkeypatch.setenv("PATH", str(tmp_path / "nothing"))
    monkeypatch.setenv("ProgramFiles", str(tmp_path / "Program Files"))
    with pytest.raises(ReportgenError) as e:  # soffice found; pdffonts is what is missing now
        pdf.find_tools()
    assert "pdffonts" in str(e.value)
    assert pdf._installed_soffice() == str(exe)


# ------------------------------------------------------------ the command line


def test_missing_soffice_is_exit_2_with_the_install_command(tmp_path):
    data = tmp_path / "h1.yaml"
    data.write_bytes((SAMPLES / "2024-h1.yaml").read_bytes())
    empty = tmp_path / "empty"
    empty.mkdir()
    done = run_cli("render", data, "--format", "pdf", env={**os.environ, "PATH": str(empty)})
    assert done.returncode == 2
    assert done.stderr.startswith("reportgen: ") and "soffice" in done.stderr
    assert "apt-get install libreoffice-writer-nogui" in done.stderr
    assert sorted(p.name for p in tmp_path.iterdir()) == ["empty", "h1.yaml"]  # no PDF, no temporary file


def test_missing_pdffonts_is_exit_2_with_the_install_command(tmp_path):
    bin_dir = tmp_path / "bin"
    bin_dir.mkdir()
    _script(bin_dir, "soffice", FAKE_SOFFICE)
    done = run_cli("render", SAMPLES / "2024-h1.yaml", "--format", "pdf", "-o", tmp_path / "r.pdf",
                   env={**os.environ, "PATH": str(bin_dir)})  # fmt: skip
    assert done.returncode == 2
    assert "pdffonts" in done.stderr and "apt-get install poppler-utils" in done.stderr
    assert not (tmp_path / "r.pdf").exists()


# ------------------------------------------------------------ the real LibreOffice


@requires_soffice
def test_real_pdf_has_the_body_in_noto_serif_cjk_and_no_fallback(tmp_path):
    out = tmp_path / "上半年 总结.pdf"
    done = run_cli("render", SAMPLES / "2024-h1.yaml", "--format", "pdf", "-o", out, env=dict(os.environ))
    assert done.returncode == 0, done.stderr
    assert out.read_bytes().startswith(b"%PDF")
    listing = subprocess.run(["pdffonts", str(out)], capture_output=True, text=True, check=True).stdout
    faces = {re.sub(r"CJK\w*-", "CJK-", re.sub(r"-VKana$", "", f)) for f in pdf.pdf_fonts(listing)}
    # title, body, level-1 headings, level-2 headings, Latin: nothing else
    assert faces == {
        "NotoSerifCJK-Bold", "NotoSerifCJK-Regular", "NotoSansCJK-Regular", "GBZenKai-Medium", "LiberationSerif",
    }  # fmt: skip


@requires_soffice
def test_real_pdf_without_the_aliases_fails_naming_the_body_font(tmp_path, monkeypatch):
    nothing = tmp_path / "nothing.conf"
    nothing.write_text('<?xml version="1.0"?>\n<fontconfig/>\n', encoding="utf-8")
    monkeypatch.setattr(pdf, "ALIASES", nothing)
    # keep an alias file the user installed by hand out of this run
    monkeypatch.setenv("HOME", str(tmp_path))
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "config"))
    monkeypatch.setenv("REPORTGEN_LANG", "en")
    out = tmp_path / "r.pdf"
    with pytest.raises(ReportgenError) as e:
        pipeline.render_file(SAMPLES / "2024-h1.yaml", out, None, "pdf")
    assert e.value.key == "pdf.wrong-font"
    assert "text in “仿宋_GB2312” should be set in Noto Serif CJK SC (package fonts-noto-cjk)" in str(e.value)
    assert "NotoSansCJK" in str(e.value)  # where the body went
    assert not out.exists()
