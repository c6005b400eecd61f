"""The bounds of generator/limits.py, one test a bound (issue 21; docs/limits.md).

Hostile inputs cost bounded memory and time and end in a located message, never a hang or an
internal error. Memory is measured as the peak resident size of the command's own process
(getrusage, see peak()), never as a timing.
"""

from __future__ import annotations

import importlib.util
import io
import os
import stat
import subprocess
import sys
import zipfile
import zlib
from pathlib import Path

import pytest
from conftest import MINIMAL, command, reportgen, write

from generator import limits
from generator.messages import msg

MB = 1024 * 1024
posix_only = pytest.mark.skipif(os.name != "posix", reason="a child's peak memory is measured on POSIX")


def peak(*args, cwd=None, env: dict | None = None, timeout: float = 120) -> tuple[int, str, int | None]:
    """(exit status, stderr, peak resident megabytes) of `reportgen ARGS` in English; a command
    still running after `timeout` seconds (a hang) is stopped and the test fails.

    The peak is measured by a small Python process that runs the command as its child and asks
    for its children's peak (getrusage): a child of the test process itself would count the test
    process's own memory, which Linux records as the child's when it forks (None on Windows)."""
    import signal
    import tempfile

    environ = {**os.environ, "PYTHONIOENCODING": "utf-8", "REPORTGEN_LANG": "en", **(env or {})}
    with tempfile.TemporaryDirectory() as tmp:
        err, measured = Path(tmp) / "stderr", Path(tmp) / "peak"
        launcher = [sys.executable, "-c", _MEASURE, str(measured)] if _MEASURABLE else []
        with err.open("wb") as f:
            proc = subprocess.Popen([*launcher, *command(*args)], cwd=cwd, env=environ, stdout=subprocess.DEVNULL,
                                    stderr=f, start_new_session=os.name == "posix")  # fmt: skip
            try:
                code = proc.wait(timeout)
            except subprocess.TimeoutExpired:
                os.killpg(proc.pid, signal.SIGKILL) if os.name == "posix" else proc.kill()
                proc.wait()
                pytest.fail(f"reportgen {' '.join(map(str, args))} still ran after {timeout} s")
        text = err.read_bytes().decode("utf-8", "replace")
        peak_mb = int(measured.read_text()) // 1024 if _MEASURABLE else None
    assert "Traceback" not in text, text
    return code, text, peak_mb


_MEASURABLE = importlib.util.find_spec("resource") is not None
_MEASURE = """
import resource, subprocess, sys
code = subprocess.call(sys.argv[2:])
open(sys.argv[1], "w").write(str(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss))
sys.exit(code)
"""


def part(docx: Path, name: str) -> str:
    """The text of one part of a .docx."""
    with zipfile.ZipFile(docx) as z:
        return z.read(name).decode("utf-8")


# ---------------------------------------------------------------- outputs (items 1, 10, 11)


@pytest.mark.skipif(not hasattr(os, "geteuid") or os.geteuid() != 0, reason="mknod needs root")
def test_an_output_that_is_a_device_is_refused_and_left_alone(tmp_path):
    data = write(tmp_path, MINIMAL)
    device = tmp_path / "null"
    os.mknod(device, stat.S_IFCHR | 0o666, os.makedev(1, 3))  # /dev/null's numbers
    done = reportgen("render", data, "-o", device)
    assert done.returncode == 2, done.stderr
    reason = msg("out.reason-not-regular", lang="en")
    assert done.stderr == f"reportgen: {msg('out.unwritable', lang='en', path=device, reason=reason)}\n"
    assert stat.S_ISCHR(os.stat(device).st_mode)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["null", "report.yaml"]


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="FIFOs are POSIX")
@pytest.mark.parametrize("command", ["render", "import"])
def test_an_output_that_is_a_fifo_is_refused_at_once(tmp_path, command):
    data = write(tmp_path, MINIMAL) if command == "render" else tmp_path / "总结.txt"
    if command == "import":
        data.write_text("示例党支部2024年上半年工作总结\n一、主要工作\n学习。\n", encoding="utf-8")
    fifo = tmp_path / ("out.docx" if command == "render" else "out.yaml")
    os.mkfifo(fifo)
    code, err, _ = peak(command, data, "-o", fifo, "--force", timeout=60)  # main hung here
    assert code == 2, err
    assert msg("out.reason-not-regular", lang="en") in err
    assert stat.S_ISFIFO(os.stat(fifo).st_mode)


