"""Employee ids and account names turned into pseudonyms before anything is stored or shown.

A plain hash of a five-digit employee number is reversible by trying every number, so ids are
keyed: HMAC-SHA256 with a secret that is never in the store (``MIGCTL_PSEUDONYM_KEY`` or a key
file). The same key gives the same pseudonym in every run, so runs can be compared and a
reviewer's decision carried forward; without the key, nothing maps a pseudonym back.
"""

from __future__ import annotations

import hmac
import os
from dataclasses import dataclass, field
from pathlib import Path

from migctl.errors import OptionError

ENV_KEY = "MIGCTL_PSEUDONYM_KEY"
MIN_KEY_BYTES = 16
DIGITS = 12  # hex digits shown: 48 bits, no collision among a city's staff in practice


@dataclass(frozen=True)
class Pseudonymiser:
    key: bytes
    #: Ids repeat across the roster and each directory: each is keyed once per run.
    _seen: dict[tuple[str, str], str] = field(default_factory=dict, compare=False, repr=False)

    def __call__(self, value: str, prefix: str = "p") -> str:
        """``p-3f9a0c…``: the same value and key give the same pseudonym, always."""
        try:
            return self._seen[value, prefix]
        except KeyError:
            digest = hmac.digest(self.key, value.strip().casefold().encode("utf-8"), "sha256")
            pseudonym = self._seen[value, prefix] = f"{prefix}-{digest.hex()[:DIGITS]}"
            return pseudonym


def load_key(key_file: Path | None = None) -> Pseudonymiser:
    """The key from ``key_file`` or ``MIGCTL_PSEUDONYM_KEY``; a usage error says where to put it."""
    if key_file is not None:
        try:
            raw = key_file.read_bytes().strip()
        except OSError as exc:
            raise OptionError(f"cannot read the key: {exc.strerror}", field="key_file",
                              value=str(key_file)) from None
        where = str(key_file)
    else:
        raw = os.environ.get(ENV_KEY, "").strip().encode("utf-8")
        where = ENV_KEY
    if not raw:
        raise OptionError(f"a pseudonym key is needed to handle employee ids: set {ENV_KEY} or "
                          "pass {option} (the key is never stored; keep it where the city "
                          "keeps its secrets)", field="key_file")
    if len(raw) < MIN_KEY_BYTES:
        raise OptionError(f"the pseudonym key in {where} is {len(raw)} bytes; use at least "
                          f"{MIN_KEY_BYTES} random bytes", field="key_file")
    return Pseudonymiser(raw)
