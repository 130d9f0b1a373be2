"""`migctl serve`: a read-only board of the store over HTTP, from the standard library.

Read-only by construction, not by convention: the store is opened read-only (SQLite
``mode=ro``, PostgreSQL ``default_transaction_read_only``), only GET and HEAD exist (anything
else is 405), and the server binds to loopback unless told otherwise — then a token is required
(:func:`check_exposure`). A token, when given, is enforced on every host: ``Authorization:
Bearer T`` or a ``?token=T`` link (401 without one, 403 with a wrong one).

Why the standard library: the board serves one HTML page, two static files and JSON documents
to a handful of screens polling every 30 s; ``http.server`` starts in milliseconds with nothing
to install (benchmarks/RESULTS.md, "Board"), where an ASGI stack would add a server, a framework
and their start-up. Everything it serves ships inside the package; no CDN, no build step.
"""

from __future__ import annotations

import hmac
import ipaddress
import sqlite3
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from http import HTTPStatus
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from importlib import resources
from typing import TYPE_CHECKING, Any
from urllib.parse import parse_qs, quote, urlsplit

from migctl.config import sqlite_path
from migctl.errors import OptionError

if TYPE_CHECKING:
    from sqlalchemy import Engine

    from migctl.services.status.documents import StatusDocument
    from migctl.services.status.steering import SteeringCutover

#: How long one built status document serves every screen (seconds).
CACHE_SECONDS = 5.0
ASSETS = {"/assets/board.js": "text/javascript; charset=utf-8",
          "/assets/board.css": "text/css; charset=utf-8"}
SECURITY_HEADERS = {
    "Content-Security-Policy": "default-src 'none'; script-src 'self'; connect-src 'self'; "
                               "style-src 'self' 'unsafe-inline'; img-src 'self' data:; "
                               "base-uri 'none'; form-action 'none'; frame-ancestors 'none'",
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "no-referrer",  # a ?token= link must not leak through Referer
    "Cache-Control": "no-store",
}


def is_loopback(host: str) -> bool:
    if host.strip().lower() in ("localhost", "localhost."):
        return True
    try:
        return ipaddress.ip_address(host.strip("[]")).is_loopback
    except ValueError:
        return False


def check_exposure(host: str, token: str | None) -> None:
    """A board reachable from other machines must ask for a token."""
    if not is_loopback(host) and not token:
        raise OptionError(f"{{option}} is required with --host {host}: a board reachable from "
                          "other machines must ask for a token", field="token")


def read_only_engine(url: str) -> Engine:
    """An engine that cannot write, whatever the code above it does."""
    from sqlalchemy import create_engine

    path = sqlite_path(url)
    if path is not None:
        uri = f"file:{quote(str(path.resolve()))}?mode=ro"

        def connect() -> sqlite3.Connection:
            return sqlite3.connect(uri, uri=True, check_same_thread=False)

        return create_engine("sqlite://", creator=connect)
    if url.startswith("sqlite"):
        return create_engine(url)  # in-memory: nothing to protect
    return create_engine(url, pool_pre_ping=True,
                         connect_args={"options": "-c default_transaction_read_only=on"})


@dataclass
class Board:
    """What the board shows: built from the store on demand, cached for a few seconds."""

    engine: Engine
    lang: str = "en"
    now: Callable[[], Any] | None = None  # tests pin the clock
    _lock: threading.Lock = field(default_factory=threading.Lock)
    _cached: tuple[float, StatusDocument, SteeringCutover] | None = None

    def _documents(self) -> tuple[StatusDocument, SteeringCutover]:
        """The status document and the active run's tasks, built together (one read)."""
        from datetime import UTC, datetime

        from migctl.services.status.sections import build_status
        from migctl.services.status.steering import run_tasks

        with self._lock:
            if self._cached and time.monotonic() - self._cached[0] < CACHE_SECONDS:
                return self._cached[1], self._cached[2]
            now = self.now() if self.now else datetime.now(UTC)
            with self.engine.connect() as connection:
                document = build_status(connection, now=now)
                tasks = run_tasks(connection, now=now)
            self._cached = (time.monotonic(), document, tasks)
            return document, tasks

    def status(self) -> StatusDocument:
        return self._documents()[0]

    def tasks(self) -> SteeringCutover:
        """The active run's tasks: critical path, can start now, running, late/failed/blocked."""
        return self._documents()[1]

    def page(self) -> str:
        from migctl.render.board import board_page

        document, tasks = self._documents()
        return board_page(document, lang=self.lang, tasks=tasks)

    def sections(self) -> str:
        from migctl.render.board import board_sections

        document, tasks = self._documents()
        return board_sections(document, lang=self.lang, tasks=tasks)


