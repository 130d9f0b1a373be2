"""Words closing issue 21's Finnish gaps: the evidence lines of the window-confidence and
identity criteria, the identity built-in KPIs' descriptions, and durations in Finnish.

The ``kpi_desc.*`` keys are not prefixed: the KPI views look a built-in's description up by
``kpi_desc.<name>`` (``render/status_kpis.kpi_description``)."""

from __future__ import annotations

LABELS: dict[str, tuple[str, str]] = {
    "audit21.ev.window": (
        "P(cutover within window) = {pct} % ({relation} {threshold} %); {simulations} "
        "simulations, seed {seed}",
        "P(siirto valmis ikkunassa) = {pct} % ({relation} {threshold} %); {simulations} "
        "simulointia, siemen {seed}"),
    "audit21.ev.window_none": (
        "no probability: the runbook has no tasks or no window end is set "
        "(`cutover.window_end`)",
        "ei todennäköisyyttä: ajokirjassa ei ole tehtäviä tai ikkunan loppua ei ole asetettu "
        "(`cutover.window_end`)"),
    "audit21.ev.identity_none": ("no identity check has run (`migctl identity check`)",
                                 "tunnusten tarkistusta ei ole ajettu (`migctl identity check`)"),
    "audit21.ev.identity": ("identity run {run} on {on}: {what} {value} % ({relation} "
                            "{threshold} %)",
                            "tunnusten tarkistus {run} ({on}): {what} {value} % ({relation} "
                            "{threshold} %)"),
    "audit21.ev.identity_unmeasured": ("identity run {run} on {on} did not measure {what}",
                                       "tunnusten tarkistus {run} ({on}) ei mitannut: {what}"),
    "audit21.ev.measure.environment": ("accounts in {subject}",
                                       "tunnukset ympäristössä {subject}"),
    "audit21.ev.measure.system": ("users in {subject}", "käyttäjät järjestelmässä {subject}"),
    "audit21.ev.measure.training": ("trained for {subject}",
                                    "koulutettu järjestelmään {subject}"),
    "kpi_desc.identity_coverage_pct": (
        "Active employees with an enabled account, % (weakest environment)",
        "Aktiivisista henkilöistä käytössä oleva tunnus, % (heikoin ympäristö)"),
    "kpi_desc.identity_system_coverage_pct": (
        "Employees with a user in the systems they need, % (weakest system)",
        "Henkilöistä käyttäjä tarvitsemissaan järjestelmissä, % (heikoin järjestelmä)"),
    "kpi_desc.training_coverage_pct": (
        "Employees trained for the systems they need, % (weakest system)",
        "Henkilöistä koulutettu tarvitsemiinsa järjestelmiin, % (heikoin järjestelmä)"),
}
