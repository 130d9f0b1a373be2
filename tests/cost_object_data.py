"""A small, hand-checkable cost-object model on top of :mod:`tests.mapping_data`.

Legacy cost centres (dimension ``kustannuspaikka``): 1100, 1200 (split 50/50), 1300 (reformed
on 1.1.2025: unit 100 → 200), 1400 (retired at the end of 2024: inactive, its rule ends
31.12.2024), 1500 (active, deliberately without a rule), 2100; 10 and 20 are summary rows.
The account mapping has no per-cost-centre rules: its income/expense rules leave the
dimensions to the cost-object mapping, except 4020 (names palveluluokka 2000) and 4000 for
cost centre 2100 (names both dimensions).
"""

from __future__ import annotations

from pathlib import Path

from tests.conftest import Cli, write_csv
from tests.mapping_data import HEADER, setup_reference

CENTRES = """code;name;parent;active
10;Hallinto;;1
1100;Keskushallinto;10;1
1200;Talous;10;1
1300;TE-palvelut;10;1
1400;Sote (lakkautettu 31.12.2024);10;0
1500;Hyvinvoinnin edistäminen;10;1
20;Opetus;;1
2100;Perusopetus;20;1
"""

#: source_account;source_cost_centre;target_account;vastuuyksikko;palveluluokka;share;…
ACCOUNT_RULES = """1000;;100000;;;;;;
1010;;101000;;;;;;
2000;;200000;;;;;;
3000;;300000;;;;;;
4000;;400000;;;;;;
4000;2100;400000;200;2000;;;;
4010;;401000;;;60;;;
4010;;402000;;;40;;;
4020;;402000;;2000;;;;
"""

CO_HEADER = "Vanha;vastuuyksikko;palveluluokka;Osuus;Voimassa alkaen;Voimassa asti;Huomautus\n"

#: rows 2–9 of the cost-object file
CO_RULES = """1100;100;1000;;;;
1200;100;1000;50;;;jako
1200;200;2000;50;;;
1300;100;1000;;;31.12.2024;ennen uudistusta
1300;200;2000;;1.1.2025;;uudistus
1400;100;1000;;;31.12.2024;lakkautettu
2100;200;;;;;
"""


def co_csv(tmp_path: Path, rules: str = CO_RULES, name: str = "kp.csv",
           header: str = CO_HEADER) -> Path:
    return write_csv(tmp_path / name, header + rules)


def setup_cost_objects(cli: Cli, tmp_path: Path, *, rules: str = CO_RULES,
                       account_rules: str = ACCOUNT_RULES) -> None:
    """Charts, target dimensions, the legacy cost centres, account set ``tili`` and
    cost-objects set ``kp``."""
    setup_reference(cli, tmp_path)
    cli("dimension", "import", write_csv(tmp_path / "centres.csv", CENTRES), "--dimension",
        "kustannuspaikka", "--role", "legacy")
    cli("mapping", "import", write_csv(tmp_path / "tili.csv", HEADER + account_rules),
        "--set", "tili")
    cli("mapping", "import", co_csv(tmp_path, rules), "--set", "kp", "--kind", "cost-objects",
        "--source-dimension", "kustannuspaikka")
