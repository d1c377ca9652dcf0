"""``kinerja report``: the documents from the command line (docs/reports.md).

    kinerja report pk --year 2024 --position KEY [--format pdf|docx] [-o FILE]
    kinerja report rencana-aksi --year 2024 [--position KEY] [--format xlsx|pdf] [-o FILE]
    kinerja report triwulan --year 2024 --quarter 2 [--unit KEY] [--format xlsx|pdf]
                            [--include-unverified] [-o FILE]
    kinerja report lkjip --year 2024 [--format pdf|docx|xlsx] [--include-unverified] [-o FILE]
    kinerja report decree [--format docx|pdf] [-o FILE]

KEY is a position's stable key (``kepala-seksi-identitas-penduduk``, as in the catalog) or a
unit's name as a slug (``bidang-pelayanan-pendaftaran-penduduk``); the decree is the one in force
for the year (``decree``: the latest, or ``--decree ID``); ``--agency ID`` when there are several.
``pk`` also takes an agreement id (``pk ID``). ``evaluasi`` and ``keputusan`` are the same
commands under their Indonesian names. Without ``-o`` the file is written to the current
directory under its own name. A bad argument is one line on stderr and exit status 2.
"""

from __future__ import annotations

import sys
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils.text import slugify

from kinerja.catalog.models import Agency, Decree, Position, Unit
from kinerja.core.inputs import YEAR_MAX, YEAR_MIN
from kinerja.core.numbers import format_bytes
from kinerja.planning.models import Agreement
from kinerja.reports import files


class OneLineParser(CommandParser):
    """argparse prints the whole usage before an error; an operator needs the one line."""

    def error(self, message):
        if self.called_from_command_line:
            sys.stderr.write(f"kinerja report: {message}\n")
            sys.exit(2)
        raise CommandError(f"Error: {message}")


ALIASES = {"evaluasi": "triwulan", "keputusan": "decree"}


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
        pk.add_argument("agreement", type=int, nargs="?", help="id PK (atau --year dan --position)")
        pk.add_argument("--year", type=int)
        pk.add_argument("--position", help="kunci jabatan dalam katalog")
        pk.add_argument("--format", choices=files.PK_FORMATS, default="pdf")
        for name, aliases, formats in (
            ("triwulan", ["evaluasi"], files.EVALUATION_FORMATS),
            ("rencana-aksi", [], files.ACTION_PLAN_FORMATS),
            ("lkjip", [], files.LKJIP_FORMATS),
        ):
            p = sub.add_parser(name, aliases=aliases)
            p.add_argument("--year", type=int, required=True)
            p.add_argument("--format", choices=formats, default=formats[0])
            if name == "triwulan":
                p.add_argument("--quarter", type=int, required=True, choices=(1, 2, 3, 4))
                p.add_argument("--unit", help="nama unit sebagai slug, atau id unit")
            if name == "rencana-aksi":
                p.add_argument("--position", help="kunci jabatan dalam katalog")
            else:
                p.add_argument(
                    "--include-unverified",
                    action="store_true",
                    help="hitung juga realisasi yang belum diverifikasi (ditandai sementara)",
                )
        decree = sub.add_parser("decree", aliases=["keputusan"], help="keputusan IKI dari katalog")
        decree.add_argument("decree", type=int, nargs="?", help="id keputusan (bawaan: terbaru)")
        decree.add_argument("--decree", dest="decree_id", type=int)
        decree.add_argument("--format", choices=files.DECREE_FORMATS, default="docx")
        for p in sub.choices.values():
            if not any(a.dest == "agency" for a in p._actions):
                p.add_argument(
                    "--agency", type=int, help="id perangkat daerah (bawaan: satu-satunya)"
                )
            if not any(a.dest == "output" for a in p._actions):
                p.add_argument("-o", "--output", help="berkas tujuan; '-' untuk stdout")

    def handle(self, *args, **options) -> None:
        document = ALIASES.get(options["document"], options["document"])
        fmt = options["format"]
        if document == "pk":
            agreement = self._agreement(options)
            data, name = files.agreement_file(agreement, fmt)
        elif document == "decree":
            decree = self._decree(options)
            data, name = files.decree_file(decree, fmt)
        else:
            year = self._year(options["year"])
            agency = self._agency(options["agency"])
            verified_only = not options.get("include_unverified", False)
            if document == "triwulan":
                unit = self._unit(agency, options.get("unit"))
                data, name = files.evaluation_file(
                    agency, year, options["quarter"], fmt, verified_only=verified_only, unit=unit
                )
            elif document == "rencana-aksi":
                positions = None
                if options.get("position"):
                    positions = [self._position(agency, year, options["position"])]
                data, name = files.action_plan_file(agency, year, fmt, positions=positions)
            else:
                data, name = files.lkjip_file(agency, year, fmt, verified_only=verified_only)
        self._write(data, options["output"] or f"{name}.{fmt}")

    def _year(self, year: int | None) -> int:
        if year is None:
            raise _bad("--year wajib diisi")
        if not YEAR_MIN <= year <= YEAR_MAX:
            raise _bad(f"tahun {year} di luar {YEAR_MIN}-{YEAR_MAX}")
        return year

    def _decree_for(self, agency: Agency, year: int) -> Decree:
        decree = (
            Decree.objects.filter(agency=agency, period_start__lte=year, period_end__gte=year)
            .order_by("-period_start")
            .first()
        )
        if decree is None:
            raise _bad(f"tidak ada keputusan IKI yang berlaku pada tahun {year}")
        return decree

    def _position(self, agency: Agency, year: int, key: str) -> Position:
        decree = self._decree_for(agency, year)
        position = Position.objects.filter(decree=decree, key=key).first()
        if position is None:
            raise _bad(f"jabatan '{key}' tidak ada dalam keputusan {decree.number}")
        return position

    def _agreement(self, options: dict) -> Agreement:
        if options["agreement"] is not None:
            agreement = Agreement.objects.filter(pk=options["agreement"]).first()
            if agreement is None:
                raise _bad(f"PK dengan id {options['agreement']} tidak ada")
            return agreement
        if not options.get("position"):
            raise _bad("sebutkan id PK, atau --year dan --position")
        year = self._year(options.get("year"))
        position = self._position(self._agency(options["agency"]), year, options["position"])
        found = list(Agreement.objects.filter(position=position, year=year))
        if not found:
            raise _bad(f"belum ada PK {year} untuk {position.name}")
        signed = [a for a in found if a.status != Agreement.Status.DRAFT]
        # the PK in force: the latest signed revision, else the latest draft
        return max(signed or found, key=lambda a: a.revision)

    def _decree(self, options: dict) -> Decree:
        pk = options.get("decree") or options.get("decree_id")
        if pk is not None:
            decree = Decree.objects.filter(pk=pk).first()
            if decree is None:
                raise _bad(f"keputusan dengan id {pk} tidak ada")
            return decree
        agency = self._agency(options["agency"])
        decree = Decree.objects.filter(agency=agency).order_by("-period_start").first()
        if decree is None:
            raise _bad("belum ada keputusan IKI")
        return decree

    def _unit(self, agency: Agency, key: str | None) -> Unit | None:
        if not key:
            return None
        units = list(Unit.objects.filter(agency=agency))
        found = [u for u in units if str(u.pk) == key or slugify(u.name) == key]
        if len(found) != 1:
            raise _bad(
                f"unit '{key}' tidak dikenal; pilihan: {', '.join(slugify(u.name) for u in units)}"
            )
        return found[0]

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
        self.stdout.write(f"{path} ({format_bytes(len(data))})")
