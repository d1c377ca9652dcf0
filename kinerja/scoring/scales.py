"""Predicate scales as data: the shipped ones live in ``scales.json``, agencies add their own.

Cut-offs differ between regulations and offices (and the published Permendagri 86/2017 table
leaves gaps such as 90.5), so no threshold is written in code: a scale is a list of lower
bounds read from JSON, checked once when loaded.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from decimal import Decimal
from functools import lru_cache
from importlib import resources
from itertools import pairwise
from pathlib import Path
from typing import Any

from kinerja.scoring.exact import Q, parse_number

DEFAULT_SCALE = "permendagri-86-2017"
SKP_MATRIX = "skp-permenpanrb-6-2022"


@dataclass(frozen=True)
class Level:
    """A predicate and its lower bound (None for the bottom level)."""

    label: str
    min: Decimal | None
    inclusive: bool = True

    def admits(self, capaian: Q | Decimal) -> bool:
        if self.min is None:
            return True
        return capaian >= self.min if self.inclusive else capaian > self.min


@dataclass(frozen=True)
class Scale:
    """Levels from the highest down; the first level whose bound the capaian meets names it."""

    id: str
    name: str
    levels: tuple[Level, ...]
    source: str = ""

    def classify(self, capaian: Q | Decimal) -> str:
        """The predicate for a capaian.

        The engine passes the capaian rounded to two places, so the printed figure and its
        predicate always agree (a printed "91.00" is never "Tinggi").
        """
        for level in self.levels:
            if level.admits(capaian):
                return level.label
        raise AssertionError("the bottom level admits everything")  # pragma: no cover

    @staticmethod
    def from_dict(data: Mapping[str, Any]) -> Scale:
        """Build and check a scale; ``ValueError`` (Indonesian) names what is wrong."""
        if not isinstance(data, Mapping):
            raise ValueError("skala harus berupa objek JSON")
        scale_id = data.get("id")
        if not isinstance(scale_id, str) or not scale_id:
            raise ValueError("skala memerlukan id berupa teks")
        raw_levels = data.get("levels")
        if not isinstance(raw_levels, list) or len(raw_levels) < 2:
            raise ValueError(f"skala {scale_id}: levels harus daftar dengan paling sedikit 2")
        levels = []
        for i, raw in enumerate(raw_levels):
            if not isinstance(raw, Mapping) or not isinstance(raw.get("label"), str):
                raise ValueError(f"skala {scale_id}: level {i} memerlukan label")
            bound = raw.get("min")
            try:
                minimum = None if bound is None else parse_number(bound)
            except ValueError as exc:
                raise ValueError(f"skala {scale_id}: level {i}: {exc}") from None
            inclusive = raw.get("inclusive", True)
            if not isinstance(inclusive, bool):
                raise ValueError(f"skala {scale_id}: level {i}: inclusive harus true/false")
            levels.append(Level(raw["label"], minimum, inclusive))
        bounds = [lv.min for lv in levels[:-1]]
        if any(b is None for b in bounds) or levels[-1].min is not None:
            raise ValueError(f"skala {scale_id}: hanya level terakhir yang tanpa batas bawah")
        if any(a <= b for a, b in pairwise(bounds)):  # type: ignore[operator]
            raise ValueError(f"skala {scale_id}: batas bawah harus menurun tegas")
        return Scale(
            scale_id, str(data.get("name", scale_id)), tuple(levels), data.get("source", "")
        )


def _rating_key(text: object) -> str:
    if not isinstance(text, str):
        raise ValueError("rating harus berupa teks")
    key = text.lower().replace(" ", "").replace("_", "").replace("-", "")
    return key.removesuffix("ekspektasi")


@dataclass(frozen=True)
class Matrix:
    """A predicate read from two ratings (the SKP matrix of PermenPAN-RB 6/2022)."""

    id: str
    name: str
    cells: Mapping[str, Mapping[str, str]] = field(default_factory=dict)
    source: str = ""

    def lookup(self, row: str, column: str) -> str:
        try:
            return self.cells[_rating_key(row)][_rating_key(column)]
        except KeyError:
            allowed = "dibawah_ekspektasi, sesuai_ekspektasi, diatas_ekspektasi"
            raise ValueError(
                f"rating tidak dikenal: {row!r}/{column!r}; gunakan {allowed}"
            ) from None

    @staticmethod
    def from_dict(data: Mapping[str, Any]) -> Matrix:
        ratings = [_rating_key(r) for r in data["ratings"]]
        cells = {
            _rating_key(r): {_rating_key(c): str(v) for c, v in cols.items()}
            for r, cols in data["cells"].items()
        }
        if set(cells) != set(ratings) or any(set(c) != set(ratings) for c in cells.values()):
            raise ValueError(f"matriks {data['id']}: setiap pasangan rating harus terisi")
        return Matrix(data["id"], data.get("name", data["id"]), cells, data.get("source", ""))


class ScaleRegistry:
    """The scales an agency can choose from: the shipped ones plus its own."""

    def __init__(self, scales: Iterable[Scale] = (), matrices: Iterable[Matrix] = ()) -> None:
        self._scales = {s.id: s for s in scales}
        self._matrices = {m.id: m for m in matrices}

    def get(self, scale_id: str | None = None) -> Scale:
        """The scale by id (the default scale for None); ``KeyError`` when unknown."""
        return self._scales[DEFAULT_SCALE if scale_id is None else scale_id]

    def matrix(self, matrix_id: str) -> Matrix:
        return self._matrices[matrix_id]

    def ids(self) -> list[str]:
        return sorted(self._scales)

    def with_scales(self, *scales: Scale) -> ScaleRegistry:
        """A new registry with these scales added (replacing any with the same id)."""
        return ScaleRegistry([*self._scales.values(), *scales], self._matrices.values())

    def merged(self, other: ScaleRegistry) -> ScaleRegistry:
        """This registry with ``other``'s scales and matrices added (other wins on equal ids)."""
        return ScaleRegistry(
            [*self._scales.values(), *other._scales.values()],
            [*self._matrices.values(), *other._matrices.values()],
        )

    @staticmethod
    def from_data(data: Mapping[str, Any]) -> ScaleRegistry:
        """Scales and matrices from parsed JSON; ``ValueError`` names what is malformed."""
        if not isinstance(data, Mapping):
            raise ValueError('berkas skala harus berupa objek {"scales": [...]}')
        scales = data.get("scales", [])
        matrices = data.get("matrices", [])
        if not isinstance(scales, list) or not isinstance(matrices, list):
            raise ValueError("scales dan matrices harus berupa daftar")
        try:
            parsed = [Matrix.from_dict(m) for m in matrices]
        except (KeyError, TypeError, AttributeError) as exc:
            raise ValueError(f"matriks tidak lengkap: {exc}") from None
        return ScaleRegistry([Scale.from_dict(s) for s in scales], parsed)


@lru_cache(maxsize=1)
def default_registry() -> ScaleRegistry:
    """The scales shipped with kinerja (``kinerja/scoring/scales.json``)."""
    text = resources.files("kinerja.scoring").joinpath("scales.json").read_text("utf-8")
    return ScaleRegistry.from_data(json.loads(text))


def load_registry(path: str | Path, base: ScaleRegistry | None = None) -> ScaleRegistry:
    """An agency's own scales from a JSON file (same format as ``scales.json``), added to base."""
    data = json.loads(Path(path).read_text("utf-8"))
    return (base or default_registry()).merged(ScaleRegistry.from_data(data))


def skp_predicate(
    hasil_kerja: str, perilaku_kerja: str, registry: ScaleRegistry | None = None
) -> str:
    """SKP predicate of an employee from the two ratings (PermenPAN-RB 6/2022).

    Ratings: ``dibawah_ekspektasi``, ``sesuai_ekspektasi``, ``diatas_ekspektasi`` (spaces, case and
    the word "ekspektasi" are optional). ``ValueError`` for an unknown rating.
    """
    return (registry or default_registry()).matrix(SKP_MATRIX).lookup(hasil_kerja, perilaku_kerja)
