"""The demo site as a person meets it: ``kinerja demo`` loaded once into a file database, served
by gunicorn (kinerja/web/gunicorn_conf.py) on port 8042 (8043 for the second xdist worker), and
one chromium for the session. The accessibility check, the link crawl, the phone-width check and
the guide's screenshots all read this site; none of them writes to it.

The demo takes about a minute to load; the database is built once per test run and shared by
the xdist workers (a file lock), so a second worker only starts its own server."""

from __future__ import annotations

import fcntl
import os
import socket
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path

import pytest
from browser import CHROMIUM

VENV_BIN = Path(sys.executable).parent
BASE_PORT = 8042
AXE = Path(__file__).parent / "vendor" / "axe.min.js"


@dataclass
class DemoSite:
    url: str
    passwords: dict[str, str]
    var: Path


def _env(var: Path, port: int) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("DJANGO_", "PYTEST"))}
    env.update(
        KINERJA_ENV="development",
        DEBUG="1",  # static files straight from the apps (no collectstatic)
        DATABASE_URL=f"sqlite:///{var}/demo.sqlite3",
        KINERJA_VAR_DIR=str(var),
        KINERJA_DEMO_RESIDENTS="2000",
        KINERJA_BIND=f"127.0.0.1:{port}",
        WEB_CONCURRENCY="2",
        GUNICORN_THREADS="4",
        LOG_LEVEL="warning",
        AXES_FAILURE_LIMIT="1000",
        DJANGO_SETTINGS_MODULE="kinerja.settings",
    )
    return env


def _build(var: Path) -> None:
    """Migrate and load the demo once (the first worker to get the lock does it)."""
    var.mkdir(parents=True, exist_ok=True)
    with open(var / ".lock", "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        if (var / "ready").exists():
            return
        env = _env(var, BASE_PORT)
        kinerja = str(VENV_BIN / "kinerja")
        subprocess.run([kinerja, "migrate", "--no-input", "-v", "0"], env=env, check=True)
        subprocess.run(
            [kinerja, "demo"], env=env, check=True, stdout=subprocess.DEVNULL, timeout=900
        )
        (var / "ready").write_text("ok")


def _passwords(var: Path) -> dict[str, str]:
    pairs = (line.split() for line in (var / "demo-accounts.txt").read_text().splitlines())
    return {p[0]: p[1] for p in pairs if len(p) == 2}


def _wait(process: subprocess.Popen, port: int, log: Path, seconds: float = 60) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"gunicorn stopped: {log.read_text()}")
        with socket.socket() as s:
            if s.connect_ex(("127.0.0.1", port)) == 0:
                return
        time.sleep(0.2)
    raise RuntimeError("gunicorn did not start")


@pytest.fixture(scope="session")
def demo_site(tmp_path_factory, worker_id) -> DemoSite:
    if not os.path.exists(CHROMIUM) and not os.environ.get("CI"):
        pytest.skip("chromium is not installed (scripts/setup.sh --test installs it)")
    # The directory every xdist worker of this run shares.
    shared = tmp_path_factory.getbasetemp()
    if worker_id != "master":
        shared = shared.parent
    # KINERJA_E2E_DEMO_DIR: a demo built by an earlier run, reused (for working on these tests).
    var = Path(os.environ.get("KINERJA_E2E_DEMO_DIR") or shared / "demo-site")
    _build(var)
    port = BASE_PORT + (int(worker_id[2:]) if worker_id.startswith("gw") else 0)
    # The access log goes to a file (a pipe nobody reads would fill up and stall the server).
    log = open(var / f"gunicorn-{port}.log", "w")  # noqa: SIM115
    process = subprocess.Popen(
        [str(VENV_BIN / "gunicorn"), "-c", "python:kinerja.web.gunicorn_conf", "kinerja.wsgi"],
        env=_env(var, port),
        stdout=log,
        stderr=subprocess.STDOUT,
    )
    try:
        _wait(process, port, var / f"gunicorn-{port}.log")
        yield DemoSite(url=f"http://127.0.0.1:{port}", passwords=_passwords(var), var=var)
    finally:
        process.terminate()
        process.wait(timeout=30)
        log.close()


@pytest.fixture(scope="session")
def chromium():
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        browser = p.chromium.launch(
            executable_path=CHROMIUM,
            args=["--no-sandbox", "--disable-gpu", "--disable-background-networking"],
        )
        yield browser
        browser.close()


@pytest.fixture(scope="session")
def sign_in(demo_site, chromium):
    """``sign_in(username, width=1366, bypass_csp=False)``: a browser context signed in as that
    demo account (through the login form), and its page. Close the context when done."""

    def open_as(username: str | None, width: int = 1366, bypass_csp: bool = False):
        context = chromium.new_context(
            viewport={"width": width, "height": 900}, bypass_csp=bypass_csp, locale="id-ID"
        )
        page = context.new_page()
        page.goto(demo_site.url + "/masuk/")
        if username:
            page.fill("input[name=username]", username)
            page.fill("input[name=password]", demo_site.passwords[username])
            page.click("form button[type=submit]")
            page.wait_for_load_state()
            assert "/masuk/" not in page.url, f"{username} could not sign in"
        return context, page

    return open_as


def first_link(page, pattern: str) -> str | None:
    """The first link on the page whose path matches the regular expression."""
    return page.evaluate(
        """(pattern) => {
            const re = new RegExp(pattern);
            // getAttribute: an <a> inside an SVG chart has no string .href
            const url = a => new URL(a.getAttribute('href'), document.baseURI);
            const a = [...document.querySelectorAll('main a[href]')]
                .find(a => re.test(url(a).pathname));
            return a ? url(a).pathname + url(a).search : null;
        }""",
        pattern,
    )
