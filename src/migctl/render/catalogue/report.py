"""Words of the steering report and the board: decisions, cutover, rehearsals, evidence lines,
status values and the built-in KPIs' descriptions (key → (English, Finnish))."""

from __future__ import annotations

_STATUS_WORDS: dict[str, tuple[str, str]] = {
    # a task's status in a run (task, gate, milestone)
    "task_status.todo": ("to do", "tekemättä"),
    "task_status.in_progress": ("in progress", "käynnissä"),
    "task_status.done": ("done", "valmis"),
    "task_status.failed": ("failed", "epäonnistui"),
    "task_status.skipped": ("skipped", "ohitettu"),
    "task_status.blocked": ("blocked", "estetty"),
    # the latest result of an SSO check
    "sso_status.pass": ("pass", "läpi"),
    "sso_status.warn": ("warn", "varoitus"),
    "sso_status.fail": ("fail", "ei läpi"),
    "sso_status.never": ("never run", "ei ajettu"),
    "sso_status.error": ("error", "virhe"),
    # a gate's criteria as a whole, and one criterion
    "gate_state.pass": ("criteria met", "ehdot täyttyvät"),
    "gate_state.fail": ("criteria not met", "ehdot eivät täyty"),
    "gate_state.none": ("no criteria", "ei ehtoja"),
    "criterion.pass": ("pass", "täyttyy"),
    "criterion.fail": ("fail", "ei täyty"),
    "decision.go": ("go", "go"),
    "decision.no-go": ("no-go", "no-go"),
    "report.why.late": ("late", "myöhässä"),
    "report.why.failed": ("failed", "epäonnistui"),
    "report.why.blocked": ("blocked", "estetty"),
}

_KPI_DESCRIPTIONS: dict[str, tuple[str, str]] = {
    "kpi_desc.tasks_done_pct": ("Cutover runbook tasks done, %",
                                "Tuotantoonsiirron tehtävistä valmiina, %"),
    "kpi_desc.on_time_pct": ("Cutover tasks finished by their planned end, %",
                             "Suunniteltuun loppuun mennessä valmistuneet tehtävät, %"),
    "kpi_desc.forecast_slip_minutes": (
        "Forecast end of the cutover minus its planned end, minutes",
        "Tuotantoonsiirron ennustettu loppu miinus suunniteltu loppu, minuuttia"),
    "kpi_desc.mapping_coverage_pct": (
        "Legacy accounts covered by mapping rules, % (weakest mapping set)",
        "Mappaussääntöjen kattamat vanhat tilit, % (heikoin mappaus)"),
    "kpi_desc.mapping_coverage_eur_pct": (
        "Balances (EUR) covered by mapping rules, % (weakest mapping set)",
        "Mappaussääntöjen kattamat saldot (EUR), % (heikoin mappaus)"),
    "kpi_desc.validation_errors": ("Mapping validation errors, all sets",
                                   "Mappausten validointivirheet, kaikki mappaukset"),
    "kpi_desc.sso_pass_rate": ("SSO checks passing in the {env} environment, %",
                               "Läpi menevät SSO-tarkistukset ympäristössä {env}, %"),
    "kpi_desc.open_incidents": ("Open incidents", "Avoimet häiriöt"),
    "kpi_desc.open_incidents_critical": ("Open critical incidents", "Avoimet kriittiset häiriöt"),
    "kpi_desc.open_incidents_high": ("Open high incidents", "Avoimet korkean vakavuuden häiriöt"),
    "kpi_desc.open_incidents_medium": ("Open medium incidents",
                                       "Avoimet keskitason häiriöt"),
    "kpi_desc.open_incidents_low": ("Open low incidents", "Avoimet matalan vakavuuden häiriöt"),
    "kpi_desc.mean_time_to_close_hours": (
        "Mean time from opening to closing an incident, hours",
        "Häiriön keskimääräinen aika avaamisesta sulkemiseen, tuntia"),
    "kpi_desc.recon_difference_eur": (
        "Euros of the latest loads not explained by rounding or a decision",
        "Viimeisimpien latausten eurot, joita pyöristys tai päätös ei selitä"),
    "kpi_desc.recon_open_differences": (
        "Differences of the latest loads under a failing cause",
        "Viimeisimpien latausten erot, joiden syy ei hyväksy niitä"),
    "kpi_desc.actions_overdue": ("Programme actions past their due date",
                                 "Määräajan ylittäneet ohjelman toimenpiteet"),
    "kpi_desc.risks_high": ("Open risks at or above the high score",
                            "Avoimet riskit, joiden pisteet ovat korkean rajan tasolla tai yli"),
    "kpi_desc.targets_live_pct": ("Target systems live, %",
                                  "Uusista järjestelmistä tuotannossa, %"),
    "kpi_desc.sla_response_pct": ("Incidents answered by the provider within the target, %",
                                  "Toimittajan tavoiteajassa vastaamat häiriöt, %"),
    "kpi_desc.sla_resolution_pct": ("Incidents resolved within the target, %",
                                    "Tavoiteajassa ratkaistut häiriöt, %"),
}

