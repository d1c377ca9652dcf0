"""Backups of the database and the evidence files, and their restore into an empty place.

One archive (``.tar.gz``) holds ``manifest.json`` (format, engine, time, the applied migrations,
the row count of every table, the SHA-256 of every file), ``database/`` and ``media/``.

How the database is copied, per engine (docs/security.md says why):
- SQLite: the sqlite3 online backup API, a consistent page-by-page copy of the live database
  (WAL included) while the application keeps running; restore writes it back the same way.
- PostgreSQL: ``pg_dump --format=custom`` and ``pg_restore`` (the server's own tools, one
  consistent snapshot; the client must be at least the server's version).

A restore refuses a place that already holds data (unless forced), checks every file against
its checksum and every table against its row count, and says what it restored.
"""

from __future__ import annotations

import hashlib
import io
import json
import os
import shutil
import sqlite3
import subprocess
import tarfile
import tempfile
from datetime import UTC, datetime
from pathlib import Path, PurePosixPath
from typing import Any

FORMAT = "kinerja.backup/1"


class BackupError(Exception):
    """A backup or restore that cannot go on; the message is Indonesian."""


def engine_of(settings_dict: dict[str, Any]) -> str:
    engine = settings_dict["ENGINE"]
    if engine.endswith("sqlite3"):
        return "sqlite"
    if engine.endswith("postgresql"):
        return "postgresql"
    raise BackupError(f"mesin basis data {engine} tidak didukung")


# ---------------------------------------------------------------------------------------------
# Backup


def backup(archive: Path, *, connection: Any, media_root: Path) -> dict[str, Any]:
    """Write the archive; returns its manifest."""
    engine = engine_of(connection.settings_dict)
    archive = Path(archive)
    archive.parent.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(prefix="kinerja-backup-") as work:
        work_dir = Path(work)
        if engine == "sqlite":
            db_name = "database/kinerja.sqlite3"
            _sqlite_backup(connection, work_dir / "db")
        else:
            db_name = "database/kinerja.pgdump"
            _pg_dump(connection.settings_dict, work_dir / "db")
        files = _media_files(media_root)
        manifest = {
            "format": FORMAT,
            "engine": engine,
            "created": datetime.now(UTC).isoformat(timespec="seconds"),
            "migrations": _migrations(connection),
            "tables": table_counts(connection),
            "database": {"name": db_name, "sha256": _sha256(work_dir / "db")},
            "files": {str(rel): _sha256(media_root / rel) for rel in files},
        }
        partial = archive.with_name(archive.name + ".part")
        with tarfile.open(partial, "w:gz") as tar:
            _add_bytes(tar, "manifest.json", json.dumps(manifest, indent=2).encode())
            tar.add(work_dir / "db", arcname=db_name)
            for rel in files:
                tar.add(media_root / rel, arcname=f"media/{rel}")
        os.replace(partial, archive)  # never a half-written archive under the final name
    archive.chmod(0o600)  # personal data: readable by the owner only
    return manifest


def _sqlite_backup(connection: Any, target: Path) -> None:
    connection.ensure_connection()
    with sqlite3.connect(target) as destination:
        connection.connection.backup(destination)
    destination.close()


def _pg_env(settings_dict: dict[str, Any]) -> tuple[list[str], dict[str, str]]:
    args = []
    if settings_dict.get("HOST"):
        args += ["--host", str(settings_dict["HOST"])]
    if settings_dict.get("PORT"):
        args += ["--port", str(settings_dict["PORT"])]
    if settings_dict.get("USER"):
        args += ["--username", str(settings_dict["USER"])]
    env = {**os.environ, "PGCONNECT_TIMEOUT": "10"}
    if settings_dict.get("PASSWORD"):
        env["PGPASSWORD"] = str(settings_dict["PASSWORD"])
    return args, env


def _pg_dump(settings_dict: dict[str, Any], target: Path) -> None:
    args, env = _pg_env(settings_dict)
    _run(
        [
            "pg_dump",
            "--format=custom",
            "--no-owner",
            "--no-privileges",
            *args,
            "--file",
            str(target),
            settings_dict["NAME"],
        ],
        env,
    )


def _run(command: list[str], env: dict[str, str]) -> None:
    if shutil.which(command[0]) is None:
        raise BackupError(f"{command[0]} tidak ditemukan; pasang paket postgresql-client")
    proc = subprocess.run(command, env=env, capture_output=True, text=True)
    if proc.returncode != 0:
        raise BackupError(f"{command[0]} gagal: {proc.stderr.strip()[-500:]}")


def _media_files(root: Path) -> list[PurePosixPath]:
    if not root.exists():
        return []
    return sorted(
        PurePosixPath(path.relative_to(root).as_posix())
        for path in root.rglob("*")
        if path.is_file() and not path.is_symlink()
    )


def _migrations(connection: Any) -> list[str]:
    with connection.cursor() as cursor:
        cursor.execute("SELECT app, name FROM django_migrations ORDER BY app, name")
        return [f"{app}.{name}" for app, name in cursor.fetchall()]


