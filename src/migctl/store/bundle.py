"""A portable bundle of the whole store, so a programme can move between SQLite and PostgreSQL.

The bundle is one JSON document: the schema revision and, per table, its column names and rows
in primary-key order with every value in a type-stable text form (Decimals as strings,
datetimes as UTC ISO strings). It carries no timestamp, so exporting, importing into a fresh
store and exporting again gives byte-identical files.

Import builds the store at the bundle's revision, inserts every table in foreign-key order in
one transaction, fixes PostgreSQL sequences, then upgrades to this migctl's head — so a bundle
from an older migctl still loads.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from datetime import UTC, date, datetime
from decimal import Decimal
from pathlib import Path
from typing import IO, Any, TypedDict

from sqlalchemy import (
    JSON,
    Boolean,
    Connection,
    Date,
    DateTime,
    Engine,
    Numeric,
    Table,
    insert,
    select,
    text,
)
from sqlmodel import SQLModel

from migctl.errors import Conflict, InputError
from migctl.store import migrate
from migctl.store.types import UTCDateTime

FORMAT = "migctl-bundle"
FORMAT_VERSION = 1

#: Table name → rows exported or imported.
TableCounts = dict[str, int]


class BundleSummary(TypedDict):
    """``db export -f json`` and ``db import -f json``: the bundle and its rows per table."""

    file: str
    tables: TableCounts


def bundle_summary(path: Path, counts: TableCounts) -> BundleSummary:
    return {"file": str(path), "tables": counts}


def _tables() -> list[Table]:
    from migctl.store.models import register_all

    register_all()
    return list(SQLModel.metadata.sorted_tables)


def _encode(value: Any) -> Any:
    if value is None or isinstance(value, bool | int | str):
        return value
    if isinstance(value, Decimal):
        return format(value, "f")
    if isinstance(value, datetime):
        moment = value if value.tzinfo else value.replace(tzinfo=UTC)
        return moment.astimezone(UTC).isoformat(timespec="microseconds").replace("+00:00", "Z")
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, float):
        return value
    if isinstance(value, dict | list):
        return value
    raise TypeError(f"cannot export a {type(value).__name__}")


def _decoder(column_type: Any) -> Any:
    if isinstance(column_type, UTCDateTime):
        return lambda v: datetime.fromisoformat(v.replace("Z", "+00:00"))
    if isinstance(column_type, DateTime):
        return lambda v: datetime.fromisoformat(v.replace("Z", "+00:00")).replace(tzinfo=None)
    if isinstance(column_type, Date):
        return date.fromisoformat
    if isinstance(column_type, Numeric) and getattr(column_type, "asdecimal", True):
        return Decimal
    if isinstance(column_type, Boolean):
        return bool
    if isinstance(column_type, JSON):
        return lambda v: v
    return lambda v: v


def _rows(engine: Engine, table: Table) -> Iterator[list[Any]]:
    order = list(table.primary_key.columns) or list(table.columns)
    with engine.connect() as connection:
        for row in connection.execute(select(table).order_by(*order)):
            yield [_encode(v) for v in row]


def export_bundle(engine: Engine, path: Path) -> TableCounts:
    """Write the bundle to ``path`` as every migctl output is written
    (:func:`migctl.outfiles.atomic_output`: complete or not at all, the user's file kept as
    it was made); returns rows per table."""
    from migctl.outfiles import atomic_output

    with atomic_output(path) as out:
        return write_bundle(engine, out)


def write_bundle(engine: Engine, out: IO[str]) -> TableCounts:
    """Write the bundle to an open text stream (a file, or stdout); returns rows per table."""
    revision = migrate.current_revision(engine)
    counts: TableCounts = {}
    out.write(f'{{\n  "format": "{FORMAT}",\n  "format_version": {FORMAT_VERSION},\n'
              f'  "schema": {json.dumps(revision)},\n  "tables": {{')
    first_table = True
    for table in _tables():
        out.write(("\n" if first_table else ",\n") + f"    {json.dumps(table.name)}: {{\n")
        first_table = False
        columns = [c.name for c in table.columns]
        out.write(f'      "columns": {json.dumps(columns)},\n      "rows": [')
        count = 0
        for row in _rows(engine, table):
            out.write(("\n" if count == 0 else ",\n") + "        "
                      + json.dumps(row, ensure_ascii=False, separators=(",", ":"),
                                   sort_keys=True))
            count += 1
        out.write("\n      ]\n    }" if count else "]\n    }")
        counts[table.name] = count
    out.write("\n  }\n}\n")
    return counts


def _is_empty(engine: Engine) -> bool:
    """No rows but the record of which migctl wrote the store (``migctl init`` leaves it)."""
    with engine.connect() as connection:
        for table in _tables():
            query = select(table).limit(1)
            if table.name == "setting":
                query = query.where(table.c.key != migrate.WRITTEN_BY)
            if connection.execute(query).first() is not None:
                return False
    return True


def import_bundle(engine: Engine, path: Path) -> TableCounts:
    """Load a bundle into an empty (or missing) store; all or nothing."""
    bundle = _read(path)
    _prepare_schema(engine, bundle.get("schema"), path)
    data = bundle.get("tables")
    if not isinstance(data, dict):
        raise InputError("bundle has no \"tables\"", file=path.name)
    counts: TableCounts = {}
    tables = {t.name: t for t in _reflect(engine)}
    with engine.execution_options(migctl_write=True).begin() as connection:
        if "setting" in tables:  # `init` noted its version; the bundle's note is loaded instead
            setting = tables["setting"]
            connection.execute(setting.delete().where(setting.c.key == migrate.WRITTEN_BY))
        for name, table in tables.items():
            entry = data.get(name)
            if entry is not None:
                counts[name] = _insert_table(connection, table, entry, path)
        if connection.dialect.name == "postgresql":
            _reset_sequences(connection, tables.values())
    migrate.upgrade(engine)
    return counts


def _read(path: Path) -> dict[str, object]:
    """The bundle's top-level object, refused unless it is a migctl bundle."""
    try:
        with path.open(encoding="utf-8") as handle:
            bundle = json.load(handle)
    except json.JSONDecodeError as exc:
        raise InputError(f"not a JSON bundle: {exc.msg}", file=path.name, row=exc.lineno) from None
    except UnicodeDecodeError:
        raise InputError("not a UTF-8 JSON bundle", file=path.name) from None
    if not isinstance(bundle, dict) or bundle.get("format") != FORMAT:
        raise InputError("not a migctl bundle (no \"format\": \"migctl-bundle\")", file=path.name)
    return bundle


