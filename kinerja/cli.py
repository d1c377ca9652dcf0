"""The ``kinerja`` console command: Django's manage.py with the project's settings."""

import os
import sys


def main(argv: list[str] | None = None) -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "kinerja.settings")
    args = sys.argv[1:] if argv is None else argv
    if args[:1] != ["runserver"]:
        # The per-query time budget is for web requests; an import or a backup may run long.
        os.environ.setdefault("KINERJA_QUERY_BUDGET_SECONDS", "0")
    from django.core.management import execute_from_command_line

    execute_from_command_line(["kinerja", *args])


if __name__ == "__main__":
    main()
