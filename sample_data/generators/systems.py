"""systems.csv: the legacy and target systems of the programme."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict

from .common import Build, Seen, need, read_csv, write_csv

SYSTEM_COLS = ["key", "name", "role", "domain", "vendor", "owner", "status",
               "planned_go_live", "environments", "replaces"]
SYSTEMS = [
    # legacy
    ("populus", "Populus Talous (pääkirja, reskontrat, käyttöomaisuus)", "legacy", "finance",
     "Tietopiiri Oy", "Satu Lehtonen", "live", "", "admin,education", ""),
    ("kierto", "Laskukierto Pro", "legacy", "procurement", "Kiertotieto Oy",
     "Paula Nieminen", "live", "", "admin,education", ""),
    ("palkkahallinto", "Palkkahallinto", "legacy", "payroll", "Palkkatieto Oy",
     "Timo Laaksonen", "parallel_run", "", "admin,education", ""),
    ("henni", "Henni HR", "legacy", "hr", "Hennitieto Oy", "Hanna Virtanen", "live", "",
     "admin,education", ""),
    ("tab_budjetti", "TAB Talousarvio", "legacy", "budgeting", "Kuntalaskenta Oy",
     "Leena Turunen", "retired", "", "admin", ""),
    ("eportti", "ePortti Matkalaskut", "legacy", "travel", "Portti Systems Oy",
     "Merja Salminen", "live", "", "admin,education", ""),
    ("talous_dw", "Talous-DW (Oracle-tietovarasto)", "legacy", "reporting",
     "Kuusiniemen ICT-palvelut", "Janne Räsänen", "live", "", "admin", ""),
    ("sftp_siirrot", "SFTP-siirtopalvelin ja eräajot", "legacy", "integration",
     "Kuusiniemen ICT-palvelut", "Mikko Salonen", "live", "", "admin", ""),
    # target
    ("raindance", "Raindance Talous", "target", "finance", "CGI Suomi Oy",
     "Antti Heikkinen", "in_progress", "2027-01-04", "admin,education", "populus"),
    ("kayttoomaisuus", "Raindance Käyttöomaisuus", "target", "assets", "CGI Suomi Oy",
     "Petri Ahonen", "in_progress", "2027-01-04", "admin", "populus"),
    ("basware", "Basware P2P (ostolaskut)", "target", "procurement", "Basware Oyj",
     "Paula Nieminen", "in_progress", "2027-01-04", "admin,education", "kierto"),
    ("personec_palkka", "Visma Personec Palkka", "target", "payroll", "Visma Enterprise Oy",
     "Timo Laaksonen", "parallel_run", "2027-01-04", "admin", "palkkahallinto"),
    ("personec_hr", "Visma Personec HR", "target", "hr", "Visma Enterprise Oy",
     "Hanna Virtanen", "in_progress", "2027-01-04", "admin,education", "henni,palkkahallinto"),
    ("matkalaskut", "M2 Matkat ja kulut", "target", "travel", "M2 Solutions Oy",
     "Merja Salminen", "in_progress", "2027-01-04", "admin,education", "eportti"),
    ("frends", "Frends-integraatioalusta", "target", "integration", "Frends Technology Oy",
     "Mikko Salonen", "live", "2026-08-17", "admin", "sftp_siirrot"),
    ("opiferus", "Opiferus Talousarvio ja suunnittelu", "target", "budgeting", "Opiferus Oy",
     "Leena Turunen", "live", "2026-09-01", "admin,education", "tab_budjetti,populus"),
    ("talousraportointi", "Power BI -talousraportointi", "target", "reporting",
     "Datavirta Oy", "Janne Räsänen", "planned", "2027-02-01", "admin,education", "talous_dw"),
    ("entra", "Microsoft Entra ID (SSO)", "target", "identity", "Microsoft",
     "Elina Koskinen", "live", "2026-09-01", "admin,education", ""),
]
# systems with a user-facing SSO login, checked in sso.toml for both environments
SSO_SYSTEMS = ["entra", "raindance", "basware", "personec_hr", "opiferus",
               "matkalaskut", "talousraportointi"]


def generate(build: Build) -> None:
    write_csv(build.out, "systems.csv", SYSTEM_COLS, SYSTEMS)


def check(seen: Seen) -> None:
    h, systems = read_csv(seen.out, "systems.csv")
    need(h == SYSTEM_COLS, f"systems header {h}")
    skeys = {s["key"]: s for s in systems}
    need(len(skeys) == len(systems), "duplicate system keys")
    for s in systems:
        _check_system(s, skeys)
    need(skeys["opiferus"]["status"] == "live" and
         skeys["opiferus"]["planned_go_live"] == "2026-09-01", "opiferus")
    replaced_by = defaultdict(set)
    for s in systems:
        for rk in filter(None, s["replaces"].split(",")):
            replaced_by[rk].add(s["key"])
    need(any(len(v) > 1 for v in replaced_by.values()), "no legacy replaced by several")
    need(any(len(list(filter(None, s["replaces"].split(",")))) > 1 for s in systems),
         "no target replacing several")
    seen.systems, seen.skeys = systems, skeys


def _check_system(s, skeys) -> None:
    need(s["role"] in ("legacy", "target"), s)
    need(s["domain"] in ("finance", "procurement", "payroll", "hr", "budgeting", "reporting",
                         "integration", "identity", "travel", "assets"), s)
    need(s["status"] in ("planned", "in_progress", "parallel_run", "live", "retired"), s)
    envs = s["environments"].split(",")
    need(set(envs) <= {"admin", "education"}, s)
    if s["role"] == "legacy":
        need(s["planned_go_live"] == "" and s["replaces"] == "", s)
    else:
        dt.date.fromisoformat(s["planned_go_live"])
        for rk in filter(None, s["replaces"].split(",")):
            need(skeys[rk]["role"] == "legacy", f"{s['key']} replaces {rk}")
