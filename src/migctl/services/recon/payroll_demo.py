"""The demo's payroll parallel run: two months (2026-05, 2026-06) of the sample city's payroll
in the legacy system and in the new one, compared by ``payroll-parallel`` — the holiday-bonus
pattern (−0.8 %), two employees missing from the new system, the unmapped language
supplement, a few rounding cents.

The demo pseudonymises with its own fixed key (:data:`DEMO_KEY`), set only for itself and not
read from or written to the environment, and says so in what it loaded; a real run needs the
city's own key (``MIGCTL_PSEUDONYM_KEY`` or ``--key-file``).
"""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path
from typing import TYPE_CHECKING

from migctl.services.pseudonym import Pseudonymiser
from migctl.services.recon import payroll_runs
from migctl.services.recon.payroll_write import save_payroll
from migctl.services.recon.write import DefinitionSpec

if TYPE_CHECKING:
    from migctl.services.demo.context import DemoContext

DIRECTORY = "payroll"
NAME = "payroll-parallel"
MONTHS = ("2026-05", "2026-06")
#: The demo's own pseudonym key (public: the demo's employees are fictional).
DEMO_KEY = "migctl-demo-pseudonym-key-not-for-real-data"


def load_payroll_demo(context: DemoContext, cutover_run: str | None = None) -> None:
    directory = context.sample_dir / DIRECTORY
    files = [directory / name for name in (
        "wage_types.csv", "key_map.csv", *(f"{side}_{m}.csv" for m in MONTHS
                                           for side in ("legacy", "new")))]
    if not all(path.is_file() for path in files):
        return
    session = context.session
    spec = DefinitionSpec(
        name=NAME, kind="payroll", legacy=str(directory / f"legacy_{MONTHS[0]}.csv"),
        target=str(directory / f"new_{MONTHS[0]}.csv"), wage_types=str(files[0]),
        key_map=str(files[1]), tolerance=Decimal("0.01"),
        description="Payroll parallel run: legacy payroll vs the new HR system (demo key)")
    save_payroll(session, context.actor, spec, now=context.now)
    pseudonymiser = Pseudonymiser(DEMO_KEY.encode())
    for month in MONTHS:
        plan = payroll_runs.plan(session, name=NAME,
                                 legacy=Path(directory / f"legacy_{month}.csv"),
                                 target=Path(directory / f"new_{month}.csv"),
                                 cutover_run=cutover_run)
        outcome, engine = payroll_runs.compare(plan, pseudonymiser, engine="python")
        payroll_runs.record_run(session, context.actor, plan, outcome, engine=engine,
                                started=context.now, now=context.now)
    context.loaded.append(f"{DIRECTORY}/ (payroll parallel run, pseudonymised with the demo's "
                          "own key, not MIGCTL_PSEUDONYM_KEY)")
