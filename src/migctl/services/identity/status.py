"""The "People — accounts and training" section (key ``identity``): the latest identity check's
coverage per directory environment, per system and per system's training, its finding counts,
and the readiness signals where coverage is below the programme's target.

An environment below ``identity.coverage_target`` is red programme-wide (people cannot log in on
day one); a system below it is red on that system; a system's training below
``identity.training_target`` is amber on that system. No check recorded yet raises
nothing (a programme may have no people in scope).
"""

from __future__ import annotations

from decimal import Decimal
from typing import TYPE_CHECKING, TypedDict

from migctl.services.identity.read import latest_run
from migctl.services.identity.settings import coverage_target, training_target
from migctl.services.status.context import signal

if TYPE_CHECKING:
    from migctl.services.identity.documents import RunSummary
    from migctl.services.status.context import StatusContext
    from migctl.services.status.documents import Signal


class IdentityTotals(TypedDict):
    """The weakest figures (the built-in KPIs read them); None when nothing was measured."""

    coverage_pct: Decimal | None  # lowest environment
    system_coverage_pct: Decimal | None  # lowest system
    training_coverage_pct: Decimal | None  # lowest system's training
    errors: int
    warnings: int


class IdentitySection(TypedDict):
    run: RunSummary | None  # the latest check, None before the first
    coverage_target: Decimal
    training_target: Decimal
    totals: IdentityTotals
    signals: list[Signal]


def _lowest(figures: dict[str, Decimal]) -> Decimal | None:
    return min(figures.values()) if figures else None


def _signals(run: RunSummary, target: Decimal, trained: Decimal) -> list[Signal]:
    found: list[Signal] = []
    for env, pct in sorted(run["coverage_pct"].items()):
        if pct < target:
            missing = run["counts"].get("I001", 0)
            found.append(signal("red", f"only {pct} % of the people active in {env} have an "
                                f"enabled account (target {target} %)",
                                code="identity-coverage-low", environment=env, pct=str(pct),
                                target=str(target), missing=missing))
    for system, pct in sorted(run["system_coverage_pct"].items()):
        if pct < target:
            found.append(signal("red", f"only {pct} % of the people who need {system} have a "
                                f"user there (target {target} %)",
                                code="identity-users-missing", system=system, system_key=system,
                                pct=str(pct),
                                target=str(target)))
    for system, pct in sorted(run["training_coverage_pct"].items()):
        if pct < trained:
            found.append(signal("amber", f"only {pct} % of the people who need {system} are "
                                f"trained for it (target {trained} %)",
                                code="training-coverage-low", system=system, system_key=system,
                                pct=str(pct),
                                target=str(trained)))
    return found


def build_section(context: StatusContext) -> IdentitySection:
    run = latest_run(context.session, context.now)
    target, trained = coverage_target(context.session), training_target(context.session)
    if run is None:
        return {"run": None, "coverage_target": target, "training_target": trained,
                "totals": {"coverage_pct": None, "system_coverage_pct": None,
                           "training_coverage_pct": None, "errors": 0, "warnings": 0},
                "signals": []}
    return {"run": run, "coverage_target": target, "training_target": trained,
            "totals": {"coverage_pct": _lowest(run["coverage_pct"]),
                       "system_coverage_pct": _lowest(run["system_coverage_pct"]),
                       "training_coverage_pct": _lowest(run["training_coverage_pct"]),
                       "errors": run["errors"], "warnings": run["warnings"]},
            "signals": _signals(run, target, trained)}
