"""At 375 px (a phone) no main page of any demo role scrolls sideways: the menu folds behind its
button, wide tables scroll inside their own box (issue #16.6)."""

import pytest
from browser import E2E_MARKS
from pages import ROLES, main_pages

pytestmark = [m for m in E2E_MARKS if m.name != "django_db"]
WIDTH = 375


@pytest.mark.parametrize("username", [None, *ROLES])
def test_no_page_scrolls_sideways_on_a_phone(demo_site, sign_in, username):
    context, page = sign_in(username, width=WIDTH)
    wide = {}
    try:
        paths = main_pages(page, demo_site.url) if username else ["/masuk/", "/bantuan/"]
        for path in paths:
            page.goto(demo_site.url + path)
            width = page.evaluate("document.documentElement.scrollWidth")
            if width > WIDTH:
                wide[path] = width
        if username:
            # The menu is folded: its button shows, its links do not until it is opened.
            menu = page.locator("header .main-nav details.menu")
            assert menu.evaluate("d => d.open") is False
            assert page.locator("header .main-nav a").first.is_hidden()
            page.locator("header .main-nav summary").click()
            links = page.locator("header .main-nav a")
            assert links.first.is_visible()
            for i in range(links.count()):
                box = links.nth(i).bounding_box()
                assert box["x"] >= 0 and box["x"] + box["width"] <= WIDTH
    finally:
        context.close()
    assert not wide, f"pages wider than {WIDTH} px: {wide}"
