"""The generated Core tables (`migctl.store.tables`) stay equal to the SQLModel classes."""

from __future__ import annotations

from pathlib import Path

import pytest
from sqlalchemy import Column, Integer, LargeBinary, MetaData, Numeric, String, Table
from sqlmodel.sql.sqltypes import AutoString

from migctl.store import tablegen, tables


def test_committed_tables_are_what_the_generator_writes_from_the_models() -> None:
    committed = Path(tables.__file__).read_text(encoding="utf-8")
    regenerated = tablegen.generate(tablegen.model_metadata())
    assert committed == regenerated, (
        "src/migctl/store/tables.py is out of date with the models: run "
        "`python -m migctl.store.tablegen > src/migctl/store/tables.py`")


def test_every_model_table_and_column_is_generated_with_its_type() -> None:
    models = tablegen.model_metadata()
    assert sorted(tables.METADATA.tables) == sorted(models.tables)
    for name, model in models.tables.items():
        generated = tables.METADATA.tables[name]
        assert [c.name for c in generated.columns] == [c.name for c in model.columns]
        for column in model.columns:
            twin = generated.c[column.name]
            where = (name, column.name, column.type, twin.type)
            assert (twin.primary_key, twin.nullable) == (column.primary_key, column.nullable)
            if isinstance(column.type, AutoString):  # SQLModel's str: a String on every engine
                assert type(twin.type) is String and twin.type.length == column.type.length, where
            else:  # the same type class and arguments: the same values come back
                assert type(twin.type) is type(column.type), where
                assert repr(twin.type) == repr(column.type), where


def test_types_are_written_exactly() -> None:
    metadata = MetaData()
    Table("t", metadata, Column("id", Integer, primary_key=True),
          Column("code", String(32), nullable=False), Column("note", String()),
          Column("amount", Numeric(18, 2)))
    text = tablegen.generate(metadata)
    assert 'T = Table(\n    "t",\n    METADATA,\n' in text
    assert '    Column("id", Integer(), primary_key=True),\n' in text
    assert '    Column("code", String(32), nullable=False),\n' in text
    assert '    Column("note", String()),\n' in text
    assert '    Column("amount", Numeric(18, 2)),\n' in text


def test_an_unknown_column_type_stops_the_generator() -> None:
    metadata = MetaData()
    Table("blob", metadata, Column("id", Integer, primary_key=True), Column("data", LargeBinary))
    with pytest.raises(TypeError, match="does not know the column type"):
        tablegen.generate(metadata)


def test_python_side_defaults_are_generated_so_core_inserts_fill_them() -> None:
    """Writers insert through the generated tables: each default is the model's."""
    models = tablegen.model_metadata()
    for name, model in models.tables.items():
        for column in model.columns:
            twin = tables.METADATA.tables[name].c[column.name]
            if column.default is None:
                assert twin.default is None, (name, column.name)
            elif getattr(column.default, "is_callable", False):  # the models' utcnow
                assert getattr(twin.default, "is_callable", False), (name, column.name)
                assert twin.default.arg.__name__ == "utcnow", (name, column.name)  # type: ignore[union-attr]
            else:
                assert twin.default is not None, (name, column.name)
                assert twin.default.arg == column.default.arg, (name, column.name)  # type: ignore[attr-defined]
    assert tablegen.default_source(models.tables["task"].c.created_at) == "utcnow"


def test_an_unknown_default_stops_the_generator() -> None:
    metadata = MetaData()
    Table("t", metadata, Column("id", Integer, primary_key=True),
          Column("n", Integer, default=lambda: 1))
    with pytest.raises(TypeError, match="does not know the default"):
        tablegen.generate(metadata)
    metadata = MetaData()
    Table("u", metadata, Column("id", Integer, primary_key=True),
          Column("n", Integer, onupdate=1))
    with pytest.raises(TypeError, match="update/server default"):
        tablegen.generate(metadata)
