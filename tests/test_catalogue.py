"""The per-domain catalogue parts merge into one table; a key defined twice is refused."""

from __future__ import annotations

import pytest

from migctl.render import catalogue
from migctl.render.i18n import LABELS, label


def test_a_key_defined_twice_is_refused() -> None:
    with pytest.raises(RuntimeError, match="defines again"):
        catalogue.merge(dict(LABELS), {})


def test_every_label_has_english_and_the_merged_table_answers() -> None:
    assert all(english for english, _ in LABELS.values())
    assert label("report_title", "fi") == "Ohjausryhmän tilannekatsaus"
