"""`mapping validate`: every check code fires where it should and stays quiet where it should
not; JSON, JUnit and GitHub output; exit codes; every run is recorded."""

from __future__ import annotations

import json
from collections import Counter
from pathlib import Path
from xml.etree import ElementTree as ET

import pytest
from sqlalchemy import text

from migctl.store.engine import make_engine
from tests.conftest import Cli, write_csv
from tests.mapping_data import CLEAN_RULES, TARGET_CHART, UNITS, mapping_csv, setup_reference


def _validate(cli: Cli, tmp_path: Path, rules: str, *extra: str) -> dict:
    cli("mapping", "import", mapping_csv(tmp_path, rules), "--set", "m")
    result = cli("mapping", "validate", "--set", "m", "-f", "json", *extra, code=None)
    document = json.loads(result.stdout)
    errors = document["summary"]["errors"]
    strict = "--strict" in extra
    expected_exit = 1 if errors or (strict and document["summary"]["warnings"]) else 0
    assert result.exit_code == expected_exit
    return document


def _codes(document: dict) -> Counter[str]:
    return Counter(f["code"] for f in document["findings"])


def _without(rules: str, prefix: str) -> str:
    return "".join(line + "\n" for line in rules.splitlines() if not line.startswith(prefix))


# (case, rules, the findings expected: code → count). Each code fires in one case and is
# quiet in the look-alike case next to it.
CASES = [
    ("clean", CLEAN_RULES, {}),
    ("M001 active account without rule", _without(CLEAN_RULES, "4020;"), {"M001": 1}),
    ("M001 quiet: inactive and summary accounts need no rule", CLEAN_RULES, {}),
    ("M002 unknown target", CLEAN_RULES.replace("4020;;402000", "4020;;402001"), {"M002": 1}),
    ("M003 inactive target", CLEAN_RULES.replace("4020;;402000", "4020;;409000"), {"M003": 1}),
    ("M004 expense to asset", CLEAN_RULES.replace("4020;;402000;100", "4020;;101000;"),
     {"M004": 1}),
    ("M004 expense to income", CLEAN_RULES.replace("4020;;402000", "4020;;300000"),
     {"M004": 1}),
    ("M004 quiet: asset to liability stays on the balance sheet",
     CLEAN_RULES.replace("1010;;101000", "1010;;200000"), {}),
    ("M004 range holding income and expense",
     _without(_without(CLEAN_RULES, "3000;"), "4000;") + "3000..4000;;400000;100;;;;;\n",
     {"M004": 1}),
    ("M004 quiet: range of expense accounts onto an expense account",
     _without(CLEAN_RULES, "4020;") + "4011..4020;;402000;100;;;;;\n", {}),
    ("M005 split not 100", CLEAN_RULES.replace(";60;", ";59,99;"), {"M005": 1}),
    ("M005 quiet: dated successors are not a split",
     CLEAN_RULES.replace("4020;;402000;100;;;;;", "4020;;402000;100;;;;2025-12-31;\n"
                         "4020;;400000;100;;;2026-01-01;;"), {}),
    ("M006 range overlaps exact", CLEAN_RULES + "4000..4010;;400000;100;;;;;\n",
     {"M006": 2}),
    ("M006 same source, overlapping validity",
     CLEAN_RULES.replace("4020;;402000;100;;;;;", "4020;;402000;100;;;;2025-12-31;\n"
                         "4020;;400000;100;;;2025-06-01;;"), {"M006": 1}),
    ("M006 quiet: same account, different cost centres",
     CLEAN_RULES.replace("4020;;402000;100;;;;;", "4020;1100;402000;100;;;;;\n"
                         "4020;1200;402000;200;;;;;"), {}),
    ("M007 required dimension missing", CLEAN_RULES.replace("4020;;402000;100", "4020;;402000;"),
     {"M007": 1}),
    ("M007 quiet: balance sheet needs none", CLEAN_RULES, {}),
    ("M008 unknown value", CLEAN_RULES.replace("4020;;402000;100", "4020;;402000;999"),
     {"M008": 1}),
    ("M008 inactive value", CLEAN_RULES.replace("4020;;402000;100", "4020;;402000;300"),
     {"M008": 1}),
    ("M014 summary target", CLEAN_RULES.replace("4020;;402000", "4020;;40"), {"M014": 1}),
    ("M014 quiet: a postable sibling under the same parent", CLEAN_RULES, {}),
    ("M009 source not in legacy chart", CLEAN_RULES + "4999;;402000;100;;;;;\n", {"M009": 1}),
    ("M009 range holding no account", CLEAN_RULES + "5000..5999;;402000;100;;;;;\n",
     {"M009": 1}),
    ("M010 duplicate row", CLEAN_RULES + "4020;;402000;100;;;;;\n", {"M010": 1}),
    ("M010 quiet: same source, other target is an overlap, not a duplicate",
     CLEAN_RULES + "4020;;400000;100;;;;;\n", {"M006": 1}),
    ("M005 quiet: two full rules for one source are an overlap, not a split",
     CLEAN_RULES + "4020;;400000;100;;100;;;\n", {"M006": 1}),
    ("M011 valid_to before valid_from",
     CLEAN_RULES.replace("4020;;402000;100;;;;;", "4020;;402000;100;;;2026-01-01;2025-12-31;"),
     {"M011": 1}),
]


