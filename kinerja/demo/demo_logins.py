"""The demo logins: one account per role, passwords kept under ``var/`` (the database only
holds their hashes) and printed as a table on every ``kinerja demo``."""

from __future__ import annotations

import os
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

from django.conf import settings

from kinerja.accounts.models import Assignment, User
from kinerja.catalog.models import Decree

HEAD = "head"  # stands for the position with is_head=True
# role -> the key of the position its user holds; the usernames are the role names.
ROLES: dict[str, str] = {
    "kepala": HEAD,  # reads everything, verifies the Sekretaris and the Kabid
    "atasan": "kepala-bidang-pelayanan-pendaftaran-penduduk",  # verifies the pegawai
    "pegawai": "kepala-seksi-identitas-penduduk",  # enters realizations
    "staf": "pengolah-mutasi-penduduk",  # a pelaksana under a Kasi
    "perencana": "kepala-sub-bagian-perencanaan-dan-keuangan",  # + the perencana role
    "operator": "pengelola-data",  # + the operator role: enters on behalf of holders
}
# Accounts with a role and no position of their own: username -> role.
ROLE_ONLY = {"inspektorat": "inspektorat"}
# Agency roles of the demo accounts (besides the positions they hold).
AGENCY_ROLES = {
    "admin": ["administrator"],
    "perencana": ["perencana"],
    "operator": ["operator"],
    "inspektorat": ["inspektorat"],
}
OTHER_AGENCY_LOGIN = "kepala-bangkalan"  # the head of the second, small demo agency


@dataclass
class DemoLogin:
    role: str
    username: str
    password: str
    position: str
    can: str = ""


def credentials_path() -> Path:
    return Path(settings.VAR_DIR) / "demo-accounts.txt"


def read_credentials() -> dict[str, str]:
    path = credentials_path()
    if not path.exists():
        return {}
    return dict(line.split(" ", 1) for line in path.read_text().splitlines() if " " in line)


def write_credentials(known: dict[str, str]) -> None:
    """One "username password" line each, readable by the owner only from the start."""
    path = credentials_path()
    path.parent.mkdir(parents=True, exist_ok=True)
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    with os.fdopen(fd, "w") as handle:
        handle.write("".join(f"{u} {p}\n" for u, p in known.items()))
    path.chmod(0o600)


def logins(decree: Decree, known: dict[str, str], today: date) -> list[DemoLogin]:
    def password(username: str) -> str:
        reset = f"(kata sandi lama; atur ulang: kinerja changepassword {username})"
        return known.get(username) or reset

    rows = []
    for username in ["admin", *ROLES, *ROLE_ONLY, OTHER_AGENCY_LOGIN]:
        user = User.objects.filter(username=username).select_related("employee").first()
        if user is None:
            continue
        label = ""
        if user.employee is not None:
            held = (
                Assignment.objects.active_on(today)
                .filter(employee=user.employee)
                .select_related("position")
                .order_by("kind", "position__order")
            )
            label = "; ".join(f"{a.acting_prefix} {a.position.name}".strip() for a in held)
            label = f"{label} ({user.employee.full_name})"
        roles = [str(r) for r in user.agency_roles.active().values_list("role", flat=True)]
        if roles:
            label = f"{label}; peran: {', '.join(roles)}".lstrip("; ")
        rows.append(DemoLogin(username, username, password(username), label, capabilities(user)))
    return rows


def capabilities(user: User) -> str:
    """What the account can do, in words, from the same decision the pages use."""
    from kinerja.accounts.access import access_for
    from kinerja.accounts.permissions import can

    access = access_for(user)
    said = []
    if access.reads_all:
        said.append("membaca semua perangkat daerah termasuk bukti dan audit (hanya baca)")
    elif access.is_head:
        said.append("membaca seluruh data perangkat daerahnya")
    if access.held:
        said.append("mengisi realisasi jabatannya")
    if access.role_agencies("operator"):
        said.append("mengisi realisasi atas nama pemegang jabatan")
    if can(user, "inbox.view"):
        said.append("memverifikasi bawahan")
    if access.role_agencies("perencana"):
        said.append("menyusun target, PK, dan menutup periode")
    if can(user, "user.manage"):
        said.append("mengelola pengguna dan penugasan")
    if user.is_superuser:
        said.append("menjalankan situs (admin Django)")
    return "; ".join(said) or "tidak ada"


def print_logins(stdout: Any, logins: list[DemoLogin]) -> None:
    stdout.write(f"Akun demo (kata sandi juga tersimpan di {credentials_path()}):")
    header = DemoLogin("Peran", "Pengguna", "Kata sandi", "Jabatan")
    width = [max(len(getattr(r, f)) for r in [header, *logins]) for f in ("role", "username")]
    pw_width = max(len(r.password) for r in [header, *logins] if len(r.password) < 30)
    for row in [header, *logins]:
        stdout.write(
            f"  {row.role:<{width[0]}}  {row.username:<{width[1]}}  "
            f"{row.password:<{pw_width}}  {row.position}"
        )
        if row.can and row is not header:
            stdout.write(
                f"  {'':<{width[0]}}  {'':<{width[1]}}  {'':<{pw_width}}  dapat: {row.can}"
            )
