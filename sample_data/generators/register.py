"""Writes the sample city's programme register: ``actions.csv`` and ``risks.csv``.

Standalone (``python3 sample_data/generators/register.py``): the files look like the city's own
spreadsheets saved from Excel — Finnish headers, ``;`` between cells, UTF-8 with a BOM, dates
as ``d.m.yyyy``. The story's "today" is 2026-11-22: of the twelve actions two are overdue
(TP-02, TP-04), and TP-03 (end-user training) is what the go-live gate GATE-2 waits for. Of the
eight risks R-01 is the high one; the demo's review history (``services/register/demo.py``)
makes it rise since the last steering-group review, and its mitigation TP-04 is late.
"""

from __future__ import annotations

from pathlib import Path

HERE = Path(__file__).resolve().parent.parent

ACTIONS = (
    ("tunnus", "toimenpide", "luokka", "vastuuhenkilö", "aikataulu", "tila", "järjestelmät",
     "tehtävät"),
    ("TP-01", "Pääkirjan pääkäyttäjien koulutus (Raindance)", "koulutus", "Antti Heikkinen",
     "30.10.2026", "valmis", "raindance", ""),
    ("TP-02", "Ostolaskujen käsittelijöiden koulutus (Basware)", "koulutus", "Paula Nieminen",
     "15.11.2026", "käynnissä", "basware", ""),
    ("TP-03", "Loppukäyttäjien koulutus: talous ja ostolaskut ennen käyttöönottoa", "koulutus",
     "Satu Lehtonen", "18.12.2026", "avoin", "raindance,basware", "GATE-2"),
    ("TP-04", "Palkanlaskennan lisärinnakkaisajo marraskuun palkoilla", "kehittämishanke",
     "Timo Laaksonen", "13.11.2026", "käynnissä", "personec_palkka,palkkahallinto", ""),
    ("TP-05", "Tilikartan ja kustannuspaikkojen mappauksen katselmointi", "kehittämishanke",
     "Satu Lehtonen", "4.12.2026", "käynnissä", "raindance", ""),
    ("TP-06", "Frends-integraatioiden virheseuranta ja hälytykset", "kehittämishanke",
     "Mikko Salonen", "11.12.2026", "avoin", "frends", ""),
    ("TP-07", "Power BI -raportoinnin tietomallin rakentaminen", "kehittämishanke",
     "Janne Räsänen", "29.1.2027", "avoin", "talousraportointi", ""),
    ("TP-08", "Käyttöomaisuusmoduulin lisälisenssien hankinta", "investointi", "Petri Ahonen",
     "30.11.2026", "avoin", "kayttoomaisuus", ""),
    ("TP-09", "Testiympäristön kapasiteetin laajennus rinnakkaisajoa varten", "investointi",
     "Mikko Salonen", "2.11.2026", "valmis", "personec_palkka", ""),
    ("TP-10", "Arkistointiratkaisu vanhojen järjestelmien tiedoille (lukutila)", "investointi",
     "Janne Räsänen", "15.2.2027", "avoin", "populus,talous_dw", ""),
    ("TP-11", "Laskujen hyväksyntäprosessin uudistus (verkkolaskut, kierron säännöt)",
     "laajempi muutos", "Paula Nieminen", "31.1.2027", "käynnissä", "basware", ""),
    ("TP-12", "Esihenkilöiden itsepalvelu: HR-prosessien muutosviestintä", "laajempi muutos",
     "Hanna Virtanen", "18.12.2026", "avoin", "personec_hr", ""),
)

RISKS = (
    ("tunnus", "riski", "vastuuhenkilö", "todennäköisyys", "vaikutus", "lieventävä toimenpide",
     "järjestelmät"),
    ("R-01", "Rinnakkaisajon palkkaerot eivät selviä ennen käyttöönottoa", "Timo Laaksonen",
     "4", "5", "TP-04", "personec_palkka"),
    ("R-02", "Loppukäyttäjät eivät ehdi koulutukseen ennen tammikuun käyttöönottoa",
     "Satu Lehtonen", "3", "4", "TP-03", "raindance,basware"),
    ("R-03", "Avaavien saldojen täsmäytys viivästyy", "Antti Heikkinen", "2", "5", "TP-05",
     "raindance"),
    ("R-04", "Palkanlaskennan pääkäyttäjä poissa cutover-viikolla", "Riikka Mäkelä", "2", "4",
     "", "personec_palkka"),
    ("R-05", "Frends-integraatioiden eräajot epäonnistuvat huomaamatta", "Mikko Salonen", "3",
     "3", "TP-06", "frends"),
    ("R-06", "Education-ympäristön kirjautuminen ei toimi kaikille rooleille", "Elina Koskinen",
     "2", "3", "", "entra"),
    ("R-07", "Käyttöomaisuusmoduulin lisenssit eivät riitä tuotantoon", "Petri Ahonen", "2",
     "2", "TP-08", "kayttoomaisuus"),
    ("R-08", "Raportoinnin tietomalli valmistuu vasta helmikuussa", "Janne Räsänen", "3", "2",
     "TP-07", "talousraportointi"),
)


def write(path: Path, rows: tuple[tuple[str, ...], ...]) -> None:
    """UTF-8 with a BOM, ``;`` between cells, CRLF line ends: as Excel saves "CSV UTF-8"."""
    for row in rows:
        if any(";" in cell or '"' in cell or "\n" in cell for cell in row):
            raise ValueError(f"cell needs quoting: {row}")
    text = "".join(";".join(row) + "\r\n" for row in rows)
    path.write_bytes("\ufeff".encode() + text.encode("utf-8"))


def main() -> None:
    write(HERE / "actions.csv", ACTIONS)
    write(HERE / "risks.csv", RISKS)


if __name__ == "__main__":
    main()
