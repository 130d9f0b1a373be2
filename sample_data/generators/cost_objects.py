"""cost_object_mapping.xlsx: the cost-object mapping (laskentatunnistemalli), legacy cost
centre → vastuuyksikko + palveluluokka, with one deliberate gap (dimensions.CC_GAP)."""

from __future__ import annotations

import datetime as dt
import random
from collections import defaultdict

from .common import SEED, Build, Seen, need, range_of, src_matches
from .dimensions import CC_GAP
from .xlsx import (
    code_cell,
    date_cell,
    norm_cell,
    normalise_xlsx,
    parse_date_cell,
    parse_share,
    read_sheet,
    style_header,
)

# Cost-object mapping (laskentatunnistemalli) rules:
# (Vanha, vastuuyksikko, palveluluokka, Osuus, from, to, note)
COST_OBJECT_RULES = [
    ("1100", "110100", "1100", 100, None, None, ""),
    ("1101", "110200", "1100", 100, None, None, ""),
    ("1102", "110300", "1100", 100, None, None, ""),
    ("1103", "110400", "1100", 100, None, None, ""),
    ("1110", "120100", "1200", 100, None, None, ""),
    ("1111", "120200", "1200", 100, None, None, ""),
    ("1112", "120300", "1300", 100, None, dt.date(2024, 12, 31),
     "Ennen TE24-uudistusta"),
    ("1112", "120400", "1310", 100, dt.date(2025, 1, 1), None,
     "TE24: työllisyyspalvelut kunnalle 1.1.2025"),
    ("1120", "130100", "1200", 100, None, None, ""),
    ("1121", "130200", "9100", 100, None, None, ""),
    ("1122", "130200", "9200", 100, None, None, ""),
    ("1130", "130300", "1200", 100, None, None, ""),
    ("1131", "130400", "1200", 100, None, None, ""),
    ("1140", "130500", "1200", 100, None, None, ""),
    ("1150", "130600", "1200", 100, None, None, ""),
    ("1160", "130700", "1100", "33,33", None, None, "Kaupungintalon kulut jaetaan kolmeen"),
    ("1160", "130700", "1200", "33,33", None, None, ""),
    ("1160", "130700", "1300", "33,34", None, None, ""),
    ("2100", "210100", "2100", 50, None, None, "Hallinto jaetaan opetus/varhaiskasvatus"),
    ("2100", "210100", "2310", 50, None, None, ""),
    ("2110", "220100", "2100", 100, None, None, ""),
    ("2111", "220200", "2100", 100, None, None, ""),
    ("2112", "220300", "2100", 100, None, None, ""),
    ("2113", "220400", "2100", 100, None, None, ""),
    ("2114", "220500", "2100", 100, None, None, ""),
    ("2120", "220600", "2100", 100, None, None, ""),
    ("2130", "230100", "2200", 100, None, None, ""),
    ("2140", "220800", "2400", 100, None, None, ""),
    ("2150", "220700", "2100", 100, None, None, ""),
    ("2200", "240100", "2310", 100, None, None, ""),
    ("2210..2211", "240200", "2310", 100, None, None, "Keskustan päiväkodit yhdistetään"),
    ("2212..2213", "240300", "2310", 100, None, None, "Pohjoisen päiväkodit yhdistetään"),
    ("2220", "240400", "2320", 100, None, None, ""),
    ("2230", "240500", "2330", 100, None, None, ""),
    ("2300", "250100", "2500", 100, None, None, ""),
    ("2310", "250200", "2510", 100, None, None, ""),
    ("4100", "410100", "4100", 100, None, None, ""),
    ("4110", "410200", "4100", 100, None, None, ""),
    ("4111", "410300", "4100", 100, None, None, ""),
    ("4120", "410400", "4200", 100, None, None, ""),
    ("4130", "410500", "4300", 100, None, None, ""),
    ("4200..4202", "420100", "4400", 100, None, None, "Kadut, talvikunnossapito ja pysäköinti"),
    ("4210", "420200", "4500", 100, None, None, ""),
    ("4230", "420300", "4400", 100, None, None, ""),
    ("4300..4311", "430100", "4700", 100, None, None,
     "Tilapalvelut sis. koulu- ja päiväkotikiinteistöt"),
    ("4320", "430200", "4800", 100, None, None, ""),
    ("4400", "440100", "4900", 100, None, None, ""),
    ("4410", "440200", "4900", 100, None, None, ""),
    ("4500", "450100", "4600", 100, None, None, ""),
    ("5100", "510100", "3100", 100, None, None, ""),
    ("5110", "510200", "3200", 50, None, None, "Kulttuuri ja museo 50/50"),
    ("5110", "510200", "3210", 50, None, None, ""),
    ("5200", "520100", "3300", 100, None, None, ""),
    ("5210", "520200", "3300", 100, None, None, ""),
    ("5220", "520100", "3300", 100, None, None, ""),
    ("5300", "530100", "3400", 100, None, None, ""),
    ("5310", "510300", "3200", 40, None, None, "Avustukset: kulttuuri 40 %, liikunta 60 %"),
    ("5310", "510300", "3300", 60, None, None, ""),
]

