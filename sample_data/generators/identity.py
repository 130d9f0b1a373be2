"""Writes the sample city's identity-coverage files into ``sample_data/identity/`` (deterministic;
run from the checkout):

    python sample_data/generators/identity.py

* ``hr_roster.csv`` — the HR roster (Henni HR's export: Finnish headers, ``;``, UTF-8 with a
  BOM, ``d.m.yyyy``): 310 fictional people in the administration and education environments,
  two leavers whose employment ended 31.12.2026 and three people starting in February 2027;
* ``admin_directory.csv`` — Entra ID's export of the administration tenant (``,``, English
  attribute names, ``True``/``False``); ``education_directory.csv`` — the education tenant's
  export as the school IT saves it (cp1252, ``;``, Finnish headers, ``kyllä``/``ei``);
* ``users_raindance.csv``, ``users_basware.csv``, ``users_personec_hr.csv`` — the target
  systems' user lists (login, employee id, roles);
* ``system_requirements.csv`` — which org units need which systems; ``courses.csv`` — the
  course each org unit needs per system; ``lms_completions.csv`` — the LMS export of
  completed courses (as of the story's morning, 22.11.2026).

Planted for the demo (judged on go-live day, 4.1.2027): six teachers without an education
account (I001), the two leavers' accounts still enabled (I002), one person moved from a school
to the administration with both accounts enabled (I003), one teacher on two education accounts
(I004), a consultant's Raindance user with no directory account (I005), three accountants and
two technical-services people without the users their unit needs (I006), and training not done
by about a fifth of those who need a course (I007). Names are invented; none is stored by
migctl (ids are pseudonymised as they are read).
"""

from __future__ import annotations

import random
from datetime import date
from pathlib import Path

HERE = Path(__file__).resolve().parent.parent / "identity"

FIRST = ("Aino", "Eino", "Helmi", "Väinö", "Sanna", "Mikko", "Laura", "Juha", "Kaisa", "Timo",
         "Riikka", "Antti", "Elina", "Pekka", "Johanna", "Ville", "Minna", "Jari", "Satu",
         "Heikki", "Päivi", "Markku", "Tuula", "Kalle", "Outi", "Jussi", "Leena", "Petri")
LAST = ("Virtanen", "Korhonen", "Mäkinen", "Nieminen", "Mäkelä", "Hämäläinen", "Laine",
        "Heikkinen", "Koskinen", "Järvinen", "Lehtonen", "Lehtinen", "Saarinen", "Salminen",
        "Heinonen", "Niemi", "Heikkilä", "Kinnunen", "Salonen", "Turunen", "Salo", "Laitinen",
        "Tuominen", "Rantanen", "Karjalainen", "Jokinen", "Mattila", "Savolainen", "Lahtinen")

#: org unit → (environment, role, people)
UNITS = (
    ("TALOUS-10", "admin", "controller", 40),
    ("TALOUS-20", "admin", "kirjanpitäjä", 30),
    ("HR-10", "admin", "henkilöstöasiantuntija", 25),
    ("TEKN-30", "admin", "rakennusmestari", 85),
    ("SIV-HALL", "education", "koulusihteeri", 10),
    ("SIV-OPE-11", "education", "opettaja", 30),
    ("SIV-OPE-12", "education", "opettaja", 30),
    ("SIV-OPE-13", "education", "opettaja", 30),
    ("SIV-OPE-14", "education", "opettaja", 30),
)
REQUIREMENTS = (("TALOUS-*", "raindance,basware"), ("HR-*", "personec_hr"),
                ("TEKN-*", "basware"), ("SIV-HALL", "basware"))
COURSES = (("TALOUS-*", "raindance", "RD-PERUS"), ("TALOUS-*", "basware", "BW-KASITTELIJA"),
           ("TEKN-*", "basware", "BW-KASITTELIJA"), ("SIV-HALL", "basware", "BW-KASITTELIJA"),
           ("HR-*", "personec_hr", "PHR-PERUS"))
#: share of those who need a course who completed it by the story's morning
COMPLETION = {"RD-PERUS": 0.85, "BW-KASITTELIJA": 0.75, "PHR-PERUS": 0.92}

GO_LIVE = date(2027, 1, 4)
NO_EDU_ACCOUNT = 6  # teachers without an education account (I001)


def _d(day: date) -> str:
    return f"{day.day}.{day.month}.{day.year}"


def people(rng: random.Random) -> list[dict[str, str]]:
    roster = []
    number = 10_000
    used: set[str] = set()
    for unit, env, role, count in UNITS:
        for _ in range(count):
            number += rng.randint(1, 7)
            while True:
                first, last = rng.choice(FIRST), rng.choice(LAST)
                login = f"{first}.{last}".lower()
                login = login.replace("ä", "a").replace("ö", "o")
                if login not in used:
                    used.add(login)
                    break
            start = date(rng.randint(2005, 2025), rng.randint(1, 12), 1)
            roster.append({"id": str(number), "unit": unit, "env": env, "role": role,
                           "name": f"{first} {last}", "login": login,
                           "start": _d(start), "end": ""})
    return roster


def plant(roster: list[dict[str, str]]) -> dict[str, list[dict[str, str]]]:
    """Mark the planted cases; returns them by kind for the self-check."""
    teachers = [p for p in roster if p["role"] == "opettaja"]
    planted = {"no_account": teachers[3:3 + NO_EDU_ACCOUNT],
               "leavers": [teachers[40], next(p for p in roster if p["unit"] == "TEKN-30")],
               "moved": [next(p for p in roster if p["unit"] == "TALOUS-20")],
               "two_accounts": [teachers[70]],
               "no_raindance": [p for p in roster if p["unit"] == "TALOUS-20"][5:8],
               "no_basware": [p for p in roster if p["unit"] == "TEKN-30"][10:12]}
    for leaver in planted["leavers"]:
        leaver["end"] = "31.12.2026"
    return planted


