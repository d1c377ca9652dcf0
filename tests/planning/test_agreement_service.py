"""The Perjanjian Kinerja: drafted for the current holder with the supervisor's holder as second
party, signed with the targets copied into the annex (which locks the Renja targets), and changed
only through a PK Perubahan that supersedes the signed one once it is signed itself."""

from __future__ import annotations

from datetime import date, timedelta
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone
from factories import indicators_of, make_holder

from kinerja.accounts.models import Assignment
from kinerja.accounts.services import assignment_end
from kinerja.audit.models import AuditEntry
from kinerja.catalog.models import Goal, Indicator, Position
from kinerja.planning.models import Agreement, AgreementTransition
from kinerja.planning.services import (
    TargetLocked,
    agreement_create,
    agreement_revise,
    agreement_sign,
    target_set,
)

YEAR = 2024
SIGNED_ON = date(2024, 1, 15)
KASI = "Kepala Seksi Identitas Penduduk"
KABID = "Kepala Bidang Pelayanan Pendaftaran Penduduk"


def set_targets(org, role, values, *, plan="renja", year=YEAR):
    for indicator, value in zip(indicators_of(org.pos[role]), values, strict=False):
        target_set(actor=org.admin, indicator=indicator, year=year, plan=plan, value=value)


def create(org, role="kasi", actor="admin", **kwargs):
    return agreement_create(actor=org.users[actor], position=org.pos[role], year=YEAR, **kwargs)


def sign(org, agreement, actor="kabid"):
    return agreement_sign(
        actor=org.users[actor], agreement=agreement, signed_on=SIGNED_ON, signed_at="Sampang"
    )


def items(agreement):
    return list(agreement.items.order_by("order").values_list("indicator_name", "target_value"))


def transitions(agreement):
    return list(
        AgreementTransition.objects.filter(agreement=agreement)
        .order_by("pk")
        .values_list("from_status", "to_status", "actor__username", "reason")
    )


def audit_actions(agreement):
    return list(
        AuditEntry.objects.filter(model="planning.agreement", object_id=str(agreement.pk))
        .order_by("pk")
        .values_list("action", "actor__username", "reason")
    )


@pytest.fixture
def signed(org):
    """The kasi's PK 2024, targets 100/200/300 (the third from the Renstra), signed by the kabid."""
    set_targets(org, "kasi", ["100", "200"])
    set_targets(org, "kasi", ["0", "0", "300"], plan="renstra")
    return sign(org, create(org))


