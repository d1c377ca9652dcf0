"""The coverage page: where coverage is low, per kecamatan and desa, so the office knows where to
send mobile services. Aggregates only: no person appears here."""

from __future__ import annotations

from datetime import date

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.http import urlencode

from kinerja.population.definitions import BY_KEY
from kinerja.population.models import AreaFigure
from kinerja.population.selectors import (
    COVERAGE_KEYS,
    DECREE_INDICATORS,
    SORTS,
    agencies_for,
    area_rows,
    latest_import,
    sort_rows,
)

LEVELS = {"kecamatan": "Kecamatan", "desa": "Desa/kelurahan"}
COLUMNS = [
    ("wilayah", "Wilayah"),
    ("pembilang", "Pembilang"),
    ("penyebut", "Penyebut"),
    ("cakupan", "Cakupan"),
]


@login_required
def coverage_page(request: HttpRequest) -> HttpResponse:
    agencies = agencies_for(request.user)
    if agencies is not None and not agencies:
        raise PermissionDenied
    extract = latest_import(agencies)
    context: dict = {"extract": extract, "levels": LEVELS.items(), "rows": []}
    if extract is None:
        return render(request, "population/coverage.html", context)
    dates = sorted(
        set(
            AreaFigure.objects.filter(extract=extract, area_level="kabupaten")
            .order_by()
            .values_list("as_of", flat=True)
            .distinct()
        ),
        reverse=True,
    )
    as_of = dates[0]
    try:
        asked = date.fromisoformat(request.GET.get("tanggal", ""))
        if asked in dates:
            as_of = asked
    except ValueError:
        pass
    key = request.GET.get("indikator", "")
    key = key if key in COVERAGE_KEYS else COVERAGE_KEYS[0]
    level = request.GET.get("tingkat", "kecamatan")
    level = level if level in LEVELS else "kecamatan"
    sort = request.GET.get("urut", "cakupan")
    sort = sort if sort.lstrip("-") in SORTS else "cakupan"
    kecamatan_rows = area_rows(extract, as_of, key, "kecamatan", sort="wilayah")
    kecamatan = request.GET.get("kecamatan", "")
    if kecamatan not in {r.code for r in kecamatan_rows}:
        kecamatan = ""
    rows = (
        sort_rows(kecamatan_rows, sort)
        if level == "kecamatan"
        else area_rows(extract, as_of, key, level, kecamatan=kecamatan, sort=sort)
    )
    headers = [
        {
            "field": f,
            "label": label,
            "active": sort.lstrip("-") == f,
            "desc": sort.startswith("-"),
            "next": f"-{f}" if sort == f else f,
        }
        for f, label in COLUMNS
    ]
    context.update(
        {
            "dates": dates,
            "as_of": as_of,
            "indicators": [(k, DECREE_INDICATORS[k]) for k in COVERAGE_KEYS],
            "key": key,
            "definition": BY_KEY[key],
            "level": level,
            "kecamatan": kecamatan,
            "kecamatans": kecamatan_rows,
            "sort": sort,
            "headers": headers,
            "rows": rows,
            "chart_height": 22 * len(rows) + 10,
            "query": urlencode(
                {
                    "indikator": key,
                    "tingkat": level,
                    "kecamatan": kecamatan,
                    "tanggal": as_of.isoformat(),
                }
            ),
        }
    )
    return render(request, "population/coverage.html", context)
