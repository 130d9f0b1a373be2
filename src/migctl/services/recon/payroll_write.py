"""Audited changes of payroll reconciliations: the definition with its wage-type mapping
(each changed mapping file a new version), reviewers' decisions per employee × income type
(× period) and per pattern, and revealing one pseudonym (the only way back to a person, for
the one who holds both the key and the legacy file; audited without the id itself)."""

from __future__ import annotations

from datetime import datetime
from decimal import Decimal
from pathlib import Path
from typing import TypedDict

from sqlalchemy import select as core_select
from sqlmodel import Session

from migctl.errors import Conflict, InputError, NotFound, OptionError
from migctl.importers import read_table
from migctl.importers.fast import cell_tuples
from migctl.services.audit import Actor, record
from migctl.services.mapping.files import file_sha256
from migctl.services.pseudonym import Pseudonymiser
from migctl.services.recon.documents import DecisionDocument, DefinitionDocument
from migctl.services.recon.payroll_fields import ACCEPTED, PATTERN_KEY, PAYROLL_TABLE
from migctl.services.recon.payroll_wagemap import WageFinding, WageMap, read_wage_map
from migctl.services.recon.read import join_key, recon_id
from migctl.services.recon.write import (
    DefinitionSpec,
    check_decider,
    check_spec,
    newest_findings,
    save_decision,
    save_definition,
)
from migctl.store.db import execute
from migctl.store.models.recon import PayrollWageMap
from migctl.store.tables import PAYROLL_WAGE_MAP, RECONCILIATION
from migctl.values import iso_utc


class WageMapVersion(TypedDict):
    version: int
    file: str
    sha256: str
    entries: int
    findings: list[WageFinding]
    changed: bool  # a new version was stored


def latest_wage_map(db: object, recon: int) -> tuple[int, WageMap] | None:
    """The newest stored version of a payroll recon's wage-type mapping."""
    row = execute(db, core_select(PAYROLL_WAGE_MAP).where(  # type: ignore[arg-type]
        PAYROLL_WAGE_MAP.c.recon_id == recon).order_by(PAYROLL_WAGE_MAP.c.version.desc())
        .limit(1)).first()
    if row is None:
        return None
    return int(row.version), WageMap.from_entries(row.file, list(row.entries or []),
                                                  list(row.findings or []))


def save_payroll(session: Session, actor: Actor, spec: DefinitionSpec, *, now: datetime
                 ) -> tuple[DefinitionDocument, str, WageMapVersion]:
    """Save a payroll definition and import its wage-type mapping (a new version when the
    file's content changed). The files are read before anything is written."""
    check_spec(spec)
    path = Path(spec.wage_types)
    if not path.is_file():
        raise InputError("no such file", file=str(path))
    wage_map = read_wage_map(path)
    if spec.key_map:
        from migctl.services.recon.payroll import read_key_map

        read_key_map(Path(spec.key_map))  # refuse a bad key map now, not at the first run
    digest = file_sha256(path)
    document, action = save_definition(session, actor, spec, now=now)
    recon = recon_id(session, spec.name)
    latest = execute(session, core_select(PAYROLL_WAGE_MAP.c.version, PAYROLL_WAGE_MAP.c.sha256)
                     .where(PAYROLL_WAGE_MAP.c.recon_id == recon)
                     .order_by(PAYROLL_WAGE_MAP.c.version.desc()).limit(1)).first()
    changed = latest is None or latest.sha256 != digest
    version = int(latest.version) if latest is not None else 0
    if changed:
        version += 1
        session.add(PayrollWageMap(recon_id=recon, version=version, file=str(path),
                                   sha256=digest, entries=wage_map.entries,
                                   findings=list(wage_map.findings), imported_at=now,
                                   actor=actor.name))
        session.flush()
        record(session, actor, entity_type="reconciliation", entity_key=spec.name,
               action="wage-types",
               summary=f"wage-type mapping version {version}: {len(wage_map.entries)} rows, "
                       f"{len(wage_map.findings)} finding(s)", at=now)
        if action == "unchanged":
            action = "changed"
    return document, action, {"version": version, "file": str(path), "sha256": digest,
                              "entries": len(wage_map.entries),
                              "findings": wage_map.findings, "changed": changed}


