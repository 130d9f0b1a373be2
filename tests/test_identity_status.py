"""The "People — accounts and training" section, its signals and KPIs, the demo's planted gaps,
the sample generator, and the coverage arithmetic (issue 19)."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from migctl.services.identity.check import coverage_pct
from tests.conftest import SAMPLE_DATA, Cli, load_generator
from tests.test_identity_cli import KEY, args, people


def _section(cli: Cli) -> dict:
    return cli.json("status")["sections"]["identity"]  # type: ignore[no-any-return]


def test_before_any_check_the_section_is_empty_and_raises_nothing(cli: Cli) -> None:
    section = _section(cli)
    assert section["run"] is None and section["signals"] == []
    assert section["totals"]["coverage_pct"] is None
    assert "no identity check has run yet" in cli("status").stdout


def test_coverage_below_target_raises_signals_and_kpis(cli: Cli, tmp_path: Path,
                                                       monkeypatch: pytest.MonkeyPatch) -> None:
    cli("system", "import", SAMPLE_DATA / "systems.csv")
    monkeypatch.setenv("MIGCTL_PSEUDONYM_KEY", KEY)
    cli(*args(people(tmp_path)), code=1)
    status = cli.json("status")
    section = status["sections"]["identity"]
    assert section["run"]["coverage_pct"] == {"admin": 50.0, "education": 100.0}
    assert section["totals"] == {"coverage_pct": 50.0, "system_coverage_pct": 50.0,
                                 "training_coverage_pct": 50.0, "errors": 7, "warnings": 1}
    signals = [(s["level"], s["code"], s["system"]) for s in section["signals"]]
    assert signals == [("red", "identity-coverage-low", None),
                       ("red", "identity-users-missing", "raindance"),
                       ("amber", "training-coverage-low", "opiferus"),
                       ("amber", "training-coverage-low", "raindance")]
    assert section["signals"][0]["params"] == {"environment": "admin", "pct": "50.00",
                                               "target": "100", "missing": 1}
    assert status["readiness"]["overall"] == "red"
    kpis = {k["name"]: k["value"] for k in status["sections"]["kpis"]["kpis"]}
    assert kpis["identity_coverage_pct"] == 50.0
    assert kpis["identity_system_coverage_pct"] == 50.0
    assert kpis["training_coverage_pct"] == 50.0

    cli("settings", "set", "identity.coverage_target", "50")
    cli("settings", "set", "identity.training_target", "50 %")
    assert _section(cli)["signals"] == []
    assert cli("settings", "set", "identity.coverage_target", "120", code=2)


def test_the_section_reads_in_finnish_in_the_report(cli: Cli, tmp_path: Path,
                                                    monkeypatch: pytest.MonkeyPatch) -> None:
    cli("system", "import", SAMPLE_DATA / "systems.csv")
    monkeypatch.setenv("MIGCTL_PSEUDONYM_KEY", KEY)
    cli(*args(people(tmp_path)), code=1)
    finnish = cli("report", "-f", "markdown", "--lang", "fi").stdout
    assert "## Henkilöstö — tunnukset ja koulutus" in finnish
    assert "vain 50,00 %:lla hallinnon ympäristön aktiivisista henkilöistä" in finnish
    assert "50,00" in finnish and "tunnukset" in finnish
    english = cli("report").stdout
    assert "People — accounts and training" in english and "I001 1" in english


def test_the_demo_checks_the_planted_gaps(bare_cli: Cli) -> None:
    loaded = bare_cli("demo").stderr
    assert "identity/ (checked with the demo's public pseudonym key)" in loaded
    run = _section(bare_cli)["run"]
    assert run["on"] == "2027-01-04"
    assert run["active"] == {"admin": 179, "education": 129}
    assert run["counts"]["I001"] == 6  # teachers without an education account
    assert run["counts"]["I002"] == 2  # the two leavers' accounts still enabled
    assert {run["counts"][c] for c in ("I003", "I004", "I005")} == {1}
    assert run["counts"]["I006"] == 5
    assert run["coverage_pct"]["education"] < 100 == run["coverage_pct"]["admin"]
    assert set(run["training_coverage_pct"]) == {"raindance", "basware", "personec_hr"}
    history = bare_cli.json("identity", "history")
    assert len(history) == 1


def test_the_generator_writes_the_committed_sample_files(tmp_path: Path) -> None:
    module = load_generator("identity")
    module.generate(tmp_path)
    committed = SAMPLE_DATA / "identity"
    names = sorted(p.name for p in tmp_path.iterdir())
    assert names == sorted(p.name for p in committed.iterdir())
    for name in names:
        assert (tmp_path / name).read_bytes() == (committed / name).read_bytes(), name


@given(st.integers(min_value=0, max_value=10**7), st.integers(min_value=1, max_value=10**7))
def test_coverage_is_cut_never_rounded_up(covered: int, extra: int) -> None:
    total = covered + extra  # always someone missing
    pct = coverage_pct(covered, total)
    exact = Decimal(covered) * 100 / Decimal(total)
    assert pct <= exact < pct + Decimal("0.01")
    assert pct < 100
    assert coverage_pct(total, total) == Decimal("100.00")
