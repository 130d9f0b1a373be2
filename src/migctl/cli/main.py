"""The root command: global options and the table of commands.

Only Typer and this package's light modules are imported here. Command modules are imported
when their command runs (see :mod:`migctl.cli._lazy`), and they import SQLModel, Rich and the
rest inside the command functions, so ``migctl --help`` stays instant.
"""

from __future__ import annotations

from typing import Annotated

import typer

from migctl import __version__
from migctl.cli._boundary import BoundaryGroup
from migctl.cli._context import AppContext
from migctl.cli._lazy import Lazy

#: Every command: name → (module:Typer app, one-line help). Order is the order of --help.
COMMANDS: dict[str, Lazy] = {
    "status": Lazy("migctl.cli.status:app", "Show the programme status at a glance."),
    "report": Lazy("migctl.cli.report:app",
                   "Write the steering-group report (HTML for e-mail and A4 print, or Markdown)."),
    "serve": Lazy("migctl.cli.serve:app",
                  "Serve a read-only board of the store that refreshes itself."),
    "demo": Lazy("migctl.cli.demo:app",
                 "Build a fresh store from the sample city's data and print its status."),
    "system": Lazy("migctl.cli.systems:app", "Systems inventory: legacy and target systems."),
    "task": Lazy("migctl.cli.tasks:app",
                 "Cutover runbook: tasks, dependencies, transitions and the plan."),
    "cutover": Lazy("migctl.cli.cutover:app", "Cutover runs: rehearsals and the production run."),
    "chart": Lazy("migctl.cli.charts:app", "Charts of accounts: import, list, show."),
    "dimension": Lazy("migctl.cli.charts:dimension_app",
                      "Cost-object dimensions: import, list, show."),
    "mapping": Lazy("migctl.cli.mapping:app",
                    "Account and cost-object mappings: import, validate, diff, export, "
                    "translate."),
    "recon": Lazy("migctl.cli.recon:app", "Prove the load: target systems against the legacy."),
    "identity": Lazy("migctl.cli.identity:app",
                     "Identity and training coverage: accounts, system users and courses."),
    "sso": Lazy("migctl.cli.sso:app",
                "SSO integration checks per system and directory environment."),
    "incident": Lazy("migctl.cli.incidents:app",
                     "Hypercare incidents: add, list, update and close cases."),
    "kpi": Lazy("migctl.cli.kpis:app", "KPIs: define, record, snapshot and follow trends."),
    "action": Lazy("migctl.cli.actions:app", "Action register: who does what by when."),
    "risk": Lazy("migctl.cli.risks:app", "Risk register: scores, mitigations and reviews."),
    "decision": Lazy("migctl.cli.decisions:app", "Decision log: who decided what and why."),
    "log": Lazy("migctl.cli.log:app", "Show the audit log, newest first."),
    "settings": Lazy("migctl.cli.settings:app", "Programme settings (name, time zone, …)."),
    "init": Lazy("migctl.cli.init:app", "Create the store, or upgrade it to this migctl's schema."),
    "db": Lazy("migctl.cli.db:app", "The store itself: schema, backups, portable bundles."),
}

BoundaryGroup.lazy = COMMANDS

app = typer.Typer(
    name="migctl",
    cls=BoundaryGroup,
    help="The control room of a finance and HR system migration.",
    no_args_is_help=True,
    rich_markup_mode=None,
    pretty_exceptions_enable=False,
    context_settings={"help_option_names": ["-h", "--help"]},
)


def _version(value: bool) -> None:
    if value:
        print(f"migctl {__version__}")
        raise typer.Exit()


@app.callback()
def root(
    ctx: typer.Context,
    db_option: Annotated[
        str | None,
        typer.Option(
            "--db",
            envvar="MIGCTL_DB",
            metavar="PATH|URL",
            help="Store: a SQLite file path or a SQLAlchemy URL (default ./migctl.db).",
            show_envvar=True,
        ),
    ] = None,
    debug: Annotated[
        bool, typer.Option("--debug", help="Show tracebacks for unexpected errors.")
    ] = False,
    version: Annotated[
        bool,
        typer.Option("--version", callback=_version, is_eager=True, help="Show the version."),
    ] = False,
) -> None:
    """The control room of a finance and HR system migration."""
    ctx.obj = AppContext(db=db_option, debug=debug)


def main() -> None:
    """The `migctl` process: the console script and ``python -m migctl``."""
    from migctl.cli._process import short_lived_process

    short_lived_process()
    app()
