"""The probes: every selected check over HTTPS at once, with caps on time, size and redirects.

One ``httpx.AsyncClient`` with TLS verification always on (the default CA bundle, or the one
given) serves all checks; a semaphore bounds how many run at once. Every request has a deadline
and a body cap (streamed, never read past the cap); redirects are followed by hand so hops can
be counted and loops seen. Network failures become issues (S001, S003), never exceptions.
This module knows nothing of the store: probe specs in, probe results out.
"""

from __future__ import annotations

import asyncio
import ssl
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import timedelta
from pathlib import Path
from urllib.parse import unquote, urljoin, urlsplit

import httpx

from migctl import __version__
from migctl.checks import CheckCode
from migctl.errors import UsageError
from migctl.services.sso import certs, keys, oidc, saml
from migctl.services.sso.fields import (
    S001,
    S002,
    S003,
    S010,
    S020,
    S021,
    S022,
    S030,
    S031,
    Issue,
    error,
    warning,
)
from migctl.services.sso.spec import ProbeOptions, ProbeResult, ProbeSpec, Seen

REDIRECT_STATUSES = frozenset({301, 302, 303, 307, 308})
_EXPECTED_REQUESTS = {"oidc-discovery": 2, "login-redirect": 2, "saml-idp-metadata": 1,
                      "saml-sp-metadata": 1}
#: OpenSSL verify codes meaning "I do not know who signed this": self-signed certificate,
#: self-signed in chain, unable to get the issuer certificate (locally or at all).
_UNKNOWN_ISSUER_CODES = frozenset({18, 19, 20, 2})


def ssl_context(ca_bundle: Path | None) -> ssl.SSLContext:
    """Verification on, always: the default CA bundle, or ``ca_bundle`` (an internal CA)."""
    if ca_bundle is None:
        return httpx.create_ssl_context()
    if not ca_bundle.is_file():
        raise UsageError(f"--ca-bundle {ca_bundle}: no such file")
    try:
        return ssl.create_default_context(cafile=str(ca_bundle))
    except (ssl.SSLError, OSError, ValueError) as exc:
        raise UsageError(f"--ca-bundle {ca_bundle}: not a PEM bundle of CA certificates "
                         f"({exc})") from None


def run_probes(specs: Sequence[ProbeSpec], options: ProbeOptions,
               progress: Callable[[int], None] | None = None) -> list[ProbeResult]:
    """Results in the order of ``specs``; ``progress(done)`` after each check finishes."""
    context = ssl_context(options.ca_bundle)
    return asyncio.run(_run_all(specs, options, context, progress or (lambda _: None)))


async def _run_all(specs: Sequence[ProbeSpec], options: ProbeOptions, context: ssl.SSLContext,
                   progress: Callable[[int], None]) -> list[ProbeResult]:
    """``concurrency`` workers, each with its own client, take checks from one queue.

    One client per worker rather than one shared client: httpcore's connection pool rescans
    every queued request against every connection on each change, which turns 50 concurrent
    requests on one pool into quadratic churn (encode/httpcore#1035); a worker's pool only
    ever holds its own one request.
    """
    queue: asyncio.Queue[tuple[int, ProbeSpec]] = asyncio.Queue()
    # Longest first (discovery + JWKS, then redirect chains), so no long check starts last.
    for item in sorted(enumerate(specs), key=lambda item: _EXPECTED_REQUESTS[item[1].kind],
                       reverse=True):
        queue.put_nowait(item)
    results: list[ProbeResult | None] = [None] * len(specs)
    done = 0
    tls_verdicts: dict[str, TlsVerdict] = {}
    started = time.monotonic()
    headers = {"User-Agent": f"migctl/{__version__} sso-check"}

    async def worker() -> None:
        nonlocal done
        async with httpx.AsyncClient(verify=context, follow_redirects=False,
                                     headers=headers) as client:
            while not queue.empty():
                index, spec = queue.get_nowait()
                begin = time.monotonic()
                prober = _Prober(client, spec, options, tls_verdicts=tls_verdicts)
                summary = await prober.run()
                results[index] = ProbeResult(
                    spec=spec, issues=prober.issues, summary=summary,
                    checked_at=options.now + timedelta(seconds=begin - started),
                    duration_ms=round((time.monotonic() - begin) * 1000),
                    seen=list(dict.fromkeys(prober.seen)))
                done += 1
                progress(done)

    await asyncio.gather(*(worker() for _ in range(min(options.concurrency, len(specs)))))
    return [r for r in results if r is not None]


