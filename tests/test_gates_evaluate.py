"""Each gate criterion passing and failing on a constructed store, with its evidence."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.conftest import Cli, write_csv
from tests.gates_data import check, city, only
from tests.mapping_data import CLEAN_RULES, mapping_csv, setup_reference
from tests.sso_server import Answer, HttpsServer, Pki

ADMIN = "5c1e3a8b-2f47-4d96-8e0b-7a13c9d2f604"
EDU = "a9d04f6e-71b3-4c28-95ea-e2b7f3186c0d"


def _require(cli: Cli, *specs: str) -> None:
    cli("task", "criteria", "add", "G1", *[a for s in specs for a in ("-r", s)])


# --- mapping-valid ----------------------------------------------------------------------------

def test_mapping_valid_reads_the_latest_validation_of_the_current_version(
        cli: Cli, tmp_path: Path) -> None:
    city(cli, tmp_path)
    setup_reference(cli, tmp_path)
    cli("mapping", "import", mapping_csv(tmp_path), "--set", "m")
    _require(cli, "mapping-valid:m")
    result = only(check(cli, code=1))
    assert result["passed"] is False
    assert result["message"] == "m@1 (the current version) has not been validated"

    cli("mapping", "validate", "--set", "m")
    document = check(cli, code=0)
    result = only(document)
    assert document["passed"] is True and document["state"] == "pass"
    assert result["passed"] is True and result["kind"] == "mapping-valid"
    evidence = result["evidence"]
    assert evidence["set"] == "m" and evidence["version"] == 1
    assert evidence["validation_run"] == 1 and evidence["errors"] == 0
    assert evidence["coverage"] == 100.0 and evidence["error_codes"] == {}
    assert result["message"].startswith("validation 1 of m@1 at ")
    assert result["message"].endswith(": no errors, 0 warning(s)")

    # Version 2 targets an account that does not exist: until it is validated the gate fails,
    # and the validation then fails it with the codes it found.
    broken = CLEAN_RULES.replace("1000;;100000", "1000;;999999")
    cli("mapping", "import", mapping_csv(tmp_path, broken, "v2.csv"), "--set", "m")
    assert only(check(cli, code=1))["message"] == \
        "m@2 (the current version) has not been validated"
    cli("mapping", "validate", "--set", "m", code=1)
    result = only(check(cli, code=1))
    assert result["evidence"]["validation_run"] == 2 and result["evidence"]["version"] == 2
    assert result["evidence"]["errors"] == 1 and result["evidence"]["error_codes"] == {"M002": 1}
    assert result["message"].endswith("found 1 error(s) (M002)")


# --- reconciled -------------------------------------------------------------------------------

LEDGER = "account;cost_centre;period;amount\n1000;;2025-12;100,00\n2000;;2025-12;-250,00\n" \
         "4020;;2025-12;150,00\n"


def test_reconciled_reads_the_latest_translation_of_the_current_version(
        cli: Cli, tmp_path: Path) -> None:
    city(cli, tmp_path)
    setup_reference(cli, tmp_path)
    cli("mapping", "import", mapping_csv(tmp_path), "--set", "m")
    _require(cli, "reconciled:m")
    assert only(check(cli, code=1))["message"] == \
        "nothing has been translated with m@1 (the current version)"

    cli("mapping", "translate", write_csv(tmp_path / "tb.csv", LEDGER), "--set", "m")
    result = only(check(cli, code=0))
    evidence = result["evidence"]
    assert result["passed"] is True
    assert evidence["translation_run"] == 1 and evidence["input_file"] == "tb.csv"
    assert len(evidence["input_sha256"]) == 64 and evidence["lines"] == 3
    assert evidence["total_before"] == 0.0 and evidence["total_after"] == 0.0
    assert evidence["difference"] == 0.0 and evidence["reconciled"] is True
    assert evidence["coverage_lines_pct"] == 100.0 and evidence["coverage_amount_pct"] == 100.0
    assert result["message"].endswith("3 lines reconciled to the cent, 100 % coverage")

    # 1020 has no rule: the newest translation leaves 10.00 behind, so the gate fails.
    unmapped = LEDGER + "1020;;2025-12;10,00\n2000;;2025-12;-10,00\n"
    cli("mapping", "translate", write_csv(tmp_path / "tb2.csv", unmapped), "--set", "m", code=1)
    result = only(check(cli, code=1))
    evidence = result["evidence"]
    assert evidence["translation_run"] == 2 and evidence["reconciled"] is False
    assert evidence["untranslated_lines"] == 1 and evidence["untranslated_amount"] == 10.0
    assert evidence["difference"] == -10.0
    assert "does not reconcile (difference -10); 1 line(s) untranslated (10)" in \
        result["message"]


# --- sso-pass ---------------------------------------------------------------------------------

@pytest.fixture(scope="module")
def idp(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[Pki, HttpsServer]]:
    """A login that always lands in the admin tenant: admin passes, education fails."""
    pki = Pki(tmp_path_factory.mktemp("pki"))
    server = HttpsServer(*pki.leaf("app")).start()
    server.routes["/login"] = Answer(302, headers={
        "Location": f"https://localhost:{server.port}/{ADMIN}/oauth2/authorize"})
    try:
        yield pki, server
    finally:
        server.stop()


def _sso(cli: Cli, tmp_path: Path, server: HttpsServer) -> None:
    checks = "".join(f"""
