"""Issue 21's audit: the Finnish report says in Finnish what the steering report first left in
English — the evidence of the window-confidence and identity criteria, the identity built-in
KPIs' descriptions, and the provider's service-level durations."""

from __future__ import annotations

import re
from collections.abc import Iterator
from decimal import Decimal

import pytest

from migctl.render.catalogue.finnish import fi_span
from migctl.render.report_steering import EVIDENCE, evidence_line
from migctl.render.sections import DocView
from migctl.render.status_kpis import kpi_description
from migctl.services.gates.spec import KINDS
from migctl.services.kpis.builtins import BUILTINS
from migctl.values import zone
from tests.conftest import Cli, module_demo

AS_OF = "2026-12-07 12:00"
#: A compact duration as `--duration` takes it (``10d``, ``45m``, ``2d6h16m``): not Finnish.
COMPACT = re.compile(r"(?<![\w.,])\d+[dhm](?:\d+[hm])*(?![\w.,])")
EN, FI = DocView("en", zone("UTC")), DocView("fi", zone("UTC"))


@pytest.fixture(scope="module")
def demo(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Cli]:
    with module_demo(tmp_path_factory.mktemp("audit21")) as cli:
        yield cli


def test_every_criterion_kind_has_its_own_evidence_line() -> None:
    # recon-clean is said apart (its line depends on the verdict)
    assert set(KINDS) - set(EVIDENCE) == {"recon-clean"}


@pytest.mark.parametrize("evidence, english, finnish", [
    ({"threshold_pct": Decimal(80), "p_within_window": 0.7234, "simulations": 1000, "seed": 1,
      "run": None},
     "P(cutover within window) = 72.3 % (< 80 %); 1 000 simulations, seed 1",
     "P(siirto valmis ikkunassa) = 72,3 % (< 80 %); 1\u202f000 simulointia, siemen 1"),
    ({"threshold_pct": Decimal("72.5"), "p_within_window": 0.9, "simulations": 500, "seed": 7,
      "run": "r2"},
     "P(cutover within window) = 90 % (>= 72.5 %); 500 simulations, seed 7",
     "P(siirto valmis ikkunassa) = 90 % (>= 72,5 %); 500 simulointia, siemen 7"),
    ({"threshold_pct": Decimal(80), "p_within_window": None, "simulations": 1000, "seed": 1,
      "run": None},
     "no probability: the runbook has no tasks or no window end is set (`cutover.window_end`)",
     "ei todennäköisyyttä: ajokirjassa ei ole tehtäviä tai ikkunan loppua ei ole asetettu "
     "(`cutover.window_end`)"),
])
def test_window_confidence_evidence_in_both_languages(evidence: dict[str, object],
                                                      english: str, finnish: str) -> None:
    criterion = {"spec": "window-confidence>=80", "kind": "window-confidence", "passed": False,
                 "message": "the kind's English", "evidence": evidence}
    assert evidence_line(criterion, EN) == english  # type: ignore[arg-type]
    assert evidence_line(criterion, FI) == finnish  # type: ignore[arg-type]


@pytest.mark.parametrize("kind, evidence, english, finnish", [
    ("identity-coverage", {"measure": "environment", "subject": "education",
                           "threshold": Decimal(99), "value": Decimal("95.34"), "run_id": 1,
                           "on": "2027-01-04"},
     "identity run 1 on 2027-01-04: accounts in education 95.34 % (< 99 %)",
     "tunnusten tarkistus 1 (4.1.2027): tunnukset ympäristössä education 95,34 % (< 99 %)"),
    ("identity-coverage", {"measure": "system", "subject": "raindance",
                           "threshold": Decimal(95), "value": Decimal("95.71"), "run_id": 2,
                           "on": "2027-01-04"},
     "identity run 2 on 2027-01-04: users in raindance 95.71 % (>= 95 %)",
     "tunnusten tarkistus 2 (4.1.2027): käyttäjät järjestelmässä raindance 95,71 % (>= 95 %)"),
    ("trained", {"measure": "training", "subject": "basware", "threshold": Decimal(90),
                 "value": None, "run_id": 1, "on": "2027-01-04"},
     "identity run 1 on 2027-01-04 did not measure trained for basware",
     "tunnusten tarkistus 1 (4.1.2027) ei mitannut: koulutettu järjestelmään basware"),
    ("trained", {"measure": "training", "subject": "basware", "threshold": Decimal(90),
                 "value": None, "run_id": None, "on": None},
     "no identity check has run (`migctl identity check`)",
     "tunnusten tarkistusta ei ole ajettu (`migctl identity check`)"),
])
def test_identity_evidence_in_both_languages(kind: str, evidence: dict[str, object],
                                             english: str, finnish: str) -> None:
    criterion = {"spec": f"{kind}:x>=1", "kind": kind, "passed": False,
                 "message": "the kind's English", "evidence": evidence}
    assert evidence_line(criterion, EN) == english  # type: ignore[arg-type]
    assert evidence_line(criterion, FI) == finnish  # type: ignore[arg-type]


@pytest.mark.parametrize("name", sorted(BUILTINS))
def test_every_built_in_kpi_is_described_in_finnish(name: str) -> None:
    kpi = BUILTINS[name]
    row = {"name": name, "builtin": True, "description": kpi.description}
    assert kpi_description(row, FI) != kpi.description  # type: ignore[arg-type]


@pytest.mark.parametrize("compact, finnish", [
    ("2d6h16m", "2 pv 6 h 16 min"), ("45m", "45 min"), ("4h", "4 h"), ("10d", "10 pv"),
    ("-1h30m", "−1 h 30 min"), ("", ""), ("odd", "odd")])
def test_durations_in_finnish(compact: str, finnish: str) -> None:
    assert fi_span(compact) == finnish


def test_the_finnish_report_writes_durations_and_kpi_descriptions_in_finnish(demo: Cli
                                                                            ) -> None:
    english = demo("report", "-f", "markdown", "--as-of", AS_OF).stdout
    assert COMPACT.search(english)  # the service-level table writes 4h, 2d6h16m in English
    for args in (("-f", "markdown"), ()):
        finnish = demo("report", "--lang", "fi", *args, "--as-of", AS_OF).stdout
        assert [m.group() for m in COMPACT.finditer(finnish)] == []
        for name in ("identity_coverage_pct", "training_coverage_pct", "sla_resolution_pct"):
            assert BUILTINS[name].description not in finnish
        assert "ratkaisu ylitti tavoitteen 10 pv (odottaa yhä)" in finnish
        if args:
            assert "| korkea | 4 h | 3/4 (75 %) | 45 min | 2 pv | 1/4 (25 %) |" in finnish