def accept_payroll(session: Session, actor: Actor, *, name: str, reason: str, by: str,
                   now: datetime, key: list[str] | None = None, pattern: str | None = None
                   ) -> DecisionDocument:
    """Accept a pattern of the newest run (``pattern``), or one employee's difference under
    an income type: ``key`` = [pseudonym, income type] (any period, while the difference
    stays the same) or [pseudonym, income type, period]. The decision stores the run's keyed
    fingerprint and no amount; the document returned shows the difference accepted (output
    only, never stored)."""
    check_decider(reason, by)
    if (key is None) == (pattern is None):
        raise OptionError("name either a pattern ({option}) or a key (--key)", field="pattern")
    recon, run_id, findings = newest_findings(session, name)
    if pattern is not None:
        wanted = [PATTERN_KEY + pattern.strip()]
        found = [f for f in findings if f[0] == wanted]
        what = f"pattern {pattern}"
    else:
        assert key is not None
        if len(key) not in (2, 3):
            raise OptionError("is PSEUDONYM,INCOME_TYPE[,PERIOD]", field="key",
                              value=",".join(key))
        wanted = key
        found = [f for f in findings if f[0][:len(key)] == key and f[1] != ACCEPTED]
        what = f"key {join_key(key)}"
    if not found:
        raise NotFound(f"the newest run of {name!r} (run {run_id}) shows no open difference "
                       f"under {what}")
    _, _, fingerprint, difference, original = found[0]
    if pattern is None and len({f[2] for f in found}) > 1:
        raise Conflict(f"{what} differs by different amounts in different periods: accept "
                       "each period (PSEUDONYM,INCOME_TYPE,PERIOD)")
    # no amount kept: the decision matches by the keyed fingerprint (payroll.seal)
    save_decision(session, actor, name=name, recon=recon, key=join_key(wanted), cause=original,
                  fingerprint=fingerprint, difference=None, reason=reason, by=by,
                  run_id=run_id, now=now)
    return {"key": wanted, "cause": original, "difference": Decimal(difference or "0"),
            "reason": reason.strip(), "by": by.strip(), "decided_at": iso_utc(now),
            "active": True}


def reveal(session: Session, actor: Actor, *, name: str, pseudonym: str, legacy: Path,
           pseudonymiser: Pseudonymiser, now: datetime) -> str:
    """The legacy employee id behind ``pseudonym``, looked up in the legacy file with the
    key. Audited (who revealed which pseudonym from which file), the id itself is not."""
    kind = execute(session, core_select(RECONCILIATION.c.kind).where(
        RECONCILIATION.c.name == name)).scalar()
    if kind is None:
        raise NotFound(f"no reconciliation named {name!r} (see `migctl recon list`)")
    if kind != "payroll":
        raise OptionError(f"reconciliation {name!r} is of kind {kind}: only payroll "
                          "reconciliations have pseudonyms", field="name", value=name)
    if not legacy.is_file():
        raise InputError("no such file", file=str(legacy))
    table = read_table(legacy, PAYROLL_TABLE)
    wanted = pseudonym.strip()
    found = next((employee for _, _, (employee,) in cell_tuples(table, ["employee_id"])
                  if employee and pseudonymiser(employee) == wanted), None)
    if found is None:
        raise NotFound(f"no employee of {table.file} has the pseudonym {wanted} under this "
                       "key")
    record(session, actor, entity_type="reconciliation", entity_key=name, action="reveal",
           summary=f"revealed pseudonym {wanted} from {table.file}", at=now)
    return found
