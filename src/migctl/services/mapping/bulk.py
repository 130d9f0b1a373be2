"""Bulk inserts for the 10⁵-row tables (mapping rules, accounts, dimension values).

SQLAlchemy's Core ``executemany`` spends ~15 µs per row building and processing parameters:
three seconds for 200,000 rules before SQLite sees a row. On SQLite the rows therefore go to
the driver's ``executemany`` directly, under a plain standard ``INSERT INTO t (a, b) VALUES
(?, ?)``, with values converted the way SQLAlchemy stores them there (decimals and dates as
text, JSON as text computed once per distinct value). Other engines take the ordinary Core
insert, so nothing here depends on one engine's SQL.

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
    if sqlite:
        converters = [(i, c) for i, t in enumerate(types) if (c := _sqlite_converter(t))]
        quote = connection.dialect.identifier_preparer.quote
        sql = (f"INSERT INTO {quote(table.name)} ({', '.join(quote(c) for c in columns)}) "
               f"VALUES ({', '.join('?' for _ in columns)})")
    else:
        converters = [(i, _json_pairs) for i, t in enumerate(types) if isinstance(t, JSON)]
    count = 0
    chunk: list[Any] = []

    def flush() -> None:
        if sqlite:  # the driver's own executemany, inside the session's transaction
            cursor = connection.connection.cursor()
            try:
                cursor.executemany(sql, chunk)
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
