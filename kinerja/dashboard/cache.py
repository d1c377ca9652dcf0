"""Cached read-model results for the dashboards, keyed on what the figures depend on.

Scoring a whole office for a year and for each quarter end costs a few hundred milliseconds; the
dashboards are opened many times a day between changes. The result is cached under a key built
from the data version (one query: the latest audit entry, the latest change and the number of
realizations, targets and PKs and their items) and today's date, so a change anywhere, audited
or not, makes a new key: a page never shows a figure that differs from the position page or a
document. Stale keys simply expire (``TIMEOUT``).
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable
from typing import TypeVar

from django.core.cache import cache
from django.db import connection
from django.utils import timezone

from kinerja.accounts.models import Assignment
from kinerja.audit.models import AuditEntry
from kinerja.catalog.models import Agency, Indicator, Position
from kinerja.measurement.models import PeriodSchedule, Realization
from kinerja.planning.models import Agreement, AgreementItem, Target

TIMEOUT = 3600
T = TypeVar("T")


def data_version() -> str:
    """Everything a figure reads, summarised in one query (any change gives another text)."""
    r = Realization._meta.db_table
    t = Target._meta.db_table
    parts = [
        f"(SELECT MAX(id) FROM {AuditEntry._meta.db_table})",
        f"(SELECT MAX(updated_at) FROM {r})",
        f"(SELECT COUNT(*) FROM {r})",
        f"(SELECT MAX(updated_at) FROM {t})",
        f"(SELECT COUNT(*) FROM {t})",
        f"(SELECT MAX(id) FROM {Agreement._meta.db_table})",
        f"(SELECT COUNT(*) FROM {AgreementItem._meta.db_table})",
        f"(SELECT MAX(id) FROM {Indicator._meta.db_table})",
        f"(SELECT MAX(id) FROM {Position._meta.db_table})",
        f"(SELECT COUNT(*) FROM {PeriodSchedule._meta.db_table})",
        f"(SELECT MAX(id) FROM {Agency._meta.db_table})",
        f"(SELECT MAX(id) FROM {Assignment._meta.db_table})",
    ]
    with connection.cursor() as cursor:
        cursor.execute("SELECT " + ", ".join(parts))
        row = cursor.fetchone()
    return "|".join("" if v is None else str(v) for v in row)


def cached(name: str, key: tuple, build: Callable[[], T]) -> T:
    """``build()`` once per data version and day; the same object until something changes."""
    state = f"{key!r}:{timezone.localdate().isoformat()}:{data_version()}"
    full = f"kinerja.dashboard:{name}:{hashlib.blake2s(state.encode()).hexdigest()}"
    found = cache.get(full)
    if found is None:
        found = build()
        cache.set(full, found, TIMEOUT)
    return found
