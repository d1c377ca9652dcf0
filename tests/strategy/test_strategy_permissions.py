"""The new actions (strategy.view, strategy.edit) and the navigation: the perencana edits;
pimpinan, the head, Kabid/Sekretaris and the inspektorat read; Kasi, staff and other agencies
get nothing."""

import pytest
from strategy_data import inspektorat, pimpinan

from kinerja.accounts.permissions import allowed_actions, can
from kinerja.catalog.models import Agency

NAV_LINK = 'href="/renstra/"'


@pytest.fixture
def readers(org):
    return {"pimpinan": pimpinan(org), "inspektorat": inspektorat(org)}


def test_who_reads_and_who_edits(org, readers):
    agency = org.agency
    table = {
        "admin": (True, True),  # perencana of the agency
        "head": (True, False),
        "kabid": (True, False),
        "kasi": (False, False),
        "other_kasi": (False, False),
        "staff": (False, False),
        "outsider": (False, False),
    }
    for name, (reads, edits) in table.items():
        user = org.users[name]
        assert can(user, "strategy.view", agency) is reads, name
        assert can(user, "strategy.edit", agency) is edits, name
        assert ("strategy.view" in allowed_actions(user, None)) is reads, name
    for name, user in readers.items():
        assert can(user, "strategy.view", agency), name
        assert not can(user, "strategy.edit", agency), name
    other = Agency.objects.create(name="Dinas Lain", region="Kabupaten Bangkalan")
    assert not can(org.head, "strategy.view", other)
    assert not can(org.admin, "strategy.edit", other)
    assert can(readers["inspektorat"], "strategy.view", other)  # reads every agency


def test_the_navigation_shows_the_pages_to_the_roles_that_use_them(org, readers, client):
    for user, shown in [
        (org.admin, True),
        (org.head, True),
        (org.kabid, True),
        (readers["pimpinan"], True),
        (readers["inspektorat"], True),
        (org.kasi, False),
        (org.staff, False),
    ]:
        client.force_login(user)
        html = client.get("/").content.decode()
        assert (NAV_LINK in html) is shown, user.username
