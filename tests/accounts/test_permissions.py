"""Issue #12: one decision (``can``) used by services, pages and lists; roles per agency with two
agencies; separation of duties (#18.7); PK parties and signing dates (#18.9); error pages."""

from __future__ import annotations

from datetime import date

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import URLPattern, URLResolver, get_resolver, reverse
from factories import fresh_user, indicators_of, make_holder, make_user

from kinerja.accounts.access import access_for
from kinerja.accounts.models import AgencyRole, Assignment, Role, User
from kinerja.accounts.permissions import allowed_actions, can, for_user
from kinerja.accounts.services import assignment_create, role_grant
from kinerja.audit.models import AuditEntry
from kinerja.catalog.models import CatalogReview, Position
from kinerja.catalog.services import SEED_PATH, catalog_import, load_document
from kinerja.measurement.models import Realization
from kinerja.measurement.services import realization_save, realization_transition
from kinerja.planning.models import Agreement
from kinerja.planning.services import agreement_create, agreement_sign, target_set

pytestmark = pytest.mark.django_db
YEAR = 2024


def _other_agency(org):
    """The seed decree under a second agency, its head, perencana and an inspektorat user."""
    document, sha = load_document(SEED_PATH.read_bytes())
    document["decree"]["region"] = "Kabupaten Bangkalan"
    other = catalog_import(document=document, source_sha256=sha, actor="t").decree
    head_position = Position.objects.get(decree=other, is_head=True)
    from factories import make_employee

    employee = make_employee(other.agency, "Kepala Bangkalan")
    assignment_create(
        actor=None, employee=employee, position=head_position, starts_on=date(2020, 1, 1)
    )
    users = {"other_head": make_user("other_head", employee)}
    users["other_planner"] = make_user("other_planner")
    role_grant(actor=None, user=users["other_planner"], agency=other.agency, role=Role.PERENCANA)
    users["inspektorat"] = make_user("inspektorat")
    role_grant(actor=None, user=users["inspektorat"], agency=org.agency, role=Role.INSPEKTORAT)
    return other, users


def _entered(org, role="staff", period=1):
    indicator = indicators_of(org.pos[role])[0]
    return realization_save(
        actor=org.users[role], indicator=indicator, year=YEAR, period=period, value=5
    )


def test_two_agencies_nobody_crosses_except_the_inspektorat(org):
    other, users = _other_agency(org)
    realization = _entered(org)
    ours = org.pos["kasi"]
    theirs = Position.objects.get(decree=other, key=ours.key)
    for name in ("other_head", "other_planner"):
        user = users[name]
        assert not can(user, "position.view", ours)
        assert not can(user, "realization.view", realization)
        assert not can(user, "target.set", ours)
        assert not can(user, "agency.read", org.agency)
        assert can(user, "position.view", theirs)
    for name in ("head", "admin", "kabid"):
        assert not can(org.users[name], "position.view", theirs), name
    inspector = users["inspektorat"]
    assert can(inspector, "position.view", ours) and can(inspector, "position.view", theirs)
    assert can(inspector, "realization.view", realization)
    assert not (allowed_actions(inspector, realization) - {"realization.view"})
    assert not can(inspector, "target.set", ours)
    assert not can(inspector, "realization.enter", ours)
    assert for_user(inspector, "audit.view", AuditEntry).count() == AuditEntry.objects.count()
    assert (
        not for_user(users["other_planner"], "audit.view", AuditEntry)
        .filter(agency=org.agency)
        .exists()
    )
    with pytest.raises(PermissionDenied):
        target_set(
            actor=users["other_planner"],
            indicator=indicators_of(ours)[0],
            year=YEAR,
            plan="renja",
            value="1",
        )


def test_superuser_runs_the_site_and_reads_no_data(org):
    root = User.objects.create_superuser("root", password=None)
    assert not can(root, "position.view", org.pos["kasi"])
    assert can(root, "admin.site")


