"""The "Window confidence" section's views, `task forecast`'s table, and the one sentence the
status header and the report share: "P(cutover within window) = 72 % (P80 ends Sun 19:40)".

The HTML view draws a small inline SVG (P50–P95 bars of the cutover end and go-live against
the window end); every time in it is also in the table beside it.
"""

from __future__ import annotations

from datetime import datetime, tzinfo
from html import escape
from typing import TYPE_CHECKING, Literal

from migctl.docvalues import as_datetime
from migctl.render import html as h
from migctl.render.catalogue.window import WEEKDAYS
from migctl.render.i18n import format_datetime, format_number, label
from migctl.render.markdown import md_table
from migctl.render.sections import DocView, SectionViews
from migctl.values import zone

if TYPE_CHECKING:
    from rich.console import RenderableType

    from migctl.services.runbook.confidence import Percentiles, WindowForecast, WindowSection

PERCENTILES: tuple[Literal["p50", "p80", "p95"], ...] = ("p50", "p80", "p95")


def weekday_time(value: object, tz: tzinfo, lang: str = "en") -> str:
    """``Sun 19:40`` (fi: ``su 19.40``) in the programme's zone."""
    moment = as_datetime(value)
    if moment is None:
        return ""
    local = moment.astimezone(tz)
    day = WEEKDAYS["fi" if lang == "fi" else "en"][local.weekday()]
    separator = "." if lang == "fi" else ":"
    return f"{day} {local.hour:02d}{separator}{local.minute:02d}"


def window_sentence(p_within: float | None, p80_end: object, tz: tzinfo,
                    lang: str = "en") -> str:
    """The header's and the report's one sentence."""
    p80 = weekday_time(p80_end, tz, lang)
    if p_within is None:
        return label("window_no_end", lang, p80=p80)
    return label("window_sentence", lang, pct=round(p_within * 100), p80=p80)


def forecast_sentence(forecast: WindowForecast, tz: tzinfo, lang: str = "en") -> str:
    ends = forecast["cutover_end"]
    if ends is None:
        return label("window_no_tasks", lang)
    return window_sentence(forecast["p_within_window"], ends["p80"], tz, lang)


def _rows(forecast: WindowForecast, tz: tzinfo, lang: str) -> list[list[str]]:
    rows: list[list[str]] = []
    named: list[tuple[str, Percentiles | None]] = [
        ("window_cutover_end", forecast["cutover_end"]), ("window_go_live", forecast["go_live"])]
    for key, found in named:
        if found is not None:
            rows.append([label(key, lang), *(format_datetime(as_datetime(found[p]), tz, lang)
                                             for p in PERCENTILES)])
    return rows


def _headers(lang: str, tz: tzinfo) -> list[str]:
    from migctl.render.listings import in_zone

    return [label("window_what", lang), in_zone("P50", tz), "P80", "P95"]


def _critical_rows(forecast: WindowForecast, lang: str, top: int = 10) -> list[list[str]]:
    return [[row["key"], format_number(round(row["criticality"] * 100, 1), lang) + " %"]
            for row in forecast["criticality"][:top]]


def _basis(forecast: WindowForecast, lang: str) -> str:
    return label("window_basis", lang, simulations=format_number(forecast["simulations"], lang),
                 seed=forecast["seed"])


def forecast_view(forecast: WindowForecast, tz: tzinfo, view: DocView | None = None
                  ) -> RenderableType:
    """`task forecast`'s table: the sentence, the percentiles, the ten most critical tasks."""
    from rich.console import Group
    from rich.text import Text

    from migctl.render.listings import in_zone
    from migctl.render.tables import Col, build_table

    t = view or DocView("en", tz)
    lang = t.lang
    parts: list[RenderableType] = [Text(forecast_sentence(forecast, tz, lang), style="bold"),
                                   Text(_basis(forecast, lang), style="dim")]
    rows = _rows(forecast, tz, lang)
    if rows:
        parts.append(build_table([dict(zip(("what", "p50", "p80", "p95"), r, strict=True))
                                  for r in rows],
                                 [Col("what", t.t("milestone"), style="bold"),
                                  Col("p50", in_zone("P50", tz)),
                                  Col("p80", "P80"), Col("p95", "P95")]))
    window_end = as_datetime(forecast["window_end"])
    if window_end is not None:
        parts.append(Text(f"{t.t('fi_window_end')} {format_datetime(window_end, tz, lang)}"))
    critical = _critical_rows(forecast, lang)
    if critical:
        parts.append(build_table([{"key": k, "pct": p} for k, p in critical],
                                 [Col("key", t.t("fi_task"), style="bold"),
                                  Col("pct", t.t("fi_criticality"), justify="right")],
                                 title=t.t("fi_most_often_critical")))
    return Group(*parts)


def _zone(section: WindowSection) -> tzinfo:
    try:
        return zone(section["timezone"])
    except ValueError:
        return zone("Europe/Helsinki")


def window_view(section: WindowSection, view: DocView) -> list[RenderableType]:
    forecast = section["forecast"]
    if forecast is None:
        return []
    return [forecast_view(forecast, _zone(section), view)]


