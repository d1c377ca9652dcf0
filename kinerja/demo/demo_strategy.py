"""The demo's Renstra, IKU, cascade, programs and budget, evaluation notes and earlier years
(issue #14), loaded once at the end of ``kinerja demo`` through the audited services.

Sampang's planning moved to a Renstra 2024-2026 (Inmendagri 52/2022) and then 2025-2029 (the new
RPJMD): both are loaded with the same IKU. Every decree of the agency gets its cascade, built
from the organisation tree and the words of the goals, so it works for whichever decree is in
force for a year (``strategy.selectors.decree_for``). Figures are plausible for a kabupaten of
about 1.03 million residents (wajib KTP-el about 750,000; /work/shared/facts.md) and are not
published figures: the earlier years carry the source note "angka demo".
"""

from __future__ import annotations

import io
import random
import re
from datetime import date
from decimal import Decimal
from typing import Any

from openpyxl import Workbook

from kinerja.accounts.models import User
from kinerja.catalog.models import Agency, Decree, Goal, Indicator
from kinerja.demo.demo_strategy_data import (
    EARLIER,
    IKU,
    MONTHS,
    NOTE_TEXTS,
    PERIODS,
    PROGRAMS,
    SUBS,
)
from kinerja.planning.models import Target
from kinerja.strategy import services, services_budget, services_notes
from kinerja.strategy.models import BudgetItem, Iku, Renstra
from kinerja.strategy.selectors import decree_for
from kinerja.strategy.selectors_budget import first_system_year

D = Decimal
STEPS: dict[int, Decimal] = {}  # IKU id -> yearly step of its measuring indicator's path


def _words(text: str) -> set[str]:
    return {w for w in re.findall(r"[a-z0-9-]+", text.lower()) if len(w) > 3}


def load_strategy(*, agency: Agency, today: date, stdout: Any = None) -> bool:
    """Load once; False (nothing written) when the agency already has a Renstra."""
    if Renstra.objects.filter(agency=agency).exists():
        return False
    actor = User.objects.filter(username="perencana").first() or "kinerja demo"
    decrees = list(Decree.objects.filter(agency=agency).order_by("period_start"))
    first_year = first_system_year(agency) or today.year
    plans = {}
    for start, end, label in PERIODS:
        plan = services.renstra_save(
            actor=actor,
            agency=agency,
            period_start=start,
            period_end=end,
            title=f"{label} {agency.name} {agency.region} Tahun {start}-{end}",
            number=f"188/{start}/KEP/434.206/{start - 1}",
            check_access=False,
        )
        plans[plan] = _ikus(actor, plan)
    for decree in decrees:
        plan = next((p for p in plans if p.period_start <= decree.period_end <= p.period_end), None)
        if plan is not None:
            _measure(actor, plans[plan], decree)
            _cascade(actor, plans[plan], decree)
    years = [y for y in range(2024, today.year + 1) if decree_for(agency, y) is not None]
    for year in years:
        _budget(actor, agency, year, today)
    for decree in decrees:
        _fund(actor, agency, decree)
    for year in years:
        _notes(actor, agency, year, today)
    _earlier(actor, agency, plans, first_year)
    if stdout is not None:
        stdout.write(
            f"Renstra demo: {len(plans)} Renstra, "
            f"{Iku.objects.filter(sasaran__tujuan__renstra__agency=agency).count()} IKU, "
            f"pohon kinerja untuk {len(decrees)} keputusan, anggaran {', '.join(map(str, years))}."
        )
    return True


def _ikus(actor, plan: Renstra) -> dict[str, tuple[Iku, str]]:
    out = {}
    tujuan = sasaran = ("", "")
    for order, row in enumerate(IKU):
        (
            t_code,
            t_text,
            s_code,
            s_text,
            unit,
            code,
            name,
            formula,
            satuan,
            source,
            measure,
            base,
            path,
        ) = row
        tujuan = (t_code, t_text or tujuan[1]) if t_code != tujuan[0] or t_text else tujuan
        sasaran = (s_code, s_text or sasaran[1]) if s_code != sasaran[0] or s_text else sasaran
        by_year = dict(zip(range(2024, 2030), path, strict=True))
        baseline = base if plan.period_start == 2025 else D(str(by_year[2024] - 0.8))
        iku = services.iku_save(
            actor=actor,
            renstra=plan,
            tujuan=tujuan,
            sasaran=sasaran,
            values={
                "code": code,
                "name": name,
                "formula": formula,
                "satuan": satuan,
                "data_source": source,
                "baseline": baseline,
                "responsible": unit,
                "end_target": D(str(by_year[plan.period_end])),
                "order": order,
            },
            targets={y: D(str(by_year[y])) for y in plan.years},
            check_access=False,
        )
        out[code] = (iku, measure)
    return out


