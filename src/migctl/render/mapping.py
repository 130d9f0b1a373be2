"""Charts, dimensions and mapping documents laid out for a terminal."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import UTC, tzinfo
from typing import TYPE_CHECKING, TypedDict, cast

from migctl.render.tables import Col, build_table, cell, format_decimal
from migctl.values import counted, format_local

if TYPE_CHECKING:
    from rich.console import RenderableType

    from migctl.services.mapping.documents import (
        ChartShowDocument,
        DiffDocument,
        DimensionShowDocument,
        HierarchyRow,
        RuleBrief,
        TranslationDocument,
        ValidationBrief,
    )
    from migctl.services.mapping.validate import Validation

#: Findings shown in a terminal table; -f json / junit / github carry all of them.
TABLE_LIMIT = 500


def _yes_no_active(value: object) -> str:
    return "" if value else "[dim]inactive[/]"


def imported_column(tz: tzinfo) -> Col:
    """When a file was imported, in the programme's zone, the zone named once in the heading."""
    from migctl.docvalues import as_datetime
    from migctl.render.listings import in_zone

    return Col("imported_at", in_zone("Imported", tz),
               fmt=lambda v: format_local(as_datetime(v), tz))


def chart_columns(tz: tzinfo = UTC) -> list[Col]:
    return [Col("key", "Chart", style="bold"), Col("role", "Role"),
            Col("name", "Name", wrap=True), Col("account_count", "Accounts", justify="right"),
            Col("postable", "Postable", justify="right"),
            Col("inactive", "Inactive", justify="right"), Col("file", "File"),
            imported_column(tz)]


def dimension_columns(tz: tzinfo = UTC) -> list[Col]:
    return [Col("key", "Dimension", style="bold"), Col("role", "Role"),
            Col("name", "Name", wrap=True), Col("required_for", "Required for"),
            Col("value_count", "Values", justify="right"),
            Col("inactive", "Inactive", justify="right"), Col("file", "File"),
            imported_column(tz)]


def set_columns(tz: tzinfo = UTC) -> list[Col]:
    def validation(value: ValidationBrief | None) -> str:
        if not value:
            return "[yellow]never[/]"
        style = "red" if value["errors"] else ("yellow" if value["warnings"] else "green")
        return (f"[{style}]{counted(value['errors'], 'error')}, "
                f"{counted(value['warnings'], 'warning')}[/]")

    return [Col("ref", "Set", style="bold"), Col("latest", "Latest",
                                                 fmt=lambda v: "yes" if v else ""),
            Col("kind", "Kind"), Col("source_dimension", "Of", fmt=lambda v: v or ""),
            Col("system", "System"), Col("rules", "Rules", justify="right"),
            Col("file", "File"), Col("actor", "By"), imported_column(tz),
            Col("validation", "Last validation", fmt=validation, markup=True)]


def rule_columns() -> list[Col]:
    return [Col("row", "Row", justify="right"), Col("source_account", "Source", style="bold"),
            Col("source_cost_centre", "Cost centre"), Col("target_account", "Target"),
            Col("dimensions", "Dimensions",
                fmt=lambda d: " ".join(f"{k}={v}" for k, v in (d or {}).items())),
            Col("share", "Share %", justify="right",
                fmt=lambda v: f"{v.normalize():f}" if v is not None else ""),
            Col("valid_from", "From"), Col("valid_to", "To"), Col("note", "Note", wrap=True)]


def cost_object_rule_columns() -> list[Col]:
    return [Col("row", "Row", justify="right"), Col("source", "Source", style="bold"),
            Col("dimensions", "Dimensions",
                fmt=lambda d: " ".join(f"{k}={v}" for k, v in (d or {}).items())),
            Col("share", "Share %", justify="right",
                fmt=lambda v: f"{v.normalize():f}" if v is not None else ""),
            Col("valid_from", "From"), Col("valid_to", "To"), Col("note", "Note", wrap=True)]


def hierarchy_view(document: ChartShowDocument | DimensionShowDocument, *, items: str,
                   tree: bool) -> RenderableType:
    """A chart's accounts or a dimension's values: a table, or a tree with ``--tree``."""
    from rich.console import Group
    from rich.markup import escape
    from rich.text import Text
    from rich.tree import Tree

    head = Text()
    head.append(f"{document['key']}", style="bold")
    head.append(f"  {document['role']}  {document['name']}  ({document['file']})", style="dim")
    # ``items`` names the list: "accounts" of a chart, "values" of a dimension
    nodes = cast("Mapping[str, list[HierarchyRow]]", document)[items]
    if not tree:
        columns = [Col("code", "Code", style="bold"), Col("name", "Name", wrap=True)]
        if items == "accounts":
            columns.append(Col("type", "Type"))
        columns += [Col("parent", "Parent"), Col("active", "", fmt=_yes_no_active, markup=True),
                    Col("row", "Row", justify="right")]
        return Group(head, build_table(nodes, columns))
    root = Tree(head)

    def add(branch: Tree, nodes: list[HierarchyRow]) -> None:
        for node in nodes:
            label = f"[bold]{escape(node['code'])}[/] {escape(node['name'])}"
            kind = node.get("type")
            if isinstance(kind, str) and kind:
                label += f" [dim]{escape(kind)}[/]"
            if not node["active"]:
                label += " [dim](inactive)[/]"
            add(branch.add(label), node.get("children", []))

    add(root, nodes)
    return root


