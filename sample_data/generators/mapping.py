"""The account-mapping workbooks: account_mapping.xlsx (v0.7, deliberate defects),
account_mapping_fixed.xlsx (v0.8) and account_mapping_v09.xlsx (v0.9, dimensions from the
cost-object mapping); the self-check re-reads them and runs a reference validation."""

from __future__ import annotations

import datetime as dt
import random
from collections import defaultdict
from decimal import Decimal

from .charts import LEGACY_TO_TARGET_TYPE, REQUIRES_UNIT
from .common import CENT, SEED, Build, Seen, need, parse_fi_decimal, src_matches, valid_at
from .mapping_rules import (
    V09_CC_EXCEPTIONS,
    build_defective_rules,
    build_fixed_rules,
    build_v09_rules,
)
from .xlsx import (
    code_cell,
    date_cell,
    norm_cell,
    normalise_xlsx,
    parse_date_cell,
    parse_share,
    read_sheet,
    share_cell,
    style_header,
)

MAPPING_HEADERS = ["Vanha tili", "Vanha kustannuspaikka", "Uusi tili", "vastuuyksikko",
                   "palveluluokka", "projekti", "Osuus", "Voimassa alkaen", "Voimassa asti",
                   "Huomautus"]
MAPPING_FIRST_DATA_ROW = 4

OHJEET_LINES = [
    ("Kuusiniemen kaupunki – Talous- ja HR-järjestelmien uudistus", True),
    ("Tilimappaus: Populus-tilikartta (4-num.) → Raindance-tilikartta (6-num.)", True),
    ("", False),
    ("Välilehti 'Tilimappaus' sisältää muunnossäännöt. Yksi rivi = yksi sääntö.", False),
    ("Otsikkorivi on rivillä 3; rivi 1 on työkirjan otsikko ja rivi 2 on tyhjä.", False),
    ("", False),
    ("Sarakkeet", True),
    ("Vanha tili – Populus-tili (esim. 4110) tai väli muodossa alku..loppu (esim. 4304..4306); "
     "välin päät kuuluvat väliin.", False),
    ("Vanha kustannuspaikka – tyhjä = kaikki kustannuspaikat. Tuloslaskelman tileillä sääntö "
     "annetaan kustannuspaikoittain.", False),
    ("Uusi tili – Raindance-tili (6 numeroa).", False),
    ("vastuuyksikko, palveluluokka, projekti – laskentatunnisteet (dimensioavaimet). "
     "Kulu- ja tuottotileillä vastuuyksikkö on pakollinen.", False),
    ("Osuus – prosenttiosuus. Tyhjä = 100. Jos samalle vanhalle tilille ja kustannuspaikalle on "
     "useita rivejä samalla voimassaololla, kyse on jaosta ja osuuksien summan on oltava 100.",
     False),
    ("Voimassa alkaen / Voimassa asti – p.k.vvvv, päivät mukaan lukien; tyhjä = ei rajausta.",
     False),
    ("Huomautus – vapaa teksti.", False),
    ("", False),
    ("Laskentatunnisteet tulevat laskentatunnistemallista (cost_object_mapping.xlsx); "
     "tähän työkirjaan ne on kopioitu tili- ja kustannuspaikkakohtaisesti.", False),
    ("", False),
    ("Versiohistoria", True),
    ("v0.5  2.10.2026  Ensimmäinen kokonainen versio (M. Peltonen, CGI)", False),
    ("v0.6  21.10.2026  Harjoitus 1:n validointivirheiden korjaukset", False),
    ("v0.7  13.11.2026  Hyvinvointialue- ja TE24-muutokset, kaupungintalon kulujen jako", False),
]


