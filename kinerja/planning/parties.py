"""Who signs a Perjanjian Kinerja, and when (PermenPAN-RB 53/2014; ../shared/facts.md).

- The first party is the position's holder on the day (definitif before Plt. before Plh.).
- The second party is the direct supervisor's holder; a supervisor position held by the first
  party himself (a Kasi who is also Plt. Kabid) is passed over: one person is never on both sides,
  the next holder up signs. Above the head of the agency signs the Bupati (or Pj./Plt. Bupati,
  Wali Kota), read from ``RegionalHead``.
- A Plh. signing an annual PK gets a warning (SE BKN 1/SE/I/2021: no strategic decisions).
- The signing date must lie in the PK's year (or the December before it) and not in the future;
  a date outside is refused.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from django.core.exceptions import ValidationError

from kinerja.accounts.models import Assignment, Employee, RegionalHead
from kinerja.catalog.models import Position
from kinerja.core.periods import format_date

ORDER = {"definitif": 0, "plt": 1, "plh": 2}


def tanggal(day: date) -> str:
    """3 Desember 2026 (one formatter: kinerja.core.periods.format_date)."""
    return format_date(day)


def holder(position: Position, day: date) -> Assignment | None:
    active = list(
        Assignment.objects.active_on(day).filter(position=position).select_related("employee")
    )
    return min(active, key=lambda a: (ORDER[a.kind], -a.starts_on.toordinal()), default=None)


@dataclass
class SecondParty:
    employee: Employee | None
    acting: str
    title: str
    name: str = ""  # for a regional head, who is not an employee


def regional_title(position: Position) -> str:
    region = position.decree.agency.region
    if region.startswith("Kota "):  # a kota's head is the Wali Kota, not a Bupati
        return f"Wali Kota {region.removeprefix('Kota ')}"
    return f"Bupati {region.removeprefix('Kabupaten ')}"


def second_party(position: Position, first: Employee, day: date) -> SecondParty:
    """The nearest holder above ``position`` who is not ``first``; the regional head above the
    head of the agency."""
    current = position
    while True:
        supervisor = current.supervisor
        if supervisor is None:
            if current.is_head:
                head = (
                    RegionalHead.objects.filter(
                        agency_id=position.decree.agency_id, starts_on__lte=day
                    )
                    .exclude(ends_on__lt=day)
                    .order_by("-starts_on")
                    .first()
                )
                return SecondParty(
                    employee=None,
                    acting=head.prefix if head else "",
                    title=regional_title(position),
                    name=head.name if head else "",
                )
            raise ValidationError(
                {"position": f"atasan jabatan {current.name} belum ditetapkan (lihat katalog)"}
            )
        above = holder(supervisor, day)
        if above is None:
            raise ValidationError({"position": f"jabatan atasan {supervisor.name} sedang kosong"})
        if above.employee_id != first.pk:
            return SecondParty(
                employee=above.employee, acting=above.acting_prefix, title=supervisor.name
            )
        current = supervisor  # the first party is (Plt.) his own supervisor: one level up


def signing_date_problems(*, year: int, signed_on: date, today: date) -> dict[str, str]:
    """Refusals for a PK signing date: in the future, or outside the PK's year (a PK is signed
    at the start of its year, at the earliest in the December before)."""
    if signed_on > today:
        return {"signed_on": f"tanggal tanda tangan {tanggal(signed_on)} belum terjadi"}
    if not date(year - 1, 12, 1) <= signed_on <= date(year, 12, 31):
        return {
            "signed_on": f"tanggal tanda tangan {tanggal(signed_on)} di luar tahun PK {year} "
            f"(paling awal 1 Desember {year - 1})"
        }
    return {}


PLH_WARNING = (
    "Pihak pertama berstatus Plh.: Plh. tidak berwenang mengambil keputusan strategis "
    "(SE BKN 1/SE/I/2021); sebaiknya PK tahunan ditandatangani pejabat definitif atau Plt."
)


def signing_warnings(*, agreement, signed_on: date) -> list[str]:
    warnings = []
    if agreement.first_party_acting == "Plh." and not agreement.valid_from:
        warnings.append(PLH_WARNING)
    if signed_on.year == agreement.year and signed_on.month > 2 and not agreement.revision:
        warnings.append(
            f"PK {agreement.year} ditandatangani {tanggal(signed_on)}, lebih dari sebulan setelah "
            "awal tahun."
        )
    return warnings