@pytest.mark.parametrize(("rules", "expected"), [c[1:] for c in CASES], ids=[c[0] for c in CASES])
def test_each_check_fires_exactly_where_expected(cli: Cli, tmp_path: Path, rules: str,
                                                 expected: dict[str, int]) -> None:
    setup_reference(cli, tmp_path)
    document = _validate(cli, tmp_path, rules)
    assert _codes(document) == Counter(expected), document["findings"]


def test_finding_shape_locations_and_coverage(cli: Cli, tmp_path: Path) -> None:
    setup_reference(cli, tmp_path)
    rules = CLEAN_RULES.replace("4020;;402000;100", "4020;;402001;100")
    rules = _without(rules, "1010;")
    document = _validate(cli, tmp_path, rules)
    assert list(document) == ["set", "version", "summary", "findings"]
    assert (document["set"], document["version"]) == ("m", 1)
    assert document["summary"] == {"errors": 2, "warnings": 0, "rules": 7, "coverage": 85.71}
    m001, m002 = document["findings"]
    assert m001 == {"code": "M001", "severity": "error",
                    "message": "active legacy account 1010 Koneet ja kalusto has no rule",
                    "file": "legacy.csv", "row": 4, "subject": "1010",
                    "source_account": "1010", "target_account": None}
    assert (m002["file"], m002["row"], m002["source_account"], m002["target_account"]) == (
        "mapping.csv", 8, "4020", "402001")
    assert m002["message"] == "target account 402001 is not in chart raindance"


def test_m008_a_summary_dimension_value_takes_no_postings(cli: Cli, tmp_path: Path) -> None:
    """A rule onto a parent value (a sector, not a unit) is refused; its children are fine."""
    setup_reference(cli, tmp_path)
    cli("dimension", "import", write_csv(tmp_path / "units.csv", UNITS + "400;Tuki;;1\n"
                                         "410;Ruokapalvelut;400;1\n"),
        "--dimension", "vastuuyksikko", "--role", "target", "--required-for", "expense,income")
    onto_child = CLEAN_RULES.replace("4020;;402000;100", "4020;;402000;410")
    assert _codes(_validate(cli, tmp_path, onto_child)) == Counter()
    document = _validate(cli, tmp_path, CLEAN_RULES.replace("4020;;402000;100",
                                                            "4020;;402000;400"))
    assert _codes(document) == Counter({"M008": 1})
    assert document["findings"][0]["message"] == (
        "vastuuyksikko 400 is a summary value of dimension vastuuyksikko (others have it as "
        "their parent): nothing can be posted to it")


def test_m005_m006_messages_name_their_rows(cli: Cli, tmp_path: Path) -> None:
    setup_reference(cli, tmp_path)
    rules = CLEAN_RULES.replace(";60;", ";59,99;") + "4000..4010;;400000;100;;;;;\n"
    document = _validate(cli, tmp_path, rules)
    by_code = {f["code"]: f for f in document["findings"]}
    assert by_code["M005"]["row"] == 7
    assert by_code["M005"]["message"] == ("shares of 4010 (rows 7, 8) sum to 99.99 %, "
                                          "not 100 %")
    overlaps = [f for f in document["findings"] if f["code"] == "M006"]
    assert [f["row"] for f in overlaps] == [10, 10]
    assert "overlaps row 6 (4000 → 400000)" in overlaps[0]["message"]


def test_warnings_pass_unless_strict(cli: Cli, tmp_path: Path) -> None:
    setup_reference(cli, tmp_path)
    rules = CLEAN_RULES + "4020;;402000;100;;;;;\n"
    assert _validate(cli, tmp_path, rules)["summary"]["warnings"] == 1
    assert _validate(cli, tmp_path, rules, "--strict")["summary"]["errors"] == 0