def write_mapping_xlsx(path, rules, title, rng_seed, version_note=None, ohjeet=None):
    import openpyxl
    from openpyxl.styles import Font
    from openpyxl.utils import get_column_letter
    rng = random.Random(rng_seed)
    wb = openpyxl.Workbook()
    ws0 = wb.active
    ws0.title = "Ohjeet"
    lines = list(ohjeet or OHJEET_LINES)
    if version_note:
        lines.append((version_note, False))
    for i, (text, bold) in enumerate(lines, start=1):
        c = ws0.cell(row=i, column=1, value=text or None)
        if bold:
            c.font = Font(bold=True, size=12 if i > 2 else 14)
    ws0.column_dimensions["A"].width = 110
    ws = wb.create_sheet("Tilimappaus")
    ws.cell(row=1, column=1, value=title).font = Font(bold=True, size=14)
    for c, h in enumerate(MAPPING_HEADERS, start=1):
        ws.cell(row=3, column=c, value=h)
    style_header(ws, 3, len(MAPPING_HEADERS))
    rownums = []
    for i, r in enumerate(rules):
        row = MAPPING_FIRST_DATA_ROW + i
        rownums.append(row)
        src_text = rng.random() < 0.18
        src = r["src"]
        if r.get("trap_space"):
            src_val = src + " "
        else:
            src_val = code_cell(src, src_text)
        vals = [
            src_val,
            code_cell(r["cc"], rng.random() < 0.12),
            code_cell(r["tgt"], rng.random() < 0.15),
            code_cell(r["vy"], rng.random() < 0.10),
            code_cell(r["pl"], rng.random() < 0.10),
            code_cell(r["proj"], rng.random() < 0.5),
            share_cell(r["share"]),
            date_cell(r["vfrom"], as_text=True),
            date_cell(r["vto"], as_text=False),
            r["note"] or None,
        ]
        for c, v in enumerate(vals, start=1):
            cell = ws.cell(row=row, column=c, value=v)
            if isinstance(v, dt.datetime):
                cell.number_format = "d.m.yyyy"
    widths = [14, 22, 12, 14, 14, 10, 8, 16, 14, 60]
    for c, w in enumerate(widths, start=1):
        ws.column_dimensions[get_column_letter(c)].width = w
    ws.freeze_panes = "A4"
    last = MAPPING_FIRST_DATA_ROW + len(rules) - 1
    ws.auto_filter.ref = f"A3:J{last}"
    wb.properties.creator = "Marko Peltonen (CGI)"
    wb.properties.lastModifiedBy = "Marko Peltonen (CGI)"
    wb.save(path)
    normalise_xlsx(path)
    return rownums


def ohjeet_v09():
    """The instructions of v0.9: dimensions come from the cost-object mapping."""
    out = []
    for text, bold in OHJEET_LINES:
        if text.startswith("Vanha kustannuspaikka"):
            out.append(("Vanha kustannuspaikka – tyhjä = kaikki kustannuspaikat. v0.9: vain "
                        "poikkeuksille (4110/1140 → projekti 31002).", False))
        elif text.startswith("vastuuyksikko, palveluluokka"):
            out.append(("vastuuyksikko, palveluluokka – v0.9: tyhjiä. Ne tulevat "
                        "laskentatunnistemallista kustannuspaikan mukaan (migctl mapping "
                        "translate … --cost-objects kustannuspaikat). Kulu- ja tuottotileillä "
                        "vastuuyksikkö on pakollinen.", False))
            out.append(("projekti – vain hankkeille (1150, 1151, 3201, 4110/1140).", False))
        elif text.startswith("Laskentatunnisteet tulevat"):
            out.append(("Laskentatunnistemalli: cost_object_mapping.xlsx (kustannuspaikka → "
                        "vastuuyksikkö ja palveluluokka).", False))
        else:
            out.append((text, bold))
    return out


V09_NOTE = ("v0.9  22.11.2026  Laskentatunnisteet poistettu tilimappauksesta: ne tulevat "
            "laskentatunnistemallista (v0.4). Kustannuspaikkakohtaiset rivit vain poikkeuksille.")


