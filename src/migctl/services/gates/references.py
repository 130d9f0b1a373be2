"""Whether a criterion names things that exist: a mapping set, a system (and environment), tasks
or a workstream, a KPI. Unknown names are refused when a criterion is added or imported, so a
typo never becomes a gate that can never pass (or one that passes for the wrong reason).
"""

from __future__ import annotations

from collections.abc import Iterable
from functools import cached_property

from sqlalchemy import select
from sqlmodel import Session

from migctl.services.gates.spec import Criterion, criterion_kind
from migctl.services.kpis.read import definitions
from migctl.services.runbook.read import execute
from migctl.store.tables import MAPPING_SET, SYSTEM, TASK
from migctl.values import split_list


class Vocabulary:
    """The names criteria may use, read once per command (lazily, per kind of name): a
    :class:`migctl.services.gates.criterion.Names`.

    ``file_tasks`` adds the keys (→ workstream) of a runbook file being imported: a criterion may
    name tasks further down the file.
    """

    def __init__(self, session: Session, *, file_tasks: dict[str, str] | None = None) -> None:
        self.session = session
        self.file_tasks = file_tasks or {}

    @cached_property
    def sets(self) -> set[str]:
        self.session.flush()  # Core reads do not autoflush: see what this command added
        return set(execute(self.session, select(MAPPING_SET.c.name).distinct()).scalars())

    @cached_property
    def systems(self) -> dict[str, set[str]]:
        self.session.flush()
        rows = execute(self.session, select(SYSTEM.c.key, SYSTEM.c.environments))
        return {key: set(split_list(envs)) for key, envs in rows}

    @cached_property
    def tasks(self) -> dict[str, str]:
        """Task key → workstream, the store's overlaid with the file's."""
        stored = dict(execute(self.session, select(TASK.c.key, TASK.c.workstream)).all())
        return stored | self.file_tasks

    @cached_property
    def workstreams(self) -> set[str]:
        return {name.casefold() for name in self.tasks.values() if name}

    @cached_property
    def kpis(self) -> set[str]:
        return set(definitions(self.session))

    def problem(self, criterion: Criterion, *, gate: str | None = None) -> str | None:
        """Why ``criterion`` cannot be used (an unknown name), or None (its kind decides)."""
        return criterion_kind(criterion).problem(criterion, self, gate)

    def problems(self, criteria: Iterable[Criterion], *, gate: str | None = None
                 ) -> list[tuple[Criterion, str]]:
        return [(c, why) for c in criteria if (why := self.problem(c, gate=gate)) is not None]