def window_markdown(section: WindowSection, view: DocView) -> str:
    forecast = section["forecast"]
    if forecast is None:
        return ""
    parts = [f"## {view.t('window_confidence')}\n",
             forecast_sentence(forecast, view.tz, view.lang) + "\n",
             _basis(forecast, view.lang) + "\n"]
    rows = _rows(forecast, view.tz, view.lang)
    window_end = as_datetime(forecast["window_end"])
    if window_end is not None:
        rows.append([view.t("window_end"), "", format_datetime(window_end, view.tz, view.lang),
                     ""])
    if rows:
        parts.append(md_table(_headers(view.lang, view.tz), rows))
    critical = _critical_rows(forecast, view.lang)
    if critical:
        parts.append(f"\n{view.t('window_critical_tasks')}\n")
        parts.append(md_table([view.t("window_task"), view.t("window_criticality")], critical,
                              align=["left", "right"]))
    return "\n".join(parts)


def window_html(section: WindowSection, view: DocView) -> str:
    forecast = section["forecast"]
    if forecast is None:
        return ""
    parts = [h.heading(view.t("window_confidence")),
             h.paragraph(f"<strong>{h.esc(forecast_sentence(forecast, view.tz, view.lang))}"
                         "</strong>"),
             h.paragraph(h.esc(_basis(forecast, view.lang)), muted=True),
             window_svg(forecast, view)]
    rows = _rows(forecast, view.tz, view.lang)
    window_end = as_datetime(forecast["window_end"])
    if window_end is not None:
        rows.append([view.t("window_end"), "",
                     format_datetime(window_end, view.tz, view.lang), ""])
    if rows:
        parts.append(h.table(_headers(view.lang, view.tz), [[h.esc(c) for c in r] for r in rows]))
    critical = _critical_rows(forecast, view.lang)
    if critical:
        parts.append(h.paragraph(h.esc(view.t("window_critical_tasks"))))
        parts.append(h.table([view.t("window_task"), view.t("window_criticality")],
                             [[h.esc(c) for c in r] for r in critical],
                             align=["left", "right"]))
    return h.block(*parts)


def window_svg(forecast: WindowForecast, view: DocView, *, width: int = 560) -> str:
    """P50–P95 bars (a tick at P80) of the cutover end and go-live, the window end dashed."""
    named = [(view.t(key), found) for key, found in (
        ("window_cutover_end", forecast["cutover_end"]), ("window_go_live", forecast["go_live"]))
        if found is not None]
    bars = [(name, [as_datetime(found[p]) for p in PERCENTILES]) for name, found in named]
    window_end = as_datetime(forecast["window_end"])
    moments = [m for _, ms in bars for m in ms if m is not None]
    if window_end is not None:
        moments.append(window_end)
    if not moments:
        return ""
    low, high = min(moments).timestamp(), max(moments).timestamp()
    pad = max((high - low) * 0.08, 1800.0)
    low, high = low - pad, high + pad
    left, right, row_h = 110, 20, 40
    height = 20 + row_h * len(bars) + 34

    def x(moment: datetime) -> float:
        return left + (moment.timestamp() - low) / (high - low) * (width - left - right)

    title = escape(view.t("window_confidence"))
    parts = [f'<svg viewBox="0 0 {width} {height}" width="{width}" height="{height}" '
             f'role="img" aria-label="{title}" font-family="-apple-system, Segoe UI, Roboto, '
             f'Helvetica, Arial, sans-serif" font-size="11">']
    for row, (name, (p50, p80, p95)) in enumerate(bars):
        y = 14 + row * row_h
        parts.append(f'<text x="{left - 8}" y="{y + 13}" text-anchor="end" '
                     f'fill="#212121">{escape(name)}</text>')
        if p50 is not None and p95 is not None:
            parts.append(f'<rect x="{x(p50):.1f}" y="{y + 2}" width="'
                         f'{max(x(p95) - x(p50), 2):.1f}" height="16" fill="#90caf9"/>')
        for moment, colour in ((p50, "#1565c0"), (p80, "#0d47a1"), (p95, "#1565c0")):
            if moment is not None:
                parts.append(f'<line x1="{x(moment):.1f}" x2="{x(moment):.1f}" y1="{y}" '
                             f'y2="{y + 20}" stroke="{colour}" stroke-width="2"/>')
        if p80 is not None:
            parts.append(f'<text x="{x(p80):.1f}" y="{y + 31}" text-anchor="middle" '
                         f'fill="#0d47a1">P80 {escape(weekday_time(p80, view.tz, view.lang))}'
                         '</text>')
    axis_y = 14 + row_h * len(bars) + 8
    if window_end is not None:
        wx = x(window_end)
        parts.append(f'<line x1="{wx:.1f}" x2="{wx:.1f}" y1="6" y2="{axis_y}" stroke="#c62828" '
                     'stroke-width="1.5" stroke-dasharray="4 3"/>')
        parts.append(f'<text x="{wx:.1f}" y="{axis_y + 14}" text-anchor="middle" '
                     f'fill="#c62828">{escape(view.t("window_end"))} '
                     f'{escape(weekday_time(window_end, view.tz, view.lang))}</text>')
    parts.append("</svg>")
    return "".join(parts)


VIEWS: SectionViews[WindowSection] = SectionViews(window_view, window_markdown, window_html)
