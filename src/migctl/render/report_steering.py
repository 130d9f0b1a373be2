"""The steering group's parts of the report: decisions needed, cutover, rehearsals compared.

Each is a block ``(report, view) -> str`` in HTML and in Markdown, reading the report's
``steering`` document (:mod:`migctl.services.status.steering`); a report without one (an older
document) leaves them out. Every word is the catalogue's (``render/catalogue/report.py``);
keys, criterion specs and what people typed (titles, notes, reasons) stay as written. Criterion
evidence is said from the kind's evidence, so it reads in Finnish too; a kind without a line
of its own here shows its English message.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from contextlib import suppress
from datetime import date
from decimal import Decimal
from typing import TYPE_CHECKING, Any

from migctl.docvalues import as_datetime
from migctl.render import html as h
from migctl.render.i18n import format_datetime, format_number
from migctl.render.markdown import md_code, md_table
from migctl.render.sections import DocView

if TYPE_CHECKING:
    from migctl.services.gates.documents import CriterionResultDocument
    from migctl.services.status.steering import (
        RehearsalResult,
        SteeringCutover,
        SteeringDocument,
        SteeringGate,
    )

Report = Mapping[str, Any]
PLANNED_COLOUR, ACTUAL_COLOUR = "#9e9e9e", "#1565c0"


# --- words shared by both formats ---------------------------------------------------------

def steering_of(report: Report) -> SteeringDocument | None:
    found = report.get("steering")
    return found if isinstance(found, Mapping) else None  # type: ignore[return-value]


def when(value: object, view: DocView) -> str:
    return format_datetime(as_datetime(value), view.tz, view.lang)


def duration(minutes: int | None, view: DocView, *, sign: bool = False) -> str:
    """``51 h``, ``3 h 15 min``, ``45 min`` (the same in Finnish); ``+`` with ``sign``."""
    if minutes is None:
        return ""
    prefix = "−" if minutes < 0 and view.lang == "fi" else "-" if minutes < 0 else \
        "+" if sign and minutes > 0 else ""
    hours, rest = divmod(abs(minutes), 60)
    text = (f"{hours} h {rest} min" if hours and rest else f"{hours} h" if hours
            else f"{rest} min")
    return prefix + text


def status_word(status: object, view: DocView, vocabulary: str = "task_status") -> str:
    key = f"{vocabulary}.{status}"
    found = view.t(key)
    return str(status) if found == key else found


def _num(value: object, view: DocView) -> str:
    if isinstance(value, bool) or not isinstance(value, int | float | Decimal):
        return "–"
    return format_number(value, view.lang)


def _listed(items: Sequence[object], limit: int = 3) -> str:
    shown = ", ".join(str(i) for i in items[:limit])
    return shown + (" …" if len(items) > limit else "")


def _ev_kpi(ev: Mapping[str, Any], view: DocView) -> str:
    if ev.get("value") is None:
        return view.t("report.ev.kpi_none", kpi=ev.get("kpi"))
    return view.t("report.ev.kpi", kpi=ev.get("kpi"), value=_num(ev.get("value"), view),
                  at=when(ev.get("at"), view), op=ev.get("op"),
                  threshold=_num(ev.get("threshold"), view))


def _ev_incidents(ev: Mapping[str, Any], view: DocView) -> str:
    severities = ", ".join(status_word(s, view, "severity") for s in ev.get("counted") or [])
    return view.t("report.ev.incidents", open=ev.get("open"), severities=severities,
                  limit=ev.get("limit"))


def _ev_mapping(ev: Mapping[str, Any], view: DocView) -> str:
    if ev.get("validation_run") is None:
        return view.t("report.ev.mapping_none", set=ev.get("set"), version=ev.get("version"))
    codes = ev.get("error_codes") or {}
    text = view.t("report.ev.mapping", run=ev.get("validation_run"), set=ev.get("set"),
                  version=ev.get("version"), at=when(ev.get("ran_at"), view),
                  errors=view.count(int(ev.get("errors") or 0), "error"),
                  warnings=view.count(int(ev.get("warnings") or 0), "warning"))
    return text + (f" ({_listed(sorted(codes))})" if codes else "")


def _ev_translation(ev: Mapping[str, Any], view: DocView) -> str:
    if ev.get("translation_run") is None:
        return view.t("report.ev.translation_none", set=ev.get("set"),
                      version=ev.get("version"))
    common = {"run": ev.get("translation_run"), "file": ev.get("input_file"),
              "set": ev.get("set"), "version": ev.get("version"),
              "at": when(ev.get("ran_at"), view)}
    if ev.get("reconciled"):
        return view.t("report.ev.translation_ok", lines=ev.get("lines"), **common)
    return view.t("report.ev.translation", difference=_num(ev.get("difference"), view),
                  untranslated=ev.get("untranslated_lines"),
                  lines_pct=_num(ev.get("coverage_lines_pct"), view),
                  amount_pct=_num(ev.get("coverage_amount_pct"), view), **common)


def _ev_recon(ev: Mapping[str, Any], view: DocView, passed: bool) -> str:
    if ev.get("run_id") is None:
        return view.t("report.ev.recon_never", recon=ev.get("recon"))
    counts = ev.get("counts") or {}
    open_count = counts.get("open", counts.get("open_differences", 0)) \
        if isinstance(counts, Mapping) else 0
    return view.t("report.ev.recon", recon=ev.get("recon"), run=ev.get("run_id"),
                  cutover_run=ev.get("cutover_run") or "–",
                  verdict=view.t("report.ev.recon_clean" if passed
                                 else "report.ev.recon_not_clean"),
                  open=open_count, unexplained=_num(ev.get("unexplained"), view))


def _ev_sso(ev: Mapping[str, Any], view: DocView) -> str:
    counts = ev.get("counts") or {}
    scope = "/".join(str(p) for p in (ev.get("system"), ev.get("env")) if p) or "*"
    if not counts.get("checks"):
        return view.t("report.ev.sso_none", scope=scope)
    return view.t("report.ev.sso", checks=counts.get("checks"), passed=counts.get("pass", 0),
                  failed=counts.get("fail", 0), never=counts.get("never", 0),
                  stale=counts.get("stale", 0),
                  max_age=_num((ev.get("max_age_minutes") or 0) / 60, view))


def _ev_tasks(ev: Mapping[str, Any], view: DocView) -> str:
    if ev.get("missing"):
        return view.t("report.ev.tasks_missing", keys=_listed(ev["missing"]))
    if ev.get("run") is None or "total" not in ev:
        return view.t("report.ev.tasks_no_run")
    text = view.t("report.ev.tasks", done=ev.get("done"), total=ev.get("total"), run=ev["run"])
    waiting = [f"{t.get('key')} ({status_word(t.get('status'), view)})"
               for t in ev.get("tasks") or [] if t.get("status") not in ("done", "skipped")]
    return text + ("; " + view.t("report.ev.waiting", items=_listed(waiting)) if waiting else "")


def _ev_actions(ev: Mapping[str, Any], view: DocView) -> str:
    if ev.get("missing"):
        return view.t("report.ev.actions_missing", keys=_listed(ev["missing"]))
    actions, waiting = ev.get("actions") or [], ev.get("not_done") or []
    text = view.t("report.ev.actions", done=len(actions) - len(waiting), total=len(actions))
    return text + ("; " + view.t("report.ev.waiting", items=_listed(waiting)) if waiting else "")


def _ev_risks(ev: Mapping[str, Any], view: DocView) -> str:
    keys = ev.get("too_high") or []
    return view.t("report.ev.risks", score=ev.get("score"), keys=_listed(keys)) if keys \
        else view.t("report.ev.risks_ok", score=ev.get("score"))


def _relation(value: object, threshold: object) -> str:
    return ">=" if Decimal(str(value)) >= Decimal(str(threshold)) else "<"


def _ev_window(ev: Mapping[str, Any], view: DocView) -> str:
    within, threshold = ev["p_within_window"], ev.get("threshold_pct")
    if within is None:
        return view.t("audit21.ev.window_none")
    pct = round(Decimal(str(within)) * 100, 1)
    return view.t("audit21.ev.window", pct=_num(pct.normalize(), view),
                  relation=_relation(pct, threshold), threshold=_num(threshold, view),
                  simulations=_num(ev.get("simulations"), view), seed=ev.get("seed"))


def _ev_identity(ev: Mapping[str, Any], view: DocView) -> str:
    if ev.get("run_id") is None:
        return view.t("audit21.ev.identity_none")
    on = ev.get("on")
    with suppress(ValueError):
        on = view.date(date.fromisoformat(str(on)))
    common = {"run": ev["run_id"], "on": on,
              "what": view.t(f"audit21.ev.measure.{ev['measure']}", subject=ev.get("subject"))}
    value, threshold = ev.get("value"), ev.get("threshold")
    if value is None:
        return view.t("audit21.ev.identity_unmeasured", **common)
    return view.t("audit21.ev.identity", value=_num(value, view),
                  relation=_relation(value, threshold), threshold=_num(threshold, view),
                  **common)


Sayer = Callable[[Mapping[str, Any], DocView], str]
EVIDENCE: dict[str, Sayer] = {
    "kpi": _ev_kpi, "incidents-below": _ev_incidents, "mapping-valid": _ev_mapping,
    "reconciled": _ev_translation, "sso-pass": _ev_sso, "tasks-done": _ev_tasks,
    "actions-done": _ev_actions, "risks-below": _ev_risks, "window-confidence": _ev_window,
    "identity-coverage": _ev_identity, "trained": _ev_identity,
}


def evidence_line(criterion: CriterionResultDocument, view: DocView) -> str:
    """What decided the criterion, in one line of the view's language."""
    evidence = criterion.get("evidence") or {}
    kind = criterion.get("kind", "")
    if not evidence:  # unreadable, or a name that no longer exists: the kind's own words
        return str(criterion.get("message", ""))
    try:
        if kind == "recon-clean":
            return _ev_recon(evidence, view, bool(criterion.get("passed")))
        say = EVIDENCE.get(kind)
        return say(evidence, view) if say else str(criterion.get("message", ""))
    except (KeyError, TypeError, ValueError, ArithmeticError, AttributeError):  # another shape
        return str(criterion.get("message", ""))