class FetchFailed(Exception):
    """A request that produced no response: the issue says why (S001 or S003)."""

    def __init__(self, issue: Issue) -> None:
        super().__init__(issue.message)
        self.issue = issue


@dataclass
class Fetched:
    url: str
    status: int
    headers: httpx.Headers
    body: bytes = b""
    too_large: bool = False


def _small(response: httpx.Response) -> bool:
    declared = response.headers.get("content-length", "")
    return declared.isdigit() and int(declared) <= 65536


def short(url: str, limit: int = 120) -> str:
    return url if len(url) <= limit else url[: limit - 1] + "…"


def _tls_failure(exc: BaseException) -> str | None:
    """The TLS reason behind a connection error, if TLS was the reason."""
    seen: set[int] = set()
    current: BaseException | None = exc
    while current is not None and id(current) not in seen:
        seen.add(id(current))
        if isinstance(current, ssl.SSLCertVerificationError):
            reason = f"certificate verify failed: {current.verify_message}"
            if current.verify_code in _UNKNOWN_ISSUER_CODES:
                reason += " (signed by a CA not in the bundle: an internal CA needs --ca-bundle)"
            return reason
        if isinstance(current, ssl.SSLError):
            return f"TLS handshake failed: {current.reason or current}"
        current = current.__cause__ or current.__context__
    return None


@dataclass(frozen=True)
class TlsVerdict:
    """What one endpoint's TLS certificate says: expiry issues, and the certificate seen."""

    issues: list[Issue]
    seen: list[Seen]


