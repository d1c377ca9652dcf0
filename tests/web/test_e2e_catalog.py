"""A person's path through the catalog in a real browser (Debian's chromium via Playwright):
sign in, open the decree, follow a position, see the formula drawn as a fraction, search."""

from browser import E2E_MARKS

pytestmark = E2E_MARKS


def test_official_browses_catalog(live_server, browser_page, decree, staff_user, tmp_path):
    page = browser_page
    page.goto(live_server.url + "/")
    page.fill("input[name=username]", "pegawai")
    page.fill("input[name=password]", "rahasia-pegawai-1")
    page.click("button[type=submit]")
    page.click("text=188/450.1/KEP/434.206/2019")
    assert page.locator("h1").inner_text().startswith("Keputusan Kepala Dinas Kependudukan")
    page.click("text=Kepala Bidang Pelayanan Pendaftaran Penduduk")
    numerator = page.locator(".frac .num").first
    denominator = page.locator(".frac .den").first
    assert numerator.inner_text() == "Jumlah Penduduk ber KTP – el"
    # Drawn as a fraction: the numerator sits above the denominator.
    assert numerator.bounding_box()["y"] < denominator.bounding_box()["y"]
    page.screenshot(path=str(tmp_path / "position.png"), full_page=True)

    page.goto(live_server.url + "/katalog/cari/")
    page.fill("input[type=search]", "akta kematian")
    page.wait_for_selector("text=Persentase penduduk meninggal ber akta kematian")
    assert "q=akta" in page.url
