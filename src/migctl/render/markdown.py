"""Markdown building blocks (GitHub-flavoured tables) for status and report documents."""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import TypeVar, cast

from migctl import textsafe

D = TypeVar("D")

#: What can open raw HTML in CommonMark: ``<`` before a tag name, ``/``, ``!`` or ``?``. A
#: comparison (``kpi:x<=5``, ``< 5``) cannot, and stays as typed.
_TAG_START = re.compile(r"<(?=[A-Za-z/!?])")


def md_inline(text: str) -> str:
    """A value safe inside a Markdown line: HTML tags shown as text (``&lt;script>``), line
    breaks as spaces (no value starts a line of its own: a heading, a list item, a
    ``::error`` workflow command in a CI log), control characters as ``\\x1b`` escapes."""
    return _TAG_START.sub("&lt;", textsafe.one_line(text))


def md_code(text: str) -> str:
    """A code span of ``text`` (already :func:`md_inline`-safe): HTML is not read inside one, so
    ``<`` is shown as typed; a backtick in the text gets a longer fence."""
    plain = text.replace("&lt;", "<")
    fence = "``" if "`" in plain else "`"
    pad = " " if fence == "``" else ""
    return f"{fence}{pad}{plain}{pad}{fence}"


def md_document(document: D) -> D:
    """``document`` (a status or report document) with every text value :func:`md_inline`:
    what the Markdown renderers interpolate outside tables is safe too."""
    return cast(D, _md_value(document))


def _md_value(value: object) -> object:
    if isinstance(value, str):
        return md_inline(value)
    if isinstance(value, dict):
        return {key: _md_value(item) for key, item in value.items()}
    if type(value) in (list, tuple):
        assert isinstance(value, list | tuple)
        return type(value)(_md_value(item) for item in value)
    return value


def md_escape(text: object) -> str:
    """Cell-safe text: pipes escaped, line breaks flattened, HTML shown as text."""
    value = md_inline("" if text is None else str(text))
    return value.replace("\\", "\\\\").replace("|", "\\|")


def md_table(
    headers: Sequence[str], rows: Sequence[Sequence[object]], *, align: Sequence[str] = ()
) -> str:
    """A table; ``align`` entries are ``left`` (default) or ``right``."""
    aligns = list(align) + ["left"] * (len(headers) - len(align))
    rule = ["---:" if a == "right" else "---" for a in aligns]
    lines = ["| " + " | ".join(md_escape(h) for h in headers) + " |",
             "|" + "|".join(rule) + "|"]
    lines.extend("| " + " | ".join(md_escape(c) for c in row) + " |" for row in rows)
    return "\n".join(lines) + "\n"
