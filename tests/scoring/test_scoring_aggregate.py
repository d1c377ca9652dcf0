"""Aggregation by hand: flows sum, stocks take the latest, percentages are recomputed."""

from decimal import Decimal as D

from kinerja.scoring import (
    Aggregation,
    Flag,
    Granularity,
    Kind,
    Observation,
    Period,
    Reason,
    Window,
    aggregate_units,
    aggregate_window,
    rollup,
)

P = Period.parse
Q1 = Window.year_to_date(P("2023-Q1"))


def months(*figures, kind=None):
    """Observations for January onwards: (numerator, denominator) pairs or count values."""
    out = []
    for m, f in enumerate(figures, start=1):
        if f is None:
            continue
        period = Period(2023, Granularity.MONTH, m)
        if isinstance(f, tuple):
            out.append(Observation(period, D(f[0]), D(f[1])))
        else:
            out.append(Observation(period, value=D(f)))
    return out


def test_flow_percentage_is_recomputed_not_averaged():
    # 45/50 = 90%, 30/40 = 75%, 0/10 = 0%: the average of the three is 55%, the truth is 75/100
    r = aggregate_window(Kind.PERCENTAGE, Aggregation.FLOW, months((45, 50), (30, 40), (0, 10)), Q1)
    assert r.value.rounded() == D("75.00")
    assert (r.numerator, r.denominator) == (D(75), D(100))
    assert r.used == ("2023-01", "2023-02", "2023-03")


def test_flow_ratio_and_count():
    ratio = aggregate_window(Kind.RATIO, Aggregation.FLOW, months((3, 2), (1, 2), (2, 4)), Q1)
    assert ratio.value.rounded() == D("0.75")  # 6 / 8
    count = aggregate_window(Kind.COUNT, Aggregation.FLOW, months(120, 95, "101.5"), Q1)
    assert count.value.rounded() == D("316.50")


def test_stock_takes_the_last_period_with_data():
    # KTP-el recording coverage on the last day of each month
    obs = months((600, 650), (610, 652), (615, 655))
    r = aggregate_window(Kind.PERCENTAGE, Aggregation.STOCK, obs, Q1)
    assert r.value.rounded() == D("93.89")  # 615 / 655 = 93.8931...
    assert r.flags == frozenset()


def test_stock_with_a_gap_uses_older_data_and_says_so():
    obs = months((600, 650), (610, 652), None)
    r = aggregate_window(Kind.PERCENTAGE, Aggregation.STOCK, obs, Q1)
    assert r.value.rounded() == D("93.56")  # 610 / 652 = 93.5582...
    assert r.missing == ("2023-03",)
    assert r.flags == {Flag.INCOMPLETE}


def test_flow_with_a_gap_is_missing_not_zero():
    obs = months((45, 50), None, (40, 50))
    r = aggregate_window(Kind.PERCENTAGE, Aggregation.FLOW, obs, Q1)
    assert r.value is None
    assert r.reason is Reason.NO_DATA
    assert r.message == "belum ada data (2023-02)"
    partial = aggregate_window(Kind.PERCENTAGE, Aggregation.FLOW, obs, Q1, allow_partial=True)
    assert partial.value.rounded() == D("85.00")  # 85 / 100 over the two months reported
    assert partial.flags == {Flag.INCOMPLETE}
    assert partial.missing == ("2023-02",)


def test_zero_denominators():
    one_empty_month = months((0, 0), (5, 10), (5, 10))
    r = aggregate_window(Kind.PERCENTAGE, Aggregation.FLOW, one_empty_month, Q1)
    assert r.value.rounded() == D("50.00")
    nothing = aggregate_window(
        Kind.PERCENTAGE, Aggregation.FLOW, months((0, 0), (0, 0), (0, 0)), Q1
    )
    assert nothing.value is None
    assert nothing.message == "tidak dapat dihitung: penyebut nol"
    stock = aggregate_window(Kind.PERCENTAGE, Aggregation.STOCK, months((5, 10), (3, 0)), Q1)
    assert stock.reason is Reason.DENOMINATOR_ZERO  # the latest figure stands, even when empty


def test_missing_components():
    obs = [Observation(P("2023-Q1"), numerator=D(5))]
    r = aggregate_window(Kind.PERCENTAGE, Aggregation.FLOW, obs, Q1)
    assert r.message == "tidak dapat dihitung: penyebut tidak ada (2023-Q1)"
    obs = [Observation(P("2023-Q1"), denominator=D(5))]
    r = aggregate_window(Kind.PERCENTAGE, Aggregation.FLOW, obs, Q1)
    assert r.reason is Reason.NUMERATOR_MISSING


