"""SSO check output for people: the systems × environments matrix and short ages."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime, tzinfo
from typing import TYPE_CHECKING, Any

from migctl.services.sso.drift import short_ident

if TYPE_CHECKING:
    from rich.console import RenderableType
    from rich.table import Table

    from migctl.render.tables import Col
    from migctl.services.sso.cert_calendar import CertRow
    from migctl.services.sso.documents import MatrixCell, MatrixDocument
    from migctl.services.sso.sightings import KeyDiff, KeyHistory, KeySeen

STATUS_STYLE = {"pass": "green", "warn": "yellow", "fail": "red", "never": "dim"}


def age_text(minutes: int | None) -> str:
    """``just now``, ``12 min``, ``5 h``, ``3 d``."""
    if minutes is None:
        return ""
    if minutes < 1:
        return "just now"
    if minutes < 60:
        return f"{minutes} min"
    if minutes < 2 * 1440:
        return f"{minutes // 60} h"
    return f"{minutes // 1440} d"


def cell_text(cell: MatrixCell | None) -> str:
    """Markup for one matrix cell: status (with how many, when mixed) and age."""
    if cell is None:
        return "[dim]–[/]"
    status = cell["status"]
    text = status if status != "never" else "never run"
    count = _count(cell, status)
    if cell["checks"] > 1 and count != cell["checks"]:
        text += f" {count}/{cell['checks']}"
    age = age_text(cell["age_minutes"])
    if age and status != "never":
        text += f" · {age}"
    return f"[{STATUS_STYLE[status]}]{text}[/]"


def _count(cell: MatrixCell, status: str) -> int:
    """How many of the cell's checks have ``status`` (pass, warn, fail or never)."""
    counts = {"pass": cell["pass"], "warn": cell["warn"], "fail": cell["fail"],
              "never": cell["never"]}
    return counts[status]


def matrix_table(matrix: MatrixDocument, *, title: str | None = None) -> Table:
    """``matrix`` as published: ``environments`` and the flat list of cells in ``matrix``."""
    from rich import box
    from rich.table import Table

    table = Table(title=title, title_justify="left", box=box.SIMPLE_HEAD, pad_edge=False)
    table.add_column("System", style="bold", no_wrap=True)
    environments = matrix["environments"]
    for env in environments:
        table.add_column(env, no_wrap=True)
    cells: dict[str, dict[str, MatrixCell]] = {}
    for cell in matrix["matrix"]:
        cells.setdefault(cell["system"], {})[cell["env"]] = cell
    for system, row in cells.items():
        table.add_row(system, *[cell_text(row.get(env)) for env in environments])
    return table


# --- keys and certificates (issue 22) -------------------------------------------------------

SEVERITY_STYLE = {"error": "red", "warning": "yellow"}


def _day(value: datetime | None, tz: tzinfo) -> str:
    from migctl.values import format_local

    return format_local(value, tz)[:10] if value is not None else "–"


def certificate_listing(rows: Sequence[CertRow], tz: tzinfo
                        ) -> tuple[list[dict[str, Any]], list[Col]]:
    """`sso certs`: one line per certificate, the calendar's verdict coloured."""
    from migctl.render.tables import Col

    shown = []
    for row in rows:
        severity = row["severity"]
        verdict = row["collides_with"] or ""
        style = SEVERITY_STYLE.get(severity or "")
        shown.append(dict(row) | {
            "expires": _day(row["not_after"], tz),
            "days": "" if row["days_left"] is None else str(row["days_left"]),
            "verdict": f"[{style}]{verdict}[/]" if style and verdict else verdict,
            "fingerprint": short_ident(row["sha256"]),
            "where": ", ".join(f"{s['check']} {s['env']} {s['document']}"
                               for s in row["seen"][:3])
                     + (f" +{len(row['seen']) - 3}" if len(row["seen"]) > 3 else "")})
    return shown, [
        Col("expires", "Expires"), Col("days", "Days", justify="right"),
        Col("verdict", "Collides with", markup=True), Col("subject", "Subject", wrap=True),
        Col("fingerprint", "SHA-256"), Col("where", "Seen by (check env document)", wrap=True,
                                            optional=True)]


def _keys_table(keys: Sequence[KeySeen], tz: tzinfo) -> Table:
    from rich import box
    from rich.table import Table

    table = Table(box=box.SIMPLE_HEAD, pad_edge=False)
    for header in ("Document", "Key / SHA-256", "Subject", "Expires", "First seen"):
        table.add_column(header)
    for key in keys:
        table.add_row(key["document"], short_ident(key["ident"]), key["subject"] or "",
                      _day(key["not_after"], tz), _day(key["first_seen"], tz))
    return table


def key_history_view(history: KeyHistory, tz: tzinfo) -> RenderableType:
    from rich.console import Group
    from rich.text import Text

    from migctl.values import format_local

    head = Text(f"SSO check {history['check']}: {history['system']}/{history['env']} "
                f"{history['kind']}", style="bold")
    parts: list[RenderableType] = [head]
    if history["pinned"]:
        parts.append(Text(f"pinned signing certificate SHA-256 {history['pinned']}"))
    if not history["runs"]:
        parts.append(Text("no keys seen yet (`migctl sso check` records them)", style="dim"))
    for run in history["runs"]:
        parts.append(Text(f"run {run['run_id']} at {format_local(run['at'], tz)}"))
        parts.append(_keys_table(run["keys"], tz))
    return Group(*parts)


def key_diff_view(diff: KeyDiff, tz: tzinfo) -> RenderableType:
    from rich.console import Group
    from rich.text import Text

    from migctl.values import format_local

    parts: list[RenderableType] = [Text(
        f"SSO check {diff['check']}: {diff['system']}/{diff['env']} {diff['kind']}",
        style="bold")]
    before, after = diff["before"], diff["after"]
    if before is None or after is None:
        parts.append(Text("fewer than two runs saw keys for this check: nothing to compare",
                          style="dim"))
        return Group(*parts)
    parts.append(Text(f"run {before['run_id']} ({format_local(before['at'], tz)}) → run "
                      f"{after['run_id']} ({format_local(after['at'], tz)})"))
    if not diff["changes"]:
        parts.append(Text("no change", style="green"))
    for change in diff["changes"]:
        line = Text("  ")
        line.append(change["severity"], style=SEVERITY_STYLE[change["severity"]])
        line.append(f" {'+' if change['change'] == 'added' else '−'} {change['message']}"
                    f" (first seen {_day(change['first_seen'], tz)})")
        parts.append(line)
    return Group(*parts)
