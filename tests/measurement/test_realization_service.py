"""realization_save: numbers as people type them, refusals that say which field and why, the
holder-only rule, the stale-version conflict and the audit trail."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest
import time_machine
from django.core.exceptions import PermissionDenied, ValidationError
from factories import indicator_of

from kinerja.audit.models import AuditEntry
from kinerja.catalog.models import Indicator
from kinerja.measurement.models import Realization
from kinerja.measurement.services import RealizationConflict, realization_save

YEAR = 2024


def save(org, role="kasi", *, which=None, period=3, **kwargs):
    """Save as ``role`` for the role's own first indicator unless ``which`` is given."""
    indicator = which or indicator_of(org, role)
    return realization_save(
        actor=org.users[role], indicator=indicator, year=YEAR, period=period, **kwargs
    )


def audit_of(realization):
    return list(
        AuditEntry.objects.filter(
            model="measurement.realization", object_id=str(realization.pk)
        ).order_by("pk")
    )


def test_count_indicator_is_saved_for_its_holder(org):
    indicator = indicator_of(org, "kasi")
    assert indicator.kind == Indicator.Kind.COUNT
    saved = save(org, value="1.234", note="register Maret")
    row = Realization.objects.get()
    assert row.pk == saved.pk
    assert (row.value, row.numerator, row.denominator) == (Decimal("1234"), None, None)
    assert row.position == org.pos["kasi"]
    assert (row.year, row.frequency, row.period) == (YEAR, "monthly", 3)
    assert (row.status, row.version, row.note) == ("draft", 1, "register Maret")
    assert row.entered_by == org.kasi
    assert row.period_label == "Maret 2024"


def test_percentage_indicator_takes_numerator_and_denominator(org):
    indicator = indicator_of(org, "kabid")
    assert indicator.kind == Indicator.Kind.PERCENTAGE
    save(org, "kabid", numerator="612.345", denominator="640.000,5")
    row = Realization.objects.get()
    assert (row.numerator, row.denominator, row.value) == (
        Decimal("612345"),
        Decimal("640000.5"),
        None,
    )
    assert row.position == org.pos["kabid"]


@pytest.mark.parametrize(
    ("typed", "stored"),
    [
        ("1.234", "1234"),
        ("85,5", "85.5"),
        ("1.234,5", "1234.5"),
        ("12.345.678", "12345678"),
        ("85.5", "85.5"),
        ("0,25", "0.25"),
        (" 1 234 ", "1234"),
        ("1\u00a0234,75", "1234.75"),
        (1234, "1234"),
        (85.5, "85.5"),
        (Decimal("7.25"), "7.25"),
    ],
)
def test_indonesian_and_plain_numbers(org, typed, stored):
    # hours can be fractional; counts of discrete things cannot (next test)
    Indicator.objects.filter(pk=indicator_of(org, "kasi").pk).update(measure_unit="jam")
    save(org, value=typed)
    assert Realization.objects.get().value == Decimal(stored)


def test_a_count_of_discrete_things_refuses_a_fraction(org):
    unit = indicator_of(org, "kasi").measure_unit
    with pytest.raises(ValidationError) as caught:
        save(org, value="12,5")
    assert caught.value.message_dict["value"] == [
        f"jumlah {unit} harus bilangan bulat, tanpa pecahan"
    ]
    assert Realization.objects.count() == 0


COUNT_REFUSALS = [
    ({"value": "dua belas"}, "value", "'dua belas' bukan angka"),
    ({"value": "12abc"}, "value", "'12abc' bukan angka"),
    ({"value": "NaN"}, "value", "'NaN' bukan angka"),
    ({"value": "Infinity"}, "value", "'Infinity' bukan angka"),
    ({"value": True}, "value", "harus berupa angka"),
    ({"value": "-3"}, "value", "jumlah tidak boleh negatif"),
    ({"value": ""}, "value", "nilai wajib diisi untuk indikator jumlah"),
    ({}, "value", "nilai wajib diisi untuk indikator jumlah"),
    (
        {"value": "3", "numerator": "3"},
        "numerator",
        "indikator jumlah diisi pada kolom nilai, bukan pembilang/penyebut",
    ),
]
PERCENTAGE_REFUSALS = [
    ({"numerator": "delapan", "denominator": "10"}, "numerator", "'delapan' bukan angka"),
    ({"numerator": "8", "denominator": "10,5,1"}, "denominator", "'10,5,1' bukan angka"),
    ({"denominator": "10"}, "numerator", "pembilang wajib diisi"),
    ({"numerator": "8"}, "denominator", "penyebut wajib diisi"),
    ({"numerator": "-1", "denominator": "10"}, "numerator", "pembilang tidak boleh negatif"),
    ({"numerator": "1", "denominator": "-10"}, "denominator", "penyebut tidak boleh negatif"),
    (
        {"numerator": "8", "denominator": "10", "value": "80"},
        "value",
        "indikator persentase/rasio diisi dengan pembilang dan penyebut",
    ),
    (
        {"numerator": "1.001", "denominator": "1.000"},
        "numerator",
        "pembilang (1001) melebihi penyebut (1000); persentase ini tidak dapat melebihi 100%",
    ),
    (
        {"numerator": "100,5", "denominator": "100"},
        "numerator",
        "pembilang (100.5) melebihi penyebut (100); persentase ini tidak dapat melebihi 100%",
    ),
]


