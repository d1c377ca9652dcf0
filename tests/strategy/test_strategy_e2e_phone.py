"""At 375 px the Renstra, cascade and budget pages never scroll sideways (wide tables scroll in
their own box), and the cascade folds with <details> without any script. Real browser."""

from datetime import date

from browser import E2E_MARKS
from factories import build_org
from strategy_data import figures

from kinerja.demo.demo_strategy import load_strategy

pytestmark = E2E_MARKS


def test_strategy_pages_fit_a_phone(live_server, browser_page, decree):
    org = build_org(decree)
    figures(decree)
    load_strategy(agency=org.agency, today=date(2024, 12, 31))
    org.kabid.set_password("rahasia-kabid-1")
    org.kabid.save()
    page = browser_page
    page.set_viewport_size({"width": 375, "height": 800})
    page.goto(live_server.url + "/")
    page.fill("input[name=username]", "kabid")
    page.fill("input[name=password]", "rahasia-kabid-1")
    page.click("button[type=submit]")
    base = f"{live_server.url}/renstra/{org.agency.pk}/2024/"
    for path in ("", "pohon/", "anggaran/", "catatan/?tw=2", "tahun-lalu/"):
        page.goto(base + path)
        assert page.evaluate("document.documentElement.scrollWidth") == 375, path
    page.goto(base + "pohon/")
    first = page.locator("section.cascade > details").first
    assert first.get_attribute("open") is not None
    first.locator("summary").first.click()  # folds without a script
    assert first.get_attribute("open") is None
