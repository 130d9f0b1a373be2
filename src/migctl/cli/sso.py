"""`migctl sso …`: configure the SSO checks, run them over HTTPS, look back at past runs."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from migctl.cli._context import app_context, reading, writing
from migctl.cli._lazy import new_app
from migctl.cli._options import (
    CheckFormat,
    ListFormat,
    check_format_option,
    format_option,
    output_option,
)
from migctl.cli._output import View, emit_check, emit_imported, emit_result
from migctl.cli._time import now
from migctl.services.sso.spec import DEFAULT_CONCURRENCY, DEFAULT_TIMEOUT_S, DEFAULT_WARN_DAYS

if TYPE_CHECKING:

    from rich.console import RenderableType

    from migctl.services.sso.runs import RunOutcome

app = new_app("SSO integration checks per system and directory environment.")

KINDS_HELP = "saml-idp-metadata, saml-sp-metadata, oidc-discovery or login-redirect."
SystemsOpt = Annotated[
    list[str] | None, typer.Option("--system", help="Only this system (repeatable).")
]
EnvOpt = Annotated[str | None, typer.Option("--env", help="Only this environment.")]
KindOpt = Annotated[str | None, typer.Option("--kind", help=f"Only this kind: {KINDS_HELP}")]


@app.command("add")
def add(
    ctx: typer.Context,
    system: Annotated[str, typer.Option("--system", help="System key.")],
    env: Annotated[str, typer.Option("--env", help="Directory environment: admin, education…")],
    kind: Annotated[str, typer.Option("--kind", help=KINDS_HELP)],
    url: Annotated[str, typer.Option("--url", help="https URL to probe (no credentials).")],
    expect_entity_id: Annotated[str | None, typer.Option(
        "--expect-entity-id", help="SAML metadata: the entityID it must carry.")] = None,
    expect_issuer: Annotated[str | None, typer.Option(
        "--expect-issuer", help="OIDC discovery: the issuer it must carry.")] = None,
    expect_idp_host: Annotated[str | None, typer.Option(
        "--expect-idp-host", help="login-redirect: the IdP host the login must reach.")] = None,
    expect_tenant: Annotated[str | None, typer.Option(
        "--expect-tenant",
        help="Tenant/realm that must appear in the IdP URL (login-redirect), the entityID "
             "(saml-idp-metadata) or the issuer (oidc-discovery).")] = None,
    max_hops: Annotated[int | None, typer.Option(
        "--max-hops", help="login-redirect: most redirects to follow (default 10).")] = None,
    timeout: Annotated[float | None, typer.Option(
        "--timeout", help="Seconds per request for this check (default 10).")] = None,
    expect_acs: Annotated[list[str] | None, typer.Option(
        "--expect-acs", help="saml-sp-metadata: an assertion consumer service URL this "
                             "environment must publish (repeatable; others are refused).")
    ] = None,
    fmt: ListFormat = format_option(),
) -> None:
    """Add one SSO check."""
    from migctl.errors import UsageError
    from migctl.services.sso import config

    raw = {"system": system, "env": env, "kind": kind, "url": url,
           "expect_entity_id": expect_entity_id, "expect_issuer": expect_issuer,
           "expect_idp_host": expect_idp_host, "expect_tenant": expect_tenant,
           "max_hops": max_hops, "timeout": timeout, "expect_acs": expect_acs or None}
    try:
        data = config.validate(raw)
    except config.FieldError as exc:
        raise UsageError(f"{config.option_name(exc.field)}: {exc}") from None
    with writing(ctx) as (session, actor):
        document = config.add_check(session, actor, data)
    emit_result(document, fmt, f"added SSO check {document['id']}: {data.label} {data.url}")


@app.command("list")
def list_command(
    ctx: typer.Context,
    systems: SystemsOpt = None,
    env: EnvOpt = None,
    kind: KindOpt = None,
    view: View = View(),
) -> None:
    """List the SSO checks with their expectations and latest result."""
    from migctl.render.listings import sso_check_listing
    from migctl.services.sso.runs import list_checks

    with app_context(ctx).session() as session:
        checks = list_checks(session, systems=systems, env=env, kind=kind)
    view.listing(*sso_check_listing(checks, now()), document=checks,
                 empty="no SSO checks (add them with `migctl sso add` or `migctl sso import`)")


@app.command("remove")
def remove(
    ctx: typer.Context,
    ids: Annotated[list[int] | None, typer.Argument(help="Check IDs (see `sso list`).")] = None,
    systems: SystemsOpt = None,
    env: EnvOpt = None,
    kind: KindOpt = None,
    fmt: ListFormat = format_option(),
) -> None:
    """Remove SSO checks and their results, by ID or by --system (with --env/--kind)."""
    from migctl.services.sso.config import remove_checks

    with writing(ctx) as (session, actor):
        removed = remove_checks(session, actor, ids=ids, systems=systems, env=env, kind=kind)
    if removed or fmt == ListFormat.json:
        emit_result(removed, fmt, "\n".join(
            f"removed SSO check {check['id']}: {check['system']}/{check['env']} "
            f"{check['kind']} {check['url']}" for check in removed))


@app.command("import")
def import_command(
    ctx: typer.Context,
    file: Annotated[Path, typer.Argument(help="TOML file: [defaults] and [[check]] tables.")],
    prune: Annotated[bool, typer.Option(
        "--prune", help="Also remove the checks the file does not list.")] = False,
    fmt: ListFormat = format_option(),
) -> None:
    """Create or update SSO checks from a TOML file, all or nothing."""
    from migctl.services.sso.importer import import_checks

    with writing(ctx) as (session, actor):
        summary = import_checks(session, actor, path=file, prune=prune)
    emit_imported(summary, fmt, f"{summary.checks} SSO checks",
                  more=[f"{len(summary.removed)} removed"] if prune else [])


@app.command("check")
def check(
    ctx: typer.Context,
    systems: SystemsOpt = None,
    env: EnvOpt = None,
    kind: KindOpt = None,
    timeout: Annotated[float | None, typer.Option(
        "--timeout", help="Seconds per request, for every check (default: each check's own, "
                          f"else {DEFAULT_TIMEOUT_S:g}).")] = None,
    concurrency: Annotated[int, typer.Option(
        "--concurrency", help="How many checks run at once.")] = DEFAULT_CONCURRENCY,
    ca_bundle: Annotated[Path | None, typer.Option(
        "--ca-bundle", help="PEM file of CA certificates to trust (an internal CA) instead of "
                            "the default bundle. Verification is never switched off.")] = None,
    warn_days: Annotated[int, typer.Option(
        "--warn-days", help="Warn about certificates expiring within this many days."
    )] = DEFAULT_WARN_DAYS,
    strict: Annotated[bool, typer.Option(
        "--strict", help="Warnings (expiring soon) fail the run too.")] = False,
    fmt: CheckFormat = check_format_option(),
    output: Path | None = output_option(),
) -> None:
    """Run the SSO checks over HTTPS; exit 1 if any fails."""
    from migctl.render.progress import progress_bar
    from migctl.services.sso import runs

    with app_context(ctx).session() as session:
        plan = runs.plan_run(session, now=now(), systems=systems, env=env,
                             kind=kind, timeout=timeout, concurrency=concurrency,
                             ca_bundle=ca_bundle, warn_days=warn_days, strict=strict)
    show_bar = None if fmt == CheckFormat.table else False
    with progress_bar("SSO checks", total=len(plan.specs), enabled=show_bar) as advance:
        execution = runs.execute(plan, advance)
    with writing(ctx) as (session, actor):
        outcome = runs.record_run(session, actor, plan, execution)
    emit_check(outcome.report, fmt, output, suite="migctl sso", strict=strict,
               table=lambda: _outcome_view(outcome),
               document={"run": outcome.run, **outcome.matrix, "checks": outcome.checks})


def _outcome_view(outcome: RunOutcome) -> RenderableType:
    from rich.console import Group
    from rich.text import Text

    from migctl.render.findings import findings_table
    from migctl.render.sso import matrix_table

    run = outcome.run
    line = Text(f"run {run['id']}: {run['checks']} checks in {run['duration_s']:.1f} s: "
                f"{run['pass']} pass, {run['warn']} warn, {run['fail']} fail")
    return Group(matrix_table(outcome.matrix),
                 findings_table(outcome.report, subject_header="Check"), line)


@app.command("history")
def history(
    ctx: typer.Context,
    check_id: Annotated[int | None, typer.Argument(
        metavar="[CHECK]", help="A check ID (see `sso list`): the keys it saw, run by run."
    )] = None,
    systems: SystemsOpt = None,
    last: Annotated[int, typer.Option("--last", "-n", help="How many runs.")] = 10,
    view: View = View(),
) -> None:
    """Show past SSO check runs, newest first (with --system: counted for that system; with
    CHECK: the certificates and key ids that check saw in each run)."""
    from migctl.render.listings import sso_run_listing
    from migctl.services.sso.runs import history as run_history

    if check_id is not None:
        from migctl.render.sso import key_history_view
        from migctl.services.sso.sightings import key_history

        with reading(ctx) as (session, tz):
            keys = key_history(session, check_id, last=last)
        view.document(keys, lambda: key_history_view(keys, tz))
        return
    with reading(ctx) as (session, tz):
        runs = run_history(session, systems=systems, last=last)
    view.listing(*sso_run_listing(runs, tz), document=runs, empty="no SSO check runs yet")


@app.command("diff")
def diff(
    ctx: typer.Context,
    check_id: Annotated[int, typer.Argument(metavar="CHECK", help="A check ID (see `sso list`).")],
    view: View = View(),
) -> None:
    """Show what changed in a check's certificates and key ids between its last two runs."""
    from migctl.render.sso import key_diff_view
    from migctl.services.sso.sightings import key_diff

    with reading(ctx) as (session, tz):
        document = key_diff(session, check_id)
    view.document(document, lambda: key_diff_view(document, tz))