COST_HEADERS = ["Vanha", "vastuuyksikko", "palveluluokka", "Osuus", "Voimassa alkaen",
                "Voimassa asti", "Huomautus"]


def cost_object_parts(cc, asof=dt.date(2025, 12, 31)):
    parts = []
    for src, vy, pl, share, vf, vt, _ in COST_OBJECT_RULES:
        if ".." in src:
            lo, hi = range_of(src)
            hit = lo <= int(cc) <= hi
        else:
            hit = src == cc
        if not hit:
            continue
        if vf and asof < vf:
            continue
        if vt and asof > vt:
            continue
        parts.append((vy, pl, share))
    return parts


def write_cost_object_xlsx(path):
    import openpyxl
    from openpyxl.styles import Font
    from openpyxl.utils import get_column_letter
    rng = random.Random(SEED + 7)
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "Kustannuspaikat"
    ws.cell(row=1, column=1,
            value="Kuusiniemi – laskentatunnistemalli: kustannuspaikka → vastuuyksikkö ja "
                  "palveluluokka v0.4").font = Font(bold=True, size=14)
    for c, h in enumerate(COST_HEADERS, start=1):
        ws.cell(row=3, column=c, value=h)
    style_header(ws, 3, len(COST_HEADERS))
    for i, (src, vy, pl, share, vf, vt, note) in enumerate(COST_OBJECT_RULES):
        row = 4 + i
        vals = [code_cell(src, rng.random() < 0.15), code_cell(vy, rng.random() < 0.1),
                code_cell(pl, rng.random() < 0.1), share, date_cell(vf, as_text=True),
                date_cell(vt, as_text=False), note or None]
        for c, v in enumerate(vals, start=1):
            cell = ws.cell(row=row, column=c, value=v)
            if isinstance(v, dt.datetime):
                cell.number_format = "d.m.yyyy"
    for c, w in enumerate([14, 14, 14, 8, 16, 14, 55], start=1):
        ws.column_dimensions[get_column_letter(c)].width = w
    ws.freeze_panes = "A4"
    wb.properties.creator = "Marko Peltonen (CGI)"
    wb.save(path)
    normalise_xlsx(path)


def generate(build: Build) -> None:
    write_cost_object_xlsx(build.out / "cost_object_mapping.xlsx")


def check(seen: Seen) -> None:
    _names, header, rows = read_sheet(seen.out / "cost_object_mapping.xlsx", "Kustannuspaikat",
                                     "Vanha")
    need(header[:len(COST_HEADERS)] == COST_HEADERS, f"cost header {header}")
    co = []
    for rownum, rr in rows:
        n = {k: norm_cell(v) for k, v in rr.items()}
        co.append({"row": rownum, "src": n["Vanha"], "vy": n["vastuuyksikko"],
                   "pl": n["palveluluokka"], "share": parse_share(rr["Osuus"] or None),
                   "vfrom": parse_date_cell(n["Voimassa alkaen"]),
                   "vto": parse_date_cell(n["Voimassa asti"])})
    uncovered = set()
    for c, r in seen.ccs.items():
        if c in seen.cc_parents:
            continue
        hit = [x for x in co if src_matches(x["src"], c)]
        if r["active"] == "1":
            if not hit:
                uncovered.add(c)
            groups = defaultdict(list)
            for x in hit:
                groups[(x["vfrom"], x["vto"])].append(x)
            for g in groups.values():
                need(sum(x["share"] for x in g) == 100, f"cost split {c}")
        else:
            need(not hit, f"inactive cc {c} mapped")
    need(uncovered == {CC_GAP}, f"cost-object gaps {uncovered}")
    for x in co:
        units = seen.dims["vastuuyksikko"]
        need(x["vy"] in units and units[x["vy"]]["active"] == "1", x)
        need(x["pl"] in seen.dims["palveluluokka"], x)
    seen.co = co