def verdict(passed: bool, view: DocView) -> str:
    return view.t("criterion.pass" if passed else "criterion.fail")


def _gate_line(gate: SteeringGate, view: DocView) -> str:
    return view.t("report.gate_line", gate=gate["key"], when=when(gate["planned_start"], view),
                  status=status_word(gate["status"], view),
                  state=view.t(f"gate_state.{gate['state']}"))


def _decision_rows(gate: SteeringGate, view: DocView) -> list[list[str]]:
    rows = []
    for d in gate["decisions"]:
        note = d["note"]
        if d["override"]:
            reason = view.t("report.override_reason", reason=d["reason"] or "")
            note = f"{note}; {reason}" if note else reason
        rows.append([when(d["decided_at"], view), d["run"],
                     status_word(d["decision"], view, "decision"), d["decided_by"],
                     view.t("yes") if d["override"] else "", note])
    return rows


def _decision_headers(view: DocView) -> list[str]:
    return [view.zoned("decided_at"), view.t("run"), view.t("decision"), view.t("decided_by"),
            view.t("report.override"), view.t("notes")]


# --- decisions needed ---------------------------------------------------------------------

def decisions_html(report: Report, view: DocView) -> str:
    steering = steering_of(report)
    if steering is None or not steering["gates"]:
        return ""
    parts = [h.heading(view.t("report.decisions"))]
    for gate in steering["gates"]:
        level = {"pass": "green", "fail": "red"}.get(gate["state"], "grey")
        state = view.t("gate_state." + gate["state"])
        parts.append(h.paragraph(f"{h.badge(level, state)} "
                                 f"<b>{h.esc(gate['key'])}</b> {h.esc(gate['title'])} · "
                                 f"{h.esc(view.t('planned'))} "
                                 f"{h.esc(when(gate['planned_start'], view))} · "
                                 f"{h.esc(status_word(gate['status'], view))}"))
        if gate["criteria"]:
            parts.append(h.table(
                [view.t("report.criterion"), view.t("report.result"),
                 view.t("report.evidence")],
                [[f"<code>{h.esc(c['spec'])}</code>",
                  h.nowrap(h.badge("green" if c["passed"] else "red",
                                   ("✓ " if c["passed"] else "✗ ") + verdict(c["passed"],
                                                                             view))),
                  h.esc(evidence_line(c, view))] for c in gate["criteria"]]))
        else:
            parts.append(h.paragraph(h.esc(view.t("report.no_criteria")), muted=True))
        if gate["decisions"]:
            parts.append(h.paragraph(f"<b>{h.esc(view.t('report.past_decisions'))}</b>"))
            parts.append(h.table(_decision_headers(view),
                                 [[h.esc(c) for c in row] for row in _decision_rows(gate, view)]))
    return h.block(*parts, keep_together=False)


