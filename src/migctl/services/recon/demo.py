"""The demo's load reconciliations after rehearsal 1: Raindance's opening trial balance
against the 2025 trial balance through the demo mapping, and Basware's open invoices against
the legacy purchase ledger. Both are defined and run, so the demo shows a load that is not
clean (a misposting, a lost responsibility unit, rounding cents; a missing invoice and a
changed due date — and the lines the defective mapping v0.7 cannot carry)."""

from __future__ import annotations

from decimal import Decimal
from typing import TYPE_CHECKING

from sqlalchemy import select

from migctl.services.mapping.demo import SET_NAME, SET_SYSTEM, TRIAL_BALANCE
from migctl.services.recon import runs
from migctl.services.recon.write import DefinitionSpec, save_definition
from migctl.store.db import execute
from migctl.store.tables import CUTOVER_RUN

if TYPE_CHECKING:
    from migctl.services.demo.context import DemoContext

TARGET_BALANCE = "target_trial_balance_rehearsal_1.csv"
LEGACY_INVOICES = "legacy_open_invoices.csv"
BASWARE_INVOICES = "basware_open_invoices.csv"
REHEARSAL = "rehearsal-1"
#: What the demo reconciles; the mapping's demo loads the first.
FILES = (TRIAL_BALANCE, TARGET_BALANCE, LEGACY_INVOICES, BASWARE_INVOICES)


def load_recon_demo(context: DemoContext) -> None:
    directory = context.sample_dir
    if not all((directory / name).is_file() for name in FILES):
        return
    specs = [
        DefinitionSpec(name="tb-opening", kind="balances", legacy=str(directory / TRIAL_BALANCE),
                       target=str(directory / TARGET_BALANCE), mapping_set=SET_NAME,
                       system=SET_SYSTEM, tolerance=Decimal("0.05"),
                       description="Raindance opening trial balance vs Populus 2025 closing"),
        DefinitionSpec(name="ap-open-invoices", kind="items",
                       legacy=str(directory / LEGACY_INVOICES),
                       target=str(directory / BASWARE_INVOICES), system="basware",
                       keys=["laskunro"], compare=["summa=0.01", "eräpäivä=date"],
                       description="Open purchase invoices: Populus vs Basware"),
    ]
    session = context.session
    rehearsal = execute(session, select(CUTOVER_RUN.c.name).where(
        CUTOVER_RUN.c.name == REHEARSAL)).scalar()
    for spec in specs:
        save_definition(session, context.actor, spec, now=context.now)
        plan = runs.plan(session, name=spec.name, cutover_run=rehearsal)
        outcome, engine = runs.compare(plan, today=context.now.date(), engine="python")
        runs.record_run(session, context.actor, plan, outcome, engine=engine,
                        started=context.now, now=context.now)
    context.loaded.extend(FILES[1:])
    from migctl.services.recon.payroll_demo import load_payroll_demo

    load_payroll_demo(context)
