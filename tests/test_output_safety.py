"""Output safety (cli.md, "Outputs"): refused before any work, written atomically, never clobbered.

Every case runs the command line as a subprocess and compares the folder's files, byte for byte,
before and after.
"""

import os
import zipfile
from pathlib import Path

import pytest
from conftest import MINIMAL, reportgen, write

from generator import output
from generator.errors import OutputError
from generator.messages import msg
from generator.resources import folder

BAD = MINIMAL.replace("year: 2024", "year: 二〇二四")


run = reportgen


def snapshot(root):
    """Every file under `root` with its bytes, and every folder."""
    return {
        str(p.relative_to(root)): (p.read_bytes() if p.is_file() else None)
        for p in sorted(root.rglob("*"))
    }


def refused(tmp_path, key, *args, cwd=None, **kw):
    """The command exits 2 with this one message and leaves every file as it was."""
    before = snapshot(tmp_path)
    done = run("render", *args, cwd=cwd)
    assert done.returncode == 2, done.stderr
    assert done.stderr == f"reportgen: {msg(key, lang='en', **kw)}\n"
    assert snapshot(tmp_path) == before


# ---------------------------------------------------------------- refused before any work


def test_output_is_the_input(tmp_path):
    data = write(tmp_path, MINIMAL)
    refused(tmp_path, "out.same-as-input", data, "-o", data, path=data)


def test_output_is_the_input_spelt_differently(tmp_path):
    (tmp_path / "sub").mkdir()
    write(tmp_path, MINIMAL)
    other = os.path.join("sub", "..", ".", "report.yaml")
    refused(tmp_path, "out.same-as-input", "report.yaml", "-o", other, cwd=tmp_path, path=Path(other))


def test_output_is_a_link_to_the_input(tmp_path):
    data = write(tmp_path, MINIMAL)
    link = tmp_path / "link.yaml"
    link.symlink_to(data)
    refused(tmp_path, "out.same-as-input", data, "-o", link, path=link)


def test_default_output_is_the_input(tmp_path):
    data = write(tmp_path, MINIMAL, name="report.docx")  # YAML in a file named like its output
    refused(tmp_path, "out.same-as-input", data, path=data)


def test_output_of_one_input_is_another_input(tmp_path):
    first = write(tmp_path, MINIMAL, name="report.yaml")
    second = write(tmp_path, MINIMAL, name="report.docx")
    refused(tmp_path, "out.same-as-input", first, second, path=second)


def test_missing_output_folder(tmp_path):
    data = write(tmp_path, MINIMAL)
    out = tmp_path / "missing" / "report.docx"
    refused(tmp_path, "out.no-folder", data, "-o", out, path=out.parent)


def test_output_folder_is_a_file(tmp_path):
    """Unwritable even for root: a path under a regular file."""
    data = write(tmp_path, MINIMAL)
    (tmp_path / "notes.txt").write_text("备忘", encoding="utf-8")
    out = tmp_path / "notes.txt" / "report.docx"
    reason = msg("out.reason-not-folder", lang="en", path=out.parent)
    refused(tmp_path, "out.unwritable", data, "-o", out, path=out, reason=reason)


def test_folder_where_the_output_goes(tmp_path):
    data = write(tmp_path, MINIMAL)
    (tmp_path / "report.docx").mkdir()
    reason = msg("out.reason-is-folder", lang="en")
    refused(tmp_path, "out.unwritable", data, path=tmp_path / "report.docx", reason=reason)


def test_output_file_for_several_inputs(tmp_path):
    first, second = write(tmp_path, MINIMAL, "a.yaml"), write(tmp_path, MINIMAL, "b.yaml")
    refused(tmp_path, "out.o-file-many", first, second, "-o", tmp_path / "out.docx")


def test_two_inputs_with_one_output(tmp_path):
    for name in ("first", "second"):
        (tmp_path / name).mkdir()
        write(tmp_path / name, MINIMAL)
    (tmp_path / "out").mkdir()
    first, second = tmp_path / "first" / "report.yaml", tmp_path / "second" / "report.yaml"
    out = tmp_path / "out" / "report.docx"
    refused(tmp_path, "out.collision", first, second, "-o", tmp_path / "out", a=first, b=second, out=out)


def test_same_input_twice(tmp_path):
    data = write(tmp_path, MINIMAL)
    refused(tmp_path, "out.collision", data, data, a=data, b=data, out=tmp_path / "report.docx")


# ---------------------------------------------------------------- where outputs go


