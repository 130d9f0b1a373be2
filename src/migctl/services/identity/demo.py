"""The demo's identity check: the sample city's HR roster, both directory exports, three
systems' user lists and the LMS export, judged on go-live day (4.1.2027) and recorded.

The demo pseudonymises with :data:`DEMO_KEY`, a fixed key written here in the open so the demo
store is the same on every machine. It is for the invented sample people only: a real check
takes its key from ``MIGCTL_PSEUDONYM_KEY`` or ``--key-file`` and never from here.
"""

from __future__ import annotations

from datetime import date

from migctl.services.demo.context import DemoContext
from migctl.services.identity import runs
from migctl.services.pseudonym import Pseudonymiser

#: Public, demo only (see the module's docstring).
DEMO_KEY = b"migctl demo pseudonym key - public, for the sample data only"
GO_LIVE = date(2027, 1, 4)
SYSTEMS = ("raindance", "basware", "personec_hr")


def load_identity_demo(context: DemoContext) -> None:
    folder = context.sample_dir / "identity"
    if not (folder / "hr_roster.csv").is_file():
        return
    files = runs.CheckFiles(
        roster=folder / "hr_roster.csv",
        directories={"admin": folder / "admin_directory.csv",
                     "education": folder / "education_directory.csv"},
        systems={key: folder / f"users_{key}.csv" for key in SYSTEMS},
        requirements=folder / "system_requirements.csv",
        training=folder / "lms_completions.csv", courses=folder / "courses.csv")
    runs.verify(context.session, files)
    pseudonym = Pseudonymiser(DEMO_KEY)
    result = runs.judge(files, pseudonym, on=GO_LIVE)
    runs.record(context.session, context.actor, files, result, pseudonym,
                started=context.now, now=context.now)
    context.loaded.append("identity/ (checked with the demo's public pseudonym key)")
