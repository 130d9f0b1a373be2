"""Charts of accounts and cost-object dimensions: import (all or nothing), list, show.

A re-import replaces the chart's accounts (or the dimension's values) in one transaction;
importing the very same file again changes nothing. Parents may be written after their
children: references are resolved once the whole file has been read.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import TypeVar, Unpack

from sqlalchemy import Table, delete
from sqlmodel import Session, col, select

from migctl import values
from migctl.errors import InputError, NotFound, OptionError, UsageError
from migctl.importers import Column, ReadOptions, Row, TableSpec, read_table
from migctl.importers.cells import bool_cell, parse_cell, unique_cell
from migctl.services.audit import Actor, record
from migctl.services.mapping.bulk import bulk_insert
from migctl.services.mapping.documents import (
    AccountRow,
    ChartDocument,
    ChartShowDocument,
    DimensionDocument,
    DimensionShowDocument,
    HierarchyRow,
    TableCounts,
    TableImportDocument,
)
from migctl.services.mapping.fields import normalize_code, normalize_type, normalize_types
from migctl.services.mapping.files import file_sha256, given_path
from migctl.services.systems.fields import normalize_key, normalize_role
from migctl.store.models.mapping import Account, Chart, Dimension, DimensionValue
from migctl.store.tables import ACCOUNT, DIMENSION_VALUE

CHART_TABLE = TableSpec(
    what="chart of accounts",
    columns=(
        Column("code", ("tili", "tilinumero", "koodi", "account"), type="code"),
        Column("name", ("nimi", "tilin nimi", "selite")),
        Column("type", ("tyyppi", "tilityyppi", "laji"), type="choice"),
        Column("parent", ("ylätili", "ylätaso", "emo", "parent code", "parent_code"),
               required=False, type="code"),
        Column("active", ("aktiivinen", "käytössä", "voimassa"), required=False, type="bool"),
    ),
)

DIMENSION_TABLE = TableSpec(
    what="dimension values",
    columns=(
        Column("code", ("koodi", "tunnus", "value"), type="code"),
        Column("name", ("nimi", "selite")),
        Column("parent", ("ylätaso", "emo", "parent code", "parent_code"), required=False,
               type="code"),
        Column("active", ("aktiivinen", "käytössä", "voimassa"), required=False, type="bool"),
    ),
)


@dataclass
class _Item:
    row: Row
    code: str
    name: str
    parent: str | None
    active: bool
    type: str | None = None


@dataclass
class ImportResult:
    """What a chart or dimension import did, as the CLI reports it."""

    kind: str  # chart | dimension
    key: str
    file: str
    source: str
    rows: int
    created: bool
    unchanged: bool
    counts: TableCounts = field(default_factory=lambda: TableCounts())

    def document(self) -> TableImportDocument:
        return {"kind": self.kind, "key": self.key, "file": self.file, "source": self.source,
                "rows": self.rows, "created": self.created, "unchanged": self.unchanged,
                **self.counts}


#: Rows between two calls of an import's ``progress`` callback.
PROGRESS_EVERY = 1000


def _read_items(path: Path, spec: TableSpec, *, with_type: bool,
                progress: Callable[[int], None] | None = None, **read: Unpack[ReadOptions]
                ) -> tuple[str, str, dict[str, _Item]]:
    """The file's rows by code; ``progress(rows read)`` every :data:`PROGRESS_EVERY` rows."""
    table = read_table(path, spec, **read)
    items: dict[str, _Item] = {}
    for number, row in enumerate(table.rows, start=1):
        if progress is not None and number % PROGRESS_EVERY == 0:
            progress(number)
        code = unique_cell(row, "code", normalize_code, items)
        parent = parse_cell(row, "parent", normalize_code)
        if parent == code:
            raise row.error("parent", f"{code} cannot be its own parent")
        items[code] = _Item(
            row=row, code=code, name=row.get("name"), parent=parent,
            active=bool_cell(row, "active", default=True),
            type=parse_cell(row, "type", normalize_type) if with_type else None,
        )
    if not items:
        raise InputError("no rows in the file (only a header)", file=table.file)
    _check_parents(items)
    if with_type:
        _inherit_types(items)
    return table.file, table.source, items


