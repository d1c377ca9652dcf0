"""The organisation fixtures for the catalog settings tests."""

from factories import org, org_module  # noqa: F401
