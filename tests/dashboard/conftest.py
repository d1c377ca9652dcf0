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
