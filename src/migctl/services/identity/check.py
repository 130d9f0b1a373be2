"""The identity check: HR roster × directory exports × system user lists on one date.

Employee ids, account names and logins are pseudonymised as each row is read
(:mod:`migctl.services.pseudonym`): nothing after :func:`read_inputs` — findings, coverage,
what is stored or printed — ever holds a raw id or a name. Coverage never rounds up to 100 %:
one employee missing out of 20,000 is 99.99 %, not 100.00 %.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date
from decimal import ROUND_DOWN, Decimal
from fnmatch import fnmatchcase
from operator import itemgetter
from pathlib import Path

from migctl import values
from migctl.checks import CheckCode, CheckReport, Finding
from migctl.errors import InputError
from migctl.importers import TableSpec, read_table
from migctl.services.identity.fields import (
    CODES,
    COURSES,
    DIRECTORY,
    I001,
    I002,
    I003,
    I004,
    I005,
    I006,
    I007,
    REQUIREMENTS,
    ROSTER,
    SYSTEM_USERS,
    TRAINING,
)
from migctl.services.pseudonym import Pseudonymiser

ENVIRONMENT_ALIASES = {"hallinto": "admin", "administration": "admin", "opetus": "education",
                       "sivistys": "education", "koulutus": "education", "edu": "education"}
HUNDRED = Decimal(100)


@dataclass(frozen=True, slots=True)
class Employee:
    pid: str
    org_unit: str
    environment: str
    role: str
    start: date
    end: date | None
    file: str
    row: int

    def active_on(self, day: date) -> bool:
        return self.start <= day and (self.end is None or self.end >= day)


@dataclass(frozen=True, slots=True)
class Account:
    pid: str  # of the UPN
    employee: str | None  # pseudonym of the employee id attribute
    enabled: bool
    file: str
    row: int


@dataclass(frozen=True, slots=True)
class SystemUser:
    pid: str  # of the login
    employee: str | None
    file: str
    row: int


@dataclass
class Inputs:
    """Everything the check reads, already pseudonymised."""

    roster: list[Employee]
    directories: dict[str, list[Account]]  # environment → accounts
    systems: dict[str, list[SystemUser]] = field(default_factory=dict)  # system key → users
    requirements: list[tuple[str, tuple[str, ...]]] = field(default_factory=list)
    training: dict[str, dict[str, date]] = field(default_factory=dict)  # pid → course → date
    courses: list[tuple[str, str, str]] = field(default_factory=list)  # pattern, system, course
    files: dict[str, str] = field(default_factory=dict)  # role → file as given


@dataclass
class Result:
    on: date
    report: CheckReport
    active: dict[str, int]  # environment → active employees
    coverage: dict[str, Decimal]  # environment → %
    systems: dict[str, Decimal]  # system → % of those who need it with a user
    trained: dict[str, Decimal]  # system → % of those who need its course who completed it


def coverage_pct(covered: int, total: int) -> Decimal:
    """Covered ÷ total × 100, cut (never rounded up) to two decimals; 100 for an empty total."""
    if total == 0:
        return Decimal("100.00")
    return (Decimal(covered) * HUNDRED / Decimal(total)).quantize(Decimal("0.01"),
                                                                  rounding=ROUND_DOWN)


# --- reading --------------------------------------------------------------------------------
# 50,000 roster rows and two directories of 60,000 are read in about a second: the rows are
# taken raw from the shared reader (no per-row Row object), every distinct date or flag text is
# parsed once, and a Row is built only to word an error with its file, row and column.

Cells = tuple[str, ...]


class _Records:
    """The raw rows of one file, as the named columns' stripped texts, empty rows skipped."""

    def __init__(self, path: Path, spec: TableSpec, columns: Sequence[str]) -> None:
        self.table = read_table(path, spec)
        self.columns = list(columns)
        self.indices = [self.table.positions.get(c, -1) for c in columns]
        self._cells: list[str] = []
        self._number = 0

    def __iter__(self) -> Iterator[Cells]:
        indices = self.indices
        present = [i for i in indices if i >= 0]
        width = max(present, default=-1) + 1
        pick = itemgetter(*present) if len(present) > 1 else None
        missing = [slot for slot, i in enumerate(indices) if i < 0]  # read as ""
        strip = str.strip
        for number, cells in self.table.raw:
            if len(cells) < width:
                cells = [*cells, *[""] * (width - len(cells))]
            if pick is not None:
                texts = list(map(strip, pick(cells)))
            else:
                texts = [strip(cells[i]) for i in present]
            for slot in missing:
                texts.insert(slot, "")
            if not any(texts) and not "".join(cells).strip():
                continue
            self._number, self._cells = number, cells
            yield tuple(texts)

    def error(self, column: str, message: str) -> InputError:
        return self.table.make_row(self._number, self._cells).error(column, message)

    def required(self, found: Cells, column: str) -> str:
        text = found[self.columns.index(column)]
        if not text:
            raise self.error(column, "is empty")
        return text

    def where(self) -> tuple[str, int]:
        return self.table.file, self._number

    @property
    def number(self) -> int:
        """The current row's number in its file."""
        return self._number


