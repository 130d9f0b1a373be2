"""HTML building blocks for documents that travel: status pages and the steering report.

The output is meant to be mailed and printed, so it follows e-mail rules rather than web
ones: table layout, inline styles on the elements that matter (many clients drop ``<style>``),
system fonts, no scripts, no external resources. The ``<style>`` block carries what only
browsers and printers use (``@page`` A4, page-break rules). Markup is well-formed XML
(void elements closed, only numeric character references) so it can be parsed strictly.
"""

from __future__ import annotations

from collections.abc import Sequence
from html import escape

FONT_STACK = ('-apple-system, BlinkMacSystemFont, &quot;Segoe UI&quot;, Roboto, '
              '&quot;Helvetica Neue&quot;, Arial, sans-serif')
RAG_COLOURS = {  # level → (background, text)
    "green": ("#2e7d32", "#ffffff"),
    "amber": ("#f9a825", "#212121"),
    "red": ("#c62828", "#ffffff"),
}
PAGE_WIDTH = 720  # px: fits an A4 page at 96 dpi with 12 mm margins, and e-mail panes

CSS = """
@page { size: A4; margin: 14mm 12mm; }
html, body { margin: 0; padding: 0; background: #ffffff; }
body { color: #212121; font-size: 13px; line-height: 1.4; }
h1 { font-size: 20px; margin: 0 0 4px; }
h2 { font-size: 16px; margin: 18px 0 6px; padding-bottom: 3px; border-bottom: 2px solid #e0e0e0;
     page-break-after: avoid; break-after: avoid; }
.block { page-break-inside: avoid; break-inside: avoid; }
table { border-collapse: collapse; }
thead { display: table-header-group; }
tr { page-break-inside: avoid; break-inside: avoid; }
svg { max-width: 100%; height: auto; }
@media print {
  body { font-size: 11px; -webkit-print-color-adjust: exact; print-color-adjust: exact; }
  .page-break { page-break-before: always; break-before: page; }
}
""".strip()

#: Print rules of the report's main parts (:func:`part`): each starts on a new A4 page.
PART_CSS = """
@media print {
  .part { page-break-before: always; break-before: page; }
  .chart svg { max-height: 120mm; }
}
""".strip()

CELL = "padding:4px 6px;border-bottom:1px solid #e0e0e0;vertical-align:top;text-align:{align}"
HEAD = ("padding:4px 6px;border-bottom:2px solid #9e9e9e;text-align:{align};"
        "font-weight:bold;background:#f5f5f5")


def esc(text: object) -> str:
    """Text for element content and attribute values (quotes escaped too)."""
    return escape("" if text is None else str(text), quote=True)


def badge(level: str, text: str | None = None) -> str:
    background, colour = RAG_COLOURS.get(level, ("#9e9e9e", "#ffffff"))
    return (f'<span style="display:inline-block;padding:1px 8px;border-radius:3px;'
            f'background:{background};color:{colour};font-weight:bold;'
            f'font-size:12px;white-space:nowrap">{esc(text or level)}</span>')


def dot(level: str) -> str:
    background, _ = RAG_COLOURS.get(level, ("#9e9e9e", ""))
    return f'<span style="color:{background};font-size:14px">&#9679;</span>'


def table(
    headers: Sequence[str],
    rows: Sequence[Sequence[str]],
    *,
    align: Sequence[str] | None = None,
    row_styles: Sequence[str] | None = None,
) -> str:
    """A data table; ``headers`` are text (none: no header row), ``rows`` cells are HTML."""
    width = len(headers) if headers else max((len(r) for r in rows), default=0)
    aligns = list(align or []) + ["left"] * (width - len(align or []))
    head = "".join(f'<th style="{HEAD.format(align=a)}">{esc(h)}</th>'
                   for h, a in zip(headers, aligns, strict=False))
    thead = f"<thead><tr>{head}</tr></thead>" if headers else ""
    body = []
    for index, row in enumerate(rows):
        style = f' style="{row_styles[index]}"' if row_styles and row_styles[index] else ""
        cells = "".join(f'<td style="{CELL.format(align=a)}">{c}</td>'
                        for c, a in zip(row, aligns, strict=True))
        body.append(f"<tr{style}>{cells}</tr>")
    return (f'<table role="table" width="100%" cellpadding="0" cellspacing="0" '
            f'style="width:100%;border-collapse:collapse;margin:4px 0 8px">'
            f'{thead}<tbody>{"".join(body)}</tbody></table>')


def nowrap(html: str) -> str:
    return f'<span style="white-space:nowrap">{html}</span>'


def heading(text: str, level: int = 2) -> str:
    return f"<h{level}>{esc(text)}</h{level}>"


def block(*parts: str, keep_together: bool = True) -> str:
    """A section of the page; kept on one printed page when it fits."""
    css = ' class="block"' if keep_together else ""
    return f'<div{css} style="margin:0 0 14px">{"".join(parts)}</div>'


def paragraph(html: str, *, muted: bool = False) -> str:
    colour = "color:#616161;" if muted else ""
    return f'<p style="{colour}margin:4px 0">{html}</p>'


def page(title: str, body: str, *, lang: str = "en") -> str:
    """The whole document: one centred column inside a layout table (for e-mail clients)."""
    return (
        "<!DOCTYPE html>\n"
        f'<html lang="{esc(lang)}"><head><meta charset="utf-8"/>'
        '<meta name="viewport" content="width=device-width, initial-scale=1"/>'
        '<meta name="color-scheme" content="light"/>'
        f"<title>{esc(title)}</title><style>{CSS}\n{PART_CSS}</style></head>"
        f'<body style="margin:0;padding:0;font-family:{FONT_STACK}">'
        '<table role="presentation" width="100%" cellpadding="0" cellspacing="0" '
        'style="width:100%;border-collapse:collapse"><tr>'
        '<td align="center" style="padding:16px 8px">'
        f'<table role="presentation" width="{PAGE_WIDTH}" cellpadding="0" cellspacing="0" '
        f'style="width:100%;max-width:{PAGE_WIDTH}px;border-collapse:collapse"><tr>'
        f'<td style="text-align:left;font-family:{FONT_STACK};font-size:13px;color:#212121">'
        f"{body}</td></tr></table></td></tr></table></body></html>\n"
    )


def part(*parts: str) -> str:
    """A main part of a printed document (the report's decisions, cutover…): it starts on a
    new A4 page when printed; its tables may run over pages, their header rows repeated."""
    return f'<div class="part" style="margin:0 0 14px">{"".join(parts)}</div>'
