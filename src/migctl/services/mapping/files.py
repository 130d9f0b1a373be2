"""Small file helpers the mapping services share: content hashes and atomic output files."""

from __future__ import annotations

import hashlib
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


def given_path(path: Path) -> str:
    """``path`` as a pull request names it: as given, or relative to the working directory
    when it is an absolute path under it (recorded at import, named by GitHub annotations)."""
    if path.is_absolute():
        try:
            return path.relative_to(Path.cwd()).as_posix()
        except ValueError:
            return str(path)
    return path.as_posix()


@contextmanager
def atomic_output(path: Path, *, binary: bool = False) -> Iterator[IO]:
    """Write ``path`` through :func:`migctl.outfiles.atomic_output`: a failure half-way (bad
    input line 800,000) leaves no partial output behind, and the user's file keeps its mode,
    links and kind."""
    from migctl.outfiles import atomic_output as safe_output

    with safe_output(path, binary=binary) as handle:
        yield handle
