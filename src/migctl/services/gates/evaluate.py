"""Gate criteria evaluated live from the store: pass or fail, with the evidence behind it.

Each result says which record decided it (validation run, translation run, SSO results, the
run's task states, the incident count, the KPI value), when that record was made, and its
numbers, so a steering group can see later exactly what was known at a decision.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime, timedelta, tzinfo
from decimal import Decimal
from typing import TYPE_CHECKING, Any

from sqlalchemy import Row, and_, or_, select

from migctl.errors import MigctlError
from migctl.services.gates.spec import (
    Criterion,
    IncidentsBelow,
    KpiThreshold,
    MappingValid,
    Reconciled,
    SsoPass,
    TasksDone,
    kind_of,
    parse_spec,
)
from migctl.services.hypercare.fields import SEVERITIES, severity_rank
from migctl.services.hypercare.read import count_open
from migctl.services.kpis.fields import plain
from migctl.services.kpis.read import history
from migctl.services.runbook.fields import RESOLVED
from migctl.services.runbook.read import Runbook, RunLike, execute
from migctl.services.sso.read import latest_results
from migctl.store.db import columns_except
from migctl.store.tables import MAPPING_SET, TASK, TASK_RUN_STATE, TRANSLATION_RUN, VALIDATION_RUN
from migctl.values import format_duration, format_local

if TYPE_CHECKING:
    from migctl.store.db import Db

#: How old the latest SSO result may be for ``sso-pass`` (the default of ``--max-age``).
DEFAULT_MAX_AGE_MINUTES = 24 * 60
#: How many failing items a message names before "…".
NAMED = 3
HUNDRED = Decimal(100)


@dataclass(frozen=True)
class Result:
    """One criterion's verdict and the evidence behind it."""

    spec: str
    kind: str
    passed: bool
    message: str
    evidence: dict[str, Any] = field(default_factory=dict)

    def document(self) -> dict[str, Any]:
        return {"spec": self.spec, "kind": self.kind, "passed": self.passed,
                "message": self.message, "evidence": self.evidence}


