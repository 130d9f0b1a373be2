"""Listings as Rich tables: a list of row documents plus which keys to show under which header."""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from rich.console import Console, ConsoleOptions, RenderResult
    from rich.measure import Measurement
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
    optional: bool = False  # left out, rightmost first, when the table would not fit
    #: Whether the shown text is Rich markup (a ``fmt`` that colours its output says so).
    #: Otherwise what people typed ("[TBD] owner", "[kpl]", "[/]") is shown as written.
    markup: bool = False


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
) -> FittedTable:
    return FittedTable(rows, columns, title=title, caption=caption, row_style=row_style)


#: What a column takes beside its text: padding on each side and the divider.
COLUMN_PADDING = 3
#: The narrowest a wrapping column without ``min_width`` is counted at when deciding the fit.
WRAP_FLOOR = 16


class FittedTable:
    """A listing that fits the width it is drawn at (a terminal, a 160-column pipe, a file).

    When every column cannot show, the ``optional`` ones are left out, rightmost first, before
    Rich would squeeze every column to "…"; what is left then shares the width as usual. The
    cells are formatted once; the fit is decided when the table is drawn.
    """

    def __init__(self, rows: Sequence[Mapping[str, Any]], columns: Sequence[Col], *,
                 title: str | None, caption: str | None,
                 row_style: Callable[[Mapping[str, Any]], str | None] | None) -> None:
        from rich.text import Text

        self.columns = list(columns)
        texts = [[(c.fmt or cell)(row.get(c.key)) for c in self.columns] for row in rows]
        # markup columns stay strings for Rich to parse; the rest is text as typed, never markup
        self.cells: list[list[str | Text]] = [
            [text if c.markup else Text(text) for c, text in zip(self.columns, row, strict=True)]
            for row in texts]
        self.widths = [self._widest(i, [row[i] for row in texts])
                       for i in range(len(self.columns))]
        self.styles = [row_style(row) if row_style else None for row in rows]
        self.title = title
        self.caption = caption

    def _widest(self, index: int, texts: list[str]) -> int:
        """The widest line column ``index`` shows (markup counted as the text it shows)."""
        from rich.cells import cell_len
        from rich.text import Text

        column = self.columns[index]
        widest = cell_len(column.header)
        for text in set(texts):  # codes, statuses and dates repeat a lot
            plain = Text.from_markup(text).plain if column.markup else text
            widest = max(widest, *(cell_len(line) for line in plain.split("\n")))
        return widest

    def _needs(self, index: int) -> int:
        """The width column ``index`` needs: all of it, or its floor if it may wrap."""
        column = self.columns[index]
        widest = self.widths[index]
        if column.max_width is not None:
            widest = min(widest, column.max_width)
        if column.wrap:
            widest = min(widest, column.min_width or WRAP_FLOOR)
        return widest + COLUMN_PADDING

    def shown(self, width: int) -> list[int]:
        """Indexes of the columns that fit in ``width``: optional ones go, rightmost first."""
        keep = list(range(len(self.columns)))
        needs = {i: self._needs(i) for i in keep}
        for index in reversed(range(len(self.columns))):
            if sum(needs[i] for i in keep) <= width:
                break
            if self.columns[index].optional:
                keep.remove(index)
        return keep

    def table(self, width: int | None = None) -> Table:
        from rich import box
        from rich.table import Table

        keep = self.shown(width) if width is not None else list(range(len(self.columns)))
        table = Table(title=self.title, caption=self.caption, box=box.SIMPLE_HEAD,
                      title_justify="left", caption_justify="left", pad_edge=False)
        for index in keep:
            column = self.columns[index]
            table.add_column(column.header, justify=column.justify,  # type: ignore[arg-type]
                             style=column.style, max_width=column.max_width,
                             min_width=column.min_width, no_wrap=not column.wrap,
                             overflow="fold" if column.wrap else "ellipsis")
        for cells, style in zip(self.cells, self.styles, strict=True):
            table.add_row(*[cells[i] for i in keep], style=style)
        return table

    def __rich_console__(self, console: Console, options: ConsoleOptions) -> RenderResult:
        yield self.table(options.max_width)

    def __rich_measure__(self, console: Console, options: ConsoleOptions) -> Measurement:
        from rich.measure import Measurement

        return Measurement.get(console, options, self.table(options.max_width))
