"""The cutover and mapping sections of `status -f markdown|html`.

Both walk the section documents only (the same ones JSON shows), so the terminal, Markdown and
HTML views never disagree. Labels come from :mod:`migctl.render.i18n`.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from migctl.docvalues import as_datetime
from migctl.render import html as h
from migctl.render.i18n import format_datetime, format_number
from migctl.render.markdown import md_table
from migctl.render.status_documents import DocView

# --- cutover ------------------------------------------------------------------------------


def _when(value: Any, view: DocView) -> str:
    return format_datetime(as_datetime(value), view.tz, view.lang)


def cutover_facts(section: Mapping[str, Any], view: DocView) -> list[tuple[str, str]]:
    """Label → text lines shared by both formats."""
    facts: list[tuple[str, str]] = []
    run = section.get("run")
    facts.append((view.t("run"), str(run["name"]) if isinstance(run, Mapping) else
                  view.t("no_active_run")))
    if section.get("planned_start"):
        facts.append((view.t("planned"), f"{_when(section['planned_start'], view)} → "
                                         f"{_when(section.get('planned_end'), view)}"))
    if section.get("forecast_end"):
        facts.append((view.t("forecast_end"), _when(section["forecast_end"], view)))
    window = section.get("window") or {}
    if window.get("start") or window.get("end"):
        facts.append((view.t("window"), f"{_when(window.get('start'), view)} → "
                                        f"{_when(window.get('end'), view)}"))
    progress = section.get("progress") or {}
    if progress.get("total"):
        text = view.t("tasks_done", done=progress.get("done", 0), total=progress["total"])
        if progress.get("pct") is not None:
            text += f" ({format_number(progress['pct'], view.lang)} %)"
        facts.append((view.t("progress"), text))
    for key in ("late", "blocked", "gates_awaiting"):
        items = section.get(key) or []
        if items:
            facts.append((view.t(key), ", ".join(str(i.get("key", "")) for i in items)))
    return facts


def _task_rows(section: Mapping[str, Any], view: DocView) -> list[list[str]]:
    return [[str(t.get("key", "")), str(t.get("title", "")), str(t.get("owner") or ""),
             _when(t.get("earliest_start"), view)] for t in section.get("next") or []]


def _task_headers(view: DocView) -> list[str]:
    return [view.t("key"), view.t("title"), view.t("owner"), view.t("start")]


def _gate_rows(section: Mapping[str, Any], view: DocView) -> list[list[str]]:
    """Each go/no-go gate: when, its criteria (passed of all) and what fails."""
    rows = []
    for gate in section.get("gates") or []:
        failing = "; ".join(f"{f.get('spec')}: {f.get('message')}" for f in gate.get("failing")
                            or [])
        rows.append([str(gate.get("key", "")), _when(gate.get("planned_start"), view),
                     str(gate.get("status", "")), f"{gate.get('passed', 0)}/"
                     f"{gate.get('criteria', 0)}", failing])
    return rows


def _gate_headers(view: DocView) -> list[str]:
    return [view.t("gate"), view.t("planned"), view.t("status"), view.t("criteria_passed"),
            view.t("failing")]


def cutover_markdown(section: dict[str, Any], view: DocView) -> str:
    parts = [f"## {view.t('cutover')}\n"]
    parts.extend(f"- {name}: {text}" for name, text in cutover_facts(section, view))
    gates = _gate_rows(section, view)
    if gates:
        parts.append(f"\n**{view.t('gates')}**\n")
        parts.append(md_table(_gate_headers(view), gates))
    rows = _task_rows(section, view)
    if rows:
        parts.append(f"\n**{view.t('next_ready')}**\n")
        parts.append(md_table(_task_headers(view), rows))
    return "\n".join(parts) + "\n"


def cutover_html(section: dict[str, Any], view: DocView) -> str:
    facts = cutover_facts(section, view)
    parts = [h.heading(view.t("cutover")),
             h.table([], [[f"<b>{h.esc(name)}</b>", h.esc(text)] for name, text in facts])]
    gates = _gate_rows(section, view)
    if gates:
        parts.append(h.paragraph(f"<b>{h.esc(view.t('gates'))}</b>"))
        parts.append(h.table(_gate_headers(view), [[h.esc(c) for c in r] for r in gates]))
    rows = _task_rows(section, view)
    if rows:
        parts.append(h.paragraph(f"<b>{h.esc(view.t('next_ready'))}</b>"))
        parts.append(h.table(_task_headers(view), [[h.esc(c) for c in r] for r in rows]))
    return h.block(*parts)


# --- mapping ------------------------------------------------------------------------------


def _mapping_rows(section: Mapping[str, Any], view: DocView) -> list[list[str]]:
    rows = []
    for item in section.get("sets") or []:
        coverage = item.get("coverage_pct")
        translation = item.get("translation") or {}
        reconciled = translation.get("reconciled")
        rows.append([
            f"{item.get('set')}@{item.get('version')}", str(item.get("kind") or ""),
            str(item.get("rules", "")),
            "" if coverage is None else f"{format_number(coverage, view.lang)} %",
            "" if item.get("errors") is None else str(item["errors"]),
            "" if item.get("warnings") is None else str(item["warnings"]),
            _when(item.get("validated_at"), view) or view.t("never"),
            "" if reconciled is None else view.t("yes" if reconciled else "no"),
        ])
    return rows


def _mapping_headers(view: DocView) -> list[str]:
    return [view.t("mapping_set"), view.t("kind"), view.t("rules"), view.t("coverage"),
            view.t("errors"), view.t("warnings"), view.t("validated"), view.t("reconciled")]


_RIGHT = ["left", "left", "right", "right", "right", "right", "left", "left"]


def mapping_markdown(section: dict[str, Any], view: DocView) -> str:
    rows = _mapping_rows(section, view)
    if not rows:
        return ""
    return f"## {view.t('mapping')}\n\n" + md_table(_mapping_headers(view), rows, align=_RIGHT)


def mapping_html(section: dict[str, Any], view: DocView) -> str:
    rows = _mapping_rows(section, view)
    if not rows:
        return ""
    return h.block(h.heading(view.t("mapping")),
                   h.table(_mapping_headers(view), [[h.esc(c) for c in r] for r in rows],
                           align=_RIGHT))
