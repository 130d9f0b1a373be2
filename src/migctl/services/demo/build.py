"""`migctl demo`: a fresh store built from the sample city's files.

The store is marked as a demo store, so rebuilding it is safe; any other existing store is
left alone unless the user passes ``--force``. Each area contributes one loading step.
"""

from __future__ import annotations

import tomllib
from collections.abc import Callable
from pathlib import Path

from sqlalchemy import Engine

from migctl.config import sqlite_path
from migctl.errors import Conflict
from migctl.services import settings
from migctl.services.audit import Actor
from migctl.services.demo.context import (
    DEMO_KIND,
    DemoContext,
    DemoStep,
    sample_dir,
)
from migctl.services.identity.demo import load_identity_demo
from migctl.services.recon.demo import load_recon_demo
from migctl.services.register.demo import load_register_demo
from migctl.services.runbook.demo import load_runbook_demo
from migctl.services.sso.demo import load_demo as load_sso_demo
from migctl.store import migrate
from migctl.store.engine import check_store_file, dispose_all, make_engine, session_scope


def _load_programme(context: DemoContext) -> None:
    path = context.sample_dir / "programme.toml"
    if not path.is_file():
        return
    with path.open("rb") as handle:
        programme = tomllib.load(handle).get("programme", {})
    for key in ("name", "timezone"):
        if key in programme:
            settings.put(context.session, context.actor, f"programme.{key}", str(programme[key]))
    context.loaded.append("programme.toml")


def _load_systems(context: DemoContext) -> None:
    from migctl.services.systems.write import import_systems

    import_systems(context.session, context.actor, path=context.sample_dir / "systems.csv")
    context.loaded.append("systems.csv")


def _load_cost_objects(context: DemoContext) -> None:
    from migctl.services.mapping.cost_objects_demo import load_cost_objects

    load_cost_objects(context)


def _load_hypercare(context: DemoContext) -> None:
    from migctl.services.hypercare.demo import load_hypercare

    load_hypercare(context)


#: Loading steps in order; each feature appends its own.
def _load_mapping(context: DemoContext) -> None:
    from migctl.services.mapping.demo import load_mapping

    load_mapping(context)


def _load_gates(context: DemoContext) -> None:
    from migctl.services.gates.demo import load_gates_demo

    load_gates_demo(context)


#: Loading steps in order; each feature appends its own.
STEPS: list[DemoStep] = [
    _load_programme, _load_systems, load_runbook_demo, _load_mapping, _load_cost_objects,
    load_sso_demo, _load_hypercare, _load_gates,
    load_register_demo,
    load_recon_demo,
]
STEPS.append(load_identity_demo)


def _existing_kind(engine: Engine) -> str | None:
    """None for an empty store, else its store.kind ('' for a real store)."""
    if migrate.current_revision(engine) is None:
        return None
    try:
        with session_scope(engine) as session:
            return settings.get(session, "store.kind")
    except Exception:
        return ""


def _wipe(url: str, engine: Engine) -> None:
    path = sqlite_path(url)
    if path is not None:
        dispose_all()
        for suffix in ("", "-wal", "-shm", "-journal"):
            candidate = path.with_name(path.name + suffix)
            if candidate.exists():
                candidate.unlink()
        return
    migrate.downgrade(engine, "base")


def build_demo(
    *, db_url: str, db_label: str, actor: Actor, source: Path | None = None, force: bool = False,
    progress: Callable[[int], None] | None = None,
) -> list[str]:
    """Build the demo store; returns the files loaded. ``progress(n)`` hears of each step done
    (of ``len(STEPS)``)."""
    directory = sample_dir(source)
    path = sqlite_path(db_url)
    if path is not None:
        check_store_file(path, label=db_label, create=True)
    engine = make_engine(db_url)
    kind = _existing_kind(engine)
    if kind is not None and kind != DEMO_KIND and not force:
        raise Conflict(
            f"{db_label} already holds a migctl store that is not a demo; "
            "pass --db to use another file, or --force to replace it"
        )
    if kind is not None:
        _wipe(db_url, engine)
        engine = make_engine(db_url)
    migrate.upgrade(engine)
    with session_scope(engine, write=True) as session:
        context = DemoContext(session=session, actor=actor, sample_dir=directory)
        settings.put(session, actor, "store.kind", DEMO_KIND)
        for done, step in enumerate(STEPS, start=1):
            step(context)
            if progress is not None:
                progress(done)
    return context.loaded
