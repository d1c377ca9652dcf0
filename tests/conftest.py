"""Shared fixtures: the seed decree imported once per test that needs it, and named roles."""

import pytest

from kinerja.catalog.services import SEED_PATH, catalog_import, load_document


@pytest.fixture(scope="session")
def seed_bytes() -> bytes:
    return SEED_PATH.read_bytes()


@pytest.fixture
def seed_document(seed_bytes):
    document, _ = load_document(seed_bytes)
    return document


@pytest.fixture
def decree(db, seed_bytes):
    document, sha = load_document(seed_bytes)
    return catalog_import(document=document, source_sha256=sha, actor="fixture").decree


@pytest.fixture
def admin_user(db, django_user_model):
    return django_user_model.objects.create_superuser("admin", password="rahasia-admin-1")


@pytest.fixture
def staff_user(db, django_user_model):
    """An ordinary official: reads the catalog, cannot edit it."""
    return django_user_model.objects.create_user("pegawai", password="rahasia-pegawai-1")


@pytest.fixture
def staff_client(client, staff_user):
    client.force_login(staff_user)
    return client


@pytest.fixture
def admin_client_(client, admin_user):
    client.force_login(admin_user)
    return client


def pytest_configure(config):
    from django.conf import settings

    # The real hasher costs ~0.3 s per password; tests only need the logins to work.
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