def newcomers(rng: random.Random, start_number: int) -> list[dict[str, str]]:
    return [{"id": str(start_number + i), "unit": "TALOUS-10", "env": "admin",
             "role": "controller", "name": f"Tuleva Tulokas{i}", "login": f"tuleva.tulokas{i}",
             "start": "1.2.2027", "end": ""} for i in range(1, 4)]


def _write(path: Path, rows: list[list[str]], *, sep: str = ";", encoding: str = "utf-8-sig"
           ) -> None:
    for row in rows:
        if any(sep in cell or '"' in cell for cell in row):
            raise ValueError(f"cell needs quoting: {row}")
    path.write_bytes("".join(sep.join(row) + "\r\n" for row in rows).encode(encoding))


def _directories(roster: list[dict[str, str]], planted: dict[str, list[dict[str, str]]]
                 ) -> tuple[list[list[str]], list[list[str]]]:
    no_account = {p["id"] for p in planted["no_account"]}
    admin = [["userPrincipalName", "employeeId", "accountEnabled", "displayName"]]
    edu = [["käyttäjätunnus", "henkilönumero", "käytössä", "nimi"]]
    for p in roster:
        if p["start"] == "1.2.2027":
            continue  # accounts are made a week before the start
        if p["env"] == "admin":
            admin.append([f"{p['login']}@kuusiniemi.fi", p["id"], "True", p["name"]])
        elif p["id"] not in no_account:
            edu.append([f"{p['login']}@edu.kuusiniemi.fi", p["id"], "kyllä", p["name"]])
    moved = planted["moved"][0]
    edu.append([f"{moved['login']}@edu.kuusiniemi.fi", moved["id"], "kyllä", moved["name"]])
    twice = planted["two_accounts"][0]
    edu.append([f"{twice['login']}2@edu.kuusiniemi.fi", twice["id"], "ei", twice["name"]])
    return admin, edu


def _systems(roster: list[dict[str, str]], planted: dict[str, list[dict[str, str]]]
             ) -> dict[str, list[list[str]]]:
    skip = {"raindance": {p["id"] for p in planted["no_raindance"]},
            "basware": {p["id"] for p in planted["no_basware"]}}
    lists: dict[str, list[list[str]]] = {s: [["login", "employee_id", "roles"]]
                                         for s in ("raindance", "basware", "personec_hr")}
    active = [p for p in roster if not p["end"] and p["start"] != "1.2.2027"]
    for p in active:
        unit = p["unit"]
        wanted = {s for pattern, systems in REQUIREMENTS
                  if unit == pattern or (pattern.endswith("*") and unit.startswith(pattern[:-1]))
                  for s in systems.split(",")}
        for system in sorted(wanted):
            if p["id"] not in skip.get(system, set()):
                role = "kirjaaja" if system == "raindance" else "käsittelijä"
                lists[system].append([p["login"].upper()[:12], p["id"], role])
    lists["raindance"].append(["CGI.KONSULTTI", "", "pääkäyttäjä"])
    return lists


def _lms(rng: random.Random, roster: list[dict[str, str]]) -> list[list[str]]:
    rows = [["henkilönumero", "kurssi", "suoritettu"]]
    for p in roster:
        if p["start"] == "1.2.2027":
            continue
        needed = sorted({course for pattern, _, course in COURSES
                         if p["unit"] == pattern or (pattern.endswith("*")
                                                     and p["unit"].startswith(pattern[:-1]))})
        for course in needed:
            if rng.random() < COMPLETION[course]:
                rows.append([p["id"], course, _d(date(2026, rng.randint(9, 11),
                                                      rng.randint(1, 20)))])
            elif rng.random() < 0.5:
                rows.append([p["id"], course, ""])  # enrolled, not completed
    return rows


def generate(out: Path = HERE) -> None:
    rng = random.Random(19)
    out.mkdir(parents=True, exist_ok=True)
    roster = people(rng)
    planted = plant(roster)
    roster += newcomers(rng, int(roster[-1]["id"]) + 10)
    _write(out / "hr_roster.csv",
           [["henkilönumero", "nimi", "organisaatioyksikkö", "rooli", "alkupäivä",
             "loppupäivä", "ympäristö"]]
           + [[p["id"], p["name"], p["unit"], p["role"], p["start"], p["end"],
               "hallinto" if p["env"] == "admin" else "opetus"] for p in roster])
    admin, edu = _directories(roster, planted)
    _write(out / "admin_directory.csv", admin, sep=",", encoding="utf-8")
    _write(out / "education_directory.csv", edu, encoding="cp1252")
    for system, rows in _systems(roster, planted).items():
        _write(out / f"users_{system}.csv", rows)
    _write(out / "system_requirements.csv",
           [["organisaatioyksikkö", "järjestelmät"], *([u, s] for u, s in REQUIREMENTS)])
    _write(out / "courses.csv", [["pattern", "järjestelmä", "kurssi"],
                                 *([p, s, c] for p, s, c in COURSES)])
    _write(out / "lms_completions.csv", _lms(rng, roster))


if __name__ == "__main__":
    generate()
    print(f"wrote the identity sample files to {HERE}")
