"""Scored figures of the one read model (``kinerja.measurement.achievement``) as JSON.

Numbers are decimal strings exactly as the read model holds them (two places for capaian);
``*_text`` fields are the same figures as a page prints them ("85,50%", "4.806 orang"). A
figure that cannot be computed is null with its ``reason``, never 0."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from rest_framework import serializers

from kinerja.core.numbers import format_percent
from kinerja.measurement.achievement_types import IndicatorFigure, Rollup
from kinerja.scoring import Range


def _num(value: Any) -> str | None:
    """A measured or planned number without trailing zeros ("1200", "4806.5")."""
    if value is None:
        return None
    if isinstance(value, Range):
        value = value.min
    if hasattr(value, "rounded"):
        value = value.rounded()
    return format(Decimal(value).normalize(), "f")


def _score(value: Any) -> str | None:
    """A capaian or progress with its two places as the read model rounds it ("85.50")."""
    return None if value is None else format(Decimal(value), "f")


def _max(value: Any) -> str | None:
    return _num(value.max) if isinstance(value, Range) else None


def indicator_figure(f: IndicatorFigure) -> dict[str, Any]:
    return {
        "indicator": f.indicator_id,
        "position": f.position_id,
        "goal": f.goal_id,
        "agency": f.agency_id,
        "unit": f.unit_id,
        "name": f.name,
        "kind": f.kind,
        "aggregation": f.aggregation,
        "frequency": f.frequency,
        "polarity": f.polarity,
        "satuan": f.satuan,
        "target": _num(f.target),
        "target_max": _num(f.target_max),
        "target_basis": {
            "code": f.basis.code,
            "label": f.basis.label,
            "agreement": f.basis.agreement_id,
        },
        "targeted": f.targeted,
        "not_targeted_reason": f.not_targeted_reason,
        "as_of": f.as_of,
        "as_of_label": f.as_of_label,
        "value": _num(f.value),
        "capaian": _score(f.capaian),
        "predicate": f.predicate,
        "progress": _score(f.progress),
        "status": f.status,
        "status_label": f.status_label,
        "expected": _num(f.expected),
        "expected_max": _max(f.expected),
        "reason": f.reason,
        "flags": list(f.flags),
        "missing": list(f.missing),
        "provisional": f.provisional,
        "provenance": f.provenance,
        "value_text": f.value_text,
        "target_text": f.target_text,
        "capaian_text": format_percent(f.capaian) if f.capaian is not None else "",
        "cells": [
            {
                "period": c.period,
                "label": c.label,
                "realization": c.realization_id,
                "status": c.status,
                "value": _num(c.value),
                "provisional": c.provisional,
            }
            for c in f.cells
        ],
    }


def rollup(r: Rollup) -> dict[str, Any]:
    return {
        "level": r.level,
        "id": r.key,
        "label": r.label,
        "capaian": _score(r.capaian),
        "capaian_text": format_percent(r.capaian) if r.capaian is not None else "",
        "predicate": r.predicate,
        "counted": r.counted,
        "not_computed": r.not_computed,
        "not_targeted": r.not_targeted,
        "reason": r.reason,
    }


# --- the description (drf-spectacular reads these; the views build the dicts above) ----------

_dec = {"allow_null": True, "help_text": "Angka desimal sebagai teks, mis. '85.50'."}


class BasisOut(serializers.Serializer):
    code = serializers.CharField(help_text="pk_perubahan | pk | renja | renstra | '' (belum ada)")
    label = serializers.CharField()
    agreement = serializers.IntegerField(allow_null=True)


class CellOut(serializers.Serializer):
    period = serializers.IntegerField()
    label = serializers.CharField()
    realization = serializers.IntegerField(allow_null=True)
    status = serializers.CharField()
    value = serializers.CharField(**_dec)
    provisional = serializers.BooleanField()


class IndicatorFigureOut(serializers.Serializer):
    indicator = serializers.IntegerField()
    position = serializers.IntegerField()
    goal = serializers.IntegerField()
    agency = serializers.IntegerField()
    unit = serializers.IntegerField(allow_null=True)
    name = serializers.CharField()
    kind = serializers.CharField()
    aggregation = serializers.CharField()
    frequency = serializers.CharField()
    polarity = serializers.CharField()
    satuan = serializers.CharField(allow_blank=True)
    target = serializers.CharField(**_dec)
    target_max = serializers.CharField(**_dec)
    target_basis = BasisOut()
    targeted = serializers.BooleanField()
    not_targeted_reason = serializers.CharField(allow_blank=True)
    as_of = serializers.CharField(allow_null=True)
    as_of_label = serializers.CharField(allow_blank=True)
    value = serializers.CharField(**_dec)
    capaian = serializers.CharField(**_dec)
    predicate = serializers.CharField(allow_null=True)
    progress = serializers.CharField(**_dec)
    status = serializers.CharField()
    status_label = serializers.CharField()
    expected = serializers.CharField(**_dec)
    expected_max = serializers.CharField(**_dec)
    reason = serializers.CharField(allow_null=True, help_text="Mengapa angka tidak dihitung.")
    flags = serializers.ListField(child=serializers.CharField())
    missing = serializers.ListField(child=serializers.CharField())
    provisional = serializers.BooleanField()
    provenance = serializers.CharField(allow_blank=True)
    value_text = serializers.CharField(allow_blank=True)
    target_text = serializers.CharField(allow_blank=True)
    capaian_text = serializers.CharField(allow_blank=True)
    cells = CellOut(many=True)


class RollupOut(serializers.Serializer):
    level = serializers.ChoiceField(choices=["goal", "position", "unit", "agency"])
    id = serializers.IntegerField()
    label = serializers.CharField(allow_blank=True)
    capaian = serializers.CharField(**_dec)
    capaian_text = serializers.CharField(allow_blank=True)
    predicate = serializers.CharField(allow_null=True)
    counted = serializers.IntegerField()
    not_computed = serializers.IntegerField()
    not_targeted = serializers.IntegerField()
    reason = serializers.CharField(allow_null=True)


class RulesOut(serializers.Serializer):
    agency = serializers.IntegerField()
    lines = serializers.ListField(child=serializers.CharField())


class FiguresEnvelope(serializers.Serializer):
    year = serializers.IntegerField()
    as_of = serializers.CharField(allow_null=True)
    as_of_label = serializers.CharField()
    verified_only = serializers.BooleanField()
    rules = RulesOut(many=True)
    count = serializers.IntegerField()
    next = serializers.CharField(allow_null=True)
    previous = serializers.CharField(allow_null=True)


class IndicatorFigures(FiguresEnvelope):
    results = IndicatorFigureOut(many=True)


class RollupFigures(FiguresEnvelope):
    results = RollupOut(many=True)
