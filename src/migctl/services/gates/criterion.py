"""What a gate-criterion kind is: the protocol every kind implements, and what it is given.

A kind (``kpi``, ``sso-pass``…) parses the text after ``KIND:`` into a small frozen criterion
(with canonical text, :attr:`Criterion.spec`), says whether the names it uses exist
(:meth:`CriterionKind.problem`) and evaluates it from the store into an :class:`Outcome` with
its own typed evidence. The kinds live in :mod:`migctl.services.gates.kinds`, one module per
domain, and are listed once in :data:`migctl.services.gates.spec.KINDS`.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import datetime, tzinfo
from typing import TYPE_CHECKING, Generic, Protocol, TypeVar

if TYPE_CHECKING:
    from migctl.services.runbook.read import Runbook, RunLike
    from migctl.store.db import Db

#: How many failing items a message names before "…".
NAMED = 3
_NAME = re.compile(r"[a-z0-9][a-z0-9_.\-]{0,63}")


class Criterion(Protocol):
    """A parsed criterion: frozen, compared by value, printed back as canonical text."""

    @property
    def spec(self) -> str: ...


C = TypeVar("C", bound=Criterion)
C_contra = TypeVar("C_contra", bound=Criterion, contravariant=True)
E_co = TypeVar("E_co", bound=Mapping[str, object], covariant=True)


@dataclass(frozen=True)
class Outcome(Generic[E_co]):
    """One criterion's verdict, its one-line reason and the kind's evidence."""

    passed: bool
    message: str
    evidence: E_co


class Context(Protocol):
    """What evaluation reads (:class:`migctl.services.gates.evaluate.Evaluator` is one)."""

    @property
    def session(self) -> Db: ...
    @property
    def now(self) -> datetime: ...
    @property
    def tz(self) -> tzinfo: ...
    @property
    def run(self) -> RunLike | None: ...
    @property
    def max_age_minutes(self) -> int: ...
    @property
    def runbook(self) -> Runbook | None: ...
    def local(self, moment: datetime | None) -> str: ...


class Names(Protocol):
    """The names criteria may use (:class:`migctl.services.gates.references.Vocabulary`)."""

    @property
    def sets(self) -> set[str]: ...
    @property
    def systems(self) -> dict[str, set[str]]: ...
    @property
    def tasks(self) -> dict[str, str]: ...
    @property
    def workstreams(self) -> set[str]: ...
    @property
    def kpis(self) -> set[str]: ...


class CriterionKind(Protocol[C]):
    """One kind of criterion: ``name:…`` text in, a verdict with evidence out."""

    #: The text before the first ``:`` (``kpi``), casefolded.
    name: str
    #: How it is written, for the "use one of …" message (``kpi:NAME>=VALUE (or <=)``).
    usage: str

    def parse(self, rest: str, raw: str) -> C:
        """The criterion ``rest`` (after ``name:``, stripped) says; ValueError names ``raw``."""
        ...

    def problem(self, criterion: C, names: Names, gate: str | None) -> str | None:
        """Why ``criterion`` cannot be used (an unknown name), or None."""
        ...

    def evaluate(self, criterion: C, context: Context, gate: str | None
                 ) -> Outcome[Mapping[str, object]]:
        """Pass or fail as of ``context.now``, with the evidence behind it."""
        ...


def checked_name(text: str, what: str) -> str:
    """A set, system or environment name as criteria store it (lower case, no ``@version``)."""
    name = text.strip().lower()
    if "@" in name:
        raise ValueError(f"{what} {text.strip()!r}: a criterion reads the set's current "
                         "version; leave out the @version")
    if not _NAME.fullmatch(name):
        raise ValueError(f"{what} {text.strip()!r} is not a valid name")
    return name


def named(items: list[str], separator: str = "; ") -> str:
    """The first :data:`NAMED` items, then "…" if there are more."""
    return separator.join(items[:NAMED]) + (" …" if len(items) > NAMED else "")