def _measure(actor, ikus: dict, decree: Decree) -> None:
    """The decree's indicator measuring each IKU (by its words); the IKU's Renstra and Renja
    targets of the years the decree covers (and its end target) are that indicator's, so the
    IKU page and the read model's figure agree."""
    indicators = list(
        Indicator.objects.filter(goal__position__decree=decree, kind="percentage")
        .select_related("goal__position")
        .order_by("goal__position__order", "goal__order", "order")
    )
    for iku, pattern in ikus.values():
        found = next((i for i in indicators if re.search(pattern, i.name.lower())), None)
        if found is None:
            continue
        services.iku_measure_set(
            actor=actor, iku=iku, indicator=found, decree_id=decree.pk, check_access=False
        )
        plan = iku.sasaran.tujuan.renstra
        ends = {}
        for t in Target.objects.filter(indicator=found, quarter=0):
            if decree.period_start <= t.year <= decree.period_end:
                ends[(t.plan, t.year)] = t.value
                if plan.period_start <= t.year <= plan.period_end:
                    services.iku_target_set(
                        actor=actor,
                        iku=iku,
                        year=t.year,
                        plan=t.plan,
                        value=t.value,
                        check_access=False,
                    )
        end = ends.get(("renstra", plan.period_end))
        first, second = (ends.get(("renstra", plan.period_start + i)) for i in (0, 1))
        if end is not None and first is not None and second is not None:
            # the end target the decree's path reaches, and a baseline one step before its
            # first year, so that the IKU's path and the decree's agree
            step = second - first
            services.iku_save(
                actor=actor,
                renstra=plan,
                tujuan=(iku.sasaran.tujuan.code, iku.sasaran.tujuan.statement),
                sasaran=(iku.sasaran.code, iku.sasaran.statement),
                values={"code": iku.code, "end_target": end, "baseline": max(first - step, D(0))},
                check_access=False,
            )
            STEPS[iku.pk] = step


def _cascade(actor, ikus: dict, decree: Decree) -> None:
    """Goals of positions under the head serve the IKU measured by their indicators (else the
    IKU their unit answers for); every other goal serves the closest goal of its supervisor."""
    positions = list(decree.positions.select_related("supervisor", "unit").order_by("order"))
    goals = {
        p.pk: list(Goal.objects.filter(position=p).order_by("order").prefetch_related("indicators"))
        for p in positions
    }
    measured: dict[int, list[Iku]] = {}
    for iku, _ in ikus.values():
        for ind in iku.measures.filter(indicator__goal__position__decree=decree):
            measured.setdefault(ind.indicator.goal_id, []).append(iku)
    by_unit = {}
    for iku, _ in ikus.values():
        by_unit.setdefault(iku.responsible_unit_id, iku)
    first = next(iter(ikus.values()))[0]
    for position in positions:
        supervisor = position.supervisor
        for goal in goals[position.pk]:
            if position.is_head:
                continue
            if supervisor is not None and supervisor.is_head:
                served = measured.get(goal.pk) or [by_unit.get(position.unit_id) or first]
                services.cascade_link_set(
                    actor=actor, goal=goal, parent_ikus=served, check_access=False
                )
            elif supervisor is not None and goals.get(supervisor.pk):
                mine = _words(
                    goal.statement + " " + " ".join(i.name for i in goal.indicators.all())
                )
                parent = max(goals[supervisor.pk], key=lambda g: len(mine & _words(g.statement)))
                services.cascade_link_set(
                    actor=actor, goal=goal, parent_goal=parent, check_access=False
                )