@pytest.mark.skipif(os.name != "posix", reason="POSIX permissions")
@pytest.mark.parametrize("fmt", ["docx", "md"])
def test_a_replaced_output_keeps_its_permissions(tmp_path, fmt):
    data = write(tmp_path, MINIMAL)
    assert reportgen("render", data, "--format", fmt).returncode == 0
    out = tmp_path / f"report.{fmt}"
    out.chmod(0o600)
    assert reportgen("render", data, "--format", fmt).returncode == 0
    assert stat.S_IMODE(out.stat().st_mode) == 0o600
    new = tmp_path / "new.md"
    assert reportgen("render", data, "--format", "md", "-o", new).returncode == 0
    umask = os.umask(0)
    os.umask(umask)
    assert stat.S_IMODE(new.stat().st_mode) == 0o666 & ~umask  # a new file: as any new file


@pytest.mark.parametrize("name", ["other.yaml", "notes.txt", "report.pdf"])
def test_an_existing_file_of_another_kind_is_not_replaced_without_force(tmp_path, name):
    data = write(tmp_path, MINIMAL)
    other = tmp_path / name
    other.write_text("我的笔记\n", encoding="utf-8")
    done = reportgen("render", data, "-o", other)
    assert done.returncode == 2
    assert done.stderr == f"reportgen: {msg('out.other-kind', lang='en', path=other, ext='.docx')}\n"
    assert other.read_text(encoding="utf-8") == "我的笔记\n"
    done = reportgen("render", data, "-o", other, "--force")
    assert done.returncode == 0, done.stderr
    assert other.read_bytes()[:2] == b"PK"


def test_an_output_of_the_same_kind_or_a_new_file_needs_no_force(tmp_path):
    data = write(tmp_path, MINIMAL)
    (tmp_path / "x.DOCX").write_bytes(b"old")
    assert reportgen("render", data, "-o", tmp_path / "x.DOCX").returncode == 0
    (tmp_path / "page.htm").write_text("old", encoding="utf-8")
    assert reportgen("render", data, "--format", "html", "-o", tmp_path / "page.htm").returncode == 0
    assert reportgen("render", data, "-o", tmp_path / "new.txt").returncode == 0  # nothing there to lose


def test_diff_never_replaces_a_file_of_another_kind(tmp_path):
    old = write(tmp_path, MINIMAL, "old.yaml")
    new = write(tmp_path, MINIMAL.replace("继续努力", "加倍努力"), "new.yaml")
    notes = tmp_path / "notes.txt"
    notes.write_text("笔记\n", encoding="utf-8")
    done = reportgen("diff", old, new, "-o", notes)
    assert done.returncode == 2
    assert msg("out.other-kind", lang="en", path=notes, ext=".docx") in done.stderr
    assert notes.read_text(encoding="utf-8") == "笔记\n"

# ---------------------------------------------------------------- zip archives (items 4, 5)


def bomb(inflated: int, claimed: int = 20_000) -> bytes:
    """A .docx (a rendered report's parts) whose word/document.xml and docProps/core.xml inflate
    to `inflated` bytes while every header claims `claimed`: a 1 GiB bomb is about 1 MB."""
    from generator.render.docx import _Entry, _zip

    report = _rendered_report()
    entries = []
    with zipfile.ZipFile(io.BytesIO(report)) as z:
        for info in z.infolist():
            data = z.read(info)
            if info.filename in ("word/document.xml", "docProps/core.xml"):
                entries.append(_padded(info.filename, data, inflated, claimed))
            else:
                entries.append(_Entry.of(info.filename, data))
    return _zip(entries)


