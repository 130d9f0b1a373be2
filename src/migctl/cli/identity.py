"""`migctl identity …`: can everyone who works on go-live day log in, to what they need, trained?

Employee ids, logins and account names are pseudonymised with a key that is never stored
(``MIGCTL_PSEUDONYM_KEY`` or ``--key-file``); without it nothing is read.
"""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from migctl.cli._context import app_context
from migctl.cli._lazy import new_app
from migctl.cli._options import CheckFormat, check_format_option, output_option
from migctl.cli._output import View

app = new_app("Identity and training coverage: accounts, system users and courses.")

@app.command("check")
def check(
    ctx: typer.Context,
    roster: Annotated[Path, typer.Option(
        "--roster", help="HR roster: employee_id, org_unit, start_date, end_date, "
        "environment (role optional).", dir_okay=False)],
    on: Annotated[str, typer.Option("--on", help="The day judged (go-live day), e.g. "
                                    "2027-01-04 or 4.1.2027.")],
    directory: Annotated[list[str], typer.Option(
        "--directory", help="ENV=FILE, repeatable: a directory export (upn, employee_id, "
        "enabled, display_name).")],
    system: Annotated[list[str] | None, typer.Option(
        "--system", help="KEY=FILE, repeatable: a system's user list (login, employee_id, "
        "roles); KEY from `system list`.")] = None,
    requirements: Annotated[Path | None, typer.Option(
        "--requirements", help="org_unit pattern → systems it needs (I006).",
        dir_okay=False)] = None,
    training: Annotated[Path | None, typer.Option(
        "--training", help="LMS export: employee_id, course, completed_on.",
        dir_okay=False)] = None,
    courses: Annotated[Path | None, typer.Option(
        "--courses", help="pattern (org unit or role) → system → course it needs.",
        dir_okay=False)] = None,
    key_file: Annotated[Path | None, typer.Option(
        "--key-file", help="The pseudonym key (default: $MIGCTL_PSEUDONYM_KEY).",
        dir_okay=False)] = None,
    fmt: CheckFormat = check_format_option(),
    output: Path | None = output_option(),
) -> None:
    """Check accounts, system users and training on a day; record the run (exit 1 on errors).

    Findings: I001 active without an enabled account, I002 a leaver's account still enabled,
    I003 accounts in both environments, I004 one employee id on several accounts, I005 a system
    user without an account, I006 a needed system without a user, I007 a needed course not
    completed by the day.
    """
    from migctl.cli._output import emit_check
    from migctl.cli._time import now, parse_day
    from migctl.render.identity import check_view
    from migctl.services.identity import runs
    from migctl.services.pseudonym import load_key

    day = parse_day(on, "on")
    assert day is not None
    files = runs.CheckFiles(
        roster=roster, directories=runs.directory_files(directory),
        systems=runs.parse_pairs(system or [], field="system", what="key"),
        requirements=requirements, training=training, courses=courses)
    pseudonym = load_key(key_file)
    appctx = app_context(ctx)
    with appctx.connection() as db:
        runs.verify(db, files)
    started = now()
    result = runs.judge(files, pseudonym, on=day)
    with appctx.session(write=True) as session:
        document = runs.record(session, appctx.actor(ctx), files, result, pseudonym,
                               started=started, now=now())
    emit_check(result.report, fmt, output, suite="migctl identity check",
               table=lambda: check_view(document, result.report), document=dict(document),
               paths=runs.given_paths(files))


@app.command("history")
def history(ctx: typer.Context, view: View = View()) -> None:
    """Every recorded identity check, newest first (pseudonymised figures only)."""
    from migctl.render.identity import history_columns
    from migctl.services.identity.read import history as run_history

    with app_context(ctx).connection() as db:
        rows = run_history(db)
        tz = app_context(ctx).timezone(db)
    view.listing(rows, history_columns(tz),
                 empty="no identity check has run: `migctl identity check`")
