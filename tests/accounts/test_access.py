"""Who may view, enter, verify and reopen which position's data: role x action x object.

The expected tables are written out by hand from the rules (issue 4), not computed from the code:
holders enter only their own; supervisors verify reports within the agency's verification depth;
nobody verifies their own data; the head reads everything and enters only what they hold; admins
read everything and enter or verify nothing; a user without an assignment gets nothing. A staff
user who changes a position id in a URL or a form meets the same ``False``.
"""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from django.contrib.auth.models import AnonymousUser
from django.core.exceptions import ValidationError
from django.utils import timezone
from factories import POSITION_KEYS, fresh_user, make_employee, make_holder, make_user

from kinerja.accounts.access import access_for, positions_for_user
from kinerja.accounts.models import Assignment
from kinerja.accounts.services import assignment_create, assignment_end
from kinerja.audit.models import AuditEntry
from kinerja.catalog.models import Position
from kinerja.catalog.services import SEED_PATH, catalog_import, load_document

ACTIONS = {"v": "view", "e": "enter", "c": "verify", "r": "reopen"}
OBJECTS = ["kasi", "staff", "kabid", "other_kasi", "head", "sekretaris"]

# v = view, e = enter, c = verify (check), r = reopen verified data, - = nothing.
# Tree: head > {sekretaris, kabid, kabid pencatatan sipil (vacant)}; kabid > kasi > staff;
# kabid pencatatan sipil > other_kasi.
MATRIX = {
    1: """
        role        kasi  staff kabid other_kasi head sekretaris
        head        vr    vr    vcr   vr         ve   vcr
        kabid       vcr   vr    ve    -          -    -
        kasi        ve    vcr   -     -          -    -
        other_kasi  -     -     -     ve         -    -
        staff       -     ve    -     -          -    -
        admin       v     v     v     v          v    v
        outsider    -     -     -     -          -    -
    """,
    2: """
        role        kasi  staff kabid other_kasi head sekretaris
        head        vcr   vr    vcr   vcr        ve   vcr
        kabid       vcr   vcr   ve    -          -    -
        kasi        ve    vcr   -     -          -    -
        other_kasi  -     -     -     ve         -    -
        staff       -     ve    -     -          -    -
        admin       v     v     v     v          v    v
        outsider    -     -     -     -          -    -
    """,
    None: """
        role        kasi  staff kabid other_kasi head sekretaris
        head        vcr   vcr   vcr   vcr        ve   vcr
        kabid       vcr   vcr   ve    -          -    -
        kasi        ve    vcr   -     -          -    -
        other_kasi  -     -     -     ve         -    -
        staff       -     ve    -     -          -    -
        admin       v     v     v     v          v    v
        outsider    -     -     -     -          -    -
    """,
}


def _cells():
    """One case per (depth, role, object): the expected letters of that cell."""
    for depth, table in MATRIX.items():
        header, *rows = [line.split() for line in table.strip().splitlines()]
        assert header[1:] == OBJECTS
        for row in rows:
            role, cells = row[0], row[1:]
            for obj, allowed in zip(OBJECTS, cells, strict=True):
                yield pytest.param(
                    depth, role, obj, allowed.strip("-"), id=f"depth{depth}-{role}-{obj}"
                )


def granted(access, position_id: int) -> str:
    """The cell as the code computes it, in the table's letters."""
    return "".join(
        letter
        for letter, action in ACTIONS.items()
        if getattr(access, f"can_{action}")(position_id)
    )


@pytest.mark.parametrize(("depth", "role", "obj", "expected"), list(_cells()))
def test_matrix(org, depth, role, obj, expected):
    org.agency.supervision_depth = depth
    org.agency.save(update_fields=["supervision_depth"])
    access = access_for(org.users[role])
    assert granted(access, org.pos[obj].pk) == expected


