"""runbook.csv: the cutover runbook, tasks, milestones and the go/no-go gates with their
criteria; the schedule helpers (durations, dependency order) rehearsal.py also uses."""

from __future__ import annotations

import datetime as dt
import re

from .common import TZ2, Build, CheckError, P, Seen, need, read_csv, write_csv
from .kpis import BUILTIN_KPIS, KPI_DEFS
from .systems import SSO_SYSTEMS

RUNBOOK_COLS = ["key", "title", "workstream", "system", "owner", "kind", "duration",
                "depends_on", "planned_start", "rollback_note", "criteria"]

C = {
    "gate0": "kpi:ostolaskut_5pv>=90;kpi:avoimet_ostolaskut<=500;incidents-below:critical:1",
    "gate1": "mapping-valid:tilimappaus;mapping-valid:kustannuspaikat;"
             "tasks-done:FIN-040,FIN-060,AP-030,PAY-030,HR-020;incidents-below:critical:1",
    "gate2": "reconciled:tilimappaus;sso-pass:raindance;sso-pass:basware;sso-pass:personec_hr;"
             "tasks-done:FIN-080,FIN-140,AP-080,PAY-050,SSO-050;incidents-below:high:1;"
             "kpi:palkka_virheet<=5",
}
T0 = "2026-12-31T16:00:00+02:00"
# key, title, workstream, system, owner, kind, duration, depends_on, planned_start,
# rollback, criteria
RUNBOOK = [
    ("GATE-0", "Go/no-go: cutoverin aloitus (ohjausryhmä)", "Yleinen", "", P["pm"], "gate", "1h",
     "", "2026-12-30T14:00:00+02:00",
     "No-go: cutover siirretään, vanhat järjestelmät jatkavat normaalisti", C["gate0"]),
    ("MS-010", "Cutover alkaa", "Yleinen", "", P["cm"], "milestone", "0m", "GATE-0", T0, "", ""),
    ("GEN-010", "Tilannehuone auki, roolit, päivystysvuorot ja yhteystiedot vahvistettu",
     "Yleinen", "", P["cm"], "task", "30m", "MS-010", "", "Ei palautettavaa", ""),
    ("GEN-020", "Käyttäjätiedote: vanhat järjestelmät suljetaan klo 17", "Yleinen", "", P["com"],
     "task", "30m", "GEN-010", "", "Oikaiseva tiedote käyttäjille", ""),
    ("GEN-030", "Tilannekatsaus 1: jäädytykset ja poiminnat", "Yleinen", "", P["cm"], "task",
     "30m", "FIN-040,AP-020,PAY-020,HR-010", "", "Ei palautettavaa", ""),
    ("GEN-040", "Tilannekatsaus 2: muunto ja lataukset", "Yleinen", "", P["cm"], "task", "30m",
     "FIN-060,PAY-030,HR-030", "", "Ei palautettavaa", ""),
    ("GEN-050", "Ohjausryhmän tiedote go-live-päätöksestä", "Yleinen", "", P["pm"], "task", "30m",
     "GATE-2", "", "Tiedote no-go-päätöksestä ja paluusuunnitelman käynnistys", ""),
    ("GEN-060", "Käyttäjätiedote: uudet järjestelmät käytössä", "Yleinen", "", P["com"], "task",
     "30m", "MS-030", "", "Oikaiseva tiedote käyttäjille", ""),
    # Talous
    ("FIN-010", "Populus: kirjausten jäädytys ja käyttäjien lukitus", "Talous", "populus",
     P["fin"], "task", "1h", "GEN-020", "", "Käyttäjien lukitus puretaan Populuksessa", ""),
    ("FIN-020", "Populus: viimeiset jaksotukset ja ALV-kirjaukset 12/2026", "Talous", "populus",
     P["fin"], "task", "4h", "FIN-010", "", "Jaksotusten peruutuskirjaus", ""),
    ("FIN-030", "Populus: kauden 12/2026 lukitus", "Talous", "populus", P["fin"], "task", "30m",
     "FIN-020,AP-020", "", "Kauden lukitus avataan", ""),
    ("FIN-040", "Loppusaldojen poiminta (tase ja tuloslaskelma, tili × kustannuspaikka)",
     "Talous", "populus", P["mig"], "task", "2h", "FIN-030", "",
     "Poiminta ajetaan uudelleen", ""),
    ("FIN-050", "Saldojen muunto tilimappauksella (migctl translate)", "Talous", "raindance",
     P["mig"], "task", "90m", "FIN-040,INT-020", "", "Muuntotulos hylätään, muunto uudelleen", ""),
    ("FIN-060", "Muunnon validointi ja poikkeamien korjaus", "Talous", "raindance", P["mig"],
     "task", "3h", "FIN-050", "", "Palataan edelliseen hyväksyttyyn mappausversioon", ""),
    ("FIN-070", "Avaavat saldot 1.1.2027: lataus Raindanceen", "Talous", "raindance", P["rd"],
     "task", "2h", "GATE-1", "", "Avaavien saldojen tosite mitätöidään", ""),
    ("FIN-080", "Avaavien saldojen täsmäytys Populuksen loppusaldoihin", "Talous", "raindance",
     P["fin"], "task", "3h", "FIN-070", "", "Täsmäytyserot kirjataan selvittelytilille 255900",
     ""),
    ("FIN-090", "Käyttöomaisuusrekisterin siirto", "Talous", "kayttoomaisuus", P["ast"], "task",
     "4h", "FIN-040", "", "Siirretty rekisteri tyhjennetään", ""),
    ("FIN-100", "Käyttöomaisuuden täsmäytys tase-eriin", "Talous", "kayttoomaisuus", P["ast"],
     "task", "2h", "FIN-090,FIN-080", "", "Erot kirjataan selvittelytilille", ""),
    ("FIN-110", "Raindance: kauden 1/2027 avaus", "Talous", "raindance", P["rd"], "task", "30m",
     "FIN-080", "", "Kausi suljetaan", ""),
    ("FIN-120", "Raindance: pankkitilit ja viitemaksujen kohdistussäännöt", "Talous",
     "raindance", P["rd"], "task", "2h", "INT-050,FIN-110", "",
     "Viitemaksut ohjataan selvittelytilille", ""),
    ("FIN-130", "Myyntireskontran avoimet laskut: siirto", "Talous", "raindance", P["mig"],
     "task", "3h", "FIN-040", "", "Siirretyt laskut mitätöidään", ""),
    ("FIN-140", "Myyntireskontran täsmäytys", "Talous", "raindance", P["fin"], "task", "90m",
     "FIN-130,FIN-080", "", "Erot selvittelytilille", ""),
    ("FIN-150", "Opiferus: talousarvio 2027 siirto Raindanceen", "Talous", "opiferus", P["bud"],
     "task", "2h", "FIN-110,INT-040", "", "Talousarvio ladataan uudelleen", ""),
    # Ostolaskut
    ("AP-010", "Laskukierto: vastaanotto pysäytetään, verkkolaskut jonoon operaattorille",
     "Ostolaskut", "kierto", P["ap"], "task", "30m", "GEN-020", "",
     "Vastaanotto avataan Laskukierrossa", ""),
    ("AP-020", "Laskukierto: avoimien laskujen käsittely ja viimeinen maksuaineisto",
     "Ostolaskut", "kierto", P["ap"], "task", "4h", "AP-010", "",
     "Maksuaineisto peruutetaan pankista", ""),
    ("AP-030", "Avoimet ostolaskut: poiminta ja siirto Baswareen", "Ostolaskut", "basware",
     P["ap"], "task", "3h", "AP-020,AP-040", "", "Siirretyt laskut poistetaan Baswaresta", ""),
    ("AP-040", "Toimittajarekisterin siirto ja IBAN-tarkistus", "Ostolaskut", "basware",
     P["ap"], "task", "3h", "AP-010", "", "", ""),
    ("AP-050", "Basware: tarkastajat ja hyväksyjät uudesta organisaatiosta", "Ostolaskut",
     "basware", P["ap"], "task", "2h", "HR-030", "", "Hyväksyjät palautetaan testiryhmään", ""),
    ("AP-060", "Verkkolaskuoperaattorin reititys Baswareen", "Ostolaskut", "basware", P["ap"],
     "task", "1h", "AP-030,INT-030", "", "Reititys takaisin Laskukiertoon", ""),
    ("AP-070", "Basware → Raindance tiliöintisiirron testi", "Ostolaskut", "basware", P["ap"],
     "task", "2h", "AP-060,AP-050,FIN-110", "", "Testitosite mitätöidään", ""),
    ("AP-080", "Ostoreskontran täsmäytys", "Ostolaskut", "raindance", P["fin"], "task", "2h",
     "AP-030,FIN-080", "", "Erot selvittelytilille 255000", ""),
    # Palkat
    ("PAY-010", "Vahvista joulukuun viimeinen palkka-ajo (ajettu 28.12.) ja lukitse Palkkahallinto",
     "Palkat", "palkkahallinto", P["pay"], "task", "1h", "GEN-020", "",
     "Lukitus puretaan", ""),
    ("PAY-020", "Palkkahallinto: vuoden 2026 kertymien ja lomapankkien poiminta", "Palkat",
     "palkkahallinto", P["pay"], "task", "3h", "PAY-010", "", "Poiminta ajetaan uudelleen", ""),
    ("PAY-030", "Kertymien ja palvelussuhteiden lataus Personec Palkkaan", "Palkat",
     "personec_palkka", P["pay"], "task", "4h", "PAY-020,HR-020", "",
     "Ladatut kertymät poistetaan", ""),
    ("PAY-040", "Palkkalajien tiliöintisääntöjen tarkastus uuteen tilikarttaan", "Palkat",
     "personec_palkka", P["pay"], "task", "2h", "PAY-030", "",
     "Tiliöintisäännöt palautetaan testiversioon", ""),
    ("PAY-050", "Rinnakkaisajo: tammikuun koepalkka-ajo ja vertailu Palkkahallintoon", "Palkat",
     "personec_palkka", P["pay"], "task", "6h", "PAY-040,PAY-060", "",
     "Koepalkka-ajo mitätöidään", ""),
    ("PAY-060", "Verokorttitiedot Verohallinnosta Personeciin", "Palkat", "personec_palkka",
     P["pay"], "task", "2h", "INT-030", "", "Verokorttinouto ajetaan uudelleen", ""),
    ("PAY-070", "Palkkakirjanpidon siirtotesti Raindanceen", "Palkat", "frends", P["pay"], "task",
     "2h", "PAY-050,INT-060,FIN-110", "", "Testitosite mitätöidään", ""),
    ("PAY-080", "Tulorekisteri: testiyhteys ja varmenteet", "Palkat", "personec_palkka",
     P["pay"], "task", "1h", "INT-030", "", "", ""),
    # HR
    ("HR-010", "Henni HR: muutosten jäädytys", "HR", "henni", P["hr"], "task", "30m", "GEN-020", "",
     "Jäädytys puretaan", ""),
    ("HR-020", "Henkilö- ja palvelussuhdetietojen poiminta ja lataus Personec HR:ään", "HR",
     "personec_hr", P["hr"], "task", "5h", "HR-010", "", "Ladatut tiedot poistetaan", ""),
    ("HR-030", "Organisaatio (vastuuyksiköt) ja esihenkilösuhteet Personec HR:ään", "HR",
     "personec_hr", P["hr"], "task", "3h", "HR-020", "", "Organisaatio palautetaan", ""),
    ("HR-040", "Käyttöoikeusroolit: HR, esihenkilöt ja palkanlaskenta", "HR", "personec_hr",
     P["hr"], "task", "2h", "HR-030,SSO-020", "", "Roolit poistetaan", ""),
    ("HR-050", "HR-tietojen täsmäytys: henkilöt vastuuyksiköittäin", "HR", "personec_hr",
     P["hr"], "task", "2h", "HR-040", "", "Erot korjataan lähdetietoon ja ladataan uudelleen", ""),
    # Integraatiot
    ("INT-010", "SFTP-siirtojen ajastukset pysäytetään", "Integraatiot", "sftp_siirrot",
     P["intg"], "task", "30m", "GEN-020", "", "Ajastukset käynnistetään", ""),
    ("INT-020", "Frends: pääkirjaintegraatiot tuotantoon", "Integraatiot", "frends", P["intg"],
     "task", "2h", "INT-010", "", "Integraatiot pois päältä", ""),
    ("INT-030", "Frends: ulkoiset yhteydet (pankki, verkkolasku, Verohallinto, Tulorekisteri)",
     "Integraatiot", "frends", P["intg"], "task", "3h", "INT-010", "",
     "Ulkoiset yhteydet takaisin SFTP-palvelimelle", ""),
    ("INT-040", "Opiferus → Raindance budjettirajapinta päälle", "Integraatiot", "frends",
     P["intg"], "task", "1h", "INT-020", "", "Rajapinta pois päältä", ""),
    ("INT-050", "Pankkiyhteys: testimaksu ja tiliotteen nouto", "Integraatiot", "frends",
     P["intg"], "task", "2h", "INT-030", "", "Pankkiyhteys takaisin vanhaan", ""),
    ("INT-060", "Personec → Raindance palkkakirjanpitointegraatio päälle", "Integraatiot",
     "frends", P["intg"], "task", "1h", "INT-020", "", "Integraatio pois päältä", ""),
    ("INT-070", "Integraatioiden valvonta ja hälytykset päälle", "Integraatiot", "frends", "",
     "task", "1h", "INT-040,INT-050,INT-060", "", "Valvonta palautetaan testitilaan", ""),
    # SSO
    ("SSO-010", "Entra ID: sovellusrekisteröinnit tuotantoon (admin)", "SSO", "entra", P["sso"],
     "task", "1h", "GEN-010", "", "Rekisteröinnit poistetaan käytöstä", ""),
    ("SSO-020", "Entra ID: ryhmäpohjaiset roolit ja provisiointi", "SSO", "entra", P["sso"],
     "task", "2h", "SSO-010", "", "Provisiointi pysäytetään", ""),
    ("SSO-030", "SSO-kytkentä admin-ympäristö (kuusiniemi.fi): Raindance, Basware, Personec, "
     "Matkat, raportointi", "SSO", "entra", P["sso"], "task", "2h", "SSO-020,FIN-110", "",
     "Paikalliset tunnukset takaisin käyttöön", ""),
    ("SSO-040", "SSO-kytkentä education-ympäristö (edu.kuusiniemi.fi)", "SSO", "entra",
     P["edu"], "task", "2h", "SSO-030", "2027-01-03T09:00:00+02:00",
     "Education-käyttäjät ohjataan admin-tenantin vierastunnuksille", ""),
    ("SSO-050", "SSO-tarkistukset molemmissa ympäristöissä (migctl sso check)", "SSO", "entra",
     P["sso"], "task", "1h", "SSO-030,SSO-040", "", "Ei palautettavaa", ""),
    ("SSO-060", "Vanhojen järjestelmien kirjautuminen estetään (lukutila)", "SSO", "populus",
     P["sso"], "task", "1h", "GATE-2", "", "Kirjautuminen sallitaan uudelleen", ""),
    # Raportointi
    ("REP-010", "Talous-DW: vuoden 2026 viimeinen lataus", "Raportointi", "talous_dw", P["rep"],
     "task", "3h", "FIN-040", "", "Lataus ajetaan uudelleen", ""),
    ("REP-020", "Vertailutiedot 2025–2026 muunnettuna raportointiin", "Raportointi",
     "talousraportointi", P["rep"], "task", "3h", "REP-010,FIN-060", "", "", ""),
    ("REP-030", "Täsmäytysraportti: vanha vs. uusi (tase ja tuloslaskelma)", "Raportointi",
     "talousraportointi", P["rep"], "task", "2h", "REP-020,FIN-080", "",
     "Raportti julkaistaan vasta korjausten jälkeen", ""),
    # Gates and milestones
    ("GATE-1", "Go/no-go: tietojen siirto", "Yleinen", "", P["pm"], "gate", "30m",
     "FIN-060,AP-030,PAY-030,HR-020,INT-020,GEN-040", "2027-01-02T10:00:00+02:00",
     "No-go: muunto korjataan ja ajetaan uudelleen, go-live-päätös siirtyy", C["gate1"]),
    ("GATE-2", "Go/no-go: käyttöönotto", "Yleinen", "", P["pm"], "gate", "1h",
     "FIN-100,FIN-120,FIN-140,FIN-150,AP-070,AP-080,PAY-070,PAY-080,HR-050,SSO-050,INT-070,"
     "REP-030", "2027-01-03T16:00:00+02:00",
     "No-go: paluusuunnitelma RB-1, vanhat järjestelmät avataan 4.1.", C["gate2"]),
    ("MS-020", "Cutover valmis, vanhat järjestelmät lukutilassa", "Yleinen", "", P["cm"],
     "milestone", "0m", "GATE-2,SSO-060,GEN-050", "", "", ""),
    ("MS-030", "Go-live: uudet järjestelmät käytössä", "Yleinen", "", P["pm"], "milestone", "0m",
     "MS-020", "2027-01-04T07:00:00+02:00", "", ""),
    # Hypercare
    ("HC-010", "Hypercare alkaa: tukikanava ja päivystys auki", "Hypercare", "", P["cm"], "task",
     "30m", "MS-030", "2027-01-04T08:00:00+02:00", "Ei palautettavaa", ""),
    ("HC-020", "Päivittäinen hypercare-palaveri (1. kerta)", "Hypercare", "", P["cm"], "task",
     "30m", "HC-010", "2027-01-04T14:00:00+02:00", "Ei palautettavaa", ""),
    ("HC-030", "Ensimmäinen maksuajo Basware → Raindance → pankki", "Hypercare", "basware",
     P["ap"], "task", "2h", "HC-010", "2027-01-05T10:00:00+02:00",
     "Maksuaineisto peruutetaan, maksut käsin pankin verkkopalvelussa", ""),
    ("HC-040", "Tammikuun palkka-ajo Personec Palkalla", "Hypercare", "personec_palkka",
     P["pay"], "task", "1d", "HC-010", "2027-01-12T08:00:00+02:00",
     "Varapalkanmaksu edellisen kuun tiedoilla", ""),
    ("HC-050", "Hypercare-viikkoraportti 1 ohjausryhmälle", "Hypercare", "", P["pm"], "task",
     "1h", "HC-020", "2027-01-08T14:00:00+02:00", "Ei palautettavaa", ""),
    ("HC-060", "Vanhat järjestelmät arkistoon (lukutila, arkistointiajot)", "Hypercare",
     "populus", P["fin"], "task", "2d", "HC-050", "", "Arkistointi keskeytetään", ""),
    ("HC-070", "Hypercare päättyy, siirto jatkuvaan tukeen", "Hypercare", "", P["pm"],
     "milestone", "0m", "HC-040,HC-060", "2027-01-29T16:00:00+02:00", "", ""),
]
# file order: group by workstream as a project manager would write it
RUNBOOK_ORDER = ["GATE-0", "MS-010", "GEN-010", "GEN-020", "GEN-030", "GEN-040"] + \
    [r[0] for r in RUNBOOK if r[0].startswith("FIN-")] + \
    [r[0] for r in RUNBOOK if r[0].startswith("AP-")] + \
    [r[0] for r in RUNBOOK if r[0].startswith("PAY-")] + \
    [r[0] for r in RUNBOOK if r[0].startswith("HR-")] + \
    [r[0] for r in RUNBOOK if r[0].startswith("INT-")] + \
    [r[0] for r in RUNBOOK if r[0].startswith("SSO-")] + \
    [r[0] for r in RUNBOOK if r[0].startswith("REP-")] + \
    ["GATE-1", "GATE-2", "GEN-050", "MS-020", "MS-030", "GEN-060"] + \
    [r[0] for r in RUNBOOK if r[0].startswith("HC-")]

