"""Words of the terminal status screen (`migctl status --lang fi`, issue 17) and Finnish number
agreement. The English side is what the screen has always said, so English output is unchanged;
keys start with ``fi_``. Status values reuse the report's keys (``task_status.*``,
``sso_status.*``, ``system_status.*``, ``severity.*``, ``incident_status.*``)."""

from __future__ import annotations

import re

LABELS: dict[str, tuple[str, str]] = {
    # header and readiness
    "fi_header_counts": ("{red} red, {amber} amber", "{red} punaista, {amber} keltaista"),
    "fi_next_go_live": ("next go-live", "seuraava käyttöönotto"),
    "fi_running": ("running", "käynnissä"),
    "fi_production_cutover_starts": ("production cutover starts",
                                     "varsinainen tuotantoonsiirto alkaa"),
    "fi_run_kind.rehearsal": ("rehearsal", "harjoitus"),
    "fi_run_kind.production": ("production", "tuotanto"),
    "fi_cutover_starts": ("cutover starts", "tuotantoonsiirto alkaa"),
    "fi_programme_row": ("(programme)", "(koko ohjelma)"),
    "fi_green_list": ("green: ", "vihreällä: "),
    "fi_no_targets": ("no target systems and no signals",
                      "ei uusia järjestelmiä eikä havaintoja"),
    "fi_and_more": ("… and {n} more", "… ja {more}"),
    # systems
    "fi_systems_counts": ("{targets} target ({live} live), {legacy} legacy",
                          "{targets} uutta ({live} tuotannossa), {legacy} vanhaa"),
    "fi_target": ("Target", "Uusi"),
    "fi_legacy": ("Legacy", "Vanha"),
    "fi_envs": ("Envs", "Ympäristöt"),
    "fi_retires": ("Retires", "Poistuu"),
    # cutover
    "fi_no_runbook": ("no runbook yet (`migctl task import FILE`)",
                      "ei vielä ajokirjaa (`migctl task import FILE`)"),
    "fi_no_run_active": ("no run active", "ei käynnissä olevaa ajoa"),
    "fi_run": ("run", "ajo"),
    "fi_since": ("since", "alkaen"),
    "fi_done_of": ("{done}/{total} done", "{done}/{total} valmiina"),
    "fi_planned": ("planned", "suunniteltu"),
    "fi_forecast": ("forecast", "ennuste"),
    "fi_work_ends": ("cutover work ends", "tuotantoonsiirron työt päättyvät"),
    "fi_window": ("window", "ikkuna"),
    "fi_go_live": ("go-live", "käyttöönotto"),
    "fi_workstream": ("Workstream", "Työvirta"),
    "fi_done": ("Done", "Valmiina"),
    "fi_skipped": ("Skipped", "Ohitettu"),
    "fi_total": ("Total", "Yhteensä"),
    "fi_late": ("Late", "Myöhässä"),
    "fi_start_by": ("Start by", "Aloitettava viimeistään"),
    "fi_critical": ("Critical", "Kriittinen"),
    "fi_blocked": ("Blocked", "Estetty"),
    "fi_reason": ("Reason", "Syy"),
    "fi_failed": ("Failed", "Epäonnistunut"),
    "fi_since_col": ("Since", "Alkaen"),
    "fi_at": ("At", "Aika"),
    "fi_last_decision": ("Last decision", "Viimeisin päätös"),
    "fi_awaiting": ("awaiting", "odottaa"),
    "fi_next_ready": ("Next ready", "Seuraavaksi valmiina"),
    "fi_slack": ("Slack", "Pelivara"),
    "fi_critical_path": ("critical path", "kriittinen polku"),
    "fi_last_rehearsal": ("Last rehearsal  ", "Viimeisin harjoitus  "),
    "fi_rehearsal_counts": ("{done} done, {skipped} skipped of {total}; task time "
                            "{planned} planned, {actual} actual ",
                            "{done} valmiina, {skipped} ohitettu / {total}; tehtävien aika "
                            "{planned} suunniteltu, {actual} toteutunut "),
    "fi_biggest_overruns": ("biggest overruns: ", "suurimmat ylitykset: "),
    "fi_criteria": ("Criteria", "Ehdot"),
    "fi_pass": ("Pass", "Täyttyy"),
    "fi_of": ("Of", "/"),
    # SSO
    "fi_sso_none": ("no checks configured (`migctl sso import FILE.toml`)",
                    "ei tarkistuksia (`migctl sso import FILE.toml`)"),
    "fi_sso_checks": ("{n} checks: ", "{n} tarkistusta: "),
    "fi_sso_never_run": ("   never run: `migctl sso check`", "   ei ajettu: `migctl sso check`"),
    "fi_sso_last_run": ("   last run {age} ago", "   viimeksi ajettu {age} sitten"),
    "fi_sso_just_now": ("   last run just now", "   viimeksi ajettu juuri nyt"),
    "fi_certificate": ("certificate", "varmenne"),
    "fi_d": ("d", "pv"),
    "fi_just_now": ("just now", "juuri nyt"),
    # KPIs
    "fi_no_snapshot": ("no snapshot yet", "ei vielä tilannekuvaa"),
    "fi_no_kpi_values": ("no KPI values yet", "ei vielä mittariarvoja"),
    "fi_live": ("live", "ajantasainen"),
    "fi_kpi_source.live": ("live", "laskettu"),
    "fi_kpi_source.snapshot": ("snapshot", "tilannekuva"),
    "fi_kpi_source.record": ("record", "kirjattu"),
    # incidents
    "fi_n_open": ("{n} open", "{n} avoinna"),
    "fi_n_closed": ("{n} closed", "{n} suljettu"),
    "fi_mttc": ("mean time to close {h} h", "keskimääräinen sulkemisaika {h} h"),
    "fi_oldest_open": ("oldest open {incident} ({age})", "vanhin avoin {incident} ({age})"),
    "fi_open_col": ("Open", "Avoin"),
    "fi_more_open": ("… and {n} more open: `migctl incident list --open`",
                     "… ja {n} muuta avointa: `migctl incident list --open`"),
    "fi_provider_sla": ("Provider's service levels  ", "Toimittajan palvelutasot  "),
    "fi_sla_breaches": ("SLA breaches", "Palvelutason ylitykset"),
    # mapping
    "fi_mappings": ("Mappings", "Mappaukset"),
    "fi_no_mapping_sets": ("no mapping sets imported", "ei tuotuja mappauksia"),
    "fi_sets_failing": ("{n} set(s), {failing} with validation errors",
                        "{sets}, joista {failing} validointivirheellisiä"),
    "fi_set": ("Set", "Mappaus"),
    "fi_ver": ("Ver", "Versio"),
    "fi_latest_validation": ("Latest validation", "Viimeisin validointi"),
    "fi_latest_translation": ("Latest translation", "Viimeisin muunnos"),
    "fi_never_validated": ("never validated", "ei validoitu"),
    "fi_reconciled": ("reconciled", "täsmää"),
    "fi_untranslated": ("{n} lines untranslated", "{n} riviä muuntamatta"),
    # people, identity, register, window
    "fi_people_payroll": ("People — payroll  ", "Henkilöstö — palkat  "),
    "fi_payroll": ("Payroll", "Palkkavertailu"),
    "fi_employees": ("Employees", "Henkilöitä"),
    "fi_by_cause": ("By cause", "Syittäin"),
    "fi_open_by_income": ("Open by income type", "Avoimet tulolajeittain"),
    "fi_patterns": ("patterns", "toistuvat erot"),
    "fi_periods": ("Periods", "Jaksot"),
    "fi_coverage_of": ("Coverage of", "Kattavuus"),
    "fi_env_or_system": ("Environment / system", "Ympäristö / järjestelmä"),
    "fi_active": ("Active", "Aktiivisia"),
    "fi_findings": ("Findings", "Havainnot"),
    "fi_register": ("Register", "Rekisteri"),
    "fi_overdue": ("Overdue", "Myöhässä"),
    "fi_due": ("Due", "Määräpäivä"),
    "fi_risk": ("Risk", "Riski"),
    "fi_score": ("Score", "Pisteet"),
    "fi_mitigation": ("Mitigation", "Hallintatoimi"),
    "fi_window_end": ("Window end", "Ikkuna päättyy"),
    "fi_task": ("Task", "Tehtävä"),
    "fi_criticality": ("Criticality", "Kriittisyys"),
    "fi_most_often_critical": ("Most often on the critical path",
                               "Useimmin kriittisellä polulla"),
    # sentences whose counts are worded in Finnish (``counted``)
    "fi_identity_summary": ("run {run} on {on}: {active}, {errors}, {warnings}; target "
                            "{target} % (training {trained} %)",
                            "ajo {run} päivälle {on}: {active}, {errors}, {warnings}; "
                            "tavoite {target} % (koulutus {trained} %)"),
    "fi_payroll_summary": ("{runs}: {clean} clean, {not_clean} not clean, {never} never run; "
                           "{employees} employees compared, {open}, {eur} EUR not explained",
                           "{runs}: {clean} täsmää, {not_clean} ei täsmää, {never} ajamatta; "
                           "{employees} henkilöä verrattu, {open}, {eur} EUR selittämättä"),
    # data load
    "fi_data_load": ("Data load  ", "Tietojen siirto  "),
    "fi_recon": ("Recon", "Täsmäytys"),
    "fi_open": ("Open", "Avoimia"),
    "fi_not_explained_eur": ("Not explained €", "Selittämättä €"),
    "fi_causes": ("Causes", "Syyt"),
    "fi_cause.field_differs": ("field_differs", "kenttä eroaa"),
    "fi_cause.missing_in_target": ("missing_in_target", "puuttuu kohteesta"),
    "fi_cause.unexpected_in_target": ("unexpected_in_target", "ylimääräinen kohteessa"),
    "fi_cause.accepted": ("accepted", "hyväksytty"),
    "fi_cause.amount_differs": ("amount_differs", "summa eroaa"),
    "fi_cause.misposted": ("misposted", "väärin kirjattu"),
    "fi_cause.rounding": ("rounding", "pyöristys"),
    "fi_cause.untranslated": ("untranslated", "muuntamatta"),
    "fi_cause.duplicate_key": ("duplicate_key", "avain kahdesti"),
    "fi_cause.missing_employee": ("missing_employee", "henkilö puuttuu"),
    "fi_cause.unmapped_wage_type": ("unmapped_wage_type", "palkkalaji mappaamatta"),
    "fi_cause.matched": ("matched", "täsmää"),
    "fi_cause.extra_employee": ("extra_employee", "ylimääräinen henkilö"),
    "fi_cause.missing_pay": ("missing_pay", "palkkarivi puuttuu"),
    "fi_cause.extra_pay": ("extra_pay", "ylimääräinen palkkarivi"),
}

