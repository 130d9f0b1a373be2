"""The "Data load" section: per reconciliation, its latest run — clean or not, the differences
by cause, the euros not explained — and the readiness signals on the recon's system.

A load that is not clean is red on its system (the go/no-go hinges on it); a reconciliation
defined but never run is amber. "Latest" follows :func:`migctl.services.recon.read.latest_run`:
for the active cutover run when there is one, else the latest run at all — among the runs
finished by the time judged (``--as-of`` sees the load as it was).
"""

from __future__ import annotations

from decimal import Decimal
from typing import TYPE_CHECKING, TypedDict

from migctl.services.recon.fields import HARMLESS
from migctl.services.recon.read import latest_run, list_definitions
from migctl.services.status.context import signal

if TYPE_CHECKING:
    from migctl.services.recon.documents import RunSummary
    from migctl.services.status.context import StatusContext
    from migctl.services.status.documents import Signal


class ReconRow(TypedDict):
    recon: str
    kind: str
    system: str | None
    run: RunSummary | None  # the latest run, None when never run
    open_differences: int  # differences under a cause that fails the run


class LoadTotals(TypedDict):
    recons: int
    clean: int
    not_clean: int
    never_run: int
    open_differences: int
    unexplained: Decimal  # euros not explained by rounding or an accepted decision


class LoadSection(TypedDict):
    recons: list[ReconRow]
    totals: LoadTotals
    signals: list[Signal]


def open_differences(run: RunSummary) -> int:
    return sum(n for cause, n in run["counts"].items()
               if cause not in HARMLESS and cause != "matched")


def build_section(context: StatusContext) -> LoadSection:
    rows: list[ReconRow] = []
    signals: list[Signal] = []
    for definition in list_definitions(context.session):
        if definition["kind"] == "payroll":
            continue  # the People section's (services/recon/payroll_status.py)
        run = latest_run(context.session, definition["name"], until=context.now)
        rows.append({"recon": definition["name"], "kind": definition["kind"],
                     "system": definition["system"], "run": run,
                     "open_differences": open_differences(run) if run else 0})
        if run is None:
            signals.append(signal("amber", f"reconciliation {definition['name']} has never run",
                                  code="recon-not-run", system=definition["system"],
                                  recon=definition["name"]))
        elif not run["clean"]:
            signals.append(signal(
                "red", f"load {definition['name']} is not clean: "
                f"{open_differences(run)} open difference(s), {run['unexplained']} EUR not "
                "explained", code="recon-not-clean", system=definition["system"],
                recon=definition["name"], open=open_differences(run),
                unexplained=str(run["unexplained"])))
    ran = [row["run"] for row in rows if row["run"] is not None]
    totals: LoadTotals = {
        "recons": len(rows), "clean": sum(run["clean"] for run in ran),
        "not_clean": sum(not run["clean"] for run in ran), "never_run": len(rows) - len(ran),
        "open_differences": sum(row["open_differences"] for row in rows),
        "unexplained": sum((run["unexplained"] for run in ran), Decimal(0))}
    return {"recons": rows, "totals": totals, "signals": signals}
