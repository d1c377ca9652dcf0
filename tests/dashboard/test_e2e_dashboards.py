"""Each role's day in a real browser (Debian's chromium via Playwright), on a desktop (1366 px)
and a phone (375 px), never scrolling sideways, with the figures the read model gives:

- the head opens his dashboard and drills down to the indicator most behind;
- a Kabid filters his inbox to a seksi with evidence attached, opens the evidence and verifies;
- a Kasi sees the item returned to him with its reason, corrects it and sends it again.
"""

from pathlib import Path

import pytest
from browser import E2E_MARKS
from dashboard_data import YEAR, indicators, realize, targets_everywhere
from factories import build_org

from kinerja.catalog.models import Position
from kinerja.core.numbers import format_percent
from kinerja.measurement import services
from kinerja.measurement.achievement import achievement
from kinerja.measurement.models import Realization, Status

pytestmark = E2E_MARKS
PASSWORD = "sandi-rahasia-9"
WIDTHS = [1366, 375]
PDF = (
    b"%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n"
    b"2 0 obj<</Type/Pages/Kids[]/Count 0>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n"
)


@pytest.fixture(autouse=True)
def fresh_cache():
    from django.core.cache import cache

    from kinerja.dashboard.cache import RECENT

    cache.clear()
    RECENT.clear()


def login(page, base, user, width):
    user.set_password(PASSWORD)
    user.save()
    page.set_viewport_size({"width": width, "height": 900})
    page.goto(base + "/masuk/")
    page.fill("input[name=username]", user.username)
    page.fill("input[name=password]", PASSWORD)
    page.click("button[type=submit]")


def fits(page, width):
    """No sideways scrolling: the document is exactly as wide as the window."""
    assert page.evaluate("document.documentElement.scrollWidth") == width


@pytest.mark.parametrize("width", WIDTHS)
def test_head_drills_down_to_the_indicator_most_behind(live_server, browser_page, decree, width):
    org = build_org(decree)
    targets_everywhere(org)
    realize(org.pos["kasi"])  # 45,00% each
    realize(org.pos["kabid"], num=20, den=50)  # 40% of a 95% target: 42,11%, the lowest
    page, base = browser_page, live_server.url
    login(page, base, org.head, width)
    page.click(f"nav.years >> text={YEAR}")  # the home page opens on the current year
    assert page.locator("h1").inner_text().startswith("Ringkasan kinerja")
    ids = list(Position.objects.filter(decree=decree).values_list("pk", flat=True))
    model = achievement(ids, YEAR, with_quarters=False)
    office = format_percent(model.agencies[org.agency.pk].capaian)
    assert page.locator("#capaian-kantor strong").inner_text() == office
    fits(page, width)
    scored = [f for f in model.indicators if f.capaian is not None]
    lowest = min(scored, key=lambda f: (f.capaian, f.name))  # ties: by name, as the page
    assert format_percent(lowest.capaian) == "42,11%"
    first = page.locator("table.lagging").first.locator("tbody tr").first
    assert lowest.name in first.inner_text() and "42,11%" in first.inner_text()
    first.locator("a").first.click()
    assert page.locator("h1").inner_text() == org.pos["kabid"].name  # its position page
    row = page.locator("table.figures tr", has_text=lowest.name)
    assert "42,11%" in row.inner_text()
    fits(page, width)


@pytest.mark.parametrize("width", WIDTHS)
def test_kabid_filters_the_inbox_and_verifies_with_the_evidence_open(
    live_server, browser_page, decree, width, settings, tmp_path
):
    settings.MEDIA_ROOT = tmp_path
    org = build_org(decree)
    indicator = indicators(org.pos["kasi"])[0]
    other = indicators(org.pos["kasi"])[1]
    r = services.realization_save(
        actor=org.kasi, indicator=indicator, year=YEAR, period=2, value="1.250"
    )
    services.evidence_add(
        actor=org.kasi,
        realization=r,
        name="rekap-februari.pdf",
        content=PDF,
        source=indicator.sources.first(),
    )
    services.realization_transition(actor=org.kasi, realization=r, to_status=Status.SUBMITTED)
    no_evidence = Realization.objects.create(
        indicator=other, position=org.pos["kasi"], year=YEAR, frequency=other.frequency,
        period=2, value=7, status=Status.SUBMITTED,
    )  # fmt: skip
    page, base = browser_page, live_server.url
    login(page, base, org.kabid, width)
    page.goto(f"{base}/?tahun={YEAR}")  # his bidang; the inbox of this unit from there
    page.click("text=Verifikasi data unit ini")
    page.select_option("select[name=unit]", str(org.pos["kasi"].unit_id))
    page.select_option("select[name=bukti]", "ada")
    page.click("text=Saring")
    rows = page.locator("form table tbody tr")
    assert rows.count() == 1
    assert "1.250" in rows.first.inner_text() and no_evidence.indicator.name not in page.content()
    fits(page, width)
    rows.first.locator(f"a:has-text('{indicator.name[:30]}')").click()
    with page.expect_download() as download:
        page.click("text=rekap-februari.pdf")  # the evidence, opened before deciding
    assert Path(download.value.path()).read_bytes() == PDF
    page.click("form >> button:text-is('Verifikasi')")
    r.refresh_from_db()
    assert (r.status, r.verified_by_id) == (Status.VERIFIED, org.kabid.pk)
    assert "Terverifikasi" in page.content() or "terverifikasi" in page.content()
    fits(page, width)


@pytest.mark.parametrize("width", WIDTHS)
def test_kasi_sees_a_returned_item_and_fixes_it(live_server, browser_page, decree, width):
    org = build_org(decree)
    indicator = indicators(org.pos["kasi"])[0]
    r = services.realization_save(
        actor=org.kasi, indicator=indicator, year=YEAR, period=3, value="900"
    )
    services.realization_transition(actor=org.kasi, realization=r, to_status=Status.SUBMITTED)
    services.realization_transition(
        actor=org.kabid, realization=r, to_status=Status.RETURNED,
        reason="Angka tidak sama dengan rekap SIAK Maret.",
    )  # fmt: skip
    page, base = browser_page, live_server.url
    login(page, base, org.kasi, width)
    page.goto(base + "/")  # his home: what to do
    item = page.locator("#dikembalikan + ul.todo li").first
    assert indicator.name in item.inner_text()
    assert "Angka tidak sama dengan rekap SIAK Maret." in item.inner_text()
    assert page.locator("a.tile[href='#dikembalikan'] strong").inner_text() == "1"
    fits(page, width)
    item.locator("a").click()
    page.fill("input[name=value]", "1.020")
    page.click("button:text-is('Simpan')")
    assert "Realisasi tersimpan." in page.content()
    page.click("text=Kirim untuk verifikasi")
    r.refresh_from_db()
    assert (r.value, r.status) == (1020, Status.SUBMITTED)
    fits(page, width)
    page.goto(base + "/")
    assert page.locator("a.tile[href='#dikembalikan'] strong").inner_text() == "0"
