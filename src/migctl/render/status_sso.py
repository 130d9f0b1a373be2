"""The SSO section's views: counts, the last run, the matrix and what fails (terminal); the
systems × environments matrix with pass rates (documents, the steering report's block too)."""

from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING

from migctl.render import html as h
from migctl.render.i18n import format_number
from migctl.render.markdown import md_table
from migctl.render.sections import DocView, SectionViews
from migctl.render.sso import STATUS_STYLE, age_text, matrix_table
from migctl.services.status.registry import SSO

if TYPE_CHECKING:
    from rich.console import RenderableType

    from migctl.services.sso.status import MatrixCell, Problem, SsoSection

#: A check's status → the RAG colour documents show it in.
SSO_LEVEL = {"pass": "green", "passed": "green", "ok": "green", "warn": "amber",
             "warning": "amber", "fail": "red", "failed": "red", "error": "red"}
RAG_WORD = {"green": "🟢 ", "amber": "🟠 ", "red": "🔴 "}


def sso_view(section: SsoSection, view: DocView) -> list[RenderableType]:
    from rich.text import Text

    counts = section["counts"]
    line = Text()
    line.append("SSO  ", style="bold")
    if not counts["checks"]:
        line.append(view.t("fi_sso_none"), style="dim")
        return [line]
    line.append(view.t("fi_sso_checks", n=counts["checks"]))
    parts = [("pass", counts["pass"], "pass"), ("warn", counts["warn"], "warn"),
             ("fail", counts["fail"], "fail"), ("never", counts["never"], "never run")]
    for index, (status, count, word) in enumerate(parts):
        shown = word if view.lang == "en" else view.t(f"sso_status.{status}")
        line.append(f"{count} {shown}", style=STATUS_STYLE[status] if count else "")
        line.append(", " if index < len(parts) - 1 else "")
    last = section["last_run"]
    if last is None:
        line.append(view.t("fi_sso_never_run"), style="dim")
    else:
        age = _age_text(last["age_minutes"], view)
        line.append(view.t("fi_sso_last_run", age=age) if last["age_minutes"]
                    else view.t("fi_sso_just_now"))
    parts_out: list[RenderableType] = [line, matrix_table(
        {"environments": section["environments"], "matrix": section["matrix"]})
        if view.lang == "en" else _matrix_fi(section, view)]
    for problem in section["problems"]:
        text = Text("  ")
        text.append(view.word("sso_status", problem["status"]),
                    style=STATUS_STYLE[problem["status"]])
        text.append(f" {problem['system']}/{problem['env']} {problem['kind']} "
                    f"{','.join(problem['codes'])}: {_problem_text(problem, view)}")
        parts_out.append(text)
    for expiry in section.get("expiries", []):
        text = Text(f"  {view.t('fi_certificate')} ")
        style = {"error": "red", "warning": "yellow"}.get(expiry["severity"] or "", "")
        expires = view.date(expiry["not_after"].date()) if expiry["not_after"] else "–"
        text.append(f"{expires} ({expiry['days_left']} {view.t('fi_d')})", style=style)
        text.append(f" {expiry['subject'] or ''}")
        if expiry["collides_with"]:
            text.append(f": {_collides(expiry['collides_with'], view)}", style=style)
        parts_out.append(text)
    return parts_out


def _problem_text(problem: Problem, view: DocView) -> str:
    """A failing check's finding: its own (English) message, or in another language what its
    codes mean from the catalogue (the message stays in `status -f json` and `sso history`)."""
    if view.lang == "en" or not problem["codes"]:
        return problem["message"]
    worded = [view.t(f"i17rest.sso.{code}") for code in problem["codes"]]
    if any(text.startswith("i17rest.") for text in worded):  # a code the catalogue lacks
        return problem["message"]
    return "; ".join(worded)


def _collides(value: str, view: DocView) -> str:
    return value if view.lang == "en" else view.t(f"sso.collides.{value}")


def _age_text(minutes: int | None, view: DocView) -> str:
    """``age_text`` in the view's language: ``juuri nyt``, ``12 min``, ``5 h``, ``3 pv``."""
    if view.lang == "en" or minutes is None:
        return age_text(minutes)
    if minutes < 1:
        return view.t("fi_just_now")
    text = age_text(minutes)
    return text[:-1] + view.t("fi_d") if text.endswith(" d") else text


def _cell_fi(item: MatrixCell | None, view: DocView) -> str:
    """A matrix cell's markup in the view's language: its status word, how many when mixed,
    its age; "–" when nothing ran."""
    from rich.markup import escape

    if item is None or item["status"] == "never":
        return "[dim]–[/]"
    status = item["status"]
    text = view.t(f"sso_status.{status}")
    count = item.get(status, 0)
    if item["checks"] > 1 and count != item["checks"]:
        text += f" {count}/{item['checks']}"
    age = _age_text(item["age_minutes"], view)
    if age:
        text += f" · {age}"
    return f"[{STATUS_STYLE[status]}]{escape(text)}[/]"


