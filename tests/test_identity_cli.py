"""`migctl identity check` and `identity history` end to end on real stores: the formats, the
run recorded with pseudonyms only, and bad input refused with exit 2 and the store unchanged
(issue 19)."""

from __future__ import annotations

import json
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

from tests.conftest import SAMPLE_DATA, Cli, snapshot, write_csv, write_xlsx

KEY = "0123456789abcdef-test-key"
RAW = ("10001", "10002", "10003", "10005", "99999", "aino", "Virtanen", "Eino", "GHOST",
       "kaupunki.fi", "Lähtijä")


def people(tmp_path: Path) -> dict[str, Path]:
    """Six people, two directories, one system, requirements, courses and an LMS export."""
    return {
        "roster": write_csv(tmp_path / "hr.csv", (
            "henkilönumero;organisaatioyksikkö;alkupäivä;loppupäivä;ympäristö;rooli;nimi\n"
            "10001;TALOUS-1;1.1.2020;;hallinto;kirjanpitäjä;Aino Virtanen\n"
            "10002;TALOUS-1;1.1.2020;;admin;controller;Bertta Bäck\n"
            "10003;OPE-7;1.8.2019;;opetus;opettaja;Cecilia Carlsson\n"
            "10004;OPE-7;1.8.2019;31.12.2026;education;opettaja;Lähtijä Lähtevä\n"
            "10005;OPE-7;1.8.2019;;education;opettaja;Eino Kaksinen\n"
            "10006;TALOUS-1;1.2.2027;;admin;kirjanpitäjä;Tuleva Tulokas\n")),
        "admin": write_csv(tmp_path / "admin.csv", (
            "upn,employee_id,enabled,display_name\n"
            "aino.virtanen@kaupunki.fi,10001,TRUE,Aino Virtanen\n"
            "bertta.back@kaupunki.fi,10002,FALSE,Bertta Bäck\n"
            "eino.kaksinen@kaupunki.fi,10005,TRUE,Eino Kaksinen\n")),
        "education": write_csv(tmp_path / "edu.csv", (
            "upn;employee_id;enabled\n"
            "cecilia.carlsson@edu.kaupunki.fi;10003;kyllä\n"
            "lahtija.lahteva@edu.kaupunki.fi;10004;kyllä\n"
            "eino.kaksinen@edu.kaupunki.fi;10005;kyllä\n"
            "eino.k2@edu.kaupunki.fi;10005;ei\n"), encoding="cp1252"),
        "raindance": write_csv(tmp_path / "raindance.csv", (
            "login;employee_id;roles\nAINOV;10001;kirjaaja\nGHOST;99999;pääkäyttäjä\n")),
        "requirements": write_csv(tmp_path / "needs.csv",
                                  "org_unit;systems\nTALOUS-*;raindance\n"),
        "courses": write_csv(tmp_path / "courses.csv", (
            "pattern;system;course\nTALOUS-*;raindance;RD-101\nopettaja;opiferus;OP-1\n")),
        "training": write_csv(tmp_path / "lms.csv", (
            "employee_id;course;completed_on\n10001;RD-101;15.12.2026\n"
            "10002;RD-101;10.1.2027\n10003;OP-1;1.12.2026\n")),
    }


def args(files: dict[str, Path], *more: str | Path) -> list[str | Path]:
    """`identity check` over ``files`` on 4.1.2027 (directories, raindance, training)."""
    return ["identity", "check", "--roster", files["roster"], "--on", "4.1.2027",
            "--directory", f"admin={files['admin']}",
            "--directory", f"education={files['education']}",
            "--system", f"raindance={files['raindance']}",
            "--requirements", files["requirements"], "--training", files["training"],
            "--courses", files["courses"], *more]


@pytest.fixture
def keyed(cli: Cli, monkeypatch: pytest.MonkeyPatch) -> Cli:
    monkeypatch.setenv("MIGCTL_PSEUDONYM_KEY", KEY)
    cli("system", "import", SAMPLE_DATA / "systems.csv")
    return cli