def generate(build: Build) -> None:
    fixed = build_fixed_rules(build.legacy, build.tb)
    for r in fixed:
        if (r["src"], r["cc"]) == ("4125", "5200"):
            r["trap_space"] = True
    defective, defects = build_defective_rules(fixed)
    rows_def = write_mapping_xlsx(build.out / "account_mapping.xlsx", defective,
                                  "Kuusiniemi – tilikartan muunnos v0.7", SEED + 2)
    write_mapping_xlsx(build.out / "account_mapping_fixed.xlsx", fixed,
                       "Kuusiniemi – tilikartan muunnos v0.8 (korjattu)", SEED + 2,
                       version_note="v0.8  20.11.2026  Validoinnin M001–M008-löydökset korjattu")
    v09 = build_v09_rules(fixed)
    write_mapping_xlsx(build.out / "account_mapping_v09.xlsx", v09,
                       "Kuusiniemi – tilikartan muunnos v0.9 (laskentatunnisteet "
                       "laskentatunnistemallista)", SEED + 3,
                       version_note=V09_NOTE, ohjeet=ohjeet_v09())
    defect_rows = defaultdict(list)
    for r, rownum in zip(defective, rows_def, strict=True):
        if r["tag"]:
            defect_rows[r["tag"]].append(rownum)
    build.fixed, build.defective, build.v09 = fixed, defective, v09
    build.defects, build.defect_rows = defects, defect_rows


# ---------------------------------------------------------------------------
# self-check
# ---------------------------------------------------------------------------
def check(seen: Seen) -> None:
    seen.fixed = load_rules(seen.out / "account_mapping_fixed.xlsx")
    seen.defective = load_rules(seen.out / "account_mapping.xlsx")
    f_found = _validate(seen, seen.fixed)
    need(not f_found, f"fixed mapping has findings: {sorted(f_found, key=str)}")
    d_found = _validate(seen, seen.defective)
    exp = expected_defects(seen.defective)
    need(d_found == exp, f"defective mapping findings differ:\n got {sorted(d_found, key=str)}"
                         f"\n exp {sorted(exp, key=str)}")
    # translation of the TB with the fixed mapping, at two as-of dates
    for asof in (dt.date(2025, 12, 31), dt.date(2027, 1, 4)):
        _check_translation(seen, asof)
    _check_dims_agree(seen)
    seen.v09 = load_rules(seen.out / "account_mapping_v09.xlsx")
    _check_v09(seen)


def _validate(seen: Seen, rules, units_elsewhere=False):
    return validate_mapping(rules, seen.legacy, seen.target, seen.dims, seen.ccs,
                            seen.cc_parents, units_elsewhere=units_elsewhere)


def load_rules(path):
    names, header, rows = read_sheet(path, "Tilimappaus", "Vanha tili")
    need(names[:2] == ["Ohjeet", "Tilimappaus"], f"{path.name}: sheets {names}")
    need(header[:len(MAPPING_HEADERS)] == MAPPING_HEADERS, f"{path.name}: header {header}")
    rules = []
    for rownum, raw in rows:
        n = {k: norm_cell(v) for k, v in raw.items()}
        rules.append({"row": rownum, "src": n["Vanha tili"], "cc": n["Vanha kustannuspaikka"] or "",
                      "tgt": n["Uusi tili"], "vy": n["vastuuyksikko"], "pl": n["palveluluokka"],
                      "proj": n["projekti"], "share": parse_share(raw["Osuus"] or None),
                      "vfrom": parse_date_cell(n["Voimassa alkaen"]),
                      "vto": parse_date_cell(n["Voimassa asti"])})
    return rules


def intervals_overlap(a, b):
    lo = max(a["vfrom"] or dt.date.min, b["vfrom"] or dt.date.min)
    hi = min(a["vto"] or dt.date.max, b["vto"] or dt.date.max)
    return lo <= hi


