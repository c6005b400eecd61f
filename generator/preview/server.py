"""The HTTP side of `reportgen preview` (see preview.py): three addresses under a secret token.

    /TOKEN/          the page: toolbar, problems, the report as pages (state inlined)
    /TOKEN/events    server-sent events: the page's state each time the file is loaded again
    /TOKEN/state     the same state once, as JSON

`?template=NAME` picks the layout; only the names the picker offers are honoured, and a name is
never opened as a file. Every other request gets 403 (no or wrong token, a foreign Host header)
or 404, and no file is ever read from disk to answer one.
"""

from __future__ import annotations

import hmac
import os
import secrets
import signal
import threading
from collections.abc import Callable
from html import escape
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import parse_qs, urlsplit

from generator import limits
from generator.errors import ReportgenError
from generator.messages import current_lang, msg
from generator.preview.session import Session, state_json
from generator.render.html import asset

HOST = "127.0.0.1"  # never another interface
KEEPALIVE = 15.0  # seconds between two comments on an idle event stream (finds closed tabs)
_SECURITY = {
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "no-referrer",
    "Cache-Control": "no-store",
    "X-Frame-Options": "DENY",
    "Cross-Origin-Opener-Policy": "same-origin",
    "Cross-Origin-Resource-Policy": "same-origin",
}
_LOCKED = "default-src 'none'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'"
# Texts the page's script shows, in the language of --lang.
_TEXTS = ("errors", "kept", "nothing-yet", "warnings", "reconnecting", "redrawn", "pages")


class Server(ThreadingHTTPServer):
    daemon_threads = True
    request_queue_size = limits.PREVIEW_BACKLOG  # socketserver's 5 refuses a page's burst of requests
    # SO_REUSEADDR lets a restart take the same --port at once on POSIX; on Windows it would let
    # another program bind the port too, so there the default (exclusive) binding stays.
    allow_reuse_address = os.name != "nt"

    def __init__(self, session: Session, port: int) -> None:
        self.session = session
        super().__init__((HOST, port), Handler)
        self.port = self.server_address[1]
        self.hosts = {f"{HOST}:{self.port}", f"localhost:{self.port}"}

    @property
    def url(self) -> str:
        return f"http://{HOST}:{self.port}/{self.session.token}/"


def bind(session: Session, port: int = 0) -> Server:
    """The server, listening (port 0: one the system picks); exit 2 when the port is taken."""
    try:
        return Server(session, port)
    except OSError as e:
        reason = os.strerror(e.errno) if e.errno else str(e)
        raise ReportgenError("preview.port-busy", port=port, reason=reason) from None


def run(server: Server, ready: Callable[[], None] = lambda: None) -> None:
    """Watch the file and answer requests until Ctrl-C (or SIGTERM), then stop cleanly.

    `ready` is called once Ctrl-C is sure to stop the server (to say where it is)."""
    session = server.session
    watcher = threading.Thread(target=session.watch, name="reportgen-watch", daemon=True)
    watcher.start()
    if threading.current_thread() is threading.main_thread():
        # Ctrl-C stops the preview even where the shell started it with SIGINT ignored (`… &`)
        signal.signal(signal.SIGINT, signal.default_int_handler)
        if hasattr(signal, "SIGTERM"):
            signal.signal(signal.SIGTERM, _interrupt)
    try:
        ready()
        server.serve_forever(poll_interval=0.25)
    finally:
        session.stop()
        server.server_close()
        watcher.join(timeout=1)


def _interrupt(signum, frame) -> None:
    raise KeyboardInterrupt


