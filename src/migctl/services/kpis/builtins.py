"""Built-in KPIs: each is a small extractor over the *status document's sections*.

Extractors never read other areas' tables: they read what a section publishes, so a metric
appears as soon as its section exists and is simply absent (``None``) before. Section keys
read here (the cutover, mapping and SSO sections provide them once they are built):

- ``systems``: ``counts.targets``, ``counts.live``
- ``incidents``: ``counts.open``, ``open_by_severity``, ``mean_time_to_close_hours``,
  ``sla.response.met_pct``, ``sla.resolution.met_pct``
- ``cutover``: ``progress.pct``, ``on_time_pct``, ``planned_end``, ``forecast_end``
- ``mapping``: ``sets[].coverage_pct``, ``sets[].coverage_eur_pct``, ``sets[].errors``
- ``sso``: ``pass_rate.{env}``
- ``register``: ``actions.overdue``, ``risks.high``
- ``load``: ``totals.unexplained``, ``totals.open_differences``
- ``identity``: ``totals.coverage_pct``, ``totals.system_coverage_pct``,
  ``totals.training_coverage_pct``
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from migctl.docvalues import as_datetime

Sections = Mapping[str, Any]
Extractor = Callable[[Sections], Decimal | None]


@dataclass(frozen=True)
class BuiltinKpi:
    name: str
    unit: str
    direction: str  # up: higher is better
    target: Decimal | None
    description: str
    extract: Extractor


def _number(value: Any) -> Decimal | None:
    """A JSON-ish number as Decimal (floats through their shortest text, so 99.5 stays 99.5)."""
    if value is None or isinstance(value, bool):
        return None
    if isinstance(value, Decimal):
        return value
    if isinstance(value, int | float):
        return Decimal(str(value))
    return None


def _get(sections: Sections, section: str, *path: str) -> Any:
    node: Any = sections.get(section)
    for step in path:
        if not isinstance(node, Mapping):
            return None
        node = node.get(step)
    return node


def _pct(part: Any, whole: Any) -> Decimal | None:
    part_d, whole_d = _number(part), _number(whole)
    if part_d is None or not whole_d:
        return None
    return (100 * part_d / whole_d).quantize(Decimal("0.1"))


# --- systems and incidents (sections that exist now) --------------------------------------

def targets_live_pct(sections: Sections) -> Decimal | None:
    return _pct(_get(sections, "systems", "counts", "live"),
                _get(sections, "systems", "counts", "targets"))


def open_incidents(sections: Sections) -> Decimal | None:
    return _number(_get(sections, "incidents", "counts", "open"))


def open_incidents_of(severity: str) -> Extractor:
    def extract(sections: Sections) -> Decimal | None:
        return _number(_get(sections, "incidents", "open_by_severity", severity))

    extract.__name__ = f"open_incidents_{severity}"
    return extract


def mean_time_to_close_hours(sections: Sections) -> Decimal | None:
    return _number(_get(sections, "incidents", "mean_time_to_close_hours"))


# --- cutover, mapping, SSO (sections other issues add) ------------------------------------

def tasks_done_pct(sections: Sections) -> Decimal | None:
    """The cutover section's own percentage; it is None while no run is in progress."""
    progress = _get(sections, "cutover", "progress")
    if isinstance(progress, Mapping) and "pct" in progress:
        return _number(progress["pct"])
    return _pct(_get(sections, "cutover", "progress", "done"),
                _get(sections, "cutover", "progress", "total"))


def on_time_pct(sections: Sections) -> Decimal | None:
    return _number(_get(sections, "cutover", "on_time_pct"))


def forecast_slip_minutes(sections: Sections) -> Decimal | None:
    planned = as_datetime(_get(sections, "cutover", "planned_end"))
    forecast = as_datetime(_get(sections, "cutover", "forecast_end"))
    if planned is None or forecast is None:
        return None
    return Decimal(round((forecast - planned).total_seconds() / 60))


def _mapping_sets(sections: Sections) -> list[Mapping[str, Any]]:
    sets = _get(sections, "mapping", "sets")
    return [s for s in sets if isinstance(s, Mapping)] if isinstance(sets, list) else []


def _weakest(sections: Sections, key: str) -> Decimal | None:
    """The lowest value among the mapping sets: the weakest mapping decides readiness."""
    values = [v for v in (_number(s.get(key)) for s in _mapping_sets(sections)) if v is not None]
    return min(values) if values else None


def mapping_coverage_pct(sections: Sections) -> Decimal | None:
    return _weakest(sections, "coverage_pct")


def mapping_coverage_eur_pct(sections: Sections) -> Decimal | None:
    return _weakest(sections, "coverage_eur_pct")


def validation_errors(sections: Sections) -> Decimal | None:
    sets = _mapping_sets(sections)
    errors = [v for v in (_number(s.get("errors")) for s in sets) if v is not None]
    return sum(errors, Decimal(0)) if errors else None


def sso_pass_rate(environment: str) -> Extractor:
    def extract(sections: Sections) -> Decimal | None:
        return _number(_get(sections, "sso", "pass_rate", environment))

    extract.__name__ = f"sso_pass_rate_{environment}"
    return extract


def sso_environments(sections: Sections) -> list[str]:
    rates = _get(sections, "sso", "pass_rate")
    return sorted(rates) if isinstance(rates, Mapping) else []


_HUNDRED = Decimal(100)
_ZERO = Decimal(0)

#: The built-in KPIs, in the order they are shown. ``sso_pass_rate_<env>`` exists for every
#: environment the SSO section reports (see :func:`builtin`), not only these two.
def number_at(section: str, *path: str) -> Extractor:
    """The extractor of one number a section publishes at ``path`` (a count, a sum)."""

    def extract(sections: Sections) -> Decimal | None:
        return _number(_get(sections, section, *path))

    extract.__name__ = "_".join((section, *path))
    return extract