def validate_mapping(rules, legacy, target, dims, ccs, cc_parents, units_elsewhere=False):
    """Reference implementation of the mapping checks; returns set of (code, where).
    ``units_elsewhere``: the cost-object mapping gives vastuuyksikko (no M007)."""
    found = set()
    postable = {c: a for c, a in legacy.items() if not a["summary"]}
    for r in rules:
        found |= _rule_findings(r, postable, target, dims, ccs, cc_parents, units_elsewhere)
    # coverage
    for c, a in postable.items():
        if a["active"] == "1" and not any(src_matches(r["src"], c) for r in rules):
            found.add(("M001", c))
    # splits and overlaps per legacy account
    for c in postable:
        found |= _split_findings([r for r in rules if src_matches(r["src"], c)])
    return found


def _rule_findings(r, postable, target, dims, ccs, cc_parents, units_elsewhere):
    found = set()
    # sources are always clean (no seeded defect there): active accounts / cost centres
    if r["cc"]:
        c = ccs[r["cc"]]
        need(c["active"] == "1" and r["cc"] not in cc_parents, f"row {r['row']}: cc")
    need(all(postable[c]["active"] == "1" for c in postable if src_matches(r["src"], c)),
         f"row {r['row']}: inactive source account")
    t = target.get(r["tgt"])
    if t is None or t["summary"]:
        found.add(("M002", r["row"]))
        return found
    if t["active"] != "1":
        found.add(("M003", r["row"]))
    src_codes = [c for c in postable if src_matches(r["src"], c)]
    need(src_codes, f"row {r['row']}: source {r['src']} matches no legacy account")
    for c in src_codes:
        if LEGACY_TO_TARGET_TYPE[postable[c]["type"]] != t["type"]:
            found.add(("M004", r["row"]))
    if t["type"] in REQUIRES_UNIT and not r["vy"] and not units_elsewhere:
        found.add(("M007", r["row"]))
    for key, dim in (("vy", "vastuuyksikko"), ("pl", "palveluluokka"), ("proj", "projekti")):
        if r[key] and r[key] not in dims[dim]:
            found.add(("M008", r["row"]))
    return found


def _split_findings(rs):
    found = set()
    groups = defaultdict(list)
    for r in rs:
        groups[(r["src"], r["cc"], r["vfrom"], r["vto"])].append(r)
    for g in groups.values():
        if len(g) > 1 and sum(x["share"] for x in g) != 100:
            found.add(("M005", tuple(x["row"] for x in g)))
    keys = list(groups)
    for i in range(len(keys)):
        for j in range(i + 1, len(keys)):
            a1, a2 = groups[keys[i]][0], groups[keys[j]][0]
            if a1["src"] == a2["src"] and a1["cc"] == a2["cc"] and \
                    (a1["vfrom"], a1["vto"]) == (a2["vfrom"], a2["vto"]):
                continue
            # a rule for the line's cost centre wins over one for any cost centre: only
            # rules of the same cost centre (or both for any) can overlap
            if a1["cc"] == a2["cc"] and intervals_overlap(a1, a2):
                found.add(("M006", tuple(sorted((a1["row"], a2["row"])))))
    return found


def allocate(amount, shares):
    parts = [(amount * s / 100).quantize(CENT) for s in shares]
    parts[-1] += amount - sum(parts, Decimal(0))
    return parts


def expected_defects(defective_rules):
    """Expected findings, derived from the documented defect rows (Excel row numbers)."""
    rows = {}
    for r in defective_rules:
        rows.setdefault((r["src"], r["cc"]), []).append(r["row"])
    exp = {("M001", "3204"),
           ("M002", rows[("4124", "1120")][0]),
           ("M003", rows[("4308", "5300")][0]),
           ("M004", rows[("4415", "4100")][0]),
           ("M005", tuple(rows[("4400", "1160")])),
           ("M006", tuple(sorted((rows[("1510..1512", "")][0], rows[("1512", "")][0])))),
           ("M007", rows[("4110", "1112")][0]),
           ("M008", rows[("4202", "2113")][0])}
    return exp


