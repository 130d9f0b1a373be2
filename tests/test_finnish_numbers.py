"""Numbers inside Finnish signal sentences are written the Finnish way (95,34 %, 819 447,50 EUR),
exactly as the tables write them."""

from __future__ import annotations

from decimal import Decimal

from hypothesis import given
from hypothesis import strategies as st

from migctl.render.catalogue.finnish import fi_number
from migctl.render.i18n import format_number, signal_text


@given(st.decimals(min_value=Decimal("-1e12"), max_value=Decimal("1e12"), places=2,
                   allow_nan=False, allow_infinity=False))
def test_a_number_carried_as_text_reads_as_the_tables_write_it(value: Decimal) -> None:
    text = f"{value:f}"
    places = len(text.partition(".")[2])
    assert fi_number(text) == format_number(Decimal(text), "fi", places=places)


def test_what_is_not_a_plain_number_stays_as_written() -> None:
    assert fi_number("1.2.3") == "1.2.3"
    assert fi_number("GATE-2") == "GATE-2"
    assert fi_number("1e5") == "1e5"


def test_identity_payroll_and_load_signals_use_decimal_commas() -> None:
    coverage = {"code": "identity-coverage-low", "reason": "…",
                "params": {"environment": "education", "pct": "95.34", "target": "99.5"}}
    assert "vain 95,34 %:lla opetuksen" in signal_text(coverage, "fi")
    assert "(tavoite 99,5 %)" in signal_text(coverage, "fi")
    load = {"code": "recon-not-clean", "reason": "…",
            "params": {"recon": "tb", "open": 3, "unexplained": "819447.50"}}
    assert "819\u202f447,50 EUR selittämättä" in signal_text(load, "fi")
