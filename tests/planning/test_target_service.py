"""target_set: within the decree's period, never negative, ranges with an upper bound, Indonesian
decimals, audited, versioned, and only for the planners (admin) and the head."""

from __future__ import annotations

from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from factories import indicator_of

from kinerja.audit.models import AuditEntry
from kinerja.catalog.models import Indicator
from kinerja.planning.models import Target
from kinerja.planning.services import effective_target, target_set


def put(org, role="admin", *, which=None, year=2024, plan="renja", **kwargs):
    indicator = which or indicator_of(org, "kabid")
    kwargs.setdefault("value", "85")
    return target_set(actor=org.users[role], indicator=indicator, year=year, plan=plan, **kwargs)


def audit_of(target):
    return list(
        AuditEntry.objects.filter(model="planning.target", object_id=str(target.pk)).order_by("pk")
    )


@pytest.mark.parametrize(("typed", "stored"), [("85,5", "85.5"), ("1.234", "1234"), (90, "90")])
def test_values_are_read_as_indonesian_numbers(org, typed, stored):
    target = put(org, value=typed)
    target.refresh_from_db()
    assert target.value == Decimal(stored)
    assert (target.year, target.plan, target.quarter, target.version) == (2024, "renja", 0, 1)


@pytest.mark.parametrize(("year", "ok"), [(2018, False), (2019, True), (2024, True), (2025, False)])
def test_the_year_must_lie_in_the_decree_period(org, year, ok):
    if ok:
        assert put(org, year=year).year == year
        return
    with pytest.raises(ValidationError) as caught:
        put(org, year=year)
    assert caught.value.message_dict == {"year": [f"tahun {year} di luar periode 2019-2024"]}
    assert not Target.objects.exists()


@pytest.mark.parametrize(
    ("kwargs", "field", "message"),
    [
        ({"value": "-1"}, "value", "target tidak boleh negatif"),
        ({"value": ""}, "value", "target wajib diisi"),
        ({"value": "delapan"}, "value", "'delapan' bukan angka"),
        ({"value": "80", "value_max": "90"}, "value_max", "batas atas hanya untuk indikator"),
    ],
)
def test_refusals(org, kwargs, field, message):
    with pytest.raises(ValidationError) as caught:
        put(org, **kwargs)
    assert message in caught.value.message_dict[field][0]
    assert not Target.objects.exists()


class TestRange:
    @pytest.fixture
    def ranged(self, org):
        indicator = indicator_of(org, "kabid")
        indicator.polarity = Indicator.Polarity.RANGE
        indicator.save(update_fields=["polarity"])
        return indicator

    @pytest.mark.parametrize("value_max", [None, "79,9"])
    def test_needs_an_upper_bound_not_below_the_lower(self, org, ranged, value_max):
        with pytest.raises(ValidationError) as caught:
            put(org, which=ranged, value="80", value_max=value_max)
        assert caught.value.message_dict == {
            "value_max": ["target rentang butuh batas atas >= batas bawah"]
        }

    def test_saved_with_both_bounds(self, org, ranged):
        target = put(org, which=ranged, value="80", value_max="92,5")
        target.refresh_from_db()
        assert (target.value, target.value_max) == (Decimal("80"), Decimal("92.5"))
        assert audit_of(target)[0].after == {"value": "80", "value_max": "92.5"}


def test_audit_before_and_after_and_the_version(org):
    first = put(org, value="85,5", reason="Renja 2024")
    second = put(org, value="87,25", reason="Renja Perubahan")
    assert first.pk == second.pk
    assert second.version == 2
    entries = audit_of(second)
    assert [e.action for e in entries] == ["target.ubah", "target.ubah"]
    assert all(e.actor == org.admin for e in entries)
    assert entries[0].before is None
    assert entries[0].after == {"value": "85.5", "value_max": None}
    assert entries[0].reason == "Renja 2024"
    assert entries[1].before == {"value": "85.5", "value_max": None}
    assert entries[1].after == {"value": "87.25", "value_max": None}
    assert entries[1].reason == "Renja Perubahan"


def test_no_audit_entry_when_the_value_is_unchanged(org):
    target = put(org, value="85,5")
    put(org, value="85.50")
    assert len(audit_of(target)) == 1


def test_renja_quarters_and_renstra_are_separate_rows(org):
    put(org, plan="renstra", value="80")
    put(org, plan="renja", value="85")
    put(org, plan="renja", value="20", quarter=1)
    assert Target.objects.count() == 3
    assert effective_target(indicator_of(org, "kabid"), 2024).value == Decimal("85")


def test_renstra_is_the_fallback_target(org):
    put(org, plan="renstra", value="80")
    assert effective_target(indicator_of(org, "kabid"), 2024).plan == "renstra"
    assert effective_target(indicator_of(org, "kabid"), 2023) is None


@pytest.mark.parametrize(("quarter", "plan"), [(5, "renja"), (1, "renstra")])
def test_quarters_are_one_to_four_and_only_in_the_renja(org, quarter, plan):
    with pytest.raises(ValidationError):
        put(org, plan=plan, quarter=quarter)
    assert not Target.objects.exists()


@pytest.mark.parametrize(
    ("role", "allowed"),
    [
        ("admin", True),
        ("head", True),
        ("kabid", False),
        ("kasi", False),
        ("staff", False),
        ("other_kasi", False),
        ("outsider", False),
    ],
)
def test_who_may_set_targets(org, role, allowed):
    """Including the holder of the position, and a staff user posting another indicator's id."""
    if allowed:
        assert put(org, role).value == Decimal("85")
        return
    with pytest.raises(PermissionDenied):
        put(org, role)
    assert not Target.objects.exists()
    assert not AuditEntry.objects.filter(model="planning.target").exists()
