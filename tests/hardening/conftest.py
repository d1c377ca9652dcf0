"""The organisation fixtures (tests/factories.py) for the hardening probes."""

from factories import org, org_module  # noqa: F401
