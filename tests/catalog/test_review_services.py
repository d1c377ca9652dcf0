"""A successor decree and an amendment through the review (issue #15)."""

from __future__ import annotations

import json
from datetime import date

import pytest
from django.core.exceptions import ValidationError

from kinerja.accounts.models import Assignment, Role
from kinerja.accounts.services import role_grant
from kinerja.audit.models import AuditEntry
from kinerja.catalog.models import CatalogReview, Decree, Indicator
from kinerja.catalog.review_services import (
    review_apply,
    review_create,
    review_discard,
    review_matches_set,
)
from kinerja.catalog.selectors import decree_in_force, position_in_year
from kinerja.catalog.services import SEED_PATH, catalog_import, load_document
from kinerja.demo.demo_successor import (
    ADDED_COUNT,
    ADDED_RATE,
    DROPPED,
    MOVED,
    NUMBER,
    RENAMED_TO,
    successor_document,
)
from tests.factories import make_employee, make_user

pytestmark = pytest.mark.django_db

SIGNATORY = {
    "name": "Kepala Demo",
    "nip": None,
    "rank": None,
    "title": "Kepala Dinas",
    "acting": None,
}


@pytest.fixture
def seed():
    document, sha = load_document(SEED_PATH.read_bytes())
    decree = catalog_import(document=document, source_sha256=sha).decree
    return decree, document


@pytest.fixture
def planner(seed):
    user = make_user("perencana")
    role_grant(actor=None, user=user, agency=seed[0].agency, role=Role.PERENCANA)
    return user


def _successor(seed, planner, document=None):
    decree, seed_doc = seed
    document = document or successor_document(seed_doc, signatory=SIGNATORY)
    raw = json.dumps(document).encode()
    return review_create(actor=planner, base=decree, raw=raw, filename="sk-2025.json")


def test_the_proposal_names_every_kind_of_row(seed, planner):
    review = _successor(seed, planner)
    assert review.kind == CatalogReview.Kind.SUCCESSOR
    old = {p.key: p for p in seed[0].positions.all()}
    renamed = "kepala-seksi-identitas-penduduk-dan-identitas-kependudukan-digital"
    assert review.matches["positions"][renamed] == old["kepala-seksi-identitas-penduduk"].pk
    rows = review.matches["indicators"]
    by_name = {i.pk: i.name for i in Indicator.objects.filter(goal__position__decree=seed[0])}
    moved_row = next(
        r for r in rows if r.startswith("kepala-seksi-kerjasama") and by_name.get(rows[r]) == MOVED
    )
    assert moved_row.endswith("|4") or moved_row  # found under its new jabatan
    ktp = next(r for r, v in rows.items() if by_name.get(v) == "Persentase penduduk ber KTP-el")
    assert ktp.startswith("kepala-bidang-pelayanan-pendaftaran-penduduk|")
    new_rows = [r for r, v in rows.items() if v is None]
    assert len(new_rows) == 2  # the IKD count and rate
    matched = {v for v in rows.values() if v}
    dropped = [n for pk, n in by_name.items() if pk not in matched]
    assert dropped == [DROPPED]
    assert Decree.objects.count() == 1  # nothing applied yet