def test_matrix_covers_every_role_object_and_depth_setting():
    cells = list(_cells())
    assert len(cells) == 3 * 7 * 6
    assert {c.values[1] for c in cells} == {
        "head",
        "kabid",
        "kasi",
        "other_kasi",
        "staff",
        "admin",
        "outsider",
    }


@pytest.mark.parametrize(
    ("role", "visible"),
    [
        ("staff", {"staff"}),
        ("kasi", {"kasi", "staff"}),
        ("kabid", {"kabid", "kasi", "staff", "seksi_pindah"}),
        ("other_kasi", {"other_kasi"}),
        ("outsider", set()),
    ],
)
def test_positions_for_user_scopes_the_selector(org, role, visible):
    seksi_pindah = Position.objects.get(
        decree=org.decree, key="kepala-seksi-pindah-datang-dan-pendataan-penduduk"
    )
    names = {**{r: org.pos[r].pk for r in POSITION_KEYS}, "seksi_pindah": seksi_pindah.pk}
    expected = {names[r] for r in visible}
    assert set(positions_for_user(org.users[role]).values_list("pk", flat=True)) == expected


@pytest.mark.parametrize("role", ["head", "admin"])
def test_head_and_admin_read_every_position_of_the_decree(org, role):
    all_ids = set(Position.objects.filter(decree=org.decree).values_list("pk", flat=True))
    assert len(all_ids) == 25
    assert set(positions_for_user(org.users[role]).values_list("pk", flat=True)) == all_ids
    # admin is the agency's perencana: this agency only (issue #12), like the head
    assert access_for(org.users[role]).visible_ids() == all_ids


def test_head_of_another_agency_reads_nothing_here(org):
    document, sha = load_document(SEED_PATH.read_bytes())
    document["decree"]["agency"] = "Dinas Lain"
    other = catalog_import(document=document, source_sha256=sha, actor="t").decree
    assert other.agency_id != org.agency.pk
    other_head_position = Position.objects.get(decree=other, is_head=True)
    employee = make_employee(other.agency, "Kepala Lain")
    assignment_create(
        actor="t", employee=employee, position=other_head_position, starts_on=date(2020, 1, 1)
    )
    other_head = make_user("kepala_lain", employee)
    access = access_for(other_head)
    assert access.is_head
    for obj in OBJECTS:
        pk = org.pos[obj].pk
        assert not access.can_view(pk)
        assert not access.can_verify(pk)
        assert not access.can_reopen(pk)


DAY = date(2024, 6, 10)


@pytest.mark.parametrize("kind", [Assignment.Kind.PLT, Assignment.Kind.PLH])
def test_acting_holder_gets_what_the_definitive_holder_gets(org, kind):
    acting = make_holder(org, "pelaksana_tugas", org.pos["kasi"], kind=kind)
    got, definitive = access_for(acting), access_for(org.kasi)
    assert got.held == definitive.held == {org.pos["kasi"].pk}
    assert got.below == definitive.below == {org.pos["staff"].pk: 1}
    assert got.can_enter(org.pos["kasi"].pk)
    assert got.can_verify(org.pos["staff"].pk)
    assert got.can_reopen(org.pos["staff"].pk)
    assert not got.can_enter(org.pos["staff"].pk)
    assert not got.can_view(org.pos["kabid"].pk)


def test_assignment_that_ended_yesterday_grants_nothing_today(org):
    sekretaris = org.pos["sekretaris"]
    user = make_holder(org, "mantan", sekretaris, ends_on=DAY - timedelta(days=1))
    today = access_for(fresh_user(user), on=DAY)
    assert today.held == set()
    assert today.below == {}
    assert not today.can_view(sekretaris.pk)
    assert not today.can_enter(sekretaris.pk)
    yesterday = access_for(fresh_user(user), on=DAY - timedelta(days=1))
    assert yesterday.can_enter(sekretaris.pk)
    subbag = Position.objects.get(decree=org.decree, key="kepala-sub-bagian-umum-dan-kepegawaian")
    assert yesterday.can_verify(subbag.pk)


