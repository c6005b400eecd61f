"""The bounds of generator/limits.py where reportgen meets other programs: git, LibreOffice, the
browser of `reportgen preview` (issue 21; docs/limits.md). The rest are in test_limits.py."""

from __future__ import annotations

import os
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest
from conftest import MINIMAL, reportgen, requires_soffice, write
from test_limits import MB, part

from generator import limits
from generator.messages import msg

# ---------------------------------------------------------------- git (items 2, 3, 9)

needs_git = pytest.mark.skipif(__import__("shutil").which("git") is None, reason="git is not installed")


def git(repo: Path, *args: str, stdin: bytes | None = None) -> str:
    env = {**os.environ, "GIT_AUTHOR_NAME": "李四", "GIT_AUTHOR_EMAIL": "li@example.invalid",
           "GIT_COMMITTER_NAME": "李四", "GIT_COMMITTER_EMAIL": "li@example.invalid"}  # fmt: skip
    done = subprocess.run(["git", *args], cwd=repo, env=env, check=True, capture_output=True, input=stdin)
    return done.stdout.decode("utf-8").strip()


def commit_by_hand(repo: Path, author: str, message: str, headers: str = "") -> None:
    """Commit the index as `author`, with extra header lines, bypassing git's own checks."""
    tree, parent = git(repo, "write-tree"), git(repo, "rev-parse", "HEAD")
    who = f"{author} <a@example.invalid> 1700000000 +0000"
    body = f"tree {tree}\nparent {parent}\nauthor {who}\ncommitter {who}\n{headers}\n{message}\n"
    sha = git(repo, "hash-object", "-t", "commit", "-w", "--stdin", stdin=body.encode("utf-8"))
    git(repo, "update-ref", "HEAD", sha)


@pytest.fixture
def repo(tmp_path):
    root = tmp_path / "仓库"
    root.mkdir()
    git(root, "init", "-q")
    write(root, MINIMAL, "r.yaml")
    git(root, "add", ".")
    git(root, "commit", "-qm", "初稿")
    write(root, MINIMAL.replace("继续努力", "加倍努力"), "r.yaml")
    git(root, "add", ".")
    return root


@needs_git
@pytest.mark.parametrize("option", ["--output={}", "--format=x", "-o{}"])
def test_a_revision_is_never_read_as_an_option(repo, tmp_path, option):
    git(repo, "commit", "-qm", "改")
    pwned = tmp_path / "pwned"
    spec = option.format(pwned) + ":r.yaml"
    done = reportgen("diff", "--", "HEAD~1:r.yaml", spec, cwd=repo)
    assert done.returncode == 2
    assert done.stderr == f"reportgen: {msg('diff.option-revision', lang='en', spec=spec)}\n"
    assert not pwned.exists()  # main: `git show --output=…` wrote it


@needs_git
@pytest.mark.skipif(os.name != "posix", reason="a program with a #! line")
@pytest.mark.parametrize("how", ["files", "revisions"])
def test_diff_runs_no_program_the_repository_configures(repo, tmp_path, how):
    """A signed last commit, with `log.showSignature` and `gpg.program` set in .git/config: the
    default author lookup (`git log`) would run the program to check the signature."""
    ran = tmp_path / "ran.txt"
    program = tmp_path / "evil.py"
    program.write_text(f"#!{sys.executable}\nopen({str(ran)!r}, 'a').write('ran')\n", encoding="utf-8")
    program.chmod(0o755)
    signature = "gpgsig -----BEGIN PGP SIGNATURE-----\n \n iQEzBAABCAAdFiEE\n -----END PGP SIGNATURE-----\n"
    commit_by_hand(repo, "李四", "改", signature)
    for key, value in [("log.showSignature", "true"), ("gpg.program", str(program)), ("core.fsmonitor", str(program)),
                       ("core.pager", str(program)), ("diff.evil.textconv", str(program))]:  # fmt: skip
        git(repo, "config", key, value)
    (repo / ".gitattributes").write_text("*.yaml diff=evil\n", encoding="utf-8")
    git(repo, "log", "-1", "--format=%an", "--", "r.yaml")
    assert ran.exists()  # the trap works: plain git runs the program
    ran.unlink()
    old = tmp_path / "old.yaml"
    write(tmp_path, MINIMAL, "old.yaml")
    args = [old, repo / "r.yaml"] if how == "files" else ["HEAD~1:r.yaml", "HEAD:r.yaml"]
    done = reportgen("diff", *args, "-o", tmp_path / "out.docx", cwd=repo)
    assert done.returncode == 0, done.stderr
    assert not ran.exists()
    assert 'w:author="李四"' in part(tmp_path / "out.docx", "word/document.xml")


