"""The status document laid out for a terminal: a header, then one block per section.

Each section's block is its ``table`` view (:mod:`migctl.render.sections`).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from migctl.render.sections import error_of, views_for

if TYPE_CHECKING:
    from rich.console import RenderableType

    from migctl.render.sections import DocView
    from migctl.services.status.documents import StatusDocument


def render_status(document: StatusDocument, lang: str = "en") -> RenderableType:
    """The screen in ``lang``: fixed words from the catalogue, what people typed as written."""
    from rich.console import Group
    from rich.text import Text

    from migctl.render.status_documents import view_for

    view = view_for(document, lang)

    programme = document["programme"]
    header = Text()
    header.append(programme["name"], style="bold")
    header.append(f"   {view.t('as_of')} {view.date(document['today'])}", style="dim")
    parts: list[RenderableType] = [header]
    if "readiness" in document:
        from migctl.render.status_readiness import header_line, readiness_view

        parts.extend([header_line(document, view), Text(""),
                      *readiness_view(document["readiness"], view)])
    for name, section in document["sections"].items():
        error = error_of(section)
        if error is not None:  # the section could not be built: say why, in its place
            parts.extend([Text(""), Text.assemble((_title(name, view), "bold"), "  ",
                                                  (error, "red"))])
            continue
        views = views_for(name)
        if views is not None:
            parts.append(Text(""))
            parts.extend(views.table(section, view))
    return Group(*parts)


def _title(key: str, view: DocView) -> str:
    """A section's title in Finnish; in English (or unregistered) its key, capitalised."""
    from migctl.services.status.registry import BY_KEY

    section = BY_KEY.get(key)
    return section.title(view.lang) if section is not None and view.lang != "en" \
        else key.capitalize()
