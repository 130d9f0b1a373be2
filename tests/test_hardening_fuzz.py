"""Crashes the fuzz targets (fuzz/fuzz_*.py) found, pinned as examples (issue 16).

Each was an uncaught exception (exit 3) on a document fetched from outside; each must become
an issue of the check instead.
"""

from __future__ import annotations

import struct
from datetime import UTC, datetime
from pathlib import Path

import openpyxl
import pytest

from migctl.errors import InputError
from migctl.importers.registry import read_table
from migctl.services.runbook.importer import RUNBOOK_TABLE
from migctl.services.sso import oidc, saml
from tests.sso_documents import cert_element, idp_metadata, sp_metadata
from tests.test_sso_parts import _der

NOW = datetime(2026, 6, 1, tzinfo=UTC)


def _expect(role: str) -> saml.MetadataExpectations:
    return saml.MetadataExpectations(role=role, entity_id=None, tenant=None,
                                     sp_host="sp.example", now=NOW, warn_days=30)


def test_a_certificate_with_an_unknown_x509_version_is_an_issue() -> None:
    """fuzz_saml: cryptography's InvalidVersion is no ValueError and escaped the check."""
    der = bytearray(_der(400))
    version = der.index(bytes([0xA0, 0x03, 0x02, 0x01, 0x02]))
    der[version + 4] = 42  # X.509 knows versions 0, 1 and 2
    issues, _ = saml.check_metadata(idp_metadata("urn:x", [cert_element(bytes(der))]),
                                    _expect("idp"))
    assert any("42 is not a valid X509 version" in issue.message for issue in issues)


def test_a_certificate_with_a_bit_string_name_is_an_issue() -> None:
    """fuzz_saml: a subject name typed BIT STRING loads, then raises TypeError when the
    subject is read; every reading of a certificate is guarded now."""
    der = bytearray(_der(400))
    subject_cn = der.rindex(bytes([0x06, 0x03, 0x55, 0x04, 0x03, 0x0C]))  # CN, UTF8String
    der[subject_cn + 5] = 0x03  # BIT STRING, allowed only for x500UniqueIdentifier
    issues, _ = saml.check_metadata(idp_metadata("urn:x", [cert_element(bytes(der))]),
                                    _expect("idp"))
    assert any("not a readable certificate" in issue.message
               and "BitString" in issue.message for issue in issues)


def test_an_sp_endpoint_that_is_no_url_is_an_issue() -> None:
    """fuzz_saml: urlsplit raises ValueError ("Invalid IPv6 URL") on an unbalanced bracket."""
    body = sp_metadata("urn:sp", ["https://sp.example]/acs"])
    issues, _ = saml.check_metadata(body, _expect("sp"))
    assert [issue.code for issue in issues] == ["S014"]
    assert "is not a URL" in issues[0].message


def test_a_jwks_uri_that_is_no_url_is_an_issue() -> None:
    """fuzz_oidc: the same ValueError from the discovery document's jwks_uri."""
    document = dict.fromkeys(oidc.REQUIRED_FIELDS, "x") | {
        "issuer": "https://login.microsoftonline.com/t/v2.0",
        "jwks_uri": "https://login.microsoftonline.]om/t/discovery/v2.0/keys"}
    issues, jwks_uri = oidc.check_discovery(document, expect_issuer=None, expect_tenant=None)
    assert jwks_uri is None and [issue.code for issue in issues] == ["S021"]


def test_a_zip_claiming_to_span_disks_is_refused_not_crashed_on(tmp_path: Path) -> None:
    """fuzz_runbook: ``zipfile.is_zipfile`` raises BadZipFile on a zip64 end locator that
    names a second disk; the reader must answer with one line (exit 2), not a traceback."""
    good = tmp_path / "good.xlsx"
    workbook = openpyxl.Workbook()
    workbook.active.append(["key", "title"])
    workbook.save(good)
    data = good.read_bytes()
    end = data.rindex(b"PK\x05\x06")
    locator = struct.pack("<4sLQL", b"PK\x06\x07", 0, 0, 2)  # "2 disks"
    bad = tmp_path / "runbook.xlsx"
    bad.write_bytes(data[:end] + locator + data[end:])
    with pytest.raises(InputError) as refused:
        read_table(bad, RUNBOOK_TABLE)
    assert refused.value.file == "runbook.xlsx"
    assert "not a readable XLSX archive" in str(refused.value)