def _padded(name: str, xml: bytes, inflated: int, claimed: int):
    """The part with `inflated` bytes of spaces before its root element, deflated in pieces."""
    from generator.render.docx import _Entry

    head, _, rest = xml.partition(b"?>")
    deflate, crc, chunk = zlib.compressobj(9, zlib.DEFLATED, -15), 0, b" " * MB
    packed = [deflate.compress(head + b"?>")]
    crc = zlib.crc32(head + b"?>", crc)
    for _ in range(inflated // MB):
        packed.append(deflate.compress(chunk))
        crc = zlib.crc32(chunk, crc)
    packed += [deflate.compress(rest), deflate.flush()]
    return _Entry(name.encode(), 0, zlib.crc32(rest, crc), claimed, b"".join(packed))


_REPORT: list[bytes] = []


def _rendered_report() -> bytes:
    if not _REPORT:
        from generator import pipeline

        loaded = pipeline.load(Path("x.yaml"), MINIMAL.encode("utf-8"), "x.yaml")
        template = pipeline.choose_template(loaded.report, Path("x.yaml"), None)
        _REPORT.append(pipeline.render_bytes(loaded.report, template, "docx"))
    return _REPORT[0]


@posix_only
@pytest.mark.parametrize("claimed", [20_000, 512 * MB], ids=["lying-headers", "honest-headers"])
def test_a_zip_bomb_is_refused_in_bounded_memory(tmp_path, claimed):
    """Headers that claim 20 KB: zipfile stops there and finds the checksum wrong (main inflated
    all of it first); headers that tell the truth: refused before inflating anything."""
    source = tmp_path / "总结.docx"
    source.write_bytes(bomb(512 * MB, claimed))
    assert source.stat().st_size < 2 * MB
    code, err, peak_mb = peak("import", source)
    assert code == 1, err
    if claimed == 20_000:
        reason = msg("reason.not-zip", lang="en")
        assert err == f"reportgen: {msg('import.not-docx', lang='en', path=source, reason=reason)}\n"
    else:  # refused by the ratio of its headers' sizes, before inflating anything
        limit = limits.ZIP_RATIO * zipfile.ZipFile(source).getinfo("word/document.xml").compress_size
        too_big = msg("import.too-big-part", lang="en", path=source, part="word/document.xml", limit=limit)
        assert err == f"reportgen: {too_big}\n"
    assert peak_mb < 250, peak_mb  # main: 1 GB and more
    assert not (tmp_path / "总结.yaml").exists()


def test_a_bomb_within_the_member_bound_is_stopped_by_the_bound_on_all_members(tmp_path):
    from generator import safezip

    members = {f"word/part{i}.xml": b" " * (3 * MB) for i in range(4)}
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as z:
        for name, data in members.items():
            z.writestr(name, data)
    with zipfile.ZipFile(buffer) as z:
        reader = safezip.Reader(z, member=4 * MB, total=10 * MB)
        for name in list(members)[:3]:
            assert reader.read(name) == members[name]
        with pytest.raises(safezip.TooBig) as e:
            reader.read("word/part3.xml")
    assert e.value.member == "word/part3.xml" and e.value.limit == MB


@posix_only
@pytest.mark.parametrize("claimed", [20_000, 512 * MB], ids=["lying-headers", "honest-headers"])
def test_an_existing_output_that_is_a_bomb_costs_bounded_memory(tmp_path, claimed):
    """The import-then-render workflow renders beside the original, whose core.xml is read to see
    who saved it. A damaged archive is no document (replaced, like any other file that is not
    one); one whose core.xml is too large for any Word file is nobody's we know (kept without
    --force)."""
    data = write(tmp_path, MINIMAL, "总结.yaml")
    (tmp_path / "总结.docx").write_bytes(bomb(512 * MB, claimed))
    code, err, peak_mb = peak("render", data)
    assert peak_mb < 250, peak_mb  # main: 9 s and 3 GB for 1 GiB
    if claimed == 20_000:
        assert code == 0, err
        return
    assert code == 2, err
    assert msg("out.foreign-document-unsigned", lang="en", path=tmp_path / "总结.docx") in err
    code, err, peak_mb = peak("render", data, "--force")
    assert code == 0, err
    assert peak_mb < 250, peak_mb


@posix_only
def test_a_template_that_is_a_bomb_is_refused_in_bounded_memory(tmp_path):
    """A bomb given with -t is a bad argument (exit 2); named by the data file's `template` key,
    a template that fails (exit 1); check-template reads it with the same bounds."""
    data = write(tmp_path, MINIMAL)
    keyed = write(tmp_path, MINIMAL + "template: 模板.docx\n", "keyed.yaml")
    template = tmp_path / "模板.docx"
    template.write_bytes(bomb(512 * MB, claimed=512 * MB))
    for args, status in [(("render", data, "-t", template), 2), (("render", keyed), 1), (("check-template", template), 2)]:
        code, err, peak_mb = peak(*args)
        assert code == status, err
        first = "docProps/core.xml" if args[1] == keyed else "word/document.xml"  # the first member read
        assert msg("reason.too-big", lang="en", member=first, limit=limits.ZIP_MEMBER) in err
        assert peak_mb < 250, peak_mb
    template.write_bytes(bomb(512 * MB))  # lying headers: a damaged archive
    for args, status in [(("render", data, "-t", template), 2), (("render", keyed), 1), (("check-template", template), 2)]:
        code, err, peak_mb = peak(*args)
        assert code == status, err
        assert msg("reason.not-zip", lang="en") in err
        assert peak_mb < 250, peak_mb


def _render_with_cache(data: Path, out: Path, cache: Path) -> subprocess.CompletedProcess:
    env = {**os.environ, "XDG_CACHE_HOME": str(cache), "REPORTGEN_LANG": "en", "PYTHONIOENCODING": "utf-8"}
    return subprocess.run(command("render", data, "-o", out), capture_output=True, text=True, env=env)


@pytest.mark.skipif(not hasattr(os, "getuid"), reason="owner ids are POSIX")
@pytest.mark.parametrize("planted", ["world-writable", "someone-elses"])
def test_a_cache_folder_someone_else_could_write_is_not_used(tmp_path, planted):
    import marshal

    if planted == "someone-elses" and os.geteuid() != 0:
        pytest.skip("only root can make a folder someone else's")
    data = write(tmp_path, MINIMAL)
    private = tmp_path / "private"
    assert _render_with_cache(data, tmp_path / "a.docx", private).returncode == 0
    assert stat.S_IMODE(os.stat(private / "reportgen").st_mode) == 0o700  # created private
    names = [p.name for p in (private / "reportgen").glob("code-*")]
    assert names
    marker = tmp_path / "planted-code-ran"
    shared = tmp_path / "shared"
    (shared / "reportgen").mkdir(parents=True)
    evil = marshal.dumps(compile(f"open({str(marker)!r}, 'w').write('ran')", "<template>", "exec"))
    for name in names:
        (shared / "reportgen" / name).write_bytes(evil)
    if planted == "world-writable":
        (shared / "reportgen").chmod(0o777)
    else:
        os.chown(shared / "reportgen", 65534, 65534)
        (shared / "reportgen").chmod(0o700)
    done = _render_with_cache(data, tmp_path / "b.docx", shared)
    assert done.returncode == 0, done.stderr
    assert not marker.exists()  # main: the planted code ran
    assert (tmp_path / "b.docx").read_bytes() == (tmp_path / "a.docx").read_bytes()


def test_the_cache_is_bounded_and_a_large_or_odd_entry_is_a_miss(tmp_path, monkeypatch):
    from generator.render import cache

    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    cache.write("code-big.marshal", b"x" * (limits.CACHE_ENTRY + 1))
    assert not (tmp_path / "reportgen" / "code-big.marshal").exists()
    (tmp_path / "reportgen" / "code-big.marshal").write_bytes(b"x" * (limits.CACHE_ENTRY + 1))
    assert cache.read("code-big.marshal") is None
    (tmp_path / "reportgen" / "code-dir.marshal").mkdir()
    assert cache.read("code-dir.marshal") is None
    for i in range(5):
        cache.write(f"code-{i}.marshal", bytes(1000))
        os.utime(tmp_path / "reportgen" / f"code-{i}.marshal", ns=(i * 10**9, i * 10**9))
    (tmp_path / "reportgen" / "mine.txt").write_bytes(bytes(5000))  # not ours to remove
    (tmp_path / "reportgen" / "code-big.marshal").unlink()
    cache.trim(tmp_path / "reportgen", bound=2500)
    left = sorted(p.name for p in (tmp_path / "reportgen").iterdir() if p.is_file())
    assert left == ["code-3.marshal", "code-4.marshal", "mine.txt"]  # the newest two
    assert cache.read("code-4.marshal") == bytes(1000)

# ---------------------------------------------------------------- templates (item 6)

TEMPLATE_CASES = {
    "pow": ("{{ 9**(9**9) }}", "template.limit-int", {"bits": limits.TEMPLATE_INT_BITS}),
    "pow-large": ("{{ 10**(10**7) }}", "template.limit-int", {"bits": limits.TEMPLATE_INT_BITS}),
    "repeat": ("{{ 'x'*300000000 }}", "template.limit-size", {"limit": limits.TEMPLATE_OUTPUT}),
    "range": ("{% for i in range(10**9) %}{% endfor %}", "template.limit-range", {"limit": 100_000}),
    "recursion": ("{% macro f(n) %}{{ f(n+1) }}{% endmacro %}{{ f(1) }}", "template.limit-recursion", {}),
    "concat": ("{% set ns = namespace(s='xx') %}{% for i in range(40) %}{% set ns.s = ns.s ~ ns.s %}{% endfor %}"
               "{{ ns.s|length }}", "template.limit-size", {"limit": limits.TEMPLATE_OUTPUT}),  # fmt: skip
    "center": ("{{ 'x'|center(999999999) }}", "template.limit-size", {"limit": limits.TEMPLATE_OUTPUT}),
    "ljust": ("{{ 'x'.ljust(999999999) }}", "template.limit-size", {"limit": limits.TEMPLATE_OUTPUT}),
    "format": ("{{ '{:>999999999}'.format(1) }}", "template.limit-size", {"limit": limits.TEMPLATE_OUTPUT}),
    "percent": ("{{ '%999999999d' % 1 }}", "template.limit-size", {"limit": limits.TEMPLATE_OUTPUT}),
    "join": ("{{ range(100000)|join('y'*10000) }}", "template.limit-size", {"limit": limits.TEMPLATE_OUTPUT}),
    "lipsum": ("{{ lipsum(10**9) }}", "template.limit-size", {"limit": limits.TEMPLATE_OUTPUT}),
    "output": ("{% for i in range(99999) %}{% for j in range(99999) %}{{ 'x'*1000 }}{% endfor %}{% endfor %}",
               "template.limit-size", {"limit": limits.TEMPLATE_OUTPUT}),  # fmt: skip
}
# What check-template sees of them, when the data plays no part (the rest only a render can tell).
STATIC = {case: TEMPLATE_CASES[case][1:] for case in ("pow", "pow-large", "repeat", "range", "center", "percent", "join")}
STATIC["output"] = ("template.limit-loops", {"runs": 99999 * 99999, "limit": 10_000_000})


def _template(tmp_path: Path, tag: str) -> Path:
    from test_custom_templates import make_docx, para

    return make_docx(tmp_path / "模板.docx", para("前文"), para(tag), para("后文"))


@pytest.mark.parametrize("case", TEMPLATE_CASES)
def test_a_template_past_a_bound_is_a_located_template_error(tmp_path, case):
    tag, key, kw = TEMPLATE_CASES[case]
    data = write(tmp_path, MINIMAL)
    template = _template(tmp_path, tag)
    code, err, peak_mb = peak("render", data, "-t", template, "-o", tmp_path / "out.docx", timeout=100)
    assert code == 1, err  # main: a hang, or an internal error
    snippet = tag if len(tag) <= 30 else tag[:30] + "…"
    where = msg("template.where-paragraph", lang="en", n=2, snippet=snippet)
    problem = msg(key, lang="en", **kw)
    assert err == f"{data}: error: {msg('template.limit', lang='en', path=template, where=where, problem=problem)}\n"
    assert peak_mb is None or peak_mb < 400, peak_mb
    assert not (tmp_path / "out.docx").exists()


@pytest.mark.parametrize("case", TEMPLATE_CASES)
def test_check_template_finds_the_constant_breaches_and_never_hangs(tmp_path, case):
    tag = TEMPLATE_CASES[case][0]
    template = _template(tmp_path, tag)
    code, err, _ = peak("check-template", template, timeout=60)  # main: `9**(9**9)` never ended
    if case in STATIC:
        key, kw = STATIC[case]
        assert code == 1, err
        assert msg("checktpl.limit", lang="en", problem=msg(key, lang="en", **kw)) in err
    else:
        assert code == 0, err  # only a render can tell


@pytest.mark.parametrize("where", ["main thread", "other thread"])
def test_a_template_that_runs_too_long_stops_at_the_time_bound(tmp_path, monkeypatch, where):
    """Nested loops that print nothing: only the clock can stop them (1 s here, limits.py says 20),
    in a process's main thread (the CLI) and in another (a server's)."""
    import threading

    from generator import pipeline
    from generator.errors import TemplateError

    monkeypatch.setattr(limits, "TEMPLATE_SECONDS", 1.0)
    tag = "{% for i in range(99999) %}{% for j in range(99999) %}{% endfor %}{% endfor %}"
    template = _template(tmp_path, tag)
    raised = []

    def render() -> None:
        try:
            pipeline.render_file(write(tmp_path, MINIMAL), tmp_path / "out.docx", template=str(template))
        except TemplateError as e:
            raised.append(e)

    if where == "main thread":
        render()
    else:
        thread = threading.Thread(target=render, daemon=True)
        thread.start()
        thread.join(60)
    where_ = msg("template.where-paragraph", n=2, snippet=tag[:30] + "…")
    problem = msg("template.limit-time", seconds=1.0)
    assert [str(e) for e in raised] == [msg("template.limit", path=template, where=where_, problem=problem)]
    assert not (tmp_path / "out.docx").exists()


def test_a_bounded_template_still_renders_what_a_report_needs(tmp_path):
    tag = ("{{ organization }}|{{ 2**10 }}|{{ 'ab'*3 }}|{{ '%05d' % 42 }}|{{ '{:>6}'.format('右') }}"
           "|{{ 'a-b'|replace('-', '—') }}")
    data = write(tmp_path, MINIMAL)
    done = reportgen("render", data, "-t", _template(tmp_path, tag), "-o", tmp_path / "out.docx")
    assert done.returncode == 0, done.stderr
    assert "测试支部|1024|ababab|00042|     右|a—b" in part(tmp_path / "out.docx", "word/document.xml")


def test_a_template_refused_for_its_size_leaves_nothing_large_in_the_cache(tmp_path):
    data = write(tmp_path, MINIMAL)
    cache = tmp_path / "cache"
    done = _render_with_cache(data, tmp_path / "out.docx", cache)
    assert done.returncode == 0
    _template(tmp_path, "{{ 'x'*300000000 }}")
    env = {**os.environ, "XDG_CACHE_HOME": str(cache)}
    big = command("render", data, "-t", tmp_path / "模板.docx", "-o", tmp_path / "x.docx")
    subprocess.run(big, capture_output=True, env=env)
    sizes = [p.stat().st_size for p in (cache / "reportgen").iterdir()]
    assert max(sizes) < MB  # main: a 300 MB file of compiled code with the folded constant
