"""The columnar path of `mapping translate` (DuckDB) against the pure-Python loop, the oracle.

For random rule sets — ties in the largest remainder, ambiguous splits (two splits of one
tier, several rules at 100 %), splits whose shares do not sum to 100 %, dated rules, range
rules, cost-centre rules, rules targeting an account the target chart lacks — and random
lines (negative amounts, Finnish and odd amount formats, several periods, no period, unknown
accounts), both paths must write byte-identical files (plain and ``--aggregate``) and the
same report, line by line.
"""

from __future__ import annotations

import csv
import json
import tempfile
from datetime import date
from decimal import Decimal
from itertools import pairwise
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from migctl.services.mapping import columnar
from migctl.services.mapping.fields import SourceSpec
from migctl.services.mapping.index import FULL, WEIGHT_SCALE, RuleIndex
from migctl.services.mapping.references import AccountInfo, ChartView
from migctl.services.mapping.rules import Rule, rules_from_rows, stored_rows
from migctl.services.mapping.translate import Prepared, translate
from tests.conftest import Cli, write_csv

ACCOUNTS = [f"40{n:02d}" for n in range(12)]
TARGETS = ["400000", "401000", "402000", "499999"]  # 499999 is not in the target chart
CENTRES = [None, "C1", "C2"]
VALIDITIES = [(None, None), (None, date(2025, 6, 30)), (date(2025, 7, 1), None),
              (date(2025, 6, 1), date(2025, 7, 31))]
TODAY = date(2025, 12, 31)


def _chart(key: str, codes: list[str], types: list[str]) -> ChartView:
    return ChartView(key, "x", f"{key}.csv",
                     {c: AccountInfo(c, c, types[i % len(types)], True, i)
                      for i, c in enumerate(codes)}, set())


@st.composite
def weights(draw: st.DrawFn) -> list[int]:
    """Shares of one split: summing to 100 % (mostly), equal thirds (remainder ties),
    several at 100 % (ambiguous), or summing to less or more than 100 %."""
    kind = draw(st.sampled_from(["cut", "cut", "thirds", "full", "off"]))
    if kind == "thirds":
        return [FULL // 3, FULL // 3, FULL - 2 * (FULL // 3)]
    if kind == "full":
        return [FULL] * draw(st.integers(min_value=1, max_value=2))
    parts = draw(st.integers(min_value=1, max_value=4))
    cuts = sorted(draw(st.lists(st.integers(min_value=1, max_value=FULL - 1),
                                min_size=parts - 1, max_size=parts - 1, unique=True)))
    result = [b - a for a, b in pairwise([0, *cuts, FULL])]
    if kind == "off":
        result[0] = max(1, result[0] + draw(st.integers(min_value=-5000, max_value=5000)))
    return result


@st.composite
def rule_sets(draw: st.DrawFn) -> list[Rule]:
    rules: list[Rule] = []
    row = 2
    for _ in range(draw(st.integers(min_value=1, max_value=14))):
        first = draw(st.sampled_from(ACCOUNTS))
        last = draw(st.sampled_from([a for a in ACCOUNTS if a >= first])) \
            if draw(st.booleans()) else first
        centre = draw(st.sampled_from(CENTRES))
        validity = draw(st.sampled_from(VALIDITIES))
        for weight in draw(weights()):
            dims = (("d", str(row)),) if draw(st.booleans()) else (("e", f"v{row % 3}"),)
            rules.append(Rule(row, SourceSpec(first, last), centre,
                              draw(st.sampled_from(TARGETS)), dims,
                              Decimal(weight) / WEIGHT_SCALE, *validity))
            row += 1
    return rules


def _text(cents: int, style: int) -> str:
    sign = "-" if cents < 0 else ""
    whole, fraction = divmod(abs(cents), 100)
    if style == 1:
        return f"{sign}{whole}.{fraction:02d}"
    if style == 2 and fraction == 0:
        return f"{sign}{whole}"
    if style == 3:  # thousands spaced, trailing minus: the shared rules parse it in Python
        return f"{whole:,}".replace(",", " ") + f",{fraction:02d}" + ("-" if sign else "")
    return f"{sign}{whole},{fraction:02d}"


lines_strategy = st.lists(
    st.tuples(st.sampled_from([*ACCOUNTS, "9999"]), st.sampled_from(CENTRES),
              st.sampled_from(["2025-06", "2025-07", "07/2025", ""]),
              st.one_of(st.integers(min_value=-10**11, max_value=10**11),
                        st.integers(min_value=-3, max_value=3)),
              st.integers(min_value=0, max_value=3)),
    min_size=1, max_size=40)


def _prepared(rules: list[Rule]) -> Prepared:
    target = _chart("target", TARGETS[:3], ["expense", "income"])
    return Prepared(1, "p", 1, _chart("legacy", ACCOUNTS, ["expense", "asset", "income"]),
                    target, RuleIndex(rules, target=target), ["d", "e"])


def _write_gl(path: Path, lines: list[tuple]) -> None:
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle, delimiter=";")
        writer.writerow(["tili", "kustannuspaikka", "kausi", "summa"])
        for account, centre, period, cents, style in lines:
            writer.writerow([account, centre or "", period, _text(cents, style)])


