"""The register coverage headline (KTP-el, KK, akta kelahiran, KIA) read from the population
app's selectors: the latest computed extract of the agency, at its latest reference date."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from kinerja.population.models import AreaFigure
from kinerja.population.selectors import angka, coverage, latest_import, persen

HEADLINE = (
    ("ktp_el", "KTP-el"),
    ("kk", "Kartu Keluarga"),
    ("akta_lahir_0_18", "Akta kelahiran (0-18 tahun)"),
    ("kia", "KIA"),
)


@dataclass(frozen=True)
class Coverage:
    key: str
    label: str
    numerator: int
    denominator: int
    value: Decimal | None

    @property
    def text(self) -> str:
        return persen(self.value)

    @property
    def counts(self) -> str:
        return f"{angka(self.numerator)} dari {angka(self.denominator)}"


def coverage_headline(agency_id: int) -> tuple[list[Coverage], date | None]:
    """The four headline figures and their reference date; ([], None) before any extract.
    The office overview keeps them with its figures (the data version covers the register)."""
    extract = latest_import([agency_id])
    if extract is None:
        return [], None
    rows = list(
        AreaFigure.objects.filter(
            extract=extract,
            area_level=AreaFigure.Level.KABUPATEN,
            indicator_key__in=[k for k, _ in HEADLINE],
        ).values_list("as_of", "indicator_key", "numerator", "denominator")
    )
    if not rows:
        return [], None
    as_of = max(r[0] for r in rows)
    found = {key: (a, b) for day, key, a, b in rows if day == as_of}
    out = [
        Coverage(key, label, *found[key], coverage(*found[key]))
        for key, label in HEADLINE
        if key in found
    ]
    return out, as_of
