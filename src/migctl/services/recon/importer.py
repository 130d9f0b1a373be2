"""Reconciliation definitions from a TOML file, so each rehearsal reruns the same comparisons.

```toml
[[recon]]
name = "tb-opening"
kind = "balances"
legacy = "trial_balance_2025.csv"      # relative to this file
target = "target_tb_rehearsal_1.csv"
set = "tilimappaus"
system = "raindance"
tolerance = "0.05"

[[recon]]
name = "ap-open-invoices"
kind = "items"
legacy = "legacy_open_invoices.csv"
target = "basware_open_invoices.csv"
key = ["laskunro"]
compare = ["summa=0.01", "erapaiva=date"]
```

All or nothing: every definition is checked before any is saved; saving an unchanged
definition changes nothing, a changed one becomes its next version.
"""

from __future__ import annotations

import tomllib
from datetime import datetime
from decimal import Decimal, InvalidOperation
from pathlib import Path

from sqlmodel import Session

from migctl.errors import InputError, MigctlError
from migctl.services.audit import Actor
from migctl.services.recon.fields import PAYROLL
from migctl.services.recon.write import DefinitionSpec, check_spec, save_definition

KNOWN = {"name", "kind", "legacy", "target", "set", "cost_objects", "system", "tolerance",
         "key", "compare", "description", "wage_types", "key_map", "tolerance_pct"}


def _list(value: object, where: str) -> list[str]:
    if isinstance(value, str):
        return [part.strip() for part in value.split(",") if part.strip()]
    if isinstance(value, list) and all(isinstance(v, str) for v in value):
        return [v.strip() for v in value]
    raise InputError(f"{where}: must be a text or a list of texts")


def _path(directory: Path, value: object, where: str) -> str:
    if not isinstance(value, str) or not value.strip():
        raise InputError(f"{where}: must name a file")
    path = Path(value)
    return str(path if path.is_absolute() else (directory / path).resolve())


def _payroll_fields(spec: DefinitionSpec, entry: dict[str, object], directory: Path,
                    where: str) -> None:
    spec.wage_types = _path(directory, entry.get("wage_types"), f"{where}: wage_types")
    if "tolerance" not in entry:
        spec.tolerance = Decimal("0.01")
    if entry.get("key_map") is not None:
        spec.key_map = _path(directory, entry.get("key_map"), f"{where}: key_map")
    try:
        spec.tolerance_pct = Decimal(str(entry.get("tolerance_pct", "0")).replace(",", "."))
    except InvalidOperation:
        raise InputError(f"{where}: tolerance_pct must be a number") from None


def parse_definitions(path: Path) -> list[DefinitionSpec]:
    """The file's definitions, checked; an error names the file and the definition."""
    try:
        with path.open("rb") as handle:
            data = tomllib.load(handle)
    except (OSError, tomllib.TOMLDecodeError) as exc:
        raise InputError(str(exc), file=path.name) from None
    entries = data.get("recon", [])
    if not isinstance(entries, list) or not entries:
        raise InputError("no [[recon]] definitions", file=path.name)
    specs = []
    for number, entry in enumerate(entries, start=1):
        where = f"{path.name}: recon #{number}"
        unknown = sorted(set(entry) - KNOWN)
        if unknown:
            raise InputError(f"{where}: unknown field(s) {', '.join(unknown)}")
        try:
            tolerance = Decimal(str(entry.get("tolerance", "0")).replace(",", "."))
        except InvalidOperation:
            raise InputError(f"{where}: tolerance must be a number") from None
        spec = DefinitionSpec(
            name=str(entry.get("name", "")), kind=str(entry.get("kind", "")),
            legacy=_path(path.parent, entry.get("legacy"), f"{where}: legacy"),
            target=_path(path.parent, entry.get("target"), f"{where}: target"),
            mapping_set=entry.get("set"), cost_objects=entry.get("cost_objects"),
            system=entry.get("system"), tolerance=tolerance,
            keys=_list(entry.get("key", []), f"{where}: key"),
            compare=_list(entry.get("compare", []), f"{where}: compare"),
            description=str(entry.get("description", "")))
        if "wage_types" in entry or "key_map" in entry or "tolerance_pct" in entry:
            _payroll_fields(spec, entry, path.parent, where)
        try:
            check_spec(spec)
        except MigctlError as exc:
            raise InputError(f"{where}: {exc}") from None
        specs.append(spec)
    return specs


def import_definitions(session: Session, actor: Actor, *, path: Path, now: datetime
                       ) -> dict[str, list[str]]:
    """Save every definition of the file: names by what happened to them."""
    result: dict[str, list[str]] = {"added": [], "changed": [], "unchanged": []}
    for spec in parse_definitions(path):
        if spec.kind == PAYROLL:
            from migctl.services.recon.payroll_write import save_payroll

            _, action, _ = save_payroll(session, actor, spec, now=now)
        else:
            _, action = save_definition(session, actor, spec, now=now)
        result[action].append(spec.name)
    return result