def test_operator_enters_for_the_holder_and_is_recorded(org):
    operator = make_user("operator")
    role_grant(actor=org.admin, user=operator, agency=org.agency, role=Role.OPERATOR)
    operator = fresh_user(operator)
    realization = (
        _entered(org, "staff")
        if False
        else realization_save(
            actor=operator,
            indicator=indicators_of(org.pos["staff"])[0],
            year=YEAR,
            period=2,
            value=3,
        )
    )
    assert realization.entered_by == operator
    assert AuditEntry.objects.filter(action="peran.beri", agency=org.agency).exists()
    assert not can(operator, "realization.verify", realization)


def test_nobody_verifies_what_they_entered_even_as_plh_of_the_supervisor(org):
    realization = _entered(org)
    realization = realization_transition(
        actor=org.staff, realization=realization, to_status="submitted"
    )
    make = Assignment.Kind.PLH
    assignment_create(
        actor=None,
        employee=org.emp["staff"],
        position=org.pos["kasi"],
        kind=make,
        starts_on=date(2024, 1, 1),
    )
    staff = fresh_user(org.staff)
    assert access_for(staff).held >= {org.pos["kasi"].pk}
    assert not can(staff, "realization.verify", realization)
    with pytest.raises(PermissionDenied):
        realization_transition(actor=staff, realization=realization, to_status="verified")
    # the supervisor position held by the one who entered is passed over: the next holder up
    assert can(fresh_user(org.kabid), "realization.verify", realization)


def test_a_verifier_who_entered_for_the_holder_does_not_verify(org):
    """An operator who is also the supervisor enters for the staff: he may not verify it."""
    role_grant(actor=org.admin, user=org.kasi, agency=org.agency, role=Role.OPERATOR)
    kasi = fresh_user(org.kasi)
    indicator = indicators_of(org.pos["staff"])[0]
    realization = realization_save(actor=kasi, indicator=indicator, year=YEAR, period=3, value=4)
    realization = realization_transition(actor=kasi, realization=realization, to_status="submitted")
    assert not can(kasi, "realization.verify", realization)
    assert not can(kasi, "realization.return", realization)
    with pytest.raises(PermissionDenied):
        realization_transition(actor=kasi, realization=realization, to_status="verified")


def test_kasi_as_plt_kabid_is_not_his_own_verifier_nor_second_party(org):
    assignment_create(
        actor=None,
        employee=org.emp["kasi"],
        position=org.pos["kabid"],
        kind=Assignment.Kind.PLT,
        starts_on=date(2024, 1, 1),
    )
    Assignment.objects.filter(employee=org.emp["kabid"]).update(ends_on=date(2023, 12, 31))
    kasi, head = fresh_user(org.kasi), fresh_user(org.head)
    assert not access_for(kasi).can_verify(org.pos["kasi"].pk)
    assert access_for(head).can_verify(org.pos["kasi"].pk)  # the next holder up, depth 1
    for indicator in indicators_of(org.pos["kasi"]):
        target_set(actor=org.admin, indicator=indicator, year=YEAR, plan="renja", value="1")
    agreement = agreement_create(
        actor=org.admin, position=org.pos["kasi"], year=YEAR, day=date(2024, 1, 5)
    )
    assert agreement.first_party == org.emp["kasi"]
    assert agreement.second_party == org.emp["head"]
    assert not can(kasi, "agreement.sign", agreement)


@pytest.mark.parametrize(
    "day", [date(9999, 12, 31), date(1, 1, 1), date(2022, 6, 1), date(2099, 1, 2)]
)
def test_signing_dates_outside_the_year_or_impossible_are_refused(org, day):
    for indicator in indicators_of(org.pos["kasi"]):
        target_set(actor=org.admin, indicator=indicator, year=YEAR, plan="renja", value="1")
    agreement = agreement_create(actor=org.admin, position=org.pos["kasi"], year=YEAR)
    with pytest.raises(ValidationError) as caught:
        agreement_sign(actor=org.kabid, agreement=agreement, signed_on=day, signed_at="Sampang")
    assert "signed_on" in caught.value.message_dict
    assert Agreement.objects.get().status == "draft"