@pytest.mark.parametrize("fmt", ["docx", "md"])
def test_existing_folder_receives_stem(tmp_path, fmt):
    data = write(tmp_path, MINIMAL, name="2024上半年.yaml")
    (tmp_path / "out").mkdir()
    done = run("render", data, "-o", tmp_path / "out", "--format", fmt)
    assert done.returncode == 0, done.stderr
    assert [p.name for p in (tmp_path / "out").iterdir()] == [f"2024上半年.{fmt}"]
    written = tmp_path / "out" / f"2024上半年.{fmt}"
    assert written.stat().st_mode & 0o777 == output.FILE_MODE
    if fmt == "docx":
        assert "word/document.xml" in zipfile.ZipFile(written).namelist()


# ---------------------------------------------------------------- failures keep what was there


@pytest.mark.parametrize("fmt", ["docx", "md"])
def test_invalid_data_keeps_the_existing_output(tmp_path, fmt):
    data = write(tmp_path, BAD)
    out = tmp_path / f"earlier.{fmt}"
    out.write_bytes(b"earlier version")
    before = snapshot(tmp_path)
    done = run("render", data, "-o", out, "--format", fmt)
    assert done.returncode == 1
    assert snapshot(tmp_path) == before


def _failing_template(path):
    """The built-in template with a title expression that fails while rendering."""
    with zipfile.ZipFile(folder("templates") / "gbt9704.docx") as src, zipfile.ZipFile(path, "w") as dst:
        for info in src.infolist():
            data = src.read(info)
            if info.filename == "word/document.xml":
                data = data.replace(b"{{ title }}", b"{{ title.missing.deeper }}")
            dst.writestr(info, data)


def test_failed_render_keeps_the_existing_output(tmp_path):
    data = write(tmp_path, MINIMAL)
    _failing_template(tmp_path / "broken.docx")
    out = tmp_path / "report.docx"
    out.write_bytes(b"earlier version")
    before = snapshot(tmp_path)
    done = run("render", data, "-t", tmp_path / "broken.docx")
    assert done.returncode == 1
    assert "broken.docx" in done.stderr
    assert snapshot(tmp_path) == before  # the output as it was, and no temporary file left


@pytest.mark.parametrize("jobs", ["1", "3"])
def test_good_inputs_written_bad_reported(tmp_path, jobs):
    names = ["a", "b", "c"]
    for name in names:
        write(tmp_path, BAD if name == "b" else MINIMAL, name=f"{name}.yaml")
    (tmp_path / "out").mkdir()
    (tmp_path / "out" / "b.docx").write_bytes(b"earlier b")
    done = run("render", *(tmp_path / f"{n}.yaml" for n in names), "-o", tmp_path / "out", "-j", jobs)
    assert done.returncode == 1
    bad = f"{tmp_path / 'b.yaml'}:2:16: error: period.year: "
    assert [line for line in done.stderr.splitlines() if line.startswith(str(tmp_path))] == [
        bad + msg("schema.type", lang="en", expected=msg("type.integer", lang="en"),
                  got=msg("got.string", lang="en", value="二〇二四")),
    ]  # fmt: skip
    assert sorted(p.name for p in (tmp_path / "out").iterdir()) == ["a.docx", "b.docx", "c.docx"]
    assert (tmp_path / "out" / "b.docx").read_bytes() == b"earlier b"
    for name in ("a", "c"):
        assert zipfile.is_zipfile(tmp_path / "out" / f"{name}.docx")


# ---------------------------------------------------------------- write_atomic itself


def _fail(*args, **kw):
    raise OSError(28, "No space left on device")


@pytest.mark.parametrize("step", ["fsync", "replace"])
def test_write_atomic_failure_leaves_nothing_behind(tmp_path, monkeypatch, step):
    out = tmp_path / "report.docx"
    out.write_bytes(b"earlier version")
    monkeypatch.setattr(output.os, step, _fail)
    with pytest.raises(OutputError) as raised:
        output.write_atomic(out, b"new bytes")
    assert raised.value.exit_code == 2
    assert [p.name for p in tmp_path.iterdir()] == ["report.docx"]
    assert out.read_bytes() == b"earlier version"


def test_write_atomic_replaces_whole(tmp_path):
    out = tmp_path / "report.md"
    out.write_bytes(b"x" * 100_000)
    output.write_atomic(out, "短的新内容".encode("utf-8"))
    assert out.read_bytes() == "短的新内容".encode("utf-8")
    assert [p.name for p in tmp_path.iterdir()] == ["report.md"]


