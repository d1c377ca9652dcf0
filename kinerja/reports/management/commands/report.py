"""``kinerja report``: the documents from the command line (docs/reports.md).

    kinerja report pk AGREEMENT_ID [--format pdf|docx] [-o FILE]
    kinerja report evaluasi --year 2024 --quarter 2 [--agency ID] [--format xlsx|pdf]
                            [--include-unverified] [-o FILE]
    kinerja report rencana-aksi --year 2024 [--agency ID] [--format xlsx|pdf] [-o FILE]
    kinerja report lkjip --year 2024 [--agency ID] [--format pdf|docx|xlsx]
                         [--include-unverified] [-o FILE]
    kinerja report keputusan DECREE_ID [--format docx|pdf] [-o FILE]

Without ``-o`` the file is written to the current directory under its own name. A bad argument
is one line on stderr and exit status 2.
"""

from __future__ import annotations

import sys
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError, CommandParser

from kinerja.catalog.models import Agency, Decree
from kinerja.core.inputs import YEAR_MAX, YEAR_MIN
from kinerja.planning.models import Agreement
from kinerja.reports import files


class OneLineParser(CommandParser):
    """argparse prints the whole usage before an error; an operator needs the one line."""

    def error(self, message):
        if self.called_from_command_line:
            sys.stderr.write(f"kinerja report: {message}\n")
            sys.exit(2)
        raise CommandError(f"Error: {message}")


def _bad(message: str) -> CommandError:
    return CommandError(message, returncode=2)


class Command(BaseCommand):
    help = "Dokumen kinerja: PK, evaluasi triwulan, Rencana Aksi, LKjIP, keputusan IKI."

    def create_parser(self, prog_name, subcommand, **kwargs):
        parser = super().create_parser(prog_name, subcommand, **kwargs)
        parser.__class__ = OneLineParser
        return parser

    def add_arguments(self, parser: CommandParser) -> None:
        sub = parser.add_subparsers(dest="document", required=True, parser_class=OneLineParser)
        pk = sub.add_parser("pk", help="Perjanjian Kinerja")
        pk.add_argument("agreement", type=int)
        pk.add_argument("--format", choices=files.PK_FORMATS, default="pdf")
        for name, formats in (
            ("evaluasi", files.EVALUATION_FORMATS),
            ("rencana-aksi", files.ACTION_PLAN_FORMATS),
            ("lkjip", files.LKJIP_FORMATS),
        ):
            p = sub.add_parser(name)
            p.add_argument("--year", type=int, required=True)
            p.add_argument("--agency", type=int, help="id perangkat daerah (bawaan: satu-satunya)")
            p.add_argument("--format", choices=formats, default=formats[0])
            if name == "evaluasi":
                p.add_argument("--quarter", type=int, required=True, choices=(1, 2, 3, 4))
            if name != "rencana-aksi":
                p.add_argument(
                    "--include-unverified",
                    action="store_true",
                    help="hitung juga realisasi yang belum diverifikasi (ditandai sementara)",
                )
        decree = sub.add_parser("keputusan", help="keputusan IKI dari katalog")
        decree.add_argument("decree", type=int)
        decree.add_argument("--format", choices=files.DECREE_FORMATS, default="docx")
        for p in sub.choices.values():
            p.add_argument("-o", "--output", help="berkas tujuan; '-' untuk stdout")

    def handle(self, *args, **options) -> None:
        document, fmt = options["document"], options["format"]
        if document == "pk":
            agreement = Agreement.objects.filter(pk=options["agreement"]).first()
            if agreement is None:
                raise _bad(f"PK dengan id {options['agreement']} tidak ada")
            data, name = files.agreement_file(agreement, fmt)
        elif document == "keputusan":
            decree = Decree.objects.filter(pk=options["decree"]).first()
            if decree is None:
                raise _bad(f"keputusan dengan id {options['decree']} tidak ada")
            data, name = files.decree_file(decree, fmt)
        else:
            year = options["year"]
            if not YEAR_MIN <= year <= YEAR_MAX:
                raise _bad(f"tahun {year} di luar {YEAR_MIN}-{YEAR_MAX}")
            agency = self._agency(options["agency"])
            verified_only = not options.get("include_unverified", False)
            if document == "evaluasi":
                data, name = files.evaluation_file(
                    agency, year, options["quarter"], fmt, verified_only=verified_only
                )
            elif document == "rencana-aksi":
                data, name = files.action_plan_file(agency, year, fmt)
            else:
                data, name = files.lkjip_file(agency, year, fmt, verified_only=verified_only)
        self._write(data, options["output"] or f"{name}.{fmt}")

    def _agency(self, pk: int | None) -> Agency:
        if pk is not None:
            agency = Agency.objects.filter(pk=pk).first()
            if agency is None:
                raise _bad(f"perangkat daerah dengan id {pk} tidak ada")
            return agency
        agencies = list(Agency.objects.all()[:2])
        if len(agencies) != 1:
            raise _bad("ada lebih dari satu perangkat daerah: sebutkan --agency ID")
        return agencies[0]

    def _write(self, data: bytes, target: str) -> None:
        if target == "-":
            sys.stdout.buffer.write(data)
            return
        path = Path(target)
        try:
            path.write_bytes(data)
        except OSError as exc:
            raise _bad(f"tidak dapat menulis {path}: {exc.strerror}") from None
        self.stdout.write(f"{path} ({len(data):,} bita)".replace(",", "."))
