"""Output files keep what the user owns: modes, links, FIFOs, devices; nothing half-written."""

from __future__ import annotations

import os
import stat
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest

from migctl.errors import InputError
from migctl.outfiles import atomic_output, write_bytes, write_text
from tests.conftest import Cli


def _leftovers(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir() if p.name.endswith(".tmp"))


def test_new_file_gets_the_umask_default_mode(tmp_path: Path) -> None:
    old = os.umask(0o022)
    try:
        write_text(tmp_path / "out.csv", "a;b\n")
    finally:
        os.umask(old)
    assert (tmp_path / "out.csv").read_text() == "a;b\n"
    assert stat.S_IMODE((tmp_path / "out.csv").stat().st_mode) == 0o644


def test_existing_mode_is_kept(tmp_path: Path) -> None:
    target = tmp_path / "secret.json"
    target.write_text("old")
    target.chmod(0o600)
    write_text(target, "new")
    assert target.read_text() == "new"
    assert stat.S_IMODE(target.stat().st_mode) == 0o600


def test_a_symlink_is_written_through_and_stays_a_link(tmp_path: Path) -> None:
    real = tmp_path / "real" / "report.html"
    real.parent.mkdir()
    real.write_text("old")
    link = tmp_path / "latest.html"
    link.symlink_to(real)
    write_text(link, "<p>new</p>")
    assert link.is_symlink()
    assert real.read_text() == "<p>new</p>"
    assert _leftovers(tmp_path) == [] and _leftovers(real.parent) == []


def test_a_fifo_is_written_directly(tmp_path: Path) -> None:
    fifo = tmp_path / "pipe"
    os.mkfifo(fifo)
    received: list[bytes] = []
    reader = threading.Thread(target=lambda: received.append(fifo.read_bytes()))
    reader.start()
    write_text(fifo, "through the pipe\n")
    reader.join(timeout=10)
    assert received == [b"through the pipe\n"]
    assert stat.S_ISFIFO(fifo.stat().st_mode)


def test_a_device_is_written_not_replaced() -> None:
    devnull = Path(os.devnull)
    before = devnull.stat()
    write_bytes(devnull, b"discarded")
    after = devnull.stat()
    assert stat.S_ISCHR(after.st_mode)
    assert (after.st_ino, after.st_mode) == (before.st_ino, before.st_mode)


def test_a_directory_is_refused(tmp_path: Path) -> None:
    with pytest.raises(InputError, match="is a directory"):
        write_text(tmp_path, "x")


def test_a_missing_folder_is_refused_and_not_created(tmp_path: Path) -> None:
    with pytest.raises(InputError, match="does not exist"):
        write_text(tmp_path / "nope" / "out.csv", "x")
    assert not (tmp_path / "nope").exists()


def test_failure_midway_leaves_the_old_file_and_no_temporary(tmp_path: Path) -> None:
    target = tmp_path / "out.csv"
    target.write_text("old")
    with pytest.raises(RuntimeError), atomic_output(target) as handle:
        handle.write("half")
        raise RuntimeError("bad line 800000")
    assert target.read_text() == "old"
    assert _leftovers(tmp_path) == []


def test_a_planted_symlink_at_a_guessable_name_is_never_followed(tmp_path: Path) -> None:
    victim = tmp_path / "victim"
    victim.write_text("precious")
    for guess in (f".out.csv.tmp-{os.getpid()}", ".out.csv.tmp", "out.csv.tmp"):
        (tmp_path / guess).symlink_to(victim)
    write_text(tmp_path / "out.csv", "report")
    assert victim.read_text() == "precious"
    assert (tmp_path / "out.csv").read_text() == "report"


def test_sigterm_while_writing_removes_the_temporary(tmp_path: Path) -> None:
    script = (
        "import sys, time\n"
        "from migctl.outfiles import atomic_output\n"
        "with atomic_output(sys.argv[1]) as h:\n"
        "    h.write('partial'); h.flush(); print('ready', flush=True); time.sleep(30)\n"
    )
    target = tmp_path / "out.csv"
    process = subprocess.Popen([sys.executable, "-c", script, str(target)],
                               stdout=subprocess.PIPE, text=True)
    assert process.stdout is not None
    assert process.stdout.readline().strip() == "ready"
    assert len(_leftovers(tmp_path)) == 1
    process.terminate()
    process.wait(timeout=10)
    time.sleep(0.05)
    assert process.returncode != 0
    assert _leftovers(tmp_path) == []
    assert not target.exists()


# --- through the command line: every -o / --output goes through the same writer -------------

def test_cli_output_keeps_mode_links_and_devices(cli: Cli, tmp_path: Path) -> None:
    private = tmp_path / "status.json"
    private.write_text("old")
    private.chmod(0o600)
    cli("status", "-f", "json", "-o", private)
    assert stat.S_IMODE(private.stat().st_mode) == 0o600
    assert private.read_text().startswith("{")
    target = tmp_path / "reports" / "status.md"
    target.parent.mkdir()
    target.write_text("old")
    link = tmp_path / "latest.md"
    link.symlink_to(target)
    cli("status", "-f", "markdown", "-o", link)
    assert link.is_symlink() and target.read_text().startswith("# ")
    cli("status", "-f", "json", "-o", os.devnull)
    assert stat.S_ISCHR(Path(os.devnull).stat().st_mode)


def test_cli_output_to_a_directory_or_a_missing_folder_is_refused(cli: Cli,
                                                                 tmp_path: Path) -> None:
    result = cli("status", "-f", "json", "-o", tmp_path, code=2)
    assert "is a directory" in result.stderr
    result = cli("status", "-f", "json", "-o", tmp_path / "missing" / "s.json", code=2)
    assert "does not exist" in result.stderr
    assert not (tmp_path / "missing").exists()
