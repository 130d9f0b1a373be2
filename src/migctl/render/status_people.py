"""The "People" section's views (payroll part): each payroll comparison's latest run —
employees, open differences by cause and income type, patterns, euros not explained — and the
trend across the parallel-run months. Pseudonyms only; the section lists no employee."""

from __future__ import annotations

from typing import TYPE_CHECKING

from migctl.render import html as h
from migctl.render.catalogue.finnish import counted
from migctl.render.i18n import format_number, label
from migctl.render.markdown import md_table
from migctl.render.sections import DocView, SectionViews
from migctl.render.status_load import cause_word
from migctl.services.status.registry import PEOPLE

if TYPE_CHECKING:
    from rich.console import RenderableType

    from migctl.services.recon.payroll_status import PayrollRow, PeopleSection


def _summary(section: PeopleSection, lang: str) -> str:
    t = section["totals"]
    if lang == "fi":  # the counts worded in their number: "1 palkkavertailu", "1 avoin ero"
        return label("fi_payroll_summary", lang, runs=counted(t["payroll_runs"], "payroll_run",
                                                              lang),
                     clean=t["clean"], not_clean=t["not_clean"], never=t["never_run"],
                     employees=t["employees"],
                     open=counted(t["open_differences"], "open_difference", lang),
                     eur=format_number(t["unexplained"], lang, places=2))
    return label("payroll_summary", lang, runs=t["payroll_runs"], clean=t["clean"],
                 not_clean=t["not_clean"], never=t["never_run"], employees=t["employees"],
                 open=t["open_differences"],
                 eur=format_number(t["unexplained"], lang, places=2))


def _patterns(row: PayrollRow, lang: str) -> str:
    return "; ".join(
        label("payroll_pattern_text", lang, id=p["id"], income_type=p["income_type"],
              pct=format_number(p["relative_pct"], lang, places=2, sign=True),
              members=p["members"], units=", ".join(p["org_units"]) or "-")
        + (f" ({label('payroll_accepted', lang)})" if p["accepted"] else "")
        for p in row["patterns"])


def _rows(section: PeopleSection, lang: str) -> list[list[str]]:
    rows = []
    for row in section["payroll"]:
        if row["run_id"] is None:
            rows.append([row["recon"], label("never_run", lang), "", "", "", "", "", ""])
            continue
        open_n = sum(n for c, n in row["counts"].items() if c not in ("rounding", "accepted"))
        rows.append([
            row["recon"], f"#{row['run_id']}", label("yes" if row["clean"] else "no", lang),
            str(row["employees"]), str(open_n),
            format_number(row["unexplained"], lang, places=2),
            ", ".join(f"{cause_word(c, lang)} {n}" for c, n in sorted(row["counts"].items())),
            ", ".join(f"{i} {n}" for i, n in sorted(row["open_by_income_type"].items()))])
    return rows


def _headers(lang: str) -> list[str]:
    return [label("payroll_recon", lang), label("last_run", lang), label("clean", lang),
            label("payroll_employees", lang), label("payroll_open", lang),
            label("not_explained", lang), label("payroll_by_cause", lang),
            label("payroll_by_income_type", lang)]


def _trend(section: PeopleSection, lang: str) -> list[list[str]]:
    return [[row["recon"], f"#{point['run_id']}", ", ".join(point["periods"]),
             str(point["employees"]), str(point["open"]),
             format_number(point["unexplained"], lang, places=2)]
            for row in section["payroll"] for point in row["trend"]]


def _trend_headers(lang: str) -> list[str]:
    return [label("payroll_recon", lang), label("payroll_run", lang),
            label("payroll_periods", lang), label("payroll_employees", lang),
            label("payroll_open", lang), label("not_explained", lang)]


def people_view(section: PeopleSection, view: DocView) -> list[RenderableType]:
    from rich.text import Text

    from migctl.render.tables import Col, build_table

    lang = view.lang
    parts: list[RenderableType] = [Text.assemble((view.t("fi_people_payroll"), "bold"),
                                                 _summary(section, lang))]
    if not section["payroll"]:
        return parts
    names = ("recon", "run", "clean", "employees", "open", "eur", "causes", "incomes")
    parts.append(build_table(
        [dict(zip(names, row, strict=True)) for row in _rows(section, lang)],
        [Col("recon", view.t("fi_payroll"), style="bold"), Col("run", view.t("last_run")),
         Col("clean", view.t("clean")),
         Col("employees", view.t("fi_employees"), justify="right"),
         Col("open", view.t("fi_open"), justify="right"),
         Col("eur", view.t("fi_not_explained_eur"), justify="right"),
         Col("causes", view.t("fi_by_cause"), wrap=True),
         Col("incomes", view.t("fi_open_by_income"), wrap=True)],
        row_style=lambda r: "red" if r["clean"] == view.t("no") else None))
    for row in section["payroll"]:
        if row["patterns"]:
            parts.append(Text(f"{row['recon']} {view.t('fi_patterns')}: "
                              f"{_patterns(row, lang)}"))
    trend = _trend(section, lang)
    if len(trend) > 1:
        tnames = ("recon", "run", "periods", "employees", "open", "eur")
        parts.append(build_table(
            [dict(zip(tnames, r, strict=True)) for r in trend],
            [Col("recon", view.t("fi_payroll")), Col("run", view.t("run")),
             Col("periods", view.t("fi_periods")),
             Col("employees", view.t("fi_employees"), justify="right"),
             Col("open", view.t("fi_open"), justify="right"),
             Col("eur", view.t("fi_not_explained_eur"), justify="right")],
            title=view.t("trend")))
    return parts


def people_markdown(section: PeopleSection, view: DocView) -> str:
    lang = view.lang
    parts = [f"## {PEOPLE.title(lang)}\n", _summary(section, lang) + "\n"]
    if section["payroll"]:
        parts.append(md_table(_headers(lang), _rows(section, lang),
                              align=["left"] * 3 + ["right"] * 3 + ["left", "left"]))
        for row in section["payroll"]:
            if row["patterns"]:
                parts.append(f"\n**{label('payroll_patterns', lang)}** ({row['recon']}): "
                             f"{_patterns(row, lang)}\n")
        trend = _trend(section, lang)
        if len(trend) > 1:
            parts.append(f"\n**{label('payroll_trend', lang)}**\n")
            parts.append(md_table(_trend_headers(lang), trend,
                                  align=["left"] * 3 + ["right"] * 3))
    return "\n".join(parts)


def people_html(section: PeopleSection, view: DocView) -> str:
    lang = view.lang
    parts = [h.heading(PEOPLE.title(lang)), h.paragraph(h.esc(_summary(section, lang)))]
    if section["payroll"]:
        rows = _rows(section, lang)
        parts.append(h.table(_headers(lang), [[h.esc(c) for c in r] for r in rows],
                             align=["left"] * 3 + ["right"] * 3 + ["left", "left"],
                             row_styles=["color:#c62828" if r[2] == label("no", lang) else ""
                                         for r in rows]))
        for row in section["payroll"]:
            if row["patterns"]:
                parts.append(h.paragraph(h.esc(f"{label('payroll_patterns', lang)} "
                                               f"({row['recon']}): {_patterns(row, lang)}")))
        trend = _trend(section, lang)
        if len(trend) > 1:
            parts.append(h.paragraph(h.esc(label("payroll_trend", lang))))
            parts.append(h.table(_trend_headers(lang), [[h.esc(c) for c in r] for r in trend],
                                 align=["left"] * 3 + ["right"] * 3))
    return h.block(*parts)


VIEWS: SectionViews[PeopleSection] = SectionViews(people_view, people_markdown, people_html)
