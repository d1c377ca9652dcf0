"""The organisation fixtures shared by the access, planning and measurement tests."""

from factories import org, org_module  # noqa: F401
