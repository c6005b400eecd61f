"""`reportgen preview` without a browser: the token, the Host check, nothing served from disk,
the event stream, errors that keep the last good render, and the command's start and stop."""

from __future__ import annotations

import http.client
import json
import os
import signal
import socket
import subprocess
import sys
import threading
import time
from contextlib import contextmanager
from pathlib import Path

import pytest
from conftest import MINIMAL, command, reportgen, write

from generator.preview import server as preview_server
from generator.preview.session import Session

BROKEN = MINIMAL.replace("plans:\n", "plans:\n  titel: 错\n")  # line 9: an unknown key


@contextmanager
def serving(data: Path, template: str | None = None):
    """A preview of `data` on a free port, watched, in this process."""
    session = Session(data, template)
    server = preview_server.bind(session)
    watcher = threading.Thread(target=session.watch, daemon=True)
    loop = threading.Thread(target=server.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True)
    watcher.start()
    loop.start()
    try:
        yield server
    finally:
        session.stop()
        server.shutdown()
        server.server_close()


def get(server, path: str, host: str | None = None, timeout: float = 5) -> http.client.HTTPResponse:
    conn = http.client.HTTPConnection("127.0.0.1", server.port, timeout=timeout)
    conn.putrequest("GET", path, skip_host=True)
    conn.putheader("Host", host if host is not None else f"127.0.0.1:{server.port}")
    conn.endheaders()
    return conn.getresponse()


def state(server, query: str = "") -> dict:
    r = get(server, f"/{server.session.token}/state{query}")
    assert r.status == 200
    return json.loads(r.read())


def wait_for(predicate, timeout: float = 10.0):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        value = predicate()
        if value:
            return value
        time.sleep(0.05)
    raise AssertionError("timed out")


def save(path: Path, text: str) -> None:
    """As editors save: a new file renamed over the old one."""
    tmp = path.with_name(path.name + ".tmp")
    tmp.write_text(text, encoding="utf-8")
    os.replace(tmp, path)


# ------------------------------------------------------------------ who may ask for what


def test_the_token_is_required(tmp_path):
    with serving(write(tmp_path, MINIMAL)) as server:
        token = server.session.token
        assert get(server, f"/{token}/").status == 200
        for path in ("/", "/state", "/events", f"/{token[:-1]}/", f"/{token}x/state", f"/x{token}/", "/favicon.ico"):
            r = get(server, path)
            assert r.status == 403, path
            assert b"organization" not in r.read() and b"\xe6\xb5\x8b\xe8\xaf\x95" not in r.read()


def test_a_foreign_host_is_refused(tmp_path):
    """A page from another site that rebinds its name to 127.0.0.1 sends its own Host."""
    with serving(write(tmp_path, MINIMAL)) as server:
        token = server.session.token
        for host in ("evil.example:%d" % server.port, "127.0.0.1", "", "127.0.0.1:1"):
            assert get(server, f"/{token}/state", host=host).status == 403, host
        assert get(server, f"/{token}/state", host=f"localhost:{server.port}").status == 200


def test_no_file_is_served(tmp_path):
    """Neither the data file, nor its neighbours, nor anything outside its folder."""
    secret = tmp_path.parent / "secret.txt"
    secret.write_text("TOP-SECRET", encoding="utf-8")
    data = write(tmp_path, MINIMAL)
    (tmp_path / "notes.txt").write_text("NEIGHBOUR", encoding="utf-8")
    with serving(data) as server:
        token = server.session.token
        for path in (
            "report.yaml", "notes.txt", "../secret.txt", "%2e%2e/secret.txt", "..%2fsecret.txt",
            "../../../../etc/passwd", "/etc/passwd", "state/../report.yaml", f"{secret}",
        ):  # fmt: skip
            r = get(server, f"/{token}/{path}")
            body = r.read()
            assert r.status == 404, path
            assert b"TOP-SECRET" not in body and b"NEIGHBOUR" not in body and b"root:" not in body
        # a layout name is a choice from the picker, never a path to open
        assert state(server, "?template=../secret.txt")["template"] == "standard"
        assert state(server, "?template=/etc/passwd")["template"] == "standard"


def test_other_methods_are_refused(tmp_path):
    with serving(write(tmp_path, MINIMAL)) as server:
        for method in ("POST", "PUT", "DELETE", "HEAD"):
            conn = http.client.HTTPConnection("127.0.0.1", server.port, timeout=5)
            conn.request(method, f"/{server.session.token}/state", body=b"x" if method != "HEAD" else None)
            assert conn.getresponse().status == 501, method