def _check_parents(items: dict[str, _Item]) -> None:
    """Every parent exists in the file and no chain of parents loops."""
    for item in items.values():
        if item.parent is not None and item.parent not in items:
            raise item.row.error("parent", f"{item.parent!r} is not a code in this file")
    state: dict[str, int] = {}  # 1 = on the current path, 2 = known to reach a root
    for start in items:
        path: list[str] = []
        code: str | None = start
        while code is not None and state.get(code) != 2:
            if state.get(code) == 1:
                loop = [*path[path.index(code):], code]
                raise items[code].row.error("parent", "parents form a loop: "
                                            + " → ".join(loop))
            state[code] = 1
            path.append(code)
            code = items[code].parent
        for done in path:
            state[done] = 2


def _inherit_types(items: dict[str, _Item]) -> None:
    """An empty type is taken from the nearest parent that has one."""
    for item in items.values():
        if item.type is not None:
            continue
        parent = item.parent
        while parent is not None and items[parent].type is None:
            parent = items[parent].parent
        if parent is None:
            raise item.row.error("type", "is empty and no parent account has a type")
        item.type = items[parent].type


# --- charts -------------------------------------------------------------------------------

def get_chart(session: Session, key: str) -> Chart:
    chart = session.exec(select(Chart).where(Chart.key == key.strip().lower())).first()
    if chart is None:
        raise NotFound(f"no chart {key!r}; `migctl chart list` shows the charts")
    return chart


def import_chart(
    session: Session,
    actor: Actor,
    *,
    path: Path,
    key: str,
    role: str,
    name: str | None = None,
    now: datetime | None = None,
    progress: Callable[[int], None] | None = None,
    **read: Unpack[ReadOptions],
) -> ImportResult:
    """Replace the chart ``key`` with the accounts in ``path`` (``progress``: rows read)."""
    key, role = _key_and_role(key, role, what="chart key")
    file, source, items = _read_items(path, CHART_TABLE, with_type=True, progress=progress,
                                      **read)
    sha = file_sha256(path)
    chart = session.exec(select(Chart).where(Chart.key == key)).first()
    parents = {i.parent for i in items.values() if i.parent}
    counts: TableCounts = {"accounts": len(items), "postable": len(items.keys() - parents),
                           "inactive": sum(1 for i in items.values() if not i.active)}
    result = ImportResult("chart", key, file, source, len(items), created=chart is None,
                          unchanged=False, counts=counts)
    if chart is not None and chart.sha256 == sha and chart.role == role \
            and (name is None or name == chart.name):
        result.unchanged = True
        return result
    before = None if chart is None else _chart_summary(chart)
    if chart is None:
        chart = Chart(key=key, role=role, name=name or key)
    else:
        _refuse_role_change(chart.role, role, what=f"chart {key}")
        session.execute(delete(Account).where(col(Account.chart_id) == chart.id))
    chart.role = role
    chart.name = name or chart.name or key
    chart.account_count = len(items)
    chart.source_path = given_path(path)
    _store(session, actor, chart, "accounts", file=file, source=source, sha=sha, now=now,
           before=before, summary=_chart_summary, table=ACCOUNT,
           columns=("chart_id", "code", "name", "type", "parent_code", "active", "source_row"),
           rows=((chart.id, i.code, i.name, i.type, i.parent, i.active, i.row.number)
                 for i in items.values()))
    return result


Owner = TypeVar("Owner", Chart, Dimension)


def _store(session: Session, actor: Actor, owner: Owner, noun: str, *, file: str, source: str,
           sha: str, now: datetime | None, before: dict[str, object] | None,
           summary: Callable[[Owner], dict[str, object]], table: Table,
           columns: tuple[str, ...], rows: Iterable[tuple[object, ...]]) -> None:
    """Store a chart or dimension with the file it came from, insert its accounts or values
    (``rows``, which may read ``owner.id``: it is set before they are read) and audit it."""
    owner.file_name = file
    owner.sha256 = sha
    owner.actor = actor.name
    owner.imported_at = now or datetime.now(UTC)
    session.add(owner)
    session.flush()
    bulk_insert(session, table, columns, rows)
    what = "chart" if isinstance(owner, Chart) else "dimension"
    record(session, actor, entity_type=what, entity_key=owner.key,
           action="create" if before is None else "import",
           summary=f"{owner.role} {what} {owner.key}: {_count(owner)} {noun} from {file} "
                   f"({source})",
           before=before, after=summary(owner))


