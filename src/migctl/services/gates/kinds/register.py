"""``actions-done:…`` and ``risks-below:SCORE``: the programme register as gate evidence.

The evaluation is the register's own (:mod:`migctl.services.register.criteria`); these kinds
parse the text, print it back canonically and hand the verdict to the gate.
"""

from __future__ import annotations

from dataclasses import dataclass

from migctl.services.gates.criterion import Context, Names, Outcome
from migctl.services.register.criteria import (
    evaluate_actions_done,
    evaluate_risks_below,
    parse_actions_selector,
)
from migctl.services.register.documents import ActionsDoneEvidence, RisksBelowEvidence
from migctl.services.register.fields import CATEGORY_PATTERN, normalize_score


@dataclass(frozen=True)
class ActionsDone:
    selector: str  # "category=training" or "ACT-001,ACT-002"

    @property
    def spec(self) -> str:
        return f"actions-done:{self.selector}"


@dataclass(frozen=True)
class RisksBelow:
    score: int

    @property
    def spec(self) -> str:
        return f"risks-below:{self.score}"


class ActionsDoneKind:
    name = "actions-done"
    usage = "actions-done:category=NAME, actions-done:KEY,KEY…"

    def parse(self, rest: str, raw: str) -> ActionsDone:
        name, equals, value = rest.partition("=")
        if equals and name.strip().casefold() in ("category", "luokka"):
            # The programme may define its own categories: the word is checked when evaluated.
            try:
                category, _ = parse_actions_selector(rest, ("development", "training",
                                                            "investment", "wider_change"))
            except ValueError:
                category = "_".join(value.strip().casefold().split())
                if not CATEGORY_PATTERN.fullmatch(category):
                    raise ValueError(f"{raw!r}: {value.strip()!r} is not a category") from None
            return ActionsDone(f"category={category}")
        try:
            _, keys = parse_actions_selector(rest, ())
        except ValueError as exc:
            raise ValueError(f"{raw!r}: {exc}") from None
        return ActionsDone(",".join(keys))

    def problem(self, criterion: ActionsDone, names: Names, gate: str | None) -> None:
        return None  # keys and categories live in the register: evaluation names the missing

    def evaluate(self, criterion: ActionsDone, context: Context, gate: str | None
                 ) -> Outcome[ActionsDoneEvidence]:
        today = context.now.astimezone(context.tz).date()
        verdict = evaluate_actions_done(context.session, criterion.selector, today=today)
        return Outcome(verdict["passed"], verdict["message"], verdict["evidence"])


class RisksBelowKind:
    name = "risks-below"
    usage = "risks-below:SCORE"

    def parse(self, rest: str, raw: str) -> RisksBelow:
        try:
            return RisksBelow(normalize_score(rest))
        except ValueError as exc:
            raise ValueError(f"{raw!r}: {exc} (risks-below:SCORE, a score from 1 to 25)"
                             ) from None

    def problem(self, criterion: RisksBelow, names: Names, gate: str | None) -> None:
        return None

    def evaluate(self, criterion: RisksBelow, context: Context, gate: str | None
                 ) -> Outcome[RisksBelowEvidence]:
        verdict = evaluate_risks_below(context.session, criterion.score)
        return Outcome(verdict["passed"], verdict["message"], verdict["evidence"])
