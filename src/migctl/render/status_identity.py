"""The "People — accounts and training" section's views: the latest identity check's coverage
per environment, system and training, against the targets, and its findings by code."""

from __future__ import annotations

from decimal import Decimal
from typing import TYPE_CHECKING

from migctl.render import html as h
from migctl.render.catalogue.finnish import counted
from migctl.render.i18n import format_date, format_number, label
from migctl.render.markdown import md_table
from migctl.render.sections import DocView, SectionViews
from migctl.services.status.registry import IDENTITY

if TYPE_CHECKING:
    from rich.console import RenderableType

    from migctl.services.identity.documents import RunSummary
    from migctl.services.identity.status import IdentitySection


def _summary(section: IdentitySection, lang: str) -> str:
    run = section["run"]
    if run is None:
        return label("identity.none", lang)
    if lang == "fi":  # the counts worded in their number: "1 varoitus", "76 virhettä"
        return label("fi_identity_summary", lang, run=run["run_id"], on=_day(run["on"]),
                     active=counted(sum(run["active"].values()), "active_person", lang),
                     errors=counted(run["errors"], "error", lang),
                     warnings=counted(run["warnings"], "warning", lang),
                     target=format_number(section["coverage_target"], lang),
                     trained=format_number(section["training_target"], lang))
    return label("identity.summary", lang, run=run["run_id"], on=run["on"],
                 active=sum(run["active"].values()), errors=run["errors"],
                 warnings=run["warnings"],
                 target=format_number(section["coverage_target"], lang),
                 trained=format_number(section["training_target"], lang))


def _day(on: object) -> str:
    """The run's day as Finnish writes it (4.1.2027); a value that is not a date as it is."""
    from datetime import date

    if isinstance(on, str):
        try:
            on = date.fromisoformat(on)
        except ValueError:
            return str(on)
    return format_date(on, "fi") if isinstance(on, date) else str(on)


def _rows(section: IdentitySection, lang: str) -> list[tuple[list[str], bool]]:
    """[measure, subject, active, %] and whether the row is below its target."""
    run: RunSummary | None = section["run"]
    if run is None:
        return []
    target, trained = section["coverage_target"], section["training_target"]
    rows: list[tuple[list[str], bool]] = []

    def add(measure: str, figures: dict[str, Decimal], aim: Decimal, active: bool) -> None:
        for subject, pct in figures.items():
            count = str(run["active"].get(subject, 0)) if active else ""
            rows.append(([label(measure, lang), subject, count,
                          format_number(pct, lang, places=2)], pct < aim))

    add("identity.accounts", run["coverage_pct"], target, True)
    add("identity.system_users", run["system_coverage_pct"], target, False)
    add("identity.training", run["training_coverage_pct"], trained, False)
    return rows


def _headers(lang: str) -> list[str]:
    return [label("identity.measure", lang), label("identity.subject", lang),
            label("identity.active", lang), label("identity.pct", lang)]


def _counts(section: IdentitySection) -> str:
    run = section["run"]
    if run is None:
        return ""
    return ", ".join(f"{code} {n}" for code, n in sorted(run["counts"].items()) if n)


def identity_view(section: IdentitySection, view: DocView) -> list[RenderableType]:
    from rich.text import Text

    from migctl.render.tables import Col, build_table

    parts: list[RenderableType] = [Text.assemble((f"{IDENTITY.title(view.lang)}  ", "bold"),
                                                 _summary(section, view.lang))]
    rows = _rows(section, view.lang)
    if rows:
        names = ("measure", "subject", "active", "pct", "low")
        parts.append(build_table(
            [dict(zip(names, [*row, "low" if low else ""], strict=True)) for row, low in rows],
            [Col("measure", view.t("fi_coverage_of")),
             Col("subject", view.t("fi_env_or_system"), style="bold"),
             Col("active", view.t("fi_active"), justify="right"),
             Col("pct", "%", justify="right")],
            row_style=lambda r: "red" if r["low"] else None))
    if _counts(section):
        parts.append(Text(f"{view.t('fi_findings')}: {_counts(section)}"))
    return parts


def identity_markdown(section: IdentitySection, view: DocView) -> str:
    parts = [f"## {IDENTITY.title(view.lang)}\n", _summary(section, view.lang) + "\n"]
    rows = _rows(section, view.lang)
    if rows:
        parts.append(md_table(_headers(view.lang), [row for row, _ in rows],
                              align=["left", "left", "right", "right"]))
    if _counts(section):
        parts.append(f"\n{label('identity.findings', view.lang)}: {_counts(section)}\n")
    return "\n".join(parts)


def identity_html(section: IdentitySection, view: DocView) -> str:
    parts = [h.heading(IDENTITY.title(view.lang)),
             h.paragraph(h.esc(_summary(section, view.lang)))]
    rows = _rows(section, view.lang)
    if rows:
        parts.append(h.table(_headers(view.lang), [[h.esc(c) for c in row] for row, _ in rows],
                             align=["left", "left", "right", "right"],
                             row_styles=["color:#c62828" if low else "" for _, low in rows]))
    if _counts(section):
        parts.append(h.paragraph(h.esc(f"{label('identity.findings', view.lang)}: "
                                       f"{_counts(section)}")))
    return h.block(*parts)


VIEWS: SectionViews[IdentitySection] = SectionViews(identity_view, identity_markdown,
                                                    identity_html)
