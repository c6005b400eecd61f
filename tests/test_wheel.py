"""What users install is what works: the wheel, built once and installed into a fresh venv, runs every
subcommand that `reportgen --help` lists, from a folder outside the checkout, each doing real work.

A subcommand without a case in CASES fails `test_every_listed_subcommand_has_a_case`; the list comes
from the installed command's own help, so a new command cannot ship untried.
"""

from __future__ import annotations

import http.client
import json
import os
import re
import shutil
import signal
import subprocess
import sys
import venv
import zipfile
from collections.abc import Callable
from pathlib import Path

import pytest
from conftest import HAVE_SOFFICE, ROOT, SAMPLES

SAMPLE = SAMPLES / "2024-h1.yaml"
PLAIN_REPORT = """\
青松社区党支部2024年上半年党建工作总结

今年以来，支部围绕年度目标，扎实推进各项工作，现将上半年情况总结如下：

一、主要工作
（一）抓好理论学习
支部坚持每月集中学习，组织党员学习党的创新理论。
（二）规范组织生活
按时召开支部委员会和党员大会，认真开展主题党日。

二、存在的问题
学习形式比较单一，个别党员参与积极性不高。

三、下步打算
（一）丰富学习形式
结合社区实际开展现场教学。

青松社区党支部
2024年7月5日
"""


class Installed:
    """The wheel installed into its own venv: `run` is the `reportgen` script in a work folder."""

    def __init__(self, wheel: Path, env_dir: Path, work: Path) -> None:
        self.wheel, self.env_dir, self.work = wheel, env_dir, work
        self.bin = env_dir / ("Scripts" if sys.platform == "win32" else "bin")
        self.python = self.bin / "python"
        self.script = self.bin / "reportgen"

    def env(self) -> dict[str, str]:
        env = {k: v for k, v in os.environ.items() if not k.startswith(("PYTHON", "VIRTUAL_ENV"))}
        return {**env, "PYTHONIOENCODING": "utf-8", "REPORTGEN_LANG": "en", "PATH": f"{self.bin}{os.pathsep}{env.get('PATH', '')}"}

    def run(self, *args, cwd: Path | None = None, ok: bool = True) -> subprocess.CompletedProcess:
        done = subprocess.run(
            [str(self.script), *map(str, args)], cwd=cwd or self.work, env=self.env(),
            capture_output=True, text=True, encoding="utf-8", timeout=300,
        )  # fmt: skip
        clean(done.stderr)
        if ok:
            assert done.returncode == 0, (args, done.stdout, done.stderr)
        return done


def clean(stderr: str) -> None:
    """No bug ever reaches the user as a traceback or an internal error."""
    assert "Traceback" not in stderr and "内部错误" not in stderr and "internal error" not in stderr, stderr


@pytest.fixture(scope="module")
def installed(tmp_path_factory) -> Installed:
    base = tmp_path_factory.mktemp("wheel")
    wheels = base / "wheels"
    subprocess.run(
        [sys.executable, "-m", "build", "--wheel", "--outdir", str(wheels), str(ROOT)],
        check=True, capture_output=True,
    )  # fmt: skip
    (wheel,) = wheels.glob("reportgen-*.whl")
    env_dir = base / "venv"
    venv.create(env_dir, with_pip=True)
    found = Installed(wheel, env_dir, base / "elsewhere 工作")
    subprocess.run([str(found.python), "-m", "pip", "install", "-q", str(wheel)], check=True, capture_output=True)
    found.work.mkdir()
    return found


@pytest.fixture
def work(installed, tmp_path) -> Path:
    """A folder of its own for one case, outside the checkout, its name with Chinese and a space."""
    folder = installed.work / tmp_path.name
    folder.mkdir()
    shutil.copy(SAMPLE, folder / "上半年 总结.yaml")
    return folder


# ------------------------------------------------------------------ what the wheel holds


def test_the_wheel_holds_every_package_and_data_file_and_nothing_else(installed):
    names = zipfile.ZipFile(installed.wheel).namelist()
    packages = {p.parent.relative_to(ROOT).as_posix() for p in (ROOT / "generator").rglob("__init__.py")}
    for package in packages:
        assert f"{package}/__init__.py" in names, package
    modules = {p.relative_to(ROOT).as_posix() for p in (ROOT / "generator").rglob("*.py")}
    assert modules <= set(names), modules - set(names)
    for asset in (ROOT / "generator" / "assets").rglob("*"):
        if asset.is_file():
            assert asset.relative_to(ROOT).as_posix() in names, asset
    for kept in ("render/report.css", "render/paginate.js", "render/preview.css", "render/preview.js"):
        assert f"generator/{kept}" in names
    code = [n for n in names if not n.startswith(("generator/", "reportgen-"))]
    assert code == [], code  # no build script, test or benchmark ships
    assert not any("build_template" in n for n in names)


