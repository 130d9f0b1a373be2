"""The "Data load" section's views: each reconciliation's latest run, clean or not, its open
differences by cause and the euros not explained."""

from __future__ import annotations

from typing import TYPE_CHECKING

from migctl.render import html as h
from migctl.render.i18n import format_number, label
from migctl.render.markdown import md_table
from migctl.render.sections import DocView, SectionViews
from migctl.services.status.registry import LOAD

if TYPE_CHECKING:
    from rich.console import RenderableType

    from migctl.services.recon.status import LoadSection, ReconRow


def _summary(section: LoadSection, lang: str) -> str:
    totals = section["totals"]
    return label("load_summary", lang, recons=totals["recons"], clean=totals["clean"],
                 not_clean=totals["not_clean"], never=totals["never_run"])


def cause_word(cause: str, lang: str) -> str:
    """A recon cause code as the view says it: the code in English, a word in Finnish (JSON
    keeps the code)."""
    key = f"fi_cause.{cause}"
    word = label(key, lang)
    return cause if lang == "en" or word == key else word


def _causes(row: ReconRow, lang: str = "en") -> str:
    run = row["run"]
    if run is None:
        return ""
    return ", ".join(f"{cause_word(cause, lang)} {n}"
                     for cause, n in sorted(run["counts"].items()) if n and cause != "matched")


def _rows(section: LoadSection, lang: str) -> list[list[str]]:
    rows = []
    for row in section["recons"]:
        run = row["run"]
        if run is None:
            rows.append([row["recon"], row["system"] or "", label("never_run", lang), "", "",
                         "", ""])
            continue
        where = f"#{run['run_id']}" + (f" ({run['cutover_run']})" if run["cutover_run"] else "")
        rows.append([row["recon"], row["system"] or "", where,
                     label("yes" if run["clean"] else "no", lang),
                     str(row["open_differences"]),
                     format_number(run["unexplained"], lang, places=2),
                     _causes(row, lang)])
    return rows


def _headers(lang: str) -> list[str]:
    return [label("recon", lang), label("system", lang), label("last_run", lang),
            label("clean", lang), label("open_differences", lang),
            label("not_explained", lang), label("causes", lang)]


def load_view(section: LoadSection, view: DocView) -> list[RenderableType]:
    from rich.text import Text

    from migctl.render.tables import Col, build_table

    parts: list[RenderableType] = [Text.assemble((view.t("fi_data_load"), "bold"),
                                                 _summary(section, view.lang))]
    if section["recons"]:
        names = ("recon", "system", "run", "clean", "open", "eur", "causes")
        parts.append(build_table(
            [dict(zip(names, row, strict=True)) for row in _rows(section, view.lang)],
            [Col("recon", view.t("fi_recon"), style="bold"), Col("system", view.t("system")),
             Col("run", view.t("last_run")), Col("clean", view.t("clean")),
             Col("open", view.t("fi_open"), justify="right"),
             Col("eur", view.t("fi_not_explained_eur"), justify="right"),
             Col("causes", view.t("fi_causes"), wrap=True)],
            row_style=lambda r: "red" if r["clean"] == view.t("no") else None))
    return parts


def load_markdown(section: LoadSection, view: DocView) -> str:
    parts = [f"## {LOAD.title(view.lang)}\n", _summary(section, view.lang) + "\n"]
    if section["recons"]:
        parts.append(md_table(_headers(view.lang), _rows(section, view.lang),
                              align=["left"] * 4 + ["right", "right", "left"]))
    return "\n".join(parts)


def load_html(section: LoadSection, view: DocView) -> str:
    parts = [h.heading(LOAD.title(view.lang)), h.paragraph(h.esc(_summary(section, view.lang)))]
    if section["recons"]:
        rows = _rows(section, view.lang)
        parts.append(h.table(_headers(view.lang), [[h.esc(c) for c in r] for r in rows],
                             align=["left"] * 4 + ["right", "right", "left"],
                             row_styles=["color:#c62828" if r[3] == label("no", view.lang)
                                         else "" for r in rows]))
    return h.block(*parts)


VIEWS: SectionViews[LoadSection] = SectionViews(load_view, load_markdown, load_html)
