"""The demo's gates step: the point of no return and the gates' criteria from runbook.csv.

It runs last, once the mapping sets, SSO systems, incidents and KPIs the criteria name exist
(the runbook step imports the runbook without its criteria). A criterion naming something the
sample store does not have — the cost-object set ``kustannuspaikat`` until the cost-object
mapping is loaded — is skipped and listed, instead of failing the demo; it is added
automatically once a step before this one loads that set.
"""

from __future__ import annotations

import tomllib
from typing import TYPE_CHECKING

from migctl.importers import read_table
from migctl.services import settings
from migctl.services.gates.criteria import add_criteria
from migctl.services.gates.references import Vocabulary
from migctl.services.gates.spec import parse_specs
from migctl.services.runbook.fields import normalize_task_key
from migctl.services.runbook.importer import RUNBOOK_TABLE
from migctl.services.runbook.settings import (
    POINT_OF_NO_RETURN,  # (importing it registers cutover.*)
)

if TYPE_CHECKING:
    from migctl.services.demo.context import DemoContext


def load_gates_demo(context: DemoContext) -> None:
    programme = context.sample_dir / "programme.toml"
    if programme.is_file():
        with programme.open("rb") as handle:
            cutover = tomllib.load(handle).get("cutover", {})
        if "point_of_no_return" in cutover:
            settings.put(context.session, context.actor, POINT_OF_NO_RETURN,
                         str(cutover["point_of_no_return"]))
    path = context.sample_dir / "runbook.csv"
    if not path.is_file():
        return
    table = read_table(path, RUNBOOK_TABLE)
    if not table.has_column("criteria"):
        return
    vocabulary = Vocabulary(context.session)
    now = context.now
    loaded = 0
    skipped: list[str] = []
    for row in table.rows:
        if not row.get("criteria"):
            continue
        key = normalize_task_key(row.get("key"))
        usable = []
        for criterion in parse_specs(row.get("criteria")):
            if vocabulary.problem(criterion, gate=key) is None:
                usable.append(criterion.spec)
            else:
                skipped.append(f"{key} {criterion.spec}")
        if usable:
            add_criteria(context.session, context.actor, gate=key, specs=usable, now=now,
                         source_row=row.number)
            loaded += len(usable)
    note = f"{loaded} gate criteria"
    if skipped:
        note += f" (not yet: {', '.join(skipped)})"
    context.loaded.append(f"{path.name}: {note}")
