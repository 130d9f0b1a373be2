"""What every check returns: findings with a stable code, a severity and where they come from.

Mapping validation, SSO probes, runbook lint and gate criteria all produce a
:class:`CheckReport`; renderers (table, JSON, JUnit XML, GitHub annotations) work from it alone.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from enum import StrEnum
from typing import Any

from migctl.errors import ExitCode


class Severity(StrEnum):
    ERROR = "error"
    WARNING = "warning"
    INFO = "info"


@dataclass(frozen=True, slots=True)
class CheckCode:
    """A stable code (M001, S011, R004…) with its one-line title and default severity."""

    code: str
    title: str
    severity: Severity = Severity.ERROR


@dataclass(frozen=True, slots=True)
class Finding:
    code: str
    severity: Severity
    message: str
    file: str | None = None
    row: int | None = None
    subject: str | None = None  # what the finding is about: a task key, a system/env, an account
    data: Mapping[str, Any] = field(default_factory=dict)  # check-specific fields for JSON

    @property
    def location(self) -> str:
        return ":".join(str(p) for p in (self.file, self.row) if p not in (None, ""))


@dataclass
class CheckReport:
    """The outcome of one check run: every code that was checked, and what it found."""

    name: str
    codes: list[CheckCode]
    findings: list[Finding] = field(default_factory=list)
    #: the check's own summary figures (rules, coverage…), written into the JSON summary
    meta: dict[str, object] = field(default_factory=dict)

    def add(self, finding: Finding) -> None:
        self.findings.append(finding)

    def extend(self, findings: Iterable[Finding]) -> None:
        self.findings.extend(findings)

    @property
    def errors(self) -> int:
        return sum(1 for f in self.findings if f.severity is Severity.ERROR)

    @property
    def warnings(self) -> int:
        return sum(1 for f in self.findings if f.severity is Severity.WARNING)

    def failed(self, *, strict: bool = False) -> bool:
        return self.errors > 0 or (strict and self.warnings > 0)

    def exit_code(self, *, strict: bool = False) -> ExitCode:
        return ExitCode.CHECKS_FAILED if self.failed(strict=strict) else ExitCode.OK

    def by_code(self) -> dict[str, list[Finding]]:
        grouped: dict[str, list[Finding]] = {c.code: [] for c in self.codes}
        for finding in self.findings:
            grouped.setdefault(finding.code, []).append(finding)
        return grouped

    def sorted_findings(self) -> list[Finding]:
        order = {Severity.ERROR: 0, Severity.WARNING: 1, Severity.INFO: 2}
        return sorted(
            self.findings,
            key=lambda f: (order[f.severity], f.code, f.file or "", f.row or 0, f.subject or ""),
        )
