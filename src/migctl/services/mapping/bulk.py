"""Bulk inserts for the 10⁵-row tables (mapping rules, accounts, dimension values).

SQLAlchemy's Core ``executemany`` spends ~15 µs per row building and processing parameters:
three seconds for 200,000 rules before SQLite sees a row. On SQLite the rows therefore go to
the driver's ``executemany`` directly, under a plain standard ``INSERT INTO t (a, b) VALUES
(?, ?)``, with values converted the way SQLAlchemy stores them there (decimals and dates as
text, JSON as text computed once per distinct value). On PostgreSQL through psycopg the rows
are streamed with ``COPY … FROM STDIN`` (psycopg adapts each value; JSON goes as its text),
several times faster than batched INSERTs. Any other engine takes the ordinary Core insert.

Rows are sequences in ``columns`` order with Python values (a list is converted in place); a
JSON column's value is given as a tuple of ``(key, value)`` pairs (hashable, hence memoisable)
or None. :func:`bulk_insert_columns` takes the same values column by column: a column is
converted once (each value once per distinct object) and SQLite receives one
``executemany`` over the zipped columns, with no per-row Python code at all.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable, Sequence
from typing import Any

from sqlalchemy import JSON, Boolean, Date, Numeric, Table, insert
from sqlmodel import Session

CHUNK = 50_000

Converter = Callable[[Any], Any]


def _json_pairs(value: Any) -> Any:
    return dict(value) if value else None


def _sqlite_converter(column_type: Any) -> Converter | None:
    """How a value is written as SQLite stores it (JSON's text also serves PostgreSQL's COPY)."""
    if isinstance(column_type, JSON):
        cache: dict[Any, str] = {}

        def json_text(value: Any) -> str | None:
            if not value:
                return None
            text = cache.get(value)
            if text is None:
                text = cache[value] = json.dumps(dict(value), ensure_ascii=False)
            return text

        return json_text
    if isinstance(column_type, Numeric):
        return lambda value: None if value is None else str(value)
    if isinstance(column_type, Date):
        return lambda value: None if value is None else value.isoformat()
    return None


def bulk_insert(session: Session, table: Table, columns: Sequence[str],
                rows: Iterable[Sequence[Any]]) -> int:
    """Insert ``rows`` in chunks of 50,000; returns how many."""
    connection = session.connection()
    sqlite = connection.dialect.name == "sqlite"
    types = [table.c[name].type for name in columns]
    copy = connection.dialect.name == "postgresql" and connection.dialect.driver == "psycopg"
    quote = connection.dialect.identifier_preparer.quote
    names = ", ".join(quote(c) for c in columns)
    if sqlite:
        converters = [(i, c) for i, t in enumerate(types) if (c := _sqlite_converter(t))]
        marks = ", ".join("?" for _ in columns)
        sql = f"INSERT INTO {quote(table.name)} ({names}) VALUES ({marks})"
    elif copy:
        converters = [(i, c) for i, t in enumerate(types)
                      if isinstance(t, JSON) and (c := _sqlite_converter(t))]
        sql = f"COPY {quote(table.name)} ({names}) FROM STDIN"
    else:
        converters = [(i, _json_pairs) for i, t in enumerate(types) if isinstance(t, JSON)]
    count = 0
    chunk: list[Any] = []

    def flush() -> None:
        if sqlite or copy:  # the driver itself, inside the session's transaction
            cursor: Any = connection.connection.cursor()
            try:
                if sqlite:
                    cursor.executemany(sql, chunk)
                else:
                    with cursor.copy(sql) as stream:  # psycopg
                        for values in chunk:
                            stream.write_row(values)
            finally:
                cursor.close()
        else:
            connection.execute(insert(table), [dict(zip(columns, row, strict=True))
                                               for row in chunk])

    for row in rows:
        if converters:
            values = row if type(row) is list else list(row)  # lists are converted in place
            for index, convert in converters:
                values[index] = convert(values[index])
            chunk.append(values)
        else:
            chunk.append(row)
        if len(chunk) >= CHUNK:
            flush()
            count += len(chunk)
            chunk = []
    if chunk:
        flush()
        count += len(chunk)
    return count


def _converted_column(convert: Converter, values: list[Any]) -> list[Any]:
    """``convert`` applied once per distinct *object* (rows share their parsed values; equal
    decimals may print differently, so objects, not values, are the key)."""
    if values.count(None) == len(values):  # e.g. no rule has a validity date: nothing to do
        return values
    ids = list(map(id, values))
    distinct = dict(zip(ids, values, strict=True))  # the values stay alive: ids stay unique
    converted = {key: convert(value) for key, value in distinct.items()}
    return list(map(converted.__getitem__, ids))


def _sqlite_column(column_type: Any, values: list[Any]) -> list[Any]:
    """A column's values as the SQLite driver takes them, the way SQLite stores them."""
    if isinstance(column_type, Boolean) and None not in values:
        # a bool is an int subclass, which the driver first offers to its adapters (a dozen
        # lookups per value); as an int it is bound at once, and stored the same (0 or 1)
        return list(map(int, values))
    convert = _sqlite_converter(column_type)
    return values if convert is None else _converted_column(convert, values)


