"""Small file helpers the mapping services share: content hashes and atomic output files."""

from __future__ import annotations

import hashlib
import os
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import IO

CHUNK = 1024 * 1024


def file_sha256(path: Path) -> str:
    """The file's SHA-256, read in chunks (recorded with every import and run)."""
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        while chunk := handle.read(CHUNK):
            digest.update(chunk)
    return digest.hexdigest()


@contextmanager
def atomic_output(path: Path, *, binary: bool = False) -> Iterator[IO]:
    """Write ``path`` through a temporary sibling that replaces it only on success.

    A failure half-way (bad input line 800,000) leaves no partial output behind.
    """
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(f".{path.name}.tmp-{os.getpid()}")
    try:
        with (open(tmp, "wb") if binary
              else open(tmp, "w", encoding="utf-8", newline="")) as handle:
            yield handle
        tmp.replace(path)
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise
