"""The achievement read model: target basis, Rencana Aksi, the two figures, units, roll-ups,
agency rules, and equality with ``kinerja score`` and with the bulk path."""

from __future__ import annotations

import io
import json
from datetime import date
from decimal import Decimal as D

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from kinerja.catalog.models import Indicator
from kinerja.measurement import achievement_score
from kinerja.measurement.achievement import achievement
from kinerja.measurement.models import Realization, Status
from kinerja.planning.models import Agreement, AgreementItem, Target
from kinerja.scoring import Period, run_batch

YEAR = 2024


def _count(org, role="kasi") -> Indicator:
    return org.pos[role].goals.first().indicators.filter(kind="count").first()


def _ktp(org) -> Indicator:
    return org.pos["kabid"].goals.first().indicators.get(name="Persentase penduduk ber KTP-el")


def _realize(indicator, period, *, value=None, num=None, den=None, status=Status.VERIFIED):
    return Realization.objects.create(
        indicator=indicator,
        position=indicator.goal.position,
        year=YEAR,
        frequency=indicator.frequency,
        period=period,
        value=value,
        numerator=num,
        denominator=den,
        status=status,
    )


def _target(indicator, value, plan=Target.Plan.RENJA, quarter=0):
    return Target.objects.update_or_create(
        indicator=indicator, year=YEAR, plan=plan, quarter=quarter, defaults={"value": D(value)}
    )[0]


def _pk(org, role, items, *, revision=0, signed_on=date(2024, 1, 5), replaces=None):
    agreement = Agreement.objects.create(
        position=org.pos[role],
        year=YEAR,
        revision=revision,
        replaces=replaces,
        status=Agreement.Status.SIGNED,
        first_party=org.emp[role],
        second_party_title="Kepala Bidang",
        signed_on=signed_on,
    )
    for order, (indicator, target, reason) in enumerate(items):
        AgreementItem.objects.create(
            agreement=agreement,
            indicator=indicator,
            goal_statement=indicator.goal.statement,
            indicator_name=indicator.name,
            target_value=None if target is None else D(target),
            not_targeted_reason=reason,
            order=order,
        )
    return agreement


def figure(org, indicator, **kw):
    return achievement([indicator.goal.position], YEAR, **kw).of_indicator(indicator.pk)


def test_eleven_of_twelve_is_91_67_official_and_on_track(org):
    indicator = _count(org)
    _target(indicator, 12)
    for month in range(1, 12):
        _realize(indicator, month, value=1)
    f = figure(org, indicator)
    assert (f.value, f.target, f.capaian, f.predicate) == (
        D("11.00"),
        D(12),
        D("91.67"),
        "Sangat Tinggi",
    )
    # progress: 11 against the 11 expected by November (12 x 11/12), a fallback share
    assert (f.progress, f.status, f.expected_basis) == (D("100.00"), "on_track", "pro_rata")
    assert f.basis.code == "renja" and f.basis.label == "Renja 2024"
    assert f.satuan == indicator.measure_unit and f.decimals == 0
    assert f.value_text == f"11 {indicator.measure_unit}"


def test_target_basis_signed_pk_then_pk_perubahan_from_its_signing_date(org):
    indicator = _count(org)
    _target(indicator, 10, plan=Target.Plan.RENSTRA)
    for month in range(1, 9):
        _realize(indicator, month, value=1)
    assert figure(org, indicator).basis.code == "renstra"
    _target(indicator, 12)
    assert (figure(org, indicator).basis.code, figure(org, indicator).target) == ("renja", D(12))
    original = _pk(org, "kasi", [(indicator, 16, "")])
    Target.objects.filter(indicator=indicator).update(value=D(40))  # edits after signing
    f = figure(org, indicator)
    assert (f.basis.code, f.target, f.capaian) == ("pk", D(16), D("50.00"))
    assert f.basis.label == "PK 2024, ditandatangani 5 Januari 2024"
    original.status = Agreement.Status.SUPERSEDED
    original.save()
    _pk(
        org,
        "kasi",
        [(indicator, 10, "")],
        revision=1,
        signed_on=date(2024, 7, 1),
        replaces=original,
    )
    june = figure(org, indicator, as_of=Period.parse("2024-06"))
    august = figure(org, indicator, as_of=Period.parse("2024-08"))
    assert (june.basis.code, june.target, june.capaian) == ("pk", D(16), D("37.50"))
    assert (august.basis.code, august.target, august.capaian) == ("pk_perubahan", D(10), D("80.00"))
    assert august.basis.label.startswith("PK Perubahan ke-1 2024, ditandatangani 1 Juli 2024")


