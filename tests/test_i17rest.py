"""The rest of issue 17 after its audit: GitHub annotations name chart, dimension and runbook
files by the path given at import; every shown time in the programme zone, labelled once per
table; the Finnish blocked-task sentence; progress bars for chart, dimension, recon and KPI
history imports; `db export | head` ending quietly; SSO findings in Finnish."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.conftest import Cli, write_csv

LABEL = "(Europe/Helsinki)"


# --- 1. annotations name the path as given -----------------------------------------------

def test_chart_and_dimension_findings_name_the_path_given_at_import(
        cli: Cli, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from tests.mapping_data import CLEAN_RULES, LEGACY_CHART, mapping_csv, setup_reference

    (tmp_path / "charts" / "fin").mkdir(parents=True)
    setup_reference(cli, tmp_path)
    # an account without a rule (M001) points at the legacy chart's row
    write_csv(tmp_path / "charts" / "fin" / "legacy.csv",
              LEGACY_CHART + "4030;Matkat;kulu;40;1\n")
    monkeypatch.chdir(tmp_path)
    cli("chart", "import", "charts/fin/legacy.csv", "--chart", "populus", "--role", "legacy")
    cli("mapping", "import", mapping_csv(tmp_path, CLEAN_RULES), "--set", "m")
    monkeypatch.chdir(tmp_path / "charts")  # validated elsewhere: the import's path counts
    lines = cli("mapping", "validate", "-f", "github", code=1).stdout.splitlines()
    m001 = [line for line in lines if "title=M001" in line]
    assert m001 and m001[0].startswith("::error file=charts/fin/legacy.csv,line=14,"), lines
    # JSON keeps the base name
    document = cli.json("mapping", "validate", code=1)
    assert {f["file"] for f in document["findings"] if f["code"] == "M001"} == {"legacy.csv"}


def test_lint_annotations_name_the_runbook_path_given_at_import(
        cli: Cli, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    (tmp_path / "plans").mkdir()
    write_csv(tmp_path / "plans" / "runbook.csv",
              "key;title;owner;kind;duration;depends_on\nS;Alku;;milestone;0m;\n")
    monkeypatch.chdir(tmp_path)
    cli("task", "import", "plans/runbook.csv")
    monkeypatch.chdir(tmp_path / "plans")
    lines = cli("task", "lint", "-f", "github", code=1).stdout.splitlines()
    assert "::error file=plans/runbook.csv,line=2,title=R001::milestone S has no owner" \
        in lines, lines


def test_a_store_from_before_0015_annotates_by_base_name(cli: Cli, tmp_path: Path) -> None:
    from sqlalchemy import text

    from migctl.store.engine import make_engine

    write_csv(tmp_path / "runbook.csv",
              "key;title;owner;kind;duration;depends_on\nS;Alku;;milestone;0m;\n")
    cli("task", "import", tmp_path / "runbook.csv")
    with make_engine(cli.db_url).begin() as connection:
        connection.execute(text("UPDATE task SET source_path = NULL"))
    lines = cli("task", "lint", "-f", "github", code=1).stdout.splitlines()
    assert lines[0].startswith("::error file=runbook.csv,line=2,title=R001::"), lines


# --- 5. a closed pipe ends quietly --------------------------------------------------------

def _export_into_a_closed_pipe(cli: Cli, tmp_path: Path) -> tuple[int, str]:
    """`migctl db export` whose reader read 10 bytes and went away (``| head -c 10``)."""
    import os
    import subprocess
    import sys

    db = Path(cli.db_url.removeprefix("sqlite:///"))
    if not db.is_file():
        pytest.skip("needs a SQLite store")
    rows = "".join(f"{4000 + n};Tili {n} {'x' * 100};kulu;;1\n" for n in range(2000))
    cli("chart", "import", write_csv(tmp_path / "big.csv", "code;name;type;parent;active\n"
                                     + rows), "--chart", "iso", "--role", "legacy")
    env = {k: v for k, v in os.environ.items() if k not in ("MIGCTL_DB", "MIGCTL_DEBUG")}
    process = subprocess.Popen([sys.executable, "-m", "migctl", "--db", str(db), "db",
                                "export"], cwd=tmp_path, stdout=subprocess.PIPE,
                               stderr=subprocess.PIPE, stdin=subprocess.DEVNULL, env=env)
    assert process.stdout is not None and process.stderr is not None
    assert len(process.stdout.read(10)) == 10
    process.stdout.close()
    stderr = process.stderr.read().decode("utf-8", "replace")
    return process.wait(timeout=120), stderr


def test_db_export_into_a_closed_pipe_ends_quietly(cli: Cli, tmp_path: Path) -> None:
    code, stderr = _export_into_a_closed_pipe(cli, tmp_path)
    assert stderr == ""
    assert code == 141  # 128 + SIGPIPE, as `git log | head` ends


# --- 3. the Finnish blocked-task sentence -------------------------------------------------

def test_the_finnish_blocked_sentence_names_the_owner_and_since(cli: Cli, tmp_path: Path
                                                                ) -> None:
    cli("task", "import", write_csv(tmp_path / "runbook.csv",
                                    "key;title;owner;kind;duration;depends_on;planned_start\n"
                                    "PAY-010;Lock payroll;Timo;task;30m;;31.12.2026 16:00\n"))
    cli("cutover", "run", "start", "rehearsal-2", "--at", "31.12.2026 15:00")
    cli("task", "start", "PAY-010", "--at", "31.12.2026 16:00")
    cli("task", "block", "PAY-010", "--at", "31.12.2026 16:10", "--reason", "payroll run late")
    for fmt in ("table", "markdown"):
        fi = cli("status", "-f", fmt, "--lang", "fi", "--as-of", "31.12.2026 16:45").stdout
        assert ("PAY-010 on estynyt (vastuuhenkilö Timo, 2026-12-31 16:10 alkaen): payroll "
                "run late") in " ".join(fi.split()), fi
