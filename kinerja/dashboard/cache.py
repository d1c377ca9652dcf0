"""Cached read-model results for the dashboards, keyed on what the figures depend on.

Scoring a whole office for a year and for each quarter end costs a few hundred milliseconds; the
dashboards are opened many times a day between changes. The result is cached under a key built
from the data version (one query: the latest audit entry, the latest change and the number of
realizations, targets and PKs and their items) and today's date, so a change anywhere, audited
or not, makes a new key: a page never shows a figure that differs from the position page or a
document. The objects live in a small per-process store (``RECENT``), the oldest dropped
first; the pages' rendered fragments of the same version go to Django's cache.
"""

from __future__ import annotations

import hashlib
import threading
from collections import OrderedDict
from collections.abc import Callable
from typing import TypeVar

from django.db import connection
from django.utils import timezone

from kinerja.accounts.models import Assignment
from kinerja.audit.models import AuditEntry
from kinerja.catalog.models import Agency, Indicator, Position
from kinerja.measurement.models import PeriodSchedule, Realization
from kinerja.planning.models import Agreement, AgreementItem, Target
from kinerja.population.models import AreaFigure, ExtractImport

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
        f"(SELECT MAX(id) FROM {ExtractImport._meta.db_table})",
        f"(SELECT MAX(id) FROM {AreaFigure._meta.db_table})",
    ]
    with connection.cursor() as cursor:
        cursor.execute("SELECT " + ", ".join(parts))
        row = cursor.fetchone()
    return "|".join("" if v is None else str(v) for v in row)


class _Recent:
    """A small per-process store of built objects (no pickling: the dashboards' objects hold
    a whole office's figures, and unpickling them cost more than the page's own rendering).
    Objects are read, never changed, after they are stored."""

    def __init__(self, size: int = 64):
        self.size = size
        self.items: OrderedDict[str, object] = OrderedDict()
        self.lock = threading.Lock()

    def get(self, key: str):
        with self.lock:
            found = self.items.get(key)
            if found is not None:
                self.items.move_to_end(key)
            return found

    def put(self, key: str, value: object) -> None:
        with self.lock:
            self.items[key] = value
            self.items.move_to_end(key)
            while len(self.items) > self.size:
                self.items.popitem(last=False)

    def clear(self) -> None:
        with self.lock:
            self.items.clear()


RECENT = _Recent()


def cached(name: str, key: tuple, build: Callable[[], T]) -> T:
    """``build()`` once per data version and day; the same object until something changes."""
    state = f"{key!r}:{timezone.localdate().isoformat()}:{data_version()}"
    full = f"kinerja.dashboard:{name}:{hashlib.blake2s(state.encode()).hexdigest()}"
    found = RECENT.get(full)
    if found is None:
        found = build()
        if hasattr(found, "version_key"):
            found.version_key = full  # names the page's cached fragments of this version
        RECENT.put(full, found)
    return found  # type: ignore[return-value]
