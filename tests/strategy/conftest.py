"""The organisation fixtures (tests/factories.py) and the strategy data for these tests."""

from factories import org, org_module  # noqa: F401
