"""The demo's mapping step: the sample city's charts, dimensions and DEFECTIVE mapping (v0.7).

The defective workbook is imported as set ``tilimappaus``, validated, and the 2025 trial
balance is translated with it (without writing lines), so the demo's status shows real
findings and a translation that does not reconcile; the README shows how the fixed workbook
becomes version 2 and reconciles.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from migctl.services.mapping.charts import import_chart, import_dimension
from migctl.services.mapping.sets import import_mapping
from migctl.services.mapping.translate import prepare, record_translation, translate
from migctl.services.mapping.validate import validate_set

if TYPE_CHECKING:
    from migctl.services.demo.context import DemoContext

CHARTS = (("legacy_chart.csv", "populus", "legacy"), ("target_chart.csv", "raindance", "target"))
DIMENSIONS = (
    ("legacy_cost_centres.csv", "kustannuspaikka", "legacy", ""),
    ("target_responsibility_units.csv", "vastuuyksikko", "target", "expense,income"),
    ("target_services.csv", "palveluluokka", "target", ""),
    ("target_projects.csv", "projekti", "target", ""),
)
MAPPING = "account_mapping.xlsx"
TRIAL_BALANCE = "trial_balance_2025.csv"
SET_NAME = "tilimappaus"
SET_SYSTEM = "raindance"


def load_mapping(context: DemoContext) -> None:
    directory = context.sample_dir
    if not (directory / MAPPING).is_file():
        return
    for file, key, role in CHARTS:
        import_chart(context.session, context.actor, path=directory / file, key=key, role=role,
                     now=context.now)
        context.loaded.append(file)
    for file, key, role, required in DIMENSIONS:
        import_dimension(context.session, context.actor, path=directory / file, key=key,
                         role=role, required_for=required, now=context.now)
        context.loaded.append(file)
    import_mapping(context.session, context.actor, path=directory / MAPPING, name=SET_NAME,
                   system=SET_SYSTEM, now=context.now)
    context.loaded.append(MAPPING)
    validate_set(context.session, context.actor, ref=SET_NAME, now=context.now)
    balances = directory / TRIAL_BALANCE
    if balances.is_file():  # a trial translation: v0.7 does not reconcile yet
        prepared = prepare(context.session, ref=SET_NAME)
        result = translate(prepared, path=balances, today=context.now.date())
        record_translation(context.session, context.actor, result, now=context.now)
        context.loaded.append(TRIAL_BALANCE)