def test_assignment_starting_tomorrow_grants_nothing_today(org):
    sekretaris = org.pos["sekretaris"]
    user = make_holder(org, "calon", sekretaris, starts_on=DAY + timedelta(days=1))
    assert not access_for(fresh_user(user), on=DAY).can_enter(sekretaris.pk)
    assert not access_for(fresh_user(user), on=DAY).can_view(sekretaris.pk)
    assert access_for(fresh_user(user), on=DAY + timedelta(days=1)).can_enter(sekretaris.pk)


def test_access_is_cached_per_user_object_and_day(org):
    user = fresh_user(org.kasi)
    first = access_for(user, on=DAY)
    assert access_for(user, on=DAY) is first
    assert access_for(user, on=DAY + timedelta(days=1)) is not first


def test_reassignment_changes_access_the_same_day(org):
    today = timezone.localdate()
    kasi_assignment = Assignment.objects.get(employee=org.emp["kasi"], position=org.pos["kasi"])
    before = access_for(fresh_user(org.kasi))
    assert before.can_verify(org.pos["staff"].pk)

    assignment_end(actor=org.admin, assignment=kasi_assignment, ends_on=today - timedelta(1))
    assignment_create(
        actor=org.admin, employee=org.emp["kasi"], position=org.pos["sekretaris"], starts_on=today
    )

    after = access_for(fresh_user(org.kasi))
    assert after.held == {org.pos["sekretaris"].pk}
    assert after.can_enter(org.pos["sekretaris"].pk)
    assert not after.can_enter(org.pos["kasi"].pk)
    assert not after.can_view(org.pos["staff"].pk)
    assert not after.can_verify(org.pos["staff"].pk)
    # Yesterday's view of the same person is unchanged: history is kept.
    assert access_for(fresh_user(org.kasi), on=today - timedelta(1)).can_enter(org.pos["kasi"].pk)


def test_nobody_verifies_their_own_data_even_holding_the_supervisor_position(org):
    # The kasi is also Plt. of their own kabid: they still cannot verify their seksi's data,
    # but verify the other seksi under that kabid and their own staff.
    org.agency.supervision_depth = None
    org.agency.save(update_fields=["supervision_depth"])
    assignment_create(
        actor=org.admin,
        employee=org.emp["kasi"],
        position=org.pos["kabid"],
        kind=Assignment.Kind.PLT,
        starts_on=date(2021, 1, 1),
    )
    access = access_for(fresh_user(org.kasi))
    seksi_pindah = Position.objects.get(
        decree=org.decree, key="kepala-seksi-pindah-datang-dan-pendataan-penduduk"
    )
    assert access.held == {org.pos["kasi"].pk, org.pos["kabid"].pk}
    for own in ("kasi", "kabid"):
        assert access.can_enter(org.pos[own].pk)
        assert not access.can_verify(org.pos[own].pk)
        assert not access.can_reopen(org.pos[own].pk)
    assert access.can_verify(seksi_pindah.pk)
    assert access.can_verify(org.pos["staff"].pk)
    assert access.below[org.pos["staff"].pk] == 1  # the nearest held position counts


def test_inactive_and_anonymous_users_get_nothing(org):
    org.kasi.is_active = False
    org.kasi.save(update_fields=["is_active"])
    for user in (fresh_user(org.kasi), AnonymousUser()):
        access = access_for(user)
        assert access.user_id is None
        assert not access.can_view(org.pos["kasi"].pk)
        assert not access.can_enter(org.pos["kasi"].pk)
        assert positions_for_user(user).count() == 0


def test_django_staff_and_superuser_flags_grant_no_data(org):
    """Issue #12: a superuser runs the site; reading an agency's data takes a role there."""
    org.outsider.is_staff = True
    org.outsider.is_superuser = True
    org.outsider.save(update_fields=["is_staff", "is_superuser"])
    access = access_for(fresh_user(org.outsider))
    assert not access.is_admin
    assert not access.can_view(org.pos["kasi"].pk)
    assert not access.can_enter(org.pos["kasi"].pk)
    assert not access.can_verify(org.pos["kasi"].pk)


