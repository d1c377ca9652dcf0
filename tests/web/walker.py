"""A small crawler for the "nothing shown fails" test: log in as someone, follow every link and
submit every form a page shows them, and collect what answers 403, 404 or 500.

Links are deduplicated per URL pattern (a handful of each pattern is enough to catch a wrong
permission, and a demo has thousands of realization pages); forms are submitted inside a savepoint
that is rolled back, so the walk sees the same data throughout.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from html.parser import HTMLParser
from urllib.parse import urljoin, urlsplit

from django.db import transaction
from django.urls import Resolver404, resolve

SKIP_PREFIXES = ("/admin/", "/static/", "/keluar/", "/masuk/")
# Generated documents (PDF, DOCX, XLSX) cost seconds each: followed only in a full walk.
DOCUMENTS = (".pdf", ".docx", ".xlsx", "/pdf/", "/docx/", "/xlsx/")
BAD = {403, 404, 500}


@dataclass
class Form:
    action: str
    method: str
    fields: dict[str, str] = field(default_factory=dict)
    label: str = ""


class _Page(HTMLParser):
    def __init__(self, base: str):
        super().__init__(convert_charrefs=True)
        self.base = base
        self.links: list[str] = []
        self.forms: list[Form] = []
        self._form: Form | None = None
        self._select: str | None = None

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag == "a" and a.get("href"):
            self.links.append(urljoin(self.base, a["href"]))
        elif tag == "form":
            self._form = Form(
                action=urljoin(self.base, a.get("action") or self.base),
                method=(a.get("method") or "get").lower(),
            )
            self.forms.append(self._form)
        elif self._form is not None and tag in {"input", "textarea", "select"} and a.get("name"):
            kind = a.get("type", "text")
            if kind in {"file", "submit", "checkbox"}:
                return
            value = a.get("value", "")
            if not value and kind == "date":
                value = "2024-01-02"
            elif not value and (a.get("required") is not None or tag == "textarea"):
                value = "Diperiksa ulang oleh penguji"
            self._form.fields[a["name"]] = value
            if tag == "select":
                self._select = a["name"]
        elif tag == "option" and self._form is not None and self._select:
            if not self._form.fields.get(self._select) and a.get("value"):
                self._form.fields[self._select] = a["value"]
        elif tag == "button" and self._form is not None:
            self._form.label = self._form.label or a.get("name", "")

    def handle_endtag(self, tag):
        if tag == "form":
            self._form = None
        elif tag == "select":
            self._select = None


@dataclass
class Walk:
    pages: int = 0
    forms: int = 0
    failures: list[tuple[str, str, int, str]] = field(default_factory=list)  # kind, url, code, from

    def summary(self) -> str:
        return "\n".join(f"{k} {u} -> {c} (dari {f})" for k, u, c, f in self.failures)


def _internal(url: str) -> str | None:
    parts = urlsplit(url)
    if parts.scheme not in ("", "http") or parts.netloc not in ("", "testserver"):
        return None
    path = parts.path + (f"?{parts.query}" if parts.query else "")
    if not parts.path.startswith("/") or parts.path.startswith(SKIP_PREFIXES):
        return None
    return path


def _pattern(path: str) -> str:
    try:
        return resolve(urlsplit(path).path).view_name
    except Resolver404:
        return "?"


# Pages whose permission differs per position: every one of them is followed.
EVERY = {
    "catalog:position_detail",
    "planning:targets",
    "measurement:position_year",
    "planning:agreement",
}


def walk(
    client, start: str = "/", per_pattern: int = 1, submit_forms: bool = True, full: bool = False
) -> Walk:
    """``full``: every page of the EVERY patterns too (slow; for measuring, not for CI)."""
    client.raise_request_exception = False
    result = Walk()
    queue: list[tuple[str, str]] = [(start, "-")]
    seen: set[str] = {start}
    per = Counter()
    forms_seen: set[tuple[str, str, tuple]] = set()
    while queue:
        url, origin = queue.pop(0)
        response = client.get(url)
        result.pages += 1
        if response.status_code in BAD:
            result.failures.append(("link", url, response.status_code, origin))
            continue
        if response.status_code != 200 or "text/html" not in response.get("Content-Type", ""):
            continue
        page = _Page(f"http://testserver{urlsplit(url).path}")
        page.feed(response.content.decode())
        for link in page.links:
            path = _internal(link)
            if path is None or path in seen:
                continue
            seen.add(path)
            name = _pattern(path)
            if per[name] >= per_pattern and not (full and name in EVERY):
                continue
            if not full and urlsplit(path).path.endswith(DOCUMENTS):
                continue
            per[name] += 1
            queue.append((path, url))
        if not submit_forms:
            continue
        for form in page.forms:
            path = _internal(form.action)
            if path is None:
                continue
            # One kind of form: its URL pattern and what it does (the workflow's target status,
            # the user page's "aksi"); a few of each are submitted (every one when ``full``).
            kind = form.fields.get("to") or form.fields.get("aksi") or ""
            key = (_pattern(path), form.method, kind)
            if key in forms_seen and per[key] >= per_pattern and not full:
                continue
            forms_seen.add(key)
            per[key] += 1
            result.forms += 1
            with transaction.atomic():
                if form.method == "post":
                    answer = client.post(path, form.fields)
                else:
                    answer = client.get(path, form.fields)
                transaction.set_rollback(True)
            if answer.status_code in BAD:
                result.failures.append(("form", path, answer.status_code, url))
    return result