def _check_translation(seen: Seen, asof) -> None:
    dims = seen.dims
    ttotal = Decimal(0)
    for r in seen.tb:
        amt = parse_fi_decimal(r["summa"])
        rs = [x for x in seen.fixed if src_matches(x["src"], r["tili"]) and
              (not x["cc"] or x["cc"] == r["kustannuspaikka"]) and valid_at(x, asof)]
        need(rs, f"{asof}: no rule for {r}")
        need(len({(x["src"], x["cc"]) for x in rs}) == 1, f"{asof}: ambiguous {r}")
        need(sum(x["share"] for x in rs) == 100, f"{asof}: shares {r}")
        parts = allocate(amt, [x["share"] for x in rs])
        for x, p in zip(rs, parts, strict=True):
            t = seen.target[x["tgt"]]
            need(t["active"] == "1" and not t["summary"], x)
            if t["type"] in REQUIRES_UNIT:
                need(x["vy"] and x["vy"] in dims["vastuuyksikko"], x)
            for key, dim in (("vy", "vastuuyksikko"), ("pl", "palveluluokka"),
                             ("proj", "projekti")):
                if x[key]:
                    dd = dims[dim][x[key]]
                    need(dd["active"] == "1", f"inactive dim {x}")
            ttotal += p
    need(ttotal == 0, f"translated total {ttotal}")


def _check_dims_agree(seen: Seen) -> None:
    """The account mapping's dimensions agree with the cost-object mapping (2025-12-31)."""
    d0 = dt.date(2025, 12, 31)
    for r in seen.tb:
        if not r["kustannuspaikka"]:
            continue
        am = sorted((x["vy"], x["pl"], x["share"]) for x in seen.fixed
                    if src_matches(x["src"], r["tili"]) and x["cc"] == r["kustannuspaikka"]
                    and valid_at(x, d0))
        cm = sorted((x["vy"], x["pl"], x["share"]) for x in seen.co
                    if src_matches(x["src"], r["kustannuspaikka"]) and valid_at(x, d0))
        need(am == cm, f"dims differ for {r['tili']}/{r['kustannuspaikka']}: {am} vs {cm}")


def _check_v09(seen: Seen) -> None:
    """v0.9 (no per-cost-centre rules) + the cost-object mapping = v0.8, line by line."""
    v09 = seen.v09
    need(len(v09) < len(seen.fixed) // 2 + 20, f"v0.9 has {len(v09)} rules")
    need(not any(r["vy"] or r["pl"] for r in v09), "v0.9 carries cost-object dimensions")
    need({(r["src"], r["cc"]) for r in v09 if r["cc"]} == V09_CC_EXCEPTIONS, "v0.9 cc rules")
    v_found = _validate(seen, v09, units_elsewhere=True)
    need(not v_found, f"v0.9 mapping has findings: {sorted(v_found, key=str)}")
    for asof in (dt.date(2025, 12, 31), dt.date(2027, 1, 4)):
        for r in seen.tb:
            acc, cc = r["tili"], r["kustannuspaikka"]
            old = sorted((x["tgt"], x["vy"], x["pl"], x["proj"], x["share"]) for x in seen.fixed
                         if src_matches(x["src"], acc) and (not x["cc"] or x["cc"] == cc)
                         and valid_at(x, asof))
            candidates = [x for x in v09 if src_matches(x["src"], acc) and valid_at(x, asof)]
            rs = [x for x in candidates if x["cc"] == cc] or \
                [x for x in candidates if not x["cc"]]
            need(rs and len({x["src"] for x in rs}) == 1, f"v0.9 {asof}: rules for {r}")
            cps = [x for x in seen.co if cc and src_matches(x["src"], cc) and valid_at(x, asof)]
            new = sorted((a["tgt"], a["vy"] or c["vy"], a["pl"] or c["pl"], a["proj"],
                          a["share"] * c["share"] / 100)
                         for a in rs for c in (cps or [{"vy": None, "pl": None, "share": 100}]))
            need(old == new, f"v0.9 + cost objects differ from v0.8 on {asof} for {r}: "
                             f"{old} vs {new}")
