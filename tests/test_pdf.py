"""PDF output: soffice run the right way, pdffonts read, faces checked, exit 2 with the install command.

Most tests put stand-in `soffice` and `pdffonts` scripts first on PATH (fast, and able to hang or
fail on purpose); two run the real LibreOffice.
"""

import functools
import io
import json
import os
import re
import signal
import subprocess
import sys
import time
import zipfile
from pathlib import Path

import pytest
from conftest import SAMPLES, command, requires_soffice

from generator import pipeline
from generator.errors import ReportgenError
from generator.messages import msg
from generator.render import faces, pdf, pdfmeta
from generator.templating import templates

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
    log.write(json.dumps({"args": args, "fontconfig": config, "pid": os.getpid()}) + "\\n")
mode = os.environ.get("FAKE_SOFFICE", "ok")
if mode == "hang":
    time.sleep(600)
if mode == "fail":
    print("crashed")
    sys.exit(81)
outdir = Path(args[args.index("--outdir") + 1])
# FAKE_BAD: `stem=what` for one file: notload (LibreOffice's message, no output), crash, hang
bad_stem, _, bad = os.environ.get("FAKE_BAD", "").partition("=")
for source in map(Path, args[args.index("--outdir") + 2 :]):
    what = bad if source.stem == bad_stem else mode
    if what == "crash":
        print("crashed", flush=True)
        os._exit(81)
    if what == "hang":
        time.sleep(600)
    if what in ("notload", "nothing"):
        print("Error: source file could not be loaded", flush=True)
        continue
    out = outdir / (source.stem + ".pdf")
    print(f"convert {source} -> {out} using filter : writer_pdf_Export", flush=True)
    # the fonts of FAKE_FONTS (a pdffonts listing), as a PDF names them; in an object stream when asked
    listing = Path(os.environ["FAKE_FONTS"]).read_text(encoding="utf-8").splitlines()[2:]
    fonts = b"".join(b"/BaseFont/" + line.split()[0].encode() + b"\\n" for line in listing)
    hidden = b"/Type/ObjStm\\n" if os.environ.get("FAKE_OBJSTM") else fonts
    out.write_bytes(b"%PDF-1.4 from " + source.read_bytes()[:20] + b"\\n" + hidden + b"%%EOF\\n")
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
        command(*map(str, args)),
        capture_output=True, text=True, encoding="utf-8", env={**env, "PYTHONIOENCODING": "utf-8"},
    )  # fmt: skip
    assert "Traceback" not in done.stderr, done.stderr
    return done


# ------------------------------------------------------------ running soffice


def test_convert_runs_soffice_headless_in_a_profile_of_its_own_with_the_aliases(fake):
    log = fake()
    first = pdf.convert(sample_docx())
    pdf.convert(sample_docx())
    assert first.startswith(b"%PDF-1.4 from " + sample_docx()[:20] + b"\n/BaseFont/BAAAAA+NotoSerifCJKjp-Bold-VKana\n")
    calls = _calls(log)
    args = calls[0]["args"]
    assert args[:2] == ["--headless", "--norestore"]
    assert args[3:5] == ["--convert-to", "pdf"]
    source = Path(args[-1])
    assert source.suffix == ".docx" and Path(args[6]) == source.parent and args[5] == "--outdir"
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
    pdf.convert(sample_docx())
    assert f"<include ignore_missing=\"yes\">{str(mine).replace('&', '&amp;')}</include>" in _calls(log)[0]["fontconfig"]


@pytest.mark.parametrize(
    ("mode", "problem"),
    [("nothing", "soffice.not-loaded"), ("fail", "soffice.crashed"), ("hang", "soffice.timeout")],
)
def test_a_conversion_that_fails_or_hangs_is_exit_2_and_writes_nothing(fake, monkeypatch, tmp_path, mode, problem):
    fake(mode)
    monkeypatch.setattr(pdf, "FIRST_TIMEOUT", 1)
    out = tmp_path / "out.pdf"
    with pytest.raises(ReportgenError) as e:
        pipeline.render_file(SAMPLES / "2024-h1.yaml", out, None, "pdf")
    assert (e.value.key, e.value.exit_code) == ("pdf.failed", 2)
    assert msg(problem) in str(e.value)
    assert not out.exists()
    if mode == "fail":
        assert "81" in str(e.value) and "crashed" in str(e.value)


