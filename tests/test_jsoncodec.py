"""`jsoncodec.dumps` and `to_jsonable` write orjson's bytes: they must be the standard
library's text (indented and compact) for every document migctl makes."""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import UTC, date, datetime
from decimal import Decimal
from enum import Enum
from pathlib import Path
from typing import Any, NamedTuple

from hypothesis import given, settings
from hypothesis import strategies as st

from migctl.jsoncodec import _default, dumps, to_jsonable


class Colour(Enum):
    RED = "red"


@dataclass
class Point:
    x: int
    label: str


class Pair(NamedTuple):
    a: int
    b: str


def _stdlib(document: Any, indent: int | None = 2) -> str:
    return json.dumps(document, default=_default, ensure_ascii=False, indent=indent) + "\n"


#: floats as documents hold them: amounts (Decimal cents) and ratios, 1e-4 … 1e15
floats = st.one_of(
    st.integers(min_value=-10**15, max_value=10**15).map(lambda c: float(Decimal(c) / 100)),
    st.floats(min_value=1e-4, max_value=1e15, allow_nan=False),
    st.just(0.0), st.just(-0.0))
leaves = st.one_of(
    st.none(), st.booleans(), st.integers(min_value=-2**63, max_value=2**63 - 1), floats,
    st.text(), st.decimals(min_value=-10**12, max_value=10**12, places=2, allow_nan=False),
    st.dates(), st.datetimes(timezones=st.just(UTC)), st.datetimes(),
    st.just(Colour.RED), st.just(Path("dir/file.csv")),
    st.builds(Point, st.integers(), st.text()), st.frozensets(st.integers(), max_size=3))
documents = st.recursive(
    leaves, lambda inner: st.one_of(st.lists(inner, max_size=4),
                                    st.tuples(inner, inner),
                                    st.dictionaries(st.text(), inner, max_size=4)),
    max_leaves=25)


@settings(max_examples=300, deadline=None)
@given(documents)
def test_the_text_is_the_standard_librarys(document: Any) -> None:
    assert dumps(document) == _stdlib(document)
    assert dumps(document, indent=None) == _stdlib(document, None)
    assert to_jsonable(document) == json.loads(_stdlib(document, None))


def test_what_orjson_refuses_goes_through_the_standard_library() -> None:
    for document in ({1: "int key"}, {"big": 2**70}, {"pair": Pair(1, "x")},
                     {"deep": [{None: True}]}):
        assert dumps(document) == _stdlib(document)
        assert to_jsonable(document) == json.loads(_stdlib(document, None))
    assert dumps({"x": 1}, indent=4) == _stdlib({"x": 1}, 4)


def test_unknown_types_still_fail_as_before() -> None:
    class Opaque:
        pass

    for call in (lambda: dumps({"o": Opaque()}), lambda: to_jsonable([Opaque()])):
        try:
            call()
        except TypeError as exc:
            assert "Opaque is not JSON serialisable" in str(exc)
        else:
            raise AssertionError("an unknown type was written")


def test_datetimes_keep_the_z_and_dates_their_iso_form() -> None:
    text = dumps({"at": datetime(2027, 1, 4, 6, 30, tzinfo=UTC), "day": date(2027, 1, 4)})
    assert json.loads(text) == {"at": "2027-01-04T06:30:00Z", "day": "2027-01-04"}
