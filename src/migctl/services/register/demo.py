"""The demo's register step: the sample city's action programme, risk list and decisions.

``actions.csv`` and ``risks.csv`` are imported as the city keeps them; the steering group's
review history (from its meeting minutes) and two of its decisions are recorded here, so the
demo shows a rising top risk (R-01, mitigated by the late TP-04) and a risk whose review is due.
The story's "today" is 2026-11-22 (:data:`~migctl.services.demo.context.STORY_MORNING`).
"""

from __future__ import annotations

from datetime import UTC, datetime
from typing import TYPE_CHECKING

from migctl.services.gates.criteria import add_criteria
from migctl.services.register.importer import import_actions, import_risks
from migctl.services.register.write import add_decision, record_review
from migctl.services.settings import timezone

if TYPE_CHECKING:
    from migctl.services.demo.context import DemoContext

STEERING_GROUP = "Ohjausryhmä"
#: Steering-group meetings: when (UTC), and each risk's (likelihood, impact) as reviewed then.
#: R-01 has risen since (now 4×5), R-05 fallen (now 3×3); R-04 and R-06 were not on the
#: October agenda, so their review is due.
REVIEWS: tuple[tuple[datetime, dict[str, tuple[int, int]]], ...] = (
    (datetime(2026, 9, 29, 11, 0, tzinfo=UTC), {
        "R-01": (3, 4), "R-02": (3, 4), "R-03": (2, 5), "R-04": (2, 4), "R-05": (4, 3),
        "R-06": (2, 3), "R-07": (2, 2), "R-08": (3, 2)}),
    (datetime(2026, 10, 27, 11, 0, tzinfo=UTC), {
        "R-01": (3, 5), "R-02": (3, 4), "R-03": (2, 5), "R-05": (4, 3), "R-07": (2, 2),
        "R-08": (3, 2)}),
)
#: The steering group's decisions: (key, what, when, why, systems, gates).
DECISIONS: tuple[tuple[str, str, datetime, str, str, str], ...] = (
    ("DEC-001", "Käyttöönotto yhtenä viikonloppuna (big bang) 4.1.2027",
     datetime(2026, 9, 29, 11, 30, tzinfo=UTC),
     "Vaiheistus olisi vaatinut väliaikaisia integraatioita vanhoihin järjestelmiin.",
     "raindance,basware,personec_palkka,personec_hr", "GATE-0,GATE-2"),
    ("DEC-002", "Palkanlaskennalle lisärinnakkaisajo marraskuun palkoilla",
     datetime(2026, 10, 27, 11, 30, tzinfo=UTC),
     "Lokakuun rinnakkaisajossa 37 palkkaeroa; syyt selvitettävä ennen käyttöönottoa.",
     "personec_palkka,palkkahallinto", "GATE-2"),
)


GO_LIVE_GATE = "GATE-2"
TRAINING_CRITERION = "actions-done:TP-03"


def load_register_demo(context: DemoContext) -> None:
    actions = context.sample_dir / "actions.csv"
    risks = context.sample_dir / "risks.csv"
    if not actions.is_file():
        return
    session, actor, now = context.session, context.actor, context.now
    today = now.astimezone(timezone(session)).date()
    import_actions(session, actor, path=actions, now=now, today=today)
    context.loaded.append(actions.name)
    if risks.is_file():
        import_risks(session, actor, path=risks, now=now, today=today)
        for at, scores in REVIEWS:
            for key, (likelihood, impact) in scores.items():
                record_review(session, actor, key=key, by=STEERING_GROUP, at=at,
                              likelihood=likelihood, impact=impact, now=now)
        context.loaded.append(risks.name)
    for key, title, at, why, systems, gates in DECISIONS:
        add_decision(session, actor, title=title, by=STEERING_GROUP, at=at, now=now, why=why,
                     systems=systems, gates=gates, key=key)
    # The go-live gate waits for the end users' training (GATE-0 keeps its criteria).
    add_criteria(session, actor, gate=GO_LIVE_GATE, specs=[TRAINING_CRITERION], now=now)