def _prepare_schema(engine: Engine, schema: object, path: Path) -> None:
    """An empty store at the bundle's schema revision (created, upgraded or stepped back)."""
    known = migrate.script_revisions()
    if not isinstance(schema, str) or schema not in known:
        raise InputError(f"bundle schema {schema!r} is unknown to this migctl (newer version?)",
                         file=path.name)
    current = migrate.current_revision(engine)
    if current is not None and not _is_empty(engine):
        raise Conflict("the target store is not empty; import a bundle into a new store")
    if current is None or known.index(current) < known.index(schema):
        migrate.upgrade(engine, schema)
    elif current != schema:
        migrate.downgrade(engine, schema)  # empty store: safe to step back to the bundle's schema


def _insert_table(connection: Connection, table: Table, entry: Any, path: Path) -> int:
    """Insert one table's rows in batches; how many rows it had."""
    columns = entry.get("columns", [])
    unknown = [c for c in columns if c not in table.c]
    if unknown:
        raise InputError(f"table {table.name}: unknown columns {unknown}", file=path.name)
    decoders = [_decoder(table.c[c].type) for c in columns]
    batch: list[dict[str, object]] = []
    for raw in entry.get("rows", []):
        batch.append({c: (None if v is None else d(v))
                      for c, d, v in zip(columns, decoders, raw, strict=True)})
        if len(batch) >= 5000:
            connection.execute(insert(table), batch)
            batch = []
    if batch:
        connection.execute(insert(table), batch)
    return len(entry.get("rows", []))


def _reflect(engine: Engine) -> list[Table]:
    """The tables as they are at the bundle's revision (which may be older than the models)."""
    from sqlalchemy import MetaData

    metadata = MetaData()
    metadata.reflect(engine)
    current = {t.name: t for t in _tables()}
    ordered = [metadata.tables[t] for t in current if t in metadata.tables]
    ordered += [t for n, t in metadata.tables.items()
                if n not in current and n != "alembic_version"]
    # Reflected types lose our UTCDateTime: take the model's type where the column still exists.
    for table in ordered:
        model = current.get(table.name)
        for column in table.columns:
            if model is not None and column.name in model.c:
                column.type = model.c[column.name].type
    return ordered


def _reset_sequences(connection: Any, tables: Any) -> None:
    for table in tables:
        for column in table.primary_key.columns:
            if column.autoincrement is True or (
                column.autoincrement == "auto" and len(table.primary_key.columns) == 1
                and str(column.type).upper().startswith("INTEGER")
            ):
                sequence = connection.execute(
                    text("SELECT pg_get_serial_sequence(:t, :c)"),
                    {"t": table.name, "c": column.name},
                ).scalar()
                if sequence:
                    connection.execute(text(
                        f'SELECT setval(:s, COALESCE((SELECT MAX("{column.name}") '
                        f'FROM "{table.name}"), 0) + 1, false)'), {"s": sequence})


def backup_sqlite(engine: Engine, target: Path) -> None:
    """SQLite's online backup: a consistent copy even while others write."""
    if engine.dialect.name != "sqlite":
        raise Conflict(
            "db backup copies SQLite stores; for PostgreSQL use pg_dump, e.g. "
            "`pg_dump --format=custom --file store.dump \"$DATABASE\"`, or `migctl db export`"
        )
    import shutil
    import sqlite3
    import tempfile

    from migctl.outfiles import atomic_output, resolve_target

    # The copy is made in a private folder (mkdtemp: unpredictable, mode 700) next to the
    # target, then written like every output (migctl.outfiles): no missing folder created, the
    # existing file's mode kept, a symlink written through, a planted link never followed.
    folder = resolve_target(target).parent
    with tempfile.TemporaryDirectory(prefix=".migctl-backup-", dir=folder) as private:
        copy = Path(private) / "store.db"
        raw = engine.raw_connection()
        try:
            source = raw.driver_connection
            assert isinstance(source, sqlite3.Connection)
            destination = sqlite3.connect(copy)
            try:
                source.backup(destination)
            finally:
                destination.close()
        finally:
            raw.close()
        with atomic_output(target, binary=True) as handle, copy.open("rb") as data:
            shutil.copyfileobj(data, handle, 1024 * 1024)