def test_assets_come_from_the_installed_wheel(installed):
    where = subprocess.run(
        [str(installed.python), "-c", "import generator.resources as r; print(r.folder('templates'))"],
        cwd=installed.work, capture_output=True, text=True, check=True, env=installed.env(),
    )  # fmt: skip
    assert where.stdout.strip().startswith(str(installed.env_dir))  # the wheel's own copy, not the checkout


# ------------------------------------------------------------------ one case a subcommand


def case_render(app: Installed, work: Path) -> None:
    formats = ["docx", "md", "html"] + (["pdf"] if HAVE_SOFFICE or os.environ.get("REPORTGEN_REQUIRE_SOFFICE") else [])
    app.run("render", "上半年 总结.yaml", "--format", ",".join(formats), cwd=work)
    assert zipfile.ZipFile(work / "上半年 总结.docx").testzip() is None
    assert "星河能源公司运维第一党支部" in (work / "上半年 总结.md").read_text(encoding="utf-8")
    page = (work / "上半年 总结.html").read_text(encoding="utf-8")
    assert "@page" in page and "reportgenPages" in page  # the page's stylesheet and script ship in the wheel
    if "pdf" in formats:
        assert (work / "上半年 总结.pdf").read_bytes().startswith(b"%PDF-")


def case_validate(app: Installed, work: Path) -> None:
    app.run("validate", "上半年 总结.yaml", cwd=work)
    (work / "bad.yaml").write_text("organization: 支部\nperiod: {year: 2024, span: half, index: 3}\n", encoding="utf-8")
    done = app.run("validate", "bad.yaml", cwd=work, ok=False)
    assert done.returncode == 1 and re.search(r"bad\.yaml:2:\d+: error", done.stderr), done.stderr


def case_lint(app: Installed, work: Path) -> None:
    (work / "xx.yaml").write_text(
        SAMPLE.read_text(encoding="utf-8").replace("星河能源公司运维第一党支部", "XX党支部"), encoding="utf-8"
    )
    done = app.run("lint", "xx.yaml", cwd=work)  # warnings alone are exit 0
    assert "warning[placeholder]" in done.stderr and "xx.yaml:" in done.stderr, done.stderr
    assert app.run("lint", "--list-rules", cwd=work).stdout.count("\n") >= 5


def case_new(app: Installed, work: Path) -> None:
    app.run("new", "新的.yaml", "--org", "测试公司第一党支部", "--period", "2025H1", cwd=work)
    app.run("validate", "新的.yaml", cwd=work)
    app.run("new", "下半年.yaml", "--from", "上半年 总结.yaml", cwd=work)
    text = (work / "下半年.yaml").read_text(encoding="utf-8")
    assert "index: 2" in text and "星河能源公司运维第一党支部" in text
    assert app.run("validate", "下半年.yaml", cwd=work, ok=False).returncode in (0, 1)  # values left to fill


def case_schema(app: Installed, work: Path) -> None:
    assert "organization" in app.run("schema", cwd=work).stdout
    schema = json.loads(app.run("schema", "--json-schema", cwd=work).stdout)
    assert "organization" in schema["properties"]


def case_templates(app: Installed, work: Path) -> None:
    listed = app.run("templates", cwd=work).stdout
    for name in ("standard", "flat", "points", "headline", "two-part"):
        assert name in listed


def case_check_template(app: Installed, work: Path) -> None:
    shutil.copy(ROOT / "examples" / "house-template.docx", work / "本单位模板.docx")
    app.run("check-template", "本单位模板.docx", cwd=work)
    app.run("render", "上半年 总结.yaml", "-t", "本单位模板.docx", "-o", "本单位.docx", cwd=work)
    assert (work / "本单位.docx").is_file()


def case_import(app: Installed, work: Path) -> None:
    (work / "往年.txt").write_text(PLAIN_REPORT, encoding="utf-8")
    app.run("import", "往年.txt", cwd=work)
    assert "青松社区党支部" in (work / "往年.yaml").read_text(encoding="utf-8")
    app.run("validate", "往年.yaml", cwd=work)
    app.run("render", "上半年 总结.yaml", cwd=work)
    (work / "导入").mkdir()
    app.run("import", "上半年 总结.docx", "-o", "导入", cwd=work)
    back = (work / "导入" / "上半年 总结.yaml").read_text(encoding="utf-8")
    assert "星河能源公司运维第一党支部" in back
    app.run("validate", work / "导入" / "上半年 总结.yaml", cwd=work)


