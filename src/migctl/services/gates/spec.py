"""Gate criteria specs: one parser for `criteria add`, the runbook's `criteria` column and
evaluation, turning text such as ``kpi:ostolaskut_5pv>=90`` into a small typed value.

* ``mapping-valid:SET`` — the latest validation of SET's current version has no errors;
* ``reconciled:SET`` — the latest translation with SET's current version reconciled to the
  cent with 100 % coverage;
* ``sso-pass[:SYSTEM[:ENV]]`` — every matching SSO check's latest result passed (or warned)
  and is younger than the max age;
* ``tasks-done:KEY,KEY…`` / ``tasks-done:workstream=NAME`` — the tasks (every task of the
  workstream but the gate) are done, or skipped, in the run;
* ``incidents-below:SEVERITY:N`` — fewer than N incidents open at SEVERITY or worse;
* ``kpi:NAME>=VALUE`` / ``kpi:NAME<=VALUE`` — the KPI's latest stored value is at least / at
  most VALUE.

Every criterion prints back as canonical text (:attr:`spec`), so the same criterion written
with other spacing or case is recognised as the same.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal

from migctl import values
from migctl.services.hypercare.fields import normalize_severity
from migctl.services.kpis.fields import normalize_name, plain
from migctl.services.runbook.fields import normalize_task_key

KINDS = ("mapping-valid", "reconciled", "sso-pass", "tasks-done", "incidents-below", "kpi")
_NAME = re.compile(r"[a-z0-9][a-z0-9_.\-]{0,63}")
_KPI = re.compile(r"^(?P<name>[^<>=]+?)\s*(?P<op>>=|<=)\s*(?P<value>.+)$")


@dataclass(frozen=True)
class MappingValid:
    set_name: str

    @property
    def spec(self) -> str:
        return f"mapping-valid:{self.set_name}"


@dataclass(frozen=True)
class Reconciled:
    set_name: str

    @property
    def spec(self) -> str:
        return f"reconciled:{self.set_name}"


@dataclass(frozen=True)
class SsoPass:
    system: str | None = None
    env: str | None = None

    @property
    def spec(self) -> str:
        return ":".join(p for p in ("sso-pass", self.system, self.env) if p)


@dataclass(frozen=True)
class TasksDone:
    keys: tuple[str, ...] = ()
    workstream: str | None = None  # instead of keys: every task of this workstream

    @property
    def spec(self) -> str:
        if self.workstream is not None:
            return f"tasks-done:workstream={self.workstream}"
        return "tasks-done:" + ",".join(self.keys)


@dataclass(frozen=True)
class IncidentsBelow:
    severity: str
    limit: int  # passes while fewer than this many are open

    @property
    def spec(self) -> str:
        return f"incidents-below:{self.severity}:{self.limit}"


@dataclass(frozen=True)
class KpiThreshold:
    name: str
    op: str  # ">=" or "<="
    threshold: Decimal

    @property
    def spec(self) -> str:
        return f"kpi:{self.name}{self.op}{plain(self.threshold)}"

    def holds(self, value: Decimal) -> bool:
        return value >= self.threshold if self.op == ">=" else value <= self.threshold


Criterion = MappingValid | Reconciled | SsoPass | TasksDone | IncidentsBelow | KpiThreshold


def kind_of(criterion: Criterion) -> str:
    return criterion.spec.partition(":")[0]


def _name(text: str, what: str) -> str:
    name = text.strip().lower()
    if "@" in name:
        raise ValueError(f"{what} {text.strip()!r}: a criterion reads the set's current "
                         "version; leave out the @version")
    if not _NAME.fullmatch(name):
        raise ValueError(f"{what} {text.strip()!r} is not a valid name")
    return name


def parse_spec(text: str) -> Criterion:
    """The criterion ``text`` names; ValueError says what is wrong with it."""
    raw = text.strip()
    kind, _, rest = raw.partition(":")
    kind = kind.strip().casefold()
    rest = rest.strip()
    if kind not in KINDS:
        raise ValueError(f"{raw!r} is not a criterion; use one of "
                         "mapping-valid:SET, reconciled:SET, sso-pass[:SYSTEM[:ENV]], "
                         "tasks-done:KEY,…, tasks-done:workstream=NAME, "
                         "incidents-below:SEVERITY:N, kpi:NAME>=VALUE (or <=)")
    if kind in ("mapping-valid", "reconciled"):
        if not rest:
            raise ValueError(f"{raw!r}: name the mapping set ({kind}:SET)")
        name = _name(rest, "mapping set")
        return MappingValid(name) if kind == "mapping-valid" else Reconciled(name)
    if kind == "sso-pass":
        parts = [p.strip() for p in rest.split(":")] if rest else []
        if len(parts) > 2 or any(not p for p in parts):
            raise ValueError(f"{raw!r}: use sso-pass, sso-pass:SYSTEM or sso-pass:SYSTEM:ENV")
        system = _name(parts[0], "system") if parts else None
        env = _name(parts[1], "environment") if len(parts) > 1 else None
        return SsoPass(system, env)
    if kind == "tasks-done":
        if rest.casefold().startswith("workstream="):
            workstream = rest.partition("=")[2].strip()
            if not workstream:
                raise ValueError(f"{raw!r}: name the workstream (tasks-done:workstream=NAME)")
            return TasksDone(workstream=workstream)
        keys = [normalize_task_key(k) for k in values.split_list(rest.replace(";", ","))]
        if not keys:
            raise ValueError(f"{raw!r}: list the task keys (tasks-done:KEY,KEY…)")
        return TasksDone(keys=tuple(keys))
    if kind == "incidents-below":
        severity, _, limit = rest.partition(":")
        if not severity.strip() or not limit.strip():
            raise ValueError(f"{raw!r}: use incidents-below:SEVERITY:N, e.g. "
                             "incidents-below:high:1")
        if not limit.strip().isdigit() or int(limit) < 1:
            raise ValueError(f"{raw!r}: N must be a whole number of at least 1 "
                             "(fewer than N open incidents pass)")
        return IncidentsBelow(normalize_severity(severity), int(limit))
    match = _KPI.match(rest)
    if match is None:
        raise ValueError(f"{raw!r}: use kpi:NAME>=VALUE or kpi:NAME<=VALUE")
    threshold = values.parse_decimal(match.group("value"))
    return KpiThreshold(normalize_name(match.group("name")), match.group("op"), threshold)


def split_specs(text: str) -> list[str]:
    """The specs of a ``criteria`` cell: separated by ``;`` or line breaks (``,`` belongs to
    ``tasks-done``), blanks dropped."""
    return [part.strip() for part in re.split(r"[;\n\r]", text) if part.strip()]


def parse_specs(text: str) -> list[Criterion]:
    """Every criterion of a cell, duplicates (by canonical text) dropped, order kept."""
    found: dict[str, Criterion] = {}
    for part in split_specs(text):
        criterion = parse_spec(part)
        found.setdefault(criterion.spec, criterion)
    return list(found.values())


def joined(criteria: list[Criterion]) -> str | None:
    """The canonical cell text of a gate's criteria (``None`` for none), as kept on the task."""
    return "; ".join(c.spec for c in criteria) or None