@dataclass
class _Prober:
    client: httpx.AsyncClient
    spec: ProbeSpec
    options: ProbeOptions
    issues: list[Issue] = field(default_factory=list)
    seen: list[Seen] = field(default_factory=list)
    #: host:port → what its TLS certificate says, shared by all checks of a run: one look per
    #: endpoint (a load balancer's nodes are assumed to serve the same certificate)
    tls_verdicts: dict[str, TlsVerdict] = field(default_factory=dict)
    _tls_hosts: set[str] = field(default_factory=set)
    requests: int = 0

    async def run(self) -> str:
        try:
            if self.spec.kind == "login-redirect":
                summary = await self._login_redirect()
            elif self.spec.kind == "oidc-discovery":
                summary = await self._oidc()
            else:
                summary = await self._saml()
        except FetchFailed as failed:
            self.issues.append(failed.issue)
            return ""
        if not self.requests and not self.issues:  # nothing was asked: nothing is proven
            self.issues.append(error(S001, f"no request was made to {short(self.spec.url)}"))
        return summary

    async def get(self, url: str, *, body: bool = True) -> Fetched:
        self.requests += 1
        parts = urlsplit(url)
        host = parts.hostname or url
        timeout = self.spec.timeout_s
        try:
            async with asyncio.timeout(timeout):
                async with self.client.stream("GET", url, timeout=timeout) as response:
                    self._peer_certificate(response, host, f"{host}:{parts.port or 443}")
                    fetched = Fetched(url=url, status=response.status_code,
                                      headers=response.headers)
                    if body and response.status_code == 200:
                        await self._read_capped(response, fetched)
                    elif _small(response):
                        await response.aread()  # lets the connection serve the next request
                    return fetched
        except (TimeoutError, httpx.TimeoutException):
            raise FetchFailed(error(S001, f"no answer from {host} within {timeout:g} s "
                                          f"({short(url)})")) from None
        except httpx.TransportError as exc:
            tls = _tls_failure(exc)
            if tls is not None:
                raise FetchFailed(error(S003, f"TLS certificate of {host} not accepted: {tls}")
                                  ) from None
            reason = str(exc) or type(exc).__name__
            raise FetchFailed(error(S001, f"cannot reach {host}: {reason}")) from None

    async def _read_capped(self, response: httpx.Response, fetched: Fetched) -> None:
        """Streams the (decoded) body and stops at the cap, so a huge answer costs nothing."""
        cap = self.options.max_bytes
        declared = response.headers.get("content-length", "")
        if declared.isdigit() and int(declared) > cap:
            fetched.too_large = True
            return
        chunks: list[bytes] = []
        size = 0
        async for chunk in response.aiter_bytes():
            size += len(chunk)
            if size > cap:
                fetched.too_large = True
                return
            chunks.append(chunk)
        fetched.body = b"".join(chunks)

    def _peer_certificate(self, response: httpx.Response, host: str, endpoint: str) -> None:
        """Expiry of the server's certificate (verification already passed, or we'd be gone)."""
        if endpoint in self._tls_hosts:
            return
        self._tls_hosts.add(endpoint)
        verdict = self.tls_verdicts.get(endpoint)
        if verdict is None:
            verdict = self.tls_verdicts[endpoint] = self._certificate_verdict(response, host)
        self.issues.extend(verdict.issues)
        self.seen.extend(verdict.seen)

    def _certificate_verdict(self, response: httpx.Response, host: str) -> TlsVerdict:
        """The server's certificate, judged for expiry, and every certificate of the chain
        the connection verified (intermediates and root as ``tls-chain``: drift and the
        certificate calendar see an issuing CA change or expire too)."""
        stream = response.extensions.get("network_stream")
        ssl_object = stream.get_extra_info("ssl_object") if stream is not None else None
        der = ssl_object.getpeercert(binary_form=True) if ssl_object is not None else None
        if not der:
            return TlsVerdict([], [])
        try:
            facts = certs.from_der(der)
            seen = keys.cert_seen(der)
        except ValueError:
            return TlsVerdict([], [])
        return TlsVerdict(
            certs.expiry_issues(facts, code=S003, what=f"TLS certificate of {host}",
                                now=self.options.now, warn_days=self.options.warn_days),
            [Seen("tls", seen.sha256, seen.subject, seen.issuer, seen.not_after),
             *_chain_seen(ssl_object, seen.sha256)])

    def _cap_message(self) -> str:
        return f"larger than {self.options.max_bytes // (1024 * 1024)} MB; not read"

    async def _document(self, too_large: CheckCode, what: str) -> bytes | None:
        """The body at the spec's URL, or None once an issue says why not (not 200, too big)."""
        url = self.spec.via or self.spec.url
        fetched = await self.get(url)
        if fetched.status != 200:
            self.issues.append(error(S002, f"HTTP {fetched.status} from {short(url)} "
                                           "(expected 200)"))
            return None
        if fetched.too_large:
            self.issues.append(error(too_large, f"{what} {self._cap_message()}"))
            return None
        return fetched.body

    async def _saml(self) -> str:
        spec = self.spec
        body = await self._document(S010, "metadata")
        if body is None:
            return ""
        expect = saml.MetadataExpectations(
            role="idp" if spec.kind == "saml-idp-metadata" else "sp",
            entity_id=spec.expect_entity_id, tenant=spec.expect_tenant,
            sp_host=urlsplit(spec.url).hostname or "", now=self.options.now,
            warn_days=self.options.warn_days, acs=spec.expect_acs, pin_sha256=spec.pin_sha256,
            pin_pem=spec.pin_pem)
        reading = saml.read_metadata(body, expect)
        self.issues.extend(reading.issues)
        self.seen.extend(reading.seen)
        return reading.summary

    async def _oidc(self) -> str:
        spec = self.spec
        body = await self._document(S020, "discovery document")
        if body is None:
            return ""
        try:
            document = oidc.parse_json(body)
        except ValueError as exc:
            self.issues.append(error(S020, f"discovery document is {exc}"))
            return ""
        issues, jwks_uri = oidc.check_discovery(document, expect_issuer=spec.expect_issuer,
                                                expect_tenant=spec.expect_tenant)
        self.issues.extend(issues)
        if jwks_uri is None:
            return ""
        count = await self._jwks(jwks_uri, document.get("id_token_signing_alg_values_supported"))
        return f"issuer {document.get('issuer')}; {count} key(s) in the JWKS"

    def _keys(self, document: object, advertised: object) -> None:
        """Each key's kid and x5c certificate seen; advertised algorithms need a key."""
        found = keys.read_jwks(document)
        for key in found:
            if key.kid:
                self.seen.append(Seen("jwks-kid", key.kid))
            if key.cert is not None:
                self.seen.append(Seen("jwks-x5c", key.cert.sha256, key.cert.subject,
                                      key.cert.issuer, key.cert.not_after))
        weak = keys.algorithm_problems([], found)
        self.issues.extend(error(S022, problem) for problem in
                           keys.algorithm_problems(advertised, found) if problem not in weak)
        self.issues.extend(warning(S022, problem) for problem in weak)

    async def _jwks(self, jwks_uri: str, advertised: object) -> int:
        try:
            fetched = await self.get(jwks_uri)
        except FetchFailed as failed:
            if failed.issue.code == S003.code:
                self.issues.append(failed.issue)
            else:
                self.issues.append(error(S021, f"JWKS unreachable: {failed.issue.message}"))
            return 0
        if fetched.status != 200:
            self.issues.append(error(S021, f"HTTP {fetched.status} from jwks_uri "
                                           f"{short(jwks_uri)}"))
            return 0
        if fetched.too_large:
            self.issues.append(error(S021, f"JWKS {self._cap_message()}"))
            return 0
        try:
            document = oidc.parse_json(fetched.body)
        except ValueError as exc:
            self.issues.append(error(S021, f"JWKS is {exc}"))
            return 0
        issues, count = oidc.count_keys(document)
        self.issues.extend(issues)
        if count:
            self._keys(document, advertised)
        return count

    def _at_idp(self, url: str) -> bool:
        expected = (self.spec.expect_idp_host or "").lower()
        parts = urlsplit(url)
        host = (parts.hostname or "").lower()
        if ":" in expected:
            return f"{host}:{parts.port or 443}" == expected
        return host == expected

    def _reached(self, url: str, hops: int) -> str:
        """The login reached the IdP at ``url``: its tenant must be in that URL."""
        tenant = self.spec.expect_tenant
        if tenant and tenant.lower() not in unquote(url).lower():
            self.issues.append(error(S030, (
                f"reached {self.spec.expect_idp_host} after {hops} redirect(s), but tenant "
                f"{tenant!r} is not in the IdP URL {short(url)}")))
            return ""
        return f"{hops} redirect(s) to {short(url, 80)}"

    async def _login_redirect(self) -> str:
        spec = self.spec
        idp = spec.expect_idp_host or ""
        url = spec.via or spec.url
        chain = [url]
        while True:
            hops = len(chain) - 1
            if hops and self._at_idp(url):
                return self._reached(url, hops)
            # The first URL is always fetched, also when it is on the IdP already: a check
            # that asked nothing proves nothing (issue 17).
            fetched = await self.get(url, body=False)
            if not hops and self._at_idp(url) and fetched.status not in REDIRECT_STATUSES:
                if fetched.status >= 400:
                    self.issues.append(error(S002, f"HTTP {fetched.status} from {short(url)}"))
                    return ""
                return self._reached(url, hops)
            if fetched.status in REDIRECT_STATUSES:
                location = fetched.headers.get("location", "").strip()
                if not location:
                    self.issues.append(error(S030, f"HTTP {fetched.status} from {short(url)} "
                                                   "has no Location header"))
                    return ""
                target = urljoin(url, location)
                if urlsplit(target).scheme.lower() != "https":
                    self.issues.append(error(S030, f"{short(url)} redirects to a non-https URL "
                                                   f"{short(target)}"))
                    return ""
                if target in chain:
                    loop = [*chain[chain.index(target):], target]
                    self.issues.append(error(S031, "redirect loop: " + " → ".join(
                        short(u, 80) for u in loop)))
                    return ""
                if hops + 1 > spec.max_hops:
                    self.issues.append(error(S031, (
                        f"more than {spec.max_hops} redirects without reaching {idp} "
                        f"(last {short(target)})")))
                    return ""
                chain.append(target)
                url = target
                continue
            if fetched.status >= 400:
                self.issues.append(error(S002, f"HTTP {fetched.status} from {short(url)}"))
            else:
                self.issues.append(error(S030, (
                    f"{short(url)} answered HTTP {fetched.status} after {hops} redirect(s) "
                    f"without redirecting to {idp} (a login form or script cannot be "
                    "followed)")))
            return ""


def _chain_seen(ssl_object: object, leaf: str) -> list[Seen]:
    """The verified chain above the leaf. Python 3.13 has ``get_verified_chain()``; 3.10–3.12
    have it on the private ``_sslobj`` only, as certificate objects: used when there, nothing
    recorded when not."""
    from _ssl import ENCODING_DER

    method = getattr(ssl_object, "get_verified_chain", None) or getattr(
        getattr(ssl_object, "_sslobj", None), "get_verified_chain", None)
    if not callable(method):
        return []
    found: list[Seen] = []
    try:
        chain = list(method())
    except (ValueError, OSError):
        return []
    for cert in chain:
        der = cert.public_bytes(ENCODING_DER) if hasattr(cert, "public_bytes") else cert
        if not isinstance(der, bytes):
            continue
        try:
            seen = keys.cert_seen(der)
        except ValueError:
            continue
        if seen.sha256 != leaf:
            found.append(Seen("tls-chain", seen.sha256, seen.subject, seen.issuer,
                              seen.not_after))
    return found
