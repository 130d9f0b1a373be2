"""Configuring SSO checks: `migctl sso add | list | remove | import`, refusals leave no trace."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.conftest import SAMPLE_DATA, Cli, snapshot

ADMIN = "5c1e3a8b-2f47-4d96-8e0b-7a13c9d2f604"


@pytest.fixture
def city(cli: Cli) -> Cli:
    """The sample city's systems, no SSO checks yet."""
    cli("system", "import", SAMPLE_DATA / "systems.csv")
    return cli


def _add_login(cli: Cli, *extra: str, code: int = 0) -> object:
    return cli("sso", "add", "--system", "raindance", "--env", "admin", "--kind",
               "login-redirect", "--url", "https://raindance.kuusiniemi.fi/login",
               "--expect-idp-host", "login.microsoftonline.com", "--expect-tenant", ADMIN,
               *extra, code=code)


def test_add_list_and_show_the_json_shape(city: Cli) -> None:
    result = _add_login(city, "--max-hops", "4")
    assert result.stdout == ("added SSO check 1: raindance/admin login-redirect "
                             "https://raindance.kuusiniemi.fi/login\n")
    city("sso", "add", "--system", "Entra", "--env", "education", "--kind", "oidc-discovery",
         "--url", "https://login.microsoftonline.com/x/v2.0/.well-known/openid-configuration",
         "--expect-issuer", "https://login.microsoftonline.com/x/v2.0", "--timeout", "2.5")
    listed = city.json("sso", "list")
    assert [c["system"] for c in listed] == ["entra", "raindance"]
    assert listed[1] == {
        "id": 1, "system": "raindance", "env": "admin", "kind": "login-redirect",
        "url": "https://raindance.kuusiniemi.fi/login", "expect_entity_id": None,
        "expect_issuer": None, "expect_idp_host": "login.microsoftonline.com",
        "expect_tenant": ADMIN, "max_hops": 4, "timeout": None, "expect_acs": None, "last": None,
    }
    assert listed[0]["timeout"] == 2.5 and listed[0]["max_hops"] is None
    assert city.json("sso", "list", "--env", "education")[0]["id"] == 2
    table = city("sso", "list").stdout
    assert "never run" in table and "idp_host=login.microsoftonline.com" in table
    events = city.json("log", "--entity", "sso_check")
    assert [e["action"] for e in events] == ["create", "create"]
    assert events[1]["entity_key"] == "raindance/admin/login-redirect"


@pytest.mark.parametrize(("args", "message"), [
    (["--url", "https://u:p@raindance.kuusiniemi.fi/login"],
     "error: --url: URLs with credentials (user:password@) are refused; migctl stores no "
     "credentials\n"),
    (["--url", "https://raindance.kuusiniemi.fi/login?access_token=abc"],
     "error: --url: URLs with credentials are refused: query parameter 'access_token' looks "
     "like a secret; migctl stores no credentials\n"),
    (["--url", "http://raindance.kuusiniemi.fi/login"],
     "error: --url: http://raindance.kuusiniemi.fi/login is not an https URL (SSO endpoints are "
     "checked over TLS only)\n"),
    (["--system", "nosuch"], "error: no system 'nosuch'; `migctl system list` shows the keys\n"),
    (["--system", "kayttoomaisuus", "--env", "education"],
     "error: --env: 'education' is not an environment of kayttoomaisuus (admin); "
     "`migctl system set kayttoomaisuus --env …` adds one\n"),
    (["--expect-issuer", "https://x"],
     "error: --expect-issuer: does not apply to login-redirect checks (they take "
     "expect_idp_host, expect_tenant, max_hops)\n"),
    (["--kind", "oidc-discovery", "--expect-idp-host", ""],
     "error: --expect-issuer: is required for oidc-discovery checks\n"),
    (["--kind", "saml"], "error: --kind: 'saml' is not a kind; use one of saml-idp-metadata, "
                         "saml-sp-metadata, oidc-discovery, login-redirect\n"),
    (["--max-hops", "0"], "error: --max-hops: must be between 1 and 50, not 0\n"),
    (["--timeout", "-1"], "error: --timeout: must be more than 0 and at most 300 seconds\n"),
])
def test_add_refuses_bad_input_and_writes_nothing(city: Cli, args: list[str],
                                                   message: str) -> None:
    before = snapshot(city.db_url)
    base = {"--system": "raindance", "--env": "admin", "--kind": "login-redirect",
            "--url": "https://raindance.kuusiniemi.fi/login",
            "--expect-idp-host": "login.microsoftonline.com"}
    given = dict(zip(args[::2], args[1::2], strict=True))
    merged = base | given
    if merged.get("--expect-idp-host") == "":
        del merged["--expect-idp-host"]
    argv = [part for pair in merged.items() for part in pair]
    result = city("sso", "add", *argv, code=2)
    assert result.stderr == message
    assert snapshot(city.db_url) == before