def decisions_markdown(report: Report, view: DocView) -> str:
    steering = steering_of(report)
    if steering is None or not steering["gates"]:
        return ""
    parts = [f"## {view.t('report.decisions')}\n"]
    for gate in steering["gates"]:
        parts.append(f"### {gate['key']} {gate['title']}\n\n{_gate_line(gate, view)}\n")
        if gate["criteria"]:
            parts.append(md_table(
                [view.t("report.criterion"), view.t("report.result"), view.t("report.evidence")],
                [[md_code(c["spec"]), ("✓ " if c["passed"] else "✗ ") + verdict(c["passed"], view),
                  evidence_line(c, view)] for c in gate["criteria"]]))
        else:
            parts.append(view.t("report.no_criteria") + "\n")
        if gate["decisions"]:
            parts.append(f"**{view.t('report.past_decisions')}**\n")
            parts.append(md_table(_decision_headers(view), _decision_rows(gate, view)))
    return "\n".join(parts)


# --- cutover: critical path, what needs attention -----------------------------------------

def _path_title(cutover: SteeringCutover, view: DocView) -> str:
    end = when(cutover["end"], view)
    if cutover["run"] is None:
        return view.t("report.critical_path_plan", end=end)
    return view.t("report.critical_path_run", run=cutover["run"], end=end)