def test_a_successor_gets_his_own_pk_from_the_change_date(org):
    for indicator in indicators_of(org.pos["kasi"]):
        target_set(actor=org.admin, indicator=indicator, year=YEAR, plan="renja", value="1")
    first = agreement_create(
        actor=org.admin, position=org.pos["kasi"], year=YEAR, day=date(2024, 1, 3)
    )
    agreement_sign(
        actor=org.kabid, agreement=first, signed_on=date(2024, 1, 3), signed_at="Sampang"
    )
    Assignment.objects.filter(employee=org.emp["kasi"]).update(ends_on=date(2024, 6, 30))
    make_holder(org, "kasi_baru", org.pos["kasi"], starts_on=date(2024, 7, 1))
    successor = agreement_create(
        actor=org.admin, position=org.pos["kasi"], year=YEAR, day=date(2024, 7, 2)
    )
    assert successor.first_party.name == "Kasi Baru"
    assert successor.valid_from == date(2024, 7, 1) and successor.replaces == first
    with pytest.raises(ValidationError):
        agreement_sign(
            actor=org.kabid, agreement=successor, signed_on=date(2024, 6, 1), signed_at="S"
        )
    agreement_sign(
        actor=org.kabid, agreement=successor, signed_on=date(2024, 7, 2), signed_at="Sampang"
    )
    first.refresh_from_db()
    assert first.valid_until == date(2024, 6, 30) and first.status == "superseded"


def test_plh_first_party_is_warned(org):
    Assignment.objects.filter(employee=org.emp["kasi"]).update(ends_on=date(2020, 1, 2))
    make_holder(org, "plh_kasi", org.pos["kasi"], kind=Assignment.Kind.PLH)
    agreement = agreement_create(actor=org.admin, position=org.pos["kasi"], year=YEAR)
    assert agreement.first_party_acting == "Plh." and "Plh." in agreement.warnings[0]


def test_staff_have_skp_not_pk(org):
    with pytest.raises(ValidationError) as caught:
        agreement_create(actor=org.admin, position=org.pos["staff"], year=YEAR)
    assert "SKP" in caught.value.message_dict["position"][0]


def test_reopen_button_only_for_who_may_reopen(client, org):
    """The Kasi verified his staff's month; the head (two levels up) may reopen, and the page
    shows "Buka kembali" to exactly those for whom the service would do it."""
    realization = _entered(org)
    realization_transition(actor=org.staff, realization=realization, to_status="submitted")
    realization_transition(actor=org.kasi, realization=realization, to_status="verified")
    url = reverse("measurement:realization", args=[realization.indicator_id, YEAR, 1])
    for role, expected in [("kasi", True), ("kabid", True), ("head", True), ("staff", False)]:
        client.force_login(org.users[role])
        shown = "Buka kembali" in client.get(url).content.decode()
        assert (
            shown
            == expected
            == can(fresh_user(org.users[role]), "realization.reopen", Realization.objects.get())
        ), role


def test_error_pages_are_indonesian_inside_the_layout(client, org):
    indicator = indicators_of(org.pos["staff"])[0]
    client.force_login(org.outsider)
    page = client.get(reverse("measurement:realization", args=[indicator.pk, YEAR, 1]))
    assert page.status_code == 403
    text = page.content.decode()
    assert "Anda tidak berwenang" in text and "Kinerja saya" in text
    client.force_login(org.staff)
    type(indicator).objects.filter(pk=indicator.pk).update(frequency="quarterly")
    page = client.get(reverse("measurement:realization", args=[indicator.pk, YEAR, 7]))
    assert page.status_code == 404 and "Periode tidak dikenal" in page.content.decode()
    assert "<nav" in page.content.decode()
    page = client.get("/tidak-ada/")
    assert page.status_code == 404 and "tidak ditemukan" in page.content.decode()


