"""Inline SVG charts as pure functions: data in, an ``<svg>`` string out.

Self-contained on purpose: no scripts, no fonts or images fetched, no ``xmlns`` URL (inline
SVG in HTML needs none), system fonts only, sizes in user units with a ``viewBox`` so a chart
scales down in narrow e-mail clients and prints crisp on A4.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime
from decimal import Decimal
from html import escape

FONT = 'font-family="-apple-system, Segoe UI, Roboto, Helvetica, Arial, sans-serif"'
AXIS = "#616161"
GRID = "#e0e0e0"
Number = float | int | Decimal
X = float | int | Decimal | datetime


@dataclass(frozen=True)
class Series:
    """One line of a line chart: (x, y) points, x a number or an aware datetime."""

    name: str
    points: Sequence[tuple[X, Number]]
    color: str = "#1565c0"
    dashed: bool = False


def _x(value: X) -> float:
    return value.timestamp() if isinstance(value, datetime) else float(value)


def _fmt(value: float) -> str:
    """Coordinates with at most one decimal, no trailing zeros: smaller, stable output."""
    text = f"{value:.1f}".rstrip("0").rstrip(".")
    return "0" if text == "-0" else text


def nice_ticks(low: float, high: float, count: int = 5) -> list[float]:
    """Round tick values covering [low, high] (1, 2, 2.5 or 5 times a power of ten apart)."""
    if not math.isfinite(low) or not math.isfinite(high):
        return [0.0]
    if high < low:
        low, high = high, low
    if high == low:
        pad = abs(high) * 0.1 or 1.0
        low, high = low - pad, high + pad
    raw = (high - low) / max(count - 1, 1)
    power = 10 ** math.floor(math.log10(raw))
    step = next(m * power for m in (1, 2, 2.5, 5, 10) if m * power >= raw)
    start = math.floor(low / step) * step
    ticks = []
    value = start
    while value < high + step * 0.999:
        ticks.append(round(value, 10))
        value += step
    return ticks


def _tick_label(value: float) -> str:
    return f"{value:g}" if abs(value) < 1e6 else f"{value:.3g}"


@dataclass(frozen=True)
class _Plot:
    """Where a line chart's plot area sits and how values map onto it."""

    left: int
    top: int
    width: float
    height: float
    x_low: float
    x_high: float
    y_ticks: list[float]

    def px(self, x: X) -> float:
        return self.left + (_x(x) - self.x_low) / (self.x_high - self.x_low) * self.width

    def py(self, y: Number) -> float:
        low, high = self.y_ticks[0], self.y_ticks[-1]
        return self.top + self.height - (float(y) - low) / (high - low) * self.height

    def hline(self, y: float, style: str) -> str:
        return (f'<line x1="{self.left}" y1="{_fmt(y)}" x2="{self.left + self.width}" '
                f'y2="{_fmt(y)}" {style}/>')


def _plot(drawn: Sequence[Series], width: int, height: int, margins: tuple[int, int, int, int],
          target: Number | None, y_floor: Number | None, y_ceiling: Number | None) -> _Plot:
    left, right, top, bottom = margins
    xs = [_x(x) for s in drawn for x, _ in s.points]
    ys = [float(y) for s in drawn for _, y in s.points]
    if target is not None:
        ys.append(float(target))
    y_ticks = nice_ticks(min(ys) if y_floor is None else min(float(y_floor), min(ys)),
                         max(ys) if y_ceiling is None else max(float(y_ceiling), max(ys)))
    x_low, x_high = min(xs), max(xs)
    if x_high == x_low:
        x_low, x_high = x_low - 1, x_high + 1
    return _Plot(left, top, width - left - right, height - top - bottom, x_low, x_high, y_ticks)


