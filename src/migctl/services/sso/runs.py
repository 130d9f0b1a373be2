"""Running the checks and remembering what they found: plan, execute, record, look back.

A run is three steps so the store is never locked while the network is slow: :func:`plan_run`
reads the selected checks (one read transaction), :func:`execute` probes them (no store), and
:func:`record_run` writes the run, one result row per check and finding, and an audit event
(one write transaction). "What is the latest result of every matching check", which the
status screen and gate criteria read, is :mod:`migctl.services.sso.read`.
"""

from __future__ import annotations

import time
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime, timedelta
from pathlib import Path
from typing import cast

from sqlalchemy import func, insert
from sqlmodel import Session, col, select

from migctl.checks import CheckReport, Finding
from migctl.errors import OptionError, UsageError
from migctl.services.audit import Actor, record
from migctl.services.sso import sightings
from migctl.services.sso.config import check_document, select_checks
from migctl.services.sso.documents import (
    CheckListing,
    CheckOutcome,
    LastResult,
    MatrixDocument,
    RunCounts,
    RunDocument,
    RunHistoryEntry,
    RunSettings,
)
from migctl.services.sso.fields import CODES
from migctl.services.sso.matrix import build_matrix
from migctl.services.sso.read import check_rows, latest_rows, pinned
from migctl.services.sso.spec import (
    DEFAULT_CONCURRENCY,
    DEFAULT_MAX_HOPS,
    DEFAULT_TIMEOUT_S,
    DEFAULT_WARN_DAYS,
    ProbeOptions,
    ProbeResult,
    ProbeSpec,
)
from migctl.store.models import SsoCheck, SsoResult, SsoRun, System

MAX_CONCURRENCY = 500


@dataclass(frozen=True)
class RunPlan:
    specs: list[ProbeSpec]
    options: ProbeOptions
    settings: RunSettings  # the run's options as stored with it


def plan_run(
    session: Session,
    *,
    now: datetime,
    systems: list[str] | None = None,
    env: str | None = None,
    kind: str | None = None,
    timeout: float | None = None,
    concurrency: int = DEFAULT_CONCURRENCY,
    ca_bundle: Path | None = None,
    warn_days: int = DEFAULT_WARN_DAYS,
    strict: bool = False,
) -> RunPlan:
    """The selected checks as probe specs; ``timeout`` overrides every check's own."""
    if timeout is not None and not 0 < timeout <= 300:
        raise OptionError("{option} must be more than 0 and at most 300 seconds", field="timeout")
    if not 1 <= concurrency <= MAX_CONCURRENCY:
        raise OptionError(f"{{option}} must be between 1 and {MAX_CONCURRENCY}",
                          field="concurrency")
    if not 0 <= warn_days <= 3650:
        raise OptionError("{option} must be between 0 and 3650", field="warn_days")
    selected = select_checks(session, systems=systems, env=env, kind=kind)
    if not selected:
        raise UsageError("no SSO checks match; add them with `migctl sso add` or "
                         "`migctl sso import FILE.toml`")
    pins = pinned(session, [check.id for check, _ in selected if check.id is not None])
    specs = []
    for check, system_key in selected:
        assert check.id is not None
        pin = pins.get(check.id)
        specs.append(ProbeSpec(
            check_id=check.id, system=system_key, env=check.environment, kind=check.kind,
            url=check.url, expect_entity_id=check.expect_entity_id,
            expect_issuer=check.expect_issuer, expect_idp_host=check.expect_idp_host,
            expect_tenant=check.expect_tenant, max_hops=check.max_hops or DEFAULT_MAX_HOPS,
            timeout_s=timeout or check.timeout_s or DEFAULT_TIMEOUT_S,
            expect_acs=tuple((check.expect_acs or "").split()),
            pin_sha256=pin[0] if pin else None, pin_pem=pin[1] if pin else None))
    settings: RunSettings = {
        "systems": systems or [], "env": env, "kind": kind, "timeout": timeout,
        "concurrency": concurrency, "ca_bundle": str(ca_bundle) if ca_bundle else None,
        "warn_days": warn_days, "strict": strict,
    }
    options = ProbeOptions(now=now, warn_days=warn_days, concurrency=concurrency,
                           ca_bundle=ca_bundle)
    return RunPlan(specs=specs, options=options, settings=settings)