def docs(n: int) -> list[pdf.Document]:
    """n different documents (the fake soffice writes each one's first bytes into its PDF)."""
    return [pdf.Document(bytes([65 + i]) * 20 + sample_docx()) for i in range(n)]


@pytest.mark.parametrize("processes", [1, 2, 3])
def test_a_batch_starts_one_libreoffice_per_process_each_with_its_own_profile(fake, processes):
    log = fake()
    made = dict(pdf.convert_many(docs(7), processes))
    assert {i: m[:34] for i, m in made.items()} == {i: b"%PDF-1.4 from " + bytes([65 + i]) * 20 for i in range(7)}
    calls = _calls(log)
    assert len(calls) == processes
    assert sorted(len(c["args"]) - 7 for c in calls) == sorted(len(range(i, 7, processes)) for i in range(processes))
    assert len({c["args"][2] for c in calls}) == processes  # -env:UserInstallation=…


@pytest.mark.parametrize("bad", ["notload", "crash", "hang"])
def test_a_document_libreoffice_fails_on_is_named_and_the_others_still_convert(fake, monkeypatch, bad):
    """The third of six, in one LibreOffice: it is the one reported; after a crash or a hang a new
    LibreOffice, with a new profile, converts the rest."""
    log = fake()
    monkeypatch.setenv("FAKE_BAD", f"000002={bad}")
    monkeypatch.setattr(pdf, "FILE_TIMEOUT", 1)
    made = dict(pdf.convert_many(docs(6), 1))
    assert sorted(i for i, m in made.items() if isinstance(m, bytes)) == [0, 1, 3, 4, 5]
    problem = {"notload": "soffice.not-loaded", "crash": "soffice.crashed", "hang": "soffice.timeout"}[bad]
    assert made[2].key == "pdf.failed" and msg(problem) in str(made[2])
    calls = _calls(log)
    assert len(calls) == (1 if bad == "notload" else 2)
    if bad != "notload":
        assert [Path(a).name for a in calls[1]["args"][7:]] == ["000003.docx", "000004.docx", "000005.docx"]
        assert calls[0]["args"][2] != calls[1]["args"][2]


def test_the_timeout_counts_from_the_last_file_done(fake, monkeypatch):
    """A slow batch is not a hung one: the limit is per file, so a long batch never times out."""
    fake()
    monkeypatch.setattr(pdf, "FIRST_TIMEOUT", 5)
    monkeypatch.setattr(pdf, "FILE_TIMEOUT", 0.5)
    made = dict(pdf.convert_many(docs(12), 1))  # 12 files take longer than 0.5 s in all
    assert all(isinstance(m, bytes) for m in made.values())


def test_two_batches_at_once_never_share_a_profile(fake, tmp_path):
    """Two `render --format pdf` in the same folder tree at the same time: every LibreOffice has a
    profile of its own, in a temporary folder of its run."""
    log = fake()
    env = {**os.environ, "REPORTGEN_LANG": "en"}
    runs = []
    for name in ("a", "b"):
        folder = tmp_path / "reports" / name
        folder.mkdir(parents=True)
        for n in range(3):
            (folder / f"{n}.yaml").write_bytes((SAMPLES / "2024-h1.yaml").read_bytes())
        runs.append(subprocess.Popen(
            command("render", *sorted(map(str, folder.glob("*.yaml"))), "--format", "pdf", "-j", "2"),
            env=env, stderr=subprocess.PIPE, text=True,
        ))  # fmt: skip
    for run in runs:
        assert run.wait(timeout=120) == 0, run.stderr.read()
    profiles = [c["args"][2] for c in _calls(log)]
    assert len(profiles) == 4 and len(set(profiles)) == 4
    assert len({Path(p.removeprefix("-env:UserInstallation=file://")).parent.parent for p in profiles}) == 2
    assert all(not p.startswith(f"-env:UserInstallation={tmp_path.as_uri()}") for p in profiles)


