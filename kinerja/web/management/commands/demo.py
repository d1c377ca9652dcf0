"""``kinerja demo``: the Sampang decree and the demo accounts, ready to click through.

Safe to run on every start: a second run changes nothing and prints the same logins."""

from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand

from kinerja.accounts.services import demo_admin_ensure
from kinerja.catalog.services import SEED_PATH, catalog_import, load_document


class Command(BaseCommand):
    help = "Muat keputusan IKI Sampang dan akun demo (aman dijalankan berulang kali)."

    def handle(self, *args: Any, **options: Any) -> None:
        document, sha = load_document(SEED_PATH.read_bytes())
        result = catalog_import(document=document, source_sha256=sha, actor="kinerja demo")
        state = "dimuat" if result.created else f"sudah ada ({len(result.changes)} perubahan)"
        self.stdout.write(f"Keputusan {result.decree.number}: {state}.")

        credentials = settings.VAR_DIR / "demo-accounts.txt"
        known = (
            dict(line.split(" ", 1) for line in credentials.read_text().splitlines() if " " in line)
            if credentials.exists()
            else {}
        )
        user, password = demo_admin_ensure(username="admin", password=known.get("admin"))
        if password and known.get("admin") != password:
            known["admin"] = password
            credentials.parent.mkdir(parents=True, exist_ok=True)
            credentials.write_text("".join(f"{u} {p}\n" for u, p in known.items()))
            credentials.chmod(0o600)
        self.stdout.write("Akun demo (juga tersimpan di var/demo-accounts.txt):")
        shown = (
            known.get(user.username)
            or "(kata sandi lama; atur ulang: kinerja changepassword admin)"
        )
        self.stdout.write(f"  admin   {user.username} / {shown}")
