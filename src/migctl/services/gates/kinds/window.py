"""``window-confidence>=PCT``: at least PCT % of the simulated cutovers end within the window.

The simulation is the status section's (:mod:`migctl.services.runbook.confidence`): the run
looked at (else the plan), the seed and count of the settings ``cutover.simulation_seed`` and
``cutover.simulations``, so a gate check and the status screen agree.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from typing import TypedDict

from migctl.services.gates.criterion import Context, Names, Outcome

_PCT = re.compile(r"^>=\s*(?P<pct>[0-9]+(?:[.,][0-9]+)?)\s*%?$")


@dataclass(frozen=True)
class WindowConfidence:
    pct: Decimal  # 0–100

    @property
    def spec(self) -> str:
        text = format(self.pct.normalize(), "f")
        return f"window-confidence>={text}"


class WindowEvidence(TypedDict):
    threshold_pct: Decimal
    p_within_window: float | None
    simulations: int
    seed: int
    run: str | None


class WindowConfidenceKind:
    name = "window-confidence"
    usage = "window-confidence>=PCT"

    def parse(self, rest: str, raw: str) -> WindowConfidence:
        match = _PCT.match(rest.strip())
        if match is None:
            raise ValueError(f"{raw!r}: use window-confidence>=PCT (a percentage, e.g. 80)")
        try:
            pct = Decimal(match.group("pct").replace(",", "."))
        except InvalidOperation:  # pragma: no cover - the pattern admits only numbers
            raise ValueError(f"{raw!r}: {match.group('pct')!r} is not a number") from None
        if pct > 100:
            raise ValueError(f"{raw!r}: a percentage is at most 100")
        return WindowConfidence(pct)

    def problem(self, criterion: WindowConfidence, names: Names, gate: str | None
                ) -> str | None:
        return None

    def evaluate(self, criterion: WindowConfidence, context: Context, gate: str | None
                 ) -> Outcome[WindowEvidence]:
        from migctl.services.runbook import confidence_settings as chosen
        from migctl.services.runbook.confidence import forecast_window
        from migctl.services.runbook.plan import planning_context
        from migctl.services.runbook.read import load_runbook

        db = context.session
        book = context.runbook
        run = context.run
        if book is None or (book.run is None) != (run is None) or \
                (book.run is not None and run is not None and book.run.id != run.id):
            book = load_runbook(db, run)
        evidence: WindowEvidence = {"threshold_pct": criterion.pct, "p_within_window": None,
                                    "simulations": chosen.simulations(db), "seed": chosen.seed(db),
                                    "run": None if run is None else run.name}
        if not book.tasks:
            return Outcome(False, "the runbook has no tasks to simulate", evidence)
        result = forecast_window(db, planning_context(db, book, now=context.now),
                                 simulations=evidence["simulations"], seed=evidence["seed"],
                                 spread=chosen.spread(db))
        within = result["p_within_window"]
        evidence["p_within_window"] = within
        if within is None:
            return Outcome(False, "no cutover window end is set (`migctl settings set "
                           "cutover.window_end …`)", evidence)
        pct = Decimal(str(round(within * 100, 1)))
        passed = pct >= criterion.pct
        relation = ">=" if passed else "<"
        return Outcome(passed, f"P(cutover within window) = {pct.normalize():f} % "
                       f"({relation} {criterion.pct.normalize():f} %)", evidence)
