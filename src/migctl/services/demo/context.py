"""What every area's demo loader is handed: session, actor, sample files, the story's clock.

It sits apart from :mod:`migctl.services.demo.build` so that each area's loader can import it
without importing the builder that imports them all (no circle).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path

from sqlmodel import Session

from migctl.errors import UsageError
from migctl.services.audit import Actor

DEMO_KIND = "demo"


#: The sample city's "this morning" (2026-11-22 08:00 in Helsinki): the demo's own imports,
#: validations and translation are stamped then (or now, if now is earlier), so its status reads
#: the same at any later time of day, and `status --as-of "2026-11-22 12:00"` sees them.
STORY_MORNING = datetime(2026, 11, 22, 6, 0, tzinfo=UTC)


@dataclass
class DemoContext:
    session: Session
    actor: Actor
    sample_dir: Path
    loaded: list[str] = field(default_factory=list)
    now: datetime = field(default_factory=lambda: min(datetime.now(UTC), STORY_MORNING))


DemoStep = Callable[[DemoContext], None]


def sample_dir(explicit: Path | None = None) -> Path:
    """The sample data: given, shipped in the wheel, or at the top of a checkout."""
    if explicit is not None:
        if not (explicit / "systems.csv").is_file():
            raise UsageError(f"{explicit} does not look like migctl sample data (no systems.csv)")
        return explicit
    package = Path(__file__).resolve().parents[2]
    for candidate in (package / "sample_data", package.parent.parent / "sample_data"):
        if (candidate / "systems.csv").is_file():
            return candidate
    raise UsageError("the sample data is missing from this installation; pass --from DIR")