def table_counts(connection: Any) -> dict[str, int]:
    """Rows per table, every table of the database (not only the models')."""
    counts = {}
    with connection.cursor() as cursor:
        for table in sorted(connection.introspection.table_names(cursor)):
            cursor.execute(f"SELECT COUNT(*) FROM {connection.ops.quote_name(table)}")
            counts[table] = cursor.fetchone()[0]
    return counts


def _sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with open(path, "rb") as handle:
        for block in iter(lambda: handle.read(1024 * 1024), b""):
            digest.update(block)
    return digest.hexdigest()


def _add_bytes(tar: tarfile.TarFile, name: str, data: bytes) -> None:
    info = tarfile.TarInfo(name)
    info.size = len(data)
    info.mode = 0o600
    info.mtime = int(datetime.now(UTC).timestamp())
    tar.addfile(info, io.BytesIO(data))


# ---------------------------------------------------------------------------------------------
# Restore


def read_manifest(archive: Path) -> dict[str, Any]:
    try:
        with tarfile.open(archive, "r:gz") as tar:
            member = tar.extractfile("manifest.json")
            manifest = json.loads(member.read()) if member else None
    except (OSError, tarfile.TarError, KeyError, ValueError):
        raise BackupError(f"{archive} bukan arsip cadangan kinerja") from None
    if not isinstance(manifest, dict) or manifest.get("format") != FORMAT:
        raise BackupError(f"{archive} bukan arsip cadangan kinerja ({FORMAT})")
    return manifest


def restore(
    archive: Path, *, connection: Any, media_root: Path, force: bool = False
) -> dict[str, Any]:
    """Restore the archive into the connection's database and media_root. Both must be empty
    (no table with rows, no file) unless ``force``; returns the manifest."""
    manifest = read_manifest(archive)
    engine = engine_of(connection.settings_dict)
    if manifest["engine"] != engine:
        raise BackupError(
            f"cadangan dari {manifest['engine']}, basis data tujuan {engine}: pulihkan ke mesin "
            "yang sama (pindah mesin: kinerja dumpdata/loaddata)"
        )
    if not force:
        _require_empty(connection, media_root)
    with tempfile.TemporaryDirectory(prefix="kinerja-restore-") as work:
        work_dir = Path(work)
        _extract(archive, work_dir, manifest)
        db_file = work_dir / manifest["database"]["name"]
        if _sha256(db_file) != manifest["database"]["sha256"]:
            raise BackupError("berkas basis data dalam arsip rusak (sidik SHA-256 berbeda)")
        if engine == "sqlite":
            _sqlite_restore(connection, db_file)
        else:
            _pg_restore(connection, db_file)
        media_root.mkdir(parents=True, exist_ok=True)
        for rel in manifest["files"]:
            target = media_root / rel
            target.parent.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(work_dir / "media" / rel, target)
    counts = table_counts(connection)
    wrong = {
        table: (count, counts.get(table))
        for table, count in manifest["tables"].items()
        if counts.get(table) != count
    }
    if wrong:
        raise BackupError(f"jumlah baris setelah pemulihan berbeda: {wrong}")
    return manifest


def _require_empty(connection: Any, media_root: Path) -> None:
    name = str(connection.settings_dict["NAME"])
    missing_file = (
        engine_of(connection.settings_dict) == "sqlite"
        and not name.startswith("file:")
        and name != ":memory:"
        and not Path(name).exists()
    )
    counts = {} if missing_file else table_counts(connection)
    filled = {t: n for t, n in counts.items() if n and t != "django_migrations"}
    if filled:
        raise BackupError(
            f"basis data tujuan tidak kosong ({len(filled)} tabel berisi, mis. "
            f"{next(iter(filled))}); pulihkan ke tempat kosong atau pakai --force"
        )
    if media_root.exists() and any(p.is_file() for p in media_root.rglob("*")):
        raise BackupError(f"folder berkas {media_root} tidak kosong; pakai --force")


def _extract(archive: Path, work_dir: Path, manifest: dict[str, Any]) -> None:
    wanted = {manifest["database"]["name"]} | {f"media/{rel}" for rel in manifest["files"]}
    with tarfile.open(archive, "r:gz") as tar:
        for member in tar.getmembers():
            if member.name not in wanted:
                continue
            if not member.isfile():
                raise BackupError(f"isi arsip tidak wajar: {member.name}")
            tar.extract(member, work_dir, filter="data")  # no absolute paths, no ".."
    for rel, digest in manifest["files"].items():
        path = work_dir / "media" / rel
        if not path.is_file() or _sha256(path) != digest:
            raise BackupError(f"berkas {rel} dalam arsip hilang atau rusak")


def _sqlite_restore(connection: Any, db_file: Path) -> None:
    connection.ensure_connection()
    with sqlite3.connect(db_file) as source:
        source.backup(connection.connection)
    source.close()


def _pg_restore(connection: Any, db_file: Path) -> None:
    args, env = _pg_env(connection.settings_dict)
    connection.close()
    _run(
        [
            "pg_restore",
            "--clean",
            "--if-exists",
            "--no-owner",
            "--no-privileges",
            "--single-transaction",
            "--exit-on-error",
            *args,
            "--dbname",
            connection.settings_dict["NAME"],
            str(db_file),
        ],
        env,
    )
