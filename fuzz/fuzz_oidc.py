"""Coverage-guided fuzzing of the OpenID Connect documents (services/sso/oidc.py) with atheris.

Every input is read as a discovery document and as a JWKS: ``parse_json`` may refuse it with a
ValueError; what it accepts, the checks must judge with issues, never raise. Seeds:
fuzz/seeds/oidc. CI runs it briefly:

    .venv/bin/python fuzz/fuzz_oidc.py -max_total_time=8 /tmp/corpus
"""

from __future__ import annotations

import atheris
from common import fuzz

with atheris.instrument_imports():
    from migctl.services.sso.oidc import check_discovery, count_keys, parse_json

ISSUER = "https://login.microsoftonline.com/t/v2.0"


def one_input(data: bytes) -> None:
    try:
        document = parse_json(data)
    except ValueError as exc:
        assert str(exc) and "\n" not in str(exc)
        return
    check_discovery(document, expect_issuer=ISSUER, expect_tenant="t")
    check_discovery(document, expect_issuer=None, expect_tenant=None)
    issues, keys = count_keys(document)
    assert keys >= 0 and all(issue.message for issue in issues)


if __name__ == "__main__":
    fuzz(one_input)