class _Parsed:
    """Each distinct text parsed once (dates and flags repeat across thousands of rows)."""

    def __init__(self, parse: Callable[[str], object]) -> None:
        self.parse = parse
        self.seen: dict[str, object] = {}

    def __call__(self, text: str) -> object:
        try:
            return self.seen[text]
        except KeyError:
            value = self.seen[text] = self.parse(text)
            return value


def _environment_parser(known: Sequence[str]) -> Callable[[str], object]:
    def parse(text: str) -> object:
        try:
            return values.choose(text, known, ENVIRONMENT_ALIASES, what="an environment")
        except ValueError as exc:
            raise ValueError(f"{exc} (the directories given: {', '.join(known)})") from None
    return parse


def _cell(records: _Records, parser: _Parsed, found: Cells, column: str) -> object:
    text = found[records.columns.index(column)]
    if not text:
        return None
    try:
        return parser(text)
    except ValueError as exc:
        raise records.error(column, str(exc)) from None


def _parsed(records: _Records, parser: _Parsed, text: str, column: str) -> object:
    try:
        return parser(text)
    except ValueError as exc:
        raise records.error(column, str(exc)) from None


def read_roster(path: Path, pseudonym: Pseudonymiser, environments: Sequence[str]
                ) -> list[Employee]:
    records = _Records(path, ROSTER, ("employee_id", "org_unit", "start_date", "end_date",
                                      "environment", "role"))
    dates, envs = _Parsed(values.parse_date), _Parsed(_environment_parser(environments))
    roster = []
    file = records.table.file
    for employee_id, org_unit, start_text, end_text, env_text, role in records:
        for column, text in (("employee_id", employee_id), ("org_unit", org_unit),
                             ("start_date", start_text), ("environment", env_text)):
            if not text:
                raise records.error(column, "is empty")
        start = _parsed(records, dates, start_text, "start_date")
        end = _parsed(records, dates, end_text, "end_date") if end_text else None
        assert isinstance(start, date)
        if isinstance(end, date) and end < start:
            raise records.error("end_date", f"{end} is before the start date {start}")
        environment = _parsed(records, envs, env_text, "environment")
        roster.append(Employee(pseudonym(employee_id), org_unit, str(environment), role,
                               start, end if isinstance(end, date) else None, file,
                               records.number))
    return roster


def read_directory(path: Path, pseudonym: Pseudonymiser) -> list[Account]:
    records = _Records(path, DIRECTORY, ("upn", "employee_id", "enabled"))
    flags = _Parsed(lambda text: values.parse_bool(text, default=True))
    accounts = []
    file = records.table.file
    for upn, employee_id, enabled_text in records:
        if not upn:
            raise records.error("upn", "is empty")
        enabled = _parsed(records, flags, enabled_text, "enabled") if enabled_text else True
        accounts.append(Account(pseudonym(upn, "u"),
                                pseudonym(employee_id) if employee_id else None,
                                enabled is not False, file, records.number))
    return accounts


