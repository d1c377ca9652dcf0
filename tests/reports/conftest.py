"""The organisation fixtures (tests/factories.py) for the document tests."""

from factories import org, org_module  # noqa: F401
