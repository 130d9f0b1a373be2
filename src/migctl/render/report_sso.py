"""The report's SSO matrix: each system and environment's last result, in the view's language,
with the result's age; the pass rate per environment ("–" where nothing ran)."""

from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any

from migctl.render import html as h
from migctl.render.i18n import format_number
from migctl.render.markdown import md_table
from migctl.render.report_steering import status_word
from migctl.render.sections import DocView
from migctl.render.status_sso import matrix_grid
from migctl.services.status.registry import SSO

if TYPE_CHECKING:
    from migctl.services.sso.status import SsoSection

LEVEL = {"pass": "green", "warn": "amber", "fail": "red", "error": "red"}
MARK = {"pass": "✓", "warn": "!", "fail": "✗", "error": "✗"}


def age_text(minutes: object, view: DocView) -> str:
    """How old the last result is: minutes, hours, then days."""
    if isinstance(minutes, bool) or not isinstance(minutes, int | float):
        return ""
    age = int(minutes)
    if age < 120:
        return view.t("minutes_ago", n=age)
    if age < 48 * 60:
        return view.t("report.age_hours", n=age // 60)
    return view.t("report.age_days", n=age // 1440)


def _cell(item: Mapping[str, Any], view: DocView) -> tuple[str, str, str]:
    """(status key, its word, the result's age)."""
    status = str(item.get("status", "")).lower()
    return status, status_word(status, view, "sso_status"), age_text(item.get("age_minutes"),
                                                                      view)


def _rates(section: SsoSection, environments: list[str], view: DocView) -> list[str] | None:
    rates = section.get("pass_rate") or {}
    if not isinstance(rates, Mapping) or not rates:
        return None
    return [f"{format_number(rates[e], view.lang)} %" if rates.get(e) is not None
            else view.t("report.not_run") for e in environments]


Cell = tuple[str, str, str]  # (status, its word, the last result's age)


def _matrix(section: SsoSection, view: DocView
            ) -> tuple[list[str], list[tuple[str, list[Cell | None]]]]:
    """(environments, [(system, its cells per environment, None where no check is)])."""
    systems, environments, cells = matrix_grid(section)
    return environments, [(system, [_cell(item, view) if item is not None else None
                                    for item in (cells.get((system, env))
                                                 for env in environments)])
                          for system in systems]


def sso_matrix_html(section: SsoSection, view: DocView) -> str:
    if not section.get("matrix"):
        return ""
    environments, matrix = _matrix(section, view)
    rows = []
    for system, cells in matrix:
        row = [h.nowrap(f"<b>{h.esc(system)}</b>")]
        for cell in cells:
            if cell is None:
                row.append("–")
                continue
            status, word, age = cell
            row.append(h.badge(LEVEL.get(status, "grey"), f"{MARK.get(status, '')} {word}"
                               .strip())
                       + (f'<br/><span style="color:#757575;font-size:11px">{h.esc(age)}'
                          "</span>" if age else ""))
        rows.append(row)
    rates = _rates(section, environments, view)
    if rates is not None:
        rows.append([f"<b>{h.esc(view.t('pass_rate'))}</b>", *[h.esc(r) for r in rates]])
    return h.block(h.heading(SSO.title(view.lang)),
                   h.table([view.t("system"), *environments], rows))


def sso_matrix_markdown(section: SsoSection, view: DocView) -> str:
    if not section.get("matrix"):
        return ""
    environments, matrix = _matrix(section, view)
    rows: list[list[str]] = [
        [system, *("–" if cell is None else f"{MARK.get(cell[0], '')} {cell[1]}".strip()
                   + (f", {cell[2]}" if cell[2] else "") for cell in cells)]
        for system, cells in matrix]
    rates = _rates(section, environments, view)
    if rates is not None:
        rows.append([view.t("pass_rate"), *rates])
    return f"## {SSO.title(view.lang)}\n\n" + md_table([view.t("system"), *environments], rows)
