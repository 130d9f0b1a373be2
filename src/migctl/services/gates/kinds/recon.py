"""``recon-clean:NAME``: the latest run of a reconciliation is clean and fresh.

The latest run is the one for the cutover run being judged (a rehearsal's gate waits for that
rehearsal's load), else the latest at all, among the runs finished by the time judged
(``--as-of`` judges the past as it was); clean means every difference is rounding or
accepted; fresh means younger than the gate check's ``--max-age``.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from decimal import Decimal
from typing import TYPE_CHECKING, TypedDict

from migctl.errors import NotFound
from migctl.services.gates.criterion import Context, Names, Outcome, checked_name
from migctl.services.recon.read import latest_run
from migctl.services.recon.status import open_differences

if TYPE_CHECKING:
    from migctl.services.recon.documents import RunSummary


@dataclass(frozen=True)
class ReconClean:
    name: str

    @property
    def spec(self) -> str:
        return f"recon-clean:{self.name}"


class ReconEvidence(TypedDict):
    recon: str
    run_id: int | None
    cutover_run: str | None
    finished_at: str | None
    counts: dict[str, int]
    difference: Decimal | None
    unexplained: Decimal | None


class ReconCleanKind:
    name = "recon-clean"
    usage = "recon-clean:NAME"

    def parse(self, rest: str, raw: str) -> ReconClean:
        if not rest.strip():
            raise ValueError(f"{raw!r}: name the reconciliation (recon-clean:NAME)")
        return ReconClean(checked_name(rest, "reconciliation"))

    def problem(self, criterion: ReconClean, names: Names, gate: str | None) -> None:
        return None  # an unknown reconciliation fails when evaluated, naming it

    def evaluate(self, criterion: ReconClean, context: Context, gate: str | None
                 ) -> Outcome[ReconEvidence]:
        cutover = context.run.name if context.run is not None else None
        try:
            run = latest_run(context.session, criterion.name, cutover, until=context.now) or (
                latest_run(context.session, criterion.name, until=context.now) if cutover
                else None)
        except NotFound as exc:
            return Outcome(False, str(exc), _evidence(criterion.name, None))
        if run is None:
            return Outcome(False, f"{criterion.name} has never run",
                           _evidence(criterion.name, None))
        evidence = _evidence(criterion.name, run)
        finished = datetime.fromisoformat(run["finished_at"]) if run["finished_at"] else None
        age = (context.now - finished).total_seconds() / 60 if finished else None
        where = f"run {run['run_id']}" + (f" of {run['cutover_run']}" if run["cutover_run"]
                                          else "")
        if age is not None and age > context.max_age_minutes:
            return Outcome(False, f"{criterion.name}: {where} finished "
                           f"{context.local(finished)}, older than the max age", evidence)
        if not run["clean"]:
            return Outcome(False, f"{criterion.name}: {where} is not clean "
                           f"({open_differences(run)} open difference(s), "
                           f"{run['unexplained']} EUR not explained)", evidence)
        return Outcome(True, f"{criterion.name}: {where} is clean "
                       f"(difference {run['difference']} EUR, all rounding or accepted)",
                       evidence)


def _evidence(name: str, run: RunSummary | None) -> ReconEvidence:
    if run is None:
        return {"recon": name, "run_id": None, "cutover_run": None, "finished_at": None,
                "counts": {}, "difference": None, "unexplained": None}
    return {"recon": name, "run_id": run["run_id"], "cutover_run": run["cutover_run"],
            "finished_at": run["finished_at"], "counts": run["counts"],
            "difference": run["difference"], "unexplained": run["unexplained"]}
