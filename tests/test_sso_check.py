"""`migctl sso check | history` and the status section, against a real local HTTPS server."""

from __future__ import annotations

import json
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path
from xml.etree import ElementTree as ET
from zoneinfo import ZoneInfo

import pytest

from tests.conftest import SAMPLE_DATA, Cli, snapshot
from tests.sso_documents import cert_element, discovery, idp_metadata, jwks
from tests.sso_server import Answer, HttpsServer, Pki, self_signed

ADMIN = "5c1e3a8b-2f47-4d96-8e0b-7a13c9d2f604"
EDU = "a9d04f6e-71b3-4c28-95ea-e2b7f3186c0d"


@dataclass
class Site:
    pki: Pki
    good: HttpsServer
    soon: HttpsServer


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Site]:
    """An "application" that sends both environments' logins to the admin tenant (a bug the
    education check must catch), an IdP's metadata and discovery, and a host whose TLS
    certificate expires in ten days."""
    pki = Pki(tmp_path_factory.mktemp("pki"))
    good = HttpsServer(*pki.leaf("good")).start()
    soon = HttpsServer(*pki.leaf("soon", valid_days=10)).start()
    now = datetime.now(UTC)
    signing = cert_element(self_signed("idp", not_before=now - timedelta(days=1),
                                       not_after=now + timedelta(days=400)))
    idp = f"https://localhost:{good.port}/{ADMIN}/oauth2/authorize?client_id=app"
    good.routes.update({
        "/login": Answer(302, headers={"Location": "/saml/start"}),
        "/saml/start": Answer(302, headers={"Location": idp}),
        "/federationmetadata.xml": Answer(200, idp_metadata(
            f"https://sts.windows.net/{ADMIN}/", [signing])),
        "/v2.0/.well-known/openid-configuration": Answer(200, discovery(
            f"https://login.example/{ADMIN}/v2.0", good.url("/keys"))),
        "/keys": Answer(200, jwks(1)),
    })
    soon.routes["/login"] = Answer(302, headers={"Location": idp})
    try:
        yield Site(pki, good, soon)
    finally:
        good.stop()
        soon.stop()


def _config(site: Site, tmp_path: Path) -> Path:
    g = site.good.url
    path = tmp_path / "sso.toml"
    path.write_text(f"""\
[defaults]
timeout = 5
expect_idp_host = "localhost"

[[check]]
system = "raindance"
env = "admin"
kind = "login-redirect"
url = "{g('/login')}"
expect_tenant = "{ADMIN}"

[[check]]
system = "raindance"
env = "education"
kind = "login-redirect"
url = "{g('/login')}"
expect_tenant = "{EDU}"

[[check]]
system = "raindance"
env = "admin"
kind = "saml-idp-metadata"
url = "{g('/federationmetadata.xml')}"
expect_entity_id = "https://sts.windows.net/{ADMIN}/"
expect_tenant = "{ADMIN}"

[[check]]
system = "entra"
env = "admin"
kind = "oidc-discovery"
url = "{g('/v2.0/.well-known/openid-configuration')}"
expect_issuer = "https://login.example/{ADMIN}/v2.0"
""", encoding="utf-8")
    return path


@pytest.fixture
def city(cli: Cli, site: Site, tmp_path: Path) -> Cli:
    cli("system", "import", SAMPLE_DATA / "systems.csv")
    cli("sso", "import", _config(site, tmp_path))
    return cli


def test_a_run_prints_the_matrix_and_findings_and_fails(city: Cli, site: Site) -> None:
    result = city("sso", "check", "--ca-bundle", site.pki.ca_file, code=1)
    lines = result.stdout.splitlines()
    raindance = next(line for line in lines if line.lstrip().startswith("raindance"))
    assert raindance.split()[1:3] == ["pass", "·"]  # admin: both checks pass
    assert "fail" in raindance.split("·")[1]  # education: the login lands in the admin tenant
    entra = next(line for line in lines if line.lstrip().startswith("entra"))
    assert "pass" in entra and "–" in entra  # entra has no education check here
    finding = next(line for line in lines if line.startswith("S030"))
    assert "raindance/education login-redirect" in finding
    assert f"tenant '{EDU}' is not in the IdP URL" in finding
    assert lines[-1].startswith("run 1: 4 checks in ")
    assert lines[-1].endswith(": 3 pass, 0 warn, 1 fail")
    assert result.stderr == ""  # no progress bar off a terminal


