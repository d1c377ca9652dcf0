"""The read model's query count for a whole office year, pinned (issue #11).

Every indicator of the Sampang decree gets a Renja target and three verified months, and the
Kabid a signed PK; the count must not grow with the number of positions, indicators or
realizations (no query per row).
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal as D

from kinerja.catalog.models import Indicator
from kinerja.measurement.achievement import achievement
from kinerja.measurement.models import Realization, Status
from kinerja.planning.models import Agreement, AgreementItem, Target

YEAR = 2024
# indicators (with goal, position, decree, agency), realizations, targets, signed PKs, their
# items, the agencies' units. See kinerja/measurement/achievement.py.
QUERIES = 6


def _office_year(org) -> list[Indicator]:
    indicators = list(
        Indicator.objects.filter(goal__position__decree=org.decree)
        .select_related("goal")
        .order_by("pk")
    )
    Target.objects.bulk_create(
        Target(
            indicator=i,
            year=YEAR,
            plan=Target.Plan.RENJA,
            value=D(90) if i.kind == Indicator.Kind.PERCENTAGE else D(120),
        )
        for i in indicators
    )
    realizations = []
    for i in indicators:
        for month in (1, 2, 3):
            figures = (
                {"numerator": D(80 + month), "denominator": D(100)}
                if i.kind == Indicator.Kind.PERCENTAGE
                else {"value": D(10 * month)}
            )
            realizations.append(
                Realization(
                    indicator=i,
                    position_id=i.goal.position_id,
                    year=YEAR,
                    frequency=i.frequency,
                    period=month,
                    status=Status.VERIFIED,
                    **figures,
                )
            )
    Realization.objects.bulk_create(realizations)
    kabid = org.pos["kabid"]
    pk = Agreement.objects.create(
        position=kabid,
        year=YEAR,
        status=Agreement.Status.SIGNED,
        first_party=org.emp["kabid"],
        second_party_title="Kepala Dinas",
        signed_on=date(YEAR, 1, 5),
    )
    AgreementItem.objects.bulk_create(
        AgreementItem(
            agreement=pk,
            indicator=i,
            goal_statement=i.goal.statement,
            indicator_name=i.name,
            target_value=D(95) if i.kind == Indicator.Kind.PERCENTAGE else D(150),
            order=n,
        )
        for n, i in enumerate(x for x in indicators if x.goal.position_id == kabid.pk)
    )
    return indicators


def test_office_year_has_a_fixed_number_of_queries(org, django_assert_num_queries):
    indicators = _office_year(org)
    positions = list(org.decree.positions.all())
    assert (len(positions), len(indicators)) == (25, 142)

    with django_assert_num_queries(QUERIES):
        result = achievement(positions, YEAR)

    assert len(result.indicators) == len(indicators)
    # every position with indicators has its roll-up (the Kepala Dinas has none in the decree)
    assert len(result.positions) == len({i.goal.position_id for i in indicators}) == 24
    assert result.agencies[org.agency.pk].counted == len(indicators)
    # A monthly count that flows (summed over months): 10 + 20 + 30 = 60 against the annual
    # target of 120 is 60 / 120 x 100 = 50.00%; the target to date by March is 120 x 3/12 = 30.
    count = next(
        i
        for i in indicators
        if i.goal.position_id != org.pos["kabid"].pk  # no PK: the Renja target counts
        and i.kind == Indicator.Kind.COUNT
        and i.aggregation == Indicator.Aggregation.FLOW
        and i.frequency == Indicator.Frequency.MONTHLY
    )
    f = result.of_indicator(count.pk)
    assert (f.value, f.target, f.capaian, f.as_of) == (D("60.00"), D(120), D("50.00"), "2024-03")
    assert (f.expected, f.progress, f.status) == (D(30), D("200.00"), "on_track")
    assert (f.basis.code, f.provisional) == ("renja", False)
    # The Kabid's Persentase penduduk ber KTP-el is a level (stock): the last month counts,
    # 83 / 100 = 83%, against the signed PK's 95% (not the Renja's 90%): 83 / 95 x 100 =
    # 87.368... -> 87.37.
    ktp = next(i for i in indicators if i.name == "Persentase penduduk ber KTP-el")
    assert (ktp.goal.position_id, ktp.aggregation) == (org.pos["kabid"].pk, "stock")
    k = result.of_indicator(ktp.pk)
    assert (k.value, k.target, k.capaian, k.basis.code) == (D("83.00"), D(95), D("87.37"), "pk")
