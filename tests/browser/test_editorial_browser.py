"""In a real browser: a reader suggests a correction from a law page, and the editorial pages pass axe-core.

Uses the browser fixtures of this folder's conftest (Playwright with Debian's Chromium, axe-core from npm).
"""

import re

import pytest
from django.core.cache import cache
from playwright.sync_api import expect

from editorial.models import CorrectionSubmission
from laws.models import Law
from tests.support import EDITOR_PASSWORD

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_a_reader_suggests_a_correction_from_a_law_page(page, axe_violations):
    cache.clear()  # the per-address limit counts in the cache
    page.goto("/countries/kz/laws/constitution/")
    page.get_by_role("contentinfo").get_by_role("link", name="Suggest a correction").click()
    expect(page.locator("h1")).to_have_text("Suggest a correction")
    expect(page.get_by_role("main")).to_contain_text("/countries/kz/laws/constitution/")
    assert axe_violations(page) == []

    page.get_by_role("button", name="Send the correction").click()
    expect(page.get_by_role("main")).to_contain_text("Please tell us what is wrong.")
    assert axe_violations(page) == []

    page.get_by_label("What is wrong?").fill("Article 32 was amended in 2022; the page quotes the old text.")
    page.get_by_label("Source").fill("https://adilet.zan.kz/eng/docs/K950001000_")
    page.get_by_role("button", name="Send the correction").click()
    expect(page.locator("h1")).to_have_text("Thank you")
    assert axe_violations(page) == []
    page.get_by_role("link", name="Back to the page").click()
    expect(page).to_have_url(re.compile(r"/countries/kz/laws/constitution/$"))

    correction = CorrectionSubmission.objects.get()
    assert correction.record == Law.objects.get(country__iso2="KZ", slug="constitution")
    assert correction.source == "https://adilet.zan.kz/eng/docs/K950001000_"


@pytest.mark.parametrize("width", [1280, 360])
def test_the_what_changed_page_reads_well_and_passes_axe(browser, site, axe_violations, width):
    law = Law.objects.get(country__iso2="KZ", slug="constitution")
    law.summary = f"{law.summary} (revised)"
    law.save()
    context = browser.new_context(viewport={"width": width, "height": 900}, base_url=site)
    page = context.new_page()
    page.goto("/countries/kz/changes/")
    expect(page.get_by_role("main").get_by_role("listitem").first).to_contain_text("changed: Summary.")
    assert axe_violations(page) == []
    assert page.evaluate("document.documentElement.scrollWidth") <= width
    context.close()


def test_admin_and_api_docs_work_under_the_content_security_policy(page, editor, live_server):
    """The admin and Swagger UI run with scripts and styles from this site only; the `page` fixture fails the
    test if the browser blocked anything."""
    page.goto("/admin/login/")
    page.fill("#id_username", editor.username)
    page.fill("#id_password", EDITOR_PASSWORD)
    page.click("input[type=submit]")
    page.goto("/admin/laws/law/")
    page.click("#result_list tbody tr a")  # a change form, with its widgets' scripts
    page.wait_for_load_state("networkidle")
    page.goto("/api/v1/docs/")
    page.wait_for_selector(".swagger-ui .info .title")
    assert "NGO Monitor API" in page.inner_text(".swagger-ui .info .title")
