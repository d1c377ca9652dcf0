"""The permission decision in templates: a control or link is shown only when it works.

{% load izin %}
{% boleh request.user "catalog.settings" decree.agency as can_settings %}
{% if can_settings %}<a href="...">...</a>{% endif %}
"""

from __future__ import annotations

from typing import Any

from django import template

from kinerja.accounts.permissions import can

register = template.Library()


@register.simple_tag
def boleh(user: Any, action: str, obj: Any = None) -> bool:
    return can(user, action, obj)
