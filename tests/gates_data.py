"""A small runbook with one gate, shared by the gate tests (times in Europe/Helsinki)."""

from __future__ import annotations

from pathlib import Path

from tests.conftest import SAMPLE_DATA, Cli, write_csv

# Planned: T1 16:00–17:00, T2 17:00–19:00, G1 19:00–19:30, T3 19:30–21:30 on 31.12.2026.
RUNBOOK = (
    "key;title;workstream;owner;kind;duration;depends_on;planned_start;rollback_note\n"
    "T1;Freeze ledger;Talous;Satu;task;1h;;31.12.2026 16:00;Unfreeze\n"
    "T2;Extract balances;Talous;Marko;task;2h;T1;;Extract again\n"
    "G1;Go/no-go: load;Yleinen;Riikka;gate;30m;T2;;Postpone\n"
    "T3;Load balances;Talous;Antti;task;2h;G1;;Void the voucher\n"
)


def city(cli: Cli, tmp_path: Path, runbook: str = RUNBOOK) -> Cli:
    """The sample systems and the small runbook."""
    cli("system", "import", SAMPLE_DATA / "systems.csv")
    cli("task", "import", write_csv(tmp_path / "runbook.csv", runbook))
    return cli


def check(cli: Cli, *args: str, code: int | None = None) -> dict:
    """`task gate-check G1 -f json` (exit code as expected, if given)."""
    return cli.json("task", "gate-check", "G1", *args, code=code)  # type: ignore[no-any-return]


def only(document: dict) -> dict:
    """The one criterion of a gate-check document."""
    assert document["counts"]["criteria"] == 1, document
    return document["criteria"][0]  # type: ignore[no-any-return]