def test_ctrl_c_stops_every_libreoffice(fake, tmp_path):
    """LibreOffice runs in a session of its own (the terminal's Ctrl-C never reaches it): reportgen
    stops each one it started."""
    log = fake("hang")
    folder = tmp_path / "in"
    folder.mkdir()
    for n in range(4):
        (folder / f"{n}.yaml").write_bytes((SAMPLES / "2024-h1.yaml").read_bytes())
    env = {**os.environ, "REPORTGEN_LANG": "en", "PYTHONIOENCODING": "utf-8"}
    child = subprocess.Popen(
        command("render", *map(str, sorted(folder.glob("*.yaml"))), "--format", "pdf", "-j", "2"),
        env=env, stderr=subprocess.PIPE, text=True, start_new_session=True,
    )  # fmt: skip
    deadline = time.monotonic() + 60
    while (not log.exists() or len(_calls(log)) < 2) and time.monotonic() < deadline:
        time.sleep(0.05)
    pids = [c["pid"] for c in _calls(log)]
    assert len(pids) == 2 and all(_alive(p) for p in pids)
    os.killpg(child.pid, signal.SIGINT)
    _, stderr = child.communicate(timeout=60)
    assert child.returncode == 130, stderr
    assert "Traceback" not in stderr
    deadline = time.monotonic() + 10
    while any(_alive(p) for p in pids) and time.monotonic() < deadline:
        time.sleep(0.05)
    assert not any(_alive(p) for p in pids)
    assert list(folder.glob("*.pdf")) == [] and list(folder.glob(".*.tmp")) == []


def _alive(pid: int) -> bool:
    try:
        state = Path(f"/proc/{pid}/stat").read_text(encoding="utf-8").rsplit(")", 1)[1].split()[0]
    except OSError:
        return False
    return state != "Z"


# ------------------------------------------------------------ the font check


def test_the_faces_of_a_good_pdf_pass(fake):
    fake(fonts=GOOD)
    assert pdf.convert(sample_docx()).startswith(b"%PDF")


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
        pdf.convert(sample_docx())
    assert (e.value.key, e.value.exit_code) == ("pdf.wrong-font", 2)
    text = str(e.value)
    assert re.findall(r"text in “([^”]+)”", text) == sorted(named)
    assert text.endswith(f"sudo apt-get install {packages}) and try again")


def test_names_outside_the_table_are_not_checked():
    faces.check({"微软雅黑"}, ["DejaVuSans"])


def test_pdffonts_table_is_read_by_its_columns():
    long_name = "ABCDEF+SourceHanSerifSC-Regular-Identity-H-Extra"
    listing = GOOD + f"{long_name} CID Type 0C       Identity-H       yes yes yes     60  0\n"
    assert faces.pdf_fonts(listing) == [
        "NotoSerifCJKjp-Bold-VKana", "LiberationSerif", "NotoSerifCJKjp-Regular-VKana",
        "NotoSansCJKjp-Regular-VKana", "GBZenKai-Medium", "SourceHanSerifSC-Regular-Identity-H-Extra",
    ]  # fmt: skip
    assert faces.pdf_fonts("") == []


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
    assert faces.document_fonts(_docx(styles, body)) == {"仿宋_GB2312", "楷体_GB2312", "SimHei", "方正小标宋简体"}


