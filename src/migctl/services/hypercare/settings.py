"""The provider's service levels as programme settings: per severity, how soon the provider
must first respond and how soon the case must be resolved (``migctl settings set
sla.response.high 4h``). Calendar time, as durations (``30m``, ``4h``, ``2d``).

Importing this module registers them with :mod:`migctl.services.settings`; the incidents
section and the SLA reads import it, so the defaults apply wherever incidents are judged.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from migctl import values
from migctl.services.hypercare.fields import SEVERITIES
from migctl.services.settings import SettingSpec, get, register

if TYPE_CHECKING:
    from migctl.store.db import Db

#: Defaults (minutes): response, resolution per severity.
DEFAULT_TARGETS: dict[str, tuple[int, int]] = {
    "critical": (60, 8 * 60),
    "high": (4 * 60, 2 * 1440),
    "medium": (1440, 10 * 1440),
    "low": (3 * 1440, 30 * 1440),
}
MEASURES = ("response", "resolution")


def key(measure: str, severity: str) -> str:
    return f"sla.{measure}.{severity}"


def _check_duration(value: str) -> str:
    minutes = values.parse_duration(value)
    if minutes < 1:
        raise ValueError(f"{value!r}: a target is at least one minute")
    return values.format_duration(minutes)


for _severity in SEVERITIES:
    _response, _resolution = DEFAULT_TARGETS[_severity]
    register(SettingSpec(key("response", _severity),
                         f"SLA: the provider's first response to a {_severity} incident within",
                         values.format_duration(_response), _check_duration))
    register(SettingSpec(key("resolution", _severity),
                         f"SLA: a {_severity} incident resolved within",
                         values.format_duration(_resolution), _check_duration))


def targets(db: Db) -> dict[str, dict[str, int]]:
    """severity → {"response": minutes, "resolution": minutes}."""
    result: dict[str, dict[str, int]] = {}
    for severity in SEVERITIES:
        result[severity] = {}
        for index, measure in enumerate(MEASURES):
            try:
                minutes = values.parse_duration(get(db, key(measure, severity)))
            except ValueError:  # stored by hand or by an older migctl: the default
                minutes = DEFAULT_TARGETS[severity][index]
            result[severity][measure] = max(1, minutes)
    return result
