"""`migctl status` and `migctl report` on a big store (see gen_report.py for what it holds)."""

from __future__ import annotations

from pathlib import Path

from benchmarks import stores
from benchmarks.harness import Case, migctl


def _store(workdir: Path) -> None:
    """Build the store once per schema (and per version of the generator: "/2")."""
    from benchmarks.gen_report import build
    from migctl.store.migrate import HEAD

    stores.build(workdir, "big", lambda db: build(db, workdir), stamp=f"{HEAD}/2")


def _db(workdir: Path) -> list[str]:
    return [migctl(), "--db", stores.store(workdir, "big")]


NOTE = "demo + 10,000 tasks + 200,000 rules + 500 SSO results + 1,000 incidents + a year of KPIs"

CASES = [
    Case("migctl status (big store)", "report", setup=_store,
         command=lambda w: [*_db(w), "status"], target_s=1.5, note=NOTE),
    Case("migctl status -f json (big store)", "report", setup=_store,
         command=lambda w: [*_db(w), "status", "-f", "json"], target_s=1.5, note=NOTE),
    Case("migctl status -f html (big store)", "report", setup=_store,
         command=lambda w: [*_db(w), "status", "-f", "html", "-o", str(w / "status.html")],
         target_s=1.5, note=NOTE),
    Case("migctl report → HTML (big store)", "report", setup=_store,
         command=lambda w: [*_db(w), "report", "-o", str(w / "report.html")], target_s=3.0,
         note=NOTE, peak_memory=True),
    Case("migctl report --lang fi -f markdown (big store)", "report", setup=_store,
         command=lambda w: [*_db(w), "report", "--lang", "fi", "-f", "markdown",
                            "-o", str(w / "report.md")], target_s=3.0, note=NOTE),
]