class BoardServer(ThreadingHTTPServer):
    daemon_threads = True

    def __init__(self, address: tuple[str, int], board: Board, token: str | None) -> None:
        super().__init__(address, BoardHandler)
        self.board = board
        self.token = token


class BoardHandler(BaseHTTPRequestHandler):
    server: BoardServer
    server_version = "migctl-board"
    sys_version = ""

    def do_GET(self) -> None:
        self._respond(head=False)

    def do_HEAD(self) -> None:
        self._respond(head=True)

    def _refuse_method(self) -> None:
        self._send(HTTPStatus.METHOD_NOT_ALLOWED, b"read-only board: GET and HEAD only\n",
                   "text/plain; charset=utf-8", extra={"Allow": "GET, HEAD"})

    do_POST = do_PUT = do_DELETE = do_PATCH = do_OPTIONS = do_TRACE = do_CONNECT = _refuse_method

    def log_message(self, format: str, *args: Any) -> None:
        """Quiet: the board runs for days on a wall screen."""

    def _authorised(self, query: dict[str, list[str]]) -> bool:
        expected = self.server.token
        if not expected:
            return True
        given = None
        header = self.headers.get("Authorization", "")
        if header.lower().startswith("bearer "):
            given = header[7:].strip()
        elif query.get("token"):
            given = query["token"][0]
        if given is None:
            self._send(HTTPStatus.UNAUTHORIZED, b"a token is required\n",
                       "text/plain; charset=utf-8",
                       extra={"WWW-Authenticate": 'Bearer realm="migctl"'})
            return False
        if not hmac.compare_digest(given.encode(), expected.encode()):
            self._send(HTTPStatus.FORBIDDEN, b"wrong token\n", "text/plain; charset=utf-8")
            return False
        return True

    def _respond(self, *, head: bool) -> None:
        parts = urlsplit(self.path)
        # The two static files hold no store data: a page opened with ?token= can load them.
        if parts.path not in ASSETS and not self._authorised(parse_qs(parts.query)):
            return
        try:
            found = self._route(parts.path)
        except Exception as exc:  # one bad read must not take the wall screen down
            message = f"the board could not read the store: {type(exc).__name__}: {exc}\n"
            self._send(HTTPStatus.SERVICE_UNAVAILABLE, message.encode(),
                       "text/plain; charset=utf-8", head=head)
            return
        if found is None:
            self._send(HTTPStatus.NOT_FOUND, b"not found\n", "text/plain; charset=utf-8",
                       head=head)
            return
        body, content_type = found
        self._send(HTTPStatus.OK, body, content_type, head=head)

    def _route(self, path: str) -> tuple[bytes, str] | None:
        board = self.server.board
        if path in ("/", "/index.html"):
            return board.page().encode(), "text/html; charset=utf-8"
        if path == "/board/sections":
            return board.sections().encode(), "text/html; charset=utf-8"
        if path in ASSETS:
            asset = resources.files("migctl.web").joinpath("assets", path.rsplit("/", 1)[1])
            return asset.read_bytes(), ASSETS[path]
        if path.startswith("/api/"):
            from migctl.render.jsondoc import dumps

            name = path.removeprefix("/api/").strip("/")
            document = board.status()
            if name == "status":
                return dumps(document).encode(), "application/json"
            if name == "tasks":
                return dumps(board.tasks()).encode(), "application/json"
            section = document["sections"].get(name)
            if section is None:
                return None
            return dumps(section).encode(), "application/json"
        return None

    def _send(self, status: HTTPStatus, body: bytes, content_type: str, *, head: bool = False,
              extra: dict[str, str] | None = None) -> None:
        self.send_response(status)
        self.send_header("Content-Type", content_type)
        self.send_header("Content-Length", str(len(body)))
        for name, value in {**SECURITY_HEADERS, **(extra or {})}.items():
            self.send_header(name, value)
        self.end_headers()
        if not head:
            self.wfile.write(body)


def make_server(*, db_url: str, host: str, port: int, token: str | None,
                lang: str = "en") -> BoardServer:
    """A bound server (port 0 picks a free one: read ``server_address``)."""
    check_exposure(host, token)
    board = Board(engine=read_only_engine(db_url), lang=lang)
    return BoardServer((host, port), board, token)
