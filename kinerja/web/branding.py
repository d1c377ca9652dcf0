"""The agency's name and logo on every page: what the header and the login page show
(selectors, plain data) and the one audited way to change them (``branding_update``).

Which agency a page shows: the user's own (the agency of a position they hold today, else of a
role they have); on the login page and for users without either, the installation's agency
(``KINERJA_HOME_AGENCY``, an agency id; else the first agency loaded)."""

from __future__ import annotations

import hashlib
import io
from dataclasses import dataclass
from typing import Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction

from kinerja.accounts.permissions import require
from kinerja.audit.models import Action
from kinerja.audit.services import audit_record
from kinerja.catalog.models import Agency
from kinerja.core.inputs import clean_text, parse_reason
from kinerja.core.numbers import format_bytes
from kinerja.web.models import AgencyBranding

MAX_LOGO_BYTES = 1024 * 1024
LOGO_SIZE = 256  # px, the longer side after re-encoding


@dataclass(frozen=True)
class Branding:
    agency_id: int | None
    title: str
    subtitle: str
    logo_url: str  # "" when the agency has no logo


DEFAULT = Branding(None, "kinerja", "Indikator Kinerja Individu perangkat daerah", "")


def _of(agency: Agency, row: AgencyBranding | None) -> Branding:
    from django.urls import reverse

    logo = ""
    if row is not None and row.logo_sha256:
        logo = reverse("web:logo", args=[agency.pk, row.logo_sha256[:12]])
    return Branding(
        agency_id=agency.pk,
        title=(row.title if row and row.title else agency.name),
        subtitle=(row.subtitle if row and row.subtitle else f"Pemerintah {agency.region}"),
        logo_url=logo,
    )


def _with_branding(agencies):
    """Agencies with their branding row joined in (one query), the logo bytes left out."""
    return agencies.select_related("branding").defer("branding__logo")


def _row(agency: Agency) -> AgencyBranding | None:
    try:
        return agency.branding
    except AgencyBranding.DoesNotExist:
        return None


def branding_of(agency: Agency | None) -> Branding:
    if agency is None:
        return DEFAULT
    row = AgencyBranding.objects.filter(agency=agency).defer("logo").first()
    return _of(agency, row)


def home_agency() -> Agency | None:
    """The installation's agency (login page, users outside every agency), its branding
    joined in."""
    wanted = getattr(settings, "KINERJA_HOME_AGENCY", None)
    agencies = _with_branding(Agency.objects.order_by("pk"))
    if wanted:
        found = agencies.filter(pk=wanted).first()
        if found is not None:
            return found
    return agencies.first()


def agency_for(user: Any) -> Agency | None:
    """The agency the user works in (a position held today, else a role), else the
    installation's; with its branding, in one query."""
    if getattr(user, "is_authenticated", False):
        from kinerja.accounts.access import access_for

        access = access_for(user)
        agency_ids = [access.agency_of[p] for p in sorted(access.assigned) if p in access.agency_of]
        agency_ids += sorted(access.roles)
        if agency_ids:
            found = _with_branding(Agency.objects.filter(pk=agency_ids[0])).first()
            if found is not None:
                return found
    return home_agency()


def branding_for(user: Any) -> Branding:
    """The branding of the agency the user works in, else the installation's."""
    agency = agency_for(user)
    return DEFAULT if agency is None else _of(agency, _row(agency))


def logo_png(agency_id: int) -> tuple[bytes, str] | None:
    row = AgencyBranding.objects.filter(agency_id=agency_id).only("logo", "logo_sha256").first()
    if row is None or not row.logo_sha256:
        return None
    return bytes(row.logo), row.logo_sha256


def _reencode(data: bytes) -> bytes:
    """PNG/JPEG/WebP/GIF in, a PNG of at most LOGO_SIZE px out (refused when not a picture)."""
    from PIL import Image, UnidentifiedImageError

    if len(data) > MAX_LOGO_BYTES:
        raise ValidationError(
            {
                "logo": f"berkas {format_bytes(len(data))} melebihi batas "
                f"{format_bytes(MAX_LOGO_BYTES)}"
            }
        )
    try:
        with Image.open(io.BytesIO(data)) as image:
            if image.format not in {"PNG", "JPEG", "WEBP", "GIF"}:
                raise ValidationError({"logo": "harus gambar PNG, JPEG, WebP atau GIF"})
            if image.width * image.height > 25_000_000:
                raise ValidationError({"logo": "gambar terlalu besar (lebih dari 25 megapiksel)"})
            image.load()
            picture = image.convert("RGBA")
    except (UnidentifiedImageError, OSError, Image.DecompressionBombError) as exc:
        raise ValidationError({"logo": "bukan berkas gambar yang dapat dibaca"}) from exc
    picture.thumbnail((LOGO_SIZE, LOGO_SIZE))
    out = io.BytesIO()
    picture.save(out, format="PNG", optimize=True)
    return out.getvalue()


AUDITED = ("nama_kepala_halaman", "baris_kedua", "logo")


def _state(row: AgencyBranding) -> dict[str, str]:
    return {
        "nama_kepala_halaman": row.title,
        "baris_kedua": row.subtitle,
        "logo": f"gambar {row.logo_sha256[:12]}" if row.logo_sha256 else "tidak ada",
    }


def branding_update(
    *,
    actor: Any,
    agency: Agency,
    title: object,
    subtitle: object,
    logo: bytes | None = None,
    remove_logo: bool = False,
    reason: object = "",
) -> AgencyBranding:
    """Set the agency's header name, second line and logo (``logo`` None keeps the current one;
    ``remove_logo`` drops it). Administrators of the agency only; audited with the reason."""
    require(actor, "catalog.settings", agency, "Hanya administrator perangkat daerah ini.")
    errors: dict[str, list[str]] = {}
    values: dict[str, Any] = {}
    for field, raw in (("title", title), ("subtitle", subtitle)):
        try:
            values[field] = clean_text(raw, field, max_length=120, multiline=False)
        except ValidationError as exc:
            errors.update(exc.message_dict)
    try:
        why = parse_reason(reason, required=False)
    except ValidationError as exc:
        errors.update(exc.message_dict)
    png = None
    if logo is not None and not remove_logo:
        try:
            png = _reencode(logo)
        except ValidationError as exc:
            errors.update(exc.message_dict)
    if errors:
        raise ValidationError(errors)
    with transaction.atomic():
        row, _ = AgencyBranding.objects.select_for_update().get_or_create(agency=agency)
        before = _state(row)
        row.title, row.subtitle = values["title"], values["subtitle"]
        if remove_logo:
            row.logo, row.logo_sha256 = b"", ""
        elif png is not None:
            row.logo, row.logo_sha256 = png, hashlib.sha256(png).hexdigest()
        row.save()
        after = _state(row)
        if before != after:
            audit_record(
                actor=actor,
                action=Action.AGENCY_SETTINGS,
                obj=row,
                before=before,
                after=after,
                reason=why,
                agency=agency,
            )
    return row
