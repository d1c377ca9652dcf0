"""The LKjIP's earlier years follow an indicator into its successor decree (issue #15): the 2025
report compares the reworded KTP-el indicator with its 2024 self under the old decree."""

from __future__ import annotations

import json

import pytest

from kinerja.accounts.models import Role
from kinerja.accounts.services import role_grant
from kinerja.catalog.models import Indicator
from kinerja.catalog.review_services import review_apply, review_create
from kinerja.catalog.services import SEED_PATH, catalog_import, load_document
from kinerja.demo.demo_successor import successor_document
from kinerja.planning.models import Target
from kinerja.reports.builders_lkjip import lkjip_document
from tests.factories import make_user

pytestmark = pytest.mark.django_db
SIGNATORY = {"name": "Kepala", "nip": None, "rank": None, "title": "Kepala Dinas", "acting": None}


def test_earlier_years_are_read_with_their_own_decree_by_stable_key():
    document, sha = load_document(SEED_PATH.read_bytes())
    seed = catalog_import(document=document, source_sha256=sha).decree
    planner = make_user("perencana")
    role_grant(actor=None, user=planner, agency=seed.agency, role=Role.PERENCANA)
    old = Indicator.objects.get(goal__position__decree=seed, register_figure="ktp_el")
    Target.objects.create(indicator=old, year=2024, plan="renja", value=96)
    raw = json.dumps(successor_document(document, signatory=SIGNATORY)).encode()
    review = review_create(actor=planner, base=seed, raw=raw, filename="sk.json")
    successor = review_apply(actor=planner, review=review)
    new = Indicator.objects.get(goal__position__decree=successor, register_figure="ktp_el")
    Target.objects.create(indicator=new, year=2025, plan="renja", value=97)

    report = lkjip_document(seed.agency, 2025, verified_only=False)
    row = next(c for c in report.comparisons if c.figure.indicator_id == new.pk)
    two_back, one_back = row.before
    assert one_back is not None and one_back.indicator_id == old.pk
    assert one_back.target == 96 and row.figure.target == 97
    assert two_back is not None and two_back.target is None  # 2023: no target recorded