def test_check_writable_reports_an_unreadable_folder_as_exit_2(tmp_path, monkeypatch):
    def denied(*args, **kw):
        raise PermissionError(13, "Permission denied")

    monkeypatch.setattr(output.Path, "exists", denied)
    with pytest.raises(OutputError) as raised:
        output.check_writable(tmp_path / "a" / "report.docx", tmp_path / "report.yaml")
    assert raised.value.exit_code == 2
    assert "Permission denied" in str(raised.value)


def test_write_atomic_syncs_only_when_it_replaces_a_file(tmp_path, monkeypatch):
    synced = []
    real = output.os.fsync
    monkeypatch.setattr(output.os, "fsync", lambda fd: synced.append(fd) or real(fd))
    out = tmp_path / "report.md"
    output.write_atomic(out, b"first")  # nothing to lose yet
    assert synced == []
    output.write_atomic(out, b"second")  # the old file must survive a crash
    assert len(synced) == 1 and out.read_bytes() == b"second"


# ---------------------------------------------------------------- a Word document someone saved


def _word_document(path: Path, saved_by: str) -> None:
    """A .docx as Word leaves it: its core properties name the last person to save it."""
    with zipfile.ZipFile(folder("templates") / "gbt9704.docx") as src, zipfile.ZipFile(path, "w") as dst:
        for info in src.infolist():
            data = src.read(info)
            if info.filename == "docProps/core.xml":
                data = data.replace(b"<cp:lastModifiedBy>reportgen<", f"<cp:lastModifiedBy>{saved_by}<".encode())
            dst.writestr(info, data)


def test_a_word_document_reportgen_did_not_write_is_not_overwritten(tmp_path):
    """`reportgen import 总结.docx` writes 总结.yaml beside it; rendering that must not replace the original."""
    data = write(tmp_path, MINIMAL, "总结.yaml")
    original = tmp_path / "总结.docx"
    _word_document(original, "张三")
    refused(tmp_path, "out.foreign-document", data, path=original, by="张三")
    done = run("render", data, "--force")
    assert done.returncode == 0, done.stderr
    assert output.foreign_document(original) is None  # reportgen's now


def test_reportgens_own_output_a_file_that_is_no_document_and_other_formats_are_replaced(tmp_path):
    data = write(tmp_path, MINIMAL)
    assert run("render", data).returncode == 0
    assert run("render", data).returncode == 0  # its own earlier render
    (tmp_path / "report.docx").write_bytes(b"not a document")
    assert run("render", data).returncode == 0
    _word_document(tmp_path / "report.docx", "张三")
    assert run("render", data, "--format", "md").returncode == 0  # only the .docx is protected


def test_a_render_with_a_custom_template_is_reportgens_too(tmp_path):
    data = write(tmp_path, MINIMAL)
    house = Path(__file__).resolve().parent.parent / "examples" / "house-template.docx"
    assert run("render", data, "-t", house).returncode == 0
    assert output.foreign_document(tmp_path / "report.docx") is None
    assert run("render", data, "-t", house).returncode == 0


def _saved_without_a_name(path: Path, application: str | None) -> None:
    """A .docx whose core properties name nobody (`<cp:lastModifiedBy/>`), as some programs leave it."""
    with zipfile.ZipFile(folder("templates") / "gbt9704.docx") as src, zipfile.ZipFile(path, "w") as dst:
        for info in src.infolist():
            data = src.read(info)
            if info.filename == "docProps/core.xml":
                data = data.replace(b"<cp:lastModifiedBy>reportgen</cp:lastModifiedBy>", b"<cp:lastModifiedBy/>")
            if info.filename == "docProps/app.xml":
                named = f"<Application>{application}</Application>" if application else ""
                data = data.replace(b"<Application>reportgen</Application>", named.encode())
            dst.writestr(info, data)


def test_refusal_names_the_program_when_no_person_is_named_and_never_a_question_mark(tmp_path):
    data = write(tmp_path, MINIMAL, "总结.yaml")
    original = tmp_path / "总结.docx"
    _saved_without_a_name(original, "LibreOffice/7.4.7.2$Linux_X86_64 LibreOffice_project/40$Build-2")
    refused(tmp_path, "out.foreign-document", data, path=original, by="LibreOffice")
    _saved_without_a_name(original, None)
    refused(tmp_path, "out.foreign-document-unsigned", data, path=original)
    assert "?" not in msg("out.foreign-document-unsigned", path=original)


def test_refusal_reads_an_escaped_name(tmp_path):
    data = write(tmp_path, MINIMAL, "总结.yaml")
    _word_document(tmp_path / "总结.docx", "张三 &amp; 李四")
    refused(tmp_path, "out.foreign-document", data, path=tmp_path / "总结.docx", by="张三 & 李四")