def test_a_duplicate_check_is_a_conflict(city: Cli) -> None:
    _add_login(city)
    before = snapshot(city.db_url)
    result = _add_login(city, code=2)
    assert result.stderr == ("error: SSO check 1 already checks raindance/admin login-redirect "
                             "https://raindance.kuusiniemi.fi/login\n")
    assert snapshot(city.db_url) == before


def test_remove_by_id_or_by_system(city: Cli) -> None:
    city("sso", "import", SAMPLE_DATA / "sso.toml")
    assert len(city.json("sso", "list")) == 20
    before = snapshot(city.db_url)
    assert city("sso", "remove", "99", code=2).stderr == (
        "error: no SSO check 99; `migctl sso list` shows the IDs\n")
    assert city("sso", "remove", code=2).stderr.startswith("error: say which checks to remove")
    assert city("sso", "remove", "1", "--system", "entra", code=2).stderr == (
        "error: give check IDs or --system/--env/--kind, not both\n")
    assert city("sso", "remove", "--system", "entra", "--kind", "login-redirect",
                code=2).stderr == "error: no SSO checks match; `migctl sso list` shows them\n"
    assert snapshot(city.db_url) == before
    removed = city.json("sso", "remove", "--system", "basware", "--env", "education")
    assert [(c["system"], c["env"]) for c in removed] == [("basware", "education")] * 2
    assert city("sso", "remove", "1").stdout.startswith("removed SSO check 1: entra/admin ")
    assert len(city.json("sso", "list")) == 17
    deletes = [e for e in city.json("log", "--entity", "sso_check") if e["action"] == "delete"]
    assert len(deletes) == 3


def test_removing_a_system_takes_its_checks_along(city: Cli) -> None:
    city("sso", "import", SAMPLE_DATA / "sso.toml")
    city("system", "remove", "opiferus")
    systems = {c["system"] for c in city.json("sso", "list")}
    assert "opiferus" not in systems and len(systems) == 6


# --- import -------------------------------------------------------------------------------


def test_the_sample_file_imports_and_reimporting_changes_nothing(city: Cli) -> None:
    first = city.json("sso", "import", SAMPLE_DATA / "sso.toml")
    assert first == {"file": "sso.toml", "checks": 20, "created": list(range(1, 21)),
                     "updated": [], "unchanged": [], "removed": []}
    checks = city.json("sso", "list")
    assert {(c["system"], c["env"]) for c in checks} >= {("raindance", "admin"),
                                                         ("raindance", "education")}
    reporting = [c for c in checks if c["system"] == "talousraportointi"]
    assert {c["timeout"] for c in reporting} == {20.0}
    assert {c["timeout"] for c in checks if c["system"] == "basware"} == {10.0}
    before = snapshot(city.db_url)
    again = city("sso", "import", SAMPLE_DATA / "sso.toml")
    assert again.stdout == ("imported 20 SSO checks from sso.toml: 0 created, 0 updated, "
                            "20 unchanged\n")
    after = snapshot(city.db_url)
    assert after["sso_check"] == before["sso_check"]
    new_events = [e for e in after["audit_event"] if e not in before["audit_event"]]
    assert [e[6] for e in new_events] == ["import"]  # one import event, no check changed


def _toml(tmp_path: Path, body: str, name: str = "sso.toml") -> Path:
    path = tmp_path / name
    path.write_text(body, encoding="utf-8")
    return path


GOOD = """\
# a comment
[defaults]
timeout = 5
expect_idp_host = "login.microsoftonline.com"

[[check]]
system = "raindance"
env = "admin"
kind = "login-redirect"
url = "https://raindance.kuusiniemi.fi/login"
expect_tenant = "5c1e3a8b"

[[check]]
system = "entra"
env = "admin"
kind = "oidc-discovery"
url = "https://login.microsoftonline.com/5c1e3a8b/v2.0/.well-known/openid-configuration"
expect_issuer = "https://login.microsoftonline.com/5c1e3a8b/v2.0"
"""


def test_defaults_apply_only_where_the_kind_takes_them(city: Cli, tmp_path: Path) -> None:
    city("sso", "import", _toml(tmp_path, GOOD))
    by_kind = {c["kind"]: c for c in city.json("sso", "list")}
    login, oidc = by_kind["login-redirect"], by_kind["oidc-discovery"]
    assert login["expect_idp_host"] == "login.microsoftonline.com" and login["timeout"] == 5
    assert oidc["expect_idp_host"] is None and oidc["timeout"] == 5