def test_applying_a_successor_keeps_lines_and_carries_holders(seed, planner):
    decree, _ = seed
    kasi = decree.positions.get(key="kepala-seksi-identitas-penduduk")
    employee = make_employee(decree.agency, "Budi")
    Assignment.objects.create(employee=employee, position=kasi, starts_on=date(2021, 3, 1))
    ktp = Indicator.objects.get(
        goal__position__decree=decree, name="Persentase penduduk ber KTP-el"
    )
    review = _successor(seed, planner)
    new = review_apply(actor=planner, review=review)

    assert new.number == NUMBER and new.predecessor == decree
    renamed = new.positions.get(name=RENAMED_TO)
    assert renamed.stable_key == kasi.stable_key == "kepala-seksi-identitas-penduduk"
    old_a, new_a = Assignment.objects.filter(employee=employee).order_by("starts_on")
    assert (old_a.position, old_a.ends_on) == (kasi, date(2024, 12, 31))
    assert (new_a.position, new_a.starts_on, new_a.ends_on) == (renamed, date(2025, 1, 1), None)
    reworded = Indicator.objects.get(goal__position__decree=new, stable_key=ktp.stable_key)
    assert reworded.name == "Persentase penduduk wajib KTP-el yang memiliki KTP-el"
    assert reworded.register_figure == ktp.register_figure == "ktp_el"
    assert decree_in_force(decree.agency, 2024) == decree
    assert decree_in_force(decree.agency, 2026) == new
    assert position_in_year(kasi, 2026) == renamed
    assert position_in_year(renamed, 2024) == kasi
    assert Indicator.objects.filter(goal__position__decree=new).count() == 142 + 2 - 1
    review.refresh_from_db()
    assert review.status == CatalogReview.Status.APPLIED and review.result == new
    entry = AuditEntry.objects.filter(action="katalog.terapkan").get()
    assert entry.after["jabatan dilanjutkan"] == 24
    assert entry.after["indikator baru"] == 2
    assert entry.after["indikator tidak ada lagi"] == 1
    assert AuditEntry.objects.filter(action="penugasan.lanjut").count() == 1


def test_a_person_corrects_a_match_before_applying(seed, planner):
    review = _successor(seed, planner)
    rows = dict(review.matches["indicators"])
    added = next(
        r
        for r, v in rows.items()
        if v is None and r.startswith("kepala-bidang-pelayanan-pendaftaran")
    )
    dropped = Indicator.objects.get(goal__position__decree=seed[0], name=DROPPED)
    rows[added] = dropped.pk  # a (wrong but deliberate) continuation
    review_matches_set(
        actor=planner, review=review, positions=review.matches["positions"], indicators=rows
    )
    new = review_apply(actor=planner, review=review)
    continued = Indicator.objects.get(goal__position__decree=new, stable_key=dropped.stable_key)
    assert continued.name == ADDED_RATE["name"]


def test_a_match_used_twice_or_foreign_is_refused(seed, planner):
    review = _successor(seed, planner)
    rows = dict(review.matches["indicators"])
    first, second = list(rows)[:2]
    rows[second] = rows[first]
    with pytest.raises(ValidationError) as err:
        review_matches_set(
            actor=planner, review=review, positions=review.matches["positions"], indicators=rows
        )
    assert "sudah dipakai" in str(err.value)
    rows[second] = 10**9
    with pytest.raises(ValidationError, match="bukan bagian keputusan lama"):
        review_matches_set(
            actor=planner, review=review, positions=review.matches["positions"], indicators=rows
        )


def test_only_administrator_or_perencana_may_review(seed):
    outsider = make_user("pegawai-biasa")
    with pytest.raises(Exception) as err:
        _successor(seed, outsider)
    assert "administrator atau perencana" in str(err.value)
    assert not CatalogReview.objects.exists()


def test_a_successor_with_an_existing_number_or_earlier_period_is_refused(seed, planner):
    decree, seed_doc = seed
    doc = successor_document(seed_doc, signatory=SIGNATORY)
    doc["decree"]["number"] = decree.number
    with pytest.raises(ValidationError, match="sudah ada"):
        review_create(
            actor=planner,
            base=decree,
            raw=json.dumps(doc).encode(),
            filename="x.json",
            kind="successor",
        )
    doc["decree"]["number"] = "baru/1"
    doc["decree"]["period"] = {"start": 2018, "end": 2023}
    with pytest.raises(ValidationError, match="tidak sesudah"):
        review_create(
            actor=planner,
            base=decree,
            raw=json.dumps(doc).encode(),
            filename="x.json",
            kind="successor",
        )


