"""The verification workflow of a realization: draft -> submitted -> verified, returned with a
reason, reopened by the verifier or someone above them; who may do each step; the history rows."""

from __future__ import annotations

from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from factories import START, indicator_of

from kinerja.accounts.models import Assignment
from kinerja.accounts.services import assignment_create
from kinerja.audit.models import AuditEntry
from kinerja.measurement.models import Realization, Status, Transition
from kinerja.measurement.services import (
    RealizationConflict,
    realization_save,
    realization_transition,
)

ALLOWED = {
    (Status.DRAFT, Status.SUBMITTED),
    (Status.RETURNED, Status.SUBMITTED),
    (Status.SUBMITTED, Status.VERIFIED),
    (Status.SUBMITTED, Status.RETURNED),
    (Status.VERIFIED, Status.RETURNED),
}
LABELS = {
    "draft": "Konsep",
    "submitted": "Menunggu verifikasi",
    "verified": "Terverifikasi",
    "returned": "Dikembalikan",
}


@pytest.fixture
def draft(org):
    """The staff member's realization of March 2024 (supervisor: the kasi)."""
    return realization_save(
        actor=org.staff, indicator=indicator_of(org, "staff"), year=2024, period=3, value="40"
    )


def move(org, role, realization, to, reason="", **kwargs):
    return realization_transition(
        actor=org.users[role], realization=realization, to_status=to, reason=reason, **kwargs
    )


def put_in(realization, status):
    """Set a status directly (setup only; the workflow itself is what the tests exercise)."""
    Realization.objects.filter(pk=realization.pk).update(status=status)
    realization.refresh_from_db()
    return realization


def history(realization):
    return list(
        Transition.objects.filter(realization=realization)
        .order_by("pk")
        .values_list("from_status", "to_status", "actor__username", "reason")
    )


def audit_actions(realization):
    return list(
        AuditEntry.objects.filter(model="measurement.realization", object_id=str(realization.pk))
        .order_by("pk")
        .values_list("action", "actor__username", "reason")
    )


def test_the_whole_path_with_history_audit_and_versions(org, draft):
    assert (draft.status, draft.version) == ("draft", 1)
    r = move(org, "staff", draft, Status.SUBMITTED)
    assert (r.status, r.version) == ("submitted", 2)
    r = move(org, "kasi", r, Status.RETURNED, reason="  lampirkan register  ")
    assert (r.status, r.version) == ("returned", 3)
    r = realization_save(
        actor=org.staff, indicator=r.indicator, year=2024, period=3, value="42", expected_version=3
    )
    assert (r.status, r.version, r.value) == ("returned", 4, Decimal("42"))
    r = move(org, "staff", r, Status.SUBMITTED)
    r = move(org, "kasi", r, Status.VERIFIED)
    assert (r.status, r.version) == ("verified", 6)
    assert r.verified_by == org.kasi and r.verified_at is not None
    r = move(org, "kabid", r, Status.RETURNED, reason="angka tidak cocok dengan SIAK")
    assert (r.status, r.version) == ("returned", 7)

    assert history(r) == [
        ("draft", "submitted", "staff", ""),
        ("submitted", "returned", "kasi", "lampirkan register"),
        ("returned", "submitted", "staff", ""),
        ("submitted", "verified", "kasi", ""),
        ("verified", "returned", "kabid", "angka tidak cocok dengan SIAK"),
    ]
    assert audit_actions(r) == [
        ("realisasi.buat", "staff", ""),
        ("realisasi.submitted", "staff", ""),
        ("realisasi.returned", "kasi", "lampirkan register"),
        ("realisasi.ubah", "staff", ""),
        ("realisasi.submitted", "staff", ""),
        ("realisasi.verified", "kasi", ""),
        ("realisasi.returned", "kabid", "angka tidak cocok dengan SIAK"),
    ]
    verified = AuditEntry.objects.get(action="realisasi.verified")
    assert verified.changed_fields() == [("status", "submitted", "verified")]


# Who may take each allowed step (supervision depth 1: only the kasi verifies the staff).
PERMISSIONS = {
    (Status.DRAFT, Status.SUBMITTED): {"staff"},
    (Status.RETURNED, Status.SUBMITTED): {"staff"},
    (Status.SUBMITTED, Status.VERIFIED): {"kasi"},
    (Status.SUBMITTED, Status.RETURNED): {"kasi"},
    (Status.VERIFIED, Status.RETURNED): {"kasi", "kabid", "head"},
}
ROLES = ["staff", "kasi", "kabid", "other_kasi", "head", "admin", "outsider"]


@pytest.mark.parametrize(
    ("from_status", "to_status", "role", "allowed"),
    [
        pytest.param(f, t, role, role in who, id=f"{f}-{t}-{role}")
        for (f, t), who in PERMISSIONS.items()
        for role in ROLES
    ],
)
def test_who_may_take_each_step(org, draft, from_status, to_status, role, allowed):
    put_in(draft, from_status)
    if allowed:
        moved = move(org, role, draft, to_status, reason="alasan")
        assert moved.status == to_status
        assert Transition.objects.get().actor == org.users[role]
        return
    with pytest.raises(PermissionDenied):
        move(org, role, draft, to_status, reason="alasan")
    draft.refresh_from_db()
    assert (draft.status, draft.version) == (from_status, 1)
    assert not Transition.objects.exists()


