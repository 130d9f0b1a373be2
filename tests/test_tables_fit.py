"""Listings fit the width they are drawn at: optional columns go first, rightmost first."""

from __future__ import annotations

import io

from rich.console import Console

from migctl.render.tables import Col, build_table

ROWS = [{"key": "talousraportointi", "name": "Power BI -talousraportointi", "domain": "reporting",
         "owner": "Mikko Salonen", "envs": "admin, education", "status": "planned"}]
COLUMNS = [Col("key", "Key"), Col("name", "Name", wrap=True, min_width=16),
           Col("domain", "Domain", optional=True), Col("status", "Status"),
           Col("envs", "Envs", optional=True), Col("owner", "Owner", optional=True)]


def _draw(width: int) -> list[str]:
    console = Console(width=width, file=io.StringIO(), color_system=None)
    console.print(build_table(ROWS, COLUMNS))
    return console.file.getvalue().splitlines()  # type: ignore[attr-defined]


def _header(width: int) -> list[str]:
    return next(line for line in _draw(width) if line.lstrip().startswith("Key")).split()


def test_every_column_shows_when_there_is_room() -> None:
    assert _header(160) == ["Key", "Name", "Domain", "Status", "Envs", "Owner"]


def test_optional_columns_go_rightmost_first_and_the_rest_stay_whole() -> None:
    assert _header(90) == ["Key", "Name", "Domain", "Status", "Envs"]
    assert _header(75) == ["Key", "Name", "Domain", "Status"]
    assert _header(60) == ["Key", "Name", "Status"]
    assert "talousraportointi" in "\n".join(_draw(60))  # the key is not cut to "talous…"
    assert all(len(line) <= 60 for line in _draw(60))


def test_a_table_narrower_than_its_required_columns_still_draws() -> None:
    lines = _draw(30)
    assert lines and all(len(line) <= 30 for line in lines)