def test_an_amendment_moves_and_rewords_in_place_keeping_data(seed, planner):
    from kinerja.planning.models import Target

    decree, seed_doc = seed
    doc = successor_document(seed_doc, signatory=SIGNATORY)
    doc["decree"]["number"] = "188/600/KEP/434.206/2021"
    doc["decree"]["period"] = {"start": 2019, "end": 2024}
    moved = Indicator.objects.get(goal__position__decree=decree, name=MOVED)
    Target.objects.create(indicator=moved, year=2021, plan="renstra", value=4)
    review = review_create(
        actor=planner, base=decree, raw=json.dumps(doc).encode(), filename="perubahan.json"
    )
    assert review.kind == CatalogReview.Kind.AMENDMENT
    review_apply(actor=planner, review=review)
    moved.refresh_from_db()
    assert moved.goal.position.key == "kepala-seksi-kerjasama-dan-inovasi-pelayanan"
    assert moved.targets.count() == 1
    assert Decree.objects.count() == 1
    renamed = decree.positions.get(key="kepala-seksi-identitas-penduduk")
    assert renamed.name == RENAMED_TO
    assert decree.imports.first().amendment_number == "188/600/KEP/434.206/2021"
    assert not Indicator.objects.filter(name=DROPPED).exists()
    assert Indicator.objects.filter(
        goal__position__decree=decree, name=ADDED_COUNT["name"]
    ).exists()


def test_an_amendment_dropping_an_indicator_with_data_applies_nothing(seed, planner):
    from kinerja.planning.models import Target

    decree, seed_doc = seed
    doc = successor_document(seed_doc, signatory=SIGNATORY)
    doc["decree"]["number"] = "188/600/KEP/434.206/2021"
    doc["decree"]["period"] = {"start": 2019, "end": 2024}
    dropped = Indicator.objects.get(goal__position__decree=decree, name=DROPPED)
    Target.objects.create(indicator=dropped, year=2022, plan="renstra", value=4)
    review = review_create(
        actor=planner, base=decree, raw=json.dumps(doc).encode(), filename="perubahan.json"
    )
    with pytest.raises(ValidationError) as err:
        review_apply(actor=planner, review=review)
    assert "tidak ada lagi dalam keputusan" in str(err.value) and DROPPED in str(err.value)
    assert decree.positions.get(key="kepala-seksi-identitas-penduduk").name != RENAMED_TO
    review.refresh_from_db()
    assert review.status == CatalogReview.Status.DRAFT


def test_a_discarded_review_cannot_be_applied(seed, planner):
    review = _successor(seed, planner)
    review_discard(actor=planner, review=review, reason="salah berkas")
    with pytest.raises(ValidationError, match="dibatalkan"):
        review_apply(actor=planner, review=review)
    assert Decree.objects.count() == 1


def test_history_and_access_follow_the_line_across_decrees(seed, planner):
    from time_machine import travel

    from kinerja.accounts.access import access_for
    from kinerja.measurement.history import indicator_history
    from kinerja.planning.models import Target

    decree, _ = seed
    kasi = decree.positions.get(key="kepala-seksi-identitas-penduduk")
    user = make_user("kasi", make_employee(decree.agency, "Ani"))
    Assignment.objects.create(employee=user.employee, position=kasi, starts_on=date(2022, 1, 3))
    served = Indicator.objects.get(
        goal__position=kasi, name="Jumlah pelayanan KTP yang dilaksanakan"
    )
    Target.objects.create(indicator=served, year=2024, plan="renja", value=12000)
    new = review_apply(actor=planner, review=_successor(seed, planner))
    continued = Indicator.objects.get(goal__position__decree=new, stable_key=served.stable_key)
    Target.objects.create(indicator=continued, year=2025, plan="renja", value=13000)
    with travel(date(2026, 3, 2), tick=False):
        access = access_for(user)
        renamed = new.positions.get(stable_key=kasi.stable_key)
        assert access.assigned == {renamed.pk}
        assert kasi.pk in access.held and access.can_view(kasi.pk)
        rows = {r.year: r for r in indicator_history(user, continued)}
    assert set(rows) == set(range(2019, 2027))
    assert rows[2024].figure.target == 12000 and rows[2024].indicator_id == served.pk
    assert rows[2025].figure.target == 13000 and rows[2025].indicator_id == continued.pk
    assert rows[2024].decree_number == decree.number and rows[2025].decree_number == NUMBER
    assert rows[2026].figure is None  # nothing planned yet
