"""The systems section's views: targets by go-live and the legacy systems they replace."""

from __future__ import annotations

from typing import TYPE_CHECKING

from migctl.render import html as h
from migctl.render.i18n import days_phrase, format_date, label
from migctl.render.markdown import md_table
from migctl.render.sections import DocView, SectionViews
from migctl.render.tables import Col, build_table, cell
from migctl.services.status.registry import SYSTEMS

if TYPE_CHECKING:
    from rich.console import RenderableType

    from migctl.services.systems.status import SystemRow, SystemsSection, TargetSystem

STATUS_STYLE = {
    "live": "green",
    "parallel_run": "cyan",
    "in_progress": "yellow",
    "planned": "white",
    "retired": "dim",
}


# --- terminal -----------------------------------------------------------------------------

def systems_view(section: SystemsSection, view: DocView) -> list[RenderableType]:
    from rich.text import Text

    counts = section["counts"]
    line = Text()
    line.append(f"{view.t('systems')}  ", style="bold")
    line.append(view.t("fi_systems_counts", targets=counts["targets"], live=counts["live"],
                       legacy=counts["legacy"]))
    nxt = section.get("next_go_live")
    if nxt:
        line.append(f"   {view.t('fi_next_go_live')} {view.date(nxt['date'])} "
                    f"({days_phrase(nxt['days'], view.lang)}): ")
        line.append(", ".join(nxt["systems"]), style="bold")
    targets = build_table(
        section["targets"],
        [
            Col("key", view.t("fi_target"), style="bold"),
            Col("name", view.t("name"), wrap=True, min_width=16),  # (domain: `system list`)
            Col("status", view.t("status"),
                fmt=lambda s: f"[{STATUS_STYLE.get(s, '')}]{view.word('system_status', s)}[/]"
                if STATUS_STYLE.get(s) else cell(view.word("system_status", s)), markup=True),
            Col("planned_go_live", view.t("go_live"), fmt=lambda d: cell(d) if d is None
                else view.date(d)),
            Col("days_to_go_live", view.t("when"), justify="right",
                fmt=lambda d: days_phrase(d, view.lang)),
            Col("replaces", view.t("replaces"), wrap=True, min_width=12),
            Col("environments", view.t("fi_envs"), wrap=True, min_width=5),
        ],
        row_style=lambda r: "red" if r.get("go_live_passed_not_live") else None,
    )
    legacy = build_table(
        section["legacy"],
        [
            Col("key", view.t("fi_legacy"), style="bold"),
            Col("name", view.t("name"), wrap=True, min_width=16),
            Col("status", view.t("status"), fmt=lambda s: view.word("system_status", s)),
            Col("replaced_by", view.t("replaced_by")),
            Col("retire_date", view.t("fi_retires"), fmt=lambda d: cell(d) if d is None
                else view.date(d)),
        ],
    )
    return [line, targets, legacy]


# --- documents ----------------------------------------------------------------------------

def _system_status(status: str, view: DocView) -> str:
    return label(f"system_status.{status}", view.lang)


def _target_cells(t: TargetSystem, view: DocView) -> list[str]:
    return [t["key"], t["name"], _system_status(t["status"], view),
            format_date(t["planned_go_live"], view.lang),
            days_phrase(t["days_to_go_live"], view.lang), ", ".join(t["replaces"])]


def _target_headers(view: DocView) -> list[str]:
    return [view.t("system"), view.t("name"), view.t("status"), view.t("go_live"),
            view.t("when"), view.t("replaces")]


def _legacy_cells(s: SystemRow, view: DocView) -> list[str]:
    return [s["key"], s["name"], _system_status(s["status"], view), ", ".join(s["replaced_by"])]


def _legacy_headers(view: DocView) -> list[str]:
    return [view.t("legacy"), view.t("name"), view.t("status"), view.t("replaced_by")]


def _live_count(section: SystemsSection, view: DocView) -> str:
    counts = section["counts"]
    return view.t("live_count", live=counts["live"], targets=counts["targets"])


def systems_markdown(section: SystemsSection, view: DocView) -> str:
    rows = [_target_cells(t, view) for t in section["targets"]]
    text = [f"## {SYSTEMS.title(view.lang)}\n", _live_count(section, view) + "\n"]
    if rows:
        text.append(md_table(_target_headers(view), rows))
    if section["legacy"]:
        text.append(md_table(_legacy_headers(view),
                             [_legacy_cells(s, view) for s in section["legacy"]]))
    return "\n".join(text)


def systems_html(section: SystemsSection, view: DocView) -> str:
    rows = []
    styles = []
    for t in section["targets"]:
        cells = [h.esc(c) for c in _target_cells(t, view)]
        rows.append([f"<b>{cells[0]}</b>", *cells[1:]])
        styles.append("color:#c62828" if t.get("go_live_passed_not_live") else "")
    parts = [h.heading(SYSTEMS.title(view.lang)), h.paragraph(h.esc(_live_count(section, view)))]
    if rows:
        parts.append(h.table(_target_headers(view), rows,
                             align=["left", "left", "left", "left", "right", "left"],
                             row_styles=styles))
    if section["legacy"]:
        parts.append(h.table(_legacy_headers(view),
                             [[h.esc(c) for c in _legacy_cells(s, view)]
                              for s in section["legacy"]]))
    return h.block(*parts, keep_together=False)


VIEWS: SectionViews[SystemsSection] = SectionViews(systems_view, systems_markdown, systems_html)
