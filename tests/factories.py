"""Named people on the Sampang seed decree, for the access, planning and measurement tests.

Roles (each a User linked to an Employee with a valid NIP, assigned definitif from 2020-01-01
through ``kinerja.accounts.services``):

    head        Kepala Dinas (the synthesized head position, is_head=True)
    kabid       Kepala Bidang Pelayanan Pendaftaran Penduduk
    kasi        Kepala Seksi Identitas Penduduk (under kabid)
    other_kasi  Kepala Seksi Kelahiran dan Kematian (under the other, vacant, Kabid)
    staff       Pengolah Mutasi Penduduk, a pelaksana given kasi as supervisor
    admin       superuser, no employee; perencana and administrator of the agency
    outsider    a user with no employee and no assignment

The Sekretaris position is vacant. Importing the seed costs about 0.2 s, so the ``org`` fixture
builds the organisation once per test module inside an outer transaction; every test runs in a
savepoint of it (pytest-django's ``db``), so what a test writes is rolled back, and ``org``
re-reads the rows so that no Python object (nor the access cached on a user) leaks between tests.
"""

from __future__ import annotations

import itertools
from dataclasses import dataclass, field
from datetime import date

import pytest
from django.db import transaction

from kinerja.accounts.models import Assignment, Employee, Role, User
from kinerja.accounts.services import assignment_create, employee_save, role_grant
from kinerja.catalog.models import Agency, Decree, Indicator, Position
from kinerja.catalog.services import SEED_PATH, catalog_import, load_document

START = date(2020, 1, 1)

POSITION_KEYS = {
    "head": "kepala-dinas",
    "sekretaris": "sekretaris",
    "kabid": "kepala-bidang-pelayanan-pendaftaran-penduduk",
    "kasi": "kepala-seksi-identitas-penduduk",
    "other_kasi": "kepala-seksi-kelahiran-dan-kematian",
    "staff": "pengolah-mutasi-penduduk",
}
HOLDERS = ["head", "kabid", "kasi", "other_kasi", "staff"]
ROLES = [*HOLDERS, "admin", "outsider"]

_serial = itertools.cycle(range(100, 1000))  # 1-99 are the named roles


def nip(serial: int | None = None) -> str:
    """A valid NIP: born 1 January 1980, CPNS January 2005, man, the given serial."""
    return f"198001012005011{serial if serial is not None else next(_serial):03d}"


@dataclass
class Org:
    decree: Decree
    agency: Agency
    pos: dict[str, Position]
    users: dict[str, User]
    emp: dict[str, Employee] = field(default_factory=dict)

    def __getattr__(self, name: str) -> User:
        users = self.__dict__.get("users") or {}
        if name in users:
            return users[name]
        raise AttributeError(name)


def make_employee(agency: Agency, name: str, serial: int | None = None) -> Employee:
    return employee_save(actor="fixture", agency=agency, nip=nip(serial), name=name)


def make_user(username: str, employee: Employee | None = None, **extra) -> User:
    # No password: the hashers are not what these tests are about.
    return User.objects.create_user(username, employee=employee, **extra)


def make_holder(
    org: Org,
    username: str,
    position: Position,
    *,
    kind: str = Assignment.Kind.DEFINITIF,
    starts_on: date = START,
    ends_on: date | None = None,
) -> User:
    """A new employee and user holding ``position`` (Plt./Plh. with ``kind``)."""
    employee = make_employee(org.agency, username.replace("_", " ").title())
    assignment_create(
        actor="fixture",
        employee=employee,
        position=position,
        kind=kind,
        starts_on=starts_on,
        ends_on=ends_on,
    )
    return make_user(username, employee)


def fresh_user(user: User) -> User:
    """The same account as a new object: access is cached per user object (per request)."""
    return User.objects.select_related("employee").get(pk=user.pk)


def indicators_of(position: Position) -> list[Indicator]:
    return list(Indicator.objects.filter(goal__position=position).order_by("goal__order", "order"))


def indicator_of(org: Org, role: str, index: int = 0) -> Indicator:
    """The role's position's indicator in decree order (kasi, staff: counts; kabid: percentages)."""
    return indicators_of(org.pos[role])[index]


def build_org(decree: Decree) -> Org:
    agency = decree.agency
    positions = {
        role: Position.objects.get(decree=decree, key=key) for role, key in POSITION_KEYS.items()
    }
    staff_position = positions["staff"]
    staff_position.supervisor = positions["kasi"]
    staff_position.save(update_fields=["supervisor"])
    users: dict[str, User] = {}
    employees: dict[str, Employee] = {}
    for serial, role in enumerate(HOLDERS, start=1):
        employee = make_employee(agency, f"Pegawai {role}", serial)
        assignment_create(
            actor="fixture", employee=employee, position=positions[role], starts_on=START
        )
        employees[role] = employee
        users[role] = make_user(role, employee)
    # The planning office's account: perencana and administrator of this agency (a superuser
    # flag alone grants no data, issue #12).
    users["admin"] = User.objects.create_superuser("admin", password=None)
    for role in (Role.PERENCANA, Role.ADMINISTRATOR):
        role_grant(actor=None, user=users["admin"], agency=agency, role=role)
    users["outsider"] = make_user("outsider")
    return Org(decree=decree, agency=agency, pos=positions, users=users, emp=employees)


def reload_org(org: Org) -> Org:
    """Fresh objects for the same rows (nothing cached from an earlier test)."""
    decree = Decree.objects.select_related("agency").get(pk=org.decree.pk)
    positions = Position.objects.in_bulk([p.pk for p in org.pos.values()])
    users = User.objects.in_bulk([u.pk for u in org.users.values()])
    employees = Employee.objects.in_bulk([e.pk for e in org.emp.values()])
    return Org(
        decree=decree,
        agency=decree.agency,
        pos={role: positions[p.pk] for role, p in org.pos.items()},
        users={role: users[u.pk] for role, u in org.users.items()},
        emp={role: employees[e.pk] for role, e in org.emp.items()},
    )


@pytest.fixture(scope="module")
def org_module(django_db_setup, django_db_blocker):
    """The seed decree and the roles, built once per module in a transaction rolled back at the
    module's end."""
    with django_db_blocker.unblock():
        outer = transaction.atomic()
        outer.__enter__()
    try:
        with django_db_blocker.unblock():
            document, sha = load_document(SEED_PATH.read_bytes())
            decree = catalog_import(document=document, source_sha256=sha, actor="fixture").decree
            built = build_org(decree)
        yield built
    finally:
        with django_db_blocker.unblock():
            transaction.set_rollback(True)
            outer.__exit__(None, None, None)


@pytest.fixture
def org(org_module, db) -> Org:
    return reload_org(org_module)
