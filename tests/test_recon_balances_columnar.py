"""recon balances through DuckDB against the pure path (the oracle): the same document on the
hand-computed city files and on variants of the target extract (Finnish headers, cp1252,
Finnish numbers, `--aggregate`'s extra columns, blank rows); what the columnar path cannot
decide falls back, so errors stay the shared reader's file:row:column."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from sqlalchemy import select
from sqlmodel import Session

from migctl.services.mapping.columnar import Fallback
from migctl.services.mapping.translate import Prepared, prepare
from migctl.services.recon.balances import reconcile_balances
from migctl.services.recon.balances_columnar import reconcile_balances_columnar
from migctl.store.engine import make_engine
from migctl.store.tables import RECON_RUN
from tests.conftest import Cli, write_csv
from tests.test_recon_cli import TARGET_TB, balances  # noqa: F401 (a fixture)

pytest.importorskip("duckdb")

TODAY = date(2026, 1, 15)


def _prepared(cli: Cli) -> Prepared:
    with Session(make_engine(cli.db_url)) as session:
        return prepare(session, ref="m")


def _documents(cli: Cli, legacy: Path, target: Path) -> tuple[dict, dict]:
    prepared = _prepared(cli)
    outcomes = [run("tb", prepared, legacy=legacy, target=target, today=TODAY, tolerance=1)
                for run in (reconcile_balances, reconcile_balances_columnar)]
    documents = []
    for outcome in outcomes:
        document = dict(outcome.document())
        documents.append(document | {"rows": (outcome.legacy_rows, outcome.target_rows)})
    return documents[0], documents[1]


FINNISH = TARGET_TB.replace("target_account;vastuuyksikko;palveluluokka;period;amount",
                            "Kohdetili;vastuuyksikko;palveluluokka;Kausi;Summa") \
    .replace("1000.00", "1 000,00").replace("-1600.01", "1600,01-")


@pytest.mark.parametrize(("target", "encoding"), [
    (TARGET_TB, "utf-8"),
    (FINNISH, "cp1252"),
    (FINNISH + "\n;;;;\n", "utf-8-sig"),  # blank rows are no rows
    ("\n".join([TARGET_TB.splitlines()[0] + ";source_rows;lines",
                *(f"{line};{n}-{n + 2};3" for n, line in enumerate(TARGET_TB.splitlines()[1:]))])
     + "\n", "utf-8"),  # what --aggregate writes
    (TARGET_TB + "999999;;;2025-12;0,00\n300000;;;2025-11;99.99\n", "utf-8"),
])
def test_the_columnar_document_equals_the_pure_one(
        cli: Cli, balances: tuple[Path, Path], tmp_path: Path,  # noqa: F811
        target: str, encoding: str) -> None:
    legacy, _ = balances
    extract = write_csv(tmp_path / "extract.csv", target, encoding=encoding)
    pure, fast = _documents(cli, legacy, extract)
    assert fast == pure
    assert pure["counts"]["matched"] >= 3


@pytest.mark.parametrize("bad", [
    TARGET_TB.replace("1000.00", "10x0"),  # an amount the rules refuse
    TARGET_TB.replace("\n401000;100", "\n;100"),  # an empty account
    TARGET_TB.replace("2025-12;60", "2025-13;60"),  # no such period
])
def test_what_the_rules_refuse_falls_back(cli: Cli, balances: tuple[Path, Path],  # noqa: F811
                                          tmp_path: Path, bad: str) -> None:
    legacy, _ = balances
    extract = write_csv(tmp_path / "extract.csv", bad)
    with pytest.raises(Fallback):
        reconcile_balances_columnar("tb", _prepared(cli), legacy=legacy, target=extract,
                                    today=TODAY, tolerance=1)


def test_recon_run_takes_duckdb_and_records_it(cli: Cli,
                                               balances: tuple[Path, Path]) -> None:  # noqa: F811
    cli("recon", "run", "tb", "--engine", "duckdb", code=1)
    with Session(make_engine(cli.db_url)) as session:
        engine = session.execute(select(RECON_RUN.c.engine)).scalar_one()
    assert engine == "duckdb"


def test_with_a_cost_objects_set_the_columnar_document_equals_the_pure_one(
        cli: Cli, tmp_path: Path) -> None:
    """The legacy balances carried through the account *and* the cost-objects set (splits
    by splits, a reform by date, lines left untranslated by M007) on the engine: the same
    document as the pure path's, against an extract that lost one key and changed another."""
    from tests.cost_object_data import setup_cost_objects
    from tests.test_cost_objects_translate import LINES, TB_HEADER

    setup_cost_objects(cli, tmp_path)
    legacy = write_csv(tmp_path / "tb.csv", TB_HEADER + LINES)
    aggregate = tmp_path / "agg.csv"
    cli("mapping", "translate", legacy, "--set", "tili", "--cost-objects", "kp", "--aggregate",
        "-o", aggregate, code=1)
    header, _lost, *kept = aggregate.read_text(encoding="utf-8").splitlines()
    cells = kept[-1].split(";")
    cells[header.split(";").index("amount")] = "1.00"  # a changed amount
    extract = write_csv(tmp_path / "extract.csv",
                        "\n".join([header, *kept[:-1], ";".join(cells)]) + "\n")
    with Session(make_engine(cli.db_url)) as session:
        prepared = prepare(session, ref="tili", cost_objects="kp")
    outcomes = [run("tb", prepared, legacy=legacy, target=extract, today=TODAY, tolerance=1)
                for run in (reconcile_balances, reconcile_balances_columnar)]
    pure, fast = (dict(outcome.document()) for outcome in outcomes)
    assert fast == pure
    assert pure["counts"]["missing_in_target"] >= 1 and pure["counts"]["untranslated"] >= 1