def _both(rules: list[Rule], lines: list[tuple], *, aggregate: bool, on: date | None = None
          ) -> None:
    with tempfile.TemporaryDirectory() as folder:
        source = Path(folder) / "gl.csv"
        _write_gl(source, lines)
        results, written = [], []
        for engine in ("python", "columnar"):
            output = Path(folder) / f"{engine}.csv"
            result = translate(_prepared(rules), path=source, today=TODAY, on=on,
                               output=output, aggregate=aggregate, engine=engine)
            results.append(result)
            written.append(output.read_bytes())
    pure, fast = results
    assert fast.engine == "columnar" and pure.engine == "python"
    assert fast.totals.untranslated == pure.totals.untranslated
    assert dict(fast.totals.before) == dict(pure.totals.before)
    assert dict(fast.totals.after) == dict(pure.totals.after)
    documents: list[dict[str, Any]] = [dict(r.document()) for r in results]
    assert [d.pop("engine") for d in documents] == ["python", "columnar"]
    assert [d.pop("engine_fallback") for d in documents] == [None, None]
    for document in documents:
        assert document["output"] is not None
        document["output"]["file"] = "out.csv"  # the two files' own names
    assert documents[1] == documents[0]
    assert written[1] == written[0]


@settings(max_examples=30, deadline=None)
@given(rules=rule_sets(), lines=lines_strategy)
def test_lines_identical_to_the_pure_path(rules: list[Rule], lines: list[tuple]) -> None:
    _both(rules, lines, aggregate=False)


@settings(max_examples=25, deadline=None)
@given(rules=rule_sets(), lines=lines_strategy, on=st.sampled_from([None, date(2025, 6, 15)]))
def test_aggregate_identical_to_the_pure_path(rules: list[Rule], lines: list[tuple],
                                              on: date | None) -> None:
    _both(rules, lines, aggregate=True, on=on)


