"""Listings as Rich tables: a list of row documents plus which keys to show under which header."""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from rich.console import Console, ConsoleOptions, RenderableType, RenderResult
    from rich.measure import Measurement
    from rich.table import Table
    from rich.text import Text


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
#: Marks a row whose document says ``critical: true`` (a task on the critical path), before
#: its first cell: colour alone does not reach everyone (NO_COLOR, print, colour blindness).
CRITICAL_MARK = "!"
#: Between two ``Header: value`` pairs of a stacked row, and their indent under its head.
PAIR_GAP = "   "
INDENT = 2


def _words(text: str) -> list[str]:
    return text.split()


class FittedTable:
    """A listing that fits the width it is drawn at (a terminal, a pipe, a file).

    Keys, codes and dates are never cut, and free text wraps at spaces only: a wrapping column
    is never narrower than its longest word. When every column cannot show so, the
    ``optional`` ones are left out, rightmost first; when what is left still does not fit,
    the rows are *stacked*: each row's first cell on a line of its own (with the next cell
    when that is free text, a name or a title), then the other cells as ``Header: value``
    pairs wrapped at pair boundaries. The cells are formatted once; the fit is decided when
    the table is drawn. A row whose document says ``critical: true`` is marked with
    :data:`CRITICAL_MARK` as well as its colour.
    """

    def __init__(self, rows: Sequence[Mapping[str, Any]], columns: Sequence[Col], *,
                 title: str | None, caption: str | None,
                 row_style: Callable[[Mapping[str, Any]], str | None] | None) -> None:
        from rich.text import Text

        from migctl.textsafe import one_line

        self.columns = list(columns)
        # text as typed is shown on one line (measured so too): a stored line break is a space
        texts = [[(c.fmt or cell)(row.get(c.key)) for c in self.columns] for row in rows]
        texts = [[text if c.markup else one_line(text)
                  for c, text in zip(self.columns, row, strict=True)] for row in texts]
        self.critical = [row.get("critical") is True for row in rows]
        if any(self.critical) and self.columns:
            for row, marked in zip(texts, self.critical, strict=True):
                row[0] = f"{CRITICAL_MARK if marked else ' '} {row[0]}"
        # markup columns stay strings for Rich to parse; the rest is text as typed, never markup
        self.cells: list[list[str | Text]] = [
            [text if c.markup else Text(text) for c, text in zip(self.columns, row, strict=True)]
            for row in texts]
        plains = [[Text.from_markup(t).plain if c.markup else t
                   for c, t in zip(self.columns, row, strict=True)] for row in texts]
        self.widths = [self._widest(i, [row[i] for row in plains])
                       for i in range(len(self.columns))]
        self.words = [max((cell_width(w) for row in [[c.header for c in self.columns], *plains]
                           for w in _words(row[i])), default=0)
                      for i in range(len(self.columns))]
        self.styles = [row_style(row) if row_style else None for row in rows]
        self.title = title
        self.caption = caption
        if any(self.critical) and caption is None:
            self.caption = f"{CRITICAL_MARK} critical path"

    def _widest(self, index: int, plains: list[str]) -> int:
        """The widest line column ``index`` shows."""
        widest = cell_width(self.columns[index].header)
        for text in set(plains):  # codes, statuses and dates repeat a lot
            widest = max(widest, *(cell_width(line) for line in text.split("\n")))
        return widest

    def _wraps(self, index: int, relaxed: bool) -> bool:
        """Whether column ``index`` wraps (at spaces): free text always; ``relaxed``, every
        column but the first (the row's key) whose text has spaces (lists, times, phrases)."""
        return self.columns[index].wrap or (relaxed and index > 0
                                            and self.words[index] < self.widths[index])

    def _floor(self, index: int, relaxed: bool = False) -> int:
        """The narrowest column ``index`` may be drawn: a wrapping column its longest word."""
        if not self._wraps(index, relaxed):
            return 0
        return min(max(self.columns[index].min_width or 0, self.words[index]),
                   self.widths[index])

    def _needs(self, index: int, relaxed: bool = False) -> int:
        """The width column ``index`` needs: all of it, or its floor if it may wrap."""
        column = self.columns[index]
        widest = self.widths[index]
        floor = self._floor(index, relaxed)
        if column.max_width is not None:
            widest = min(widest, max(column.max_width, floor))
        if column.wrap:
            widest = min(widest, max(column.min_width or WRAP_FLOOR, floor))
        elif self._wraps(index, relaxed):
            widest = floor
        return widest + COLUMN_PADDING

    def fit(self, width: int) -> tuple[list[int], bool] | None:
        """The columns that fit in ``width`` and whether they wrap ``relaxed`` (see
        :meth:`_wraps`): optional columns go first, rightmost first, then the other columns
        wrap at spaces; None when even that does not fit (the rows are then stacked)."""
        for relaxed in (False, True):
            keep = list(range(len(self.columns)))
            needs = {i: self._needs(i, relaxed) for i in keep}
            for index in reversed(range(len(self.columns))):
                if sum(needs[i] for i in keep) <= width:
                    break
                if self.columns[index].optional:
                    keep.remove(index)
            if sum(needs[i] for i in keep) <= width:
                return keep, relaxed
        return None

    def shown(self, width: int) -> list[int] | None:
        """Indexes of the columns shown in ``width``; None when the rows are stacked."""
        fitted = self.fit(width)
        return None if fitted is None else fitted[0]

    def table(self, width: int | None = None) -> Table:
        from rich import box
        from rich.table import Table

        fitted = self.fit(width) if width is not None else None
        keep, relaxed = fitted or (list(range(len(self.columns))), False)
        fixed = self._allocate(keep, relaxed, width) if fitted is not None and width else {}
        table = Table(title=self.title, caption=self.caption, box=box.SIMPLE_HEAD,
                      title_justify="left", caption_justify="left", pad_edge=False,
                      show_edge=False)
        for index in keep:
            column = self.columns[index]
            table.add_column(column.header, justify=column.justify,  # type: ignore[arg-type]
                             style=column.style, width=fixed.get(index),
                             max_width=None if column.max_width is None
                             else max(column.max_width, self._floor(index, relaxed)),
                             min_width=max(column.min_width or 0,
                                           self._floor(index, relaxed)) or None,
                             no_wrap=not self._wraps(index, relaxed),
                             overflow="fold" if self._wraps(index, relaxed) else "ellipsis")
        for cells, style in zip(self.cells, self.styles, strict=True):
            table.add_row(*[cells[i] for i in keep], style=style)
        return table

    def _allocate(self, keep: list[int], relaxed: bool, width: int) -> dict[int, int]:
        """Column widths when the table must be narrower than its text: each column its need,
        the room left shared one cell at a time among the wrapping ones (Rich's own squeeze
        would take no account of words). Empty when everything fits as it is."""
        natural = {i: min(self.widths[i], self.columns[i].max_width or self.widths[i])
                   for i in keep}
        if sum(natural.values()) + COLUMN_PADDING * len(keep) <= width:
            return {}
        given = {i: self._needs(i, relaxed) - COLUMN_PADDING for i in keep}
        spare = width - sum(given.values()) - COLUMN_PADDING * len(keep)
        growing = [i for i in keep if self._wraps(i, relaxed) and given[i] < natural[i]]
        while spare > 0 and growing:
            for index in list(growing):
                if spare == 0:
                    break
                given[index] += 1
                spare -= 1
                if given[index] >= natural[index]:
                    growing.remove(index)
        return given

    def stacked(self, width: int) -> list[RenderableType]:
        """The rows one under another (see the class): lines of text, none of them empty; a
        row's pairs are indented, and so is a pair that wraps."""
        from rich.text import Text

        lines: list[RenderableType] = []
        if self.title:
            lines.append(Text(self.title))
        if self.columns:
            lines.append(Text(self.columns[0].header, style="bold underline"))
        for cells, style in zip(self.cells, self.styles, strict=True):
            lines.extend(self._stacked_row(cells, style or "", width))
        if self.caption:
            lines.append(Text(self.caption, style="dim"))
        return lines

    def _text(self, index: int, value: str | Text) -> Text:
        from rich.text import Text

        text = Text.from_markup(value) if isinstance(value, str) else value.copy()
        if self.columns[index].style:
            text.stylize(self.columns[index].style or "")
        return text

    def _stacked_row(self, cells: list[str | Text], style: str, width: int
                     ) -> list[RenderableType]:
        from rich.padding import Padding
        from rich.text import Text

        head = self._text(0, cells[0]) if self.columns else Text()
        rest = list(range(1, len(self.columns)))
        if rest and self.columns[1].wrap:
            second = self._text(1, cells[1])
            if second.plain:
                head.append("  ")
                head.append_text(second)
            rest = rest[1:]
        head.stylize(style)
        lines: list[RenderableType] = [head]
        line = Text(style=style)
        for index in rest:
            value = self._text(index, cells[index])
            if not value.plain.strip():
                continue
            header = self.columns[index].header
            if not header and line.plain and \
                    cell_width(f"{line.plain} {value.plain}") <= width - INDENT:
                line.append(" ")  # a column without a heading (the KPIs' arrow) is no
                line.append_text(value)  # "label: value" pair: it follows the previous value
                continue
            pair = Text(f"{header}: " if header else "", style=f"{style} dim".strip())
            pair.append_text(value)
            if line.plain and cell_width(line.plain + PAIR_GAP + pair.plain) > width - INDENT:
                lines.append(Padding(line, (0, 0, 0, INDENT)))
                line = Text(style=style)
            if line.plain:
                line.append(PAIR_GAP)
            line.append_text(pair)
        if line.plain:
            lines.append(Padding(line, (0, 0, 0, INDENT)))
        return lines

    def __rich_console__(self, console: Console, options: ConsoleOptions) -> RenderResult:
        if self.fit(options.max_width) is None:
            yield from self.stacked(options.max_width)
            return
        yield self.table(options.max_width)

    def __rich_measure__(self, console: Console, options: ConsoleOptions) -> Measurement:
        from rich.measure import Measurement

        if self.fit(options.max_width) is None:
            return Measurement(1, options.max_width)
        return Measurement.get(console, options, self.table(options.max_width))


def cell_width(text: str) -> int:
    from rich.cells import cell_len

    return cell_len(text)