def test_the_alias_file_maps_every_name_the_check_knows():
    text = pdf.ALIASES.read_text(encoding="utf-8")
    mapped = dict(re.findall(r"<string>([^<]+)</string></test>\s*<edit[^>]*><string>([^<]+)</string>", text))
    assert {name: face.free.removesuffix(" Bold") for name, face in faces.FACES.items()} == {
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
    assert pdf.find_tools() == str(exe)


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


def test_pdffonts_is_needed_only_for_a_pdf_with_object_streams(tmp_path):
    """Font names are read from the PDF itself; one that hides its objects in object streams is read
    by pdffonts, and without it that is exit 2 with the install command."""
    bin_dir = tmp_path / "bin"
    bin_dir.mkdir()
    _script(bin_dir, "soffice", FAKE_SOFFICE)
    (tmp_path / "fonts.txt").write_text(GOOD, encoding="utf-8")
    env = {**os.environ, "PATH": str(bin_dir), "FAKE_LOG": str(tmp_path / "log"), "FAKE_FONTS": str(tmp_path / "fonts.txt")}
    done = run_cli("render", SAMPLES / "2024-h1.yaml", "--format", "pdf", "-o", tmp_path / "r.pdf", env=env)
    assert done.returncode == 0, done.stderr
    done = run_cli("render", SAMPLES / "2024-h1.yaml", "--format", "pdf", "-o", tmp_path / "s.pdf",
                   env={**env, "FAKE_OBJSTM": "1"})  # fmt: skip
    assert done.returncode == 2
    assert "pdffonts" in done.stderr and "apt-get install poppler-utils" in done.stderr
    assert not (tmp_path / "s.pdf").exists()


@pytest.mark.parametrize("listing", [NO_ALIASES, GOOD])
def test_a_pdf_with_object_streams_is_checked_by_pdffonts(fake, monkeypatch, listing):
    fake(fonts=listing)
    monkeypatch.setenv("FAKE_OBJSTM", "1")  # no font name in the file: pdffonts' listing decides
    if listing is GOOD:
        assert pdf.convert(sample_docx()).startswith(b"%PDF")
    else:
        with pytest.raises(ReportgenError, match="Noto Serif CJK SC"):
            pdf.convert(sample_docx())


def test_font_names_are_read_from_the_pdf_as_pdffonts_lists_them(tmp_path):
    made = tmp_path / "x.pdf"
    made.write_bytes(b"%PDF-1.6\n<</Type/Font/BaseFont/BAAAAA+NotoSerifCJKjp-Regular-VKana/Subtype/Type0>>\n"
                     b"<</BaseFont /Liberation#20Serif>>\n<</BaseFont/BAAAAA+NotoSerifCJKjp-Regular-VKana>>\n")  # fmt: skip
    assert faces.embedded(made) == ["NotoSerifCJKjp-Regular-VKana", "Liberation Serif"]


# ------------------------------------------------------------ the real LibreOffice


@requires_soffice
def test_real_pdf_has_the_body_in_noto_serif_cjk_and_no_fallback(tmp_path):
    out = tmp_path / "上半年 总结.pdf"
    done = run_cli("render", SAMPLES / "2024-h1.yaml", "--format", "pdf", "-o", out, env=dict(os.environ))
    assert done.returncode == 0, done.stderr
    assert out.read_bytes().startswith(b"%PDF")
    listing = subprocess.run(["pdffonts", str(out)], capture_output=True, text=True, check=True).stdout
    shown = {re.sub(r"CJK\w*-", "CJK-", re.sub(r"-VKana$", "", f)) for f in faces.pdf_fonts(listing)}
    # title, body, level-1 headings, level-2 headings, Latin: nothing else
    assert shown == {
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


def _sorted_pdf_fonts(path: Path) -> set[str]:
    listing = subprocess.run(["pdffonts", str(path)], capture_output=True, text=True, check=True).stdout
    return {re.sub(r"CJK\w*-", "CJK-", re.sub(r"-VKana$", "", f)) for f in faces.pdf_fonts(listing)}


@requires_soffice
def test_real_batch_of_good_and_bad_inputs(tmp_path):
    """Good files become PDFs in their right faces, each bad one is reported, exit 1."""
    folder = tmp_path / "支部 报告"
    folder.mkdir()
    for name in ("2024-h1", "2023-annual", "2025-q4"):
        (folder / f"{name}.yaml").write_bytes((SAMPLES / f"{name}.yaml").read_bytes())
    (folder / "坏的.yaml").write_text("organization: 测试\nperiod: {year: 2024}\n", encoding="utf-8")
    out = tmp_path / "out"
    out.mkdir()
    done = run_cli("render", *sorted(folder.glob("*.yaml")), "--format", "pdf", "-o", out, "-j", "2",
                   env={**os.environ, "REPORTGEN_LANG": "en"})  # fmt: skip
    assert done.returncode == 1, done.stderr
    assert f"{folder / '坏的.yaml'}:2:9: error: period" in done.stderr
    assert done.stderr.strip().splitlines()[-1].startswith("done: 3 rendered, 1 failed, ")
    assert sorted(p.name for p in out.iterdir()) == ["2023-annual.pdf", "2024-h1.pdf", "2025-q4.pdf"]
    for made in out.iterdir():
        assert "NotoSerifCJK-Regular" in _sorted_pdf_fonts(made), made


def _broken_docx() -> bytes:
    """A .docx whose document.xml is not XML: LibreOffice cannot load it."""
    source = zipfile.ZipFile(io.BytesIO(sample_docx()))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as z:
        for item in source.infolist():
            z.writestr(item, b"<w:document><<<" if item.filename == "word/document.xml" else source.read(item))
    return out.getvalue()


@requires_soffice
def test_real_libreoffice_names_the_document_it_cannot_load_and_converts_the_rest(monkeypatch):
    monkeypatch.setenv("REPORTGEN_LANG", "en")
    docs = [pdf.Document(d) for d in (sample_docx(), sample_docx(), _broken_docx(), sample_docx())]
    made = dict(pdf.convert_many(docs, 1))
    assert [i for i, m in sorted(made.items()) if isinstance(m, bytes)] == [0, 1, 3]
    assert all(made[i].startswith(b"%PDF") for i in (0, 1, 3))
    assert made[2].key == "pdf.failed" and "could not load this document" in str(made[2])


@requires_soffice
@pytest.mark.parametrize("pdf_a", [False, True])
def test_real_pdf_is_the_same_bytes_each_time_with_the_reports_metadata(tmp_path, pdf_a):
    """Dated by the signature (SOURCE_DATE_EPOCH unset), titled by the report, authored by the
    organisation; PDF/A-2b declared when asked; every cross-reference right after the dates changed."""
    extra = ["--pdf-a"] if pdf_a else []
    outs = [tmp_path / f"{n}.pdf" for n in (1, 2)]
    for out in outs:
        done = run_cli("render", SAMPLES / "2024-h1.yaml", "--format", "pdf", "-o", out, *extra, env=dict(os.environ))
        assert done.returncode == 0, done.stderr
        time.sleep(1.1)  # LibreOffice's clock moves on
    assert outs[0].read_bytes() == outs[1].read_bytes()
    info = subprocess.run(["pdfinfo", str(outs[0])], capture_output=True, text=True, check=True).stdout
    assert "Title:           星河能源公司运维第一党支部2024年上半年党建工作总结及下半年工作计划" in info
    assert "Author:          星河能源公司运维第一党支部" in info
    assert "CreationDate:    Fri Jul  5 00:00:00 2024 UTC" in info
    declared = pdfmeta.pdfa(outs[0].read_bytes())
    assert declared == ("2B" if pdf_a else None)
    assert_xref_points_at_objects(outs[0].read_bytes())


def assert_xref_points_at_objects(data: bytes) -> None:
    table = int(re.search(rb"startxref\s+(\d+)\s+%%EOF\s*$", data).group(1))
    assert data[table : table + 4] == b"xref"
    number = None
    for line in data[table : data.index(b"trailer", table)].splitlines()[1:]:
        fields = line.split()
        if len(fields) == 2:
            number = int(fields[0])
            continue
        if fields[2] == b"n":
            assert re.match(rb"%d %d obj" % (number, int(fields[1])), data[int(fields[0]) :]), number
        number += 1


@requires_soffice
def test_docx_and_pdf_in_one_run_render_once(tmp_path, monkeypatch):
    calls = []
    real = pipeline.render_bytes
    monkeypatch.setattr(pipeline, "render_bytes", lambda *a: calls.append(a[2]) or real(*a))
    result = pipeline.render_file(SAMPLES / "2024-h1.yaml", tmp_path / "r.docx", None, "docx,pdf")
    assert result.outputs == [tmp_path / "r.docx", tmp_path / "r.pdf"] and calls == ["docx"]
    alone = pipeline.render_file(SAMPLES / "2024-h1.yaml", tmp_path / "alone.docx")
    assert (tmp_path / "r.docx").read_bytes() == alone.output.read_bytes()
    assert (tmp_path / "r.pdf").read_bytes().startswith(b"%PDF")


# ------------------------------------------------------------ the PDF made reproducible


def _icc(stamp: tuple[int, ...]) -> bytes:
    import struct

    return b"\0" * 24 + struct.pack(">6H", *stamp) + b"acsp" + b"\x11" * 300


def _tiny_pdf(created: str, icc: bytes) -> bytes:
    """A PDF as LibreOffice lays one out: an ICC stream whose length is an object, a classic xref."""
    import zlib

    packed = zlib.compress(icc, 1)
    objects = [
        b"<</Type/Catalog>>",
        b"<</N 3/Length 3 0 R/Filter/FlateDecode>>\nstream\n" + packed + b"\nendstream",
        str(len(packed)).encode(),
        b"<</Producer(LibreOffice)/CreationDate(D:" + created.encode() + b"Z')>>",
    ]
    out, offsets = b"%PDF-1.6\n", []
    for n, body in enumerate(objects, 1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % n + body + b"\nendobj\n"
    table = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % o for o in offsets)
    out += b"trailer\n<</Size 5/Root 1 0 R/Info 4 0 R/ID [ <%s>\n<%s> ]\n>>\nstartxref\n%d\n%%%%EOF\n" % (
        b"AB" * 16, b"AB" * 16, table,
    )  # fmt: skip
    return out


def test_settle_replaces_the_clock_and_moves_the_xref():
    import datetime as dt
    import zlib

    when = dt.datetime(2024, 7, 5, tzinfo=dt.timezone.utc)
    first = pdfmeta.settle(_tiny_pdf("20261203101921", _icc((2026, 12, 3, 10, 19, 21))), when)
    again = pdfmeta.settle(_tiny_pdf("20270101000000", _icc((2027, 1, 1, 0, 0, 0))), when)
    assert first == again
    assert b"/CreationDate(D:20240705000000Z')" in first
    assert_xref_points_at_objects(first)
    stream = re.search(rb"stream\n(.*)\nendstream", first, re.S).group(1)
    assert zlib.decompress(stream)[24:36] == _icc((2024, 7, 5, 0, 0, 0))[24:36]
    assert re.search(rb"3 0 obj\n(\d+)\nendobj", first).group(1) == str(len(stream)).encode()
    assert b"AB" * 16 not in first  # the ID comes from the content


def test_settle_leaves_a_layout_it_does_not_know_in_place():
    import datetime as dt

    odd = _tiny_pdf("20261203101921", _icc((2026, 12, 3, 10, 19, 21))).replace(b"startxref", b"startxrefs")
    settled = pdfmeta.settle(odd, dt.datetime(2024, 7, 5, tzinfo=dt.timezone.utc))
    assert len(settled) == len(odd) and b"D:20240705000000Z'" in settled  # the dates, not the stream


def test_a_bug_in_a_conversion_thread_is_raised_not_waited_for(fake, monkeypatch):
    fake()

    def broken(*args):
        raise ZeroDivisionError("a bug")

    monkeypatch.setattr(pdf, "_checked", broken)
    with pytest.raises(ZeroDivisionError):
        dict(pdf.convert_many(docs(3), 2))


def test_a_pdf_batch_with_no_valid_file_reports_each_and_starts_no_libreoffice(fake, tmp_path):
    log = fake()
    bad = [tmp_path / f"{n}.yaml" for n in range(2)]
    for path in bad:
        path.write_text("organization: 测试\n", encoding="utf-8")
    for files in (bad[:1], bad):
        done = run_cli("render", *files, "--format", "pdf", env={**os.environ, "REPORTGEN_LANG": "en"})
        assert done.returncode == 1, done.stderr
        assert "required" in done.stderr
    assert not log.exists()
    assert list(tmp_path.glob("*.pdf")) == []
