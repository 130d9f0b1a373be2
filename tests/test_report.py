"""Status as Markdown/HTML and the steering-group report: self-contained, well-formed, printable."""

from __future__ import annotations

import os
import shutil
import subprocess
import xml.etree.ElementTree as ET
from datetime import UTC, datetime
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

import pytest

from migctl.render.report import report_html, report_markdown
from migctl.services.status.report import build_report
from migctl.store.engine import make_engine, session_scope
from tests.conftest import SAMPLE_DATA, Cli

CHROMIUM = "/usr/bin/chromium"


class _Collector(HTMLParser):
    """Every tag and attribute, as a browser's tokenizer sees them."""

    def __init__(self) -> None:
        super().__init__()
        self.tags: list[str] = []
        self.attributes: list[tuple[str, str, str]] = []
        self.styles: list[str] = []
        self._in_style = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append(tag)
        self._in_style = tag == "style"
        self.attributes.extend((tag, name, value or "") for name, value in attrs)

    def handle_endtag(self, tag: str) -> None:
        self._in_style = False

    def handle_data(self, data: str) -> None:
        if self._in_style:
            self.styles.append(data)


def assert_self_contained(document: str) -> _Collector:
    """Well-formed, no scripts, nothing fetched from anywhere, printable on A4."""
    ET.fromstring(document.split("\n", 1)[1])  # strict XML parse after the doctype line
    assert document.startswith("<!DOCTYPE html>\n")
    parser = _Collector()
    parser.feed(document)
    parser.close()
    for banned in ("script", "link", "iframe", "object", "embed", "img", "base"):
        assert banned not in parser.tags, banned
    for tag, name, value in parser.attributes:
        assert not name.startswith("on"), (tag, name)  # no event handlers
        lowered = value.strip().lower()
        assert "http://" not in lowered and "https://" not in lowered, (tag, name, value)
        assert not lowered.startswith(("//", "javascript:", "data:")), (tag, name, value)
    css = "".join(parser.styles) + " ".join(v for _, n, v in parser.attributes if n == "style")
    assert "url(" not in css and "@import" not in css
    assert "@page" in css and "size: A4" in css and "page-break-inside: avoid" in css
    return parser


def _hypercare_store(cli: Cli) -> None:
    cli("system", "import", SAMPLE_DATA / "systems.csv")
    cli("incident", "import", SAMPLE_DATA / "incidents.csv")
    cli("kpi", "import-definitions", SAMPLE_DATA / "kpi_definitions.csv")
    cli("kpi", "import", SAMPLE_DATA / "kpi_history.csv")
    cli("incident", "add", "--severity", "critical", "--title", "Ledger closed",
        "--system", "raindance", "--opened", "2026-11-21 10:00")
    for measure in ("response", "resolution"):  # the provider's SLA is tests/test_sla.py's
        for severity in ("critical", "high", "medium", "low"):
            cli("settings", "set", f"sla.{measure}.{severity}", "90d")


def test_status_as_markdown_and_html(cli: Cli, tmp_path: Path) -> None:
    _hypercare_store(cli)
    markdown = cli("status", "-f", "markdown", "--as-of", "2026-11-22 12:00").stdout
    assert markdown.startswith("# Migration programme\n")
    assert "**Overall: 🔴 red** (1 red, 1 amber)" in markdown
    assert "| raindance | 🔴 red | open critical incident INC-014: Ledger closed |" in markdown
    assert "## Incidents" in markdown and "## KPIs" in markdown and "## Systems" in markdown
    assert "| mapping_coverage_pct | 99.5 % ✗ | 100 % | +0.5 ↑ |" in markdown

    out = tmp_path / "status.html"
    cli("status", "-f", "html", "-o", out, "--as-of", "2026-11-22 12:00")
    document = out.read_text(encoding="utf-8")
    parser = assert_self_contained(document)
    assert "svg" in parser.tags  # the incidents chart
    assert ">RED</span>" in document and "INC-014" in document


def test_report_html_is_self_contained_and_omits_missing_sections(cli: Cli, tmp_path: Path
                                                                   ) -> None:
    _hypercare_store(cli)
    out = tmp_path / "report.html"
    result = cli("report", "--output", out, "--as-of", "2026-11-22 12:00")
    assert result.stdout == ""
    document = out.read_text(encoding="utf-8")
    parser = assert_self_contained(document)
    assert parser.tags.count("svg") >= 3  # coverage trend, incidents chart, KPI sparklines
    for heading in ("Summary", "Milestones", "Mapping coverage trend", "Incidents", "KPIs"):
        assert f"<h2>{heading}</h2>" in document, heading
    for absent in ("Cutover burndown", "SSO matrix"):  # no runbook, no SSO checks: no empty block
        assert absent not in document
    assert "Open incidents by severity and age" in document
    assert 'lang="en"' in document

    finnish = cli("report", "--lang", "fi", "--as-of", "2026-11-22 12:00").stdout
    assert_self_contained(finnish)
    for text in ('lang="fi"', "Ohjausryhmän tilannekatsaus", "<h2>Yhteenveto</h2>",
                 "<h2>Virstanpylväät</h2>", "kriittinen", "4.1.2027", "99,5 %"):
        assert text in finnish, text

    markdown = cli("report", "-f", "markdown", "--as-of", "2026-11-22 12:00").stdout
    assert "## Mapping coverage trend" in markdown and "▁▃▄▅▆▇██" in markdown
    assert "| critical | 1 | 0 | 0 |" in markdown  # incidents by severity and age
    assert "## SSO" not in markdown