def test_junit_github_and_output_file(cli: Cli, tmp_path: Path,
                                     monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)  # the set's file is then mapping.csv as the working dir has it
    setup_reference(cli, tmp_path)
    rules = CLEAN_RULES.replace("4020;;402000;100", "4020;;409000;300") + \
        "4020;;409000;300;;;;;\n"
    cli("mapping", "import", mapping_csv(tmp_path, rules), "--set", "m")
    out = tmp_path / "junit.xml"
    result = cli("mapping", "validate", "-f", "junit", "--output", out, code=1)
    assert result.stdout == ""
    assert result.stderr == f"migctl mapping validate m@1: failed: 2 errors, 1 warning; " \
                            f"report written to {out}\n"
    suite = ET.parse(out).getroot().find("testsuite")
    assert suite is not None
    assert suite.get("tests") == "12" and suite.get("failures") == "2"
    cases = {c.get("name", "").split()[0]: c for c in suite.findall("testcase")}
    assert list(cases) == [*(f"M{n:03d}" for n in range(1, 12)), "M014"]
    failure = cases["M003"].find("failure")
    assert failure is not None and "mapping.csv:9:" in (failure.text or "")
    assert cases["M008"].find("failure") is not None
    assert cases["M001"].find("failure") is None
    assert "duplicate of row 9" in (cases["M010"].findtext("system-out") or "")

    lines = cli("mapping", "validate", "-f", "github", code=1).stdout.splitlines()
    assert lines[0].startswith("::error file=mapping.csv,line=9,title=M003::target account")
    assert lines[-1].startswith("::warning file=mapping.csv,line=10,title=M010::duplicate")

    table = cli("mapping", "validate", code=1).stdout
    assert "M003" in table and "2 error(s), 1 warning(s)" in table


def test_every_run_is_recorded(cli: Cli, tmp_path: Path) -> None:
    setup_reference(cli, tmp_path)
    cli("mapping", "import", mapping_csv(tmp_path, _without(CLEAN_RULES, "4020;")), "--set", "m")
    cli("mapping", "validate", code=1)
    cli("mapping", "validate", "--strict", code=1)
    with make_engine(cli.db_url).connect() as connection:
        runs = connection.execute(text(
            "SELECT set_version, errors, warnings, rules, coverage, strict, findings "
            "FROM validation_run ORDER BY id")).all()
    assert [(r[0], r[1], r[2], r[3], float(r[4]), bool(r[5])) for r in runs] == [
        (1, 1, 0, 7, 85.71, False), (1, 1, 0, 7, 85.71, True)]
    findings = runs[0][6] if isinstance(runs[0][6], list) else json.loads(runs[0][6])
    assert findings[0]["code"] == "M001" and findings[0]["source_account"] == "4020"
    assert [e["action"] for e in cli.json("log", "--entity", "mapping_set:m@1")] == [
        "validate", "validate", "import"]


def test_refusals_without_charts_or_with_several(cli: Cli, tmp_path: Path) -> None:
    assert "no mapping sets yet" in cli("mapping", "validate", code=2).stderr
    setup_reference(cli, tmp_path)
    cli("mapping", "import", mapping_csv(tmp_path), "--set", "a")
    cli("mapping", "import", mapping_csv(tmp_path), "--set", "b")
    assert "several mapping sets (a, b)" in cli("mapping", "validate", code=2).stderr
    cli("chart", "import", write_csv(tmp_path / "t2.csv", TARGET_CHART), "--chart", "t2",
        "--role", "target")
    assert "several target charts (raindance, t2); choose one with --target-chart" in cli(
        "mapping", "validate", "--set", "a", code=2).stderr
    cli("mapping", "validate", "--set", "a", "--target-chart", "t2")
    assert "populus is a legacy chart, not target" in cli(
        "mapping", "validate", "--set", "a", "--target-chart", "populus", code=2).stderr


def test_strict_junit_fails_every_warning(cli: Cli, tmp_path: Path) -> None:
    setup_reference(cli, tmp_path)
    rules = CLEAN_RULES + "9999;;402000;100;;;;;\n" + CLEAN_RULES.splitlines()[0] + "\n"
    cli("mapping", "import", mapping_csv(tmp_path, rules), "--set", "m")
    out = tmp_path / "strict.xml"
    cli("mapping", "validate", "--strict", "-f", "junit", "-o", out, code=1)
    suite = ET.parse(out).getroot().find("testsuite")
    assert suite is not None and suite.get("failures") == "2"
    cases = {c.get("name", "").split()[0]: c for c in suite.findall("testcase")}
    for code in ("M009", "M010"):
        failure = cases[code].find("failure")
        assert failure is not None and "warning: mapping.csv:" in (failure.text or "")
        assert cases[code].find("system-out") is None
    plain = tmp_path / "plain.xml"
    cli("mapping", "validate", "-f", "junit", "-o", plain)  # warnings alone pass
    suite = ET.parse(plain).getroot().find("testsuite")
    assert suite is not None and suite.get("failures") == "0"


