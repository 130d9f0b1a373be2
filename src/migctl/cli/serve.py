"""`migctl serve`: the read-only board for the war room (see :mod:`migctl.web.server`)."""

from __future__ import annotations

from typing import Annotated

import typer

from migctl.cli._context import app_context
from migctl.cli._lazy import new_app
from migctl.cli._options import Language, lang_option

app = new_app(no_args_is_help=False)


@app.command("serve")
def serve(
    ctx: typer.Context,
    host: Annotated[str, typer.Option("--host", help="Address to listen on. Anything but "
                                                      "loopback needs --token.")] = "127.0.0.1",
    port: Annotated[int, typer.Option("--port", min=0, max=65535,
                                      help="Port (0 picks a free one).")] = 8765,
    token: Annotated[str | None, typer.Option(
        "--token", envvar="MIGCTL_BOARD_TOKEN", show_envvar=True,
        help="Ask every request for this token (Authorization: Bearer, or ?token= in a "
             "link).")] = None,
    lang: Language = lang_option("The board's labels and reasons in English or Finnish."),
) -> None:
    """Serve a read-only board of the store that refreshes itself.

    The board polls every 30 s; /api/status and /api/SECTION serve the documents. Ctrl-C stops.
    """
    import sys

    from migctl.web.server import make_server

    appctx = app_context(ctx)
    appctx.engine().dispose()  # refuses a missing or old store before binding a port
    server = make_server(db_url=appctx.settings.db_url, host=host, port=port, token=token,
                         lang=lang.value)
    bound_host, bound_port = str(server.server_address[0]), int(server.server_address[1])
    shown = f"[{bound_host}]" if ":" in bound_host else bound_host
    link = f"http://{shown}:{bound_port}/" + ("?token=…" if token else "")
    sys.stdout.write(f"board on {link} (read-only; Ctrl-C stops)\n")
    sys.stdout.flush()
    try:
        server.serve_forever(poll_interval=0.5)
    except KeyboardInterrupt:
        pass
    finally:
        server.server_close()