class TestAssignmentService:
    def test_one_definitive_holder_at_a_time(self, org):
        newcomer = make_employee(org.agency, "Pendatang")
        with pytest.raises(ValidationError) as caught:
            assignment_create(
                actor=org.admin, employee=newcomer, position=org.pos["kasi"], starts_on=DAY
            )
        message = caught.value.message_dict["position"][0]
        assert "sudah dijabat definitif oleh Pegawai kasi sejak 01-01-2020" in message
        # An acting holder may overlap; after the definitive one ends, a new one may start.
        assignment_create(
            actor=org.admin,
            employee=newcomer,
            position=org.pos["kasi"],
            kind=Assignment.Kind.PLT,
            starts_on=DAY,
        )
        current = Assignment.objects.get(employee=org.emp["kasi"])
        assignment_end(actor=org.admin, assignment=current, ends_on=DAY)
        later = assignment_create(
            actor=org.admin,
            employee=make_employee(org.agency, "Pengganti"),
            position=org.pos["kasi"],
            starts_on=DAY + timedelta(days=1),
        )
        assert later.kind == Assignment.Kind.DEFINITIF

    def test_refusals(self, org):
        employee = make_employee(org.agency, "Baru")
        with pytest.raises(ValidationError) as caught:
            assignment_create(
                actor=org.admin,
                employee=employee,
                position=org.pos["sekretaris"],
                starts_on=DAY,
                ends_on=DAY - timedelta(days=1),
            )
        assert caught.value.message_dict == {"ends_on": ["tanggal selesai sebelum tanggal mulai"]}
        current = Assignment.objects.get(employee=org.emp["kasi"])
        with pytest.raises(ValidationError):
            assignment_end(actor=org.admin, assignment=current, ends_on=date(2019, 12, 31))

    def test_employee_of_another_agency_is_refused(self, org):
        document, sha = load_document(SEED_PATH.read_bytes())
        document["decree"]["agency"] = "Dinas Lain"
        other = catalog_import(document=document, source_sha256=sha, actor="t").decree
        stranger = make_employee(other.agency, "Orang Lain")
        with pytest.raises(ValidationError) as caught:
            assignment_create(
                actor=org.admin, employee=stranger, position=org.pos["sekretaris"], starts_on=DAY
            )
        assert "bukan pegawai perangkat daerah" in caught.value.message_dict["employee"][0]

    def test_assignments_are_audited(self, org):
        employee = make_employee(org.agency, "Sekretaris Baru")
        assignment = assignment_create(
            actor=org.admin,
            employee=employee,
            position=org.pos["sekretaris"],
            kind=Assignment.Kind.PLT,
            starts_on=DAY,
            reference="800/12/434.204/2024",
            reason="sekretaris definitif pensiun",
        )
        assignment_end(actor=org.admin, assignment=assignment, ends_on=date(2024, 12, 31))
        entries = list(
            AuditEntry.objects.filter(
                model="accounts.assignment", object_id=str(assignment.pk)
            ).order_by("pk")
        )
        assert [e.action for e in entries] == ["penugasan.buat", "penugasan.akhiri"]
        assert all(e.actor == org.admin and e.actor_label == "admin" for e in entries)
        assert entries[0].before is None
        assert entries[0].after == {
            "employee": employee.pk,
            "position": org.pos["sekretaris"].pk,
            "kind": "plt",
            "starts_on": "2024-06-10",
            "ends_on": None,
            "reference": "800/12/434.204/2024",
        }
        assert entries[0].reason == "sekretaris definitif pensiun"
        assert entries[1].changed_fields() == [("ends_on", None, "2024-12-31")]
