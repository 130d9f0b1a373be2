"""The steering report on the demo store: decisions needed, cutover, rehearsals compared, in
English and Finnish (no English status word in the Finnish report), printable in Chromium."""

from __future__ import annotations

import json
import os
import re
import subprocess
from collections.abc import Iterator
from html.parser import HTMLParser
from pathlib import Path

import pytest

from migctl.render.report_steering import duration, evidence_line
from migctl.render.sections import DocView
from migctl.values import zone
from tests.conftest import Cli, copy_store, module_demo
from tests.test_report import CHROMIUM, assert_self_contained

AS_OF = "2026-12-07 12:00"
#: Words migctl itself writes that must not stay English in a Finnish report: status values
#: of tasks, SSO checks, incidents, criteria and decisions' words. Keys and specs (``open``
#: in ``ap-open-invoices``, ``done`` in ``tasks-done:``) are not words: hyphens and
#: underscores join them.
ENGLISH = re.compile(r"(?<![\w\-/.@])(todo|to do|never|never run|done|failed|blocked|skipped|"
                     r"in progress|in_progress|pass|fail|warn|planned|late|open|closed|stale|"
                     r"running|none|not run|critical|high|medium|low|resolved|yes|no|"
                     r"criteria met|no criteria|overdue)(?![\w\-/.@])", re.IGNORECASE)


@pytest.fixture(scope="module")
def demo(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Cli]:
    """The demo store (built once for the module); tests that change it work on a copy."""
    with module_demo(tmp_path_factory.mktemp("steering")) as cli:
        yield cli


