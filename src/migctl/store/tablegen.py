"""Writes :mod:`migctl.store.tables` from the SQLModel classes: ``python -m migctl.store.tablegen``.

The models stay the single description of the schema; the generated module holds the same
tables as plain SQLAlchemy Core ``Table`` objects, the one way Core statements reach a table
(reads and writes), without importing SQLModel, pydantic or the ORM (about half a second of
start-up). Written: names, exact column types, nullability, primary keys and the Python-side
defaults a Core insert needs (constants, and ``utcnow`` for times); foreign keys, indexes and
server defaults stay with the models and the migrations. An unknown type or default stops the
generator. ``tests/test_store_tables.py`` regenerates the module and requires the committed
file to match.
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
Every Core statement (reads and writes) reaches a table through these, never through a model's
``__table__``: importing them costs SQLAlchemy Core alone, not SQLModel, pydantic and the ORM.
Python-side column defaults are carried (a Core insert fills them as the ORM would); foreign
keys, indexes and server defaults are left out: the models and the Alembic migrations own the
schema.
"""

from __future__ import annotations

from decimal import Decimal

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

from migctl.store.types import UTCDateTime, utcnow

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


def default_source(column: Column[object]) -> str | None:
    """The Python source of a column's Python-side default (None: it has none).

    Constants are written as literals, the models' ``utcnow`` as :func:`migctl.store.types.utcnow`;
    anything else (another callable, a SQL expression, an ``onupdate``, a server default) stops
    the generator, so a writer never silently loses a default the models give."""
    from decimal import Decimal

    if column.onupdate is not None or column.server_default is not None \
            or column.server_onupdate is not None:
        raise TypeError(f"tablegen does not carry the update/server default of {column!r}; "
                        "teach it")
    default = column.default
    if default is None:
        return None
    arg = getattr(default, "arg", None)
    if getattr(default, "is_callable", False):
        if getattr(arg, "__name__", "") == "utcnow":
            return "utcnow"
        raise TypeError(f"tablegen does not know the default {arg!r} of {column!r}; teach it")
    if getattr(default, "is_scalar", False) and isinstance(arg, str):
        return _quoted(arg)
    if getattr(default, "is_scalar", False) and isinstance(arg, bool | int | float):
        return repr(arg)
    if getattr(default, "is_scalar", False) and isinstance(arg, Decimal):
        return f'Decimal("{arg}")'
    raise TypeError(f"tablegen does not know the default {arg!r} of {column!r}; teach it")


def column_source(column: Column[object]) -> str:
    parts = [_quoted(column.name), type_source(column.type)]
    if column.primary_key:
        parts.append("primary_key=True")
    elif not column.nullable:
        parts.append("nullable=False")
    default = default_source(column)
    if default is not None:
        parts.append(f"default={default}")
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

    from migctl.store.models import register_all

    register_all()
    return SQLModel.metadata


def main() -> None:
    sys.stdout.write(generate(model_metadata()))


if __name__ == "__main__":
    main()
