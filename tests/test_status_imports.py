"""`migctl status` reads through SQLAlchemy Core: it never imports SQLModel or the ORM.

That is what makes it start fast (the ORM layer alone costs about half a second to import;
`benchmarks/bench_cli.py` has the figures). A child process runs the real command on a demo
store and reports, at exit, which of the heavy modules it loaded.
"""

from __future__ import annotations

import json
import subprocess
import sys
from datetime import UTC, datetime
from typing import Any

import pytest

from tests.conftest import Cli

#: What a Core-only read must not load: SQLModel (with pydantic models), the ORM, the models,
#: and the audit log (which imports the models).
ORM_MODULES = ("sqlmodel", "sqlalchemy.orm", "migctl.store.models", "migctl.services.audit")

CHILD = """
import atexit, json, runpy, sys

def report():
    loaded = [m for m in {modules!r} if m in sys.modules]
    sys.stderr.write("LOADED " + json.dumps(loaded) + "\\n")

atexit.register(report)
sys.argv = ["migctl", *{argv!r}]
runpy.run_module("migctl", run_name="__main__", alter_sys=True)
"""


def _run_child(*argv: str, modules: tuple[str, ...] = ORM_MODULES
               ) -> tuple[subprocess.CompletedProcess[str], list[str]]:
    code = CHILD.format(modules=modules, argv=list(argv))
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                            check=False, timeout=120)
    marker = [line for line in result.stderr.splitlines() if line.startswith("LOADED ")]
    assert marker, result.stderr
    return result, json.loads(marker[-1].removeprefix("LOADED "))


@pytest.fixture
def demo_cli(bare_cli: Cli) -> Cli:
    bare_cli("demo", "-f", "json")
    return bare_cli


def test_the_child_sees_an_orm_command_load_the_orm(demo_cli: Cli) -> None:
    """The probe itself works: a command that needs the ORM shows it."""
    result, loaded = _run_child("--db", demo_cli.db_url, "system", "show", "raindance", "-f",
                                "json")
    assert result.returncode == 0, result.stderr
    assert "sqlmodel" in loaded and "migctl.store.models" in loaded


@pytest.mark.parametrize("fmt", ["json", "table"])
def test_status_loads_no_orm_module(demo_cli: Cli, fmt: str) -> None:
    result, loaded = _run_child("--db", demo_cli.db_url, "status", "-f", fmt)
    assert result.returncode == 0, result.stderr
    assert loaded == []
    if fmt == "json":
        document = json.loads(result.stdout)
        assert list(document["sections"]) == ["systems", "cutover", "window", "mapping",
                                              "sso", "incidents", "load", "people",
                                              "identity", "register", "kpis"]
        assert document["sections"]["cutover"]["gates"], "the demo's gates were evaluated"
    else:
        assert result.stdout.startswith("Kuusiniemen kaupunki")


def test_status_as_of_loads_no_orm_module(demo_cli: Cli) -> None:
    result, loaded = _run_child("--db", demo_cli.db_url, "status", "--as-of", "2026-11-20 10:00",
                                "-f", "json")
    assert result.returncode == 0, result.stderr
    assert loaded == []
    assert json.loads(result.stdout)["today"] == "2026-11-20"


@pytest.mark.parametrize("fmt", ["html", "markdown"])
def test_report_loads_no_orm_module(demo_cli: Cli, fmt: str, tmp_path: Any) -> None:
    out = tmp_path / f"report.{fmt}"
    result, loaded = _run_child("--db", demo_cli.db_url, "report", "-f", fmt, "-o", str(out),
                                "--as-of", "2026-11-20 10:00")
    assert result.returncode == 0, result.stderr
    assert loaded == []
    assert "Kuusiniemen kaupunki" in out.read_text(encoding="utf-8")


def test_a_session_and_a_plain_connection_build_the_same_status(demo_cli: Cli) -> None:
    """The demo and `kpi snapshot` pass a Session; `status` and `report` pass a Connection."""
    from migctl.jsoncodec import to_jsonable
    from migctl.services.status.sections import build_status
    from migctl.store.engine import make_engine, session_scope

    engine = make_engine(demo_cli.db_url)
    now = datetime(2026, 11, 20, 8, 0, tzinfo=UTC)
    with session_scope(engine) as session:
        from_session: Any = to_jsonable(build_status(session, now=now))
    with engine.connect() as connection:
        from_connection: Any = to_jsonable(build_status(connection, now=now))
    assert from_connection == from_session
    assert from_session["sections"]["kpis"]["kpis"], "a full document, KPIs included"


def test_translate_builds_only_the_mapping_models(demo_cli: Cli, tmp_path: Any) -> None:
    """Importing one area's models registers that area (and its foreign keys' areas) only:
    a translate run does not pay pydantic's class building for the other areas."""
    from tests.conftest import REPO

    areas = ("core", "mapping", "recon", "gates", "hypercare", "identity", "register",
             "runbook", "sso")
    result, loaded = _run_child(
        "--db", demo_cli.db_url, "mapping", "translate",
        str(REPO / "sample_data" / "trial_balance_2025.csv"), "--set", "tilimappaus",
        "-o", str(tmp_path / "out.csv"), "-f", "json",
        modules=tuple(f"migctl.store.models.{area}" for area in areas))
    assert result.returncode in (0, 1), result.stderr
    assert json.loads(result.stdout)["lines"] > 0
    assert loaded == ["migctl.store.models.core", "migctl.store.models.mapping"]
