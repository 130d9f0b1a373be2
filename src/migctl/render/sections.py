"""The views of each status section: terminal table, Markdown and HTML, found by the key.

The sections themselves are listed once, in :mod:`migctl.services.status.registry`. A section's
three views live in ``migctl.render.status_<key>`` as its ``VIEWS`` (a :class:`SectionViews`),
imported the first time the section is drawn; a section without a views module is skipped.
Views read only the section's document (the same one JSON shows), so the terminal, Markdown
and HTML never disagree; the terminal view imports Rich inside itself, so Markdown and HTML
never load it.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date, tzinfo
from typing import TYPE_CHECKING, Generic, TypeVar, cast

from migctl.render.i18n import LABELS, format_date, label, signal_text

if TYPE_CHECKING:
    from rich.console import RenderableType

    from migctl.services.status.documents import SectionDocument

D = TypeVar("D", contravariant=True)


@dataclass(frozen=True)
class DocView:
    """How a document is being written: its language and the time zone times are shown in."""

    lang: str
    tz: tzinfo

    def t(self, key: str, **values: object) -> str:
        return label(key, self.lang, **values)

    def zoned(self, key: str) -> str:
        """A time column's heading ``key`` labelled with this view's zone, as the first time
        column of each table is (:func:`migctl.render.listings.in_zone`)."""
        from migctl.render.listings import in_zone

        return in_zone(self.t(key), self.tz)

    def date(self, value: object) -> str:
        """A date as this language writes it (ISO in English); anything else as text."""
        return format_date(value, self.lang) if isinstance(value, date) else str(value)

    def word(self, kind: str, value: object) -> str:
        """A vocabulary value (``todo``, ``pass``) as the terminal shows it: the value itself
        in English, the catalogue's ``kind.value`` otherwise (the value when there is none)."""
        if self.lang == "en" or value is None:
            return "" if value is None else str(value)
        english, finnish = LABELS.get(f"{kind}.{value}", (str(value), ""))
        return finnish or english

    def count(self, n: int, key: str) -> str:
        """``n`` and the catalogue's word ``key`` in its number: ``1 virhe``, ``3 virhettä``."""
        from migctl.render.catalogue.finnish import counted

        return counted(n, key, self.lang)

    def duration(self, minutes: int) -> str:
        """``2d6h16m`` (en) or ``2 pv 6 h 16 min`` (fi)."""
        from migctl.render.catalogue.finnish import duration

        return duration(minutes, self.lang)

    def said(self, signal: Mapping[str, object]) -> str:
        """A signal's reason in this view's language."""
        return signal_text(signal, self.lang)


def critical_caption(rows: Sequence[Mapping[str, object]], view: DocView) -> str | None:
    """The caption explaining the critical-task mark, in the view's language; None (the
    table's own English caption) in English or when no row is critical."""
    if view.lang == "en" or not any(row.get("critical") is True for row in rows):
        return None
    from migctl.render.tables import CRITICAL_MARK

    return f"{CRITICAL_MARK} {view.t('fi_critical_path')}"


@dataclass(frozen=True)
class SectionViews(Generic[D]):
    """A section's three layouts of its document ``D``."""

    table: Callable[[D, DocView], list[RenderableType]]  # the terminal screen's block (Rich)
    markdown: Callable[[D, DocView], str]  # "" leaves the section out
    html: Callable[[D, DocView], str]  # a block of the page; "" leaves it out


def views_for(key: str) -> SectionViews[SectionDocument] | None:
    """The views of section ``key`` (``migctl.render.status_<key>.VIEWS``), None without any."""
    name = f"migctl.render.status_{key}"
    try:
        module = importlib.import_module(name)
    except ModuleNotFoundError as exc:
        if exc.name != name:  # the module exists but an import inside it fails: say so
            raise
        return None
    # each module's VIEWS is typed for its own section document; the caller hands that one
    return cast("SectionViews[SectionDocument]", module.VIEWS)


def error_of(section: Mapping[str, object]) -> str | None:
    """Why a section could not be built (a SectionError stands in its place); None if it was."""
    error = section.get("error")
    return None if error is None else str(error)