def test_security_headers(tmp_path):
    with serving(write(tmp_path, MINIMAL)) as server:
        r = get(server, f"/{server.session.token}/")
        page = r.read().decode("utf-8")
        policy = r.getheader("Content-Security-Policy")
        assert policy.startswith("default-src 'none'")
        nonce = policy.split("'nonce-")[1].split("'")[0]
        assert page.count(f'nonce="{nonce}"') == 3  # the style and the two scripts, nothing else
        assert f"script-src 'nonce-{nonce}'" in policy and "connect-src 'self'" in policy
        assert r.getheader("X-Content-Type-Options") == "nosniff"
        assert r.getheader("Referrer-Policy") == "no-referrer"
        assert r.getheader("X-Frame-Options") == "DENY"
        assert r.getheader("Cache-Control") == "no-store"
        assert get(server, f"/{server.session.token}/").getheader("Content-Security-Policy") != policy  # a new nonce


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="Linux routes all of 127.0.0.0/8 to loopback")
def test_listens_on_127_0_0_1_only(tmp_path):
    with serving(write(tmp_path, MINIMAL)) as server:
        assert server.server_address[0] == "127.0.0.1"
        with pytest.raises(OSError):
            socket.create_connection(("127.0.0.2", server.port), timeout=2).close()


# ------------------------------------------------------------------ what the page is told


def test_state_and_page_carry_the_report(tmp_path):
    with serving(write(tmp_path, MINIMAL.replace("完成了工作。", "完成了<工作> & {{ 任务 }}。"))) as server:
        s = state(server)
        assert s["problems"] == [] and s["template"] == "standard"
        assert "完成了&lt;工作&gt; &amp; {{ 任务 }}。" in s["html"]
        page = get(server, f"/{server.session.token}/").read().decode("utf-8")
        inlined = page.split('<script type="application/json" id="state">')[1].split("</script>")[0]
        assert "<" not in inlined  # nothing in the inlined state can close its script element
        assert json.loads(inlined)["html"] == s["html"]
        assert [o[0] for o in s["options"]] == ["standard", "flat", "points", "headline", "two-part"]
        assert state(server, "?template=two-part")["html"].count('<h2 class="part') == 2


def test_errors_keep_the_last_good_render(tmp_path):
    data = write(tmp_path, MINIMAL)
    with serving(data) as server:
        good = state(server)
        save(data, BROKEN)
        broken = wait_for(lambda: (s := state(server))["problems"] and s)
        assert broken["html"] == good["html"]
        (problem,) = broken["problems"]
        assert problem["text"].startswith(f"{data}:9:3: error: plans.titel: ")
        assert (problem["line"], problem["column"], problem["source"]) == (9, 3, "  titel: 错")
        save(data, MINIMAL.replace("继续努力。", "继续努力，再创佳绩。"))
        fixed = wait_for(lambda: (s := state(server))["problems"] == [] and "再创佳绩" in s["html"] and s)
        assert fixed["version"] == broken["version"] + 1


