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
or None.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable, Sequence
from typing import Any

from sqlalchemy import JSON, Date, Numeric, Table, insert
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
