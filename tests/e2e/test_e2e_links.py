"""Following every link each demo role is shown finds none that answers 403, 404 or 500 (issue
#16, done-when). Signed in through the login form, over HTTP against the demo site on gunicorn,
the crawl follows same-origin links with GET only (it submits no form, so it changes nothing).

Bounded: every URL pattern is followed for up to ``PER_PATTERN`` different addresses (the demo
has thousands of realization pages alike), generated documents (PDF/DOCX/XLSX, seconds each) once
per pattern, and at most ``MAX_PAGES`` pages per role. The Django admin is crawled for the
administrator too (its change lists and forms), its filter and sort variants once each."""

from __future__ import annotations

import re
from collections import Counter
from html.parser import HTMLParser
from urllib.parse import urljoin, urlsplit

import pytest
from browser import E2E_MARKS
from django.urls import Resolver404, resolve
from pages import ROLES

pytestmark = [m for m in E2E_MARKS if m.name != "django_db"]

PER_PATTERN = 2
MAX_PAGES = 600
BAD = {403, 404, 500}
NEVER = ("/keluar/",)  # signing out ends the crawl's session (and it is a POST form anyway)
DOCUMENTS = (".pdf", ".docx", ".xlsx", "/pdf/", "/docx/", "/xlsx/")


# Text a page shows that is not written the Indonesian way (issue #16.6: "dates and numbers in
# Indonesian everywhere"): a year with a thousands dot, an ISO date, a decimal padded to four
# places, a code or a Python value shown as stored.
NOT_INDONESIAN = re.compile(
    r"(?i:\b(?:tahun|year)\W{0,3}2\.0\d\d\b)"
    r"|\b20\d\d-[01]\d-[0-3]\d\b"
    r"|\d,0000\b"
    r"|\b(?:monthly|quarterly|None|True|False)\b"
)


class _Links(HTMLParser):
    """The page's links, and the words it shows (not in scripts, styles or typed text)."""

    QUIET = {"script", "style", "textarea"}

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.hrefs: list[str] = []
        self.text: list[str] = []
        self._quiet = 0

    def handle_starttag(self, tag, attrs):
        href = dict(attrs).get("href")
        if tag == "a" and href:
            self.hrefs.append(href)
        if tag in self.QUIET:
            self._quiet += 1

    def handle_endtag(self, tag):
        if tag in self.QUIET and self._quiet:
            self._quiet -= 1

    def handle_data(self, data):
        if not self._quiet:
            self.text.append(data)


def _pattern(path: str) -> str:
    parts = urlsplit(path)
    try:
        name = resolve(parts.path).view_name
        if parts.path.startswith("/admin/"):
            # One of each admin view per model ("admin:planning_target_change"); its filter and
            # sort variants count as the same.
            return name
    except Resolver404:
        name = parts.path
    # Query strings vary a list (filters, sorting, pages): each kind of query counts apart.
    keys = sorted(k.split("=")[0] for k in parts.query.split("&") if k)
    return f"{name}?{','.join(keys)}"


def crawl(request, base: str) -> tuple[int, list[str], dict[str, set[str]]]:
    """Breadth-first from the home page; returns pages fetched, the failures, and what the
    pages show that is not written the Indonesian way (text -> pages)."""
    queue: list[tuple[str, str]] = [("/", "-")]
    seen = {"/"}
    per: Counter[str] = Counter()
    failures: list[str] = []
    wording: dict[str, set[str]] = {}
    fetched = 0
    while queue and fetched < MAX_PAGES:
        path, origin = queue.pop(0)
        response = request.get(base + path, max_redirects=5, timeout=60_000)
        fetched += 1
        if response.status in BAD:
            failures.append(f"{path} -> {response.status} (tautan di {origin})")
            continue
        if "text/html" not in response.headers.get("content-type", ""):
            continue
        parser = _Links()
        parser.feed(response.text())
        # The admin's values are checked by tests/web/test_admin_indonesian.py; its page titles
        # are the models' own names (and django-axes' log entries), not values we format.
        if not path.startswith("/admin/"):
            for match in NOT_INDONESIAN.finditer(" ".join(parser.text)):
                wording.setdefault(match.group(0), set()).add(path)
        final = urlsplit(response.url)
        for href in parser.hrefs:
            url = urlsplit(urljoin(response.url, href))
            if url.scheme not in ("http", "https") or url.netloc != final.netloc:
                continue
            target = url.path + (f"?{url.query}" if url.query else "")
            if target in seen or url.path.startswith(NEVER):
                continue
            seen.add(target)
            kind = _pattern(target)
            limit = 1 if url.path.endswith(DOCUMENTS) else PER_PATTERN
            if url.path.startswith("/admin/"):
                limit = 1
            if per[kind] >= limit:
                continue
            per[kind] += 1
            queue.append((target, path))
    return fetched, failures, wording


@pytest.mark.parametrize("username", ROLES)
def test_no_link_shown_answers_403_404_or_500(demo_site, sign_in, username):
    context, _page = sign_in(username)
    try:
        fetched, failures, wording = crawl(context.request, demo_site.url)
    finally:
        context.close()
    print(f"{username}: {fetched} halaman")
    assert fetched >= 15, fetched
    assert not failures, f"{username}:\n" + "\n".join(failures)
    assert not wording, "\n".join(f"{w!r} di {sorted(pages)[:3]}" for w, pages in wording.items())


class _Answer:
    def __init__(self, url, status, body=""):
        self.url, self.status, self._body = url, status, body
        self.headers = {"content-type": "text/html; charset=utf-8"}

    def text(self):
        return self._body


class _Site:
    """Three pages: home links to a good page, a missing one, an outside site and logout."""

    PAGES = {
        "/": '<a href="/bantuan/">ok</a> <a href="/katalog/999/">x</a> '
        '<a href="https://example.org/">luar</a> <a href="/keluar/">keluar</a>',
        "/bantuan/": '<a href="/">beranda</a> <p>Batas 2024-01-31</p>'
        "<textarea>2024-01-31</textarea>",
    }

    def __init__(self):
        self.asked = []

    def get(self, url, **kwargs):
        path = url.removeprefix("http://t")
        self.asked.append(path)
        body = self.PAGES.get(path)
        return _Answer(url, 200 if body is not None else 404, body or "")


def test_the_crawler_reports_a_missing_page_and_stays_on_the_site():
    site = _Site()
    fetched, failures, wording = crawl(site, "http://t")
    assert fetched == 3 and site.asked == ["/", "/bantuan/", "/katalog/999/"]
    assert failures == ["/katalog/999/ -> 404 (tautan di /)"]
    assert wording == {"2024-01-31": {"/bantuan/"}}