def test_the_nav_shows_only_pages_that_open(client, org):
    client.force_login(org.staff)
    html = client.get("/").content.decode()
    assert reverse("population:coverage") not in html
    assert reverse("accounts:users") not in html
    assert client.get(reverse("accounts:users")).status_code == 403


def test_administrator_manages_users_in_the_application(client, org):
    client.force_login(org.admin)
    assert client.get(reverse("accounts:users")).status_code == 200
    response = client.post(
        reverse("accounts:user_create"),
        {"username": "baru", "password": "Rahasia-panjang-123", "employee": ""},
    )
    user = User.objects.get(username="baru")
    assert response.status_code == 302
    client.post(
        reverse("accounts:user_action", args=[user.pk]), {"aksi": "peran", "role": "pimpinan"}
    )
    assert AgencyRole.objects.active().filter(user=user, role="pimpinan").exists()
    client.post(reverse("accounts:user_action", args=[user.pk]), {"aksi": "nonaktif"})
    user.refresh_from_db()
    assert not user.is_active
    actions = set(AuditEntry.objects.filter(agency=org.agency).values_list("action", flat=True))
    assert {"pengguna.buat", "peran.beri", "pengguna.nonaktif"} <= actions
    client.force_login(org.kabid)
    assert client.get(reverse("accounts:user", args=[user.pk])).status_code == 403


# --- the matrix: every URL pattern that takes an object, every role, in and out of the branch ---

GET_PAGES = {
    "measurement:position_year": ("position.view", "position"),
    "planning:targets": ("position.view", "position"),
    "measurement:realization": ("position.view", "realization_page"),
    "planning:agreement": ("agreement.view", "agreement"),
    "measurement:evidence_download": ("evidence.view", "evidence"),
    "measurement:indicator_history": ("position.view", "indicator"),
    "catalog:review_upload": ("catalog.import", "decree"),
    "catalog:review_template": ("catalog.import", "decree"),
    "catalog:review": ("catalog.import", "review"),
}
# Patterns with an object that are POST-only (checked through their services' tests above and in
# tests/web/test_forbidden.py) or not about agency data.
NOT_OBJECT_PAGES = {
    "measurement:status",
    "measurement:evidence_upload",
    "planning:target_save",
    "planning:agreement_sign",
    "planning:agreement_revise",
    "planning:agreement_item",
    "catalog:decree_detail",
    "catalog:organisation",
    "catalog:check",
    "catalog:export_json",
    "catalog:export_xlsx",
    "catalog:position_detail",
    "catalog:measures",
    "catalog:review_apply",  # POST only: tests/catalog/test_review_views.py
    "catalog:review_discard",
    "accounts:user",
    "accounts:user_action",
}


def _patterns(resolver=None, prefix=""):
    for entry in (resolver or get_resolver()).url_patterns:
        if isinstance(entry, URLResolver):
            if entry.namespace in {"admin"}:
                continue
            yield from _patterns(
                entry, f"{prefix}{entry.namespace}:" if entry.namespace else prefix
            )
        elif isinstance(entry, URLPattern) and entry.pattern.converters:
            yield f"{prefix}{entry.name}"


# Namespaces whose pages this matrix covers (population and reports check their own).
COVERED = ("measurement:", "planning:", "accounts:", "audit:", "catalog:")


def test_every_object_url_is_in_the_matrix():
    covered = {p for p in _patterns() if p.startswith(COVERED)}
    unknown = covered - set(GET_PAGES) - NOT_OBJECT_PAGES
    assert not unknown, f"declare the permission of these pages in the matrix: {unknown}"


