"""Bounded work per query.

PostgreSQL: ``statement_timeout`` set on the connection (kinerja/settings.py). SQLite has no
timeout, so each connection gets a trace callback that stamps when a statement starts and a
progress handler that interrupts it once it has run past the budget
(``KINERJA_QUERY_BUDGET_SECONDS``, read when each statement starts; 0 turns it off). Waiting for
a lock does not count: SQLite runs no instruction while it waits (that is the busy timeout).

An interrupted query raises OperationalError; kinerja.ops.middleware answers it with a 503.
"""

from __future__ import annotations

import time
from typing import Any

from django.conf import settings

# SQLite calls the handler every this many virtual-machine instructions (~0.1 ms of work).
PROGRESS_STEPS = 20_000


def on_connection_created(sender: Any, connection: Any, **kwargs: Any) -> None:
    if connection.vendor != "sqlite":
        return
    raw = connection.connection
    deadline = [float("inf")]

    def statement_started(_sql: str) -> None:
        budget = getattr(settings, "KINERJA_QUERY_BUDGET_SECONDS", 0) or 0
        deadline[0] = time.monotonic() + budget if budget > 0 else float("inf")

    def progress() -> int:
        return 1 if time.monotonic() > deadline[0] else 0  # non-zero interrupts the statement

    raw.set_trace_callback(statement_started)
    raw.set_progress_handler(progress, PROGRESS_STEPS)


def is_timeout(exc: BaseException) -> bool:
    """The database stopped a query for running past its budget."""
    cause = exc.__cause__ or exc
    name = type(cause).__name__
    text = str(exc).lower()
    return name == "QueryCanceled" or text == "interrupted" or "statement timeout" in text


def is_locked(exc: BaseException) -> bool:
    return "database is locked" in str(exc).lower()


def is_unique_violation(exc: BaseException) -> bool:
    cause = exc.__cause__ or exc
    return type(cause).__name__ == "UniqueViolation" or "unique constraint" in str(exc).lower()