def _matrix_fi(section: SsoSection, view: DocView) -> RenderableType:
    from rich import box
    from rich.table import Table

    table = Table(box=box.SIMPLE_HEAD, pad_edge=False)
    table.add_column(view.t("system"), style="bold", no_wrap=True)
    systems, environments, cells = matrix_grid(section)
    for env in environments:
        table.add_column(env, no_wrap=True)
    for system in systems:
        table.add_row(system, *[_cell_fi(cells.get((system, env)), view)
                                for env in environments])
    return table


# --- documents ----------------------------------------------------------------------------

def matrix_grid(section: SsoSection
                ) -> tuple[list[str], list[str], dict[tuple[str, str], MatrixCell]]:
    """(systems, environments, (system, env) → cell) in the order the section gives them."""
    cells: dict[tuple[str, str], MatrixCell] = {}
    systems: list[str] = []
    # .get and isinstance: a document from elsewhere may lack parts; they are left out
    environments = [str(e) for e in section.get("environments", []) or []]
    for item in section.get("matrix", []) or []:
        if not isinstance(item, Mapping):
            continue
        system, env = str(item.get("system", "")), str(item.get("env", ""))
        cells[(system, env)] = item
        if system not in systems:
            systems.append(system)
        if env not in environments:
            environments.append(env)
    return systems, environments, cells


def _age(item: MatrixCell, view: DocView) -> str:
    age = item.get("age_minutes")
    return view.t("minutes_ago", n=age) if isinstance(age, int | float) else ""


def _rates(section: SsoSection, environments: list[str], view: DocView) -> list[str] | None:
    """The pass-rate row's cells (text), None when no environment has a rate."""
    rates = section.get("pass_rate") or {}
    if not isinstance(rates, Mapping) or not rates:
        return None
    # "–": no check of that environment ran, so there is no rate (issue 17)
    return [f"{format_number(rates[e], view.lang)} %" if rates.get(e) is not None else "–"
            for e in environments]


def sso_html(section: SsoSection, view: DocView) -> str:
    if not section.get("matrix"):  # no checks configured: no empty block
        return ""
    systems, environments, cells = matrix_grid(section)
    rows = []
    for system in systems:
        row = [h.nowrap(f"<b>{h.esc(system)}</b>")]
        for env in environments:
            item = cells.get((system, env))
            if item is None:
                row.append("–")
                continue
            status = str(item.get("status", ""))
            age = _age(item, view)
            row.append(h.badge(SSO_LEVEL.get(status.lower(), "grey"), status)
                       + (f'<br/><span style="color:#757575;font-size:11px">{h.esc(age)}'
                          "</span>" if age else ""))
        rows.append(row)
    rates = _rates(section, environments, view)
    if rates is not None:
        rows.append([f"<b>{h.esc(view.t('pass_rate'))}</b>", *[h.esc(r) if r else ""
                                                                 for r in rates]])
    expiries = _expiry_rows(section, view)
    return h.block(h.heading(SSO.title(view.lang)),
                   h.table([view.t("system"), *environments], rows),
                   *([f"<p><b>{h.esc(view.t('sso.next_expiries'))}</b></p>",
                      h.table(_expiry_headers(view), [[h.esc(c) for c in r] for r in expiries])]
                     if expiries else []))


def sso_markdown(section: SsoSection, view: DocView) -> str:
    if not section.get("matrix"):  # no checks configured: no empty block
        return ""
    systems, environments, cells = matrix_grid(section)
    rows: list[list[str]] = []
    for system in systems:
        row = [system]
        for env in environments:
            item = cells.get((system, env))
            row.append("–" if item is None else
                       f"{RAG_WORD.get(SSO_LEVEL.get(str(item.get('status', '')).lower(), ''), '')}"
                       f"{item.get('status', '')} {_age(item, view)}".strip())
        rows.append(row)
    rates = _rates(section, environments, view)
    if rates is not None:
        rows.append([view.t("pass_rate"), *rates])
    text = f"## {SSO.title(view.lang)}\n\n" + md_table([view.t("system"), *environments], rows)
    expiries = _expiry_rows(section, view)
    if expiries:
        text += (f"\n\n**{view.t('sso.next_expiries')}**\n\n"
                 + md_table(_expiry_headers(view), expiries))
    return text


def _expiry_headers(view: DocView) -> list[str]:
    return [view.t("sso.expires"), view.t("sso.days_left"), view.t("sso.collides_with"),
            view.t("sso.subject"), view.t("sso.checks")]


def _expiry_rows(section: SsoSection, view: DocView) -> list[list[str]]:
    """The next expiries: date, days left, the milestone hit, subject, the checks seeing it."""
    rows = []
    for row in section.get("expiries", []) or []:
        if not isinstance(row, Mapping):
            continue
        not_after = row.get("not_after")
        collides = row.get("collides_with")
        rows.append([
            f"{not_after:%Y-%m-%d}" if hasattr(not_after, "strftime") else "–",
            str(row.get("days_left", "")),
            view.t(f"sso.collides.{collides}") if collides else "–",
            str(row.get("subject") or ""),
            ", ".join(sorted({f"{s['check']} {s['env']}" for s in row.get("seen", [])}))])
    return rows


VIEWS: SectionViews[SsoSection] = SectionViews(sso_view, sso_markdown, sso_html)
