"""`migctl identity check` and `identity history`: the terminal views (pseudonyms only)."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import tzinfo
from decimal import Decimal
from typing import TYPE_CHECKING, Any

from migctl.render.tables import Col, build_table

if TYPE_CHECKING:
    from rich.console import RenderableType

    from migctl.checks import CheckReport
    from migctl.services.identity.documents import CheckDocument

#: Findings the terminal table shows (JSON, JUnit and GitHub formats carry them all).
TABLE_LIMIT = 500


def _pct(value: Decimal | None) -> str:
    return "" if value is None else f"{value} %"


def coverage_rows(document: CheckDocument) -> list[dict[str, Any]]:
    """One row per environment, per system and per system's training."""
    rows: list[dict[str, Any]] = [
        {"measure": "accounts", "subject": env, "active": document["active"].get(env, 0),
         "pct": pct} for env, pct in document["coverage_pct"].items()]
    rows += [{"measure": "system users", "subject": system, "active": None, "pct": pct}
             for system, pct in document["system_coverage_pct"].items()]
    rows += [{"measure": "training", "subject": system, "active": None, "pct": pct}
             for system, pct in document["training_coverage_pct"].items()]
    return rows


COVERAGE_COLUMNS = [
    Col("measure", "Coverage of"), Col("subject", "Environment / system", style="bold"),
    Col("active", "Active", justify="right"), Col("pct", "%", justify="right", fmt=_pct)]


def check_view(document: CheckDocument, report: CheckReport) -> RenderableType:
    from rich.console import Group
    from rich.text import Text

    from migctl.render.findings import findings_table

    head = Text()
    head.append(f"identity check on {document['on']}", style="bold")
    run = f"run {document['run_id']}, " if document["run_id"] is not None else ""
    head.append(f"  {run}{sum(document['active'].values())} active, "
                f"{report.errors} error(s), {report.warnings} warning(s)",
                style="red" if report.errors else "green")
    parts: list[RenderableType] = [head, build_table(coverage_rows(document), COVERAGE_COLUMNS)]
    if report.findings:
        parts.append(findings_table(report, subject_header="Pseudonym",
                                    extra_columns={}, limit=TABLE_LIMIT))
    return Group(*parts)


def _figures(value: Mapping[str, Decimal]) -> str:
    return ", ".join(f"{key} {pct}" for key, pct in value.items())


def history_columns(tz: tzinfo) -> list[Col]:
    """`identity history`: its finish times in the programme zone, labelled once."""
    from migctl.docvalues import as_datetime
    from migctl.render.listings import in_zone
    from migctl.values import format_local

    return [Col("run_id", "Run", justify="right"), Col("on", "On"),
            Col("finished_at", in_zone("Finished", tz),
                fmt=lambda v: format_local(as_datetime(v), tz)),
            *HISTORY_COLUMNS[3:]]


HISTORY_COLUMNS = [
    Col("run_id", "Run", justify="right"), Col("on", "On"), Col("finished_at", "Finished"),
    Col("coverage_pct", "Accounts %", fmt=_figures, wrap=True),
    Col("system_coverage_pct", "System users %", fmt=_figures, wrap=True, optional=True),
    Col("training_coverage_pct", "Trained %", fmt=_figures, wrap=True, optional=True),
    Col("errors", "Errors", justify="right"), Col("warnings", "Warnings", justify="right"),
    Col("actor", "By", optional=True),
]