def test_largest_remainder_ties_go_to_the_earlier_part() -> None:
    """Thirds of 1 cent, 2 cents, −2 cents: the same parts on both paths, hand-checked."""
    rules = [Rule(2 + i, SourceSpec("4000", "4000"), None, "400000", (("d", str(i)),),
                  Decimal(w) / WEIGHT_SCALE, None, None)
             for i, w in enumerate([FULL // 3, FULL // 3, FULL - 2 * (FULL // 3)])]
    lines = [("4000", None, "2025-06", 1, 1), ("4000", None, "2025-06", 2, 1),
             ("4000", None, "2025-06", -2, 0)]
    with tempfile.TemporaryDirectory() as folder:
        source = Path(folder) / "gl.csv"
        _write_gl(source, lines)
        output = Path(folder) / "out.csv"
        result = translate(_prepared(rules), path=source, today=TODAY, output=output,
                           engine="columnar")
        rows = list(csv.DictReader(output.open(encoding="utf-8"), delimiter=";"))
    assert result.engine == "columnar"
    # 1/3 + 1/3 + 1/3 (the last share is 33.3334 %: the largest remainder)
    assert [r["amount"] for r in rows] == ["0.00", "0.00", "0.01", "0.01", "0.00", "0.01",
                                           "-0.01", "0.00", "-0.01"]
    _both(rules, lines, aggregate=False)
    _both(rules, lines, aggregate=True)


@pytest.mark.parametrize("body", [
    "tili;kausi;summa\n4000;2025-06;12,345\n",  # more than two decimals
    "tili;kausi;summa\n4000;2025-13;1\n",  # no such month
    "tili;kausi;summa\n40 00;2025-06;1\n",  # a space in the account
    "tili;kausi;summa\n4000;2025-06;\n",  # no amount
])
def test_a_bad_line_stops_the_run_with_its_position_and_writes_nothing(body: str) -> None:
    from migctl.errors import InputError

    rules = [Rule(2, SourceSpec("4000", "4000"), None, "400000", (), Decimal(100), None, None)]
    with tempfile.TemporaryDirectory() as folder:
        source = Path(folder) / "gl.csv"
        source.write_text(body, encoding="utf-8")
        output = Path(folder) / "out.csv"
        with pytest.raises(InputError) as raised:
            translate(_prepared(rules), path=source, today=TODAY, output=output,
                      engine="columnar")
        assert not output.exists()
        assert list(Path(folder).iterdir()) == [source]
    assert "gl.csv:2:" in str(raised.value) or raised.value.row == 2


def test_what_the_engine_does_not_cover_runs_in_python() -> None:
    """Blank lines (row numbers DuckDB does not keep) and debit/credit columns: the pure
    path runs, with the same result as ever."""
    rules = [Rule(2, SourceSpec("4000", "4000"), None, "400000", (), Decimal(100), None, None)]
    with tempfile.TemporaryDirectory() as folder:
        for body in ("tili;kausi;summa\n4000;2025-06;1\n\n4000;2025-06;2\n",
                     "tili;kausi;debet;kredit\n4000;2025-06;1;\n"):
            source = Path(folder) / "gl.csv"
            source.write_text(body, encoding="utf-8")
            result = translate(_prepared(rules), path=source, today=TODAY,
                               output=Path(folder) / "out.csv", engine="columnar")
            assert result.engine == "python" and not result.totals.untranslated


def test_auto_takes_the_engine_only_for_big_csv_files(tmp_path: Path) -> None:
    small = tmp_path / "gl.csv"
    small.write_text("tili;kausi;summa\n4000;2025-06;1\n", encoding="utf-8")
    assert not columnar.worth_it(small)
    assert columnar.worth_it(small, engine="columnar")
    with small.open("a", encoding="utf-8") as handle:
        handle.write("4000;2025-06;1\n" * (columnar.THRESHOLD_BYTES // 15 + 1))
    assert columnar.worth_it(small)
    assert not columnar.worth_it(small, engine="python")


@settings(max_examples=15, deadline=None)
@given(rules=rule_sets(), lines=lines_strategy)
def test_buckets_identical_to_the_pure_loop(rules: list[Rule], lines: list[tuple]) -> None:
    """What recon's balances read (the hot loop filling ``--aggregate``'s buckets): the same
    buckets, rows and totals from both paths."""
    from migctl.services.mapping.ledger import LedgerReader
    from migctl.services.mapping.translate import Reconciliation, _run

    filled = []
    with tempfile.TemporaryDirectory() as folder:
        source = Path(folder) / "gl.csv"
        _write_gl(source, lines)
        for engine in ("python", "columnar"):
            totals = Reconciliation()
            buckets: dict[tuple[str, ...], list] = {}
            reader = LedgerReader(source)
            _run(_prepared(rules), reader, totals, today=TODAY, on=None, progress=None,
                 buckets=buckets, engine=engine)
            filled.append((buckets, vars(totals), reader.rows))
    assert filled[1] == filled[0]


@pytest.mark.parametrize(("body", "encoding"), [
    ("tili;kustannuspaikka;kausi;summa\n", "utf-8"),  # no lines at all
    ("Pääkirja 2025\n\ntili;kustannuspaikka;kausi;summa\n4000;KÄ1;2025-06;1 234,56-\n"
     "4001;C1;2025-07;-5,5\n\"4002\";\"C2\";2025-06;7\n", "cp1252"),
    ("\ufefftili;kustannuspaikka;kausi;summa\r\n4000;C1;06/2025;12.5\r\n4003;;;0,01\r\n",
     "utf-8"),
    ("account,cost_centre,period,amount,note\n4000,C1,2025-06,\"1,5\",x\n4011,C2,2025-07,2,\n",
     "utf-8"),
])
def test_encodings_title_rows_quotes_and_line_ends_identical(body: str, encoding: str) -> None:
    rules = [Rule(2, SourceSpec("4000", "4011"), None, "400000", (("d", "x"),), Decimal(100),
                  None, None),
             Rule(3, SourceSpec("4000", "4000"), "KÄ1", "401000", (), Decimal(100), None,
                  None)]
    with tempfile.TemporaryDirectory() as folder:
        source = Path(folder) / "gl.csv"
        source.write_bytes(body.encode(encoding))
        written = []
        for engine in ("python", "columnar"):
            output = Path(folder) / f"{engine}.csv"
            result = translate(_prepared(rules), path=source, today=TODAY, output=output,
                               engine=engine)
            assert result.engine == engine
            written.append((output.read_bytes(), result.totals.untranslated,
                            dict(result.totals.before), dict(result.totals.after),
                            result.totals.lines))
    assert written[1] == written[0]


def test_sql_resolves_the_tiers_and_python_words_only_what_sql_leaves() -> None:
    """Exact, range and cost-centre tiers, dated rules: decided in SQL, the index never built;
    a line whose rules are all out of date on its day: worded by the index, as the pure loop
    words it."""
    rules = [Rule(2, SourceSpec("4000", "4000"), None, "400000", (), Decimal(100), None, None),
             Rule(3, SourceSpec("4000", "4000"), "C1", "401000", (), Decimal(100), None, None),
             Rule(4, SourceSpec("4000", "4099"), None, "402000", (), Decimal(100), None, None),
             Rule(5, SourceSpec("4000", "4099"), "C2", "400000", (), Decimal(100),
                  date(2025, 7, 1), None),
             Rule(6, SourceSpec("4100", "4100"), None, "401000", (), Decimal(100),
                  None, date(2025, 6, 30))]
    in_date = [("4000", None, "2025-06", 100, 0), ("4000", "C1", "2025-06", 200, 0),
               ("4011", "C2", "2025-07", 300, 0), ("4011", "C2", "2025-06", 400, 0),
               ("4100", None, "2025-06", 500, 0)]
    with tempfile.TemporaryDirectory() as folder:
        source = Path(folder) / "gl.csv"
        _write_gl(source, in_date)
        prepared = _prepared(rules)
        result = translate(prepared, path=source, today=TODAY, output=Path(folder) / "o.csv",
                           engine="columnar")
        assert result.engine == "columnar"
        assert "exact" not in vars(prepared.index)  # no chain, plan or index built
        assert result.totals.untranslated == []
        _write_gl(source, [*in_date, ("4100", None, "2025-07", 600, 0)])
        prepared = _prepared(rules)
        result = translate(prepared, path=source, today=TODAY, output=Path(folder) / "o.csv",
                           engine="columnar")
        assert result.engine == "columnar"
        assert "exact" in vars(prepared.index)  # built to word the out-of-date line
        assert [line["reason"] for line in result.totals.untranslated] == [
            "rule at row 6 is valid from … to 2025-06-30"]
    _both(rules, [*in_date, ("4100", None, "2025-07", 600, 0)], aggregate=False)


@given(rules=rule_sets())
@settings(max_examples=60, deadline=None)
def test_stored_rows_round_trip(rules: list[Rule]) -> None:
    """The engine reads rules as the store returns them; the pure path decodes the same rows."""
    assert rules_from_rows(stored_rows(rules)) == rules


def test_rules_read_from_a_real_store_give_the_pure_paths_output(
        cli: Cli, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Through a real store (SQLite here, PostgreSQL in CI): shares as the driver returns
    them (floats, decimals), dates as text or dates, dimensions as JSON text or decoded, an
    identical row twice, thirds, dated rules, a range and a cost centre."""
    from tests.test_mapping_translate import RULES, _setup

    _setup(cli, tmp_path, RULES + "4000;;400000;100;1000;33,33;;;\n")  # an identical row
    lines = ["1000;;2025-06;10,00", "1010;;2025-06;1,00", "1010;;2025-07;2,00",
             "3000;;2025-06;-7,77", "4000;;2025-06;100,00", "4000;;2025-07;0,01",
             "4010;;2025-06;0,02", "4020;1100;2025-06;5,00", "4055;;2025-06;3,00",
             "9999;;2025-06;1,00"]
    source = write_csv(tmp_path / "tb.csv", "tili;kustannuspaikka;kausi;summa\n"
                       + "\n".join(lines) + "\n")
    outputs, documents = [], []
    for engine in ("python", "columnar"):
        monkeypatch.setenv("MIGCTL_TRANSLATE_ENGINE", engine)
        out = tmp_path / f"{engine}.csv"
        document = json.loads(cli("mapping", "translate", source, "--set", "m", "-o", out,
                                  "-f", "json", code=1).stdout)
        outputs.append(out.read_bytes())
        assert (document["engine"], document["engine_fallback"]) == (engine, None)
        documents.append({k: v for k, v in document.items()
                          if k not in ("output", "run_id", "engine")})
    assert outputs[0] == outputs[1]
    assert documents[0] == documents[1]
    assert [line["row"] for line in documents[0]["untranslated"]] == [11]  # 9999: no rule


def test_the_report_names_the_engine_and_why_it_handed_over(
        cli: Cli, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A fallback is visible: `engine` says who translated, `engine_fallback` why the columnar
    path (asked for here) handed the run to Python — the same lines and sums either way."""
    from tests.test_mapping_translate import RULES, _setup

    _setup(cli, tmp_path, RULES)
    monkeypatch.setenv("MIGCTL_TRANSLATE_ENGINE", "columnar")
    header = "tili;kustannuspaikka;kausi;summa\n"
    plain = write_csv(tmp_path / "plain.csv", header + "1000;;2025-06;10,00\n")
    tabbed = write_csv(tmp_path / "tabbed.csv", header + "1000;;2025-06;10,00\t\n")
    fast = json.loads(cli("mapping", "translate", plain, "--set", "m", "-f", "json").stdout)
    slow = json.loads(cli("mapping", "translate", tabbed, "--set", "m", "-f", "json").stdout)
    assert (fast["engine"], fast["engine_fallback"]) == ("columnar", None)
    assert (slow["engine"], slow["engine_fallback"]) == ("python", "whitespace other than spaces")
    assert fast["totals"] == slow["totals"]


def test_lines_of_empty_cells_are_no_lines_and_an_empty_account_is_named() -> None:
    """A line of empty or space-only cells is skipped on both paths (the engine keeps it out
    by joining the accounts, which have no blank text); a line with an amount but no account
    stops the run naming its row, as the pure path does."""
    from migctl.errors import InputError

    rules = [Rule(2, SourceSpec("4000", "4011"), None, "400000", (("d", "x"),), Decimal(100),
                  None, None)]
    body = ("tili;kustannuspaikka;kausi;summa\n4000;C1;2025-06;1\n;;;\n  ; ;;  \n"
            "4001;;2025-07;2,5\n")
    with tempfile.TemporaryDirectory() as folder:
        source = Path(folder) / "gl.csv"
        source.write_text(body, encoding="utf-8")
        written = []
        for engine in ("python", "columnar"):
            output = Path(folder) / f"{engine}.csv"
            result = translate(_prepared(rules), path=source, today=TODAY, output=output,
                               engine=engine)
            assert result.engine == engine
            written.append((output.read_bytes(), dict(result.totals.before),
                            result.totals.lines))
        assert written[1] == written[0] and written[0][2] == 2
        source.write_text(body + " ;C1;2025-06;5\n", encoding="utf-8")
        with pytest.raises(InputError) as raised:
            translate(_prepared(rules), path=source, today=TODAY,
                      output=Path(folder) / "out.csv", engine="columnar")
    assert "gl.csv:6:" in str(raised.value) or raised.value.row == 6


@settings(max_examples=40, deadline=None)
@given(values=st.lists(st.integers(min_value=-(10**17 - 1), max_value=10**17 - 1)
                       | st.integers(min_value=-1000, max_value=1000), min_size=1, max_size=60))
def test_amounts_are_written_as_format_cents_writes_them(values: list[int]) -> None:
    """The engine writes cents as an exact DECIMAL (``_amount_text``): through DuckDB's own
    CSV writer, every line amount (18 digits) and every sum (38 digits) reads as
    :func:`ledger.format_cents` writes it."""
    import duckdb

    from migctl.services.mapping.ledger import format_cents

    sums = [v * 10**12 + v for v in values]  # beyond a BIGINT: --aggregate's sums
    with tempfile.TemporaryDirectory() as folder, duckdb.connect() as con:
        for digits, kind, given_ in ((18, "BIGINT", values), (38, "HUGEINT", sums)):
            out = Path(folder) / f"{digits}.csv"
            con.execute(f"COPY (SELECT {columnar._amount_text('c', digits)} FROM (SELECT "
                        f"unnest(CAST(? AS {kind}[])) AS c)) TO '{out}' (HEADER false)",
                        [given_])
            written = out.read_text(encoding="utf-8").splitlines()
            assert written == [format_cents(v) for v in given_]


def test_shares_of_fifteen_digit_amounts_are_exact() -> None:
    """Amounts whose shares overflow a 64-bit product (15 digits before the decimals) take
    exact 128-bit integers; smaller ones 64-bit integers: both as the pure path divides."""
    rules = [Rule(2 + i, SourceSpec("4000", "4000"), None, "400000", (("d", str(i)),),
                  Decimal(w) / WEIGHT_SCALE, None, None)
             for i, w in enumerate([FULL // 3, FULL // 3, FULL - 2 * (FULL // 3)])]
    big = [("4000", None, "2025-06", cents, style) for cents, style in (
        (10**17 - 1, 0), (-(10**17 - 1), 1), (10**16 + 1, 0), (-7, 0), (2, 1))]
    _both(rules, big, aggregate=False)
    _both(rules, big[3:], aggregate=False)
    _both(rules, big, aggregate=True)


amount_texts = st.one_of(
    st.from_regex(r"\A[ -]?0*[0-9]{0,16}([.,][0-9]{0,3})?[ -]?\Z"),  # leading zeros, '-0',
    st.builds(lambda sign, whole, sep, fraction: f"{sign}{whole}{sep}{fraction}",  # ',5', '1.'
              st.sampled_from(["", "-", "+", " "]),
              st.sampled_from(["", "0", "00", "7", "1" * 13, "9" * 14, "9" * 15, "1" * 16]),
              st.sampled_from(["", ",", "."]), st.sampled_from(["", "5", "05", "50", "555"])),
    st.text(alphabet="0123456789-+.,  e_", max_size=20))


@settings(max_examples=60, deadline=None)
@given(texts=st.lists(amount_texts, min_size=1, max_size=80))
def test_sql_amounts_are_parse_cents_amounts(texts: list[str]) -> None:
    """The amounts SQL converts (``_cents``) are exactly :func:`ledger.parse_cents`'s; every
    other text is left to ``parse_cents`` (NULL), and no text makes DuckDB fail."""
    import duckdb

    from migctl.services.mapping.ledger import parse_cents

    with duckdb.connect() as con:
        got = con.execute(f"SELECT t, {columnar._cents('t')} FROM (SELECT unnest(CAST(? AS "
                          f"VARCHAR[])) AS t)", [texts]).fetchall()
    for text, cents in got:
        if cents is not None:
            assert cents == parse_cents(text), text
    assert sorted(t for t, _ in got) == sorted(texts)
    assert {t for t, c in got if c is not None} >= {  # what SQL must convert itself
        t for t in texts if 0 < len(t.removeprefix("-")) <= 13 and t.removeprefix("-").isdigit()}