#: One evidence line per criterion kind: what decided it, in both languages.
_EVIDENCE: dict[str, tuple[str, str]] = {
    "ev.kpi": ("{kpi} = {value} at {at} (target {op} {threshold})",
               "{kpi} = {value} ({at}) (tavoite {op} {threshold})"),
    "ev.kpi_none": ("{kpi} has no value yet", "mittarilla {kpi} ei ole vielä arvoa"),
    "ev.incidents": ("{open} open at {severities} (must be fewer than {limit})",
                     "{open} avointa, vakavuus {severities} (oltava alle {limit})"),
    "ev.mapping_none": ("{set}@{version} (the current version) has not been validated",
                        "{set}@{version} (nykyinen versio) on validoimatta"),
    "ev.mapping": ("validation {run} of {set}@{version} at {at}: {errors}, {warnings}",
                   "validointi {run}, {set}@{version} ({at}): {errors}, {warnings}"),
    "ev.translation_none": ("nothing translated with {set}@{version} (the current version)",
                            "mappauksella {set}@{version} (nykyinen versio) ei ole muunnettu"),
    "ev.translation_ok": ("translation {run} of {file} with {set}@{version} at {at}: {lines} "
                          "lines reconciled to the cent",
                          "muunnos {run}, {file} mappauksella {set}@{version} ({at}): {lines} "
                          "riviä täsmää sentilleen"),
    "ev.translation": ("translation {run} of {file} with {set}@{version} at {at}: difference "
                       "{difference}, {untranslated} lines untranslated; coverage {lines_pct} % "
                       "of lines, {amount_pct} % of euros",
                       "muunnos {run}, {file} mappauksella {set}@{version} ({at}): ero "
                       "{difference}, {untranslated} riviä muuntamatta; kattavuus {lines_pct} % "
                       "riveistä, {amount_pct} % euroista"),
    "ev.recon_never": ("{recon} has never run", "täsmäytystä {recon} ei ole ajettu"),
    "ev.recon": ("{recon}: run {run} ({cutover_run}) {verdict}; {open} open differences, "
                 "{unexplained} EUR not explained",
                 "{recon}: ajo {run} ({cutover_run}) {verdict}; {open} avointa eroa, "
                 "{unexplained} EUR selittämättä"),
    "ev.recon_clean": ("clean", "täsmää"),
    "ev.recon_not_clean": ("not clean", "ei täsmää"),
    "ev.sso_none": ("no SSO checks for {scope}", "kohteelle {scope} ei ole SSO-tarkistuksia"),
    "ev.sso": ("{checks} checks: {passed} pass, {failed} fail, {never} never run, {stale} older "
               "than {max_age} h",
               "{checks} tarkistusta: {passed} läpi, {failed} ei läpi, {never} ajamatta, "
               "{stale} yli {max_age} h vanhaa"),
    "ev.tasks_no_run": ("no cutover run to look at", "ei tarkasteltavaa cutover-ajoa"),
    "ev.tasks_missing": ("no task {keys} in the runbook", "ajokirjassa ei ole tehtävää {keys}"),
    "ev.tasks": ("{done} of {total} tasks done in {run}",
                 "{done}/{total} tehtävää valmiina ajossa {run}"),
    "ev.waiting": ("waiting: {items}", "odottaa: {items}"),
    "ev.actions_missing": ("no such actions: {keys}", "toimenpiteitä ei ole: {keys}"),
    "ev.actions": ("{done} of {total} actions done", "{done}/{total} toimenpidettä valmiina"),
    "ev.risks_ok": ("no open risk at {score} or above",
                    "ei avoimia riskejä, joiden pisteet ovat {score} tai yli"),
    "ev.risks": ("open risks at {score} or above: {keys}",
                 "avoimet riskit, joiden pisteet ovat {score} tai yli: {keys}"),
    "ev.unreadable": ("the criterion cannot be read", "ehtoa ei voi lukea"),
}

