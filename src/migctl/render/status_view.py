"""The status document laid out for a terminal: a header, then one block per section.

Each section's block is its ``table`` view (:mod:`migctl.render.sections`).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from migctl.render.sections import error_of, views_for

if TYPE_CHECKING:
    from rich.console import RenderableType

    from migctl.services.status.documents import StatusDocument


def render_status(document: StatusDocument) -> RenderableType:
    from rich.console import Group
    from rich.text import Text

    programme = document["programme"]
    header = Text()
    header.append(programme["name"], style="bold")
    header.append(f"   as of {document['today']}", style="dim")
    parts: list[RenderableType] = [header]
    if "readiness" in document:
        from migctl.render.status_readiness import header_line, readiness_view

        parts.extend([header_line(document), Text(""), *readiness_view(document["readiness"])])
    for name, section in document["sections"].items():
        error = error_of(section)
        if error is not None:  # the section could not be built: say why, in its place
            parts.extend([Text(""), Text.assemble((name.capitalize(), "bold"), "  ",
                                                  (error, "red"))])
            continue
        views = views_for(name)
        if views is not None:
            parts.append(Text(""))
            parts.extend(views.table(section))
    return Group(*parts)
