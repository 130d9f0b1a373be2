"""recon items, pure-Python engine: each cause fired and not fired, rules, key maps,
duplicates as a cause, the amount column explained to the cent, bad input positions."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import pytest

from migctl.errors import InputError
from migctl.services.recon.causes import Decision
from migctl.services.recon.fields import (
    DUPLICATE,
    FIELD_DIFFERS,
    MATCHED,
    MISSING,
    ROUNDING,
    UNEXPECTED,
    UNTRANSLATED,
    parse_compare,
)
from migctl.services.recon.items import read_keymap, reconcile_items
from migctl.services.recon.outcome import Outcome
from tests.conftest import write_csv

LEGACY = """laskunro;toimittaja;summa;eräpäivä;nimi
1001;S1;1 234,50;15.01.2026;Åbo Oy
1002;S2;100,00;20.01.2026;Kone Oy
1003;S1;50,00;31.01.2026;x
1004;S3;10,00-;01.02.2026;y
"""
TARGET = """laskunro,toimittaja,summa,eräpäivä,nimi
1001,T1,1234.50,2026-01-15,abo  oy
1002,T2,100.01,2026-01-20,KONE OY
1004,T3,-10.00,2026-02-03,y
1005,T1,7.00,2026-02-05,z
"""
KEYMAP = "vanha;uusi\nS1;T1\nS2;T2\nS3;T3\n"


def reconcile(tmp_path: Path, legacy: str = LEGACY, target: str = TARGET,
              compare: tuple[str, ...] = ("summa=0.01", "eräpäivä=date", "nimi=text",
                                          "toimittaja=map:k"),
              decisions: list[Decision] | None = None) -> Outcome:
    legacy_file = write_csv(tmp_path / "legacy.csv", legacy, encoding="cp1252")
    target_file = write_csv(tmp_path / "target.csv", target)
    keymap = read_keymap(write_csv(tmp_path / "k.csv", KEYMAP))
    return reconcile_items("ap", legacy=legacy_file, target=target_file, keys=["laskunro"],
                           rules=[parse_compare(c) for c in compare],
                           keymaps={"toimittaja": keymap},
                           decisions=decisions or [])


def causes(outcome: Outcome) -> dict[str, int]:
    return {c: n for c, n in outcome.counts.items() if n}


def test_items_causes_and_amounts(tmp_path: Path) -> None:
    outcome = reconcile(tmp_path)
    assert causes(outcome) == {MISSING: 1, UNEXPECTED: 1, FIELD_DIFFERS: 1, ROUNDING: 1,
                               MATCHED: 1}
    by_key = {f.key: f for f in outcome.found}
    assert by_key[("1004",)].column == "eräpäivä"
    assert by_key[("1004",)].legacy_value == "01.02.2026"
    assert by_key[("1002",)].cause == ROUNDING and by_key[("1002",)].difference == 1
    doc = outcome.document()
    assert doc["totals"]["legacy"] == Decimal("1374.50")
    assert doc["totals"]["target"] == Decimal("1331.51")
    assert doc["explained"] and sum(d["difference"] for d in doc["differences"]) == \
        doc["totals"]["difference"]
    changed = next(d for d in doc["differences"] if d["cause"] == FIELD_DIFFERS)
    assert changed["column"] == "eräpäivä" and changed["target"] == "2026-02-03"


def test_items_exact_amount_fails_where_tolerance_rounds(tmp_path: Path) -> None:
    outcome = reconcile(tmp_path, compare=("summa",))
    assert outcome.found and {f.column for f in outcome.found if f.cause == FIELD_DIFFERS} == \
        {"summa"}


def test_relative_tolerance(tmp_path: Path) -> None:
    outcome = reconcile(tmp_path, compare=("summa=0.5%",))
    assert causes(outcome)[ROUNDING] == 1  # 0.01 of 100.00 is within 0.5 %
    strict = reconcile(tmp_path, compare=("summa=0.001%",))
    assert ROUNDING not in causes(strict)


def test_untranslated_code(tmp_path: Path) -> None:
    legacy = LEGACY.replace("1003;S1", "1003;S9")
    target = TARGET + "1003,T1,50.00,2026-01-31,x\n"
    outcome = reconcile(tmp_path, legacy, target)
    assert causes(outcome)[UNTRANSLATED] == 1
    assert next(f for f in outcome.found if f.cause == UNTRANSLATED).key == ("1003",)


def test_duplicate_key_is_a_cause(tmp_path: Path) -> None:
    target = TARGET + "1001,T1,1.00,2026-01-15,abo oy\n"
    outcome = reconcile(tmp_path, target=target)
    assert causes(outcome)[DUPLICATE] == 1
    dup = next(f for f in outcome.found if f.cause == DUPLICATE)
    assert dup.target == 123550 and dup.difference == 100
    assert outcome.explained


def test_decision_accepts_the_changed_due_date(tmp_path: Path) -> None:
    first = reconcile(tmp_path)
    changed = next(f for f in first.found if f.cause == FIELD_DIFFERS)
    decision = Decision(changed.key, changed.fingerprint(), changed.cause, "agreed", "Liisa")
    again = reconcile(tmp_path, decisions=[decision])
    assert FIELD_DIFFERS not in causes(again)
    later = reconcile(tmp_path, target=TARGET.replace("2026-02-03", "2026-02-04"),
                      decisions=[decision])
    assert causes(later)[FIELD_DIFFERS] == 1


@pytest.mark.parametrize(("target", "compare", "where"), [
    (TARGET.replace("100.01", "abc"), ("summa=0.01",), "target.csv:3:summa"),
    (TARGET.replace("2026-01-20", "20.13.2026"), ("eräpäivä=date",), "target.csv:3:eräpäivä"),
    (TARGET, ("puuttuu",), "legacy.csv:1: missing column 'puuttuu'"),
    ("laskunro,summa\n", ("summa",), "target.csv"),
])
def test_bad_input_names_the_place(tmp_path: Path, target: str, compare: tuple[str, ...],
                                   where: str) -> None:
    with pytest.raises(InputError) as caught:
        reconcile(tmp_path, target=target, compare=compare)
    assert str(caught.value).startswith(where) or where in str(caught.value)
