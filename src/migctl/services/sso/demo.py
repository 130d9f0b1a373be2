"""The demo's SSO step: the sample city's checks from sso.toml (never run: the demo has no
network, so its status shows them as "never")."""

from __future__ import annotations

from typing import TYPE_CHECKING

from migctl.services.sso.importer import import_checks

if TYPE_CHECKING:
    from migctl.services.demo.context import DemoContext


def load_demo(context: DemoContext) -> None:
    path = context.sample_dir / "sso.toml"
    if not path.is_file():
        return
    import_checks(context.session, context.actor, path=path)
    context.loaded.append("sso.toml")
