"""The organisation fixtures (tests/factories.py) and API clients with tokens."""

from factories import org, org_module  # noqa: F401
