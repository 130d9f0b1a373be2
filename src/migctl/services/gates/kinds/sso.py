"""``sso-pass[:SYSTEM[:ENV]]``: every matching SSO check's latest result passed (or warned) and
is younger than the max age (``--max-age``, default a day)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import TypedDict

from migctl.services.gates.criterion import Context, Names, Outcome, checked_name, named
from migctl.services.sso.documents import CheckState
from migctl.services.sso.read import latest_results
from migctl.values import format_duration


@dataclass(frozen=True)
class SsoPass:
    system: str | None = None
    env: str | None = None

    @property
    def spec(self) -> str:
        return ":".join(p for p in ("sso-pass", self.system, self.env) if p)


class CheckEvidence(CheckState):
    age_minutes: int | None
    run_id: int | None
    codes: list[str]
    stale: bool


class SsoEvidence(TypedDict):
    system: str | None
    env: str | None
    max_age_minutes: int
    counts: dict[str, int]  # checks, pass, warn, fail, never, stale
    checks: list[CheckEvidence]


class SsoPassKind:
    name = "sso-pass"
    usage = "sso-pass[:SYSTEM[:ENV]]"

    def parse(self, rest: str, raw: str) -> SsoPass:
        parts = [p.strip() for p in rest.split(":")] if rest else []
        if len(parts) > 2 or any(not p for p in parts):
            raise ValueError(f"{raw!r}: use sso-pass, sso-pass:SYSTEM or sso-pass:SYSTEM:ENV")
        system = checked_name(parts[0], "system") if parts else None
        env = checked_name(parts[1], "environment") if len(parts) > 1 else None
        return SsoPass(system, env)

    def problem(self, criterion: SsoPass, names: Names, gate: str | None) -> str | None:
        if criterion.system is None:
            return None
        envs = names.systems.get(criterion.system)
        if envs is None:
            return f"unknown system {criterion.system!r}; `migctl system list` shows the keys"
        if criterion.env is not None and criterion.env not in envs:
            known = ", ".join(sorted(envs)) or "none"
            return (f"system {criterion.system} has no environment {criterion.env!r} "
                    f"(its environments: {known})")
        return None

    def evaluate(self, criterion: SsoPass, context: Context, gate: str | None
                 ) -> Outcome[SsoEvidence]:
        items = latest_results(context.session,
                               systems=[criterion.system] if criterion.system else None,
                               env=criterion.env)
        now = context.now
        max_age = timedelta(minutes=context.max_age_minutes)
        checks: list[CheckEvidence] = []
        counts = {"checks": len(items), "pass": 0, "warn": 0, "fail": 0, "never": 0, "stale": 0}
        failing: list[str] = []
        oldest: datetime | None = None
        for item in items:
            at: datetime | None = item["checked_at"]
            age = None if at is None else int((now - at).total_seconds() // 60)
            stale = at is not None and now - at > max_age
            counts[item["status"]] = counts.get(item["status"], 0) + 1
            name = f"{item['system']}/{item['env']} {item['kind']}"
            codes = sorted({f["code"] for f in item["findings"]})
            if item["status"] in ("fail", "never"):
                failing.append(f"{name} {'never ran' if item['status'] == 'never' else 'failed'}"
                               + (f" ({', '.join(codes)})" if codes else ""))
            elif stale:
                counts["stale"] += 1
                failing.append(f"{name} last ran {format_duration(age or 0)} ago")
            if at is not None and (oldest is None or at < oldest):
                oldest = at
            checks.append({"id": item["id"], "system": item["system"], "env": item["env"],
                           "kind": item["kind"], "status": item["status"], "checked_at": at,
                           "age_minutes": age, "run_id": item["run_id"], "codes": codes,
                           "stale": stale})
        evidence: SsoEvidence = {"system": criterion.system, "env": criterion.env,
                                 "max_age_minutes": context.max_age_minutes, "counts": counts,
                                 "checks": checks}
        scope = " ".join(p for p in (criterion.system, criterion.env) if p) or "any system"
        if not items:
            return Outcome(False, f"no SSO checks for {scope}; `migctl sso add` or `sso import`",
                           evidence)
        if failing:
            return Outcome(False, f"{len(failing)} of {len(items)} check(s) not passing: "
                           f"{named(failing)}", evidence)
        age = int((now - oldest).total_seconds() // 60) if oldest else 0
        return Outcome(True, f"{len(items)} check(s) pass"
                       + (f" ({counts['warn']} with warnings)" if counts["warn"] else "")
                       + f", the oldest result {format_duration(max(age, 0))} old", evidence)
