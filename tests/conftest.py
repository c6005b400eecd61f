import importlib.util
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
SAMPLES = ROOT / "sample_data"

# The schema check of ../shared/tools/ooxml/validate_docx.py: beside the repository (CI), or beside a
# folder of worktrees holding it. Every .docx the tests build or write is checked with it.
_VALIDATOR_TOOL = Path("shared", "tools", "ooxml", "validate_docx.py")
VALIDATOR = next((p / _VALIDATOR_TOOL for p in ROOT.parents if (p / _VALIDATOR_TOOL).is_file()), ROOT.parent / _VALIDATOR_TOOL)

HAVE_SOFFICE = shutil.which("soffice") is not None
requires_soffice = pytest.mark.skipif(
    not HAVE_SOFFICE and not os.environ.get("REPORTGEN_REQUIRE_SOFFICE"),
    reason="LibreOffice (soffice) is not installed",
)

# Browser tests: Playwright (the Python package) driving the system's Chromium, never a downloaded one.
CHROMIUM = os.environ.get("REPORTGEN_CHROMIUM") or shutil.which("chromium") or "/usr/bin/chromium"
HAVE_BROWSER = Path(CHROMIUM).is_file() and importlib.util.find_spec("playwright") is not None
requires_browser = pytest.mark.skipif(
    not HAVE_BROWSER and not os.environ.get("REPORTGEN_REQUIRE_BROWSER"),
    reason="Chromium (Debian package chromium) or the playwright package is not installed",
)
CHROMIUM_ARGS = [
    "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
    "--disable-background-networking", "--disable-component-update", "--disable-sync",
]  # fmt: skip


@pytest.fixture(autouse=True)
def _english_free_env(monkeypatch):
    """Tests start from the default language and no SOURCE_DATE_EPOCH."""
    monkeypatch.delenv("REPORTGEN_LANG", raising=False)
    monkeypatch.delenv("SOURCE_DATE_EPOCH", raising=False)


@pytest.fixture(autouse=True, scope="session")
def _private_cache(tmp_path_factory):
    """Template caches go to a folder of the test run, not the user's ~/.cache."""
    os.environ["XDG_CACHE_HOME"] = str(tmp_path_factory.mktemp("cache"))


def command(*args) -> list[str]:
    """The command line of `reportgen ARGS` as the tests run it: this Python, `-m generator`."""
    return [sys.executable, "-m", "generator", *map(str, args)]


def reportgen(*args, cwd=None, lang: str | None = "en") -> subprocess.CompletedProcess:
    """The command as a user runs it (`python -m generator ARGS`); never a traceback.

    `lang=None` leaves the default language (Chinese)."""
    env = {**os.environ, "PYTHONIOENCODING": "utf-8"}
    env.pop("REPORTGEN_LANG", None)
    if lang:
        env["REPORTGEN_LANG"] = lang
    done = subprocess.run(
        command(*args),
        capture_output=True, text=True, encoding="utf-8", cwd=cwd, env=env,
    )  # fmt: skip
    assert "Traceback" not in done.stderr, done.stderr
    return done


def report_of(path: Path):
    """The Report of a data file that must be valid."""
    from generator import pipeline

    loaded = pipeline.load(path)
    assert loaded.ok, loaded.diagnostics
    return loaded.report


def write(tmp_path: Path, text: str, name: str = "report.yaml") -> Path:
    """A data file from lines of text, UTF-8."""
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


MINIMAL = """\
organization: 测试支部
period: {year: 2024, span: half, index: 1}
summary:
  text: 完成了工作。
problems:
  points:
    - 学习不够深入。
plans:
  text: 继续努力。
"""