def _count(owner: Chart | Dimension) -> int:
    return owner.account_count if isinstance(owner, Chart) else owner.value_count


def _refuse_role_change(old: str, new: str, *, what: str) -> None:
    if old != new:
        raise OptionError(f"{what} is {old}, not {new}; import under another key "
                          f"or keep {{option}} {old}", field="role")


def _chart_summary(chart: Chart) -> dict[str, object]:  # audit summary
    return {"role": chart.role, "name": chart.name, "file": chart.file_name,
            "sha256": chart.sha256, "accounts": chart.account_count}


def _key_and_role(key: str, role: str, *, what: str) -> tuple[str, str]:
    try:
        return normalize_key(key, what=what), normalize_role(role)
    except ValueError as exc:
        raise UsageError(str(exc)) from None


def _postable_counts(session: Session, chart_ids: Iterable[int]) -> dict[int, tuple[int, int]]:
    """chart id → (postable accounts, inactive accounts)."""
    ids = list(chart_ids)
    rows = session.exec(
        select(Account.chart_id, Account.code, Account.parent_code, Account.active)
        .where(col(Account.chart_id).in_(ids))
    ).all()
    parents: dict[int, set[str]] = {}
    for chart_id, _code, parent, _active in rows:
        if parent:
            parents.setdefault(chart_id, set()).add(parent)
    result: dict[int, list[int]] = {i: [0, 0] for i in ids}
    for chart_id, code, _parent, active in rows:
        if code not in parents.get(chart_id, set()):
            result[chart_id][0] += 1
        if not active:
            result[chart_id][1] += 1
    return {k: (v[0], v[1]) for k, v in result.items()}


def chart_document(chart: Chart, postable: int, inactive: int) -> ChartDocument:
    return {
        "key": chart.key, "name": chart.name, "role": chart.role,
        "account_count": chart.account_count, "postable": postable, "inactive": inactive,
        "file": chart.file_name, "sha256": chart.sha256, "imported_at": chart.imported_at,
        "actor": chart.actor,
    }


def list_charts(session: Session) -> list[ChartDocument]:
    charts = session.exec(select(Chart).order_by(col(Chart.role), col(Chart.key))).all()
    counts = _postable_counts(session, [c.id for c in charts if c.id is not None])
    return [chart_document(c, *counts.get(c.id or 0, (0, 0))) for c in charts]


def show_chart(session: Session, key: str, *, tree: bool = False) -> ChartShowDocument:
    """The chart and its accounts (in code order, or nested under their parents)."""
    chart = get_chart(session, key)
    accounts = session.exec(
        select(Account).where(Account.chart_id == chart.id).order_by(col(Account.code))
    ).all()
    parents = {a.parent_code for a in accounts if a.parent_code}
    rows: list[AccountRow] = [
        {"code": a.code, "name": a.name, "type": a.type, "parent": a.parent_code,
         "active": a.active, "summary": a.code in parents, "row": a.source_row}
        for a in accounts]
    inactive = sum(1 for a in accounts if not a.active)
    postable = sum(1 for a in accounts if a.code not in parents)
    return {**chart_document(chart, postable, inactive),
            "accounts": nest(rows) if tree else rows}


Node = TypeVar("Node", bound=HierarchyRow)


def nest(rows: Sequence[Node]) -> list[Node]:
    """Rows with ``code``/``parent`` as a forest: each row gains ``children``."""
    by_code: dict[str, Node] = {}
    for row in rows:
        node = by_code[row["code"]] = row.copy()
        node["children"] = []
    roots: list[Node] = []
    for node in by_code.values():
        parent = by_code.get(node["parent"]) if node["parent"] else None
        if parent is None:
            roots.append(node)
        else:
            parent["children"].append(node)
    return roots


# --- dimensions ---------------------------------------------------------------------------

def get_dimension(session: Session, key: str) -> Dimension:
    dimension = session.exec(
        select(Dimension).where(Dimension.key == key.strip().lower())
    ).first()
    if dimension is None:
        raise NotFound(f"no dimension {key!r}; `migctl dimension list` shows the dimensions")
    return dimension


