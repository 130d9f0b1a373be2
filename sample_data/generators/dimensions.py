"""The dimensions: legacy cost centres and the target responsibility units, service classes
and projects (legacy_cost_centres.csv, target_*.csv)."""

from __future__ import annotations

from .common import Build, Seen, need, read_csv, write_csv

DIM_COLS = ["code", "name", "parent", "active"]

# Legacy cost centres: code, name, parent, active
LEGACY_CC = [
    ("10", "Keskushallinto", "", 1),
    ("1100", "Kaupunginvaltuusto", "10", 1),
    ("1101", "Kaupunginhallitus", "10", 1),
    ("1102", "Tarkastuslautakunta ja tilintarkastus", "10", 1),
    ("1103", "Vaalit", "10", 1),
    ("1110", "Kaupunginjohtaja ja kanslia", "10", 1),
    ("1111", "Viestintä", "10", 1),
    ("1112", "Elinvoima- ja työllisyyspalvelut", "10", 1),
    ("1116", "Hyvinvoinnin ja terveyden edistäminen (perustettu 1.1.2026)", "10", 1),
    ("1120", "Talouspalvelut", "10", 1),
    ("1121", "Verotulot ja valtionosuudet", "10", 1),
    ("1122", "Rahoitus ja sijoitukset", "10", 1),
    ("1130", "Henkilöstöpalvelut", "10", 1),
    ("1131", "Työterveys ja työhyvinvointi", "10", 1),
    ("1140", "Tietohallinto", "10", 1),
    ("1150", "Hankintapalvelut", "10", 1),
    ("1160", "Kaupungintalon yhteiset palvelut", "10", 1),
    ("1190", "Hallinnon projektit (vanha)", "10", 0),
    ("20", "Sivistystoimi", "", 1),
    ("2100", "Sivistystoimen hallinto", "20", 1),
    ("2110", "Keskustan koulu", "20", 1),
    ("2111", "Kirkonkylän koulu", "20", 1),
    ("2112", "Niemenkärjen koulu", "20", 1),
    ("2113", "Harjun koulu", "20", 1),
    ("2114", "Kuusikallion yhtenäiskoulu", "20", 1),
    ("2115", "Lahdenperän koulu (lakkautettu 31.7.2024)", "20", 0),
    ("2120", "Erityisopetus", "20", 1),
    ("2130", "Kuusiniemen lukio", "20", 1),
    ("2140", "Aamu- ja iltapäivätoiminta", "20", 1),
    ("2150", "Koulukuljetukset", "20", 1),
    ("2200", "Varhaiskasvatuksen hallinto", "20", 1),
    ("2210", "Päiväkoti Tähtisilmä", "20", 1),
    ("2211", "Päiväkoti Mustikka", "20", 1),
    ("2212", "Päiväkoti Kuusenkerkkä", "20", 1),
    ("2213", "Päiväkoti Satama", "20", 1),
    ("2220", "Perhepäivähoito", "20", 1),
    ("2230", "Kotihoidon ja yksityisen hoidon tuki", "20", 1),
    ("2300", "Kansalaisopisto", "20", 1),
    ("2310", "Musiikkiopisto", "20", 1),
    ("2400", "Oppilashuolto (siirtyi hyvinvointialueelle 1.1.2023)", "20", 0),
    ("30", "Sosiaali- ja terveystoimi (lakkautettu 1.1.2023)", "", 0),
    ("3100", "Perusterveydenhuolto", "30", 0),
    ("3110", "Suun terveydenhuolto", "30", 0),
    ("3200", "Vanhuspalvelut", "30", 0),
    ("3210", "Kotihoito", "30", 0),
    ("3300", "Lastensuojelu", "30", 0),
    ("3400", "Aikuissosiaalityö ja toimeentulotuki", "30", 0),
    ("40", "Tekninen toimi", "", 1),
    ("4100", "Teknisen toimen hallinto", "40", 1),
    ("4110", "Kaavoitus", "40", 1),
    ("4111", "Maankäyttö ja mittaus", "40", 1),
    ("4120", "Rakennusvalvonta", "40", 1),
    ("4130", "Ympäristönsuojelu", "40", 1),
    ("4200", "Kadut ja liikenneväylät", "40", 1),
    ("4201", "Talvikunnossapito", "40", 1),
    ("4202", "Liikenneturvallisuus ja pysäköinti", "40", 1),
    ("4210", "Puistot ja viheralueet", "40", 1),
    ("4230", "Katuvalaistus", "40", 1),
    ("4300", "Tilapalvelut", "40", 1),
    ("4310", "Koulukiinteistöt", "40", 1),
    ("4311", "Päiväkotikiinteistöt", "40", 1),
    ("4320", "Asuinkiinteistöt", "40", 1),
    ("4400", "Ruokapalvelut", "40", 1),
    ("4410", "Puhtauspalvelut", "40", 1),
    ("4500", "Vesihuolto", "40", 1),
    ("50", "Kulttuuri- ja vapaa-aikatoimi", "", 1),
    ("5100", "Kirjastopalvelut", "50", 1),
    ("5110", "Kulttuuripalvelut ja museo", "50", 1),
    ("5200", "Liikuntapalvelut", "50", 1),
    ("5210", "Uimahalli", "50", 1),
    ("5220", "Liikuntapaikat", "50", 1),
    ("5300", "Nuorisopalvelut", "50", 1),
    ("5310", "Järjestöavustukset (kulttuuri ja liikunta)", "50", 1),
]
CC_GAP = "1116"   # active legacy cost centre without a cost-object rule (deliberate)

