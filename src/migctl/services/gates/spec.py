"""Gate criteria specs: the one registry of criterion kinds, and the one parser for
`criteria add`, the runbook's ``criteria`` column and evaluation, turning text such as
``kpi:ostolaskut_5pv>=90`` into a small typed value.

* ``mapping-valid:SET`` — the latest validation of SET's current version has no errors;
* ``reconciled:SET`` — the latest translation with SET's current version reconciled to the
  cent with 100 % coverage;
* ``sso-pass[:SYSTEM[:ENV]]`` — every matching SSO check's latest result passed (or warned)
  and is younger than the max age;
* ``tasks-done:KEY,KEY…`` / ``tasks-done:workstream=NAME`` — the tasks (every task of the
  workstream but the gate) are done, or skipped, in the run;
* ``incidents-below:SEVERITY:N`` — fewer than N incidents open at SEVERITY or worse;
* ``kpi:NAME>=VALUE`` / ``kpi:NAME<=VALUE`` — the KPI's latest stored value is at least / at
  most VALUE;
* ``identity-coverage:ENV>=PCT`` / ``identity-coverage:system=KEY>=PCT`` / ``trained:SYSTEM>=PCT``
  — the latest identity check's account, system-user or training coverage is at least PCT %.
* ``window-confidence>=PCT`` — at least PCT % of the simulated cutovers end within the window
  (a kind compared directly, without ``:``).

Every criterion prints back as canonical text (:attr:`Criterion.spec`), so the same criterion
written with other spacing or case is recognised as the same. A new kind is a module under
:mod:`migctl.services.gates.kinds` implementing
:class:`~migctl.services.gates.criterion.CriterionKind`, plus one line in :data:`KINDS`.
"""

from __future__ import annotations

import re
from typing import Any

from migctl.services.gates.criterion import Criterion, CriterionKind
from migctl.services.gates.kinds.identity import IdentityCoverageKind, TrainedKind
from migctl.services.gates.kinds.incidents import IncidentsBelowKind
from migctl.services.gates.kinds.kpi import KpiKind
from migctl.services.gates.kinds.mapping import MappingValidKind, ReconciledKind
from migctl.services.gates.kinds.recon import ReconCleanKind
from migctl.services.gates.kinds.register import ActionsDoneKind, RisksBelowKind
from migctl.services.gates.kinds.sso import SsoPassKind
from migctl.services.gates.kinds.tasks import TasksDoneKind
from migctl.services.gates.kinds.window import WindowConfidenceKind

__all__ = ["KINDS", "Criterion", "joined", "kind_name", "kind_of", "parse_spec", "parse_specs",
           "split_specs"]

#: Every criterion kind by name, in the order the "use one of …" message lists them.
KINDS: dict[str, CriterionKind[Any]] = {kind.name: kind for kind in (
    MappingValidKind(),
    ReconciledKind(),
    SsoPassKind(),
    TasksDoneKind(),
    IncidentsBelowKind(),
    KpiKind(),
    ActionsDoneKind(),
    RisksBelowKind(),
    ReconCleanKind(),
    IdentityCoverageKind(),
    TrainedKind(),
    WindowConfidenceKind(),
)}


def kind_name(text: str) -> str:
    """The kind a spec names: the text before ``:`` (or before ``>=``/``<=``, for a kind
    compared directly such as ``window-confidence>=80``)."""
    return re.split(r"[:<>=]", text.strip(), maxsplit=1)[0].strip()


def kind_of(criterion: Criterion) -> str:
    return kind_name(criterion.spec)


def criterion_kind(criterion: Criterion) -> CriterionKind[Any]:
    return KINDS[kind_of(criterion)]


def parse_spec(text: str) -> Criterion:
    """The criterion ``text`` names; ValueError says what is wrong with it."""
    raw = text.strip()
    name = kind_name(raw)
    rest = raw.strip()[len(name):].strip().removeprefix(":")
    kind = KINDS.get(name.strip().casefold())
    if kind is None:
        raise ValueError(f"{raw!r} is not a criterion; use one of "
                         + ", ".join(kind.usage for kind in KINDS.values()))
    criterion: Criterion = kind.parse(rest.strip(), raw)
    return criterion


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