def test_json_junit_and_github_formats(city: Cli, site: Site, tmp_path: Path) -> None:
    ca = site.pki.ca_file
    document = city.json("sso", "check", "--ca-bundle", ca, code=1)
    assert list(document) == ["run", "environments", "matrix", "checks", "summary",
                              "findings"]
    assert document["summary"] == {"errors": 1, "warnings": 0, "checks": 4, "pass": 3,
                                   "warn": 0, "fail": 1}
    run = document["run"]
    assert {"id", "started_at", "finished_at", "duration_s", "actor", "options"} <= set(run)
    assert run["actor"] == "tester" and run["options"]["ca_bundle"] == str(ca)
    assert document["environments"] == ["admin", "education"]
    assert [(c["system"], c["env"], c["status"]) for c in document["matrix"]] == [
        ("entra", "admin", "pass"), ("raindance", "admin", "pass"),
        ("raindance", "education", "fail")]
    (finding,) = document["findings"]
    assert finding["code"] == "S030" and finding["subject"] == "raindance/education " \
                                                                "login-redirect"
    assert finding["env"] == "education" and finding["url"].endswith("/login")
    statuses = {(c["system"], c["env"], c["kind"]): c["status"] for c in document["checks"]}
    assert statuses[("entra", "admin", "oidc-discovery")] == "pass"

    junit = tmp_path / "sso.xml"
    city("sso", "check", "--ca-bundle", ca, "-f", "junit", "-o", junit, code=1)
    suite = ET.parse(junit).getroot().find("testsuite")
    assert suite is not None and suite.get("failures") == "1"
    failed = [case.get("name") for case in suite if case.find("failure") is not None]
    assert failed == ["S030 login redirect does not reach the expected IdP host/tenant"]

    github = city("sso", "check", "--ca-bundle", ca, "-f", "github", code=1).stdout
    assert github.startswith("::error title=S030::reached localhost after 2 redirect(s)")


def test_results_are_stored_with_time_and_duration(city: Cli, site: Site) -> None:
    city("sso", "check", "--ca-bundle", site.pki.ca_file, code=1)
    city("sso", "check", "--ca-bundle", site.pki.ca_file, "--system", "entra")
    rows = snapshot(city.db_url)["sso_result"]
    assert len(rows) == 5  # 4 checks in run 1 (one row each), 1 in run 2
    listed = {c["id"]: c for c in city.json("sso", "list")}
    assert listed[2]["last"]["status"] == "fail" and listed[4]["last"]["status"] == "pass"
    history = city.json("sso", "history")
    assert [(h["id"], h["checks"], h["pass"], h["fail"]) for h in history] == [
        (2, 1, 1, 0), (1, 4, 3, 1)]
    assert history[1]["codes"] == {"S030": 1} and history[0]["codes"] == {}
    assert history[0]["options"]["systems"] == ["entra"]
    only_raindance = city.json("sso", "history", "--system", "raindance")
    assert [(h["id"], h["checks"], h["fail"]) for h in only_raindance] == [(1, 3, 1)]
    assert len(city.json("sso", "history", "--last", "1")) == 1
    table = city("sso", "history").stdout
    assert "S030" in table and "tester" in table
    (event,) = [e for e in city.json("log", "--entity", "sso_run") if e["entity_key"] == "1"]
    assert event["summary"] == "SSO checks: 3 pass, 0 warn, 1 fail of 4"


def test_the_latest_result_of_each_check_is_what_counts(city: Cli, site: Site) -> None:
    from migctl.services.sso.read import latest_results
    from migctl.store.engine import make_engine, session_scope

    city("sso", "check", "--ca-bundle", site.pki.ca_file, "--env", "education", code=1)
    site.good.routes["/login-edu"] = Answer(302, headers={
        "Location": f"https://localhost:{site.good.port}/{EDU}/oauth2/authorize"})
    (education,) = city.json("sso", "list", "--env", "education")
    city("sso", "remove", str(education["id"]))
    city("sso", "add", "--system", "raindance", "--env", "education", "--kind",
         "login-redirect", "--url", site.good.url("/login-edu"), "--expect-idp-host",
         "localhost", "--expect-tenant", EDU)
    city("sso", "check", "--ca-bundle", site.pki.ca_file, "--system", "raindance")
    with session_scope(make_engine(city.db_url)) as session:
        latest = latest_results(session, systems=["raindance"])
        never = latest_results(session, systems=["entra"])
    assert [item["status"] for item in latest] == ["pass", "pass", "pass"]
    assert all(item["run_id"] == 2 and item["findings"] == [] for item in latest)
    assert never[0]["status"] == "never" and never[0]["checked_at"] is None


def test_expiring_certificates_warn_unless_strict(cli: Cli, site: Site) -> None:
    cli("system", "add", "app", "--name", "App", "--role", "target", "--env", "admin")
    cli("sso", "add", "--system", "app", "--env", "admin", "--kind", "login-redirect",
        "--url", site.soon.url("/login"), "--expect-idp-host", "localhost")
    ca = site.pki.ca_file
    result = cli("sso", "check", "--ca-bundle", ca)
    assert "S003" in result.stdout and "warning" in result.stdout and "warn" in result.stdout
    cli("sso", "check", "--ca-bundle", ca, "--warn-days", "5")  # 10 days left: fine
    assert cli.json("sso", "history", "--last", "1")[0]["pass"] == 1
    cli("sso", "check", "--ca-bundle", ca, "--strict", code=1)


