"""Finding 10: login throttling, Content-Security-Policy, no-store on private pages, a page to
change one's own password, sessions that end when idle, passwords like "staf1234" refused."""

import re
from pathlib import Path

import pytest
from django.conf import settings
from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError
from django.urls import reverse

LOGIN = "/masuk/"
TEMPLATES = Path(settings.PACKAGE_DIR)


@pytest.fixture
def official(db, django_user_model):
    return django_user_model.objects.create_user("staf", password="benar-sekali-77")


def _login(client, password, ip="10.0.0.7"):
    return client.post(LOGIN, {"username": "staf", "password": password}, REMOTE_ADDR=ip)


def test_wrong_passwords_lock_the_account_from_that_address(client, official):
    for _ in range(settings.AXES_FAILURE_LIMIT - 1):
        assert _login(client, "salah-salah").status_code == 200  # the form again, with an error
    assert _login(client, "salah-salah").status_code == 429  # the last allowed failure locks
    locked = _login(client, "benar-sekali-77")
    assert locked.status_code == 429
    assert "Terlalu banyak percobaan masuk" in locked.content.decode()
    assert "_auth_user_id" not in client.session
    # Another address is not locked out (offices share one NAT address: the pair is locked).
    assert _login(client, "benar-sekali-77", ip="10.0.0.8").status_code == 302


def test_admin_unlocks(client, official):
    from axes.utils import reset

    for _ in range(settings.AXES_FAILURE_LIMIT):
        _login(client, "salah-salah")
    assert _login(client, "benar-sekali-77").status_code == 429
    reset(username="staf")  # what the admin's delete of the attempt and the command do
    assert _login(client, "benar-sekali-77").status_code == 302


def test_right_password_logs_in_and_clears_failures(client, official):
    _login(client, "salah-salah")
    assert _login(client, "benar-sekali-77").status_code == 302


def test_csp_header_and_no_inline_script(staff_client):
    response = staff_client.get(reverse("web:home"))
    policy = response["Content-Security-Policy"]
    assert "script-src 'self'" in policy and "unsafe-inline" not in policy
    assert "frame-ancestors 'none'" in policy and "object-src 'none'" in policy
    inline_script = re.compile(r"<script(?![^>]*\bsrc=)[^>]*>", re.I)
    handler = re.compile(r"\son[a-z]+\s*=", re.I)
    style_attr = re.compile(r"\sstyle\s*=", re.I)
    for path in TEMPLATES.rglob("templates/**/*.html"):
        if "reports" in path.parts:
            continue  # documents rendered to PDF/DOCX on the server, never served as HTML
        text = path.read_text()
        assert not inline_script.search(text), path
        assert not handler.search(text), path
        assert not style_attr.search(text), path


def test_private_pages_are_no_store(staff_client, client):
    for response in (staff_client.get(reverse("web:home")), client.get(LOGIN)):
        assert "no-store" in response["Cache-Control"]
        assert "private" in response["Cache-Control"]


@pytest.mark.parametrize(
    "password", ["staf1234", "12345678901", "password123", "qwertyuiop", "sandi"]
)
def test_weak_passwords_refused(official, password):
    with pytest.raises(ValidationError):
        validate_password(password, official)


def test_test_and_demo_style_passwords_accepted(official):
    for password in ("benar-sekali-77", "sandi-rahasia-9", "rahasia-pegawai-1", "Xk3_9fQaLm2w"):
        validate_password(password, official)


def test_change_own_password(client, official):
    client.force_login(official)
    url = reverse("password_change")
    page = client.get(url)
    assert page.status_code == 200 and "Ubah kata sandi" in page.content.decode()
    weak = client.post(
        url,
        {
            "old_password": "benar-sekali-77",
            "new_password1": "staf1234",
            "new_password2": "staf1234",
        },
    )
    assert weak.status_code == 200
    official.refresh_from_db()
    assert official.check_password("benar-sekali-77")
    good = client.post(
        url,
        {
            "old_password": "benar-sekali-77",
            "new_password1": "Pelayanan-Prima-2024",
            "new_password2": "Pelayanan-Prima-2024",
        },
    )
    assert good.status_code == 302 and good["Location"] == reverse("password_change_done")
    official.refresh_from_db()
    assert official.check_password("Pelayanan-Prima-2024")
    assert client.get(reverse("web:home")).status_code == 200  # still signed in


def test_sessions_end_after_eight_idle_hours(client, official):
    assert settings.SESSION_COOKIE_AGE == 8 * 3600
    assert _login(client, "benar-sekali-77").status_code == 302
    assert 0 < client.session.get_expiry_age() <= 8 * 3600
    cookie = client.cookies[settings.SESSION_COOKIE_NAME]
    assert int(cookie["max-age"]) == 8 * 3600