#: Words counted in sentences: key → (English one, English many, Finnish one, Finnish many).
#: Finnish takes the singular nominative after 1 and the partitive after any other number.
COUNTS: dict[str, tuple[str, str, str, str]] = {
    "error": ("error", "errors", "virhe", "virhettä"),
    "warning": ("warning", "warnings", "varoitus", "varoitusta"),
    "line": ("line", "lines", "rivi", "riviä"),
    "check": ("check", "checks", "tarkistus", "tarkistusta"),
    "set": ("set", "sets", "mappaus", "mappausta"),
    "difference": ("difference", "differences", "ero", "eroa"),
    "task": ("task", "tasks", "tehtävä", "tehtävää"),
    "incident": ("incident", "incidents", "häiriö", "häiriötä"),
    "action": ("action", "actions", "toimenpide", "toimenpidettä"),
    "more": ("more", "more", "muu", "muuta"),
    "open_difference": ("open difference", "open differences", "avoin ero", "avointa eroa"),
    "payroll_run": ("payroll comparison", "payroll comparisons", "palkkavertailu",
                    "palkkavertailua"),
    "active_person": ("person active", "people active", "aktiivinen henkilö",
                      "aktiivista henkilöä"),
}


def counted(n: int, key: str, lang: str = "en") -> str:
    """``1 virhe``, ``3 virhettä``, ``1 error``, ``2 errors``; an unknown key as itself."""
    en_one, en_many, fi_one, fi_many = COUNTS.get(key, (key, key, key, key))
    one, many = (fi_one, fi_many) if lang == "fi" else (en_one, en_many)
    return f"{n} {one if n == 1 else many}"


