"""Many officials saving at once: the worker shared by the SQLite test (in a subprocess on a
file database, since pytest-django's SQLite test database lives in memory) and the PostgreSQL
test (threads against the test database).

Each client alternates two writes and a read: an increment of one shared realization inside a
transaction (a lost update shows as a total short of the increments made), and a save of its
own realization through the service (a lost update shows as a value other than its last)."""

from __future__ import annotations

import json
import os
import sys
import threading
import time
from decimal import Decimal

YEAR = 2021  # inside the seed decree's period (2019-2021), every month already begun


def setup_rows(clients: int) -> tuple[int, list[tuple[int, int]]]:
    """The shared realization's pk and one (indicator pk, month) cell per client."""
    from kinerja.catalog.models import Indicator
    from kinerja.catalog.services import SEED_PATH, catalog_import, load_document
    from kinerja.measurement.services import realization_save

    document, sha = load_document(SEED_PATH.read_bytes())
    catalog_import(document=document, source_sha256=sha, actor="beban")
    counts = list(
        Indicator.objects.filter(kind="count", frequency="monthly").order_by("pk")[: clients + 1]
    )
    cells = [(counts[i % len(counts)].pk, 1 + i // len(counts)) for i in range(1, clients + 1)]
    shared = realization_save(
        actor="beban", indicator=counts[0], year=YEAR, period=1, value=0, check_access=False
    )
    return shared.pk, cells


def hammer(shared_pk: int, cells: list[tuple[int, int]], seconds: float) -> dict:
    from django.db import connections, transaction

    from kinerja.catalog.models import Indicator
    from kinerja.measurement.models import Realization
    from kinerja.measurement.services import realization_save

    clients = len(cells)
    errors: list[str] = []
    increments = [0] * clients
    last_value: list[int | None] = [None] * clients
    operations = [0] * clients
    barrier = threading.Barrier(clients)

    def work(i: int) -> None:
        try:
            indicator = Indicator.objects.select_related("goal__position__decree").get(
                pk=cells[i][0]
            )
            barrier.wait()
            deadline = time.monotonic() + seconds
            n = 0
            while time.monotonic() < deadline:
                n += 1
                try:
                    if n % 2:
                        with transaction.atomic():
                            row = Realization.objects.select_for_update().get(pk=shared_pk)
                            row.value += 1
                            row.save(update_fields=["value"])
                        increments[i] += 1
                    else:
                        realization_save(
                            actor="beban",
                            indicator=indicator,
                            year=YEAR,
                            period=cells[i][1],
                            value=n,
                            check_access=False,
                        )
                        last_value[i] = n
                    list(Realization.objects.filter(year=YEAR).values_list("value")[:50])
                except Exception as exc:  # counted, not raised: the rate is the finding
                    errors.append(f"{type(exc).__name__}: {exc}")
                operations[i] += 1
        finally:
            connections.close_all()

    threads = [threading.Thread(target=work, args=(i,)) for i in range(clients)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    shared = Realization.objects.get(pk=shared_pk).value
    lost = int(sum(increments) - shared)
    for i, (indicator_pk, month) in enumerate(cells):
        if last_value[i] is not None:
            saved = Realization.objects.get(indicator_id=indicator_pk, year=YEAR, period=month)
            lost += saved.value != Decimal(last_value[i])
    return {
        "clients": clients,
        "operations": sum(operations),
        "errors": len(errors),
        "error_samples": sorted(set(errors))[:3],
        "lost_updates": lost,
    }


def main() -> None:
    """Run on a fresh file database: python concurrency.py CLIENTS SECONDS [old]."""
    clients, seconds = int(sys.argv[1]), float(sys.argv[2])
    os.environ["DJANGO_SETTINGS_MODULE"] = "kinerja.settings"
    import django
    from django.conf import settings

    if len(sys.argv) > 3 and sys.argv[3] == "old":  # the configuration before issue #18
        import kinerja.settings as module

        module.DATABASES["default"]["OPTIONS"] = {}
    django.setup()
    from django.core.management import call_command

    call_command("migrate", verbosity=0)
    shared, cells = setup_rows(clients)
    report = hammer(shared, cells, seconds)
    report["journal_mode"] = _journal_mode()
    report["options"] = settings.DATABASES["default"].get("OPTIONS", {})
    print(json.dumps(report))


def _journal_mode() -> str:
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute("PRAGMA journal_mode")
        return cursor.fetchone()[0]


if __name__ == "__main__":
    main()
