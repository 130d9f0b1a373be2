"""Writes :mod:`migctl.store.tables` from the SQLModel classes: ``python -m migctl.store.tablegen``.

The models stay the single description of the schema; the generated module holds the same
tables as plain SQLAlchemy Core ``Table`` objects, so read paths (``migctl status``) can run
queries without importing SQLModel, pydantic or the ORM (about half a second of start-up).
Only what reading needs is written: names, exact column types, nullability and primary keys.
``tests/test_store_tables.py`` regenerates the module and requires the committed file to match.
"""

from __future__ import annotations

import json
import sys
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from sqlalchemy import Column, MetaData
    from sqlalchemy.types import TypeEngine

HEADER = '''\
"""The store's tables as plain SQLAlchemy Core: GENERATED from the SQLModel classes, do not edit.

Regenerate after a model change with
``python -m migctl.store.tablegen > src/migctl/store/tables.py`` (a test compares the two).
Reads that must start fast (``migctl status``) use these instead of the models: importing them
costs SQLAlchemy Core alone, not SQLModel, pydantic and the ORM. Foreign keys, indexes and
defaults are left out: the models and the Alembic migrations own the schema.
"""

from __future__ import annotations

from sqlalchemy import (
    JSON,
    Boolean,
    Column,
    Date,
    Float,
    Integer,
    MetaData,
    Numeric,
    String,
    Table,
)

from migctl.store.types import UTCDateTime

METADATA = MetaData()
'''


def type_source(column_type: TypeEngine[object]) -> str:
    """The Python source of one column type; an unknown type stops the generator."""
    from sqlalchemy import JSON, Boolean, Date, Float, Integer, Numeric, String
    from sqlmodel.sql.sqltypes import AutoString

    from migctl.store.types import UTCDateTime

    if isinstance(column_type, UTCDateTime):
        return "UTCDateTime()"
    if isinstance(column_type, AutoString | String):  # AutoString: a String on every engine
        return f"String({column_type.length})" if column_type.length else "String()"
    if isinstance(column_type, Boolean):
        return "Boolean()"
    if isinstance(column_type, Integer):
        return "Integer()"
    if isinstance(column_type, Float):  # a subclass of Numeric: test it first
        return "Float()"
    if isinstance(column_type, Numeric):
        return f"Numeric({column_type.precision}, {column_type.scale})"
    if isinstance(column_type, Date):
        return "Date()"
    if isinstance(column_type, JSON):
        return "JSON()"
    raise TypeError(f"tablegen does not know the column type {column_type!r}; teach it")


def _quoted(name: str) -> str:
    """A table or column name as a double-quoted literal (the project's style)."""
    return json.dumps(name)


def column_source(column: Column[object]) -> str:
    parts = [_quoted(column.name), type_source(column.type)]
    if column.primary_key:
        parts.append("primary_key=True")
    elif not column.nullable:
        parts.append("nullable=False")
    return f"    Column({', '.join(parts)}),"


def generate(metadata: MetaData) -> str:
    """The module text for every table of ``metadata``, by table name."""
    chunks = [HEADER]
    for name in sorted(metadata.tables):
        table = metadata.tables[name]
        lines = [f"{name.upper()} = Table(", f"    {_quoted(name)},", "    METADATA,"]
        lines.extend(column_source(column) for column in table.columns)
        lines.append(")")
        chunks.append("\n".join(lines) + "\n")
    return "\n".join(chunks)


def model_metadata() -> MetaData:
    from sqlmodel import SQLModel

    import migctl.store.models  # noqa: F401  (registers every table)

    return SQLModel.metadata


def main() -> None:
    sys.stdout.write(generate(model_metadata()))


if __name__ == "__main__":
    main()
