"""`migctl status --lang fi` on the terminal (issue 17): headings, column names and status
values come from the catalogue; keys, specs and what people typed stay as written. The English
screen is unchanged."""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

import pytest

from migctl.render.catalogue.finnish import counted
from migctl.render.status_load import cause_word
from tests.conftest import Cli, copy_store, module_demo
from tests.test_report_steering import AS_OF, english_words

#: English headings of the screen that must not stay in the Finnish one.
HEADINGS = ("Readiness", "Systems", "Cutover", "Incidents", "Data load", "Register", "KPIs",
            "Mappings", "Target", "Legacy", "Status", "Owner", "Title", "Severity", "Why",
            "Next ready", "Last rehearsal", "Latest validation", "Causes", "Criticality")


@pytest.fixture(scope="module")
def demo(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Cli]:
    with module_demo(tmp_path_factory.mktemp("finnish")) as cli:
        yield cli


def _screen(demo: Cli, *lang: str) -> str:
    return demo("status", "--as-of", AS_OF, *lang).stdout


#: A criterion spec (``incidents-below:high:1``): a key as written, not words.
SPEC = re.compile(r"\b[a-z]+(?:-[a-z]+)*:[^\s;]+")


def _words(screen: str) -> list[str]:
    """English status words outside command examples (`migctl sso check`) and criterion
    specs."""
    return english_words(SPEC.sub("", re.sub(r"`[^`]*`", "", screen)))


def _headings(screen: str) -> list[str]:
    return [h for h in HEADINGS if re.search(rf"(?<![\w\-/.@]){re.escape(h)}(?![\w\-/.@])",
                                             screen)]


def test_the_finnish_screen_has_no_english_status_word_or_heading(demo: Cli) -> None:
    finnish = _screen(demo, "--lang", "fi")
    assert _words(finnish) == []
    assert _headings(finnish) == []
    for text in ("Valmius", "Järjestelmät", "tekemättä", "ei täyty", "läpi · 15 pv",
                 "Häiriöt  4 avoinna (korkea 1, keskitaso 2, matala 1)", "kenttä eroaa 1",
                 "puuttuu kohteesta 2", "1 virhe, 0 varoitusta", "8 virhettä", "Mittarit",
                 "! kriittinen polku", "1 palkkavertailu:", "1 varoitus;",
                 "S040: varmenne tai avain vaihtui tarkistuksen edellisen ajon jälkeen"):
        assert text in finnish, text
    # keys, specs and what people typed stay as written
    for text in ("GATE-0", "kpi:ostolaskut_5pv>=90", "ap-open-invoices", "tasks_done_pct",
                 "Rinnakkaisajo: lomarahat poikkeavat"):
        assert text in finnish, text


def test_the_english_screen_keeps_its_words(demo: Cli) -> None:
    english = _screen(demo)
    assert _words(english)  # the check can fail: the English screen has these words
    assert set(_headings(english)) == set(HEADINGS)
    for text in ("todo", "field_differs 1", "1 error, 0 warnings", "pass · 15 d",
                 "! critical path"):
        assert text in english, text


def test_json_keeps_the_cause_codes(demo: Cli) -> None:
    load = demo.json("status", "--as-of", AS_OF)["sections"]["load"]
    causes = {c for r in load["recons"] if r["run"] for c in r["run"]["counts"]}
    assert "field_differs" in causes


def test_status_refuses_a_language_for_json(demo: Cli) -> None:
    result = demo("status", "-f", "json", "--lang", "fi", code=2)
    assert "--lang fi needs -f table, markdown or html" in result.stderr


@pytest.mark.parametrize("n, key, lang, said", [
    (1, "error", "fi", "1 virhe"), (3, "error", "fi", "3 virhettä"),
    (0, "warning", "fi", "0 varoitusta"), (1, "error", "en", "1 error"),
    (2, "error", "en", "2 errors"), (1, "open_difference", "fi", "1 avoin ero"),
    (5, "unknown", "fi", "5 unknown")])
def test_counted_words_agree_with_their_number(n: int, key: str, lang: str, said: str) -> None:
    assert counted(n, key, lang) == said


def test_cause_codes_are_words_in_finnish_only() -> None:
    assert cause_word("missing_in_target", "fi") == "puuttuu kohteesta"
    assert cause_word("missing_in_target", "en") == "missing_in_target"
    assert cause_word("a_new_code", "fi") == "a_new_code"


def test_a_rehearsal_with_a_failed_task_is_in_finnish_too(demo: Cli, tmp_path: Path,
                                                          monkeypatch: pytest.MonkeyPatch
                                                          ) -> None:
    monkeypatch.setenv("COLUMNS", "160")
    cli = Cli(copy_store(demo.db_url, tmp_path / "running.db"), monkeypatch)
    cli("cutover", "run", "start", "rehearsal-2", "--at", "2026-12-07 08:00")
    cli("task", "start", "GEN-010", "--force")
    cli("task", "fail", "GEN-010", "--reason", "IdP ei vastaa")
    finnish = cli("status", "--lang", "fi").stdout
    assert _words(finnish) == []
    for text in ("rehearsal-2 (harjoitus) käynnissä", "varsinainen tuotantoonsiirto alkaa",
                 "Epäonnistunut", "IdP ei vastaa", "Työvirta", "! kriittinen polku"):
        assert text in finnish, text
    english = cli("status").stdout
    assert "rehearsal-2 (rehearsal) running" in english
    assert "Failed" in english


def test_finnish_numbers_dates_and_ages_are_written_the_finnish_way(demo: Cli,
                                                                    tmp_path: Path) -> None:
    """Decimal commas in signal sentences, a Finnish date in the identity summary, KPI ages in
    days and hours, and the count's own number in the evidence of a mapping criterion."""
    finnish = _screen(demo, "--lang", "fi")
    assert re.search(r"\d+,\d+ %:lla järjestelmää", finnish)
    assert re.search(r"ajo \d+ päivälle \d{1,2}\.\d{1,2}\.\d{4}:", finnish)
    assert re.search(r"\d+ pv \d+ h vanhentunut", finnish)
    assert not re.search(r"\d+d\d+h", finnish)
    report = tmp_path / "raportti.md"
    demo("report", "-f", "markdown", "--lang", "fi", "-o", report)
    assert "1 virhe, 0 varoitusta (M012)" in report.read_text(encoding="utf-8")
    english = tmp_path / "report.md"
    demo("report", "-f", "markdown", "-o", english)
    assert "1 error, 0 warnings (M012)" in english.read_text(encoding="utf-8")
