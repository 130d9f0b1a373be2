"""The command line's listings that have no area renderer of their own: their rows and columns.

Systems, incidents, KPIs and their trends, SSO checks and runs, the audit log. Each function
takes the rows a service returned (and the programme's time zone) and gives what
:func:`migctl.render.tables.build_table` draws; the JSON of a listing stays the service's rows.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from datetime import datetime, tzinfo
from typing import TYPE_CHECKING, Any

from migctl.render.tables import Col, cell
from migctl.values import format_local

if TYPE_CHECKING:
    from rich.console import RenderableType

Row = Mapping[str, Any]  # a listing's row as its service returns it (JSON values by name)
Listing = tuple[Sequence[Row], list[Col]]  # the rows to draw and their columns


def zone_name(tz: tzinfo) -> str:
    """The zone's name as a heading says it (``Europe/Helsinki``; ``UTC``)."""
    name = getattr(tz, "key", None)
    return name if isinstance(name, str) else (tz.tzname(None) or str(tz))


def in_zone(heading: str, tz: tzinfo) -> str:
    """A time column's heading labelled once with the zone: ``Imported (Europe/Helsinki)``."""
    return f"{heading} ({zone_name(tz)})"


def system_columns() -> list[Col]:
    return [
        Col("key", "Key", style="bold"), Col("name", "Name", wrap=True, min_width=16),
        Col("role", "Role", optional=True), Col("domain", "Domain", optional=True),
        Col("vendor", "Vendor", wrap=True, optional=True), Col("status", "Status"),
        Col("planned_go_live", "Go-live"),
        Col("environments", "Envs", wrap=True, min_width=5, optional=True),
        Col("replaces", "Replaces", wrap=True, min_width=12),
        Col("replaced_by", "Replaced by", wrap=True, min_width=12),
        Col("owner", "Owner", wrap=True, optional=True),
    ]


def field_card(document: Row) -> RenderableType:
    """One record as ``field  value`` lines (values as typed, never markup)."""
    from rich.table import Table
    from rich.text import Text

    table = Table.grid(padding=(0, 2))
    table.add_column(style="bold")
    table.add_column()
    for field, value in document.items():
        table.add_row(field.replace("_", " "), Text(cell(value)))
    return table


def incident_columns(tz: tzinfo) -> list[Col]:
    return [
        Col("key", "Key", style="bold"), Col("severity", "Severity"), Col("status", "Status"),
        Col("system", "System"), Col("title", "Title", wrap=True, min_width=24),
        Col("owner", "Owner", optional=True),
        Col("opened_at", in_zone("Opened", tz), fmt=lambda v: format_local(v, tz)),
        Col("closed_at", "Closed", fmt=lambda v: format_local(v, tz), optional=True),
    ]


def audit_listing(events: Sequence[Row], tz: tzinfo) -> Listing:
    rows = [dict(e) | {"when": format_local(e["at"], tz, seconds=True),
                       "entity": f"{e['entity_type']}:{e['entity_key']}"} for e in events]
    return rows, [Col("when", in_zone("When", tz)), Col("actor", "Actor"),
                  Col("command", "Command"),
                  Col("entity", "Entity"), Col("action", "Action"),
                  Col("summary", "Summary", wrap=True)]


# --- KPIs ------------------------------------------------------------------------------------

def kpi_value(value: Any, unit: str = "") -> str:
    """A KPI value as people read it (``87,5 %``); a count has no unit."""
    from migctl.render.i18n import format_number

    if value is None:
        return ""
    text = format_number(value)
    return f"{text} {unit}".rstrip() if unit not in ("", "count") else text


def kpi_age(age_minutes: int | None, stale: bool | None, *,
            span: Callable[[int], str] | None = None, live: str = "live",
            stale_word: str = "stale") -> str:
    """A KPI value's age as a table shows it: ``live``, ``3h``, ``9d stale`` (Rich markup);
    a view in another language gives its own duration format and words."""
    from migctl.values import format_duration

    if age_minutes is None:
        return ""
    text = live if age_minutes == 0 and not stale else (span or format_duration)(age_minutes)
    return f"[bold red]{text} {stale_word}[/]" if stale else text


