"""Window confidence's words (the "window" section, `task forecast`, the status header)."""

from __future__ import annotations

LABELS: dict[str, tuple[str, str]] = {
    "window_sentence": ("P(cutover within window) = {pct} % (P80 ends {p80})",
                        "P(siirto valmis ikkunassa) = {pct} % (P80 päättyy {p80})"),
    "window_no_end": ("P80 cutover end {p80} (no window end set)",
                      "P80 siirto päättyy {p80} (ikkunan loppua ei ole asetettu)"),
    "window_confidence": ("Window confidence", "Siirtoikkunan todennäköisyys"),
    "window_no_tasks": ("No runbook tasks to simulate.", "Ei simuloitavia tehtäviä."),
    "window_basis": ("{simulations} simulations (seed {seed}) over the rehearsals' actuals",
                     "{simulations} simulointia (siemen {seed}) harjoitusten toteumista"),
    "window_what": ("Milestone", "Virstanpylväs"),
    "window_cutover_end": ("Cutover end", "Siirto valmis"),
    "window_go_live": ("Go-live", "Käyttöönotto"),
    "window_end": ("Window end", "Ikkuna päättyy"),
    "window_task": ("Task", "Tehtävä"),
    "window_criticality": ("Criticality", "Kriittisyys"),
    "window_critical_tasks": ("Most often on the critical path",
                              "Useimmin kriittisellä polulla"),
    "window_headline": ("Window", "Siirtoikkuna"),
}

#: Weekday abbreviations, Monday first.
WEEKDAYS = {"en": ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"),
            "fi": ("ma", "ti", "ke", "to", "pe", "la", "su")}
