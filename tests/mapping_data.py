"""Small, hand-checkable charts, dimensions and mappings the mapping tests share."""

from __future__ import annotations

from pathlib import Path

from tests.conftest import Cli, write_csv

LEGACY_CHART = """code;name;type;parent;active
10;Pysyvät vastaavat;vastaavaa;;1
1000;Aineettomat oikeudet;vastaavaa;10;1
1010;Koneet ja kalusto;vastaavaa;10;1
1020;Poistunut tili;vastaavaa;10;0
20;Vastattavaa;vastattavaa;;1
2000;Ostovelat;vastattavaa;20;1
30;Tuotot;tuotto;;1
3000;Myyntituotot;tuotto;30;1
40;Kulut;kulu;;1
4000;Palkat;kulu;40;1
4010;Henkilösivukulut;kulu;40;1
4020;Vuokrat;kulu;40;1
"""

TARGET_CHART = """code;name;type;parent;active
10;Assets;asset;;1
100000;Intangible rights;asset;10;1
101000;Machinery;asset;10;1
20;Liabilities;liability;;1
200000;Trade payables;liability;20;1
30;Income;income;;1
300000;Sales;income;30;1
40;Expenses;expense;;1
400000;Salaries;expense;40;1
401000;Social costs;expense;40;1
402000;Rents;expense;40;1
409000;Closed account;expense;40;0
"""

UNITS = """code;name;parent;active
100;Hallinto;;1
200;Opetus;;1
300;Lakkautettu;;0
"""

SERVICES = """code;name;parent;active
1000;Yleishallinto;;1
2000;Perusopetus;;1
"""

HEADER = ("source_account;source_cost_centre;target_account;vastuuyksikko;palveluluokka;share;"
          "valid_from;valid_to;note\n")

#: A clean mapping of LEGACY_CHART onto TARGET_CHART (4010 is a 60/40 split).
CLEAN_RULES = """1000;;100000;;;;;;
1010;;101000;;;;;;
2000;;200000;;;;;;
3000;;300000;200;2000;;;;
4000;;400000;100;1000;;;;
4010;;401000;100;;60;;;
4010;;401000;200;;40;;;
4020;;402000;100;;;;;
"""


def setup_reference(cli: Cli, tmp_path: Path) -> None:
    """Import both charts and the two target dimensions into the CLI's store."""
    cli("chart", "import", write_csv(tmp_path / "legacy.csv", LEGACY_CHART), "--chart",
        "populus", "--role", "legacy")
    cli("chart", "import", write_csv(tmp_path / "target.csv", TARGET_CHART), "--chart",
        "raindance", "--role", "target")
    cli("dimension", "import", write_csv(tmp_path / "units.csv", UNITS), "--dimension",
        "vastuuyksikko", "--role", "target", "--required-for", "expense,income")
    cli("dimension", "import", write_csv(tmp_path / "services.csv", SERVICES), "--dimension",
        "palveluluokka", "--role", "target")


def mapping_csv(tmp_path: Path, rules: str = CLEAN_RULES, name: str = "mapping.csv") -> Path:
    return write_csv(tmp_path / name, HEADER + rules)