def _path_rows(cutover: SteeringCutover, view: DocView) -> list[list[str]]:
    return [[t["key"], t["title"], t["owner"], status_word(t["status"], view),
             when(t["start"], view), when(t["finish"], view),
             duration(t["slack_minutes"], view)
             + (f" ({view.t('report.critical_mark')})" if t["critical"] else "")]
            for t in cutover["critical_path"]]


def _path_headers(view: DocView) -> list[str]:
    return [view.t("key"), view.t("title"), view.t("owner"), view.t("status"),
            view.zoned("start"), view.t("report.finish"), view.t("report.slack")]


def _attention_rows(cutover: SteeringCutover, view: DocView) -> list[list[str]]:
    return [[t["key"], t["title"], t["owner"], view.t(f"report.why.{t['why']}"),
             when(t["since"], view), t["reason"] or ""] for t in cutover["attention"]]


def _attention_headers(view: DocView) -> list[str]:
    return [view.t("key"), view.t("title"), view.t("owner"), view.t("report.why"),
            view.zoned("report.since"), view.t("reasons")]


def _no_attention(cutover: SteeringCutover, view: DocView) -> str:
    if cutover["run"] is None:
        return view.t("report.no_run")
    return view.t("report.no_attention", run=cutover["run"])


def cutover_steering_html(report: Report, view: DocView) -> str:
    steering = steering_of(report)
    if steering is not None and steering.get("error"):
        return h.block(h.heading(view.t("report.cutover")),
                       h.paragraph(f"<b>{h.esc(steering['error'])}</b>"))
    if steering is None or not steering["cutover"]["critical_path"]:
        return ""
    cutover = steering["cutover"]
    parts = [h.heading(view.t("report.cutover")),
             h.paragraph(f"<b>{h.esc(_path_title(cutover, view))}</b>"),
             h.table(_path_headers(view), [[h.esc(c) for c in row]
                                           for row in _path_rows(cutover, view)],
                     row_styles=["font-weight:bold" if t["critical"] else ""
                                 for t in cutover["critical_path"]]),
             h.paragraph(f"<b>{h.esc(view.t('report.attention'))}</b>")]
    if cutover["attention"]:
        parts.append(h.table(_attention_headers(view),
                             [[h.esc(c) for c in row] for row in _attention_rows(cutover, view)],
                             row_styles=["color:#c62828" if t["why"] == "failed" else ""
                                         for t in cutover["attention"]]))
    else:
        parts.append(h.paragraph(h.esc(_no_attention(cutover, view)), muted=True))
    return h.block(*parts, keep_together=False)