class Handler(BaseHTTPRequestHandler):
    server: Server
    server_version = "reportgen"
    sys_version = ""
    # Seconds a read or write on the connection may wait: a request that stops arriving half-way
    # (or a client that stops reading) is dropped, not given a thread for ever.
    timeout = limits.PREVIEW_REQUEST_SECONDS

    def log_message(self, format: str, *args) -> None:  # the terminal belongs to the CLI
        pass

    def do_GET(self) -> None:
        session = self.server.session
        if self.headers.get("Host", "") not in self.server.hosts:
            return self._plain(403, "forbidden")
        url = urlsplit(self.path)
        parts = url.path.split("/")
        given = parts[1].encode("utf-8", "surrogateescape") if len(parts) > 1 else b""
        if not hmac.compare_digest(given, session.token.encode("ascii")):
            return self._plain(403, "forbidden")
        if len(parts) == 2:  # /TOKEN: the page's relative addresses need the slash
            self.send_response(308)
            self.send_header("Location", f"/{session.token}/" + (f"?{url.query}" if url.query else ""))
            self._end(0)
            return
        asked = parse_qs(url.query).get("template", [None])[0]
        rest = "/".join(parts[2:])
        if rest == "":
            self._page(asked)
        elif rest == "events":
            self._events(asked)
        elif rest == "state":
            body = state_json(session.state(session.current, asked)).encode("utf-8")
            self._send(200, "application/json; charset=utf-8", body)
        else:
            self._plain(404, "not found")

    # ---------------------------------------------------------------- responses

    def _send(self, status: int, kind: str, body: bytes, policy: str = _LOCKED) -> None:
        self.send_response(status)
        self.send_header("Content-Type", kind)
        self.send_header("Content-Security-Policy", policy)
        self._end(len(body))
        self.wfile.write(body)

    def _end(self, length: int | None) -> None:
        for name, value in _SECURITY.items():
            self.send_header(name, value)
        if length is not None:
            self.send_header("Content-Length", str(length))
        self.end_headers()

    def _plain(self, status: int, text: str) -> None:
        self._send(status, "text/plain; charset=utf-8", (text + "\n").encode("utf-8"))

    def _page(self, asked: str | None) -> None:
        nonce = secrets.token_urlsafe(16)
        policy = (
            f"{_LOCKED}; script-src 'nonce-{nonce}'; style-src 'nonce-{nonce}'; connect-src 'self'; img-src data:"
        )
        body = shell(self.server.session, asked, nonce).encode("utf-8")
        self._send(200, "text/html; charset=utf-8", body, policy)

    def _events(self, asked: str | None) -> None:
        session = self.server.session
        self.send_response(200)
        self.send_header("Content-Type", "text/event-stream; charset=utf-8")
        self.send_header("Content-Security-Policy", _LOCKED)
        self._end(None)
        seen = None
        try:
            self.wfile.write(b"retry: 1000\n\n")
            while True:
                loaded = session.wait(seen, KEEPALIVE)
                if session.stopping:
                    return
                if loaded.version == seen:
                    self.wfile.write(b": ping\n\n")
                else:
                    data = state_json(session.state(loaded, asked))
                    self.wfile.write(f"id: {loaded.version}\nevent: state\ndata: {data}\n\n".encode("utf-8"))
                    seen = loaded.version
                self.wfile.flush()
        except OSError:  # the tab was closed
            return


def shell(session: Session, asked: str | None, nonce: str) -> str:
    """The preview page: the toolbar, the problems, the report; its state inlined, so that the
    first paint needs no second request."""
    loaded = session.current
    state = session.state(loaded, asked)
    texts = {key: _text(key) for key in _TEXTS}
    lang = "en" if current_lang() == "en" else "zh-CN"
    title = escape(state["title"] or session.data_file.name)
    style = asset("report.css") + asset("preview.css")
    return (
        f'<!DOCTYPE html>\n<html lang="{lang}">\n<head>\n<meta charset="utf-8">\n'
        '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
        f'<title>{title} — reportgen</title>\n<link rel="icon" href="data:,">\n'
        f'<style nonce="{nonce}">{style}</style>\n</head>\n<body class="preview">\n'
        '<header class="bar screen-only">\n'
        f'<span class="file">{escape(str(session.data_file.name))}</span>\n'
        f'<label>{escape(msg("preview.template"))} <select id="template"></select></label>\n'
        f'<button id="print" type="button">{escape(msg("preview.print"))}</button>\n'
        f'<span id="status" role="status">{escape(msg("preview.live"))}</span>\n'
        "</header>\n"
        '<section id="problems" class="problems screen-only" hidden><h2></h2><ol></ol><p class="kept"></p></section>\n'
        '<p id="notice" class="note screen-only" hidden></p>\n'
        '<details id="warnings" class="warnings screen-only" hidden><summary></summary><ol></ol></details>\n'
        '<div class="book"></div>\n<article class="galley" lang="zh-CN"></article>\n'
        f'<script type="application/json" id="state">{state_json(state)}</script>\n'
        f'<script type="application/json" id="texts">{state_json(texts)}</script>\n'
        f'<script nonce="{nonce}">{asset("paginate.js")}</script>\n'
        f'<script nonce="{nonce}">{asset("preview.js")}</script>\n'
        "</body>\n</html>\n"
    )


def _text(key: str) -> str:
    """A text with its placeholders kept for the page's script to fill: {n}, {time}."""
    return msg(f"preview.{key}", n="{n}", time="{time}")