_NUMBER = re.compile(r"(-?)(\d+)(?:\.(\d+))?")


def fi_number(value: object) -> str:
    """A number a signal carries as text (``"95.34"``, ``"819447.50"``) written the Finnish way
    (``95,34``, ``819 447,50`` with a narrow no-break space, as ``format_number`` groups), with
    the decimals it was given; anything else as it is."""
    text = str(value)
    found = _NUMBER.fullmatch(text)
    if found is None:
        return text
    sign, whole, fraction = found.groups()
    groups = [whole[max(0, end - 3):end] for end in range(len(whole), 0, -3)][::-1]
    grouped = "\u202f".join(groups)
    return ("−" if sign else "") + grouped + ("," + fraction if fraction else "")


def fi_span(compact: str) -> str:
    """A compact duration (``2d6h16m``, ``45m``, as ``values.format_duration`` writes it) as
    Finnish writes it: ``2 pv 6 h 16 min``; anything else as given."""
    parts = re.fullmatch(r"(-?)(?:(\d+)d)?(?:(\d+)h)?(?:(\d+)m)?", compact.strip())
    if not compact.strip() or parts is None:
        return compact
    sign, days, hours, minutes = parts.groups()
    words = [f"{n} {unit}" for n, unit in ((days, "pv"), (hours, "h"), (minutes, "min")) if n]
    return ("−" if sign else "") + " ".join(words)


def duration(minutes: int, lang: str) -> str:
    """``2d6h16m`` in English, ``2 pv 6 h 16 min`` in Finnish."""
    from migctl.values import format_duration

    compact = format_duration(minutes)
    return fi_span(compact) if lang == "fi" else compact
