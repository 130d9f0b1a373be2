"""sso.toml: the SSO checks per system × environment (Microsoft Entra ID, two tenants)."""

from __future__ import annotations

import tomllib
from collections import defaultdict

from .common import ADMIN_TENANT, EDU_TENANT, Build, Seen, need
from .systems import SSO_SYSTEMS

SSO_KINDS = ("login-redirect", "saml-idp-metadata", "saml-sp-metadata", "oidc-discovery")

TENANT = {"admin": ADMIN_TENANT, "education": EDU_TENANT}
# (system, env, kind, url, extra fields)
def sso_checks():
    A, E = ADMIN_TENANT, EDU_TENANT
    ms = "login.microsoftonline.com"
    checks = []
    for env, t in (("admin", A), ("education", E)):
        checks.append({"system": "entra", "env": env, "kind": "oidc-discovery",
                       "url": f"https://{ms}/{t}/v2.0/.well-known/openid-configuration",
                       "expect_issuer": f"https://{ms}/{t}/v2.0", "expect_tenant": t})
    hosts = {
        "raindance": ("https://raindance.kuusiniemi.fi/login",
                      "https://raindance.edu.kuusiniemi.fi/login"),
        "basware": ("https://kuusiniemi.basware.com/sso/login?realm=admin",
                    "https://kuusiniemi.basware.com/sso/login?realm=edu"),
        "personec_hr": ("https://personec.kuusiniemi.fi/hr/",
                        "https://personec.edu.kuusiniemi.fi/hr/"),
        "opiferus": ("https://kuusiniemi.opiferus.fi/login",
                     "https://kuusiniemi-edu.opiferus.fi/login"),
        "matkalaskut": ("https://matkat.kuusiniemi.fi/",
                        "https://matkat.edu.kuusiniemi.fi/"),
        "talousraportointi": ("https://raportit.kuusiniemi.fi/",
                              "https://raportit.edu.kuusiniemi.fi/"),
    }
    app_ids = {"raindance": {"admin": "0b7f3c2e-5d41-4a8e-9f06-c1e2a7b83d45",
                             "education": "7e2d9a10-3b6c-4f57-8e1d-25f0c4a9b6e3"}}
    for sysk, (ua, ue) in hosts.items():
        for env, url in (("admin", ua), ("education", ue)):
            t = TENANT[env]
            checks.append({"system": sysk, "env": env, "kind": "login-redirect", "url": url,
                           "expect_idp_host": ms, "expect_tenant": t})
            if sysk == "raindance":
                checks.append({
                    "system": sysk, "env": env, "kind": "saml-idp-metadata",
                    "url": f"https://{ms}/{t}/federationmetadata/2007-06/federationmetadata.xml"
                        f"?appid={app_ids['raindance'][env]}",
                    "expect_entity_id": f"https://sts.windows.net/{t}/", "expect_tenant": t})
            if sysk == "basware":
                realm = "admin" if env == "admin" else "edu"
                checks.append({
                    "system": sysk, "env": env, "kind": "saml-sp-metadata",
                    "url": f"https://kuusiniemi.basware.com/sso/saml2/metadata/{realm}",
                    "expect_entity_id": f"https://kuusiniemi.basware.com/sso/saml2/{realm}"})
            if sysk == "personec_hr":
                host = "personec.kuusiniemi.fi" if env == "admin" else "personec.edu.kuusiniemi.fi"
                checks.append({"system": sysk, "env": env, "kind": "saml-sp-metadata",
                               "url": f"https://{host}/saml/metadata",
                               "expect_entity_id": f"https://{host}/saml"})
    # the reporting service is slow to answer the anonymous redirect: longer timeout
    for c in checks:
        if c["system"] == "talousraportointi":
            c["timeout"] = 20
    return checks


