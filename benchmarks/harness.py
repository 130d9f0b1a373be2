"""The benchmark harness: named cases, medians of several runs, a table and RESULTS.md.

Each ``bench_*.py`` module in this folder exposes ``CASES: list[Case]``. A case times either a
command line (run as a subprocess, as a user would) or a Python callable; ``setup`` prepares
its inputs once in a work folder that is kept between runs (``benchmarks/.work``), and
``before_each`` (untimed) resets what a run changes, e.g. a fresh copy of an empty store.
Stores come from :mod:`benchmarks.stores`, so every case runs on SQLite and on PostgreSQL.
"""

from __future__ import annotations

import os
import platform
import shutil
import statistics
import subprocess
import sys
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

HERE = Path(__file__).resolve().parent
WORK = HERE / ".work"
TIME = "/usr/bin/time"  # GNU time: the peak RSS of the command alone (see _run_once)
RSS_MARK = "migctl-bench-maxrss-kb "


def migctl() -> str:
    """The migctl entry point installed next to this Python."""
    script = Path(sys.executable).with_name("migctl")
    return str(script) if script.exists() else shutil.which("migctl") or "migctl"


@dataclass
class Case:
    name: str
    group: str
    command: Callable[[Path], Sequence[str]] | None = None  # argv built from the work dir
    call: Callable[[Path], object] | None = None  # or an in-process callable
    setup: Callable[[Path], None] | None = None
    before_each: Callable[[Path], None] | None = None  # untimed, before every run
    target_s: float | None = None
    repeat: int = 5
    env: dict[str, str] = field(default_factory=dict)
    note: str = ""
    peak_memory: bool = False  # also report max RSS of the subprocess
    engine_free: bool = False  # touches no store: run on the first engine only


@dataclass
class Result:
    case: Case
    times: list[float]
    rss_mb: float | None = None
    error: str | None = None
    engine: str = "sqlite"

    @property
    def median(self) -> float:
        return statistics.median(self.times) if self.times else float("nan")

    @property
    def verdict(self) -> str:
        if self.error:
            return "ERROR"
        if self.case.target_s is None:
            return "ref"
        return "ok" if self.median <= self.case.target_s else "SLOW"


def _run_once(case: Case, workdir: Path) -> tuple[float, float | None]:
    if case.call is not None:
        start = time.perf_counter()
        case.call(workdir)
        return time.perf_counter() - start, None
    assert case.command is not None
    argv = list(case.command(workdir))
    env = {**os.environ, **case.env}
    start = time.perf_counter()
    if case.peak_memory and sys.platform.startswith("linux"):
        # Linux carries a process's peak RSS across exec, and a forked child starts from its
        # parent's: a command forked from this (large) runner would report the runner's peak.
        # GNU time forks the command from its own small process and reports the command's own.
        timed = Path(TIME) if Path(TIME).exists() else None
        if timed is not None:
            argv = [TIME, "-f", f"{RSS_MARK}%M", *argv]
        process = subprocess.Popen(argv, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
                                   env=env, cwd=workdir)
        _, status, usage = os.wait4(process.pid, 0)
        elapsed = time.perf_counter() - start
        stderr = process.stderr.read().decode(errors="replace") if process.stderr else ""
        code = os.waitstatus_to_exitcode(status)
        process.returncode = code
        if code not in (0, 1):
            raise RuntimeError(f"exit {code}: {stderr.strip()[-300:]}")
        marked = [line for line in stderr.splitlines() if line.startswith(RSS_MARK)]
        if timed is not None and marked:
            return elapsed, int(marked[-1][len(RSS_MARK):]) / 1024
        return elapsed, usage.ru_maxrss / 1024
    completed = subprocess.run(argv, capture_output=True, env=env, cwd=workdir, check=False)
    elapsed = time.perf_counter() - start
    if completed.returncode not in (0, 1):
        raise RuntimeError(
            f"exit {completed.returncode}: {completed.stderr.decode(errors='replace')[-300:]}")
    return elapsed, None


def compile_bytecode() -> None:
    """Byte-compile migctl first, as ``pip install .`` does for a user.

    An editable install under ``PYTHONDONTWRITEBYTECODE`` (as in this sandbox) would otherwise
    compile all ~150 of migctl's modules from source on every run: 0.2-0.4 s of start-up that
    no installed user pays, and that hid in every earlier command-line figure.
    """
    import compileall

    import migctl

    compileall.compile_dir(str(Path(migctl.__file__).parent), quiet=1)


def run_case(case: Case, *, repeat: int | None = None) -> Result:
    from benchmarks.stores import engine

    compile_bytecode()
    workdir = WORK / case.group
    workdir.mkdir(parents=True, exist_ok=True)
    try:
        if case.setup is not None:
            case.setup(workdir)
        times: list[float] = []
        peak: float | None = None
        for _ in range(repeat or case.repeat):
            if case.before_each is not None:
                case.before_each(workdir)
            elapsed, rss = _run_once(case, workdir)
            times.append(elapsed)
            if rss is not None:
                peak = max(peak or 0.0, rss)
        return Result(case, times, peak, engine=engine())
    except Exception as exc:  # a benchmark failure is reported, not raised
        return Result(case, [], error=f"{type(exc).__name__}: {exc}"[:300], engine=engine())


def machine() -> str:
    cpu = platform.processor() or platform.machine()
    return (f"{platform.system()} {platform.machine()}, {os.cpu_count()} CPUs ({cpu}), "
            f"Python {platform.python_version()}")


HEADER = [
    "| group | case | SQLite | PostgreSQL | peak RSS | target | verdict | note |",
    "|---|---|---:|---:|---:|---:|---|---|",
]


def _cell(result: Result | None) -> str:
    if result is None:
        return "–"
    if not result.times:
        return "error"
    return f"{result.median:.3f} s"


def table(results: list[Result]) -> list[str]:
    """One row per case, the engines side by side (medians; "–" where it did not run)."""
    rows: dict[tuple[str, str], dict[str, Result]] = {}
    for result in results:
        rows.setdefault((result.case.group, result.case.name), {})[result.engine] = result
    lines = list(HEADER)
    for (group, name), by_engine in rows.items():
        case = next(iter(by_engine.values())).case
        rss = max((r.rss_mb for r in by_engine.values() if r.rss_mb), default=None)
        target = f"< {case.target_s:g} s" if case.target_s is not None else ""
        verdicts = [by_engine[e].verdict for e in ("sqlite", "postgresql") if e in by_engine]
        verdict = "ref" if case.target_s is None and all(v == "ref" for v in verdicts) else \
            " / ".join(verdicts)
        errors = "; ".join(f"{e}: {r.error}" for e, r in by_engine.items() if r.error)
        lines.append(f"| {group} | {name} | {_cell(by_engine.get('sqlite'))} | "
                     f"{_cell(by_engine.get('postgresql'))} | "
                     f"{f'{rss:.0f} MB' if rss else ''} | {target} | {verdict} | "
                     f"{errors or case.note} |")
    return lines
