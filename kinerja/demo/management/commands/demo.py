"""``kinerja demo``: the Sampang decree, fictional employees, targets, signed PKs and a year of
realizations, plus one login per role (see ``kinerja.demo.demo``).

Safe to run on every start: a second run changes nothing and prints the same logins."""

from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand
from django.utils import timezone

from kinerja.catalog.models import Decree
from kinerja.demo.demo import demo_load
from kinerja.demo.demo_population import demo_population


class Command(BaseCommand):
    help = (
        "Muat keputusan IKI Sampang dengan data demo (pegawai, target, PK, realisasi) dan "
        "akun demo; aman dijalankan berulang kali."
    )

    def handle(self, *args: Any, **options: Any) -> None:
        # The first load runs ~50,000 queries through the services; with DEBUG on, Django's
        # query log would take longer than the load itself.
        debug, settings.DEBUG = settings.DEBUG, False
        try:
            result = demo_load(today=timezone.localdate(), stdout=self.stdout)
            decree = Decree.objects.select_related("agency").order_by("pk").first()
            demo_population(agency=decree.agency, year=result.year, stdout=self.stdout)
        finally:
            settings.DEBUG = debug