def test_rencana_aksi_holds_a_rising_coverage_to_the_quarter_target(org):
    ktp = _ktp(org)
    _target(ktp, 30)
    for quarter, value in zip((1, 2, 3, 4), (20, 23, 27, 30), strict=True):
        _target(ktp, value, quarter=quarter)
    _realize(ktp, 3, num=21, den=100)
    f = figure(org, ktp, as_of=Period.parse("2024-Q1"))
    # official: 21% against the annual 30% = 70.00 (Sedang); progress: against TW I's 20%
    assert (f.value, f.capaian, f.predicate) == (D("21.00"), D("70.00"), "Sedang")
    assert (f.progress, f.status, f.expected_basis) == (D("105.00"), "on_track", "rencana_aksi")
    assert f.expected_text == "20,00%"
    q1 = f.quarters[0]
    assert (q1.quarter, q1.target, q1.value, q1.capaian) == (1, D(20), D("21.00"), D("105.00"))


def test_not_targeted_item_is_shown_never_scored_and_left_out_of_rollups(org):
    indicators = list(Indicator.objects.filter(goal__position=org.pos["kasi"]).order_by("pk"))
    first, second = indicators[0], indicators[1]
    _pk(org, "kasi", [(first, 10, ""), (second, None, "tidak ada anggaran tahun ini")])
    _realize(first, 1, value=8) if first.kind == "count" else None
    result = achievement([org.pos["kasi"]], YEAR, as_of=Period.parse("2024"))
    skipped = result.of_indicator(second.pk)
    assert (skipped.targeted, skipped.capaian, skipped.predicate) == (False, None, None)
    assert skipped.reason == "tidak ditargetkan: tidak ada anggaran tahun ini"
    rollup = result.positions[org.pos["kasi"].pk]
    assert rollup.not_targeted == 1
    assert rollup.counted + rollup.not_computed + rollup.not_targeted == len(indicators)


def test_rollup_is_the_mean_of_official_capaian_with_its_predicate(org):
    counts = list(Indicator.objects.filter(goal__position=org.pos["kasi"], kind="count")[:2])
    for indicator, value in zip(counts, (8, 10), strict=True):
        _target(indicator, 10)
        _realize(indicator, 1, value=value)
    result = achievement([org.pos["kasi"]], YEAR, as_of=Period.parse("2024-01"))
    capaian = [result.of_indicator(i.pk).capaian for i in counts]
    assert capaian == [D("80.00"), D("100.00")]
    goal = result.goals[counts[0].goal_id]
    if counts[1].goal_id == counts[0].goal_id:
        assert (goal.capaian, goal.predicate, goal.counted) == (D("90.00"), "Tinggi", 2)
    weighted = achievement(
        [org.pos["kasi"]], YEAR, as_of=Period.parse("2024-01"), weights={counts[0].pk: D(3)}
    )
    assert weighted.positions[org.pos["kasi"].pk].capaian == D("85.00")  # (3x80 + 100) / 4
    assert "rata-rata tertimbang" in weighted.the_rules.rollup_rule


def test_agency_rules_choose_scale_and_floored_lower_formula(org):
    indicator = _count(org)
    Indicator.objects.filter(pk=indicator.pk).update(polarity="lower")
    _target(indicator, 10)
    _realize(indicator, 1, value=25)
    assert figure(org, indicator, as_of=Period.parse("2024-01")).capaian == D("-50.00")
    org.agency.lower_formula = "difference_floor0"
    org.agency.predicate_scale = "sampang-inspektorat-2019"
    org.agency.save()
    f = figure(org, indicator, as_of=Period.parse("2024-01"))
    assert (f.capaian, f.predicate) == (D("0.00"), "Sangat Kurang")
    rules = achievement([indicator.goal.position], YEAR).the_rules
    assert "paling kecil 0" in " ".join(rules.lines())
    assert "Sangat Baik" in rules.scale_label


def test_unverified_data_is_provisional_or_left_out_on_request(org):
    indicator = _count(org)
    _target(indicator, 12)
    _realize(indicator, 1, value=2)
    _realize(indicator, 2, value=3, status=Status.SUBMITTED)
    both = figure(org, indicator)
    assert (both.value, both.provisional) == (D("5.00"), True)
    verified = figure(org, indicator, verified_only=True, as_of=Period.parse("2024-01"))
    assert (verified.value, verified.provisional) == (D("2.00"), False)


