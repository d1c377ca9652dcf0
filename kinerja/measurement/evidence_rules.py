"""When a realization needs evidence, and whether a returned one has changed since (#12.7).

Evidence is required per indicator by the agency's setting (``AgencySetting.evidence_rule``): by
default for indicators whose data source is a document (a report, a decree, minutes), not for
those read from SIAK; an agency may require it for all indicators, none, or list indicators that
always need it.
"""

from __future__ import annotations

import re
from typing import Any

from kinerja.audit.models import AuditEntry

DOCUMENT = re.compile(
    r"\b(dokumen|laporan|rencana|renstra|renja|rka|dpa|lkjip|lkpj|notulen|surat|sk|spj|berita "
    r"acara|daftar hadir|juknis)\b",
    re.IGNORECASE,
)


def is_document_source(name: str) -> bool:
    return bool(DOCUMENT.search(name))


def evidence_required(indicator: Any) -> bool:
    """Whether this indicator's realizations need a file (remembered on the object)."""
    cached = getattr(indicator, "_evidence_required", None)
    if cached is not None:
        return cached
    from kinerja.accounts.models import AgencySetting

    setting = (
        AgencySetting.objects.filter(agency__decrees__positions__goals__indicators=indicator)
        .values_list("pk", "evidence_rule")
        .first()
    )
    rule = setting[1] if setting else AgencySetting.EvidenceRule.DOCUMENT
    if (
        setting
        and AgencySetting.evidence_required_indicators.through.objects.filter(
            agencysetting_id=setting[0], indicator_id=indicator.pk
        ).exists()
    ) or rule == AgencySetting.EvidenceRule.ALL:
        required = True
    elif rule == AgencySetting.EvidenceRule.NONE:
        required = False
    else:
        required = any(is_document_source(s.name) for s in indicator.sources.all())
    indicator._evidence_required = required
    return required


def evidence_missing(realization: Any) -> bool:
    """Required evidence not attached yet (remembered on the object; evidence_add resets it)."""
    cached = getattr(realization, "_evidence_missing", None)
    if cached is None:
        cached = realization._evidence_missing = _evidence_missing(realization)
    return cached


def _evidence_missing(realization: Any) -> bool:
    if realization.provenance:  # computed by the system from the register: its provenance is
        return False  # the evidence (file hash, row counts)
    if not evidence_required(realization.indicator):
        return False
    if "evidence" in getattr(realization, "_prefetched_objects_cache", {}):
        return not realization.evidence.all()
    return not realization.evidence.exists()


def changed_since_return(realization: Any) -> bool:
    """A returned realization may be resubmitted only after its values or evidence changed."""
    last = (
        realization.transitions.filter(to_status="returned").order_by("-at", "-pk").first()
        if realization.pk
        else None
    )
    if last is None:
        return True
    return AuditEntry.objects.filter(
        model="measurement.realization",
        object_id=str(realization.pk),
        action__in=["realisasi.ubah", "bukti.tambah", "bukti.hapus"],
        at__gte=last.at,
    ).exists()
