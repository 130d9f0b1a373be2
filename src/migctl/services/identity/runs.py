"""One identity check from the command line's inputs: check the options, read (pseudonymising
as it reads), judge, and record the run.

All reading happens before the store is written: a bad cell stops the command with
file:row:column and the store unchanged; a missing pseudonym key stops it before any file is
read.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path
from typing import TYPE_CHECKING

from sqlalchemy import select

from migctl.errors import OptionError
from migctl.services.identity.check import (
    ENVIRONMENT_ALIASES,
    Result,
    check,
    load_inputs,
)
from migctl.services.identity.documents import CheckDocument
from migctl.services.identity.write import head, record_run
from migctl.services.mapping.files import given_path
from migctl.services.mapping.perf import gc_paused
from migctl.store.db import execute
from migctl.store.tables import SYSTEM

if TYPE_CHECKING:
    from sqlmodel import Session

    from migctl.services.audit import Actor
    from migctl.services.pseudonym import Pseudonymiser
    from migctl.store.db import Db


@dataclass(frozen=True)
class CheckFiles:
    """What `identity check` reads: ``directories`` environment → export, ``systems`` system
    key → user list."""

    roster: Path
    directories: dict[str, Path]
    systems: dict[str, Path] = field(default_factory=dict)
    requirements: Path | None = None
    training: Path | None = None
    courses: Path | None = None

    def by_role(self) -> dict[str, Path]:
        roles = {"roster": self.roster,
                 **{f"directory:{env}": p for env, p in self.directories.items()},
                 **{f"system:{key}": p for key, p in self.systems.items()}}
        for role, path in (("requirements", self.requirements), ("training", self.training),
                           ("courses", self.courses)):
            if path is not None:
                roles[role] = path
        return roles


def parse_pairs(pairs: Sequence[str], *, field: str, what: str,
                aliases: dict[str, str] | None = None) -> dict[str, Path]:
    """``KEY=FILE`` options as {key: path}; a malformed or repeated key is a usage error."""
    found: dict[str, Path] = {}
    for pair in pairs:
        key, sep, file = pair.partition("=")
        key = key.strip().lower()
        key = (aliases or {}).get(key, key)
        if not sep or not key or not file.strip():
            raise OptionError(f"use {{option}} {what.upper()}=FILE (got {pair!r})", field=field)
        if key in found:
            raise OptionError(f"{what} {key!r} is given twice", field=field, value=pair)
        found[key] = Path(file.strip())
    return found


def directory_files(pairs: Sequence[str]) -> dict[str, Path]:
    found = parse_pairs(pairs, field="directory", what="env", aliases=ENVIRONMENT_ALIASES)
    if not found:
        raise OptionError("give at least one directory export: {option} admin=ADMIN.csv",
                          field="directory")
    return found


def verify(db: Db, files: CheckFiles) -> None:
    """Options that do not fit together, and system keys the inventory does not know."""
    if (files.training is None) != (files.courses is None):
        given, missing = ("training", "courses") if files.courses is None else \
            ("courses", "training")
        raise OptionError(f"{{option}} is needed with the {given} file (training coverage "
                          "reads who completed what, and what each role needs)", field=missing)
    if files.systems:
        known = set(execute(db, select(SYSTEM.c.key)).scalars())
        unknown = sorted(set(files.systems) - known)
        if unknown:
            raise OptionError(f"unknown system {unknown[0]!r}; `migctl system list` shows "
                              "them", field="system", value=unknown[0])


def given_paths(files: CheckFiles) -> dict[str, str]:
    """Each file's base name (what a finding names) → the path as given, so that a GitHub
    annotation lands on the file in the pull request."""
    return {path.name: given_path(path) for path in files.by_role().values()}


def judge(files: CheckFiles, pseudonym: Pseudonymiser, *, on: date) -> Result:
    """Read every file (the first bad cell stops with file:row:column) and check them.

    The collector is paused meanwhile: the hundreds of thousands of rows read are all kept,
    so its passes would find nothing to free (at 50,000 × 2 × 60,000 rows they cost 0.5 s)."""
    with gc_paused():
        inputs = load_inputs(roster=files.roster, directories=files.directories,
                             systems=files.systems, requirements=files.requirements,
                             training=files.training, courses=files.courses,
                             pseudonym=pseudonym)
        return check(inputs, on=on)


def finding_documents(result: Result) -> list[dict[str, object]]:
    """Every finding as the stored JSON holds it (pseudonyms only), errors first."""
    return [{"code": f.code, "severity": f.severity.value, "message": f.message,
             "file": f.file, "row": f.row, "subject": f.subject, **f.data}
            for f in result.report.sorted_findings()]


def record(session: Session, actor: Actor, files: CheckFiles, result: Result,
           pseudonym: Pseudonymiser, *, started: datetime, now: datetime) -> CheckDocument:
    """Store the run; its document's head with the new ``run_id``."""
    document = head(result, pseudonym=pseudonym, files=files.by_role())
    record_run(session, actor, result, document, findings=finding_documents(result),
               started=started, now=now)
    return document