#: Below this many rows an insert keeps the table's indexes as they are.
REINDEX_ROWS = 20_000


def _indexes_to_rebuild(cursor: Any, table: str, quoted: str,
                        count: int) -> list[tuple[str, str]]:
    """(name, SQL) of the plain indexes of ``table`` that are cheaper to build after inserting
    ``count`` rows than to keep up row by row: when the table holds fewer rows than that (its
    largest rowid says at most how many). Unique indexes stay (a duplicate must fail the
    insert as it always did)."""
    if count < REINDEX_ROWS:
        return []
    largest = cursor.execute(f"SELECT max(rowid) FROM {quoted}").fetchone()[0] or 0
    if largest >= count:
        return []
    found = cursor.execute(
        "SELECT name, sql FROM sqlite_master WHERE type = 'index' AND tbl_name = ? "
        "AND sql IS NOT NULL", (table,)).fetchall()
    return [(name, sql) for name, sql in found
            if not sql.upper().startswith("CREATE UNIQUE")]


def bulk_insert_columns(session: Session, table: Table, columns: Sequence[str],
                        values: Sequence[list[Any]]) -> int:
    """Insert rows given as columns (``values[i]`` holds column ``columns[i]`` of every row,
    Python values as :func:`bulk_insert` takes them); returns how many.

    On SQLite, a big insert into a (nearly) empty table drops the table's plain indexes and
    creates them again afterwards (:func:`_indexes_to_rebuild`), from the very SQL they were
    made with: all in the session's transaction, so a failure or a crash leaves them as they
    were, and building an index once from sorted keys is cheaper than 10⁵ updates of it."""
    connection = session.connection()
    count = len(values[0]) if values else 0
    if connection.dialect.name != "sqlite":
        return bulk_insert(session, table, columns, zip(*values, strict=True))
    converted = [_sqlite_column(table.c[name].type, column)
                 for name, column in zip(columns, values, strict=True)]
    quote = connection.dialect.identifier_preparer.quote
    sql = (f"INSERT INTO {quote(table.name)} ({', '.join(quote(c) for c in columns)}) "
           f"VALUES ({', '.join('?' for _ in columns)})")
    cursor: Any = connection.connection.cursor()  # the driver, in the session's transaction
    try:
        rebuilt = _indexes_to_rebuild(cursor, table.name, quote(table.name), count)
        for name, _ in rebuilt:
            cursor.execute(f"DROP INDEX {quote(name)}")
        cursor.executemany(sql, zip(*converted, strict=True))
        for _, index_sql in rebuilt:
            cursor.execute(index_sql)
    finally:
        cursor.close()
    return count