def test_an_unknown_ca_fails_with_a_hint_and_nothing_switches_verification_off(
        city: Cli) -> None:
    document = city.json("sso", "check", "--system", "entra", code=1)
    (finding,) = document["findings"]
    assert finding["code"] == "S003"
    assert "an internal CA needs --ca-bundle" in finding["message"]
    help_text = city("sso", "check", "--help").stdout
    assert "--insecure" not in help_text and "--no-verify" not in help_text


@pytest.mark.parametrize(("args", "message"), [
    (["--ca-bundle", "/nonexistent/ca.pem"], "error: --ca-bundle /nonexistent/ca.pem: no such "
                                             "file\n"),
    (["--concurrency", "0"], "error: --concurrency must be between 1 and 500\n"),
    (["--timeout", "0"], "error: --timeout must be more than 0 and at most 300 seconds\n"),
    (["--system", "nosuch"], "error: no system 'nosuch'; `migctl system list` shows the keys\n"),
    (["--system", "basware"], "error: no SSO checks match; add them with `migctl sso add` or "
                              "`migctl sso import FILE.toml`\n"),
    (["--kind", "ldap"], "error: --kind: 'ldap' is not a kind; use one of saml-idp-metadata, "
                         "saml-sp-metadata, oidc-discovery, login-redirect\n"),
])
def test_bad_check_options_exit_2_and_store_nothing(city: Cli, args: list[str],
                                                    message: str) -> None:
    before = snapshot(city.db_url)
    assert city("sso", "check", *args, code=2).stderr == message
    assert snapshot(city.db_url) == before


def test_status_shows_the_matrix_and_raises_signals(city: Cli, site: Site) -> None:
    today = datetime.now(ZoneInfo("Europe/Helsinki")).date()  # the programme's day, not UTC's
    soon = (today + timedelta(days=7)).isoformat()
    city("system", "set", "raindance", "--go-live", soon)
    city("system", "set", "entra", "--go-live", soon, "--status", "in_progress")
    before = city.json("status")["sections"]["sso"]
    assert before["counts"] == {"checks": 4, "pass": 0, "warn": 0, "fail": 0, "never": 4}
    assert before["last_run"] is None
    assert [(s["level"], s["system"]) for s in before["signals"]] == [
        ("amber", "entra"), ("amber", "raindance")]
    assert "never run or older than 24 h, go-live in 7 d" in before["signals"][0]["reason"]

    city("sso", "check", "--ca-bundle", site.pki.ca_file, code=1)
    section = city.json("status")["sections"]["sso"]
    assert list(section) == ["counts", "last_run", "environments", "matrix", "pass_rate",
                             "problems", "expiries", "signals"]
    assert section["counts"] == {"checks": 4, "pass": 3, "warn": 0, "fail": 1, "never": 0}
    assert section["pass_rate"] == {"admin": 100.0, "education": 0.0}
    assert section["last_run"]["age_minutes"] == 0 and section["last_run"]["fail"] == 1
    assert [(s["level"], s["system"]) for s in section["signals"]] == [("red", "raindance")]
    assert section["signals"][0]["reason"] == ("SSO check failing: education login-redirect "
                                               "(S030)")
    cells = {(c["system"], c["env"]): c for c in section["matrix"]}
    assert cells[("raindance", "education")]["status"] == "fail"
    assert cells[("raindance", "admin")] | {"checked_at": None} == {
        "system": "raindance", "env": "admin", "status": "pass", "checks": 2, "pass": 2,
        "warn": 0, "fail": 0, "never": 0, "checked_at": None, "age_minutes": 0}
    assert section["problems"][0]["codes"] == ["S030"]

    later = (datetime.now(UTC) + timedelta(days=2)).isoformat(timespec="seconds")
    stale = city.json("status", "--as-of", later)["sections"]["sso"]
    assert ("amber", "entra") in [(s["level"], s["system"]) for s in stale["signals"]]
    assert stale["matrix"][0]["age_minutes"] >= 2 * 1440 - 2

    screen = city("status").stdout
    assert "SSO  4 checks: 3 pass, 0 warn, 1 fail, 0 never run   last run just now" in screen
    assert "fail raindance/education login-redirect S030: reached localhost" in screen


def test_the_demo_loads_the_sample_checks_and_records_two_runs(bare_cli: Cli) -> None:
    bare_cli("demo")
    section = bare_cli.json("status")["sections"]["sso"]
    # issue 17: no "never" beside a 100 % KPI; the education roll-over warns (issue 22)
    assert section["counts"] == {"checks": 20, "pass": 18, "warn": 2, "fail": 0, "never": 0}
    assert section["environments"] == ["admin", "education"]
    assert len(section["matrix"]) == 14  # 7 systems × both environments
    assert "never" not in {cell["status"] for cell in section["matrix"]}
    assert section["pass_rate"] == {"admin": 100.0, "education": 100.0}
    assert "never run: `migctl sso check`" not in bare_cli("status").stdout
    assert json.loads(bare_cli("sso", "list", "-f", "json").stdout)[0]["last"] is not None
