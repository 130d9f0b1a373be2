"""Markdown building blocks (GitHub-flavoured tables) for status and report documents."""

from __future__ import annotations

from collections.abc import Sequence


def md_escape(text: object) -> str:
    """Cell-safe text: pipes escaped, line breaks flattened."""
    value = "" if text is None else str(text)
    return value.replace("\\", "\\\\").replace("|", "\\|").replace("\r", " ").replace("\n", " ")


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
