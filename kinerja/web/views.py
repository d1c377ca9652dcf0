from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from kinerja.catalog.selectors import decree_list


@login_required
def home(request: HttpRequest) -> HttpResponse:
    return render(request, "web/home.html", {"decrees": decree_list()})
