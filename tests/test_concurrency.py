"""Eight processes on one store at once: no lost update, no duplicate, no "database is locked".

Three processes walk their own tasks through start → done and all race for one shared task;
three import versions of the same mapping set; two run SSO checks against a real local HTTPS
server and record the results. Runs on SQLite and, in CI, on PostgreSQL.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import text

from migctl.store.engine import make_engine
from tests.conftest import REPO, Cli
from tests.sso_documents import discovery, jwks
from tests.sso_server import Answer, HttpsServer, Pki

TASK_WORKERS = 3
TASKS_EACH = 6
IMPORT_WORKERS = 3
IMPORTS_EACH = 2
SSO_WORKERS = 2
SSO_CHECKS = 4


@pytest.fixture
def idp(tmp_path: Path) -> Iterator[tuple[HttpsServer, Pki]]:
    pki = Pki(tmp_path / "pki")
    server = HttpsServer(*pki.leaf("idp")).start()
    server.routes.update({
        "/.well-known/openid-configuration": Answer(200, discovery(
            "https://idp.example/tenant/v2.0", server.url("/keys"))),
        "/keys": Answer(200, jwks(1), delay_s=0.05),
    })
    try:
        yield server, pki
    finally:
        server.stop()


def _prepare(cli: Cli, tmp_path: Path, server: HttpsServer) -> Path:
    """Systems, a runbook with an active run, SSO checks, and the mapping files to import."""
    cli("system", "add", "raindance", "--name", "Raindance", "--role", "target",
        "--env", "admin,education")
    tasks = tmp_path / "runbook.csv"
    lines = ["key;title;workstream;owner;duration"]
    lines += [f"T{w}-{i};Task {w}.{i};W{w};Owner {w};30m"
              for w in range(TASK_WORKERS) for i in range(TASKS_EACH)]
    lines.append("SHARED;Everybody wants this one;W0;Owner;30m")
    tasks.write_text("\n".join(lines) + "\n", encoding="utf-8")
    cli("task", "import", tasks)
    cli("cutover", "run", "start", "production")
    for n in range(SSO_CHECKS):
        cli("sso", "add", "--system", "raindance", "--env", ("admin", "education")[n % 2],
            "--kind", "oidc-discovery",
            "--url", server.url(f"/.well-known/openid-configuration?n={n}"),
            "--expect-issuer", "https://idp.example/tenant/v2.0")
    for n in range(IMPORT_WORKERS * IMPORTS_EACH):  # different files: each is a new version
        (tmp_path / f"mapping{n}.csv").write_text("source_account;target_account\n" + "".join(
            f"{4000 + i};{400000 + i + n}\n" for i in range(300)), encoding="utf-8")
    return tmp_path


def test_eight_processes_at_once(cli: Cli, tmp_path: Path, idp: tuple[HttpsServer, Pki]
                                 ) -> None:
    server, pki = idp
    files = _prepare(cli, tmp_path, server)
    db = ["--db", cli.db_url]
    plans: list[list[list[str]]] = []
    for w in range(TASK_WORKERS):
        commands = [[*db, "task", "start", "SHARED"]]
        for i in range(TASKS_EACH):
            commands += [[*db, "task", "start", f"T{w}-{i}"], [*db, "task", "done", f"T{w}-{i}"]]
        plans.append(commands)
    plans += [[[*db, "mapping", "import", str(files / f"mapping{w * IMPORTS_EACH + i}.csv"),
                "--set", "raced"] for i in range(IMPORTS_EACH)] for w in range(IMPORT_WORKERS)]
    plans += [[[*db, "sso", "check", "--ca-bundle", str(pki.ca_file), "-f", "json"]]
              for _ in range(SSO_WORKERS)]
    assert len(plans) == 8

    go = tmp_path / "go"
    env = {**os.environ, "MIGCTL_ACTOR": "racer",
           "PYTHONPATH": os.pathsep.join((str(REPO / "src"), str(REPO)))}
    env.pop("MIGCTL_DB", None)
    processes = []
    for n, plan in enumerate(plans):
        (tmp_path / f"plan{n}.json").write_text(json.dumps(plan))
        processes.append(subprocess.Popen(
            [sys.executable, "-m", "tests.concurrency_worker", str(tmp_path / f"plan{n}.json"),
             str(go), str(tmp_path / f"result{n}.json")], env=env, cwd=REPO))
    go.touch()
    for process in processes:
        assert process.wait(timeout=240) == 0
    results = [r for n in range(8)
               for r in json.loads((tmp_path / f"result{n}.json").read_text())]

    for result in results:
        output = result["stdout"] + result["stderr"]
        assert result["exception"] is None, result
        assert "locked" not in output and "Traceback" not in output, result
    shared = [r for r in results if r["argv"][-1] == "SHARED"]
    assert sorted(r["code"] for r in shared) == [0] + [2] * (TASK_WORKERS - 1)
    for refused in (r for r in shared if r["code"] == 2):
        assert refused["stderr"].startswith("error: ") and refused["stderr"].count("\n") == 1
    others = [r for r in results if r["argv"][-1] != "SHARED"]
    assert all(r["code"] == 0 for r in others), [r for r in others if r["code"] != 0]

    # No lost update: every task's transitions are there, each recorded once.
    tasks = {t["key"]: t for t in cli.json("task", "list")}
    for w in range(TASK_WORKERS):
        for i in range(TASKS_EACH):
            assert tasks[f"T{w}-{i}"]["status"] == "done"
    assert tasks["SHARED"]["status"] == "in_progress"
    engine = make_engine(cli.db_url)
    with engine.connect() as connection:
        transitions = connection.execute(text(
            "SELECT entity_key, action, COUNT(*) FROM audit_event WHERE actor = 'racer' "
            "AND entity_type = 'task' GROUP BY entity_key, action")).all()
        versions = sorted(v for (v,) in connection.execute(text(
            "SELECT version FROM mapping_set WHERE name = 'raced'")))
        rule_counts = {c for (c,) in connection.execute(text(
            "SELECT COUNT(*) FROM mapping_rule r JOIN mapping_set s ON s.id = r.set_id "
            "WHERE s.name = 'raced' GROUP BY s.id"))}
        runs = connection.execute(text("SELECT COUNT(*) FROM sso_run")).scalar()
        results_per_run = {c for (c,) in connection.execute(text(
            "SELECT COUNT(DISTINCT check_id) FROM sso_result GROUP BY run_id"))}
    per_task = {}
    for key, _action, count in transitions:
        per_task[key] = per_task.get(key, 0) + count
    assert all(per_task[f"T{w}-{i}"] == 2 for w in range(TASK_WORKERS)
               for i in range(TASKS_EACH)), per_task
    assert per_task["SHARED"] == 1
    # No duplicate: the six imports made versions 1..6, each with all its rules.
    assert versions == list(range(1, IMPORT_WORKERS * IMPORTS_EACH + 1))
    assert rule_counts == {300}
    assert runs == SSO_WORKERS and results_per_run == {SSO_CHECKS}
