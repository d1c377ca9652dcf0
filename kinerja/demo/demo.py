"""The demo data behind ``kinerja demo``: the Sampang decree filled with fictional people, targets,
signed Perjanjian Kinerja and a year of realizations in every workflow state.

Every write goes through the services, so the demo is audited like real data; entry and
verification are done as the holders and supervisors themselves, so the access rules are
exercised too. Loading happens once, in one transaction: when the agency already has employees
nothing is written and only the logins are printed again.
"""

from __future__ import annotations

import json
import random
import secrets
from dataclasses import dataclass, field
from datetime import date, timedelta
from decimal import Decimal
from time import perf_counter
from typing import Any

from django.db import transaction
from django.db.models import Count

from kinerja.accounts.models import Assignment, Employee, RegionalHead, User
from kinerja.accounts.permissions import pk_required
from kinerja.accounts.services import (
    assignment_create,
    assignment_end,
    demo_admin_ensure,
    employee_save,
    role_grant,
)
from kinerja.audit.models import AuditEntry
from kinerja.audit.services import audit_record
from kinerja.catalog.models import CatalogReview, Decree, Goal, Indicator, Position
from kinerja.catalog.review_services import review_apply, review_create
from kinerja.catalog.selectors import decree_in_force
from kinerja.catalog.services import SEED_PATH, catalog_import, load_document
from kinerja.demo.demo_figures import (
    monthly_counts,
    monthly_rates,
    quarter_split,
    rate_profile,
    renstra_targets,
)
from kinerja.demo.demo_logins import (
    AGENCY_ROLES,
    HEAD,
    OTHER_AGENCY_LOGIN,
    ROLE_ONLY,
    ROLES,
    DemoLogin,
    logins,
    print_logins,
    read_credentials,
    write_credentials,
)
from kinerja.demo.demo_people import PeopleFactory, Person
from kinerja.demo.demo_realizations import enter_realizations, last_month
from kinerja.demo.demo_register import register_values
from kinerja.demo.demo_strategy import load_strategy
from kinerja.demo.demo_successor import successor_document
from kinerja.measurement.models import Realization
from kinerja.planning.models import Agreement, Target
from kinerja.planning.services import agreement_create, agreement_sign, target_set

PLACE = "Sampang"
KASI_PIAK = "kepala-seksi-pengelolaan-informasi-administrasi-kependudukan"
# Staff positions whose supervisor the decree does not state, by what their indicators are about.
STAFF_SUPERVISORS = {
    "pengemudi": "kepala-sub-bagian-umum-dan-kepegawaian",
    "analis-data-dan-informasi": "kepala-sub-bagian-umum-dan-kepegawaian",
    "pengelola-data": "kepala-sub-bagian-umum-dan-kepegawaian",
    # Sekretariat correspondence and inventory work (its namesake "-2" works on SIAK).
    "analis-pengembangan-teknologi": "kepala-sub-bagian-umum-dan-kepegawaian",
    "penyusun-program-anggaran-dan-pelaporan": "kepala-sub-bagian-perencanaan-dan-keuangan",
    "penata-laporan-keuangan": "kepala-sub-bagian-perencanaan-dan-keuangan",
    "pengolah-mutasi-penduduk": "kepala-seksi-pindah-datang-dan-pendataan-penduduk",
    "analis-kependudukan-dan-pencatatan-sipil": "kepala-seksi-kelahiran-dan-kematian",
    "analis-pengembangan-teknologi-2": KASI_PIAK,
    "pengolah-data-seksi-pengelolaan-informasi": KASI_PIAK,
    "jft-pranata-komputer": KASI_PIAK,
}
# An acting holder: the definitive holder moved away; a fellow Kasi of the same bidang acts.
PLT_POSITION = "kepala-seksi-kerjasama-dan-inovasi-pelayanan"
PLT_HOLDER = KASI_PIAK
# Flow counts with a rencana aksi per quarter.
QUARTERLY_POSITIONS = {
    "kepala-seksi-identitas-penduduk",
    "kepala-seksi-pindah-datang-dan-pendataan-penduduk",
}


