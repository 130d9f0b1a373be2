"""Listings as Rich tables: a list of row documents plus which keys to show under which header."""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from rich.table import Table


@dataclass(frozen=True)
class Col:
    key: str
    header: str
    justify: str = "left"
    style: str | None = None
    fmt: Callable[[Any], str] | None = None
    max_width: int | None = None
    wrap: bool = False  # free text (names, summaries) may wrap; codes, dates and keys never do
    min_width: int | None = None  # keeps a wrapping column readable on a narrow terminal
    #: Whether the shown text is Rich markup. By default only a ``fmt``'s output is: values
    #: people typed ("[TBD] owner", "[x]") are shown as written, never as markup.
    markup: bool | None = None

    def shows(self, value: Any) -> str:
        from rich.markup import escape

        text = (self.fmt or cell)(value)
        markup = self.markup if self.markup is not None else self.fmt is not None
        return text if markup else escape(text)


def cell(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, datetime):
        return value.strftime("%Y-%m-%d %H:%M")
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, Decimal):
        return format_decimal(value)
    if isinstance(value, list | tuple):
        return ", ".join(cell(v) for v in value)
    return str(value)


def format_decimal(value: Decimal, places: int = 2) -> str:
    """Amounts for people: ``1 234 567.89`` (spaces group thousands); JSON keeps plain numbers."""
    quantized = value.quantize(Decimal(1).scaleb(-places))
    sign = "-" if quantized < 0 else ""
    whole, _, frac = f"{abs(quantized):f}".partition(".")
    groups: list[str] = []
    while len(whole) > 3:
        groups.insert(0, whole[-3:])
        whole = whole[:-3]
    groups.insert(0, whole)
    return sign + " ".join(groups) + (f".{frac}" if frac else "")


def build_table(
    rows: Sequence[Mapping[str, Any]],
    columns: Sequence[Col],
    *,
    title: str | None = None,
    caption: str | None = None,
    row_style: Callable[[Mapping[str, Any]], str | None] | None = None,
) -> Table:
    from rich import box
    from rich.table import Table

    table = Table(title=title, caption=caption, box=box.SIMPLE_HEAD, title_justify="left",
                  caption_justify="left", pad_edge=False)
    for column in columns:
        table.add_column(column.header, justify=column.justify,  # type: ignore[arg-type]
                         style=column.style, max_width=column.max_width,
                         min_width=column.min_width,
                         no_wrap=not column.wrap, overflow="fold" if column.wrap else "ellipsis")
    for row in rows:
        table.add_row(
            *[c.shows(row.get(c.key)) for c in columns],
            style=row_style(row) if row_style else None,
        )
    return table
