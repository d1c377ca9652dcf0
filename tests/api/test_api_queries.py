"""Lists answer in a fixed number of queries whatever their length (no query per row): the same
count for 3 rows as for 100."""

from __future__ import annotations

import pytest
from api_helpers import V1, YEAR, client_with, user_token
from django.db import connection
from django.test.utils import CaptureQueriesContext
from factories import indicators_of

from kinerja.measurement.services import evidence_add, realization_save
from kinerja.planning.services import target_set

pytestmark = pytest.mark.django_db
LISTS = [
    "positions",
    "indicators",
    "targets",
    "agreements",
    "realizations",
    "evidence",
    "units",
    "decrees",
]


def _count(client, path: str, size: int) -> int:
    with CaptureQueriesContext(connection) as queries:
        response = client.get(f"{V1}/{path}/", {"page_size": size})
    assert response.status_code == 200, response.content[:200]
    return len(queries)


def test_lists_do_not_query_per_row(org):
    for position in ("kasi", "staff", "kabid"):
        for indicator in indicators_of(org.pos[position]):
            target_set(actor=org.admin, indicator=indicator, year=YEAR, plan="renja", value="9")
            for month in (1, 2):
                numbers = (
                    {"value": 3}
                    if indicator.kind == "count"
                    else {"numerator": 1, "denominator": 2}
                )
                row = realization_save(
                    actor=org.users[position],
                    indicator=indicator,
                    year=YEAR,
                    period=month,
                    **numbers,
                )
                evidence_add(
                    actor=org.users[position],
                    realization=row,
                    name="b.pdf",
                    content=b"%PDF-1.4\n%%EOF\n",
                    source=indicator.sources.first(),
                )
    client = client_with(user_token(org, "head"))
    client.get(f"{V1}/agencies/")  # the token's first use writes its last-use time
    for path in LISTS:
        assert _count(client, path, 3) == _count(client, path, 100), path
