"""``kinerja strategy``: the budget import and the cascade from the command line
(docs/strategy.md); thin wrappers over the services and selectors.

    kinerja strategy import-budget FILE.xlsx --year 2026 [--agency ID]
    kinerja strategy import-renstra FILE.xlsx --start 2025 --end 2029 [--agency ID]
    kinerja strategy cascade --year 2026 [--agency ID]

An import is all or nothing: every problem is printed with its row and column and the exit
status is 1. The command runs as the system actor (audited as "Sistem (kinerja strategy)").
"""

from __future__ import annotations

from pathlib import Path

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError, CommandParser

from kinerja.catalog.models import Agency
from kinerja.core.errors import error_messages
from kinerja.strategy import selectors, services, services_budget
from kinerja.strategy.models import Renstra

ACTOR = "kinerja strategy"


class Command(BaseCommand):
    help = "Renstra, pohon kinerja dan anggaran: impor anggaran/Renstra, cetak pohon kinerja."

    def add_arguments(self, parser: CommandParser) -> None:
        sub = parser.add_subparsers(dest="action", required=True)
        budget = sub.add_parser("import-budget", help="impor pagu dan realisasi (XLSX)")
        budget.add_argument("path", type=Path)
        budget.add_argument("--year", type=int, required=True)
        renstra = sub.add_parser("import-renstra", help="impor IKU dari templat Renstra (XLSX)")
        renstra.add_argument("path", type=Path)
        renstra.add_argument("--start", type=int, required=True)
        renstra.add_argument("--end", type=int, required=True)
        tree = sub.add_parser("cascade", help="cetak pohon kinerja dengan capaian")
        tree.add_argument("--year", type=int, required=True)
        for p in (budget, renstra, tree):
            p.add_argument("--agency", type=int, help="id perangkat daerah (bawaan: satu-satunya)")

    def handle(self, *args, **options) -> None:
        agency = self._agency(options["agency"])
        action = options["action"]
        if action == "cascade":
            return self._cascade(agency, options["year"])
        content = self._read(options["path"])
        try:
            if action == "import-budget":
                changed = services_budget.budget_import(
                    actor=ACTOR,
                    agency=agency,
                    year=options["year"],
                    content=content,
                    filename=options["path"].name,
                    check_access=False,
                )
                self.stdout.write(
                    f"Anggaran {options['year']}: {changed['item']} program/kegiatan/sub "
                    f"kegiatan, {changed['pagu']} pagu, {changed['spending']} realisasi bulanan "
                    "berubah."
                )
            else:
                plan = Renstra.objects.filter(
                    agency=agency, period_start=options["start"], period_end=options["end"]
                ).first()
                if plan is None:
                    plan = services.renstra_save(
                        actor=ACTOR,
                        agency=agency,
                        period_start=options["start"],
                        period_end=options["end"],
                        title=f"Renstra {agency.name} {options['start']}-{options['end']}",
                        check_access=False,
                    )
                result = services.renstra_import(
                    actor=ACTOR, renstra=plan, content=content, check_access=False
                )
                self.stdout.write(f"{result['iku']} IKU tersimpan di {plan}.")
        except ValidationError as exc:
            for messages in error_messages(exc).values():
                for message in messages:
                    self.stderr.write(message)
            raise CommandError("berkas ditolak seluruhnya; tidak ada yang diubah") from None

    def _cascade(self, agency: Agency, year: int) -> None:
        page = selectors.cascade(agency, year)
        if page.decree is None:
            raise CommandError(f"tidak ada keputusan yang berlaku tahun {year}")
        self.stdout.write(
            f"Pohon kinerja {year}: keputusan {page.decree.number}, "
            f"{page.renstra or 'tanpa Renstra'}; {page.goals_linked} dari {page.goals_total} "
            "kinerja sampai ke IKU."
        )

        def show(node, depth: int) -> None:
            figure = (
                f"{node.capaian_text} {node.predicate}"
                if node.capaian is not None
                else f"tidak dapat dihitung: {node.reason}"
            )
            label = f"IKU {node.label}" if node.kind == "iku" else f"{node.label} ({node.owner})"
            self.stdout.write(f"{'  ' * depth}- {label}: {figure}")
            for child in node.children:
                show(child, depth + 1)

        for root in page.roots:
            show(root, 0)
        for node, why in page.unlinked:
            self.stdout.write(f"Belum mendukung apa pun: {node.label} ({node.owner}): {why}")
        for node in page.unserved:
            self.stdout.write(f"IKU belum didukung: {node.label}")

    def _read(self, path: Path) -> bytes:
        try:
            return path.read_bytes()
        except OSError as exc:
            raise CommandError(f"berkas {path} tidak dapat dibaca: {exc.strerror}") from None

    def _agency(self, pk: int | None) -> Agency:
        if pk is not None:
            agency = Agency.objects.filter(pk=pk).first()
            if agency is None:
                raise CommandError(f"perangkat daerah dengan id {pk} tidak ada")
            return agency
        agencies = list(Agency.objects.all()[:2])
        if len(agencies) != 1:
            raise CommandError("sebutkan --agency ID")
        return agencies[0]
