"""The same data and template give the same bytes: every run, every process, with or without the
template cache; SOURCE_DATE_EPOCH alone sets the document's dates."""

import io
import os
import subprocess
import sys
import zipfile
from pathlib import Path
from xml.etree import ElementTree

import pytest
from conftest import MINIMAL, SAMPLES, command, write

from generator.render import docx
from generator.templating import templates

NS = {
    "cp": "http://schemas.openxmlformats.org/package/2006/metadata/core-properties",
    "dc": "http://purl.org/dc/elements/1.1/",
    "dcterms": "http://purl.org/dc/terms/",
    "xsi": "http://www.w3.org/2001/XMLSchema-instance",
}
SAMPLE = SAMPLES / "2024-h1.yaml"
TITLE = "星河能源公司运维第一党支部2024年上半年党建工作总结及下半年工作计划"


def render(out: Path, *args: str, data: Path = SAMPLE, **env: str) -> bytes:
    """`reportgen render` in a new process (SOURCE_DATE_EPOCH unset unless given); its output's bytes."""
    done = subprocess.run(
        command("render", str(data), "-o", str(out), *args),
        capture_output=True, text=True, encoding="utf-8", env={**os.environ, **env},
    )  # fmt: skip
    assert done.returncode == 0, done.stderr
    return out.read_bytes()


def core(data: bytes) -> ElementTree.Element:
    with zipfile.ZipFile(io.BytesIO(data)) as z:
        return ElementTree.fromstring(z.read("docProps/core.xml"))


@pytest.mark.parametrize("fmt", ["docx", "md"])
def test_two_runs_give_the_same_bytes(tmp_path, fmt):
    cache = str(tmp_path / "cache")
    first = render(tmp_path / f"1.{fmt}", "--format", fmt, PYTHONHASHSEED="1", XDG_CACHE_HOME=cache)
    second = render(tmp_path / f"2.{fmt}", "--format", fmt, PYTHONHASHSEED="2", XDG_CACHE_HOME=cache)
    assert first == second


def test_the_zip_says_nothing_of_the_time_or_the_machine(tmp_path):
    data = render(tmp_path / "out.docx", XDG_CACHE_HOME=str(tmp_path / "cache"))
    template = templates.resolve(None).docx
    with zipfile.ZipFile(template) as t, zipfile.ZipFile(io.BytesIO(data)) as z:
        assert z.testzip() is None
        assert z.namelist() == t.namelist()  # the template's parts, in its order
        for info in z.infolist():
            assert info.date_time == (1980, 1, 1, 0, 0, 0)
            assert (info.create_system, info.create_version, info.extra, info.comment) == (3, 20, b"", b"")
            assert info.compress_type == zipfile.ZIP_DEFLATED
            assert info.external_attr >> 16 == 0o100644
        for name in ("word/styles.xml", "word/settings.xml", "[Content_Types].xml"):
            assert z.read(name) == t.read(name)


def test_the_document_opens_and_carries_its_title(tmp_path):
    import docx as python_docx

    out = tmp_path / "out.docx"
    render(out, XDG_CACHE_HOME=str(tmp_path / "cache"))
    document = python_docx.Document(str(out))
    assert document.paragraphs[0].text == TITLE
    assert document.core_properties.title == TITLE


def test_source_date_epoch_sets_the_dates_and_nothing_else(tmp_path):
    cache = str(tmp_path / "cache")
    plain = render(tmp_path / "plain.docx", XDG_CACHE_HOME=cache)
    dated = render(tmp_path / "dated.docx", SOURCE_DATE_EPOCH="1700000000", XDG_CACHE_HOME=cache)
    later = render(tmp_path / "later.docx", SOURCE_DATE_EPOCH="1800000000", XDG_CACHE_HOME=cache)
    template = ElementTree.fromstring(zipfile.ZipFile(templates.resolve(None).docx).read("docProps/core.xml"))
    for data, stamp in ((dated, "2023-11-14T22:13:20Z"), (later, "2027-01-15T08:00:00Z"), (plain, None)):
        props = core(data)
        for tag in ("dcterms:created", "dcterms:modified"):
            expected = stamp or template.find(tag, NS).text  # without it, the template's fixed date
            assert props.find(tag, NS).text == expected
        assert props.find("dc:title", NS).text == TITLE
    with zipfile.ZipFile(io.BytesIO(plain)) as a, zipfile.ZipFile(io.BytesIO(dated)) as b:
        differ = [n for n in a.namelist() if a.read(n) != b.read(n)]
    assert differ == ["docProps/core.xml"]


