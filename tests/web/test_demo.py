"""``kinerja demo``: one load shared by the module (it runs every write through the services, so
it takes a while), then checks of what it contains and that a second run changes nothing."""

import os
from datetime import date
from io import StringIO
from types import SimpleNamespace

import pytest
from django.apps import apps
from django.core.management import call_command
from django.db import transaction
from django.db.models import Q
from django.test import Client
from django.test.utils import override_settings
from walker import walk

from kinerja.accounts.access import access_for
from kinerja.accounts.models import Assignment, User
from kinerja.accounts.nip import parse_nip
from kinerja.audit.models import AuditEntry
from kinerja.catalog.models import Indicator, Position
from kinerja.demo.demo import demo_load
from kinerja.measurement.models import Realization, Status, Transition
from kinerja.planning.models import Agreement, Target

TODAY = date(2026, 11, 25)
YEAR = 2026  # under the successor decree 2025-2029 the demo applies through the review
SEED_YEAR = 2024  # the seed decree's last year, loaded as history


@pytest.fixture(scope="module")
def demo(django_db_setup, django_db_blocker, tmp_path_factory):
    var = tmp_path_factory.mktemp("var")
    with django_db_blocker.unblock(), override_settings(VAR_DIR=var), transaction.atomic():
        out = StringIO()
        result = demo_load(today=TODAY, stdout=out)
        yield SimpleNamespace(result=result, output=out.getvalue(), var=var)
        transaction.set_rollback(True)


def _active(day: date = TODAY):
    """Assignments in the main (Sampang) agency; the second, small agency is checked apart."""
    return Assignment.objects.active_on(day).filter(position__decree__agency__region=SAMPANG)


def _decree(year: int = YEAR):
    from kinerja.catalog.models import Agency
    from kinerja.catalog.selectors import decree_in_force

    return decree_in_force(Agency.objects.get(region=SAMPANG), year)


SAMPANG = "Kabupaten Sampang"


@pytest.mark.django_db
def test_every_position_is_held_and_one_by_a_plt(demo):
    assert demo.result.created and demo.result.year == YEAR
    assert _decree().number == "188/512/KEP/434.206/2025" and _decree(2024) != _decree()
    positions = Position.objects.filter(decree=_decree())
    assert positions.filter(listed=True).count() == 24
    held = set(_active().values_list("position_id", flat=True))
    assert set(positions.values_list("pk", flat=True)) <= held  # incl. the head
    plt = _active().filter(kind=Assignment.Kind.PLT)
    assert plt.count() == 1
    assert not _active().filter(position=plt.get().position, kind="definitif").exists()
    # the Plt.'s predecessor, and each of the 26 held at the end of 2024, carried to 2025
    ended = Assignment.objects.exclude(ends_on=None).filter(
        position__decree__agency__region=SAMPANG
    )
    assert ended.count() == 1 + 25
    assert ended.filter(ends_on=date(2024, 12, 31)).count() == 25
    assert _active(date(2024, 6, 30)).filter(position__decree=_decree(2024)).count() == 25
    head = _active().get(position__is_head=True).employee
    assert head.grade == "IV/c"


@pytest.mark.django_db
def test_nips_are_valid_and_grades_fit_the_level(demo):
    head = Position.objects.get(is_head=True, decree=_decree())
    for a in _active().select_related("employee", "position"):
        nip = parse_nip(a.employee.nip)
        assert nip.appointed[0] - nip.birth_date.year >= 18
        position, grade = a.position, a.employee.grade
        if position.is_head:
            assert grade == "IV/c"
        elif position.supervisor_id == head.pk:
            assert grade in {"IV/a", "IV/b"}
        elif position.name.startswith(("Kepala Seksi", "Kepala Sub Bagian")):
            assert grade in {"III/d", "IV/a"}
        else:
            assert grade in {"II/c", "II/d", "III/a", "III/b", "III/c"}
    nips = list(_active().values_list("employee__nip", flat=True))
    assert len(set(nips)) == len(nips) - 1  # the Plt. also holds his own position


@pytest.mark.django_db
def test_every_staff_position_has_a_supervisor_set_with_audit(demo):
    assert not Position.objects.filter(is_head=False, supervisor=None).exists()  # both agencies
    mutasi = Position.objects.get(key="pengolah-mutasi-penduduk", decree=_decree(2024))
    assert mutasi.supervisor.key == "kepala-seksi-pindah-datang-dan-pendataan-penduduk"
    audited = AuditEntry.objects.filter(action="jabatan.atasan")
    assert audited.count() == 11
    assert audited.filter(object_id=str(mutasi.pk)).exists()


