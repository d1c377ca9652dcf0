"""The monthly cycle in a real browser: a staff member enters and submits a figure, the
supervisor finds it in the inbox and verifies it, and the grid shows it verified."""

from browser import E2E_MARKS
from factories import build_org, indicators_of

from kinerja.measurement.models import Realization

pytestmark = E2E_MARKS


def _login(page, base, username):
    page.goto(base + "/masuk/")
    page.fill("input[name=username]", username)
    page.fill("input[name=password]", "sandi-rahasia-9")
    page.click("button[type=submit]")


def test_enter_submit_verify(live_server, browser_page, decree):
    org = build_org(decree)
    for role in ("staff", "kasi"):
        org.users[role].set_password("sandi-rahasia-9")
        org.users[role].save()
    indicator = indicators_of(org.pos["staff"])[0]
    page, base = browser_page, live_server.url

    _login(page, base, "staff")
    page.goto(f"{base}/kinerja/realisasi/{indicator.pk}/2024/3/")
    page.fill("input[name=value]", "1.250")
    page.click("text=Simpan")
    assert "Realisasi tersimpan." in page.content()
    page.click("text=Kirim untuk verifikasi")
    assert "Menunggu verifikasi" in page.content()
    page.click("text=Keluar")

    _login(page, base, "kasi")
    page.goto(base + "/kinerja/verifikasi/")
    row = page.locator("tr", has_text=indicator.name)
    assert "1.250" in row.inner_text()
    # The inbox shows value, target, evidence and history; verified by ticking the row.
    row.locator("input[name=pilih]").check()
    page.click("text=Verifikasi yang dipilih")
    assert "Tidak ada data dengan saringan ini." in page.content()

    realization = Realization.objects.get(indicator=indicator, year=2024, period=3)
    assert (realization.value, realization.status) == (1250, "verified")
    assert realization.verified_by == org.users["kasi"]
    page.goto(f"{base}/kinerja/jabatan/{org.pos['staff'].pk}/2024/")
    assert page.locator("a.cell.status-verified").count() == 1
