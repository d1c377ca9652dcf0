"""A year of figures on the seed decree (Renja targets, verified realizations of the first
half-year) and budget workbooks, for the strategy tests."""

from __future__ import annotations

import io
from decimal import Decimal as D

from openpyxl import Workbook

from kinerja.accounts.models import Role, User
from kinerja.accounts.services import role_grant
from kinerja.catalog.models import Indicator
from kinerja.measurement.models import Realization, Status
from kinerja.planning.models import Target

YEAR = 2024


def figures(decree, year=YEAR, months=6) -> None:
    """Renja targets and verified realizations for every indicator of the decree, varied so
    that goals get different capaian and predicates."""
    targets, rows = [], []
    indicators = Indicator.objects.filter(goal__position__decree=decree).select_related("goal")
    for n, indicator in enumerate(indicators):
        count = indicator.kind == "count"
        targets.append(
            Target(indicator=indicator, year=year, plan="renja", value=D(1200) if count else D(95))
        )
        periods = range(1, months + 1) if indicator.frequency == "monthly" else range(1, 3)
        for p in periods:
            rows.append(
                Realization(
                    indicator=indicator,
                    position=indicator.goal.position,
                    year=year,
                    frequency=indicator.frequency,
                    period=p,
                    value=D(80 + n % 7 * 10) if count else None,
                    numerator=None if count else D(60 + n % 5 * 8),
                    denominator=None if count else D(100),
                    status=Status.VERIFIED,
                )
            )
    Target.objects.bulk_create(targets)
    Realization.objects.bulk_create(rows)


def role_user(org, username: str, role: str) -> User:
    user = User.objects.create_user(username)
    role_grant(actor=None, user=user, agency=org.agency, role=role)
    return user


def pimpinan(org) -> User:
    return role_user(org, "pimpinan", Role.PIMPINAN)


def inspektorat(org) -> User:
    return role_user(org, "inspektorat", Role.INSPEKTORAT)


def workbook(rows: list[list], header=None) -> bytes:
    wb = Workbook()
    ws = wb.active
    ws.append(header or ["Kode", "Nama", "Pagu", "Realisasi Januari", "Realisasi Februari"])
    for row in rows:
        ws.append(row)
    out = io.BytesIO()
    wb.save(out)
    return out.getvalue()


GOOD = [
    ["2.12.02", "PROGRAM PENDAFTARAN PENDUDUK", 1_500_000, 300_000, 200_000],
    ["2.12.02.2.01", "Pelayanan Pendaftaran Penduduk", 1_500_000, 300_000, 200_000],
    ["2.12.02.2.01.0001", "Sub satu", 1_000_000, 250_000, 150_000],
    ["2.12.02.2.01.0002", "Sub dua", 500_000, 50_000, 50_000],
    ["2.12.03", "PROGRAM PENCATATAN SIPIL"],
    ["2.12.03.2.01", "Pelayanan Pencatatan Sipil"],
    ["2.12.03.2.01.0001", "Sub akta", "750.000,50", None, "125.000"],
]
