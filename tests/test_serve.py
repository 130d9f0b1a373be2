"""`migctl serve`: a real board on 127.0.0.1, read by an HTTP client and by headless Chromium."""

from __future__ import annotations

import json
import os
import re
import subprocess
import threading
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest
from sqlalchemy import text
from sqlalchemy.exc import DBAPIError

from migctl.web.server import BoardServer, is_loopback, make_server, read_only_engine
from tests.conftest import Cli, copy_store, module_demo, snapshot

CHROMIUM = "/usr/bin/chromium"
SECTIONS = ("header", "readiness", "systems", "cutover", "window", "mapping", "sso",
            "incidents", "load", "people", "identity", "register", "kpis")


@pytest.fixture(scope="module")
def demo_store(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """One demo store for the module (building it takes seconds); the board only reads it."""
    with module_demo(tmp_path_factory.mktemp("board")) as cli:
        yield cli.db_url


def _running(server: BoardServer) -> Iterator[str]:
    thread = threading.Thread(target=server.serve_forever, kwargs={"poll_interval": 0.1},
                              daemon=True)
    thread.start()
    host, port = server.server_address[:2]
    try:
        yield f"http://{host}:{port}"
    finally:
        server.shutdown()
        server.server_close()
        thread.join(timeout=5)


@pytest.fixture
def board(demo_store: str) -> Iterator[str]:
    yield from _running(make_server(db_url=demo_store, host="127.0.0.1", port=0, token=None))


@pytest.fixture
def guarded(demo_store: str) -> Iterator[str]:
    yield from _running(make_server(db_url=demo_store, host="127.0.0.1", port=0,
                                    token="s3cret"))


def test_the_page_shows_every_section_with_a_heading(board: str) -> None:
    page = httpx.get(board + "/")
    assert page.status_code == 200
    assert page.headers["content-type"].startswith("text/html")
    for key in SECTIONS:
        assert f'data-section="{key}"' in page.text, key
    for heading in ("Readiness", "Systems", "Cutover", "Incidents"):
        assert f">{heading}<" in page.text
    assert '<script src="/assets/board.js"></script>' in page.text
    assert "http://" not in page.text.split("<body", 1)[1].replace("http://www.w3.org", "")
    assert page.headers["cache-control"] == "no-store"
    assert "default-src 'none'" in page.headers["content-security-policy"]


def test_api_status_is_the_status_document_and_each_section_has_its_own(board: str,
                                                                       demo_store: str) -> None:
    status = httpx.get(board + "/api/status").json()
    assert set(status) >= {"programme", "as_of", "header", "readiness", "sections"}
    assert list(status["sections"]) == list(SECTIONS[2:])
    sso = httpx.get(board + "/api/sso")
    assert sso.headers["content-type"] == "application/json"
    assert sso.json() == status["sections"]["sso"]
    assert httpx.get(board + "/api/nothing").status_code == 404
    assert httpx.get(board + "/secret.txt").status_code == 404


def test_the_fragment_the_page_polls_holds_every_block(board: str) -> None:
    fragment = httpx.get(board + "/board/sections").text
    assert fragment.startswith('<section data-section="header"')
    assert [k for k in SECTIONS if f'data-section="{k}"' in fragment] == list(SECTIONS)


@pytest.mark.parametrize("method", ["POST", "PUT", "DELETE", "PATCH", "OPTIONS"])
def test_every_method_but_get_and_head_is_refused(board: str, method: str) -> None:
    response = httpx.request(method, board + "/api/status", content=b"{}")
    assert response.status_code == 405
    assert response.headers["allow"] == "GET, HEAD"


def test_head_answers_without_a_body(board: str) -> None:
    response = httpx.head(board + "/api/status")
    assert response.status_code == 200
    assert response.content == b""
    assert int(response.headers["content-length"]) > 100


def test_a_token_is_enforced_when_given(guarded: str) -> None:
    assert httpx.get(guarded + "/api/status").status_code == 401
    assert httpx.get(guarded + "/api/status").headers["www-authenticate"].startswith("Bearer")
    assert httpx.get(guarded + "/api/status?token=wrong").status_code == 403
    assert httpx.get(guarded + "/api/status",
                     headers={"Authorization": "Bearer wrong"}).status_code == 403
    assert httpx.get(guarded + "/api/status?token=s3cret").status_code == 200
    assert httpx.get(guarded + "/", headers={"Authorization": "Bearer s3cret"}).status_code == 200
    # the static script and style hold no store data: a ?token= page can load them
    assert httpx.get(guarded + "/assets/board.js").status_code == 200


def test_the_store_is_opened_read_only(demo_store: str) -> None:
    before = snapshot(demo_store)
    engine = read_only_engine(demo_store)
    with engine.connect() as connection:
        assert connection.execute(text("select count(*) from system")).scalar_one() > 0
        with pytest.raises(DBAPIError, match="readonly"):
            connection.execute(text("delete from system"))
    engine.dispose()
    assert snapshot(demo_store) == before


def test_serving_a_while_changes_nothing_in_the_store(board: str, demo_store: str) -> None:
    before = snapshot(demo_store)
    for path in ("/", "/api/status", "/board/sections", "/api/cutover"):
        assert httpx.get(board + path).status_code == 200
    assert snapshot(demo_store) == before


@pytest.mark.parametrize("host, loopback", [("127.0.0.1", True), ("::1", True),
                                            ("localhost", True), ("0.0.0.0", False),
                                            ("192.0.2.10", False), ("board.example", False)])
def test_loopback_is_recognised(host: str, loopback: bool) -> None:
    assert is_loopback(host) is loopback


def test_serving_beyond_loopback_without_a_token_is_refused(demo_store: str,
                                                            monkeypatch: pytest.MonkeyPatch
                                                            ) -> None:
    monkeypatch.delenv("MIGCTL_BOARD_TOKEN", raising=False)
    result = Cli(demo_store, monkeypatch)("serve", "--host", "0.0.0.0", "--port", "0", code=2)
    assert "--token is required with --host 0.0.0.0" in result.stderr


def _chromium_or_skip() -> None:
    if not Path(CHROMIUM).exists():
        if os.environ.get("CI"):
            pytest.fail("Chromium is missing in CI: the board must be checked in a browser")
        pytest.skip("Chromium is not installed")


def test_the_board_renders_in_headless_chromium_without_console_errors(
        guarded: str, tmp_path: Path) -> None:
    _chromium_or_skip()
    url = guarded + "/?token=s3cret"
    common = [CHROMIUM, "--headless", "--no-sandbox", "--disable-gpu", "--no-first-run",
              "--disable-background-networking", "--disable-component-update", "--disable-sync",
              "--enable-logging=stderr", "--v=0"]
    env = {**os.environ, "HOME": str(tmp_path)}
    dom = subprocess.run([*common, f"--user-data-dir={tmp_path / 'p1'}",
                          "--virtual-time-budget=3000", "--dump-dom", url],
                         capture_output=True, text=True, timeout=90, check=False, env=env)
    assert 'data-board-ready="true"' in dom.stdout, dom.stderr[-2000:]
    for key in SECTIONS:
        assert f'data-section="{key}"' in dom.stdout, key
    console = [line for line in dom.stderr.splitlines() if "CONSOLE" in line]
    assert console == [], console
    shot = tmp_path / "board.png"
    subprocess.run([*common, f"--user-data-dir={tmp_path / 'p2'}", f"--screenshot={shot}",
                    "--window-size=1400,1800", url],
                   capture_output=True, timeout=90, check=False, env=env)
    from PIL import Image, ImageStat

    with Image.open(shot) as image:
        assert float(ImageStat.Stat(image.convert("L")).var[0]) > 200.0  # a page, not blank


def test_the_page_script_is_valid_javascript_that_polls_every_30_seconds() -> None:
    from importlib import resources

    script = resources.files("migctl.web").joinpath("assets", "board.js").read_text()
    assert "INTERVAL_MS = 30000" in script
    assert "EventSource" not in script and "WebSocket" not in script
    assert json.dumps(script)  # text, shipped inside the package


@pytest.fixture(scope="module")
def running_store(demo_store: str, tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """A copy of the demo in a second rehearsal: one task running, one failed, some ready."""

    url = copy_store(demo_store, tmp_path_factory.mktemp("running") / "running.db")
    monkeypatch = pytest.MonkeyPatch()
    cli = Cli(url, monkeypatch)
    cli("cutover", "run", "start", "rehearsal-2", "--at", "2026-12-07 08:00")
    cli("task", "decide", "GATE-0", "go", "--by", "chair", "--override", "--reason", "known")
    for key in ("MS-010", "GEN-010"):
        cli("task", "start", key)
        cli("task", "done", key)
    cli("task", "start", "GEN-020")
    cli("task", "start", "SSO-010")
    cli("task", "fail", "SSO-010", "--reason", "IdP ei vastaa")
    monkeypatch.undo()
    yield url


@pytest.fixture
def running_board(running_store: str) -> Iterator[str]:
    yield from _running(make_server(db_url=running_store, host="127.0.0.1", port=0,
                                    token=None))


def test_the_board_shows_the_active_runs_tasks(running_board: str) -> None:
    page = httpx.get(running_board + "/").text
    block = page.split('data-section="tasks"', 1)[1].split("</section>", 1)[0]
    assert ">Tasks of rehearsal-2<" in block
    running = block.split('data-list="running"', 1)[1].split('data-list="ready"', 1)[0]
    assert "GEN-020" in running and "SSO-010" not in running
    ready = block.split('data-list="ready"', 1)[1].split('data-list="attention"', 1)[0]
    assert "SSO-010" in ready  # failed: it may be started again
    attention = block.split('data-list="attention"', 1)[1]
    assert "SSO-010" in attention and ">failed<" in attention and "Elina Koskinen" in attention
    tasks = httpx.get(running_board + "/api/tasks").json()
    assert tasks["run"] == "rehearsal-2"
    assert [t["key"] for t in tasks["running"]] == ["GEN-020"]
    assert [t["why"] for t in tasks["attention"] if t["key"] == "SSO-010"] == ["failed"]
    fragment = httpx.get(running_board + "/board/sections").text
    assert fragment.index('data-section="cutover"') < fragment.index('data-section="tasks"')


def test_the_board_without_a_run_says_so(board: str) -> None:
    block = httpx.get(board + "/").text.split('data-section="tasks"', 1)[1]
    assert "no run in progress" in block.split("</section>", 1)[0]


def test_the_running_board_renders_its_tasks_in_chromium(running_board: str,
                                                         tmp_path: Path) -> None:
    _chromium_or_skip()
    common = [CHROMIUM, "--headless", "--no-sandbox", "--disable-gpu", "--no-first-run",
              "--disable-background-networking", "--disable-component-update", "--disable-sync",
              "--enable-logging=stderr", "--v=0"]
    dom = subprocess.run([*common, f"--user-data-dir={tmp_path / 'p'}",
                          "--virtual-time-budget=65000", "--dump-dom", running_board + "/"],
                         capture_output=True, text=True, timeout=120, check=False,
                         env={**os.environ, "HOME": str(tmp_path)})
    assert 'data-board-ready="true"' in dom.stdout, dom.stderr[-2000:]
    assert 'data-stale="true"' not in dom.stdout
    refreshed = re.search(r'data-refreshed="(\d+)"', dom.stdout)
    assert refreshed is not None and int(refreshed.group(1)) >= 2  # polled every 30 s
    block = dom.stdout.split('data-section="tasks"', 1)[1].split("</section>", 1)[0]
    for expected in ('data-list="running"', 'data-list="ready"', 'data-list="attention"',
                     "GEN-020", "SSO-010"):
        assert expected in block, expected
    assert [line for line in dom.stderr.splitlines() if "CONSOLE" in line] == []
