"""Query counts of a page, and of its own part: beyond the bare layout page (session, user,
navigation, branding, which other apps own), so a pin moves only when the page's cost does."""

from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse


def page_queries(client, url: str) -> int:
    with CaptureQueriesContext(connection) as context:
        response = client.get(url)
    assert response.status_code == 200, url
    return len(context.captured_queries)


def own_queries(client, url: str) -> int:
    return page_queries(client, url) - page_queries(client, reverse("password_change"))
