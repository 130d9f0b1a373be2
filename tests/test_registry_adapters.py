"""The load reconciliation and the programme register as gate criteria, status sections and
built-in KPIs: each passing and failing on a real store (issues 18 and 23 through issue 15's
registries)."""

from __future__ import annotations

from pathlib import Path

from tests.conftest import Cli, write_csv
from tests.gates_data import check, city, only
from tests.mapping_data import mapping_csv, setup_reference
from tests.test_recon_cli import LEGACY_TB, TARGET_TB


def _recon(cli: Cli, tmp_path: Path, target: str = TARGET_TB) -> None:
    setup_reference(cli, tmp_path)
    cli("mapping", "import", mapping_csv(tmp_path), "--set", "m")
    legacy = write_csv(tmp_path / "tb.csv", LEGACY_TB, encoding="cp1252")
    cli("recon", "add", "tb", "--kind", "balances", "--legacy", legacy, "--target",
        write_csv(tmp_path / "target.csv", target), "--set", "m", "--tolerance", "0,01",
        "--system", "raindance")


def test_recon_clean_fails_until_every_difference_is_explained(cli: Cli, tmp_path: Path
                                                               ) -> None:
    city(cli, tmp_path)
    _recon(cli, tmp_path)
    cli("task", "criteria", "add", "G1", "-r", "recon-clean:tb")
    never = only(check(cli, code=1))
    assert (never["passed"], never["message"]) == (False, "tb has never run")
    cli("recon", "run", "tb", code=1)
    dirty = only(check(cli, code=1))
    assert dirty["passed"] is False and "is not clean" in dirty["message"]
    assert dirty["evidence"]["run_id"] == 1 and dirty["evidence"]["counts"]["misposted"] == 1
    for key in ("300000,200,2000,2025-12", "1020,,2025-12", "400000,100,1000,2025-12"):
        cli("recon", "accept", "tb", "--key", key, "--reason", "agreed", "--by", "Liisa")
    cli("recon", "run", "tb")
    clean = only(check(cli, code=0))
    assert clean["passed"] is True and clean["evidence"]["run_id"] == 2
    stale = only(check(cli, "--as-of", "2099-01-01 12:00", code=1))
    assert "older than the max age" in stale["message"]


def test_an_unknown_reconciliation_fails_naming_it(cli: Cli, tmp_path: Path) -> None:
    city(cli, tmp_path)
    cli("task", "criteria", "add", "G1", "-r", "recon-clean:nope")
    result = only(check(cli, code=1))
    assert result["passed"] is False and "no reconciliation named 'nope'" in result["message"]


def test_the_load_section_signals_and_kpis(cli: Cli, tmp_path: Path) -> None:
    city(cli, tmp_path)
    _recon(cli, tmp_path)
    status = cli.json("status")
    load = status["sections"]["load"]
    assert load["totals"]["never_run"] == 1
    assert [s["code"] for s in load["signals"]] == ["recon-not-run"]
    cli("recon", "run", "tb", code=1)
    status = cli.json("status")
    load = status["sections"]["load"]
    assert load["totals"] == {"recons": 1, "clean": 0, "not_clean": 1, "never_run": 0,
                              "open_differences": 3, "unexplained": 309.99}
    [signal] = load["signals"]
    assert (signal["code"], signal["level"], signal["system"]) == ("recon-not-clean", "red",
                                                                   "raindance")
    raindance = next(s for s in status["readiness"]["systems"] if s["key"] == "raindance")
    assert raindance["rag"] == "red"
    kpis = {k["name"]: k for k in status["sections"]["kpis"]["kpis"]}
    assert kpis["recon_open_differences"]["value"] == 3
    assert kpis["recon_difference_eur"]["value"] == 309.99
    fi = cli("status", "-f", "markdown", "--lang", "fi").stdout
    assert "## Tietojen siirto" in fi and "siirto tb ei täsmää" in fi


ACTIONS = ("tunnus;toimenpide;luokka;vastuuhenkilö;aikataulu;tila;järjestelmät;tehtävät\n"
           "TP-01;Pääkäyttäjien koulutus;koulutus;Satu;1.12.2026;avoin;raindance;G1\n"
           "TP-02;Lisenssit;investointi;Petri;1.12.2027;avoin;basware;\n")
RISKS = ("tunnus;riski;vastuuhenkilö;todennäköisyys;vaikutus;lieventävä toimenpide\n"
         "R-01;Palkkaerot;Timo;4;5;TP-01\nR-02;Koulutus myöhässä;Satu;2;3;\n")


def test_register_criteria_sections_and_kpis(cli: Cli, tmp_path: Path) -> None:
    city(cli, tmp_path)
    cli("action", "import", write_csv(tmp_path / "actions.csv", ACTIONS))
    cli("risk", "import", write_csv(tmp_path / "risks.csv", RISKS))
    cli("task", "criteria", "add", "G1", "-r", "actions-done:category=koulutus")
    waiting = only(check(cli, "--as-of", "2026-12-10 12:00", code=1))
    assert waiting["passed"] is False and waiting["evidence"]["not_done"] == ["TP-01"]
    cli("action", "done", "TP-01")
    assert only(check(cli, "--as-of", "2026-12-10 12:00", code=0))["passed"] is True
    cli("task", "criteria", "remove", "G1", "--all")
    cli("task", "criteria", "add", "G1", "-r", "risks-below:20")
    high = only(check(cli, code=1))
    assert high["passed"] is False and high["evidence"]["too_high"] == ["R-01"]
    cli("risk", "set", "R-01", "--impact", "4")
    assert only(check(cli, code=0))["passed"] is True
    status = cli.json("status", "--as-of", "2026-12-10 12:00")
    register = status["sections"]["register"]
    assert register["actions"]["overdue"] == 0 and register["risks"]["open"] == 2
    kpis = {k["name"]: k for k in status["sections"]["kpis"]["kpis"]}
    assert kpis["actions_overdue"]["value"] == 0 and kpis["risks_high"]["value"] == 1


def test_the_report_shows_the_load_and_the_register_in_both_languages(bare_cli: Cli,
                                                                      tmp_path: Path) -> None:
    bare_cli("demo")
    html = bare_cli("report", "--as-of", "2026-11-22 12:00").stdout
    for text in ("Data load", "tb-opening", "Programme register", "Top risks", "R-01",
                 'aria-label="Risk heat map"'):
        assert text in html, text
    fi = bare_cli("report", "-f", "markdown", "--lang", "fi", "--as-of",
                  "2026-11-22 12:00").stdout
    for text in ("## Tietojen siirto", "## Toimenpiteet ja riskit", "### Riskikartta",
                 "↑ nousee", "koulutus", "### Toimenpiteet vastuuhenkilöittäin",
                 "| Timo Laaksonen |"):
        assert text in fi, text
    assert fi.index("## Tietojen siirto") < fi.index("## Toimenpiteet ja riskit") < fi.index(
        "## Mittarit")
