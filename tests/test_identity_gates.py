"""The identity criteria (``identity-coverage:ENV>=PCT``, ``identity-coverage:system=KEY>=PCT``,
``trained:SYSTEM>=PCT``) parsed, linted and judged on a real store's latest identity run."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import pytest

from migctl.services.gates.spec import parse_spec
from tests.conftest import Cli
from tests.gates_data import check, city
from tests.test_identity_cli import KEY, args, people


@pytest.mark.parametrize(("text", "canonical"), [
    ("identity-coverage:admin>=99.5", "identity-coverage:admin>=99.5"),
    ("Identity-Coverage: Education >= 95,0 %", "identity-coverage:education>=95"),
    ("identity-coverage:system=Raindance>=100", "identity-coverage:system=raindance>=100"),
    ("trained: basware >= 80", "trained:basware>=80"),
])
def test_specs_print_back_canonical(text: str, canonical: str) -> None:
    assert parse_spec(text).spec == canonical
    assert parse_spec(canonical).spec == canonical


@pytest.mark.parametrize(("text", "problem"), [
    ("identity-coverage:admin", "use identity-coverage:ENV>=PCT"),
    ("identity-coverage:admin<=90", "use identity-coverage:ENV>=PCT"),
    ("identity-coverage:admin>=101", "between 0 and 100"),
    ("identity-coverage:admin>=lots", "lots"),
    ("trained:>=90", "use trained:SYSTEM>=PCT"),
    ("identity-coverage:system=>=90", "not a valid name"),
])
def test_bad_specs_say_what_is_wrong(text: str, problem: str) -> None:
    with pytest.raises(ValueError, match=problem):
        parse_spec(text)


def test_criteria_on_an_unknown_system_are_refused(cli: Cli, tmp_path: Path) -> None:
    city(cli, tmp_path)
    for spec in ("trained:sap>=90", "identity-coverage:system=sap>=90"):
        result = cli("task", "criteria", "add", "G1", "-r", spec, code=2)
        assert "unknown system 'sap'" in result.stderr


def test_criteria_pass_and_fail_on_the_latest_run(cli: Cli, tmp_path: Path,
                                                  monkeypatch: pytest.MonkeyPatch) -> None:
    city(cli, tmp_path)
    cli("task", "criteria", "add", "G1", "-r", "identity-coverage:admin>=50",
        "-r", "identity-coverage:education>=100", "-r", "identity-coverage:admin>=50.01",
        "-r", "identity-coverage:system=raindance>=60", "-r", "trained:raindance>=50",
        "-r", "trained:opiferus>=51", "-r", "identity-coverage:moon>=1",
        "-r", "trained:basware>=1")
    before = check(cli, code=1)["criteria"]
    assert {c["passed"] for c in before} == {False}
    assert before[0]["message"] == "no identity check has run (`migctl identity check`)"

    monkeypatch.setenv("MIGCTL_PSEUDONYM_KEY", KEY)
    cli(*args(people(tmp_path)), code=1)
    found = {c["spec"]: c for c in check(cli, code=1)["criteria"]}
    verdicts = {spec: c["passed"] for spec, c in found.items()}
    assert verdicts == {
        "identity-coverage:admin>=50": True, "identity-coverage:education>=100": True,
        "identity-coverage:admin>=50.01": False,
        "identity-coverage:system=raindance>=60": False, "trained:raindance>=50": True,
        "trained:opiferus>=51": False, "identity-coverage:moon>=1": False,
        "trained:basware>=1": False}
    admin = found["identity-coverage:admin>=50.01"]
    assert admin["message"] == ("identity run 1 on 2027-01-04: accounts in admin 50 % "
                                "(< 50.01 %)")
    assert admin["evidence"] == {"measure": "environment", "subject": "admin",
                                 "threshold": 50.01, "value": 50.0, "run_id": 1,
                                 "on": "2027-01-04"}
    assert "did not measure accounts in moon (it measured: admin, education)" in \
        found["identity-coverage:moon>=1"]["message"]
    assert "it measured: opiferus, raindance" in found["trained:basware>=1"]["message"]


def test_a_run_after_the_time_judged_is_not_seen(cli: Cli, tmp_path: Path,
                                                 monkeypatch: pytest.MonkeyPatch) -> None:
    city(cli, tmp_path)
    cli("task", "criteria", "add", "G1", "-r", "identity-coverage:admin>=50")
    monkeypatch.setenv("MIGCTL_PSEUDONYM_KEY", KEY)
    cli(*args(people(tmp_path)), code=1)
    assert check(cli)["criteria"][0]["passed"] is True
    earlier = check(cli, "--as-of", "2020-01-01 12:00", code=1)["criteria"][0]
    assert earlier["passed"] is False and earlier["evidence"]["value"] is None


def test_evidence_value_is_a_decimal_in_the_service() -> None:
    from migctl.services.gates.kinds.identity import CoverageAtLeast

    criterion = parse_spec("trained:raindance>=87.5")
    assert criterion == CoverageAtLeast("trained", "training", "raindance", Decimal("87.5"))