@needs_git
def test_control_characters_in_a_git_author_do_not_reach_the_xml(repo, tmp_path):
    commit_by_hand(repo, "张\x01三\x1b", "改")
    done = reportgen("diff", "HEAD~1:r.yaml", "HEAD:r.yaml", "-o", tmp_path / "out.docx", cwd=repo)
    assert done.returncode == 0, done.stderr  # main: internal error (lxml)
    assert 'w:author="张三"' in part(tmp_path / "out.docx", "word/document.xml")
    write(repo, MINIMAL.replace("继续努力", "再加努力"), "r.yaml")
    git(repo, "add", ".")
    commit_by_hand(repo, "\x01\x02", "又改")  # nothing left of the name: the default
    done = reportgen("diff", "HEAD~1:r.yaml", "HEAD:r.yaml", "-o", tmp_path / "out.docx", cwd=repo)
    assert done.returncode == 0, done.stderr
    assert 'w:author="reportgen"' in part(tmp_path / "out.docx", "word/document.xml")

# ---------------------------------------------------------------- preview (items 12, 13)


def test_preview_shows_a_bounded_excerpt_of_a_refused_file(tmp_path):
    from generator.preview.server import shell
    from generator.preview.session import Session, state_json

    data = tmp_path / "report.yaml"
    data.write_bytes(b"organization: " + b"x" * (50 * MB))  # one line of 50 MB
    session = Session(data)
    state = session.state(session.current)
    (problem,) = state["problems"]
    assert (problem["line"], problem["column"]) == (1, 1)
    assert problem["source"] == "organization: " + "x" * (limits.PREVIEW_EXCERPT + 1 - 14) + "…"
    assert len(state_json(state)) < 4000  # main: the 50 MB line, in the state and in the page
    assert len(shell(session, None, "nonce")) < 200_000


def test_preview_marks_the_column_of_a_problem_far_into_a_long_line(tmp_path):
    from generator.preview.session import Session

    padding = " " * 5000
    data = write(tmp_path, MINIMAL.replace("index: 1}", f"index: 1,{padding}bogus: 1}}"))
    session = Session(data)
    (problem,) = session.state(session.current)["problems"]
    assert problem["line"] == 2 and "period.bogus" in problem["text"]
    source = problem["source"]
    assert source.startswith("…") and source.endswith("}")
    assert source[problem["column"] - 1 :].startswith("bogus: 1}")  # the page marks this character
    assert len(source) <= 2 * limits.PREVIEW_EXCERPT + 2


def test_preview_drops_requests_that_stop_half_way(tmp_path):
    import socket

    from test_preview_server import get, serving

    with serving(write(tmp_path, MINIMAL)) as server:
        slow = [socket.create_connection(("127.0.0.1", server.port), timeout=5) for _ in range(20)]
        for s in slow:
            s.sendall(b"GET /" + server.session.token.encode() + b"/state HTTP/1.1\r\nHost: 127.0.0.1")  # never ends
        assert get(server, f"/{server.session.token}/state").status == 200  # others are still answered
        for s in slow:
            s.settimeout(limits.PREVIEW_REQUEST_SECONDS + 5)
            assert s.recv(100) == b""  # closed by the server (main: held open, recv timed out)
            s.close()


def test_preview_queues_a_burst_of_connections(tmp_path):
    """Connections made while the server is busy wait in the listen queue (main: 5 places)."""
    import socket

    from generator.preview import server as preview_server
    from generator.preview.session import Session

    server = preview_server.bind(Session(write(tmp_path, MINIMAL)))  # listening, not accepting yet
    try:
        made = []
        for _ in range(40):
            try:
                made.append(socket.create_connection(("127.0.0.1", server.port), timeout=1))
            except OSError:
                break
        assert len(made) == 40
    finally:
        for s in made:
            s.close()
        server.server_close()

# ---------------------------------------------------------------- LibreOffice offline (item 8)


class _Counter:
    """An HTTP server on 127.0.0.1 (a port the system picks) that counts the requests it gets."""

    def __enter__(self):
        import http.server
        import threading

        self.paths: list[str] = []
        paths = self.paths

        class Handler(http.server.BaseHTTPRequestHandler):
            def do_GET(self):
                paths.append(self.path)
                self.send_response(404)
                self.end_headers()

            def log_message(self, *args):
                pass

        self.server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.port = self.server.server_address[1]
        threading.Thread(target=self.server.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True).start()
        return self

    def __exit__(self, *exc):
        self.server.shutdown()
        self.server.server_close()


