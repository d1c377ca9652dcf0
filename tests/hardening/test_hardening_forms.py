"""Every form, fuzzed: whatever a person (or a script) posts, the answer is a page or a
message, never a 500. Run on SQLite and on PostgreSQL (where a NUL byte used to be a 500)."""

import os

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from factories import indicator_of
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from kinerja.measurement.models import Status
from kinerja.measurement.services import realization_save, realization_transition
from kinerja.planning.services import agreement_create

pytestmark = pytest.mark.django_db
EXAMPLES = int(os.environ.get("KINERJA_FORM_FUZZ_EXAMPLES", 250))

TEXT = st.one_of(
    st.text(alphabet=st.characters(blacklist_categories=("Cs",)), max_size=40),
    st.sampled_from(
        [
            "",
            "\x00",
            "a\x00b",
            "²",
            "1e999999999999999999",
            "1e309",
            "NaN",
            "-1",
            "0",
            "99999999999999999999999",
            "10000",
            "2024",
            "9999-12-31",
            "0001-01-01",
            "2024-02-30",
            "\u200b",
            "renja",
            "renstra",
            "submitted",
            "verified",
            "returned",
            "1.234,5",
            "85,5",
            " ",
            "<script>",
            "' OR 1=1 --",
        ]
    ),
)
FORMS = {
    "realization": ["numerator", "denominator", "value", "note", "version"],
    "status": ["to", "reason", "version", "next"],
    "target": ["year", "plan", "value", "value_max", "quarter", "reason"],
    "agreement_create": ["position", "year"],
    "agreement_sign": ["signed_on", "signed_at"],
    "agreement_revise": ["reason"],
    "search": ["q"],
    "spreadsheet": ["year", "month", "unduh"],
    "password": ["old_password", "new_password1", "new_password2"],
    "evidence": ["source"],
}


@pytest.fixture
def places(org):
    indicator = indicator_of(org, "staff")
    realization = realization_save(
        actor=org.staff, indicator=indicator, year=2024, period=3, value="4"
    )
    realization_transition(actor=org.staff, realization=realization, to_status=Status.SUBMITTED)
    agreement = agreement_create(actor=org.admin, position=org.pos["kasi"], year=2024)
    return {
        "realization": ("post", reverse("measurement:realization", args=[indicator.pk, 2024, 4])),
        "status": ("post", reverse("measurement:status", args=[realization.pk])),
        "target": ("post", reverse("planning:target_save", args=[indicator.pk])),
        "agreement_create": ("post", reverse("planning:agreement_create")),
        "agreement_sign": ("post", reverse("planning:agreement_sign", args=[agreement.pk])),
        "agreement_revise": ("post", reverse("planning:agreement_revise", args=[agreement.pk])),
        "search": ("get", reverse("catalog:search")),
        "spreadsheet": ("post", reverse("measurement:spreadsheet")),
        "password": ("post", reverse("password_change")),
        "evidence": ("post", reverse("measurement:evidence_upload", args=[realization.pk])),
    }


@settings(
    max_examples=EXAMPLES,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture],
)
@given(
    form=st.sampled_from(sorted(FORMS)),
    values=st.lists(TEXT, min_size=6, max_size=6),
    role=st.sampled_from(["staff", "kasi", "admin"]),
    upload=st.binary(max_size=64),
)
def test_no_form_answers_500(client, org, places, form, values, role, upload):
    method, url = places[form]
    data = dict(zip(FORMS[form], values, strict=False))
    if form == "evidence":
        data["file"] = SimpleUploadedFile("bukti.pdf", b"%PDF-" + upload)
    client.force_login(org.users[role])
    response = getattr(client, method)(url, data)
    assert response.status_code < 500, (form, data, response.status_code)


@pytest.mark.parametrize("form", sorted(FORMS))
def test_nul_byte_in_every_field(client, org, places, form):
    method, url = places[form]
    client.force_login(org.admin)
    data = dict.fromkeys(FORMS[form], "1\x00")
    assert getattr(client, method)(url, data).status_code < 500
