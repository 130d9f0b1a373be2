"""The demo's cost-object step: the sample city's *laskentatunnistemalli* as a cost-objects set.

``cost_object_mapping.xlsx`` is imported as ``kustannuspaikat`` (the name the sample runbook's
gate criteria use), a set of the legacy dimension ``kustannuspaikka`` feeding Raindance, and
validated, so the demo's status shows its one deliberate gap (M012: cost centre 1116 has no
rule). The account set stays the defective v0.7 of the mapping step; the README shows the
account mapping v0.9 translating the trial balance together with this set.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from migctl.services.mapping.fields import COST_OBJECTS
from migctl.services.mapping.sets import import_mapping
from migctl.services.mapping.validate import validate_set

if TYPE_CHECKING:
    from migctl.services.demo.context import DemoContext

COST_OBJECT_MAPPING = "cost_object_mapping.xlsx"
SET_NAME = "kustannuspaikat"
SOURCE_DIMENSION = "kustannuspaikka"
SET_SYSTEM = "raindance"


def load_cost_objects(context: DemoContext) -> None:
    path = context.sample_dir / COST_OBJECT_MAPPING
    if not path.is_file() or "legacy_cost_centres.csv" not in context.loaded:
        return  # the mapping step loads the dimensions this set maps from and to
    import_mapping(context.session, context.actor, path=path, name=SET_NAME,
                   kind=COST_OBJECTS, source_dimension=SOURCE_DIMENSION, system=SET_SYSTEM,
                   now=context.now)
    context.loaded.append(COST_OBJECT_MAPPING)
    validate_set(context.session, context.actor, ref=SET_NAME, now=context.now)
