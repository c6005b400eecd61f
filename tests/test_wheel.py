"""The built wheel carries the schema and templates: install it into a fresh venv and render elsewhere."""

import shutil
import subprocess
import sys
import venv

from conftest import ROOT, SAMPLES


def test_wheel_installs_and_renders_from_another_folder(tmp_path):
    wheels = tmp_path / "wheels"
    subprocess.run(
        [sys.executable, "-m", "build", "--wheel", "--outdir", str(wheels), str(ROOT)],
        check=True, capture_output=True,
    )  # fmt: skip
    (wheel,) = wheels.glob("reportgen-*.whl")
    env_dir = tmp_path / "venv"
    venv.create(env_dir, with_pip=True)
    bin_dir = env_dir / ("Scripts" if sys.platform == "win32" else "bin")
    python = bin_dir / "python"
    subprocess.run([str(python), "-m", "pip", "install", "-q", str(wheel)], check=True, capture_output=True)

    work = tmp_path / "elsewhere 工作"
    work.mkdir()
    shutil.copy(SAMPLES / "2024-h1.yaml", work / "h1.yaml")
    done = subprocess.run(
        [str(bin_dir / "reportgen"), "render", "h1.yaml"], cwd=work, capture_output=True, text=True
    )
    assert done.returncode == 0, done.stderr
    assert (work / "h1.docx").stat().st_size > 5000
    done = subprocess.run(  # the page's stylesheet and script ship in the wheel
        [str(bin_dir / "reportgen"), "render", "h1.yaml", "--format", "html"], cwd=work, capture_output=True, text=True
    )
    assert done.returncode == 0, done.stderr
    page = (work / "h1.html").read_text(encoding="utf-8")
    assert "@page" in page and "reportgenPages" in page
    where = subprocess.run(
        [str(python), "-c", "import generator.resources as r; print(r.folder('templates'))"],
        cwd=work, capture_output=True, text=True, check=True,
    )  # fmt: skip
    assert str(env_dir) in where.stdout  # the wheel's own copy, not the checkout