def test_quarterly_indicator_asked_before_its_first_quarter_ends(org):
    indicator = _count(org)
    Indicator.objects.filter(pk=indicator.pk).update(frequency="quarterly")
    _target(indicator, 12)
    f = figure(org, indicator, as_of=Period.parse("2024-02"))
    assert (f.value, f.capaian, f.reason) == (None, None, "belum ada data")


def test_office_year_in_a_handful_of_queries(org, django_assert_max_num_queries):
    for indicator in Indicator.objects.filter(goal__position__decree=org.decree)[:40]:
        _target(indicator, 10)
        if indicator.kind == "count":
            _realize(indicator, 1, value=5)
        else:
            _realize(indicator, 1, num=5, den=10)
    positions = list(org.decree.positions.all())
    with django_assert_max_num_queries(7):
        result = achievement(positions, YEAR)
    assert (
        len(result.indicators)
        == Indicator.objects.filter(goal__position__decree=org.decree).count()
    )
    assert result.agencies[org.agency.pk].counted >= 1


def test_bulk_path_gives_the_same_figures(org, monkeypatch):
    for i, indicator in enumerate(Indicator.objects.filter(goal__position__decree=org.decree)[:30]):
        _target(indicator, 10 + i)
        for month in range(1, 4):
            if indicator.kind == "count":
                _realize(indicator, month, value=i + month)
            else:
                _realize(indicator, month, num=i + month, den=20)
    positions = list(org.decree.positions.all())
    scalar = achievement(positions, YEAR, with_cells=False, with_quarters=False)
    monkeypatch.setattr(achievement_score, "BULK_THRESHOLD", 0)
    bulk = achievement(positions, YEAR, with_cells=False, with_quarters=False)
    assert bulk.indicators == scalar.indicators
    assert bulk.agencies == scalar.agencies


small = st.integers(min_value=0, max_value=500)


@settings(
    max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(
    target=st.integers(min_value=0, max_value=300),
    values=st.lists(st.one_of(st.none(), small), min_size=1, max_size=12),
    lower=st.booleans(),
)
def test_read_model_equals_kinerja_score(org, target, values, lower):
    indicator = _count(org)
    Indicator.objects.filter(pk=indicator.pk).update(polarity="lower" if lower else "higher")
    Realization.objects.filter(indicator=indicator).delete()
    _target(indicator, target)
    periods = []
    for month, value in enumerate(values, start=1):
        if value is not None:
            _realize(indicator, month, value=value)
            periods.append({"period": f"{YEAR}-{month:02d}", "value": value})
    agg = Indicator.objects.get(pk=indicator.pk).aggregation
    line = {
        "kind": "count",
        "aggregation": agg,
        "polarity": "lower" if lower else "higher",
        "target": target,
        "periods": periods,
    }
    out = io.StringIO()
    run_batch([json.dumps(line)], out)
    expected = json.loads(out.getvalue())
    f = figure(org, indicator)

    def s(x):
        return None if x is None else f"{x:.2f}"

    assert (s(f.value), s(f.capaian), f.predicate, f.status, f.reason) == (
        expected["value"],
        expected["capaian"],
        expected["predicate"],
        expected["status"],
        expected["reason"],
    )
    assert s(f.progress) == expected["progress"]


def test_successor_s_pk_applies_from_the_change_of_official(org):
    indicator = _count(org)
    for month in range(1, 10):
        _realize(indicator, month, value=1)
    old = _pk(org, "kasi", [(indicator, 20, "")])
    Agreement.objects.filter(pk=old.pk).update(
        status=Agreement.Status.SUPERSEDED, valid_until=date(2024, 6, 30)
    )
    new = _pk(org, "kasi", [(indicator, 12, "")], revision=1, signed_on=date(2024, 7, 20))
    Agreement.objects.filter(pk=new.pk).update(valid_from=date(2024, 7, 1), replaces=old)
    june = figure(org, indicator, as_of=Period.parse("2024-06"))
    july = figure(org, indicator, as_of=Period.parse("2024-07"))  # before the signing day
    assert (june.basis.agreement_id, june.target, june.capaian) == (old.pk, D(20), D("30.00"))
    assert (july.basis.agreement_id, july.target, july.capaian) == (new.pk, D(12), D("58.33"))
