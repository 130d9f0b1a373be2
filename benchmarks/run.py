"""Run the benchmarks: `python benchmarks/run.py [GROUP…] [--repeat N] [--no-write]`.

Prints a table of medians and writes it to benchmarks/RESULTS.md (unless --no-write, or only
some groups were run, in which case their rows replace the old ones).
"""

from __future__ import annotations

import argparse
import importlib
import sys
from datetime import UTC, datetime
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from benchmarks.harness import HERE, Case, Result, machine, run_case, table


def discover() -> list[Case]:
    cases: list[Case] = []
    for path in sorted(HERE.glob("bench_*.py")):
        module = importlib.import_module(f"benchmarks.{path.stem}")
        cases.extend(module.CASES)
    return cases


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("groups", nargs="*", help="only these groups (default: all)")
    parser.add_argument("--repeat", type=int, default=None, help="runs per case")
    parser.add_argument("--no-write", action="store_true", help="do not update RESULTS.md")
    args = parser.parse_args()

    cases = [c for c in discover() if not args.groups or c.group in args.groups]
    results: list[Result] = []
    for case in cases:
        print(f"… {case.group}: {case.name}", file=sys.stderr, flush=True)
        results.append(run_case(case, repeat=args.repeat))
    lines = table(results)
    print("\n".join(lines))
    if not args.no_write:
        write_results(results, partial=bool(args.groups))
    return 0 if all(r.verdict in ("ok", "ref") for r in results) else 1


def write_results(results: list[Result], *, partial: bool) -> None:
    path = HERE / "RESULTS.md"
    rows = {(r.case.group, r.case.name): line
            for r, line in zip(results, table(results)[2:], strict=True)}
    previous: dict[tuple[str, str], str] = {}
    if partial and path.exists():
        for line in path.read_text(encoding="utf-8").splitlines():
            cells = [c.strip() for c in line.strip("|").split("|")]
            if line.startswith("| ") and len(cells) >= 9 and cells[0] not in ("group", "---"):
                previous[(cells[0], cells[1])] = line
    merged = {**previous, **rows}
    header = table([])[:2]
    stamp = datetime.now(UTC).strftime("%Y-%m-%d %H:%M UTC")
    text = [
        "# Benchmark results",
        "",
        f"Last run: {stamp} on {machine()}.",
        "Medians of several runs; commands run as subprocesses of the installed `migctl`, "
        "so start-up is included. Regenerate with `python benchmarks/run.py`.",
        "",
        *header,
        *merged.values(),
        "",
    ]
    path.write_text("\n".join(text), encoding="utf-8")


if __name__ == "__main__":
    raise SystemExit(main())