@dataclass
class DemoResult:
    created: bool
    year: int
    logins: list[DemoLogin] = field(default_factory=list)
    counts: dict[str, int] = field(default_factory=dict)
    seconds: float = 0.0


def demo_load(*, today: date, stdout: Any) -> DemoResult:
    """Load the demo once (idempotent) and print the logins; see the module docstring."""
    started = perf_counter()
    known = read_credentials()
    before = dict(known)
    with transaction.atomic():
        decree = _seed_decree(stdout)
        admin, password = demo_admin_ensure(username="admin", password=known.get("admin"))
        if password:
            known["admin"] = password
        year = max(min(today.year, decree.period_end), decree.period_start)
        result = DemoResult(created=False, year=year)
        existing = Employee.objects.filter(agency=decree.agency).count()
        if existing:
            stdout.write(f"Data demo sudah ada ({existing} pegawai); tidak ada yang diubah.")
        else:
            stdout.write(f"Memuat data demo tahun {year} ...")
            loader = _Loader(
                decree=decree, admin=admin, today=today, year=year, known=known, stdout=stdout
            )
            loader.run()
            successor = _successor_decree(decree, loader.perencana, stdout)
            if successor is not None and successor.period_start <= today.year:
                years = range(successor.period_start, min(today.year, successor.period_end) + 1)
                stdout.write(f"Memuat data demo tahun {years[0]}-{years[-1]} ...")
                loader.run_successor(successor, years)
                result.year = years[-1]
            result.created = True
        load_strategy(agency=decree.agency, today=today, stdout=stdout)  # Renstra, budget (#14)
        decree = decree_in_force(decree.agency, result.year) or decree
    if known != before:
        write_credentials(known)
    result.seconds = perf_counter() - started
    result.counts = _counts(decree)
    if result.created:
        c = result.counts
        stdout.write(
            f"  {c['pegawai']} pegawai, {c['penugasan']} penugasan, {c['target']} target, "
            f"{c['pk']} PK ditandatangani, {c['realisasi']} realisasi "
            f"({c['verified']} terverifikasi, {c['submitted']} menunggu verifikasi, "
            f"{c['returned']} dikembalikan, {c['draft']} konsep), "
            f"{result.seconds:.1f} detik."
        )
    result.logins = logins(decree, known, today)
    print_logins(stdout, result.logins)
    return result


def _successor_decree(seed: Decree, perencana: User, stdout: Any) -> Decree | None:
    """The 2025-2029 revision of the seed, uploaded and applied through the review as the
    perencana would (demo_successor.py says what it changes)."""
    document, _sha = load_document(SEED_PATH.read_bytes())
    head = (
        Assignment.objects.active_on(date(seed.period_end, 12, 31))
        .filter(position__decree=seed, position__is_head=True)
        .select_related("employee")
        .first()
    )
    signatory = {
        "name": head.employee.full_name if head else None,
        "nip": head.employee.nip if head else None,
        "rank": None,
        "title": f"Kepala {seed.agency.name} {seed.agency.region}",
        "acting": None,
    }
    raw = json.dumps(successor_document(document, signatory=signatory)).encode()
    review = review_create(
        actor=perencana,
        base=seed,
        raw=raw,
        filename="keputusan-iki-2025-2029.json",
        kind=CatalogReview.Kind.SUCCESSOR,
    )
    decree = review_apply(actor=perencana, review=review)
    stdout.write(f"Keputusan {decree.number}: diterapkan lewat tinjauan #{review.pk}.")
    return decree


