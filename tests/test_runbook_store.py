"""The runbook's reads work on a plain Core connection, as well as inside a Session.

(Its read tables are the generated :mod:`migctl.store.tables`: ``tests/test_store_tables.py``
keeps them equal to the models.)
"""

from __future__ import annotations

from migctl.services.runbook import read as data


def test_reading_works_on_a_plain_connection(cli: object) -> None:
    from migctl.store.engine import make_engine

    db_url = cli.db_url  # type: ignore[attr-defined]
    cli("task", "add", "A", "--title", "A", "-d", "1h")  # type: ignore[operator]
    cli("task", "add", "B", "--title", "B", "-d", "1h", "--depends-on", "A")  # type: ignore[operator]
    with make_engine(db_url).connect() as connection:
        runbook = data.load_runbook(connection)
        assert [t.key for t in runbook.tasks] == ["A", "B"]
        assert runbook.depends_on == [(), (0,)]
        assert data.run_for_reading(connection, None) is None