def cutover_steering_markdown(report: Report, view: DocView) -> str:
    steering = steering_of(report)
    if steering is not None and steering.get("error"):
        return f"## {view.t('report.cutover')}\n\n**{steering['error']}**\n"
    if steering is None or not steering["cutover"]["critical_path"]:
        return ""
    cutover = steering["cutover"]
    parts = [f"## {view.t('report.cutover')}\n", f"**{_path_title(cutover, view)}**\n",
             md_table(_path_headers(view), _path_rows(cutover, view)),
             f"**{view.t('report.attention')}**\n"]
    parts.append(md_table(_attention_headers(view), _attention_rows(cutover, view))
                 if cutover["attention"] else _no_attention(cutover, view) + "\n")
    return "\n".join(parts)


# --- rehearsals compared ------------------------------------------------------------------

def _rehearsal_summary(result: RehearsalResult, view: DocView) -> str:
    run, work = result["run"], result["run"]["work"]
    line = view.t("report.rehearsal_line", start=when(run["started_at"], view),
                  end=when(run["finished_at"], view),
                  elapsed=duration(run["elapsed_minutes"], view), done=work["done"],
                  planned=duration(work["planned_minutes"], view),
                  actual=duration(work["actual_minutes"], view),
                  overrun=duration(work["overrun_minutes"], view, sign=True))
    if result["fitted_window"] is None:
        return f"{line}. {view.t('report.no_window')}"
    key = "report.fitted" if result["fitted_window"] else "report.not_fitted"
    return f"{line}. {view.t(key, window=duration(result['window_minutes'], view))}"


def _work_rows(result: RehearsalResult, view: DocView) -> list[list[str]]:
    rows = [[w["workstream"], str(w["done"]), duration(w["planned_minutes"], view),
             duration(w["actual_minutes"], view), duration(w["overrun_minutes"], view, sign=True)]
            for w in result["workstreams"]]
    work = result["run"]["work"]
    rows.append([view.t("report.whole"), str(work["done"]),
                 duration(work["planned_minutes"], view), duration(work["actual_minutes"], view),
                 duration(work["overrun_minutes"], view, sign=True)])
    return rows


def _work_headers(view: DocView) -> list[str]:
    return [view.t("report.workstream"), view.t("report.tasks_done_n"), view.t("planned"),
            view.t("actual"), view.t("report.overrun")]


def _overrun_rows(result: RehearsalResult, view: DocView) -> list[list[str]]:
    return [[o["key"], o["title"], o["workstream"], duration(o["planned_minutes"], view),
             duration(o["actual_minutes"], view), duration(o["overrun_minutes"], view, sign=True),
             "" if o["ratio"] is None else f"×{format_number(o['ratio'], view.lang)}"]
            for o in result["biggest_overruns"]]


def _overrun_headers(view: DocView) -> list[str]:
    return [view.t("key"), view.t("title"), view.t("report.workstream"), view.t("planned"),
            view.t("actual"), view.t("report.overrun"), view.t("report.ratio")]


