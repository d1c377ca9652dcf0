"""Reads of the population aggregates shared by the page, the command and the posting service, and
the one table that says which catalog indicator each figure belongs to."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import ROUND_HALF_UP, Decimal

from django.db.models import QuerySet

from kinerja.accounts.access import access_for
from kinerja.catalog import register_figures
from kinerja.catalog.models import Agency, Decree, Indicator
from kinerja.catalog.selectors import decree_in_force
from kinerja.core.numbers import format_number, format_percent
from kinerja.population.definitions import BY_KEY, DECREE_KEYS
from kinerja.population.models import AreaFigure, ExtractImport

# Engine key -> the figure's name as the seed decree (SK 188/450.1/KEP/434.206/2019) words it.
# Which indicator takes a figure is its setting ``Indicator.register_figure`` (the key here, or
# "layanan:<SERVICE>" for the service counts), proposed from this wording at import.
DECREE_INDICATORS: dict[str, str] = {
    "ktp_el": "Persentase penduduk ber KTP-el",
    "kk": "Persentase penduduk ber Kartu Keluarga",
    "kia": "Persentase anak usia 0-16 tahun ber KIA",
    "pindah_datang": "Persentase penduduk mendapat pelayanan pindah datang",
    "akta_lahir_0_18": "Persentase penduduk usia 0-18 tahun ber akta kelahiran",
    "akta_lahir_dewasa": "Persentase penduduk usia diatas 18 tahun ber akta kelahiran",
    "akta_kematian": "Persentase penduduk meninggal ber akta kematian",
    "kawin_tercatat": "Persentase pasangan berstatus kawin tercatat",
    "database_kependudukan": "Ketersediaan Database Kependudukan Skala Kabupaten",
}
# Engine service (schema.SERVICES) -> the Kasi count indicator that counts completed requests.
SERVICE_INDICATORS: dict[str, str] = {
    "KTP_EL": "Jumlah pelayanan KTP yang dilaksanakan",
    "KK": "Jumlah pelayanan KK yang dilaksanakan",
    "KIA": "Jumlah pelayanan KIA yang dilaksanakan",
    "PINDAH": "Jumlah penduduk pindah yang mendapat pelayanan",
    "DATANG": "Jumlah penduduk datang yang mendapat pelayanan",
    "AKTA_KELAHIRAN": "Jumlah pelayanan akta kelahiran",
    "AKTA_KEMATIAN": "Jumlah pelayanan akta kematian",
}
assert set(DECREE_INDICATORS) == set(DECREE_KEYS)
assert {*DECREE_INDICATORS, *(f"layanan:{k}" for k in SERVICE_INDICATORS)} == set(
    register_figures.figure_keys()
), "kinerja/catalog/data/register_figures.json lists the figures this module computes"

# The indicators the coverage page offers: the decree's percentages.
COVERAGE_KEYS = tuple(k for k in DECREE_KEYS if BY_KEY[k].unit == "persen")

SORTS = {
    "cakupan": "cakupan",
    "wilayah": "wilayah",
    "pembilang": "pembilang",
    "penyebut": "penyebut",
}


def current_decree(agency: Agency, on: date | None = None) -> Decree | None:
    """The agency's decree in force in the year of ``on`` (else its latest)."""
    if on is not None:
        found = decree_in_force(agency, on.year)
        if found is not None:
            return found
    return Decree.objects.filter(agency=agency).order_by("-period_start", "-pk").first()


def mapped_indicators(decree: Decree) -> QuerySet[Indicator]:
    """The decree's indicators fed by a register figure: by their setting
    (``Indicator.register_figure``, carried to successor decrees by the review), not by wording."""
    return Indicator.objects.filter(goal__position__decree=decree).exclude(register_figure="")


def agencies_for(user) -> list[int] | None:
    """Agencies whose population figures this user may read (None: all, for admins): the head,
    and anyone who can view a position holding one of the mapped indicators. Remembered on the
    user object for the request, like ``access_for`` (the page and its navigation both ask)."""
    found = getattr(user, "_kinerja_population_agencies", _UNSET)
    if found is _UNSET:
        found = _agencies_for(user)
        if getattr(user, "is_authenticated", False):
            user._kinerja_population_agencies = found
    return found


