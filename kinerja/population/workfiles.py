"""The files an import writes while it runs, kept private and never left behind.

An import works in its own directory under the population directory (``kerja-<token>/``, mode
0700, files 0600): the uploaded extract while it waits to be read, the DuckDB working database
with its WAL and spill files, and ``pid`` (the process that owns it). When the import succeeds the
working database (de-identified: no NIK, no KK number) is moved out as ``kerja-<token>.duckdb`` for
later reference dates and the directory is removed; when it fails it is removed; and when a
process was killed (``kill -9``, OOM, a restart) nothing could remove it, so the next import first
removes every directory whose owner process is gone (``clean_stale``). The working database never
held a NIK in clear (validation hashes it in the first pass), but the upload does until it is read.
No Django here: the kill test drives it from a bare subprocess.
"""

from __future__ import annotations

import os
import shutil
import uuid
from dataclasses import dataclass
from pathlib import Path

PREFIX = "kerja-"


@dataclass(frozen=True, slots=True)
class WorkDir:
    path: Path

    @property
    def token(self) -> str:
        return self.path.name.removeprefix(PREFIX)

    @property
    def database(self) -> Path:
        return self.path / "kerja.duckdb"

    def file(self, name: str) -> Path:
        """A private file in the directory (created empty, 0600) for an upload to be written to."""
        target = self.path / Path(name).name
        fd = os.open(target, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
        os.close(fd)
        return target

    def remove(self) -> None:
        shutil.rmtree(self.path, ignore_errors=True)


def private_dir(root: str | Path) -> Path:
    root = Path(root)
    root.mkdir(parents=True, exist_ok=True)
    os.chmod(root, 0o700)
    return root


def create(root: str | Path, pid: int | None = None) -> WorkDir:
    """A new private working directory owned by ``pid`` (default: this process)."""
    base = private_dir(root)
    path = base / f"{PREFIX}{uuid.uuid4().hex[:12]}"
    path.mkdir(mode=0o700)
    claim(WorkDir(path), pid)
    return WorkDir(path)


def claim(work: WorkDir, pid: int | None = None) -> None:
    """Record the process that owns ``work`` (a background job claims its upload directory)."""
    pid_file = work.path / "pid"
    fd = os.open(pid_file, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    with os.fdopen(fd, "w") as fh:
        fh.write(str(pid or os.getpid()))


def alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


def owner(path: Path) -> int | None:
    try:
        return int((path / "pid").read_text().strip())
    except (OSError, ValueError):
        return None


def clean_stale(root: str | Path) -> list[str]:
    """Remove the working directories of imports whose process is gone; returns their names.
    Directories of running imports (another agency's) are left alone."""
    root = Path(root)
    removed = []
    if not root.is_dir():
        return removed
    for path in root.glob(f"{PREFIX}*"):
        if not path.is_dir():
            continue
        pid = owner(path)
        if pid is None or not alive(pid):
            shutil.rmtree(path, ignore_errors=True)
            removed.append(path.name)
    return removed


def keep_database(work: WorkDir) -> Path:
    """Move the finished (de-identified) working database out of ``work`` to keep it for later
    reference dates; the rest of the directory is removed. Returns the kept file (0600)."""
    kept = work.path.parent / f"{PREFIX}{work.token}.duckdb"
    os.replace(work.database, kept)
    os.chmod(kept, 0o600)
    work.remove()
    return kept