@app.command("trust")
def trust(
    ctx: typer.Context,
    check_id: Annotated[int, typer.Argument(metavar="CHECK", help="A SAML check ID (see `sso "
                                                                  "list`).")],
    cert: Annotated[Path | None, typer.Option(
        "--cert", help="PEM file of the signing certificate to trust (also an expired one).",
        dir_okay=False)] = None,
    fingerprint: Annotated[str | None, typer.Option(
        "--fingerprint", help="SHA-256 fingerprint of the signing certificate (hex, colons "
                              "allowed); the signature must carry that certificate.")] = None,
    fmt: ListFormat = format_option(),
) -> None:
    """Pin the certificate that must sign a SAML check's metadata (audited)."""
    from migctl.errors import UsageError
    from migctl.services.sso.write import trust_check

    pem = None
    if cert is not None:
        try:
            pem = cert.read_bytes()
        except OSError as exc:
            raise UsageError(f"--cert {cert}: {exc.strerror or exc}") from None
    with writing(ctx) as (session, actor):
        document = trust_check(session, actor, check_id, cert_pem=pem, sha256=fingerprint,
                               now=now())
    emit_result(document, fmt, f"SSO check {check_id} ({document['system']}/{document['env']} "
                               f"{document['kind']}) trusts SHA-256 {document['sha256']}")


@app.command("certs")
def certs(
    ctx: typer.Context,
    until: Annotated[str | None, typer.Option(
        "--until", help="Only certificates expiring on or before this date (YYYY-MM-DD).")
    ] = None,
    view: View = View(),
) -> None:
    """List every certificate the SSO checks saw, with its expiry read against the programme's
    calendar (go-live, cutover window, hypercare)."""
    from migctl.errors import OptionError
    from migctl.render.sso import certificate_listing
    from migctl.services.sso.cert_calendar import certificate_rows
    from migctl.values import parse_date

    day = None
    if until is not None:
        try:
            day = parse_date(until)
        except ValueError as exc:
            raise OptionError(f"{{option}}: {exc}", field="until", value=until) from None
    with reading(ctx) as (session, tz):
        rows = certificate_rows(session, now=now(), until=day)
    view.listing(*certificate_listing(rows, tz), document=rows,
                 empty="no certificates seen yet (`migctl sso check` records them)")
