"""Recording an identity check: one audited ``identity_run`` row, pseudonyms only."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING

from sqlalchemy import insert, update

from migctl.jsoncodec import to_jsonable
from migctl.services.audit import Actor, record
from migctl.services.identity.documents import CheckDocument, FileDocument
from migctl.services.mapping.files import file_sha256
from migctl.store.db import execute
from migctl.store.tables import IDENTITY_RUN

if TYPE_CHECKING:
    from sqlmodel import Session

    from migctl.services.identity.check import Result
    from migctl.services.pseudonym import Pseudonymiser

#: The marker whose pseudonym tells which key a run was made with (never the key itself).
KEY_MARKER = "migctl identity key check"
#: Findings kept in a stored run's document (every count is kept whatever the limit).
DEFAULT_LIMIT = 1000


def key_check(pseudonym: Pseudonymiser) -> str:
    return pseudonym(KEY_MARKER, "k")


def files_document(files: dict[str, Path]) -> dict[str, FileDocument]:
    """Each input by its role (``roster``, ``directory:admin``…): the path and its sha256."""
    return {role: {"file": str(path), "sha256": file_sha256(path)}
            for role, path in files.items()}


def head(result: Result, *, pseudonym: Pseudonymiser, files: dict[str, Path],
         run_id: int | None = None) -> CheckDocument:
    """The check's JSON head: what was judged, and the coverage figures."""
    return {"check": "identity", "run_id": run_id, "on": result.on.isoformat(),
            "key_check": key_check(pseudonym), "active": dict(result.active),
            "coverage_pct": dict(result.coverage), "system_coverage_pct": dict(result.systems),
            "training_coverage_pct": dict(result.trained), "counts": counts(result),
            "files": files_document(files)}


def counts(result: Result) -> dict[str, int]:
    return {code: len(found) for code, found in result.report.by_code().items()}


def record_run(session: Session, actor: Actor, result: Result, document: CheckDocument, *,
               findings: list[dict[str, object]], started: datetime, now: datetime,
               limit: int = DEFAULT_LIMIT) -> int:
    """Store the run (findings up to ``limit``) with an audit event; fills in and returns
    ``document["run_id"]``."""
    report = result.report
    run_id = execute(session, insert(IDENTITY_RUN).values(
        on_date=result.on, key_check=document["key_check"],
        files=to_jsonable(document["files"]), active=sum(result.active.values()),
        errors=report.errors, warnings=report.warnings, counts=document["counts"],
        active_by_env=dict(result.active),
        coverage={k: str(v) for k, v in result.coverage.items()},
        systems={k: str(v) for k, v in result.systems.items()},
        trained={k: str(v) for k, v in result.trained.items()},
        actor=actor.name, started_at=started, finished_at=now)
    ).inserted_primary_key
    assert run_id is not None
    new_id = document["run_id"] = int(run_id[0])
    stored = {**to_jsonable(document), "findings": to_jsonable(findings[:limit]),
              "findings_total": len(findings)}
    execute(session, update(IDENTITY_RUN).where(IDENTITY_RUN.c.id == new_id)
            .values(report=stored))
    shown = ", ".join(f"{env} {pct} %" for env, pct in result.coverage.items())
    record(session, actor, entity_type="identity_run", entity_key=str(new_id), action="run",
           summary=f"identity check on {result.on.isoformat()}: {shown}; "
                   f"{report.errors} error(s), {report.warnings} warning(s)", at=now)
    return new_id
