"""The runbook's light read tables agree with the models (the schema authority)."""

from __future__ import annotations

from sqlalchemy.types import TypeDecorator

from migctl.services.runbook import data, tables
from migctl.store.types import UTCDateTime


def test_read_tables_name_real_columns_with_matching_types() -> None:
    from sqlmodel import SQLModel

    import migctl.store.models  # noqa: F401

    for light in data.READ_TABLES:
        model = SQLModel.metadata.tables[light.name]
        for column in light.columns:
            assert column.name in model.c, f"{light.name}.{column.name} is not in the model"
            real = model.c[column.name].type
            if isinstance(column.type, UTCDateTime):  # times must come back aware, in UTC
                assert isinstance(real, UTCDateTime), (light.name, column.name, real)
            else:  # AutoString is a TypeDecorator over String
                impl = real.impl if isinstance(real, TypeDecorator) else real
                assert isinstance(impl, type(column.type)), (light.name, column.name, real)
    assert tables.TASK is SQLModel.metadata.tables["task"]


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