def validation_view(result: Validation) -> RenderableType:
    from rich.console import Group
    from rich.text import Text

    from migctl.render.findings import findings_table

    report = result.report
    head = Text()
    head.append(f"mapping {result.label}", style="bold")
    if result.source_dimension is not None:
        head.append(f" ({result.kind} of {result.source_dimension})")
        head.append(f"  {result.rules} rules, coverage {cell(result.coverage)} % of active "
                    f"{result.source_dimension} values")
        extra = {}
    else:
        if result.cost_objects is not None:
            head.append(f" with {result.cost_objects}")
        head.append(f"  {result.rules} rules, coverage {cell(result.coverage)} % of active "
                    "legacy accounts")
        extra = {"target_account": "Target"}
    if result.coverage_amount is not None:
        head.append(f", {cell(result.coverage_amount)} % of balances")
    table = findings_table(report, subject_header="Source", extra_columns=extra,
                           limit=TABLE_LIMIT)
    return Group(head, table)


def diff_view(document: DiffDocument) -> RenderableType:
    from rich.console import Group
    from rich.text import Text

    summary = document["summary"]
    head = Text()
    head.append(f"{document['a']} → {document['b']}", style="bold")
    head.append(f"  {summary['added']} added, {summary['removed']} removed, "
                f"{summary['changed']} changed, {summary['unchanged']} unchanged")
    rows: list[_DiffRow] = []
    for kind, style, entries in (("added", "green", document["added"]),
                                 ("removed", "red", document["removed"]),
                                 ("changed", "yellow", document["changed"])):
        for entry in entries:
            rows.append({
                "change": f"[{style}]{kind}[/]",
                "source": entry.get("source_account", entry.get("source")),
                "cost_centre": entry.get("source_cost_centre"),
                "before": _briefs(entry.get("before", entry.get("rules", [])
                                            if kind == "removed" else [])),
                "after": _briefs(entry.get("after", entry.get("rules", [])
                                           if kind == "added" else [])),
            })
    if not rows:
        return Group(head, Text("no differences"))
    table = build_table(rows, [Col("change", "Change", markup=True),
                               Col("source", "Source", style="bold"),
                               Col("cost_centre", "Cost centre"),
                               Col("before", "Before", wrap=True),
                               Col("after", "After", wrap=True)])
    return Group(head, table)


class _DiffRow(TypedDict):
    """A row of the `mapping diff` table."""

    change: str
    source: str | None
    cost_centre: str | None
    before: str
    after: str


def _briefs(rules: list[RuleBrief]) -> str:
    parts = []
    for rule in rules:
        dims = " ".join(f"{k}={v}" for k, v in (rule["dimensions"] or {}).items())
        text = " ".join(t for t in (rule.get("target_account"), dims) if t)
        share = rule["share"]
        if share is not None and share != 100:
            text += f" {share.normalize():f} %"
        if rule["valid_from"] or rule["valid_to"]:
            text += f" [{cell(rule['valid_from'])}…{cell(rule['valid_to'])}]"
        parts.append(text)
    return "; ".join(parts)


def _money(key: str, header: str) -> Col:
    return Col(key, header, justify="right", fmt=format_decimal)


def translation_view(document: TranslationDocument) -> RenderableType:
    """The reconciliation report: verdict, totals per period and per type, what was left."""
    from rich.console import Group
    from rich.text import Text

    head = Text()
    head.append(f"{document['set']}@{document['version']}", style="bold")
    co = document.get("cost_objects")
    if co:
        head.append(" with ")
        head.append(f"{co['set']}@{co['version']}", style="bold")
        head.append(f" ({co['source_dimension']})")
    head.append(f"  {document['lines']} lines from {document['input']['file']}")
    if document["on"]:
        head.append(f", rules valid on {cell(document['on'])}")
    output = document["output"]
    if output:
        head.append(f" → {output['file']} ({output['format']}, {output['lines']} lines)")
    verdict = Text()
    totals = document["totals"]
    coverage = document["coverage"]
    if document["reconciled"]:
        verdict.append("reconciled", style="bold green")
        verdict.append(f": {format_decimal(totals['before'])} before = "
                       f"{format_decimal(totals['after'])} after, every line translated")
    else:
        verdict.append("NOT reconciled", style="bold red")
        left = document["untranslated_total"]
        verdict.append(f": {left['lines']} lines ({format_decimal(left['amount'])}) "
                       f"untranslated, difference {format_decimal(totals['difference'])}")
    verdict.append(f"  coverage {format_decimal(coverage['lines_pct'])} % of lines, "
                   f"{format_decimal(coverage['amount_pct'])} % of euros")
    periods = build_table(document["periods"], [
        Col("period", "Period", fmt=lambda v: v or "(none)"),
        _money("before", "Before"), _money("after", "After"),
        Col("difference", "Difference", justify="right",
            fmt=lambda v: format_decimal(v) if v == 0 else f"[red]{format_decimal(v)}[/]",
            markup=True),
    ])
    types = build_table(document["by_type"], [
        Col("type", "Type"), _money("before", "Before"), _money("after", "After"),
    ])
    parts: list[RenderableType] = [head, verdict, periods, types]
    untranslated = document["untranslated"]
    if untranslated:
        shown = untranslated[:TABLE_LIMIT]
        parts.append(build_table(shown, [
            Col("row", "Row", justify="right"), Col("account", "Account", style="bold"),
            Col("cost_centre", "Cost centre"), Col("period", "Period"),
            _money("amount", "Amount"), Col("code", "Code", fmt=lambda v: v or ""),
            Col("reason", "Why not translated", wrap=True),
        ], title=f"Untranslated lines ({len(untranslated)})"))
        if len(untranslated) > len(shown):
            parts.append(Text(f"(showing {len(shown)} of {len(untranslated)}; use -f json "
                              "for all)", style="dim"))
    return Group(*parts)
