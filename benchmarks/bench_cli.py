"""Start-up and status: `migctl --help` and `migctl status` on the demo store."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from benchmarks.harness import Case, migctl


def _demo(workdir: Path) -> None:
    store = workdir / "demo.db"
    if not store.exists():
        subprocess.run([migctl(), "--db", str(store), "demo"], check=True,
                       capture_output=True)


CASES = [
    Case("python -c pass", "startup", command=lambda w: [sys.executable, "-c", "pass"],
         repeat=10, note="reference: the interpreter alone"),
    Case("migctl --help", "startup", command=lambda w: [migctl(), "--help"], target_s=0.15,
         repeat=10),
    Case("migctl status (demo store)", "startup", setup=_demo,
         command=lambda w: [migctl(), "--db", str(w / "demo.db"), "status"], target_s=0.6,
         repeat=7),
    Case("migctl status --format json (demo store)", "startup", setup=_demo,
         command=lambda w: [migctl(), "--db", str(w / "demo.db"), "status", "-f", "json"],
         target_s=0.6, repeat=7),
]
