"""Control characters: refused in what people give migctl, neutralised in what it prints.

A name holding ESC, BEL or an OSC sequence could clear a terminal, set its title or plant a
disguised hyperlink (OSC 8); in JUnit XML it makes the file unparsable. So:

* input: free text (notes, criteria) may hold tab and line breaks, nothing else below U+0020,
  no DEL (U+007F) and no C1 control (U+0080–U+009F, where CSI and OSC live); names, titles,
  owners, keys and file names hold no line break either, only tab (:func:`problem`);
* output: text already stored (by an older migctl) is shown with each control character as a
  visible ``\\x1b``-style escape (:func:`neutralise`), line breaks kept only where the output
  format has lines of its own (:func:`one_line` otherwise).

A leaf module: no migctl imports, so every layer may use it.
"""

from __future__ import annotations

import re
from pathlib import PurePath

#: Control characters refused everywhere: C0 except tab, LF and CR; DEL; C1.
CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")
#: Control characters refused in names, keys and file names: every C0 but tab, DEL and C1.
NAME_CONTROL = re.compile(r"[\x00-\x08\x0a-\x1f\x7f-\x9f]")
#: What output escapes where lines are kept: every control character but tab and LF.
_SHOWN = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")
#: Line separators other than LF/CR that some viewers honour (NEL is C1, caught above).
LINE_BREAKS = re.compile(r"[\r\n\u2028\u2029]+")

_NAMES = {0x00: "NUL", 0x07: "BEL", 0x08: "BS", 0x09: "tab", 0x0A: "line break",
          0x0D: "carriage return", 0x1B: "ESC", 0x7F: "DEL", 0x9B: "CSI", 0x9D: "OSC"}


def describe(char: str) -> str:
    """``U+001B ESC``: a control character named for an error message."""
    code = ord(char)
    name = _NAMES.get(code)
    return f"U+{code:04X}" + (f" {name}" if name else "")


def problem(text: str, *, name: bool = True) -> str | None:
    """Why ``text`` may not be stored (its first control character), or None when it may.

    ``name``: a name, title, key or file name (no control character but tab); otherwise free
    text, which may hold tab and line breaks.
    """
    match = (NAME_CONTROL if name else CONTROL).search(text)
    if match is None:
        return None
    return (f"holds a control character ({describe(match.group())}) at position "
            f"{match.start() + 1}; remove it")


def check(text: str, *, name: bool = True) -> str:
    """``text`` unchanged, or a ValueError saying which control character it holds."""
    found = problem(text, name=name)
    if found is not None:
        raise ValueError(found)
    return text


def _escape(match: re.Match[str]) -> str:
    return f"\\x{ord(match.group()):02x}"


def neutralise(text: str, *, lines: bool = True) -> str:
    """``text`` with every control character shown as ``\\x1b`` (tab kept); line breaks (LF,
    CRLF) kept when ``lines``, else each run of them becomes one space (:func:`one_line`)."""
    if not lines:
        text = LINE_BREAKS.sub(" ", text)
    else:
        text = text.replace("\r\n", "\n")
    return _SHOWN.sub(_escape, text) if _SHOWN.search(text) else text


def one_line(text: str) -> str:
    """``text`` safe where a line break would start a new line of the output format
    (annotations, Markdown headings and list items): breaks as spaces, controls escaped."""
    return neutralise(text, lines=False)


#: Columns of files that hold names and keys: no line break in their cells. Other cells (data
#: compared by `recon`, notes) may hold quoted line breaks; no cell may hold another control.
NAME_COLUMNS = frozenset({"key", "name", "title", "owner", "vendor", "workstream", "system",
                          "metric", "unit", "category", "code", "display_name", "set",
                          "environment", "role", "status", "kind"})

#: Command-line parameters of free text, which may hold line breaks (a note); every other
#: value is a name, key, code, number, date or path.
FREE_TEXT = frozenset({"notes", "note", "rollback_note", "criteria", "description", "comment",
                       "comments", "mitigation", "reason", "details", "message", "text", "why",
                       "rationale", "resolution", "summary"})


def first_problem(values: dict[str, object]) -> tuple[str, str] | None:
    """The first ``(name, problem)`` among command parameters ``values`` (text, paths and
    lists of them) holding a control character; free-text parameters may hold line breaks."""
    for key, value in values.items():
        items = value if isinstance(value, list | tuple) else [value]
        for item in items:
            if isinstance(item, str | PurePath):
                found = problem(str(item), name=key not in FREE_TEXT)
                if found is not None:
                    return key, found
    return None
