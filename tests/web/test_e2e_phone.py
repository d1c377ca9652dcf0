"""At 375 px (a phone) the layout never scrolls sideways: the menu folds behind its button, wide
tables scroll inside their own box. Real browser (Debian's chromium via Playwright)."""

from browser import E2E_MARKS
from factories import build_org

pytestmark = E2E_MARKS


def test_position_page_fits_a_phone(live_server, browser_page, decree):
    org = build_org(decree)
    org.kabid.set_password("rahasia-kabid-1")
    org.kabid.save()
    page = browser_page
    page.set_viewport_size({"width": 375, "height": 800})
    page.goto(live_server.url + "/")
    page.fill("input[name=username]", "kabid")
    page.fill("input[name=password]", "rahasia-kabid-1")
    page.click("button[type=submit]")
    page.goto(f"{live_server.url}/kinerja/jabatan/{org.pos['kabid'].pk}/2024/")
    assert page.locator("h1").inner_text() == org.pos["kabid"].name
    assert page.evaluate("document.documentElement.scrollWidth") == 375
    table = page.locator("table.figures")
    # the table is wider than the phone and scrolls in its box, not the page
    assert table.evaluate("t => t.parentElement.scrollWidth > t.parentElement.clientWidth")
    # The menu is folded behind its button; opened, every entry fits the phone.
    assert page.locator("header .main-nav a").first.is_hidden()
    page.locator("header .main-nav summary").click()
    nav_links = page.locator("header .main-nav a")
    assert nav_links.count() >= 5
    for i in range(nav_links.count()):
        box = nav_links.nth(i).bounding_box()
        assert box["x"] >= 0 and box["x"] + box["width"] <= 375
    assert page.evaluate("document.documentElement.scrollWidth") == 375