BUILTINS: dict[str, BuiltinKpi] = {k.name: k for k in (
    BuiltinKpi("tasks_done_pct", "%", "up", _HUNDRED,
               "Cutover runbook tasks done, %", tasks_done_pct),
    BuiltinKpi("on_time_pct", "%", "up", Decimal(90),
               "Cutover tasks finished by their planned end, %", on_time_pct),
    BuiltinKpi("forecast_slip_minutes", "min", "down", _ZERO,
               "Forecast end of the cutover minus its planned end, minutes",
               forecast_slip_minutes),
    BuiltinKpi("mapping_coverage_pct", "%", "up", _HUNDRED,
               "Legacy accounts covered by mapping rules, % (weakest mapping set)",
               mapping_coverage_pct),
    BuiltinKpi("mapping_coverage_eur_pct", "%", "up", _HUNDRED,
               "Balances (EUR) covered by mapping rules, % (weakest mapping set)",
               mapping_coverage_eur_pct),
    BuiltinKpi("validation_errors", "count", "down", _ZERO,
               "Mapping validation errors, all sets", validation_errors),
    BuiltinKpi("sso_pass_rate_admin", "%", "up", _HUNDRED,
               "SSO checks passing in the admin environment, %", sso_pass_rate("admin")),
    BuiltinKpi("sso_pass_rate_education", "%", "up", _HUNDRED,
               "SSO checks passing in the education environment, %",
               sso_pass_rate("education")),
    BuiltinKpi("open_incidents", "count", "down", None, "Open incidents", open_incidents),
    *(BuiltinKpi(f"open_incidents_{s}", "count", "down",
                 _ZERO if s in ("critical", "high") else None,
                 f"Open {s} incidents", open_incidents_of(s))
      for s in ("critical", "high", "medium", "low")),
    BuiltinKpi("mean_time_to_close_hours", "h", "down", None,
               "Mean time from opening to closing an incident, hours",
               mean_time_to_close_hours),
    BuiltinKpi("recon_difference_eur", "EUR", "down", _ZERO,
               "Euros of the latest loads not explained by rounding or a decision",
               number_at("load", "totals", "unexplained")),
    BuiltinKpi("recon_open_differences", "count", "down", _ZERO,
               "Differences of the latest loads under a failing cause",
               number_at("load", "totals", "open_differences")),
    BuiltinKpi("actions_overdue", "count", "down", _ZERO,
               "Programme actions past their due date",
               number_at("register", "actions", "overdue")),
    BuiltinKpi("risks_high", "count", "down", _ZERO,
               "Open risks at or above the high score",
               number_at("register", "risks", "high")),
    BuiltinKpi("targets_live_pct", "%", "up", _HUNDRED,
               "Target systems live, %", targets_live_pct),
    BuiltinKpi("identity_coverage_pct", "%", "up", _HUNDRED,
               "Active employees with an enabled account, % (weakest environment)",
               number_at("identity", "totals", "coverage_pct")),
    BuiltinKpi("identity_system_coverage_pct", "%", "up", _HUNDRED,
               "Employees with a user in the systems they need, % (weakest system)",
               number_at("identity", "totals", "system_coverage_pct")),
    BuiltinKpi("training_coverage_pct", "%", "up", _HUNDRED,
               "Employees trained for the systems they need, % (weakest system)",
               number_at("identity", "totals", "training_coverage_pct")),
    BuiltinKpi("sla_response_pct", "%", "up", _HUNDRED,
               "Incidents the provider first responded to within the target, %",
               number_at("incidents", "sla", "response", "met_pct")),
    BuiltinKpi("sla_resolution_pct", "%", "up", _HUNDRED,
               "Incidents resolved within the target, %",
               number_at("incidents", "sla", "resolution", "met_pct")),
)}

SSO_PREFIX = "sso_pass_rate_"


def builtin(name: str) -> BuiltinKpi | None:
    """The built-in KPI of that name, including ``sso_pass_rate_<any environment>``."""
    known = BUILTINS.get(name)
    if known is not None:
        return known
    if name.startswith(SSO_PREFIX) and len(name) > len(SSO_PREFIX):
        environment = name[len(SSO_PREFIX):]
        return BuiltinKpi(name, "%", "up", _HUNDRED,
                          f"SSO checks passing in the {environment} environment, %",
                          sso_pass_rate(environment))
    return None


def builtin_names(sections: Sections | None = None) -> list[str]:
    """Every built-in name, plus SSO pass rates for environments the sections report."""
    names = list(BUILTINS)
    for environment in sso_environments(sections or {}):
        name = SSO_PREFIX + environment
        if name not in names:
            names.insert(names.index("open_incidents"), name)
    return names


def extract_all(sections: Sections) -> dict[str, Decimal]:
    """The current value of every built-in whose section is present."""
    values: dict[str, Decimal] = {}
    for name in builtin_names(sections):
        kpi = builtin(name)
        value = kpi.extract(sections) if kpi else None
        if value is not None:
            values[name] = value
    return values


class _Probe(dict[str, Any]):
    """Sections that answer nothing but remember which section was asked for."""

    def __init__(self) -> None:
        super().__init__()
        self.asked: list[str] = []

    def get(self, key: str, default: Any = None) -> Any:
        self.asked.append(key)
        return default


def sections_read(name: str) -> list[str]:
    """The sections the built-in ``name`` reads (found by asking its extractor)."""
    kpi = builtin(name)
    if kpi is None:
        return []
    probe = _Probe()
    kpi.extract(probe)
    return list(dict.fromkeys(probe.asked))