def read_system_users(path: Path, pseudonym: Pseudonymiser) -> list[SystemUser]:
    records = _Records(path, SYSTEM_USERS, ("login", "employee_id"))
    users = []
    for found in records:
        login = records.required(found, "login")
        file, number = records.where()
        users.append(SystemUser(pseudonym(login, "u"),
                                pseudonym(found[1]) if found[1] else None, file, number))
    return users


def read_requirements(path: Path) -> list[tuple[str, tuple[str, ...]]]:
    records = _Records(path, REQUIREMENTS, ("org_unit", "systems"))
    return [(records.required(found, "org_unit"),
             tuple(s.lower() for s in values.split_list(records.required(found, "systems"))))
            for found in records]


def read_training(path: Path, pseudonym: Pseudonymiser) -> dict[str, dict[str, date]]:
    records = _Records(path, TRAINING, ("employee_id", "course", "completed_on"))
    dates = _Parsed(values.parse_date)
    done: dict[str, dict[str, date]] = defaultdict(dict)
    for found in records:
        employee_id = records.required(found, "employee_id")
        course = records.required(found, "course").casefold()
        completed = _cell(records, dates, found, "completed_on")
        if not isinstance(completed, date):
            continue  # enrolled, not completed
        courses = done[pseudonym(employee_id)]
        courses[course] = min(completed, courses.get(course, completed))
    return dict(done)


def read_courses(path: Path) -> list[tuple[str, str, str]]:
    records = _Records(path, COURSES, ("pattern", "system", "course"))
    return [(records.required(found, "pattern"), records.required(found, "system").lower(),
             records.required(found, "course").casefold()) for found in records]


# --- checking -------------------------------------------------------------------------------

def _matches(pattern: str, *texts: str) -> bool:
    folded = pattern.strip().casefold()
    return any(text and fnmatchcase(text.casefold(), folded) for text in texts)


def _finding(code: CheckCode, message: str, *, file: str, row: int, subject: str,
             **data: object) -> Finding:
    return Finding(code=code.code, severity=code.severity, message=message, file=file, row=row,
                   subject=subject, data=data)


def check(inputs: Inputs, *, on: date) -> Result:
    """Every finding and coverage figure for the employees active ``on`` that day."""
    report = CheckReport(name="identity", codes=list(CODES))
    active = [e for e in inputs.roster if e.active_on(on)]
    active_ids = {e.pid for e in active}
    coverage, counted = _directories(inputs, active, active_ids, report)
    systems = _systems(inputs, active, report)
    trained = _training(inputs, active, on, report)
    report.meta.update({"on": on.isoformat(), "active": len(active)})
    return Result(on=on, report=report, active=counted, coverage=coverage, systems=systems,
                  trained=trained)


def _directories(inputs: Inputs, active: list[Employee], active_ids: set[str],
                 report: CheckReport) -> tuple[dict[str, Decimal], dict[str, int]]:
    enabled_in: dict[str, set[str]] = {}
    any_account: set[str] = set()
    for environment, accounts in inputs.directories.items():
        by_employee: dict[str, list[Account]] = defaultdict(list)
        for account in accounts:
            if account.employee:
                by_employee[account.employee].append(account)
                any_account.add(account.employee)
            if account.enabled and account.employee not in active_ids:
                report.add(_finding(I002, f"enabled account {account.pid} in {environment} "
                                    "belongs to nobody active", file=account.file,
                                    row=account.row, subject=account.pid, env=environment))
        enabled_in[environment] = {e for e, held in by_employee.items()
                                   if any(a.enabled for a in held)}
        for holder, held in by_employee.items():
            if len(held) > 1:
                report.add(_finding(I004, f"employee {holder} is on {len(held)} accounts in "
                                    f"{environment}", file=held[1].file, row=held[1].row,
                                    subject=holder, env=environment,
                                    accounts=[a.pid for a in held]))
    coverage: dict[str, Decimal] = {}
    counted: dict[str, int] = {}
    for environment in inputs.directories:
        people = [e for e in active if e.environment == environment]
        covered = 0
        for employee in people:
            if employee.pid in enabled_in[environment]:
                covered += 1
            else:
                report.add(_finding(I001, f"{employee.pid} ({employee.org_unit}) has no enabled "
                                    f"account in {environment}", file=employee.file,
                                    row=employee.row, subject=employee.pid, env=environment))
            others = [env for env, ids in enabled_in.items()
                      if env != environment and employee.pid in ids]
            if others:
                report.add(_finding(I003, f"{employee.pid} works in {environment} but also has "
                                    f"an account in {', '.join(others)}", file=employee.file,
                                    row=employee.row, subject=employee.pid, env=environment))
        coverage[environment] = coverage_pct(covered, len(people))
        counted[environment] = len(people)
    for system, users in inputs.systems.items():
        for user in users:
            if user.employee is None or user.employee not in any_account:
                report.add(_finding(I005, f"{system} user {user.pid} has no directory account",
                                    file=user.file, row=user.row, subject=user.pid,
                                    system=system))
    return coverage, counted


