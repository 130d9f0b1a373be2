"""Dependency integrity shared by add, set and import: unknown keys, self-dependencies, cycles."""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from migctl.services.runbook.graph import CycleError, topological_order

ARROW = " → "


def describe_cycle(keys: Sequence[str]) -> str:
    """``A → B → C → A``: each task depends on the next."""
    return ARROW.join(keys)


def find_cycle(graph: Mapping[str, Sequence[str]]) -> list[str] | None:
    """A dependency cycle in ``graph`` (key → keys it depends on, all known), or None."""
    keys = list(graph)
    position = {key: i for i, key in enumerate(keys)}
    try:
        topological_order([[position[d] for d in graph[key]] for key in keys])
    except CycleError as exc:
        return [keys[i] for i in exc.cycle]
    return None


def cycle_message(cycle: Sequence[str]) -> str:
    return f"dependency cycle {describe_cycle(cycle)} (→ reads 'depends on'); nothing was written"
