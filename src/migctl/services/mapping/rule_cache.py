"""A set version's rule tables, remembered as Parquet files in the user's cache folder.

The columnar translate engine turns a set's stored rules into two tables — ``sp`` (the
splits: source, cost centre, validity) and ``rl0`` (each split's rules: weight, row, target,
dimension cells) — before it matches a single line: fetching 200,000 rows from the store and
grouping them in SQL is about a second of every `mapping translate` and `recon run`. A set
version never changes once imported, so the tables are kept after the first run and read
back (tens of milliseconds) by every later one, and the store's rows are fetched only when
the pure path or the wording of a few lines needs them.

An entry is named by a SHA-256 of everything its tables depend on: the set version's
identity as the store holds it (id, name, version, the imported file's SHA-256, the import
time to the microsecond, the rule count, the dimension columns), the engine's own source
files (a changed engine never reads an old entry), DuckDB's version and :data:`FORMAT`.
Re-importing, removing and re-creating a set — even under the same id — changes the import
time, so an old entry is never read for new rules. The target chart is *not* part of the
tables (each run joins it afresh), so a re-imported chart needs no new entry. A copy of a
store shares its entries: the rules are the same.

Entries are written to a temporary folder and renamed into place whole; one that cannot be
read is removed and rebuilt; a cache folder that cannot be written only means no entry
(:mod:`migctl.cachedir`). Reading an entry marks it used (its folder's time); writing one
removes the entries nobody has used for :data:`MAX_AGE_DAYS` days and the temporary folders
of runs that were killed, so the folder does not grow with every set version ever imported.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
import shutil
import tempfile
import time
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

from migctl.cachedir import folder

if TYPE_CHECKING:
    import duckdb

#: Bump when the tables' columns or meaning change.
FORMAT = 1
#: Entries unused this long are removed when another is written.
MAX_AGE_DAYS = 30
#: A temporary folder this old belongs to a run that did not finish.
_STALE_SECONDS = 24 * 3600
#: The tables an entry holds (Parquet files of these names).
TABLES = ("sp", "rl0")
_META = "meta.json"


def entry(set_id: int, name: str, version: int, sha256: str, imported_at: datetime,
          rule_count: int, dimensions: str) -> Path:
    """The folder of a set version's entry (which may not exist yet)."""
    from importlib.metadata import PackageNotFoundError
    from importlib.metadata import version as package_version

    digest = hashlib.sha256()
    here = Path(__file__).parent
    for source in ("columnar.py", "rules.py", "index.py", "rule_cache.py"):
        digest.update((here / source).read_bytes())
    with contextlib.suppress(PackageNotFoundError):
        digest.update(package_version("duckdb").encode())
    identity = [FORMAT, set_id, name, version, sha256, imported_at.isoformat(), rule_count,
                dimensions]
    digest.update(json.dumps(identity, separators=(",", ":")).encode())
    return folder() / "rules" / digest.hexdigest()


def keys(path: Path) -> list[str] | None:
    """The set's dimension keys as the entry recorded them; None when there is no (readable)
    entry."""
    try:
        meta = json.loads((path / _META).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    found = meta.get("keys") if isinstance(meta, dict) else None
    if not isinstance(found, list) or not all(isinstance(key, str) for key in found):
        return None
    return found


def load(con: duckdb.DuckDBPyConnection, path: Path) -> bool:
    """Create :data:`TABLES` from the entry; False (and the entry removed, nothing created)
    when it is missing or unreadable."""
    import duckdb

    if keys(path) is None:
        return False
    try:
        for table in TABLES:
            con.execute(f"CREATE TABLE {table} AS SELECT * FROM read_parquet(?)",
                        [str(path / f"{table}.parquet")])
    except duckdb.Error:
        for table in TABLES:
            con.execute(f"DROP TABLE IF EXISTS {table}")
        shutil.rmtree(path, ignore_errors=True)
        return False
    with contextlib.suppress(OSError):  # a read-only cache folder is still read
        os.utime(path)
    return True


def save(con: duckdb.DuckDBPyConnection, path: Path, dimension_keys: list[str]) -> None:
    """Write :data:`TABLES` as a new entry (best effort: any failure leaves no entry)."""
    import duckdb

    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        work = Path(tempfile.mkdtemp(dir=path.parent, prefix=".new-"))
    except OSError:
        return
    try:
        for table in TABLES:
            con.execute(f"COPY {table} TO '{_quoted(work / f'{table}.parquet')}' "
                        "(FORMAT parquet, COMPRESSION zstd)")
        meta: dict[str, Any] = {"format": FORMAT, "keys": dimension_keys}
        (work / _META).write_text(json.dumps(meta), encoding="utf-8")
        work.rename(path)  # whole or not at all; a concurrent writer's entry wins
    except (OSError, duckdb.Error):
        pass
    finally:
        shutil.rmtree(work, ignore_errors=True)
    prune(path.parent, keep=path)


def prune(folder: Path, *, keep: Path, now: float | None = None) -> None:
    """Remove entries unused for :data:`MAX_AGE_DAYS` and stale temporary folders (best
    effort: a folder another run is reading may go, and that run then reads the rows)."""
    now = time.time() if now is None else now
    try:
        children = list(folder.iterdir())
    except OSError:
        return
    for child in children:
        try:
            age = now - child.stat().st_mtime
        except OSError:
            continue
        old = age > _STALE_SECONDS if child.name.startswith(".new-") else \
            age > MAX_AGE_DAYS * 86400
        if old and child != keep and child.is_dir() and not child.is_symlink():
            shutil.rmtree(child, ignore_errors=True)


def _quoted(path: Path) -> str:
    return str(path).replace("'", "''")
