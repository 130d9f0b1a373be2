"""Start-up and status: `migctl --help` and `migctl status` on the demo store."""

from __future__ import annotations

import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

from benchmarks import stores
from benchmarks.harness import Case, migctl


def _demo(workdir: Path) -> None:
    from migctl.store.migrate import HEAD

    stores.build(workdir, "demo", lambda db: subprocess.run(
        [migctl(), "--db", db, "demo"], check=True, capture_output=True), stamp=HEAD)


def _on_demo(*args: str) -> Callable[[Path], list[str]]:
    return lambda w: [migctl(), "--db", stores.store(w, "demo"), *args]


CASES = [
    Case("python -c pass", "startup", command=lambda w: [sys.executable, "-c", "pass"],
         repeat=10, note="reference: the interpreter alone", engine_free=True),
    Case("python -c 'import sqlmodel'", "startup",
         command=lambda w: [sys.executable, "-c", "import sqlmodel"], repeat=7,
         note="reference: the ORM every store command needs (SQLAlchemy + pydantic)",
         engine_free=True),
    Case("migctl --help", "startup", command=lambda w: [migctl(), "--help"], target_s=0.15,
         repeat=10, engine_free=True),
    Case("migctl status (demo store)", "startup", setup=_demo, command=_on_demo("status"),
         target_s=0.6, repeat=7),
    Case("migctl status --format json (demo store)", "startup", setup=_demo,
         command=_on_demo("status", "-f", "json"), target_s=0.6, repeat=7),
]
