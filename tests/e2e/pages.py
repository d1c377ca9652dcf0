"""The main pages of each demo role: what its menu shows (the Django admin aside, it is not
ours), the first position page it reaches from "Kinerja saya", and the help pages."""

from __future__ import annotations

from conftest import first_link

ROLES = [
    "admin",
    "kepala",
    "atasan",
    "pegawai",
    "staf",
    "perencana",
    "operator",
    "inspektorat",
    "kepala-bangkalan",
]
SKIP = ("/admin/", "/keluar/")


def main_pages(page, base: str) -> list[str]:
    page.goto(base + "/")
    menu = page.evaluate(
        "() => [...document.querySelectorAll('header .main-nav a[href]')]"
        ".map(a => new URL(a.href).pathname)"
    )
    paths = ["/", *[p for p in menu if not p.startswith(SKIP)]]
    page.goto(base + "/kinerja/")
    position = first_link(page, r"^/kinerja/jabatan/\d+/")
    if position:
        paths.append(position)
    page.goto(base + "/katalog/")
    decree = first_link(page, r"^/katalog/\d+/$")
    if decree:
        paths.append(decree)
    return list(dict.fromkeys(paths))
