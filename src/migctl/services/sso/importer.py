"""`migctl sso import FILE.toml`: the documented TOML layout, all or nothing.

``[defaults]`` holds values for checks that do not set them (``timeout`` for every kind;
``max_hops`` and ``expect_idp_host`` for login-redirect checks); each ``[[check]]`` table is one
check. Errors name the file, the line and the field, and which check (1-based) it is.
Checks are matched by system, environment, kind and URL: re-importing the same file changes
nothing, an edited file updates expectations in place, and ``prune`` removes the checks the
file no longer lists.
"""

from __future__ import annotations

import re
import tomllib
from dataclasses import asdict, dataclass, field
from pathlib import Path

from sqlmodel import Session, select

from migctl.errors import InputError, NotFound
from migctl.services.audit import Actor, describe_changes, record, record_import
from migctl.services.sso.config import (
    FIELD_NAMES,
    KIND_FIELDS,
    CheckFields,
    FieldError,
    delete_checks,
    entity_key,
    fields_of,
    new_check,
    resolve_system,
    select_checks,
    update_from,
    validate,
)
from migctl.services.sso.documents import CheckImportDocument
from migctl.store.models import System

DEFAULTABLE = ("timeout", "max_hops", "expect_idp_host")
_TOML_POSITION = re.compile(r"\s*\(at line (\d+), column (\d+)\)\s*$")
_HEADER = re.compile(r"\s*\[")


@dataclass
class ImportSummary:
    file: str
    checks: int = 0
    created: list[int] = field(default_factory=list)
    updated: list[int] = field(default_factory=list)
    unchanged: list[int] = field(default_factory=list)
    removed: list[int] = field(default_factory=list)

    def document(self) -> CheckImportDocument:
        return {"file": self.file, "checks": self.checks, "created": self.created,
                "updated": self.updated, "unchanged": self.unchanged, "removed": self.removed}


class _Positions:
    """Line numbers of ``[[check]]`` tables and their fields (tomllib keeps none)."""

    def __init__(self, text: str) -> None:
        self.lines = text.splitlines()
        self.checks = [n for n, line in enumerate(self.lines, 1)
                       if re.match(r"\s*\[\[\s*check\s*\]\]", line)]
        self.defaults = next((n for n, line in enumerate(self.lines, 1)
                              if re.match(r"\s*\[\s*defaults\s*\]", line)), None)

    def check(self, index: int) -> int | None:
        return self.checks[index] if index < len(self.checks) else None

    def key(self, start: int | None, name: str) -> int | None:
        """The line of ``name = …`` in the table starting at line ``start``."""
        if start is None:
            return None
        pattern = re.compile(rf"\s*[\"']?{re.escape(name)}[\"']?\s*=")
        for number in range(start + 1, len(self.lines) + 1):
            line = self.lines[number - 1]
            if _HEADER.match(line):
                break
            if pattern.match(line):
                return number
        return start

    def top_level(self, name: str) -> int | None:
        pattern = re.compile(rf"\s*(\[+\s*)?[\"']?{re.escape(name)}[\"']?\s*(\]|=|\.)")
        return next((n for n, line in enumerate(self.lines, 1) if pattern.match(line)), None)


def _load(path: Path) -> tuple[dict[str, object], _Positions]:
    name = path.name
    if not path.is_file():
        raise InputError("no such file", file=str(path))
    try:
        text = path.read_bytes().decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise InputError(f"not UTF-8 text (byte {exc.start})", file=name) from None
    try:
        document = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        message = str(exc)
        position = _TOML_POSITION.search(message)
        raise InputError(f"not valid TOML: {_TOML_POSITION.sub('', message)}", file=name,
                         row=int(position.group(1)) if position else None,
                         column=position.group(2) if position else None) from None
    return document, _Positions(text)


