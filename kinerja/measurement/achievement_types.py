"""The plain data the achievement read model returns (no model instances, no querysets).

Pages, documents, exports and the API read these objects only, so a figure is the same
wherever it is printed. Numbers are Decimals rounded to two places by the engine; ``decimals``
says how a figure is shown (0 for a count of discrete things).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal

from kinerja.core.numbers import format_number
from kinerja.scoring import Range

STATUS_LABELS = {
    "on_track": "sesuai jalur",
    "at_risk": "perlu perhatian",
    "off_track": "tertinggal",
    "no_data": "belum dapat dinilai",
}
BASIS_LABELS = {
    "rencana_aksi": "target triwulan Rencana Aksi",
    "tahunan": "target tahunan (indikator tingkat)",
    "pro_rata": "bagian target tahunan sebanding bulan berjalan (cadangan: Rencana Aksi belum ada)",
}
AGGREGATION_LABELS = {"flow": "dijumlahkan antarperiode", "stock": "nilai periode terakhir"}


@dataclass(frozen=True)
class Rules:
    """How an agency's figures are computed; printed with every figure that uses them."""

    lower_formula: str
    lower_formula_label: str
    zero_target: str
    zero_target_label: str
    scale_id: str
    scale_label: str
    levels: tuple[tuple[Decimal | None, str], ...]
    on_track: Decimal
    at_risk: Decimal
    weighted: bool = False

    @property
    def rollup_rule(self) -> str:
        what = "rata-rata tertimbang" if self.weighted else "rata-rata"
        return (
            f"Capaian gabungan = {what} capaian resmi indikator yang ditargetkan dan dapat "
            "dihitung (dua desimal sebagaimana tercetak); indikator yang tidak ditargetkan atau "
            "tidak dapat dihitung tidak ikut dan disebutkan jumlahnya."
        )

    def lines(self) -> list[str]:
        """The rules in words, one sentence each, as every page and document prints them."""
        return [
            "Capaian resmi = realisasi kumulatif s.d. periode (dijumlahkan untuk indikator arus, "
            "nilai periode terakhir untuk indikator tingkat) dibandingkan target tahunan × 100%.",
            f"Indikator semakin rendah semakin baik: {self.lower_formula_label}.",
            f"Target nol: {self.zero_target_label}.",
            f"Predikat: {self.scale_label}.",
            "Progres = realisasi s.d. periode dibandingkan target s.d. periode (Rencana Aksi "
            f"triwulan bila ada); sesuai jalur ≥ {self.on_track:f}%, perlu perhatian ≥ "
            f"{self.at_risk:f}%, selain itu tertinggal.",
            self.rollup_rule,
        ]


@dataclass(frozen=True)
class TargetBasis:
    """Which document the target came from: signed PK Perubahan, signed PK, Renja, Renstra."""

    code: str  # "pk_perubahan" | "pk" | "renja" | "renstra" | "" (none)
    label: str
    agreement_id: int | None = None


@dataclass(frozen=True)
class Cell:
    """One month or quarter of an indicator: what was entered and its workflow status."""

    period: int
    label: str
    realization_id: int | None
    status: str  # "" when nothing was entered
    value: Decimal | None
    provisional: bool
    provenance: str = ""


@dataclass(frozen=True)
class QuarterFigure:
    """A quarter on its own (the quarterly evaluation form): its target and capaian."""

    quarter: int
    target: Decimal | Range | None
    target_basis: str
    value: Decimal | None
    capaian: Decimal | None
    reason: str | None


@dataclass(frozen=True)
class IndicatorFigure:
    indicator_id: int
    position_id: int
    goal_id: int
    agency_id: int
    unit_id: int | None
    goal_statement: str
    name: str
    kind: str
    aggregation: str
    frequency: str
    polarity: str
    satuan: str
    decimals: int
    target: Decimal | None
    target_max: Decimal | None
    basis: TargetBasis
    quarterly_targets: tuple[Decimal, ...] | None
    targeted: bool
    not_targeted_reason: str
    as_of: str | None
    as_of_label: str
    value: Decimal | None
    numerator: Decimal | None
    denominator: Decimal | None
    capaian: Decimal | None
    predicate: str | None
    progress: Decimal | None
    status: str
    expected: Decimal | Range | None
    expected_basis: str | None
    reason: str | None
    flags: tuple[str, ...]
    missing: tuple[str, ...]
    provisional: bool
    cells: tuple[Cell, ...] = ()
    quarters: tuple[QuarterFigure, ...] = ()
    provenance: str = ""

    def show(self, value: Decimal | Range | None) -> str:
        """A figure of this indicator as printed: "96,86%", "4.806 orang", "80,00–100,00%"."""
        if value is None:
            return ""
        if isinstance(value, Range):
            text = f"{self._number(value.min)}–{self._number(value.max)}"
        else:
            text = self._number(value)
        if not self.satuan:
            return text
        return f"{text}%" if self.satuan == "%" else f"{text} {self.satuan}"

    def _number(self, value) -> str:
        if hasattr(value, "rounded"):
            value = value.rounded()
        return format_number(value, self.decimals)

    @property
    def value_text(self) -> str:
        return self.show(self.value)

    @property
    def target_text(self) -> str:
        if self.target is not None and self.target_max is not None:
            return self.show(Range(self.target, self.target_max))
        return self.show(self.target)

    @property
    def expected_text(self) -> str:
        return self.show(self.expected)

    @property
    def status_label(self) -> str:
        return STATUS_LABELS[self.status]

    @property
    def expected_basis_label(self) -> str:
        return BASIS_LABELS.get(self.expected_basis or "", "")

    @property
    def aggregation_label(self) -> str:
        return AGGREGATION_LABELS.get(self.aggregation, self.aggregation)

    @property
    def counts_in_rollup(self) -> bool:
        return self.targeted and self.capaian is not None


@dataclass(frozen=True)
class Rollup:
    """A goal, position, unit or the whole office: the mean of its indicators' capaian."""

    level: str  # "goal" | "position" | "unit" | "agency"
    key: int
    label: str
    capaian: Decimal | None
    predicate: str | None
    counted: int
    not_computed: int
    not_targeted: int

    @property
    def reason(self) -> str | None:
        if self.capaian is not None:
            return None
        if self.not_computed:
            return "tidak ada indikator yang capaiannya dapat dihitung"
        return "tidak ada indikator yang ditargetkan"


@dataclass
class Achievement:
    """Figures for a set of positions in one year, up to ``as_of``."""

    year: int
    as_of: str | None
    as_of_label: str
    verified_only: bool
    rules: dict[int, Rules]
    indicators: list[IndicatorFigure] = field(default_factory=list)
    goals: dict[int, Rollup] = field(default_factory=dict)
    positions: dict[int, Rollup] = field(default_factory=dict)
    units: dict[int, Rollup] = field(default_factory=dict)
    agencies: dict[int, Rollup] = field(default_factory=dict)

    def of_position(self, position_id: int) -> list[IndicatorFigure]:
        return [f for f in self.indicators if f.position_id == position_id]

    def of_indicator(self, indicator_id: int) -> IndicatorFigure | None:
        return next((f for f in self.indicators if f.indicator_id == indicator_id), None)

    @property
    def the_rules(self) -> Rules | None:
        """The rules when every figure belongs to one agency (a page of one office)."""
        return next(iter(self.rules.values())) if len(self.rules) == 1 else None