def _seed_decree(stdout: Any) -> Decree:
    """Import the seed decree unless it is there already (an amended catalog is left alone)."""
    document, sha = load_document(SEED_PATH.read_bytes())
    d = document["decree"]
    decree = Decree.objects.filter(
        agency__name=d["agency"], agency__region=d["region"], number=d["number"]
    ).first()
    if decree is None:
        decree = catalog_import(document=document, source_sha256=sha, actor="kinerja demo").decree
        stdout.write(f"Keputusan {decree.number}: dimuat.")
    else:
        stdout.write(f"Keputusan {decree.number}: sudah ada.")
    return decree


class _Loader:
    def __init__(
        self,
        *,
        decree: Decree,
        admin: User,
        today: date,
        year: int,
        known: dict,
        stdout: Any = None,
    ):
        self.decree, self.admin, self.today, self.year = decree, admin, today, year
        self.stdout = stdout
        self.register: dict[str, list] = {}
        self.known = known
        self.holder: dict[int, Employee] = {}  # position id -> employee acting for it today
        self.users: dict[int, User] = {}  # employee id -> user
        self.rng = random.Random(2019)
        self.use_decree(decree)

    def use_decree(self, decree: Decree) -> None:
        """Work on this decree's positions; the demo's constants name positions by stable key,
        which a successor decree keeps for the jabatan it continues (even renamed)."""
        self.decree = decree
        self.positions = list(
            decree.positions.select_related("decree__agency", "supervisor").order_by("order")
        )
        self.by_key = {p.stable_key: p for p in self.positions}
        self.head = next(p for p in self.positions if p.is_head)

    def run(self) -> None:
        self.supervisors()
        self.people()
        self.accounts()
        self.roles()
        self.targets()
        self.agreements()
        _other_agency(self.admin, self.known, self.year)
        verifiers = {
            p.pk: self.users[self.holder[p.supervisor_id].pk]
            for p in self.positions
            if p.supervisor_id
        }
        holders = {pid: self.users[e.pk] for pid, e in self.holder.items()}
        current = self.year >= self.today.year
        if current:
            self.register = register_values(
                agency=self.decree.agency,
                year=self.year,
                through=last_month(self.year, self.today),
                stdout=self.stdout,
                today=self.today,
            )
        enter_realizations(
            indicators=self.indicators,
            holders=holders,
            verifiers=verifiers,
            year=self.year,
            today=self.today,
            values=self.values,
            scenarios=current,
        )

    def run_successor(self, decree: Decree, years: range) -> None:
        """The successor decree's years up to today: targets, signed PKs and realizations under
        the holders the review carried over (an earlier year all verified, this year in every
        workflow state)."""
        self.use_decree(decree)
        self.users = {u.employee_id: u for u in User.objects.filter(employee__isnull=False)}
        self.targets(renja_years=years)
        for year in years:
            self.year = year
            day = min(self.today, date(year, 12, 31))
            self.holder = {
                a.position_id: a.employee
                for a in Assignment.objects.active_on(day)
                .filter(position__decree=decree)
                .select_related("employee")
                .order_by("kind")  # a Plt. after the definitive holder: the acting one wins
            }
            self.agreements()
            verifiers = {
                p.pk: self.users[self.holder[p.supervisor_id].pk]
                for p in self.positions
                if p.supervisor_id and p.supervisor_id in self.holder
            }
            holders = {pid: self.users[e.pk] for pid, e in self.holder.items()}
            current = year >= self.today.year
            self.register = {}
            if current:
                self.register = register_values(
                    agency=decree.agency,
                    year=year,
                    through=last_month(year, self.today),
                    stdout=self.stdout,
                    today=self.today,
                )
            enter_realizations(
                indicators=self.indicators,
                holders=holders,
                verifiers=verifiers,
                year=year,
                today=self.today,
                values=self.values,
                scenarios=current,
            )

    def key_of(self, position: Position) -> str:
        return HEAD if position.is_head else position.key

    def supervisors(self) -> None:
        """The decree is silent on the supervisor of most staff positions: set one, audited."""
        fallback = self.by_key.get("sekretaris", self.head)
        for position in self.positions:
            if position.is_head or position.supervisor_id:
                continue
            supervisor = self.by_key.get(STAFF_SUPERVISORS.get(position.key, ""), fallback)
            position.supervisor = supervisor
            position.save(update_fields=["supervisor"])
            audit_record(
                actor=self.admin,
                action="jabatan.atasan",
                obj=position,
                before={"supervisor": None},
                after={"supervisor": supervisor.pk, "supervisor_name": supervisor.name},
                reason="Keputusan tidak menyebut atasan jabatan ini; ditetapkan untuk data demo.",
            )

    def _level(self, position: Position) -> str:
        if position.is_head:
            return "head"
        if position.supervisor_id == self.head.pk:
            return "eselon3"
        return "eselon4" if position.name.startswith("Kepala ") else "staff"

    def _employee(self, person: Person) -> Employee:
        return employee_save(
            actor=self.admin,
            agency=self.decree.agency,
            nip=person.nip,
            name=person.name,
            front_title=person.front_title,
            back_title=person.back_title,
            grade=person.grade,
        )

    def people(self) -> None:
        """One definitive holder per position, except the Plt. position (see PLT_POSITION)."""
        factory = PeopleFactory(2019, latest_year=self.year - 1)
        for n, position in enumerate(self.positions, start=1):
            male = self.key_of(position) in {HEAD, "kepala-seksi-identitas-penduduk"}
            person = factory.person(
                self._level(position),
                female=False if male else None,
                plain=position.key == "pengemudi",
            )
            employee = self._employee(person)
            years_ago = 4 if position.key == PLT_POSITION else self.rng.randint(1, 5)
            start = date(self.year - years_ago, self.rng.randint(1, 12), self.rng.randint(1, 28))
            start = max(start, person.appointed)
            assignment = assignment_create(
                actor=self.admin,
                employee=employee,
                position=position,
                starts_on=start,
                reference=f"821.2/{n:03d}/434.013/{start.year}",
            )
            self.holder[position.pk] = employee
            if position.key == PLT_POSITION:  # moved to another agency before the demo year
                moved = date(self.year - 1, 10, 31)
                assignment_end(
                    actor=self.admin,
                    assignment=assignment,
                    ends_on=moved,
                    reason="Dimutasi ke perangkat daerah lain.",
                )
        acting_for, acting = self.by_key.get(PLT_POSITION), self.by_key.get(PLT_HOLDER)
        if acting_for and acting:
            start = date(self.year - 1, 11, 1)
            assignment_create(
                actor=self.admin,
                employee=self.holder[acting.pk],
                position=acting_for,
                kind=Assignment.Kind.PLT,
                starts_on=start,
                reference=f"800.1.3/{self.rng.randint(100, 999)}/434.013/{start.year}",
                reason="Jabatan lowong; dirangkap oleh kepala seksi dalam bidang yang sama.",
            )
            self.holder[acting_for.pk] = self.holder[acting.pk]

    def accounts(self) -> None:
        """A user for every holder: the demo logins get passwords, the rest log in nowhere but
        act in the demo (entry, verification) as themselves."""
        role_of: dict[int, str] = {}
        for role, key in ROLES.items():
            position = self.head if key == HEAD else self.by_key.get(key)
            if position is not None:
                role_of[self.holder[position.pk].pk] = role
        for employee in dict.fromkeys(self.holder.values()):
            username = role_of.get(employee.pk, employee.nip)
            user = User.objects.filter(username=username).first()
            if user is None:
                password = None
                if username in ROLES:
                    password = self.known.get(username) or secrets.token_urlsafe(9)
                    self.known[username] = password
                user = User.objects.create_user(
                    username=username,
                    password=password,
                    first_name=employee.name[:150],
                    employee=employee,
                )
            elif user.employee_id is None:
                user.employee = employee
                user.save(update_fields=["employee"])
            self.users[employee.pk] = user

    def roles(self) -> None:
        """The agency roles of the demo accounts, an account for the Inspektorat, and the Bupati
        who signs the head's PK."""
        for username in ROLE_ONLY:
            if not User.objects.filter(username=username).exists():
                password = self.known.get(username) or secrets.token_urlsafe(9)
                self.known[username] = password
                User.objects.create_user(
                    username=username, password=password, first_name="Auditor Inspektorat"
                )
        agency = self.decree.agency
        for username, roles in AGENCY_ROLES.items():
            user = User.objects.filter(username=username).first()
            for role in roles if user else []:
                role_grant(actor=self.admin, user=user, agency=agency, role=role)
        RegionalHead.objects.get_or_create(
            agency=agency,
            name="H. Moh. Syafi'i, S.H., M.Si.",
            defaults={"starts_on": date(self.decree.period_start, 2, 20)},
        )
        self.perencana = User.objects.get(username="perencana")

    def targets(self, renja_years: range | None = None) -> None:
        """Renstra for every year of the period, Renja for the demo years, a few quarters."""
        renja_years = renja_years or range(self.year, self.year + 1)
        self.indicators = list(
            Indicator.objects.filter(goal__position__decree=self.decree)
            .select_related("goal__position__decree__agency")
            .order_by("goal__position__order", "goal__order", "order")
        )
        years = range(self.decree.period_start, self.decree.period_end + 1)
        self.renstra: dict[int, dict[int, Decimal]] = {}
        for indicator in self.indicators:
            count = indicator.kind == Indicator.Kind.COUNT
            path = renstra_targets(indicator.name, percentage=not count, years=years)
            self.renstra[indicator.pk] = path
            plans = [(Target.Plan.RENSTRA, y, 0, v) for y, v in path.items()]
            for year in renja_years:
                plans.append((Target.Plan.RENJA, year, 0, path[year]))
                if (
                    count
                    and indicator.aggregation == Indicator.Aggregation.FLOW
                    and indicator.goal.position.stable_key in QUARTERLY_POSITIONS
                ):
                    quarters = quarter_split(int(path[year]))
                    plans += [(Target.Plan.RENJA, year, q, v) for q, v in enumerate(quarters, 1)]
            ranged = indicator.polarity == Indicator.Polarity.RANGE
            for plan, year, quarter, value in plans:
                target_set(
                    actor=self.admin,
                    indicator=indicator,
                    year=year,
                    plan=plan,
                    quarter=quarter,
                    value=value,
                    value_max=value * Decimal("1.1") if ranged else None,
                    check_access=False,
                )

    def agreements(self) -> None:
        """Signed PKs for the demo year, in the first working days of January, top down."""
        with_goals = set(
            Goal.objects.filter(position__decree=self.decree).values_list("position", flat=True)
        )
        for position in self.positions:
            if not (position.pk in with_goals or position.is_head) or not pk_required(position):
                continue  # staff have an SKP, not a PK
            level = self._level(position)
            signed_on = _working_day(self.year, {"eselon3": 0, "eselon4": 1}.get(level, 2))
            agreement = agreement_create(
                actor=self.admin,
                position=position,
                year=self.year,
                day=signed_on,
                check_access=False,
            )
            # The second party records the signing; for the head (whose second party is the
            # Bupati), and where the second party is the first party's own Plt., the perencana.
            second = agreement.second_party
            signer = self.users.get(second.pk) if second else None
            agreement_sign(
                actor=signer or self.perencana,
                agreement=agreement,
                signed_on=signed_on,
                signed_at=PLACE,
                today=self.today,
            )

    def values(self, indicator: Indicator) -> list[tuple[Any, Any, Any]]:
        """Twelve (numerator, denominator, value) triples for the demo year: the register's
        month-end figures for the indicators computed from it, plausible made-up ones else."""
        if indicator.register_figure in self.register:
            return self.register[indicator.register_figure]
        goal = indicator.goal
        rng = random.Random(f"{goal.position.key}/{goal.order}/{indicator.order}/{self.year}")
        path = self.renstra[indicator.pk]
        if indicator.kind == Indicator.Kind.COUNT:
            level = int(path[self.year])
            if indicator.aggregation == Indicator.Aggregation.STOCK:  # the same state each month
                dip = rng.randrange(12) if level > 1 and rng.random() < 0.3 else None
                return [(None, None, level - (m == dip)) for m in range(12)]
            return [(None, None, v) for v in monthly_counts(level, rng)]
        rate = rate_profile(indicator.name)
        before = path.get(self.year - 1)
        previous = float(before) if before is not None else rate.first - 2
        pairs = monthly_rates(
            rate,
            previous=previous,
            target=float(path[self.year]),
            stock=indicator.aggregation == Indicator.Aggregation.STOCK,
            rng=rng,
        )
        return [(n, d, None) for n, d in pairs]


