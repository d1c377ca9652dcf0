"""Every page answers 403 to those who may not read it (a changed agency id in the URL
included), shows edit forms only to the perencana, and every write refuses the others."""

import pytest
from strategy_data import YEAR, figures

from kinerja.catalog.models import Agency, Goal
from kinerja.strategy.models import CascadeLink, Iku, IkuTarget, Renstra
from kinerja.strategy.services import iku_save, renstra_save

PAGES = ["", "pohon/", "anggaran/", "catatan/?tw=2", "tahun-lalu/", "keputusan-iku/"]
POSTS = [
    "simpan/",
    "iku/",
    "impor/",
    "pohon/tautan/",
    "anggaran/impor/",
    "anggaran/tautan/",
    "catatan/simpan/",
    "tahun-lalu/simpan/",
]


@pytest.fixture
def plan(org):
    renstra = renstra_save(
        actor=org.admin, agency=org.agency, period_start=2024, period_end=2026, title="Renstra"
    )
    iku = iku_save(
        actor=org.admin,
        renstra=renstra,
        tujuan=("T1", "Tujuan satu"),
        sasaran=("S1", "Sasaran satu"),
        values={
            "code": "1",
            "name": "Persentase KTP-el",
            "satuan": "%",
            "responsible": "Sekretariat",
        },
        targets={2024: 97, 2025: 98, 2026: 99},
    )
    return renstra, iku


def test_pages_for_readers_and_403_for_the_others(org, plan, client):
    base = f"/renstra/{org.agency.pk}/{YEAR}/"
    for user, code in [
        (org.admin, 200),
        (org.kabid, 200),
        (org.head, 200),
        (org.kasi, 403),
        (org.outsider, 403),
    ]:
        client.force_login(user)
        for page in PAGES:
            assert client.get(base + page).status_code == code, (user.username, page)
    other = Agency.objects.create(name="Dinas Lain", region="Kabupaten Bangkalan")
    client.force_login(org.admin)
    assert client.get(f"/renstra/{other.pk}/{YEAR}/").status_code == 403
    assert client.get(f"/renstra/999999/{YEAR}/").status_code == 404
    assert client.get(f"/renstra/{org.agency.pk}/{YEAR}/catatan/?tw=5").status_code == 404


def test_writes_refuse_everyone_but_the_perencana(org, plan, client):
    base = f"/renstra/{org.agency.pk}/{YEAR}/"
    _renstra, iku = plan
    for user in (org.kabid, org.head, org.kasi):
        client.force_login(user)
        for post in [*POSTS, f"iku/{iku.pk}/"]:
            assert client.post(base + post, {}).status_code == 403, (user.username, post)
    other = Agency.objects.create(name="Dinas Lain", region="Kabupaten Bangkalan")
    client.force_login(org.admin)
    assert client.post(f"/renstra/{other.pk}/{YEAR}/simpan/", {}).status_code == 403


def test_edit_forms_only_for_the_perencana(org, plan, client):
    url = f"/renstra/{org.agency.pk}/{YEAR}/"
    client.force_login(org.kabid)
    html = client.get(url).content.decode()
    assert "Persentase KTP-el" in html and "Tambah atau ubah IKU" not in html
    client.force_login(org.admin)
    assert "Tambah atau ubah IKU" in client.get(url).content.decode()


def test_renja_target_and_cascade_link_through_the_pages(org, plan, client):
    _renstra, iku = plan
    figures(org.decree)
    base = f"/renstra/{org.agency.pk}/{YEAR}/"
    client.force_login(org.admin)
    client.post(base + f"iku/{iku.pk}/", {"target_year": "2024", "plan": "renja", "value": "97,5"})
    assert IkuTarget.objects.get(iku=iku, year=2024, plan="renja").value == 97.5
    response = client.post(
        base + f"iku/{iku.pk}/", {"target_year": "2031", "plan": "renja", "value": "1"}, follow=True
    )
    assert "tahun 2031 di luar periode Renstra 2024-2026" in response.content.decode()
    kabid_goal = Goal.objects.filter(position=org.pos["kabid"]).first()
    kasi_goal = Goal.objects.filter(position=org.pos["kasi"]).first()
    client.post(base + "pohon/tautan/", {"goal": kabid_goal.pk, "parent": f"iku-{iku.pk}"})
    client.post(base + "pohon/tautan/", {"goal": kasi_goal.pk, "parent": f"goal-{kabid_goal.pk}"})
    assert CascadeLink.objects.get(goal=kasi_goal).parent_goal == kabid_goal
    response = client.post(
        base + "pohon/tautan/",
        {"goal": kabid_goal.pk, "parent": f"goal-{kasi_goal.pk}"},
        follow=True,
    )
    assert "tautan ini membuat lingkaran" in response.content.decode()
    html = client.get(base + "pohon/").content.decode()
    assert (
        "Persentase KTP-el" in html
        and "IKU kantor yang belum didukung kinerja mana pun (0)" in html
    )
    assert Renstra.objects.count() == 1 and Iku.objects.count() == 1