CUTOVER_START = dt.datetime(2026, 12, 31, 16, 0, tzinfo=TZ2)
CUTOVER_END = dt.datetime(2027, 1, 3, 20, 0, tzinfo=TZ2)


def parse_duration(s):
    m = re.fullmatch(r"(\d+)([mhd])", s)
    n, u = int(m.group(1)), m.group(2)
    return dt.timedelta(minutes=n) if u == "m" else (
        dt.timedelta(hours=n) if u == "h" else dt.timedelta(days=n))


def topo_order(tasks):
    deps = {k: [d for d in t["depends_on"].split(",") if d] for k, t in tasks.items()}
    order, state = [], {}

    def visit(k, stack):
        if state.get(k) == 2:
            return
        if state.get(k) == 1:
            raise ValueError("cycle: " + " -> ".join([*stack, k]))
        state[k] = 1
        for d in deps[k]:
            visit(d, [*stack, k])
        state[k] = 2
        order.append(k)

    for k in tasks:
        visit(k, [])
    return order


def schedule(tasks):
    start, end = {}, {}
    for k in topo_order(tasks):
        t = tasks[k]
        cands = [end[d] for d in t["depends_on"].split(",") if d]
        if t["planned_start"]:
            cands.append(dt.datetime.fromisoformat(t["planned_start"]))
        s = max(cands)
        start[k], end[k] = s, s + parse_duration(t["duration"])
    return start, end


