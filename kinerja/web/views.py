from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.templatetags.static import static
from django.views.decorators.http import require_GET

from kinerja.catalog.selectors import decree_list


@login_required
def home(request: HttpRequest) -> HttpResponse:
    from kinerja.dashboard.views import home_for  # each role's dashboard is its home page

    return home_for(request) or render(request, "web/home.html", {"decrees": decree_list()})


@require_GET
def favicon(request: HttpRequest) -> HttpResponse:
    """Browsers ask for /favicon.ico whatever the page names: send them to the static file."""
    return redirect(static("web/favicon.ico"))