def case_diff(app: Installed, work: Path) -> None:
    old = (work / "上半年 总结.yaml").read_text(encoding="utf-8")
    changed = old.replace("星河能源公司运维第一党支部", "星河能源公司运维第二党支部", 1)
    (work / "新.yaml").write_text(changed, encoding="utf-8")
    app.run("diff", "上半年 总结.yaml", "新.yaml", "-o", "修订.docx", cwd=work)
    assert b"w:ins " in zipfile.ZipFile(work / "修订.docx").read("word/document.xml")
    git = ["git", "-c", "user.name=测试", "-c", "user.email=t@example.invalid", "-c", "commit.gpgsign=false"]
    subprocess.run(["git", "init", "-q"], cwd=work, check=True)
    subprocess.run([*git, "add", "上半年 总结.yaml"], cwd=work, check=True)
    subprocess.run([*git, "commit", "-q", "-m", "v1"], cwd=work, check=True)
    (work / "上半年 总结.yaml").write_text(changed, encoding="utf-8")
    app.run("diff", "HEAD:上半年 总结.yaml", "上半年 总结.yaml", "-o", "从git.docx", cwd=work)
    assert b"w:del " in zipfile.ZipFile(work / "从git.docx").read("word/document.xml")


def case_preview(app: Installed, work: Path) -> None:
    proc = subprocess.Popen(
        [str(app.script), "preview", "上半年 总结.yaml", "--no-browser"], cwd=work, env=app.env(),
        stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, encoding="utf-8",
    )  # fmt: skip
    try:
        line = proc.stdout.readline()
        assert line.startswith("preview at http://127.0.0.1:"), line + proc.stderr.read()
        url = line.split()[2]
        host, token = url.split("/")[2], url.split("/")[3]
        conn = http.client.HTTPConnection(host, timeout=10)
        conn.request("GET", f"/{token}/")
        page = conn.getresponse()
        assert page.status == 200 and "星河能源公司运维第一党支部" in page.read().decode("utf-8")
        proc.send_signal(signal.SIGINT)
        _, err = proc.communicate(timeout=20)
    finally:
        proc.kill()
    clean(err)
    assert proc.returncode == 0 and err.strip().endswith("preview stopped"), err


def case_rollup(app: Installed, work: Path) -> None:
    branches = work / "各支部"
    branches.mkdir()
    text = SAMPLE.read_text(encoding="utf-8")
    for n in ("一", "二"):
        (branches / f"{n}支部.yaml").write_text(text.replace("运维第一党支部", f"运维第{n}党支部"), encoding="utf-8")
    (work / "名单.yaml").write_text(
        "organization: 星河能源公司党委\nbranches:\n  - 星河能源公司运维第一党支部\n"
        "  - 星河能源公司运维第二党支部\n  - 星河能源公司运维第三党支部\n",
        encoding="utf-8",
    )
    (work / "汇总").mkdir()
    done = app.run("rollup", "各支部", "--roster", "名单.yaml", "-o", "汇总", cwd=work)
    assert "warning[not-submitted]" in done.stderr and "名单.yaml:5:5" in done.stderr, done.stderr
    stem = work / "汇总" / "星河能源公司党委2024年上半年党支部工作"
    with zipfile.ZipFile(f"{stem}汇总.xlsx") as book:  # openpyxl wrote it: a dependency the wheel declares
        sheet = book.read("xl/worksheets/sheet1.xml").decode("utf-8")
    assert "<v>" in sheet and "xl/worksheets/sheet3.xml" in zipfile.ZipFile(f"{stem}汇总.xlsx").namelist()
    document = zipfile.ZipFile(f"{stem}汇编.docx").read("word/document.xml").decode("utf-8")
    assert document.count("<w:sectPr") == 3 + 2 and "星河能源公司运维第二党支部" in document
    strict = app.run("rollup", "各支部", "--roster", "名单.yaml", "-o", "汇总", "--format", "xlsx", "--strict", cwd=work, ok=False)
    assert strict.returncode == 1 and "error[not-submitted]" in strict.stderr


CASES: dict[str, Callable[[Installed, Path], None]] = {
    "render": case_render,
    "validate": case_validate,
    "lint": case_lint,
    "new": case_new,
    "schema": case_schema,
    "templates": case_templates,
    "check-template": case_check_template,
    "import": case_import,
    "diff": case_diff,
    "preview": case_preview,
    "rollup": case_rollup,
}


def listed_subcommands(app: Installed) -> set[str]:
    """The subcommands `reportgen --help` lists: the lines under "Commands:"."""
    help_text = app.run("--help").stdout
    block = help_text.split("Commands:", 1)[1]
    return {m.group(1) for m in re.finditer(r"^  (\S+)", block, re.M)}


def test_every_listed_subcommand_has_a_case(installed):
    listed = listed_subcommands(installed)
    assert listed == set(CASES), f"untested: {sorted(listed - set(CASES))}, gone: {sorted(set(CASES) - listed)}"


@pytest.mark.parametrize("name", sorted(CASES))
def test_each_subcommand_works_from_the_installed_wheel(installed, work, name):
    CASES[name](installed, work)
