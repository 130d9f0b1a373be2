"""The mapping section of `migctl status`: each set's current version and its latest checks.

Account sets and cost-objects sets are listed alike. Signals: errors in the latest validation
of a set's current version → red on the set's system; a current version never validated (or
only older versions validated) → amber; the latest translation with the current version not
reconciled → amber. A cost-objects set's translations are the account-set translations that
applied it (``--cost-objects``).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from decimal import Decimal
from typing import TYPE_CHECKING, Any, TypedDict

from sqlalchemy import Row, select

from migctl.services.mapping.fields import COST_OBJECTS
from migctl.services.status.context import signal
from migctl.store.db import columns_except, execute
from migctl.store.tables import MAPPING_SET, TRANSLATION_RUN, VALIDATION_RUN
from migctl.values import counted, format_local

if TYPE_CHECKING:
    from migctl.services.status.context import StatusContext
    from migctl.services.status.documents import Signal

#: A ``mapping_set`` / ``validation_run`` / ``translation_run`` row (columns as attributes).
Record = Row[Any]


class LatestValidation(TypedDict):
    version: int
    current: bool  # of the set's current version
    ran_at: datetime
    ran_at_local: str
    errors: int
    warnings: int
    coverage: Decimal | None
    coverage_amount: Decimal | None
    balances_file: str | None


class LatestTranslation(TypedDict):
    version: int
    current: bool
    ran_at: datetime
    ran_at_local: str
    input_file: str
    lines: int
    reconciled: bool
    untranslated_lines: int
    untranslated_amount: Decimal
    coverage_lines_pct: Decimal
    coverage_amount_pct: Decimal
    set: str | None
    cost_objects: str | None


class MappingSetRow(TypedDict):
    set: str
    version: int
    kind: str
    source_dimension: str | None
    system: str | None
    rules: int
    imported_at: datetime
    # the current version's figures, flat, for KPIs and reports (None: not validated)
    coverage_pct: Decimal | None
    coverage_eur_pct: Decimal | None
    errors: int | None
    warnings: int | None
    validated_at: datetime | None
    validation: LatestValidation | None
    translation: LatestTranslation | None


class MappingSection(TypedDict):
    sets: list[MappingSetRow]
    signals: list[Signal]

# the runs' findings and reports can be large and are not shown here: not read
VALIDATION_COLUMNS = columns_except(VALIDATION_RUN, "findings")
TRANSLATION_COLUMNS = columns_except(TRANSLATION_RUN, "report")


def _label(mapping_set: Record | None) -> str | None:
    return None if mapping_set is None else f"{mapping_set.name}@{mapping_set.version}"


def _validation(run: Record, current: int, context: StatusContext) -> LatestValidation:
    return {
        "version": run.set_version, "current": run.set_version == current,
        "ran_at": run.ran_at, "ran_at_local": format_local(run.ran_at, context.tz),
        "errors": run.errors, "warnings": run.warnings, "coverage": run.coverage,
        "coverage_amount": run.coverage_amount, "balances_file": run.balances_file,
    }


def _translation(run: Record, version: int, current: int, context: StatusContext,
                 ids: dict[int | None, Record]) -> LatestTranslation:
    return {
        "version": version, "current": version == current,
        "ran_at": run.ran_at, "ran_at_local": format_local(run.ran_at, context.tz),
        "input_file": run.input_file, "lines": run.lines, "reconciled": run.reconciled,
        "untranslated_lines": run.untranslated_lines,
        "untranslated_amount": run.untranslated_amount,
        "coverage_lines_pct": run.coverage_lines_pct,
        "coverage_amount_pct": run.coverage_amount_pct,
        "set": _label(ids.get(run.set_id)),
        "cost_objects": _label(ids.get(run.cost_object_set_id)),
    }


@dataclass(frozen=True)
class _Runs:
    """The mapping sets and the runs that used them, read once."""

    names: dict[str, list[Record]]  # set name → its versions, oldest first
    ids: dict[int | None, Record]  # set id → set
    validations: dict[str, list[Record]]  # set name → validations, oldest first
    # set name → [(the version of that set the run used, run)], oldest first
    translations: dict[str, list[tuple[int, Record]]]


def _read(context: StatusContext) -> _Runs:
    db = context.session
    sets = execute(db, select(MAPPING_SET).order_by(MAPPING_SET.c.name,
                                                    MAPPING_SET.c.version)).all()
    names: dict[str, list[Record]] = {}
    for mapping_set in sets:
        names.setdefault(mapping_set.name, []).append(mapping_set)
    ids: dict[int | None, Record] = {s.id: s for s in sets}
    validations: dict[str, list[Record]] = {}
    for run in execute(db, select(*VALIDATION_COLUMNS)
                       .where(VALIDATION_RUN.c.ran_at <= context.now)
                       .order_by(VALIDATION_RUN.c.ran_at, VALIDATION_RUN.c.id)):
        validations.setdefault(ids[run.set_id].name, []).append(run)
    translations: dict[str, list[tuple[int, Record]]] = {}
    for tr in execute(db, select(*TRANSLATION_COLUMNS)
                      .where(TRANSLATION_RUN.c.ran_at <= context.now)
                      .order_by(TRANSLATION_RUN.c.ran_at, TRANSLATION_RUN.c.id)):
        for applied in (ids[tr.set_id], ids.get(tr.cost_object_set_id)):
            if applied is not None:
                translations.setdefault(applied.name, []).append((applied.version, tr))
    return _Runs(names, ids, validations, translations)


def _set_row(current: Record, runs: list[Record], used: list[tuple[int, Record]],
             context: StatusContext, ids: dict[int | None, Record]) -> MappingSetRow:
    of_current = [r for r in runs if r.set_version == current.version]
    latest = of_current[-1] if of_current else (runs[-1] if runs else None)
    translated = [t for version, t in used if version == current.version]
    # the current version's latest translation, else the latest of any version
    last_used = (current.version, translated[-1]) if translated else \
        (used[-1] if used else None)
    valid = of_current[-1] if of_current else None  # the current version's latest
    translated_now = translated[-1] if translated else None
    eur = (valid.coverage_amount if valid is not None and valid.coverage_amount is not None
           else translated_now.coverage_amount_pct
           if translated_now is not None and current.kind != COST_OBJECTS else None)
    return {
        "set": current.name, "version": current.version, "kind": current.kind,
        "source_dimension": current.source_dimension,
        "system": current.system, "rules": current.rule_count,
        "imported_at": current.imported_at,
        "coverage_pct": None if valid is None else valid.coverage,
        "coverage_eur_pct": eur,
        "errors": None if valid is None else valid.errors,
        "warnings": None if valid is None else valid.warnings,
        "validated_at": None if valid is None else valid.ran_at,
        "validation": None if latest is None else _validation(latest, current.version,
                                                              context),
        "translation": None if last_used is None else _translation(
            last_used[1], last_used[0], current.version, context, ids),
    }


def _set_signals(current: Record, runs: list[Record], used: list[tuple[int, Record]],
                 ids: dict[int | None, Record]) -> list[Signal]:
    label = f"{current.name}@{current.version}"
    of_current = [r for r in runs if r.set_version == current.version]
    translated = [t for version, t in used if version == current.version]
    signals: list[Signal] = []
    if not of_current:
        validated = runs[-1].set_version if runs else None
        reason = (f"{label} has not been validated (latest validation: version "
                  f"{validated})" if runs else f"{label} has never been validated")
        signals.append(signal("amber", reason, code="mapping-not-validated",
                              system=current.system, set=label, validated_version=validated))
    elif of_current[-1].errors:
        errors = of_current[-1].errors
        signals.append(signal("red", f"{counted(errors, 'validation error')} in {label}",
                              code="mapping-errors", system=current.system, set=label,
                              errors=errors))
    translated_now = translated[-1] if translated else None
    if translated_now is not None and not translated_now.reconciled:
        co_set = _label(ids.get(translated_now.cost_object_set_id))
        used_sets = f"{_label(ids[translated_now.set_id])}" + \
            (f" and {co_set}" if co_set else "")
        signals.append(signal(
            "amber", f"translation of {translated_now.input_file} with {used_sets} does not "
            f"reconcile ({translated_now.untranslated_lines} lines untranslated)",
            code="translation-unreconciled", system=current.system,
            file=translated_now.input_file, sets=used_sets,
            untranslated=translated_now.untranslated_lines))
    return signals


def build_section(context: StatusContext) -> MappingSection:
    read = _read(context)
    rows: list[MappingSetRow] = []
    signals: list[Signal] = []
    for name, versions in read.names.items():
        current = versions[-1]
        runs = read.validations.get(name, [])
        used = read.translations.get(name, [])
        rows.append(_set_row(current, runs, used, context, read.ids))
        signals.extend(_set_signals(current, runs, used, read.ids))
    return {"sets": rows, "signals": signals}
