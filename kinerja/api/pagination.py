"""Pages of list answers: ``?page=2&page_size=50`` (default 100, at most 500), with the total."""

from __future__ import annotations

from rest_framework.pagination import PageNumberPagination


class Pagination(PageNumberPagination):
    page_size = 100
    page_size_query_param = "page_size"
    max_page_size = 500
    invalid_page_message = "Halaman {page_number} tidak ada: {message}"
