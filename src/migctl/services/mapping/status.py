"""The mapping section of `migctl status`: each set's current version and its latest checks.

Signals: errors in the latest validation of a set's current version → red on the set's system;
a current version never validated (or only older versions validated) → amber; the latest
translation with the current version not reconciled → amber.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from sqlalchemy.orm import defer
from sqlmodel import col, select

from migctl.services.status import signal
from migctl.store.models.mapping import MappingSet, TranslationRun, ValidationRun
from migctl.values import format_local

if TYPE_CHECKING:
    from migctl.services.status import StatusContext


def _validation(run: ValidationRun, current: int, context: StatusContext) -> dict[str, Any]:
    return {
        "version": run.set_version, "current": run.set_version == current,
        "ran_at": run.ran_at, "ran_at_local": format_local(run.ran_at, context.tz),
        "errors": run.errors, "warnings": run.warnings, "coverage": run.coverage,
        "coverage_amount": run.coverage_amount, "balances_file": run.balances_file,
    }


def _translation(run: TranslationRun, current: int, context: StatusContext) -> dict[str, Any]:
    return {
        "version": run.set_version, "current": run.set_version == current,
        "ran_at": run.ran_at, "ran_at_local": format_local(run.ran_at, context.tz),
        "input_file": run.input_file, "lines": run.lines, "reconciled": run.reconciled,
        "untranslated_lines": run.untranslated_lines,
        "untranslated_amount": run.untranslated_amount,
        "coverage_lines_pct": run.coverage_lines_pct,
        "coverage_amount_pct": run.coverage_amount_pct,
    }


def build_section(context: StatusContext) -> dict[str, Any]:
    session = context.session
    sets = session.exec(select(MappingSet).order_by(col(MappingSet.name),
                                                    col(MappingSet.version))).all()
    names: dict[str, list[MappingSet]] = {}
    for mapping_set in sets:
        names.setdefault(mapping_set.name, []).append(mapping_set)
    ids = {s.id: s for s in sets}
    validations: dict[str, list[ValidationRun]] = {}
    # the runs' findings and reports can be large and are not shown here: not loaded
    for run in session.exec(select(ValidationRun)
                            .options(defer(ValidationRun.findings))  # type: ignore[arg-type]
                            .where(col(ValidationRun.ran_at) <= context.now)
                            .order_by(col(ValidationRun.ran_at), col(ValidationRun.id))):
        validations.setdefault(ids[run.set_id].name, []).append(run)
    translations: dict[str, list[TranslationRun]] = {}
    for tr in session.exec(select(TranslationRun)
                           .options(defer(TranslationRun.report))  # type: ignore[arg-type]
                           .where(col(TranslationRun.ran_at) <= context.now)
                           .order_by(col(TranslationRun.ran_at), col(TranslationRun.id))):
        translations.setdefault(ids[tr.set_id].name, []).append(tr)

    rows: list[dict[str, Any]] = []
    signals: list[dict[str, Any]] = []
    for name, versions in names.items():
        current = versions[-1]
        label = f"{name}@{current.version}"
        runs = validations.get(name, [])
        of_current = [r for r in runs if r.set_version == current.version]
        latest = of_current[-1] if of_current else (runs[-1] if runs else None)
        translated = [t for t in translations.get(name, []) if t.set_version == current.version]
        last_translation = translated[-1] if translated else (
            translations[name][-1] if translations.get(name) else None)
        valid = of_current[-1] if of_current else None  # the current version's latest
        translated_now = translated[-1] if translated else None
        eur = (valid.coverage_amount if valid is not None and valid.coverage_amount is not None
               else translated_now.coverage_amount_pct if translated_now is not None else None)
        rows.append({
            "set": name, "version": current.version, "kind": current.kind,
            "system": current.system, "rules": current.rule_count,
            "imported_at": current.imported_at,
            # the current version's figures, flat, for KPIs and reports (None: not validated)
            "coverage_pct": None if valid is None else valid.coverage,
            "coverage_eur_pct": eur,
            "errors": None if valid is None else valid.errors,
            "warnings": None if valid is None else valid.warnings,
            "validated_at": None if valid is None else valid.ran_at,
            "validation": None if latest is None else _validation(latest, current.version,
                                                                  context),
            "translation": None if last_translation is None else _translation(
                last_translation, current.version, context),
        })
        if not of_current:
            reason = (f"{label} has not been validated (latest validation: version "
                      f"{runs[-1].set_version})" if runs else f"{label} has never been validated")
            signals.append(signal("amber", reason, system=current.system))
        elif of_current[-1].errors:
            signals.append(signal("red", f"{of_current[-1].errors} validation errors in {label}",
                                  system=current.system))
        if translated and not translated[-1].reconciled:
            signals.append(signal(
                "amber", f"translation of {translated[-1].input_file} with {label} does not "
                f"reconcile ({translated[-1].untranslated_lines} lines untranslated)",
                system=current.system))
    return {"sets": rows, "signals": signals}
