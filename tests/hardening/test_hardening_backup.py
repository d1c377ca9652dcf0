"""kinerja backup / kinerja restore: a backup restored into an empty place holds every row of
every table and every evidence file, byte for byte (SQLite and PostgreSQL)."""

import hashlib
import io
import tarfile
from pathlib import Path

import pytest
from django.core.files.base import ContentFile
from django.core.management import call_command
from django.db import connection
from django.db.utils import load_backend

from kinerja.catalog.models import Indicator
from kinerja.catalog.services import SEED_PATH, catalog_import, load_document
from kinerja.measurement.models import Evidence
from kinerja.measurement.services import realization_save
from kinerja.ops.backup import BackupError, backup, read_manifest, restore

PDF = b"%PDF-1.4\n1 0 obj<</Type/Catalog>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n"


@pytest.fixture
def filled(transactional_db, settings, tmp_path, django_user_model):
    settings.MEDIA_ROOT = tmp_path / "media"
    document, sha = load_document(SEED_PATH.read_bytes())
    catalog_import(document=document, source_sha256=sha, actor="beban")
    django_user_model.objects.create_user("staf", password="benar-sekali-77")
    indicators = Indicator.objects.filter(kind="count", frequency="monthly").order_by("pk")[:3]
    for n, indicator in enumerate(indicators, start=1):
        realization = realization_save(
            actor="beban",
            indicator=indicator,
            year=2021,
            period=n,
            value=n * 10,
            note=f"catatan {n}",
            check_access=False,
        )
        content = PDF + str(n).encode()
        evidence = Evidence(
            realization=realization,
            source=indicator.sources.first(),
            original_name=f"bukti-{n}.pdf",
            content_type="application/pdf",
            size=len(content),
            sha256=hashlib.sha256(content).hexdigest(),
        )
        evidence.file.save("x", ContentFile(content), save=False)
        evidence.save()
    return Path(settings.MEDIA_ROOT)


def _target(tmp_path):
    """A connection to an empty place: a new SQLite file, or a new PostgreSQL database."""
    settings_dict = dict(connection.settings_dict)
    if connection.vendor == "sqlite":
        settings_dict["NAME"] = str(tmp_path / "pulih.sqlite3")
    else:
        settings_dict["NAME"] = connection.settings_dict["NAME"] + "_pulih"
        with connection.cursor() as cursor:
            cursor.execute(f'DROP DATABASE IF EXISTS "{settings_dict["NAME"]}"')
            cursor.execute(f'CREATE DATABASE "{settings_dict["NAME"]}"')
    backend = load_backend(settings_dict["ENGINE"])
    return backend.DatabaseWrapper(settings_dict, alias="pulih")


def _rows(conn):
    tables = {}
    with conn.cursor() as cursor:
        for table in sorted(conn.introspection.table_names(cursor)):
            cursor.execute(f"SELECT * FROM {conn.ops.quote_name(table)}")
            tables[table] = sorted(map(repr, cursor.fetchall()))
    return tables


def _files(root):
    return {
        p.relative_to(root).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in root.rglob("*")
        if p.is_file()
    }


def test_restore_into_empty_place_is_identical(filled, tmp_path):
    archive = tmp_path / "cadangan.tar.gz"
    manifest = backup(archive, connection=connection, media_root=filled)
    assert len(manifest["files"]) == 3 and manifest["tables"]["measurement_realization"] == 3
    assert archive.stat().st_mode & 0o077 == 0  # personal data: owner only

    target, media = _target(tmp_path), tmp_path / "media-pulih"
    try:
        restore(archive, connection=target, media_root=media)
        source_rows, restored_rows = _rows(connection), _rows(target)
        assert set(source_rows) == set(restored_rows)
        for table, rows in source_rows.items():
            assert restored_rows[table] == rows, table
        assert _files(media) == _files(filled) and len(_files(media)) == 3
        # A second restore into the now filled place is refused.
        with pytest.raises(BackupError, match="tidak kosong"):
            restore(archive, connection=target, media_root=media)
    finally:
        target.close()
        if connection.vendor == "postgresql":
            with connection.cursor() as cursor:
                cursor.execute(f'DROP DATABASE IF EXISTS "{target.settings_dict["NAME"]}"')


def test_damaged_archive_refused(filled, tmp_path):
    archive = tmp_path / "cadangan.tar.gz"
    backup(archive, connection=connection, media_root=filled)
    evil = tmp_path / "rusak.tar.gz"
    with tarfile.open(archive) as source, tarfile.open(evil, "w:gz") as tar:
        for member in source.getmembers():
            data = source.extractfile(member).read()
            if member.name.startswith("media/"):
                data = data + b"diubah"
                member.size = len(data)
            tar.addfile(member, io.BytesIO(data))
    target = _target(tmp_path)
    try:
        with pytest.raises(BackupError, match="rusak"):
            restore(evil, connection=target, media_root=tmp_path / "m2")
    finally:
        target.close()
        if connection.vendor == "postgresql":
            with connection.cursor() as cursor:
                cursor.execute(f'DROP DATABASE IF EXISTS "{target.settings_dict["NAME"]}"')
    with pytest.raises(BackupError):
        read_manifest(tmp_path / "media" / "bukti")


def test_commands(filled, tmp_path, capsys):
    archive = tmp_path / "c.tar.gz"
    call_command("backup", "-o", str(archive))
    assert "3 berkas" in capsys.readouterr().out
    assert read_manifest(archive)["engine"] == connection.vendor
