"""The programme register shown to people: listings, cards, and the 5×5 risk heat map.

Every fixed word comes from :mod:`migctl.render.i18n` (English or Finnish); what people typed
(titles, owners, notes) is shown as written. The heat map is inline SVG in the house style of
:mod:`migctl.render.svg`, and its numbers are also given as a table (:func:`heat_map_rows`),
so a reader without SVG, or a screen reader, loses nothing.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from datetime import tzinfo
from html import escape
from typing import TYPE_CHECKING, Any

from migctl.render.i18n import format_date, label
from migctl.render.listings import in_zone
from migctl.render.svg import AXIS, FONT
from migctl.render.tables import Col, build_table, cell

if TYPE_CHECKING:
    from rich.console import RenderableType

    from migctl.services.register.documents import (
        ActionDetail,
        DecisionDocument,
        RiskDetail,
    )

TREND_ARROW = {"up": "↑", "down": "↓", "flat": "→", "new": "•"}
#: Heat-map cell colours by score band: low, medium, high (from the high score), empty.
BAND_COLOURS = ("#c8e6c9", "#fff59d", "#ef9a9a")
EMPTY_CELL = "#fafafa"


def category_label(category: str, lang: str = "en") -> str:
    text = label(f"action_category.{category}", lang)
    return category.replace("_", " ") if text == f"action_category.{category}" else text


def action_status_label(status: str, lang: str = "en") -> str:
    return label(f"action_status.{status}", lang)


def risk_status_label(status: str, lang: str = "en") -> str:
    return label(f"risk_status.{status}", lang)


def trend_label(trend: str, lang: str = "en") -> str:
    return f"{TREND_ARROW.get(trend, '')} {label(f'risk_trend.{trend}', lang)}"


def _keys(value: object) -> str:
    return ", ".join(value) if isinstance(value, list) else cell(value)


def action_columns(lang: str = "en") -> list[Col]:
    def overdue(days: object) -> str:
        return label("days_overdue_n", lang, n=days) if days else ""

    return [
        Col("key", label("key", lang), style="bold"),
        Col("category", label("category", lang), fmt=lambda v: category_label(v, lang)),
        Col("status", label("status", lang), fmt=lambda v: action_status_label(v, lang)),
        Col("owner", label("owner", lang)),
        Col("due", label("due", lang), fmt=lambda v: format_date(v, lang)),
        Col("days_overdue", label("overdue", lang), fmt=overdue),
        Col("title", label("title", lang), wrap=True, min_width=24),
        Col("systems", label("systems", lang), fmt=_keys, optional=True),
    ]


def action_row_style(row: Mapping[str, Any]) -> str | None:
    if row["overdue"]:
        return "red"
    return None if row["status"] in ("open", "in_progress") else "dim"


def risk_columns(lang: str = "en") -> list[Col]:
    return [
        Col("key", label("key", lang), style="bold"),
        Col("score", label("score", lang), justify="right"),
        Col("likelihood", label("likelihood_short", lang), justify="right"),
        Col("impact", label("impact_short", lang), justify="right"),
        Col("trend", label("trend", lang), fmt=lambda v: trend_label(v, lang)),
        Col("status", label("status", lang), fmt=lambda v: risk_status_label(v, lang)),
        Col("owner", label("owner", lang)),
        Col("mitigation", label("mitigation", lang)),
        Col("title", label("title", lang), wrap=True, min_width=24),
        Col("last_reviewed_by", label("reviewed_by", lang), optional=True),
    ]


def risk_row_style(high_score: int) -> Callable[[Mapping[str, Any]], str | None]:
    def style(row: Mapping[str, Any]) -> str | None:
        if row["status"] != "open":
            return "dim"
        return "red" if row["score"] >= high_score else None

    return style


def decision_columns(tz: tzinfo, lang: str = "en") -> list[Col]:
    from migctl.values import format_local

    return [
        Col("key", label("key", lang), style="bold"),
        Col("decided_at", in_zone(label("decided_at", lang), tz),
            fmt=lambda v: format_local(v, tz)),
        Col("decided_by", label("decided_by", lang)),
        Col("title", label("decision", lang), wrap=True, min_width=24),
        Col("rationale", label("rationale", lang), wrap=True, optional=True),
        Col("gates", label("affects_gates", lang), fmt=_keys, optional=True),
    ]


def overdue_columns(lang: str = "en") -> list[Col]:
    """The status/report list of overdue actions (``RegisterSection["overdue"]``)."""
    return [
        Col("key", label("key", lang), style="bold"),
        Col("title", label("title", lang), wrap=True, min_width=24),
        Col("owner", label("owner", lang)),
        Col("due", label("due", lang), fmt=lambda v: format_date(v, lang)),
        Col("days_overdue", label("overdue", lang), justify="right",
            fmt=lambda v: label("days_overdue_n", lang, n=v)),
    ]


def top_risk_columns(lang: str = "en") -> list[Col]:
    """The status/report list of top risks (``RegisterSection["top_risks"]``)."""
    return [
        Col("key", label("key", lang), style="bold"),
        Col("score", label("score", lang), justify="right"),
        Col("trend", label("trend", lang), fmt=lambda v: trend_label(v, lang)),
        Col("title", label("title", lang), wrap=True, min_width=24),
        Col("owner", label("owner", lang)),
        Col("mitigation", label("mitigation", lang)),
        Col("mitigation_status", label("status", lang),
            fmt=lambda v: action_status_label(v, lang) if v else ""),
    ]


def _grid(pairs: Sequence[tuple[str, str]]) -> Any:
    from rich.table import Table
    from rich.text import Text

    grid = Table.grid(padding=(0, 2))
    grid.add_column(style="bold")
    grid.add_column()
    for name, value in pairs:
        grid.add_row(name, Text(value))  # as typed, never markup
    return grid


def _history(rows: Sequence[Mapping[str, Any]], tz: tzinfo, lang: str) -> Any:
    from migctl.values import format_local

    return build_table(
        rows,
        [Col("at", in_zone(label("when", lang), tz), fmt=lambda v: format_local(v, tz)),
         Col("actor", label("actor", lang)), Col("action", label("change_kind", lang)),
         Col("summary", label("change", lang), wrap=True)],
        title=label("history", lang),
    )


def action_card(document: ActionDetail, tz: tzinfo, lang: str = "en") -> RenderableType:
    from rich.console import Group
    from rich.text import Text

    grid = _grid([
        (label("key", lang), document["key"]),
        (label("title", lang), document["title"]),
        (label("category", lang), category_label(document["category"], lang)),
        (label("status", lang), action_status_label(document["status"], lang)),
        (label("owner", lang), document["owner"]),
        (label("due", lang), format_date(document["due"], lang)),
        (label("overdue", lang), label("days_overdue_n", lang, n=document["days_overdue"])
         if document["days_overdue"] else label("no", lang)),
        (label("systems", lang), _keys(document["systems"])),
        (label("tasks", lang), _keys(document["tasks"])),
        (label("incidents", lang), _keys(document["incidents"])),
        (label("risks", lang), _keys(document["risks"])),
        (label("mitigates", lang), _keys(document["mitigates"])),
        (label("notes", lang), document["notes"]),
    ])
    return Group(grid, Text(""), _history(document["history"], tz, lang))


def risk_card(document: RiskDetail, tz: tzinfo, lang: str = "en") -> RenderableType:
    from rich.console import Group
    from rich.text import Text

    from migctl.values import format_local

    mitigation = document["mitigation"] or "–"
    if document["mitigation_status"]:
        mitigation += f" ({action_status_label(document['mitigation_status'], lang)}"
        mitigation += f", {label('late', lang).lower()})" if document["mitigation_overdue"] \
            else ")"
    grid = _grid([
        (label("key", lang), document["key"]),
        (label("title", lang), document["title"]),
        (label("status", lang), risk_status_label(document["status"], lang)),
        (label("owner", lang), document["owner"]),
        (label("score", lang), f"{document['score']} = {document['likelihood']} × "
                               f"{document['impact']}"),
        (label("trend", lang), trend_label(document["trend"], lang)
         + (f" ({document['previous_score']})" if document["previous_score"] else "")),
        (label("mitigation", lang), mitigation),
        (label("systems", lang), _keys(document["systems"])),
        (label("reviewed_by", lang), cell(document["last_reviewed_by"])),
        (label("review_due", lang), label("yes" if document["review_due"] else "no", lang)),
        (label("notes", lang), document["notes"]),
    ])
    reviews = build_table(
        document["reviews"],
        [Col("reviewed_at", in_zone(label("when", lang), tz),
             fmt=lambda v: format_local(v, tz)),
         Col("reviewed_by", label("reviewed_by", lang)),
         Col("score", label("score", lang), justify="right"),
         Col("note", label("notes", lang), wrap=True)],
        title=label("reviews", lang),
    )
    return Group(grid, Text(""), reviews, Text(""), _history(document["history"], tz, lang))


def decision_card(document: DecisionDocument, tz: tzinfo, lang: str = "en") -> RenderableType:
    from migctl.values import format_local

    source = label(f"decision_source.{document['source']}", lang)
    if document["run"]:
        source += f" ({document['run']})"
    return _grid([
        (label("key", lang), document["key"]),
        (label("decision", lang), document["title"]),
        (label("decided_by", lang), document["decided_by"]),
        (in_zone(label("decided_at", lang), tz), format_local(document["decided_at"], tz)),
        (label("rationale", lang), document["rationale"]),
        (label("decision_source", lang), source),
        (label("systems", lang), _keys(document["systems"])),
        (label("tasks", lang), _keys(document["tasks"])),
        (label("affects_gates", lang), _keys(document["gates"])),
    ])


# --- heat map -----------------------------------------------------------------------------

def band(score: int, high_score: int) -> int:
    """0 low, 1 medium, 2 high: high from ``high_score``, medium from half of it."""
    if score >= high_score:
        return 2
    return 1 if score * 2 >= high_score else 0


def heat_map_rows(cells: Sequence[Sequence[int]]) -> list[dict[str, object]]:
    """The heat map as table rows: likelihood 5 first, one column per impact 1–5."""
    rows: list[dict[str, object]] = []
    for likelihood in range(5, 0, -1):
        row: dict[str, object] = {"likelihood": likelihood}
        for impact in range(1, 6):
            row[f"impact_{impact}"] = cells[likelihood - 1][impact - 1]
        rows.append(row)
    return rows


def heat_map_columns(lang: str = "en") -> list[Col]:
    return [Col("likelihood", label("likelihood", lang), justify="right")] + [
        Col(f"impact_{i}", f"{label('impact_short', lang)}{i}", justify="right",
            fmt=lambda v: str(v) if v else "·")
        for i in range(1, 6)
    ]


def heat_map_svg(cells: Sequence[Sequence[int]], *, high_score: int, lang: str = "en",
                 size: int = 44) -> str:
    """A 5×5 grid: likelihood up the side (5 on top), impact along the bottom; each cell is
    coloured by its score band and shows how many open risks sit in it."""
    left, top, bottom = 56, 24, 40
    width = left + 5 * size + 12
    height = top + 5 * size + bottom
    title = label("risk_heat_map", lang)
    parts = [f'<svg viewBox="0 0 {width} {height}" width="{width}" height="{height}" '
             f'role="img" aria-label="{escape(title)}" {FONT} font-size="11">',
             f'<text x="0" y="14" font-size="13" font-weight="bold" fill="#212121">'
             f'{escape(title)}</text>']
    for likelihood in range(1, 6):
        y = top + (5 - likelihood) * size
        parts.append(f'<text x="{left - 8}" y="{y + size / 2 + 4:.0f}" text-anchor="end" '
                     f'fill="{AXIS}">{likelihood}</text>')
        for impact in range(1, 6):
            x = left + (impact - 1) * size
            count = cells[likelihood - 1][impact - 1]
            colour = BAND_COLOURS[band(likelihood * impact, high_score)] if count \
                else EMPTY_CELL
            parts.append(f'<rect x="{x}" y="{y}" width="{size}" height="{size}" '
                         f'fill="{colour}" stroke="#ffffff" stroke-width="2"/>')
            if count:
                parts.append(f'<text x="{x + size / 2:.0f}" y="{y + size / 2 + 5:.0f}" '
                             f'text-anchor="middle" font-size="14" font-weight="bold" '
                             f'fill="#212121">{count}</text>')
    for impact in range(1, 6):
        centre = left + (impact - 1) * size + size / 2
        parts.append(f'<text x="{centre:.0f}" y="{top + 5 * size + 14}" text-anchor="middle" '
                     f'fill="{AXIS}">{impact}</text>')
    parts.append(f'<text x="{left + 5 * size / 2:.0f}" y="{height - 6}" text-anchor="middle" '
                 f'fill="{AXIS}">{escape(label("impact", lang))}</text>')
    middle = top + 5 * size / 2
    parts.append(f'<text x="12" y="{middle:.0f}" text-anchor="middle" fill="{AXIS}" '
                 f'transform="rotate(-90 12 {middle:.0f})">'
                 f'{escape(label("likelihood", lang))}</text>')
    parts.append("</svg>")
    return "".join(parts)
