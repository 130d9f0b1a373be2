"""Run the benchmarks: `python benchmarks/run.py [GROUP…] [--engines sqlite,postgresql]
[--repeat N] [--no-write]`.

Prints a table of medians, the engines side by side, and writes it to benchmarks/RESULTS.md
(unless --no-write; when only some groups run, their rows replace the old ones). PostgreSQL
needs MIGCTL_BENCH_PG (a server URL); `benchmarks/run-both` starts a throwaway server and runs
everything on both engines.
"""

from __future__ import annotations

import argparse
import importlib
import os
import sys
from datetime import UTC, datetime
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from benchmarks.harness import HEADER, HERE, Case, Result, machine, run_case, table
from benchmarks.stores import ENGINES


def discover() -> list[Case]:
    cases: list[Case] = []
    for path in sorted(HERE.glob("bench_*.py")):
        module = importlib.import_module(f"benchmarks.{path.stem}")
        cases.extend(module.CASES)
    return cases


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("groups", nargs="*", help="only these groups (default: all)")
    default_engines = "sqlite,postgresql" if os.environ.get("MIGCTL_BENCH_PG") else "sqlite"
    parser.add_argument("--engines", default=default_engines,
                        help=f"comma-separated, from {', '.join(ENGINES)} (default: "
                             f"{default_engines})")
    parser.add_argument("--repeat", type=int, default=None, help="runs per case")
    parser.add_argument("--no-write", action="store_true", help="do not update RESULTS.md")
    args = parser.parse_args()
    engines = [e.strip() for e in args.engines.split(",") if e.strip()]
    unknown = [e for e in engines if e not in ENGINES]
    if unknown:
        parser.error(f"unknown engine(s) {unknown}; use {', '.join(ENGINES)}")

    cases = [c for c in discover() if not args.groups or c.group in args.groups]
    results: list[Result] = []
    for name in engines:
        os.environ["MIGCTL_BENCH_ENGINE"] = name
        for case in cases:
            if name != engines[0] and case.engine_free:
                continue  # in-process work that touches no store: one engine is enough
            print(f"… {name}: {case.group}: {case.name}", file=sys.stderr, flush=True)
            results.append(run_case(case, repeat=args.repeat))
    lines = table(results)
    print("\n".join(lines))
    if not args.no_write:
        write_results(lines, partial=bool(args.groups), engines=engines)
    return 0 if all(r.verdict in ("ok", "ref") for r in results) else 1


def write_results(lines: list[str], *, partial: bool, engines: list[str]) -> None:
    """Rewrite the summary table at the top of RESULTS.md; the sections written by hand
    below it (each with tables of its own) are kept as they are."""
    path = HERE / "RESULTS.md"
    rows = {_key(line): line for line in lines[len(HEADER):]}
    table, rest = _split(path.read_text(encoding="utf-8")) if path.exists() else ([], [])
    previous = {_key(line): line for line in table} if partial else {}
    merged = {**previous, **rows}
    stamp = datetime.now(UTC).strftime("%Y-%m-%d %H:%M UTC")
    text = [
        "# Benchmark results",
        "",
        f"Last run: {stamp} on {machine()}; engines: {', '.join(engines)}.",
        "Medians of several runs. Commands run as subprocesses of the installed `migctl`, so "
        "start-up is included; stores live on local disk (SQLite) or on a local PostgreSQL "
        "server. Regenerate with `python benchmarks/run.py` (SQLite) or `benchmarks/run-both`.",
        "",
        *HEADER,
        *merged.values(),
        "",
        *rest,
    ]
    path.write_text("\n".join(text).rstrip("\n") + "\n", encoding="utf-8")


def _split(text: str) -> tuple[list[str], list[str]]:
    """(the summary table's rows, every line after the table) of RESULTS.md."""
    lines = text.splitlines()
    start = next((i for i, line in enumerate(lines) if line == HEADER[0]), None)
    if start is None:
        return [], lines
    end = start + len(HEADER)
    while end < len(lines) and lines[end].startswith("|"):
        end += 1
    rows, after = lines[start + len(HEADER):end], end
    while after < len(lines) and not lines[after].strip():
        after += 1
    return rows, lines[after:]


def _key(line: str) -> tuple[str, str]:
    cells = [c.strip() for c in line.strip().strip("|").split("|")]
    return cells[0], cells[1]


if __name__ == "__main__":
    raise SystemExit(main())
