"""The shared check renderers: JUnit XML that parses back, GitHub annotations, JSON."""

from __future__ import annotations

from xml.etree import ElementTree as ET

from migctl.checks import CheckCode, CheckReport, Finding, Severity
from migctl.render.findings import github_annotations, junit_xml, report_document

CODES = [CheckCode("X001", "first"), CheckCode("X002", "second"),
         CheckCode("X003", "third", Severity.WARNING)]


def _report() -> CheckReport:
    report = CheckReport("demo check", CODES)
    report.add(Finding("X001", Severity.ERROR, "bad: a, b\nnext", file="m.xlsx", row=17,
                       data={"source_account": "4010"}))
    report.add(Finding("X003", Severity.WARNING, "meh 100%", file="m.xlsx", row=3))
    return report


def test_junit_has_one_testcase_per_code_and_parses_back() -> None:
    root = ET.fromstring(junit_xml(_report()))
    suite = root.find("testsuite")
    assert suite is not None and suite.get("tests") == "3" and suite.get("failures") == "1"
    cases = {c.get("name"): c for c in suite.findall("testcase")}
    assert list(cases) == ["X001 first", "X002 second", "X003 third"]
    failure = cases["X001 first"].find("failure")
    assert failure is not None and "m.xlsx:17: bad" in (failure.text or "")
    assert cases["X002 second"].find("failure") is None
    assert cases["X003 third"].find("failure") is None
    assert "meh" in (cases["X003 third"].findtext("system-out") or "")


def test_github_annotations_escape_and_name_file_and_line() -> None:
    lines = github_annotations(_report()).splitlines()
    assert lines == [
        "::error file=m.xlsx,line=17,title=X001::bad: a, b%0Anext",
        "::warning file=m.xlsx,line=3,title=X003::meh 100%25",
    ]


def test_report_document_and_exit_codes() -> None:
    report = _report()
    document = report_document(report, set="s")
    assert document["summary"] == {"errors": 1, "warnings": 1}
    assert document["findings"][0] == {
        "code": "X001", "severity": "error", "message": "bad: a, b\nnext", "file": "m.xlsx",
        "row": 17, "subject": None, "source_account": "4010"}
    assert report.exit_code() == 1
    clean = CheckReport("c", CODES, [Finding("X003", Severity.WARNING, "w")])
    assert clean.exit_code() == 0 and clean.exit_code(strict=True) == 1
