"""The section registry's data agrees with the code: views, signal codes, KPIs, gate kinds.

Each status section is one entry in ``migctl.services.status.registry``; these tests keep what
that entry declares (the signal codes it raises, the built-in KPIs and gate-criterion kinds it
contributes, its settings) true, so the registry can be read as the list of what exists.
"""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from migctl.render.i18n import FI_SIGNALS
from migctl.render.sections import SectionViews, views_for
from migctl.services.kpis.builtins import BUILTINS
from migctl.services.status.registry import BY_KEY, REGISTRY, register_all_settings
from migctl.services.status.sections import DERIVED_SECTIONS, SECTIONS, build_status
from migctl.store.engine import make_engine
from tests.conftest import Cli

#: Raised by the status itself for a section that could not be built, not by a section.
STATUS_CODES = {"section-error"}


def test_the_registry_lists_each_section_once_in_screen_order() -> None:
    keys = [s.key for s in REGISTRY]
    assert keys == ["systems", "cutover", "window", "mapping", "sso", "incidents", "load",
                    "people", "identity", "register", "kpis"]
    assert list(SECTIONS) == keys and set(BY_KEY) == set(keys)
    assert {"register", "kpis"} == DERIVED_SECTIONS
    assert all(s.titles[0] and s.titles[1] for s in REGISTRY)
    assert BY_KEY["mapping"].title("fi") == "Tilimappaukset"


@pytest.mark.parametrize("key", [s.key for s in REGISTRY])
def test_every_section_has_its_three_views(key: str) -> None:
    views = views_for(key)
    assert isinstance(views, SectionViews)
    assert callable(views.table) and callable(views.markdown) and callable(views.html)


def test_a_key_without_views_has_none() -> None:
    assert views_for("no_such_section") is None


def test_every_declared_signal_code_has_a_finnish_sentence() -> None:
    declared = [code for s in REGISTRY for code in s.signals]
    assert len(declared) == len(set(declared)), "a code belongs to one section"
    assert set(declared) | STATUS_CODES == set(FI_SIGNALS)


def test_every_builtin_kpi_belongs_to_one_section() -> None:
    contributed = [name for s in REGISTRY for name in s.kpis]
    assert len(contributed) == len(set(contributed))
    assert set(contributed) == set(BUILTINS)


def test_every_gate_criterion_kind_belongs_to_one_section() -> None:
    from migctl.services.gates.spec import KINDS

    kinds = [kind for s in REGISTRY for kind in s.gate_kinds]
    assert len(kinds) == len(set(kinds))
    assert set(kinds) == set(KINDS)


def test_register_all_settings_registers_every_section_s_settings() -> None:
    from migctl.services import settings

    register_all_settings()
    assert "cutover.window_end" in settings.SPECS


def test_the_demo_raises_only_declared_signals(bare_cli: Cli) -> None:
    bare_cli("demo", "-f", "json")
    raised: set[str] = set()
    with make_engine(bare_cli.db_url).connect() as connection:
        for day in (datetime(2026, 9, 1, 8, tzinfo=UTC), datetime(2026, 11, 22, 12, tzinfo=UTC),
                    datetime(2027, 1, 15, 12, tzinfo=UTC)):
            document = build_status(connection, now=day)
            for key, section in document["sections"].items():
                codes = {s["code"] for s in section["signals"]}
                assert codes <= set(BY_KEY[key].signals), key
                raised |= codes
    assert len(raised) >= 6, raised  # the demo exercises many of them
