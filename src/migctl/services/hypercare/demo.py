"""The demo's hypercare step: the sample city's incidents, custom KPIs and KPI history."""

from __future__ import annotations

from migctl.services.demo.context import DemoContext
from migctl.services.hypercare.write import import_incidents
from migctl.services.kpis.write import import_definitions, import_values


def load_hypercare(context: DemoContext) -> None:
    now = context.now
    for name, load in (("incidents.csv", import_incidents),
                       ("kpi_definitions.csv", import_definitions),
                       ("kpi_history.csv", import_values)):
        path = context.sample_dir / name
        if path.is_file():
            load(context.session, context.actor, path=path, now=now)
            context.loaded.append(name)