[[check]]
system = "raindance"
env = "{env}"
kind = "login-redirect"
url = "{server.url('/login')}"
expect_tenant = "{tenant}"
""" for env, tenant in (("admin", ADMIN), ("education", EDU)))
    path = tmp_path / "sso.toml"
    path.write_text('[defaults]\nexpect_idp_host = "localhost"\ntimeout = 5\n' + checks,
                    encoding="utf-8")
    cli("sso", "import", path)


def test_sso_pass_needs_every_matching_check_passing_and_fresh(
        cli: Cli, tmp_path: Path, idp: tuple[Pki, HttpsServer]) -> None:
    pki, server = idp
    city(cli, tmp_path)
    _sso(cli, tmp_path, server)
    _require(cli, "sso-pass:raindance:admin")
    result = only(check(cli, code=1))
    assert result["message"] == \
        "1 of 1 check(s) not passing: raindance/admin login-redirect never ran"
    assert result["evidence"]["counts"]["never"] == 1

    cli("sso", "check", "--ca-bundle", pki.ca_file, code=1)  # education fails (S030)
    result = only(check(cli, code=0))
    assert result["passed"] is True
    assert result["evidence"]["max_age_minutes"] == 1440
    assert [(c["env"], c["status"], c["stale"]) for c in result["evidence"]["checks"]] == [
        ("admin", "pass", False)]
    assert result["message"].startswith("1 check(s) pass, the oldest result ")

    # A day later the same result is too old, unless --max-age allows it.
    later = "2099-01-01 12:00"
    stale = only(check(cli, "--as-of", later, code=1))
    assert stale["evidence"]["counts"]["stale"] == 1
    assert "raindance/admin login-redirect last ran" in stale["message"]
    assert only(check(cli, "--as-of", later, "--max-age", "99999d", code=0))["passed"]

    cli("task", "criteria", "add", "G1", "-r", "sso-pass:raindance")
    document = check(cli, code=1)
    failing = document["criteria"][1]
    assert failing["spec"] == "sso-pass:raindance" and failing["passed"] is False
    assert failing["message"] == \
        "1 of 2 check(s) not passing: raindance/education login-redirect failed (S030)"
    assert document["counts"] == {"criteria": 2, "passed": 1, "failed": 1}


def test_sso_pass_without_checks_fails(cli: Cli, tmp_path: Path) -> None:
    city(cli, tmp_path)
    _require(cli, "sso-pass:basware")
    result = only(check(cli, code=1))
    assert result["message"] == "no SSO checks for basware; `migctl sso add` or `sso import`"


# --- tasks-done -------------------------------------------------------------------------------

def test_tasks_done_reads_the_run(cli: Cli, tmp_path: Path) -> None:
    city(cli, tmp_path)
    _require(cli, "tasks-done:T1,T2")
    assert only(check(cli, code=1))["message"] == \
        "no cutover run to look at (start one, or name it with --run)"
    cli("cutover", "run", "start", "rehearsal-2", "--at", "31.12.2026 15:00")
    cli("task", "start", "T1", "--at", "31.12.2026 16:00")
    cli("task", "done", "T1", "--at", "31.12.2026 17:00")
    result = only(check(cli, code=1))
    assert result["message"] == "1 of 2 task(s) not done in rehearsal-2: T2 (todo)"
    assert result["evidence"] == {
        "run": "rehearsal-2", "done": 1, "total": 2,
        "tasks": [{"key": "T1", "status": "done", "actual_end": "2026-12-31T15:00:00Z"},
                  {"key": "T2", "status": "todo", "actual_end": None}]}
    cli("task", "skip", "T2")  # skipped counts, as for dependencies
    result = only(check(cli, code=0))
    assert result["message"] == "all 2 task(s) done in rehearsal-2"
    cli("cutover", "run", "finish", "--at", "31.12.2026 18:00")
    assert only(check(cli, "--run", "rehearsal-2", code=0))["passed"]


def test_tasks_done_by_workstream_leaves_the_gate_out(cli: Cli, tmp_path: Path) -> None:
    city(cli, tmp_path)
    cli("task", "set", "G1", "--workstream", "Talous")  # the gate is in the workstream too
    _require(cli, "tasks-done:workstream=talous")
    cli("cutover", "run", "start", "production", "--at", "31.12.2026 15:00")
    for key in ("T1", "T2"):
        cli("task", "done", key, "--force", "--at", "31.12.2026 18:00")
    result = only(check(cli, code=1))
    assert [t["key"] for t in result["evidence"]["tasks"]] == ["T1", "T2", "T3"]
    assert result["message"] == "1 of 3 task(s) not done in production: T3 (todo)"


# --- incidents-below --------------------------------------------------------------------------

def test_incidents_below_counts_open_incidents_at_or_above_a_severity(
        cli: Cli, tmp_path: Path) -> None:
    city(cli, tmp_path)
    _require(cli, "incidents-below:high:2")
    cli("incident", "add", "--severity", "medium", "--title", "Slow report")
    cli("incident", "add", "--severity", "high", "--title", "Ledger will not open")
    result = only(check(cli, code=0))
    assert result["message"] == "1 incident(s) open at high or worse (must be fewer than 2)"
    assert result["evidence"]["counted"] == ["critical", "high"]
    assert result["evidence"]["open"] == 1 and result["evidence"]["limit"] == 2
    cli("incident", "add", "--severity", "critical", "--title", "Payroll down")
    result = only(check(cli, code=1))
    assert result["evidence"]["open"] == 2 and result["passed"] is False
    cli("incident", "close", "INC-003", "--resolution", "Restarted")
    assert only(check(cli, code=0))["passed"]


# --- kpi --------------------------------------------------------------------------------------

def test_kpi_thresholds_read_the_latest_value(cli: Cli, tmp_path: Path) -> None:
    city(cli, tmp_path)
    cli("kpi", "define", "ostolaskut_5pv", "--unit", "%", "--target", "90", "--direction", "up")
    cli("kpi", "define", "palkka_virheet", "--unit", "kpl", "--direction", "down")
    _require(cli, "kpi:ostolaskut_5pv>=90", "kpi:palkka_virheet<=5")
    document = check(cli, code=1)
    assert [c["message"] for c in document["criteria"]] == [
        "ostolaskut_5pv has no value yet (`migctl kpi record` or `kpi snapshot`)",
        "palkka_virheet has no value yet (`migctl kpi record` or `kpi snapshot`)"]

    cli("kpi", "record", "ostolaskut_5pv", "91,5", "--at", "16.11.2026 08:00")
    cli("kpi", "record", "palkka_virheet", "6", "--at", "16.11.2026 08:00")
    first, second = check(cli, "--max-age", "60d", code=1)["criteria"]
    assert first["passed"] is True and second["passed"] is False
    assert first["message"] == "ostolaskut_5pv = 91.5 at 2026-11-16 08:00 (>= 90)"
    assert second["message"] == "palkka_virheet = 6 at 2026-11-16 08:00 (> 5)"
    assert second["evidence"] == {"kpi": "palkka_virheet", "op": "<=", "threshold": 5.0,
                                  "value": 6.0, "at": "2026-11-16T06:00:00Z",
                                  "source": "record", "age_minutes": second["evidence"][
                                      "age_minutes"], "max_age_minutes": 60 * 24 * 60,
                                  "stale": False}

    cli("kpi", "record", "palkka_virheet", "5", "--at", "23.11.2026 08:00")
    cli("kpi", "record", "ostolaskut_5pv", "89,9", "--at", "23.11.2026 08:00")
    first, second = check(cli, "--as-of", "24.11.2026 08:00", code=1)["criteria"]
    assert first["passed"] is False and second["passed"] is True
    assert first["message"] == "ostolaskut_5pv = 89.9 at 2026-11-23 08:00 (< 90)"
    # As of an earlier time, the values known then decide.
    assert check(cli, "--as-of", "20.11.2026 08:00", "--max-age", "7d",
                 code=1)["criteria"][0]["passed"] is True


def test_a_gate_without_criteria_passes_and_says_so(cli: Cli, tmp_path: Path) -> None:
    city(cli, tmp_path)
    document = check(cli, code=0)
    assert document["state"] == "none" and document["criteria"] == []
    assert list(document) == ["gate", "title", "run", "evaluated_at", "max_age_minutes",
                              "state", "passed", "counts", "criteria"]
    assert "no criteria: `migctl task criteria add G1 --require SPEC`" in \
        cli("task", "gate-check", "G1").stdout
    assert "T1 is a task, not a gate" in cli("task", "gate-check", "T1", code=2).stderr
    assert "--max-age" in cli("task", "gate-check", "G1", "--max-age", "soon", code=2).stderr
