"""`recon`: the run as tables, as check findings (JUnit, GitHub), and the listings' columns."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import tzinfo
from decimal import Decimal
from typing import TYPE_CHECKING, Any

from migctl.checks import CheckCode, CheckReport, Finding, Severity
from migctl.render.tables import Col, build_table

if TYPE_CHECKING:
    from rich.console import RenderableType

    from migctl.services.recon.documents import Difference, ReconDocument
    from migctl.services.recon.payroll_documents import PayrollDocument

HARMLESS = ("rounding", "accepted")

CAUSE_TITLES = {
    "missing_in_target": "In the legacy, missing in the target",
    "unexpected_in_target": "In the target, not in the legacy",
    "amount_differs": "Amount differs",
    "field_differs": "A compared column differs",
    "untranslated": "No mapping rule carries it (the mapping's fault)",
    "misposted": "Amount under another key of the same period",
    "duplicate_key": "Key more than once on one side",
    "rounding": "Within the tolerance (does not fail)",
    "accepted": "Accepted by a reviewer (does not fail)",
}


def money(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, Decimal):
        return f"{value:,.2f}".replace(",", " ")
    return str(value)


def key_text(key: Mapping[str, str] | None) -> str:
    return "" if not key else ",".join(key.values())


def _rows(doc: ReconDocument) -> list[Mapping[str, object]]:
    return [{"cause": d["cause"], "key": key_text(d["key"]),
             "other": key_text(d["other_key"]) or d.get("column", ""),
             "legacy": d["legacy"], "target": d["target"], "difference": d["difference"],
             "moved": d.get("moved")} for d in doc["differences"]]


DIFFERENCE_COLUMNS = [
    Col("cause", "Cause"), Col("key", "Key"), Col("other", "Other key / column"),
    Col("legacy", "Legacy", justify="right", fmt=money),
    Col("target", "Target", justify="right", fmt=money),
    Col("difference", "Difference", justify="right", fmt=money),
    Col("moved", "Moved", justify="right", fmt=money, optional=True),
]
TOTAL_COLUMNS = [
    Col("legacy", "Legacy", justify="right", fmt=money),
    Col("translated", "Translated", justify="right", fmt=money),
    Col("target", "Target", justify="right", fmt=money),
    Col("difference", "Difference", justify="right", fmt=money),
]


def headline(doc: ReconDocument) -> str:
    verdict = "clean" if doc["clean"] else "NOT clean"
    explained = "every cent explained" if doc["explained"] else "NOT fully explained"
    run = f"run {doc['run_id']}" if doc["run_id"] is not None else "not recorded"
    cutover = f", cutover run {doc['cutover_run']}" if doc["cutover_run"] else ""
    return (f"{doc['recon']} ({doc['kind']}, {run}{cutover}): {verdict}; difference "
            f"{money(doc['totals']['difference'])}, {explained}")


def run_view(doc: ReconDocument) -> RenderableType:
    """Headline, counts, control totals, then the differences shown."""
    from rich.console import Group
    from rich.text import Text

    counts = [{"cause": cause, "count": n} for cause, n in doc["counts"].items() if n]
    parts: list[RenderableType] = [
        Text(headline(doc), style="green" if doc["clean"] else "bold red"),
        build_table(counts, [Col("cause", "Cause"), Col("count", "Keys", justify="right")],
                    title="Counts"),
        build_table([{"what": "overall", **doc["totals"]},
                     *({"what": p["period"] or "(no period)", **p} for p in doc["by_period"]),
                     *({"what": f"class {c['account_class']}", **c}
                       for c in doc["by_account_class"])],
                    [Col("what", ""), *TOTAL_COLUMNS], title="Control totals"),
    ]
    if doc["differences"]:
        more = " (more: --limit or --export)" if doc["truncated"] else ""
        parts.append(build_table(_rows(doc), DIFFERENCE_COLUMNS, title=f"Differences{more}"))
    return Group(*parts)


def _message(d: Difference) -> str:
    key = key_text(d["key"])
    if d["cause"] == "misposted":
        return (f"{money(d.get('moved'))} missing under {key} turned up under "
                f"{key_text(d['other_key'])}")
    column = f" {d['column']}:" if "column" in d else ""
    return (f"{key}:{column} legacy {_side(d['legacy'])}, target {_side(d['target'])}, "
            f"difference {money(d['difference'])}")


def check_report(doc: ReconDocument) -> CheckReport:
    """The run as check findings: one code per cause; harmless causes as info."""
    codes = [CheckCode(cause, title, Severity.INFO if cause in HARMLESS else Severity.ERROR)
             for cause, title in CAUSE_TITLES.items()]
    report = CheckReport(name=f"recon {doc['recon']}", codes=codes)
    for d in doc["differences"]:
        report.add(Finding(d["cause"],
                           Severity.INFO if d["cause"] in HARMLESS else Severity.ERROR,
                           _message(d), subject=key_text(d["key"])))
    return report


DEFINITION_COLUMNS = [
    Col("name", "Name"), Col("kind", "Kind"), Col("version", "Ver", justify="right"),
    Col("system", "System"), Col("mapping_set", "Set", optional=True),
    Col("keys", "Keys", fmt=lambda v: ",".join(v) if v else "", optional=True),
    Col("legacy", "Legacy file", wrap=True, optional=True),
    Col("target", "Target file", wrap=True, optional=True),
]
DECISION_COLUMNS = [
    Col("key", "Key", fmt=lambda v: ",".join(v)), Col("cause", "Cause"),
    Col("difference", "Difference", justify="right", fmt=money), Col("by", "By"),
    Col("reason", "Reason", wrap=True), Col("active", "Active"),
]
def history_columns(tz: tzinfo) -> list[Col]:
    """`recon history`: its finish times in the programme zone, labelled once."""
    from migctl.docvalues import as_datetime
    from migctl.render.listings import in_zone
    from migctl.values import format_local

    return [Col("run_id", "Run", justify="right"),
            Col("finished_at", in_zone("Finished", tz),
                fmt=lambda v: format_local(as_datetime(v), tz)),
            *HISTORY_COLUMNS[2:]]


HISTORY_COLUMNS = [
    Col("run_id", "Run", justify="right"), Col("finished_at", "Finished"),
    Col("cutover_run", "Cutover run"), Col("version", "Ver", justify="right"),
    Col("clean", "Clean"), Col("difference", "Difference", justify="right", fmt=money),
    Col("unexplained", "Not explained", justify="right", fmt=money),
    Col("target_file", "Target file", wrap=True, optional=True),
]


# --- payroll ---------------------------------------------------------------------------------

PAYROLL_CAUSE_TITLES = {
    "missing_employee": "Paid in the legacy, not in the new system",
    "extra_employee": "Paid in the new system, not in the legacy",
    "missing_pay": "Income type paid in the legacy only",
    "extra_pay": "Income type paid in the new system only",
    "amount_differs": "Amount differs beyond the tolerance",
    "unmapped_wage_type": "Wage type the mapping does not carry (per line)",
    "rounding": "Within the tolerance (does not fail)",
    "accepted": "Accepted by a reviewer (does not fail)",
}


def payroll_headline(doc: PayrollDocument) -> str:
    verdict = "clean" if doc["clean"] else "NOT clean"
    explained = "every cent explained" if doc["explained"] else "NOT fully explained"
    run = f"run {doc['run_id']}" if doc["run_id"] is not None else "not recorded"
    cutover = f", cutover run {doc['cutover_run']}" if doc["cutover_run"] else ""
    return (f"{doc['recon']} (payroll, {run}{cutover}): {verdict}; "
            f"{doc['employees']['compared']} employees, difference "
            f"{money(doc['totals']['difference'])}, {money(doc['unexplained'])} not explained, "
            f"{explained}")


def _pay_rows(doc: PayrollDocument) -> list[Mapping[str, object]]:
    return [{"cause": d["cause"], "employee": d["key"]["employee"],
             "income_type": d["key"]["income_type"] or d.get("wage_type", ""),
             "period": d["key"]["period"], "org_unit": d["org_unit"], "legacy": d["legacy"],
             "target": d["target"], "difference": d["difference"],
             "pattern": d.get("pattern", "")} for d in doc["differences"]]


def payroll_view(doc: PayrollDocument) -> RenderableType:
    """Headline, counts, patterns, totals by income type, then the open differences."""
    from rich.console import Group
    from rich.text import Text

    counts = [{"cause": cause, "count": n, "eur": doc["by_cause"].get(cause)}
              for cause, n in doc["counts"].items() if n]
    amounts = [Col("legacy", "Legacy", justify="right", fmt=money),
               Col("target", "New", justify="right", fmt=money),
               Col("difference", "Difference", justify="right", fmt=money)]
    parts: list[RenderableType] = [
        Text(payroll_headline(doc), style="green" if doc["clean"] else "bold red"),
        build_table(counts, [Col("cause", "Cause"), Col("count", "Keys", justify="right"),
                             Col("eur", "€", justify="right", fmt=money)], title="Counts"),
    ]
    if doc["patterns"]:
        parts.append(build_table(
            [{**p, "org_units": ", ".join(p["org_units"]),
              "accepted": "yes" if p["accepted"] else "no"} for p in doc["patterns"]],
            [Col("id", "Pattern"), Col("income_type", "Income type"),
             Col("relative_pct", "Rel. %", justify="right"),
             Col("members", "Employees", justify="right"),
             Col("difference", "Difference", justify="right", fmt=money),
             Col("org_units", "Org units", wrap=True), Col("accepted", "Accepted")],
            title="Patterns"))
    parts.append(build_table(
        [{**row, "income_type": row["income_type"] or "(unmapped)"}
         for row in doc["by_income_type"]],
        [Col("income_type", "Income type"), Col("name", "Name"), *amounts,
         Col("open", "Open", justify="right")], title="Control totals by income type"))
    if doc["differences"]:
        more = " (more: --limit or --export)" if doc["truncated"] else ""
        parts.append(build_table(_pay_rows(doc), [
            Col("cause", "Cause"), Col("employee", "Employee"),
            Col("income_type", "Income / wage type"), Col("period", "Period"),
            Col("org_unit", "Org unit"), *amounts, Col("pattern", "Pattern", optional=True)],
            title=f"Open differences{more}"))
    return Group(*parts)


def _side(value: Any) -> str:
    """A side's amount, or the word for a side that has none (not an empty gap)."""
    from migctl.render.i18n import label

    return label("payrollfix.missing_side") if value is None else money(value)


def payroll_report(doc: PayrollDocument) -> CheckReport:
    """The payroll run as check findings (pseudonyms only)."""
    codes = [CheckCode(cause, title, Severity.INFO if cause in HARMLESS else Severity.ERROR)
             for cause, title in PAYROLL_CAUSE_TITLES.items()]
    report = CheckReport(name=f"recon {doc['recon']}", codes=codes)
    for d in doc["differences"]:
        key = d["key"]
        what = key["income_type"] or f"wage type {d.get('wage_type', '')}"
        pattern = f" (pattern {d['pattern']})" if "pattern" in d else ""
        report.add(Finding(d["cause"], Severity.ERROR,
                           f"{key['employee']} {what} {key['period']}: legacy "
                           f"{_side(d['legacy'])}, new {_side(d['target'])}, difference "
                           f"{money(d['difference'])}{pattern}",
                           subject=f"{key['employee']},{key['income_type']},{key['period']}"))
    return report
