"""Demo realizations: entered by the holder, submitted, and verified or returned by the
supervisor, through the measurement services (which check access every time).

Most months end verified. A few positions show the other states, chosen so each demo login has
something to do: ``atasan`` finds the last two months of ``pegawai`` (and the last month of the
Seksi Pindah Datang) waiting, ``pegawai`` has one month returned, ``staf`` has drafts and months
not yet entered, and ``kepala`` has the last month of the Kabid waiting.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import date
from typing import Any

from kinerja.catalog.models import Indicator
from kinerja.measurement.evidence_rules import evidence_required, is_document_source
from kinerja.measurement.models import Status
from kinerja.measurement.services import (
    evidence_add,
    realization_save,
    realization_transition,
)

CHECK_SIAK = "Angka tidak sama dengan rekap SIAK bulan ini; mohon diperiksa dan lampirkan rekapnya."
NO_EVIDENCE = "Bukti dukung yang dilampirkan bukan rekap bulan ini; mohon lampirkan yang benar."
CHECK_DKB = "Penyebut berbeda dengan data DKB semester terakhir; mohon disesuaikan."
EXPLAIN_JUMP = "Jumlah melonjak dibanding bulan lalu tanpa penjelasan; mohon isi catatan."


@dataclass(frozen=True)
class Scenario:
    """Exceptions to "verified", by period offset from the last period (0 = the last one)
    and indicator index within the position (None = every indicator)."""

    submitted: frozenset[int] = frozenset()
    returned: tuple[tuple[int, int, str], ...] = ()  # (index, offset, the supervisor's reason)
    draft: tuple[tuple[int, int], ...] = ()
    missing: tuple[tuple[int | None, int], ...] = ()

    def state(self, index: int, offset: int) -> tuple[str, str]:
        """The status to leave the period in, and the reason when it is returned."""
        if (index, offset) in self.draft:
            return Status.DRAFT, ""
        for i, o, reason in self.returned:
            if (i, o) == (index, offset):
                return Status.RETURNED, reason
        if (index, offset) in self.missing or (None, offset) in self.missing:
            return MISSING, ""
        return (Status.SUBMITTED if offset in self.submitted else Status.VERIFIED), ""


SCENARIOS: dict[str, Scenario] = {
    "kepala-seksi-identitas-penduduk": Scenario(
        submitted=frozenset({0, 1}), returned=((2, 2, CHECK_SIAK),)
    ),
    "kepala-seksi-pindah-datang-dan-pendataan-penduduk": Scenario(submitted=frozenset({0})),
    "pengolah-mutasi-penduduk": Scenario(
        submitted=frozenset({1}), draft=((0, 0), (1, 0)), missing=((None, 0),)
    ),
    "kepala-bidang-pelayanan-pendaftaran-penduduk": Scenario(submitted=frozenset({0})),
    "kepala-bidang-pelayanan-pencatatan-sipil": Scenario(returned=((3, 0, CHECK_DKB),)),
    "sekretaris": Scenario(submitted=frozenset({0})),
    "kepala-sub-bagian-umum-dan-kepegawaian": Scenario(
        returned=((2, 1, NO_EVIDENCE),), missing=((1, 0), (14, 0))
    ),
    "pengemudi": Scenario(missing=((None, 4),)),
    "analis-pengembangan-teknologi-2": Scenario(missing=((8, 0), (8, 1), (8, 2))),
    "penata-laporan-keuangan": Scenario(returned=((12, 0, EXPLAIN_JUMP),)),
    "jft-pranata-komputer": Scenario(submitted=frozenset({0, 1, 2})),
    "analis-kependudukan-dan-pencatatan-sipil": Scenario(
        submitted=frozenset({0}), missing=((4, 5),)
    ),
    "kepala-seksi-kerjasama-dan-inovasi-pelayanan": Scenario(submitted=frozenset({0})),
}
VERIFIED_ONLY = Scenario()
MISSING = "missing"


def last_month(year: int, today: date) -> int:
    """The last month of the latest full quarter of ``year`` as of ``today``."""
    if year < today.year:
        return 12
    if year > today.year:
        return 0
    return 3 * ((today.month - 1) // 3)


def _periods(indicator: Indicator, monthly: list[tuple], through: int) -> list[tuple[int, tuple]]:
    if indicator.frequency != Indicator.Frequency.QUARTERLY:
        return list(enumerate(monthly[:through], start=1))
    out = []
    for q in range(1, through // 3 + 1):
        months = monthly[3 * q - 3 : 3 * q]
        if indicator.kind == Indicator.Kind.COUNT:
            out.append((q, (None, None, sum(m[2] for m in months))))
        elif indicator.aggregation == Indicator.Aggregation.STOCK:
            out.append((q, months[-1]))
        else:
            out.append((q, (sum(m[0] for m in months), sum(m[1] for m in months), None)))
    return out


def enter_realizations(
    *,
    indicators: Iterable[Indicator],
    holders: dict[int, Any],
    verifiers: dict[int, Any],
    year: int,
    today: date,
    values: Callable[[Indicator], list[tuple[Any, Any, Any]]],
    scenarios: bool = True,
) -> None:
    """Enter, submit and verify the months up to the last full quarter; ``scenarios`` leaves
    the current year's exceptions (returned, waiting, drafts, gaps), an earlier year ends all
    verified."""
    through = last_month(year, today)
    index_in_position: dict[int, int] = defaultdict(int)
    for indicator in indicators:
        position = indicator.goal.position
        index = index_in_position[position.pk]
        index_in_position[position.pk] += 1
        scenario = SCENARIOS.get(position.stable_key, VERIFIED_ONLY) if scenarios else VERIFIED_ONLY
        holder, verifier = holders[position.pk], verifiers.get(position.pk)
        periods = _periods(indicator, values(indicator), through)
        needs_file = evidence_required(indicator)
        document = next(
            (src for src in indicator.sources.all() if is_document_source(src.name)),
            indicator.sources.first(),
        )
        for period, (numerator, denominator, value) in periods:
            state, reason = scenario.state(index, len(periods) - period)
            if state == MISSING:
                continue
            realization = realization_save(
                actor=holder,
                indicator=indicator,
                year=year,
                period=period,
                numerator=numerator,
                denominator=denominator,
                value=value,
                today=today,
            )
            if state == Status.DRAFT:
                continue
            if needs_file and document is not None:
                evidence_add(
                    actor=holder,
                    realization=realization,
                    name=f"{document.name[:60]} {realization.period_label}.pdf",
                    content=_pdf(f"{indicator.pk} {year} {period}"),
                    source=document,
                )
            realization = realization_transition(
                actor=holder, realization=realization, to_status=Status.SUBMITTED
            )
            if state == Status.SUBMITTED or verifier is None:
                continue
            realization_transition(
                actor=verifier, realization=realization, to_status=state, reason=reason
            )


def _pdf(text: str) -> bytes:
    """A tiny PDF standing in for the scanned document (unique, so each has its own file)."""
    return f"%PDF-1.4\n% bukti demo: {text}\n%%EOF\n".encode()