def _parse(path: Path) -> list[tuple[int | None, CheckFields]]:
    """(line of its [[check]], validated fields) for every check in the file."""
    name = path.name
    document, positions = _load(path)
    for key in document:
        if key not in ("defaults", "check"):
            raise InputError(f"unknown key {key!r}; the file holds [defaults] and [[check]] "
                             "tables", file=name, row=positions.top_level(key), column=key)
    defaults = document.get("defaults", {})
    if not isinstance(defaults, dict):
        raise InputError("defaults must be a table ([defaults])", file=name,
                         row=positions.top_level("defaults"), column="defaults")
    for key in defaults:
        if key not in DEFAULTABLE:
            raise InputError(f"{key!r} cannot have a default; [defaults] takes "
                             f"{', '.join(DEFAULTABLE)}", file=name,
                             row=positions.key(positions.defaults, key), column=key)
    tables = document.get("check", [])
    if not isinstance(tables, list) or not all(isinstance(t, dict) for t in tables):
        raise InputError("checks must be an array of tables ([[check]])", file=name,
                         row=positions.top_level("check"), column="check")
    if not tables:
        raise InputError("no [[check]] tables in the file", file=name)
    parsed = []
    for index, table in enumerate(tables):
        start = positions.check(index)
        for key in table:
            if key not in FIELD_NAMES:
                raise InputError(f"check {index + 1}: unknown field; a check has "
                                 f"{', '.join(FIELD_NAMES)}", file=name,
                                 row=positions.key(start, key), column=key)
        kind = str(table.get("kind", "")).strip().lower()
        required, optional = KIND_FIELDS.get(kind, ((), ()))
        inherited = {k: v for k, v in defaults.items()
                     if k not in table and (k == "timeout" or k in required + optional)}
        try:
            parsed.append((start, validate({**inherited, **table})))
        except FieldError as exc:
            table_start = positions.defaults if exc.field in inherited else start
            raise InputError(f"check {index + 1}: {exc}", file=name,
                             row=positions.key(table_start, exc.field),
                             column=exc.field) from None
    return parsed


def import_checks(session: Session, actor: Actor, *, path: Path,
                  prune: bool = False) -> ImportSummary:
    """Create or update every check in the file; with ``prune`` remove those it lacks."""
    name = path.name
    parsed = _parse(path)
    systems = {s.key: s for s in session.exec(select(System))}
    seen: dict[tuple[str, str, str, str], int] = {}
    for index, (line, data) in enumerate(parsed, 1):
        try:
            resolve_system(session, data, systems)
        except NotFound as exc:
            raise InputError(f"check {index}: {exc}", file=name, row=line,
                             column="system") from None
        except FieldError as exc:
            raise InputError(f"check {index}: {exc}", file=name, row=line,
                             column=exc.field) from None
        if data.identity in seen:
            raise InputError(f"check {index} repeats check {seen[data.identity]} (same system, "
                             "env, kind and url)", file=name, row=line, column="url")
        seen[data.identity] = index

    existing = {fields_of(check, key).identity: (check, key)
                for check, key in select_checks(session)}
    summary = ImportSummary(file=name, checks=len(parsed))
    for _line, data in parsed:
        if data.identity not in existing:
            system_id = systems[data.system].id
            assert system_id is not None
            check = new_check(system_id, data)
            session.add(check)
            session.flush()
            assert check.id is not None
            summary.created.append(check.id)
            record(session, actor, entity_type="sso_check", entity_key=entity_key(data),
                   action="create",
                   summary=f"imported SSO check {check.id} from {name}: {data.label} {data.url}",
                   after=asdict(data))
            continue
        check = existing[data.identity][0]
        assert check.id is not None
        diff = update_from(check, data)
        if not diff:
            summary.unchanged.append(check.id)
            continue
        session.add(check)
        summary.updated.append(check.id)
        record(session, actor, entity_type="sso_check", entity_key=entity_key(data),
               action="update",
               summary=f"imported from {name}: check {check.id}: {describe_changes(diff)}",
               before={k: old for k, (old, _new) in diff.items()},
               after={k: new for k, (_old, new) in diff.items()})
    if prune:
        stale = [pair for identity, pair in existing.items() if identity not in seen]
        summary.removed = [check.id for check, _key in stale if check.id is not None]
        if stale:
            delete_checks(session, actor, stale, why=f" (not in {name})")
    record_import(session, actor, file=name,
                  summary=f"SSO checks: {len(summary.created)} created, {len(summary.updated)} "
                  f"updated, {len(summary.unchanged)} unchanged, {len(summary.removed)} removed")
    return summary
