"""JWKS keys against advertised algorithms, key drift between runs, expiry against the
programme's calendar (issue 22): pure functions, hand-made cases."""

from __future__ import annotations

import base64
import datetime as dt

import pytest
import trustme
from cryptography import x509
from cryptography.hazmat.primitives import serialization

from migctl.services.sso.drift import Sighting, compare
from migctl.services.sso.expiry import Calendar, judge
from migctl.services.sso.keys import algorithm_problems, read_jwks

T0 = dt.datetime(2026, 11, 1, tzinfo=dt.UTC)


def _n(bits: int) -> str:
    number = (1 << (bits - 1)) | 1
    raw = number.to_bytes((bits + 7) // 8, "big")
    return base64.urlsafe_b64encode(raw).rstrip(b"=").decode()


def test_jwks_keys_are_read_with_type_size_curve_and_certificate() -> None:
    ca = trustme.CA()
    leaf = ca.issue_cert("idp.kaupunki.example")
    der = x509.load_pem_x509_certificate(leaf.cert_chain_pems[0].bytes()).public_bytes(
        serialization.Encoding.DER)
    keys = read_jwks({"keys": [
        {"kty": "RSA", "kid": "k1", "use": "sig", "n": _n(2048), "e": "AQAB",
         "x5c": [base64.b64encode(der).decode()]},
        {"kty": "EC", "kid": "k2", "crv": "P-256", "x": "a", "y": "b"},
        {"kid": "no type"}, "junk"]})
    assert [(k.kid, k.kty, k.size, k.curve) for k in keys] == [("k1", "RSA", 2048, None),
                                                                ("k2", "EC", 256, "P-256")]
    assert keys[0].cert is not None and "idp.kaupunki.example" not in keys[0].cert.issuer
    assert len(keys[0].cert.sha256) == 64
    assert read_jwks("not a jwks") == [] and read_jwks({"keys": "x"}) == []


def test_an_advertised_algorithm_without_a_key_that_can_sign_it_is_a_problem() -> None:
    rsa_only = read_jwks({"keys": [{"kty": "RSA", "kid": "r", "n": _n(2048), "e": "AQAB"}]})
    assert algorithm_problems(["RS256", "PS256"], rsa_only) == []
    assert algorithm_problems(["RS256", "ES256"], rsa_only) == [
        "ES256 is advertised but the JWKS has no EC signing key on P-256"]
    ec_only = read_jwks({"keys": [{"kty": "EC", "crv": "P-384", "kid": "e"}]})
    assert algorithm_problems(["RS256"], ec_only) == [
        "RS256 is advertised but the JWKS has no RSA signing key"]
    assert algorithm_problems(["ES256"], ec_only)  # P-384 cannot sign ES256
    assert algorithm_problems(["HS256", "none", "made-up"], []) == []


def test_encryption_keys_and_keys_pinned_to_another_algorithm_do_not_count() -> None:
    keys = read_jwks({"keys": [{"kty": "RSA", "use": "enc", "n": _n(2048)},
                               {"kty": "RSA", "alg": "RS512", "n": _n(2048)}]})
    assert algorithm_problems(["RS256"], keys) == [
        "RS256 is advertised but the JWKS has no RSA signing key"]
    assert algorithm_problems(["RS512"], keys) == []


def test_a_short_rsa_key_is_a_problem() -> None:
    keys = read_jwks({"keys": [{"kty": "RSA", "kid": "old", "n": _n(1024)}]})
    assert algorithm_problems(["RS256"], keys) == ["key old is RSA 1024 bits, under 2048"]


def _seen(document: str, *idents: str) -> list[Sighting]:
    return [Sighting(document, ident, T0) for ident in idents]


def test_no_previous_run_and_no_change_mean_no_drift() -> None:
    assert compare([], _seen("jwks", "a")) == []
    assert compare(_seen("jwks", "a", "b"), _seen("jwks", "b", "a")) == []


def test_a_new_key_beside_the_old_is_a_roll_over_in_progress() -> None:
    [drift] = compare(_seen("saml-signing", "old"), _seen("saml-signing", "old", "new"))
    assert (drift.severity, drift.change, drift.ident) == ("warning", "added", "new")
    assert "roll-over in progress" in drift.message
    assert drift.old == ("old",) and drift.new == ("new", "old")


def test_a_key_gone_is_a_warning_and_an_error_when_it_was_pinned() -> None:
    changes = compare(_seen("saml-signing", "old"), _seen("saml-signing", "new"))
    assert [(d.change, d.severity) for d in changes] == [("added", "warning"),
                                                         ("removed", "warning")]
    pinned = compare(_seen("saml-signing", "old"), _seen("saml-signing", "new"), pinned="old")
    assert [(d.change, d.severity) for d in pinned] == [("added", "warning"),
                                                        ("removed", "error")]
    assert "the pinned key" in pinned[1].message


CALENDAR = Calendar(go_live=dt.datetime(2027, 1, 4, 6, tzinfo=dt.UTC),
                    window_start=dt.datetime(2026, 12, 31, 14, tzinfo=dt.UTC),
                    window_end=dt.datetime(2027, 1, 3, 18, tzinfo=dt.UTC),
                    hypercare_end=dt.datetime(2027, 2, 26, tzinfo=dt.UTC))
NOW = dt.datetime(2026, 12, 7, tzinfo=dt.UTC)


@pytest.mark.parametrize("expires, severity, collides", [
    (dt.datetime(2026, 12, 1, tzinfo=dt.UTC), "error", "expired"),
    (dt.datetime(2026, 12, 20, tzinfo=dt.UTC), "error", "before go-live"),
    (dt.datetime(2027, 1, 2, tzinfo=dt.UTC), "error", "cutover window"),
    (dt.datetime(2027, 2, 1, tzinfo=dt.UTC), "error", "hypercare"),
    (dt.datetime(2027, 3, 20, tzinfo=dt.UTC), "warning", "30 days after hypercare"),
    (dt.datetime(2027, 6, 1, tzinfo=dt.UTC), None, None),
])
def test_expiry_is_judged_against_the_programme_calendar(expires: dt.datetime,
                                                         severity: str | None,
                                                         collides: str | None) -> None:
    verdict = judge(expires, CALENDAR, now=NOW)
    assert (verdict.severity, verdict.collides_with) == (severity, collides)
    assert verdict.days_left == (expires - NOW).days


def test_an_unknown_calendar_only_knows_expired() -> None:
    assert judge(dt.datetime(2027, 1, 2, tzinfo=dt.UTC), Calendar(), now=NOW).severity is None
    assert judge(NOW, Calendar(), now=NOW).collides_with == "expired"