# Cost-centre pools for P&L spec "POOL:n"
CC_POOLS = {
    "STAFF": ["1101", "1110", "1111", "1112", "1120", "1130", "1140", "1150", "1160",
              "2100", "2110", "2111", "2112", "2113", "2114", "2120", "2130", "2140",
              "2200", "2210", "2211", "2212", "2213", "2220", "2300", "2310",
              "4100", "4110", "4111", "4120", "4130", "4200", "4210", "4300", "4400",
              "4410", "4500", "5100", "5110", "5200", "5210", "5300"],
    "SUBST": ["2110", "2111", "2112", "2113", "2114", "2120", "2210", "2211", "2212",
              "2213"],
    "VAKA": ["2210", "2211", "2212", "2213", "2220"],
}

# Target responsibility units (vastuuyksiköt): code, name, parent, active
TARGET_UNITS = [
    ("100000", "Kaupunginhallinto ja konsernipalvelut", "", 1),
    ("110000", "Luottamushenkilöhallinto", "100000", 1),
    ("110100", "Kaupunginvaltuusto", "110000", 1),
    ("110200", "Kaupunginhallitus", "110000", 1),
    ("110300", "Tarkastuslautakunta", "110000", 1),
    ("110400", "Vaalit", "110000", 1),
    ("120000", "Kaupunginkanslia", "100000", 1),
    ("120100", "Kaupunginjohtaja ja johdon tuki", "120000", 1),
    ("120200", "Viestintä", "120000", 1),
    ("120300", "Elinvoimapalvelut", "120000", 1),
    ("120400", "Työllisyyspalvelut", "120000", 1),
    ("120500", "Hyvinvoinnin ja terveyden edistäminen", "120000", 1),
    ("130000", "Konsernipalvelut", "100000", 1),
    ("130100", "Talouspalvelut", "130000", 1),
    ("130200", "Rahoitus", "130000", 1),
    ("130300", "Henkilöstöpalvelut", "130000", 1),
    ("130400", "Työhyvinvointi", "130000", 1),
    ("130500", "Digi- ja tietohallinto", "130000", 1),
    ("130600", "Hankintapalvelut", "130000", 1),
    ("130700", "Yhteiset palvelut", "130000", 1),
    ("139900", "Konversion selvittely (ei käytössä)", "130000", 0),
    ("200000", "Sivistyksen toimiala", "", 1),
    ("210000", "Sivistyksen hallinto", "200000", 1),
    ("210100", "Sivistystoimen hallinto", "210000", 1),
    ("220000", "Perusopetus", "200000", 1),
    ("220100", "Keskustan koulu", "220000", 1),
    ("220200", "Kirkonkylän koulu", "220000", 1),
    ("220300", "Niemenkärjen koulu", "220000", 1),
    ("220400", "Harjun koulu", "220000", 1),
    ("220500", "Kuusikallion yhtenäiskoulu", "220000", 1),
    ("220600", "Erityisen tuen palvelut", "220000", 1),
    ("220700", "Koulukuljetukset", "220000", 1),
    ("220800", "Aamu- ja iltapäivätoiminta", "220000", 1),
    ("230000", "Lukiokoulutus", "200000", 1),
    ("230100", "Kuusiniemen lukio", "230000", 1),
    ("240000", "Varhaiskasvatus", "200000", 1),
    ("240100", "Varhaiskasvatuksen hallinto", "240000", 1),
    ("240200", "Päiväkodit, keskusta", "240000", 1),
    ("240300", "Päiväkodit, pohjoinen", "240000", 1),
    ("240400", "Perhepäivähoito", "240000", 1),
    ("240500", "Kotihoidon ja yksityisen hoidon tuet", "240000", 1),
    ("250000", "Vapaa sivistystyö ja taiteen perusopetus", "200000", 1),
    ("250100", "Kansalaisopisto", "250000", 1),
    ("250200", "Musiikkiopisto", "250000", 1),
    ("400000", "Kaupunkiympäristön toimiala", "", 1),
    ("410000", "Maankäyttö ja luvat", "400000", 1),
    ("410100", "Kaupunkiympäristön hallinto", "410000", 1),
    ("410200", "Kaavoitus", "410000", 1),
    ("410300", "Maankäyttö ja mittaus", "410000", 1),
    ("410400", "Rakennusvalvonta", "410000", 1),
    ("410500", "Ympäristönsuojelu", "410000", 1),
    ("420000", "Infrapalvelut", "400000", 1),
    ("420100", "Kadut ja liikenneväylät", "420000", 1),
    ("420200", "Viheralueet", "420000", 1),
    ("420300", "Katuvalaistus", "420000", 1),
    ("430000", "Tila- ja asuntopalvelut", "400000", 1),
    ("430100", "Tilapalvelut", "430000", 1),
    ("430200", "Asuntopalvelut", "430000", 1),
    ("440000", "Ateria- ja puhtauspalvelut", "400000", 1),
    ("440100", "Ateriapalvelut", "440000", 1),
    ("440200", "Puhtauspalvelut", "440000", 1),
    ("450000", "Kuusiniemen Vesi", "400000", 1),
    ("450100", "Vesihuolto", "450000", 1),
    ("500000", "Vapaa-ajan toimiala", "", 1),
    ("510000", "Kulttuuripalvelut", "500000", 1),
    ("510100", "Kirjasto", "510000", 1),
    ("510200", "Kulttuuri ja museo", "510000", 1),
    ("510300", "Järjestöavustukset", "510000", 1),
    ("520000", "Liikuntapalvelut", "500000", 1),
    ("520100", "Liikuntapalvelut ja -paikat", "520000", 1),
    ("520200", "Uimahalli", "520000", 1),
    ("530000", "Nuorisopalvelut", "500000", 1),
    ("530100", "Nuorisotyö", "530000", 1),
]

