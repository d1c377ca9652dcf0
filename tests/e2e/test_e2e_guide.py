"""The users' guide (issue #16.9): its screenshots are taken here, from the demo site, so they
follow the pages as they change. Every run takes them and checks what they show; with
KINERJA_GUIDE_WRITE=1 (scripts/guide-screenshots.sh) they replace docs/guide/img/*.png.

Kept small: a 1000 × 680 window, not the whole page, reduced to 64 colours (PNG)."""

from __future__ import annotations

import io
import os
import re
from pathlib import Path

from browser import E2E_MARKS
from conftest import first_link

from kinerja.web.guide import GUIDE_DIR, IMAGE_DIR

pytestmark = [m for m in E2E_MARKS if m.name != "django_db"]
WRITE = bool(os.environ.get("KINERJA_GUIDE_WRITE"))
SIZE = {"width": 1000, "height": 680}


def _save(page, name: str, out: Path) -> int:
    from PIL import Image

    shot = Image.open(io.BytesIO(page.screenshot()))
    small = shot.convert("RGB").quantize(colors=64, method=Image.Quantize.MEDIANCUT)
    path = out / name
    small.save(path, format="PNG", optimize=True)
    return path.stat().st_size


def _shots(demo_site, sign_in):
    """(name, username, width, how to reach the page, text the picture must show)."""

    def login_page(page):
        page.goto(demo_site.url + "/masuk/")

    def position(page):
        page.goto(demo_site.url + "/kinerja/")
        page.goto(demo_site.url + first_link(page, r"^/kinerja/jabatan/\d+/"))

    def returned(page):
        position(page)
        page.locator("a.cell.status-returned").first.click()

    def inbox(page):
        page.goto(demo_site.url + "/kinerja/verifikasi/")

    def home(page):
        page.goto(demo_site.url + "/")

    def documents(page):
        page.goto(demo_site.url + "/")
        page.locator("header .main-nav a", has_text="Laporan").click()

    def phone_menu(page):
        page.goto(demo_site.url + "/")
        page.locator("header .main-nav summary").click()

    return [
        ("masuk.png", None, 1000, login_page, "Masuk"),
        ("pegawai-jabatan.png", "pegawai", 1000, position, "Kotak periode"),
        ("pegawai-dikembalikan.png", "pegawai", 1000, returned, "Dikembalikan"),
        ("atasan-verifikasi.png", "atasan", 1000, inbox, "Verifikasi data bawahan"),
        ("kepala-beranda.png", "kepala", 1000, home, "Dinas Kependudukan"),
        ("perencana-laporan.png", "perencana", 1000, documents, "Dokumen kinerja"),
        ("menu-ponsel.png", "inspektorat", 375, phone_menu, "Jejak audit"),
    ]


def test_guide_screenshots(demo_site, sign_in, tmp_path):
    out = IMAGE_DIR if WRITE else tmp_path
    out.mkdir(parents=True, exist_ok=True)
    sizes = {}
    for name, username, width, reach, expected in _shots(demo_site, sign_in):
        context, page = sign_in(username, width=width)
        try:
            page.set_viewport_size({**SIZE, "width": width})
            reach(page)
            page.wait_for_load_state()
            assert expected in page.inner_text("body"), (name, page.url)
            sizes[name] = _save(page, name, out)
        finally:
            context.close()
    assert sum(sizes.values()) < 400_000, sizes
    # Every picture the guide shows is one taken here, and it is in the checkout.
    used = set()
    for md in GUIDE_DIR.glob("*.md"):
        used |= set(re.findall(r"\]\(img/([a-z0-9-]+\.png)\)", md.read_text()))
    assert used == set(sizes), used ^ set(sizes)
    if not WRITE:
        assert all((IMAGE_DIR / name).exists() for name in used)