@pytest.mark.parametrize("value", ["", "soon", "-5", "1.5"])
def test_a_source_date_epoch_that_is_not_a_number_is_ignored(monkeypatch, value):
    monkeypatch.setenv("SOURCE_DATE_EPOCH", value)
    assert docx.document_dates() == {}


@pytest.mark.parametrize(
    "properties",
    [
        "",  # a custom template's core.xml without the fields
        "<dc:title/><dcterms:created xsi:type='dcterms:W3CDTF'/>",  # empty elements
        "<dc:title>旧标题</dc:title>",
    ],
)
def test_core_properties_are_set_or_added(properties):
    xml = (
        f'<cp:coreProperties xmlns:cp="{NS["cp"]}" xmlns:dc="{NS["dc"]}" xmlns:dcterms="{NS["dcterms"]}" '
        f'xmlns:xsi="{NS["xsi"]}"><dc:creator>某人</dc:creator>{properties}</cp:coreProperties>'
    )
    fields = {"dc:title": "标题 <一> & 二", "dcterms:created": "2023-11-14T22:13:20Z"}
    props = ElementTree.fromstring(docx.core_properties(xml.encode("utf-8"), fields))
    assert props.find("dc:title", NS).text == "标题 <一> & 二"
    created = props.find("dcterms:created", NS)
    assert created.text == "2023-11-14T22:13:20Z"
    assert created.get(f"{{{NS['xsi']}}}type") == "dcterms:W3CDTF"
    assert props.find("dc:creator", NS).text == "某人"
    assert len(props.findall("dc:title", NS)) == len(props.findall("dcterms:created", NS)) == 1


def test_core_properties_added_where_the_root_declares_no_namespace_for_them():
    xml = b'<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties"/>'
    assert docx.core_properties(xml, {"dc:title": "x"}) == xml  # nowhere to put them: left alone
    xml = xml.replace(b"/>", b"></cp:coreProperties>")
    props = ElementTree.fromstring(docx.core_properties(xml, {"dc:title": "x", "dcterms:modified": "2020"}))
    assert props.find("dc:title", NS).text == "x" and props.find("dcterms:modified", NS).text == "2020"


# ---------------------------------------------------------------- the cache of docxtpl's patched XML

PROBE = """
import sys
from pathlib import Path
from generator.pipeline import render_file
assert render_file(Path(sys.argv[1]), Path(sys.argv[2])).ok
print("docxtpl" in sys.modules)
"""


def probe(data: Path, out: Path, cache: Path) -> tuple[bool, bytes]:
    """Render in a new process: was docxtpl imported, and the bytes."""
    env = {**os.environ, "XDG_CACHE_HOME": str(cache)}
    done = subprocess.run(
        [sys.executable, "-c", PROBE, str(data), str(out)], capture_output=True, text=True, env=env, check=True
    )  # fmt: skip
    return done.stdout.strip() == "True", out.read_bytes()


def test_the_cache_spares_docxtpl_and_never_changes_the_bytes(tmp_path):
    cache = tmp_path / "cache"
    imported, first = probe(SAMPLE, tmp_path / "1.docx", cache)
    kept = list((cache / "reportgen").glob("patched-*"))
    (code,) = (cache / "reportgen").glob("code-*")  # the compiled Jinja, kept beside it
    assert imported and len(kept) == 1
    imported, second = probe(SAMPLE, tmp_path / "2.docx", cache)
    assert not imported and second == first
    kept[0].write_text("{not json", encoding="utf-8")  # a damaged cache is ignored and written again
    imported, third = probe(SAMPLE, tmp_path / "3.docx", cache)
    assert imported and third == first
    assert list((cache / "reportgen").glob("patched-*")) == kept
    assert kept[0].read_text(encoding="utf-8").startswith("{")
    code.write_bytes(b"damaged")  # so is damaged compiled code
    imported, fourth = probe(SAMPLE, tmp_path / "4.docx", cache)
    assert not imported and fourth == first and code.read_bytes() != b"damaged"


def test_without_a_usable_cache_folder_rendering_still_works(tmp_path):
    blocked = tmp_path / "file"
    blocked.write_text("", encoding="utf-8")  # the cache folder would have to be inside a file
    imported, data = probe(write(tmp_path, MINIMAL), tmp_path / "out.docx", blocked)
    assert imported and zipfile.ZipFile(io.BytesIO(data)).testzip() is None


def test_the_cache_key_follows_the_template_bytes(tmp_path, monkeypatch):
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    template = templates.resolve(None).docx.read_bytes()
    one, other = docx.cache_name(template), docx.cache_name(template + b"\0")
    assert one.startswith("patched-") and other.startswith("patched-")
    assert one != other and one == docx.cache_name(template)