def test_numerator_above_denominator_is_flagged_never_capped():
    obs = [Observation(P("2023-Q1"), D(105), D(100))]
    r = aggregate_window(Kind.PERCENTAGE, Aggregation.FLOW, obs, Q1)
    assert r.value.rounded() == D("105.00")
    assert r.flags == {Flag.ABOVE_100}
    unbounded = aggregate_window(Kind.PERCENTAGE, Aggregation.FLOW, obs, Q1, bounded=False)
    assert unbounded.flags == frozenset()
    assert unbounded.value.rounded() == D("105.00")


def test_reported_percentages_cannot_be_summed():
    obs = [Observation(P("2023-01"), value=D(90)), Observation(P("2023-02"), value=D(80))]
    window = Window.year_to_date(P("2023-02"))
    r = aggregate_window(Kind.PERCENTAGE, Aggregation.FLOW, obs, window)
    assert r.reason is Reason.RATE_NOT_SUMMABLE
    single = aggregate_window(Kind.PERCENTAGE, Aggregation.FLOW, obs[:1], Window.of(P("2023-01")))
    assert single.value.rounded() == D("90.00")
    stock = aggregate_window(Kind.PERCENTAGE, Aggregation.STOCK, obs, window)
    assert stock.value.rounded() == D("80.00")


def test_mixed_granularities_are_refused():
    obs = [Observation(P("2023-01"), value=D(3)), Observation(P("2023-Q1"), value=D(9))]
    r = aggregate_window(Kind.COUNT, Aggregation.FLOW, obs, Q1)
    assert r.reason is Reason.INVALID
    assert "campuran" in r.detail


def test_coarse_data_cannot_answer_a_finer_question():
    obs = [Observation(P("2023-S1"), value=D(10))]
    r = aggregate_window(Kind.COUNT, Aggregation.FLOW, obs, Q1)
    assert r.reason is Reason.GRANULARITY
    assert r.message.endswith("(data semesteran tidak dapat dipotong s.d. triwulan I 2023)")


def test_data_after_the_window_is_ignored():
    obs = months(10, 20, 30, 40)
    assert aggregate_window(Kind.COUNT, Aggregation.FLOW, obs, Q1).value == 60


def test_rollup_months_to_quarters_then_year():
    obs = months(*[(m, 10) for m in range(1, 13)])
    quarters = rollup(Kind.PERCENTAGE, Aggregation.FLOW, obs, Granularity.QUARTER)
    assert [(q.period.code, q.numerator, q.denominator) for q in quarters] == [
        ("2023-Q1", 6, 30),
        ("2023-Q2", 15, 30),
        ("2023-Q3", 24, 30),
        ("2023-Q4", 33, 30),
    ]
    stock = rollup(Kind.PERCENTAGE, Aggregation.STOCK, obs, Granularity.SEMESTER)
    assert [(s.numerator, s.denominator) for s in stock] == [(6, 10), (12, 10)]
    gap = rollup(Kind.COUNT, Aggregation.FLOW, months(1, None, 3, 4, 5, 6), Granularity.QUARTER)
    assert [q.period.code for q in gap] == ["2023-Q2"]  # Q1 lacks February: left out, not 4


def test_units_sum_components_then_divide():
    # desa A: 40 of 50 children have a birth certificate (80%); desa B: 3,900 of 4,000 (97.5%)
    desa_a = aggregate_window(
        Kind.PERCENTAGE,
        Aggregation.STOCK,
        [Observation(P("2023-S1"), D(40), D(50))],
        Window.year_to_date(P("2023-S1")),
    )
    desa_b = aggregate_window(
        Kind.PERCENTAGE,
        Aggregation.STOCK,
        [Observation(P("2023-S1"), D(3900), D(4000))],
        Window.year_to_date(P("2023-S1")),
    )
    kecamatan = aggregate_units(Kind.PERCENTAGE, {"A": desa_a, "B": desa_b})
    assert kecamatan.value.rounded() == D("97.28")  # 3,940 / 4,050, not the average 88.75
    assert kecamatan.used == ("A", "B")
    missing = aggregate_units(Kind.PERCENTAGE, {"A": desa_a, "B": desa_b, "C": None})
    assert missing.value is None
    assert missing.message == "belum ada data (C)"
    partial = aggregate_units(Kind.PERCENTAGE, {"A": desa_a, "C": None}, allow_partial=True)
    assert partial.value.rounded() == D("80.00")
    assert partial.flags == {Flag.INCOMPLETE}


def test_units_of_counts_and_of_reported_percentages():
    a = aggregate_window(Kind.COUNT, Aggregation.FLOW, months(1, 2, 3), Q1)
    b = aggregate_window(Kind.COUNT, Aggregation.FLOW, months(10, 20, 30), Q1)
    assert aggregate_units(Kind.COUNT, {"seksi 1": a, "seksi 2": b}).value == 66
    reported = aggregate_window(
        Kind.PERCENTAGE, Aggregation.STOCK, [Observation(P("2023-Q1"), value=D(90))], Q1
    )
    r = aggregate_units(Kind.PERCENTAGE, {"A": reported, "B": reported})
    assert r.reason is Reason.RATE_NOT_SUMMABLE
