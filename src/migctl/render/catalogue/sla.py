"""The provider's service levels: the incidents section's SLA table and breach signals."""

from __future__ import annotations

from typing import Any

from migctl.render.catalogue.finnish import fi_span

LABELS: dict[str, tuple[str, str]] = {
    "sla_heading": ("Provider's service levels", "Toimittajan palvelutasot"),
    "sla_response_target": ("Response target", "Vasteaikatavoite"),
    "sla_response_met": ("Responses in time", "Vasteet ajallaan"),
    "sla_response_median": ("Median response", "Vasteajan mediaani"),
    "sla_resolution_target": ("Resolution target", "Ratkaisuaikatavoite"),
    "sla_resolution_met": ("Resolved in time", "Ratkaistu ajallaan"),
    "sla_resolution_median": ("Median resolution", "Ratkaisuajan mediaani"),
    "sla_breaches": ("Breaches", "Ylitykset"),
    "sla_reference": ("Provider ref.", "Toimittajan viite"),
    "sla_missed": ("Missed", "Ylittyi"),
    "sla_took": ("Took", "Kesto"),
    "sla_waiting": ("still waiting", "odottaa yhä"),
    "sla_measure.response": ("response", "vaste"),
    "sla_measure.resolution": ("resolution", "ratkaisu"),
    "sla_summary": ("{response} of responses and {resolution} of resolutions within target",
                    "vasteista {response} ja ratkaisuista {resolution} tavoiteajassa"),
}


def _took(p: dict[str, Any]) -> str:
    return "odottaa yhä" if p.get("took") is None else f"kesto {fi_span(p['took'])}"


FI_SIGNALS = {
    "sla-response-breached": lambda p: (f"{p['incident']}: toimittajan vaste ylitti "
                                        f"tavoitteen {fi_span(p['target'])} ({_took(p)})"),
    "sla-resolution-breached": lambda p: (f"{p['incident']}: ratkaisu ylitti tavoitteen "
                                          f"{fi_span(p['target'])} ({_took(p)})"),
}