def _axes(plot: _Plot, first_x: X, x_format: Callable[[X], str] | None,
          y_format: Callable[[float], str]) -> list[str]:
    """Grid lines with y labels, the x axis and five x labels evenly spaced."""
    parts = []
    for tick in plot.y_ticks:
        y = plot.py(tick)
        parts.append(plot.hline(y, f'stroke="{GRID}" stroke-width="1"'))
        parts.append(f'<text x="{plot.left - 6}" y="{_fmt(y + 4)}" text-anchor="end" '
                     f'fill="{AXIS}">{escape(y_format(tick))}</text>')
    bottom = plot.top + plot.height
    parts.append(f'<line x1="{plot.left}" y1="{bottom}" '
                 f'x2="{plot.left + plot.width}" y2="{bottom}" stroke="{AXIS}"/>')
    fmt_x = x_format or (lambda v: v.strftime("%d.%m.") if isinstance(v, datetime)
                         else _tick_label(float(v)))
    for i in range(5):
        raw = plot.x_low + (plot.x_high - plot.x_low) * i / 4
        value: X = datetime.fromtimestamp(raw, first_x.tzinfo) if isinstance(
            first_x, datetime) else raw
        anchor = "start" if i == 0 else "end" if i == 4 else "middle"
        parts.append(f'<text x="{_fmt(plot.px(value))}" y="{bottom + 16}" '
                     f'text-anchor="{anchor}" fill="{AXIS}">{escape(fmt_x(value))}</text>')
    return parts


def _lines(plot: _Plot, drawn: Sequence[Series]) -> list[str]:
    parts = []
    for s in drawn:
        coords = " ".join(f"{_fmt(plot.px(x))},{_fmt(plot.py(y))}" for x, y in s.points)
        dash = ' stroke-dasharray="6 4"' if s.dashed else ""
        parts.append(f'<polyline points="{coords}" fill="none" stroke="{s.color}" '
                     f'stroke-width="2"{dash}/>')
        if len(s.points) <= 40:
            parts.extend(f'<circle cx="{_fmt(plot.px(x))}" cy="{_fmt(plot.py(y))}" r="2.5" '
                         f'fill="{s.color}"/>' for x, y in s.points)
    return parts


def _legend(entries: list[tuple[str, str, bool]], x: float, y: float) -> list[str]:
    """One dash and name per entry, left to right, when there is more than one."""
    if len(entries) <= 1:
        return []
    parts = []
    for name, color, dashed in entries:
        dash = ' stroke-dasharray="4 3"' if dashed else ""
        parts.append(f'<line x1="{x}" y1="{y - 4}" x2="{x + 18}" y2="{y - 4}" '
                     f'stroke="{color}" stroke-width="2"{dash}/>')
        parts.append(f'<text x="{x + 22}" y="{y}" fill="#212121">{escape(name)}</text>')
        x += 30 + 7 * len(name)
    return parts


def line_chart(
    series: Sequence[Series],
    *,
    width: int = 640,
    height: int = 240,
    title: str = "",
    y_label: str = "",
    x_format: Callable[[X], str] | None = None,
    y_format: Callable[[float], str] = _tick_label,
    target: Number | None = None,
    target_label: str = "",
    y_floor: Number | None = None,
    y_ceiling: Number | None = None,
) -> str:
    """Lines over a shared x axis (numbers or times) with a legend and an optional target line.

    Generic over any number of series: the cutover burndown draws *planned* and *actual*
    tasks remaining; the mapping coverage trend draws one series against its target.
    """
    drawn = [s for s in series if s.points]
    margin_left, margin_top = 48, 12 + (18 if title else 0)
    margin_bottom = 40 + (16 if len(drawn) > 1 or target is not None else 0)
    parts = [f'<svg viewBox="0 0 {width} {height}" width="{width}" height="{height}" '
             f'role="img" aria-label="{escape(title or y_label)}" {FONT} font-size="11">']
    if title:
        parts.append(f'<text x="{margin_left}" y="14" font-size="13" font-weight="bold" '
                     f'fill="#212121">{escape(title)}</text>')
    if not drawn:
        parts.append(f'<text x="{width / 2:.0f}" y="{height / 2:.0f}" text-anchor="middle" '
                     f'fill="{AXIS}">–</text></svg>')
        return "".join(parts)
    plot = _plot(drawn, width, height, (margin_left, 12, margin_top, margin_bottom), target,
                 y_floor, y_ceiling)
    parts.extend(_axes(plot, next(x for s in drawn for x, _ in s.points), x_format, y_format))
    if y_label:
        middle = _fmt(margin_top + plot.height / 2)
        parts.append(f'<text x="12" y="{middle}" fill="{AXIS}" '
                     f'text-anchor="middle" transform="rotate(-90 12 '
                     f'{middle})">{escape(y_label)}</text>')
    if target is not None:
        parts.append(plot.hline(plot.py(target), 'stroke="#2e7d32" stroke-width="1.5" '
                                                 'stroke-dasharray="2 3"'))
    parts.extend(_lines(plot, drawn))
    legend = [(s.name, s.color, s.dashed) for s in drawn]
    if target is not None:
        legend.append((target_label or "target", "#2e7d32", True))
    parts.extend(_legend(legend, margin_left, height - 8))
    parts.append("</svg>")
    return "".join(parts)


