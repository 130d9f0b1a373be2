"""A worker process for tests/test_concurrency.py: waits for the start signal, then runs its
migctl commands one after another (each its own transaction, as separate invocations would)
and writes their exit codes and output as JSON.

Usage: python -m tests.concurrency_worker COMMANDS.json GO_FILE RESULT.json
"""

from __future__ import annotations

import json
import sys
import time
from pathlib import Path


def main() -> None:
    commands_file, go_file, result_file = (Path(a) for a in sys.argv[1:4])
    commands: list[list[str]] = json.loads(commands_file.read_text())
    from typer.testing import CliRunner

    from migctl.cli.main import app  # imported before the start, so all start together

    runner = CliRunner()
    while not go_file.exists():
        time.sleep(0.005)
    results = []
    for argv in commands:
        result = runner.invoke(app, argv, catch_exceptions=True)
        results.append({"argv": argv, "code": result.exit_code, "stdout": result.stdout,
                        "stderr": result.stderr,
                        "exception": repr(result.exception)
                        if result.exception and not isinstance(result.exception, SystemExit)
                        else None})
    result_file.write_text(json.dumps(results))


if __name__ == "__main__":
    main()