def test_matrix_zero_bypasses(client, org):
    other, users = _other_agency(org)
    from kinerja.catalog.models import DataSource
    from kinerja.measurement.services import evidence_add

    realization = _entered(org)
    evidence = evidence_add(
        actor=org.staff,
        realization=realization,
        name="a.pdf",
        content=b"%PDF-1.4\n%%EOF\n",
        source=realization.indicator.sources.first() or DataSource.objects.first(),
    )
    for indicator in indicators_of(org.pos["kasi"]):
        target_set(actor=org.admin, indicator=indicator, year=YEAR, plan="renja", value="1")
    agreement = agreement_create(actor=org.admin, position=org.pos["kasi"], year=YEAR)
    objects = {
        "position": [org.pos[r] for r in ("kasi", "staff", "kabid", "other_kasi", "head")]
        + [Position.objects.get(decree=other, key="kepala-seksi-identitas-penduduk")],
        "realization_page": [realization],
        "agreement": [agreement],
        "evidence": [evidence],
        "indicator": [
            indicators_of(org.pos["kasi"])[0],
            indicators_of(
                Position.objects.get(decree=other, key="kepala-seksi-identitas-penduduk")
            )[0],
        ],
        "decree": [org.decree, other],
        "review": [
            CatalogReview.objects.create(
                agency=d.agency,
                base=d,
                kind="amendment",
                source_sha256="0",
                document={"decree": {"number": "x", "title": "x", "period": {}}, "positions": []},
                matches={"positions": {}, "indicators": {}},
            )
            for d in (org.decree, other)
        ],
    }
    people = {**org.users, **users}
    bypasses, checked = [], 0
    for name, (action, kind) in GET_PAGES.items():
        for obj in objects[kind]:
            if kind == "position":
                args = [obj.pk, YEAR] if name == "measurement:position_year" else [obj.pk]
                target = obj
            elif kind == "realization_page":
                args, target = [obj.indicator_id, obj.year, obj.period], obj.position
                action = "position.view"
            elif kind == "indicator":
                args, target = [obj.pk], obj.goal.position
            elif kind in ("decree", "review"):
                args, target = [obj.pk], obj.agency
            else:
                args, target = [obj.pk], obj
            url = reverse(name, args=args)
            for role, user in people.items():
                client.force_login(user)
                status = client.get(url).status_code
                allowed = can(fresh_user(user), action, target)
                checked += 1
                if (status == 403) == allowed or status >= 500:
                    bypasses.append((role, url, status, allowed))
    assert checked > 80 and not bypasses, bypasses


def test_structure_changes_go_through_an_audited_service(org):
    from kinerja.catalog.structure_services import position_structure_update

    with pytest.raises(PermissionDenied):
        position_structure_update(
            actor=org.kabid, position=org.pos["staff"], supervisor=org.pos["kabid"], reason="x"
        )
    with pytest.raises(ValidationError):  # a cycle
        position_structure_update(
            actor=org.admin, position=org.pos["kabid"], supervisor=org.pos["staff"], reason="x"
        )
    position_structure_update(
        actor=org.admin,
        position=org.pos["staff"],
        supervisor=org.pos["kabid"],
        reason="Pelaksana dipindah ke bidang",
    )
    entry = AuditEntry.objects.get(action="jabatan.pengaturan")
    assert entry.agency == org.agency and entry.reason == "Pelaksana dipindah ke bidang"
    assert entry.after["supervisor"] == org.pos["kabid"].pk
    assert can(fresh_user(org.kabid), "realization.view", Realization(position=org.pos["staff"]))


def test_a_closed_period_takes_no_entry_until_reopened_with_a_reason(client, org):
    from kinerja.measurement.periods_closing import period_close, period_reopen

    indicator = indicators_of(org.pos["staff"])[0]
    realization = _entered(org)
    with pytest.raises(PermissionDenied):
        period_close(actor=org.kabid, agency=org.agency, year=YEAR, frequency="monthly", period=1)
    client.force_login(org.admin)
    client.post(
        reverse("measurement:periods"), {"aksi": "tutup", "frekuensi": "monthly", "periode": "1"}
    )
    assert not can(fresh_user(org.staff), "realization.edit", Realization.objects.get())
    with pytest.raises(ValidationError):
        realization_save(actor=org.staff, indicator=indicator, year=YEAR, period=1, value=9)
    with pytest.raises(ValidationError):
        period_reopen(
            actor=org.admin, agency=org.agency, year=YEAR, frequency="monthly", period=1, reason=""
        )
    period_reopen(
        actor=org.admin,
        agency=org.agency,
        year=YEAR,
        frequency="monthly",
        period=1,
        reason="Koreksi data SIAK",
    )
    realization_save(actor=org.staff, indicator=indicator, year=YEAR, period=1, value=9)
    actions = list(
        AuditEntry.objects.filter(action__startswith="periode.").values_list("action", "reason")
    )
    assert actions == [("periode.buka", "Koreksi data SIAK"), ("periode.tutup", "")]
    del realization