def stacked_bars(
    categories: Sequence[tuple[str, str]],
    segments: Sequence[tuple[str, str, str]],
    values: Mapping[str, Mapping[str, int]],
    *,
    width: int = 640,
    bar_height: int = 22,
    title: str = "",
) -> str:
    """Horizontal stacked bars: one bar per category, one coloured segment per segment key.

    ``categories`` are (key, label); ``segments`` are (key, label, colour); ``values`` maps
    category key → segment key → count. Counts are written inside segments wide enough.
    """
    label_w, right = 90, 40
    top = 8 + (18 if title else 0)
    plot_w = width - label_w - right
    total_max = max((sum(values.get(c, {}).values()) for c, _ in categories), default=0)
    scale = plot_w / total_max if total_max else 0
    height = top + len(categories) * (bar_height + 6) + 30
    parts = [f'<svg viewBox="0 0 {width} {height}" width="{width}" height="{height}" '
             f'role="img" aria-label="{escape(title)}" {FONT} font-size="11">']
    if title:
        parts.append(f'<text x="0" y="14" font-size="13" font-weight="bold" '
                     f'fill="#212121">{escape(title)}</text>')
    for row, (category, category_label) in enumerate(categories):
        y = top + row * (bar_height + 6)
        parts.append(f'<text x="{label_w - 8}" y="{y + bar_height / 2 + 4:.0f}" '
                     f'text-anchor="end" fill="#212121">{escape(category_label)}</text>')
        x = float(label_w)
        counts = values.get(category, {})
        for key, _, color in segments:
            count = counts.get(key, 0)
            if not count:
                continue
            w = count * scale
            parts.append(f'<rect x="{_fmt(x)}" y="{y}" width="{_fmt(w)}" height="{bar_height}" '
                         f'fill="{color}"/>')
            if w >= 16:
                parts.append(f'<text x="{_fmt(x + w / 2)}" y="{y + bar_height / 2 + 4:.0f}" '
                             f'text-anchor="middle" fill="#ffffff" font-weight="bold">'
                             f'{count}</text>')
            x += w
        total = sum(counts.values())
        parts.append(f'<text x="{_fmt(x + 6)}" y="{y + bar_height / 2 + 4:.0f}" '
                     f'fill="{AXIS}">{total}</text>')
    x = float(label_w)
    y = height - 10
    for _, segment_label, color in segments:
        parts.append(f'<rect x="{_fmt(x)}" y="{y - 9}" width="10" height="10" fill="{color}"/>')
        parts.append(f'<text x="{_fmt(x + 14)}" y="{y}" fill="#212121">'
                     f'{escape(segment_label)}</text>')
        x += 28 + 6.5 * len(segment_label)
    parts.append("</svg>")
    return "".join(parts)


def sparkline_svg(
    values: Sequence[Number], *, width: int = 90, height: int = 20, color: str = "#1565c0"
) -> str:
    """A tiny trend line for a table cell; the last point is marked."""
    if len(values) < 2:
        return ""
    numbers = [float(v) for v in values]
    low, high = min(numbers), max(numbers)
    span = (high - low) or 1.0
    step = (width - 4) / (len(numbers) - 1)
    coords = [(2 + i * step, height - 2 - (v - low) / span * (height - 4))
              for i, v in enumerate(numbers)]
    if high == low:
        coords = [(x, height / 2) for x, _ in coords]
    points = " ".join(f"{_fmt(x)},{_fmt(y)}" for x, y in coords)
    last_x, last_y = coords[-1]
    return (f'<svg viewBox="0 0 {width} {height}" width="{width}" height="{height}" '
            f'role="img" aria-label="trend">'
            f'<polyline points="{points}" fill="none" stroke="{color}" stroke-width="1.5"/>'
            f'<circle cx="{_fmt(last_x)}" cy="{_fmt(last_y)}" r="2" fill="{color}"/></svg>')
