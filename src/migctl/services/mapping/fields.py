"""Account codes, code ranges and account types: the vocabulary every mapping check shares.

Codes are text. A range ``A..B`` holds the codes of the *same length* as its bounds that sort
between them as strings (inclusive). For digit codes of equal length that is exactly numeric
order, leading zeros included (``0100..0199``), and it keeps summary accounts of another length
out: ``43`` and ``431`` are not in ``4300..4349``. Bounds of different lengths are refused.
"""

from __future__ import annotations

import re
from typing import NamedTuple

from migctl.values import choose

ACCOUNT_TYPES = ("asset", "liability", "equity", "income", "expense")

#: Kinds of mapping set: legacy accounts → target accounts (and dimensions), or values of one
#: legacy dimension (cost centres…) → target dimension values (a *laskentatunnistemalli*).
ACCOUNTS = "accounts"
COST_OBJECTS = "cost-objects"
SET_KINDS = (ACCOUNTS, COST_OBJECTS)

#: Accepted spellings (case-folded) → canonical type; Finnish synonyms included.
TYPE_ALIASES: dict[str, str] = {
    **{t: t for t in ACCOUNT_TYPES},
    "assets": "asset", "liabilities": "liability", "revenue": "income", "expenses": "expense",
    "vastaavaa": "asset", "vastaava": "asset",
    "vastattavaa": "liability", "vastattava": "liability", "vieras pääoma": "liability",
    "oma pääoma": "equity", "omapääoma": "equity", "oma paaoma": "equity",
    "tuotto": "income", "tuotot": "income",
    "kulu": "expense", "kulut": "expense",
}

#: Which side of the statements a type belongs to; M004 fires when a mapping changes it.
TYPE_CLASS = {"asset": "balance sheet", "liability": "balance sheet", "equity": "balance sheet",
              "income": "income", "expense": "expense"}

RANGE_SEPARATOR = ".."
MAX_CODE_LENGTH = 32
_BAD_CODE = re.compile(r"\s")
_NEUTRALISED = re.compile(r"'[=+\-@]")


def normalize_type(text: str) -> str:
    return choose(text, ACCOUNT_TYPES, TYPE_ALIASES, what="an account type",
                  use=f"{', '.join(ACCOUNT_TYPES)} (or vastaavaa, vastattavaa, oma pääoma, "
                      "tuotto, kulu)")


def normalize_types(items: list[str]) -> list[str]:
    """Account types from a list (e.g. ``--required-for expense,kulu``), order kept, no repeats."""
    return list(dict.fromkeys(normalize_type(item) for item in items if item.strip()))


def unneutralise(text: str) -> str:
    """Undo the export's formula-injection guard: ``'=x`` (and ``'+``, ``'-``, ``'@``) → ``=x``."""
    return text[1:] if text[:1] == "'" and _NEUTRALISED.match(text) else text


def normalize_code(text: str, *, what: str = "code") -> str:
    """A code as text: surrounding whitespace dropped; inner whitespace and ``..`` refused."""
    if text.isascii() and text.isalnum() and len(text) <= MAX_CODE_LENGTH:
        return text  # the common case, checked first because imports call this a million times
    code = unneutralise(text.strip())
    if not code:
        raise ValueError(f"empty {what}")
    foreign = next((char for char in code if char.isdigit() and not char.isascii()), None)
    if foreign is not None:  # `１０００` would be a second, different account 1000
        raise ValueError(f"{what} {text!r} holds {foreign!r}, which is not an ASCII digit; "
                         "type the digits 0-9")
    if _BAD_CODE.search(code):
        raise ValueError(f"{text!r} is not a {what} (it contains a space)")
    if RANGE_SEPARATOR in code:
        raise ValueError(f"{text!r} is a range; a single {what} is expected here")
    if len(code) > MAX_CODE_LENGTH:
        raise ValueError(f"{what} {text!r} is longer than {MAX_CODE_LENGTH} characters")
    return code


class SourceSpec(NamedTuple):
    """An exact code (``first == last``) or an inclusive range of equal-length codes.

    A named tuple, so that hashing and comparing 200,000 of them stays in C.
    """

    first: str
    last: str

    @property
    def is_range(self) -> bool:
        return self.first != self.last

    def __str__(self) -> str:
        return f"{self.first}{RANGE_SEPARATOR}{self.last}" if self.is_range else self.first

    def contains(self, code: str) -> bool:
        return len(code) == len(self.first) and self.first <= code <= self.last


def parse_source(text: str, *, what: str = "account") -> SourceSpec:
    """``4010`` or ``4000..4099`` (spaces around ``..`` tolerated); ``what`` names the code
    in messages (an account, or a cost centre in a cost-objects set)."""
    value = unneutralise(text.strip())
    if RANGE_SEPARATOR not in value:
        code = normalize_code(value, what=what)
        return SourceSpec(code, code)
    first_text, _, last_text = value.partition(RANGE_SEPARATOR)
    first = normalize_code(first_text, what="range start")
    last = normalize_code(last_text, what="range end")
    if len(first) != len(last):
        raise ValueError(
            f"range {text!r}: both ends need the same number of characters "
            f"({first} has {len(first)}, {last} has {len(last)})"
        )
    if first > last:
        raise ValueError(f"range {text!r} runs backwards ({first} is after {last})")
    return SourceSpec(first, last)


def in_range(code: str, first: str, last: str) -> bool:
    """Whether ``code`` lies in ``first..last`` (equal length, string order)."""
    return len(code) == len(first) and first <= code <= last
