"""Whole indicators scored by hand: year-to-date targets, predicates, statuses and reasons."""

from decimal import Decimal as D

from kinerja.scoring import (
    Aggregation,
    Granularity,
    Indicator,
    Kind,
    Observation,
    Period,
    Polarity,
    Reason,
    Status,
    score,
)

P = Period.parse
COUNT_FLOW = dict(kind=Kind.COUNT, aggregation=Aggregation.FLOW, polarity=Polarity.HIGHER)


def monthly_values(*values):
    return [
        Observation(Period(2023, Granularity.MONTH, m), value=D(v)) for m, v in enumerate(values, 1)
    ]


def test_quarter_one_of_a_flow_is_held_to_a_quarter_of_the_year():
    # 1,200 letters a year; 80 + 90 + 80 = 250 by March: the official capaian is against the
    # year (250 / 1,200 = 20.83%), progress against the 300 expected by then (83.33%)
    result = score(Indicator(**COUNT_FLOW, target=D(1200)), monthly_values(80, 90, 80))
    assert result.to_dict() == {
        "value": "250.00",
        "capaian": "20.83",
        "predicate": "Sangat Rendah",
        "status": "at_risk",
        "reason": None,
        "as_of": "2023-03",
        "expected": "300.00",
        "missing": [],
        "flags": [],
        "progress": "83.33",
        "expected_basis": "pro_rata",
    }


def test_quarterly_targets_and_a_month_inside_a_quarter():
    indicator = Indicator(
        **COUNT_FLOW, target=D(1200), quarterly_targets=(D(200), D(400), D(300), D(300))
    )
    result = score(indicator, monthly_values(100, 100, 100, 100, 100))
    # expected by May: 200 + 400 x 2/3 = 466.67; 500 / 466.67 = 107.14%
    assert (result.capaian, result.progress, result.status) == (
        D("41.67"),
        D("107.14"),
        Status.ON_TRACK,
    )
    assert result.to_dict()["expected"] == "466.67"
    assert result.basis.value == "rencana_aksi"
    q1 = score(indicator, monthly_values(100, 100, 100), as_of=P("2023-Q1"))
    assert (q1.capaian, q1.predicate, q1.progress) == (D("25.00"), "Sangat Rendah", D("150.00"))


def test_stock_coverage_against_its_annual_target():
    indicator = Indicator(Kind.PERCENTAGE, Aggregation.STOCK, Polarity.HIGHER, D(97))
    obs = [
        Observation(P("2023-01"), D(600), D(650)),
        Observation(P("2023-02"), D(610), D(652)),
        Observation(P("2023-03"), D(615), D(655)),
    ]
    result = score(indicator, obs, as_of=P("2023-Q1"))
    assert (result.value, result.capaian, result.predicate) == (
        D("93.89"),
        D("96.80"),  # 93.8931... / 97
        "Sangat Tinggi",
    )


def test_predicate_follows_the_printed_figure():
    indicator = Indicator(Kind.COUNT, Aggregation.STOCK, Polarity.HIGHER, D(100))
    result = score(indicator, [Observation(P("2023"), value=D("90.995"))])
    assert (result.capaian, result.predicate) == (D("91.00"), "Sangat Tinggi")
    result = score(indicator, [Observation(P("2023"), value=D("90.994"))])
    assert (result.capaian, result.predicate) == (D("90.99"), "Tinggi")


def test_no_data_and_missing_target():
    indicator = Indicator(Kind.PERCENTAGE, Aggregation.FLOW, Polarity.HIGHER, None)
    empty = score(indicator, [])
    assert (empty.status, empty.reason, empty.as_of) == (Status.NO_DATA, "belum ada data", None)
    result = score(indicator, [Observation(P("2023-Q1"), D(9), D(10))])
    assert result.value == D("90.00")
    assert result.capaian is None
    assert result.status is Status.NO_DATA
    assert result.reason == "capaian tidak dapat dihitung: target belum ditetapkan"


def test_report_printed_later_shows_the_same_figures():
    indicator = Indicator(**COUNT_FLOW, target=D(1200))
    early = score(indicator, monthly_values(80, 90, 80), as_of=P("2023-Q1"))
    later = score(indicator, monthly_values(80, 90, 80, 500, 500), as_of=P("2023-Q1"))
    assert early == later


def test_invalid_input_becomes_a_reason():
    indicator = Indicator(**COUNT_FLOW, target=D(10))
    nan = score(indicator, [Observation(P("2023-01"), value=D("NaN"))])
    assert nan.reason_code is Reason.INVALID
    twice = score(indicator, [Observation(P("2023-01"), value=D(1))] * 2)
    assert twice.reason == "tidak dapat dihitung: masukan tidak valid (periode ganda: 2023-01)"
    bad_target = score(Indicator(**COUNT_FLOW, target=D("Infinity")), monthly_values(1))
    assert bad_target.reason_code is Reason.INVALID


def test_explanation_names_the_formula():
    indicator = Indicator(Kind.PERCENTAGE, Aggregation.FLOW, Polarity.LOWER, D(5))
    result = score(indicator, [Observation(P("2023-Q1"), D(2), D(50))])
    assert result.capaian == D("120.00")  # 4% against 5%: (10 - 4) / 5
    assert "(2 x target - realisasi) / target x 100" in result.explanation
    assert result.exact_value == 4