def test_json_has_coverage_per_environment_system_and_training(keyed: Cli, tmp_path: Path
                                                               ) -> None:
    document = keyed.json(*args(people(tmp_path)), code=1)
    assert document["check"] == "identity" and document["run_id"] == 1
    assert document["on"] == "2027-01-04"
    assert document["active"] == {"admin": 2, "education": 2}
    assert document["coverage_pct"] == {"admin": 50.0, "education": 100.0}
    assert document["system_coverage_pct"] == {"raindance": 50.0}
    assert document["training_coverage_pct"] == {"raindance": 50.0, "opiferus": 50.0}
    assert document["counts"] == {"I001": 1, "I002": 1, "I003": 1, "I004": 1, "I005": 1,
                                  "I006": 1, "I007": 2}
    assert document["summary"]["errors"] == 7 and document["summary"]["warnings"] == 1
    first = document["findings"][0]
    assert set(first) >= {"code", "severity", "message", "file", "row", "subject"}
    assert first["code"] == "I001" and first["file"] == "hr.csv" and first["row"] == 3
    assert document["key_check"].startswith("k-")
    assert set(document["files"]) == {"roster", "directory:admin", "directory:education",
                                      "system:raindance", "requirements", "training",
                                      "courses"}


def test_the_stored_run_and_its_output_hold_no_raw_id_or_name(keyed: Cli, tmp_path: Path
                                                               ) -> None:
    out = keyed(*args(people(tmp_path), "-f", "json"), code=1).stdout
    tables = snapshot(keyed.db_url)
    audit = [row for row in tables["audit_event"] if "identity_run" in row]
    assert audit
    stored = json.dumps([tables["identity_run"], audit], default=str)
    for raw in RAW:
        assert raw not in out, raw
        assert raw not in stored, raw
    assert "p-" in stored


def test_history_lists_each_run_newest_first(keyed: Cli, tmp_path: Path) -> None:
    assert "no identity check has run" in keyed("identity", "history").stdout
    files = people(tmp_path)
    keyed(*args(files), code=1)
    files["admin"].write_text("upn,employee_id,enabled\na@kaupunki.fi,10001,1\n"
                              "b@kaupunki.fi,10002,1\ne@kaupunki.fi,10005,0\n")
    keyed(*args(files), code=1)
    runs = keyed.json("identity", "history")
    assert [r["run_id"] for r in runs] == [2, 1]
    assert runs[0]["coverage_pct"] == {"admin": 100.0, "education": 100.0}
    assert runs[1]["coverage_pct"]["admin"] == 50.0
    assert runs[0]["key_check"] == runs[1]["key_check"]
    assert "Accounts %" in keyed("identity", "history").stdout


def test_a_clean_day_exits_0_and_the_table_shows_coverage(keyed: Cli, tmp_path: Path) -> None:
    roster = write_csv(tmp_path / "hr.csv", "employee_id;org_unit;start_date;environment\n"
                                            "1;A;2020-01-01;admin\n")
    admin = write_csv(tmp_path / "admin.csv", "upn;employee_id;enabled\na@x.fi;1;true\n")
    out = keyed("identity", "check", "--roster", roster, "--on", "2027-01-04",
                "--directory", f"admin={admin}").stdout
    assert "identity check on 2027-01-04" in out and "100.00 %" in out


def test_junit_and_github_formats_and_output_file(keyed: Cli, tmp_path: Path,
                                                  monkeypatch: pytest.MonkeyPatch) -> None:
    files = people(tmp_path)
    monkeypatch.chdir(tmp_path.parent)  # the files as a pull request names them
    target = tmp_path / "out.xml"
    keyed(*args(files, "-f", "junit", "-o", target), code=1)
    suite = ET.parse(target).getroot().find("testsuite")
    assert suite is not None and suite.get("tests") == "7"
    cases = {c.get("name", "").split()[0]: c for c in suite.iter("testcase")}
    assert cases["I001"].find("failure") is not None
    assert cases["I003"].find("failure") is None  # a warning
    github = keyed(*args(files, "-f", "github"), code=1).stdout
    assert f"::error file={tmp_path.name}/hr.csv,line=3" in github and "title=I001" in github
    assert f"file={tmp_path.name}/raindance.csv" in github  # I005 names the user list