def _budget_file(year: int, today: date) -> bytes:
    """A DPA/SIPD-like export for the year: pagu and monthly spending up to last month."""
    last = 12 if year < today.year else max(today.month - 1, 0)
    growth = D("1.04") ** (year - 2024)
    wb = Workbook()
    ws = wb.active
    ws.append(["Kode", "Nama", "Pagu", *(f"Realisasi {m}" for m in MONTHS)])
    for code, name in PROGRAMS:
        ws.append([code, name])
        for sub_code, sub_name, pagu, _ in SUBS:
            if sub_code.rsplit(".", 1)[0] != code:
                continue
            amount = (D(pagu) * growth).quantize(D("1000"))
            rng = random.Random(f"{sub_code}/{year}")
            share = D(str(round(rng.uniform(0.90, 0.985), 4)))
            weights = [
                1.0 if "Gaji" in sub_name else (0.4 + m / 8 + rng.random() * 0.3) for m in range(12)
            ]
            total = sum(weights)
            spent = [(amount * share * D(str(w / total))).quantize(D("1000")) for w in weights]
            ws.append(
                [sub_code, sub_name, amount, *(spent[m] if m < last else None for m in range(12))]
            )
    out = io.BytesIO()
    wb.save(out)
    return out.getvalue()


def _budget(actor, agency: Agency, year: int, today: date) -> None:
    services_budget.budget_import(
        actor=actor,
        agency=agency,
        year=year,
        content=_budget_file(year, today),
        filename=f"dpa-{year}.xlsx",
        check_access=False,
    )


def _fund(actor, agency: Agency, decree: Decree) -> None:
    positions = list(decree.positions.order_by("order"))
    for code, _, _, words in SUBS:
        position = next((p for p in positions if words in p.name.lower()), None)
        item = BudgetItem.objects.get(agency=agency, code=code)
        if position is None:
            continue
        goals = list(Goal.objects.filter(position=position).select_related("position__decree"))
        services_budget.budget_item_link(
            actor=actor, item=item, goals=goals, responsible=position, check_access=False
        )


def _notes(actor, agency: Agency, year: int, today: date) -> None:
    decree = decree_for(agency, year)
    heads = [
        p
        for p in decree.positions.select_related("unit", "supervisor")
        if p.supervisor and p.supervisor.is_head
    ]
    done_quarters = 4 if year < today.year else (today.month - 1) // 3
    previous = []
    for quarter in range(1, done_quarters + 1):
        for note in previous:
            services_notes.follow_up_record(
                actor=actor,
                note=note,
                done=(note.pk + quarter) % 4 != 0,
                by=note.unit.name if note.unit else "Sekretariat",
                remark="" if (note.pk + quarter) % 4 else "Tertunda; dijadwalkan ulang.",
                check_access=False,
            )
        previous = []
        for n, position in enumerate(heads):
            goal = Goal.objects.filter(position=position).order_by("order").first()
            if goal is None:
                continue
            texts = dict(
                zip(
                    ("pendorong", "penghambat", "tindak_lanjut"),
                    NOTE_TEXTS[(n + quarter) % len(NOTE_TEXTS)],
                    strict=True,
                )
            )
            previous.append(
                services_notes.quarter_note_save(
                    actor=actor,
                    agency=agency,
                    year=year,
                    quarter=quarter,
                    texts=texts,
                    unit=position.unit,
                    goal=goal,
                    check_access=False,
                )
            )


def _earlier(actor, agency: Agency, plans: dict, first_year: int) -> None:
    for plan, ikus in plans.items():
        for code, (iku, _) in ikus.items():
            iku.refresh_from_db()
            for offset, value in enumerate(EARLIER[code]):
                year = plan.period_start - 2 + offset
                if year >= first_year:
                    continue
                if iku.pk in STEPS and iku.baseline is not None:  # on the decree's path
                    back = plan.period_start - 1 - year
                    value = max(iku.baseline - STEPS[iku.pk] * back, D(0))
                services_notes.earlier_realization_save(
                    actor=actor,
                    agency=agency,
                    iku=iku,
                    year=year,
                    value=D(str(value)),
                    source=f"LKjIP Dispendukcapil Sampang {year} (angka demo)",
                    first_system_year=first_year,
                    check_access=False,
                )