class TestCreate:
    def test_parties_items_and_history(self, org):
        set_targets(org, "kasi", ["1.500", "800"])
        agreement = create(org)
        assert (agreement.status, agreement.revision, agreement.year) == ("draft", 0, YEAR)
        assert (agreement.first_party, agreement.first_party_acting) == (org.emp["kasi"], "")
        assert (agreement.second_party, agreement.second_party_acting) == (org.emp["kabid"], "")
        assert agreement.second_party_title == KABID
        assert agreement.created_by == org.admin
        names = [i.name for i in indicators_of(org.pos["kasi"])]
        assert items(agreement) == [
            (names[0], Decimal("1500")),
            (names[1], Decimal("800")),
            (names[2], None),
        ]
        assert transitions(agreement) == [("", "draft", "admin", "")]
        assert audit_actions(agreement) == [("pk.draft", "admin", "")]
        entry = AuditEntry.objects.get(model="planning.agreement")
        assert (entry.before, entry.after) == (None, {"status": "draft", "revision": 0})

    def test_percentage_items_carry_the_percent_sign(self, org):
        agreement = create(org, "kabid")
        assert set(agreement.items.values_list("measure_unit", flat=True)) == {"%"}

    @pytest.mark.parametrize("role", ["kabid", "sekretaris"])
    def test_second_party_of_a_kabid_or_sekretaris_is_the_head(self, org, role):
        if role == "sekretaris":
            make_holder(org, "sekretaris", org.pos["sekretaris"])
        agreement = create(org, role)
        assert agreement.second_party == org.emp["head"]
        assert agreement.second_party_title == "Kepala Dinas"

    def test_acting_holders_are_marked_plt(self, org):
        acting_sekretaris = make_holder(
            org, "plt_sekretaris", org.pos["sekretaris"], kind=Assignment.Kind.PLT
        )
        agreement = create(org, "sekretaris")
        assert agreement.first_party == acting_sekretaris.employee
        assert agreement.first_party_acting == "Plt."
        kabid_capil = Position.objects.get(
            decree=org.decree, key="kepala-bidang-pelayanan-pencatatan-sipil"
        )
        acting_kabid = make_holder(org, "plh_kabid", kabid_capil, kind=Assignment.Kind.PLH)
        agreement = create(org, "other_kasi")
        assert agreement.second_party == acting_kabid.employee
        assert agreement.second_party_acting == "Plh."
        assert agreement.second_party_title == "Kepala Bidang Pelayanan Pencatatan Sipil"

    def test_the_definitive_holder_is_first_party_while_a_plt_stands_in(self, org):
        make_holder(org, "plt_kasi", org.pos["kasi"], kind=Assignment.Kind.PLT)
        agreement = create(org)
        assert (agreement.first_party, agreement.first_party_acting) == (org.emp["kasi"], "")

    def test_first_party_is_todays_holder(self, org):
        today = timezone.localdate()
        old = Assignment.objects.get(employee=org.emp["kasi"])
        assignment_end(actor=org.admin, assignment=old, ends_on=today - timedelta(days=1))
        newcomer = make_holder(org, "kasi_baru", org.pos["kasi"], starts_on=today)
        assert create(org).first_party == newcomer.employee

    def test_a_vacant_position_is_refused(self, org):
        with pytest.raises(ValidationError) as caught:
            create(org, "sekretaris")
        assert caught.value.message_dict == {"position": ["jabatan Sekretaris sedang kosong"]}
        assert not Agreement.objects.exists()

    def test_a_vacant_supervisor_is_refused(self, org):
        with pytest.raises(ValidationError) as caught:
            create(org, "other_kasi")
        assert caught.value.message_dict == {
            "position": ["jabatan atasan Kepala Bidang Pelayanan Pencatatan Sipil sedang kosong"]
        }

    def test_a_second_pk_for_the_same_year_is_refused(self, org):
        create(org)
        with pytest.raises(ValidationError) as caught:
            create(org)
        assert caught.value.message_dict == {"year": [f"PK {YEAR} untuk jabatan ini sudah ada"]}
        assert Agreement.objects.count() == 1

    @pytest.mark.parametrize(
        ("region", "title"),
        [
            ("Kabupaten Sampang", "Bupati Sampang"),
            ("Kabupaten Tanah Laut", "Bupati Tanah Laut"),
            ("Kota Malang", "Wali Kota Malang"),
        ],
    )
    def test_the_heads_second_party_is_the_regional_head(self, org, region, title):
        org.agency.region = region
        org.agency.save(update_fields=["region"])
        goal = Goal.objects.create(position=org.pos["head"], statement="Meningkatnya kualitas")
        Indicator.objects.create(goal=goal, name="Indeks kepuasan masyarakat", kind="count")
        agreement = create(org, "head")
        assert agreement.first_party == org.emp["head"]
        assert (agreement.second_party, agreement.second_party_title) == (None, title)

    @pytest.mark.parametrize(
        ("actor", "allowed"),
        [
            ("admin", True),
            ("head", True),
            ("kasi", True),  # the holder drafts their own
            ("kabid", False),
            ("staff", False),
            ("other_kasi", False),
            ("outsider", False),
        ],
    )
    def test_who_may_draft_the_kasis_pk(self, org, actor, allowed):
        if allowed:
            assert create(org, actor=actor).first_party == org.emp["kasi"]
            return
        with pytest.raises(PermissionDenied):
            create(org, actor=actor)
        assert not Agreement.objects.exists()