@pytest.mark.django_db
def test_logins_are_linked_to_their_positions(demo):
    expected = {
        "kepala": "Kepala Dinas",
        "atasan": "Kepala Bidang Pelayanan Pendaftaran Penduduk",
        "pegawai": "Kepala Seksi Identitas Penduduk dan Identitas Kependudukan Digital",
        "staf": "Pengolah Mutasi Penduduk",
        "perencana": "Kepala Sub Bagian Perencanaan dan Keuangan",
        "operator": "Pengelola Data",
    }
    for username, position in expected.items():
        user = User.objects.get(username=username)
        assert _active().get(employee=user.employee_id).position.name == position
    assert User.objects.get(username="admin").is_superuser
    logins = {login.username: login for login in demo.result.logins}
    assert set(logins) == {"admin", "inspektorat", "kepala-bangkalan", *expected}
    roles = {
        u: set(User.objects.get(username=u).agency_roles.values_list("role", flat=True))
        for u in logins
    }
    assert roles["admin"] == {"administrator"} and roles["perencana"] == {"perencana"}
    assert roles["operator"] == {"operator"} and roles["inspektorat"] == {"inspektorat"}
    assert roles["kepala"] == set() and roles["pegawai"] == set()
    assert "memverifikasi bawahan" in logins["atasan"].can
    assert "hanya baca" in logins["inspektorat"].can
    stored = dict(
        line.split(" ", 1)
        for line in (demo.var / "demo-accounts.txt").read_text().split("\n")
        if line
    )
    assert (demo.var / "demo-accounts.txt").stat().st_mode & 0o777 == 0o600
    for username, login in logins.items():
        assert stored[username] == login.password
        assert User.objects.get(username=username).check_password(login.password)
    pegawai = _active().get(employee__user__username="pegawai").position
    atasan = _active().get(employee__user__username="atasan").position
    assert pegawai.supervisor_id == atasan.pk


@pytest.mark.django_db
def test_targets_for_every_indicator_and_year(demo):
    seed = Indicator.objects.filter(goal__position__decree=_decree(2024)).count()
    indicators = Indicator.objects.filter(goal__position__decree=_decree()).count()
    assert (seed, indicators) == (142, 143)  # the successor adds two and drops one
    renstra = Target.objects.filter(
        plan="renstra", quarter=0, indicator__goal__position__decree__agency__region=SAMPANG
    )
    for year in range(2019, 2025):
        assert renstra.filter(year=year).count() == seed
    for year in range(2025, 2030):
        assert renstra.filter(year=year).count() == indicators
    ktp = Indicator.objects.get(
        name="Persentase penduduk ber KTP-el", goal__position__decree=_decree(2024)
    )
    path = list(renstra.filter(indicator=ktp).order_by("year").values_list("value", flat=True))
    assert path == sorted(path) and path[0] == 90 and path[-1] == 97
    renja = Target.objects.filter(
        plan="renja",
        year=YEAR,
        quarter=0,
        indicator__goal__position__decree__agency__region=SAMPANG,
    )
    assert renja.count() == indicators
    for t in renja.select_related("indicator"):
        assert t.value == renstra.get(indicator=t.indicator, year=YEAR).value
    quarters = Target.objects.filter(plan="renja", quarter__gt=0)
    assert quarters.count() % 4 == 0 and quarters.exists()


@pytest.mark.django_db
def test_a_signed_pk_for_every_structural_position_and_the_head(demo):
    """Structural positions and the head sign a PK; staff have an SKP (issue #12)."""
    structural = Position.objects.filter(decree=_decree()).filter(
        Q(name__startswith="Kepala") | Q(name__startswith="Sekretaris")
    )
    signed = Agreement.objects.filter(year=YEAR, status="signed")
    assert set(signed.values_list("position", flat=True)) == set(
        structural.values_list("pk", flat=True)
    )
    assert signed.count() == 14
    head_pk = signed.get(position__is_head=True)
    assert head_pk.second_party is None and head_pk.second_party_title == "Bupati Sampang"
    assert head_pk.second_party_name and head_pk.items.count() > 0
    assert head_pk.first_party == _active().get(position__is_head=True).employee
    assert not signed.filter(items__target_value=None).exists()
    assert set(signed.values_list("signed_at", flat=True)) == {"Sampang"}
    assert all(d.month == 1 and d.weekday() < 5 for d in signed.values_list("signed_on", flat=True))
    assert signed.filter(first_party_acting="Plt.").count() == 1


