"""The documents' parts from the Renstra and budget (#14): PK annex programs, Rencana Aksi sub
kegiatan and anggaran, LKjIP efficiency, budget, earlier years and notes, and the quarterly
evaluation's notes with last quarter's follow-up."""

import io
from datetime import date
from decimal import Decimal as D

import pytest
from docx import Document

from kinerja.catalog.models import Goal
from kinerja.reports.builders import action_plan_document, evaluation_document, pk_document
from kinerja.reports.builders_lkjip import lkjip_document
from kinerja.reports.files import agreement_file
from kinerja.strategy.models import BudgetItem, Iku
from kinerja.strategy.selectors_budget import efficiency_table
from kinerja.strategy.services import cascade_link_set, iku_save, renstra_save
from kinerja.strategy.services_budget import budget_import, budget_item_link
from kinerja.strategy.services_notes import (
    earlier_realization_save,
    follow_up_record,
    quarter_note_save,
)

YEAR = 2024


@pytest.fixture
def plan(org):
    from strategy_rows import budget_rows

    renstra = renstra_save(
        actor=org.admin, agency=org.agency, period_start=2024, period_end=2026, title="Renstra"
    )
    iku = iku_save(
        actor=org.admin,
        renstra=renstra,
        tujuan=("T1", "Tujuan"),
        sasaran=("S1", "Meningkatnya kepemilikan dokumen"),
        values={"code": "1.1", "name": "Persentase KTP-el", "satuan": "%"},
        targets={2024: D(97)},
    )
    kabid_goal = Goal.objects.filter(position=org.pos["kabid"]).first()
    kasi_goal = Goal.objects.filter(position=org.pos["kasi"]).first()
    cascade_link_set(actor=org.admin, goal=kabid_goal, parent_ikus=[iku])
    cascade_link_set(actor=org.admin, goal=kasi_goal, parent_goal=kabid_goal)
    budget_import(actor=org.admin, agency=org.agency, year=YEAR, content=budget_rows())
    sub = BudgetItem.objects.get(code="2.12.02.2.01.0001")
    budget_item_link(actor=org.admin, item=sub, goals=[kasi_goal], responsible=org.pos["kasi"])
    return iku, kabid_goal, kasi_goal


def test_pk_annex_lists_the_programs_of_the_position(org, plan):
    from kinerja.catalog.models import Indicator
    from kinerja.planning.models import Target
    from kinerja.planning.services import agreement_create, agreement_sign

    for indicator in Indicator.objects.filter(goal__position=org.pos["kasi"]):
        Target.objects.create(indicator=indicator, year=YEAR, plan="renja", value=D(1200))
    day = date(2024, 1, 5)
    pk = agreement_create(actor=org.admin, position=org.pos["kasi"], year=YEAR, day=day)
    pk = agreement_sign(
        actor=org.admin, agreement=pk, signed_on=day, signed_at="Sampang", today=date(2024, 2, 1)
    )
    doc = pk_document(pk)
    assert [(p.name, p.amount, p.note) for p in doc.programs] == [
        ("2.12.02 PROGRAM PENDAFTARAN PENDUDUK", "Rp1.000.000", "pagu DPA 2024")
    ]
    data, _ = agreement_file(pk, "docx")
    text = "\n".join(
        cell.text
        for table in Document(io.BytesIO(data)).tables
        for row in table.rows
        for cell in row.cells
    )
    assert "2.12.02 PROGRAM PENDAFTARAN PENDUDUK" in text and "Rp1.000.000" in text
    assert "belum tercatat dalam aplikasi" not in text


def test_action_plan_carries_sub_kegiatan_and_budget_per_goal(org, plan):
    _, _, kasi_goal = plan
    doc = action_plan_document(org.agency, YEAR)
    assert doc.funding[kasi_goal.pk] == (
        "2.12.02.2.01.0001 Pelayanan KTP-el",
        "Rp1.000.000",
        D(1_000_000),
    )


def test_lkjip_efficiency_earlier_years_and_notes(org, plan):
    iku, kabid_goal, _ = plan
    earlier_realization_save(
        actor=org.admin,
        agency=org.agency,
        iku=iku,
        year=2023,
        value=D("96.9"),
        source="LKjIP 2023 hal. 12",
    )
    note = quarter_note_save(
        actor=org.admin,
        agency=org.agency,
        year=YEAR,
        quarter=1,
        goal=kabid_goal,
        texts={"pendorong": "jemput bola", "tindak_lanjut": "tambah blanko"},
    )
    follow_up_record(actor=org.admin, note=note, done=True, by="Seksi Identitas Penduduk")
    doc = lkjip_document(org.agency, YEAR)
    st = doc.strategy
    assert st.efficiency == [r.cells for r in efficiency_table(org.agency, YEAR)]
    assert st.efficiency[0][2:6] == [
        "2.12.02 PROGRAM PENDAFTARAN PENDUDUK",
        "Rp1.000.000",
        "Rp400.000",
        "40,00%",
    ]
    assert [(b.code, b.pagu, b.spent, b.serapan) for b in st.programs] == [
        ("2.12.02", "Rp1.000.000", "Rp400.000", "40,00%")
    ]
    assert st.earlier_years == [2022, 2023]
    assert st.earlier == [
        (
            "1.1 Persentase KTP-el",
            [("–", ""), ("96,90%", "LKjIP 2023 hal. 12")],
            "96,90% (LKjIP 2023 hal. 12)",  # 2023 is also the Renstra's baseline year
        )
    ]
    assert [(n.quarter, n.pendorong, n.follow_up) for n in st.notes] == [
        (1, "jemput bola", "terlaksana (oleh Seksi Identitas Penduduk)")
    ]
    evaluation = evaluation_document(org.agency, YEAR, 2)
    assert [n.follow_up for n in evaluation.follow_ups] == [
        "terlaksana (oleh Seksi Identitas Penduduk)"
    ]
    assert Iku.objects.count() == 1
