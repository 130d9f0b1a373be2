"""Every section of `migctl status` and the steering report, one line each, in screen order.

A section is a :class:`Section`: its key and titles, where its builder is (``"module:function"``,
imported only when the status is built, so this module stays light enough for `--help` and
`settings`), whether it reads the others, and what it contributes as data — the signal codes it
raises, the built-in KPIs read from it, the gate-criterion kinds about its area and the modules
registering its programme settings. Its views (terminal table, Markdown, HTML) are
``migctl.render.status_<key>.VIEWS``; :mod:`migctl.render.sections` finds them by the key
(services never import render/).

Adding a section: its package gets ``status.py`` (the document TypedDict and
``build_section(context)``), ``render/status_<key>.py`` gets its ``VIEWS``, and one line goes
here. Tests hold the data to the code: every signal a section raises is declared here and has
a Finnish sentence, every built-in KPI belongs to one section, every view module exists.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING, Generic, TypeVar, cast

if TYPE_CHECKING:
    from migctl.services.status.context import StatusContext
    from migctl.services.status.documents import SectionDocument

D = TypeVar("D", covariant=True)


@dataclass(frozen=True)
class Section(Generic[D]):
    """One section of the status document; ``D`` is the TypedDict its builder returns."""

    key: str
    titles: tuple[str, str]  # (English, Finnish)
    builder: str  # "module:function" taking a StatusContext, returning D
    #: Reads the sections built before it (``context.sections``): built after all the others.
    derived: bool = False
    signals: tuple[str, ...] = ()  # the codes of the signals it raises
    kpis: tuple[str, ...] = ()  # built-in KPIs computed from it (migctl.services.kpis.builtins)
    gate_kinds: tuple[str, ...] = ()  # gate-criterion kinds judging its area
    settings: tuple[str, ...] = ()  # modules that register its programme settings on import

    def title(self, lang: str = "en") -> str:
        return self.titles[1] if lang == "fi" else self.titles[0]

    def build(self, context: StatusContext) -> D:
        module, _, function = self.builder.partition(":")
        builder: Callable[[StatusContext], D] = getattr(importlib.import_module(module), function)
        return builder(context)

    def of(self, sections: Mapping[str, SectionDocument]) -> D | None:
        """This section's document from a status document's sections; None if missing or failed."""
        found = sections.get(self.key)
        if found is None or "error" in found:
            return None
        return cast("D", found)


if TYPE_CHECKING:
    from migctl.services.hypercare.status import IncidentsSection
    from migctl.services.identity.status import IdentitySection
    from migctl.services.kpis.status import KpisSection
    from migctl.services.mapping.status import MappingSection
    from migctl.services.recon.payroll_status import PeopleSection
    from migctl.services.recon.status import LoadSection
    from migctl.services.register.status import RegisterStatusSection
    from migctl.services.runbook.confidence import WindowSection
    from migctl.services.runbook.status import CutoverSection
    from migctl.services.sso.status import SsoSection
    from migctl.services.systems.status import SystemsSection

# --- the registry: one line per section ---------------------------------------------------

SYSTEMS: Section[SystemsSection] = Section(
    "systems", ("Systems", "Järjestelmät"), "migctl.services.systems.status:build_section",
    signals=("go-live-passed",), kpis=("targets_live_pct",))
CUTOVER: Section[CutoverSection] = Section(
    "cutover", ("Cutover", "Tuotantoonsiirto"), "migctl.services.runbook.status:build_section",
    signals=("task-late", "task-blocked", "tasks-blocked-more", "gate-no-go",
             "gate-criteria-failing", "forecast-late", "window-overrun",
             "task-failed"),
    kpis=("tasks_done_pct", "on_time_pct", "forecast_slip_minutes"),
    gate_kinds=("tasks-done",), settings=("migctl.services.runbook.settings",))
WINDOW: Section[WindowSection] = Section(
    "window", ("Window confidence", "Siirtoikkunan todennäköisyys"),
    "migctl.services.runbook.confidence:build_section", gate_kinds=("window-confidence",),
    settings=("migctl.services.runbook.confidence_settings",))
MAPPING: Section[MappingSection] = Section(
    "mapping", ("Account mappings", "Tilimappaukset"),
    "migctl.services.mapping.status:build_section",
    signals=("mapping-not-validated", "mapping-errors", "translation-unreconciled"),
    kpis=("mapping_coverage_pct", "mapping_coverage_eur_pct", "validation_errors"),
    gate_kinds=("mapping-valid", "reconciled"))
SSO: Section[SsoSection] = Section(
    "sso", ("SSO matrix", "SSO-tarkistukset"), "migctl.services.sso.status:build_section",
    signals=("sso-failing", "sso-stale"),
    kpis=("sso_pass_rate_admin", "sso_pass_rate_education"), gate_kinds=("sso-pass",))
INCIDENTS: Section[IncidentsSection] = Section(
    "incidents", ("Incidents", "Häiriöt"), "migctl.services.hypercare.status:build_section",
    signals=("incident-open", "sla-response-breached", "sla-resolution-breached"),
    kpis=("open_incidents", "open_incidents_critical", "open_incidents_high",
          "open_incidents_medium", "open_incidents_low", "mean_time_to_close_hours",
          "sla_response_pct", "sla_resolution_pct"),
    gate_kinds=("incidents-below",), settings=("migctl.services.hypercare.settings",))
LOAD: Section[LoadSection] = Section(
    "load", ("Data load", "Tietojen siirto"), "migctl.services.recon.status:build_section",
    signals=("recon-not-clean", "recon-not-run"),
    kpis=("recon_difference_eur", "recon_open_differences"), gate_kinds=("recon-clean",))
PEOPLE: Section[PeopleSection] = Section(
    "people", ("People — payroll", "Henkilöstö — palkat"),
    "migctl.services.recon.payroll_status:build_section",
    signals=("payroll-not-clean", "payroll-not-run"))
REGISTER: Section[RegisterStatusSection] = Section(
    "register", ("Programme register", "Toimenpiteet ja riskit"),
    "migctl.services.register.status:build_section", derived=True,
    signals=("action-overdue",), kpis=("actions_overdue", "risks_high"),
    gate_kinds=("actions-done", "risks-below"), settings=("migctl.services.register.settings",))
IDENTITY: Section[IdentitySection] = Section(
    "identity", ("People — accounts and training", "Henkilöstö — tunnukset ja koulutus"),
    "migctl.services.identity.status:build_section",
    signals=("identity-coverage-low", "identity-users-missing", "training-coverage-low"),
    kpis=("identity_coverage_pct", "identity_system_coverage_pct", "training_coverage_pct"),
    gate_kinds=("identity-coverage", "trained"), settings=("migctl.services.identity.settings",))
KPIS: Section[KpisSection] = Section(
    "kpis", ("KPIs", "Mittarit"), "migctl.services.kpis.status:build_section", derived=True,
    gate_kinds=("kpi",))

#: Every section, in the order of the status screen and documents. A section nobody else
#: reads typed may stand here as a plain ``Section(...)`` line, without a name of its own.
REGISTRY: tuple[Section[SectionDocument], ...] = (SYSTEMS, CUTOVER, WINDOW, MAPPING, SSO,
                                                  INCIDENTS, LOAD, PEOPLE, IDENTITY, REGISTER,
                                                  KPIS)
BY_KEY: dict[str, Section[SectionDocument]] = {s.key: s for s in REGISTRY}


def register_all_settings() -> None:
    """Import every section's settings modules, so `migctl settings` knows all their keys."""
    for section in REGISTRY:
        for module in section.settings:
            importlib.import_module(module)