def _odt_linking(path: Path, port: int) -> None:
    """An OpenDocument text whose image, section and hyperlink point at a server, as Writer saves
    a document with linked (not embedded) images."""
    url = f"http://127.0.0.1:{port}"
    content = (
        '<?xml version="1.0" encoding="UTF-8"?>'
        '<office:document-content xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0"'
        ' xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0"'
        ' xmlns:draw="urn:oasis:names:tc:opendocument:xmlns:drawing:1.0" xmlns:xlink="http://www.w3.org/1999/xlink"'
        ' xmlns:svg="urn:oasis:names:tc:opendocument:xmlns:svg-compatible:1.0" office:version="1.2">'
        "<office:body><office:text>"
        "<text:p>示例党支部2024年上半年工作总结</text:p><text:p>一、主要工作</text:p>"
        '<text:p>认真学习。<draw:frame draw:name="图1" svg:width="2cm" svg:height="2cm">'
        f'<draw:image xlink:href="{url}/img.png" xlink:type="simple" xlink:show="embed" xlink:actuate="onLoad"/>'
        "</draw:frame></text:p>"
        f'<text:section text:name="s1"><text:section-source xlink:href="{url}/section.odt" xlink:type="simple"/>'
        "</text:section>"
        "<text:p>二、存在的问题</text:p>"
        f'<text:p>学习不够。<text:a xlink:type="simple" xlink:href="{url}/a">链接</text:a></text:p>'
        "<text:p>三、下一步打算</text:p><text:p>继续努力。</text:p>"
        "</office:text></office:body></office:document-content>"
    )
    manifest = (
        '<?xml version="1.0" encoding="UTF-8"?>'
        '<manifest:manifest xmlns:manifest="urn:oasis:names:tc:opendocument:xmlns:manifest:1.0" manifest:version="1.2">'
        '<manifest:file-entry manifest:full-path="/" manifest:media-type="application/vnd.oasis.opendocument.text"/>'
        '<manifest:file-entry manifest:full-path="content.xml" manifest:media-type="text/xml"/>'
        "</manifest:manifest>"
    )
    with zipfile.ZipFile(path, "w") as z:
        z.writestr(zipfile.ZipInfo("mimetype"), "application/vnd.oasis.opendocument.text")  # first, stored
        z.writestr("content.xml", content, zipfile.ZIP_DEFLATED)
        z.writestr("META-INF/manifest.xml", manifest, zipfile.ZIP_DEFLATED)


@requires_soffice
def test_import_through_libreoffice_never_touches_the_network(tmp_path):
    with _Counter() as counter:
        source = tmp_path / "总结.odt"
        _odt_linking(source, counter.port)
        rtf = tmp_path / "附件.rtf"
        rtf.write_text('{\\rtf1\\ansi{\\field{\\*\\fldinst INCLUDEPICTURE "http://127.0.0.1:%d/rtf.png" \\\\d}'
                       "{\\fldrslt x}}\\par Hello\\par}" % counter.port, encoding="ascii")  # fmt: skip
        done = reportgen("import", source, "--org", "示例党支部", "--period", "2024H1")
        assert done.returncode == 0, done.stderr
        reportgen("import", rtf, "--org", "示例党支部", "--period", "2024H1")
        assert counter.paths == []  # main: GET /img.png
    assert "认真学习" in (tmp_path / "总结.yaml").read_text(encoding="utf-8")


def test_every_libreoffice_profile_is_made_offline(tmp_path, monkeypatch):
    """The PDF writer's conversions start from the same settings (a custom template may link an image)."""
    from generator import soffice

    started = []
    monkeypatch.setattr(soffice, "_start", lambda command, env, log: started.append(command) or _Ended())
    list(soffice.convert_files("soffice", [tmp_path / "a.docx"], tmp_path, "pdf", {}, tmp_path / "p", 1, 1))
    (profile,) = [Path(arg.split("=", 1)[1].replace("file://", "")) for arg in started[0] if "UserInstallation" in arg]
    settings = (profile / "user" / "registrymodifications.xcu").read_text(encoding="utf-8")
    assert 'oor:name="BlockUntrustedRefererLinks"' in settings and "<value>true</value>" in settings


class _Ended:
    returncode = 0

    def wait(self, timeout=None):
        return 0

    def poll(self):
        return 0
