"""The account-mapping rules (tilimappaus) as data: v0.8 (fixed) built from the legacy chart
and the trial balance, v0.7 with the deliberate defects M001–M008, and v0.9 without
per-cost-centre rules.  mapping.py writes them into the workbooks."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict

from .charts import PNL_LEGACY_TYPES
from .common import range_of
from .cost_objects import cost_object_parts

RANGES_FIXED = {           # range spec -> (target, note)
    "1510..1511": ("160000", "Myyntisaamiset yhdistetään"),
    "1701..1703": ("180100", "Pankkitilit yhdistetään; tilikohtainen erittely pankkimoduulissa"),
    "4304..4306": ("431000", "Avustukset yhteisöille yhdistetään"),
    "6011..6012": ("521900", "Muut rahoitustuotot yhdistetään"),
}


def R(src, cc, tgt, vy="", pl="", proj="", share=None, vfrom=None, vto=None, note=""):
    return {"src": src, "cc": cc, "tgt": tgt, "vy": vy, "pl": pl, "proj": proj, "share": share,
            "vfrom": vfrom, "vto": vto, "note": note, "tag": ""}


def build_fixed_rules(legacy, tb):
    tb_ccs = defaultdict(list)
    for acc, cc, _ in tb:
        if cc:
            tb_ccs[acc].append(cc)
    in_range = {}
    for spec in RANGES_FIXED:
        lo, hi = range_of(spec)
        for c in range(lo, hi + 1):
            in_range[str(c)] = spec
    rules = []
    done_ranges = set()
    for a in legacy:
        if a["summary"] or not a["active"]:
            continue
        code = a["code"]
        pnl = a["type"] in PNL_LEGACY_TYPES
        if code in in_range:
            spec = in_range[code]
            if spec not in done_ranges:
                done_ranges.add(spec)
                rules += _range_rules(spec, pnl, tb_ccs)
        elif not pnl:
            rules += _balance_rules(code, a)
        else:
            rules += _pnl_rules(code, a, tb_ccs)
    # rows: P&L shares 100 explicitly, balance sheet shares blank (= 100 %)
    for r in rules:
        if r["share"] is None and r["cc"]:
            r["share"] = 100
    rules.sort(key=rule_sort_key)
    return rules


def _range_rules(spec, pnl, tb_ccs):
    tgt, note = RANGES_FIXED[spec]
    lo, hi = range_of(spec)
    if not pnl:
        return [R(spec, "", tgt, note=note)]
    rules = []
    ccs = sorted({cc for c in range(lo, hi + 1) for cc in tb_ccs[str(c)]})
    for cc in ccs:
        parts = cost_object_parts(cc)
        for i, (vy, pl, sh) in enumerate(parts):
            rules.append(R(spec, cc, tgt, vy, pl, share=sh, note=note if i == 0 else ""))
    return rules


def _balance_rules(code, a):
    if code == "1005":
        return [R(code, "", "100100", vto=dt.date(2025, 12, 31),
                  note="Lisenssit; SaaS-käyttöönotot 1.1.2026 alkaen omalle tilille"),
                R(code, "", "100200", vfrom=dt.date(2026, 1, 1))]
    if code == "1150":
        return [R(code, "", "115000", proj="24001", share=60,
                  note="Jako hankkeille talonrakennusohjelman mukaan"),
                R(code, "", "115000", proj="24003", share=40)]
    if code == "1151":
        return [R(code, "", "115100", proj="24004")]
    if code == "1512":
        return [R(code, "", a["target"], note="Hyvinvointialueen saamiset omalle tilille")]
    return [R(code, "", a["target"])]


def _pnl_rules(code, a, tb_ccs):
    rules = []
    for cc in tb_ccs[code]:
        parts = cost_object_parts(cc)
        for i, (vy, pl, sh) in enumerate(parts):
            if code == "4112":
                rules.append(R(code, cc, "411200", vy, pl, share=sh,
                               vto=dt.date(2025, 12, 31),
                               note="ICT-palvelut → SaaS-tili 1.1.2026 alkaen"))
                rules.append(R(code, cc, "411300", vy, pl, share=sh,
                               vfrom=dt.date(2026, 1, 1)))
                continue
            proj = ""
            note = ""
            if code == "3201":
                proj, note = "31001", "EAKR-hanke"
            if code == "4110" and cc == "1140":
                proj, note = "31002", "Järjestelmäuudistuksen konsultointi hankkeelle"
            if code in ("4030", "4031", "5101", "8100", "8102") and i == 0:
                note = "Vähennyserä, etumerkki säilyy"
            if len(parts) > 1 and i == 0 and not note:
                note = "Jako laskentatunnistemallin mukaan"
            if code == "3204":
                note = note or "Lisätty v0.8 (puuttui v0.7:stä)"
            rules.append(R(code, cc, a["target"], vy, pl, proj, share=sh, note=note))
    return rules


# v0.9: the account mapping without per-cost-centre rules.  The dimensions come from the
# cost-object mapping (cost_object_mapping.xlsx) at translation time; only exceptions that
# really depend on the cost centre keep a cost-centre rule.
V09_CC_EXCEPTIONS = {("4110", "1140")}    # consulting of the ERP project → projekti 31002
V09_NOTE_DROP = {"Jako laskentatunnistemallin mukaan", "Lisätty v0.8 (puuttui v0.7:stä)"}


def build_v09_rules(fixed):
    """Return the v0.9 rules: balance-sheet rules as in v0.8, income/expense rules per account
    (target account and `projekti` only), plus the cost-centre exceptions."""
    rules, seen, per_account = [], set(), []
    for r in fixed:
        if not r["cc"]:
            rules.append(dict(r))
            continue
        keep_cc = (r["src"], r["cc"]) in V09_CC_EXCEPTIONS
        cc = r["cc"] if keep_cc else ""
        proj = r["proj"] if keep_cc or r["src"] == "3201" else ""
        key = (r["src"], cc, r["tgt"], proj, r["vfrom"], r["vto"])
        if key in seen:
            continue
        seen.add(key)
        note = "" if r["note"] in V09_NOTE_DROP else r["note"]
        per_account.append(R(r["src"], cc, r["tgt"], proj=proj, vfrom=r["vfrom"],
                             vto=r["vto"], note=note))
    # one income/expense rule per (source, cost centre, validity): the splits of cost centres
    # live in the cost-object mapping only
    groups = defaultdict(list)
    for r in per_account:
        groups[(r["src"], r["cc"], r["vfrom"], r["vto"])].append(r)
    assert all(len(g) == 1 for g in groups.values()), "v0.9 would need an account split"
    rules += per_account
    for r in rules:
        r["tag"] = ""
        if r["cc"] and r["share"] is None:
            r["share"] = 100
    rules.sort(key=rule_sort_key)
    return rules


def rule_sort_key(r):
    first = int(r["src"].split("..")[0])
    return (first, 0 if ".." in r["src"] else 1, r["cc"] or "", r["vfrom"] or dt.date(1900, 1, 1))


def build_defective_rules(fixed):
    """Return (rules, defects). Each defect: dict(code, key, description)."""
    rules = [dict(r) for r in fixed]
    defects = []
    # M001: the rules of 3204 are missing completely
    rules = [r for r in rules if r["src"] != "3204"]
    for r in rules:
        for k in ("note",):
            if r[k] == "Lisätty v0.8 (puuttui v0.7:stä)":
                r[k] = ""
    defects.append({"code": "M001", "tag": None, "account": "3204",
                    "what": "Active legacy account 3204 *Avustukset hyvinvointialueelta* "
                            "(balance on cost centres 1112 and 5300) has no rule at all",
                    "fix": "Added rules 3204/1112 → 320300 (120400/1310) and "
                           "3204/5300 → 320300 (530100/3400)"})
    for r in rules:
        key = (r["src"], r["cc"])
        if key == ("4124", "1120"):
            r["tgt"] = "413110"
            r["tag"] = "M002"
        elif key == ("4308", "5300"):
            r["tgt"] = "439000"
            r["tag"] = "M003"
        elif key == ("4415", "4100"):
            r["tgt"] = "339000"
            r["tag"] = "M004"
        elif key == ("4400", "1160"):
            r["share"] = "33,33"
            r["tag"] = "M005"
        elif key == ("1510..1511", ""):
            r["src"] = "1510..1512"
            r["tag"] = "M006"
        elif key == ("4110", "1112"):
            r["vy"] = ""
            r["tag"] = "M007"
        elif key == ("4202", "2113"):
            r["vy"] = "220450"
            r["tag"] = "M008"
    for r in rules:
        if r["src"] == "1512" and r["cc"] == "":
            r["tag"] = "M006"
    defects += [
        {"code": "M002", "tag": "M002", "account": "4124",
         "what": "4124/1120 *Pankkipalvelut* → target account 413110, which does not exist "
                  "in the target chart (typo for 413100)",
         "fix": "Uusi tili 413100"},
        {"code": "M003", "tag": "M003", "account": "4308",
         "what": "4308/5300 *Muut avustukset* → 439000, an INACTIVE target account "
                  "(*poistunut 1.1.2026*)",
         "fix": "Uusi tili 439100"},
        {"code": "M004", "tag": "M004", "account": "4415",
         "what": "4415/4100 *Muut toimintakulut* (kulu/expense) → 339000 *Muut toimintatuotot* "
                  "(income): class change expense → income",
         "fix": "Uusi tili 441900"},
        {"code": "M005", "tag": "M005", "account": "4400",
         "what": "Split of 4400/1160 *Vuokrat rakennuksista* into three service classes with "
                  "shares 33,33 + 33,33 + 33,33 = 99,99 %",
         "fix": "Last share 33,34"},
        {"code": "M006", "tag": "M006", "account": "1512",
         "what": "Range rule 1510..1512 → 160000 overlaps the exact rule 1512 → 160100 "
                  "(same source, no cost centre, same open validity, both 100 %: not a split)",
         "fix": "Range narrowed to 1510..1511"},
        {"code": "M007", "tag": "M007", "account": "4110",
         "what": "4110/1112 *Asiantuntijapalvelut* → expense account 411000 with the required "
                  "vastuuyksikko empty (palveluluokka 1310 given)",
         "fix": "vastuuyksikko 120400"},
        {"code": "M008", "tag": "M008", "account": "4202",
         "what": "4202/2113 *Opetustarvikkeet* → vastuuyksikko 220450, which is not in "
                  "target_responsibility_units.csv (typo for 220400)",
         "fix": "vastuuyksikko 220400"},
    ]
    rules.sort(key=rule_sort_key)
    return rules, defects
