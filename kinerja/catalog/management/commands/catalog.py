"""``kinerja catalog parse|import|export|check``: the decree catalog from the command line."""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.db import transaction

from kinerja.catalog.exports import document_to_xlsx
from kinerja.catalog.models import Decree
from kinerja.catalog.parsing import DecreeParseError
from kinerja.catalog.parsing.files import read_decree_file
from kinerja.catalog.quality import check_document
from kinerja.catalog.selectors import decree_document
from kinerja.catalog.services import SEED_PATH, catalog_import, load_document
from kinerja.catalog.validation import DocumentError
from kinerja.core.errors import error_text


class Command(BaseCommand):
    help = "Baca, impor, ekspor dan periksa katalog IKI dari teks keputusan."

    def add_arguments(self, parser: CommandParser) -> None:
        sub = parser.add_subparsers(dest="action", required=True)
        p = sub.add_parser("parse", help="print the catalog of a decree text; touches nothing")
        p.add_argument("path", help="decree text file, or - for standard input")
        p.add_argument("--format", choices=["json"], default="json")
        i = sub.add_parser("import", help="load or update a decree text or catalog JSON")
        i.add_argument("path", nargs="?", help="file, or - for standard input")
        i.add_argument("--seed", action="store_true", help="the Sampang decree shipped inside")
        e = sub.add_parser("export", help="write the catalog as JSON or XLSX")
        e.add_argument("--format", choices=["json", "xlsx"], default="json")
        e.add_argument("--decree", help="decree number (needed when there are several)")
        e.add_argument("--output", "-o", help="file to write (required for xlsx)")
        r = sub.add_parser(
            "review",
            help="propose how a successor or amended decree continues one in the database; "
            "--apply to apply it",
        )
        r.add_argument("path", help="decree file: text, JSON, DOCX or XLSX")
        r.add_argument("--base", required=True, help="number of the decree it replaces/amends")
        r.add_argument("--kind", choices=["successor", "amendment"], help="default: by period")
        r.add_argument("--apply", action="store_true", help="apply the proposal as shown")
        c = sub.add_parser("check", help="review the catalog's quality")
        c.add_argument("--decree", help="decree number (default: every decree)")
        c.add_argument("--format", choices=["text", "json"], default="text")
        c.add_argument("--path", help="check a decree text or JSON file instead of the database")

    def handle(self, *args: Any, **options: Any) -> None:
        try:
            getattr(self, f"_{options['action']}")(options)
        except (DecreeParseError, DocumentError) as exc:
            self.stderr.write(str(exc).splitlines()[0])
            raise SystemExit(2) from None

    def _read(self, path: str) -> bytes:
        if path == "-":
            data = sys.stdin.buffer.read(settings.KINERJA_MAX_DECREE_BYTES + 1)
        else:
            file = Path(path)
            if not file.is_file():
                raise CommandError(f"{path}: file not found")
            if file.stat().st_size > settings.KINERJA_MAX_DECREE_BYTES:
                raise DocumentError(
                    f"line 1: {path} is larger than {settings.KINERJA_MAX_DECREE_BYTES:,} bytes"
                )
            data = file.read_bytes()
        if len(data) > settings.KINERJA_MAX_DECREE_BYTES:
            raise DocumentError("line 1: input is larger than the decree size limit")
        return data

    def _parse(self, options: dict[str, Any]) -> None:
        path = options["path"]
        document = read_decree_file(self._read(path), "stdin.txt" if path == "-" else path)
        self.stdout.write(json.dumps(document, ensure_ascii=False, indent=2))

    def _import(self, options: dict[str, Any]) -> None:
        if options["seed"] == bool(options["path"]):
            raise CommandError("give either a PATH or --seed")
        raw = SEED_PATH.read_bytes() if options["seed"] else self._read(options["path"])
        document, sha = load_document(raw)
        d = document["decree"]
        others = Decree.objects.filter(agency__name=d["agency"], agency__region=d["region"])
        if others.exists() and not others.filter(number=d["number"]).exists():
            # A successor or amendment must be matched to the decree in force, or its holders
            # and history would not follow (docs/decrees.md).
            latest = others.order_by("-period_start", "-pk").first()
            raise CommandError(
                f"{d['agency']} {d['region']} sudah mempunyai keputusan {latest.number}; "
                f"keputusan baru diterapkan lewat tinjauan: kinerja catalog review "
                f"{options['path'] or '--seed'} --base {latest.number}"
            )
        result = catalog_import(document=document, source_sha256=sha, actor="command line")
        decree = result.decree
        goals = sum(len(p["goals"]) for p in document["positions"])
        indicators = sum(len(g["indicators"]) for p in document["positions"] for g in p["goals"])
        state = "dibuat" if result.created else "diperbarui"
        self.stdout.write(
            f"Keputusan {decree.number} {state}: {len(document['positions'])} jabatan, "
            f"{goals} kinerja, {indicators} indikator; {len(result.changes)} perubahan."
        )
        if not result.created:
            for change in result.changes:
                self.stdout.write(f"  - {change.message()}")
        for warning in result.warnings:
            self.stdout.write(f"  peringatan baris {warning['line']}: {warning['message']}")

    def _review(self, options: dict[str, Any]) -> None:
        from django.core.exceptions import ValidationError

        from kinerja.catalog.review_selectors import review_page
        from kinerja.catalog.review_services import review_apply, review_create

        base = self._decree(options["base"])
        try:
            with transaction.atomic():
                review = review_create(
                    actor=None,
                    base=base,
                    raw=self._read(options["path"]),
                    filename=Path(options["path"]).name,
                    kind=options["kind"],
                )
                page = review_page(review)
                self.stdout.write(f"{review.get_kind_display()}: {page['decree']['number']}")
                for block in page["blocks"]:
                    self.stdout.write(f"[{block.row.verdict}] {block.row.name}")
                    for row in block.indicators:
                        if row.verdict != "sama":
                            was = f" <- {row.old_name}" if row.old_name else ""
                            self.stdout.write(f"    [{row.verdict}] {row.name}{was}")
                for d in page["dropped"]:
                    self.stdout.write(f"[tidak ada lagi] {d.kind} {d.name} {d.data}".rstrip())
                for line in page["carry"]:
                    self.stdout.write(f"[penugasan] {line}")
                if options["apply"]:
                    decree = review_apply(actor=None, review=review)
                    self.stdout.write(f"diterapkan: keputusan {decree.number}")
                else:
                    self.stdout.write(
                        f"tinjauan #{review.pk} disimpan; terapkan di /katalog/tinjauan/"
                        f"{review.pk}/ atau ulangi dengan --apply"
                    )
        except ValidationError as exc:
            self.stderr.write(error_text(exc, {"file": "berkas"}))
            raise SystemExit(2) from None

    def _decree(self, number: str | None) -> Decree:
        decrees = Decree.objects.select_related("agency")
        if number:
            found = decrees.filter(number=number).first()
            if found is None:
                raise CommandError(f"no decree numbered {number}")
            return found
        count = decrees.count()
        if count != 1:
            raise CommandError(
                "no decree imported yet" if count == 0 else f"{count} decrees: choose --decree"
            )
        return decrees.get()

    def _export(self, options: dict[str, Any]) -> None:
        document = decree_document(self._decree(options["decree"]))
        if options["format"] == "xlsx":
            if not options["output"]:
                raise CommandError("--output is required for xlsx")
            Path(options["output"]).write_bytes(document_to_xlsx(document))
            self.stdout.write(f"ditulis: {options['output']}")
            return
        text = json.dumps(document, ensure_ascii=False, indent=2)
        if options["output"]:
            Path(options["output"]).write_text(text + "\n", encoding="utf-8")
        else:
            self.stdout.write(text)

    def _check(self, options: dict[str, Any]) -> None:
        if options["path"]:
            documents = [load_document(self._read(options["path"]))[0]]
        elif options["decree"]:
            documents = [decree_document(self._decree(options["decree"]))]
        else:
            documents = [decree_document(d) for d in Decree.objects.select_related("agency")]
        for document in documents:
            findings = check_document(document)
            if options["format"] == "json":
                payload = {
                    "decree": document["decree"]["number"],
                    "findings": [f.as_dict() for f in findings],
                }
                self.stdout.write(json.dumps(payload, ensure_ascii=False, indent=2))
                continue
            self.stdout.write(f"Keputusan {document['decree']['number']}: {len(findings)} temuan")
            for f in findings:
                where = " / ".join(filter(None, [f.position, f.indicator]))
                self.stdout.write(f"[{f.severity}] {where or 'keputusan'}: {f.message}")
                self.stdout.write(f"    mengapa: {f.why}")