def parse_required_for(text: str | None) -> str | None:
    """``--required-for expense,kulu`` → ``"expense"``; None keeps what is stored."""
    if text is None:
        return None
    try:
        return ",".join(normalize_types(values.split_list(text)))
    except ValueError as exc:
        raise OptionError(str(exc), field="required_for") from None


def import_dimension(
    session: Session,
    actor: Actor,
    *,
    path: Path,
    key: str,
    role: str,
    required_for: str | None = None,
    name: str | None = None,
    now: datetime | None = None,
    progress: Callable[[int], None] | None = None,
    **read: Unpack[ReadOptions],
) -> ImportResult:
    """Replace the values of dimension ``key``; ``required_for`` None keeps the stored list
    (``progress``: rows read)."""
    key, role = _key_and_role(key, role, what="dimension key")
    required = parse_required_for(required_for)
    file, source, items = _read_items(path, DIMENSION_TABLE, with_type=False,
                                      progress=progress, **read)
    sha = file_sha256(path)
    dimension = session.exec(select(Dimension).where(Dimension.key == key)).first()
    counts: TableCounts = {"values": len(items),
                           "inactive": sum(1 for i in items.values() if not i.active)}
    result = ImportResult("dimension", key, file, source, len(items),
                          created=dimension is None, unchanged=False, counts=counts)
    if dimension is not None and dimension.sha256 == sha and dimension.role == role \
            and (required is None or required == dimension.required_for) \
            and (name is None or name == dimension.name):
        result.unchanged = True
        return result
    before = None if dimension is None else _dimension_summary(dimension)
    if dimension is None:
        dimension = Dimension(key=key, role=role, name=name or key)
    else:
        _refuse_role_change(dimension.role, role, what=f"dimension {key}")
        session.execute(delete(DimensionValue)
                        .where(col(DimensionValue.dimension_id) == dimension.id))
    dimension.name = name or dimension.name or key
    if required is not None:
        dimension.required_for = required
    dimension.value_count = len(items)
    dimension.source_path = given_path(path)
    _store(session, actor, dimension, "values", file=file, source=source, sha=sha, now=now,
           before=before, summary=_dimension_summary,
           table=DIMENSION_VALUE,
           columns=("dimension_id", "code", "name", "parent_code", "active", "source_row"),
           rows=((dimension.id, i.code, i.name, i.parent, i.active, i.row.number)
                 for i in items.values()))
    return result


def _dimension_summary(dimension: Dimension) -> dict[str, object]:  # audit summary
    return {"role": dimension.role, "name": dimension.name, "file": dimension.file_name,
            "sha256": dimension.sha256, "values": dimension.value_count,
            "required_for": dimension.required_for}


def dimension_document(dimension: Dimension, inactive: int) -> DimensionDocument:
    return {
        "key": dimension.key, "name": dimension.name, "role": dimension.role,
        "required_for": [t for t in dimension.required_for.split(",") if t],
        "value_count": dimension.value_count, "inactive": inactive,
        "file": dimension.file_name, "sha256": dimension.sha256,
        "imported_at": dimension.imported_at, "actor": dimension.actor,
    }


def list_dimensions(session: Session) -> list[DimensionDocument]:
    dimensions = session.exec(
        select(Dimension).order_by(col(Dimension.role), col(Dimension.key))
    ).all()
    inactive: dict[int, int] = {}
    for dimension_id, active in session.exec(
            select(DimensionValue.dimension_id, DimensionValue.active)):
        if not active:
            inactive[dimension_id] = inactive.get(dimension_id, 0) + 1
    return [dimension_document(d, inactive.get(d.id or 0, 0)) for d in dimensions]


def show_dimension(session: Session, key: str, *, tree: bool = False
                   ) -> DimensionShowDocument:
    dimension = get_dimension(session, key)
    found = session.exec(
        select(DimensionValue).where(DimensionValue.dimension_id == dimension.id)
        .order_by(col(DimensionValue.code))
    ).all()
    rows: list[HierarchyRow] = [
        {"code": v.code, "name": v.name, "parent": v.parent_code, "active": v.active,
         "row": v.source_row} for v in found]
    return {**dimension_document(dimension, sum(1 for v in found if not v.active)),
            "values": nest(rows) if tree else rows}
