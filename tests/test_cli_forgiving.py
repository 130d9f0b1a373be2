"""A command line that forgives (issue 17): root options after the command, a mistyped
command named, `db export -o` written like every other output."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest
from typer.testing import CliRunner

from migctl.cli._lazy import hoist_root_options
from migctl.cli.main import app
from tests.conftest import Cli


def _run(*args: str | Path) -> tuple[int, str, str]:
    result = CliRunner().invoke(app, [str(a) for a in args], catch_exceptions=False)
    return result.exit_code, result.stdout, result.stderr


def test_a_mistyped_command_names_the_nearest(monkeypatch: pytest.MonkeyPatch) -> None:
    code, _, err = _run("stauts")
    assert code == 2
    assert "No such command 'stauts'. Did you mean 'status'" in err
    code, _, err = _run("mapping", "valdiate")
    assert code == 2 and "Did you mean 'validate'" in err


def test_root_options_are_accepted_after_the_command(bare_cli: Cli, tmp_path: Path,
                                                     monkeypatch: pytest.MonkeyPatch) -> None:
    store = tmp_path / "after.db"
    code, out, err = _run("init", "--db", store)
    assert (code, err) == (0, "") and store.exists() and str(store) in out
    code, out, _ = _run("db", "current", "--db", store, "-f", "json")
    assert code == 0 and json.loads(out)["store"] == str(store)
    # given before and after, the later one counts
    code, out, _ = _run("--db", tmp_path / "nowhere.db", "db", "current", f"--db={store}")
    assert code == 0 and str(store) in out
    code, out, _ = _run("status", "-f", "json", "--debug", "--db", store)
    assert code == 0 and json.loads(out)["programme"]


def test_lang_is_accepted_before_the_command(tmp_path: Path) -> None:
    store = tmp_path / "s.db"
    assert _run("init", "--db", store)[0] == 0
    code, out, _ = _run("--db", store, "--lang", "fi", "status", "-f", "markdown")
    assert code == 0 and "Ohjelman tilanne" in out
    code, _, err = _run("--db", store, "--lang", "fi", "init")  # a command without --lang
    assert code == 2 and "--lang" in err


@pytest.mark.parametrize(("argv", "expected"), [
    (["demo", "--db", "x"], ["--db", "x", "demo"]),
    (["--lang", "fi", "report", "-o", "r.html"], ["report", "-o", "r.html", "--lang", "fi"]),
    (["task", "add", "--", "--db"], ["task", "add", "--", "--db"]),
    (["--db=a", "x", "--debug", "y"], ["--db=a", "--debug", "x", "y"]),
    ([], []),
    (["--help"], ["--help"]),
])
def test_hoisting_keeps_everything_else_in_place(argv: list[str], expected: list[str]) -> None:
    assert hoist_root_options(argv) == expected


def test_db_export_writes_through_the_safe_writer(cli: Cli, tmp_path: Path) -> None:
    target = tmp_path / "kept.json"
    target.write_text("old")
    os.chmod(target, 0o640)
    link = tmp_path / "bundle.json"
    link.symlink_to(target)
    result = cli("db", "export", "-o", link, "-f", "json")
    assert json.loads(result.stdout)["file"] == str(link)
    assert link.is_symlink() and json.loads(target.read_text())["format"] == "migctl-bundle"
    assert target.stat().st_mode & 0o777 == 0o640
    # no file: the bundle goes to stdout, the summary to stderr
    result = cli("db", "export")
    assert json.loads(result.stdout)["format"] == "migctl-bundle"
    assert result.stderr.startswith("exported ") and "to stdout" in result.stderr
    assert "once" in cli("db", "export", tmp_path / "a.json", "-o", tmp_path / "b.json",
                         code=2).stderr
    cli("db", "export", tmp_path / "positional.json")  # as before
    assert (tmp_path / "positional.json").exists()
    assert "directory" in cli("db", "export", "-o", tmp_path, code=2).stderr
