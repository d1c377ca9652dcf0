"""In a real browser (Debian's chromium): the documentation page renders every operation from
the vendored Swagger UI with the site's strict CSP (no console error, no request off the site),
and the token page fits a phone."""

from __future__ import annotations

import pytest
from browser import CHROMIUM, E2E_MARKS
from factories import build_org

pytestmark = E2E_MARKS


@pytest.fixture
def page(monkeypatch):
    from playwright.sync_api import sync_playwright

    monkeypatch.setenv("DJANGO_ALLOW_ASYNC_UNSAFE", "true")
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=["--no-sandbox"])
        yield browser.new_page()
        browser.close()


def test_documentation_page_renders_offline_under_the_csp(live_server, page):
    errors, foreign = [], []
    page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
    page.on(
        "request",
        lambda r: foreign.append(r.url) if not r.url.startswith(live_server.url) else None,
    )
    page.goto(f"{live_server.url}/api/v1/docs/")
    page.wait_for_selector(".opblock", timeout=20_000)
    assert page.locator(".opblock").count() == 24
    assert "kinerja API" in page.locator(".title").first.inner_text()
    assert not errors and not foreign, (errors, foreign)


def test_token_page_fits_a_phone(live_server, page, decree):
    org = build_org(decree)
    org.admin.set_password("rahasia-admin-1")
    org.admin.save()
    page.set_viewport_size({"width": 375, "height": 800})
    page.goto(live_server.url + "/masuk/")
    page.fill("input[name=username]", "admin")
    page.fill("input[name=password]", "rahasia-admin-1")
    page.click("button[type=submit]")
    page.goto(f"{live_server.url}/akses-api/")
    page.fill("input[name=name]", "SIAK Sampang")
    page.select_option("select[name=indicators]", index=0)
    page.click("text=Buat token")
    secret = page.locator("code.secret").inner_text()
    assert secret.startswith("knj_")
    assert page.evaluate("document.documentElement.scrollWidth") <= 375
