"""`migctl db …`: the store itself — schema upgrades, backups, portable bundles."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from migctl.cli._context import app_context
from migctl.cli._lazy import new_app
from migctl.cli._options import ListFormat, format_option, output_option
from migctl.cli._output import emit_result

app = new_app("The store itself: schema, backups, portable bundles.")


@app.command("upgrade")
def upgrade_command(ctx: typer.Context) -> None:
    """Upgrade the store to this migctl's schema (`migctl init` creates a missing one)."""
    from migctl.store.migrate import upgrade

    appctx = app_context(ctx)
    before, after = upgrade(appctx.engine(ready=False))
    if before == after:
        typer.echo(f"store {appctx.db_label} is up to date (schema {after})")
    else:
        typer.echo(f"upgraded store {appctx.db_label} from {before or 'empty'} to {after}")


@app.command("current")
def current_command(ctx: typer.Context, fmt: ListFormat = format_option()) -> None:
    """Show the store's schema revision and whether it is current."""
    from migctl.store.migrate import HEAD, current_revision, refuse_newer

    appctx = app_context(ctx)
    engine = appctx.engine(ready=False)
    revision = current_revision(engine)
    refuse_newer(revision, db_label=appctx.db_label, engine=engine)  # not "behind" (exit 2)
    document = {
        "store": appctx.db_label,
        "revision": revision,
        "head": HEAD,
        "up_to_date": revision == HEAD,
    }
    state = "up to date" if revision == HEAD else (
        "missing: run `migctl init`" if revision is None else "behind: run `migctl db upgrade`")
    emit_result(document, fmt,
                f"{appctx.db_label}: {revision or '(no schema)'} (head {HEAD}) — {state}")


@app.command("backup")
def backup_command(
    ctx: typer.Context,
    file: Annotated[Path, typer.Argument(help="Where to write the copy (a SQLite file).")],
) -> None:
    """Copy a SQLite store consistently while others may be writing (online backup)."""
    from migctl.store.bundle import backup_sqlite

    appctx = app_context(ctx)
    backup_sqlite(appctx.engine(), file)
    typer.echo(f"backed up {appctx.db_label} to {file}")


@app.command("export")
def export_command(
    ctx: typer.Context,
    file: Annotated[Path | None, typer.Argument(
        help="The bundle to write (JSON); the same as -o FILE.")] = None,
    output: Path | None = output_option(),
    fmt: ListFormat = format_option(),
) -> None:
    """Write every table of the store to a portable JSON bundle."""
    import sys

    from migctl.cli._output import note
    from migctl.errors import UsageError
    from migctl.store.bundle import export_bundle, write_bundle

    if file is not None and output is not None and file != output:
        raise UsageError("give the bundle's file once: FILE or -o FILE")
    target = output or file
    engine = app_context(ctx).engine()
    if target is None:  # the bundle is the output: what the command says goes to stderr
        counts = write_bundle(engine, sys.stdout)
        sys.stdout.flush()
        note(f"exported {sum(counts.values())} rows in {len(counts)} tables to stdout")
        return
    counts = export_bundle(engine, target)
    emit_result({"file": str(target), "tables": counts}, fmt,
                f"exported {sum(counts.values())} rows in {len(counts)} tables to {target}")


@app.command("import")
def import_command(
    ctx: typer.Context,
    file: Annotated[Path, typer.Argument(help="A bundle written by `migctl db export`.")],
    fmt: ListFormat = format_option(),
) -> None:
    """Load a bundle into a new (empty) store, e.g. to move from SQLite to PostgreSQL."""
    from migctl.errors import InputError
    from migctl.store.bundle import import_bundle

    if not file.is_file():
        raise InputError("no such file", file=str(file))
    # No audit event of its own: the bundle carries the audit log, restored exactly as it was.
    counts = import_bundle(app_context(ctx).engine(ready=False, create=True), file)
    emit_result({"file": str(file), "tables": counts}, fmt,
                f"imported {sum(counts.values())} rows in {len(counts)} tables from {file}")
