"""The demo's runbook step: the cutover window, the runbook, and the finished rehearsal 1.

The production run is left unstarted (the sample city's today is 2026-11-22), so the demo
shows the plan, the last rehearsal's plan versus actual, and what will be ready first.
"""

from __future__ import annotations

import tomllib
from typing import TYPE_CHECKING

from migctl.services import settings
from migctl.services.runbook.actuals import import_actuals
from migctl.services.runbook.importer import import_runbook
from migctl.services.runbook.settings import GO_LIVE, WINDOW_END, WINDOW_START

if TYPE_CHECKING:
    from migctl.services.demo.context import DemoContext

REHEARSALS = {"rehearsal-1": "rehearsal_1_actuals.csv"}


def load_runbook_demo(context: DemoContext) -> None:
    programme = context.sample_dir / "programme.toml"
    if programme.is_file():
        with programme.open("rb") as handle:
            cutover = tomllib.load(handle).get("cutover", {})
        for key, name in ((WINDOW_START, "window_start"), (WINDOW_END, "window_end"),
                          (GO_LIVE, "go_live")):
            if name in cutover:
                settings.put(context.session, context.actor, key, str(cutover[name]))
    runbook = context.sample_dir / "runbook.csv"
    if not runbook.is_file():
        return
    now = context.now
    # The gates' criteria name mapping sets, KPIs and SSO systems loaded by later steps; the
    # gates step (services/gates/demo.py) adds them once those exist.
    import_runbook(context.session, context.actor, path=runbook, now=now, criteria=False)
    context.loaded.append(runbook.name)
    for name, file in REHEARSALS.items():
        path = context.sample_dir / file
        if path.is_file():
            import_actuals(context.session, context.actor, name=name, path=path, now=now,
                           kind="rehearsal", finish=True)
            context.loaded.append(file)
