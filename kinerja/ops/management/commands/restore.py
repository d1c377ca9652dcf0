"""kinerja restore ARCHIVE [--force]: back into an empty database and media folder."""

from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.db import connection

from kinerja.ops.backup import BackupError, restore


class Command(BaseCommand):
    help = "Pulihkan arsip dari 'kinerja backup' ke basis data dan folder berkas yang kosong"

    def add_arguments(self, parser):
        parser.add_argument("archive", type=Path)
        parser.add_argument(
            "--force",
            action="store_true",
            help="timpa basis data dan berkas yang sudah berisi",
        )

    def handle(self, *args, **options):
        try:
            manifest = restore(
                options["archive"],
                connection=connection,
                media_root=Path(settings.MEDIA_ROOT),
                force=options["force"],
            )
        except BackupError as exc:
            raise CommandError(str(exc)) from None
        rows = sum(manifest["tables"].values())
        self.stdout.write(
            f"Dipulihkan dari cadangan {manifest['created']}: {len(manifest['tables'])} tabel, "
            f"{rows} baris, {len(manifest['files'])} berkas; jumlah baris dan sidik berkas cocok."
        )
