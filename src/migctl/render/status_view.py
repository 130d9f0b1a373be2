"""The status document laid out for a terminal: a header, then one block per section."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from migctl.render.tables import Col, build_table, cell

if TYPE_CHECKING:
    from rich.console import RenderableType

STATUS_STYLE = {
    "live": "green",
    "parallel_run": "cyan",
    "in_progress": "yellow",
    "planned": "white",
    "retired": "dim",
}

SectionView = Callable[[dict[str, Any]], list["RenderableType"]]

#: Section name → "module:function" laying that section out; imported when first needed.
SECTION_VIEWS: dict[str, str] = {
    "systems": "migctl.render.status_view:systems_view",
    "cutover": "migctl.render.status_cutover:cutover_view",
    "mapping": "migctl.render.status_mapping:mapping_view",
    "sso": "migctl.render.status_sso:sso_view",
    "incidents": "migctl.render.status_hypercare:incidents_view",
    "kpis": "migctl.render.status_hypercare:kpis_view",
}


def _view(name: str) -> SectionView | None:
    target = SECTION_VIEWS.get(name)
    if target is None:
        return None
    import importlib

    module, _, function = target.partition(":")
    view: SectionView = getattr(importlib.import_module(module), function)
    return view


def render_status(document: dict[str, Any]) -> RenderableType:
    from rich.console import Group
    from rich.text import Text

    programme = document["programme"]
    header = Text()
    header.append(programme["name"], style="bold")
    header.append(f"   as of {document['today']}", style="dim")
    parts: list[RenderableType] = [header]
    if "readiness" in document:
        from migctl.render.status_readiness import header_line, readiness_view

        parts.extend([header_line(document), Text(""), *readiness_view(document["readiness"])])
    for name, section in document["sections"].items():
        if "error" in section:  # the section could not be built: say why, in its place
            parts.extend([Text(""), Text.assemble((name.capitalize(), "bold"), "  ",
                                                  (section["error"], "red"))])
            continue
        view = _view(name)
        if view is not None:
            parts.append(Text(""))
            parts.extend(view(section))
    return Group(*parts)


def _days(value: Any) -> str:
    if value is None:
        return ""
    if value < 0:
        return f"{-value} d ago"
    return "today" if value == 0 else f"in {value} d"


def systems_view(section: dict[str, Any]) -> list[RenderableType]:
    from rich.text import Text

    counts = section["counts"]
    line = Text()
    line.append("Systems  ", style="bold")
    line.append(f"{counts['targets']} target ({counts['live']} live), {counts['legacy']} legacy")
    nxt = section.get("next_go_live")
    if nxt:
        line.append(f"   next go-live {nxt['date']} ({_days(nxt['days'])}): ")
        line.append(", ".join(nxt["systems"]), style="bold")
    targets = build_table(
        section["targets"],
        [
            Col("key", "Target", style="bold"),
            Col("name", "Name", wrap=True, min_width=16),  # (domain: `system list`, JSON)
            Col("status", "Status", fmt=lambda s: f"[{STATUS_STYLE.get(s, '')}]{s}[/]"
                if STATUS_STYLE.get(s) else cell(s), markup=True),
            Col("planned_go_live", "Go-live"),
            Col("days_to_go_live", "When", justify="right", fmt=_days),
            Col("replaces", "Replaces", wrap=True, min_width=12),
            Col("environments", "Envs", wrap=True, min_width=5),
        ],
        row_style=lambda r: "red" if r.get("go_live_passed_not_live") else None,
    )
    legacy = build_table(
        section["legacy"],
        [
            Col("key", "Legacy", style="bold"),
            Col("name", "Name", wrap=True, min_width=16),
            Col("status", "Status"),
            Col("replaced_by", "Replaced by"),
            Col("retire_date", "Retires"),
        ],
    )
    return [line, targets, legacy]
