"""`identity check` engine: every finding code fired and not fired, coverage never rounded up,
and no raw employee id or account name anywhere in the result (issue 19)."""

from __future__ import annotations

import json
from dataclasses import asdict
from datetime import date
from decimal import Decimal
from pathlib import Path

import pytest

from migctl.errors import InputError, OptionError
from migctl.services.identity.check import check, coverage_pct, load_inputs
from migctl.services.pseudonym import Pseudonymiser, load_key
from tests.conftest import write_csv

ON = date(2027, 1, 4)
KEY = Pseudonymiser(b"0123456789abcdef-test-key")


@pytest.fixture
def files(tmp_path: Path) -> dict[str, Path]:
    roster = write_csv(tmp_path / "hr.csv", (
        "henkilönumero;organisaatioyksikkö;alkupäivä;loppupäivä;ympäristö;rooli;nimi\n"
        "10001;TALOUS-1;1.1.2020;;hallinto;kirjanpitäjä;Aino Virtanen\n"
        "10002;TALOUS-1;1.1.2020;;admin;controller;Bertta Bäck\n"
        "10003;OPE-7;1.8.2019;;opetus;opettaja;Cecilia Carlsson\n"
        "10004;OPE-7;1.8.2019;31.12.2026;education;opettaja;Lähtijä Lähtevä\n"
        "10005;OPE-7;1.8.2019;;education;opettaja;Eino Kaksinen\n"
        "10006;TALOUS-1;1.2.2027;;admin;kirjanpitäjä;Tuleva Tulokas\n"))
    admin = write_csv(tmp_path / "admin.csv", (
        "upn,employee_id,enabled,display_name\n"
        "aino.virtanen@kaupunki.fi,10001,TRUE,Aino Virtanen\n"
        "bertta.back@kaupunki.fi,10002,FALSE,Bertta Bäck\n"
        "eino.kaksinen@kaupunki.fi,10005,TRUE,Eino Kaksinen\n"
        "svc.backup@kaupunki.fi,,TRUE,Backup service\n"))
    education = write_csv(tmp_path / "edu.csv", (
        "upn,employee_id,enabled\n"
        "cecilia.carlsson@edu.kaupunki.fi,10003,true\n"
        "lahtija.lahteva@edu.kaupunki.fi,10004,true\n"
        "eino.kaksinen@edu.kaupunki.fi,10005,true\n"
        "eino.k2@edu.kaupunki.fi,10005,false\n"))
    raindance = write_csv(tmp_path / "raindance.csv", (
        "login;employee_id;roles\n"
        "AINOV;10001;kirjaaja\n"
        "GHOST;99999;pääkäyttäjä\n"))
    requirements = write_csv(tmp_path / "needs.csv", (
        "org_unit;systems\nTALOUS-*;raindance\nOPE-*;opiferus\n"))
    courses = write_csv(tmp_path / "courses.csv", (
        "pattern;system;course\nTALOUS-*;raindance;RD-101\nopettaja;opiferus;OP-1\n"))
    training = write_csv(tmp_path / "lms.csv", (
        "employee_id;course;completed_on\n"
        "10001;RD-101;15.12.2026\n"
        "10002;RD-101;10.1.2027\n"
        "10003;OP-1;1.12.2026\n"))
    return {"roster": roster, "admin": admin, "education": education,
            "raindance": raindance, "requirements": requirements, "courses": courses,
            "training": training}


def _run(files: dict[str, Path]) -> object:
    inputs = load_inputs(roster=files["roster"],
                         directories={"admin": files["admin"], "education": files["education"]},
                         systems={"raindance": files["raindance"]},
                         requirements=files["requirements"], training=files["training"],
                         courses=files["courses"], pseudonym=KEY)
    return check(inputs, on=ON)


def _codes(result: object) -> dict[str, list[str]]:
    grouped: dict[str, list[str]] = {}
    for finding in result.report.findings:  # type: ignore[attr-defined]
        grouped.setdefault(finding.code, []).append(finding.subject)
    return grouped


