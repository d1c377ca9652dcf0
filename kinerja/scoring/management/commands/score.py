"""``kinerja score``: JSON Lines on stdin, one JSON result per line on stdout (docs/scoring.md).

The exit status is 0 even when some lines are errors: each error is reported on its own output
line (``{"error", "line", "field"}``) and the count goes to stderr, so a pipeline keeps the
results of the good lines. Use ``--strict`` to exit 1 when any line failed.
"""

from __future__ import annotations

import sys
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from kinerja.scoring.batch import run_batch
from kinerja.scoring.scales import default_registry, load_registry


class Command(BaseCommand):
    help = "Hitung nilai, capaian, predikat dan status dari JSON Lines di stdin."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--scales",
            metavar="FILE",
            help="JSON file of the agency's own predicate scales (same format as scales.json)",
        )
        parser.add_argument(
            "--strict", action="store_true", help="exit with status 1 when any line is an error"
        )

    def handle(self, *args: Any, **options: Any) -> None:
        registry = default_registry()
        if options.get("scales"):
            try:
                registry = load_registry(options["scales"])
            except (OSError, ValueError, KeyError, TypeError) as exc:
                raise CommandError(f"berkas skala tidak dapat dibaca: {exc}") from exc
        errors = run_batch(sys.stdin, self.stdout, registry)
        if errors:
            self.stderr.write(f"{errors} baris galat")
            if options.get("strict"):
                raise CommandError(f"{errors} baris galat", returncode=1)