# Target service classes (palveluluokat): code, name, parent, active
TARGET_SERVICES = [
    ("1000", "Hallinto ja elinvoima", "", 1),
    ("1100", "Luottamushenkilöhallinto", "1000", 1),
    ("1200", "Yleishallinto", "1000", 1),
    ("1300", "Elinkeinopalvelut", "1000", 1),
    ("1310", "Työllisyyspalvelut", "1000", 1),
    ("1400", "Hyvinvoinnin ja terveyden edistäminen", "1000", 1),
    ("2000", "Sivistyspalvelut", "", 1),
    ("2100", "Perusopetus", "2000", 1),
    ("2200", "Lukiokoulutus", "2000", 1),
    ("2310", "Päiväkotitoiminta", "2000", 1),
    ("2320", "Perhepäivähoito", "2000", 1),
    ("2330", "Kotihoidon tuki ja yksityisen hoidon tuki", "2000", 1),
    ("2400", "Aamu- ja iltapäivätoiminta", "2000", 1),
    ("2500", "Kansalaisopistot", "2000", 1),
    ("2510", "Taiteen perusopetus", "2000", 1),
    ("3000", "Kulttuuri- ja vapaa-aikapalvelut", "", 1),
    ("3100", "Kirjastot", "3000", 1),
    ("3200", "Kulttuuritoiminta", "3000", 1),
    ("3210", "Museot", "3000", 1),
    ("3300", "Liikunta ja ulkoilu", "3000", 1),
    ("3400", "Nuorisotyö", "3000", 1),
    ("4000", "Yhdyskuntapalvelut", "", 1),
    ("4100", "Maankäyttö ja kaavoitus", "4000", 1),
    ("4200", "Rakennusvalvonta", "4000", 1),
    ("4300", "Ympäristönsuojelu", "4000", 1),
    ("4400", "Liikenneväylät", "4000", 1),
    ("4500", "Puistot ja yleiset alueet", "4000", 1),
    ("4600", "Vesihuolto", "4000", 1),
    ("4700", "Tilapalvelut", "4000", 1),
    ("4800", "Asuntotoimi", "4000", 1),
    ("4900", "Ateria- ja puhtauspalvelut", "4000", 1),
    ("9000", "Rahoitus", "", 1),
    ("9100", "Verotulot ja valtionosuudet", "9000", 1),
    ("9200", "Rahoitustoiminta", "9000", 1),
]