CONTROLS = {
    "realization.edit": ">Simpan</button>",
    "realization.submit": "Kirim untuk verifikasi",
    "realization.verify": '"verified"',
    "realization.return": "Alasan pengembalian",
    "realization.reopen": "Buka kembali",
    "evidence.add": "Unggah bukti",
    "agreement.sign": "Catat penandatanganan",
    "agreement.revise": "Buat PK Perubahan",
}


def test_controls_shown_are_exactly_the_allowed_actions(client, org):
    """Both directions: every control on the page is allowed, every allowed action has one."""
    draft = _entered(org, period=1)
    submitted = realization_transition(
        actor=org.staff, realization=_entered(org, period=2), to_status="submitted"
    )
    verified = realization_transition(
        actor=org.kasi,
        realization=realization_transition(
            actor=org.staff, realization=_entered(org, period=3), to_status="submitted"
        ),
        to_status="verified",
    )
    for indicator in indicators_of(org.pos["kasi"]):
        target_set(actor=org.admin, indicator=indicator, year=YEAR, plan="renja", value="1")
    pk_draft = agreement_create(actor=org.admin, position=org.pos["kasi"], year=YEAR)
    pages = [
        (r, reverse("measurement:realization", args=[r.indicator_id, r.year, r.period]))
        for r in (draft, submitted, verified)
    ] + [(pk_draft, reverse("planning:agreement", args=[pk_draft.pk]))]
    checked = 0
    for role, user in org.users.items():
        client.force_login(user)
        for obj, url in pages:
            response = client.get(url)
            if response.status_code == 403:
                assert not can(fresh_user(user), "position.view", org.pos["staff"]) or (
                    not can(fresh_user(user), "agreement.view", obj)
                )
                continue
            html = response.content.decode()
            allowed = allowed_actions(fresh_user(user), type(obj).objects.get(pk=obj.pk))
            for action, marker in CONTROLS.items():
                if action.split(".")[0] not in {"realization", "evidence", "agreement"}:
                    continue
                if (action.startswith("agreement")) != (obj is pk_draft):
                    continue
                assert (marker in html) == (action in allowed), (role, url, action)
                checked += 1
    assert checked > 80


def test_evidence_rule_and_pk_scope_are_agency_settings(org):
    from kinerja.accounts.services import agency_setting_update, regional_head_save
    from kinerja.measurement.evidence_rules import evidence_required

    indicator = indicators_of(org.pos["staff"])[0]
    with pytest.raises(PermissionDenied):
        agency_setting_update(actor=org.kabid, agency=org.agency, evidence_rule="all")
    agency_setting_update(
        actor=org.admin, agency=org.agency, evidence_rule="all", pk_scope="all", reason="Perbup"
    )
    assert evidence_required(type(indicator).objects.get(pk=indicator.pk))
    realization = _entered(org)
    with pytest.raises(ValidationError) as caught:
        realization_transition(actor=org.staff, realization=realization, to_status="submitted")
    assert "bukti dukung wajib" in caught.value.message_dict["file"][0]
    agreement_create(actor=org.admin, position=org.pos["staff"], year=YEAR)  # widened: allowed
    regional_head_save(
        actor=org.admin,
        agency=org.agency,
        name="Dr. Contoh",
        status="pj",
        starts_on=date(2024, 9, 1),
    )
    assert (
        AuditEntry.objects.filter(
            action__in=["perangkat.pengaturan", "kepala_daerah.simpan"], agency=org.agency
        ).count()
        == 2
    )