def test_an_edited_file_updates_in_place_and_prune_removes(city: Cli, tmp_path: Path) -> None:
    city("sso", "import", _toml(tmp_path, GOOD))
    edited = GOOD.replace('expect_tenant = "5c1e3a8b"', 'expect_tenant = "a9d04f6e"')
    edited = edited.split("[[check]]\nsystem = \"entra\"")[0]
    summary = city.json("sso", "import", _toml(tmp_path, edited), "--prune")
    assert summary["updated"] == [1] and summary["removed"] == [2]
    (only,) = city.json("sso", "list")
    assert only["expect_tenant"] == "a9d04f6e"
    (update,) = [e for e in city.json("log", "--entity", "sso_check") if e["action"] == "update"]
    assert update["before"] == {"expect_tenant": "5c1e3a8b"}
    assert update["after"] == {"expect_tenant": "a9d04f6e"}


@pytest.mark.parametrize(("edit", "message"), [
    (lambda t: t.replace('kind = "oidc-discovery"', 'kind = "oidc"'),
     "bad.toml:16:kind: check 2: 'oidc' is not a kind; use one of saml-idp-metadata, "
     "saml-sp-metadata, oidc-discovery, login-redirect"),
    (lambda t: t.replace('expect_issuer = "https://login.microsoftonline.com/5c1e3a8b/v2.0"\n',
                         ""),
     "bad.toml:13:expect_issuer: check 2: is required for oidc-discovery checks"),
    (lambda t: t.replace('expect_tenant = "5c1e3a8b"', 'expect_tenant = "x"\nexpect_isuer = "y"'),
     "bad.toml:12:expect_isuer: check 1: unknown field; a check has system, env, kind, url, "
     "expect_entity_id, expect_issuer, expect_idp_host, expect_tenant, max_hops, timeout, "
     "expect_acs"),
    (lambda t: t.replace("https://raindance.kuusiniemi.fi/login",
                         "https://svc:hunter2@raindance.kuusiniemi.fi/login"),
     "bad.toml:10:url: check 1: URLs with credentials (user:password@) are refused; migctl "
     "stores no credentials"),
    (lambda t: t.replace('system = "entra"', 'system = "nosuch"'),
     "bad.toml:13:system: check 2: no system 'nosuch'; `migctl system list` shows the keys"),
    (lambda t: t.replace('system = "entra"\nenv = "admin"', 'system = "entra"\nenv = "edu"'),
     "bad.toml:13:env: check 2: 'edu' is not an environment of entra (admin, education); "
     "`migctl system set entra --env …` adds one"),
    (lambda t: t.replace("timeout = 5", "timeout = 0"),
     "bad.toml:3:timeout: check 1: must be more than 0 and at most 300 seconds"),
    (lambda t: t.replace("timeout = 5", "timeout = 5\nenv = \"admin\""),
     "bad.toml:4:env: 'env' cannot have a default; [defaults] takes timeout, max_hops, "
     "expect_idp_host"),
    (lambda t: t + "\n" + t.split("\n\n", 1)[1].split("[[check]]\nsystem = \"entra\"")[0],
     "bad.toml:20:url: check 3 repeats check 1 (same system, env, kind and url)"),
    (lambda t: t.replace('env = "admin"\nkind = "login', 'env = admin\nkind = "login'),
     "bad.toml:8:7: not valid TOML: Invalid value"),
    (lambda t: t + "\n[extra]\nx = 1\n",
     "bad.toml:20:extra: unknown key 'extra'; the file holds [defaults] and [[check]] tables"),
    (lambda t: "[defaults]\ntimeout = 5\n", "bad.toml: no [[check]] tables in the file"),
])
def test_import_errors_name_file_line_and_field(city: Cli, tmp_path: Path, edit: object,
                                                message: str) -> None:
    assert callable(edit)
    path = _toml(tmp_path, edit(GOOD), "bad.toml")
    city("sso", "add", "--system", "basware", "--env", "admin", "--kind", "saml-sp-metadata",
         "--url", "https://kuusiniemi.basware.com/sso/saml2/metadata/admin",
         "--expect-entity-id", "https://kuusiniemi.basware.com/sso/saml2/admin")
    before = snapshot(city.db_url)
    result = city("sso", "import", path, "--prune", code=2)
    assert result.stderr == f"error: {message}\n"
    assert snapshot(city.db_url) == before


def test_import_refuses_missing_and_non_utf8_files(city: Cli, tmp_path: Path) -> None:
    assert city("sso", "import", tmp_path / "none.toml", code=2).stderr == (
        f"error: {tmp_path / 'none.toml'}: no such file\n")
    latin = tmp_path / "latin.toml"
    latin.write_bytes('[[check]]\nsystem = "käyttö"\n'.encode("cp1252"))
    assert city("sso", "import", latin, code=2).stderr == (
        "error: latin.toml: not UTF-8 text (byte 21)\n")
