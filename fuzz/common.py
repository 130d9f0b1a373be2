"""What the file-reading fuzz targets share: a scratch folder, the input written to it, and the
rule every refusal must keep — one line, starting with the file's name, not a page long."""

from __future__ import annotations

import sys
import tempfile
from collections.abc import Callable
from pathlib import Path

import atheris

from migctl.errors import InputError

WORK = Path(tempfile.mkdtemp(prefix="migctl-fuzz-"))


def input_file(data: bytes, stem: str) -> Path:
    """``data[1:]`` as ``stem.xlsx`` (first byte odd) or ``stem.csv``: both readers are fuzzed."""
    path = WORK / f"{stem}{'.xlsx' if data[0] & 1 else '.csv'}"
    path.write_bytes(data[1:])
    return path


def check_refusal(exc: InputError, path: Path) -> None:
    """Fail the fuzz run when a refusal is not the one clear line the CLI promises."""
    message = str(exc)
    if "\n" in message.strip() or not message.startswith(path.name) or len(message) > 1000:
        raise AssertionError(f"badly formed error: {message[:300]!r}") from None


def fuzz(one_input: Callable[[bytes], None]) -> None:
    """Every target's entry point: atheris reads its options and corpus from the command line."""
    atheris.Setup(sys.argv, one_input)
    atheris.Fuzz()