class TestSign:
    def test_targets_are_copied_and_history_recorded(self, org, signed):
        signed.refresh_from_db()
        assert (signed.status, signed.signed_on, signed.signed_at) == (
            "signed",
            SIGNED_ON,
            "Sampang",
        )
        assert [value for _, value in items(signed)] == [
            Decimal("100"),
            Decimal("200"),
            Decimal("300"),
        ]
        assert transitions(signed) == [("", "draft", "admin", ""), ("draft", "signed", "kabid", "")]
        assert audit_actions(signed) == [("pk.draft", "admin", ""), ("pk.signed", "kabid", "")]
        entry = AuditEntry.objects.get(action="pk.signed")
        assert (entry.before, entry.after) == (
            {"status": "draft"},
            {"status": "signed", "revision": 0},
        )

    def test_targets_set_after_drafting_are_the_ones_signed(self, org):
        agreement = create(org)
        assert [value for _, value in items(agreement)] == [None, None, None]
        set_targets(org, "kasi", ["7", "8", "9"])
        sign(org, agreement)
        assert [value for _, value in items(agreement)] == [Decimal(v) for v in "789"]

    def test_a_missing_target_is_refused(self, org):
        set_targets(org, "kasi", ["100", "200"])
        agreement = create(org)
        with pytest.raises(ValidationError) as caught:
            sign(org, agreement)
        missing = indicators_of(org.pos["kasi"])[2].name
        assert caught.value.message_dict == {
            "items": [f"1 indikator belum bertarget, mis. '{missing}'"]
        }
        agreement.refresh_from_db()
        assert agreement.status == "draft"
        assert transitions(agreement) == [("", "draft", "admin", "")]

    @pytest.mark.parametrize(
        ("actor", "allowed"),
        [
            ("kabid", True),  # the second party
            ("head", True),
            ("admin", True),
            ("kasi", False),  # the first party does not record their own signing
            ("staff", False),
            ("other_kasi", False),
            ("outsider", False),
        ],
    )
    def test_who_may_record_the_signing(self, org, actor, allowed):
        set_targets(org, "kasi", ["1", "2", "3"])
        agreement = create(org)
        if allowed:
            assert sign(org, agreement, actor).status == "signed"
            return
        with pytest.raises(PermissionDenied):
            sign(org, agreement, actor)
        agreement.refresh_from_db()
        assert agreement.status == "draft"

    def test_a_signed_pk_is_not_signed_again(self, org, signed):
        with pytest.raises(ValidationError) as caught:
            sign(org, signed)
        assert caught.value.message_dict == {
            "status": ["hanya konsep PK yang dapat ditandatangani"]
        }

    @pytest.mark.parametrize("quarter", [0, 2])
    def test_a_signed_pk_locks_the_renja_targets(self, org, signed, quarter):
        indicator = indicators_of(org.pos["kasi"])[0]
        with pytest.raises(TargetLocked) as caught:
            target_set(
                actor=org.admin,
                indicator=indicator,
                year=YEAR,
                plan="renja",
                quarter=quarter,
                value="150",
            )
        assert caught.value.message_dict == {
            "value": [
                f"target {YEAR} dikunci oleh PK {YEAR} {KASI} yang sudah ditandatangani; "
                "buat PK Perubahan untuk mengubahnya"
            ]
        }
        assert isinstance(caught.value, ValidationError)

    def test_the_lock_is_only_that_years_renja_of_that_position(self, org, signed):
        indicator = indicators_of(org.pos["kasi"])[0]
        target_set(actor=org.admin, indicator=indicator, year=YEAR, plan="renstra", value="1")
        target_set(actor=org.admin, indicator=indicator, year=2023, plan="renja", value="1")
        set_targets(org, "kabid", ["90"])

    def test_the_signed_annex_keeps_names_when_the_catalog_changes(self, org, signed):
        indicator = indicators_of(org.pos["kasi"])[0]
        old_name = indicator.name
        indicator.name = "Nama baru"
        indicator.save(update_fields=["name"])
        assert items(signed)[0] == (old_name, Decimal("100"))