@pytest.mark.django_db
def test_realizations_mix_statuses_and_missing_months(demo):
    rows = Realization.objects.filter(year=YEAR, position__decree__agency__region=SAMPANG)
    statuses = {s: rows.filter(status=s).count() for s in Status.values}
    assert statuses[Status.VERIFIED] > 0.9 * rows.count()
    assert statuses[Status.SUBMITTED] >= 8 and statuses[Status.RETURNED] >= 3
    assert 1_000 < rows.count() < 143 * 9  # through the last full quarter; some missing
    assert not rows.filter(period__gt=9, frequency="monthly").exists()
    for earlier in (SEED_YEAR, 2025):  # earlier years: every month, all verified
        past = Realization.objects.filter(year=earlier, position__decree__agency__region=SAMPANG)
        assert past.filter(period=12).exists()
        assert set(past.values_list("status", flat=True)) == {Status.VERIFIED}
    returned = Transition.objects.filter(to_status=Status.RETURNED)
    assert returned.count() == statuses[Status.RETURNED] and "" not in {r.reason for r in returned}
    ktp = rows.get(indicator__register_figure="ktp_el", period=6)
    # month-end figures from the demo register (its size is a setting), not a fixed population
    assert ktp.denominator > 0 and 0.93 < ktp.numerator / ktp.denominator < 0.99
    served = Realization.objects.filter(
        year=2025, indicator__name="Jumlah pelayanan KTP yang dilaksanakan"
    )
    total = sum(r.value for r in served)
    annual = Target.objects.get(indicator=served[0].indicator, plan="renja", year=2025, quarter=0)
    assert 0.85 < total / annual.value < 1.15


@pytest.mark.django_db
def test_atasan_has_the_pegawai_months_in_the_inbox(demo):
    atasan = User.objects.get(username="atasan")
    pegawai_position = _active().get(employee__user__username="pegawai").position_id
    pending = Realization.objects.filter(position=pegawai_position, status=Status.SUBMITTED)
    assert pending.count() >= 3
    access = access_for(atasan)
    assert all(access.can_verify(r.position_id) for r in pending)
    assert not access_for(User.objects.get(username="pegawai")).can_verify(pegawai_position)
    assert Realization.objects.filter(position=pegawai_position, status=Status.RETURNED).exists()


@pytest.mark.django_db
def test_no_link_or_control_shown_to_a_demo_role_fails(demo):
    """Issue #12: log in as each demo role, follow every link and submit every form shown
    (forms in a rolled-back savepoint): nothing answers 403, 404 or 500. A few pages per URL
    pattern keep this quick; KINERJA_WALK_FULL=1 follows every position's pages."""
    full = bool(os.environ.get("KINERJA_WALK_FULL"))
    failures, seen = {}, {}
    for login in demo.result.logins:
        client = Client()
        client.force_login(User.objects.get(username=login.username))
        result = walk(client, full=full)
        seen[login.username] = (result.pages, result.forms)
        if result.failures:
            failures[login.username] = result.summary()
    print("walk (pages, forms) per login:", seen)
    assert not failures, "\n".join(f"== {u}\n{s}" for u, s in failures.items())
    assert all(pages >= 10 for pages, _ in seen.values()), seen


@pytest.mark.django_db
def test_second_run_changes_nothing_and_the_command_prints_the_logins(demo, settings, tmp_path):
    def counts():
        return {m._meta.label: m.objects.count() for m in apps.get_models()}

    # The command adds the demo's synthetic register once; after that, nothing changes.
    settings.KINERJA_POPULATION_DIR = tmp_path
    settings.KINERJA_DEMO_RESIDENTS = 2_000
    call_command("demo", stdout=StringIO())
    before = counts()
    last_audit = AuditEntry.objects.order_by("-pk").first().pk
    out = StringIO()
    call_command("demo", stdout=out)
    assert counts() == before
    assert AuditEntry.objects.order_by("-pk").first().pk == last_audit
    text = out.getvalue()
    assert "sudah ada" in text
    for login in demo.result.logins:
        line = next(line for line in text.splitlines() if f" {login.username} " in line)
        assert login.password in line and login.role in line
    assert "Kepala Seksi Identitas Penduduk dan Identitas" in text and "Kata sandi" in text
    # header and one row each, plus a "dapat: ..." line per login
    assert text.count("\n  ") == 2 * len(demo.result.logins) + 1
    assert "Akun demo" in demo.output  # the first run printed the same table