@pytest.fixture
def rehearsing(demo: Cli, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Cli:
    """A copy of the demo in a second rehearsal: GATE-0 overridden, two tasks done, one
    running, one failed."""
    cli = Cli(copy_store(demo.db_url, tmp_path / "running.db"), monkeypatch)
    cli("cutover", "run", "start", "rehearsal-2", "--at", "2026-12-07 08:00")
    cli("task", "decide", "GATE-0", "go", "--by", "Ohjausryhmä", "--override", "--reason",
        "Ostolaskujen jono puretaan ennen katkoa", "--at", "2026-12-07 08:10")
    for key in ("MS-010", "GEN-010"):
        cli("task", "start", key)
        cli("task", "done", key)
    cli("task", "start", "GEN-020")
    cli("task", "start", "SSO-010")
    cli("task", "fail", "SSO-010", "--reason", "IdP ei vastaa")
    return cli


class _Text(HTMLParser):
    """The words a reader sees: text outside <style> and <code> (criterion specs)."""

    def __init__(self) -> None:
        super().__init__()
        self.parts: list[str] = []
        self._skip = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self._skip += tag in ("style", "code")

    def handle_endtag(self, tag: str) -> None:
        self._skip -= tag in ("style", "code")

    def handle_data(self, data: str) -> None:
        if not self._skip:
            self.parts.append(data)


def visible_text(document: str) -> str:
    parser = _Text()
    parser.feed(document)
    return " ".join(parser.parts)


def english_words(text: str) -> list[str]:
    return [text[max(0, m.start() - 40):m.end() + 20] for m in ENGLISH.finditer(text)]


def test_the_demo_ends_with_no_active_run_and_gate_0_keeps_its_criteria(demo: Cli) -> None:
    runs = demo.json("cutover", "run", "list")
    assert [r["status"] for r in runs] == ["finished"]
    criteria = demo.json("task", "criteria", "list")
    assert [c["spec"] for c in criteria if c["gate"] == "GATE-0"] == [
        "kpi:ostolaskut_5pv>=90", "kpi:avoimet_ostolaskut<=500", "incidents-below:critical:1"]


def test_the_finnish_report_of_the_demo_has_no_english_status_word(demo: Cli) -> None:
    html = demo("report", "--lang", "fi", "--as-of", AS_OF).stdout
    assert_self_contained(html)
    assert english_words(visible_text(html)) == []
    markdown = demo("report", "--lang", "fi", "-f", "markdown", "--as-of", AS_OF).stdout
    assert english_words(re.sub(r"`[^`]*`", "", markdown)) == []
    for text in ("## Päätettävät asiat", "✗ ei täyty", "✓ täyttyy", "tekemättä",
                 "## Harjoitusten vertailu", "Harjoitus mahtui katkoikkunaan",
                 "Suunnitelman kriittinen polku", "Arvioiden muutokset", "4 tarkistusta: "):
        assert text in markdown, text
    # the words are checked, and the English report does have them
    english = demo("report", "-f", "markdown", "--as-of", AS_OF).stdout
    assert english_words(re.sub(r"`[^`]*`", "", english))


def test_decisions_needed_lists_every_gate_with_each_criterion_and_its_evidence(demo: Cli
                                                                                ) -> None:
    markdown = demo("report", "-f", "markdown", "--as-of", AS_OF).stdout
    decisions = markdown.split("## Decisions needed", 1)[1].split("\n## ", 1)[0]
    assert [line.split()[1] for line in decisions.splitlines() if line.startswith("### ")] == [
        "GATE-0", "GATE-1", "GATE-2"]
    assert "GATE-0 · planned 2026-12-30 14:00 · to do · criteria not met" in decisions
    assert ("| `kpi:avoimet_ostolaskut<=500` | ✗ fail | avoimet_ostolaskut = 640 at "
            "2026-11-16 08:00 (target <= 500) |") in decisions
    assert ("validation 1 of tilimappaus@1 at 2026-11-22 08:00: 8 errors, 0 warnings") \
        in decisions
    assert re.search(r"4 checks: \d pass, \d fail, \d never run, \d older than 24 h", decisions)
    assert "| `incidents-below:critical:1` | ✓ pass |" in decisions


def test_rehearsals_compared_gives_the_sums_of_cutover_run_compare(demo: Cli) -> None:
    compared = demo.json("cutover", "run", "compare", "rehearsal-1")
    work = compared["runs"][0]["work"]
    markdown = demo("report", "-f", "markdown", "--as-of", AS_OF).stdout
    part = markdown.split("## Rehearsals compared", 1)[1].split("\n## ", 1)[0]
    view = DocView("en", zone("Europe/Helsinki"))
    whole = (f"| All workstreams | {work['done']} | {duration(work['planned_minutes'], view)} "
             f"| {duration(work['actual_minutes'], view)} | "
             f"{duration(work['overrun_minutes'], view, sign=True)} |")
    assert whole in part
    for stream in compared["workstreams"]:
        sums = stream["runs"][0]
        if sums["done"]:
            assert (f"| {stream['workstream']} | {sums['done']} | "
                    f"{duration(sums['planned_minutes'], view)} |") in part
    assert "It fitted the cutover window" in part
    top = compared["biggest_overruns"][0]
    assert f"| {top['key']} |" in part.split("**Biggest overruns**", 1)[1]
    assert "### How the estimates changed" in part


def test_the_report_of_a_run_shows_its_critical_path_attention_and_decisions(
        rehearsing: Cli) -> None:
    markdown = rehearsing("report", "-f", "markdown", "--as-of", "2026-12-07 09:00").stdout
    cutover = markdown.split("\n## Cutover\n", 1)[1].split("\n## ", 1)[0]
    assert "**Critical path of rehearsal-2 (forecast), ends" in cutover
    assert "| SSO-010 |" in cutover.split("**Late, failed or blocked**", 1)[1]
    failed = next(line for line in cutover.splitlines() if line.startswith("| SSO-010 |"))
    assert "| failed |" in failed and "Elina Koskinen" in failed
    decisions = markdown.split("## Decisions needed", 1)[1]
    assert ("| rehearsal-2 | go | Ohjausryhmä | yes | override: Ostolaskujen jono puretaan "
            "ennen katkoa |") in decisions
    assert "Run rehearsal-2: tasks remaining, planned (that run's plan) and actual" in markdown
    finnish = rehearsing("report", "--lang", "fi", "--as-of", "2026-12-07 09:00").stdout
    assert english_words(visible_text(finnish)) == []
    assert "ohitettu: Ostolaskujen jono puretaan ennen katkoa" in finnish


@pytest.mark.parametrize("kind, evidence, passed, english, finnish", [
    ("kpi", {"kpi": "x", "op": ">=", "threshold": 90, "value": None}, False,
     "x has no value yet", "mittarilla x ei ole vielä arvoa"),
    ("incidents-below", {"severity": "high", "counted": ["critical", "high"], "open": 2,
                         "limit": 1}, False,
     "2 open at critical, high (must be fewer than 1)",
     "2 avointa, vakavuus kriittinen, korkea (oltava alle 1)"),
    ("recon-clean", {"recon": "tb", "run_id": None}, False, "tb has never run",
     "täsmäytystä tb ei ole ajettu"),
    ("tasks-done", {"run": "r2", "done": 1, "total": 2,
                    "tasks": [{"key": "A", "status": "done"}, {"key": "B", "status": "failed"}]},
     False, "1 of 2 tasks done in r2; waiting: B (failed)",
     "1/2 tehtävää valmiina ajossa r2; odottaa: B (epäonnistui)"),
    ("risks-below", {"score": 15, "too_high": ["R-01"]}, False,
     "open risks at 15 or above: R-01", "avoimet riskit, joiden pisteet ovat 15 tai yli: R-01"),
    ("window-confidence", {"threshold_pct": 80, "p_within_window": 0.7, "simulations": 200,
                           "seed": 1}, False,
     "P(cutover within window) = 70 % (< 80 %); 200 simulations, seed 1",
     "P(siirto valmis ikkunassa) = 70 % (< 80 %); 200 simulointia, siemen 1"),
    ("window-confidence", {"p": 0.7}, False, "as the kind says", "as the kind says"),
])
def test_evidence_lines_in_both_languages(kind: str, evidence: dict[str, object], passed: bool,
                                          english: str, finnish: str) -> None:
    criterion = {"spec": f"{kind}:x", "kind": kind, "passed": passed,
                 "message": "as the kind says", "evidence": evidence}
    tz = zone("UTC")
    assert evidence_line(criterion, DocView("en", tz)) == english  # type: ignore[arg-type]
    assert evidence_line(criterion, DocView("fi", tz)) == finnish  # type: ignore[arg-type]


def test_the_report_prints_on_a4_pages_in_chromium_without_console_errors(
        rehearsing: Cli, tmp_path: Path) -> None:
    if not Path(CHROMIUM).exists():
        if os.environ.get("CI"):
            pytest.fail("Chromium is missing in CI: the report must be checked in a browser")
        pytest.skip("Chromium is not installed")
    page = tmp_path / "report.html"
    rehearsing("report", "--lang", "fi", "-o", page, "--as-of", "2026-12-07 09:00")
    pdf = tmp_path / "report.pdf"
    common = [CHROMIUM, "--headless", "--no-sandbox", "--disable-gpu", "--no-first-run",
              "--disable-background-networking", "--disable-component-update", "--disable-sync",
              "--enable-logging=stderr", "--v=0"]
    env = {**os.environ, "HOME": str(tmp_path)}
    dom = subprocess.run([*common, f"--user-data-dir={tmp_path / 'p1'}", "--dump-dom",
                          page.as_uri()], capture_output=True, text=True, timeout=90,
                         check=False, env=env)
    assert "Päätettävät asiat" in dom.stdout, dom.stderr[-2000:]
    assert dom.stdout.count('class="part"') >= 5
    assert [line for line in dom.stderr.splitlines() if "CONSOLE" in line] == []
    subprocess.run([*common, f"--user-data-dir={tmp_path / 'p2'}", "--no-pdf-header-footer",
                    f"--print-to-pdf={pdf}", page.as_uri()],
                   capture_output=True, timeout=90, check=False, env=env)
    data = pdf.read_bytes()
    pages = len(re.findall(rb"/Type\s*/Page[^s]", data))
    assert pages >= 6  # the first page, then every part on a page of its own
    size = re.search(rb"/MediaBox\s*\[\s*0 0 ([\d.]+) ([\d.]+)", data)
    assert size is not None
    assert (round(float(size.group(1))), round(float(size.group(2)))) == (595, 842)  # A4


def test_every_chart_number_is_in_a_table(rehearsing: Cli) -> None:
    html = rehearsing("report", "--as-of", "2026-12-07 09:00").stdout
    assert "Tasks remaining at" in html  # the burndown's table
    assert "work planned and actual by workstream, hours" in html
    assert html.count("<svg") >= 3
    document = json.loads(rehearsing("status", "-f", "json", "--as-of", "2026-12-07 09:00")
                          .stdout)
    assert document["sections"]["cutover"]["run"]["name"] == "rehearsal-2"


def test_a_dependency_cycle_leaves_the_report_standing_with_the_error(cli: Cli) -> None:
    from sqlalchemy import text

    from migctl.store.engine import make_engine

    cli("task", "add", "A", "--title", "a", "--duration", "1h")
    cli("task", "add", "B", "--title", "b", "--duration", "1h", "--depends-on", "A")
    with make_engine(cli.db_url).begin() as connection:
        ids = dict(connection.execute(text("SELECT key, id FROM task")).all())
        connection.execute(text("INSERT INTO task_dependency (task_id, depends_on_id) "
                                "VALUES (:a, :b)"), {"a": ids["A"], "b": ids["B"]})
    markdown = cli("report", "-f", "markdown").stdout
    assert "A → B → A" in markdown.split("\n## Cutover\n", 1)[1]
