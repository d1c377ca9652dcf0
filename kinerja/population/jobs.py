"""Imports started from the web: the upload is saved privately, a background process imports it
and computes the figures, the page shows its progress from the ``ImportJob`` row.

The background process is the management command (``kinerja population import --job ID``) started
with ``subprocess.Popen`` in its own session. Chosen over a thread because an import of millions of
rows holds DuckDB memory for minutes: a separate process gives it back to the system when it ends,
survives a gunicorn worker being recycled (or a runserver reload), cannot stall the web workers'
GIL, and can be killed on its own; chosen over a task queue because the office runs without Redis
or Celery. The database row is the only channel: the process writes its stage, the page reads it.
A process that died (kill -9, OOM) leaves its row "berjalan" with a dead pid: the next start marks
it failed and removes its files (workfiles.clean_stale), and since the ExtractImport is recorded
only when the import succeeds, the previous figures stay the current ones.
"""

from __future__ import annotations

import logging
import os
import subprocess
import sys
from datetime import date
from pathlib import Path
from typing import Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction

from kinerja.accounts.access import access_for
from kinerja.catalog.models import Agency
from kinerja.population import ExtractFormatError, workfiles
from kinerja.population.models import ImportJob
from kinerja.population.services import extract_import, figures_compute, work_dir

log = logging.getLogger(__name__)


def can_import(user: Any, agency: Agency | None = None) -> bool:
    """Who may upload an extract (for ``agency``, or for any agency): the agency's administrator
    or perencana through accounts' permission "population.import"; where accounts has no such
    permission yet, the administrators (``access_for(user).is_admin``). The one place to change."""
    if not getattr(user, "is_authenticated", False):
        return False
    try:
        from kinerja.accounts.permissions import can
    except ImportError:
        return access_for(user).is_admin
    agencies = [agency] if agency is not None else list(Agency.objects.all())
    return any(can(user, "population.import", a) for a in agencies)


def _mark_dead_jobs(agency: Agency) -> None:
    for job in ImportJob.objects.filter(agency=agency, state__in=ImportJob.ACTIVE):
        if job.pid is None or not workfiles.alive(job.pid):
            job.state = ImportJob.State.FAILED
            job.message = "Impor terhenti (proses berhenti sebelum selesai); angka lama tetap."
            job.save(update_fields=["state", "message", "updated_at"])
    workfiles.clean_stale(work_dir())


def _save_upload(upload: Any, target: Path) -> str:
    with open(target, "wb") as fh:
        for chunk in upload.chunks():
            fh.write(chunk)
    return target.name


def job_start(
    *, user: Any, agency: Agency, residents: Any, services: Any = None, extract_date: date
) -> ImportJob:
    """Save the uploaded files privately and start the background import. Raises
    ValidationError when this agency already has an import running."""
    _mark_dead_jobs(agency)
    work = workfiles.create(work_dir())
    try:
        names = {
            "residents_name": _save_upload(residents, work.file("penduduk" + _ext(residents))),
            "services_name": (
                _save_upload(services, work.file("layanan" + _ext(services))) if services else ""
            ),
        }
        with transaction.atomic():
            job = ImportJob.objects.create(
                agency=agency,
                actor=user.get_username()[:150],
                work_dir=str(work.path),
                extract_date=extract_date,
                stage="Menunggu giliran",
                **names,
            )
    except IntegrityError:
        work.remove()
        raise ValidationError(
            "Impor lain untuk perangkat daerah ini sedang berjalan; tunggu sampai selesai."
        ) from None
    except BaseException:
        work.remove()
        raise
    _launch(job, work)
    return job


def _ext(upload: Any) -> str:
    name = str(getattr(upload, "name", "")).lower()
    return ".parquet" if name.endswith((".parquet", ".pq")) else ".csv"


def _launch(job: ImportJob, work: workfiles.WorkDir) -> None:
    if getattr(settings, "KINERJA_POPULATION_JOBS", "subprocess") == "inline":
        job.pid = os.getpid()
        job.save(update_fields=["pid"])
        job_run(job.pk)
        return
    proc = subprocess.Popen(
        [sys.executable, "-m", "kinerja.cli", "population", "import", "--job", str(job.pk)],
        stdin=subprocess.DEVNULL,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        start_new_session=True,
        close_fds=True,
    )
    workfiles.claim(work, proc.pid)
    ImportJob.objects.filter(pk=job.pk).update(pid=proc.pid)


def job_run(job_id: int) -> ImportJob:
    """Run a queued job in this process: import, compute the figures on the extract date, record
    the outcome in the row; the uploaded files are removed whatever happens."""
    os.umask(0o077)
    job = ImportJob.objects.select_related("agency").get(pk=job_id)
    work = workfiles.WorkDir(Path(job.work_dir))
    workfiles.claim(work)
    ImportJob.objects.filter(pk=job.pk).update(state=ImportJob.State.RUNNING, pid=os.getpid())

    def progress(stage: str, done: int, total: int) -> None:
        ImportJob.objects.filter(pk=job.pk).update(stage=stage[:120], done=done, total=total + 1)

    try:
        record = extract_import(
            actor=job.actor,
            agency=job.agency,
            residents_path=work.path / job.residents_name,
            services_path=(work.path / job.services_name) if job.services_name else None,
            extract_date=job.extract_date,
            progress=progress,
            work=work,
        )
        progress("Menghitung indikator pada tanggal ekstrak", 7, 7)
        figures_compute(actor=job.actor, extract=record, as_of=job.extract_date)
        job.state, job.extract, job.message = ImportJob.State.DONE, record, ""
        job.stage, job.done, job.total = "Selesai", 1, 1
    except (ExtractFormatError, ValidationError, OSError) as exc:
        text = "; ".join(exc.messages) if isinstance(exc, ValidationError) else str(exc)
        job.state, job.message = ImportJob.State.FAILED, text.splitlines()[0][:500]
    except Exception as exc:
        # DuckDB messages may quote a line of the file: log the kind only.
        log.error("impor #%s gagal: %s", job.pk, type(exc).__name__)
        job.state = ImportJob.State.FAILED
        job.message = f"Impor gagal ({type(exc).__name__}); angka lama tetap."
    finally:
        work.remove()
    job.save(update_fields=["state", "extract", "message", "stage", "done", "total"])
    return job