def work_chart(result: RehearsalResult, view: DocView) -> str:
    """Planned and actual hours per workstream as paired horizontal bars (inline SVG)."""
    from html import escape

    streams = result["workstreams"]
    if not streams:
        return ""
    title = view.t("report.work_chart", run=result["run"]["name"])
    label_w, right, bar, gap, width = 110, 60, 9, 8, 640
    top = 26
    height = top + len(streams) * (2 * bar + gap) + 28
    high = max(max(w["planned_minutes"], w["actual_minutes"]) for w in streams) or 1
    scale = (width - label_w - right) / high
    parts = [f'<svg viewBox="0 0 {width} {height}" width="{width}" height="{height}" '
             f'role="img" aria-label="{escape(title)}" font-family="-apple-system, Segoe UI, '
             f'Roboto, Helvetica, Arial, sans-serif" font-size="11">',
             f'<text x="0" y="14" font-size="13" font-weight="bold" fill="#212121">'
             f'{escape(title)}</text>']
    for row, w in enumerate(streams):
        y = top + row * (2 * bar + gap)
        parts.append(f'<text x="{label_w - 8}" y="{y + bar + 3}" text-anchor="end" '
                     f'fill="#212121">{escape(w["workstream"])}</text>')
        for offset, minutes, colour in ((0, w["planned_minutes"], PLANNED_COLOUR),
                                        (bar, w["actual_minutes"], ACTUAL_COLOUR)):
            length = max(minutes * scale, 1)
            parts.append(f'<rect x="{label_w}" y="{y + offset}" width="{length:.1f}" '
                         f'height="{bar}" fill="{colour}"/>')
            parts.append(f'<text x="{label_w + length + 4:.1f}" y="{y + offset + bar - 1}" '
                         f'fill="#616161" font-size="9">'
                         f'{escape(format_number(round(minutes / 60, 1), view.lang))}</text>')
    legend_y = height - 8
    for index, (name, colour) in enumerate(((view.t("planned"), PLANNED_COLOUR),
                                            (view.t("actual"), ACTUAL_COLOUR))):
        x = label_w + index * 120
        parts.append(f'<rect x="{x}" y="{legend_y - 9}" width="10" height="10" '
                     f'fill="{colour}"/><text x="{x + 14}" y="{legend_y}" fill="#212121">'
                     f'{escape(name)}</text>')
    parts.append("</svg>")
    return "".join(parts)


def _estimates_parts(steering: SteeringDocument, view: DocView
                     ) -> tuple[str, list[list[str]], list[str]]:
    """(summary sentence, biggest changes as rows, applied re-estimates as lines)."""
    est = steering["estimates"]
    sentence = view.t("report.estimates_line", tasks=est["tasks_with_actuals"],
                      longer=est["longer"], shorter=est["shorter"],
                      planned=duration(est["planned_minutes"], view),
                      median=duration(est["median_minutes"], view))
    rows = [[r["key"], r["title"], duration(r["planned_minutes"], view),
             duration(r["median_minutes"], view),
             duration(r["median_minutes"] - r["planned_minutes"], view, sign=True),
             str(r["samples"])] for r in est["biggest_changes"]]
    applied = [view.t("report.applied_line", at=when(a["at"], view), actor=a["actor"],
                      changed=a["changed"], runs=", ".join(a["runs"]),
                      change=duration(a["end_change_minutes"], view, sign=True) or "–")
               for a in est["applied"]]
    return sentence, rows, applied


def _estimate_headers(view: DocView) -> list[str]:
    return [view.t("key"), view.t("title"), view.t("planned"), view.t("report.median"),
            view.t("change"), view.t("report.samples")]


