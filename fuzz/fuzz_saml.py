"""Coverage-guided fuzzing of the SAML metadata checks (services/sso/saml.py) with atheris.

Every input is checked as IdP and as SP metadata; the check must return issues (a refused or
broken document is an S010 issue), never raise. Seeds: fuzz/seeds/saml. CI runs it briefly:

    .venv/bin/python fuzz/fuzz_saml.py -max_total_time=8 /tmp/corpus
"""

from __future__ import annotations

from datetime import UTC, datetime

import atheris
from common import fuzz

with atheris.instrument_imports():
    from migctl.services.sso.saml import MetadataExpectations, check_metadata

NOW = datetime(2026, 6, 1, tzinfo=UTC)
EXPECTATIONS = (
    MetadataExpectations(role="idp", entity_id="https://sts.windows.net/t/", tenant="t",
                         sp_host="sp.example", now=NOW, warn_days=30),
    MetadataExpectations(role="sp", entity_id=None, tenant=None, sp_host="sp.example", now=NOW,
                         warn_days=30),
)


def one_input(data: bytes) -> None:
    for expect in EXPECTATIONS:
        issues, summary = check_metadata(data, expect)
        assert isinstance(summary, str) and all(issue.message for issue in issues)


if __name__ == "__main__":
    fuzz(one_input)
