"""kinerja backup [-o ARCHIVE]: the database and the evidence files in one archive."""

from datetime import datetime
from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.db import connection

from kinerja.ops.backup import BackupError, backup


class Command(BaseCommand):
    help = "Cadangkan basis data dan berkas bukti ke satu arsip .tar.gz"

    def add_arguments(self, parser):
        parser.add_argument(
            "-o",
            "--output",
            type=Path,
            help="berkas arsip (bawaan: var/cadangan/kinerja-YYYYmmdd-HHMMSS.tar.gz)",
        )

    def handle(self, *args, **options):
        archive = options["output"] or (
            Path(settings.VAR_DIR) / "cadangan" / f"kinerja-{datetime.now():%Y%m%d-%H%M%S}.tar.gz"
        )
        try:
            manifest = backup(archive, connection=connection, media_root=Path(settings.MEDIA_ROOT))
        except BackupError as exc:
            raise CommandError(str(exc)) from None
        rows = sum(manifest["tables"].values())
        self.stdout.write(
            f"Cadangan {archive}: {manifest['engine']}, {len(manifest['tables'])} tabel, "
            f"{rows} baris, {len(manifest['files'])} berkas."
        )