def rehearsals_html(report: Report, view: DocView) -> str:
    steering = steering_of(report)
    if steering is None:
        return ""
    parts = [h.heading(view.t("report.rehearsals"))]
    if not steering["rehearsals"]:
        parts.append(h.paragraph(h.esc(view.t("report.no_rehearsals")), muted=True))
        return h.block(*parts, keep_together=False)
    for result in steering["rehearsals"]:
        parts.append(h.heading(result["run"]["name"], level=3))
        parts.append(h.paragraph(h.esc(_rehearsal_summary(result, view))))
        chart = work_chart(result, view)
        if chart:
            parts.append(f'<div class="chart" style="margin:6px 0">{chart}</div>')
        parts.append(h.table(_work_headers(view), [[h.esc(c) for c in row]
                                                   for row in _work_rows(result, view)],
                             align=["left", "right", "right", "right", "right"]))
        if result["biggest_overruns"]:
            parts.append(h.paragraph(f"<b>{h.esc(view.t('report.biggest_overruns'))}</b>"))
            parts.append(h.table(_overrun_headers(view),
                                 [[h.esc(c) for c in row]
                                  for row in _overrun_rows(result, view)]))
    sentence, rows, applied = _estimates_parts(steering, view)
    parts.append(h.heading(view.t("report.estimates"), level=3))
    parts.append(h.paragraph(h.esc(sentence)))
    if rows:
        parts.append(h.table(_estimate_headers(view), [[h.esc(c) for c in row] for row in rows]))
    parts.append(h.paragraph("<br/>".join(h.esc(line) for line in applied) if applied
                             else h.esc(view.t("report.none_applied")), muted=not applied))
    return h.block(*parts, keep_together=False)


def rehearsals_markdown(report: Report, view: DocView) -> str:
    steering = steering_of(report)
    if steering is None:
        return ""
    parts = [f"## {view.t('report.rehearsals')}\n"]
    if not steering["rehearsals"]:
        return parts[0] + "\n" + view.t("report.no_rehearsals") + "\n"
    for result in steering["rehearsals"]:
        parts.append(f"### {result['run']['name']}\n\n{_rehearsal_summary(result, view)}\n")
        parts.append(md_table(_work_headers(view), _work_rows(result, view),
                              align=["left", "right", "right", "right", "right"]))
        if result["biggest_overruns"]:
            parts.append(f"**{view.t('report.biggest_overruns')}**\n")
            parts.append(md_table(_overrun_headers(view), _overrun_rows(result, view)))
    sentence, rows, applied = _estimates_parts(steering, view)
    parts.append(f"### {view.t('report.estimates')}\n\n{sentence}\n")
    if rows:
        parts.append(md_table(_estimate_headers(view), rows))
    parts.extend(f"- {line}" for line in applied)
    if not applied:
        parts.append(view.t("report.none_applied") + "\n")
    return "\n".join(parts)


# --- the board's block of the active run's tasks ------------------------------------------

def run_tasks_html(cutover: SteeringCutover, view: DocView) -> str:
    """What can start now, what is running, what is late, failed or blocked (the board)."""
    if cutover["run"] is None:
        return h.block(h.heading(view.t("report.run_tasks", run="–")),
                       h.paragraph(h.esc(view.t("no_active_run")), muted=True))
    headers = [view.t("key"), view.t("title"), view.t("owner"), view.zoned("start"),
               view.t("report.finish"), view.t("report.slack")]

    def rows(items: Sequence[Mapping[str, Any]]) -> list[list[str]]:
        return [[f"<b>{h.esc(t['key'])}</b>" + (" ★" if t.get("critical") else ""),
                 h.esc(t["title"]), h.esc(t["owner"]), h.esc(when(t["start"], view)),
                 h.esc(when(t["finish"], view)), h.esc(duration(t["slack_minutes"], view))]
                for t in items]

    parts = [h.heading(view.t("report.run_tasks", run=cutover["run"]))]
    for key, items, empty in (("report.running", cutover["running"], "report.nothing_running"),
                              ("report.ready", cutover["ready"], "report.nothing_ready")):
        parts.append(f'<div data-list="{key.removeprefix("report.")}">'
                     + h.paragraph(f"<b>{h.esc(view.t(key))}</b>"))
        parts.append((h.table(headers, rows(items)) if items
                      else h.paragraph(h.esc(view.t(empty)), muted=True)) + "</div>")
    parts.append('<div data-list="attention">'
                 + h.paragraph(f"<b>{h.esc(view.t('report.attention'))}</b>"))
    parts.append((h.table(_attention_headers(view),
                          [[h.esc(c) for c in row] for row in _attention_rows(cutover, view)])
                  if cutover["attention"] else
                  h.paragraph(h.esc(_no_attention(cutover, view)), muted=True)) + "</div>")
    return h.block(*parts, keep_together=False)
