"""``kinerja api_token``: create, list or revoke API tokens from the shell, through the same
audited services as the token page (/akses-api/). The secret is printed once.

    kinerja api_token create --by admin --name "Aplikasi layanan" --role operator \\
        --indicator 123 --indicator 124
    kinerja api_token create --by admin --name "Laptop Kasi" --user pegawai
    kinerja api_token list [--agency ID]
    kinerja api_token revoke PREFIX --by admin
    kinerja api_token create --site --name "Inspektorat" --user inspektorat
"""

from __future__ import annotations

from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.core.management.base import BaseCommand, CommandError

from kinerja.accounts.models import User
from kinerja.api import services
from kinerja.api.models import ApiToken
from kinerja.catalog.models import Agency
from kinerja.core.errors import error_text


class Command(BaseCommand):
    help = "Buat, daftar, atau cabut token API (tercatat di audit)."

    def add_arguments(self, parser) -> None:
        parser.add_argument("action", choices=["create", "list", "revoke"])
        parser.add_argument("prefix", nargs="?", help="awalan token yang dicabut")
        parser.add_argument("--by", help="nama pengguna administrator yang melakukannya")
        parser.add_argument(
            "--site",
            action="store_true",
            help="sebagai pengelola situs (mis. token inspektorat yang membaca semua perangkat "
            "daerah); tercatat di audit sebagai perintah ini",
        )
        parser.add_argument("--agency", type=int, help="id perangkat daerah (bawaan: pertama)")
        parser.add_argument("--name", default="")
        parser.add_argument("--role", default="", help="operator | pimpinan (token sistem)")
        parser.add_argument("--user", default="", help="token pengguna: nama penggunanya")
        parser.add_argument("--indicator", type=int, action="append", default=[])

    def handle(self, *args: Any, **options: Any) -> None:
        agency = (
            Agency.objects.filter(pk=options["agency"]).first()
            if options["agency"]
            else Agency.objects.order_by("pk").first()
        )
        if agency is None:
            raise CommandError("perangkat daerah tidak ditemukan")
        if options["action"] == "list":
            for t in ApiToken.objects.filter(agency=agency).select_related("user"):
                state = "dicabut" if t.revoked_at else "aktif"
                used = t.last_used_at.isoformat() if t.last_used_at else "-"
                self.stdout.write(f"{t.prefix}  {t.name}  {t.kind}  {t.user}  {state}  {used}")
            return
        actor: object = User.objects.filter(username=options["by"] or "").first()
        if options["site"]:
            actor = "kinerja api_token (pengelola situs)"
        elif actor is None:
            raise CommandError("--by ADMIN (administrator perangkat daerah) atau --site wajib")
        try:
            if options["action"] == "create":
                user = None
                if options["user"]:
                    user = User.objects.filter(username=options["user"]).first()
                _, secret = services.token_create(
                    actor=actor,
                    agency=agency,
                    name=options["name"],
                    kind=ApiToken.Kind.USER if options["user"] else ApiToken.Kind.SYSTEM,
                    user=user,
                    role=options["role"],
                    indicators=options["indicator"],
                )
                self.stdout.write(secret)
            else:
                token = ApiToken.objects.filter(prefix=options["prefix"] or "").first()
                if token is None:
                    raise CommandError("token dengan awalan itu tidak ada")
                services.token_revoke(actor=actor, token=token)
                self.stdout.write(f"token {token.prefix} dicabut")
        except ValidationError as exc:
            raise CommandError(error_text(exc)) from None
        except PermissionDenied as exc:
            raise CommandError(str(exc)) from None
