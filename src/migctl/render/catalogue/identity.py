"""Words of identity and training coverage (`identity check`, the "identity" section)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from migctl.render.catalogue.finnish import fi_number

LABELS: dict[str, tuple[str, str]] = {
    "identity.none": ("no identity check has run yet (`migctl identity check`)",
                      "tunnusten kattavuutta ei ole vielä tarkistettu (`migctl identity check`)"),
    "identity.summary": ("run {run} on {on}: {active} people active, {errors} error(s), "
                         "{warnings} warning(s); target {target} % (training {trained} %)",
                         "ajo {run} päivälle {on}: {active} aktiivista henkilöä, {errors} "
                         "virhettä, {warnings} varoitusta; tavoite {target} % (koulutus "
                         "{trained} %)"),
    "identity.measure": ("Coverage of", "Kattavuus"),
    "identity.subject": ("Environment / system", "Ympäristö / järjestelmä"),
    "identity.active": ("Active", "Aktiivisia"),
    "identity.pct": ("%", "%"),
    "identity.accounts": ("accounts", "tunnukset"),
    "identity.system_users": ("system users", "järjestelmäkäyttäjät"),
    "identity.training": ("training", "koulutus"),
    "identity.findings": ("Findings", "Havainnot"),
    "identity.code": ("Code", "Koodi"),
    "identity.count": ("Count", "Määrä"),
}


def _env(p: dict[str, Any]) -> str:
    return {"admin": "hallinnon", "education": "opetuksen"}.get(p["environment"],
                                                                p["environment"])


FI_SIGNALS: dict[str, Callable[[dict[str, Any]], str]] = {
    "identity-coverage-low": lambda p: (
        f"vain {fi_number(p['pct'])} %:lla {_env(p)} ympäristön aktiivisista henkilöistä on "
        f"käytössä oleva tunnus (tavoite {fi_number(p['target'])} %)"),
    "identity-users-missing": lambda p: (
        f"vain {fi_number(p['pct'])} %:lla järjestelmää {p['system_key']} tarvitsevista on "
        f"siinä käyttäjä (tavoite {fi_number(p['target'])} %)"),
    "training-coverage-low": lambda p: (
        f"vain {fi_number(p['pct'])} % järjestelmää {p['system_key']} tarvitsevista on koulutettu "
        f"(tavoite {fi_number(p['target'])} %)"),
}
