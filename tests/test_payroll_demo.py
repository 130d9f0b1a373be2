"""The demo's payroll parallel run (issue 19): two months of the sample city's payroll with the
planted holiday-bonus pattern, two missing employees and one unmapped wage type — recorded with
pseudonyms only, and the committed files are the generator's."""

from __future__ import annotations

import json
import re
from pathlib import Path

from migctl.services.pseudonym import Pseudonymiser
from migctl.services.recon.payroll_demo import DEMO_KEY
from tests.conftest import SAMPLE_DATA, Cli, load_generator

PAYROLL = SAMPLE_DATA / "payroll"


def _rows(db_url: str, sql: str) -> list[tuple]:
    from sqlalchemy import text

    from migctl.store.engine import make_engine

    with make_engine(db_url).connect() as connection:
        return [tuple(row) for row in connection.execute(text(sql))]


def _runs(db_url: str) -> list[dict]:
    """The payroll runs' stored documents, oldest first."""
    found = _rows(db_url, "SELECT r.report FROM recon_run r JOIN reconciliation c "
                          "ON c.id = r.recon_id WHERE c.kind = 'payroll' ORDER BY r.id")
    return [report if isinstance(report, dict) else json.loads(report) for (report,) in found]


def test_the_demo_runs_two_months_with_the_planted_differences(bare_cli: Cli,
                                                               db_url: str) -> None:
    loaded = bare_cli("demo").stderr
    assert "payroll/ (payroll parallel run" in loaded
    months = _runs(db_url)
    assert [[p["period"] for p in doc["by_period"]] for doc in months] == [["2026-05"],
                                                                             ["2026-06"]]
    missing = Pseudonymiser(DEMO_KEY.encode())
    for doc in months:
        assert doc["explained"] is True and doc["clean"] is False
        assert doc["employees"]["legacy"] >= 300  # a few hundred fictional employees
        assert doc["employees"]["legacy"] - doc["employees"]["target"] == 2
        gone = {d["key"]["employee"] for d in doc["differences"]
                if d["cause"] == "missing_employee"}
        # the generator leaves out employees 100000 + 320 // 3 and 100000 + 2 * 320 // 3
        assert gone == {missing("100106"), missing("100213")}
        [pattern] = doc["patterns"]
        assert pattern["id"] == "P213-0.80" and pattern["income_type"] == "213"
        assert pattern["members"] >= 80 and len(pattern["org_units"]) == 6
        assert doc["counts"]["amount_differs"] == pattern["keys"]  # members stay counted there
        unmapped = {d["wage_type"] for d in doc["differences"]
                    if d["cause"] == "unmapped_wage_type"}
        assert "1710" in unmapped  # the one legacy wage type the mapping leaves unmapped
        # counted per legacy line (12 a month); the new side's KL100 is explained, not counted
        assert doc["counts"]["unmapped_wage_type"] == 12
        assert [f["wage_type"] for f in doc["wage_types"]["findings"]] == ["1710"]
        assert doc["counts"]["rounding"] > 0


def test_the_demo_store_holds_no_raw_employee_id_or_name(bare_cli: Cli, db_url: str) -> None:
    bare_cli("demo")
    # every row the payroll comparison stored: its definition, runs, decisions, wage-type
    # mappings and audit events (other tables hold the programme's staff and account codes)
    payroll = "(SELECT id FROM reconciliation WHERE kind = 'payroll')"
    rows = [row for sql in (
        "SELECT * FROM reconciliation WHERE kind = 'payroll'",
        f"SELECT * FROM recon_run WHERE recon_id IN {payroll}",
        f"SELECT * FROM recon_decision WHERE recon_id IN {payroll}",
        "SELECT * FROM payroll_wage_map",
        "SELECT * FROM audit_event WHERE entity_key = 'payroll-parallel'")
        for row in _rows(db_url, sql)]
    stored = "\n".join(str(cell) for row in rows for cell in row)
    assert "P213-0.80" in stored and len(rows) > 4
    tokens = set(re.findall(r"[\w.@-]+", stored))
    legacy = (PAYROLL / "legacy_2026-05.csv").read_text(encoding="cp1252").splitlines()[1:]
    new = (PAYROLL / "new_2026-05.csv").read_text(encoding="utf-8").splitlines()[1:]
    ids = {line.split(";")[0] for line in legacy} | {line.split(",")[0] for line in new}
    names = {line.split(";")[1] for line in legacy}
    assert len(ids) > 600 and len(names) > 10
    assert sorted(ids & tokens) == []
    assert [name for name in names if name in stored] == []


def test_the_generator_writes_the_committed_payroll_files(tmp_path: Path) -> None:
    module = load_generator("payroll")
    module.write(tmp_path)
    names = sorted(p.name for p in tmp_path.iterdir())
    assert names == sorted(p.name for p in PAYROLL.iterdir())
    for name in names:
        assert (tmp_path / name).read_bytes() == (PAYROLL / name).read_bytes(), name
