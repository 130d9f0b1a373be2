"""The cutover section's views: one summary line, then what needs attention (terminal); its
facts, gates and next ready tasks (documents)."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from datetime import datetime
from typing import TYPE_CHECKING

from migctl.docvalues import as_datetime
from migctl.render import html as h
from migctl.render.i18n import format_datetime, format_number
from migctl.render.markdown import md_table
from migctl.render.report_steering import status_word
from migctl.render.sections import DocView, SectionViews, critical_caption
from migctl.render.status_gates import gates_view
from migctl.render.tables import Col, build_table
from migctl.services.status.registry import CUTOVER
from migctl.values import format_local, zone

if TYPE_CHECKING:
    from rich.console import RenderableType

    from migctl.services.runbook.status import CutoverSection, Rehearsal

Local = Callable[[datetime | None], str]


def cutover_view(section: CutoverSection, view: DocView) -> list[RenderableType]:
    from rich.text import Text

    tz = zone(section.get("timezone") or "UTC")

    def local(value: datetime | None) -> str:
        if not value:
            return ""
        return format_local(value, tz) if view.lang == "en" else format_datetime(value, tz,
                                                                                   view.lang)

    line = Text()
    line.append(f"{view.t('cutover')}  ", style="bold")
    progress = section["progress"]
    if not progress["total"]:
        line.append(view.t("fi_no_runbook"), style="dim")
        return [line]
    run = section["run"]
    if run is None:
        line.append(view.t("fi_no_run_active"), style="dim")
    else:
        label = run["name"] if run["kind"] in run["name"] \
            else f"{run['name']} ({view.word('fi_run_kind', run['kind'])})"
        line.append(f"{view.t('fi_run')} {label}", style="bold cyan")
        line.append(f" {view.t('fi_since')} {local(run['started_at'])}")
        done = view.t("fi_done_of", done=progress["done"] + progress["skipped"],
                      total=progress["total"])
        line.append(f"   {done} ({progress['pct']:g} %)")
    line.append(f"   {view.t('fi_planned')} {local(section['planned_start'])} → "
                f"{local(section['planned_end'])}")
    if section["forecast_end"] != section["planned_end"]:
        line.append(f", {view.t('fi_forecast')} {local(section['forecast_end'])}",
                    style="yellow")
    parts: list[RenderableType] = [line, _detail(section, local, view)]

    if run is not None:
        parts.append(build_table(progress["by_workstream"], [
            Col("workstream", view.t("fi_workstream")),
            Col("done", view.t("fi_done"), justify="right"),
            Col("skipped", view.t("fi_skipped"), justify="right"),
            Col("total", view.t("fi_total"), justify="right"),
        ]))
    if section["late"]:
        parts.append(build_table(section["late"], [
            Col("key", view.t("fi_late"), style="bold"),
            Col("title", view.t("title"), wrap=True, max_width=60),
            Col("status", view.t("status"), fmt=lambda s: view.word("task_status", s)),
            Col("latest_start", view.zoned("fi_start_by"), fmt=local),
            Col("owner", view.t("owner")),
            Col("critical", view.t("fi_critical"), fmt=lambda c: view.t("yes" if c else "no")),
        ], row_style=lambda r: "red" if r["critical"] else "yellow",
            caption=critical_caption(section["late"], view)))
    if section["blocked"]:
        parts.append(build_table(section["blocked"], [
            Col("key", view.t("fi_blocked"), style="bold yellow"),
            Col("title", view.t("title"), wrap=True, max_width=50),
            Col("reason", view.t("fi_reason"), wrap=True), Col("owner", view.t("owner")),
        ]))
    parts.extend(_failed_view(section, local, view))
    parts.extend(_awaiting_view(section, local, view))
    parts.extend(gates_view(section.get("gates", []), local, view))
    if section["next"]:
        parts.append(build_table(section["next"], [
            Col("key", view.t("fi_next_ready"), style="bold"),
            Col("title", view.t("title"), wrap=True, max_width=60),
            Col("owner", view.t("owner")),
            Col("earliest_start", view.zoned("start"), fmt=local),
            Col("slack_minutes", view.t("fi_slack"), justify="right", fmt=view.duration),
        ], row_style=lambda r: "bold red" if r["critical"] else None,
            caption=critical_caption(section["next"], view)))
    rehearsal = section["last_rehearsal"]
    if rehearsal:
        parts.append(_rehearsal_line(rehearsal, local, view))
    return parts


def _detail(section: CutoverSection, local: Local, view: DocView) -> RenderableType:
    """The second line: when the cutover work ends, the window, the go-live."""
    from rich.text import Text

    detail = Text("         ")
    cutover_end = section["cutover_end"]
    assert cutover_end is not None  # set whenever the runbook has tasks
    detail.append(f"{view.t('fi_work_ends')} {local(cutover_end['forecast'])}")
    window = section["window"]
    if window["end"]:
        late = cutover_end["forecast"] > window["end"]
        detail.append(f" ({view.t('fi_window')} {local(window['start'])} → "
                      f"{local(window['end'])})", style="red" if late else "")
    if section["go_live"]:
        detail.append(f"   {view.t('fi_go_live')} {section['go_live']['key']} "
                      f"{local(section['go_live']['forecast'])}", style="bold")
    return detail


def _awaiting_view(section: CutoverSection, local: Local, view: DocView
                   ) -> list[RenderableType]:
    """Gates waiting for a decision, a no-go in red."""
    if not section["gates_awaiting"]:
        return []
    return [build_table(section["gates_awaiting"], [
        Col("key", view.t("gate"), style="bold"),
        Col("title", view.t("title"), wrap=True, max_width=50),
        Col("status", view.t("status"), fmt=lambda s: view.word("task_status", s)),
        Col("earliest_start", view.zoned("fi_at"), fmt=local),
        Col("decision", view.t("fi_last_decision"),
            fmt=lambda d: f"{d['decision']} ({d['decided_by']})" if d
            else view.t("fi_awaiting")),
    ], row_style=lambda r: "red" if r["decision"] and r["decision"]["decision"] == "no-go"
        else None)]


def _failed_view(section: CutoverSection, local: Local, view: DocView
                 ) -> list[RenderableType]:
    """Failed tasks in red, with who and since when (issue 17)."""
    if not section.get("failed"):
        return []
    return [build_table(section["failed"], [
        Col("key", view.t("fi_failed"), style="bold red"),
        Col("title", view.t("title"), wrap=True, max_width=50),
        Col("reason", view.t("fi_reason"), wrap=True), Col("owner", view.t("owner")),
        Col("since", view.zoned("fi_since_col"), fmt=local)], row_style=lambda r: "red")]


def _rehearsal_line(rehearsal: Rehearsal, local: Local, view: DocView) -> RenderableType:
    from rich.text import Text

    counts = rehearsal["counts"]
    work = rehearsal["work"]
    text = Text()
    text.append(view.t("fi_last_rehearsal"), style="bold")
    text.append(f"{rehearsal['name']} {local(rehearsal['started_at'])} → "
                f"{local(rehearsal['finished_at'])}: " + view.t(
                    "fi_rehearsal_counts", done=counts["done"], skipped=counts["skipped"],
                    total=counts["total"], planned=view.duration(work["planned_minutes"]),
                    actual=view.duration(work["actual_minutes"])))
    over = work["overrun_minutes"]
    text.append(f"({'+' if over >= 0 else ''}{view.duration(over)})",
                style="yellow" if over > 0 else "green")
    if rehearsal["biggest_overruns"]:
        from rich.console import Group

        # a second Text, not "\n": the terminal shows a break inside one Text as a space
        overruns = Text("                " + view.t("fi_biggest_overruns"))
        overruns.append(", ".join(
            f"{o['key']} +{view.duration(o['overrun_minutes'])}"
            + (f" (×{o['ratio']:g})" if o["ratio"] else "")
            for o in rehearsal["biggest_overruns"]))
        return Group(text, overruns)
    return text


# --- documents ----------------------------------------------------------------------------

def _when(value: object, view: DocView) -> str:
    return format_datetime(as_datetime(value), view.tz, view.lang)


def cutover_facts(section: CutoverSection, view: DocView) -> list[tuple[str, str]]:
    """Label → text lines shared by both formats."""
    facts: list[tuple[str, str]] = []
    run = section.get("run")
    facts.append((view.t("run"), str(run["name"]) if isinstance(run, Mapping) else
                  view.t("no_active_run")))
    if section.get("planned_start"):
        facts.append((view.zoned("planned"), f"{_when(section['planned_start'], view)} → "
                                         f"{_when(section.get('planned_end'), view)}"))
    if section.get("forecast_end"):
        facts.append((view.t("forecast_end"), _when(section["forecast_end"], view)))
    window = section["window"]
    if window.get("start") or window.get("end"):
        facts.append((view.t("window"), f"{_when(window.get('start'), view)} → "
                                        f"{_when(window.get('end'), view)}"))
    progress = section["progress"]
    if progress.get("total"):
        text = view.t("tasks_done", done=progress.get("done", 0), total=progress["total"])
        if progress.get("pct") is not None:
            text += f" ({format_number(progress['pct'], view.lang)} %)"
        facts.append((view.t("progress"), text))
    for key, items in (("late", section["late"]), ("signals.failed", section.get("failed", [])),
                       ("blocked", section["blocked"]),
                       ("gates_awaiting", section["gates_awaiting"])):
        if items:
            facts.append((view.t(key), ", ".join(str(i["key"]) for i in items)))
    return facts


def _tables(section: CutoverSection, view: DocView
            ) -> list[tuple[str, list[str], list[list[str]]]]:
    """(title, headers, text rows): each gate's criteria, then the next ready tasks."""
    gates = [[gate["key"], _when(gate["planned_start"], view),
              status_word(gate["status"], view),
              f"{gate['passed']}/{gate['criteria']}",
              "; ".join(f"{f['spec']}: {f['message']}" for f in gate["failing"])]
             for gate in section["gates"]]
    tasks = [[t["key"], t["title"], t["owner"] or "", _when(t["earliest_start"], view)]
             for t in section["next"]]
    return [(view.t("gates"), [view.t("gate"), view.zoned("planned"), view.t("status"),
                               view.t("criteria_passed"), view.t("failing")], gates),
            (view.t("next_ready"), [view.t("key"), view.t("title"), view.t("owner"),
                                    view.zoned("start")], tasks)]


def cutover_markdown(section: CutoverSection, view: DocView) -> str:
    parts = [f"## {CUTOVER.title(view.lang)}\n"]
    parts.extend(f"- {name}: {text}" for name, text in cutover_facts(section, view))
    for title, headers, rows in _tables(section, view):
        if rows:
            parts.append(f"\n**{title}**\n")
            parts.append(md_table(headers, rows))
    return "\n".join(parts) + "\n"


def cutover_html(section: CutoverSection, view: DocView) -> str:
    facts = cutover_facts(section, view)
    parts = [h.heading(CUTOVER.title(view.lang)),
             h.table([], [[f"<b>{h.esc(name)}</b>", h.esc(text)] for name, text in facts])]
    for title, headers, rows in _tables(section, view):
        if rows:
            parts.append(h.paragraph(f"<b>{h.esc(title)}</b>"))
            parts.append(h.table(headers, [[h.esc(c) for c in r] for r in rows]))
    return h.block(*parts)


VIEWS: SectionViews[CutoverSection] = SectionViews(cutover_view, cutover_markdown, cutover_html)