@dataclass
class Evaluator:
    """What evaluation reads: the store at ``now``, one cutover run (for ``tasks-done``)."""

    session: Db  # a Session or a Connection (the status screen's)
    now: datetime
    tz: tzinfo
    run: RunLike | None = None
    max_age_minutes: int = DEFAULT_MAX_AGE_MINUTES
    runbook: Runbook | None = None  # loaded on first use (status passes the one it has)

    def evaluate_text(self, spec: str, *, gate: str | None = None) -> Result:
        """A stored spec; one that no longer parses fails instead of breaking the command."""
        try:
            criterion = parse_spec(spec)
        except ValueError as exc:
            return Result(spec, spec.partition(":")[0], False, f"cannot be read: {exc}")
        return self.evaluate(criterion, gate=gate)

    def evaluate(self, criterion: Criterion, *, gate: str | None = None) -> Result:
        try:
            passed, message, evidence = self._dispatch(criterion, gate)
        except MigctlError as exc:  # e.g. a system removed since the criterion was added
            passed, message, evidence = False, str(exc), {}
        return Result(criterion.spec, kind_of(criterion), passed, message, evidence)

    def _dispatch(self, criterion: Criterion, gate: str | None
                  ) -> tuple[bool, str, dict[str, Any]]:
        if isinstance(criterion, MappingValid):
            return self._mapping_valid(criterion)
        if isinstance(criterion, Reconciled):
            return self._reconciled(criterion)
        if isinstance(criterion, SsoPass):
            return self._sso_pass(criterion)
        if isinstance(criterion, TasksDone):
            return self._tasks_done(criterion, gate)
        if isinstance(criterion, IncidentsBelow):
            return self._incidents_below(criterion)
        return self._kpi(criterion)

    def local(self, moment: datetime | None) -> str:
        return format_local(moment, self.tz)

    # --- mapping ------------------------------------------------------------------------

    def _current_set(self, name: str) -> Row[Any] | None:
        return execute(self.session, select(MAPPING_SET).where(MAPPING_SET.c.name == name)
                       .order_by(MAPPING_SET.c.version.desc())).first()

    def _mapping_valid(self, criterion: MappingValid) -> tuple[bool, str, dict[str, Any]]:
        current = self._current_set(criterion.set_name)
        if current is None:
            return False, f"no mapping set {criterion.set_name!r}", {"set": criterion.set_name}
        label = f"{current.name}@{current.version}"
        run = execute(self.session, select(
            *columns_except(VALIDATION_RUN, "findings"))  # read below, only if needed
            .where(VALIDATION_RUN.c.set_id == current.id, VALIDATION_RUN.c.ran_at <= self.now)
            .order_by(VALIDATION_RUN.c.ran_at.desc(), VALIDATION_RUN.c.id.desc())).first()
        evidence: dict[str, Any] = {"set": current.name, "version": current.version,
                                    "validation_run": None}
        if run is None:
            return False, f"{label} (the current version) has not been validated", evidence
        codes: dict[str, int] = {}
        for finding in self._findings(run.id) if run.errors else []:
            if isinstance(finding, dict) and finding.get("severity") == "error":
                codes[str(finding.get("code"))] = codes.get(str(finding.get("code")), 0) + 1
        evidence |= {"validation_run": run.id, "ran_at": run.ran_at, "actor": run.actor,
                     "errors": run.errors, "warnings": run.warnings, "rules": run.rules,
                     "coverage": run.coverage, "coverage_amount": run.coverage_amount,
                     "balances_file": run.balances_file, "error_codes": dict(sorted(codes.items()))}
        when = f"validation {run.id} of {label} at {self.local(run.ran_at)}"
        if run.errors:
            by_code = ", ".join(code if n == 1 else f"{code} ×{n}"
                                for code, n in sorted(codes.items()))
            return False, (f"{when} found {run.errors} error(s)"
                           + (f" ({by_code})" if by_code else "")), evidence
        return True, f"{when}: no errors, {run.warnings} warning(s)", evidence

    def _findings(self, validation_run: int) -> list[Any]:
        """A validation run's stored findings (read only when it found errors: can be big)."""
        found = execute(self.session, select(VALIDATION_RUN.c.findings)
                        .where(VALIDATION_RUN.c.id == validation_run)).scalar()
        return found if isinstance(found, list) else []

    def _reconciled(self, criterion: Reconciled) -> tuple[bool, str, dict[str, Any]]:
        current = self._current_set(criterion.set_name)
        if current is None:
            return False, f"no mapping set {criterion.set_name!r}", {"set": criterion.set_name}
        label = f"{current.name}@{current.version}"
        run = execute(self.session, select(*columns_except(TRANSLATION_RUN, "report"))
            .where(or_(TRANSLATION_RUN.c.set_id == current.id,
                       TRANSLATION_RUN.c.cost_object_set_id == current.id),
                   TRANSLATION_RUN.c.ran_at <= self.now)
            .order_by(TRANSLATION_RUN.c.ran_at.desc(), TRANSLATION_RUN.c.id.desc())).first()
        evidence: dict[str, Any] = {"set": current.name, "version": current.version,
                                    "translation_run": None}
        if run is None:
            return False, f"nothing has been translated with {label} (the current version)", \
                evidence
        difference = run.total_after - run.total_before
        evidence |= {
            "translation_run": run.id, "ran_at": run.ran_at, "actor": run.actor,
            "input_file": run.input_file, "input_sha256": run.input_sha256,
            "on": run.on_date, "lines": run.lines, "total_before": run.total_before,
            "total_after": run.total_after, "difference": difference,
            "untranslated_lines": run.untranslated_lines,
            "untranslated_amount": run.untranslated_amount,
            "coverage_lines_pct": run.coverage_lines_pct,
            "coverage_amount_pct": run.coverage_amount_pct, "reconciled": run.reconciled,
        }
        when = f"translation {run.id} of {run.input_file} with {label} at {self.local(run.ran_at)}"
        full = run.coverage_lines_pct == HUNDRED and run.coverage_amount_pct == HUNDRED
        if run.reconciled and full and difference == 0:
            return True, f"{when}: {run.lines} lines reconciled to the cent, 100 % coverage", \
                evidence
        problems = []
        if not run.reconciled or difference:
            problems.append(f"does not reconcile (difference {plain(difference)})")
        if run.untranslated_lines:
            problems.append(f"{run.untranslated_lines} line(s) untranslated "
                            f"({plain(run.untranslated_amount)})")
        if not full:
            problems.append(f"coverage {plain(run.coverage_lines_pct)} % of lines, "
                            f"{plain(run.coverage_amount_pct)} % of euros")
        return False, f"{when}: " + "; ".join(problems), evidence

    # --- SSO ------------------------------------------------------------------------------

    def _sso_pass(self, criterion: SsoPass) -> tuple[bool, str, dict[str, Any]]:
        items = latest_results(self.session,
                               systems=[criterion.system] if criterion.system else None,
                               env=criterion.env)
        max_age = timedelta(minutes=self.max_age_minutes)
        checks = []
        counts = {"checks": len(items), "pass": 0, "warn": 0, "fail": 0, "never": 0, "stale": 0}
        failing: list[str] = []
        oldest: datetime | None = None
        for item in items:
            at: datetime | None = item["checked_at"]
            age = None if at is None else int((self.now - at).total_seconds() // 60)
            stale = at is not None and self.now - at > max_age
            counts[item["status"]] = counts.get(item["status"], 0) + 1
            name = f"{item['system']}/{item['env']} {item['kind']}"
            codes = sorted({f["code"] for f in item["findings"]})
            if item["status"] in ("fail", "never"):
                failing.append(f"{name} {'never ran' if item['status'] == 'never' else 'failed'}"
                               + (f" ({', '.join(codes)})" if codes else ""))
            elif stale:
                counts["stale"] += 1
                failing.append(f"{name} last ran {format_duration(age or 0)} ago")
            if at is not None and (oldest is None or at < oldest):
                oldest = at
            checks.append({"id": item["id"], "system": item["system"], "env": item["env"],
                           "kind": item["kind"], "status": item["status"], "checked_at": at,
                           "age_minutes": age, "run_id": item["run_id"], "codes": codes,
                           "stale": stale})
        evidence = {"system": criterion.system, "env": criterion.env,
                    "max_age_minutes": self.max_age_minutes, "counts": counts, "checks": checks}
        scope = " ".join(p for p in (criterion.system, criterion.env) if p) or "any system"
        if not items:
            return False, f"no SSO checks for {scope}; `migctl sso add` or `sso import`", \
                evidence
        if failing:
            named = "; ".join(failing[:NAMED]) + (" …" if len(failing) > NAMED else "")
            return False, f"{len(failing)} of {len(items)} check(s) not passing: {named}", \
                evidence
        age = int((self.now - oldest).total_seconds() // 60) if oldest else 0
        return True, (f"{len(items)} check(s) pass"
                      + (f" ({counts['warn']} with warnings)" if counts["warn"] else "")
                      + f", the oldest result {format_duration(max(age, 0))} old"), evidence

    # --- tasks, incidents, KPIs ------------------------------------------------------------

    def _task_states(self, criterion: TasksDone, gate: str | None, run: RunLike
                     ) -> list[tuple[str, str, datetime | None]]:
        """(key, status, actual end) of the tasks a ``tasks-done`` names, in runbook order.

        From the runbook the caller loaded (status), else one query (a gate check)."""
        wanted = None if criterion.workstream is None else criterion.workstream.casefold()
        rows: list[tuple[str, str, str, datetime | None]]
        if self.runbook is not None and self.runbook.run is not None \
                and self.runbook.run.id == run.id:
            book = self.runbook
            rows = [(t.key, t.workstream, book.states[i].status, book.states[i].actual_end)
                    for i, t in enumerate(book.tasks)]
        else:
            state = TASK_RUN_STATE.c
            joined = TASK.outerjoin(TASK_RUN_STATE, and_(state.task_id == TASK.c.id,
                                                         state.run_id == run.id))
            query = select(TASK.c.key, TASK.c.workstream, state.status, state.actual_end
                           ).select_from(joined).order_by(TASK.c.id)
            if wanted is None:
                query = query.where(TASK.c.key.in_(criterion.keys))
            rows = [(k, w or "", s or "todo", e) for k, w, s, e in execute(self.session, query)]
        if wanted is not None:
            return [(k, s, e) for k, w, s, e in rows if w.casefold() == wanted and k != gate]
        found = {k: (k, s, e) for k, _, s, e in rows if k in criterion.keys}
        return [found[k] for k in criterion.keys if k in found]

    def _tasks_done(self, criterion: TasksDone, gate: str | None
                    ) -> tuple[bool, str, dict[str, Any]]:
        run = self.run
        evidence: dict[str, Any] = {"run": None if run is None else run.name}
        if run is None:
            return False, "no cutover run to look at (start one, or name it with --run)", \
                evidence
        states = self._task_states(criterion, gate, run)
        missing = [k for k in criterion.keys if k not in {key for key, _, _ in states}]
        if missing:
            evidence["missing"] = missing
            return False, f"no task {', '.join(missing)} in the runbook", evidence
        rows = [{"key": key, "status": status, "actual_end": end} for key, status, end in states]
        waiting = [r for r in rows if r["status"] not in RESOLVED]
        evidence |= {"tasks": rows, "done": len(rows) - len(waiting), "total": len(rows)}
        if not rows:
            return False, f"the workstream {criterion.workstream} has no tasks", evidence
        if waiting:
            named = ", ".join(f"{r['key']} ({r['status']})" for r in waiting[:NAMED])
            more = " …" if len(waiting) > NAMED else ""
            return False, (f"{len(waiting)} of {len(rows)} task(s) not done in "
                           f"{run.name}: {named}{more}"), evidence
        return True, f"all {len(rows)} task(s) done in {run.name}", evidence

    def _incidents_below(self, criterion: IncidentsBelow) -> tuple[bool, str, dict[str, Any]]:
        open_now = count_open(self.session, at_or_above=criterion.severity, now=self.now)
        counted = list(SEVERITIES[: severity_rank(criterion.severity) + 1])
        evidence = {"severity": criterion.severity, "counted": counted, "open": open_now,
                    "limit": criterion.limit, "at": self.now}
        worse = "" if criterion.severity == SEVERITIES[0] else " or worse"
        message = (f"{open_now} incident(s) open at {criterion.severity}{worse} "
                   f"(must be fewer than {criterion.limit})")
        return open_now < criterion.limit, message, evidence

    def _kpi(self, criterion: KpiThreshold) -> tuple[bool, str, dict[str, Any]]:
        points = history(self.session, metrics=[criterion.name], until=self.now).get(
            criterion.name, [])
        evidence: dict[str, Any] = {"kpi": criterion.name, "op": criterion.op,
                                    "threshold": criterion.threshold, "value": None}
        if not points:
            return False, (f"{criterion.name} has no value yet (`migctl kpi record` or "
                           "`kpi snapshot`)"), evidence
        latest = points[-1]
        evidence |= {"value": latest.value, "at": latest.at, "source": latest.source}
        passed = criterion.holds(latest.value)
        relation = criterion.op if passed else {">=": "<", "<=": ">"}[criterion.op]
        return passed, (f"{criterion.name} = {plain(latest.value)} at "
                        f"{self.local(latest.at)} ({relation} {plain(criterion.threshold)})"), \
            evidence