@pytest.mark.parametrize(
    ("role", "kwargs", "field", "message"),
    [("kasi", *case) for case in COUNT_REFUSALS]
    + [("kabid", *case) for case in PERCENTAGE_REFUSALS],
)
def test_refusals_name_the_field_in_indonesian(org, role, kwargs, field, message):
    with pytest.raises(ValidationError) as caught:
        save(org, role, **kwargs)
    assert message in caught.value.message_dict[field]
    assert Realization.objects.count() == 0
    assert not AuditEntry.objects.filter(model="measurement.realization").exists()


@pytest.mark.parametrize(
    ("role", "kwargs", "field", "fragment"),
    [
        ("kasi", {"value": "1.000.000.000.000.000"}, "value", "14"),
        ("kabid", {"numerator": "85,123456", "denominator": "100"}, "numerator", "4"),
        ("kabid", {"numerator": "1", "denominator": "10" + "0" * 15}, "denominator", "14"),
    ],
)
def test_numbers_the_column_cannot_hold_are_refused(org, role, kwargs, field, fragment):
    """Not a database error (PostgreSQL) nor a row that later cannot be read back (SQLite)."""
    with pytest.raises(ValidationError) as caught:
        save(org, role, **kwargs)
    assert fragment in caught.value.message_dict[field][0]
    assert Realization.objects.count() == 0


def test_percentage_that_may_exceed_100_accepts_a_larger_numerator(org):
    indicator = indicator_of(org, "kabid")
    indicator.can_exceed_100 = True
    indicator.save(update_fields=["can_exceed_100"])
    save(org, "kabid", which=indicator, numerator="1.050", denominator="1.000")
    assert Realization.objects.get().numerator == Decimal("1050")


def test_a_ratio_may_exceed_one(org):
    indicator = indicator_of(org, "kabid")
    indicator.kind = Indicator.Kind.RATIO
    indicator.save(update_fields=["kind"])
    save(org, "kabid", which=indicator, numerator="30", denominator="12")
    assert Realization.objects.get().numerator == Decimal("30")


@pytest.mark.parametrize(
    ("year", "period", "allowed"),
    [(2024, 6, True), (2024, 7, False), (2023, 12, True), (2025, 1, False)],
)
def test_a_period_that_has_not_started_is_refused(org, year, period, allowed):
    kwargs = {"actor": org.kasi, "indicator": indicator_of(org, "kasi"), "value": "5"}
    if allowed:
        realization_save(year=year, period=period, today=date(2024, 6, 15), **kwargs)
        return
    with pytest.raises(ValidationError) as caught:
        realization_save(year=year, period=period, today=date(2024, 6, 15), **kwargs)
    assert caught.value.message_dict == {
        "period": ["periode ini belum dimulai; realisasi belum dapat diisi"]
    }


def test_the_future_is_judged_by_todays_date_by_default(org):
    with time_machine.travel(date(2024, 6, 15), tick=False):
        save(org, period=6, value="5")
        with pytest.raises(ValidationError) as caught:
            save(org, period=7, value="5")
    assert "belum dimulai" in caught.value.message_dict["period"][0]


@pytest.mark.parametrize(
    ("frequency", "period", "message"),
    [
        ("monthly", 13, "periode harus 1 sampai 12"),
        ("monthly", 0, "periode harus 1 sampai 12"),
        ("quarterly", 5, "periode harus 1 sampai 4"),
        ("quarterly", 0, "periode harus 1 sampai 4"),
    ],
)
def test_period_out_of_range_is_refused(org, frequency, period, message):
    indicator = indicator_of(org, "kasi")
    indicator.frequency = frequency
    indicator.save(update_fields=["frequency"])
    with pytest.raises(ValidationError) as caught:
        save(org, which=indicator, period=period, value="5")
    assert caught.value.message_dict == {"period": [message]}


def test_quarterly_indicator_saves_quarters(org):
    indicator = indicator_of(org, "kasi")
    indicator.frequency = Indicator.Frequency.QUARTERLY
    indicator.save(update_fields=["frequency"])
    saved = save(org, which=indicator, period=4, value="12")
    assert (saved.frequency, saved.period, saved.period_label) == (
        "quarterly",
        4,
        "Triwulan 4 2024",
    )