SSO_HEADER = f"""\
# sso.toml – SSO checks for Kuusiniemen kaupunki (Talous- ja HR-järjestelmien uudistus)
#
# One identity provider (Microsoft Entra ID) serves all target systems, with two
# directory environments (separate tenants):
#   admin      kuusiniemi.fi       tenant {ADMIN_TENANT}
#   education  edu.kuusiniemi.fi   tenant {EDU_TENANT}
#
# Layout (`migctl sso import sso.toml`: all or nothing; re-importing changes nothing)
#   [defaults]            values for checks that do not set them
#     timeout             seconds per HTTP request (every kind)
#     max_hops            most redirects to follow (login-redirect checks; default 10)
#     expect_idp_host     (login-redirect checks)
#
#   [[check]]             one table per check (array of tables), fields:
#     system              system key from systems.csv; env must be one of its environments
#     env                 "admin" | "education"
#     kind                "login-redirect"    GET url and follow its redirects (at most
#                                             max_hops); the chain must reach
#                                             expect_idp_host, and that URL must contain
#                                             expect_tenant (path or query)
#                         "saml-idp-metadata" IdP federation metadata XML; EntityDescriptor
#                                             entityID must equal expect_entity_id (and
#                                             contain expect_tenant); signing certificates
#                                             and validUntil must not have expired
#                         "saml-sp-metadata"  service-provider metadata XML published by the
#                                             application; entityID must equal
#                                             expect_entity_id; its endpoints must be https
#                                             on the host of url
#                         "oidc-discovery"    OpenID configuration JSON; "issuer" must equal
#                                             expect_issuer (and contain expect_tenant);
#                                             jwks_uri must hold at least one key
#     url                 https URL to fetch (credentials in it are refused)
#     expect_idp_host     (login-redirect, required) host of the redirect target
#     expect_tenant       (login-redirect, saml-idp-metadata, oidc-discovery) tenant GUID;
#                         must match env: admin -> {ADMIN_TENANT[:8]}…,
#                         education -> {EDU_TENANT[:8]}…
#     expect_entity_id    (saml-idp-metadata, saml-sp-metadata; required)
#     expect_issuer       (oidc-discovery; required)
#     max_hops            (login-redirect) optional, default 10
#     timeout             optional per-check override of defaults.timeout
#
# Every target system with a user login (entra, raindance, basware, personec_hr,
# opiferus, matkalaskut, talousraportointi) has checks for BOTH environments.
# personec_palkka and kayttoomaisuus have no own login (used via Personec HR /
# Raindance), frends has no end-user login.  All hosts are fictional.

[defaults]
timeout = 10
"""


def toml_str(v):
    if isinstance(v, int):
        return str(v)
    return '"' + v.replace("\\", "\\\\").replace('"', '\\"') + '"'


def write_sso_toml(directory):
    out = [SSO_HEADER]
    order = ["system", "env", "kind", "url", "expect_idp_host", "expect_tenant",
             "expect_entity_id", "expect_issuer", "timeout"]
    cur = None
    for c in sso_checks():
        if c["system"] != cur:
            cur = c["system"]
            out.append(f"\n# --- {cur} " + "-" * (60 - len(cur)) + "\n")
        out.append("[[check]]\n")
        for k in order:
            if k in c:
                out.append(f"{k} = {toml_str(c[k])}\n")
        out.append("\n")
    (directory / "sso.toml").write_text("".join(out).rstrip("\n") + "\n", encoding="utf-8")


def generate(build: Build) -> None:
    write_sso_toml(build.out)


def check(seen: Seen) -> None:
    with open(seen.out / "sso.toml", "rb") as f:
        sso = tomllib.load(f)
    need(sso["defaults"]["timeout"] == 10, "sso defaults")
    per = defaultdict(set)
    for c in sso["check"]:
        _check_one(c, seen.skeys)
        per[c["system"]].add(c["env"])
    need(set(per) == set(SSO_SYSTEMS), f"sso systems {set(per)}")
    need(all(v == {"admin", "education"} for v in per.values()), "sso envs")
    seen.sso = sso


def _check_one(c, skeys) -> None:
    s = skeys[c["system"]]
    need(s["role"] == "target" and c["env"] in s["environments"].split(","), c)
    need(c["url"].startswith("https://"), c)
    if c["env"] == "education":
        need("edu" in c["url"] or c["url"].startswith("https://login.microsoftonline.com/"), c)
    if "expect_tenant" in c:
        need(c["expect_tenant"] == TENANT[c["env"]], c)
    kind = c["kind"]
    need(kind in SSO_KINDS, c)
    if kind == "login-redirect":
        need("expect_idp_host" in c and "expect_tenant" in c, c)
    if kind.startswith("saml"):
        need("expect_entity_id" in c, c)
    if kind == "oidc-discovery":
        issuer = f"https://login.microsoftonline.com/{TENANT[c['env']]}/v2.0"
        need(c["expect_issuer"] == issuer, c)
