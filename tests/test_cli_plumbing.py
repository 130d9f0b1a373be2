"""The command line's plumbing: option bundles, check formats, option errors worded by the
boundary as the running command's own option."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Annotated

import pytest
import typer

from migctl.checks import CheckCode, CheckReport, Finding, Severity
from migctl.cli._options import Bundle, CheckFormat, ReadOptions, expand_bundles
from migctl.errors import OptionError
from tests.conftest import Cli


def _refuse(field: str) -> Callable[..., None]:
    def service(*args: object, **kwargs: object) -> None:
        raise OptionError("no such set here", field=field, value="x")

    return service


def test_option_error_names_the_commands_own_option(cli: Cli,
                                                    monkeypatch: pytest.MonkeyPatch) -> None:
    from migctl.services.mapping import validate

    # the parameter `set_ref` is the option --set: the boundary finds it on the command
    monkeypatch.setattr(validate, "validate_set", _refuse("set_ref"))
    result = cli("mapping", "validate", "--set", "x", code=2)
    assert result.stderr == "error: --set 'x': no such set here\n"


def test_option_error_without_such_a_parameter_uses_typers_naming(
        cli: Cli, monkeypatch: pytest.MonkeyPatch) -> None:
    from migctl.services.mapping import validate

    monkeypatch.setattr(validate, "validate_set", _refuse("legacy_set_"))
    result = cli("mapping", "validate", code=2)
    assert result.stderr == "error: --legacy-set 'x': no such set here\n"


@pytest.mark.parametrize(("args", "message"), [
    (("task", "timeline", "--from", "nope"), "--from: 'nope' is not a date and time"),
    (("task", "gate-check", "GATE-1", "--max-age", "0"), "--max-age must be more than 0"),
    (("system", "add", "s", "--name", "S", "--go-live", "x"), "--go-live: 'x' is not a date"),
    (("incident", "add", "--severity", "huge"), "--severity: 'huge' is not a severity"),
])
def test_values_typed_on_the_command_line_are_refused_by_their_option(
        cli: Cli, args: tuple[str, ...], message: str) -> None:
    assert cli(*args, code=2).stderr.startswith(f"error: {message}")


@dataclass(frozen=True)
class _Pair(Bundle):
    left: Annotated[str, typer.Option("--left")] = "l"
    right: Annotated[int, typer.Option("--right")] = 0


def test_a_bundle_is_its_options_in_place_and_one_value_in_the_command() -> None:
    import inspect

    seen: list[object] = []

    def command(ctx: object, pair: _Pair = _Pair(), read: ReadOptions = ReadOptions(),
                last: bool = False) -> None:
        seen.extend([pair, read, last])

    expanded = expand_bundles(command)
    assert list(inspect.signature(expanded).parameters) == [
        "ctx", "left", "right", "sheet", "header_row", "delimiter", "encoding", "dry_run",
        "last"]
    expanded(ctx=None, left="a", right=2, sheet="S", header_row=3, delimiter=None,
             encoding=None, dry_run=False, last=True)
    assert seen == [_Pair("a", 2), ReadOptions("S", 3, None, None), True]
    assert ReadOptions("S", 3, None, None).kwargs() == {
        "sheet": "S", "header_row": 3, "delimiter": None, "encoding": None}

    def plain(ctx: object) -> None: ...

    assert expand_bundles(plain) is plain


@pytest.mark.parametrize("fmt", list(CheckFormat))
def test_every_check_format_is_written(fmt: CheckFormat, tmp_path: Path,
                                       capsys: pytest.CaptureFixture[str]) -> None:
    from migctl.cli._output import emit_check
    from migctl.render.findings import findings_table

    report = CheckReport("demo", [CheckCode("X001", "thing")])
    report.add(Finding("X001", Severity.WARNING, "looks odd", file="a.csv", row=2))
    out = tmp_path / "out.txt"
    emit_check(report, fmt, out, suite="migctl demo", table=lambda: findings_table(report))
    assert "X001" in out.read_text()
    with pytest.raises(typer.Exit):
        emit_check(report, fmt, None, suite="migctl demo", strict=True,
                   table=lambda: findings_table(report))
    assert "X001" in capsys.readouterr().out