def runbook_dicts():
    by = {r[0]: dict(zip(RUNBOOK_COLS, r, strict=True)) for r in RUNBOOK}
    return {k: by[k] for k in RUNBOOK_ORDER}


def generate(build: Build) -> None:
    tasks = runbook_dicts()
    write_csv(build.out, "runbook.csv", RUNBOOK_COLS,
              [[t[c] for c in RUNBOOK_COLS] for t in tasks.values()])
    build.tasks = tasks


def check(seen: Seen) -> None:
    h, rb = read_csv(seen.out, "runbook.csv")
    need(h == RUNBOOK_COLS, "runbook header")
    need(65 <= len(rb) <= 80, f"runbook size {len(rb)}")
    tasks = {r["key"]: r for r in rb}
    need(len(tasks) == len(rb), "dup runbook keys")
    pos = {r["key"]: i for i, r in enumerate(rb)}
    forward = 0
    for r in rb:
        need(re.fullmatch(r"[A-Z]+-\d+", r["key"]), r["key"])
        need(r["kind"] in ("task", "milestone", "gate"), r)
        parse_duration(r["duration"])
        if r["kind"] == "milestone":
            need(r["duration"] == "0m", r)
        need(not r["system"] or r["system"] in seen.skeys, f"runbook system {r}")
        for d in filter(None, r["depends_on"].split(",")):
            need(d in tasks, f"{r['key']} depends on unknown {d}")
            forward += pos[d] > pos[r["key"]]
        if r["planned_start"]:
            need(dt.datetime.fromisoformat(r["planned_start"]).utcoffset() is not None, r)
        if r["criteria"]:
            need(r["kind"] == "gate", f"criteria on non-gate {r['key']}")
            for spec in r["criteria"].split(";"):
                _check_criterion(spec, tasks)
        else:
            need(r["kind"] != "gate", f"gate without criteria {r['key']}")
    need(forward >= 3, "forward dependencies")
    need(any(not r["owner"] for r in rb), "task without owner")
    need(sum(1 for r in rb if r["kind"] == "task" and not r["rollback_note"]) >= 2, "rollback")
    topo_order(tasks)
    start, end = schedule(tasks)
    need(start["MS-010"] == CUTOVER_START, "cutover start")
    need(end["MS-020"] <= CUTOVER_END, f"cutover ends {end['MS-020']}")
    need(start["MS-030"] == dt.datetime(2027, 1, 4, 7, 0, tzinfo=TZ2), "go-live")
    seen.rb, seen.tasks, seen.end = rb, tasks, end


def _check_criterion(spec, tasks) -> None:
    """One gate criterion (`kind:argument`) of the runbook's `criteria` column."""
    kind, _, arg = spec.partition(":")
    if kind in ("mapping-valid", "reconciled"):
        need(arg in ("tilimappaus", "kustannuspaikat"), spec)
    elif kind == "sso-pass":
        need(arg in SSO_SYSTEMS, spec)
    elif kind == "tasks-done":
        need(all(k in tasks for k in arg.split(",")), spec)
    elif kind == "incidents-below":
        sev, n = arg.split(":")
        need(sev in ("critical", "high", "medium", "low") and int(n) >= 1, spec)
    elif kind == "kpi":
        m = re.fullmatch(r"([a-z0-9_]+)(>=|<=)([\d,]+)", arg)
        need(m and m.group(1) in {k[0] for k in KPI_DEFS} | set(BUILTIN_KPIS), spec)
    else:
        raise CheckError(f"unknown criterion {spec}")