OTHER_REGION = "Kabupaten Bangkalan"
OTHER_KEYS = ["kepala-bidang-pelayanan-pendaftaran-penduduk", "kepala-seksi-identitas-penduduk"]


def _other_agency(admin: User, known: dict, year: int) -> None:
    """A second, small agency (the same kind of office in the next kabupaten: a Kabid and a Kasi
    under their head), so that the demo shows that nobody of one reads the other."""
    document, sha = load_document(SEED_PATH.read_bytes())
    document["decree"]["region"] = OTHER_REGION
    document["decree"]["number"] = "800/112/KEP/433.102/2019"
    document["decree"]["title"] = document["decree"]["title"].replace("Sampang", "Bangkalan")
    document["positions"] = [p for p in document["positions"] if p["key"] in OTHER_KEYS]
    document["warnings"] = []
    decree = catalog_import(document=document, source_sha256=sha, actor="kinerja demo").decree
    factory = PeopleFactory(433, latest_year=year - 1)
    for n, position in enumerate(decree.positions.order_by("-is_head", "order"), start=1):
        level = "head" if position.is_head else ("eselon3" if n == 2 else "eselon4")
        person = factory.person(level)
        employee = employee_save(
            actor=admin,
            agency=decree.agency,
            nip=person.nip,
            name=person.name,
            front_title=person.front_title,
            back_title=person.back_title,
            grade=person.grade,
        )
        assignment_create(
            actor=admin,
            employee=employee,
            position=position,
            starts_on=max(date(year - 2, 3, 1), person.appointed),
        )
        if position.is_head and not User.objects.filter(username=OTHER_AGENCY_LOGIN).exists():
            password = known.get(OTHER_AGENCY_LOGIN) or secrets.token_urlsafe(9)
            known[OTHER_AGENCY_LOGIN] = password
            User.objects.create_user(
                username=OTHER_AGENCY_LOGIN,
                password=password,
                first_name=employee.name[:150],
                employee=employee,
            )


def _working_day(year: int, nth: int) -> date:
    """The nth working day (0-based) of January after New Year's Day."""
    day = date(year, 1, 2)
    while True:
        if day.weekday() < 5:
            if nth == 0:
                return day
            nth -= 1
        day += timedelta(days=1)


def _counts(decree: Decree) -> dict[str, int]:
    agency = decree.agency
    realizations = Realization.objects.filter(position__decree__agency=agency)
    statuses = dict(realizations.order_by().values_list("status").annotate(n=Count("pk")))
    return {
        "pegawai": Employee.objects.filter(agency=decree.agency).count(),
        "penugasan": Assignment.objects.filter(position__decree__agency=agency).count(),
        "target": Target.objects.filter(indicator__goal__position__decree__agency=agency).count(),
        "pk": Agreement.objects.filter(position__decree__agency=agency, status="signed").count(),
        "realisasi": sum(statuses.values()),
        **{s: statuses.get(s, 0) for s in ("verified", "submitted", "returned", "draft")},
        "audit": AuditEntry.objects.count(),
    }