TARGET_PROJECTS = [
    ("20000", "Investointihankkeet", "", 1),
    ("24001", "Kuusikallion koulun laajennus", "20000", 1),
    ("24002", "Keskustan koulun peruskorjaus", "20000", 1),
    ("24003", "Päiväkoti Kuusenkerkän uudisrakennus", "20000", 1),
    ("24004", "Rantaraitin katu- ja hulevesihanke", "20000", 1),
    ("24005", "Uimahallin peruskorjaus (suunnittelu)", "20000", 1),
    ("30000", "Kehittämishankkeet", "", 1),
    ("31001", "Elinvoimaa Kuusiniemeen (EAKR)", "30000", 1),
    ("31002", "Talous- ja HR-järjestelmien uudistus", "30000", 1),
    ("31003", "Nuorten työpajat (ESR+)", "30000", 1),
    ("31004", "Digitaalinen oppiminen 2024 (päättynyt)", "30000", 0),
]

DIMENSION_FILES = [  # file, dimension key, digits (None: any)
    ("target_responsibility_units.csv", "vastuuyksikko", 6),
    ("target_services.csv", "palveluluokka", 4),
    ("target_projects.csv", "projekti", 5),
    ("legacy_cost_centres.csv", "kustannuspaikka", None),
]


def generate(build: Build) -> None:
    write_csv(build.out, "legacy_cost_centres.csv", DIM_COLS, LEGACY_CC)
    write_csv(build.out, "target_responsibility_units.csv", DIM_COLS, TARGET_UNITS)
    write_csv(build.out, "target_services.csv", DIM_COLS, TARGET_SERVICES)
    write_csv(build.out, "target_projects.csv", DIM_COLS, TARGET_PROJECTS)


def check(seen: Seen) -> None:
    dims = {}
    for name, key, digits in DIMENSION_FILES:
        h, rows = read_csv(seen.out, name)
        need(h == DIM_COLS, f"{name} header")
        d = {r["code"]: r for r in rows}
        need(len(d) == len(rows), f"{name}: dups")
        for r in rows:
            need(not r["parent"] or r["parent"] in d, f"{name}: parent {r}")
            if digits:
                need(len(r["code"]) == digits, f"{name}: {r}")
        dims[key] = d
    ccs = dims.pop("kustannuspaikka")
    cc_parents = {r["parent"] for r in ccs.values() if r["parent"]}
    need(all(len(c) == 4 for c in ccs if c not in cc_parents), "cost centre codes")
    need(all(ccs[c]["active"] == "0" for c in ccs if c.startswith("3")), "sote cc inactive")
    seen.dims, seen.ccs, seen.cc_parents = dims, ccs, cc_parents
