"""The main pages of each demo role: its home (its dashboard), what its menu shows (the Django
admin aside, it is not ours), the office and bidang dashboards its home links to, the first
position page it reaches from "Kinerja saya" with an indicator's history, and the first decree of
the catalog with its successor-decree upload when the role may use it."""

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
        page.goto(base + position)
        history = first_link(page, r"^/kinerja/indikator/\d+/riwayat/")  # an indicator's history
        if history:
            paths.append(history)
    page.goto(base + "/katalog/")
    decree = first_link(page, r"^/katalog/\d+/$")
    if decree:
        paths.append(decree)
        page.goto(base + decree)
        review = first_link(page, r"^/katalog/\d+/tinjau/")  # a successor decree's upload
        if review:
            paths.append(review)
    return list(dict.fromkeys(paths))