@dataclass
class Execution:
    results: list[ProbeResult]
    started_at: datetime
    finished_at: datetime


def execute(plan: RunPlan, progress: Callable[[int], None] | None = None) -> Execution:
    from migctl.services.sso.probe import run_probes  # httpx, lxml, cryptography: only here

    begin = time.monotonic()
    results = run_probes(plan.specs, plan.options, progress)
    elapsed = timedelta(seconds=time.monotonic() - begin)
    return Execution(results=results, started_at=plan.options.now,
                     finished_at=plan.options.now + elapsed)


@dataclass
class RunOutcome:
    run: RunDocument
    checks: list[CheckOutcome]
    report: CheckReport
    matrix: MatrixDocument


def _counts(statuses: list[str]) -> RunCounts:
    tally = Counter(statuses)
    return {"checks": len(statuses), "pass": tally["pass"], "warn": tally["warn"],
            "fail": tally["fail"]}


def _subject(spec: ProbeSpec) -> str:
    return f"{spec.system}/{spec.env} {spec.kind}"


def record_run(session: Session, actor: Actor, plan: RunPlan, execution: Execution
               ) -> RunOutcome:
    """Stores the run and its results (checks removed meanwhile are left out)."""
    ids = [spec.check_id for spec in plan.specs]
    alive = set(session.exec(select(SsoCheck.id).where(col(SsoCheck.id).in_(ids))).all())
    results = [r for r in execution.results if r.spec.check_id in alive]
    for result in results:  # drift against each check's previous run, before this one is stored
        result.issues.extend(sightings.drift_issues(session, result))
    counts = _counts([r.status for r in results])
    run = SsoRun(started_at=execution.started_at, finished_at=execution.finished_at,
                 actor=actor.name, options=dict(plan.settings), counts=dict(counts))
    session.add(run)
    session.flush()
    assert run.id is not None
    rows: list[dict[str, object]] = []
    for result in results:
        base = {"run_id": run.id, "check_id": result.spec.check_id, "status": result.status,
                "checked_at": result.checked_at, "duration_ms": result.duration_ms}
        if not result.issues:
            rows.append(base | {"code": None, "severity": None, "message": result.summary})
        rows.extend(base | {"code": issue.code, "severity": issue.severity.value,
                            "message": issue.message} for issue in result.issues)
    if rows:
        session.execute(insert(SsoResult), rows)
    sightings.record(session, run.id, results)
    record(session, actor, entity_type="sso_run", entity_key=str(run.id), action="run",
           summary=f"SSO checks: {counts['pass']} pass, {counts['warn']} warn, "
                   f"{counts['fail']} fail of {counts['checks']}",
           after={"options": plan.settings, "counts": counts}, at=execution.finished_at)

    report = CheckReport(name="sso", codes=list(CODES), meta=dict(counts))
    checks: list[CheckOutcome] = []
    for result in results:
        spec = result.spec
        data = {"check_id": spec.check_id, "system": spec.system, "env": spec.env,
                "kind": spec.kind, "url": spec.url}
        report.extend(Finding(code=i.code, severity=i.severity, message=i.message,
                              subject=_subject(spec), data=data) for i in result.issues)
        checks.append({
            "id": spec.check_id, "system": spec.system, "env": spec.env, "kind": spec.kind,
            "url": spec.url, "status": result.status, "summary": result.summary,
            "codes": sorted({i.code for i in result.issues}), "checked_at": result.checked_at,
            "duration_ms": result.duration_ms,
        })
    return RunOutcome(run=_run_document(run), checks=checks, report=report,
                      matrix=build_matrix(checks, now=execution.finished_at))