@pytest.mark.parametrize("args", [
    ("mapping", "validate", "--set", "nope"),  # the service refuses
    ("mapping", "validate", "--on", "someday"),  # an option's value is refused
    ("mapping", "validate", "--no-such-option"),  # the parser refuses
    ("task", "lint", "--no-such-option"),
    ("recon", "run", "--no-such-option"),
])
def test_a_usage_error_still_writes_the_junit_file(cli: Cli, tmp_path: Path,
                                                   args: tuple[str, ...]) -> None:
    out = tmp_path / "report.xml"
    result = cli(*args, "-f", "junit", "-o", out, code=2)
    suite = ET.parse(out).getroot().find("testsuite")
    assert suite is not None and (suite.get("tests"), suite.get("errors")) == ("1", "1")
    error = suite.find("testcase/error")
    assert error is not None and error.get("message")
    assert suite.get("name") == " ".join(["migctl", *args[:2]])
    first = (error.get("message") or "").split(";")[0].split(" (")[0]
    assert first.lower() in result.stderr.lower()


def test_a_usage_error_writes_no_junit_file_unless_asked(cli: Cli, tmp_path: Path) -> None:
    out = tmp_path / "report.json"
    cli("mapping", "validate", "--set", "nope", "-f", "json", "-o", out, code=2)
    assert not out.exists()


def test_github_annotations_name_the_path_given_at_import(
        cli: Cli, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    setup_reference(cli, tmp_path)
    (tmp_path / "mappings" / "fin").mkdir(parents=True)
    rules = CLEAN_RULES.replace("4020;;402000", "4020;;409000")
    mapping_csv(tmp_path / "mappings" / "fin", rules, name="tili.csv")
    monkeypatch.chdir(tmp_path)
    cli("mapping", "import", "mappings/fin/tili.csv", "--set", "m")
    monkeypatch.chdir(tmp_path / "mappings")  # validated elsewhere: the import's path counts
    lines = cli("mapping", "validate", "-f", "github", code=1).stdout.splitlines()
    assert lines[0].startswith("::error file=mappings/fin/tili.csv,line=")
    # an absolute path under the working directory is recorded relative to it
    monkeypatch.chdir(tmp_path)
    cli("mapping", "import", tmp_path / "mappings" / "fin" / "tili.csv", "--set", "n")
    lines = cli("mapping", "validate", "--set", "n", "-f", "github", code=1).stdout.splitlines()
    assert lines[0].startswith("::error file=mappings/fin/tili.csv,line=")
    # JSON keeps the file's name, as before
    document = cli.json("mapping", "validate", "--set", "n", code=1)
    assert document["findings"][0]["file"] == "tili.csv"


def test_dry_run_checks_without_recording(cli: Cli, tmp_path: Path) -> None:
    from tests.conftest import snapshot

    setup_reference(cli, tmp_path)
    cli("mapping", "import", mapping_csv(tmp_path, _without(CLEAN_RULES, "4020;")), "--set", "m")
    before = snapshot(cli.db_url)
    result = cli("mapping", "validate", "--dry-run", "-f", "json", code=1)
    assert json.loads(result.stdout)["summary"]["errors"] == 1
    assert "not recorded" in result.stderr
    assert snapshot(cli.db_url) == before


def test_validate_a_file_without_importing_it(cli: Cli, tmp_path: Path,
                                              monkeypatch: pytest.MonkeyPatch) -> None:
    from tests.conftest import snapshot

    setup_reference(cli, tmp_path)
    cli("mapping", "import", mapping_csv(tmp_path), "--set", "m")
    bad = mapping_csv(tmp_path, CLEAN_RULES.replace("4020;;402000", "4020;;409000"),
                      name="proposed.csv")
    before = snapshot(cli.db_url)
    monkeypatch.chdir(tmp_path)
    result = cli("mapping", "validate", "proposed.csv", "-f", "json", code=1)
    document = json.loads(result.stdout)
    assert (document["set"], document["version"], document["file"]) == (
        "proposed.csv", 1, "proposed.csv")
    assert _codes(document) == Counter({"M003": 1})
    assert document["findings"][0]["file"] == "proposed.csv"
    # as the next version of set m; annotations name the file as given
    document = json.loads(cli("mapping", "validate", bad, "--set", "m", "-f", "json",
                              code=1).stdout)
    assert (document["set"], document["version"]) == ("m", 2)
    lines = cli("mapping", "validate", "proposed.csv", "-f", "github", code=1).stdout
    assert lines.startswith("::error file=proposed.csv,line=")
    cli("mapping", "validate", mapping_csv(tmp_path, name="good.csv"))  # a clean file: exit 0
    assert snapshot(cli.db_url) == before
    assert "unreadable" not in cli("mapping", "validate", "missing.csv", code=2).stderr