class TestRevise:
    @pytest.mark.parametrize("reason", ["", "   "])
    def test_needs_a_reason(self, org, signed, reason):
        with pytest.raises(ValidationError) as caught:
            agreement_revise(actor=org.admin, agreement=signed, reason=reason)
        assert caught.value.message_dict == {"reason": ["alasan perubahan wajib diisi"]}
        assert Agreement.objects.count() == 1

    def test_only_a_signed_pk_is_revised(self, org):
        draft = create(org)
        with pytest.raises(ValidationError) as caught:
            agreement_revise(actor=org.admin, agreement=draft, reason="refocusing anggaran")
        assert caught.value.message_dict == {
            "status": ["hanya PK yang sudah ditandatangani yang dapat diubah"]
        }

    @pytest.mark.parametrize("actor", ["kabid", "kasi", "staff", "outsider"])
    def test_only_planners_and_the_head_revise(self, org, signed, actor):
        with pytest.raises(PermissionDenied):
            agreement_revise(actor=org.users[actor], agreement=signed, reason="refocusing")
        assert Agreement.objects.count() == 1

    def test_revision_supersedes_once_signed_and_the_old_annex_stays(self, org, signed):
        revision = agreement_revise(
            actor=org.head, agreement=signed, reason="  refocusing anggaran  "
        )
        assert (revision.revision, revision.status, revision.replaces) == (1, "draft", signed)
        assert revision.reason == "refocusing anggaran"
        assert (revision.first_party, revision.second_party) == (
            org.emp["kasi"],
            org.emp["kabid"],
        )
        assert revision.second_party_title == KABID
        signed.refresh_from_db()
        assert signed.status == "signed"  # until the revision is signed

        # The draft revision unlocks the targets.
        indicator = indicators_of(org.pos["kasi"])[0]
        target_set(actor=org.admin, indicator=indicator, year=YEAR, plan="renja", value="150")
        with pytest.raises(ValidationError) as caught:
            agreement_revise(actor=org.admin, agreement=signed, reason="lagi")
        assert caught.value.message_dict == {"status": ["PK Perubahan untuk PK ini sudah ada"]}

        sign(org, revision)
        signed.refresh_from_db()
        revision.refresh_from_db()
        assert (signed.status, revision.status) == ("superseded", "signed")
        assert [v for _, v in items(signed)] == [Decimal("100"), Decimal("200"), Decimal("300")]
        assert [v for _, v in items(revision)] == [
            Decimal("150"),
            Decimal("200"),
            Decimal("300"),
        ]
        # Signed again: locked again, by the revision.
        with pytest.raises(TargetLocked) as locked:
            target_set(actor=org.admin, indicator=indicator, year=YEAR, plan="renja", value="1")
        assert f"PK {YEAR} {KASI} (Perubahan 1)" in locked.value.message_dict["value"][0]

        reason = f"digantikan oleh PK {YEAR} {KASI} (Perubahan 1)"
        assert transitions(signed) == [
            ("", "draft", "admin", ""),
            ("draft", "signed", "kabid", ""),
            ("signed", "superseded", "kabid", reason),
        ]
        assert transitions(revision) == [
            ("", "draft", "head", "refocusing anggaran"),
            ("draft", "signed", "kabid", ""),
        ]
        assert audit_actions(signed)[-1] == ("pk.superseded", "kabid", reason)
        assert audit_actions(revision) == [
            ("pk.draft", "head", "refocusing anggaran"),
            ("pk.signed", "kabid", ""),
        ]
        # A superseded PK is not revised; the signed revision is (revision 2).
        with pytest.raises(ValidationError):
            agreement_revise(actor=org.admin, agreement=signed, reason="lagi")
        second = agreement_revise(actor=org.admin, agreement=revision, reason="pergeseran")
        assert (second.revision, second.replaces) == (2, revision)
