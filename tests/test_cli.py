"""The command line as a process: entry point, help speed seam, error boundary."""

from __future__ import annotations

import os
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

from migctl.cli._lazy import load
from migctl.cli.main import COMMANDS
from tests.conftest import REPO, Cli

HEAVY = ("sqlmodel", "sqlalchemy", "alembic", "httpx", "rich", "openpyxl", "python_calamine",
         "pydantic")


def _script(name: str) -> str:
    return str(Path(sys.executable).with_name(name))


def test_installed_entry_point_runs(tmp_path: Path) -> None:
    env = {**os.environ, "MIGCTL_DB": str(tmp_path / "s.db")}
    help_run = subprocess.run([_script("migctl"), "--help"], capture_output=True, text=True,
                              env=env, check=False)
    assert help_run.returncode == 0
    assert "Commands:" in help_run.stdout and "status" in help_run.stdout
    missing = subprocess.run([_script("migctl"), "status"], capture_output=True, text=True,
                             env=env, check=False)
    assert missing.returncode == 2
    assert missing.stderr == f"error: no migctl store at {tmp_path / 's.db'}; run `migctl init` " \
                             "(or `migctl demo`) to create it\n"
    assert subprocess.run([_script("migctl"), "init"], env=env, capture_output=True,
                          check=False).returncode == 0
    version = subprocess.run([sys.executable, "-m", "migctl", "--version"], capture_output=True,
                             text=True, check=False)
    assert version.stdout.startswith("migctl ")


def test_help_imports_no_heavy_module() -> None:
    code = (
        "import sys, io, contextlib\n"
        "sys.argv = ['migctl', '--help']\n"
        "from migctl.cli.main import main\n"
        "out = io.StringIO()\n"
        "try:\n"
        "    with contextlib.redirect_stdout(out):\n"
        "        main()\n"
        "except SystemExit:\n"
        "    pass\n"
        f"print(sorted({{m.split('.')[0] for m in sys.modules}} & set({HEAVY!r})))\n"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                            check=True)
    assert result.stdout.strip() == "[]"


@pytest.mark.parametrize("name", list(COMMANDS))
def test_lazy_help_matches_the_command(name: str) -> None:
    import typer

    command = typer.main.get_command(load(COMMANDS[name].target))
    assert command.get_short_help_str(200) == COMMANDS[name].help


def test_usage_errors_exit_2(cli: Cli) -> None:
    result = cli("system", "list", "--format", "yaml", code=2)
    assert "Invalid value" in result.stderr or "invalid" in result.stderr.lower()
    cli("no-such-command", code=2)


def test_unexpected_errors_are_one_line_unless_debug(cli: Cli, monkeypatch: pytest.MonkeyPatch
                                                      ) -> None:
    from migctl.services.systems import write as systems

    def broken(*args: object, **kwargs: object) -> None:
        raise RuntimeError("simulated bug")

    monkeypatch.setattr(systems, "list_systems", broken)
    result = cli("system", "list", code=3)
    assert result.stderr == ("error: internal error: RuntimeError: simulated bug (run with --debug"
                             " to see the traceback, and please report it)\n")
    with pytest.raises(RuntimeError):
        cli("--debug", "system", "list", code=None)


@pytest.mark.slow
def test_wheel_ships_migrations_and_sample_data(tmp_path: Path) -> None:
    """A non-editable install must find its migrations: build the wheel and run from it."""
    subprocess.run([sys.executable, "-m", "pip", "wheel", "--no-deps", "-q", "-w",
                    str(tmp_path / "dist"), str(REPO)], check=True, capture_output=True)
    (wheel,) = (tmp_path / "dist").glob("migctl-*.whl")
    with zipfile.ZipFile(wheel) as archive:
        names = archive.namelist()
        archive.extractall(tmp_path / "site")
    assert any(n.startswith("migctl/migrations/versions/0001_") for n in names)
    assert "migctl/sample_data/systems.csv" in names
    workdir = tmp_path / "empty"
    workdir.mkdir()
    env = {**os.environ, "PYTHONPATH": str(tmp_path / "site")}
    env.pop("MIGCTL_DB", None)
    run = subprocess.run([sys.executable, "-m", "migctl", "init"], cwd=workdir, env=env,
                         capture_output=True, text=True, check=False)
    assert run.returncode == 0, run.stderr
    assert (workdir / "migctl.db").is_file()
    probe = subprocess.run(
        [sys.executable, "-c", "import migctl, sys; print(migctl.__file__)"], cwd=workdir,
        env=env, capture_output=True, text=True, check=True)
    assert probe.stdout.startswith(str(tmp_path / "site"))


def test_a_real_process_closes_the_store_before_it_ends(cli: Cli) -> None:
    """`main()` skips the collector's walk at exit (cli/_process.py) but still disposes the
    engines: a SQLite store is left without WAL files, as a clean close leaves it."""
    from migctl.config import sqlite_path
    from migctl.store.engine import dispose_all

    path = sqlite_path(cli.db_url)
    if path is None:
        pytest.skip("SQLite's WAL files")
    cli("system", "add", "raindance", "--name", "Raindance", "--role", "target")
    dispose_all()  # this process's own connection must not keep the WAL open
    assert sorted(p.name for p in path.parent.iterdir()) == [path.name]
    for args in (["status", "-f", "json"], ["system", "list"]):
        run = subprocess.run([sys.executable, "-m", "migctl", "--db", str(path), *args],
                             capture_output=True, text=True, check=False)
        assert run.returncode == 0, run.stderr
        assert sorted(p.name for p in path.parent.iterdir()) == [path.name], args