def kpi_listing(kpis: Sequence[Row], tz: tzinfo) -> Listing:
    rows = [dict(r) | {"latest_value": kpi_value((r["latest"] or {}).get("value"), r["unit"]),
                       "latest_at": format_local((r["latest"] or {}).get("at"), tz),
                       "age": kpi_age(r.get("age_minutes"), r.get("stale")),
                       "kind": "built-in" if r["builtin"] else "custom"} for r in kpis]
    return rows, [
        Col("name", "KPI", style="bold"), Col("kind", "Kind"), Col("unit", "Unit"),
        Col("direction", "Better"),
        Col("target", "Target", justify="right", fmt=lambda v: kpi_value(v)),
        Col("latest_value", "Latest", justify="right"),
        Col("latest_at", in_zone("At", tz)), Col("age", "Age", markup=True),
        Col("description", "Description", wrap=True),
    ]


def kpi_trend_view(entry: Row, tz: tzinfo) -> RenderableType:
    """One KPI's values over time: its name, sparkline and target, then a table."""
    from rich.console import Group
    from rich.text import Text

    from migctl.render.tables import build_table

    title = Text(f"{entry['name']}  {entry['sparkline']}", style="bold")
    if entry["target"] is not None:
        title.append(f"   target {kpi_value(entry['target'], entry['unit'])} "
                     f"({entry['direction']})", style="")
    rows = [dict(p) | {"when": format_local(p["at"], tz)} for p in entry["points"]]
    return Group(title, build_table(rows, [
        Col("when", in_zone("At", tz)),
        Col("value", "Value", justify="right", fmt=lambda v: kpi_value(v, entry["unit"])),
        Col("source", "Source")]))


def kpi_trends_listing(series: Sequence[Row], tz: tzinfo) -> Listing:
    """Every KPI with values: its first and latest value, target and sparkline."""
    rows = [{
        "name": e["name"], "points": len(e["points"]), "sparkline": e["sparkline"],
        "first": kpi_value(e["points"][0]["value"], e["unit"]),
        "latest": kpi_value(e["points"][-1]["value"], e["unit"]),
        "target": kpi_value(e["target"], e["unit"]),
        "since": format_local(e["points"][0]["at"], tz),
    } for e in series if e["points"]]
    return rows, [
        Col("name", "KPI", style="bold"), Col("sparkline", "Trend"),
        Col("first", "First", justify="right"), Col("latest", "Latest", justify="right"),
        Col("target", "Target", justify="right"), Col("points", "Values", justify="right"),
        Col("since", in_zone("Since", tz)),
    ]


# --- SSO -------------------------------------------------------------------------------------

def _last_result(now: datetime) -> Callable[[Row | None], str]:
    from migctl.render.sso import STATUS_STYLE, age_text
    from migctl.services.sso.matrix import age_minutes

    def render(last: Row | None) -> str:
        if last is None:
            return "[dim]never run[/]"
        age = age_text(age_minutes(last["checked_at"], now))
        return f"[{STATUS_STYLE[last['status']]}]{last['status']}[/] · {age}"

    return render


def sso_check_listing(checks: Sequence[Row], now: datetime) -> Listing:
    """The SSO checks with what each expects and its latest result (its age as of ``now``)."""
    rows = [dict(c) | {"expects": ", ".join(
        f"{name.removeprefix('expect_')}={c[name]}" for name in
        ("expect_entity_id", "expect_issuer", "expect_idp_host", "expect_tenant") if c[name])}
        for c in checks]
    return rows, [Col("id", "ID", justify="right"), Col("system", "System", style="bold"),
                  Col("env", "Env"), Col("kind", "Kind"), Col("url", "URL", wrap=True),
                  Col("expects", "Expects", wrap=True),
                  Col("last", "Last result", fmt=_last_result(now), markup=True)]


def sso_run_listing(runs: Sequence[Row], tz: tzinfo) -> Listing:
    rows = [dict(r) | {"started": format_local(r["started_at"], tz, seconds=True),
                       "took": f"{r['duration_s']:.1f} s",
                       "code_counts": ", ".join(f"{code}×{n}" if n > 1 else code
                                                for code, n in r["codes"].items())}
            for r in runs]
    return rows, [
        Col("id", "Run", justify="right"), Col("started", in_zone("Started", tz)),
        Col("took", "Took"),
        Col("actor", "Actor"), Col("checks", "Checks", justify="right"),
        Col("pass", "Pass", justify="right", style="green"),
        Col("warn", "Warn", justify="right", style="yellow"),
        Col("fail", "Fail", justify="right", style="red"),
        Col("code_counts", "Codes", wrap=True)]
