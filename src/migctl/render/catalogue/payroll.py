"""Words of the payroll parallel run (the People section's payroll part)."""

from __future__ import annotations

from typing import Any

from migctl.render.catalogue.finnish import fi_number

LABELS: dict[str, tuple[str, str]] = {
    "payroll_summary": ("{runs} payroll comparison(s): {clean} clean, {not_clean} not clean, "
                        "{never} never run; {employees} employees compared, {open} open "
                        "difference(s), {eur} EUR not explained",
                        "{runs} palkkavertailua: {clean} täsmää, {not_clean} ei täsmää, "
                        "{never} ajamatta; {employees} henkilöä verrattu, {open} avointa "
                        "eroa, {eur} EUR selittämättä"),
    "payroll_recon": ("Payroll comparison", "Palkkavertailu"),
    "payroll_employees": ("Employees", "Henkilöitä"),
    "payroll_open": ("Open", "Avoimia"),
    "payroll_by_cause": ("By cause", "Syittäin"),
    "payroll_by_income_type": ("Open by income type", "Avoimet tulolajeittain"),
    "payroll_patterns": ("Patterns", "Säännönmukaiset erot"),
    "payroll_pattern_text": ("{id}: income type {income_type} {pct} % for {members} employees "
                             "in {units}",
                             "{id}: tulolaji {income_type} {pct} % {members} henkilöllä "
                             "yksiköissä {units}"),
    "payroll_accepted": ("accepted", "hyväksytty"),
    "payroll_trend": ("Trend across the parallel-run months", "Kehitys rinnakkaisajon kuukausina"),
    "payroll_run": ("Run", "Ajo"),
    "payroll_periods": ("Periods", "Kaudet"),
}

FI_SIGNALS: dict[str, Any] = {
    "payroll-not-clean": lambda p: (f"palkat {p['recon']} eivät täsmää: {p['open']} avointa "
                                    f"eroa, {fi_number(p['unexplained'])} EUR selittämättä"),
    "payroll-not-run": lambda p: f"palkkavertailua {p['recon']} ei ole ajettu",
}
