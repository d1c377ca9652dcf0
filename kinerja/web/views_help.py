"""The users' guide inside the application (/bantuan/): open to everyone, the login page links
to it; it holds no data, only how the pages work (kinerja.web.guide)."""

from __future__ import annotations

from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.safestring import mark_safe

from kinerja.web.guide import BY_SLUG, TOPICS, roles_of
from kinerja.web.guide import render as render_guide


def help_index(request: HttpRequest) -> HttpResponse:
    mine = roles_of(request.user)
    return render(
        request,
        "web/help_index.html",
        {"topics": TOPICS, "mine": [BY_SLUG[s] for s in mine]},
    )


def help_topic(request: HttpRequest, slug: str) -> HttpResponse:
    topic = BY_SLUG.get(slug)
    if topic is None:
        raise Http404("Panduan untuk peran ini tidak ada.")
    # The guide is our own Markdown rendered with raw HTML off (kinerja.web.guide.render).
    body = mark_safe(render_guide(slug))
    return render(request, "web/help_topic.html", {"topic": topic, "topics": TOPICS, "body": body})