def _needs(requirements: Sequence[tuple[str, tuple[str, ...]]], employee: Employee
           ) -> set[str]:
    return {system for pattern, systems in requirements
            if _matches(pattern, employee.org_unit) for system in systems}


def _systems(inputs: Inputs, active: list[Employee], report: CheckReport
             ) -> dict[str, Decimal]:
    if not inputs.requirements:
        return {}
    holders = {system: {u.employee for u in users if u.employee}
               for system, users in inputs.systems.items()}
    needed: Mapping[str, list[Employee]] = defaultdict(list)
    for employee in active:
        for system in sorted(_needs(inputs.requirements, employee)):
            if system in holders:
                needed[system].append(employee)
    result = {}
    for system in sorted(holders):
        people = needed.get(system, [])
        missing = [e for e in people if e.pid not in holders[system]]
        for employee in missing:
            report.add(_finding(I006, f"{employee.pid} ({employee.org_unit}) needs {system} "
                                "and has no user there", file=employee.file, row=employee.row,
                                subject=employee.pid, system=system))
        result[system] = coverage_pct(len(people) - len(missing), len(people))
    return result


def _training(inputs: Inputs, active: list[Employee], on: date, report: CheckReport
              ) -> dict[str, Decimal]:
    if not inputs.courses:
        return {}
    needing: dict[str, int] = defaultdict(int)
    done: dict[str, int] = defaultdict(int)
    for employee in active:
        required = {(system, course) for pattern, system, course in inputs.courses
                    if _matches(pattern, employee.org_unit, employee.role)}
        completed = inputs.training.get(employee.pid, {})
        for system, course in sorted(required):
            needing[system] += 1
            when = completed.get(course)
            if when is not None and when <= on:
                done[system] += 1
                continue
            report.add(_finding(I007, f"{employee.pid} ({employee.org_unit}) needs {system} and "
                                f"has not completed {course}", file=employee.file,
                                row=employee.row, subject=employee.pid, system=system,
                                course=course))
    return {system: coverage_pct(done[system], needing[system]) for system in sorted(needing)}


def load_inputs(*, roster: Path, directories: Mapping[str, Path], pseudonym: Pseudonymiser,
                systems: Mapping[str, Path] | None = None, requirements: Path | None = None,
                training: Path | None = None, courses: Path | None = None) -> Inputs:
    """Read every file (pseudonymising as it goes); the first bad cell stops with file:row:col."""
    environments = list(directories)
    inputs = Inputs(roster=read_roster(roster, pseudonym, environments),
                    directories={env: read_directory(path, pseudonym)
                                 for env, path in directories.items()},
                    systems={key: read_system_users(path, pseudonym)
                             for key, path in (systems or {}).items()})
    if requirements is not None:
        inputs.requirements = read_requirements(requirements)
    if training is not None:
        inputs.training = read_training(training, pseudonym)
    if courses is not None:
        inputs.courses = read_courses(courses)
    inputs.files = {"roster": str(roster),
                    **{f"directory:{env}": str(p) for env, p in directories.items()},
                    **{f"system:{key}": str(p) for key, p in (systems or {}).items()}}
    return inputs