def test_each_code_fires_on_its_planted_case(files: dict[str, Path]) -> None:
    result = _run(files)
    codes = _codes(result)
    p = KEY
    assert codes["I001"] == [p("10002")]  # disabled account only
    assert sorted(codes["I002"]) == sorted([p("svc.backup@kaupunki.fi", "u"),
                                            p("lahtija.lahteva@edu.kaupunki.fi", "u")])
    assert codes["I003"] == [p("10005")]  # education employee with an admin account too
    assert codes["I004"] == [p("10005")]  # two accounts in education
    assert codes["I005"] == [p("GHOST", "u")]
    assert codes["I006"] == [p("10002")]  # TALOUS-1 needs raindance, 10002 has no user
    assert sorted(codes["I007"]) == sorted([p("10002"), p("10005")])


def test_coverage_per_environment_and_system(files: dict[str, Path]) -> None:
    result = _run(files)
    assert result.active == {"admin": 2, "education": 2}  # type: ignore[attr-defined]
    assert result.coverage == {"admin": Decimal("50.00"),  # type: ignore[attr-defined]
                               "education": Decimal("100.00")}
    assert result.systems == {"raindance": Decimal("50.00")}  # type: ignore[attr-defined]
    assert result.trained == {"raindance": Decimal("50.00"),  # type: ignore[attr-defined]
                              "opiferus": Decimal("50.00")}


def test_nothing_fires_when_everyone_is_covered(tmp_path: Path) -> None:
    roster = write_csv(tmp_path / "hr.csv", "employee_id;org_unit;start_date;environment\n"
                                           "1;A;2020-01-01;admin\n")
    admin = write_csv(tmp_path / "admin.csv", "upn;employee_id;enabled\na@x.fi;1;true\n"
                                              "old@x.fi;2;false\n")
    inputs = load_inputs(roster=roster, directories={"admin": admin}, pseudonym=KEY)
    result = check(inputs, on=ON)
    assert result.report.findings == []
    assert result.coverage == {"admin": Decimal("100.00")}


def test_no_raw_id_or_name_survives_reading(files: dict[str, Path]) -> None:
    result = _run(files)
    dumped = json.dumps([asdict(f) for f in result.report.findings], default=str)  # type: ignore[attr-defined]
    for raw in ("10001", "10002", "10005", "99999", "aino", "Virtanen", "Eino", "GHOST",
                "kaupunki.fi"):
        assert raw not in dumped, raw


def test_coverage_never_rounds_up_to_a_hundred() -> None:
    assert coverage_pct(19_999, 20_000) == Decimal("99.99")
    assert coverage_pct(199_999, 200_000) == Decimal("99.99")
    assert coverage_pct(2, 3) == Decimal("66.66")
    assert coverage_pct(0, 0) == Decimal("100.00")


def test_pseudonyms_depend_on_the_key() -> None:
    other = Pseudonymiser(b"another-key-of-16-bytes")
    assert KEY("10001") == KEY(" 10001 ") != other("10001")
    assert KEY("10001").startswith("p-") and len(KEY("10001")) == 14


def test_without_a_key_nothing_runs(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.delenv("MIGCTL_PSEUDONYM_KEY", raising=False)
    with pytest.raises(OptionError, match="MIGCTL_PSEUDONYM_KEY or pass --key-file"):
        load_key()
    short = tmp_path / "short.key"
    short.write_text("abc")
    with pytest.raises(OptionError, match="at least 16"):
        load_key(short)
    monkeypatch.setenv("MIGCTL_PSEUDONYM_KEY", "x" * 32)
    assert load_key()("1") == Pseudonymiser(b"x" * 32)("1")


def test_bad_cells_name_file_row_and_column(tmp_path: Path) -> None:
    roster = write_csv(tmp_path / "hr.csv", "employee_id;org_unit;start_date;environment\n"
                                           "1;A;2020-01-01;admin\n2;A;someday;admin\n")
    admin = write_csv(tmp_path / "admin.csv", "upn;employee_id\na@x.fi;1\n")
    with pytest.raises(InputError, match=r"hr.csv:3:start_date"):
        load_inputs(roster=roster, directories={"admin": admin}, pseudonym=KEY)
    roster.write_text("employee_id;org_unit;start_date;environment\n1;A;2020-01-01;moon\n")
    with pytest.raises(InputError, match=r"hr.csv:2:environment: .*directories given: admin"):
        load_inputs(roster=roster, directories={"admin": admin}, pseudonym=KEY)
