"""A researcher reads the Kazakhstan profile in a real browser, and every main page passes axe-core."""

import re

import pytest
from playwright.sync_api import expect

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_a_reader_jumps_through_the_profile_follows_a_law_to_an_article_and_back(page):
    page.goto("/countries/kz/")
    expect(page.locator("h1")).to_have_text("Civic Freedom Monitor: Kazakhstan")
    expect(page.locator(".updated")).to_contain_text("Last updated May 30, 2024")

    toc = page.get_by_role("navigation", name="Contents")
    toc.get_by_role("link", name="National laws and regulations affecting sector").click()
    expect(page).to_have_url(re.compile(r"/countries/kz/#laws$"))
    expect(page.locator("#laws-heading")).to_be_in_viewport()
    page.locator("#laws").get_by_role("link", name="Back to top").click()
    expect(page).to_have_url(re.compile(r"#top$"))
    expect(page.locator("h1")).to_be_in_viewport()

    toc.get_by_role("link", name="Barriers to Assembly").click()
    expect(page.locator("#barrier-assembly-heading")).to_be_in_viewport()

    page.locator("#law-entry-11").get_by_role("link").click()
    expect(page).to_have_url(re.compile(r"/countries/kz/laws/law-on-peaceful-assemblies/$"))
    cited = page.get_by_role("region", name="Constitutional articles cited with this law")
    cited.get_by_role("link", name="Article 32", exact=True).click()
    expect(page.locator("h1")).to_have_text("Article 32 of the Constitution")
    expect(page.locator(".article-text")).to_contain_text("assemble peacefully")
    barriers = page.get_by_role("region", name="Barriers that cite this article")
    expect(barriers.get_by_role("link", name="Barriers to Assembly")).to_be_visible()
    laws = page.get_by_role("region", name="Laws", exact=True)
    laws.get_by_role("link", name=re.compile("Peaceful Assemblies")).click()
    expect(page).to_have_url(re.compile(r"/countries/kz/laws/law-on-peaceful-assemblies/$"))
    page.go_back()
    expect(page.locator("h1")).to_have_text("Article 32 of the Constitution")


def test_a_reader_filters_news_by_language(page):
    page.goto("/countries/kz/news/")
    page.get_by_label("Language").select_option(label="Russian")
    page.get_by_role("button", name="Apply").click()
    expect(page).to_have_url(re.compile(r"language=ru"))
    items = page.locator(".news-item .meta")
    expect(items.first).to_contain_text("Russian")
    assert items.count() > 5
    for text in items.all_inner_texts():
        assert "Russian" in text and "English" not in text


def test_a_reader_opens_the_timeline_and_narrows_it(page):
    page.goto("/countries/kz/")
    page.locator(".profile-links").get_by_role("link", name="Timeline").click()
    expect(page.locator("h1")).to_contain_text("Timeline")
    expect(page.get_by_role("img", name="Timeline of events by kind and year")).to_be_visible()
    page.get_by_role("checkbox", name="Treaty ratified").check()
    page.get_by_role("button", name="Show").click()
    kinds = set(page.locator(".timeline__kind").all_inner_texts())
    assert kinds == {"Treaty ratified"}
    expect(page.locator(".timeline time").first).to_have_text("1992")


MAIN_PAGES = [
    "/",
    "/about/",
    "/countries/kz/",
    "/countries/kz/timeline/",
    "/countries/kz/laws/",
    "/countries/kz/laws/constitution/",
    "/countries/kz/constitution/articles/32/",
    "/countries/kz/barriers/assembly/",
    "/countries/kz/news/?language=ru",
    "/countries/kz/treaties/",
    "/countries/kz/laws/?kind=bogus",
]


@pytest.mark.parametrize("width", [1280, 360])
def test_main_pages_have_no_axe_violations(browser, site, axe_violations, width):
    context = browser.new_context(viewport={"width": width, "height": 900}, base_url=site)
    page = context.new_page()
    problems = {}
    for url in MAIN_PAGES:
        page.goto(url)
        violations = axe_violations(page)
        if violations:
            problems[url] = violations
        assert page.evaluate("document.documentElement.scrollWidth") <= width, f"{url} scrolls sideways"
    context.close()
    assert problems == {}
