"""Check reports rendered four ways: a Rich table, JSON, JUnit XML, GitHub annotations.

Every check (mapping validation, SSO probes, runbook lint, gate criteria) returns a
:class:`migctl.checks.CheckReport`; these renderers are shared so the formats stay identical.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import TYPE_CHECKING
from xml.etree import ElementTree as ET

from migctl import textsafe
from migctl.checks import CheckReport, Finding, Severity

if TYPE_CHECKING:
    from rich.console import RenderableType

SEVERITY_STYLE = {Severity.ERROR: "red", Severity.WARNING: "yellow", Severity.INFO: "dim"}


def finding_document(finding: Finding) -> dict[str, object]:
    """The stable JSON shape of one finding; check-specific fields follow the common ones
    (open data: each check adds its own, so the type says only "JSON values by name")."""
    document: dict[str, object] = {
        "code": finding.code,
        "severity": finding.severity.value,
        "message": finding.message,
        "file": finding.file,
        "row": finding.row,
        "subject": finding.subject,
    }
    document.update(finding.data)
    return document


def report_document(report: CheckReport, **extra: object) -> dict[str, object]:
    """The JSON of a check report: ``extra`` (the check's head: set, run…) first, then the
    summary (errors, warnings and the check's own figures) and the findings."""
    return {
        **extra,
        "summary": {"errors": report.errors, "warnings": report.warnings, **report.meta},
        "findings": [finding_document(f) for f in report.sorted_findings()],
    }


def junit_xml(report: CheckReport, *, suite: str | None = None, strict: bool = False) -> str:
    """One testcase per check code; a failing code lists its findings (errors fail, warnings
    are reported as ``<system-out>`` unless ``strict``, where they fail as the exit code
    does)."""
    grouped = report.by_code()
    titles = {c.code: c.title for c in report.codes}
    failing = {Severity.ERROR, Severity.WARNING} if strict else {Severity.ERROR}
    testsuite = ET.Element("testsuite", {
        "name": suite or report.name,
        "tests": str(len(grouped)),
        "failures": str(sum(1 for fs in grouped.values()
                            if any(f.severity in failing for f in fs))),
        "errors": "0",
        "skipped": "0",
    })
    for code, findings in grouped.items():
        case = ET.SubElement(testsuite, "testcase", {
            "classname": suite or report.name,
            "name": f"{code} {titles.get(code, '')}".strip(),
        })
        errors = [f for f in findings if f.severity in failing]
        others = [f for f in findings if f.severity not in failing]
        if errors:
            failure = ET.SubElement(case, "failure", {
                "message": f"{len(errors)} finding(s)",
                "type": code,
            })
            failure.text = "\n".join(_line(f) for f in errors)
        if others:
            out = ET.SubElement(case, "system-out")
            out.text = "\n".join(_line(f) for f in others)
    return _junit_document(testsuite, suite or report.name)


def _junit_document(testsuite: ET.Element, name: str) -> str:
    suites = ET.Element("testsuites", {"name": name})
    suites.append(testsuite)
    ET.indent(suites)
    # stored text may hold control characters XML cannot carry: shown as \x1b escapes
    return '<?xml version="1.0" encoding="UTF-8"?>\n' \
        + textsafe.neutralise(ET.tostring(suites, encoding="unicode")) + "\n"


def junit_error(suite: str, message: str) -> str:
    """A JUnit file for a check that could not run (a usage or input error): one testcase
    with an ``<error>``, so the CI job shows why instead of a missing report."""
    testsuite = ET.Element("testsuite", {"name": suite, "tests": "1", "failures": "0",
                                         "errors": "1", "skipped": "0"})
    case = ET.SubElement(testsuite, "testcase", {"classname": suite, "name": "usage"})
    error = ET.SubElement(case, "error", {"message": message, "type": "usage"})
    error.text = message
    return _junit_document(testsuite, suite)


def _line(finding: Finding) -> str:
    where = finding.location or finding.subject or ""
    return f"{finding.severity.value}: {where + ': ' if where else ''}{finding.message}"


def _escape_data(text: str) -> str:
    """Workflow-command data: line breaks encoded (no value starts a line of the log), other
    control characters shown as ``\\x1b`` escapes."""
    encoded = text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")
    return textsafe.neutralise(encoded.replace("\u2028", " ").replace("\u2029", " "))


def _escape_property(text: str) -> str:
    return _escape_data(text).replace(":", "%3A").replace(",", "%2C")


def github_annotations(report: CheckReport, *, paths: Mapping[str, str] | None = None) -> str:
    """``::error file=…,line=…,title=M002::message`` lines for GitHub Actions. ``paths`` maps
    a finding's file (its base name) to the path it was given as, which the annotation names
    so that it lands on the file in the pull request."""
    lines = []
    for finding in report.sorted_findings():
        level = {"error": "error", "warning": "warning"}.get(finding.severity.value, "notice")
        props = []
        if finding.file:
            path = (paths or {}).get(finding.file, finding.file)
            props.append(f"file={_escape_property(path)}")
        if finding.row:
            props.append(f"line={finding.row}")
        props.append(f"title={_escape_property(finding.code)}")
        lines.append(f"::{level} {','.join(props)}::{_escape_data(finding.message)}")
    return "\n".join(lines) + ("\n" if lines else "")


def findings_table(
    report: CheckReport,
    *,
    extra_columns: Mapping[str, str] | None = None,
    subject_header: str = "Subject",
    title: str | None = None,
    limit: int | None = None,
    fmt_subject: Callable[[Finding], str] | None = None,
) -> RenderableType:
    from rich.console import Group
    from rich.table import Table
    from rich.text import Text

    findings = report.sorted_findings()
    shown = findings if limit is None else findings[:limit]
    table = Table(title=title, title_justify="left", box=None, pad_edge=False, show_edge=False)
    table.add_column("Code", no_wrap=True)
    table.add_column("Sev", no_wrap=True)
    table.add_column("Where", no_wrap=True)
    table.add_column(subject_header, no_wrap=True)
    for header in (extra_columns or {}).values():
        table.add_column(header, no_wrap=True)
    table.add_column("Message", overflow="fold")
    for finding in shown:
        style = SEVERITY_STYLE[finding.severity]
        table.add_row(
            Text(finding.code, style=style),
            Text(finding.severity.value, style=style),
            # locations, subjects and messages quote people's files: text, never markup
            Text(finding.location),
            Text(fmt_subject(finding) if fmt_subject else (finding.subject or "")),
            *[Text(str(finding.data.get(key, "") or "")) for key in (extra_columns or {})],
            Text(finding.message),
        )
    summary = Text()
    summary.append(f"{report.errors} error(s)", style="red" if report.errors else "green")
    summary.append(", ")
    summary.append(f"{report.warnings} warning(s)", style="yellow" if report.warnings else "")
    if limit is not None and len(findings) > limit:
        summary.append(f"  (showing {limit} of {len(findings)}; use -f json for all)")
    parts: list[RenderableType] = [table, summary] if shown else [summary]
    return Group(*parts)
