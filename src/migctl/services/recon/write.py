"""Audited changes: definitions (added, changed as a new version, removed) and decisions."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from decimal import Decimal
from typing import Any

from sqlalchemy import delete
from sqlmodel import Session, select

from migctl.errors import Conflict, NotFound, OptionError
from migctl.services.audit import Actor, record
from migctl.services.recon.documents import DecisionDocument, DefinitionDocument
from migctl.services.recon.fields import (
    ACCEPTED,
    BALANCES,
    HARMLESS,
    ITEMS,
    KINDS,
    PAYROLL,
    SETMAP,
    parse_compare,
    parse_name,
)
from migctl.services.recon.read import (
    definition_document,
    join_key,
    latest_findings,
    recon_id,
)
from migctl.store.models import System
from migctl.store.models.recon import Reconciliation, ReconDecision, ReconRun
from migctl.values import iso_utc


@dataclass
class DefinitionSpec:
    """What ``recon add`` (or a TOML definition) says; checked by :func:`check_spec`."""

    name: str
    kind: str
    legacy: str
    target: str
    description: str = ""
    system: str | None = None
    # balances: the mapping (and cost objects) the legacy lines go through, the rounding allowed
    mapping_set: str | None = None
    cost_objects: str | None = None
    tolerance: Decimal = Decimal(0)
    # items: the key columns and the compare rules
    keys: list[str] = field(default_factory=list)
    compare: list[str] = field(default_factory=list)
    # payroll: the wage-type mapping, the employee key map, the relative tolerance (%)
    wage_types: str = ""
    key_map: str = ""
    tolerance_pct: Decimal = Decimal(0)


def check_spec(spec: DefinitionSpec) -> None:
    """Refuse an incomplete or contradictory definition, naming the parameter."""
    try:
        spec.name = parse_name(spec.name)
    except ValueError as exc:
        raise OptionError(str(exc), field="name", value=spec.name) from None
    if spec.kind not in KINDS:
        raise OptionError(f"must be one of {', '.join(KINDS)}", field="kind", value=spec.kind)
    if spec.tolerance < 0:
        raise OptionError("must be 0 or more", field="tolerance", value=str(spec.tolerance))
    if spec.kind == BALANCES:
        if not spec.mapping_set:
            raise OptionError("a balances reconciliation needs the account mapping set "
                              "({option})", field="set")
        if spec.keys or spec.compare:
            raise OptionError("belong to items reconciliations; balances compare by target "
                              "account, dimensions and period", field="key")
    if spec.kind == PAYROLL:
        _check_payroll(spec)
    elif spec.wage_types or spec.key_map or spec.tolerance_pct:
        raise OptionError("belong to payroll reconciliations", field="wage_types")
    if spec.kind == ITEMS:
        if not spec.keys:
            raise OptionError("an items reconciliation needs its key column(s) ({option})",
                              field="key")
        if not spec.compare:
            raise OptionError("an items reconciliation needs a compared column ({option})",
                              field="compare")
        for text in spec.compare:
            try:
                parse_compare(text)
            except ValueError as exc:
                raise OptionError(str(exc), field="compare", value=text) from None


def _check_sets(session: Session, spec: DefinitionSpec) -> None:
    """A ``col=set:NAME`` rule names a mapping set that exists (refused now, not at a run)."""
    from migctl.services.mapping.sets import resolve_set

    for text in spec.compare:
        rule = parse_compare(text)
        if rule.kind == SETMAP and rule.keymap is not None:
            resolve_set(session, rule.keymap)


def _check_payroll(spec: DefinitionSpec) -> None:
    if not spec.wage_types:
        raise OptionError("a payroll reconciliation needs the wage-type mapping ({option})",
                          field="wage_types")
    if spec.mapping_set or spec.cost_objects or spec.keys or spec.compare:
        raise OptionError("belong to balances and items reconciliations; payroll compares "
                          "by employee, income type and period", field="key")
    if spec.tolerance_pct < 0:
        raise OptionError("must be 0 or more", field="tolerance_pct",
                          value=str(spec.tolerance_pct))


def _system_id(session: Session, key: str | None) -> int | None:
    if key is None:
        return None
    system = session.exec(select(System).where(System.key == key)).first()
    if system is None:
        raise NotFound(f"no system {key!r} (see `migctl system list`)")
    return system.id


def _values(spec: DefinitionSpec, system_id: int | None) -> dict[str, object]:
    return {"kind": spec.kind, "legacy_file": spec.legacy, "target_file": spec.target,
            "system_id": system_id, "mapping_set": spec.mapping_set,
            "cost_objects": spec.cost_objects,
            "tolerance": spec.tolerance.quantize(Decimal("0.01")),
            "keys": ",".join(spec.keys), "compare": "\n".join(spec.compare),
            "description": spec.description, "wage_types_file": spec.wage_types,
            "key_map_file": spec.key_map,
            "tolerance_pct": spec.tolerance_pct.quantize(Decimal("0.0001"))}


def save_definition(session: Session, actor: Actor, spec: DefinitionSpec, *, now: datetime
                    ) -> tuple[DefinitionDocument, str]:
    """Add a definition, or change it as a new version; (document, "added" | "changed" |
    "unchanged"). Saving the same definition again changes nothing."""
    check_spec(spec)
    _check_sets(session, spec)
    system_id = _system_id(session, spec.system)
    values = _values(spec, system_id)
    existing = session.exec(select(Reconciliation).where(Reconciliation.name == spec.name)
                            ).first()
    if existing is None:
        row = Reconciliation(name=spec.name, kind=spec.kind, created_at=now, updated_at=now)
        for name, value in values.items():
            setattr(row, name, value)
        session.add(row)
        action = "added"
    else:
        row = existing
        if existing.kind != spec.kind:
            raise Conflict(f"reconciliation {spec.name!r} is of kind {existing.kind}; remove it "
                           "first to make it another kind")
        before = {k: getattr(existing, k) for k in values}
        if before == values:
            return definition_document(existing.model_dump(), spec.system), "unchanged"
        for name, value in values.items():
            setattr(existing, name, value)
        existing.version += 1
        existing.updated_at = now
        action = "changed"
    session.flush()
    document = definition_document(row.model_dump(), spec.system)
    record(session, actor, entity_type="reconciliation", entity_key=spec.name, action=action,
           summary=f"{spec.kind} reconciliation {spec.name} version {row.version}",
           after=dict(document), at=now)
    return document, action


def remove_definition(session: Session, actor: Actor, *, name: str, now: datetime) -> None:
    """Remove a definition with its runs and decisions."""
    row = session.exec(select(Reconciliation).where(Reconciliation.name == name)).first()
    if row is None:
        raise NotFound(f"no reconciliation named {name!r} (see `migctl recon list`)")
    before = definition_document(row.model_dump(), None)
    session.execute(delete(ReconDecision).where(ReconDecision.recon_id == row.id))  # type: ignore[arg-type]
    session.execute(delete(ReconRun).where(ReconRun.recon_id == row.id))  # type: ignore[arg-type]
    session.delete(row)
    record(session, actor, entity_type="reconciliation", entity_key=name, action="remove",
           summary=f"removed reconciliation {name} with its runs and decisions",
           before=dict(before), at=now)


def check_decider(reason: str, by: str) -> None:
    """A decision must say why and who reviewed it."""
    if not reason.strip():
        raise OptionError("must say why the difference is acceptable", field="reason")
    if not by.strip():
        raise OptionError("must name the reviewer", field="by")


def newest_findings(session: Session, name: str) -> tuple[int, int, list[list[Any]]]:
    """(recon id, run id, stored findings) of the newest run of ``name``, which must have run."""
    recon = recon_id(session, name)
    latest = latest_findings(session, recon)
    if latest is None:
        raise NotFound(f"reconciliation {name!r} has not run yet: run it first")
    run_id, findings = latest
    return recon, run_id, findings


def save_decision(session: Session, actor: Actor, *, name: str, recon: int, key: str,
                  cause: str, fingerprint: str, difference: str | None, reason: str, by: str,
                  run_id: int, now: datetime) -> None:
    """Store (or replace) the decision under ``key`` and audit it; ``difference`` as stored
    in the findings (a blank one is zero). ``None``: the amount is not kept (payroll: an
    accepted difference is no longer open, so neither the decision nor its audit event holds
    the employee's euros; the fingerprint is keyed)."""
    existing = session.exec(select(ReconDecision).where(
        ReconDecision.recon_id == recon, ReconDecision.key == key)).first()
    if existing is not None:
        session.delete(existing)
        session.flush()
    session.add(ReconDecision(recon_id=recon, key=key, cause=cause, fingerprint=fingerprint,
                              difference=Decimal(difference or "0"), reason=reason.strip(),
                              decided_by=by.strip(), decided_at=now, run_id=run_id))
    amount = "" if difference is None else f" ({difference})"
    after = {"key": key, "cause": cause, "by": by, "reason": reason}
    if difference is not None:
        after["difference"] = difference
    record(session, actor, entity_type="reconciliation", entity_key=name, action="accept",
           summary=f"accepted {cause} under {key}{amount} by {by}: {reason}", after=after,
           at=now)


def accept(session: Session, actor: Actor, *, name: str, key: list[str], reason: str, by: str,
           now: datetime) -> DecisionDocument:
    """Accept the difference the newest run shows under ``key`` (as it is: a changed
    difference in a later run reopens it)."""
    check_decider(reason, by)
    recon, run_id, findings = newest_findings(session, name)
    wanted = join_key(key)
    found = next((f for f in findings if join_key(f[0]) == wanted), None)
    if found is None:
        raise NotFound(f"the newest run of {name!r} (run {run_id}) shows no difference under "
                       f"key {wanted!r}")
    _, cause, fingerprint, difference, original = found
    if cause in HARMLESS and cause != ACCEPTED:
        raise Conflict(f"the difference under {wanted!r} is {cause}: it does not fail the run")
    save_decision(session, actor, name=name, recon=recon, key=wanted, cause=original,
                  fingerprint=fingerprint, difference=difference, reason=reason, by=by,
                  run_id=run_id, now=now)
    return {"key": list(key), "cause": original, "difference": Decimal(difference),
            "reason": reason.strip(), "by": by.strip(), "decided_at": iso_utc(now),
            "active": True}
