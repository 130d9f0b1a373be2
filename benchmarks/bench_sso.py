"""SSO checks: 200 checks against a local HTTPS server whose every answer takes 200 ms.

The issue's target: with the default concurrency the whole run takes under 2 s. The server
(from ``tests/sso_server.py``, with a throw-away CA) runs in a thread of the benchmark process
for as long as the cases need it; the checks mix all four kinds (an OIDC check makes two
requests: discovery and JWKS).
"""

from __future__ import annotations

import subprocess
from datetime import UTC, datetime, timedelta
from pathlib import Path

from benchmarks import stores
from benchmarks.harness import Case, migctl
from tests.sso_documents import cert_element, discovery, idp_metadata, jwks, sp_metadata
from tests.sso_server import Answer, HttpsServer, Pki, self_signed

CHECKS = 200
DELAY_S = 0.2
TENANT = "5c1e3a8b-2f47-4d96-8e0b-7a13c9d2f604"
KINDS = ("login-redirect", "saml-idp-metadata", "saml-sp-metadata", "oidc-discovery")

_server: HttpsServer | None = None
_pki: Pki | None = None


def _start(workdir: Path) -> tuple[HttpsServer, Pki]:
    """One slow server per benchmark process (the port changes between processes)."""
    global _server, _pki
    if _server is not None and _pki is not None:
        return _server, _pki
    pki = Pki(workdir / "pki")
    server = HttpsServer(*pki.leaf("bench"))
    now = datetime.now(UTC)
    signing = cert_element(self_signed("bench idp", not_before=now - timedelta(days=1),
                                       not_after=now + timedelta(days=400)))
    idp = f"https://localhost:{server.port}/{TENANT}/oauth2/authorize"
    answers = {
        "login": Answer(302, headers={"Location": idp}, delay_s=DELAY_S),
        "idp": Answer(200, idp_metadata("urn:bench:idp", [signing]), delay_s=DELAY_S),
        "sp": Answer(200, sp_metadata("urn:bench:sp", ["https://127.0.0.1/acs"]),
                     delay_s=DELAY_S),
        "oidc": Answer(200, discovery("https://bench/v2.0", server.url("/keys/x")),
                       delay_s=DELAY_S),
        "keys": Answer(200, jwks(1), delay_s=DELAY_S),
    }
    server.routes.clear()
    server._server.default = lambda path: answers.get(path.split("/")[1], Answer(404))
    _server, _pki = server.start(), pki
    return server, pki


def _config(server: HttpsServer) -> str:
    parts = ['[defaults]\ntimeout = 10\nexpect_idp_host = "localhost"\n']
    for number in range(CHECKS):
        kind = KINDS[number % len(KINDS)]
        fields = {
            "login-redirect": ("login", f'expect_tenant = "{TENANT}"'),
            "saml-idp-metadata": ("idp", 'expect_entity_id = "urn:bench:idp"'),
            "saml-sp-metadata": ("sp", 'expect_entity_id = "urn:bench:sp"'),
            "oidc-discovery": ("oidc", 'expect_issuer = "https://bench/v2.0"'),
        }[kind]
        parts.append(f'[[check]]\nsystem = "app"\nenv = "admin"\nkind = "{kind}"\n'
                     f'url = "{server.url(f"/{fields[0]}/{number}")}"\n{fields[1]}\n')
    return "\n".join(parts)


def _setup(workdir: Path) -> None:
    """A new store per benchmark process: its checks name this process's server port."""
    server, _pki = _start(workdir)
    config = workdir / "bench.toml"
    config.write_text(_config(server), encoding="utf-8")

    def make(db: str) -> None:
        for argv in (["init"], ["system", "add", "app", "--name", "App", "--role", "target",
                                "--env", "admin"], ["sso", "import", str(config)]):
            subprocess.run([migctl(), "--db", db, *argv], check=True, capture_output=True)

    stores.build(workdir, "sso", make, stamp=f"port {server.port}")


def _command(workdir: Path) -> list[str]:
    assert _pki is not None
    return [migctl(), "--db", stores.store(workdir, "sso"), "sso", "check", "--ca-bundle",
            str(_pki.ca_file), "-f", "json"]


def _in_process(workdir: Path) -> None:
    from migctl.services.sso.probe import run_probes
    from migctl.services.sso.spec import ProbeOptions, ProbeSpec

    server, pki = _start(workdir)
    specs = [ProbeSpec(check_id=n, system="app", env="admin", kind="login-redirect",
                       url=server.url(f"/login/{n}"), expect_idp_host="localhost",
                       expect_tenant=TENANT) for n in range(CHECKS)]
    results = run_probes(specs, ProbeOptions(now=datetime.now(UTC), ca_bundle=pki.ca_file))
    failed = [r for r in results if r.status != "pass"]
    if failed:
        raise RuntimeError(f"{len(failed)} checks did not pass: {failed[0].issues}")


CASES = [
    Case("sso check: 200 checks, 200 ms per answer, default concurrency", "sso",
         setup=_setup, command=_command, target_s=2.0, repeat=5,
         note="4 kinds mixed (250 requests); includes start-up and storing the results"),
    Case("probe engine only: 200 login-redirect checks, 200 ms per answer", "sso",
         call=_in_process, repeat=5,
         note="reference: in-process, no start-up, no store; 2 waves of 100 = 0.4 s floor",
         engine_free=True),
]
