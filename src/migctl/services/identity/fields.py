"""The identity check's vocabulary: its finding codes and the columns of the files it reads.

Column names are English with the Finnish aliases HR and directory exports use; extra columns
(names, titles, phone numbers) are ignored and never stored.
"""

from __future__ import annotations

from migctl.checks import CheckCode, Severity
from migctl.importers import Column, TableSpec

I001 = CheckCode("I001", "active employee without an enabled account in their environment")
I002 = CheckCode("I002", "enabled account that belongs to nobody active")
I003 = CheckCode("I003", "employee with accounts in both environments", Severity.WARNING)
I004 = CheckCode("I004", "employee id on two or more accounts of one directory")
I005 = CheckCode("I005", "system user without a directory account")
I006 = CheckCode("I006", "active employee without a user in a system their org unit needs")
I007 = CheckCode("I007", "active employee who needs a system and has not completed its course")
CODES = (I001, I002, I003, I004, I005, I006, I007)

ROSTER = TableSpec(what="HR roster", columns=(
    Column("employee_id", ("henkilönumero", "henkilonumero", "employee", "tunnus")),
    Column("org_unit", ("organisaatioyksikkö", "organisaatio", "yksikkö", "org unit")),
    Column("start_date", ("alkupäivä", "alkaa", "start")),
    Column("end_date", ("loppupäivä", "päättyy", "end"), required=False),
    Column("environment", ("ympäristö", "hakemisto", "env")),
    Column("role", ("rooli", "tehtävä"), required=False),
))
DIRECTORY = TableSpec(what="directory export", columns=(
    Column("upn", ("userprincipalname", "käyttäjätunnus", "login")),
    Column("employee_id", ("employeeid", "henkilönumero", "henkilonumero")),
    Column("enabled", ("accountenabled", "käytössä", "aktiivinen"), required=False),
    Column("display_name", ("displayname", "nimi"), required=False),
))
SYSTEM_USERS = TableSpec(what="system user list", columns=(
    Column("login", ("käyttäjätunnus", "user", "username", "upn")),
    Column("employee_id", ("henkilönumero", "henkilonumero", "employeeid")),
    Column("roles", ("roolit", "rooli", "role"), required=False),
))
REQUIREMENTS = TableSpec(what="system requirements", columns=(
    Column("org_unit", ("organisaatioyksikkö", "yksikkö", "pattern")),
    Column("systems", ("järjestelmät", "järjestelmä", "system")),
))
TRAINING = TableSpec(what="training records", columns=(
    Column("employee_id", ("henkilönumero", "henkilonumero")),
    Column("course", ("kurssi", "koulutus")),
    Column("completed_on", ("suoritettu", "suorituspäivä", "completed")),
))
COURSES = TableSpec(what="required courses", columns=(
    Column("pattern", ("org_unit", "role", "rooli", "yksikkö")),
    Column("system", ("järjestelmä",)),
    Column("course", ("kurssi", "koulutus")),
))
