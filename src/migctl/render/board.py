"""The board's page: the status document's HTML sections, each in a block the page can swap.

After the cutover section comes the active run's tasks (what can start now, what is running,
what is late, failed or blocked). The first response is complete HTML (readable with scripts
off); ``board.js`` then fetches :func:`board_sections` every 30 s and replaces only the blocks
whose HTML changed.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from migctl.render import html as h
from migctl.render.i18n import label
from migctl.render.report_steering import run_tasks_html
from migctl.render.sections import error_of, views_for
from migctl.render.status_documents import facts, readiness_html, view_for

if TYPE_CHECKING:
    from migctl.services.status.documents import StatusDocument
    from migctl.services.status.steering import SteeringCutover


def _block(key: str, body: str) -> str:
    return f'<section data-section="{h.esc(key)}" id="section-{h.esc(key)}">{body}</section>'


def board_sections(document: StatusDocument, *, lang: str = "en",
                   tasks: SteeringCutover | None = None) -> str:
    """Every block of the board: the header facts, readiness, then one per status section;
    the active run's tasks (``tasks``: can start now, running, late) follow the cutover."""
    view = view_for(document, lang)
    readiness = document.get("readiness")
    rows = []
    if readiness:
        rows.append([h.esc(view.t("overall")),
                     h.badge(readiness["overall"], view.t(readiness["overall"]).upper())])
    rows.extend([h.esc(name), h.esc(text)] for name, text in facts(document, view))
    blocks = [_block("header", h.table([], rows) if rows else "")]
    if readiness:
        blocks.append(_block("readiness", readiness_html(document, view)))
    for name, section in document["sections"].items():
        error = error_of(section)
        views = views_for(name)
        if error is not None:
            body = h.block(h.heading(name.capitalize()), h.paragraph(f"<b>{h.esc(error)}</b>"))
        else:
            body = views.html(section, view) if views is not None else ""
        blocks.append(_block(name, body))
        if name == "cutover" and tasks is not None:
            blocks.append(_block("tasks", run_tasks_html(tasks, view)))
    return "".join(blocks)


def board_page(document: StatusDocument, *, lang: str = "en",
               tasks: SteeringCutover | None = None) -> str:
    title = document["programme"]["name"]
    view = view_for(document, lang)
    as_of = document["as_of"].astimezone(view.tz).strftime("%Y-%m-%d %H:%M")
    updated = f"{label('board_updated', lang)} {as_of} ({document['programme']['timezone']})"
    bar = (f'<div class="board-bar"><h1>{h.esc(title)}</h1>'
           f'<small><span id="board-updated">{h.esc(updated)}</span></small></div>')
    page = h.page(f"{title} – {label('board_title', lang)}",
                  bar + f"<main>{board_sections(document, lang=lang, tasks=tasks)}</main>",
                  lang=lang)
    page = page.replace("</head>", '<link rel="stylesheet" href="/assets/board.css"></head>', 1)
    return page.replace("</body>", '<script src="/assets/board.js"></script></body>', 1)