@pytest.mark.parametrize("role", ["staff", "kabid", "other_kasi", "head", "admin", "outsider"])
def test_only_the_holder_saves_changing_the_indicator_id_in_a_form(org, role):
    """The form posts the kasi's indicator id; anyone but the kasi is refused."""
    with pytest.raises(PermissionDenied):
        save(org, role, which=indicator_of(org, "kasi"), value="5")
    assert Realization.objects.count() == 0
    assert not AuditEntry.objects.filter(model="measurement.realization").exists()


def test_staff_cannot_overwrite_someone_elses_existing_row(org):
    original = save(org, value="10")
    with pytest.raises(PermissionDenied):
        save(org, "staff", which=indicator_of(org, "kasi"), value="999", expected_version=1)
    original.refresh_from_db()
    assert (original.value, original.version) == (Decimal("10"), 1)


class TestConflict:
    def test_second_save_from_a_stale_version_is_refused_and_the_first_kept(self, org):
        first = save(org, value="10")
        assert first.version == 1
        # Two people opened the page at version 1.
        save(org, value="20", expected_version=1)
        with pytest.raises(RealizationConflict) as caught:
            save(org, value="30", expected_version=1)
        assert "Nilai terbaru: nilai 20." in str(caught.value)
        assert caught.value.current.version == 2
        row = Realization.objects.get()
        assert (row.value, row.version) == (Decimal("20"), 2)
        assert [e.after["value"] for e in audit_of(row)] == ["10", "20"]

    def test_conflict_message_shows_numerator_and_denominator(self, org):
        save(org, "kabid", numerator="85,5", denominator="100")
        save(org, "kabid", numerator="90", denominator="100", expected_version=1)
        with pytest.raises(RealizationConflict) as caught:
            save(org, "kabid", numerator="1", denominator="2", expected_version=1)
        assert "Nilai terbaru: pembilang 90, penyebut 100." in str(caught.value)

    def test_the_current_version_is_accepted(self, org):
        save(org, value="10")
        saved = save(org, value="11", expected_version=1)
        assert (saved.value, saved.version) == (Decimal("11"), 2)

    def test_editing_a_row_that_no_longer_exists(self, org):
        with pytest.raises(ValidationError) as caught:
            save(org, value="10", expected_version=3)
        assert caught.value.message_dict == {"version": ["data yang diubah sudah tidak ada"]}


class TestAudit:
    def test_each_save_is_recorded_with_actor_and_values(self, org):
        first = save(org, value="1.234")
        save(org, value="1.300", note="koreksi")
        entries = audit_of(first)
        assert [e.action for e in entries] == ["realisasi.buat", "realisasi.ubah"]
        # the actor by name (issue #12: history in words), the account kept as the FK
        assert all(e.actor == org.kasi and e.actor_label == "Pegawai kasi" for e in entries)
        assert entries[0].before is None
        assert entries[0].after == {
            "numerator": None,
            "denominator": None,
            "value": "1234",
            "note": "",
            "status": "draft",
        }
        assert entries[1].before["value"] == "1234"
        # Sorted: PostgreSQL's jsonb does not keep the keys' order.
        assert sorted(entries[1].changed_fields()) == [
            ("note", "", "koreksi"),
            ("value", "1234", "1300"),
        ]

    def test_decimal_values_are_recorded_as_decimal_strings(self, org):
        save(org, "kabid", numerator="85,5", denominator="100")
        row = save(org, "kabid", numerator="85,75", denominator="100")
        entries = audit_of(row)
        assert entries[0].after["numerator"] == "85.5"
        assert entries[1].changed_fields() == [("numerator", "85.5", "85.75")]

    @pytest.mark.parametrize(
        ("role", "kwargs"),
        [
            ("kasi", {"value": "1.234"}),
            ("kasi", {"value": "13"}),
            ("kabid", {"numerator": "85,5", "denominator": "100"}),
        ],
    )
    def test_no_entry_when_nothing_changed(self, org, role, kwargs):
        row = save(org, role, **kwargs)
        save(org, role, **kwargs)
        assert len(audit_of(row)) == 1


def test_a_year_outside_the_decree_period_is_refused(org):
    with pytest.raises(ValidationError) as caught:
        realization_save(
            actor=org.kasi, indicator=indicator_of(org, "kasi"), year=2018, period=5, value="5"
        )
    assert caught.value.message_dict == {
        "period": ["tahun 2018 di luar periode keputusan 2019-2024"]
    }


def test_an_unchanged_save_keeps_the_version(org):
    kwargs = {"actor": org.kasi, "indicator": indicator_of(org, "kasi"), "year": 2024, "period": 2}
    first = realization_save(value="7", **kwargs)
    again = realization_save(value="7,0", expected_version=1, **kwargs)
    assert (first.version, again.version) == (1, 1)