def test_xlsx_directory_export_is_read_through_the_shared_reader(keyed: Cli, tmp_path: Path
                                                                 ) -> None:
    files = people(tmp_path)
    files["admin"] = write_xlsx(tmp_path / "admin.xlsx", {"Users": [
        ["userPrincipalName", "employeeId", "accountEnabled"],
        ["aino@kaupunki.fi", 10001, True], ["bertta@kaupunki.fi", 10002, True],
        ["eino@kaupunki.fi", 10005, False]]})
    document = keyed.json(*args(files), code=1)
    assert document["coverage_pct"]["admin"] == 100.0
    assert document["counts"]["I003"] == 0


# --- bad input: one line, exit 2, store unchanged --------------------------------------------

def _refused(cli: Cli, argv: list[str | Path], expected: str) -> str:
    before = snapshot(cli.db_url)
    result = cli(*argv, code=2)
    assert expected in result.stderr, result.stderr
    assert result.stderr.count("\n") == 1, result.stderr
    assert snapshot(cli.db_url) == before
    return str(result.stderr)


def test_without_a_key_nothing_is_read_and_it_says_where_the_key_comes_from(
        cli: Cli, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("MIGCTL_PSEUDONYM_KEY", raising=False)
    cli("system", "import", SAMPLE_DATA / "systems.csv")
    files = people(tmp_path)
    said = _refused(cli, args(files), "MIGCTL_PSEUDONYM_KEY")
    assert "--key-file" in said
    short = tmp_path / "short.key"
    short.write_text("tiny")
    _refused(cli, args(files, "--key-file", short), "at least 16")
    good = tmp_path / "good.key"
    good.write_text(KEY)
    assert cli.json(*args(files, "--key-file", good), code=1)["run_id"] == 1


def test_a_bad_cell_names_file_row_and_column(keyed: Cli, tmp_path: Path) -> None:
    files = people(tmp_path)
    files["roster"].write_text("employee_id;org_unit;start_date;environment\n"
                               "1;A;2020-01-01;admin\n2;A;someday;admin\n")
    _refused(keyed, args(files), "hr.csv:3:start_date")
    files["roster"].write_text("employee_id;org_unit;start_date;environment\n"
                               "1;A;2020-01-01;moon\n")
    _refused(keyed, args(files), "hr.csv:2:environment")
    files = people(tmp_path)
    files["admin"].write_text("upn,employee_id,enabled\na@x.fi,1,maybe\n")
    _refused(keyed, args(files), "admin.csv:2:enabled")
    files = people(tmp_path)
    files["training"].write_text("employee_id;course;completed_on\n1;RD-101;tomorrow\n")
    _refused(keyed, args(files), "lms.csv:2:completed_on")


def test_a_missing_column_or_file_is_refused(keyed: Cli, tmp_path: Path) -> None:
    files = people(tmp_path)
    files["raindance"].write_text("user_name;roles\nX;y\n")
    _refused(keyed, args(files), "raindance.csv")
    files = people(tmp_path)
    files["courses"] = tmp_path / "nowhere.csv"
    _refused(keyed, args(files), "nowhere.csv")


def test_options_that_do_not_fit_are_refused(keyed: Cli, tmp_path: Path) -> None:
    files = people(tmp_path)
    base = ["identity", "check", "--roster", files["roster"], "--on", "4.1.2027"]
    _refused(keyed, [*base, "--directory", str(files["admin"])], "--directory")
    _refused(keyed, [*base, "--directory", f"admin={files['admin']}",
                     "--directory", f"admin={files['admin']}"], "given twice")
    _refused(keyed, [*base, "--directory", f"admin={files['admin']}",
                     "--system", f"sap={files['raindance']}"], "unknown system 'sap'")
    _refused(keyed, [*base, "--directory", f"admin={files['admin']}",
                     "--training", files["training"]], "--courses")
    _refused(keyed, [*base[:-1], "someday", "--directory", f"admin={files['admin']}"],
             "--on")
