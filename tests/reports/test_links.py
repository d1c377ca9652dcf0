"""Links to documents on existing pages appear only for those whom the download serves."""

from __future__ import annotations

import re

from data import YEAR, signed_pk, targets, workbook
from django.urls import resolve, reverse


def _links(html: str) -> list[str]:
    return [h.replace("&amp;", "&") for h in re.findall(r'href="(/laporan/[^"]+)"', html)]


def test_position_page_links_work_for_the_holder(client, org):
    kasi = org.pos["kasi"]
    client.force_login(org.kasi)
    page = client.get(reverse("measurement:position_year", args=[kasi.pk, YEAR]))
    links = _links(page.content.decode())
    assert any("/xlsx/" in link for link in links) and len(links) == 3
    for link in links:
        if not link.endswith("/pdf/"):  # the PDF is read in test_action_plan
            assert client.get(link).status_code == 200, link


def test_agreement_page_links(client, org):
    targets(org.pos["kasi"])
    pk = signed_pk(org, "kasi")
    client.force_login(org.kabid)
    links = _links(client.get(reverse("planning:agreement", args=[pk.pk])).content.decode())
    assert links == [
        reverse("reports:agreement", args=[pk.pk, "pdf"]),
        reverse("reports:agreement", args=[pk.pk, "docx"]),
    ]
    assert client.get(links[1]).status_code == 200


def test_decree_page_links_only_for_agency_readers(client, org):
    url = reverse("catalog:decree_detail", args=[org.decree.pk])
    client.force_login(org.kasi)
    assert _links(client.get(url).content.decode()) == []
    client.force_login(org.head)
    links = set(_links(client.get(url).content.decode()))  # the menu may link documents too
    latest_url = reverse("reports:documents_latest", args=[org.agency.pk])
    assert links == {
        reverse("reports:decree", args=[org.decree.pk, "docx"]),
        reverse("reports:decree", args=[org.decree.pk, "pdf"]),
        latest_url,
    }
    latest = client.get(latest_url)
    assert latest.status_code == 302
    assert latest["Location"] == reverse("reports:documents", args=[org.agency.pk, 2024])
    page = client.get(latest["Location"]).content.decode()
    for link in _links(page):
        assert resolve(link.split("?")[0]).url_name in {
            "documents", "documents_latest", "evaluation", "unit_evaluation", "action_plan",
            "lkjip", "decree",
        }  # fmt: skip
    assert (
        client.get(reverse("reports:evaluation", args=[org.agency.pk, YEAR, 1, "xlsx"])).status_code
        == 200
    )


def test_agreement_list_xlsx_has_the_rows_the_page_shows(client, org):
    targets(org.pos["kasi"])
    pk = signed_pk(org, "kasi")
    client.force_login(org.kabid)
    page = client.get(reverse("planning:agreements") + "?tahun=2024").content.decode()
    link = _links(page)[0]
    assert link == reverse("reports:agreement_list") + "?tahun=2024"
    ws = workbook(client.get(link).content).active
    rows = [[c.value for c in r] for r in ws.iter_rows(min_row=3)]
    assert len(rows) == 1
    row = rows[0]
    assert row[0] == 2024 and row[1] == org.pos["kasi"].name and row[4] == org.emp["kasi"].nip
    assert row[5] == "Pegawai kabid" and row[7] == "Ditandatangani"
    assert row[8].date() == pk.signed_on and row[9] == "Sampang"
    client.force_login(org.outsider)
    assert client.get(link).status_code == 403
    client.force_login(org.other_kasi)  # sees the list, without the Kasi's PK
    ws = workbook(client.get(link).content).active
    assert [r for r in ws.iter_rows(min_row=3)] == []