LABELS: dict[str, tuple[str, str]] = {
    **_STATUS_WORDS,
    **_KPI_DESCRIPTIONS,
    **{f"report.{key}": words for key, words in _EVIDENCE.items()},
    # decisions needed
    "report.decisions": ("Decisions needed", "Päätettävät asiat"),
    "report.gate_line": ("{gate} · planned {when} · {status} · {state}",
                         "{gate} · suunniteltu {when} · {status} · {state}"),
    "report.criterion": ("Criterion", "Ehto"),
    "report.result": ("Result", "Tulos"),
    "report.evidence": ("Evidence", "Näyttö"),
    "report.no_criteria": ("No criteria: the gate is decided on judgement alone.",
                           "Ei ehtoja: portti päätetään harkinnan mukaan."),
    "report.past_decisions": ("Decisions made", "Tehdyt päätökset"),
    "report.override": ("Override", "Ohitus"),
    "report.override_reason": ("override: {reason}", "ohitettu: {reason}"),
    "report.no_gates": ("The runbook has no gates.", "Ajokirjassa ei ole portteja."),
    # cutover
    "report.cutover": ("Cutover", "Tuotantoonsiirto"),
    "report.critical_path_run": ("Critical path of {run} (forecast), ends {end}",
                                 "Ajon {run} kriittinen polku (ennuste), päättyy {end}"),
    "report.critical_path_plan": ("Critical path of the plan (no run in progress), ends {end}",
                                  "Suunnitelman kriittinen polku (ei käynnissä olevaa ajoa), "
                                  "päättyy {end}"),
    "report.finish": ("Finish", "Loppu"),
    "report.slack": ("Slack", "Pelivara"),
    "report.critical_mark": ("critical", "kriittinen"),
    "report.attention": ("Late, failed or blocked", "Myöhässä, epäonnistuneet tai estetyt"),
    "report.no_attention": ("Nothing is late, failed or blocked in {run}.",
                            "Ajossa {run} ei ole myöhässä olevia, epäonnistuneita eikä estettyjä "
                            "tehtäviä."),
    "report.no_run": ("No run in progress: nothing can be late, failed or blocked.",
                      "Ei käynnissä olevaa ajoa: mikään ei voi olla myöhässä, epäonnistunut tai "
                      "estetty."),
    "report.since": ("Since", "Alkaen"),
    "report.why": ("Why", "Syy"),
    "report.burndown_of": ("Run {run}: tasks remaining, planned (that run's plan) and actual",
                           "Ajo {run}: jäljellä olevat tehtävät, suunniteltu (ajon oma "
                           "suunnitelma) ja toteutunut"),
    "report.burndown_table": ("Tasks remaining at", "Tehtäviä jäljellä hetkellä"),
    "report.running": ("Running", "Käynnissä"),
    "report.ready": ("Can start now", "Voi aloittaa nyt"),
    "report.run_tasks": ("Tasks of {run}", "Ajon {run} tehtävät"),
    "report.nothing_running": ("Nothing is running.", "Mikään ei ole käynnissä."),
    "report.nothing_ready": ("Nothing can start now.", "Mitään ei voi aloittaa nyt."),
    # rehearsals
    "report.rehearsals": ("Rehearsals compared", "Harjoitusten vertailu"),
    "report.no_rehearsals": ("No rehearsal has finished yet.", "Yksikään harjoitus ei ole vielä "
                             "päättynyt."),
    "report.rehearsal_line": ("{start} → {end}, took {elapsed}; {done} tasks done: work planned "
                              "{planned}, actual {actual} ({overrun})",
                              "{start} → {end}, kesto {elapsed}; {done} tehtävää valmiina: "
                              "työtä suunniteltu {planned}, toteutunut {actual} ({overrun})"),
    "report.fitted": ("It fitted the cutover window ({window}).",
                      "Harjoitus mahtui katkoikkunaan ({window})."),
    "report.not_fitted": ("It did not fit the cutover window ({window}).",
                          "Harjoitus ei mahtunut katkoikkunaan ({window})."),
    "report.no_window": ("No cutover window is set.", "Katkoikkunaa ei ole asetettu."),
    "report.workstream": ("Workstream", "Työvirta"),
    "report.whole": ("All workstreams", "Kaikki työvirrat"),
    "report.tasks_done_n": ("Done", "Valmiina"),
    "report.overrun": ("Overrun", "Ylitys"),
    "report.ratio": ("× plan", "× suunnitelma"),
    "report.biggest_overruns": ("Biggest overruns", "Suurimmat ylitykset"),
    "report.work_chart": ("{run}: work planned and actual by workstream, hours",
                          "{run}: suunniteltu ja toteutunut työ työvirroittain, tuntia"),
    "report.estimates": ("How the estimates changed", "Arvioiden muutokset"),
    "report.estimates_line": ("{tasks} tasks have rehearsal actuals: at their median {longer} "
                              "take longer than planned and {shorter} less; their planned work "
                              "{planned} becomes {median}.",
                              "{tasks} tehtävällä on harjoitusten toteumat: mediaanilla {longer} "
                              "kestää suunniteltua kauemmin ja {shorter} lyhyemmin; niiden "
                              "suunniteltu työ {planned} muuttuu {median}."),
    "report.median": ("Median", "Mediaani"),
    "report.samples": ("Rehearsals", "Harjoituksia"),
    "report.applied": ("Re-estimates applied", "Käyttöön otetut uudet arviot"),
    "report.applied_line": ("{at} by {actor}: {changed} durations from {runs}; end {change}",
                            "{at}, {actor}: {changed} kestoa ajoista {runs}; loppu {change}"),
    "report.none_applied": ("No re-estimate has been applied (`migctl task estimate --apply`).",
                            "Uusia arvioita ei ole otettu käyttöön (`migctl task estimate "
                            "--apply`)."),
    # SSO, KPIs
    "report.sso_age": ("{status}, {age}", "{status}, {age}"),
    "report.not_run": ("–", "–"),
    "report.kpi_age": ("Age", "Ikä"),
    "report.description": ("Description", "Kuvaus"),
    "report.stale": ("stale", "vanhentunut"),
    "report.age_hours": ("{n} h ago", "{n} h sitten"),
    "report.age_days": ("{n} d ago", "{n} pv sitten"),
    "report.chart_table": ("The chart's numbers", "Kaavion luvut"),
    "report.coverage_table": ("Coverage over time", "Kattavuus ajan mittaan"),
    "report.at": ("At", "Ajankohta"),
    "report.hours_short": ("{n} h", "{n} h"),
}
