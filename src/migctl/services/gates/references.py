"""Whether a criterion names things that exist: a mapping set, a system (and environment), tasks
or a workstream, a KPI. Unknown names are refused when a criterion is added or imported, so a
typo never becomes a gate that can never pass (or one that passes for the wrong reason).
"""

from __future__ import annotations

from collections.abc import Iterable
from functools import cached_property

from sqlalchemy import select as core_select
from sqlmodel import Session, select

from migctl.services.gates.spec import (
    Criterion,
    KpiThreshold,
    MappingValid,
    Reconciled,
    SsoPass,
    TasksDone,
)
from migctl.services.kpis.builtins import builtin
from migctl.services.kpis.read import definitions
from migctl.services.runbook.read import execute
from migctl.store.models import System
from migctl.store.models.mapping import MappingSet
from migctl.store.tables import TASK
from migctl.values import split_list


class Vocabulary:
    """The names criteria may use, read once per command (lazily, per kind of name).

    ``file_tasks`` adds the keys (→ workstream) of a runbook file being imported: a criterion may
    name tasks further down the file.
    """

    def __init__(self, session: Session, *, file_tasks: dict[str, str] | None = None) -> None:
        self.session = session
        self.file_tasks = file_tasks or {}

    @cached_property
    def sets(self) -> set[str]:
        return set(self.session.exec(select(MappingSet.name).distinct()).all())

    @cached_property
    def systems(self) -> dict[str, set[str]]:
        rows = self.session.exec(select(System.key, System.environments)).all()
        return {key: set(split_list(envs)) for key, envs in rows}

    @cached_property
    def tasks(self) -> dict[str, str]:
        """Task key → workstream, the store's overlaid with the file's."""
        stored = dict(execute(self.session, core_select(TASK.c.key, TASK.c.workstream)).all())
        return stored | self.file_tasks

    @cached_property
    def workstreams(self) -> set[str]:
        return {name.casefold() for name in self.tasks.values() if name}

    @cached_property
    def kpis(self) -> set[str]:
        return set(definitions(self.session))

    def problem(self, criterion: Criterion, *, gate: str | None = None) -> str | None:
        """Why ``criterion`` cannot be used (an unknown name), or None."""
        if isinstance(criterion, MappingValid | Reconciled):
            return self._set(criterion.set_name)
        if isinstance(criterion, SsoPass):
            return self._system(criterion)
        if isinstance(criterion, TasksDone):
            return self._tasks(criterion, gate)
        if isinstance(criterion, KpiThreshold):
            return self._kpi(criterion.name)
        return None  # incidents-below names a severity, checked when parsed

    def _set(self, name: str) -> str | None:
        if name in self.sets:
            return None
        return f"unknown mapping set {name!r}; `migctl mapping sets` lists them"

    def _system(self, criterion: SsoPass) -> str | None:
        if criterion.system is None:
            return None
        envs = self.systems.get(criterion.system)
        if envs is None:
            return f"unknown system {criterion.system!r}; `migctl system list` shows the keys"
        if criterion.env is not None and criterion.env not in envs:
            known = ", ".join(sorted(envs)) or "none"
            return (f"system {criterion.system} has no environment {criterion.env!r} "
                    f"(its environments: {known})")
        return None

    def _tasks(self, criterion: TasksDone, gate: str | None) -> str | None:
        workstream = criterion.workstream
        if workstream is not None and workstream.casefold() not in self.workstreams:
            return f"no task has the workstream {workstream!r}; `migctl task list` shows them"
        for key in criterion.keys:
            if key == gate:
                return f"{key} cannot wait for itself"
            if key not in self.tasks:
                return f"unknown task {key!r}; `migctl task list` shows the keys"
        return None

    def _kpi(self, name: str) -> str | None:
        if builtin(name) is not None or name in self.kpis:
            return None
        return f"unknown KPI {name!r}; `migctl kpi list` shows them, `migctl kpi define` adds one"

    def problems(self, criteria: Iterable[Criterion], *, gate: str | None = None
                 ) -> list[tuple[Criterion, str]]:
        return [(c, why) for c in criteria if (why := self.problem(c, gate=gate)) is not None]