_UNSET = object()


def _agencies_for(user) -> list[int] | None:
    access = access_for(user)
    if access.is_admin:
        return None
    if not access.decree_of:
        return []
    rows = (
        Indicator.objects.filter(goal__position__decree__in=set(access.decree_of.values()))
        .exclude(register_figure="")
        .values_list(
            "goal__position_id", "goal__position__decree_id", "goal__position__decree__agency_id"
        )
    )
    allowed = {
        agency
        for pid, decree, agency in rows
        if access.can_view(pid) or decree in access.head_decrees
    }
    if access.head_decrees and not allowed:  # a head whose decree has none of the indicators
        allowed = set(
            Decree.objects.filter(pk__in=access.head_decrees).values_list("agency_id", flat=True)
        )
    return sorted(allowed)


def latest_import(agency_ids: list[int] | None = None) -> ExtractImport | None:
    qs = ExtractImport.objects.all()
    if agency_ids is not None:
        qs = qs.filter(agency_id__in=agency_ids)
    return qs.filter(figures__isnull=False).distinct().order_by("-created_at", "-pk").first()


def coverage(numerator: int, denominator: int) -> Decimal | None:
    if not denominator:
        return None
    return (Decimal(numerator) * 100 / Decimal(denominator)).quantize(
        Decimal("0.01"), rounding=ROUND_HALF_UP
    )


def persen(value: Decimal | None) -> str:
    """85.5 -> "85,50%" (Indonesian), None -> "tidak dapat dihitung"."""
    if value is None:
        return "tidak dapat dihitung"
    return format_percent(value)


def angka(value: int) -> str:
    return format_number(value)


@dataclass(frozen=True, slots=True)
class AreaRow:
    code: str
    name: str
    level: str
    numerator: int
    denominator: int
    coverage: Decimal | None

    @property
    def bar(self) -> str:
        """Bar length for the chart, as an SVG number (never localized)."""
        return f"{min(self.coverage or Decimal(0), Decimal(100)):.2f}"


def area_rows(
    extract: ExtractImport,
    as_of: date,
    key: str,
    level: str,
    *,
    kecamatan: str = "",
    sort: str = "cakupan",
) -> list[AreaRow]:
    """One indicator's figures per kecamatan or desa, lowest coverage first by default; areas
    whose coverage cannot be computed (denominator 0) come last whatever the order."""
    qs = AreaFigure.objects.filter(
        extract=extract, as_of=as_of, indicator_key=key, area_level=level
    )
    if kecamatan and level == AreaFigure.Level.DESA:
        qs = qs.filter(area_code__startswith=kecamatan + ".")
    rows = [
        AreaRow(c, n, lv, a, b, coverage(a, b))
        for c, n, lv, a, b in qs.order_by().values_list(
            "area_code", "area_name", "area_level", "numerator", "denominator"
        )
    ]
    return sort_rows(rows, sort)


def sort_rows(rows: list[AreaRow], sort: str = "cakupan") -> list[AreaRow]:
    """Sorted by ``sort`` (a column, "-" for descending); lowest coverage first by default."""
    rows = list(rows)
    field = sort.lstrip("-")
    reverse = sort.startswith("-")
    if field == "wilayah":
        rows.sort(key=lambda r: r.name, reverse=reverse)
    elif field in ("pembilang", "penyebut"):
        attr = "numerator" if field == "pembilang" else "denominator"
        rows.sort(key=lambda r: (getattr(r, attr), r.name), reverse=reverse)
    else:
        known = [r for r in rows if r.coverage is not None]
        known.sort(key=lambda r: (r.coverage, r.name), reverse=reverse)
        rows = known + [r for r in rows if r.coverage is None]
    return rows


def kabupaten_figures(extract: ExtractImport, as_of: date) -> list[AreaFigure]:
    order = {k: i for i, k in enumerate(BY_KEY)}
    figures = AreaFigure.objects.filter(extract=extract, as_of=as_of, area_level="kabupaten")
    return sorted(figures, key=lambda f: (order.get(f.indicator_key, 99), f.area_code))
