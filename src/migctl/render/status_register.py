"""The programme register's views: actions by category, every overdue action, the top risks
with their trend and mitigation, and the 5×5 heat map (SVG, its numbers also in a table)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from migctl.render import html as h
from migctl.render.i18n import format_date, label
from migctl.render.markdown import md_table
from migctl.render.register import (
    action_status_label,
    category_label,
    heat_map_svg,
    trend_label,
)
from migctl.render.sections import DocView, SectionViews
from migctl.services.register.fields import ACTION_STATUSES
from migctl.services.status.registry import REGISTER

if TYPE_CHECKING:
    from rich.console import RenderableType

    from migctl.services.register.status import RegisterStatusSection


def _summary(section: RegisterStatusSection, lang: str) -> str:
    actions, risks = section["actions"], section["risks"]
    return label("register_summary", lang, open=actions["open"], overdue=actions["overdue"],
                 done=actions["done"], risks=risks["open"], high=risks["high"],
                 high_score=risks["high_score"])


def _overdue_rows(section: RegisterStatusSection, lang: str) -> list[list[str]]:
    return [[a["key"], a["title"], a["owner"], format_date(a["due"], lang),
             label("days_overdue_n", lang, n=a["days_overdue"])] for a in section["overdue"]]


def _overdue_headers(lang: str) -> list[str]:
    return [label(k, lang) for k in ("key", "title", "owner", "due", "overdue")]


def _risk_rows(section: RegisterStatusSection, lang: str) -> list[list[str]]:
    return [[r["key"], str(r["score"]), trend_label(r["trend"], lang), r["title"], r["owner"],
             r["mitigation"] or "",
             action_status_label(r["mitigation_status"], lang) if r["mitigation_status"]
             else ""] for r in section["top_risks"]]


def _risk_headers(lang: str) -> list[str]:
    return [label(k, lang) for k in ("key", "score", "trend", "title", "owner", "mitigation",
                                     "status")]


def _category_rows(section: RegisterStatusSection, lang: str) -> list[list[str]]:
    return [[category_label(category, lang),
             *(str(counts.get(status, 0)) for status in ACTION_STATUSES)]
            for category, counts in section["actions"]["by_category"].items()]


def _category_headers(lang: str) -> list[str]:
    return [label("category", lang), *(action_status_label(s, lang) for s in ACTION_STATUSES)]


def _owner_rows(section: RegisterStatusSection) -> list[list[str]]:
    return [[owner or "–", str(counts["open"]), str(counts["overdue"]), str(counts["done"])]
            for owner, counts in section["actions"]["by_owner"].items()]


def _owner_headers(lang: str) -> list[str]:
    return [label("owner", lang), action_status_label("open", lang), label("overdue", lang),
            action_status_label("done", lang)]


def _heat_rows(section: RegisterStatusSection) -> list[list[str]]:
    cells = section["heat_map"]
    return [[str(likelihood), *(str(cells[likelihood - 1][impact - 1]) for impact in
                                range(1, 6))] for likelihood in range(5, 0, -1)]


def _heat_headers(lang: str) -> list[str]:
    return [label("likelihood", lang), *(f"{label('impact_short', lang)}{i}"
                                         for i in range(1, 6))]


def register_view(section: RegisterStatusSection, view: DocView) -> list[RenderableType]:
    from rich.text import Text

    from migctl.render.tables import Col, build_table

    lang = view.lang
    parts: list[RenderableType] = [Text.assemble((f"{view.t('fi_register')}  ", "bold"),
                                                 _summary(section, lang))]
    if section["overdue"]:
        parts.append(build_table(
            [dict(zip(("key", "title", "owner", "due", "late"), row, strict=True))
             for row in _overdue_rows(section, lang)],
            [Col("key", view.t("fi_overdue"), style="bold"),
             Col("title", view.t("title"), wrap=True),
             Col("owner", view.t("owner")), Col("due", view.t("fi_due")),
             Col("late", view.t("fi_late"), justify="right")],
            row_style=lambda r: "red"))
    if section["top_risks"]:
        parts.append(build_table(
            [dict(zip(("key", "score", "trend", "title", "owner", "mitigation", "status"), row,
                      strict=True)) for row in _risk_rows(section, lang)],
            [Col("key", view.t("fi_risk"), style="bold"),
             Col("score", view.t("fi_score"), justify="right"),
             Col("trend", view.t("trend")), Col("title", view.t("title"), wrap=True),
             Col("owner", view.t("owner")),
             Col("mitigation", view.t("fi_mitigation")), Col("status", view.t("status"))]))
    return parts


def register_markdown(section: RegisterStatusSection, view: DocView) -> str:
    lang = view.lang
    parts = [f"## {REGISTER.title(lang)}\n", _summary(section, lang) + "\n",
             f"### {view.t('actions_by_category')}\n",
             md_table(_category_headers(lang), _category_rows(section, lang)),
             f"### {view.t('actions_by_owner')}\n",
             md_table(_owner_headers(lang), _owner_rows(section))]
    if section["overdue"]:
        parts += [f"### {view.t('overdue_actions')}\n",
                  md_table(_overdue_headers(lang), _overdue_rows(section, lang))]
    if section["top_risks"]:
        parts += [f"### {view.t('top_risks')}\n",
                  md_table(_risk_headers(lang), _risk_rows(section, lang))]
    parts += [f"### {label('risk_heat_map', lang)}\n",
              md_table(_heat_headers(lang), _heat_rows(section))]
    return "\n".join(parts)


def _esc_rows(rows: list[list[str]]) -> list[list[str]]:
    return [[h.esc(cell) for cell in row] for row in rows]


def register_html(section: RegisterStatusSection, view: DocView) -> str:
    lang = view.lang
    parts = [h.heading(REGISTER.title(lang)), h.paragraph(h.esc(_summary(section, lang))),
             h.heading(view.t("actions_by_category"), 3),
             h.table(_category_headers(lang), _esc_rows(_category_rows(section, lang))),
             h.heading(view.t("actions_by_owner"), 3),
             h.table(_owner_headers(lang), _esc_rows(_owner_rows(section)))]
    if section["overdue"]:
        parts += [h.heading(view.t("overdue_actions"), 3),
                  h.table(_overdue_headers(lang), _esc_rows(_overdue_rows(section, lang)),
                          row_styles=["color:#c62828"] * len(section["overdue"]))]
    if section["top_risks"]:
        parts += [h.heading(view.t("top_risks"), 3),
                  h.table(_risk_headers(lang), _esc_rows(_risk_rows(section, lang)))]
    parts += [heat_map_svg(section["heat_map"], high_score=section["risks"]["high_score"],
                           lang=lang),
              h.table(_heat_headers(lang), _esc_rows(_heat_rows(section)))]
    return h.block(*parts, keep_together=False)


VIEWS: SectionViews[RegisterStatusSection] = SectionViews(register_view, register_markdown,
                                                          register_html)
