"""Dependency graphs as index lists: topological order (Kahn) and naming a cycle.

Task ``i`` depends on every index in ``depends_on[i]``. Everything here is linear in tasks +
dependencies, so a 10,000-task runbook is checked in milliseconds.
"""

from __future__ import annotations

from collections import deque
from collections.abc import Sequence


class CycleError(ValueError):
    """The dependencies loop; ``cycle`` lists indexes, first == last, each depending on the next."""

    def __init__(self, cycle: list[int]) -> None:
        super().__init__("dependency cycle")
        self.cycle = cycle


def successors(depends_on: Sequence[Sequence[int]]) -> list[list[int]]:
    """For every task, the tasks that depend on it (in input order)."""
    result: list[list[int]] = [[] for _ in depends_on]
    for index, deps in enumerate(depends_on):
        for dep in deps:
            result[dep].append(index)
    return result


def topological_order(
    depends_on: Sequence[Sequence[int]], succ: Sequence[Sequence[int]] | None = None
) -> list[int]:
    """Every index after all it depends on; ties keep input order. Raises :class:`CycleError`."""
    succ = successors(depends_on) if succ is None else succ
    remaining = [len(deps) for deps in depends_on]
    ready = deque(i for i, count in enumerate(remaining) if count == 0)
    order: list[int] = []
    append = order.append
    while ready:
        index = ready.popleft()
        append(index)
        for nxt in succ[index]:
            remaining[nxt] -= 1
            if remaining[nxt] == 0:
                ready.append(nxt)
    if len(order) != len(depends_on):
        raise CycleError(find_cycle(depends_on, {i for i, c in enumerate(remaining) if c > 0}))
    return order


def find_cycle(depends_on: Sequence[Sequence[int]], stuck: set[int]) -> list[int]:
    """One cycle among ``stuck`` (tasks Kahn could not order: each still waits on another).

    Walks "depends on" edges inside ``stuck`` from its first task until a task repeats.
    """
    current = min(stuck)
    seen: dict[int, int] = {}
    path: list[int] = []
    while current not in seen:
        seen[current] = len(path)
        path.append(current)
        current = next(d for d in depends_on[current] if d in stuck)
    return [*path[seen[current]:], current]


def downstream(start: int, succ: Sequence[Sequence[int]]) -> list[int]:
    """Every task that (transitively) depends on ``start``, excluding it, in discovery order."""
    seen = {start}
    found: list[int] = []
    queue = deque([start])
    while queue:
        for nxt in succ[queue.popleft()]:
            if nxt not in seen:
                seen.add(nxt)
                found.append(nxt)
                queue.append(nxt)
    return found
