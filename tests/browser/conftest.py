"""Browser tests: Playwright for Python driving Debian's Chromium, with axe-core for accessibility.

Nothing is downloaded here: Chromium is the system one (/usr/bin/chromium) and axe-core is installed from the
npm registry by `make test` (target `axe`, pinned version) into tests/browser/node_modules. When either is
missing the tests skip with the reason on a plain machine, and fail when the CI variable is set.

`live_server` runs on a transactional database that is flushed after each test: every test that writes loads the
fixtures first, and the module-scoped `fixtures_restored` reloads them at the end so later tests still see the
seeded profile. A module whose tests only read uses `reading_site`, one server over the seed, nothing flushed.
"""

import os
import shutil
from pathlib import Path

import pytest
from django.core.management import call_command

from tests.support import unavailable

os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")  # Playwright's sync API runs an event loop

CHROMIUM = os.environ.get("CHROMIUM", "/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
AXE = Path(__file__).parent / "node_modules" / "axe-core" / "axe.min.js"


@pytest.fixture(scope="session")
def browser():
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        unavailable("Playwright for Python is not installed (make install)")
    if not (Path(CHROMIUM).exists() or shutil.which(CHROMIUM)):
        unavailable(f"Chromium not found at {CHROMIUM} (apt-get install chromium)")
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield browser
        browser.close()


@pytest.fixture(scope="session")
def axe_source():
    if not AXE.exists():
        unavailable(f"axe-core not found at {AXE} (make axe installs it from npm)")
    return AXE.read_text()


@pytest.fixture
def site(fixtures_restored, live_server):
    """The live site with the seeded fixtures loaded, for a test that writes (a flushed database afterwards)."""
    call_command("load_fixtures", verbosity=0)
    return live_server.url


@pytest.fixture(scope="module")
def reading_site(django_db_setup, django_db_blocker):
    """A live site over the seed as the session loaded it, for a module whose tests only read.

    `live_server` makes every test transactional: the fixtures loaded before it and the database flushed after
    it, 4-5 s a test on PostgreSQL. A module that writes nothing needs neither: its server reads the committed
    seed (the module that ran before on this worker restored it, see `fixtures_restored`). Database access stays
    open for the module because the server's thread answers during its tests.
    """
    from pytest_django.live_server_helper import LiveServer

    with django_db_blocker.unblock():
        server = LiveServer("localhost")
        server._live_server_modified_settings.enable()
        try:
            yield server.url
        finally:
            server._live_server_modified_settings.disable()
            server.stop()


@pytest.fixture
def page(browser, site):
    """A page at 1280 px. At the end, nothing it loaded may have broken the Content-Security-Policy: the
    browser reports every blocked script, style or request on the console."""
    context = browser.new_context(viewport={"width": 1280, "height": 900}, base_url=site)
    page = context.new_page()
    blocked = []
    page.on(
        "console", lambda message: blocked.append(message.text) if "Content Security Policy" in message.text else None
    )
    yield page
    context.close()
    assert not blocked, blocked


@pytest.fixture
def axe_violations(axe_source):
    """`axe_violations(page)`: run axe-core in the page; return its violations as readable strings."""
    return lambda page: run_axe(page, axe_source)


def run_axe(page, axe_source):
    # Evaluated through the DevTools protocol, which the page's Content-Security-Policy does not govern (a
    # <script> tag with inline content would be blocked, as it should be).
    page.evaluate(f"() => {{ {axe_source}\n; window.axe = axe; }}")
    result = page.evaluate("async () => await axe.run(document, {resultTypes: ['violations']})")
    return [
        f"{v['id']} ({v['impact']}): {v['help']} — {[node['target'] for node in v['nodes']][:5]}"
        for v in result["violations"]
    ]
