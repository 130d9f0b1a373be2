"""The SVG chart helpers: pure functions producing well-formed, correctly scaled charts."""

from __future__ import annotations

import xml.etree.ElementTree as ET
from datetime import UTC, datetime, timedelta
from decimal import Decimal

import pytest

from migctl.render.i18n import format_number
from migctl.render.svg import Series, line_chart, nice_ticks, sparkline_svg, stacked_bars


def _points(element: ET.Element) -> list[tuple[float, float]]:
    return [tuple(float(v) for v in pair.split(","))  # type: ignore[misc]
            for pair in (element.get("points") or "").split()]


@pytest.mark.parametrize(("low", "high", "expected"), [
    (0, 71, [0, 20, 40, 60, 80]),
    (88.2, 100, [85, 90, 95, 100]),
    (5, 5, [4.5, 4.75, 5.0, 5.25, 5.5]),
    (-3, 2, [-4, -2, 0, 2]),
])
def test_nice_ticks_cover_the_range(low: float, high: float, expected: list[float]) -> None:
    ticks = nice_ticks(low, high)
    assert ticks == pytest.approx(expected)
    assert ticks[0] <= low and ticks[-1] >= high


def test_line_chart_scales_two_series_into_the_plot() -> None:
    start = datetime(2026, 12, 31, 14, tzinfo=UTC)
    planned = Series("planned", [(start + timedelta(hours=h), 71 - h) for h in range(0, 72, 8)],
                     color="#999999", dashed=True)
    actual = Series("actual", [(start, 71), (start + timedelta(hours=10), Decimal("50.5"))])
    svg = ET.fromstring(line_chart([planned, actual], width=600, height=200, title="Burndown",
                                   y_floor=0))
    assert svg.tag == "svg" and svg.get("viewBox") == "0 0 600 200"
    lines = list(svg.iter("polyline"))
    assert len(lines) == 2
    assert lines[0].get("stroke-dasharray") and not lines[1].get("stroke-dasharray")
    for line in lines:
        for x, y in _points(line):
            assert 48 <= x <= 588 and 0 <= y <= 200
    first_planned, first_actual = _points(lines[0])[0], _points(lines[1])[0]
    assert first_planned == first_actual  # same time, same value: same pixel
    last_planned = _points(lines[0])[-1]
    assert last_planned[0] == pytest.approx(588) and last_planned[1] > first_planned[1]
    texts = [t.text for t in svg.iter("text")]
    assert "Burndown" in texts and "planned" in texts and "actual" in texts
    assert "31.12." in texts  # default time labels


def test_line_chart_target_and_empty_input() -> None:
    series = Series("coverage", [(1, 88.2), (2, 99.5)])
    svg = ET.fromstring(line_chart([series], target=100, target_label="target"))
    dashed = [line for line in svg.iter("line") if line.get("stroke") == "#2e7d32"]
    assert len(dashed) == 2  # the target line and its legend swatch
    (polyline,) = svg.iter("polyline")
    assert all(y > float(dashed[0].get("y1") or 0) for _, y in _points(polyline))  # below 100
    empty = ET.fromstring(line_chart([Series("none", [])], title="Nothing"))
    assert list(empty.iter("polyline")) == []


def test_stacked_bars_are_proportional() -> None:
    svg = ET.fromstring(stacked_bars(
        [("high", "high"), ("low", "low")],
        [("new", "new", "#111111"), ("old", "old", "#222222")],
        {"high": {"new": 1, "old": 3}, "low": {"new": 2}}, width=490))
    rects = [r for r in svg.iter("rect") if float(r.get("height") or 0) > 10]
    widths = [float(r.get("width") or 0) for r in rects]
    assert widths == pytest.approx([90, 270, 180])  # 4 is the longest bar: 360 px for 4
    # Category label, counts inside segments wide enough, then the bar's total.
    assert [t.text for t in svg.iter("text")][:4] == ["high", "1", "3", "4"]


def test_sparkline_svg() -> None:
    assert sparkline_svg([1]) == ""
    svg = ET.fromstring(sparkline_svg([3, 1, 2], width=50, height=10))
    (line,) = svg.iter("polyline")
    points = _points(line)
    assert [x for x, _ in points] == [2, 25, 48]
    assert points[1][1] == 8 and points[0][1] == 2  # lowest at the bottom, highest on top


@pytest.mark.parametrize(("value", "lang", "expected"), [
    (Decimal("1234567.891"), "en", "1 234 567.891"),
    (Decimal("1234567.891"), "fi", "1\u202f234\u202f567,891"),
    (Decimal("-82652.94"), "fi", "−82\u202f652,94"),
    (Decimal("100.0000"), "en", "100"),
    (0.5, "en", "0.5"),
])
def test_format_number(value: Decimal | float, lang: str, expected: str) -> None:
    assert format_number(value, lang) == expected
