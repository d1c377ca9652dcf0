"""The organisation fixtures (tests/factories.py) and API clients with tokens."""

import pytest
from django.core.cache import cache
from factories import org, org_module  # noqa: F401


@pytest.fixture(autouse=True)
def _fresh_rate_counts():
    """Rate counts live in the cache and token ids repeat across rolled-back tests."""
    cache.clear()
    yield
    cache.clear()