@pytest.mark.parametrize("depth", [2, None])
def test_a_deeper_verification_depth_lets_the_kabid_verify_the_staff(org, draft, depth):
    org.agency.supervision_depth = depth
    org.agency.save(update_fields=["supervision_depth"])
    put_in(draft, Status.SUBMITTED)
    assert move(org, "kabid", draft, Status.VERIFIED).verified_by == org.kabid


@pytest.mark.parametrize(
    ("from_status", "to_status"),
    [(f, t) for f in LABELS for t in LABELS if (f, t) not in ALLOWED],
)
def test_every_other_pair_is_refused_naming_both_statuses(org, draft, from_status, to_status):
    put_in(draft, from_status)
    # The kasi-and-staff pair covers every permission, so only the pair itself can refuse.
    with pytest.raises(ValidationError) as caught:
        move(org, "kasi", draft, to_status, reason="alasan")
    assert caught.value.message_dict == {
        "status": [f"tidak dapat berpindah dari '{LABELS[from_status]}' ke '{LABELS[to_status]}'"]
    }
    draft.refresh_from_db()
    assert (draft.status, draft.version) == (from_status, 1)


def test_an_unknown_status_is_refused_as_a_validation_error(org, draft):
    with pytest.raises(ValidationError) as caught:
        move(org, "staff", draft, "approved")
    assert caught.value.message_dict == {
        "status": ["tidak dapat berpindah dari 'Konsep' ke 'approved'"]
    }


@pytest.mark.parametrize(
    ("from_status", "role"), [(Status.SUBMITTED, "kasi"), (Status.VERIFIED, "kabid")]
)
@pytest.mark.parametrize("reason", ["", "   "])
def test_returning_needs_a_reason(org, draft, from_status, role, reason):
    put_in(draft, from_status)
    with pytest.raises(ValidationError) as caught:
        move(org, role, draft, Status.RETURNED, reason=reason)
    assert caught.value.message_dict == {"reason": ["alasan wajib diisi"]}
    assert not Transition.objects.exists()


def test_the_holder_never_reopens_their_own_verified_data(org, draft):
    put_in(draft, Status.VERIFIED)
    with pytest.raises(PermissionDenied):
        move(org, "staff", draft, Status.RETURNED, reason="salah ketik")


@pytest.mark.parametrize(
    ("status", "label"),
    [(Status.SUBMITTED, "Menunggu verifikasi"), (Status.VERIFIED, "Terverifikasi")],
)
def test_submitted_and_verified_data_cannot_be_edited(org, draft, status, label):
    put_in(draft, status)
    with pytest.raises(ValidationError) as caught:
        realization_save(
            actor=org.staff, indicator=draft.indicator, year=2024, period=3, value="99"
        )
    assert caught.value.message_dict == {"status": [f"realisasi berstatus '{label}' terkunci"]}
    draft.refresh_from_db()
    assert (draft.value, draft.version) == (Decimal("40"), 1)


def test_a_stale_page_cannot_move_the_workflow(org, draft):
    realization_save(
        actor=org.staff, indicator=draft.indicator, year=2024, period=3, value="41"
    )  # version 2
    with pytest.raises(RealizationConflict) as caught:
        move(org, "staff", draft, Status.SUBMITTED, expected_version=1)
    assert "Nilai terbaru: nilai 41." in str(caught.value)
    draft.refresh_from_db()
    assert draft.status == "draft"


def test_the_verifier_cannot_verify_data_they_entered_as_acting_holder(org, draft):
    """The kasi made Plt. of the staff position enters for it and so cannot verify it."""
    assignment_create(
        actor=org.admin,
        employee=org.emp["kasi"],
        position=org.pos["staff"],
        kind=Assignment.Kind.PLT,
        starts_on=START,
    )
    put_in(draft, Status.SUBMITTED)
    with pytest.raises(PermissionDenied):
        move(org, "kasi", draft, Status.VERIFIED)


def test_reopen_needs_the_verifier_or_someone_above_them(org):
    """At unlimited depth the head may verify a staff entry; the kasi below the head may then not
    reopen it, the head may."""
    from kinerja.measurement.services import realization_save, realization_transition

    org.agency.supervision_depth = None
    org.agency.save(update_fields=["supervision_depth"])
    indicator = org.pos["staff"].goals.first().indicators.first()
    r = realization_save(actor=org.staff, indicator=indicator, year=2024, period=1, value=2)
    realization_transition(actor=org.staff, realization=r, to_status="submitted")
    head = type(org.head).objects.get(pk=org.head.pk)
    realization_transition(actor=head, realization=r, to_status="verified")
    kasi = type(org.kasi).objects.get(pk=org.kasi.pk)
    with pytest.raises(PermissionDenied):
        realization_transition(actor=kasi, realization=r, to_status="returned", reason="salah")
    r.refresh_from_db()
    assert (r.status, r.verified_by_id) == ("verified", head.pk)
    realization_transition(actor=head, realization=r, to_status="returned", reason="salah ketik")
    r.refresh_from_db()
    assert (r.status, r.verified_by_id, r.verified_at) == ("returned", None, None)
