"""Signals carry a stable code and their facts, so documents can say them in Finnish.

The steering group reads Finnish: `report --lang fi` and `status -f markdown|html --lang fi`
give every signal's reason from its code and params (`render/i18n.py: FI_SIGNALS`).
"""

from __future__ import annotations

import ast
from pathlib import Path
from typing import Any

import pytest

from migctl.render.i18n import FI_SIGNALS, signal_text
from tests.conftest import Cli

SERVICES = Path(__file__).resolve().parents[1] / "src" / "migctl" / "services"

#: Times at which the demo raises most kinds of signal (before, during and after the cutover).
AS_OF = ["2026-11-22 10:00", "2026-12-28 12:00", "2026-12-31 20:00", "2027-02-15 12:00"]


def _codes_raised_in_source() -> set[str]:
    """Every ``code=`` given to a ``signal(...)`` call in the services."""
    codes = set()
    for path in SERVICES.rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Call) and getattr(node.func, "id", None) == "signal":
                for keyword in node.keywords:
                    if keyword.arg == "code":
                        assert isinstance(keyword.value, ast.Constant), f"{path}: a literal code"
                        codes.add(keyword.value.value)
    return codes


def test_every_signal_code_has_a_finnish_sentence_and_no_sentence_is_orphaned() -> None:
    raised = _codes_raised_in_source()
    assert len(raised) >= 14, raised  # the scan found the calls
    assert raised == set(FI_SIGNALS)


@pytest.fixture
def demo_signals(demo_cli: Cli) -> list[dict[str, Any]]:
    found: dict[tuple[str, str], dict[str, Any]] = {}
    for as_of in AS_OF:
        for item in demo_cli.json("status", "--as-of", as_of)["readiness"]["signals"]:
            found.setdefault((item["code"], item["reason"]), item)
    return list(found.values())


def test_the_demos_signals_all_read_in_finnish(demo_signals: list[dict[str, Any]]) -> None:
    codes = {s["code"] for s in demo_signals}
    assert {"incident-open", "mapping-errors", "gate-criteria-failing", "task-late",
            "go-live-passed", "sso-stale", "translation-unreconciled"} <= codes
    for item in demo_signals:
        finnish = FI_SIGNALS[item["code"]](item["params"])  # no fallback: the params fit
        assert finnish != item["reason"]
        assert signal_text(item, "fi") == finnish and signal_text(item, "en") == item["reason"]


@pytest.mark.parametrize(("item", "expected"), [
    ({"code": "mapping-errors", "params": {"set": "t@1", "errors": 1}},
     "t@1: 1 validointivirhe"),
    ({"code": "mapping-errors", "params": {"set": "t@1", "errors": 8}},
     "t@1: 8 validointivirhettä"),
    ({"code": "go-live-passed", "params": {"go_live": "2026-09-01", "status": "in_progress"}},
     "käyttöönottopäivä 2026-09-01 on ohi, mutta tila on käynnissä"),
    ({"code": "gate-no-go", "params": {"gate": "GATE-1", "decided_by": "Riikka", "note": None}},
     "no-go-päätös portilla GATE-1 (Riikka)"),
])
def test_finnish_sentences(item: dict[str, Any], expected: str) -> None:
    assert signal_text(item | {"reason": "English"}, "fi") == expected


@pytest.mark.parametrize("item", [
    {"reason": "from an older migctl"},  # no code at all
    {"reason": "unknown", "code": "something-new", "params": {}},
    {"reason": "params missing", "code": "mapping-errors", "params": {"set": "t@1"}},
])
def test_what_cannot_be_said_in_finnish_is_said_in_english(item: dict[str, Any]) -> None:
    assert signal_text(item, "fi") == item["reason"]


def test_status_documents_and_the_report_speak_finnish(demo_cli: Cli, tmp_path: Path) -> None:
    markdown = demo_cli("status", "-f", "markdown", "--lang", "fi").stdout
    assert "Ohjelman tilanne" in markdown and "validointivirhettä" in markdown
    assert "validation errors in" not in markdown
    html = demo_cli("status", "-f", "html", "--lang", "FI").stdout
    assert "avoin häiriö INC-011 (korkea)" in html
    assert "validation errors in tilimappaus@1" in demo_cli("status", "-f", "markdown").stdout
    out = tmp_path / "raportti.html"
    demo_cli("report", "--lang", "fi", "-o", out)
    report = out.read_text(encoding="utf-8")
    assert "tilimappaus@1: 8 validointivirhettä" in report
    assert "validation errors in" not in report  # (KPI descriptions are as people wrote them)


@pytest.mark.parametrize("fmt", ["json"])
def test_status_refuses_a_language_it_cannot_show(demo_cli: Cli, fmt: str) -> None:
    result = demo_cli("status", "-f", fmt, "--lang", "fi", code=2)
    assert result.stderr == ("error: --lang fi needs -f table, markdown or html (JSON has each "
                             "reason's code and params)\n")


@pytest.fixture
def demo_cli(bare_cli: Cli) -> Cli:
    bare_cli("demo", "-f", "json")
    return bare_cli


def test_the_readme_lists_every_signal_code() -> None:
    readme = (SERVICES.parents[2] / "README.md").read_text(encoding="utf-8")
    assert [code for code in FI_SIGNALS if f"`{code}`" not in readme] == []
