"""The main pages of each demo role: its home (its dashboard), what its menu shows (the Django
admin aside, it is not ours), the office and bidang dashboards its home links to, the first
position page it reaches from "Kinerja saya" and the first decree of the catalog."""

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
    # The dashboards the home page leads to (the office's, a bidang's), when it shows them.
    for pattern in (r"^/dasbor/kantor/\d+/", r"^/dasbor/unit/\d+/"):
        found = first_link(page, pattern)
        if found:
            paths.append(found)
    page.goto(base + "/kinerja/")
    position = first_link(page, r"^/kinerja/jabatan/\d+/")
    if position:
        paths.append(position)
    page.goto(base + "/katalog/")
    decree = first_link(page, r"^/katalog/\d+/$")
    if decree:
        paths.append(decree)
    return list(dict.fromkeys(paths))