def test_report_lays_out_cutover_mapping_and_sso_sections(store: str) -> None:
    """The blocks that wait for other sections, fed with documented section shapes."""
    with session_scope(make_engine(store)) as session:
        report = build_report(session, now=datetime(2026, 12, 31, 20, 0, tzinfo=UTC))
    sections = report["status"]["sections"]
    sections["cutover"] = {
        "planned_start": "2026-12-31T14:00:00Z", "planned_end": "2027-01-03T18:00:00Z",
        "forecast_end": "2027-01-03T19:30:00Z", "progress": {"done": 12, "total": 71, "pct": 16.9},
        "burndown": {
            "planned": [["2026-12-31T14:00:00Z", 71], ["2027-01-01T14:00:00Z", 40],
                        ["2027-01-03T18:00:00Z", 0]],
            "actual": [["2026-12-31T14:00:00Z", 71], ["2026-12-31T20:00:00Z", 59]]},
        "milestones": [{"key": "MS-010", "title": "Cutover start", "status": "done",
                        "planned": "2026-12-31T14:00:00Z", "forecast": "2026-12-31T14:00:00Z"},
                       {"key": "MS-030", "title": "Go-live", "status": "planned",
                        "planned": "2027-01-04T05:00:00Z", "forecast": "2027-01-04T06:30:00Z"}],
        "signals": []}
    sections["mapping"] = {"sets": [{"set": "tilimappaus", "version": 8, "coverage_pct": 100.0,
                                     "errors": 0, "warnings": 1,
                                     "validated_at": "2026-12-30T10:00:00Z"}], "signals": []}
    sections["sso"] = {"environments": ["admin", "education"], "matrix": [
        {"system": "raindance", "env": "admin", "status": "pass", "age_minutes": 12},
        {"system": "raindance", "env": "education", "status": "fail", "age_minutes": 12}],
        "pass_rate": {"admin": 100.0, "education": 50.0}, "signals": []}
    document = report_html(report)
    assert_self_contained(document)
    root = ET.fromstring(document.split("\n", 1)[1])
    charts = [svg for svg in root.iter("svg") if svg.get("aria-label") ==
              "Tasks remaining, planned and actual"]
    assert len(charts) == 1
    assert len(list(charts[0].iter("polyline"))) == 2  # planned and actual
    for text in ("Cutover burndown", "SSO matrix", "MS-030", "tilimappaus", ">✗ fail</span>",
                 "50 %", "12 of 71 tasks done"):
        assert text in document, text
    assert "color:#c62828" in document.split("MS-030")[0].rsplit("<tr", 1)[1]  # late milestone
    markdown = report_markdown(report, lang="fi")
    assert "## SSO-tarkistukset" in markdown and "✗ ei läpi, 12 min sitten" in markdown
    assert "## Tuotantoonsiirron edistyminen" in markdown


def _png_variance(path: Path) -> float:
    from PIL import Image, ImageStat

    with Image.open(path) as image:
        return float(ImageStat.Stat(image.convert("L")).var[0])


def test_report_renders_in_headless_chromium(cli: Cli, tmp_path: Path) -> None:
    if not Path(CHROMIUM).exists():
        if os.environ.get("CI"):
            pytest.fail("Chromium is missing in CI: the report must be checked in a browser")
        pytest.skip("Chromium is not installed")
    _hypercare_store(cli)
    report = tmp_path / "report.html"
    cli("report", "--output", report)
    png = tmp_path / "report.png"
    blank = tmp_path / "blank.html"
    blank.write_text("<!DOCTYPE html><html><body></body></html>", encoding="utf-8")
    blank_png = tmp_path / "blank.png"
    for page, shot in ((report, png), (blank, blank_png)):
        profile = tmp_path / f"profile-{shot.stem}"
        subprocess.run(
            [CHROMIUM, "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic",
             "--no-first-run", "--disable-background-networking", "--disable-component-update",
             "--disable-sync", f"--user-data-dir={profile}", f"--screenshot={shot}",
             "--window-size=1240,1754", page.as_uri()],
            capture_output=True, timeout=90, check=False,
            env={**os.environ, "HOME": str(tmp_path)})
        assert shot.is_file(), f"Chromium wrote no screenshot of {page.name}"
    assert _png_variance(blank_png) < 1.0  # the measure sees a blank page as blank…
    assert _png_variance(png) > 200.0  # …and the report as a page full of text and charts
    shutil.rmtree(tmp_path / "profile-report", ignore_errors=True)


def test_unknown_section_values_do_not_break_the_report(store: str) -> None:
    with session_scope(make_engine(store)) as session:
        report: dict[str, Any] = build_report(session)
    report["status"]["sections"]["cutover"] = {"burndown": {"planned": [["not a time", 3]]},
                                               "milestones": ["junk"], "signals": []}
    report["status"]["sections"]["sso"] = {"matrix": [{"system": "x"}], "signals": []}
    assert_self_contained(report_html(report))
    assert "Cutover burndown" not in report_html(report)
