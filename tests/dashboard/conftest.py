"""Fixtures for the dashboard tests: the organisation (tests/factories.py), an empty cache per
test (the dashboards cache the read model per data version), a small year of data."""

import pytest
from factories import org, org_module  # noqa: F401


@pytest.fixture(autouse=True)
def empty_cache():
    from django.core.cache import cache

    from kinerja.dashboard.cache import RECENT

    cache.clear()
    RECENT.clear()
    yield
    cache.clear()
    RECENT.clear()


@pytest.fixture
def browser_page(monkeypatch):
    """A page of Debian's chromium (as tests/web/conftest.py)."""
    from browser import CHROMIUM
    from playwright.sync_api import sync_playwright

    # Playwright's sync API runs an event loop; Django refuses ORM calls inside one unless told.
    monkeypatch.setenv("DJANGO_ALLOW_ASYNC_UNSAFE", "true")
    with sync_playwright() as p:
        browser = p.chromium.launch(
            executable_path=CHROMIUM,
            args=["--no-sandbox", "--disable-gpu", "--disable-background-networking"],
        )
        page = browser.new_page(accept_downloads=True)
        yield page
        browser.close()
