"""The "sso" block of `migctl status`: counts, the last run, the matrix, what fails."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from migctl.render.sso import STATUS_STYLE, age_text, matrix_table

if TYPE_CHECKING:
    from rich.console import RenderableType


def sso_view(section: dict[str, Any]) -> list[RenderableType]:
    from rich.text import Text

    counts = section["counts"]
    line = Text()
    line.append("SSO  ", style="bold")
    if not counts["checks"]:
        line.append("no checks configured (`migctl sso import FILE.toml`)", style="dim")
        return [line]
    line.append(f"{counts['checks']} checks: ")
    parts = [("pass", "pass"), ("warn", "warn"), ("fail", "fail"), ("never", "never run")]
    for index, (status, label) in enumerate(parts):
        line.append(f"{counts[status]} {label}", style=STATUS_STYLE[status]
                    if counts[status] else "")
        line.append(", " if index < len(parts) - 1 else "")
    last = section["last_run"]
    if last is None:
        line.append("   never run: `migctl sso check`", style="dim")
    else:
        age = age_text(last["age_minutes"])
        line.append(f"   last run {age} ago" if last["age_minutes"] else "   last run just now")
    parts_out: list[RenderableType] = [
        line, matrix_table({"environments": section["environments"], "matrix": section["matrix"]})]
    for problem in section["problems"]:
        text = Text("  ")
        text.append(problem["status"], style=STATUS_STYLE[problem["status"]])
        text.append(f" {problem['system']}/{problem['env']} {problem['kind']} "
                    f"{','.join(problem['codes'])}: {problem['message']}")
        parts_out.append(text)
    return parts_out