def _run_document(run: SsoRun) -> RunDocument:
    counts: RunCounts = {"checks": run.counts["checks"], "pass": run.counts["pass"],
                         "warn": run.counts["warn"], "fail": run.counts["fail"]}
    options = cast(RunSettings, run.options)  # stored from the plan's RunSettings
    return {
        "id": run.id, "started_at": run.started_at, "finished_at": run.finished_at,
        "duration_s": round((run.finished_at - run.started_at).total_seconds(), 3),
        "actor": run.actor, "options": options, **counts,
    }


def list_checks(
    session: Session,
    *,
    systems: list[str] | None = None,
    env: str | None = None,
    kind: str | None = None,
) -> list[CheckListing]:
    """The configured checks, each with ``last``: its latest status and time, or None."""
    selected = check_rows(session, systems=systems, env=env, kind=kind)
    latest = latest_rows(session, [check.id for check, _ in selected])
    documents: list[CheckListing] = []
    for check, system_key in selected:
        rows = latest.get(check.id)
        last: LastResult | None = (
            {"status": rows[0].status, "checked_at": rows[0].checked_at} if rows else None)
        documents.append({**check_document(check, system_key), "last": last})
    return documents


def history(session: Session, *, systems: list[str] | None = None, last: int = 10
            ) -> list[RunHistoryEntry]:
    """Past runs, newest first; with ``systems`` only runs that checked them, counted for them."""
    if last < 1:
        raise OptionError("{option} must be at least 1", field="last")
    if not systems:
        runs = session.exec(select(SsoRun).order_by(col(SsoRun.started_at).desc(),
                                                    col(SsoRun.id).desc()).limit(last)).all()
        documents = [_run_document(run) for run in runs]
        codes = _codes(session, [run.id for run in runs if run.id is not None], None)
        return [{**doc, "codes": codes.get(doc["id"] or 0, {})} for doc in documents]
    keys = [s.strip().lower() for s in systems]
    select_checks(session, systems=keys)  # refuses unknown system keys
    of_systems = (select(SsoCheck.id).join(System, col(System.id) == SsoCheck.system_id)
                  .where(col(System.key).in_(keys)))
    run_ids = session.exec(
        select(SsoResult.run_id).where(col(SsoResult.check_id).in_(of_systems))
        .group_by(col(SsoResult.run_id)).order_by(col(SsoResult.run_id).desc()).limit(last)
    ).all()
    outcomes = session.exec(
        select(SsoResult.run_id, SsoResult.check_id, SsoResult.status)
        .where(col(SsoResult.run_id).in_(run_ids), col(SsoResult.check_id).in_(of_systems))
        .distinct()).all()
    statuses: dict[int, list[str]] = {}
    for run_id, _check_id, status in outcomes:
        statuses.setdefault(run_id, []).append(status)
    codes = _codes(session, list(run_ids), keys)
    runs = session.exec(select(SsoRun).where(col(SsoRun.id).in_(run_ids))
                        .order_by(col(SsoRun.started_at).desc(), col(SsoRun.id).desc())).all()
    return [{**_run_document(run), **_counts(statuses.get(run.id or 0, [])),
             "codes": codes.get(run.id or 0, {})} for run in runs]


def _codes(session: Session, run_ids: list[int], systems: list[str] | None
           ) -> dict[int, dict[str, int]]:
    """Run id → {code: number of findings}."""
    query = (select(SsoResult.run_id, SsoResult.code, func.count())
             .where(col(SsoResult.run_id).in_(run_ids), col(SsoResult.code).is_not(None))
             .group_by(col(SsoResult.run_id), col(SsoResult.code)))
    if systems:
        query = query.join(SsoCheck, col(SsoCheck.id) == SsoResult.check_id).join(
            System, col(System.id) == SsoCheck.system_id).where(col(System.key).in_(systems))
    found: dict[int, dict[str, int]] = {}
    for run_id, code, count in session.exec(query):
        found.setdefault(run_id, {})[code or ""] = count
    return {run_id: dict(sorted(codes.items())) for run_id, codes in found.items()}
