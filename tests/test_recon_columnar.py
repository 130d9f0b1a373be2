"""The columnar (DuckDB) items path against the pure-Python oracle: same document on files
written under the shared reader's rules (cp1252 with €, ';', Finnish numbers, title rows,
duplicates, blank rows), and bad input reported by the shared reader's file:row:column."""

from __future__ import annotations

import random
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from migctl.errors import InputError
from migctl.services.recon import columnar, items
from migctl.services.recon.fields import parse_compare

pytest.importorskip("duckdb")

RULES = ("summa=0.01", "eräpäivä=date", "nimi=text", "tila")


def both(tmp_path: Path, legacy: str, target: str, *, legacy_encoding: str = "cp1252",
         rules: tuple[str, ...] = RULES) -> tuple[dict, dict]:
    lf, tf = tmp_path / "legacy.csv", tmp_path / "target.csv"
    lf.write_bytes(legacy.encode(legacy_encoding))
    tf.write_bytes(target.encode("utf-8"))
    parsed = [parse_compare(r) for r in rules]
    fast = columnar.compare_columnar("x", legacy=lf, target=tf, keys=["laskunro"],
                                     rules=parsed)
    pure = items.reconcile_items("x", legacy=lf, target=tf, keys=["laskunro"], rules=parsed)
    return fast.document(limit=10**6), pure.document(limit=10**6)


LEGACY = """Avoimet laskut 31.12.2025;;;;
;;;;
laskunro;summa;eräpäivä;nimi;tila
A1;1 234,56-;15.01.2026;Åbo € Oy;auki
A2;100,00;20.1.2026;Kone Oy;auki
A3;007;2026-01-31;x;auki
A4;1.234,5;01.02.2026;y;auki

A5;12,3;01.02.2026;"monta; riviä";auki
A6;1,00;01.02.2026;z;auki
A6;2,00;01.02.2026;z;auki
"""
TARGET = """laskunro,summa,eräpäivä,nimi,tila
A1,-1234.56,2026-01-15,ABO € OY,auki
A2,100.00,2026-01-20,kone oy,AUKI
A3,7.00,2026-01-31,x,auki
A4,1234.50,2026-02-01,y,auki
A5,12.31,2026-02-01,"monta; riviä",auki
A7,5,2026-02-01,new,auki
"""


def test_same_document_as_the_oracle(tmp_path: Path) -> None:
    fast, pure = both(tmp_path, LEGACY, TARGET)
    assert fast == pure
    assert fast["counts"]["duplicate_key"] == 1 and fast["counts"]["field_differs"] >= 1


def test_quoted_line_breaks_take_the_pure_path(tmp_path: Path) -> None:
    legacy = LEGACY.replace("monta; riviä", "monta\nriviä")
    with pytest.raises(columnar.Fallback):
        both(tmp_path, legacy, TARGET)
    outcome = columnar.reconcile_items("x", legacy=tmp_path / "legacy.csv",
                                       target=tmp_path / "target.csv", keys=["laskunro"],
                                       rules=[parse_compare(r) for r in RULES])
    assert outcome.explained


def test_odd_whitespace_takes_the_pure_path(tmp_path: Path) -> None:
    legacy = LEGACY.replace("A3;007", "A3;\u00a0007")
    with pytest.raises(columnar.Fallback):
        both(tmp_path, legacy, TARGET)
    lf, tf = tmp_path / "legacy.csv", tmp_path / "target.csv"
    outcome = columnar.reconcile_items("x", legacy=lf, target=tf, keys=["laskunro"],
                                       rules=[parse_compare(r) for r in RULES])
    assert outcome.explained


@pytest.mark.parametrize(("legacy", "where"), [
    (LEGACY.replace("100,00", "10O,00"), "legacy.csv:5:summa"),
    (LEGACY.replace("20.1.2026", "32.1.2026"), "legacy.csv:5:eräpäivä"),
    (LEGACY.replace("A2;", ";"), "legacy.csv:5:laskunro"),
    (LEGACY.replace("1,00;", "1,001;"), "legacy.csv:10:summa"),
    (LEGACY.replace("A6;2,00;01.02.2026", "A6;2,00;31.02.2026"), "legacy.csv:11:eräpäivä"),
])
def test_bad_cells_reported_by_the_shared_reader(tmp_path: Path, legacy: str,
                                                 where: str) -> None:
    lf, tf = tmp_path / "legacy.csv", tmp_path / "target.csv"
    lf.write_bytes(legacy.encode("cp1252"))
    tf.write_bytes(TARGET.encode("utf-8"))
    with pytest.raises(InputError) as caught:
        columnar.reconcile_items("x", legacy=lf, target=tf, keys=["laskunro"],
                                 rules=[parse_compare(r) for r in RULES])
    assert str(caught.value).startswith(where)


AMOUNTS = st.one_of(
    st.integers(-10**8, 10**8).map(lambda c: f"{c // 100},{c % 100:02d}" if c >= 0
                                   else f"{-c // 100},{-c % 100:02d}-"),
    st.integers(0, 10**6).map(str),
    st.integers(-10**8, 10**8).map(lambda c: f"{c / 100:.2f}"),
    st.integers(10**3, 10**7).map(lambda c: f"{c // 100:,}".replace(",", " ") + ",5"),
)


@settings(max_examples=6, deadline=None)
@given(rows=st.lists(st.tuples(st.integers(0, 30), AMOUNTS, st.integers(0, 40),
                               st.sampled_from(["Åbo", "abo", "ÅBO ", "x €", "y"])),
                     min_size=1, max_size=40),
       seed=st.integers(0, 10**6))
def test_random_files_agree(tmp_path_factory: pytest.TempPathFactory,
                            rows: list[tuple[int, str, int, str]], seed: int) -> None:
    tmp_path = tmp_path_factory.mktemp("agree")
    shuffle = random.Random(seed)
    legacy = ["laskunro;summa;eräpäivä;nimi;tila"]
    target = ["laskunro,summa,eräpäivä,nimi,tila", "Z1,1.00,2026-01-01,z,a"]
    for key, amount, day, name in rows:
        legacy.append(f"K{key};{amount};{1 + day % 28}.1.2026;{name};a")
        if shuffle.random() < 0.8:
            value = amount if shuffle.random() < 0.7 else "1,00"
            target.append(f'K{key + (shuffle.random() < 0.1)},"{value}",'
                          f"2026-01-{1 + (day + (shuffle.random() < 0.2)) % 28:02d},"
                          f"{name.lower()},a")
    lf, tf = tmp_path / "legacy.csv", tmp_path / "target.csv"
    lf.write_bytes(("\n".join(legacy) + "\n").encode("cp1252"))
    tf.write_bytes(("\n".join(target) + "\n").encode("utf-8"))
    parsed = [parse_compare(r) for r in RULES]
    fast = columnar.reconcile_items("x", legacy=lf, target=tf, keys=["laskunro"],
                                    rules=parsed)  # columnar, or pure where it cannot decide
    pure = items.reconcile_items("x", legacy=lf, target=tf, keys=["laskunro"], rules=parsed)
    assert fast.document(limit=10**6) == pure.document(limit=10**6)
