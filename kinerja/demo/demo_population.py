"""The demo's population register: a small synthetic Sampang extract, imported and computed so
that the coverage page (/penduduk/) has figures to show.

The figures are not posted as realizations: the demo's realizations for the same indicators are
already entered and verified, and posting never overwrites verified data."""

from __future__ import annotations

import tempfile
from datetime import date, timedelta
from typing import Any

from django.conf import settings

from kinerja.catalog.models import Agency
from kinerja.core.numbers import format_number
from kinerja.population import synth
from kinerja.population.models import ExtractImport
from kinerja.population.services import extract_import, figures_compute

DEMO_SEED = 2024


def demo_population(
    *,
    agency: Agency,
    year: int,
    stdout: Any,
    residents: int | None = None,
    today: date | None = None,
) -> ExtractImport:
    """Once per agency: a second call returns the import already there. The extract is of the
    year's last day, or of the last month-end before ``today`` in the current year (a register
    is never dated in the future)."""
    existing = ExtractImport.objects.filter(agency=agency).order_by("pk").first()
    if existing is not None:
        return existing
    as_of = date(year, 12, 31)
    if today is not None:
        as_of = min(as_of, today.replace(day=1) - timedelta(days=1))
    with tempfile.TemporaryDirectory() as tmp:
        made = synth(residents or settings.KINERJA_DEMO_RESIDENTS, DEMO_SEED, tmp, snapshot=as_of)
        extract = extract_import(
            actor="kinerja demo",
            agency=agency,
            residents_path=made.residents,
            services_path=made.services,
            extract_date=as_of,
        )
    # The synthetic files were temporary; only the de-identified working data and figures stay.
    figures_compute(actor="kinerja demo", extract=extract, as_of=as_of)
    accepted = format_number(extract.residents_accepted)
    stdout.write(
        f"Ekstrak penduduk sintetis: {accepted} diterima, {extract.residents_rejected} "
        f"dikarantina; cakupan per wilayah per {as_of:%d-%m-%Y} di /penduduk/."
    )
    return extract