def test_a_missing_or_half_written_file_keeps_the_page(tmp_path):
    data = write(tmp_path, MINIMAL)
    with serving(data) as server:
        html = state(server)["html"]
        data.unlink()
        gone = wait_for(lambda: (s := state(server))["problems"] and s)
        assert gone["html"] == html and str(data) in gone["problems"][0]["text"]
        data.write_text(MINIMAL[: len(MINIMAL) // 2], encoding="utf-8")  # cut off mid-file
        half = wait_for(lambda: (s := state(server))["version"] > gone["version"] and s)
        assert half["problems"] and half["html"] == html
        save(data, MINIMAL)
        wait_for(lambda: state(server)["problems"] == [])


def test_a_file_that_starts_broken_shows_its_problems(tmp_path):
    with serving(write(tmp_path, BROKEN)) as server:
        s = state(server)
        assert s["html"] is None and len(s["problems"]) == 1


def test_lint_findings_are_marks_beside_their_paragraph(tmp_path):
    data = write(tmp_path, MINIMAL.replace("学习不够深入。", "学习XX次还不够深入。"))
    with serving(data) as server:
        s = state(server)
        (warning,) = [w for w in s["warnings"] if "placeholder" in w["text"]]
        assert warning["text"].startswith(f"{data}:7:") and warning["anchor"]
        flagged = s["html"].split(f'id="{warning["anchor"]}"')[1].split("</p>")[0]
        assert "学习XX次还不够深入" in flagged and 'class="mark warning"' in flagged


def test_a_mark_goes_beside_the_paragraph_of_the_text_it_is_in(tmp_path):
    """A text of three paragraphs prints as three: the finding in the third is drawn beside the third."""
    intro = "intro: |\n  第一段。\n\n  第二段。\n\n\n  第三段有XX处。\n"
    with serving(write(tmp_path, intro + MINIMAL)) as server:
        s = state(server)
        (warning,) = [w for w in s["warnings"] if "placeholder" in w["text"]]
        assert warning["text"].startswith(f"{tmp_path / 'report.yaml'}:7:")
        flagged = s["html"].split(f'id="{warning["anchor"]}"')[1].split("</p>")[0]
        assert flagged.endswith("第三段有XX处。")


def test_custom_template_is_offered_and_shown_as_standard(tmp_path):
    from conftest import ROOT

    custom = str(ROOT / "examples" / "house-template.docx")
    with serving(write(tmp_path, MINIMAL), custom) as server:
        s = state(server)
        assert s["template"] == custom and custom in s["notice"]
        assert s["options"][-1][0] == custom
        assert s["html"] == state(server, "?template=standard")["html"]


def test_events_push_each_save(tmp_path):
    data = write(tmp_path, MINIMAL)
    with serving(data) as server:
        r = get(server, f"/{server.session.token}/events?template=flat", timeout=10)
        assert r.status == 200 and r.getheader("Content-Type").startswith("text/event-stream")

        def event() -> dict:
            lines = []
            while (line := r.fp.readline().decode("utf-8")) != "\n" or not lines:
                if line.strip() and not line.startswith((":", "retry")):
                    lines.append(line.rstrip("\n"))
            fields = dict(line.split(": ", 1) for line in lines)
            assert fields["event"] == "state"
            return json.loads(fields["data"])

        first = event()
        assert first["version"] == 1 and first["template"] == "flat"
        save(data, MINIMAL.replace("继续努力。", "继续努力，再创佳绩。"))
        second = event()
        assert second["version"] == 2 and "再创佳绩" in second["html"]


# ------------------------------------------------------------------ the command


def start(data: Path, *args: str, lang: str = "en") -> tuple[subprocess.Popen, str]:
    env = {**os.environ, "PYTHONIOENCODING": "utf-8", "REPORTGEN_LANG": lang}
    proc = subprocess.Popen(
        command("preview", str(data), "--no-browser", *args),
        stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, encoding="utf-8", env=env,
    )  # fmt: skip
    line = proc.stdout.readline()
    return proc, line


def test_ctrl_c_stops_cleanly(tmp_path):
    proc, line = start(write(tmp_path, MINIMAL))
    try:
        assert line.startswith("preview at http://127.0.0.1:"), line + proc.stderr.read()
        url = line.split()[2]
        host, token = url.split("/")[2], url.split("/")[3]
        conn = http.client.HTTPConnection(host, timeout=5)
        conn.request("GET", f"/{token}/state")
        assert conn.getresponse().status == 200
        proc.send_signal(signal.SIGINT)
        out, err = proc.communicate(timeout=10)
    finally:
        proc.kill()
    assert proc.returncode == 0, err
    assert "Traceback" not in err and err.strip().endswith("preview stopped")


def test_chinese_by_default(tmp_path):
    proc, line = start(write(tmp_path, MINIMAL), lang="zh")
    proc.terminate()
    _, err = proc.communicate(timeout=10)
    assert line.startswith("预览地址：http://127.0.0.1:") and "预览已停止" in err


def test_a_taken_port_is_exit_2(tmp_path):
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        done = reportgen("preview", write(tmp_path, MINIMAL), "--no-browser", "--port", port)
    assert done.returncode == 2 and done.stdout == ""
    assert f"cannot serve the preview on 127.0.0.1:{port}" in done.stderr


@pytest.mark.parametrize(("args", "says"), [(["missing.yaml"], "missing.yaml"), (["report.yaml", "-t", "flatt"], "flat")])
def test_nothing_to_preview_is_exit_2(tmp_path, args, says):
    write(tmp_path, MINIMAL)
    done = reportgen("preview", *args, "--no-browser", cwd=tmp_path)
    assert done.returncode == 2 and says in done.stderr and done.stdout == ""
